/**
 * "Two applies of different commits at once" (README, "How the apply works"): every write
 * records its commit in the stage's `stage-sync:commit` tag, and an apply whose commit is older
 * than the one a stage was last applied from stops for that stage, with its own code, and writes
 * nothing to it. The order is arranged by control, not timing: the newer commit is applied first,
 * then the older one with its own specs, as a slower runner of the older push would. The
 * workspace is a git repository holding both commits, as a checkout with history is.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  acceptedStageCalls,
  describeRun,
  startApplyWorld,
  tagValue,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';
import { gitIn } from '../support/git-workspace.ts';

const COMMIT_TAG = 'stage-sync:commit';

let world: ApplyWorld;

const git = (...args: string[]): string => gitIn(world.workspace)(...args);

/** Commits the specs declaring `Orders` with `description` and returns the commit's sha. */
function commitSpecs(description: string): string {
  world.writeSpec(world.plainSpec({ Orders: 'orders', Payments: 'payments' }, description));
  git('add', '-A');
  git('commit', '-qm', description);
  return git('rev-parse', 'HEAD');
}

let older: string;
let newer: string;

before(async () => {
  world = await startApplyWorld();
  world.removeSpec('alchemy-stages.yml');
  git('init', '-q', '-b', 'main');
  older = commitSpecs('from the older commit');
  newer = commitSpecs('from the newer commit');
});
after(() => world.close());

test('the newer commit applies and tags each stage with its commit', async () => {
  const run = await world.apply({ sha: newer });
  assert.equal(run.exitCode, 0, describeRun(run));
  for (const stage of ['orders', 'payments']) {
    assert.equal(world.readStage(stage)?.Description, 'from the newer commit');
    assert.equal(tagValue(world.readStage(stage), COMMIT_TAG), newer);
  }
});

test('the older commit, applied after it, stops for each stage and writes nothing', async () => {
  git('checkout', '-q', older);
  world.emulator.clearCalls();
  const run = await world.apply({ sha: older });
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs['failure-reason'], 'apply-failed');
  assert.equal(writeCalls(world.emulator.calls).length, 0, 'no write reached AWS');
  for (const [name, stage] of [
    ['Orders', 'orders'],
    ['Payments', 'payments'],
  ] as const) {
    assert.equal(world.readStage(stage)?.Description, 'from the newer commit');
    assert.equal(tagValue(world.readStage(stage), COMMIT_TAG), newer);
    const error = run.annotations.find(
      (a) => a.level === 'error' && a.message.includes(`${name} failed`),
    );
    assert.ok(error, describeRun(run));
    assert.match(error.message, /NewerCommitApplied/);
    assert.ok(
      error.message.includes(
        `last applied from newer commit ${newer}; not overwriting it with older specs`,
      ),
      error.message,
    );
  }
  assert.match(run.summary, /NewerCommitApplied/);
});

test('with no history and no GitHub to ask, the older commit applies, with a warning it could not check', async () => {
  // The checkout without its history (as a copy of the files would be), and no GitHub access.
  rmSync(join(world.workspace, '.git'), { recursive: true, force: true });
  world.emulator.clearCalls();
  const run = await world.apply({ sha: older });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(acceptedStageCalls(world.emulator.calls, 'UpdateResource').length, 2);
  for (const stage of ['orders', 'payments']) {
    assert.equal(world.readStage(stage)?.Description, 'from the older commit');
    assert.equal(tagValue(world.readStage(stage), COMMIT_TAG), older);
  }
  const warnings = run.stdout
    .split('\n')
    .filter((line) => line.includes(`could not check whether commit ${newer.slice(0, 12)}`));
  assert.equal(warnings.length, 2, describeRun(run));
  assert.match(run.summary, /could not check whether commit/);
});
