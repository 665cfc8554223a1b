/**
 * Why a GitHub call failed, told apart by what GitHub answered: the same 403 status means a
 * read-only token, a secondary rate limit or a locked conversation, and each needs its own
 * advice. Rules are data, each with where GitHub documents (or was seen to send) the answer.
 */
import { GitHubApiError } from './github-api-error.ts';

export type GitHubFailureReason =
  /** A fork's pull request gets a read-only `GITHUB_TOKEN`; also a token without `pull-requests: write`. */
  | 'read-only-token'
  /** Too many requests or writes in a short time; retried after `retry-after`, then given up. */
  | 'secondary-rate-limit'
  /** The token's hourly quota is spent. */
  | 'rate-limit'
  /** The pull request's conversation is locked. */
  | 'locked'
  /** GitHub answered 5xx on every attempt. */
  | 'server-error'
  /** No answer within the request timeout on every attempt. */
  | 'timeout'
  /** No answer at all (connection refused or reset, DNS). */
  | 'network'
  /** 401: the token is missing, expired or revoked. */
  | 'bad-credentials'
  /** 404: the pull request, comment or repository is not visible to this token. */
  | 'not-found'
  /** GitHub refused the request's content (422). */
  | 'rejected'
  | 'other';

interface Rule {
  readonly reason: GitHubFailureReason;
  readonly matches: (error: GitHubApiError) => boolean;
  /** What to tell the user, after "Could not …:". */
  readonly advice: string;
}

const message = (error: GitHubApiError): string => error.githubMessage ?? error.message;

/** First match wins; the order puts the specific 403s before the general one. */
const RULES: readonly Rule[] = [
  {
    reason: 'locked',
    // GitHub's answer to a comment on a locked issue or pull request, as reproduced against
    // github.com: 403 "Unable to create comment because issue is locked."
    matches: (e) => e.status === 403 && /\bis locked\b/i.test(message(e)),
    advice:
      'the conversation is locked, so GitHub accepts no new comment from this token; unlock it to get the comment back',
  },
  {
    reason: 'secondary-rate-limit',
    // https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
    // ("You have exceeded a secondary rate limit"), 403 or 429; the throttling plugin tests
    // the same words.
    matches: (e) =>
      (e.status === 403 || e.status === 429) && /\bsecondary rate\b/i.test(message(e)),
    advice:
      'GitHub’s secondary rate limit held after waiting; too many writes in a short time (other jobs with this token count too)',
  },
  {
    reason: 'rate-limit',
    // https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-primary-rate-limit
    matches: (e) => e.status === 429 || (e.status === 403 && /rate limit/i.test(message(e))),
    advice: 'GitHub’s rate limit for this token is spent for now',
  },
  {
    reason: 'read-only-token',
    // https://docs.github.com/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
    // (a fork's pull request gets read-only permissions)
    matches: (e) => e.status === 403,
    advice:
      'this token may not write here (a pull request from a fork gets a read-only token; otherwise give the job `pull-requests: write`)',
  },
  {
    reason: 'timeout',
    matches: (e) => e.timedOut,
    advice: 'GitHub did not answer in time, on every attempt',
  },
  {
    reason: 'network',
    matches: (e) => e.status === undefined,
    advice: 'GitHub could not be reached, on every attempt',
  },
  {
    reason: 'server-error',
    matches: (e) => (e.status ?? 0) >= 500,
    advice: 'GitHub answered with a server error on every attempt',
  },
  {
    reason: 'bad-credentials',
    matches: (e) => e.status === 401,
    advice: 'the token was refused (missing, expired or revoked)',
  },
  {
    reason: 'not-found',
    matches: (e) => e.status === 404,
    advice: 'GitHub does not show this to the token',
  },
  {
    reason: 'rejected',
    matches: (e) => e.status === 422,
    advice: 'GitHub refused the request',
  },
];

export interface GitHubFailure {
  readonly reason: GitHubFailureReason;
  /** `advice (GitHub API call "…" failed (HTTP 403): …)`: a sentence for a warning. */
  readonly message: string;
}

/** Names what went wrong with one call; anything not a `GitHubApiError` is `other`. */
export function classifyGitHubFailure(error: unknown): GitHubFailure {
  if (!(error instanceof GitHubApiError)) {
    return { reason: 'other', message: error instanceof Error ? error.message : String(error) };
  }
  const rule = RULES.find((candidate) => candidate.matches(error));
  return {
    reason: rule?.reason ?? 'other',
    message: rule ? `${rule.advice} (${error.message})` : error.message,
  };
}

/**
 * True when a failed write may still have happened on GitHub's side: the request was sent and
 * no answer said it was refused (a 5xx after the write, a timeout, a reset). Such a create is
 * re-listed before it is sent again.
 */
export function mayHaveLanded(error: unknown): boolean {
  if (!(error instanceof GitHubApiError)) return false;
  return error.status === undefined || error.status >= 500;
}
