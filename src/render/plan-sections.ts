/**
 * The blocks of a plan in Markdown: title, summary, alerts, the stage table, the unchanged
 * stages, the per-stage diffs, the prune report and the footer. `markdown.ts` arranges them and
 * `fit.ts` decides which fit.
 */
import type { StageOutcome } from '../apply/result.ts';
import { MANAGED_BY_TAG_KEY } from '../model/stage.ts';
import type { Plan, PlanCounts, PruneReport, StageChange } from '../plan/types.ts';
import {
  formatDuration,
  hasNotInPlace,
  plural,
  previousSpecsUnreadNote,
  previousSpecsUnread,
  propertyLines,
} from './change-view.ts';
import { changeDiffBlock } from './diff-block.ts';
import { inlineCode, markdownLink, safeHttpUrl, tableRow } from './escape.ts';
import type { DiffBlock } from './fit.ts';
import { commitLink, sourceLink } from './links.ts';
import { compactJson } from './json-layout.ts';
import {
  LEFT_TO_OTHER_TOOLS_NOTE,
  leftToOtherToolsOf,
  releaseKindOf,
  identifierNoteOf,
} from './release-view.ts';
import { ACTION_STYLES, COUNT_WORDS, OUTCOME_STYLES } from './styles.ts';
import type { ApplyView, RenderContext } from './types.ts';

/** `2 to create, 1 to update, 0 to delete`. */
export function countsLine(counts: PlanCounts): string {
  return COUNT_WORDS.map(
    ({ action, words }) => `${counts[action].toLocaleString('en-US')} ${words}`,
  ).join(', ');
}

/** True when the plan would write anything. */
export function hasChanges(counts: PlanCounts): boolean {
  return counts.create + counts.update + counts.delete > 0;
}

/** Up to `cap` items as code spans, then `and N more`. */
export function codeList(items: readonly string[], cap: number): string {
  const shown = items.slice(0, cap).map((item) => inlineCode(item));
  const more = items.length - shown.length;
  return more > 0
    ? `${shown.join(', ')} and ${more.toLocaleString('en-US')} more`
    : shown.join(', ');
}

/** The one-line summary under the title. */
export function planSummary(plan: Plan): string {
  const { counts } = plan;
  if (!hasChanges(counts)) {
    const checked =
      counts.noOp === 0
        ? 'No stages are declared'
        : `All ${plural(counts.noOp, 'declared stage')} already match AWS`;
    return `**No changes.** ${checked}: nothing to create, update or delete.`;
  }
  const unchanged = counts.noOp > 0 ? ` (${counts.noOp.toLocaleString('en-US')} unchanged)` : '';
  return `**${countsLine(counts)}**${unchanged}`;
}

/** GitHub alert that makes deletions impossible to miss, or '' when nothing is deleted. */
export function deletionAlert(changes: readonly StageChange[], cap: number): string {
  const deleted = changes.filter((change) => change.action === 'delete').map((c) => c.identifier);
  if (deleted.length === 0) return '';
  return [
    '> [!CAUTION]',
    `> **${plural(deleted.length, 'stage')} will be deleted** from AWS: ${codeList(deleted, cap)}.`,
    `> No spec declares ${deleted.length === 1 ? 'it' : 'them'} any more and ${deleted.length === 1 ? 'it carries' : 'they carry'} this repository's ${inlineCode(MANAGED_BY_TAG_KEY)} tag. Deleting a stage takes its invoke URL offline.`,
  ].join('\n');
}

/**
 * Caution for updates that take a stage over from another repository's ownership tag, or from
 * none: after the apply this repository manages (and with prune may delete) it. '' when none do.
 */
export function takeoverAlert(
  changes: readonly StageChange[],
  repository: string,
  cap: number,
): string {
  const taken = changes.flatMap((change) =>
    change.action === 'update' && change.takeover
      ? [
          `${inlineCode(change.identifier)} (${change.takeover.from ? `managed by ${inlineCode(change.takeover.from)}` : 'no ownership tag'})`,
        ]
      : [],
  );
  if (taken.length === 0) return '';
  const shown = taken.slice(0, cap).join(', ');
  const more =
    taken.length > cap ? ` and ${(taken.length - cap).toLocaleString('en-US')} more` : '';
  return [
    '> [!CAUTION]',
    `> **${plural(taken.length, 'stage')} will be taken over** by ${inlineCode(repository)}: ${shown}${more}.`,
    `> The apply sets ${inlineCode(MANAGED_BY_TAG_KEY)} to this repository, which then manages ${taken.length === 1 ? 'it' : 'them'} (and with \`prune\` may delete ${taken.length === 1 ? 'it' : 'them'}).`,
  ].join('\n');
}

