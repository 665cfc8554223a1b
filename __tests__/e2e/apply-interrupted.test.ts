/**
 * "a run killed with operations in flight and then re-run" (README, "How the apply works"): the runner cancels the job
 * (SIGTERM) as soon as the first write starts; the killed run stops submitting, cancels what it
 * can and names what was in flight; a re-run of the same commit converges with no stage created
 * twice, no client-token conflict and no stage lost. The same holds after a hard kill (SIGKILL),
 * where nothing gets cancelled and the re-run finds the old requests still running.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { CallRecord } from '../../emulator/server.ts';
import {
  EXAMPLE_STAGES,
  acceptedStageCalls,
  describeRun,
  escapeRegExp,
  signalActionProcesses,
  startApplyWorld,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';

const EXTRA = { DevStage: 'dev', QaStage: 'qa' };
const STAGE_NAMES = [...Object.values(EXAMPLE_STAGES), ...Object.values(EXTRA)];
const firstWriteStarted = (stdout: string): boolean => stdout.includes(') started');

let world: ApplyWorld | undefined;
afterEach(() => world?.close());

/** Short operations: the tests hold the killed run's writes instead of relying on slowness. */
async function slowWorld(operationDurationMs = 200): Promise<ApplyWorld> {
  const started = await startApplyWorld({
    operationDurationMs,
    // A cancel is no rollback: the handler may or may not have written (fact 11 of
    // docs/reference/aws-recorded-behaviour.md). These tests take the case where it had not; the
    // case where it had is e2e/apply-network-faults.test.ts's and apply/after-cancel's.
    recorded: { cancelLeavesEffects: false },
  });
  started.writeSpec(started.plainSpec(EXTRA), 'extra.yml');
  return started;
}

/** How each create request Cloud Control accepted ended, per stage, read back through it. */
async function createOutcomes(w: ApplyWorld, calls: readonly CallRecord[]) {
  const byStage = new Map<string, string[]>();
  const requests = new Map(
    acceptedStageCalls(calls, 'CreateResource').map((call) => [call.requestToken, call]),
  );
  // One entry per request: a replayed client token returns the same request, not a new one.
  for (const call of requests.values()) {
    const event = await w.port.getResourceRequestStatus(call.requestToken ?? '');
    const list = byStage.get(call.identifier ?? '') ?? [];
    list.push(event.status);
    byStage.set(call.identifier ?? '', list);
  }
  return byStage;
}

function assertConverged(w: ApplyWorld, statuses: Map<string, string[]>, calls: CallRecord[]) {
  for (const name of STAGE_NAMES) {
    assert.ok(w.readStage(name), `${name} exists: no stage lost`);
    const ended = statuses.get(w.identifier(name)) ?? [];
    assert.equal(
      ended.filter((status) => status === 'SUCCESS').length,
      1,
      `${name}: exactly one create succeeded (${ended.join(', ')})`,
    );
  }
  assert.deepEqual(
    calls.filter((call) => call.outcome === 'ClientTokenConflictException'),
    [],
    'no client token was reused for a different request',
  );
}

