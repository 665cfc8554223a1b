import { callGitHub, GitHubApiError } from './github-client.ts';
import type { GitHubClient, RepoRef } from './github-client.ts';

/** One comment on an issue or pull request, reduced to what the sticky comment needs. */
export interface IssueComment {
  readonly id: number;
  readonly body: string;
  /** The author's login; `undefined` for a deleted ("ghost") account. */
  readonly author: string | undefined;
  /** The comment's page, `https://github.com/{owner}/{repo}/pull/{n}#issuecomment-{id}`. */
  readonly url: string;
}

/** The port for PR comments. Tests may pass an object literal; production uses the adapter below. */
export interface CommentStore {
  /** Every comment on the issue, oldest first, across all pages. */
  listComments(issueNumber: number): Promise<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
  /** The login comments made with this token are authored by. */
  whoAmI(): Promise<string>;
}

/**
 * Who writes comments made with the workflow's `GITHUB_TOKEN`. That token is an installation
 * token of the GitHub Actions app, for which `GET /user` answers 403 "Resource not accessible by
 * integration", so the login cannot be asked for and is known instead.
 */
export const GITHUB_ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/** Largest page GitHub serves (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api). */
const PER_PAGE = 100;

interface RestComment {
  readonly id: number;
  readonly body?: string | null | undefined;
  readonly html_url: string;
  readonly user?: { readonly login: string } | null | undefined;
}

/** The `CommentStore` over GitHub's REST API for one repository. */
export function createCommentStore(client: GitHubClient, repository: RepoRef): CommentStore {
  const { owner, repo } = repository;
  // A token's identity does not change during a run: ask once.
  let login: string | undefined;
  return {
    listComments: (issueNumber) =>
      callGitHub(`list comments on #${issueNumber}`, async () => {
        const comments = await client.paginate(client.rest.issues.listComments, {
          owner,
          repo,
          issue_number: issueNumber,
          per_page: PER_PAGE,
        });
        return comments.map(toIssueComment);
      }),
    createComment: (issueNumber, body) =>
      callGitHub(`create comment on #${issueNumber}`, async () => {
        const response = await client.rest.issues.createComment({
          owner,
          repo,
          issue_number: issueNumber,
          body,
        });
        return toIssueComment(response.data);
      }),
    updateComment: (commentId, body) =>
      callGitHub(`update comment ${commentId}`, async () => {
        const response = await client.rest.issues.updateComment({
          owner,
          repo,
          comment_id: commentId,
          body,
        });
        return toIssueComment(response.data);
      }),
    whoAmI: async () => {
      login ??= await lookUpLogin(client);
      return login;
    },
  };
}

async function lookUpLogin(client: GitHubClient): Promise<string> {
  try {
    return await callGitHub('get the authenticated user', async () => {
      const response = await client.rest.users.getAuthenticated();
      return response.data.login;
    });
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 403) return GITHUB_ACTIONS_BOT_LOGIN;
    throw error;
  }
}

function toIssueComment(comment: RestComment): IssueComment {
  return {
    id: comment.id,
    body: comment.body ?? '',
    author: comment.user?.login,
    url: comment.html_url,
  };
}
