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

test('V2 tag maps merge key by key and the stage wins', () => {
  const merged = mergeDefaults(
    { Tags: { team: 'a', env: 'x' } },
    { Tags: { env: 'prod', cost: '1' } },
    'map',
  );
  assert.deepEqual(merged.Tags, { team: 'a', env: 'prod', cost: '1' });
});

test("the defaults' tags reach each stage in its type's shape, whichever shape they are written in", () => {
  const list = [{ Key: 'team', Value: 'a' }];
  assert.deepEqual(mergeDefaults({ Tags: list }, {}, 'map').Tags, { team: 'a' });
  assert.deepEqual(mergeDefaults({ Tags: { team: 'a' } }, {}, 'list').Tags, list);
  assert.deepEqual(mergeDefaults({ Tags: list }, { Tags: { env: 'p' } }, 'map').Tags, {
    team: 'a',
    env: 'p',
  });
  assert.deepEqual(
    mergeDefaults({ Tags: { team: 'a' } }, { Tags: [{ Key: 'team', Value: 'b' }] }, 'list').Tags,
    [{ Key: 'team', Value: 'b' }],
  );
});

test("a stage's own tags in the wrong shape, or tags of neither shape, are left for the loader to report", () => {
  const own = [{ Key: 'env', Value: 'p' }];
  assert.equal(mergeDefaults({ Tags: { team: 'a' } }, { Tags: own }, 'map').Tags, own);
  assert.equal(mergeDefaults({ Tags: 5 }, {}, 'map').Tags, 5);
});
