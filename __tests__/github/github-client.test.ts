import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { afterEach, describe, it } from 'node:test';
import { createCommentStore } from '../../src/github/comment-store.ts';
import {
  GitHubApiError,
  GitHubClientLoadError,
  callGitHub,
} from '../../src/github/github-api-error.ts';
import { DEFAULT_CALL_LIMITS, lazyGitHubClient } from '../../src/github/github-client.ts';
import { createOctokit } from '../../src/github/octokit-client.ts';
import { parseRepoRef } from '../../src/github/repo-ref.ts';
import { upsertStickyComment } from '../../src/github/sticky-comment.ts';
import { formatCommentRecord } from '../../src/render/comment-record.ts';
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

/**
 * The modules a fresh process had resolved (as URLs) at each `mark(name)` of `script`, seen by a
 * resolve hook registered before anything else is imported.
 */
async function modulesResolvedBy(script: string): Promise<Record<string, string[]>> {
  const hooked = `
    import { registerHooks } from 'node:module';
    const resolved = [];
    registerHooks({ resolve: (specifier, context, next) => {
      const answer = next(specifier, context);
      resolved.push(answer.url);
      return answer;
    } });
    const marks = {};
    const mark = (name) => { marks[name] = [...resolved]; };
    ${script}
    process.stdout.write(JSON.stringify(marks));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', hooked], {
    cwd: new URL('../../', import.meta.url),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0);
  return JSON.parse(out) as Record<string, string[]>;
}

const OCTOKIT = /\/node_modules\/(@actions\/github|@octokit\/[^/]+|bottleneck)\//;
const AWS_SDK = /\/node_modules\/@aws-sdk\//;

describe('lazyGitHubClient: Octokit is loaded on the first call', () => {
  function settings(baseUrl: string) {
    return { token: 't', baseUrl, limits: { ...DEFAULT_CALL_LIMITS, retryAfterBaseMs: 1 } };
  }

  it('loads nothing until a call, then once for concurrent calls, and answers as Octokit', async () => {
    fake = await startGitHubFake({
      tokens: { t: installationToken() },
      pullRequests: [2],
      comments: [
        { issueNumber: 2, author: 'octocat', body: 'first' },
        { issueNumber: 2, author: 'hubot', body: 'second' },
      ],
    });
    const server = fake;
    let loads = 0;
    const client = lazyGitHubClient(async () => {
      loads += 1;
      return createOctokit(settings(server.url));
    });
    const store = createCommentStore(client, parseRepoRef('Codertocat/Hello-World'));
    assert.equal(typeof client.rest.issues.listComments, 'function');
    assert.equal(loads, 0);
    const [direct, paginated] = await Promise.all([
      client.rest.issues.listComments(list),
      store.listComments(2),
    ]);
    assert.equal(loads, 1);
    assert.equal(direct.status, 200);
    assert.deepEqual(
      direct.data.map((comment) => comment.body),
      ['first', 'second'],
    );
    // `paginate` was handed this client's method and called Octokit's own with it.
    assert.deepEqual(
      paginated.map((comment) => [comment.body, comment.author]),
      [
        ['first', 'octocat'],
        ['second', 'hubot'],
      ],
    );
    assert.equal(server.calls.length, 2);
  });

  it('a failed load is thrown as GitHubClientLoadError by every call, not as a GitHub failure', async () => {
    let loads = 0;
    const missing = new Error("Cannot find module './618.index.js'");
    const client = lazyGitHubClient(async () => {
      loads += 1;
      throw missing;
    });
    const isLoadError = (error: unknown) =>
      error instanceof GitHubClientLoadError &&
      !(error instanceof GitHubApiError) &&
      error.cause === missing &&
      error.message === `Could not load the GitHub client: ${missing.message}`;
    await assert.rejects(
      callGitHub('list', () => client.rest.issues.listComments(list)),
      isLoadError,
    );
    // The sticky comment returns GitHub's refusals as not-written; a broken bundle is thrown,
    // so the run ends as an internal error (src/action/run-action.ts) and not with a warning.
    const store = createCommentStore(client, parseRepoRef('Codertocat/Hello-World'), {
      commentAuthor: 'github-actions[bot]',
    });
    const record = formatCommentRecord({
      tool: 'stage-sync',
      version: '0.1.0',
      target: 'prod',
      planHash: 'hash-of-plan',
      truncated: false,
      status: 'planned',
    });
    await assert.rejects(upsertStickyComment(store, 2, `${record}\nplan\n`, 'prod'), isLoadError);
    assert.equal(loads, 1);
  });

  it('refuses a member that is not a call returning a promise, naming it', () => {
    const client = lazyGitHubClient(() => Promise.reject(new Error('not loaded')));
    assert.throws(
      () => client.paginate.iterator(client.rest.issues.listComments, list),
      (error: unknown) =>
        error instanceof TypeError && /not paginate\.iterator\(\)/.test(error.message),
    );
  });

  it('the action’s modules load no Octokit and no AWS SDK until a GitHub call is made', async () => {
    const server = await serve([]);
    const marks = await modulesResolvedBy(`
      await import('./src/main.ts');
      mark('start');
      const { createGitHubClient } = await import('./src/github/github-client.ts');
      const client = createGitHubClient({ token: 't', baseUrl: ${JSON.stringify(server.url)} });
      mark('client made');
      await client.rest.issues.listComments(${JSON.stringify(list)});
      mark('after a call');
    `);
    const start = marks['start'] ?? [];
    // The hook saw the packages the start does load, so an Octokit import would show too.
    assert.ok(start.some((url) => url.includes('/node_modules/@actions/core/')));
    assert.deepEqual(
      start.filter((url) => OCTOKIT.test(url) || AWS_SDK.test(url)),
      [],
    );
    assert.deepEqual(
      (marks['client made'] ?? []).filter((url) => OCTOKIT.test(url)),
      [],
    );
    assert.ok((marks['after a call'] ?? []).some((url) => OCTOKIT.test(url)));
    assert.equal(server.calls.length, 1);
  });
});
