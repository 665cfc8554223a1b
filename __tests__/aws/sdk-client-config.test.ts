import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientOptionsFor, sdkFailure } from '../../src/aws/sdk-client-config.ts';
import { requestTimeoutFor } from '../../src/retry/policy.ts';
import { TRANSPORT_ERROR } from '../../src/retry/error-codes.ts';

const serviceError = (name: string, fault: 'client' | 'server'): Error =>
  Object.assign(new Error(`${name} said no`), { name, $fault: fault, $metadata: {} });

test("a service's answer keeps its exception name and says whose fault it was", () => {
  assert.deepEqual(sdkFailure(serviceError('ConflictException', 'client')), {
    code: 'ConflictException',
    message: 'ConflictException said no',
    fault: 'client',
  });
  assert.deepEqual(sdkFailure(serviceError('InternalServerError', 'server')).fault, 'server');
});

test('no answer at all (only $metadata, or not an Error) is a transport failure', () => {
  const reset = Object.assign(new Error('socket hang up'), { name: 'Error', $metadata: {} });
  assert.deepEqual(sdkFailure(reset), {
    code: TRANSPORT_ERROR,
    message: 'socket hang up',
    fault: 'transport',
  });
  assert.deepEqual(sdkFailure('boom'), {
    code: TRANSPORT_ERROR,
    message: 'boom',
    fault: 'transport',
  });
});

test("an adapter's own exception class counts as an answer without $fault", () => {
  const error = Object.assign(new Error('nope'), { name: 'ValidationException' });
  assert.equal(sdkFailure(error).code, TRANSPORT_ERROR);
  assert.deepEqual(sdkFailure(error, true), {
    code: 'ValidationException',
    message: 'nope',
    fault: 'client',
  });
});

test('client options: region and endpoint only when given, an attempt timeout within the operation', () => {
  assert.deepEqual(clientOptionsFor({ region: undefined, operationTimeoutMs: 60_000 }), {
    requestTimeoutMs: requestTimeoutFor(60_000),
  });
  assert.deepEqual(
    clientOptionsFor({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4566',
      operationTimeoutMs: 5_000,
    }),
    {
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4566',
      requestTimeoutMs: requestTimeoutFor(5_000),
    },
  );
  assert.ok(requestTimeoutFor(5_000) <= 5_000);
});
