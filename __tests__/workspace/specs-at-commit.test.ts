import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { readSpecsAtCommit, selectedBy } from '../../src/workspace/specs-at-commit.ts';
import { gitIn } from '../support/git-workspace.ts';

/** A repository with two commits: the first declares a log format, the second drops it. */
function repository(t: TestContext): { dir: string; first: string; second: string } {
  const dir = mkdtempSync(join(tmpdir(), 'specs-at-commit-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const git = gitIn(dir);
  git('init', '-q');
  mkdirSync(join(dir, 'stages'));
  writeFileSync(join(dir, 'stages', 'api.yml'), 'stages: {A: {Format: old}}\n');
  writeFileSync(join(dir, 'stages', 'skip.yml'), 'not selected\n');
  writeFileSync(join(dir, 'README.md'), 'not a spec\n');
  git('add', '.');
  git('commit', '-qm', 'first');
  const first = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, 'stages', 'api.yml'), 'stages: {A: {}}\n');
  git('commit', '-qam', 'second');
  return { dir, first, second: git('rev-parse', 'HEAD') };
}

test('reads the selected spec files as they were at an earlier commit', async (t) => {
  const { dir, first } = repository(t);
  const specs = await readSpecsAtCommit(dir, first, ['stages/**/*.yml', '!stages/skip.yml']);
  assert.deepEqual(specs, {
    kind: 'read',
    commit: first,
    files: [{ path: 'stages/api.yml', text: 'stages: {A: {Format: old}}\n' }],
  });
});

test('a commit the history does not hold is unavailable, with the reason', async (t) => {
  const { dir } = repository(t);
  const specs = await readSpecsAtCommit(dir, 'a'.repeat(40), ['stages/**/*.yml']);
  assert.equal(specs.kind, 'unavailable');
  assert.match(
    specs.kind === 'unavailable' ? specs.reason : '',
    /does not hold commit aaaaaaaaaaaa/,
  );
});

test('something that is not a commit id is never handed to git', async (t) => {
  const { dir } = repository(t);
  const specs = await readSpecsAtCommit(dir, '--output=/tmp/x', ['stages/**/*.yml']);
  assert.equal(specs.kind, 'unavailable');
});

test('selection follows the patterns, exclusions last', () => {
  assert.equal(selectedBy('stages/a.yml', ['stages/**/*.yml']), true);
  assert.equal(selectedBy('stages/a.yml', ['stages/**/*.yml', '!stages/a.yml']), false);
  assert.equal(selectedBy('other/a.yml', ['stages/**/*.yml']), false);
});
