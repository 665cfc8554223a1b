/**
 * Values every imported stage shares move into the file's `defaults:`, so a file of ten stages
 * says the REST API, the deployment and the team tag once. This is the inverse of
 * src/desired/merge-defaults.ts: a property moves when all stages hold an equal value; tags move
 * one by one (a tag every stage carries with the same value), since the loader merges `Tags` by
 * `Key`.
 */
import type { StageProperties } from '../model/stage.ts';
import { jsonEqual } from '../plan/canonical-json.ts';
import { isJsonObject } from '../plan/normalize.ts';

/** Properties that name one stage and never move. */
const NEVER_LIFTED = new Set(['StageName']);

export interface LiftedSpec {
  readonly defaults: StageProperties;
  readonly stages: readonly StageProperties[];
}

function tagsOf(stage: StageProperties): Record<string, unknown>[] {
  return Array.isArray(stage.Tags) ? stage.Tags.filter(isJsonObject) : [];
}

function sharedTags(stages: readonly StageProperties[]): Record<string, unknown>[] {
  const [first, ...others] = stages;
  if (!first) return [];
  return tagsOf(first).filter((tag) =>
    others.every((stage) => tagsOf(stage).some((other) => jsonEqual(other, tag))),
  );
}

/** Lifts shared values out of two or more stages; one stage stays as it is. */
export function liftDefaults(stages: readonly StageProperties[]): LiftedSpec {
  const [first] = stages;
  if (!first || stages.length < 2) return { defaults: {}, stages };
  const defaults: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(first)) {
    if (NEVER_LIFTED.has(property) || property === 'Tags') continue;
    if (stages.every((stage) => property in stage && jsonEqual(stage[property], value)))
      defaults[property] = value;
  }
  const tags = sharedTags(stages);
  if (tags.length > 0) defaults.Tags = tags;
  const lifted = stages.map((stage) => {
    const own: Record<string, unknown> = {};
    for (const [property, value] of Object.entries(stage)) {
      if (property === 'Tags') {
        const left = tagsOf(stage).filter((tag) => !tags.some((shared) => jsonEqual(shared, tag)));
        if (left.length > 0) own.Tags = left;
      } else if (!(property in defaults)) {
        own[property] = value;
      }
    }
    return own;
  });
  return { defaults, stages: lifted };
}
