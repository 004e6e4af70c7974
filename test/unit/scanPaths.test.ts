/**
 * Fast path vs slow path (issue 9): the ripgrep skip list and the worker threads must not change a report.
 * The slow path is `scanWorkspace` reading every file in one thread; the fast paths are compared with it on the
 * detection fixtures and the demo workspace (sites, diagnostics and the file/byte counters). The skip list's
 * own rules (case, NUL bytes, UTF-16, the `\/` translation) are checked on hand-made files.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeFileProvider } from '../../src/node/nodeFiles';
import { findRipgrep, findVsCodeRipgrep, maxBatchChars, ripgrepPattern, ripgrepSkips } from '../../src/node/ripgrepSkipList';
import { run } from '../../src/cli/run';
import { loadCliSettings } from '../../src/cli/workspaceConfig';
import { neverCancelled } from '../../src/core/cancellation';
import { createEngine } from '../../src/core/engine';
import { PREFILTER_PATTERN } from '../../src/core/scan/prefilter';
import { scanWorkspace, type ScanOptions } from '../../src/core/scan/scanner';
import { loadTeamConfig } from '../../src/core/teamFiles/loadTeamConfig';
import type { Report } from '../../src/core/types';
import { createNodeLoadWasm } from './detect/fixtureFormat';

const REPO = path.resolve(__dirname, '..', '..');
const rg = findRipgrep();
const loadWasm = createNodeLoadWasm();

async function scan(root: string, extra: Pick<ScanOptions, 'skipFiles' | 'analyze'> = {}): Promise<Report> {
  const files = createNodeFileProvider(root);
  const { settings } = loadCliSettings(root);
  const engine = createEngine({ files, loadWasm });
  engine.configure({ settings, trusted: true, team: await loadTeamConfig(files, settings, { trusted: true }) });
  return scanWorkspace(engine, files, { ...extra, rootLabel: '.' });
}

/** The parts of a report that must not depend on the path taken (order of diagnostics is completion order). */
function essence(r: Report): unknown {
  const diagnostics = r.diagnostics.map((d) => JSON.stringify(d)).sort();
  const { ms: _ms, ...stats } = r.stats;
  return { sites: JSON.parse(JSON.stringify(r.sites)) as unknown, totals: r.totals, diagnostics, stats };
}

