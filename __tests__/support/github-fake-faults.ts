/**
 * Faults the GitHub fake can answer with instead of (or after) doing what was asked, each as
 * GitHub sends it, so the client's retry, throttling and failure naming meet the real shapes:
 *
 * - `server-error` 500 and `bad-gateway` 502, GitHub's `{"message": ...}` bodies;
 * - `too-many-requests` 429 without rate-limit headers;
 * - `secondary-rate-limit` 403 "You have exceeded a secondary rate limit..." with `retry-after`
 *   (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits);
 * - `locked` 403 "Unable to create comment because issue is locked." (as reproduced on github.com);
 * - `not-found` 404 `{"message": "Not Found"}`, GitHub's answer for a path it does not serve (a
 *   GitHub Enterprise Server without an endpoint);
 * - `reset`: the connection is destroyed without an answer;
 * - `hang`: no answer ever (until the fake closes), for the client's timeout to end.
 *
 * A fault with `afterHandling: true` lets the request do its work first and then answers with
 * the fault: GitHub's 5xx can come after a comment was stored, which is why a create must never
 * be resent without listing again.
 */

export type FaultAnswer =
  | 'server-error'
  | 'bad-gateway'
  | 'too-many-requests'
  | 'secondary-rate-limit'
  | 'locked'
  | 'not-found'
  | 'reset'
  | 'hang';

export interface FakeFault {
  /** Matches every method when absent. */
  readonly method?: string;
  /** A path without query string: exact, or a pattern. */
  readonly path: string | RegExp;
  readonly answer: FaultAnswer;
  /** How many matching requests get the fault; then it is spent. Default 1. */
  readonly times?: number;
  /** Matching requests let through before the fault starts (the second update, say). */
  readonly skip?: number;
  /** Do the work first, then answer with the fault (5xx after the write). */
  readonly afterHandling?: boolean;
  /** `retry-after` seconds of a `secondary-rate-limit`; default 1. */
  readonly retryAfterSeconds?: number;
}

export interface FaultReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Readonly<Record<string, string>>;
}

const RATE_LIMIT_DOCS =
  'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits';

/** The HTTP answer of a fault; `undefined` for `reset` and `hang`, which answer nothing. */
export function faultReply(fault: FakeFault): FaultReply | undefined {
  switch (fault.answer) {
    case 'server-error':
      return { status: 500, body: { message: 'Server Error' }, headers: {} };
    case 'not-found':
      return { status: 404, body: { message: 'Not Found' }, headers: {} };
    case 'bad-gateway':
      return {
        status: 502,
        body: { message: 'Server Error: Sorry, this diff is taking too long to generate.' },
        headers: {},
      };
    case 'too-many-requests':
      return { status: 429, body: { message: 'Too Many Requests' }, headers: {} };
    case 'secondary-rate-limit':
      return {
        status: 403,
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE.',
          documentation_url: RATE_LIMIT_DOCS,
          status: '403',
        },
        headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
      };
    case 'locked':
      return {
        status: 403,
        body: {
          message: 'Unable to create comment because issue is locked.',
          documentation_url: 'https://docs.github.com/articles/locking-conversations/',
          status: '403',
        },
        headers: {},
      };
    case 'reset':
    case 'hang':
      return undefined;
  }
}

/** A queue of faults; `take` spends one use of the first that matches. */
export class FaultQueue {
  private readonly pending: { fault: FakeFault; left: number; skip: number }[] = [];

  add(...faults: readonly FakeFault[]): void {
    for (const fault of faults) {
      this.pending.push({ fault, left: fault.times ?? 1, skip: fault.skip ?? 0 });
    }
  }

  take(method: string, path: string, phase: 'before' | 'after'): FakeFault | undefined {
    const entry = this.pending.find(
      ({ fault, left }) =>
        left > 0 &&
        (fault.afterHandling === true) === (phase === 'after') &&
        (fault.method === undefined || fault.method === method) &&
        (typeof fault.path === 'string' ? fault.path === path : fault.path.test(path)),
    );
    if (!entry) return undefined;
    if (entry.skip > 0) {
      entry.skip--;
      return undefined;
    }
    entry.left--;
    return entry.fault;
  }

  /** Uses not yet spent, so a test can say every injected fault was met. */
  get remaining(): number {
    return this.pending.reduce((sum, { left }) => sum + left, 0);
  }
}
