/**
 * Everything stage-sync did not write itself (stage names, identifiers, file paths, property
 * values, AWS messages, the target) is data, never markup. The rule that keeps it so is simple
 * and checked in one place: data only ever appears inside a code span, an HTML `<code>` element
 * with escaped text, or a fenced code block, after its invisible characters are made visible.
 *
 * Why code and not backslash-escaping: inside code GitHub renders no HTML, no Markdown, no
 * autolinks, and its mention and reference filters skip `code`/`pre` elements, so `@team` cannot
 * ping and `#12` cannot link. What remains to handle is what can still break out of code:
 * - backticks: the delimiter is one backtick longer than the longest run in the content
 *   (CommonMark 0.31 §6.1 "Code spans"; §4.5 for fences);
 * - pipes in table cells: GFM splits a row on every `|` not preceded by a backslash, even inside a
 *   code span, and then drops the backslash (GFM spec §4.10 "Tables", cmark-gfm `unescape_pipes`);
 * - line breaks: they end a table row or an HTML block, so they are shown as `\n`;
 * - bidirectional controls and zero-width characters, which can make a value read differently
 *   from what it is ("Trojan Source", CVE-2021-42574): shown as `\uXXXX`.
 */

/**
 * Characters shown as an escape instead of themselves: C0 and C1 controls, DEL, zero-width and
 * joiner characters, bidi marks/embeddings/isolates, line/paragraph separators and the BOM.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb]/gu;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\uXXXX` (or `\n`, `\r`, `\t`) for one invisible character, JSON's notation. */
function escapeInvisible(char: string): string {
  return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Replaces control, bidi and zero-width characters with visible JSON-style escapes. */
export function revealInvisible(text: string): string {
  return text.replace(INVISIBLE, escapeInvisible);
}

/**
 * Data for one line of the job log: invisible characters revealed, so a line break cannot start
 * a new line, and a leading `::` shown as `:\u003a`, so the data cannot be read as a workflow
 * command even when it opens a line. The runner treats a line starting with `::` as a command
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands),
 * including `::stop-commands::`, which would silence every later annotation; it trims the line
 * first, so the indent does not protect it. Its older syntax, `##[command]`, is found anywhere in
 * a line (actions/runner `src/Runner.Common/ActionCommand.cs`, the `##[` prefix of
 * `TryParse`), so every `##[` is shown as `#\u0023[`.
 */
export function logText(text: string): string {
  const revealed = revealInvisible(text).replaceAll('##[', '#\\u0023[');
  const indent = /^\s*/.exec(revealed)?.[0] ?? '';
  return revealed.startsWith('::', indent.length)
    ? `${indent}:\\u003a${revealed.slice(indent.length + 2)}`
    : revealed;
}

/** Length of the longest run of `char` in `text` (0 when absent). */
export function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

export interface InlineCodeOptions {
  /** Escape `|` as `\|`, which a GFM table cell needs even inside a code span. */
  readonly inTable?: boolean;
}

/**
 * Data as a Markdown code span that renders exactly the (revealed) text, whatever it contains.
 * The empty string renders as an explicit `(empty)` marker so that a table cell is never blank.
 */
export function inlineCode(text: string, options: InlineCodeOptions = {}): string {
  if (text === '') return '*(empty)*';
  let content = revealInvisible(text);
  if (options.inTable) content = content.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  // CommonMark strips one space from each side when both are spaces, and a content starting or
  // ending with a backtick would merge with the delimiter: pad with a space in those cases.
  const pad =
    content.startsWith('`') ||
    content.endsWith('`') ||
    (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '')
      ? ' '
      : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an HTML context (attribute or element content): `& < > " '` as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Data as an HTML `<code>` element, for places where Markdown is not parsed (a `<summary>`
 * inside an HTML block). GitHub's mention filter skips `code` elements.
 */
export function htmlCode(text: string): string {
  if (text === '') return '<i>(empty)</i>';
  return `<code>${escapeHtml(revealInvisible(text))}</code>`;
}

/**
 * A fenced code block whose fence no line of `content` can close: backticks, one longer than
 * the longest backtick run in the content and never fewer than three.
 */
export function fencedBlock(info: string, content: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
  return `${fence}${info}\n${content}\n${fence}`;
}

/**
 * The URL if it is an absolute http(s) URL, normalised and with the characters that would end a
 * Markdown link destination (`(`, `)`, space, `<`, `>`) percent-encoded; otherwise `undefined`,
 * so that callers render text without a link rather than a link to something unexpected.
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(
    /[()<> ]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A Markdown link, or the label alone when the URL is not a safe http(s) URL. */
export function markdownLink(label: string, url: string | undefined): string {
  const safe = safeHttpUrl(url);
  return safe ? `[${label}](${safe})` : label;
}

/** One GFM table row from already-escaped cells. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
