/**
 * The CLI's opt-in result cache across scans (`--cache DIR`): the warm re-scan of issues 9 and 23.
 *
 * The index holds every in-scope file of the last scan: its size, mtime and inode, what the scan made of it (nothing
 * to analyse, binary, or analysed: then its results) and the SHA-1 of its text. A re-scan stats every file
 * ({@link ScanMemo}): a file whose size, mtime and inode are unchanged is neither read nor analysed, and when nothing
 * changed the engine bundle is never loaded (src/cli/lazyEngine.ts). A file whose stat changed is read; when its text
 * has the same hash as before (a fresh CI checkout sets every mtime), the kept outcome is used; otherwise it is analysed.
 * A file written less than {@link RACY_MS} before it was stat'ed is kept without its mtime, so the next run compares
 * its content (an edit in the same mtime tick that keeps the size would otherwise go unseen: git's "racily clean").
 *
 * Analysed results are reused only when, besides the file, these are unchanged since they were written:
 * - every other workspace file the engine looked at while analysing it (one-hop imports, prompt files), by size and
 *   mtime, including files it looked for and did not find: recorded through the FileProvider the engine reads from,
 *   attributed to the file being analysed with AsyncLocalStorage;
 * - the configuration (the `config` key): tool version and engine build, settings, team files (price book, usage,
 *   policy) and the date (prices change on dates).
 * Anything else (a corrupt or foreign cache file) starts an empty cache. Writes are atomic.
 *
 * The cache folder is input like the repository (a CI cache can be restored from anywhere). The index ends with the
 * SHA-1 of everything before it: when it matches, the index is byte for byte what a scan wrote from the engine's own
 * results, and reused entries get only a structural check (cheap; what this module itself relies on). When it does not
 * (a file edited or damaged since), a `cache-index-altered` warning says so and every analysed entry is checked before
 * use against the report schema (src/core/report/validate.ts, zod built from the JSON Schema: the costly part of a
 * warm re-scan, so it is paid only then). An entry that does not match is a miss, the file is analysed again, and a
 * `cache-entry-invalid` diagnostic says so (issue 17); a malformed index row is a miss too. An index that is not JSON
 * at all starts an empty cache with a `cache-index-invalid` warning.
 *
 * Format 3 keeps the index small (it is read on every re-scan): the workspace files an analysis looked at are one
 * shared table of `[path, signature]` pairs (most analyses probe the same import candidates), entries list indexes into
 * it, and each pair is checked once per run.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileProvider, FileStat } from '../core/fileProvider';
import type { NodeFileProvider } from './nodeFiles';
import { analysisProblem } from '../core/report/validate';
import type { AnalyzeInput, AnalyzeOutput, FileOutcome, ScanMemo } from '../core/scan/scanner';
import type { Diagnostic } from '../core/types';
import { writeFileAtomic } from './atomicWrite';

const CACHE_FORMAT = 3;

/** The index's last member: the SHA-1 (hex) of every byte before it. */
const TRAILER = /,"checksum":"([0-9a-f]{40})"\}\s*$/;

/** A file modified this close (ms) to the moment it was stat'ed is kept without its mtime (see the module comment). */
export const RACY_MS = 2_000;

/** What an analysis returns plus the workspace files it looked at (root-relative). */
export interface TrackedOutput extends AnalyzeOutput {
  readonly deps?: readonly string[];
}

/** An analysed file's results. */
interface Entry {
  readonly hash: string;
  /** Indexes into the index's {@link Dep} table: the workspace files the analysis looked at. */
  readonly deps: readonly number[];
  readonly estimates: AnalyzeOutput['estimates'];
  readonly diagnostics: AnalyzeOutput['diagnostics'];
}

/**
 * A workspace file an analysis looked at (root-relative path) and its signature then: `size:mtime`, `-` when it was
 * missing or a folder, {@link NOTHING} for the first missing part of a path the analysis looked for.
 */
type Dep = [path: string, sig: string];

