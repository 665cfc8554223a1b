/**
 * The repository side of the GitHub fake: files at a commit and the history between commits,
 * answered as GitHub's REST API does.
 *
 * - `GET /repos/{o}/{r}/contents/{path}?ref=`: a file as `{type: "file", encoding: "base64",
 *   content, size, sha}`; a folder as an array of entries; 404 otherwise. Files over 1 MiB come
 *   with `encoding: "none"` and empty `content`, as GitHub serves them
 *   (https://docs.github.com/rest/repos/contents#get-repository-content, "Size limits").
 * - `GET /repos/{o}/{r}/git/trees/{ref}?recursive=1`: every blob and tree of the commit, with
 *   `truncated: false` (https://docs.github.com/rest/git/trees#get-a-tree).
 * - `GET /repos/{o}/{r}/compare/{base}...{head}`: `status` (`identical`, `ahead`, `behind`,
 *   `diverged`), `ahead_by`, `behind_by`, from the parents the test gave
 *   (https://docs.github.com/rest/commits/commits#compare-two-commits).
 */
import { createHash } from 'node:crypto';

/** Commit sha -> path -> file text. */
export type FakeFiles = Readonly<Record<string, Readonly<Record<string, string>>>>;
/** Commit sha -> its parents' shas. */
export type FakeHistory = Readonly<Record<string, readonly string[]>>;

/** Above this size GitHub's contents API sends no content (1 MiB). */
export const CONTENTS_INLINE_LIMIT_BYTES = 1024 * 1024;

export class RepoNotFound extends Error {}

const gitSha = (kind: 'blob' | 'tree', text: string): string => {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`${kind} ${bytes.length}\0`).update(bytes).digest('hex');
};

export function contentsReply(
  files: FakeFiles,
  ref: string,
  path: string,
  urls: { api: string; repo: string },
): unknown {
  const tree = files[ref];
  if (!tree) throw new RepoNotFound(`No commit found for the ref ${ref}`);
  const text = tree[path];
  if (text !== undefined) {
    const size = Buffer.byteLength(text, 'utf8');
    const inline = size <= CONTENTS_INLINE_LIMIT_BYTES;
    return {
      type: 'file',
      encoding: inline ? 'base64' : 'none',
      size,
      name: path.split('/').at(-1),
      path,
      content: inline ? Buffer.from(text, 'utf8').toString('base64') : '',
      sha: gitSha('blob', text),
      url: `${urls.api}/repos/${urls.repo}/contents/${path}?ref=${ref}`,
    };
  }
  const prefix = path === '' ? '' : `${path}/`;
  const children = new Map<string, 'file' | 'dir'>();
  for (const candidate of Object.keys(tree)) {
    if (!candidate.startsWith(prefix)) continue;
    const [first, ...rest] = candidate.slice(prefix.length).split('/');
    children.set(first as string, rest.length > 0 ? 'dir' : 'file');
  }
  if (children.size === 0) throw new RepoNotFound('Not Found');
  return [...children].map(([name, type]) => ({
    type,
    name,
    path: `${prefix}${name}`,
    size: type === 'file' ? Buffer.byteLength(tree[`${prefix}${name}`] ?? '', 'utf8') : 0,
  }));
}

export function treeReply(files: FakeFiles, ref: string): unknown {
  const tree = files[ref];
  if (!tree) throw new RepoNotFound('Not Found');
  const folders = new Set<string>();
  for (const path of Object.keys(tree)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  const entries = [
    ...[...folders].map((path) => ({
      path,
      mode: '040000',
      type: 'tree',
      sha: gitSha('tree', path),
    })),
    ...Object.entries(tree).map(([path, text]) => ({
      path,
      mode: '100644',
      type: 'blob',
      sha: gitSha('blob', text),
      size: Buffer.byteLength(text, 'utf8'),
    })),
  ].sort((a, b) => a.path.localeCompare(b.path));
  return { sha: gitSha('tree', ref), tree: entries, truncated: false };
}

/** Every commit reachable from `sha` through `history`, `sha` included. */
function ancestors(history: FakeHistory, sha: string): Set<string> {
  const seen = new Set<string>();
  const stack = [sha];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(history[next] ?? []));
  }
  return seen;
}

export function compareReply(history: FakeHistory, base: string, head: string): unknown {
  if (!Object.hasOwn(history, base) || !Object.hasOwn(history, head)) {
    throw new RepoNotFound('Not Found');
  }
  const fromBase = ancestors(history, base);
  const fromHead = ancestors(history, head);
  const aheadBy = [...fromHead].filter((sha) => !fromBase.has(sha)).length;
  const behindBy = [...fromBase].filter((sha) => !fromHead.has(sha)).length;
  const status =
    aheadBy === 0 && behindBy === 0
      ? 'identical'
      : behindBy === 0
        ? 'ahead'
        : aheadBy === 0
          ? 'behind'
          : 'diverged';
  return {
    status,
    ahead_by: aheadBy,
    behind_by: behindBy,
    total_commits: aheadBy,
    commits: [...fromHead].filter((sha) => !fromBase.has(sha)).map((sha) => ({ sha })),
    files: [],
  };
}
