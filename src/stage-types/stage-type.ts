/**
 * What stage-sync knows about one resource type, as data: its registry schema refined by what AWS
 * enforces, its identifier, how its API is named in a spec, how its tags are shaped, and the
 * normalisation and patch rules the planner interprets. The planner, the loader and the apply
 * read a type only through this; adding a type is adding one of these, not a second copy of the
 * code.
 */
import type { StageTypeName } from '../model/stage.ts';
import type { NormalizationRules } from '../plan/normalization-rules.ts';
import type { NotInPlaceRule, UpdateRouteRule } from '../plan/patch-rules.ts';
import type { JsonSchema } from '../schema/json-schema.ts';
import type { RegistrySchema } from '../schema/registry-schema.ts';
import type { API_KEY, REST_API_KEY } from '../schema/spec-settings.ts';

export interface StageType {
  readonly typeName: StageTypeName;
  /** For people: `REST API stage`, `HTTP or WebSocket API stage`. */
  readonly label: string;
  /** The API kind for people: `REST API`, `HTTP or WebSocket API`. */
  readonly apiLabel: string;
  /** The property holding the API's id (`RestApiId`, `ApiId`): the identifier's first part. */
  readonly apiIdProperty: 'RestApiId' | 'ApiId';
  /** The stage-sync key naming the API by its name instead (`rest-api`, `api`). */
  readonly apiNameKey: typeof REST_API_KEY | typeof API_KEY;
  /** The Cloud Control type whose listing turns a name into an id (and lists APIs to prune). */
  readonly apiTypeName: 'AWS::ApiGateway::RestApi' | 'AWS::ApiGatewayV2::Api';
  readonly registry: RegistrySchema;
  /** The registry schema with AWS's own rules overlaid: what a valid stage looks like. */
  readonly schema: JsonSchema;
  /** `[apiIdProperty, 'StageName']`, the schema's primaryIdentifier order. */
  readonly primaryIdentifier: readonly string[];
  /** What `ignore-changes` may name: every property but the identifier, and their fields. */
  readonly ignorablePaths: readonly string[];
  /** Create-only properties (the identifier's): changing them makes another stage. */
  readonly identityProperties: ReadonlySet<string>;
  /** Properties a create needs beyond the identifier (a REST stage's `DeploymentId`). */
  readonly requiredToCreate: readonly string[];
  /** `list`: `[{Key, Value}]` (REST). `map`: `{key: value}` (V2). */
  readonly tagShape: 'list' | 'map';
  readonly normalization: NormalizationRules;
  /**
   * The objects AWS keeps and fills in (normalisation's kept-object rules), as the plan names
   * them to people: inside them a dropped field is removed only when the previous specs prove it
   * was declared.
   */
  readonly keptObjectsInWords: string;
  readonly notInPlace: readonly NotInPlaceRule[];
  /** Updates that go through the service's own API instead of Cloud Control, when any. */
  readonly updateRoute?: UpdateRouteRule;
}
