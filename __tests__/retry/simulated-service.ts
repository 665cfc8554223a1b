/**
 * A Cloud Control call class in virtual time, for the pacer's tests: `callers` callers each send
 * calls through a `RequestPacer` and a `PacedRetryStrategy` to a token bucket of `rate` calls/s
 * holding `burst`; every attempt takes `latencyMs` (plus a seeded jitter of up to 2 ms, as
 * timers on a shared machine have) before the bucket judges it. Time only moves when every caller
 * waits, so a run of seconds takes milliseconds and repeats exactly.
 */
import { PacedRetryStrategy } from '../../src/retry/paced-retry-strategy.ts';
import { RequestPacer } from '../../src/retry/request-pacer.ts';

class VirtualTime {
  now = 0;
  private seq = 0;
  private readonly timers: { at: number; seq: number; resolve: () => void }[] = [];

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.now + Math.max(0, ms), seq: this.seq++, resolve });
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    });

  async run(done: Promise<unknown>): Promise<void> {
    let finished = false;
    void done.then(() => (finished = true));
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (finished) return;
      const timer = this.timers.shift();
      if (!timer) throw new Error('every caller waits for nothing');
      this.now = timer.at;
      timer.resolve();
    }
  }
}

/** A small seeded generator (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimulatedClass {
  readonly rate: number;
  readonly burst: number;
  readonly latencyMs: number;
  readonly callers: number;
  readonly calls: number;
  readonly seed?: number;
  /** A second batch of calls, sent by the same callers after the class has been idle. */
  readonly then?: { readonly idleMs: number; readonly calls: number };
}

export interface SimulatedRun {
  readonly admitted: number;
  readonly throttled: number;
  readonly elapsedMs: number;
  /** The second batch's, when there is one: from its first call to its last answer. */
  readonly then?: { readonly throttled: number; readonly elapsedMs: number };
}

export async function simulateCalls(setting: SimulatedClass): Promise<SimulatedRun> {
  const time = new VirtualTime();
  const random = seeded(setting.seed ?? 1);
  const jittered = (ms: number) => time.sleep(ms + 2 * random());
  const pacer = new RequestPacer({ now: () => time.now, sleep: jittered });
  const strategy = new PacedRetryStrategy({
    pacer,
    maxAttempts: 30,
    now: () => time.now,
    sleep: jittered,
    random,
  });
  let tokens = setting.burst;
  let refilledAt = 0;
  const take = (): boolean => {
    tokens = Math.min(setting.burst, tokens + ((time.now - refilledAt) / 1000) * setting.rate);
    refilledAt = time.now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
  let admitted = 0;
  let throttled = 0;
  let next = 0;
  const call = async (): Promise<void> => {
    let token = await strategy.acquireInitialRetryToken('');
    for (;;) {
      await jittered(setting.latencyMs);
      if (take()) {
        admitted += 1;
        strategy.recordSuccess(token);
        return;
      }
      throttled += 1;
      token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
    }
  };
  const batch = async (calls: number): Promise<void> => {
    next = 0;
    const caller = async (): Promise<void> => {
      while (next < calls) {
        next += 1;
        await call();
      }
    };
    await Promise.all(Array.from({ length: setting.callers }, caller));
  };
  const first = { throttled: 0, elapsedMs: 0 };
  const second = { throttled: 0, startedAt: 0 };
  const runs = async (): Promise<void> => {
    await batch(setting.calls);
    Object.assign(first, { throttled, elapsedMs: time.now });
    if (!setting.then) return;
    await time.sleep(setting.then.idleMs);
    Object.assign(second, { throttled, startedAt: time.now });
    await batch(setting.then.calls);
  };
  await time.run(runs());
  if (!setting.then) return { admitted, throttled, elapsedMs: time.now };
  return {
    admitted,
    throttled: first.throttled,
    elapsedMs: first.elapsedMs,
    then: { throttled: throttled - second.throttled, elapsedMs: time.now - second.startedAt },
  };
}
