/**
 * The SDK retry strategy of the Cloud Control adapter: every attempt, first or retry, goes through
 * a `RequestPacer`, and the pacer learns from each answer. It has the shape of the SDK's
 * `RetryStrategyV2` (acquireInitialRetryToken / refreshRetryTokenForRetry / recordSuccess), so it
 * plugs into `new CloudControlClient({ retryStrategy })` and the SDK keeps doing the classifying
 * (`ThrottlingException` by name, 429, 5xx, network resets; docs/reference/cloudcontrol-notes.md §1.9).
 *
 * Throttled calls are retried through the pacer after a short backoff of their own: the pacer
 * lowers the rate for the whole class, and the backoff (full jitter over 20 ms × 2^n) only keeps
 * one call from spending all its attempts in the few round trips the pacer needs to learn. The
 * SDK's own throttling backoff (1 s × 2^n, full jitter) would idle callers for half a second per
 * throttle while the service has capacity. Transient and server errors keep the SDK standard
 * mode's backoff (100 ms × 2^n) and its 3 attempts, since they say nothing about rate.
 */
import type { RequestPacer } from './request-pacer.ts';

/** The SDK's error classes for retries (`RetryErrorType` in @smithy/types). */
export type RetryErrorType = 'TRANSIENT' | 'THROTTLING' | 'SERVER_ERROR' | 'CLIENT_ERROR';

/** What the SDK tells a retry strategy about a failed attempt (`RetryErrorInfo`). */
export interface RetryErrorFacts {
  readonly errorType: RetryErrorType;
  /** From a `Retry-After` / `x-amz-retry-after` header. */
  readonly retryAfterHint?: Date;
}

/** One call's retry state, as the SDK's retry middleware reads it. */
export class PacedRetryToken {
  readonly retryCount: number;
  /** When the pacer let the latest attempt through. */
  readonly sentAt: number;

  constructor(retryCount: number, sentAt: number) {
    this.retryCount = retryCount;
    this.sentAt = sentAt;
  }

  getRetryCount(): number {
    return this.retryCount;
  }

  /** The strategy has already waited; the middleware adds no delay of its own. */
  getRetryDelay(): number {
    return 0;
  }
}

export interface RetryLimitsByError {
  /** Attempts per call when throttled, counting the first. */
  readonly throttlingAttempts: number;
  /** Attempts per call after transient or server errors, counting the first. */
  readonly otherAttempts: number;
}

/** A capped exponential backoff with full jitter: a delay in [0, min(cap, base × 2^n)). */
interface Backoff {
  readonly baseMs: number;
  readonly capMs: number;
}

/**
 * Per error class: throttling backs off briefly (the pacer does the real slowing down); transient
 * and server errors use the SDK standard mode's base and cap (docs/reference/cloudcontrol-notes.md §1.9).
 */
// The throttling cap is short because the pacer already spaces attempts at the learnt rate: a
// long backoff only lets one unlucky call sit idle while the service has room, and under a tight
// limit that used up a call's attempts before the pacer had settled (6 readers at 4 calls/s).
const BACKOFF: Readonly<Record<'THROTTLING' | 'OTHER', Backoff>> = {
  THROTTLING: { baseMs: 20, capMs: 1_000 },
  OTHER: { baseMs: 100, capMs: 20_000 },
};

/** A server's `Retry-After` is honoured in full, up to the SDK's own backoff cap. */
const RETRY_AFTER_CAP_MS = 20_000;

/** The SDK standard mode's attempts for errors other than throttling. */
const DEFAULT_OTHER_ATTEMPTS = 3;

export interface PacedRetryOptions {
  readonly pacer: RequestPacer;
  /** Attempts per call when throttled, counting the first. */
  readonly maxAttempts: number;
  /** Epoch milliseconds (a `Retry-After` hint is an absolute time). */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** [0, 1), for backoff jitter. */
  readonly random?: () => number;
}

export class PacedRetryStrategy {
  private readonly options: PacedRetryOptions;
  private readonly limits: RetryLimitsByError;
  private readonly random: () => number;

  constructor(options: PacedRetryOptions) {
    this.options = options;
    this.random = options.random ?? Math.random;
    this.limits = {
      throttlingAttempts: Math.max(1, options.maxAttempts),
      otherAttempts: Math.min(Math.max(1, options.maxAttempts), DEFAULT_OTHER_ATTEMPTS),
    };
  }

  /** The SDK's `maxAttempts` provider reads this for its `amz-sdk-request` header. */
  get maxAttempts(): number {
    return this.limits.throttlingAttempts;
  }

  async acquireInitialRetryToken(_scope: string): Promise<PacedRetryToken> {
    return new PacedRetryToken(0, await this.options.pacer.acquire());
  }

  /** Waits before the next attempt, or throws to let the SDK surface the last error. */
  async refreshRetryTokenForRetry(
    token: PacedRetryToken,
    error: RetryErrorFacts,
  ): Promise<PacedRetryToken> {
    const { pacer } = this.options;
    const attempts = token.getRetryCount() + 1;
    const throttling = error.errorType === 'THROTTLING';
    if (throttling) pacer.throttled(token.sentAt);
    else pacer.admitted(token.sentAt);
    const retryable =
      throttling || error.errorType === 'TRANSIENT' || error.errorType === 'SERVER_ERROR';
    const limit = throttling ? this.limits.throttlingAttempts : this.limits.otherAttempts;
    if (!retryable || attempts >= limit) throw new Error('Not retryable, or no attempts left');
    const backoff = BACKOFF[throttling ? 'THROTTLING' : 'OTHER'];
    const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** (attempts - 1));
    const hintMs = error.retryAfterHint ? error.retryAfterHint.getTime() - this.options.now() : 0;
    await this.options.sleep(
      Math.max(Math.floor(this.random() * ceiling), Math.min(hintMs, RETRY_AFTER_CAP_MS)),
    );
    return new PacedRetryToken(attempts, await pacer.acquire());
  }

  recordSuccess(token: PacedRetryToken): void {
    this.options.pacer.admitted(token.sentAt);
  }
}
