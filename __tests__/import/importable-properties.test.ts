/**
 * Live models written out as the read handler returns them (__tests__/plan/live-fixtures.ts,
 * from docs/reference/cloudcontrol-notes.md §2.3), not as the emulator makes them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importableProperties } from '../../src/import/importable-properties.ts';
import { liveSetting } from '../plan/live-fixtures.ts';

test('what AWS fills in, the ownership tag and aws: tags are left out; paths read naturally', () => {
  assert.deepEqual(
    importableProperties({
      RestApiId: 'abc1234',
      StageName: 'prod',
      DeploymentId: 'dep1',
      TracingEnabled: false,
      CacheClusterEnabled: false,
      CacheClusterSize: '0.5',
      CanarySetting: { DeploymentId: 'dep1', PercentTraffic: 10 },
      AccessLogSetting: { DestinationArn: 'arn:aws:logs:eu-west-1:1:log-group:g:*' },
      MethodSettings: [liveSetting('/~1orders~1{id}', 'GET', { ThrottlingRateLimit: 50 })],
      Tags: [
        { Key: 'stage-sync:managed-by', Value: 'octo/stages' },
        { Key: 'aws:cloudformation:stack-name', Value: 's' },
        { Key: 'Team', Value: '' },
      ],
    }),
    {
      AccessLogSetting: { DestinationArn: 'arn:aws:logs:eu-west-1:1:log-group:g' },
      CanarySetting: { PercentTraffic: 10 },
      DeploymentId: 'dep1',
      MethodSettings: [
        { HttpMethod: 'GET', ResourcePath: '/orders/{id}', ThrottlingRateLimit: 50 },
      ],
      RestApiId: 'abc1234',
      StageName: 'prod',
      Tags: [{ Key: 'Team', Value: '' }],
    },
  );
});

test('a method setting or canary of defaults only keeps one, so it is not read as removed', () => {
  const imported = importableProperties({
    RestApiId: 'abc1234',
    StageName: 'prod',
    DeploymentId: 'dep1',
    CanarySetting: { DeploymentId: 'dep1' },
    MethodSettings: [liveSetting('/*', '*')],
    Tags: [{ Key: 'stage-sync:managed-by', Value: 'octo/stages' }],
  });
  assert.deepEqual(imported.CanarySetting, { DeploymentId: 'dep1' });
  assert.deepEqual(imported.MethodSettings, [
    { HttpMethod: '*', ResourcePath: '/*', CacheDataEncrypted: false },
  ]);
  assert.equal('Tags' in imported, false);
});
