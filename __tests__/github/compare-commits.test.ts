import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compareCommits } from '../../src/github/compare-commits.ts';
import type { GitHubClient } from '../../src/github/github-client.ts';
import { parseRepoRef } from '../../src/github/repo-ref.ts';
import { installationToken, startGitHubFake, type GitHubFake } from '../support/github-fake.ts';
import { quickClient } from './quick-client.ts';

const REPO = parseRepoRef('Codertocat/Hello-World');
/** Commits named by letter, as 40-hex shas. */
const sha = (letter: string): string => letter.repeat(40);

describe('compareCommits against the GitHub fake', () => {
  let fake: GitHubFake;
  let client: GitHubClient;
  before(async () => {
    // a <- b <- c is main; a <- d is another line of work.
    fake = await startGitHubFake({
      tokens: { t: installationToken() },
      history: {
        [sha('a')]: [],
        [sha('b')]: [sha('a')],
        [sha('c')]: [sha('b')],
        [sha('d')]: [sha('a')],
      },
    });
    client = quickClient('t', fake.url);
  });
  after(() => fake.close());

  it('names identical, ahead, behind and diverged with their counts', async () => {
    assert.deepEqual(await compareCommits(client, REPO, sha('c'), sha('c')), {
      status: 'identical',
      aheadBy: 0,
      behindBy: 0,
    });
    assert.deepEqual(await compareCommits(client, REPO, sha('a'), sha('c')), {
      status: 'ahead',
      aheadBy: 2,
      behindBy: 0,
    });
    assert.deepEqual(await compareCommits(client, REPO, sha('c'), sha('a')), {
      status: 'behind',
      aheadBy: 0,
      behindBy: 2,
    });
    assert.deepEqual(await compareCommits(client, REPO, sha('c'), sha('d')), {
      status: 'diverged',
      aheadBy: 1,
      behindBy: 2,
    });
  });

  it('asks for one commit per page, so the answer stays small', async () => {
    await compareCommits(client, REPO, sha('a'), sha('b'));
    const call = fake.calls.at(-1);
    assert.equal(call?.path, `/repos/Codertocat/Hello-World/compare/${sha('a')}...${sha('b')}`);
    assert.equal(call?.query['per_page'], '1');
  });

  it('a commit GitHub does not know is thrown as a 404', async () => {
    await assert.rejects(compareCommits(client, REPO, sha('a'), sha('e')), {
      name: 'GitHubApiError',
      status: 404,
    });
  });
});
