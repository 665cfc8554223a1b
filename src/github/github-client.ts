import { getOctokit } from '@actions/github';

/** The Octokit that `@actions/github` builds: REST methods plus `paginate`. */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** The repository a run works on (`GITHUB_REPOSITORY` split at the slash). */
export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

export interface GitHubClientOptions {
  readonly token: string;
  /**
   * The REST API root; GitHub Enterprise Server and the tests' fake differ from github.com.
   * Defaults to `GITHUB_API_URL`, which the runner sets for every step.
   */
  readonly baseUrl?: string | undefined;
}

/** Builds the client once per run; the token goes only into Octokit's auth header. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const root = options.baseUrl || process.env['GITHUB_API_URL'] || 'https://api.github.com';
  const baseUrl = root.replace(/\/+$/, '');
  return getOctokit(options.token, { baseUrl });
}

/** Parses `owner/name`, as `GITHUB_REPOSITORY` spells it. */
export function parseRepoRef(fullName: string): RepoRef {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(fullName.trim());
  if (!match) throw new Error(`GITHUB_REPOSITORY must look like owner/name, got "${fullName}"`);
  return { owner: match[1] as string, repo: match[2] as string };
}

/**
 * A GitHub API call that failed, named by what we were doing. Octokit's own error carries the
 * request (with the auth header redacted) as `cause`; our message never includes the token.
 */
export class GitHubApiError extends Error {
  /** HTTP status, or `undefined` when no response came back (network failure). */
  readonly status: number | undefined;
  /** Which call failed, e.g. `create comment on #12`. */
  readonly operation: string;

  constructor(operation: string, status: number | undefined, detail: string, cause: unknown) {
    super(
      `GitHub API call "${operation}" failed${status === undefined ? '' : ` (HTTP ${status})`}: ${detail}`,
      { cause },
    );
    this.name = 'GitHubApiError';
    this.operation = operation;
    this.status = status;
  }
}

/** Runs one API call, turning any failure into a `GitHubApiError` for `operation`. */
export async function callGitHub<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new GitHubApiError(operation, statusOf(error), detailOf(error), error);
  }
}

/**
 * Octokit's RequestError has a numeric `status`; it reports transport failures as 500 with no
 * response, which we report as "no status" so they are not mistaken for GitHub's answer.
 */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, response } = error as { status?: unknown; response?: unknown };
  if (typeof status !== 'number') return undefined;
  return response === undefined && status === 500 ? undefined : status;
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
