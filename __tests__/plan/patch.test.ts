import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyJsonPatch } from '../../emulator/json-patch.ts';
import { stageReadModel } from '../../emulator/stage/read-model.ts';
import { diffStage } from '../../src/plan/diff.ts';
import { liveSetting } from './live-fixtures.ts';
import { patchFor } from '../../src/plan/patch.ts';

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
): void {
  const patched = applyJsonPatch(liveModel, patchFor(liveModel, desired));
  assert.deepEqual(diffStage(desired, patched), []);
}

test('an unchanged stage needs no patch', () => {
  const model = live({
    Description: 'x',
    MethodSettings: [liveSetting('/*', '*', { MetricsEnabled: true })],
  });
  const desired = {
    ...ids,
    Description: 'x',
    MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', MetricsEnabled: true }],
  };
  assert.deepEqual(patchFor(model, desired), []);
});

test('tags on a stage whose read model omits them (created with Tags: []) are added, never replaced', () => {
  const model = stageReadModel({ ...ids, Tags: [] });
  assert.equal('Tags' in model, false);
  const desired = { ...ids, Tags: [{ Key: 'Team', Value: 'payments' }] };
  const patch = patchFor(model, desired);
  assert.deepEqual(patch, [
    { op: 'add', path: '/Tags', value: [{ Key: 'Team', Value: 'payments' }] },
  ]);
  // The alternative fails exactly as AWS fails it (cloudformation-coverage-roadmap#2236).
  assert.throws(
    () => applyJsonPatch(model, [{ op: 'replace', path: '/Tags', value: [] }]),
    /noSuchPath.*\/\/Tags/,
  );
  assertConverges(model, desired);
});

test('a kept method setting that loses a field is rewritten whole, with its path as AWS stores it', () => {
  const model = live({
    MethodSettings: [
      liveSetting('/~1orders~1{id}', 'GET', { ThrottlingRateLimit: 50, LoggingLevel: 'INFO' }),
    ],
  });
  const desired = {
    ...ids,
    MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/orders/{id}', ThrottlingRateLimit: 75 }],
  };
  assert.deepEqual(patchFor(model, desired), [
    {
      op: 'replace',
      path: '/MethodSettings/0',
      value: { HttpMethod: 'GET', ResourcePath: '/~1orders~1{id}', ThrottlingRateLimit: 75 },
    },
  ]);
  assertConverges(model, desired);
});

test('a kept method setting whose fields only change gets field-level replaces', () => {
  const model = live({ MethodSettings: [liveSetting('/*', '*', { ThrottlingRateLimit: 50 })] });
  const desired = {
    ...ids,
    MethodSettings: [
      { HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 75, LoggingLevel: 'ERROR' },
    ],
  };
  assert.deepEqual(patchFor(model, desired), [
    { op: 'add', path: '/MethodSettings/0/LoggingLevel', value: 'ERROR' },
    { op: 'replace', path: '/MethodSettings/0/ThrottlingRateLimit', value: 75 },
  ]);
  assertConverges(model, desired);
});

