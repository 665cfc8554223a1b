import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkInput } from '../../../emulator/protocol/input.ts';
import { ServiceError } from '../../../emulator/protocol/errors.ts';

function message(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ServiceError);
    return `${error.errorName}: ${error.message}`;
  }
  return 'no error';
}

describe('checkInput', () => {
  it('accepts what the SDK sends', () => {
    checkInput('CreateResource', {
      TypeName: 'AWS::ApiGateway::Stage',
      DesiredState: '{}',
      ClientToken: '6f0c2a0e-3c51-4d27-9a60-0d5f2b8f1e11',
    });
    checkInput('ListResourceRequests', {});
  });

  it('reports missing members, lengths, patterns and ranges in coral words', () => {
    assert.equal(
      message(() => checkInput('GetResourceRequestStatus', {})),
      "ValidationException: 1 validation error detected: Value null at 'requestToken' failed to satisfy constraint: Member must not be null",
    );
    assert.equal(
      message(() =>
        checkInput('CreateResource', {
          TypeName: 'AWS::ApiGateway::Stage',
          DesiredState: '{}',
          ClientToken: 'has space',
        }),
      ),
      "ValidationException: 1 validation error detected: Value 'has space' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [-A-Za-z0-9+/=]+",
    );
    assert.match(
      message(() =>
        checkInput('ListResources', { TypeName: 'AWS::ApiGateway::Stage', MaxResults: 0 }),
      ),
      /Member must have value greater than or equal to 1/,
    );
    assert.match(
      message(() =>
        checkInput('UpdateResource', {
          TypeName: 'AWS::ApiGateway::Stage',
          Identifier: 'a|b',
          PatchDocument: '',
        }),
      ),
      /Value '\*\*\*' at 'patchDocument'.*length greater than or equal to 1/,
    );
  });

  it('answers wrongly typed members with SerializationException', () => {
    assert.match(
      message(() => checkInput('GetResource', { TypeName: 5, Identifier: 'x' })),
      /^SerializationException/,
    );
    assert.match(
      message(() => checkInput('ListResourceRequests', { ResourceRequestStatusFilter: [] })),
      /^SerializationException/,
    );
  });
});