/** An entry analysed this run, its dependencies as pairs (numbered when the index is written). */
type FreshEntry = Omit<Entry, 'deps'> & { readonly deps: readonly Dep[] };

/** An entry of the next index: kept from the loaded one (its deps number the loaded table), or analysed this run. */
type NextEntry = { readonly old: Entry } | { readonly fresh: FreshEntry };

/** One file of the index: size, mtime (-1: compare the content), inode (0: none), outcome, SHA-1 of its text ('' unread). */
type Row = [size: number, mtime: number, ino: number, kind: Kind, hash: string];
/** p: nothing to analyse; b: binary; a: analysed (results in `entries`). */
type Kind = 'p' | 'b' | 'a';

interface CacheFile {
  readonly format: number;
  readonly config: string;
  readonly deps: Dep[];
  readonly files: Record<string, Row>;
  readonly entries: Record<string, Entry>;
  /** Token counts per encoding the engine computed (`[text, count]`): a re-analysis of an edited file whose prompts did not change loads no tokenizer. */
  readonly tokens?: Record<string, [string, number][]>;
}

/** The signature of a path at which there was nothing (no file, no folder): valid while that stays so. */
const NOTHING = 'none';

/** Token counts kept per encoding (the engine's memo holds as many). */
const TOKEN_LIMIT = 20_000;

/** What an index file holds, and whether its checksum vouches for it. */
interface LoadedIndex {
  readonly rows: Record<string, unknown>;
  readonly entries: Record<string, unknown>;
  readonly deps: readonly unknown[];
  /** The checksum matched: the bytes are what a scan wrote. */
  readonly intact: boolean;
  readonly problem?: Diagnostic;
  /** The index file's checksum (journal lines name it), its size, and the journal's size in bytes. */
  readonly checksum?: string;
  readonly size?: number;
  readonly journalSize?: number;
  /** Token counts per encoding (only from an intact index and intact journal lines). */
  readonly tokens?: Map<string, Map<string, number>>;
}

const EMPTY_INDEX: LoadedIndex = { rows: {}, entries: {}, deps: [], intact: true };

/** One line of the journal: the rows and entries a run changed (null: removed), for the index with checksum `base`. */
interface JournalLine {
  readonly base: string;
  readonly files: Record<string, Row | null>;
  readonly entries: Record<string, FreshEntry | null>;
  readonly tokens?: Record<string, [string, number][]>;
}

/** Adds a `tokens` member read back from the index or the journal to `into` (malformed pairs are left out). */
function addTokens(into: Map<string, Map<string, number>>, raw: unknown): void {
  if (!isRecord(raw)) return;
  for (const enc in raw) {
    const list = raw[enc];
    if (!Array.isArray(list)) continue;
    let m = into.get(enc);
    if (!m) into.set(enc, (m = new Map()));
    for (const pair of list) if (Array.isArray(pair) && typeof pair[0] === 'string' && Number.isSafeInteger(pair[1]) && (pair[1] as number) >= 0) m.set(pair[0], pair[1] as number);
  }
}

/**
 * A re-scan that changed little appends its changes to a journal beside the index (`…json.journal`, one line per run,
 * each with its own SHA-1 and the index's checksum) rather than rewriting a 10 MB index for a few edited files; once
 * the journal would pass this share of the index's size, the index is rewritten with everything and the journal removed.
 */
const JOURNAL_SHARE = 0.25;

