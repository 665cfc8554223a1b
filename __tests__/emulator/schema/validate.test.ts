import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import registry from '../../../src/schema/aws-apigateway-stage.json' with { type: 'json' };
import type { JsonSchema } from '../../../src/schema/json-schema.ts';
import { modelValidationMessage, schemaProblems } from '../../../emulator/schema/validate.ts';

const STAGE_SCHEMA = registry as unknown as JsonSchema;

describe('schemaProblems against the Stage registry schema', () => {
  it('accepts a full, well-typed stage', () => {
    assert.deepEqual(
      schemaProblems(STAGE_SCHEMA, {
        RestApiId: 'a',
        StageName: 'prod',
        DeploymentId: 'd',
        TracingEnabled: true,
        Variables: { alias: 'live' },
        MethodSettings: [
          {
            ResourcePath: '/*',
            HttpMethod: '*',
            ThrottlingRateLimit: 12.5,
            ThrottlingBurstLimit: 5,
          },
        ],
        CanarySetting: { PercentTraffic: 0, StageVariableOverrides: { a: 'b' } },
        AccessLogSetting: { DestinationArn: 'arn', Format: '$context.requestId' },
        Tags: [{ Key: 'k', Value: '' }],
      }),
      [],
    );
  });

  it('reports each violation with its location, in document order', () => {
    const problems = schemaProblems(STAGE_SCHEMA, {
      TracingEnabled: 'false',
      Variables: { n: 1 },
      MethodSettings: [
        { ResourcePath: '/*', HttpMethod: '*', ThrottlingBurstLimit: -1, Extra: true },
        { ResourcePath: '/*', HttpMethod: '*', ThrottlingBurstLimit: -1, Extra: true },
      ],
      Tags: [{ Key: '' }],
    });
    assert.deepEqual(problems, [
      '#: required key [RestApiId] not found',
      '#/TracingEnabled: expected type: Boolean, found: String',
      '#/Variables/n: expected type: String, found: Integer',
      '#/MethodSettings: failed validation constraint for keyword [uniqueItems]',
      '#/MethodSettings/0/ThrottlingBurstLimit: failed validation constraint for keyword [minimum]',
      '#/MethodSettings/0: extraneous key [Extra] is not permitted',
      '#/MethodSettings/1/ThrottlingBurstLimit: failed validation constraint for keyword [minimum]',
      '#/MethodSettings/1: extraneous key [Extra] is not permitted',
      '#/Tags/0: required key [Value] not found',
      '#/Tags/0/Key: failed validation constraint for keyword [minLength]',
    ]);
  });

  it('tells integers from other numbers, and objects from arrays', () => {
    assert.deepEqual(
      schemaProblems(STAGE_SCHEMA, {
        RestApiId: 'a',
        MethodSettings: [{ CacheTtlInSeconds: 1.5 }],
      }),
      ['#/MethodSettings/0/CacheTtlInSeconds: expected type: Integer, found: Double'],
    );
    assert.deepEqual(schemaProblems(STAGE_SCHEMA, { RestApiId: 'a', AccessLogSetting: [] }), [
      '#/AccessLogSetting: expected type: JSONObject, found: JSONArray',
    ]);
  });

  it('applies enum, pattern, length, item-count and property-name keywords', () => {
    const schema: JsonSchema = {
      properties: {
        Level: { type: 'string', enum: ['OFF', 'INFO'] },
        Name: { type: 'string', pattern: '^[a-z]+$', maxLength: 3 },
        List: { type: 'array', minItems: 1, maxItems: 2 },
        Map: { type: 'object', maxProperties: 1, propertyNames: { pattern: '^[a-z]+$' } },
      },
    };
    assert.deepEqual(
      schemaProblems(schema, { Level: 'DEBUG', Name: 'ABCD', List: [], Map: { A: 1, b: 2 } }),
      [
        '#/Level: failed validation constraint for keyword [enum]',
        '#/Name: failed validation constraint for keyword [maxLength]',
        '#/Name: failed validation constraint for keyword [pattern]',
        '#/List: failed validation constraint for keyword [minItems]',
        '#/Map: failed validation constraint for keyword [maxProperties]',
        '#/Map/A: failed validation constraint for keyword [propertyNames]',
      ],
    );
  });

  it('wraps problems the way Cloud Control does', () => {
    assert.equal(modelValidationMessage(['#: a', '#: b']), 'Model validation failed (#: a\n#: b)');
  });
});
