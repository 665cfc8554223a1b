/**
 * `test` operations that make an update's `PatchDocument` hold only against the read it was
 * computed from. A plan's patch addresses list entries by their position in that read
 * (`/MethodSettings/1/ThrottlingRateLimit`, `/Tags/2`), and the applied-commit tag by its place
 * too. An entry added or moved in AWS between that read and the write would shift the positions,
 * and the reviewed change would land on another entry: another method's throttle, another tag.
 * And a newer commit's apply in between would change the applied-commit tag, which the
 * older-commit guard (older-commit-guard.ts) read before it moved.
 *
 * So each entry a patch addresses by position, and the applied-commit tag (or, where the read
 * had none, its tags as a whole), is tested first for the value the read had. Cloud Control
 * applies a patch's operations in order and fails the whole request, changing nothing, when a
 * `test` fails (docs/reference/cloudcontrol-notes.md §1.8, from the Cloud Control user guide's
 * resource-operations-update; RFC 6902 §4.6). The apply then reads the stage again and re-plans
 * it (execute-stage.ts, `guardRefused`).
 *
 * How AWS answers a failed `test` is not recorded. A patch that does not apply is answered with
 * a synchronous `ValidationException` carrying the patch library's `[REPLACE Operation] ...`
 * message (docs/reference/aws-recorded-behaviour.md fact 16), so a failed `test` is taken to be
 * answered the same way, as the emulator does; a handler's `InvalidRequest` is treated alike.
 * Either way the refusal changes nothing, and a stage that had not moved fails as refused.
 */
import type { JsonPatchTest } from '../aws/cloud-control-port.ts';
import { APPLIED_COMMIT_TAG_KEY, type StageProperties } from '../model/stage.ts';
import { isJsonObject } from '../model/json.ts';
import { tagValue } from '../plan/ownership.ts';
import type { JsonPatchOperation } from '../plan/types.ts';
import { pointerTokens } from './json-patch.ts';

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/** RFC 6901 section 3: `~` and `/` in a reference token. */
const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** The `test` operations for `patch` against `read`, the model it was computed from. */
export function patchGuards(
  patch: readonly JsonPatchOperation[],
  read: StageProperties,
): JsonPatchTest[] {
  const guards = new Map<string, unknown>();
  for (const op of patch) {
    const [property, member] = pointerTokens(op.path);
    if (property === undefined || member === undefined) continue;
    const container = read[property];
    if (Array.isArray(container) && ARRAY_INDEX.test(member)) {
      const entry: unknown = container[Number(member)];
      if (entry !== undefined) guards.set(`/${escapeToken(property)}/${member}`, entry);
    } else if (
      property === 'Tags' &&
      member === APPLIED_COMMIT_TAG_KEY &&
      isJsonObject(container)
    ) {
      // A map of tags (API Gateway V2): the applied-commit tag is a member, set by name.
      const value = container[member];
      if (value !== undefined) guards.set(`/Tags/${escapeToken(member)}`, value);
    }
  }
  // No applied-commit tag to test in place: the tags as read stand in for it, so a newer apply
  // that added one in between is seen. (A stage with no tags at all cannot be tested for
  // absence in JSON Patch; a stage stage-sync manages always has its ownership tag.)
  if (read.Tags !== undefined && tagValue(read, APPLIED_COMMIT_TAG_KEY) === undefined)
    guards.set('/Tags', read.Tags);
  return [...guards].map(([path, value]) => ({ op: 'test', path, value }));
}

/** `patch` with its guards in front, so they test the read before anything changes it. */
export function guardedPatch(
  patch: readonly JsonPatchOperation[],
  read: StageProperties,
): (JsonPatchOperation | JsonPatchTest)[] {
  return [...patchGuards(patch, read), ...patch];
}
