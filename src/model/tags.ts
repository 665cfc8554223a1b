/**
 * A stage's tags in either shape: a REST stage's list of `{Key, Value}` or an HTTP or WebSocket
 * API stage's map `{key: value}` (src/stage-types/ `tagShape`). The loader (merging `defaults:`
 * tags), the ownership and applied-commit tags, and import all read and write tags through this,
 * so the two shapes are converted in one place.
 */
import { isJsonObject } from './json.ts';

export type TagShape = 'list' | 'map';

export type TagEntry = readonly [key: string, value: unknown];

/** The shape a `Tags` value is written in, `undefined` when it is neither. */
export function tagShapeOf(tags: unknown): TagShape | undefined {
  if (Array.isArray(tags)) return 'list';
  return isJsonObject(tags) ? 'map' : undefined;
}

/**
 * `tags` as entries in writing order; none for a value of neither shape. List elements that are
 * not `{Key, Value}` objects are left out (the loader reports them where they are written).
 */
export function tagEntries(tags: unknown): TagEntry[] {
  if (Array.isArray(tags))
    return tags.filter(isJsonObject).map((tag): TagEntry => [String(tag.Key), tag.Value]);
  return isJsonObject(tags) ? Object.entries(tags) : [];
}

/** `entries` as a `Tags` value of `shape`; a later entry of a key replaces an earlier one. */
export function tagsIn(entries: readonly TagEntry[], shape: TagShape): unknown {
  const byKey = new Map<string, unknown>(entries);
  if (shape === 'list') return [...byKey].map(([Key, Value]) => ({ Key, Value }));
  return Object.fromEntries(byKey);
}

/** The value of tag `key`, `undefined` when there is none. */
export function tagValueOf(tags: unknown, key: string): unknown {
  return tagEntries(tags).find(([name]) => name === key)?.[1];
}
