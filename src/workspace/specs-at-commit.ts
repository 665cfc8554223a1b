/**
 * The spec files as they were at an earlier commit, read from the checkout's git history: what
 * the specs declared when stage-sync last applied them (the pull request's base, a push's
 * `before`). Never throws: when the history does not hold the commit (a shallow checkout, a
 * force-push) the answer says so, and the planner then removes nothing it cannot prove was declared.
 */
import { matchesGlob } from 'node:path';
import type { SpecFile } from '../desired/load-specs.ts';
import { COMMIT_ID, git } from './git.ts';
import { MAX_SPEC_FILE_BYTES } from '../desired/limits.ts';
import { TOO_LARGE, specFileOf, unreadable, workspacePatterns } from './spec-files.ts';

export type SpecsAtCommit =
  | { readonly kind: 'read'; readonly commit: string; readonly files: readonly SpecFile[] }
  | { readonly kind: 'unavailable'; readonly commit: string; readonly reason: string };

/** Whether `path` (relative, `/`-separated) is selected by the patterns, as readSpecFiles selects. */
export function selectedBy(path: string, patterns: readonly string[]): boolean {
  const include = patterns.filter((pattern) => !pattern.startsWith('!'));
  const exclude = patterns.filter((pattern) => pattern.startsWith('!')).map((p) => p.slice(1));
  return (
    include.some((pattern) => matchesGlob(path, pattern)) &&
    !exclude.some((pattern) => matchesGlob(path, pattern))
  );
}

export async function readSpecsAtCommit(
  workspace: string,
  commit: string,
  patterns: readonly string[],
): Promise<SpecsAtCommit> {
  if (!COMMIT_ID.test(commit))
    return { kind: 'unavailable', commit, reason: `${JSON.stringify(commit)} is not a commit id` };
  try {
    const selecting = await workspacePatterns(workspace, patterns);
    const listing = await git(workspace, ['ls-tree', '-r', '-z', '--name-only', commit]);
    const paths = listing
      .toString('utf8')
      .split('\0')
      .filter((path) => path !== '' && selectedBy(path, selecting))
      .sort();
    const texts = await Promise.all(
      paths.map((path) => git(workspace, ['show', `${commit}:${path}`])),
    );
    return {
      kind: 'read',
      commit,
      // The same size limit as in the workspace (git's own output is bounded too, git.ts).
      files: paths.map((path, index) => {
        const blob = texts[index] as Buffer;
        return blob.length > MAX_SPEC_FILE_BYTES
          ? unreadable(path, TOO_LARGE)
          : specFileOf(path, blob);
      }),
    };
  } catch (error) {
    const message = (error as Error).message.split('\n').find((line) => line.trim()) ?? '';
    return {
      kind: 'unavailable',
      commit,
      reason: `the checkout's git history does not hold commit ${commit.slice(0, 12)} (${message.slice(0, 200)})`,
    };
  }
}
