/**
 * What to do when a write does not simply succeed (layer 2 of policy.ts). The decisions are a
 * table: each rule names the failure it matches (synchronous exception or FAILED ProgressEvent,
 * the code, the planned write) and the recovery, with the public source that justifies it.
 * Anything no rule matches fails the stage with AWS's code and message verbatim. A synchronous
 * failure reaches this table only after the call layer (paced-retry-strategy.ts) has spent its
 * attempts on it.
 */
import type { ProgressEvent } from '../aws/cloud-control-port.ts';
import type { ApiGatewayV2Fault } from '../aws/apigatewayv2-port.ts';
import { findApiGatewayV2Rule } from './apigatewayv2-recovery-rules.ts';
import { RESENDABLE_CODES, TRANSPORT_ERROR } from './error-codes.ts';

/** The write actions a rule can be limited to. */
export type WriteAction = 'create' | 'update' | 'delete';

/**
 * How a write failed. `sync`: Cloud Control refused the request (an exception; nothing was
 * accepted). `async`: the request was accepted and its ProgressEvent settled unsuccessfully.
 */
export interface WriteFailure {
  readonly origin: 'sync' | 'async';
  /** Exception name (`ThrottlingException`) or HandlerErrorCode (`AlreadyExists`). */
  readonly code: string;
  readonly message?: string;
  /** The settled event, for `async` failures. */
  readonly event?: ProgressEvent;
  /**
   * The write's own response was already settled: Cloud Control answered with an earlier request
   * for this client token (a fresh request is accepted IN_PROGRESS and settles later).
   */
  readonly replayed?: boolean;
  /**
   * Which service answered: absent for Cloud Control; `apigatewayv2` for a call of an update
   * routed through API Gateway V2 (src/apply/apigatewayv2-update.ts), whose failures are judged
   * by apigatewayv2-recovery-rules.ts, by exception name and `fault`.
   */
  readonly service?: 'apigatewayv2';
  /** Who was at fault, for an API Gateway V2 failure (src/aws/apigatewayv2-port.ts). */
  readonly fault?: ApiGatewayV2Fault;
}

export type Recovery =
  /** Send the identical request again (same client token): it was never accepted. */
  | 'resend'
  /** Submit again with the next attempt's client token: the old token is spent on a FAILED request. */
  | 'retry'
  /** Another request holds the stage: back off, then re-read and re-plan it. */
  | 'wait-and-replan'
  /** The stage is not what the plan assumed: re-read and re-plan it now. */
  | 'replan'
  /** The failure means the work is already done. */
  | 'done'
  | 'fail';

export interface RecoveryRule {
  readonly origin: WriteFailure['origin'];
  readonly codes: readonly string[];
  /** The planned writes the rule covers; all when absent. */
  readonly actions?: readonly WriteAction[];
  readonly recovery: Recovery;
  /**
   * Which limit the recovery draws on: `attempts` (maxAttempts), `replays` (a token replay, not
   * a new failure; `MAX_TOKEN_REPLAYS`) or none (sync resends and re-plans have limits of their
   * own: `maxSyncRetries`, `maxReplans`).
   */
  readonly budget?: 'attempts' | 'replays';
  /** Recorded in the stage outcome's notes. */
  readonly note: string;
  /** Why this is safe, with the public source. */
  readonly source: string;
}

/** The code the apply gives a request that settled CANCEL_COMPLETE without us cancelling it. */
export const CANCELED_CODE = 'RequestCanceled';

/**
 * Matched top to bottom; the first rule whose origin, code and action fit wins.
 */
