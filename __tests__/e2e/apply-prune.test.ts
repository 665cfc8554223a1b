/**
 * "a prune with managed, unmanaged and foreign stages" (README, "How the apply works"): with `prune: true` the bundle
 * deletes the undeclared stage this repository manages and leaves alone the hand-made one (no
 * ownership tag) and the one another repository manages.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGED_BY_TAG_KEY, STAGE_TYPE_NAME, stageIdentifier } from '../../src/model/stage.ts';
import {
  REPOSITORY,
  describeRun,
  escapeRegExp,
  startApplyWorld,
  tagValue,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';

let world: ApplyWorld;
let unmanaged: string;
let foreign: string;
let elsewhere: string;

before(async () => {
  world = await startApplyWorld({});
  world.writeSpec(world.plainSpec({ RetiredStage: 'retired' }), 'retired.yml');
  const first = await world.apply();
  assert.equal(first.exitCode, 0, describeRun(first));
  assert.equal(first.outputs.creates, '4');
  assert.equal(tagValue(world.readStage('retired'), MANAGED_BY_TAG_KEY), REPOSITORY);

  const { emulator, restApiId, deploymentIds } = world;
  const deploymentId = deploymentIds[0];
  unmanaged = emulator.putStage({
    RestApiId: restApiId,
    StageName: 'handmade',
    DeploymentId: deploymentId,
  });
  foreign = emulator.putStage({
    RestApiId: restApiId,
    StageName: 'theirs',
    DeploymentId: deploymentId,
    Tags: [{ Key: MANAGED_BY_TAG_KEY, Value: 'other-org/other-repo' }],
  });
  // A second REST API: pruning lists every API's stages, not just the ones the specs name.
  const otherApi = emulator.putRestApi({ Name: 'legacy' });
  elsewhere = emulator.putStage({
    RestApiId: otherApi,
    StageName: 'legacy',
    DeploymentId: emulator.putDeployment(otherApi),
  });
  world.removeSpec('retired.yml');
});
after(() => world.close());

test('without prune, an undeclared managed stage is left in place', async () => {
  world.emulator.clearCalls();
  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.deletes, '0');
  assert.deepEqual(writeCalls(world.emulator.calls), []);
  assert.ok(world.readStage('retired'));
});

test('with prune, only the managed undeclared stage is deleted', async () => {
  world.emulator.clearCalls();
  const before = {
    unmanaged: world.emulator.getStoredModel(STAGE_TYPE_NAME, unmanaged),
    foreign: world.emulator.getStoredModel(STAGE_TYPE_NAME, foreign),
    elsewhere: world.emulator.getStoredModel(STAGE_TYPE_NAME, elsewhere),
  };
  const run = await world.apply({ inputs: { prune: 'true' } });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.deepEqual(
    [run.outputs.creates, run.outputs.updates, run.outputs.deletes, run.outputs.unchanged],
    ['0', '0', '1', '3'],
  );

  const retired = world.identifier('retired');
  assert.deepEqual(
    writeCalls(world.emulator.calls).map(
      (call) => `${call.operation} ${call.identifier} ${call.outcome}`,
    ),
    [`DeleteResource ${retired} ok`],
    'exactly one write: the delete of the managed stage',
  );
  assert.equal(world.readStage('retired'), undefined, 'the managed stage is gone');
  assert.deepEqual(
    {
      unmanaged: world.emulator.getStoredModel(STAGE_TYPE_NAME, unmanaged),
      foreign: world.emulator.getStoredModel(STAGE_TYPE_NAME, foreign),
      elsewhere: world.emulator.getStoredModel(STAGE_TYPE_NAME, elsewhere),
    },
    before,
    'the unmanaged and foreign stages are untouched',
  );
  for (const name of ['production', 'staging', 'cached']) assert.ok(world.readStage(name));

  assert.equal(run.stdout.split(`(${retired}) started`).length, 2, 'one started line');
  assert.match(run.stdout, new RegExp(`delete +${escapeRegExp(retired)} applied`));
  const leftAlone =
    run.stdout.slice(run.stdout.indexOf('Left alone (prune)')).split('\n\n')[0] ?? '';
  for (const identifier of [unmanaged, foreign, elsewhere]) {
    assert.ok(leftAlone.includes(identifier), `the log says ${identifier} was left alone`);
  }
  assert.ok(!leftAlone.includes(retired));
  assert.match(leftAlone, /1 managed by another repository/);
  assert.match(leftAlone, /2 unmanaged/);
  assert.ok(run.summary.includes(foreign), 'the job summary names the foreign stage');
});

test('a second prune finds nothing more to delete', async () => {
  world.emulator.clearCalls();
  const run = await world.apply({ inputs: { prune: 'true' } });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['has-changes'], 'false');
  assert.deepEqual(writeCalls(world.emulator.calls), []);
  assert.ok(
    world.emulator.getReadModel(STAGE_TYPE_NAME, stageIdentifier(world.restApiId, 'handmade')),
  );
});
