/**
 * The policy for waiting and retrying: every number stage-sync uses to pace, time out, retry and
 * poll Cloud Control, named once, with the reason for its value. The mechanisms that apply it
 * read their numbers from here and nowhere else:
 *
 * 1. **Each call** (the SDK adapter, `src/aws/cloud-control-client.ts`): every attempt waits for
 *    its call class's `RequestPacer` (request-pacer.ts), is bounded by `CALL_TIMEOUTS`, and is
 *    retried by `PacedRetryStrategy` (paced-retry-strategy.ts): throttling up to
 *    `CALL_ATTEMPTS.throttled`, transport and server faults up to `CALL_ATTEMPTS.other`. Every
 *    read of a stage (the plan's, the apply's, the re-plan's) is `readStage` in
 *    `src/aws/read-stages.ts` and has exactly this retry path and no other. A read or status
 *    poll still out in AWS's latency tail is sent once more (`HEDGE`, hedged-read.ts).
 * 2. **Each write** (the apply, `src/apply/execute-stage.ts`): a write that still fails after
 *    layer 1 is handled by the table in recovery-rules.ts, within `RETRY_LIMITS`, waiting on the
 *    `RETRY_BACKOFF` curve between tries.
 * 3. **Each operation** (the apply, `src/apply/await-operation.ts`): status polls on the
 *    `POLLING` curve, or at AWS's `RetryAfter` up to `RETRY_AFTER_CAP_MS`, until the operation
 *    deadline (`operation-timeout-seconds`), which also bounds the poll in flight.
 *
 * Two waits around a write are the apply's too: whether the plan's read is fresh enough to skip
 * the re-read before writing (`FRESH_READ_MS`), and how long a created stage may read NotFound
 * (`READ_AFTER_CREATE`).
 *
 * Measurements cited here are in bench/README.md; AWS facts by number in
 * docs/reference/aws-recorded-behaviour.md; protocol notes in docs/reference/cloudcontrol-notes.md.
 */

/** A capped exponential curve: the n-th delay (0-based) has ceiling min(capMs, baseMs × factor^n). */
export interface BackoffPolicy {
  /** First delay before jitter. */
  readonly baseMs: number;
  /** Growth per step. */
  readonly factor: number;
  /** Ceiling before jitter. */
  readonly capMs: number;
}

// ---------------------------------------------------------------------------------------------
// Layer 1: each call

/** Tuning of a call class's pacer (request-pacer.ts explains the rule these numbers drive). */
export interface PacerTuning {
  /** Answered calls per round. */
  readonly roundSize: number;
  /** Answered calls in a pacer's first round: the first overload is answered sooner. */
  readonly firstRoundSize: number;
  /**
   * Share of a round's calls that may be throttled before an unbounded class is cut (and while
   * it is not known to be rate-bound): random throttling below it never slows a class down.
   */
  readonly tolerableThrottleShare: number;
  /** A bounded class sends at the admitted rate times this. */
  readonly boundedHeadroom: number;
  /** A bounded class that has fallen below this share of its entry rate was not rate-bound. */
  readonly leaveBoundedBelow: number;
  /** A cut keeps at least this share of the round's attempted rate. */
  readonly cutFactor: number;
  /** A calm round multiplies the finite limit of an unbounded class by this. */
  readonly growthFactor: number;
  /** A bounded class's first raise after a round without throttling; each further one squares it. */
  readonly probeFactor: number;
  /** A limit this many times the attempted rate is lifted altogether. */
  readonly unlimitedAbove: number;
  /** The limit never goes below this, calls/s. */
  readonly floorPerSecond: number;
  /**
   * A class that sent nothing for this long (or for two of its spacings, or twice its calls'
   * usual latency, if longer) paused: the round it had begun is dropped, not stretched over the
   * pause.
   */
  readonly idleRoundMs: number;
}

