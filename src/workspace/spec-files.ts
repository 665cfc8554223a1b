/**
 * Finds and reads spec files: the file-system edge of the spec pipeline. Only regular files inside
 * the workspace are read, after resolving links, and none larger than MAX_SPEC_FILE_BYTES: a spec
 * is input from a pull request, so a link to `/dev/zero` (infinite), to a FIFO (blocks forever) or
 * to a file outside the workspace (whose content would reach annotations and the log) becomes a
 * problem at that file, and its content is never read.
 */
import { constants } from 'node:fs';
import { glob, open, realpath } from 'node:fs/promises';
import { isAbsolute, join, matchesGlob, relative, sep } from 'node:path';
import type { SpecFile } from '../desired/load-specs.ts';
import { MAX_SPEC_FILE_BYTES } from '../desired/limits.ts';
import { NOT_TEXT } from '../desired/parse-spec-file.ts';

export type SpecPatternFault = 'matches-nothing' | 'outside-workspace';

/**
 * The `specs` patterns cannot be used: one matches no file, or one reaches outside the workspace.
 * Nothing may be planned from such a run: with `prune: true`, a plan that read no file would
 * delete every stage the repository manages.
 */
export class SpecPatternError extends Error {
  readonly fault: SpecPatternFault;
  /** The patterns at fault, as the user wrote them. */
  readonly patterns: readonly string[];
  constructor(fault: SpecPatternFault, patterns: readonly string[], message: string) {
    super(message);
    this.name = 'SpecPatternError';
    this.fault = fault;
    this.patterns = patterns;
  }
}

const quoted = (patterns: readonly string[]): string =>
  patterns.map((pattern) => `\`${pattern}\``).join(', ');

/**
 * The pattern relative to the workspace. An absolute pattern inside the workspace is made
 * relative (`glob` would return absolute paths, which the reader would join to the workspace a
 * second time); one outside it, and any `..` segment, is refused.
 */
function workspacePattern(pattern: string, bases: readonly string[]): string {
  let inner = pattern;
  if (isAbsolute(inner)) {
    const base = bases.find((b) => inner.startsWith(b.endsWith(sep) ? b : `${b}${sep}`));
    if (base === undefined) {
      throw new SpecPatternError(
        'outside-workspace',
        [pattern],
        `The spec pattern ${quoted([pattern])} is outside the workspace; write patterns relative to the workspace (stages/**/*.yml)`,
      );
    }
    inner = inner.slice(base.length).replace(/^[\\/]+/, '');
  }
  if (inner.split(/[\\/]/).includes('..')) {
    throw new SpecPatternError(
      'outside-workspace',
      [pattern],
      `The spec pattern ${quoted([pattern])} uses \`..\`; spec files are read only from inside the workspace, so write the pattern relative to it without \`..\``,
    );
  }
  return inner.replace(/^(\.\/)+/, '');
}

/**
 * `patterns` as the workspace's reader takes them (`!` kept in front of exclusions): relative to
 * the workspace, without a leading `./`. The specs at an earlier commit are chosen with these, so
 * `./stages/*.yml` selects there what it selects in the workspace.
 */
export async function workspacePatterns(
  workspace: string,
  patterns: readonly string[],
): Promise<string[]> {
  const bases = [workspace, await realpath(workspace)];
  return patterns.map((pattern) =>
    pattern.startsWith('!')
      ? `!${workspacePattern(pattern.slice(1), bases)}`
      : workspacePattern(pattern, bases),
  );
}

/**
 * Patterns that differ only in `.yml` versus `.yaml` count as one, as the default pair
 * `stages/**\/*.yml` + `stages/**\/*.yaml` is one way of saying "the YAML files in stages/": a
 * repository that uses one extension must not fail for lack of the other.
 */
const extensionGroup = (pattern: string): string => pattern.replace(/\.ya?ml$/, '.yml');

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

export const unreadable = (path: string, reason: string): SpecFile => ({
  path,
  text: '',
  unreadable: reason,
});

/** The spec files the local command reads unless told otherwise: the action's `specs` default. */
export const DEFAULT_SPEC_PATTERNS: readonly string[] = ['stages/**/*.yml', 'stages/**/*.yaml'];

