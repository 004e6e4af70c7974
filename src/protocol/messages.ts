/**
 * The typed messages between the extension host and the webview panels. Both bundles import this file;
 * the host validates every inbound message with the zod schemas in `protocol/schemas.ts` before use.
 * Handshake: the webview posts `ready`; the host answers with a complete `snapshot`. Later updates are
 * complete snapshots too, never deltas.
 */

/** A snapshot of what the panel shows. Foundation slice: the workspace's sites and total. */
export interface PanelSnapshot {
  /** Panel kind; each kind renders differently. */
  readonly view: 'advisor' | 'report';
  readonly title: string;
  /** Untrusted text from code (model names, paths): always rendered as text, never as HTML. */
  readonly rows: readonly { readonly label: string; readonly detail: string }[];
  /** Anything view-specific; typed per view by later issues. */
  readonly data?: unknown;
}

/** Host → webview. */
export type ToWebview =
  | { readonly type: 'snapshot'; readonly snapshot: PanelSnapshot }
  | { readonly type: 'error'; readonly message: string };

/** Webview → host. */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };
