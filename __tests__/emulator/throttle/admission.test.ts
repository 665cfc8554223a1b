import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveKnobs } from '../../../emulator/knobs.ts';
import { Admission } from '../../../emulator/throttle/admission.ts';

describe('Admission', () => {
  it('admits everything with default knobs', () => {
    const admission = new Admission(1);
    const knobs = resolveKnobs();
    for (let i = 0; i < 100; i += 1) assert.equal(admission.admit('write', 0, knobs), 'admitted');
  });

  it('keeps one bucket per call class, with a default capacity of one second of rate', () => {
    const admission = new Admission(1);
    const knobs = resolveKnobs({ rateLimits: { read: 2 } });
    assert.deepEqual(
      ['read', 'read', 'read', 'status', 'write'].map((callClass) =>
        admission.admit(callClass as 'read', 0, knobs),
      ),
      ['admitted', 'admitted', 'rate-limited', 'admitted', 'admitted'],
    );
  });

  it('sizes a bucket in seconds of its rate, from one call to several seconds', () => {
    const admission = new Admission(1);
    const knobs = resolveKnobs({
      rateLimits: { write: 10, read: 0.5 },
      burstSeconds: { write: 4, read: 1 },
    });
    const writes = Array.from({ length: 41 }, () => admission.admit('write', 0, knobs));
    assert.equal(
      writes.filter((verdict) => verdict === 'admitted').length,
      40,
      "API Gateway's 10/s with a burst of 40",
    );
    assert.deepEqual(
      [admission.admit('read', 0, knobs), admission.admit('read', 0, knobs)],
      ['admitted', 'rate-limited'],
      'never less than one call',
    );
    assert.equal(admission.admit('write', 100, knobs), 'admitted', 'one token back after 100 ms');
  });

  it('throttles about the configured share at random, reproducibly per seed, and reseeds when the seed knob changes', () => {
    const draw = (admission: Admission, knobs: ReturnType<typeof resolveKnobs>) =>
      Array.from({ length: 400 }, () => admission.admit('read', 0, knobs));
    const knobs = resolveKnobs({ randomThrottleShare: 0.25, seed: 9 });
    const first = draw(new Admission(9), knobs);
    assert.deepEqual(draw(new Admission(9), knobs), first);
    const share = first.filter((verdict) => verdict === 'randomly-throttled').length / first.length;
    assert.ok(share > 0.15 && share < 0.35, `share ${share}`);
    const reseeded = new Admission(1);
    assert.deepEqual(draw(reseeded, knobs), first, 'the knob seed wins over the constructor seed');
  });
});
