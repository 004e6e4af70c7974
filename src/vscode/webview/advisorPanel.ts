import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { AdvisorEdits, AdvisorScope, AdvisorScopeChoice, AdvisorSettings, AdvisorView, AdvisorViewInput } from '../../core/tiers/advisorView';
import { toCsv, toJson, toMarkdown, workspaceLabel } from '../../core/tiers/present';
import type { SiteEstimate } from '../../core/types';
import type { ExportFormat, PanelSnapshot, ToWebview } from '../../protocol/messages';
import { parseAdvisorScope, parseAdvisorUiState, parseFromWebview } from '../../protocol/schemas';
import { panelHtml, panelOptions } from './html';

export const ADVISOR_VIEW_TYPE = 'tokentier.tierAdvisor';
export const OPEN_TIER_ADVISOR_COMMAND = 'tokentier.openTierAdvisor';

/** What the advisor needs from the rest of the extension. */
export interface AdvisorDeps {
  readonly logger: Logger;
  /** The analysed call sites of a scope (workspace, file or one site). Should not throw; a rejection is shown. */
  readonly getWorkload: (scope: AdvisorScope) => Promise<readonly SiteEstimate[]>;
  /**
   * The view model (src/core/tiers/advisorView.ts `computeAdvisorView`), from the lazily loaded engine bundle so the
   * tier model's tables never load at activation.
   */
  readonly computeView: (input: AdvisorViewInput) => Promise<AdvisorView>;
  /** Fires when the analysed code changes (e.g. the workspace model's onDidChange); the open panel then recomputes. */
  readonly onDidChangeWorkload?: vscode.Event<void>;
  /** The `tokentier.tiers.*` settings (users, electricity, grid intensity); the panel's edits override them. */
  readonly settings?: () => AdvisorSettings;
}

/** Workspace-relative path of a URI, for labels. */
function relPath(uri: string): string {
  try {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
  } catch {
    return uri;
  }
}

/** Short scope name for the tab title: the file name, plus the line for a call site. */
function tabScope(scope: Exclude<AdvisorScope, { kind: 'workspace' }>, estimates: readonly SiteEstimate[]): string {
  const base = relPath(scope.uri).split('/').pop() ?? scope.uri;
  if (scope.kind === 'file') return base;
  const e = estimates.find((x) => x.site.id === scope.siteId);
  return e ? `${base}:${e.site.line}` : base;
}

/**
 * Normalises the command argument: an {@link AdvisorScope}, a hint's `{ uri, siteId }`, a `vscode.Uri` (explorer
 * context menu) or nothing. `file` without a URI means the active editor's document.
 */
export function scopeFromArg(arg: unknown): AdvisorScope {
  if (arg instanceof vscode.Uri) return { kind: 'file', uri: arg.toString() };
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as Record<string, unknown>;
    const uri = o.uri instanceof vscode.Uri ? o.uri.toString() : o.uri;
    const kind = o.kind ?? (o.siteId !== undefined ? 'site' : uri !== undefined ? 'file' : undefined);
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const parsed = parseAdvisorScope({ ...o, kind, uri: uri ?? (kind === 'file' ? active : undefined) });
    if (parsed) return parsed;
  }
  return { kind: 'workspace' };
}

/** The Tier Advisor panel (one at a time). The host computes everything; the webview renders snapshots and sends edits. */
export class AdvisorPanel implements vscode.Disposable {
  private static current: AdvisorPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  private view: AdvisorView | undefined;
  private disposed = false;

  /** Opens (or reveals) the panel on `scope`. */
  static show(extensionUri: vscode.Uri, deps: AdvisorDeps, scope: AdvisorScope): AdvisorPanel {
    const existing = AdvisorPanel.current;
    if (existing) {
      existing.panel.reveal();
      existing.setScope(scope);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ADVISOR_VIEW_TYPE, 'Tokentier: Tier Advisor', vscode.ViewColumn.Active, panelOptions(extensionUri));
    return (AdvisorPanel.current = new AdvisorPanel(panel, extensionUri, deps, scope, {}));
  }

