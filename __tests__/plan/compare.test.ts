import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyJsonPatch } from '../../emulator/json-patch.ts';
import { stageReadModel } from '../../emulator/stage/read-model.ts';
import {
  compareStage,
  createdProperties,
  deletedProperties,
  diffStage,
} from '../../src/plan/compare.ts';
import { NOT_IN_PLACE_RULES } from '../../src/plan/patch-rules.ts';
import { liveSetting, REGIONAL_THROTTLE } from './live-fixtures.ts';

const ids = { RestApiId: 'api1', StageName: 'prod', DeploymentId: 'dep1' };

const live = (extra: Record<string, unknown> = {}) => ({
  ...ids,
  TracingEnabled: false,
  CacheClusterEnabled: false,
  ...extra,
});

/** Applies the patch the way Cloud Control does and checks that nothing is left to change. */
function assertConverges(
  liveModel: Record<string, unknown>,
  desired: Record<string, unknown>,
  previous?: Record<string, unknown>,
): void {
  const patched = applyJsonPatch(liveModel, [...compareStage(desired, liveModel, previous).patch]);
  // The next plan's previous specs are the ones just applied.
  assert.deepEqual(compareStage(desired, patched, desired), { diffs: [], patch: [] });
}

const FIELD_REMOVE_INSIDE_KEPT = /^\/(AccessLogSetting|CanarySetting|MethodSettings\/\d+)\/.+/;

test('identical stages have no diffs and no patch', () => {
  const stage = {
    ...ids,
    Description: 'd',
    Variables: { a: '1' },
    Tags: [{ Key: 'T', Value: 'x' }],
  };
  assert.deepEqual(compareStage(stage, structuredClone(stage)), { diffs: [], patch: [] });
});

test('each kind of difference, with human paths sorted, and the patch that makes them', () => {
  const current = live({
    Description: 'old',
    Variables: { lambdaAlias: 'blue', gone: 'x' },
    MethodSettings: [liveSetting('/~1orders~1{id}', 'GET', { ThrottlingRateLimit: 50 })],
    Tags: [{ Key: 'Team', Value: 'a' }],
  });
  const desired = {
    ...ids,
    Description: 'new',
    Variables: { lambdaAlias: 'green' },
    MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/orders/{id}', ThrottlingRateLimit: 75 }],
    Tags: [
      { Key: 'Team', Value: 'b' },
      { Key: 'Owner', Value: 'me' },
    ],
    CanarySetting: { PercentTraffic: 10 },
  };
  const { diffs, patch } = compareStage(desired, current);
  assert.deepEqual(diffs, [
    { path: 'CanarySetting.PercentTraffic', kind: 'added', after: 10 },
    { path: 'Description', kind: 'changed', before: 'old', after: 'new' },
    {
      path: 'MethodSettings[GET /orders/{id}].ThrottlingRateLimit',
      kind: 'changed',
      before: 50,
      after: 75,
    },
    { path: 'Tags[Owner]', kind: 'added', after: 'me' },
    { path: 'Tags[Team]', kind: 'changed', before: 'a', after: 'b' },
    { path: 'Variables.gone', kind: 'removed', before: 'x' },
    { path: 'Variables.lambdaAlias', kind: 'changed', before: 'blue', after: 'green' },
  ]);
  assert.deepEqual(patch, [
    { op: 'add', path: '/CanarySetting', value: { PercentTraffic: 10 } },
    { op: 'replace', path: '/Description', value: 'new' },
    { op: 'replace', path: '/MethodSettings/0/ThrottlingRateLimit', value: 75 },
    { op: 'replace', path: '/Tags/0/Value', value: 'b' },
    { op: 'add', path: '/Tags/-', value: { Key: 'Owner', Value: 'me' } },
    { op: 'remove', path: '/Variables/gone' },
    { op: 'replace', path: '/Variables/lambdaAlias', value: 'green' },
  ]);
  assertConverges(current, desired);
});

test('a dropped top-level property is removed, or shown and set back to the value AWS keeps', () => {
  const current = live({ TracingEnabled: true, Description: 'x' });
  const { diffs, patch } = compareStage(ids, current);
  assert.deepEqual(diffs, [
    { path: 'Description', kind: 'removed', before: 'x' },
    // Not "- TracingEnabled: true": AWS cannot remove it, it ends at false.
    { path: 'TracingEnabled', kind: 'changed', before: true, after: false },
  ]);
  assert.deepEqual(patch, [
    { op: 'remove', path: '/Description' },
    { op: 'replace', path: '/TracingEnabled', value: false },
  ]);
  assert.deepEqual(compareStage(ids, live()).diffs, []);
});

