/**
 * `tokentier merge` (issue 23): one organisation report from the reports of many repositories, each scanned in its own
 * CI job. The result is a {@link Report} like a scan's (every format reads it) whose sites and diagnostics carry their
 * repository as the first path segment (`api/src/app.py`), plus one {@link RepositorySummary} row per input. Reports
 * are checked before anything is added: the same schema version, currency and usage profile, else nothing is merged.
 * Linear in the total number of sites (one pass per report, one sort); no I/O.
 */
import type { Diagnostic, Provenance, Report, RepositorySummary, SiteEstimate } from '../types';
import { buildReport, reportTotals, withIncludeTests } from './build';
import { layoutTable } from './format';
import { codeSpan, formatCount, formatMoney } from './text';

/** One report to merge: where it was read from, and the repository name to file it under (optional). */
export interface MergeInput {
  /** The file it came from, for messages. */
  readonly file: string;
  readonly report: Report;
  /** The repository's name in the merged report; default: the last segment of the report's root. */
  readonly name?: string;
}

export interface MergeOptions {
  /** Count test-code sites in the totals (each report is recounted: `withIncludeTests`). Default false. */
  readonly includeTests?: boolean;
  readonly toolVersion?: string;
  /** Defaults to now (tests pass a fixed date). */
  readonly generatedAt?: Date;
}

export type MergeOutcome = { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly problems: readonly string[] };

/** A repository name that is one path segment: the root's last segment, with separators and controls replaced. */
export function repositoryName(root: string): string {
  const last = root.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters come from a file we did not write.
  const clean = last.replace(/[\u0000-\u001f\u007f/\\:]/g, '_').trim();
  return clean === '' || clean === '.' || clean === '..' ? 'repository' : clean;
}

/** Names for the inputs, unique: a repeated name gets `~2`, `~3`, … in input order. */
function uniqueNames(inputs: readonly MergeInput[]): string[] {
  const used = new Map<string, number>();
  return inputs.map((i) => {
    const base = i.name !== undefined ? repositoryName(i.name) : repositoryName(i.report.root);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    let name = n === 1 ? base : `${base}~${n}`;
    while (n > 1 && used.has(name)) name = `${name}~`;
    if (n > 1) used.set(name, 1);
    return name;
  });
}

/** What the inputs disagree on (a merged total would mix what cannot be added), as messages; empty when they agree. */
function disagreements(inputs: readonly MergeInput[]): string[] {
  const problems: string[] = [];
  const check = (what: string, of: (r: Report) => string, why: string) => {
    const groups = new Map<string, string[]>();
    for (const i of inputs) {
      const v = of(i.report);
      groups.set(v, [...(groups.get(v) ?? []).slice(0, 3), i.file]);
    }
    if (groups.size > 1) problems.push(`The reports have different ${what}s (${[...groups].map(([v, files]) => `${v}: ${files.join(', ')}${files.length > 3 ? ', …' : ''}`).join('; ')}); ${why}`);
  };
  check('schema version', (r) => r.schemaVersion, 'scan every repository with the same Tokentier version.');
  check('currency', (r) => r.currency, 'figures in different currencies are never added; scan with the same --currency.');
  check('usage profile', (r) => r.profile, 'scan every repository with the same --profile.');
  return problems;
}

/**
 * Merges reports. Refuses (with every reason) reports that disagree on schema version, currency or usage profile;
 * an empty list is refused too. Never throws on well-typed input.
 */
