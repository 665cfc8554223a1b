/**
 * A JavaScript action runs from its committed bundle, so dist/ must be exactly what the build
 * produces from the sources. `npm run bundle` records a digest of the bundle's inputs and of the
 * files it wrote (scripts/bundle-inputs.ts); recomputing both says in milliseconds whether a
 * source changed since dist/ was built, or dist/ changed since it was built. The full rebuild and
 * byte comparison runs with STAGE_SYNC_DIST_REBUILD=1 (it takes most of a minute).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  inputsDigest,
  MANIFEST,
  outputsDigest,
  type BundleManifest,
} from '../scripts/bundle-inputs.ts';
import { bundle } from '../scripts/bundle.ts';

const DIST = new URL('../dist/', import.meta.url).pathname;
const STALE = 'run `npm run bundle` and commit dist/';

const filesUnder = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length))
    .sort();

test('dist/ was built from the current sources and not changed since', () => {
  const path = join(DIST, MANIFEST);
  assert.ok(existsSync(path), `dist/${MANIFEST} is missing: ${STALE}`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BundleManifest;
  assert.equal(
    inputsDigest(),
    manifest.inputs,
    `the sources changed since dist/ was built: ${STALE}`,
  );
  assert.equal(
    outputsDigest(DIST),
    manifest.outputs,
    `dist/ differs from what \`npm run bundle\` wrote: ${STALE}`,
  );
});

/**
 * Text that only the named dependency's code contains, as the bundle carries it. patches/ makes
 * `@actions/core` load its OIDC client (and with it `@actions/http-client` and undici) and
 * `@actions/exec` on first use, so ncc moves them into chunks that a run without OIDC, a proxy
 * or a subprocess never reads (README, "Development").
 */
const LOADED_ON_USE = {
  "@actions/core's OIDC client": 'ACTIONS_ID_TOKEN_REQUEST_URL',
  undici: 'undici:client:beforeConnect',
  '@actions/exec': 'STDIO streams did not close',
};

test('the start file leaves out what @actions/core loads on first use, and a chunk has it', () => {
  const start = readFileSync(join(DIST, 'index.js'), 'utf8');
  const chunks = readdirSync(DIST)
    .filter((file) => /^\d+\.index\.js$/.test(file))
    .map((file) => readFileSync(join(DIST, file), 'utf8'));
  for (const [dependency, marker] of Object.entries(LOADED_ON_USE)) {
    assert.ok(!start.includes(marker), `dist/index.js carries ${dependency}`);
    assert.ok(
      chunks.some((chunk) => chunk.includes(marker)),
      `no chunk carries ${dependency}`,
    );
  }
});

test(
  'dist/ is exactly what `npm run bundle` builds from the sources',
  { skip: process.env.STAGE_SYNC_DIST_REBUILD !== '1' && 'set STAGE_SYNC_DIST_REBUILD=1' },
  (t) => {
    const fresh = `${mkdtempSync(join(tmpdir(), 'dist-'))}/`;
    t.after(() => rmSync(fresh, { recursive: true, force: true }));
    bundle(fresh);
    const committed = filesUnder(DIST);
    assert.deepEqual(filesUnder(fresh), committed, 'the same files');
    for (const file of committed) {
      assert.ok(
        readFileSync(join(fresh, file)).equals(readFileSync(join(DIST, file))),
        `dist/${file} is stale: ${STALE}`,
      );
    }
  },
);
