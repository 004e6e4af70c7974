/**
 * Distributions of a per-request quantity (tokens) built from the estimator's {@link NumberRange}s, and quantiles of
 * request-weighted mixtures of them. Pure and synchronous; never throws.
 *
 * ## The shape: the maximum-entropy distribution on [min, max] with mean `expected`
 *
 * A range says three things: the quantity never falls below `min`, never exceeds `max`, and averages `expected`
 * (the cost engine multiplies `expected` by calls per day, so it is used as a mean everywhere). Nothing else is
 * known. The distribution that assumes nothing beyond those three facts, the one of maximum entropy, is the
 * exponential density truncated to [min, max] whose mean is `expected`: `f(x) ∝ exp(−λ·(x − min))`, with λ > 0
 * when `expected` lies below the midpoint (most mass near `min`, a thin tail up to `max`), λ = 0 (uniform) at the
 * midpoint and λ < 0 above it.
 *
 * Why not a triangular or PERT distribution with its mode chosen to match the mean: the estimator's ranges are
 * strongly right-skewed, because run-time parts and output are bounded by generous ceilings (a run-time user
 * message 5 / 200 / 4,000 tokens, default output 50 / 300 / 4,096, medium reasoning 300 / 2,500 / 16,000;
 * src/core/tokens/partDefaults.ts, reasoning.json). A triangular distribution's mean cannot fall below
 * (2·min + max) / 3 and a PERT's below (5·min + max) / 6, so neither can have mean `expected` for any of those
 * ranges; they would have to drop the mean, which is the one figure the costs rest on. The truncated exponential is
 * defined for every min ≤ expected ≤ max, has exactly that mean, and varies smoothly with its inputs.
 *
 * What that implies: below the midpoint the 95th percentile is about `min + 3 × (expected − min)` when `max` is far
 * away (an exponential's p95 is ln 20 ≈ 3.0 means), and never more than `max`. `expected = min` or `expected = max`
 * leaves a single possible value (the point mass at that bound), as does `min = max`.
 *
 * A site's total is modelled as one quantity, not as a sum of independent parts: its parts (a system prompt and a
 * user message sized by the same feature) are likely to move together, and a sum of independent parts would narrow
 * the tail.
 */
import type { NumberRange } from '../types';

/** A per-request distribution on [`min`, `max`] with mean `mean`, as built by {@link rangeDistribution}. */
export interface RangeDistribution {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /**
   * Shape of the truncated exponential on the unit interval: density ∝ exp(−`shape`·t) with t = (x − min)/(max − min)
   * when `mirrored` is false, t = (max − x)/(max − min) when true. 0 is uniform. Meaningless for a point mass.
   */
  readonly shape: number;
  readonly mirrored: boolean;
  /** True when all mass sits at one value (`min` = `max`, or the mean at a bound). */
  readonly point: boolean;
}

/** Result of {@link rangeDistribution}. */
export interface RangeDistributionResult {
  readonly dist: RangeDistribution;
  /** True when the range needed repair (a non-finite field, `expected` outside [min, max], min > max). */
  readonly repaired: boolean;
}

/**
 * Mean of the truncated exponential density ∝ exp(−s·t) on [0, 1], s ≥ 0: 1/s − 1/(eˢ − 1); 1/2 at s = 0 and
 * decreasing towards 0. The series near 0 avoids the cancellation of two large terms.
 */
function unitMean(s: number): number {
  if (s < 1e-3) return 0.5 - s / 12 + (s * s * s) / 720;
  return 1 / s - 1 / Math.expm1(s);
}

/**
 * The s ≥ 0 with {@link unitMean}(s) = r, for 0 < r ≤ 1/2. For r < 1/40, s > 40 and 1/(eˢ − 1) is below 2·10⁻¹⁶ of
 * 1/s, so s = 1/r to double precision; otherwise bisection on [0, 40] (unitMean is monotone).
 */
function solveShape(r: number): number {
  if (r >= 0.5) return 0;
  if (r < 1 / 40) return 1 / r;
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (unitMean(mid) > r) lo = mid;
    else hi = mid;
  }
  return lo + (hi - lo) / 2;
}

function pointMass(v: number): RangeDistribution {
  return { min: v, max: v, mean: v, shape: 0, mirrored: false, point: true };
}

/**
 * The maximum-entropy distribution of a range (see the module comment). Repairs what it can: the bounds are the
 * smallest and largest finite of min, expected and max (so a swapped or too-narrow range widens to hold
 * `expected`); a non-finite `expected` becomes the midpoint of the finite bounds. Returns undefined when no field is
 * finite. Never throws.
 */
export function rangeDistribution(r: NumberRange): RangeDistributionResult | undefined {
  const vals = [r.min, r.expected, r.max].filter((v) => Number.isFinite(v));
  if (vals.length === 0) return undefined;
  const lo = Math.min(vals[0]!, vals[1] ?? vals[0]!, vals[2] ?? vals[0]!);
  const hi = Math.max(vals[0]!, vals[1] ?? vals[0]!, vals[2] ?? vals[0]!);
  const mean = Number.isFinite(r.expected) ? r.expected : lo + (hi - lo) / 2;
  const repaired = vals.length < 3 || !(r.min <= r.expected && r.expected <= r.max);
  const width = hi - lo;
  // A width that overflows (bounds near ±1.8e308) cannot be modelled: keep the mean as the only value.
  if (!Number.isFinite(width)) return { dist: pointMass(mean), repaired: true };
  if (width <= 0) return { dist: pointMass(lo), repaired };
  const rel = (mean - lo) / width;
  if (rel <= 0) return { dist: pointMass(lo), repaired };
  if (rel >= 1) return { dist: pointMass(hi), repaired };
  const mirrored = rel > 0.5;
  const shape = solveShape(mirrored ? 1 - rel : rel);
  return { dist: { min: lo, max: hi, mean, shape, mirrored, point: false }, repaired };
}

