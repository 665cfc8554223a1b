import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  GITHUB_ACTIONS_BOT_LOGIN,
  createCommentStore,
  type CommentStoreOptions,
} from '../../src/github/comment-store.ts';
import { GitHubApiError } from '../../src/github/github-api-error.ts';
import { createGitHubClient } from '../../src/github/github-client.ts';
import { parseRepoRef } from '../../src/github/repo-ref.ts';
import {
  appInstallationToken,
  installationToken,
  personalAccessToken,
  readOnlyToken,
  startGitHubFake,
} from '../support/github-fake.ts';
import type { GitHubFake, GitHubFakeOptions } from '../support/github-fake.ts';
import { quickClient } from './quick-client.ts';

const REPO = parseRepoRef('Codertocat/Hello-World');
const TOKENS = {
  'bot-token': installationToken(),
  'pat-token': personalAccessToken('octocat'),
  'fork-token': readOnlyToken(),
  'app-token': appInstallationToken('deploy-bot'),
};

let fake: GitHubFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function storeFor(
  token: string,
  options: GitHubFakeOptions = {},
  storeOptions: CommentStoreOptions = {},
) {
  fake = await startGitHubFake({ tokens: TOKENS, pullRequests: [2], ...options });
  return {
    fake,
    store: createCommentStore(quickClient(token, fake.url), REPO, storeOptions),
  };
}

