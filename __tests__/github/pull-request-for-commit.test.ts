import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  GitHubApiError,
  createGitHubClient,
  parseRepoRef,
} from '../../src/github/github-client.ts';
import {
  choosePullRequestForCommit,
  findPullRequestForCommit,
} from '../../src/github/pull-request-for-commit.ts';
import { installationToken, startGitHubFake } from '../support/github-fake.ts';
import type { GitHubFake } from '../support/github-fake.ts';

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

describe('findPullRequestForCommit against the GitHub fake', () => {
  let fake: GitHubFake | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  const find = async (sha: string) => {
    fake ??= await startGitHubFake({
      tokens: { 'bot-token': installationToken() },
      pullRequests: [
        { number: 3, mergeCommitSha: SHA, merged: false },
        { number: 12, mergeCommitSha: SHA, headSha: 'feed' },
      ],
      commits: { [SHA]: [3, 12], ['d'.repeat(40)]: [] },
    });
    const client = createGitHubClient({ token: 'bot-token', baseUrl: fake.url });
    return findPullRequestForCommit(client, parseRepoRef('Codertocat/Hello-World'), sha);
  };

  it('returns the merged pull request the pushed commit came from', async () => {
    assert.equal(await find(SHA), 12);
    assert.deepEqual(
      fake?.calls.map((c) => c.path),
      [`/repos/Codertocat/Hello-World/commits/${SHA}/pulls`],
    );
  });

  it('returns undefined for a commit no pull request brought', async () => {
    assert.equal(await find('d'.repeat(40)), undefined);
  });

  it('throws a GitHubApiError naming the commit when GitHub does not know it', async () => {
    await assert.rejects(find('e'.repeat(40)), (error: unknown) => {
      assert.ok(error instanceof GitHubApiError);
      assert.equal(error.status, 422);
      assert.match(error.message, /list pull requests of commit e{40}.*No commit found/);
      return true;
    });
  });
});
