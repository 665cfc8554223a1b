import { callGitHub } from './github-client.ts';
import type { GitHubClient, RepoRef } from './github-client.ts';

/** The fields of GitHub's "Pull Request Simple" that choosing one needs. */
export interface CommitPullRequest {
  readonly number: number;
  readonly merge_commit_sha?: string | null | undefined;
  readonly merged_at?: string | null | undefined;
}

/**
 * The pull request a pushed commit came from. A merge, squash or rebase leaves the PR's
 * `merge_commit_sha` equal to the commit on the default branch, so a merged PR with a matching
 * sha is the one; otherwise GitHub's first answer (it lists "the merged pull request that
 * introduced the commit" first: https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit).
 */
export function choosePullRequestForCommit(
  pulls: readonly CommitPullRequest[],
  sha: string,
): number | undefined {
  const merged = pulls.find((pull) => pull.merged_at != null && pull.merge_commit_sha === sha);
  return (merged ?? pulls[0])?.number;
}

/**
 * Asks GitHub which pull requests the commit belongs to and picks one; `undefined` when the
 * commit was pushed directly. Failures are thrown as `GitHubApiError`.
 */
export async function findPullRequestForCommit(
  client: GitHubClient,
  repository: RepoRef,
  sha: string,
): Promise<number | undefined> {
  const pulls = await callGitHub(`list pull requests of commit ${sha}`, async () => {
    const response = await client.rest.repos.listPullRequestsAssociatedWithCommit({
      ...repository,
      commit_sha: sha,
      per_page: 100,
    });
    return response.data;
  });
  return choosePullRequestForCommit(pulls, sha);
}
