/**
 * How a stage is normalised before desired and live are compared, as data: every way the Cloud
 * Control read model legitimately differs from what a spec says is one named rule here, with its
 * source. `normalize.ts` interprets the tables; nothing else in the plan knows these facts.
 *
 * A rule addresses a place in the stage by its schema location (`at`): a top-level property
 * (`TracingEnabled`), a field of an object (`CanarySetting.DeploymentId`) or a field of every
 * element of a list (`MethodSettings[].CacheTtlInSeconds`).
 *
 * Sources: shared/reference/cloudcontrol-notes.md sections 2.3 (what the read handler returns),
 * 2.4 and 3 (known problems), with the primary sources named per rule.
 */
import { decodeResourcePath, encodeResourcePath } from '../model/resource-path.ts';

type Json = unknown;
type JsonObject = Readonly<Record<string, Json>>;

interface RuleBase {
  /** Stable name, used by tests and in messages. */
  readonly name: string;
  /** Where the fact comes from. */
  readonly source: string;
}

/**
 * A value AWS reports for a property that the writer did not set: a live value equal to it, where
 * the spec is silent, is no change; a spec value equal to it, where the read model omits the
 * property, is no change either. Applies only inside a container present on that side (a method
 * setting's defaults do not make a removed method setting disappear).
 */
export interface DefaultRule extends RuleBase {
  readonly at: string;
  /** The default, when it is a constant. */
  readonly value?: Json;
  /** The default is the value of this top-level property of the same stage. */
  readonly sameAs?: string;
}

/** A value AWS stores in another spelling: both sides are rewritten to one canonical form. */
export interface RewriteRule extends RuleBase {
  readonly at: string;
  /** Any spelling -> the canonical one used for comparing and showing. */
  readonly rewrite: (value: Json) => Json;
  /** Canonical -> the spelling AWS stores, used when writing so that a re-read compares equal. */
  readonly toAws?: (value: Json) => Json;
}

/** A value AWS does not keep (or does not let anyone manage): treated as absent on both sides. */
export interface DropRule extends RuleBase {
  /** `*` for any location. */
  readonly at: string;
  /** Locations the rule does not apply to even when `at` is `*`. */
  readonly except?: readonly string[];
  /** Whether to drop `value`; `stage` is the whole stage, as given, for conditions across properties. */
  readonly drops: (value: Json, stage: JsonObject) => boolean;
}

/**
 * A list the schema declares `insertionOrder: false` and AWS keeps as a map: compared as a set
 * keyed by `key`, whatever order either side lists it in. Later elements with the same key
 * override the fields they set, as successive API Gateway updates of one map entry do.
 */
export interface KeyedSetRule extends RuleBase {
  readonly at: string;
  /** Fields that make up the key; never diffed as settings. */
  readonly keyFields: readonly string[];
  /** The element's key, in the form people read (`GET /orders/{id}`, `Team`). */
  readonly key: (element: JsonObject) => string;
  /** When set, the element is shown and compared by this one field (a tag by its `Value`). */
  readonly valueField?: string;
}

const AWS_DEFAULTS_CORPUS =
  'live read models in go-to-k/cdk-real-drift tests/corpus/AWS__ApiGateway__Stage.*.json (docs/reference/cloudcontrol-notes.md §2.3)';
const ACCOUNT_THROTTLE =
  'account-level throttle AWS reports for a method setting without its own; go-to-k/cdk-real-drift ' +
  'src/normalize/noise.ts KNOWN_DEFAULT_PATHS, "proven live" (docs/reference/cloudcontrol-notes.md §2.3)';

export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    name: 'tracing-disabled-by-default',
    at: 'TracingEnabled',
    value: false,
    source: AWS_DEFAULTS_CORPUS,
  },
  {
    name: 'cache-cluster-disabled-by-default',
    at: 'CacheClusterEnabled',
    value: false,
    source: AWS_DEFAULTS_CORPUS,
  },
  {
    name: 'method-cache-ttl-300',
    at: 'MethodSettings[].CacheTtlInSeconds',
    value: 300,
    source: AWS_DEFAULTS_CORPUS,
  },
  {
    name: 'method-cache-not-encrypted',
    at: 'MethodSettings[].CacheDataEncrypted',
    value: false,
    source: AWS_DEFAULTS_CORPUS,
  },
  {
    name: 'method-caching-disabled',
    at: 'MethodSettings[].CachingEnabled',
    value: false,
    source: AWS_DEFAULTS_CORPUS,
  },
  {
    name: 'method-metrics-disabled',
    at: 'MethodSettings[].MetricsEnabled',
    value: false,
    source: AWS_DEFAULTS_CORPUS,
  },
  {
    name: 'method-data-trace-disabled',
    at: 'MethodSettings[].DataTraceEnabled',
    value: false,
    source: AWS_DEFAULTS_CORPUS,
  },
  {
    name: 'method-burst-limit-account-default',
    at: 'MethodSettings[].ThrottlingBurstLimit',
    value: 5000,
    source: ACCOUNT_THROTTLE,
  },
  {
    name: 'method-rate-limit-account-default',
    at: 'MethodSettings[].ThrottlingRateLimit',
    value: 10000,
    source: ACCOUNT_THROTTLE,
  },
  {
    // The live corpus shows LoggingLevel absent when never set; API Gateway's execution logging is
    // off unless a level is chosen, so an explicit OFF and an absent level mean the same and a
    // read handler returning either must not produce a diff. [inferred]
    name: 'method-logging-off',
    at: 'MethodSettings[].LoggingLevel',
    value: 'OFF',
    source:
      'API Gateway MethodSetting.loggingLevel (OFF | ERROR | INFO); absent in the live corpus when unset',
  },
  {
    name: 'canary-follows-stage-deployment',
    at: 'CanarySetting.DeploymentId',
    sameAs: 'DeploymentId',
    source:
      "go-to-k/cdk-real-drift#633 and its …CanaryStage.json live corpus file: AWS fills in the stage's deployment",
  },
];

