import { REPORT_SCHEMA_VERSION, type Diagnostic, type Provenance, type Report, type SiteEstimate } from '../types';
import { isTestPath } from '../excludes';
import { pricedModel, totalOf, totalsBy } from './totals';

/** The tool version written into reports when the caller does not give one. */
export const TOOL_VERSION = '0.1.0';

/** What `buildReport` needs: the analysed sites and the context they were analysed in. */
export interface ReportInput {
  /** The scan root as given (absolute path or workspace folder name). */
  readonly root: string;
  /** The currency when there is no priced site to take it from (the engine's currency plan, src/core/estimate/currency.ts). */
  readonly currency: string;
  readonly profile: string;
  readonly estimates: readonly SiteEstimate[];
  readonly diagnostics?: readonly Diagnostic[];
  readonly stats?: Partial<Report['stats']>;
  /** Price tables in force; when absent, collected from the estimates' price lines. */
  readonly priceTables?: readonly Provenance[];
  readonly toolVersion?: string;
  /** Defaults to now; tests pass a fixed date so output is reproducible. */
  readonly generatedAt?: Date;
  /** Count test-code sites in the totals (`tokentier.includeTests`); default false. */
  readonly includeTests?: boolean;
}

/** Orders sites by file, cell, line, then id: the order of every report output and of every sum. */
export function compareSites(a: SiteEstimate, b: SiteEstimate): number {
  const fa = a.site.file;
  const fb = b.site.file;
  if (fa !== fb) return fa < fb ? -1 : 1;
  const ca = a.site.cell ?? -1;
  const cb = b.site.cell ?? -1;
  if (ca !== cb) return ca - cb;
  if (a.site.line !== b.site.line) return a.site.line - b.site.line;
  return a.site.id < b.site.id ? -1 : a.site.id > b.site.id ? 1 : 0;
}

function collectPriceTables(estimates: readonly SiteEstimate[]): Provenance[] {
  const seen = new Map<string, Provenance>();
  for (const e of estimates) {
    for (const line of e.cost.lines) {
      const p = line.source;
      const key = `${p.source}\u0000${p.label}\u0000${p.file ?? ''}`;
      if (!seen.has(key)) seen.set(key, { source: p.source, label: p.label, ...(p.file ? { file: p.file } : {}), ...(p.date ? { date: p.date } : {}) });
    }
  }
  return [...seen.values()];
}

/**
 * The one currency of a report (issue #19 item 2): its sites' (one engine prices them all in its plan's currency). A
 * report over folders priced in different currencies (a multi-root workspace whose price books differ) keeps the
 * currency most sites use; the others are left unpriced with the reason and a diagnostic, never summed or relabelled.
 */
function oneCurrency(estimates: readonly SiteEstimate[], fallback: string): { currency: string; estimates: readonly SiteEstimate[]; diagnostics: Diagnostic[] } {
  const count = new Map<string, number>();
  for (const e of estimates) count.set(e.cost.currency, (count.get(e.cost.currency) ?? 0) + 1);
  if (count.size === 0) return { currency: fallback, estimates, diagnostics: [] };
  const currency = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  if (count.size === 1) return { currency, estimates, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const out = estimates.map((e) => {
    if (e.cost.currency === currency) return e;
    const reason = `priced in ${e.cost.currency}, and this report is in ${currency} (its folders use different currencies): not converted`;
    diagnostics.push({ severity: 'warning', code: 'currency', message: `${e.site.file}:${e.site.line}: ${reason}.`, file: e.site.file, range: e.site.range });
    return { ...e, cost: { ...e.cost, currency, perCall: null, perDay: null, perMonth: null, lines: [], unknownReason: reason } };
  });
  return { currency, estimates: out, diagnostics };
}

/**
 * Builds a Report from analysed sites. Sites are sorted into report order (test-code sites included, flagged);
 * totals are computed over the counted sites (not ignored; not test code unless `includeTests`), so
 * `totals.workspace` equals the sum of `byFile`, of `byProvider` and of `byModel`; `totals.tests` is the test-code
 * sites' own total. Never throws on well-typed input.
 */
export function buildReport(input: ReportInput): Report {
  const one = oneCurrency(input.estimates, input.currency);
  const sites = [...one.estimates].sort(compareSites);
  return { ...reportHead(input, sites, one.currency), sites, includeTests: input.includeTests === true, totals: reportTotals(sites, input.includeTests === true), diagnostics: [...(input.diagnostics ?? []), ...one.diagnostics], stats: { filesScanned: 0, filesParsed: 0, bytes: 0, ms: 0, ...input.stats } };
}

function reportHead(input: ReportInput, sites: readonly SiteEstimate[], currency: string): Pick<Report, 'schemaVersion' | 'tool' | 'generatedAt' | 'root' | 'currency' | 'profile' | 'priceTables'> {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'tokentier', version: input.toolVersion ?? TOOL_VERSION },
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    root: input.root,
    currency,
    profile: input.profile,
    priceTables: input.priceTables ?? collectPriceTables(sites),
  };
}

/**
 * The totals of sites in report order. The parts list only sites the totals may count (test code is left out of them
 * unless `includeTests`), so a test file does not appear as a zero row; ignored sites keep their rows, as before.
 */
export function reportTotals(sites: readonly SiteEstimate[], includeTests: boolean): Report['totals'] {
  const opts = { includeTests };
  const parts = includeTests ? sites : sites.filter((e) => e.site.test !== true);
  const byFile = totalsBy(parts, (e) => e.site.file, opts).map(({ key, total }) => ({ file: key, total }));
  const byProvider = totalsBy(parts, (e) => e.site.provider, opts)
    .map(({ key, total }) => ({ provider: key, total }))
    .sort((a, b) => b.total.perMonth.expected - a.total.perMonth.expected || (a.provider < b.provider ? -1 : 1));
  const byModel = totalsBy(parts, pricedModel, opts)
    .map(({ key, total }) => ({ model: key, total }))
    .sort((a, b) => b.total.perMonth.expected - a.total.perMonth.expected || (a.model < b.model ? -1 : 1));
  const tests = totalOf(sites.filter((e) => e.site.test === true), { includeTests: true });
  return { workspace: totalOf(sites, opts), byFile, byProvider, byModel, tests };
}

/**
 * The same report counting test-code sites or not (a saved report compared with a scan that decided otherwise).
 * Sites without the flag (reports older than schema 1.1.0) are flagged from their path first.
 */
export function withIncludeTests(report: Report, includeTests: boolean): Report {
  // A report without `includeTests` predates the flag: its sites say nothing about test code, their paths do.
  const legacy = (report as { includeTests?: boolean }).includeTests === undefined;
  const flagged = legacy ? report.sites.map((e) => (isTestPath(e.site.file) ? { ...e, site: { ...e.site, test: true } } : e)) : report.sites;
  if (!legacy && report.includeTests === includeTests) return report;
  return { ...report, sites: flagged, includeTests, totals: reportTotals(flagged, includeTests) };
}

/** A copy of a report with extra diagnostics appended (e.g. from the host's file provider). */
export function withDiagnostics(report: Report, extra: readonly Diagnostic[]): Report {
  return extra.length ? { ...report, diagnostics: [...report.diagnostics, ...extra] } : report;
}
