import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeResourcePath,
  encodeResourcePath,
  methodSettingKey,
} from '../../src/model/resource-path.ts';

test('natural and encoded forms convert both ways', () => {
  const pairs = [
    ['/orders', '/~1orders'],
    ['/orders/{id}', '/~1orders~1{id}'],
    ['/', '/'],
    ['/*', '/*'],
  ];
  for (const [natural, encoded] of pairs) {
    assert.equal(encodeResourcePath(natural as string), encoded);
    assert.equal(encodeResourcePath(encoded as string), encoded, 'encoding is idempotent');
    assert.equal(decodeResourcePath(encoded as string), natural);
  }
});

test('a method setting key is the same for either spelling', () => {
  assert.equal(methodSettingKey('/orders/{id}', 'GET'), methodSettingKey('/~1orders~1{id}', 'GET'));
  assert.notEqual(methodSettingKey('/orders', 'GET'), methodSettingKey('/orders', 'POST'));
});
