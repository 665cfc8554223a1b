/**
 * Printing benchmark figures: one aligned line per figure, PASS/MISS against a target. Benchmarks
 * never fail on speed; the verdicts are for the reader (and for run-all's closing tally).
 */

/** Every verdict printed in this process, so run-all can tally them. */
export const verdicts: { name: string; pass: boolean }[] = [];

export function heading(text: string): void {
  console.log(`\n== ${text}`);
}

export function figure(label: string, value: string): void {
  console.log(`  ${label.padEnd(44)} ${value}`);
}

/** Prints `PASS`/`MISS` with the measured value and the target it is judged against. */
export function verdict(label: string, pass: boolean, detail: string): boolean {
  verdicts.push({ name: label, pass });
  console.log(`  ${(pass ? 'PASS' : 'MISS').padEnd(5)}${label.padEnd(39)} ${detail}`);
  return pass;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Wall time of `work` in ms, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Fake credentials: the SDK signs requests to the loopback emulator; no AWS account is used. */
export function useEmulatorCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIDBENCHMARK';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'benchmark-secret';
  process.env.AWS_REGION ??= 'us-east-1';
}
