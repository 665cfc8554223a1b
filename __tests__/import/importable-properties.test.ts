/**
 * Live models written out as the read handler returns them (__tests__/plan/live-fixtures.ts,
 * from docs/reference/cloudcontrol-notes.md §2.3; for V2 stages the captures quoted in
 * docs/evidence/apigatewayv2-stage.md), not as the emulator makes them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importableProperties } from '../../src/import/importable-properties.ts';
import { V2_STAGE } from '../../src/stage-types/index.ts';
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

/** HTTP and WebSocket API stages, read back as docs/evidence/apigatewayv2-stage.md items 6-10 say. */
const V2 = V2_STAGE;

test('a V2 stage: filled route-setting flags, empty maps and bookkeeping tags are left out', () => {
  assert.deepEqual(
    importableProperties(
      {
        ApiId: 'z1mf4h761f',
        StageName: 'prod',
        DeploymentId: 'e60xod',
        AutoDeploy: false,
        DefaultRouteSettings: {
          DataTraceEnabled: false,
          DetailedMetricsEnabled: false,
          LoggingLevel: 'OFF',
          ThrottlingBurstLimit: 500,
        },
        RouteSettings: {
          $connect: { DetailedMetricsEnabled: false, LoggingLevel: 'ERROR' },
          sendmessage: {
            DataTraceEnabled: false,
            DetailedMetricsEnabled: true,
            LoggingLevel: 'OFF',
          },
        },
        StageVariables: {},
        Tags: {
          team: 'chat',
          note: '',
          'stage-sync:managed-by': 'octo/stages',
          'stage-sync:commit': '0123abc',
          'aws:cloudformation:stack-name': 's',
        },
      },
      undefined,
      V2,
    ),
    {
      ApiId: 'z1mf4h761f',
      StageName: 'prod',
      DeploymentId: 'e60xod',
      DefaultRouteSettings: { ThrottlingBurstLimit: 500 },
      RouteSettings: {
        $connect: { LoggingLevel: 'ERROR' },
        sendmessage: { DetailedMetricsEnabled: true },
      },
      Tags: { note: '', team: 'chat' },
    },
  );
});

test("a V2 route's settings of defaults only keep one; default route settings of defaults go", () => {
  const imported = importableProperties(
    {
      ApiId: 'z1mf4h761f',
      StageName: '$default',
      AutoDeploy: true,
      DeploymentId: '1axai8',
      DefaultRouteSettings: { DetailedMetricsEnabled: false },
      RouteSettings: { 'GET /pets': { DetailedMetricsEnabled: false } },
      Tags: { 'stage-sync:managed-by': 'octo/stages' },
    },
    undefined,
    V2,
  );
  // Left out, GET /pets would read as "remove this route's settings"; DefaultRouteSettings are
  // always there (item 7), so leaving them out changes nothing.
  assert.deepEqual(imported, {
    ApiId: 'z1mf4h761f',
    StageName: '$default',
    AutoDeploy: true,
    RouteSettings: { 'GET /pets': { DetailedMetricsEnabled: false } },
  });
});
