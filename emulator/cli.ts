/**
 * `npm run emulator -- [flags]`: starts the Cloud Control emulator on 127.0.0.1 and keeps it
 * running until SIGINT, SIGTERM or SIGHUP, then closes its connections and exits, freeing the
 * port. The first stdout line is always `Cloud Control emulator listening on http://127.0.0.1:PORT`,
 * so scripts can wait for it; a line per seeded API (REST, HTTP or WebSocket) follows.
 *
 * npm forwards a signal to the script's shell only; package.json's `emulator` script `exec`s
 * node so that the signal reaches this process (a shell that dies first would leave it running).
 */
import { CliUsageError, parseCliArgs, usage } from './cli-args.ts';
import type { CallRecord } from './calls.ts';
import { plantSeeds } from './plant-seeds.ts';
import { seedsFromSpecs } from './seed-from-specs.ts';
import { startEmulator } from './server.ts';

function callLine(call: CallRecord): string {
  const subject = [call.typeName, call.identifier, call.requestToken].filter(Boolean).join(' ');
  return `${call.time.toISOString()} ${call.operation} ${subject} -> ${call.outcome} (${call.httpStatus})`;
}

async function main(argv: readonly string[]): Promise<void> {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  let fromSpecs;
  try {
    fromSpecs = await seedsFromSpecs(command.seedFrom);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  for (const problem of fromSpecs.skipped)
    process.stderr.write(`--seed-from: skipped ${problem}\n`);
  const emulator = await startEmulator({
    port: command.port,
    knobs: command.knobs,
    ...(command.logCalls
      ? { onCall: (call: CallRecord) => process.stdout.write(`${callLine(call)}\n`) }
      : {}),
  });
  const seededLines = plantSeeds(emulator, {
    restApis: [...command.restApis, ...fromSpecs.restApis],
    v2Apis: fromSpecs.v2Apis,
  });
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Handlers first: a script may signal the moment it reads the line below.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
  process.stdout.write(`Cloud Control emulator listening on ${emulator.url}\n`);
  for (const line of seededLines) process.stdout.write(`${line}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
