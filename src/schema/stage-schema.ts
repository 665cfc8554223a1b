/**
 * `AWS::ApiGateway::Stage` as data. The registry schema is vendored unchanged
 * (`aws-apigateway-stage.json`, us-east-1 snapshot 2025-11-14); what API Gateway enforces beyond
 * it lives in `AWS_CONSTRAINTS` below, as a JSON Schema overlay, so that the validator, the
 * published editor schema and the plan all read the same facts.
 */
import registry from './aws-apigateway-stage.json' with { type: 'json' };
import type { JsonSchema } from './json-schema.ts';
import { overlay, topLevelNames, type RegistrySchema } from './registry-schema.ts';

export const REGISTRY_SCHEMA = registry as unknown as RegistrySchema;

/** Properties a stage cannot change in place (RestApiId, StageName): changing them replaces it. */
export const CREATE_ONLY_PROPERTIES: ReadonlySet<string> = new Set(
  topLevelNames(REGISTRY_SCHEMA.createOnlyProperties),
);

/** Order of the parts of Cloud Control's identifier. */
export const PRIMARY_IDENTIFIER: readonly string[] = topLevelNames(
  REGISTRY_SCHEMA.primaryIdentifier,
);

/** The cache sizes API Gateway offers, in GB (apigateway CreateStage `cacheClusterSize`). */
export const CACHE_CLUSTER_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'];

/**
 * Rules API Gateway enforces that the registry schema does not state, keyed by the schema
 * location they refine. Sources: API Gateway developer guide "quotas" page (stage variables:
 * names alphanumeric or `_`, up to 64 characters; values `[A-Za-z0-9-._~:/?#&=,]+` up to 512;
 * 50 tags per stage), the schema's own descriptions (StageName, LoggingLevel, PercentTraffic),
 * and the CloudFormation docs marking `DeploymentId` required for a stage.
 */
export const STAGE_VARIABLES: JsonSchema = {
  type: 'object',
  maxProperties: 100,
  propertyNames: {
    pattern: '^[A-Za-z0-9_]+$',
    patternDescription: 'letters, digits and underscores',
    maxLength: 64,
  },
  additionalProperties: false,
  patternProperties: {
    '': {
      type: 'string',
      pattern: '^[A-Za-z0-9\\-._~:/?#&=,]+$',
      patternDescription: 'one or more of A-Z a-z 0-9 - . _ ~ : / ? # & = ,',
      maxLength: 512,
    },
  },
};

export const AWS_CONSTRAINTS: Readonly<Record<string, JsonSchema>> = {
  '': { required: ['RestApiId', 'StageName', 'DeploymentId'] },
  '/properties/StageName': {
    pattern: '^[A-Za-z0-9_-]+$',
    patternDescription: 'letters, digits, hyphens and underscores',
    minLength: 1,
    maxLength: 128,
  },
  '/properties/RestApiId': { minLength: 1 },
  '/properties/DeploymentId': { minLength: 1 },
  '/properties/CacheClusterSize': { enum: CACHE_CLUSTER_SIZES },
  '/properties/Variables': STAGE_VARIABLES,
  // 50 tags per stage, two of them stage-sync's own (stage-sync:managed-by, stage-sync:commit).
  '/properties/Tags': { maxItems: 48 },
  '/definitions/CanarySetting/properties/StageVariableOverrides': STAGE_VARIABLES,
  '/definitions/MethodSetting': { required: ['HttpMethod', 'ResourcePath'] },
  '/definitions/MethodSetting/properties/LoggingLevel': { enum: ['OFF', 'ERROR', 'INFO'] },
  '/definitions/MethodSetting/properties/HttpMethod': {
    enum: ['*', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'ANY'],
  },
  '/definitions/MethodSetting/properties/ResourcePath': {
    pattern: '^/',
    patternDescription: 'a path starting with /, such as /*, / or /orders/{id}',
  },
  '/definitions/Tag/properties/Key': {
    // `stage-sync:commit` is set by every apply to the commit it applies (src/model/stage.ts
    // APPLIED_COMMIT_TAG_KEY); a spec's value would be ignored, so declaring it is refused.
    pattern: '^(?!aws:)(?!stage-sync:commit$)',
    patternDescription:
      'a key not starting with aws: (reserved by AWS) and not stage-sync:commit (set by the apply)',
  },
};

/** The registry schema refined by AWS_CONSTRAINTS: what a valid stage in a spec looks like. */
export const STAGE_SCHEMA: JsonSchema = overlay(REGISTRY_SCHEMA, AWS_CONSTRAINTS);
