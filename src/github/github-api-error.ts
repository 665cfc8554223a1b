/**
 * What a failed GitHub call tells: the status, GitHub's message, its `retry-after`, whether it
 * timed out. Octokit-free, so that every module that judges failures can be loaded without it.
 */
/**
 * A GitHub API call that failed, named by what we were doing. Octokit's own error carries the
 * request (with the auth header redacted) as `cause`; our message never includes the token.
 */
export class GitHubApiError extends Error {
  /** HTTP status, or `undefined` when no response came back (network failure, timeout). */
  readonly status: number | undefined;
  /** Which call failed, e.g. `create comment on #12`. */
  readonly operation: string;
  /** GitHub's `message` field of the error body, when it sent one. */
  readonly githubMessage: string | undefined;
  /** The response's `retry-after` in seconds, when GitHub sent one. */
  readonly retryAfterSeconds: number | undefined;
  /** True when the attempt was aborted by its timeout. */
  readonly timedOut: boolean;

  constructor(operation: string, status: number | undefined, detail: string, cause: unknown) {
    super(
      `GitHub API call "${operation}" failed${status === undefined ? '' : ` (HTTP ${status})`}: ${detail}`,
      { cause },
    );
    this.name = 'GitHubApiError';
    this.operation = operation;
    this.status = status;
    const response = responseOf(cause);
    const data = response?.data as { message?: unknown } | undefined;
    this.githubMessage = typeof data?.message === 'string' ? data.message : undefined;
    const retryAfter = Number(response?.headers?.['retry-after']);
    this.retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
    this.timedOut = isTimeout(cause);
  }
}

/**
 * Octokit, which is loaded on a client's first call (`github-client.ts`), could not be loaded or
 * built: a broken install or bundle, not an answer of GitHub's.
 */
export class GitHubClientLoadError extends Error {
  constructor(cause: unknown) {
    super(`Could not load the GitHub client: ${detailOf(cause)}`, { cause });
    this.name = 'GitHubClientLoadError';
  }
}

/**
 * Runs one API call, turning any failure into a `GitHubApiError` for `operation`. A client that
 * could not be loaded is no answer of GitHub's: it is thrown as it is, so that no caller takes
 * it for a network failure to retry or to warn about.
 */
export async function callGitHub<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GitHubClientLoadError) throw error;
    throw new GitHubApiError(operation, statusOf(error), detailOf(error), error);
  }
}

function responseOf(
  error: unknown,
): { data?: unknown; headers?: Record<string, string | undefined> } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { response } = error as { response?: unknown };
  return typeof response === 'object' && response !== null
    ? (response as { data?: unknown; headers?: Record<string, string | undefined> })
    : undefined;
}

/** `AbortSignal.timeout` rejects fetch with a `TimeoutError`; Octokit keeps it as `cause`. */
function isTimeout(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; depth++) {
    if ((e as { name?: unknown }).name === 'TimeoutError') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
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
