/**
 * The CLI's FileProvider over `node:fs`, rooted at the scan root. Paths are root-relative POSIX paths;
 * anything that would escape the root (`..`, absolute paths) reads as missing.
 * Symbolic links are followed while they stay inside the scan root (issue 17): a link that leads out of it is not
 * listed or read, and is reported (`symlink-outside-root`), unless `followSymlinks` (`--follow-symlinks`). A link to a
 * folder that contains it (a loop) is dropped from the listing and reported in `diagnostics`. Reads open files
 * non-blocking and take regular files only (never a FIFO or a device).
 *
 * It uses synchronous fs calls on purpose: for many small files they are faster than the promise API's
 * thread-pool round trips (measured on this repo's node_modules), and the CLI has no UI thread to keep free.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeFileText, ListingMemo, type FileProvider, type FileStat } from '../core/fileProvider';
import type { Diagnostic } from '../core/types';
import { gitTracked } from './gitFiles';

export interface NodeFileProvider extends FileProvider {
  /** Absolute scan root. */
  readonly root: string;
  /** Problems met while listing (symlink loops, permission errors), for the report. */
  readonly diagnostics: Diagnostic[];
  /** {@link FileProvider.stat} without the promise (the `--cache` index checks thousands of paths). */
  statSync(rel: string): FileStat | undefined;
  /** What this provider's walk has listed so far, for {@link NodeFileOptions.listed} of another thread's provider. */
  listed(): WalkListing;
}

/** The folder listings of a walk (plain data: it is structured-cloned to worker threads). */
export interface WalkListing {
  /** Each listed folder (root-relative, `''` for the root) with its entry names and the names that are links. */
  readonly folders: readonly (readonly [dir: string, names: readonly string[], links: readonly string[]])[];
}

/** A normalised relative POSIX path (`src/app.py`): no empty, `.` or `..` segment, no backslash, no drive. */
const PLAIN_PATH = /^(?![A-Za-z]:)(?:[^/\\.][^/\\]*|\.[^/\\.][^/\\]*|\.\.[^/\\]+)(?:\/(?:[^/\\.][^/\\]*|\.[^/\\.][^/\\]*|\.\.[^/\\]+))*$/;

/**
 * `root` joined with a plain relative path without splitting it (what `path.join` gives), or undefined when `rel` is
 * not plain or the platform's separator is not `/`: then the caller takes its own slow path. A scan's own paths and
 * import candidates are nearly all plain, and a large scan maps ~100,000 of them.
 */
export function joinPlain(root: string, rel: string): string | undefined {
  if (path.sep !== '/' || !PLAIN_PATH.test(rel)) return undefined;
  return root.endsWith('/') ? `${root}${rel}` : `${root}/${rel}`;
}

/** Maps a root-relative POSIX path to an absolute one, or undefined when it leaves the root. */
export function resolveInside(root: string, rel: string): string | undefined {
  const plain = joinPlain(root, rel);
  if (plain) return plain;
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) return undefined;
  const parts = rel.split('/').filter((p) => p && p !== '.');
  if (parts.includes('..')) return undefined;
  return path.join(root, ...parts);
}

/**
 * A file or folder's FileStat, or undefined (missing, another kind, unreadable). Never throws. Shared with the
 * extension's local provider (src/node/localFiles.ts).
 */
export function statPath(abs: string): FileStat | undefined {
  try {
    // No exception for a missing file: one-hop import resolution stats many candidate paths that do not exist.
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (!st || (!st.isFile() && !st.isDirectory())) return undefined;
    return { type: st.isDirectory() ? 'directory' : 'file', size: st.size, mtime: st.mtimeMs, ino: st.ino };
  } catch {
    return undefined;
  }
}

/** True when `real` (a resolved path) is `root` or inside it. Right for a root of `/` too (its prefix is `/`, not `//`). */
export function isInsideReal(rootReal: string, real: string): boolean {
  if (real === rootReal) return true;
  const prefix = rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep;
  return real.startsWith(prefix);
}

/** The real path of `p`, or undefined when it cannot be resolved (missing, a loop, permission). */
function realOf(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/**
 * Reads a regular file without ever blocking or reading without end: opened non-blocking (a FIFO would otherwise wait
 * for a writer forever), then `fstat` on the open descriptor must say "regular file" (not `/dev/zero`, a FIFO or a
 * socket) no bigger than `maxBytes`, and at most that many bytes are read. Returns the bytes, or why not.
 * Shared by the file providers and the settings reader.
 */
export function readRegularFile(abs: string, maxBytes = Number.MAX_SAFE_INTEGER): { bytes: Buffer } | { error: 'missing' | 'not-a-file' | 'too-large' | 'denied' | 'unreadable'; size?: number } {
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : code === 'EACCES' || code === 'EPERM' ? 'denied' : 'unreadable' };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { error: 'not-a-file' };
    if (st.size > maxBytes) return { error: 'too-large', size: st.size };
    const cap = Math.min(st.size, maxBytes) + 1;
    const chunks: Buffer[] = [];
    let total = 0;
    // Read until end of file, but never past the cap (a file that grows while read is cut off and refused).
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.max(1, Math.min(cap - total, 1 << 20)));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxBytes) return { error: 'too-large', size: total };
      if (total >= cap) break;
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' || code === 'EPERM' ? 'denied' : 'unreadable' };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // Already closed.
    }
  }
}

