/**
 * The V2 REST endpoint fails as the real service can, through the same knobs as Cloud Control
 * (emulator/knobs.ts `injectedErrors` and `transportFaults`, with V2 calls named as the call log
 * names them, `apigatewayv2:UpdateStage`): injected 5xx and 429 answers in the restJson1 error
 * shape (docs/evidence/apigatewayv2-stage.md item 22), a call that hangs, and connection resets
 * before and after handling. Driven by the unmodified `@aws-sdk/client-apigatewayv2`, with
 * retries off where a test looks at one attempt, and by plain fetch for the raw wire.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiGatewayV2Client,
  DeleteRouteSettingsCommand,
  GetStageCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStageCommand,
  type ApiGatewayV2ClientConfig,
} from '@aws-sdk/client-apigatewayv2';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { FAKE_CREDENTIALS, rejection, startTestBed, type TestBed } from '../../harness.ts';

let bed: TestBed;
before(async () => {
  bed = await startTestBed();
});
after(async () => {
  await bed.close();
});
afterEach(() => {
  bed.emulator.knobs.injectedErrors.length = 0;
  bed.emulator.knobs.transportFaults.length = 0;
  bed.emulator.clearCalls();
  bed.emulator.apiGatewayV2.clearRequests();
});

function v2Client(config: Partial<ApiGatewayV2ClientConfig> = {}): ApiGatewayV2Client {
  return new ApiGatewayV2Client({
    region: 'us-east-1',
    endpoint: bed.emulator.url,
    credentials: FAKE_CREDENTIALS,
    ...config,
  });
}

function seedStage(model: Record<string, unknown> = {}) {
  const apiId = bed.emulator.apiGatewayV2.putApi({ Name: 'faults' });
  const deploymentId = bed.emulator.apiGatewayV2.createDeployment(apiId);
  bed.emulator.apiGatewayV2.putStage({
    ApiId: apiId,
    StageName: 'prod',
    DeploymentId: deploymentId,
    ...model,
  });
  const read = () => bed.emulator.getReadModel('AWS::ApiGatewayV2::Stage', `${apiId}|prod`) ?? {};
  return { apiId, identifier: `${apiId}|prod`, read };
}

const v2Calls = (operation: string) =>
  bed.emulator.calls.filter((call) => call.operation === `apigatewayv2:${operation}`);

/** A header the endpoint accepts as SigV4 (it checks the credential scope, not the signature). */
const SIGNED = {
  Authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDEMULATORTEST/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0',
};

