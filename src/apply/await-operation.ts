/**
 * Follows one Cloud Control request from its first ProgressEvent until it settles, the way the
 * CC API reference prescribes: poll GetResourceRequestStatus, at `RetryAfter` when the event
 * carries one (up to `RETRY_AFTER_CAP_MS`) and on the `POLLING` curve otherwise, within the
 * operation deadline (layer 3 of src/retry/policy.ts). The deadline also bounds a poll in flight:
 * a poll that hangs is abandoned at the deadline, not when its own call timeout ends.
 */
import {
  CloudControlError,
  type CloudControlPort,
  type OperationStatus,
  type ProgressEvent,
} from '../aws/cloud-control-port.ts';
import { cappedRetryAfterNote, nextDelay, type BackoffPolicy } from '../retry/backoff.ts';
import { RESENDABLE_CODES } from '../retry/error-codes.ts';
import type { OperationDurations } from './operation-durations.ts';

/** Statuses after which the request will not change again. */
const SETTLED: ReadonlySet<OperationStatus> = new Set(['SUCCESS', 'FAILED', 'CANCEL_COMPLETE']);

/**
 * Polling errors that say "ask again later" rather than "this request is unknown": the codes a
 * write may be resent for (throttling, server and transport faults). Polling is a read, so
 * repeating it is always safe, and a reset poll says nothing about the operation; the deadline
 * still bounds it.
 */
const TRANSIENT_POLL_ERRORS: ReadonlySet<string> = RESENDABLE_CODES;

export interface AwaitContext {
  readonly port: CloudControlPort;
  readonly polling: BackoffPolicy;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly signal: AbortSignal | undefined;
  /** Told when AWS asked for a longer wait than the cap (for the progress log). */
  readonly onNote?: (note: string) => void;
  /** The run's operations so far: the first poll waits as long as theirs took (operation-durations.ts). */
  readonly durations?: OperationDurations;
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
  const answeredAt = ctx.now();
  const deadline = answeredAt + ctx.timeoutMs;
  let event = first;
  let step = 0;
  while (!isSettled(event.status)) {
    if (ctx.signal?.aborted) return { kind: 'interrupted', event };
    const remaining = deadline - ctx.now();
    if (remaining <= 0) return { kind: 'timed-out', event };
    const delay = nextDelay(ctx.polling, step, ctx.random, ctx.now(), event.retryAfter);
    if (delay.askedMs !== undefined)
      ctx.onNote?.(cappedRetryAfterNote(delay.askedMs, 'status poll'));
    const firstPoll = step === 0 && !event.retryAfter;
    step += 1;
    await sleepQuietly(ctx, Math.min(delay.ms, remaining));
    // Another operation of this kind may have told its time meanwhile (operation-durations.ts).
    const learnt = firstPoll ? ctx.durations?.firstPollAt(first, answeredAt) : undefined;
    const rest = learnt === undefined ? 0 : Math.min(learnt, deadline) - ctx.now();
    if (rest > 0 && !ctx.signal?.aborted) await sleepQuietly(ctx, rest);
    if (ctx.signal?.aborted) return { kind: 'interrupted', event };
    const answer = await pollWithin(ctx, first.requestToken, deadline);
    if (answer.kind === 'event') {
      event = answer.event;
      if (event.retryAfter) ctx.durations?.expects(first, answeredAt, event.retryAfter);
    } else if (answer.kind === 'cut-short') {
      if (ctx.signal?.aborted) return { kind: 'interrupted', event };
      return { kind: 'timed-out', event };
    } else if (!(
      answer.error instanceof CloudControlError && TRANSIENT_POLL_ERRORS.has(answer.error.code)
    )) {
      return { kind: 'poll-failed', event, error: answer.error };
    }
  }
  return { kind: 'settled', event };
}

type PollAnswer =
  | { readonly kind: 'event'; readonly event: ProgressEvent }
  | { readonly kind: 'error'; readonly error: unknown }
  /** The deadline passed, or the run was stopped, before the poll answered. */
  | { readonly kind: 'cut-short' };

/**
 * One GetResourceRequestStatus that ends by `deadline` whatever the network does: past it (or
 * once the run is stopped) the call is aborted and the poll counts as cut short. The deadline
 * timer starts only if the poll has not answered within one turn of the event loop, so a port
 * that answers at once (the unit tests' fakes on a jumping clock) costs no timer.
 */
async function pollWithin(
  ctx: AwaitContext,
  requestToken: string,
  deadline: number,
): Promise<PollAnswer> {
  const call = new AbortController();
  const stopCall = (): void => call.abort();
  ctx.signal?.addEventListener('abort', stopCall, { once: true });
  const poll: Promise<PollAnswer> = ctx.port
    .getResourceRequestStatus(requestToken, { signal: call.signal })
    .then(
      (event): PollAnswer => ({ kind: 'event', event }),
      (error: unknown): PollAnswer => ({ kind: 'error', error }),
    );
  const timer = new AbortController();
  try {
    const early = await Promise.race([poll, nextTurn()]);
    if (early !== undefined) return call.signal.aborted ? { kind: 'cut-short' } : early;
    const cutShort = (async (): Promise<PollAnswer> => {
      await sleepQuietly(
        { sleep: ctx.sleep, signal: AbortSignal.any(linked(ctx.signal, timer.signal)) },
        Math.max(0, deadline - ctx.now()),
      );
      return { kind: 'cut-short' };
    })();
    const answer = await Promise.race([poll, cutShort]);
    if (answer.kind === 'cut-short' || call.signal.aborted) {
      call.abort();
      return { kind: 'cut-short' };
    }
    return answer;
  } finally {
    timer.abort();
    ctx.signal?.removeEventListener('abort', stopCall);
  }
}

function linked(...signals: (AbortSignal | undefined)[]): AbortSignal[] {
  return signals.filter((signal): signal is AbortSignal => signal !== undefined);
}

/** Resolves `undefined` after the current turn of the event loop. */
function nextTurn(): Promise<undefined> {
  return new Promise((resolve) => setImmediate(() => resolve(undefined)));
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
