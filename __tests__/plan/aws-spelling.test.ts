import assert from 'node:assert/strict';
import { test } from 'node:test';
import { desiredModel, inAwsSpelling } from '../../src/plan/aws-spelling.ts';
import { rulesOf } from '../../src/plan/normalize.ts';

test('resource paths are written in the ~1 form AWS stores, the root and wildcard as documented', () => {
  const settings = inAwsSpelling(
    rulesOf(),
    [
      { HttpMethod: 'GET', ResourcePath: '/orders/{id}' },
      { HttpMethod: 'GET', ResourcePath: '/' },
      { HttpMethod: '*', ResourcePath: '/*' },
    ],
    'MethodSettings',
  );
  assert.deepEqual(settings, [
    { HttpMethod: 'GET', ResourcePath: '/~1orders~1{id}' },
    { HttpMethod: 'GET', ResourcePath: '/' },
    { HttpMethod: '*', ResourcePath: '/*' },
  ]);
});

test('values outside rewrite rules are unchanged', () => {
  assert.deepEqual(inAwsSpelling(rulesOf(), { ResourcePath: '/a/b' }, 'Variables'), {
    ResourcePath: '/a/b',
  });
});

test('desiredModel sends nothing AWS would drop or respell', () => {
  const model = desiredModel({
    RestApiId: 'api1',
    StageName: 'prod',
    DeploymentId: 'dep1',
    Variables: {},
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:r:1:log-group:g:*', Format: 'f' },
    MethodSettings: [
      { HttpMethod: 'GET', ResourcePath: '/a/b', MetricsEnabled: true },
      { HttpMethod: 'GET', ResourcePath: '/c' },
    ],
  });
  assert.deepEqual(model, {
    AccessLogSetting: { DestinationArn: 'arn:aws:logs:r:1:log-group:g', Format: 'f' },
    DeploymentId: 'dep1',
    MethodSettings: [{ HttpMethod: 'GET', MetricsEnabled: true, ResourcePath: '/~1a~1b' }],
    RestApiId: 'api1',
    StageName: 'prod',
  });
});
