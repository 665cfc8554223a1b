/**
 * One stage's property changes as a collapsible ```diff block. Lines use Terraform's signs and
 * GitHub's diff highlighting: `+` (green) a property set, `-` (red) a property removed, `~` a
 * changed property, followed by its old value on a `-` line and its new value on a `+` line, so
 * every old value is red and every new value green. Values are JSON.
 */
import type { StageChange } from '../plan/types.ts';
import { type PropertyLine, hasNotInPlace, plural, propertyLines } from './change-view.ts';
import { escapeHtml, fencedBlock, htmlCode, revealInvisible } from './escape.ts';
import { layoutJson } from './json-layout.ts';
import { changeNotesOf, identifierNoteOf, releaseKindOf } from './release-view.ts';
import { ACTION_STYLES } from './styles.ts';

/** A block opens by itself when its diff is at most this many lines. */
export const OPEN_WHEN_AT_MOST_LINES = 20;

/** `sign path: value`, continuing a multi-line value on lines with the same sign. */
function valueLines(sign: string, path: string, value: unknown, mark: string): string[] {
  const head = `${sign} ${path}: `;
  const [first = '', ...rest] = layoutJson(value, head.length);
  return [`${head}${first}${mark}`, ...rest.map((line) => `${sign} ${line}`)];
}

/** Old and new value under a `~` line, indented so they read as one change. */
function oldNewLines(before: unknown, after: unknown): string[] {
  const indent = '  ';
  const side = (sign: string, value: unknown): string[] =>
    layoutJson(value, 2 + indent.length).map((line) => `${sign} ${indent}${line}`);
  return [...side('-', before), ...side('+', after)];
}

/** The diff lines (without fence) for some property lines. */
export function markdownDiffLines(lines: readonly PropertyLine[]): string[] {
  return lines.flatMap((line) => {
    const path = revealInvisible(line.path);
    const mark = line.note === undefined ? '' : `  # ${revealInvisible(line.note)}`;
    switch (line.kind) {
      case 'added':
        return valueLines('+', path, line.after, mark);
      case 'removed':
        return valueLines('-', path, line.before, mark);
      case 'changed':
        return [`~ ${path}:${mark}`, ...oldNewLines(line.before, line.after)];
    }
  });
}

/** A `<details>` block around a ```diff fence, open when the diff is short. */
export function diffDetails(summaryHtml: string, lines: readonly string[]): string {
  const open = lines.length <= OPEN_WHEN_AT_MOST_LINES ? ' open' : '';
  return [
    `<details${open}>`,
    `<summary>${summaryHtml}</summary>`,
    '',
    fencedBlock('diff', lines.join('\n')),
    '',
    '</details>',
  ].join('\n');
}

/** `3 changes` for an update (or a no-op's changes AWS cannot make), `6 properties` for a create or delete. */
export function changeCountLabel(change: StageChange): string {
  const count = propertyLines(change).length;
  return change.action === 'update' || change.action === 'no-op'
    ? plural(count, 'change')
    : plural(count, 'property', 'properties');
}

/** The `<summary>` of a stage's block: action, name, identifier and size, as escaped HTML. */
export function changeSummaryHtml(change: StageChange): string {
  const style = ACTION_STYLES[change.action];
  const replaces = hasNotInPlace(change) ? ' · ⚠️ not in place' : '';
  const name = change.name === change.identifier ? '' : `${htmlCode(change.name)} · `;
  const note = identifierNoteOf(change, htmlCode);
  const api = note === undefined ? '' : ` (${note})`;
  const kind = releaseKindOf(change);
  const step = kind ? ` · 🐤 ${kind}` : '';
  return `${style.emoji} <b>${escapeHtml(style.label)}</b> ${name}${htmlCode(change.identifier)}${api} · ${changeCountLabel(change)}${replaces}${step}`;
}

/** The collapsible property diff of one changed stage; a release step is said first, as a comment. */
export function changeDiffBlock(change: StageChange): string {
  const head = changeNotesOf(change).map((note) => `# ${revealInvisible(note)}`);
  return diffDetails(changeSummaryHtml(change), [
    ...head,
    ...markdownDiffLines(propertyLines(change)),
  ]);
}
