/**
 * Parses one YAML spec file into its value plus an index from each property path to where its
 * key and value were written, so every problem can be reported at its file, line and column.
 * js-yaml's `load` builds the value; its event stream (`parseEvents`, which carries source
 * offsets) builds the index.
 */
import { load, parseEvents, YAMLException, type Event } from 'js-yaml';
import { MAX_ALIAS_EXPANSION } from './limits.ts';

/** A location in a value: object keys and array indices from the document root. */
export type ValuePath = readonly (string | number)[];

/** 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface YamlDocument {
  readonly value: unknown;
  /** Where the value at `path` starts, or where its key was written when `at` is `key`. */
  locate(path: ValuePath, at?: 'key' | 'value'): Position;
}

export class YamlSyntaxError extends Error {
  readonly position: Position;
  constructor(message: string, position: Position) {
    super(message);
    this.name = 'YamlSyntaxError';
    this.position = position;
  }
}

// Event type ids of js-yaml 5's event stream (EVENT_ID): document, sequence, mapping, scalar, alias, pop.
const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const ALIAS = 5;
const POP = 6;
// SCALAR_STYLE.PLAIN: only an unquoted `<<` is a merge key (https://yaml.org/type/merge.html).
const PLAIN = 1;
const SINGLE_QUOTED = 2;
const DOUBLE_QUOTED = 3;

const FIRST_POSITION: Position = { line: 1, column: 1 };

/** Where each line starts. YAML breaks lines at `\r\n`, `\r` and `\n`, as js-yaml's own marks do. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] as number) + 1 };
}

function eventOffset(event: Event, text: string): number {
  // A quoted scalar's value starts after its quote; annotations should point at the quote.
  if (event.type === SCALAR)
    return event.valueStart - (/["']/.test(text[event.valueStart - 1] ?? '') ? 1 : 0);
  if (event.type === MAPPING || event.type === SEQUENCE) return event.start;
  if ('anchorStart' in event && event.anchorStart >= 0) return event.anchorStart;
  return -1;
}

interface Located {
  key?: number;
  value: number;
}

/** Walks the event stream once, recording the offsets of every key and value by path. */
function indexOffsets(events: readonly Event[], text: string): Map<string, Located> {
  const index = new Map<string, Located>();
  let cursor = 0;

  const scalarText = (event: Event): string =>
    event.type === SCALAR ? text.slice(event.valueStart, event.valueEnd) : '';

  // Returns after consuming one node (and its children) starting at events[cursor].
  const walk = (path: (string | number)[]): void => {
    const event = events[cursor++];
    if (!event) return;
    const key = JSON.stringify(path);
    const entry = index.get(key);
    index.set(key, { ...entry, value: eventOffset(event, text) });
    if (event.type === MAPPING) {
      while (events[cursor] && events[cursor]?.type !== POP) {
        const keyEvent = events[cursor++] as Event;
        // Keys are plain scalars in a spec; complex keys are indexed by their text.
        const name = keyEvent.type === SCALAR ? keyName(scalarText(keyEvent), keyEvent.style) : '';
        if (keyEvent.type !== SCALAR) skipRest(keyEvent);
        index.set(JSON.stringify([...path, name]), { key: eventOffset(keyEvent, text), value: -1 });
        walk([...path, name]);
      }
      cursor++;
    } else if (event.type === SEQUENCE) {
      let item = 0;
      while (events[cursor] && events[cursor]?.type !== POP) walk([...path, item++]);
      cursor++;
    }
  };

  // A non-scalar key: consume its children so the walk stays aligned.
  const skipRest = (event: Event): void => {
    if (event.type !== MAPPING && event.type !== SEQUENCE) return;
    let depth = 1;
    while (depth > 0 && cursor < events.length) {
      const next = events[cursor++] as Event;
      if (next.type === MAPPING || next.type === SEQUENCE) depth++;
      else if (next.type === POP) depth--;
    }
  };

  if (events[0]?.type === DOCUMENT) cursor = 1;
  walk([]);
  return index;
}

