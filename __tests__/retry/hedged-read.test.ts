import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReadHedger, type HedgeTuning } from '../../src/retry/hedged-read.ts';
import { HEDGE } from '../../src/retry/policy.ts';

/**
 * A clock the test moves: time is set by hand, and each sleep fires only when the test says,
 * moving the time on to the sleep's end if it is not there yet.
 */
function manualClock() {
  const state = { t: 0 };
  const sleeps: { ms: number; fire: () => void; signal: AbortSignal }[] = [];
  return {
    state,
    sleeps,
    clock: {
      now: () => state.t,
      sleep: (ms: number, signal: AbortSignal) =>
        new Promise<void>((resolve, reject) => {
          const endsAt = state.t + ms;
          const fire = () => {
            state.t = Math.max(state.t, endsAt);
            resolve();
          };
          sleeps.push({ ms, fire, signal });
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
    },
  };
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/**
 * A read whose every copy the test answers, with the signal each copy was given. Each copy goes
 * out to AWS at once unless `onWireLater`, when the test calls its `onWire` (a pacer's wait).
 */
function scriptedRead<T>(options: { readonly onWireLater?: boolean } = {}) {
  const attempts: { answer: Deferred<T>; signal: AbortSignal; onWire: () => void }[] = [];
  return {
    attempts,
    send: (signal: AbortSignal, onWire: () => void) => {
      const answer = deferred<T>();
      attempts.push({ answer, signal, onWire });
      if (!options.onWireLater) onWire();
      return answer.promise;
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Fires a hedge timer and gives the hedger the turns it takes to act on it. */
async function fire(timer: { readonly fire: () => void } | undefined): Promise<void> {
  timer?.fire();
  await turn();
  await turn();
}

/** Test tuning: hedge after the window's median, from two answered reads on. */
const TUNING: Partial<HedgeTuning> = {
  window: 10,
  minSamples: 2,
  quantile: 0.5,
  minAfterMs: 0,
  maxShare: 1,
};

/** Two reads at once that answer after 100 ms: the hedger has seen two in flight and 100 ms. */
async function warmUp(hedger: ReadHedger, state: { t: number }): Promise<void> {
  const a = scriptedRead<string>();
  const b = scriptedRead<string>();
  const both = Promise.all([hedger.run(a.send), hedger.run(b.send)]);
  await turn();
  state.t += 100;
  a.attempts[0]?.answer.resolve('a');
  b.attempts[0]?.answer.resolve('b');
  await both;
}

/** Four reads at once, answering after 100, 200, 300 and 400 ms: the class has carried four. */
async function warmUpFour(hedger: ReadHedger, state: { t: number }): Promise<void> {
  const warm = [0, 1, 2, 3].map(() => scriptedRead<string>());
  const warmed = Promise.all(warm.map((read) => hedger.run(read.send)));
  await turn();
  for (const read of warm) {
    state.t += 100;
    read.attempts[0]?.answer.resolve('warm');
    await turn();
  }
  await warmed;
}

/** A hedger with the test tuning (and `tuning` over it), warmed up, on a manual clock. */
async function warmHedger(tuning: Partial<HedgeTuning> = {}) {
  const manual = manualClock();
  const hedger = new ReadHedger(manual.clock, { ...TUNING, ...tuning });
  await warmUp(hedger, manual.state);
  return { ...manual, hedger };
}

/** The same after four reads at once (`warmUpFour`), judged from four answers on. */
async function warmHedgerOfFour(tuning: Partial<HedgeTuning> = {}) {
  const manual = manualClock();
  const hedger = new ReadHedger(manual.clock, { ...TUNING, minSamples: 4, ...tuning });
  await warmUpFour(hedger, manual.state);
  return { ...manual, hedger };
}

/** How long one more read would wait before its hedge: what the window says now. It then answers. */
async function nextHedgeWait(
  hedger: ReadHedger,
  sleeps: readonly { readonly ms: number }[],
): Promise<number | undefined> {
  const next = scriptedRead<string>();
  const pending = hedger.run(next.send);
  await turn();
  const waitMs = sleeps.at(-1)?.ms;
  next.attempts[0]?.answer.resolve('next');
  await pending;
  return waitMs;
}

describe('ReadHedger', () => {
  it('sends nothing twice before enough reads have answered to know the latency', async () => {
    const { clock, sleeps } = manualClock();
    const hedger = new ReadHedger(clock, { ...TUNING, minSamples: 5 });
    const read = scriptedRead<string>();
    const result = hedger.run(read.send);
    await turn();
    assert.equal(sleeps.length, 0, 'no hedge timer without a latency estimate');
    read.attempts[0]?.answer.resolve('only');
    assert.equal(await result, 'only');
    assert.equal(read.attempts.length, 1);
  });

  it('hedges a read sent before the latency was known, once enough reads have answered', async () => {
    // An apply's first status polls go out together; one of them drawing seconds still is
    // hedged once the others have said what the latency is.
    const { clock, state, sleeps } = manualClock();
    const hedger = new ReadHedger(clock, TUNING);
    const slow = scriptedRead<string>();
    const others = [scriptedRead<string>(), scriptedRead<string>()];
    const slowResult = hedger.run(slow.send);
    const done = Promise.all(others.map((read) => hedger.run(read.send)));
    await turn();
    assert.equal(sleeps.length, 0, 'no latency known yet');
    state.t += 100;
    for (const read of others) read.attempts[0]?.answer.resolve('quick');
    await done;
    await turn();
    assert.equal(sleeps.at(-1)?.ms, 0, 'out 100 ms, the median of the two answered: due now');
    await fire(sleeps.at(-1));
    assert.equal(slow.attempts.length, 2);
    slow.attempts[1]?.answer.resolve('hedge');
    assert.equal(await slowResult, 'hedge');
  });

  it('counts the reads still out in the tail, so the first answers of a batch do not hedge the rest', async () => {
    // A 60-stage plan's first answers are its fast ones: with them alone as the latency, every
    // read then out past the floor was hedged at once, and the budget was gone while most of the
    // batch was still out (bench/README.md, "The tail counts the reads still out").
    const { clock, state, sleeps } = manualClock();
    const hedger = new ReadHedger(clock, { ...TUNING, thinQuantile: 0.5 });
    const reads = [0, 1, 2, 3, 4, 5].map(() => scriptedRead<string>());
    const results = reads.map((read) => hedger.run(read.send));
    await turn();
    state.t = 100;
    for (const read of reads.slice(0, 2)) read.attempts[0]?.answer.resolve('quick');
    await Promise.all(results.slice(0, 2));
    await turn();
    // The answered median is 100 ms, but four of six reads are out longer: the median is one of
    // them, not known yet.
    state.t = 150;
    for (const timer of sleeps.splice(0)) timer.fire();
    await turn();
    await turn();
    assert.deepEqual(
      reads.slice(2).map((read) => read.attempts.length),
      [1, 1, 1, 1],
      'no hedge while most of the batch is still out',
    );
    // Two more answer at 400 ms: the median of the four answered is 400 ms, and the two left
    // have been out that long, with nothing else out longer.
    state.t = 400;
    for (const read of reads.slice(2, 4)) read.attempts[0]?.answer.resolve('slower');
    await Promise.all(results.slice(2, 4));
    await turn();
    for (const timer of sleeps.splice(0)) timer.fire();
    await turn();
    await turn();
    assert.deepEqual(
      reads.slice(4).map((read) => read.attempts.length),
      [2, 2],
      'the last two are in the tail now',
    );
    for (const read of reads.slice(4))
      for (const copy of read.attempts) copy.answer.resolve('done');
    await Promise.all(results);
    assert.equal(hedger.hedges, 2);
  });

  it('hedges sooner once the batch has thinned out to half the reads it carried', async () => {
    const { hedger, state, sleeps } = await warmHedgerOfFour({ quantile: 0.95, thinQuantile: 0.5 });
    // Four more at once: the batch is thick, so the 95th percentile (400 ms) applies.
    const slow = scriptedRead<string>();
    const others = [0, 1, 2].map(() => scriptedRead<string>());
    const slowResult = hedger.run(slow.send);
    const othersDone = others.map((read) => hedger.run(read.send));
    await turn();
    assert.equal(sleeps.at(-1)?.ms, 400);
    // Two end 50 ms later: two of the four carried are left, and the median applies. The window
    // is now 50, 50, 100, 200, 300, 400 ms: its median is 200 ms, 150 ms from now.
    state.t += 50;
    others[0]?.attempts[0]?.answer.resolve('other');
    others[1]?.attempts[0]?.answer.resolve('other');
    await Promise.all(othersDone.slice(0, 2));
    await turn();
    assert.equal(sleeps.at(-1)?.ms, 150);
    others[2]?.attempts[0]?.answer.resolve('other');
    slow.attempts[0]?.answer.resolve('slow');
    assert.equal(await slowResult, 'slow');
    await othersDone[2];
  });

  it('spends at most half its budget on the thin tail, keeping the rest for the upper tail', async () => {
    const { hedger, state, sleeps } = await warmHedgerOfFour({
      quantile: 0.95,
      thinQuantile: 0.5,
      maxShare: 0.25,
    });
    // Eight reads sent: a budget of two hedges, one of them for the thin tail.
    const [a, b, c, d] = [0, 1, 2, 3].map(() => scriptedRead<string>());
    const results = [a, b, c, d].map((read) => hedger.run(read!.send));
    await turn();
    state.t += 50;
    c?.attempts[0]?.answer.resolve('c');
    d?.attempts[0]?.answer.resolve('d');
    await Promise.all(results.slice(2));
    await turn();
    // Thin now: a and b are both timed at the median (200 ms, 150 ms from now).
    const [timerA, timerB] = sleeps.slice(-2);
    assert.deepEqual([timerA?.ms, timerB?.ms], [150, 150]);
    await fire(timerA);
    assert.equal(a?.attempts.length, 2, 'the first thin hedge');
    await fire(timerB);
    assert.equal(b?.attempts.length, 1, 'half the budget spent: b waits for the 95th percentile');
    assert.equal(sleeps.at(-1)?.ms, 200, 'out 200 ms of the 400 ms the upper tail starts at');
    await fire(sleeps.at(-1));
    assert.equal(b?.attempts.length, 2, 'hedged in the upper tail');
    for (const read of [a, b]) for (const copy of read!.attempts) copy.answer.resolve('done');
    await Promise.all(results);
    assert.equal(hedger.hedges, 2);
  });

  it('hedges a read alone in its class at its multiple of the median, before its floor', async () => {
    // The realistic apply's last stages waited 1.3–1.6 s for a status poll from the tail, the 1 s
    // floor being the earliest a hedge could go (bench/README.md, "A read alone in its class").
    const { hedger, sleeps } = await warmHedger({
      quantile: 0.95,
      minAfterMs: 1_000,
      loneMedians: 1.5,
    });
    const read = scriptedRead<string>();
    const result = hedger.run(read.send);
    await turn();
    assert.equal(sleeps.at(-1)?.ms, 150, '1.5 × the median of 100 ms, not the 1 s floor');
    sleeps.at(-1)?.fire();
    await turn();
    assert.equal(read.attempts.length, 2);
    read.attempts[1]?.answer.resolve('fresh');
    assert.equal(await result, 'fresh');
    assert.equal(hedger.hedges, 1);
  });

  it('times a read again when the others end and leave it alone', async () => {
    const { hedger, state, sleeps } = await warmHedgerOfFour({
      quantile: 0.95,
      thinQuantile: 0.75,
      minAfterMs: 1_000,
      loneMedians: 1.5,
    });
    const slow = scriptedRead<string>();
    const other = scriptedRead<string>();
    const results = [hedger.run(slow.send), hedger.run(other.send)];
    await turn();
    assert.equal(sleeps.at(-1)?.ms, 1_000, 'two out of four carried: the thin tail, at its floor');
    // 50 ms on, the other answers: the window is 50, 100, 200, 300, 400 ms, its median 200 ms,
    // and the slow read, alone now, is due at 300 ms, 250 ms from now.
    state.t += 50;
    other.attempts[0]?.answer.resolve('other');
    await results[1];
    await turn();
    assert.equal(sleeps.at(-1)?.ms, 250);
    sleeps.at(-1)?.fire();
    await turn();
    assert.equal(slow.attempts.length, 2);
    slow.attempts[1]?.answer.resolve('hedge');
    assert.equal(await results[0], 'hedge');
  });

  it('lets a read left alone hedge from its own allowance once the batch spent the shared one', async () => {
    const { hedger, sleeps } = await warmHedgerOfFour({ maxShare: 0.15 });
    // Seven reads sent: one hedge in the shared budget, one in that of reads alone.
    const [a, b, c] = [0, 1, 2].map(() => scriptedRead<string>());
    const results = [a, b, c].map((read) => hedger.run(read!.send));
    await turn();
    const [timerA, timerB] = sleeps.slice(-3);
    await fire(timerA);
    assert.equal(a?.attempts.length, 2, 'a hedged from the shared budget');
    await fire(timerB);
    assert.equal(b?.attempts.length, 1, 'the shared budget is spent');
    a?.attempts[1]?.answer.resolve('a');
    c?.attempts[0]?.answer.resolve('c');
    await Promise.all([results[0], results[2]]);
    await turn();
    await turn();
    assert.equal(b?.attempts.length, 2, 'alone now: hedged from its own allowance');
    b?.attempts[1]?.answer.resolve('b');
    assert.deepEqual(await Promise.all(results), ['a', 'b', 'c']);
    assert.equal(hedger.hedges, 2);
  });

  it('sends a read again once it is out longer than the quantile with room to spare, and takes the first answer', async () => {
    const { hedger, sleeps } = await warmHedger();
    const read = scriptedRead<string>();
    const result = hedger.run(read.send);
    await turn();
    assert.equal(sleeps.at(-1)?.ms, 100, 'the hedge waits the median of 100 ms');
    sleeps.at(-1)?.fire();
    await turn();
    assert.equal(read.attempts.length, 2, 'one read in flight of the two carried: a hedge');
    read.attempts[1]?.answer.resolve('fresh');
    assert.equal(await result, 'fresh');
    assert.equal(read.attempts[0]?.signal.aborted, true, 'the slower copy is abandoned');
    assert.equal(hedger.hedges, 1);
  });

  it('keeps the slower copy of a hedged read in the window, so the tail does not shrink with each hedge', async () => {
    // A read hedged because it was slow, whose hedge then answered quickly, used to leave only
    // the quick answer in the window: with every hedge the quantile fell, and the next reads were
    // hedged sooner, until the budget was spent (bench/README.md, "A hedge's slow copy counts").
    const { hedger, sleeps, state } = await warmHedger({ thinQuantile: 0.5 });
    for (let hedged = 0; hedged < 3; hedged++) {
      const read = scriptedRead<string>();
      const result = hedger.run(read.send);
      await turn();
      assert.equal(sleeps.at(-1)?.ms, 100, `read ${hedged + 1} waits the median of 100 ms`);
      sleeps.at(-1)?.fire();
      await turn();
      assert.equal(read.attempts.length, 2);
      state.t += 10;
      read.attempts[1]?.answer.resolve('fresh');
      assert.equal(await result, 'fresh');
    }
    // The window: the warm-up's 100 and 100, then for each hedged read its hedge's 10 ms and its
    // first copy's 110 ms at least (out that long when the hedge answered). Median: 100 ms.
    assert.equal(await nextHedgeWait(hedger, sleeps), 100, 'not the 10 ms of the hedges alone');
    assert.equal(hedger.hedges, 3);
  });

  it('hedges nothing while every slot the class has carried is busy', async () => {
    const { hedger, sleeps } = await warmHedger();
    const slow = scriptedRead<string>();
    const other = scriptedRead<string>();
    const results = [hedger.run(slow.send), hedger.run(other.send)];
    await turn();
    for (const sleep of sleeps.slice(-2)) sleep.fire();
    await turn();
    assert.equal(slow.attempts.length, 1, 'two reads out of two carried: no spare room');
    slow.attempts[0]?.answer.resolve('slow');
    other.attempts[0]?.answer.resolve('other');
    assert.deepEqual(await Promise.all(results), ['slow', 'other']);
    assert.equal(hedger.hedges, 0);
  });

  it('hedges a read past its tail as soon as another read ends and leaves room', async () => {
    const { hedger, sleeps } = await warmHedger();
    const slow = scriptedRead<string>();
    const other = scriptedRead<string>();
    const results = [hedger.run(slow.send), hedger.run(other.send)];
    await turn();
    sleeps.at(-2)?.fire();
    await turn();
    assert.equal(slow.attempts.length, 1, 'past its tail, but both slots busy');
    other.attempts[0]?.answer.resolve('other');
    await turn();
    await turn();
    assert.equal(slow.attempts.length, 2, 'the batch thinned out: hedged');
    slow.attempts[1]?.answer.resolve('hedge');
    assert.deepEqual(await Promise.all(results), ['hedge', 'other']);
    assert.equal(hedger.hedges, 1);
  });

  it('sees no room when a read ends and its caller starts the next one at once', async () => {
    const { hedger, sleeps } = await warmHedger();
    const slow = scriptedRead<string>();
    const slowResult = hedger.run(slow.send);
    // The other slot is a caller working through a queue, as a plan's readers do, through a few
    // layers of promises of its own (the port's adapter, the reading loop).
    const queue = [scriptedRead<string>(), scriptedRead<string>()];
    const reader = (async () => {
      for (const read of queue) {
        await hedger.run(read.send);
        for (let layer = 0; layer < 10; layer++) await Promise.resolve();
      }
    })();
    await turn();
    sleeps.at(-2)?.fire();
    await turn();
    queue[0]?.attempts[0]?.answer.resolve('first of the queue');
    await turn();
    await turn();
    assert.equal(slow.attempts.length, 1, 'the next read took the slot the ended one left');
    queue[1]?.attempts[0]?.answer.resolve('last of the queue');
    await reader;
    await turn();
    await turn();
    assert.equal(slow.attempts.length, 2, 'the queue is done: now there is room');
    slow.attempts[1]?.answer.resolve('hedge');
    assert.equal(await slowResult, 'hedge');
  });

  it('keeps the first answer when it comes before the hedge is due, and stops the timer', async () => {
    const { hedger, sleeps } = await warmHedger();
    const read = scriptedRead<string>();
    const result = hedger.run(read.send);
    await turn();
    read.attempts[0]?.answer.resolve('quick');
    assert.equal(await result, 'quick');
    assert.equal(sleeps.at(-1)?.signal.aborted, true);
    assert.equal(read.attempts.length, 1);
  });

  it('stays within its share of the reads sent', async () => {
    const { hedger, sleeps } = await warmHedger({ maxShare: 0 });
    const read = scriptedRead<string>();
    const result = hedger.run(read.send);
    await turn();
    sleeps.at(-1)?.fire();
    await turn();
    assert.equal(read.attempts.length, 1, 'no budget, no hedge');
    read.attempts[0]?.answer.resolve('first');
    assert.equal(await result, 'first');
  });

  it('gives the error of whichever copy answers first', async () => {
    const { hedger, sleeps } = await warmHedger();
    const read = scriptedRead<string>();
    const result = hedger.run(read.send);
    await turn();
    sleeps.at(-1)?.fire();
    await turn();
    const notFound = new Error('ResourceNotFoundException');
    read.attempts[1]?.answer.reject(notFound);
    await assert.rejects(result, notFound);
    assert.equal(read.attempts[0]?.signal.aborted, true);
  });

  it('runs no hedge timer while a read waits for its pacer slot, and times AWS from the attempt going out', async () => {
    const { hedger, sleeps, state } = await warmHedger();
    const timersBefore = sleeps.length;
    const read = scriptedRead<string>({ onWireLater: true });
    const result = hedger.run(read.send);
    await turn();
    assert.equal(sleeps.length, timersBefore, 'not out to AWS yet: no timer');
    state.t += 5_000;
    read.attempts[0]?.onWire();
    await turn();
    assert.equal(sleeps.at(-1)?.ms, 100, 'the timer starts when the attempt goes out');
    state.t += 40;
    read.attempts[0]?.answer.resolve('paced');
    assert.equal(await result, 'paced');
    assert.equal(read.attempts.length, 1);
    // Window of 100, 100 and 40 ms (not 5,040): the median stays 100.
    assert.equal(
      await nextHedgeWait(hedger, sleeps),
      100,
      'the pacer wait was not counted as latency',
    );
  });

  it('restarts the wait when the copy is retried, so a throttled read is not hedged for its retries', async () => {
    const { hedger, sleeps, state } = await warmHedger();
    const read = scriptedRead<string>();
    const result = hedger.run(read.send);
    await turn();
    const firstTimer = sleeps.at(-1);
    state.t += 60;
    read.attempts[0]?.onWire();
    await turn();
    assert.equal(firstTimer?.signal.aborted, true, "the first attempt's timer is stopped");
    assert.equal(sleeps.at(-1)?.ms, 100, 'a full wait from the retry going out');
    read.attempts[0]?.answer.resolve('retried');
    assert.equal(await result, 'retried');
    assert.equal(read.attempts.length, 1);
  });

  it('waits at least its floor however quickly reads have answered', async () => {
    const { clock, sleeps } = manualClock();
    const hedger = new ReadHedger(clock);
    for (let i = 0; i < HEDGE.minSamples; i++)
      await hedger.run((_signal, onWire) => {
        onWire();
        return Promise.resolve(i);
      });
    const read = scriptedRead<string>();
    const result = hedger.run(read.send);
    await turn();
    assert.equal(sleeps.at(-1)?.ms, HEDGE.minAfterMs, 'reads of 0 ms: the floor decides');
    read.attempts[0]?.answer.resolve('done');
    assert.equal(await result, 'done');
  });
});
