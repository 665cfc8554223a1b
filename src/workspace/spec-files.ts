/** Finds and reads spec files: the file-system edge of the spec pipeline. */
import { glob, readFile } from 'node:fs/promises';
import { matchesGlob } from 'node:path';
import type { SpecFile } from '../desired/load-specs.ts';

/**
 * Files matching the patterns (relative to `workspace`, `!pattern` excludes), sorted, read as
 * UTF-8. Undecodable bytes become U+FFFD, which the loader reports as a binary file.
 */
export async function readSpecFiles(
  workspace: string,
  patterns: readonly string[],
): Promise<SpecFile[]> {
  const include = patterns.filter((pattern) => !pattern.startsWith('!'));
  const exclude = patterns
    .filter((pattern) => pattern.startsWith('!'))
    .map((pattern) => pattern.slice(1));
  const paths = new Set<string>();
  for await (const path of glob(include, { cwd: workspace, withFileTypes: false })) {
    const relative = path.split('\\').join('/');
    if (!exclude.some((pattern) => matchesGlob(relative, pattern))) paths.add(relative);
  }
  const sorted = [...paths].sort();
  const texts = await Promise.all(sorted.map((path) => readFile(`${workspace}/${path}`)));
  return sorted.map((path, index) => ({
    path,
    text: new TextDecoder('utf-8').decode(texts[index]),
  }));
}
