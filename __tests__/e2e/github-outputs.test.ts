/**
 * "every output in action.yml is set on every path, including failures" (README, "What each event does"): the bundle's
 * GITHUB_OUTPUT file after runs that succeed and runs that fail for each reason a user can
 * cause before anything is written (bad specs, a bad input, AWS unreachable or refusing).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { test } from 'node:test';
import type { Plan } from '../../src/plan/types.ts';
import {
  DEPLOYMENTS,
  PAYLOADS,
  REPOSITORY,
  REST_API_ID,
  assertEveryOutput,
  describeRun,
  recordOf,
  stageSpec,
  worldFor,
  type StepResult,
} from './github-world.ts';

const PR_NUMBER = 2;
const SPEC = stageSpec({ Production: { name: 'prod', description: 'Production stage' } });

/** A port on 127.0.0.1 that nothing listens on: AWS unreachable. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A failed run: every output present, counts zero, no plan, the reason named. */
function assertFailedBeforePlanning(run: StepResult, reason: string): void {
  assert.equal(run.exitCode, 1, describeRun(run));
  assertEveryOutput(run);
  assert.deepEqual(run.outputs, {
    'has-changes': 'false',
    creates: '0',
    updates: '0',
    deletes: '0',
    unchanged: '0',
    'plan-json': '',
    'plan-hash': '',
    'plan-markdown': '',
    'comment-url': '',
    'failure-reason': reason,
  });
  assert.deepEqual(run.awsWrites, []);
  assert.deepEqual(run.githubCalls, [], 'nothing was posted to the pull request');
}

test('a plan with every kind of change sets every output, and plan-json holds the plan', async (t) => {
  const world = await worldFor(
    t,
    stageSpec({
      Fresh: { name: 'fresh', description: 'A new stage' },
      Changed: { name: 'changed', description: 'After the change' },
      Same: { name: 'same', description: 'As it is' },
    }),
    { github: { pullRequests: [PR_NUMBER] } },
  );
  const ours = [{ Key: 'stage-sync:managed-by', Value: REPOSITORY }];
  const seed = (StageName: string, Description: string): string =>
    world.emulator.putStage({
      RestApiId: REST_API_ID,
      StageName,
      DeploymentId: DEPLOYMENTS[0],
      Description,
      Tags: ours,
    });
  seed('changed', 'Before the change');
  seed('same', 'As it is');
  seed('retired', 'No spec declares this any more');

  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest(),
    inputs: { prune: 'true' },
  });

  assert.equal(run.exitCode, 0, describeRun(run));
  assertEveryOutput(run);
  const { outputs } = run;
  assert.deepEqual(
    [outputs['has-changes'], outputs.creates, outputs.updates, outputs.deletes, outputs.unchanged],
    ['true', '1', '1', '1', '1'],
  );
  assert.equal(outputs['failure-reason'], '');
  assert.match(outputs['plan-hash'] ?? '', /^sha256:[0-9a-f]{64}$/);

  const path = outputs['plan-json'] ?? '';
  assert.ok(existsSync(path), `plan-json names a file: ${path}`);
  const plan = JSON.parse(readFileSync(path, 'utf8')) as Plan;
  assert.equal(plan.hash, outputs['plan-hash']);
  assert.deepEqual(plan.counts, { create: 1, update: 1, delete: 1, noOp: 1 });
  assert.equal(plan.repository, REPOSITORY);
  assert.deepEqual(
    plan.changes.map((change) => [change.action, change.identifier]),
    [
      ['delete', `${REST_API_ID}|retired`],
      ['create', `${REST_API_ID}|fresh`],
      ['update', `${REST_API_ID}|changed`],
      ['no-op', `${REST_API_ID}|same`],
    ],
  );

  const [comment] = world.github.state.commentsOn(PR_NUMBER);
  assert.equal(
    outputs['comment-url'],
    `https://github.com/${REPOSITORY}/pull/${PR_NUMBER}#issuecomment-${comment?.id}`,
  );
  assert.equal(recordOf(comment?.body).planHash, outputs['plan-hash']);
  assert.deepEqual(run.awsWrites, []);
});

