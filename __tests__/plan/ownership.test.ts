import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APPLIED_COMMIT_TAG_KEY, MANAGED_BY_TAG_KEY } from '../../src/model/stage.ts';
import { appliedCommit, managedBy, withOwnershipTag } from '../../src/plan/ownership.ts';

test('the ownership tag is added next to the spec tags', () => {
  const owned = withOwnershipTag(
    { StageName: 'prod', Tags: [{ Key: 'Team', Value: 'a' }] },
    'octo/repo',
  );
  assert.deepEqual(owned.Tags, [
    { Key: 'Team', Value: 'a' },
    { Key: MANAGED_BY_TAG_KEY, Value: 'octo/repo' },
  ]);
  assert.deepEqual(withOwnershipTag({}, 'octo/repo').Tags, [
    { Key: MANAGED_BY_TAG_KEY, Value: 'octo/repo' },
  ]);
});

test('a spec cannot claim another repository: the ownership tag is overwritten', () => {
  const owned = withOwnershipTag(
    { Tags: [{ Key: MANAGED_BY_TAG_KEY, Value: 'evil/repo' }] },
    'octo/repo',
  );
  assert.deepEqual(owned.Tags, [{ Key: MANAGED_BY_TAG_KEY, Value: 'octo/repo' }]);
});

test('managedBy reads the tag, or nothing', () => {
  assert.equal(
    managedBy({
      Tags: [
        { Key: 'x', Value: 'y' },
        { Key: MANAGED_BY_TAG_KEY, Value: 'octo/repo' },
      ],
    }),
    'octo/repo',
  );
  assert.equal(managedBy({ Tags: [{ Key: 'x', Value: 'y' }] }), undefined);
  assert.equal(managedBy({}), undefined);
});

test('an empty ownership tag names no repository, so it never matches', () => {
  assert.equal(managedBy({ Tags: [{ Key: 'stage-sync:managed-by', Value: '' }] }), undefined);
});

test('the applied-commit tag is never desired state: only the apply writes it', () => {
  const owned = withOwnershipTag(
    {
      Tags: [
        { Key: APPLIED_COMMIT_TAG_KEY, Value: 'f'.repeat(40) },
        { Key: 'Team', Value: 'a' },
      ],
    },
    'octo/repo',
  );
  assert.deepEqual(owned.Tags, [
    { Key: 'Team', Value: 'a' },
    { Key: MANAGED_BY_TAG_KEY, Value: 'octo/repo' },
  ]);
});

test('appliedCommit reads the commit tag, or nothing (an empty one names no commit)', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  assert.equal(appliedCommit({ Tags: [{ Key: APPLIED_COMMIT_TAG_KEY, Value: sha }] }), sha);
  assert.equal(appliedCommit({ Tags: [{ Key: APPLIED_COMMIT_TAG_KEY, Value: '' }] }), undefined);
  assert.equal(
    appliedCommit({ Tags: [{ Key: MANAGED_BY_TAG_KEY, Value: 'octo/repo' }] }),
    undefined,
  );
  assert.equal(appliedCommit({}), undefined);
});