/** Options of {@link createNodeFileProvider}. */
export interface NodeFileOptions {
  /** Follow symbolic links that lead out of the scan root (`--follow-symlinks`). Default: never leave the root. */
  readonly followSymlinks?: boolean;
  /**
   * The listings of the walk of the same scan, made by another provider (a scan worker thread gets the main thread's):
   * this provider then answers as that one does (paths known missing, folders known free of links) without asking the
   * file system again. Only for a provider that lives as long as that scan.
   */
  readonly listed?: WalkListing;
}

/**
 * Keeps reads inside the scan root. Symbolic links whose target is inside the root are followed (a loop is caught by
 * the walk); one that leads out of it is refused unless links may be followed. Paths are checked cheaply when every
 * folder on the way was listed by this provider and none of their names is a link (the walk's own files); any other
 * path (imports, team files, paths through a link) is resolved with `realpath`.
 */
export class RootGuard {
  readonly rootReal: string;
  private readonly listed = new Set<string>();
  private readonly links = new Set<string>();
  /** Folders whose whole path was found listed and free of links (see {@link plain}). */
  private readonly plainDirs = new Set<string>();
  /** The names of the links each listed folder holds, for {@link linksIn}. */
  private readonly linksOf = new Map<string, readonly string[]>();

  /**
   * `remember`: use listings for the cheap check. Only for a provider that lives as long as one scan: a long-lived one
   * (the editor's) would trust a folder listed before a link replaced it, so it resolves every path.
   */
  constructor(root: string, readonly follow: boolean, private readonly remember = true) {
    this.rootReal = realOf(root) ?? root;
  }

  /** Records a folder listing: which entries are links, and that `dir` itself was walked. */
  noteListing(dir: string, linkNames: readonly string[]): void {
    if (!this.remember) return;
    this.listed.add(dir);
    for (const n of linkNames) this.links.add(dir ? `${dir}/${n}` : n);
    if (linkNames.length) this.linksOf.set(dir, [...linkNames]);
    // A folder listed again may now hold a link where a plain folder was: every kept verdict is checked again.
    if (linkNames.length) this.plainDirs.clear();
  }

  /** The names of the links `noteListing` recorded in `dir`. */
  linksIn(dir: string): readonly string[] {
    return this.linksOf.get(dir) ?? [];
  }

  /**
   * True when no folder on the way to `rel` is a link and each was listed: `rel` is lexically inside the root. A folder's
   * verdict is kept until a listing notes a link (listings are only added), so a file costs one lookup, not one per
   * folder on its path.
   */
  private plain(rel: string): boolean {
    const cut = rel.lastIndexOf('/');
    const parent = cut < 0 ? '' : rel.slice(0, cut);
    if (!this.plainDirs.has(parent)) {
      let i = rel.indexOf('/');
      while (i >= 0) {
        const dir = rel.slice(0, i);
        if (!this.listed.has(dir) || this.links.has(dir)) return false;
        i = rel.indexOf('/', i + 1);
      }
      if (!this.listed.has(parent)) return false;
      this.plainDirs.add(parent);
    }
    return !this.links.has(rel);
  }

  /**
   * Whether `abs` (the root joined with `rel`) may be read: `inside`, `outside` the root through a link (refused unless
   * following), or `missing`.
   */
  check(rel: string, abs: string): 'inside' | 'outside' | 'missing' {
    if (this.follow || this.plain(rel)) return 'inside';
    const real = realOf(abs);
    if (real === undefined) return 'missing';
    return isInsideReal(this.rootReal, real) ? 'inside' : 'outside';
  }
}

/** What the provider's methods share: the root, its guard, the walk's listings and the diagnostics. */
interface ProviderState {
  readonly abs: string;
  readonly guard: RootGuard;
  readonly listings: ListingMemo;
  /** Adds a diagnostic once per code and file. */
  note(d: Diagnostic): void;
  /** Reports a link that leads out of the root. */
  outside(rel: string): void;
  /** The absolute path of `rel` when it may be read; notes a refused link. */
  allowed(rel: string): string | undefined;
}

/** Stats kept per provider, at most (a bound on memory for a huge tree; past it the memo starts again). */
const MAX_REMEMBERED_STATS = 200_000;

