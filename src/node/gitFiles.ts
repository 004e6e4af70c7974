/**
 * The one git reader: a read-only FileProvider over a git revision, for `tokentier diff --base <ref>` and the editor's
 * "Compare Costs with Branch…", plus the list of refs the editor offers. It lists with one `git ls-tree` and reads
 * blobs through one long-running `git cat-file --batch` (one process for the whole scan instead of one `git show` per
 * file), so the working tree, the index and HEAD are never touched. Paths are relative to `prefix` (the scan root
 * inside the repository). Arguments never pass through a shell, and refs that look like options are refused.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { decodeFileText, type FileProvider, type FileStat } from '../core/fileProvider';

/** Runs git and returns stdout as a Buffer; rejects with git's stderr on failure. */
export function git(cwd: string, args: readonly string[], timeoutMs = 0): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.toString('utf8').trim() || err.message));
      else resolve(stdout);
    });
  });
}

/** The repository's top folder and the scan root's path inside it (`''` or `sub/dir/`), or undefined outside a repository. */
export async function gitLocation(dir: string): Promise<{ top: string; prefix: string } | undefined> {
  try {
    const top = (await git(dir, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
    const prefix = (await git(dir, ['rev-parse', '--show-prefix'])).toString('utf8').trim();
    return { top, prefix };
  } catch {
    return undefined;
  }
}

/** How long `git ls-files` may take before the walk goes on without it (the .gitignore then decides). */
const LS_FILES_TIMEOUT_MS = 30_000;

/**
 * The files under `dir` that git tracks although an ignore rule matches them, with every folder above them up to `dir`
 * (paths relative to `dir`); empty outside a repository, without git, or when git fails. One `git ls-files`.
 */
export async function trackedIgnored(dir: string): Promise<ReadonlySet<string>> {
  const set = new Set<string>();
  let out: Buffer;
  try {
    // `core.fsmonitor` names a command git runs: a folder's own .git/config must not make a scan run one.
    out = await git(dir, ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '--cached', '--ignored', '--exclude-standard'], LS_FILES_TIMEOUT_MS);
  } catch {
    return set;
  }
  for (const rel of out.toString('utf8').split('\0')) {
    if (!rel || rel.startsWith('../')) continue;
    set.add(rel);
    for (let i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) {
      const folder = rel.slice(0, i);
      if (set.has(folder)) break;
      set.add(folder);
    }
  }
  return set;
}

/**
 * {@link FileProvider.tracked} for a local folder. `once`: the provider serves one scan, so one `git ls-files` (run the
 * first time a .gitignore matches something) answers all of it; else each question runs its own (a long-lived
 * provider must see `git add -f`).
 */
export function gitTracked(dir: string, once: boolean): NonNullable<FileProvider['tracked']> {
  let answer: Promise<ReadonlySet<string>> | undefined;
  return async (rel) => {
    const set = once ? (answer ??= trackedIgnored(dir)) : trackedIgnored(dir);
    return (await set).has(rel);
  };
}

/** The commit a ref names, or undefined when it names none. Refs that look like options are refused. */
export async function resolveCommit(dir: string, ref: string): Promise<string | undefined> {
  if (!ref || ref.startsWith('-')) return undefined;
  try {
    return (await git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Local branches, remote branches and tags, most recently committed first; empty outside a repository. */
export async function listRefs(cwd: string): Promise<{ name: string; kind: 'branch' | 'remote' | 'tag' }[]> {
  let out: string;
  try {
    out = (await git(cwd, ['for-each-ref', '--sort=-committerdate', '--format=%(refname)', 'refs/heads', 'refs/remotes', 'refs/tags'])).toString('utf8');
  } catch {
    return [];
  }
  return out
    .split('\n')
    .filter((r) => r && !r.endsWith('/HEAD'))
    .map((r) => {
      if (r.startsWith('refs/heads/')) return { name: r.slice('refs/heads/'.length), kind: 'branch' as const };
      if (r.startsWith('refs/remotes/')) return { name: r.slice('refs/remotes/'.length), kind: 'remote' as const };
      return { name: r.slice('refs/tags/'.length), kind: 'tag' as const };
    });
}

interface TreeEntry {
  readonly type: 'file' | 'directory';
  readonly size: number;
  /** Blob id, for files. */
  readonly oid?: string;
}

/** Reads blobs by id from one `git cat-file --batch` process; answers come back in request order. */
class BlobReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: { resolve: (b: Buffer | undefined) => void }[] = [];

  constructor(private readonly cwd: string) {}

  read(oid: string): Promise<Buffer | undefined> {
    if (!/^[0-9a-f]{40,64}$/.test(oid)) return Promise.resolve(undefined);
    const child = this.start();
    if (!child) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.pending.push({ resolve });
      child.stdin.write(`${oid}\n`);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams | undefined {
    if (this.child) return this.child;
    try {
      const child = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, windowsHide: true });
      child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
      const fail = () => {
        // The process died: every waiting read resolves as unreadable (a diagnostic, not a crash).
        for (const p of this.pending.splice(0)) p.resolve(undefined);
        if (this.child === child) this.child = undefined;
      };
      child.on('error', fail);
      child.on('close', fail);
      child.stdin.on('error', fail);
      this.child = child;
      return child;
    } catch {
      return undefined;
    }
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl < 0) return;
      const header = this.buffer.subarray(0, nl).toString('utf8');
      // `<oid> <type> <size>` then the content and a newline, or `<oid> missing`.
      const m = /^\S+ (\S+) (\d+)$/.exec(header);
      if (!m) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.pending.shift()?.resolve(undefined);
        continue;
      }
      const size = Number(m[2]);
      if (this.buffer.length < nl + 1 + size + 1) return;
      const body = this.buffer.subarray(nl + 1, nl + 1 + size);
      this.buffer = this.buffer.subarray(nl + 1 + size + 1);
      this.pending.shift()?.resolve(m[1] === 'blob' ? Buffer.from(body) : undefined);
    }
  }
}

