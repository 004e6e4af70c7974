/**
 * AWS Cost and Usage Report rows for Amazon Bedrock, CUR 2.0 (snake_case) and legacy (`lineItem/…`) headers.
 *
 * Bedrock model usage is billed in two families (docs/reconcile.md): Marketplace products ("Claude Sonnet 4.5
 * (Amazon Bedrock Edition)", usage types like `USE1-MP:USE1_InputTokenCount-Units`, amounts in millions of tokens) and
 * Amazon Bedrock's own product (`USE1-NovaLite-input-tokens`, amounts in thousands). Rows are chosen by the usage
 * type's grammar, not by product code alone; a row whose model cannot be named stays unattributed, never guessed.
 */
import { checkHeader, dayOfIso, daysBetween, ExportBuilder, readCsvTable, readNumber } from './common';
import { exportFormat } from './formats';
import type { BilledMeasures, BilledModel, ExportFormatId, MeasureKey, ParsedExport } from './types';

interface Columns {
  readonly start: string;
  readonly end: string;
  readonly type: string;
  readonly product: string;
  readonly usageType: string;
  readonly amount: string;
  readonly unit: string;
  readonly cost: string;
  readonly net: string;
  readonly currency: string;
  readonly productName: string;
  readonly productMap?: string;
}

const CUR2: Columns = {
  start: 'line_item_usage_start_date', end: 'line_item_usage_end_date', type: 'line_item_line_item_type', product: 'line_item_product_code',
  usageType: 'line_item_usage_type', amount: 'line_item_usage_amount', unit: 'pricing_unit', cost: 'line_item_unblended_cost',
  net: 'line_item_net_unblended_cost', currency: 'line_item_currency_code', productName: 'product_product_name', productMap: 'product',
};
const LEGACY: Columns = {
  start: 'lineItem/UsageStartDate', end: 'lineItem/UsageEndDate', type: 'lineItem/LineItemType', product: 'lineItem/ProductCode',
  usageType: 'lineItem/UsageType', amount: 'lineItem/UsageAmount', unit: 'pricing/unit', cost: 'lineItem/UnblendedCost',
  net: 'lineItem/NetUnblendedCost', currency: 'lineItem/CurrencyCode', productName: 'product/ProductName',
};

/** Line item types that are usage; Tax, Credit, Refund, Fee, discounts … are left out of the comparison. */
const USAGE_TYPES = new Set(['usage', 'discountedusage', 'savingsplancoveredusage']);

const MARKETPLACE = /-MP:(?:[A-Z0-9]+_)?(.+?)-Units$/i;
const BEDROCK_MEASURE = /-(input-tokens?|output-tokens?|cache-read-input-tokens?|cache-write-input-tokens?|input-token-count|output-token-count|cache-read-input-token-count|cache-write-input-token-count)(?=-|$)/i;

/** The token kind a usage type bills, from its words (`CacheReadInputTokenCount`, `output_tokens_standard`). */
export function measureOfUsageType(usageType: string): MeasureKey | undefined {
  const w = usageType.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (w.includes('cacheread')) return 'cacheRead';
  if (w.includes('cachewrite')) return 'cacheWrite';
  if (w.includes('inputtoken')) return 'uncachedInput';
  if (w.includes('outputtoken')) return 'output';
  return undefined;
}

/** The product name in a `product` map cell: JSON (`{"product_name": …}`) or Athena-style `{product_name=…, …}`. */
function productNameInMap(cell: string | undefined): string | undefined {
  const t = cell?.trim();
  if (!t) return undefined;
  try {
    const o = JSON.parse(t) as unknown;
    const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)['product_name'] : undefined;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return /(?:^|[{,]\s*)product_name=([^,}]*)/.exec(t)?.[1]?.trim() || undefined;
  }
}

/** A Bedrock token row's family, model and kind; undefined when the row is not Bedrock token usage. */
export function classifyBedrockRow(usageType: string, productCode: string, productName: string | undefined): { family: 'marketplace' | 'bedrock'; model?: BilledModel; measure?: MeasureKey } | undefined {
  const mp = MARKETPLACE.exec(usageType);
  const edition = productName && /\(Amazon Bedrock Edition\)\s*$/i.test(productName);
  if (mp || edition) {
    if (!measureOfUsageType(usageType) && !edition) return undefined;
    const name = productName?.replace(/\s*\(Amazon Bedrock Edition\)\s*$/i, '').trim();
    return { family: 'marketplace', ...(name ? { model: { name, vendor: 'any' as const } } : {}), measure: measureOfUsageType(usageType) };
  }
  const m = BEDROCK_MEASURE.exec(usageType);
  if (productCode !== 'AmazonBedrock' || !m) return undefined;
  // `USE1-NovaLite-input-tokens` → `NovaLite`; `USE1-mistral.voxtral-small-24b-2507-mantle-input-tokens-standard` → the id.
  const segment = usageType.slice(0, m.index).replace(/^[A-Z]{2,4}\d*-/, '').replace(/-mantle$/i, '');
  const model: BilledModel | undefined = !segment ? undefined : segment.includes('.') ? { id: segment } : { name: segment, vendor: 'any' };
  return { family: 'bedrock', ...(model ? { model } : {}), measure: measureOfUsageType(m[1]!) };
}

