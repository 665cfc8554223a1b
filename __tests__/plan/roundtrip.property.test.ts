/**
 * The promise of the plan, checked on random data: for any valid desired stage and any live
 * stage as AWS returns it (defaults, inherited `*\/*` values and the account's regional or raised
 * throttle filled in, `~1` paths, empties omitted, elements reordered: `aws-read.ts`), applying
 * the plan's patch the way Cloud Control does and reading back leaves nothing to change; and
 * between two spec versions, what the newer one dropped is removed and stays removed. No
 * perpetual diffs, no hidden changes, no field-level removes AWS refuses (fact 23 of
 * docs/reference/aws-recorded-behaviour.md).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyJsonPatch } from '../../emulator/json-patch.ts';
import { desiredModel } from '../../src/plan/aws-spelling.ts';
import { compareStage, diffStage } from '../../src/plan/compare.ts';
import { normalizeStage } from '../../src/plan/normalize.ts';
import { withOwnershipTag } from '../../src/plan/ownership.ts';
import type { JsonPatchOperation, PropertyDiff } from '../../src/plan/types.ts';
import { awsReadModel, QUOTAS } from './aws-read.ts';
import { methodSettingKey } from '../../src/model/resource-path.ts';

const ids = { RestApiId: 'api1', StageName: 'prod' };
const NUM_RUNS = 400;

const word = fc.constantFrom('a', 'b', 'blue', 'green', 'v1');
const stringMap = fc.dictionary(fc.constantFrom('alias', 'color', 'mode', 'x'), word, {
  maxKeys: 3,
});

/** Resource paths in every spelling, the root and the wildcard included. */
const resourcePath = fc.constantFrom(
  '/*',
  '/',
  '/~1',
  '/orders',
  '/~1orders',
  '/orders/{id}',
  '/~1orders~1{id}',
  '/a/b/c',
);
/** One method setting per path and method, as the planner keys them. */
const settingKey = (setting: { HttpMethod: string; ResourcePath: string }): string =>
  methodSettingKey(setting.ResourcePath, setting.HttpMethod);

/** Settings drawn to hit AWS's defaults often: 300, false, 5000, 10000, OFF. */
const methodSetting = fc.record(
  {
    HttpMethod: fc.constantFrom('*', 'GET', 'POST'),
    ResourcePath: resourcePath,
    CacheTtlInSeconds: fc.constantFrom(0, 60, 300),
    CacheDataEncrypted: fc.boolean(),
    CachingEnabled: fc.boolean(),
    DataTraceEnabled: fc.boolean(),
    MetricsEnabled: fc.boolean(),
    LoggingLevel: fc.constantFrom('OFF', 'ERROR', 'INFO'),
    ThrottlingBurstLimit: fc.constantFrom(0, 100, 5000),
    ThrottlingRateLimit: fc.constantFrom(0, 50, 50.5, 10000),
  },
  { requiredKeys: ['HttpMethod', 'ResourcePath'] },
);

const tag = fc.record({
  Key: fc.constantFrom('Team', 'Env', 'Owner', 'stage-sync:managed-by'),
  Value: fc.constantFrom('', 'a', 'b'),
});

