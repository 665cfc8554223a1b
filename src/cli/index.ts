import { processIo } from './cli-io.ts';
import { runCli } from './run-cli.ts';
import { main } from './stage-sync.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  io: processIo,
  planOrApply: main,
  nodeVersion: process.versions.node,
});
