import { setTimeout as delay } from 'node:timers/promises';
import { GitHubApiError, callGitHub } from './github-api-error.ts';
import type { GitHubClient } from './github-client.ts';
import type { RepoRef } from './repo-ref.ts';
import { classifyGitHubFailure } from './github-failure.ts';

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

/** What the lookup learned. */
export type PullRequestLookup =
  | { readonly kind: 'found'; readonly number: number; readonly attempts: number }
  | {
      readonly kind: 'unknown';
      /**
       * `no-pull-request`: every answer within the wait was `[]` (a direct push, or GitHub had
       * not linked the merge yet); `lookup-failed`: GitHub did not answer usefully (5xx after
       * retries, timeouts, 422 for a commit it does not know).
       */
      readonly reason: 'no-pull-request' | 'lookup-failed';
      /** A sentence for the log: what was asked, how long it was tried, GitHub's last answer. */
      readonly message: string;
      readonly attempts: number;
    };

/**
 * Right after a merge GitHub answers `[]` for a few seconds before it links the merge commit to
 * its pull request (https://github.com/projectcalico/calico/issues/13157,
 * https://github.com/tektoncd/pipelines-as-code/issues/2382), and a 5xx can outlast the client's
 * own retries. The lookup is asked again after each of these waits: 1 + 2 + 4 + 8 = 15 s at
 * most, beyond the calls' own time.
 */
export const PULL_REQUEST_LOOKUP_WAITS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000];

/**
 * The waits when nothing depends on the answer but where the apply's status is shown
 * (`plan-mismatch: warn`): 1 + 2 = 3 s, so a direct push is not held up for long.
 */
export const PULL_REQUEST_LOOKUP_WAITS_WARN_MS: readonly number[] =
  PULL_REQUEST_LOOKUP_WAITS_MS.slice(0, 2);

export interface PullRequestLookupOptions {
  /** The waits between attempts; `[]` asks once. */
  readonly waitsMs?: readonly number[];
  /** Injected for tests; resolves after `ms`. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Failures that asking again cannot change: the token or the commit is wrong. */
function isFinal(error: GitHubApiError): boolean {
  return (
    error.status !== undefined &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429 &&
    error.status !== 403
  );
}

/**
 * Asks GitHub which pull request the commit came from, asking again while the answer is `[]`
 * or a transient failure, for at most `waitsMs` in total. Never throws for GitHub's answers:
 * a caller that must know (`plan-mismatch: fail`) stops on `unknown`.
 */
export async function lookUpPullRequestForCommit(
  client: GitHubClient,
  repository: RepoRef,
  sha: string,
  options: PullRequestLookupOptions = {},
): Promise<PullRequestLookup> {
  const waits = options.waitsMs ?? PULL_REQUEST_LOOKUP_WAITS_MS;
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const waited = waits.reduce((sum, ms) => sum + ms, 0);
  let last: { reason: 'no-pull-request' | 'lookup-failed'; detail: string } = {
    reason: 'no-pull-request',
    detail: '',
  };
  for (let attempt = 1; attempt <= waits.length + 1; attempt++) {
    try {
      const pulls = await callGitHub(`list pull requests of commit ${sha}`, async () => {
        const response = await client.rest.repos.listPullRequestsAssociatedWithCommit({
          ...repository,
          commit_sha: sha,
          per_page: 100,
        });
        return response.data;
      });
      const number = choosePullRequestForCommit(pulls, sha);
      if (number !== undefined) return { kind: 'found', number, attempts: attempt };
      last = { reason: 'no-pull-request', detail: 'GitHub lists no pull request for it' };
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      last = { reason: 'lookup-failed', detail: classifyGitHubFailure(error).message };
      if (isFinal(error)) {
        return {
          kind: 'unknown',
          reason: 'lookup-failed',
          message: `The pull request of commit ${sha} is unknown: ${last.detail}`,
          attempts: attempt,
        };
      }
    }
    const wait = waits[attempt - 1];
    if (wait !== undefined) await sleep(wait);
  }
  return {
    kind: 'unknown',
    reason: last.reason,
    message: `The pull request of commit ${sha} is unknown after ${waits.length + 1} attempts over ${waited / 1000} s: ${last.detail}`,
    attempts: waits.length + 1,
  };
}
