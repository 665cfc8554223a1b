import { loadSpecs } from '../../src/desired/load-specs.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from 'js-yaml';
import { importStages } from '../../src/import/import-stages.ts';
import type { LiveStage } from '../../src/model/stage.ts';

const stage = (StageName: string, extra: Record<string, unknown> = {}): LiveStage => ({
  identifier: `abc1234|${StageName}`,
  properties: {
    RestApiId: 'abc1234',
    StageName,
    DeploymentId: 'dep1',
    TracingEnabled: false,
    ...extra,
  },
});
const owned = (repository: string) => ({
  Tags: [{ Key: 'stage-sync:managed-by', Value: repository }],
});

test('writes one logical name per stage, shared values in defaults, identity first', () => {
  const result = importStages({
    live: [stage('prod', { Description: 'Production' }), stage('dev')],
    restApiId: 'abc1234',
    apiName: 'payments',
    region: 'eu-west-1',
  });
  assert.deepEqual(result.imported, [
    { name: 'Dev', stageName: 'dev' },
    { name: 'Prod', stageName: 'prod' },
  ]);
  assert.match(
    result.text,
    /^# Imported by `stage-sync import` from REST API abc1234 \(payments\) in eu-west-1\.$/m,
  );
  assert.match(
    result.text,
    /\ndefaults:\n {2}RestApiId: abc1234\n {2}DeploymentId: dep1\n\nstages:\n {2}Dev:\n {4}StageName: dev\n\n {2}Prod:\n {4}StageName: prod\n {4}Description: Production\n$/,
  );
  assert.doesNotMatch(result.text, /TracingEnabled|ignore-changes/);
});

test('stages another repository manages are skipped unless named; the tag is never written', () => {
  const live = [
    stage('prod', owned('octo/other')),
    stage('dev', owned('octo/stages')),
    stage('qa'),
  ];
  const all = importStages({ live, restApiId: 'abc1234', repository: 'octo/stages' });
  assert.deepEqual(all.skipped, [{ stageName: 'prod', managedBy: 'octo/other' }]);
  assert.equal(all.adopting, 1, 'qa has no tag; dev is already ours');
  assert.deepEqual(
    all.imported.map((s) => s.stageName),
    ['dev', 'qa'],
  );
  assert.doesNotMatch(all.text, /managed-by: |Value: octo/);

  const named = importStages({
    live,
    restApiId: 'abc1234',
    repository: 'octo/stages',
    stageNames: ['prod'],
  });
  assert.deepEqual(named.skipped, []);
  assert.deepEqual(
    named.imported.map((s) => s.stageName),
    ['prod'],
  );
  assert.doesNotMatch(named.text, /octo\/other/);
});

test('reports --stage names that do not exist, and writes ignore-changes when asked', () => {
  const result = importStages({
    live: [stage('prod')],
    restApiId: 'abc1234',
    stageNames: ['prod', 'prdo'],
    ignoreChanges: ['DeploymentId'],
  });
  assert.deepEqual(result.missing, ['prdo']);
  // Under defaults: (the loader rejects it at the top level), and the file loads cleanly.
  assert.match(result.text, /^defaults:\n {2}ignore-changes: \[DeploymentId\]$/m);
  const defaults = (load(result.text) as Record<string, Record<string, unknown>>).defaults;
  assert.deepEqual(defaults?.['ignore-changes'], ['DeploymentId']);
  const loaded = loadSpecs([{ path: 'stages/imported.yml', text: result.text }]);
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.stages[0]?.ignoreChanges, ['DeploymentId']);
  assert.deepEqual(importStages({ live: [], restApiId: 'abc1234' }), {
    text: '',
    imported: [],
    adopting: 0,
    skipped: [],
    missing: [],
  });
});
