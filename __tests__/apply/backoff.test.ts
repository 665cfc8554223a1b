import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, nextDelay, type BackoffPolicy } from '../../src/apply/backoff.ts';

const policy: BackoffPolicy = { baseMs: 100, factor: 2, capMs: 1_000 };
const highest = (): number => 0.999999;
const lowest = (): number => 0;

describe('backoffDelay', () => {
  it('grows by the factor and stops at the cap', () => {
    const ceilings = [0, 1, 2, 3, 4, 10, 50].map((step) =>
      Math.round(backoffDelay(policy, step, highest)),
    );
    assert.deepEqual(ceilings, [100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('jitters within the upper half of the ceiling, so it never drops to a hot loop', () => {
    for (const step of [0, 3, 20]) {
      const ceiling = Math.round(backoffDelay(policy, step, highest));
      assert.equal(backoffDelay(policy, step, lowest), ceiling / 2);
      const middle = backoffDelay(policy, step, () => 0.5);
      assert.ok(middle > ceiling / 2 && middle < ceiling);
    }
  });
});

describe('nextDelay', () => {
  const now = 1_000_000;

  it("waits until Cloud Control's RetryAfter when it lies ahead, even past the cap", () => {
    assert.equal(nextDelay(policy, 0, lowest, now, new Date(now + 4_321)), 4_321);
  });

  it('falls back to the backoff curve when RetryAfter is absent or already past', () => {
    assert.equal(nextDelay(policy, 2, lowest, now, undefined), 200);
    assert.equal(nextDelay(policy, 2, lowest, now, new Date(now - 5_000)), 200);
  });

  it('never waits less than half the base, even for a RetryAfter a moment away', () => {
    assert.equal(nextDelay(policy, 0, lowest, now, new Date(now + 1)), 50);
  });
});
