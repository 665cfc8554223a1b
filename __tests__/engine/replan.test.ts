import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stageReplanner } from '../../src/engine/replan.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { memoryPort } from '../support/memory-port.ts';

const desired = [
  {
    name: 'Prod',
    identifier: 'api1|prod',
    properties: { RestApiId: 'api1', StageName: 'prod', DeploymentId: 'd2' },
    source: { file: 'a.yml', line: 2, column: 3 },
  },
];
/** The plan the apply would hold: it is all the replanner knows of the specs. */
const plan = buildPlan({
  desired,
  live: new Map(),
  undeclared: [],
  prune: false,
  repository: 'octo/repo',
  target: 't',
});
const OWNED = [{ Key: 'stage-sync:managed-by', Value: 'octo/repo' }];

test('re-plans a declared stage against what AWS has now', async () => {
  const replan = stageReplanner(
    memoryPort({
      stages: {
        'api1|prod': { RestApiId: 'api1', StageName: 'prod', DeploymentId: 'd1', Tags: OWNED },
      },
    }),
    plan,
  );
  const change = await replan('api1|prod');
  assert.equal(change?.action, 'update');
  assert.ok(change?.diffs.some((d) => d.path === 'DeploymentId' && d.after === 'd2'));
});

test('a declared stage that vanished is created again', async () => {
  const change = await stageReplanner(memoryPort({ stages: {} }), plan)('api1|prod');
  assert.equal(change?.action, 'create');
});

test('a pruned stage is deleted only while it is still ours', async () => {
  const world = {
    stages: {
      'api1|old': { RestApiId: 'api1', StageName: 'old', DeploymentId: 'd1', Tags: OWNED },
      'api1|taken': {
        RestApiId: 'api1',
        StageName: 'taken',
        DeploymentId: 'd1',
        Tags: [{ Key: 'stage-sync:managed-by', Value: 'other/repo' }],
      },
    },
  };
  const replan = stageReplanner(memoryPort(world), plan);
  assert.equal((await replan('api1|old'))?.action, 'delete');
  assert.equal(await replan('api1|taken'), undefined);
  assert.equal(await replan('api1|gone'), undefined);
});

test('re-planning keeps what ignore-changes leaves to other tools, and the resolved REST API', async () => {
  // A create planned from `rest-api: payments-api` (resolved to api9) with DeploymentId ignored;
  // by the apply, the stage exists and another pipeline points it at d7.
  const named = buildPlan({
    desired: [
      {
        name: 'Live',
        identifier: 'api9|live',
        properties: { RestApiId: 'api9', StageName: 'live', DeploymentId: 'd1' },
        source: { file: 'a.yml', line: 2, column: 3 },
        ignoreChanges: ['DeploymentId'],
        apiName: 'payments-api',
      },
    ],
    live: new Map(),
    undeclared: [],
    prune: false,
    repository: 'octo/repo',
    target: 't',
  });
  const replan = stageReplanner(
    memoryPort({
      stages: {
        'api9|live': { RestApiId: 'api9', StageName: 'live', DeploymentId: 'd7', Tags: OWNED },
      },
    }),
    named,
  );
  const change = await replan('api9|live');
  assert.equal(change?.action, 'no-op');
  if (change?.action !== 'no-op') return;
  assert.equal(change.apiName, 'payments-api');
  assert.deepEqual(change.leftToOtherTools, [{ path: 'DeploymentId', value: 'd7' }]);
});
