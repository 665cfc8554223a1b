/**
 * Fitting a rendered plan into a size limit by leaving out whole blocks, never by cutting text:
 * a cut could leave an open `<details>`, code fence or table row that swallows the rest of the
 * page. Each step leaves out more, in the order a reviewer misses it least, and the body says
 * visibly what was left out and where the rest is:
 *
 * 1. everything;
 * 2. the collapsed list of unchanged stages;
 * 3. the largest property diffs, one at a time, until the rest fits;
 * 4. the stage table alone (no diffs);
 * 5. the first rows of the table (deletions come first, so they are the last to go);
 * 6. the summary and a pointer to the full plan;
 * 7. then the notes after the diffs, and the last rows of the failed stages (an apply's
 *    failures are what a reader of a failed apply needs most, so they go last).
 */
import { plural } from './change-view.ts';
import { inlineCode } from './escape.ts';

/** How far a body had to degrade to fit. */
export type FitLevel =
  'full' | 'without-unchanged' | 'some-diffs' | 'list-only' | 'partial-list' | 'summary-only';

/** What a fitted body left out. */
export interface Omitted {
  readonly level: FitLevel;
  /** True when the collapsed list of unchanged stages was left out. */
  readonly unchangedList: boolean;
  /** Names of the stages whose property diffs were left out, largest first. */
  readonly diffs: readonly string[];
  /** Number of stages left out of the stage table. */
  readonly rows: number;
}

/** One stage's property diff block, with the name the omission note uses for it. */
export interface DiffBlock {
  readonly name: string;
  readonly markdown: string;
}

/** The failed stages of an apply: a table whose last rows fitting may leave out. */
export interface FailureRows {
  /** Heading and table header. */
  readonly header: string;
  readonly rows: readonly string[];
  /** Failures not among `rows` already (the comment lists at most so many). */
  readonly beyond: number;
}

/** A rendered plan cut into the blocks that fitting may leave out. */
export interface Sections {
  /** The hidden first line, which depends on whether the body was truncated. */
  readonly record?: (truncated: boolean) => string;
  /** Title, summary and alerts: always kept. */
  readonly head: readonly string[];
  /** After the head: an apply's failed stages. */
  readonly failures?: FailureRows;
  /** The line under the failures table when `n` failures are not listed. */
  readonly moreFailures?: (n: number) => string;
  /** The stage table: the header (two lines) and one line per stage, in display order. */
  readonly table?: { readonly header: string; readonly rows: readonly string[] };
  /** The collapsed list of unchanged stages. */
  readonly unchanged?: string;
  /** Heading shown above the diffs while at least one is kept. */
  readonly diffsHeading: string;
  readonly diffs: readonly DiffBlock[];
  /** Notes after the diffs (prune report, apply details): kept unless nothing else fits. */
  readonly tail: readonly string[];
  readonly footer: string;
}

export interface FitOptions {
  /** Largest allowed size, in the unit of `measure`. */
  readonly budget: number;
  readonly measure: (text: string) => number;
  /** The limit in words, for the note: `GitHub's 65,536-character comment limit`. */
  readonly limitLabel: string;
  /** Markdown sentence saying where the full plan is. */
  readonly pointer: string;
}

export interface Fitted {
  readonly body: string;
  readonly truncated: boolean;
  readonly omitted: Omitted;
}

const SEPARATOR = '\n\n';
/** Stage names listed in the omission note before "and N more". */
const NOTE_NAME_LIMIT = 10;

interface Candidate {
  readonly level: FitLevel;
  readonly unchanged: boolean;
  readonly keptDiffs: readonly DiffBlock[];
  readonly omittedDiffs: readonly string[];
  readonly rows: readonly string[] | undefined;
  readonly omittedRows: number;
  readonly tail: boolean;
  /** Failure rows kept; all when undefined. */
  readonly failureRows?: number;
}

function nameList(names: readonly string[]): string {
  const shown = names.slice(0, NOTE_NAME_LIMIT).map((name) => inlineCode(name));
  const more = names.length - shown.length;
  return more > 0
    ? `${shown.join(', ')} and ${more.toLocaleString('en-US')} more`
    : shown.join(', ');
}

