/**
 * The one walk over a desired stage and the live one that yields both what the reviewer reads
 * (the property diffs) and what the apply sends (the RFC 6902 patch). Each place in the stage is
 * decided once, and its diff and its operations come out of the same decision, so the plan cannot
 * show one thing and write another.
 *
 * What the walk decides, and why:
 * - Top-level properties: the spec is the whole truth. A property the spec leaves out is removed,
 *   or set back to its constant default (`TracingEnabled` goes back to `false`; the diff shows
 *   that value, the one AWS will have). `CacheClusterSize` is the exception: AWS fills it in when
 *   the cache is on and the spec is silent (FILLED_WHEN_SILENT_RULES).
 * - Inside `AccessLogSetting`, `CanarySetting` and each method setting (KEPT_OBJECT_RULES): a field
 *   the spec does not declare is AWS's, whatever AWS reports (inherited, regional or filled-in
 *   values), unless the previous specs declared it: then it is a planned removal. A change that
 *   drops anything inside such an object writes the whole object, never a field-level `remove`
 *   (docs/reference/aws-recorded-behaviour.md fact 23).
 * - Keyed sets (MethodSettings, Tags) match elements by key wherever the read model put them.
 * - The patch is computed against the live model exactly as read (Cloud Control applies it
 *   strictly to that model: CC user guide, "Updating a resource"): indices are the live order, and
 *   a property the read model omits can only be `add`ed.
 */
import type { StageProperties, StageTypeName } from '../model/stage.ts';
import { stageTypeOf, type StageType } from '../stage-types/index.ts';
import { inAwsSpelling } from './aws-spelling.ts';
import { isJsonObject } from '../model/json.ts';
import { jsonEqual } from './canonical-json.ts';
import type { KeyedSetRule } from './normalization-rules.ts';
import type { NotInPlaceRule } from './patch-rules.ts';
import {
  childAt,
  defaultFor,
  elementAt,
  memberAt,
  normalizeSetElement,
  normalizeStage,
  rulesOf,
  type Rules,
} from './normalize.ts';
import { compareText } from './order.ts';
import type { JsonPatchOperation, PropertyDiff, PropertyDiffKind } from './types.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

/** What an update changes: the reviewer's diffs (sorted by path) and the patch that makes them. */
export interface StageComparison {
  readonly diffs: readonly PropertyDiff[];
  readonly patch: readonly JsonPatchOperation[];
}

/** What one place contributes, decided together. */
interface Found {
  readonly diffs: readonly PropertyDiff[];
  readonly ops: readonly JsonPatchOperation[];
}

const NOTHING: Found = { diffs: [], ops: [] };

const joined = (parts: readonly Found[]): Found => ({
  diffs: parts.flatMap((part) => part.diffs),
  ops: parts.flatMap((part) => part.ops),
});

/** A place: its schema location, the path people read and the JSON Pointer AWS is sent. */
interface Place {
  readonly at: string;
  readonly shown: string;
  readonly pointer: string;
}

/** The values at one place. `undefined` is absent; `liveIn`/`desiredIn`: the container exists. */
interface Values {
  /** As read, for whether a member exists (`add` or `replace`). */
  readonly raw: Json;
  readonly live: Json;
  readonly desired: Json;
  /** What the previous specs declared here; `undefined` when not declared or not known. */
  readonly previous: Json;
  readonly liveIn: boolean;
  readonly desiredIn: boolean;
}

interface Walk {
  /** The stage's type and its indexed rules. */
  readonly type: StageType;
  readonly rules: Rules;
  /** The normalised desired stage, for rules that depend on another property. */
  readonly desiredStage: StageProperties;
  /** An update (a patch against a live stage), or only a listing (a create's or delete's diffs). */
  readonly inPlace: boolean;
  /** Top-level properties an update cannot change: shown with their note, never patched. */
  readonly notInPlace: readonly NotInPlaceRule[];
}

/** RFC 6901 escaping of one reference token. */
const token = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** A member of the object at `place`; an entry of a keyed map is shown as `Tags[team]`. */
const member = (walk: Walk, place: Place, key: string): Place => ({
  at: childAt(walk.rules, place.at, key),
  shown: walk.rules.keyedMaps.has(place.at)
    ? `${place.shown}[${key}]`
    : place.shown === ''
      ? key
      : `${place.shown}.${key}`,
  pointer: `${place.pointer}/${token(key)}`,
});

const field = (container: Json, key: string): Json =>
  isJsonObject(container) ? container[key] : undefined;

const unionOfKeys = (...objects: readonly Json[]): string[] =>
  [...new Set(objects.flatMap((object) => Object.keys(isJsonObject(object) ? object : {})))].sort(
    compareText,
  );

