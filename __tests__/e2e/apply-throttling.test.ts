/**
 * "30 % injected throttling" (README, "How the apply works"): with the emulator refusing 30 % of all calls (reads,
 * writes and status polls) with ThrottlingException, the bundle still creates, updates and prunes
 * every stage, once each, with no failure.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CallRecord } from '../../emulator/server.ts';
import {
  acceptedStageCalls,
  describeRun,
  startApplyWorld,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';

const EXTRA = { DevStage: 'dev' };

let world: ApplyWorld;
before(async () => {
  world = await startApplyWorld({
    randomThrottleShare: 0.3,
    seed: 6,
  });
});
after(() => world.close());

const throttled = (calls: readonly CallRecord[]): number =>
  calls.filter((call) => call.outcome === 'ThrottlingException').length;

/** Accepted writes per stage: more than one of an operation on one stage would be a duplicate. */
function acceptedPerStage(operation: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of acceptedStageCalls(world.emulator.calls, operation)) {
    counts.set(call.identifier ?? '', (counts.get(call.identifier ?? '') ?? 0) + 1);
  }
  return counts;
}

test('creates every stage under 30 % throttling, each exactly once', async () => {
  world.writeSpec(world.plainSpec(EXTRA), 'extra.yml');
  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  assert.equal(run.outputs.creates, '4');
  assert.ok(throttled(world.emulator.calls) > 0, 'the emulator did throttle');
  const creates = acceptedPerStage('CreateResource');
  assert.equal(creates.size, 4);
  assert.ok(
    [...creates.values()].every((count) => count === 1),
    'one accepted create per stage',
  );
  for (const name of ['production', 'staging', 'cached', ...Object.values(EXTRA)]) {
    assert.ok(world.readStage(name), `${name} exists`);
  }
  assert.doesNotMatch(run.stdout, /\bfailed\b/);
});

test('updates and prunes under 30 % throttling, and the result needs no further write', async () => {
  world.emulator.clearCalls();
  world.removeSpec('extra.yml');
  world.writeSpec(world.exampleSpec().replace('Production stage for the API', 'second edition'));
  const run = await world.apply({ inputs: { prune: 'true' } });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.deepEqual(
    [run.outputs.creates, run.outputs.updates, run.outputs.deletes],
    ['0', '1', '1'],
  );
  assert.ok(throttled(world.emulator.calls) > 0, 'the emulator did throttle');
  assert.deepEqual(
    [...acceptedPerStage('UpdateResource').entries()],
    [[world.identifier('production'), 1]],
  );
  assert.deepEqual([...acceptedPerStage('DeleteResource').keys()], [world.identifier('dev')]);
  assert.equal(world.readStage('dev'), undefined);
  assert.equal(world.readStage('production')?.Description, 'second edition');

  // Converged: a plan against the result, with throttling off, finds nothing to do.
  world.emulator.knobs.randomThrottleShare = 0;
  world.emulator.clearCalls();
  const again = await world.apply({ inputs: { prune: 'true' } });
  assert.equal(again.exitCode, 0, describeRun(again));
  assert.equal(again.outputs['has-changes'], 'false');
  assert.deepEqual(
    writeCalls(world.emulator.calls).filter((call) => call.outcome === 'ok'),
    [],
    'nothing left to write',
  );
});
