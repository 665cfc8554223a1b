import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { parseRepoRef } from '../../src/github/repo-ref.ts';
import {
  PULL_REQUEST_LOOKUP_WAITS_MS,
  PULL_REQUEST_LOOKUP_WAITS_WARN_MS,
  choosePullRequestForCommit,
  lookUpPullRequestForCommit,
} from '../../src/github/pull-request-for-commit.ts';
import { installationToken, startGitHubFake } from '../support/github-fake.ts';
import { quickClient } from './quick-client.ts';
import type { GitHubFake, GitHubFakeOptions } from '../support/github-fake.ts';

const REPO = parseRepoRef('Codertocat/Hello-World');

const SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';

describe('choosePullRequestForCommit on literal data', () => {
  it('prefers the merged pull request whose merge commit is the pushed one', () => {
    const pulls = [
      { number: 4, merge_commit_sha: 'aaaa', merged_at: null },
      { number: 5, merge_commit_sha: 'bbbb', merged_at: '2024-01-02T00:00:00Z' },
      { number: 6, merge_commit_sha: SHA, merged_at: '2024-01-03T00:00:00Z' },
    ];
    assert.equal(choosePullRequestForCommit(pulls, SHA), 6);
  });

  it('an open PR whose test-merge sha happens to match is not "merged"; the first is taken', () => {
    const pulls = [
      { number: 8, merge_commit_sha: 'cccc', merged_at: null },
      { number: 9, merge_commit_sha: SHA, merged_at: null },
    ];
    assert.equal(choosePullRequestForCommit(pulls, SHA), 8);
  });

  it('no pull request: the commit was pushed directly', () => {
    assert.equal(choosePullRequestForCommit([], SHA), undefined);
  });
});

/** A sleep that records what it was asked and returns at once: no test waits on the clock. */
function recordingSleep(): { sleep: (ms: number) => Promise<void>; asked: number[] } {
  const asked: number[] = [];
  return { asked, sleep: async (ms) => void asked.push(ms) };
}

/** Retries of the client itself kept quick; the lookup's own waits go through `sleep`. */

describe('lookUpPullRequestForCommit against the GitHub fake', () => {
  let fake: GitHubFake | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  const lookUp = async (
    sha: string,
    options: Partial<GitHubFakeOptions> = {},
    waitsMs: readonly number[] = PULL_REQUEST_LOOKUP_WAITS_MS,
  ) => {
    fake ??= await startGitHubFake({
      tokens: { 'bot-token': installationToken() },
      pullRequests: [
        { number: 3, mergeCommitSha: SHA, merged: false },
        { number: 12, mergeCommitSha: SHA, headSha: 'feed' },
      ],
      commits: { [SHA]: [3, 12], ['d'.repeat(40)]: [] },
      ...options,
    });
    const client = quickClient('bot-token', fake.url);
    const clock = recordingSleep();
    const result = await lookUpPullRequestForCommit(client, REPO, sha, {
      waitsMs,
      sleep: clock.sleep,
    });
    return { result, slept: clock.asked, calls: fake.calls };
  };

  it('returns the merged pull request the pushed commit came from, in one call', async () => {
    const { result, slept, calls } = await lookUp(SHA);
    assert.deepEqual(result, { kind: 'found', number: 12, attempts: 1 });
    assert.deepEqual(slept, []);
    assert.deepEqual(
      calls.map((c) => c.path),
      [`/repos/Codertocat/Hello-World/commits/${SHA}/pulls`],
    );
  });

  it('asks again while GitHub answers [] right after the merge, and finds it', async () => {
    const { result, slept, calls } = await lookUp(SHA, { pullRequestLinkDelay: { [SHA]: 2 } });
    assert.deepEqual(result, { kind: 'found', number: 12, attempts: 3 });
    assert.deepEqual(slept, PULL_REQUEST_LOOKUP_WAITS_MS.slice(0, 2));
    assert.deepEqual(
      calls.map((c) => c.status),
      [200, 200, 200],
    );
  });

  it('asks again after 5xx outlast the client’s retries, and finds it', async () => {
    const path = `/repos/Codertocat/Hello-World/commits/${SHA}/pulls`;
    // The client tries 3 times per lookup (2 retries); 4 faults spend the first lookup.
    const { result, slept, calls } = await lookUp(SHA, {
      faults: [{ path, answer: 'bad-gateway', times: 4 }],
    });
    assert.deepEqual(result, { kind: 'found', number: 12, attempts: 2 });
    assert.deepEqual(slept, [PULL_REQUEST_LOOKUP_WAITS_MS[0]]);
    assert.deepEqual(
      calls.map((c) => c.status),
      [502, 502, 502, 502, 200],
    );
  });

  it('still [] after every wait: unknown, no-pull-request, having waited the named total', async () => {
    const { result, slept } = await lookUp('d'.repeat(40));
    assert.equal(result.kind, 'unknown');
    assert.equal(result.kind === 'unknown' && result.reason, 'no-pull-request');
    assert.deepEqual(slept, PULL_REQUEST_LOOKUP_WAITS_MS);
    assert.equal(result.attempts, PULL_REQUEST_LOOKUP_WAITS_MS.length + 1);
    assert.match(
      result.kind === 'unknown' ? result.message : '',
      /d{40} is unknown after 5 attempts over 15 s: GitHub lists no pull request/,
    );
  });

  it('5xx on every attempt: unknown, lookup-failed, naming the server error', async () => {
    const path = `/repos/Codertocat/Hello-World/commits/${SHA}/pulls`;
    const { result, slept } = await lookUp(
      SHA,
      { faults: [{ path, answer: 'server-error', times: 100 }] },
      [10, 20],
    );
    assert.equal(result.kind, 'unknown');
    assert.equal(result.kind === 'unknown' && result.reason, 'lookup-failed');
    assert.deepEqual(slept, [10, 20]);
    assert.match(result.kind === 'unknown' ? result.message : '', /server error.*HTTP 500/);
  });

  it('422 for a commit GitHub does not know: unknown at once, not waited for', async () => {
    const { result, slept } = await lookUp('e'.repeat(40));
    assert.equal(result.kind === 'unknown' && result.reason, 'lookup-failed');
    assert.deepEqual(slept, []);
    assert.match(
      result.kind === 'unknown' ? result.message : '',
      /list pull requests of commit e{40}.*No commit found/,
    );
  });

  it('the warn-policy waits are the first of the strict ones', () => {
    assert.deepEqual(PULL_REQUEST_LOOKUP_WAITS_WARN_MS, PULL_REQUEST_LOOKUP_WAITS_MS.slice(0, 2));
  });
});
