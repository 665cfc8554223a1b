/**
 * Golden files: the rendered output is compared byte for byte with a stored file under
 * `__golden__/`. With `UPDATE_GOLDEN=1` the file is rewritten instead, so a deliberate change of
 * the rendering is one command and a reviewable diff of the golden file.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN_DIR = fileURLToPath(new URL('./__golden__/', import.meta.url));

export function assertGolden(name: string, actual: string): void {
  const path = `${GOLDEN_DIR}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(
    existsSync(path),
    `golden file ${name} is missing: run with UPDATE_GOLDEN=1 to create it`,
  );
  assert.equal(
    actual,
    readFileSync(path, 'utf8'),
    `${name} differs from its golden file (UPDATE_GOLDEN=1 accepts the change)`,
  );
}
