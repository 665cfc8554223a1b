/** Where a rendered plan goes besides the log: the job summary and the pull request comment. */
import * as core from '@actions/core';
import { createCommentStore, type CommentStore } from '../github/comment-store.ts';
import { createGitHubClient, type GitHubClient } from '../github/github-client.ts';
import { parseRepoRef } from '../github/repo-ref.ts';
import { upsertStickyComment } from '../github/sticky-comment.ts';
import type { Config } from '../config.ts';

export interface GitHubAccess {
  readonly client: GitHubClient;
  readonly comments: CommentStore;
}

/** `commentAuthor`: the `comment-author` input, when set (no lookup of the token's login). */
export function connectGitHub(config: Config, commentAuthor?: string): GitHubAccess {
  const client = createGitHubClient({
    token: config.githubToken,
    baseUrl: config.run.apiUrl,
    onWait: (message) => core.info(message),
  });
  return {
    client,
    comments: createCommentStore(client, parseRepoRef(config.run.repository), { commentAuthor }),
  };
}

/** The runner's job summary (`GITHUB_STEP_SUMMARY`); nothing outside a runner. */
export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  // No end of line added: the body ends with one, and is fitted to GitHub's 1 MiB exactly.
  await core.summary.addRaw(markdown).write();
}

/**
 * Posts or updates our comment and returns its URL. A comment that cannot be written (a fork's
 * read-only token, a locked conversation, a rate limit or 5xx after retries) is a warning, not a
 * failure: the job summary still holds the plan, and the AWS outcome is the run's outcome.
 */
export async function publishComment(
  github: GitHubAccess,
  issueNumber: number,
  body: string,
  target: string,
): Promise<string | undefined> {
  const result = await upsertStickyComment(github.comments, issueNumber, body, target);
  if (result.action === 'not-written') {
    core.warning(
      `Could not comment on the pull request (${result.reason}): ${result.message}. The plan is in the job summary.`,
    );
    return undefined;
  }
  core.info(`PR comment ${result.action}: ${result.url}`);
  return result.url;
}
