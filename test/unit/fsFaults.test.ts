/**
 * File-system faults during a workspace scan (issue 10): files deleted or changed mid-scan, a FileProvider that throws
 * or rejects, permission-denied files and folders, symlink loops, very deep trees, non-UTF-8 file names, and
 * cancellation of a large scan. Each scan must complete (resolve, never reject) with diagnostics for what it skipped
 * and the sites of the healthy files.
 *
 * Permission tests: CI runs as root, where chmod 000 does not deny, so a FileProvider that behaves like the node one
 * on EACCES (undefined + nothing else) simulates it; the real chmod test runs only when not root.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeFileProvider } from '../../src/node/nodeFiles';
import type { CancellationToken } from '../../src/core/cancellation';
import { createEngine, type Engine } from '../../src/core/engine';
import type { FileProvider, FileStat } from '../../src/core/fileProvider';
import { scanWorkspace, type ScanOptions } from '../../src/core/scan/scanner';
import type { Diagnostic, Report } from '../../src/core/types';
import { createNodeLoadWasm } from './detect/fixtureFormat';

const loadWasm = createNodeLoadWasm();
const CALL = 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])\n';
const PLAIN = 'def add(a, b):\n    return a + b\n';

type Entry = { readonly name: string; readonly type: 'file' | 'directory' };

/** An in-memory tree with hooks to inject faults per call. */
class FaultyFiles implements FileProvider {
  readonly files = new Map<string, string>();
  readonly dirs = new Map<string, Map<string, 'file' | 'directory'>>([['', new Map()]]);
  /** Called before each operation; may throw, return a replacement, or undefined to carry on. */
  hook: (op: 'readText' | 'list' | 'stat', p: string) => { value: unknown } | undefined = () => undefined;

  add(p: string, text: string): this {
    this.files.set(p, text);
    const parts = p.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let m = this.dirs.get(dir);
      if (!m) this.dirs.set(dir, (m = new Map()));
      m.set(parts[i]!, i === parts.length - 1 ? 'file' : 'directory');
      if (i < parts.length - 1 && !this.dirs.has(parts.slice(0, i + 1).join('/'))) this.dirs.set(parts.slice(0, i + 1).join('/'), new Map());
    }
    return this;
  }

  async readText(p: string): Promise<string | undefined> {
    const h = this.hook('readText', p);
    return h ? (h.value as string | undefined) : this.files.get(p);
  }

  async list(p: string): Promise<readonly Entry[] | undefined> {
    const h = this.hook('list', p);
    if (h) return h.value as Entry[] | undefined;
    const m = this.dirs.get(p);
    return m ? [...m].map(([name, type]) => ({ name, type })) : undefined;
  }

  async stat(p: string): Promise<FileStat | undefined> {
    const h = this.hook('stat', p);
    if (h) return h.value as FileStat | undefined;
    const t = this.files.get(p);
    if (t !== undefined) return { type: 'file', size: Buffer.byteLength(t), mtime: 0 };
    return this.dirs.has(p) ? { type: 'directory', size: 0, mtime: 0 } : undefined;
  }
}

