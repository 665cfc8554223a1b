/**
 * The engine: everything one run of stage-sync needs (the Cloud Control port, the repository, the
 * region, the limits, the clock) and the product's two verbs, plan these spec files and apply
 * that plan. The action, the local CLI and the demo each build one and only show its outcomes,
 * so all three plan and apply exactly alike.
 */
import { applyPlan } from '../apply/apply-plan.ts';
import type { BackoffPolicy } from '../retry/policy.ts';
import type { ApplyProgressEvent } from '../apply/options.ts';
import type { ApplyResult } from '../apply/result.ts';
import type { ApiGatewayV2Port } from '../aws/apigatewayv2-port.ts';
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import { listEachApiTypeOnce } from '../aws/list-apis.ts';
import { boundProblems } from '../desired/bound-problems.ts';
import { readStages, readUndeclaredStages } from '../aws/read-stages.ts';
import { loadSpecs, type SpecFile } from '../desired/load-specs.ts';
import type { SpecProblem } from '../desired/spec-problem.ts';
import type { DesiredStage } from '../model/stage.ts';
import { buildPlan, type PreviousSpecs } from '../plan/build-plan.ts';
import type { Plan } from '../plan/types.ts';
import { readSpecFiles, SpecPatternError } from '../workspace/spec-files.ts';
import { readSpecsAtCommit } from '../workspace/specs-at-commit.ts';
import type { CommitComparison } from '../github/compare-commits.ts';
import { commitOrder } from './commit-order.ts';
import { createsMissingRequired } from '../plan/ignore-changes.ts';
import { planTarget } from './plan-target.ts';
import { apiListing, resolveApis, type ApiListing } from './resolve-apis.ts';
import { stageReplanner } from './replan.ts';

