import { REPORT_SCHEMA_VERSION, type Diagnostic, type Provenance, type Report, type SiteEstimate } from '../types';
import { isTestPath } from '../excludes';
import { pricedModel, totalOf, totalsBy } from './totals';

/** The tool version written into reports when the caller does not give one. */
export const TOOL_VERSION = '0.1.0';

/** What `buildReport` needs: the analysed sites and the context they were analysed in. */
export interface ReportInput {
  /** The scan root as given (absolute path or workspace folder name). */
  readonly root: string;
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
 * Builds a Report from analysed sites. Sites are sorted into report order (test-code sites included, flagged);
 * totals are computed over the counted sites (not ignored; not test code unless `includeTests`), so
 * `totals.workspace` equals the sum of `byFile`, of `byProvider` and of `byModel`; `totals.tests` is the test-code
 * sites' own total. Never throws on well-typed input.
 */
export function buildReport(input: ReportInput): Report {
  const sites = [...input.estimates].sort(compareSites);
  return { ...reportHead(input, sites), sites, includeTests: input.includeTests === true, totals: reportTotals(sites, input.includeTests === true), diagnostics: [...(input.diagnostics ?? [])], stats: { filesScanned: 0, filesParsed: 0, bytes: 0, ms: 0, ...input.stats } };
}

function reportHead(input: ReportInput, sites: readonly SiteEstimate[]): Pick<Report, 'schemaVersion' | 'tool' | 'generatedAt' | 'root' | 'currency' | 'profile' | 'priceTables'> {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'tokentier', version: input.toolVersion ?? TOOL_VERSION },
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    root: input.root,
    currency: input.currency,
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
