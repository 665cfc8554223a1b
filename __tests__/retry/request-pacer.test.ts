import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PACER_DEFAULTS, RequestPacer } from '../../src/retry/request-pacer.ts';

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

/**
 * One round in which `attempts` calls go out at the current time, then `admitted` answers arrive
 * `spacingMs` apart, then the throttled ones; returns when the round has been judged.
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

describe('RequestPacer', () => {
  it('lets calls through at once while nothing is throttled', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    for (let i = 0; i < 50; i++) pacer.admitted(await pacer.acquire());
    assert.equal(pacer.limit, Number.POSITIVE_INFINITY);
    assert.deepEqual(clock.sleeps, []);
  });

  it('cuts to the admitted rate plus the tolerable share when a round is mostly throttled', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    // 20 calls at t=0; 10 admitted 100 ms apart (10/s over 1 s), 10 throttled: half refused.
    await round(pacer, clock, { attempts: 20, admitted: 10, throttled: 10, spacingMs: 100 });
    // admitted 10/s ÷ (1 − 1/3) = 15/s; half the attempted 20/s is 10/s; the larger wins.
    assert.equal(Math.round(pacer.limit * 1000) / 1000, 15);
  });

  it('spaces calls evenly under a limit', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    await round(pacer, clock, { attempts: 20, admitted: 10, throttled: 10, spacingMs: 100 });
    clock.sleeps.length = 0;
    const sent = [await pacer.acquire(), await pacer.acquire(), await pacer.acquire()];
    const gaps = [
      (sent[1] as number) - (sent[0] as number),
      (sent[2] as number) - (sent[1] as number),
    ];
    assert.deepEqual(
      gaps.map((gap) => Math.round(gap * 10) / 10),
      [66.7, 66.7],
    );
  });

  it('never cuts by more than half the attempted rate in one round', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    // 40 calls in 1 s, only 1 admitted: the admitted rate says ~1/s, halving says 20/s.
    await round(pacer, clock, { attempts: 40, admitted: 1, throttled: 19, spacingMs: 1000 });
    assert.equal(pacer.limit, 20);
  });

  it('ignores answers to calls sent before the round began', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    await round(pacer, clock, { attempts: 20, admitted: 10, throttled: 10, spacingMs: 100 });
    const limit = pacer.limit;
    for (let i = 0; i < 100; i++) pacer.throttled(0);
    assert.equal(pacer.limit, limit);
  });

  it('is never slowed down by a fixed share below a third throttled at random', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    // Every fifth answer throttled: 20 %, at any rate.
    const random = { attempts: 20, admitted: 16, throttled: 4, spacingMs: 5 };
    for (let r = 0; r < 50; r++) await round(pacer, clock, random);
    assert.equal(pacer.limit, Number.POSITIVE_INFINITY);
    // Once a real overload has set a limit, random throttling never lowers it again.
    await round(pacer, clock, { attempts: 20, admitted: 10, throttled: 10, spacingMs: 100 });
    let lowest = pacer.limit;
    const cut = pacer.limit;
    for (let r = 0; r < 50; r++) {
      await round(pacer, clock, random);
      lowest = Math.min(lowest, pacer.limit);
    }
    assert.equal(lowest, cut);
    assert.equal(pacer.limit, Number.POSITIVE_INFINITY);
  });

  it('grows a finite limit in calm rounds and lifts it once it is far above the demand', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    await round(pacer, clock, { attempts: 20, admitted: 10, throttled: 10, spacingMs: 100 });
    const cut = pacer.limit;
    await round(pacer, clock, { attempts: 20, admitted: 20, throttled: 0, spacingMs: 100 });
    assert.equal(pacer.limit, cut * PACER_DEFAULTS.growthFactor);
    // Calls now trickle in at 1/s, far below the limit: it is lifted.
    await round(pacer, clock, { attempts: 1, admitted: 20, throttled: 0, spacingMs: 1000 });
    assert.equal(pacer.limit, Number.POSITIVE_INFINITY);
  });

  it('never goes below the floor, however hard it is throttled', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer(clock);
    for (let r = 0; r < 20; r++) {
      await round(pacer, clock, { attempts: 2, admitted: 0, throttled: 20, spacingMs: 0 });
      clock.time += 10_000;
    }
    assert.equal(pacer.limit, PACER_DEFAULTS.floorPerSecond);
  });
});
