/**
 * The CLI's opt-in result cache across scans (`--cache DIR`), for the warm re-scan of issue 9.
 *
 * An entry is reused only when all of these are unchanged since it was written:
 * - the file's content (SHA-1 of the text the scanner read);
 * - every other workspace file the engine looked at while analysing it (one-hop imports, prompt files), by
 *   size and mtime, including files it looked for and did not find: recorded through the FileProvider the
 *   engine reads from, attributed to the file being analysed with AsyncLocalStorage;
 * - the configuration: tool version, settings, team files (price book, usage, policy) and the date (prices
 *   change on dates).
 * Anything else (a corrupt or foreign cache file) starts an empty cache. Writes are atomic.
 *
 * The cache folder is input like the repository (a CI cache can be restored from anywhere): each entry is checked
 * before use against the report schema (src/core/report/validate.ts). An entry that does not match is a miss, the
 * file is analysed again, and a `cache-entry-invalid` diagnostic says so (issue 17).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileProvider } from '../core/fileProvider';
import { analysisProblem } from '../core/report/validate';
import type { AnalyzeInput, AnalyzeOutput } from '../core/scan/scanner';
import type { Diagnostic } from '../core/types';
import { writeFileAtomic } from './atomicWrite';

const CACHE_FORMAT = 1;

/** What an analysis returns plus the workspace files it looked at (root-relative). */
export interface TrackedOutput extends AnalyzeOutput {
  readonly deps?: readonly string[];
}

interface Entry {
  readonly hash: string;
  /** Root-relative path → `size:mtime`, or `-` when it did not exist. */
  readonly deps: Readonly<Record<string, string>>;
  readonly estimates: AnalyzeOutput['estimates'];
  readonly diagnostics: AnalyzeOutput['diagnostics'];
}

interface CacheFile {
  readonly format: number;
  readonly config: string;
  readonly entries: Record<string, Entry>;
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

/** The per-file cache; `wrap` turns an analysis function into a cached one. */
export class ScanCache {
  private readonly entries: Record<string, Entry>;
  private readonly file: string;
  private dirty = false;
  /** Reused / analysed counts, for the summary and the benchmark. */
  hits = 0;
  misses = 0;
  /** Entries that failed validation (one diagnostic each), for the report. */
  readonly diagnostics: Diagnostic[] = [];

  constructor(dir: string, private readonly root: string, private readonly config: string) {
    this.file = path.join(dir, 'tokentier-scan-cache.json');
    let entries: Record<string, Entry> = {};
    try {
      const raw = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<CacheFile>;
      if (raw.format === CACHE_FORMAT && raw.config === config && raw.entries && typeof raw.entries === 'object' && !Array.isArray(raw.entries)) entries = raw.entries;
    } catch {
      // No cache yet, or unreadable: start empty.
    }
    this.entries = entries;
  }

  private signature(rel: string): string {
    const dir = rel.endsWith('/');
    // A dependency is a root-relative path; one that climbs out (a tampered entry) is never looked at.
    if (rel.split('/').includes('..') || rel.startsWith('/')) return '!';
    const p = path.join(this.root, ...rel.split('/').filter(Boolean));
    try {
      const st = fs.statSync(p);
      if (dir) return st.isDirectory() ? `d:${fs.readdirSync(p).length}:${st.mtimeMs}` : '-';
      return `${st.size}:${st.mtimeMs}`;
    } catch {
      return '-';
    }
  }

  /** Returns `analyze` with the cache in front of it. `analyze` must report its deps ({@link trackDeps}). */
  wrap(analyze: (input: AnalyzeInput) => Promise<TrackedOutput>): (input: AnalyzeInput) => Promise<AnalyzeOutput> {
    return async (input) => {
      const hash = createHash('sha1').update(input.text).digest('hex');
      const e = Object.hasOwn(this.entries, input.path) ? this.entries[input.path] : undefined;
      const problem = e === undefined ? undefined : entryProblem(e);
      if (problem) {
        this.diagnostics.push({ severity: 'warning', code: 'cache-entry-invalid', message: `The --cache entry for ${input.path} is not a valid result (${problem}); the file was analysed again.`, file: input.path });
      } else if (e && e.hash === hash && Object.entries(e.deps).every(([p, sig]) => this.signature(p) === sig)) {
        this.hits++;
        return { estimates: e.estimates, diagnostics: e.diagnostics };
      }
      this.misses++;
      const out = await analyze(input);
      const deps: Record<string, string> = {};
      for (const p of out.deps ?? []) if (p !== input.path) deps[p] = this.signature(p);
      // Round-tripped now so a hit returns exactly what a later run would read back.
      this.entries[input.path] = JSON.parse(JSON.stringify({ hash, deps, estimates: out.estimates, diagnostics: out.diagnostics })) as Entry;
      this.dirty = true;
      return { estimates: out.estimates, diagnostics: out.diagnostics };
    };
  }

  /** Writes the cache (atomically) when anything changed. Never throws; returns false when it could not write. */
  save(): boolean {
    if (!this.dirty) return true;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const data: CacheFile = { format: CACHE_FORMAT, config: this.config, entries: this.entries };
      writeFileAtomic(this.file, JSON.stringify(data));
      return true;
    } catch {
      return false;
    }
  }
}

/** Why a cache entry cannot be used (a tampered or corrupt cache file), or undefined when it is well formed. */
function entryProblem(e: unknown): string | undefined {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return 'not an object';
  const x = e as Partial<Entry>;
  if (typeof x.hash !== 'string') return 'hash: not a string';
  if (!x.deps || typeof x.deps !== 'object' || Array.isArray(x.deps) || !Object.values(x.deps).every((v) => typeof v === 'string')) return 'deps: not a map of signatures';
  return analysisProblem({ estimates: x.estimates, diagnostics: x.diagnostics });
}
