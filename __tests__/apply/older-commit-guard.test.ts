import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPlan, type ApplyOptions } from '../../src/apply/apply-plan.ts';
import { guardOlderCommit, type CommitOrder } from '../../src/apply/older-commit-guard.ts';
import { STAGE_TYPE_NAME, type DesiredStage } from '../../src/model/stage.ts';
import { planStageChange } from '../../src/plan/build-plan.ts';
import { withOwnershipTag } from '../../src/plan/ownership.ts';
import type { Plan, StageChange } from '../../src/plan/types.ts';
import { FakeCloudControl, fakeClock } from './fake-cloud-control.ts';

const REPO = 'acme/api';
const OLDER = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const NEWER = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const ID = 'api1|prod';

const spec = (description: string): DesiredStage => ({
  name: 'Prod',
  identifier: ID,
  properties: {
    RestApiId: 'api1',
    StageName: 'prod',
    DeploymentId: 'd1',
    Description: description,
  },
  source: { file: 'stages.yml', line: 1, column: 1 },
});

/** What AWS holds after an apply of `description` from commit `commit`. */
const appliedFrom = (description: string, commit: string) => {
  const owned = withOwnershipTag(spec(description).properties, REPO);
  return {
    ...owned,
    Tags: [...(owned.Tags as unknown[]), { Key: 'stage-sync:commit', Value: commit }],
  };
};

function planOf(change: StageChange): Plan {
  return {
    target: 't',
    repository: REPO,
    changes: [change],
    counts: { create: 0, update: change.action === 'update' ? 1 : 0, delete: 0, noOp: 0 },
    prune: { enabled: false, skippedUnmanaged: [], skippedForeign: [] },
    previousSpecs: { status: 'unavailable', reason: 'not part of these tests' },
    hash: 'sha256:test',
  };
}

/** The older commit's apply, planned against what the fake holds, judged by `order`. */
async function applyOlder(
  fake: FakeCloudControl,
  order: CommitOrder,
  extra: Partial<ApplyOptions> = {},
) {
  const asked: [string, string][] = [];
  const live = await fake.getResource(STAGE_TYPE_NAME, ID);
  const plan = planOf(planStageChange(spec('old'), live, REPO));
  fake.calls.length = 0;
  const result = await applyPlan(plan, fake, {
    maxConcurrency: 1,
    operationTimeoutMs: 60_000,
    commitSha: OLDER,
    repository: REPO,
    replan: async () =>
      planStageChange(spec('old'), await fake.getResource(STAGE_TYPE_NAME, ID), REPO),
    sleep: fake.clock.sleep,
    now: fake.clock.now,
    random: () => 0.5,
    isOlderCommit: async (ours, theirs) => {
      asked.push([ours, theirs]);
      return order;
    },
    ...extra,
  });
  return { result, asked, outcome: result.outcomes[0] };
}

test('a stage last applied from a newer commit is not overwritten: the stage fails, nothing is written', async () => {
  const fake = new FakeCloudControl(fakeClock());
  fake.put(ID, appliedFrom('new', NEWER));
  const { result, asked, outcome } = await applyOlder(fake, 'older');
  assert.equal(result.status, 'failed');
  assert.equal(outcome?.status, 'failed');
  assert.equal(outcome?.errorCode, 'NewerCommitApplied');
  assert.match(
    outcome?.statusMessage ?? '',
    new RegExp(`last applied from newer commit ${NEWER}; not overwriting it with older specs`),
  );
  assert.deepEqual(asked, [[OLDER, NEWER]]);
  assert.equal(fake.calls.filter((call) => call.method === 'updateResource').length, 0);
  assert.equal(fake.stages.get(ID)?.Description, 'new');
});

