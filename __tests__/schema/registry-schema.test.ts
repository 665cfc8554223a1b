import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ignorablePathsOf } from '../../src/schema/registry-schema.ts';
import { PRIMARY_IDENTIFIER, REGISTRY_SCHEMA } from '../../src/schema/stage-schema.ts';
import { V2_PRIMARY_IDENTIFIER, V2_REGISTRY_SCHEMA } from '../../src/schema/v2-stage-schema.ts';
import { REST_STAGE, V2_STAGE } from '../../src/stage-types/index.ts';

test("each type's ignorable paths come from its registry schema, without its identifier", () => {
  const v2 = ignorablePathsOf(V2_REGISTRY_SCHEMA, V2_PRIMARY_IDENTIFIER);
  for (const path of [
    'DeploymentId',
    'AutoDeploy',
    'RouteSettings',
    'AccessLogSettings.Format',
    'DefaultRouteSettings.ThrottlingBurstLimit',
    'StageVariables',
    'Tags',
  ])
    assert.ok(v2.includes(path), path);
  for (const path of ['ApiId', 'StageName', 'MethodSettings', 'CanarySetting.DeploymentId'])
    assert.equal(v2.includes(path), false, path);
  const rest = ignorablePathsOf(REGISTRY_SCHEMA, PRIMARY_IDENTIFIER);
  assert.ok(rest.includes('CanarySetting.DeploymentId'));
  assert.equal(rest.includes('RestApiId'), false);
});

test('each stage type carries its ignorable paths, computed from its own schema', () => {
  assert.deepEqual(
    V2_STAGE.ignorablePaths,
    ignorablePathsOf(V2_REGISTRY_SCHEMA, V2_PRIMARY_IDENTIFIER),
  );
  assert.deepEqual(
    REST_STAGE.ignorablePaths,
    ignorablePathsOf(REGISTRY_SCHEMA, PRIMARY_IDENTIFIER),
  );
  assert.notDeepEqual(REST_STAGE.ignorablePaths, V2_STAGE.ignorablePaths);
});
