/** A key of the other stage type: one problem, at its key, naming the type that expects it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSpecs } from '../../src/desired/load-specs.ts';
import { listNames } from '../../src/desired/other-type.ts';

const V2 = 'type: AWS::ApiGatewayV2::Stage';

interface Case {
  readonly name: string;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly property: string;
  readonly message: string;
}

const CASES: readonly Case[] = [
  {
    name: 'ApiId on a REST stage',
    text: 'stages:\n  Prod:\n    ApiId: a1\n    StageName: prod\n    DeploymentId: d1\n',
    line: 3,
    column: 5,
    property: 'ApiId',
    message:
      'stage Prod: ApiId is a property of AWS::ApiGatewayV2::Stage, but this stage is AWS::ApiGateway::Stage; set `type: AWS::ApiGatewayV2::Stage` if it is an HTTP or WebSocket API stage, or use RestApiId',
  },
  {
    name: 'RouteSettings on a REST stage',
    text: 'stages:\n  Prod:\n    RestApiId: a1\n    StageName: prod\n    DeploymentId: d1\n    RouteSettings: {}\n',
    line: 6,
    column: 5,
    property: 'RouteSettings',
    message:
      'stage Prod: RouteSettings is a property of AWS::ApiGatewayV2::Stage, but this stage is AWS::ApiGateway::Stage; set `type: AWS::ApiGatewayV2::Stage` if it is an HTTP or WebSocket API stage, or use MethodSettings (one entry per ResourcePath and HttpMethod)',
  },
  {
    name: 'AutoDeploy on a REST stage: no counterpart',
    text: 'stages:\n  Prod:\n    RestApiId: a1\n    StageName: prod\n    DeploymentId: d1\n    AutoDeploy: true\n',
    line: 6,
    column: 5,
    property: 'AutoDeploy',
    message:
      'stage Prod: AutoDeploy is a property of AWS::ApiGatewayV2::Stage, but this stage is AWS::ApiGateway::Stage; set `type: AWS::ApiGatewayV2::Stage` if it is an HTTP or WebSocket API stage, or remove it (AWS::ApiGateway::Stage has no counterpart)',
  },
  {
    name: 'MethodSettings on an HTTP stage',
    text: `stages:\n  Http:\n    ${V2}\n    ApiId: h1\n    StageName: $default\n    MethodSettings:\n      - { HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 5 }\n`,
    line: 6,
    column: 5,
    property: 'MethodSettings',
    message:
      'stage Http: MethodSettings is a property of AWS::ApiGateway::Stage, but this stage is AWS::ApiGatewayV2::Stage; set `type: AWS::ApiGateway::Stage` if it is a REST API stage, or use RouteSettings (keyed by route key) and DefaultRouteSettings',
  },
  {
    name: 'Variables on an HTTP stage',
    text: `stages:\n  Http:\n    ${V2}\n    ApiId: h1\n    StageName: $default\n    Variables: { a: b }\n`,
    line: 6,
    column: 5,
    property: 'Variables',
    message:
      'stage Http: Variables is a property of AWS::ApiGateway::Stage, but this stage is AWS::ApiGatewayV2::Stage; set `type: AWS::ApiGateway::Stage` if it is a REST API stage, or use StageVariables',
  },
  {
    name: '`rest-api:` on a V2 stage',
    text: `stages:\n  Http:\n    ${V2}\n    rest-api: chat\n    StageName: $default\n`,
    line: 4,
    column: 5,
    property: 'rest-api',
    message:
      'stage Http: `rest-api:` names a REST API, but this stage is AWS::ApiGatewayV2::Stage; use `api:` to name its HTTP or WebSocket API, or set `type: AWS::ApiGateway::Stage` if it is a REST API stage',
  },
  {
    name: '`api:` on a REST stage',
    text: 'stages:\n  Prod:\n    api: payments\n    StageName: prod\n    DeploymentId: d1\n',
    line: 3,
    column: 5,
    property: 'api',
    message:
      'stage Prod: `api:` names an HTTP or WebSocket API, but this stage is AWS::ApiGateway::Stage; use `rest-api:` to name its REST API, or set `type: AWS::ApiGatewayV2::Stage` if it is an HTTP or WebSocket API stage',
  },
  {
    name: 'an ignore-changes path of the other type, with its counterpart',
    text: `stages:\n  Http:\n    ${V2}\n    ApiId: h1\n    StageName: $default\n    ignore-changes: [AccessLogSetting.Format]\n`,
    line: 6,
    column: 22,
    property: 'ignore-changes',
    message:
      'stage Http: ignore-changes names AccessLogSetting.Format, a property of AWS::ApiGateway::Stage, but this stage is AWS::ApiGatewayV2::Stage; set `type: AWS::ApiGateway::Stage` if it is a REST API stage, or use AccessLogSettings.Format',
  },
];

describe('a key of the other type', () => {
  for (const item of CASES) {
    test(item.name, () => {
      const { problems } = loadSpecs([{ path: 'stages/t.yml', text: item.text }]);
      assert.deepEqual(problems, [
        {
          file: 'stages/t.yml',
          line: item.line,
          column: item.column,
          property: item.property,
          message: item.message,
        },
      ]);
    });
  }
});

test("a key of the other type is that one problem: no 'missing' problem follows from it", () => {
  // The REST stage gives ApiId instead of RestApiId: one problem, not also "missing RestApiId".
  const { problems } = loadSpecs([
    { path: 's.yml', text: 'stages:\n  P: { ApiId: a1, StageName: p, DeploymentId: d }\n' },
  ]);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.property, 'ApiId');
});

test('lists of names are cut after three', () => {
  assert.equal(listNames(['A']), 'A');
  assert.equal(listNames(['A', 'B']), 'A and B');
  assert.equal(listNames(['A', 'B', 'C', 'D']), 'A, B, C and D');
  assert.equal(listNames(['A', 'B', 'C', 'D', 'E']), 'A, B, C and 2 more');
});
