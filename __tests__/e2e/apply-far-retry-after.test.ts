/**
 * "`RetryAfter` has no cap" (README, "How the apply works"): a running write whose status event
 * asks to be polled again a day later is polled again after stage-sync's cap
 * (`RETRY_AFTER_CAP_MS`, src/retry/policy.ts), well within `operation-timeout-seconds`, and the
 * log says AWS asked for longer. "Still running at the first poll" is arranged by a hold that
 * lets go right after that poll is answered, not by timing. The test waits out the cap once
 * (30 s): that wait is the behaviour under test.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RETRY_AFTER_CAP_MS } from '../../src/retry/policy.ts';
import {
  acceptedStageCalls,
  describeRun,
  logLines,
  startApplyWorld,
  type ApplyWorld,
} from './apply-world.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

let world: ApplyWorld;
before(async () => {
  world = await startApplyWorld();
  world.writeSpec(world.plainSpec({ Late: 'late' }));
});
after(() => world.close());

test('a RetryAfter a day ahead is cut to the cap: the write settles, and the log says AWS asked for longer', async () => {
  world.emulator.knobs.retryAfterMs = DAY_MS;
  const held = world.emulator.hold({
    match: { identifier: world.identifier('late'), operation: 'CREATE' },
    releaseAfter: { operation: 'GetResourceRequestStatus' },
  });
  const run = await world.apply({ inputs: { 'operation-timeout-seconds': '300' } });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.ok(world.readStage('late'), 'the stage was created');
  assert.equal(held.state, 'released');

  const [create] = acceptedStageCalls(world.emulator.calls, 'CreateResource');
  assert.ok(create?.requestToken);
  const polls = world.emulator.calls.filter(
    (call) =>
      call.operation === 'GetResourceRequestStatus' && call.requestToken === create.requestToken,
  );
  // The first poll met the held request and its far RetryAfter; the next one, after the cap,
  // found it done. Not a day, and not the operation timeout either.
  assert.equal(polls.length, 2, describeRun(run));
  const gapMs = (polls[1]?.time.getTime() ?? 0) - (polls[0]?.time.getTime() ?? 0);
  assert.ok(gapMs >= RETRY_AFTER_CAP_MS - 1_000, `${gapMs} ms between the polls`);

  const noted = logLines(run, 'before the next status poll');
  assert.equal(noted.length, 1, describeRun(run));
  // A day from the start, asked a moment after it: 86,399 or 86,400 s once rounded.
  assert.match(
    noted[0] ?? '',
    /AWS asked to wait (8639\d|86400) s before the next status poll; waiting 30 s \(stage-sync's cap on RetryAfter\)/,
  );
});
