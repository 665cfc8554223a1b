/**
 * What the `AWS::ApiGateway::Stage` read handler returns through Cloud Control `GetResource` for a
 * stage whose last written desired state is `stored`. The handler reads API Gateway's GetStage
 * response and maps it back to CloudFormation names, so the model carries values nobody set and
 * loses things API Gateway does not keep. Every rule below is observed live by others; sources are
 * cited next to each rule (see also shared/reference/cloudcontrol-notes.md sections 2.3, 2.4, 3).
 */

import type { AccountThrottle } from '../knobs.ts';
import { DEFAULT_ACCOUNT_THROTTLE } from './account-throttle.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/**
 * Settings API Gateway reports for a method setting that did not set them. Verbatim live model in
 * go-to-k/cdk-real-drift `tests/corpus/AWS__ApiGateway__Stage.ApiDeploymentStageprod3EB9684E.json`
 * (fact 15 of docs/reference/aws-recorded-behaviour.md). The throttle pair is not a constant: it is
 * the account's quota in the region (fact 30), filled in by `stageReadModel` from its options.
 * `LoggingLevel` stays absent when not set (same corpus).
 */
export const METHOD_SETTING_DEFAULTS: Readonly<Record<string, Json>> = {
  CacheTtlInSeconds: 300,
  CacheDataEncrypted: false,
  CachingEnabled: false,
  MetricsEnabled: false,
  DataTraceEnabled: false,
};

/** How a read renders what nobody set: the account, and which recorded fills apply. */
export interface StageReadOptions {
  /** What an unthrottled method reports (fact 30). */
  readonly accountThrottle: AccountThrottle;
  /** Fact 25: `UseStageCache: false`, and `PercentTraffic: 0` when unset, on every canary. */
  readonly canaryDefaults: boolean;
  /** Fact 31: `CacheClusterSize: "0.5"` when the cache is enabled without a size. */
  readonly cacheSizeDefault: boolean;
}

/** AWS as recorded, in a region with the default account quota. */
export const RECORDED_READ: StageReadOptions = {
  accountThrottle: DEFAULT_ACCOUNT_THROTTLE,
  canaryDefaults: true,
  cacheSizeDefault: true,
};

/**
 * The size API Gateway gives a cache enabled without one, in GB (fact 31: "the cache capacity is
 * 0.5", DianaIonita/serverless-api-gateway-caching#61; moto fills "0.5" too).
 */
export const DEFAULT_CACHE_CLUSTER_SIZE = '0.5';

/** Top-level booleans the handler always returns, `false` when never set (same corpus files). */
export const ALWAYS_PRESENT_DEFAULTS: Readonly<Record<string, Json>> = {
  TracingEnabled: false,
  CacheClusterEnabled: false,
};

/** Fields of a method setting that are settings; an entry with none of them is only an address. */
export const METHOD_SETTING_FIELDS = [
  'CacheDataEncrypted',
  'CacheTtlInSeconds',
  'CachingEnabled',
  'DataTraceEnabled',
  'LoggingLevel',
  'MetricsEnabled',
  'ThrottlingBurstLimit',
  'ThrottlingRateLimit',
] as const;

/**
 * Plain string properties copied as they are, omitted when unset or empty (absent from every live
 * model where they were not declared).
 */
const STRING_PROPERTIES = [
  'RestApiId',
  'StageName',
  'DeploymentId',
  'Description',
  'ClientCertificateId',
  'DocumentationVersion',
];

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: Json): value is string {
  return typeof value === 'string' && value !== '';
}

/** A copy of a string map, or `undefined` when it is empty or not a map. */
function nonEmptyMap(value: Json): JsonObject | undefined {
  if (!isObject(value) || Object.keys(value).length === 0) return undefined;
  return { ...value };
}