/** Runs a scan and fails the test if it rejects; returns the report and how long it took. */
async function scan(files: FileProvider, options: ScanOptions = {}, engine: Engine = createEngine({ files, loadWasm })): Promise<Report> {
  try {
    return await scanWorkspace(engine, files, options);
  } catch (e) {
    throw new Error(`scanWorkspace rejected: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

const siteFiles = (r: Report): string[] => [...new Set(r.sites.map((s) => s.site.file))].sort();
const codes = (ds: readonly Diagnostic[]): string => ds.map((d) => `${d.code}:${d.file ?? ''}`).join(', ');
const hasDiag = (r: Report, code: RegExp, file?: string): boolean => r.diagnostics.some((d) => code.test(d.code) && (file === undefined || d.file === file));

describe('file-system faults during a scan', function () {
  this.timeout(120_000);

  describe('faulty in-memory FileProvider', () => {
    it('a file deleted between stat and read: an unreadable diagnostic, the other files still scanned', async () => {
      const f = new FaultyFiles().add('a.py', CALL).add('b.py', CALL).add('c.py', CALL);
      f.hook = (op, p) => (op === 'readText' && p === 'b.py' ? { value: undefined } : undefined);
      const r = await scan(f);
      assert.deepEqual(siteFiles(r), ['a.py', 'c.py']);
      assert.ok(hasDiag(r, /unreadable/, 'b.py'), codes(r.diagnostics));
    });

    it('a file deleted between listing and stat: an unreadable diagnostic', async () => {
      const f = new FaultyFiles().add('a.py', CALL).add('gone.py', CALL);
      f.hook = (op, p) => (op === 'stat' && p === 'gone.py' ? { value: undefined } : undefined);
      const r = await scan(f);
      assert.deepEqual(siteFiles(r), ['a.py']);
      assert.ok(hasDiag(r, /unreadable/, 'gone.py'), codes(r.diagnostics));
    });

    it('a file that grew past the size limit, or turned binary, after stat: skipped with a diagnostic', async () => {
      const f = new FaultyFiles().add('a.py', CALL).add('grew.py', CALL).add('bin.py', CALL);
      const big = `${CALL}${'x = 1\n'.repeat(600_000)}`;
      f.hook = (op, p) => (op === 'readText' && p === 'grew.py' ? { value: big } : op === 'readText' && p === 'bin.py' ? { value: `${CALL}\u0000\u0001` } : undefined);
      const r = await scan(f);
      assert.deepEqual(siteFiles(r), ['a.py']);
      assert.ok(hasDiag(r, /file-too-large/, 'grew.py'), codes(r.diagnostics));
      assert.ok(hasDiag(r, /binary-file/, 'bin.py'), codes(r.diagnostics));
    });

    it('a file whose text changes on every read (a file being written): the scan completes', async () => {
      const f = new FaultyFiles().add('a.py', CALL).add('live.py', CALL);
      let n = 0;
      f.hook = (op, p) => (op === 'readText' && p === 'live.py' ? { value: CALL.slice(0, (n++ * 37) % CALL.length) } : undefined);
      const r = await scan(f);
      assert.ok(siteFiles(r).includes('a.py'));
    });

    it('readText that throws, stat that rejects: the scan resolves with an error diagnostic per file and the rest scanned', async () => {
      const f = new FaultyFiles().add('a.py', CALL).add('throws.py', CALL).add('rejects.py', CALL);
      f.hook = (op, p) => {
        if (op === 'readText' && p === 'throws.py') throw new Error('EIO: read failed');
        if (op === 'stat' && p === 'rejects.py') throw new Error('EIO: stat failed');
        return undefined;
      };
      const r = await scan(f);
      assert.deepEqual(siteFiles(r), ['a.py']);
      assert.ok(r.diagnostics.some((d) => d.file === 'throws.py' && /EIO/.test(d.message)), codes(r.diagnostics));
      assert.ok(r.diagnostics.some((d) => d.file === 'rejects.py' && /EIO/.test(d.message)), codes(r.diagnostics));
    });

    it('list() that rejects for one folder: the scan resolves with a diagnostic', async () => {
      const f = new FaultyFiles().add('a/x.py', CALL).add('b/y.py', CALL).add('c/z.py', CALL);
      f.hook = (op, p) => {
        if (op === 'list' && p === 'b') throw new Error('EIO: list failed');
        return undefined;
      };
      const r = await scan(f);
      assert.ok(r.diagnostics.some((d) => /EIO/.test(d.message)), codes(r.diagnostics));
      assert.ok(siteFiles(r).includes('a/x.py'));
    });

    // Regression: one folder whose list() threw used to stop the whole walk. The FileProvider contract says "never
    // throws", so only a misbehaving provider triggers it; now only that folder is lost, with a diagnostic.
    it('list() that rejects for one folder does not stop the scan of the folders after it', async () => {
      const f = new FaultyFiles().add('a/x.py', CALL).add('b/y.py', CALL).add('c/z.py', CALL);
      f.hook = (op, p) => {
        if (op === 'list' && p === 'b') throw new Error('EIO: list failed');
        return undefined;
      };
      const r = await scan(f);
      assert.deepEqual(siteFiles(r), ['a/x.py', 'c/z.py']);
      assert.ok(hasDiag(r, /unreadable-folder/, 'b'), codes(r.diagnostics));
    });

    it('permission denied (simulated EACCES as the node provider reports it): folder and file skipped with diagnostics', async () => {
      const f = new FaultyFiles().add('ok/a.py', CALL).add('secret/b.py', CALL).add('ok/locked.py', CALL);
      f.hook = (op, p) => (op === 'list' && p === 'secret' ? { value: undefined } : op === 'readText' && p === 'ok/locked.py' ? { value: undefined } : undefined);
      const r = await scan(f);
      assert.deepEqual(siteFiles(r), ['ok/a.py']);
      assert.ok(hasDiag(r, /unreadable-folder/, 'secret'), codes(r.diagnostics));
      assert.ok(hasDiag(r, /unreadable/, 'ok/locked.py'), codes(r.diagnostics));
    });

    it('a 2,000-level deep tree: the walk stops with a too-deep diagnostic and the shallow files are scanned', async () => {
      const f = new FaultyFiles().add('top.py', CALL);
      const deep = Array.from({ length: 2000 }, (_, i) => `d${i}`).join('/');
      f.add(`${deep}/bottom.py`, CALL);
      f.add('d0/d1/shallow.py', CALL);
      const t0 = performance.now();
      const r = await scan(f);
      const ms = performance.now() - t0;
      assert.deepEqual(siteFiles(r), ['d0/d1/shallow.py', 'top.py']);
      assert.ok(hasDiag(r, /too-deep/), codes(r.diagnostics));
      assert.ok(ms < 10_000, `${ms.toFixed(0)} ms`);
    });

    it('a provider-level symlink loop (a folder that lists itself forever) ends with a too-deep diagnostic', async () => {
      const f = new FaultyFiles().add('a.py', CALL);
      f.hook = (op, p) => (op === 'list' && (p === 'loop' || p.startsWith('loop/')) ? { value: [{ name: 'loop', type: 'directory' }, { name: 'x.py', type: 'file' }] } : op === 'list' && p === '' ? { value: [{ name: 'a.py', type: 'file' }, { name: 'loop', type: 'directory' }] } : undefined);
      const r = await scan(f);
      assert.ok(hasDiag(r, /too-deep/), codes(r.diagnostics));
      assert.ok(siteFiles(r).includes('a.py'));
    });
  });

  describe('the CLI node FileProvider on a real temporary folder', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-fs-'));
    });
    afterEach(() => {
      // Restore permissions first so the temp folder can be removed.
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('symlink loops (to the folder itself, to a parent, a cycle of two, dangling): the scan completes, loops reported', async () => {
      fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'a', 'b', 'x.py'), CALL);
      fs.symlinkSync('.', path.join(dir, 'a', 'self'));
      fs.symlinkSync('..', path.join(dir, 'a', 'b', 'up'));
      fs.mkdirSync(path.join(dir, 'c1'));
      fs.mkdirSync(path.join(dir, 'c2'));
      fs.symlinkSync(path.join(dir, 'c2'), path.join(dir, 'c1', 'to2'));
      fs.symlinkSync(path.join(dir, 'c1'), path.join(dir, 'c2', 'to1'));
      fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.py'));
      const files = createNodeFileProvider(dir);
      const t0 = performance.now();
      const r = await scan(files);
      const ms = performance.now() - t0;
      assert.ok(siteFiles(r).includes('a/b/x.py'), siteFiles(r).join(', '));
      assert.ok(files.diagnostics.some((d) => d.code === 'symlink-loop' && d.file === 'a/self'), codes(files.diagnostics));
      assert.ok(files.diagnostics.some((d) => d.code === 'symlink-loop' && d.file === 'a/b/up'), codes(files.diagnostics));
      assert.ok(ms < 20_000, `${ms.toFixed(0)} ms`);
    });

    // A scan worker thread's provider gets the main thread's walk (`listed`): without it, each import candidate a worker
    // looked at cost a realpath and a stat (0.5 s of a worker's time on the bench tree); with it the worker answers as
    // the main thread's provider does.
    it('a provider given another one\'s walk (a scan worker\'s) answers stats and reads as that one does', async () => {
      fs.mkdirSync(path.join(dir, 'src', 'lib'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'outside'));
      fs.writeFileSync(path.join(dir, 'src', 'app.py'), CALL);
      fs.writeFileSync(path.join(dir, 'src', 'lib', 'util.py'), PLAIN);
      fs.writeFileSync(path.join(dir, 'outside', 'secret.py'), PLAIN);
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-out-'));
      try {
        fs.writeFileSync(path.join(out, 'x.py'), PLAIN);
        fs.symlinkSync(out, path.join(dir, 'src', 'away'));
        const main = createNodeFileProvider(dir);
        await scan(main);
        const listed = main.listed();
        assert.ok(listed.folders.some(([d, names, links]) => d === 'src' && names.includes('app.py') && links.includes('away')), JSON.stringify(listed));
        const worker = createNodeFileProvider(dir, { listed: structuredClone(listed) });
        // Written after the walk: both providers go by the walk, which had not seen it (one scan, one view of the tree).
        fs.writeFileSync(path.join(dir, 'src', 'late.py'), PLAIN);
        const probes = ['src/app.py', 'src/lib/util.py', 'src/late.py', 'src/none.py', 'src/lib/none/__init__.py', 'nothing/x.py', 'src/away/x.py'];
        for (const p of probes) assert.deepEqual(worker.statSync(p), main.statSync(p), p);
        assert.equal(worker.statSync('src/late.py'), undefined, 'known missing from the walk');
        assert.equal(await worker.readText('src/app.py'), CALL);
        assert.equal(await worker.readText('src/away/x.py'), undefined, 'a link out of the root stays refused');
        assert.ok(worker.diagnostics.some((d) => d.code === 'symlink-outside-root' && d.file === 'src/away/x.py'), codes(worker.diagnostics));
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    });

    // Regression: a cycle of two links (c1/to2 → c2, c2/to1 → c1) is not a link to an ancestor, so it is followed until
    // the kernel's 40-link limit makes stat() fail with ELOOP; the provider used to treat that like a dangling link,
    // silently. It now reports symlink-loop.
    it('a cycle of two symlinked folders is reported (symlink-loop or too-deep)', async () => {
      fs.mkdirSync(path.join(dir, 'c1'));
      fs.mkdirSync(path.join(dir, 'c2'));
      fs.symlinkSync(path.join(dir, 'c2'), path.join(dir, 'c1', 'to2'));
      fs.symlinkSync(path.join(dir, 'c1'), path.join(dir, 'c2', 'to1'));
      const files = createNodeFileProvider(dir);
      const r = await scan(files);
      assert.ok(hasDiag(r, /too-deep|symlink/) || files.diagnostics.length > 0, `${codes(r.diagnostics)} | ${codes(files.diagnostics)}`);
    });

    it('a 1,000-level deep real tree (as deep as PATH_MAX allows with 1-character names): too-deep diagnostic, shallow file found', async () => {
      let p = dir;
      for (let i = 0; i < 1000; i++) p = path.join(p, 'd');
      fs.mkdirSync(p, { recursive: true });
      fs.writeFileSync(path.join(dir, 'd', 'top.py'), CALL);
      const r = await scan(createNodeFileProvider(dir));
      assert.deepEqual(siteFiles(r), ['d/top.py']);
      assert.ok(hasDiag(r, /too-deep/), codes(r.diagnostics));
    });

    it('non-UTF-8 file names and non-UTF-8 contents: the scan completes; the healthy file is found; the odd name is reported or scanned', async () => {
      fs.writeFileSync(path.join(dir, 'good.py'), CALL);
      // "f\xff\xfe.py": not valid UTF-8; readdir decodes it with U+FFFD, so it cannot be opened by that name again.
      fs.writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x66, 0xff, 0xfe]), Buffer.from('.py')]), CALL);
      fs.writeFileSync(path.join(dir, 'latin1.py'), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${CALL}`)]));
      const files = createNodeFileProvider(dir);
      const r = await scan(files);
      assert.ok(siteFiles(r).includes('good.py'));
      assert.ok(siteFiles(r).includes('latin1.py'), 'invalid UTF-8 bytes in a file must not hide its sites');
      const odd = 'f\uFFFD\uFFFD.py';
      assert.ok(siteFiles(r).includes(odd) || r.diagnostics.some((d) => d.file === odd), `${siteFiles(r).join(', ')} | ${codes(r.diagnostics)}`);
    });

    it('files deleted and changed while the scan runs (real fs): the scan completes', async () => {
      for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, `f${i}.py`), CALL);
      const inner = createNodeFileProvider(dir);
      let reads = 0;
      const files: FileProvider = {
        list: (p) => inner.list(p),
        stat: (p) => inner.stat(p),
        readText: async (p) => {
          // After each read, delete one file and rewrite another further on.
          reads++;
          const victim = path.join(dir, `f${(reads * 7) % 40}.py`);
          if (reads % 2) fs.rmSync(victim, { force: true });
          else fs.writeFileSync(victim, `${PLAIN}${'\u0000'.repeat(reads % 3)}`);
          return inner.readText(p);
        },
      };
      const r = await scan(files, { concurrency: 4 });
      assert.ok(r.sites.length > 0 && r.sites.length <= 40);
      assert.ok(r.diagnostics.every((d) => d.code !== 'internal-error'), codes(r.diagnostics));
    });

    it('permission-denied file and folder with chmod 000 (only when not root: root ignores permissions)', async function () {
      if (process.getuid?.() === 0 || process.platform === 'win32') this.skip();
      fs.mkdirSync(path.join(dir, 'locked'));
      fs.writeFileSync(path.join(dir, 'locked', 'a.py'), CALL);
      fs.writeFileSync(path.join(dir, 'nope.py'), CALL);
      fs.writeFileSync(path.join(dir, 'ok.py'), CALL);
      fs.chmodSync(path.join(dir, 'locked'), 0o000);
      fs.chmodSync(path.join(dir, 'nope.py'), 0o000);
      try {
        const files = createNodeFileProvider(dir);
        const r = await scan(files);
        assert.deepEqual(siteFiles(r), ['ok.py']);
        const all = [...r.diagnostics, ...files.diagnostics];
        assert.ok(all.some((d) => d.file === 'locked'), codes(all));
        assert.ok(all.some((d) => d.file === 'nope.py'), codes(all));
      } finally {
        fs.chmodSync(path.join(dir, 'locked'), 0o755);
        fs.chmodSync(path.join(dir, 'nope.py'), 0o644);
      }
    });
  });

  describe('cancellation', () => {
    /** Measured figures, printed for docs/reliability.md. */
    const measured: string[] = [];
    after(() => console.log(`      cancellation: ${measured.join('; ')}`));

    for (const [label, cancelAfterFiles] of [['after 200 files', 200], ['during the walk (before any file)', 0]] as const) {
      it(`a scan of 20,000 in-memory files stops within 500 ms of cancel (${label}), with a cancelled diagnostic`, async () => {
        const f = new FaultyFiles();
        for (let d = 0; d < 100; d++) for (let i = 0; i < 200; i++) f.add(`pkg${d}/m${i}.py`, `${CALL}# ${d}/${i}\n`);
        const token = { isCancellationRequested: false };
        let cancelledAt = 0;
        const cancel = (): void => {
          if (!token.isCancellationRequested) {
            token.isCancellationRequested = true;
            cancelledAt = performance.now();
          }
        };
        if (cancelAfterFiles === 0) {
          // Cancel while the walk is listing folders.
          let lists = 0;
          f.hook = (op) => {
            if (op === 'list' && ++lists === 20) cancel();
            return undefined;
          };
        }
        const engine = createEngine({ files: f, loadWasm });
        const r = await scan(f, { token: token as CancellationToken, onProgress: (done) => done >= cancelAfterFiles && cancelAfterFiles > 0 && cancel() }, engine);
        const stopMs = performance.now() - cancelledAt;
        assert.ok(cancelledAt > 0, 'the cancel never fired');
        measured.push(`${label}: stopped ${stopMs.toFixed(1)} ms after cancel, ${r.sites.length} sites kept`);
        assert.ok(stopMs < 500, `the scan ran ${stopMs.toFixed(0)} ms after cancel`);
        assert.ok(hasDiag(r, /^cancelled$/), codes(r.diagnostics));
        assert.ok(r.sites.length < 20_000);
      });
    }
  });
});
