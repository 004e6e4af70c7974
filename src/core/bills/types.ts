/**
 * The shapes usage and bill exports are read into (src/core/bills/*), before reconciliation
 * (src/core/reconcile/*). Plain data; the parsers are pure and never throw: bad rows become diagnostics.
 * The formats themselves, with their sources and how sure we are of each column, are in docs/reconcile.md.
 */
import type { Diagnostic } from '../types';

/** Who sent the bill: the platform whose export it is. Sites are compared only with bills of their own platform. */
export type BillPlatform = 'openai' | 'anthropic' | 'bedrock';

/** The export formats Tokentier reads (docs/reconcile.md has one section each). */
export type ExportFormatId =
  | 'openai-usage-json'
  | 'openai-costs-json'
  | 'openai-usage-csv'
  | 'openai-cost-csv'
  | 'openai-empty-csv'
  | 'anthropic-usage-json'
  | 'anthropic-cost-json'
  | 'anthropic-tokens-csv'
  | 'anthropic-cost-csv'
  | 'aws-cur2-csv'
  | 'aws-cur-legacy-csv';

/**
 * Billed token counts, disjoint: total input = `uncachedInput + cacheRead + cacheWrite`. Every field is optional:
 * a record has exactly the measures its row states (an OpenAI cost line item states one of them). When an export does
 * not split its input (an old OpenAI usage result without `input_cached_tokens`), all of it is `uncachedInput` and
 * `cacheRead` is absent, so the total stays right and the cache hit rate stays unknown.
 */
export interface BilledMeasures {
  readonly uncachedInput?: number;
  readonly cacheRead?: number;
  readonly cacheWrite?: number;
  readonly output?: number;
  /** Requests (OpenAI usage only: Anthropic and AWS exports count no requests). */
  readonly requests?: number;
  /** Money billed, in USD. */
  readonly cost?: number;
}

/** The keys of {@link BilledMeasures}. */
export type MeasureKey = keyof BilledMeasures;

/** Every measure, in display order. */
export const MEASURE_KEYS: readonly MeasureKey[] = ['requests', 'uncachedInput', 'cacheRead', 'cacheWrite', 'output', 'cost'];

/**
 * How the export names the model. `id`: an API id (`gpt-4o-mini-2024-07-18`); `name`: a display name
 * (`Claude Haiku 4.5`, Anthropic's cost CSV and Bedrock Marketplace product names) that the reconciler maps to an id
 * only through an exact match in the price table; absent: the export is not grouped by model (a daily total).
 */
export type BilledModel = { readonly id: string } | { readonly name: string; readonly vendor: 'anthropic' | 'any' };

/** One row (or one JSON result) of an export, reduced to what reconciliation needs. */
export interface UsageRecord {
  readonly platform: BillPlatform;
  /** The UTC day the usage falls on (`YYYY-MM-DD`). */
  readonly day: string;
  readonly model?: BilledModel;
  readonly measures: BilledMeasures;
  /** Where it came from, for messages: `file: row 7` or `file: data[2].results[0]`. */
  readonly where: string;
}

/** An export read into records. */
export interface ParsedExport {
  /** The file name as the user gave it. */
  readonly file: string;
  /** Undefined when the format was not recognised (then `records` is empty and a diagnostic says why). */
  readonly format?: ExportFormatId;
  readonly platform?: BillPlatform;
  readonly records: readonly UsageRecord[];
  /** Every UTC day the export has a bucket for, used or not (OpenAI and Anthropic list empty days). */
  readonly days: readonly string[];
  /** Bad rows, unknown columns, skipped lines: each with the file and row. */
  readonly diagnostics: readonly Diagnostic[];
  /** Data rows (or JSON results) read, and how many of them were used. */
  readonly rows: { readonly read: number; readonly used: number };
}

/** Exports larger than this are not read (a 1-minute OpenAI export of a busy month is a few MB). */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

/** The code of every diagnostic about an export. */
export const EXPORT_DIAGNOSTIC = 'usage-export';
