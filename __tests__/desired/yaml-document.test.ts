import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYamlDocument, YamlSyntaxError } from '../../src/desired/yaml-document.ts';

const TEXT = [
  'stages:',
  '  Prod:',
  '    StageName: "prod"',
  '    Tags:',
  '      - { Key: a, Value: b }',
  '      - Key: c',
  '        Value: d',
].join('\n');

test('locates keys and values by path, 1-based, quoted values at their quote', () => {
  const document = parseYamlDocument(TEXT);
  assert.deepEqual(document.locate(['stages', 'Prod'], 'key'), { line: 2, column: 3 });
  assert.deepEqual(document.locate(['stages', 'Prod', 'StageName']), { line: 3, column: 16 });
  assert.deepEqual(document.locate(['stages', 'Prod', 'StageName'], 'key'), { line: 3, column: 5 });
  assert.deepEqual(document.locate(['stages', 'Prod', 'Tags', 0, 'Value']), {
    line: 5,
    column: 26,
  });
  assert.deepEqual(document.locate(['stages', 'Prod', 'Tags', 1, 'Key'], 'key'), {
    line: 6,
    column: 9,
  });
});

test('an unknown path falls back to its nearest located ancestor', () => {
  const document = parseYamlDocument(TEXT);
  assert.deepEqual(
    document.locate(['stages', 'Prod', 'Missing', 3]),
    document.locate(['stages', 'Prod']),
  );
});

test('syntax errors carry a 1-based position', () => {
  assert.throws(
    () => parseYamlDocument('a: 1\nb: [2,\n'),
    (error: unknown) =>
      error instanceof YamlSyntaxError &&
      error.position.line === 3 &&
      /YAML syntax error/.test(error.message),
  );
});

test('empty and comment-only documents have no value', () => {
  assert.equal(parseYamlDocument('').value, undefined);
  assert.equal(parseYamlDocument('# only a comment\n').value, undefined);
});

test('lines end at \\r\\n, \\r or \\n, as YAML (and js-yaml syntax errors) count them', () => {
  const document = parseYamlDocument('a: 1\r\nb: 2\rc: 3\nd: 4');
  assert.deepEqual(document.locate(['b']), { line: 2, column: 4 });
  assert.deepEqual(document.locate(['c']), { line: 3, column: 4 });
  assert.deepEqual(document.locate(['d']), { line: 4, column: 4 });
  assert.throws(
    () => parseYamlDocument('\r\r\u0001'),
    (error: unknown) => error instanceof YamlSyntaxError && error.position.line === 3,
  );
});
