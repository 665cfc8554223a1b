/**
 * What a reviewer is shown for one stage change, independent of the output format: the
 * property lines of a create (every property set), a delete (every property lost) or an update
 * (only the differing properties, old and new). Markdown and plain text format the same lines.
 */
import type { PropertyDiff, PropertyDiffKind, StageChange } from '../plan/types.ts';
import { ACTION_ORDER } from './styles.ts';

export interface PropertyLine {
  readonly kind: PropertyDiffKind;
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly forcesReplacement: boolean;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function wholeObject(
  properties: Readonly<Record<string, unknown>>,
  kind: 'added' | 'removed',
): PropertyLine[] {
  return Object.keys(properties)
    .filter((key) => properties[key] !== undefined)
    .sort(byString)
    .map((path) =>
      kind === 'added'
        ? { kind, path, after: properties[path], forcesReplacement: false }
        : { kind, path, before: properties[path], forcesReplacement: false },
    );
}

/** Property diffs as lines, sorted by path so output is byte-stable whatever the input order. */
export function diffLines(diffs: readonly PropertyDiff[]): PropertyLine[] {
  return [...diffs].sort((a, b) => byString(a.path, b.path)).map((diff) => ({ ...diff }));
}

/** The lines shown for a change: all properties of a create or delete, the diffs of an update. */
export function propertyLines(change: StageChange): PropertyLine[] {
  switch (change.action) {
    case 'create':
      return wholeObject(change.after, 'added');
    case 'delete':
      return wholeObject(change.before, 'removed');
    case 'update':
      return diffLines(change.diffs);
    case 'no-op':
      return [];
  }
}

/** True when an update changes a create-only property (which cannot change in place). */
export function forcesReplacement(change: StageChange): boolean {
  return change.action === 'update' && change.diffs.some((diff) => diff.forcesReplacement);
}

/** Changes in display order: by action (deletes first), then name, then identifier. */
export function sortChanges(changes: readonly StageChange[]): StageChange[] {
  return [...changes].sort(
    (a, b) =>
      ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) ||
      byString(a.name, b.name) ||
      byString(a.identifier, b.identifier),
  );
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