/** Tokens per unit of `line_item_usage_amount`, from the pricing unit; undefined when the unit is not understood. */
function tokensPerUnit(unit: string | undefined, family: 'marketplace' | 'bedrock'): { factor?: number; inferred: boolean } {
  const u = unit?.trim().toLowerCase();
  if (!u) return { factor: family === 'marketplace' ? 1e6 : 1e3, inferred: true };
  if (/^1k\s*tokens?$/.test(u)) return { factor: 1e3, inferred: false };
  if (/^1m\s*tokens?$/.test(u)) return { factor: 1e6, inferred: false };
  if (/^tokens?$/.test(u)) return { factor: 1, inferred: false };
  // The AWS Price List prices Marketplace token usage types per "Units" at the per-million price.
  if (u === 'units' && family === 'marketplace') return { factor: 1e6, inferred: true };
  return { inferred: false };
}

/** The UTC days a row's usage period overlaps (one for hourly and daily rows). */
function rowDays(start: string, endRaw: string | undefined): string[] {
  const end = endRaw ? Date.parse(endRaw.replace(' ', 'T')) : NaN;
  if (!Number.isFinite(end)) return [start];
  const last = new Date(end - 1).toISOString().slice(0, 10);
  return last > start ? daysBetween(start, last) : [start];
}

interface RowCounts {
  notBedrock: number;
  otherTypes: Map<string, number>;
}

function readRow(b: ExportBuilder, col: Columns, cells: ReadonlyMap<string, string>, where: string, counts: RowCounts): void {
  const type = (cells.get(col.type) ?? 'Usage').trim();
  const name = cells.get(col.productName)?.trim() || productNameInMap(col.productMap ? cells.get(col.productMap) : undefined);
  const cls = classifyBedrockRow((cells.get(col.usageType) ?? '').trim(), (cells.get(col.product) ?? '').trim(), name);
  if (!cls) return void counts.notBedrock++;
  b.read++;
  if (!USAGE_TYPES.has(type.toLowerCase())) return void counts.otherTypes.set(type, (counts.otherTypes.get(type) ?? 0) + 1);
  const start = dayOfIso(cells.get(col.start));
  if (!start) return b.problems.add('error', where, `${col.start} "${(cells.get(col.start) ?? '').slice(0, 30)}" is not a date; row skipped`, 'start date');
  const currency = cells.get(col.currency)?.trim();
  if (currency && currency.toUpperCase() !== 'USD') return b.problems.add('error', where, `currency "${currency.slice(0, 10)}": only USD bills are compared; row skipped`, 'currency');
  const amount = readNumber(cells.get(col.amount), col.amount);
  const netCell = cells.get(col.net)?.trim();
  const cost = readNumber(netCell ? netCell : cells.get(col.cost), netCell ? col.net : col.cost, true);
  for (const r of [amount, cost]) if ('problem' in r) return b.problems.add('error', where, `${r.problem}; row skipped`, r.problem.split(' ')[0]);
  const measures: { -readonly [K in keyof BilledMeasures]: number } = {};
  if ('value' in cost) measures.cost = cost.value;
  const unit = tokensPerUnit(cells.get(col.unit), cls.family);
  if (cls.measure && 'value' in amount && unit.factor !== undefined) measures[cls.measure] = amount.value * unit.factor;
  else if (cls.measure && 'value' in amount) b.problems.add('warning', where, `pricing unit "${(cells.get(col.unit) ?? '').slice(0, 20)}" is not a token unit Tokentier knows: tokens not read, cost kept`, 'unit');
  if (!cls.measure) b.problems.add('info', where, `usage type "${(cells.get(col.usageType) ?? '').slice(0, 80)}" bills no token kind Tokentier knows: cost kept, tokens not read`, 'usage type');
  if (unit.inferred && cls.measure) b.problems.add('info', undefined, `${cls.family === 'marketplace' ? 'Marketplace' : 'Amazon Bedrock'} usage amounts read as ${cls.family === 'marketplace' ? 'millions' : 'thousands'} of tokens (inferred from AWS Price List units; not verified on a real export)`, `unit ${cls.family}`);
  if (!cls.model) b.problems.add('warning', where, 'no product name or model in this Bedrock row: its usage is unattributed (include the product column in the export)', 'no model');
  const days = rowDays(start, cells.get(col.end));
  if (days.length > 1) b.problems.add('info', where, `the row covers ${days.length} days (${days[0]} to ${days[days.length - 1]}): spread evenly over them`, 'spread');
  b.used++;
  for (const d of days) b.add(d, cls.model, Object.fromEntries(Object.entries(measures).map(([k, v]) => [k, v / days.length])) as BilledMeasures, where);
}

/** Reads CUR rows (either header family); every row that is not Bedrock token usage is counted and left out. */
export function parseAwsCur(text: string, file: string, id: Extract<ExportFormatId, 'aws-cur2-csv' | 'aws-cur-legacy-csv'>): ParsedExport {
  const b = new ExportBuilder(file, exportFormat(id));
  const table = readCsvTable(text);
  if (!checkHeader(table.header, b.format, b.problems)) return b.result();
  const col = id === 'aws-cur2-csv' ? CUR2 : LEGACY;
  const counts: RowCounts = { notBedrock: 0, otherTypes: new Map() };
  for (const { row, cells } of table.rows) readRow(b, col, cells, `row ${row}`, counts);
  if (counts.notBedrock) b.problems.add('info', undefined, `${counts.notBedrock} row(s) are not Amazon Bedrock token usage: not read`);
  if (counts.otherTypes.size) b.problems.add('info', undefined, `${[...counts.otherTypes].map(([t, n]) => `${n} ${t}`).join(', ')} row(s) left out: only usage is compared with the estimate`);
  return b.result();
}
