/**
 * "what each event does" (README, "What each event does"): every row of the event table, run as a runner runs the
 * bundle, with the real payloads of @octokit/webhooks-examples, against the Cloud Control
 * emulator and the fake GitHub REST API. "Never writes" is asserted on the emulator's own record
 * of the calls each run made.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIONS_BOT_LOGIN } from '../support/github-fake.ts';
import {
  PAYLOADS,
  assertEveryOutput,
  describeRun,
  githubWrites,
  recordOf,
  stageSpec,
  worldFor,
  type GitHubWorld,
  type StepResult,
} from './github-world.ts';

const SPEC = stageSpec({ Production: { name: 'prod', description: 'Production stage' } });
const PR_NUMBER = 2; // the number of every pull_request example
const PUSH_SHA = String(PAYLOADS.pushToDefaultBranch()['after']);

/** The world of these tests: PR #2 exists; the pushed commit came from no pull request. */
const worldOf = (t: Parameters<typeof worldFor>[0]): Promise<GitHubWorld> =>
  worldFor(t, SPEC, { github: { pullRequests: [PR_NUMBER], commits: { [PUSH_SHA]: [] } } });

/** A run that planned the one stage to create and wrote nothing to AWS. */
function assertPlannedWithoutWrites(run: StepResult): void {
  assert.equal(run.exitCode, 0, describeRun(run));
  assertEveryOutput(run);
  assert.equal(run.outputs['failure-reason'], '');
  assert.equal(run.outputs['has-changes'], 'true');
  assert.equal(run.outputs['creates'], '1');
  assert.deepEqual(run.awsWrites, [], 'no Cloud Control write');
  assert.ok(run.awsCalls.length > 0, 'the plan read the live state');
  assert.ok(run.awsCalls.every((call) => call.operation === 'GetResource'));
  assert.match(run.summary, /stage-sync plan for/);
  assert.match(run.summary, /`Production`/);
}

/** A run that did not touch GitHub at all: no comment read, posted or edited. */
function assertNoComment(world: GitHubWorld, run: StepResult): void {
  assert.deepEqual(run.githubCalls, [], 'no GitHub API call');
  assert.equal(run.outputs['comment-url'], '');
  assert.deepEqual(world.github.state.comments, []);
}

for (const eventName of ['pull_request', 'pull_request_target']) {
  test(`${eventName}: plans, posts the PR comment, writes the job summary, never writes to AWS`, async (t) => {
    const world = await worldOf(t);
    // pull_request_target carries the pull_request payload unchanged (GitHub's docs on the event).
    const run = await world.run({ eventName, payload: PAYLOADS.pullRequest('opened') });

    assertPlannedWithoutWrites(run);
    assert.equal(world.readStage('prod'), undefined, 'the stage was not created');
    const [comment, ...others] = world.github.state.commentsOn(PR_NUMBER);
    assert.ok(comment, 'a comment was posted');
    assert.deepEqual(others, []);
    assert.equal(comment.author, ACTIONS_BOT_LOGIN);
    const record = recordOf(comment.body);
    assert.equal(record.status, 'planned');
    assert.equal(record.planHash, run.outputs['plan-hash']);
    assert.match(comment.body, /`Production`/);
    assert.match(comment.body, new RegExp(`event \`${eventName}\``));
    assert.equal(
      run.outputs['comment-url'],
      `https://github.com/Codertocat/Hello-World/pull/${PR_NUMBER}#issuecomment-${comment.id}`,
    );
  });
}

test('pull_request with comment: false plans into the job summary and leaves GitHub alone', async (t) => {
  const world = await worldOf(t);
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('opened'),
    inputs: { comment: 'false' },
  });
  assertPlannedWithoutWrites(run);
  assertNoComment(world, run);
});

test('pull_request closed: plans into the summary only, leaving the comment to the apply', async (t) => {
  const world = await worldOf(t);
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('closed'),
  });
  assertPlannedWithoutWrites(run);
  assertNoComment(world, run);
});

test('push to the default branch (master, read from the payload): applies', async (t) => {
  const world = await worldOf(t);
  const run = await world.run({ eventName: 'push', payload: PAYLOADS.pushToDefaultBranch() });

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.equal(run.outputs['creates'], '1');
  const creates = run.awsWrites.filter((call) => call.operation === 'CreateResource');
  assert.deepEqual(
    creates.map((call) => [call.typeName, call.outcome]),
    [['AWS::ApiGateway::Stage', 'ok']],
  );
  assert.equal(world.readStage('prod')?.['Description'], 'Production stage');
  // The pushed commit came from no pull request: it was looked up, and nothing was commented.
  assert.deepEqual(githubWrites(run.githubCalls), []);
  assert.ok(run.githubCalls.some((call) => call.path.endsWith(`/commits/${PUSH_SHA}/pulls`)));
});

