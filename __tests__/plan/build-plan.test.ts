import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MANAGED_BY_TAG_KEY, type DesiredStage, type LiveStage } from '../../src/model/stage.ts';
import { autoDeployStageAsRead } from '../support/auto-deploy-stage.ts';
import { buildPlan, planStageChange } from '../../src/plan/build-plan.ts';

const repository = 'octo/stages';
const ownerTag = { Key: MANAGED_BY_TAG_KEY, Value: repository };

const desired = (
  name: string,
  stageName: string,
  extra: Record<string, unknown> = {},
): DesiredStage => ({
  name,
  identifier: `api1|${stageName}`,
  properties: { RestApiId: 'api1', StageName: stageName, DeploymentId: 'dep1', ...extra },
  source: { file: 'stages/api.yml', line: 3, column: 3 },
});

/** A live stage as the read handler returns it. */
const live = (stageName: string, extra: Record<string, unknown> = {}): LiveStage => ({
  identifier: `api1|${stageName}`,
  properties: {
    RestApiId: 'api1',
    StageName: stageName,
    DeploymentId: 'dep1',
    TracingEnabled: false,
    CacheClusterEnabled: false,
    Tags: [ownerTag],
    ...extra,
  },
});

test('a stage that does not exist is created with the ownership tag', () => {
  const change = planStageChange(
    desired('Prod', 'prod', { Description: 'd' }),
    undefined,
    repository,
  );
  assert.equal(change.action, 'create');
  assert.ok(change.action === 'create');
  assert.deepEqual(change.after, {
    DeploymentId: 'dep1',
    Description: 'd',
    RestApiId: 'api1',
    StageName: 'prod',
    Tags: [ownerTag],
  });
  assert.ok(
    change.diffs.some(
      (diff) => diff.path === `Tags[${MANAGED_BY_TAG_KEY}]` && diff.kind === 'added',
    ),
  );
  assert.deepEqual(change.source, { file: 'stages/api.yml', line: 3, column: 3 });
});

test('the first time an existing stage is managed, the ownership tag shows as added', () => {
  const change = planStageChange(
    desired('Prod', 'prod'),
    live('prod', { Tags: undefined }),
    repository,
  );
  assert.equal(change.action, 'update');
  assert.ok(change.action === 'update');
  assert.deepEqual(change.diffs, [
    { path: `Tags[${MANAGED_BY_TAG_KEY}]`, kind: 'added', after: repository },
  ]);
  assert.deepEqual(change.patch, [{ op: 'add', path: '/Tags', value: [ownerTag] }]);
});

test('an update carries diffs, the patch and the live model it was computed against', () => {
  const current = live('prod', { Description: 'old' });
  const change = planStageChange(
    desired('Prod', 'prod', { Description: 'new' }),
    current,
    repository,
  );
  assert.ok(change.action === 'update');
  assert.equal(change.before, current.properties);
  assert.deepEqual(change.patch, [{ op: 'replace', path: '/Description', value: 'new' }]);
  assert.equal(change.diffs.length, 1);
});

test('a stage that matches is a no-op with no diffs', () => {
  const change = planStageChange(desired('Prod', 'prod'), live('prod'), repository);
  assert.equal(change.action, 'no-op');
  assert.deepEqual(change.diffs, []);
});

