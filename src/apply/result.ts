/** What an apply did, stage by stage: read by the log, the job summary, the PR comment and outputs. */
import type { ChangeAction, PropertyDiff } from '../plan/types.ts';

export type StageOutcomeStatus =
  /** The write settled with SUCCESS (or was already done, e.g. NotFound on delete). */
  | 'applied'
  /** The write settled FAILED, or failed synchronously after retries. */
  | 'failed'
  /** Never submitted because the run was stopped (SIGTERM) first. */
  | 'not-started'
  /** Submitted, then the run was stopped before it settled; it may still complete in AWS. */
  | 'in-flight'
  /** No write was needed (no-op). */
  | 'unchanged';

export interface StageOutcome {
  readonly name: string;
  readonly identifier: string;
  readonly action: ChangeAction;
  readonly status: StageOutcomeStatus;
  /** Cloud Control's HandlerErrorCode or exception name, for failures. */
  readonly errorCode?: string;
  /** AWS's StatusMessage or exception message, verbatim. */
  readonly statusMessage?: string;
  /** Request token of the last write, so a user can look it up (`aws cloudcontrol get-resource-request-status`). */
  readonly requestToken?: string;
  readonly durationMs: number;
  /** After a successful write: properties where the re-read stage still differs from the plan. */
  readonly drift?: readonly PropertyDiff[];
  /** How the apply recovered along the way (`AlreadyExists: continued as an update`, ...). */
  readonly notes?: readonly string[];
  /**
   * A write AWS accepted that neither `status` nor `requestToken` shows: an API Gateway V2 call
   * answered before a later one failed (apigatewayv2-update.ts).
   */
  readonly wrote?: true;
}

export interface ApplyResult {
  /** `applied`: every stage applied; `failed`: at least one failed; `interrupted`: stopped by a signal. */
  readonly status: 'applied' | 'failed' | 'interrupted';
  readonly outcomes: readonly StageOutcome[];
  readonly durationMs: number;
}

/**
 * Whether AWS may have moved by this stage's apply: it settled applied or in flight, Cloud
 * Control accepted a request for it, or another write answered. When no stage did, the review
 * still stands for a re-run (comment-record.ts).
 */
export function mayHaveWritten(outcome: StageOutcome): boolean {
  return (
    outcome.status === 'applied' ||
    outcome.status === 'in-flight' ||
    outcome.requestToken !== undefined ||
    outcome.wrote === true
  );
}
