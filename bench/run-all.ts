/**
 * `npm run bench`: every benchmark in sequence, in one process, then a tally of the verdicts.
 * Benchmarks print figures and PASS/MISS against the targets in bench/README.md; a MISS is information, not a
 * failure, so the exit code is 0 unless a benchmark crashes.
 */
import { cpus } from 'node:os';
import { main as applyBench } from './apply.ts';
import { main as coldStartBench } from './cold-start.ts';
import { main as commentSizeBench } from './comment-size.ts';
import { main as planBench } from './plan.ts';
import { main as realisticBench } from './realistic.ts';
import { verdicts } from './lib/report.ts';
import { main as soakBench } from './soak.ts';

const BENCHMARKS: readonly (readonly [string, () => Promise<void>])[] = [
  ['plan', planBench],
  ['apply', applyBench],
  ['realistic', realisticBench],
  ['cold-start', coldStartBench],
  ['comment-size', commentSizeBench],
  ['soak', soakBench],
];

const started = performance.now();
console.log(
  `stage-sync benchmarks, ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'})`,
);
for (const [name, run] of BENCHMARKS) {
  const start = performance.now();
  await run();
  console.log(`  (${name}: ${((performance.now() - start) / 1000).toFixed(1)} s)`);
}
const missed = verdicts.filter((v) => !v.pass);
console.log(
  `\n${verdicts.length - missed.length}/${verdicts.length} PASS${missed.length ? `; MISS: ${missed.map((v) => v.name).join('; ')}` : ''} (${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
);