test('buildPlan orders changes delete, create, update, no-op, then by name, and counts them', () => {
  const plan = buildPlan({
    desired: [
      desired('Zeta', 'zeta'),
      desired('Beta', 'beta', { Description: 'new' }),
      desired('Alpha', 'alpha'),
      desired('Gamma', 'gamma'),
      desired('Delta', 'delta', { Description: 'new' }),
    ],
    live: new Map([
      ['api1|zeta', live('zeta')],
      ['api1|beta', live('beta')],
      ['api1|delta', live('delta')],
    ]),
    undeclared: [
      live('old'),
      live('handmade', { Tags: undefined }),
      live('theirs', { Tags: [{ Key: MANAGED_BY_TAG_KEY, Value: 'a/b' }] }),
    ],
    prune: true,
    repository,
    target: 'octo/stages us-east-1 stages/**/*.yml',
  });
  assert.deepEqual(
    plan.changes.map((change) => [change.action, change.name]),
    [
      ['delete', 'api1|old'],
      ['create', 'Alpha'],
      ['create', 'Gamma'],
      ['update', 'Beta'],
      ['update', 'Delta'],
      ['no-op', 'Zeta'],
    ],
  );
  assert.deepEqual(plan.counts, { create: 2, update: 2, delete: 1, noOp: 1 });
  assert.deepEqual(plan.prune, {
    enabled: true,
    skippedUnmanaged: ['api1|handmade'],
    skippedForeign: ['api1|theirs'],
  });
  const deletion = plan.changes[0];
  assert.ok(deletion?.action === 'delete');
  assert.equal(deletion.identifier, 'api1|old');
  assert.equal(deletion.source, undefined);
  assert.match(plan.hash, /^sha256:[0-9a-f]{64}$/);
  assert.equal(plan.repository, repository);
});

test('without prune, undeclared stages are ignored; a declared stage is never pruned', () => {
  const input = {
    desired: [desired('Prod', 'prod')],
    live: new Map([['api1|prod', live('prod')]]),
    undeclared: [live('old'), live('prod')],
    repository,
    target: 't',
  };
  const withoutPrune = buildPlan({ ...input, prune: false });
  assert.deepEqual(withoutPrune.prune, {
    enabled: false,
    skippedUnmanaged: [],
    skippedForeign: [],
  });
  assert.equal(withoutPrune.counts.delete, 0);
  const withPrune = buildPlan({ ...input, prune: true });
  assert.deepEqual(
    withPrune.changes.map((change) => [change.action, change.identifier]),
    [
      ['delete', 'api1|old'],
      ['no-op', 'api1|prod'],
    ],
  );
});

test('a create lists its method settings with resource paths in natural form', () => {
  const change = planStageChange(
    desired('Prod', 'prod', {
      MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/orders/{id}', MetricsEnabled: true }],
    }),
    undefined,
    repository,
  );
  assert.ok(change.action === 'create');
  assert.ok(change.diffs.some((diff) => diff.path === 'MethodSettings[GET /orders/{id}]'));
  // What is sent is in AWS's spelling.
  assert.deepEqual(change.after.MethodSettings, [
    { HttpMethod: 'GET', MetricsEnabled: true, ResourcePath: '/~1orders~1{id}' },
  ]);
});

test('a field dropped since the previous specs is removed only when they are given', () => {
  const access = { DestinationArn: 'arn:aws:logs:r:1:log-group:g', Format: 'f' };
  const current = live('prod', { AccessLogSetting: access });
  const spec = desired('Prod', 'prod', {
    AccessLogSetting: { DestinationArn: access.DestinationArn },
  });
  const previous = { ...spec.properties, AccessLogSetting: access };
  assert.equal(planStageChange(spec, current, repository).action, 'no-op');
  const change = planStageChange(spec, current, repository, previous);
  assert.ok(change.action === 'update');
  assert.deepEqual(change.patch, [
    { op: 'replace', path: '/AccessLogSetting', value: { DestinationArn: access.DestinationArn } },
  ]);
});