describe('injected errors', () => {
  it('answer a 500 in the restJson1 shape: the name in x-amzn-ErrorType, {"message"} in the body', async () => {
    const { apiId, identifier, read } = seedStage();
    bed.emulator.knobs.injectedErrors.push({
      operation: 'apigatewayv2:UpdateStage',
      errorName: 'InternalServerError',
      message: 'broken',
      times: 1,
    });
    const response = await fetch(`${bed.emulator.url}/v2/apis/${apiId}/stages/prod`, {
      method: 'PATCH',
      headers: { ...SIGNED, 'Content-Type': 'application/json' },
      body: JSON.stringify({ description: 'never' }),
    });
    assert.equal(response.status, 500);
    assert.equal(response.headers.get('x-amzn-errortype'), 'InternalServerError');
    assert.ok(response.headers.get('x-amzn-requestid'));
    assert.deepEqual(await response.json(), { message: 'broken' });
    assert.equal(read().Description, undefined, 'the operation did not run');
    assert.deepEqual(
      v2Calls('UpdateStage').map((call) => [call.identifier, call.outcome, call.httpStatus]),
      [[identifier, 'InternalServerError', 500]],
    );
  });

  it('a 500 reaches the SDK as a server fault with its name and message', async () => {
    const { apiId } = seedStage();
    bed.emulator.knobs.injectedErrors.push({
      operation: 'apigatewayv2:GetStage',
      errorName: 'InternalServerError',
      message: 'broken',
    });
    const client = v2Client({ maxAttempts: 1 });
    try {
      const error = await rejection(
        client.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' })),
      );
      assert.equal(error.name, 'InternalServerError');
      assert.equal(error.message, 'broken');
      assert.equal((error as { $fault?: string }).$fault, 'server');
      assert.equal(error.$metadata?.httpStatusCode, 500);
    } finally {
      client.destroy();
    }
  });

  it('a 503 ServiceUnavailableException, once, is retried by the SDK and the second attempt lands', async () => {
    const { apiId, read } = seedStage();
    bed.emulator.knobs.injectedErrors.push({
      operation: 'apigatewayv2:UpdateStage',
      errorName: 'ServiceUnavailableException',
      times: 1,
    });
    const client = v2Client();
    try {
      const answer = await client.send(
        new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', Description: 'after a 503' }),
      );
      assert.equal(answer.$metadata.attempts, 2);
      assert.deepEqual(
        v2Calls('UpdateStage').map((call) => [call.outcome, call.httpStatus]),
        [
          ['ServiceUnavailableException', 503],
          ['ok', 200],
        ],
      );
      assert.equal(read().Description, 'after a 503');
    } finally {
      client.destroy();
    }
  });

  it('a 429 TooManyRequestsException for one stage only, by identifier, leaves the other stage alone', async () => {
    const route = { RouteSettings: { 'GET /a': { ThrottlingBurstLimit: 1 } } };
    const throttled = seedStage(route);
    const other = seedStage(route);
    bed.emulator.knobs.injectedErrors.push({
      operation: 'apigatewayv2:DeleteRouteSettings',
      identifier: throttled.identifier,
      errorName: 'TooManyRequestsException',
    });
    const client = v2Client({ maxAttempts: 1 });
    try {
      const error = await rejection(
        client.send(
          new DeleteRouteSettingsCommand({
            ApiId: throttled.apiId,
            StageName: 'prod',
            RouteKey: 'GET /a',
          }),
        ),
      );
      assert.equal(error.name, 'TooManyRequestsException');
      assert.equal(error.$metadata?.httpStatusCode, 429);
      await client.send(
        new DeleteRouteSettingsCommand({
          ApiId: other.apiId,
          StageName: 'prod',
          RouteKey: 'GET /a',
        }),
      );
      assert.deepEqual(Object.keys(throttled.read().RouteSettings as object), ['GET /a']);
      assert.deepEqual(other.read().RouteSettings, {});
    } finally {
      client.destroy();
    }
  });

  it('keeps Cloud Control rules and V2 rules apart: no operation means every Cloud Control call, apigatewayv2:* every V2 call', async () => {
    const { apiId, identifier } = seedStage();
    bed.emulator.knobs.injectedErrors.push({ errorName: 'AccessDeniedException' });
    const client = v2Client({ maxAttempts: 1 });
    try {
      await client.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
      const cloudControl = await rejection(
        bed.client.send(
          new GetResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Stage', Identifier: identifier }),
        ),
      );
      assert.equal(cloudControl.name, 'AccessDeniedException');
      bed.emulator.knobs.injectedErrors.length = 0;
      bed.emulator.knobs.injectedErrors.push({
        operation: 'apigatewayv2:*',
        errorName: 'ServiceUnavailableException',
      });
      const v2 = await rejection(
        client.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' })),
      );
      assert.equal(v2.name, 'ServiceUnavailableException');
      assert.equal(v2.$metadata?.httpStatusCode, 503);
      await bed.client.send(
        new GetResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Stage', Identifier: identifier }),
      );
    } finally {
      client.destroy();
    }
  });
});

