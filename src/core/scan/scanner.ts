import ignore, { type Ignore } from 'ignore';
import { neverCancelled, type CancellationToken } from '../cancellation';
import type { Engine } from '../engine';
import { DEFAULT_EXCLUDED_FOLDERS, languageOfPath, readLimitFor, type SupportedLanguage } from '../excludes';
import type { FileProvider, FileStat } from '../fileProvider';
import { globMatcher } from '../glob';
import { buildReport } from '../report/build';
import type { Report, SiteEstimate, Diagnostic } from '../types';
// Not './prefilter': it imports the detector, and the CLI's cached re-scan runs this module without the engine
// (the pre-filter comes from the engine passed in).
import { looksBinary } from './binary';

/**
 * What a scan uses of the engine: an {@link Engine}, or a stand-in that loads the engine bundle on first use (the
 * CLI's cached re-scan, which needs no engine when nothing changed).
 */
export type ScanEngine = Pick<Engine, 'currentSettings' | 'currency' | 'analyzeDocument' | 'mightContainLlmCall'>;

/** What a scan kept of one file: enough to count and report it again without reading it. */
export type FileOutcome =
  /** Read (or proved by the fast path to hold no pre-filter word): nothing to analyse. */
  | { readonly kind: 'plain' }
  /** Read and skipped as binary (a `binary-file` diagnostic). */
  | { readonly kind: 'binary' }
  /** Analysed: its results. */
  | { readonly kind: 'analysed'; readonly estimates: readonly SiteEstimate[]; readonly diagnostics: readonly Diagnostic[] };

/**
 * Results kept from earlier scans (the CLI's `--cache`, src/node/scanCache.ts). The scan asks it before reading a file
 * and tells it every file's outcome; a file it answers for is neither read nor analysed.
 */
export interface ScanMemo {
  /** The outcome kept for a file whose size, mtime and inode are unchanged, or undefined (the file is read). */
  byStat(path: string, stat: FileStat): Promise<FileOutcome | undefined>;
  /** After reading a file whose stat changed: the outcome kept for the same content, or undefined (it is analysed). */
  byText(path: string, stat: FileStat, text: string): Promise<FileOutcome | undefined>;
  /** This scan's outcome of a file; `text` when it was read (for the content hash), undefined when it was not. */
  record(path: string, stat: FileStat, outcome: FileOutcome, text: string | undefined): void;
}

export interface ScanOptions {
  /** Workspace-relative folders or files to scan ('' = the root). */
  readonly paths?: readonly string[];
  /** Glob patterns (src/core/glob.ts, POSIX, relative to the root); when non-empty a file must match one. Defaults to the `include` setting. */
  readonly include?: readonly string[];
  /** Glob patterns of files and folders to skip. Defaults to the `exclude` setting. */
  readonly exclude?: readonly string[];
  /** Apply `.gitignore` files found in the tree (default true). */
  readonly gitignore?: boolean;
  /** Skip the shared default folders (node_modules, virtual environments, build output). Default true. */
  readonly defaultExcludes?: boolean;
  readonly maxFileBytes?: number;
  readonly token?: CancellationToken;
  /** Called after each analysed file (streaming results to a tree view or progress bar). */
  readonly onFile?: (file: string, estimates: readonly SiteEstimate[], diagnostics: readonly Diagnostic[]) => void;
  readonly onProgress?: (done: number, total: number) => void;
  /** Label for `Report.root`. */
  readonly rootLabel?: string;
  /** Written into `Report.tool.version`. */
  readonly toolVersion?: string;
  /** Files read and analysed at once (default 8): overlaps file I/O with parsing. */
  readonly concurrency?: number;
  /**
   * Give the event loop a turn (a zero-delay timer) after this many milliseconds of work: for a host whose file provider
   * answers synchronously (the extension host reads local files with sync `fs`), so that a long scan never holds up
   * the editor's requests for longer than this plus one file's analysis (with `concurrency: 1`; more workers each
   * finish the file they started first). Default: never (the CLI).
   */
  readonly yieldEveryMs?: number;
  /**
   * Fast path (the CLI passes ripgrep here): given every file to read, resolves to a {@link SkipList} of the files
   * that certainly do not match {@link PREFILTER_PATTERN} and are not binary. Those are stat'ed and counted but
   * never read, which is all the slow path would have done with them, so the report is the same. Undefined (or a
   * rejection) means "no knowledge": every file is read.
   */
  readonly skipFiles?: (paths: readonly string[], token: CancellationToken) => Promise<SkipList | undefined>;
  /** Replaces `engine.analyzeDocument` for the files that pass the prefilter (the CLI's worker threads). */
  readonly analyze?: (input: AnalyzeInput, token: CancellationToken) => Promise<AnalyzeOutput>;
  /**
   * Results of earlier scans (the CLI's `--cache`): every file is stat'ed first, the memo answers for the unchanged
   * ones, and only the others go to {@link skipFiles}, are read and analysed.
   */
  readonly memo?: ScanMemo;
}

