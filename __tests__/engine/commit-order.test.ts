import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { commitOrder, orderInHistory } from '../../src/engine/commit-order.ts';
import type { CommitComparison } from '../../src/github/compare-commits.ts';

let repo: string;
const commits: Record<'first' | 'second' | 'side', string> = { first: '', second: '', side: '' };
const UNKNOWN = 'd'.repeat(40);

function git(...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

function commit(file: string): string {
  writeFileSync(join(repo, file), file);
  git('add', '-A');
  git('commit', '-qm', file);
  return git('rev-parse', 'HEAD');
}

before(() => {
  repo = mkdtempSync(join(tmpdir(), 'commit-order-'));
  git('init', '-q', '-b', 'main');
  commits.first = commit('a');
  commits.second = commit('b');
  git('checkout', '-q', '-b', 'side', commits.first);
  commits.side = commit('c');
});
after(() => rmSync(repo, { recursive: true, force: true }));

test('the history says older for an ancestor, newer-or-same for a descendant or another line', async () => {
  assert.equal(await orderInHistory(repo, commits.first, commits.second), 'older');
  assert.equal(await orderInHistory(repo, commits.second, commits.first), 'newer-or-same');
  assert.equal(await orderInHistory(repo, commits.side, commits.second), 'newer-or-same');
  assert.equal(await orderInHistory(repo, commits.first, UNKNOWN), 'unknown');
});

test('a shallow checkout cannot tell two lines of history from a cut-off one: unknown', async (t) => {
  const shallow = mkdtempSync(join(tmpdir(), 'commit-order-shallow-'));
  t.after(() => rmSync(shallow, { recursive: true, force: true }));
  execFileSync('git', [
    'clone',
    '-q',
    '--depth',
    '1',
    '--no-single-branch',
    `file://${repo}`,
    shallow,
  ]);
  // `side` and `main` are each one commit deep here: their common parent is cut off.
  assert.equal(await orderInHistory(shallow, commits.side, commits.second), 'unknown');
});

test('GitHub answers what the history cannot; its faults and odd tag values are unknown', async () => {
  const asked: string[] = [];
  const compare = async (base: string, head: string): Promise<CommitComparison> => {
    asked.push(`${base}...${head}`);
    if (head === 'e'.repeat(40)) throw new Error('502 Bad Gateway');
    return { status: 'ahead', aheadBy: 1, behindBy: 0 };
  };
  const order = commitOrder({ workspace: repo, compareOnGitHub: compare });
  assert.equal(await order(commits.first, UNKNOWN), 'older');
  assert.equal(await order(commits.first, UNKNOWN), 'older');
  assert.deepEqual(asked, [`${commits.first}...${UNKNOWN}`], 'each pair is asked once');
  assert.equal(await order(commits.first, 'e'.repeat(40)), 'unknown');
  assert.equal(await order(commits.first, '--upload-pack=x'), 'unknown');
  assert.equal(await order('local', commits.second), 'unknown');
  assert.equal(await order(commits.second, commits.first), 'newer-or-same');
  assert.equal(asked.length, 2, 'the history answered the last one: GitHub was not asked');
});

test('without history or GitHub, nothing is known', async (t) => {
  const empty = mkdtempSync(join(tmpdir(), 'commit-order-none-'));
  t.after(() => rmSync(empty, { recursive: true, force: true }));
  assert.equal(await commitOrder({ workspace: empty })(commits.first, commits.second), 'unknown');
  assert.equal(await commitOrder({})(commits.first, commits.second), 'unknown');
});
