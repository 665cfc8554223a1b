import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffStage } from '../../src/plan/diff.ts';
import { ALL_RULE_NAMES } from '../../src/plan/normalization-rules.ts';
import { normalizeStage } from '../../src/plan/normalize.ts';
import { LIVE_METHOD_DEFAULTS } from './live-fixtures.ts';

const stage = { RestApiId: 'api1', StageName: 'prod', DeploymentId: 'dep1' };

/** One method setting for the `*` `/*` key with the given fields. */
const allMethods = (fields: Record<string, unknown>) => ({
  ...stage,
  MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ...fields }],
});

/**
 * For a method-setting default: silent spec vs AWS's default is no diff, and the same live value
 * against a spec asking for something else is one.
 */
function methodDefault(field: string, defaultValue: unknown, other: unknown): void {
  const live = allMethods({ ...LIVE_METHOD_DEFAULTS, [field]: defaultValue, MetricsEnabled: true });
  assert.deepEqual(diffStage(allMethods({ MetricsEnabled: true }), live), []);
  if (field !== 'MetricsEnabled') {
    assert.deepEqual(
      diffStage(allMethods({ MetricsEnabled: true, [field]: defaultValue }), live),
      [],
    );
    const diffs = diffStage(allMethods({ MetricsEnabled: true, [field]: other }), live);
    assert.deepEqual(diffs, [
      {
        path: `MethodSettings[* /*].${field}`,
        kind: 'changed',
        before: defaultValue,
        after: other,
        forcesReplacement: false,
      },
    ]);
  }
}

/** For a top-level default that the read model always returns. */
function topLevelDefault(property: string): void {
  assert.deepEqual(diffStage(stage, { ...stage, [property]: false }), []);
  assert.deepEqual(diffStage({ ...stage, [property]: false }, stage), []);
  assert.deepEqual(diffStage(stage, { ...stage, [property]: true }), [
    { path: property, kind: 'removed', before: true, forcesReplacement: false },
  ]);
}

