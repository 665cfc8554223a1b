import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compactJson, JSON_LINE_WIDTH, layoutJson } from '../../src/render/json-layout.ts';

/** The value with object keys sorted, which is what the layout promises to print. */
function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortedDeep((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

describe('compactJson', () => {
  it('prints one line with sorted keys and spaced separators', () => {
    assert.equal(compactJson({ b: 1, a: [true, null, 'x'] }), '{"a": [true, null, "x"], "b": 1}');
  });

  it('escapes bidi and zero-width characters that JSON.stringify leaves raw', () => {
    assert.equal(compactJson('a\u202eb\u200b'), '"a\\u202eb\\u200b"');
    assert.equal(compactJson({ 'k\u2066': 1 }), '{"k\\u2066": 1}');
  });

  it('prints numbers as JSON does', () => {
    assert.equal(compactJson(50), '50');
    assert.equal(compactJson(0.5), '0.5');
  });
});

describe('layoutJson', () => {
  it('keeps a value on one line when it fits', () => {
    assert.deepEqual(layoutJson({ PercentTraffic: 10, DeploymentId: 'x' }), [
      '{"DeploymentId": "x", "PercentTraffic": 10}',
    ]);
  });

  it('expands one level at a time when a value is too wide', () => {
    const lines = layoutJson(
      [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 }],
      0,
      40,
    );
    assert.deepEqual(lines, [
      '[',
      '  {',
      '    "HttpMethod": "*",',
      '    "ResourcePath": "/*",',
      '    "ThrottlingBurstLimit": 100,',
      '    "ThrottlingRateLimit": 50',
      '  }',
      ']',
    ]);
  });

  it('always prints valid JSON of the value with sorted keys, at any width', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 120 }), (value, width) => {
        const text = layoutJson(value, 0, width).join('\n');
        assert.deepEqual(JSON.parse(text), sortedDeep(JSON.parse(JSON.stringify(value))));
      }),
    );
  });

  it('never emits a raw line break or control character inside a line', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const line of layoutJson(value, 0, JSON_LINE_WIDTH)) {
          // eslint-disable-next-line no-control-regex -- control characters are what is tested.
          assert.ok(!/[\u0000-\u001f\u2028\u2029\u202a-\u202e]/.test(line), line);
        }
      }),
    );
  });
});