/** Warning for updates showing a change AWS cannot make in place, or '' when there are none. */
export function replacementAlert(changes: readonly StageChange[], cap: number): string {
  const names = changes.filter(hasNotInPlace).map((change) => change.identifier);
  if (names.length === 0) return '';
  return [
    '> [!WARNING]',
    `> **${plural(names.length, 'stage')} change${names.length === 1 ? 's' : ''} a property AWS cannot change in place** (marked with a \`#\` note below); the apply leaves ${names.length === 1 ? 'it' : 'them'}: ${codeList(names, cap)}.`,
  ].join('\n');
}

function actionCell(change: StageChange): string {
  const style = ACTION_STYLES[change.action];
  const replaces = hasNotInPlace(change) ? ' ⚠️ not in place' : '';
  const kind = releaseKindOf(change);
  const step = kind ? ` · ${kind}` : '';
  return `${style.emoji} **${style.label}**${replaces}${step}`;
}

/** The identifier, with the stage's type (when not REST) and the API's name when the spec named it. */
function identifierCell(change: StageChange): string {
  const id = inlineCode(change.identifier, { inTable: true });
  const note = identifierNoteOf(change, (name) => inlineCode(name, { inTable: true }));
  return note === undefined ? id : `${id} (${note})`;
}

function outcomeCell(outcome: StageOutcome | undefined): string {
  if (!outcome) return '';
  const style = OUTCOME_STYLES[outcome.status];
  const took =
    outcome.status === 'applied' || outcome.status === 'failed'
      ? ` · ${formatDuration(outcome.durationMs)}`
      : '';
  return `${style.emoji} ${style.label}${took}`;
}

/**
 * The stage table: one row per changed stage, visible without expanding anything; with
 * `outcomes`, a result column says what the apply did to each.
 */
export function stageTable(
  changes: readonly StageChange[],
  context: RenderContext,
  outcomes?: ReadonlyMap<string, StageOutcome>,
  withHeading = false,
): { header: string; rows: string[] } {
  const columns = ['Action', 'Stage', 'Identifier', 'Changes', 'Declared in'];
  const align = [':--', ':--', ':--', '--:', ':--'];
  if (outcomes) {
    columns.push('Result');
    align.push(':--');
  }
  const rows = changes.map((change) => {
    const cells = [
      actionCell(change),
      change.name === change.identifier
        ? '*undeclared*'
        : inlineCode(change.name, { inTable: true }),
      identifierCell(change),
      String(propertyLines(change).length),
      change.source ? sourceLink(change.source, context, true) : '*not in any spec*',
    ];
    if (outcomes) cells.push(outcomeCell(outcomes.get(change.identifier)));
    return tableRow(cells);
  });
  const heading = withHeading ? ['### Stages', ''] : [];
  return { header: [...heading, tableRow(columns), tableRow(align)].join('\n'), rows };
}

/** The unchanged stages, collapsed: reviewers can see what was checked without scrolling past it. */
export function unchangedBlock(
  noOps: readonly StageChange[],
  context: RenderContext,
): string | undefined {
  if (noOps.length === 0) return undefined;
  const rows = noOps.map((change) =>
    tableRow([
      inlineCode(change.name, { inTable: true }),
      identifierCell(change),
      change.source ? sourceLink(change.source, context, true) : '',
    ]),
  );
  return [
    '<details>',
    `<summary>${plural(noOps.length, 'unchanged stage')}</summary>`,
    '',
    tableRow(['Stage', 'Identifier', 'Declared in']),
    tableRow([':--', ':--', ':--']),
    ...rows,
    '',
    '</details>',
  ].join('\n');
}

