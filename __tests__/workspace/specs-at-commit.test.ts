import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { MAX_SPEC_FILE_BYTES } from '../../src/desired/limits.ts';
import { TOO_LARGE } from '../../src/workspace/spec-files.ts';
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

test('patterns are taken as the workspace reader takes them: ./ and absolute ones select alike', async (t) => {
  const { dir, first } = repository(t);
  for (const patterns of [
    ['./stages/**/*.yml', '!./stages/skip.yml'],
    [join(dir, 'stages/**/*.yml'), `!${join(dir, 'stages/skip.yml')}`],
  ]) {
    const specs = await readSpecsAtCommit(dir, first, patterns);
    assert.equal(specs.kind, 'read');
    if (specs.kind !== 'read') return;
    assert.deepEqual(
      specs.files.map((file) => file.path),
      ['stages/api.yml'],
      patterns.join(' '),
    );
  }
});

test('a spec file over the size limit at the commit is not read, as in the workspace', async (t) => {
  const { dir } = repository(t);
  const git = gitIn(dir);
  writeFileSync(join(dir, 'stages', 'big.yml'), `# ${'x'.repeat(MAX_SPEC_FILE_BYTES)}\n`);
  git('add', '.');
  git('commit', '-qm', 'big');
  const specs = await readSpecsAtCommit(dir, git('rev-parse', 'HEAD'), ['stages/big.yml']);
  assert.deepEqual(specs.kind === 'read' && specs.files, [
    { path: 'stages/big.yml', text: '', unreadable: TOO_LARGE },
  ]);
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