test('SIGTERM mid-apply: in-flight writes are named and cancelled; a re-run converges', async () => {
  world = await slowWorld();
  // The killed run's creates stay running until it has exited: the signal lands while they are
  // in flight by construction, not because operations are slower than a loaded machine.
  const killedRunCreates = world.emulator.hold({ match: { operation: 'CREATE' } });
  const killed = await world.apply({
    inputs: { 'max-concurrency': '2' },
    kill: { signal: 'SIGTERM', when: firstWriteStarted },
  });
  killedRunCreates.release();
  assert.equal(killed.signal, null, 'the action handled SIGTERM and exited on its own');
  assert.equal(killed.exitCode, 1, describeRun(killed));
  assert.equal(killed.outputs['failure-reason'], 'interrupted');
  assert.ok(
    killed.annotations.some(
      (a) => a.level === 'warning' && a.message.startsWith('Received SIGTERM'),
    ),
  );

  // What the killed run says was in flight is exactly what Cloud Control accepted from it.
  const accepted = acceptedStageCalls(world.emulator.calls, 'CreateResource');
  assert.ok(accepted.length > 0 && accepted.length <= 2, 'at most max-concurrency writes began');
  const verdict = killed.annotations.find((a) => a.message.startsWith('Apply interrupted'));
  assert.ok(verdict, describeRun(killed));
  assert.match(verdict.message, new RegExp(`^Apply interrupted: ${accepted.length} operation`));
  for (const call of accepted) {
    const name = new RegExp(
      `create (\\S+) \\(${escapeRegExp(call.identifier ?? '')}\\) started`,
    ).exec(killed.stdout)?.[1];
    assert.ok(name, `the log shows the write to ${call.identifier} starting`);
    assert.ok(verdict.message.includes(`${name} ${call.requestToken}`), verdict.message);
    assert.match(killed.stdout, new RegExp(`create ${name} in-flight in`));
  }
  assert.ok(
    world.emulator.calls.some((c) => c.operation === 'CancelResourceRequest' && c.outcome === 'ok'),
    'the killed run cancelled what it could',
  );
  const inFlightLines = killed.stdout.split('\n').filter((l) => / in-flight in /.test(l));
  const notStartedLines = killed.stdout.split('\n').filter((l) => / not-started in /.test(l));
  assert.equal(inFlightLines.length, accepted.length);
  assert.equal(inFlightLines.length + notStartedLines.length, STAGE_NAMES.length);

  const rerun = await world.apply({ inputs: { 'max-concurrency': '2' } });
  assert.equal(rerun.exitCode, 0, describeRun(rerun));
  assert.equal(rerun.outputs['failure-reason'], '');
  const calls = [...world.emulator.calls];
  assertConverged(world, await createOutcomes(world, calls), calls);

  world.emulator.clearCalls();
  const third = await world.apply();
  assert.equal(third.outputs['has-changes'], 'false', describeRun(third));
  assert.deepEqual(writeCalls(world.emulator.calls), []);
});

test('SIGKILL after writes were accepted: a re-run follows the running requests, no stage created twice', async () => {
  world = await slowWorld();
  const w = world;
  // Every create of the killed run stays running until the re-run has replayed it: "still
  // running when the re-run plans" holds by construction, however slow the re-run starts.
  const killedRunCreates = w.emulator.hold({ match: { operation: 'CREATE' } });
  let killedPids: number[] = [];
  w.onCall = (call) => {
    // The runner dies for good right after Cloud Control accepted the first write: nothing is
    // cancelled, nothing is recorded, and the request keeps running in AWS.
    if (killedPids.length === 0 && call.operation === 'CreateResource' && call.outcome === 'ok') {
      killedPids = signalActionProcesses('SIGKILL');
    }
  };
  const killed = await w.apply();
  w.onCall = undefined;
  assert.equal(killed.signal, 'SIGKILL', describeRun(killed));
  const orphans = acceptedStageCalls(w.emulator.calls, 'CreateResource');
  assert.ok(orphans.length >= 1);
  // Each orphan is now held until the re-run's create with its client token has been answered.
  const replays = orphans.map((orphan) =>
    w.emulator.hold({
      match: { requestToken: orphan.requestToken as string },
      releaseAfter: { operation: 'CreateResource', clientToken: orphan.clientToken as string },
    }),
  );
  killedRunCreates.release();
  assert.deepEqual(
    replays.map((hold) => hold.caught.length),
    orphans.map(() => 1),
    'every orphan is still running',
  );

  const rerun = await w.apply();
  assert.equal(rerun.exitCode, 0, describeRun(rerun));
  assert.ok(
    replays.every((hold) => hold.state === 'released'),
    'the re-run sent each orphan again',
  );
  const calls = [...w.emulator.calls];
  assertConverged(w, await createOutcomes(w, calls), calls);
  for (const orphan of orphans) {
    const followed = calls.filter(
      (call) =>
        call.operation === 'GetResourceRequestStatus' &&
        call.requestToken === orphan.requestToken &&
        call.time > orphan.time,
    );
    const replayed = acceptedStageCalls(calls, 'CreateResource').filter(
      (call) => call.clientToken === orphan.clientToken,
    );
    // Still running when the re-run planned it: the re-run sent the same client token, got the
    // same request back and followed it to its end instead of creating the stage again.
    assert.ok(replayed.length >= 2, `${orphan.identifier}: the re-run replayed the request`);
    assert.ok(followed.length >= 1, `${orphan.identifier}: the re-run followed it`);
  }
});
