import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { specFileJsonSchema } from '../../src/schema/spec-file-schema.ts';

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
