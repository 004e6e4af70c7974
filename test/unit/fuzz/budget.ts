/**
 * The fuzz budget: one seed and one run count for the whole fuzz suite, spread over its properties.
 *
 * `FUZZ_RUNS` is the total number of generated cases (default {@link DEFAULT_RUNS}, small enough for the normal unit
 * run); `npm run fuzz` sets 100000. `FUZZ_SEED` replays a run; without it the fixed {@link DEFAULT_SEED} is used, so
 * the normal run is reproducible. fast-check prints the seed and the counterexample path of a failure.
 */
import type * as fc from 'fast-check';

/** Cases in the normal unit run: about one mutation per fixture plus a few hundred other cases, under a minute. */
export const DEFAULT_RUNS = 1200;
/** The fixed seed of the normal run (any integer; changing it is fine, it is only fixed for reproducibility). */
export const DEFAULT_SEED = 20261123;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isInteger(n) ? n : fallback;
}

/** The total number of fuzz cases of this run. */
export const totalRuns: number = Math.max(10, intFromEnv('FUZZ_RUNS', DEFAULT_RUNS));
/** The seed of this run. */
export const seed: number = intFromEnv('FUZZ_SEED', DEFAULT_SEED);
/** True for the long run (`npm run fuzz`): pathological sizes are measured more than once. */
export const longRun: boolean = totalRuns >= 10_000;

/** Each property's share of {@link totalRuns}; the shares sum to 1. */
export const SHARES = {
  fixtureMutations: 0.47,
  notebookCells: 0.1,
  randomText: 0.12,
  notebookShapes: 0.05,
  estimation: 0.1,
  formatting: 0.08,
  // Issue 17: the configuration a repository controls.
  teamFiles: 0.04,
  settings: 0.02,
  globs: 0.02,
} as const;

/** The number of runs of one property (at least `min`). */
export function runsFor(property: keyof typeof SHARES, min = 5): number {
  return Math.max(min, Math.round(totalRuns * SHARES[property]));
}

/** fast-check parameters for one property: the run's seed (offset per property, so properties do not share a stream). */
export function params(property: keyof typeof SHARES, min = 5): fc.Parameters<unknown> {
  const offset = Object.keys(SHARES).indexOf(property);
  return { seed: seed + offset, numRuns: runsFor(property, min), verbose: 1 };
}

/** Counts of cases actually run, per property, printed at the end of the suite for docs/reliability.md. */
export const counts = new Map<string, number>();

/** Adds one case to a property's count. */
export function count(property: string): void {
  counts.set(property, (counts.get(property) ?? 0) + 1);
}
