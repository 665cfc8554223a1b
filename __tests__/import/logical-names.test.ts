import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logicalNames } from '../../src/import/logical-names.ts';

test('one PascalCase logical name per stage name, unique within the file', () => {
  assert.deepEqual(logicalNames(['prod', 'dev-eu_1', 'v2']), ['Prod', 'DevEu1', 'V2']);
  assert.deepEqual(logicalNames(['2024', '---']), ['Stage2024', 'Stage']);
  assert.deepEqual(logicalNames(['prod', 'Prod', 'p-rod', 'prod_']), [
    'Prod',
    'Prod2',
    'PRod',
    'Prod3',
  ]);
});

test('names another spec file declares are taken too', () => {
  assert.deepEqual(logicalNames(['prod', 'dev'], ['Prod', 'Other']), ['Prod2', 'Dev']);
});