export function mergeReports(inputs: readonly MergeInput[], options: MergeOptions = {}): MergeOutcome {
  if (!inputs.length) return { ok: false, problems: ['No report to merge.'] };
  const problems = disagreements(inputs);
  if (problems.length) return { ok: false, problems };
  const includeTests = options.includeTests === true;
  const names = uniqueNames(inputs);
  const estimates: SiteEstimate[] = [];
  const diagnostics: Diagnostic[] = [];
  const repositories: RepositorySummary[] = [];
  const tables = new Map<string, Provenance>();
  const stats = { filesScanned: 0, filesParsed: 0, bytes: 0, ms: 0 };
  const versions = new Set<string>();
  inputs.forEach((input, k) => {
    const name = names[k] as string;
    const r = withIncludeTests(input.report, includeTests);
    for (const e of r.sites) estimates.push({ ...e, site: { ...e.site, id: `${name}/${e.site.id}`, file: `${name}/${e.site.file}` } });
    for (const d of r.diagnostics) diagnostics.push(d.file !== undefined ? { ...d, file: `${name}/${d.file}` } : { ...d, message: `${name}: ${d.message}` });
    for (const p of r.priceTables) tables.set(`${p.source}\u0000${p.label}\u0000${p.file ?? ''}\u0000${p.date ?? ''}`, p);
    stats.filesScanned += r.stats.filesScanned;
    stats.filesParsed += r.stats.filesParsed;
    stats.bytes += r.stats.bytes;
    stats.ms += r.stats.ms;
    versions.add(r.tool.version);
    // Recounted from the sites (which the caller checked), not copied from the file's totals.
    const totals = reportTotals(r.sites, includeTests);
    repositories.push({ name, file: input.file, root: r.root, generatedAt: r.generatedAt, toolVersion: r.tool.version, total: totals.workspace, tests: totals.tests, stats: { ...r.stats } });
  });
  if (versions.size > 1) {
    diagnostics.unshift({ severity: 'info', code: 'merge-tool-versions', message: `The reports were made by different Tokentier versions (${[...versions].sort().join(', ')}); their estimates may follow different rules.` });
  }
  const first = inputs[0]?.report as Report;
  const report = buildReport({
    root: `${inputs.length} ${inputs.length === 1 ? 'repository' : 'repositories'}`,
    currency: first.currency,
    profile: first.profile,
    estimates,
    diagnostics,
    stats,
    priceTables: [...tables.values()],
    includeTests,
    ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  });
  return { ok: true, report: { ...report, repositories } };
}

/** Repositories by expected monthly cost, highest first (ties by name): the order of the per-repository tables. */
function byCost(report: Report): readonly RepositorySummary[] {
  return [...(report.repositories ?? [])].sort((a, b) => b.total.perMonth.expected - a.total.perMonth.expected || (a.name < b.name ? -1 : 1));
}

/** The per-repository rows as a terminal table (printed above the site table of a merged report). */
export function formatRepositoriesTable(report: Report): string {
  const c = report.currency;
  const rows = byCost(report).map((r) => [r.name, formatCount(r.total.sites), formatMoney(r.total.perMonth.expected, c), `${formatMoney(r.total.perMonth.min, c)} – ${formatMoney(r.total.perMonth.max, c)}`, formatCount(r.total.unpriced), r.toolVersion]);
  const t = report.totals.workspace;
  return `${layoutTable(['Repository', 'Sites', 'Expected/month', 'Range/month', 'Unpriced', 'Tokentier'], rows, [1, 2, 4])}\n\n${formatCount(report.repositories?.length ?? 0)} repositories: ${formatCount(t.sites)} site(s), ${formatMoney(t.perMonth.expected, c)}/month expected.\n`;
}

/** The per-repository rows as a Markdown section (placed before the site tables of a merged report). */
export function formatRepositoriesMarkdown(report: Report): string {
  const c = report.currency;
  const out = ['## Repositories', '', '| Repository | Sites | Expected/month | Min–max/month | Unpriced |', '|---|---:|---:|---:|---:|'];
  for (const r of byCost(report)) out.push(`| ${codeSpan(r.name)} | ${formatCount(r.total.sites)} | ${formatMoney(r.total.perMonth.expected, c)} | ${formatMoney(r.total.perMonth.min, c)} – ${formatMoney(r.total.perMonth.max, c)} | ${formatCount(r.total.unpriced)} |`);
  return `${out.join('\n')}\n\n`;
}
