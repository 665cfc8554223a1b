/**
 * How a stage is normalised before desired and live are compared, as data: every way the Cloud
 * Control read model legitimately differs from what a spec says is one named rule, with its
 * source. This file holds the kinds of rule and the tables of `AWS::ApiGateway::Stage`;
 * normalization-rules-v2.ts holds those of `AWS::ApiGatewayV2::Stage`, and src/stage-types/ ties
 * each type to its tables. `normalize.ts` interprets them; nothing else in the plan knows these
 * facts.
 *
 * A rule addresses a place in the stage by its schema location (`at`): a top-level property
 * (`TracingEnabled`), a field of an object (`CanarySetting.DeploymentId`) or a field of every
 * element of a list (`MethodSettings[].CacheTtlInSeconds`) or of every entry of a keyed map
 * (`RouteSettings[].ThrottlingBurstLimit`).
 *
 * Sources: docs/reference/aws-recorded-behaviour.md (cited by fact number; where a fact and an
 * older rule disagreed, the fact won) and docs/reference/cloudcontrol-notes.md, with the primary
 * sources named per rule.
 */
import { decodeResourcePath, encodeResourcePath } from '../model/resource-path.ts';
import { APPLIED_COMMIT_TAG_KEY } from '../model/stage.ts';

type Json = unknown;
type JsonObject = Readonly<Record<string, Json>>;

interface RuleBase {
  /** Stable name, used by tests and in messages. */
  readonly name: string;
  /** Where the fact comes from. */
  readonly source: string;
}

/**
 * A constant value AWS reports for a property that the writer did not set: a live value equal to
 * it, where the spec is silent, is no change; a spec value equal to it, where the read model omits
 * the property, is no change either; a top-level property the spec drops is set back to it.
 * Applies only inside a container present on that side (a method setting's defaults do not make a
 * removed method setting disappear).
 */
export interface DefaultRule extends RuleBase {
  readonly at: string;
  readonly value: Json;
}

/**
 * An object AWS keeps and fills in (`AccessLogSetting`, `CanarySetting`, each method setting):
 * inside it, a field the spec does not declare is AWS's, never a diff or a write, unless the
 * previous specs declared it (then it is a planned removal); and no field inside it can be
 * removed on its own, so a change that drops one writes the whole object.
 */
export interface KeptObjectRule extends RuleBase {
  /** The object's location (`CanarySetting`, `MethodSettings[]`). */
  readonly at: string;
}

/**
 * A top-level property AWS fills in when the spec does not declare it: silence is AWS's, not a
 * removal. When the previous specs declared it and the current ones do not, it is set back to
 * `resetTo`, the value AWS gives it, while `applies` holds for the desired stage.
 */