/**
 * The fast path's answer (a `Set` is one): whether a file certainly holds no prefilter match and no NUL byte. It may
 * answer later (a promise) for files it has not looked at yet, so that the scan analyses the first files while the
 * fast path works through the rest; a rejection counts as false (the file is read).
 */
export interface SkipList {
  has(path: string): boolean | Promise<boolean>;
}

/** A file handed to {@link ScanOptions.analyze}. */
export interface AnalyzeInput {
  readonly path: string;
  readonly text: string;
  readonly languageId: SupportedLanguage | undefined;
}

/** What {@link ScanOptions.analyze} returns: the same fields `engine.analyzeDocument` gives the scanner. */
export interface AnalyzeOutput {
  readonly estimates: readonly SiteEstimate[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Version-control metadata: never scanned, even with `defaultExcludes: false`. */
const VCS_FOLDERS: readonly string[] = ['.git', '.hg', '.svn'];

/** Folder depth at which the walk stops (guards against symlink loops a FileProvider cannot see). */
export const MAX_DEPTH = 64;

interface IgnoreLevel {
  /** The folder the `.gitignore` is in ('' for the root). */
  readonly base: string;
  readonly ig: Ignore;
}

/** What the walk found: candidate files in walk order, plus diagnostics. */
export interface CollectResult {
  readonly files: string[];
  readonly diagnostics: Diagnostic[];
  readonly cancelled: boolean;
}

function normalisePath(p: string): string {
  let s = p.replace(/\\/g, '/').replace(/\/+/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  if (s === '.' || s === '/') return '';
  return s.replace(/\/$/, '');
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

function isIgnored(levels: readonly IgnoreLevel[], path: string, isDir: boolean): boolean {
  let ignored = false;
  // Outer .gitignore files first: a deeper file can re-include (`!pattern`) what an outer one excluded.
  for (const { base, ig } of levels) {
    if (base && !path.startsWith(`${base}/`)) continue;
    const rel = base ? path.slice(base.length + 1) : path;
    if (!rel) continue;
    const r = ig.test(isDir ? `${rel}/` : rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

async function loadGitignore(files: FileProvider, dir: string, diagnostics: Diagnostic[]): Promise<IgnoreLevel | undefined> {
  const path = join(dir, '.gitignore');
  const text = await files.readText(path);
  if (text === undefined) return undefined;
  try {
    return { base: dir, ig: ignore({ allowRelativePaths: true }).add(text) };
  } catch (e) {
    diagnostics.push({ severity: 'warning', code: 'gitignore', message: `Could not read ${path}: ${String(e)}`, file: path });
    return undefined;
  }
}

/** The .gitignore files of the folders above a start folder (`parts`: its path segments), which apply to it too. */
async function gitignoresAbove(files: FileProvider, parts: readonly string[], diagnostics: Diagnostic[]): Promise<IgnoreLevel[]> {
  const levels: IgnoreLevel[] = [];
  for (let i = 0; i < parts.length; i++) {
    const level = await loadGitignore(files, parts.slice(0, i).join('/'), diagnostics);
    if (level) levels.push(level);
  }
  return levels;
}

/**
 * Whether the walk would leave `path` out for a `.gitignore` (its own folder's or an outer one's, or one that ignores a
 * folder above it): for a single file a watcher or an editor reports, decided as {@link collectFiles} decides it.
 */
export async function isPathIgnored(files: FileProvider, path: string): Promise<boolean> {
  const parts = normalisePath(path).split('/');
  // The .gitignore files of the folders above the file; each applies only under its own folder (isIgnored).
  const levels = await gitignoresAbove(files, parts, []);
  if (!parts.some((_, i) => isIgnored(levels, parts.slice(0, i + 1).join('/'), i < parts.length - 1))) return false;
  return !(await isTracked(files, parts.join('/'), 'file'));
}

/** Whether version control tracks a path a `.gitignore` matched ({@link FileProvider.tracked}); false when unknown. */
async function isTracked(files: FileProvider, path: string, type: 'file' | 'directory'): Promise<boolean> {
  if (!files.tracked) return false;
  try {
    return await files.tracked(path, type);
  } catch {
    // The FileProvider contract says tracked() never throws; one that does leaves the .gitignore to decide.
    return false;
  }
}

/** A folder's entries, or undefined with an `unreadable-folder` diagnostic. */
async function listFolder(files: FileProvider, dir: string, diagnostics: Diagnostic[]): Promise<Awaited<ReturnType<FileProvider['list']>>> {
  // The FileProvider contract says list() never throws; a provider that breaks it loses this folder only.
  let entries: Awaited<ReturnType<FileProvider['list']>>;
  let failure = '';
  try {
    entries = await files.list(dir);
  } catch (e) {
    entries = undefined;
    failure = `: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!entries) {
    const why = failure || ' (deleted, or permission denied)';
    diagnostics.push({ severity: 'warning', code: 'unreadable-folder', message: `Could not list ${dir || 'the scan root'}${why}.`, ...(dir ? { file: dir } : {}) });
  }
  return entries;
}

/**
 * Walks the tree through the FileProvider and lists the files to analyse: supported languages only, minus the
 * default folders, `.gitignore`d paths and `exclude` globs, and (when given) only files matching `include`.
 * Never throws.
 */
export async function collectFiles(files: FileProvider, options: ScanOptions & { readonly languages?: readonly SupportedLanguage[] } = {}): Promise<CollectResult> {
  const token = options.token ?? neverCancelled;
  const diagnostics: Diagnostic[] = [];
  const out: string[] = [];
  const useGitignore = options.gitignore !== false;
  const defaultExcludes = options.defaultExcludes !== false;
  // Linear-time globs (src/core/glob.ts): `tokentier.exclude` and `files.exclude` come from the workspace.
  const include = options.include?.length ? globMatcher(options.include) : undefined;
  const exclude = options.exclude?.length ? globMatcher(options.exclude) : undefined;
  const languages = options.languages ? new Set(options.languages) : undefined;
  const seen = new Set<string>();

  const wantFile = (path: string): boolean => {
    const lang = languageOfPath(path);
    if (!lang || (languages && !languages.has(lang))) return false;
    if (exclude?.(path)) return false;
    if (include && !include(path)) return false;
    return true;
  };
  const add = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push(path);
  };

  const turn = eventLoopTurns(options.yieldEveryMs);
  // `ignoredAbove`: a .gitignore matched a folder above, entered only because git tracks files under it; every entry in
  // it is ignored unless tracked.
  const walk = async (dir: string, levels: IgnoreLevel[], depth: number, ignoredAbove = false): Promise<void> => {
    if (token.isCancellationRequested) return;
    await turn();
    if (depth > MAX_DEPTH) {
      diagnostics.push({ severity: 'warning', code: 'too-deep', message: `Stopped at ${dir}: more than ${MAX_DEPTH} nested folders (a symbolic-link loop?).`, file: dir });
      return;
    }
    const entries = await listFolder(files, dir, diagnostics);
    if (!entries) return;
    let here = levels;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.type === 'file')) {
      const level = await loadGitignore(files, dir, diagnostics);
      if (level) here = [...levels, level];
    }
    // Sorted so the walk order (and the report's diagnostics order) does not depend on the file system.
    const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of sorted) {
      if (token.isCancellationRequested) return;
      const path = join(dir, entry.name);
      const isDir = entry.type === 'directory';
      if (isDir && (VCS_FOLDERS.includes(entry.name) || (defaultExcludes && DEFAULT_EXCLUDED_FOLDERS.includes(entry.name)))) continue;
      if (isDir ? exclude?.(path) || exclude?.(`${path}/`) : !wantFile(path)) continue;
      const ignored = useGitignore && (ignoredAbove || isIgnored(here, path, isDir));
      // Git never ignores a tracked file: a matched path stays when the provider says git tracks it (or files under it).
      if (ignored && !(await isTracked(files, path, entry.type))) continue;
      if (isDir) await walk(path, here, depth + 1, ignored);
      else add(path);
    }
  };

  try {
    const starts = (options.paths?.length ? options.paths : ['']).map(normalisePath);
    for (const start of starts) {
      if (token.isCancellationRequested) break;
      const parts = start ? start.split('/') : [];
      const levels = useGitignore ? await gitignoresAbove(files, parts, diagnostics) : [];
      const st = start ? await files.stat(start) : { type: 'directory' as const, size: 0, mtime: 0 };
      if (!st) {
        diagnostics.push({ severity: 'error', code: 'path-not-found', message: `${start} does not exist.`, file: start });
      } else if (st.type === 'file') {
        // A file named explicitly is analysed even when ignored, as long as Tokentier supports its language.
        if (languageOfPath(start)) add(start);
        else diagnostics.push({ severity: 'warning', code: 'unsupported-file', message: `${start} is not a file type Tokentier analyses.`, file: start });
      } else {
        await walk(start, levels, parts.length);
      }
    }
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'internal-error', message: `The file walk stopped: ${String(e)}` });
  }
  return { files: out, diagnostics, cancelled: token.isCancellationRequested };
}

/** Calls a listener; a failing listener must not stop the scan. */
function safeCall(f: () => void): void {
  try {
    f();
  } catch {
    // Ignored on purpose: listeners are UI code (progress bars, tree views).
  }
}

/**
 * Walks a workspace through the FileProvider, applying the shared exclusions, prefilters, detects and estimates
 * every candidate file, and returns a Report. Never throws; cancellation returns the partial report (with a
 * `cancelled` diagnostic).
 */
export async function scanWorkspace(engine: ScanEngine, files: FileProvider, options: ScanOptions = {}): Promise<Report> {
  const started = Date.now();
  const settings = engine.currentSettings;
  const token = options.token ?? neverCancelled;
  const state: ScanState = { estimates: [], diagnostics: [], filesScanned: 0, filesParsed: 0, bytes: 0, total: 0, done: 0 };
  const scan: FileScan = {
    files,
    options,
    token,
    maxBytes: options.maxFileBytes ?? settings.maxFileSize,
    analyze: options.analyze ?? ((input: AnalyzeInput, t: CancellationToken): Promise<AnalyzeOutput> => engine.analyzeDocument(input, t)),
    prefilter: (text) => engine.mightContainLlmCall(text),
  };
  const { diagnostics } = state;
  try {
    const collected = await collectFiles(files, {
      ...options,
      include: options.include ?? settings.include,
      exclude: options.exclude ?? settings.exclude,
      languages: settings.languages,
    });
    diagnostics.push(...collected.diagnostics);
    state.total = collected.files.length;
    safeCall(() => options.onProgress?.(0, state.total));
    const toRead = options.memo ? await consultMemo(collected.files, scan, state) : collected.files;
    if (options.skipFiles && toRead.length && !token.isCancellationRequested) {
      try {
        state.skip = await options.skipFiles(toRead, token);
      } catch {
        // The fast path is an optimisation: without it every file is read.
        state.skip = undefined;
      }
    }
    let next = 0;
    const turn = eventLoopTurns(options.yieldEveryMs);
    const worker = async (): Promise<void> => {
      while (next < collected.files.length && !token.isCancellationRequested) {
        await turn();
        if (next >= collected.files.length || token.isCancellationRequested) break;
        const path = collected.files[next++] as string;
        try {
          await analyseFile(path, scan, state);
        } catch (e) {
          diagnostics.push({ severity: 'error', code: 'internal-error', message: `Could not analyse ${path}: ${String(e)}`, file: path });
        }
      }
    };
    const n = Math.max(1, Math.min(options.concurrency ?? 8, 64));
    await Promise.all(Array.from({ length: n }, worker));
    // Files finish in any order (concurrent reads, worker threads): report their diagnostics in path order, each
    // file's in the order they were found, so two scans of the same tree give the same report.
    sortByFile(diagnostics);
    if (token.isCancellationRequested) {
      diagnostics.push({ severity: 'info', code: 'cancelled', message: `Scan cancelled after ${state.done} of ${state.total} files; the report is partial.` });
    }
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'internal-error', message: `The scan stopped: ${String(e)}` });
  }
  return buildReport({
    root: options.rootLabel ?? '.',
    currency: engine.currency,
    profile: settings.profile,
    estimates: state.estimates,
    diagnostics,
    stats: { filesScanned: state.filesScanned, filesParsed: state.filesParsed, bytes: state.bytes, ms: Date.now() - started },
    ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
    includeTests: settings.includeTests,
  });
}

/** What a scan has found so far. */
interface ScanState {
  readonly estimates: SiteEstimate[];
  readonly diagnostics: Diagnostic[];
  filesScanned: number;
  filesParsed: number;
  bytes: number;
  total: number;
  done: number;
  /** Files the fast path proved to hold no pre-filter word (never read). */
  skip?: SkipList;
  /** With a memo: each file's stat (taken before the fast path) and the outcomes the memo answered for. */
  stats?: Map<string, FileStat | undefined>;
  kept?: Map<string, FileOutcome>;
}

/** Stats every file and asks the memo about it; returns the files it did not answer for (to be read). */
async function consultMemo(paths: readonly string[], scan: FileScan, state: ScanState): Promise<string[]> {
  const memo = scan.options.memo as ScanMemo;
  const stats = new Map<string, FileStat | undefined>();
  const kept = new Map<string, FileOutcome>();
  const rest: string[] = [];
  for (const path of paths) {
    if (scan.token.isCancellationRequested) break;
    const st = await scan.files.stat(path);
    stats.set(path, st);
    const outcome = st && st.type === 'file' && st.size <= readLimitFor(path, scan.maxBytes) ? await memo.byStat(path, st) : undefined;
    if (outcome) kept.set(path, outcome);
    else rest.push(path);
  }
  state.stats = stats;
  state.kept = kept;
  return rest;
}

/** What every file of one scan is analysed with. */
interface FileScan {
  readonly files: FileProvider;
  readonly options: ScanOptions;
  readonly token: CancellationToken;
  readonly maxBytes: number;
  readonly analyze: (input: AnalyzeInput, token: CancellationToken) => Promise<AnalyzeOutput>;
  readonly prefilter: (text: string) => boolean;
}

/** Reads and analyses one file of the scan, adds its results to `state` and reports them (onFile, onProgress). */
async function analyseFile(path: string, scan: FileScan, state: ScanState): Promise<void> {
  const { files, options, maxBytes } = scan;
  const fileDiagnostics: Diagnostic[] = [];
  let fileEstimates: readonly SiteEstimate[] = [];
  const st = state.stats?.has(path) ? state.stats.get(path) : await files.stat(path);
  if (!st || st.type !== 'file') {
    fileDiagnostics.push({ severity: 'warning', code: 'unreadable', message: `${path} could not be read (deleted during the scan, or permission denied).`, file: path });
  } else if (st.size > readLimitFor(path, maxBytes)) {
    fileDiagnostics.push({ severity: 'info', code: 'file-too-large', message: `${path} skipped: ${st.size} bytes is over the ${readLimitFor(path, maxBytes)}-byte limit.`, file: path });
  } else {
    const kept = state.kept?.get(path);
    const outcome = kept ?? (await fileOutcome(path, st, scan, state));
    if (outcome) {
      state.filesScanned++;
      state.bytes += st.size;
      if (outcome.kind === 'binary') fileDiagnostics.push({ severity: 'info', code: 'binary-file', message: `${path} skipped: it looks binary.`, file: path });
      else if (outcome.kind === 'analysed') {
        state.filesParsed++;
        fileEstimates = outcome.estimates;
        fileDiagnostics.push(...outcome.diagnostics);
      }
      if (kept) options.memo?.record(path, st, kept, undefined);
    } else {
      fileDiagnostics.push({ severity: 'warning', code: 'unreadable', message: `${path} could not be read (deleted during the scan, or permission denied).`, file: path });
    }
  }
  state.estimates.push(...fileEstimates);
  state.diagnostics.push(...fileDiagnostics);
  state.done++;
  safeCall(() => options.onFile?.(path, fileEstimates, fileDiagnostics));
  safeCall(() => options.onProgress?.(state.done, state.total));
}

/**
 * A file's outcome without the memo's stat answer: skipped by the fast path, read and kept by content, or read and
 * analysed. Undefined when the file could not be read. Tells the memo.
 */
async function fileOutcome(path: string, st: FileStat, scan: FileScan, state: ScanState): Promise<FileOutcome | undefined> {
  const memo = scan.options.memo;
  if (state.skip && (await skipped(state.skip, path))) {
    // Known by the fast path to hold no prefilter word and no NUL: the slow path would read it and move on.
    memo?.record(path, st, PLAIN, undefined);
    return PLAIN;
  }
  const text = await scan.files.readText(path);
  if (text === undefined) return undefined;
  let outcome = await memo?.byText(path, st, text);
  if (!outcome) {
    if (looksBinary(text)) outcome = BINARY;
    else if (!scan.prefilter(text)) outcome = PLAIN;
    else {
      const analysis = await scan.analyze({ path, text, languageId: languageOfPath(path) }, scan.token);
      outcome = { kind: 'analysed', estimates: analysis.estimates, diagnostics: analysis.diagnostics };
    }
  }
  memo?.record(path, st, outcome, text);
  return outcome;
}

/** The fast path's answer for one file; a failed answer means "read it". */
async function skipped(skip: SkipList, path: string): Promise<boolean> {
  try {
    return await skip.has(path);
  } catch {
    return false;
  }
}

const PLAIN: FileOutcome = { kind: 'plain' };
const BINARY: FileOutcome = { kind: 'binary' };

/** Sorts diagnostics by file, those with no file first; `sort` is stable, so each file's keep their order. */
function sortByFile(diagnostics: Diagnostic[]): void {
  diagnostics.sort((a, b) => {
    const fa = a.file ?? '';
    const fb = b.file ?? '';
    return fa < fb ? -1 : fa > fb ? 1 : 0;
  });
}

/**
 * What the walk and the workers await between steps (see ScanOptions.yieldEveryMs): nothing without a budget, else a
 * zero-delay timer once the budget is spent. The pause is shared: with a synchronous provider the workers run in one
 * chain of microtasks, so the event loop only gets its turn when all of them wait.
 */
function eventLoopTurns(budget: number | undefined): () => Promise<void> {
  if (budget === undefined) return async () => undefined;
  let lastYield = Date.now();
  let pause: Promise<void> | undefined;
  return async () => {
    if (!pause && Date.now() - lastYield >= budget) {
      pause = new Promise<void>((resolve) =>
        setTimeout(() => {
          pause = undefined;
          lastYield = Date.now();
          resolve();
        }, 0),
      );
    }
    if (pause) await pause;
  };
}
