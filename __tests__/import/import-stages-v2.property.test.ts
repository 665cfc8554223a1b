/**
 * The promise of `stage-sync import` for HTTP and WebSocket API stages, checked on random data:
 * for any stages of one API as the read handler returns them (the emulator's `v2StageReadModel`:
 * route settings filled by protocol, empty maps as `{}`, a minted DeploymentId under auto-deploy,
 * tags as a map with system and bookkeeping tags), the imported file loads without a problem and
 * a plan of it against the same stages changes no property except the ownership tag.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { assertPlansOnlyAdoption } from './adoption-only.ts';
import type { ProtocolType } from '../../emulator/apigatewayv2/names.ts';
import { v2StageReadModel } from '../../emulator/apigatewayv2/stage-model.ts';
import { importStages } from '../../src/import/import-stages.ts';
import {
  APPLIED_COMMIT_TAG_KEY,
  MANAGED_BY_TAG_KEY,
  V2_STAGE_TYPE_NAME,
  type LiveStage,
} from '../../src/model/stage.ts';

const NUM_RUNS = 300;
const repository = 'octo/stages';

/** Stage variable values are letters, digits and `-._~:/?#&=,` (the Stage schema). */
const variableValue = fc.constantFrom('a', 'blue', 'v1', 'yes', 'null', '0.5', 'a:b#c');
const variables = fc.dictionary(fc.constantFrom('alias', 'color', 'mode', 'x_1'), variableValue, {
  maxKeys: 3,
});

/**
 * One route setting; an HTTP API refuses execution-log members (docs/evidence/apigatewayv2-stage.md
 * item 9), so only a WebSocket API's settings carry them. Values hit the filled-in defaults often.
 */
const routeSetting = (protocol: ProtocolType) =>
  fc.record(
    {
      DetailedMetricsEnabled: fc.boolean(),
      ThrottlingBurstLimit: fc.constantFrom(0, 100, 5000),
      ThrottlingRateLimit: fc.constantFrom(0, 50.5, 10000),
      ...(protocol === 'WEBSOCKET'
        ? {
            DataTraceEnabled: fc.boolean(),
            LoggingLevel: fc.constantFrom('OFF', 'ERROR', 'INFO'),
          }
        : {}),
    },
    { requiredKeys: [] },
  );

const routeKeys: Readonly<Record<ProtocolType, readonly string[]>> = {
  HTTP: ['$default', 'GET /pets', 'ANY /{proxy+}', 'POST /pets/{id}'],
  WEBSOCKET: ['$connect', '$disconnect', '$default', 'sendmessage'],
};

const tags = fc.dictionary(
  fc.constantFrom(
    'team',
    'Env',
    MANAGED_BY_TAG_KEY,
    APPLIED_COMMIT_TAG_KEY,
    'aws:cloudformation:stack-name',
  ),
  fc.constantFrom('', 'a', repository, 'other/repo', 'yes'),
  { maxKeys: 4 },
);

/** What was last written to one stage of an API of `protocol`, by any tool. */
const stored = (protocol: ProtocolType) =>
  fc
    .record(
      {
        AutoDeploy: fc.boolean(),
        DeploymentId: fc.constantFrom('e60xod', 'yy83cc'),
        Description: fc.constantFrom('', 'Production', 'yes', '# not a comment'),
        ClientCertificateId: fc.constantFrom('cert01'),
        AccessLogSettings: fc.record(
          {
            DestinationArn: fc.constant('arn:aws:logs:us-east-1:123456789012:log-group:g'),
            Format: fc.constantFrom('$context.requestId', '{"id":"$context.requestId"}'),
          },
          { requiredKeys: [] },
        ),
        DefaultRouteSettings: routeSetting(protocol),
        RouteSettings: fc.dictionary(
          fc.constantFrom(...routeKeys[protocol]),
          routeSetting(protocol),
          {
            maxKeys: 3,
          },
        ),
        StageVariables: variables,
        Tags: tags,
      },
      { requiredKeys: [] },
    )
    // Auto-deploy always points the stage at a deployment it minted (item 4).
    .map((stage) =>
      stage.AutoDeploy === true && stage.DeploymentId === undefined
        ? { ...stage, DeploymentId: 'mint01' }
        : stage,
    );

/** One API's stages, with distinct stage names (some of which collide as logical names). */
const liveStages = fc
  .tuple(
    fc.constantFrom<ProtocolType>('HTTP', 'WEBSOCKET'),
    fc.constantFrom('z1mf4h761f', 'jt9zvy5llc'),
    fc.uniqueArray(fc.constantFrom('$default', 'prod', 'dev', 'dev-1', 'dev_1', '2024', 'Prod'), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .chain(([protocol, apiId, names]) =>
    fc.tuple(...names.map(() => stored(protocol))).map((stages): LiveStage[] =>
      stages.map((properties, index) => {
        const StageName = names[index] as string;
        return {
          type: V2_STAGE_TYPE_NAME,
          identifier: `${apiId}|${StageName}`,
          properties: v2StageReadModel({ ...properties, ApiId: apiId, StageName }, protocol),
        };
      }),
    ),
  );

test('an imported V2 file loads cleanly and plans no change but the ownership tag', () => {
  fc.assert(
    fc.property(liveStages, (live) => {
      const apiId = String(live[0]?.properties.ApiId);
      const stageNames = live.map((stage) => String(stage.properties.StageName));
      const imported = importStages({
        type: V2_STAGE_TYPE_NAME,
        live,
        apiId,
        stageNames,
        repository,
      });
      assert.deepEqual(imported.missing, []);
      assert.equal(imported.imported.length, live.length);
      assert.match(imported.text, /^defaults:\n {2}type: AWS::ApiGatewayV2::Stage$/m);
      const body = imported.text.replace(/^#.*\n/gm, '');
      assert.doesNotMatch(body, /stage-sync:|aws:cloudformation/, imported.text);

      const loaded = assertPlansOnlyAdoption(imported.text, live, repository);
      assert.ok(loaded.every((stage) => stage.type === V2_STAGE_TYPE_NAME));
    }),
    { numRuns: NUM_RUNS },
  );
});
