import { callGitHub, GitHubApiError } from './github-api-error.ts';
import type { GitHubClient } from './github-client.ts';
import type { RepoRef } from './repo-ref.ts';

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
 * Who writes comments made with the workflow's `GITHUB_TOKEN`: an installation token of the
 * GitHub Actions app. The last guess when the token's own login cannot be learned.
 */
export const GITHUB_ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * The token's own login, which GraphQL's `viewer` answers for every kind of token, installation
 * tokens of any GitHub App (`<app>[bot]`) included; `GET /user` answers 403 to those
 * (https://github.com/fullsend-ai/fullsend/pull/1953 swapped one for the other for that reason).
 */
const VIEWER_QUERY = 'query { viewer { login } }';

export interface CommentStoreOptions {
  /**
   * The login our comments are authored by, when the user knows it better (the action's
   * `comment-author` input): no lookup is made.
   */
  readonly commentAuthor?: string | undefined;
}

/** Largest page GitHub serves (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api). */
const PER_PAGE = 100;

interface RestComment {
  readonly id: number;
  readonly body?: string | null | undefined;
  readonly html_url: string;
  readonly user?: { readonly login: string } | null | undefined;
}

/** The `CommentStore` over GitHub's REST API for one repository. */
export function createCommentStore(
  client: GitHubClient,
  repository: RepoRef,
  options: CommentStoreOptions = {},
): CommentStore {
  const { owner, repo } = repository;
  // A token's identity does not change during a run: ask once.
  let login: Promise<string> | undefined = options.commentAuthor?.trim()
    ? Promise.resolve(options.commentAuthor.trim())
    : undefined;
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
          // Never resent blindly: a 5xx may come after GitHub stored the comment, so the
          // caller lists the comments again before creating once more (sticky-comment.ts).
          request: { retries: 0 },
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
    whoAmI: () =>
      (login ??= lookUpLogin(client).catch((error: unknown) => {
        login = undefined; // a later call may ask again
        throw error;
      })),
  };
}

/**
 * GraphQL `viewer` first; if that fails, `GET /user`, which answers for personal access tokens on
 * any server. Its 403 "Resource not accessible by integration" means an installation token: the
 * workflow's own, or a GitHub App's, which only GraphQL tells apart. So the workflow's own login
 * is assumed only when GraphQL refused outright (an old GitHub Enterprise Server). After an
 * outage of it (5xx, 429, a rate limit, no answer) the login is unknown, and that is thrown: a
 * guess would miss an App's own comment, post a second one, and not find the reviewed plan at
 * merge.
 */
async function lookUpLogin(client: GitHubClient): Promise<string> {
  let viewerFailure: unknown;
  try {
    return await callGitHub('ask GraphQL for the viewer', async () => {
      const answer = await client.graphql<{ viewer: { login: string } }>(VIEWER_QUERY);
      return answer.viewer.login;
    });
  } catch (error) {
    viewerFailure = error;
  }
  try {
    return await callGitHub('get the authenticated user', async () => {
      const response = await client.rest.users.getAuthenticated();
      return response.data.login;
    });
  } catch (error) {
    if (!(error instanceof GitHubApiError && error.status === 403)) throw error;
    if (!isOutage(viewerFailure)) return GITHUB_ACTIONS_BOT_LOGIN;
    throw new GitHubApiError(
      'learn which login this token comments as',
      undefined,
      `GraphQL did not answer (${(viewerFailure as Error).message}), and GET /user says only that this is an installation token, the workflow's own or a GitHub App's`,
      viewerFailure,
    );
  }
}

/** A failure that says nothing about the token: GitHub down, rate-limited, or not answering. */
function isOutage(error: unknown): boolean {
  if (!(error instanceof GitHubApiError)) return false;
  if (error.status === undefined) return !isGraphqlAnswer(error.cause);
  // A 403 with `retry-after` is a secondary rate limit, not a refusal of the token.
  return error.status >= 500 || error.status === 429 || error.retryAfterSeconds !== undefined;
}

/** Octokit's `GraphqlResponseError`: GitHub answered, with errors instead of data. */
function isGraphqlAnswer(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'GraphqlResponseError';
}

function toIssueComment(comment: RestComment): IssueComment {
  return {
    id: comment.id,
    body: comment.body ?? '',
    author: comment.user?.login,
    url: comment.html_url,
  };
}
