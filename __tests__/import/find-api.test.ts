/** Finding the API to import, against an object-literal Cloud Control port. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CloudControlPort, ResourceDescription } from '../../src/aws/cloud-control-port.ts';
import { apiKindOf, findApiById, findApiByName, ImportError } from '../../src/import/find-api.ts';
import { REST_STAGE, V2_STAGE } from '../../src/stage-types/index.ts';

/** A port whose list handler returns identifiers only (a list handler may: read-stages.ts). */
function portWith(apis: Record<string, Record<string, unknown>>, typeName: string) {
  const reads: string[] = [];
  const port = {
    async getResource(type: string, identifier: string) {
      reads.push(identifier);
      const properties = type === typeName ? apis[identifier] : undefined;
      return properties ? { identifier, properties } : undefined;
    },
    async listResources(type: string): Promise<ResourceDescription[]> {
      return type === typeName
        ? Object.keys(apis).map((identifier) => ({ identifier, properties: {} }))
        : [];
    },
  } as unknown as CloudControlPort;
  return { port, reads };
}

const v2Apis = {
  a1b2c3d4e5: { ApiId: 'a1b2c3d4e5', Name: 'pets-http', ProtocolType: 'HTTP' },
  f6g7h8i9j0: { ApiId: 'f6g7h8i9j0', Name: 'chat-socket', ProtocolType: 'WEBSOCKET' },
  k1l2m3n4o5: { ApiId: 'k1l2m3n4o5', Name: 'twin', ProtocolType: 'HTTP' },
  p6q7r8s9t0: { ApiId: 'p6q7r8s9t0', Name: 'twin', ProtocolType: 'WEBSOCKET' },
};

test('an API is called by its protocol when its model has one, else by its type', () => {
  assert.equal(apiKindOf(V2_STAGE, { ProtocolType: 'HTTP' }), 'HTTP API');
  assert.equal(apiKindOf(V2_STAGE, { ProtocolType: 'WEBSOCKET' }), 'WebSocket API');
  assert.equal(apiKindOf(V2_STAGE, {}), 'HTTP or WebSocket API');
  assert.equal(apiKindOf(REST_STAGE, { Name: 'payments' }), 'REST API');
});

test('an HTTP or WebSocket API by name, read in full when the listing has no names', async () => {
  const { port, reads } = portWith(v2Apis, V2_STAGE.apiTypeName);
  assert.deepEqual(await findApiByName(port, V2_STAGE, 'chat-socket', 'us-east-1', '--api-id'), {
    id: 'f6g7h8i9j0',
    name: 'chat-socket',
    kind: 'WebSocket API',
  });
  assert.equal(reads.length, 4);
  await assert.rejects(
    findApiByName(port, V2_STAGE, 'pets-htp', 'us-east-1', '--api-id'),
    new ImportError(
      'there is no HTTP or WebSocket API named pets-htp in us-east-1; did you mean pets-http?',
    ),
  );
  await assert.rejects(
    findApiByName(port, V2_STAGE, 'twin', 'us-east-1', '--api-id'),
    new ImportError(
      '2 HTTP or WebSocket APIs in us-east-1 are named twin (k1l2m3n4o5, p6q7r8s9t0); pass --api-id',
    ),
  );
  const empty = portWith({}, V2_STAGE.apiTypeName).port;
  await assert.rejects(
    findApiByName(empty, V2_STAGE, 'pets', 'eu-west-1', '--api-id'),
    new ImportError(
      'there is no HTTP or WebSocket API named pets in eu-west-1 (it has no HTTP or WebSocket APIs)',
    ),
  );
});

test('an HTTP or WebSocket API by id; a REST API id is not one', async () => {
  const { port } = portWith(v2Apis, V2_STAGE.apiTypeName);
  assert.deepEqual(await findApiById(port, V2_STAGE, 'a1b2c3d4e5', 'us-east-1'), {
    id: 'a1b2c3d4e5',
    name: 'pets-http',
    kind: 'HTTP API',
  });
  await assert.rejects(
    findApiById(port, REST_STAGE, 'a1b2c3d4e5', 'us-east-1'),
    new ImportError('there is no REST API a1b2c3d4e5 in us-east-1'),
  );
  await assert.rejects(
    findApiById(port, V2_STAGE, 'abc1234', 'us-east-1'),
    new ImportError('there is no HTTP or WebSocket API abc1234 in us-east-1'),
  );
});