/** P(T ≤ t) of the unit truncated exponential with shape s, t in [0, 1]. */
function unitCdf(s: number, t: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  if (s === 0) return t;
  return Math.expm1(-s * t) / Math.expm1(-s);
}

/** The t in [0, 1] with unitCdf(s, t) = q. */
function unitQuantile(s: number, q: number): number {
  if (q <= 0) return 0;
  if (q >= 1) return 1;
  if (s === 0) return q;
  return Math.min(1, Math.max(0, -Math.log1p(q * Math.expm1(-s)) / s));
}

/** P(X ≤ x). Exactly 0 below `min` and exactly 1 from `max` on. */
export function distributionCdf(d: RangeDistribution, x: number): number {
  if (x < d.min) return 0;
  if (x >= d.max) return 1;
  // Here min ≤ x < max, so the distribution is not a point mass and the width is positive.
  const width = d.max - d.min;
  return d.mirrored ? 1 - unitCdf(d.shape, (d.max - x) / width) : unitCdf(d.shape, (x - d.min) / width);
}

/** The value below which a fraction `q` (clamped to [0, 1]) of the mass lies. */
export function distributionQuantile(d: RangeDistribution, q: number): number {
  if (d.point) return d.min;
  const p = Number.isFinite(q) ? Math.min(1, Math.max(0, q)) : 1;
  const width = d.max - d.min;
  const x = d.mirrored ? d.max - width * unitQuantile(d.shape, 1 - p) : d.min + width * unitQuantile(d.shape, p);
  return Math.min(d.max, Math.max(d.min, x));
}

/** One component of a mixture: a distribution and its weight (requests per day). */
export interface WeightedDistribution {
  readonly dist: RangeDistribution;
  readonly weight: number;
}

/**
 * Normalised weights: non-finite or negative weights count as 0; when none is positive every component counts once
 * (the same fallback as a plain mean). Divided by the largest weight first, so huge weights cannot overflow the sum.
 */
function normalisedWeights(parts: readonly WeightedDistribution[]): number[] {
  const raw = parts.map((p) => (Number.isFinite(p.weight) && p.weight > 0 ? p.weight : 0));
  // A loop, not Math.max(...raw): spreading a workspace's worth of sites can overflow the call stack.
  let top = 0;
  for (const v of raw) if (v > top) top = v;
  if (!(top > 0)) return parts.map(() => 1 / parts.length);
  const scaled = raw.map((w) => w / top);
  const sum = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((w) => w / sum);
}

/** P(X ≤ x) of the weighted mixture (see {@link mixtureQuantile} for how weights are read). 0 for no components. */
export function mixtureCdf(parts: readonly WeightedDistribution[], x: number): number {
  if (parts.length === 0) return 0;
  const w = normalisedWeights(parts);
  return cdfWith(parts, w, x);
}

function cdfWith(parts: readonly WeightedDistribution[], w: readonly number[], x: number): number {
  let acc = 0;
  for (let i = 0; i < parts.length; i++) {
    const wi = w[i]!;
    if (wi > 0) acc += wi * distributionCdf(parts[i]!.dist, x);
  }
  return acc;
}

/**
 * The `q` quantile of the weighted mixture: the smallest x with P(X ≤ x) ≥ q, where X is drawn by first picking a
 * component with probability proportional to its weight. Weights that are not finite and positive count as 0; when
 * none is positive every component counts once. Returns undefined for no components. Never throws.
 *
 * The CDF is monotone, jumps only at point masses and bends only at component bounds. So a binary search over the
 * sorted bounds finds the first bound where it reaches q, then bisection between that bound and the one before
 * (where the CDF is continuous) finds the crossing, down to adjacent floating-point numbers. At a bound, a
 * cumulative weight of exactly q can come out a rounding error short (1 % + 6 % + 88 % of the requests sums to
 * 0.9499999999999998), so a bound whose CDF reaches q within 10⁻⁹ counts as reaching it: the same tolerance as the weighted quantile of
 * src/core/tiers/workload.ts. Hence the result never exceeds the weighted quantile of the components' maxima
 * (at that value every component whose maximum is not larger has all its mass counted).
 */
export function mixtureQuantile(parts: readonly WeightedDistribution[], q: number): number | undefined {
  if (parts.length === 0) return undefined;
  const p = Number.isFinite(q) ? Math.min(1, Math.max(0, q)) : 1;
  const w = normalisedWeights(parts);
  const cdf = (x: number): number => cdfWith(parts, w, x);
  const live = parts.filter((_, i) => w[i]! > 0);
  const knots = [...new Set(live.flatMap((c) => [c.dist.min, c.dist.max]))].sort((a, b) => a - b);
  // Smallest bound reaching q within the tolerance (binary search: the CDF is monotone in x). The largest bound
  // always qualifies: the CDF there is the sum of all weights.
  let a = 0;
  let b = knots.length - 1;
  while (a < b) {
    const m = (a + b) >> 1;
    if (cdf(knots[m]!) >= p - 1e-9) b = m;
    else a = m + 1;
  }
  const knot = knots[a]!;
  // Below the smallest bound there is no mass; a bound reached only within the tolerance is the answer as it is.
  if (a === 0 || cdf(knot) < p) return knot;
  // Between the previous bound and this one the CDF is continuous: bisect there for the exact crossing.
  let lo = knots[a - 1]!;
  let hi = knot;
  // Invariant: cdf(lo) < p ≤ cdf(hi). Stops when the interval can no longer be halved in floating point.
  for (let i = 0; i < 2000; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (cdf(mid) >= p) hi = mid;
    else lo = mid;
  }
  return hi;
}
