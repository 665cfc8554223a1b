/**
 * Follows one Cloud Control request from its first ProgressEvent until it settles, the way the
 * CC API reference prescribes: poll GetResourceRequestStatus, at `RetryAfter` when the event
 * carries one and on a capped, jittered backoff otherwise, within an overall deadline.
 */
import {
  CloudControlError,
  type CloudControlPort,
  type OperationStatus,
  type ProgressEvent,
} from '../aws/cloud-control-port.ts';
import { nextDelay, type BackoffPolicy } from './backoff.ts';

/** Statuses after which the request will not change again. */
const SETTLED: ReadonlySet<OperationStatus> = new Set(['SUCCESS', 'FAILED', 'CANCEL_COMPLETE']);

/**
 * Polling errors that say "ask again later" rather than "this request is unknown". Polling is a
 * read, so repeating it is always safe; the deadline still bounds it.
 */
const TRANSIENT_POLL_ERRORS: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'ServiceInternalErrorException',
  'NetworkFailureException',
]);

export interface AwaitContext {
  readonly port: CloudControlPort;
  readonly polling: BackoffPolicy;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly signal: AbortSignal | undefined;
}

export type Settlement =
  /** SUCCESS, FAILED or CANCEL_COMPLETE. */
  | { readonly kind: 'settled'; readonly event: ProgressEvent }
  /** Still running at the deadline. */
  | { readonly kind: 'timed-out'; readonly event: ProgressEvent }
  /** The run was aborted while the request was still running. */
  | { readonly kind: 'interrupted'; readonly event: ProgressEvent }
  /** GetResourceRequestStatus failed for good (RequestTokenNotFoundException, ...). */
  | { readonly kind: 'poll-failed'; readonly event: ProgressEvent; readonly error: unknown };

export function isSettled(status: OperationStatus): boolean {
  return SETTLED.has(status);
}

/**
 * Waits for `first` (the write's own ProgressEvent) to settle. Never sleeps less than the
 * backoff floor between polls, and never past the deadline: the last poll happens at it.
 */
export async function awaitOperation(first: ProgressEvent, ctx: AwaitContext): Promise<Settlement> {
  const deadline = ctx.now() + ctx.timeoutMs;
  let event = first;
  let step = 0;
  while (!isSettled(event.status)) {
    if (ctx.signal?.aborted) return { kind: 'interrupted', event };
    const remaining = deadline - ctx.now();
    if (remaining <= 0) return { kind: 'timed-out', event };
    const delay = nextDelay(ctx.polling, step, ctx.random, ctx.now(), event.retryAfter);
    step += 1;
    await sleepQuietly(ctx, Math.min(delay, remaining));
    if (ctx.signal?.aborted) return { kind: 'interrupted', event };
    try {
      event = await ctx.port.getResourceRequestStatus(first.requestToken);
    } catch (error) {
      if (!(error instanceof CloudControlError && TRANSIENT_POLL_ERRORS.has(error.code))) {
        return { kind: 'poll-failed', event, error };
      }
    }
  }
  return { kind: 'settled', event };
}

/** Injected sleeps may reject on abort; the caller checks the signal afterwards either way. */
export async function sleepQuietly(
  ctx: Pick<AwaitContext, 'sleep' | 'signal'>,
  ms: number,
): Promise<void> {
  try {
    await ctx.sleep(ms, ctx.signal);
  } catch {
    // An aborted sleep: the caller looks at the signal next.
  }
}
