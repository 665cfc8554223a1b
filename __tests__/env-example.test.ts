/**
 * `.env.example`'s placeholder credentials must not occur in anything a run logs: the runner masks
 * secrets wherever they appear, and a secret of `example` once turned `examples/*.yml` into
 * `****s/*.yml`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../', import.meta.url);
const env = Object.fromEntries(
  readFileSync(new URL('.env.example', root), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_-]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

test('the placeholder credentials collide with no input, path, spec or README text', () => {
  const logged = [
    ...Object.entries(env)
      .filter(([name]) => !name.startsWith('AWS_'))
      .map(([, value]) => value),
    ...readdirSync(new URL('examples/', root)).flatMap((file) => [
      `examples/${file}`,
      readFileSync(new URL(`examples/${file}`, root), 'utf8'),
    ]),
    readFileSync(new URL('README.md', root), 'utf8'),
    'stage-sync plan for us-east-1: examples/*.yml',
  ];
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
    const value = env[name] ?? '';
    assert.ok(value.length >= 16, `${name} is long enough to be distinctive`);
    for (const text of logged) assert.ok(!text.includes(value), `${name} occurs in logged text`);
  }
});
