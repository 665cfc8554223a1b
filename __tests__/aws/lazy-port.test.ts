import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiGatewayV2Port } from '../../src/aws/apigatewayv2-port.ts';
import { lazyApiGatewayV2Client, lazyApiGatewayV2Port } from '../../src/aws/lazy-port.ts';

describe('lazyApiGatewayV2Port', () => {
  it('loads the adapter on the first call only, and passes every call through', async () => {
    const calls: string[] = [];
    let loads = 0;
    const port = lazyApiGatewayV2Port(async () => {
      loads += 1;
      const record =
        (name: string) =>
        async (...args: unknown[]) => {
          calls.push(`${name} ${JSON.stringify(args)}`);
        };
      const loaded: ApiGatewayV2Port = {
        updateStage: record('updateStage'),
        deleteRouteSettings: record('deleteRouteSettings'),
        deleteAccessLogSettings: record('deleteAccessLogSettings'),
        tagResource: record('tagResource'),
        untagResource: record('untagResource'),
        stageArn: async (apiId, stageName) => `arn:${apiId}/${stageName}`,
      };
      return loaded;
    });
    assert.equal(loads, 0, 'nothing is loaded until a call needs it');
    await Promise.all([
      port.updateStage('a', 's', { Description: 'd' }),
      port.deleteRouteSettings('a', 's', 'GET /x'),
    ]);
    await port.deleteAccessLogSettings('a', 's');
    await port.tagResource('arn', { k: 'v' });
    await port.untagResource('arn', ['k']);
    assert.equal(await port.stageArn('a', 's'), 'arn:a/s');
    assert.equal(loads, 1);
    assert.deepEqual(calls, [
      'updateStage ["a","s",{"Description":"d"}]',
      'deleteRouteSettings ["a","s","GET /x"]',
      'deleteAccessLogSettings ["a","s"]',
      'tagResource ["arn",{"k":"v"}]',
      'untagResource ["arn",["k"]]',
    ]);
  });
});

describe('lazyApiGatewayV2Client', () => {
  it('builds the API Gateway V2 client with the options given, on its first call', async () => {
    const port = lazyApiGatewayV2Client({ region: 'eu-west-1' });
    assert.equal(
      await port.stageArn('a1', '$default'),
      'arn:aws:apigateway:eu-west-1::/apis/a1/stages/$default',
    );
  });
});
