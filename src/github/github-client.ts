/**
 * The GitHub client a run uses: its limits, and a client that loads Octokit on its first call.
 * Octokit and its plugins are loaded only by `octokit-client.ts`, which this module imports with
 * `import()` when a call is made, so a run that never talks to GitHub (comment off, no token, a
 * run that fails before its first call) does not pay for them at start (bench/README.md, cold
 * start), as `src/aws/lazy-port.ts` does for the AWS SDK.
 */
import { once } from '../aws/lazy-port.ts';
import { GitHubClientLoadError } from './github-api-error.ts';
import type { Octokit, OctokitSettings } from './octokit-client.ts';

/**
 * What of Octokit this project calls: `rest.<scope>.<method>(…)`, `paginate(…)` and
 * `graphql(…)`, each returning a promise. Its synchronous parts (`hook`, `log`, `auth`) are not
 * offered, since they need Octokit loaded.
 */
export type GitHubClient = Pick<Octokit, 'rest' | 'paginate' | 'graphql'>;

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

/** The members a client forwards, by their path on Octokit: every one returns a promise. */
function isForwarded(path: readonly string[]): boolean {
  if (path[0] === 'rest') return path.length === 3;
  return path.length === 1 && (path[0] === 'paginate' || path[0] === 'graphql');
}

function memberAt(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], root);
}

/**
 * A client that calls `load` on its first call, once, and forwards every call to the same member
 * of the Octokit it gives. A member of this client passed as an argument
 * (`paginate(client.rest.issues.listComments, …)`) is passed on as Octokit's own. A failed load
 * fails that call and every later one with a `GitHubClientLoadError`.
 */
export function lazyGitHubClient(load: () => Promise<Octokit>): GitHubClient {
  const octokit = once(() =>
    load().catch((error: unknown) => {
      throw new GitHubClientLoadError(error);
    }),
  );
  const members = new Map<string, object>();
  const pathOf = new WeakMap<object, readonly string[]>();
  const member = (path: readonly string[]): object => {
    const known = members.get(path.join('.'));
    if (known) return known;
    const forwarder = new Proxy(() => {}, {
      // `then` stays undefined so that a member is never taken for a promise.
      get: (_target, name) =>
        typeof name === 'string' && name !== 'then' ? member([...path, name]) : undefined,
      apply: (_target, _this, args: unknown[]) => {
        if (!isForwarded(path)) {
          throw new TypeError(
            `The GitHub client offers rest.<scope>.<method>(), paginate() and graphql(), not ${path.join('.')}()`,
          );
        }
        return octokit().then((real) => {
          const own = args.map((arg) => {
            const argPath = typeof arg === 'function' ? pathOf.get(arg) : undefined;
            return argPath ? memberAt(real, argPath) : arg;
          });
          const method = memberAt(real, path) as (...a: unknown[]) => unknown;
          return Reflect.apply(method, memberAt(real, path.slice(0, -1)), own);
        });
      },
    });
    members.set(path.join('.'), forwarder);
    pathOf.set(forwarder, path);
    return forwarder;
  };
  return {
    rest: member(['rest']),
    paginate: member(['paginate']),
    graphql: member(['graphql']),
  } as unknown as GitHubClient;
}

/** Builds the client once per run; the token goes only into Octokit's auth header. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const root = options.baseUrl || process.env['GITHUB_API_URL'] || 'https://api.github.com';
  const settings: OctokitSettings = {
    token: options.token,
    baseUrl: root.replace(/\/+$/, ''),
    limits: { ...DEFAULT_CALL_LIMITS, ...options.limits },
    onWait: options.onWait,
  };
  return lazyGitHubClient(async () =>
    (await import('./octokit-client.ts')).createOctokit(settings),
  );
}