/** Reads an index file: empty when missing, of another format or configuration, or not JSON (then with a warning). */
export function loadIndex(file: string, config: string): LoadedIndex {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return EMPTY_INDEX;
  }
  let raw: Partial<CacheFile>;
  try {
    raw = JSON.parse(bytes.toString('utf8')) as Partial<CacheFile>;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ...EMPTY_INDEX, problem: { severity: 'warning', code: 'cache-index-invalid', message: `The --cache index ${file} is not valid JSON (${why}): truncated or damaged. It was ignored, every file was read again and a new index written.` } };
  }
  // Another tool version's index, or other settings, team files or date: a normal miss, nothing to report.
  if (!isRecord(raw) || raw.format !== CACHE_FORMAT || raw.config !== config) return EMPTY_INDEX;
  if (!isRecord(raw.files) || !isRecord(raw.entries) || !Array.isArray(raw.deps)) {
    return { ...EMPTY_INDEX, problem: { severity: 'warning', code: 'cache-index-invalid', message: `The --cache index ${file} does not have the shape Tokentier writes (files, entries, deps). It was ignored, every file was read again and a new index written.` } };
  }
  const tail = bytes.subarray(Math.max(0, bytes.length - 80)).toString('latin1');
  const m = TRAILER.exec(tail);
  const intact = !!m && createHash('sha1').update(bytes.subarray(0, bytes.length - (tail.length - m.index))).digest('hex') === m[1];
  const altered: Diagnostic = { severity: 'warning', code: 'cache-index-altered', message: `The --cache index ${file} was changed after Tokentier wrote it (its checksum does not match): every reused result was checked against the report schema first.` };
  if (!intact) return { rows: raw.files, entries: raw.entries, deps: raw.deps, intact, problem: altered };
  const checksum = (m as RegExpExecArray)[1] as string;
  const tokens = new Map<string, Map<string, number>>();
  addTokens(tokens, raw.tokens);
  const journal = applyJournal(`${file}.journal`, checksum, raw.files, raw.entries as Record<string, unknown>, raw.deps as unknown[], tokens);
  return {
    tokens,
    rows: raw.files,
    entries: raw.entries,
    deps: raw.deps,
    intact: true,
    checksum,
    size: bytes.length,
    journalSize: journal.size,
    ...(journal.bad ? { problem: { ...altered, message: `The --cache journal ${file}.journal has lines that were changed or cut short after Tokentier wrote them (their checksums do not match): they were ignored, and the files they covered were read again.` } } : {}),
  };
}

/**
 * Applies the journal's lines for the index with checksum `base` to its rows and entries (in place; an entry's
 * dependency pairs are added to `deps` and numbered). A line whose own checksum does not match is skipped (`bad`):
 * the rows it changed keep their older state, which can only make the scan read those files again.
 */
function applyJournal(file: string, base: string, rows: Record<string, unknown>, entries: Record<string, unknown>, deps: unknown[], tokens: Map<string, Map<string, number>>): { size: number; bad: boolean } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { size: 0, bad: false };
  }
  let bad = false;
  const numbers = new Map<string, number>();
  const number = (d: unknown): number => {
    if (!isDep(d)) return -1;
    const key = `${d[0]}\0${d[1]}`;
    let i = numbers.get(key);
    if (i === undefined) numbers.set(key, (i = deps.push(d) - 1));
    return i;
  };
  for (const line of text.split('\n')) {
    if (!line) continue;
    const sum = line.slice(0, 40);
    const body = line.slice(41);
    let j: JournalLine;
    try {
      if (line[40] !== ' ' || createHash('sha1').update(body, 'utf8').digest('hex') !== sum) throw new Error('checksum');
      j = JSON.parse(body) as JournalLine;
    } catch {
      bad = true;
      continue;
    }
    // A line for an older index (written before the index was rewritten) no longer applies.
    if (!isRecord(j) || j.base !== base || !isRecord(j.files) || !isRecord(j.entries)) continue;
    for (const p in j.files) {
      const r = j.files[p];
      if (r === null) delete rows[p];
      else rows[p] = r;
    }
    for (const p in j.entries) {
      const e = j.entries[p];
      if (e === null || !isRecord(e) || !Array.isArray(e.deps)) delete entries[p];
      else entries[p] = { ...e, deps: e.deps.map(number) };
    }
    addTokens(tokens, j.tokens);
  }
  return { size: text.length, bad };
}

const tracker = new AsyncLocalStorage<Set<string>>();

/**
 * Wraps the engine's FileProvider so that reads made while {@link trackDeps} runs are recorded. Outside it (the
 * scanner's own walk and reads), nothing is recorded.
 */
