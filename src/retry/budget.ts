/**
 * What one stage may still spend on recovering, by kind (layer 2 of policy.ts). One object
 * instead of a counter per kind, so every limit is checked the same way.
 */
import { MAX_TOKEN_REPLAYS, type RetryLimits } from './policy.ts';

/**
 * `attempts`: fresh submissions after a retryable handler failure; `replays`: fresh submissions
 * after a token an earlier run spent; `replans`: re-reads and re-plans; `resends`: the same
 * request sent again after a synchronous refusal (counted per request).
 */
export type BudgetKind = 'attempts' | 'replays' | 'replans' | 'resends';

export class RetryBudget {
  private readonly limits: Readonly<Record<BudgetKind, number>>;
  private readonly used: Record<BudgetKind, number> = {
    attempts: 0,
    replays: 0,
    replans: 0,
    resends: 0,
  };

  constructor(limits: RetryLimits) {
    this.limits = {
      // maxAttempts counts the first submission; the budget counts the retries after it.
      attempts: Math.max(0, limits.maxAttempts - 1),
      replays: MAX_TOKEN_REPLAYS,
      replans: limits.maxReplans,
      resends: limits.maxSyncRetries,
    };
  }

  /** Spends one try of `kind`; false (and nothing spent) when none is left. */
  take(kind: BudgetKind): boolean {
    if (this.used[kind] >= this.limits[kind]) return false;
    this.used[kind] += 1;
    return true;
  }

  /** How many tries of `kind` were spent. */
  spent(kind: BudgetKind): number {
    return this.used[kind];
  }

  /** A new request begins: resends count per request. */
  newRequest(): void {
    this.used.resends = 0;
  }
}
