import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CloudControlPort } from '../../src/aws/cloud-control-port.ts';
import { listApis } from '../../src/aws/list-apis.ts';

/** A port whose list handler gives one API with its model and one as an identifier only. */
function port(calls: string[]): Pick<CloudControlPort, 'listResources' | 'getResource'> {
  return {
    listResources: async (typeName: string) => {
      calls.push(`ListResources ${typeName}`);
      return [
        { identifier: 'a1', properties: { ApiId: 'a1', Name: 'pets' } },
        { identifier: 'b2', properties: {} },
      ];
    },
    getResource: async (typeName: string, identifier: string) => {
      calls.push(`GetResource ${typeName} ${identifier}`);
      return identifier === 'b2'
        ? { identifier, properties: { ApiId: 'b2', Name: 'chat', ProtocolType: 'WEBSOCKET' } }
        : undefined;
    },
  };
}

test('lists the APIs with their names, reading in full only those listed without one', async () => {
  const calls: string[] = [];
  const apis = await listApis(port(calls) as CloudControlPort, 'AWS::ApiGatewayV2::Api');
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