test('a whole method setting added or removed is one diff and one operation', () => {
  const current = live({
    MethodSettings: [liveSetting('/~1', 'GET', { MetricsEnabled: true, LoggingLevel: 'INFO' })],
  });
  const desired = {
    ...ids,
    MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 100 }],
  };
  const { diffs, patch } = compareStage(desired, current);
  const {
    HttpMethod: _method,
    ResourcePath: _path,
    ...liveFields
  } = liveSetting('/~1', 'GET', {
    MetricsEnabled: true,
    LoggingLevel: 'INFO',
  });
  assert.deepEqual(diffs, [
    { path: 'MethodSettings[* /*]', kind: 'added', after: { ThrottlingBurstLimit: 100 } },
    // What goes is what AWS has: the root in natural form, every field it reports.
    { path: 'MethodSettings[GET /]', kind: 'removed', before: liveFields },
  ]);
  assert.deepEqual(patch, [
    { op: 'remove', path: '/MethodSettings/0' },
    {
      op: 'add',
      path: '/MethodSettings/-',
      value: { HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 100 },
    },
  ]);
  assertConverges(current, desired);
});

test('fields the spec does not declare inside kept objects are AWS’s: no diff, no write', () => {
  // A per-method entry created after */* enabled caching with a TTL (fact 21), in a region with
  // the 1250/2500 account throttle (fact 30); a canary with AWS's defaults (fact 25); a cache
  // enabled without a size (fact 31).
  const current = live({
    CacheClusterEnabled: true,
    CacheClusterSize: '0.5',
    CanarySetting: { DeploymentId: 'dep1', PercentTraffic: 0, UseStageCache: false },
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:eu-south-1:1:log-group:g', Format: 'f' },
    MethodSettings: [
      liveSetting('/*', '*', { ...REGIONAL_THROTTLE, CachingEnabled: true, CacheTtlInSeconds: 60 }),
      liveSetting('/~1orders', 'GET', {
        ...REGIONAL_THROTTLE,
        ThrottlingBurstLimit: 10,
        CachingEnabled: true,
        CacheTtlInSeconds: 60,
      }),
    ],
  });
  const desired = {
    ...ids,
    CacheClusterEnabled: true,
    CanarySetting: { StageVariableOverrides: {} },
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:eu-south-1:1:log-group:g:*' },
    MethodSettings: [
      { HttpMethod: '*', ResourcePath: '/*', CachingEnabled: true, CacheTtlInSeconds: 60 },
      { HttpMethod: 'GET', ResourcePath: '/orders', ThrottlingBurstLimit: 10 },
    ],
  };
  // An empty canary is no canary (empty-is-absent): the spec drops it, so it goes whole.
  const withCanary = { ...desired, CanarySetting: { PercentTraffic: 0 } };
  assert.deepEqual(compareStage(withCanary, current), { diffs: [], patch: [] });
  assert.deepEqual(compareStage(withCanary, current, withCanary), { diffs: [], patch: [] });
  assert.deepEqual(compareStage(desired, current).patch, [
    { op: 'remove', path: '/CanarySetting' },
  ]);
});

test('a field the previous specs declared and the spec dropped is removed by writing its object whole', () => {
  const current = live({
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:r:1:log-group:g', Format: 'f' },
    CanarySetting: {
      DeploymentId: 'dep2',
      PercentTraffic: 10,
      StageVariableOverrides: { a: '1', b: '2' },
      UseStageCache: false,
    },
    MethodSettings: [
      liveSetting('/~1orders', 'GET', { ...REGIONAL_THROTTLE, ThrottlingBurstLimit: 10 }),
    ],
  });
  const previous = {
    ...ids,
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:r:1:log-group:g', Format: 'f' },
    CanarySetting: { PercentTraffic: 10, StageVariableOverrides: { a: '1', b: '2' } },
    MethodSettings: [
      {
        HttpMethod: 'GET',
        ResourcePath: '/orders',
        ThrottlingBurstLimit: 10,
        MetricsEnabled: false,
      },
    ],
  };
  const desired = {
    ...ids,
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:r:1:log-group:g' },
    CanarySetting: { PercentTraffic: 10, StageVariableOverrides: { a: '1' } },
    MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/orders', MetricsEnabled: false }],
  };
  const { diffs, patch } = compareStage(desired, current, previous);
  assert.deepEqual(diffs, [
    { path: 'AccessLogSetting.Format', kind: 'removed', before: 'f' },
    { path: 'CanarySetting.StageVariableOverrides.b', kind: 'removed', before: '2' },
    { path: 'MethodSettings[GET /orders].ThrottlingBurstLimit', kind: 'removed', before: 10 },
  ]);
  const { ThrottlingBurstLimit: _dropped, ...keptFields } = liveSetting('/~1orders', 'GET', {
    ...REGIONAL_THROTTLE,
  });
  assert.deepEqual(patch, [
    {
      op: 'replace',
      path: '/AccessLogSetting',
      value: { DestinationArn: 'arn:aws:logs:r:1:log-group:g' },
    },
    {
      // What AWS filled in (the canary's deployment, UseStageCache) is written back as it is.
      op: 'replace',
      path: '/CanarySetting',
      value: {
        DeploymentId: 'dep2',
        PercentTraffic: 10,
        StageVariableOverrides: { a: '1' },
        UseStageCache: false,
      },
    },
    { op: 'replace', path: '/MethodSettings/0', value: keptFields },
  ]);
  assert.ok(patch.every((op) => op.op !== 'remove' || !FIELD_REMOVE_INSIDE_KEPT.test(op.path)));
  assertConverges(current, desired, previous);
  // Without the previous specs, a dropped field is not proved declared and stays; a declared
  // map (the overrides) is still the whole truth.
  assert.deepEqual(
    compareStage(desired, current).diffs.map((diff) => diff.path),
    ['CanarySetting.StageVariableOverrides.b'],
  );
});

