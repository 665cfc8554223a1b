import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { CliUsageError } from '../../emulator/cli-args.ts';
import {
  idForName,
  protocolForRouteKeys,
  seedsFromSpecs,
  seedsFromSpecTexts,
} from '../../emulator/seed-from-specs.ts';

const byId = <T extends { apiId: string }>(apis: T[]): T[] =>
  [...apis].sort((a, b) => (a.apiId < b.apiId ? -1 : 1));

test('every REST API and deployment the specs name, from stages and defaults, canaries included', () => {
  const seeds = seedsFromSpecTexts([
    {
      path: 'a.yml',
      text: 'defaults:\n  RestApiId: abc1234\n  DeploymentId: dep0001\nstages:\n  Prod:\n    StageName: prod\n  Staging:\n    StageName: staging\n    CanarySetting: { DeploymentId: xyz5678 }\n',
    },
    {
      path: 'b.yml',
      text: 'stages:\n  Other:\n    RestApiId: def5678\n    StageName: p\n    DeploymentId: dep9\n',
    },
    { path: 'broken.yml', text: 'stages: [\n' },
    { path: 'empty.yml', text: '' },
  ]);
  assert.deepEqual(seeds.restApis, [
    { restApiId: 'abc1234', deploymentIds: ['dep0001', 'xyz5678'] },
    { restApiId: 'def5678', deploymentIds: ['dep9'] },
  ]);
  assert.deepEqual(
    seeds.skipped.map((line) => line.split(':')[0]),
    ['broken.yml', 'empty.yml'],
  );
  assert.deepEqual(seeds.v2Apis, []);
});

test('a REST API a spec names (`rest-api:`) is seeded with that Name and an id stable per name', () => {
  const seeds = seedsFromSpecTexts([
    {
      path: 'a.yml',
      text: 'defaults:\n  rest-api: payments-api\n  DeploymentId: dep1\nstages:\n  Prod: { StageName: prod }\n  Own: { RestApiId: abc1234, StageName: own }\n',
    },
  ]);
  assert.deepEqual(
    seeds.restApis,
    [
      { restApiId: 'abc1234', deploymentIds: ['dep1'] },
      { restApiId: idForName('payments-api'), name: 'payments-api', deploymentIds: ['dep1'] },
    ].sort((a, b) => a.restApiId.localeCompare(b.restApiId)),
  );
  assert.match(idForName('payments-api'), /^[0-9a-f]{10}$/);
});

test('reads .yml and .yaml files under a folder, or one file, and refuses a missing path', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-from-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'team'));
  writeFileSync(
    join(dir, 'team', 'a.yaml'),
    'stages:\n  A:\n    RestApiId: aaa\n    StageName: a\n    DeploymentId: d1\n',
  );
  writeFileSync(
    join(dir, 'b.yml'),
    'stages:\n  B:\n    RestApiId: bbb\n    StageName: b\n    DeploymentId: d2\n',
  );
  writeFileSync(join(dir, 'notes.txt'), 'stages: nope');
  assert.deepEqual(
    (await seedsFromSpecs([dir])).restApis.map((api) => api.restApiId),
    ['aaa', 'bbb'],
  );
  assert.deepEqual(
    (await seedsFromSpecs([join(dir, 'b.yml')])).restApis.map((api) => api.restApiId),
    ['bbb'],
  );
  await assert.rejects(seedsFromSpecs([join(dir, 'missing')]), CliUsageError);
});

test("V2 stages (`type:` in defaults) name their APIs by ApiId or `api:`; a stage's own choice replaces the default's", () => {
  const seeds = seedsFromSpecTexts([
    {
      path: 'v2.yml',
      text: [
        'defaults:',
        '  type: AWS::ApiGatewayV2::Stage',
        '  api: orders-http',
        'stages:',
        '  Default: { StageName: $default, AutoDeploy: true }',
        '  Beta: { StageName: beta, DeploymentId: abc123 }',
        '  ById: { ApiId: z1mf4h761f, StageName: prod, DeploymentId: yy83cc }',
        '  OtherName: { api: billing-http, StageName: prod }',
        '',
      ].join('\n'),
    },
  ]);
  assert.deepEqual(seeds.restApis, []);
  assert.deepEqual(
    seeds.v2Apis,
    byId([
      {
        apiId: idForName('orders-http'),
        name: 'orders-http',
        protocolType: 'HTTP',
        deploymentIds: ['abc123'],
      },
      { apiId: 'z1mf4h761f', protocolType: 'HTTP', deploymentIds: ['yy83cc'] },
      {
        apiId: idForName('billing-http'),
        name: 'billing-http',
        protocolType: 'HTTP',
        deploymentIds: [],
      },
    ]),
  );
});

