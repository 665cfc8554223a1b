import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

/** A plugin as `getOctokit` takes them after its options. */
type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>;

/** The Octokit that `@actions/github` builds: REST methods plus `paginate` (and `graphql`). */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** The repository a run works on (`GITHUB_REPOSITORY` split at the slash). */
export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/**
 * How long and how often a call may take. Every number is named here so that the worst case of
 * one call is arithmetic: `(retries + 1) × requestTimeoutMs` plus the waits between attempts
 * (`retryAfterBaseMs × (1² + 2² + …)` for 5xx, at most `maxRateLimitWaitSeconds` each for a
 * rate limit).
 */
export interface GitHubCallLimits {
  /** One HTTP attempt, response body included; aborted after this. */
  readonly requestTimeoutMs: number;
  /** Further attempts after a 5xx, a 429 without rate-limit headers, a timeout or a reset. */
  readonly retries: number;
  /** `@octokit/plugin-retry` waits `retryAfterBaseMs × n²` before attempt n + 1. */
  readonly retryAfterBaseMs: number;
  /** A rate limit asking for a longer wait than this is not waited for: the call fails. */
  readonly maxRateLimitWaitSeconds: number;
  /** Rate-limit retries of one call (secondary or primary limit). */
  readonly rateLimitRetries: number;
  /**
   * Least time between two writes (and GraphQL queries, which the throttling plugin counts as
   * writes): GitHub asks for "at least one second between each request" that writes
   * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#avoid-concurrent-requests).
   */
  readonly minWriteIntervalMs: number;
  /**
   * Least time between two writes that notify people (a new comment): the throttling plugin's
   * own default, 3 s, which follows GitHub's guidance against content-creating bursts
   * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
   */
  readonly minNotifyingWriteIntervalMs: number;
}

/**
 * GitHub's own advice is to wait at least a minute before retrying a secondary rate limit
 * without `retry-after` (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately),
 * which `@octokit/plugin-throttling` follows (`fallbackSecondaryRateRetryAfter: 60`); a run waits
 * at most that, twice, rather than until the job's timeout.
 */
export const DEFAULT_CALL_LIMITS: GitHubCallLimits = {
  requestTimeoutMs: 30_000,
  retries: 2,
  retryAfterBaseMs: 1_000,
  maxRateLimitWaitSeconds: 60,
  rateLimitRetries: 2,
  minWriteIntervalMs: 1_000,
  minNotifyingWriteIntervalMs: 3_000,
};

export interface GitHubClientOptions {
  readonly token: string;
  /**
   * The REST API root; GitHub Enterprise Server and the tests' fake differ from github.com.
   * Defaults to `GITHUB_API_URL`, which the runner sets for every step.
   */
  readonly baseUrl?: string | undefined;
  readonly limits?: Partial<GitHubCallLimits> | undefined;
  /** Told each wait for a rate limit, so the log says why the run paused. */
  readonly onWait?: ((message: string) => void) | undefined;
}

/** The route of a request for a log line: `POST /repos/o/r/issues/2/comments`. */
function routeOf(options: { method?: string; url?: string }): string {
  return `${options.method ?? 'GET'} ${options.url ?? ''}`;
}

/**
 * A per-attempt timeout. Registered as the first plugin, its hook is the innermost one
 * (before-after-hook wraps later hooks around earlier ones), so each retry gets a fresh timer
 * while the retry and throttling plugins see a timeout as a failed attempt.
 *
 * before-after-hook binds one options object to every hook of a request, and a hook's own
 * argument to the next is ignored: so the signal is set on that object (its `request` replaced,
 * never mutated, since it may be the client's shared defaults), and the caller's own signal is
 * remembered across retries.
 */
function requestTimeout(timeoutMs: number): OctokitPlugin {
  const callerSignals = new WeakMap<object, AbortSignal | undefined>();
  return (octokit) => {
    octokit.hook.wrap('request', (request, options) => {
      if (!callerSignals.has(options)) {
        callerSignals.set(options, options.request?.signal as AbortSignal | undefined);
      }
      const caller = callerSignals.get(options);
      const timer = AbortSignal.timeout(timeoutMs);
      options.request = {
        ...options.request,
        signal: caller ? AbortSignal.any([caller, timer]) : timer,
      };
      return request(options);
    });
  };
}

/**
 * Builds the client once per run; the token goes only into Octokit's auth header. Transient
 * failures are retried by `@octokit/plugin-retry` (5xx, timeouts, resets: not 4xx) and rate
 * limits by `@octokit/plugin-throttling` (a secondary-limit 403 or 429 after its `retry-after`,
 * a primary limit after its reset), each within `limits`.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const root = options.baseUrl || process.env['GITHUB_API_URL'] || 'https://api.github.com';
  const baseUrl = root.replace(/\/+$/, '');
  const limits = { ...DEFAULT_CALL_LIMITS, ...options.limits };
  const onRateLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _o: unknown,
      count: number,
    ) => {
      const wait = retryAfter <= limits.maxRateLimitWaitSeconds && count < limits.rateLimitRetries;
      options.onWait?.(
        wait
          ? `GitHub ${kind} on ${routeOf(request)}: retrying in ${retryAfter} s`
          : `GitHub ${kind} on ${routeOf(request)}: asked to wait ${retryAfter} s, more than this run waits (${limits.maxRateLimitWaitSeconds} s, ${limits.rateLimitRetries} times)`,
      );
      return wait;
    };
  return getOctokit(
    options.token,
    {
      baseUrl,
      retry: { retries: limits.retries, retryAfterBaseValue: limits.retryAfterBaseMs },
      throttle: {
        onSecondaryRateLimit: onRateLimit('secondary rate limit'),
        onRateLimit: onRateLimit('rate limit'),
        // The throttling plugin's own unit for waits is this many ms per second asked for.
        retryAfterBaseValue: limits.retryAfterBaseMs,
        // The plugin's default groups with our intervals, one per client: the plugin's own are
        // shared by every client in the process.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: limits.minWriteIntervalMs }),
        notifications: new Bottleneck.Group({
          maxConcurrent: 1,
          minTime: limits.minNotifyingWriteIntervalMs,
        }),
      },
    },
    requestTimeout(limits.requestTimeoutMs),
    retry,
    throttling,
  );
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

/** Runs one API call, turning any failure into a `GitHubApiError` for `operation`. */
export async function callGitHub<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
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