export const PACER_TUNING: PacerTuning = {
  // Twenty answers make a share worth judging (and take 0.2 s at 100 calls/s).
  roundSize: 20,
  // Ten calls in flight at once are mostly throttled by the time twenty have answered; ten
  // answers already tell an overload (bench/README.md, "Speed under AWS as it really behaves").
  firstRoundSize: 10,
  // Random throttling below a third never slows a class that has not shown it is rate-bound
  // (bench/README.md, "Soak": 20 % random throttling converges; cutting on every throttle
  // instead took 640 s).
  tolerableThrottleShare: 1 / 3,
  // Sending at what the service admits, plus 5 %, keeps it saturated while refusing about one
  // call in twenty: the 1.5× of the first design refused a third (bench/README.md).
  boundedHeadroom: 1.05,
  // Following a rate-independent share of throttles (AWS busy elsewhere) sinks the limit by
  // that share each round: two or three rounds of it, and the class is released.
  leaveBoundedBelow: 0.7,
  // Multiplicative decrease, as in TCP congestion control, never deeper than half.
  cutFactor: 0.5,
  growthFactor: 1.25,
  // Probing above a known rate costs throttles: 5 % at first, faster while nothing is refused
  // (1.05, 1.10, 1.22, then growthFactor).
  probeFactor: 1.05,
  unlimitedAbove: 4,
  // One call per second still finishes a plan; below that a run would look hung.
  floorPerSecond: 1,
  // A busy class sends every few hundred milliseconds, or as its slow answers come back; a second
  // without a send is a pause between batches, as between a plan's reads and the apply's
  // read-backs (bench/README.md, "A round stretched over a pause").
  idleRoundMs: 1_000,
};

/** Attempts per call, counting the first, by what went wrong. */
export const CALL_ATTEMPTS = {
  /**
   * Throttled. The pacer spaces attempts at the learnt rate and the throttling backoff is capped
   * at 1 s, so 30 attempts give a call tens of seconds of patience: throttling is retried, not
   * reported (bench/README.md: 167–182 throttled reads for 300 answered, none failed).
   */
  throttled: 30,
  /**
   * Transport faults (reset, refused, timed out) and server errors: the SDK standard mode's 3
   * (docs/reference/cloudcontrol-notes.md §1.9). They say nothing about rate, and a fault that
   * outlasts three tries is the apply's to handle (layer 2), or the run's to report.
   */
  other: 3,
} as const;

/** Full-jitter backoff of the call layer: a delay in [0, min(capMs, baseMs × 2^n)). */
export const CALL_BACKOFF: Readonly<Record<'throttling' | 'other', BackoffPolicy>> = {
  // Short, because the pacer does the real slowing down: the SDK's own 1 s × 2^n idled callers
  // for half a second per throttle while the service had room. No backoff at all let one read
  // spend all its attempts in a few milliseconds while a pacer was still learning (bench/README.md,
  // "Retrying throttled calls with no backoff").
  throttling: { baseMs: 20, factor: 2, capMs: 1_000 },
  // The SDK standard mode's base and cap (docs/reference/cloudcontrol-notes.md §1.9).
  other: { baseMs: 100, factor: 2, capMs: 20_000 },
};

/**
 * Bounds on one HTTP attempt (the SDK's NodeHttpHandler `connectionTimeout` and
 * `requestTimeout`, with `throwOnRequestTimeout`). Without them a call that never answers waits
 * for the job's 6-hour limit. A timed-out attempt is a transport fault: retried up to
 * `CALL_ATTEMPTS.other` (writes with the same client token, so a resend is safe).
 */
export const CALL_TIMEOUTS = {
  /** A TCP and TLS handshake with a regional endpoint takes milliseconds; 5 s is a dead route. */
  connectionMs: 5_000,
  /**
   * Request sent to response read. A GetResource of a stage takes hundreds of milliseconds with
   * a tail of about 2 s (the handler calls API Gateway); writes answer before the work is done.
   * 30 s is fifteen times the tail.
   */
  requestMs: 30_000,
} as const;

/**
 * The request timeout for a run whose operations may take `operationTimeoutMs`: no single call
 * may wait longer than a whole operation may (a `operation-timeout-seconds` of 5 bounds every
 * call by 5 s too).
 */
export function requestTimeoutFor(operationTimeoutMs: number | undefined): number {
  return operationTimeoutMs !== undefined && operationTimeoutMs > 0
    ? Math.min(CALL_TIMEOUTS.requestMs, operationTimeoutMs)
    : CALL_TIMEOUTS.requestMs;
}

/**
 * The longest wait AWS may impose through `RetryAfter` (on a ProgressEvent, or a `Retry-After`
 * header): 30 s, the apply's own longest retry wait (`RETRY_BACKOFF.capMs`). A later `RetryAfter`
 * (one a day ahead was seen) is cut to this, and the progress log says AWS asked for longer;
 * asking early costs one status call, waiting a day costs the whole operation timeout.
 */
export const RETRY_AFTER_CAP_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Layers 2 and 3: each write and each operation (the apply)

