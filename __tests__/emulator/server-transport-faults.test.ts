/**
 * The emulator's transport faults (knobs.ts, `transportFaults`): a call that never answers, a
 * connection reset before the call is handled, and one reset after it was handled. Driven by the
 * unmodified SDK, with retries off where the test looks at one attempt.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
} from '@aws-sdk/client-cloudcontrol';
import { STAGE, rejection, sdkClient, seedApi, startTestBed, type TestBed } from './harness.ts';

let bed: TestBed;
before(async () => {
  bed = await startTestBed();
});
after(async () => {
  await bed.close();
});

function createStage(stageName: string, clientToken: string): CreateResourceCommand {
  const { restApiId, deploymentId } = seedApi(bed.emulator, 'tran000001', 'dep003');
  return new CreateResourceCommand({
    TypeName: STAGE,
    DesiredState: JSON.stringify({
      RestApiId: restApiId,
      StageName: stageName,
      DeploymentId: deploymentId,
    }),
    ClientToken: clientToken,
  });
}

describe('transport faults', () => {
  it('hang: the call is recorded, never answered, and leaves no effect', async () => {
    bed.emulator.knobs.transportFaults.push({ fault: 'hang', operation: 'CreateResource' });
    const stop = new AbortController();
    const client = sdkClient(bed.emulator.url, { maxAttempts: 1 });
    let settled = false;
    const call = client.send(createStage('hung', 'token-hang'), { abortSignal: stop.signal });
    call.then(
      () => (settled = true),
      () => (settled = true),
    );
    try {
      // The record is written when the emulator decides not to answer; wait for it by polling
      // the record, not the clock.
      while (!bed.emulator.calls.some((c) => c.transportFault === 'hang')) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      // A status call on the same emulator answers, so the hung call is not just slow to reach it.
      await rejection(
        client.send(new GetResourceRequestStatusCommand({ RequestToken: 'unknown' })),
      );
      assert.equal(settled, false, 'the hung call has not been answered');
      stop.abort();
      assert.equal((await rejection(call)).name, 'AbortError');
      const record = bed.emulator.calls.find((c) => c.transportFault === 'hang');
      assert.equal(record?.outcome, 'not-handled');
      assert.equal(bed.emulator.getReadModel(STAGE, 'tran000001|hung'), undefined);
    } finally {
      bed.emulator.knobs.transportFaults.length = 0;
      client.destroy();
    }
  });

  it('reset-before: the client sees a reset, and nothing was handled', async () => {
    bed.emulator.knobs.transportFaults.push({ fault: 'reset-before', operation: 'GetResource' });
    const client = sdkClient(bed.emulator.url, { maxAttempts: 1 });
    try {
      const reset = await rejection(
        client.send(new GetResourceCommand({ TypeName: STAGE, Identifier: 'tran000001|none' })),
      );
      assert.match(
        `${reset.name} ${reset.message} ${String((reset as { code?: string }).code)}`,
        /ECONNRESET|socket hang up/,
      );
      assert.deepEqual(
        bed.emulator.calls.filter((c) => c.operation === 'GetResource').map((c) => c.outcome),
        ['not-handled'],
      );
    } finally {
      bed.emulator.knobs.transportFaults.length = 0;
      bed.emulator.clearCalls();
      client.destroy();
    }
  });

  it('reset-after: the write takes effect though its answer is lost, and a resend with the same client token returns that request', async () => {
    bed.emulator.knobs.transportFaults.push({
      fault: 'reset-after',
      operation: 'CreateResource',
      times: 1,
    });
    // The SDK's default retries resend the identical request after the reset.
    const client = sdkClient(bed.emulator.url);
    try {
      const answer = await client.send(createStage('lost', 'token-lost'));
      const creates = bed.emulator.calls.filter((c) => c.operation === 'CreateResource');
      assert.deepEqual(
        creates.map((c) => [c.outcome, c.transportFault, c.clientToken]),
        [
          ['ok', 'reset-after', 'token-lost'],
          ['ok', undefined, 'token-lost'],
        ],
      );
      assert.equal(answer.ProgressEvent?.RequestToken, creates[0]?.requestToken);
      bed.emulator.completeInFlight();
      assert.ok(bed.emulator.getReadModel(STAGE, 'tran000001|lost'), 'the stage exists');
    } finally {
      bed.emulator.knobs.transportFaults.length = 0;
      bed.emulator.clearCalls();
      client.destroy();
    }
  });
});
