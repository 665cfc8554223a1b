/**
 * One spec file's text -> its top-level mapping, or the one problem that stops it being read
 * (unreadable, binary, a YAML syntax error, empty, not a mapping). Also the check that spans the
 * whole document: `__proto__` is refused wherever it appears.
 */
import { RESERVED_KEY } from './check-settings.ts';
import { FileReport, shownText } from './file-report.ts';
import { isJsonObject } from '../model/json.ts';
import type { Mapping } from './spec-keys.ts';
import { describePath } from './validate-schema.ts';
import {
  parseYamlDocument,
  YamlSyntaxError,
  type ValuePath,
  type YamlDocument,
} from './yaml-document.ts';

/** One spec file as read from the workspace (or from git). */
export interface SpecFile {
  /** Path relative to the workspace, as annotations show it. */
  readonly path: string;
  readonly text: string;
  /** Why the file was not read (a link out of the workspace, a device, too large): its one problem. */
  readonly unreadable?: string;
}

/**
 * `__proto__` is no property of a stage and no stage variable name; in JavaScript it names an
 * object's prototype, so anything built from the spec by plain assignment would drop it
 * silently. Every one is reported at its key.
 */
export function checkReservedKeys(report: FileReport, value: unknown, path: ValuePath = []): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkReservedKeys(report, item, [...path, index]));
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const childPath = [...path, key];
    if (key === RESERVED_KEY) {
      // Name it as the other problems do: `stage S: Variables.__proto__`, `defaults: ...`.
      const inStage = childPath[0] === 'stages' && childPath.length > 2;
      const owner = inStage
        ? `stage ${String(childPath[1])}: `
        : childPath[0] === 'defaults'
          ? 'defaults: '
          : '';
      const property = describePath(childPath.slice(inStage ? 2 : owner ? 1 : 0));
      report.add(
        `${owner}\`__proto__\` cannot be used as a key in a spec (not as a stage property, not as a variable name): JavaScript reserves it`,
        childPath,
        'key',
        property,
      );
      continue;
    }
    checkReservedKeys(report, value[key], childPath);
  }
}

/** What a file that is not UTF-8 text (src/workspace/spec-files.ts), or holds a NUL byte, is told. */
export const NOT_TEXT = 'this is not a YAML text file (it contains binary data)';

/** Whether decoded text is a text file at all: a NUL byte says it is not. */
function looksBinary(text: string): boolean {
  return text.includes('\u0000');
}

export function parseFile(
  file: SpecFile,
  report: (r: FileReport) => void,
): { document: YamlDocument; root: Mapping } | undefined {
  if (file.unreadable !== undefined) {
    report(withProblem(file.path, file.unreadable));
    return undefined;
  }
  if (looksBinary(file.text)) {
    report(withProblem(file.path, NOT_TEXT));
    return undefined;
  }
  let document: YamlDocument;
  try {
    document = parseYamlDocument(file.text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    const fileReport = new FileReport(file.path);
    fileReport.problems.push({
      file: file.path,
      ...error.position,
      message: shownText(error.message),
    });
    report(fileReport);
    return undefined;
  }
  if (document.value === undefined) {
    report(withProblem(file.path, 'the file is empty; a spec file needs a `stages:` mapping'));
    return undefined;
  }
  if (!isJsonObject(document.value)) {
    const fileReport = new FileReport(file.path, document);
    fileReport.add('the top level must be a mapping with `stages:` (and optionally `defaults:`)');
    report(fileReport);
    return undefined;
  }
  return { document, root: document.value };
}

function withProblem(file: string, message: string): FileReport {
  const fileReport = new FileReport(file);
  fileReport.add(message);
  return fileReport;
}
