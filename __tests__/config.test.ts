import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputError, readConfig } from '../src/config.ts';

const DEFAULTS: Record<string, string> = {
  specs: 'stages/**/*.yml\nstages/**/*.yaml\n',
  mode: 'auto',
  'github-token': 'tok',
  comment: 'true',
  prune: 'false',
  'aws-region': '',
  'max-concurrency': '10',
  'operation-timeout-seconds': '600',
  'fail-on-changes': 'false',
  'plan-mismatch': 'warn',
  'max-deletes': '10',
  'comment-author': '',
};

/** The runner always sets these; tests that are about something else take them as given. */
const RUNNER = { GITHUB_REPOSITORY: 'octo/repo' };

const reader =
  (overrides: Record<string, string> = {}) =>
  (name: string) =>
    ({ ...DEFAULTS, ...overrides })[name] ?? '';

test('reads every input into a typed config, with the runner context', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7 } }));
  const config = readConfig(reader(), {
    GITHUB_WORKSPACE: dir,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'octo/repo',
    GITHUB_SHA: 'abc',
    AWS_REGION: 'eu-west-1',
  });
  assert.deepEqual(config.specPatterns, ['stages/**/*.yml', 'stages/**/*.yaml']);
  assert.equal(config.mode, 'auto');
  assert.equal(config.comment, true);
  assert.equal(config.prune, false);
  assert.equal(config.awsRegion, 'eu-west-1');
  assert.equal(config.maxConcurrency, 10);
  assert.equal(config.operationTimeoutSeconds, 600);
  assert.equal(config.planMismatch, 'warn');
  assert.equal(config.maxDeletes, 10);
  assert.equal(config.commentAuthor, undefined);
  assert.equal(config.workspace, dir);
  assert.deepEqual(config.run.payload, { pull_request: { number: 7 } });
  assert.equal(config.run.repository, 'octo/repo');
});

test('the aws-region input wins over AWS_REGION', () => {
  assert.equal(
    readConfig(reader({ 'aws-region': 'us-west-2' }), { ...RUNNER, AWS_REGION: 'eu-west-1' })
      .awsRegion,
    'us-west-2',
  );
});

for (const [input, value, message] of [
  ['mode', 'destroy', /Input `mode` is "destroy"; allowed: auto, plan, apply/],
  ['prune', 'yes', /Input `prune` is "yes"; allowed: true, false/],
  [
    'max-concurrency',
    '0',
    /Input `max-concurrency` is "0"; it must be a whole number from 1 to 100/,
  ],
  ['operation-timeout-seconds', '1.5', /whole number/],
  ['plan-mismatch', 'ignore', /allowed: warn, fail/],
  ['specs', '  \n ', /names no glob pattern/],
  ['max-deletes', '-1', /Input `max-deletes` is "-1"; it must be a whole number from 0 to 100000/],
] as const) {
  test(`rejects ${input}: ${JSON.stringify(value)} with an error naming the input`, () => {
    assert.throws(
      () => readConfig(reader({ [input]: value }), RUNNER),
      (error: unknown) => error instanceof InputError && message.test(error.message),
    );
  });
}

test('max-deletes 0 forbids every deletion, and comment-author is taken as given', () => {
  const config = readConfig(
    reader({ 'max-deletes': '0', 'comment-author': ' deploy-app[bot] ' }),
    RUNNER,
  );
  assert.equal(config.maxDeletes, 0);
  assert.equal(config.commentAuthor, 'deploy-app[bot]');
});

for (const repository of [undefined, '', 'just-a-name', 'owner/', '/name', 'a/b/c']) {
  test(`refuses to run with GITHUB_REPOSITORY ${JSON.stringify(repository)}: the ownership tag needs owner/repo`, () => {
    assert.throws(
      () => readConfig(reader(), repository === undefined ? {} : { GITHUB_REPOSITORY: repository }),
      (error: unknown) =>
        error instanceof InputError &&
        /GITHUB_REPOSITORY is .*needs owner\/repo.*writes nothing/.test(error.message),
    );
  });
}
