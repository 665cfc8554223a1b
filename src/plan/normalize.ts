/**
 * Puts a stage's properties, desired or live, into one canonical form by interpreting one
 * resource type's rule tables (normalization-rules.ts, normalization-rules-v2.ts), so that the
 * walk in `compare.ts` compares like with like. Defaults are not filled in here: the walk must
 * still tell "the spec set it" from "AWS filled it in", so they are looked up through the type's
 * {@link Rules} at comparison time.
 */
import { isJsonObject } from '../model/json.ts';
import type { StageProperties, StageTypeName } from '../model/stage.ts';
import { stageTypeOf } from '../stage-types/index.ts';
import type {
  DefaultRule,
  DropRule,
  FilledWhenSilentRule,
  KeptObjectRule,
  KeyedMapRule,
  KeyedSetRule,
  NormalizationRules,
  RewriteRule,
} from './normalization-rules.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

const byLocation = <T extends { readonly at: string }>(
  rules: readonly T[],
): ReadonlyMap<string, T> => new Map(rules.map((rule) => [rule.at, rule]));

/** One type's tables, indexed by location. */
export interface Rules {
  readonly defaults: ReadonlyMap<string, DefaultRule>;
  readonly rewrites: ReadonlyMap<string, RewriteRule>;
  readonly drops: readonly DropRule[];
  readonly keptObjects: ReadonlyMap<string, KeptObjectRule>;
  readonly filledWhenSilent: ReadonlyMap<string, FilledWhenSilentRule>;
  readonly keyedSets: ReadonlyMap<string, KeyedSetRule>;
  readonly keyedMaps: ReadonlyMap<string, KeyedMapRule>;
}

function indexed(rules: NormalizationRules): Rules {
  return {
    defaults: byLocation(rules.defaults),
    rewrites: byLocation(rules.rewrites),
    drops: rules.drops,
    keptObjects: byLocation(rules.keptObjects),
    filledWhenSilent: byLocation(rules.filledWhenSilent),
    keyedSets: byLocation(rules.keyedSets),
    keyedMaps: byLocation(rules.keyedMaps),
  };
}

const INDEXED = new Map<StageTypeName | undefined, Rules>();

/** The rules of `type` (absent: `AWS::ApiGateway::Stage`), indexed once. */
export function rulesOf(type?: StageTypeName): Rules {
  let found = INDEXED.get(type);
  if (!found) {
    found = indexed(stageTypeOf(type).normalization);
    INDEXED.set(type, found);
  }
  return found;
}

/** Schema location of a member of the object at `at` (`CanarySetting` + `DeploymentId`). */
export function memberAt(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}

/** Schema location of the elements of the list at `at` (`MethodSettings[]`), or a map's entries. */
export function elementAt(at: string): string {
  return `${at}[]`;
}

/** Where the member `key` of the object at `at` is: an entry of a keyed map, or a field. */
export function childAt(rules: Rules, at: string, key: string): string {
  return rules.keyedMaps.has(at) ? elementAt(at) : memberAt(at, key);
}

/** The constant AWS reports at `at` when nobody set it, or `undefined` when there is none. */
export function defaultFor(rules: Rules, at: string): Json {
  return rules.defaults.get(at)?.value;
}

function isDropped(
  rules: Rules,
  at: string,
  value: Json,
  stage: StageProperties,
  key: string | undefined,
): boolean {
  return rules.drops.some(
    (rule) =>
      (rule.at === '*' || rule.at === at) &&
      !rule.except?.includes(at) &&
      rule.drops(value, stage, key),
  );
}

function normalizeSet(
  rules: Rules,
  rule: KeyedSetRule,
  elements: readonly Json[],
  stage: StageProperties,
): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const element of elements) {
    const normalized = normalizeSetElement(rules, rule, element, stage);
    if (!normalized) continue;
    const key = rule.key(normalized);
    byKey.set(key, { ...byKey.get(key), ...normalized });
  }
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as JsonObject);
}

function normalizeNode(
  rules: Rules,
  value: Json,
  at: string,
  stage: StageProperties,
  key?: string,
): Json {
  const rewrite = rules.rewrites.get(at);
  let result = rewrite ? rewrite.rewrite(value) : value;
  if (Array.isArray(result)) {
    const rule = rules.keyedSets.get(at);
    result = rule
      ? normalizeSet(rules, rule, result, stage)
      : result
          .map((element) => normalizeNode(rules, element, elementAt(at), stage))
          .filter((e) => e !== undefined);
  } else if (isJsonObject(result)) {
    const source = result;
    const normalized: JsonObject = {};
    for (const member of Object.keys(source).sort()) {
      const child = normalizeNode(rules, source[member], childAt(rules, at, member), stage, member);
      if (child !== undefined) normalized[member] = child;
    }
    result = normalized;
  } else if (Object.is(result, -0)) {
    result = 0;
  }
  return isDropped(rules, at, result, stage, key) ? undefined : result;
}

/**
 * One element of a keyed set, normalised; `undefined` when a rule drops it (a method setting
 * without settings, an `aws:` tag). The patch uses this to match live elements by key while
 * keeping their live index.
 */
export function normalizeSetElement(
  rules: Rules,
  rule: KeyedSetRule,
  element: Json,
  stage: StageProperties,
): JsonObject | undefined {
  const normalized = normalizeNode(rules, element, elementAt(rule.at), stage);
  return isJsonObject(normalized) ? normalized : undefined;
}

/**
 * The canonical form of a stage's properties: keys sorted, empty values and values AWS does not
 * keep removed, keyed sets deduplicated and sorted by key, resource paths in their natural form,
 * access-log ARNs without `:*`. Pure; `properties` is not modified. `type` absent:
 * `AWS::ApiGateway::Stage`.
 */
export function normalizeStage(properties: StageProperties, type?: StageTypeName): StageProperties {
  const normalized = normalizeNode(rulesOf(type), properties, '', properties);
  return isJsonObject(normalized) ? normalized : {};
}
