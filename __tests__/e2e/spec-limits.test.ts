/**
 * The bundle on specs built to exhaust the runner or flood the log: a YAML alias bomb, a spec
 * with thousands of problems, many broken files, and a file past the size bound. Each run ends
 * promptly within a small heap, with a bounded number of annotations that say how many more
 * problems there were, and the log write never fails.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import {
  MAX_PROBLEMS_PER_FILE,
  MAX_PROBLEMS_PER_RUN,
  MAX_SPEC_FILE_BYTES,
} from '../../src/desired/limits.ts';
import { runAction, type ActionRun } from '../support/run-action.ts';

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());

async function planFiles(t: TestContext, files: Record<string, string>): Promise<ActionRun> {
  const ws = mkdtempSync(join(tmpdir(), 'spec-limits-'));
  t.after(() => rmSync(ws, { recursive: true, force: true }));
  mkdirSync(join(ws, 'stages'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(ws, 'stages', name), text);
  return runAction({
    workspace: ws,
    eventName: 'workflow_dispatch',
    payload: { inputs: {} },
    ref: 'refs/heads/main',
    inputs: { comment: 'false' },
    // The alias bomb this guards against passed 3 GiB; this heap is far below that.
    env: { AWS_ENDPOINT_URL_CLOUDCONTROL: emulator.url, NODE_OPTIONS: '--max-old-space-size=128' },
  });
}

const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error' && a.file);

/** Nine levels of anchors, each aliasing the previous one ten times: 10^9 values expanded. */
function aliasBomb(): string {
  const lines = [
    'stages:',
    '  Bomb:',
    '    RestApiId: abc1234',
    '    Tags: &l0 [a, b, c, d, e, f, g, h, i, j]',
  ];
  for (let level = 1; level <= 9; level++) {
    const aliases = Array.from({ length: 10 }, () => `*l${level - 1}`).join(', ');
    lines.push(`    X${level}: &l${level} [${aliases}]`);
  }
  return `${lines.join('\n')}\n`;
}

test('an alias bomb is one problem, found without expanding it', async (t) => {
  const run = await planFiles(t, { 'bomb.yml': aliasBomb() });
  assert.equal(run.exitCode, 1, run.stderr);
  assert.equal(run.outputs['failure-reason'], 'invalid-specs');
  const [problem, ...rest] = errors(run);
  assert.deepEqual(rest, []);
  assert.equal(problem?.file, 'stages/bomb.yml');
  assert.match(problem?.message ?? '', /YAML aliases expand this file past 10,000 values/);
  assert.deepEqual(emulator.calls, []);
});

test('thousands of problems in one file and many files come out bounded, counting the rest', async (t) => {
  const unknownKeys = (count: number, name: string): string =>
    [
      'stages:',
      `  ${name}:`,
      '    RestApiId: abc1234',
      '    DeploymentId: dep0001',
      `    StageName: ${name.toLowerCase()}`,
      ...Array.from({ length: count }, (_, i) => `    Unknown${i}: 1`),
      '',
    ].join('\n');
  const files: Record<string, string> = { 'a-huge.yml': unknownKeys(20_000, 'Huge') };
  for (let i = 0; i < 9; i++) files[`f${i}.yml`] = unknownKeys(15, `F${i}`);
  const run = await planFiles(t, files);
  assert.equal(run.exitCode, 1, run.stderr.slice(0, 2000));
  assert.equal(run.outputs['failure-reason'], 'invalid-specs');
  const located = errors(run);
  assert.equal(located.length, MAX_PROBLEMS_PER_RUN + 1);
  const huge = located.filter((a) => a.file === 'stages/a-huge.yml');
  assert.equal(huge.length, MAX_PROBLEMS_PER_FILE + 1);
  assert.match(huge.at(-1)?.message ?? '', /^19,980 more problems in this file, not shown/);
  // Shown: 20 of a-huge (and its note), 15 from each of f0-f4, 4 of f5: 99 of 20,135 problems.
  // Hidden: 20,036, in a-huge, f5, f6, f7 and f8.
  assert.match(
    located.at(-1)?.message ?? '',
    /^20,036 more problems in 5 files, not shown \(the first 100 are\)/,
  );
  assert.doesNotMatch(run.stderr, /EINVAL|EAGAIN|Error:/);
});

test('a file past the size bound is a problem, and not read', async (t) => {
  const big = `stages:\n  Big:\n    Description: "${'x'.repeat(MAX_SPEC_FILE_BYTES)}"\n`;
  const run = await planFiles(t, { 'big.yml': big });
  assert.equal(run.exitCode, 1);
  assert.deepEqual(
    errors(run).map((a) => [a.file, a.line, a.message]),
    [['stages/big.yml', 1, 'is larger than the 1 MiB a spec file may be; it was not read']],
  );
});

test('the failure message counts every problem found, not only those shown', async (t) => {
  const lines = ['stages:', '  S:', ...Array.from({ length: 500 }, (_, i) => `    U${i}: 1`)];
  const run = await planFiles(t, { 's.yml': `${lines.join('\n')}\n` });
  assert.match(run.stdout, /::error::50[0-9] problem\(s\) in the stage specs/);
  assert.match(run.summary, /50[0-9] problem\(s\) in the stage specs/);
});
