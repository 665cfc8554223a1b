/**
 * Decides whether a call is throttled: per-class token buckets first, then a seeded share of
 * random throttling. Cloud Control answers throttled calls with `ThrottlingException` "Rate
 * exceeded" and HTTP 400 (pulumi/pulumi-aws-native#690); the SDK retries it by name.
 */
import type { CallClass, EmulatorKnobs } from '../knobs.ts';
import { seededRandom, type Random } from './prng.ts';
import { TokenBucket } from './token-bucket.ts';

export type AdmissionVerdict = 'admitted' | 'rate-limited' | 'randomly-throttled';

export class Admission {
  private readonly buckets = new Map<CallClass, TokenBucket>();
  private random: Random;
  private seed: number;

  constructor(seed: number) {
    this.seed = seed;
    this.random = seededRandom(seed);
  }

  /** Judges one call of `callClass` at time `now` (ms) under the current knobs. */
  admit(callClass: CallClass, now: number, knobs: EmulatorKnobs): AdmissionVerdict {
    const rate = knobs.rateLimits[callClass];
    if (rate !== undefined) {
      const capacity =
        knobs.burstCapacity[callClass] ?? Math.max(1, rate * (knobs.burstSeconds[callClass] ?? 1));
      let bucket = this.buckets.get(callClass);
      if (!bucket) {
        bucket = new TokenBucket();
        this.buckets.set(callClass, bucket);
      }
      if (!bucket.take(now, rate, capacity)) return 'rate-limited';
    }
    if (knobs.randomThrottleShare > 0) {
      if (knobs.seed !== this.seed) {
        this.seed = knobs.seed;
        this.random = seededRandom(knobs.seed);
      }
      if (this.random() < knobs.randomThrottleShare) return 'randomly-throttled';
    }
    return 'admitted';
  }
}
