/**
 * The action's entry: read the config, run, and always leave every output set. Exported so
 * `@github/local-action` can run it too.
 */
import * as core from '@actions/core';
import { InputError, readConfig } from './config.ts';
import { ActionOutputs } from './action/outputs.ts';
import { syncStages } from './action/sync-stages.ts';

/** Secrets never reach the log, even with step debugging on. */
function maskSecrets(...secrets: (string | undefined)[]): void {
  for (const secret of secrets) if (secret) core.setSecret(secret);
}

export async function run(): Promise<void> {
  const outputs = new ActionOutputs();
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
  try {
    const config = readConfig();
    maskSecrets(config.githubToken);
    await syncStages(config, outputs, stop.signal);
  } catch (error) {
    if (error instanceof InputError) {
      outputs.recordFailure('invalid-input');
      core.setFailed(error.message);
    } else {
      outputs.recordFailure('internal-error');
      core.setFailed(
        `stage-sync failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (error instanceof Error && error.stack) core.debug(error.stack);
    }
  } finally {
    outputs.flush();
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
