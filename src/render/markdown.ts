/**
 * The plan in Markdown for people: the sticky PR comment (GitHub's 65,536-character limit) and
 * the job summary (1 MiB). Both are built from the same blocks; the comment also carries the
 * hidden record and caps long lists, and each degrades to fit its limit (see fit.ts).
 * Pure: returns strings, prints nothing, reads no clock.
 */
import { mayHaveWritten, type StageOutcome } from '../apply/result.ts';
import type { Plan } from '../plan/types.ts';
import {
  applyStatusBlocks,
  driftBlock,
  failuresSection,
  mismatchAlert,
  moreFailuresLine,
  recoveryNotesBlock,
} from './apply-sections.ts';
import { sortChanges } from './change-view.ts';
import { COMMENT_RECORD_TOOL, type CommentStatus, formatCommentRecord } from './comment-record.ts';
import { inlineCode, markdownLink } from './escape.ts';
import { type Sections, characterCount, fitSections, utf8ByteCount } from './fit.ts';
import {
  DIFFS_HEADING,
  deletionAlert,
  takeoverAlert,
  diffBlocks,
  leftToOtherToolsBlock,
  footer,
  planSummary,
  previousSpecsBlock,
  pruneBlock,
  replacementAlert,
  stageTable,
  unchangedBlock,
} from './plan-sections.ts';
import type { ApplyView, RenderContext, RenderedComment, RenderedMarkdown } from './types.ts';

/** GitHub rejects issue and PR comment bodies longer than this (HTTP 422 "Body is too long"). */
export const COMMENT_CHAR_LIMIT = 65_536;
/** GitHub's limit for one step's job summary (`GITHUB_STEP_SUMMARY`): 1 MiB. */
export const SUMMARY_BYTE_LIMIT = 1024 * 1024;

interface Profile {
  readonly withRecord: boolean;
  /** Items listed in alerts and lists before "and N more". */
  readonly listCap: number;
  /** Characters of one AWS message shown before "N more characters". */
  readonly messageCap: number;
  readonly budget: number;
  readonly measure: (text: string) => number;
  readonly limitLabel: string;
  readonly pointer: (context: RenderContext) => string;
}

const COMMENT_PROFILE: Profile = {
  withRecord: true,
  listCap: 20,
  // AWS's StatusMessage has no documented limit; 20 of these still leave most of the comment
  // for the table (30 failures of long messages made an 86,553-character comment before).
  messageCap: 1_000,
  budget: COMMENT_CHAR_LIMIT,
  measure: characterCount,
  limitLabel: "GitHub's 65,536-character limit for comments",
  pointer: (context) =>
    `The full plan is in the ${markdownLink('job summary of the workflow run', context.runUrl)}.`,
};

const SUMMARY_PROFILE: Profile = {
  withRecord: false,
  listCap: Number.POSITIVE_INFINITY,
  messageCap: Number.POSITIVE_INFINITY,
  budget: SUMMARY_BYTE_LIMIT,
  measure: utf8ByteCount,
  limitLabel: "GitHub's 1 MiB limit for job summaries",
  pointer: () => 'The full plan is in the log of this step and in the `plan-json` file.',
};

const TITLES: Readonly<Record<CommentStatus, string>> = {
  planned: '📋 stage-sync plan for',
  applying: '⏳ Applying stage-sync plan for',
  applied: '✅ Applied stage-sync plan for',
  failed: '❌ stage-sync apply failed for',
};

function headBlocks(
  plan: Plan,
  context: RenderContext,
  apply: ApplyView | undefined,
  profile: Profile,
): string[] {
  const status: CommentStatus = apply?.status ?? 'planned';
  const blocks = [`## ${TITLES[status]} ${inlineCode(plan.target)}`];
  if (apply) blocks.push(...applyStatusBlocks(plan, context, apply), mismatchAlert(plan, apply));
  else blocks.push(planSummary(plan));
  const changes = sortChanges(plan.changes);
  // Deletions and changes AWS cannot make in place matter before the merge and while it runs; afterwards the
  // table's result column says what happened.
  if (status === 'planned' || status === 'applying') {
    blocks.push(
      deletionAlert(changes, profile.listCap),
      takeoverAlert(changes, plan.repository, profile.listCap),
      replacementAlert(changes, profile.listCap),
    );
  }
  return blocks.filter((block) => block !== '');
}

