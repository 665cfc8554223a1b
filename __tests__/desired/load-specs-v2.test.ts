/** Loading HTTP and WebSocket API stages (`type: AWS::ApiGatewayV2::Stage`), alone and beside REST ones. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSpecs } from '../../src/desired/load-specs.ts';
import { stagesById } from '../../src/desired/spec-stage.ts';
import { HTTP_DEFAULT_STAGE, WEBSOCKET_STAGE } from './v2-fixtures.ts';

const load = (text: string, path = 'stages/v2.yml') => loadSpecs([{ path, text }]);

describe('HTTP and WebSocket API stages', () => {
  test('an HTTP $default stage with auto-deploy and throttling loads, its API by name', () => {
    const { stages, problems } = load(HTTP_DEFAULT_STAGE);
    assert.deepEqual(problems, []);
    assert.deepEqual(stages, [
      {
        name: 'HttpDefault',
        type: 'AWS::ApiGatewayV2::Stage',
        api: {
          by: 'name',
          name: 'orders-http',
          at: { file: 'stages/v2.yml', line: 4, column: 10 },
        },
        properties: {
          StageName: '$default',
          AutoDeploy: true,
          DefaultRouteSettings: {
            ThrottlingBurstLimit: 200,
            ThrottlingRateLimit: 100,
            DetailedMetricsEnabled: true,
          },
        },
        ignoreChanges: [],
        source: { file: 'stages/v2.yml', line: 2, column: 3 },
      },
    ]);
  });

  test('a WebSocket stage with per-route settings, variables and a tag map takes its type from defaults', () => {
    const { stages, problems } = load(WEBSOCKET_STAGE);
    assert.deepEqual(problems, []);
    const [desired] = stagesById(stages);
    assert.equal(desired?.type, 'AWS::ApiGatewayV2::Stage');
    assert.equal(desired?.identifier, 'ws0123abcd|prod');
    assert.deepEqual(desired?.properties, {
      ApiId: 'ws0123abcd',
      StageName: 'prod',
      DeploymentId: 'dep042',
      RouteSettings: {
        $connect: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 },
        sendmessage: { LoggingLevel: 'INFO', DataTraceEnabled: false },
      },
      StageVariables: { backend: 'chat-prod' },
      Tags: { team: 'chat', 'cost-centre': '42' },
    });
    assert.equal('RestApiId' in (desired?.properties ?? {}), false);
  });

  test("a stage's own type: replaces the defaults' type", () => {
    const { stages, problems } = load(
      [
        'defaults:',
        '  type: AWS::ApiGatewayV2::Stage',
        'stages:',
        '  Http: { ApiId: h1, StageName: $default }',
        '  Rest:',
        '    type: AWS::ApiGateway::Stage',
        '    RestApiId: r1',
        '    StageName: prod',
        '    DeploymentId: d1',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      stagesById(stages).map((stage) => [stage.name, stage.type, stage.identifier]),
      [
        ['Http', 'AWS::ApiGatewayV2::Stage', 'h1|$default'],
        ['Rest', 'AWS::ApiGateway::Stage', 'r1|prod'],
      ],
    );
  });

  test('a stage without type: is a REST API stage, and says so', () => {
    const { stages } = load('stages:\n  S: { RestApiId: a1, StageName: p, DeploymentId: d }\n');
    assert.equal(stages[0]?.type, 'AWS::ApiGateway::Stage');
    assert.equal(stagesById(stages)[0]?.type, 'AWS::ApiGateway::Stage');
  });

  test('a V2 stage needs no DeploymentId, but needs its API and StageName', () => {
    const { problems } = load(
      ['stages:', '  Http:', '    type: AWS::ApiGatewayV2::Stage', '    AutoDeploy: true'].join(
        '\n',
      ),
    );
    assert.deepEqual(
      problems.map((problem) => [problem.line, problem.property, problem.message]),
      [
        [
          2,
          'ApiId',
          "stage Http is missing ApiId, which is required (set it, or `api:` with the API's name, on the stage or in `defaults:`)",
        ],
        [
          2,
          'StageName',
          'stage Http is missing StageName, which is required (set it on the stage or in `defaults:`)',
        ],
      ],
    );
  });
});

describe('one file, both types', () => {
  test('defaults holding what both types have (Description, Tags, ignore-changes) apply to each in its shape', () => {
    const { stages, problems } = load(
      [
        'defaults:',
        '  Description: payments stages',
        '  Tags:',
        '    - { Key: team, Value: payments }',
        '    - { Key: tier, Value: gold }',
        '  ignore-changes: [DeploymentId]',
        'stages:',
        '  Rest:',
        '    RestApiId: r1',
        '    StageName: prod',
        '    Tags:',
        '      - { Key: tier, Value: platinum }',
        '  Http:',
        '    type: AWS::ApiGatewayV2::Stage',
        '    ApiId: h1',
        '    StageName: $default',
        '    AutoDeploy: true',
        '    Tags: { tier: silver, app: checkout }',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
    const [rest, http] = stagesById(stages);
    assert.deepEqual(rest?.properties, {
      Description: 'payments stages',
      Tags: [
        { Key: 'team', Value: 'payments' },
        { Key: 'tier', Value: 'platinum' },
      ],
      RestApiId: 'r1',
      StageName: 'prod',
    });
    assert.deepEqual(http?.properties, {
      Description: 'payments stages',
      Tags: { team: 'payments', tier: 'silver', app: 'checkout' },
      ApiId: 'h1',
      StageName: '$default',
      AutoDeploy: true,
    });
    assert.deepEqual(
      [rest?.ignoreChanges, http?.ignoreChanges],
      [['DeploymentId'], ['DeploymentId']],
    );
  });

  test('one spec per identifier across the two types: REST and HTTP API ids share one id space', () => {
    const { problems } = loadSpecs([
      {
        path: 'stages/a.yml',
        text: 'stages:\n  A: { RestApiId: x1, StageName: prod, DeploymentId: d }\n',
      },
      {
        path: 'stages/b.yml',
        text: 'stages:\n  B: { type: AWS::ApiGatewayV2::Stage, ApiId: x1, StageName: prod }\n',
      },
    ]);
    assert.deepEqual(problems, [
      {
        file: 'stages/b.yml',
        line: 2,
        column: 3,
        message:
          'stage B declares x1|prod (ApiId|StageName), already declared as A at stages/a.yml:2; one spec per stage',
      },
    ]);
  });

  test('two specs of one named HTTP API and stage name are one spec too many', () => {
    const { problems } = load(
      [
        'defaults: { type: AWS::ApiGatewayV2::Stage, api: chat }',
        'stages:',
        '  A: { StageName: prod }',
        '  B: { StageName: prod }',
      ].join('\n'),
    );
    assert.match(
      problems[0]?.message ?? '',
      /^stage B declares api chat\|prod \(ApiId\|StageName\), already declared as A at stages\/v2\.yml:3/,
    );
  });
});
