/**
 * Issue 23: the `--cache` index (src/node/scanCache.ts). A re-scan that finds nothing changed reads no file and needs
 * no engine; a file whose stat changed but whose text did not is read and not analysed; an edited file is analysed
 * alone; an edit that keeps size and mtime right after a scan is still seen; deleted files leave the index. The oracle
 * is the file system (what was written, what was read, counted through the FileProvider) and an uncached scan of the
 * same tree; models by hand in the fixture text.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCliSettings } from '../../src/cli/workspaceConfig';
import { createEngine } from '../../src/core/engine';
import type { FileProvider } from '../../src/core/fileProvider';
import { scanWorkspace, type ScanEngine } from '../../src/core/scan/scanner';
import type { Report } from '../../src/core/types';
import { createNodeFileProvider, type NodeFileProvider } from '../../src/node/nodeFiles';
import { ScanCache, trackDeps, trackingProvider } from '../../src/node/scanCache';
import { createNodeLoadWasm } from './detect/fixtureFormat';

const REPO = path.resolve(__dirname, '..', '..');
const loadWasm = createNodeLoadWasm();
const call = (model: string) => `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="${model}", messages=[{"role": "user", "content": "hi"}])\n`;

/** A provider that counts the files read (the scan's reads and the engine's). */
function counting(files: NodeFileProvider): FileProvider & Pick<NodeFileProvider, 'statSync'> & { reads: string[] } {
  const reads: string[] = [];
  return { reads, readText: (p) => (reads.push(p), files.readText(p)), stat: (p) => files.stat(p), statSync: (p) => files.statSync(p), list: (p) => files.list(p) };
}

/** An engine that must not be used: a scan that needs it fails the test. */
const NO_ENGINE: ScanEngine = {
  currentSettings: loadCliSettings(os.tmpdir()).settings,
  currency: 'USD',
  analyzeDocument: () => {
    throw new Error('the engine was used');
  },
  mightContainLlmCall: () => {
    throw new Error('the engine was used');
  },
};

const essence = (r: Report) => ({ sites: JSON.parse(JSON.stringify(r.sites)) as unknown, totals: r.totals, diagnostics: r.diagnostics, stats: { ...r.stats, ms: 0 } });

