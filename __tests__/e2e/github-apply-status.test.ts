/**
 * "on apply" (README, "What each event does"): PR #2 is planned (pull_request), then merged; the push of the merge
 * commit to the default branch applies, finds PR #2 from the commit (the fake maps the sha to
 * it, as GitHub's "pull requests associated with a commit" does) and keeps that PR's comment
 * telling where the apply is. The plan at merge is checked against the `plan-hash` reviewers saw.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import { webhookExample } from '../github/webhook-examples.ts';
import {
  DEPLOYMENTS,
  PAYLOADS,
  REST_API_ID,
  assertEveryOutput,
  describeRun,
  githubWrites,
  recordOf,
  stageSpec,
  worldFor,
  type GitHubWorld,
  type StepResult,
} from './github-world.ts';

const PR_NUMBER = 2;
const MERGE_SHA = String(PAYLOADS.pushToDefaultBranch()['after']);
const SPEC = stageSpec({ Production: { name: 'prod', description: 'Production stage' } });

/** PR #2, merged as the pushed commit; the plan reviewed on it is already in its comment. */
async function reviewedWorld(t: TestContext, knobs = {}): Promise<[GitHubWorld, StepResult]> {
  const world = await worldFor(t, SPEC, {
    knobs,
    github: {
      pullRequests: [{ number: PR_NUMBER, mergeCommitSha: MERGE_SHA }],
      commits: { [MERGE_SHA]: [PR_NUMBER] },
    },
  });
  const review = await world.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest() });
  assert.equal(review.exitCode, 0, describeRun(review));
  assert.equal(recordOf(world.github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'planned');
  return [world, review];
}

const merge = (world: GitHubWorld, inputs: Record<string, string> = {}): Promise<StepResult> =>
  world.run({ eventName: 'push', payload: PAYLOADS.pushToDefaultBranch(), inputs });

/** The statuses the run wrote into PR #2's comment, in order, and the ids it wrote to. */
function statusUpdates(run: StepResult): { statuses: string[]; ids: string[] } {
  const writes = githubWrites(run.githubCalls);
  return {
    statuses: writes.map((call) => recordOf(call.body).status),
    ids: writes.map((call) => `${call.method} ${call.path.split('/').at(-1)}`),
  };
}

/** Someone changes the stage in AWS between review and merge. */
function changeBehindOurBack(world: GitHubWorld): void {
  world.emulator.putStage({
    RestApiId: REST_API_ID,
    StageName: 'prod',
    DeploymentId: DEPLOYMENTS[0],
    Description: 'Created by hand in the console',
  });
}

test('after merge the PR comment goes from planned to applying to applied', async (t) => {
  const [world, review] = await reviewedWorld(t);
  const comment = world.github.state.commentsOn(PR_NUMBER)[0];
  const run = await merge(world);

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.equal(run.outputs['plan-hash'], review.outputs['plan-hash'], 'the reviewed plan held');
  assert.ok(
    run.githubCalls.some((call) => call.path.endsWith(`/commits/${MERGE_SHA}/pulls`)),
    'the PR was found from the merged commit',
  );
  assert.deepEqual(statusUpdates(run), {
    statuses: ['applying', 'applied'],
    ids: [`PATCH ${comment?.id}`, `PATCH ${comment?.id}`],
  });
  const applying = githubWrites(run.githubCalls)[0]?.body as { body: string };
  assert.match(applying.body, /Applying/);

  const [final, ...others] = world.github.state.commentsOn(PR_NUMBER);
  assert.deepEqual(others, []);
  const record = recordOf(final?.body);
  assert.equal(record.status, 'applied');
  assert.equal(record.planHash, review.outputs['plan-hash']);
  assert.match(final?.body ?? '', /1 created/);
  assert.equal(run.outputs['comment-url'], review.outputs['comment-url']);
  assert.equal(world.readStage('prod')?.['Description'], 'Production stage');
  assert.match(run.summary, /Applied stage-sync plan/);
});

test('plan-mismatch: fail stops before any write when AWS changed since the review', async (t) => {
  const [world, review] = await reviewedWorld(t);
  changeBehindOurBack(world);
  const run = await merge(world, { 'plan-mismatch': 'fail' });

  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'plan-changed');
  assertEveryOutput(run);
  assert.notEqual(run.outputs['plan-hash'], review.outputs['plan-hash']);
  assert.equal(run.outputs['updates'], '1', 'the plan at merge is an update now');
  assert.deepEqual(run.awsWrites, [], 'zero writes');
  assert.equal(
    world.emulator.getStoredModel(STAGE_TYPE_NAME, `${REST_API_ID}|prod`)?.['Description'],
    'Created by hand in the console',
  );
  const errors = run.annotations.filter((a) => a.level === 'error');
  assert.equal(errors.length, 1, describeRun(run));
  assert.match(errors[0]?.message ?? '', /differs from the plan reviewed on #2/);
  assert.match(errors[0]?.message ?? '', /nothing was applied/);

  assert.deepEqual(statusUpdates(run).statuses, ['failed'], 'never shown as applying');
  const final = world.github.state.commentsOn(PR_NUMBER)[0]?.body ?? '';
  assert.match(final, /The plan changed between review and merge/);
  assert.match(final, /Nothing was applied/);
  assert.match(run.summary, /Nothing was applied/);
});

