import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RetryBudget } from '../../src/retry/budget.ts';
import { MAX_TOKEN_REPLAYS } from '../../src/retry/policy.ts';

const limits = { maxAttempts: 3, maxSyncRetries: 2, maxReplans: 1 };

/** How many times `take(kind)` succeeds before it refuses. */
function takes(budget: RetryBudget, kind: Parameters<RetryBudget['take']>[0]): number {
  let taken = 0;
  while (budget.take(kind)) taken += 1;
  return taken;
}

describe('RetryBudget', () => {
  it('allows maxAttempts − 1 retries (maxAttempts counts the first submission)', () => {
    const budget = new RetryBudget(limits);
    assert.equal(takes(budget, 'attempts'), 2);
    assert.equal(budget.spent('attempts'), 2);
  });

  it('bounds resends, re-plans and token replays by their own limits, each apart', () => {
    const budget = new RetryBudget(limits);
    assert.equal(takes(budget, 'resends'), 2);
    assert.equal(takes(budget, 'replans'), 1);
    assert.equal(takes(budget, 'replays'), MAX_TOKEN_REPLAYS);
    assert.equal(budget.spent('attempts'), 0);
  });

  it('counts resends per request', () => {
    const budget = new RetryBudget(limits);
    assert.equal(takes(budget, 'resends'), 2);
    budget.newRequest();
    assert.equal(takes(budget, 'resends'), 2);
  });
});