function diffOf(place: Place, kind: PropertyDiffKind, before: Json, after: Json): PropertyDiff {
  return {
    path: place.shown,
    kind,
    ...(kind === 'added' ? {} : { before }),
    ...(kind === 'removed' ? {} : { after }),
  };
}

/** Sets `value` at `place`: `add` where the read model has no member, `replace` where it has. */
function write(walk: Walk, place: Place, raw: Json, value: Json): JsonPatchOperation {
  return {
    op: raw === undefined ? 'add' : 'replace',
    path: place.pointer,
    value: inAwsSpelling(walk.rules, value, place.at),
  };
}

/**
 * One value decided as a whole. `awsWhenSilent`: the place is a field of a kept object, so the
 * spec's silence leaves it to AWS unless the previous specs declared it.
 */
function leaf(place: Place, values: Values, awsWhenSilent: boolean, walk: Walk): Found {
  const { raw, live, desired, previous } = values;
  const liveValue = live ?? (values.liveIn ? defaultFor(walk.rules, place.at) : undefined);
  if (desired !== undefined) {
    if (jsonEqual(liveValue, desired)) return NOTHING;
    return {
      diffs: [diffOf(place, live === undefined ? 'added' : 'changed', live, desired)],
      ops: [write(walk, place, raw, desired)],
    };
  }
  const filled = walk.inPlace ? walk.rules.filledWhenSilent.get(place.at) : undefined;
  if (filled) {
    // AWS's value while the spec is silent; a value the previous specs declared goes back to it.
    const reset = filled.resetTo;
    if (previous === undefined || !reset?.applies(walk.desiredStage)) return NOTHING;
    if (jsonEqual(liveValue, reset.value)) return NOTHING;
    return {
      diffs: [diffOf(place, live === undefined ? 'added' : 'changed', live, reset.value)],
      ops: [write(walk, place, raw, reset.value)],
    };
  }
  if (live === undefined) return NOTHING;
  if (awsWhenSilent) {
    if (previous === undefined) return NOTHING;
    // A planned removal: what is left is AWS's to fill, so only the old value is shown. The kept
    // object around it turns this `remove` into a write of the whole object.
    return {
      diffs: [diffOf(place, 'removed', live, undefined)],
      ops: [{ op: 'remove', path: place.pointer }],
    };
  }
  const target = values.desiredIn ? defaultFor(walk.rules, place.at) : undefined;
  if (jsonEqual(liveValue, target)) return NOTHING;
  if (target === undefined) {
    return {
      diffs: [diffOf(place, 'removed', live, undefined)],
      ops: [{ op: 'remove', path: place.pointer }],
    };
  }
  // AWS cannot remove a property it always reports (facts 15, 19): it goes back to its default.
  return {
    diffs: [diffOf(place, 'changed', live, target)],
    ops: [write(walk, place, raw, target)],
  };
}

/** The members of two objects (or one, the other absent), one place each. */
function members(
  place: Place,
  values: Values,
  walk: Walk,
  fieldsOfKept: boolean,
  skip: readonly string[] = [],
): Found {
  const liveIn = isJsonObject(values.live);
  const desiredIn = isJsonObject(values.desired);
  return joined(
    unionOfKeys(values.live, values.desired)
      .filter((key) => !skip.includes(key))
      .map((key) =>
        node(
          member(walk, place, key),
          {
            raw: field(values.raw, key),
            live: field(values.live, key),
            desired: field(values.desired, key),
            previous: field(values.previous, key),
            liveIn,
            desiredIn,
          },
          walk,
          fieldsOfKept,
        ),
      ),
  );
}

/**
 * An object AWS keeps, present on both sides. Its fields are compared one by one; when that
 * would remove anything inside it, the object is written whole instead (fact 23): the declared
 * fields, plus the live fields that are AWS's (not declared now, nor by the previous specs).
 */
function keptObject(
  place: Place,
  values: Values,
  walk: Walk,
  keyFields: readonly string[] = [],
): Found {
  const found = members(place, values, walk, true, keyFields);
  if (!walk.inPlace || !found.ops.some((op) => op.op === 'remove')) return found;
  const live = values.live as JsonObject;
  const desired = values.desired as JsonObject;
  const awsFields = Object.keys(live).filter(
    (key) => desired[key] === undefined && field(values.previous, key) === undefined,
  );
  const whole = {
    ...Object.fromEntries(awsFields.map((key) => [key, live[key]])),
    ...desired,
  };
  return {
    diffs: found.diffs,
    ops: [
      { op: 'replace', path: place.pointer, value: inAwsSpelling(walk.rules, whole, place.at) },
    ],
  };
}

