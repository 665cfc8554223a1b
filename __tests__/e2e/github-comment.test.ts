/**
 * "one comment per pull request and target, kept alive" (README, "What each event does"): the bundle runs on successive
 * pull_request events of PR #2 (the examples' PR) against the fake GitHub REST API, which pages
 * comments with Link headers, refuses writes of a read-only token with 403 and bodies over
 * 65,536 characters with 422, as GitHub does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VERSION } from '../../src/version.ts';
import { formatCommentRecord } from '../../src/render/comment-record.ts';
import { ACTIONS_BOT_LOGIN, MAX_COMMENT_BODY_CHARS } from '../support/github-fake.ts';
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
/** The target of the default `specs` input in us-east-1, as the action names it. */
const DEFAULT_TARGET = 'us-east-1: stages/**/*.yml, stages/**/*.yaml';

const ONE_STAGE = stageSpec({ Production: { name: 'prod', description: 'Production stage' } });
const TWO_STAGES = stageSpec({
  Production: { name: 'prod', description: 'Production stage' },
  Staging: { name: 'staging', description: 'Staging stage' },
});

/** Commits of successive pushes to the PR (GITHUB_SHA of each pull_request run). */
const SHAS = {
  first: '1111111111111111111111111111111111111111',
  second: '2222222222222222222222222222222222222222',
  third: '3333333333333333333333333333333333333333',
} as const;

const writesOf = (run: StepResult): string[] =>
  githubWrites(run.githubCalls).map((call) => `${call.method} ${call.path}`);

test('the sticky comment across pushes: created, updated in place, left alone when unchanged', async (t) => {
  const world = await worldFor(t, ONE_STAGE, { github: { pullRequests: [PR_NUMBER] } });

  const opened = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('opened'),
    sha: SHAS.first,
  });
  assert.equal(opened.exitCode, 0, describeRun(opened));
  assert.deepEqual(writesOf(opened), [
    `POST /repos/Codertocat/Hello-World/issues/${PR_NUMBER}/comments`,
  ]);
  const [created] = world.github.state.commentsOn(PR_NUMBER);
  assert.ok(created);
  const firstHash = recordOf(created.body).planHash;
  assert.match(opened.stdout, /PR comment created/);

  // A second push changes the plan: the same comment is edited, none is added.
  world.writeFile('stages/api.yml', TWO_STAGES);
  const changed = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('synchronize'),
    sha: SHAS.second,
  });
  assert.equal(changed.exitCode, 0, describeRun(changed));
  assert.deepEqual(writesOf(changed), [
    `PATCH /repos/Codertocat/Hello-World/issues/comments/${created.id}`,
  ]);
  assert.equal(world.github.state.commentsOn(PR_NUMBER).length, 1);
  const updated = world.github.state.commentsOn(PR_NUMBER)[0];
  assert.equal(updated?.id, created.id);
  assert.notEqual(recordOf(updated?.body).planHash, firstHash);
  assert.equal(recordOf(updated?.body).planHash, changed.outputs['plan-hash']);
  assert.match(updated?.body ?? '', /`Staging`/);
  assert.equal(changed.outputs['comment-url'], opened.outputs['comment-url']);

  // The same commit planned again (a re-run, or an event that moves no commit): no API write.
  const rerun = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('synchronize'),
    sha: SHAS.second,
  });
  assert.equal(rerun.exitCode, 0, describeRun(rerun));
  assert.deepEqual(writesOf(rerun), [], 'no POST and no PATCH');
  assert.ok(
    rerun.githubCalls.some((call) => call.method === 'GET'),
    'it did look',
  );
  assert.match(rerun.stdout, /PR comment unchanged/);
  assert.equal(rerun.outputs['comment-url'], opened.outputs['comment-url']);
  assert.equal(world.github.state.commentsOn(PR_NUMBER)[0]?.body, updated?.body);

  // A new commit that leaves the plan as it was: the comment names the commit it was planned
  // at, so only that changes; the plan and its hash stay.
  const before = world.github.state.commentsOn(PR_NUMBER)[0]?.body ?? '';
  const moved = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('synchronize'),
    sha: SHAS.third,
  });
  assert.equal(moved.exitCode, 0, describeRun(moved));
  assert.equal(moved.outputs['plan-hash'], changed.outputs['plan-hash']);
  assert.deepEqual(writesOf(moved), [
    `PATCH /repos/Codertocat/Hello-World/issues/comments/${created.id}`,
  ]);
  assert.equal(
    world.github.state.commentsOn(PR_NUMBER)[0]?.body,
    before
      .replaceAll(SHAS.second, SHAS.third)
      .replaceAll(SHAS.second.slice(0, 7), SHAS.third.slice(0, 7)),
  );
  assert.deepEqual(moved.awsWrites, []);
});

