/**
 * The bundle on a pull request whose specs use YAML forms that used to report badly: a merge key
 * is one problem (not a cascade), a duplicate key names itself and its first line, a second
 * document is reported at its `---` line, an unquoted `{` path in a flow mapping carries the
 * README's "quote it" hint, and `__proto__` as a property or variable name is an error at its
 * line instead of vanishing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { planFixtureWorkspace, type FixtureRun } from './fixture-workspace.ts';

let fixture: FixtureRun;
let run: FixtureRun['run'];
let emulator: FixtureRun['emulator'];
let github: FixtureRun['github'];

before(async () => {
  fixture = await planFixtureWorkspace('yaml-forms');
  ({ run, emulator, github } = fixture);
});

after(() => fixture.close());

const EXPECTED = [
  {
    file: 'stages/duplicate.yml',
    line: 7,
    column: 5,
    message:
      /^duplicate key "StageName": it is already written at line 5 of this mapping; keep one$/,
  },
  {
    file: 'stages/flow-path.yml',
    line: 7,
    message:
      /^YAML syntax error: .+ \(in a flow mapping `\{ \.\.\. \}`, quote a path containing `\{`: ResourcePath: '\/orders\/\{id\}'\)$/,
  },
  {
    file: 'stages/merge.yml',
    line: 6,
    column: 5,
    message:
      /^YAML merge keys \(`<<`\) are not supported \(also at line 9\): put shared properties in `defaults:`/,
  },
  {
    file: 'stages/proto.yml',
    line: 6,
    column: 5,
    title: '__proto__',
    message: /^stage Proto: `__proto__` cannot be used as a key in a spec/,
  },
  {
    file: 'stages/proto.yml',
    line: 10,
    column: 7,
    title: 'Variables.__proto__',
    message: /^stage Proto: `__proto__` cannot be used as a key in a spec/,
  },
  {
    file: 'stages/two-documents.yml',
    line: 6,
    column: 1,
    message: /^a spec file holds one YAML document; a second one starts here/,
  },
];

test('each YAML form is exactly one annotation, at its line, saying what to do', () => {
  const located = run.annotations.filter((a) => a.level === 'error' && a.file);
  assert.equal(located.length, EXPECTED.length, JSON.stringify(located, null, 1));
  for (const expected of EXPECTED) {
    const match = located.find(
      (a) =>
        a.file === expected.file && a.line === expected.line && expected.message.test(a.message),
    );
    assert.ok(match, `no annotation ${expected.file}:${expected.line} ${expected.message}`);
    if (expected.column) assert.equal(match.column, expected.column);
    if (expected.title) assert.equal(match.title, `Invalid stage spec: ${expected.title}`);
  }
});

test('the run fails with invalid-specs before anything reaches AWS or GitHub', () => {
  assert.equal(run.exitCode, 1);
  assert.equal(run.outputs['failure-reason'], 'invalid-specs');
  assert.deepEqual(emulator.calls, []);
  assert.deepEqual(github.calls, []);
});