const PLAN_ONLY_PUSHES = [
  ['push to another branch', PAYLOADS.pushToOtherBranch],
  ['tag push', PAYLOADS.tagPush],
] as const;

for (const [name, payload] of PLAN_ONLY_PUSHES) {
  test(`${name}: plans into the job summary only, no comment, no writes`, async (t) => {
    const world = await worldOf(t);
    const run = await world.run({ eventName: 'push', payload: payload() });
    assertPlannedWithoutWrites(run);
    assertNoComment(world, run);
    assert.equal(world.readStage('prod'), undefined);
  });
}

test('merge_group: plans only, so the queue can check the plan still holds', async (t) => {
  const world = await worldOf(t);
  const run = await world.run({ eventName: 'merge_group', payload: PAYLOADS.mergeGroup() });
  assertPlannedWithoutWrites(run);
  assertNoComment(world, run);
});

const DRIFT_CHECKS = [
  ['workflow_dispatch', PAYLOADS.workflowDispatch],
  ['schedule', PAYLOADS.schedule],
] as const;

for (const [eventName, payload] of DRIFT_CHECKS) {
  test(`${eventName}: a drift check that fails on changes only with fail-on-changes: true`, async (t) => {
    const world = await worldOf(t);
    const failOnChanges = { 'fail-on-changes': 'true' };

    const lenient = await world.run({ eventName, payload: payload() });
    assertPlannedWithoutWrites(lenient);
    assertNoComment(world, lenient);

    const drifted = await world.run({ eventName, payload: payload(), inputs: failOnChanges });
    assert.equal(drifted.exitCode, 1, describeRun(drifted));
    assert.equal(drifted.outputs['failure-reason'], 'changes-detected');
    assertEveryOutput(drifted);
    assert.equal(drifted.outputs['has-changes'], 'true');
    assert.deepEqual(drifted.awsWrites, []);
    assert.ok(
      drifted.annotations.some((a) => a.level === 'error' && /fail-on-changes/.test(a.message)),
      'the failure says why',
    );
    assert.match(drifted.summary, /`Production`/, 'the summary still holds the plan');

    // Converge (a push to the default branch), then the same check passes.
    const applied = await world.run({ eventName: 'push', payload: PAYLOADS.pushToDefaultBranch() });
    assert.equal(applied.exitCode, 0, describeRun(applied));
    const clean = await world.run({ eventName, payload: payload(), inputs: failOnChanges });
    assert.equal(clean.exitCode, 0, describeRun(clean));
    assert.equal(clean.outputs['failure-reason'], '');
    assert.equal(clean.outputs['has-changes'], 'false');
    assert.equal(clean.outputs['unchanged'], '1');
    assert.deepEqual(clean.awsWrites, []);
  });
}

test('fail-on-changes does not fail a pull request: changes are what it proposes', async (t) => {
  const world = await worldOf(t);
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('opened'),
    inputs: { 'fail-on-changes': 'true' },
  });
  assertPlannedWithoutWrites(run);
});

test('mode: plan on a push to the default branch never writes', async (t) => {
  const world = await worldOf(t);
  const run = await world.run({
    eventName: 'push',
    payload: PAYLOADS.pushToDefaultBranch(),
    inputs: { mode: 'plan' },
  });
  assertPlannedWithoutWrites(run);
  assert.equal(world.readStage('prod'), undefined);
  assert.match(run.stdout, /mode: plan never writes/);
});

test('mode: apply on a pull_request applies, and the PR comment shows it applied', async (t) => {
  const world = await worldOf(t);
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('opened'),
    inputs: { mode: 'apply' },
  });

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.deepEqual(
    run.awsWrites.map((call) => [call.operation, call.outcome]),
    [['CreateResource', 'ok']],
  );
  assert.equal(world.readStage('prod')?.['Description'], 'Production stage');
  const [comment, ...others] = world.github.state.commentsOn(PR_NUMBER);
  assert.deepEqual(others, []);
  assert.equal(recordOf(comment?.body).status, 'applied');
  assert.equal(
    run.outputs['comment-url'],
    `https://github.com/Codertocat/Hello-World/pull/${PR_NUMBER}#issuecomment-${comment?.id}`,
  );
});