export interface FilledWhenSilentRule extends RuleBase {
  readonly at: string;
  /**
   * The value a property the previous specs declared goes back to, while `applies` holds. Absent:
   * silence leaves it alone whatever the previous specs said (its value depends on history, as an
   * auto-deployed `DeploymentId` does).
   */
  readonly resetTo?: { readonly value: Json; readonly applies: (desired: JsonObject) => boolean };
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
  /**
   * Whether to drop `value`; `stage` is the whole stage, as given, for conditions across
   * properties; `key` is the entry's key when `value` is an entry of a keyed map (a V2 tag).
   */
  readonly drops: (value: Json, stage: JsonObject, key?: string) => boolean;
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

/**
 * An object whose members are entries keyed by a name people read (a V2 stage's `RouteSettings`
 * keyed by route key, its `Tags` keyed by tag key): each entry is shown as `at[key]` and located
 * at `at[]` for the other rules, as a keyed set's elements are.
 */
export interface KeyedMapRule extends RuleBase {
  readonly at: string;
}

/** One resource type's tables. */
export interface NormalizationRules {
  readonly defaults: readonly DefaultRule[];
  readonly rewrites: readonly RewriteRule[];
  readonly drops: readonly DropRule[];
  readonly keptObjects: readonly KeptObjectRule[];
  readonly filledWhenSilent: readonly FilledWhenSilentRule[];
  readonly keyedSets: readonly KeyedSetRule[];
  readonly keyedMaps: readonly KeyedMapRule[];
}

const FACTS = 'docs/reference/aws-recorded-behaviour.md';

/**
 * Only values that are the same in every account, region and history. The method-setting fields
 * AWS fills in (TTL, caching, metrics, the throttle pair) are not constants: a per-method entry
 * starts from the `*\/*` values of the moment it was created (fact 21) and unthrottled methods
 * report the account's regional or raised quota (fact 30), so they have no default rule; the
 * planner leaves fields the spec does not declare to AWS instead (KEPT_OBJECT_RULES). The same
 * goes for the canary's `DeploymentId`, `UseStageCache` and `PercentTraffic` (fact 25).
 */
export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    name: 'tracing-disabled-by-default',
    at: 'TracingEnabled',
    value: false,
    source: `${FACTS} facts 15 and 19 (always present, false on a new stage)`,
  },
  {
    name: 'cache-cluster-disabled-by-default',
    at: 'CacheClusterEnabled',
    value: false,
    source: `${FACTS} facts 15 and 19 (always present, false on a new stage)`,
  },
  {
    // An explicit OFF and an absent level mean the same (execution logging is off unless a level is
    // chosen), so a read handler returning either must not produce a diff.
    name: 'method-logging-off',
    at: 'MethodSettings[].LoggingLevel',
    value: 'OFF',
    source: `API Gateway MethodSetting.loggingLevel (OFF | ERROR | INFO); ${FACTS} fact 20 (absent unless it was set)`,
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

export const isEmpty = (value: Json): boolean =>
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
    // The apply sets this tag on every write, to the commit whose specs it applied
    // (src/apply/applied-commit-tag.ts); it is bookkeeping, not desired state. Were it compared, a
    // stage last applied from another commit would be a write by itself, and the plan hash would
    // change with every apply (README, "How the apply works").
    name: 'applied-commit-tag-unmanaged',
    at: 'Tags[]',
    drops: (value) =>
      typeof value === 'object' &&
      value !== null &&
      (value as JsonObject).Key === APPLIED_COMMIT_TAG_KEY,
    source:
      "stage-sync's own bookkeeping tag (src/model/stage.ts APPLIED_COMMIT_TAG_KEY): written with a real change, never a change itself",
  },
  {
    name: 'cache-cluster-size-only-when-enabled',
    at: 'CacheClusterSize',
    drops: (_value, stage) => stage.CacheClusterEnabled !== true,
    source:
      'API Gateway Stage.cacheClusterSize "The size of the cache cluster for the stage, if enabled"; ' +
      'absent from the live corpus with the cache disabled (docs/reference/cloudcontrol-notes.md §2.1, §2.3); ' +
      `${FACTS} fact 19 (cacheClusterSize absent while the cache is disabled)`,
  },
];

export const KEPT_OBJECT_RULES: readonly KeptObjectRule[] = [
  {
    name: 'access-log-setting-kept-whole',
    at: 'AccessLogSetting',
    source: `${FACTS} facts 23 (remove of accessLogSettings/destinationArn refused; remove of the whole object works) and 24`,
  },
  {
    name: 'canary-setting-kept-whole',
    at: 'CanarySetting',
    source: `${FACTS} facts 23 (remove of canarySettings/stageVariableOverrides refused) and 25 (UseStageCache false, PercentTraffic 0, the stage's deployment filled in)`,
  },
  {
    name: 'method-setting-kept-whole',
    at: 'MethodSettings[]',
    source: `${FACTS} facts 20 and 21 (fields inherited from */* at creation), 30 (the account's regional or raised throttle), 23 (field-level removes refused)`,
  },
];

export const FILLED_WHEN_SILENT_RULES: readonly FilledWhenSilentRule[] = [
  {
    name: 'cache-cluster-size-filled-when-enabled',
    at: 'CacheClusterSize',
    resetTo: { value: '0.5', applies: (desired) => desired.CacheClusterEnabled === true },
    source: `${FACTS} fact 31 (enabling the cache without a size gives 0.5 GB)`,
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

/** `AWS::ApiGateway::Stage`'s tables. */
export const REST_STAGE_RULES: NormalizationRules = {
  defaults: DEFAULT_RULES,
  rewrites: REWRITE_RULES,
  drops: DROP_RULES,
  keptObjects: KEPT_OBJECT_RULES,
  filledWhenSilent: FILLED_WHEN_SILENT_RULES,
  keyedSets: KEYED_SET_RULES,
  keyedMaps: [],
};

/** Every rule's name in `rules`, so tests can check that each has a test. */
export function ruleNames(rules: NormalizationRules): string[] {
  return [
    ...rules.defaults,
    ...rules.rewrites,
    ...rules.drops,
    ...rules.keptObjects,
    ...rules.filledWhenSilent,
    ...rules.keyedSets,
    ...rules.keyedMaps,
    NUMBERS_BY_VALUE,
  ].map((rule) => rule.name);
}

/** Every REST stage rule's name. */
export const ALL_RULE_NAMES: readonly string[] = ruleNames(REST_STAGE_RULES);
