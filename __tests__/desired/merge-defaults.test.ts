import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeDefaults, propertyOrigin } from '../../src/desired/merge-defaults.ts';

test("a stage's own value replaces the default's", () => {
  assert.deepEqual(
    mergeDefaults({ Description: 'd', TracingEnabled: true }, { Description: 'own' }),
    {
      Description: 'own',
      TracingEnabled: true,
    },
  );
});

test('Tags merge by Key and the stage wins', () => {
  const merged = mergeDefaults(
    {
      Tags: [
        { Key: 'Team', Value: 'a' },
        { Key: 'Env', Value: 'x' },
      ],
    },
    {
      Tags: [
        { Key: 'Env', Value: 'prod' },
        { Key: 'Cost', Value: '1' },
      ],
    },
  );
  assert.deepEqual(merged.Tags, [
    { Key: 'Team', Value: 'a' },
    { Key: 'Env', Value: 'prod' },
    { Key: 'Cost', Value: '1' },
  ]);
});

test('knows where a merged property came from', () => {
  assert.equal(propertyOrigin('Tags', { Tags: [] }), 'stage');
  assert.equal(propertyOrigin('Tags', {}), 'defaults');
});
