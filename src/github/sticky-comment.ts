import { setTimeout as delay } from 'node:timers/promises';
import { parseCommentRecord } from '../render/comment-record.ts';
import type { CommentStore, IssueComment } from './comment-store.ts';
import { GitHubApiError } from './github-api-error.ts';
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
 * A create is never resent by the client (it may have been stored when its answer was lost):
 * after a 5xx, a timeout, a reset or a 429 it is sent again here, after these waits and after
 * listing the comments once more, so a stored one is found instead. The waits are those
 * `@octokit/plugin-retry` uses for other calls (1 s, then 4 s).
 */
export const CREATE_RETRY_WAITS_MS: readonly number[] = [1_000, 4_000];
/** Creates at most, the first included. */
export const MAX_CREATE_ATTEMPTS = CREATE_RETRY_WAITS_MS.length + 1;

export interface UpsertOptions {
  /** Injected for tests; resolves after `ms`. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A create worth sending again: its answer was lost, or GitHub said "later" (429). */
function worthResending(error: unknown): boolean {
  return mayHaveLanded(error) || (error instanceof GitHubApiError && error.status === 429);
}

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
  options: UpsertOptions = {},
): Promise<StickyCommentResult> {
  // A body without our record for this target could never be found again: each run would add
  // one more comment. That is a bug in the caller, so fail loudly.
  if (parseCommentRecord(body)?.target !== target) {
    throw new Error(`sticky comment body must start with the comment record for "${target}"`);
  }
  try {
    const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
    return await writeComment(store, issueNumber, body, target, sleep);
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
  sleep: (ms: number) => Promise<void>,
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
      const wait = CREATE_RETRY_WAITS_MS[attempt - 1];
      if (!worthResending(error) || wait === undefined) throw error;
      await sleep(wait);
    }
  }
}
