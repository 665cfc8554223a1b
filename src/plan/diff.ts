/**
 * Property-level differences between a desired stage and the live one. Desired state is the whole
 * truth: a property the spec leaves out but AWS holds with a non-default value is `removed`; a
 * live value equal to AWS's default where the spec is silent is no difference at all.
 */
import type { StageProperties } from '../model/stage.ts';
import { CREATE_ONLY_PROPERTIES } from '../schema/stage-schema.ts';
import { jsonEqual } from './canonical-json.ts';
import type { KeyedSetRule } from './normalization-rules.ts';
import {
  defaultFor,
  defaultRule,
  elementAt,
  isJsonObject,
  keyedSetRule,
  memberAt,
  normalizeStage,
} from './normalize.ts';
import type { PropertyDiff, PropertyDiffKind } from './types.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/** The two whole stages, for defaults that follow another property of the same side. */
interface Sides {
  readonly live: StageProperties;
  readonly desired: StageProperties;
}

/** A place being compared: its schema location and the path shown to people. */
interface Place {
  readonly at: string;
  readonly shown: string;
}

const topLevelName = (at: string): string => at.split(/[.[]/, 1)[0] ?? at;

function diffOf(place: Place, kind: PropertyDiffKind, before: Json, after: Json): PropertyDiff {
  return {
    path: place.shown,
    kind,
    ...(kind === 'added' ? {} : { before }),
    ...(kind === 'removed' ? {} : { after }),
    forcesReplacement: CREATE_ONLY_PROPERTIES.has(topLevelName(place.at)),
  };
}

/**
 * Compares one value. `live`/`desired` are `undefined` when absent; a side's default applies only
 * when its container exists (`inLive`/`inDesired`).
 */
function diffLeaf(
  place: Place,
  live: Json,
  desired: Json,
  inLive: boolean,
  inDesired: boolean,
  sides: Sides,
): PropertyDiff[] {
  const liveValue = live ?? (inLive ? defaultFor(place.at, sides.live) : undefined);
  const desiredValue = desired ?? (inDesired ? defaultFor(place.at, sides.desired) : undefined);
  if (jsonEqual(liveValue, desiredValue)) return [];
  if (live === undefined && desired === undefined) {
    // Both sides silent, defaults differ (a canary following two different deployments).
    const kind: PropertyDiffKind =
      liveValue === undefined ? 'added' : desiredValue === undefined ? 'removed' : 'changed';
    return [diffOf(place, kind, liveValue, desiredValue)];
  }
  if (
    desired === undefined &&
    desiredValue !== undefined &&
    defaultRule(place.at)?.sameAs !== undefined
  ) {
    // Not a reset: the value follows another property that changes (the canary's deployment
    // follows the stage's), so show where it goes.
    return [diffOf(place, live === undefined ? 'added' : 'changed', live, desiredValue)];
  }
  const kind: PropertyDiffKind =
    live === undefined ? 'added' : desired === undefined ? 'removed' : 'changed';
  return [diffOf(place, kind, live, desired)];
}

function diffObject(place: Place, live: Json, desired: Json, sides: Sides): PropertyDiff[] {
  const liveObject = isJsonObject(live) ? live : undefined;
  const desiredObject = isJsonObject(desired) ? desired : undefined;
  const keys = [
    ...new Set([...Object.keys(liveObject ?? {}), ...Object.keys(desiredObject ?? {})]),
  ].sort();
  return keys.flatMap((key) =>
    diffNode(
      { at: memberAt(place.at, key), shown: place.shown === '' ? key : `${place.shown}.${key}` },
      liveObject?.[key],
      desiredObject?.[key],
      liveObject !== undefined,
      desiredObject !== undefined,
      sides,
    ),
  );
}

/** An element's settings without its key fields; for a live element also without AWS's defaults. */
function shownElement(
  rule: KeyedSetRule,
  element: JsonObject,
  stage: StageProperties,
  stripDefaults: boolean,
): Json {
  if (rule.valueField !== undefined) return element[rule.valueField];
  const at = elementAt(rule.at);
  return Object.fromEntries(
    Object.entries(element).filter(
      ([field, value]) =>
        !rule.keyFields.includes(field) &&
        !(stripDefaults && jsonEqual(value, defaultFor(memberAt(at, field), stage))),
    ),
  );
}

function settingsOf(rule: KeyedSetRule, element: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(element).filter(([field]) => !rule.keyFields.includes(field)),
  );
}

function byKey(rule: KeyedSetRule, elements: Json): Map<string, JsonObject> {
  const list = Array.isArray(elements) ? elements.filter(isJsonObject) : [];
  return new Map(list.map((element) => [rule.key(element), element]));
}

/** Set elements match by key: one-sided elements are whole diffs, shared ones are compared field by field. */
function diffSet(
  rule: KeyedSetRule,
  place: Place,
  live: Json,
  desired: Json,
  sides: Sides,
): PropertyDiff[] {
  const liveByKey = byKey(rule, live);
  const desiredByKey = byKey(rule, desired);
  const keys = [...new Set([...liveByKey.keys(), ...desiredByKey.keys()])].sort();
  const at = elementAt(rule.at);
  return keys.flatMap((key) => {
    const element: Place = { at, shown: `${place.shown}[${key}]` };
    const liveElement = liveByKey.get(key);
    const desiredElement = desiredByKey.get(key);
    if (!desiredElement)
      return [
        diffOf(
          element,
          'removed',
          shownElement(rule, liveElement as JsonObject, sides.live, true),
          undefined,
        ),
      ];
    if (!liveElement)
      return [
        diffOf(
          element,
          'added',
          undefined,
          shownElement(rule, desiredElement, sides.desired, false),
        ),
      ];
    if (rule.valueField !== undefined) {
      const field = rule.valueField;
      return diffLeaf(
        { at: memberAt(at, field), shown: element.shown },
        liveElement[field],
        desiredElement[field],
        true,
        true,
        sides,
      );
    }
    return diffObject(
      element,
      settingsOf(rule, liveElement),
      settingsOf(rule, desiredElement),
      sides,
    );
  });
}

function diffNode(
  place: Place,
  live: Json,
  desired: Json,
  inLive: boolean,
  inDesired: boolean,
  sides: Sides,
): PropertyDiff[] {
  const rule = keyedSetRule(place.at);
  if (rule) return diffSet(rule, place, live, desired, sides);
  const objects =
    (isJsonObject(live) || live === undefined) && (isJsonObject(desired) || desired === undefined);
  if (objects && (isJsonObject(live) || isJsonObject(desired)))
    return diffObject(place, live, desired, sides);
  return diffLeaf(place, live, desired, inLive, inDesired, sides);
}

/**
 * The differences between `desired` (a spec's properties, ownership tag included) and `live` (the
 * Cloud Control read model), both normalised first, sorted by path. Paths read like
 * `MethodSettings[GET /orders/{id}].ThrottlingRateLimit`, `Tags[Team]`, `Variables.lambdaAlias`,
 * with resource paths in their natural form. `before` is the live value, `after` the desired one.
 */
export function diffStage(desired: StageProperties, live: StageProperties): PropertyDiff[] {
  const sides: Sides = { live: normalizeStage(live), desired: normalizeStage(desired) };
  return diffObject({ at: '', shown: '' }, sides.live, sides.desired, sides).sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
}
