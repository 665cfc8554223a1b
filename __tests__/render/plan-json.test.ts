import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planJsonText } from '../../src/render/plan-json.ts';
import type { Plan, StageChange } from '../../src/plan/types.ts';

const change = (fields: Partial<StageChange>): StageChange =>
  ({
    action: 'create',
    name: 'Live',
    type: 'AWS::ApiGateway::Stage',
    identifier: 'abc123|live',
    source: { file: 'stages.yml', line: 3, column: 3 },
    declared: {},
    diffs: [],
    after: {},
    ...fields,
  }) as StageChange;

const plan = (changes: StageChange[]): Plan => ({
  target: 'us-east-1: stages/*.yml',
  repository: 'acme/platform',
  changes,
  counts: { create: changes.length, update: 0, delete: 0, noOp: 0 },
  prune: { enabled: false, skippedUnmanaged: [], skippedForeign: [] },
  previousSpecs: { status: 'unavailable', reason: 'not provided' },
  hash: 'sha256:0',
});

test('the file holds the plan model as it is: each change with its type and API name', () => {
  const planned = plan([
    change({ apiName: 'payments-api' }),
    change({ type: 'AWS::ApiGatewayV2::Stage', identifier: 'z1|$default', apiName: 'pets' }),
  ]);
  const text = planJsonText(planned);
  assert.deepEqual(JSON.parse(text), planned);
  const [rest, v2] = JSON.parse(text).changes;
  assert.equal(rest.type, 'AWS::ApiGateway::Stage');
  assert.equal(rest.apiName, 'payments-api');
  assert.equal(v2.apiName, 'pets');
  assert.ok(text.endsWith('}\n'));
});
