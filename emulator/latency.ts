/**
 * The latency the emulator adds to a call: the fixed `latencyMs`, plus a draw from a seeded
 * lognormal distribution when `latencyDistribution` is set. Real Cloud Control reads of a stage
 * take hundreds of milliseconds with a long tail, because the handler calls API Gateway (the
 * benchmarks' realistic setting: a 250 ms median with 5 % of calls at 2 s). A lognormal with median `m` has
 * `P(X > t) = 1 - Φ(ln(t / m) / σ)`, so σ follows from the median and one point of the tail.
 */
import type { LatencyDistribution } from './knobs.ts';
import type { Random } from './throttle/prng.ts';

/**
 * Φ⁻¹, the standard normal quantile, by P. J. Acklam's rational approximation (relative error
 * below 1.15e-9), https://web.archive.org/web/2015/http://home.online.no/~pjacklam/notes/invnorm/.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const poly = (k: number[], x: number) => k.reduce((sum, coefficient) => sum * x + coefficient, 0);
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** σ of the lognormal with this median whose share `tailShare` lies above `tailMs`. */
export function lognormalSigma(distribution: LatencyDistribution): number {
  const { medianMs, tailMs, tailShare } = distribution;
  if (!(medianMs > 0) || !(tailMs > medianMs) || !(tailShare > 0 && tailShare < 0.5)) {
    throw new RangeError(
      'latencyDistribution needs medianMs > 0, tailMs > medianMs and 0 < tailShare < 0.5',
    );
  }
  return Math.log(tailMs / medianMs) / normalQuantile(1 - tailShare);
}

/** One standard normal draw from two uniform draws (Box–Muller). */
function standardNormal(random: Random): number {
  const u = 1 - random(); // (0, 1]: log(u) is finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A latency draw in ms from the distribution. */
export function drawLatency(distribution: LatencyDistribution, random: Random): number {
  return distribution.medianMs * Math.exp(lognormalSigma(distribution) * standardNormal(random));
}

/** The latency to add to one call: fixed part plus the distribution's draw, if any. */
export function callLatency(
  knobs: { readonly latencyMs: number; readonly latencyDistribution?: LatencyDistribution },
  random: Random,
): number {
  const drawn = knobs.latencyDistribution ? drawLatency(knobs.latencyDistribution, random) : 0;
  return Math.max(0, knobs.latencyMs) + drawn;
}