export function trackingProvider(files: FileProvider): FileProvider {
  const note = (p: string) => tracker.getStore()?.add(p);
  return {
    readText: (p) => (note(p), files.readText(p)),
    stat: (p) => (note(p), files.stat(p)),
    list: (p) => (note(`${p}/`), files.list(p)),
  };
}

/** Runs an analysis and returns its result with the files it read through a {@link trackingProvider}. */
export async function trackDeps(f: () => Promise<AnalyzeOutput>): Promise<TrackedOutput> {
  const deps = new Set<string>();
  const out = await tracker.run(deps, f);
  return { estimates: out.estimates, diagnostics: out.diagnostics, deps: [...deps] };
}

/** A stable hash of the configuration (Maps and Sets are serialised by content). */
export function configKey(parts: readonly unknown[]): string {
  const json = JSON.stringify(parts, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v instanceof RegExp ? String(v) : v));
  return createHash('sha256').update(json).digest('hex');
}

function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function isRow(r: unknown): r is Row {
  return Array.isArray(r) && r.length === 5 && typeof r[0] === 'number' && typeof r[1] === 'number' && typeof r[2] === 'number' && (r[3] === 'p' || r[3] === 'b' || r[3] === 'a') && typeof r[4] === 'string';
}

const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

const PLAIN: FileOutcome = { kind: 'plain' };
const BINARY: FileOutcome = { kind: 'binary' };

/** The per-file cache: a {@link ScanMemo} for the scanner, and `wrap` to record what each analysis read. */
export class ScanCache implements ScanMemo {
  private readonly rows: Record<string, unknown>;
  private readonly entries: Record<string, unknown>;
  /** The loaded index's dependency table, and each pair's verdict this run (checked once, on first use). */
  private readonly deps: readonly unknown[];
  private readonly depOk = new Map<number, boolean>();
  /** The loaded index's checksum matched: entries get the structural check only, not the schema's. */
  private readonly intact: boolean;
  /** The loaded index's checksum and size, and its journal's size (undefined checksum: no usable index). */
  private readonly loaded: LoadedIndex;
  private readonly file: string;
  /** The next index: rows, and entries kept from the loaded index or new (numbered into one table when written). */
  private readonly next: { readonly format: number; readonly config: string; readonly files: Record<string, Row>; readonly entries: Record<string, NextEntry> };
  /** Hashes computed this run (byText), so `record` does not hash the text twice. */
  private readonly hashes = new Map<string, string>();
  /** What each analysis of this run read (wrap), for the entry's deps. */
  private readonly depsOf = new Map<string, readonly string[]>();
  /** Dependency signatures taken this run (many entries share a dependency). */
  private readonly sigs = new Map<string, string>();
  private readonly nowSigs = new Map<string, string>();
  /** Paths found empty this run ({@link nothingAt}). */
  private readonly nothing = new Map<string, boolean>();
  /** Token counts the engine computed this run (given by the CLI after the scan: {@link keepTokenCounts}). */
  private readonly newTokens = new Map<string, [string, number][]>();
  /** Paths whose entry failed validation (warned once). */
  private readonly invalid = new Set<string>();
  private readonly startedAt = Date.now();
  private dirty = false;
  /** Files answered from the cache / analysed, for `--verbose` and the benchmark. */
  hits = 0;
  misses = 0;
  /** Entries that failed validation (one diagnostic each), for the report. */
  readonly diagnostics: Diagnostic[] = [];