test('plan-mismatch: warn (the default) applies the plan computed at merge and warns', async (t) => {
  const [world, review] = await reviewedWorld(t);
  changeBehindOurBack(world);
  const run = await merge(world);

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.notEqual(run.outputs['plan-hash'], review.outputs['plan-hash']);
  const warnings = run.annotations.filter((a) => a.level === 'warning');
  assert.equal(warnings.length, 1, describeRun(run));
  assert.match(warnings[0]?.message ?? '', /differs from the plan reviewed on #2/);
  assert.deepEqual(
    run.awsWrites.map((call) => [call.operation, call.outcome]),
    [['UpdateResource', 'ok']],
  );
  assert.equal(world.readStage('prod')?.['Description'], 'Production stage');
  assert.deepEqual(statusUpdates(run).statuses, ['applying', 'applied']);
  const final = world.github.state.commentsOn(PR_NUMBER)[0]?.body ?? '';
  assert.match(final, /The plan changed between review and merge/);
  assert.match(final, /It was applied as computed at merge/);
});

test('a failed apply shows failed in the PR comment, with AWS’s error code and message', async (t) => {
  const [world] = await reviewedWorld(t, {
    handlerFailures: [
      {
        operation: 'CREATE',
        errorCode: 'ServiceLimitExceeded',
        statusMessage: 'Too many stages for REST API a1b2c3d4e5',
      },
    ],
  });
  const run = await merge(world);

  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'apply-failed');
  assertEveryOutput(run);
  assert.deepEqual(statusUpdates(run).statuses, ['applying', 'failed']);
  const final = world.github.state.commentsOn(PR_NUMBER)[0]?.body ?? '';
  assert.match(final, /Failed stages/);
  assert.match(final, /`Production`/);
  assert.match(final, /ServiceLimitExceeded/);
  assert.match(final, /Too many stages for REST API a1b2c3d4e5/);
  assert.equal(world.readStage('prod'), undefined);
});

test('re-running the merge job after a partly failed apply converges, even with plan-mismatch: fail', async (t) => {
  const world = await worldFor(
    t,
    stageSpec({
      Production: { name: 'prod', description: 'Production stage' },
      Staging: { name: 'staging', description: 'Staging stage' },
    }),
    {
      knobs: {
        handlerFailures: [
          {
            operation: 'CREATE',
            errorCode: 'ServiceLimitExceeded',
            identifier: `${REST_API_ID}|staging`,
            times: 1,
          },
        ],
      },
      github: {
        pullRequests: [{ number: PR_NUMBER, mergeCommitSha: MERGE_SHA }],
        commits: { [MERGE_SHA]: [PR_NUMBER] },
      },
    },
  );
  const strict = { 'plan-mismatch': 'fail' };
  const review = await world.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest() });
  assert.equal(review.exitCode, 0, describeRun(review));

  const first = await merge(world, strict);
  assert.equal(first.outputs['failure-reason'], 'apply-failed', describeRun(first));
  assert.ok(world.readStage('prod'), 'one stage was created');
  assert.equal(world.readStage('staging'), undefined, 'the other failed');

  // "Re-run failed jobs": the same commit, the same reviewed comment. What changed in AWS since
  // the review is this very apply's own work, so it is not a reason to stop.
  const rerun = await merge(world, strict);
  assert.equal(rerun.exitCode, 0, describeRun(rerun));
  assert.equal(rerun.outputs['failure-reason'], '');
  // Only the failed stage is written again (Cloud Control first replays the FAILED result of
  // the earlier client token, so the engine resubmits with a fresh one: two calls).
  assert.ok(rerun.awsWrites.length > 0);
  assert.deepEqual(
    new Set(rerun.awsWrites.map((call) => `${call.operation} ${call.identifier}`)),
    new Set([`CreateResource ${REST_API_ID}|staging`]),
  );
  assert.equal(world.readStage('staging')?.['Description'], 'Staging stage');
  assert.equal(recordOf(world.github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'applied');
});

test('re-running the merge job after a plan-changed stop still refuses the unreviewed plan', async (t) => {
  const [world] = await reviewedWorld(t);
  changeBehindOurBack(world);
  const strict = { 'plan-mismatch': 'fail' };
  const stopped = await merge(world, strict);
  assert.equal(stopped.outputs['failure-reason'], 'plan-changed', describeRun(stopped));

  const rerun = await merge(world, strict);
  assert.equal(rerun.exitCode, 1, describeRun(rerun));
  assert.equal(rerun.outputs['failure-reason'], 'plan-changed');
  assert.deepEqual(rerun.awsWrites, []);
});

test('a label added to the merged pull request afterwards leaves its Applied comment alone', async (t) => {
  const [world] = await reviewedWorld(t);
  const applied = await merge(world);
  assert.equal(applied.exitCode, 0, describeRun(applied));
  const labeled = webhookExample('pull_request', (p) => p['action'] === 'labeled');
  const pullRequest = labeled['pull_request'] as Record<string, unknown>;
  Object.assign(pullRequest, { state: 'closed', merged: true });

  const run = await world.run({ eventName: 'pull_request', payload: labeled });

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.deepEqual(githubWrites(run.githubCalls), [], 'no comment written');
  assert.equal(recordOf(world.github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'applied');
  assert.match(run.stdout, /#2 is closed; its comment is left to the apply/);
});
