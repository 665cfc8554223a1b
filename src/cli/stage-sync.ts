/**
 * `stage-sync plan|apply` from a laptop: a shell around the engine with the standard AWS
 * environment (credentials, AWS_REGION, AWS_ENDPOINT_URL_CLOUDCONTROL) and a terminal instead of
 * a pull request. Arguments arrive parsed (parse-command-line.ts); AWS and network errors are left
 * to run-cli.ts, which turns them into one line.
 */
import { createInterface } from 'node:readline/promises';
import { createCloudControlPort } from '../aws/cloud-control-client.ts';
import { lazyApiGatewayV2Client } from '../aws/lazy-port.ts';
import { clientOptionsFor } from '../aws/sdk-client-config.ts';
import { REPOSITORY_NAME, createEngine } from '../engine/engine.ts';
import { logText } from '../render/escape.ts';
import { progressLine } from '../render/progress-line.ts';
import { renderPlanText } from '../render/text.ts';
import { DEFAULT_SPEC_PATTERNS } from '../workspace/spec-files.ts';
import { applySummaryLine } from './apply-summary.ts';
import type { PlanApplyValues } from './parse-command-line.ts';
import { gitOutput, resolveRepository } from './repository.ts';

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(question);
  prompt.close();
  return answer.trim() === 'yes';
}

/** A whole number of at least `min` from `--name`, or the message that says it is not. */
function wholeNumber(
  values: PlanApplyValues,
  name: keyof PlanApplyValues,
  min: number,
): number | string {
  const text = String(values[name]);
  const value = Number(text);
  return /^\d+$/.test(text) && value >= min
    ? value
    : `--${name} must be a whole number of at least ${min}, got ${text}`;
}

/** `plan` or `apply` with parsed options (src/cli/parse-command-line.ts); the exit code. */
export async function main(command: 'plan' | 'apply', values: PlanApplyValues): Promise<number> {
  const concurrency = wholeNumber(values, 'concurrency', 1);
  const operationTimeoutSeconds = wholeNumber(values, 'operation-timeout', 1);
  const maxDeletes = wholeNumber(values, 'max-deletes', 0);
  for (const checked of [concurrency, operationTimeoutSeconds, maxDeletes]) {
    if (typeof checked === 'string') {
      console.error(`stage-sync: ${checked}`);
      return 2;
    }
  }
  const patterns = values.specs ?? DEFAULT_SPEC_PATTERNS;
  const repository = resolveRepository(values.repository, process.env);
  if (!repository) {
    console.error(
      'Cannot tell which repository manages these stages (no GITHUB_REPOSITORY, and origin is not a GitHub remote): pass --repository owner/repo',
    );
    return 2;
  }
  if (!REPOSITORY_NAME.test(repository)) {
    console.error(
      `stage-sync: the repository must be owner/repo, got ${JSON.stringify(repository)}`,
    );
    return 2;
  }
  const region = values.region ?? process.env.AWS_REGION;
  const color = !values['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const operationTimeoutMs = (operationTimeoutSeconds as number) * 1000;
  // `--endpoint` names the emulator's port in practice, which serves API Gateway V2 too; without
  // it each SDK follows its own AWS_ENDPOINT_URL_* variable.
  const clientOptions = clientOptionsFor({ region, endpoint: values.endpoint, operationTimeoutMs });
  const engine = createEngine({
    port: createCloudControlPort(clientOptions),
    apiGatewayV2: lazyApiGatewayV2Client(clientOptions),
    repository,
    region,
    maxConcurrency: concurrency as number,
    operationTimeoutMs,
    maxDeletes: maxDeletes as number,
  });

  const outcome = await engine.plan({ workspace: process.cwd(), patterns, prune: values.prune });
  if (outcome.kind === 'invalid-patterns') {
    console.error(`--specs: ${outcome.message}`);
    return 2;
  }
  // run-cli.ts turns what the read threw into one line that says what to set.
  if (outcome.kind === 'aws-read-failed') throw outcome.error;
  if (outcome.kind === 'invalid-specs') {
    for (const problem of outcome.problems)
      console.error(
        logText(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`),
      );
    console.error(`\n${outcome.problemCount} problem(s) in the specs; nothing was planned.`);
    return 1;
  }
  const { plan, blocked } = outcome;
  for (const warning of outcome.warnings) console.error(`Warning: ${warning}`);
  console.log(renderPlanText(plan, { color }));
  if (blocked) {
    console.error(`\nBlocked: ${blocked.message}`);
    return 1;
  }
  const changes = plan.counts.create + plan.counts.update + plan.counts.delete;
  if (command === 'plan' || changes === 0) return 0;

  if (
    !values.yes &&
    !(await confirm(`\nApply these ${changes} change(s)? Only 'yes' will be accepted: `))
  ) {
    console.error(
      'Apply cancelled: nothing was changed.' +
        (process.stdin.isTTY ? '' : ' (stdin is not a terminal: pass --yes)'),
    );
    return 1;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  const result = await engine.apply(plan, {
    commitSha: gitOutput(['rev-parse', 'HEAD']) ?? 'local',
    workspace: process.cwd(),
    signal: stop.signal,
    onProgress: (event) => console.log(progressLine(event)),
  });
  console.log(`\n${applySummaryLine(result)}`);
  return result.status === 'applied' ? 0 : 1;
}
