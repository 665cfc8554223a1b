/**
 * Delays between polls and between retries. Capped exponential growth with "equal jitter" (half
 * the delay fixed, half random), so many stages waiting at once spread out instead of polling in
 * lock-step, and no delay is ever shorter than half the base: there is no hot loop.
 */

export interface BackoffPolicy {
  /** First delay before jitter. */
  readonly baseMs: number;
  /** Growth per step. */
  readonly factor: number;
  /** Ceiling before jitter. */
  readonly capMs: number;
}

/**
 * Polling: 1 s ×1.5 up to 10 s. Most Cloud Control operations settle in 1–5 s, so this answers
 * quickly without flooding GetResourceRequestStatus (go-to-k/cdkd's poller uses the same curve;
 * docs/reference/cloudcontrol-notes.md §4).
 */
export const DEFAULT_POLLING: BackoffPolicy = { baseMs: 1_000, factor: 1.5, capMs: 10_000 };

/**
 * Retries after throttling, handler failures and concurrent operations: 2 s ×2 up to 30 s. Longer
 * than polling, because the SDK has already retried throttling on its own (3 attempts, throttling
 * base 500 ms; docs/reference/cloudcontrol-notes.md §1.9) and API Gateway refills at 10 requests/s per account.
 */
export const DEFAULT_RETRY_BACKOFF: BackoffPolicy = { baseMs: 2_000, factor: 2, capMs: 30_000 };

/** The delay before step `step` (0-based); `random` returns [0, 1). */
export function backoffDelay(policy: BackoffPolicy, step: number, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * policy.factor ** Math.max(0, step));
  return ceiling / 2 + (ceiling / 2) * random();
}

/**
 * Cloud Control's `RetryAfter` ("when to next request the status") wins over our own curve when
 * it lies ahead (never below half the base, so a RetryAfter a few ms away is no hot loop either);
 * a RetryAfter already in the past (clock skew) falls back to the curve, never to 0.
 */
export function nextDelay(
  policy: BackoffPolicy,
  step: number,
  random: () => number,
  nowMs: number,
  retryAfter: Date | undefined,
): number {
  const fromServer = retryAfter ? retryAfter.getTime() - nowMs : 0;
  return fromServer > 0
    ? Math.max(fromServer, policy.baseMs / 2)
    : backoffDelay(policy, step, random);
}
