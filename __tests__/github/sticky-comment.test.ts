import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createCommentStore } from '../../src/github/comment-store.ts';
import type { IssueComment } from '../../src/github/comment-store.ts';
import { parseRepoRef } from '../../src/github/repo-ref.ts';
import {
  findOwnComment,
  readStickyComment,
  upsertStickyComment,
} from '../../src/github/sticky-comment.ts';
import { formatCommentRecord, parseCommentRecord } from '../../src/render/comment-record.ts';
import type { CommentStatus } from '../../src/render/comment-record.ts';
import {
  ACTIONS_BOT_LOGIN,
  installationToken,
  personalAccessToken,
  readOnlyToken,
  startGitHubFake,
} from '../support/github-fake.ts';
import type { GitHubFake, GitHubFakeOptions } from '../support/github-fake.ts';
import { quickClient } from './quick-client.ts';

/** A comment body as the renderer writes it: the record line, then markdown. */
function bodyFor(target: string, text: string, status: CommentStatus = 'planned'): string {
  const record = formatCommentRecord({
    tool: 'stage-sync',
    version: '0.1.0',
    target,
    planHash: `hash-of-${text}`,
    truncated: false,
    status,
  });
  return `${record}\n## Plan for ${target}\n\n${text}\n`;
}

const comment = (id: number, author: string | undefined, body: string): IssueComment => ({
  id,
  author,
  body,
  url: `https://github.com/o/r/pull/1#issuecomment-${id}`,
});

describe('findOwnComment on literal comments', () => {
  const ours = bodyFor('stages/**/*.yml', 'one create');

  it('finds the comment with our record for the target and our login', () => {
    const comments = [
      comment(1, 'octocat', 'LGTM'),
      comment(2, ACTIONS_BOT_LOGIN, 'a comment from another workflow'),
      comment(3, ACTIONS_BOT_LOGIN, ours),
    ];
    assert.equal(findOwnComment(comments, 'stages/**/*.yml', ACTIONS_BOT_LOGIN)?.id, 3);
  });

  it('never chooses a human comment that quotes our marker, even word for word', () => {
    const comments = [comment(1, 'octocat', ours)];
    assert.equal(findOwnComment(comments, 'stages/**/*.yml', ACTIONS_BOT_LOGIN), undefined);
    // ...and it is found when the same person's token is ours.
    assert.equal(findOwnComment(comments, 'stages/**/*.yml', 'octocat')?.id, 1);
  });

  it('keeps targets apart', () => {
    const comments = [
      comment(1, ACTIONS_BOT_LOGIN, bodyFor('prod', 'a')),
      comment(2, ACTIONS_BOT_LOGIN, bodyFor('staging', 'b')),
    ];
    assert.equal(findOwnComment(comments, 'staging', ACTIONS_BOT_LOGIN)?.id, 2);
    assert.equal(findOwnComment(comments, 'prod', ACTIONS_BOT_LOGIN)?.id, 1);
    assert.equal(findOwnComment(comments, 'dev', ACTIONS_BOT_LOGIN), undefined);
  });

  it('needs the record on the first line, not anywhere in the body', () => {
    const quotedLater = `> earlier plan:\n${ours}`;
    assert.equal(
      findOwnComment(
        [comment(1, ACTIONS_BOT_LOGIN, quotedLater)],
        'stages/**/*.yml',
        ACTIONS_BOT_LOGIN,
      ),
      undefined,
    );
  });

  it('compares logins as GitHub does, ignoring case; a ghost author is nobody', () => {
    const comments = [comment(1, undefined, ours), comment(2, 'OctoCat', ours)];
    assert.equal(findOwnComment(comments, 'stages/**/*.yml', 'octocat')?.id, 2);
  });

  it('chooses the oldest when a race left two', () => {
    const comments = [comment(5, ACTIONS_BOT_LOGIN, ours), comment(9, ACTIONS_BOT_LOGIN, ours)];
    assert.equal(findOwnComment(comments, 'stages/**/*.yml', ACTIONS_BOT_LOGIN)?.id, 5);
  });
});

