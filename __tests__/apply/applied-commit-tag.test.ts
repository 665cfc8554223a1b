import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createdWithCommit, patchWithCommit } from '../../src/apply/applied-commit-tag.ts';
import { applyJsonPatch } from '../../emulator/json-patch.ts';
import type { CreateChange, UpdateChange } from '../../src/plan/types.ts';

const OURS = '1111111111111111111111111111111111111111';
const THEIRS = '2222222222222222222222222222222222222222';
const owner = { Key: 'stage-sync:managed-by', Value: 'acme/api' };
const source = { file: 'stages.yml', line: 1, column: 1 };

function update(before: Record<string, unknown>, patch: UpdateChange['patch']): UpdateChange {
  return {
    name: 'S',
    identifier: 'api|s',
    action: 'update',
    type: 'AWS::ApiGateway::Stage' as const,
    diffs: [],
    declared: {},
    source,
    before,
    after: {},
    patch,
  };
}

test('a create sends its desired state with the commit tag beside the others', () => {
  const change: CreateChange = {
    name: 'S',
    identifier: 'api|s',
    action: 'create',
    type: 'AWS::ApiGateway::Stage' as const,
    diffs: [],
    declared: {},
    source,
    after: { StageName: 's', Tags: [owner] },
  };
  assert.deepEqual(createdWithCommit(change, OURS), {
    StageName: 's',
    Tags: [owner, { Key: 'stage-sync:commit', Value: OURS }],
  });
});

/** The stage after Cloud Control applies what the update sends (the emulator's RFC 6902). */
function sent(before: Record<string, unknown>, patch: UpdateChange['patch']) {
  const operations = patchWithCommit(update(before, patch), before, OURS);
  return applyJsonPatch(structuredClone(before), operations);
}

test('an update replaces another commit tag in place, before the planned removals move indices', () => {
  const before = {
    Tags: [{ Key: 'Old', Value: 'x' }, { Key: 'stage-sync:commit', Value: THEIRS }, owner],
  };
  const after = sent(before, [{ op: 'remove', path: '/Tags/0' }]);
  assert.deepEqual(after, { Tags: [{ Key: 'stage-sync:commit', Value: OURS }, owner] });
});

test('an update appends the tag after the patch when the stage has none, or adds the list', () => {
  assert.deepEqual(
    sent({ Tags: [owner] }, [{ op: 'add', path: '/Tags/-', value: { Key: 'T', Value: 'v' } }]),
    {
      Tags: [owner, { Key: 'T', Value: 'v' }, { Key: 'stage-sync:commit', Value: OURS }],
    },
  );
  // A stage without tags: the planned patch adds the list whole, then the tag joins it.
  assert.deepEqual(sent({}, [{ op: 'add', path: '/Tags', value: [owner] }]), {
    Tags: [owner, { Key: 'stage-sync:commit', Value: OURS }],
  });
  assert.deepEqual(
    sent({ Description: 'a' }, [{ op: 'replace', path: '/Description', value: 'b' }]),
    {
      Description: 'b',
      Tags: [{ Key: 'stage-sync:commit', Value: OURS }],
    },
  );
});

test('an update of a stage our commit already tagged sends the planned patch as it is', () => {
  const patch = [{ op: 'replace' as const, path: '/Description', value: 'b' }];
  const before = { Description: 'a', Tags: [{ Key: 'stage-sync:commit', Value: OURS }] };
  assert.deepEqual(patchWithCommit(update(before, patch), before, OURS), patch);
});

test('a V2 stage’s map of tags gets the commit tag as one member, on create and update', () => {
  const V2 = 'AWS::ApiGatewayV2::Stage' as const;
  const managed = { 'stage-sync:managed-by': 'acme/api' };
  const create: CreateChange = {
    name: 'S',
    identifier: 'api|$default',
    action: 'create',
    type: V2,
    diffs: [],
    declared: {},
    source,
    after: { StageName: '$default', Tags: managed },
  };
  assert.deepEqual(createdWithCommit(create, OURS).Tags, { ...managed, 'stage-sync:commit': OURS });
  const updated = (before: Record<string, unknown>, patch: UpdateChange['patch']) =>
    applyJsonPatch(
      structuredClone(before),
      patchWithCommit({ ...update(before, patch), type: V2 }, before, OURS),
    );
  assert.deepEqual(updated({ Tags: { ...managed, 'stage-sync:commit': THEIRS } }, []), {
    Tags: { ...managed, 'stage-sync:commit': OURS },
  });
  assert.deepEqual(updated({}, []), { Tags: { 'stage-sync:commit': OURS } });
  assert.deepEqual(updated({}, [{ op: 'add', path: '/Tags', value: managed }]).Tags, {
    ...managed,
    'stage-sync:commit': OURS,
  });
  // Already at this commit: nothing is added.
  const current = { Tags: { ...managed, 'stage-sync:commit': OURS } };
  assert.deepEqual(patchWithCommit({ ...update(current, []), type: V2 }, current, OURS), []);
});
