/**
 * What a reviewer is shown for one stage change, independent of the output format: the
 * property lines of a create (every property set), a delete (every property lost) or an update
 * (only the differing properties, old and new). Markdown and plain text format the same lines.
 */
import { compareChanges, compareText } from '../plan/order.ts';
import type { Plan, PropertyDiff, PropertyDiffKind, StageChange } from '../plan/types.ts';
import { DEFAULT_STAGE_TYPE, STAGE_TYPES } from '../stage-types/index.ts';

export interface PropertyLine {
  readonly kind: PropertyDiffKind;
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Why the apply does not make this change (AWS cannot change it in place), when it does not. */
  readonly note?: string;
}

/** Property diffs as lines, sorted by path so output is byte-stable whatever the input order. */
export function diffLines(diffs: readonly PropertyDiff[]): PropertyLine[] {
  return [...diffs].sort((a, b) => compareText(a.path, b.path)).map((diff) => ({ ...diff }));
}

/**
 * The lines shown for a change: what a create sets, what a delete takes away, what an update
 * changes, all from the planner's diffs (resource paths in natural form everywhere). A no-op has
 * none, unless it shows changes AWS cannot make in place.
 */
export function propertyLines(change: StageChange): PropertyLine[] {
  return diffLines(change.diffs);
}

/** True when a change shows a change the apply cannot make in place (a diff with a note). */
export function hasNotInPlace(change: StageChange): boolean {
  return change.diffs.some((diff) => diff.note !== undefined);
}

/**
 * Why the previous specs could not be read, when that matters (an existing stage was compared, so
 * fields dropped inside kept objects are not removed: plan/types.ts PreviousSpecsReport).
 */
export function previousSpecsUnread(plan: Plan): string | undefined {
  const { previousSpecs } = plan;
  if (previousSpecs.status === 'read') return undefined;
  if (!plan.changes.some((change) => change.action === 'update' || change.action === 'no-op'))
    return undefined;
  return previousSpecs.reason;
}

/** The consequence, in words, after `The specs of the last apply could not be read (reason)`. */
export function previousSpecsUnreadNote(changes: readonly StageChange[]): string {
  const types = STAGE_TYPES.filter(
    (type) =>
      type === DEFAULT_STAGE_TYPE || changes.some((change) => change.type === type.typeName),
  );
  return `a field no longer declared inside ${types.map((type) => type.keptObjectsInWords).join(', or ')} is left as AWS has it, not removed.`;
}

/** Changes in display order: the planner's one order (plan/order.ts). */
export function sortChanges(changes: readonly StageChange[]): StageChange[] {
  return [...changes].sort(compareChanges);
}

/** `1 stage`, `2 stages`, `1,234 stages`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** `0.4 s`, `12.3 s`, `2 min 5 s`: precise enough for a reviewer, stable for a given input. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
