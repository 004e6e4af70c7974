/**
 * The fast candidate test of the CLI and of the extension's workspace scan: one ripgrep pass over the files the walk
 * selected, so the files that hold no prefilter word are never read or decoded by Node. (Node-only, no `vscode`.)
 *
 * Soundness (the report must not change): the scanner skips a file only when it is in scope, under the size
 * limit, and ripgrep did NOT list it. ripgrep is asked for every file that matches the prefilter pattern
 * anywhere, case-insensitively, OR holds a NUL byte anywhere. Those are supersets of what the slow path tests:
 * - `rg -i` folds case with Unicode rules, JavaScript's `/i` (no `u` flag) only folds ASCII letters;
 * - `-a` searches the whole file (no binary early exit), `-E none` reads raw bytes (no UTF-16 BOM transcoding,
 *   so the NUL bytes the slow path would see as "binary" are seen too); invalid UTF-8 never matches ASCII words;
 * - a NUL anywhere is wider than the slow path's "NUL in the first 8 KiB".
 * Files are passed explicitly, so ripgrep applies no ignore rules of its own: scope is decided by the Node walk.
 * Any failure (no binary, bad pattern, killed process) returns undefined, which makes the scanner read every file.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CancellationToken } from '../core/cancellation';

/** Finds a ripgrep binary: `TOKENTIER_RG` when set, else `rg` on PATH. */
export function findRipgrep(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.TOKENTIER_RG;
  if (explicit) return fs.existsSync(explicit) ? explicit : undefined;
  const names = process.platform === 'win32' ? ['rg.exe'] : ['rg'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const p = path.join(dir, name);
      try {
        if (fs.statSync(p).isFile()) return p;
      } catch {
        // Not here.
      }
    }
  }
  return undefined;
}

/**
 * The ripgrep binary VS Code ships in its application folder (`vscode.env.appRoot`), for the extension's workspace
 * scan: `@vscode/ripgrep` (desktop builds, unpacked from the asar archive) or `@vscode/ripgrep-universal` (code-server).
 */
export function findVsCodeRipgrep(appRoot: string, platform: string = process.platform, arch: string = process.arch): string | undefined {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  const candidates = [
    path.join(appRoot, 'node_modules.asar.unpacked', '@vscode', 'ripgrep', 'bin', exe),
    path.join(appRoot, 'node_modules', '@vscode', 'ripgrep', 'bin', exe),
    path.join(appRoot, 'node_modules', '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
  ];
  for (const p of candidates) {
    try {
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // Not in this layout.
    }
  }
  return undefined;
}

/**
 * Turns the JavaScript prefilter into a ripgrep (Rust regex) pattern that matches at least as much, plus a NUL
 * byte. The prefilter only uses syntax both engines share, except `\/`, which Rust rejects.
 */
export function ripgrepPattern(re: RegExp): string {
  return `${re.source.replace(/\\\//g, '/')}|\\x00`;
}

/**
 * Splits paths into argument lists that stay well under the OS command-line limits. The first lists are small and
 * the next ones grow (to `maxChars`), so that the scanner has the first answers early and can analyse those files
 * while ripgrep works through the rest.
 */
function batches(paths: readonly string[], maxChars: number, firstChars = Math.min(maxChars, 8 * 1024)): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let size = 0;
  let limit = firstChars;
  for (const p of paths) {
    if (cur.length && size + p.length + 1 > limit) {
      out.push(cur);
      cur = [];
      size = 0;
      limit = Math.min(maxChars, limit * 2);
    }
    cur.push(p);
    size += p.length + 1;
  }
  if (cur.length) out.push(cur);
  return out;
}

const BASE_ARGS = ['--no-config', '--files-with-matches', '--null', '--ignore-case', '--text', '--encoding', 'none', '--no-ignore', '--hidden', '--no-messages'];

/** Checks that this ripgrep accepts the pattern and finds a known word (guards against a mis-translated regex). */
function selfTest(rg: string, pattern: string): boolean {
  const r = spawnSync(rg, ['--no-config', '--quiet', '--ignore-case', '-e', pattern], { input: 'x = OpenAI()\n', timeout: 10_000 });
  return r.status === 0;
}

function runBatch(rg: string, cwd: string, pattern: string, files: readonly string[], token: CancellationToken): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(rg, [...BASE_ARGS, '-e', pattern, '--', ...files], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    // The token has no event: poll it, so a cancelled scan does not wait for a large batch.
    const poll = setInterval(() => token.isCancellationRequested && child.kill(), 100);
    child.stdout?.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => {
      clearInterval(poll);
      resolve(undefined);
    });
    child.on('close', (code, signal) => {
      clearInterval(poll);
      // 0: matches, 1: none, 2: some file could not be read. An unreadable file is not listed, yet the slow path
      // reports it ('unreadable'), so after an error the whole batch counts as listed: the scanner reads it all.
      if (signal || code === null || code > 2) resolve(undefined);
      else if (code === 2) resolve([...files]);
      else resolve(Buffer.concat(chunks).toString('utf8').split('\u0000').filter(Boolean));
    });
  });
}

/**
 * ripgrep's answer, batch by batch: {@link RipgrepSkips.has} resolves as soon as the batch holding the path is done,
 * so the scanner reads and analyses the first files while ripgrep searches the rest. A batch that failed (or was
 * cancelled) skips nothing: its files are read.
 */
export interface RipgrepSkips {
  /** True when ripgrep proved that the file holds no prefilter match and no NUL byte; false when it may (or ripgrep failed for its batch, or the path was not asked about). */
  has(path: string): Promise<boolean>;
  /** Every skipped path once all batches are done, or undefined when any batch failed (the whole answer is unknown). */
  whole(): Promise<Set<string> | undefined>;
}

/**
 * Starts ripgrep over `paths` (root-relative POSIX; `root` is the scan root) and answers, batch by batch, which files it
 * proves hold no prefilter match and no NUL byte (see the module comment). Undefined when ripgrep cannot run or
 * rejects the pattern: then every file is read.
 */
export function ripgrepSkips(rg: string, root: string, paths: readonly string[], prefilter: RegExp, token: CancellationToken, concurrency = 2): RipgrepSkips | undefined {
  const pattern = ripgrepPattern(prefilter);
  if (!selfTest(rg, pattern)) return undefined;
  const queue = batches(paths, 96 * 1024);
  const batchOf = new Map<string, number>();
  const settle: ((listed: Set<string> | undefined) => void)[] = [];
  const answers = queue.map((files, i) => {
    for (const f of files) batchOf.set(f, i);
    return new Promise<Set<string> | undefined>((resolve) => settle.push(resolve));
  });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < queue.length) {
      const i = next++;
      const files = queue[i] as string[];
      const out = token.isCancellationRequested ? undefined : await runBatch(rg, root, pattern, files.map((p) => p.split('/').join(path.sep)), token);
      (settle[i] as (listed: Set<string> | undefined) => void)(out && new Set(out.map((f) => f.split(path.sep).join('/'))));
    }
  };
  for (let l = 0; l < Math.max(1, concurrency); l++) void lane();
  return {
    async has(p) {
      const i = batchOf.get(p);
      if (i === undefined) return false;
      const listed = await answers[i];
      return listed !== undefined && !listed.has(p);
    },
    async whole() {
      const listed = await Promise.all(answers);
      if (token.isCancellationRequested || listed.some((l) => l === undefined)) return undefined;
      const skip = new Set<string>();
      for (const p of paths) if (!(listed[batchOf.get(p) as number] as Set<string>).has(p)) skip.add(p);
      return skip;
    },
  };
}