test('buildPlan passes each stage its previous specs and reports whether they were read', () => {
  const access = { DestinationArn: 'arn:aws:logs:r:1:log-group:g', Format: 'f' };
  const input = {
    desired: [
      desired('Prod', 'prod', { AccessLogSetting: { DestinationArn: access.DestinationArn } }),
    ],
    live: new Map([['api1|prod', live('prod', { AccessLogSetting: access })]]),
    undeclared: [],
    prune: false,
    repository,
    target: 't',
  };
  const unknown = buildPlan(input);
  assert.deepEqual(unknown.previousSpecs, {
    status: 'unavailable',
    reason: 'the previous specs were not provided',
  });
  assert.equal(unknown.changes[0]?.action, 'no-op');
  const unavailable = buildPlan({
    ...input,
    previous: { status: 'unavailable', reason: 'no earlier apply recorded' },
  });
  assert.deepEqual(unavailable.previousSpecs, {
    status: 'unavailable',
    reason: 'no earlier apply recorded',
  });
  const read = buildPlan({
    ...input,
    previous: {
      status: 'read',
      source: 'specs at commit 1a2b3c4',
      stages: new Map([
        ['api1|prod', { RestApiId: 'api1', StageName: 'prod', AccessLogSetting: access }],
      ]),
    },
  });
  assert.deepEqual(read.previousSpecs, { status: 'read', source: 'specs at commit 1a2b3c4' });
  assert.equal(read.changes[0]?.action, 'update');
  assert.deepEqual(read.counts, { create: 0, update: 1, delete: 0, noOp: 0 });
  // Whether they were read is not hashed: the same plan has the same hash.
  assert.equal(unavailable.hash, unknown.hash);
  assert.notEqual(read.hash, unknown.hash);
});

test('a change AWS cannot make in place is shown on a no-op and kept live in `after`', () => {
  const change = planStageChange(
    desired('Prod', 'prod', { DocumentationVersion: '2' }),
    live('prod', { DocumentationVersion: '1' }),
    repository,
  );
  assert.equal(change.action, 'no-op');
  assert.ok(change.action === 'no-op');
  assert.deepEqual(
    change.diffs.map((diff) => [diff.path, diff.before, diff.after, diff.note !== undefined]),
    [['DocumentationVersion', '1', '2', true]],
  );
  assert.equal(change.after.DocumentationVersion, '1');
  const update = planStageChange(
    desired('Prod', 'prod', { DocumentationVersion: '2', Description: 'd' }),
    live('prod', { DocumentationVersion: '1' }),
    repository,
  );
  assert.ok(update.action === 'update');
  assert.deepEqual(update.patch, [{ op: 'add', path: '/Description', value: 'd' }]);
  assert.equal(update.after.DocumentationVersion, '1');
});

test('an update of a stage another repository or nobody owns is a takeover, naming who owned it', () => {
  const theirs = planStageChange(
    desired('Prod', 'prod'),
    live('prod', { Tags: [{ Key: MANAGED_BY_TAG_KEY, Value: 'other/repo' }] }),
    repository,
  );
  assert.equal(theirs.action, 'update');
  assert.deepEqual(theirs.action === 'update' && theirs.takeover, { from: 'other/repo' });
  const nobodys = planStageChange(desired('Dev', 'dev'), live('dev', { Tags: [] }), repository);
  assert.deepEqual(nobodys.action === 'update' && nobodys.takeover, {});
  const ours = planStageChange(desired('Qa', 'qa', { Description: 'new' }), live('qa'), repository);
  assert.equal(ours.action === 'update' && ours.takeover, undefined);
});

describeV2();

