import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { loadSpecs } from '../../src/desired/load-specs.ts';
import { specFileJsonSchema } from '../../src/schema/spec-file-schema.ts';
import { HTTP_DEFAULT_STAGE, WEBSOCKET_STAGE } from '../desired/v2-fixtures.ts';

const publishedPath = new URL('../../schema/stage-sync.schema.json', import.meta.url);

test('the published schema is what the schema data produces (run `npm run bundle` to refresh)', () => {
  assert.deepEqual(JSON.parse(readFileSync(publishedPath, 'utf8')), specFileJsonSchema());
});

test('the examples validate against the published schema (checked by ajv, an independent validator)', () => {
  const validate = new Ajv({ allErrors: true }).compile(
    JSON.parse(readFileSync(publishedPath, 'utf8')),
  );
  const examples = new URL('../../examples/', import.meta.url);
  for (const file of readdirSync(examples)) {
    const example = load(readFileSync(new URL(file, examples), 'utf8'));
    assert.equal(validate(example), true, `${file}: ${JSON.stringify(validate.errors)}`);
  }
});

test('the schema knows the lowercase settings, and refuses RestApiId with rest-api', () => {
  const validate = new Ajv({ allErrors: true }).compile(specFileJsonSchema());
  const stage = { StageName: 'p', DeploymentId: 'd' };
  const ok = {
    defaults: { 'rest-api': 'pay', 'ignore-changes': ['DeploymentId'] },
    stages: { S: stage },
  };
  assert.equal(validate(ok), true, JSON.stringify(validate.errors));
  assert.equal(validate({ stages: { S: { ...stage, RestApiId: 'a', 'rest-api': 'pay' } } }), false);
  assert.equal(validate({ stages: { S: { ...stage, 'ignore-change': [] } } }), false);
});

test('the published schema rejects what the validator rejects', () => {
  const validate = new Ajv({ allErrors: true }).compile(specFileJsonSchema());
  const bad = {
    stages: {
      S: {
        StageName: 'a b',
        Descripton: 'x',
        MethodSettings: [{ HttpMethod: 'GET', ResourcePath: '/', LoggingLevel: 'DEBUG' }],
      },
    },
  };
  assert.equal(validate(bad), false);
  const keywords = new Set(validate.errors?.map((error) => error.keyword));
  assert.ok(
    keywords.has('pattern') && keywords.has('additionalProperties') && keywords.has('enum'),
    JSON.stringify(validate.errors),
  );
});

describe('HTTP and WebSocket API stages in the editor schema', () => {
  const validate = new Ajv({ allErrors: true }).compile(specFileJsonSchema());
  const accepts = (document: unknown): void =>
    assert.equal(validate(document), true, JSON.stringify(validate.errors));
  const refuses = (document: unknown, keyword: string): void => {
    assert.equal(validate(document), false);
    assert.ok(
      validate.errors?.some((error) => error.keyword === keyword),
      JSON.stringify(validate.errors),
    );
  };
  const v2 = { type: 'AWS::ApiGatewayV2::Stage' };

  test('the V2 examples the loader accepts validate: HTTP $default and WebSocket stages', () => {
    for (const text of [HTTP_DEFAULT_STAGE, WEBSOCKET_STAGE]) {
      assert.deepEqual(loadSpecs([{ path: 'v2.yml', text }]).problems, []);
      accepts(load(text));
    }
  });

  test("a stage without type: is checked as the defaults' type, else as a REST stage", () => {
    const http = { ApiId: 'h1', StageName: '$default', AutoDeploy: true };
    accepts({ defaults: v2, stages: { Http: http } });
    refuses({ stages: { Http: http } }, 'additionalProperties');
    // A stage's own type wins over the defaults'.
    accepts({
      defaults: v2,
      stages: {
        Http: http,
        Rest: { type: 'AWS::ApiGateway::Stage', RestApiId: 'r', StageName: 'p' },
      },
    });
  });

  test("a key of the other type is refused, as are both an API's id and its name", () => {
    refuses({ stages: { S: { ...v2, MethodSettings: [] } } }, 'additionalProperties');
    refuses({ stages: { S: { ...v2, 'rest-api': 'pay' } } }, 'additionalProperties');
    refuses({ stages: { S: { api: 'chat', StageName: 'p' } } }, 'additionalProperties');
    refuses({ stages: { S: { ...v2, ApiId: 'h1', api: 'chat' } } }, 'not');
    refuses({ stages: { S: { type: 'AWS::ApiGatewayV2::Stag' } } }, 'enum');
  });

  test("V2 values follow the V2 schema: route settings' levels, tags as a mapping", () => {
    refuses(
      { stages: { S: { ...v2, RouteSettings: { 'GET /x': { LoggingLevel: 'DEBUG' } } } } },
      'enum',
    );
    refuses({ stages: { S: { ...v2, Tags: [{ Key: 'a', Value: 'b' }] } } }, 'type');
  });

  test("defaults may hold either type's properties, and tags in either shape", () => {
    accepts({ defaults: { Tags: { team: 'a' }, Description: 'd' }, stages: {} });
    accepts({ defaults: { Tags: [{ Key: 'team', Value: 'a' }], AutoDeploy: true }, stages: {} });
    refuses({ defaults: { ApiId: 'a', api: 'b' }, stages: {} }, 'not');
  });
});
