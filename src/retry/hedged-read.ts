/**
 * A read sent again when it has been outstanding far longer than this class's reads take, and
 * whichever answer comes first is the answer ("hedged requests": Dean and Barroso, "The Tail at
 * Scale", CACM 56(2), 2013, https://cacm.acm.org/research/the-tail-at-scale/). Only idempotent
 * reads are hedged (GetResource and GetResourceRequestStatus, each class with its own hedger):
 * sending one twice changes nothing in AWS.
 *
 * Why: a plan's reads are rate-bound, so one read drawing a tail of several seconds (the handler
 * calls API Gateway) costs nothing while other reads keep the rate busy, but at the end of a
 * batch the run waits for it alone; and each update of an apply waits for its own status poll
 * and read-back, so a slow one delays that stage's end (bench/README.md, "Hedged reads").
 *
 * The rule (numbers in `HEDGE`, policy.ts): a read outstanding longer than the `quantile` of the
 * last `window` answered reads' durations (once `minSamples` have answered; never before
 * `minAfterMs`) is sent once more,
 * and the slower of the two is aborted when the other answers. A hedge is sent only while the
 * class has spare room, that is fewer reads outstanding than it has carried at once: while the
 * caller keeps every slot busy the rate is what binds, and a hedge would take a token a waiting
 * read needs; at the tail of a batch it takes one nobody wants. Hedges stay within `maxShare`
 * of the reads sent.
 */
import { HEDGE, type HedgeTuning } from './policy.ts';

export type { HedgeTuning } from './policy.ts';

export interface HedgeClock {
  /** Milliseconds. */
  readonly now: () => number;
  /** Resolves after `ms`, or rejects once `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

type Settled<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

interface Attempt<T> {
  readonly abort: AbortController;
  readonly settled: Promise<Settled<T>>;
}

export class ReadHedger {
  private readonly clock: HedgeClock;
  private readonly tuning: HedgeTuning;
  /** Durations (ms) of the latest answered reads, oldest first. */
  private readonly durations: number[] = [];
  private outstanding = 0;
  private mostOutstanding = 0;
  private reads = 0;
  private hedgesSent = 0;

  constructor(clock: HedgeClock, tuning: Partial<HedgeTuning> = {}) {
    this.clock = clock;
    this.tuning = { ...HEDGE, ...tuning };
  }

  /** Hedges sent so far. */
  get hedges(): number {
    return this.hedgesSent;
  }

  /** Sends the read (`send` must stop when its signal aborts), hedging it as the rule says. */
  async run<T>(send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const startedAt = this.clock.now();
    this.reads += 1;
    this.outstanding += 1;
    this.mostOutstanding = Math.max(this.mostOutstanding, this.outstanding);
    try {
      const first = attempt(send);
      const after = this.hedgeAfterMs();
      let answer: Settled<T>;
      if (after === undefined) answer = await first.settled;
      else {
        const timer = new AbortController();
        const early = await Promise.race([
          first.settled,
          this.clock.sleep(after, timer.signal).then(
            () => undefined,
            () => undefined,
          ),
        ]);
        timer.abort();
        if (early !== undefined) answer = early;
        else if (!this.mayHedge()) answer = await first.settled;
        else {
          this.hedgesSent += 1;
          const second = attempt(send);
          const winner = await Promise.race([
            first.settled.then((settled) => ({ settled, loser: second })),
            second.settled.then((settled) => ({ settled, loser: first })),
          ]);
          winner.loser.abort.abort();
          answer = winner.settled;
        }
      }
      this.record(this.clock.now() - startedAt);
      if (answer.ok) return answer.value;
      throw answer.error;
    } finally {
      this.outstanding -= 1;
    }
  }

  /** The wait before a hedge: the window's quantile, once enough reads have answered. */
  private hedgeAfterMs(): number | undefined {
    if (this.durations.length < this.tuning.minSamples) return undefined;
    const sorted = [...this.durations].sort((a, b) => a - b);
    const index = Math.min(sorted.length - 1, Math.floor(this.tuning.quantile * sorted.length));
    return Math.max(this.tuning.minAfterMs, sorted[index] as number);
  }

  /** Spare room (fewer reads outstanding than carried at once) and budget left. */
  private mayHedge(): boolean {
    return (
      this.outstanding < this.mostOutstanding &&
      this.hedgesSent + 1 <= this.tuning.maxShare * this.reads
    );
  }

  private record(ms: number): void {
    this.durations.push(ms);
    if (this.durations.length > this.tuning.window) this.durations.shift();
  }
}

function attempt<T>(send: (signal: AbortSignal) => Promise<T>): Attempt<T> {
  const abort = new AbortController();
  const settled = Promise.resolve()
    .then(() => send(abort.signal))
    .then(
      (value): Settled<T> => ({ ok: true, value }),
      (error: unknown): Settled<T> => ({ ok: false, error }),
    );
  return { abort, settled };
}
