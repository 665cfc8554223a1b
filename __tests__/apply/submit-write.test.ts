/**
 * One planned write as Cloud Control receives it: the port call for its action, the applied-commit
 * tag, and a client token that names the request (the same for a resend, another for a fresh
 * submission or another basis).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientTokenOf, submitWrite, type WriteChange } from '../../src/apply/submit-write.ts';
import { APPLIED_COMMIT_TAG_KEY, STAGE_TYPE_NAME } from '../../src/model/stage.ts';
import { deleteChange, planStageChange } from '../../src/plan/build-plan.ts';
import { withOwnershipTag } from '../../src/plan/ownership.ts';
import { FakeCloudControl, fakeClock } from './fake-cloud-control.ts';
import { IDENTIFIER, REPO, prodStage } from './prod-stage.ts';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const REQUEST = { repository: REPO, commitSha: COMMIT, attempt: 1 };

/** The change the planner makes for `desired` against `live` (absent: no stage), and the fake. */
async function planned(desired: string, live?: string) {
  const fake = new FakeCloudControl(fakeClock());
  if (live !== undefined) fake.put(IDENTIFIER, withOwnershipTag(prodStage(live).properties, REPO));
  const change = planStageChange(
    prodStage(desired),
    await fake.getResource(STAGE_TYPE_NAME, IDENTIFIER),
    REPO,
  );
  if (change.action === 'no-op') throw new Error('a write was planned');
  fake.calls.length = 0;
  return { fake, change: change as WriteChange };
}

describe('clientTokenOf', () => {
  it('names the request: the same for a resend, another for the next attempt', async () => {
    const { change } = await planned('new', 'old');
    assert.equal(clientTokenOf(change, REQUEST), clientTokenOf(change, REQUEST));
    assert.notEqual(
      clientTokenOf(change, REQUEST),
      clientTokenOf(change, { ...REQUEST, attempt: 2 }),
    );
  });

  it("covers an update's basis: the same patch against another live model is another request", async () => {
    const fromOld = (await planned('new', 'old')).change;
    const fromOther = (await planned('new', 'other')).change;
    assert.notEqual(clientTokenOf(fromOld, REQUEST), clientTokenOf(fromOther, REQUEST));
    assert.notEqual(
      clientTokenOf(fromOld, REQUEST),
      clientTokenOf(fromOld, { ...REQUEST, commitSha: 'f'.repeat(40) }),
    );
  });
});

describe('submitWrite', () => {
  it('creates with the applied-commit tag and the token of the request', async () => {
    const { fake, change } = await planned('new');
    await submitWrite(fake, change, undefined, REQUEST);
    const [call] = fake.calls;
    assert.equal(call?.method, 'createResource');
    assert.equal(call?.clientToken, clientTokenOf(change, REQUEST));
    assert.deepEqual(
      (call?.desiredState?.Tags as { Key: string; Value: string }[]).find(
        (tag) => tag.Key === APPLIED_COMMIT_TAG_KEY,
      ),
      { Key: APPLIED_COMMIT_TAG_KEY, Value: COMMIT },
    );
  });

  it('patches an update against the freshest read, tagging the commit', async () => {
    const { fake, change } = await planned('new', 'old');
    await submitWrite(fake, change, undefined, REQUEST);
    const [call] = fake.calls;
    assert.equal(call?.method, 'updateResource');
    assert.equal(call?.identifier, IDENTIFIER);
    assert.ok(
      call?.patch?.some((op) => op.path === '/Description' && op.op !== 'remove'),
      JSON.stringify(call?.patch),
    );
    assert.ok(
      JSON.stringify(call?.patch).includes(COMMIT),
      'the applied-commit tag is part of the patch',
    );
  });

  it('deletes by identifier with the token of the request', async () => {
    const fake = new FakeCloudControl(fakeClock());
    fake.put(IDENTIFIER, withOwnershipTag(prodStage('old').properties, REPO));
    const live = await fake.getResource(STAGE_TYPE_NAME, IDENTIFIER);
    const change = deleteChange({ identifier: IDENTIFIER, properties: live?.properties ?? {} });
    fake.calls.length = 0;
    await submitWrite(fake, change, undefined, REQUEST);
    const [call] = fake.calls;
    assert.equal(call?.method, 'deleteResource');
    assert.equal(call?.identifier, IDENTIFIER);
    assert.equal(call?.clientToken, clientTokenOf(change, REQUEST));
  });
});
