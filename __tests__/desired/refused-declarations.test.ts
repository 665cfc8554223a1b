import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSpecs } from '../../src/desired/load-specs.ts';
import { refusedDeclarations } from '../../src/desired/refused-declarations.ts';

const AUTO_DEPLOY_MESSAGE =
  'DeploymentId cannot be declared for a stage with AutoDeploy: true: with auto-deploy API Gateway creates a new deployment on every change to the API and points the stage at it, and it refuses a DeploymentId for such a stage ("Deployment ID cannot be set on this stage because AutoDeploy is enabled"); remove DeploymentId, or set AutoDeploy: false to pin the stage to a deployment';

test('an auto-deploy V2 stage that declares DeploymentId is refused at the DeploymentId', () => {
  const { problems } = loadSpecs([
    {
      path: 'stages/h.yml',
      text: [
        'stages:',
        '  Http:',
        '    type: AWS::ApiGatewayV2::Stage',
        '    ApiId: h1',
        '    StageName: $default',
        '    AutoDeploy: true',
        '    DeploymentId: dep001',
      ].join('\n'),
    },
  ]);
  assert.deepEqual(problems, [
    {
      file: 'stages/h.yml',
      line: 7,
      column: 5,
      property: 'DeploymentId',
      message: `stage Http: ${AUTO_DEPLOY_MESSAGE}`,
    },
  ]);
});

test("the rule reads the merged stage: a default's DeploymentId is refused at the defaults", () => {
  const { problems } = loadSpecs([
    {
      path: 'stages/h.yml',
      text: [
        'defaults:',
        '  type: AWS::ApiGatewayV2::Stage',
        '  ApiId: h1',
        '  DeploymentId: dep001',
        'stages:',
        '  Pinned: { StageName: pinned }',
        '  Auto: { StageName: auto, AutoDeploy: true }',
      ].join('\n'),
    },
  ]);
  assert.deepEqual(
    problems.map((problem) => [problem.line, problem.property, problem.message]),
    [[4, 'DeploymentId', `stage Auto: ${AUTO_DEPLOY_MESSAGE}`]],
  );
});

test('only auto-deploy V2 stages are concerned', () => {
  assert.deepEqual(
    refusedDeclarations('AWS::ApiGatewayV2::Stage', { AutoDeploy: false, DeploymentId: 'd' }),
    [],
  );
  assert.deepEqual(
    refusedDeclarations('AWS::ApiGateway::Stage', { AutoDeploy: true, DeploymentId: 'd' }),
    [],
  );
  assert.deepEqual(refusedDeclarations('AWS::ApiGatewayV2::Stage', { AutoDeploy: true }).length, 0);
  const [rule] = refusedDeclarations('AWS::ApiGatewayV2::Stage', {
    AutoDeploy: true,
    DeploymentId: 'd',
  });
  assert.match(rule?.source ?? '', /docs\/evidence\/apigatewayv2-stage\.md items 4 .* and 5/);
});
