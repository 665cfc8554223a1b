/**
 * The emulator as an HTTP service: wire protocol, errors on the wire, the knobs (latency,
 * throttling, injected errors, server-fault status), the call record and the seeding helpers.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { ERROR_CATALOG, type ErrorName } from '../../emulator/protocol/errors.ts';
import { startEmulator } from '../../emulator/server.ts';
import {
  REST_API,
  STAGE,
  rejection,
  sdkClient,
  seedApi,
  startTestBed,
  type TestBed,
} from './harness.ts';

const SIGNED =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/cloudcontrolapi/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

let bed: TestBed;
before(async () => {
  bed = await startTestBed();
});
after(async () => {
  await bed.close();
});

async function post(target: string, body: string, authorization: string | null = SIGNED) {
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': target,
  };
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${bed.emulator.url}/`, { method: 'POST', headers, body });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('wire protocol', () => {
  it('answers AWS JSON 1.0 with a request id, epoch-second timestamps and JSON-string models', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'wire000001', 'dep001');
    const desiredState = JSON.stringify({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    const created = await post(
      'CloudApiService.CreateResource',
      JSON.stringify({ TypeName: STAGE, DesiredState: desiredState }),
    );
    assert.equal(created.status, 200);
    assert.equal(created.headers.get('content-type'), 'application/x-amz-json-1.0');
    assert.match(created.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    const event = created.body.ProgressEvent as Record<string, unknown>;
    assert.equal(typeof event.EventTime, 'number');
    assert.ok(
      Math.abs((event.EventTime as number) - Date.now() / 1000) < 3600,
      'seconds, not milliseconds',
    );
    bed.emulator.completeInFlight();
    const read = await post(
      'CloudApiService.GetResource',
      JSON.stringify({ TypeName: STAGE, Identifier: `${restApiId}|prod` }),
    );
    const description = read.body.ResourceDescription as Record<string, unknown>;
    assert.equal(typeof description.Properties, 'string');
    assert.equal(JSON.parse(description.Properties as string).StageName, 'prod');
  });

  it('refuses unsigned requests and credentials scoped to another service', async () => {
    const unsigned = await post('CloudApiService.ListResourceRequests', '{}', null);
    assert.equal(unsigned.status, 403);
    assert.deepEqual(unsigned.body, {
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      Message: 'Request is missing Authentication Token',
    });
    const notSigV4 = await post('CloudApiService.ListResourceRequests', '{}', 'Bearer abc');
    assert.equal(notSigV4.body.__type, 'com.amazon.coral.service#IncompleteSignatureException');
    const wrongService = await post(
      'CloudApiService.ListResourceRequests',
      '{}',
      SIGNED.replace('cloudcontrolapi', 'apigateway'),
    );
    assert.equal(wrongService.body.__type, 'com.amazon.coral.service#InvalidSignatureException');
    assert.equal(wrongService.status, 400);
  });

  it('answers unknown targets, malformed bodies and missing members like coral', async () => {
    const unknown = await post('CloudApiService.DescribeEverything', '{}');
    assert.equal(unknown.body.__type, 'com.amazon.coral.service#UnknownOperationException');
    const wrongPrefix = await post('Other.GetResource', '{}');
    assert.equal(wrongPrefix.body.__type, 'com.amazon.coral.service#UnknownOperationException');
    const malformed = await post('CloudApiService.GetResource', '{not json');
    assert.equal(malformed.body.__type, 'com.amazon.coral.service#SerializationException');
    const missing = await post('CloudApiService.GetResource', '{}');
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, {
      __type: 'com.amazon.cloudapiservice#ValidationException',
      Message:
        "2 validation errors detected: Value null at 'typeName' failed to satisfy constraint: Member must not be null; Value null at 'identifier' failed to satisfy constraint: Member must not be null",
    });
    const badType = await post(
      'CloudApiService.GetResource',
      JSON.stringify({ TypeName: 'Custom::StageThing', Identifier: 'x' }),
    );
    assert.match(
      String(badType.body.Message),
      /Value 'Custom::StageThing' at 'typeName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    const sensitive = await post(
      'CloudApiService.CreateResource',
      JSON.stringify({ TypeName: STAGE, DesiredState: '' }),
    );
    assert.match(String(sensitive.body.Message), /Value '\*\*\*' at 'desiredState'/);
  });
});

describe('errors on the wire', () => {
  it('delivers every exception the emulator can send to the SDK under its own name', async () => {
    const noRetry = sdkClient(bed.emulator.url, { maxAttempts: 1 });
    try {
      for (const errorName of Object.keys(ERROR_CATALOG) as ErrorName[]) {
        bed.emulator.knobs.injectedErrors.push({
          errorName,
          operation: 'ListResources',
          message: `injected ${errorName}`,
          times: 1,
        });
        const error = await rejection(
          noRetry.send(new ListResourcesCommand({ TypeName: REST_API })),
        );
        assert.equal(error.name, errorName);
        assert.equal(error.message, `injected ${errorName}`);
        const spec = ERROR_CATALOG[errorName] as {
          fault: string;
          modelStatus: number;
          liveStatus?: number;
        };
        const expected = spec.fault === 'server' ? spec.modelStatus : (spec.liveStatus ?? 400);
        assert.equal(error.$metadata?.httpStatusCode, expected, errorName);
      }
    } finally {
      noRetry.destroy();
      bed.emulator.knobs.injectedErrors.length = 0;
    }
  });

  it('makes the server-fault status a knob, which decides whether the SDK retries', async () => {
    const rule = {
      errorName: 'HandlerInternalFailureException' as const,
      operation: 'GetResource' as const,
      times: 1,
    };
    const restApiId = bed.emulator.putRestApi({ Name: 'retry' });
    bed.emulator.knobs.injectedErrors.push({ ...rule });
    const retried = await bed.client.send(
      new GetResourceCommand({ TypeName: REST_API, Identifier: restApiId }),
    );
    assert.equal(retried.$metadata.attempts, 2, '502 is retried by the SDK');
    bed.emulator.knobs.serverFaultStatus = 400;
    bed.emulator.knobs.injectedErrors.push({ ...rule });
    try {
      const error = await rejection(
        bed.client.send(new GetResourceCommand({ TypeName: REST_API, Identifier: restApiId })),
      );
      assert.equal(error.name, 'HandlerInternalFailureException');
      assert.equal(error.$metadata?.httpStatusCode, 400);
      assert.equal(error.$metadata?.attempts, 1, 'not retried as a 400');
    } finally {
      delete bed.emulator.knobs.serverFaultStatus;
      bed.emulator.knobs.injectedErrors.length = 0;
    }
  });

  it('limits injected errors to the operation and identifier chosen', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'inje000001', 'dep002');
    const target = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'target',
      DeploymentId: deploymentId,
    });
    const bystander = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'bystander',
      DeploymentId: deploymentId,
    });
    bed.emulator.knobs.injectedErrors.push({
      errorName: 'AccessDeniedException',
      operation: 'GetResource',
      identifier: target,
    });
    try {
      const denied = await rejection(
        bed.client.send(new GetResourceCommand({ TypeName: STAGE, Identifier: target })),
      );
      assert.equal(denied.name, 'AccessDeniedException');
      const fine = await bed.client.send(
        new GetResourceCommand({ TypeName: STAGE, Identifier: bystander }),
      );
      assert.equal(fine.ResourceDescription?.Identifier, bystander);
    } finally {
      bed.emulator.knobs.injectedErrors.length = 0;
    }
  });
});

describe('throttling knobs', () => {
  it('answers calls beyond a class bucket with ThrottlingException "Rate exceeded", other classes unaffected', async () => {
    const throttled = await startTestBed(
      { rateLimits: { read: 0.001 }, burstCapacity: { read: 3 } },
      { maxAttempts: 1 },
    );
    try {
      const restApiId = throttled.emulator.putRestApi({ Name: 'limited' });
      const get = () =>
        throttled.client.send(
          new GetResourceCommand({ TypeName: REST_API, Identifier: restApiId }),
        );
      for (let i = 0; i < 3; i += 1) await get();
      const error = await rejection(get());
      assert.equal(error.name, 'ThrottlingException');
      assert.equal(error.message, 'Rate exceeded');
      assert.equal(error.$metadata?.httpStatusCode, 400);
      const listRequests = await fetch(`${throttled.emulator.url}/`, {
        method: 'POST',
        headers: { 'x-amz-target': 'CloudApiService.ListResourceRequests', authorization: SIGNED },
        body: '{}',
      });
      assert.equal(listRequests.status, 200, 'status polls have their own bucket');
      throttled.emulator.knobs.rateLimits = {};
      await get();
      const outcomes = throttled.emulator.calls
        .filter((call) => call.operation === 'GetResource')
        .map((call) => call.outcome);
      assert.deepEqual(outcomes, ['ok', 'ok', 'ok', 'ThrottlingException', 'ok']);
    } finally {
      await throttled.close();
    }
  });

  it('throttles a seeded share of calls at random, the same calls for the same seed', async () => {
    const pattern = async (seed: number) => {
      const emulator = await startEmulator({ knobs: { randomThrottleShare: 0.5, seed } });
      try {
        for (let i = 0; i < 24; i += 1) {
          const response = await fetch(`${emulator.url}/`, {
            method: 'POST',
            headers: {
              'x-amz-target': 'CloudApiService.ListResourceRequests',
              authorization: SIGNED,
            },
            body: '{}',
          });
          await response.arrayBuffer();
        }
        return emulator.calls.map((call) => call.outcome);
      } finally {
        await emulator.close();
      }
    };
    const first = await pattern(42);
    assert.deepEqual(await pattern(42), first);
    assert.ok(first.includes('ThrottlingException') && first.includes('ok'));
    assert.notDeepEqual(await pattern(7), first);
  });

  it('lets the SDK retry through random throttling', async () => {
    // With seed 35 the first draw throttles and the next two do not.
    const flaky = await startTestBed({ randomThrottleShare: 0.5, seed: 35 });
    try {
      const restApiId = flaky.emulator.putRestApi({ Name: 'flaky' });
      const result = await flaky.client.send(
        new GetResourceCommand({ TypeName: REST_API, Identifier: restApiId }),
      );
      assert.equal(result.ResourceDescription?.Identifier, restApiId);
      assert.equal(result.$metadata.attempts, 2);
      assert.deepEqual(
        flaky.emulator.calls.map((call) => call.outcome),
        ['ThrottlingException', 'ok'],
      );
    } finally {
      await flaky.close();
    }
  });
});

describe('call record and helpers', () => {
  it('records operation, type, identifier, token, time and outcome of each call', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'call000001', 'dep003');
    const identifier = bed.emulator.putStage({
      RestApiId: restApiId,
      StageName: 'prod',
      DeploymentId: deploymentId,
    });
    bed.emulator.clearCalls();
    const before = Date.now();
    await bed.client.send(new GetResourceCommand({ TypeName: STAGE, Identifier: identifier }));
    await rejection(
      bed.client.send(new GetResourceCommand({ TypeName: STAGE, Identifier: `${restApiId}|nope` })),
    );
    const [ok, missing] = bed.emulator.calls;
    assert.equal(bed.emulator.calls.length, 2);
    assert.deepEqual(
      { ...ok, time: undefined },
      {
        operation: 'GetResource',
        typeName: STAGE,
        identifier,
        time: undefined,
        outcome: 'ok',
        httpStatus: 200,
        latencyMs: 0,
      },
    );
    assert.ok((ok?.time.getTime() ?? 0) >= before - 1);
    assert.equal(missing?.outcome, 'ResourceNotFoundException');
    assert.equal(missing?.httpStatus, 400);
  });

  it('applies the latency knob to calls (read from the record, not timed) and seeds through helpers', async () => {
    bed.emulator.knobs.latencyMs = 15;
    bed.emulator.clearCalls();
    try {
      const restApiId = bed.emulator.putRestApi();
      assert.match(restApiId, /^[a-z0-9]{10}$/);
      const deploymentId = bed.emulator.putDeployment(restApiId);
      assert.match(deploymentId, /^[a-z0-9]{6}$/);
      const identifier = bed.emulator.putStage({
        RestApiId: restApiId,
        StageName: 'seeded',
        DeploymentId: deploymentId,
        Tags: [],
      });
      assert.deepEqual(bed.emulator.getStoredModel(STAGE, identifier)?.Tags, []);
      assert.equal('Tags' in (bed.emulator.getReadModel(STAGE, identifier) ?? {}), false);
      const result = await bed.client.send(
        new GetResourceCommand({ TypeName: STAGE, Identifier: identifier }),
      );
      assert.equal(result.ResourceDescription?.Identifier, identifier);
      assert.deepEqual(
        bed.emulator.calls.map((call) => call.latencyMs),
        [15],
      );
    } finally {
      bed.emulator.knobs.latencyMs = 0;
    }
  });

  it('binds 127.0.0.1 on the port asked for and closes cleanly with requests in flight', async () => {
    const emulator = await startEmulator({ knobs: { operationDurationMs: 60_000 } });
    assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
    const { restApiId, deploymentId } = seedApi(emulator);
    const client = sdkClient(emulator.url);
    await client.send(
      new (await import('@aws-sdk/client-cloudcontrol')).CreateResourceCommand({
        TypeName: STAGE,
        DesiredState: JSON.stringify({
          RestApiId: restApiId,
          StageName: 'x',
          DeploymentId: deploymentId,
        }),
      }),
    );
    client.destroy();
    await emulator.close();
    await assert.rejects(fetch(`${emulator.url}/`, { method: 'POST' }));
  });
});
