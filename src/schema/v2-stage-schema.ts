/**
 * `AWS::ApiGatewayV2::Stage` (HTTP and WebSocket API stages) as data. The registry schema is
 * vendored unchanged (`aws-apigatewayv2-stage.json`, identical to
 * `shared/reference/aws-apigatewayv2-stage.json` and to hashicorp/terraform-provider-awscc's copy,
 * docs/evidence/apigatewayv2-stage.md item 1); what API Gateway enforces beyond it is the overlay
 * below, with its sources.
 */
import registry from './aws-apigatewayv2-stage.json' with { type: 'json' };
import type { JsonSchema } from './json-schema.ts';
import { overlay, topLevelNames, type RegistrySchema } from './registry-schema.ts';
import { DECLARABLE_TAG_KEY, DECLARABLE_TAG_LIMIT, STAGE_VARIABLES } from './stage-schema.ts';

export const V2_REGISTRY_SCHEMA = registry as unknown as RegistrySchema;

/** ApiId and StageName: create-only, so changing them makes another stage. */
export const V2_CREATE_ONLY_PROPERTIES: ReadonlySet<string> = new Set(
  topLevelNames(V2_REGISTRY_SCHEMA.createOnlyProperties),
);

/** Order of the parts of Cloud Control's identifier (`ApiId|StageName`). */
export const V2_PRIMARY_IDENTIFIER: readonly string[] = topLevelNames(
  V2_REGISTRY_SCHEMA.primaryIdentifier,
);

/** The route-settings levels API Gateway V2 knows (SDK model `LoggingLevel`, evidence item 21). */
export const V2_LOGGING_LEVELS = ['ERROR', 'INFO', 'OFF'];

/**
 * Sources: the schema's own descriptions (StageName "alphanumeric characters, hyphens, and
 * underscores, or be $default. Maximum length is 128"; StageVariables names and values),
 * docs/evidence/apigatewayv2-stage.md items 3 (`$default`), 8 (route settings keyed by route key,
 * `RouteSettingsMap`), 10 (tags are a map) and 21 (`loggingLevel` ERROR | INFO | OFF), and the
 * 50-tags-per-resource quota of API Gateway, two of them stage-sync's own.
 */
export const V2_AWS_CONSTRAINTS: Readonly<Record<string, JsonSchema>> = {
  '': { required: ['ApiId', 'StageName'] },
  '/properties/StageName': {
    pattern: '^(\\$default|[A-Za-z0-9_-]+)$',
    patternDescription: 'letters, digits, hyphens and underscores, or $default',
    minLength: 1,
    maxLength: 128,
  },
  '/properties/ApiId': { minLength: 1 },
  '/properties/DeploymentId': { minLength: 1 },
  '/properties/StageVariables': STAGE_VARIABLES,
  '/properties/RouteSettings': {
    additionalProperties: false,
    propertyNames: {
      minLength: 1,
      patternDescription: 'a route key such as GET /pets, $default or $connect',
    },
    patternProperties: { '': { $ref: '#/definitions/RouteSettings' } },
  },
  '/definitions/RouteSettings/properties/LoggingLevel': { enum: V2_LOGGING_LEVELS },
  '/properties/Tags': {
    maxProperties: DECLARABLE_TAG_LIMIT,
    additionalProperties: false,
    propertyNames: {
      ...DECLARABLE_TAG_KEY,
      minLength: 1,
      maxLength: 128,
    },
    patternProperties: { '': { type: 'string', maxLength: 256 } },
  },
};

/** The registry schema refined by V2_AWS_CONSTRAINTS: what a valid V2 stage in a spec looks like. */
export const V2_STAGE_SCHEMA: JsonSchema = overlay(V2_REGISTRY_SCHEMA, V2_AWS_CONSTRAINTS);
