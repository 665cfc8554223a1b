import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import { listApis } from '../../src/aws/list-apis.ts';

/** A port whose list handler gives one API with its model and one as an identifier only. */
function port(calls: string[]): CloudControlPort {
  return {
    listResources: async (typeName) => {
      calls.push(`ListResources ${typeName}`);
      return [
        { identifier: 'a1', properties: { ApiId: 'a1', Name: 'pets' } },
        { identifier: 'b2', properties: {} },
      ];
    },
    getResource: async (typeName, identifier) => {
      calls.push(`GetResource ${typeName} ${identifier}`);
      return identifier === 'b2'
        ? { identifier, properties: { ApiId: 'b2', Name: 'chat', ProtocolType: 'WEBSOCKET' } }
        : undefined;
    },
  } as unknown as CloudControlPort;
}

test('lists the APIs with their names, reading in full only those listed without one', async () => {
  const calls: string[] = [];
  const apis = await listApis(port(calls), 'AWS::ApiGatewayV2::Api');
  assert.deepEqual(
    apis.map((api) => [api.id, api.name, api.properties.ProtocolType]),
    [
      ['a1', 'pets', undefined],
      ['b2', 'chat', 'WEBSOCKET'],
    ],
  );
  assert.deepEqual(calls, [
    'ListResources AWS::ApiGatewayV2::Api',
    'GetResource AWS::ApiGatewayV2::Api b2',
  ]);
});
