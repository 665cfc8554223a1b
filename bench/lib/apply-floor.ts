/**
 * The apply an ideal client could make in the realistic setting: each write admitted as soon as
 * the write bucket allows (`writeBurst` at once, then `writeRate` per second), its status poll
 * arriving the moment its operation ends (the emulator judges a call after its latency, so a
 * client that knew each poll's latency in advance would hide it in the operation, as the rate
 * bound does), its read-back sent as soon as that poll answers, no time lost to pacing or
 * scheduling, and every read (never a write: README, "Slow answers") hedged once it has been out
 * `hedgeAfterMs`. Each call's latency is drawn from the emulator's own distribution
 * (emulator/latency.ts), seeded; the apply ends with its slowest stage, and many draws give the
 * spread. The rate bound takes every call at the median latency; this takes the latencies as
 * they come, which for 60 chains of two calls each means some tail in most applies' slowest chain.
 */
import { drawLatency } from '../../emulator/latency.ts';
import type { LatencyDistribution } from '../../emulator/knobs.ts';
import { seededRandom } from '../../emulator/throttle/prng.ts';

export interface IdealApplySetting {
  readonly distribution: LatencyDistribution;
  readonly updates: number;
  readonly writeRate: number;
  readonly writeBurst: number;
  readonly operationMs: number;
  readonly hedgeAfterMs: number;
  readonly draws: number;
  readonly seed?: number;
}

export interface Spread {
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
}

export function idealApplyMs(setting: IdealApplySetting): Spread {
  const random = seededRandom(setting.seed ?? 1);
  const latency = (): number => drawLatency(setting.distribution, random);
  const hedged = (): number => {
    const first = latency();
    return first <= setting.hedgeAfterMs
      ? first
      : Math.min(first, setting.hedgeAfterMs + latency());
  };
  const applies = Array.from({ length: setting.draws }, () => {
    let slowest = 0;
    for (let k = 0; k < setting.updates; k++) {
      const admittedAt = (Math.max(0, k + 1 - setting.writeBurst) / setting.writeRate) * 1000;
      slowest = Math.max(slowest, admittedAt + latency() + setting.operationMs + hedged());
    }
    return slowest;
  }).sort((a, b) => a - b);
  const at = (q: number): number => applies[Math.floor(q * (applies.length - 1))] as number;
  return { p10: at(0.1), median: at(0.5), p90: at(0.9) };
}
