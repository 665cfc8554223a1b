/**
 * The RFC 6902 patch an update sends. Cloud Control applies it strictly to the model its read
 * handler returns (CC user guide, "Updating a resource"; docs/reference/cloudcontrol-notes.md §1.8), so the patch is computed
 * against that live model exactly as read: array indices are the live order, and a property the
 * read model omits can only be `add`ed. Equality uses the same normalisation and defaults as the
 * diff, so the patch changes exactly what the plan shows.
 */
import type { StageProperties } from '../model/stage.ts';
import { CREATE_ONLY_PROPERTIES } from '../schema/stage-schema.ts';
import { inAwsSpelling } from './aws-spelling.ts';
import { jsonEqual } from './canonical-json.ts';
import type { KeyedSetRule } from './normalization-rules.ts';
import {
  defaultFor,
  elementAt,
  isJsonObject,
  keyedSetRule,
  memberAt,
  normalizeSetElement,
  normalizeStage,
} from './normalize.ts';
import type { JsonPatchOperation } from './types.ts';

type Json = unknown;
type JsonObject = Record<string, Json>;

interface Sides {
  /** The live model as read, for indices and for whether a member exists. */
  readonly raw: StageProperties;
  readonly live: StageProperties;
  readonly desired: StageProperties;
}

/** RFC 6901 escaping of one reference token. */
const token = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

const hasMember = (container: Json, key: string): boolean =>
  isJsonObject(container) && Object.prototype.hasOwnProperty.call(container, key);

const unionOfKeys = (a: Json, b: Json): string[] =>
  [
    ...new Set([
      ...Object.keys(isJsonObject(a) ? a : {}),
      ...Object.keys(isJsonObject(b) ? b : {}),
    ]),
  ].sort();

/**
 * One value inside a container that exists on both sides. A value the spec drops where AWS has a
 * default is set back to that default (`replace /TracingEnabled false`): AWS cannot "remove" it.
 */
function patchValue(
  at: string,
  pointer: string,
  raw: Json,
  live: Json,
  desired: Json,
  sides: Sides,
): JsonPatchOperation[] {
  if (isJsonObject(live) && isJsonObject(desired)) {
    return unionOfKeys(live, desired).flatMap((key) =>
      patchValue(
        memberAt(at, key),
        `${pointer}/${token(key)}`,
        isJsonObject(raw) ? raw[key] : undefined,
        live[key],
        desired[key],
        sides,
      ),
    );
  }
  const target = desired ?? defaultFor(at, sides.desired);
  if (jsonEqual(live ?? defaultFor(at, sides.live), target)) return [];
  if (target === undefined) return raw === undefined ? [] : [{ op: 'remove', path: pointer }];
  return [
    { op: raw === undefined ? 'add' : 'replace', path: pointer, value: inAwsSpelling(target, at) },
  ];
}

/**
 * A live element and the desired element with the same key. API Gateway refuses to remove a
 * single field of a kept method setting ("Cannot remove method setting … because there is no
 * method setting for this method", go-to-k/cdkd #966, localstack/localstack#9334), so an element
 * that loses a field is rewritten whole; otherwise only the changed fields are sent.
 */
function patchElement(
  rule: KeyedSetRule,
  pointer: string,
  raw: Json,
  live: JsonObject,
  desired: JsonObject,
  sides: Sides,
): JsonPatchOperation[] {
  const at = elementAt(rule.at);
  const fields = unionOfKeys(live, desired).filter(
    (field) =>
      !rule.keyFields.includes(field) &&
      (rule.valueField === undefined || field === rule.valueField),
  );
  const changed = fields.filter(
    (field) =>
      !jsonEqual(
        live[field] ?? defaultFor(memberAt(at, field), sides.live),
        desired[field] ?? defaultFor(memberAt(at, field), sides.desired),
      ),
  );
  if (changed.some((field) => desired[field] === undefined)) {
    return [{ op: 'replace', path: pointer, value: inAwsSpelling(desired, at) }];
  }
  return changed.map((field) => ({
    op: hasMember(raw, field) ? 'replace' : 'add',
    path: `${pointer}/${token(field)}`,
    value: inAwsSpelling(desired[field], memberAt(at, field)),
  }));
}

/**
 * A keyed set (MethodSettings, Tags), matched by key against the live elements wherever the read
 * model put them. Operations run in order, so in-place changes come first (live indices), then
 * removals from the highest index down (each leaves the lower indices valid), then appends.
 * Elements the rules leave unmanaged (`aws:` tags) are never touched. A list the read model omits
 * (as it does for `Tags: []`, aws-cloudformation/cloudformation-coverage-roadmap#2236) is added
 * whole: `replace` there fails with `noSuchPath`.
 */
function patchSet(rule: KeyedSetRule, pointer: string, sides: Sides): JsonPatchOperation[] {
  const raw = sides.raw[rule.at];
  const wanted = sides.desired[rule.at];
  const desiredElements = Array.isArray(wanted) ? wanted.filter(isJsonObject) : [];
  const at = elementAt(rule.at);
  if (!Array.isArray(raw)) {
    if (desiredElements.length === 0) return [];
    return [
      {
        op: raw === undefined ? 'add' : 'replace',
        path: pointer,
        value: inAwsSpelling(desiredElements, rule.at),
      },
    ];
  }
  const managed = raw
    .map((element, index) => ({ index, element: normalizeSetElement(rule, element, sides.raw) }))
    .filter(
      (entry): entry is { index: number; element: JsonObject } => entry.element !== undefined,
    );
  if (desiredElements.length === 0 && managed.length > 0 && managed.length === raw.length) {
    return [{ op: 'remove', path: pointer }];
  }
  const desiredByKey = new Map(desiredElements.map((element) => [rule.key(element), element]));
  const matched = new Set<string>();
  const inPlace: JsonPatchOperation[] = [];
  const removals: JsonPatchOperation[] = [];
  for (const { index, element } of managed) {
    const key = rule.key(element);
    const desired = desiredByKey.get(key);
    if (!desired || matched.has(key)) {
      removals.unshift({ op: 'remove', path: `${pointer}/${index}` });
      continue;
    }
    matched.add(key);
    inPlace.push(...patchElement(rule, `${pointer}/${index}`, raw[index], element, desired, sides));
  }
  const appends = desiredElements
    .filter((element) => !matched.has(rule.key(element)))
    .map((element): JsonPatchOperation => ({
      op: 'add',
      path: `${pointer}/-`,
      value: inAwsSpelling(element, at),
    }));
  return [...inPlace, ...removals, ...appends];
}

/**
 * The JSON Patch that turns `live` (the Cloud Control read model, as returned) into `desired` (a
 * spec's properties, ownership tag included), as Cloud Control applies it. Create-only properties
 * (RestApiId, StageName) are never touched: a patch on them fails with NotUpdatable. Empty when
 * `diffStage(desired, live)` is.
 */
export function patchFor(live: StageProperties, desired: StageProperties): JsonPatchOperation[] {
  const sides: Sides = { raw: live, live: normalizeStage(live), desired: normalizeStage(desired) };
  return unionOfKeys(sides.live, sides.desired)
    .filter((key) => !CREATE_ONLY_PROPERTIES.has(key))
    .flatMap((key) => {
      const rule = keyedSetRule(key);
      if (rule) return patchSet(rule, `/${token(key)}`, sides);
      return patchValue(
        key,
        `/${token(key)}`,
        live[key],
        sides.live[key],
        sides.desired[key],
        sides,
      );
    });
}
