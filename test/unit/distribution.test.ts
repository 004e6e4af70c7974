import * as assert from 'node:assert/strict';
import { distributionCdf, distributionQuantile, mixtureCdf, mixtureQuantile, rangeDistribution, type RangeDistribution } from '../../src/core/tiers/distribution';
import type { NumberRange } from '../../src/core/types';
import { weightedQuantile } from '../../src/core/tiers/workload';
import { mulberry32 } from '../shared/generators.mjs';

const dist = (min: number, expected: number, max: number): RangeDistribution => {
  const d = rangeDistribution({ min, expected, max });
  assert.ok(d, `a distribution for ${min}/${expected}/${max}`);
  return d.dist;
};
const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);

describe('core: token distributions from a min / expected / max range', () => {
  it('makes point masses of degenerate ranges', () => {
    const d = dist(400, 400, 400);
    assert.equal(d.point, true);
    assert.equal(distributionQuantile(d, 0.95), 400);
    assert.equal(distributionCdf(d, 399.999), 0);
    assert.equal(distributionCdf(d, 400), 1);
    assert.equal(mixtureQuantile([{ dist: d, weight: 7 }], 0.95), 400);
  });

  it('puts all mass on the bound when expected equals it (the only distribution on [min, max] with that mean)', () => {
    assert.equal(mixtureQuantile([{ dist: dist(500, 500, 900), weight: 1 }], 0.95), 500);
    assert.equal(mixtureQuantile([{ dist: dist(100, 900, 900), weight: 1 }], 0.95), 900);
  });

  it('is uniform when expected is the midpoint', () => {
    const d = dist(0, 500, 1000);
    assert.equal(d.shape, 0);
    assert.equal(distributionCdf(d, 250), 0.25);
    assert.equal(distributionQuantile(d, 0.95), 950);
    assert.equal(mixtureQuantile([{ dist: d, weight: 1 }], 0.95), 950);
  });

  it('gives the hand-computed p95 of a skewed range (the demo input 200 / 400 / 4,000)', () => {
    // Mean 200 above the minimum on a width of 3,800 (19 means): the truncated exponential with rate λ and
    // 1/λ − 3800/(e^(3800λ) − 1) = 200. The second term is 3800·e⁻¹⁹ ≈ 2·10⁻⁵, so λ = 1/200 to 10⁻⁷, and
    // p95 = 200 + 200·ln 20 (the truncation at 4,000 moves it by less than 10⁻⁴) = 200 + 599.146 = 799.146.
    const d = dist(200, 400, 4000);
    near(distributionQuantile(d, 0.95), 799.146, 0.001, 'closed-form p95');
    near(mixtureQuantile([{ dist: d, weight: 3 }], 0.95)!, 799.146, 0.001, 'mixture p95 of one site');
    // Median: 200 + 200·ln 2 = 338.63.
    near(distributionQuantile(d, 0.5), 338.629, 0.001, 'median');
  });

  it('inverts the mean equation of a known rate, decreasing and mirrored', () => {
    // On [0, 1000] with λ = 0.01 (s = λ·width = 10): mean = 1/λ − 1000/(e¹⁰ − 1) = 99.9546;
    // P(X ≤ x) = (1 − e^(−λx)) / (1 − e⁻¹⁰), so p95 = −ln(1 − 0.95·(1 − e⁻¹⁰))/λ = −100·ln(0.0500431) = 100·(2.995732 − 0.000862) = 299.4870.
    const mean = 100 - 1000 / Math.expm1(10);
    near(mean, 99.9546, 1e-4, 'hand mean');
    const p95 = -100 * Math.log(1 - 0.95 * (1 - Math.exp(-10)));
    near(p95, 299.487, 1e-4, 'hand p95');
    const d = dist(0, mean, 1000);
    near(d.shape, 10, 1e-9, 'shape recovered from the mean');
    near(distributionQuantile(d, 0.95), p95, 1e-9, 'p95');
    near(mixtureQuantile([{ dist: d, weight: 1 }], 0.95)!, p95, 1e-9, 'mixture p95');
    // The mirror image: mean 1000 − 99.9546 = 900.0454; its p95 is 1000 minus the 5 % point of the original,
    // −100·ln(1 − 0.05·(1 − e⁻¹⁰)) = −100·ln(0.9500023) = 5.1291, so 994.8709.
    const m = dist(0, 1000 - mean, 1000);
    assert.equal(m.mirrored, true);
    const p95m = 1000 + 100 * Math.log(1 - 0.05 * (1 - Math.exp(-10)));
    near(p95m, 994.8709, 1e-4, 'hand mirrored p95');
    near(distributionQuantile(m, 0.95), p95m, 1e-9, 'mirrored p95');
    near(mixtureQuantile([{ dist: m, weight: 1 }], 0.95)!, p95m, 1e-9, 'mirrored mixture p95');
  });

  it('has mean `expected` (seeded ranges, mean = ∫₀¹ quantile)', () => {
    const r = mulberry32(20261123);
    const N = 20000;
    for (let k = 0; k < 200; k++) {
      const min = Math.floor(r() * 1000);
      const width = Math.exp(r() * Math.log(1e5));
      // Half the ranges skewed like the estimator's (expected near min), half anywhere, some above the midpoint.
      const pos = 0.0005 + 0.999 * (r() < 0.5 ? r() ** 3 : r());
      const expected = min + pos * width;
      const d = dist(min, expected, min + width);
      let mean = 0;
      for (let i = 0; i < N; i++) mean += distributionQuantile(d, (i + 0.5) / N) / N;
      // The midpoint rule on the exponential's logarithmic tail errs by less than 1/N of the mean's distance to the bound.
      near(mean, expected, Math.min(expected - min, min + width - expected) / N, `mean of ${min}/${expected}/${min + width}`);
    }
  });

  it('repairs broken ranges without NaN and never throws', () => {
    const bad: NumberRange[] = [
      { min: Number.NaN, expected: 300, max: 1000 },
      { min: 0, expected: Number.POSITIVE_INFINITY, max: 1000 },
      { min: 0, expected: Number.NaN, max: 1000 },
      { min: 1000, expected: 10, max: 0 },
      { min: 0, expected: 5000, max: 1000 },
      { min: -Number.MAX_VALUE, expected: 0, max: Number.MAX_VALUE },
      { min: Number.NEGATIVE_INFINITY, expected: Number.NaN, max: Number.POSITIVE_INFINITY },
    ];
    const got = bad.map((b) => rangeDistribution(b));
    assert.equal(got[6], undefined, 'no finite field: no distribution');
    for (const [i, g] of got.slice(0, 6).entries()) {
      assert.ok(g, `range ${i} repaired`);
      assert.equal(g.repaired, true, `range ${i} is flagged`);
      for (const v of [g.dist.min, g.dist.max, g.dist.mean, distributionQuantile(g.dist, 0.95), distributionCdf(g.dist, 500)]) assert.ok(Number.isFinite(v), `range ${i}: ${v}`);
    }
    // A NaN expected becomes the midpoint of the finite bounds: uniform on [0, 1000].
    assert.equal(distributionQuantile(got[2]!.dist, 0.95), 950);
    // Expected outside the bounds widens them: [0, 5000] with mean at the top is the point 5,000.
    assert.equal(distributionQuantile(got[4]!.dist, 0.95), 5000);
    assert.equal(rangeDistribution({ min: 1, expected: 2, max: 3 })!.repaired, false);
  });
});