  /** Restores a panel after a reload from the webview's own (validated) state. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, deps: AdvisorDeps, state: unknown): AdvisorPanel {
    panel.webview.options = panelOptions(extensionUri);
    const ui = parseAdvisorUiState(state);
    deps.logger.info(`Tier Advisor restored after a reload (scope: ${ui.scope?.kind ?? 'workspace'}, ${Object.keys(ui.edits ?? {}).length} edit(s)).`);
    AdvisorPanel.current?.dispose();
    return (AdvisorPanel.current = new AdvisorPanel(panel, extensionUri, deps, ui.scope ?? { kind: 'workspace' }, ui.edits ?? {}));
  }

  /** The open panel, if any (tests). */
  static get active(): AdvisorPanel | undefined {
    return AdvisorPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly deps: AdvisorDeps,
    private scope: AdvisorScope,
    private edits: AdvisorEdits,
  ) {
    panel.webview.html = panelHtml(panel.webview, extensionUri, 'Tokentier: Tier Advisor');
    panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw), undefined, this.disposables);
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    if (deps.onDidChangeWorkload) {
      // Coalesce bursts (a rescan fires per file) into one recompute half a second after the last change.
      let timer: ReturnType<typeof setTimeout> | undefined;
      this.disposables.push(
        deps.onDidChangeWorkload(() => {
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => void this.refresh(), 500);
        }),
        { dispose: () => timer && clearTimeout(timer) },
      );
    }
  }

  /** The scope shown (tests). */
  get currentScope(): AdvisorScope {
    return this.scope;
  }

  /** The last view sent (tests). */
  get lastView(): AdvisorView | undefined {
    return this.view;
  }

  private setScope(scope: AdvisorScope): void {
    this.scope = scope;
    void this.refresh();
  }

  private onMessage(raw: unknown): void {
    const msg = parseFromWebview(raw);
    if (!msg) {
      // Only the type is logged (bounded): the payload is untrusted and may be large.
      const type = typeof raw === 'object' && raw !== null ? String((raw as { type?: unknown }).type).slice(0, 40) : typeof raw;
      this.deps.logger.warn(`Tier Advisor: ignored an unknown or malformed webview message (type: ${JSON.stringify(type)}).`);
      return;
    }
    switch (msg.type) {
      case 'ready':
      case 'refresh':
        void this.refresh();
        break;
      case 'log':
        this.deps.logger[msg.level](`[webview] ${msg.message}`);
        break;
      case 'edit':
        this.edits = msg.edits;
        void this.refresh();
        break;
      case 'setScope':
        this.setScope(msg.scope);
        break;
      case 'export':
        void this.export(msg.format);
        break;
    }
  }

  private scopeLabel(scope: AdvisorScope, estimates: readonly SiteEstimate[]): string {
    switch (scope.kind) {
      case 'workspace':
        return workspaceLabel(vscode.workspace.name);
      case 'file':
        return relPath(scope.uri);
      case 'site': {
        const e = estimates.find((x) => x.site.id === scope.siteId);
        return e ? `${relPath(scope.uri)}:${e.site.line} ${e.site.method} (${e.site.model.id ?? 'unknown model'})` : `${relPath(scope.uri)} (call site)`;
      }
    }
  }

  /** Scope picker entries: the workspace, each file with sites, each site (from the workspace analysis). */
  private scopeChoices(workspace: readonly SiteEstimate[], current: AdvisorScope, currentLabel: string): AdvisorScopeChoice[] {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const choices: AdvisorScopeChoice[] = [{ scope: { kind: 'workspace' }, label: 'Whole workspace' }];
    const files = new Map<string, SiteEstimate[]>();
    for (const e of workspace) if (!e.site.ignored) files.set(e.site.file, [...(files.get(e.site.file) ?? []), e]);
    for (const [file, sites] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      if (!folder) break;
      const uri = vscode.Uri.joinPath(folder, ...file.split('/')).toString();
      choices.push({ scope: { kind: 'file', uri }, label: `File: ${file}` });
      for (const e of sites) {
        choices.push({ scope: { kind: 'site', uri, siteId: e.site.id }, label: `Call: ${file}:${e.site.line} ${e.site.model.id ?? 'unknown model'}` });
      }
    }
    // Keep the current scope selectable even when the workspace analysis does not list it (a file outside the folder).
    const key = JSON.stringify(current);
    if (!choices.some((c) => JSON.stringify(c.scope) === key)) choices.push({ scope: current, label: currentLabel });
    return choices;
  }

  /** Recomputes the whole view and posts it as one snapshot. Older runs still in flight are dropped. */
  async refresh(): Promise<void> {
    const gen = ++this.generation;
    const scope = this.scope;
    try {
      const [workspaceSites, scopeSites] = await Promise.all([
        this.deps.getWorkload({ kind: 'workspace' }),
        scope.kind === 'workspace' ? Promise.resolve(undefined) : this.deps.getWorkload(scope),
      ]);
      // Yield once: when edits arrive in a burst, only the newest one pays for the (synchronous) comparison.
      await new Promise((r) => setTimeout(r, 0));
      if (gen !== this.generation || this.disposed) return;
      const estimates = scopeSites ?? workspaceSites;
      const view = await this.compute(scope, estimates, workspaceSites);
      // The first computation may wait for the engine bundle to load: a newer refresh may have started meanwhile.
      if (gen !== this.generation || this.disposed) return;
      // Edits that no longer apply (a self-hosted model not in the catalogue) were dropped: keep the ones in force.
      this.edits = view.edits;
      this.view = view;
      // The tab says which scope it shows (plain text: VS Code renders panel titles as text).
      this.panel.title = scope.kind === 'workspace' ? 'Tokentier: Tier Advisor' : `Tokentier: Tier Advisor (${tabScope(scope, estimates)})`;
      const snapshot: PanelSnapshot = { view: 'advisor', title: 'Tier Advisor', rows: [], advisor: view };
      this.post({ type: 'snapshot', snapshot });
    } catch (e) {
      if (gen !== this.generation || this.disposed) return;
      this.deps.logger.error(e instanceof Error ? e : String(e));
      this.post({ type: 'error', message: `The Tier Advisor could not compute the comparison: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private async compute(scope: AdvisorScope, estimates: readonly SiteEstimate[], workspaceSites: readonly SiteEstimate[]): Promise<AdvisorView> {
    const scopeLabel = this.scopeLabel(scope, estimates);
    const settings = this.deps.settings?.();
    return this.deps.computeView({ scope, scopeLabel, scopes: this.scopeChoices(workspaceSites, scope, scopeLabel), estimates, edits: this.edits, ...(settings ? { settings } : {}) });
  }

  /** Saves the comparison: a save dialog, confirmation before overwriting, an atomic write (temp file + rename). */
  private async export(format: ExportFormat): Promise<void> {
    const view = this.view;
    if (!view?.comparison) {
      this.post({ type: 'exported', ok: false, message: 'Nothing to export yet.' });
      return;
    }
    const ext = format === 'markdown' ? 'md' : format;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export Tier Advisor comparison',
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `tier-advisor.${ext}`) } : {}),
      filters: format === 'markdown' ? { Markdown: ['md'] } : format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    });
    if (!target) {
      this.post({ type: 'exported', ok: false, message: 'Export cancelled.' });
      return;
    }
    const now = new Date().toISOString();
    const text = format === 'markdown' ? toMarkdown(view, now) : format === 'csv' ? toCsv(view) : toJson(view, now);
    try {
      const written = await writeFileAtomic(target, text, async () => {
        const choice = await vscode.window.showWarningMessage(`${relPath(target.toString())} exists. Replace it?`, { modal: true }, 'Replace');
        return choice === 'Replace';
      });
      this.post({ type: 'exported', ok: written, message: written ? `Saved ${relPath(target.toString())}` : 'Export cancelled: the file was kept.' });
    } catch (e) {
      this.deps.logger.error(e instanceof Error ? e : String(e));
      this.post({ type: 'exported', ok: false, message: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private post(message: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (AdvisorPanel.current === this) AdvisorPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/**
 * Writes `text` to `target` atomically: a temp file in the same folder, then a rename over the target, so a crash
 * never leaves a half-written file. If the target exists, `confirmOverwrite` decides (false → nothing written).
 * Returns whether the file was written.
 */
export async function writeFileAtomic(target: vscode.Uri, text: string, confirmOverwrite: () => Promise<boolean>): Promise<boolean> {
  let exists = false;
  try {
    await vscode.workspace.fs.stat(target);
    exists = true;
  } catch {
    exists = false;
  }
  if (exists && !(await confirmOverwrite())) return false;
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  const suffix = Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join('');
  const tmp = target.with({ path: `${target.path}.${suffix}.tmp` });
  try {
    await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(text));
    await vscode.workspace.fs.rename(tmp, target, { overwrite: true });
  } catch (e) {
    await Promise.resolve(vscode.workspace.fs.delete(tmp)).catch(() => undefined);
    throw e;
  }
  return true;
}

/**
 * Registers the Tier Advisor: the `tokentier.openTierAdvisor` command (argument: an optional scope — see
 * {@link scopeFromArg}) and the serializer that restores the panel after a reload. Disposables go to the context.
 */
export function registerTierAdvisor(context: vscode.ExtensionContext, deps: AdvisorDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_TIER_ADVISOR_COMMAND, (arg?: unknown) => {
      AdvisorPanel.show(context.extensionUri, deps, scopeFromArg(arg));
    }),
    vscode.window.registerWebviewPanelSerializer(ADVISOR_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        AdvisorPanel.revive(panel, context.extensionUri, deps, state);
      },
    }),
    { dispose: () => AdvisorPanel.active?.dispose() },
  );
}
