import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine, type DocumentAnalysis } from '../../src/core/engine';
import type { DetectInput } from '../../src/core/detect/detector';
import type { FileProvider, FileStat } from '../../src/core/fileProvider';
import { collectFiles, isPathIgnored, scanWorkspace } from '../../src/core/scan/scanner';
import { createNodeFileProvider, resolveInside } from '../../src/node/nodeFiles';
import type { CancellationToken } from '../../src/core/cancellation';
import { makeSite } from '../fixtures/cli/sites';

/** An in-memory FileProvider: a map of path → text; folders are implied by paths. */
function memoryFiles(entries: Record<string, string>): FileProvider & { readonly files: Map<string, string> } {
  const files = new Map(Object.entries(entries));
  const isDir = (p: string) => p === '' || [...files.keys()].some((k) => k.startsWith(`${p}/`));
  return {
    files,
    readText: async (p) => files.get(p),
    stat: async (p): Promise<FileStat | undefined> => (files.has(p) ? { type: 'file', size: Buffer.byteLength(files.get(p)!), mtime: 0 } : isDir(p) ? { type: 'directory', size: 0, mtime: 0 } : undefined),
    list: async (dir) => {
      if (!isDir(dir)) return undefined;
      const out = new Map<string, 'file' | 'directory'>();
      const prefix = dir ? `${dir}/` : '';
      for (const k of files.keys()) {
        if (!k.startsWith(prefix)) continue;
        const rest = k.slice(prefix.length).split('/');
        out.set(rest[0]!, rest.length > 1 ? 'directory' : 'file');
      }
      return [...out].map(([name, type]) => ({ name, type }));
    },
  };
}

/** An engine whose "detector" reports one priced site ($1/month) per line containing `LLM_CALL`. */
class FakeEngine extends Engine {
  readonly analysed: string[] = [];
  constructor(private readonly onAnalyse?: (path: string) => void) {
    super({ files: memoryFiles({}), loadWasm: async () => new Uint8Array() });
  }
  override async analyzeDocument(input: DetectInput, _token?: CancellationToken): Promise<DocumentAnalysis> {
    this.analysed.push(input.path);
    this.onAnalyse?.(input.path);
    const estimates = input.text.split('\n').flatMap((l, i) => (l.includes('LLM_CALL') ? [makeSite({ file: input.path, line: i + 1, perMonth: 1 })] : []));
    return { path: input.path, detect: { sites: estimates.map((e) => e.site), diagnostics: [] }, estimates, diagnostics: [] };
  }
}

const CALL = 'client.chat.completions.create(model="gpt-4o")  # LLM_CALL\n';

