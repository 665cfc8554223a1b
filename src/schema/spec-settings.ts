/**
 * stage-sync's own settings in a spec file. The rule: a key spelled in lowercase in a stage (or in
 * `defaults:`) is stage-sync's own; a key spelled as CloudFormation spells it is a property of
 * `AWS::ApiGateway::Stage`. Every CloudFormation property name starts with a capital letter
 * (src/schema/aws-apigateway-stage.json), so the two can never collide.
 */
import type { JsonSchema } from './json-schema.ts';
import { PRIMARY_IDENTIFIER, REGISTRY_SCHEMA } from './stage-schema.ts';

export const IGNORE_CHANGES_KEY = 'ignore-changes';
export const REST_API_KEY = 'rest-api';

/** What each setting means, for the editor schema and the README. */
export const SPEC_SETTINGS: Readonly<Record<string, JsonSchema>> = {
  [IGNORE_CHANGES_KEY]: {
    description:
      'Properties (or nested paths such as CanarySetting.DeploymentId) other tools own: for an existing stage they are read but never diffed or written. A stage\u2019s own list replaces the default\u2019s.',
    type: 'array',
    items: { type: 'string' },
    uniqueItems: true,
  },
  [REST_API_KEY]: {
    description:
      'The REST API by its name instead of RestApiId, resolved through Cloud Control (AWS::ApiGateway::RestApi) in the run\u2019s account and region; exactly one API must have this name.',
    type: 'string',
    minLength: 1,
  },
};

/** A key is stage-sync's own when it starts with a lowercase letter. */
export const isSettingKey = (key: string): boolean => /^[a-z]/.test(key);

type SchemaNode = { readonly $ref?: string; readonly properties?: Record<string, unknown> };

/**
 * Every path `ignore-changes` may name: each top-level property except the identifier (RestApiId
 * and StageName name the stage; ignoring them would make it another stage), and each field of an
 * object property (`CanarySetting.DeploymentId`, `AccessLogSetting.Format`), read from the
 * registry schema.
 */
export const IGNORABLE_PATHS: readonly string[] = (() => {
  const properties = REGISTRY_SCHEMA.properties as Record<string, SchemaNode>;
  const definitions = (REGISTRY_SCHEMA.definitions ?? {}) as Record<string, SchemaNode>;
  const paths: string[] = [];
  for (const [name, node] of Object.entries(properties)) {
    if (PRIMARY_IDENTIFIER.includes(name)) continue;
    paths.push(name);
    const definition = node.$ref ? definitions[node.$ref.replace('#/definitions/', '')] : node;
    for (const field of Object.keys(definition?.properties ?? {})) paths.push(`${name}.${field}`);
  }
  return paths;
})();
