/**
 * The engine: everything one run of stage-sync needs (the Cloud Control port, the repository, the
 * region, the limits, the clock) and the product's two verbs, plan these spec files and apply
 * that plan. The action, the local CLI and the demo each build one and only show its outcomes,
 * so all three plan and apply exactly alike.
 */
import { applyPlan } from '../apply/apply-plan.ts';
import type { BackoffPolicy } from '../apply/backoff.ts';
import type { ApplyProgressEvent } from '../apply/options.ts';
import type { ApplyResult } from '../apply/result.ts';
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import { readStages, readUndeclaredStages } from '../aws/read-stages.ts';
import { loadSpecs, type SpecFile } from '../desired/load-specs.ts';
import type { SpecProblem } from '../desired/spec-problem.ts';
import { buildPlan } from '../plan/build-plan.ts';
import type { Plan } from '../plan/types.ts';
import { readSpecFiles } from '../workspace/spec-files.ts';
import { planTarget } from './plan-target.ts';
import { stageReplanner } from './replan.ts';

export interface EngineSettings {
  readonly port: CloudControlPort;
  /** `owner/repo`, the value of the ownership tag and part of every client token. */
  readonly repository: string;
  /** The region the port talks to, for the plan's target; `undefined` for the SDK's default. */
  readonly region: string | undefined;
  /** Most Cloud Control calls in flight at once (`max-concurrency`). */
  readonly maxConcurrency: number;
  /** How long one write may take to settle (`operation-timeout-seconds` × 1000). */
  readonly operationTimeoutMs: number;
  /** Delays between status polls; the demo polls faster than an action run. */
  readonly polling?: Partial<BackoffPolicy>;
  /** Finds and reads the spec files; the workspace on disk unless a test or benchmark hands in its own. */
  readonly readSpecFiles?: (workspace: string, patterns: readonly string[]) => Promise<SpecFile[]>;
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
}

/** What planning came to. Bad specs never cost an AWS call. */
export type PlanOutcome =
  | {
      readonly kind: 'invalid-specs';
      readonly fileCount: number;
      readonly problems: readonly SpecProblem[];
    }
  | { readonly kind: 'aws-read-failed'; readonly fileCount: number; readonly message: string }
  | { readonly kind: 'planned'; readonly fileCount: number; readonly plan: Plan };

export interface ApplyRequest {
  /** The commit being applied: part of every client token. */
  readonly commitSha: string;
  /** Aborted on SIGTERM/SIGINT: no new writes start, in-flight requests are cancelled. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ApplyProgressEvent) => void;
}

export interface Engine {
  plan(request: PlanRequest): Promise<PlanOutcome>;
  /** Executes `plan` (never rejects); re-plans a stage from the plan's own declarations. */
  apply(plan: Plan, request: ApplyRequest): Promise<ApplyResult>;
}

export function createEngine(settings: EngineSettings): Engine {
  const { port, repository, maxConcurrency } = settings;
  const readFiles = settings.readSpecFiles ?? readSpecFiles;
  return {
    async plan({ workspace, patterns, prune }) {
      const files = await readFiles(workspace, patterns);
      const fileCount = files.length;
      const { stages, problems } = loadSpecs(files);
      if (problems.length > 0) return { kind: 'invalid-specs', fileCount, problems };
      const identifiers = stages.map((stage) => stage.identifier);
      try {
        const live = await readStages(port, identifiers, maxConcurrency);
        const undeclared = prune
          ? await readUndeclaredStages(port, new Set(identifiers), maxConcurrency)
          : [];
        const plan = buildPlan({
          desired: stages,
          live,
          undeclared,
          prune,
          repository,
          target: planTarget(settings.region, patterns),
        });
        return { kind: 'planned', fileCount, plan };
      } catch (error) {
        return { kind: 'aws-read-failed', fileCount, message: (error as Error).message };
      }
    },
    apply(plan, { commitSha, signal, onProgress }) {
      return applyPlan(plan, port, {
        maxConcurrency,
        operationTimeoutMs: settings.operationTimeoutMs,
        commitSha,
        repository,
        replan: stageReplanner(port, plan),
        ...(signal ? { signal } : {}),
        ...(onProgress ? { onProgress } : {}),
        ...(settings.polling ? { polling: settings.polling } : {}),
        ...(settings.now ? { now: settings.now } : {}),
        ...(settings.sleep ? { sleep: settings.sleep } : {}),
      });
    },
  };
}
