/**
 * Holds (emulator/requests/holds.ts): a test keeps a write in progress for as long as it needs,
 * whatever its duration and however slow the machine, and releases it by hand or when a named
 * call has been answered.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  GetResourceRequestStatusCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import {
  STAGE,
  rejection,
  seedApi,
  startTestBed,
  waitForTerminal,
  type TestBed,
} from '../harness.ts';

let bed: TestBed;
before(async () => {
  // Operations take no time at all: only a hold can keep one running.
  bed = await startTestBed({ operationDurationMs: 0 });
});
after(() => bed.close());

const status = async (token: string) =>
  (await bed.client.send(new GetResourceRequestStatusCommand({ RequestToken: token })))
    .ProgressEvent?.OperationStatus;

async function createStage(restApiId: string, stageName: string, deploymentId: string) {
  const { ProgressEvent } = await bed.client.send(
    new CreateResourceCommand({
      TypeName: STAGE,
      DesiredState: JSON.stringify({
        RestApiId: restApiId,
        StageName: stageName,
        DeploymentId: deploymentId,
      }),
    }),
  );
  return ProgressEvent?.RequestToken as string;
}

const describeUpdate = (identifier: string) =>
  new UpdateResourceCommand({
    TypeName: STAGE,
    Identifier: identifier,
    PatchDocument: JSON.stringify([{ op: 'add', path: '/Description', value: 'x' }]),
  });

describe('holds', () => {
  it('keep a matching write in progress past its duration until released, then finish it', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'hold000001', 'dep801');
    const hold = bed.emulator.hold({
      match: { identifier: `${restApiId}|held`, operation: 'CREATE' },
    });
    const held = await createStage(restApiId, 'held', deploymentId);
    const free = await createStage(restApiId, 'free', deploymentId);
    assert.equal((await waitForTerminal(bed.client, free)).OperationStatus, 'SUCCESS');
    bed.emulator.completeInFlight();
    assert.equal(await status(held), 'IN_PROGRESS', 'neither time nor completeInFlight ends it');
    assert.deepEqual(hold.caught, [held]);
    const error = await rejection(bed.client.send(describeUpdate(`${restApiId}|held`)));
    assert.equal(error.name, 'ConcurrentOperationException', 'it still holds the stage');
    hold.release();
    await hold.released;
    assert.equal(hold.state, 'released');
    assert.equal(await status(held), 'SUCCESS');
    assert.equal(bed.emulator.getStoredModel(STAGE, `${restApiId}|held`)?.StageName, 'held');
  });

  it('release themselves right after the emulator answers the named call', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'hold000002', 'dep802');
    const identifier = `${restApiId}|prod`;
    bed.emulator.putStage({ RestApiId: restApiId, StageName: 'prod', DeploymentId: deploymentId });
    const hold = bed.emulator.hold({
      match: { identifier },
      releaseAfter: {
        operation: 'UpdateResource',
        identifier,
        outcome: 'ConcurrentOperationException',
      },
    });
    const { ProgressEvent: theirs } = await bed.client.send(describeUpdate(identifier));
    const token = theirs?.RequestToken as string;
    await bed.client.send(new GetResourceRequestStatusCommand({ RequestToken: token }));
    assert.equal(hold.state, 'holding', 'calls that do not match leave it held');
    // The named call sees the operation running; the hold lets go once it is answered.
    const error = await rejection(bed.client.send(describeUpdate(identifier)));
    assert.equal(error.name, 'ConcurrentOperationException');
    assert.equal(hold.state, 'released');
    assert.equal(hold.releasedBy?.operation, 'UpdateResource');
    assert.equal(await status(token), 'SUCCESS');
    const { ProgressEvent: next } = await bed.client.send(describeUpdate(identifier));
    assert.equal(
      (await waitForTerminal(bed.client, next?.RequestToken as string)).OperationStatus,
      'SUCCESS',
      'a released hold catches nothing more',
    );
  });

  it('catch a request that is already running, by its token', async () => {
    const { restApiId, deploymentId } = seedApi(bed.emulator, 'hold000003', 'dep803');
    bed.emulator.knobs.operationDurationMs = 60_000;
    try {
      const token = await createStage(restApiId, 'late', deploymentId);
      const hold = bed.emulator.hold({ match: { requestToken: token } });
      bed.emulator.completeInFlight();
      assert.equal(await status(token), 'IN_PROGRESS');
      assert.deepEqual(hold.caught, [token]);
      hold.release();
      assert.equal(await status(token), 'SUCCESS', 'its time came while held: it ends at release');
    } finally {
      bed.emulator.knobs.operationDurationMs = 0;
    }
  });
});