describe('createCommentStore over getOctokit, against the GitHub fake', () => {
  it('lists every comment across pages of 100, oldest first', async () => {
    const seeded = Array.from({ length: 250 }, (_, i) => ({
      issueNumber: 2,
      author: i % 3 === 0 ? 'octocat' : 'hubot',
      body: `comment ${i}`,
    }));
    const { fake, store } = await storeFor('bot-token', { comments: seeded });

    const comments = await store.listComments(2);

    assert.deepEqual(
      comments.map((c) => [c.body, c.author]),
      seeded.map((s) => [s.body, s.author]),
    );
    const listCalls = fake.calls.filter((c) => c.method === 'GET');
    assert.deepEqual(
      listCalls.map((c) => [c.query['per_page'], c.query['page'] ?? '1']),
      [
        ['100', '1'],
        ['100', '2'],
        ['100', '3'],
      ],
    );
    // Later pages were fetched from the Link header, not built by us.
    assert.match(listCalls[1]?.path ?? '', /^\/repositories\/\d+\/issues\/2\/comments$/);
    const first = comments[0];
    assert.equal(
      first?.url,
      `https://github.com/Codertocat/Hello-World/pull/2#issuecomment-${first?.id}`,
    );
  });

  it('creates and updates comments, returning what GitHub stored', async () => {
    const { fake, store } = await storeFor('bot-token');

    const created = await store.createComment(2, 'first');
    assert.equal(created.author, GITHUB_ACTIONS_BOT_LOGIN);
    assert.equal(created.body, 'first');
    assert.match(created.url, new RegExp(`/pull/2#issuecomment-${created.id}$`));

    const updated = await store.updateComment(created.id, 'second');
    assert.equal(updated.id, created.id);
    assert.equal(updated.body, 'second');
    assert.deepEqual(
      fake.state.commentsOn(2).map((c) => c.body),
      ['second'],
    );
  });

  it('whoAmI is the PAT user from GraphQL viewer, asked once', async () => {
    const { fake, store } = await storeFor('pat-token');
    assert.equal(await store.whoAmI(), 'octocat');
    assert.equal(await store.whoAmI(), 'octocat');
    assert.deepEqual(
      fake.calls.map((c) => [c.method, c.path, c.status]),
      [['POST', '/graphql', 200]],
    );
  });

  it('whoAmI learns a GitHub App installation token’s <app>[bot], which GET /user cannot', async () => {
    const { fake, store } = await storeFor('app-token');
    assert.equal(await store.whoAmI(), 'deploy-bot[bot]');
    assert.equal(fake.calls.filter((c) => c.path === '/user').length, 0);
    // Right: a comment made with this token is authored by that login.
    assert.equal((await store.createComment(2, 'x')).author, await store.whoAmI());
  });

  it('whoAmI of the GITHUB_TOKEN is github-actions[bot], from GraphQL', async () => {
    const { store } = await storeFor('bot-token');
    assert.equal(await store.whoAmI(), GITHUB_ACTIONS_BOT_LOGIN);
    assert.equal((await store.createComment(2, 'x')).author, await store.whoAmI());
  });

  it('GraphQL failing on every attempt, then GET /user’s 403: the login is unknown, not guessed', async () => {
    // An installation token: the workflow's own or an App's, which only GraphQL tells apart.
    for (const token of ['bot-token', 'app-token']) {
      const { fake, store } = await storeFor(token, {
        faults: [{ path: '/graphql', answer: 'server-error', times: 3 }],
      });
      await assert.rejects(store.whoAmI(), (error: unknown) => {
        assert.ok(error instanceof GitHubApiError);
        assert.match(error.message, /learn which login this token comments as/);
        assert.match(error.message, /the workflow's own or a GitHub App's/);
        return true;
      });
      assert.deepEqual(
        fake.calls.map((c) => [c.path, c.status]),
        [
          ['/graphql', 500],
          ['/graphql', 500],
          ['/graphql', 500],
          ['/user', 403],
        ],
      );
      await fake.close();
    }
  });

  it('GraphQL refusing outright, then GET /user’s 403: the workflow’s own github-actions[bot]', async () => {
    const { store } = await storeFor('bot-token', {
      faults: [{ path: '/graphql', answer: 'not-found', times: 1 }],
    });
    assert.equal(await store.whoAmI(), GITHUB_ACTIONS_BOT_LOGIN);
  });

  it('GraphQL failing for a PAT: GET /user names it', async () => {
    const { store } = await storeFor('pat-token', {
      faults: [{ path: '/graphql', answer: 'bad-gateway', times: 3 }],
    });
    assert.equal(await store.whoAmI(), 'octocat');
  });

  it('the comment-author override is taken as it is, with no lookup', async () => {
    const { fake, store } = await storeFor(
      'app-token',
      {},
      { commentAuthor: ' release-app[bot] ' },
    );
    assert.equal(await store.whoAmI(), 'release-app[bot]');
    assert.deepEqual(fake.calls, []);
  });

  it('wraps failures with the call and the status, and never shows the token', async () => {
    const { store } = await storeFor('bot-token');
    await assert.rejects(store.createComment(2, 'x'.repeat(65_537)), (error: unknown) => {
      assert.ok(error instanceof GitHubApiError);
      assert.equal(error.status, 422);
      assert.equal(error.operation, 'create comment on #2');
      assert.match(error.message, /create comment on #2.*HTTP 422.*Body is too long/s);
      return true;
    });

    const badToken = createCommentStore(quickClient('ghs_secret_value', fake?.url), REPO);
    await assert.rejects(badToken.listComments(2), (error: unknown) => {
      assert.ok(error instanceof GitHubApiError);
      assert.equal(error.status, 401);
      assert.match(error.message, /list comments on #2.*Bad credentials/);
      assert.doesNotMatch(error.message, /ghs_secret_value/);
      return true;
    });
    // A 401 is not the installation-token case: it is thrown, not guessed away.
    await assert.rejects(badToken.whoAmI(), { name: 'GitHubApiError', status: 401 });
    // ...and a later call asks again rather than keep the failure.
    const asked = fake?.calls.length ?? 0;
    await assert.rejects(badToken.whoAmI(), { status: 401 });
    assert.ok((fake?.calls.length ?? 0) > asked);
  });

  it('reports a read-only token’s refusal as a 403', async () => {
    const { store } = await storeFor('fork-token');
    assert.deepEqual(await store.listComments(2), []);
    await assert.rejects(store.createComment(2, 'x'), { name: 'GitHubApiError', status: 403 });
  });

  it('reports a connection failure without a status', async () => {
    const { fake, store } = await storeFor('bot-token');
    await fake.close();
    await assert.rejects(store.listComments(2), (error: unknown) => {
      assert.ok(error instanceof GitHubApiError);
      assert.equal(error.status, undefined);
      assert.match(error.message, /^GitHub API call "list comments on #2" failed: /);
      return true;
    });
  });

  it('accepts a base URL with a trailing slash, as GITHUB_API_URL may have', async () => {
    fake = await startGitHubFake({ tokens: TOKENS, pullRequests: [2] });
    const store = createCommentStore(
      createGitHubClient({ token: 'pat-token', baseUrl: `${fake.url}/` }),
      REPO,
    );
    assert.equal(await store.whoAmI(), 'octocat');
  });
});

describe('parseRepoRef', () => {
  it('splits owner/name and refuses anything else', () => {
    assert.deepEqual(parseRepoRef('octo-org/octo-repo'), { owner: 'octo-org', repo: 'octo-repo' });
    assert.throws(() => parseRepoRef('just-a-name'), /owner\/name/);
    assert.throws(() => parseRepoRef('a/b/c'), /owner\/name/);
  });
});
