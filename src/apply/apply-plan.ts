/**
 * The apply: a plan interpreter. It executes each `StageChange` of the reviewed plan through the
 * Cloud Control port, at most `maxConcurrency` at a time, and reports every stage's outcome. It
 * plans nothing itself; when AWS shows the plan is stale, it asks the caller's `replan` hook.
 * Pure apart from the injected port, clock, sleep and abort signal.
 */
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import type { Plan, StageChange } from '../plan/types.ts';
import { mapConcurrent } from '../util/map-concurrent.ts';
import { CallSlots } from './call-slots.ts';
import { executeStage } from './execute-stage.ts';
import { resolveApplyOptions, type ApplyOptions } from './options.ts';
import type { ApplyResult, StageOutcome } from './result.ts';
import type { StageContext } from './stage-context.ts';

export type { ApplyOptions, ApplyProgressEvent, ReplanStage, RetryLimits } from './options.ts';

/**
 * Applies `plan`. Stages run in plan order, `maxConcurrency` at a time; a failed stage never
 * stops the others. Once `options.signal` aborts, no new write starts (those stages are
 * `not-started`), running requests are cancelled where Cloud Control allows and recorded as
 * `in-flight` with their request tokens, and the result is `interrupted`. Never rejects.
 */
export async function applyPlan(
  plan: Plan,
  port: CloudControlPort,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const resolved = resolveApplyOptions(options);
  const operationsApart = resolved.maxOperationsInFlight !== undefined;
  const ctx: StageContext = {
    ...resolved,
    port,
    runStartedMs: resolved.now(),
    callSlots: operationsApart ? new CallSlots(resolved.maxConcurrency) : undefined,
  };
  const settle = async (change: StageChange): Promise<StageOutcome> => {
    const outcome = await executeStage(change, ctx);
    ctx.onProgress({ type: 'settled', outcome, elapsedMs: ctx.now() - ctx.runStartedMs });
    return outcome;
  };
  const underWay = resolved.maxOperationsInFlight ?? ctx.maxConcurrency;
  const outcomes = await mapConcurrent(plan.changes, underWay, settle);
  return {
    status: resultStatus(outcomes, ctx.signal?.aborted ?? false),
    outcomes,
    durationMs: ctx.now() - ctx.runStartedMs,
  };
}

function resultStatus(outcomes: readonly StageOutcome[], aborted: boolean): ApplyResult['status'] {
  const cutShort = outcomes.some((o) => o.status === 'not-started' || o.status === 'in-flight');
  if (aborted || cutShort) return 'interrupted';
  return outcomes.some((o) => o.status === 'failed') ? 'failed' : 'applied';
}
