/**
 * .github/workflows/dogfood.yml, run here step by step with its own commands
 * (./workflow-job.ts): scripts/dogfood.ts starts the emulator from its CLI, the action runs from
 * this checkout's bundle on examples/ with the step's `with:`, scripts/dogfood.ts checks the
 * outputs and stops the emulator. GitHub is the local fake. A pull request is planned and
 * commented on; its merge (a push to the default branch) applies that plan and plans again.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test, type TestContext } from 'node:test';
import { load } from 'js-yaml';
import { outputProblems, seedFlags, declaredStages } from '../../scripts/dogfood.ts';
import { PAYLOADS, recordOf, runnerRef, runnerSha, TOKENS } from '../e2e/github-world.ts';
import {
  ACTIONS_BOT_LOGIN,
  installationToken,
  startGitHubFake,
  type GitHubFake,
} from '../support/github-fake.ts';
import { labelOf, runWorkflowJob, type JobRun, type WorkflowStep } from './workflow-job.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const WORKFLOW = `${ROOT}.github/workflows/dogfood.yml`;
const REPOSITORY = 'Codertocat/Hello-World';
const PR_NUMBER = 2;

/** This machine is set up already: the checkout is this one and node_modules is installed. */
function machineSetup(step: WorkflowStep): string | undefined {
  if (step.uses?.startsWith('actions/checkout@')) return 'this checkout';
  if (step.uses?.startsWith('actions/setup-node@')) return `this Node ${process.version}`;
  if (step.run?.trim().startsWith('npm ci')) return 'installed already';
  return undefined;
}

async function runDogfood(
  github: GitHubFake,
  eventName: string,
  payload: Record<string, unknown>,
): Promise<JobRun> {
  return runWorkflowJob({
    workflowPath: WORKFLOW,
    job: 'dogfood',
    workspace: ROOT,
    eventName,
    payload,
    repository: REPOSITORY,
    sha: runnerSha(eventName, payload),
    ref: runnerRef(eventName, payload),
    token: TOKENS.installation,
    runnerEnv: { GITHUB_API_URL: github.url },
    skip: machineSetup,
  });
}

function describe(run: JobRun): string {
  return run.steps
    .map((step) => `--- ${step.label}: ${step.outcome}\n${step.stdout}${step.stderr}`)
    .join('\n');
}

const outcomes = (run: JobRun): Record<string, string> =>
  Object.fromEntries(run.steps.map((step) => [step.label, step.outcome]));

