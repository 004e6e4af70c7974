import type { CostTotal, NumberRange, Provider, SiteEstimate } from '../types';

/**
 * Totals are defined once, here: the sum over the **counted** sites given (not ignored by a `tokentier-ignore`
 * comment; not test code unless `includeTests`), each site counted once (by id), with unpriced sites counted apart and
 * left out of the sums. A file/provider/model total is `totals` of that subset, so the parts always add up to the
 * whole.
 */

/** Which sites a total counts. `includeTests`: test code (`CallSite.test`) counts too (default: it does not). */
export interface CountOptions {
  readonly includeTests?: boolean;
}

/** True when a total counts the site: not ignored, and not test code unless `includeTests`. */
export function isCounted(e: SiteEstimate, opts: CountOptions = {}): boolean {
  return !e.site.ignored && (opts.includeTests === true || e.site.test !== true);
}

const zero = (): { min: number; expected: number; max: number } => ({ min: 0, expected: 0, max: 0 });

function addInto(acc: { min: number; expected: number; max: number }, r: NumberRange): void {
  acc.min += r.min;
  acc.expected += r.expected;
  acc.max += r.max;
}

/** The total of the given estimates: uncounted sites ({@link isCounted}) and duplicates (same site id) are skipped. */
export function totals(estimates: readonly SiteEstimate[], opts: CountOptions = {}): CostTotal {
  const perDay = zero();
  const perMonth = zero();
  let sites = 0;
  let unpriced = 0;
  const seen = new Set<string>();
  for (const e of estimates) {
    if (!isCounted(e, opts)) continue;
    const key = `${e.site.file}\u0000${e.site.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sites++;
    if (!e.cost.perDay || !e.cost.perMonth) {
      unpriced++;
      continue;
    }
    addInto(perDay, e.cost.perDay);
    addInto(perMonth, e.cost.perMonth);
  }
  return { perDay, perMonth, sites, unpriced };
}

/** Totals per group key (file, folder, provider, model), in first-seen order. Each group is `totals` of its sites. */
export function totalsBy<K extends string>(estimates: readonly SiteEstimate[], key: (e: SiteEstimate) => K, opts: CountOptions = {}): { key: K; total: CostTotal }[] {
  const groups = new Map<K, SiteEstimate[]>();
  for (const e of estimates) {
    const k = key(e);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(e);
  }
  return [...groups].map(([k, g]) => ({ key: k, total: totals(g, opts) }));
}

/** Totals per file. */
export function totalsByFile(estimates: readonly SiteEstimate[]): { file: string; total: CostTotal }[] {
  return totalsBy(estimates, (e) => e.site.file).map(({ key, total }) => ({ file: key, total }));
}

/** Totals per folder (the file's directory; `.` for the root). */
export function totalsByFolder(estimates: readonly SiteEstimate[]): { folder: string; total: CostTotal }[] {
  return totalsBy(estimates, (e) => {
    const i = e.site.file.lastIndexOf('/');
    return i < 0 ? '.' : e.site.file.slice(0, i);
  }).map(({ key, total }) => ({ folder: key, total }));
}

/** Totals per provider. */
export function totalsByProvider(estimates: readonly SiteEstimate[]): { provider: Provider; total: CostTotal }[] {
  return totalsBy(estimates, (e) => e.site.provider).map(({ key, total }) => ({ provider: key, total }));
}

/** Totals per priced model (`priceId`, or the model id, or `unknown`). */
export function totalsByModel(estimates: readonly SiteEstimate[]): { model: string; total: CostTotal }[] {
  return totalsBy(estimates, (e) => e.cost.priceId ?? e.usage.model?.value ?? e.site.model.canonical ?? e.site.model.id ?? 'unknown').map(({ key, total }) => ({ model: key, total }));
}