/**
 * A method setting's resource path in the `~1`-encoded form the read handler returns.
 *
 * API Gateway keys method settings as `{path with / escaped as ~1, leading slash dropped}/{method}`
 * (`/~1pets/GET`, `*`+`/*` as `*\/*`, root as `~1/GET`: go-to-k/cdkd `docs/changelog-cdkd.md`
 * #966), and the handler rebuilds `ResourcePath` as `/` + that first part. So `/orders/{id}`
 * written naturally and `/~1orders~1{id}` written as the CFN docs ask both read back as
 * `/~1orders~1{id}`; `/*` stays `/*`. The root `/` reads back as `/~1`: how the handler renders
 * the root is unverified (notes section 6, question 3); this follows the same rule as every other
 * path, so callers must treat `/` and `/~1` as the same path.
 */
export function encodeResourcePath(resourcePath: string): string {
  if (resourcePath === '/*') return '/*';
  const rooted = resourcePath.startsWith('/') ? resourcePath : `/${resourcePath}`;
  const withoutInitialSlash = rooted.startsWith('/~1') ? rooted.slice(1) : rooted;
  return `/${withoutInitialSlash.replace(/\//g, '~1')}`;
}

/** API Gateway's key of a method setting (`~1orders~1{id}/GET`, `*\/*`). */
export function methodSettingKey(resourcePath: string, httpMethod: string): string {
  return `${encodeResourcePath(resourcePath).slice(1)}/${httpMethod}`;
}

/**
 * Method settings as API Gateway stores them: one entry per key (a later entry for the same key
 * overrides the fields it sets, as successive UpdateStage patches do), entries without any setting
 * dropped (API Gateway silently ignores them: cfn-lint W3705 `StageMethodSettingsIgnored`), the
 * unset settings filled with defaults.
 */
function readMethodSettings(value: Json, throttle: AccountThrottle): JsonObject[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const byKey = new Map<string, JsonObject>();
  for (const entry of value) {
    if (
      !isObject(entry) ||
      typeof entry.ResourcePath !== 'string' ||
      typeof entry.HttpMethod !== 'string'
    )
      continue;
    const settings = Object.fromEntries(
      METHOD_SETTING_FIELDS.filter((field) => entry[field] !== undefined).map((field) => [
        field,
        entry[field],
      ]),
    );
    if (Object.keys(settings).length === 0) continue;
    const key = methodSettingKey(entry.ResourcePath, entry.HttpMethod);
    byKey.set(key, {
      ...(byKey.get(key) ?? {}),
      ...settings,
      ResourcePath: encodeResourcePath(entry.ResourcePath),
      HttpMethod: entry.HttpMethod,
    });
  }
  const defaults = {
    ...METHOD_SETTING_DEFAULTS,
    ThrottlingBurstLimit: throttle.burstLimit,
    ThrottlingRateLimit: throttle.rateLimit,
  };
  const settings = inReadOrder(byKey).map((entry) => ({ ...defaults, ...entry }));
  return settings.length > 0 ? settings : undefined;
}

/**
 * The order the read model lists keyed elements in: by key, descending. The schema declares
 * MethodSettings and Tags `insertionOrder: false`, and API Gateway keeps both as maps, so the
 * order a caller wrote is lost. Descending key order is deterministic yet differs from the
 * ascending order people and tools usually write, so code that matches elements by index fails
 * against the emulator as it would against AWS.
 */
function inReadOrder<T>(byKey: ReadonlyMap<string, T>): T[] {
  return [...byKey.keys()]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((key) => byKey.get(key) as T);
}

/**
 * Tags as API Gateway's tag map returns them: one per key (the last value wins), omitted entirely
 * when empty. A stage created with `Tags: []` therefore reads back without `Tags`
 * (aws-cloudformation/cloudformation-coverage-roadmap#2236).
 */
function readTags(value: Json): JsonObject[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const byKey = new Map<string, JsonObject>();
  for (const tag of value) {
    if (isObject(tag) && typeof tag.Key === 'string') {
      byKey.set(
        tag.Key,
        tag.Value === undefined ? { Key: tag.Key } : { Key: tag.Key, Value: tag.Value },
      );
    }
  }
  const tags = inReadOrder(byKey);
  return tags.length > 0 ? tags : undefined;
}