test('a cache size the previous specs declared goes back to the size AWS gives an unsized cache', () => {
  const current = live({ CacheClusterEnabled: true, CacheClusterSize: '6.1' });
  const previous = { ...ids, CacheClusterEnabled: true, CacheClusterSize: '6.1' };
  const desired = { ...ids, CacheClusterEnabled: true };
  assert.deepEqual(compareStage(desired, current, previous), {
    diffs: [{ path: 'CacheClusterSize', kind: 'changed', before: '6.1', after: '0.5' }],
    patch: [{ op: 'replace', path: '/CacheClusterSize', value: '0.5' }],
  });
  assert.deepEqual(compareStage(desired, current), { diffs: [], patch: [] });
  // Turning the cache off: the size is no longer the spec's business.
  assert.deepEqual(compareStage(ids, current, previous).patch, [
    { op: 'replace', path: '/CacheClusterEnabled', value: false },
  ]);
});

test('a DocumentationVersion change is shown with its note and never written', () => {
  const [rule] = NOT_IN_PLACE_RULES;
  assert.equal(rule?.at, 'DocumentationVersion');
  const current = live({ DocumentationVersion: '1' });
  assert.deepEqual(compareStage({ ...ids, DocumentationVersion: '2', Description: 'd' }, current), {
    diffs: [
      { path: 'Description', kind: 'added', after: 'd' },
      { path: 'DocumentationVersion', kind: 'changed', before: '1', after: '2', note: rule.note },
    ],
    patch: [{ op: 'add', path: '/Description', value: 'd' }],
  });
  // A create sets it as declared.
  assert.ok(
    createdProperties({ ...ids, DocumentationVersion: '2' }).some(
      (diff) => diff.path === 'DocumentationVersion' && diff.note === undefined,
    ),
  );
});

test('the identifier’s properties are never part of an update', () => {
  // RestApiId and StageName make the identifier: another value is another stage.
  assert.deepEqual(compareStage({ ...ids, StageName: 'other', Description: 'd' }, live()), {
    diffs: [{ path: 'Description', kind: 'added', after: 'd' }],
    patch: [{ op: 'add', path: '/Description', value: 'd' }],
  });
});

test('tags on a stage whose read model omits them (created with Tags: []) are added, never replaced', () => {
  const model = stageReadModel({ ...ids, Tags: [] });
  assert.equal('Tags' in model, false);
  const desired = { ...ids, Tags: [{ Key: 'Team', Value: 'payments' }] };
  assert.deepEqual(compareStage(desired, model).patch, [
    { op: 'add', path: '/Tags', value: [{ Key: 'Team', Value: 'payments' }] },
  ]);
  assertConverges(model, desired);
});

