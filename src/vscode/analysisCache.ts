import * as vscode from 'vscode';
import type { SupportedLanguage } from '../core/excludes';
import type { Logger } from '../core/logger';
import type { Diagnostic, SiteEstimate } from '../core/types';
import type { ConfigService } from './config';
import { Disposable } from './disposable';
import { NOTEBOOK_CELL_SCHEME, TEXT_LANGUAGES, notebookOf, notebookToIpynb, notebookVersion, relativePathOf } from './documents';
import type { EngineLoader } from './engineLoader';

/** The core's result for one document (or one whole notebook) at one version. */
export interface AnalysisEntry {
  /** The analysed document's URI string (the notebook's URI for notebooks). */
  readonly key: string;
  readonly version: string;
  /** Workspace-relative path given to the core. */
  readonly path: string;
  readonly folder: vscode.Uri | undefined;
  readonly notebook: boolean;
  readonly estimates: readonly SiteEstimate[];
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds the core spent (detect + estimate), excluding the debounce. */
  readonly ms: number;
}

/** What is analysed for a given text document. */
type Target =
  | { readonly kind: 'text'; readonly key: string; readonly doc: vscode.TextDocument }
  | { readonly kind: 'notebook'; readonly key: string; readonly notebook: vscode.NotebookDocument };

/**
 * Runs the core per document version (debounced by `tokentier.debounceMs`, superseded runs cancelled) and keeps
 * the latest result per document. Works for dirty documents and notebook cells: a cell is analysed as part of its
 * whole notebook, and {@link estimatesFor} maps the notebook's sites to the cell by index. Providers read it and
 * refresh on {@link onDidChange}.
 */
