/**
 * From desired stages and what Cloud Control reads to the one plan everything else reads.
 */
import type { DesiredStage, LiveStage, StageProperties, StageTypeName } from '../model/stage.ts';
import { stageTypeOf } from '../stage-types/index.ts';
import { desiredModel } from './aws-spelling.ts';
import { compareStage, createdProperties, deletedProperties } from './compare.ts';
import { planHash } from './hash.ts';
import { compareChanges } from './order.ts';
import { managedBy, withOwnershipTag } from './ownership.ts';
import { leftToOtherTools, withIgnoredAsLive } from './ignore-changes.ts';
import type { NotInPlaceRule } from './patch-rules.ts';
import { releaseStep } from './release-step.ts';
import { classifyUndeclared, PRUNE_DISABLED } from './prune.ts';
import type {
  ChangeAction,
  DeleteChange,
  Plan,
  PlanCounts,
  PreviousSpecsReport,
  StageChange,
  UpdateRoute,
} from './types.ts';

/**
 * The desired model (`planned`, in AWS's spelling) with what an update cannot change kept as it
 * is live: what the apply leaves.
 */
function appliedModel(
  planned: StageProperties,
  live: StageProperties,
  kept: readonly NotInPlaceRule[],
): StageProperties {
  const after: Record<string, unknown> = { ...planned };
  for (const { at } of kept) {
    if (live[at] === undefined) delete after[at];
    else after[at] = live[at];
  }
  return after;
}

/**
 * An update the type sends through the service's own API (an auto-deploy V2 stage): the route,
 * and the removals that API cannot make, which the comparison treats as not in place (shown with
 * their note, left out of the patch).
 */
function routed(
  type: StageTypeName | undefined,
  before: StageProperties,
  planned: StageProperties,
): { route?: UpdateRoute; uncleared: readonly NotInPlaceRule[] } {
  const rule = stageTypeOf(type).updateRoute;
  if (!rule || !rule.applies(before, planned)) return { uncleared: [] };
  return {
    route: { service: rule.service, note: rule.note },
    uncleared: rule.cannotClear.filter(
      ({ at }) => before[at] !== undefined && planned[at] === undefined,
    ),
  };
}

/**
 * What to do with one declared stage: `create` when it does not exist (`live` undefined),
 * `update` with the diffs and the patch when anything is to be written, `no-op` otherwise (its
 * diffs then hold only changes AWS cannot make in place). The ownership tag
 * (`stage-sync:managed-by` = `repository`) is part of the desired state, so it shows as an added
 * tag the first time a stage is managed. `previous` is the stage's properties as the specs
 * declared them when stage-sync last applied it (`undefined` when unknown or not declared then):
 * a field it declared inside `AccessLogSetting`, `CanarySetting` or a method setting that the spec
 * no longer declares is removed; without it, such fields are left to AWS.
 */
export function planStageChange(
  desired: DesiredStage,
  live: LiveStage | undefined,
  repository: string,
  previous?: StageProperties,
): StageChange {
  const ignored = desired.ignoreChanges ?? [];
  const type = stageTypeOf(desired.type).typeName;
  const base = {
    name: desired.name,
    type,
    identifier: desired.identifier,
    source: desired.source,
    declared: desired.properties,
    ...(previous ? { previous } : {}),
    ...(desired.apiName !== undefined ? { apiName: desired.apiName } : {}),
    ...(ignored.length > 0 ? { ignoreChanges: ignored } : {}),
  };
  if (!live) {
    // A create sends what the spec gives, ignored paths included: there is nothing live to keep.
    const owned = withOwnershipTag(desired.properties, repository, type);
    return {
      ...base,
      action: 'create',
      diffs: createdProperties(owned, type),
      after: desiredModel(owned, type),
    };
  }
  // Paths other tools own compare as their live values: never a diff, never a write.
  const kept = withIgnoredAsLive(desired.properties, live.properties, previous, ignored);
  const owned = withOwnershipTag(kept.desired, repository, type);
  const before = live.properties;
  const planned = desiredModel(owned, type);
  const { route, uncleared } = routed(type, before, planned);
  const { diffs, patch } = compareStage(owned, before, kept.previous, type, uncleared);
  const after = appliedModel(planned, before, [...stageTypeOf(type).notInPlace, ...uncleared]);
  const shown = ignored.length > 0 ? { leftToOtherTools: leftToOtherTools(before, ignored) } : {};
  if (patch.length === 0) return { ...base, ...shown, action: 'no-op', diffs, before, after };
  const release = releaseStep(before, after);
  const owner = managedBy(before);
  const takeover = owner === repository ? undefined : { ...(owner ? { from: owner } : {}) };
  return {
    ...base,
    ...shown,
    action: 'update',
    diffs,
    before,
    after,
    patch,
    ...(route ? { route } : {}),
    ...(takeover ? { takeover } : {}),
    ...(release ? { release } : {}),
  };
}

