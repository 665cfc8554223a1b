import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { createApiGatewayV2Port } from '../../src/aws/apigatewayv2-client.ts';
import { ApiGatewayV2Error, type ApiGatewayV2Port } from '../../src/aws/apigatewayv2-port.ts';
import { V2_STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import { TRANSPORT_ERROR } from '../../src/retry/error-codes.ts';
import { CALL_ATTEMPTS } from '../../src/retry/policy.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';

// The emulator checks that calls are signed, not by whom.
process.env.AWS_ACCESS_KEY_ID = 'AKIDADAPTERTEST';
process.env.AWS_SECRET_ACCESS_KEY = 'adapter-test-secret';

const rejectsWith =
  (code: string, fault?: ApiGatewayV2Error['fault'], message?: RegExp) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof ApiGatewayV2Error, `expected ApiGatewayV2Error, got ${error}`);
    assert.equal(error.code, code);
    if (fault) assert.equal(error.fault, fault);
    if (message) assert.match(error.message, message);
    return true;
  };

// Faults come from the emulator itself (docs/emulator.md, "API Gateway V2"): injected errors and
// transport faults in its knobs, for V2 calls named as its call log names them.
describe('createApiGatewayV2Port against the emulator', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  afterEach(() => {
    emulator.knobs.injectedErrors.length = 0;
    emulator.knobs.transportFaults.length = 0;
    emulator.apiGatewayV2.clearRequests();
    emulator.clearCalls();
  });

  const port = (endpoint = emulator.url, extra = {}): ApiGatewayV2Port =>
    createApiGatewayV2Port({ region: 'us-east-1', endpoint, ...extra });

  /** An auto-deploy `$default` stage of a fresh HTTP API, seeded without API calls. */
  const seedStage = (model: Record<string, unknown> = {}) => {
    const apiId = emulator.apiGatewayV2.putApi({ Name: 'orders' });
    const identifier = emulator.apiGatewayV2.putStage({
      ApiId: apiId,
      StageName: '$default',
      AutoDeploy: true,
      ...model,
    });
    const read = () => emulator.getReadModel(V2_STAGE_TYPE_NAME, identifier) ?? {};
    return { apiId, identifier, read };
  };
  const v2Requests = (operation: string) =>
    emulator.apiGatewayV2.requests.filter((request) => request.operation === operation);
  /** How each request for `operation` fared: `ok`, the error it was answered with, or its transport fault. */
  const fates = (operation: string) =>
    v2Requests(operation).map((request) => request.transportFault ?? request.errorType ?? 'ok');

  it('updates an auto-deploy stage with only the members given, in the wire’s camelCase', async () => {
    const { apiId, read } = seedStage({
      StageVariables: { keep: '1', drop: '2' },
      RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 1 } },
    });
    const deploymentId = read().DeploymentId;
    await port().updateStage(apiId, '$default', {
      DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 },
      RouteSettings: { 'POST /pets': { ThrottlingRateLimit: 2 } },
      StageVariables: { drop: '', added: '3' },
      Description: 'orders API',
    });
    const [request] = v2Requests('UpdateStage');
    assert.deepEqual(request?.body, {
      defaultRouteSettings: { throttlingBurstLimit: 10, throttlingRateLimit: 5 },
      routeSettings: { 'POST /pets': { throttlingRateLimit: 2 } },
      stageVariables: { drop: '', added: '3' },
      description: 'orders API',
    });
    const stage = read();
    assert.deepEqual(stage.StageVariables, { keep: '1', added: '3' });
    assert.deepEqual(Object.keys(stage.RouteSettings as object).sort(), [
      'GET /pets',
      'POST /pets',
    ]);
    assert.equal(stage.Description, 'orders API');
    assert.equal(stage.DeploymentId, deploymentId, 'no DeploymentId was sent');
  });

  it('deletes one route’s settings and the access-log settings', async () => {
    const { apiId, read } = seedStage({
      RouteSettings: {
        'GET /pets': { ThrottlingBurstLimit: 1 },
        $default: { ThrottlingBurstLimit: 2 },
      },
      AccessLogSettings: {
        DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:l',
        Format: '$context.requestId',
      },
    });
    await port().deleteRouteSettings(apiId, '$default', 'GET /pets');
    await port().deleteAccessLogSettings(apiId, '$default');
    assert.deepEqual(Object.keys(read().RouteSettings as object), ['$default']);
    assert.equal(read().AccessLogSettings, undefined);
    assert.deepEqual(v2Requests('DeleteRouteSettings')[0]?.params, {
      ApiId: apiId,
      StageName: '$default',
      RouteKey: 'GET /pets',
    });
  });

  it('tags and untags the stage by the ARN it builds from the resolved region', async () => {
    const { apiId, read } = seedStage({ Tags: { team: 'a', old: 'x' } });
    const v2 = port();
    const arn = await v2.stageArn(apiId, '$default');
    assert.equal(arn, `arn:aws:apigateway:us-east-1::/apis/${apiId}/stages/$default`);
    await v2.tagResource(arn, { team: 'b', 'stage-sync:commit': 'abc' });
    await v2.untagResource(arn, ['old']);
    assert.deepEqual(read().Tags, { team: 'b', 'stage-sync:commit': 'abc' });
    const cnArn = await createApiGatewayV2Port({
      region: 'cn-north-1',
      endpoint: emulator.url,
    }).stageArn(apiId, 'prod');
    assert.equal(cnArn, `arn:aws-cn:apigateway:cn-north-1::/apis/${apiId}/stages/prod`);
  });

  it('follows AWS_ENDPOINT_URL_APIGATEWAYV2 when no endpoint is given', async (t) => {
    const saved = process.env.AWS_ENDPOINT_URL_APIGATEWAYV2;
    // A second emulator stands in for "somewhere else": only the variable can send the call there.
    const elsewhere = await startEmulator();
    t.after(async () => {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_APIGATEWAYV2;
      else process.env.AWS_ENDPOINT_URL_APIGATEWAYV2 = saved;
      await elsewhere.close();
    });
    process.env.AWS_ENDPOINT_URL_APIGATEWAYV2 = elsewhere.url;
    const apiId = elsewhere.apiGatewayV2.putApi({ Name: 'orders' });
    const identifier = elsewhere.apiGatewayV2.putStage({
      ApiId: apiId,
      StageName: '$default',
      AutoDeploy: true,
    });
    await createApiGatewayV2Port({ region: 'us-east-1' }).updateStage(apiId, '$default', {
      Description: 'through the variable',
    });
    assert.equal(
      elsewhere.getReadModel(V2_STAGE_TYPE_NAME, identifier)?.Description,
      'through the variable',
    );
    assert.deepEqual(
      elsewhere.apiGatewayV2.requests.map((request) => `${request.method} ${request.status}`),
      ['PATCH 200'],
    );
    assert.equal(
      emulator.apiGatewayV2.requests.length,
      0,
      'nothing went to the endpoint the test did not name',
    );
  });

  it('retries a 429 TooManyRequestsException and succeeds', async () => {
    const { apiId, read } = seedStage();
    emulator.knobs.injectedErrors.push({
      operation: 'apigatewayv2:UpdateStage',
      errorName: 'TooManyRequestsException',
      times: 2,
    });
    await port().updateStage(apiId, '$default', { Description: 'after throttling' });
    assert.deepEqual(
      v2Requests('UpdateStage').map((request) => request.status),
      [429, 429, 200],
    );
    assert.equal(read().Description, 'after throttling');
  });

  it('gives up on throttling after maxAttempts, with the exception name as the code', async () => {
    const { apiId } = seedStage();
    emulator.knobs.injectedErrors.push({
      operation: 'apigatewayv2:UpdateStage',
      errorName: 'TooManyRequestsException',
    });
    await assert.rejects(
      port(emulator.url, { maxAttempts: 3 }).updateStage(apiId, '$default', { Description: 'x' }),
      rejectsWith('TooManyRequestsException', 'client'),
    );
    assert.equal(v2Requests('UpdateStage').length, 3);
  });

  it('does not retry a BadRequestException: the service’s own refusal of a DeploymentId under auto-deploy', async () => {
    const { apiId } = seedStage();
    const deploymentId = emulator.apiGatewayV2.createDeployment(apiId);
    await assert.rejects(
      port().updateStage(apiId, '$default', { DeploymentId: deploymentId }),
      rejectsWith('BadRequestException', 'client', /because AutoDeploy is enabled/),
    );
    assert.equal(v2Requests('UpdateStage').length, 1);
  });

  it('reports a NotFoundException at once: deleting settings of a route that has none', async () => {
    const { apiId } = seedStage();
    await assert.rejects(
      port().deleteRouteSettings(apiId, '$default', 'GET /nothing'),
      rejectsWith('NotFoundException', 'client'),
    );
    assert.equal(v2Requests('DeleteRouteSettings').length, 1);
  });

  it('retries a 5xx and succeeds on the next attempt', async () => {
    const { apiId, read } = seedStage();
    emulator.knobs.injectedErrors.push({
      operation: 'apigatewayv2:UpdateStage',
      errorName: 'ServiceUnavailableException',
      message: 'busy',
      times: 1,
    });
    await port().updateStage(apiId, '$default', { Description: 'after a 503' });
    assert.deepEqual(fates('UpdateStage'), ['ServiceUnavailableException', 'ok']);
    assert.deepEqual(
      v2Requests('UpdateStage').map((request) => request.status),
      [503, 200],
    );
    assert.equal(read().Description, 'after a 503');
  });

  it('gives up on 5xx after CALL_ATTEMPTS.other attempts, as a server fault', async () => {
    const { apiId, read } = seedStage();
    const before = read();
    emulator.knobs.injectedErrors.push({
      operation: 'apigatewayv2:UpdateStage',
      errorName: 'InternalServerError',
      message: 'broken',
    });
    await assert.rejects(
      port().updateStage(apiId, '$default', { Description: 'never' }),
      rejectsWith('InternalServerError', 'server', /broken/),
    );
    assert.deepEqual(
      fates('UpdateStage'),
      Array.from({ length: CALL_ATTEMPTS.other }, () => 'InternalServerError'),
    );
    // The fault is answered before the operation runs: no attempt changed the stage.
    assert.deepEqual(read(), before, 'nothing reached the stage');
  });

  it('ends a call that never answers at its request timeout and retries it', async () => {
    const { apiId, read } = seedStage();
    emulator.knobs.transportFaults.push({
      fault: 'hang',
      operation: 'apigatewayv2:UpdateStage',
      times: 1,
    });
    await port(emulator.url, { requestTimeoutMs: 200 }).updateStage(apiId, '$default', {
      Description: 'after a hang',
    });
    assert.deepEqual(fates('UpdateStage'), ['hang', 'ok']);
    assert.equal(read().Description, 'after a hang');
  });

  it('reports a call that never answers as NetworkError after CALL_ATTEMPTS.other attempts', async () => {
    const { apiId } = seedStage();
    emulator.knobs.transportFaults.push({ fault: 'hang', operation: 'apigatewayv2:TagResource' });
    const v2 = port(emulator.url, { requestTimeoutMs: 200 });
    await assert.rejects(
      v2.tagResource(await v2.stageArn(apiId, '$default'), { team: 'a' }),
      rejectsWith(TRANSPORT_ERROR, 'transport', /200 ms requestTimeout/),
    );
    assert.equal(
      fates('TagResource').filter((fate) => fate === 'hang').length,
      CALL_ATTEMPTS.other,
    );
  });
});
