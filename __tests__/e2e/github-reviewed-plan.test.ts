/**
 * Issue: "The reviewed plan cannot be bypassed", its GitHub side, through the bundle: a GitHub
 * App's token finds its own comment again (so the reviewed hash is found and a change behind
 * the review's back stops the apply), the merged commit's pull request is found although
 * GitHub answers `[]` or 5xx at first, and under `plan-mismatch: fail` a reviewed plan that
 * still cannot be found stops before any write with its own failure reason.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { GitHubFakeOptions } from '../support/github-fake.ts';
import {
  APP_SLUG,
  DEPLOYMENTS,
  PAYLOADS,
  REST_API_ID,
  TOKENS,
  assertEveryOutput,
  describeRun,
  githubWrites,
  recordOf,
  stageSpec,
  worldFor,
  type GitHubWorld,
} from './github-world.ts';

const PR_NUMBER = 2;
const MERGE_SHA = String(PAYLOADS.pushToDefaultBranch()['after']);
const LOOKUP = `/repos/Codertocat/Hello-World/commits/${MERGE_SHA}/pulls`;
const SPEC = stageSpec({ Production: { name: 'prod', description: 'Production stage' } });
const STRICT = { 'plan-mismatch': 'fail' };

async function world(
  t: TestContext,
  github: Omit<GitHubFakeOptions, 'tokens' | 'repository'> = {},
): Promise<GitHubWorld> {
  return worldFor(t, SPEC, {
    github: {
      pullRequests: [{ number: PR_NUMBER, mergeCommitSha: MERGE_SHA }],
      commits: { [MERGE_SHA]: [PR_NUMBER] },
      ...github,
    },
  });
}

const review = async (w: GitHubWorld, token: string = TOKENS.installation) => {
  const run = await w.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest(), token });
  assert.equal(run.exitCode, 0, describeRun(run));
  return run;
};

/** Someone creates the stage by hand in the console, behind the review's back. */
const createByHand = (w: GitHubWorld): void => {
  w.emulator.putStage({
    RestApiId: REST_API_ID,
    StageName: 'prod',
    DeploymentId: DEPLOYMENTS[1],
    Description: 'Created by hand in the console',
  });
};

const merge = (w: GitHubWorld, inputs: Record<string, string> = {}, token?: string) =>
  w.run({
    eventName: 'push',
    payload: PAYLOADS.pushToDefaultBranch(),
    inputs,
    ...(token ? { token } : {}),
  });

test('a GitHub App token keeps one comment across runs: its own login comes from GraphQL viewer', async (t) => {
  const w = await world(t);
  const first = await review(w, TOKENS.app);
  const [comment] = w.github.state.commentsOn(PR_NUMBER);
  assert.equal(comment?.author, `${APP_SLUG}[bot]`);

  w.writeFile('stages/api.yml', stageSpec({ Production: { name: 'prod', description: 'v2' } }));
  const second = await review(w, TOKENS.app);
  assert.deepEqual(
    githubWrites(second.githubCalls).map((call) => `${call.method} ${call.path.split('/').at(-1)}`),
    [`PATCH ${comment?.id}`],
    'updated in place, no new comment',
  );
  assert.equal(w.github.state.commentsOn(PR_NUMBER).length, 1);
  assert.ok(second.githubCalls.some((call) => call.path === '/graphql' && call.status === 200));
  assert.notEqual(second.outputs['plan-hash'], first.outputs['plan-hash']);
});

test('a GitHub App token while GraphQL is down: no second comment, a warning, and the merge checks again', async (t) => {
  const w = await world(t);
  await review(w, TOKENS.app);
  w.writeFile('stages/api.yml', stageSpec({ Production: { name: 'prod', description: 'v2' } }));
  // GET /user answers 403 for any installation token: only GraphQL names the App's login.
  w.github.addFaults({ path: '/graphql', answer: 'server-error', times: 3 });
  const second = await review(w, TOKENS.app);

  assert.deepEqual(githubWrites(second.githubCalls), [], 'no comment written on a guess');
  assert.equal(w.github.state.commentsOn(PR_NUMBER).length, 1);
  assert.ok(
    second.annotations.some(
      (a) => a.level === 'warning' && /learn which login this token comments as/.test(a.message),
    ),
    describeRun(second),
  );
  // GraphQL back: the merge finds the App's comment and holds the plan to it.
  const run = await merge(w, STRICT, TOKENS.app);
  assert.equal(run.outputs['failure-reason'], 'plan-changed', describeRun(run));
  assert.deepEqual(run.awsWrites, []);
});

test('a GitHub App token: the reviewed hash is found, so plan-mismatch: fail stops a changed plan', async (t) => {
  const w = await world(t);
  await review(w, TOKENS.app);
  w.emulator.putStage({
    RestApiId: REST_API_ID,
    StageName: 'prod',
    DeploymentId: DEPLOYMENTS[0],
    Description: 'Created by hand in the console',
  });
  const run = await merge(w, STRICT, TOKENS.app);
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'plan-changed');
  assert.deepEqual(run.awsWrites, []);
  assert.equal(w.github.state.commentsOn(PR_NUMBER).length, 1, 'the same comment shows it');
  assert.equal(recordOf(w.github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'failed');
});

