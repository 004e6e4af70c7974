import type { Report, SiteEstimate } from '../types';
import { withIncludeTests } from './build';
import { isCounted, pricedModel } from './totals';
import { codeSpan, escapeMarkdown, formatCount, formatMoney, formatMoneyDelta } from './text';

/**
 * Compares two reports site by site. A site's identity survives line shifts: sites are matched by
 * file + method + model, nearest line first; what is left is then matched by file + method alone
 * (nearest line), which is how a model swap shows up. Anything still unmatched is new or removed.
 */

export type SiteChangeKind = 'model' | 'max-tokens' | 'prompt-growth' | 'prompt-shrink' | 'calls' | 'cost';

export interface SiteDiff {
  readonly status: 'new' | 'removed' | 'changed' | 'unchanged';
  readonly base?: SiteEstimate;
  readonly head?: SiteEstimate;
  /** What changed, for `changed` sites. */
  readonly changes: readonly SiteChangeKind[];
  /** Head minus base expected monthly cost; an unknown or ignored side counts as 0 (see `unknown`). */
  readonly deltaPerMonth: number;
  /** True when either side's cost is unknown, so the delta is incomplete. */
  readonly unknown: boolean;
}

export interface ReportDiff {
  readonly currency: string;
  readonly baseTotalPerMonth: number;
  readonly headTotalPerMonth: number;
  readonly deltaPerMonth: number;
  /** Percentage change of the expected monthly total (null when the base is zero). */
  readonly deltaPercent: number | null;
  /** Every site pair, new sites first, then changed, removed, unchanged; each group by |delta| descending. */
  readonly sites: readonly SiteDiff[];
  readonly counts: { readonly new: number; readonly removed: number; readonly changed: number; readonly unchanged: number };
  /** Set when the two reports are in different currencies (amounts are not comparable). */
  readonly currencyMismatch?: string;
  /** Whether test-code sites count (the head report's choice; the base is recounted the same way). */
  readonly includeTests: boolean;
  /** New, changed or removed sites that are test code and not counted (listed apart, not in the deltas). */
  readonly uncountedTests: number;
  /** Set when the base report had decided otherwise about test code and was recounted. */
  readonly includeTestsNote?: string;
}

/** Which sites count (test code only with `includeTests`). */
interface Counting {
  readonly includeTests: boolean;
}

function monthlyOf(e: SiteEstimate | undefined, counting: Counting): number {
  return e && isCounted(e, counting) && e.cost.perMonth ? e.cost.perMonth.expected : 0;
}

function unknownOf(e: SiteEstimate | undefined, counting: Counting): boolean {
  return !!e && isCounted(e, counting) && !e.cost.perMonth;
}

function siteKey(e: SiteEstimate, withModel: boolean): string {
  return `${e.site.file}\u0000${e.site.cell ?? ''}\u0000${e.site.method}${withModel ? `\u0000${pricedModel(e)}` : ''}`;
}

/** Greedy nearest-line matching within groups of equal key; removes matched items from both pools. */
function matchPass(base: SiteEstimate[], head: SiteEstimate[], withModel: boolean): [SiteEstimate, SiteEstimate][] {
  const pairs: [SiteEstimate, SiteEstimate][] = [];
  const byKey = new Map<string, SiteEstimate[]>();
  for (const b of base) {
    const k = siteKey(b, withModel);
    const l = byKey.get(k);
    if (l) l.push(b);
    else byKey.set(k, [b]);
  }
  const candidates: { b: SiteEstimate; h: SiteEstimate; d: number }[] = [];
  for (const h of head) {
    for (const b of byKey.get(siteKey(h, withModel)) ?? []) candidates.push({ b, h, d: Math.abs(b.site.line - h.site.line) });
  }
  // Smallest distance first; ties by line so the result does not depend on input order.
  candidates.sort((x, y) => x.d - y.d || x.h.site.line - y.h.site.line || x.b.site.line - y.b.site.line);
  const usedB = new Set<SiteEstimate>();
  const usedH = new Set<SiteEstimate>();
  for (const { b, h } of candidates) {
    if (usedB.has(b) || usedH.has(h)) continue;
    usedB.add(b);
    usedH.add(h);
    pairs.push([b, h]);
  }
  const keepB = base.filter((b) => !usedB.has(b));
  const keepH = head.filter((h) => !usedH.has(h));
  base.splice(0, base.length, ...keepB);
  head.splice(0, head.length, ...keepH);
  return pairs;
}

