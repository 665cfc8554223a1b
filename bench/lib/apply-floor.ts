/**
 * What no client that sends each write once can beat in the realistic setting, over the latency
 * draws that setting allows. Each write is admitted as soon as the write bucket allows
 * (`writeBurst` at once, then `writeRate` per second) and answered after a latency drawn from the
 * emulator's own distribution (emulator/latency.ts, seeded); its operation then runs, and its
 * read-back is answered the moment the operation ends (however a client hedges or times its
 * reads, none is answered sooner). The apply ends with its slowest stage, and many draws give the
 * spread.
 *
 * Why a spread and not one figure: the rate bound takes every call at the median latency, but 60
 * writes drawn from a lognormal with 5 % of calls above 2 s hold one of several seconds in most
 * applies, and a write is never sent twice (no recording covers a second request with the same
 * client token; README, "Slow answers"). The benchmark's emulator draws one seeded sequence, so
 * one run is one draw: `bench/realistic.ts` judges it against its own slowest chain. This model
 * replaces an "ideal client" that hedged its read-backs only at 2 s: stage-sync, hedging earlier
 * at a batch's tail, ran below that model's median, so it bounded nothing (bench/README.md,
 * "A round stretched over a pause").
 */
import { drawLatency } from '../../emulator/latency.ts';
import type { LatencyDistribution } from '../../emulator/knobs.ts';
import { seededRandom } from '../../emulator/throttle/prng.ts';

export interface ApplyFloorSetting {
  readonly distribution: LatencyDistribution;
  readonly updates: number;
  readonly writeRate: number;
  readonly writeBurst: number;
  readonly operationMs: number;
  readonly draws: number;
  readonly seed?: number;
}

export interface Spread {
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
}

export function applyFloorMs(setting: ApplyFloorSetting): Spread {
  const random = seededRandom(setting.seed ?? 1);
  const applies = Array.from({ length: setting.draws }, () => {
    let slowest = 0;
    for (let k = 0; k < setting.updates; k++) {
      const admittedAt = (Math.max(0, k + 1 - setting.writeBurst) / setting.writeRate) * 1000;
      const answered = admittedAt + drawLatency(setting.distribution, random);
      slowest = Math.max(slowest, answered + setting.operationMs);
    }
    return slowest;
  }).sort((a, b) => a - b);
  const at = (q: number): number => applies[Math.floor(q * (applies.length - 1))] as number;
  return { p10: at(0.1), median: at(0.5), p90: at(0.9) };
}
