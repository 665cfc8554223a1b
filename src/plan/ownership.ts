/**
 * The ownership tag: every stage stage-sync creates or updates carries
 * `stage-sync:managed-by = owner/repo`, as part of its desired state. Pruning deletes only stages
 * carrying this repository's value, so two repositories (or hand-made stages) sharing an account
 * never delete each other's stages.
 */
import { MANAGED_BY_TAG_KEY, type StageProperties } from '../model/stage.ts';
import { isJsonObject } from './normalize.ts';

/** `properties` with the ownership tag set to `repository` (replacing any value a spec gave it). */
export function withOwnershipTag(properties: StageProperties, repository: string): StageProperties {
  const tags = Array.isArray(properties.Tags) ? properties.Tags : [];
  const others = tags.filter((tag) => !(isJsonObject(tag) && tag.Key === MANAGED_BY_TAG_KEY));
  return { ...properties, Tags: [...others, { Key: MANAGED_BY_TAG_KEY, Value: repository }] };
}

/** The repository a stage's ownership tag names, or `undefined` when it has none. */
export function managedBy(properties: StageProperties): string | undefined {
  const tags = Array.isArray(properties.Tags) ? properties.Tags : [];
  const tag = tags.find(
    (candidate) => isJsonObject(candidate) && candidate.Key === MANAGED_BY_TAG_KEY,
  );
  // An empty value names no repository: it never matches, so it can never make a stage "ours".
  return isJsonObject(tag) && typeof tag.Value === 'string' && tag.Value !== ''
    ? tag.Value
    : undefined;
}
