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

/** The YamlSyntaxError `text` raises, for asserting its message and position together. */
function syntaxErrorOf(text: string): YamlSyntaxError {
  try {
    parseYamlDocument(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) return error;
    throw error;
  }
  assert.fail('expected a YamlSyntaxError');
}

test('a duplicate key is named, at its second place, with the line of its first', () => {
  const error = syntaxErrorOf('a: 1\nb:\n  c: 1\n  d: 2\n  "c": 3\n');
  assert.deepEqual(error.position, { line: 5, column: 3 });
  assert.match(error.message, /^duplicate key "c": it is already written at line 3/);
});

test('the same key in two different mappings is no duplicate', () => {
  assert.doesNotThrow(() => parseYamlDocument('a:\n  c: 1\nb:\n  c: 2\n'));
});

test('a second document is reported at its `---` line, with or without a first `---`', () => {
  assert.equal(syntaxErrorOf('a: 1\n---\nb: 2\n').position.line, 2);
  assert.equal(syntaxErrorOf('---\na: 1\n# two\n--- # next\nb: 2\n').position.line, 4);
  assert.match(syntaxErrorOf('a: 1\n---\n').message, /one YAML document; a second one starts/);
});

test('a merge key is rejected once, naming every line it is used on', () => {
  const error = syntaxErrorOf('x: &x { a: 1 }\ny:\n  <<: *x\nz:\n  <<: *x\nw:\n  <<: *x\n');
  assert.deepEqual(error.position, { line: 3, column: 3 });
  assert.match(error.message, /^YAML merge keys \(`<<`\) are not supported \(also at lines 5, 7\)/);
  // Quoted, `<<` is an ordinary key, as YAML 1.2's core schema reads it.
  assert.doesNotThrow(() => parseYamlDocument('"<<": 1\n'));
});

test('aliases may share values, but not expand past the bound', () => {
  const shared = parseYamlDocument('a: &x [1, 2]\nb: *x\nc: *x\n');
  assert.deepEqual(shared.value, { a: [1, 2], b: [1, 2], c: [1, 2] });
  const lines = ['l0: &l0 [x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 6; i++)
    lines.push(`l${i}: &l${i} [${Array.from({ length: 8 }, () => `*l${i - 1}`).join(', ')}]`);
  const error = syntaxErrorOf(lines.join('\n'));
  assert.match(error.message, /^YAML aliases expand this file past 10,000 values/);
  // Aliases add 72 values on l1, 584 on l2, 4,680 on l3 (5,336 in all); the first alias of l4
  // (line 5) adds 4,681 more and passes 10,000.
  assert.deepEqual(error.position, { line: 5, column: 10 });
  assert.equal(lines[4]?.slice(error.position.column - 1, error.position.column + 2), '*l3');
});

test('an unquoted path with `{` in a flow mapping gets the README hint', () => {
  const error = syntaxErrorOf('m:\n  - { HttpMethod: GET, ResourcePath: /orders/{id} }\n');
  assert.equal(error.position.line, 2);
  assert.match(error.message, /quote a path containing `\{`: ResourcePath: '\/orders\/\{id\}'/);
  assert.doesNotMatch(syntaxErrorOf('a: [1,\n').message, /quote a path/);
});
