import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeJobSummary } from '../../src/action/publish.ts';
import { SUMMARY_BYTE_LIMIT } from '../../src/render/markdown.ts';
import { setEnvFor } from '../support/env-var.ts';

test('a job summary fitted to GitHub’s 1 MiB is written at 1 MiB, not a byte over', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'job-summary-'));
  const path = join(dir, 'step_summary');
  writeFileSync(path, '');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  setEnvFor(t, 'GITHUB_STEP_SUMMARY', path);
  await writeJobSummary(`${'x'.repeat(SUMMARY_BYTE_LIMIT - 1)}\n`);
  assert.equal(statSync(path).size, SUMMARY_BYTE_LIMIT);
});
