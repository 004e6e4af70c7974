/**
 * Recognises an export by its content (never by its file name alone) and reads it. Never throws: an unknown or
 * broken file becomes a {@link ParsedExport} with no records and an error that says what was expected.
 */
import { parseAnthropicCostCsv, parseAnthropicCostJson, parseAnthropicTokensCsv, parseAnthropicUsageJson } from './anthropic';
import { parseAwsCur } from './aws';
import { ExportProblems, isObj, readCsvTable, type Obj } from './common';
import { parseOpenAiCostsJson, parseOpenAiCsv, parseOpenAiUsageJson } from './openai';
import { MAX_EXPORT_BYTES, type ExportFormatId, type ParsedExport } from './types';


const WHAT_WE_READ =
  'Tokentier reads OpenAI usage/cost exports (Usage API or Costs API JSON, dashboard CSVs), Anthropic usage/cost reports (Admin API JSON, Console CSVs) and AWS Cost and Usage Report CSVs with Amazon Bedrock rows; see docs/reconcile.md';


/** The first result object of the first non-empty bucket of a page (or array of pages), and the bucket. */
function firstResult(json: unknown): { bucket?: Obj; result?: Obj } {
  const pages = Array.isArray(json) ? json : [json];
  let first: Obj | undefined;
  for (const p of pages) {
    if (!isObj(p) || !Array.isArray(p['data'])) continue;
    for (const b of p['data']) {
      if (!isObj(b)) continue;
      first ??= b;
      const r = Array.isArray(b['results']) ? b['results'].find(isObj) : undefined;
      if (r) return { bucket: b, result: r };
    }
  }
  return first ? { bucket: first } : {};
}

/** Which JSON export this is, or why it is not one we read. */
export function detectJson(json: unknown): ExportFormatId | string {
  const { bucket, result } = firstResult(json);
  if (!bucket) return 'a JSON file without a "data" list of buckets';
  if ('start_time' in bucket) {
    if (!result) return 'openai-usage-json';
    const object = typeof result['object'] === 'string' ? result['object'] : '';
    if (isObj(result['amount']) || object === 'organization.costs.result') return 'openai-costs-json';
    if (object && object !== 'organization.usage.completions.result') return `an OpenAI usage export of "${object.slice(0, 60)}" (only completions usage is compared with LLM call sites)`;
    if ('input_tokens' in result || 'num_model_requests' in result) return 'openai-usage-json';
    return 'an OpenAI-style page whose results have neither token counts nor amounts';
  }
  if ('starting_at' in bucket) {
    if (!result) return 'anthropic-usage-json';
    if ('uncached_input_tokens' in result || 'output_tokens' in result) return 'anthropic-usage-json';
    if ('amount' in result) return 'anthropic-cost-json';
    return 'an Anthropic-style report whose results have neither token counts nor amounts';
  }
  return 'a JSON file whose buckets have neither start_time (OpenAI) nor starting_at (Anthropic)';
}

/** Which CSV export a header belongs to, or why it is none of them. */
export function detectCsv(header: readonly string[]): ExportFormatId | string {
  const has = (c: string) => header.includes(c);
  if (has('line_item_usage_type')) return 'aws-cur2-csv';
  if (has('lineItem/UsageType')) return 'aws-cur-legacy-csv';
  if (has('usage_date_utc') && has('model_version')) return 'anthropic-tokens-csv';
  if (has('usage_date_utc') && has('cost_usd')) return 'anthropic-cost-csv';
  if (has('start_time') && has('amount_value')) return 'openai-cost-csv';
  if (has('start_time') && (has('input_tokens') || has('num_model_requests'))) return 'openai-usage-csv';
  if (has('start_time') && header.every((h) => /^(start|end)_time(_iso)?$/.test(h))) return 'openai-empty-csv';
  return `a CSV file with the columns ${header.slice(0, 6).map((h) => `"${h.slice(0, 40)}"`).join(', ')}${header.length > 6 ? ', …' : ''}`;
}

function unrecognised(file: string, message: string): ParsedExport {
  const p = new ExportProblems(file);
  p.add('error', undefined, message);
  return { file, records: [], days: [], diagnostics: p.done(), rows: { read: 0, used: 0 } };
}

function parseJsonExport(text: string, file: string): ParsedExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return unrecognised(file, `not valid JSON (${e instanceof Error ? e.message.slice(0, 120) : 'parse error'}); ${WHAT_WE_READ}`);
  }
  const id = detectJson(json);
  switch (id) {
    case 'openai-usage-json':
      return parseOpenAiUsageJson(json, file);
    case 'openai-costs-json':
      return parseOpenAiCostsJson(json, file);
    case 'anthropic-usage-json':
      return parseAnthropicUsageJson(json, file);
    case 'anthropic-cost-json':
      return parseAnthropicCostJson(json, file);
    default:
      return unrecognised(file, `not a usage export Tokentier knows: ${id}. ${WHAT_WE_READ}`);
  }
}

/**
 * Reads one export. `text` is the file's content (UTF-8, a BOM is fine); `file` is the name shown in messages.
 * The format is recognised from the content: JSON by its bucket and result fields, CSV by its header.
 */
export function parseExport(text: string, file: string): ParsedExport {
  try {
    if (text.length > MAX_EXPORT_BYTES) return unrecognised(file, `is over the ${MAX_EXPORT_BYTES / 1024 / 1024} MB limit: not read`);
    const body = text.replace(/^\ufeff/, '');
    if (body.trim() === '') return unrecognised(file, 'is empty');
    if (/^\s*[[{]/.test(body)) return parseJsonExport(body, file);
    if (body.includes('\u0000')) return unrecognised(file, 'is a binary file (a compressed .gz or .parquet export must be unpacked to CSV first)');
    const header = readCsvTable(body.slice(0, body.search(/\r?\n|$/))).header;
    const id = detectCsv(header);
    switch (id) {
      case 'aws-cur2-csv':
      case 'aws-cur-legacy-csv':
        return parseAwsCur(body, file, id);
      case 'anthropic-tokens-csv':
        return parseAnthropicTokensCsv(body, file);
      case 'anthropic-cost-csv':
        return parseAnthropicCostCsv(body, file);
      case 'openai-cost-csv':
        return parseOpenAiCsv(body, file, 'cost');
      case 'openai-usage-csv':
        return parseOpenAiCsv(body, file, 'usage');
      case 'openai-empty-csv':
        return parseOpenAiCsv(body, file, 'empty');
      default:
        return unrecognised(file, `not a usage export Tokentier knows: ${id}. ${WHAT_WE_READ}`);
    }
  } catch (e) {
    // Parsers are written not to throw; this keeps a bug from costing the user the rest of the run.
    return unrecognised(file, `could not be read (${e instanceof Error ? e.message.slice(0, 200) : String(e)}); please report this`);
  }
}

