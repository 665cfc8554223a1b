/**
 * A live stage -> what a spec must declare to reproduce it, and nothing more. The planner's own
 * normalisation (src/plan/normalize.ts, whose rules are the data in
 * src/plan/normalization-rules.ts) decides what is a filled-in value: the live model is
 * normalised (empties, `aws:` tags and values AWS does not keep go; resource paths take their
 * natural form), then every value equal to the default AWS reports where nobody set one is left
 * out. Only exported functions of the planner are used, so import and plan cannot disagree about
 * what AWS fills in.
 */
import { MANAGED_BY_TAG_KEY, type StageProperties } from '../model/stage.ts';
import { jsonEqual } from '../plan/canonical-json.ts';
import { filledValue } from './aws-filled.ts';
import {
  defaultFor,
  elementAt,
  isJsonObject,
  memberAt,
  normalizeStage,
  rulesOf,
} from '../plan/normalize.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/** The key fields of the elements at `at` (`MethodSettings[]` -> HttpMethod, ResourcePath). */
function keyFieldsAt(at: string): readonly string[] {
  return at.endsWith('[]') ? (rulesOf().keyedSets.get(at.slice(0, -2))?.keyFields ?? []) : [];
}

/**
 * `value` at schema location `at` without the fields equal to AWS's default. An object whose
 * every setting is a default keeps its first one: left out entirely it would read as "remove
 * this method setting" or "remove the canary", which is a change.
 */
function withoutDefaults(
  value: Json,
  at: string,
  stage: JsonObject,
  region: string | undefined,
): Json {
  if (Array.isArray(value))
    return value.map((element) => withoutDefaults(element, elementAt(at), stage, region));
  if (!isJsonObject(value)) return value;
  const keyFields = keyFieldsAt(at);
  const kept: JsonObject = {};
  let firstDefault: [string, Json] | undefined;
  for (const [key, child] of Object.entries(value)) {
    const childAt = memberAt(at, key);
    const stripped = withoutDefaults(child, childAt, stage, region);
    const filled = defaultFor(rulesOf(), childAt) ?? filledValue(at, key, value, stage, region);
    if (!keyFields.includes(key) && filled !== undefined && jsonEqual(stripped, filled)) {
      firstDefault ??= [key, stripped];
      continue;
    }
    kept[key] = stripped;
  }
  const settings = Object.keys(kept).filter((key) => !keyFields.includes(key));
  if (at !== '' && settings.length === 0 && firstDefault) kept[firstDefault[0]] = firstDefault[1];
  return kept;
}

/** The ownership tag is written by every plan, never by a spec. */
function withoutOwnershipTag(properties: JsonObject): JsonObject {
  if (!Array.isArray(properties.Tags)) return properties;
  const { Tags: tags, ...rest } = properties;
  const others = (tags as Json[]).filter(
    (tag) => !(isJsonObject(tag) && tag.Key === MANAGED_BY_TAG_KEY),
  );
  return others.length > 0 ? { ...rest, Tags: others } : rest;
}

/**
 * The properties a spec declares for `live` (a read model as Cloud Control returns it): in the
 * planner's canonical form, without AWS's defaults and without the ownership tag.
 */
export function importableProperties(live: StageProperties, region?: string): StageProperties {
  const normalized = normalizeStage(live) as JsonObject;
  const stripped = withoutDefaults(normalized, '', normalized, region);
  return withoutOwnershipTag(isJsonObject(stripped) ? stripped : {});
}
