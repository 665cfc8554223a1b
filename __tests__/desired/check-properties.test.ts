/** A V2 stage's properties checked against its schema, named as the plan names them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { propertyProblems } from '../../src/desired/check-properties.ts';
import { loadSpecs } from '../../src/desired/load-specs.ts';
import { REST_STAGE, V2_STAGE } from '../../src/stage-types/index.ts';

const v2Spec = (lines: string[]): string =>
  [
    'stages:',
    '  Ws:',
    '    type: AWS::ApiGatewayV2::Stage',
    '    ApiId: w1',
    '    StageName: prod',
    ...lines.map((line) => `    ${line}`),
  ].join('\n');

const problemsOf = (text: string) =>
  loadSpecs([{ path: 'stages/w.yml', text }]).problems.map((problem) => [
    problem.line,
    problem.property,
    problem.message,
  ]);

test('route settings are named by route key, as in the plan: RouteSettings[$connect]', () => {
  assert.deepEqual(
    problemsOf(
      v2Spec([
        'RouteSettings:',
        '  $connect:',
        '    LoggingLevel: DEBUG',
        '    ThrottlingBurstLimit: 1.5',
        '    Throttle: 1',
      ]),
    ),
    [
      [
        8,
        'RouteSettings[$connect].LoggingLevel',
        'stage Ws: RouteSettings[$connect].LoggingLevel is "DEBUG"; allowed: ERROR, INFO, OFF',
      ],
      [
        9,
        'RouteSettings[$connect].ThrottlingBurstLimit',
        'stage Ws: RouteSettings[$connect].ThrottlingBurstLimit must be a whole number; got number 1.5',
      ],
      [
        10,
        'RouteSettings[$connect].Throttle',
        'stage Ws: RouteSettings[$connect].Throttle is not a property of RouteSettings[$connect]; known properties: LoggingLevel, DataTraceEnabled, ThrottlingBurstLimit, DetailedMetricsEnabled, ThrottlingRateLimit',
      ],
    ],
  );
});

test('StageName may be $default on a V2 stage only', () => {
  assert.deepEqual(problemsOf(v2Spec([]).replace('StageName: prod', 'StageName: $default')), []);
  assert.match(
    String(
      problemsOf('stages:\n  R: { RestApiId: r1, StageName: $default, DeploymentId: d }\n')[0]?.[2],
    ),
    /StageName is "\$default"; it must be letters, digits, hyphens and underscores$/,
  );
});

test("tags in the other type's shape say how this type writes them", () => {
  assert.deepEqual(problemsOf(v2Spec(['Tags:', '  - { Key: team, Value: chat }'])), [
    [
      7,
      'Tags',
      'stage Ws: Tags must be a mapping; got a list (the tags of AWS::ApiGatewayV2::Stage are a mapping of key to value, such as {team: payments}; a list of Key and Value is how AWS::ApiGateway::Stage writes them)',
    ],
  ]);
  const [rest] = propertyProblems({ Tags: { team: 'chat' } }, { type: REST_STAGE });
  assert.equal(
    rest?.message,
    'Tags must be a list; got a mapping (the tags of AWS::ApiGateway::Stage are a list of Key and Value, such as [{Key: team, Value: payments}]; a mapping of key to value is how AWS::ApiGatewayV2::Stage writes them)',
  );
});

test('V2 tags: reserved keys, value length, at most 48', () => {
  const [reserved, long] = propertyProblems(
    { Tags: { 'aws:x': 'v', 'stage-sync:commit': 'c', team: 'v'.repeat(257) } },
    { type: V2_STAGE },
  );
  assert.deepEqual(
    [reserved?.property, long?.property],
    ['Tags[aws:x]', 'Tags[stage-sync:commit]'],
  );
  const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']));
  assert.deepEqual(
    propertyProblems({ Tags: many }, { type: V2_STAGE }).map((problem) => problem.message),
    ['Tags has 49 entries; at most 48 are allowed'],
  );
  assert.match(
    propertyProblems({ Tags: { team: 'v'.repeat(257) } }, { type: V2_STAGE })[0]?.message ?? '',
    /^Tags\[team\] is 257 characters long; at most 256/,
  );
});

test('stage variables of a V2 stage follow the stage-variable rules', () => {
  assert.deepEqual(
    problemsOf(v2Spec(['StageVariables:', '  my-var: x', '  ok: "has space"'])).map(
      ([line, property]) => [line, property],
    ),
    [
      [7, 'StageVariables.my-var'],
      [8, 'StageVariables.ok'],
    ],
  );
});
