/**
 * The one order of a plan's changes, used by the planner and by every renderer, so that the
 * apply, the comment, the summary and the log list stages the same way.
 */
import type { ChangeAction, StageChange } from './types.ts';

/** Riskiest first: what destroys comes first, so it is the last thing a shortened comment drops. */
export const ACTION_ORDER: readonly ChangeAction[] = ['delete', 'create', 'update', 'no-op'];

/** Strings by UTF-16 code unit, as `Array.prototype.sort` does: locale-independent and byte-stable. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Changes by action (ACTION_ORDER), then logical name, then identifier. */
export function compareChanges(a: StageChange, b: StageChange): number {
  return (
    ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) ||
    compareText(a.name, b.name) ||
    compareText(a.identifier, b.identifier)
  );
}
