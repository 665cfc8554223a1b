/**
 * The plan hash: what reviewers approved, in 71 characters. The apply recomputes the plan after
 * the merge and compares hashes, so the hash must change whenever what would be done or what it
 * was computed from changes, and must not change otherwise.
 *
 * Input: canonical JSON (sorted keys) of the target, repository, prune report and, per change,
 * its action, name, identifier, property diffs and the normalised live and desired states. Not
 * whether the previous specs were read (`Plan.previousSpecs`): what they change (planned
 * removals) is in the diffs, and a plan that does the same thing has the same hash. The
 * normalised states rather than the raw read model and the JSON Patch: AWS may list MethodSettings
 * and Tags in another order on the next read, which moves patch indices without changing what the
 * patch does, and that must not count as a different plan. Spec file locations are left out too
 * (moving a stage within a file changes nothing in AWS).
 *
 * Output: `sha256:` followed by the full 64-hex-digit SHA-256 digest (no truncation: the hash guards
 * an apply against production, and 71 characters fit anywhere it is shown).
 *
 * `node:crypto` here is pure computation (no I/O), allowed in the pure core.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { STAGE_TYPE_NAME, type StageProperties } from '../model/stage.ts';
import { withoutIgnored } from './ignore-changes.ts';
import { normalizeStage } from './normalize.ts';
import type { Plan, PropertyDiff, StageChange } from './types.ts';

export const PLAN_HASH_PREFIX = 'sha256:';

/** Bumped whenever the hash input changes shape, so old and new hashes never collide by accident. */
const HASH_INPUT_VERSION = 1;

/**
 * A diff as hashed. Version 1 diffs carried `forcesReplacement`, which a planned change always
 * had `false` (an identifier property that differs makes another stage, patch-rules.ts
 * IDENTITY_PROPERTIES); it stays in the input as that constant so that a plan whose meaning did
 * not change keeps its hash across the field's removal. A `note` (a change the apply cannot
 * make) is part of what reviewers approve, so it is hashed.
 */
function hashedDiff(diff: PropertyDiff): unknown {
  return { ...diff, forcesReplacement: false };
}

function hashedChange(change: StageChange): unknown {
  // Values other tools own are shown, never written: a release moving one changes no decision.
  const ignored = 'ignoreChanges' in change ? (change.ignoreChanges ?? []) : [];
  const unignored = (properties: StageProperties): StageProperties =>
    ignored.length > 0 ? withoutIgnored(properties, ignored) : properties;
  return {
    action: change.action,
    name: change.name,
    // Only a type other than the default is hashed, so REST plans keep the hashes they had
    // before stages had types (a plan reviewed on the older version still matches).
    ...(change.type !== STAGE_TYPE_NAME ? { type: change.type } : {}),
    identifier: change.identifier,
    diffs: change.diffs.map(hashedDiff),
    live: 'before' in change ? normalizeStage(unignored(change.before), change.type) : null,
    desired: 'after' in change ? normalizeStage(unignored(change.after), change.type) : null,
    ...('route' in change && change.route ? { route: change.route.service } : {}),
  };
}

/** The hash of a plan (its `hash` field, if present, is ignored). Deterministic and pure. */
export function planHash(plan: Omit<Plan, 'hash' | 'counts' | 'previousSpecs'>): string {
  const input = {
    version: HASH_INPUT_VERSION,
    target: plan.target,
    repository: plan.repository,
    prune: plan.prune,
    changes: plan.changes.map(hashedChange),
  };
  return PLAN_HASH_PREFIX + createHash('sha256').update(canonicalJson(input), 'utf8').digest('hex');
}
