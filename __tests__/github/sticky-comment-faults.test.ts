/**
 * The sticky comment when GitHub fails: what is retried, what is reported as which reason, and
 * that a create whose answer was lost never becomes a second comment.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createCommentStore } from '../../src/github/comment-store.ts';
import { parseRepoRef } from '../../src/github/repo-ref.ts';
import {
  CREATE_RETRY_WAITS_MS,
  MAX_CREATE_ATTEMPTS,
  upsertStickyComment,
  type StickyCommentResult,
} from '../../src/github/sticky-comment.ts';
import { formatCommentRecord } from '../../src/render/comment-record.ts';
import {
  ACTIONS_BOT_LOGIN,
  installationToken,
  startGitHubFake,
  type GitHubFake,
  type GitHubFakeOptions,
} from '../support/github-fake.ts';
import { quickClient } from './quick-client.ts';

/** Create retries wait here instead of on the clock. */
const slept: number[] = [];
const noWait = async (ms: number): Promise<void> => void slept.push(ms);

const REPO = parseRepoRef('Codertocat/Hello-World');
const COMMENTS = '/repos/Codertocat/Hello-World/issues/2/comments';
const TARGET = 'prod';

function bodyFor(text: string): string {
  const record = formatCommentRecord({
    tool: 'stage-sync',
    version: '0.1.0',
    target: TARGET,
    planHash: `hash-of-${text}`,
    truncated: false,
    status: 'planned',
  });
  return `${record}\n## Plan\n\n${text}\n`;
}

let fake: GitHubFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  slept.length = 0;
});

async function upsert(
  options: GitHubFakeOptions,
  text = 'plan',
  waits: string[] = [],
): Promise<{ result: StickyCommentResult; server: GitHubFake }> {
  const server = await startGitHubFake({
    tokens: { 'bot-token': installationToken() },
    pullRequests: [2],
    ...options,
  });
  fake = server;
  const client = quickClient('bot-token', server.url, {}, (message) => waits.push(message));
  const store = createCommentStore(client, REPO);
  const result = await upsertStickyComment(store, 2, bodyFor(text), TARGET, { sleep: noWait });
  return { result, server };
}

const creates = (server: GitHubFake) =>
  server.calls.filter((c) => c.method === 'POST' && c.path === COMMENTS);

const notWritten = (result: StickyCommentResult) => {
  assert.equal(result.action, 'not-written', JSON.stringify(result));
  return result as Extract<StickyCommentResult, { action: 'not-written' }>;
};

