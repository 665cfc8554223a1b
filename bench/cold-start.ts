/**
 * Cold start : how much longer a step running the committed bundle takes than a bare
 * `node -e 0`, on a workspace whose one spec file declares no stage, invoked the way a runner invokes a JavaScript
 * action: INPUT_* variables with action.yml's defaults (and `comment: false`), a
 * `workflow_dispatch` event payload on disk, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. With no
 * stages declared the action makes no AWS call (the endpoint points at a closed port to be sure).
 * The two commands alternate, N runs each, and medians are compared. Also the bundle's size.
 *
 * `STAGE_SYNC_BUNDLE=/path/index.js` measures another bundle (as the runner harness allows).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { figure, heading, median, verdict } from './lib/report.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const BUNDLE = process.env.STAGE_SYNC_BUNDLE ?? join(ROOT, 'dist/index.js');
const RUNS = 15;
/** The goal for a run that needs neither AWS nor GitHub: what it does not use is loaded on use. */
const TARGET_MS = 100;
const SIZE_LIMIT = 3 * 1024 * 1024;

/** INPUT_* as the runner sets them: every action.yml default, then the workflow's `with:`. */
function inputEnvironment(withInputs: Record<string, string>): Record<string, string> {
  const manifest = load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(manifest.inputs)) {
    const value =
      withInputs[name] ?? (input.default ?? '').replace('${{ github.token }}', 'ghs_benchmark');
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

function runnerEnvironment(): { env: NodeJS.ProcessEnv; workspace: string; outputFile: string } {
  const home = mkdtempSync(join(tmpdir(), 'stage-sync-cold-'));
  const workspace = mkdtempSync(join(home, 'workspace-'));
  // A spec pattern that matches nothing is an error; a file that declares no stage is a valid run.
  mkdirSync(join(workspace, 'stages'));
  writeFileSync(join(workspace, 'stages', 'none.yml'), 'stages: {}\n');
  const eventPath = join(home, 'event.json');
  const outputFile = join(home, 'output');
  const summaryFile = join(home, 'summary');
  writeFileSync(
    eventPath,
    JSON.stringify({
      inputs: {},
      ref: 'refs/heads/main',
      repository: { full_name: 'octo-org/bench-stages', default_branch: 'main' },
      sender: { login: 'octocat' },
      workflow: '.github/workflows/stages.yml',
    }),
  );
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  return {
    workspace,
    outputFile,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      ...inputEnvironment({ comment: 'false', 'aws-region': 'us-east-1' }),
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: 'octo-org/bench-stages',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      GITHUB_RUN_ID: '1',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: home,
      AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
      AWS_SECRET_ACCESS_KEY: 'benchmark-secret',
      // Closed port: any call would fail loudly instead of reaching AWS.
      AWS_ENDPOINT_URL_CLOUDCONTROL: 'http://127.0.0.1:9',
    },
  };
}

/** Wall time of one child process, spawn to exit, in ms. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { env, cwd, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (child.status !== 0)
    throw new Error(`${args.join(' ')} exited ${child.status}:\n${child.stdout}\n${child.stderr}`);
  return ms;
}

export async function main(): Promise<void> {
  heading(
    `cold start: ${BUNDLE.replace(ROOT, '')} on an empty spec set (workflow_dispatch, comment: false)`,
  );
  const { env, workspace, outputFile } = runnerEnvironment();
  // One untimed run of each, so both start from a warm file cache.
  timeProcess(['-e', '0'], env, workspace);
  timeProcess([BUNDLE], env, workspace);
  const outputs = readFileSync(outputFile, 'utf8');
  const bare: number[] = [];
  const action: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(timeProcess(['-e', '0'], env, workspace));
    action.push(timeProcess([BUNDLE], env, workspace));
  }
  const bareMs = median(bare);
  const actionMs = median(action);
  figure(`bare node -e 0 (median of ${RUNS})`, `${bareMs.toFixed(0)} ms`);
  figure(`action bundle (median of ${RUNS})`, `${actionMs.toFixed(0)} ms`);
  verdict(
    `cold start within ${TARGET_MS} ms of bare node`,
    actionMs - bareMs <= TARGET_MS,
    `+${(actionMs - bareMs).toFixed(0)} ms (range ${Math.min(...action).toFixed(0)}–${Math.max(...action).toFixed(0)} ms)`,
  );
  verdict(
    'the run planned nothing and succeeded',
    /has-changes<<[^\n]*\nfalse\n/.test(outputs),
    `outputs: ${outputs.match(/^[a-z-]+(?=<<)/gm)?.join(', ') ?? 'none'}`,
  );
  const size = statSync(BUNDLE).size;
  verdict(
    'bundle under 3 MiB',
    size < SIZE_LIMIT,
    `${(size / 1024 / 1024).toFixed(2)} MiB (${size.toLocaleString('en-US')} bytes)`,
  );
}

if (import.meta.main) await main();
