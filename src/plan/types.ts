/**
 * The one plan model. The PR comment, the job summary, the log, the outputs and the apply all
 * read this and nothing else, so what a reviewer approves is what gets executed.
 */
import type { SourceLocation, StageProperties } from '../model/stage.ts';

/** What happens to one stage. `no-op` stages are kept so reviewers see what was checked. */
export type ChangeAction = 'create' | 'update' | 'delete' | 'no-op';

/** How one property differs between the live stage and the desired one. */
export type PropertyDiffKind = 'added' | 'removed' | 'changed';

/** One RFC 6902 operation, with `path` a JSON Pointer relative to the resource's properties. */
export interface JsonPatchOperation {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly value?: unknown;
}

export interface PropertyDiff {
  /**
   * Human-readable location, stable across runs: `Description`, `Variables.lambdaAlias`,
   * `MethodSettings[GET /orders/{id}].ThrottlingRateLimit`, `Tags[Team]`.
   */
  readonly path: string;
  readonly kind: PropertyDiffKind;
  /** The live value (absent for `added`). */
  readonly before?: unknown;
  /** The desired value (absent for `removed`). */
  readonly after?: unknown;
  /** True when the schema lists the property as create-only (changing it replaces the stage). */
  readonly forcesReplacement: boolean;
}

interface ChangeBase {
  /** Logical name from the spec; for a prune, the identifier. */
  readonly name: string;
  /** `RestApiId|StageName`. */
  readonly identifier: string;
  /** Where the spec declared the stage; absent for prunes. */
  readonly source?: SourceLocation;
  /** Per-property differences, sorted by path. Empty for `no-op`. */
  readonly diffs: readonly PropertyDiff[];
}

/** A change of a stage some spec declares: what the spec says, so the apply can re-plan it. */
interface DeclaredChangeBase extends ChangeBase {
  /** The stage's properties as the specs declare them (defaults merged, no ownership tag). */
  readonly declared: StageProperties;
  readonly source: SourceLocation;
}

export interface CreateChange extends DeclaredChangeBase {
  readonly action: 'create';
  /** The full desired state sent as `DesiredState`. */
  readonly after: StageProperties;
}

export interface UpdateChange extends DeclaredChangeBase {
  readonly action: 'update';
  /** The live model the patch was computed against. */
  readonly before: StageProperties;
  readonly after: StageProperties;
  /** The JSON Patch the apply sends as `PatchDocument`, computed against `before`. */
  readonly patch: readonly JsonPatchOperation[];
}

export interface DeleteChange extends ChangeBase {
  readonly action: 'delete';
  readonly before: StageProperties;
}

export interface NoOpChange extends DeclaredChangeBase {
  readonly action: 'no-op';
  readonly before: StageProperties;
  readonly after: StageProperties;
}

export type StageChange = CreateChange | UpdateChange | DeleteChange | NoOpChange;

export interface PlanCounts {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly noOp: number;
}

/** Stages found in AWS that no spec declares and that the plan will not delete. */
export interface PruneReport {
  readonly enabled: boolean;
  /** Stages with no `stage-sync:managed-by` tag. */
  readonly skippedUnmanaged: readonly string[];
  /** Stages tagged as managed by another repository. */
  readonly skippedForeign: readonly string[];
}

export interface Plan {
  /** Identifies what this plan covers (repository, region, spec patterns) for comments and records. */
  readonly target: string;
  /** `owner/repo` written into the ownership tag. */
  readonly repository: string;
  /** Sorted by action (delete, create, update, no-op) then name: byte-stable rendering. */
  readonly changes: readonly StageChange[];
  readonly counts: PlanCounts;
  readonly prune: PruneReport;
  /** Digest of the normalised plan and the live state it was computed from. */
  readonly hash: string;
}
