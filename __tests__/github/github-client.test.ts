import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DEFAULT_CALL_LIMITS, GitHubApiError, callGitHub } from '../../src/github/github-client.ts';
import {
  installationToken,
  startGitHubFake,
  type FakeFault,
  type GitHubFake,
} from '../support/github-fake.ts';
import { quickClient } from './quick-client.ts';

const COMMENTS = '/repos/Codertocat/Hello-World/issues/2/comments';
const list = { owner: 'Codertocat', repo: 'Hello-World', issue_number: 2 };

let fake: GitHubFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(faults: readonly FakeFault[]) {
  fake = await startGitHubFake({ tokens: { t: installationToken() }, pullRequests: [2] });
  fake.addFaults(...faults);
  return fake;
}

describe('createGitHubClient: timeouts and retries', () => {
  it('times out each attempt afresh, so a retry after a hung attempt succeeds', async () => {
    // The answered attempt must finish within the timeout even on a loaded machine: 1 s.
    const server = await serve([{ path: COMMENTS, answer: 'hang' }]);
    const client = quickClient('t', server.url, { requestTimeoutMs: 1_000 });
    const response = await client.rest.issues.listComments(list);
    assert.equal(response.status, 200);
    assert.deepEqual(
      server.calls.map((c) => c.status),
      [0, 200],
    );
  });

  it('reports a call that timed out on every attempt as timedOut, with no status', async () => {
    const server = await serve([{ path: COMMENTS, answer: 'hang', times: 3 }]);
    const client = quickClient('t', server.url, { requestTimeoutMs: 50 });
    await assert.rejects(
      callGitHub('list', () => client.rest.issues.listComments(list)),
      (error: unknown) =>
        error instanceof GitHubApiError && error.timedOut && error.status === undefined,
    );
    assert.equal(server.calls.length, DEFAULT_CALL_LIMITS.retries + 1);
  });

  it('keeps the caller’s own signal: an abort by the caller ends the call', async () => {
    const server = await serve([{ path: COMMENTS, answer: 'hang', times: 10 }]);
    const client = quickClient('t', server.url, { requestTimeoutMs: 60_000, retries: 0 });
    const caller = new AbortController();
    const pending = client.rest.issues.listComments({
      ...list,
      request: { signal: caller.signal },
    });
    while (server.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    caller.abort();
    await assert.rejects(pending);
  });

  it('keeps GitHub’s message and retry-after on the error', async () => {
    const server = await serve([
      { path: COMMENTS, answer: 'secondary-rate-limit', retryAfterSeconds: 3600 },
    ]);
    const client = quickClient('t', server.url);
    await assert.rejects(
      callGitHub('list', () => client.rest.issues.listComments(list)),
      (error: unknown) =>
        error instanceof GitHubApiError &&
        error.status === 403 &&
        error.retryAfterSeconds === 3600 &&
        /^You have exceeded a secondary rate limit/.test(error.githubMessage ?? ''),
    );
  });

  it('retries a 5xx and a reset, never a 4xx', async () => {
    const server = await serve([
      { path: COMMENTS, answer: 'bad-gateway' },
      { path: COMMENTS, answer: 'reset' },
    ]);
    const client = quickClient('t', server.url);
    assert.equal((await client.rest.issues.listComments(list)).status, 200);
    assert.deepEqual(
      server.calls.map((c) => c.status),
      [502, 0, 200],
    );
    const missing = { owner: 'Codertocat', repo: 'Hello-World', comment_id: 1, body: 'x' };
    await assert.rejects(client.rest.issues.updateComment(missing), { status: 404 });
    assert.deepEqual(
      server.calls.filter((c) => c.method === 'PATCH').map((c) => c.status),
      [404],
    );
  });
});
