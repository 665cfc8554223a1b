import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomId, seededRandom } from '../../../emulator/throttle/prng.ts';

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds, and stays in [0, 1)', () => {
    const values = (seed: number) => Array.from({ length: 50 }, seededRandom(seed));
    assert.deepEqual(values(5), values(5));
    assert.notDeepEqual(values(5), values(6));
    for (const value of values(123)) assert.ok(value >= 0 && value < 1);
  });

  it('makes API Gateway-looking ids', () => {
    const random = seededRandom(1);
    assert.match(randomId(random, 10), /^[a-z0-9]{10}$/);
    assert.notEqual(randomId(random, 10), randomId(random, 10));
  });
});
