/**
 * The ownership tag: every stage stage-sync creates or updates carries
 * `stage-sync:managed-by = owner/repo`, as part of its desired state. Pruning deletes only stages
 * carrying this repository's value, so two repositories (or hand-made stages) sharing an account
 * never delete each other's stages.
 */
import {
  APPLIED_COMMIT_TAG_KEY,
  MANAGED_BY_TAG_KEY,
  type StageProperties,
} from '../model/stage.ts';
import { isJsonObject } from './normalize.ts';

/** Tags a spec never sets: the ownership tag (set here) and the applied-commit tag (the apply's). */
const WRITTEN_BY_STAGE_SYNC: ReadonlySet<unknown> = new Set([
  MANAGED_BY_TAG_KEY,
  APPLIED_COMMIT_TAG_KEY,
]);

/**
 * `properties` with the ownership tag set to `repository` (replacing any value a spec gave it),
 * and without an applied-commit tag: that one is set by the apply, to the commit it applies
 * (src/apply/applied-commit-tag.ts). Spec validation already refuses a spec that declares it
 * (src/schema/stage-schema.ts); this keeps any other source of desired state from writing it.
 */
export function withOwnershipTag(properties: StageProperties, repository: string): StageProperties {
  const tags = Array.isArray(properties.Tags) ? properties.Tags : [];
  const others = tags.filter((tag) => !(isJsonObject(tag) && WRITTEN_BY_STAGE_SYNC.has(tag.Key)));
  return { ...properties, Tags: [...others, { Key: MANAGED_BY_TAG_KEY, Value: repository }] };
}

/**
 * The commit whose specs last applied the stage (its `stage-sync:commit` tag), or `undefined`
 * when it has none (never applied by a stage-sync that writes it) or an empty one.
 */
export function appliedCommit(properties: StageProperties): string | undefined {
  return tagValue(properties, APPLIED_COMMIT_TAG_KEY);
}

function tagValue(properties: StageProperties, key: string): string | undefined {
  const tags = Array.isArray(properties.Tags) ? properties.Tags : [];
  const tag = tags.find((candidate) => isJsonObject(candidate) && candidate.Key === key);
  return isJsonObject(tag) && typeof tag.Value === 'string' && tag.Value !== ''
    ? tag.Value
    : undefined;
}

/** The repository a stage's ownership tag names, or `undefined` when it has none. */
export function managedBy(properties: StageProperties): string | undefined {
  // An empty value names no repository: it never matches, so it can never make a stage "ours".
  return tagValue(properties, MANAGED_BY_TAG_KEY);
}
