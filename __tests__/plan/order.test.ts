import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTION_ORDER, compareChanges, compareText } from '../../src/plan/order.ts';
import type { StageChange } from '../../src/plan/types.ts';

const change = (action: StageChange['action'], name: string, identifier = name): StageChange =>
  ({
    action,
    name,
    type: 'AWS::ApiGateway::Stage',
    identifier,
    diffs: [],
    before: {},
    after: {},
    patch: [],
  }) as unknown as StageChange;

test('changes sort by action (riskiest first), then name, then identifier', () => {
  const sorted = [
    change('no-op', 'A'),
    change('update', 'B'),
    change('create', 'b'),
    change('create', 'B', 'api|2'),
    change('create', 'B', 'api|1'),
    change('delete', 'z'),
  ].sort(compareChanges);
  assert.deepEqual(
    sorted.map((c) => [c.action, c.name, c.identifier]),
    [
      ['delete', 'z', 'z'],
      ['create', 'B', 'api|1'],
      ['create', 'B', 'api|2'],
      ['create', 'b', 'b'],
      ['update', 'B', 'B'],
      ['no-op', 'A', 'A'],
    ],
  );
  assert.deepEqual(ACTION_ORDER, ['delete', 'create', 'update', 'no-op']);
});

test('text compares by code unit, not by locale', () => {
  assert.deepEqual(['b', 'a', 'B', 'é', 'Z'].sort(compareText), ['B', 'Z', 'a', 'b', 'é']);
  assert.equal(compareText('x', 'x'), 0);
});
