/**
 * What one run of the action came to. The orchestration returns it; `main.ts` alone turns it
 * into the step's outputs and, for a failure, the step's failed status.
 */
import type { FailureReason } from '../action-io.ts';
import type { Plan } from '../plan/types.ts';

export interface RunFailure {
  readonly reason: FailureReason;
  /** One sentence for the log and the run's annotation: what failed and what to do. */
  readonly message: string;
}

export interface ActionOutcome {
  /** Absent when the run succeeded. */
  readonly failure?: RunFailure;
  /** The plan, once one was made (also on a failed apply). */
  readonly plan?: Plan;
  /** Where the plan model was written as JSON. */
  readonly planJsonPath?: string;
  /** Where the plan was written as the PR comment's Markdown (for a drift issue, say). */
  readonly planMarkdownPath?: string;
  /** The pull request comment written or updated, if any. */
  readonly commentUrl?: string;
}
