/**
 * The control surface over HTTP (emulator/control/routes.ts): holds for tests whose emulator runs
 * in another process, next to Cloud Control's `POST /` on the same port.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
} from '@aws-sdk/client-cloudcontrol';
import { STAGE, seedApi, startTestBed, type TestBed } from '../harness.ts';

let bed: TestBed;
before(async () => {
  bed = await startTestBed({ operationDurationMs: 0 });
});
after(() => bed.close());

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${bed.emulator.url}/_emulator/${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('control surface', () => {
  it('starts, shows and releases a hold over HTTP, and records no Cloud Control call', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'ctrl000001', 'dep811');
    bed.emulator.clearCalls();
    const created = await control('POST', 'holds', {
      match: { typeName: STAGE, operation: 'CREATE' },
    });
    assert.equal(created.status, 201);
    const id = created.body.id as string;
    const { ProgressEvent } = await bed.client.send(
      new CreateResourceCommand({
        TypeName: STAGE,
        DesiredState: JSON.stringify({
          RestApiId: restApiId,
          StageName: 'p',
          DeploymentId: deploymentId,
        }),
      }),
    );
    const token = ProgressEvent?.RequestToken as string;
    const shown = await control('GET', `holds/${id}`);
    assert.deepEqual([shown.body.state, shown.body.caught], ['holding', [token]]);
    await control('POST', 'complete-in-flight');
    const status = async () =>
      (await bed.client.send(new GetResourceRequestStatusCommand({ RequestToken: token })))
        .ProgressEvent?.OperationStatus;
    assert.equal(await status(), 'IN_PROGRESS');
    const released = await control('POST', `holds/${id}/release`);
    assert.equal(released.body.state, 'released');
    assert.equal(await status(), 'SUCCESS');
    assert.deepEqual(
      bed.emulator.calls.map((call) => call.operation),
      ['CreateResource', 'GetResourceRequestStatus', 'GetResourceRequestStatus'],
    );
  });

  it('releases a hold when the call named in releaseAfter is answered', async () => {
    const created = await control('POST', 'holds', {
      match: { operation: 'DELETE' },
      releaseAfter: { operation: 'ListResourceRequests' },
    });
    await bed.client
      .send(new GetResourceRequestStatusCommand({ RequestToken: 'none' }))
      .catch(() => undefined);
    assert.equal((await control('GET', `holds/${created.body.id}`)).body.state, 'holding');
    await bed.client.send(new ListResourceRequestsCommand({}));
    const shown = await control('GET', `holds/${created.body.id}`);
    assert.equal(shown.body.state, 'released');
    assert.equal(
      (shown.body.releasedBy as Record<string, unknown>).operation,
      'ListResourceRequests',
    );
  });

  it('answers 404 for an unknown hold or route and 400 for a malformed body', async () => {
    assert.equal((await control('GET', 'holds/hold-999')).status, 404);
    assert.equal((await control('POST', 'nothing')).status, 404);
    assert.equal((await control('POST', 'holds', [1])).status, 400);
  });
});
