/**
 * Every create and update also sets `stage-sync:commit` to the commit whose specs it applies, so
 * a later apply can tell whether its own specs are older (older-commit-guard.ts). The tag is not
 * in the plan: the planner leaves it out of every diff (src/plan/normalization-rules.ts
 * `applied-commit-tag-unmanaged`), so it never makes a write by itself and never moves the plan
 * hash; it is added here, to the request a real change sends.
 */
import { APPLIED_COMMIT_TAG_KEY, type StageProperties } from '../model/stage.ts';
import { isJsonObject } from '../model/json.ts';
import { tagValue, withTag } from '../plan/ownership.ts';
import type { CreateChange, JsonPatchOperation, UpdateChange } from '../plan/types.ts';
import { stageTypeOf } from '../stage-types/index.ts';

/** A create's `DesiredState` with the applied-commit tag (replacing any other value). */
export function createdWithCommit(change: CreateChange, commitSha: string): StageProperties {
  return {
    ...change.after,
    Tags: withTag(change.after.Tags, change.type, APPLIED_COMMIT_TAG_KEY, commitSha),
  };
}

/** Whether the stage has tags after `patch`, which had them before when `before` says so. */
function tagsAfter(patch: readonly JsonPatchOperation[], before: boolean): boolean {
  return patch.reduce((exists, op) => (op.path === '/Tags' ? op.op !== 'remove' : exists), before);
}

/**
 * The same for a V2 stage, whose tags are a map: the tag is one member, added (or replaced) after
 * whatever the patch did, or the whole map when the stage has none and the patch adds none.
 */
function mapPatchWithCommit(
  change: UpdateChange,
  live: StageProperties,
  commitSha: string,
): JsonPatchOperation[] {
  if (tagValue(live, APPLIED_COMMIT_TAG_KEY) === commitSha) return [...change.patch];
  const tagsAfterPatch = tagsAfter(change.patch, isJsonObject(live.Tags));
  return tagsAfterPatch
    ? [...change.patch, { op: 'add', path: `/Tags/${APPLIED_COMMIT_TAG_KEY}`, value: commitSha }]
    : [
        ...change.patch,
        { op: 'add', path: '/Tags', value: { [APPLIED_COMMIT_TAG_KEY]: commitSha } },
      ];
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
  if (stageTypeOf(change.type).tagShape === 'map')
    return mapPatchWithCommit(change, live, commitSha);
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
  const tagsAfterPatch = tagsAfter(change.patch, liveTags !== undefined);
  return tagsAfterPatch
    ? [...change.patch, { op: 'add', path: '/Tags/-', value: tag }]
    : [...change.patch, { op: 'add', path: '/Tags', value: [tag] }];
}