/** Heading and legend above the diff blocks. */
export const DIFFS_HEADING = [
  '### Property changes',
  '',
  '<sub>`+` set · `-` removed · `~` changed, with the old value on the `-` line and the new one on the `+` line · values are JSON</sub>',
].join('\n');

/** One collapsible diff per changed stage. */
export function diffBlocks(changes: readonly StageChange[]): DiffBlock[] {
  return changes
    .filter((change) => change.action !== 'no-op' || hasNotInPlace(change))
    .map((change) => ({ name: change.name, markdown: changeDiffBlock(change) }));
}

/** The notice that dropped fields are not removed, or '' when the previous specs were read. */
export function previousSpecsBlock(plan: Plan): string {
  const unread = previousSpecsUnread(plan);
  if (unread === undefined) return '';
  return `> [!NOTE]\n> The specs of the last apply could not be read (${inlineCode(unread)}): ${previousSpecsUnreadNote(plan.changes)}`;
}

/**
 * The paths `ignore-changes` leaves to other tools, with their live values, so a reviewer still
 * sees which deployment a stage serves; '' when no stage has any.
 */
export function leftToOtherToolsBlock(changes: readonly StageChange[], cap: number): string {
  const stages = leftToOtherToolsOf(changes);
  if (stages.length === 0) return '';
  const all = stages.flatMap(({ change, paths }) =>
    paths.map(({ path, value }) =>
      tableRow([
        inlineCode(change.name, { inTable: true }),
        identifierCell(change),
        inlineCode(path, { inTable: true }),
        value === undefined ? '*not set*' : inlineCode(compactJson(value), { inTable: true }),
      ]),
    ),
  );
  // A comment lists `cap` rows, so a plan of many such stages still fits; the summary lists all.
  const rows = all.slice(0, cap);
  const more = all.length - rows.length;
  return [
    '### Left to other tools',
    '',
    LEFT_TO_OTHER_TOOLS_NOTE,
    '',
    tableRow(['Stage', 'Identifier', 'Property', 'Live value']),
    tableRow([':--', ':--', ':--', ':--']),
    ...rows,
    ...(more > 0
      ? ['', `…and ${plural(more, 'more path')} (the job summary lists them all).`]
      : []),
  ].join('\n');
}

/** Why undeclared stages were left alone, or '' when prune is off or skipped nothing. */
export function pruneBlock(prune: PruneReport, cap: number): string {
  const skipped = prune.skippedUnmanaged.length + prune.skippedForeign.length;
  if (!prune.enabled || skipped === 0) return '';
  const lines = [
    '### Left alone',
    '',
    `\`prune\` is on: ${plural(skipped, 'stage')} in AWS that no spec declares ${skipped === 1 ? 'is' : 'are'} not deleted, because stage-sync only deletes stages this repository manages.`,
    '',
  ];
  const tag = inlineCode(MANAGED_BY_TAG_KEY);
  if (prune.skippedUnmanaged.length > 0) {
    lines.push(
      `- **${plural(prune.skippedUnmanaged.length, 'unmanaged stage')}** (no ${tag} tag): ${codeList(prune.skippedUnmanaged, cap)}`,
    );
  }
  if (prune.skippedForeign.length > 0) {
    lines.push(
      `- **${plural(prune.skippedForeign.length, 'stage')} managed by another repository** (${tag} names another repository): ${codeList(prune.skippedForeign, cap)}`,
    );
  }
  return lines.join('\n');
}

/** Version, commit, run link, event, plan hash: where this comment came from. */
export function footer(plan: Plan, context: RenderContext, apply: ApplyView | undefined): string {
  const verb = apply ? 'applied from' : 'planned at';
  const parts = [
    `stage-sync ${inlineCode(context.toolVersion)}`,
    `${verb} commit ${commitLink(context)}`,
  ];
  if (safeHttpUrl(context.runUrl)) parts.push(markdownLink('workflow run', context.runUrl));
  if (context.eventName) parts.push(`event ${inlineCode(context.eventName)}`);
  parts.push(`plan ${inlineCode(plan.hash)}`);
  if (!plan.prune.enabled) parts.push('prune off');
  if (context.generatedAt) parts.push(inlineCode(context.generatedAt));
  return `---\n\n<sub>${parts.join(' · ')}</sub>`;
}
