/**
 * A live stage -> what a spec must declare to reproduce it, and nothing more. The planner's own
 * normalisation (src/plan/normalize.ts, interpreting the stage type's tables:
 * src/plan/normalization-rules.ts for a REST API stage, normalization-rules-v2.ts for an HTTP or
 * WebSocket API stage) decides what is a filled-in value: the live model is normalised (empties,
 * `aws:` tags, the applied-commit tag and values AWS does not keep go; resource paths take their
 * natural form), then every value equal to the default AWS reports where nobody set one is left
 * out. Only exported functions of the planner are used, so import and plan cannot disagree about
 * what AWS fills in.
 */
import { MANAGED_BY_TAG_KEY, type StageProperties } from '../model/stage.ts';
import { isJsonObject } from '../model/json.ts';
import { jsonEqual } from '../plan/canonical-json.ts';
import {
  childAt,
  defaultFor,
  elementAt,
  normalizeStage,
  rulesOf,
  type Rules,
} from '../plan/normalize.ts';
import { DEFAULT_STAGE_TYPE, type StageType } from '../stage-types/index.ts';
import { FILLED_VALUES, type FilledValue } from './aws-filled.ts';
import { tagEntries, tagsIn } from '../model/tags.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

interface Stripping {
  readonly rules: Rules;
  readonly filledValue: FilledValue;
  /** The whole normalised stage, for values that depend on another property. */
  readonly stage: JsonObject;
  readonly region: string | undefined;
}

/** The key fields of the elements at `at` (`MethodSettings[]` -> HttpMethod, ResourcePath). */
function keyFieldsAt(rules: Rules, at: string): readonly string[] {
  return at.endsWith('[]') ? (rules.keyedSets.get(at.slice(0, -2))?.keyFields ?? []) : [];
}

/**
 * `value` at schema location `at` without the fields equal to AWS's default. An object whose
 * every setting is a default keeps its first one: left out entirely it would read as "remove
 * this method setting", "remove the canary" or "remove this route's settings", which is a change.
 * Where the rules say AWS fills the object in when a spec is silent (a V2 stage's
 * `DefaultRouteSettings`), such an object is left out instead: silence there changes nothing.
 */
function withoutDefaults(value: Json, at: string, how: Stripping): Json {
  if (Array.isArray(value))
    return value.map((element) => withoutDefaults(element, elementAt(at), how));
  if (!isJsonObject(value)) return value;
  const keyFields = keyFieldsAt(how.rules, at);
  const kept: JsonObject = {};
  let firstDefault: [string, Json] | undefined;
  for (const [key, child] of Object.entries(value)) {
    const location = childAt(how.rules, at, key);
    const stripped = withoutDefaults(child, location, how);
    if (isJsonObject(stripped) && Object.keys(stripped).length === 0) continue;
    const filled =
      defaultFor(how.rules, location) ?? how.filledValue(at, key, value, how.stage, how.region);
    if (!keyFields.includes(key) && filled !== undefined && jsonEqual(stripped, filled)) {
      firstDefault ??= [key, stripped];
      continue;
    }
    kept[key] = stripped;
  }
  const settings = Object.keys(kept).filter((key) => !keyFields.includes(key));
  const silenceIsAws = how.rules.filledWhenSilent.has(at);
  if (at !== '' && settings.length === 0 && firstDefault && !silenceIsAws)
    kept[firstDefault[0]] = firstDefault[1];
  return kept;
}

/** The ownership tag is written by every plan, never by a spec. */
function withoutOwnershipTag(properties: JsonObject, type: StageType): JsonObject {
  if (!('Tags' in properties)) return properties;
  const { Tags: tags, ...rest } = properties;
  const others = tagEntries(tags).filter(([key]) => key !== MANAGED_BY_TAG_KEY);
  return others.length > 0 ? { ...rest, Tags: tagsIn(others, type.tagShape) } : rest;
}

/**
 * The properties a spec declares for `live` (a read model of `type`, by default a REST API stage,
 * as Cloud Control returns it): in the planner's canonical form, without AWS's defaults and
 * without the ownership tag.
 */
export function importableProperties(
  live: StageProperties,
  region?: string,
  type: StageType = DEFAULT_STAGE_TYPE,
): StageProperties {
  const normalized = normalizeStage(live, type.typeName) as JsonObject;
  const stripped = withoutDefaults(normalized, '', {
    rules: rulesOf(type.typeName),
    filledValue: FILLED_VALUES[type.typeName],
    stage: normalized,
    region,
  });
  return withoutOwnershipTag(isJsonObject(stripped) ? stripped : {}, type);
}
