/** Where a rendered plan goes besides the log: the job summary and the pull request comment. */
import * as core from '@actions/core';
import { createCommentStore, type CommentStore } from '../github/comment-store.ts';
import { createGitHubClient, parseRepoRef, type GitHubClient } from '../github/github-client.ts';
import { upsertStickyComment } from '../github/sticky-comment.ts';
import type { Config } from '../config.ts';

export interface GitHubAccess {
  readonly client: GitHubClient;
  readonly comments: CommentStore;
}

export function connectGitHub(config: Config): GitHubAccess {
  const client = createGitHubClient({ token: config.githubToken, baseUrl: config.run.apiUrl });
  return { client, comments: createCommentStore(client, parseRepoRef(config.run.repository)) };
}

/** The runner's job summary (`GITHUB_STEP_SUMMARY`); nothing outside a runner. */
export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

/**
 * Posts or updates our comment and returns its URL. A token that may not comment (a fork's pull
 * request) is a warning, not a failure: the job summary still holds the plan.
 */
export async function publishComment(
  github: GitHubAccess,
  issueNumber: number,
  body: string,
  target: string,
): Promise<string | undefined> {
  const result = await upsertStickyComment(github.comments, issueNumber, body, target);
  if (result.action === 'forbidden') {
    core.warning(
      `Could not comment on the pull request: ${result.message}. The plan is in the job summary.`,
    );
    return undefined;
  }
  core.info(`PR comment ${result.action}: ${result.url}`);
  return result.url;
}
