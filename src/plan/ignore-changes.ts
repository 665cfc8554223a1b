/**
 * `ignore-changes:`: properties (or fields of an object property, `CanarySetting.DeploymentId`)
 * that other tools own. A REST API's own pipeline creates a deployment on every release and points
 * the stage at it; a spec that pinned `DeploymentId` would roll that back on the next apply (the
 * bug of https://github.com/hashicorp/terraform-provider-aws/issues/20095, which Terraform users
 * work around with `lifecycle { ignore_changes = [deployment_id] }`).
 *
 * For an existing stage an ignored path takes its live value before the one walk of compare.ts, so
 * it can yield neither a diff nor a write, and it is dropped from the previous specs, so no removal
 * is planned for it. A create has no live value: it sends what the spec gives.
 */
import type { SpecProblem } from '../desired/spec-problem.ts';
import type { DesiredStage, LiveStage, StageProperties } from '../model/stage.ts';
import { stageTypeOf } from '../stage-types/index.ts';
import { isJsonObject } from '../model/json.ts';
import type { LeftToOtherTools } from './types.ts';

const splitPath = (path: string): [string, string | undefined] => {
  const [property, field] = path.split('.', 2);
  return [property as string, field];
};

/** The value at `path` (`Property` or `Property.Field`), `undefined` when absent. */
function valueAt(properties: StageProperties, path: string): unknown {
  const [property, field] = splitPath(path);
  const value = properties[property];
  if (field === undefined) return value;
  return isJsonObject(value) ? value[field] : undefined;
}

/** `properties` with the value at `path` set to `value`, or removed when `value` is undefined. */
function withValueAt(properties: StageProperties, path: string, value: unknown): StageProperties {
  const [property, field] = splitPath(path);
  const copy: Record<string, unknown> = { ...properties };
  if (field === undefined) {
    if (value === undefined) delete copy[property];
    else copy[property] = value;
    return copy;
  }
  const container = copy[property];
  // A field of an object the spec does not declare: the whole object is decided by the spec.
  if (!isJsonObject(container)) return copy;
  const inner: Record<string, unknown> = { ...container };
  if (value === undefined) delete inner[field];
  else inner[field] = value;
  copy[property] = inner;
  return copy;
}

/**
 * What to compare for a stage that exists: the desired properties with each ignored path at its
 * live value, and the previous specs without them.
 */
export function withIgnoredAsLive(
  desired: StageProperties,
  live: StageProperties,
  previous: StageProperties | undefined,
  paths: readonly string[],
): { desired: StageProperties; previous: StageProperties | undefined } {
  let kept = desired;
  let before = previous;
  for (const path of paths) {
    kept = withValueAt(kept, path, valueAt(live, path));
    if (before) before = withValueAt(before, path, undefined);
  }
  return { desired: kept, previous: before };
}

/**
 * `properties` without the ignored paths: what the plan hash covers, so that another tool moving
 * an ignored value between review and merge (a release) does not make the plan a different one.
 */
export function withoutIgnored(
  properties: StageProperties,
  paths: readonly string[],
): StageProperties {
  return paths.reduce((kept, path) => withValueAt(kept, path, undefined), properties);
}

/** The ignored paths with their live values, for the reviewer (absent ones are listed as absent). */
export function leftToOtherTools(
  live: StageProperties,
  paths: readonly string[],
): LeftToOtherTools[] {
  return [...paths].sort().map((path) => {
    const value = valueAt(live, path);
    return value === undefined ? { path } : { path, value };
  });
}

/**
 * Stages to create whose spec leaves out a property AWS requires to create one because other tools
 * own it: a problem at the stage's line, since nothing else can supply the value.
 */
export function createsMissingRequired(
  stages: readonly DesiredStage[],
  live: ReadonlyMap<string, LiveStage>,
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const stage of stages) {
    if (live.has(stage.identifier)) continue;
    // Properties AWS cannot create a stage of this type without (src/stage-types/).
    for (const property of stageTypeOf(stage.type).requiredToCreate) {
      if (stage.properties[property] !== undefined) continue;
      problems.push({
        ...stage.source,
        property,
        message: `stage ${stage.name}: ${stage.identifier} does not exist yet, and creating it needs ${property}, which the spec leaves out because ignore-changes lists it; give a ${property} for the create (later changes to it stay with the other tools)`,
      });
    }
  }
  return problems;
}