/**
 * Whether the review still stands once the apply has begun: while it runs (a job killed now
 * leaves this record, and it may not have written yet) and after one that wrote nothing (every
 * request refused, or stopped before the first). A re-run is then checked against the review.
 */
function reviewStands(apply: ApplyView): boolean {
  if (apply.status === 'applying') return true;
  return apply.status === 'failed' && !apply.result?.outcomes.some(mayHaveWritten);
}

function buildSections(
  plan: Plan,
  context: RenderContext,
  apply: ApplyView | undefined,
  profile: Profile,
): Sections {
  const changes = sortChanges(plan.changes);
  const changed = changes.filter((change) => change.action !== 'no-op');
  const noOps = changes.filter((change) => change.action === 'no-op');
  const outcomes = apply?.result
    ? new Map(
        apply.result.outcomes.map((outcome): [string, StageOutcome] => [
          outcome.identifier,
          outcome,
        ]),
      )
    : undefined;
  const record = profile.withRecord
    ? (truncated: boolean): string =>
        formatCommentRecord({
          tool: COMMENT_RECORD_TOOL,
          version: context.toolVersion,
          target: plan.target,
          planHash: plan.hash,
          truncated,
          status: apply?.status ?? 'planned',
          // Nothing written yet, or nothing at all: the review still stands for a re-run.
          ...(apply?.reviewedPlanHash && reviewStands(apply)
            ? { reviewedPlanHash: apply.reviewedPlanHash }
            : {}),
        })
    : undefined;
  const tail = [
    leftToOtherToolsBlock(changes, profile.listCap),
    pruneBlock(plan.prune, profile.listCap),
    previousSpecsBlock(plan),
  ];
  if (apply)
    tail.push(
      driftBlock(apply.result, profile.listCap),
      recoveryNotesBlock(apply.result, profile.listCap),
    );
  const failures = apply
    ? failuresSection(apply.result, profile.listCap, profile.messageCap)
    : undefined;
  return {
    ...(record ? { record } : {}),
    head: headBlocks(plan, context, apply, profile),
    ...(failures ? { failures, moreFailures: moreFailuresLine } : {}),
    ...(changed.length > 0
      ? { table: stageTable(changed, context, outcomes, apply !== undefined) }
      : {}),
    ...(noOps.length > 0 ? { unchanged: unchangedBlock(noOps, context) } : {}),
    diffsHeading: DIFFS_HEADING,
    diffs: diffBlocks(changes),
    tail: tail.filter((block) => block !== ''),
    footer: footer(plan, context, apply),
  };
}

function render(
  plan: Plan,
  context: RenderContext,
  apply: ApplyView | undefined,
  profile: Profile,
): RenderedMarkdown {
  return fitSections(buildSections(plan, context, apply, profile), {
    budget: profile.budget,
    measure: profile.measure,
    limitLabel: profile.limitLabel,
    pointer: profile.pointer(context),
  });
}

/**
 * The sticky PR comment: hidden record on the first line, then title, summary, alerts, the stage
 * table, the property diffs and the footer; with `apply`, the status of the apply after merge.
 * Always at most 65,536 characters unless even the bare summary is larger (a target string of
 * tens of kilobytes); `truncated` and `omitted` say what was left out.
 */
export function renderComment(
  plan: Plan,
  context: RenderContext,
  apply?: ApplyView,
): RenderedComment {
  return render(plan, context, apply, COMMENT_PROFILE);
}

/**
 * The job summary: the same content without the record and with every list in full, within
 * GitHub's 1 MiB limit (degrading the same way beyond it).
 */
export function renderSummary(
  plan: Plan,
  context: RenderContext,
  apply?: ApplyView,
): RenderedMarkdown {
  return render(plan, context, apply, SUMMARY_PROFILE);
}
