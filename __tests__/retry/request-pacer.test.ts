import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BurstEvidence, PACER_DEFAULTS, RequestPacer } from '../../src/retry/request-pacer.ts';
import { simulateCalls } from './simulated-service.ts';

/** A clock that only moves when told to, or when the pacer sleeps. */
function fakeClock() {
  const clock = {
    time: 0,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

/** A clock whose sleeps wait until `runAll` plays them in order. */
function manualClock() {
  const timers: { at: number; resolve: () => void }[] = [];
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => timers.push({ at: clock.time + ms, resolve })),
    async runAll(): Promise<void> {
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        timers.sort((a, b) => a.at - b.at);
        const timer = timers.shift();
        if (!timer) return;
        clock.time = Math.max(clock.time, timer.at);
        timer.resolve();
      }
    },
  };
  return clock;
}

/**
 * One round in which `attempts` calls go out (as fast as the pacer lets them), then `admitted`
 * answers arrive `spacingMs` apart, then the throttled ones; returns when the round has been judged.
 */
async function round(
  pacer: RequestPacer,
  clock: ReturnType<typeof fakeClock>,
  { attempts, admitted, throttled, spacingMs }: Record<string, number>,
): Promise<void> {
  const sent: number[] = [];
  for (let i = 0; i < (attempts as number); i++) sent.push(await pacer.acquire());
  const sentAt = sent[0] as number;
  for (let i = 0; i < (admitted as number); i++) {
    clock.time += spacingMs as number;
    pacer.admitted(sentAt);
  }
  for (let i = 0; i < (throttled as number); i++) pacer.throttled(sentAt);
}

/**
 * A calm first round, then 15 calls of which 8 are throttled (a round not yet complete), a pause
 * of `pauseMs`, and `calmCalls` more, all admitted. With `straggler`, one call sent before the
 * throttled ones is answered only after the pause.
 */
async function throttledThenPause(
  pauseMs: number,
  calmCalls: number,
  { straggler = false } = {},
): Promise<RequestPacer> {
  const clock = fakeClock();
  const pacer = new RequestPacer(clock);
  await round(pacer, clock, { attempts: 10, admitted: 10, throttled: 0, spacingMs: 10 });
  const late = straggler ? await pacer.acquire() : undefined;
  // With the straggler out, 14 more calls make the same 15 sent and 8 throttled.
  const throttledRound =
    late === undefined ? { attempts: 15, admitted: 7 } : { attempts: 14, admitted: 6 };
  await round(pacer, clock, { ...throttledRound, throttled: 8, spacingMs: 10 });
  clock.time += pauseMs;
  if (late !== undefined) pacer.admitted(late);
  await round(pacer, clock, {
    attempts: calmCalls,
    admitted: calmCalls,
    throttled: 0,
    spacingMs: 10,
  });
  return pacer;
}

/** The first round of a pacer: `firstRoundSize` answers, half throttled, over one second. */
const FIRST_OVERLOAD = { attempts: 10, admitted: 5, throttled: 5, spacingMs: 200 };

