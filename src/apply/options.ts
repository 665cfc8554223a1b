/**
 * What the caller hands the apply: limits, identity for client tokens, the injected clock, sleep
 * and abort signal (so tests run instantly and SIGTERM can stop it), the progress callback and
 * the re-plan hook used by recovery.
 */
import type { ApiGatewayV2Port } from '../aws/apigatewayv2-port.ts';
import type { StageOutcome } from './result.ts';
import type { ChangeAction, PropertyDiff, StageChange } from '../plan/types.ts';
import type { StageProperties, StageTypeName } from '../model/stage.ts';
import { diffStage } from '../plan/compare.ts';
import type { IsOlderCommit } from './older-commit-guard.ts';
import {
  FRESH_READ_MS,
  POLLING,
  REPLAY_SKEW_MS,
  RETRY_BACKOFF,
  RETRY_LIMITS,
  type BackoffPolicy,
  type RetryLimits,
} from '../retry/policy.ts';

export type { RetryLimits } from '../retry/policy.ts';

/** The retry limits an apply uses unless told otherwise (policy.ts explains each). */
export const DEFAULT_RETRY_LIMITS: RetryLimits = RETRY_LIMITS;

/**
 * One line's worth of news for the log; `elapsedMs` counts from the start of the apply. A stage
 * that writes gets `started`, any `recovering`, then `settled`; a no-op or a stage the run never
 * reached gets only `settled`.
 */
export type ApplyProgressEvent =
  | {
      readonly type: 'started';
      readonly name: string;
      readonly identifier: string;
      readonly action: ChangeAction;
      readonly elapsedMs: number;
    }
  | {
      /** A recovery step began (retry, wait, re-plan); `note` says which and why. */
      readonly type: 'recovering';
      readonly name: string;
      readonly identifier: string;
      readonly action: ChangeAction;
      readonly note: string;
      readonly elapsedMs: number;
    }
  | { readonly type: 'settled'; readonly outcome: StageOutcome; readonly elapsedMs: number };

/**
 * Re-reads one stage and plans it again against what is live now. Returns `undefined` when there
 * is nothing left to do for it (a pruned stage that is already gone), `NotOurs` for a pruned
 * stage another repository took over meanwhile. Provided by the caller, which owns the specs and
 * the planner; the apply never plans on its own.
 */
export type ReplanStage = (identifier: string) => Promise<StageChange | NotOurs | undefined>;

/**
 * A planned prune whose stage is still there but no longer this repository's (another one took
 * it over in between): not to be deleted, and not "already gone" either. `notOurs` names the
 * repository its ownership tag names now, or is empty when it names none.
 */
export interface NotOurs {
  readonly notOurs: string;
}

export interface ApplyOptions {
  /**
   * Stages making Cloud Control calls at once (`max-concurrency`). Without
   * `maxOperationsInFlight`, a stage holds its slot for its whole chain, the operation included.
   */
  readonly maxConcurrency: number;
  /**
   * When set, a stage waiting for an operation AWS is carrying out (or sleeping before a retry)
   * holds no call slot, and how many stages are under way at once (each with at most one
   * operation in flight) has a window of its own (src/retry/operation-window.ts): `'adaptive'`
   * follows AWS's answers (opened by successes, narrowed by handler Throttling and
   * ConcurrentOperation), a number fixes it. Absent: at most `maxConcurrency` stages are under
   * way, each holding its call slot throughout.
   */
  readonly maxOperationsInFlight?: number | 'adaptive';
  /** How long one Cloud Control request may take to settle (`operation-timeout-seconds` × 1000). */
  readonly operationTimeoutMs: number;
  /** The commit being applied: part of every client token. */
  readonly commitSha: string;
  /** `owner/repo`: part of every client token. */
  readonly repository: string;
  readonly replan: ReplanStage;
  /** Aborted on SIGTERM/SIGINT: no new writes start, in-flight requests are cancelled. */
  readonly signal?: AbortSignal;
  /** Resolves after `ms`, or early once `signal` aborts (rejecting instead is tolerated). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch milliseconds. */
  readonly now?: () => number;
  /** [0, 1), for backoff jitter. */
  readonly random?: () => number;
  /** Called for each stage as it starts, recovers and settles. Exceptions are ignored. */
  readonly onProgress?: (event: ApplyProgressEvent) => void;
  readonly limits?: Partial<RetryLimits>;
  /** Delays between GetResourceRequestStatus polls. */
  readonly polling?: Partial<BackoffPolicy>;
  /** Delays before retries and while another operation holds the stage. */
  readonly retryBackoff?: Partial<BackoffPolicy>;
  /**
   * Re-read each stage before an update or delete and re-plan it if it changed since the plan
   * (the patch was computed against the plan's `before`). Default true; costs one read per write.
   */
  readonly recheckBeforeWrite?: boolean;
  /**
   * When the plan being applied read the live stages (epoch ms; the start of its reads), if it
   * did so in this run. A stage whose write starts within `freshReadMs` of it is not re-read
   * before writing: the plan's read is fresh. Absent (a plan from another run): always re-read.
   */
  readonly planReadAt?: number;
  /** How long the plan's read counts as fresh (default `FRESH_READ_MS`, src/retry/policy.ts). */
  readonly freshReadMs?: number;
  /**
   * A FAILED request whose EventTime is older than the run's start by more than this was replayed
   * by Cloud Control for a client token an earlier run used (tokens live 36 hours). Default
   * `REPLAY_SKEW_MS` (policy.ts).
   */
  readonly replaySkewMs?: number;
  /**
   * Compares a desired (or planned) state with a live one of a type: `compareByStageType` unless
   * a test passes its own. The apply only asks "do they differ, and where", it never plans.
   */
  readonly compare?: CompareStages;
  /**
   * How `commitSha` relates to the commit a stage's `stage-sync:commit` tag names: before an
   * update or delete over another commit's apply, `older` fails the stage and writes nothing
   * (older-commit-guard.ts). Absent: never known, so such writes go ahead with a note.
   */
  readonly isOlderCommit?: IsOlderCommit;
  /**
   * API Gateway V2, for the updates Cloud Control cannot make (`UpdateChange.route`:
   * apigatewayv2-update.ts). Absent: such an update fails its stage, and nothing is written.
   */
  readonly apiGatewayV2?: ApiGatewayV2Port;
}

