import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CloudControlError } from '../../src/aws/cloud-control-port.ts';
import { failureLine } from '../../src/cli/failure-line.ts';

/** The messages the SDK gives, as cloud-control-client.ts wraps them (seen with the bundled CLI). */
const network = (message: string) =>
  new CloudControlError('NetworkError', `GetResource abc1234|prod: ${message}`);

test('a missing region, missing credentials or an absent endpoint each say what to set', () => {
  assert.equal(
    failureLine(network('Region is missing')),
    'GetResource abc1234|prod failed: no AWS region is set; set AWS_REGION or pass --region',
  );
  assert.equal(
    failureLine(network('Could not load credentials from any providers')),
    'GetResource abc1234|prod failed: no AWS credentials were found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE); any values work against the emulator',
  );
  assert.equal(
    failureLine(network('connect ECONNREFUSED 127.0.0.1:4999'), {
      endpoint: 'http://127.0.0.1:4999',
    }),
    'GetResource abc1234|prod failed: nothing is listening at http://127.0.0.1:4999; start the emulator (npm run emulator) or fix --endpoint / AWS_ENDPOINT_URL_CLOUDCONTROL',
  );
  assert.match(
    failureLine(network('getaddrinfo ENOTFOUND cloudcontrolapi.us-east-1.amazonaws.com')),
    /cannot resolve cloudcontrolapi\.us-east-1\.amazonaws\.com; check the network and AWS_REGION, or set AWS_ENDPOINT_URL_CLOUDCONTROL/,
  );
});

test("AWS's own refusals name the exception and the remedy", () => {
  assert.match(
    failureLine(
      new CloudControlError(
        'UnrecognizedClientException',
        'ListResources AWS::ApiGateway::Stage: The security token included in the request is invalid.',
      ),
    ),
    /^ListResources AWS::ApiGateway::Stage failed: AWS rejected the credentials \(UnrecognizedClientException: The security token included in the request is invalid\.\); refresh them/,
  );
  assert.match(
    failureLine(new CloudControlError('AccessDeniedException', 'GetResource x|y: not authorized')),
    /access denied \(not authorized\); the role needs the Cloud Control actions in the README's IAM policy/,
  );
  assert.equal(
    failureLine(
      new CloudControlError(
        'ValidationException',
        'GetResource x|y: ClientCertificateId credential',
      ),
    ),
    'GetResource x|y failed: ValidationException: ClientCertificateId credential',
    "AWS's answer is never mistaken for the SDK's missing-credentials error",
  );
  assert.equal(
    failureLine(new CloudControlError('ValidationException', 'GetResource x|y: bad\nsecond line')),
    'GetResource x|y failed: ValidationException: bad',
  );
});

test('every line is one line, and a bug points at --debug', () => {
  assert.equal(
    failureLine(new TypeError('x is not a function\n  at y')),
    'x is not a function (run again with --debug for the stack trace)',
  );
  assert.equal(
    failureLine(new TypeError('x is not a function'), { debug: true }),
    'x is not a function',
  );
  assert.ok(!failureLine(network('a\nb')).includes('\n'));
});
