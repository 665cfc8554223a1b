import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MANAGED_BY_TAG_KEY, type DesiredStage, type LiveStage } from '../../src/model/stage.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { planHash } from '../../src/plan/hash.ts';

const repository = 'octo/stages';

const desired = (extra: Record<string, unknown> = {}): DesiredStage => ({
  name: 'Prod',
  identifier: 'api1|prod',
  properties: { RestApiId: 'api1', StageName: 'prod', DeploymentId: 'dep1', ...extra },
  source: { file: 'stages/api.yml', line: 3, column: 3 },
});

const liveStage = (extra: Record<string, unknown> = {}): LiveStage => ({
  identifier: 'api1|prod',
  properties: {
    RestApiId: 'api1',
    StageName: 'prod',
    DeploymentId: 'dep1',
    TracingEnabled: false,
    CacheClusterEnabled: false,
    Tags: [
      { Key: 'Team', Value: 'a' },
      { Key: MANAGED_BY_TAG_KEY, Value: repository },
    ],
    ...extra,
  },
});

const planFor = (stage: DesiredStage, live: LiveStage, target = 't') =>
  buildPlan({
    desired: [stage],
    live: new Map([[live.identifier, live]]),
    undeclared: [],
    prune: false,
    repository,
    target,
  });

test('the hash is stable across runs when nothing changed', () => {
  const a = planFor(desired({ Description: 'x' }), liveStage());
  const b = planFor(desired({ Description: 'x' }), liveStage());
  assert.equal(a.hash, b.hash);
  assert.equal(planHash(a), a.hash);
});

test('the hash ignores the order AWS lists elements in and where the spec sits', () => {
  const live = liveStage();
  const reordered = liveStage({ Tags: [...(live.properties.Tags as unknown[])].reverse() });
  const moved = {
    ...desired({ Description: 'x' }),
    source: { file: 'stages/other.yml', line: 40, column: 1 },
  };
  assert.equal(planFor(desired({ Description: 'x' }), live).hash, planFor(moved, reordered).hash);
});

test('the hash changes with the desired state, the live state, the target and prune skips', () => {
  const base = planFor(desired({ Description: 'x' }), liveStage());
  assert.notEqual(planFor(desired({ Description: 'y' }), liveStage()).hash, base.hash);
  // Same change planned from a different live state: the plan reviewers saw no longer holds.
  assert.notEqual(
    planFor(desired({ Description: 'x' }), liveStage({ Description: 'old' })).hash,
    base.hash,
  );
  assert.notEqual(
    planFor(desired({ Description: 'x' }), liveStage({ TracingEnabled: true })).hash,
    base.hash,
  );
  assert.notEqual(planFor(desired({ Description: 'x' }), liveStage(), 'other').hash, base.hash);
  const pruned = buildPlan({
    desired: [desired({ Description: 'x' })],
    live: new Map([['api1|prod', liveStage()]]),
    undeclared: [{ identifier: 'api1|dev', properties: { RestApiId: 'api1', StageName: 'dev' } }],
    prune: true,
    repository,
    target: 't',
  });
  assert.notEqual(pruned.hash, base.hash);
});

test('the hash is sha256: and 64 hex digits', () => {
  assert.match(planFor(desired(), liveStage()).hash, /^sha256:[0-9a-f]{64}$/);
});

test('plans whose meaning did not change keep the hashes of hash input version 1', () => {
  // Computed by the planner before the diff and patch became one walk (and before
  // PropertyDiff lost `forcesReplacement`): a plan approved then is still approved now.
  const tags = [{ Key: 'Team', Value: 'a' }];
  assert.equal(
    planFor(desired({ Description: 'x', Tags: tags }), liveStage()).hash,
    'sha256:1fd07998fc47ccfdf7e0ea5f9efc679fc2cf157756f2c5c18fb52a356ce0b410',
  );
  assert.equal(
    planFor(desired({ Tags: tags }), liveStage()).hash,
    'sha256:6ebb46a406bc743b97df53b534388b90b70f842a6b2e97437a1881527adae00e',
  );
  const create = buildPlan({
    desired: [
      desired({
        Description: 'x',
        MethodSettings: [
          { HttpMethod: 'GET', ResourcePath: '/orders/{id}', ThrottlingRateLimit: 50 },
        ],
      }),
    ],
    live: new Map(),
    undeclared: [],
    prune: false,
    repository,
    target: 't',
  });
  assert.equal(
    create.hash,
    'sha256:ade28ffe9dc6cc0fd240e05d69d975374660e535874ec9b15bd9b538bed77d7d',
  );
});

test('the hash ignores the stage-sync:commit tag the apply writes (it is no desired state)', () => {
  const live = liveStage();
  const tagged = (commit: string) =>
    liveStage({
      Tags: [...(live.properties.Tags as unknown[]), { Key: 'stage-sync:commit', Value: commit }],
    });
  const spec = desired({ Description: 'x' });
  const untaggedPlan = planFor(spec, live);
  assert.equal(planFor(spec, tagged('a'.repeat(40))).hash, untaggedPlan.hash);
  assert.equal(planFor(spec, tagged('b'.repeat(40))).hash, untaggedPlan.hash);
  assert.equal(
    planFor(desired({ Tags: [{ Key: 'Team', Value: 'a' }] }), tagged('a'.repeat(40))).changes[0]
      ?.action,
    'no-op',
  );
});

test('another tool moving a value the spec leaves to it (ignore-changes) does not change the hash', () => {
  const stage = { ...desired({ Description: 'x' }), ignoreChanges: ['DeploymentId'] };
  const before = planFor(stage, liveStage({ DeploymentId: 'dep1' }));
  const released = planFor(stage, liveStage({ DeploymentId: 'dep7' }));
  assert.equal(released.hash, before.hash, 'a release by the API pipeline changes no decision');
  const described = planFor(stage, liveStage({ DeploymentId: 'dep7', Description: 'y' }));
  assert.notEqual(described.hash, before.hash, 'a change of a managed property still does');
});
