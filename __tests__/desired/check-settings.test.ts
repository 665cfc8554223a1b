/** stage-sync's own settings, per stage type: `type:`, the API by name, `ignore-changes:`. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSpecs } from '../../src/desired/load-specs.ts';
import { typeFromSetting, typeProblem } from '../../src/desired/check-settings.ts';

const problemsOf = (text: string) =>
  loadSpecs([{ path: 'stages/s.yml', text }]).problems.map((problem) => [
    problem.line,
    problem.column,
    problem.property,
    problem.message,
  ]);

describe('type:', () => {
  test('names a managed type exactly; a near miss is suggested', () => {
    assert.equal(typeFromSetting('AWS::ApiGatewayV2::Stage')?.label, 'HTTP or WebSocket API stage');
    assert.equal(typeFromSetting('aws::apigatewayv2::stage'), undefined);
    assert.match(
      typeProblem('aws::apigatewayv2::stage')?.message ?? '',
      /spelled exactly so \(did you mean AWS::ApiGatewayV2::Stage\?\)$/,
    );
    assert.equal(typeProblem('AWS::ApiGateway::Stage'), undefined);
  });

  test("a wrong type is one problem at its value; the stage's properties wait for a known type", () => {
    assert.deepEqual(
      problemsOf(
        [
          'stages:',
          '  Http:',
          '    type: HTTP',
          '    ApiId: h1',
          '    StageName: $default',
          '    AutoDeploy: true',
        ].join('\n'),
      ),
      [
        [
          3,
          11,
          'type',
          'stage Http: `type` is "HTTP"; it must be AWS::ApiGateway::Stage (a REST API stage) or AWS::ApiGatewayV2::Stage (an HTTP or WebSocket API stage), spelled exactly so',
        ],
      ],
    );
  });

  test('a type that is no string says what it got', () => {
    assert.match(
      String(problemsOf('stages:\n  S: { type: [a], StageName: p }\n')[0]?.[3]),
      /^stage S: `type` is a list; it must be/,
    );
  });
});

describe('the API by name', () => {
  test('`api:` must be a name', () => {
    assert.deepEqual(
      problemsOf(
        'stages:\n  Http:\n    type: AWS::ApiGatewayV2::Stage\n    api: ""\n    StageName: $default\n',
      ),
      [
        [
          4,
          10,
          'api',
          "stage Http: `api` must be the HTTP or WebSocket API's name, a non-empty string",
        ],
      ],
    );
  });

  test('a V2 stage gives ApiId or `api:`, not both', () => {
    assert.deepEqual(
      problemsOf(
        'stages:\n  Http:\n    type: AWS::ApiGatewayV2::Stage\n    ApiId: h1\n    api: chat\n    StageName: $default\n',
      ),
      [
        [
          5,
          5,
          'api',
          'stage Http: gives both ApiId and `api`; name the HTTP or WebSocket API one way, by id or by name',
        ],
      ],
    );
  });

  test("`api:` in defaults names the API of the file's V2 stages; a stage's own ApiId replaces it", () => {
    const { stages, problems } = loadSpecs([
      {
        path: 'stages/s.yml',
        text: [
          'defaults: { type: AWS::ApiGatewayV2::Stage, api: chat }',
          'stages:',
          '  Prod: { StageName: prod }',
          '  Other: { StageName: other, ApiId: h9 }',
        ].join('\n'),
      },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      stages.map((stage) => stage.api),
      [
        { by: 'name', name: 'chat', at: { file: 'stages/s.yml', line: 1, column: 50 } },
        { by: 'id', id: 'h9' },
      ],
    );
  });
});

describe('ignore-changes per type', () => {
  test("a V2 stage's paths come from its own registry schema", () => {
    const { stages, problems } = loadSpecs([
      {
        path: 'stages/s.yml',
        text: [
          'stages:',
          '  Http:',
          '    type: AWS::ApiGatewayV2::Stage',
          '    ApiId: h1',
          '    StageName: $default',
          '    ignore-changes: [DeploymentId, AccessLogSettings.Format, DefaultRouteSettings.ThrottlingRateLimit]',
        ].join('\n'),
      },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(stages[0]?.ignoreChanges, [
      'DeploymentId',
      'AccessLogSettings.Format',
      'DefaultRouteSettings.ThrottlingRateLimit',
    ]);
  });

  test('the identifier and unknown paths are refused with the V2 wording and suggestions', () => {
    assert.deepEqual(
      problemsOf(
        [
          'stages:',
          '  Http:',
          '    type: AWS::ApiGatewayV2::Stage',
          '    ApiId: h1',
          '    StageName: $default',
          '    ignore-changes:',
          '      - ApiId',
          '      - AccessLogSettings.Formatt',
        ].join('\n'),
      ).map(([line, , , message]) => [line, message]),
      [
        [
          7,
          "stage Http: ignore-changes cannot name ApiId: it is part of the stage's identifier (ApiId|StageName), so it names the stage rather than a property of it",
        ],
        [
          8,
          'stage Http: ignore-changes names AccessLogSettings.Formatt, which is not a property of a stage; did you mean AccessLogSettings.Format?',
        ],
      ],
    );
  });
});
