/**
 * The typed messages between the extension host and the webview panels. Both bundles import this file;
 * the host validates every inbound message with the zod schemas in `protocol/schemas.ts` before use.
 * Handshake: the webview posts `ready`; the host answers with a complete `snapshot`. Later updates are
 * complete snapshots too, never deltas. The Tier Advisor's view model they carry (AdvisorView, its scope and edits) is
 * defined with the code that computes it, src/core/tiers/advisorView.ts.
 */
import type { AdvisorEdits, AdvisorScope, AdvisorView } from '../core/tiers/advisorView';

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