  /**
   * `partial`: this scan covers only part of the root (paths given), so rows of files it does not see are kept;
   * a scan of the whole root keeps only the files it saw (deleted files leave the index).
   */
  /**
   * `files`: the scan's FileProvider, for the dependencies' signatures (after the walk, its folder listings answer for
   * most files an import looked for and did not find, without a system call).
   */
  /** `journalShare`: how large the journal may grow next to the index before the index is rewritten (tests lower it). */
  constructor(dir: string, private readonly root: string, config: string, private readonly files: Pick<NodeFileProvider, 'statSync'>, partial = false, private readonly journalShare = JOURNAL_SHARE) {
    this.file = path.join(dir, 'tokentier-scan-cache.json');
    const loaded = loadIndex(this.file, config);
    this.loaded = loaded;
    this.rows = loaded.rows;
    this.entries = loaded.entries;
    this.deps = loaded.deps;
    this.intact = loaded.intact;
    if (loaded.problem) {
      this.diagnostics.push(loaded.problem);
      // Written again (with its checksum) even when every entry is reused, so the warning is not repeated each run.
      this.dirty = true;
    }
    this.next = { format: CACHE_FORMAT, config, files: {}, entries: {} };
    if (partial) {
      // Rows and entries of files this scan does not see are kept as they are.
      for (const [p, r] of Object.entries(this.rows)) if (isRow(r)) this.next.files[p] = r;
      for (const [p, e] of Object.entries(this.entries)) {
        const r = this.rows[p];
        if (isRow(r) && r[3] === 'a' && this.usable(e)) this.next.entries[p] = { old: e };
      }
    }
  }

  /** The token counts the index holds, per encoding, for the engine's memo (none from an altered index). */
  tokenCounts(): ReadonlyMap<string, ReadonlyMap<string, number>> {
    return this.loaded.tokens ?? new Map();
  }

  /** Token counts the engine computed this run, to keep in the index. */
  keepTokenCounts(counts: readonly (readonly [string, readonly (readonly [string, number])[]])[]): void {
    for (const [enc, list] of counts) {
      if (!list.length) continue;
      const known = this.loaded.tokens?.get(enc);
      const fresh = list.filter(([t]) => !known?.has(t)) as [string, number][];
      if (!fresh.length) continue;
      this.newTokens.set(enc, [...(this.newTokens.get(enc) ?? []), ...fresh]);
      this.dirty = true;
    }
  }

  /** Every token count for the rewritten index: the loaded ones, then this run's, the newest {@link TOKEN_LIMIT} per encoding. */
  private allTokens(): Record<string, [string, number][]> {
    const out: Record<string, [string, number][]> = {};
    for (const enc of new Set([...(this.loaded.tokens?.keys() ?? []), ...this.newTokens.keys()])) {
      const list: [string, number][] = [...(this.loaded.tokens?.get(enc) ?? [])];
      list.push(...(this.newTokens.get(enc) ?? []));
      out[enc] = list.slice(-TOKEN_LIMIT);
    }
    return out;
  }

  /** Whether a loaded entry can be carried into the next index: well formed, each dependency a pair. */
  private usable(e: unknown): e is Entry {
    return !entryShapeProblem(e, this.deps.length) && (e as Entry).deps.every((i) => isDep(this.deps[i]));
  }

  /** Whether the loaded index's dependency `i` still has its recorded signature (checked once per run). */
  private depValid(i: number): boolean {
    let ok = this.depOk.get(i);
    if (ok === undefined) {
      const d = this.deps[i];
      ok = isDep(d) && (d[1] === NOTHING ? this.nothingAt(d[0]) : this.signature(d[0]) === d[1]);
      this.depOk.set(i, ok);
    }
    return ok;
  }

  private row(p: string): Row | undefined {
    const r = Object.hasOwn(this.rows, p) ? this.rows[p] : undefined;
    return isRow(r) ? r : undefined;
  }

  /** The kept outcome of a row, or undefined when its results are invalid or stale. */
  private outcomeOf(p: string, r: Row): FileOutcome | undefined {
    if (r[3] === 'p') return PLAIN;
    if (r[3] === 'b') return BINARY;
    if (this.invalid.has(p)) return undefined;
    const e = Object.hasOwn(this.entries, p) ? this.entries[p] : undefined;
    const problem = entryShapeProblem(e, this.deps.length) ?? (this.intact ? undefined : resultProblem(e as Entry));
    if (problem) {
      this.invalid.add(p);
      this.diagnostics.push({ severity: 'warning', code: 'cache-entry-invalid', message: `The --cache entry for ${p} is not a valid result (${problem}); the file was analysed again.`, file: p });
      return undefined;
    }
    const entry = e as Entry;
    if (entry.hash !== r[4]) return undefined;
    for (const i of entry.deps) if (!this.depValid(i)) return undefined;
    return { kind: 'analysed', estimates: entry.estimates, diagnostics: entry.diagnostics };
  }

