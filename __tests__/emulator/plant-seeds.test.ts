/**
 * The seeds `--rest-api` and `--seed-from` name, put into a running emulator: what it says it
 * seeded, and that Cloud Control then accepts the stages that name those APIs and deployments.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateResourceCommand, GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { plantSeeds } from '../../emulator/plant-seeds.ts';
import { startTestBed, waitForTerminal, type TestBed } from './harness.ts';

const V2_API = 'AWS::ApiGatewayV2::Api';
const V2_STAGE = 'AWS::ApiGatewayV2::Stage';

let bed: TestBed;
before(async () => {
  bed = await startTestBed();
});
after(async () => {
  await bed.close();
});

async function createStage(typeName: string, desired: Record<string, unknown>) {
  const { ProgressEvent: started } = await bed.client.send(
    new CreateResourceCommand({ TypeName: typeName, DesiredState: JSON.stringify(desired) }),
  );
  return waitForTerminal(bed.client, started?.RequestToken as string);
}

async function read(typeName: string, identifier: string): Promise<Record<string, unknown>> {
  const { ResourceDescription } = await bed.client.send(
    new GetResourceCommand({ TypeName: typeName, Identifier: identifier }),
  );
  return JSON.parse(ResourceDescription?.Properties ?? '{}') as Record<string, unknown>;
}

describe('plantSeeds', () => {
  it('says what it seeded, a line per API, REST APIs first', () => {
    const lines = plantSeeds(bed.emulator, {
      restApis: [
        { restApiId: 'abc1234', deploymentIds: ['dep0001', 'xyz5678'] },
        { restApiId: '682a1c47a1', name: 'payments-api', deploymentIds: [] },
      ],
      v2Apis: [
        { apiId: 'aaaa000001', name: 'pets-http', protocolType: 'HTTP', deploymentIds: [] },
        { apiId: 'bbbb000002', protocolType: 'WEBSOCKET', deploymentIds: ['e60xod', 'yy83cc'] },
      ],
    });
    assert.deepEqual(lines, [
      'Seeded REST API abc1234 with deployments dep0001, xyz5678',
      'Seeded REST API 682a1c47a1 (payments-api)',
      'Seeded HTTP API aaaa000001 (pets-http)',
      'Seeded WebSocket API bbbb000002 with deployments e60xod, yy83cc',
    ]);
  });

  it('seeds V2 APIs with their Name and guessed protocol, which the read model follows', async () => {
    plantSeeds(bed.emulator, {
      restApis: [],
      v2Apis: [
        { apiId: 'cccc000003', name: 'orders-http', protocolType: 'HTTP', deploymentIds: [] },
        { apiId: 'dddd000004', name: 'chat-socket', protocolType: 'WEBSOCKET', deploymentIds: [] },
      ],
    });
    const http = await read(V2_API, 'cccc000003');
    assert.equal(http.Name, 'orders-http');
    assert.equal(http.ProtocolType, 'HTTP');
    const socket = await read(V2_API, 'dddd000004');
    assert.equal(socket.Name, 'chat-socket');
    assert.equal(socket.ProtocolType, 'WEBSOCKET');
    // A WebSocket API needs a route selection expression (evidence item 24): the seed has one.
    assert.equal(typeof socket.RouteSelectionExpression, 'string');
    // The protocol decides how route settings read back (evidence item 7).
    const created = await createStage(V2_STAGE, {
      ApiId: 'dddd000004',
      StageName: 'prod',
      RouteSettings: { $connect: { ThrottlingBurstLimit: 50 } },
    });
    assert.equal(created.OperationStatus, 'SUCCESS', created.StatusMessage);
    const stage = await read(V2_STAGE, 'dddd000004|prod');
    assert.deepEqual((stage.RouteSettings as Record<string, unknown>).$connect, {
      ThrottlingBurstLimit: 50,
      DetailedMetricsEnabled: false,
      LoggingLevel: 'OFF',
      DataTraceEnabled: false,
    });
  });

  it('seeds the deployments V2 specs give as existing, so stages naming them are created', async () => {
    plantSeeds(bed.emulator, {
      restApis: [],
      v2Apis: [{ apiId: 'eeee000005', protocolType: 'HTTP', deploymentIds: ['abc123'] }],
    });
    const created = await createStage(V2_STAGE, {
      ApiId: 'eeee000005',
      StageName: 'beta',
      DeploymentId: 'abc123',
    });
    assert.equal(created.OperationStatus, 'SUCCESS', created.StatusMessage);
    const unknown = await createStage(V2_STAGE, {
      ApiId: 'eeee000005',
      StageName: 'gamma',
      DeploymentId: 'zzz999',
    });
    assert.equal(unknown.OperationStatus, 'FAILED');
    assert.equal(unknown.ErrorCode, 'NotFound');
  });

  it('seeds REST APIs and deployments as before', async () => {
    plantSeeds(bed.emulator, {
      restApis: [{ restApiId: 'ffff000006', name: 'orders', deploymentIds: ['dep042'] }],
      v2Apis: [],
    });
    const created = await createStage('AWS::ApiGateway::Stage', {
      RestApiId: 'ffff000006',
      StageName: 'prod',
      DeploymentId: 'dep042',
    });
    assert.equal(created.OperationStatus, 'SUCCESS', created.StatusMessage);
    assert.equal((await read('AWS::ApiGateway::RestApi', 'ffff000006')).Name, 'orders');
  });
});
