/**
 * Property values as JSON, the way a reviewer reads them: on one line when it fits, otherwise
 * expanded one level at a time (the layout Prettier uses), object keys sorted so the same value
 * always prints the same, and invisible characters escaped so a value cannot hide text.
 */
import { revealInvisible } from './escape.ts';

/** Width past which a value is expanded over several lines. */
export const JSON_LINE_WIDTH = 80;

const INDENT = '  ';

/** JSON text of a string, with bidi/zero-width characters escaped as JSON.stringify does not. */
function jsonString(value: string): string {
  return revealInvisible(JSON.stringify(value));
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortedEntries(value: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One-line JSON with `, ` and `: ` separators and sorted keys. */
export function compactJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (typeof value === 'string') return jsonString(value);
  if (Array.isArray(value)) return `[${value.map(compactJson).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = sortedEntries(value).map(([k, v]) => `${jsonString(k)}: ${compactJson(v)}`);
    return `{${entries.join(', ')}}`;
  }
  // Numbers, booleans and null: JSON.stringify maps NaN/Infinity to null as JSON requires.
  return JSON.stringify(value) ?? 'null';
}

/**
 * The lines of `value` as JSON, the first without indentation and the rest indented relative to
 * it; `used` is how many columns the first line already has before the value starts.
 */
export function layoutJson(value: unknown, used = 0, width = JSON_LINE_WIDTH): string[] {
  const compact = compactJson(value);
  if (used + compact.length <= width) return [compact];
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return [compact];
  const children: [string, unknown][] = isArray
    ? value.map((item): [string, unknown] => ['', item])
    : sortedEntries(value).map(([k, v]): [string, unknown] => [`${jsonString(k)}: `, v]);
  if (children.length === 0) return [compact];
  const lines = [isArray ? '[' : '{'];
  children.forEach(([prefix, child], index) => {
    const childLines = layoutJson(child, INDENT.length + prefix.length, width);
    const comma = index < children.length - 1 ? ',' : '';
    childLines.forEach((line, lineIndex) => {
      const head = lineIndex === 0 ? prefix : '';
      const tail = lineIndex === childLines.length - 1 ? comma : '';
      lines.push(`${INDENT}${head}${line}${tail}`);
    });
  });
  lines.push(isArray ? ']' : '}');
  return lines;
}
