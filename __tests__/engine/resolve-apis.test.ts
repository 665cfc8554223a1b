import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import type { SpecStage } from '../../src/desired/spec-stage.ts';
import {
  apiListing,
  nameProblem,
  resolveApis,
  type ApiSummary,
} from '../../src/engine/resolve-apis.ts';
import { STAGE_TYPE_NAME, V2_STAGE_TYPE_NAME, type StageTypeName } from '../../src/model/stage.ts';
import { REST_STAGE, V2_STAGE } from '../../src/stage-types/index.ts';
import { memoryPort } from '../support/memory-port.ts';

const REST_APIS: ApiSummary[] = [
  { id: 'a1', name: 'payments-api' },
  { id: 'b2', name: 'orders-api' },
  { id: 'c3', name: 'orders-api' },
];
const V2_APIS: ApiSummary[] = [
  { id: 'h1', name: 'chat-api' },
  { id: 'h2', name: 'payments-api' },
];
const listings = async (type: { apiTypeName: string }) =>
  type.apiTypeName === REST_STAGE.apiTypeName ? REST_APIS : V2_APIS;

const byName = (
  name: string,
  stageName = 'prod',
  logical = 'Prod',
  type: StageTypeName = STAGE_TYPE_NAME,
): SpecStage => ({
  name: logical,
  type,
  api: { by: 'name', name, at: { file: 'stages/a.yml', line: 4, column: 15 } },
  properties: { StageName: stageName, DeploymentId: 'd1' },
  ignoreChanges: [],
  source: { file: 'stages/a.yml', line: 3, column: 3 },
});

test('a name that one REST API has resolves to its id, and the stage keeps the name', async () => {
  const { stages, problems } = await resolveApis([byName('payments-api')], listings);
  assert.deepEqual(problems, []);
  assert.equal(stages[0]?.identifier, 'a1|prod');
  assert.equal(stages[0]?.type, STAGE_TYPE_NAME);
  assert.equal(stages[0]?.properties.RestApiId, 'a1');
  assert.equal(stages[0]?.apiName, 'payments-api');
});

test("an HTTP stage's api: name resolves among HTTP and WebSocket APIs, into ApiId", async () => {
  const http = byName('payments-api', '$default', 'Http', V2_STAGE_TYPE_NAME);
  const { stages, problems } = await resolveApis([http, byName('payments-api')], listings);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    stages.map((stage) => [stage.name, stage.type, stage.identifier, stage.apiName]),
    [
      ['Http', V2_STAGE_TYPE_NAME, 'h2|$default', 'payments-api'],
      ['Prod', STAGE_TYPE_NAME, 'a1|prod', 'payments-api'],
    ],
  );
  assert.equal(stages[0]?.properties.ApiId, 'h2');
  assert.equal('RestApiId' in (stages[0]?.properties ?? {}), false);
});

test('no match and several matches are problems at the name, naming the candidate ids', async () => {
  const { stages, problems } = await resolveApis(
    [byName('payment-api'), byName('orders-api', 'prod', 'Orders')],
    listings,
  );
  assert.deepEqual(stages, []);
  assert.equal(problems.length, 2);
  for (const problem of problems) {
    assert.deepEqual([problem.line, problem.column], [4, 15]);
    assert.equal(problem.property, 'rest-api');
  }
  assert.match(
    problems[0]?.message ?? '',
    /^stage Prod: no REST API is named "payment-api" .*there are a1 \("payments-api"\), b2 \("orders-api"\), c3 \("orders-api"\)/,
  );
  assert.match(problems[1]?.message ?? '', /ambiguous: 2 REST APIs have that name \(b2, c3\)/);
});

test('an api: name no HTTP or WebSocket API has says so with the V2 key and id property', async () => {
  const { problems } = await resolveApis(
    [byName('orders-api', 'prod', 'Ws', V2_STAGE_TYPE_NAME)],
    listings,
  );
  assert.deepEqual(problems, [
    {
      file: 'stages/a.yml',
      line: 4,
      column: 15,
      property: 'api',
      message:
        'stage Ws: no HTTP or WebSocket API is named "orders-api" in this account and region (there are h1 ("chat-api"), h2 ("payments-api")); check the name, or give ApiId',
    },
  ]);
  assert.match(
    nameProblem(
      'x',
      [V2_APIS[0] as ApiSummary, { id: 'h9', name: 'x' }, { id: 'h8', name: 'x' }],
      'Ws',
      V2_STAGE,
    ) ?? '',
    /^stage Ws: api "x" is ambiguous: 2 HTTP or WebSocket APIs have that name \(h9, h8\); give ApiId instead/,
  );
});

test('a name and an id that turn out to be the same stage are one spec too many', async () => {
  const byId: SpecStage = { ...byName('x'), name: 'Other', api: { by: 'id', id: 'a1' } };
  const { problems } = await resolveApis([byName('payments-api'), byId], listings);
  assert.match(
    problems[0]?.message ?? '',
    /stage Other declares a1\|prod \(RestApiId\|StageName\), already declared as Prod/,
  );
});

test('REST and HTTP stages share one identifier namespace: one API id space', async () => {
  const http: SpecStage = {
    ...byName('chat-api', 'prod', 'Http', V2_STAGE_TYPE_NAME),
    api: { by: 'id', id: 'a1' },
  };
  const { problems } = await resolveApis([byName('payments-api'), http], listings);
  assert.match(
    problems[0]?.message ?? '',
    /^stage Http declares a1\|prod \(ApiId\|StageName\), already declared as Prod at stages\/a\.yml:3/,
  );
});

test('each API type is listed once per run, and only when a stage of that type names its API', async () => {
  const calls: string[] = [];
  const rest = memoryPort({ stages: {}, restApis: ['a1'], restApiNames: { a1: 'pay' } }, calls);
  // The V2 Api read model: its identifier is the ApiId, and it carries Name.
  const port: CloudControlPort = {
    ...rest,
    async listResources(typeName, model) {
      if (typeName !== V2_STAGE.apiTypeName) return rest.listResources(typeName, model);
      calls.push(`ListResources ${typeName}`);
      return [{ identifier: 'h1', properties: { ApiId: 'h1', Name: 'chat' } }];
    },
  };
  const list = apiListing(port);
  await resolveApis([byName('pay')], list);
  await resolveApis([byName('pay', 'dev')], list);
  assert.deepEqual(calls, ['ListResources AWS::ApiGateway::RestApi']);
  const http = byName('chat', '$default', 'Http', V2_STAGE_TYPE_NAME);
  const { stages } = await resolveApis(
    [http, { ...http, name: 'Ws', properties: { StageName: 'ws' } }],
    list,
  );
  assert.deepEqual(
    stages.map((stage) => stage.identifier),
    ['h1|$default', 'h1|ws'],
  );
  assert.deepEqual(calls, [
    'ListResources AWS::ApiGateway::RestApi',
    'ListResources AWS::ApiGatewayV2::Api',
  ]);
  const byId: SpecStage = { ...byName('x'), api: { by: 'id', id: 'a1' } };
  let listed = 0;
  await resolveApis([byId, { ...http, api: { by: 'id', id: 'h1' } }], async () => {
    listed += 1;
    return [];
  });
  assert.equal(listed, 0);
});

test('an account without APIs of the kind says so', () => {
  assert.match(
    nameProblem('pay', [], 'Prod', REST_STAGE) ?? '',
    /no REST API is named "pay" .*\(there are none\)/,
  );
  assert.match(
    nameProblem('pay', [], 'Http', V2_STAGE) ?? '',
    /no HTTP or WebSocket API is named "pay" .*\(there are none\)/,
  );
});
