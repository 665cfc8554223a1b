/**
 * `stage-sync plan|apply` from a laptop: the action's engine with the standard AWS environment
 * (credentials, AWS_REGION, AWS_ENDPOINT_URL_CLOUDCONTROL) and a terminal instead of a PR.
 */
import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { applyPlan } from '../apply/apply-plan.ts';
import { createCloudControlPort } from '../aws/cloud-control-client.ts';
import { planTarget } from '../action/plan-target.ts';
import { planSpecs } from '../pipeline/plan-specs.ts';
import { stageReplanner } from '../pipeline/replan.ts';
import { progressLine } from '../render/progress-line.ts';
import { renderPlanText } from '../render/text.ts';
import { readSpecFiles } from '../workspace/spec-files.ts';
import { applySummaryLine } from './apply-summary.ts';
import type { PlanApplyValues } from './parse-command-line.ts';

function gitOutput(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

function repositoryFromGit(): string | undefined {
  const url = gitOutput(['remote', 'get-url', 'origin']);
  return url ? /[:/]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(url)?.[1] : undefined;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(question);
  prompt.close();
  return answer.trim() === 'yes';
}

/** `plan` or `apply` with parsed options (src/cli/parse-command-line.ts); the exit code. */
export async function main(command: 'plan' | 'apply', values: PlanApplyValues): Promise<number> {
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    console.error(`--concurrency must be a whole number of at least 1, got ${values.concurrency}`);
    return 2;
  }
  const patterns = values.specs ?? ['stages/**/*.yml', 'stages/**/*.yaml'];
  const repository = values.repository ?? process.env.GITHUB_REPOSITORY ?? repositoryFromGit();
  if (!repository) {
    console.error(
      'Cannot tell which repository manages these stages: pass --repository owner/repo',
    );
    return 2;
  }
  const region = values.region ?? process.env.AWS_REGION;
  const color = !values['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const port = createCloudControlPort({
    ...(region ? { region } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  });

  const files = await readSpecFiles(process.cwd(), patterns);
  const outcome = await planSpecs({
    files,
    port,
    prune: values.prune,
    repository,
    target: planTarget(region, patterns),
    concurrency,
  });
  if (outcome.kind === 'invalid-specs') {
    for (const problem of outcome.problems)
      console.error(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
    console.error(`\n${outcome.problems.length} problem(s) in the specs; nothing was planned.`);
    return 1;
  }
  const { plan } = outcome;
  console.log(renderPlanText(plan, { color }));
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
  const result = await applyPlan(plan, port, {
    maxConcurrency: concurrency,
    operationTimeoutMs: 600_000,
    commitSha: gitOutput(['rev-parse', 'HEAD']) ?? 'local',
    repository,
    replan: stageReplanner(port, outcome.desired, repository),
    signal: stop.signal,
    onProgress: (event) => console.log(progressLine(event)),
  });
  console.log(`\n${applySummaryLine(result)}`);
  return result.status === 'applied' ? 0 : 1;
}
