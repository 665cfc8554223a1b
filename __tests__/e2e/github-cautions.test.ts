/**
 * Cautions a reviewer cannot miss (README, "What a reviewer sees"): a declared stage whose ownership tag names
 * another repository, or that has none, is a caution in the PR comment, the job summary and the
 * log, naming who owned it and who will; a plan over max-deletes fails with every deletion shown.
 * Through the bundle as a runner runs it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MANAGED_BY_TAG_KEY } from '../../src/model/stage.ts';
import {
  DEPLOYMENTS,
  PAYLOADS,
  REPOSITORY,
  REST_API_ID,
  describeRun,
  stageSpec,
  worldFor,
} from './github-world.ts';

const PR_NUMBER = 2;

test('a plan that takes stages over from another repository or from none says so, naming both owners', async (t) => {
  const spec = stageSpec({
    Theirs: { name: 'theirs', description: 'now ours' },
    Untagged: { name: 'untagged', description: 'now ours too' },
  });
  const world = await worldFor(t, spec, { github: { pullRequests: [PR_NUMBER] } });
  world.emulator.putStage({
    RestApiId: REST_API_ID,
    StageName: 'theirs',
    DeploymentId: DEPLOYMENTS[0],
    Tags: [{ Key: MANAGED_BY_TAG_KEY, Value: 'other-org/other-repo' }],
  });
  world.emulator.putStage({
    RestApiId: REST_API_ID,
    StageName: 'untagged',
    DeploymentId: DEPLOYMENTS[0],
  });

  const run = await world.run({ eventName: 'pull_request', payload: PAYLOADS.pullRequest() });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.updates, '2');
  const [comment] = world.github.state.commentsOn(PR_NUMBER);
  assert.ok(comment, describeRun(run));
  for (const [where, body] of [
    ['comment', comment.body],
    ['summary', run.summary],
  ] as const) {
    assert.match(
      body,
      new RegExp(`> \\*\\*2 stages will be taken over\\*\\* by \`${REPOSITORY}\``),
      where,
    );
    assert.ok(
      body.includes(`\`${REST_API_ID}|theirs\` (managed by \`other-org/other-repo\`)`),
      where,
    );
    assert.ok(body.includes(`\`${REST_API_ID}|untagged\` (no ownership tag)`), where);
  }
  assert.match(run.stdout, new RegExp(`Taking over 2 stages for ${REPOSITORY}`));
});

test('a pull request whose plan deletes more than max-deletes fails, and its comment still shows every deletion', async (t) => {
  const world = await worldFor(t, stageSpec({ Kept: { name: 'kept', description: 'kept' } }), {
    github: { pullRequests: [PR_NUMBER] },
  });
  for (const name of ['old-a', 'old-b'])
    world.emulator.putStage({
      RestApiId: REST_API_ID,
      StageName: name,
      DeploymentId: DEPLOYMENTS[0],
      Tags: [{ Key: MANAGED_BY_TAG_KEY, Value: REPOSITORY }],
    });
  const run = await world.run({
    eventName: 'pull_request',
    payload: PAYLOADS.pullRequest(),
    inputs: { prune: 'true', 'max-deletes': '1' },
  });
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'too-many-deletes');
  assert.match(
    run.stdout,
    /::error::Blocked: the plan deletes 2 managed stage\(s\) and max-deletes allows 1/,
  );
  const [comment] = world.github.state.commentsOn(PR_NUMBER);
  assert.ok(comment, describeRun(run));
  assert.match(comment.body, /\*\*2 stages will be deleted\*\*/);
  for (const name of ['old-a', 'old-b'])
    assert.ok(comment.body.includes(`${REST_API_ID}|${name}`), `the comment shows ${name}`);
  assert.deepEqual(run.awsWrites, [], 'a plan never writes');
});
