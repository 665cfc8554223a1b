/**
 * The local command's front door: checks Node, parses the command line, runs the command, and
 * turns any failure into one line (the stack only with --debug). Every exit code is decided here:
 * 0 done, 1 failed (AWS, the network, the specs, a refused apply), 2 the command line was wrong.
 */
import { failureLine } from './failure-line.ts';
import type { CliIo } from './cli-io.ts';
import { ImportError, ImportUsageError, runImport } from './import-command.ts';
import { nodeVersionProblem } from './node-check.ts';
import { parseCommandLine, type PlanApplyValues } from './parse-command-line.ts';

/** Runs `plan` or `apply` (src/cli/stage-sync.ts). */
export type PlanApplyRunner = (
  command: 'plan' | 'apply',
  values: PlanApplyValues,
) => Promise<number>;

export interface RunCliOptions {
  readonly io: CliIo;
  readonly planOrApply: PlanApplyRunner;
  /** `process.versions.node`. */
  readonly nodeVersion: string;
}

export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<number> {
  const { io } = options;
  const nodeProblem = nodeVersionProblem(options.nodeVersion);
  if (nodeProblem) {
    io.stderr(`${nodeProblem}\n`);
    return 1;
  }
  const parsed = parseCommandLine(argv);
  if (parsed.kind === 'print') {
    io.stdout(`${parsed.text}\n`);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    io.stderr(`${parsed.message}\n`);
    return 2;
  }
  try {
    return parsed.command === 'import'
      ? await runImport(parsed.values, io)
      : await options.planOrApply(parsed.command, parsed.values);
  } catch (error) {
    if (error instanceof ImportUsageError) {
      io.stderr(`stage-sync: ${error.message}\nRun 'stage-sync import --help' for its options.\n`);
      return 2;
    }
    const endpoint = parsed.values.endpoint ?? io.env.AWS_ENDPOINT_URL_CLOUDCONTROL;
    const line =
      error instanceof ImportError
        ? error.message
        : failureLine(error, { ...(endpoint ? { endpoint } : {}), debug: parsed.debug });
    io.stderr(`stage-sync: ${line}\n`);
    if (parsed.debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 1;
  }
}
