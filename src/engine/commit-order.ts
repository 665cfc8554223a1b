/**
 * How the commit being applied relates to the one that last applied a stage
 * (src/apply/older-commit-guard.ts asks): first the checkout's git history, then GitHub's
 * compare API when the history cannot tell (a shallow checkout, the default of actions/checkout,
 * lacks the other commit). Never rejects: anything neither can answer is `unknown`, and the
 * apply then writes with a note, because a fault of git or GitHub must never stop a deploy AWS
 * would accept. Each pair is asked once per run.
 */
import type { CommitOrder, IsOlderCommit } from '../apply/older-commit-guard.ts';
import type { CommitComparison } from '../github/compare-commits.ts';
import { COMMIT_ID, git } from '../workspace/git.ts';

/** `git merge-base --is-ancestor a b`: exit 0 yes, 1 no, anything else (unknown commit) unknown. */
function isAncestor(workspace: string, a: string, b: string): Promise<'yes' | 'no' | 'unknown'> {
  return git(workspace, ['merge-base', '--is-ancestor', a, b]).then(
    () => 'yes',
    (error: { code?: unknown; killed?: boolean }) =>
      error.code === 1 && !error.killed ? 'no' : 'unknown',
  );
}

/** Whether the checkout is shallow; undefined when git cannot say. */
function isShallow(workspace: string): Promise<boolean | undefined> {
  return git(workspace, ['rev-parse', '--is-shallow-repository']).then(
    (stdout) => stdout.toString('utf8').trim() === 'true',
    () => undefined,
  );
}

/**
 * What the history in `workspace` says. An ancestor answer is proof either way; two "no"s mean
 * the commits are on different lines of history (not older), unless the checkout is shallow,
 * where a cut-off history says "no" for ancestors it no longer holds.
 */
export async function orderInHistory(
  workspace: string,
  ours: string,
  theirs: string,
  shallow: () => Promise<boolean | undefined> = () => isShallow(workspace),
): Promise<CommitOrder> {
  const oursFirst = await isAncestor(workspace, ours, theirs);
  if (oursFirst === 'yes') return 'older';
  const theirsFirst = await isAncestor(workspace, theirs, ours);
  if (theirsFirst === 'yes') return 'newer-or-same';
  if (oursFirst === 'no' && theirsFirst === 'no' && (await shallow()) === false)
    return 'newer-or-same';
  return 'unknown';
}

/** GitHub's answer to `compare ours...theirs`: `ahead` means theirs has commits ours lacks on top of it. */
function orderFromComparison(comparison: CommitComparison): CommitOrder {
  return comparison.status === 'ahead' ? 'older' : 'newer-or-same';
}

export interface CommitOrderSources {
  /** The checkout whose history is asked first; absent: no history. */
  readonly workspace?: string;
  /** GitHub's compare of `base...head`; absent: no GitHub access. */
  readonly compareOnGitHub?: (base: string, head: string) => Promise<CommitComparison>;
}

export function commitOrder(sources: CommitOrderSources): IsOlderCommit {
  const answers = new Map<string, Promise<CommitOrder>>();
  const { workspace } = sources;
  // Whether the checkout is shallow is the repository's, not a pair's: asked once, when needed.
  let shallow: Promise<boolean | undefined> | undefined;
  const isShallowOnce = () =>
    (shallow ??= workspace === undefined ? Promise.resolve(undefined) : isShallow(workspace));
  const ask = async (ours: string, theirs: string): Promise<CommitOrder> => {
    if (!COMMIT_ID.test(ours) || !COMMIT_ID.test(theirs)) return 'unknown';
    if (workspace !== undefined) {
      const order = await orderInHistory(workspace, ours, theirs, isShallowOnce);
      if (order !== 'unknown') return order;
    }
    if (!sources.compareOnGitHub) return 'unknown';
    try {
      return orderFromComparison(await sources.compareOnGitHub(ours, theirs));
    } catch {
      return 'unknown';
    }
  };
  return (ours, theirs) => {
    const key = `${ours}\u0000${theirs}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = ask(ours, theirs);
      answers.set(key, answer);
    }
    return answer;
  };
}
