import { parseCommentRecord } from '../render/comment-record.ts';
import type { CommentStore, IssueComment } from './comment-store.ts';
import { GitHubApiError } from './github-client.ts';
import {
  classifyGitHubFailure,
  mayHaveLanded,
  type GitHubFailureReason,
} from './github-failure.ts';

/**
 * One living comment per pull request and plan target. Ours is recognised by two things
 * together: the record on its first line names the same target, and its author is the token's
 * own login. The marker alone is not enough: anyone can quote it, and a human's comment must
 * never be edited by a bot.
 */

/** The comment reads as asked. */
export interface StickyCommentWritten {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly url: string;
  readonly id: number;
}

/**
 * The comment could not be written, after the client's retries: for the caller to warn about,
 * never to fail the run on (the job summary has the same content).
 */
export interface StickyCommentNotWritten {
  readonly action: 'not-written';
  readonly reason: GitHubFailureReason;
  /** A sentence naming the pull request, the cause and GitHub's answer. */
  readonly message: string;
}

export type StickyCommentResult = StickyCommentWritten | StickyCommentNotWritten;

/**
 * A create whose answer was lost (5xx, timeout, reset) may have been stored: before sending it
 * again the comments are listed once more, and found if it was. At most this many creates.
 */
export const MAX_CREATE_ATTEMPTS = 3;

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
 * when it already does. A failure of GitHub (403 of any kind, 5xx or a timeout after retries,
 * 404, 422) comes back as `not-written` with its reason; only a bug in the caller is thrown.
 * Never posts a second comment: a create is repeated only after listing again shows none.
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
    return await writeComment(store, issueNumber, body, target);
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    const failure = classifyGitHubFailure(error);
    return {
      action: 'not-written',
      reason: failure.reason,
      message: `the comment on #${issueNumber} was not written: ${failure.message}`,
    };
  }
}

async function writeComment(
  store: CommentStore,
  issueNumber: number,
  body: string,
  target: string,
): Promise<StickyCommentWritten> {
  for (let attempt = 1; ; attempt++) {
    const existing = await readStickyComment(store, issueNumber, target);
    // Found after a lost create: that create was stored.
    const found = attempt > 1 ? 'created' : undefined;
    if (existing?.body === body) {
      return { action: found ?? 'unchanged', url: existing.url, id: existing.id };
    }
    if (existing) {
      const written = await store.updateComment(existing.id, body);
      return { action: 'updated', url: written.url, id: written.id };
    }
    try {
      const written = await store.createComment(issueNumber, body);
      return { action: 'created', url: written.url, id: written.id };
    } catch (error) {
      if (!mayHaveLanded(error) || attempt >= MAX_CREATE_ATTEMPTS) throw error;
    }
  }
}
