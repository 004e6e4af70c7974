/**
 * The CLI's FileProvider over `node:fs`, rooted at the scan root. Paths are root-relative POSIX paths;
 * anything that would escape the root (`..`, absolute paths) reads as missing.
 * Symbolic links are followed, except a link to a folder that contains it (a loop), which is dropped from
 * the listing and reported in `diagnostics`.
 *
 * It uses synchronous fs calls on purpose: for many small files they are faster than the promise API's
 * thread-pool round trips (measured on this repo's node_modules), and the CLI has no UI thread to keep free.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ListingMemo, type FileProvider, type FileStat } from '../core/fileProvider';
import type { Diagnostic } from '../core/types';

export interface NodeFileProvider extends FileProvider {
  /** Absolute scan root. */
  readonly root: string;
  /** Problems met while listing (symlink loops, permission errors), for the report. */
  readonly diagnostics: Diagnostic[];
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
    return { type: st.isDirectory() ? 'directory' : 'file', size: st.size, mtime: st.mtimeMs };
  } catch {
    return undefined;
  }
}

/** Creates the provider. `root` may be relative (resolved against the current directory). */
export function createNodeFileProvider(root: string): NodeFileProvider {
  const abs = path.resolve(root);
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const note = (d: Diagnostic) => {
    const key = `${d.code}:${d.file ?? ''}`;
    if (reported.has(key)) return;
    reported.add(key);
    diagnostics.push(d);
  };
  // Folder listings of the walk answer most stats of one-hop import resolution without a system call (one CLI run is
  // one scan, so the memo never goes stale).
  const listings = new ListingMemo();
  return {
    root: abs,
    diagnostics,
    async readText(rel: string): Promise<string | undefined> {
      const p = resolveInside(abs, rel);
      if (!p) return undefined;
      try {
        return fs.readFileSync(p, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM') note({ severity: 'warning', code: 'permission-denied', message: `Permission denied reading ${rel}.`, file: rel });
        return undefined;
      }
    },
    async stat(rel: string): Promise<FileStat | undefined> {
      if (listings.knownMissing(rel)) return undefined;
      const p = resolveInside(abs, rel);
      return p ? statPath(p) : undefined;
    },
    async list(rel: string) {
      const p = resolveInside(abs, rel);
      if (!p) return undefined;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(p, { withFileTypes: true });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM') note({ severity: 'warning', code: 'permission-denied', message: `Permission denied listing ${rel || 'the scan root'}.`, ...(rel ? { file: rel } : {}) });
        return undefined;
      }
      listings.record(rel, entries.map((e) => e.name));
      const out: { name: string; type: 'file' | 'directory' }[] = [];
      let here: string | undefined;
      for (const entry of entries) {
        if (entry.isFile()) out.push({ name: entry.name, type: 'file' });
        else if (entry.isDirectory()) out.push({ name: entry.name, type: 'directory' });
        else if (entry.isSymbolicLink()) {
          const target = path.join(p, entry.name);
          try {
            const st = await fs.promises.stat(target);
            if (st.isFile()) out.push({ name: entry.name, type: 'file' });
            else if (st.isDirectory()) {
              here ??= await fs.promises.realpath(p);
              const real = await fs.promises.realpath(target);
              // A link to this folder or one of its ancestors would make the walk endless.
              if (here === real || here.startsWith(real + path.sep)) {
                const relPath = rel ? `${rel}/${entry.name}` : entry.name;
                note({ severity: 'info', code: 'symlink-loop', message: `${relPath} links back to a folder that contains it; not followed.`, file: relPath });
              } else {
                out.push({ name: entry.name, type: 'directory' });
              }
            }
          } catch (e) {
            // ELOOP: a cycle of links (c1/to2 → c2, c2/to1 → c1) that the kernel gave up resolving. Anything else is a
            // dangling link: nothing to scan.
            if ((e as NodeJS.ErrnoException).code === 'ELOOP') {
              const relPath = rel ? `${rel}/${entry.name}` : entry.name;
              note({ severity: 'info', code: 'symlink-loop', message: `${relPath} is part of a cycle of symbolic links; not followed.`, file: relPath });
            }
          }
        }
      }
      return out;
    },
  };
}