test('a human comment quoting the marker is never edited; ours is found on a later page', async (t) => {
  // An older human comment that quotes our record for the very same target, then enough
  // chatter that our comment lands on the second page of 100.
  const quoted = formatCommentRecord({
    tool: 'stage-sync',
    version: VERSION,
    target: DEFAULT_TARGET,
    planHash: 'sha256:0000',
    truncated: false,
    status: 'planned',
  });
  const humanBody = `${quoted}\n> Why does this plan create a stage? — octocat`;
  const chatter = Array.from({ length: 120 }, (_, i) => ({
    issueNumber: PR_NUMBER,
    author: i % 2 ? 'hubot' : 'octocat',
    body: `LGTM ${i}`,
  }));
  const world = await worldFor(t, ONE_STAGE, {
    github: {
      comments: [{ issueNumber: PR_NUMBER, author: 'octocat', body: humanBody }, ...chatter],
    },
  });
  const human = world.github.state.commentsOn(PR_NUMBER)[0];

  const first = await world.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest() });
  assert.equal(first.exitCode, 0, describeRun(first));
  assert.deepEqual(writesOf(first), [
    `POST /repos/Codertocat/Hello-World/issues/${PR_NUMBER}/comments`,
  ]);
  const ours = world.github.state.commentsOn(PR_NUMBER).at(-1);
  assert.equal(ours?.author, ACTIONS_BOT_LOGIN);

  world.writeFile('stages/api.yml', TWO_STAGES);
  const second = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('synchronize'),
  });
  assert.equal(second.exitCode, 0, describeRun(second));
  assert.deepEqual(writesOf(second), [
    `PATCH /repos/Codertocat/Hello-World/issues/comments/${ours?.id}`,
  ]);
  assert.ok(
    second.githubCalls.some((call) => call.method === 'GET' && call.query['page'] === '2'),
    'the second page of comments was read',
  );
  assert.equal(world.github.state.commentsOn(PR_NUMBER).length, 122, 'no comment added');
  assert.equal(human?.body, humanBody, 'the human comment is as written');
  assert.equal(human?.author, 'octocat');
});

test('two targets (different specs) keep separate comments on one pull request', async (t) => {
  const world = await worldFor(t, ONE_STAGE, { github: { pullRequests: [PR_NUMBER] } });
  world.writeFile('edge/api.yml', stageSpec({ Edge: { name: 'edge', description: 'Edge stage' } }));
  const targets = { main: { specs: 'stages/**/*.yml' }, edge: { specs: 'edge/**/*.yml' } };

  const main = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest(),
    inputs: targets.main,
  });
  const edge = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest(),
    inputs: targets.edge,
  });
  for (const run of [main, edge]) assert.equal(run.exitCode, 0, describeRun(run));
  const [mainComment, edgeComment, ...others] = world.github.state.commentsOn(PR_NUMBER);
  assert.deepEqual(others, []);
  assert.equal(recordOf(mainComment?.body).target, 'us-east-1: stages/**/*.yml');
  assert.equal(recordOf(edgeComment?.body).target, 'us-east-1: edge/**/*.yml');
  assert.match(mainComment?.body ?? '', /`Production`/);
  assert.doesNotMatch(mainComment?.body ?? '', /`Edge`/);
  assert.match(edgeComment?.body ?? '', /`Edge`/);
  assert.notEqual(main.outputs['comment-url'], edge.outputs['comment-url']);

  // A change to one target's specs edits that target's comment only.
  const mainBody = mainComment?.body;
  world.writeFile('edge/api.yml', stageSpec({ Edge: { name: 'edge', description: 'Edge v2' } }));
  const edgeAgain = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest('synchronize'),
    inputs: targets.edge,
  });
  assert.deepEqual(writesOf(edgeAgain), [
    `PATCH /repos/Codertocat/Hello-World/issues/comments/${edgeComment?.id}`,
  ]);
  assert.equal(world.github.state.commentsOn(PR_NUMBER)[0]?.body, mainBody);
  assert.match(world.github.state.commentsOn(PR_NUMBER)[1]?.body ?? '', /Edge v2/);
});

test('a fork: the read-only token may not comment, which warns and still succeeds', async (t) => {
  const world = await worldFor(t, ONE_STAGE, { github: { pullRequests: [PR_NUMBER] } });
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest(),
    token: TOKENS.readOnly,
  });

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.equal(run.outputs['comment-url'], '');
  assert.equal(run.outputs['creates'], '1');
  const warnings = run.annotations.filter((a) => a.level === 'warning');
  assert.equal(warnings.length, 1, describeRun(run));
  assert.match(warnings[0]?.message ?? '', /Could not comment on the pull request/);
  assert.match(warnings[0]?.message ?? '', /job summary/);
  assert.deepEqual(
    run.annotations.filter((a) => a.level === 'error'),
    [],
  );
  // GitHub was asked, and said no.
  assert.deepEqual(
    githubWrites(run.githubCalls).map((call) => [call.method, call.status]),
    [['POST', 403]],
  );
  assert.deepEqual(world.github.state.comments, []);
  assert.match(run.summary, /stage-sync plan for/);
  assert.match(run.summary, /`Production`/);
  assert.deepEqual(run.awsWrites, []);
});

test('a plan too large for one comment is cut to fit GitHub’s limit; the summary keeps it all', async (t) => {
  // 250 stages with long descriptions: the full plan is several times GitHub's limit, so the
  // fake (which answers 422 over 65,536 characters, as GitHub does) would refuse it whole.
  const stages = Object.fromEntries(
    Array.from({ length: 250 }, (_, i) => [
      `Stage${String(i).padStart(3, '0')}`,
      { name: `s${i}`, description: `Stage ${i} ${'of a very long description '.repeat(10)}` },
    ]),
  );
  const world = await worldFor(t, stageSpec(stages), { github: { pullRequests: [PR_NUMBER] } });
  const run = await world.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest() });

  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['creates'], '250');
  const [comment] = world.github.state.commentsOn(PR_NUMBER);
  assert.ok(comment, 'the comment was accepted');
  assert.ok([...comment.body].length <= MAX_COMMENT_BODY_CHARS);
  assert.equal(recordOf(comment.body).truncated, true);
  assert.ok(githubWrites(run.githubCalls).every((call) => call.status < 400));
  assert.match(run.summary, /`Stage249`/, 'the job summary holds every stage');
  assert.ok(run.summary.length > MAX_COMMENT_BODY_CHARS, 'the whole plan would not have fit');
});
