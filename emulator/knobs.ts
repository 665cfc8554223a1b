/**
 * Run-time settings of the emulator. The server reads them on every call, so tests and
 * benchmarks can change them on a running emulator (`emulator.knobs.latencyMs = 50`).
 */
import type { ErrorName, HandlerErrorCode } from './protocol/errors.ts';
import type { OperationName } from './protocol/wire.ts';

/** The rate-limited classes of calls. */
export type CallClass = 'read' | 'write' | 'status';

/** Which class each operation's calls count against. */
export const OPERATION_CLASS: Readonly<Record<OperationName, CallClass>> = {
  GetResource: 'read',
  ListResources: 'read',
  CreateResource: 'write',
  UpdateResource: 'write',
  DeleteResource: 'write',
  CancelResourceRequest: 'write',
  GetResourceRequestStatus: 'status',
  ListResourceRequests: 'status',
};

/** A handler action: the three asynchronous writes and the two synchronous reads. */
export type HandlerAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'READ' | 'LIST';

/**
 * Makes a resource handler fail. Writes then end `FAILED` with this code and message; reads
 * answer with the exception Cloud Control maps the code to. Matches every resource when
 * `identifier` is absent (and every type when `typeName` is absent).
 */
export interface HandlerFailureRule {
  readonly operation: HandlerAction;
  readonly errorCode: HandlerErrorCode;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly statusMessage?: string;
  /** Fail only the first N matching calls; forever when absent. */
  readonly times?: number;
}

/**
 * Makes Cloud Control itself answer a call with an exception, before any handler runs: for
 * retry tests (`HandlerInternalFailureException` as a 502), AccessDenied, and so on.
 */
export interface InjectedErrorRule {
  readonly errorName: ErrorName;
  readonly operation?: OperationName;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly message?: string;
  readonly times?: number;
}

/**
 * A fault of the connection rather than of Cloud Control, for tests of timeouts and resends:
 * `hang` never answers (the socket stays open until the client gives up); `reset-before` resets
 * the connection before the call is handled (nothing happened); `reset-after` handles the call
 * (its effect is taken, a write is accepted) and then resets the connection instead of answering.
 */
export type TransportFault = 'hang' | 'reset-before' | 'reset-after';

export const TRANSPORT_FAULTS: readonly TransportFault[] = ['hang', 'reset-before', 'reset-after'];

/** Which calls a transport fault hits: every call when nothing narrows it, the first N with `times`. */
export interface TransportFaultRule {
  readonly fault: TransportFault;
  readonly operation?: OperationName;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly times?: number;
}

export interface EmulatorKnobs {
  /** Added to every call before it is answered. */
  latencyMs: number;
  /** How long a create, update or delete stays IN_PROGRESS before it finishes on its own. */
  operationDurationMs: number;
  /** Token-bucket refill rate per class, in calls per second; absent = unlimited. */
  rateLimits: Partial<Record<CallClass, number>>;
  /** Bucket capacity per class, in calls; default = one second of its rate. */
  burstCapacity: Partial<Record<CallClass, number>>;
  /** Share (0..1) of admitted calls throttled at random, drawn from a PRNG seeded with `seed`. */
  randomThrottleShare: number;
  /** Seed of the PRNG behind random throttling and generated ids; runs with one seed repeat. */
  seed: number;
  /** HTTP status for server-fault exceptions; absent = the service model's (500/502). */
  serverFaultStatus?: number;
  /** How many resources one ListResources page holds (CC ignores MaxResults: aws/aws-sdk#764). */
  listPageSize: number;
  handlerFailures: HandlerFailureRule[];
  injectedErrors: InjectedErrorRule[];
  transportFaults: TransportFaultRule[];
}

/** Defaults: no latency, no limits, one-second operations. */
export function defaultKnobs(): EmulatorKnobs {
  return {
    latencyMs: 0,
    operationDurationMs: 1000,
    rateLimits: {},
    burstCapacity: {},
    randomThrottleShare: 0,
    seed: 1,
    listPageSize: 20,
    handlerFailures: [],
    injectedErrors: [],
    transportFaults: [],
  };
}

/** Defaults overlaid with `overrides` (rules and limit tables are copied, not shared). */
export function resolveKnobs(overrides: Partial<EmulatorKnobs> = {}): EmulatorKnobs {
  const knobs = { ...defaultKnobs(), ...overrides };
  return {
    ...knobs,
    rateLimits: { ...knobs.rateLimits },
    burstCapacity: { ...knobs.burstCapacity },
    handlerFailures: [...knobs.handlerFailures],
    injectedErrors: [...knobs.injectedErrors],
    transportFaults: [...knobs.transportFaults],
  };
}
