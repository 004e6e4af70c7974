import { execFile } from 'node:child_process';
import { decodeFileText, type FileProvider, type FileStat } from '../core/fileProvider';

/** Runs git in a folder; resolves stdout, or undefined on any failure (no git, not a repo, bad ref). */
export function git(cwd: string, args: readonly string[], maxBuffer = 64 * 1024 * 1024): Promise<string | undefined> {
  return new Promise((resolve) => {
    // execFile, not exec: arguments are never interpreted by a shell.
    execFile('git', [...args], { cwd, maxBuffer, encoding: 'utf8', windowsHide: true }, (err, stdout) => resolve(err ? undefined : stdout));
  });
}

/** A blob's bytes (`git show <ref>:<path>`), decoded as the other providers do (UTF-16 with a BOM, else UTF-8). */
function gitBlobText(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer', windowsHide: true }, (err, stdout) => resolve(err ? undefined : decodeFileText(stdout)));
  });
}

/** Local branches, remote branches and tags, most recently committed first. */
export async function listRefs(cwd: string): Promise<{ name: string; kind: 'branch' | 'remote' | 'tag' }[]> {
  const out = await git(cwd, ['for-each-ref', '--sort=-committerdate', '--format=%(refname)', 'refs/heads', 'refs/remotes', 'refs/tags']);
  if (!out) return [];
  return out
    .split('\n')
    .filter((r) => r && !r.endsWith('/HEAD'))
    .map((r) => {
      if (r.startsWith('refs/heads/')) return { name: r.slice('refs/heads/'.length), kind: 'branch' as const };
      if (r.startsWith('refs/remotes/')) return { name: r.slice('refs/remotes/'.length), kind: 'remote' as const };
      return { name: r.slice('refs/tags/'.length), kind: 'tag' as const };
    });
}

/**
 * A FileProvider over the tree of a git ref (`git ls-tree` once, `git show <ref>:<path>` per file), so the core's
 * scanner analyses the ref exactly as it analyses the working tree.
 */
export async function gitRefFileProvider(cwd: string, ref: string): Promise<FileProvider | undefined> {
  if (ref.startsWith('-')) return undefined;
  // Without --full-tree, ls-tree lists the subtree of `cwd` with paths relative to it (a workspace folder may be a
  // subfolder of the repository); `<ref>:./<path>` reads relative to `cwd` too.
  const listing = await git(cwd, ['ls-tree', '-r', '-l', '-z', ref]);
  if (listing === undefined) return undefined;
  const files = new Map<string, number>();
  const dirs = new Map<string, Map<string, 'file' | 'directory'>>([['', new Map()]]);
  for (const entry of listing.split('\0')) {
    // `<mode> blob <sha> <size>\t<path>`
    const m = /^\d+ blob [0-9a-f]+\s+(\d+|-)\t(.+)$/.exec(entry);
    if (!m) continue;
    const path = m[2]!;
    files.set(path, Number(m[1]) || 0);
    const segs = path.split('/');
    for (let i = 0; i < segs.length; i++) {
      const dir = segs.slice(0, i).join('/');
      let children = dirs.get(dir);
      if (!children) dirs.set(dir, (children = new Map()));
      children.set(segs[i]!, i === segs.length - 1 ? 'file' : 'directory');
    }
  }
  return {
    async readText(p) {
      if (!files.has(p)) return undefined;
      return gitBlobText(cwd, ['show', `${ref}:./${p}`]);
    },
    async list(p) {
      const children = dirs.get(p);
      return children ? [...children].map(([name, type]) => ({ name, type })) : undefined;
    },
    async stat(p): Promise<FileStat | undefined> {
      const size = files.get(p);
      if (size !== undefined) return { type: 'file', size, mtime: 0 };
      return dirs.has(p) ? { type: 'directory', size: 0, mtime: 0 } : undefined;
    },
  };
}
