/**
 * Issue: "GitHub faults", on the plan comment of a pull request, through the bundle: 5xx and
 * 429 are retried, a lost create never becomes a second comment, and a comment that cannot be
 * written is a warning naming its own cause (a fork's read-only token, a locked conversation,
 * a secondary rate limit, GitHub failing), never a failed check. The job summary always has
 * the plan.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FakeFault, GitHubFakeOptions } from '../support/github-fake.ts';
import {
  PAYLOADS,
  TOKENS,
  describeRun,
  githubWrites,
  recordOf,
  stageSpec,
  worldFor,
  type StepResult,
} from './github-world.ts';

const PR_NUMBER = 2;
const COMMENTS = `/repos/Codertocat/Hello-World/issues/${PR_NUMBER}/comments`;
const SPEC = stageSpec({ Production: { name: 'prod', description: 'Production stage' } });

async function planWith(
  t: Parameters<typeof worldFor>[0],
  github: Omit<GitHubFakeOptions, 'tokens' | 'repository'>,
  token: string = TOKENS.installation,
) {
  const world = await worldFor(t, SPEC, { github: { pullRequests: [PR_NUMBER], ...github } });
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest(),
    token,
  });
  return { world, run };
}

const creates = (run: StepResult) =>
  githubWrites(run.githubCalls)
    .filter((call) => call.method === 'POST')
    .map((call) => call.status);

const warnings = (run: StepResult) =>
  run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

/** The PR check passed, with the plan in the summary and no error annotation. */
function assertCheckPassed(run: StepResult): void {
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.deepEqual(
    run.annotations.filter((a) => a.level === 'error'),
    [],
  );
  assert.match(run.summary, /stage-sync plan for/);
  assert.match(run.summary, /`Production`/);
  assert.deepEqual(run.awsWrites, []);
}

for (const answer of ['server-error', 'bad-gateway', 'too-many-requests'] as const) {
  test(`a ${answer} on the plan comment is retried and the comment is written once`, async (t) => {
    const fault: FakeFault = { method: 'POST', path: COMMENTS, answer };
    const { world, run } = await planWith(t, { faults: [fault] });
    assertCheckPassed(run);
    assert.equal(creates(run).length, 2, describeRun(run));
    assert.equal(creates(run).at(-1), 201);
    assert.equal(world.github.state.commentsOn(PR_NUMBER).length, 1);
    assert.deepEqual(warnings(run), []);
    assert.notEqual(run.outputs['comment-url'], '');
  });
}

test('a 502 after GitHub stored the comment: found on listing again, never posted twice', async (t) => {
  const { world, run } = await planWith(t, {
    faults: [{ method: 'POST', path: COMMENTS, answer: 'bad-gateway', afterHandling: true }],
  });
  assertCheckPassed(run);
  assert.deepEqual(creates(run), [502], 'one create');
  const [comment, ...others] = world.github.state.commentsOn(PR_NUMBER);
  assert.deepEqual(others, []);
  assert.equal(recordOf(comment?.body).planHash, run.outputs['plan-hash']);
  assert.match(run.outputs['comment-url'] ?? '', new RegExp(`#issuecomment-${comment?.id}$`));
});

for (const answer of ['server-error', 'bad-gateway', 'too-many-requests'] as const) {
  test(`${answer} on every attempt: a warning, the check passes, the summary has the plan`, async (t) => {
    const fault: FakeFault = { method: 'POST', path: COMMENTS, answer, times: 100 };
    const { world, run } = await planWith(t, { faults: [fault] });
    assertCheckPassed(run);
    assert.equal(creates(run).length, 3, 'three creates, each after listing again');
    assert.deepEqual(world.github.state.comments, []);
    assert.equal(run.outputs['comment-url'], '');
    const [warning, ...more] = warnings(run);
    assert.deepEqual(more, []);
    const reason = answer === 'too-many-requests' ? 'rate-limit' : 'server-error';
    assert.match(
      warning ?? '',
      new RegExp(`^Could not comment on the pull request \\(${reason}\\)`),
    );
    assert.doesNotMatch(warning ?? '', /fork/);
  });
}

test('a secondary rate limit on the comment is waited out as retry-after asks', async (t) => {
  const { world, run } = await planWith(t, {
    faults: [
      { method: 'POST', path: COMMENTS, answer: 'secondary-rate-limit', retryAfterSeconds: 1 },
    ],
  });
  assertCheckPassed(run);
  assert.deepEqual(creates(run), [403, 201]);
  assert.equal(world.github.state.commentsOn(PR_NUMBER).length, 1);
  assert.match(run.stdout, /GitHub secondary rate limit on POST .*: retrying in 1 s/);
  assert.deepEqual(warnings(run), []);
});

test('a secondary rate limit longer than the run waits: its own warning, not a fork', async (t) => {
  const { run } = await planWith(t, {
    faults: [
      { method: 'POST', path: COMMENTS, answer: 'secondary-rate-limit', retryAfterSeconds: 3600 },
    ],
  });
  assertCheckPassed(run);
  assert.deepEqual(creates(run), [403]);
  const [warning] = warnings(run);
  assert.match(warning ?? '', /\(secondary-rate-limit\).*secondary rate limit held after waiting/);
  assert.doesNotMatch(warning ?? '', /fork/);
});

test('a locked conversation: its own warning, not a fork', async (t) => {
  const world = await worldFor(t, SPEC, {
    github: { pullRequests: [{ number: PR_NUMBER, locked: true }] },
  });
  const run = await world.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest() });
  assertCheckPassed(run);
  assert.deepEqual(creates(run), [403], 'not retried');
  const [warning] = warnings(run);
  assert.match(
    warning ?? '',
    /\(locked\).*conversation is locked.*Unable to create comment because issue is locked/,
  );
  assert.doesNotMatch(warning ?? '', /fork/);
});

test('a fork’s read-only token: its own warning, naming the fork', async (t) => {
  const { run } = await planWith(t, {}, TOKENS.readOnly);
  assertCheckPassed(run);
  const [warning] = warnings(run);
  assert.match(
    warning ?? '',
    /\(read-only-token\).*pull request from a fork gets a read-only token/,
  );
  assert.doesNotMatch(warning ?? '', /locked|rate limit/);
});
