/**
 * The production client with its waits shortened for tests: retries and rate-limit waits in
 * milliseconds instead of seconds, no spacing between writes (each client has its own spacing, so none is shared). The number of attempts and the
 * rules of what is retried are production's.
 */
import {
  createGitHubClient,
  type GitHubCallLimits,
  type GitHubClient,
} from '../../src/github/github-client.ts';

export const QUICK_LIMITS: Partial<GitHubCallLimits> = {
  retryAfterBaseMs: 1,
  minWriteIntervalMs: 0,
  minNotifyingWriteIntervalMs: 0,
};

export function quickClient(
  token: string,
  baseUrl: string | undefined,
  limits: Partial<GitHubCallLimits> = {},
  onWait?: (message: string) => void,
): GitHubClient {
  return createGitHubClient({ token, baseUrl, limits: { ...QUICK_LIMITS, ...limits }, onWait });
}
