/**
 * The evaluation's file-system and process side: finding the local mirrors, writing a pinned commit's tree into
 * eval/.work/, building and running the project's own CLI, reading source lines for the reports. Developer tooling
 * (not shipped, not part of `npm test`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseLabelFile, type LabelFile } from './labels';
import type { ScanSite } from './score';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const EVAL_DIR = path.join(PROJECT_ROOT, 'eval');
export const WORK_DIR = path.join(EVAL_DIR, '.work');
export const DEFAULT_LABELS_DIR = path.join(EVAL_DIR, 'labels');
export const DEFAULT_MIRRORS = '/work/.mirror';

/** The mirrors root: `TOKENTIER_EVAL_MIRRORS`, else /work/.mirror (where the `fetch` tool writes). */
export function mirrorsRoot(): string {
  return process.env.TOKENTIER_EVAL_MIRRORS || DEFAULT_MIRRORS;
}

/** `owner/name` → `owner__name` (label files, work folders). */
export const repoKey = (repo: string): string => repo.replace('/', '__');

function isGitDir(dir: string): boolean {
  const head = fs.statSync(path.join(dir, 'HEAD'), { throwIfNoEntry: false });
  const objects = fs.statSync(path.join(dir, 'objects'), { throwIfNoEntry: false });
  return !!head?.isFile() && !!objects?.isDirectory();
}

/**
 * The git directory of a repository's mirror: `<root>/<owner>+<name>/` (the `fetch` tool's layout) or
 * `<root>/<owner>__<name>/` or `<root>/<owner>/<name>/`, each either a bare git dir or holding `repo/`, `repo/.git/`
 * or `.git/`.
 */
export function findGitDir(repo: string, root = mirrorsRoot()): string | undefined {
  const [owner, name] = repo.split('/') as [string, string];
  for (const base of [`${owner}+${name}`, `${owner}__${name}`, path.join(owner, name)].map((b) => path.join(root, b))) {
    for (const dir of [path.join(base, 'repo', '.git'), path.join(base, 'repo'), path.join(base, '.git'), base]) {
      if (isGitDir(dir)) return dir;
    }
  }
  return undefined;
}

const git = (gitDir: string, args: string[], maxBuffer = 512 * 1024 * 1024): Buffer =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });

