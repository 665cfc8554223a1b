import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GitHubApiError } from '../../src/github/github-api-error.ts';
import { classifyGitHubFailure, mayHaveLanded } from '../../src/github/github-failure.ts';

/** An error as Octokit's RequestError carries it: status and GitHub's JSON body. */
function apiError(status: number | undefined, message: string, cause: unknown = undefined) {
  const octokitError =
    cause ??
    Object.assign(new Error(message), {
      status,
      response: { data: { message }, headers: {} },
    });
  return new GitHubApiError('create comment on #2', status, message, octokitError);
}

describe('classifyGitHubFailure', () => {
  const cases: [string, GitHubApiError, string][] = [
    [
      'a fork’s read-only token',
      apiError(403, 'Resource not accessible by integration'),
      'read-only-token',
    ],
    [
      'a locked conversation',
      apiError(403, 'Unable to create comment because issue is locked.'),
      'locked',
    ],
    [
      'a secondary rate limit (403)',
      apiError(403, 'You have exceeded a secondary rate limit. Please wait a few minutes.'),
      'secondary-rate-limit',
    ],
    [
      'a secondary rate limit (429)',
      apiError(429, 'You have exceeded a secondary rate limit'),
      'secondary-rate-limit',
    ],
    [
      'a primary rate limit (403)',
      apiError(403, 'API rate limit exceeded for installation ID 1.'),
      'rate-limit',
    ],
    ['a bare 429', apiError(429, 'Too Many Requests'), 'rate-limit'],
    ['a 502', apiError(502, 'Server Error'), 'server-error'],
    ['a reset', apiError(undefined, 'other side closed'), 'network'],
    [
      'a timeout',
      apiError(
        undefined,
        'aborted',
        Object.assign(new Error('x'), { cause: { name: 'TimeoutError' } }),
      ),
      'timeout',
    ],
    ['bad credentials', apiError(401, 'Bad credentials'), 'bad-credentials'],
    ['a missing pull request', apiError(404, 'Not Found'), 'not-found'],
    ['a body too long', apiError(422, 'Validation Failed'), 'rejected'],
  ];
  for (const [name, error, reason] of cases) {
    it(`${name} is ${reason}`, () => {
      const failure = classifyGitHubFailure(error);
      assert.equal(failure.reason, reason);
      assert.ok(failure.message.endsWith(`(${error.message})`), 'GitHub’s words are kept');
    });
  }

  it('each reason has its own advice', () => {
    const messages = cases.map(([, error]) => classifyGitHubFailure(error).message.split(' (')[0]);
    const byReason = new Map(cases.map(([, , reason], i) => [reason, messages[i]]));
    assert.equal(new Set(byReason.values()).size, byReason.size);
  });

  it('anything else is other, with its message', () => {
    assert.deepEqual(classifyGitHubFailure(new Error('boom')), {
      reason: 'other',
      message: 'boom',
    });
  });
});

describe('mayHaveLanded', () => {
  it('a 5xx, a reset or a timeout may have been stored; a 4xx was refused', () => {
    assert.equal(mayHaveLanded(apiError(502, 'x')), true);
    assert.equal(mayHaveLanded(apiError(undefined, 'x')), true);
    assert.equal(mayHaveLanded(apiError(403, 'x')), false);
    assert.equal(mayHaveLanded(apiError(422, 'x')), false);
    assert.equal(mayHaveLanded(new Error('x')), false);
  });
});
