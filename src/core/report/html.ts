/**
 * The cost report as one self-contained HTML page (`tokentier scan --format html`, the editor's Export Cost Report…):
 * the same figures as the Markdown report (format.ts), with the sites' usage assumptions and where each came from.
 * Inline CSS, no script, no network; every value from the code is escaped (view.ts).
 */
import type { Report, SiteEstimate } from '../types';
import { describeProvenance } from './present';
import { siteLocation } from './format';
import { pricedModel } from './totals';
import { formatCount, formatMoney } from './text';
import { renderHtml, type ViewDocument, type ViewSection } from './view';

function perMonth(e: SiteEstimate, currency: string): string {
  if (e.site.ignored) return 'ignored';
  return e.cost.perMonth ? formatMoney(e.cost.perMonth.expected, currency) : 'unknown';
}

function sitesSection(report: Report): ViewSection {
  const c = report.currency;
  const sorted = [...report.sites].sort((a, b) => (b.cost.perMonth?.expected ?? -1) - (a.cost.perMonth?.expected ?? -1));
  const rows = sorted.map((e) => [
    siteLocation(e),
    e.site.method,
    e.site.provider,
    pricedModel(e),
    formatCount(e.tokens.input.expected),
    formatCount(e.tokens.output.expected),
    formatCount(e.usage.callsPerDay.value * e.usage.fanOut.value),
    e.cost.perCall ? formatMoney(e.cost.perCall.expected, c) : 'unknown',
    perMonth(e, c),
    `${describeProvenance(e.usage.callsPerDay.source)}${e.usage.calibration ? ` · calibrated against usage of ${e.usage.calibration.from} – ${e.usage.calibration.to}` : ''}`,
  ]);
  return {
    title: 'Call sites (costliest first)',
    blocks: [{ kind: 'table', table: { header: ['Site', 'Call', 'Provider', 'Model', 'Input tok', 'Output tok', 'Calls/day', 'Per call', 'Per month', 'Calls/day from'], rows, right: [4, 5, 6, 7, 8] } }],
  };
}

/** The report as a self-contained HTML page. */
export function formatHtml(report: Report): string {
  const c = report.currency;
  const t = report.totals.workspace;
  const sections: ViewSection[] = [];
  if (report.totals.byModel.length) {
    sections.push({
      title: 'By model',
      blocks: [{ kind: 'table', table: { header: ['Model', 'Sites', 'Per month', 'Range'], rows: report.totals.byModel.map((m) => [m.model, String(m.total.sites), m.total.unpriced === m.total.sites && m.total.sites > 0 ? 'unknown' : formatMoney(m.total.perMonth.expected, c), `${formatMoney(m.total.perMonth.min, c)} – ${formatMoney(m.total.perMonth.max, c)}`]), right: [1, 2, 3] } }],
    });
  }
  if (report.totals.byFile.length) {
    sections.push({ title: 'By file', blocks: [{ kind: 'table', table: { header: ['File', 'Sites', 'Per month'], rows: report.totals.byFile.map((f) => [f.file, String(f.total.sites), formatMoney(f.total.perMonth.expected, c)]), right: [1, 2] } }] });
  }
  sections.push(report.sites.length ? sitesSection(report) : { title: 'Call sites', blocks: [{ kind: 'text', text: 'No LLM call sites found.' }] });
  const issues = report.diagnostics.filter((d) => d.severity !== 'info');
  if (issues.length) sections.push({ title: 'Warnings', blocks: [{ kind: 'list', items: issues.slice(0, 200).map((d) => d.message) }, ...(issues.length > 200 ? [{ kind: 'text' as const, text: `${issues.length - 200} more (see the JSON report).` }] : [])] });
  const unpriced = t.unpriced ? ` (${t.unpriced} of ${t.sites} unpriced)` : '';
  const doc: ViewDocument = {
    title: 'Tokentier cost report',
    subtitle: `${t.sites} LLM call site${t.sites === 1 ? '' : 's'} · ${formatMoney(t.perMonth.expected, c)}/month expected (range ${formatMoney(t.perMonth.min, c)} – ${formatMoney(t.perMonth.max, c)})${unpriced} · profile ${report.profile} · ${report.root}`,
    sections,
    footer: `Prices: ${report.priceTables.map((p) => p.label).join(', ') || 'none'} · ${report.stats.filesScanned} files scanned · Tokentier ${report.tool.version} · ${report.generatedAt}`,
  };
  return renderHtml(doc);
}
