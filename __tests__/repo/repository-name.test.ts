/**
 * The repository's name is defined once, in package.json's `repository` field; every place that
 * names it (the README's `uses:` lines and schema URL, the editor schema's `$id`, SECURITY.md's
 * and CHANGELOG.md's links) must say the same, and the old placeholder must be gone.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { specFileJsonSchema } from '../../src/schema/spec-file-schema.ts';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');

/** `owner/name` from package.json's `repository` (the one definition). */
export function packageRepository(): string {
  const manifest = JSON.parse(read('package.json')) as { repository?: { url?: string } };
  const match = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)\.git$/.exec(
    manifest.repository?.url ?? '',
  );
  assert.ok(match, `package.json repository.url: ${manifest.repository?.url}`);
  return match[1] as string;
}

/** Where a text names a GitHub repository of this action (`owner/stage-sync`). */
function namedRepositories(text: string): string[] {
  const references =
    /(?:uses:\s*|github\.com\/|raw\.githubusercontent\.com\/)([\w.-]+\/stage-sync)(?=[@/#\s]|$)/gm;
  return [...text.matchAll(references)].map((match) => match[1] as string);
}

const FILES = [
  'README.md',
  'SECURITY.md',
  'CHANGELOG.md',
  'schema/stage-sync.schema.json',
  ...readdirSync(new URL('examples/', ROOT)).map((name) => `examples/${name}`),
];

test('package.json defines the repository: stage-sync/stage-sync', () => {
  assert.equal(packageRepository(), 'stage-sync/stage-sync');
});

test('every file naming the repository names the one package.json defines', () => {
  const repository = packageRepository();
  for (const file of FILES) {
    const named = namedRepositories(read(file));
    assert.deepEqual(
      named.filter((name) => name !== repository),
      [],
      `${file} names another repository than ${repository}`,
    );
    assert.doesNotMatch(read(file), /\borg\/stage-sync\b/, `${file} keeps the placeholder`);
  }
  const readme = namedRepositories(read('README.md'));
  assert.ok(readme.length >= 4, `the README's uses: lines and schema URL (${readme.length})`);
  assert.ok(
    read('README.md').includes(`$schema=https://raw.githubusercontent.com/${repository}/v`),
    'the README points editors at the published schema',
  );
});

test("the editor schema's $id names the repository", () => {
  const id = String(specFileJsonSchema()['$id']);
  assert.deepEqual(namedRepositories(id), [packageRepository()], id);
  assert.equal(JSON.parse(read('schema/stage-sync.schema.json')).$id, id);
});

test("the examples' schema modeline points at this repository's schema file", () => {
  for (const name of readdirSync(new URL('examples/', ROOT))) {
    const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(read(`examples/${name}`));
    assert.ok(modeline, `examples/${name} has a schema modeline`);
    const target = new URL(modeline[1] as string, new URL(`examples/${name}`, ROOT));
    assert.equal(target.href, new URL('schema/stage-sync.schema.json', ROOT).href);
  }
});
