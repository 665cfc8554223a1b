/**
 * A JavaScript action runs from its committed bundle, so dist/ must be exactly what the build
 * produces from the sources: rebuild into a temporary folder and compare every file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = new URL('../', import.meta.url).pathname;

test('dist/ is exactly what `npm run bundle` builds from the sources', () => {
  const fresh = mkdtempSync(join(tmpdir(), 'dist-'));
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', 'src/index.ts', '-o', fresh, '-m', '--license', 'licenses.txt', '-q'],
    { cwd: ROOT, stdio: 'pipe' },
  );
  const committed = readdirSync(join(ROOT, 'dist')).sort();
  assert.deepEqual(readdirSync(fresh).sort(), committed, 'the same files');
  for (const file of committed) {
    assert.ok(
      readFileSync(join(fresh, file)).equals(readFileSync(join(ROOT, 'dist', file))),
      `dist/${file} is stale: run \`npm run bundle\` and commit dist/`,
    );
  }
});