test('indices refer to the live order; removals run from the highest index down', () => {
  const model = live({
    MethodSettings: [
      liveSetting('/~1b', 'GET', { MetricsEnabled: true }),
      liveSetting('/~1a', 'GET', { MetricsEnabled: true }),
      liveSetting('/~1c', 'GET', { MetricsEnabled: true }),
    ],
    Tags: [
      { Key: 'z', Value: '1' },
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '1' },
      { Key: 'c', Value: '1' },
    ],
  });
  const desired = {
    ...ids,
    MethodSettings: [
      { HttpMethod: 'GET', ResourcePath: '/a', MetricsEnabled: true, ThrottlingBurstLimit: 10 },
      { HttpMethod: 'GET', ResourcePath: '/b', MetricsEnabled: true },
      { HttpMethod: 'GET', ResourcePath: '/d', MetricsEnabled: true },
    ],
    Tags: [
      { Key: 'a', Value: '2' },
      { Key: 'z', Value: '1' },
    ],
  };
  assert.deepEqual(compareStage(desired, model).patch, [
    { op: 'replace', path: '/MethodSettings/1/ThrottlingBurstLimit', value: 10 },
    { op: 'remove', path: '/MethodSettings/2' },
    {
      op: 'add',
      path: '/MethodSettings/-',
      value: { HttpMethod: 'GET', MetricsEnabled: true, ResourcePath: '/~1d' },
    },
    { op: 'replace', path: '/Tags/1/Value', value: '2' },
    { op: 'remove', path: '/Tags/3' },
    { op: 'remove', path: '/Tags/2' },
  ]);
  assertConverges(model, desired);
});

test('a list the spec drops entirely is removed whole; aws: tags are kept', () => {
  const model = live({
    MethodSettings: [liveSetting('/*', '*', { MetricsEnabled: true })],
    Tags: [{ Key: 'Team', Value: 'a' }],
  });
  assert.deepEqual(compareStage(ids, model).patch, [
    { op: 'remove', path: '/MethodSettings' },
    { op: 'remove', path: '/Tags' },
  ]);
  const withSystemTag = live({
    Tags: [
      { Key: 'aws:cloudformation:stack-name', Value: 's' },
      { Key: 'Team', Value: 'a' },
    ],
  });
  assert.deepEqual(compareStage(ids, withSystemTag), {
    diffs: [{ path: 'Tags[Team]', kind: 'removed', before: 'a' }],
    patch: [{ op: 'remove', path: '/Tags/1' }],
  });
});

test('a kept object the spec drops entirely is removed whole, shown field by field', () => {
  const model = live({
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:r:1:log-group:x', Format: 'f' },
  });
  assert.deepEqual(compareStage(ids, model), {
    diffs: [
      {
        path: 'AccessLogSetting.DestinationArn',
        kind: 'removed',
        before: 'arn:aws:logs:r:1:log-group:x',
      },
      { path: 'AccessLogSetting.Format', kind: 'removed', before: 'f' },
    ],
    patch: [{ op: 'remove', path: '/AccessLogSetting' }],
  });
});

test('JSON Pointer tokens are escaped; an access-log ARN is sent without the :* AWS strips', () => {
  assert.deepEqual(
    compareStage(
      { ...ids, Variables: { 'a/b': '2', 'c~d': '3' } },
      live({ Variables: { 'a/b': '1' } }),
    ).patch,
    [
      { op: 'replace', path: '/Variables/a~1b', value: '2' },
      { op: 'add', path: '/Variables/c~0d', value: '3' },
    ],
  );
  assert.deepEqual(
    compareStage(
      {
        ...ids,
        AccessLogSetting: { DestinationArn: 'arn:aws:logs:r:1:log-group:g:*', Format: 'f' },
      },
      live(),
    ).patch,
    [
      {
        op: 'add',
        path: '/AccessLogSetting',
        value: { DestinationArn: 'arn:aws:logs:r:1:log-group:g', Format: 'f' },
      },
    ],
  );
});

test('a create and a delete are listed with resource paths in natural form', () => {
  const stage = {
    ...ids,
    TracingEnabled: false,
    MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/~1orders~1{id}', MetricsEnabled: true }],
  };
  const created = createdProperties(stage);
  assert.deepEqual(
    created.map((diff) => [diff.path, diff.kind]),
    [
      ['DeploymentId', 'added'],
      ['MethodSettings[GET /orders/{id}]', 'added'],
      ['RestApiId', 'added'],
      ['StageName', 'added'],
    ],
  );
  assert.deepEqual(
    deletedProperties(stage).map((diff) => [diff.path, diff.kind]),
    [
      ['DeploymentId', 'removed'],
      ['MethodSettings[GET /orders/{id}]', 'removed'],
      ['RestApiId', 'removed'],
      ['StageName', 'removed'],
    ],
  );
});

test('diffStage is the diffs half of the walk; neither input is modified', () => {
  const desired = {
    ...ids,
    MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/a/b', MetricsEnabled: true }],
  };
  const current = live({ MethodSettings: [liveSetting('/~1a~1b', 'GET')] });
  const before = structuredClone({ desired, current });
  assert.deepEqual(diffStage(desired, current), compareStage(desired, current).diffs);
  assert.deepEqual({ desired, current }, before);
});