/** Properties a valid spec may hold (validation has already run on them). */
const stageProperties = fc.record(
  {
    DeploymentId: fc.constantFrom('dep1', 'dep2'),
    Description: fc.constantFrom('', 'Production', 'Staging'),
    TracingEnabled: fc.boolean(),
    CacheClusterEnabled: fc.boolean(),
    CacheClusterSize: fc.constantFrom('0.5', '1.6'),
    ClientCertificateId: fc.constantFrom('cert1', 'cert2'),
    DocumentationVersion: fc.constantFrom('1', '2'),
    Variables: stringMap,
    AccessLogSetting: fc.record(
      {
        DestinationArn: fc.constantFrom(
          'arn:aws:logs:us-east-1:1:log-group:g',
          'arn:aws:logs:us-east-1:1:log-group:g:*',
          'arn:aws:logs:us-east-1:1:log-group:h',
        ),
        Format: fc.constantFrom('$context.requestId', '$context.requestId $context.status'),
      },
      { requiredKeys: [] },
    ),
    CanarySetting: fc.record(
      {
        DeploymentId: fc.constantFrom('dep1', 'dep2', 'dep3'),
        PercentTraffic: fc.constantFrom(0, 10, 50.5, 100),
        StageVariableOverrides: stringMap,
        UseStageCache: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    MethodSettings: fc.uniqueArray(methodSetting, { selector: settingKey, maxLength: 4 }),
    Tags: fc.uniqueArray(tag, { selector: (t) => t.Key, maxLength: 4 }),
  },
  { requiredKeys: ['DeploymentId'] },
);

const desiredStage = stageProperties.map((properties) => ({ ...properties, ...ids }));

/** What was last written to a live stage: any spec, plus the system tags CloudFormation leaves. */
const storedStage = fc
  .tuple(stageProperties, fc.boolean())
  .map(([properties, fromCloudFormation]) => ({
    ...properties,
    ...ids,
    ...(fromCloudFormation
      ? { Tags: [...(properties.Tags ?? []), { Key: 'aws:cloudformation:stack-name', Value: 's' }] }
      : {}),
  }));

const repository = 'octo/stages';
const quota = fc.constantFrom(...QUOTAS);

/** A field-level `remove` inside an object AWS keeps: refused by API Gateway (fact 23). */
const refusedRemove = (operation: JsonPatchOperation): boolean =>
  operation.op === 'remove' &&
  /^\/(AccessLogSetting|CanarySetting|MethodSettings\/\d+)\/.+/.test(operation.path);

const unnoted = (diffs: readonly PropertyDiff[]): PropertyDiff[] =>
  diffs.filter((diff) => diff.note === undefined);

/**
 * Plans `desired` against `live` (with `previous` as the specs of the last apply), checks the
 * patch, applies it, reads back in the same account and returns the next plan's comparison, made
 * with the specs just applied as its previous specs.
 */
function applyAndReplan(
  desired: Record<string, unknown>,
  live: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
  account: (typeof QUOTAS)[number],
) {
  const { diffs, patch } = compareStage(desired, live, previous);
  assert.equal(
    patch.length === 0,
    unnoted(diffs).length === 0,
    'patch empty exactly when no diffs to write',
  );
  assert.ok(patch.every((operation) => !/^\/(RestApiId|StageName)(\/|$)/.test(operation.path)));
  assert.deepEqual(patch.filter(refusedRemove), [], 'no field-level remove inside a kept object');
  const written = applyJsonPatch(live, [...patch]);
  const readBack = awsReadModel(written, account);
  return { diffs, written, readBack, next: compareStage(desired, readBack, desired) };
}

test('applying the patch to any live stage leaves no diff after reading back', () => {
  fc.assert(
    fc.property(
      desiredStage,
      storedStage,
      fc.option(desiredStage, { nil: undefined }),
      quota,
      (spec, stored, previous, account) => {
        const desired = withOwnershipTag(spec, repository);
        const { next } = applyAndReplan(desired, awsReadModel(stored, account), previous, account);
        assert.deepEqual(unnoted(next.diffs), []);
        assert.deepEqual(next.patch, []);
      },
    ),
    { numRuns: NUM_RUNS },
  );
});

/** `spec` with some fields dropped, chosen by `mask`: the next version of a spec. */
function withoutSome(
  spec: Record<string, unknown>,
  mask: readonly boolean[],
): Record<string, unknown> {
  let index = 0;
  const keep = (): boolean => !(mask[index++ % mask.length] ?? false);
  const thin = (object: unknown, keys: readonly string[] = []): unknown => {
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return object;
    return Object.fromEntries(
      Object.entries(object).filter(([key]) => keys.includes(key) || keep()),
    );
  };
  const result: Record<string, unknown> = { ...spec };
  for (const key of ['AccessLogSetting', 'CanarySetting', 'Variables']) {
    if (result[key] !== undefined) result[key] = thin(result[key]);
  }
  if (Array.isArray(result.MethodSettings)) {
    result.MethodSettings = result.MethodSettings.map((setting) =>
      thin(setting, ['HttpMethod', 'ResourcePath']),
    );
  }
  for (const key of ['Description', 'TracingEnabled', 'CacheClusterSize', 'Tags']) {
    if (!keep()) delete result[key];
  }
  return result;
}

test('what a newer spec drops inside kept objects is planned, removed and stays removed', () => {
  let removals = 0;
  fc.assert(
    fc.property(
      desiredStage,
      fc.array(fc.boolean(), { minLength: 8, maxLength: 24 }),
      quota,
      (older, mask, account) => {
        const newer = { ...withoutSome(older, mask), RestApiId: 'api1', StageName: 'prod' };
        // The stage as the older spec's apply left it, read in this account.
        const live = awsReadModel(desiredModel(withOwnershipTag(older, repository)), account);
        const desired = withOwnershipTag(newer, repository);
        const { diffs, written, readBack, next } = applyAndReplan(desired, live, older, account);
        assert.deepEqual(unnoted(next.diffs), []);
        assert.deepEqual(next.patch, []);
        // Dropped access-log and canary fields that AWS does not fill in are gone.
        const dropped = (object: string, field: string): boolean => {
          const before = normalizeStage(older)[object] as Record<string, unknown> | undefined;
          const after = normalizeStage(newer)[object] as Record<string, unknown> | undefined;
          return before?.[field] !== undefined && after !== undefined && after[field] === undefined;
        };
        for (const [object, field] of [
          ['AccessLogSetting', 'Format'],
          ['AccessLogSetting', 'DestinationArn'],
          ['CanarySetting', 'StageVariableOverrides'],
        ] as const) {
          if (!dropped(object, field)) continue;
          removals += 1;
          assert.ok(
            diffs.some(
              (diff) => diff.path.startsWith(`${object}.${field}`) && diff.kind === 'removed',
            ),
            `${object}.${field} is shown as removed`,
          );
          const model = normalizeStage(readBack)[object] as Record<string, unknown> | undefined;
          assert.equal(model?.[field], undefined, `${object}.${field} stays removed`);
        }
        // A method-setting field the newer spec dropped is no longer in what was written; AWS
        // then fills in its own value (inherited or the account's), which the next plan leaves.
        const byKey = (stage: Record<string, unknown>) =>
          new Map(
            ((normalizeStage(stage).MethodSettings ?? []) as Record<string, unknown>[]).map(
              (setting) => [
                `${String(setting.HttpMethod)} ${String(setting.ResourcePath)}`,
                setting,
              ],
            ),
          );
        const olderSettings = byKey(older);
        const writtenSettings = byKey(written);
        for (const [key, setting] of byKey(newer)) {
          for (const field of Object.keys(olderSettings.get(key) ?? {})) {
            if (setting[field] !== undefined) continue;
            removals += 1;
            assert.equal(
              writtenSettings.get(key)?.[field],
              undefined,
              `${key} ${field} is removed`,
            );
          }
        }
      },
    ),
    { numRuns: NUM_RUNS },
  );
  assert.ok(removals > 0, 'the generator produced removals');
});

test('a stage created from the plan reads back with no diff, in any account', () => {
  fc.assert(
    fc.property(desiredStage, quota, (spec, account) => {
      const desired = withOwnershipTag(spec, repository);
      assert.deepEqual(diffStage(desired, awsReadModel(desiredModel(desired), account)), []);
      // Also when it was written from the spec as written (by another tool, say). Except an empty
      // `CanarySetting: {}`: stage-sync reads it as "no canary" (empty-is-absent) and never sends
      // it, whereas AWS given `{}` makes a canary on the stage's deployment.
      const emptyCanary =
        spec.CanarySetting !== undefined && normalizeStage(spec).CanarySetting === undefined;
      if (!emptyCanary) assert.deepEqual(diffStage(desired, awsReadModel(desired, account)), []);
    }),
    { numRuns: NUM_RUNS },
  );
});

test('an unchanged pair has no diff and no patch, whatever order AWS lists elements in', () => {
  fc.assert(
    fc.property(storedStage, quota, (stored, account) => {
      const live = awsReadModel(stored, account);
      const reversed = {
        ...live,
        ...(Array.isArray(live.MethodSettings)
          ? { MethodSettings: [...live.MethodSettings].reverse() }
          : {}),
        ...(Array.isArray(live.Tags) ? { Tags: [...live.Tags].reverse() } : {}),
      };
      assert.deepEqual(compareStage(live, reversed), { diffs: [], patch: [] });
    }),
    { numRuns: NUM_RUNS },
  );
});