/** `arn:…:log-group:name:*` (a log group's `Arn` attribute) -> `arn:…:log-group:name`. */
const withoutLogGroupWildcard = (value: Json): Json =>
  typeof value === 'string' ? value.replace(/(:\*)+$/, '') : value;

export const REWRITE_RULES: readonly RewriteRule[] = [
  {
    // People write `/orders/{id}`, CloudFormation asks for `/~1orders~1{id}`, the read handler
    // returns the encoded form, and the root may come back as `/~1` where the docs say `/`
    // (docs/reference/cloudcontrol-notes.md §2.3, §6 question 3). Compared in the natural form, which is also how plans show it.
    name: 'resource-path-natural-form',
    at: 'MethodSettings[].ResourcePath',
    rewrite: (value) => (typeof value === 'string' ? decodeResourcePath(value) : value),
    // The root stays `/`, the spelling the CloudFormation docs ask for ("To specify the root
    // path, use only a slash").
    toAws: (value) => (typeof value === 'string' ? encodeResourcePath(value) : value),
    source:
      'AWS::ApiGateway::Stage MethodSetting docs (ResourcePath); go-to-k/cdkd docs/changelog-cdkd.md #966',
  },
  {
    name: 'access-log-arn-without-wildcard',
    at: 'AccessLogSetting.DestinationArn',
    rewrite: withoutLogGroupWildcard,
    source:
      'go-to-k/cdk-real-drift src/normalize/arn-identity.ts: API Gateway stores the ARN without `:*`',
  },
];

const isEmpty = (value: Json): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0);

export const DROP_RULES: readonly DropRule[] = [
  {
    // Tag values may legitimately be empty (Tag.Value minLength 0), so they are exempt.
    name: 'empty-is-absent',
    at: '*',
    except: ['Tags[].Value'],
    drops: isEmpty,
    source:
      'read model omits unset or empty properties, Tags: [] reads back without Tags ' +
      '(aws-cloudformation/cloudformation-coverage-roadmap#2236; docs/reference/cloudcontrol-notes.md §2.3)',
  },
  {
    name: 'method-setting-without-settings',
    at: 'MethodSettings[]',
    drops: (value) =>
      typeof value === 'object' &&
      value !== null &&
      Object.keys(value).every((field) => field === 'HttpMethod' || field === 'ResourcePath'),
    source:
      'API Gateway silently ignores it: aws-cloudformation/cfn-lint W3705 StageMethodSettingsIgnored (docs/reference/cloudcontrol-notes.md §2.4)',
  },
  {
    // CloudFormation stamps aws:cloudformation:* tags that nobody else may change; a stage adopted
    // from a stack would otherwise show their removal on every plan.
    name: 'aws-reserved-tags-unmanaged',
    at: 'Tags[]',
    drops: (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as JsonObject).Key === 'string' &&
      ((value as JsonObject).Key as string).startsWith('aws:'),
    source:
      'docs/reference/cloudcontrol-notes.md §2.3 Tags: "Do not try to manage aws:-prefixed keys"; live corpus system tags',
  },
  {
    name: 'cache-cluster-size-only-when-enabled',
    at: 'CacheClusterSize',
    drops: (_value, stage) => stage.CacheClusterEnabled !== true,
    source:
      'API Gateway Stage.cacheClusterSize "The size of the cache cluster for the stage, if enabled"; ' +
      'absent from the live corpus with the cache disabled (docs/reference/cloudcontrol-notes.md §2.1, §2.3)',
  },
];

export const KEYED_SET_RULES: readonly KeyedSetRule[] = [
  {
    name: 'method-settings-keyed-by-method-and-path',
    at: 'MethodSettings',
    keyFields: ['HttpMethod', 'ResourcePath'],
    key: (element) => `${String(element.HttpMethod)} ${String(element.ResourcePath)}`,
    source:
      'schema insertionOrder:false, uniqueItems; API Gateway methodSettings map keyed {path}/{method} (docs/reference/cloudcontrol-notes.md §2.1, §2.3)',
  },
  {
    name: 'tags-keyed-by-key',
    at: 'Tags',
    keyFields: ['Key'],
    key: (element) => String(element.Key),
    valueField: 'Value',
    source:
      'schema insertionOrder:false; API Gateway keeps tags as a map (docs/reference/cloudcontrol-notes.md §2.1, §2.3)',
  },
];

/**
 * Numbers compare by value (`50` and `50.0`, `0` and `-0`): JSON has one number type and the
 * read model re-serialises numbers (`50.0` in a spec reads back as `50`). Implemented by the
 * canonical JSON used for every comparison; listed so that it is tested like the others.
 */
export const NUMBERS_BY_VALUE: RuleBase = {
  name: 'numbers-by-value',
  source:
    'RFC 8259 §6 (one number type); the read handler returns JSON numbers (docs/reference/cloudcontrol-notes.md §2.3)',
};

/** Every rule's name, so tests can check that each has a test. */
export const ALL_RULE_NAMES: readonly string[] = [
  ...DEFAULT_RULES,
  ...REWRITE_RULES,
  ...DROP_RULES,
  ...KEYED_SET_RULES,
  NUMBERS_BY_VALUE,
].map((rule) => rule.name);