function changesOf(b: SiteEstimate, h: SiteEstimate, counting: Counting): SiteChangeKind[] {
  const out: SiteChangeKind[] = [];
  if (pricedModel(b) !== pricedModel(h)) out.push('model');
  if (b.site.params.maxTokens !== h.site.params.maxTokens) out.push('max-tokens');
  if (h.tokens.input.expected > b.tokens.input.expected) out.push('prompt-growth');
  else if (h.tokens.input.expected < b.tokens.input.expected) out.push('prompt-shrink');
  if (b.usage.callsPerDay.value * b.usage.fanOut.value !== h.usage.callsPerDay.value * h.usage.fanOut.value) out.push('calls');
  // A test site's own cost change is a change even when the totals do not count it (it is listed apart).
  const own: Counting = { includeTests: counting.includeTests || b.site.test === true || h.site.test === true };
  if (!out.length && monthlyOf(b, own) !== monthlyOf(h, own)) out.push('cost');
  return out;
}

const statusOrder = { new: 0, changed: 1, removed: 2, unchanged: 3 } as const;

/**
 * Diffs two reports (base = the baseline, head = the change under review). Pure; never throws on well-typed input.
 * Test code counts as the head report says (`includeTests`); a base that decided otherwise, or that predates the
 * test flag (schema 1.0.0), is recounted the same way first, so the totals compare like with like.
 */
export function diffReports(baseIn: Report, headIn: Report): ReportDiff {
  const includeTests = headIn.includeTests === true;
  const head = withIncludeTests(headIn, includeTests);
  const base = withIncludeTests(baseIn, includeTests);
  const baseChoice = (baseIn as { includeTests?: boolean }).includeTests;
  const recounted = baseChoice !== undefined && baseChoice !== includeTests;
  const counting: Counting = { includeTests };
  const b = [...base.sites];
  const h = [...head.sites];
  const pairs = [...matchPass(b, h, true), ...matchPass(b, h, false)];
  const sites: SiteDiff[] = [];
  for (const [bs, hs] of pairs) {
    const changes = changesOf(bs, hs, counting);
    sites.push({ status: changes.length ? 'changed' : 'unchanged', base: bs, head: hs, changes, deltaPerMonth: monthlyOf(hs, counting) - monthlyOf(bs, counting), unknown: unknownOf(bs, counting) || unknownOf(hs, counting) });
  }
  for (const hs of h) sites.push({ status: 'new', head: hs, changes: [], deltaPerMonth: monthlyOf(hs, counting), unknown: unknownOf(hs, counting) });
  for (const bs of b) sites.push({ status: 'removed', base: bs, changes: [], deltaPerMonth: -monthlyOf(bs, counting), unknown: unknownOf(bs, counting) });
  sites.sort((x, y) => statusOrder[x.status] - statusOrder[y.status] || Math.abs(y.deltaPerMonth) - Math.abs(x.deltaPerMonth) || ((x.head ?? x.base)?.site.id ?? '').localeCompare((y.head ?? y.base)?.site.id ?? ''));
  const baseTotal = base.totals.workspace.perMonth.expected;
  const headTotal = head.totals.workspace.perMonth.expected;
  const delta = headTotal - baseTotal;
  const count = (s: SiteDiff['status']) => sites.filter((x) => x.status === s).length;
  const uncountedTests = sites.filter((x) => x.status !== 'unchanged' && isUncountedTest(x, includeTests)).length;
  return {
    currency: head.currency,
    baseTotalPerMonth: baseTotal,
    headTotalPerMonth: headTotal,
    deltaPerMonth: delta,
    deltaPercent: baseTotal > 0 ? (delta / baseTotal) * 100 : null,
    sites,
    counts: { new: count('new'), removed: count('removed'), changed: count('changed'), unchanged: count('unchanged') },
    ...(base.currency !== head.currency ? { currencyMismatch: `base is in ${base.currency}, head in ${head.currency}` } : {}),
    includeTests,
    uncountedTests,
    ...(recounted ? { includeTestsNote: `the base report ${baseChoice ? 'counted' : 'left out'} test code; it was recounted to ${includeTests ? 'count' : 'leave out'} test code, as the head does` } : {}),
  };
}