describe('scan: scanWorkspace over a FileProvider', () => {
  it('skips default-excluded folders, unsupported extensions and files without LLM words', async () => {
    const files = memoryFiles({
      'app.py': CALL,
      'util.py': 'def add(a, b):\n    return a + b\n',
      'node_modules/pkg/index.js': CALL,
      '.venv/lib/x.py': CALL,
      'README.md': CALL,
      'web/main.ts': CALL + CALL,
    });
    const engine = new FakeEngine();
    const report = await scanWorkspace(engine, files);
    assert.deepEqual(engine.analysed.sort(), ['app.py', 'web/main.ts'], 'util.py fails the prefilter; the rest are excluded');
    assert.equal(report.stats.filesScanned, 3, 'app.py, util.py, web/main.ts were read');
    assert.equal(report.stats.filesParsed, 2);
    assert.equal(report.sites.length, 3);
    assert.equal(report.totals.workspace.perMonth.expected, 3);
    const all = await collectFiles(memoryFiles({ 'node_modules/p/i.js': CALL, '.git/hooks/x.py': CALL, 'a.py': CALL }), { defaultExcludes: false });
    assert.deepEqual(all.files.sort(), ['a.py', 'node_modules/p/i.js'], 'defaultExcludes: false still skips .git');
  });

  it('applies .gitignore files, nested ones and negations, including from above a start folder', async () => {
    const files = memoryFiles({
      '.gitignore': 'generated/\n*.gen.py\n',
      'generated/a.py': CALL,
      'src/x.gen.py': CALL,
      'src/keep.py': CALL,
      'src/.gitignore': 'secret.py\n!x.gen.py\n',
      'src/secret.py': CALL,
    });
    const all = await collectFiles(files);
    assert.deepEqual(all.files.sort(), ['src/keep.py', 'src/x.gen.py']);
    const sub = await collectFiles(files, { paths: ['src'] });
    assert.deepEqual(sub.files.sort(), ['src/keep.py', 'src/x.gen.py']);
    const none = await collectFiles(files, { gitignore: false });
    assert.deepEqual(none.files.sort(), ['generated/a.py', 'src/keep.py', 'src/secret.py', 'src/x.gen.py']);
  });

  it('decides one path as the walk does (a watcher event, an opened file): ignored folders, nested files, negations', async () => {
    const files = memoryFiles({
      '.gitignore': 'generated/\n*.gen.py\nbuild\n',
      'generated/a.py': CALL,
      'generated/deep/b.py': CALL,
      'build/out.py': CALL,
      'src/x.gen.py': CALL,
      'src/y.gen.py': CALL,
      'src/keep.py': CALL,
      'src/.gitignore': 'secret.py\n!x.gen.py\n',
      'src/secret.py': CALL,
      'src/deeper/secret.py': CALL,
      'other/secret.py': CALL,
    });
    const walked = new Set((await collectFiles(files)).files);
    for (const p of [...files.files.keys()].filter((k) => k.endsWith('.py'))) assert.equal(await isPathIgnored(files, p), !walked.has(p), p);
    assert.deepEqual([...walked].sort(), ['other/secret.py', 'src/keep.py', 'src/x.gen.py']);
  });

  it('in a git repository, keeps the files git tracks although a .gitignore matches them (git is the oracle)', async function () {
    this.timeout(20000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-tracked-'));
    const gitIn = (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
    try {
      // The shape of a tutorial repository: "ignore everything, allow *.py", which also ignores every folder, so the
      // scripts git tracks (added before the rule, or with -f) sit in ignored folders; plus a nested .gitignore.
      const tree: Record<string, string> = {
        '.gitignore': '*\n!*.py\n!*.ipynb\n!lib/\n',
        'top.py': CALL,
        'scripts/run.py': CALL,
        'scripts/deep/more.py': CALL,
        'scripts/scratch.py': CALL,
        'lib/.gitignore': 'gen/\n',
        'lib/keep.py': CALL,
        'lib/gen/made.py': CALL,
        'lib/gen/stale.py': CALL,
      };
      for (const [rel, text] of Object.entries(tree)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
      gitIn('init', '-q');
      gitIn('add', '.');
      gitIn('add', '-f', 'scripts/run.py', 'scripts/deep/more.py', 'lib/.gitignore', 'lib/gen/made.py');
      // What git shows: tracked files plus untracked ones no ignore rule matches.
      const shown = gitIn('ls-files', '--cached', '--others', '--exclude-standard').split('\n').filter((f) => f.endsWith('.py')).sort();
      assert.deepEqual(shown, ['lib/gen/made.py', 'lib/keep.py', 'scripts/deep/more.py', 'scripts/run.py', 'top.py'], 'the oracle itself');
      // A command the folder's .git/config names (core.fsmonitor) must not run.
      const marker = path.join(dir, 'fsmonitor-ran');
      gitIn('config', 'core.fsmonitor', `touch ${JSON.stringify(marker)}; false #`);
      const files = createNodeFileProvider(dir);
      assert.deepEqual((await collectFiles(files)).files.sort(), shown);
      assert.equal(fs.existsSync(marker), false, 'git ran the folder\'s core.fsmonitor command');
      for (const rel of Object.keys(tree).filter((k) => k.endsWith('.py'))) assert.equal(await isPathIgnored(files, rel), !shown.includes(rel), rel);
      // Without git's answer (a folder that is not a repository, a virtual one) the .gitignore decides alone.
      const { tracked: _tracked, ...withoutGit } = files;
      assert.deepEqual((await collectFiles(withoutGit)).files.sort(), ['lib/keep.py', 'top.py']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies include and exclude globs', async () => {
    const files = memoryFiles({ 'a/one.py': CALL, 'a/two.ts': CALL, 'b/three.py': CALL, 'b/tests/t.py': CALL });
    assert.deepEqual((await collectFiles(files, { include: ['**/*.py'] })).files.sort(), ['a/one.py', 'b/tests/t.py', 'b/three.py']);
    assert.deepEqual((await collectFiles(files, { exclude: ['**/tests/**', 'a/*.ts'] })).files.sort(), ['a/one.py', 'b/three.py']);
    assert.deepEqual((await collectFiles(files, { exclude: ['b'] })).files.sort(), ['a/one.py', 'a/two.ts'], 'a folder pattern prunes the folder');
  });

  it('with yieldEveryMs, a scan over a synchronous provider gives the event loop turns (and the same report)', async () => {
    // Every file costs 3 ms of synchronous work, as a parse does; the provider answers at once (resolved promises).
    const entries: Record<string, string> = {};
    for (let i = 0; i < 30; i++) entries[`f${String(i).padStart(2, '0')}.py`] = CALL;
    const busy = (): void => {
      const end = Date.now() + 3;
      while (Date.now() < end) {
        // Synchronous work.
      }
    };
    const run = async (yieldEveryMs?: number): Promise<{ ticks: number; sites: number; diagnostics: string }> => {
      const engine = new FakeEngine(busy);
      let ticks = 0;
      let running = true;
      const tick = (): void => {
        if (!running) return;
        ticks++;
        setTimeout(tick, 0);
      };
      setTimeout(tick, 0);
      // One file at a time, as the extension scans a local folder (nothing to overlap with a synchronous provider).
      const report = await scanWorkspace(engine, memoryFiles(entries), { concurrency: 1, ...(yieldEveryMs !== undefined ? { yieldEveryMs } : {}) });
      running = false;
      return { ticks, sites: report.sites.length, diagnostics: JSON.stringify(report.diagnostics) };
    };
    const without = await run();
    const withTurns = await run(5);
    assert.ok(without.ticks <= 1, `without yields the 90 ms of work lets a timer run ${without.ticks} times`);
    assert.ok(withTurns.ticks >= 8, `only ${withTurns.ticks} turns in 90 ms of work with a 5 ms budget`);
    assert.deepEqual({ sites: withTurns.sites, diagnostics: withTurns.diagnostics }, { sites: without.sites, diagnostics: without.diagnostics });
    assert.equal(without.sites, 30);
  });

  it('skips files over the size limit and binary files with info diagnostics', async () => {
    const files = memoryFiles({ 'big.py': CALL + '#'.repeat(5000), 'bin.py': `${CALL}\u0000\u0001`, 'ok.py': CALL });
    const engine = new FakeEngine();
    const report = await scanWorkspace(engine, files, { maxFileBytes: 4096 });
    assert.deepEqual(engine.analysed, ['ok.py']);
    const codes = report.diagnostics.map((d) => `${d.code}:${d.file}`).sort();
    assert.deepEqual(codes, ['binary-file:bin.py', 'file-too-large:big.py']);
  });

  it('a file deleted between listing and reading becomes a warning, not a failure', async () => {
    const files = memoryFiles({ 'a.py': CALL, 'b.py': CALL, 'c.py': CALL });
    const original = files.readText;
    files.readText = async (p) => {
      if (p === 'a.py') files.files.delete('b.py');
      return original(p);
    };
    const report = await scanWorkspace(new FakeEngine(), files, { concurrency: 1 });
    assert.deepEqual(report.sites.map((s) => s.site.file), ['a.py', 'c.py']);
    assert.deepEqual(report.diagnostics.map((d) => [d.code, d.file]), [['unreadable', 'b.py']]);
  });

  it('cancellation returns a partial report with a cancelled diagnostic', async () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 20; i++) entries[`f${String(i).padStart(2, '0')}.py`] = CALL;
    const token = { isCancellationRequested: false };
    let seen = 0;
    const engine = new FakeEngine(() => {
      if (++seen === 5) token.isCancellationRequested = true;
    });
    const report = await scanWorkspace(engine, memoryFiles(entries), { token, concurrency: 1 });
    assert.equal(report.sites.length, 5);
    assert.equal(report.diagnostics.at(-1)?.code, 'cancelled');
  });

  it('streams onFile and onProgress and never throws when a listener or the provider throws', async () => {
    const files = memoryFiles({ 'a.py': CALL, 'b.py': CALL });
    const progress: [number, number][] = [];
    const streamed: string[] = [];
    const report = await scanWorkspace(new FakeEngine(), files, {
      concurrency: 1,
      onProgress: (d, t) => progress.push([d, t]),
      onFile: (f, est) => {
        streamed.push(`${f}:${est.length}`);
        throw new Error('listener bug');
      },
    });
    assert.deepEqual(streamed, ['a.py:1', 'b.py:1']);
    assert.deepEqual(progress, [[0, 2], [1, 2], [2, 2]], 'a throwing onFile does not stop progress');
    assert.equal(report.sites.length, 2);
    const broken: FileProvider = { readText: async () => { throw new Error('boom'); }, list: async () => { throw new Error('boom'); }, stat: async () => undefined };
    const r2 = await scanWorkspace(new FakeEngine(), broken);
    assert.equal(r2.sites.length, 0);
    // A provider that breaks the never-throws contract loses the folder it failed on, with the reason.
    assert.equal(r2.diagnostics[0]?.code, 'unreadable-folder');
    assert.match(r2.diagnostics[0]?.message ?? '', /scan root: boom/);
  });
});

describe('scan: the CLI node FileProvider', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-scan-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('does not follow a symlink loop and reports it; still scans real files', async () => {
    fs.mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a/b/app.py'), CALL);
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'a/b/loop'));
    fs.symlinkSync(path.join(dir, 'a/b/app.py'), path.join(dir, 'link.py'));
    const files = createNodeFileProvider(dir);
    const report = await scanWorkspace(new FakeEngine(), files);
    assert.deepEqual(report.sites.map((s) => s.site.file).sort(), ['a/b/app.py', 'link.py']);
    assert.deepEqual(files.diagnostics.map((d) => [d.code, d.file]), [['symlink-loop', 'a/b/loop']]);
  });

  it('refuses paths that leave the root', async () => {
    fs.writeFileSync(path.join(dir, 'x.py'), 'x');
    const files = createNodeFileProvider(path.join(dir));
    assert.equal(await files.readText('../x.py'), undefined);
    assert.equal(await files.readText('/etc/passwd'), undefined);
    assert.equal(await files.readText('x.py'), 'x');
  });

  it('maps relative paths as path.join does, and refuses every way out of the root (fast path and slow path agree)', () => {
    const root = path.join(dir, 'r');
    const cases = ['src/app.py', 'a/b/c.ts', '.github/x.py', '..', '../x', 'a/../b', './a', 'a/./b', 'a//b', '/abs', 'C:/x', 'c:x', 'a/', '', '.', '...', '..a', 'a..b', '.a/..b/c', 'a/.', 'a/..', '.env', 'a/.hidden/b', 'é/ü.py', 'a b/c d.py'];
    for (const rel of cases) {
      const parts = rel.split('/').filter((p) => p && p !== '.');
      const leaves = rel.startsWith('/') || /^[A-Za-z]:/.test(rel) || parts.includes('..');
      const want = leaves ? undefined : path.join(root, ...parts);
      const got = resolveInside(root, rel);
      assert.equal(got === undefined ? undefined : path.normalize(got), want, JSON.stringify(rel));
    }
  });

  it('an unreadable folder becomes a diagnostic (skipped when running as root, which can read anything)', async function () {
    if (process.getuid?.() === 0) this.skip();
    fs.mkdirSync(path.join(dir, 'locked'));
    fs.writeFileSync(path.join(dir, 'locked/a.py'), CALL);
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const files = createNodeFileProvider(dir);
      const report = await scanWorkspace(new FakeEngine(), files);
      assert.equal(report.sites.length, 0);
      assert.ok(report.diagnostics.some((d) => d.code === 'unreadable-folder'));
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });
});
