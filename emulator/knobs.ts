/**
 * Run-time settings of the emulator. The server reads them on every call, so tests and
 * benchmarks can change them on a running emulator (`emulator.knobs.latencyMs = 50`).
 */
import type { V2InjectableErrorName } from './apigatewayv2/errors.ts';
import type { V2CallMatch } from './apigatewayv2/rest/call-names.ts';
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
 * retry tests (`HandlerInternalFailureException` as a 502), AccessDenied, and so on. Without
 * `operation` it answers every Cloud Control call (V2 calls only by a V2 rule, below).
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
 * Makes API Gateway V2's REST endpoint answer a call with an error, in the service's restJson1
 * shape (`{"message"}` and `x-amzn-ErrorType`): one of its exceptions (`TooManyRequestsException`
 * 429, `BadRequestException` 400, ...) or a server fault (`InternalServerError` 500,
 * `ServiceUnavailableException` 503), after admission and before the operation runs.
 * `operation` names the call as the call log does (`apigatewayv2:UpdateStage`, or
 * `apigatewayv2:*` for every one); `identifier` is the stage's `ApiId|StageName`.
 */
export interface V2InjectedErrorRule {
  readonly errorName: V2InjectableErrorName;
  readonly operation: V2CallMatch;
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

/**
 * Which calls a transport fault hits: every Cloud Control call when nothing narrows it, the first
 * N with `times`. API Gateway V2 calls are named as the call log names them
 * (`apigatewayv2:UpdateStage`, or `apigatewayv2:*`), with the stage's `ApiId|StageName` as
 * identifier.
 */
export interface TransportFaultRule {
  readonly fault: TransportFault;
  readonly operation?: OperationName | V2CallMatch;
  readonly typeName?: string;
  readonly identifier?: string;
  readonly times?: number;
}

/**
 * What AWS was recorded doing, one switch per fact of docs/reference/aws-recorded-behaviour.md.
 * Every switch is on by default, because AWS behaves so; a test turns one off only to isolate a
 * behaviour (or while a client does not cope with it yet).
 */
export interface RecordedBehaviour {
  /** Fact 1: the first response of a write carries no `RetryAfter` (later events do, fact 2). */
  firstEventWithoutRetryAfter: boolean;
  /** Fact 10: cancelling a SUCCESS or FAILED request is `ValidationException` "... already in status X". */
  cancelFinishedRefused: boolean;
  /** Fact 11: a cancelled write is not rolled back: its handler's effect stays. */
  cancelLeavesEffects: boolean;
  /** Fact 21: a new per-method setting starts from the current `*\/*` values it does not set. */
  methodSettingInheritance: boolean;
  /** Fact 23: a `remove` of one field inside AccessLogSetting, CanarySetting or a method setting fails. */
  fieldRemovesRefused: boolean;
  /** Fact 25: a canary reads back with `UseStageCache: false` and `PercentTraffic: 0` when unset. */
  canaryDefaults: boolean;
  /** Fact 30: unset method throttles report the account quota of the request's region. */
  regionalAccountThrottle: boolean;
  /** Fact 31: a cache enabled without a size reads back with `CacheClusterSize: "0.5"`. */
  cacheSizeDefault: boolean;
}

/** API Gateway's account-level throttle quota in a region (fact 30). */
export interface AccountThrottle {
  /** Requests per second: what an unthrottled method reports as `ThrottlingRateLimit`. */
  readonly rateLimit: number;
  /** Bucket size: what an unthrottled method reports as `ThrottlingBurstLimit`. */
  readonly burstLimit: number;
}

/**
 * A seeded lognormal distribution of added latency: half the calls take less than `medianMs`, and
 * a share `tailShare` of them take more than `tailMs` (the benchmarks' realistic setting: median
 * 250 ms, 5 % of calls at 2 s or more).
 */
export interface LatencyDistribution {
  readonly medianMs: number;
  readonly tailMs: number;
  readonly tailShare: number;
}

/**
 * A short lag after a create during which GetResource answers NotFound for the new resource
 * (fact 33: "usually in the millis"): for `ms` milliseconds after the create ends, and for the
 * first `calls` reads of it. Both 0 (the default) turn it off.
 */
export interface ReadAfterCreateLag {
  ms: number;
  calls: number;
}

export interface EmulatorKnobs {
  /** Added to every call before it is answered (with `latencyDistribution`, added to its draw). */
  latencyMs: number;
  /** A seeded random latency added to every call, beside the fixed `latencyMs`; none when absent. */
  latencyDistribution?: LatencyDistribution;
  /** How long a create, update or delete stays IN_PROGRESS before it finishes on its own. */
  operationDurationMs: number;
  /**
   * When set, the `RetryAfter` of a running write's events lies this far after its start instead
   * of at its expected finish: a far one (a day) tests a client's cap on it. Absent by default.
   */
  retryAfterMs?: number;
  /** Token-bucket refill rate per class, in calls per second; absent = unlimited. */
  rateLimits: Partial<Record<CallClass, number>>;
  /** Bucket capacity per class, in calls; default = `burstSeconds` (or one second) of its rate. */
  burstCapacity: Partial<Record<CallClass, number>>;
  /** Bucket capacity per class in seconds' worth of its rate (at least one call); default 1. */
  burstSeconds: Partial<Record<CallClass, number>>;
  /** Share (0..1) of admitted calls throttled at random, drawn from a PRNG seeded with `seed`. */
  randomThrottleShare: number;
  /** Seed of the PRNG behind random throttling and generated ids; runs with one seed repeat. */
  seed: number;
  /** HTTP status for server-fault exceptions; absent = the service model's (500/502). */
  serverFaultStatus?: number;
  /** How many resources one ListResources page holds (CC ignores MaxResults: aws/aws-sdk#764). */
  listPageSize: number;
  handlerFailures: HandlerFailureRule[];
  /** Cloud Control rules and API Gateway V2 rules, in one list; the first that fits a call wins. */
  injectedErrors: (InjectedErrorRule | V2InjectedErrorRule)[];
  transportFaults: TransportFaultRule[];
  /** Recorded AWS behaviours, each switchable; all on by default. */
  recorded: RecordedBehaviour;
  /**
   * The account's throttle quota (a raised quota, say); absent = the region's default (fact 30),
   * the region being the one the request was signed for.
   */
  accountThrottle?: AccountThrottle;
  /**
   * Fact 3: whether SUCCESS events carry `ResourceModel`. Recorded without one for S3; the Stage
   * handler is unverified, so the default keeps the model and a client can be tested without it.
   */
  successEventModel: boolean;
  /** Fact 33: GetResource answers NotFound for a moment after a create; off by default. */
  readAfterCreateLag: ReadAfterCreateLag;
}

/** Knob overrides: any knob, and any single recorded behaviour. */
export type KnobOverrides = Partial<Omit<EmulatorKnobs, 'recorded' | 'readAfterCreateLag'>> & {
  readonly recorded?: Partial<RecordedBehaviour>;
  readonly readAfterCreateLag?: Partial<ReadAfterCreateLag>;
};

/** Every recorded behaviour on, as AWS does. */
export function recordedBehaviour(): RecordedBehaviour {
  return {
    firstEventWithoutRetryAfter: true,
    cancelFinishedRefused: true,
    cancelLeavesEffects: true,
    methodSettingInheritance: true,
    fieldRemovesRefused: true,
    canaryDefaults: true,
    regionalAccountThrottle: true,
    cacheSizeDefault: true,
  };
}

/** Defaults: no latency, no limits, one-second operations. */
export function defaultKnobs(): EmulatorKnobs {
  return {
    latencyMs: 0,
    operationDurationMs: 1000,
    rateLimits: {},
    burstCapacity: {},
    burstSeconds: {},
    randomThrottleShare: 0,
    seed: 1,
    listPageSize: 20,
    handlerFailures: [],
    injectedErrors: [],
    transportFaults: [],
    recorded: recordedBehaviour(),
    successEventModel: true,
    readAfterCreateLag: { ms: 0, calls: 0 },
  };
}

/** Defaults overlaid with `overrides` (rules and limit tables are copied, not shared). */
export function resolveKnobs(overrides: KnobOverrides = {}): EmulatorKnobs {
  const defaults = defaultKnobs();
  const knobs = { ...defaults, ...overrides };
  return {
    ...knobs,
    recorded: { ...defaults.recorded, ...overrides.recorded },
    readAfterCreateLag: { ...defaults.readAfterCreateLag, ...overrides.readAfterCreateLag },
    rateLimits: { ...knobs.rateLimits },
    burstCapacity: { ...knobs.burstCapacity },
    burstSeconds: { ...knobs.burstSeconds },
    handlerFailures: [...knobs.handlerFailures],
    injectedErrors: [...knobs.injectedErrors],
    transportFaults: [...knobs.transportFaults],
  };
}
