import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffStage } from '../../src/plan/diff.ts';
import { liveSetting } from './live-fixtures.ts';

const ids = { RestApiId: 'api1', StageName: 'prod', DeploymentId: 'dep1' };

test('identical stages have no diffs', () => {
  const stage = {
    ...ids,
    Description: 'd',
    Variables: { a: '1' },
    Tags: [{ Key: 'Team', Value: 'x' }],
  };
  assert.deepEqual(diffStage(stage, structuredClone(stage)), []);
});

test('each kind of difference, with human paths sorted', () => {
  const live = {
    ...ids,
    Description: 'old',
    TracingEnabled: false,
    CacheClusterEnabled: false,
    Variables: { lambdaAlias: 'blue', gone: 'x' },
    MethodSettings: [liveSetting('/~1orders~1{id}', 'GET', { ThrottlingRateLimit: 50 })],
    Tags: [{ Key: 'Team', Value: 'a' }],
  };
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
  assert.deepEqual(diffStage(desired, live), [
    // AWS fills in the canary's deployment; the spec's silence is not shown as a change.
    { path: 'CanarySetting.PercentTraffic', kind: 'added', after: 10, forcesReplacement: false },
    { path: 'Description', kind: 'changed', before: 'old', after: 'new', forcesReplacement: false },
    {
      path: 'MethodSettings[GET /orders/{id}].ThrottlingRateLimit',
      kind: 'changed',
      before: 50,
      after: 75,
      forcesReplacement: false,
    },
    { path: 'Tags[Owner]', kind: 'added', after: 'me', forcesReplacement: false },
    { path: 'Tags[Team]', kind: 'changed', before: 'a', after: 'b', forcesReplacement: false },
    { path: 'Variables.gone', kind: 'removed', before: 'x', forcesReplacement: false },
    {
      path: 'Variables.lambdaAlias',
      kind: 'changed',
      before: 'blue',
      after: 'green',
      forcesReplacement: false,
    },
  ]);
});

test('a whole method setting added or removed is one diff showing its settings', () => {
  const live = {
    ...ids,
    MethodSettings: [liveSetting('/~1', 'GET', { MetricsEnabled: true, LoggingLevel: 'INFO' })],
  };
  const desired = {
    ...ids,
    MethodSettings: [
      { HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 100, CacheTtlInSeconds: 300 },
    ],
  };
  assert.deepEqual(diffStage(desired, live), [
    {
      path: 'MethodSettings[* /*]',
      kind: 'added',
      after: { CacheTtlInSeconds: 300, ThrottlingBurstLimit: 100 },
      forcesReplacement: false,
    },
    // The live side shows what was set, not the defaults AWS filled in; the root in natural form.
    {
      path: 'MethodSettings[GET /]',
      kind: 'removed',
      before: { LoggingLevel: 'INFO', MetricsEnabled: true },
      forcesReplacement: false,
    },
  ]);
});

test('a property the spec dropped is removed when live holds a non-default value, and not otherwise', () => {
  assert.deepEqual(diffStage(ids, { ...ids, TracingEnabled: true, Description: 'x' }), [
    { path: 'Description', kind: 'removed', before: 'x', forcesReplacement: false },
    { path: 'TracingEnabled', kind: 'removed', before: true, forcesReplacement: false },
  ]);
  assert.deepEqual(
    diffStage(ids, { ...ids, TracingEnabled: false, CacheClusterEnabled: false }),
    [],
  );
});

test('a field dropped from a kept method setting is a removed diff unless live holds the default', () => {
  const live = {
    ...ids,
    MethodSettings: [liveSetting('/*', '*', { ThrottlingBurstLimit: 100, MetricsEnabled: true })],
  };
  const desired = {
    ...ids,
    MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', MetricsEnabled: true }],
  };
  assert.deepEqual(diffStage(desired, live), [
    {
      path: 'MethodSettings[* /*].ThrottlingBurstLimit',
      kind: 'removed',
      before: 100,
      forcesReplacement: false,
    },
  ]);
});

test('a create-only property that differs forces replacement', () => {
  assert.deepEqual(diffStage({ ...ids, StageName: 'prod2' }, ids), [
    { path: 'StageName', kind: 'changed', before: 'prod', after: 'prod2', forcesReplacement: true },
  ]);
});

test('against an empty live model every non-default desired property is added', () => {
  const diffs = diffStage(
    { ...ids, TracingEnabled: false, Tags: [{ Key: 'Team', Value: 'a' }] },
    {},
  );
  assert.deepEqual(
    diffs.map((diff) => [diff.path, diff.kind]),
    [
      ['DeploymentId', 'added'],
      ['RestApiId', 'added'],
      ['StageName', 'added'],
      ['Tags[Team]', 'added'],
    ],
  );
});

test('neither input is modified', () => {
  const desired = {
    ...ids,
    MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/a/b', MetricsEnabled: true }],
  };
  const live = { ...ids, MethodSettings: [liveSetting('/~1a~1b', 'GET')] };
  const before = structuredClone({ desired, live });
  diffStage(desired, live);
  assert.deepEqual({ desired, live }, before);
});
