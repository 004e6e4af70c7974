/**
 * OpenAI exports: the Usage API (completions) and Costs API JSON, and the dashboard's usage and cost CSVs (the same
 * fields flattened, bucket times as Unix seconds). Formats and sources: src/core/bills/formats.ts, docs/reconcile.md.
 */
import { checkHeader, dayOfUnix, eachReportResult, ExportBuilder, isObj, modelOf, readCells, readCsvTable, readNumber, type ApiReport, type CsvTable, type Obj } from './common';
import { exportFormat } from './formats';
import type { BilledMeasures, BilledModel, ParsedExport } from './types';

const USAGE_FIELDS = { input: 'input_tokens', cached: 'input_cached_tokens', write: 'input_cache_write_tokens', output: 'output_tokens', requests: 'num_model_requests' } as const;

/** The measures of one usage result (JSON object or CSV row): input split into uncached / cache read / cache write. */
function usageMeasures(values: Partial<Record<keyof typeof USAGE_FIELDS, number>>): BilledMeasures | string {
  const { input, cached, write, output, requests } = values;
  if (input === undefined && output === undefined && requests === undefined) return {};
  const uncached = input === undefined ? undefined : input - (cached ?? 0) - (write ?? 0);
  if (uncached !== undefined && uncached < 0) return `input_cached_tokens + input_cache_write_tokens (${(cached ?? 0) + (write ?? 0)}) exceed input_tokens (${input}), which includes them`;
  return { uncachedInput: uncached, cacheRead: cached, cacheWrite: write, output, requests };
}

/** The Usage and Costs APIs date their buckets by `start_time` in Unix seconds. */
function startTimeDay(bucket: Obj): string | undefined {
  return typeof bucket['start_time'] === 'number' ? dayOfUnix(bucket['start_time']) : undefined;
}

const USAGE_REPORT: ApiReport = {
  day: startTimeDay,
  badBucket: 'not a usage bucket (needs start_time in Unix seconds and results); skipped',
  hasMore: 'has_more is true: the API has more pages than this file holds; pass every page (--usage page1.json --usage page2.json)',
};

const COSTS_REPORT: ApiReport = {
  day: startTimeDay,
  badBucket: 'not a cost bucket (needs start_time in Unix seconds and results); skipped',
  hasMore: 'has_more is true: the API has more pages than this file holds; pass every page',
};

/** Reads an OpenAI Usage API (completions) page, or an array of pages. */
export function parseOpenAiUsageJson(json: unknown, file: string): ParsedExport {
  const b = new ExportBuilder(file, exportFormat('openai-usage-json'));
  eachReportResult(b, json, USAGE_REPORT, (day, r, where, seen) => {
    if (!isObj(r)) return b.problems.add('error', where, 'not an object; skipped');
    Object.keys(r).forEach((k) => seen.add(k));
    const values = readCells(r, USAGE_FIELDS, where, b.problems);
    if (!values) return;
    const m = usageMeasures(values);
    if (typeof m === 'string') return b.problems.add('error', where, `${m}; skipped`);
    b.used++;
    b.add(day, modelOf(r['model']), m, where);
  });
  return b.result();
}

const LINE_KINDS: Readonly<Record<string, keyof BilledMeasures>> = { input: 'uncachedInput', 'cached input': 'cacheRead', output: 'output' };
const QUANTITY_UNITS: Readonly<Record<string, number>> = { tokens: 1, '1000_tokens': 1000 };

/**
 * One cost result: the model and token kind from `line_item` (`"gpt-4o-2024-08-06, cached input"`; the part before
 * the first comma is the model, an unknown kind keeps its cost on the model but its quantity is not read), the amount
 * in USD, the quantity in tokens when its unit is a token unit.
 */
function costMeasures(amount: number, lineItem: string | undefined, quantity: number | undefined, unit: string | undefined): { model?: BilledModel; measures: BilledMeasures; note?: string } {
  if (!lineItem) return { measures: { cost: amount } };
  const comma = lineItem.indexOf(',');
  if (comma < 0) return { measures: { cost: amount }, note: `line item "${lineItem.slice(0, 60)}" names no model: counted as unattributed cost` };
  const model = lineItem.slice(0, comma).trim();
  const kind = LINE_KINDS[lineItem.slice(comma + 1).trim().toLowerCase()];
  const factor = unit !== undefined ? QUANTITY_UNITS[unit.toLowerCase()] : undefined;
  const tokens = kind && quantity !== undefined && factor !== undefined ? { [kind]: quantity * factor } : {};
  return { model: { id: model }, measures: { cost: amount, ...tokens } };
}