/** A plain key that loads as itself: no number, boolean, null or escape to resolve. */
const LITERAL_KEY = /^[A-Za-z_][\w-]*$/;
/** Plain words js-yaml's YAML 1.2 core schema resolves (yes, no, on and off stay text there). */
const RESOLVED_WORDS = /^(true|false|null)$/i;

/**
 * A scalar key (its text and SCALAR_STYLE) as the loaded document names it: js-yaml loads the
 * key and makes a string of it, so `1.10` is "1.1", `~` is "null" and `"Te\x73t"` is "Test".
 * Indexed by its raw text instead, a problem under such a key was put at another key's line.
 */
function keyName(raw: string, style: number | undefined): string {
  const quote = style === DOUBLE_QUOTED ? '"' : style === SINGLE_QUOTED ? "'" : '';
  const source = quote && !raw.startsWith(quote) ? `${quote}${raw}${quote}` : raw;
  if (!quote && LITERAL_KEY.test(source) && !RESOLVED_WORDS.test(source)) return source;
  if (source === '') return 'null';
  try {
    return String(load(source));
  } catch {
    return raw;
  }
}

/**
 * Checks the event stream before anything is built from it, so each of these is one clear problem
 * at its own line instead of a knock-on cascade: duplicate keys (named, with their first line),
 * merge keys (`<<`), aliases that expand past MAX_ALIAS_EXPANSION values, and an alias inside the
 * value its own anchor names.
 */
function checkStructure(events: readonly Event[], text: string, starts: readonly number[]): void {
  const anchors = new Map<string, number>();
  /** Anchors whose node is still being read: an alias to one would make a value contain itself. */
  const open = new Set<string>();
  const merges: number[] = [];
  let expansion = 0;
  let cursor = events[0]?.type === DOCUMENT ? 1 : 0;
  const lineOf = (offset: number): number => positionAt(starts, offset).line;

  // Consumes one node; returns how many values it stands for once its aliases are expanded.
  const node = (): number => {
    const event = events[cursor++];
    if (!event) return 0;
    let size = 1;
    if (event.type === ALIAS) {
      const name = text.slice(event.anchorStart, event.anchorEnd);
      // js-yaml would build a value that contains itself, and every walk of it would not end.
      if (open.has(name)) {
        throw new YamlSyntaxError(
          `the alias *${name} is inside the value its anchor &${name} names, so that value would contain itself; write it out`,
          positionAt(starts, event.anchorStart - 1),
        );
      }
      size = anchors.get(name) ?? 1;
      expansion += size;
      if (expansion > MAX_ALIAS_EXPANSION) {
        throw new YamlSyntaxError(
          `YAML aliases expand this file past ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values; write the values out or share them through \`defaults:\``,
          positionAt(starts, event.anchorStart - 1),
        );
      }
      return size;
    }
    const anchor =
      'anchorStart' in event && event.anchorStart >= 0
        ? text.slice(event.anchorStart, event.anchorEnd)
        : undefined;
    if (anchor !== undefined) open.add(anchor);
    if (event.type === MAPPING) {
      const keys = new Map<string, number>();
      while (events[cursor] && events[cursor]?.type !== POP) {
        const keyEvent = events[cursor] as Event;
        if (keyEvent.type === SCALAR) {
          const name = keyName(text.slice(keyEvent.valueStart, keyEvent.valueEnd), keyEvent.style);
          const offset = eventOffset(keyEvent, text);
          if (keyEvent.style === PLAIN && name === '<<') merges.push(offset);
          const first = keys.get(name);
          if (first !== undefined) {
            throw new YamlSyntaxError(
              `duplicate key ${JSON.stringify(name)}: it is already written at line ${lineOf(first)} of this mapping; keep one`,
              positionAt(starts, offset),
            );
          }
          keys.set(name, offset);
        }
        size += node(); // the key
        size += node(); // its value
      }
      cursor++;
    } else if (event.type === SEQUENCE) {
      while (events[cursor] && events[cursor]?.type !== POP) size += node();
      cursor++;
    }
    if (anchor !== undefined) {
      open.delete(anchor);
      anchors.set(anchor, size);
    }
    return size;
  };
  node();

  const [first, ...others] = merges;
  if (first !== undefined) {
    const also = others.length
      ? ` (also at line${others.length > 1 ? 's' : ''} ${others.map(lineOf).join(', ')})`
      : '';
    throw new YamlSyntaxError(
      `YAML merge keys (\`<<\`) are not supported${also}: put shared properties in \`defaults:\`, which applies them to every stage in the file, or write them out`,
      positionAt(starts, first),
    );
  }
}

