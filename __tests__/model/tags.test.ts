import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tagEntries, tagsIn } from '../../src/model/tags.ts';

test('tags of either shape read as entries, and write back in the shape asked for', () => {
  const list = [
    { Key: 'Team', Value: 'pay' },
    { Key: 'Note', Value: '' },
  ];
  const map = { Team: 'pay', Note: '' };
  assert.deepEqual(tagEntries(list), [
    ['Team', 'pay'],
    ['Note', ''],
  ]);
  assert.deepEqual(tagEntries(map), tagEntries(list));
  assert.deepEqual(tagsIn(tagEntries(map), 'list'), list);
  assert.deepEqual(tagsIn(tagEntries(list), 'map'), map);
  assert.deepEqual(tagEntries(undefined), []);
  assert.deepEqual(tagEntries('Team=pay'), []);
});
