/**
 * Puts a stage's properties, desired or live, into one canonical form by interpreting the rule
 * tables in `normalization-rules.ts`, so that the walk in `compare.ts` compares like with like.
 * Defaults are not filled in here: the walk must still tell "the spec set it" from "AWS filled it
 * in", so they are looked up with {@link defaultFor} (and the kept-object and filled-when-silent
 * rules with their lookups) at comparison time.
 */
import type { StageProperties } from '../model/stage.ts';
import {
  DEFAULT_RULES,
  DROP_RULES,
  FILLED_WHEN_SILENT_RULES,
  KEPT_OBJECT_RULES,
  KEYED_SET_RULES,
  REWRITE_RULES,
  type DefaultRule,
  type FilledWhenSilentRule,
  type KeptObjectRule,
  type KeyedSetRule,
  type RewriteRule,
} from './normalization-rules.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

const byLocation = <T extends { readonly at: string }>(
  rules: readonly T[],
): ReadonlyMap<string, T> => new Map(rules.map((rule) => [rule.at, rule]));

const DEFAULTS: ReadonlyMap<string, DefaultRule> = byLocation(DEFAULT_RULES);
const REWRITES: ReadonlyMap<string, RewriteRule> = byLocation(REWRITE_RULES);
const KEYED_SETS: ReadonlyMap<string, KeyedSetRule> = byLocation(KEYED_SET_RULES);
const KEPT_OBJECTS: ReadonlyMap<string, KeptObjectRule> = byLocation(KEPT_OBJECT_RULES);
const FILLED_WHEN_SILENT: ReadonlyMap<string, FilledWhenSilentRule> =
  byLocation(FILLED_WHEN_SILENT_RULES);

/** A plain JSON object (not an array, not null). */
export function isJsonObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Schema location of a member of the object at `at` (`CanarySetting` + `DeploymentId`). */
export function memberAt(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}

/** Schema location of the elements of the list at `at` (`MethodSettings[]`). */
export function elementAt(at: string): string {
  return `${at}[]`;
}

/** The keyed-set rule for the list at `at`, if it is compared as a set. */
export function keyedSetRule(at: string): KeyedSetRule | undefined {
  return KEYED_SETS.get(at);
}

/** The kept-object rule for the object at `at`, if AWS keeps and fills it in. */
export function keptObjectRule(at: string): KeptObjectRule | undefined {
  return KEPT_OBJECTS.get(at);
}

/** The filled-when-silent rule for the top-level property `at`, if any. */
export function filledWhenSilentRule(at: string): FilledWhenSilentRule | undefined {
  return FILLED_WHEN_SILENT.get(at);
}

/** The constant AWS reports at `at` when nobody set it, or `undefined` when there is none. */
export function defaultFor(at: string): Json {
  return DEFAULTS.get(at)?.value;
}

function isDropped(at: string, value: Json, stage: StageProperties): boolean {
  return DROP_RULES.some(
    (rule) =>
      (rule.at === '*' || rule.at === at) && !rule.except?.includes(at) && rule.drops(value, stage),
  );
}

function normalizeSet(
  rule: KeyedSetRule,
  elements: readonly Json[],
  stage: StageProperties,
): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const element of elements) {
    const normalized = normalizeSetElement(rule, element, stage);
    if (!normalized) continue;
    const key = rule.key(normalized);
    byKey.set(key, { ...byKey.get(key), ...normalized });
  }
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as JsonObject);
}

function normalizeNode(value: Json, at: string, stage: StageProperties): Json {
  const rewrite = REWRITES.get(at);
  let result = rewrite ? rewrite.rewrite(value) : value;
  if (Array.isArray(result)) {
    const rule = keyedSetRule(at);
    result = rule
      ? normalizeSet(rule, result, stage)
      : result
          .map((element) => normalizeNode(element, elementAt(at), stage))
          .filter((e) => e !== undefined);
  } else if (isJsonObject(result)) {
    const source = result;
    const normalized: JsonObject = {};
    for (const key of Object.keys(source).sort()) {
      const child = normalizeNode(source[key], memberAt(at, key), stage);
      if (child !== undefined) normalized[key] = child;
    }
    result = normalized;
  } else if (Object.is(result, -0)) {
    result = 0;
  }
  return isDropped(at, result, stage) ? undefined : result;
}

/**
 * One element of a keyed set, normalised; `undefined` when a rule drops it (a method setting
 * without settings, an `aws:` tag). The patch uses this to match live elements by key while
 * keeping their live index.
 */
export function normalizeSetElement(
  rule: KeyedSetRule,
  element: Json,
  stage: StageProperties,
): JsonObject | undefined {
  const normalized = normalizeNode(element, elementAt(rule.at), stage);
  return isJsonObject(normalized) ? normalized : undefined;
}

/**
 * The canonical form of a stage's properties: keys sorted, empty values and values AWS does not
 * keep removed, keyed sets deduplicated and sorted by key, resource paths in their natural form,
 * access-log ARNs without `:*`. Pure; `properties` is not modified.
 */
export function normalizeStage(properties: StageProperties): StageProperties {
  const normalized = normalizeNode(properties, '', properties);
  return isJsonObject(normalized) ? normalized : {};
}