/**
 * Where the second document of a stream starts: its `---` line. A `---` at the start of a line
 * is always a document marker (YAML 1.2.2 §9.1.2; flow and block scalars cannot hold one there).
 */
function secondDocumentPosition(
  events: readonly Event[],
  text: string,
  starts: readonly number[],
): Position {
  const markers = [...text.matchAll(/^---(?=[ \t\r\n]|$)/gm)].map((match) => match.index);
  const firstExplicit = events[0]?.type === DOCUMENT && events[0].explicitStart;
  const marker = markers[firstExplicit ? 1 : 0];
  return marker === undefined ? FIRST_POSITION : positionAt(starts, marker);
}

/**
 * The README's advice for the slip that YAML reports least clearly: an unquoted path with `{` in
 * a flow mapping (`- { ResourcePath: /orders/{id} }`) opens a nested mapping.
 */
function syntaxHint(text: string, starts: readonly number[], line: number): string {
  const lineText = text.slice(starts[line] ?? 0, starts[line + 1] ?? text.length);
  return /[{,]\s*[\w-]+\s*:\s*\/[^\s'",}]*\{/.test(lineText)
    ? ` (in a flow mapping \`{ ... }\`, quote a path containing \`{\`: ResourcePath: '/orders/{id}')`
    : '';
}

/**
 * Parses `text`; throws YamlSyntaxError (with a position) for syntax errors, duplicate keys, merge
 * keys, alias bombs and multi-document files. An empty document parses to `undefined`.
 */
export function parseYamlDocument(text: string): YamlDocument {
  const starts = lineStarts(text);
  let value: unknown;
  let events: Event[];
  try {
    events = parseEvents(text, {});
    const documents = events.filter((event) => event.type === DOCUMENT).length;
    if (documents > 1) {
      throw new YamlSyntaxError(
        'a spec file holds one YAML document; a second one starts here (remove this `---` line, or move what follows to its own file)',
        secondDocumentPosition(events, text, starts),
      );
    }
    const empty = documents === 0 || /^\s*$/.test(text.replace(/#.*$/gm, ''));
    if (!empty) checkStructure(events, text, starts);
    value = empty ? undefined : load(text, {});
  } catch (error) {
    if (error instanceof YamlSyntaxError) throw error;
    if (error instanceof YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      const position = mark
        ? { line: (mark.line ?? 0) + 1, column: (mark.column ?? 0) + 1 }
        : FIRST_POSITION;
      throw new YamlSyntaxError(
        `YAML syntax error: ${error.reason}${syntaxHint(text, starts, position.line - 1)}`,
        position,
      );
    }
    throw error;
  }
  const offsets = value === undefined ? new Map<string, Located>() : indexOffsets(events, text);
  return {
    value,
    locate(path, at = 'value') {
      // Fall back to the nearest located ancestor: a problem is never reported without a line.
      for (let depth = path.length; depth >= 0; depth--) {
        const located = offsets.get(JSON.stringify(path.slice(0, depth)));
        if (!located) continue;
        const offset =
          at === 'key' && depth === path.length && located.key !== undefined
            ? located.key
            : located.value;
        if (offset >= 0) return positionAt(starts, offset);
        if (located.key !== undefined && located.key >= 0) return positionAt(starts, located.key);
      }
      return FIRST_POSITION;
    },
  };
}
