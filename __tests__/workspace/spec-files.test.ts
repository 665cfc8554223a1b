import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { MAX_SPEC_FILE_BYTES } from '../../src/desired/limits.ts';
import { NOT_TEXT } from '../../src/desired/parse-spec-file.ts';
import { readSpecFiles, SpecPatternError } from '../../src/workspace/spec-files.ts';

const SECRET = 'the-secret-outside-the-workspace';

/** A workspace with `files` (path -> text) next to a folder outside it holding a secret. */
function workspace(t: TestContext, files: Record<string, string>): { root: string; ws: string } {
  const root = mkdtempSync(join(tmpdir(), 'spec-files-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const ws = join(root, 'ws');
  mkdirSync(join(root, 'outside'), { recursive: true });
  writeFileSync(join(root, 'outside', 'secret.yml'), `stages:\n  ${SECRET}: {}\n`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(ws, path, '..'), { recursive: true });
    writeFileSync(join(ws, path), text);
  }
  return { root, ws };
}

const isPatternError =
  (fault: SpecPatternError['fault'], patterns: readonly string[], message: RegExp) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof SpecPatternError, String(error));
    assert.equal(error.fault, fault);
    assert.deepEqual(error.patterns, patterns);
    assert.match(error.message, message);
    return true;
  };

describe('readSpecFiles', () => {
  it('reads bytes that are not UTF-8 as unreadable, and keeps a U+FFFD that is text', async (t) => {
    const { ws } = workspace(t, { 'stages/text.yml': 'stages: {A: {Description: "caf\uFFFD"}}\n' });
    writeFileSync(
      join(ws, 'stages', 'bytes.yml'),
      Buffer.from([0x73, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
    );
    const files = await readSpecFiles(ws, ['stages/*.yml']);
    assert.deepEqual(files, [
      { path: 'stages/bytes.yml', text: '', unreadable: NOT_TEXT },
      { path: 'stages/text.yml', text: 'stages: {A: {Description: "caf\uFFFD"}}\n' },
    ]);
  });

  it('reads matching files, sorted, relative to the workspace, minus exclusions', async (t) => {
    const { ws } = workspace(t, {
      'stages/b.yml': 'b: 1\n',
      'stages/team/a.yaml': 'a: 1\n',
      'stages/skip.yml': 'x: 1\n',
    });
    const files = await readSpecFiles(ws, [
      'stages/**/*.yml',
      'stages/**/*.yaml',
      '!stages/skip.yml',
    ]);
    assert.deepEqual(files, [
      { path: 'stages/b.yml', text: 'b: 1\n' },
      { path: 'stages/team/a.yaml', text: 'a: 1\n' },
    ]);
  });

  it('a pattern matching no file is an error naming it; its .yml/.yaml twin counts as itself', async (t) => {
    const { ws } = workspace(t, { 'stages/a.yml': 'a: 1\n' });
    // The default pair: only .yml files exist, and that is fine.
    assert.equal((await readSpecFiles(ws, ['stages/**/*.yml', 'stages/**/*.yaml'])).length, 1);
    await assert.rejects(
      readSpecFiles(ws, ['stages/**/*.yml', 'stage/**/*.yml']),
      isPatternError(
        'matches-nothing',
        ['stage/**/*.yml'],
        /`stage\/\*\*\/\*\.yml` matches no file/,
      ),
    );
    await assert.rejects(
      readSpecFiles(ws, ['stages/*.yml', '!stages/a.yml']),
      isPatternError('matches-nothing', ['stages/*.yml', '!stages/a.yml'], /leave no file/),
    );
  });

  it('a directory that matches is not a file', async (t) => {
    const { ws } = workspace(t, { 'stages/dir.yml/inner.txt': 'x' });
    await assert.rejects(
      readSpecFiles(ws, ['stages/*.yml']),
      isPatternError('matches-nothing', ['stages/*.yml'], /matches no file/),
    );
  });

  it('links out of the workspace, devices and FIFOs are problems, never read', async (t) => {
    const { root, ws } = workspace(t, { 'stages/ok.yml': 'ok: 1\n' });
    symlinkSync('/dev/zero', join(ws, 'stages/zero.yml'));
    symlinkSync(join(root, 'outside/secret.yml'), join(ws, 'stages/secret.yml'));
    symlinkSync('../../outside', join(ws, 'stages/outdir'));
    symlinkSync('nowhere.yml', join(ws, 'stages/dangling.yml'));
    execFileSync('mkfifo', [join(ws, 'stages/fifo.yml')]);
    const files = await readSpecFiles(ws, ['stages/**/*.yml', 'stages/outdir/*.yml']);
    assert.ok(!JSON.stringify(files).includes(SECRET), 'the secret never leaves its file');
    const reasons = Object.fromEntries(files.map((f) => [f.path, f.unreadable ?? f.text]));
    assert.deepEqual(reasons, {
      'stages/dangling.yml': 'could not be read (ENOENT); a link to nothing?',
      'stages/fifo.yml': 'is not a regular file (a device, pipe or socket); it was not read',
      'stages/ok.yml': 'ok: 1\n',
      'stages/outdir/secret.yml': 'is a link to a file outside the workspace; it was not read',
      'stages/secret.yml': 'is a link to a file outside the workspace; it was not read',
      'stages/zero.yml': 'is a link to a file outside the workspace; it was not read',
    });
  });

  it('a device inside the workspace is not read either', async () => {
    // With /dev as the workspace, /dev/zero is inside it: only the regular-file check stops it.
    assert.deepEqual(await readSpecFiles('/dev', ['zero']), [
      {
        path: 'zero',
        text: '',
        unreadable: 'is not a regular file (a device, pipe or socket); it was not read',
      },
    ]);
  });

  it('a file over the size bound is a problem, not read; one at the bound is read', async (t) => {
    const { ws } = workspace(t, {
      'stages/big.yml': 'x'.repeat(MAX_SPEC_FILE_BYTES + 1),
      'stages/edge.yml': 'y'.repeat(MAX_SPEC_FILE_BYTES),
    });
    const [big, edge] = await readSpecFiles(ws, ['stages/*.yml']);
    assert.deepEqual(big, {
      path: 'stages/big.yml',
      text: '',
      unreadable: 'is larger than the 1 MiB a spec file may be; it was not read',
    });
    assert.equal(edge?.text.length, MAX_SPEC_FILE_BYTES);
  });

  it('patterns with `..` or absolute outside the workspace are refused before any read', async (t) => {
    const { root, ws } = workspace(t, { 'stages/a.yml': 'a: 1\n' });
    for (const pattern of ['../../**/*.yml', 'stages/../../outside/*.yml', '../outside/*.yml']) {
      await assert.rejects(
        readSpecFiles(ws, [pattern]),
        isPatternError(
          'outside-workspace',
          [pattern],
          /uses `\.\.`; spec files are read only from inside the workspace/,
        ),
      );
    }
    const absolute = join(root, 'outside/*.yml');
    await assert.rejects(
      readSpecFiles(ws, [absolute]),
      isPatternError('outside-workspace', [absolute], /is outside the workspace/),
    );
  });

  it('an absolute pattern inside the workspace reads as the relative one', async (t) => {
    const { ws } = workspace(t, { 'stages/a.yml': 'a: 1\n' });
    assert.deepEqual(await readSpecFiles(ws, [join(ws, 'stages/*.yml')]), [
      { path: 'stages/a.yml', text: 'a: 1\n' },
    ]);
  });
});