/** The visible note saying what a candidate left out; empty for the full body. */
function omissionNote(candidate: Candidate, sections: Sections, options: FitOptions): string {
  if (candidate.level === 'full') return '';
  const parts: string[] = [];
  const totalDiffs = sections.diffs.length;
  if (candidate.level === 'summary-only') {
    parts.push('The stage table and the property changes are left out.');
  } else if (candidate.level === 'partial-list') {
    const listed = (sections.table?.rows.length ?? 0) - candidate.omittedRows;
    parts.push(
      `Only the first ${plural(listed, 'stage')} of the table are listed (deletions first); ${plural(candidate.omittedRows, 'stage')} and all property changes are left out.`,
    );
  } else if (candidate.level === 'list-only' && totalDiffs > 0) {
    parts.push(`The property changes of all ${plural(totalDiffs, 'stage')} are left out.`);
  } else if (candidate.omittedDiffs.length > 0) {
    parts.push(
      `The property changes of ${plural(candidate.omittedDiffs.length, 'stage')} are left out, largest first: ${nameList(candidate.omittedDiffs)}.`,
    );
  }
  if (!candidate.unchanged && sections.unchanged !== undefined) {
    parts.push('The list of unchanged stages is left out.');
  }
  const failureRows = sections.failures?.rows.length ?? 0;
  if (candidate.failureRows !== undefined && candidate.failureRows < failureRows) {
    parts.push(
      `Only the first ${plural(candidate.failureRows, 'failed stage')} are listed, with AWS's messages.`,
    );
  }
  return [
    '> [!NOTE]',
    `> **Shortened to fit ${options.limitLabel}.** ${parts.join(' ')} ${options.pointer}`,
  ].join('\n');
}

function assemble(candidate: Candidate, sections: Sections, options: FitOptions): string {
  const truncated = candidate.level !== 'full';
  const blocks: string[] = [...sections.head];
  if (sections.failures) {
    const { header, rows, beyond } = sections.failures;
    const kept = rows.slice(0, candidate.failureRows ?? rows.length);
    const omitted = beyond + rows.length - kept.length;
    const more =
      omitted > 0 && sections.moreFailures ? `\n\n${sections.moreFailures(omitted)}` : '';
    blocks.push([header, ...kept].join('\n') + more);
  }
  const note = omissionNote(candidate, sections, options);
  if (note) blocks.push(note);
  if (sections.table && candidate.rows) {
    const more =
      candidate.omittedRows > 0 ? `\n\n*…and ${plural(candidate.omittedRows, 'more stage')}.*` : '';
    blocks.push([sections.table.header, ...candidate.rows].join('\n') + more);
  }
  if (candidate.unchanged && sections.unchanged) blocks.push(sections.unchanged);
  if (candidate.keptDiffs.length > 0) {
    blocks.push(sections.diffsHeading, ...candidate.keptDiffs.map((diff) => diff.markdown));
  }
  if (candidate.tail) blocks.push(...sections.tail);
  blocks.push(sections.footer);
  const body = blocks.filter((block) => block !== '').join(SEPARATOR) + '\n';
  return sections.record ? `${sections.record(truncated)}\n${body}` : body;
}

/**
 * The smallest `n` in [low, high] for which `fits(n)` holds, assuming it holds from some point on
 * (sizes shrink as more is left out; the omission note's digits barely move), or undefined.
 * A binary search keeps a plan of thousands of stages to a dozen assemblies.
 */
function smallestFitting(
  low: number,
  high: number,
  fits: (n: number) => boolean,
): number | undefined {
  if (low > high || !fits(high)) return undefined;
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}

/** Leaves out the fewest diffs, largest first, for the rest to fit. */
function dropLargestDiffs(sections: Sections, options: FitOptions): Candidate | undefined {
  const byIndex = sections.diffs.map((diff, index) => ({
    diff,
    index,
    size: options.measure(diff.markdown),
  }));
  const largestFirst = [...byIndex].sort((a, b) => b.size - a.size || a.index - b.index);
  const candidateDropping = (dropped: number): Candidate => {
    const omitted = new Set(largestFirst.slice(0, dropped).map((item) => item.index));
    return {
      level: 'some-diffs',
      unchanged: false,
      keptDiffs: byIndex.filter((item) => !omitted.has(item.index)).map((item) => item.diff),
      omittedDiffs: largestFirst.slice(0, dropped).map((item) => item.diff.name),
      rows: sections.table?.rows,
      omittedRows: 0,
      tail: true,
    };
  };
  const fits = (dropped: number): boolean =>
    options.measure(assemble(candidateDropping(dropped), sections, options)) <= options.budget;
  // Dropping every diff is the list-only step, which says so differently.
  const dropped = smallestFitting(1, largestFirst.length - 1, fits);
  return dropped === undefined ? undefined : candidateDropping(dropped);
}

