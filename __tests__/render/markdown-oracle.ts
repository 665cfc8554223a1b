/**
 * Small checks of rendered Markdown that follow GitHub's parser (cmark-gfm) where it matters for
 * hostile text. No GFM parser is installed, and Prettier's bundled remark splits table rows
 * differently from cmark-gfm, so these implement the few rules the tests rely on.
 */
import assert from 'node:assert/strict';

/**
 * Cells of a GFM table row as cmark-gfm splits them: on every `|` not directly preceded by a
 * backslash (its cell scanner `(escaped_char | [^|\r\n])+` takes the longest match, so the
 * backslash before a pipe always escapes it), ignoring a leading and a trailing pipe.
 */
export function splitGfmRow(line: string): string[] {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '|' && text[i - 1] !== '\\') {
      cells.push(current);
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') cells.push(current);
  return cells;
}

/** Backtick runs and the code spans they make on one line, removed (CommonMark §6.1). */
function stripCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      out += line[i];
      i++;
      continue;
    }
    let n = 0;
    while (line[i + n] === '`') n++;
    // Find a closing run of exactly n backticks.
    let j = i + n;
    let closeAt = -1;
    while (j < line.length) {
      if (line[j] === '`') {
        let m = 0;
        while (line[j + m] === '`') m++;
        if (m === n) {
          closeAt = j;
          break;
        }
        j += m;
      } else j++;
    }
    if (closeAt === -1) {
      out += '`'.repeat(n);
      i += n;
    } else {
      i = closeAt + n;
    }
  }
  return out;
}

/**
 * The Markdown with everything that renders as code removed: fenced blocks, code spans and
 * `<code>` elements. What remains is what GitHub would parse as Markdown/HTML and scan for
 * mentions, so hostile text must not survive in it.
 */
export function stripCode(markdown: string): string {
  const lines = markdown.split('\n');
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    if (fence !== undefined) {
      if (new RegExp(`^${fence}\`*\\s*$`).test(line)) fence = undefined;
      continue;
    }
    const open = /^(`{3,})/.exec(line);
    if (open) {
      fence = open[1];
      continue;
    }
    kept.push(stripCodeSpans(line).replace(/<code>[\s\S]*?<\/code>/g, ''));
  }
  return kept.join('\n');
}

/** Fenced code blocks that never close (which would swallow the rest of the page). */
export function unclosedFence(markdown: string): boolean {
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      if (new RegExp(`^${fence}\`*\\s*$`).test(line)) fence = undefined;
    } else {
      const open = /^(`{3,})/.exec(line);
      if (open) fence = open[1];
    }
  }
  return fence !== undefined;
}

/**
 * Every GFM table in the Markdown (outside code): for each, the cell count of its header and of
 * each of its rows.
 */
export function tableShapes(markdown: string): { header: number; rows: number[] }[] {
  const lines = stripCode(markdown).split('\n');
  const tables: { header: number; rows: number[] }[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const delimiter = lines[i + 1] ?? '';
    if (!(lines[i] ?? '').startsWith('|') || !/^\|(\s*:?-+:?\s*\|)+$/.test(delimiter)) continue;
    const table = { header: splitGfmRow(lines[i] ?? '').length, rows: [] as number[] };
    let j = i + 2;
    while ((lines[j] ?? '').startsWith('|')) {
      table.rows.push(splitGfmRow(lines[j] ?? '').length);
      j++;
    }
    tables.push(table);
    i = j;
  }
  return tables;
}

/** Counts of `<details` openings and `</details>` closings outside code. */
export function detailsBalance(markdown: string): { open: number; close: number } {
  const text = stripCode(markdown);
  return {
    open: (text.match(/<details[ >]/g) ?? []).length,
    close: (text.match(/<\/details>/g) ?? []).length,
  };
}

/** Structure every body must have, whatever the plan: balanced blocks, rectangular tables. */
export function assertWellFormed(body: string): void {
  assert.equal(unclosedFence(body), false, 'a code fence is left open');
  const balance = detailsBalance(body);
  assert.equal(balance.open, balance.close, 'unbalanced <details>');
  for (const table of tableShapes(body)) {
    for (const cells of table.rows)
      assert.equal(cells, table.header, 'a table row has the wrong number of cells');
  }
}
