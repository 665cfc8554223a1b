/**
 * The blocks that tell, after a merge, what the apply did: its status line, the plan-mismatch
 * warning, the failed stages with AWS's own error code and message, stages that read back
 * differently from the plan, and how the apply recovered along the way.
 */
import type { ApplyResult, StageOutcome, StageOutcomeStatus } from '../apply/result.ts';
import type { Plan } from '../plan/types.ts';
import { diffLines, formatDuration, plural } from './change-view.ts';
import { diffDetails, markdownDiffLines } from './diff-block.ts';
import { htmlCode, inlineCode, tableRow } from './escape.ts';
import { commitLink } from './links.ts';
import { countsLine } from './plan-sections.ts';
import { DONE_WORDS } from './styles.ts';
import type { FailureRows } from './fit.ts';
import type { ApplyView, RenderContext } from './types.ts';

/** True when the plan at merge is not the plan reviewers saw. */
export function planChanged(plan: Plan, apply: ApplyView): boolean {
  return apply.reviewedPlanHash !== undefined && apply.reviewedPlanHash !== plan.hash;
}

/** True when `plan-mismatch: fail` stopped the apply before any write. */
export function stoppedByMismatch(plan: Plan, apply: ApplyView): boolean {
  return apply.status === 'failed' && apply.mismatchPolicy === 'fail' && planChanged(plan, apply);
}

function countStatus(result: ApplyResult, status: StageOutcomeStatus): number {
  return result.outcomes.filter((outcome) => outcome.status === status).length;
}

/** `2 created, 1 updated, 0 deleted`, from the outcomes that were applied; `nonZero` drops zeros. */
function doneLine(result: ApplyResult, nonZero = false): string {
  const applied = result.outcomes.filter((outcome) => outcome.status === 'applied');
  return (Object.keys(DONE_WORDS) as (keyof typeof DONE_WORDS)[])
    .map((action): [number, string] => [
      applied.filter((o) => o.action === action).length,
      DONE_WORDS[action],
    ])
    .filter(([count]) => !nonZero || count > 0)
    .map(([count, words]) => `${count.toLocaleString('en-US')} ${words}`)
    .join(', ');
}

/** The status lines under the title of an apply comment. */
export function applyStatusBlocks(plan: Plan, context: RenderContext, apply: ApplyView): string[] {
  const commit = commitLink(context);
  if (apply.status === 'applying') {
    return [
      `**${countsLine(plan.counts)}**`,
      [
        '> [!NOTE]',
        `> **Applying** the merged commit ${commit} to AWS. This comment is updated when the apply finishes.`,
      ].join('\n'),
    ];
  }
  const result = apply.result;
  if (!result || stoppedByMismatch(plan, apply)) {
    return [`**Nothing was applied.** Commit ${commit}.`];
  }
  const took = formatDuration(result.durationMs);
  const unchanged = countStatus(result, 'unchanged');
  const unchangedText = unchanged > 0 ? ` (${unchanged.toLocaleString('en-US')} unchanged)` : '';
  if (apply.status === 'applied') {
    return [`**${doneLine(result)}**${unchangedText} in ${took}, at commit ${commit}.`];
  }
  const failed = countStatus(result, 'failed');
  const inFlight = countStatus(result, 'in-flight');
  const notStarted = countStatus(result, 'not-started');
  const lines = ['> [!CAUTION]'];
  if (failed > 0) {
    lines.push(
      `> **${plural(failed, 'stage')} failed.** The other stages went on; each failure is listed below with AWS's error code and message.`,
    );
  }
  if (result.status === 'interrupted') {
    lines.push(
      `> **The run was stopped before the apply finished:** ${plural(inFlight, 'stage')} in flight (${inFlight === 1 ? 'it' : 'they'} may still complete in AWS), ${plural(notStarted, 'stage')} not started. Re-running the job for this commit resumes without repeating finished writes.`,
    );
  }
  if (lines.length === 1) lines.push('> **The apply failed.**');
  const applied = countStatus(result, 'applied');
  const appliedText =
    applied > 0
      ? `${applied.toLocaleString('en-US')} applied (${doneLine(result, true)})`
      : 'nothing applied';
  const headline =
    failed > 0
      ? `**${failed.toLocaleString('en-US')} failed**, ${appliedText}`
      : `**${appliedText}**`;
  const unchangedCount = unchanged > 0 ? `, ${unchanged.toLocaleString('en-US')} unchanged` : '';
  return [`${headline}${unchangedCount}, in ${took} at commit ${commit}.`, lines.join('\n')];
}