/** A FileProvider over a git revision; `close()` ends its `git cat-file` process (call it when the scan is done). */
export interface GitFileProvider extends FileProvider {
  close(): void;
}

/** Creates a provider over `commit` for the folder `prefix` of the repository at `top`. */
export function createGitFileProvider(top: string, commit: string, prefix: string): GitFileProvider {
  const blobs = new BlobReader(top);
  let tree: Promise<Map<string, TreeEntry>> | undefined;
  const children = new Map<string, { name: string; type: 'file' | 'directory' }[]>();
  const load = (): Promise<Map<string, TreeEntry>> => {
    tree ??= (async () => {
      const map = new Map<string, TreeEntry>();
      map.set('', { type: 'directory', size: 0 });
      let out: Buffer;
      try {
        out = await git(top, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit]);
      } catch {
        return map;
      }
      for (const rec of out.toString('utf8').split('\0')) {
        // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
        const tab = rec.indexOf('\t');
        if (tab < 0) continue;
        const [mode, type, oid, size] = rec.slice(0, tab).split(/ +/);
        const full = rec.slice(tab + 1);
        // Blobs only; symlinks (mode 120000) and submodules are not followed.
        if (type !== 'blob' || mode === '120000' || !full.startsWith(prefix)) continue;
        const rel = full.slice(prefix.length);
        map.set(rel, { type: 'file', size: Number(size) || 0, ...(oid ? { oid } : {}) });
        const parts = rel.split('/');
        for (let i = parts.length - 1; i >= 1; i--) {
          const dir = parts.slice(0, i).join('/');
          const parent = parts.slice(0, i - 1).join('/');
          const name = parts[i - 1] as string;
          if (map.has(dir)) break;
          map.set(dir, { type: 'directory', size: 0 });
          const l = children.get(parent) ?? [];
          l.push({ name, type: 'directory' });
          children.set(parent, l);
        }
        const parent = parts.slice(0, -1).join('/');
        const l = children.get(parent) ?? [];
        l.push({ name: parts[parts.length - 1] as string, type: 'file' });
        children.set(parent, l);
      }
      return map;
    })();
    return tree;
  };
  return {
    async readText(rel: string): Promise<string | undefined> {
      const entry = (await load()).get(rel);
      if (entry?.type !== 'file' || !entry.oid) return undefined;
      const blob = await blobs.read(entry.oid);
      return blob ? decodeFileText(blob) : undefined;
    },
    async stat(rel: string): Promise<FileStat | undefined> {
      const entry = (await load()).get(rel);
      return entry ? { type: entry.type, size: entry.size, mtime: 0 } : undefined;
    },
    async list(rel: string) {
      const entry = (await load()).get(rel);
      if (entry?.type !== 'directory') return undefined;
      return children.get(rel) ?? [];
    },
    // Every path of a revision is tracked: a .gitignore in it hides nothing (as a checkout of it would show).
    tracked: async (rel: string) => (await load()).has(rel),
    close: () => blobs.close(),
  };
}

/**
 * A provider over `ref` for the folder `dir` (which may be a subfolder of its repository), or undefined when `dir` is
 * not in a repository or `ref` names no commit. Call `close()` when the scan is done.
 */
export async function openGitRef(dir: string, ref: string): Promise<GitFileProvider | undefined> {
  const loc = await gitLocation(dir);
  const commit = loc ? await resolveCommit(dir, ref) : undefined;
  return loc && commit ? createGitFileProvider(loc.top, commit, loc.prefix) : undefined;
}
