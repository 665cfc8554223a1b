import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SpecStage } from '../../src/desired/spec-stage.ts';
import {
  nameProblem,
  resolveRestApis,
  restApiListing,
  type RestApiSummary,
} from '../../src/engine/resolve-rest-apis.ts';
import { memoryPort } from '../support/memory-port.ts';

const APIS: RestApiSummary[] = [
  { id: 'a1', name: 'payments-api' },
  { id: 'b2', name: 'orders-api' },
  { id: 'c3', name: 'orders-api' },
];

const byName = (name: string, stageName = 'prod', logical = 'Prod'): SpecStage => ({
  name: logical,
  restApi: { by: 'name', name, at: { file: 'stages/a.yml', line: 4, column: 15 } },
  properties: { StageName: stageName, DeploymentId: 'd1' },
  ignoreChanges: [],
  source: { file: 'stages/a.yml', line: 3, column: 3 },
});

test('a name that one REST API has resolves to its id, and the stage keeps the name', async () => {
  const { stages, problems } = await resolveRestApis([byName('payments-api')], async () => APIS);
  assert.deepEqual(problems, []);
  assert.equal(stages[0]?.identifier, 'a1|prod');
  assert.equal(stages[0]?.properties.RestApiId, 'a1');
  assert.equal(stages[0]?.apiName, 'payments-api');
});

test('no match and several matches are problems at the name, naming the candidate ids', async () => {
  const { stages, problems } = await resolveRestApis(
    [byName('payment-api'), byName('orders-api', 'prod', 'Orders')],
    async () => APIS,
  );
  assert.deepEqual(stages, []);
  assert.equal(problems.length, 2);
  for (const problem of problems) assert.deepEqual([problem.line, problem.column], [4, 15]);
  assert.match(
    problems[0]?.message ?? '',
    /^stage Prod: no REST API is named "payment-api" .*there are a1 \("payments-api"\), b2 \("orders-api"\), c3 \("orders-api"\)/,
  );
  assert.match(problems[1]?.message ?? '', /ambiguous: 2 REST APIs have that name \(b2, c3\)/);
});

test('a name and an id that turn out to be the same stage are one spec too many', async () => {
  const byId: SpecStage = { ...byName('x'), name: 'Other', restApi: { by: 'id', id: 'a1' } };
  const { problems } = await resolveRestApis([byName('payments-api'), byId], async () => APIS);
  assert.match(
    problems[0]?.message ?? '',
    /stage Other declares a1\|prod .* already declared as Prod/,
  );
});

test('the listing is made once per run, and not at all when every spec gives RestApiId', async () => {
  const calls: string[] = [];
  const port = memoryPort({ stages: {}, restApis: ['a1'], restApiNames: { a1: 'pay' } }, calls);
  const list = restApiListing(port);
  await resolveRestApis([byName('pay')], list);
  await resolveRestApis([byName('pay', 'dev')], list);
  assert.deepEqual(calls, ['ListResources AWS::ApiGateway::RestApi']);
  const byId: SpecStage = { ...byName('x'), restApi: { by: 'id', id: 'a1' } };
  let listed = 0;
  await resolveRestApis([byId], async () => {
    listed += 1;
    return [];
  });
  assert.equal(listed, 0);
});

test('an account without REST APIs says so', () => {
  assert.match(nameProblem('pay', [], 'Prod') ?? '', /\(there are none\)/);
});
