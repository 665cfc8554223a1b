/** The spec rule: lowercase keys are stage-sync's settings (`ignore-changes`, `rest-api`). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadSpecs } from '../../src/desired/load-specs.ts';

const load = (text: string) => loadSpecs([{ path: 'stages/a.yml', text }]);

describe('rest-api', () => {
  test('names the REST API instead of RestApiId; the stage is resolved later', () => {
    const { stages, problems } = load(
      [
        'defaults:',
        '  rest-api: payments-api',
        'stages:',
        '  Prod:',
        '    StageName: prod',
        '    DeploymentId: d1',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(stages[0]?.api, {
      by: 'name',
      name: 'payments-api',
      at: { file: 'stages/a.yml', line: 2, column: 13 },
    });
    assert.equal('RestApiId' in (stages[0]?.properties ?? {}), false);
  });

  test('a stage gives RestApiId or rest-api, not both; its own choice replaces the default', () => {
    const both = load(
      [
        'stages:',
        '  Prod:',
        '    RestApiId: a1',
        '    rest-api: pay',
        '    StageName: prod',
        '    DeploymentId: d1',
      ].join('\n'),
    );
    assert.equal(both.problems.length, 1);
    assert.equal(both.problems[0]?.line, 4);
    assert.match(both.problems[0]?.message ?? '', /gives both RestApiId and `rest-api`/);
    const own = load(
      [
        'defaults:',
        '  rest-api: pay',
        'stages:',
        '  Prod:',
        '    RestApiId: a1',
        '    StageName: prod',
        '    DeploymentId: d1',
      ].join('\n'),
    );
    assert.deepEqual(own.problems, []);
    assert.deepEqual(own.stages[0]?.api, { by: 'id', id: 'a1' });
  });

  test('two specs of one named API and stage name are one spec too many', () => {
    const { problems } = load(
      [
        'defaults:',
        '  rest-api: pay',
        '  DeploymentId: d1',
        'stages:',
        '  A: { StageName: prod }',
        '  B: { StageName: prod }',
      ].join('\n'),
    );
    assert.match(
      problems[0]?.message ?? '',
      /stage B declares rest-api pay\|prod .* already declared as A/,
    );
  });
});

describe('ignore-changes', () => {
  test('a DeploymentId other tools own may be left out; the stage list replaces the default list', () => {
    const { stages, problems } = load(
      [
        'defaults:',
        '  RestApiId: a1',
        '  ignore-changes: [DeploymentId]',
        'stages:',
        '  Prod: { StageName: prod }',
        '  Dev:',
        '    StageName: dev',
        '    DeploymentId: d1',
        '    ignore-changes: [CanarySetting.DeploymentId]',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      stages.map((stage) => [stage.name, stage.ignoreChanges]),
      [
        ['Prod', ['DeploymentId']],
        ['Dev', ['CanarySetting.DeploymentId']],
      ],
    );
  });

  test('a path that names no property is a problem at its line, with a suggestion', () => {
    const { problems } = load(
      [
        'stages:',
        '  Prod:',
        '    RestApiId: a1',
        '    StageName: prod',
        '    DeploymentId: d1',
        '    ignore-changes:',
        '      - DeploymentID',
        '      - CanarySetting.DeploymentIds',
        '      - StageName',
      ].join('\n'),
    );
    assert.deepEqual(
      problems.map((problem) => [problem.line, problem.message]),
      [
        [
          7,
          'stage Prod: ignore-changes names DeploymentID, which is not a property of a stage; did you mean DeploymentId?',
        ],
        [
          8,
          'stage Prod: ignore-changes names CanarySetting.DeploymentIds, which is not a property of a stage; did you mean CanarySetting.DeploymentId?',
        ],
        [
          9,
          "stage Prod: ignore-changes cannot name StageName: it is part of the stage's identifier (RestApiId|StageName), so it names the stage rather than a property of it",
        ],
      ],
    );
  });

  test('without ignore-changes, DeploymentId is still required', () => {
    const { problems } = load(['stages:', '  Prod: { RestApiId: a1, StageName: prod }'].join('\n'));
    assert.match(problems[0]?.message ?? '', /missing DeploymentId/);
  });
});

test('an unknown lowercase key is no setting; a CloudFormation name spelled in lowercase is suggested', () => {
  const { problems } = load(
    [
      'stages:',
      '  Prod:',
      '    RestApiId: a1',
      '    StageName: prod',
      '    DeploymentId: d1',
      '    ignore-change: [DeploymentId]',
      '    description: x',
    ].join('\n'),
  );
  assert.deepEqual(
    problems.map((problem) => [problem.line, problem.message]),
    [
      [
        6,
        "stage Prod: `ignore-change` is not a stage-sync setting (lowercase keys are stage-sync's own); did you mean `ignore-changes`?",
      ],
      [
        7,
        "stage Prod: `description` is not a stage-sync setting (lowercase keys are stage-sync's own); did you mean the property Description? Properties are spelled as CloudFormation spells them",
      ],
    ],
  );
});

test('examples/deployments-from-elsewhere.yml loads: its API by name, its deployments left to others', () => {
  const path = 'examples/deployments-from-elsewhere.yml';
  const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
  const { stages, problems } = loadSpecs([{ path, text }]);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    stages.map((stage) => [
      stage.name,
      stage.api.by === 'name' && stage.api.name,
      stage.ignoreChanges,
    ]),
    [['PaymentsLive', 'payments-api', ['DeploymentId', 'CanarySetting.DeploymentId']]],
  );
});