describe('RequestPacer', () => {
  it('lets calls through at once while nothing is throttled', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    for (let i = 0; i < 50; i++) pacer.admitted(await pacer.acquire());
    assert.equal(pacer.limit, Number.POSITIVE_INFINITY);
    assert.deepEqual(clock.sleeps, []);
  });

  it('after a mostly throttled first round, sends at the admitted rate plus the headroom', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    // 10 calls at t=0; 5 admitted over 1 s, 5 throttled: 10 attempted/s, half refused.
    await round(pacer, clock, FIRST_OVERLOAD);
    // admitted 5/s × 1.05 = 5.25/s; half the attempted 10/s is 5/s; the larger wins.
    assert.equal(Math.round(pacer.limit * 1000) / 1000, 5 * PACER_DEFAULTS.boundedHeadroom);
    assert.equal(pacer.isBounded, true);
  });

  it('spaces calls evenly under a limit', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock, { boundedHeadroom: 1.5 });
    await round(pacer, clock, FIRST_OVERLOAD);
    const sent = [await pacer.acquire(), await pacer.acquire(), await pacer.acquire()];
    const gaps = [
      (sent[1] as number) - (sent[0] as number),
      (sent[2] as number) - (sent[1] as number),
    ];
    assert.deepEqual(
      gaps.map((gap) => Math.round(gap * 10) / 10),
      [133.3, 133.3],
    );
  });

  it('never cuts by more than half the attempted rate in one round', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    // 40 calls in 1 s, only 1 of the first 10 answers admitted: the admitted rate says ~4/s.
    await round(pacer, clock, { attempts: 40, admitted: 1, throttled: 9, spacingMs: 1000 });
    assert.equal(pacer.limit, 20);
  });

  it('ignores answers to calls sent before the round began', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    await round(pacer, clock, FIRST_OVERLOAD);
    const limit = pacer.limit;
    for (let i = 0; i < 100; i++) pacer.throttled(0);
    assert.equal(pacer.limit, limit);
  });

  it('follows the admitted rate down while bounded, and probes up gently after calm rounds', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    await round(pacer, clock, FIRST_OVERLOAD);
    const entered = pacer.limit;
    // Sending at the limit, 2 of 20 refused: the limit goes to 90 % of it, plus the headroom.
    await round(pacer, clock, { attempts: 20, admitted: 18, throttled: 2, spacingMs: 0 });
    const followed = pacer.limit;
    assert.ok(followed < entered, `${followed} < ${entered}`);
    // Calm rounds raise it by 5 %, then by 10 %.
    await round(pacer, clock, { attempts: 20, admitted: 20, throttled: 0, spacingMs: 0 });
    assert.equal(pacer.limit, followed * PACER_DEFAULTS.probeFactor);
    await round(pacer, clock, { attempts: 20, admitted: 20, throttled: 0, spacingMs: 0 });
    assert.equal(
      pacer.limit,
      followed * PACER_DEFAULTS.probeFactor * PACER_DEFAULTS.probeFactor ** 2,
    );
  });

  it('is never slowed down by a fixed share below a third throttled at random', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    // Every fifth answer throttled: 20 %, at any rate.
    const random = { attempts: 20, admitted: 16, throttled: 4, spacingMs: 5 };
    await round(pacer, clock, { attempts: 10, admitted: 8, throttled: 2, spacingMs: 5 });
    for (let r = 0; r < 50; r++) await round(pacer, clock, random);
    assert.equal(pacer.limit, Number.POSITIVE_INFINITY);
  });

  it('releases a class whose throttling does not follow its rate, at the limit it entered with', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    await round(pacer, clock, FIRST_OVERLOAD);
    const entered = pacer.limit;
    // From then on 20 % are refused whatever the class sends: following that sinks the limit
    // by a fifth a round, until it is clear the class is not what AWS is throttling.
    const random = { attempts: 20, admitted: 16, throttled: 4, spacingMs: 0 };
    let lowest = pacer.limit;
    for (let r = 0; r < 3 && pacer.isBounded; r++) {
      await round(pacer, clock, random);
      lowest = Math.min(lowest, pacer.limit);
    }
    assert.equal(pacer.isBounded, false, 'released');
    assert.equal(pacer.limit, entered);
    assert.ok(lowest >= PACER_DEFAULTS.leaveBoundedBelow * 0.8 * entered, `${lowest}`);
    // Released, it grows in rounds below the tolerable share and is lifted far above demand;
    // one overloaded round no longer bounds it.
    await round(pacer, clock, { attempts: 20, admitted: 10, throttled: 10, spacingMs: 0 });
    assert.equal(pacer.isBounded, false);
    await round(pacer, clock, { attempts: 20, admitted: 16, throttled: 4, spacingMs: 0 });
    assert.ok(pacer.limit > entered);
    await round(pacer, clock, { attempts: 1, admitted: 20, throttled: 0, spacingMs: 1000 });
    assert.equal(pacer.limit, Number.POSITIVE_INFINITY);
  });

  it('never goes below the floor, however hard it is throttled', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    for (let r = 0; r < 20; r++) {
      await round(pacer, clock, { attempts: 20, admitted: 0, throttled: 20, spacingMs: 0 });
    }
    assert.equal(pacer.limit, PACER_DEFAULTS.floorPerSecond);
  });

  it('drops a round begun before a pause instead of counting the pause as sending slowly', async () => {
    // A plan's last reads see throttles and the round is not complete when the plan ends; the
    // apply's read-backs come 5 s later. Stretched over the pause, that round measured 1.4
    // calls/s attempted and cut the limit to the floor of 1/s (bench/README.md, "A round
    // stretched over a pause"): 60 read-backs then took 39 s.
    assert.equal((await throttledThenPause(5_000, 20)).limit, Number.POSITIVE_INFINITY);
    // Without the pause the same answers are one round of 40 % throttled: an overload.
    assert.equal((await throttledThenPause(0, 5)).isBounded, true);
  });

  it('judges rounds whose calls all take seconds: a class waiting for answers has not paused', async () => {
    // Ten calls out at a time, each answered after 3 s, and each answer followed by the next send:
    // sends come 3 s apart, and the second round (its 20 answers over 6 s) must still be judged.
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    const wave = async (throttledFrom: number) => {
      const sent: number[] = [];
      for (let i = 0; i < 10; i++) sent.push(await pacer.acquire());
      clock.time += 3_000;
      for (const [i, at] of sent.entries()) {
        if (i < throttledFrom) pacer.admitted(at);
        else pacer.throttled(at);
      }
    };
    await wave(10);
    await wave(4);
    await wave(4);
    assert.equal(pacer.isBounded, true);
  });

  it('drops the round however long one straggler stays out through the pause', async () => {
    const pacer = await throttledThenPause(5_000, 20, { straggler: true });
    assert.equal(pacer.limit, Number.POSITIVE_INFINITY);
  });

  it('learns the bucket from answers, not sends: an early call judged late does not shrink it', () => {
    // AWS's bucket of 40 at 10/s. Counted by send time, the first call (sent at 0, drawing 3 s and
    // judged once the bucket was empty) moved the first throttle to 0 and the bucket to 1; the
    // realistic apply then sent its read-backs 100 ms apart after 26 (bench/README.md).
    const evidence = new BurstEvidence();
    evidence.sent(0);
    for (let i = 0; i < 50; i++) evidence.admitted(1_100);
    for (let i = 0; i < 9; i++) evidence.admitted(2_100);
    evidence.throttled(2_100);
    evidence.throttled(3_000);
    // 59 admitted before the first throttled answer, less 2.1 s of refill at 10/s.
    assert.equal(evidence.burst(10), 38);
  });

  it('spends the bucket AWS refilled while the class was idle, as learnt from the first overload', async () => {
    // API Gateway's control plane: 10 requests/s with a burst of 40 (cloudcontrol-notes.md §4).
    // A plan's 300 reads, 4 s idle (the bucket refills to 40), then an apply's 40 read-backs:
    // with the bucket spent at once they take about one latency, not 40 spacings of 100 ms.
    const run = await simulateCalls({
      rate: 10,
      burst: 40,
      latencyMs: 250,
      callers: 40,
      calls: 300,
      then: { idleMs: 4_000, calls: 40 },
    });
    assert.ok(run.then, 'the second batch ran');
    assert.ok(run.then.elapsedMs < 1_000, `${run.then.elapsedMs} ms for 40 calls`);
    assert.ok(run.then.throttled <= 6, `${run.then.throttled} throttled`);
    // A one-call bucket learns a burst of about one: the same idle spell earns no flood.
    const strict = await simulateCalls({
      rate: 10,
      burst: 1,
      latencyMs: 250,
      callers: 40,
      calls: 100,
      then: { idleMs: 4_000, calls: 40 },
    });
    assert.ok(strict.then && strict.then.throttled <= 6, `${strict.then?.throttled} throttled`);
  });

  it('comes down to what AWS refills within its first overload, not in halvings', async () => {
    // The fast apply's writes (bench/apply.ts): 10 callers into a bucket of 2 at 20/s. Halving
    // from the first round's 190/s took four rounds and drew 93 throttles for 60 calls; the
    // calls admitted between throttles show the 20/s about 150 ms into the run.
    const run = await simulateCalls({ rate: 20, burst: 2, latencyMs: 30, callers: 10, calls: 60 });
    const bound = 30 + ((60 - 2) / 20) * 1000;
    assert.ok(run.throttled <= 0.6 * run.admitted, `${run.throttled} throttled for 60`);
    assert.ok(run.elapsedMs <= 1.05 * bound, `${run.elapsedMs} ms vs ${bound}`);
  });

  it('re-spaces the callers already waiting when it cuts the limit', async () => {
    const clock = manualClock();
    const pacer = new RequestPacer(clock);
    const first = Array.from({ length: 10 }, () => pacer.acquire());
    const sentAt = await Promise.all(first);
    clock.time = 30;
    pacer.admitted(sentAt[0] as number);
    pacer.admitted(sentAt[1] as number);
    for (const at of sentAt.slice(2)) pacer.throttled(at as number);
    const entered = pacer.limit;
    assert.ok(Number.isFinite(entered) && entered > 100, `${entered}/s after the first round`);
    // Three callers take slots at that spacing; then two calls admitted 50 ms apart between
    // throttles say AWS refills 20/s, and the waiting callers go at that spacing instead.
    const waiting = [pacer.acquire(), pacer.acquire(), pacer.acquire()];
    clock.time = 40;
    pacer.admitted(30);
    clock.time = 90;
    pacer.admitted(30);
    clock.time = 95;
    pacer.throttled(30);
    assert.equal(Math.round(pacer.limit * 10) / 10, 20 * PACER_DEFAULTS.boundedHeadroom);
    await clock.runAll();
    const sent = await Promise.all(waiting);
    const gaps = sent.slice(1).map((at, i) => at - (sent[i] as number));
    for (const gap of gaps) assert.ok(gap >= 1000 / pacer.limit - 1e-9, `gaps ${gaps.join(', ')}`);
    assert.ok((sent[0] as number) >= 95, `first waiting caller sent at ${sent[0]}`);
  });

  it('against a token bucket, sends at most 15 % more calls than it admits and keeps it busy', async () => {
    for (const burst of [1, 2, 100]) {
      const run = await simulateCalls({ rate: 100, burst, latencyMs: 30, callers: 10, calls: 300 });
      const bound = 30 + ((300 - burst) / 100) * 1000;
      assert.ok(run.throttled <= 0.15 * run.admitted, `burst ${burst}: ${run.throttled} throttled`);
      assert.ok(run.elapsedMs <= 1.35 * bound, `burst ${burst}: ${run.elapsedMs} ms vs ${bound}`);
    }
  });
});