/** The emulator's endpoint the start step wrote, and whether anything still answers there. */
function endpointOf(run: JobRun): string {
  const started = run.steps.find((step) => step.label === 'Start the Cloud Control emulator');
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(started?.stdout ?? '')?.[1];
  assert.ok(url, describe(run));
  return url;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'POST', signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

async function fakeFor(t: TestContext, push: Record<string, unknown>): Promise<GitHubFake> {
  const mergeCommit = String(push['after']);
  const github = await startGitHubFake({
    repository: REPOSITORY,
    tokens: { [TOKENS.installation]: installationToken() },
    pullRequests: [{ number: PR_NUMBER, mergeCommitSha: mergeCommit }],
    commits: { [mergeCommit]: [PR_NUMBER] },
  });
  t.after(() => github.close());
  return github;
}

test('the dogfood workflow plans and comments on a pull request, and applies its merge', async (t) => {
  const push = PAYLOADS.pushToDefaultBranch();
  const github = await fakeFor(t, push);
  const declared = declaredStages('examples/*.yml').length;

  const pr = await runDogfood(github, 'pull_request', PAYLOADS.pullRequest());
  assert.ok(pr.succeeded, describe(pr));
  assert.deepEqual(outcomes(pr), {
    'actions/checkout@v5': 'skipped',
    'actions/setup-node@v5': 'skipped',
    'npm ci --no-audit --no-fund': 'skipped',
    'Start the Cloud Control emulator': 'success',
    'stage-sync': 'success',
    'Check the outputs': 'success',
    'Plan again after the apply': 'skipped',
    'Check that nothing is left to do': 'skipped',
    'Stop the emulator': 'success',
  });
  const planned = pr.steps.find((step) => step.label === 'stage-sync')!;
  assert.equal(planned.outputs['creates'], String(declared));
  const comments = github.state.commentsOn(PR_NUMBER);
  assert.equal(comments.length, 1, 'one plan comment on the pull request');
  assert.equal(comments[0]?.author, ACTIONS_BOT_LOGIN);
  assert.equal(recordOf(comments[0]?.body).status, 'planned');
  assert.equal(recordOf(comments[0]?.body).planHash, planned.outputs['plan-hash']);
  assert.equal(await answers(endpointOf(pr)), false, 'the emulator was stopped');

  const merged = await runDogfood(github, 'push', push);
  assert.ok(merged.succeeded, describe(merged));
  assert.deepEqual(
    merged.steps.filter((step) => step.outcome === 'skipped').map((step) => step.skippedBecause),
    ['this checkout', `this Node ${process.version}`, 'installed already'],
  );
  const applied = merged.steps.find((step) => step.label === 'stage-sync')!;
  const creations = applied.stdout.match(/^\[[\d. ]+s\] create \w+ applied in /gm) ?? [];
  assert.equal(creations.length, declared, 'every declared stage created');
  assert.equal(applied.outputs['plan-hash'], planned.outputs['plan-hash'], 'the reviewed plan');
  const replanned = merged.steps.find((step) => step.label === 'Plan again after the apply')!;
  assert.equal(replanned.outputs['unchanged'], String(declared));
  assert.equal(github.state.commentsOn(PR_NUMBER).length, 1, 'the same comment, updated');
  assert.equal(recordOf(github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'applied');
  assert.equal(await answers(endpointOf(merged)), false, 'the emulator was stopped');
});

test('the workflow runs the steps this test runs, with the same commands', () => {
  const workflow = load(readFileSync(WORKFLOW, 'utf8')) as {
    jobs: { dogfood: { steps: WorkflowStep[]; env: Record<string, string> } };
  };
  const { steps, env } = workflow.jobs.dogfood;
  const scripted = steps.filter((step) => machineSetup(step) === undefined);
  assert.deepEqual(
    scripted.map((step) => step.run?.trim() ?? step.uses),
    [
      'node scripts/dogfood.ts start',
      './',
      'node scripts/dogfood.ts check changes',
      './',
      'node scripts/dogfood.ts check converged',
      'node scripts/dogfood.ts stop',
    ],
    scripted.map(labelOf).join(', '),
  );
  assert.equal(env['DOGFOOD_SPECS'], 'examples/*.yml', 'the examples, as a user points at specs');
  const manifest = load(readFileSync(`${ROOT}action.yml`, 'utf8')) as { runs: { main: string } };
  assert.equal(manifest.runs.main, 'dist/index.js', '`uses: ./` runs the bundle the test runs');
});

test('the emulator is seeded with every API and deployment the examples name', () => {
  // The emulator reads the files itself, so an API named by `rest-api:` or `api:` is seeded by name.
  assert.deepEqual(seedFlags('examples/*.yml'), [
    '--seed-from',
    'examples/alchemy-stages.yml',
    '--seed-from',
    'examples/deployments-from-elsewhere.yml',
    '--seed-from',
    'examples/http-api-stages.yml',
  ]);
});

test('the output check names each output that breaks its promise', () => {
  const files: Record<string, string> = {
    '/plan.json': JSON.stringify({ hash: `sha256:${'a'.repeat(64)}` }),
    '/plan.md': `plan sha256:${'a'.repeat(64)}`,
  };
  const good = {
    'failure-reason': '',
    'has-changes': 'true',
    creates: '3',
    updates: '0',
    deletes: '0',
    unchanged: '0',
    'plan-hash': `sha256:${'a'.repeat(64)}`,
    'plan-json': '/plan.json',
    'plan-markdown': '/plan.md',
    'comment-url': 'https://github.com/o/r/pull/2#issuecomment-7',
  };
  const expectation = {
    kind: 'changes' as const,
    declared: 3,
    eventName: 'pull_request',
    commentUrlPrefix: 'https://github.com/o/r/pull/2#',
  };
  const read = (path: string) => files[path];
  assert.deepEqual(outputProblems(good, expectation, read), []);
  assert.deepEqual(
    outputProblems(
      {
        ...good,
        'failure-reason': 'apply-failed',
        creates: '2',
        'plan-markdown': '',
        'comment-url': '',
      },
      expectation,
      read,
    ),
    [
      'failure-reason is "apply-failed", expected "".',
      'creates is "2", expected "3".',
      'plan-markdown ("") is not a file.',
      'comment-url is "", expected a comment under https://github.com/o/r/pull/2#.',
    ],
  );
  assert.deepEqual(
    outputProblems(
      { ...good, 'has-changes': 'false' },
      { ...expectation, kind: 'converged' },
      read,
    ),
    ['creates is "3", expected "0".', 'unchanged is "0", expected "3".'],
  );
});

test('the dogfood script refuses an unknown command', () => {
  const run = spawnSync(process.execPath, [`${ROOT}scripts/dogfood.ts`, 'deploy'], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /Usage: node scripts\/dogfood\.ts start/);
});
