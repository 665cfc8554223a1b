/** The README's promises that can drift: its rendered comment and its two opening commands. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

test('the rendered comment in the README is the golden comment, verbatim', () => {
  const golden = readFileSync(
    new URL('render/__golden__/comment-mixed.md', import.meta.url),
    'utf8',
  );
  const embedded = /<!-- golden:comment-mixed\.md -->\n([\s\S]*?)\n<!-- \/golden -->/.exec(
    readme,
  )?.[1];
  assert.equal(embedded, golden.trimEnd());
});

test('the README opens with the demo and the test command, each installing first', () => {
  const opening = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.match(opening, /^npm ci && npm run demo\b/m);
  assert.match(opening, /^npm ci && npm test\b/m);
  assert.match(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8'), /^npm test$/m);
});
