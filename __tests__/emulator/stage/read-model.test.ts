import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  encodeResourcePath,
  methodSettingKey,
  stageReadModel,
} from '../../../emulator/stage/read-model.ts';

const BASE = { RestApiId: 'a1b2c3d4e5', StageName: 'prod', DeploymentId: 'dep001' };

describe('stageReadModel', () => {
  it('reproduces the live model recorded by cdk-real-drift for a stage with one method setting', () => {
    const declared = {
      ...BASE,
      Description: 'cdkrd integ stage',
      TracingEnabled: false,
      MethodSettings: [
        {
          DataTraceEnabled: false,
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingBurstLimit: 50,
          ThrottlingRateLimit: 100,
        },
      ],
    };
    assert.deepEqual(stageReadModel(declared), {
      ...BASE,
      Description: 'cdkrd integ stage',
      TracingEnabled: false,
      CacheClusterEnabled: false,
      MethodSettings: [
        {
          CacheTtlInSeconds: 300,
          ResourcePath: '/*',
          CacheDataEncrypted: false,
          DataTraceEnabled: false,
          ThrottlingBurstLimit: 50,
          CachingEnabled: false,
          MetricsEnabled: false,
          HttpMethod: '*',
          ThrottlingRateLimit: 100,
        },
      ],
    });
  });

  it('always returns TracingEnabled and CacheClusterEnabled, false unless set', () => {
    const model = stageReadModel(BASE);
    assert.deepEqual(model, { ...BASE, TracingEnabled: false, CacheClusterEnabled: false });
    assert.equal(stageReadModel({ ...BASE, TracingEnabled: true }).TracingEnabled, true);
  });

  it('fills the account throttle defaults only where no throttle was set', () => {
    const [setting] = stageReadModel({
      ...BASE,
      MethodSettings: [
        { ResourcePath: '/*', HttpMethod: '*', ThrottlingBurstLimit: 20, LoggingLevel: 'INFO' },
      ],
    }).MethodSettings as Record<string, unknown>[];
    assert.equal(setting?.ThrottlingBurstLimit, 20);
    assert.equal(setting?.ThrottlingRateLimit, 10000);
    assert.equal(setting?.LoggingLevel, 'INFO');
    const [unset] = stageReadModel({
      ...BASE,
      MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', MetricsEnabled: true }],
    }).MethodSettings as Record<string, unknown>[];
    assert.equal(unset?.ThrottlingBurstLimit, 5000);
    assert.equal(unset?.ThrottlingRateLimit, 10000);
    assert.equal('LoggingLevel' in (unset ?? {}), false);
  });

  it('returns resource paths in their ~1 form, whether written naturally or encoded', () => {
    const settings = stageReadModel({
      ...BASE,
      MethodSettings: [
        { ResourcePath: '/orders/{id}', HttpMethod: 'GET', MetricsEnabled: true },
        { ResourcePath: '/~1pets~1{petId}', HttpMethod: 'POST', MetricsEnabled: true },
      ],
    }).MethodSettings as Record<string, unknown>[];
    const paths = settings.map((setting) => setting.ResourcePath).sort();
    assert.deepEqual(paths, ['/~1orders~1{id}', '/~1pets~1{petId}']);
  });

  it('encodes paths the way API Gateway keys method settings', () => {
    assert.equal(encodeResourcePath('/*'), '/*');
    assert.equal(encodeResourcePath('/'), '/~1');
    assert.equal(encodeResourcePath('/a/b'), '/~1a~1b');
    assert.equal(encodeResourcePath('/~1a~1b'), '/~1a~1b');
    assert.equal(methodSettingKey('/*', '*'), '*/*');
    assert.equal(methodSettingKey('/pets', 'GET'), '~1pets/GET');
    assert.equal(methodSettingKey('/', 'GET'), '~1/GET');
  });

  it('drops method settings that set nothing (cfn-lint W3705)', () => {
    const model = stageReadModel({
      ...BASE,
      MethodSettings: [
        { ResourcePath: '/*', HttpMethod: '*' },
        { ResourcePath: '/a', HttpMethod: 'GET', CachingEnabled: true },
      ],
    });
    const settings = model.MethodSettings as Record<string, unknown>[];
    assert.equal(settings.length, 1);
    assert.equal(settings[0]?.ResourcePath, '/~1a');
    assert.equal(
      'MethodSettings' in
        stageReadModel({ ...BASE, MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*' }] }),
      false,
    );
  });

  it('merges method settings that address the same method', () => {
    const settings = stageReadModel({
      ...BASE,
      MethodSettings: [
        { ResourcePath: '/a', HttpMethod: 'GET', MetricsEnabled: true },
        { ResourcePath: '/~1a', HttpMethod: 'GET', CacheTtlInSeconds: 60 },
      ],
    }).MethodSettings as Record<string, unknown>[];
    assert.equal(settings.length, 1);
    assert.equal(settings[0]?.MetricsEnabled, true);
    assert.equal(settings[0]?.CacheTtlInSeconds, 60);
  });

  it('omits empty lists, maps and strings (Tags: [] reads back without Tags)', () => {
    const model = stageReadModel({
      ...BASE,
      Tags: [],
      Variables: {},
      MethodSettings: [],
      Description: '',
    });
    assert.deepEqual(
      Object.keys(model).sort(),
      [...Object.keys(BASE), 'CacheClusterEnabled', 'TracingEnabled'].sort(),
    );
  });

  it('strips the :* suffix from the access log destination', () => {
    const model = stageReadModel({
      ...BASE,
      AccessLogSetting: {
        DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:api:*',
        Format: '$context.requestId',
      },
    });
    assert.deepEqual(model.AccessLogSetting, {
      DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:api',
      Format: '$context.requestId',
    });
  });

  it("fills the canary's DeploymentId with the stage's when omitted", () => {
    const model = stageReadModel({
      ...BASE,
      CanarySetting: { PercentTraffic: 10, UseStageCache: false },
    });
    assert.deepEqual(model.CanarySetting, {
      DeploymentId: 'dep001',
      PercentTraffic: 10,
      UseStageCache: false,
    });
    const explicit = stageReadModel({
      ...BASE,
      CanarySetting: { DeploymentId: 'other', PercentTraffic: 50.0 },
    });
    // UseStageCache false: API Gateway's fill (fact 25 of docs/reference/aws-recorded-behaviour.md).
    assert.deepEqual(explicit.CanarySetting, {
      DeploymentId: 'other',
      PercentTraffic: 50,
      UseStageCache: false,
    });
  });

  it('lists tags and method settings in descending key order, not in the order written', () => {
    const model = stageReadModel({
      ...BASE,
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
        { Key: 'a', Value: '3' },
      ],
      MethodSettings: [
        { ResourcePath: '/*', HttpMethod: '*', MetricsEnabled: true },
        { ResourcePath: '/z', HttpMethod: 'GET', MetricsEnabled: true },
      ],
    });
    assert.deepEqual(model.Tags, [
      { Key: 'b', Value: '2' },
      { Key: 'a', Value: '3' },
    ]);
    assert.deepEqual(
      (model.MethodSettings as Record<string, unknown>[]).map((setting) => setting.ResourcePath),
      ['/~1z', '/*'],
    );
  });

  it('shows the cache size only while the cache cluster is enabled', () => {
    assert.equal('CacheClusterSize' in stageReadModel({ ...BASE, CacheClusterSize: '0.5' }), false);
    assert.equal(
      stageReadModel({ ...BASE, CacheClusterEnabled: true, CacheClusterSize: '0.5' })
        .CacheClusterSize,
      '0.5',
    );
  });

  it('is idempotent and leaves its input alone', () => {
    const stored = {
      ...BASE,
      Tags: [{ Key: 'team', Value: 'payments' }],
      MethodSettings: [{ ResourcePath: '/', HttpMethod: 'GET', MetricsEnabled: true }],
      CanarySetting: { PercentTraffic: 5 },
      Unknown: 'dropped',
    };
    const snapshot = structuredClone(stored);
    const once = stageReadModel(stored);
    assert.deepEqual(stageReadModel(once), once);
    assert.deepEqual(stored, snapshot);
    assert.equal('Unknown' in once, false);
  });
});
