/** The record of every call the emulator answered, for assertions in tests and benchmarks. */
import type { Socket } from 'node:net';
import type { TransportFault } from './knobs.ts';

export interface CallRecord {
  /** The operation from `X-Amz-Target` (`GetResource`), or the raw target when it named none. */
  readonly operation: string;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly requestToken?: string;
  readonly clientToken?: string;
  /** When the call arrived. */
  readonly time: Date;
  /** `ok`, or the name of the exception the call was answered with (`ThrottlingException`). */
  readonly outcome: string;
  readonly httpStatus: number;
  /** The artificial latency added to this call (the `latencyMs` knob when it arrived). */
  readonly latencyMs: number;
  /**
   * The transport fault the call met (knobs.ts, `transportFaults`). `hang` and `reset-before`
   * calls were not handled (`outcome` is `not-handled`); a `reset-after` call was, and `outcome`
   * says how, though the client never saw it.
   */
  readonly transportFault?: TransportFault;
}

/** What an operation learns about its call while handling it, for the record. */
export interface CallTarget {
  typeName?: string;
  identifier?: string;
  requestToken?: string;
  clientToken?: string;
}

/**
 * Whether a transport fault keeps its call from being handled: `hang` and `reset-before` do; a
 * `reset-after` call is handled and only its answer is lost (knobs.ts, `transportFaults`).
 */
export function leavesUnhandled(
  fault: TransportFault | undefined,
): fault is 'hang' | 'reset-before' {
  return fault === 'hang' || fault === 'reset-before';
}

/** A call's recorded outcome: `not-handled` when its fault kept it from being handled. */
export function callOutcome(fault: TransportFault | undefined, answeredWith: string): string {
  return leavesUnhandled(fault) ? 'not-handled' : answeredWith;
}

/**
 * Does to a call's connection what its transport fault says: resets it (`reset-before`,
 * `reset-after`) or leaves it open for the client's timeout or the emulator's close (`hang`).
 * False when there is no fault, and the answer is to be sent.
 */
export function applyTransportFault(socket: Socket, fault: TransportFault | undefined): boolean {
  if (fault === 'reset-before' || fault === 'reset-after') socket.resetAndDestroy();
  return fault !== undefined;
}
