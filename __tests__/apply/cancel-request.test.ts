/**
 * Cancelling a request, as AWS answers a cancel (docs/reference/aws-recorded-behaviour.md facts
 * 10 and 11): a running request is cancelled, one that finished first is refused with "already
 * in status", and only a fresh read says what the stage is afterwards.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cancelRequest, readAfterCancel } from '../../src/apply/cancel-request.ts';
import type { WriteChange } from '../../src/apply/submit-write.ts';
import { compareByStageType } from '../../src/apply/options.ts';
import { CloudControlError } from '../../src/aws/cloud-control-port.ts';
import { STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import { planStageChange } from '../../src/plan/build-plan.ts';
import { withOwnershipTag } from '../../src/plan/ownership.ts';
import { FakeCloudControl, fakeClock } from './fake-cloud-control.ts';
import { IDENTIFIER, REPO, prodStage } from './prod-stage.ts';

/** A fake with the stage as it was, the planned update, and that update running (it never settles). */
async function running() {
  const fake = new FakeCloudControl(fakeClock());
  fake.put(IDENTIFIER, withOwnershipTag(prodStage('old').properties, REPO));
  const update = planStageChange(
    prodStage('new'),
    await fake.getResource(STAGE_TYPE_NAME, IDENTIFIER),
    REPO,
  );
  assert.equal(update.action, 'update');
  fake.script(IDENTIFIER, 'UPDATE', { kind: 'hang' });
  const event = await fake.updateResource(STAGE_TYPE_NAME, IDENTIFIER, [], 'token-1');
  return { fake, update: update as WriteChange, requestToken: event.requestToken };
}

/** Cloud Control's answer to a cancel of a request that has already settled. */
function refuseCancelAsAlready(fake: Awaited<ReturnType<typeof running>>['fake'], status: string) {
  fake.cancelResourceRequest = async (token) => {
    throw new CloudControlError(
      'ValidationException',
      `Request ${token} is already in status ${status}`,
    );
  };
}

describe('cancelRequest', () => {
  it('cancels a running request and says so, with no final event', async () => {
    const { fake, update, requestToken } = await running();
    const outcome = await cancelRequest(fake, update, requestToken);
    assert.deepEqual(outcome, { note: 'cancel requested (CANCEL_IN_PROGRESS)' });
    assert.equal(fake.count('cancelResourceRequest'), 1);
  });

  it('takes "already in status SUCCESS" for a request that finished first, without reading it', async () => {
    const { fake, update, requestToken } = await running();
    refuseCancelAsAlready(fake, 'SUCCESS');
    const outcome = await cancelRequest(fake, update, requestToken);
    assert.equal(outcome.note, 'cancel too late (SUCCESS)');
    assert.deepEqual(outcome.finished, {
      typeName: STAGE_TYPE_NAME,
      requestToken,
      operation: 'UPDATE',
      status: 'SUCCESS',
    });
    assert.equal(fake.count('getResourceRequestStatus'), 0);
  });

  it('reads the final event of a request refused as "already in status FAILED", for its code', async () => {
    const { fake, update, requestToken } = await running();
    refuseCancelAsAlready(fake, 'FAILED');
    fake.getResourceRequestStatus = async (token) => ({
      typeName: STAGE_TYPE_NAME,
      requestToken: token,
      operation: 'UPDATE',
      status: 'FAILED',
      errorCode: 'InvalidRequest',
      statusMessage: 'Invalid deployment',
    });
    const outcome = await cancelRequest(fake, update, requestToken);
    assert.equal(outcome.note, 'cancel too late (FAILED)');
    assert.equal(outcome.finished?.errorCode, 'InvalidRequest');
  });

  it('keeps the FAILED it was told when the final event cannot be read', async () => {
    const { fake, update, requestToken } = await running();
    refuseCancelAsAlready(fake, 'FAILED');
    fake.getResourceRequestStatus = async () => {
      throw new CloudControlError('ThrottlingException', 'Rate exceeded');
    };
    const outcome = await cancelRequest(fake, update, requestToken);
    assert.equal(outcome.finished?.status, 'FAILED');
    assert.equal(outcome.finished?.errorCode, undefined);
  });

  it('names a cancel that failed otherwise, and claims nothing about the request', async () => {
    const { fake, update, requestToken } = await running();
    fake.cancelResourceRequest = async () => {
      throw new CloudControlError('ThrottlingException', 'Rate exceeded');
    };
    const outcome = await cancelRequest(fake, update, requestToken);
    assert.deepEqual(outcome, { note: 'cancel failed (ThrottlingException: Rate exceeded)' });
  });
});

describe('readAfterCancel', () => {
  it('says how the stage reads after the cancel (a cancel is no rollback)', async () => {
    const { fake, update } = await running();
    if (update.action !== 'update') throw new Error('an update was planned');
    fake.put(IDENTIFIER, update.after);
    const read = await readAfterCancel(fake, update, compareByStageType);
    assert.deepEqual(read, { asPlanned: true, text: 'the stage reads as planned' });
  });

  it('never claims the stage is unchanged when it cannot be read', async () => {
    const { fake, update } = await running();
    fake.getResource = async () => {
      throw new CloudControlError('AccessDeniedException', 'not allowed');
    };
    const read = await readAfterCancel(fake, update, compareByStageType);
    assert.equal(read.asPlanned, false);
    assert.match(
      read.text,
      /could not be read after the cancel \(AccessDeniedException: not allowed\): it may have changed/,
    );
  });
});
