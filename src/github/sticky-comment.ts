import { parseCommentRecord } from '../render/comment-record.ts';
import type { CommentStore, IssueComment } from './comment-store.ts';
import { GitHubApiError } from './github-client.ts';

/**
 * One living comment per pull request and plan target. Ours is recognised by two things
 * together: the record on its first line names the same target, and its author is the token's
 * own login. The marker alone is not enough: anyone can quote it, and a human's comment must
 * never be edited by a bot.
 */

/** What happened to the comment; `forbidden` is for the caller to warn about, not fail on. */
export type StickyCommentResult =
  | {
      readonly action: 'created' | 'updated' | 'unchanged';
      readonly url: string;
      readonly id: number;
    }
  | { readonly action: 'forbidden'; readonly message: string };

/**
 * Our earlier comment for `target`, or `undefined`. If a race ever left two, the oldest is
 * chosen, so every later run keeps updating the same one. GitHub logins are case-insensitive.
 */
export function findOwnComment(
  comments: readonly IssueComment[],
  target: string,
  login: string,
): IssueComment | undefined {
  const me = login.toLowerCase();
  return comments.find(
    (comment) =>
      comment.author?.toLowerCase() === me && parseCommentRecord(comment.body)?.target === target,
  );
}

/**
 * Our current comment for `target` on `issueNumber`, if any: on apply, its record holds the
 * `planHash` reviewers saw. Failures are thrown as `GitHubApiError`.
 */
export async function readStickyComment(
  store: CommentStore,
  issueNumber: number,
  target: string,
): Promise<IssueComment | undefined> {
  const login = await store.whoAmI();
  return findOwnComment(await store.listComments(issueNumber), target, login);
}

/**
 * Creates or updates our comment on `issueNumber` so that it reads `body`, and makes no write
 * when it already does. A 403 (the read-only token of a fork's pull request) comes back as
 * `forbidden`; every other failure is thrown.
 */
export async function upsertStickyComment(
  store: CommentStore,
  issueNumber: number,
  body: string,
  target: string,
): Promise<StickyCommentResult> {
  // A body without our record for this target could never be found again: each run would add
  // one more comment. That is a bug in the caller, so fail loudly.
  if (parseCommentRecord(body)?.target !== target) {
    throw new Error(`sticky comment body must start with the comment record for "${target}"`);
  }
  try {
    const existing = await readStickyComment(store, issueNumber, target);
    if (existing?.body === body) return { action: 'unchanged', url: existing.url, id: existing.id };
    const written = existing
      ? await store.updateComment(existing.id, body)
      : await store.createComment(issueNumber, body);
    return { action: existing ? 'updated' : 'created', url: written.url, id: written.id };
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 403) {
      return {
        action: 'forbidden',
        message: `this token may not comment on #${issueNumber} (a pull request from a fork gets a read-only token): ${error.message}`,
      };
    }
    throw error;
  }
}
