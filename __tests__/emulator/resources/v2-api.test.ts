/**
 * Conformance of `AWS::ApiGatewayV2::Api` (and the small `AWS::ApiGatewayV2::Deployment`) through
 * Cloud Control, with the real `@aws-sdk/client-cloudcontrol` client. Sources: the live captures
 * cited per test (docs/evidence/apigatewayv2-stage.md, "The API") and the vendored registry schema.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import { rejection, startTestBed, waitForTerminal, type TestBed } from '../harness.ts';

const V2_API = 'AWS::ApiGatewayV2::Api';
const V2_STAGE = 'AWS::ApiGatewayV2::Stage';
const V2_DEPLOYMENT = 'AWS::ApiGatewayV2::Deployment';

let bed: TestBed;
before(async () => {
  bed = await startTestBed({ listPageSize: 2 });
});
after(async () => {
  await bed.close();
});

async function create(typeName: string, desired: Record<string, unknown>) {
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

describe('AWS::ApiGatewayV2::Api', () => {
  it('creates an HTTP API with a generated id and reads back the filled-in values of the live capture', async () => {
    const done = await create(V2_API, {
      Name: 'orders',
      ProtocolType: 'HTTP',
      CorsConfiguration: { AllowOrigins: ['https://example.com'], AllowHeaders: ['Content-Type'] },
    });
    assert.equal(done.OperationStatus, 'SUCCESS');
    const apiId = String(done.Identifier);
    assert.match(apiId, /^[a-z0-9]{10}$/);
    // cdk-real-drift tests/corpus/AWS__ApiGatewayV2__Api.ApiF70053CD_http_rich.json
    assert.deepEqual(await read(V2_API, apiId), {
      ApiId: apiId,
      Name: 'orders',
      ProtocolType: 'HTTP',
      ApiEndpoint: `https://${apiId}.execute-api.us-east-1.amazonaws.com`,
      IpAddressType: 'ipv4',
      DisableExecuteApiEndpoint: false,
      RouteSelectionExpression: '$request.method $request.path',
      CorsConfiguration: {
        AllowOrigins: ['https://example.com'],
        AllowHeaders: ['content-type'],
        ExposeHeaders: [],
      },
      Tags: {},
    });
  });

  it('creates a WebSocket API, which needs a route selection expression and reads back the API key selection default', async () => {
    const refused = await create(V2_API, { Name: 'chat', ProtocolType: 'WEBSOCKET' });
    assert.equal(refused.ErrorCode, 'InvalidRequest');
    assert.match(refused.StatusMessage ?? '', /RouteSelectionExpression is required/);
    const done = await create(V2_API, {
      Name: 'chat',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
      Tags: { team: 'chat' },
    });
    const model = await read(V2_API, String(done.Identifier));
    // cdk-real-drift tests/corpus/AWS__ApiGatewayV2__Api.WsApi.json (and #664)
    assert.equal(
      model.ApiEndpoint,
      `wss://${String(done.Identifier)}.execute-api.us-east-1.amazonaws.com`,
    );
    assert.equal(model.ApiKeySelectionExpression, '$request.header.x-api-key');
    assert.deepEqual(model.Tags, { team: 'chat' });
  });

  it('refuses an unknown protocol, and a patch of the create-only ProtocolType (registry schema)', async () => {
    const refused = await create(V2_API, { Name: 'x', ProtocolType: 'REST' });
    assert.equal(refused.ErrorCode, 'InvalidRequest');
    assert.match(refused.StatusMessage ?? '', /Must be one of \[HTTP, WEBSOCKET\]/);
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'fixed' });
    const error = await rejection(
      bed.client.send(
        new UpdateResourceCommand({
          TypeName: V2_API,
          Identifier: apiId,
          PatchDocument: JSON.stringify([
            { op: 'replace', path: '/ProtocolType', value: 'WEBSOCKET' },
          ]),
        }),
      ),
    );
    assert.equal(error.name, 'NotUpdatableException');
  });

  it('lists every API, a page at a time, with names to resolve an API by', async () => {
    for (const name of ['page-a', 'page-b', 'page-c'])
      bed.emulator.apiGatewayV2.putApi({ Name: name });
    const names = new Set<string>();
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await bed.client.send(
        new ListResourcesCommand({ TypeName: V2_API, NextToken: nextToken }),
      );
      assert.ok((page.ResourceDescriptions?.length ?? 0) <= 2, 'the list page size knob applies');
      for (const resource of page.ResourceDescriptions ?? [])
        names.add(String(JSON.parse(resource.Properties ?? '{}').Name));
      nextToken = page.NextToken;
      pages += 1;
    } while (nextToken);
    assert.ok(pages > 1);
    for (const name of ['page-a', 'page-b', 'page-c']) assert.ok(names.has(name), name);
  });

  it('quick create (Target) makes an auto-deploy $default stage (Api schema, Target description)', async () => {
    const done = await create(V2_API, {
      Name: 'quick',
      ProtocolType: 'HTTP',
      Target: 'arn:aws:lambda:us-east-1:123456789012:function:f',
    });
    const apiId = String(done.Identifier);
    const stage = await read(V2_STAGE, `${apiId}|$default`);
    assert.equal(stage.AutoDeploy, true);
    assert.match(String(stage.DeploymentId), /^[a-z0-9]{6}$/);
    assert.equal((await read(V2_API, apiId)).Target, undefined, 'Target is write-only');
  });

  it('an update of the API deploys its auto-deploy stages again (evidence "DeploymentId under auto-deploy")', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'redeploy' });
    await create(V2_STAGE, { ApiId: apiId, StageName: '$default', AutoDeploy: true });
    const first = (await read(V2_STAGE, `${apiId}|$default`)).DeploymentId;
    const { ProgressEvent: started } = await bed.client.send(
      new UpdateResourceCommand({
        TypeName: V2_API,
        Identifier: apiId,
        PatchDocument: JSON.stringify([{ op: 'add', path: '/Description', value: 'v2' }]),
      }),
    );
    assert.equal(
      (await waitForTerminal(bed.client, started?.RequestToken as string)).OperationStatus,
      'SUCCESS',
    );
    assert.equal((await read(V2_API, apiId)).Description, 'v2');
    assert.notEqual((await read(V2_STAGE, `${apiId}|$default`)).DeploymentId, first);
  });

  it('creates and lists deployments by ApiId, and deleting the API deletes its stages and deployments', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'cascade' });
    const deployed = await create(V2_DEPLOYMENT, { ApiId: apiId });
    const [identifierApi, deploymentId] = String(deployed.Identifier).split('|');
    assert.equal(identifierApi, apiId);
    await create(V2_STAGE, { ApiId: apiId, StageName: 'prod', DeploymentId: deploymentId });
    assert.deepEqual(await read(V2_DEPLOYMENT, String(deployed.Identifier)), {
      ApiId: apiId,
      DeploymentId: deploymentId,
    });
    const { ProgressEvent: started } = await bed.client.send(
      new DeleteResourceCommand({ TypeName: V2_API, Identifier: apiId }),
    );
    await waitForTerminal(bed.client, started?.RequestToken as string);
    assert.equal(bed.emulator.getStoredModel(V2_STAGE, `${apiId}|prod`), undefined);
    assert.equal(
      bed.emulator.getStoredModel(V2_DEPLOYMENT, String(deployed.Identifier)),
      undefined,
    );
  });
});
