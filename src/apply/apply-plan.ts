/**
 * The apply: a plan interpreter. It executes each `StageChange` of the reviewed plan through the
 * Cloud Control port, at most `maxConcurrency` making calls at once (and, with
 * `maxOperationsInFlight`, a window of operations in flight apart from that), and reports every
 * stage's outcome. It
 * plans nothing itself; when AWS shows the plan is stale, it asks the caller's `replan` hook.
 * Pure apart from the injected port, clock, sleep and abort signal.
 */
import type { CloudControlPort } from '../aws/cloud-control-port.ts';
import type { Plan } from '../plan/types.ts';
import { mapConcurrent } from '../util/map-concurrent.ts';
import { CallSlots } from './call-slots.ts';
import { executeStage } from './execute-stage.ts';
import { reportingOperations } from './operation-signals.ts';
import { OperationWindow } from '../retry/operation-window.ts';
import { OperationDurations } from './operation-durations.ts';
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
  const window = operationWindowFor(resolved.maxOperationsInFlight);
  const ctx: StageContext = {
    ...resolved,
    port,
    runStartedMs: resolved.now(),
    callSlots: window ? new CallSlots(resolved.maxConcurrency) : undefined,
    operationDurations: new OperationDurations(),
  };
  const report = (outcome: StageOutcome): StageOutcome => {
    ctx.onProgress({ type: 'settled', outcome, elapsedMs: ctx.now() - ctx.runStartedMs });
    return outcome;
  };
  let outcomes: StageOutcome[];
  if (!window) {
    outcomes = await mapConcurrent(plan.changes, ctx.maxConcurrency, async (change) =>
      report(await executeStage(change, ctx)),
    );
  } else {
    // Every stage is under way as soon as the window lets it in, in plan order; the call slots
    // bound its calls, the window its operations. A no-op makes no call and needs neither.
    outcomes = await Promise.all(
      plan.changes.map(async (change) => {
        if (change.action === 'no-op') return report(await executeStage(change, ctx));
        const ticket = await window.acquire();
        try {
          const stagePort = reportingOperations(port, window, ticket);
          return report(await executeStage(change, { ...ctx, port: stagePort }));
        } finally {
          window.release();
        }
      }),
    );
  }
  return {
    status: resultStatus(outcomes, ctx.signal?.aborted ?? false),
    outcomes,
    durationMs: ctx.now() - ctx.runStartedMs,
  };
}

function operationWindowFor(
  maxOperationsInFlight: number | 'adaptive' | undefined,
): OperationWindow | undefined {
  if (maxOperationsInFlight === undefined) return undefined;
  return maxOperationsInFlight === 'adaptive'
    ? new OperationWindow()
    : OperationWindow.fixed(maxOperationsInFlight);
}

function resultStatus(outcomes: readonly StageOutcome[], aborted: boolean): ApplyResult['status'] {
  const cutShort = outcomes.some((o) => o.status === 'not-started' || o.status === 'in-flight');
  if (aborted || cutShort) return 'interrupted';
  return outcomes.some((o) => o.status === 'failed') ? 'failed' : 'applied';
}
