/**
 * The steps of .github/workflows/dogfood.yml around the action itself, which runs the action
 * from the checkout on `examples/` against the Cloud Control emulator, as a user's workflow
 * runs it against AWS:
 *
 * - `start`: starts the emulator (`npm run -s emulator`) in the background, seeded with every
 *   REST API and deployment the specs name, and points the following steps at it by writing
 *   `AWS_ENDPOINT_URL_CLOUDCONTROL` and `AWS_ENDPOINT_URL_APIGATEWAYV2` to `$GITHUB_ENV`;
 * - `check changes`: the outputs of the run on the specs against an empty account (plan on a
 *   pull request, apply on a push): every declared stage created, nothing else;
 * - `check converged`: the outputs of a plan after that apply: nothing left to do;
 * - `stop`: stops the emulator.
 *
 * The specs are `$DOGFOOD_SPECS` (glob patterns, one per line). `check` reads the step's outputs
 * as JSON from `$STEP_OUTPUTS` (`${{ toJSON(steps.ID.outputs) }}`). A test runs these steps with
 * the same commands as the workflow (__tests__/scripts/dogfood.test.ts).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, globSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_LINE = /^Cloud Control emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m;
/** Long enough for `npm run` to start Node on a busy runner; the line comes within a second. */
const START_TIMEOUT_MS = 30_000;
/** GitHub's limit on an issue or comment body, in characters. */
const MAX_BODY_CHARS = 65_536;

const stateDir = (): string => process.env.RUNNER_TEMP || tmpdir();
const pidFile = (): string => join(stateDir(), 'stage-sync-emulator.pid');
const logFile = (): string => join(stateDir(), 'stage-sync-emulator.log');

type Spec = Record<string, unknown>;

/** The spec files `patterns` (one glob per line) match, relative to `cwd`, sorted. */
function specFiles(patterns: string, cwd: string): string[] {
  const files = patterns
    .split('\n')
    .map((pattern) => pattern.trim())
    .filter(Boolean)
    .flatMap((pattern) => globSync(pattern, { cwd }))
    .sort();
  if (files.length === 0) throw new Error(`No spec file matches ${JSON.stringify(patterns)}`);
  return files;
}

/** The stages of every spec file matching `$DOGFOOD_SPECS`, with the file's defaults merged. */
export function declaredStages(patterns: string, cwd: string = ROOT): Spec[] {
  return specFiles(patterns, cwd).flatMap((file) => {
    const spec = load(readFileSync(join(cwd, file), 'utf8')) as {
      defaults?: Spec;
      stages?: Record<string, Spec>;
    };
    return Object.values(spec.stages ?? {}).map((stage) => ({ ...spec.defaults, ...stage }));
  });
}

/**
 * `--seed-from FILE` flags for every spec file `patterns` match: the emulator's own reading of the
 * spec format (emulator/seed-from-specs.ts) seeds each REST API (by id, or by name for
 * `rest-api:`) with the deployments (canaries too) its stages name.
 */
export function seedFlags(patterns: string, cwd: string = ROOT): string[] {
  return specFiles(patterns, cwd).flatMap((file) => ['--seed-from', file]);
}

function specsFromEnvironment(): string {
  const specs = process.env.DOGFOOD_SPECS;
  if (!specs) throw new Error('DOGFOOD_SPECS (the spec patterns of the action step) is not set');
  return specs;
}

async function start(): Promise<void> {
  const flags = seedFlags(specsFromEnvironment());
  const log = openSync(logFile(), 'w');
  // Its own process group (detached), so `stop` ends npm and the emulator together; output to a
  // file, so the step can end while the emulator keeps running for the next steps.
  const child = spawn(
    'npm',
    ['run', '-s', 'emulator', '--', '--port', '0', '--operation-ms', '100', ...flags],
    { cwd: ROOT, detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`The emulator exited (${code}) before it listened`)),
    ),
  );
  const url = await Promise.race([waitForReadyLine(), exited]);
  child.unref();
  appendFileSync(pidFile(), `${child.pid}\n`);
  // The emulator serves Cloud Control and API Gateway V2 (updates of auto-deploy stages) alike.
  const assignments = [
    `AWS_ENDPOINT_URL_CLOUDCONTROL=${url}`,
    `AWS_ENDPOINT_URL_APIGATEWAYV2=${url}`,
  ];
  if (process.env.GITHUB_ENV)
    appendFileSync(process.env.GITHUB_ENV, assignments.map((line) => `${line}\n`).join(''));
  else for (const assignment of assignments) console.log(`export ${assignment}`);
  console.log(`Emulator (pid ${child.pid}) listening on ${url}, seeded with ${flags.join(' ')}`);
}

/** The emulator's first line, read from its log as it appears. */
async function waitForReadyLine(): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const match = READY_LINE.exec(readFileSync(logFile(), 'utf8'));
    if (match) return match[1] as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `The emulator did not listen within ${START_TIMEOUT_MS} ms:\n${readFileSync(logFile(), 'utf8')}`,
  );
}

