import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from '../../../emulator/throttle/token-bucket.ts';

describe('TokenBucket', () => {
  it('starts full, empties, and refills at its rate up to its capacity', () => {
    const bucket = new TokenBucket();
    const takes = (now: number, n: number) =>
      Array.from({ length: n }, () => bucket.take(now, 2, 3));
    assert.deepEqual(takes(0, 4), [true, true, true, false]);
    assert.deepEqual(takes(500, 2), [true, false], 'half a second at 2/s is one token');
    assert.deepEqual(takes(60_000, 4), [true, true, true, false], 'never more than the capacity');
  });

  it('uses the rate and capacity of each call, so knob changes apply at once', () => {
    const bucket = new TokenBucket();
    assert.equal(bucket.take(0, 1, 1), true);
    assert.equal(bucket.take(0, 1, 1), false);
    assert.equal(bucket.take(100, 100, 100), true, '0.1 s at 100/s refills 10 tokens');
  });
});
