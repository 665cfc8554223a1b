/**
 * The bundle, run as a runner runs it on a pull request whose specs are broken: every problem in
 * every file is an error annotation at its file, line and column; the run fails with
 * `invalid-specs` before anything reaches AWS or GitHub; no stack trace reaches the user.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { planFixtureWorkspace, type FixtureRun } from './fixture-workspace.ts';

let fixture: FixtureRun;
let run: FixtureRun['run'];
let emulator: FixtureRun['emulator'];
let github: FixtureRun['github'];

before(async () => {
  fixture = await planFixtureWorkspace('invalid-specs');
  ({ run, emulator, github } = fixture);
});

after(() => fixture.close());

const EXPECTED = [
  { file: 'stages/empty.yml', line: 1, column: 1, message: /the file is empty/ },
  { file: 'stages/garbage.yml', line: 1, column: 1, message: /not a YAML text file/ },
  {
    file: 'stages/payments.yml',
    line: 6,
    column: 16,
    title: 'StageName',
    message: /StageName is "payments prod"; it must be letters, digits, hyphens and underscores/,
  },
  {
    file: 'stages/payments.yml',
    line: 7,
    column: 5,
    title: 'Descripton',
    message: /Descripton is not a property of a stage; did you mean Description\?/,
  },
  {
    file: 'stages/payments.yml',
    line: 11,
    column: 23,
    title: 'MethodSettings[0].LoggingLevel',
    message: /allowed: OFF, ERROR, INFO/,
  },
  {
    file: 'stages/team/orders.yaml',
    line: 6,
    column: 21,
    title: 'TracingEnabled',
    message: /must be true or false; got the string "true"/,
  },
  {
    file: 'stages/team/orders.yaml',
    line: 8,
    column: 23,
    title: 'CanarySetting.PercentTraffic',
    message: /is 120; it must be at most 100/,
  },
  {
    file: 'stages/team/orders.yaml',
    line: 9,
    column: 3,
    message: /stage name Payments is already declared at stages\/payments\.yml:5/,
  },
  { file: 'stages/team/syntax.yml', line: 3, column: 1, message: /YAML syntax error/ },
];

test('every problem of every file is an annotation at its file, line and column', () => {
  const located = run.annotations.filter((a) => a.level === 'error' && a.file);
  assert.equal(located.length, EXPECTED.length, JSON.stringify(located, null, 1));
  for (const expected of EXPECTED) {
    const match = located.find(
      (a) =>
        a.file === expected.file && a.line === expected.line && expected.message.test(a.message),
    );
    assert.ok(match, `no annotation ${expected.file}:${expected.line} ${expected.message}`);
    assert.equal(match.column, expected.column, `column of ${expected.file}:${expected.line}`);
    if (expected.title) assert.equal(match.title, `Invalid stage spec: ${expected.title}`);
  }
});

test('the run fails with invalid-specs, every output set, and no stack trace', () => {
  assert.equal(run.exitCode, 1);
  assert.equal(run.outputs['failure-reason'], 'invalid-specs');
  for (const name of [
    'has-changes',
    'creates',
    'updates',
    'deletes',
    'unchanged',
    'plan-json',
    'plan-hash',
    'comment-url',
  ]) {
    assert.ok(name in run.outputs, `output ${name} is set`);
  }
  assert.equal(run.outputs['has-changes'], 'false');
  assert.match(
    run.stdout,
    /::error::9 problem\(s\) in the stage specs; nothing was planned or applied\./,
  );
  assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
});

test('nothing was sent to AWS or GitHub', () => {
  assert.deepEqual(emulator.calls, []);
  assert.deepEqual(github.calls, []);
});
