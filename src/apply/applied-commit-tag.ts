/**
 * Every create and update also sets `stage-sync:commit` to the commit whose specs it applies, so
 * a later apply can tell whether its own specs are older (older-commit-guard.ts). The tag is not
 * in the plan: the planner leaves it out of every diff (src/plan/normalization-rules.ts
 * `applied-commit-tag-unmanaged`), so it never makes a write by itself and never moves the plan
 * hash; it is added here, to the request a real change sends.
 */
import { APPLIED_COMMIT_TAG_KEY, type StageProperties } from '../model/stage.ts';
import { isJsonObject } from '../plan/normalize.ts';
import type { CreateChange, JsonPatchOperation, UpdateChange } from '../plan/types.ts';

/** A create's `DesiredState` with the applied-commit tag (replacing any other value). */
export function createdWithCommit(change: CreateChange, commitSha: string): StageProperties {
  const tags = Array.isArray(change.after.Tags) ? change.after.Tags : [];
  const others = tags.filter((tag) => !(isJsonObject(tag) && tag.Key === APPLIED_COMMIT_TAG_KEY));
  return { ...change.after, Tags: [...others, { Key: APPLIED_COMMIT_TAG_KEY, Value: commitSha }] };
}

/**
 * An update's `PatchDocument` with the applied-commit tag set, against `live` (the freshest read
 * of the stage: the plan's `before` or the re-read before writing). The planned operations never
 * touch the tag (the rules leave it unmanaged), so: a tag already there is replaced in place
 * first, while the live indices still hold (the planned removals come later); otherwise it is
 * appended last, after whatever the patch did to `Tags`, or added as the whole list when the
 * stage has no tags and the patch adds none.
 */
export function patchWithCommit(
  change: UpdateChange,
  live: StageProperties,
  commitSha: string,
): JsonPatchOperation[] {
  const tag = { Key: APPLIED_COMMIT_TAG_KEY, Value: commitSha };
  const liveTags = Array.isArray(live.Tags) ? live.Tags : undefined;
  const index =
    liveTags?.findIndex((entry) => isJsonObject(entry) && entry.Key === APPLIED_COMMIT_TAG_KEY) ??
    -1;
  const replacesWholeList = change.patch.some((op) => op.path === '/Tags');
  if (index >= 0 && !replacesWholeList) {
    if (isJsonObject(liveTags?.[index]) && liveTags[index].Value === commitSha)
      return [...change.patch];
    return [{ op: 'replace', path: `/Tags/${index}/Value`, value: commitSha }, ...change.patch];
  }
  const tagsAfterPatch = change.patch.reduce(
    (exists, op) => (op.path === '/Tags' ? op.op !== 'remove' : exists),
    liveTags !== undefined,
  );
  return tagsAfterPatch
    ? [...change.patch, { op: 'add', path: '/Tags/-', value: tag }]
    : [...change.patch, { op: 'add', path: '/Tags', value: [tag] }];
}
