/**
 * The bundle, run as a runner runs it, on workspaces a hostile pull request could shape: spec
 * files that are links to /dev/zero, to a FIFO or to a file outside the workspace; patterns that
 * climb out of the workspace or match nothing; an absolute pattern. Nothing outside the workspace
 * is read (its content never reaches the log, annotations or summary), memory stays small, and a
 * run that would read no spec stops before reading AWS, so `prune: true` cannot delete anything.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { MANAGED_BY_TAG_KEY } from '../../src/model/stage.ts';
import { runAction, type ActionRun } from '../support/run-action.ts';

const REPOSITORY = 'octo-org/platform-stages';
const SECRET = 'OutsideSecretValue9f3a';

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator();
  emulator.putDeployment('abc1234', { DeploymentId: 'dep0001' });
  // A stage this repository manages and no spec declares: what a prune would delete.
  emulator.putStage({
    RestApiId: 'abc1234',
    StageName: 'managed',
    DeploymentId: 'dep0001',
    Tags: [{ Key: MANAGED_BY_TAG_KEY, Value: REPOSITORY }],
  });
});
after(() => emulator.close());

/** `root/ws` holds stages/ok.yml; `root/outside/secret.yml` holds a spec naming SECRET. */
function world(t: TestContext): { root: string; ws: string } {
  const root = mkdtempSync(join(tmpdir(), 'guarded-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const ws = join(root, 'ws');
  mkdirSync(join(ws, 'stages'), { recursive: true });
  mkdirSync(join(root, 'outside'));
  writeFileSync(
    join(ws, 'stages/ok.yml'),
    'stages:\n  Ok:\n    RestApiId: abc1234\n    DeploymentId: dep0001\n    StageName: ok\n',
  );
  writeFileSync(join(root, 'outside/secret.yml'), `stages:\n  ${SECRET}:\n    ${SECRET}: 1\n`);
  return { root, ws };
}

function plan(ws: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  emulator.clearCalls();
  return runAction({
    workspace: ws,
    eventName: 'workflow_dispatch',
    payload: { inputs: {} },
    repository: REPOSITORY,
    ref: 'refs/heads/main',
    inputs: { comment: 'false', ...inputs },
    // A spec read whole from /dev/zero would pass this heap at once.
    env: { AWS_ENDPOINT_URL_CLOUDCONTROL: emulator.url, NODE_OPTIONS: '--max-old-space-size=96' },
  });
}

const everything = (run: ActionRun): string => run.stdout + run.stderr + run.summary;
const errorsAt = (run: ActionRun): Record<string, string> =>
  Object.fromEntries(
    run.annotations.filter((a) => a.level === 'error' && a.file).map((a) => [a.file, a.message]),
  );

test('links to /dev/zero, a FIFO and a file outside the workspace are problems, never read', async (t) => {
  const { root, ws } = world(t);
  symlinkSync('/dev/zero', join(ws, 'stages/zero.yml'));
  symlinkSync(join(root, 'outside/secret.yml'), join(ws, 'stages/secret.yml'));
  execFileSync('mkfifo', [join(ws, 'stages/fifo.yml')]);
  const run = await plan(ws);
  assert.equal(run.exitCode, 1, run.stderr);
  assert.equal(run.outputs['failure-reason'], 'invalid-specs');
  assert.deepEqual(errorsAt(run), {
    'stages/fifo.yml': 'is not a regular file (a device, pipe or socket); it was not read',
    'stages/secret.yml': 'is a link to a file outside the workspace; it was not read',
    'stages/zero.yml': 'is a link to a file outside the workspace; it was not read',
  });
  assert.doesNotMatch(everything(run), new RegExp(SECRET));
  assert.deepEqual(emulator.calls, [], 'invalid specs cost no AWS call');
});

test('a pattern that climbs out of the workspace is refused by name; nothing outside is read', async (t) => {
  const { ws } = world(t);
  const run = await plan(ws, { specs: '../../**/*.yml' });
  assert.equal(run.exitCode, 1);
  assert.equal(run.outputs['failure-reason'], 'invalid-input');
  assert.match(run.stdout, /::error::.*The spec pattern `\.\.\/\.\.\/\*\*\/\*\.yml` uses `\.\.`/);
  assert.doesNotMatch(everything(run), new RegExp(SECRET));
  assert.deepEqual(emulator.calls, []);
});

test('a pattern that matches nothing fails naming it, before AWS is read: prune deletes nothing', async (t) => {
  const { ws } = world(t);
  const run = await plan(ws, { specs: 'stages/**/*.yml\nstage/**/*.yml', prune: 'true' });
  assert.equal(run.exitCode, 1);
  assert.equal(run.outputs['failure-reason'], 'invalid-input');
  assert.equal(run.outputs.deletes, '0');
  assert.match(run.stdout, /::error::.*The spec pattern `stage\/\*\*\/\*\.yml` matches no file/);
  assert.deepEqual(emulator.calls, [], 'not even a read: the plan never saw the managed stage');
  assert.ok(emulator.getReadModel('AWS::ApiGateway::Stage', 'abc1234|managed'));
});

test('an absolute pattern inside the workspace plans like the relative one', async (t) => {
  const { ws } = world(t);
  const run = await plan(ws, { specs: join(ws, 'stages/*.yml') });
  assert.equal(run.exitCode, 0, run.stdout);
  assert.equal(run.outputs.creates, '1');
  assert.doesNotMatch(everything(run), /ENOENT/);
});

test('an absolute pattern outside the workspace is refused by name', async (t) => {
  const { root, ws } = world(t);
  const pattern = join(root, 'outside/*.yml');
  const run = await plan(ws, { specs: pattern });
  assert.equal(run.exitCode, 1);
  assert.ok(run.stdout.includes(`The spec pattern \`${pattern}\` is outside the workspace`));
  assert.doesNotMatch(everything(run), new RegExp(SECRET));
  assert.deepEqual(emulator.calls, []);
});