describe('core: quantiles of request-weighted mixtures', () => {
  it('is dominated by the heavy site (hand calculation)', () => {
    const heavy = dist(0, 500, 1000); // uniform
    const light = dist(100000, 100000, 100000);
    // 99 : 1. On [0, 1000] the mixture CDF is 0.99·x/1000 = 0.95 → x = 950/0.99 = 959.596. The old rule (weighted
    // quantile of maxima) gives 1,000.
    near(mixtureQuantile([{ dist: heavy, weight: 99 }, { dist: light, weight: 1 }], 0.95)!, 950 / 0.99, 1e-9, '99 : 1');
    // 90 : 10. The heavy site holds only 90 %, so the last 5 % needed lie in the light site's point mass.
    assert.equal(mixtureQuantile([{ dist: heavy, weight: 90 }, { dist: light, weight: 10 }], 0.95), 100000);
    // 19 : 1: 0.95 is reached at the heavy site's maximum (to the last bit of 0.95·x/1000 in floating point).
    near(mixtureQuantile([{ dist: heavy, weight: 19 }, { dist: light, weight: 1 }], 0.95)!, 1000, 1e-9, '19 : 1');
  });

  it('reaches q at a jump despite rounding of the cumulative weight', () => {
    // 1 % + 6 % + 88 % is exactly 95 %, but sums to 0.9499999999999998 in floating point; the weighted quantile of
    // the values (same tolerance) says 300, and so must the mixture, not the 5 % point mass at 400.
    const ws = [0.01, 0.06, 0.88, 0.05];
    const parts = ws.map((weight, k) => ({ dist: dist(100 * (k + 1), 100 * (k + 1), 100 * (k + 1)), weight }));
    assert.ok(mixtureCdf(parts, 300) < 0.95, 'the rounding this test is about');
    assert.equal(weightedQuantile([100, 200, 300, 400], ws, 0.95), 300);
    assert.equal(mixtureQuantile(parts, 0.95), 300);
  });

  it('counts every site once when no weight is positive, and ignores bad weights', () => {
    const a = dist(100, 100, 100);
    const b = dist(300, 300, 300);
    assert.equal(mixtureQuantile([{ dist: a, weight: 0 }, { dist: b, weight: 0 }], 0.95), 300);
    assert.equal(mixtureQuantile([{ dist: a, weight: 0 }, { dist: b, weight: 0 }], 0.4), 100);
    assert.equal(mixtureQuantile([{ dist: a, weight: 5 }, { dist: b, weight: Number.NaN }], 0.95), 100);
    assert.equal(mixtureQuantile([{ dist: a, weight: 5 }, { dist: b, weight: -3 }], 0.95), 100);
    assert.equal(mixtureQuantile([{ dist: a, weight: Number.MAX_VALUE }, { dist: b, weight: Number.MAX_VALUE }], 0.4), 100, 'huge weights do not overflow');
    assert.equal(mixtureCdf([{ dist: a, weight: Number.MAX_VALUE }, { dist: b, weight: Number.MAX_VALUE }], 200), 0.5);
    assert.equal(mixtureQuantile([], 0.95), undefined);
  });

  it('lies between the weighted median of expected values and the weighted quantile of maxima (seeded property)', () => {
    const r = mulberry32(7);
    for (let k = 0; k < 500; k++) {
      const n = 1 + Math.floor(r() * 8);
      const allZero = r() < 0.05;
      const parts = Array.from({ length: n }, () => {
        const min = r() < 0.2 ? 0 : Math.floor(r() * 5000);
        const kind = r();
        const width = kind < 0.1 ? 0 : Math.exp(r() * Math.log(1e5));
        // Expected: at a bound, strongly skewed towards min (as the estimator's ranges are), or anywhere.
        const pos = kind < 0.2 ? Math.round(r()) : kind < 0.6 ? r() ** 4 : r();
        const range = { min, expected: min + pos * width, max: min + width };
        const weight = allZero ? 0 : r() < 0.2 ? 0 : r() < 0.5 ? Math.floor(r() * 10) : r() * 1e5;
        return { range, dist: rangeDistribution(range)!.dist, weight };
      });
      const w = parts.map((p) => p.weight);
      const p95 = mixtureQuantile(parts, 0.95)!;
      const what = `case ${k}: ${JSON.stringify(parts.map((p) => [p.range, p.weight]))} → ${p95}`;
      assert.ok(Number.isFinite(p95), what);
      const maxQ = weightedQuantile(parts.map((p) => p.range.max), w, 0.95);
      assert.ok(p95 <= maxQ, `p95 ≤ weighted 95 % quantile of maxima (${maxQ}); ${what}`);
      const medExp = weightedQuantile(parts.map((p) => p.range.expected), w, 0.5);
      assert.ok(p95 >= medExp, `p95 ≥ weighted median of expected (${medExp}); ${what}`);
      assert.ok(p95 >= mixtureQuantile(parts, 0.5)!, `p95 ≥ the mixture median; ${what}`);
      // It is the 95 % point: the CDF reaches 0.95 there (within the 10⁻⁹ tolerance) and not just below it.
      assert.ok(mixtureCdf(parts, p95) >= 0.95 - 1e-9, `CDF at p95; ${what}`);
      const below = p95 - 1e-9 * Math.max(1, Math.abs(p95));
      if (below >= Math.min(...parts.map((p) => p.range.min))) assert.ok(mixtureCdf(parts, below) < 0.95, `CDF just below p95; ${what}`);
    }
  });

  it('handles a workspace-sized mixture without overflowing the call stack', () => {
    // 20,000 sites: Math.min(...array) over that many arguments would throw RangeError on some engines.
    const parts = Array.from({ length: 20000 }, (_, i) => ({ dist: dist(i % 300, (i % 300) + 200, (i % 300) + 4000), weight: 1 + (i % 5) }));
    const p95 = mixtureQuantile(parts, 0.95)!;
    assert.ok(p95 > 0 && p95 < 4300, `${p95}`);
  });
});