/**
 * Status polls: 1 s ×1.5 up to 10 s. Most Cloud Control operations settle in 1–5 s, so this
 * answers quickly without flooding GetResourceRequestStatus (go-to-k/cdkd's poller uses the same
 * curve; docs/reference/cloudcontrol-notes.md §4). Equal jitter: half fixed, half random.
 */
export const POLLING: BackoffPolicy = { baseMs: 1_000, factor: 1.5, capMs: 10_000 };

/**
 * Waits of the write layer: before a resend, a retry after a handler failure, and while another
 * operation holds the stage: 2 s ×2 up to 30 s. Longer than polling, because the call layer has
 * already spent its attempts (up to `CALL_ATTEMPTS.throttled` for throttling) by the time a
 * failure reaches the apply, and API Gateway refills at about 10 requests/s per account
 * (docs/reference/aws-recorded-behaviour.md fact 32: its control plane throttles often).
 */
export const RETRY_BACKOFF: BackoffPolicy = { baseMs: 2_000, factor: 2, capMs: 30_000 };

/** Tuning of the apply's window of operations in flight (operation-window.ts explains the rule). */
export interface OperationWindowTuning {
  /** Stages under way at once before AWS has said anything. */
  readonly initial: number;
  /** The window never opens wider. */
  readonly max: number;
  /** Nor closes below. */
  readonly min: number;
  /** A congestion signal multiplies the window by this (once per window's worth of stages). */
  readonly decreaseFactor: number;
  /** Each operation that succeeds widens it by this. */
  readonly increasePerSuccess: number;
}

export const OPERATION_WINDOW: OperationWindowTuning = {
  // Cloud Control publishes no limit on operations in flight (docs/reference/cloudcontrol-notes.md
  // §4), and writes already go out at the rate the write pacer learns, so the window starts open,
  // as a pacer does, and AWS's handler-level answers close it. 100 is the largest
  // `max-concurrency` the action accepts (src/config.ts): it bounds how many operations one
  // burst can start before the first answer of an operation comes back.
  initial: 100,
  max: 100,
  min: 1,
  // Multiplicative decrease, as in TCP congestion control.
  decreaseFactor: 0.5,
  // Additive increase per answer: after a cut, successes win the room back within a few
  // operation durations.
  increasePerSuccess: 1,
};

/**
 * What AWS answers when it carries out more operations than it can: a handler throttled by API
 * Gateway's account limit of 10 requests/s (burst 40) settles FAILED with `Throttling`
 * (docs/reference/cloudcontrol-notes.md §4), and a write refused because another operation holds
 * the resource is `ConcurrentOperationException` (§1 of the same notes: "Per-resource lock").
 */
export const OPERATION_CONGESTION = {
  /** HandlerErrorCodes of FAILED events. */
  handlerCodes: ['Throttling'],
  /** Exceptions a write call answers with. */
  writeErrors: ['ConcurrentOperationException'],
} as const;

/** Bounds on every kind of retry of one stage, so a run always ends. */
export interface RetryLimits {
  /**
   * Submissions of one write whose request settled FAILED with a retryable handler code
   * (Throttling, NetworkFailure, ...), counting the first: each takes a fresh client token.
   */
  readonly maxAttempts: number;
  /**
   * Re-sends of one request (same client token) refused synchronously after the call layer
   * gave up: throttling, a server fault, a transport fault.
   */
  readonly maxSyncRetries: number;
  /** Times one stage may be re-read and re-planned (AlreadyExists, ConcurrentOperation, ...). */
  readonly maxReplans: number;
}

export const RETRY_LIMITS: RetryLimits = {
  // A handler that failed three times with a retryable code is not having a moment.
  maxAttempts: 3,
  // With RETRY_BACKOFF (equal jitter), four resends wait 15–30 s in all past the call layer.
  maxSyncRetries: 4,
  // A stage that changes under us three times running is someone else's to settle.
  maxReplans: 3,
};

/**
 * Retries of a client token that an earlier run spent (a cancelled or FAILED request Cloud
 * Control replays for 36 hours: CC API reference, ClientToken). Each is a token an earlier run
 * used, not a new failure, so this only stops a loop.
 */
export const MAX_TOKEN_REPLAYS = 10;

/**
 * A FAILED request whose EventTime is older than the run's start by more than this was replayed
 * for a token an earlier run used (the runner's and AWS's clocks may differ by this much).
 */
export const REPLAY_SKEW_MS = 60_000;

