/**
 * The promise of `stage-sync import`, checked on random data: for any stages of a REST API as the
 * read handler returns them (the emulator's `stageReadModel`: defaults filled in, `~1` paths,
 * empties omitted, system tags), the imported file loads without a problem and a plan of it
 * against the same stages changes no property except the ownership tag.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { assertPlansOnlyAdoption } from './adoption-only.ts';
import { stageReadModel } from '../../emulator/stage/read-model.ts';
import { MANAGED_BY_TAG_KEY, type LiveStage } from '../../src/model/stage.ts';
import { importStages } from '../../src/import/import-stages.ts';
import { methodSettingKey } from '../../src/model/resource-path.ts';

const NUM_RUNS = 300;
const repository = 'octo/stages';

const word = fc.constantFrom('a', 'blue', 'v1', 'yes', 'null', '0.5', 'a:b#c');
const stringMap = fc.dictionary(fc.constantFrom('alias', 'color', 'mode', 'x'), word, {
  maxKeys: 3,
});
const resourcePath = fc.constantFrom('/*', '/', '/~1', '/orders', '/orders/{id}', '/~1a~1b');
/** One method setting per path and method, as the planner keys them. */
const settingKey = (setting: { HttpMethod: string; ResourcePath: string }): string =>
  methodSettingKey(setting.ResourcePath, setting.HttpMethod);

/** Settings drawn to hit AWS's defaults (and the quotas' edges) often. */
const methodSetting = fc.record(
  {
    HttpMethod: fc.constantFrom('*', 'GET', 'POST'),
    ResourcePath: resourcePath,
    CacheTtlInSeconds: fc.constantFrom(0, 300, 3600),
    CacheDataEncrypted: fc.boolean(),
    CachingEnabled: fc.boolean(),
    DataTraceEnabled: fc.boolean(),
    MetricsEnabled: fc.boolean(),
    LoggingLevel: fc.constantFrom('OFF', 'ERROR', 'INFO'),
    ThrottlingBurstLimit: fc.constantFrom(0, 100, 5000),
    ThrottlingRateLimit: fc.constantFrom(0, 50.5, 10000),
  },
  { requiredKeys: ['HttpMethod', 'ResourcePath'] },
);

const tag = fc.record({
  Key: fc.constantFrom('Team', 'Env', MANAGED_BY_TAG_KEY, 'aws:cloudformation:stack-name'),
  Value: fc.constantFrom('', 'a', repository, 'other/repo'),
});

const region = fc.constantFrom('us-east-1', 'eu-west-2', 'ap-southeast-1');

/** What was last written to one stage, by any tool, in any region. */
const stored = (restApiId: string) =>
  fc
    .tuple(
      region,
      fc.record(
        {
          DeploymentId: fc.constantFrom('dep1', 'dep2'),
          Description: fc.constantFrom('', 'Production', 'yes', '# not a comment'),
          TracingEnabled: fc.boolean(),
          CacheClusterEnabled: fc.boolean(),
          CacheClusterSize: fc.constantFrom('0.5', '1.6', '237'),
          ClientCertificateId: fc.constantFrom('cert1'),
          DocumentationVersion: fc.constantFrom('1', '2.0'),
          Variables: stringMap,
          AccessLogSetting: fc.record(
            { DestinationName: fc.constant(true), Format: fc.constantFrom('$context.requestId') },
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
      ),
    )
    .map(([where, { AccessLogSetting, ...properties }]) => ({
      ...properties,
      ...(AccessLogSetting
        ? {
            AccessLogSetting: {
              ...(AccessLogSetting.Format ? { Format: AccessLogSetting.Format } : {}),
              ...(AccessLogSetting.DestinationName
                ? { DestinationArn: `arn:aws:logs:${where}:123456789012:log-group:g:*` }
                : {}),
            },
          }
        : {}),
      RestApiId: restApiId,
    }));

/** One REST API's stages, with distinct stage names (some of which collide as logical names). */
const liveStages = fc
  .tuple(
    fc.constantFrom('abc1234', 'z9y8x7w6v5'),
    fc.uniqueArray(fc.constantFrom('prod', 'dev', 'dev-1', 'dev_1', '2024', 'v1', 'Prod'), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .chain(([restApiId, names]) =>
    fc.tuple(...names.map(() => stored(restApiId))).map((stages): LiveStage[] =>
      stages.map((properties, index) => {
        const StageName = names[index] as string;
        return {
          identifier: `${restApiId}|${StageName}`,
          properties: stageReadModel({ ...properties, StageName }),
        };
      }),
    ),
  );

test('an imported file loads cleanly and plans no change but the ownership tag', () => {
  fc.assert(
    fc.property(liveStages, (live) => {
      const restApiId = String(live[0]?.properties.RestApiId);
      const stageNames = live.map((stage) => String(stage.properties.StageName));
      const imported = importStages({ live, apiId: restApiId, stageNames, repository });
      assert.deepEqual(imported.missing, []);
      assert.equal(imported.imported.length, live.length);

      assertPlansOnlyAdoption(imported.text, live, repository);
    }),
    { numRuns: NUM_RUNS },
  );
});
