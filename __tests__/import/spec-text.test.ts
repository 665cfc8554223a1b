import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from 'js-yaml';
import { renderSpecText } from '../../src/import/spec-text.ts';
import { REST_STAGE, V2_STAGE } from '../../src/stage-types/index.ts';

test('a REST stage: identity first, a method setting by its address first, no type:', () => {
  const text = renderSpecText({
    type: REST_STAGE,
    header: ['h'],
    ignoreChanges: [],
    defaults: {},
    stages: [
      {
        name: 'Prod',
        properties: {
          Description: 'd',
          DeploymentId: 'dep1',
          StageName: 'prod',
          RestApiId: 'abc1234',
          MethodSettings: [{ ThrottlingRateLimit: 5, ResourcePath: '/*', HttpMethod: '*' }],
        },
      },
    ],
  });
  assert.equal(
    text,
    "# h\n\nstages:\n  Prod:\n    RestApiId: abc1234\n    StageName: prod\n    DeploymentId: dep1\n    Description: d\n    MethodSettings:\n      - HttpMethod: '*'\n        ResourcePath: /*\n        ThrottlingRateLimit: 5\n",
  );
});

test("a V2 stage: type: in defaults, ApiId first, a keyed map's entries alphabetically", () => {
  const properties = {
    RouteSettings: { sendmessage: { DetailedMetricsEnabled: true }, $connect: {} },
    StageName: '$default',
    ApiId: 'z1mf4h761f',
    // Entries of a map are not properties: a tag named like one is not moved up.
    Tags: { StageName: 'x', DeploymentId: 'v' },
  };
  const text = renderSpecText({
    type: V2_STAGE,
    header: ['h'],
    ignoreChanges: ['DeploymentId'],
    defaults: { Description: 'shared' },
    stages: [{ name: 'Default', properties }],
  });
  assert.equal(
    text,
    '# h\n\ndefaults:\n  type: AWS::ApiGatewayV2::Stage\n  ignore-changes: [DeploymentId]\n  Description: shared\n\nstages:\n  Default:\n    ApiId: z1mf4h761f\n    StageName: $default\n    RouteSettings:\n      $connect: {}\n      sendmessage:\n        DetailedMetricsEnabled: true\n    Tags:\n      DeploymentId: v\n      StageName: x\n',
  );
  const loaded = load(text) as { stages: { Default: unknown } };
  assert.deepEqual(loaded.stages.Default, properties);
});
