/**
 * Conformance of `AWS::ApiGatewayV2::Stage` through Cloud Control, driven by the real
 * `@aws-sdk/client-cloudcontrol` client. Each test names its source: a fact of
 * docs/reference/aws-recorded-behaviour.md or an entry of docs/evidence/apigatewayv2-stage.md.
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

const V2_STAGE = 'AWS::ApiGatewayV2::Stage';

let bed: TestBed;
before(async () => {
  bed = await startTestBed();
});
after(async () => {
  await bed.close();
});

async function create(desired: Record<string, unknown>) {
  const { ProgressEvent: started } = await bed.client.send(
    new CreateResourceCommand({ TypeName: V2_STAGE, DesiredState: JSON.stringify(desired) }),
  );
  return waitForTerminal(bed.client, started?.RequestToken as string);
}

async function patch(identifier: string, operations: unknown[]) {
  const { ProgressEvent: started } = await bed.client.send(
    new UpdateResourceCommand({
      TypeName: V2_STAGE,
      Identifier: identifier,
      PatchDocument: JSON.stringify(operations),
    }),
  );
  return waitForTerminal(bed.client, started?.RequestToken as string);
}

async function read(identifier: string): Promise<Record<string, unknown>> {
  const { ResourceDescription } = await bed.client.send(
    new GetResourceCommand({ TypeName: V2_STAGE, Identifier: identifier }),
  );
  return JSON.parse(ResourceDescription?.Properties ?? '{}') as Record<string, unknown>;
}

describe('AWS::ApiGatewayV2::Stage read model (fact 37)', () => {
  it('reads an HTTP $default auto-deploy stage back as the live capture does, with a minted DeploymentId', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'orders-http' });
    const done = await create({ ApiId: apiId, StageName: '$default', AutoDeploy: true });
    assert.equal(done.OperationStatus, 'SUCCESS');
    assert.equal(done.Identifier, `${apiId}|$default`);
    const model = await read(`${apiId}|$default`);
    const { DeploymentId, ...rest } = model;
    // evidence "DeploymentId under auto-deploy": six lowercase characters, nobody declared it.
    assert.match(String(DeploymentId), /^[a-z0-9]{6}$/);
    // cdk-real-drift tests/corpus/AWS__ApiGatewayV2__Stage.ApiDefaultStage189A7074.json
    assert.deepEqual(rest, {
      ApiId: apiId,
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { DetailedMetricsEnabled: false },
      RouteSettings: {},
      StageVariables: {},
      Tags: {},
    });
  });

  it('fills LoggingLevel OFF and DataTraceEnabled false on a WebSocket stage, keeps Tags as a map and has no AutoDeploy key when none was set', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'chat', ProtocolType: 'WEBSOCKET' });
    await create({ ApiId: apiId, StageName: 'hunt', Tags: { team: 'chat' } });
    // cdk-real-drift tests/corpus/AWS__ApiGatewayV2__Stage.WsStage.json (and #664)
    assert.deepEqual(await read(`${apiId}|hunt`), {
      ApiId: apiId,
      StageName: 'hunt',
      DefaultRouteSettings: {
        DataTraceEnabled: false,
        DetailedMetricsEnabled: false,
        LoggingLevel: 'OFF',
      },
      RouteSettings: {},
      StageVariables: {},
      Tags: { team: 'chat' },
    });
  });

  it('keeps a declared throttle and adds only DetailedMetricsEnabled on HTTP; fills each route setting the same way', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'live' });
    await create({
      ApiId: apiId,
      StageName: 'live',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 },
      RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 3 } },
      StageVariables: { mode: 'blue' },
    });
    const model = await read(`${apiId}|live`);
    // cdk-real-drift tests/corpus/AWS__ApiGatewayV2__Stage.Live.json
    assert.deepEqual(model.DefaultRouteSettings, {
      DetailedMetricsEnabled: false,
      ThrottlingBurstLimit: 10,
      ThrottlingRateLimit: 5,
    });
    // evidence "Route settings": the per-route fill is inferred from the default's.
    assert.deepEqual(model.RouteSettings, {
      'GET /pets': { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 3 },
    });
    assert.deepEqual(model.StageVariables, { mode: 'blue' });
  });
});

describe('AWS::ApiGatewayV2::Stage writes', () => {
  it('fails every Cloud Control update of an auto-deploy stage with the recorded InvalidRequest, even one that removes DeploymentId (fact 36)', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'autodeploy' });
    await create({ ApiId: apiId, StageName: '$default', AutoDeploy: true });
    const before = await read(`${apiId}|$default`);
    for (const operations of [
      [{ op: 'add', path: '/DefaultRouteSettings/ThrottlingRateLimit', value: 50 }],
      [
        { op: 'remove', path: '/DeploymentId' },
        { op: 'add', path: '/Description', value: 'x' },
      ],
    ]) {
      const done = await patch(`${apiId}|$default`, operations);
      assert.equal(done.OperationStatus, 'FAILED');
      assert.equal(done.ErrorCode, 'InvalidRequest');
      assert.match(
        done.StatusMessage ?? '',
        /^Deployment ID cannot be set on this stage because AutoDeploy is enabled\. \(Service: ApiGatewayV2, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/,
      );
    }
    assert.deepEqual(await read(`${apiId}|$default`), before, 'nothing changed');
  });

  it('updates a stage without auto-deploy; switching one that holds a DeploymentId to auto-deploy fails too (fact 36)', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'manual' });
    const deploymentId = bed.emulator.apiGatewayV2.createDeployment(apiId);
    await create({ ApiId: apiId, StageName: 'prod', DeploymentId: deploymentId });
    const updated = await patch(`${apiId}|prod`, [
      { op: 'add', path: '/StageVariables/mode', value: 'green' },
      { op: 'add', path: '/RouteSettings/GET ~1pets', value: { ThrottlingRateLimit: 7 } },
    ]);
    assert.equal(updated.OperationStatus, 'SUCCESS');
    const model = await read(`${apiId}|prod`);
    assert.equal(model.DeploymentId, deploymentId);
    assert.deepEqual(model.StageVariables, { mode: 'green' });
    assert.deepEqual(model.RouteSettings, {
      'GET /pets': { DetailedMetricsEnabled: false, ThrottlingRateLimit: 7 },
    });

    const switched = await patch(`${apiId}|prod`, [
      { op: 'remove', path: '/DeploymentId' },
      { op: 'add', path: '/AutoDeploy', value: true },
    ]);
    // The handler still sends the DeploymentId it holds, so this fails too (fact 36).
    assert.equal(switched.ErrorCode, 'InvalidRequest');
  });

  it('an empty patch of a stage without auto-deploy succeeds and leaves the read model as it was (no perpetual change)', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'idle', ProtocolType: 'WEBSOCKET' });
    const deploymentId = bed.emulator.apiGatewayV2.createDeployment(apiId);
    await create({
      ApiId: apiId,
      StageName: 'idle',
      DeploymentId: deploymentId,
      RouteSettings: { $connect: { ThrottlingBurstLimit: 4 } },
    });
    const before = await read(`${apiId}|idle`);
    assert.equal((await patch(`${apiId}|idle`, [])).OperationStatus, 'SUCCESS');
    assert.deepEqual(await read(`${apiId}|idle`), before);
  });

  it('turns auto-deploy on for a stage without a deployment, which then gets one (evidence "DeploymentId under auto-deploy")', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'later' });
    await create({ ApiId: apiId, StageName: 'fresh' });
    assert.equal((await read(`${apiId}|fresh`)).DeploymentId, undefined);
    const done = await patch(`${apiId}|fresh`, [{ op: 'add', path: '/AutoDeploy', value: true }]);
    assert.equal(done.OperationStatus, 'SUCCESS');
    const model = await read(`${apiId}|fresh`);
    assert.equal(model.AutoDeploy, true);
    assert.match(String(model.DeploymentId), /^[a-z0-9]{6}$/);
  });

  it('re-mints the DeploymentId of auto-deploy stages when the API changes, and leaves other stages alone (fact 37)', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'churn' });
    const manual = bed.emulator.apiGatewayV2.createDeployment(apiId);
    await create({ ApiId: apiId, StageName: '$default', AutoDeploy: true });
    await create({ ApiId: apiId, StageName: 'pinned', DeploymentId: manual });
    const first = (await read(`${apiId}|$default`)).DeploymentId;
    const minted = bed.emulator.apiGatewayV2.changeApi(apiId);
    const second = (await read(`${apiId}|$default`)).DeploymentId;
    assert.notEqual(second, first);
    assert.deepEqual(minted, { $default: second });
    assert.equal((await read(`${apiId}|pinned`)).DeploymentId, manual);
  });

  it('refuses what API Gateway V2 refuses, asynchronously (evidence "Errors")', async () => {
    const http = bed.emulator.apiGatewayV2.putApi({ Name: 'refusals' });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { ApiId: http, StageName: 'logs', DefaultRouteSettings: { LoggingLevel: 'INFO' } },
        'InvalidRequest',
        /^Execution logs are not supported on protocolType HTTP \(Service: ApiGatewayV2/,
      ],
      [
        { ApiId: http, StageName: 'both', AutoDeploy: true, DeploymentId: 'abc123' },
        'InvalidRequest',
        /^Deployment ID cannot be set on this stage because AutoDeploy is enabled/,
      ],
      [
        { ApiId: 'missing123', StageName: 'x' },
        'NotFound',
        /^Invalid API identifier specified \d{12}:missing123 \(Service: ApiGatewayV2, Status Code: 404/,
      ],
      [{ ApiId: http, StageName: 'bad name' }, 'InvalidRequest', /^Stage name can contain only/],
    ];
    for (const [desired, code, message] of cases) {
      const done = await create(desired);
      assert.equal(done.OperationStatus, 'FAILED', JSON.stringify(desired));
      assert.equal(done.ErrorCode, code);
      assert.match(done.StatusMessage ?? '', message);
    }
    await create({ ApiId: http, StageName: 'twice' });
    const duplicate = await create({ ApiId: http, StageName: 'twice' });
    assert.equal(duplicate.ErrorCode, 'AlreadyExists');
  });

  it('deletes a stage; reading it then is ResourceNotFoundException', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'gone' });
    await create({ ApiId: apiId, StageName: 'tmp' });
    const { ProgressEvent: started } = await bed.client.send(
      new DeleteResourceCommand({ TypeName: V2_STAGE, Identifier: `${apiId}|tmp` }),
    );
    assert.equal(
      (await waitForTerminal(bed.client, started?.RequestToken as string)).OperationStatus,
      'SUCCESS',
    );
    const error = await rejection(read(`${apiId}|tmp`));
    assert.equal(error.name, 'ResourceNotFoundException');
    assert.match(error.message, /Invalid stage identifier specified tmp/);
  });
});

describe('AWS::ApiGatewayV2::Stage and the emulator knobs', () => {
  it('takes handler failures and injected API errors by type name, as the REST stage does', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'knobs' });
    await create({ ApiId: apiId, StageName: 'k' });
    bed.emulator.knobs.handlerFailures.push({
      operation: 'UPDATE',
      errorCode: 'Throttling',
      typeName: V2_STAGE,
      times: 1,
    });
    bed.emulator.knobs.injectedErrors.push({
      errorName: 'HandlerInternalFailureException',
      operation: 'GetResource',
      typeName: V2_STAGE,
      times: 1,
    });
    try {
      const failed = await patch(`${apiId}|k`, [{ op: 'add', path: '/Description', value: 'x' }]);
      assert.equal(failed.OperationStatus, 'FAILED');
      assert.equal(failed.ErrorCode, 'Throttling');
      // The SDK retries the 502 once the injected error is spent; the call log shows it.
      assert.equal((await read(`${apiId}|k`)).Description, undefined);
      assert.ok(
        bed.emulator.calls.some(
          (call) =>
            call.typeName === V2_STAGE && call.outcome === 'HandlerInternalFailureException',
        ),
      );
    } finally {
      bed.emulator.knobs.handlerFailures.length = 0;
      bed.emulator.knobs.injectedErrors.length = 0;
    }
  });
});

describe('AWS::ApiGatewayV2::Stage listing (the schema list handler requires ApiId)', () => {
  it('needs ApiId, and lists the stages of one API with their read models', async () => {
    const missing = await rejection(
      bed.client.send(new ListResourcesCommand({ TypeName: V2_STAGE })),
    );
    assert.equal(missing.name, 'InvalidRequestException');
    assert.match(missing.message, /required key \[ApiId\] not found/);

    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'listing' });
    const other = bed.emulator.apiGatewayV2.putApi({ Name: 'other' });
    await create({ ApiId: apiId, StageName: 'a' });
    await create({ ApiId: apiId, StageName: 'b' });
    await create({ ApiId: other, StageName: 'c' });
    const { ResourceDescriptions } = await bed.client.send(
      new ListResourcesCommand({
        TypeName: V2_STAGE,
        ResourceModel: JSON.stringify({ ApiId: apiId }),
      }),
    );
    assert.deepEqual(
      ResourceDescriptions?.map((resource) => resource.Identifier),
      [`${apiId}|a`, `${apiId}|b`],
    );
    assert.deepEqual(JSON.parse(ResourceDescriptions?.[0]?.Properties ?? '{}').RouteSettings, {});
  });
});