/** Deleting an undeclared stage this repository manages: every live property goes. */
export function deleteChange(live: LiveStage): DeleteChange {
  const type = stageTypeOf(live.type).typeName;
  return {
    name: live.identifier,
    type,
    identifier: live.identifier,
    action: 'delete',
    diffs: deletedProperties(live.properties, type),
    before: live.properties,
  };
}

function countOf(changes: readonly StageChange[]): PlanCounts {
  const count = (action: ChangeAction): number =>
    changes.filter((change) => change.action === action).length;
  return {
    create: count('create'),
    update: count('update'),
    delete: count('delete'),
    noOp: count('no-op'),
  };
}

export interface PlanInput {
  readonly desired: readonly DesiredStage[];
  /** Live stages by identifier; a declared stage missing here does not exist yet. */
  readonly live: ReadonlyMap<string, LiveStage>;
  /** Live stages no spec declares (read only when prune is on). */
  readonly undeclared: readonly LiveStage[];
  readonly prune: boolean;
  /** `owner/repo`. */
  readonly repository: string;
  readonly target: string;
  /**
   * What the specs declared when stage-sync last applied these stages, by identifier, or why that
   * is not known. Absent: not known.
   */
  readonly previous?: PreviousSpecs;
}

/** The previous specs as the engine found them: read (stage properties by identifier) or not. */
export type PreviousSpecs =
  | {
      readonly status: 'read';
      /** Where they were read from, for people (`specs at commit 4f2a9c1`). */
      readonly source: string;
      /** Declared stage properties by identifier (as loaded, without the ownership tag). */
      readonly stages: ReadonlyMap<string, StageProperties>;
    }
  | { readonly status: 'unavailable'; readonly reason: string };

const NOT_PROVIDED: PreviousSpecs = {
  status: 'unavailable',
  reason: 'the previous specs were not provided',
};

function previousReport(previous: PreviousSpecs): PreviousSpecsReport {
  return previous.status === 'read'
    ? { status: 'read', source: previous.source }
    : { status: 'unavailable', reason: previous.reason };
}

/**
 * The plan: one change per declared stage, plus deletions of undeclared stages this repository
 * manages when prune is on, in the one change order (`order.ts`), with counts and the plan hash. Undeclared stages are ignored unless `prune` is set; one that a spec
 * does declare after all is never deleted.
 */
export function buildPlan(input: PlanInput): Plan {
  const declared = new Set(input.desired.map((stage) => stage.identifier));
  const prune = input.prune
    ? classifyUndeclared(
        input.undeclared.filter((stage) => !declared.has(stage.identifier)),
        input.repository,
      )
    : { toDelete: [], report: PRUNE_DISABLED };
  const previous = input.previous ?? NOT_PROVIDED;
  const previousOf = (identifier: string): StageProperties | undefined =>
    previous.status === 'read' ? previous.stages.get(identifier) : undefined;
  const changes = [
    ...input.desired.map((stage) =>
      planStageChange(
        stage,
        input.live.get(stage.identifier),
        input.repository,
        previousOf(stage.identifier),
      ),
    ),
    ...prune.toDelete.map(deleteChange),
  ].sort(compareChanges);
  const unhashed = {
    target: input.target,
    repository: input.repository,
    changes,
    prune: prune.report,
    previousSpecs: previousReport(previous),
  };
  return { ...unhashed, counts: countOf(changes), hash: planHash(unhashed) };
}
