/**
 * specs -> desired stages -> live stages -> plan, through the Cloud Control port. Shared by the
 * action, the local CLI and the demo so all three plan exactly alike.
 */
import { readStages, readUndeclaredStages } from '../aws/read-stages.ts';
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import type { DesiredStage } from '../model/stage.ts';
import { buildPlan } from '../plan/build-plan.ts';
import type { Plan } from '../plan/types.ts';
import { loadSpecs, type SpecFile } from '../desired/load-specs.ts';
import type { SpecProblem } from '../desired/spec-problem.ts';

export interface PlanRequest {
  readonly files: readonly SpecFile[];
  readonly port: CloudControlPort;
  readonly prune: boolean;
  /** `owner/repo`, the value of the ownership tag. */
  readonly repository: string;
  readonly target: string;
  readonly concurrency: number;
}

export type PlanOutcome =
  | { readonly kind: 'invalid-specs'; readonly problems: readonly SpecProblem[] }
  | { readonly kind: 'planned'; readonly plan: Plan; readonly desired: readonly DesiredStage[] };

/** Reads AWS only when the specs are valid: bad input never costs a call. */
export async function planSpecs(request: PlanRequest): Promise<PlanOutcome> {
  const { stages, problems } = loadSpecs(request.files);
  if (problems.length > 0) return { kind: 'invalid-specs', problems };
  const identifiers = stages.map((stage) => stage.identifier);
  const live = await readStages(request.port, identifiers, request.concurrency);
  const undeclared = request.prune
    ? await readUndeclaredStages(request.port, new Set(identifiers), request.concurrency)
    : [];
  const plan = buildPlan({
    desired: stages,
    live,
    undeclared,
    prune: request.prune,
    repository: request.repository,
    target: request.target,
  });
  return { kind: 'planned', plan, desired: stages };
}
