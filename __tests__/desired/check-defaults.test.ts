/** `defaults:` checked against the type of each stage that takes them, reported at the defaults' lines. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSpecs } from '../../src/desired/load-specs.ts';

const problemsOf = (text: string) =>
  loadSpecs([{ path: 'stages/d.yml', text }]).problems.map((problem) => [
    problem.line,
    problem.property,
    problem.message,
  ]);

test("a default the other type's stage takes is one problem at the default, naming the stages", () => {
  assert.deepEqual(
    problemsOf(
      [
        'defaults:',
        '  MethodSettings:',
        "    - { HttpMethod: '*', ResourcePath: '/*', MetricsEnabled: true }",
        '  rest-api: payments',
        'stages:',
        '  Rest: { StageName: prod, DeploymentId: d1 }',
        '  Http: { type: AWS::ApiGatewayV2::Stage, StageName: $default }',
        '  Ws: { type: AWS::ApiGatewayV2::Stage, StageName: prod }',
      ].join('\n'),
    ),
    [
      [
        2,
        'MethodSettings',
        "defaults: MethodSettings is a property of AWS::ApiGateway::Stage, but stages Http and Ws, which take it from `defaults:`, are AWS::ApiGatewayV2::Stage; set `type: AWS::ApiGateway::Stage` (in `defaults:` or on the stage) if the file's stages are REST API stages, or set it only on the stages of type AWS::ApiGateway::Stage",
      ],
      [
        4,
        'rest-api',
        "defaults: `rest-api:` names a REST API, but stages Http and Ws, which take it from `defaults:`, are AWS::ApiGatewayV2::Stage; set `type: AWS::ApiGateway::Stage` (in `defaults:` or on the stage) if the file's stages are REST API stages, or set it only on the stages of type AWS::ApiGateway::Stage",
      ],
    ],
  );
});

test("a stage that names its own API takes none of the defaults' API keys", () => {
  assert.deepEqual(
    problemsOf(
      [
        'defaults:',
        '  RestApiId: r1',
        '  DeploymentId: d1',
        'stages:',
        '  Rest: { StageName: prod }',
        '  Http: { type: AWS::ApiGatewayV2::Stage, api: chat, StageName: $default }',
      ].join('\n'),
    ),
    // DeploymentId is no API key: the HTTP stage takes it, and both types have it.
    [],
  );
});

test('a value only some takers refuse says for which stages', () => {
  assert.deepEqual(
    problemsOf(
      [
        'defaults:',
        '  StageName: $default',
        'stages:',
        '  Rest: { RestApiId: r1, DeploymentId: d1 }',
        '  Http: { type: AWS::ApiGatewayV2::Stage, ApiId: h1 }',
      ].join('\n'),
    ),
    [
      [
        2,
        'StageName',
        'defaults, for stage Rest (AWS::ApiGateway::Stage): StageName is "$default"; it must be letters, digits, hyphens and underscores',
      ],
    ],
  );
});

test("the defaults' type: is the type of every stage that does not give its own", () => {
  assert.deepEqual(
    problemsOf(
      [
        'defaults:',
        '  type: AWS::ApiGatewayV2::Stage',
        '  AutoDeploy: true',
        '  DefaultRouteSettings: { ThrottlingRateLimit: 10 }',
        'stages:',
        '  Http: { ApiId: h1, StageName: $default }',
        '  Rest: { type: AWS::ApiGateway::Stage, RestApiId: r1, StageName: p, DeploymentId: d }',
      ].join('\n'),
    ).map(([line, property]) => [line, property]),
    [
      [3, 'AutoDeploy'],
      [4, 'DefaultRouteSettings'],
    ],
  );
});

test("a default no stage takes is checked against the defaults' own type", () => {
  assert.deepEqual(problemsOf('defaults:\n  AutoDeploy: true\nstages: {}\n'), [
    [
      2,
      'AutoDeploy',
      'defaults: AutoDeploy is a property of AWS::ApiGatewayV2::Stage, but no stage takes it from `defaults:`, whose type is AWS::ApiGateway::Stage; set `type: AWS::ApiGatewayV2::Stage` in `defaults:`, or remove it',
    ],
  ]);
  assert.deepEqual(
    problemsOf('defaults:\n  type: AWS::ApiGatewayV2::Stage\n  AutoDeploy: true\nstages: {}\n'),
    [],
  );
});

test('ignore-changes in defaults is checked against the type of each stage that takes the list', () => {
  assert.deepEqual(
    problemsOf(
      [
        'defaults:',
        '  ignore-changes: [DeploymentId, CanarySetting.DeploymentId]',
        'stages:',
        '  Rest: { RestApiId: r1, StageName: p }',
        '  Http: { type: AWS::ApiGatewayV2::Stage, ApiId: h1, StageName: $default }',
        '  Own:',
        '    type: AWS::ApiGatewayV2::Stage',
        '    ApiId: h2',
        '    StageName: own',
        '    ignore-changes: [AccessLogSettings.Format]',
      ].join('\n'),
    ),
    [
      [
        2,
        'ignore-changes',
        "defaults: ignore-changes names CanarySetting.DeploymentId, a property of AWS::ApiGateway::Stage, but stage Http, which takes this list from `defaults:`, is AWS::ApiGatewayV2::Stage; set `type: AWS::ApiGateway::Stage` (in `defaults:` or on the stage) if the file's stages are REST API stages, or set it only on the stages of type AWS::ApiGateway::Stage",
      ],
    ],
  );
});

test("the defaults' Tags may be a list or a mapping, and are checked as written", () => {
  assert.deepEqual(
    problemsOf(
      [
        'defaults:',
        '  Tags: { "aws:owner": x }',
        'stages:',
        '  Rest: { RestApiId: r1, StageName: p, DeploymentId: d }',
      ].join('\n'),
    ).map(([line, property]) => [line, property]),
    [[2, 'Tags[aws:owner]']],
  );
  assert.deepEqual(
    problemsOf(
      [
        'defaults:',
        '  Tags: 5',
        'stages:',
        '  Rest: { RestApiId: r1, StageName: p, DeploymentId: d }',
        '  Http: { type: AWS::ApiGatewayV2::Stage, ApiId: h1, StageName: $default }',
      ].join('\n'),
    ),
    [
      [
        2,
        'Tags',
        "defaults: Tags must be a list of Key and Value or a mapping of key to value (in `defaults:` either; each stage takes them in its type's shape); got number 5",
      ],
    ],
  );
});

test("repeated entries of the defaults' lists are reported once, at the defaults", () => {
  assert.deepEqual(
    problemsOf(
      [
        'defaults:',
        '  Tags:',
        '    - { Key: team, Value: a }',
        '    - { Key: team, Value: b }',
        'stages:',
        '  A: { RestApiId: r1, StageName: a, DeploymentId: d }',
        '  B: { RestApiId: r1, StageName: b, DeploymentId: d }',
      ].join('\n'),
    ),
    [
      [
        4,
        'Tags[1]',
        'defaults: Tags[1] repeats the tag key "team" already set by Tags[0]; merge them into one entry',
      ],
    ],
  );
});

test("an unknown setting or type in defaults is reported once, whatever the stages' types", () => {
  assert.deepEqual(
    problemsOf(
      [
        'defaults:',
        '  type: AWS::ApiGatewayV2::Stag',
        '  ignore-change: []',
        'stages:',
        '  Http: { ApiId: h1, StageName: $default }',
      ].join('\n'),
    ),
    [
      [
        2,
        'type',
        'defaults: `type` is "AWS::ApiGatewayV2::Stag"; it must be AWS::ApiGateway::Stage (a REST API stage) or AWS::ApiGatewayV2::Stage (an HTTP or WebSocket API stage), spelled exactly so (did you mean AWS::ApiGatewayV2::Stage?)',
      ],
      [
        3,
        'ignore-change',
        "defaults: `ignore-change` is not a stage-sync setting (lowercase keys are stage-sync's own); did you mean `ignore-changes`?",
      ],
    ],
  );
});
