import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MANAGED_BY_TAG_KEY, type LiveStage } from '../../src/model/stage.ts';
import { classifyUndeclared } from '../../src/plan/prune.ts';

const stage = (identifier: string, owner?: string): LiveStage => ({
  identifier,
  properties: {
    RestApiId: identifier.split('|')[0],
    StageName: identifier.split('|')[1],
    ...(owner === undefined
      ? {}
      : {
          Tags: [
            { Key: 'Team', Value: 'x' },
            { Key: MANAGED_BY_TAG_KEY, Value: owner },
          ],
        }),
  },
});

test('only stages tagged with this repository are deleted; the rest are reported by reason, sorted', () => {
  const { toDelete, report } = classifyUndeclared(
    [
      stage('api1|zeta', 'octo/repo'),
      stage('api1|hand-made'),
      stage('api2|other', 'someone/else'),
      stage('api1|alpha', 'octo/repo'),
      stage('api1|case', 'Octo/Repo'),
    ],
    'octo/repo',
  );
  assert.deepEqual(
    toDelete.map((s) => s.identifier),
    ['api1|alpha', 'api1|zeta'],
  );
  assert.deepEqual(report, {
    enabled: true,
    skippedUnmanaged: ['api1|hand-made'],
    skippedForeign: ['api1|case', 'api2|other'],
  });
});

test('nothing undeclared, nothing to do', () => {
  assert.deepEqual(classifyUndeclared([], 'octo/repo'), {
    toDelete: [],
    report: { enabled: true, skippedUnmanaged: [], skippedForeign: [] },
  });
});
