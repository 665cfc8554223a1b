/**
 * Client-side pacing for one class of Cloud Control calls (reads, writes or status polls), learnt
 * from throttling. AWS publishes no Cloud Control rate (docs/reference/cloudcontrol-notes.md §4), so
 * a pacer starts unlimited and, once throttled, sends at a limit derived from what the service
 * admits.
 *
 * Why not the SDK's `adaptive` retry mode: its CUBIC limiter sets the new rate from a measured
 * send rate that is still 0 during its first half-second bucket, so a throttle early in a run
 * drops it to its floor of 0.5 calls/s, from where it climbs back slowly (DefaultRateLimiter in
 * @smithy/core's util-retry: `cubicThrottle(measuredTxRate)`, `minFillRate` 0.5). On the
 * benchmarks (bench/README.md) that made 300 paced reads slower than reading one at a time.
 *
 * The rule. Answers are judged in rounds of `roundSize` (the first of `firstRoundSize`), counting
 * only calls sent since the round began, so one overload is answered once. Per round: the share
 * `s` of throttled answers, the attempted rate `t`, and the admitted rate `a = (1 − s) × t`.
 *
 * - **Unbounded** (the start): a round with more than `tolerableThrottleShare` throttled is an
 *   overload; the class becomes *bounded* and its limit is cut to
 *   `max(floor, a × boundedHeadroom, cutFactor × t)`: from the estimate of what AWS admits, not
 *   above it. Any other round raises a finite limit by `growthFactor` and lifts it once it is
 *   far above what the class sends. Random throttling below the tolerable share never cuts.
 * - **Bounded**: every round with a throttled call follows the admitted rate the same way (the
 *   limit only goes down there); a round with none raises the limit by `probeFactor`, faster
 *   while rounds stay calm. So the class sends at about what AWS admits, and about one call in
 *   twenty is refused, where the first design sent 1.5 times that (bench/README.md).
 * - **Released**: throttling that does not follow the rate (AWS busy elsewhere refuses a share
 *   of calls at any rate) sinks a bounded limit by that share every round. Once it has fallen
 *   below `leaveBoundedBelow` of the class's entry rate, the class was not rate-bound: it is
 *   unbounded again at the limit it entered with, and from then on only two overloaded rounds in
 *   a row bound it (a single round past a third happens by chance under random throttling).
 *
 * The burst. AWS limits a class with a token bucket (API Gateway's control plane: 10 requests/s
 * with a burst of 40, docs/reference/cloudcontrol-notes.md §4), which fills while the class is
 * idle. A pacer that only spaced calls at the limit would leave that head start unused, as when
 * an apply's read-backs follow the plan's reads a few seconds later. So a finite limit is a
 * token bucket too: time it leaves unused earns calls that may go at once, up to a burst learnt
 * from the first overload (the calls AWS admitted before it first throttled one, less what its
 * bucket refilled meanwhile at the learnt rate). Each throttle says the bucket is empty, so the
 * head start is spent only where AWS's bucket had time to refill. A class whose bucket is one
 * call learns a burst of about one; an overestimate costs a few throttles after an idle spell.
 * Measured: a 40-call batch 4 s after a 300-call one takes 0.55 s instead of 4.1 s against a
 * bucket of 10/s and 40 (`__tests__/retry/request-pacer.test.ts`).
 *
 * Rounds measure a busy spell. A round's rates are counted over its wall time, so a round begun
 * before a pause and finished after it (a plan's last reads, then the apply's read-backs seconds
 * later) would count the pause as sending slowly, and an overload it saw would cut the limit to
 * the floor. A class that sent nothing for `idleRoundMs`, or for twice its calls' usual latency
 * if longer, drops the round it had begun: the pause refilled AWS's bucket, and the next round
 * judges the next spell. The latency term keeps a class whose calls all take seconds (each send
 * waits for an answer) slow rather than idle, so its rounds still end; the gap is between sends,
 * so one straggler still out through the pause does not keep the round alive.
 *
 * The descent. A first round sent all at once measures its rates over one latency, so the
 * attempted rate is many times what AWS admits, and halving from there took four rounds of
 * mostly throttled calls: 10 writes at once into a bucket of 2 at 20/s drew 93 throttles for 60
 * calls. But each throttle says AWS's bucket was empty at that moment, so the calls it admitted
 * between two throttles each took a refilled token, one refill apart: from the first throttle
 * until the first calm round once bounded, the limit follows that refill rate at every throttle
 * (up or down, as each estimate counts more refills than the last, never above the limit the
 * class entered with), and the same 60 writes draw 29 throttles. A cut also moves the callers
 * already waiting: their slots were taken at a spacing the class no longer trusts.
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
}

export class RequestPacer {
  private readonly tuning: PacerTuning;
  private readonly clock: PacerClock;
  /** Calls per second; Infinity until a round shows too many throttles. */
  private limitPerSecond = Number.POSITIVE_INFINITY;
  /** Cuts of the limit so far: a caller that waited through one takes a new slot. */
  private cuts = 0;
  /** The earliest time the next call may be sent at the limit's spacing. */
  private nextSlot = 0;
  /**
   * Calls that may go at once, ahead of that spacing: earned while the class sent less than its
   * limit, up to the learnt burst less one (request-pacer.ts header, "The burst").
   */
  private credit = 0;
  /** What the first overload says about AWS's bucket (request-pacer.ts header, "The burst"). */
  private readonly firstOverload = new BurstEvidence();
  private round: Round | undefined;
  private roundsJudged = 0;
  /** When the class last let a call through. */
  private lastSentAt = Number.NEGATIVE_INFINITY;
  /** AWS's usual latency for the class, ms: a moving average of answered calls. */
  private usualLatencyMs: number | undefined;
  /** Set while the class is bounded: the admitted rate it entered with, and its limit then. */
  private bounded: Bounded | undefined;
  /**
   * What AWS admitted between throttles, from the first throttle of an unbounded class until the
   * first round without one once bounded: the class is still coming down to AWS's rate.
   */
  private descent: RefillEvidence | undefined;
  /** Rounds in a row without a throttled answer while bounded. */
  private calmRounds = 0;
  /** Whether the class was once released: it then needs two overloaded rounds in a row. */
  private released = false;
  private lastRoundOverloaded = false;

  constructor(clock: PacerClock, tuning: Partial<PacerTuning> = {}) {
    this.clock = clock;
    this.tuning = { ...PACER_DEFAULTS, ...tuning };
  }

  /** The current limit in calls per second (Infinity while unlimited). */
  get limit(): number {
    return this.limitPerSecond;
  }

  /** Whether the class is known to be rate-bound (request-pacer.ts header). */
  get isBounded(): boolean {
    return this.bounded !== undefined;
  }

  /**
   * Waits for the next free slot under the limit and counts the attempt. Resolves with the time
   * the call was let through; pass it back with the answer.
   */
  async acquire(): Promise<number> {
    let now = this.clock.now();
    this.dropRoundAfterPause(now);
    this.firstOverload.sent(now);
    while (Number.isFinite(this.limitPerSecond)) {
      this.earnCredit(now);
      if (this.credit >= 1) {
        this.credit -= 1;
        break;
      }
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + 1000 / this.limitPerSecond;
      if (slot <= now) break;
      const cuts = this.cuts;
      await this.clock.sleep(slot - now);
      now = this.clock.now();
      // A slot taken at a spacing the class has since cut would send into a bucket known empty.
      if (cuts === this.cuts) break;
    }
    this.round ??= newRound(now);
    this.round.attempts += 1;
    this.lastSentAt = now;
    return now;
  }

  /** A round begun before the class paused (sent nothing for a while) is over. */
  private dropRoundAfterPause(now: number): void {
    const pauseMs = Math.max(
      this.tuning.idleRoundMs,
      2000 / this.limitPerSecond,
      2 * (this.usualLatencyMs ?? 0),
    );
    if (now - this.lastSentAt > pauseMs) this.round = undefined;
  }

  private answered(sentAt: number, now: number): void {
    const latencyMs = now - sentAt;
    this.usualLatencyMs =
      this.usualLatencyMs === undefined
        ? latencyMs
        : this.usualLatencyMs + LATENCY_WEIGHT * (latencyMs - this.usualLatencyMs);
  }

  /** The size of AWS's bucket as the first overload measured it, at the current limit's rate. */
  private burst(): number {
    return this.firstOverload.burst(this.limitPerSecond / this.tuning.boundedHeadroom);
  }

  /** The service answered a call sent at `sentAt` (with a result or an error other than throttling). */
  admitted(sentAt: number): void {
    const now = this.clock.now();
    this.answered(sentAt, now);
    this.firstOverload.admitted(now);
    this.descent?.admitted(now);
    const round = this.currentRound(sentAt);
    if (!round) return;
    round.admitted += 1;
    this.maybeEndRound(round, now);
  }

  /** The service throttled a call sent at `sentAt`. */
  throttled(sentAt: number): void {
    const now = this.clock.now();
    this.answered(sentAt, now);
    this.firstOverload.throttled(now);
    if (!this.bounded) this.descent ??= new RefillEvidence();
    this.descent?.throttled(now);
    this.bucketEmpty(now);
    this.followRefill(now);
    const round = this.currentRound(sentAt);
    if (!round) return;
    round.throttled += 1;
    this.maybeEndRound(round, now);
  }

  /** The round an answer counts in; answers to calls sent before it began are old news. */
  private currentRound(sentAt: number): Round | undefined {
    const round = this.round;
    return round && sentAt >= round.startedAt ? round : undefined;
  }

  /** Time the class left unused at its limit is credit, as AWS's bucket refilled meanwhile. */
  private earnCredit(now: number): void {
    if (now <= this.nextSlot) return;
    const unused = ((now - this.nextSlot) * this.limitPerSecond) / 1000;
    this.credit = Math.min(this.burst() - 1, this.credit + unused);
    this.nextSlot = now;
  }

  /** A throttle says AWS's bucket is empty: no call goes ahead of the spacing until it refills. */
  private bucketEmpty(now: number): void {
    this.nextSlot = Math.max(this.nextSlot, now);
    this.credit = 0;
  }

  private maybeEndRound(round: Round, now: number): void {
    const answered = round.admitted + round.throttled;
    const size = this.roundsJudged === 0 ? this.tuning.firstRoundSize : this.tuning.roundSize;
    if (answered < size) return;
    this.roundsJudged += 1;
    this.round = newRound(now);
    const seconds = Math.max(1, now - round.startedAt) / 1000;
    const attemptedRate = round.attempts / seconds;
    const share = round.throttled / answered;
    const admittedRate = (1 - share) * attemptedRate;
    const overloaded = share > this.tuning.tolerableThrottleShare;
    const overloadedBefore = this.lastRoundOverloaded;
    this.lastRoundOverloaded = overloaded;
    if (this.bounded) this.judgeBounded(share, attemptedRate, admittedRate, this.bounded, now);
    else if (overloaded && (!this.released || overloadedBefore)) {
      this.lower(this.follow(attemptedRate, admittedRate), now);
      this.bounded = {
        entryRate: admittedRate,
        entryLimit: this.limitPerSecond,
        entryRefilled: false,
      };
      this.bucketEmpty(now);
      this.followRefill(now);
      this.calmRounds = 0;
    } else if (!overloaded) {
      this.descent = undefined;
      this.raise(this.tuning.growthFactor, attemptedRate);
    }
  }

  private judgeBounded(
    share: number,
    attemptedRate: number,
    admittedRate: number,
    bounded: Bounded,
    now: number,
  ): void {
    const { leaveBoundedBelow, probeFactor, growthFactor, tolerableThrottleShare } = this.tuning;
    // A limit the class does not reach says little about AWS's rate (the class has less to send).
    const reached = attemptedRate >= 0.9 * this.limitPerSecond;
    if (share > tolerableThrottleShare || (share > 0 && reached)) {
      this.calmRounds = 0;
      this.lower(this.follow(attemptedRate, admittedRate), now);
      if (this.limitPerSecond < leaveBoundedBelow * bounded.entryRate) {
        this.limitPerSecond = bounded.entryLimit;
        this.bounded = undefined;
        this.descent = undefined;
        this.released = true;
      }
      return;
    }
    if (share > 0) {
      this.calmRounds = 0;
      return;
    }
    this.calmRounds += 1;
    this.descent = undefined;
    bounded.entryRate = Math.max(bounded.entryRate, admittedRate);
    const factor = reached
      ? Math.min(growthFactor, probeFactor ** (2 ** Math.max(0, this.calmRounds - 1)))
      : growthFactor;
    this.raise(factor, attemptedRate);
  }

  /** The limit that sends at what the round says AWS admits, never cut by more than half. */
  private follow(attemptedRate: number, admittedRate: number): number {
    const { floorPerSecond, boundedHeadroom, cutFactor } = this.tuning;
    return Math.max(floorPerSecond, admittedRate * boundedHeadroom, cutFactor * attemptedRate);
  }

  /**
   * A throttle in a bounded class's first descent: once the throttles tell what AWS refills, the
   * class goes down to it at once (request-pacer.ts header, "The descent").
   */
  private followRefill(now: number): void {
    const refilled = this.descent?.rate();
    if (!this.bounded || refilled === undefined) return;
    // The first round's admitted rate counted AWS's full bucket too; its refill is the entry rate.
    if (!this.bounded.entryRefilled) {
      this.bounded.entryRate = Math.min(this.bounded.entryRate, refilled);
      this.bounded.entryRefilled = true;
    }
    const { floorPerSecond, boundedHeadroom } = this.tuning;
    const limit = Math.max(floorPerSecond, refilled * boundedHeadroom);
    // Each estimate counts more refills than the last, so it replaces the last, up or down.
    if (limit > this.limitPerSecond) this.limitPerSecond = Math.min(limit, this.bounded.entryLimit);
    else this.lower(limit, now);
  }

  /** Cuts the limit to `limit` if that is lower; the callers waiting re-space from `now`. */
  private lower(limit: number, now: number): void {
    if (limit >= this.limitPerSecond) return;
    this.limitPerSecond = limit;
    this.cuts += 1;
    this.nextSlot = now + 1000 / limit;
  }

  private raise(factor: number, attemptedRate: number): void {
    if (!Number.isFinite(this.limitPerSecond)) return;
    this.limitPerSecond *= factor;
    if (this.limitPerSecond > this.tuning.unlimitedAbove * attemptedRate) {
      this.limitPerSecond = Number.POSITIVE_INFINITY;
      this.bounded = undefined;
    }
  }
}