export interface EngineSettings {
  readonly port: CloudControlPort;
  /**
   * API Gateway V2, for the updates Cloud Control cannot make (auto-deploy V2 stages:
   * src/apply/apigatewayv2-update.ts); without it such an update fails its stage.
   */
  readonly apiGatewayV2?: ApiGatewayV2Port;
  /** `owner/repo`, the value of the ownership tag and part of every client token. */
  readonly repository: string;
  /** The region the port talks to, for the plan's target; `undefined` for the SDK's default. */
  readonly region: string | undefined;
  /**
   * Most Cloud Control calls in flight at once (`max-concurrency`). Operations AWS is carrying
   * out do not count: the apply sizes those by AWS's answers (src/retry/operation-window.ts).
   */
  readonly maxConcurrency: number;
  /** How long one write may take to settle (`operation-timeout-seconds` × 1000). */
  readonly operationTimeoutMs: number;
  /**
   * Most managed stages one plan may delete (`max-deletes`): a plan that deletes more is planned
   * and shown, but blocked, and `apply` refuses it. Unbounded when absent.
   */
  readonly maxDeletes?: number;
  /** Delays between status polls; the demo polls faster than an action run. */
  readonly polling?: Partial<BackoffPolicy>;
  /** Finds and reads the spec files; the workspace on disk unless a test or benchmark hands in its own. */
  readonly readSpecFiles?: (workspace: string, patterns: readonly string[]) => Promise<SpecFile[]>;
  /** Reads the spec files at an earlier commit; the checkout's git history unless handed in. */
  readonly readSpecsAtCommit?: typeof readSpecsAtCommit;
  /**
   * GitHub's compare of `base...head` (src/github/compare-commits.ts), asked when the checkout's
   * history cannot tell whether a stage was last applied from a newer commit; absent without
   * GitHub access (then such a write goes ahead with a note).
   */
  readonly compareOnGitHub?: (base: string, head: string) => Promise<CommitComparison>;
  /** Injected clock and sleep, for tests that must not wait. */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface PlanRequest {
  /** The folder spec patterns are relative to. */
  readonly workspace: string;
  /** Glob patterns of spec files; `!pattern` excludes. */
  readonly patterns: readonly string[];
  /** Also plan deleting stages this repository manages that no spec declares. */
  readonly prune: boolean;
  /**
   * The commit whose specs were last applied (a pull request's base, a push's `before`): fields
   * those specs declared and these no longer do are planned removals. Absent: not known, and
   * nothing is removed that cannot be proved declared.
   */
  readonly previousCommit?: string;
}

/** Why a plan must not be applied as it is, in words that name the input to change. */
export interface PlanBlock {
  readonly reason: 'too-many-deletes';
  readonly message: string;
}

/**
 * What planning came to. Specs that do not load never cost an AWS call; a `rest-api:` name costs
 * one listing of the REST APIs, and a create that lacks the DeploymentId `ignore-changes` leaves
 * out is only known after the stages are read: both are `invalid-specs` too, and nothing is written.
 */
export type PlanOutcome =
  | {
      /** A spec pattern matches no file or reaches outside the workspace. */
      readonly kind: 'invalid-patterns';
      readonly fileCount: 0;
      readonly message: string;
    }
  | {
      readonly kind: 'invalid-specs';
      readonly fileCount: number;
      /** The problems to show (bounded per file and per run; the last counts the rest). */
      readonly problems: readonly SpecProblem[];
      /** Every problem found, shown or not. */
      readonly problemCount: number;
    }
  | {
      readonly kind: 'aws-read-failed';
      readonly fileCount: number;
      readonly message: string;
      /** What the read threw, for a shell that explains errors by their kind. */
      readonly error: unknown;
    }
  | {
      readonly kind: 'planned';
      readonly fileCount: number;
      readonly plan: Plan;
      /** Set when the plan may be shown but not applied. */
      readonly blocked?: PlanBlock;
      /** Things the reader of the plan must know that the plan itself does not say. */
      readonly warnings: readonly string[];
    };

export interface ApplyRequest {
  /** The commit being applied: part of every client token, and each write's `stage-sync:commit`. */
  readonly commitSha: string;
  /**
   * The checkout whose git history says whether `commitSha` is older than the commit that last
   * applied a stage; absent: not asked (GitHub may still answer).
   */
  readonly workspace?: string;
  /** Aborted on SIGTERM/SIGINT: no new writes start, in-flight requests are cancelled. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ApplyProgressEvent) => void;
}

export interface Engine {
  plan(request: PlanRequest): Promise<PlanOutcome>;
  /**
   * Executes `plan` (never rejects for AWS's sake); re-plans a stage from the plan's own
   * declarations. Throws, before any write, for a plan `blockOf` blocks.
   */
  apply(plan: Plan, request: ApplyRequest): Promise<ApplyResult>;
}

/** Problems found after loading (names, creates without a required value), capped as the loader's are. */
function invalidSpecs(fileCount: number, found: readonly SpecProblem[]): PlanOutcome {
  return {
    kind: 'invalid-specs',
    fileCount,
    problems: boundProblems(found),
    problemCount: found.length,
  };
}

/** `owner/repo`: the ownership tag's value, without which no stage can be told ours. */
export const REPOSITORY_NAME = /^[^/\s]+\/[^/\s]+$/;

export function createEngine(settings: EngineSettings): Engine {
  const { port, repository, maxConcurrency } = settings;
  // The ownership tag's value: without it no write may happen and no stage can be told ours.
  if (!REPOSITORY_NAME.test(repository))
    throw new Error(
      `stage-sync needs the repository as owner/repo, got ${JSON.stringify(repository)}`,
    );
  const blockOf = (plan: Plan): PlanBlock | undefined => {
    const limit = settings.maxDeletes;
    if (limit === undefined || plan.counts.delete <= limit) return undefined;
    return {
      reason: 'too-many-deletes',
      message: `the plan deletes ${plan.counts.delete} managed stage(s) and max-deletes allows ${limit}; nothing was applied. Check the deletions, then raise max-deletes if they are intended.`,
    };
  };
  const now = settings.now ?? Date.now;
  /**
   * When this engine's reads of each plan it made began: the apply skips the re-read before
   * writing a stage that the plan read moments ago (`planReadAt`, `FRESH_READ_MS` in
   * src/retry/policy.ts). A plan from anywhere else (another run, a file) is re-read.
   */
  const readAtOfPlansMadeHere = new WeakMap<Plan, number>();
  const readFiles = settings.readSpecFiles ?? readSpecFiles;
  const readAtCommit = settings.readSpecsAtCommit ?? readSpecsAtCommit;

  /** The stages the specs declared at `commit`, or why they cannot be known. */
  const previousSpecs = async (
    workspace: string,
    patterns: readonly string[],
    commit: string | undefined,
    listApis: ApiListing,
  ): Promise<PreviousSpecs> => {
    if (!commit)
      return { status: 'unavailable', reason: 'no earlier commit is known for this event' };
    const found = await readAtCommit(workspace, commit, patterns);
    if (found.kind === 'unavailable') return { status: 'unavailable', reason: found.reason };
    const loaded = loadSpecs(found.files);
    if (loaded.problems.length > 0)
      return {
        status: 'unavailable',
        reason: `the specs at commit ${commit.slice(0, 7)} are not valid (${loaded.problemCount} problem(s))`,
      };
    const resolved = await resolveApis(loaded.stages, listApis);
    if (resolved.problems.length > 0)
      return {
        status: 'unavailable',
        reason: `the API names in the specs at commit ${commit.slice(0, 7)} do not resolve (${resolved.problems.length} problem(s))`,
      };
    return {
      status: 'read',
      source: `specs at commit ${commit.slice(0, 7)}`,
      stages: new Map(resolved.stages.map((stage) => [stage.identifier, stage.properties])),
    };
  };
  return {
    async plan({ workspace, patterns, prune, previousCommit }) {
      let files: SpecFile[];
      try {
        files = await readFiles(workspace, patterns);
      } catch (error) {
        if (error instanceof SpecPatternError)
          return { kind: 'invalid-patterns', fileCount: 0, message: error.message };
        throw error;
      }
      const fileCount = files.length;
      const loaded = loadSpecs(files);
      if (loaded.problems.length > 0)
        return {
          kind: 'invalid-specs',
          fileCount,
          problems: loaded.problems,
          problemCount: loaded.problemCount,
        };
      // A run lists the region's APIs of each type at most once: for these specs, the previous
      // ones, and prune's listing of stages.
      const apiTypes = listEachApiTypeOnce(port);
      const listApis = apiListing(port, apiTypes);
      let stages: readonly DesiredStage[];
      try {
        const resolved = await resolveApis(loaded.stages, listApis);
        if (resolved.problems.length > 0) return invalidSpecs(fileCount, resolved.problems);
        stages = resolved.stages;
      } catch (error) {
        return { kind: 'aws-read-failed', fileCount, message: (error as Error).message, error };
      }
      const identifiers = stages.map((stage) => stage.identifier);
      const warnings: string[] = [];
      // A run that declares no stage cannot tell "delete everything" from "read the wrong files"
      // (a pattern typo, a checkout without the specs): it never prunes.
      const pruning = prune && stages.length > 0;
      if (prune && !pruning)
        warnings.push(
          `prune is on but the spec files declare no stage, so nothing is deleted: check the spec patterns (${patterns.join(', ')}).`,
        );
      try {
        const readAt = now();
        const live = await readStages(port, stages, maxConcurrency);
        // Only now is it known which stages are creates: one whose DeploymentId other tools own
        // must still give one, since AWS cannot create a stage without it.
        const missing = createsMissingRequired(stages, live);
        if (missing.length > 0) return invalidSpecs(fileCount, missing);
        const [undeclared, previous] = await Promise.all([
          pruning ? readUndeclaredStages(port, new Set(identifiers), maxConcurrency, apiTypes) : [],
          previousSpecs(workspace, patterns, previousCommit, listApis),
        ]);
        const plan = buildPlan({
          desired: stages,
          live,
          undeclared,
          prune: pruning,
          repository,
          target: planTarget(settings.region, patterns),
          previous,
        });
        readAtOfPlansMadeHere.set(plan, readAt);
        const blocked = blockOf(plan);
        return { kind: 'planned', fileCount, plan, warnings, ...(blocked ? { blocked } : {}) };
      } catch (error) {
        return { kind: 'aws-read-failed', fileCount, message: (error as Error).message, error };
      }
    },
    apply(plan, { commitSha, workspace, signal, onProgress }) {
      const blocked = blockOf(plan);
      if (blocked) throw new Error(`Refusing to apply: ${blocked.message}`);
      const planReadAt = readAtOfPlansMadeHere.get(plan);
      return applyPlan(plan, port, {
        maxConcurrency,
        // A stage waiting for AWS holds no call slot; AWS's answers size the operations in flight.
        maxOperationsInFlight: 'adaptive',
        ...(planReadAt !== undefined ? { planReadAt } : {}),
        operationTimeoutMs: settings.operationTimeoutMs,
        commitSha,
        repository,
        replan: stageReplanner(port, plan),
        isOlderCommit: commitOrder({
          ...(workspace !== undefined ? { workspace } : {}),
          ...(settings.compareOnGitHub ? { compareOnGitHub: settings.compareOnGitHub } : {}),
        }),
        ...(signal ? { signal } : {}),
        ...(onProgress ? { onProgress } : {}),
        ...(settings.polling ? { polling: settings.polling } : {}),
        ...(settings.now ? { now: settings.now } : {}),
        ...(settings.sleep ? { sleep: settings.sleep } : {}),
        ...(settings.apiGatewayV2 ? { apiGatewayV2: settings.apiGatewayV2 } : {}),
      });
    },
  };
}
