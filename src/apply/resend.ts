/**
 * Repeats a synchronous Cloud Control call that was refused for a transient reason (the `resend`
 * rules of recover.ts: throttling, server faults), with backoff, a bounded number of times. Used
 * for the reads around a write; the writes themselves go through the stage's recovery loop.
 */
import { CloudControlError, type ResourceDescription } from '../aws/cloud-control-port.ts';
import { STAGE_TYPE_NAME } from '../model/stage.ts';
import { backoffDelay } from './backoff.ts';
import { sleepQuietly } from './await-operation.ts';
import { RECOVERY_RULES } from './recover.ts';
import type { StageContext } from './stage-context.ts';

/** Exception names a refused request may simply be sent again for. */
export const RESENDABLE_CODES: ReadonlySet<string> = new Set(
  RECOVERY_RULES.filter((rule) => rule.origin === 'sync' && rule.recovery === 'resend').flatMap(
    (rule) => rule.codes,
  ),
);

export async function withResends<T>(ctx: StageContext, call: () => Promise<T>): Promise<T> {
  for (let resend = 0; ; resend += 1) {
    try {
      return await call();
    } catch (error) {
      const transient = error instanceof CloudControlError && RESENDABLE_CODES.has(error.code);
      if (!transient || resend >= ctx.limits.maxSyncRetries || ctx.signal?.aborted) throw error;
      await sleepQuietly(ctx, backoffDelay(ctx.retryBackoff, resend, ctx.random));
      if (ctx.signal?.aborted) throw error;
    }
  }
}

/** GetResource for one stage, `undefined` when it does not exist. */
export function readStage(
  ctx: StageContext,
  identifier: string,
): Promise<ResourceDescription | undefined> {
  return withResends(ctx, () => ctx.port.getResource(STAGE_TYPE_NAME, identifier));
}