/**
 * The calls AWS admitted from a pacer's first call until it first throttled one: a full bucket
 * drained at the class's pace while refilling. Counted by answer time: every call answered as
 * admitted by then took a token by then, so by the first throttled answer (the bucket empty) the
 * bucket held at least the admitted answers less what it refilled since the first call. Counting
 * by send time instead took one early call that drew a long latency and was judged after the
 * bucket emptied for the moment it emptied. Kept for the first `EVIDENCE_CALLS` answers only.
 */
export class BurstEvidence {
  private firstSentAt: number | undefined;
  private firstThrottledAt = Number.POSITIVE_INFINITY;
  /** Admitted answers before the first throttled one: a running count. */
  private admittedBefore = 0;
  private answers = 0;

  sent(at: number): void {
    this.firstSentAt ??= at;
  }

  admitted(answeredAt: number): void {
    if (this.answers++ >= EVIDENCE_CALLS || answeredAt > this.firstThrottledAt) return;
    this.admittedBefore += 1;
  }

  throttled(answeredAt: number): void {
    if (this.answers++ >= EVIDENCE_CALLS) return;
    this.firstThrottledAt = Math.min(this.firstThrottledAt, answeredAt);
  }

  /** Bucket size at `ratePerSecond`: admitted before the first throttle, less the refill. */
  burst(ratePerSecond: number): number {
    const throttledAt = this.firstThrottledAt;
    if (this.firstSentAt === undefined || !Number.isFinite(throttledAt)) return 1;
    const refilled = (ratePerSecond * (throttledAt - this.firstSentAt)) / 1000;
    return Math.max(1, Math.floor(this.admittedBefore - refilled));
  }
}

