/**
 * The apply on a merge: check the plan against the one reviewers saw, keep the pull request's
 * comment telling where the apply is, execute through the engine, and report each stage.
 */
import * as core from '@actions/core';
import type { ApplyProgressEvent } from '../apply/options.ts';
import type { Config } from '../config.ts';
import type { Engine } from '../engine/engine.ts';
import { parseRepoRef } from '../github/repo-ref.ts';
import {
  PULL_REQUEST_LOOKUP_WAITS_MS,
  PULL_REQUEST_LOOKUP_WAITS_WARN_MS,
  lookUpPullRequestForCommit,
} from '../github/pull-request-for-commit.ts';
import { readStickyComment } from '../github/sticky-comment.ts';
import type { Plan } from '../plan/types.ts';
import {
  parseCommentRecord,
  reviewedPlanHashOf,
  type CommentRecord,
} from '../render/comment-record.ts';
import { renderComment, renderSummary } from '../render/markdown.ts';
import { logText } from '../render/escape.ts';
import { progressLine } from '../render/progress-line.ts';
import type { ApplyView, RenderContext } from '../render/types.ts';
import type { ActionOutcome, RunFailure } from './outcome.ts';
import type { ActionPorts } from './ports.ts';
import { publishComment } from './publish.ts';

export interface ApplyStepInput {
  readonly config: Config;
  readonly plan: Plan;
  readonly engine: Engine;
  readonly ports: ActionPorts;
  readonly pullRequestNumber: number | undefined;
  readonly context: RenderContext;
  readonly signal: AbortSignal;
  /** Keeps what the run has produced so far, should a later step throw. */
  readonly record: (partial: ActionOutcome) => void;
}

/**
 * The pull request the merged commit came from, and the plan hash its comment showed;
 * `unknown` says why they could not be learned (for `plan-mismatch: fail` to stop on).
 */
async function reviewedPlan(
  input: ApplyStepInput,
): Promise<{ pr?: number; hash?: string; unknown?: string; directPush?: boolean }> {
  const { ports, config } = input;
  const github = ports.github;
  if (!github)
    return config.planMismatch === 'fail'
      ? {
          unknown:
            'No GitHub access (comment is off or there is no token), so no reviewed plan can be found',
        }
      : {};
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
  let record: CommentRecord | undefined;
  try {
    const comment = await readStickyComment(github.comments, pr, input.plan.target);
    record = comment ? parseCommentRecord(comment.body) : undefined;
  } catch (error) {
    return { pr, unknown: `Could not read the comments of #${pr}: ${(error as Error).message}` };
  }
  // No comment of ours: the plan was never shown there (a fork's read-only token, `comment:
  // false` on the plan job, a failed post), so nobody reviewed what this merge would apply.
  if (!record)
    return { pr, unknown: `#${pr} has no stage-sync plan comment for ${input.plan.target}` };
  // Once an apply of this commit has written, AWS has moved by its own writes: comparing a
  // re-run's plan with it would stop "re-run failed jobs" with plan-changed forever. An apply
  // that wrote nothing keeps the review (comment-record.ts).
  const hash = reviewedPlanHashOf(record);
  return { pr, ...(hash ? { hash } : {}) };
}

/** One line per stage; failures are errors and post-apply drift a warning, so both annotate the run. */
function logProgress(event: ApplyProgressEvent): void {
  const outcome = event.type === 'settled' ? event.outcome : undefined;
  const log =
    outcome?.status === 'failed' ? core.error : outcome?.drift?.length ? core.warning : core.info;
  log(progressLine(event));
}

export async function applyStep(input: ApplyStepInput): Promise<ActionOutcome> {
  const { config, plan, context, ports } = input;
  const reviewed = await reviewedPlan(input);
  if (reviewed.unknown !== undefined) {
    if (config.planMismatch === 'fail') {
      const view: ApplyView = {
        status: 'failed',
        mismatchPolicy: 'fail',
        reviewedPlanUnknown: reviewed.unknown,
      };
      await ports.writeSummary(renderSummary(plan, context, view).body);
      return {
        failure: {
          reason: 'reviewed-plan-unknown',
          message: `${reviewed.unknown}. plan-mismatch is fail and the reviewed plan cannot be checked: nothing was applied.`,
        },
      };
    }
    // A direct push has no pull request to find; that is news, not a warning, under `warn`.
    (reviewed.directPush ? core.info : core.warning)(
      `${reviewed.unknown}. Applying without checking the reviewed plan.`,
    );
  }
  const mismatch = reviewed.hash !== undefined && reviewed.hash !== plan.hash;
  let commentUrl: string | undefined;
  const show = async (view: ApplyView): Promise<void> => {
    if (reviewed.pr === undefined || !ports.github) return;
    const comment = renderComment(plan, context, view);
    commentUrl =
      (await publishComment(ports.github, reviewed.pr, comment.body, plan.target)) ?? commentUrl;
    if (commentUrl) input.record({ commentUrl });
  };
  const withComment = (failure?: RunFailure): ActionOutcome => ({
    ...(commentUrl ? { commentUrl } : {}),
    ...(failure ? { failure } : {}),
  });
  const viewBase = {
    ...(reviewed.hash ? { reviewedPlanHash: reviewed.hash } : {}),
    mismatchPolicy: config.planMismatch,
  };

  if (mismatch) {
    const message = `The plan at merge (${plan.hash}) differs from the plan reviewed on #${reviewed.pr} (${reviewed.hash}).`;
    if (config.planMismatch === 'fail') {
      await show({ status: 'failed', ...viewBase });
      await ports.writeSummary(
        renderSummary(plan, context, { status: 'failed', ...viewBase }).body,
      );
      return withComment({
        reason: 'plan-changed',
        message: `${message} plan-mismatch is fail: nothing was applied.`,
      });
    }
    core.warning(`${message} Applying the plan computed now (plan-mismatch: warn).`);
  }

  await show({ status: 'applying', ...viewBase });
  core.startGroup(
    `Applying ${plan.counts.create + plan.counts.update + plan.counts.delete} change(s)`,
  );
  const result = await input.engine.apply(plan, {
    commitSha: config.run.sha,
    workspace: config.workspace,
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
  await ports.writeSummary(renderSummary(plan, context, view).body);
  if (result.status === 'interrupted') {
    const inFlight = result.outcomes.filter((outcome) => outcome.status === 'in-flight');
    return withComment({
      reason: 'interrupted',
      message: `Apply interrupted: ${inFlight.length} operation(s) were in flight (${inFlight.map((o) => logText(`${o.name} ${o.requestToken ?? ''}`)).join(', ')}); re-run this job to converge.`,
    });
  }
  const failed = result.outcomes.filter((outcome) => outcome.status === 'failed');
  if (failed.length > 0) {
    return withComment({
      reason: 'apply-failed',
      message: `Apply failed for ${failed.length} stage(s): ${failed.map((o) => logText(`${o.name} (${o.errorCode})`)).join(', ')}`,
    });
  }
  return withComment();
}