describe('scan paths: ripgrep skip list', function () {
  this.timeout(120_000);
  let dir = '';

  before(function () {
    if (!rg) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-rg-'));
    const write = (name: string, data: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), data);
    };
    write('plain.py', 'def add(a, b):\n    return a + b\n');
    write('upper.ts', 'const c = new OPENAI();\n');
    write('slash.js', "const u = base + '/v1/messages';\n");
    write('api.ts', "import { x } from \"ai\";\n");
    // A NUL far past the first 8 KiB: not binary for the slow path, so the file must be read.
    write('late-nul.js', Buffer.concat([Buffer.from('x'.repeat(20_000)), Buffer.from([0]), Buffer.from('\n')]));
    write('early-nul.py', Buffer.from([0x61, 0x00, 0x62, 0x0a]));
    // UTF-16 with a BOM: the slow path decodes it as UTF-8 and sees NULs (binary).
    write('utf16.py', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x = 1\n', 'utf16le')]));
    write('sub dir/space name.py', 'print("hi")\n');
    write('-dash.js', 'let a = 1;\n');
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('translates the prefilter for Rust regex (no `\\/`) and adds the NUL byte', () => {
    const p = ripgrepPattern(/a\/b|c/i);
    assert.equal(p, 'a/b|c|\\x00');
  });

  it('skips exactly the files with no prefilter word and no NUL byte', async () => {
    const all = ['plain.py', 'upper.ts', 'slash.js', 'api.ts', 'late-nul.js', 'early-nul.py', 'utf16.py', 'sub dir/space name.py', '-dash.js'];
    const skip = await ripgrepSkips(rg as string, dir, all, PREFILTER_PATTERN, neverCancelled)?.whole();
    assert.ok(skip, 'ripgrep ran');
    // By hand: plain/space name/-dash hold none of the prefilter words and no NUL; the rest must be read.
    assert.deepEqual([...skip].sort(), ['-dash.js', 'plain.py', 'sub dir/space name.py']);
  });

  it('skips nothing from a batch in which ripgrep could not read a file (the slow path reports it)', async () => {
    const skip = await ripgrepSkips(rg as string, dir, ['plain.py', 'vanished.py'], PREFILTER_PATTERN, neverCancelled)?.whole();
    assert.deepEqual(skip && [...skip], []);
  });

  it('answers batch by batch: a batch ripgrep could not read skips nothing, the other batches still skip', async () => {
    // 400 plain files with 70-character names fill several argument lists (the first holds 8 KiB, the next ones
    // twice as much …); one name late in the list does not exist, so its batch ends with ripgrep's exit code 2.
    const names = Array.from({ length: 400 }, (_, i) => `many/${String(i).padStart(3, '0')}_${'x'.repeat(60)}.py`);
    for (const n of names) {
      fs.mkdirSync(path.dirname(path.join(dir, n)), { recursive: true });
      fs.writeFileSync(path.join(dir, n), 'def add(a, b):\n    return a + b\n');
    }
    const missing = 'many/399_missing.py';
    const paths = [...names, missing, 'upper.ts'];
    const skips = ripgrepSkips(rg as string, dir, paths, PREFILTER_PATTERN, neverCancelled);
    assert.ok(skips, 'ripgrep ran');
    const answers = await Promise.all(paths.map((p) => skips.has(p)));
    const skipped = paths.filter((_, i) => answers[i]);
    // The first files' batch was read by ripgrep: all skipped; the batch of the missing file skipped nothing.
    assert.ok(skipped.includes(names[0] as string) && skipped.length >= 100, `${skipped.length} skipped`);
    assert.ok(!skipped.includes(missing) && !skipped.includes('upper.ts') && !skipped.includes(names[399] as string));
    assert.equal(await skips.has('not-asked.py'), false, 'a path it was not asked about is read');
    // The whole answer, once every batch is done, is the same.
    assert.deepEqual([...((await skips.whole()) ?? [])].sort(), skipped.sort());
  });

  it('reads every file when the pattern fails the self-test (ripgrep must list the probe line on its standard input)', async () => {
    // A pattern that cannot match `x = OpenAI()`: as if the translation to Rust regex had broken it.
    const skips = ripgrepSkips(rg as string, dir, ['plain.py', 'upper.ts'], /zzz_no_such_word_zzz/i, neverCancelled);
    assert.ok(skips);
    assert.equal(await skips.whole(), undefined);
    assert.equal(await skips.has('plain.py'), false, 'plain.py is read');
  });

  it('passes files named `-` and `<stdin>` as files, not as standard input or the probe', async () => {
    for (const [name, text] of [['-', 'from openai import OpenAI\n'], ['<stdin>', 'from openai import OpenAI\n'], ['quiet', 'nothing here\n']]) fs.writeFileSync(path.join(dir, name as string), text as string);
    const skip = await ripgrepSkips(rg as string, dir, ['-', '<stdin>', 'quiet'], PREFILTER_PATTERN, neverCancelled)?.whole();
    assert.deepEqual(skip && [...skip], ['quiet']);
  });

  it('keeps argument lists under the platform limit (Windows: 32,767 characters with the pattern)', () => {
    assert.ok(maxBatchChars('win32') + PREFILTER_PATTERN.source.length + 1000 < 32_767);
    assert.ok(maxBatchChars('linux') <= 256 * 1024);
  });

  it('returns undefined (read everything) when ripgrep cannot run', async () => {
    const skip = await ripgrepSkips(path.join(dir, 'no-such-rg'), dir, ['plain.py'], PREFILTER_PATTERN, neverCancelled)?.whole();
    assert.equal(skip, undefined);
  });
});

describe("scan paths: VS Code's own ripgrep for the extension's workspace scan", () => {
  it('finds it in the desktop (asar-unpacked, plain) and code-server (universal) layouts, and nowhere else', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-approot-'));
    try {
      const put = (rel: string): string => {
        const p = path.join(root, rel);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, '');
        return p;
      };
      assert.equal(findVsCodeRipgrep(root, 'linux', 'x64'), undefined);
      const universal = put('node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg');
      assert.equal(findVsCodeRipgrep(root, 'linux', 'x64'), universal);
      assert.equal(findVsCodeRipgrep(root, 'linux', 'arm64'), undefined, 'another architecture is not used');
      const plain = put('node_modules/@vscode/ripgrep/bin/rg');
      assert.equal(findVsCodeRipgrep(root, 'linux', 'x64'), plain);
      const unpacked = put('node_modules.asar.unpacked/@vscode/ripgrep/bin/rg.exe');
      assert.equal(findVsCodeRipgrep(root, 'win32', 'x64'), unpacked);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('scan paths: fast and slow paths give the same report', function () {
  this.timeout(300_000);
  const roots = [path.join(REPO, 'test', 'fixtures', 'detect'), path.join(REPO, 'examples', 'demo')];

  for (const root of roots) {
    const name = path.relative(REPO, root);

    it(`${name}: the ripgrep skip list changes nothing`, async function () {
      if (!rg) this.skip();
      const slow = await scan(root);
      let skipped = 0;
      const fast = await scan(root, {
        skipFiles: async (paths, token) => {
          // Answered batch by batch (as the CLI and the editor do); a failed answer for one file means "read it".
          const s = ripgrepSkips(rg as string, root, paths, PREFILTER_PATTERN, token);
          skipped = (await s?.whole())?.size ?? -1;
          return s && { has: (p: string) => (p === paths[0] ? Promise.reject(new Error('no answer')) : s.has(p)) };
        },
      });
      assert.ok(slow.sites.length > 0, 'the corpus has sites');
      assert.ok(skipped >= 0, 'ripgrep produced a skip list');
      assert.deepEqual(essence(fast), essence(slow));
    });

    it(`${name}: analysing through the analyze hook (what the workers run) changes nothing`, async () => {
      const slow = await scan(root);
      // A second engine stands in for a worker's; results are structured-cloned as they are between threads.
      const files = createNodeFileProvider(root);
      const { settings } = loadCliSettings(root);
      const other = createEngine({ files, loadWasm });
      other.configure({ settings, trusted: true, team: await loadTeamConfig(files, settings, { trusted: true }) });
      const fast = await scan(root, {
        analyze: async (input) => {
          const a = await other.analyzeDocument(input);
          return structuredClone({ estimates: a.estimates, diagnostics: a.diagnostics });
        },
      });
      assert.deepEqual(essence(fast), essence(slow));
    });
  }

  it('the CLI bundle gives the same JSON with worker threads + ripgrep as with --workers 0 --no-rg', function () {
    const cli = path.join(REPO, 'dist', 'cli.js');
    if (!fs.existsSync(cli)) this.skip();
    const root = path.join(REPO, 'examples', 'demo');
    const runCli = (extra: string[]): Report => {
      const r = spawnSync(process.execPath, [cli, 'scan', root, '--format', 'json', '--quiet', ...extra], { encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      return JSON.parse(r.stdout) as Report;
    };
    const slow = runCli(['--workers', '0', '--no-rg']);
    const fast = runCli(['--workers', '2']);
    assert.ok(slow.sites.length > 0);
    assert.deepEqual(essence(fast), essence(slow));
  });
});

describe('scan paths: the --cache result cache', function () {
  this.timeout(120_000);
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const cliJson = async (args: string[]): Promise<Report> => {
    let out = '';
    const io = { stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: () => true }, cwd: REPO };
    const code = await run(['scan', ...args, '--format', 'json', '--quiet', '--no-rg', '--workers', '0'], io);
    assert.ok(code === 0 || code === 1, `exit ${code}`);
    return JSON.parse(out) as Report;
  };

  it('a warm re-scan of examples/demo gives the report of an uncached scan', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-cache-'));
    const demo = path.join(REPO, 'examples', 'demo');
    const plain = await cliJson([demo]);
    const cold = await cliJson([demo, '--cache', dir]);
    assert.ok(fs.existsSync(path.join(dir, 'tokentier-scan-cache.json')), 'the cache was written');
    const warm = await cliJson([demo, '--cache', dir]);
    assert.deepEqual(essence(cold), essence(plain));
    assert.deepEqual(essence(warm), essence(plain));
  });

  it('an edit to an imported neighbour invalidates the importing file', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-cache-'));
    const ws = path.join(dir, 'ws');
    fs.cpSync(path.join(REPO, 'test', 'fixtures', 'detect', 'crossfile', 'py_model_const'), ws, { recursive: true });
    const cacheDir = path.join(dir, 'cache');
    const model = (r: Report) => r.sites.filter((e) => e.site.file === 'app.py').map((e) => e.site.model.id);
    // By hand: app.py takes CHAT_MODEL from config.py.
    assert.deepEqual(model(await cliJson([ws, '--cache', cacheDir])), ['gpt-4o-mini']);
    const cfg = path.join(ws, 'config.py');
    fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replace('"gpt-4o-mini"', '"gpt-4.1-nano"'));
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(cfg, later, later);
    // app.py itself did not change, so only the recorded dependency can tell the cache its entry is stale.
    assert.deepEqual(model(await cliJson([ws, '--cache', cacheDir])), ['gpt-4.1-nano']);
  });
});
