import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareStage, diffStage } from '../../src/plan/compare.ts';
import { ALL_RULE_NAMES } from '../../src/plan/normalization-rules.ts';
import { normalizeStage } from '../../src/plan/normalize.ts';
import {
  INHERITED_FROM_STAGE_WIDE,
  LIVE_CANARY_DEFAULTS,
  LIVE_METHOD_DEFAULTS,
  REGIONAL_THROTTLE,
  UNSIZED_CACHE,
} from './live-fixtures.ts';

const stage = { RestApiId: 'api1', StageName: 'prod', DeploymentId: 'dep1' };

/** One method setting for the `*` `/*` key with the given fields. */
const allMethods = (fields: Record<string, unknown>) => ({
  ...stage,
  MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ...fields }],
});

/** For a top-level default that the read model always returns. */
function topLevelDefault(property: string): void {
  assert.deepEqual(diffStage(stage, { ...stage, [property]: false }), []);
  assert.deepEqual(diffStage({ ...stage, [property]: false }, stage), []);
  // Dropping it sets it back to the default, and the diff shows that value.
  assert.deepEqual(diffStage(stage, { ...stage, [property]: true }), [
    { path: property, kind: 'changed', before: true, after: false },
  ]);
}

/**
 * For a kept object: a field AWS reports that the spec does not declare is no diff and no write;
 * one the previous specs declared is removed by writing the object whole.
 */
function keptObject(
  at: string,
  pointer: string,
  live: Record<string, unknown>,
  desired: Record<string, unknown>,
  previous: Record<string, unknown>,
): void {
  assert.deepEqual(compareStage(desired, live), { diffs: [], patch: [] });
  const { diffs, patch } = compareStage(desired, live, previous);
  assert.equal(diffs.length, 1);
  assert.ok(diffs[0]?.path.startsWith(at) && diffs[0].kind === 'removed', at);
  assert.deepEqual(
    patch.map((op) => [op.op, op.path]),
    [['replace', pointer]],
  );
}

const ruleTests: Record<string, () => void> = {
  'tracing-disabled-by-default': () => topLevelDefault('TracingEnabled'),
  'cache-cluster-disabled-by-default': () => topLevelDefault('CacheClusterEnabled'),
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
  'access-log-setting-kept-whole': () =>
    keptObject(
      'AccessLogSetting',
      '/AccessLogSetting',
      { ...stage, AccessLogSetting: { DestinationArn: 'arn:a', Format: 'f' } },
      { ...stage, AccessLogSetting: { DestinationArn: 'arn:a' } },
      { ...stage, AccessLogSetting: { DestinationArn: 'arn:a', Format: 'f' } },
    ),
  'canary-setting-kept-whole': () =>
    keptObject(
      'CanarySetting',
      '/CanarySetting',
      { ...stage, CanarySetting: { DeploymentId: 'dep1', ...LIVE_CANARY_DEFAULTS } },
      { ...stage, CanarySetting: { DeploymentId: 'dep1' } },
      { ...stage, CanarySetting: { DeploymentId: 'dep1', UseStageCache: false } },
    ),
  'method-setting-kept-whole': () =>
    keptObject(
      'MethodSettings[* /*]',
      '/MethodSettings/0',
      allMethods({ ...LIVE_METHOD_DEFAULTS, ...REGIONAL_THROTTLE, ...INHERITED_FROM_STAGE_WIDE }),
      allMethods({ MetricsEnabled: false }),
      allMethods({ MetricsEnabled: false, CacheTtlInSeconds: 60 }),
    ),
  'cache-cluster-size-filled-when-enabled': () => {
    const live = { ...stage, CacheClusterEnabled: true, CacheClusterSize: UNSIZED_CACHE };
    assert.deepEqual(diffStage({ ...stage, CacheClusterEnabled: true }, live), []);
    assert.deepEqual(
      compareStage(
        { ...stage, CacheClusterEnabled: true },
        { ...live, CacheClusterSize: '1.6' },
        { ...stage, CacheClusterEnabled: true, CacheClusterSize: '1.6' },
      ).patch,
      [{ op: 'replace', path: '/CacheClusterSize', value: UNSIZED_CACHE }],
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
  'applied-commit-tag-unmanaged': () => {
    const commitTag = { Key: 'stage-sync:commit', Value: 'a'.repeat(40) };
    const team = { Key: 'Team', Value: 'a' };
    // A stage last applied from another commit is no diff and no write by that alone.
    assert.deepEqual(
      compareStage({ ...stage, Tags: [team] }, { ...stage, Tags: [commitTag, team] }),
      { diffs: [], patch: [] },
    );
    // A real change leaves the commit tag where it is (the apply sets it, not the patch).
    assert.deepEqual(
      compareStage(
        { ...stage, Tags: [{ Key: 'Team', Value: 'b' }] },
        { ...stage, Tags: [commitTag, team] },
      ).patch,
      [{ op: 'replace', path: '/Tags/1/Value', value: 'b' }],
    );
    assert.deepEqual(normalizeStage({ Tags: [commitTag] }), {});
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