/** `AWS::ApiGatewayV2::Stage`: the same planner, read through the type's data. */
function describeV2(): void {
  const V2 = 'AWS::ApiGatewayV2::Stage';
  const httpStage = (extra: Record<string, unknown> = {}): DesiredStage => ({
    name: 'HttpDefault',
    type: V2,
    identifier: 'z1mf4h761f|$default',
    properties: { ApiId: 'z1mf4h761f', StageName: '$default', AutoDeploy: true, ...extra },
    source: { file: 'stages/http.yml', line: 3, column: 3 },
  });
  const liveHttp = (extra: Record<string, unknown> = {}): LiveStage => ({
    type: V2,
    identifier: 'z1mf4h761f|$default',
    properties: autoDeployStageAsRead({ [MANAGED_BY_TAG_KEY]: repository }, extra),
  });

  test('V2: a create carries the type and the ownership tag as a map entry', () => {
    const change = planStageChange(httpStage({ Tags: { team: 'pets' } }), undefined, repository);
    assert.equal(change.action, 'create');
    assert.equal(change.type, V2);
    assert.deepEqual((change as { after: Record<string, unknown> }).after.Tags, {
      [MANAGED_BY_TAG_KEY]: repository,
      team: 'pets',
    });
  });

  test('V2: an unchanged auto-deploy stage is a no-op whatever DeploymentId AWS minted', () => {
    const change = planStageChange(httpStage(), liveHttp(), repository);
    assert.equal(change.action, 'no-op');
  });

  test('V2: an update of an auto-deploy stage is routed through API Gateway, and says so', () => {
    const change = planStageChange(
      httpStage({ DefaultRouteSettings: { ThrottlingBurstLimit: 50 } }),
      liveHttp(),
      repository,
    );
    assert.equal(change.action, 'update');
    if (change.action !== 'update') return;
    assert.deepEqual(change.route, {
      service: 'apigatewayv2',
      note: 'updated through API Gateway: Cloud Control cannot update auto-deploy stages',
    });
    assert.deepEqual(change.patch, [
      { op: 'add', path: '/DefaultRouteSettings/ThrottlingBurstLimit', value: 50 },
    ]);
  });

  test('V2: a stage without auto-deploy is updated through Cloud Control', () => {
    const change = planStageChange(
      httpStage({ AutoDeploy: false, Description: 'new' }),
      liveHttp({ AutoDeploy: false }),
      repository,
    );
    assert.equal(change.action, 'update');
    assert.equal('route' in change && change.route !== undefined, false);
  });

  test('V2: removing a Description UpdateStage cannot clear is shown with a note, never written', () => {
    const change = planStageChange(httpStage(), liveHttp({ Description: 'old' }), repository);
    assert.equal(change.action, 'no-op');
    assert.deepEqual(change.diffs, [
      {
        path: 'Description',
        kind: 'removed',
        before: 'old',
        note: 'API Gateway cannot clear this on an auto-deploy stage (UpdateStage keeps the old value): the apply leaves it',
      },
    ]);
    assert.equal((change as { after: Record<string, unknown> }).after.Description, 'old');
  });

  test('V2: a stage tagged by another repository is taken over through the map tag', () => {
    const change = planStageChange(
      httpStage(),
      liveHttp({ Tags: { [MANAGED_BY_TAG_KEY]: 'other/repo' } }),
      repository,
    );
    assert.equal(change.action, 'update');
    if (change.action !== 'update') return;
    assert.deepEqual(change.takeover, { from: 'other/repo' });
    assert.deepEqual(change.diffs, [
      {
        path: `Tags[${MANAGED_BY_TAG_KEY}]`,
        kind: 'changed',
        before: 'other/repo',
        after: repository,
      },
    ]);
  });

  test('V2: ignore-changes leaves a pipeline-owned DeploymentId and route settings alone', () => {
    const stage: DesiredStage = {
      ...httpStage({
        AutoDeploy: false,
        DeploymentId: 'dep0001',
        RouteSettings: { $connect: { ThrottlingBurstLimit: 5 } },
      }),
      ignoreChanges: ['DeploymentId', 'RouteSettings'],
    };
    const change = planStageChange(
      stage,
      liveHttp({
        AutoDeploy: false,
        DeploymentId: 'dep0042',
        RouteSettings: { $connect: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 50 } },
      }),
      repository,
    );
    assert.equal(change.action, 'no-op');
    assert.deepEqual(
      change.action === 'no-op' ? change.leftToOtherTools?.map((entry) => entry.path) : [],
      ['DeploymentId', 'RouteSettings'],
    );
  });

  test('V2: prune deletes an undeclared V2 stage this repository owns, with its type', () => {
    const plan = buildPlan({
      desired: [],
      live: new Map(),
      undeclared: [liveHttp()],
      prune: true,
      repository,
      target: 't',
    });
    assert.deepEqual(
      plan.changes.map((change) => [change.action, change.type, change.identifier]),
      [['delete', V2, 'z1mf4h761f|$default']],
    );
  });
}