function node(place: Place, values: Values, walk: Walk, fieldOfKept: boolean): Found {
  const { live, desired } = values;
  const liveObject = isJsonObject(live);
  const desiredObject = isJsonObject(desired);
  if (liveObject && desiredObject) {
    if (walk.rules.keptObjects.has(place.at)) return keptObject(place, values, walk);
    return members(place, values, walk, false);
  }
  if (
    walk.inPlace &&
    desiredObject &&
    live === undefined &&
    isJsonObject(values.raw) &&
    walk.rules.keyedMaps.has(place.at)
  ) {
    // A keyed map whose every entry the rules leave unmanaged (`aws:` tags): the managed entries
    // are added one by one, so the unmanaged ones stay.
    return members(place, { ...values, live: {} }, walk, false);
  }
  if (
    (liveObject || desiredObject) &&
    (liveObject || live === undefined) &&
    (desiredObject || desired === undefined)
  ) {
    // One side only: decided as a whole value (added whole, removed whole), shown field by field.
    const whole = leaf(place, values, fieldOfKept, walk);
    if (whole.diffs.length === 0) return NOTHING;
    return { diffs: members(place, values, listing(walk), false).diffs, ops: whole.ops };
  }
  return leaf(place, values, fieldOfKept, walk);
}

/** The same walk, for showing a whole value: everything on one side is shown, nothing is AWS's. */
const listing = (walk: Walk): Walk => ({ ...walk, inPlace: false });

/** An element's settings without its key fields (a tag: its value). */
function shownElement(rule: KeyedSetRule, element: JsonObject): Json {
  if (rule.valueField !== undefined) return element[rule.valueField];
  return Object.fromEntries(
    Object.entries(element).filter(([key]) => !rule.keyFields.includes(key)),
  );
}

function elementsOf(list: Json): JsonObject[] {
  return Array.isArray(list) ? list.filter(isJsonObject) : [];
}

/**
 * A keyed set (MethodSettings, Tags), matched by key against the live elements wherever the read
 * model put them. Operations run in order, so in-place changes come first (live indices), then
 * removals from the highest index down (each leaves the lower indices valid), then appends.
 * Elements the rules leave unmanaged (`aws:` tags) are never touched. A list the read model omits
 * (as it does for `Tags: []`, fact 16) is added whole: `replace` there fails with `noSuchPath`.
 */
function keyedSet(rule: KeyedSetRule, place: Place, sides: Sides, walk: Walk): Found {
  const { rules } = walk;
  const raw = sides.raw[rule.at];
  const wanted = elementsOf(sides.desired[rule.at]);
  const at = elementAt(rule.at);
  const elementPlace = (key: string, pointer: string): Place => ({
    at,
    shown: `${place.shown}[${key}]`,
    pointer,
  });
  const added = (element: JsonObject, pointer: string): PropertyDiff =>
    diffOf(
      elementPlace(rule.key(element), pointer),
      'added',
      undefined,
      shownElement(rule, element),
    );
  const removed = (element: JsonObject, pointer: string): PropertyDiff =>
    diffOf(
      elementPlace(rule.key(element), pointer),
      'removed',
      shownElement(rule, element),
      undefined,
    );
  if (!Array.isArray(raw)) {
    if (wanted.length === 0) return NOTHING;
    return {
      diffs: wanted.map((element) => added(element, place.pointer)),
      ops: [write(walk, place, raw, wanted)],
    };
  }
  const managed = raw
    .map((element, index) => ({
      index,
      element: normalizeSetElement(rules, rule, element, sides.raw),
    }))
    .filter(
      (entry): entry is { index: number; element: JsonObject } => entry.element !== undefined,
    );
  if (wanted.length === 0 && managed.length > 0 && managed.length === raw.length) {
    return {
      diffs: elementsOf(sides.live[rule.at]).map((element) => removed(element, place.pointer)),
      ops: [{ op: 'remove', path: place.pointer }],
    };
  }
  const wantedByKey = new Map(wanted.map((element) => [rule.key(element), element]));
  const previousByKey = new Map(
    elementsOf(sides.previous?.[rule.at]).map((element) => [rule.key(element), element]),
  );
  const matched = new Set<string>();
  const inPlace: Found[] = [];
  const removals: Found[] = [];
  for (const { index, element } of managed) {
    const key = rule.key(element);
    const desired = wantedByKey.get(key);
    const pointer = `${place.pointer}/${index}`;
    if (!desired || matched.has(key)) {
      removals.unshift({
        diffs: [removed(element, pointer)],
        ops: [{ op: 'remove', path: pointer }],
      });
      continue;
    }
    matched.add(key);
    const values: Values = {
      raw: raw[index],
      live: element,
      desired,
      previous: previousByKey.get(key),
      liveIn: true,
      desiredIn: true,
    };
    if (rule.valueField !== undefined) {
      const valueField = rule.valueField;
      inPlace.push(
        leaf(
          {
            at: memberAt(at, valueField),
            shown: elementPlace(key, pointer).shown,
            pointer: `${pointer}/${token(valueField)}`,
          },
          {
            ...values,
            raw: field(raw[index], valueField),
            live: element[valueField],
            desired: desired[valueField],
            previous: field(values.previous, valueField),
          },
          false,
          walk,
        ),
      );
    } else if (rules.keptObjects.has(at)) {
      inPlace.push(keptObject(elementPlace(key, pointer), values, walk, rule.keyFields));
    } else {
      inPlace.push(members(elementPlace(key, pointer), values, walk, false, rule.keyFields));
    }
  }
  const appends = wanted
    .filter((element) => !matched.has(rule.key(element)))
    .map((element): Found => ({
      diffs: [added(element, `${place.pointer}/-`)],
      ops: [{ op: 'add', path: `${place.pointer}/-`, value: inAwsSpelling(rules, element, at) }],
    }));
  return joined([...inPlace, ...removals, ...appends]);
}