test('indices refer to the live order, not the spec order', () => {
  const model = live({
    MethodSettings: [
      liveSetting('/~1b', 'GET', { MetricsEnabled: true }),
      liveSetting('/~1a', 'GET', { MetricsEnabled: true }),
      liveSetting('/~1c', 'GET', { MetricsEnabled: true }),
    ],
    Tags: [
      { Key: 'z', Value: '1' },
      { Key: 'a', Value: '1' },
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
  assert.deepEqual(patchFor(model, desired), [
    { op: 'replace', path: '/MethodSettings/1/ThrottlingBurstLimit', value: 10 },
    { op: 'remove', path: '/MethodSettings/2' },
    {
      op: 'add',
      path: '/MethodSettings/-',
      value: { HttpMethod: 'GET', MetricsEnabled: true, ResourcePath: '/~1d' },
    },
    { op: 'replace', path: '/Tags/1/Value', value: '2' },
  ]);
  assertConverges(model, desired);
});

test('several removals from one list run from the highest index down', () => {
  const model = live({
    Tags: [
      { Key: 'a', Value: '1' },
      { Key: 'keep', Value: '1' },
      { Key: 'b', Value: '1' },
      { Key: 'c', Value: '1' },
    ],
  });
  const desired = { ...ids, Tags: [{ Key: 'keep', Value: '1' }] };
  assert.deepEqual(patchFor(model, desired), [
    { op: 'remove', path: '/Tags/3' },
    { op: 'remove', path: '/Tags/2' },
    { op: 'remove', path: '/Tags/0' },
  ]);
  assertConverges(model, desired);
});

test('a list the spec drops entirely is removed whole; aws: tags are kept', () => {
  const model = live({
    MethodSettings: [liveSetting('/*', '*', { MetricsEnabled: true })],
    Tags: [{ Key: 'Team', Value: 'a' }],
  });
  assert.deepEqual(patchFor(model, ids), [
    { op: 'remove', path: '/MethodSettings' },
    { op: 'remove', path: '/Tags' },
  ]);
  const withSystemTag = live({
    Tags: [
      { Key: 'aws:cloudformation:stack-name', Value: 's' },
      { Key: 'Team', Value: 'a' },
    ],
  });
  assert.deepEqual(patchFor(withSystemTag, ids), [{ op: 'remove', path: '/Tags/1' }]);
});

test('a removed top-level property is removed; one AWS cannot remove is reset to its default', () => {
  const model = live({
    Description: 'old',
    TracingEnabled: true,
    Variables: { a: '1', b: '2' },
    AccessLogSetting: {
      DestinationArn: 'arn:aws:logs:us-east-1:1:log-group:x',
      Format: '$context.requestId',
    },
  });
  const desired = { ...ids, Variables: { a: '1' } };
  assert.deepEqual(patchFor(model, desired), [
    { op: 'remove', path: '/AccessLogSetting' },
    { op: 'remove', path: '/Description' },
    { op: 'replace', path: '/TracingEnabled', value: false },
    { op: 'remove', path: '/Variables/b' },
  ]);
  assertConverges(model, desired);
});

test('nested objects are patched field by field; a silent canary deployment follows the stage', () => {
  const model = live({
    CanarySetting: { DeploymentId: 'dep1', PercentTraffic: 10, UseStageCache: true },
  });
  const desired = {
    ...ids,
    DeploymentId: 'dep2',
    CanarySetting: { PercentTraffic: 20, StageVariableOverrides: { v: 'x' } },
  };
  assert.deepEqual(patchFor(model, desired), [
    { op: 'replace', path: '/CanarySetting/DeploymentId', value: 'dep2' },
    { op: 'replace', path: '/CanarySetting/PercentTraffic', value: 20 },
    { op: 'add', path: '/CanarySetting/StageVariableOverrides', value: { v: 'x' } },
    { op: 'remove', path: '/CanarySetting/UseStageCache' },
    { op: 'replace', path: '/DeploymentId', value: 'dep2' },
  ]);
  assertConverges(model, desired);
});

test('the patch never touches the create-only RestApiId and StageName', () => {
  const model = live();
  const patch = patchFor(model, {
    ...ids,
    RestApiId: 'other',
    StageName: 'other',
    Description: 'd',
  });
  assert.deepEqual(patch, [{ op: 'add', path: '/Description', value: 'd' }]);
});

test('JSON Pointer tokens are escaped', () => {
  const patch = patchFor(live({ Variables: { 'a/b': '1' } }), {
    ...ids,
    Variables: { 'a/b': '2', 'c~d': '3' },
  });
  assert.deepEqual(patch, [
    { op: 'replace', path: '/Variables/a~1b', value: '2' },
    { op: 'add', path: '/Variables/c~0d', value: '3' },
  ]);
});

test('an access-log ARN is sent without the :* AWS strips', () => {
  const patch = patchFor(live(), {
    ...ids,
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:r:1:log-group:g:*', Format: 'f' },
  });
  assert.deepEqual(patch, [
    {
      op: 'add',
      path: '/AccessLogSetting',
      value: { DestinationArn: 'arn:aws:logs:r:1:log-group:g', Format: 'f' },
    },
  ]);
});
