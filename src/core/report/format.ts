import type { CostTotal, Report, SiteEstimate } from '../types';
import { ADVICE_CSV_COLUMNS, adviceCsvValues, adviceMarkdownSection, adviceTableSection } from './adviceReport';
import { pricedModel } from './totals';
import { codeSpan, csvField, escapeMarkdown, escapeTerminal, formatCount, formatMoney } from './text';

/**
 * Plain-text report formats: JSON (the versioned Report), JSON Lines, CSV, Markdown and a terminal table.
 * SARIF lives in `sarif.ts`. All of them list sites in report order and show the same totals.
 */

/** The Report as pretty-printed JSON (validates against `schemas/report.schema.json`). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** What `JSON.stringify({ k: [x] }, null, 2)` writes around `x`'s text. */
const ELEMENT_HEAD = '{\n  "k": [\n    ';
const ELEMENT_TAIL = '\n  ]\n}';

/**
 * {@link formatJson}'s text in pieces (the head, one per site, the rest), so a large report is written without ever
 * being one string (issue 23: the CLI's peak memory). The pieces joined are exactly `formatJson(report)`.
 */
export function* formatJsonChunks(report: Report): Generator<string> {
  // As JSON.stringify: keys whose value is undefined or a function are left out.
  const entries = Object.entries(report).filter(([, v]) => v !== undefined && typeof v !== 'function');
  yield '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i] as [string, unknown];
    const head = `${i ? ',' : ''}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && value.length) {
      yield `${head}[`;
      // Each element is written by JSON.stringify at its own depth (in a one-element array under a key, whose
      // brackets are cut off): no second pass over the text to indent it.
      for (let j = 0; j < value.length; j++) {
        const nested = JSON.stringify({ k: [value[j]] }, null, 2);
        yield `${j ? ',' : ''}\n    ${nested.slice(ELEMENT_HEAD.length, nested.length - ELEMENT_TAIL.length)}`;
      }
      yield '\n  ]';
    } else {
      yield `${head}${(JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, '\n  ')}`;
    }
  }
  yield entries.length ? '\n}\n' : '}\n';
}

/**
 * JSON Lines: a `summary` record (everything but the sites and diagnostics), then one `site` record per
 * site and one `diagnostic` record per diagnostic. Streams well into log pipelines.
 */
export function formatJsonl(report: Report): string {
  const { sites, diagnostics, ...summary } = report;
  const lines = [JSON.stringify({ type: 'summary', ...summary })];
  for (const s of sites) lines.push(JSON.stringify({ type: 'site', ...s }));
  for (const d of diagnostics) lines.push(JSON.stringify({ type: 'diagnostic', ...d }));
  return `${lines.join('\n')}\n`;
}

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'file', 'line', 'cell', 'provider', 'via', 'api', 'method', 'model', 'model_resolution', 'confidence', 'ignored',
  'input_tokens', 'output_tokens', 'token_accuracy', 'calls_per_day', 'fan_out', 'usage_assumed', 'currency',
  'cost_per_call', 'cost_per_month_min', 'cost_per_month', 'cost_per_month_max', 'price_id', 'unknown_reason',
  'energy_wh_per_call_min', 'energy_wh_per_call_max', 'energy_kwh_per_month',
  ...ADVICE_CSV_COLUMNS, 'test',
] as const;

/** CSV (RFC 4180, CRLF line ends): one row per site, expected values, amounts in the report currency. */
export function formatCsv(report: Report): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of report.sites) {
    const s = e.site;
    rows.push([
      s.file, s.line, s.cell, s.provider, s.via, s.api, s.method, s.model.id ?? e.usage.model?.value ?? '', s.model.resolution.kind, s.confidence, s.ignored === true,
      e.tokens.input.expected, e.tokens.output.expected, e.tokens.accuracy, e.usage.callsPerDay.value, e.usage.fanOut.value, e.usage.assumed, e.cost.currency,
      e.cost.perCall?.expected ?? null, e.cost.perMonth?.min ?? null, e.cost.perMonth?.expected ?? null, e.cost.perMonth?.max ?? null, e.cost.priceId, e.cost.unknownReason,
      e.energy?.whPerCall.min ?? null, e.energy?.whPerCall.max ?? null, e.energy?.kwhPerMonth.expected ?? null,
      ...adviceCsvValues(e), s.test === true,
    ].map(csvField).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** `file:line`, or `notebook.ipynb#cell3:line` for notebook cells. */
export function siteLocation(e: SiteEstimate): string {
  return e.site.cell !== undefined ? `${e.site.file}#cell${e.site.cell}:${e.site.line}` : `${e.site.file}:${e.site.line}`;
}

/** Wh per call as a range (EcoLogits-style estimate), or n/a. */
function energyCell(e: SiteEstimate): string {
  const w = e.energy?.whPerCall;
  if (!w) return 'n/a';
  const f = (n: number): string => Number(n.toPrecision(2)).toString();
  return `${f(w.min)}–${f(w.max)} Wh`;
}

function monthly(e: SiteEstimate, currency: string): string {
  if (e.site.ignored) return 'ignored';
  const amount = e.cost.perMonth ? formatMoney(e.cost.perMonth.expected, currency) : 'unknown';
  return e.site.test ? `${amount} (test)` : amount;
}

/**
 * What the totals leave out as test code (`Report.includeTests` false): `12 test-code sites ($340.00/month) not
 * counted`, or undefined when there are none or they are counted.
 */
export function testsNote(report: Report): string | undefined {
  const t = report.totals.tests;
  if (!t || t.sites === 0) return undefined;
  const amount = t.unpriced === t.sites ? 'price unknown' : `${formatMoney(t.perMonth.expected, report.currency)}/month${t.unpriced ? `, ${t.unpriced} unpriced` : ''}`;
  if (report.includeTests) return `${t.sites} of them in test code (${amount}), counted (--include-tests)`;
  return `${t.sites} test-code site${t.sites === 1 ? '' : 's'} (${amount}) not counted (--include-tests counts them)`;
}

function totalText(t: CostTotal, currency: string): string {
  const unpriced = t.unpriced ? ` (${t.unpriced} of ${t.sites} site${t.sites === 1 ? '' : 's'} unpriced)` : '';
  return `${formatMoney(t.perMonth.expected, currency)}/month (range ${formatMoney(t.perMonth.min, currency)}–${formatMoney(t.perMonth.max, currency)})${unpriced}`;
}

/** A Markdown summary: headline total, the top models, and a table of every site (costliest first). */
export function formatMarkdown(report: Report): string {
  const c = report.currency;
  const out: string[] = [];
  out.push('## Tokentier cost report', '');
  out.push(`**${report.totals.workspace.sites}** LLM call site${report.totals.workspace.sites === 1 ? '' : 's'} · **${totalText(report.totals.workspace, c)}** · profile ${codeSpan(report.profile, false)}`, '');
  const tests = testsNote(report);
  if (tests) out.push(`${escapeMarkdown(tests)}.`, '');
  if (report.totals.byModel.length) {
    out.push('| Model | Sites | Per month |', '|---|---:|---:|');
    for (const m of report.totals.byModel) out.push(`| ${escapeMarkdown(m.model)} | ${m.total.sites} | ${m.total.unpriced === m.total.sites && m.total.sites > 0 ? 'unknown' : formatMoney(m.total.perMonth.expected, c)} |`);
    out.push('');
  }
  if (report.sites.length) {
    out.push('| Site | Provider | Model | Input tok | Output tok | Calls/day | Per call | Per month | Energy/call |', '|---|---|---|---:|---:|---:|---:|---:|---:|');
    const sorted = [...report.sites].sort((a, b) => (b.cost.perMonth?.expected ?? -1) - (a.cost.perMonth?.expected ?? -1));
    for (const e of sorted) {
      const where = siteLocation(e);
      out.push(`| ${escapeMarkdown(where)} ${codeSpan(e.site.method)} | ${e.site.provider} | ${escapeMarkdown(pricedModel(e))} | ${formatCount(e.tokens.input.expected)} | ${formatCount(e.tokens.output.expected)} | ${formatCount(e.usage.callsPerDay.value * e.usage.fanOut.value)} | ${e.cost.perCall ? formatMoney(e.cost.perCall.expected, c) : 'unknown'} | ${monthly(e, c)} | ${energyCell(e)} |`);
    }
    out.push('');
  }
  out.push(...adviceMarkdownSection(report));
  const errors = report.diagnostics.filter((d) => d.severity !== 'info');
  if (errors.length) out.push(`${errors.length} warning${errors.length === 1 ? '' : 's'} while scanning (see \`--format json\`).`, '');
  out.push(`<sub>Prices: ${report.priceTables.map((p) => escapeMarkdown(p.label)).join(', ') || 'none'} · Energy: EcoLogits-style estimates at the provider (model sizes of closed models estimated) · ${report.stats.filesScanned} files scanned · Tokentier ${escapeMarkdown(report.tool.version)}</sub>`, '');
  return out.join('\n');
}

function pad(text: string, width: number, right: boolean): string {
  const len = [...text].length;
  return len >= width ? text : right ? ' '.repeat(width - len) + text : text + ' '.repeat(width - len);
}

/** Lays out rows as aligned columns; `rightAlign` lists numeric column indexes. */
export function layoutTable(header: readonly string[], rows: readonly (readonly string[])[], rightAlign: readonly number[] = []): string {
  const clean = [header, ...rows].map((r) => r.map(escapeTerminal));
  const widths = header.map((_, i) => Math.min(60, Math.max(...clean.map((r) => [...(r[i] ?? '')].length))));
  const fmt = (r: readonly string[]) => r.map((cell, i) => pad(cell.length > 60 ? `${cell.slice(0, 59)}…` : cell, widths[i] ?? 0, rightAlign.includes(i))).join('  ').trimEnd();
  const [head, ...body] = clean;
  return [fmt(head ?? []), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
}

/** A terminal table (no colour codes, so it reads the same when piped); every value from the code is escaped. */
export function formatTable(report: Report): string {
  const c = report.currency;
  const rows = report.sites.map((e) => [
    siteLocation(e),
    e.site.provider,
    pricedModel(e),
    formatCount(e.tokens.input.expected),
    formatCount(e.tokens.output.expected),
    formatCount(e.usage.callsPerDay.value * e.usage.fanOut.value),
    monthly(e, c),
  ]);
  const table = rows.length ? layoutTable(['Site', 'Provider', 'Model', 'In tok', 'Out tok', 'Calls/day', 'Per month'], rows, [3, 4, 5, 6]) : 'No LLM call sites found.';
  const issues = report.diagnostics.filter((d) => d.severity !== 'info').length;
  const tests = testsNote(report);
  return `${table}\n\nTotal: ${escapeTerminal(totalText(report.totals.workspace, c))} across ${report.totals.workspace.sites} site(s) in ${report.totals.byFile.length} file(s); ${tests ? `${tests}; ` : ''}${report.stats.filesScanned} files scanned${issues ? `, ${issues} warning(s)` : ''}.\n${adviceTableSection(report)}`;
}
