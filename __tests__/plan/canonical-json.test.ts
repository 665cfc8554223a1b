import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, jsonEqual } from '../../src/plan/canonical-json.ts';

test('canonical JSON sorts keys at every depth and leaves array order alone', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [2, 1], c: null } }),
    '{"a":{"c":null,"d":[2,1]},"b":1}',
  );
});

test('undefined members are left out, as JSON.stringify does', () => {
  assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
  assert.equal(canonicalJson(undefined), 'undefined');
});

test('jsonEqual ignores key order and number spelling, not types', () => {
  assert.ok(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 }));
  assert.ok(jsonEqual(JSON.parse('50.0'), 50));
  assert.ok(jsonEqual(-0, 0));
  assert.ok(!jsonEqual('50', 50));
  assert.ok(!jsonEqual([1, 2], [2, 1]));
  assert.ok(!jsonEqual(undefined, null));
});
