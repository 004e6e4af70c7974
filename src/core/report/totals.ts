import type { CostTotal, NumberRange, SiteEstimate } from '../types';
import { isCounted, totals, totalsBy, type CountOptions } from '../estimate/totals';

/**
 * The report's view of totals. The arithmetic is defined once, in `src/core/estimate/totals.ts` (the sum over the
 * non-ignored sites covered, each counted once, unpriced sites counted apart and never as zero); this module adds
 * the report's labels on top.
 */

/** Totals a list of site estimates (see `totals` in src/core/estimate/totals.ts). */
export const totalOf: (estimates: readonly SiteEstimate[], opts?: CountOptions) => CostTotal = totals;

export { isCounted, totalsBy, type CountOptions };

/** Adds two ranges point by point. */
export function addRanges(a: NumberRange, b: NumberRange): NumberRange {
  return { min: a.min + b.min, expected: a.expected + b.expected, max: a.max + b.max };
}

const zero: NumberRange = { min: 0, expected: 0, max: 0 };

/** The empty total (no sites). */
export const emptyTotal: CostTotal = { perMonth: zero, perDay: zero, sites: 0, unpriced: 0 };

/**
 * The model a site is priced and totalled as (reports, diffs, policies, SARIF): the usage file's or annotation's
 * override, else the canonical id, else the id as written, else `unknown`. Hints show `writtenModel` (./present.ts) instead.
 */
export function pricedModel(e: SiteEstimate): string {
  return e.usage.model?.value ?? e.site.model.canonical ?? e.site.model.id ?? 'unknown';
}
