/**
 * Deletions fail closed (README, "How the apply works"), through the bundle as a runner runs it:
 * a plan that deletes more managed stages than `max-deletes` allows is shown but never applied; a
 * run whose specs declare no stage never prunes; and without a repository to tag stages with,
 * nothing is planned or written at all.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import { runAction } from '../support/run-action.ts';
import { describeRun, startApplyWorld, writeCalls, type ApplyWorld } from './apply-world.ts';

let world: ApplyWorld;
const RETIRED = { A: 'old-a', B: 'old-b', C: 'old-c' };

before(async () => {
  world = await startApplyWorld();
  world.removeSpec('alchemy-stages.yml');
  world.writeSpec(world.plainSpec({ Keep: 'keep' }), 'keep.yml');
  world.writeSpec(world.plainSpec(RETIRED), 'retired.yml');
  const first = await world.apply();
  assert.equal(first.exitCode, 0, describeRun(first));
  world.removeSpec('retired.yml');
});
after(() => world.close());

test('a plan deleting more managed stages than max-deletes fails before any write', async () => {
  world.emulator.clearCalls();
  const run = await world.apply({ inputs: { prune: 'true', 'max-deletes': '2' } });
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'too-many-deletes');
  assert.equal(run.outputs.deletes, '3', 'the outputs still tell what the plan holds');
  assert.deepEqual(writeCalls(world.emulator.calls), [], 'not one write reached AWS');
  assert.match(
    run.stdout,
    /::error::Blocked: the plan deletes 3 managed stage\(s\) and max-deletes allows 2/,
  );
  for (const name of Object.values(RETIRED)) {
    assert.ok(world.readStage(name), `${name} is still there`);
    assert.ok(run.summary.includes(world.identifier(name)), `the summary shows ${name}'s deletion`);
  }
});

test('within max-deletes the same prune is applied', async () => {
  const run = await world.apply({ inputs: { prune: 'true', 'max-deletes': '3' } });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.deletes, '3');
  for (const name of Object.values(RETIRED)) assert.equal(world.readStage(name), undefined);
  assert.ok(world.readStage('keep'));
});

test('specs that declare no stage never prune, whatever the managed stages', async () => {
  world.removeSpec('keep.yml');
  world.writeSpec('# every stage moved elsewhere\nstages: {}\n', 'empty.yml');
  world.emulator.clearCalls();
  const run = await world.apply({ inputs: { prune: 'true' } });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.deletes, '0');
  assert.deepEqual(writeCalls(world.emulator.calls), []);
  assert.ok(world.readStage('keep'), 'the managed stage is still there');
  assert.match(run.stdout, /::warning::prune is on but the spec files declare no stage/);
  world.removeSpec('empty.yml');
  world.writeSpec(world.plainSpec({ Keep: 'keep' }), 'keep.yml');
});

for (const repository of ['', 'not-a-repository']) {
  test(`GITHUB_REPOSITORY ${JSON.stringify(repository)} stops the run before AWS is called`, async () => {
    world.emulator.clearCalls();
    const run = await runAction({
      workspace: world.workspace,
      eventName: 'push',
      payload: { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
      ref: 'refs/heads/main',
      repository,
      inputs: { prune: 'true', comment: 'false' },
      env: { AWS_ENDPOINT_URL_CLOUDCONTROL: world.emulator.url },
    });
    assert.equal(run.exitCode, 1, describeRun(run));
    assert.equal(run.outputs['failure-reason'], 'invalid-input');
    assert.match(run.stdout, /::error::GITHUB_REPOSITORY is .*needs owner\/repo/);
    assert.deepEqual(world.emulator.calls, [], 'no AWS call at all');
    assert.ok(world.emulator.getStoredModel(STAGE_TYPE_NAME, world.identifier('keep')));
  });
}
