import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeAfterCancel } from '../../src/apply/after-cancel.ts';
import { compareByStageType } from '../../src/apply/options.ts';
import { diffStage } from '../../src/plan/compare.ts';
import type { StageChange } from '../../src/plan/types.ts';

const before = { RestApiId: 'a1', StageName: 'prod', DeploymentId: 'd1', Description: 'old' };
const after = { ...before, Description: 'new' };
const update = {
  name: 'Prod',
  identifier: 'a1|prod',
  action: 'update',
  before,
  after,
  diffs: diffStage(after, before),
  patch: [{ op: 'replace', path: '/Description', value: 'new' }],
} as unknown as Exclude<StageChange, { action: 'no-op' }>;
const remove = {
  name: 'Prod',
  identifier: 'a1|prod',
  action: 'delete',
  before,
  diffs: diffStage({}, before),
} as unknown as Exclude<StageChange, { action: 'no-op' }>;

describe('describeAfterCancel', () => {
  it('says how an update reads: as planned, as before, or otherwise (naming where)', () => {
    assert.deepEqual(describeAfterCancel(update, { properties: after }, compareByStageType), {
      asPlanned: true,
      text: 'the stage reads as planned',
    });
    assert.equal(
      describeAfterCancel(update, { properties: before }, compareByStageType).text,
      'the stage reads as it did before the write',
    );
    const halfway = describeAfterCancel(
      update,
      { properties: { ...after, Description: 'halfway' } },
      compareByStageType,
    );
    assert.equal(halfway.asPlanned, false);
    assert.match(halfway.text, /differently from the plan in Description/);
    assert.equal(describeAfterCancel(update, undefined, compareByStageType).asPlanned, false);
  });

  it('counts a delete as done only when the stage is gone', () => {
    assert.equal(describeAfterCancel(remove, undefined, compareByStageType).asPlanned, true);
    assert.deepEqual(describeAfterCancel(remove, { properties: before }, compareByStageType), {
      asPlanned: false,
      text: 'the stage still exists as read after the cancel',
    });
  });
});