/**
 * How long the plan's read of a stage stands in for the apply's re-read before writing, when the
 * apply runs in the same process right after the plan (`planReadAt`). The re-read exists because
 * the patch was computed against what the plan read; a minute covers a plan of a few hundred
 * stages and its apply (300 reads take 30 s at API Gateway's 10 requests/s), and a reviewed plan
 * from another run (minutes to days old) is always re-read. A change made within the minute is
 * still caught: UpdateResource patches AWS's current model, and the read-back reports drift.
 */
export const FRESH_READ_MS = 60_000;

/**
 * Reads back after a create that answer NotFound: GetResource can miss a stage for a moment right
 * after its create succeeded (docs/reference/aws-recorded-behaviour.md fact 33, "usually in the
 * millis"). Up to three more reads at 250, 500 and 1000 ms (1.75 s in all) before reporting the
 * stage as not found, instead of a false drift warning.
 */
export const READ_AFTER_CREATE = {
  retries: 3,
  backoff: { baseMs: 250, factor: 2, capMs: 1_000 } satisfies BackoffPolicy,
} as const;

/** Tuning of the hedged read (hedged-read.ts explains the rule these numbers drive). */
export interface HedgeTuning {
  /** Answered reads the latency estimate looks back over. */
  readonly window: number;
  /** No read is hedged before this many have answered: too few to tell a tail from the body. */
  readonly minSamples: number;
  /** A read outstanding longer than this quantile of the window's durations is sent again. */
  readonly quantile: number;
  /**
   * The quantile while the class carries at most half the reads it has carried at once: the tail
   * of a batch, where the rate no longer binds and the run waits for its last reads.
   */
  readonly thinQuantile: number;
  /** Nor before this, ms, however short the quantile (a read alone: `loneMedians`). */
  readonly minAfterMs: number;
  /** Hedges never exceed this share of the reads sent (and those of reads alone, as much again). */
  readonly maxShare: number;
  /**
   * A read alone in its class (the only one out, of more carried at once) is hedged once out
   * this many times the window's median, if that is sooner than its tier's wait.
   */
  readonly loneMedians: number;
}

export const HEDGE: HedgeTuning = {
  // The last hundred answers follow a change in AWS's latency within ten seconds at 10 reads/s.
  window: 100,
  // Below twenty answers the 95th percentile is simply the slowest one seen.
  minSamples: 20,
  // Dean and Barroso, "The Tail at Scale" (CACM 56(2), 2013,
  // https://cacm.acm.org/research/the-tail-at-scale/): deferring the second request until the
  // first has been outstanding longer than the 95th-percentile latency bounds the extra load to
  // about 5 % while cutting most of the tail. A GetResource of a stage has a tail of seconds
  // (the handler calls API Gateway), and a fresh request meets a fresh handler.
  quantile: 0.95,
  // At the tail of a batch a hedge takes a token nobody is waiting for, and the run waits for
  // its slowest reads alone: there the third quartile, with half the budget below, so the other
  // half is left for the upper tail (a merge's status poll drawing 6 s went unhedged when the
  // third quartile's hedges had spent it all; bench/README.md, "Refill between throttles").
  thinQuantile: 0.75,
  // The latency is timed per attempt on the wire (the pacer's waits are not AWS's), but where
  // calls answer in tens of milliseconds a second copy saves tens of milliseconds and spends a
  // token of a bucket that may hold two. Half the handler's tail of about 2 s
  // (`CALL_TIMEOUTS.requestMs`) is the shortest wait that lies in that tail.
  minAfterMs: 1_000,
  // The quantile already makes about 5 % of reads hedge candidates (the paper's figure); the cap,
  // twice that, only stops a runaway when every read turns slow. At exactly 5 % the window's lag
  // spent the budget early in an apply, and a status poll drawing 14.8 s went unhedged
  // (bench/README.md, "The merge run, the pacer's burst, hedges timed on the wire").
  maxShare: 0.1,
  // One and a half times the median: beyond nearly every call of a class whose calls take about the
  // same time, so the fast benchmarks' 30 ms reads are hardly ever hedged so, and inside a long
  // tail (the realistic setting's lognormal, σ 1.26: 37 % of reads alone). Realistic applies, each
  // against its own chain (bench/README.md, "A read alone in its class"): 1.17× without the rule,
  // 1.13× at twice the median, 1.12× at 1.5 (90 each); the median, 1.12× in 30, also hedged 5–9 of
  // the fast apply's 120 reads of 30 ms, where 1.5 hedged one in six applies.
  loneMedians: 1.5,
};
