/**
 * The older-commit check when the checkout has no history (README, "How the apply works"):
 * GitHub's compare API says which commit is older, and when GitHub fails, the apply goes ahead
 * with a note that it could not check (a GitHub fault never stops a deploy AWS would accept).
 * The newer commit is applied first, then the older one with its own specs: order by control.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAYLOADS, describeRun, stageSpec, worldFor } from './github-world.ts';

const OLDER = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const NEWER = '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c';
const COMPARE = /^\/repos\/[^/]+\/[^/]+\/compare\//;

const specOf = (description: string) => stageSpec({ Orders: { name: 'orders', description } });
const tagOf = (model: Record<string, unknown> | undefined) =>
  (model?.Tags as { Key: string; Value: string }[] | undefined)?.find(
    (tag) => tag.Key === 'stage-sync:commit',
  )?.Value;

test('without history, GitHub says the commit is older: the stage stops and nothing is written', async (t) => {
  const world = await worldFor(t, specOf('newer'), {
    github: { history: { [NEWER]: [OLDER], [OLDER]: [] } },
  });
  const step = { eventName: 'workflow_dispatch', payload: PAYLOADS.workflowDispatch() };
  const newer = await world.run({ ...step, sha: NEWER, inputs: { mode: 'apply' } });
  assert.equal(newer.exitCode, 0, describeRun(newer));
  assert.equal(tagOf(world.readStage('orders')), NEWER);

  world.writeFile('stages/api.yml', specOf('older'));
  const older = await world.run({ ...step, sha: OLDER, inputs: { mode: 'apply' } });
  assert.equal(older.exitCode, 1, describeRun(older));
  assert.equal(older.outputs['failure-reason'], 'apply-failed');
  assert.equal(older.awsWrites.length, 0, 'no write reached AWS');
  assert.ok(
    older.githubCalls.some((call) => COMPARE.test(call.path)),
    'GitHub was asked',
  );
  assert.match(older.stdout, /NewerCommitApplied/);
  assert.ok(older.stdout.includes(`last applied from newer commit ${NEWER}`), describeRun(older));
  assert.equal(world.readStage('orders')?.Description, 'newer');
});

test('without history and with GitHub failing, the older commit applies with a note that it could not check', async (t) => {
  const world = await worldFor(t, specOf('newer'), {
    github: { history: { [NEWER]: [OLDER], [OLDER]: [] } },
  });
  const step = { eventName: 'workflow_dispatch', payload: PAYLOADS.workflowDispatch() };
  const newer = await world.run({ ...step, sha: NEWER, inputs: { mode: 'apply' } });
  assert.equal(newer.exitCode, 0, describeRun(newer));

  world.github.addFaults({ path: COMPARE, answer: 'server-error', times: 20 });
  world.writeFile('stages/api.yml', specOf('older'));
  const older = await world.run({ ...step, sha: OLDER, inputs: { mode: 'apply' } });
  assert.equal(older.exitCode, 0, describeRun(older));
  assert.ok(older.githubCalls.some((call) => COMPARE.test(call.path) && call.status === 500));
  assert.equal(world.readStage('orders')?.Description, 'older');
  assert.equal(tagOf(world.readStage('orders')), OLDER);
  assert.match(
    older.stdout,
    new RegExp(
      `could not check whether commit ${NEWER.slice(0, 12)}, which last applied the stage`,
    ),
  );
});