  async byStat(p: string, st: FileStat): Promise<FileOutcome | undefined> {
    const r = this.row(p);
    const hit = r && r[1] >= 0 && r[0] === st.size && r[1] === st.mtime && r[2] === (st.ino ?? 0) ? this.outcomeOf(p, r) : undefined;
    if (hit) this.hits++;
    return hit;
  }

  async byText(p: string, _st: FileStat, text: string): Promise<FileOutcome | undefined> {
    const hash = contentHash(text);
    this.hashes.set(p, hash);
    const r = this.row(p);
    const hit = r && r[4] === hash ? this.outcomeOf(p, r) : undefined;
    if (hit) this.hits++;
    return hit;
  }

  record(p: string, st: FileStat, outcome: FileOutcome, text: string | undefined): void {
    const old = this.row(p);
    const hash = text !== undefined ? this.hashes.get(p) ?? contentHash(text) : old && old[0] === st.size && old[1] === st.mtime ? old[4] : '';
    this.hashes.delete(p);
    const racy = st.mtime <= 0 || Math.abs(this.startedAt - st.mtime) < RACY_MS;
    const kind: Kind = outcome.kind === 'plain' ? 'p' : outcome.kind === 'binary' ? 'b' : 'a';
    const row: Row = [st.size, racy ? -1 : st.mtime, st.ino ?? 0, kind, hash];
    this.next.files[p] = row;
    if (!old || old.some((v, i) => v !== row[i])) this.dirty = true;
    if (outcome.kind !== 'analysed') {
      delete this.next.entries[p];
      return;
    }
    const deps = this.depsOf.get(p);
    this.depsOf.delete(p);
    if (!deps && old && old[3] === 'a' && old[4] === hash && Object.hasOwn(this.entries, p) && this.usable(this.entries[p])) {
      // Kept from the last run (checked on use: outcomeOf).
      this.next.entries[p] = { old: this.entries[p] as Entry };
      return;
    }
    const pairs: Dep[] = [];
    const taken = new Set<string>();
    for (const d of new Set(deps ?? [])) {
      if (d === p) continue;
      let dep: Dep = [d, this.signatureNow(d)];
      // An import candidate that does not exist is kept as its first missing folder or name: one entry for the
      // candidates under it (`helpers.py`, `helpers/__init__.py` → `helpers`), checked as "nothing there".
      const gap = dep[1] === '-' && !d.endsWith('/') ? this.firstGap(d) : undefined;
      if (gap !== undefined) dep = [gap, NOTHING];
      const key = `${dep[0]}\0${dep[1]}`;
      if (!taken.has(key)) {
        taken.add(key);
        pairs.push(dep);
      }
    }
    // Round-tripped now so the entry holds exactly what a later run will read back.
    this.next.entries[p] = { fresh: JSON.parse(JSON.stringify({ hash, deps: pairs, estimates: outcome.estimates, diagnostics: outcome.diagnostics })) as FreshEntry };
    this.dirty = true;
  }

  /** A dependency's signature now (memoised for the run): `size:mtime`, `-` when missing, `!` when not a root path. */
  private signature(rel: string): string {
    const known = this.sigs.get(rel);
    if (known !== undefined) return known;
    let sig: string;
    if (climbsOut(rel)) sig = '!';
    else if (rel.endsWith('/')) sig = this.signatureNow(rel);
    else {
      const st = this.files.statSync(rel);
      sig = st && st.type === 'file' ? `${st.size}:${st.mtime}` : st ? this.signatureNow(rel) : '-';
    }
    this.sigs.set(rel, sig);
    return sig;
  }

  /** True when the scan's FileProvider sees nothing at `rel` (no file, no folder), memoised for the run. */
  private nothingAt(rel: string): boolean {
    if (climbsOut(rel)) return false;
    let none = this.nothing.get(rel);
    if (none === undefined) this.nothing.set(rel, (none = this.files.statSync(rel) === undefined));
    return none;
  }

