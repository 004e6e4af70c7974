/**
 * The FileProvider over a folder on the local disk, with `node:fs`. Used by the extension host for `file:` workspace
 * folders (src/vscode/engineLoader.ts) and by the workspace scan's child process (src/node/scanChild.ts), so it must
 * not import `vscode`.
 *
 * The calls are synchronous: each is a few microseconds, and the promise API's thread-pool round trips doubled a
 * 30,000-file scan. Symbolic links are left out of listings, as `vscode.workspace.fs.readDirectory` reports them
 * (File | SymbolicLink); the CLI's provider (src/node/nodeFiles.ts) follows them. A path read directly (a team file, an
 * import) that leads out of the folder through a symbolic link reads as missing, and `exists` says something is
 * there (issue 17); reads take regular files only, opened non-blocking. Never throws.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitTracked } from './gitFiles';
import { joinPlain, readRegularFile, RootGuard, statPath } from './nodeFiles';
import { decodeFileText, type FileProvider, type ListingMemo } from '../core/fileProvider';

/**
 * `base`: the folder's absolute path. With `listings`, the folder listings of a scan's walk answer one-hop import
 * resolution's stats of missing paths (one memo per scan, never for a long-lived engine). `git`: a `.gitignore` does
 * not hide a file git tracks (FileProvider.tracked); off by default.
 */
export function localFileProvider(base: string, listings?: ListingMemo, options: { readonly git?: boolean } = {}): FileProvider {
  const segments = (p: string) => p.split('/').filter(Boolean);
  // Inside the folder only: `..` never leaves it. Plain paths (nearly all) skip the split.
  const lexical = (p: string): string | undefined => joinPlain(base, p) ?? (segments(p).includes('..') ? undefined : path.join(base, ...segments(p)));
  // With `listings` the provider serves one scan and may trust its own listings; without, it lives long: resolve all.
  const guard = new RootGuard(base, false, listings !== undefined);
  // Inside the folder for real: a path through a symbolic link that leads out of it reads as missing.
  const local = (p: string): string | undefined => {
    const f = lexical(p);
    return f && guard.check(p, f) !== 'outside' ? f : undefined;
  };
  return {
    async readText(p) {
      const f = local(p);
      if (!f) return undefined;
      const r = readRegularFile(f);
      return 'bytes' in r ? decodeFileText(r.bytes) : undefined;
    },
    // Asks git which ignored files it tracks only when the caller allows it (a trusted workspace: Restricted Mode runs
    // no git, as VS Code's own Git extension does not).
    ...(options.git ? { tracked: gitTracked(base, listings !== undefined) } : {}),
    async exists(p) {
      const f = lexical(p);
      if (!f) return false;
      try {
        return fs.lstatSync(f, { throwIfNoEntry: false }) !== undefined;
      } catch {
        return true;
      }
    },
    async list(p) {
      const f = local(p);
      if (!f) return undefined;
      try {
        const entries = fs.readdirSync(f, { withFileTypes: true });
        listings?.record(p, entries.map((e) => e.name));
        guard.noteListing(p, entries.filter((e) => e.isSymbolicLink()).map((e) => e.name));
        return entries.filter((e) => e.isFile() || e.isDirectory()).map((e) => ({ name: e.name, type: e.isDirectory() ? ('directory' as const) : ('file' as const) }));
      } catch {
        return undefined;
      }
    },
    async stat(p) {
      if (listings?.knownMissing(p)) return undefined;
      const f = local(p);
      return f ? statPath(f) : undefined;
    },
  };
}
