/**
 * `stage-sync plan|apply` from a laptop: the action's engine with the standard AWS environment
 * (credentials, AWS_REGION, AWS_ENDPOINT_URL_CLOUDCONTROL) and a terminal instead of a PR.
 */
import { execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createCloudControlPort } from '../aws/cloud-control-client.ts';
import { createEngine } from '../engine/engine.ts';
import { progressLine } from '../render/progress-line.ts';
import { renderPlanText } from '../render/text.ts';

const USAGE = `Usage: stage-sync <plan|apply> [options]

  --specs GLOB          spec files, relative to the current directory (repeatable;
                        default stages/**/*.yml and stages/**/*.yaml; !GLOB excludes)
  --prune               also plan deleting stages this repository manages that no spec declares
  --repository O/R      owner/repo written in the stage-sync:managed-by tag
                        (default: GITHUB_REPOSITORY, else the git remote "origin")
  --region REGION       AWS region (default: the SDK's AWS_REGION)
  --endpoint URL        Cloud Control endpoint, e.g. the bundled emulator's
  --concurrency N       most calls in flight (default 10)
  --operation-timeout S seconds one create, update or delete may take (default 600)
  --max-deletes N       most managed stages one plan may delete (default 10)
  --yes                 apply without asking for confirmation
  --no-color            plain text even on a terminal
  -h, --help            this help`;

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

export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      specs: { type: 'string', multiple: true },
      prune: { type: 'boolean', default: false },
      repository: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      concurrency: { type: 'string', default: '10' },
      'operation-timeout': { type: 'string', default: '600' },
      'max-deletes': { type: 'string', default: '10' },
      yes: { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  if (values.help || (command !== 'plan' && command !== 'apply')) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    console.error(`--concurrency must be a whole number of at least 1, got ${values.concurrency}`);
    return 2;
  }
  const operationTimeoutSeconds = Number(values['operation-timeout']);
  if (!Number.isInteger(operationTimeoutSeconds) || operationTimeoutSeconds < 1) {
    console.error(
      `--operation-timeout must be a whole number of seconds, at least 1, got ${values['operation-timeout']}`,
    );
    return 2;
  }
  const maxDeletes = Number(values['max-deletes']);
  if (!Number.isInteger(maxDeletes) || maxDeletes < 0) {
    console.error(`--max-deletes must be a whole number, got ${values['max-deletes']}`);
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
  const engine = createEngine({
    port: createCloudControlPort({
      ...(region ? { region } : {}),
      ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    }),
    repository,
    region,
    maxConcurrency: concurrency,
    operationTimeoutMs: operationTimeoutSeconds * 1000,
    maxDeletes,
  });

  const outcome = await engine.plan({ workspace: process.cwd(), patterns, prune: values.prune });
  if (outcome.kind === 'invalid-patterns') {
    console.error(`--specs: ${outcome.message}`);
    return 2;
  }
  if (outcome.kind === 'aws-read-failed') {
    console.error(`Could not read the stages from AWS Cloud Control: ${outcome.message}`);
    return 1;
  }
  if (outcome.kind === 'invalid-specs') {
    for (const problem of outcome.problems)
      console.error(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
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
    signal: stop.signal,
    onProgress: (event) => console.log(progressLine(event)),
  });
  const failed = result.outcomes.filter((o) => o.status === 'failed');
  console.log(
    `\nApply ${result.status}: ${result.outcomes.filter((o) => o.status === 'applied').length} applied, ${failed.length} failed.`,
  );
  return result.status === 'applied' ? 0 : 1;
}