  /** The shortest leading part of `rel` (whole segments) at which there is nothing, or undefined when every part exists. */
  private firstGap(rel: string): string | undefined {
    if (climbsOut(rel) || rel.startsWith('./') || rel.includes('//') || rel.includes('/./')) return undefined;
    for (let i = rel.indexOf('/'); i > 0; i = rel.indexOf('/', i + 1)) if (this.nothingAt(rel.slice(0, i))) return rel.slice(0, i);
    return this.nothingAt(rel) ? rel : undefined;
  }

  /**
   * The signature read from the disk itself (when an entry is written, and for folders), once per run: a signature taken
   * before an analysis read the file can only make a later run re-analyse, never trust a stale result.
   */
  private signatureNow(rel: string): string {
    let sig = this.nowSigs.get(rel);
    if (sig === undefined) this.nowSigs.set(rel, (sig = this.diskSignature(rel)));
    return sig;
  }

  private diskSignature(rel: string): string {
    const dir = rel.endsWith('/');
    // A dependency is a root-relative path; one that climbs out (a tampered entry) is never looked at.
    if (climbsOut(rel)) return '!';
    const p = path.join(this.root, ...rel.split('/').filter(Boolean));
    try {
      const st = fs.statSync(p);
      if (dir) return st.isDirectory() ? `d:${fs.readdirSync(p).length}:${st.mtimeMs}` : '-';
      return st.isFile() ? `${st.size}:${st.mtimeMs}` : '-';
    } catch {
      return '-';
    }
  }

  /** Returns `analyze` with the files it read noted for the entry (`analyze` must report them: {@link trackDeps}). */
  wrap(analyze: (input: AnalyzeInput) => Promise<TrackedOutput>): (input: AnalyzeInput) => Promise<AnalyzeOutput> {
    return async (input) => {
      const out = await analyze(input);
      this.misses++;
      this.depsOf.set(input.path, out.deps ?? []);
      return { estimates: out.estimates, diagnostics: out.diagnostics };
    };
  }

  /**
   * The index as JSON, one piece per analysed entry (never one string of the whole index), ending with the checksum of
   * the pieces before it. Only the dependencies the kept entries use are written.
   */
  private *pieces(): Generator<string> {
    const { format, config, files, entries } = this.next;
    // One table of the dependencies the entries use: `path\0sig` → its number. A kept entry's dependency is looked up
    // once per loaded pair (oldToNew), not once per entry that lists it.
    const numbers = new Map<string, number>();
    const table: Dep[] = [];
    const number = (d: Dep): number => {
      const key = `${d[0]}\0${d[1]}`;
      let j = numbers.get(key);
      if (j === undefined) {
        j = table.push(d) - 1;
        numbers.set(key, j);
      }
      return j;
    };
    const oldToNew = new Int32Array(this.deps.length).fill(-1);
    const renumber = (i: number): number => {
      let j = oldToNew[i] as number;
      if (j < 0) oldToNew[i] = j = number(this.deps[i] as Dep);
      return j;
    };
    const kept: [string, Entry][] = [];
    for (const p in entries) {
      const n = entries[p] as NextEntry;
      if ('old' in n) kept.push([p, { hash: n.old.hash, deps: n.old.deps.map(renumber), estimates: n.old.estimates, diagnostics: n.old.diagnostics }]);
      else kept.push([p, { ...n.fresh, deps: n.fresh.deps.map(number) }]);
    }
    const sha = createHash('sha1');
    const out = (s: string) => (sha.update(s, 'utf8'), s);
    yield out(`{"format":${JSON.stringify(format)},"config":${JSON.stringify(config)},"tokens":${JSON.stringify(this.allTokens())},"deps":${JSON.stringify(table)},"files":${JSON.stringify(files)},"entries":{`);
    let first = true;
    for (const [p, e] of kept) {
      yield out(`${first ? '' : ','}${JSON.stringify(p)}:${JSON.stringify(e)}`);
      first = false;
    }
    yield out('}');
    yield `,"checksum":"${sha.digest('hex')}"}`;
  }

