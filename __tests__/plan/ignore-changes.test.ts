import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MANAGED_BY_TAG_KEY, type DesiredStage, type LiveStage } from '../../src/model/stage.ts';
import { planStageChange } from '../../src/plan/build-plan.ts';
import { createsMissingRequired, leftToOtherTools } from '../../src/plan/ignore-changes.ts';

const repository = 'octo/stages';
const ownerTag = { Key: MANAGED_BY_TAG_KEY, Value: repository };
const source = { file: 'stages/api.yml', line: 3, column: 3 };

const desired = (extra: Record<string, unknown>, ignoreChanges: string[]): DesiredStage => ({
  name: 'Prod',
  identifier: 'api1|prod',
  properties: { RestApiId: 'api1', StageName: 'prod', ...extra },
  source,
  ignoreChanges,
});

const live = (extra: Record<string, unknown>): LiveStage => ({
  identifier: 'api1|prod',
  properties: {
    RestApiId: 'api1',
    StageName: 'prod',
    TracingEnabled: false,
    CacheClusterEnabled: false,
    Tags: [ownerTag],
    ...extra,
  },
});

test('a deployment made by another pipeline is neither diffed nor written, and is shown', () => {
  const change = planStageChange(
    desired({ DeploymentId: 'dep-old', Description: 'new' }, ['DeploymentId']),
    live({ DeploymentId: 'dep-from-pipeline', Description: 'old' }),
    repository,
  );
  assert.equal(change.action, 'update');
  if (change.action !== 'update') return;
  assert.deepEqual(
    change.diffs.map((diff) => diff.path),
    ['Description'],
  );
  assert.ok(change.patch.every((op) => !op.path.startsWith('/DeploymentId')));
  assert.deepEqual(change.leftToOtherTools, [{ path: 'DeploymentId', value: 'dep-from-pipeline' }]);
  assert.equal(change.after.DeploymentId, 'dep-from-pipeline');
});

test('a canary field other tools own is kept at its live value; the rest of the canary is planned', () => {
  const change = planStageChange(
    desired({ DeploymentId: 'd1', CanarySetting: { DeploymentId: 'mine', PercentTraffic: 20 } }, [
      'CanarySetting.DeploymentId',
    ]),
    live({ DeploymentId: 'd1', CanarySetting: { DeploymentId: 'theirs', PercentTraffic: 10 } }),
    repository,
  );
  assert.equal(change.action, 'update');
  if (change.action !== 'update') return;
  assert.deepEqual(
    change.diffs.map((diff) => diff.path),
    ['CanarySetting.PercentTraffic'],
  );
  assert.ok(change.patch.every((op) => !JSON.stringify(op).includes('mine')));
});

test('an ignored path is no planned removal, even when the previous specs declared it', () => {
  const change = planStageChange(
    desired({ DeploymentId: 'd1', CanarySetting: { PercentTraffic: 10 } }, [
      'CanarySetting.DeploymentId',
    ]),
    live({ DeploymentId: 'd1', CanarySetting: { DeploymentId: 'c1', PercentTraffic: 10 } }),
    repository,
    { DeploymentId: 'd1', CanarySetting: { DeploymentId: 'c0', PercentTraffic: 10 } },
  );
  assert.equal(change.action, 'no-op');
  assert.deepEqual(change.diffs, []);
  if (change.action === 'no-op')
    assert.deepEqual(change.leftToOtherTools, [
      { path: 'CanarySetting.DeploymentId', value: 'c1' },
    ]);
});

test('a create sends what the spec gives, ignored or not', () => {
  const change = planStageChange(
    desired({ DeploymentId: 'd1' }, ['DeploymentId']),
    undefined,
    repository,
  );
  assert.equal(change.action, 'create');
  if (change.action === 'create') assert.equal(change.after.DeploymentId, 'd1');
});

test('a create without the DeploymentId AWS requires is a problem at the stage that says why', () => {
  const stage = desired({}, ['DeploymentId']);
  const problems = createsMissingRequired([stage], new Map());
  assert.equal(problems.length, 1);
  assert.deepEqual([problems[0]?.file, problems[0]?.line], ['stages/api.yml', 3]);
  assert.match(
    problems[0]?.message ?? '',
    /api1\|prod does not exist yet, and creating it needs DeploymentId, which the spec leaves out because ignore-changes lists it/,
  );
  assert.deepEqual(createsMissingRequired([stage], new Map([['api1|prod', live({})]])), []);
});

test('paths without a live value are listed as absent', () => {
  assert.deepEqual(
    leftToOtherTools({ DeploymentId: 'd' }, ['DeploymentId', 'CanarySetting.DeploymentId']),
    [{ path: 'CanarySetting.DeploymentId' }, { path: 'DeploymentId', value: 'd' }],
  );
});