const ruleTests: Record<string, () => void> = {
  'tracing-disabled-by-default': () => topLevelDefault('TracingEnabled'),
  'cache-cluster-disabled-by-default': () => topLevelDefault('CacheClusterEnabled'),
  'method-cache-ttl-300': () => methodDefault('CacheTtlInSeconds', 300, 60),
  'method-cache-not-encrypted': () => methodDefault('CacheDataEncrypted', false, true),
  'method-caching-disabled': () => methodDefault('CachingEnabled', false, true),
  'method-metrics-disabled': () => {
    const live = allMethods({ ...LIVE_METHOD_DEFAULTS, DataTraceEnabled: true });
    assert.deepEqual(diffStage(allMethods({ DataTraceEnabled: true }), live), []);
    assert.deepEqual(
      diffStage(allMethods({ DataTraceEnabled: true, MetricsEnabled: false }), live),
      [],
    );
    assert.equal(
      diffStage(allMethods({ DataTraceEnabled: true, MetricsEnabled: true }), live).length,
      1,
    );
  },
  'method-data-trace-disabled': () => methodDefault('DataTraceEnabled', false, true),
  'method-burst-limit-account-default': () => methodDefault('ThrottlingBurstLimit', 5000, 100),
  'method-rate-limit-account-default': () => methodDefault('ThrottlingRateLimit', 10000, 50),
  'method-logging-off': () => {
    const live = allMethods({ ...LIVE_METHOD_DEFAULTS, MetricsEnabled: true });
    assert.deepEqual(
      diffStage(allMethods({ MetricsEnabled: true, LoggingLevel: 'OFF' }), live),
      [],
    );
    assert.deepEqual(
      diffStage(allMethods({ MetricsEnabled: true }), {
        ...live,
        MethodSettings: [{ ...live.MethodSettings[0], LoggingLevel: 'OFF' }],
      }),
      [],
    );
    assert.equal(
      diffStage(allMethods({ MetricsEnabled: true, LoggingLevel: 'INFO' }), live).length,
      1,
    );
  },
  'canary-follows-stage-deployment': () => {
    const live = { ...stage, CanarySetting: { DeploymentId: 'dep1', PercentTraffic: 10 } };
    assert.deepEqual(diffStage({ ...stage, CanarySetting: { PercentTraffic: 10 } }, live), []);
    // The stage moves to another deployment: the silent canary follows it.
    assert.deepEqual(
      diffStage({ ...stage, DeploymentId: 'dep2', CanarySetting: { PercentTraffic: 10 } }, live),
      [
        {
          path: 'CanarySetting.DeploymentId',
          kind: 'changed',
          before: 'dep1',
          after: 'dep2',
          forcesReplacement: false,
        },
        {
          path: 'DeploymentId',
          kind: 'changed',
          before: 'dep1',
          after: 'dep2',
          forcesReplacement: false,
        },
      ],
    );
    // No canary wanted: its deployment is removed with it, default or not.
    assert.deepEqual(
      diffStage(stage, live).map((diff) => [diff.path, diff.kind]),
      [
        ['CanarySetting.DeploymentId', 'removed'],
        ['CanarySetting.PercentTraffic', 'removed'],
      ],
    );
  },
  'resource-path-natural-form': () => {
    const encoded = {
      ...stage,
      MethodSettings: [
        { HttpMethod: 'GET', ResourcePath: '/~1orders~1{id}', MetricsEnabled: true },
      ],
    };
    const natural = {
      ...stage,
      MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/orders/{id}', MetricsEnabled: true }],
    };
    assert.deepEqual(normalizeStage(encoded), normalizeStage(natural));
    assert.deepEqual(diffStage(natural, encoded), []);
    assert.deepEqual(diffStage(encoded, natural), []);
    const root = (path: string) => ({
      ...stage,
      MethodSettings: [{ HttpMethod: 'GET', ResourcePath: path, MetricsEnabled: true }],
    });
    assert.deepEqual(diffStage(root('/'), root('/~1')), []);
    assert.deepEqual(diffStage(root('/~1'), root('/')), []);
    assert.deepEqual(diffStage(root('/*'), root('/*')), []);
    assert.equal(diffStage(root('/orders'), root('/~1orders~1{id}')).length, 2);
  },
  'access-log-arn-without-wildcard': () => {
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:api-logs';
    const access = (destination: string) => ({
      ...stage,
      AccessLogSetting: { DestinationArn: destination, Format: '$context.requestId' },
    });
    assert.deepEqual(diffStage(access(`${arn}:*`), access(arn)), []);
    assert.equal(diffStage(access(`${arn}-other:*`), access(arn)).length, 1);
  },
  'empty-is-absent': () => {
    assert.deepEqual(
      diffStage({ ...stage, Tags: [], Variables: {}, MethodSettings: [], Description: '' }, stage),
      [],
    );
    assert.deepEqual(
      diffStage(stage, {
        ...stage,
        Tags: [],
        Variables: {},
        CanarySetting: { StageVariableOverrides: {} },
      }),
      [],
    );
    // ...but an empty tag value is a value.
    assert.deepEqual(normalizeStage({ Tags: [{ Key: 'k', Value: '' }] }), {
      Tags: [{ Key: 'k', Value: '' }],
    });
  },
  'method-setting-without-settings': () => {
    const addressOnly = {
      ...stage,
      MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/orders' }],
    };
    assert.deepEqual(normalizeStage(addressOnly), stage);
    assert.deepEqual(diffStage(addressOnly, stage), []);
  },
  'aws-reserved-tags-unmanaged': () => {
    const cfnTag = { Key: 'aws:cloudformation:stack-name', Value: 'api' };
    assert.deepEqual(
      diffStage(
        { ...stage, Tags: [{ Key: 'Team', Value: 'a' }] },
        { ...stage, Tags: [cfnTag, { Key: 'Team', Value: 'a' }] },
      ),
      [],
    );
    assert.deepEqual(normalizeStage({ Tags: [cfnTag] }), {});
  },
  'cache-cluster-size-only-when-enabled': () => {
    assert.deepEqual(diffStage({ ...stage, CacheClusterSize: '0.5' }, stage), []);
    assert.deepEqual(
      diffStage(
        { ...stage, CacheClusterEnabled: true, CacheClusterSize: '0.5' },
        { ...stage, CacheClusterEnabled: true, CacheClusterSize: '0.5' },
      ),
      [],
    );
    assert.deepEqual(
      diffStage(
        { ...stage, CacheClusterEnabled: true, CacheClusterSize: '1.6' },
        { ...stage, CacheClusterEnabled: true, CacheClusterSize: '0.5' },
      ).map((d) => d.path),
      ['CacheClusterSize'],
    );
  },
  'method-settings-keyed-by-method-and-path': () => {
    const a = { HttpMethod: 'GET', ResourcePath: '/a', MetricsEnabled: true };
    const b = { HttpMethod: 'POST', ResourcePath: '/a', MetricsEnabled: true };
    assert.deepEqual(
      diffStage({ ...stage, MethodSettings: [a, b] }, { ...stage, MethodSettings: [b, a] }),
      [],
    );
    assert.deepEqual(
      normalizeStage({ MethodSettings: [b, a] }),
      normalizeStage({ MethodSettings: [a, b] }),
    );
  },
  'tags-keyed-by-key': () => {
    const tags = [
      { Key: 'b', Value: '2' },
      { Key: 'a', Value: '1' },
    ];
    assert.deepEqual(
      diffStage({ ...stage, Tags: tags }, { ...stage, Tags: [...tags].reverse() }),
      [],
    );
    assert.deepEqual(normalizeStage({ Tags: tags }), { Tags: [...tags].reverse() });
  },
  'numbers-by-value': () => {
    const spec = JSON.parse(
      '{"MethodSettings":[{"HttpMethod":"*","ResourcePath":"/*","ThrottlingRateLimit":50.0}]}',
    );
    const live = JSON.parse(
      '{"MethodSettings":[{"HttpMethod":"*","ResourcePath":"/*","ThrottlingRateLimit":50}]}',
    );
    assert.deepEqual(diffStage({ ...stage, ...spec }, { ...stage, ...live }), []);
    assert.deepEqual(
      diffStage(
        { ...stage, CanarySetting: { PercentTraffic: -0 } },
        { ...stage, CanarySetting: { PercentTraffic: 0, DeploymentId: 'dep1' } },
      ),
      [],
    );
    // Strings are not numbers: validation refuses them, the diff does not coerce them.
    assert.equal(
      diffStage(
        { ...stage, CanarySetting: { PercentTraffic: '0' } },
        { ...stage, CanarySetting: { PercentTraffic: 0 } },
      ).length,
      1,
    );
  },
};

test('every normalisation rule has a test, and every test a rule', () => {
  assert.deepEqual(Object.keys(ruleTests).sort(), [...ALL_RULE_NAMES].sort());
});

for (const name of ALL_RULE_NAMES) {
  test(`rule ${name}`, () => {
    const run = ruleTests[name];
    assert.ok(run, `no test for ${name}`);
    run();
  });
}