  /** Writes the cache (atomically) when anything changed. Never throws; returns false when it could not write. */
  save(): boolean {
    if (!this.dirty && Object.keys(this.next.files).length === Object.keys(this.rows).length) return true;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const line = this.loaded.problem ? undefined : this.journalLine();
      if (line !== undefined) {
        // After a newline of its own: a line cut short by a crash must not swallow this one.
        fs.appendFileSync(`${this.file}.journal`, `\n${line}`);
        return true;
      }
      writeFileAtomic(this.file, this.pieces());
      // The journal's lines name the old index's checksum: the new index has everything they held.
      fs.rmSync(`${this.file}.journal`, { force: true });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * This run's changes as one journal line (checksum, space, JSON, newline), or undefined when the index must be
   * rewritten instead: no intact index to append to, or the journal would grow past {@link JOURNAL_SHARE} of it.
   */
  private journalLine(): string | undefined {
    const { checksum, size = 0, journalSize = 0 } = this.loaded;
    if (!checksum) return undefined;
    const files: Record<string, Row | null> = {};
    const entries: Record<string, FreshEntry | null> = {};
    for (const p in this.next.files) {
      const r = this.next.files[p] as Row;
      const old = this.row(p);
      if (!old || old.some((v, i) => v !== r[i])) files[p] = r;
    }
    for (const p in this.rows) if (!Object.hasOwn(this.next.files, p)) files[p] = null;
    for (const p in this.next.entries) {
      const n = this.next.entries[p] as NextEntry;
      if ('fresh' in n) entries[p] = n.fresh;
      else if (n.old !== this.entries[p]) entries[p] = { ...n.old, deps: n.old.deps.map((i) => this.deps[i] as Dep) };
    }
    for (const p in this.entries) if (!Object.hasOwn(this.next.entries, p)) entries[p] = null;
    const body = JSON.stringify({ base: checksum, files, entries, ...(this.newTokens.size ? { tokens: Object.fromEntries(this.newTokens) } : {}) } satisfies JournalLine);
    if (journalSize + body.length > size * this.journalShare) return undefined;
    return `${createHash('sha1').update(body, 'utf8').digest('hex')} ${body}`;
  }
}

/** True when a root-relative path has a `..` segment or is absolute (a tampered entry): never looked at. */
function climbsOut(rel: string): boolean {
  return rel.startsWith('/') || rel === '..' || rel.startsWith('../') || rel.endsWith('/..') || rel.includes('/../');
}

function isDep(d: unknown): d is Dep {
  return Array.isArray(d) && d.length === 2 && typeof d[0] === 'string' && typeof d[1] === 'string';
}

/**
 * What this module relies on in an entry (a tampered or corrupt cache file otherwise): an object with a hash, deps that
 * index the dependency table (`depCount` pairs), and arrays of estimates and diagnostics. Undefined when well formed.
 */
function entryShapeProblem(e: unknown, depCount: number): string | undefined {
  if (!isRecord(e)) return 'not an object';
  const x = e as Partial<Entry>;
  if (typeof x.hash !== 'string') return 'hash: not a string';
  if (!Array.isArray(x.deps) || !x.deps.every((i) => Number.isInteger(i) && i >= 0 && i < depCount)) return 'deps: not a list of dependency numbers';
  if (!Array.isArray(x.estimates)) return 'estimates: not an array';
  if (!Array.isArray(x.diagnostics)) return 'diagnostics: not an array';
  return undefined;
}

/** Why a well-shaped entry's results are not a valid analysis (checked against the report schema), or undefined. */
function resultProblem(e: Entry): string | undefined {
  // Most analysed files hold no site and no diagnostic: nothing for the schema to check.
  if (e.estimates.length === 0 && e.diagnostics.length === 0) return undefined;
  return analysisProblem({ estimates: e.estimates, diagnostics: e.diagnostics });
}
