import { loadSpecs } from '../../src/desired/load-specs.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from 'js-yaml';
import { importStages } from '../../src/import/import-stages.ts';
import { V2_STAGE_TYPE_NAME, type LiveStage } from '../../src/model/stage.ts';

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
    apiId: 'abc1234',
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
  const all = importStages({ live, apiId: 'abc1234', repository: 'octo/stages' });
  assert.deepEqual(all.skipped, [
    {
      stageName: 'prod',
      reason:
        'stage-sync:managed-by says octo/other manages it (import it anyway with --stage prod)',
    },
  ]);
  assert.equal(all.adopting, 1, 'qa has no tag; dev is already ours');
  assert.deepEqual(
    all.imported.map((s) => s.stageName),
    ['dev', 'qa'],
  );
  assert.doesNotMatch(all.text, /managed-by: |Value: octo/);

  const named = importStages({
    live,
    apiId: 'abc1234',
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
    apiId: 'abc1234',
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
  assert.deepEqual(importStages({ live: [], apiId: 'abc1234' }), {
    text: '',
    imported: [],
    adopting: 0,
    skipped: [],
    missing: [],
  });
});

const v2Stage = (StageName: string, extra: Record<string, unknown> = {}): LiveStage => ({
  type: V2_STAGE_TYPE_NAME,
  identifier: `z1mf4h761f|${StageName}`,
  properties: {
    ApiId: 'z1mf4h761f',
    StageName,
    DefaultRouteSettings: { DetailedMetricsEnabled: false },
    RouteSettings: {},
    StageVariables: {},
    Tags: {},
    ...extra,
  },
});

test('an HTTP API: the type and the API id in defaults, tags as a map, the $default stage', () => {
  const result = importStages({
    type: V2_STAGE_TYPE_NAME,
    live: [
      v2Stage('$default', {
        AutoDeploy: true,
        DeploymentId: '1axai8',
        Tags: { team: 'pets', 'stage-sync:managed-by': 'octo/other' },
      }),
      v2Stage('prod', { DeploymentId: 'e60xod', Tags: { team: 'pets', env: 'prod' } }),
    ],
    apiId: 'z1mf4h761f',
    apiName: 'pets-http',
    apiKind: 'HTTP API',
    stageNames: ['$default', 'prod'],
    region: 'us-east-1',
  });
  assert.deepEqual(result.imported, [
    { name: 'Default', stageName: '$default' },
    { name: 'Prod', stageName: 'prod' },
  ]);
  assert.match(
    result.text,
    /^# Imported by `stage-sync import` from HTTP API z1mf4h761f \(pets-http\) in us-east-1\.$/m,
  );
  assert.match(
    result.text,
    /\ndefaults:\n {2}type: AWS::ApiGatewayV2::Stage\n {2}ApiId: z1mf4h761f\n {2}Tags:\n {4}team: pets\n\nstages:\n {2}Default:\n {4}StageName: \$default\n {4}AutoDeploy: true\n\n {2}Prod:\n {4}StageName: prod\n {4}DeploymentId: e60xod\n {4}Tags:\n {6}env: prod\n$/,
  );
  const loaded = loadSpecs([{ path: 'stages/imported.yml', text: result.text }]);
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(
    loaded.stages.map((stage) => [stage.type, stage.properties.Tags]),
    [
      [V2_STAGE_TYPE_NAME, { team: 'pets' }],
      [V2_STAGE_TYPE_NAME, { team: 'pets', env: 'prod' }],
    ],
  );
});

test('one V2 stage still says its type in defaults; the header falls back to the type label', () => {
  const result = importStages({
    type: V2_STAGE_TYPE_NAME,
    live: [v2Stage('prod')],
    apiId: 'z1mf4h761f',
    ignoreChanges: ['DeploymentId'],
  });
  assert.match(result.text, /from HTTP or WebSocket API z1mf4h761f\.$/m);
  assert.match(
    result.text,
    /\ndefaults:\n {2}type: AWS::ApiGatewayV2::Stage\n {2}ignore-changes: \[DeploymentId\]\n\nstages:\n {2}Prod:\n {4}ApiId: z1mf4h761f\n {4}StageName: prod\n$/,
  );
  const loaded = loadSpecs([{ path: 'stages/imported.yml', text: result.text }]);
  assert.deepEqual(loaded.problems, []);
  assert.deepEqual(loaded.stages[0]?.ignoreChanges, ['DeploymentId']);
});

test('a stage with more tags than a spec may declare is skipped, named or not: its file would not load', () => {
  const tags = (count: number) => ({
    Tags: Array.from({ length: count }, (_, i) => ({ Key: `k${i}`, Value: 'v' })),
  });
  for (const stageNames of [undefined, ['wide']]) {
    const result = importStages({
      live: [stage('wide', tags(50)), stage('fits', tags(48))],
      apiId: 'abc1234',
      repository: 'octo/stages',
      ...(stageNames ? { stageNames: [...stageNames, 'fits'] } : {}),
    });
    assert.deepEqual(result.skipped, [
      {
        stageName: 'wide',
        reason:
          "it has 50 tags besides stage-sync's own, and a spec may declare at most 48 (AWS allows 50 on a stage, and stage-sync writes two); remove some in AWS, then import it",
      },
    ]);
    assert.deepEqual(
      result.imported.map((s) => s.stageName),
      ['fits'],
    );
    assert.deepEqual(loadSpecs([{ path: 'stages/x.yml', text: result.text }]).problems, []);
  }
});

test('an API name with a line break stays inside the header comment', () => {
  const result = importStages({
    live: [stage('prod')],
    apiId: 'abc1234',
    apiName: 'evil\nfoo: 1',
  });
  assert.match(
    result.text,
    /^# Imported by `stage-sync import` from REST API abc1234 \(evil\\nfoo: 1\)\.$/m,
  );
  assert.deepEqual(loadSpecs([{ path: 'stages/x.yml', text: result.text }]).problems, []);
});
