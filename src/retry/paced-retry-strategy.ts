/**
 * The SDK retry strategy of the Cloud Control adapter (layer 1 of policy.ts): every attempt,
 * first or retry, goes through a `RequestPacer`, and the pacer learns from each answer. It has the
 * shape of the SDK's `RetryStrategyV2` (acquireInitialRetryToken / refreshRetryTokenForRetry /
 * recordSuccess), so it plugs into `new CloudControlClient({ retryStrategy })` and the SDK keeps
 * doing the classifying (`ThrottlingException` by name, 429, 5xx, resets and timed-out attempts
 * as TRANSIENT; docs/reference/cloudcontrol-notes.md §1.9).
 *
 * Throttled calls are retried through the pacer after a short backoff of their own
 * (`CALL_BACKOFF.throttling`), up to `CALL_ATTEMPTS.throttled`: the pacer lowers the rate for the
 * whole class, and the backoff only keeps one call from spending all its attempts in the few
 * round trips the pacer needs to learn. Transport and server errors keep the SDK standard mode's
 * backoff and at most `CALL_ATTEMPTS.other` attempts, since they say nothing about rate. A
 * server's `Retry-After` is honoured up to `RETRY_AFTER_CAP_MS`.
 */
import { CALL_ATTEMPTS, CALL_BACKOFF, RETRY_AFTER_CAP_MS } from './policy.ts';
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
      otherAttempts: Math.min(Math.max(1, options.maxAttempts), CALL_ATTEMPTS.other),
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
    const backoff = CALL_BACKOFF[throttling ? 'throttling' : 'other'];
    const ceiling = Math.min(backoff.capMs, backoff.baseMs * backoff.factor ** (attempts - 1));
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
