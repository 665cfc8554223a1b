/**
 * Runs one job of a workflow file here, step by step, as a GitHub runner would: `run:` steps
 * with bash (`bash -e {0}`, the runner's default shell on Linux), `uses: ./` steps as the
 * action's bundle (through `runAction`, with the step's `with:`), `${{ }}` expressions in
 * `if:`, `env:`, `with:` and `run:`, `$GITHUB_ENV` and `$GITHUB_OUTPUT` between steps.
 *
 * Steps that set up a machine this one already is (checkout, setup-node, `npm ci`) are skipped
 * by the caller's `skip`, which names each; any other `uses:` is an error, as is an expression
 * this evaluator does not know, so the workflow cannot outgrow the test unnoticed.
 * Runner behaviour: https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';
import { parseOutputFile, runAction } from '../support/run-action.ts';

export interface WorkflowStep {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  readonly env?: Readonly<Record<string, string | number | boolean>>;
}

interface Workflow {
  readonly jobs: Record<
    string,
    { readonly env?: Record<string, string | number | boolean>; readonly steps: WorkflowStep[] }
  >;
}

export interface StepRecord {
  readonly label: string;
  readonly outcome: 'success' | 'failure' | 'skipped';
  /** Why it was skipped: `if:` false, or the caller's reason. */
  readonly skippedBecause?: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Readonly<Record<string, string>>;
}

export interface JobRunOptions {
  readonly workflowPath: string;
  readonly job: string;
  /** The checkout: the working directory and GITHUB_WORKSPACE. */
  readonly workspace: string;
  readonly eventName: string;
  readonly payload: Record<string, unknown>;
  readonly repository: string;
  readonly sha: string;
  readonly ref: string;
  readonly token: string;
  /** Variables the runner would have that differ here (GITHUB_API_URL of a fake). */
  readonly runnerEnv?: Readonly<Record<string, string>>;
  /** A reason to skip a step this machine needs no more, or undefined to run it. */
  readonly skip: (step: WorkflowStep) => string | undefined;
}

export interface JobRun {
  readonly steps: readonly StepRecord[];
  readonly succeeded: boolean;
}

/** `${{ ... }}` context of one job run. */
export interface Context {
  readonly github: Record<string, unknown>;
  env: Record<string, string>;
  readonly steps: Record<string, { outputs: Record<string, string>; outcome: string }>;
  jobFailed: boolean;
}

export function labelOf(step: WorkflowStep): string {
  return step.name ?? step.uses ?? step.run?.split('\n')[0] ?? '(step)';
}

export async function runWorkflowJob(options: JobRunOptions): Promise<JobRun> {
  const workflow = load(readFileSync(options.workflowPath, 'utf8')) as Workflow;
  const job = workflow.jobs[options.job];
  if (!job) throw new Error(`${options.workflowPath} has no job ${options.job}`);

  const runnerTemp = mkdtempSync(join(tmpdir(), 'workflow-job-'));
  try {
    const eventPath = join(runnerTemp, 'event.json');
    const githubEnvPath = join(runnerTemp, 'github-env');
    writeFileSync(eventPath, JSON.stringify(options.payload));
    writeFileSync(githubEnvPath, '');
    const runnerVariables: Record<string, string> = {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: options.repository,
      GITHUB_SHA: options.sha,
      GITHUB_REF: options.ref,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242424242',
      GITHUB_ENV: githubEnvPath,
      RUNNER_TEMP: runnerTemp,
      ...options.runnerEnv,
    };
    const context: Context = {
      github: {
        event_name: options.eventName,
        event: options.payload,
        repository: options.repository,
        sha: options.sha,
        ref: options.ref,
        token: options.token,
      },
      env: {},
      steps: {},
      jobFailed: false,
    };
    const jobEnv = Object.fromEntries(
      Object.entries(job.env ?? {}).map(([name, value]) => [name, String(value)]),
    );
    const records: StepRecord[] = [];

    for (const [index, step] of job.steps.entries()) {
      const label = labelOf(step);
      const fromGitHubEnv = parseOutputFile(readFileSync(githubEnvPath, 'utf8'));
      context.env = { ...jobEnv, ...fromGitHubEnv };
      const skipReason = options.skip(step);
      const condition = step.if ?? 'success()';
      const runs = skipReason === undefined && truthy(evaluate(unwrap(condition), context));
      if (!runs) {
        records.push({
          label,
          outcome: 'skipped',
          skippedBecause: skipReason ?? `if: ${condition}`,
          stdout: '',
          stderr: '',
          outputs: {},
        });
        if (step.id) context.steps[step.id] = { outputs: {}, outcome: 'skipped' };
        continue;
      }
      const stepEnv = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([name, value]) => [
          name,
          interpolate(String(value), context),
        ]),
      );
      context.env = { ...jobEnv, ...fromGitHubEnv, ...stepEnv };
      const env = { ...runnerVariables, ...jobEnv, ...fromGitHubEnv, ...stepEnv };
      let record: StepRecord;
      if (step.uses === './') {
        record = await runLocalAction(step, label, env, options, context);
      } else if (step.run !== undefined) {
        record = runShell(step.run, label, env, index, runnerTemp, options, context);
      } else {
        throw new Error(`Step "${label}" uses ${step.uses}, which this runner cannot run`);
      }
      records.push(record);
      if (step.id)
        context.steps[step.id] = { outputs: { ...record.outputs }, outcome: record.outcome };
      if (record.outcome === 'failure') context.jobFailed = true;
    }
    return { steps: records, succeeded: !context.jobFailed };
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true });
  }
}

