/** The latency knob (emulator/latency.ts): fixed, or a seeded lognormal with a median and a tail. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callLatency, lognormalSigma, normalQuantile } from '../../emulator/latency.ts';
import { seededRandom } from '../../emulator/throttle/prng.ts';

const REALISTIC = { medianMs: 250, tailMs: 2000, tailShare: 0.05 };

describe('latency', () => {
  it('inverts the normal distribution', () => {
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-5);
    assert.ok(Math.abs(normalQuantile(0.5)) < 1e-9);
    assert.ok(Math.abs(normalQuantile(0.01) + 2.326348) < 1e-5);
    assert.throws(() => normalQuantile(1), RangeError);
  });

  it('is the fixed latency alone without a distribution', () => {
    assert.equal(callLatency({ latencyMs: 30 }, seededRandom(1)), 30);
  });

  it('draws a lognormal with the given median and tail share, the same for the same seed', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 4000 }, () =>
        callLatency({ latencyMs: 0, latencyDistribution: REALISTIC }, random),
      );
    };
    const samples = draw(7);
    assert.deepEqual(draw(7), samples, 'seeded: a run repeats');
    const sorted = [...samples].sort((a, b) => a - b);
    const median = sorted[sorted.length / 2] as number;
    assert.ok(median > 225 && median < 275, `median ${median}`);
    const tail = samples.filter((ms) => ms > 2000).length / samples.length;
    assert.ok(tail > 0.04 && tail < 0.06, `tail share ${tail}`);
    assert.ok(Math.abs(lognormalSigma(REALISTIC) - Math.log(8) / 1.644854) < 1e-5);
    assert.ok(
      callLatency({ latencyMs: 100, latencyDistribution: REALISTIC }, seededRandom(7)) ===
        100 + (samples[0] as number),
      'beside the fixed part',
    );
  });

  it('refuses a distribution whose tail is not above its median', () => {
    assert.throws(
      () => lognormalSigma({ medianMs: 250, tailMs: 100, tailShare: 0.05 }),
      RangeError,
    );
  });
});
