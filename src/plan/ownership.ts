/**
 * The ownership tag: every stage stage-sync creates or updates carries
 * `stage-sync:managed-by = owner/repo`, as part of its desired state. Pruning deletes only stages
 * carrying this repository's value, so two repositories (or hand-made stages) sharing an account
 * never delete each other's stages. A REST stage's tags are a list of `{Key, Value}`, a V2
 * stage's a map (src/stage-types/ `tagShape`); both are read and written here.
 */
import {
  APPLIED_COMMIT_TAG_KEY,
  MANAGED_BY_TAG_KEY,
  type StageProperties,
  type StageTypeName,
} from '../model/stage.ts';
import { tagEntries, tagShapeOf, tagsIn, tagValueOf } from '../model/tags.ts';
import { stageTypeOf } from '../stage-types/index.ts';

/** Tags a spec never sets: the ownership tag (set here) and the applied-commit tag (the apply's). */
const WRITTEN_BY_STAGE_SYNC: ReadonlySet<unknown> = new Set([
  MANAGED_BY_TAG_KEY,
  APPLIED_COMMIT_TAG_KEY,
]);

/**
 * `tags` (either shape, or absent, then `type`'s shape) with `key` set to `value`, last, after
 * dropping every key `drop` names.
 */
export function withTag(
  tags: unknown,
  type: StageTypeName | undefined,
  key: string,
  value: string,
  drop: ReadonlySet<unknown> = new Set([key]),
): unknown {
  const others = tagEntries(tags).filter(([name]) => !drop.has(name));
  return tagsIn([...others, [key, value]], tagShapeOf(tags) ?? stageTypeOf(type).tagShape);
}

/**
 * `properties` with the ownership tag set to `repository` (replacing any value a spec gave it),
 * and without an applied-commit tag: that one is set by the apply, to the commit it applies
 * (src/apply/applied-commit-tag.ts). Spec validation already refuses a spec that declares it
 * (src/schema/stage-schema.ts); this keeps any other source of desired state from writing it.
 */
export function withOwnershipTag(
  properties: StageProperties,
  repository: string,
  type?: StageTypeName,
): StageProperties {
  return {
    ...properties,
    Tags: withTag(properties.Tags, type, MANAGED_BY_TAG_KEY, repository, WRITTEN_BY_STAGE_SYNC),
  };
}

/**
 * The commit whose specs last applied the stage (its `stage-sync:commit` tag), or `undefined`
 * when it has none (never applied by a stage-sync that writes it) or an empty one.
 */
export function appliedCommit(properties: StageProperties): string | undefined {
  return tagValue(properties, APPLIED_COMMIT_TAG_KEY);
}

/** The value of tag `key` in either shape; `undefined` when absent or empty. */
export function tagValue(properties: StageProperties, key: string): string | undefined {
  const value = tagValueOf(properties.Tags, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The repository a stage's ownership tag names, or `undefined` when it has none. */
export function managedBy(properties: StageProperties): string | undefined {
  // An empty value names no repository: it never matches, so it can never make a stage "ours".
  return tagValue(properties, MANAGED_BY_TAG_KEY);
}
