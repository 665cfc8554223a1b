import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDENTITY_PROPERTIES, NOT_IN_PLACE_RULES } from '../../src/plan/patch-rules.ts';
import { REST_STAGE } from '../../src/stage-types/index.ts';

const notInPlaceRule = (at: string) => REST_STAGE.notInPlace.find((rule) => rule.at === at);
import { PRIMARY_IDENTIFIER } from '../../src/schema/stage-schema.ts';

test('the properties an update never writes are exactly the identifier’s', () => {
  // createOnlyProperties and primaryIdentifier name the same two properties in the schema, which
  // is why a change of either is another stage, never an update.
  assert.deepEqual([...IDENTITY_PROPERTIES].sort(), [...PRIMARY_IDENTIFIER].sort());
  assert.deepEqual([...IDENTITY_PROPERTIES].sort(), ['RestApiId', 'StageName']);
});

test('each not-in-place rule has a note for reviewers and a recorded source', () => {
  assert.ok(NOT_IN_PLACE_RULES.length > 0);
  for (const rule of NOT_IN_PLACE_RULES) {
    assert.equal(notInPlaceRule(rule.at), rule);
    assert.match(rule.note, /cannot change this in place/);
    assert.match(rule.source, /aws-recorded-behaviour\.md fact \d+/);
  }
  assert.equal(notInPlaceRule('Description'), undefined);
});