/** Why a spec file over the size limit is not read, wherever it is read from. */
export const TOO_LARGE = `is larger than the ${MAX_SPEC_FILE_BYTES / 1024 / 1024} MiB a spec file may be; it was not read`;

/**
 * A spec file's bytes as text, or unreadable when they are not UTF-8. Decoded strictly: a
 * replacing decoder would turn bad bytes into U+FFFD, which valid text may hold as well, so
 * telling binary data from it afterwards refused a `Description` with a U+FFFD in it.
 */
export function specFileOf(path: string, bytes: Uint8Array): SpecFile {
  try {
    return { path, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return unreadable(path, NOT_TEXT);
  }
}

/** One matched path: its text, a reason it was not read, or `undefined` for a directory. */
async function readSpecFile(root: string, path: string): Promise<SpecFile | undefined> {
  let real: string;
  try {
    real = await realpath(join(root, path));
  } catch (error) {
    return unreadable(
      path,
      `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); a link to nothing?`,
    );
  }
  if (!isInside(root, real)) {
    return unreadable(path, 'is a link to a file outside the workspace; it was not read');
  }
  // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: the path was resolved.
  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EISDIR'
      ? undefined
      : unreadable(path, `could not be read (${code ?? 'error'})`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return undefined;
    if (!info.isFile()) {
      return unreadable(path, 'is not a regular file (a device, pipe or socket); it was not read');
    }
    const tooLarge = unreadable(path, TOO_LARGE);
    if (info.size > MAX_SPEC_FILE_BYTES) return tooLarge;
    // One byte more than stat said: a file that grows while it is read is not taken half-read.
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      length += bytesRead;
      if (bytesRead === 0 || length === buffer.length) break;
    }
    if (length > info.size) return unreadable(path, 'changed while it was read; it was not read');
    return specFileOf(path, buffer.subarray(0, length));
  } finally {
    await handle.close();
  }
}

/**
 * Files matching the patterns (relative to `workspace`, `!pattern` excludes), sorted, read as
 * UTF-8. Undecodable bytes become U+FFFD, which the loader reports as a binary file. Throws
 * SpecPatternError when a pattern reaches outside the workspace, when a pattern (counting its
 * `.yml`/`.yaml` twin as the same) matches no file, or when the exclusions leave no file.
 */
export async function readSpecFiles(
  workspace: string,
  patterns: readonly string[],
): Promise<SpecFile[]> {
  const root = await realpath(workspace);
  const bases = [workspace, root];
  const include = patterns
    .filter((pattern) => !pattern.startsWith('!'))
    .map((pattern) => ({ pattern, inner: workspacePattern(pattern, bases) }));
  const exclude = patterns
    .filter((pattern) => pattern.startsWith('!'))
    .map((pattern) => workspacePattern(pattern.slice(1), bases));

  const matchedBy = new Map<string, string[]>();
  for (const { inner } of include) {
    for await (const path of glob(inner, { cwd: root })) {
      const relativePath = path.split('\\').join('/');
      matchedBy.set(relativePath, [...(matchedBy.get(relativePath) ?? []), inner]);
    }
  }
  const read = await Promise.all(
    [...matchedBy.keys()].sort().map((path) => readSpecFile(root, path)),
  );
  const files = read.filter((file): file is SpecFile => file !== undefined);

  const groupsWithFiles = new Set(
    files.flatMap((file) => (matchedBy.get(file.path) ?? []).map(extensionGroup)),
  );
  const unmatched = include.filter(({ inner }) => !groupsWithFiles.has(extensionGroup(inner)));
  if (unmatched.length > 0) {
    const names = unmatched.map(({ pattern }) => pattern);
    throw new SpecPatternError(
      'matches-nothing',
      names,
      `The spec pattern${names.length > 1 ? 's' : ''} ${quoted(names)} match${names.length > 1 ? '' : 'es'} no file in the workspace; nothing was planned (fix the pattern, or remove it)`,
    );
  }
  const kept = files.filter((file) => !exclude.some((pattern) => matchesGlob(file.path, pattern)));
  if (kept.length === 0) {
    const names = patterns.slice();
    throw new SpecPatternError(
      'matches-nothing',
      names,
      `The spec patterns ${quoted(names)} leave no file once the \`!\` exclusions are applied; nothing was planned`,
    );
  }
  return kept;
}