/** Reads an OpenAI Costs API page, or an array of pages. */
export function parseOpenAiCostsJson(json: unknown, file: string): ParsedExport {
  const b = new ExportBuilder(file, exportFormat('openai-costs-json'));
  eachReportResult(b, json, COSTS_REPORT, (day, r, where, seen) => {
    if (!isObj(r) || !isObj(r['amount'])) return b.problems.add('error', where, 'no amount object; skipped');
    for (const k of Object.keys(r)) seen.add(k === 'amount' ? 'amount.value' : k);
    const amount = readNumber(r['amount']['value'], 'amount.value');
    const currency = r['amount']['currency'];
    if ('problem' in amount) return b.problems.add('error', where, `${amount.problem}; skipped`);
    if (!('value' in amount)) return;
    if (typeof currency !== 'string' || currency.toLowerCase() !== 'usd') return b.problems.add('error', where, `currency ${JSON.stringify(currency)}: only USD bills are compared; skipped`, 'currency');
    const q = readNumber(r['quantity'], 'quantity');
    const c = costMeasures(amount.value, typeof r['line_item'] === 'string' ? r['line_item'] : undefined, 'value' in q ? q.value : undefined, typeof r['quantity_unit'] === 'string' ? r['quantity_unit'] : undefined);
    if (c.note) b.problems.add('info', where, c.note, 'line item names no model');
    b.used++;
    b.add(day, c.model, c.measures, where);
  });
  return b.result();
}

/** The day of a dashboard CSV row (from `start_time`, Unix seconds, printed as an integer or a float). */
function csvDay(cells: ReadonlyMap<string, string>): string | undefined {
  const r = readNumber(cells.get('start_time'), 'start_time');
  return 'value' in r ? dayOfUnix(r.value) : undefined;
}

/** True when every cell but the four time columns is empty (the dashboard's row for a day without usage). */
function emptyDayRow(cells: ReadonlyMap<string, string>): boolean {
  for (const [k, v] of cells) if (!k.startsWith('start_time') && !k.startsWith('end_time') && v.trim() !== '') return false;
  return true;
}

/**
 * Walks the rows of a dashboard CSV whose header checks out: a row's day counts as covered, a row with no usage
 * that day is passed over, every other row counts as read and goes to `each`.
 */
function eachDashboardRow(b: ExportBuilder, table: CsvTable, each: (day: string, cells: ReadonlyMap<string, string>, where: string) => void): void {
  if (!checkHeader(table.header, b.format, b.problems)) return;
  for (const { row, cells } of table.rows) {
    const where = `row ${row}`;
    const day = csvDay(cells);
    if (!day) {
      b.problems.add('error', where, `start_time "${(cells.get('start_time') ?? '').slice(0, 30)}" is not Unix seconds; row skipped`, 'start_time');
      continue;
    }
    b.days.add(day);
    if (emptyDayRow(cells)) continue;
    b.read++;
    each(day, cells, where);
  }
}

/** Reads the dashboard's completions usage CSV. */
export function parseOpenAiUsageCsv(table: CsvTable, file: string): ParsedExport {
  const b = new ExportBuilder(file, exportFormat('openai-usage-csv'));
  eachDashboardRow(b, table, (day, cells, where) => {
    const values = readCells(cells, USAGE_FIELDS, where, b.problems);
    if (!values) return;
    const m = usageMeasures(values);
    if (typeof m === 'string') return b.problems.add('error', where, `${m}; row skipped`);
    b.used++;
    b.add(day, modelOf(cells.get('model')), m, where);
  });
  return b.result();
}

/** Reads the dashboard's cost CSV (2025-10 and 2026-09 headers). */
export function parseOpenAiCostCsv(table: CsvTable, file: string): ParsedExport {
  const b = new ExportBuilder(file, exportFormat('openai-cost-csv'));
  eachDashboardRow(b, table, (day, cells, where) => {
    const amount = readNumber(cells.get('amount_value'), 'amount_value');
    if ('problem' in amount) return b.problems.add('error', where, `${amount.problem}; row skipped`, 'amount_value');
    if (!('value' in amount)) return;
    const currency = (cells.get('amount_currency') ?? '').trim().toLowerCase();
    if (currency !== 'usd') return b.problems.add('error', where, `amount_currency "${currency.slice(0, 10)}": only USD bills are compared; row skipped`, 'currency');
    const q = readNumber(cells.get('quantity'), 'quantity');
    const c = costMeasures(amount.value, cells.get('line_item')?.trim() || undefined, 'value' in q ? q.value : undefined, cells.get('quantity_unit')?.trim() || undefined);
    if (c.note) b.problems.add('info', where, c.note, 'line item names no model');
    b.used++;
    b.add(day, c.model, c.measures, where);
  });
  return b.result();
}

/** Reads the header-only file the dashboard exports when there is no usage: no records, and says so. */
export function parseOpenAiEmptyCsv(table: CsvTable, file: string): ParsedExport {
  const b = new ExportBuilder(file, exportFormat('openai-empty-csv'));
  checkHeader(table.header, b.format, b.problems);
  for (const { cells } of table.rows) {
    const day = csvDay(cells);
    if (day) b.days.add(day);
  }
  b.problems.add('info', undefined, 'an OpenAI export with no usage in its period (header only)');
  return b.result();
}

/** Reads any OpenAI dashboard CSV whose header was recognised as usage or cost. */
export function parseOpenAiCsv(text: string, file: string, kind: 'usage' | 'cost' | 'empty'): ParsedExport {
  const table = readCsvTable(text);
  return kind === 'usage' ? parseOpenAiUsageCsv(table, file) : kind === 'cost' ? parseOpenAiCostCsv(table, file) : parseOpenAiEmptyCsv(table, file);
}
