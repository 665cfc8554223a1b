/**
 * The one plan model. The PR comment, the job summary, the log, the outputs and the apply all
 * read this and nothing else, so what a reviewer approves is what gets executed.
 */
import type { SourceLocation, StageProperties, StageTypeName } from '../model/stage.ts';

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
  /** The value the stage will have (absent for `removed`, where AWS decides what is left). */
  readonly after?: unknown;
  /**
   * Set when the apply does not make this change: why, in words a reviewer can act on (AWS cannot
   * change `DocumentationVersion` in place, `patch-rules.ts`). Such a diff has no operation in the
   * patch and is shown on every plan until the spec or the stage changes.
   */
  readonly note?: string;
}

interface ChangeBase {
  /** Logical name from the spec; for a prune, the identifier. */
  readonly name: string;
  /** The stage's resource type (src/stage-types/). */
  readonly type: StageTypeName;
  /** `RestApiId|StageName` or `ApiId|StageName`. */
  readonly identifier: string;
  /** Where the spec declared the stage; absent for prunes. */
  readonly source?: SourceLocation;
  /**
   * Per-property differences, sorted by path. A `no-op` has only diffs with a `note` (changes AWS
   * cannot make in place), usually none.
   */
  readonly diffs: readonly PropertyDiff[];
}

/** A path `ignore-changes` leaves to other tools, with its live value (absent when AWS has none). */
export interface LeftToOtherTools {
  readonly path: string;
  readonly value?: unknown;
}

/**
 * The release step a change makes, when it is one (release-step.ts): reviewers read "promote the
 * canary" rather than three property lines.
 */
export type ReleaseStep =
  | {
      /** `DeploymentId` moves to the deployment the canary was testing, and the canary goes. */
      readonly kind: 'canary-promotion';
      readonly deploymentId: string;
      /** The deployment the stage served before. */
      readonly from?: string;
      /** The share of traffic the canary had. */
      readonly percentTraffic?: number;
    }
  | {
      /** A canary is added: `percentTraffic` of requests go to `deploymentId`. */
      readonly kind: 'canary-start';
      readonly deploymentId?: string;
      readonly percentTraffic?: number;
    };

/** A change of a stage some spec declares: what the spec says, so the apply can re-plan it. */
interface DeclaredChangeBase extends ChangeBase {
  /** The API's name, when the spec named it by `rest-api:` or `api:` (the identifier holds its id). */
  readonly apiName?: string;
  /** What `ignore-changes:` lists for this stage (re-planning keeps it). */
  readonly ignoreChanges?: readonly string[];
  /** For an existing stage: the ignored paths with their live values, shown, never written. */
  readonly leftToOtherTools?: readonly LeftToOtherTools[];
  /** Set when an update is a canary promotion or start. */
  readonly release?: ReleaseStep;
  /** The stage's properties as the specs declare them (defaults merged, no ownership tag). */
  readonly declared: StageProperties;
  /**
   * What the specs declared for this stage when stage-sync last applied it, when known: the
   * fields it no longer declares are the planned removals (re-planning keeps them).
   */
  readonly previous?: StageProperties;
  readonly source: SourceLocation;
}

export interface CreateChange extends DeclaredChangeBase {
  readonly action: 'create';
  /** The full desired state sent as `DesiredState`. */
  readonly after: StageProperties;
}

/**
 * A declared stage whose ownership tag names another repository, or none: applying the plan makes
 * it this repository's (and so prunable by it). Shown as a caution, never silently.
 */
export interface Takeover {
  /** The repository the live tag names; absent when the stage has no ownership tag. */
  readonly from?: string;
}

export interface UpdateChange extends DeclaredChangeBase {
  readonly action: 'update';
  /** Set when the update takes the stage over from another owner (or from none). */
  readonly takeover?: Takeover;
  /** The live model the patch was computed against. */
  readonly before: StageProperties;
  /**
   * The stage as the apply leaves it, in AWS's spelling: the desired state, except that a property
   * AWS cannot change in place keeps its live value (the apply compares the read-back with this).
   */
  readonly after: StageProperties;
  /**
   * The JSON Patch that makes the change, computed against `before`: sent as Cloud Control's
   * `PatchDocument`, or, when `route` is set, turned into that service's calls.
   */
  readonly patch: readonly JsonPatchOperation[];
  /**
   * Set when Cloud Control cannot make this update and the apply goes through the service's own
   * API (src/plan/patch-rules.ts UpdateRouteRule); `note` is what the reviewer is told.
   */
  readonly route?: UpdateRoute;
}

/** An update sent through a service's own API rather than Cloud Control. */
export interface UpdateRoute {
  /** `apigatewayv2`: API Gateway V2's UpdateStage (and its tag and delete-settings calls). */
  readonly service: 'apigatewayv2';
  readonly note: string;
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

/**
 * Whether the planner knew what the specs declared when stage-sync last applied these stages.
 * Only then can it plan the removal of a field dropped from `AccessLogSetting`, `CanarySetting` or
 * a method setting: inside those objects AWS fills in fields nobody declared (inherited `*\/*`
 * values, the account's throttle, canary defaults: docs/reference/aws-recorded-behaviour.md
 * facts 21, 25, 30), so a field the spec does not declare is left alone unless the previous
 * specs prove it was declared.
 */
export type PreviousSpecsReport =
  | {
      readonly status: 'read';
      /** Where they were read from, for people (`specs at commit 4f2a9c1`). */
      readonly source: string;
    }
  | {
      readonly status: 'unavailable';
      /** Why not, for people (`no earlier apply recorded on these stages`). */
      readonly reason: string;
    };

export interface Plan {
  /** Identifies what this plan covers (repository, region, spec patterns) for comments and records. */
  readonly target: string;
  /** `owner/repo` written into the ownership tag. */
  readonly repository: string;
  /** In the one change order (`order.ts`: delete, create, update, no-op, then name). */
  readonly changes: readonly StageChange[];
  readonly counts: PlanCounts;
  readonly prune: PruneReport;
  readonly previousSpecs: PreviousSpecsReport;
  /** Digest of the normalised plan and the live state it was computed from. */
  readonly hash: string;
}
