import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readStage, readStages, readUndeclaredStages } from '../../src/aws/read-stages.ts';
import { memoryPort } from '../support/memory-port.ts';

const WORLD = {
  stages: {
    'api1|prod': { RestApiId: 'api1', StageName: 'prod', DeploymentId: 'd1' },
    'api1|old': { RestApiId: 'api1', StageName: 'old', DeploymentId: 'd1' },
    'api2|dev': { RestApiId: 'api2', StageName: 'dev', DeploymentId: 'd2' },
  },
};

test('reads one GetResource per declared stage; missing stages are absent', async () => {
  const calls: string[] = [];
  const live = await readStages(
    memoryPort(WORLD, calls),
    [{ identifier: 'api1|prod' }, { identifier: 'api9|gone' }],
    4,
  );
  assert.deepEqual([...live.keys()], ['api1|prod']);
  assert.deepEqual(calls.sort(), ['GetResource api1|prod', 'GetResource api9|gone']);
});

test('finds undeclared stages by listing REST APIs, then each API, then reading the rest', async () => {
  const calls: string[] = [];
  const undeclared = await readUndeclaredStages(
    memoryPort(WORLD, calls),
    new Set(['api1|prod']),
    4,
  );
  assert.deepEqual(
    undeclared.map((stage) => stage.identifier),
    ['api1|old', 'api2|dev'],
  );
  assert.ok(calls.includes('ListResources AWS::ApiGateway::RestApi'));
  assert.ok(calls.includes('ListResources AWS::ApiGateway::Stage {"RestApiId":"api1"}'));
  assert.ok(calls.includes('ListResources AWS::ApiGateway::Stage {"RestApiId":"api2"}'));
  assert.ok(!calls.includes('GetResource api1|prod'), 'declared stages are not read again');
});

test('readStage: one GetResource, the live stage or undefined; readStages reads through it', async () => {
  const calls: string[] = [];
  const port = memoryPort(WORLD, calls);
  assert.deepEqual(await readStage(port, 'api2|dev'), {
    identifier: 'api2|dev',
    properties: WORLD.stages['api2|dev'],
  });
  assert.equal(await readStage(port, 'api9|gone'), undefined);
  assert.deepEqual(calls, ['GetResource api2|dev', 'GetResource api9|gone']);
});