test('a run with nothing to do sets every output: no changes, nothing failed', async (t) => {
  const world = await worldFor(t, SPEC, {
    github: { commits: { [String(PAYLOADS.pushToDefaultBranch()['after'])]: [] } },
  });
  const applied = await world.run({ eventName: 'push', payload: PAYLOADS.pushToDefaultBranch() });
  assert.equal(applied.exitCode, 0, describeRun(applied));
  assertEveryOutput(applied);
  assert.equal(applied.outputs.creates, '1');

  const again = await world.run({ eventName: 'push', payload: PAYLOADS.pushToDefaultBranch() });
  assert.equal(again.exitCode, 0, describeRun(again));
  assertEveryOutput(again);
  assert.deepEqual(
    [again.outputs['has-changes'], again.outputs.creates, again.outputs.unchanged],
    ['false', '0', '1'],
  );
  assert.equal(again.outputs['failure-reason'], '');
  assert.equal(again.outputs['comment-url'], '', 'the commit came from no pull request');
  assert.ok(existsSync(again.outputs['plan-json'] ?? ''));
  assert.deepEqual(again.awsWrites, [], 'an apply with nothing to do writes nothing');
});

test('invalid specs: failure-reason invalid-specs, every output set, nothing read or written', async (t) => {
  const world = await worldFor(
    t,
    [
      'stages:',
      '  Production:',
      `    RestApiId: ${REST_API_ID}`,
      '    StageName: prod',
      `    DeploymentId: ${DEPLOYMENTS[0]}`,
      '    Descripton: Production stage',
      '',
    ].join('\n'),
    { github: { pullRequests: [PR_NUMBER] } },
  );
  const run = await world.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest() });

  assertFailedBeforePlanning(run, 'invalid-specs');
  assert.deepEqual(run.awsCalls, [], 'bad input never costs an AWS call');
  const problem = run.annotations.find((a) => a.file === 'stages/api.yml');
  assert.ok(problem, describeRun(run));
  assert.equal(problem.level, 'error');
  assert.equal(problem.line, 6);
  assert.match(problem.message, /Description/, 'it suggests the closest property');
  assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at \S+ \(/, 'no stack trace');
});

test('an invalid input (mode: destroy): failure-reason invalid-input, every output set', async (t) => {
  const world = await worldFor(t, SPEC, { github: { pullRequests: [PR_NUMBER] } });
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest(),
    inputs: { mode: 'destroy' },
  });

  assertFailedBeforePlanning(run, 'invalid-input');
  assert.deepEqual(run.awsCalls, []);
  const [error, ...more] = run.annotations.filter((a) => a.level === 'error');
  assert.deepEqual(more, []);
  assert.match(error?.message ?? '', /`mode`/);
  assert.match(error?.message ?? '', /"destroy"/);
  assert.match(error?.message ?? '', /auto, plan, apply/);
});

test('AWS unreachable (nothing listens on the endpoint): failure-reason aws-read-failed', async (t) => {
  const world = await worldFor(t, SPEC, { github: { pullRequests: [PR_NUMBER] } });
  const endpoint = `http://127.0.0.1:${await closedPort()}`;
  // The SDK retries a refused connection (10 attempts with backoff): this run takes seconds.
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest(),
    env: { AWS_ENDPOINT_URL_CLOUDCONTROL: endpoint },
  });

  assertFailedBeforePlanning(run, 'aws-read-failed');
  assert.deepEqual(run.awsCalls, [], 'the emulator was never reached');
  const [error] = run.annotations.filter((a) => a.level === 'error');
  assert.match(error?.message ?? '', /Could not read the stages from AWS Cloud Control/);
  assert.match(error?.message ?? '', /ECONNREFUSED/);
});

test('AWS refusing the reads (AccessDenied): failure-reason aws-read-failed with AWS’s message', async (t) => {
  const world = await worldFor(t, SPEC, {
    github: { pullRequests: [PR_NUMBER] },
    knobs: {
      injectedErrors: [
        {
          errorName: 'AccessDeniedException',
          operation: 'GetResource',
          message: 'User is not authorized to perform: cloudformation:GetResource',
        },
      ],
    },
  });
  const run = await world.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest() });

  assertFailedBeforePlanning(run, 'aws-read-failed');
  assert.ok(run.awsCalls.every((call) => call.outcome === 'AccessDeniedException'));
  const [error] = run.annotations.filter((a) => a.level === 'error');
  assert.match(error?.message ?? '', /not authorized to perform: cloudformation:GetResource/);
});