interface Sides {
  readonly raw: StageProperties;
  readonly live: StageProperties;
  readonly desired: StageProperties;
  readonly previous: StageProperties | undefined;
}

function topLevel(key: string, sides: Sides, walk: Walk): Found {
  const place: Place = { at: key, shown: key, pointer: `/${token(key)}` };
  const rule = walk.rules.keyedSets.get(key);
  const found = rule
    ? keyedSet(rule, place, sides, walk)
    : node(
        place,
        {
          raw: sides.raw[key],
          live: sides.live[key],
          desired: sides.desired[key],
          previous: sides.previous?.[key],
          liveIn: true,
          desiredIn: true,
        },
        walk,
        false,
      );
  const notInPlace = walk.inPlace
    ? walk.notInPlace.find((candidate) => candidate.at === key)
    : undefined;
  if (!notInPlace) return found;
  return { diffs: found.diffs.map((diff) => ({ ...diff, note: notInPlace.note })), ops: [] };
}

function walkStage(
  desired: StageProperties,
  live: StageProperties,
  previous: StageProperties | undefined,
  inPlace: boolean,
  typeName: StageTypeName | undefined,
  alsoNotInPlace: readonly NotInPlaceRule[] = [],
): StageComparison {
  const sides: Sides = {
    raw: live,
    live: normalizeStage(live, typeName),
    desired: normalizeStage(desired, typeName),
    previous: previous === undefined ? undefined : normalizeStage(previous, typeName),
  };
  const type = stageTypeOf(typeName);
  const walk: Walk = {
    type,
    rules: rulesOf(typeName),
    desiredStage: sides.desired,
    inPlace,
    notInPlace: [...type.notInPlace, ...alsoNotInPlace],
  };
  const found = joined(
    unionOfKeys(sides.live, sides.desired)
      // The identifier's properties are equal on both sides of an update (patch-rules.ts
      // IDENTITY_PROPERTIES).
      .filter((key) => !(inPlace && type.identityProperties.has(key)))
      .map((key) => topLevel(key, sides, walk)),
  );
  return {
    diffs: [...found.diffs].sort((a, b) => compareText(a.path, b.path)),
    patch: found.ops,
  };
}

/**
 * What updating `live` (the Cloud Control read model, as returned) to `desired` (a spec's
 * properties, ownership tag included) shows and sends. `previous` is what the specs declared for
 * this stage when stage-sync last applied it, or `undefined` when that is not known (then nothing
 * inside a kept object is removed that the spec does not declare). The patch is empty exactly
 * when every diff carries a `note` (a change the apply cannot make), in particular when there are
 * no diffs. `alsoNotInPlace`: this update's own such properties, beside the type's.
 */
export function compareStage(
  desired: StageProperties,
  live: StageProperties,
  previous?: StageProperties,
  type?: StageTypeName,
  alsoNotInPlace: readonly NotInPlaceRule[] = [],
): StageComparison {
  return walkStage(desired, live, previous, true, type, alsoNotInPlace);
}

/** The diffs half of {@link compareStage}: what the apply compares a read-back with. */
export function diffStage(
  desired: StageProperties,
  live: StageProperties,
  previous?: StageProperties,
  type?: StageTypeName,
): PropertyDiff[] {
  return [...compareStage(desired, live, previous, type).diffs];
}

/** What a create sets: every desired property that is not AWS's default, in natural form. */
export function createdProperties(desired: StageProperties, type?: StageTypeName): PropertyDiff[] {
  return [...walkStage(desired, {}, undefined, false, type).diffs];
}

/** What a delete takes away: every live property that is not AWS's default, in natural form. */
export function deletedProperties(live: StageProperties, type?: StageTypeName): PropertyDiff[] {
  return [...walkStage({}, live, undefined, false, type).diffs];
}