export const RECOVERY_RULES: readonly RecoveryRule[] = [
  {
    origin: 'sync',
    codes: ['ThrottlingException'],
    recovery: 'resend',
    note: 'throttled by Cloud Control: sent the same request again after a backoff',
    source:
      'ThrottlingException ("Rate exceeded") hits under concurrent load ' +
      '(hashicorp/terraform-provider-awscc#2939, pulumi/pulumi-aws-native#690), and can outlast ' +
      "the call layer's attempts when the account is shared. A refused request did nothing, and " +
      'the same client token keeps the resend idempotent.',
  },
  {
    origin: 'sync',
    codes: [...RESENDABLE_CODES].filter((code) => code !== 'ThrottlingException'),
    recovery: 'resend',
    note: 'Cloud Control server or network fault: sent the same request again after a backoff',
    source:
      `Server faults (smithy \`error: server\`) are transient, and ${TRANSPORT_ERROR} (a reset, ` +
      'a timed-out attempt) may have reached AWS or not; either way the same client token means ' +
      'a request that did get through is returned, not repeated (CC API reference, ClientToken).',
  },
  {
    origin: 'sync',
    codes: ['ConcurrentOperationException'],
    recovery: 'wait-and-replan',
    note: 'another operation was in progress on the stage: waited for it, re-read and re-planned',
    source:
      'ConcurrentOperationException: "Another resource operation is currently being performed on ' +
      'this resource" (CC API reference). Its result changes the stage, so the patch is recomputed.',
  },
  {
    origin: 'async',
    codes: ['AlreadyExists'],
    actions: ['create'],
    recovery: 'replan',
    note: 'AlreadyExists: the stage was created earlier (a lost response or a killed run): re-read and continued from it',
    source:
      'A create whose response was lost, or an earlier run killed after its create went through, ' +
      'leaves the stage in place; CC reports FAILED AlreadyExists (docs/reference/cloudcontrol-notes.md §1.5).',
  },
  {
    origin: 'async',
    codes: ['NotFound'],
    actions: ['delete'],
    recovery: 'done',
    note: 'NotFound on delete: the stage was already gone',
    source:
      'DeleteResource of a missing resource settles FAILED NotFound; terraform-provider-awscc treats ' +
      'it as success (internal/service/cloudcontrol/waiter.go).',
  },
  {
    origin: 'sync',
    codes: ['ResourceNotFoundException'],
    actions: ['delete'],
    recovery: 'done',
    note: 'ResourceNotFoundException on delete: the stage was already gone',
    source: 'Same meaning as the asynchronous NotFound above, reported before the handler ran.',
  },
  {
    origin: 'sync',
    codes: ['ResourceNotFoundException'],
    actions: ['update'],
    recovery: 'replan',
    note: 'the stage disappeared after the plan: re-read and re-planned it',
    source:
      'UpdateResource reads the live model first and fails when it is missing (CC user guide, ' +
      'resource-operations-update); the patch no longer applies to anything.',
  },
  {
    origin: 'async',
    codes: ['NotFound'],
    actions: ['update'],
    recovery: 'replan',
    note: 'NotFound on update: the stage disappeared after the plan: re-read and re-planned it',
    source: 'As above, reported by the handler.',
  },
  {
    origin: 'async',
    codes: [
      'Throttling',
      'NetworkFailure',
      'ServiceInternalError',
      'InternalFailure',
      'ResourceConflict',
    ],
    recovery: 'retry',
    budget: 'attempts',
    note: 'retryable handler failure: submitted again with a fresh client token after a backoff',
    source:
      'The resource-handler contract marks Throttling, NetworkFailure, ServiceInternalError and ' +
      'ResourceConflict retriable (CFN CLI guide, resource-type-test-contract-errors); ' +
      'InternalFailure is an unexpected handler fault (hashicorp/terraform-provider-awscc#701).',
  },
  {
    origin: 'async',
    codes: [CANCELED_CODE],
    recovery: 'retry',
    budget: 'replays',
    note: 'the request had been cancelled (by an interrupted earlier run): submitted again with a fresh client token',
    source:
      'An interrupted run cancels its in-flight requests (CancelResourceRequest); a re-run of the ' +
      'same commit derives the same client token and Cloud Control returns that cancelled request ' +
      'for 36 hours (CC API reference, ClientToken). A cancelled request is safe to redo.',
  },
];

const STALE_REPLAY_RULE: RecoveryRule = {
  origin: 'async',
  codes: [],
  recovery: 'retry',
  budget: 'replays',
  note: 'Cloud Control returned the FAILED result of an earlier run for this client token: submitted again with a fresh one',
  source:
    'A repeated client token returns the original request for 36 hours (CC API reference, ' +
    'ClientToken), so re-running a failed job would otherwise report the old failure without ' +
    'trying again. A FAILED request changed nothing and is safe to redo.',
};

const FAIL_RULE: RecoveryRule = {
  origin: 'async',
  codes: [],
  recovery: 'fail',
  note: '',
  source: 'No recovery is known: report AWS’s code and message verbatim.',
};

/**
 * The rule for one failure of a planned write. A FAILED event that answered the write itself, or
 * one from before this run started (allowing `replaySkewMs` of clock skew), is a replay of an
 * earlier request, whatever its code: a request submitted now cannot have settled before Cloud
 * Control answered it, nor before the run began. The first test matters for a job re-run within
 * `replaySkewMs` of its failure (GitHub's "Re-run failed jobs" right after fixing the cause).
 * An API Gateway V2 call's failure is judged by that service's table instead.
 */
export function chooseRecovery(
  failure: WriteFailure,
  action: WriteAction,
  runStartedMs: number,
  replaySkewMs: number,
): RecoveryRule {
  if (failure.service === 'apigatewayv2')
    return findApiGatewayV2Rule(failure.code, failure.fault) ?? FAIL_RULE;
  const eventTime = failure.event?.eventTime?.getTime();
  if (
    failure.origin === 'async' &&
    failure.event?.status === 'FAILED' &&
    (failure.replayed === true ||
      (eventTime !== undefined && eventTime < runStartedMs - replaySkewMs))
  ) {
    return STALE_REPLAY_RULE;
  }
  return (
    RECOVERY_RULES.find(
      (rule) =>
        rule.origin === failure.origin &&
        rule.codes.includes(failure.code) &&
        (rule.actions === undefined || rule.actions.includes(action)),
    ) ?? FAIL_RULE
  );
}