/** `type` is the stage's: its normalisation decides what counts as a difference (src/stage-types/). */
export type CompareStages = (
  desired: StageProperties,
  live: StageProperties,
  type: StageTypeName,
) => readonly PropertyDiff[];

/**
 * The apply's comparison unless a test passes its own: the planner's walk (`diffStage`) with the
 * stage's type, so a V2 stage's read-back is judged by V2 rules (a DeploymentId auto-deploy minted
 * is no drift, docs/evidence/apigatewayv2-stage.md item 4).
 */
export const compareByStageType: CompareStages = (desired, live, type) =>
  diffStage(desired, live, undefined, type);

/** ApplyOptions with every default filled in. */
export interface ResolvedApplyOptions extends Required<
  Omit<
    ApplyOptions,
    | 'signal'
    | 'onProgress'
    | 'limits'
    | 'polling'
    | 'retryBackoff'
    | 'planReadAt'
    | 'maxOperationsInFlight'
    | 'apiGatewayV2'
  >
> {
  readonly apiGatewayV2: ApiGatewayV2Port | undefined;
  readonly maxOperationsInFlight: number | 'adaptive' | undefined;
  readonly signal: AbortSignal | undefined;
  readonly planReadAt: number | undefined;
  readonly onProgress: (event: ApplyProgressEvent) => void;
  readonly limits: RetryLimits;
  readonly polling: BackoffPolicy;
  readonly retryBackoff: BackoffPolicy;
}

/** Real timers: resolves after `ms`, or as soon as `signal` aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function resolveApplyOptions(options: ApplyOptions): ResolvedApplyOptions {
  const onProgress = options.onProgress;
  return {
    maxConcurrency: Math.max(1, Math.floor(options.maxConcurrency)),
    maxOperationsInFlight:
      options.maxOperationsInFlight === undefined || options.maxOperationsInFlight === 'adaptive'
        ? options.maxOperationsInFlight
        : Math.max(1, Math.floor(options.maxOperationsInFlight)),
    operationTimeoutMs: options.operationTimeoutMs,
    commitSha: options.commitSha,
    repository: options.repository,
    replan: options.replan,
    compare: options.compare ?? compareByStageType,
    signal: options.signal,
    sleep: options.sleep ?? defaultSleep,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    onProgress: (event) => {
      try {
        onProgress?.(event);
      } catch {
        // A broken logger must not turn a successful write into a failed stage.
      }
    },
    limits: { ...RETRY_LIMITS, ...options.limits },
    polling: { ...POLLING, ...options.polling },
    retryBackoff: { ...RETRY_BACKOFF, ...options.retryBackoff },
    recheckBeforeWrite: options.recheckBeforeWrite ?? true,
    replaySkewMs: options.replaySkewMs ?? REPLAY_SKEW_MS,
    planReadAt: options.planReadAt,
    freshReadMs: options.freshReadMs ?? FRESH_READ_MS,
    isOlderCommit: options.isOlderCommit ?? (() => Promise.resolve('unknown')),
    apiGatewayV2: options.apiGatewayV2,
  };
}
