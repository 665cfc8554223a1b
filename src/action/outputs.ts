/**
 * The step's outputs, computed from the run's outcome. Every output action.yml declares gets a
 * value on every path, failures included, so a later step can always read `failure-reason` or
 * `has-changes`: counts are 0 and `has-changes` is false when no plan was made.
 */
import { OUTPUTS } from '../action-io.ts';
import type { ActionOutcome } from './outcome.ts';

type OutputName = (typeof OUTPUTS)[keyof typeof OUTPUTS];

export function actionOutputs(outcome: ActionOutcome): Record<OutputName, string> {
  const counts = outcome.plan?.counts ?? { create: 0, update: 0, delete: 0, noOp: 0 };
  return {
    [OUTPUTS.hasChanges]: String(counts.create + counts.update + counts.delete > 0),
    [OUTPUTS.creates]: String(counts.create),
    [OUTPUTS.updates]: String(counts.update),
    [OUTPUTS.deletes]: String(counts.delete),
    [OUTPUTS.unchanged]: String(counts.noOp),
    [OUTPUTS.planJson]: outcome.planJsonPath ?? '',
    [OUTPUTS.planHash]: outcome.plan?.hash ?? '',
    [OUTPUTS.planMarkdown]: outcome.planMarkdownPath ?? '',
    [OUTPUTS.commentUrl]: outcome.commentUrl ?? '',
    [OUTPUTS.failureReason]: outcome.failure?.reason ?? '',
  };
}
