/**
 * `AWS::ApiGateway::Stage` as data. The registry schema is vendored unchanged
 * (`aws-apigateway-stage.json`, us-east-1 snapshot 2025-11-14); what API Gateway enforces beyond
 * it lives in `AWS_CONSTRAINTS` below, as a JSON Schema overlay, so that the validator, the
 * published editor schema and the plan all read the same facts.
 */
import { APPLIED_COMMIT_TAG_KEY, MANAGED_BY_TAG_KEY } from '../model/stage.ts';
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

/** The tags stage-sync sets on every stage it manages (src/model/stage.ts). */
const STAGE_SYNC_TAG_KEYS = [MANAGED_BY_TAG_KEY, APPLIED_COMMIT_TAG_KEY];

/**
 * How many tags a spec may declare on a stage of either type: API Gateway's 50 tags per stage
 * (developer guide "quotas" page), less stage-sync's own.
 */
export const DECLARABLE_TAG_LIMIT = 50 - STAGE_SYNC_TAG_KEYS.length;

const escapeForPattern = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What a declared tag key may be, for either type's tags. `aws:` is AWS's own prefix; stage-sync's
 * two tags are set by it (MANAGED_BY_TAG_KEY to the repository on every write,
 * APPLIED_COMMIT_TAG_KEY to the commit every apply applies), so a spec's value would be replaced
 * without a word, and declaring either is refused.
 */
export const DECLARABLE_TAG_KEY: JsonSchema = {
  pattern: `^(?!aws:)(?!(${STAGE_SYNC_TAG_KEYS.map(escapeForPattern).join('|')})$)`,
  patternDescription: `a key not starting with aws: (reserved by AWS) and neither ${STAGE_SYNC_TAG_KEYS.join(' nor ')} (set by stage-sync)`,
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
  '/properties/Tags': { maxItems: DECLARABLE_TAG_LIMIT },
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
  '/definitions/Tag/properties/Key': DECLARABLE_TAG_KEY,
};

/** The registry schema refined by AWS_CONSTRAINTS: what a valid stage in a spec looks like. */
export const STAGE_SCHEMA: JsonSchema = overlay(REGISTRY_SCHEMA, AWS_CONSTRAINTS);
