/**
 * Anthropic exports: the Admin API usage report (messages) and cost report JSON, and the Console's token and cost
 * CSVs. Formats and sources: src/core/bills/formats.ts, docs/reconcile.md.
 */
import { checkHeader, dayOfIso, eachReportResult, ExportBuilder, isObj, modelOf, readCells, readCsvTable, readNumber, sumDefined, type ApiReport, type CsvTable, type Obj } from './common';
import { exportFormat } from './formats';
import type { BilledMeasures, ParsedExport } from './types';

/** Field names of a result, nested objects flattened with dots (`cache_creation.ephemeral_5m_input_tokens`). */
function flatNames(o: Obj, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (isObj(v) ? flatNames(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** The token measures of a usage row: cache writes of both lifetimes (5 minutes, 1 hour) are one measure. */
function tokenMeasures(v: Partial<Record<'uncached' | 'w5' | 'w1' | 'read' | 'output', number>>): BilledMeasures {
  return { uncachedInput: v.uncached, cacheWrite: sumDefined(v.w5, v.w1), cacheRead: v.read, output: v.output };
}

const REPORT: ApiReport = {
  day: (bucket) => dayOfIso(bucket['starting_at']),
  badBucket: 'not a report bucket (needs starting_at as RFC 3339 and results); skipped',
  hasMore: 'has_more is true: the API has more pages than this file holds; pass every page (--usage page1.json --usage page2.json)',
};

/** Walks the result objects of a report (nested field names flattened for the unknown-field check). */
function eachResult(b: ExportBuilder, json: unknown, each: (day: string, r: Obj, where: string) => void): void {
  eachReportResult(b, json, REPORT, (day, r, where, seen) => {
    if (!isObj(r)) return b.problems.add('error', where, 'not an object; skipped');
    flatNames(r).forEach((n) => seen.add(n));
    each(day, r, where);
  });
}

/** Reads an Admin API usage report (`/v1/organizations/usage_report/messages`) page, or an array of pages. */
export function parseAnthropicUsageJson(json: unknown, file: string): ParsedExport {
  const b = new ExportBuilder(file, exportFormat('anthropic-usage-json'));
  eachResult(b, json, (day, r, where) => {
    const cc = isObj(r['cache_creation']) ? r['cache_creation'] : {};
    const v = readCells({ ...r, ...Object.fromEntries(Object.entries(cc).map(([k, x]) => [`cache_creation.${k}`, x])) }, {
      uncached: 'uncached_input_tokens',
      w5: 'cache_creation.ephemeral_5m_input_tokens',
      w1: 'cache_creation.ephemeral_1h_input_tokens',
      read: 'cache_read_input_tokens',
      output: 'output_tokens',
    }, where, b.problems);
    if (!v) return;
    b.used++;
    b.add(day, modelOf(r['model']), tokenMeasures(v), where);
  });
  return b.result();
}

/** Reads an Admin API cost report (`/v1/organizations/cost_report`): `amount` is a decimal string in cents. */
export function parseAnthropicCostJson(json: unknown, file: string): ParsedExport {
  const b = new ExportBuilder(file, exportFormat('anthropic-cost-json'));
  eachResult(b, json, (day, r, where) => {
    const amount = readNumber(r['amount'], 'amount');
    if ('problem' in amount) return b.problems.add('error', where, `${amount.problem}; skipped`, 'amount');
    if (!('value' in amount)) return;
    if (typeof r['currency'] !== 'string' || r['currency'].toUpperCase() !== 'USD') return b.problems.add('error', where, `currency ${JSON.stringify(r['currency'])}: only USD bills are compared; skipped`, 'currency');
    b.used++;
    // The API reference: "123.45" in "USD" represents $1.23 — the lowest currency unit.
    b.add(day, modelOf(r['model']), { cost: amount.value / 100 }, where);
  });
  return b.result();
}

/** Walks the rows of a Console CSV whose header checks out: every row counts as read; those with a date go to `each`. */
function eachConsoleRow(b: ExportBuilder, table: CsvTable, each: (day: string, cells: ReadonlyMap<string, string>, where: string) => void): void {
  if (!checkHeader(table.header, b.format, b.problems)) return;
  for (const { row, cells } of table.rows) {
    const where = `row ${row}`;
    b.read++;
    const day = dayOfIso(cells.get('usage_date_utc'));
    if (!day) {
      b.problems.add('error', where, `usage_date_utc "${(cells.get('usage_date_utc') ?? '').slice(0, 30)}" is not a date; row skipped`, 'usage_date_utc');
      continue;
    }
    each(day, cells, where);
  }
}

/** Reads the Console's token usage CSV (`claude_api_tokens_*.csv`, 2025 and 2026 headers). */
export function parseAnthropicTokensCsv(text: string, file: string): ParsedExport {
  const b = new ExportBuilder(file, exportFormat('anthropic-tokens-csv'));
  eachConsoleRow(b, readCsvTable(text), (day, cells, where) => {
    const v = readCells(cells, {
      uncached: 'usage_input_tokens_no_cache',
      w5: 'usage_input_tokens_cache_write_5m',
      w1: 'usage_input_tokens_cache_write_1h',
      read: 'usage_input_tokens_cache_read',
      output: 'usage_output_tokens',
    }, where, b.problems);
    if (!v) return;
    b.used++;
    b.add(day, modelOf(cells.get('model_version')), tokenMeasures(v), where);
  });
  return b.result();
}

/** Reads the Console's cost CSV (`claude_api_cost_*.csv`): the model is a display name, `cost_usd` is net USD. */
export function parseAnthropicCostCsv(text: string, file: string): ParsedExport {
  const b = new ExportBuilder(file, exportFormat('anthropic-cost-csv'));
  eachConsoleRow(b, readCsvTable(text), (day, cells, where) => {
    const cost = readNumber(cells.get('cost_usd'), 'cost_usd');
    if ('problem' in cost) return b.problems.add('error', where, `${cost.problem}; row skipped`, 'cost_usd');
    b.days.add(day);
    if (!('value' in cost)) return;
    const name = (cells.get('model') ?? '').trim();
    b.used++;
    b.add(day, name ? { name, vendor: 'anthropic' } : undefined, { cost: cost.value }, where);
  });
  return b.result();
}