describe('upsertStickyComment when GitHub fails', () => {
  it('a 502 after GitHub stored the comment: listed again, found, not posted twice', async () => {
    const { result, server } = await upsert({
      faults: [{ method: 'POST', path: COMMENTS, answer: 'bad-gateway', afterHandling: true }],
    });
    assert.equal(result.action, 'created');
    assert.equal(server.state.commentsOn(2).length, 1);
    assert.deepEqual(
      creates(server).map((c) => c.status),
      [502],
      'one POST; the second look found it',
    );
    assert.equal(result.action === 'created' && result.id, server.state.commentsOn(2)[0]?.id);
  });

  it('a 500 before anything was stored: listed again, none found, created once more', async () => {
    const { result, server } = await upsert({
      faults: [{ method: 'POST', path: COMMENTS, answer: 'server-error' }],
    });
    assert.equal(result.action, 'created');
    assert.deepEqual(
      creates(server).map((c) => c.status),
      [500, 201],
    );
    assert.equal(server.state.commentsOn(2).length, 1);
  });

  it('a reset on the create is handled like a lost answer', async () => {
    const { result, server } = await upsert({
      faults: [{ method: 'POST', path: COMMENTS, answer: 'reset' }],
    });
    assert.equal(result.action, 'created');
    assert.equal(server.state.commentsOn(2).length, 1);
  });

  it('5xx on every create: not-written (server-error) after a bounded number of creates', async () => {
    const { result, server } = await upsert({
      faults: [{ method: 'POST', path: COMMENTS, answer: 'bad-gateway', times: 100 }],
    });
    const failed = notWritten(result);
    assert.equal(failed.reason, 'server-error');
    assert.match(
      failed.message,
      /#2 was not written: GitHub answered with a server error.*HTTP 502/,
    );
    assert.equal(creates(server).length, MAX_CREATE_ATTEMPTS);
    assert.deepEqual(slept, CREATE_RETRY_WAITS_MS, 'waited before each resend');
    assert.deepEqual(server.state.comments, []);
  });

  it('5xx on the update is retried by the client (an update is safe to resend)', async () => {
    const { result, server } = await upsert({
      comments: [{ issueNumber: 2, author: ACTIONS_BOT_LOGIN, body: bodyFor('old') }],
      faults: [
        { method: 'PATCH', path: /\/issues\/comments\/\d+$/, answer: 'server-error', times: 2 },
      ],
    });
    assert.equal(result.action, 'updated');
    assert.deepEqual(
      server.calls.filter((c) => c.method === 'PATCH').map((c) => c.status),
      [500, 500, 200],
    );
    assert.equal(server.state.commentsOn(2)[0]?.body, bodyFor('plan'));
  });

  it('a 429 on the list is retried', async () => {
    const { result, server } = await upsert({
      faults: [{ method: 'GET', path: COMMENTS, answer: 'too-many-requests' }],
    });
    assert.equal(result.action, 'created');
    assert.deepEqual(
      server.calls.filter((c) => c.method === 'GET').map((c) => c.status),
      [429, 200],
    );
  });

  it('a 429 on the create is sent again after a wait (GitHub refused it, nothing stored)', async () => {
    const { result, server } = await upsert({
      faults: [{ method: 'POST', path: COMMENTS, answer: 'too-many-requests' }],
    });
    assert.equal(result.action, 'created');
    assert.deepEqual(
      creates(server).map((c) => c.status),
      [429, 201],
    );
    assert.deepEqual(slept, [CREATE_RETRY_WAITS_MS[0]]);
  });

  it('429 on every attempt: not-written (rate-limit)', async () => {
    const { result } = await upsert({
      faults: [{ method: 'GET', path: COMMENTS, answer: 'too-many-requests', times: 100 }],
    });
    assert.equal(notWritten(result).reason, 'rate-limit');
  });

  it('a secondary rate limit on the create: waited out as retry-after asks, then created', async () => {
    const waits: string[] = [];
    const { result, server } = await upsert(
      {
        faults: [
          { method: 'POST', path: COMMENTS, answer: 'secondary-rate-limit', retryAfterSeconds: 2 },
        ],
      },
      'plan',
      waits,
    );
    assert.equal(result.action, 'created');
    assert.deepEqual(
      creates(server).map((c) => c.status),
      [403, 201],
    );
    assert.equal(server.state.commentsOn(2).length, 1);
    assert.deepEqual(waits, [
      `GitHub secondary rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/comments: retrying in 2 s`,
    ]);
  });

  it('a secondary rate limit asking for longer than the run waits: not-written, its own reason', async () => {
    const waits: string[] = [];
    const { result, server } = await upsert(
      {
        faults: [
          {
            method: 'POST',
            path: COMMENTS,
            answer: 'secondary-rate-limit',
            retryAfterSeconds: 3600,
          },
        ],
      },
      'plan',
      waits,
    );
    const failed = notWritten(result);
    assert.equal(failed.reason, 'secondary-rate-limit');
    assert.match(failed.message, /secondary rate limit held after waiting/);
    assert.doesNotMatch(failed.message, /fork/);
    assert.equal(creates(server).length, 1);
    assert.match(
      waits[0] ?? '',
      /asked to wait 3600 s, more than this run waits \(60 s, 2 times\)/,
    );
  });

  it('a locked conversation: not-written (locked), not mistaken for a fork', async () => {
    const { result, server } = await upsert({ pullRequests: [{ number: 2, locked: true }] });
    const failed = notWritten(result);
    assert.equal(failed.reason, 'locked');
    assert.match(
      failed.message,
      /conversation is locked.*Unable to create comment because issue is locked/,
    );
    assert.doesNotMatch(failed.message, /fork/);
    assert.equal(creates(server).length, 1, 'a locked 403 is not retried');
  });

  it('a list that never answers: each attempt times out, then not-written (timeout)', async () => {
    const server = await startGitHubFake({
      tokens: { 'bot-token': installationToken() },
      pullRequests: [2],
      faults: [{ method: 'GET', path: COMMENTS, answer: 'hang', times: 3 }],
    });
    fake = server;
    const client = quickClient('bot-token', server.url, { requestTimeoutMs: 50 });
    const result = await upsertStickyComment(
      createCommentStore(client, REPO),
      2,
      bodyFor('plan'),
      TARGET,
    );
    assert.equal(notWritten(result).reason, 'timeout');
    assert.equal(server.faultsRemaining, 0, 'three attempts, each held');
    assert.deepEqual(creates(server), []);
  });
});