async function stop(): Promise<void> {
  if (!existsSync(pidFile())) {
    console.log('No emulator was started.');
    return;
  }
  const pids = readFileSync(pidFile(), 'utf8').split('\n').filter(Boolean).map(Number);
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      continue; // already gone
    }
    const deadline = Date.now() + 10_000;
    while (isRunning(-pid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(`Emulator (pid ${pid}) stopped.`);
  }
  appendFileSync(pidFile(), '', { flag: 'w' });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What the run's outputs must be; each broken promise is one sentence. */
export interface Expectation {
  readonly kind: 'changes' | 'converged';
  readonly declared: number;
  readonly eventName: string;
  /** On a pull request from this repository (not a fork), the comment's URL prefix. */
  readonly commentUrlPrefix?: string;
}

export function outputProblems(
  outputs: Readonly<Record<string, string>>,
  expectation: Expectation,
  readFile: (path: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  const expect = (name: string, wanted: string): void => {
    if (outputs[name] !== wanted) {
      problems.push(
        `${name} is ${JSON.stringify(outputs[name])}, expected ${JSON.stringify(wanted)}.`,
      );
    }
  };
  const changes = expectation.kind === 'changes';
  expect('failure-reason', '');
  expect('has-changes', String(changes));
  expect('creates', String(changes ? expectation.declared : 0));
  expect('updates', '0');
  expect('deletes', '0');
  expect('unchanged', String(changes ? 0 : expectation.declared));
  if (!/^sha256:[0-9a-f]{64}$/.test(outputs['plan-hash'] ?? '')) {
    problems.push(`plan-hash is ${JSON.stringify(outputs['plan-hash'])}, not a sha256 digest.`);
  }

  const planJson = readFile(outputs['plan-json'] ?? '');
  const plan = planJson === undefined ? undefined : (JSON.parse(planJson) as { hash?: string });
  if (!plan) problems.push(`plan-json (${JSON.stringify(outputs['plan-json'])}) is not a file.`);
  else if (plan.hash !== outputs['plan-hash']) {
    problems.push(`plan-json holds plan ${plan.hash}, but plan-hash is ${outputs['plan-hash']}.`);
  }

  const markdown = readFile(outputs['plan-markdown'] ?? '');
  if (markdown === undefined) {
    problems.push(`plan-markdown (${JSON.stringify(outputs['plan-markdown'])}) is not a file.`);
  } else {
    if ([...markdown].length > MAX_BODY_CHARS) {
      problems.push(`plan-markdown has over ${MAX_BODY_CHARS} characters: GitHub refuses it.`);
    }
    if (!markdown.includes(outputs['plan-hash'] ?? '')) {
      problems.push('plan-markdown does not show the plan-hash of this run.');
    }
  }

  if (expectation.kind === 'changes' && expectation.commentUrlPrefix !== undefined) {
    const url = outputs['comment-url'] ?? '';
    if (!url.startsWith(expectation.commentUrlPrefix) || !/#issuecomment-\d+$/.test(url)) {
      problems.push(
        `comment-url is ${JSON.stringify(url)}, expected a comment under ${expectation.commentUrlPrefix}.`,
      );
    }
  }
  return problems;
}

/** On a pull request whose head is in this repository, where its comment must be. */
function commentUrlPrefix(eventName: string): string | undefined {
  if (eventName !== 'pull_request' || !process.env.GITHUB_EVENT_PATH) return undefined;
  const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8')) as {
    pull_request?: { number?: number; head?: { repo?: { full_name?: string } } };
  };
  const pr = event.pull_request;
  // A fork's pull request gets a read-only token: the plan stays in the job summary.
  if (pr?.head?.repo?.full_name !== process.env.GITHUB_REPOSITORY) return undefined;
  return `${process.env.GITHUB_SERVER_URL}/${process.env.GITHUB_REPOSITORY}/pull/${pr?.number}#`;
}

function check(kind: string | undefined): void {
  if (kind !== 'changes' && kind !== 'converged') {
    throw new Error('Usage: node scripts/dogfood.ts check changes|converged');
  }
  const outputs = JSON.parse(process.env.STEP_OUTPUTS ?? '{}') as Record<string, string>;
  const eventName = process.env.GITHUB_EVENT_NAME ?? '';
  const prefix = commentUrlPrefix(eventName);
  const expectation: Expectation = {
    kind,
    declared: declaredStages(specsFromEnvironment()).length,
    eventName,
    ...(prefix ? { commentUrlPrefix: prefix } : {}),
  };
  const problems = outputProblems(outputs, expectation, (path) =>
    path !== '' && existsSync(path) ? readFileSync(path, 'utf8') : undefined,
  );
  if (problems.length > 0) {
    for (const problem of problems) console.log(`::error::${problem}`);
    console.log(`Outputs: ${JSON.stringify(outputs, null, 2)}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    kind === 'changes'
      ? `${eventName}: ${expectation.declared} stage(s) to create, outputs as expected.`
      : `Converged: ${expectation.declared} stage(s) unchanged.`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, argument] = process.argv.slice(2);
  const commands: Record<string, () => Promise<void> | void> = {
    start,
    stop,
    check: () => check(argument),
  };
  const run = commands[command ?? ''];
  if (!run) {
    console.error('Usage: node scripts/dogfood.ts start|check changes|check converged|stop');
    process.exitCode = 2;
  } else {
    Promise.resolve(run()).catch((error: unknown) => {
      console.error(`::error::${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
  }
}
