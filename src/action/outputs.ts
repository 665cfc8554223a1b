/**
 * The step's outputs. Every output action.yml declares is written on every path, failures
 * included, so a later step can always read `failure-reason` or `has-changes`.
 */
import * as core from '@actions/core';
import { OUTPUTS, type FailureReason } from '../action-io.ts';
import type { Plan } from '../plan/types.ts';

type OutputName = (typeof OUTPUTS)[keyof typeof OUTPUTS];

export class ActionOutputs {
  private readonly values = new Map<OutputName, string>(
    Object.values(OUTPUTS).map((name) => [name, '']),
  );

  recordPlan(plan: Plan, planJsonPath: string): void {
    const { create, update, delete: deletes, noOp } = plan.counts;
    this.values.set(OUTPUTS.hasChanges, String(create + update + deletes > 0));
    this.values.set(OUTPUTS.creates, String(create));
    this.values.set(OUTPUTS.updates, String(update));
    this.values.set(OUTPUTS.deletes, String(deletes));
    this.values.set(OUTPUTS.unchanged, String(noOp));
    this.values.set(OUTPUTS.planJson, planJsonPath);
    this.values.set(OUTPUTS.planHash, plan.hash);
  }

  recordCommentUrl(url: string): void {
    this.values.set(OUTPUTS.commentUrl, url);
  }

  recordFailure(reason: FailureReason): void {
    if (!this.values.get(OUTPUTS.failureReason)) this.values.set(OUTPUTS.failureReason, reason);
  }

  get failureReason(): string {
    return this.values.get(OUTPUTS.failureReason) ?? '';
  }

  /** Writes them all; counts default to 0 and has-changes to false when no plan was made. */
  flush(): void {
    for (const [name, value] of this.values) {
      const numeric = [
        OUTPUTS.creates,
        OUTPUTS.updates,
        OUTPUTS.deletes,
        OUTPUTS.unchanged,
      ].includes(name as never);
      core.setOutput(name, value || (numeric ? '0' : name === OUTPUTS.hasChanges ? 'false' : ''));
    }
  }
}
