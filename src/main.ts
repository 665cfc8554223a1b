/**
 * The action's entry and its one exit: read the config, run, then write every output and, for a
 * failure, the run's failed status. Nothing else in `src/` sets outputs or fails the step.
 * Exported so `@github/local-action` can run it too.
 */
import * as core from '@actions/core';
import type { ActionOutcome } from './action/outcome.ts';
import { actionOutputs } from './action/outputs.ts';
import { actionPorts } from './action/ports.ts';
import { runAction } from './action/run-action.ts';
import { InputError, readConfig } from './config.ts';

/** Secrets never reach the log, even with step debugging on. */
function maskSecrets(...secrets: (string | undefined)[]): void {
  for (const secret of secrets) if (secret) core.setSecret(secret);
}

async function outcomeOfRun(signal: AbortSignal): Promise<ActionOutcome> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof InputError)
      return { failure: { reason: 'invalid-input', message: error.message } };
    throw error;
  }
  maskSecrets(config.githubToken);
  return runAction(config, actionPorts(config), signal);
}

export async function run(): Promise<void> {
  // A runner cancels a job with SIGINT, then SIGTERM: stop submitting work, settle, report.
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!stop.signal.aborted)
      core.warning(
        `Received ${signal}: no new AWS writes will start; reporting what is in flight.`,
      );
    stop.abort(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // AWS's secrets first, before anything that could fail and print.
  maskSecrets(process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN);
  let outcome: ActionOutcome;
  try {
    outcome = await outcomeOfRun(stop.signal);
  } catch (error) {
    if (error instanceof Error && error.stack) core.debug(error.stack);
    outcome = {
      failure: {
        reason: 'internal-error',
        message: `stage-sync failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  for (const [name, value] of Object.entries(actionOutputs(outcome))) core.setOutput(name, value);
  if (outcome.failure) core.setFailed(outcome.failure.message);
}