/** Creates the provider. `root` may be relative (resolved against the current directory). */
export function createNodeFileProvider(root: string, options: NodeFileOptions = {}): NodeFileProvider {
  const abs = path.resolve(root);
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const note = (d: Diagnostic) => {
    const key = `${d.code}:${d.file ?? ''}`;
    if (reported.has(key)) return;
    reported.add(key);
    diagnostics.push(d);
  };
  const guard = new RootGuard(abs, options.followSymlinks === true);
  const outside = (rel: string) =>
    note({ severity: 'warning', code: 'symlink-outside-root', message: `${rel} is a symbolic link (or lies under one) that leads out of the scan root; not read. Pass --follow-symlinks to follow such links.`, file: rel });
  const allowed = (rel: string): string | undefined => {
    const p = resolveInside(abs, rel);
    if (!p) return undefined;
    if (guard.check(rel, p) === 'outside') {
      outside(rel);
      return undefined;
    }
    return p;
  };
  // Folder listings of the walk answer most stats of one-hop import resolution without a system call (one CLI run is
  // one scan, so the memo never goes stale).
  const state: ProviderState = { abs, guard, listings: new ListingMemo(), note, outside, allowed };
  for (const [dir, names, links] of options.listed?.folders ?? []) {
    state.listings.record(dir, names);
    guard.noteListing(dir, links);
  }
  // Likewise each path's stat (one CLI run is one scan: a file changed during it is read as it was when first seen).
  const stats = new Map<string, FileStat | undefined>();
  return {
    root: abs,
    diagnostics,
    async readText(rel: string): Promise<string | undefined> {
      const p = allowed(rel);
      if (!p) return undefined;
      const r = readRegularFile(p);
      if ('bytes' in r) return decodeFileText(r.bytes);
      if (r.error === 'denied') note({ severity: 'warning', code: 'permission-denied', message: `Permission denied reading ${rel}.`, file: rel });
      return undefined;
    },
    async stat(rel: string): Promise<FileStat | undefined> {
      return this.statSync(rel);
    },
    statSync(rel: string): FileStat | undefined {
      if (state.listings.knownMissing(rel)) return undefined;
      // The scan stats every file, and one-hop import resolution stats the neighbours again: once is enough.
      if (stats.has(rel)) return stats.get(rel);
      const p = allowed(rel);
      const st = p ? statPath(p) : undefined;
      if (stats.size >= MAX_REMEMBERED_STATS) stats.clear();
      stats.set(rel, st);
      return st;
    },
    async exists(rel: string): Promise<boolean> {
      const p = resolveInside(abs, rel);
      if (!p) return false;
      try {
        return fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined;
      } catch {
        return true;
      }
    },
    list: (rel: string) => listFolder(state, rel),
    // One CLI run is one scan: one `git ls-files`, run only when a .gitignore matches something.
    tracked: gitTracked(abs, true),
    listed: () => ({ folders: state.listings.entries().map(([dir, names]) => [dir, names, guard.linksIn(dir)] as const) }),
  };
}

/** A folder's entries: files, folders and the symbolic links that stand for one of them ({@link linkEntry}). */
async function listFolder(state: ProviderState, rel: string): Promise<{ name: string; type: 'file' | 'directory' }[] | undefined> {
  const p = state.allowed(rel);
  if (!p) return undefined;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(p, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') state.note({ severity: 'warning', code: 'permission-denied', message: `Permission denied listing ${rel || 'the scan root'}.`, ...(rel ? { file: rel } : {}) });
    return undefined;
  }
  state.listings.record(rel, entries.map((e) => e.name));
  state.guard.noteListing(rel, entries.filter((e) => e.isSymbolicLink()).map((e) => e.name));
  const out: { name: string; type: 'file' | 'directory' }[] = [];
  let here: Promise<string> | undefined;
  const hereReal = () => (here ??= fs.promises.realpath(p));
  for (const entry of entries) {
    if (entry.isFile()) out.push({ name: entry.name, type: 'file' });
    else if (entry.isDirectory()) out.push({ name: entry.name, type: 'directory' });
    else if (entry.isSymbolicLink()) {
      const type = await linkEntry(state, path.join(p, entry.name), rel ? `${rel}/${entry.name}` : entry.name, hereReal);
      if (type) out.push({ name: entry.name, type });
    }
  }
  return out;
}

/**
 * What a symbolic link in a listing stands for: a file or a folder to walk, or nothing (dangling, not a file or
 * folder, out of the root unless followed, or a loop; the last two are reported). `hereReal`: the listed folder's real
 * path.
 */
async function linkEntry(state: ProviderState, target: string, relPath: string, hereReal: () => Promise<string>): Promise<'file' | 'directory' | undefined> {
  try {
    const st = await fs.promises.stat(target);
    if (!st.isFile() && !st.isDirectory()) return undefined;
    const real = await fs.promises.realpath(target);
    if (!state.guard.follow && !isInsideReal(state.guard.rootReal, real)) {
      state.outside(relPath);
      return undefined;
    }
    if (st.isFile()) return 'file';
    // A link to this folder or one of its ancestors (the file system root included) would make the walk endless.
    if (isInsideReal(real, await hereReal())) {
      state.note({ severity: 'info', code: 'symlink-loop', message: `${relPath} links back to a folder that contains it; not followed.`, file: relPath });
      return undefined;
    }
    return 'directory';
  } catch (e) {
    // ELOOP: a cycle of links (c1/to2 → c2, c2/to1 → c1) that the kernel gave up resolving. Anything else is a
    // dangling link: nothing to scan.
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') {
      state.note({ severity: 'info', code: 'symlink-loop', message: `${relPath} is part of a cycle of symbolic links; not followed.`, file: relPath });
    }
    return undefined;
  }
}
