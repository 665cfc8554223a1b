/**
 * The apply's delays between polls and between retries, on a `BackoffPolicy` curve from
 * policy.ts. "Equal jitter" (half the delay fixed, half random), so many stages waiting at once
 * spread out instead of polling in lock-step, and no delay is ever shorter than half the base:
 * there is no hot loop. AWS's `RetryAfter` wins over the curve, up to `RETRY_AFTER_CAP_MS`.
 */
import { RETRY_AFTER_CAP_MS, type BackoffPolicy } from './policy.ts';

export type { BackoffPolicy } from './policy.ts';

/** The ceiling of step `step` (0-based) of a curve, before jitter. */
export function backoffCeiling(policy: BackoffPolicy, step: number): number {
  return Math.min(policy.capMs, policy.baseMs * policy.factor ** Math.max(0, step));
}

/** The delay before step `step` (0-based); `random` returns [0, 1). */
export function backoffDelay(policy: BackoffPolicy, step: number, random: () => number): number {
  const ceiling = backoffCeiling(policy, step);
  return ceiling / 2 + (ceiling / 2) * random();
}

/** A delay, and what AWS asked for when it asked for longer than the cap. */
export interface Delay {
  readonly ms: number;
  /** Set when AWS's RetryAfter lay further ahead than `RETRY_AFTER_CAP_MS`: how far, in ms. */
  readonly askedMs?: number;
}

/**
 * Cloud Control's `RetryAfter` ("when to next request the status") wins over our own curve when
 * it lies ahead, up to `RETRY_AFTER_CAP_MS` (never below half the base, so a RetryAfter a few ms
 * away is no hot loop either); a RetryAfter already in the past (clock skew) falls back to the
 * curve, never to 0. The first write response carries no RetryAfter at all
 * (docs/reference/aws-recorded-behaviour.md fact 1): the curve then sets the first poll.
 */
export function nextDelay(
  policy: BackoffPolicy,
  step: number,
  random: () => number,
  nowMs: number,
  retryAfter: Date | undefined,
): Delay {
  const fromServer = retryAfter ? retryAfter.getTime() - nowMs : 0;
  if (fromServer <= 0) return { ms: backoffDelay(policy, step, random) };
  if (fromServer > RETRY_AFTER_CAP_MS) return { ms: RETRY_AFTER_CAP_MS, askedMs: fromServer };
  return { ms: Math.max(fromServer, policy.baseMs / 2) };
}

/** How a capped RetryAfter reads in the progress log. */
export function cappedRetryAfterNote(askedMs: number, what: string): string {
  return (
    `AWS asked to wait ${Math.round(askedMs / 1000)} s before the next ${what}; ` +
    `waiting ${RETRY_AFTER_CAP_MS / 1000} s (stage-sync's cap on RetryAfter)`
  );
}

/**
 * The successive waits of one stage's recovery: each call to `next` takes the next step of the
 * curve, so a stage that keeps failing waits longer each time.
 */
export class BackoffSequence {
  private step = 0;
  private readonly policy: BackoffPolicy;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(policy: BackoffPolicy, random: () => number, now: () => number) {
    this.policy = policy;
    this.random = random;
    this.now = now;
  }

  next(retryAfter: Date | undefined): Delay {
    const delay = nextDelay(this.policy, this.step, this.random, this.now(), retryAfter);
    this.step += 1;
    return delay;
  }
}