export class AnalysisCache extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<readonly vscode.Uri[]>());
  /** Fires the URIs (documents, notebook cells) whose results changed. */
  readonly onDidChange = this._onDidChange.event;

  private readonly entries = new Map<string, AnalysisEntry>();
  private readonly running = new Map<string, { version: string; cts: vscode.CancellationTokenSource; done: Promise<AnalysisEntry | undefined> }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly configured = new Map<string, number>();
  private generation = 0;
  /** Core times of recent analyses (ms), for the latency benchmark. */
  readonly timings: number[] = [];

  constructor(
    private readonly engines: EngineLoader,
    private readonly config: ConfigService,
    private readonly logger: Logger,
  ) {
    super();
    const subs: vscode.Disposable[] = [];
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document), undefined, subs);
    vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme !== NOTEBOOK_CELL_SCHEME && this.forget(d.uri.toString()), undefined, subs);
    vscode.workspace.onDidChangeNotebookDocument((e) => e.contentChanges.length && this.scheduleNotebook(e.notebook), undefined, subs);
    vscode.workspace.onDidCloseNotebookDocument((n) => this.forget(n.uri.toString()), undefined, subs);
    config.onDidChange(() => this.invalidateAll(), undefined, subs);
    for (const s of subs) this._register(s);
    this._register({ dispose: () => this.stopAll() });
  }

  /** Drops every result and re-analyses on next request (settings, trust or team files changed). */
  invalidateAll(): void {
    this.generation++;
    this.stopAll();
    const uris = [...this.entries.values()].flatMap((e) => this.urisOf(e));
    this.entries.clear();
    if (uris.length) this._onDidChange.fire(uris);
    // Re-analyse what the user sees now, so diagnostics and the tree follow without waiting for a provider request.
    for (const editor of vscode.window.visibleTextEditors) {
      const t = this.targetOf(editor.document);
      if (t) void this.run(t);
    }
  }

  /** The latest result for a document (any version), without starting an analysis. */
  peek(doc: vscode.TextDocument): AnalysisEntry | undefined {
    const t = this.targetOf(doc);
    return t ? this.entries.get(t.key) : undefined;
  }

  /** All current results (open documents and notebooks). */
  all(): readonly AnalysisEntry[] {
    return [...this.entries.values()];
  }

  /**
   * The result for a document. Returns the current version when cached; while a debounced refresh is pending it
   * returns the previous result (the refresh fires {@link onDidChange}); with no result at all it analyses now.
   */
  async get(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<AnalysisEntry | undefined> {
    const t = this.targetOf(doc);
    if (!t) return undefined;
    const version = this.versionOf(t);
    const cached = this.entries.get(t.key);
    if (cached && cached.version === version) return cached;
    const running = this.running.get(t.key);
    if (running && running.version === version) return (await running.done) ?? cached;
    if (cached && this.timers.has(t.key)) return cached;
    const result = await this.run(t);
    return token?.isCancellationRequested ? undefined : result ?? cached;
  }

  /** The estimates shown in one document: for a notebook cell, the notebook's sites in that cell. */
  estimatesFor(doc: vscode.TextDocument, entry: AnalysisEntry | undefined): readonly SiteEstimate[] {
    if (!entry) return [];
    if (!entry.notebook) return entry.estimates;
    const cell = notebookOf(doc)?.cell.index;
    return cell === undefined ? [] : entry.estimates.filter((e) => e.site.cell === cell);
  }

  /** Analyses a document now (no debounce) and returns the result; used by commands and tests. */
  async refresh(doc: vscode.TextDocument): Promise<AnalysisEntry | undefined> {
    const t = this.targetOf(doc);
    return t ? this.run(t) : undefined;
  }

  private schedule(doc: vscode.TextDocument): void {
    const t = this.targetOf(doc);
    if (t) this.debounce(t);
  }

  private scheduleNotebook(notebook: vscode.NotebookDocument): void {
    this.debounce({ kind: 'notebook', key: notebook.uri.toString(), notebook });
  }

  private debounce(t: Target): void {
    // Cancel the analysis of a superseded version at once, then wait for the typing to pause.
    this.running.get(t.key)?.cts.cancel();
    const old = this.timers.get(t.key);
    if (old) clearTimeout(old);
    const delay = this.config.settings.debounceMs;
    this.timers.set(
      t.key,
      setTimeout(() => {
        this.timers.delete(t.key);
        void this.run(t);
      }, delay),
    );
  }

  private run(t: Target): Promise<AnalysisEntry | undefined> {
    const version = this.versionOf(t);
    const existing = this.running.get(t.key);
    if (existing && existing.version === version) return existing.done;
    existing?.cts.cancel();
    const cts = new vscode.CancellationTokenSource();
    const done = this.analyse(t, version, cts.token).finally(() => {
      if (this.running.get(t.key)?.cts === cts) this.running.delete(t.key);
      cts.dispose();
    });
    this.running.set(t.key, { version, cts, done });
    return done;
  }

  private async analyse(t: Target, version: string, token: vscode.CancellationToken): Promise<AnalysisEntry | undefined> {
    const uri = t.kind === 'text' ? t.doc.uri : t.notebook.uri;
    const { folder, path } = relativePathOf(uri);
    const generation = this.generation;
    const engine = await this.engines.engineFor(folder?.uri);
    await this.configure(folder?.uri);
    const text = t.kind === 'text' ? t.doc.getText() : notebookToIpynb(t.notebook);
    const languageId: SupportedLanguage = t.kind === 'text' ? (t.doc.languageId as SupportedLanguage) : 'jupyter';
    const started = performance.now();
    const analysis = await engine.analyzeDocument({ path, text, languageId, version: t.kind === 'text' ? t.doc.version : t.notebook.version }, token);
    const ms = performance.now() - started;
    if (token.isCancellationRequested || generation !== this.generation || this.isDisposed) return undefined;
    this.timings.push(ms);
    if (this.timings.length > 1000) this.timings.splice(0, this.timings.length - 1000);
    const entry: AnalysisEntry = { key: t.key, version, path, folder: folder?.uri, notebook: t.kind === 'notebook', estimates: analysis.estimates, diagnostics: analysis.diagnostics, ms };
    this.entries.set(t.key, entry);
    this.logger.trace(`Analysed ${path} v${version}: ${entry.estimates.length} sites in ${ms.toFixed(1)} ms`);
    this._onDidChange.fire(this.urisOf(entry));
    return entry;
  }

  /** Applies the folder's settings (and team files, via the engine loader) once per settings generation. */
  private async configure(folder: vscode.Uri | undefined): Promise<void> {
    const key = folder?.toString() ?? '';
    if (this.configured.get(key) === this.generation) return;
    const settings = this.config.read(folder);
    const trusted = vscode.workspace.isTrusted;
    const team = trusted && folder ? await this.engines.teamConfigFor(folder, settings) : undefined;
    (await this.engines.engineFor(folder)).configure({ settings, trusted, team });
    this.configured.set(key, this.generation);
  }

  private urisOf(e: AnalysisEntry): vscode.Uri[] {
    if (!e.notebook) return [vscode.Uri.parse(e.key)];
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === e.key);
    return [vscode.Uri.parse(e.key), ...(nb?.getCells().map((c) => c.document.uri) ?? [])];
  }

  private targetOf(doc: vscode.TextDocument): Target | undefined {
    if (doc.uri.scheme === NOTEBOOK_CELL_SCHEME) {
      const nb = notebookOf(doc);
      if (!nb || !this.languageEnabled('jupyter')) return undefined;
      return { kind: 'notebook', key: nb.notebook.uri.toString(), notebook: nb.notebook };
    }
    if (!TEXT_LANGUAGES.includes(doc.languageId as SupportedLanguage) || !this.languageEnabled(doc.languageId as SupportedLanguage)) return undefined;
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'git') return undefined;
    return { kind: 'text', key: doc.uri.toString(), doc };
  }

  private languageEnabled(lang: SupportedLanguage): boolean {
    return this.config.settings.languages.includes(lang);
  }

  private versionOf(t: Target): string {
    return t.kind === 'text' ? String(t.doc.version) : notebookVersion(t.notebook);
  }

  private forget(key: string): void {
    this.entries.delete(key);
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.running.get(key)?.cts.cancel();
  }

  private stopAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const r of this.running.values()) r.cts.cancel();
  }
}
