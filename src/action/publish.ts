/** Where a rendered plan goes: the job summary, the log and the pull request comment. */
import * as core from '@actions/core';
import { createCommentStore, type CommentStore } from '../github/comment-store.ts';
import { createGitHubClient, parseRepoRef, type GitHubClient } from '../github/github-client.ts';
import { upsertStickyComment } from '../github/sticky-comment.ts';
import type { Config } from '../config.ts';
import type { ActionOutputs } from './outputs.ts';

export interface GitHubAccess {
  readonly client: GitHubClient;
  readonly comments: CommentStore;
}

export function connectGitHub(config: Config): GitHubAccess {
  const client = createGitHubClient({ token: config.githubToken, baseUrl: config.run.apiUrl });
  return { client, comments: createCommentStore(client, parseRepoRef(config.run.repository)) };
}

export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

/**
 * Posts or updates our comment. A token that may not comment (a fork's pull request) is a
 * warning, not a failure: the job summary still holds the plan.
 */
export async function publishComment(
  github: GitHubAccess,
  issueNumber: number,
  body: string,
  target: string,
  outputs: ActionOutputs,
): Promise<void> {
  const result = await upsertStickyComment(github.comments, issueNumber, body, target);
  if (result.action === 'forbidden') {
    core.warning(
      `Could not comment on the pull request: ${result.message}. The plan is in the job summary.`,
    );
    return;
  }
  core.info(`PR comment ${result.action}: ${result.url}`);
  outputs.recordCommentUrl(result.url);
}