/** A site diff whose sides are all test code that does not count: listed apart from the table. */
export function isUncountedTest(d: SiteDiff, includeTests: boolean): boolean {
  if (includeTests) return false;
  return (d.base?.site.test === true || d.head?.site.test === true) && (!d.base || d.base.site.test === true) && (!d.head || d.head.site.test === true);
}

function describeChange(d: SiteDiff): string {
  const b = d.base;
  const h = d.head;
  if (!b || !h) return '';
  const parts: string[] = [];
  for (const c of d.changes) {
    if (c === 'model') parts.push(`model ${escapeMarkdown(pricedModel(b))} → ${escapeMarkdown(pricedModel(h))}`);
    else if (c === 'max-tokens') parts.push(`max tokens ${b.site.params.maxTokens ?? 'unset'} → ${h.site.params.maxTokens ?? 'unset'}`);
    else if (c === 'prompt-growth' || c === 'prompt-shrink') parts.push(`prompt ${formatCount(b.tokens.input.expected)} → ${formatCount(h.tokens.input.expected)} tokens`);
    else if (c === 'calls') parts.push(`calls/day ${formatCount(b.usage.callsPerDay.value * b.usage.fanOut.value)} → ${formatCount(h.usage.callsPerDay.value * h.usage.fanOut.value)}`);
    else parts.push('cost');
  }
  return parts.join('; ');
}

function money(e: SiteEstimate | undefined, c: string, includeTests: boolean): string {
  if (!e) return '—';
  if (e.site.ignored) return 'ignored';
  if (e.site.test && !includeTests) return 'test (not counted)';
  return e.cost.perMonth ? formatMoney(e.cost.perMonth.expected, c) : 'unknown';
}

/** A pull-request comment: headline delta, then new, changed and removed sites (unchanged ones are counted only). */
export function formatDiffMarkdown(diff: ReportDiff): string {
  const c = diff.currency;
  const out: string[] = ['## Tokentier cost diff', ''];
  const pct = diff.deltaPercent === null ? '' : ` (${diff.deltaPercent >= 0 ? '+' : ''}${diff.deltaPercent.toFixed(1)} %)`;
  out.push(`Expected monthly cost: **${formatMoney(diff.baseTotalPerMonth, c)} → ${formatMoney(diff.headTotalPerMonth, c)}** (${formatMoneyDelta(diff.deltaPerMonth, c)}${pct})`, '');
  out.push(`${diff.counts.new} new · ${diff.counts.changed} changed · ${diff.counts.removed} removed · ${diff.counts.unchanged} unchanged call site(s)`, '');
  if (diff.currencyMismatch) out.push(`> Warning: ${escapeMarkdown(diff.currencyMismatch)}; amounts are not comparable.`, '');
  if (diff.includeTestsNote) out.push(`> Note: ${escapeMarkdown(diff.includeTestsNote)}.`, '');
  const shown = diff.sites.filter((s) => s.status !== 'unchanged' && !isUncountedTest(s, diff.includeTests));
  if (shown.length) {
    out.push('| | Site | Model | Before | After | Δ / month | What changed |', '|---|---|---|---:|---:|---:|---|');
    for (const s of shown) {
      const e = (s.head ?? s.base) as SiteEstimate;
      const mark = s.status === 'new' ? '🆕 new' : s.status === 'removed' ? '➖ removed' : '✏️ changed';
      const delta = formatMoneyDelta(s.deltaPerMonth, c) + (s.unknown ? ' (partly unknown)' : '');
      out.push(`| ${mark} | ${escapeMarkdown(`${e.site.file}:${e.site.line}`)} ${codeSpan(e.site.method)} | ${escapeMarkdown(pricedModel(e))} | ${money(s.base, c, diff.includeTests)} | ${money(s.head, c, diff.includeTests)} | ${delta} | ${describeChange(s)} |`);
    }
    out.push('');
  } else {
    out.push(diff.uncountedTests ? 'No counted call site changed.' : 'No call site changed.', '');
  }
  if (diff.uncountedTests) out.push(`${diff.uncountedTests} test-code call site(s) new, changed or removed; not counted (\`--include-tests\` counts them).`, '');
  out.push('<sub>Estimated by Tokentier from the code; usage figures are assumptions unless set in `.tokentier/usage.*` or annotations.</sub>', '');
  return out.join('\n');
}