describe('transport faults', () => {
  it('hang: the call is recorded as not handled, never answered, and changes nothing', async () => {
    const { apiId, identifier, read } = seedStage();
    bed.emulator.knobs.transportFaults.push({
      fault: 'hang',
      operation: 'apigatewayv2:UpdateStage',
    });
    const client = v2Client({ maxAttempts: 1 });
    const stop = new AbortController();
    let settled = false;
    const call = client.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', Description: 'hung' }),
      { abortSignal: stop.signal },
    );
    call.then(
      () => (settled = true),
      () => (settled = true),
    );
    try {
      // The record is written when the endpoint decides not to answer: wait for the record.
      while (!v2Calls('UpdateStage').some((c) => c.transportFault === 'hang')) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      // Another call on the same endpoint answers, so the hung one is not just slow to arrive.
      await client.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
      assert.equal(settled, false, 'the hung call has not been answered');
      stop.abort();
      assert.equal((await rejection(call)).name, 'AbortError');
      assert.deepEqual(
        v2Calls('UpdateStage').map((c) => [c.identifier, c.outcome, c.httpStatus]),
        [[identifier, 'not-handled', 0]],
      );
      assert.equal(bed.emulator.apiGatewayV2.requests[0]?.transportFault, 'hang');
      assert.equal(read().Description, undefined);
    } finally {
      client.destroy();
    }
  });

  it('reset-before: the client sees a reset, and nothing was handled', async () => {
    const { apiId, read } = seedStage({ Tags: { keep: 'me' } });
    bed.emulator.knobs.transportFaults.push({
      fault: 'reset-before',
      operation: 'apigatewayv2:UntagResource',
    });
    const client = v2Client({ maxAttempts: 1 });
    try {
      const reset = await rejection(
        client.send(
          new UntagResourceCommand({
            ResourceArn: `arn:aws:apigateway:us-east-1::/apis/${apiId}/stages/prod`,
            TagKeys: ['keep'],
          }),
        ),
      );
      assert.match(
        `${reset.name} ${reset.message} ${String((reset as { code?: string }).code)}`,
        /ECONNRESET|socket hang up/,
      );
      assert.deepEqual(
        v2Calls('UntagResource').map((c) => [c.identifier, c.outcome, c.transportFault]),
        [[`${apiId}|prod`, 'not-handled', 'reset-before']],
      );
      assert.deepEqual(read().Tags, { keep: 'me' });
    } finally {
      client.destroy();
    }
  });

  it('reset-after: the call takes effect though its answer is lost, and the SDK resends it', async () => {
    const { apiId, read } = seedStage();
    bed.emulator.knobs.transportFaults.push({
      fault: 'reset-after',
      operation: 'apigatewayv2:TagResource',
      times: 1,
    });
    const client = v2Client();
    try {
      await client.send(
        new TagResourceCommand({
          ResourceArn: `arn:aws:apigateway:us-east-1::/apis/${apiId}/stages/prod`,
          Tags: { team: 'a' },
        }),
      );
      assert.deepEqual(
        v2Calls('TagResource').map((c) => [c.outcome, c.httpStatus, c.transportFault]),
        [
          ['ok', 201, 'reset-after'],
          ['ok', 201, undefined],
        ],
      );
      assert.deepEqual(read().Tags, { team: 'a' });
    } finally {
      client.destroy();
    }
  });

  it('reset-after alone, without a resend: the effect is there and the client saw a reset', async () => {
    const { apiId, read } = seedStage();
    bed.emulator.knobs.transportFaults.push({
      fault: 'reset-after',
      operation: 'apigatewayv2:UpdateStage',
    });
    const client = v2Client({ maxAttempts: 1 });
    try {
      const reset = await rejection(
        client.send(
          new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', Description: 'landed' }),
        ),
      );
      assert.match(
        `${reset.name} ${reset.message} ${String((reset as { code?: string }).code)}`,
        /ECONNRESET|socket hang up/,
      );
      assert.equal(read().Description, 'landed');
    } finally {
      client.destroy();
    }
  });
});
