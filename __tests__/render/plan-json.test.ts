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

test('a REST change named by rest-api keeps 1.0’s restApiName beside apiName', () => {
  const [written] = JSON.parse(planJsonText(plan([change({ apiName: 'payments-api' })]))).changes;
  assert.equal(written.apiName, 'payments-api');
  assert.equal(written.restApiName, 'payments-api');
  assert.equal(written.type, 'AWS::ApiGateway::Stage');
});

test('a V2 change, or one named by id, carries no restApiName', () => {
  const text = planJsonText(
    plan([
      change({ type: 'AWS::ApiGatewayV2::Stage', identifier: 'z1|$default', apiName: 'pets' }),
      change({ name: 'ById' }),
    ]),
  );
  const [v2, byId] = JSON.parse(text).changes;
  assert.equal(v2.apiName, 'pets');
  assert.equal('restApiName' in v2, false);
  assert.equal('restApiName' in byId, false);
  assert.ok(text.endsWith('}\n'));
});
