/**
 * Reading the repository at a commit through GitHub's API, without a checkout: one file by
 * path (contents API) or every file matching glob patterns (git trees API, then contents).
 * Every call has the client's timeout; every answer is bounded in size and count.
 */
import { matchesGlob } from 'node:path';
import { GitHubApiError, callGitHub } from './github-api-error.ts';
import type { GitHubClient } from './github-client.ts';
import type { RepoRef } from './repo-ref.ts';

/**
 * GitHub's contents API sends a file's content inline only up to 1 MiB
 * (https://docs.github.com/rest/repos/contents#get-repository-content, "Size limits"); a spec is
 * far smaller, so that is also the most a read may ask for.
 */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Files one `readFilesMatching` reads at most; more is an answer of its own, not a cut list. */
export const MAX_MATCHED_FILES = 200;

export type FileAtCommit =
  | { readonly kind: 'file'; readonly path: string; readonly text: string; readonly size: number }
  | { readonly kind: 'missing'; readonly path: string }
  /** A folder, a symlink or a submodule. */
  | { readonly kind: 'not-a-file'; readonly path: string }
  | {
      readonly kind: 'too-large';
      readonly path: string;
      readonly size: number;
      readonly maxBytes: number;
    };

export interface ReadFileOptions {
  /** At most `MAX_FILE_BYTES`; larger values are lowered to it. */
  readonly maxBytes?: number;
}

interface ContentsFile {
  readonly type: string;
  readonly size: number;
  readonly encoding?: string;
  readonly content?: string;
}

/** The file at `path` as of `ref` (a commit sha, branch or tag). Other failures are thrown. */
export async function readFileAtCommit(
  client: GitHubClient,
  repository: RepoRef,
  path: string,
  ref: string,
  options: ReadFileOptions = {},
): Promise<FileAtCommit> {
  const maxBytes = Math.min(options.maxBytes ?? MAX_FILE_BYTES, MAX_FILE_BYTES);
  let data: unknown;
  try {
    data = await callGitHub(`read ${path} at ${ref}`, async () => {
      const response = await client.rest.repos.getContent({ ...repository, path, ref });
      return response.data;
    });
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return { kind: 'missing', path };
    throw error;
  }
  if (Array.isArray(data) || (data as ContentsFile).type !== 'file') {
    return { kind: 'not-a-file', path };
  }
  const file = data as ContentsFile;
  if (file.size > maxBytes || file.encoding !== 'base64') {
    return { kind: 'too-large', path, size: file.size, maxBytes };
  }
  const text = Buffer.from(file.content ?? '', 'base64').toString('utf8');
  return { kind: 'file', path, text, size: file.size };
}

export type FilesMatching =
  | { readonly kind: 'files'; readonly files: readonly FileAtCommit[] }
  | { readonly kind: 'too-many'; readonly count: number; readonly maxFiles: number }
  /** GitHub cut the tree listing short (over 100,000 entries or 7 MB), so matches may be missing. */
  | { readonly kind: 'tree-truncated' };

export interface ReadFilesOptions extends ReadFileOptions {
  readonly maxFiles?: number;
}

/**
 * Every file at `ref` whose path matches one of `patterns` (Node's `path.matchesGlob`, as the
 * workspace reader uses), sorted by path, read one by one. The listing is one call
 * (https://docs.github.com/rest/git/trees#get-a-tree, `recursive`); failures are thrown.
 */
export async function readFilesMatching(
  client: GitHubClient,
  repository: RepoRef,
  patterns: readonly string[],
  ref: string,
  options: ReadFilesOptions = {},
): Promise<FilesMatching> {
  const maxFiles = options.maxFiles ?? MAX_MATCHED_FILES;
  const tree = await callGitHub(`list the files at ${ref}`, async () => {
    const response = await client.rest.git.getTree({
      ...repository,
      tree_sha: ref,
      recursive: '1',
    });
    return response.data;
  });
  if (tree.truncated) return { kind: 'tree-truncated' };
  const paths = tree.tree
    .filter((entry) => entry.type === 'blob' && entry.path !== undefined)
    .map((entry) => entry.path as string)
    .filter((path) => patterns.some((pattern) => matchesGlob(path, pattern)))
    .sort();
  if (paths.length > maxFiles) return { kind: 'too-many', count: paths.length, maxFiles };
  const files: FileAtCommit[] = [];
  for (const path of paths)
    files.push(await readFileAtCommit(client, repository, path, ref, options));
  return { kind: 'files', files };
}
