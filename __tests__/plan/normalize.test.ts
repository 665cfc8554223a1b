import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEYED_SET_RULES } from '../../src/plan/normalization-rules.ts';
import {
  defaultFor,
  rulesOf,
  normalizeSetElement,
  normalizeStage,
} from '../../src/plan/normalize.ts';

test('normalizeStage sorts keys and sets, and rewrites paths to their natural form', () => {
  const normalized = normalizeStage({
    StageName: 'prod',
    MethodSettings: [
      { ResourcePath: '/~1b', HttpMethod: 'GET', MetricsEnabled: true },
      { ResourcePath: '/a', HttpMethod: 'GET', MetricsEnabled: true },
    ],
    Description: 'd',
  });
  assert.deepEqual(Object.keys(normalized), ['Description', 'MethodSettings', 'StageName']);
  assert.deepEqual(normalized.MethodSettings, [
    { HttpMethod: 'GET', MetricsEnabled: true, ResourcePath: '/a' },
    { HttpMethod: 'GET', MetricsEnabled: true, ResourcePath: '/b' },
  ]);
});

test('set elements with the same key merge, the later fields winning (as successive AWS updates do)', () => {
  const normalized = normalizeStage({
    MethodSettings: [
      { ResourcePath: '/a', HttpMethod: 'GET', MetricsEnabled: true, ThrottlingRateLimit: 1 },
      { ResourcePath: '/~1a', HttpMethod: 'GET', ThrottlingRateLimit: 2 },
    ],
    Tags: [
      { Key: 'k', Value: '1' },
      { Key: 'k', Value: '2' },
    ],
  });
  assert.deepEqual(normalized.MethodSettings, [
    { HttpMethod: 'GET', MetricsEnabled: true, ResourcePath: '/a', ThrottlingRateLimit: 2 },
  ]);
  assert.deepEqual(normalized.Tags, [{ Key: 'k', Value: '2' }]);
});

test('normalizeStage does not fill defaults and does not modify its input', () => {
  const input = {
    TracingEnabled: true,
    MethodSettings: [{ ResourcePath: '/~1a', HttpMethod: 'GET', MetricsEnabled: true }],
  };
  const copy = structuredClone(input);
  assert.deepEqual(normalizeStage(input), {
    TracingEnabled: true,
    MethodSettings: [{ HttpMethod: 'GET', MetricsEnabled: true, ResourcePath: '/a' }],
  });
  assert.deepEqual(input, copy);
});

test('normalizeSetElement gives one element its canonical form or drops it', () => {
  const methodSettings = rulesOf().keyedSets.get('MethodSettings');
  const tags = rulesOf().keyedSets.get('Tags');
  assert.ok(methodSettings && tags);
  assert.deepEqual(
    normalizeSetElement(
      rulesOf(),
      methodSettings,
      { ResourcePath: '/~1x~1y', HttpMethod: 'PUT', CachingEnabled: true },
      {},
    ),
    {
      CachingEnabled: true,
      HttpMethod: 'PUT',
      ResourcePath: '/x/y',
    },
  );
  assert.equal(
    normalizeSetElement(rulesOf(), methodSettings, { ResourcePath: '/x', HttpMethod: 'PUT' }, {}),
    undefined,
  );
  assert.equal(
    normalizeSetElement(rulesOf(), tags, { Key: 'aws:cloudformation:logical-id', Value: 'x' }, {}),
    undefined,
  );
});

test('keyed sets show their keys the way people read them', () => {
  const [methodSettings, tags] = KEYED_SET_RULES;
  assert.equal(
    methodSettings?.key({ HttpMethod: 'GET', ResourcePath: '/orders/{id}' }),
    'GET /orders/{id}',
  );
  assert.equal(tags?.key({ Key: 'Team', Value: 'x' }), 'Team');
});

test('defaultFor reads the constants, and nothing else has one', () => {
  assert.equal(defaultFor(rulesOf(), 'TracingEnabled'), false);
  assert.equal(defaultFor(rulesOf(), 'MethodSettings[].LoggingLevel'), 'OFF');
  // Not constants in AWS (facts 21, 25, 30 of docs/reference/aws-recorded-behaviour.md).
  assert.equal(defaultFor(rulesOf(), 'MethodSettings[].ThrottlingRateLimit'), undefined);
  assert.equal(defaultFor(rulesOf(), 'CanarySetting.DeploymentId'), undefined);
  assert.equal(defaultFor(rulesOf(), 'Description'), undefined);
});
