import * as vscode from 'vscode';
import { filesExcludeFrom, type Settings } from '../core/config/settings';
import { isExcludedFolderName, LANGUAGE_BY_EXTENSION, languageOfPath } from '../core/excludes';
import { globMatcher } from '../core/glob';
import type { TeamConfig } from '../core/estimate/estimator';
import type { Logger } from '../core/logger';
import { totalOf } from '../core/report/totals';
import { isPathIgnored } from '../core/scan/scanner';
import type { CostTotal, Diagnostic, Report, SiteEstimate } from '../core/types';
import type { AnalysisCache, AnalysisEntry } from './analysisCache';
import type { ConfigService } from './config';
import { CommandId } from './commands/commandIds';
import { Disposable } from './disposable';
import { relativePathOf } from './documents';
import type { EngineLoader } from './engineLoader';
import type { HostPlatform } from './platform';

/** What is known about one workspace folder: the latest estimates per workspace-relative file. */
export interface FolderState {
  readonly folder: vscode.WorkspaceFolder;
  /** The files with sites or diagnostics (most files have neither and are only counted). */
  readonly files: Map<string, { estimates: readonly SiteEstimate[]; diagnostics: readonly Diagnostic[] }>;
  /**
   * Files the last full scan read (or ripgrep proved empty), with results or not: the scanner's `stats.filesScanned`.
   * Files the watcher brings in later are not added.
   */
  filesScanned: number;
  scanned: boolean;
}

/** Created folders read per batch of watcher events, entries read in them, and how deep: a big checkout gets its file events. */
const MAX_PENDING_FOLDERS = 1_000;
const MAX_FOLDER_ENTRIES = 20_000;
const MAX_FOLDER_DEPTH = 12;

/** Every file extension Tokentier analyses (one list: src/core/excludes.ts). */
const WATCH_GLOB = `**/*.{${Object.keys(LANGUAGE_BY_EXTENSION).map((e) => e.slice(1)).join(',')}}`;

/**
 * `files.exclude` patterns that are switched on, for the scanner's `exclude` option. In Restricted Mode only the
 * default and user values apply, never the workspace's (a glob from an untrusted folder).
 */
export function filesExcludePatterns(folder: vscode.WorkspaceFolder): string[] {
  return filesExcludeFrom(vscode.workspace.getConfiguration('files', folder.uri).inspect<Record<string, unknown>>('exclude'), vscode.workspace.isTrusted);
}

/**
 * The workspace-wide picture behind the status bar, the tree and the reports. Scans each folder in the background
 * (cancellable progress notification), then keeps itself current incrementally: open documents from the
 * AnalysisCache as the user types, other files from a FileSystemWatcher.
 */