async function runLocalAction(
  step: WorkflowStep,
  label: string,
  env: Record<string, string>,
  options: JobRunOptions,
  context: Context,
): Promise<StepRecord> {
  const inputs = Object.fromEntries(
    Object.entries(step.with ?? {}).map(([name, value]) => [
      name,
      interpolate(String(value), context),
    ]),
  );
  const run = await runAction({
    workspace: options.workspace,
    eventName: options.eventName,
    payload: options.payload,
    repository: options.repository,
    sha: options.sha,
    ref: options.ref,
    token: options.token,
    inputs,
    env,
  });
  return {
    label,
    outcome: run.exitCode === 0 ? 'success' : 'failure',
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: run.outputs,
  };
}

function runShell(
  script: string,
  label: string,
  env: Record<string, string>,
  index: number,
  runnerTemp: string,
  options: JobRunOptions,
  context: Context,
): StepRecord {
  const scriptPath = join(runnerTemp, `step-${index}.sh`);
  const outputPath = join(runnerTemp, `step-${index}.output`);
  writeFileSync(scriptPath, interpolate(script, context));
  writeFileSync(outputPath, '');
  // setup-node puts Node 24 first on PATH; this process is Node 24.
  const path = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
  const run = spawnSync('bash', ['-e', scriptPath], {
    cwd: options.workspace,
    env: { PATH: path, HOME: process.env.HOME ?? runnerTemp, ...env, GITHUB_OUTPUT: outputPath },
    encoding: 'utf8',
  });
  return {
    label,
    outcome: run.status === 0 ? 'success' : 'failure',
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: existsSync(outputPath) ? parseOutputFile(readFileSync(outputPath, 'utf8')) : {},
  };
}

/** `${{ expr }}` → expr, for `if:`, which may be written either way. */
function unwrap(condition: string): string {
  const match = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  return (match ? match[1] : condition)!.trim();
}

function interpolate(text: string, context: Context): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) =>
    toText(evaluate(expression.trim(), context)),
  );
}

function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
}

function truthy(value: unknown): boolean {
  return value !== '' && value !== 0 && value !== false && value !== null && value !== undefined;
}

/**
 * The part of GitHub's expression language the repository's workflows use: literals, context
 * paths (`steps.sync.outputs.has-changes`), `==`/`!=`, `!`, `&&`/`||`, parentheses and the
 * functions `success()`, `failure()`, `always()`, `cancelled()`, `toJSON(x)`.
 * https://docs.github.com/actions/reference/workflows-and-actions/expressions
 */
export function evaluate(expression: string, context: Context): unknown {
  const grammar = /'(?:[^']|'')*'|==|!=|&&|\|\||[()!,]|[A-Za-z_][\w.-]*|\d+/g;
  const tokens = expression.match(grammar) ?? [];
  if (expression.replace(grammar, '').trim() !== '') {
    throw new Error(`Unsupported expression: ${expression}`);
  }
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const take = (expected?: string): string => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`Unsupported expression: ${expression}`);
    }
    return token;
  };
  const or = (): unknown => {
    let left = and();
    while (peek() === '||') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): unknown => {
    let left = comparison();
    while (peek() === '&&') {
      take();
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const comparison = (): unknown => {
    const left = unary();
    const operator = peek();
    if (operator !== '==' && operator !== '!=') return left;
    take();
    const equal = String(left ?? '').toLowerCase() === String(unary() ?? '').toLowerCase();
    return operator === '==' ? equal : !equal;
  };
  const unary = (): unknown => {
    if (peek() === '!') {
      take();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): unknown => {
    const token = take();
    if (token === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (peek() === '(') {
      take('(');
      const args: unknown[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') take(',');
      }
      take(')');
      return call(token, args, context, expression);
    }
    return lookup(token, context, expression);
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`Unsupported expression: ${expression}`);
  return value;
}

function call(name: string, args: unknown[], context: Context, expression: string): unknown {
  switch (name) {
    case 'success':
      return !context.jobFailed;
    case 'failure':
      return context.jobFailed;
    case 'always':
      return true;
    case 'cancelled':
      return false;
    case 'toJSON':
      return JSON.stringify(args[0] ?? null, null, 2);
    default:
      throw new Error(`Unsupported function ${name} in: ${expression}`);
  }
}

function lookup(path: string, context: Context, expression: string): unknown {
  const [root, ...rest] = path.split('.');
  const roots: Record<string, unknown> = {
    github: context.github,
    env: context.env,
    steps: context.steps,
  };
  if (!root || !(root in roots)) throw new Error(`Unsupported context ${root} in: ${expression}`);
  let value: unknown = roots[root];
  for (const key of rest) {
    value =
      value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
