/**
 * From desired stages and what Cloud Control reads to the one plan everything else reads.
 */
import type { DesiredStage, LiveStage } from '../model/stage.ts';
import { desiredModel } from './aws-spelling.ts';
import { diffStage } from './diff.ts';
import { planHash } from './hash.ts';
import { withOwnershipTag } from './ownership.ts';
import { patchFor } from './patch.ts';
import { classifyUndeclared, PRUNE_DISABLED } from './prune.ts';
import type { ChangeAction, DeleteChange, Plan, PlanCounts, StageChange } from './types.ts';

/**
 * What to do with one declared stage: `create` when it does not exist (`live` undefined),
 * `update` with the diffs and the patch when anything differs, `no-op` otherwise. The ownership
 * tag (`stage-sync:managed-by` = `repository`) is part of the desired state, so it shows as an
 * added tag the first time a stage is managed.
 */
export function planStageChange(
  desired: DesiredStage,
  live: LiveStage | undefined,
  repository: string,
): StageChange {
  const owned = withOwnershipTag(desired.properties, repository);
  const base = {
    name: desired.name,
    identifier: desired.identifier,
    source: desired.source,
    declared: desired.properties,
  };
  const after = desiredModel(owned);
  if (!live) {
    // Nothing exists yet, so nothing is replaced: create-only properties are simply set.
    const diffs = diffStage(owned, {}).map((diff) => ({ ...diff, forcesReplacement: false }));
    return { ...base, action: 'create', diffs, after };
  }
  const diffs = diffStage(owned, live.properties);
  if (diffs.length === 0)
    return { ...base, action: 'no-op', diffs, before: live.properties, after };
  return {
    ...base,
    action: 'update',
    diffs,
    before: live.properties,
    after,
    patch: patchFor(live.properties, owned),
  };
}

/** Deleting an undeclared stage this repository manages: every live property goes. */
export function deleteChange(live: LiveStage): DeleteChange {
  return {
    name: live.identifier,
    identifier: live.identifier,
    action: 'delete',
    diffs: diffStage({}, live.properties),
    before: live.properties,
  };
}

/** The order the plan lists changes in: the riskiest first. */
const ACTION_ORDER: readonly ChangeAction[] = ['delete', 'create', 'update', 'no-op'];

function byActionThenName(a: StageChange, b: StageChange): number {
  const byAction = ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action);
  if (byAction !== 0) return byAction;
  return a.name < b.name
    ? -1
    : a.name > b.name
      ? 1
      : a.identifier < b.identifier
        ? -1
        : a.identifier > b.identifier
          ? 1
          : 0;
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
}

/**
 * The plan: one change per declared stage, plus deletions of undeclared stages this repository
 * manages when prune is on, sorted by action (delete, create, update, no-op) then name, with
 * counts and the plan hash. Undeclared stages are ignored unless `prune` is set; one that a spec
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
  const changes = [
    ...input.desired.map((stage) =>
      planStageChange(stage, input.live.get(stage.identifier), input.repository),
    ),
    ...prune.toDelete.map(deleteChange),
  ].sort(byActionThenName);
  const unhashed = {
    target: input.target,
    repository: input.repository,
    changes,
    prune: prune.report,
  };
  return { ...unhashed, counts: countOf(changes), hash: planHash(unhashed) };
}