export class WorkspaceModel extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when any file's results, or the scanning state, changed. */
  readonly onDidChange = this._onDidChange.event;
  private readonly folders = new Map<string, FolderState>();
  private scan: { cts: vscode.CancellationTokenSource; done: Promise<void> } | undefined;
  /** Counts rescans: a folder scan writes its state only while no newer rescan has started. */
  private scanSeq = 0;
  private pendingFiles = new Map<string, vscode.Uri>();
  /** Created paths that may be folders (no analysed extension): read at the next flush, their files queued. */
  private pendingFolders = new Map<string, vscode.Uri>();
  /**
   * Files changed or deleted on disk while a scan ran. The scan's walk may have read them before the change, and the
   * folder state it commits replaces the one the change went into: they are analysed again once it has committed.
   */
  private changedDuringScan = new Map<string, vscode.Uri>();
  /** Open editors' results already sent to the disk check of {@link takeFromCache}. */
  private readonly diskChecked = new WeakSet<readonly SiteEstimate[]>();
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Fires onDidChange 50 ms after the first call since the last firing: bursts of changes become one. */
  private readonly fireSoon = this.throttledChange(50);
  /** While a first scan streams in: at most two refreshes a second (the tree re-reads every site on each). */
  private readonly streamSoon = this.throttledChange(500);

  constructor(
    private readonly engines: EngineLoader,
    private readonly config: ConfigService,
    private readonly cache: AnalysisCache,
    private readonly logger: Logger,
    private readonly platform: HostPlatform,
  ) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(WATCH_GLOB));
    this._register(watcher.onDidCreate((u) => this.queue(u)));
    this._register(watcher.onDidChange((u) => this.queue(u)));
    this._register(watcher.onDidDelete((u) => this.remove(u)));
    // A deleted folder is one event that matches no file glob: watch deletions of anything, so its files go too. A
    // created folder is read as well: the watcher can miss a file written into a folder created the same instant (a
    // checkout, an unzip, a test writing tests/x.py), and the folder's own event is what it does report.
    const others = this._register(vscode.workspace.createFileSystemWatcher('**', false, true, false));
    this._register(others.onDidDelete((u) => this.remove(u)));
    this._register(others.onDidCreate((u) => this.queueFolder(u)));
    this._register(cache.onDidChange(() => this.takeFromCache()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan(false)));
    this._register({
      dispose: () => {
        this.scan?.cts.cancel();
        if (this.pendingTimer) clearTimeout(this.pendingTimer);
      },
    });
  }

  /** True while a workspace scan runs. */
  get scanning(): boolean {
    return this.scan !== undefined;
  }

  /** The folders' states (multi-root: one each). */
  states(): readonly FolderState[] {
    return [...this.folders.values()];
  }

  /** Every site known in the workspace, in folder order. */
  estimates(): SiteEstimate[] {
    return this.states().flatMap((s) => [...s.files.values()].flatMap((f) => f.estimates));
  }

  /**
   * The total over sites without double counting (the core's `totalOf`: small, so bundled with the extension). Test
   * code counts as `tokentier.includeTests` says, unless `opts` says otherwise (the tree's own test-code group).
   */
  engineTotal(estimates: readonly SiteEstimate[], opts: { readonly includeTests?: boolean } = {}): CostTotal {
    return totalOf(estimates, { includeTests: opts.includeTests ?? this.includeTests() });
  }

  /** `tokentier.includeTests` (a window setting: one value for every folder). */
  includeTests(): boolean {
    return this.settingsFor(this.states()[0]?.folder).includeTests;
  }

  /** The settings that apply to a folder (currency for totals, excludes for the watcher). */
  settingsFor(folder: vscode.WorkspaceFolder | undefined): Settings {
    return this.config.read(folder?.uri);
  }

  /**
   * A report for the workspace (every folder), one folder, or one file, through the core's `buildReport`. In a
   * multi-root workspace file paths get their folder's name as prefix unless `prefix` is false.
   */
  async report(scope?: { folder?: vscode.WorkspaceFolder; file?: string; prefix?: boolean }): Promise<Report> {
    const states = scope?.folder ? this.states().filter((s) => s.folder === scope.folder) : this.states();
    const multi = scope?.prefix !== false && (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const estimates: SiteEstimate[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const s of states) {
      for (const [path, f] of s.files) {
        if (scope?.file && path !== scope.file) continue;
        // In a multi-root workspace, prefix each file with its folder name so reports stay unambiguous.
        const prefix = multi ? `${s.folder.name}/` : '';
        estimates.push(...f.estimates.map((e) => (prefix ? { ...e, site: { ...e.site, file: prefix + e.site.file, id: prefix + e.site.id } } : e)));
        diagnostics.push(...f.diagnostics);
      }
    }
    const settings = this.settingsFor(scope?.folder ?? states[0]?.folder);
    return (await this.engines.bundle()).buildReport({
      root: scope?.folder?.name ?? vscode.workspace.name ?? 'workspace',
      // The report takes its currency from its sites (buildReport); this names it when there are none yet.
      currency: settings.currency ?? 'USD',
      profile: settings.profile,
      estimates,
      diagnostics,
      stats: { filesScanned: states.reduce((n, s) => n + s.filesScanned, 0) },
      includeTests: settings.includeTests,
    });
  }

  /** Starts (or restarts) the background scan of every folder; `notify` shows the cancellable progress notification. */
  rescan(notify = true): Promise<void> {
    this.scan?.cts.cancel();
    const cts = new vscode.CancellationTokenSource();
    const seq = ++this.scanSeq;
    const run = async () => {
      const location = notify ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
      await vscode.window.withProgress({ location, title: 'Tokentier: scanning the workspace', cancellable: notify }, async (progress, token) => {
        token.onCancellationRequested(() => cts.cancel());
        const folders = vscode.workspace.workspaceFolders ?? [];
        for (const key of [...this.folders.keys()]) if (!folders.some((f) => f.uri.toString() === key)) this.folders.delete(key);
        for (const folder of folders) {
          if (cts.token.isCancellationRequested) break;
          // At most ten progress messages a second: each is a message to the workbench, and a scan counts every file.
          let last = 0;
          await this.scanFolder(folder, cts.token, seq, (done, total) => {
            const now = Date.now();
            if (done !== total && done !== 0 && now - last < 100) return;
            last = now;
            progress.report({ message: `${folder.name}: ${done}/${total} files` });
          });
        }
      });
    };
    const done = run()
      .catch((e: unknown) => this.logger.error(e instanceof Error ? e : String(e)))
      .finally(() => {
        if (this.scan?.cts === cts) this.scan = undefined;
        cts.dispose();
        this._onDidChange.fire();
      });
    this.scan = { cts, done };
    this._onDidChange.fire();
    return done;
  }

  /** Resolves when no scan is running (for commands and tests). */
  async idle(): Promise<void> {
    while (this.scan) await this.scan.done;
  }

  /**
   * Scans local folders in a child process on the desktop (the platform's `scanOutOfHost`, src/node/scanProcess.ts);
   * false scans every folder in the extension host (as for virtual and remote file systems, and always on the web).
   * Tests switch it to compare the two paths.
   */
  processScans = true;

  /** How the last folder scan ran (for tests and the log). */
  lastScan: { readonly folder: string; readonly mode: 'process' | 'host'; readonly sites: number; readonly ms: number; readonly fallback?: string; readonly stopped?: string } | undefined;

  private async scanFolder(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken, seq: number, onProgress: (done: number, total: number) => void): Promise<void> {
    const settings = this.settingsFor(folder);
    const trusted = vscode.workspace.isTrusted;
    const state: FolderState = { folder, files: new Map(), filesScanned: 0, scanned: false };
    const started = Date.now();
    // A folder seen for the first time shows its sites as they are found (the tree fills in while "Scanning…"); a
    // rescan keeps showing the last full results until it is done, so nothing flickers away and back.
    const key = folder.uri.toString();
    const streaming = !this.folders.has(key);
    if (streaming) this.folders.set(key, state);
    const found = (): void => {
      if (streaming) this.streamSoon();
    };
    const exclude = [...settings.exclude, ...filesExcludePatterns(folder)];
    let sites: number | undefined;
    let fallback: string | undefined;
    let stopped: string | undefined;
    let mode: 'process' | 'host' = 'host';
    // Undefined when the platform cannot scan this folder outside the extension host (the web, a virtual folder).
    const result = !this.processScans
      ? undefined
      : await this.platform.scanOutOfHost?.(folder.uri, { settings, trusted, include: settings.include, exclude, maxFileBytes: settings.maxFileSize, rootLabel: folder.name }, {
          onFiles: (files) => {
            for (const f of files) state.files.set(f.file, { estimates: f.estimates, diagnostics: f.diagnostics });
            if (files.some((f) => f.estimates.length)) found();
          },
          onProgress,
          // The child loads the team files with the core's loader; the host keeps them (policy, their problems)
          // without loading the engine bundle itself.
          onTeam: (team) => this.engines.rememberTeam(folder.uri, team, settings),
          logger: this.logger,
          onCancel: (listener) => token.onCancellationRequested(listener),
          isCancelled: () => token.isCancellationRequested,
        });
    if (result) {
      if (result.kind === 'done') {
        mode = 'process';
        sites = result.sites;
        state.filesScanned = result.files;
      } else if (!result.started) {
        fallback = result.message;
        this.logger.warn(`The scan process could not start (${result.message}); scanning ${folder.name} in the extension host instead.`);
        state.files.clear();
        state.filesScanned = 0;
      } else {
        // It stopped part-way (out of memory, killed): keep what arrived and say so. Scanning the same tree again in the
        // host could meet the same end there, without the child's memory limit, so it is not retried.
        mode = 'process';
        stopped = result.message;
        sites = [...state.files.values()].reduce((n, f) => n + f.estimates.length, 0);
        state.filesScanned = state.files.size;
        this.logger.error(`The workspace scan of ${folder.name} stopped before the end: ${result.message}`);
        void vscode.window
          .showWarningMessage(`Tokentier: the workspace scan of ${folder.name} stopped before the end; the totals cover the ${state.filesScanned} files scanned until then. The log says why.`, 'Show Logs')
          .then((choice) => (choice ? vscode.commands.executeCommand(CommandId.showLogs) : undefined));
      }
    }
    if (sites === undefined && !token.isCancellationRequested) {
      const team = trusted ? await this.engines.teamConfigFor(folder.uri, settings) : undefined;
      const report = await this.scanInHost(folder, settings, team, exclude, state, token, onProgress, found);
      sites = report.sites.length;
      state.filesScanned = report.stats.filesScanned;
    }
    state.scanned = !token.isCancellationRequested && !stopped;
    // A scan superseded by a newer rescan leaves the folder to that one: its partial state would replace the last full
    // one, or land after the newer result when its child takes longer to stop than the newer scan takes to finish.
    if (seq !== this.scanSeq) return;
    this.folders.set(folder.uri.toString(), state);
    const ms = Date.now() - started;
    this.lastScan = { folder: folder.name, mode, sites: sites ?? 0, ms, ...(fallback ? { fallback } : {}), ...(stopped ? { stopped } : {}) };
    this.logger.info(`Scanned ${folder.name} (${mode === 'process' ? 'child process' : 'extension host'}): ${state.filesScanned} files, ${sites ?? 0} sites in ${ms} ms${token.isCancellationRequested ? ' (cancelled)' : ''}`);
    for (const [key, uri] of this.changedDuringScan) {
      if (relativePathOf(uri).folder?.uri.toString() !== folder.uri.toString()) continue;
      this.changedDuringScan.delete(key);
      this.queue(uri);
    }
    this.takeFromCache();
    this.fireSoon();
  }

  /**
   * The scan in the extension host's own thread: virtual and remote folders, every folder on the web, or when the
   * child process failed. The same walk, default excludes and analysis as the child's, streaming into the tree.
   */
  private async scanInHost(
    folder: vscode.WorkspaceFolder,
    settings: Settings,
    team: TeamConfig | undefined,
    exclude: readonly string[],
    state: FolderState,
    token: vscode.CancellationToken,
    onProgress: (done: number, total: number) => void,
    found: () => void,
  ): Promise<Report> {
    const { engine, files, direct } = await this.engines.scanEngineFor(folder.uri);
    const trusted = vscode.workspace.isTrusted;
    engine.configure({ settings, trusted, team });
    const bundle = await this.engines.bundle();
    // VS Code's own ripgrep lists the files that hold a pre-filter word; the others are never read (desktop, local folders).
    const skipFiles = this.platform.skipFiles?.(folder.uri, bundle);
    const report = await bundle.scanWorkspace(engine, files, {
      ...(skipFiles ? { skipFiles } : {}),
      // A turn for the editor's requests every 8 ms. The direct (node:fs) provider answers synchronously: one file at
      // a time, there is no I/O to overlap; over vscode.workspace.fs each read is a round trip, so a few overlap.
      yieldEveryMs: 8,
      concurrency: direct ? 1 : 4,
      include: settings.include,
      exclude,
      maxFileBytes: settings.maxFileSize,
      token,
      rootLabel: folder.name,
      onFile: (file, estimates, diagnostics) => {
        if (estimates.length || diagnostics.length) state.files.set(file, { estimates, diagnostics });
        if (estimates.length) found();
      },
      onProgress,
    });
    return report;
  }

  /**
   * Open documents are authoritative (they may be dirty): copy the cache's results into the folder states. A file the
   * folder state does not hold is taken only while its editor has unsaved changes and the scan's rules (exclusions,
   * .gitignore) include it: a
   * saved file reaches the state through the scan or the file watcher, so a file deleted (or excluded) while still open
   * in an editor does not come back into the totals at the next rescan.
   */
  private takeFromCache(): void {
    let changed = false;
    for (const entry of this.cache.all()) {
      if (!entry.folder) continue;
      const state = this.folders.get(entry.folder.toString());
      if (!state) continue;
      const prev = state.files.get(entry.path);
      if (prev?.estimates === entry.estimates) continue;
      if (!prev && (entry.estimates.length === 0 || this.excluded(state.folder, entry.path))) continue;
      if (!prev && !isDirty(entry)) {
        // A saved file with sites that the state lacks: the watcher did not report it (a file written into a folder
        // created the same instant, a folder in `files.watcherExclude`), or it was deleted while open. The disk says
        // which: read it like a watcher event, once per result.
        if (!this.diskChecked.has(entry.estimates)) {
          this.diskChecked.add(entry.estimates);
          this.queue(vscode.Uri.parse(entry.key));
        }
        continue;
      }
      if (!prev) {
        // An unsaved file the state lacks (a new file, say) comes in unless a .gitignore leaves it out of scans.
        void this.admitUnsaved(state, entry);
        continue;
      }
      state.files.set(entry.path, { estimates: entry.estimates, diagnostics: entry.diagnostics });
      changed = true;
    }
    if (changed) this.fireSoon();
  }

  /** Takes an unsaved editor's result for a file the folder state lacks, unless the file is .gitignored. */
  private async admitUnsaved(state: FolderState, entry: AnalysisEntry): Promise<void> {
    if (await this.gitignored(state.folder, entry.path)) return;
    const current = this.folders.get(state.folder.uri.toString());
    // A newer result (or a rescan's) may have arrived meanwhile: only the cache's latest result for the file counts.
    if (!current || current.files.has(entry.path) || !this.cache.all().some((e) => e.key === entry.key && e.estimates === entry.estimates)) return;
    current.files.set(entry.path, { estimates: entry.estimates, diagnostics: entry.diagnostics });
    this.fireSoon();
  }

  /** Whether the scan leaves the file out for a .gitignore (read through the folder's file provider). */
  private async gitignored(folder: vscode.WorkspaceFolder, path: string): Promise<boolean> {
    try {
      return await isPathIgnored(this.engines.files(folder.uri), path);
    } catch {
      return false;
    }
  }

  private excluded(folder: vscode.WorkspaceFolder, path: string): boolean {
    if (path.split('/').some((seg) => isExcludedFolderName(seg))) return true;
    const settings = this.settingsFor(folder);
    const patterns = [...settings.exclude, ...filesExcludePatterns(folder)];
    if (patterns.length && globMatcher(patterns)(path)) return true;
    if (settings.include.length && !globMatcher(settings.include)(path)) return true;
    return false;
  }

  private queue(uri: vscode.Uri): void {
    this.pendingFiles.set(uri.toString(), uri);
    this.schedule();
  }

  /** A created path without an analysed extension: a folder, perhaps, whose files the watcher may not report. */
  private queueFolder(uri: vscode.Uri): void {
    if (languageOfPath(uri.path) || this.pendingFolders.size >= MAX_PENDING_FOLDERS) return;
    const { folder, path } = relativePathOf(uri);
    if (!folder || !path || path.split('/').some((seg) => isExcludedFolderName(seg))) return;
    this.pendingFolders.set(uri.toString(), uri);
    this.schedule();
  }

  /** Reads the created folders (nested ones once: their parent's walk covers them) and queues their analysed files. */
  private async readCreatedFolders(): Promise<void> {
    const pending = this.pendingFolders;
    this.pendingFolders = new Map();
    let budget = MAX_FOLDER_ENTRIES;
    const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        return; // gone again
      }
      for (const [name, type] of entries) {
        if (--budget < 0) return;
        const child = vscode.Uri.joinPath(dir, name);
        if (type & vscode.FileType.Directory) {
          if (depth < MAX_FOLDER_DEPTH && !isExcludedFolderName(name) && !pending.has(child.toString())) await walk(child, depth + 1);
        } else if (type & vscode.FileType.File && languageOfPath(name)) this.pendingFiles.set(child.toString(), child);
      }
    };
    for (const dir of pending.values()) {
      if (budget <= 0) break;
      // A stat first: most created paths without an analysed extension are files, and reading a file as a folder logs.
      const stat = await vscode.workspace.fs.stat(dir).then(undefined, () => undefined);
      if (stat && stat.type & vscode.FileType.Directory) await walk(dir, 0);
    }
  }

  private schedule(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    // Batch bursts of file events (a git checkout, a formatter run) into one pass.
    this.pendingTimer = setTimeout(() => void this.flush(), 300);
  }

  private async flush(): Promise<void> {
    this.pendingTimer = undefined;
    if (this.pendingFolders.size) await this.readCreatedFolders();
    const uris = [...this.pendingFiles.values()];
    this.pendingFiles = new Map();
    if (this.scan) for (const uri of uris) this.changedDuringScan.set(uri.toString(), uri);
    for (const uri of uris) {
      const { folder, path } = relativePathOf(uri);
      if (!folder || !languageOfPath(path) || this.excluded(folder, path)) continue;
      if (await this.gitignored(folder, path)) {
        // Ignored since the last scan (a .gitignore line added): out of the totals, as the next scan would leave it.
        if (this.folders.get(folder.uri.toString())?.files.delete(path)) this.fireSoon();
        continue;
      }
      const state = this.folders.get(folder.uri.toString());
      if (!state) continue;
      // An open document is kept current by the cache; the disk version would be stale.
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) continue;
      const text = await this.engines.files(folder.uri).readText(path);
      if (text === undefined) {
        (this.folders.get(folder.uri.toString()) ?? state).files.delete(path);
        continue;
      }
      const settings = this.settingsFor(folder);
      if (text.length > settings.maxFileSize) continue;
      const analysis = await (await this.engines.engineFor(folder.uri)).analyzeDocument({ path, text });
      // A scan that started while this file was read and analysed commits a state of its own: this one goes into the
      // current state now, and is analysed again after that scan.
      if (this.scan) this.changedDuringScan.set(uri.toString(), uri);
      const current = this.folders.get(folder.uri.toString()) ?? state;
      // Only files with results are kept (see FolderState).
      if (analysis.estimates.length || analysis.diagnostics.length) current.files.set(path, { estimates: analysis.estimates, diagnostics: analysis.diagnostics });
      else current.files.delete(path);
    }
    this.fireSoon();
  }

  private remove(uri: vscode.Uri): void {
    if (this.scan) this.changedDuringScan.set(uri.toString(), uri);
    const { folder, path } = relativePathOf(uri);
    const state = folder && this.folders.get(folder.uri.toString());
    if (!state) return;
    // A deleted folder arrives as one event: drop every file under it.
    for (const key of [...state.files.keys()]) if (key === path || key.startsWith(`${path}/`)) state.files.delete(key);
    this.fireSoon();
  }

  /** A function that fires onDidChange `ms` after its first call since the last firing (the timer ends with the model). */
  private throttledChange(ms: number): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    this._register({ dispose: () => timer && clearTimeout(timer) });
    return () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        this._onDidChange.fire();
      }, ms);
    };
  }
}

/** Whether the editor behind a cache entry (a text document, or a whole notebook) has unsaved changes. */
function isDirty(entry: AnalysisEntry): boolean {
  const docs: readonly { readonly uri: vscode.Uri; readonly isDirty: boolean }[] = entry.notebook ? vscode.workspace.notebookDocuments : vscode.workspace.textDocuments;
  return docs.some((d) => d.isDirty && d.uri.toString() === entry.key);
}