test('the pull request lookup answers [] right after the merge: asked again, found, applied', async (t) => {
  const w = await world(t, { pullRequestLinkDelay: { [MERGE_SHA]: 2 } });
  const reviewRun = await review(w);
  const run = await merge(w, STRICT);

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.deepEqual(
    run.githubCalls.filter((call) => call.path === LOOKUP).map((call) => call.status),
    [200, 200, 200],
  );
  assert.equal(run.outputs['plan-hash'], reviewRun.outputs['plan-hash']);
  assert.equal(recordOf(w.github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'applied');
  assert.equal(w.readStage('prod')?.['Description'], 'Production stage');
});

test('the pull request lookup fails with 5xx beyond the client’s retries: asked again, found', async (t) => {
  const w = await world(t);
  await review(w);
  w.github.addFaults({ method: 'GET', path: LOOKUP, answer: 'bad-gateway', times: 3 });
  const run = await merge(w, STRICT);

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.deepEqual(
    run.githubCalls.filter((call) => call.path === LOOKUP).map((call) => call.status),
    [502, 502, 502, 200],
  );
  assert.equal(recordOf(w.github.state.commentsOn(PR_NUMBER)[0]?.body).status, 'applied');
});

test('plan-mismatch: fail and no pull request found within the wait: stops, reviewed-plan-unknown', async (t) => {
  const w = await world(t, { commits: { [MERGE_SHA]: [] } });
  const run = await merge(w, STRICT);

  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'reviewed-plan-unknown');
  assertEveryOutput(run);
  assert.deepEqual(run.awsWrites, [], 'zero writes');
  assert.equal(w.readStage('prod'), undefined);
  assert.equal(run.githubCalls.filter((call) => call.path === LOOKUP).length, 5);
  const errors = run.annotations.filter((a) => a.level === 'error');
  assert.equal(errors.length, 1, describeRun(run));
  assert.match(
    errors[0]?.message ?? '',
    /unknown after 5 attempts over 15 s: GitHub lists no pull request/,
  );
  assert.match(errors[0]?.message ?? '', /plan-mismatch is fail.*nothing was applied/);
  assert.match(run.summary, /The reviewed plan could not be found/);
  assert.match(run.summary, /Nothing was applied/);
});

test('plan-mismatch: fail and a lookup GitHub refuses (422): stops at once, reviewed-plan-unknown', async (t) => {
  const w = await world(t, { commits: {} });
  const run = await merge(w, STRICT);
  assert.equal(run.outputs['failure-reason'], 'reviewed-plan-unknown', describeRun(run));
  assert.deepEqual(run.awsWrites, []);
  assert.equal(run.githubCalls.filter((call) => call.path === LOOKUP).length, 1);
  assert.match(run.summary, /No commit found for SHA/);
});

test('plan-mismatch: warn and no pull request: applies as before, saying so without a warning', async (t) => {
  const w = await world(t, { commits: { [MERGE_SHA]: [] } });
  const run = await merge(w);
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.awsWrites.length, 1);
  assert.deepEqual(
    run.annotations.filter((a) => a.level !== 'notice'),
    [],
  );
  assert.match(
    run.stdout,
    /unknown after 3 attempts over 3 s.*Applying without checking the reviewed plan/,
  );
});

test('plan-mismatch: fail and a pull request without a stage-sync comment: stops, reviewed-plan-unknown', async (t) => {
  // A fork's read-only token could not post the plan, so nobody saw what the merge would do.
  const w = await world(t);
  await review(w, TOKENS.readOnly);
  assert.equal(w.github.state.commentsOn(PR_NUMBER).length, 0);
  createByHand(w);
  const run = await merge(w, STRICT);

  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'reviewed-plan-unknown');
  assert.deepEqual(run.awsWrites, [], 'zero writes');
  assert.equal(w.readStage('prod')?.['Description'], 'Created by hand in the console');
  assert.match(run.summary, /#2 has no stage-sync plan comment/);
});

test('plan-mismatch: warn and a pull request without a stage-sync comment: applies, with a warning', async (t) => {
  const w = await world(t);
  const run = await merge(w);
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.awsWrites.length, 1);
  const warnings = run.annotations.filter((a) => a.level === 'warning');
  assert.equal(warnings.length, 1, describeRun(run));
  assert.match(
    warnings[0]?.message ?? '',
    /#2 has no stage-sync plan comment .*Applying without checking the reviewed plan/,
  );
});

test('a re-run after an apply whose every write was refused is checked against the review again', async (t) => {
  const w = await worldFor(t, SPEC, {
    knobs: {
      injectedErrors: [
        { errorName: 'AccessDeniedException', operation: 'CreateResource', times: 1 },
      ],
    },
    github: {
      pullRequests: [{ number: PR_NUMBER, mergeCommitSha: MERGE_SHA }],
      commits: { [MERGE_SHA]: [PR_NUMBER] },
    },
  });
  const reviewed = await review(w);
  const first = await merge(w, STRICT);
  assert.equal(first.outputs['failure-reason'], 'apply-failed', describeRun(first));
  const record = recordOf(w.github.state.commentsOn(PR_NUMBER)[0]?.body);
  assert.equal(record.status, 'failed');
  assert.equal(record.reviewedPlanHash, reviewed.outputs['plan-hash'], 'AWS accepted no write');

  // Between the runs someone creates the stage by hand; the re-run's plan is not the reviewed one.
  createByHand(w);
  const rerun = await merge(w, STRICT);
  assert.equal(rerun.exitCode, 1, describeRun(rerun));
  assert.equal(rerun.outputs['failure-reason'], 'plan-changed');
  assert.deepEqual(rerun.awsWrites, []);
  assert.equal(w.readStage('prod')?.['Description'], 'Created by hand in the console');
});
