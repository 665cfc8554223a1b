/**
 * Conformance of the emulator's API Gateway V2 REST endpoint, driven by the real, unmodified
 * `@aws-sdk/client-apigatewayv2` client. Sources: fact 36 and fact 38 of
 * docs/reference/aws-recorded-behaviour.md, and docs/evidence/apigatewayv2-stage.md ("UpdateStage",
 * "The REST API", "Errors").
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiGatewayV2Client,
  DeleteAccessLogSettingsCommand,
  DeleteRouteSettingsCommand,
  GetApisCommand,
  GetStageCommand,
  GetStagesCommand,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { FAKE_CREDENTIALS, rejection, startTestBed, type TestBed } from '../../harness.ts';

let bed: TestBed;
let v2: ApiGatewayV2Client;
before(async () => {
  bed = await startTestBed();
  v2 = new ApiGatewayV2Client({
    region: 'us-east-1',
    endpoint: bed.emulator.url,
    credentials: FAKE_CREDENTIALS,
  });
});
after(async () => {
  v2.destroy();
  await bed.close();
});

function seedStage(model: Record<string, unknown> = {}) {
  const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'rest' });
  const deploymentId = bed.emulator.apiGatewayV2.createDeployment(apiId);
  bed.emulator.apiGatewayV2.putStage({
    ApiId: apiId,
    StageName: 'prod',
    DeploymentId: deploymentId,
    ...model,
  });
  return { apiId, deploymentId };
}

describe('GetStage and GetStages', () => {
  it('answer with the stage in the SDK shape, defaults filled, maps as maps', async () => {
    const { apiId, deploymentId } = seedStage({ Tags: { team: 'a' } });
    const stage = await v2.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
    assert.equal(stage.StageName, 'prod');
    assert.equal(stage.DeploymentId, deploymentId);
    assert.deepEqual(stage.DefaultRouteSettings, { DetailedMetricsEnabled: false });
    assert.deepEqual(stage.RouteSettings, {});
    assert.deepEqual(stage.StageVariables, {});
    assert.deepEqual(stage.Tags, { team: 'a' });
    assert.ok(stage.CreatedDate instanceof Date && stage.LastUpdatedDate instanceof Date);
    const { Items } = await v2.send(new GetStagesCommand({ ApiId: apiId }));
    assert.deepEqual(
      Items?.map((item) => item.StageName),
      ['prod'],
    );
  });

  it('answer NotFoundException with the service shape for a missing API or stage', async () => {
    const missingApi = await rejection(
      v2.send(new GetStageCommand({ ApiId: 'nope000000', StageName: 'x' })),
    );
    assert.equal(missingApi.name, 'NotFoundException');
    assert.equal(missingApi.$metadata?.httpStatusCode, 404);
    // aws/aws-sam-cli#7030: "Invalid API identifier specified <account>:<apiId>"
    assert.match(missingApi.message, /^Invalid API identifier specified \d{12}:nope000000$/);
    assert.equal((missingApi as { ResourceType?: string }).ResourceType, 'Api');
    const { apiId } = seedStage();
    const missingStage = await rejection(
      v2.send(new GetStageCommand({ ApiId: apiId, StageName: 'none' })),
    );
    assert.equal(missingStage.name, 'NotFoundException');
  });

  it('reads the $default stage, whose name the SDK escapes in the path', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'default' });
    bed.emulator.apiGatewayV2.putStage({ ApiId: apiId, StageName: '$default', AutoDeploy: true });
    const stage = await v2.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }));
    assert.equal(stage.StageName, '$default');
    assert.equal(stage.AutoDeploy, true);
    assert.match(String(stage.DeploymentId), /^[a-z0-9]{6}$/);
  });
});

describe('UpdateStage merges what it is given (fact 38)', () => {
  it('removes a stage variable sent as "", keeps the others, and adds new ones', async () => {
    const { apiId } = seedStage({ StageVariables: { keep: 'yes', drop: 'old' } });
    const updated = await v2.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'prod',
        StageVariables: { drop: '', add: 'new' },
      }),
    );
    assert.deepEqual(updated.StageVariables, { keep: 'yes', add: 'new' });
  });

  it('replaces the settings of each route given and keeps the routes not named', async () => {
    const { apiId } = seedStage({
      RouteSettings: {
        'GET /pets': { ThrottlingBurstLimit: 5, ThrottlingRateLimit: 10 },
        'POST /pets': { ThrottlingBurstLimit: 1 },
      },
    });
    const updated = await v2.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'prod',
        RouteSettings: { 'GET /pets': { ThrottlingRateLimit: 20 } },
      }),
    );
    assert.deepEqual(updated.RouteSettings, {
      'GET /pets': { DetailedMetricsEnabled: false, ThrottlingRateLimit: 20 },
      'POST /pets': { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 1 },
    });
  });

  it('leaves the description on "" and the access-log settings on {} (cdk-real-drift#806)', async () => {
    const logs = {
      DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:g',
      Format: '$context.requestId',
    };
    const { apiId } = seedStage({ Description: 'kept', AccessLogSettings: logs });
    const updated = await v2.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'prod',
        Description: '',
        AccessLogSettings: {},
      }),
    );
    assert.equal(updated.Description, 'kept');
    assert.deepEqual(updated.AccessLogSettings, logs);
  });

  it('shows its change through Cloud Control GetResource (one world)', async () => {
    const { apiId } = seedStage();
    await v2.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'prod',
        DefaultRouteSettings: { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 100 },
      }),
    );
    const { ResourceDescription } = await bed.client.send(
      new GetResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Stage', Identifier: `${apiId}|prod` }),
    );
    assert.deepEqual(JSON.parse(ResourceDescription?.Properties ?? '{}').DefaultRouteSettings, {
      DetailedMetricsEnabled: false,
      ThrottlingBurstLimit: 50,
      ThrottlingRateLimit: 100,
    });
  });

  it('updates an auto-deploy stage without DeploymentId, and refuses one with it (fact 36)', async () => {
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'auto' });
    bed.emulator.apiGatewayV2.putStage({ ApiId: apiId, StageName: '$default', AutoDeploy: true });
    const updated = await v2.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: '$default',
        Description: 'through API Gateway',
      }),
    );
    assert.equal(updated.Description, 'through API Gateway');
    const refused = await rejection(
      v2.send(
        new UpdateStageCommand({
          ApiId: apiId,
          StageName: '$default',
          DeploymentId: String(updated.DeploymentId),
        }),
      ),
    );
    assert.equal(refused.name, 'BadRequestException');
    assert.equal(refused.$metadata?.httpStatusCode, 400);
    assert.equal(
      refused.message,
      'Deployment ID cannot be set on this stage because AutoDeploy is enabled.',
    );
  });

  it('refuses execution-log settings on an HTTP API (hashicorp/terraform-provider-aws#13801)', async () => {
    const { apiId } = seedStage();
    const refused = await rejection(
      v2.send(
        new UpdateStageCommand({
          ApiId: apiId,
          StageName: 'prod',
          DefaultRouteSettings: { LoggingLevel: 'INFO' },
        }),
      ),
    );
    assert.equal(refused.name, 'BadRequestException');
    assert.equal(refused.message, 'Execution logs are not supported on protocolType HTTP');
  });
});

describe('DeleteRouteSettings and DeleteAccessLogSettings', () => {
  it('remove one route setting and the access-log settings, answering 204', async () => {
    const { apiId } = seedStage({
      RouteSettings: {
        'GET /a': { ThrottlingBurstLimit: 1 },
        'GET /b': { ThrottlingBurstLimit: 2 },
      },
      AccessLogSettings: {
        DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:g',
        Format: 'f',
      },
    });
    const deleted = await v2.send(
      new DeleteRouteSettingsCommand({ ApiId: apiId, StageName: 'prod', RouteKey: 'GET /a' }),
    );
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await v2.send(new DeleteAccessLogSettingsCommand({ ApiId: apiId, StageName: 'prod' }));
    const stage = await v2.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
    assert.deepEqual(Object.keys(stage.RouteSettings ?? {}), ['GET /b']);
    assert.equal(stage.AccessLogSettings, undefined);
    const again = await rejection(
      v2.send(
        new DeleteRouteSettingsCommand({ ApiId: apiId, StageName: 'prod', RouteKey: 'GET /a' }),
      ),
    );
    assert.equal(again.name, 'NotFoundException');
  });
});

describe('GetTags, TagResource and UntagResource', () => {
  it('tag a stage by its ARN (the form terraform-provider-aws builds), seen through Cloud Control too', async () => {
    const { apiId } = seedStage({ Tags: { owner: 'stage-sync' } });
    const arn = `arn:aws:apigateway:us-east-1::/apis/${apiId}/stages/prod`;
    const tagged = await v2.send(new TagResourceCommand({ ResourceArn: arn, Tags: { team: 'b' } }));
    assert.equal(tagged.$metadata.httpStatusCode, 201);
    await v2.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['owner'] }));
    assert.deepEqual((await v2.send(new GetTagsCommand({ ResourceArn: arn }))).Tags, { team: 'b' });
    const { ResourceDescription } = await bed.client.send(
      new GetResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Stage', Identifier: `${apiId}|prod` }),
    );
    assert.deepEqual(JSON.parse(ResourceDescription?.Properties ?? '{}').Tags, { team: 'b' });
    const missing = await rejection(
      v2.send(
        new GetTagsCommand({
          ResourceArn: `arn:aws:apigateway:us-east-1::/apis/${apiId}/stages/none`,
        }),
      ),
    );
    assert.equal(missing.name, 'NotFoundException');
  });
});

describe('the endpoint follows the emulator knobs and hooks', () => {
  it('records each request with its body, as apigatewayv2 calls in the call log', async () => {
    const { apiId } = seedStage();
    bed.emulator.apiGatewayV2.clearRequests();
    await v2.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', Description: 'logged' }),
    );
    const [request] = bed.emulator.apiGatewayV2.requests;
    assert.equal(request?.operation, 'UpdateStage');
    assert.equal(request?.method, 'PATCH');
    assert.deepEqual(request?.body, { description: 'logged' });
    const call = bed.emulator.calls.at(-1);
    assert.equal(call?.operation, 'apigatewayv2:UpdateStage');
    assert.equal(call?.identifier, `${apiId}|prod`);
  });

  it('throttles with 429 TooManyRequestsException, which the SDK retries; and answers injected errors', async () => {
    const { apiId } = seedStage();
    // One token, refilled once every 1000 s: the second call is throttled whatever the clock does.
    bed.emulator.knobs.rateLimits.read = 0.001;
    bed.emulator.knobs.burstCapacity.read = 1;
    try {
      await v2.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
      bed.emulator.apiGatewayV2.clearRequests();
      const throttled = await rejection(
        v2.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' })),
      );
      assert.equal(throttled.name, 'TooManyRequestsException');
      assert.equal(throttled.$metadata?.httpStatusCode, 429);
      assert.equal(throttled.$metadata?.attempts, 3, 'the SDK retried it as a throttle');
      assert.deepEqual(
        bed.emulator.apiGatewayV2.requests.map((request) => request.status),
        [429, 429, 429],
      );
    } finally {
      delete bed.emulator.knobs.rateLimits.read;
      delete bed.emulator.knobs.burstCapacity.read;
    }
    bed.emulator.knobs.injectedErrors.push({
      operation: 'apigatewayv2:GetApis',
      errorName: 'AccessDeniedException',
      times: 1,
    });
    const denied = await rejection(v2.send(new GetApisCommand({})));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.ok((await v2.send(new GetApisCommand({}))).Items?.length);
  });

  it('is found through AWS_ENDPOINT_URL_APIGATEWAYV2, the SDK variable the product honours', async (t) => {
    const previous = process.env.AWS_ENDPOINT_URL_APIGATEWAYV2;
    process.env.AWS_ENDPOINT_URL_APIGATEWAYV2 = bed.emulator.url;
    const client = new ApiGatewayV2Client({ region: 'us-east-1', credentials: FAKE_CREDENTIALS });
    t.after(() => {
      client.destroy();
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_APIGATEWAYV2;
      else process.env.AWS_ENDPOINT_URL_APIGATEWAYV2 = previous;
    });
    const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'by-env' });
    const { Items } = await client.send(new GetApisCommand({ MaxResults: '100' }));
    assert.ok(Items?.some((api) => api.ApiId === apiId && api.Name === 'by-env'));
  });

  it('refuses an unsigned request with 403 "Missing Authentication Token"', async () => {
    const response = await fetch(`${bed.emulator.url}/v2/apis`);
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.deepEqual(await response.json(), { message: 'Missing Authentication Token' });
  });
});