const REPO = parseRepoRef('Codertocat/Hello-World');
const TOKENS = {
  'bot-token': installationToken(),
  'pat-token': personalAccessToken('deploy-user'),
  'fork-token': readOnlyToken(),
};

let fake: GitHubFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  fake = await startGitHubFake({ tokens: TOKENS, pullRequests: [2], ...options });
  return fake;
}

function storeFor(server: GitHubFake, token: string) {
  return createCommentStore(quickClient(token, server.url), REPO);
}

/** Comment writes; the GraphQL query for the token's login is a POST that writes nothing. */
const writes = (server: GitHubFake) =>
  server.calls.filter(
    (c) => (c.method === 'POST' || c.method === 'PATCH') && c.path !== '/graphql',
  );

describe('upsertStickyComment over real HTTP', () => {
  it('three pushes to a PR: created, then unchanged without a write, then updated in place', async () => {
    const server = await start();
    const store = storeFor(server, 'bot-token');
    const target = 'stages/**/*.yml';

    const first = await upsertStickyComment(store, 2, bodyFor(target, 'one create'), target);
    assert.equal(first.action, 'created');

    const second = await upsertStickyComment(store, 2, bodyFor(target, 'one create'), target);
    assert.deepEqual(second, { ...first, action: 'unchanged' });

    const third = await upsertStickyComment(store, 2, bodyFor(target, 'two updates'), target);
    assert.equal(third.action, 'updated');
    assert.equal(third.id, first.id);

    assert.deepEqual(
      writes(server).map((c) => c.method),
      ['POST', 'PATCH'],
    );
    const onPr = server.state.commentsOn(2);
    assert.equal(onPr.length, 1);
    assert.equal(onPr[0]?.body, bodyFor(target, 'two updates'));
    assert.equal(
      third.url,
      `https://github.com/Codertocat/Hello-World/pull/2#issuecomment-${onPr[0]?.id}`,
    );
  });

  it('finds our comment beyond the first 100, so it never posts a duplicate', async () => {
    const target = 'prod';
    const chatter = Array.from({ length: 140 }, (_, i) => ({
      issueNumber: 2,
      author: i % 2 ? 'octocat' : 'hubot',
      body: `review note ${i}`,
    }));
    const server = await start({
      comments: [
        ...chatter,
        { issueNumber: 2, author: ACTIONS_BOT_LOGIN, body: bodyFor(target, 'old') },
      ],
    });
    const ourId = server.state.comments.at(-1)?.id;

    const result = await upsertStickyComment(
      storeFor(server, 'bot-token'),
      2,
      bodyFor(target, 'new'),
      target,
    );

    assert.equal(result.action, 'updated');
    assert.equal(result.id, ourId);
    assert.equal(server.state.commentsOn(2).length, 141);
    assert.equal(server.calls.filter((c) => c.method === 'GET').length, 2);
  });

  it('two targets (two matrix jobs) keep separate comments', async () => {
    const server = await start();
    const store = storeFor(server, 'bot-token');

    const prod = await upsertStickyComment(store, 2, bodyFor('prod', 'p1'), 'prod');
    const staging = await upsertStickyComment(store, 2, bodyFor('staging', 's1'), 'staging');
    const prodAgain = await upsertStickyComment(store, 2, bodyFor('prod', 'p2'), 'prod');

    assert.equal(prod.action, 'created');
    assert.equal(staging.action, 'created');
    assert.equal(prodAgain.action, 'updated');
    assert.notEqual(prod.id, staging.id);
    assert.equal(prodAgain.id, prod.id);
    assert.deepEqual(
      server.state.commentsOn(2).map((c) => c.body),
      [bodyFor('prod', 'p2'), bodyFor('staging', 's1')],
    );
  });

  it('leaves a human comment that quotes our marker untouched and writes its own', async () => {
    const target = 'stages/**/*.yml';
    const quoted = bodyFor(target, 'what the bot said');
    const server = await start({ comments: [{ issueNumber: 2, author: 'octocat', body: quoted }] });
    const human = server.state.comments[0];

    const result = await upsertStickyComment(
      storeFor(server, 'bot-token'),
      2,
      bodyFor(target, 'fresh plan'),
      target,
    );

    assert.equal(result.action, 'created');
    assert.equal(server.state.comments[0]?.body, quoted);
    assert.equal(server.state.comments[0]?.updatedAt, human?.updatedAt);
    assert.ok(!server.calls.some((c) => c.method === 'PATCH'));
    assert.equal(server.state.commentsOn(2).at(-1)?.author, ACTIONS_BOT_LOGIN);
  });

  it('readStickyComment returns our comment, whose record carries the plan hash', async () => {
    const server = await start({
      comments: [
        { issueNumber: 2, author: 'octocat', body: bodyFor('prod', 'quoted by a human') },
        { issueNumber: 2, author: ACTIONS_BOT_LOGIN, body: bodyFor('prod', 'reviewed plan') },
      ],
    });
    const store = storeFor(server, 'bot-token');
    const found = await readStickyComment(store, 2, 'prod');
    assert.equal(found?.id, server.state.comments[1]?.id);
    assert.equal(parseCommentRecord(found?.body ?? '')?.planHash, 'hash-of-reviewed plan');
    assert.equal(await readStickyComment(store, 2, 'staging'), undefined);
  });

  it('with a PAT, finds the comments that user wrote, not the bot’s', async () => {
    const target = 'prod';
    const server = await start({
      comments: [
        { issueNumber: 2, author: ACTIONS_BOT_LOGIN, body: bodyFor(target, 'by the bot') },
        { issueNumber: 2, author: 'deploy-user', body: bodyFor(target, 'by the PAT') },
      ],
    });
    const patComment = server.state.comments[1];

    const result = await upsertStickyComment(
      storeFor(server, 'pat-token'),
      2,
      bodyFor(target, 'newer'),
      target,
    );

    assert.equal(result.action, 'updated');
    assert.equal(result.id, patComment?.id);
    assert.equal(server.state.comments[0]?.body, bodyFor(target, 'by the bot'));
  });

  it('a fork’s read-only token: not-written (read-only-token), returned not thrown', async () => {
    const server = await start();
    const result = await upsertStickyComment(
      storeFor(server, 'fork-token'),
      2,
      bodyFor('prod', 'plan'),
      'prod',
    );

    assert.equal(result.action, 'not-written');
    assert.equal(result.reason, 'read-only-token');
    assert.match(
      result.message,
      /#2 was not written: this token may not write here \(a pull request from a fork.*Resource not accessible by integration/,
    );
    assert.deepEqual(server.state.comments, []);
    assert.deepEqual(
      server.calls.map((c) => [c.method, c.path.split('/').at(-1), c.status]),
      [
        ['POST', 'graphql', 200],
        ['GET', 'comments', 200],
        ['POST', 'comments', 403],
      ],
      'a 403 is not retried',
    );
  });

  it('a body over GitHub’s limit is not-written (rejected), with GitHub’s words, not thrown', async () => {
    // Behaviour change: this was thrown. A comment that cannot be written is a warning of the
    // run, never its failure (the job summary holds the same content).
    const server = await start();
    const huge = bodyFor('prod', 'x'.repeat(70_000));
    const result = await upsertStickyComment(storeFor(server, 'bot-token'), 2, huge, 'prod');
    assert.equal(result.action, 'not-written');
    assert.equal(result.action === 'not-written' && result.reason, 'rejected');
    assert.match(
      result.action === 'not-written' ? result.message : '',
      /HTTP 422.*Body is too long/,
    );
    assert.equal(writes(server).length, 1, 'a 422 is not retried');
  });

  it('refuses a body whose record names another target, before any call', async () => {
    const server = await start();
    await assert.rejects(
      upsertStickyComment(storeFor(server, 'bot-token'), 2, bodyFor('prod', 'x'), 'staging'),
      /must start with the comment record for "staging"/,
    );
    await assert.rejects(
      upsertStickyComment(storeFor(server, 'bot-token'), 2, 'no record at all', 'prod'),
      /comment record/,
    );
    assert.deepEqual(server.calls, []);
  });
});
