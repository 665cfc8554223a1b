/** Reading the emulator's call record: what a run cost, by operation and outcome. */
import type { CallRecord } from '../../emulator/server.ts';

const WRITE_OPERATIONS = new Set(['CreateResource', 'UpdateResource', 'DeleteResource']);

/** Throttled answers: the token buckets' and the random share's `ThrottlingException`. */
export const isThrottled = (call: CallRecord): boolean => call.outcome === 'ThrottlingException';

export interface CallSummary {
  /** `GetResource` answers that were not throttled (`ok` or `ResourceNotFoundException`). */
  readonly readsAnswered: number;
  readonly readsThrottled: number;
  /** Answered `GetResource` calls per identifier. */
  readonly answeredReadsPer: ReadonlyMap<string, number>;
  /** Create/Update/Delete calls that got past throttling (accepted or refused by Cloud Control). */
  readonly writesAnswered: number;
  readonly writesThrottled: number;
  readonly pollsAnswered: number;
  readonly pollsThrottled: number;
  readonly total: number;
}

export function summarizeCalls(calls: readonly CallRecord[]): CallSummary {
  const answeredReadsPer = new Map<string, number>();
  let readsAnswered = 0;
  let readsThrottled = 0;
  let writesAnswered = 0;
  let writesThrottled = 0;
  let pollsAnswered = 0;
  let pollsThrottled = 0;
  for (const call of calls) {
    const throttled = isThrottled(call);
    if (call.operation === 'GetResource') {
      if (throttled) readsThrottled += 1;
      else {
        readsAnswered += 1;
        const id = call.identifier ?? '?';
        answeredReadsPer.set(id, (answeredReadsPer.get(id) ?? 0) + 1);
      }
    } else if (WRITE_OPERATIONS.has(call.operation)) {
      if (throttled) writesThrottled += 1;
      else writesAnswered += 1;
    } else if (call.operation === 'GetResourceRequestStatus') {
      if (throttled) pollsThrottled += 1;
      else pollsAnswered += 1;
    }
  }
  return {
    readsAnswered,
    readsThrottled,
    answeredReadsPer,
    writesAnswered,
    writesThrottled,
    pollsAnswered,
    pollsThrottled,
    total: calls.length,
  };
}

/**
 * Whether every identifier got exactly one answered read and nothing else did; returns the
 * offenders (missing, repeated or unexpected) for the report.
 */
export function exactlyOneReadEach(
  summary: CallSummary,
  identifiers: readonly string[],
): { ok: boolean; offenders: string[] } {
  const expected = new Set(identifiers);
  const offenders: string[] = [];
  for (const id of identifiers) {
    const n = summary.answeredReadsPer.get(id) ?? 0;
    if (n !== 1) offenders.push(`${id} read ${n}x`);
  }
  for (const [id, n] of summary.answeredReadsPer) {
    if (!expected.has(id)) offenders.push(`${id} (undeclared) read ${n}x`);
  }
  return { ok: offenders.length === 0, offenders };
}
