/**
 * The typed messages between the extension host and the webview panels. Both bundles import this file;
 * the host validates every inbound message with the zod schemas in `protocol/schemas.ts` before use.
 * Handshake: the webview posts `ready`; the host answers with a complete `snapshot`. Later updates are
 * complete snapshots too, never deltas.
 */
import type { CostCurve, Precision, TierComparison, Workload } from '../core/tiers/types';

/**
 * What the Tier Advisor analyses: the whole workspace, one file, or one call site.
 * `uri` is a VS Code URI string (`file:///…`); `siteId` is a `CallSite.id`.
 */
export type AdvisorScope =
  | { readonly kind: 'workspace' }
  | { readonly kind: 'file'; readonly uri: string }
  | { readonly kind: 'site'; readonly uri: string; readonly siteId: string };

/**
 * The user's edits of the workload and options, always sent whole (never as a delta). An absent field keeps the
 * value derived from the code (or the model's default); `null` on a target clears it ("no target").
 */
export interface AdvisorEdits {
  /** Average requests per day. */
  readonly requestsPerDay?: number;
  /** Expected input tokens per request. */
  readonly inputTokens?: number;
  /** Expected output tokens per request (reasoning included: they are generated tokens). */
  readonly outputTokens?: number;
  /** Time-to-first-token target in ms; null = no target. */
  readonly ttftTargetMs?: number | null;
  /** End-to-end latency target in ms; null = no target. */
  readonly e2eTargetMs?: number | null;
  /** Catalogue id of the open-weight model the self-hosted tiers run. */
  readonly selfHostModelId?: string;
  readonly precision?: Precision;
  /** USD per kWh. */
  readonly electricityUsdPerKWh?: number;
  /** Target average utilisation of self-hosted capacity, 0–1. */
  readonly utilisation?: number;
}

/** An entry of the scope picker. `label` is untrusted text (paths, model names from code). */
export interface AdvisorScopeChoice {
  readonly scope: AdvisorScope;
  readonly label: string;
}

/** An open-weight model the user can pick for the self-hosted tiers. */
export interface AdvisorModelChoice {
  readonly id: string;
  readonly name: string;
  /** e.g. `70B dense`, `117B MoE (5.1B active)`. */
  readonly detail: string;
}

/** A region preset for the electricity price (from the reference data, with its source). */
export interface AdvisorRegionChoice {
  readonly label: string;
  readonly usdPerKWh: number;
  /** Source and date, for the tooltip. */
  readonly source: string;
}

/** Everything the Tier Advisor shows; computed entirely on the host (the webview does no modelling). */
export interface AdvisorView {
  readonly scope: AdvisorScope;
  /** Human label of the scope (untrusted: contains paths). */
  readonly scopeLabel: string;
  readonly scopes: readonly AdvisorScopeChoice[];
  /** Non-ignored call sites in the scope, and how many of them have a price. */
  readonly sites: number;
  readonly pricedSites: number;
  /** The workload as derived from the code, before edits (null: no call sites in scope). */
  readonly derived: Workload | null;
  /** The edits in force. */
  readonly edits: AdvisorEdits;
  /** The workload actually compared (derived + edits, or a default when the scope has no sites). */
  readonly workload: Workload;
  /** How each workload figure was derived from the code (for tooltips). */
  readonly workloadNotes: Readonly<Record<'requestsPerDay' | 'inputTokens' | 'outputTokens' | 'api' | 'selfHostModelId', string>>;
  readonly comparison: TierComparison | null;
  /** Monthly cost vs requests/day for each tier (chart). */
  readonly curve: CostCurve | null;
  readonly models: readonly AdvisorModelChoice[];
  readonly precisions: readonly Precision[];
  /** Electricity price presets by region. */
  readonly regions: readonly AdvisorRegionChoice[];
  /** Problems to show above the table (untrusted text possible). */
  readonly messages: readonly string[];
}

/** A snapshot of what the panel shows. */
export interface PanelSnapshot {
  /** Panel kind; each kind renders differently. */
  readonly view: 'advisor' | 'report';
  readonly title: string;
  /** Untrusted text from code (model names, paths): always rendered as text, never as HTML. */
  readonly rows: readonly { readonly label: string; readonly detail: string }[];
  /** Anything view-specific; typed per view by later issues. */
  readonly data?: unknown;
  /** The Tier Advisor's content, when `view` is `advisor`. */
  readonly advisor?: AdvisorView;
}

/** Export formats of the comparison. */
export type ExportFormat = 'markdown' | 'csv' | 'json';

/** Host → webview. */
export type ToWebview =
  | { readonly type: 'snapshot'; readonly snapshot: PanelSnapshot }
  | { readonly type: 'error'; readonly message: string }
  /** Result of an `export` request, shown as a status line (path is untrusted text). */
  | { readonly type: 'exported'; readonly ok: boolean; readonly message: string };

/** Webview → host. */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string }
  /** Replace the edits in force with these (complete, not a delta) and recompute. */
  | { readonly type: 'edit'; readonly edits: AdvisorEdits }
  /** Analyse another scope (edits are kept). */
  | { readonly type: 'setScope'; readonly scope: AdvisorScope }
  /** Ask the host to save the comparison (the host shows a save dialog). */
  | { readonly type: 'export'; readonly format: ExportFormat }
  /** Re-read the workload from the code. */
  | { readonly type: 'refresh' };

/**
 * What the webview keeps in `setState`: UI state only (selected tab, the inputs being edited, the scope).
 * Comparison data is never stored: it is fetched again from the host after a reload.
 */
export interface AdvisorUiState {
  readonly tab?: number;
  readonly scope?: AdvisorScope;
  readonly edits?: AdvisorEdits;
}
