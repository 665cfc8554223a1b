/**
 * How two commits relate, from GitHub's compare API
 * (https://docs.github.com/rest/commits/commits#compare-two-commits): whether `head` is ahead of
 * `base`, behind it, the same, or both (diverged), and by how many commits.
 */
import { callGitHub } from './github-api-error.ts';
import type { GitHubClient } from './github-client.ts';
import type { RepoRef } from './repo-ref.ts';

export interface CommitComparison {
  readonly status: 'ahead' | 'behind' | 'identical' | 'diverged';
  /** Commits in `head` that `base` lacks. */
  readonly aheadBy: number;
  /** Commits in `base` that `head` lacks. */
  readonly behindBy: number;
}

const STATUSES: ReadonlySet<string> = new Set(['ahead', 'behind', 'identical', 'diverged']);

/**
 * Compares `base...head`. The answer lists commits and changed files too; `per_page: 1` keeps
 * the commit list to one (the counts are unaffected), and GitHub caps the files at 300.
 * Failures (404 for a commit GitHub does not know) are thrown as `GitHubApiError`.
 */
export async function compareCommits(
  client: GitHubClient,
  repository: RepoRef,
  base: string,
  head: string,
): Promise<CommitComparison> {
  const data = await callGitHub(`compare ${base}...${head}`, async () => {
    const response = await client.rest.repos.compareCommitsWithBasehead({
      ...repository,
      basehead: `${base}...${head}`,
      per_page: 1,
    });
    return response.data;
  });
  if (!STATUSES.has(data.status)) {
    throw new Error(
      `GitHub compared ${base}...${head} as "${data.status}", which stage-sync does not know`,
    );
  }
  return {
    status: data.status as CommitComparison['status'],
    aheadBy: data.ahead_by,
    behindBy: data.behind_by,
  };
}
