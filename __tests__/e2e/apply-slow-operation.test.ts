/**
 * "a slow operation" (README, "How the apply works"): a write that stays IN_PROGRESS past the action's first polls but
 * settles within `operation-timeout-seconds` is waited for (polled, not hammered); one that
 * outlives `operation-timeout-seconds` fails with a clear timeout and is cancelled.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import {
  EXAMPLE_STAGES,
  acceptedStageCalls,
  describeRun,
  startApplyWorld,
  type ApplyWorld,
} from './apply-world.ts';

/** Longer than the action's first poll (1 s base), far shorter than the timeout below. */
const SLOW_MS = 2_500;

let world: ApplyWorld;
before(async () => {
  world = await startApplyWorld({
    // A cancel is no rollback: the handler may or may not have written (fact 11 of
    // docs/reference/aws-recorded-behaviour.md). The timeout test takes the case where it had
    // not; the case where it had is e2e/apply-network-faults.test.ts's.
    recorded: { cancelLeavesEffects: false },
  });
});
after(() => world.close());

test('a slow write is waited for and applied, with a handful of status polls', async () => {
  world.emulator.knobs.operationDurationMs = SLOW_MS;
  const run = await world.apply({ inputs: { 'operation-timeout-seconds': '30' } });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs['failure-reason'], '');
  for (const name of Object.values(EXAMPLE_STAGES)) assert.ok(world.readStage(name));

  const creates = acceptedStageCalls(world.emulator.calls, 'CreateResource');
  assert.equal(creates.length, 3);
  for (const create of creates) {
    const polls = world.emulator.calls.filter(
      (call) =>
        call.operation === 'GetResourceRequestStatus' && call.requestToken === create.requestToken,
    );
    // Waiting for 2.5 s on a 1 s backoff (or Cloud Control's RetryAfter) is a few polls at most.
    assert.ok(polls.length >= 1 && polls.length <= 4, `${polls.length} polls for one request`);
  }
});

test('once AWS has said how long a create takes, the next creates are polled once each', async () => {
  // AWS admits one write every 2 s, so each create starts after the one before has told its
  // time (RetryAfter in its second event, docs/reference/aws-recorded-behaviour.md fact 2).
  world.emulator.knobs.operationDurationMs = 1_500;
  world.emulator.knobs.rateLimits = { write: 0.5 };
  world.emulator.knobs.burstCapacity = { write: 1 };
  world.writeSpec(world.plainSpec({ One: 'one', Two: 'two', Three: 'three' }), 'sequential.yml');
  world.emulator.clearCalls();
  const run = await world.apply().finally(() => {
    world.emulator.knobs.rateLimits = {};
    world.emulator.knobs.burstCapacity = {};
  });
  assert.equal(run.exitCode, 0, describeRun(run));
  const creates = acceptedStageCalls(world.emulator.calls, 'CreateResource');
  assert.equal(creates.length, 3);
  const polls = creates.map(
    (create) =>
      world.emulator.calls.filter(
        (call) =>
          call.operation === 'GetResourceRequestStatus' &&
          call.requestToken === create.requestToken,
      ).length,
  );
  // The first: a poll on the 1 s curve that learns the time, then one at it; then one each.
  assert.deepEqual(polls, [2, 1, 1]);
});

test('a write slower than operation-timeout-seconds fails with a timeout and is cancelled', async () => {
  world.writeSpec(world.plainSpec({ SlowStage: 'slow' }), 'slow.yml');
  // The create outlives the 1 s timeout by construction: held until the test releases it.
  const slow = world.emulator.hold({
    match: { identifier: world.identifier('slow'), operation: 'CREATE' },
  });
  world.emulator.clearCalls();
  const run = await world.apply({ inputs: { 'operation-timeout-seconds': '1' } });
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'apply-failed');

  const error = run.annotations.find(
    (a) => a.level === 'error' && a.message.includes('SlowStage failed'),
  );
  assert.ok(error, describeRun(run));
  assert.match(
    error.message,
    /Timeout: The request did not settle within 1 s \(last status IN_PROGRESS\)/,
  );
  assert.match(error.message, /cancel requested/);
  assert.match(run.summary, /SlowStage/);
  assert.match(run.summary, /did not settle within 1 s/);

  const create = acceptedStageCalls(world.emulator.calls, 'CreateResource')[0];
  assert.ok(
    world.emulator.calls.some(
      (call) =>
        call.operation === 'CancelResourceRequest' &&
        call.outcome === 'ok' &&
        call.requestToken === create?.requestToken,
    ),
    'the timed-out request was cancelled',
  );
  assert.deepEqual(slow.caught, [create?.requestToken]);
  slow.release();
  world.emulator.completeInFlight();
  const status = await world.port.getResourceRequestStatus(create?.requestToken ?? '');
  assert.equal(status.status, 'CANCEL_COMPLETE');
  assert.equal(
    world.emulator.getReadModel(STAGE_TYPE_NAME, world.identifier('slow')),
    undefined,
    'the cancelled create left no stage behind',
  );
});
