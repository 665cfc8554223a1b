import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BackoffSequence,
  backoffDelay,
  cappedRetryAfterNote,
  nextDelay,
  type BackoffPolicy,
} from '../../src/retry/backoff.ts';
import { RETRY_AFTER_CAP_MS } from '../../src/retry/policy.ts';

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

  it("waits until Cloud Control's RetryAfter when it lies ahead, even past the curve's cap", () => {
    assert.deepEqual(nextDelay(policy, 0, lowest, now, new Date(now + 4_321)), { ms: 4_321 });
  });

  it('falls back to the backoff curve when RetryAfter is absent (the first write response has none) or already past', () => {
    assert.deepEqual(nextDelay(policy, 2, lowest, now, undefined), { ms: 200 });
    assert.deepEqual(nextDelay(policy, 2, lowest, now, new Date(now - 5_000)), { ms: 200 });
  });

  it('never waits less than half the base, even for a RetryAfter a moment away', () => {
    assert.deepEqual(nextDelay(policy, 0, lowest, now, new Date(now + 1)), { ms: 50 });
  });

  it('cuts a RetryAfter beyond the cap to the cap, and says how long AWS asked for', () => {
    const aDay = 86_400_000;
    assert.deepEqual(nextDelay(policy, 0, lowest, now, new Date(now + aDay)), {
      ms: RETRY_AFTER_CAP_MS,
      askedMs: aDay,
    });
    assert.deepEqual(nextDelay(policy, 0, lowest, now, new Date(now + RETRY_AFTER_CAP_MS)), {
      ms: RETRY_AFTER_CAP_MS,
    });
    assert.match(
      cappedRetryAfterNote(aDay, 'status poll'),
      /AWS asked to wait 86400 s before the next status poll; waiting 30 s/,
    );
  });
});

describe('BackoffSequence', () => {
  it('takes the next step of the curve on each call', () => {
    const waits = new BackoffSequence(policy, lowest, () => 1_000_000);
    const steps = [0, 1, 2, 3, 4].map(() => waits.next(undefined).ms);
    assert.deepEqual(steps, [50, 100, 200, 400, 500]);
  });
});
