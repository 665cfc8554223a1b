import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ignorablePaths, SPEC_SETTINGS } from '../../src/schema/spec-settings.ts';
import { REST_STAGE, STAGE_TYPES, V2_STAGE } from '../../src/stage-types/index.ts';

test("each type's ignorable paths come from its registry schema, without its identifier", () => {
  const v2 = ignorablePaths(V2_STAGE);
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
  const rest = ignorablePaths(REST_STAGE);
  assert.ok(rest.includes('CanarySetting.DeploymentId'));
  assert.equal(rest.includes('RestApiId'), false);
});

test('type: offers exactly the managed types, and each API name key is described', () => {
  assert.deepEqual(
    SPEC_SETTINGS.type?.enum,
    STAGE_TYPES.map((type) => type.typeName),
  );
  for (const type of STAGE_TYPES)
    assert.match(SPEC_SETTINGS[type.apiNameKey]?.description ?? '', new RegExp(type.apiTypeName));
});
