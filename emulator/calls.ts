/** The record of every call the emulator answered, for assertions in tests and benchmarks. */
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
