/**
 * What a release of the current version needs is there already: VERSION says package.json's
 * version and CHANGELOG.md has its notes (scripts/release.ts refuses a tag otherwise).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { releaseNotes } from '../../scripts/release.ts';

const read = (path: string): string =>
  readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const version = (JSON.parse(read('package.json')) as { version: string }).version;

test('VERSION is the package version', () => {
  assert.equal(read('VERSION'), `${version}\n`);
});

test('CHANGELOG.md has the notes of the package version', () => {
  const notes = releaseNotes(read('CHANGELOG.md'), version);
  assert.ok(notes, `no "## [${version}]" section with text`);
  assert.match(read('CHANGELOG.md'), /^## \[Unreleased\]$/m, 'a place for the next changes');
  assert.match(
    read('CHANGELOG.md'),
    new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'),
    'the release section is dated (Keep a Changelog)',
  );
});
