/**
 * The result of `tokentier reconcile`: billed usage against the scan's estimates, per model and day. Plain data; the
 * JSON output is this object (versioned by `schemaVersion`, described in schemas/reconcile.schema.json).
 */
import type { BillPlatform, ExportFormatId } from '../bills/types';
import type { Diagnostic } from '../types';

/** Version of the reconcile JSON (semver; a major bump is a breaking change). */
export const RECONCILE_SCHEMA_VERSION = '1.0.0';

/** Per-day figures on one side of the comparison. Billed figures are absent when no export states them. */
export interface DayFigures {
  /** Calls (predicted) or requests (billed; OpenAI usage exports only). */
  readonly calls?: number;
  /** All input tokens, cached and cache writes included. */
  readonly input?: number;
  readonly cacheRead?: number;
  readonly cacheWrite?: number;
  /** Output tokens, reasoning included. */
  readonly output?: number;
  /** Money, in the comparison currency. Predicted: null when a site's price is unknown. */
  readonly cost?: number | null;
}

/** (predicted − billed) ÷ billed per measure; absent when either side lacks it or nothing was billed. */
export type Errors = Partial<Record<'calls' | 'input' | 'cacheRead' | 'output' | 'cost' | 'tokens', number>>;

/** What the scale factor of a model's sites is the ratio of. */
export type ScaleBasis = 'requests' | 'input-tokens' | 'cost' | 'output-tokens';

/** One call site of a compared model, with its share of the model's predicted figures. */
export interface ReconciledSite {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly cell?: number;
  readonly model: string;
  readonly predicted: DayFigures;
}

/** One model on one platform: its sites, what was billed and what was predicted, per day and on average. */
export interface ModelComparison {
  readonly platform: BillPlatform;
  /** The comparison key (a price-table entry, `openai:gpt-4o-mini`, or `model:<id>`). */
  readonly key: string;
  /** The model as the code names it (or as billed, when no site calls it). */
  readonly model: string;
  /** The ids and names the exports use for it. */
  readonly billedAs: readonly string[];
  /** `matched`: billed and called in the code; `billed-only`: no site calls it; `predicted-only`: not in the bill. */
  readonly status: 'matched' | 'billed-only' | 'predicted-only';
  readonly sites: readonly ReconciledSite[];
  /** Averages per day over the platform's period. */
  readonly billed: DayFigures;
  readonly predicted: DayFigures;
  readonly error: Errors;
  /** billed ÷ predicted of `basis`: the factor every site of the model is scaled by. */
  readonly scale?: { readonly factor: number; readonly basis: ScaleBasis };
  /** Day by day: what was billed that day, and the error of the (constant) daily prediction. */
  readonly days: readonly { readonly day: string; readonly billed: DayFigures; readonly error: Errors }[];
}

/** A platform's period: the first to the last day with billed usage, in every export of that platform. */
export interface PlatformPeriod {
  readonly platform: BillPlatform;
  readonly from: string;
  readonly to: string;
  readonly days: number;
  /** Days the exports list with no usage, before or after the period (often today's partial day): not counted. */
  readonly emptyDaysLeftOut: readonly string[];
  /** Billed figures without a model (daily totals, line items naming no model, unmapped names), per day. */
  readonly unattributed: DayFigures;
  /** The names and ids billed that no single model matches. */
  readonly unmatchedNames: readonly string[];
  /**
   * Everything billed on the platform (attributed or not) against every site on it: the one comparison a daily-total
   * export (no model) allows.
   */
  readonly total: { readonly billed: DayFigures; readonly predicted: DayFigures; readonly error: Errors };
}

/** One export read. */
export interface ExportSummary {
  readonly file: string;
  readonly format?: ExportFormatId;
  readonly label?: string;
  readonly platform?: BillPlatform;
  readonly rows: { readonly read: number; readonly used: number };
  readonly from?: string;
  readonly to?: string;
}

/** A proposed change to one site's usage-file entry (only fields that change are set). */
export interface SiteProposal {
  readonly siteId: string;
  readonly file: string;
  readonly line: number;
  readonly model: string;
  /** The usage-file `match` the entry uses (unique to this site among the scanned ones). */
  readonly match: Readonly<Record<string, string | number>>;
  readonly callsPerDay?: { readonly from: number; readonly to: number };
  readonly outputTokens?: { readonly from: number; readonly to: number };
  readonly cacheHitRate?: { readonly from: number; readonly to: number };
  /** Why a wanted change could not be proposed (e.g. an inline annotation sets the value). */
  readonly notes: readonly string[];
}

/** Everything `reconcile` found. */
export interface ReconcileResult {
  readonly schemaVersion: typeof RECONCILE_SCHEMA_VERSION;
  readonly kind: 'tokentier-reconcile';
  readonly generatedAt: string;
  readonly root: string;
  /** The currency costs are compared in (the report's). */
  readonly currency: string;
  readonly profile: string;
  readonly exports: readonly ExportSummary[];
  readonly periods: readonly PlatformPeriod[];
  readonly models: readonly ModelComparison[];
  /** Sites on platforms no export covers, and sites whose model is unknown: not compared. */
  readonly notCompared: readonly { readonly reason: string; readonly sites: readonly string[] }[];
  /** Sentences the output must say (several sites scaled together, cost not comparable, …). */
  readonly notes: readonly string[];
  readonly proposals: readonly SiteProposal[];
  /** After applying the proposals: the error per model, re-estimated (present when proposals were checked). */
  readonly check?: readonly { readonly platform: BillPlatform; readonly model: string; readonly before: Errors; readonly after: Errors }[];
  /** The usage file the proposals are for, and whether they were written. */
  readonly usageFile?: { readonly path: string; readonly written: boolean; readonly diff?: string };
  readonly diagnostics: readonly Diagnostic[];
}