test("the newer commit tag seen by the re-read before writing counts, not the plan's read", async () => {
  const fake = new FakeCloudControl(fakeClock());
  fake.put(ID, appliedFrom('new', 'cccccccccccccccccccccccccccccccccccccccc'));
  const live = await fake.getResource(STAGE_TYPE_NAME, ID);
  const plan = planOf(planStageChange(spec('old'), live, REPO));
  // Between plan and apply the newer commit's apply rewrote the stage to the same content.
  fake.put(ID, appliedFrom('new', NEWER));
  const asked: string[] = [];
  const result = await applyPlan(plan, fake, {
    maxConcurrency: 1,
    operationTimeoutMs: 60_000,
    commitSha: OLDER,
    repository: REPO,
    // Only the tag moved, so the patch is planned again against the re-read (patch-guards.ts).
    replan: async () =>
      planStageChange(spec('old'), await fake.getResource(STAGE_TYPE_NAME, ID), REPO),
    sleep: fake.clock.sleep,
    now: fake.clock.now,
    isOlderCommit: async (_ours, theirs) => {
      asked.push(theirs);
      return theirs === NEWER ? 'older' : 'newer-or-same';
    },
  });
  assert.deepEqual(asked, [NEWER]);
  assert.equal(result.outcomes[0]?.errorCode, 'NewerCommitApplied');
});

test('a stage last applied from an older commit is updated, and then names ours', async () => {
  const fake = new FakeCloudControl(fakeClock());
  fake.put(ID, appliedFrom('new', NEWER));
  const { outcome } = await applyOlder(fake, 'newer-or-same');
  assert.equal(outcome?.status, 'applied');
  assert.equal(outcome?.notes, undefined);
  assert.equal(fake.stages.get(ID)?.Description, 'old');
  assert.deepEqual(
    (fake.stages.get(ID)?.Tags as { Key: string; Value: string }[]).find(
      (t) => t.Key === 'stage-sync:commit',
    ),
    { Key: 'stage-sync:commit', Value: OLDER },
  );
});

test('when the order cannot be told, the write goes ahead with a note saying so', async () => {
  const fake = new FakeCloudControl(fakeClock());
  fake.put(ID, appliedFrom('new', NEWER));
  const { outcome } = await applyOlder(fake, 'unknown');
  assert.equal(outcome?.status, 'applied');
  assert.equal(fake.stages.get(ID)?.Description, 'old');
  assert.ok(
    outcome?.notes?.some((note) =>
      /could not check whether commit bbbbbbbbbbbb.*is newer than aaaaaaaaaaaa.*applied anyway/.test(
        note,
      ),
    ),
    JSON.stringify(outcome?.notes),
  );
});

test('a stage with no commit tag, or ours, is written without asking', async () => {
  const isOlderCommit = async (): Promise<CommitOrder> => assert.fail('asked');
  assert.deepEqual(await guardOlderCommit({ Tags: [] }, OLDER, isOlderCommit), { kind: 'write' });
  assert.deepEqual(await guardOlderCommit(appliedFrom('x', OLDER), OLDER, isOlderCommit), {
    kind: 'write',
  });
});

test('a port that throws counts as unknown, never as a failure', async () => {
  const verdict = await guardOlderCommit(appliedFrom('x', NEWER), OLDER, () =>
    Promise.reject(new Error('boom')),
  );
  assert.equal(verdict.kind, 'write-unchecked');
});

test('a resent write is not judged again: the order is asked once, its note sent once', async () => {
  const fake = new FakeCloudControl(fakeClock());
  fake.put(ID, appliedFrom('new', NEWER));
  fake.script(ID, 'UPDATE', { kind: 'throw', code: 'ThrottlingException' });
  const notes: string[] = [];
  const { outcome, asked } = await applyOlder(fake, 'unknown', {
    onProgress: (event) => {
      if (event.type === 'recovering') notes.push(event.note);
    },
  });
  assert.equal(outcome?.status, 'applied');
  assert.equal(fake.count('updateResource'), 2);
  assert.deepEqual(asked, [[OLDER, NEWER]]);
  assert.equal(notes.filter((note) => note.startsWith('could not check')).length, 1);
});
