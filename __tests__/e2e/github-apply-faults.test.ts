/**
 * Issue: "GitHub faults", on the apply after a merge, through the bundle: GitHub failing on the
 * pull request's status comment never stops or misreports a deploy. The AWS outcome is the
 * run's outcome, and the job summary is always written. The apply-status comment also fits
 * GitHub's 65,536-character limit when AWS's messages are long.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { MAX_COMMENT_BODY_CHARS, type FakeFault } from '../support/github-fake.ts';
import {
  PAYLOADS,
  describeRun,
  githubWrites,
  recordOf,
  stageSpec,
  worldFor,
  type GitHubWorld,
} from './github-world.ts';

const PR_NUMBER = 2;
const MERGE_SHA = String(PAYLOADS.pushToDefaultBranch()['after']);
const SPEC = stageSpec({ Production: { name: 'prod', description: 'Production stage' } });
const UPDATE = /^\/repos\/Codertocat\/Hello-World\/issues\/comments\/\d+$/;

/** PR #2 reviewed (its plan comment written), then merged as the pushed commit. */
async function reviewed(t: TestContext, spec = SPEC, knobs = {}): Promise<GitHubWorld> {
  const world = await worldFor(t, spec, {
    knobs,
    github: {
      pullRequests: [{ number: PR_NUMBER, mergeCommitSha: MERGE_SHA }],
      commits: { [MERGE_SHA]: [PR_NUMBER] },
    },
  });
  const review = await world.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest() });
  assert.equal(review.exitCode, 0, describeRun(review));
  return world;
}

const merge = (world: GitHubWorld) =>
  world.run({ eventName: 'push', payload: PAYLOADS.pushToDefaultBranch() });

test('a 500 on the "applying" update is retried; the deploy goes on and is reported applied', async (t) => {
  const world = await reviewed(t);
  world.github.addFaults({ method: 'PATCH', path: UPDATE, answer: 'server-error' });
  const run = await merge(world);

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.deepEqual(
    run.awsWrites.map((call) => [call.operation, call.outcome]),
    [['CreateResource', 'ok']],
  );
  assert.deepEqual(
    githubWrites(run.githubCalls).map((call) => [call.status, recordOf(call.body).status]),
    [
      [500, 'applying'],
      [200, 'applying'],
      [200, 'applied'],
    ],
  );
  assert.equal(recordOf(world.github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'applied');
});

test('GitHub failing on every "applying" update: a warning, and the deploy still happens', async (t) => {
  const world = await reviewed(t);
  world.github.addFaults({ method: 'PATCH', path: UPDATE, answer: 'server-error', times: 3 });
  const run = await merge(world);

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.awsWrites.length, 1, 'AWS was written');
  assert.equal(world.readStage('prod')?.['Description'], 'Production stage');
  const warnings = run.annotations.filter((a) => a.level === 'warning');
  assert.equal(warnings.length, 1, describeRun(run));
  assert.match(warnings[0]?.message ?? '', /\(server-error\)/);
  assert.equal(recordOf(world.github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'applied');
});

test('a 502 on every final status update after a successful apply: exit 0, summary written, a warning', async (t) => {
  const world = await reviewed(t);
  const final: FakeFault = {
    method: 'PATCH',
    path: UPDATE,
    answer: 'bad-gateway',
    skip: 1,
    times: 3,
  };
  world.github.addFaults(final);
  const run = await merge(world);

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '', 'not internal-error');
  assert.match(run.summary, /Applied stage-sync plan/);
  assert.match(run.summary, /1 created/);
  assert.equal(world.github.faultsRemaining, 0, 'every attempt met the fault');
  const warnings = run.annotations.filter((a) => a.level === 'warning');
  assert.equal(warnings.length, 1, describeRun(run));
  assert.match(
    warnings[0]?.message ?? '',
    /^Could not comment on the pull request \(server-error\)/,
  );
  // The comment says what it last could: applying. The summary and the outcome are the truth.
  assert.equal(recordOf(world.github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'applying');
});

test('30 failures with long AWS messages: the failed-apply comment fits, every failure counted', async (t) => {
  const stages = Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [
      `Stage${String(i).padStart(2, '0')}`,
      { name: `s${i}`, description: `Stage ${i}` },
    ]),
  );
  const longMessage = `Resource handler returned message: "${'The stage settings were refused by API Gateway. '.repeat(60)}"`;
  const world = await reviewed(t, stageSpec(stages), {
    handlerFailures: [
      { operation: 'CREATE', errorCode: 'InvalidRequest', statusMessage: longMessage },
    ],
  });
  const run = await merge(world);

  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'apply-failed');
  const final = githubWrites(run.githubCalls).at(-1);
  assert.equal(final?.status, 200, 'GitHub accepted the failed-apply comment');
  const body = world.github.state.commentsOn(PR_NUMBER)[0]?.body ?? '';
  assert.equal(recordOf(body).status, 'failed');
  assert.ok([...body].length <= MAX_COMMENT_BODY_CHARS, String(body.length));
  assert.match(body, /30 stages failed/);
  assert.match(body, /more characters in the job summary/);
  assert.match(body, /…and 10 more failed stages, listed in the job summary/);
  // The job summary has each message whole.
  assert.ok(run.summary.split(longMessage.slice(0, 2_000)).length > 30);
});
