/**
 * Client-side pacing for one class of Cloud Control calls (reads, writes or status polls), learnt
 * from throttling. AWS publishes no Cloud Control rate (docs/reference/cloudcontrol-notes.md §4), so a pacer starts
 * unlimited and, once throttled, sends at a limit derived from what the service admits.
 *
 * Why not the SDK's `adaptive` retry mode: its CUBIC limiter sets the new rate from a measured
 * send rate that is still 0 during its first half-second bucket, so a throttle early in a run
 * drops it to its floor of 0.5 calls/s, from where it climbs back slowly (DefaultRateLimiter in
 * @smithy/core's util-retry: `cubicThrottle(measuredTxRate)`, `minFillRate` 0.5). On the
 * benchmarks (bench/README.md) that made 300 paced reads slower than reading one at a time.
 *
 * The rule: answers are judged in rounds of `roundSize`, counting only calls sent since the round
 * began (so one overload is answered once, as TCP cuts once per window). A round with more than
 * `tolerableThrottleShare` of its calls throttled means the class sends faster than the service
 * admits, and the limit becomes
 *   min(limit, max(floor, admitted rate / (1 − tolerable share), cutFactor × attempted rate))
 * which keeps the service saturated (sending just fast enough that the tolerable share is
 * refused) while never cutting more than by half per round. Any other round raises a finite
 * limit by `growthFactor`, and lifts it once it is far above what the class sends.
 *
 * Judging the share rather than reacting to every throttle is what makes random throttling
 * harmless: a service that refuses a fixed share of calls at any rate (as AWS does under load
 * elsewhere in the account) refuses the same share whether the class sends fast or slow, so as
 * long as that share stays under the tolerable one the limit never falls. Reacting to each
 * throttle instead ratchets the limit down to the floor (measured: the soak benchmark's 20 %
 * random throttling then took 10 minutes instead of under one).
 */

import { PACER_TUNING, type PacerTuning } from './policy.ts';

export type { PacerTuning } from './policy.ts';

/** The tuning a pacer uses unless a test passes its own (policy.ts explains each value). */
export const PACER_DEFAULTS: PacerTuning = PACER_TUNING;

export interface PacerClock {
  /** Milliseconds. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** What one round has seen so far. */
interface Round {
  readonly startedAt: number;
  attempts: number;
  admitted: number;
  throttled: number;
  firstAdmittedAt: number | undefined;
  lastAdmittedAt: number | undefined;
}

export class RequestPacer {
  private readonly tuning: PacerTuning;
  private readonly clock: PacerClock;
  /** Calls per second; Infinity until a round shows too many throttles. */
  private limitPerSecond = Number.POSITIVE_INFINITY;
  /** The earliest time the next call may be sent. */
  private nextSlot = 0;
  private round: Round | undefined;

  constructor(clock: PacerClock, tuning: Partial<PacerTuning> = {}) {
    this.clock = clock;
    this.tuning = { ...PACER_DEFAULTS, ...tuning };
  }

  /** The current limit in calls per second (Infinity while unlimited). */
  get limit(): number {
    return this.limitPerSecond;
  }

  /**
   * Waits for the next free slot under the limit and counts the attempt. Resolves with the time
   * the call was let through; pass it back with the answer.
   */
  async acquire(): Promise<number> {
    let now = this.clock.now();
    if (Number.isFinite(this.limitPerSecond)) {
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + 1000 / this.limitPerSecond;
      if (slot > now) {
        await this.clock.sleep(slot - now);
        now = this.clock.now();
      }
    }
    this.round ??= newRound(now);
    this.round.attempts += 1;
    return now;
  }

  /** The service answered a call sent at `sentAt` (with a result or an error other than throttling). */
  admitted(sentAt: number): void {
    const round = this.currentRound(sentAt);
    if (!round) return;
    const now = this.clock.now();
    round.admitted += 1;
    round.firstAdmittedAt ??= now;
    round.lastAdmittedAt = now;
    this.maybeEndRound(round, now);
  }

  /** The service throttled a call sent at `sentAt`. */
  throttled(sentAt: number): void {
    const round = this.currentRound(sentAt);
    if (!round) return;
    round.throttled += 1;
    this.maybeEndRound(round, this.clock.now());
  }

  /** The round an answer counts in; answers to calls sent before it began are old news. */
  private currentRound(sentAt: number): Round | undefined {
    const round = this.round;
    return round && sentAt >= round.startedAt ? round : undefined;
  }

  private maybeEndRound(round: Round, now: number): void {
    const answered = round.admitted + round.throttled;
    if (answered < this.tuning.roundSize) return;
    const { tolerableThrottleShare, cutFactor, floorPerSecond, growthFactor, unlimitedAbove } =
      this.tuning;
    const seconds = Math.max(1, now - round.startedAt) / 1000;
    const attemptedRate = round.attempts / seconds;
    if (round.throttled / answered > tolerableThrottleShare) {
      // Two estimates of the admitted rate: over the span of the admitted answers (exact at a
      // steady rate) and over the whole round (better when only a couple got through).
      const span = (round.lastAdmittedAt ?? now) - (round.firstAdmittedAt ?? now);
      const admittedRate = Math.max(
        span > 0 ? ((round.admitted - 1) * 1000) / span : 0,
        round.admitted / seconds,
      );
      const wanted = Math.max(
        floorPerSecond,
        admittedRate / (1 - tolerableThrottleShare),
        cutFactor * attemptedRate,
      );
      this.limitPerSecond = Math.min(this.limitPerSecond, wanted);
    } else if (Number.isFinite(this.limitPerSecond)) {
      this.limitPerSecond *= growthFactor;
      if (this.limitPerSecond > unlimitedAbove * attemptedRate)
        this.limitPerSecond = Number.POSITIVE_INFINITY;
    }
    this.round = newRound(now);
  }
}

function newRound(startedAt: number): Round {
  return {
    startedAt,
    attempts: 0,
    admitted: 0,
    throttled: 0,
    firstAdmittedAt: undefined,
    lastAdmittedAt: undefined,
  };
}