export function hasCommit(gitDir: string, commit: string): boolean {
  try {
    git(gitDir, ['cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

export function headCommit(gitDir: string): string | undefined {
  try {
    return git(gitDir, ['rev-parse', 'HEAD']).toString().trim();
  } catch {
    return undefined;
  }
}

/** Bytes arriving in chunks, read as lines and fixed-size blocks without re-copying what is buffered. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }
  /** Offset of the first `byte`, or -1. */
  indexOf(byte: number): number {
    let base = 0;
    for (const c of this.chunks) {
      const i = c.indexOf(byte);
      if (i >= 0) return base + i;
      base += c.length;
    }
    return -1;
  }
  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0] as Buffer;
      const k = Math.min(c.length, n - filled);
      c.copy(out, filled, 0, k);
      filled += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.length -= n;
    return out;
  }
}

export interface ExtractResult {
  readonly commit: string;
  readonly files: number;
  readonly bytes: number;
  /** Blobs the mirror lacks (snapshots leave out files of 4 MiB and more). */
  readonly missing: readonly string[];
  /** Submodules and symbolic links that point outside the tree: not written. */
  readonly skipped: readonly string[];
  /** True when the tree was already there at this commit. */
  readonly reused: boolean;
}

const markerOf = (dest: string) => `${dest}.extracted.json`;

/**
 * Writes the whole tree of `commit` into `dest` (the scanner follows imports, so every file is written). Idempotent:
 * a tree already extracted at this commit is reused. Written into `dest.part` first and renamed, so an interrupted run
 * never leaves a half tree that looks complete.
 */
export async function extractTree(gitDir: string, commit: string, dest: string): Promise<ExtractResult> {
  try {
    const prev = JSON.parse(fs.readFileSync(markerOf(dest), 'utf8')) as ExtractResult;
    if (prev.commit === commit && fs.existsSync(dest)) return { ...prev, reused: true };
  } catch {
    // No marker or a broken one: extract again.
  }
  const part = `${dest}.part`;
  fs.rmSync(part, { recursive: true, force: true });
  fs.mkdirSync(part, { recursive: true });
  const listing = git(gitDir, ['ls-tree', '-r', '-z', '--full-tree', commit]).toString('utf8');
  const blobs: { path: string; sha: string; link: boolean }[] = [];
  const skipped: string[] = [];
  for (const entry of listing.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [mode, type, sha] = entry.slice(0, tab).split(' ') as [string, string, string];
    const p = entry.slice(tab + 1);
    if (p.startsWith('/') || p.split('/').some((s) => s === '..' || s === '.' || s === '' || s === '.git')) {
      skipped.push(p);
      continue;
    }
    if (type !== 'blob') {
      skipped.push(`${p} (${type})`);
      continue;
    }
    blobs.push({ path: p, sha, link: mode === '120000' });
  }
  const missing: string[] = [];
  let files = 0;
  let bytes = 0;
  const made = new Set<string>([part]);
  const write = (b: { path: string; link: boolean }, content: Buffer) => {
    const abs = path.join(part, b.path);
    const dir = path.dirname(abs);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    if (b.link) {
      const target = content.toString('utf8');
      const resolved = path.resolve(dir, target);
      if (path.isAbsolute(target) || !(resolved === part || resolved.startsWith(`${part}${path.sep}`))) {
        skipped.push(`${b.path} (symbolic link out of the tree)`);
        return;
      }
      fs.symlinkSync(target, abs);
    } else {
      fs.writeFileSync(abs, content);
    }
    files++;
    bytes += content.length;
  };
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const q = new ByteQueue();
    let next = 0;
    let need = -1; // body bytes (+1 newline) still awaited for blobs[next], or -1 when a header is due
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      q.push(d);
      try {
        for (;;) {
          if (need < 0) {
            const nl = q.indexOf(10);
            if (nl < 0) break;
            const header = q.take(nl + 1).toString('utf8').trim();
            const b = blobs[next] as { path: string; sha: string; link: boolean };
            if (header.endsWith(' missing')) {
              missing.push(b.path);
              next++;
              continue;
            }
            need = Number(header.split(' ')[2]) + 1;
          }
          if (q.length < need) break;
          const body = q.take(need).subarray(0, need - 1);
          write(blobs[next] as { path: string; link: boolean }, body);
          next++;
          need = -1;
        }
      } catch (e) {
        child.kill();
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && next === blobs.length ? resolve() : reject(new Error(`git cat-file stopped (exit ${code}, ${next}/${blobs.length} objects): ${err.trim()}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(blobs.map((b) => b.sha).join('\n') + (blobs.length ? '\n' : ''));
  });
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(part, dest);
  const result: ExtractResult = { commit, files, bytes, missing, skipped, reused: false };
  fs.writeFileSync(markerOf(dest), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Label files
// ---------------------------------------------------------------------------------------------

export interface LoadedLabels {
  readonly file: string;
  readonly labels?: LabelFile;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** Every `*.json` in `dir`, parsed and checked, sorted by name. A missing folder gives an empty list. */
export function loadLabelDir(dir: string): LoadedLabels[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((n) => {
    const file = path.join(dir, n);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      return { file, errors: [`${n}: could not read (${String(e)})`], warnings: [] };
    }
    return { file, ...parseLabelFile(text, n) };
  });
}

// ---------------------------------------------------------------------------------------------
// Building and running the scanner
// ---------------------------------------------------------------------------------------------

const CLI = path.join(PROJECT_ROOT, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

/** Builds dist/ (`node esbuild.mjs --no-tests`) when dist/cli.js is missing or older than src/, package.json or esbuild.mjs. */
export function ensureBuilt(log: (m: string) => void): void {
  const built = fs.statSync(CLI, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(newestMtime(path.join(PROJECT_ROOT, 'src')), ...['package.json', 'esbuild.mjs'].map((f) => fs.statSync(path.join(PROJECT_ROOT, f)).mtimeMs));
  if (built >= sources) return;
  log(built ? 'dist/cli.js is older than src/: building…' : 'dist/cli.js is missing: building…');
  execFileSync(process.execPath, ['esbuild.mjs', '--no-tests'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** What a scan keeps: the slim sites, and the diagnostics that name a file. */
export interface ScanResult {
  readonly key: string;
  readonly sites: readonly ScanSite[];
  readonly diagnostics: readonly { readonly file: string; readonly code: string; readonly message: string; readonly cell?: number }[];
  readonly filesScanned: number;
  readonly ms: number;
}

interface ReportLike {
  sites: { site: { file: string; line: number; cell?: number; range?: { start: { line: number }; end: { line: number } }; provider: string; via: string; api: string; method: string; model: { id: string | null; canonical: string | null } } }[];
  diagnostics: { file?: string; code: string; message: string; cell?: number }[];
  stats: { filesScanned: number; ms: number };
}

/** Slims a report (`tokentier scan --format json`) to what the evaluation reads. */
export function slimReport(report: ReportLike, key: string): ScanResult {
  const sites: ScanSite[] = report.sites.map(({ site: s }) => ({
    file: s.file, line: s.line, ...(s.cell !== undefined ? { cell: s.cell } : {}),
    // Report ranges are 0-based lines; ScanSite lines are 1-based like `line`.
    ...(s.range ? { startLine: s.range.start.line + 1, endLine: s.range.end.line + 1 } : {}),
    provider: s.provider, via: s.via, api: s.api, method: s.method, model: s.model.id, canonical: s.model.canonical,
  }));
  const diagnostics = report.diagnostics.filter((d) => d.file).map((d) => ({ file: d.file as string, code: d.code, message: d.message, ...(d.cell !== undefined ? { cell: d.cell } : {}) }));
  return { key, sites, diagnostics, filesScanned: report.stats.filesScanned, ms: report.stats.ms };
}

/**
 * A key for cached scans: the built CLI's bytes, the engine it loads on first use (dist/engine.js, dist/scanChild.js:
 * a detection change rebuilds only those) and what was scanned.
 */
export function scanKey(what: string): string {
  const h = createHash('sha256');
  h.update(fs.readFileSync(CLI));
  for (const f of ['engine.js', 'scanChild.js']) {
    const p = path.join(path.dirname(CLI), f);
    if (fs.existsSync(p)) h.update(fs.readFileSync(p));
  }
  h.update(`\0${what}`);
  return h.digest('hex').slice(0, 24);
}

/**
 * Scans `tree` with the project's own CLI (`dist/cli.js scan <tree> --format json`: the same engine, exclusions and
 * limits as the editor's workspace scan), caching the slim result in `cacheFile` under `key`.
 */
export async function scanTree(tree: string, cacheFile: string | undefined, key: string, log: (m: string) => void): Promise<ScanResult> {
  if (cacheFile) {
    try {
      const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as ScanResult;
      if (cached.key === key) return cached;
    } catch {
      // Not cached yet.
    }
  }
  const out = `${cacheFile ?? path.join(WORK_DIR, `scan-${process.pid}`)}.report.json`;
  const started = Date.now();
  log(`scanning ${path.relative(PROJECT_ROOT, tree) || tree} …`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'scan', tree, '--format', 'json', '--output', out, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`tokentier scan exited ${code}: ${err.trim().slice(0, 2000)}`))));
  });
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as ReportLike;
  fs.rmSync(out, { force: true });
  const result = slimReport(report, key);
  log(`  ${result.sites.length} site(s) in ${result.filesScanned} file(s), ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (cacheFile) fs.writeFileSync(cacheFile, JSON.stringify(result));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Source lines
// ---------------------------------------------------------------------------------------------

/** Reads lines of files under a root (notebooks: lines of a cell), caching each file's split text. */
export class SourceReader {
  private readonly cache = new Map<string, string[] | Map<number, string[]> | null>();
  constructor(private readonly root: (repo: string) => string) {}

  private load(repo: string, file: string): string[] | Map<number, string[]> | null {
    const k = `${repo}\0${file}`;
    if (this.cache.has(k)) return this.cache.get(k) ?? null;
    let value: string[] | Map<number, string[]> | null = null;
    try {
      const text = fs.readFileSync(path.join(this.root(repo), file), 'utf8');
      if (file.toLowerCase().endsWith('.ipynb')) {
        const nb = JSON.parse(text) as { cells?: { source?: string | string[] }[] };
        value = new Map((nb.cells ?? []).map((c, i) => [i, (Array.isArray(c.source) ? c.source.join('') : c.source ?? '').split('\n')]));
      } else {
        value = text.split('\n');
      }
    } catch {
      value = null;
    }
    this.cache.set(k, value);
    return value;
  }

  exists(repo: string, file: string): boolean {
    return this.load(repo, file) !== null;
  }

  /** Number of lines (of the cell, in a notebook), or undefined when the file or cell is absent. */
  lineCount(repo: string, file: string, cell?: number): number | undefined {
    const v = this.load(repo, file);
    if (!v) return undefined;
    if (Array.isArray(v)) return v.length;
    return cell === undefined ? undefined : v.get(cell)?.length;
  }

  /** Kind of a notebook cell (`code`, `markdown`, …), read from the file. */
  cellType(repo: string, file: string, cell: number): string | undefined {
    try {
      const nb = JSON.parse(fs.readFileSync(path.join(this.root(repo), file), 'utf8')) as { cells?: { cell_type?: string }[] };
      return nb.cells?.[cell]?.cell_type;
    } catch {
      return undefined;
    }
  }

  line(repo: string, file: string, cell: number | undefined, line: number): string | undefined {
    const v = this.load(repo, file);
    if (!v) return undefined;
    const lines = Array.isArray(v) ? v : cell === undefined ? undefined : v.get(cell);
    return lines?.[line - 1];
  }
}

// ---------------------------------------------------------------------------------------------
// Walking a tree for the candidate finder
// ---------------------------------------------------------------------------------------------

/**
 * Files under `root` (POSIX paths relative to it) with one of `extensions`, skipping `skipFolders` by name and
 * symbolic links. Sorted.
 */
export function walkFiles(root: string, extensions: ReadonlySet<string>, skipFolders: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!skipFolders.has(e.name)) walk(p);
      } else if (e.isFile()) {
        const dot = e.name.lastIndexOf('.');
        if (dot >= 0 && extensions.has(e.name.slice(dot).toLowerCase())) out.push(p);
      }
    }
  };
  walk('');
  return out.sort();
}