/**
 * API Gateway stores a CloudWatch Logs destination without the `:*` suffix that a log group's
 * `Arn` attribute carries (go-to-k/cdk-real-drift `src/normalize/arn-identity.ts`).
 */
function readAccessLogSetting(value: Json): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const setting: JsonObject = {};
  if (isNonEmptyString(value.DestinationArn))
    setting.DestinationArn = value.DestinationArn.replace(/(:\*)+$/, '');
  if (isNonEmptyString(value.Format)) setting.Format = value.Format;
  return Object.keys(setting).length > 0 ? setting : undefined;
}

/**
 * The canary, with `DeploymentId` filled with the stage's deployment when omitted
 * (go-to-k/cdk-real-drift#633 and its `…CanaryStage.json` live corpus file). With `defaults`,
 * API Gateway's fills of fact 25 too: `UseStageCache: false` on every canary and
 * `PercentTraffic: 0` when none was set (`test_apigateway_canary.snapshot.json`, recorded; the read
 * handler maps GetStage's `canarySettings` as it is: the live CanaryStage corpus).
 */
function readCanarySetting(
  value: Json,
  stageDeploymentId: Json,
  defaults: boolean,
): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const canary: JsonObject = {};
  const deploymentId = isNonEmptyString(value.DeploymentId)
    ? value.DeploymentId
    : stageDeploymentId;
  if (isNonEmptyString(deploymentId)) canary.DeploymentId = deploymentId;
  if (value.PercentTraffic !== undefined) canary.PercentTraffic = value.PercentTraffic;
  const overrides = nonEmptyMap(value.StageVariableOverrides);
  if (overrides) canary.StageVariableOverrides = overrides;
  if (value.UseStageCache !== undefined) canary.UseStageCache = value.UseStageCache;
  if (defaults) {
    canary.PercentTraffic ??= 0;
    canary.UseStageCache ??= false;
  }
  return canary;
}

/**
 * The model the real Stage read handler returns for a stage whose written desired state is
 * `stored`. Pure; `stored` is not modified. Numbers pass through JSON, so `50.0` reads back as
 * `50`, as it does from AWS.
 *
 * - `TracingEnabled` and `CacheClusterEnabled` are always present (`false` by default).
 * - `CacheClusterSize` only while the cache cluster is enabled (seen absent with the cache
 *   disabled in the live corpus, fact 19; present-when-enabled is inferred), `0.5` when enabled
 *   without a size (fact 31).
 * - Empty strings, lists and maps are omitted; unknown properties are not returned.
 * - MethodSettings, Tags, AccessLogSetting and CanarySetting as the helpers above describe.
 */
export function stageReadModel(
  stored: Record<string, unknown>,
  options: StageReadOptions = RECORDED_READ,
): Record<string, unknown> {
  const model: JsonObject = {};
  for (const name of STRING_PROPERTIES) {
    if (isNonEmptyString(stored[name])) model[name] = stored[name];
  }
  for (const [name, fallback] of Object.entries(ALWAYS_PRESENT_DEFAULTS)) {
    model[name] = typeof stored[name] === 'boolean' ? stored[name] : fallback;
  }
  if (model.CacheClusterEnabled === true && isNonEmptyString(stored.CacheClusterSize)) {
    model.CacheClusterSize = stored.CacheClusterSize;
  } else if (model.CacheClusterEnabled === true && options.cacheSizeDefault) {
    model.CacheClusterSize = DEFAULT_CACHE_CLUSTER_SIZE;
  }
  const optional: Record<string, Json> = {
    Variables: nonEmptyMap(stored.Variables),
    AccessLogSetting: readAccessLogSetting(stored.AccessLogSetting),
    CanarySetting: readCanarySetting(
      stored.CanarySetting,
      stored.DeploymentId,
      options.canaryDefaults,
    ),
    MethodSettings: readMethodSettings(stored.MethodSettings, options.accountThrottle),
    Tags: readTags(stored.Tags),
  };
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined) model[name] = structuredClone(value);
  }
  return model;
}
