/**
 * An apply never overwrites a stage with specs older than those that last applied it. Two applies
 * of different commits can run at once (a workflow without a concurrency group): the older one
 * would otherwise re-plan over the newer one's result and undo it. Before each update or delete,
 * the stage's freshest read names, in its `stage-sync:commit` tag (applied-commit-tag.ts), the
 * commit that last applied it; when that is another commit, the caller's `isOlderCommit` says how
 * the two relate (the checkout's history, else GitHub: src/engine/commit-order.ts).
 *
 * - ours is older: the stage fails with `NewerCommitApplied`, and nothing is written to it;
 * - ours is newer, the same, or on another line of history: the write goes ahead;
 * - unknown (no history, GitHub unavailable): the write goes ahead with a note saying the order
 *   could not be checked. A fault of GitHub or of the checkout must never stop a deploy AWS
 *   would accept (README, "How the apply works").
 */
import type { StageProperties } from '../model/stage.ts';
import { appliedCommit } from '../plan/ownership.ts';

/** How our commit relates to the one that last applied a stage. */
export type CommitOrder = 'older' | 'newer-or-same' | 'unknown';

/** Whether `ours` is an ancestor of `theirs`; never rejects for a fault (that is `unknown`). */
export type IsOlderCommit = (ours: string, theirs: string) => Promise<CommitOrder>;

/** The stage's failure code when a newer commit last applied it. */
const NEWER_COMMIT_APPLIED = 'NewerCommitApplied';

export type GuardVerdict =
  | { readonly kind: 'write' }
  | { readonly kind: 'write-unchecked'; readonly note: string }
  | { readonly kind: 'refuse'; readonly errorCode: string; readonly statusMessage: string };

const short = (sha: string): string => sha.slice(0, 12);

/** What to do about a write of `ours`'s specs over `live`, the freshest read of the stage. */
export async function guardOlderCommit(
  live: StageProperties,
  ours: string,
  isOlderCommit: IsOlderCommit,
): Promise<GuardVerdict> {
  const theirs = appliedCommit(live);
  if (theirs === undefined || theirs === ours) return { kind: 'write' };
  let order: CommitOrder;
  try {
    order = await isOlderCommit(ours, theirs);
  } catch {
    order = 'unknown';
  }
  switch (order) {
    case 'older':
      return {
        kind: 'refuse',
        errorCode: NEWER_COMMIT_APPLIED,
        statusMessage: `The stage was last applied from newer commit ${theirs}; not overwriting it with older specs (commit ${ours}).`,
      };
    case 'newer-or-same':
      return { kind: 'write' };
    case 'unknown':
      return {
        kind: 'write-unchecked',
        note: `could not check whether commit ${short(theirs)}, which last applied the stage, is newer than ${short(ours)} (neither the checkout's history nor GitHub could tell): applied anyway`,
      };
  }
}
