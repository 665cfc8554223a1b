import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MANAGED_BY_TAG_KEY, type DesiredStage } from '../../src/model/stage.ts';
import { planStageChange } from '../../src/plan/build-plan.ts';
import { releaseStep } from '../../src/plan/release-step.ts';

const repository = 'octo/stages';
const tags = [{ Key: MANAGED_BY_TAG_KEY, Value: repository }];
const base = { RestApiId: 'api1', StageName: 'prod', TracingEnabled: false, Tags: tags };
const spec = (extra: Record<string, unknown>): DesiredStage => ({
  name: 'Prod',
  identifier: 'api1|prod',
  properties: { RestApiId: 'api1', StageName: 'prod', ...extra },
  source: { file: 'stages/api.yml', line: 3, column: 3 },
});
const live = (extra: Record<string, unknown>) => ({
  identifier: 'api1|prod',
  properties: { ...base, ...extra },
});

test('moving DeploymentId to the canary deployment and dropping the canary is a promotion', () => {
  const change = planStageChange(
    spec({ DeploymentId: 'dep2' }),
    live({ DeploymentId: 'dep1', CanarySetting: { DeploymentId: 'dep2', PercentTraffic: 10 } }),
    repository,
  );
  assert.equal(change.action, 'update');
  if (change.action !== 'update') return;
  assert.deepEqual(change.release, {
    kind: 'canary-promotion',
    deploymentId: 'dep2',
    from: 'dep1',
    percentTraffic: 10,
  });
});

test('a stage moving to another deployment than its canary tested is no promotion', () => {
  const before = { DeploymentId: 'dep1', CanarySetting: { DeploymentId: 'dep2' } };
  assert.equal(releaseStep(before, { DeploymentId: 'dep3' }), undefined);
  // Keeping the canary while moving the stage is not a promotion either.
  assert.equal(
    releaseStep(before, { DeploymentId: 'dep2', CanarySetting: { DeploymentId: 'dep2' } }),
    undefined,
  );
  // A canary dropped without moving the stage is a rollback of the canary, not a promotion.
  assert.equal(releaseStep(before, { DeploymentId: 'dep1' }), undefined);
});

test('a new canary is a canary start with its traffic share', () => {
  const change = planStageChange(
    spec({ DeploymentId: 'dep1', CanarySetting: { DeploymentId: 'dep3', PercentTraffic: 25 } }),
    live({ DeploymentId: 'dep1' }),
    repository,
  );
  assert.equal(change.action, 'update');
  if (change.action !== 'update') return;
  assert.deepEqual(change.release, {
    kind: 'canary-start',
    deploymentId: 'dep3',
    percentTraffic: 25,
  });
});
