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
import { spawn } from 'node:child_process';
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

/**
 * The self-test (guards against a mis-translated regex): the first batch also searches its standard input (`-`),
 * which holds a line every prefilter must match. No answer counts until ripgrep has listed it as `<stdin>`.
 */
const PROBE = 'x = OpenAI()\n';
const STDIN_NAME = '<stdin>';

/** The longest argument list of one ripgrep process: Windows' command line holds 32,767 characters, the pattern included. */
export function maxBatchChars(platform: string = process.platform): number {
  return platform === 'win32' ? 20 * 1024 : 192 * 1024;
}

/** An argument list over the system's limit: E2BIG (POSIX), ENAMETOOLONG (Windows' command line, libuv). */
const TOO_LONG = new Set(['E2BIG', 'ENAMETOOLONG']);

/** What one ripgrep process listed, or undefined when it failed (its files are read). */
interface BatchOutcome {
  readonly listed: string[] | undefined;
  /** The first batch's probe was listed: the pattern works. */
  readonly probed: boolean;
}

function runBatch(rg: string, cwd: string, pattern: string, files: readonly string[], token: CancellationToken, probe: boolean): Promise<BatchOutcome> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    // A file named `-` would be read as standard input, one named `<stdin>` listed as the probe: passed as `./-` and
    // `./<stdin>` (and listed so).
    const args = files.map((f) => (f === '-' || f === STDIN_NAME ? `.${path.sep}${f}` : f));
    try {
      child = spawn(rg, [...BASE_ARGS, '-e', pattern, '--', ...args, ...(probe ? ['-'] : [])], { cwd, stdio: [probe ? 'pipe' : 'ignore', 'pipe', 'ignore'] });
    } catch (e) {
      // An argument list over the system's limit: the halves are tried (the limit is lower than this file assumes).
      if (TOO_LONG.has((e as NodeJS.ErrnoException).code ?? '') && files.length > 1) resolve(halves(rg, cwd, pattern, files, token, probe));
      else resolve({ listed: undefined, probed: false });
      return;
    }
    if (probe) {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(PROBE);
    }
    const chunks: Buffer[] = [];
    // The token has no event: poll it, so a cancelled scan does not wait for a large batch.
    const poll = setInterval(() => token.isCancellationRequested && child.kill(), 100);
    child.stdout?.on('data', (c: Buffer) => chunks.push(c));
    let done = false;
    child.on('error', (e: NodeJS.ErrnoException) => {
      // The process did not start (no binary, or an argument list over the system's limit); 'close' may not follow.
      if (done) return;
      done = true;
      clearInterval(poll);
      if (TOO_LONG.has(e.code ?? '') && files.length > 1) resolve(halves(rg, cwd, pattern, files, token, probe));
      else resolve({ listed: undefined, probed: false });
    });
    child.on('close', (code, signal) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      const out = Buffer.concat(chunks).toString('utf8').split('\u0000').filter(Boolean);
      const probed = probe && out.includes(STDIN_NAME);
      // 0: matches, 1: none, 2: some file could not be read. An unreadable file is not listed, yet the slow path
      // reports it ('unreadable'), so after an error the whole batch counts as listed: the scanner reads it all.
      if (signal || code === null || code > 2) resolve({ listed: undefined, probed });
      else if (code === 2) resolve({ listed: [...files], probed });
      else resolve({ listed: out.filter((f) => f !== STDIN_NAME).map((f) => (f === `.${path.sep}-` || f === `.${path.sep}${STDIN_NAME}` ? f.slice(2) : f)), probed });
    });
  });
}

/** A batch run as two (after E2BIG): listed is the union, undefined when either half failed. */
async function halves(rg: string, cwd: string, pattern: string, files: readonly string[], token: CancellationToken, probe: boolean): Promise<BatchOutcome> {
  const mid = Math.ceil(files.length / 2);
  const a = await runBatch(rg, cwd, pattern, files.slice(0, mid), token, probe);
  const b = await runBatch(rg, cwd, pattern, files.slice(mid), token, false);
  return { listed: a.listed && b.listed ? [...a.listed, ...b.listed] : undefined, probed: a.probed };
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
  const queue = batches(paths, maxBatchChars());
  const batchOf = new Map<string, number>();
  const settle: ((outcome: BatchOutcome) => void)[] = [];
  const outcomes = queue.map((files, i) => {
    for (const f of files) batchOf.set(f, i);
    return new Promise<BatchOutcome>((resolve) => settle.push(resolve));
  });
  // Every answer waits for the self-test in the first batch; with none passed, every file is read.
  const patternWorks = (outcomes[0] ?? Promise.resolve({ probed: false })).then((o) => o.probed);
  const listedSets = outcomes.map(async (o) => {
    const listed = (await patternWorks) ? (await o).listed : undefined;
    return listed && new Set(listed.map((f) => f.split(path.sep).join('/')));
  });
  let next = 0;
  // Once the first batch shows the pattern does not work, no more batches run (every file is read anyway).
  let broken = false;
  void patternWorks.then((ok) => {
    broken = !ok;
  });
  const lane = async (): Promise<void> => {
    while (next < queue.length) {
      const i = next++;
      const files = queue[i] as string[];
      const out = token.isCancellationRequested || broken ? { listed: undefined, probed: false } : await runBatch(rg, root, pattern, files.map((p) => p.split('/').join(path.sep)), token, i === 0);
      (settle[i] as (o: BatchOutcome) => void)(out);
    }
  };
  for (let l = 0; l < Math.max(1, concurrency); l++) void lane();
  return {
    async has(p) {
      const i = batchOf.get(p);
      if (i === undefined) return false;
      const listed = await listedSets[i];
      return listed !== undefined && !listed.has(p);
    },
    async whole() {
      const listed = await Promise.all(listedSets);
      if (token.isCancellationRequested || listed.some((l) => l === undefined)) return undefined;
      const skip = new Set<string>();
      for (const p of paths) if (!(listed[batchOf.get(p) as number] as Set<string>).has(p)) skip.add(p);
      return skip;
    },
  };
}
