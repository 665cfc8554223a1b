/** The problems of one spec file, each located in its YAML source. */
import type { SourceLocation } from '../model/stage.ts';
import { revealInvisible } from '../render/escape.ts';
import { MAX_PROBLEM_MESSAGE_CHARS } from './limits.ts';
import type { SpecProblem } from './spec-problem.ts';
import type { ValuePath, YamlDocument } from './yaml-document.ts';

/** A problem before it is given its owner (`stage S`, `defaults`) and its place in the file. */
export interface FoundProblem {
  readonly path: ValuePath;
  /** Report at the key (unknown or missing names) or at the value. */
  readonly at: 'key' | 'value';
  readonly message: string;
  /** The property it is about, when there is one. */
  readonly property?: string;
  /** Whom it concerns beyond the owner (`for stage A (AWS::ApiGateway::Stage)`), when not all. */
  readonly qualifier?: string;
  /** The message already names the stages it is about (no qualifier needed). */
  readonly namesTakers?: boolean;
}

/**
 * Messages quote what the spec holds (keys, names, values): invisible characters are shown as
 * escapes, so a U+202E in a key cannot reorder the annotation, and a huge key is cut.
 */
export function shownText(text: string): string {
  const revealed = revealInvisible(text);
  return revealed.length > MAX_PROBLEM_MESSAGE_CHARS
    ? `${revealed.slice(0, MAX_PROBLEM_MESSAGE_CHARS - 1)}…`
    : revealed;
}

/** Collects problems for one file, locating each in the YAML source. */
export class FileReport {
  readonly problems: SpecProblem[] = [];
  readonly file: string;
  readonly document: YamlDocument | undefined;
  constructor(file: string, document?: YamlDocument) {
    this.file = file;
    this.document = document;
  }

  at(path: ValuePath, at: 'key' | 'value' = 'value'): SourceLocation {
    const position = this.document?.locate(path, at) ?? { line: 1, column: 1 };
    return { file: this.file, ...position };
  }

  add(
    message: string,
    path: ValuePath = [],
    at: 'key' | 'value' = 'value',
    property?: string,
  ): void {
    this.problems.push({
      ...this.at(path, at),
      message: shownText(message),
      ...(property ? { property: shownText(property) } : {}),
    });
  }

  /** `found` as `owner: message`, with its path under `base` (the stage's or the defaults'). */
  addFound(owner: string, base: ValuePath, found: FoundProblem): void {
    const who = found.qualifier ? `${owner}, ${found.qualifier}` : owner;
    this.add(`${who}: ${found.message}`, [...base, ...found.path], found.at, found.property);
  }
}
