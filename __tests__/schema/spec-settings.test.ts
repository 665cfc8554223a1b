import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SPEC_SETTINGS } from '../../src/schema/spec-settings.ts';
import { STAGE_TYPES } from '../../src/stage-types/index.ts';

test('type: offers exactly the managed types, and each API name key is described', () => {
  assert.deepEqual(
    SPEC_SETTINGS.type?.enum,
    STAGE_TYPES.map((type) => type.typeName),
  );
  for (const type of STAGE_TYPES)
    assert.match(SPEC_SETTINGS[type.apiNameKey]?.description ?? '', new RegExp(type.apiTypeName));
});