test("a stage's own `type:` wins over the defaults', and each type reads only its own API keys", () => {
  const seeds = seedsFromSpecTexts([
    {
      path: 'mixed.yml',
      text: [
        'defaults:',
        '  type: AWS::ApiGatewayV2::Stage',
        '  ApiId: jt9zvy5llc',
        '  RestApiId: abc1234',
        '  DeploymentId: dep0001',
        'stages:',
        '  Http: { StageName: http }',
        '  Rest: { type: AWS::ApiGateway::Stage, StageName: rest }',
        '  Canary:',
        '    type: AWS::ApiGateway::Stage',
        '    StageName: canary',
        '    CanarySetting: { DeploymentId: xyz5678 }',
        '',
      ].join('\n'),
    },
    {
      // No `type:` anywhere: a REST stage, even beside V2 files.
      path: 'rest.yml',
      text: 'stages:\n  P: { RestApiId: def5678, StageName: p, DeploymentId: dep9 }\n',
    },
  ]);
  assert.deepEqual(seeds.restApis, [
    { restApiId: 'abc1234', deploymentIds: ['dep0001', 'xyz5678'] },
    { restApiId: 'def5678', deploymentIds: ['dep9'] },
  ]);
  assert.deepEqual(seeds.v2Apis, [
    { apiId: 'jt9zvy5llc', protocolType: 'HTTP', deploymentIds: ['dep0001'] },
  ]);
});

test('a V2 API is WEBSOCKET when any of its stages, in any file, has a route key only WebSocket APIs have', () => {
  const stage = (name: string, routeKeys: string[]) =>
    `  ${name}:\n    StageName: ${name.toLowerCase()}\n    RouteSettings:\n${routeKeys
      .map((key) => `      '${key}': { DetailedMetricsEnabled: true }\n`)
      .join('')}`;
  const file = (path: string, api: string, name: string, routeKeys: string[]) => ({
    path,
    text: `defaults:\n  type: AWS::ApiGatewayV2::Stage\n  api: ${api}\nstages:\n${stage(name, routeKeys)}`,
  });
  const chatBeta = file('a.yml', 'chat', 'Beta', ['$default']);
  const chatProd = file('b.yml', 'chat', 'Prod', ['sendmessage']);
  const pets = file('c.yml', 'pets', 'Prod', ['GET /pets/{petId}', 'ANY /{proxy+}', '$default']);
  const protocols = (files: { path: string; text: string }[]) =>
    Object.fromEntries(
      seedsFromSpecTexts(files).v2Apis.map(({ name, protocolType }) => [name, protocolType]),
    );
  // `$default` alone fits either protocol: HTTP, until another stage of the API says otherwise.
  assert.deepEqual(protocols([chatBeta, pets]), { chat: 'HTTP', pets: 'HTTP' });
  assert.deepEqual(protocols([chatBeta, chatProd, pets]), { chat: 'WEBSOCKET', pets: 'HTTP' });
  // Route settings in `defaults:` count for the stages that do not replace them.
  const fromDefaults = {
    path: 'd.yml',
    text: "defaults:\n  type: AWS::ApiGatewayV2::Stage\n  RouteSettings: { '$connect': {} }\nstages:\n  Ws: { api: ws, StageName: prod }\n  Http: { api: web, StageName: prod, RouteSettings: { 'GET /': {} } }\n",
  };
  assert.deepEqual(protocols([fromDefaults]), { web: 'HTTP', ws: 'WEBSOCKET' });
});

test('route keys: HTTP ones are `METHOD /path` or `$default`; `$connect`, `$disconnect` and action names are WebSocket only', () => {
  for (const keys of [[], ['$default'], ['GET /pets'], ['ANY /{proxy+}', 'POST /orders/{id}']])
    assert.equal(protocolForRouteKeys(keys), 'HTTP', keys.join(', '));
  for (const keys of [['$connect'], ['$disconnect'], ['sendmessage'], ['$default', 'GET pets']])
    assert.equal(protocolForRouteKeys(keys), 'WEBSOCKET', keys.join(', '));
});

test('a stage of a type the emulator does not seed is skipped with why; the others still seed', () => {
  const seeds = seedsFromSpecTexts([
    {
      path: 'odd.yml',
      text: 'stages:\n  Odd: { type: AWS::Lambda::Alias, ApiId: x }\n  Ok: { RestApiId: abc, StageName: ok }\n',
    },
  ]);
  assert.deepEqual(seeds.restApis, [{ restApiId: 'abc', deploymentIds: [] }]);
  assert.deepEqual(seeds.skipped, [
    'odd.yml: stage Odd has a type the emulator does not seed, AWS::Lambda::Alias',
  ]);
});

test('examples/ seeds the HTTP API and the WebSocket API its V2 example names', async () => {
  const seeds = await seedsFromSpecs([fileURLToPath(new URL('../../examples/', import.meta.url))]);
  assert.deepEqual(seeds.skipped, []);
  assert.deepEqual(
    seeds.v2Apis,
    byId([
      { apiId: idForName('pets-http'), name: 'pets-http', protocolType: 'HTTP', deploymentIds: [] },
      {
        apiId: idForName('chat-socket'),
        name: 'chat-socket',
        protocolType: 'WEBSOCKET',
        deploymentIds: [],
      },
    ]),
  );
});