describe('scan cache (issue 23): the --cache index', function () {
  this.timeout(60_000);
  let dir = '';
  let cacheDir = '';
  let analysed: string[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-idx-'));
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-idx-cache-'));
    fs.writeFileSync(path.join(dir, 'a.py'), call('gpt-4o-mini'));
    fs.writeFileSync(path.join(dir, 'plain.py'), 'def add(a, b):\n    return a + b\n');
    fs.mkdirSync(path.join(dir, 'pkg'));
    fs.writeFileSync(path.join(dir, 'pkg', 'b.py'), call('gpt-4.1-nano'));
    // Written an hour ago, so the first scan trusts their mtimes (a file written just now is kept without it).
    const past = new Date(Date.now() - 3_600_000);
    for (const f of ['a.py', 'plain.py', 'pkg/b.py']) fs.utimesSync(path.join(dir, f), past, past);
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  /** One scan with the cache; `engine: false` forbids the engine. Returns the report and the files read. */
  async function scan(engine = true, paths?: string[], journalShare?: number): Promise<{ report: Report; reads: string[]; cache: ScanCache }> {
    const files = counting(createNodeFileProvider(dir));
    const { settings } = loadCliSettings(dir);
    const real = createEngine({ files: trackingProvider(files), loadWasm, retain: false });
    real.configure({ settings, trusted: true });
    const cache = new ScanCache(cacheDir, dir, 'config-1', files, paths !== undefined, journalShare);
    const report = await scanWorkspace(engine ? real : NO_ENGINE, files, {
      rootLabel: '.',
      ...(paths ? { paths } : {}),
      memo: cache,
      analyze: cache.wrap((input) => {
        analysed.push(input.path);
        return trackDeps(() => real.analyzeDocument(input));
      }),
    });
    assert.ok(cache.save());
    return { report, reads: files.reads, cache };
  }

  async function uncached(): Promise<Report> {
    const files = createNodeFileProvider(dir);
    const engine = createEngine({ files, loadWasm, retain: false });
    engine.configure({ settings: loadCliSettings(dir).settings, trusted: true });
    return scanWorkspace(engine, files, { rootLabel: '.' });
  }

  const models = (r: Report) => r.sites.map((e) => `${e.site.file}:${e.site.model.id ?? '?'}`);

  it('nothing changed: no file is read, no engine is used, and the report is the uncached one', async () => {
    analysed = [];
    const first = await scan();
    assert.deepEqual(models(first.report), ['a.py:gpt-4o-mini', 'pkg/b.py:gpt-4.1-nano']);
    assert.deepEqual(analysed.sort(), ['a.py', 'pkg/b.py'], 'plain.py holds no pre-filter word');
    analysed = [];
    const second = await scan(false);
    assert.deepEqual(second.reads, [], 'a re-scan read files');
    assert.deepEqual(analysed, []);
    assert.equal(second.cache.hits, 3);
    assert.deepEqual(essence(second.report), essence(await uncached()));
  });

  it('every mtime changed, no text did (a fresh CI checkout): files are read, none is analysed', async () => {
    await scan();
    const now = new Date(Date.now() - 600_000);
    for (const f of ['a.py', 'plain.py', 'pkg/b.py']) fs.utimesSync(path.join(dir, f), now, now);
    analysed = [];
    const second = await scan(false);
    assert.deepEqual(second.reads.sort(), ['a.py', 'pkg/b.py', 'plain.py']);
    assert.deepEqual(analysed, []);
    assert.deepEqual(essence(second.report), essence(await uncached()));
    // The new mtimes are in the index now: the third run reads nothing.
    assert.deepEqual((await scan(false)).reads, []);
  });

  it('one file edited: only it is analysed, and its new model is reported', async () => {
    await scan();
    fs.writeFileSync(path.join(dir, 'a.py'), call('gpt-4o'));
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, 'a.py'), past, past);
    analysed = [];
    const second = await scan();
    assert.deepEqual(analysed, ['a.py']);
    assert.deepEqual(second.reads.filter((p) => p !== 'a.py'), [], 'only the edited file was read');
    assert.deepEqual(models(second.report), ['a.py:gpt-4o', 'pkg/b.py:gpt-4.1-nano']);
    assert.deepEqual(essence(second.report), essence(await uncached()));
  });

  it('an edit right after a scan that keeps the size and the mtime is still seen (racily clean)', async () => {
    const file = path.join(dir, 'pkg', 'b.py');
    fs.writeFileSync(file, call('gpt-4.1-nano'));
    // A whole second, now: a file system with a coarse clock gives the edit below the same mtime.
    const tick = Math.floor(Date.now() / 1000);
    fs.utimesSync(file, tick, tick);
    const st = fs.statSync(file);
    await scan();
    // Same length ("nano" → "mini"), same mtime, same inode: only the content can tell.
    fs.writeFileSync(file, call('gpt-4.1-mini'));
    fs.utimesSync(file, tick, tick);
    const after = fs.statSync(file);
    assert.deepEqual([after.size, after.mtimeMs, after.ino], [st.size, st.mtimeMs, st.ino]);
    const second = await scan();
    assert.deepEqual(models(second.report), ['a.py:gpt-4o-mini', 'pkg/b.py:gpt-4.1-mini']);
  });

  it('a deleted file leaves the index; a malformed row is a miss, not trusted', async () => {
    await scan();
    fs.rmSync(path.join(dir, 'plain.py'));
    // Journal share 0: the index itself is rewritten (the journal test below covers deletions through the journal).
    await scan(true, undefined, 0);
    const index = path.join(cacheDir, 'tokentier-scan-cache.json');
    const data = JSON.parse(fs.readFileSync(index, 'utf8')) as { files: Record<string, unknown> };
    assert.deepEqual(Object.keys(data.files).sort(), ['a.py', 'pkg/b.py']);
    // A row that claims a.py holds nothing to analyse, with the wrong shape: read and analysed again.
    data.files['a.py'] = ['x', 0, 0, 'p', ''];
    fs.writeFileSync(index, JSON.stringify(data));
    analysed = [];
    const third = await scan();
    assert.deepEqual(analysed, ['a.py']);
    assert.deepEqual(models(third.report), ['a.py:gpt-4o-mini', 'pkg/b.py:gpt-4.1-nano']);
  });

  const indexFile = () => path.join(cacheDir, 'tokentier-scan-cache.json');
  /** The cache's own diagnostics (the CLI adds them to the report). */
  const codes = (c: ScanCache) => c.diagnostics.map((d) => d.code);
  const setMtime = (f: string, ms: number) => fs.utimesSync(path.join(dir, f), new Date(ms), new Date(ms));

  it('two files importing one neighbour: the index holds it once, and an edit to it re-analyses both', async () => {
    // By hand: both files take MODEL from config.py (one-hop import resolution).
    fs.writeFileSync(path.join(dir, 'config.py'), 'MODEL = "gpt-4o-mini"\n');
    const user = 'from openai import OpenAI\nfrom config import MODEL\nclient = OpenAI()\nclient.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "hi"}])\n';
    fs.writeFileSync(path.join(dir, 'u1.py'), user);
    fs.writeFileSync(path.join(dir, 'u2.py'), user);
    for (const f of ['config.py', 'u1.py', 'u2.py']) setMtime(f, Date.now() - 3_600_000);
    const first = await scan();
    assert.deepEqual(models(first.report).filter((m) => m.startsWith('u')), ['u1.py:gpt-4o-mini', 'u2.py:gpt-4o-mini']);
    const data = JSON.parse(fs.readFileSync(indexFile(), 'utf8')) as { deps: [string, string][]; entries: Record<string, { deps: number[] }> };
    assert.equal(data.deps.filter(([p]) => p === 'config.py').length, 1, JSON.stringify(data.deps));
    const at = data.deps.findIndex(([p]) => p === 'config.py');
    assert.ok(data.entries['u1.py']!.deps.includes(at) && data.entries['u2.py']!.deps.includes(at));
    fs.writeFileSync(path.join(dir, 'config.py'), 'MODEL = "gpt-4.1-nano"\n');
    setMtime('config.py', Date.now() - 60_000);
    analysed = [];
    const second = await scan();
    assert.deepEqual(analysed.filter((f) => f !== 'config.py').sort(), ['u1.py', 'u2.py'], 'both importers, nothing else');
    assert.deepEqual(models(second.report).filter((m) => m.startsWith('u')), ['u1.py:gpt-4.1-nano', 'u2.py:gpt-4.1-nano']);
    assert.deepEqual(essence(second.report), essence(await uncached()));
  });

  it('an import that resolved to nothing is kept as its first missing folder; creating that folder re-analyses the importer', async () => {
    // By hand: u.py imports MODEL from a package that does not exist yet, so its model is not known.
    fs.writeFileSync(path.join(dir, 'u.py'), 'from openai import OpenAI\nfrom helpers.models import MODEL\nOpenAI().chat.completions.create(model=MODEL, messages=[])\n');
    setMtime('u.py', Date.now() - 3_600_000);
    const first = await scan();
    assert.ok(!models(first.report).includes('u.py:gpt-4o-mini'), models(first.report).join());
    const data = JSON.parse(fs.readFileSync(indexFile(), 'utf8')) as { deps: [string, string][]; entries: Record<string, { deps: number[] }> };
    const used = data.entries['u.py']!.deps.map((i) => data.deps[i]!);
    // Every candidate under helpers/ (helpers/models.py, helpers/models/__init__.py, …) is one entry: nothing at helpers.
    assert.ok(used.some(([p, sig]) => p === 'helpers' && sig === 'none'), JSON.stringify(used));
    assert.ok(!used.some(([p]) => p.startsWith('helpers/')), JSON.stringify(used));
    // The package appears: a folder where there was nothing (a folder's own signature would read as "missing").
    fs.mkdirSync(path.join(dir, 'helpers'));
    fs.writeFileSync(path.join(dir, 'helpers', 'models.py'), 'MODEL = "gpt-4o-mini"\n');
    analysed = [];
    const second = await scan();
    assert.ok(analysed.includes('u.py'), analysed.join());
    assert.ok(models(second.report).includes('u.py:gpt-4o-mini'), models(second.report).join());
    assert.deepEqual(essence(second.report), essence(await uncached()));
  });

  it('a scan of one folder keeps the other entries and their dependencies; the next full scan reuses them all', async () => {
    fs.writeFileSync(path.join(dir, 'config.py'), 'MODEL = "gpt-4o-mini"\n');
    fs.writeFileSync(path.join(dir, 'u1.py'), 'from openai import OpenAI\nfrom config import MODEL\nOpenAI().chat.completions.create(model=MODEL, messages=[])\n');
    for (const f of ['config.py', 'u1.py']) setMtime(f, Date.now() - 3_600_000);
    await scan();
    // pkg/b.py edited, then only pkg/ scanned: u1.py's entry (and config.py in its deps) must survive the rewrite.
    fs.writeFileSync(path.join(dir, 'pkg', 'b.py'), call('gpt-4o'));
    setMtime('pkg/b.py', Date.now() - 60_000);
    analysed = [];
    await scan(true, ['pkg']);
    assert.deepEqual(analysed, ['pkg/b.py']);
    analysed = [];
    const full = await scan(false);
    assert.deepEqual(full.reads, []);
    assert.deepEqual(essence(full.report), essence(await uncached()));
    // And the kept dependency still invalidates: config.py edited, u1.py analysed again.
    fs.writeFileSync(path.join(dir, 'config.py'), 'MODEL = "gpt-4.1-nano"\n');
    setMtime('config.py', Date.now() - 30_000);
    const after = await scan();
    assert.ok(analysed.includes('u1.py'), analysed.join());
    assert.ok(models(after.report).includes('u1.py:gpt-4.1-nano'), models(after.report).join());
  });

  it('an index that is not JSON (cut short): a cache-index-invalid warning, every file analysed again, the next run clean', async () => {
    await scan();
    const text = fs.readFileSync(indexFile(), 'utf8');
    fs.writeFileSync(indexFile(), text.slice(0, Math.floor(text.length / 2)));
    analysed = [];
    const second = await scan();
    assert.deepEqual(codes(second.cache), ['cache-index-invalid']);
    assert.match(second.cache.diagnostics.find((d) => d.code === 'cache-index-invalid')!.message, /not valid JSON/);
    assert.deepEqual(analysed.sort(), ['a.py', 'pkg/b.py']);
    assert.deepEqual(essence(second.report), essence(await uncached()));
    const third = await scan(false);
    assert.deepEqual(codes(third.cache), []);
    assert.deepEqual(third.reads, []);
  });

  it('an index edited after it was written (checksum mismatch): a cache-index-altered warning and every entry checked against the schema', async () => {
    await scan();
    const data = JSON.parse(fs.readFileSync(indexFile(), 'utf8')) as { entries: Record<string, { estimates: Record<string, unknown>[] }> };
    // Valid JSON, the checksum left as it was; one entry broken (no cost), one only reformatted.
    const { cost: _dropped, ...rest } = data.entries['a.py']!.estimates[0]!;
    data.entries['a.py']!.estimates[0] = rest;
    fs.writeFileSync(indexFile(), JSON.stringify(data, null, 1));
    analysed = [];
    const second = await scan();
    assert.deepEqual(codes(second.cache), ['cache-index-altered', 'cache-entry-invalid']);
    assert.deepEqual(analysed, ['a.py'], 'pkg/b.py is schema-valid: reused; a.py is not: analysed again');
    assert.deepEqual(models(second.report), ['a.py:gpt-4o-mini', 'pkg/b.py:gpt-4.1-nano']);
    // The index was written again with its checksum: no warning, nothing read.
    const third = await scan(false);
    assert.deepEqual(codes(third.cache), []);
    assert.deepEqual(third.reads, []);
  });

  it('small changes go to the journal: the index is not rewritten, and later runs read the changes back', async () => {
    await scan(true, undefined, 100);
    const before = fs.readFileSync(indexFile());
    const journal = `${indexFile()}.journal`;
    fs.writeFileSync(path.join(dir, 'a.py'), call('gpt-4o'));
    setMtime('a.py', Date.now() - 60_000);
    fs.rmSync(path.join(dir, 'plain.py'));
    analysed = [];
    await scan(true, undefined, 100);
    assert.deepEqual(analysed, ['a.py']);
    assert.ok(fs.readFileSync(indexFile()).equals(before), 'the index was rewritten');
    const lines = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /"plain\.py":null/, 'the deleted file leaves through the journal');
    // Nothing changed since: all from the index + journal, no read, the edited model, the deleted file gone.
    analysed = [];
    const third = await scan(false, undefined, 100);
    assert.deepEqual(third.reads, []);
    assert.deepEqual(models(third.report), ['a.py:gpt-4o', 'pkg/b.py:gpt-4.1-nano']);
    assert.deepEqual(essence(third.report), essence(await uncached()));
    // A second change appends a second line; the default share (a quarter of the index) rewrites the index instead.
    fs.writeFileSync(path.join(dir, 'pkg', 'b.py'), call('gpt-4.1'));
    setMtime('pkg/b.py', Date.now() - 50_000);
    await scan(true, undefined, 100);
    assert.equal(fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean).length, 2);
    fs.writeFileSync(path.join(dir, 'a.py'), call('gpt-4.1-mini'));
    setMtime('a.py', Date.now() - 40_000);
    await scan();
    assert.ok(!fs.existsSync(journal), 'the journal outlived a rewrite of the index');
    const last = await scan(false);
    assert.deepEqual(last.reads, []);
    assert.deepEqual(models(last.report), ['a.py:gpt-4.1-mini', 'pkg/b.py:gpt-4.1']);
  });

  it('a journal line cut short or edited is ignored with a warning: the files it covered are read again, never trusted', async () => {
    await scan(true, undefined, 100);
    fs.writeFileSync(path.join(dir, 'a.py'), call('gpt-4o'));
    setMtime('a.py', Date.now() - 60_000);
    await scan(true, undefined, 100);
    const journal = `${indexFile()}.journal`;
    const text = fs.readFileSync(journal, 'utf8');
    // The line still parses as JSON after the edit (gpt-4o → gpt-4x in a.py's entry); only its checksum tells.
    assert.ok(text.includes('"gpt-4o"'));
    fs.writeFileSync(journal, text.replace(/"gpt-4o"/g, '"gpt-4x"'));
    analysed = [];
    const second = await scan(true, undefined, 100);
    assert.deepEqual(codes(second.cache), ['cache-index-altered']);
    assert.deepEqual(analysed, ['a.py'], 'a.py fell back to its row in the index (older stat): analysed again');
    assert.deepEqual(models(second.report), ['a.py:gpt-4o', 'pkg/b.py:gpt-4.1-nano']);
    // The index was rewritten with everything: the journal is gone, the next run clean.
    assert.ok(!fs.existsSync(journal));
    const third = await scan(false, undefined, 100);
    assert.deepEqual(codes(third.cache), []);
    assert.deepEqual(third.reads, []);
    // Cut short (a crash while appending): the same.
    fs.writeFileSync(path.join(dir, 'a.py'), call('gpt-4.1-nano'));
    setMtime('a.py', Date.now() - 30_000);
    await scan(true, undefined, 100);
    const cut = fs.readFileSync(journal, 'utf8');
    fs.writeFileSync(journal, cut.slice(0, cut.length - 20));
    analysed = [];
    const fourth = await scan(true, undefined, 100);
    assert.deepEqual(codes(fourth.cache), ['cache-index-altered']);
    assert.deepEqual(analysed, ['a.py']);
    assert.deepEqual(models(fourth.report), ['a.py:gpt-4.1-nano', 'pkg/b.py:gpt-4.1-nano']);
  });

  it('token counts: kept in the index and in journal lines, offered to the next run; none from an altered index', async () => {
    const first = await scan(true, undefined, 100);
    first.cache.keepTokenCounts([['o200k_base', [['hello there', 2]]]]);
    assert.ok(first.cache.save());
    const second = await scan(true, undefined, 100);
    assert.deepEqual([...(second.cache.tokenCounts().get('o200k_base') ?? [])], [['hello there', 2]]);
    // A later run's counts go to the journal; both are read back.
    second.cache.keepTokenCounts([['o200k_base', [['hello there', 2], ['bye', 1]]], ['cl100k_base', [['bye', 1]]]]);
    assert.ok(second.cache.save());
    assert.ok(fs.existsSync(`${indexFile()}.journal`));
    const third = await scan(true, undefined, 100);
    assert.deepEqual([...(third.cache.tokenCounts().get('o200k_base') ?? [])], [['hello there', 2], ['bye', 1]]);
    assert.deepEqual([...(third.cache.tokenCounts().get('cl100k_base') ?? [])], [['bye', 1]]);
    // An index edited by hand: its counts are not offered (they are not checked against anything).
    fs.rmSync(`${indexFile()}.journal`);
    const data = JSON.parse(fs.readFileSync(indexFile(), 'utf8')) as { tokens: Record<string, [string, number][]> };
    data.tokens['o200k_base'] = [['hello there', 99]];
    fs.writeFileSync(indexFile(), JSON.stringify(data));
    const fourth = await scan(true, undefined, 100);
    assert.equal(fourth.cache.tokenCounts().size, 0);
  });

  it('the CLI bundle: a file edited outside its prompts is re-analysed with the kept token counts, and reports what an uncached scan does', function () {
    const cli = path.join(REPO, 'dist', 'cli.js');
    if (!fs.existsSync(cli) || !fs.existsSync(path.join(REPO, 'dist', 'engine.js'))) this.skip();
    const ws = path.join(dir, 'demo');
    fs.cpSync(path.join(REPO, 'examples', 'demo'), ws, { recursive: true });
    const runCli = (...extra: string[]) => spawnSync(process.execPath, [cli, 'scan', ws, '--format', 'json', '--quiet', '--workers', '0', ...extra], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const cached = () => runCli('--cache', path.join(cacheDir, 'c'));
    assert.ok([0, 1].includes(cached().status ?? -1));
    const index = JSON.parse(fs.readFileSync(path.join(cacheDir, 'c', 'tokentier-scan-cache.json'), 'utf8')) as { tokens: Record<string, unknown[]> };
    assert.ok((index.tokens['o200k_base'] ?? []).length > 0, 'the cold run kept no token count');
    // A comment added to every Python file: each is analysed again, its prompts unchanged.
    for (const f of fs.readdirSync(ws, { recursive: true }) as string[]) if (f.endsWith('.py')) fs.appendFileSync(path.join(ws, f), '\n# edited\n');
    const warm = cached();
    const plain = runCli();
    assert.ok([0, 1].includes(warm.status ?? -1), warm.stderr);
    const strip = (t: string) => ({ ...essence(JSON.parse(t) as Report), generatedAt: '' });
    assert.ok((JSON.parse(warm.stdout) as Report).sites.length > 0);
    assert.deepEqual(strip(warm.stdout), strip(plain.stdout));
  });

  it('the CLI bundle: a warm re-scan of examples/demo does not load dist/engine.js, a cold one does', function () {
    const cli = path.join(REPO, 'dist', 'cli.js');
    if (!fs.existsSync(cli) || !fs.existsSync(path.join(REPO, 'dist', 'engine.js'))) this.skip();
    const ws = path.join(dir, 'demo');
    fs.cpSync(path.join(REPO, 'examples', 'demo'), ws, { recursive: true });
    const past = new Date(Date.now() - 3_600_000);
    const touch = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) touch(p);
        else fs.utimesSync(p, past, past);
      }
    };
    touch(ws);
    // A preload that notes on stderr whether the engine bundle was required.
    const hook = path.join(cacheDir, 'hook.js');
    fs.writeFileSync(hook, "const M=require('module');const l=M._load;M._load=function(r,...a){if(/engine\\.js$/.test(r))process.stderr.write('ENGINE-LOADED\\n');return l.call(this,r,...a)};");
    const runCli = () => spawnSync(process.execPath, ['-r', hook, cli, 'scan', ws, '--format', 'json', '--quiet', '--cache', path.join(cacheDir, 'c')], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const cold = runCli();
    assert.ok(cold.status === 0 || cold.status === 1, cold.stderr);
    assert.match(cold.stderr, /ENGINE-LOADED/);
    const warm = runCli();
    assert.ok(warm.status === 0 || warm.status === 1, warm.stderr);
    assert.doesNotMatch(warm.stderr, /ENGINE-LOADED/);
    const strip = (s: string) => {
      const r = JSON.parse(s) as Report;
      return { ...essence(r), generatedAt: '' };
    };
    assert.deepEqual(strip(warm.stdout), strip(cold.stdout));
  });
});
