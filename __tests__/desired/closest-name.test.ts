import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestName } from '../../src/desired/closest-name.ts';

test('suggests the nearest plausible name, ignoring case', () => {
  assert.equal(closestName('Descripton', ['Description', 'DeploymentId']), 'Description');
  assert.equal(closestName('tracingenabled', ['TracingEnabled', 'Tags']), 'TracingEnabled');
});

test('suggests nothing when no candidate is close', () => {
  assert.equal(closestName('Zebra', ['Description', 'DeploymentId']), undefined);
});
