/**
 * A stage's tags as `[key, value]` entries, whatever their shape: a REST stage's `{Key, Value}`
 * list or an HTTP or WebSocket API stage's map (src/stage-types/ `tagShape`). Import reads and
 * filters entries, then writes them back in the stage type's shape through the loader's own
 * conversion (src/desired/merge-defaults.ts `shapedTags`), so what import writes is what the
 * loader reads.
 */
import { shapedTags } from '../desired/merge-defaults.ts';
import { isJsonObject } from '../plan/normalize.ts';
import type { StageType } from '../stage-types/index.ts';

export type TagEntry = readonly [key: string, value: unknown];

/** `tags` (either shape) as entries in writing order; none for a value of neither shape. */
export function tagEntries(tags: unknown): TagEntry[] {
  if (Array.isArray(tags))
    return tags.filter(isJsonObject).map((tag): TagEntry => [String(tag.Key), tag.Value]);
  return isJsonObject(tags) ? Object.entries(tags) : [];
}

/** `entries` as a `Tags` value of `shape`. */
export function tagsIn(entries: readonly TagEntry[], shape: StageType['tagShape']): unknown {
  return shapedTags(Object.fromEntries(entries), shape);
}
