/**
 * The Octokit a `GitHubClient` forwards to, with its timeout, retry and throttling plugins.
 * Only `github-client.ts` loads this module, with `import()` on a client's first call: Octokit
 * and its plugins are most of what the action would otherwise load at start for a run that
 * never talks to GitHub (bench/README.md, cold start).
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import type { GitHubCallLimits } from './github-client.ts';

/** The Octokit that `@actions/github` builds: REST methods plus `paginate` (and `graphql`). */
export type Octokit = ReturnType<typeof getOctokit>;

/** A plugin as `getOctokit` takes them after its options. */
type OctokitPlugin = NonNullable<Parameters<typeof getOctokit>[2]>;

export interface OctokitSettings {
  readonly token: string;
  /** The REST API root, without a trailing slash. */
  readonly baseUrl: string;
  readonly limits: GitHubCallLimits;
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
 * The token goes only into Octokit's auth header. Transient failures are retried by
 * `@octokit/plugin-retry` (5xx, timeouts, resets: not 4xx) and rate limits by
 * `@octokit/plugin-throttling` (a secondary-limit 403 or 429 after its `retry-after`, a primary
 * limit after its reset), each within `limits`.
 */
export function createOctokit(settings: OctokitSettings): Octokit {
  const { limits, onWait } = settings;
  const onRateLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _o: unknown,
      count: number,
    ) => {
      const wait = retryAfter <= limits.maxRateLimitWaitSeconds && count < limits.rateLimitRetries;
      onWait?.(
        wait
          ? `GitHub ${kind} on ${routeOf(request)}: retrying in ${retryAfter} s`
          : `GitHub ${kind} on ${routeOf(request)}: asked to wait ${retryAfter} s, more than this run waits (${limits.maxRateLimitWaitSeconds} s, ${limits.rateLimitRetries} times)`,
      );
      return wait;
    };
  return getOctokit(
    settings.token,
    {
      baseUrl: settings.baseUrl,
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
