/**
 * The apply on a merge: check the plan against the one reviewers saw, keep the pull request's
 * comment telling where the apply is, execute, and report each stage.
 */
import * as core from '@actions/core';
import { applyPlan } from '../apply/apply-plan.ts';
import type { ApplyProgressEvent } from '../apply/options.ts';
import type { ApplyResult } from '../apply/result.ts';
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import type { Config } from '../config.ts';
import { readStickyComment } from '../github/sticky-comment.ts';
import { parseRepoRef } from '../github/github-client.ts';
import {
  PULL_REQUEST_LOOKUP_WAITS_MS,
  PULL_REQUEST_LOOKUP_WAITS_WARN_MS,
  lookUpPullRequestForCommit,
} from '../github/pull-request-for-commit.ts';
import type { DesiredStage } from '../model/stage.ts';
import type { Plan } from '../plan/types.ts';
import { stageReplanner } from '../pipeline/replan.ts';
import { parseCommentRecord, reviewedPlanHashOf } from '../render/comment-record.ts';
import { progressLine } from '../render/progress-line.ts';
import { renderComment, renderSummary } from '../render/markdown.ts';
import type { ApplyView, RenderContext } from '../render/types.ts';
import type { ActionOutputs } from './outputs.ts';
import { publishComment, writeJobSummary, type GitHubAccess } from './publish.ts';

export interface ApplyStepInput {
  readonly config: Config;
  readonly plan: Plan;
  readonly desired: readonly DesiredStage[];
  readonly port: CloudControlPort;
  readonly github: GitHubAccess | undefined;
  readonly pullRequestNumber: number | undefined;
  readonly context: RenderContext;
  readonly outputs: ActionOutputs;
  readonly signal: AbortSignal;
}

/**
 * The pull request the merged commit came from, and the plan hash its comment showed;
 * `unknown` says why they could not be learned (for `plan-mismatch: fail` to stop on).
 */
async function reviewedPlan(
  input: ApplyStepInput,
): Promise<{ pr?: number; hash?: string; unknown?: string; directPush?: boolean }> {
  const { github, config } = input;
  if (!github || !config.comment) return {};
  let pr = input.pullRequestNumber;
  if (pr === undefined) {
    const lookup = await lookUpPullRequestForCommit(
      github.client,
      parseRepoRef(config.run.repository),
      config.run.sha,
      {
        waitsMs:
          config.planMismatch === 'fail'
            ? PULL_REQUEST_LOOKUP_WAITS_MS
            : PULL_REQUEST_LOOKUP_WAITS_WARN_MS,
      },
    );
    if (lookup.kind === 'unknown') {
      return { unknown: lookup.message, directPush: lookup.reason === 'no-pull-request' };
    }
    pr = lookup.number;
  }
  try {
    const comment = await readStickyComment(github.comments, pr, input.plan.target);
    // Once an apply of this commit has written (applying, applied, failed after writes), AWS
    // has moved by its own writes: comparing a re-run's plan with it would stop "re-run failed
    // jobs" with plan-changed forever. An apply that stopped before writing keeps the review.
    const hash = reviewedPlanHashOf(comment ? parseCommentRecord(comment.body) : undefined);
    return { pr, ...(hash ? { hash } : {}) };
  } catch (error) {
    return { pr, unknown: `Could not read the comments of #${pr}: ${(error as Error).message}` };
  }
}

/** One line per stage; failures are errors and post-apply drift a warning, so both annotate the run. */
function logProgress(event: ApplyProgressEvent): void {
  const outcome = event.type === 'settled' ? event.outcome : undefined;
  const log =
    outcome?.status === 'failed' ? core.error : outcome?.drift?.length ? core.warning : core.info;
  log(progressLine(event));
}

export async function applyStep(input: ApplyStepInput): Promise<ApplyResult | undefined> {
  const { config, plan, outputs, context } = input;
  const reviewed = await reviewedPlan(input);
  if (reviewed.unknown !== undefined) {
    if (config.planMismatch === 'fail') {
      outputs.recordFailure('reviewed-plan-unknown');
      const view: ApplyView = {
        status: 'failed',
        mismatchPolicy: 'fail',
        reviewedPlanUnknown: reviewed.unknown,
      };
      await writeJobSummary(renderSummary(plan, context, view).body);
      core.setFailed(
        `${reviewed.unknown}. plan-mismatch is fail and the reviewed plan cannot be checked: nothing was applied.`,
      );
      return undefined;
    }
    // A direct push has no pull request to find; that is news, not a warning, under `warn`.
    (reviewed.directPush ? core.info : core.warning)(
      `${reviewed.unknown}. Applying without checking the reviewed plan.`,
    );
  }
  const mismatch = reviewed.hash !== undefined && reviewed.hash !== plan.hash;
  const show = async (view: ApplyView): Promise<void> => {
    if (reviewed.pr === undefined || !input.github) return;
    const comment = renderComment(plan, context, view);
    await publishComment(input.github, reviewed.pr, comment.body, plan.target, outputs);
  };
  const viewBase = {
    ...(reviewed.hash ? { reviewedPlanHash: reviewed.hash } : {}),
    mismatchPolicy: config.planMismatch,
  };

  if (mismatch) {
    const message = `The plan at merge (${plan.hash}) differs from the plan reviewed on #${reviewed.pr} (${reviewed.hash}).`;
    if (config.planMismatch === 'fail') {
      outputs.recordFailure('plan-changed');
      await show({ status: 'failed', ...viewBase });
      await writeJobSummary(renderSummary(plan, context, { status: 'failed', ...viewBase }).body);
      core.setFailed(`${message} plan-mismatch is fail: nothing was applied.`);
      return undefined;
    }
    core.warning(`${message} Applying the plan computed now (plan-mismatch: warn).`);
  }

  await show({ status: 'applying', ...viewBase });
  core.startGroup(
    `Applying ${plan.counts.create + plan.counts.update + plan.counts.delete} change(s)`,
  );
  const result = await applyPlan(plan, input.port, {
    maxConcurrency: config.maxConcurrency,
    operationTimeoutMs: config.operationTimeoutSeconds * 1000,
    commitSha: config.run.sha,
    repository: config.run.repository,
    replan: stageReplanner(input.port, input.desired, config.run.repository),
    signal: input.signal,
    onProgress: logProgress,
  });
  core.endGroup();

  const view: ApplyView = {
    status: result.status === 'applied' ? 'applied' : 'failed',
    result,
    ...viewBase,
  };
  await show(view);
  await writeJobSummary(renderSummary(plan, context, view).body);
  const failed = result.outcomes.filter((outcome) => outcome.status === 'failed');
  if (result.status === 'interrupted') {
    outputs.recordFailure('interrupted');
    const inFlight = result.outcomes.filter((outcome) => outcome.status === 'in-flight');
    core.setFailed(
      `Apply interrupted: ${inFlight.length} operation(s) were in flight (${inFlight.map((o) => `${o.name} ${o.requestToken ?? ''}`).join(', ')}); re-run this job to converge.`,
    );
  } else if (failed.length > 0) {
    outputs.recordFailure('apply-failed');
    core.setFailed(
      `Apply failed for ${failed.length} stage(s): ${failed.map((o) => `${o.name} (${o.errorCode})`).join(', ')}`,
    );
  }
  return result;
}