/** The most table rows (in display order) that fit, or undefined when not even one does. */
function partialTable(sections: Sections, options: FitOptions): Candidate | undefined {
  const rows = sections.table?.rows ?? [];
  const candidateKeeping = (kept: number): Candidate => ({
    level: 'partial-list',
    unchanged: false,
    keptDiffs: [],
    omittedDiffs: sections.diffs.map((diff) => diff.name),
    rows: rows.slice(0, kept),
    omittedRows: rows.length - kept,
    tail: true,
  });
  const fitsLeavingOut = (omitted: number): boolean =>
    options.measure(assemble(candidateKeeping(rows.length - omitted), sections, options)) <=
    options.budget;
  const omitted = smallestFitting(1, rows.length - 1, fitsLeavingOut);
  return omitted === undefined ? undefined : candidateKeeping(rows.length - omitted);
}

/** The most failure rows that fit with nothing else but the head, or undefined. */
function partialFailures(
  base: Candidate,
  sections: Sections,
  options: FitOptions,
): Candidate | undefined {
  const rows = sections.failures?.rows.length ?? 0;
  const keeping = (kept: number): Candidate => ({
    ...base,
    level: 'summary-only',
    failureRows: kept,
  });
  const fitsLeavingOut = (omitted: number): boolean =>
    options.measure(assemble(keeping(rows - omitted), sections, options)) <= options.budget;
  const omitted = smallestFitting(1, rows, fitsLeavingOut);
  return omitted === undefined ? undefined : keeping(rows - omitted);
}

/**
 * The largest rendering of `sections` within `options.budget`, with a visible note of what was
 * left out. Never throws; if even the summary alone is over budget (a target string of many
 * kilobytes, say), that summary is returned and the caller's size check decides.
 */
export function fitSections(sections: Sections, options: FitOptions): Fitted {
  const allNames = sections.diffs.map((diff) => diff.name);
  const rows = sections.table?.rows;
  const full: Candidate = {
    level: 'full',
    unchanged: true,
    keptDiffs: sections.diffs,
    omittedDiffs: [],
    rows,
    omittedRows: 0,
    tail: true,
  };
  const listOnly: Candidate = {
    ...full,
    level: 'list-only',
    unchanged: false,
    keptDiffs: [],
    omittedDiffs: allNames,
  };
  const summaryOnly: Candidate = {
    ...listOnly,
    level: 'summary-only',
    rows: undefined,
    omittedRows: rows?.length ?? 0,
  };
  const steps: (() => Candidate | undefined)[] = [
    () => full,
    () =>
      sections.unchanged ? { ...full, level: 'without-unchanged', unchanged: false } : undefined,
    () => dropLargestDiffs(sections, options),
    () => listOnly,
    () => partialTable(sections, options),
    () => summaryOnly,
    () => ({ ...summaryOnly, tail: false }),
    () => partialFailures({ ...summaryOnly, tail: false }, sections, options),
  ];
  let last: Candidate = full;
  for (const step of steps) {
    const candidate = step();
    if (!candidate) continue;
    last = candidate;
    const body = assemble(candidate, sections, options);
    if (options.measure(body) <= options.budget) return fitted(candidate, body, sections);
  }
  return fitted(last, assemble(last, sections, options), sections);
}

function fitted(candidate: Candidate, body: string, sections: Sections): Fitted {
  return {
    body,
    truncated: candidate.level !== 'full',
    omitted: {
      level: candidate.level,
      unchangedList: sections.unchanged !== undefined && !candidate.unchanged,
      diffs: candidate.omittedDiffs,
      rows: candidate.omittedRows,
    },
  };
}

/** Size as GitHub counts a comment body: characters; UTF-16 units never undercount them. */
export function characterCount(text: string): number {
  return text.length;
}

/** Size in UTF-8 bytes, as the job summary's 1 MiB limit counts it, without allocating. */
export function utf8ByteCount(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
