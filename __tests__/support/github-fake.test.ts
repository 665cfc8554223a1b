import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ACTIONS_BOT_LOGIN,
  MAX_COMMENT_BODY_CHARS,
  appInstallationToken,
  installationToken,
  personalAccessToken,
  readOnlyToken,
  startGitHubFake,
} from './github-fake.ts';
import type { GitHubFake } from './github-fake.ts';

/** Raw HTTP against the fake, so these tests check the wire format, not Octokit's reading of it. */
async function call(
  fake: GitHubFake,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  if (options.token) headers['authorization'] = `token ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, fake.url), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

/** Parses an RFC 5988 Link header into rel -> URL. */
function parseLink(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part);
    if (match) links[match[2] as string] = match[1] as string;
  }
  return links;
}

describe('GitHub fake', () => {
  let fake: GitHubFake;
  const repoPath = '/repos/Codertocat/Hello-World';

  before(async () => {
    fake = await startGitHubFake({
      tokens: {
        'bot-token': installationToken(),
        'pat-token': personalAccessToken('octocat'),
        'fork-token': readOnlyToken(),
        'app-token': appInstallationToken('deploy-bot'),
      },
      pullRequests: [
        2,
        { number: 7, mergeCommitSha: 'abc123', headSha: 'def456' },
        { number: 9, locked: true },
      ],
      comments: Array.from({ length: 65 }, (_, i) => ({
        issueNumber: 2,
        author: i % 2 === 0 ? 'octocat' : 'hubot',
        body: `comment ${i}`,
      })),
      commits: { abc123: [7], lonely: [], 'just-merged': [7] },
      pullRequestLinkDelay: { 'just-merged': 2 },
    });
  });
  after(() => fake.close());

  it('answers 401 without a token and with an unknown one, as GitHub does', async () => {
    const anonymous = await call(fake, 'GET', `${repoPath}/issues/2/comments`);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(anonymous.json, {
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
    const unknown = await call(fake, 'GET', '/user', { token: 'nope' });
    assert.equal(unknown.status, 401);
    assert.equal((unknown.json as { message: string }).message, 'Bad credentials');
  });

  it('serves GET /user for a PAT and 403 for an installation token', async () => {
    const pat = await call(fake, 'GET', '/user', { token: 'pat-token' });
    assert.equal(pat.status, 200);
    assert.equal((pat.json as { login: string }).login, 'octocat');
    assert.equal((pat.json as { type: string }).type, 'User');

    const bot = await call(fake, 'GET', '/user', { token: 'bot-token' });
    assert.equal(bot.status, 403);
    assert.deepEqual(bot.json, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
      status: '403',
    });
  });

  it('paginates comments with Link headers that lead through every page', async () => {
    const first = await call(fake, 'GET', `${repoPath}/issues/2/comments`, { token: 'bot-token' });
    assert.equal(first.status, 200);
    assert.equal((first.json as unknown[]).length, 30, 'GitHub pages by 30 unless told');
    const links = parseLink(first.headers.get('link'));
    assert.deepEqual(Object.keys(links).sort(), ['last', 'next']);
    assert.match(links['next'] as string, /\/repositories\/\d+\/issues\/2\/comments\?page=2$/);
    assert.match(links['last'] as string, /page=3$/);

    const bodies: string[] = [];
    let next: string | undefined = `${repoPath}/issues/2/comments?per_page=20`;
    let pages = 0;
    while (next) {
      const page = await call(fake, 'GET', next, { token: 'bot-token' });
      bodies.push(...(page.json as { body: string }[]).map((c) => c.body));
      const rels = parseLink(page.headers.get('link'));
      if (pages > 0) assert.ok(rels['prev'] && rels['first'], 'later pages link back');
      next = rels['next'];
      pages++;
    }
    assert.equal(pages, 4);
    assert.deepEqual(
      bodies,
      Array.from({ length: 65 }, (_, i) => `comment ${i}`),
    );
  });

  it('caps per_page at 100 and omits Link when one page holds everything', async () => {
    const page = await call(fake, 'GET', `${repoPath}/issues/2/comments?per_page=500`, {
      token: 'bot-token',
    });
    assert.equal((page.json as unknown[]).length, 65);
    assert.equal(page.headers.get('link'), null);
  });

  it('creates a comment with GitHub’s shape, authored by the token’s identity', async () => {
    const created = await call(fake, 'POST', `${repoPath}/issues/2/comments`, {
      token: 'bot-token',
      body: { body: 'hello' },
    });
    assert.equal(created.status, 201);
    const comment = created.json as Record<string, unknown> & {
      id: number;
      user: { login: string; type: string };
    };
    assert.equal(comment['body'], 'hello');
    assert.equal(comment.user.login, ACTIONS_BOT_LOGIN);
    assert.equal(comment.user.type, 'Bot');
    assert.equal(
      comment['html_url'],
      `https://github.com/Codertocat/Hello-World/pull/2#issuecomment-${comment.id}`,
    );
    assert.equal(comment['issue_url'], `${fake.url}${repoPath}/issues/2`);
    assert.equal(
      created.headers.get('location'),
      `${fake.url}${repoPath}/issues/comments/${comment.id}`,
    );
    assert.equal(fake.state.commentsOn(2).at(-1)?.author, ACTIONS_BOT_LOGIN);

    const byPat = await call(fake, 'POST', `${repoPath}/issues/2/comments`, {
      token: 'pat-token',
      body: { body: 'from a person' },
    });
    assert.equal((byPat.json as { user: { login: string } }).user.login, 'octocat');
  });

  it('updates a comment in place and keeps its id', async () => {
    const target = fake.state.addComment({ issueNumber: 2, author: ACTIONS_BOT_LOGIN, body: 'v1' });
    const updated = await call(fake, 'PATCH', `${repoPath}/issues/comments/${target.id}`, {
      token: 'bot-token',
      body: { body: 'v2' },
    });
    assert.equal(updated.status, 200);
    assert.equal((updated.json as { id: number }).id, target.id);
    assert.equal(fake.state.comments.find((c) => c.id === target.id)?.body, 'v2');

    const missing = await call(fake, 'PATCH', `${repoPath}/issues/comments/1`, {
      token: 'bot-token',
      body: { body: 'x' },
    });
    assert.equal(missing.status, 404);
  });

  it('refuses writes with a read-only token but lets it read', async () => {
    const before = fake.state.comments.length;
    const denied = await call(fake, 'POST', `${repoPath}/issues/2/comments`, {
      token: 'fork-token',
      body: { body: 'nope' },
    });
    assert.equal(denied.status, 403);
    assert.equal(
      (denied.json as { message: string }).message,
      'Resource not accessible by integration',
    );
    const patch = await call(
      fake,
      'PATCH',
      `${repoPath}/issues/comments/${fake.state.comments[0]?.id}`,
      {
        token: 'fork-token',
        body: { body: 'nope' },
      },
    );
    assert.equal(patch.status, 403);
    assert.equal(fake.state.comments.length, before);
    assert.equal(fake.state.comments[0]?.body, 'comment 0');
    const read = await call(fake, 'GET', `${repoPath}/issues/2/comments`, { token: 'fork-token' });
    assert.equal(read.status, 200);
  });

  it('answers 422 for a body over 65,536 characters, counting characters not UTF-16 units', async () => {
    const tooLong = await call(fake, 'POST', `${repoPath}/issues/2/comments`, {
      token: 'bot-token',
      body: { body: 'x'.repeat(MAX_COMMENT_BODY_CHARS + 1) },
    });
    assert.equal(tooLong.status, 422);
    assert.deepEqual(tooLong.json, {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)',
        },
      ],
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '422',
    });
    // 65,536 astral characters are 131,072 UTF-16 units but still within GitHub's limit.
    const atLimit = await call(fake, 'POST', `${repoPath}/issues/2/comments`, {
      token: 'bot-token',
      body: { body: '😀'.repeat(MAX_COMMENT_BODY_CHARS) },
    });
    assert.equal(atLimit.status, 201);
  });

  it('answers 404 for another repository and for a pull request that does not exist', async () => {
    const other = await call(fake, 'GET', '/repos/someone/else/issues/2/comments', {
      token: 'bot-token',
    });
    assert.equal(other.status, 404);
    const noSuchPr = await call(fake, 'POST', `${repoPath}/issues/999/comments`, {
      token: 'bot-token',
      body: { body: 'x' },
    });
    assert.equal(noSuchPr.status, 404);
  });

  it('lists the pull requests of a commit, and 422 for an unknown commit', async () => {
    const pulls = await call(fake, 'GET', `${repoPath}/commits/abc123/pulls`, {
      token: 'bot-token',
    });
    assert.equal(pulls.status, 200);
    const [pr] = pulls.json as {
      number: number;
      merge_commit_sha: string;
      merged_at: string;
      state: string;
    }[];
    assert.equal(pr?.number, 7);
    assert.equal(pr?.merge_commit_sha, 'abc123');
    assert.equal(pr?.state, 'closed');
    assert.ok(pr?.merged_at);

    const none = await call(fake, 'GET', `${repoPath}/commits/lonely/pulls`, {
      token: 'bot-token',
    });
    assert.deepEqual(none.json, []);
    const unknown = await call(fake, 'GET', `${repoPath}/commits/feedface/pulls`, {
      token: 'bot-token',
    });
    assert.equal(unknown.status, 422);
  });

  it('an App installation token: GET /user refused, comments by <app>[bot]', async () => {
    const user = await call(fake, 'GET', '/user', { token: 'app-token' });
    assert.equal(user.status, 403);
    const created = await call(fake, 'POST', `${repoPath}/issues/2/comments`, {
      token: 'app-token',
      body: { body: 'from the app' },
    });
    assert.equal(created.status, 201);
    const author = (created.json as { user: { login: string; type: string } }).user;
    assert.deepEqual([author.login, author.type], ['deploy-bot[bot]', 'Bot']);
  });

  it('GraphQL viewer answers each token’s own login; other queries get errors', async () => {
    const viewer = async (token: string) =>
      call(fake, 'POST', '/graphql', { token, body: { query: 'query { viewer { login } }' } });
    assert.deepEqual((await viewer('app-token')).json, {
      data: { viewer: { login: 'deploy-bot[bot]' } },
    });
    assert.deepEqual((await viewer('bot-token')).json, {
      data: { viewer: { login: ACTIONS_BOT_LOGIN } },
    });
    assert.deepEqual((await viewer('pat-token')).json, { data: { viewer: { login: 'octocat' } } });
    const other = await call(fake, 'POST', '/graphql', {
      token: 'bot-token',
      body: { query: '{ repository(owner: "a", name: "b") { id } }' },
    });
    assert.equal(other.status, 200);
    assert.ok((other.json as { errors: unknown[] }).errors.length > 0);
    assert.equal(
      (await call(fake, 'POST', '/graphql', { body: { query: '{ viewer { login } }' } })).status,
      401,
    );
  });

  it('a locked pull request refuses comments with GitHub’s locked 403', async () => {
    const locked = await call(fake, 'POST', `${repoPath}/issues/9/comments`, {
      token: 'bot-token',
      body: { body: 'x' },
    });
    assert.equal(locked.status, 403);
    assert.equal(
      (locked.json as { message: string }).message,
      'Unable to create comment because issue is locked.',
    );
    assert.deepEqual(fake.state.commentsOn(9), []);
  });

  it('a just-merged commit lists no pull request for the first lookups, then its PR', async () => {
    const lookUp = async () =>
      (await call(fake, 'GET', `${repoPath}/commits/just-merged/pulls`, { token: 'bot-token' }))
        .json as { number: number }[];
    assert.deepEqual(await lookUp(), []);
    assert.deepEqual(await lookUp(), []);
    assert.deepEqual(
      (await lookUp()).map((pr) => pr.number),
      [7],
    );
    assert.deepEqual(
      (await lookUp()).map((pr) => pr.number),
      [7],
    );
  });

  it('records every call with method, path, query, token and status', () => {
    const user = fake.calls.filter((c) => c.path === '/user');
    assert.deepEqual(
      user.map((c) => [c.method, c.token, c.status]),
      [
        ['GET', 'nope', 401],
        ['GET', 'pat-token', 200],
        ['GET', 'bot-token', 403],
        ['GET', 'app-token', 403],
      ],
    );
    const paged = fake.calls.find((c) => c.query['per_page'] === '20');
    assert.equal(paged?.path, `${repoPath}/issues/2/comments`);
    const post = fake.calls.find((c) => c.method === 'POST');
    assert.deepEqual(post?.body, { body: 'hello' });
  });
});
