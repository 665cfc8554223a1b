/** Conformance of GetResource and ListResources through the real SDK client. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetResourceCommand,
  ListResourcesCommand,
  paginateListResources,
} from '@aws-sdk/client-cloudcontrol';
import { HANDLER_ERROR_CODES, HANDLER_ERROR_EXCEPTION } from '../../../emulator/protocol/errors.ts';
import {
  DEPLOYMENT,
  REST_API,
  STAGE,
  rejection,
  sdkClient,
  seedApi,
  startTestBed,
  type TestBed,
} from '../harness.ts';

let bed: TestBed;
before(async () => {
  bed = await startTestBed();
});
after(async () => {
  await bed.close();
});

const getStage = (identifier: string) =>
  bed.client.send(new GetResourceCommand({ TypeName: STAGE, Identifier: identifier }));

describe('GetResource', () => {
  it('returns the read model as a JSON string, with the defaults and quirks of the real read handler', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'read000001', 'dep701');
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
      Tags: [],
      Variables: {},
      AccessLogSetting: {
        DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:api:*',
        Format: '$context.requestId',
      },
      CanarySetting: { PercentTraffic: 10.0 },
      MethodSettings: [
        { ResourcePath: '/orders/{id}', HttpMethod: 'GET', ThrottlingRateLimit: 50.0 },
        { ResourcePath: '/*', HttpMethod: '*' },
      ],
    });
    const { TypeName, ResourceDescription } = await getStage(identifier);
    assert.equal(TypeName, STAGE);
    assert.equal(ResourceDescription?.Identifier, identifier);
    assert.equal(typeof ResourceDescription?.Properties, 'string');
    assert.deepEqual(JSON.parse(ResourceDescription?.Properties as string), {
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
      TracingEnabled: false,
      CacheClusterEnabled: false,
      AccessLogSetting: {
        DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:api',
        Format: '$context.requestId',
      },
      // UseStageCache: API Gateway's fill (fact 25 of docs/reference/aws-recorded-behaviour.md).
      CanarySetting: { DeploymentId: deploymentId, PercentTraffic: 10, UseStageCache: false },
      MethodSettings: [
        {
          CacheTtlInSeconds: 300,
          CacheDataEncrypted: false,
          CachingEnabled: false,
          MetricsEnabled: false,
          DataTraceEnabled: false,
          ThrottlingBurstLimit: 5000,
          ThrottlingRateLimit: 50,
          ResourcePath: '/~1orders~1{id}',
          HttpMethod: 'GET',
        },
      ],
    });
  });

  it('answers a missing stage with ResourceNotFoundException in the handler envelope, HTTP 400', async () => {
    const { restApiId } = seedApi(bed.emulator, 'read000002', 'dep702');
    const error = await rejection(getStage(`${restApiId}|ghost`));
    assert.equal(error.name, 'ResourceNotFoundException');
    assert.match(
      error.message,
      /^AWS::ApiGateway::Stage Handler returned status FAILED: Invalid stage identifier specified \(Service: ApiGateway, Status Code: 404, Request ID: [0-9a-f-]+\) \(HandlerErrorCode: NotFound, RequestToken: [0-9a-f-]+\)$/,
    );
    assert.equal(error.$metadata?.httpStatusCode, 400);
  });

  it('refuses a malformed identifier and accepts the JSON form', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'read000003', 'dep703');
    bed.emulator.putStage({ RestApiId: restApiId, StageName: 'prod', DeploymentId: deploymentId });
    const error = await rejection(getStage('prod'));
    assert.equal(error.name, 'ValidationException');
    assert.equal(
      error.message,
      'Identifier prod is not valid for identifier [/properties/RestApiId, /properties/StageName]',
    );
    const viaJson = await getStage(JSON.stringify({ RestApiId: restApiId, StageName: 'prod' }));
    assert.equal(viaJson.ResourceDescription?.Identifier, `${restApiId}|prod`);
  });

  it('reads REST APIs and deployments', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'read000004', 'dep704');
    const api = await bed.client.send(
      new GetResourceCommand({ TypeName: REST_API, Identifier: restApiId }),
    );
    assert.equal(JSON.parse(api.ResourceDescription?.Properties as string).Name, 'orders');
    const dep = await bed.client.send(
      new GetResourceCommand({ TypeName: DEPLOYMENT, Identifier: `${deploymentId}|${restApiId}` }),
    );
    assert.deepEqual(JSON.parse(dep.ResourceDescription?.Properties as string), {
      DeploymentId: deploymentId,
      RestApiId: restApiId,
    });
  });

  it('maps each injected read-handler failure code to its exception', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'read000005', 'dep705');
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    const noRetry = sdkClient(bed.emulator.url, { maxAttempts: 1 });
    try {
      for (const code of HANDLER_ERROR_CODES) {
        bed.emulator.knobs.handlerFailures.push({
          operation: 'READ',
          identifier,
          errorCode: code,
          statusMessage: `boom ${code}`,
          times: 1,
        });
        const error = await rejection(
          noRetry.send(new GetResourceCommand({ TypeName: STAGE, Identifier: identifier })),
        );
        assert.equal(error.name, HANDLER_ERROR_EXCEPTION[code], code);
        assert.match(
          error.message,
          new RegExp(`Handler returned status FAILED: boom ${code} \\(HandlerErrorCode: ${code}, `),
        );
      }
      assert.equal(
        (await getStage(identifier)).ResourceDescription?.Identifier,
        identifier,
        'each rule fired once',
      );
    } finally {
      bed.emulator.knobs.handlerFailures.length = 0;
      noRetry.destroy();
    }
  });
});

describe('ListResources', () => {
  it('requires a ResourceModel with RestApiId for stages (InvalidRequestException)', async () => {
    for (const resourceModel of [undefined, '{}', JSON.stringify({ StageName: 'x' })]) {
      const error = await rejection(
        bed.client.send(
          new ListResourcesCommand({
            TypeName: STAGE,
            ...(resourceModel ? { ResourceModel: resourceModel } : {}),
          }),
        ),
      );
      assert.equal(error.name, 'InvalidRequestException');
      assert.equal(
        error.message,
        'Missing or invalid ResourceModel property in AWS::ApiGateway::Stage list handler request input.Required property: (#: required key [RestApiId] not found)',
      );
    }
  });

  it('pages with NextToken, ignores MaxResults, and lists only the API asked for', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'list000001', 'dep801');
    const other = seedApi(bed.emulator, 'list000002', 'dep802');
    const names = ['s1', 's2', 's3', 's4', 's5'];
    for (const name of names)
      bed.emulator.putStage({ RestApiId: restApiId, StageName: name, DeploymentId: deploymentId });
    bed.emulator.putStage({
      RestApiId: other.restApiId,
      StageName: 'elsewhere',
      DeploymentId: other.deploymentId,
    });
    bed.emulator.knobs.listPageSize = 2;
    try {
      const first = await bed.client.send(
        new ListResourcesCommand({
          TypeName: STAGE,
          ResourceModel: JSON.stringify({ RestApiId: restApiId }),
          MaxResults: 100,
        }),
      );
      assert.equal(first.ResourceDescriptions?.length, 2);
      assert.ok(first.NextToken);
      const identifiers: string[] = [];
      for await (const page of paginateListResources(
        { client: bed.client },
        { TypeName: STAGE, ResourceModel: JSON.stringify({ RestApiId: restApiId }) },
      )) {
        for (const description of page.ResourceDescriptions ?? []) {
          identifiers.push(description.Identifier as string);
          assert.equal(
            JSON.parse(description.Properties as string).CacheClusterEnabled,
            false,
            'items carry the read model',
          );
        }
      }
      assert.deepEqual(
        identifiers,
        names.map((name) => `${restApiId}|${name}`),
      );
      const pages = bed.emulator.calls.filter(
        (call) => call.operation === 'ListResources' && call.outcome === 'ok',
      ).length;
      assert.ok(pages >= 4);
    } finally {
      bed.emulator.knobs.listPageSize = 20;
    }
  });

  it('answers an unknown REST API with ResourceNotFoundException and a bad token with ValidationException', async () => {
    const missing = await rejection(
      bed.client.send(
        new ListResourcesCommand({
          TypeName: STAGE,
          ResourceModel: JSON.stringify({ RestApiId: 'nosuchapi0' }),
        }),
      ),
    );
    assert.equal(missing.name, 'ResourceNotFoundException');
    const badToken = await rejection(
      bed.client.send(new ListResourcesCommand({ TypeName: REST_API, NextToken: '%%%' })),
    );
    assert.equal(badToken.name, 'ValidationException');
  });

  it('lists REST APIs without a model and deployments with one', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'list000003', 'dep803');
    const apis = await bed.client.send(new ListResourcesCommand({ TypeName: REST_API }));
    assert.ok(
      apis.ResourceDescriptions?.some((description) => description.Identifier === restApiId),
    );
    const deployments = await bed.client.send(
      new ListResourcesCommand({
        TypeName: DEPLOYMENT,
        ResourceModel: JSON.stringify({ RestApiId: restApiId }),
      }),
    );
    assert.deepEqual(
      deployments.ResourceDescriptions?.map((description) => description.Identifier),
      [`${deploymentId}|${restApiId}`],
    );
  });
});
