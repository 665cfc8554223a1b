import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stageReplanner } from '../../src/engine/replan.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import type { NotOurs } from '../../src/apply/options.ts';
import type { StageChange } from '../../src/plan/types.ts';
import { memoryPort } from '../support/memory-port.ts';

/** A re-plan that is a change (or nothing), not a stage another repository took over. */
function asChange(result: StageChange | NotOurs | undefined): StageChange | undefined {
  assert.ok(result === undefined || !('notOurs' in result), JSON.stringify(result));
  return result as StageChange | undefined;
}

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
  const change = asChange(await replan('api1|prod'));
  assert.equal(change?.action, 'update');
  assert.ok(change?.diffs.some((d) => d.path === 'DeploymentId' && d.after === 'd2'));
});

test('a declared stage that vanished is created again', async () => {
  const change = asChange(await stageReplanner(memoryPort({ stages: {} }), plan)('api1|prod'));
  assert.equal(change?.action, 'create');
});

test('a pruned stage is deleted only while it is still ours, and one taken over is said so', async () => {
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
  assert.equal(asChange(await replan('api1|old'))?.action, 'delete');
  // Still there, and another repository's now: neither deleted nor "already gone".
  assert.deepEqual(await replan('api1|taken'), { notOurs: 'other/repo' });
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
  const change = asChange(await replan('api9|live'));
  assert.equal(change?.action, 'no-op');
  if (change?.action !== 'no-op') return;
  assert.equal(change.apiName, 'payments-api');
  assert.deepEqual(change.leftToOtherTools, [{ path: 'DeploymentId', value: 'd7' }]);
});
