/**
 * HTTP and WebSocket API stages (`AWS::ApiGatewayV2::Stage`) through the bundle, the way a runner
 * runs it: examples/http-api-stages.yml against APIs created through Cloud Control (the HTTP API
 * by quick create, so its auto-deploy `$default` stage exists, as CDK's `HttpApi` makes it).
 * Creates go through Cloud Control; the update of the auto-deploy stage goes through API Gateway
 * V2's UpdateStage, because Cloud Control cannot make it (docs/evidence/apigatewayv2-stage.md
 * item 5), and Cloud Control is never asked to. Then: no perpetual diff, a new auto-deployed
 * DeploymentId is no change, an update and a removal of route settings, and a prune.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { provisionV2Api } from '../../demo/provision.ts';
import type { CallRecord } from '../../emulator/server.ts';
import { APPLIED_COMMIT_TAG_KEY, MANAGED_BY_TAG_KEY } from '../../src/model/stage.ts';
import {
  REPOSITORY,
  describeRun,
  startApplyWorld,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';

const V2 = 'AWS::ApiGatewayV2::Stage';
const EXAMPLE = readFileSync(
  new URL('../../examples/http-api-stages.yml', import.meta.url),
  'utf8',
);

/** The `GET /pets` route settings of the HTTP stage in the example, as written there. */
const ROUTE_SETTINGS_OF_THE_HTTP_STAGE = [
  '    RouteSettings:',
  '      GET /pets:',
  '        ThrottlingBurstLimit: 20',
  '        ThrottlingRateLimit: 10',
  '',
].join('\n');

let world: ApplyWorld;
let defaultStage: string;
let socketStage: string;
let httpApi: string;

const v2Model = (identifier: string) => world.emulator.getReadModel(V2, identifier);
const updatesOf = (calls: readonly CallRecord[], identifier: string) =>
  calls.filter((call) => call.operation === 'UpdateResource' && call.identifier === identifier);
const apiGatewayCalls = (calls: readonly CallRecord[]) =>
  calls.filter((call) => call.operation.startsWith('apigatewayv2:') && call.outcome === 'ok');

before(async () => {
  world = await startApplyWorld({});
  httpApi = await provisionV2Api(world.port, 'pets-http', 'HTTP', 'https://pets.example.com');
  const socketApi = await provisionV2Api(world.port, 'chat-socket', 'WEBSOCKET');
  defaultStage = `${httpApi}|$default`;
  socketStage = `${socketApi}|prod`;
  world.removeSpec('alchemy-stages.yml');
  world.writeSpec(EXAMPLE, 'http-api-stages.yml');
  world.emulator.clearCalls();
});
after(() => world.close());

test('the first apply creates the WebSocket stage and updates the auto-deploy stage through API Gateway V2', async () => {
  const run = await world.apply({ sha: 'a'.repeat(40) });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.creates, '1');
  assert.equal(run.outputs.updates, '1');
  const { calls } = world.emulator;
  assert.deepEqual(updatesOf(calls, defaultStage), [], 'Cloud Control is never asked');
  assert.ok(
    apiGatewayCalls(calls).some(
      (call) => call.operation === 'apigatewayv2:UpdateStage' && call.identifier === defaultStage,
    ),
    'UpdateStage made the change',
  );
  assert.ok(
    calls.some(
      (call) =>
        call.operation === 'CreateResource' && call.typeName === V2 && call.outcome === 'ok',
    ),
  );
  const live = v2Model(defaultStage);
  assert.deepEqual(live?.DefaultRouteSettings, {
    DetailedMetricsEnabled: false,
    ThrottlingBurstLimit: 100,
    ThrottlingRateLimit: 50,
  });
  assert.deepEqual(live?.RouteSettings, {
    'GET /pets': {
      DetailedMetricsEnabled: false,
      ThrottlingBurstLimit: 20,
      ThrottlingRateLimit: 10,
    },
  });
  assert.deepEqual(live?.Tags, {
    team: 'pets',
    [MANAGED_BY_TAG_KEY]: REPOSITORY,
    [APPLIED_COMMIT_TAG_KEY]: 'a'.repeat(40),
  });
  const socket = v2Model(socketStage);
  assert.deepEqual(socket?.RouteSettings && Object.keys(socket.RouteSettings as object).sort(), [
    '$connect',
    'sendmessage',
  ]);
  assert.equal((socket?.Tags as Record<string, unknown>)[MANAGED_BY_TAG_KEY], REPOSITORY);
  assert.match(
    run.stdout,
    /updated through API Gateway: Cloud Control cannot update auto-deploy stages/,
  );
  assert.match(run.stdout, /\(AWS::ApiGatewayV2::Stage, api pets-http\)/);
});

