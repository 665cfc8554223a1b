import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ServiceError,
  handlerFailureError,
  toWireError,
} from '../../../emulator/protocol/errors.ts';

describe('toWireError', () => {
  it('sends client faults as 400 under the Cloud Control namespace', () => {
    assert.deepEqual(toWireError(new ServiceError('ResourceNotFoundException', 'gone')), {
      status: 400,
      body: { __type: 'com.amazon.cloudapiservice#ResourceNotFoundException', Message: 'gone' },
    });
    assert.equal(toWireError(new ServiceError('ThrottlingException', 'Rate exceeded')).status, 400);
  });

  it("sends server faults with the model's status unless the knob overrides it", () => {
    assert.equal(toWireError(new ServiceError('HandlerInternalFailureException', 'x')).status, 502);
    assert.equal(toWireError(new ServiceError('ConcurrentModificationException', 'x')).status, 500);
    assert.equal(toWireError(new ServiceError('NetworkFailureException', 'x'), 503).status, 503);
    assert.equal(toWireError(new ServiceError('InvalidRequestException', 'x'), 503).status, 400);
  });

  it('uses the coral namespace for front-door errors', () => {
    assert.deepEqual(
      toWireError(
        new ServiceError(
          'MissingAuthenticationTokenException',
          'Request is missing Authentication Token',
        ),
      ),
      {
        status: 403,
        body: {
          __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
          Message: 'Request is missing Authentication Token',
        },
      },
    );
  });
});

describe('handlerFailureError', () => {
  it('wraps the handler message in the envelope Cloud Control uses', () => {
    const error = handlerFailureError(
      'AWS::ApiGateway::Stage',
      'NotFound',
      'Invalid stage identifier specified',
      'tok',
    );
    assert.equal(error.errorName, 'ResourceNotFoundException');
    assert.equal(
      error.message,
      'AWS::ApiGateway::Stage Handler returned status FAILED: Invalid stage identifier specified (HandlerErrorCode: NotFound, RequestToken: tok)',
    );
    assert.equal(
      handlerFailureError('T', 'InternalFailure', 'x', 't').errorName,
      'HandlerInternalFailureException',
    );
  });
});
