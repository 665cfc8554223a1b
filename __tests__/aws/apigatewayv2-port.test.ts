import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partitionOf, v2StageArn } from '../../src/aws/apigatewayv2-port.ts';

describe('v2StageArn', () => {
  it('names the stage with no account, in its region’s partition (evidence item 20)', () => {
    assert.equal(
      v2StageArn('us-east-1', 'z1mf4h761f', '$default'),
      'arn:aws:apigateway:us-east-1::/apis/z1mf4h761f/stages/$default',
    );
    assert.equal(
      v2StageArn('cn-northwest-1', 'jt9zvy5llc', 'live'),
      'arn:aws-cn:apigateway:cn-northwest-1::/apis/jt9zvy5llc/stages/live',
    );
    assert.equal(
      v2StageArn('us-gov-west-1', 'jt9zvy5llc', 'live'),
      'arn:aws-us-gov:apigateway:us-gov-west-1::/apis/jt9zvy5llc/stages/live',
    );
  });

  it('keeps the commercial partition for every other region', () => {
    for (const region of ['eu-central-1', 'ap-southeast-5', 'us-west-2', 'me-central-1'])
      assert.equal(partitionOf(region), 'aws', region);
  });
});