test('applying again, and after the API changed under auto-deploy, writes nothing', async () => {
  world.emulator.clearCalls();
  const again = await world.apply({ sha: 'a'.repeat(40) });
  assert.equal(again.exitCode, 0, describeRun(again));
  assert.equal(again.outputs['has-changes'], 'false', describeRun(again));
  const before = v2Model(defaultStage)?.DeploymentId;
  world.emulator.apiGatewayV2.changeApi(httpApi);
  assert.notEqual(v2Model(defaultStage)?.DeploymentId, before, 'auto-deploy minted a deployment');
  world.emulator.clearCalls();
  const afterChange = await world.apply({ sha: 'a'.repeat(40) });
  assert.equal(afterChange.exitCode, 0, describeRun(afterChange));
  assert.equal(afterChange.outputs['has-changes'], 'false', describeRun(afterChange));
  assert.deepEqual(writeCalls(world.emulator.calls), []);
  assert.deepEqual(apiGatewayCalls(world.emulator.calls), []);
});

test('a changed throttle and a dropped route are written through UpdateStage and DeleteRouteSettings', async () => {
  world.writeSpec(
    EXAMPLE.replace('ThrottlingBurstLimit: 100', 'ThrottlingBurstLimit: 150').replace(
      ROUTE_SETTINGS_OF_THE_HTTP_STAGE,
      '',
    ),
    'http-api-stages.yml',
  );
  world.emulator.clearCalls();
  const run = await world.apply({ sha: 'b'.repeat(40) });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.updates, '1');
  const operations = apiGatewayCalls(world.emulator.calls).map((call) => call.operation);
  assert.ok(operations.includes('apigatewayv2:UpdateStage'), operations.join(', '));
  assert.ok(operations.includes('apigatewayv2:DeleteRouteSettings'), operations.join(', '));
  assert.deepEqual(updatesOf(world.emulator.calls, defaultStage), []);
  const live = v2Model(defaultStage);
  assert.equal((live?.DefaultRouteSettings as Record<string, unknown>).ThrottlingBurstLimit, 150);
  assert.deepEqual(live?.RouteSettings, {});
  assert.equal((live?.Tags as Record<string, unknown>)[APPLIED_COMMIT_TAG_KEY], 'b'.repeat(40));
  const next = await world.apply({ sha: 'b'.repeat(40) });
  assert.equal(next.outputs['has-changes'], 'false', describeRun(next));
});

test('with prune, the WebSocket stage no spec declares any more is deleted; the other stays', async () => {
  world.writeSpec(
    EXAMPLE.slice(0, EXAMPLE.indexOf('  # A WebSocket API'))
      .replace('ThrottlingBurstLimit: 100', 'ThrottlingBurstLimit: 150')
      .replace(ROUTE_SETTINGS_OF_THE_HTTP_STAGE, ''),
    'http-api-stages.yml',
  );
  world.emulator.clearCalls();
  const run = await world.apply({ sha: 'c'.repeat(40), inputs: { prune: 'true' } });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.deletes, '1', describeRun(run));
  assert.equal(v2Model(socketStage), undefined);
  assert.ok(v2Model(defaultStage));
  assert.ok(
    world.emulator.calls.some(
      (call) =>
        call.operation === 'ListResources' &&
        call.typeName === 'AWS::ApiGatewayV2::Api' &&
        call.outcome === 'ok',
    ),
    'the HTTP and WebSocket APIs were listed to find undeclared stages',
  );
});