/** Warning when the plan computed at merge differs from the one reviewers approved. */
export function mismatchAlert(plan: Plan, apply: ApplyView): string {
  if (apply.reviewedPlanUnknown !== undefined) {
    return [
      '> [!CAUTION]',
      `> **The reviewed plan could not be found**, so nothing was applied: \`plan-mismatch\` is \`fail\`, and an apply must match the plan reviewers saw. ${inlineCode(apply.reviewedPlanUnknown)}`,
      '> Re-run this job once GitHub links the commit to its pull request, or set `plan-mismatch: warn` for commits pushed without one.',
    ].join('\n');
  }
  if (!planChanged(plan, apply)) return '';
  const consequence = stoppedByMismatch(plan, apply)
    ? `Nothing was applied, because \`plan-mismatch\` is \`fail\`. Push to a pull request to review the plan as it is now.`
    : apply.status === 'applying'
      ? 'It is being applied as computed at merge, which is what this comment now shows.'
      : 'It was applied as computed at merge, which is what this comment now shows.';
  return [
    '> [!WARNING]',
    `> **The plan changed between review and merge** (the specs or AWS changed in between). Reviewers saw plan ${inlineCode(apply.reviewedPlanHash ?? '')}; at merge it is ${inlineCode(plan.hash)}.`,
    `> ${consequence}`,
  ].join('\n');
}

/** An AWS message cut to `cap` characters (whole code points), saying how much was left out. */
function cappedMessage(message: string, cap: number): string {
  const chars = [...message];
  if (chars.length <= cap) return inlineCode(message, { inTable: true });
  const left = chars.length - cap;
  // Cut before escaping, so the cut can never split an escape or the code span's delimiters.
  return `${inlineCode(`${chars.slice(0, cap).join('')}…`, { inTable: true })} *(${plural(left, 'more character')} in the job summary)*`;
}

/**
 * The failed stages as rows that fitting may shorten from the end, with AWS's `ErrorCode` and
 * `StatusMessage` (each message at most `messageCap` characters), or undefined when none failed.
 * `beyond` counts failures left out by `cap` already.
 */
export function failuresSection(
  result: ApplyResult | undefined,
  cap: number,
  messageCap: number,
): FailureRows | undefined {
  const failed = (result?.outcomes ?? []).filter((outcome) => outcome.status === 'failed');
  if (failed.length === 0) return undefined;
  const rows = failed
    .slice(0, cap)
    .map((outcome) =>
      tableRow([
        outcome.name === outcome.identifier
          ? '*undeclared*'
          : inlineCode(outcome.name, { inTable: true }),
        inlineCode(outcome.identifier, { inTable: true }),
        outcome.action,
        outcome.errorCode ? inlineCode(outcome.errorCode, { inTable: true }) : '',
        outcome.statusMessage ? cappedMessage(outcome.statusMessage, messageCap) : '',
        outcome.requestToken ? inlineCode(outcome.requestToken, { inTable: true }) : '',
      ]),
    );
  return {
    header: [
      '### ❌ Failed stages',
      '',
      tableRow(['Stage', 'Identifier', 'Action', 'Error code', 'AWS message', 'Request token']),
      tableRow([':--', ':--', ':--', ':--', ':--', ':--']),
    ].join('\n'),
    rows,
    beyond: failed.length - rows.length,
  };
}

/** The line under the failures table when some are not listed. */
export function moreFailuresLine(omitted: number): string {
  return `*…and ${plural(omitted, 'more failed stage')}, listed in the job summary.*`;
}

/** Stages AWS accepted but read back differently from the plan, or '' when none. */
export function driftBlock(result: ApplyResult | undefined, cap: number): string {
  const drifted = (result?.outcomes ?? []).filter((outcome) => (outcome.drift?.length ?? 0) > 0);
  if (drifted.length === 0) return '';
  const blocks = drifted.slice(0, cap).map((outcome: StageOutcome) => {
    const lines = markdownDiffLines(diffLines(outcome.drift ?? []));
    const summary = `⚠️ ${htmlCode(outcome.name)} · ${htmlCode(outcome.identifier)} · ${plural(outcome.drift?.length ?? 0, 'property', 'properties')}`;
    return diffDetails(summary, lines);
  });
  const more =
    drifted.length > cap
      ? [`*…and ${plural(drifted.length - cap, 'more stage')}, listed in the job summary.*`]
      : [];
  return [
    '### ⚠️ Not as planned after apply',
    '',
    `AWS accepted the writes of ${plural(drifted.length, 'stage')}, but ${drifted.length === 1 ? 'it reads' : 'they read'} back differently from the plan: \`-\` as AWS returned it, \`+\` as planned.`,
    ...blocks,
    ...more,
  ].join('\n\n');
}

/** How the apply recovered (`AlreadyExists: continued as an update`, ...), collapsed; '' when none. */
export function recoveryNotesBlock(result: ApplyResult | undefined, cap: number): string {
  const noted = (result?.outcomes ?? []).flatMap((outcome) =>
    (outcome.notes ?? []).map((note) => `- ${inlineCode(outcome.name)}: ${inlineCode(note)}`),
  );
  if (noted.length === 0) return '';
  const more =
    noted.length > cap ? [`- *…and ${noted.length - cap} more, in the job summary.*`] : [];
  return [
    '<details>',
    `<summary>${plural(noted.length, 'recovery note')}</summary>`,
    '',
    ...noted.slice(0, cap),
    ...more,
    '',
    '</details>',
  ].join('\n');
}
