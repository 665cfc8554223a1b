/**
 * A stage's own value of a property replaces the file default's, except `Tags`, which merge by key
 * (the stage's value wins): a team tag in `defaults` should not vanish because one stage adds a tag
 * of its own.
 *
 * A REST stage's tags are a list of `{Key, Value}`, an HTTP or WebSocket API stage's a mapping
 * `{key: value}` (src/stage-types/ `tagShape`). So that one `defaults:` can tag every stage of a
 * file that mixes the two, the defaults' `Tags` may be written either way; each stage receives
 * them in its own type's shape. A stage's own `Tags` must be in its type's shape (the loader says
 * so); a value of neither shape is left as it is, for the loader to report.
 */
import { tagEntries, tagShapeOf, tagsIn, type TagShape } from '../model/tags.ts';

type Mapping = Record<string, unknown>;

/** `tags` in `shape`, when it is in the other one; otherwise as written. */
export function shapedTags(tags: unknown, shape: TagShape): unknown {
  const written = tagShapeOf(tags);
  return written !== undefined && written !== shape ? tagsIn(tagEntries(tags), shape) : tags;
}

function mergeTags(defaults: unknown, own: unknown, shape: TagShape): unknown {
  if (tagShapeOf(defaults) === undefined || tagShapeOf(own) !== shape) return own;
  return tagsIn([...tagEntries(defaults), ...tagEntries(own)], shape);
}

/** The stage's properties with the file's defaults; `tagShape` is the stage type's. */
export function mergeDefaults(
  defaults: Readonly<Mapping>,
  own: Readonly<Mapping>,
  tagShape: TagShape = 'list',
): Mapping {
  const merged: Mapping = { ...defaults, ...own };
  if ('Tags' in defaults)
    merged.Tags =
      'Tags' in own
        ? mergeTags(defaults.Tags, own.Tags, tagShape)
        : shapedTags(defaults.Tags, tagShape);
  return merged;
}

/** Which source a merged property came from: the stage itself or the file's defaults. */
export function propertyOrigin(property: string, own: Readonly<Mapping>): 'stage' | 'defaults' {
  return property in own ? 'stage' : 'defaults';
}
