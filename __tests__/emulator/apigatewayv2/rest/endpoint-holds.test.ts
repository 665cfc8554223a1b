/**
 * Holds on the V2 REST endpoint (emulator/requests/holds.ts): a hold whose `operation` names a V2
 * call keeps each such call unanswered and unhandled until the hold is released, by `release()`
 * or after a matching call is answered, so "the call is still in flight" is arranged by control,
 * never by timing. The same API holds Cloud Control writes, and each kind of hold leaves the
 * other kind of call alone.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiGatewayV2Client,
  GetStageCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { startEmulator, type Hold, type RunningEmulator } from '../../../../emulator/server.ts';
import { FAKE_CREDENTIALS, rejection, startTestBed, type TestBed } from '../../harness.ts';

let bed: TestBed;
let v2: ApiGatewayV2Client;
before(async () => {
  bed = await startTestBed();
  v2 = v2Client(bed.emulator);
});
after(async () => {
  v2.destroy();
  await bed.close();
});
afterEach(() => {
  bed.emulator.clearCalls();
});

function v2Client(emulator: RunningEmulator): ApiGatewayV2Client {
  return new ApiGatewayV2Client({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: FAKE_CREDENTIALS,
    maxAttempts: 1,
  });
}

function seedStage(emulator: RunningEmulator = bed.emulator) {
  const apiId = emulator.apiGatewayV2.putApi({ Name: 'holds' });
  const deploymentId = emulator.apiGatewayV2.createDeployment(apiId);
  emulator.apiGatewayV2.putStage({ ApiId: apiId, StageName: 'prod', DeploymentId: deploymentId });
  const read = () => emulator.getReadModel('AWS::ApiGatewayV2::Stage', `${apiId}|prod`) ?? {};
  return { apiId, identifier: `${apiId}|prod`, read };
}

const update = (apiId: string, description: string) =>
  new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', Description: description });

/** Waits, by control rather than by the clock, until `hold` has caught `count` calls. */
async function caught(hold: Hold, count = 1): Promise<void> {
  while (hold.caught.length < count) await new Promise((resolve) => setImmediate(resolve));
}

function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { promise, settled: () => settled };
}

describe('holding V2 calls', () => {
  it('keeps a call unanswered and unhandled until release(), then handles and answers it', async () => {
    const { apiId, identifier, read } = seedStage();
    const hold = bed.emulator.hold({
      match: { operation: 'apigatewayv2:UpdateStage', identifier },
    });
    const call = tracked(v2.send(update(apiId, 'held')));
    await caught(hold);
    // Another call on the endpoint answers meanwhile, and sees the stage as it was.
    const during = await v2.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
    assert.equal(during.Description, undefined);
    assert.equal(call.settled(), false, 'the held call has not been answered');
    assert.equal(read().Description, undefined, 'nor handled');
    hold.release();
    const answer = await call.promise;
    assert.equal(answer.Description, 'held');
    assert.deepEqual(hold.caught, [answer.$metadata.requestId], 'caught by its request id');
    assert.equal(read().Description, 'held');
  });

  it('lets go once the call named in releaseAfter has been answered', async () => {
    const { apiId, read } = seedStage();
    const hold = bed.emulator.hold({
      match: { operation: 'apigatewayv2:UpdateStage' },
      releaseAfter: { operation: 'apigatewayv2:GetStage', outcome: 'ok' },
    });
    const call = tracked(v2.send(update(apiId, 'after the read')));
    await caught(hold);
    assert.equal(hold.state, 'holding');
    await v2.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
    await hold.released;
    assert.equal(hold.releasedBy?.operation, 'apigatewayv2:GetStage');
    assert.equal((await call.promise).Description, 'after the read');
    assert.equal(read().Description, 'after the read');
  });

  it('handles a held call on release even when its client has given up: the effect lands late', async () => {
    const { apiId, read } = seedStage();
    const hold = bed.emulator.hold({ match: { operation: 'apigatewayv2:*' } });
    const stop = new AbortController();
    const call = v2.send(update(apiId, 'late'), { abortSignal: stop.signal });
    await caught(hold);
    stop.abort();
    assert.equal((await rejection(call)).name, 'AbortError');
    assert.equal(read().Description, undefined);
    hold.release();
    while (!bed.emulator.calls.some((c) => c.operation === 'apigatewayv2:UpdateStage')) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(read().Description, 'late');
    assert.equal(bed.emulator.calls.at(-1)?.outcome, 'ok');
  });

  it('keeps holds apart: a Cloud Control hold catches no V2 call, a V2 hold no other V2 operation', async () => {
    const { apiId, read } = seedStage();
    const cloudControl = bed.emulator.hold({});
    const tags = bed.emulator.hold({ match: { operation: 'apigatewayv2:TagResource' } });
    try {
      await v2.send(update(apiId, 'not held'));
      assert.equal(read().Description, 'not held');
      assert.deepEqual([cloudControl.caught, tags.caught], [[], []]);
    } finally {
      cloudControl.release();
      tags.release();
    }
  });

  it('ends a held call, unhandled, when the emulator closes', async () => {
    const emulator = await startEmulator();
    const client = v2Client(emulator);
    try {
      const { apiId } = seedStage(emulator);
      const hold = emulator.hold({ match: { operation: 'apigatewayv2:UpdateStage' } });
      const call = client.send(update(apiId, 'never'));
      await caught(hold);
      await emulator.close();
      const closed = await rejection(call);
      assert.match(
        `${closed.name} ${closed.message} ${String((closed as { code?: string }).code)}`,
        /ECONNRESET|socket hang up|other side closed/,
      );
      assert.equal(
        emulator.calls.filter((c) => c.operation === 'apigatewayv2:UpdateStage').length,
        0,
        'never handled',
      );
    } finally {
      client.destroy();
    }
  });

  it('is available over HTTP, for an emulator in another process', async () => {
    const { apiId, read } = seedStage();
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${bed.emulator.url}/_emulator/${path}`, {
        method,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return (await response.json()) as { id: string; state: string; caught: string[] };
    };
    const created = await control('POST', 'holds', {
      match: { operation: 'apigatewayv2:UpdateStage' },
    });
    const call = v2.send(update(apiId, 'over http'));
    while ((await control('GET', `holds/${created.id}`)).caught.length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(read().Description, undefined);
    assert.equal((await control('POST', `holds/${created.id}/release`)).state, 'released');
    assert.equal((await call).Description, 'over http');
  });
});