/**
 * AWS's refill rate, from the calls it admitted between two throttles: each throttle says its
 * bucket was empty then, so each call admitted in between took a token it had refilled, and
 * while the class sends faster than that, those calls are one refill apart. Counted by answer
 * time (a constant latency shifts every answer alike and leaves the spacing), over the last
 * `REFILL_WINDOW_MS`.
 */
class RefillEvidence {
  private throttledAt: number[] = [];
  private admittedAt: number[] = [];

  throttled(at: number): void {
    this.throttledAt.push(at);
    this.throttledAt = this.throttledAt.filter((when) => when >= at - REFILL_WINDOW_MS);
    this.admittedAt = this.admittedAt.filter((when) => when >= this.throttledAt[0]!);
  }

  admitted(at: number): void {
    if (this.throttledAt.length > 0) this.admittedAt.push(at);
  }

  /** Calls per second, once two calls were admitted between throttles. */
  rate(): number | undefined {
    const last = this.throttledAt[this.throttledAt.length - 1];
    const between = this.admittedAt.filter((at) => last !== undefined && at < last);
    if (between.length < 2) return undefined;
    const span = between[between.length - 1]! - between[0]!;
    return span > 0 ? ((between.length - 1) * 1000) / span : undefined;
  }
}

const REFILL_WINDOW_MS = 5_000;

/** Each answer's share of the usual latency: about the last ten answers count. */
const LATENCY_WEIGHT = 0.1;

interface Bounded {
  /** The rate AWS admitted when the class became bounded: at most what it refills. */
  entryRate: number;
  /** The limit it entered with. */
  entryLimit: number;
  /** Whether `entryRate` is AWS's refill as the descent measured it. */
  entryRefilled: boolean;
}

/** Answers the burst evidence looks at: the first overload of any class comes well within. */
const EVIDENCE_CALLS = 1_000;

function newRound(startedAt: number): Round {
  return { startedAt, attempts: 0, admitted: 0, throttled: 0 };
}
