/**
 * The bundle applies a stage whose logical name holds line breaks, workflow commands and a
 * right-to-left override, the way a pull request author could write it. Every line the apply logs
 * about it stays one line of data: no `::stop-commands::` or `::error::` line reaches the runner,
 * the U+202E is shown as `\u202e`, and the stage is applied as specified.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { describeRun, startApplyWorld, type ApplyWorld } from './apply-world.ts';

const HOSTILE_NAME = 'Evil\n::stop-commands::pwned\n::error::injected \u202eeman';

let world: ApplyWorld;
before(async () => {
  world = await startApplyWorld();
  world.removeSpec('alchemy-stages.yml');
});
after(async () => {
  await world.close();
  rmSync(world.workspace, { recursive: true, force: true });
});

test('a hostile stage name cannot issue workflow commands or reorder the log', async () => {
  world.writeSpec(
    [
      'defaults:',
      `  RestApiId: ${world.restApiId}`,
      `  DeploymentId: ${world.deploymentIds[0]}`,
      'stages:',
      `  ${JSON.stringify(HOSTILE_NAME)}:`,
      '    StageName: evil',
      '',
    ].join('\n'),
    'evil.yml',
  );
  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.ok(world.readStage('evil'), 'the stage was applied');

  const lines = run.stdout.split(/\r\n|\r|\n/);
  // The runner's own commands (groups, masks) are expected; none may come from the name.
  const commands = lines.filter((line) => /^\s*::/.test(line));
  assert.deepEqual(
    commands.filter((line) => /stop-commands|pwned|injected/.test(line)),
    [],
    'no workflow command from the stage name',
  );
  assert.doesNotMatch(run.stdout, /\u202e/u, 'the right-to-left override is shown, not obeyed');
  assert.deepEqual(run.annotations, []);

  const progress = lines.filter((line) => /^\[\s*\d+\.\ds\] create /.test(line));
  assert.equal(progress.length, 2, describeRun(run));
  for (const line of progress) {
    assert.ok(line.includes('Evil\\n::stop-commands::pwned\\n::error::injected \\u202eeman'), line);
  }
});

test('a failed apply names the hostile stage in its failure without a raw U+202E', async () => {
  world.writeSpec(
    [
      'stages:',
      `  ${JSON.stringify(HOSTILE_NAME)}:`,
      `    RestApiId: ${world.restApiId}`,
      '    DeploymentId: nosuchdeployment',
      '    StageName: broken',
      '',
    ].join('\n'),
    'evil.yml',
  );
  const run = await world.apply();
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'apply-failed');
  assert.doesNotMatch(run.stdout, /\u202e/u);
});
