/**
 * Values every imported stage shares move into the file's `defaults:`, so a file of ten stages
 * says the API, the deployment and the team tag once. This is the inverse of
 * src/desired/merge-defaults.ts: a property moves when all stages hold an equal value; tags move
 * one by one (a tag every stage carries with the same value), since the loader merges `Tags` key
 * by key, in either shape (a REST stage's `{Key, Value}` list, a V2 stage's map). The defaults'
 * tags are written in the stages' own shape.
 */
import type { StageProperties } from '../model/stage.ts';
import { jsonEqual } from '../plan/canonical-json.ts';
import type { StageType } from '../stage-types/index.ts';
import { tagEntries, tagsIn, type TagEntry } from '../model/tags.ts';

/** Properties that name one stage and never move. */
const NEVER_LIFTED = new Set(['StageName']);

export interface LiftedSpec {
  readonly defaults: StageProperties;
  readonly stages: readonly StageProperties[];
}

const sameEntry = (a: TagEntry, b: TagEntry): boolean => a[0] === b[0] && jsonEqual(a[1], b[1]);

function sharedTags(stages: readonly StageProperties[]): TagEntry[] {
  const [first, ...others] = stages;
  if (!first) return [];
  return tagEntries(first.Tags).filter((tag) =>
    others.every((stage) => tagEntries(stage.Tags).some((other) => sameEntry(other, tag))),
  );
}

/**
 * Lifts shared values out of two or more stages; one stage stays as it is. `tagShape` is the
 * stages' type's (src/stage-types/ `tagShape`; absent: a REST stage's list).
 */
export function liftDefaults(
  stages: readonly StageProperties[],
  tagShape: StageType['tagShape'] = 'list',
): LiftedSpec {
  const [first] = stages;
  if (!first || stages.length < 2) return { defaults: {}, stages };
  const defaults: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(first)) {
    if (NEVER_LIFTED.has(property) || property === 'Tags') continue;
    if (stages.every((stage) => property in stage && jsonEqual(stage[property], value)))
      defaults[property] = value;
  }
  const tags = sharedTags(stages);
  if (tags.length > 0) defaults.Tags = tagsIn(tags, tagShape);
  const lifted = stages.map((stage) => {
    const own: Record<string, unknown> = {};
    for (const [property, value] of Object.entries(stage)) {
      if (property === 'Tags') {
        const left = tagEntries(value).filter(
          (tag) => !tags.some((shared) => sameEntry(shared, tag)),
        );
        if (left.length > 0) own.Tags = tagsIn(left, tagShape);
      } else if (!(property in defaults)) {
        own[property] = value;
      }
    }
    return own;
  });
  return { defaults, stages: lifted };
}
