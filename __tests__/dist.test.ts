/**
 * A JavaScript action runs from its committed bundle, so dist/ must be exactly what the build
 * produces from the sources: rebuild into a temporary folder and compare every file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { bundle } from '../scripts/bundle.ts';

const DIST = new URL('../dist/', import.meta.url).pathname;

const filesUnder = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length))
    .sort();

test('dist/ is exactly what `npm run bundle` builds from the sources', () => {
  const fresh = `${mkdtempSync(join(tmpdir(), 'dist-'))}/`;
  bundle(fresh);
  const committed = filesUnder(DIST);
  assert.deepEqual(filesUnder(fresh), committed, 'the same files');
  for (const file of committed) {
    assert.ok(
      readFileSync(join(fresh, file)).equals(readFileSync(join(DIST, file))),
      `dist/${file} is stale: run \`npm run bundle\` and commit dist/`,
    );
  }
});
