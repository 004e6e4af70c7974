// The workspace scan of a local folder runs in a child process (src/node/scanProcess.ts): the same results as the
// scan in the extension host, cancellable, and a child that cannot run falls back to the host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { defaultSettings } from '../../src/core/config/settings';
import { nullLogger } from '../../src/core/logger';
import type { SiteEstimate } from '../../src/core/types';
import { scanInProcess } from '../../src/node/scanProcess';
import type { TokentierApi } from '../../src/vscode/extension';
import { activateExtension, EXTENSION_ID, waitFor } from './helpers';

async function api(): Promise<TokentierApi> {
  return (await activateExtension()).exports as TokentierApi;
}

/** Every estimate (site, tokens, usage, cost with provenance), in a stable order. */
function essence(estimates: readonly SiteEstimate[]): SiteEstimate[] {
  return [...estimates].sort((a, b) => (a.site.id < b.site.id ? -1 : a.site.id > b.site.id ? 1 : 0));
}

/** Runs `body` with the model's scan child started from `entry()` (asked at each scan) instead of dist/scanChild.js. */
async function withScanChild<T>(a: TokentierApi, entry: () => string, body: () => Promise<T>): Promise<T> {
  // The desktop platform (src/vscode/desktop/platform.ts) asks `scanChildPath` at each scan.
  const platform = (a.model as unknown as { platform: { scanChildPath(): string } }).platform;
  const real = platform.scanChildPath;
  platform.scanChildPath = entry;
  try {
    return await body();
  } finally {
    platform.scanChildPath = real;
  }
}

function distDir(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  return path.join(ext.extensionUri.fsPath, 'dist');
}

describe('workspace scan in a child process', function () {
  this.timeout(120_000);

  it('finds the same sites, estimates and file count as the scan in the extension host', async () => {
    const a = await api();
    await a.model.rescan(false);
    await a.model.idle();
    assert.equal(a.model.lastScan?.mode, 'process', JSON.stringify(a.model.lastScan));
    const threaded = essence(a.model.estimates());
    const threadedFiles = (await a.model.report()).stats.filesScanned;
    assert.ok(threaded.length > 5, `only ${threaded.length} sites`);
    a.model.processScans = false;
    try {
      await a.model.rescan(false);
      await a.model.idle();
      assert.equal(a.model.lastScan?.mode, 'host');
    } finally {
      a.model.processScans = true;
    }
    assert.deepEqual(threaded, essence(a.model.estimates()));
    assert.equal(threadedFiles, (await a.model.report()).stats.filesScanned);
  });

  it('stops soon after a cancel, keeping what it sent', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-cancel-'));
    const total = 2_000;
    try {
      for (let i = 0; i < total; i++) {
        const dir = path.join(root, `pkg${i % 20}`);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `call${i}.py`), `from openai import OpenAI\n\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "question ${i}"}], max_tokens=${100 + i})\n`);
      }
      let cancelled = false;
      let listener: (() => void) | undefined;
      const received = new Set<string>();
      const result = await scanInProcess(
        path.join(distDir(), 'scanChild.js'),
        { root, distDir: distDir(), settings: defaultSettings, trusted: false, include: [], exclude: [], maxFileBytes: defaultSettings.maxFileSize, rootLabel: 'cancel' },
        {
          onFiles: (files) => files.forEach((f) => received.add(f.file)),
          // Cancel as soon as the walk is done and the first file is about to be analysed.
          onProgress: () => {
            if (!cancelled) {
              cancelled = true;
              listener?.();
            }
          },
          onCancel: (l) => ((listener = l), { dispose: () => (listener = undefined) }),
          isCancelled: () => cancelled,
          logger: nullLogger,
        },
      );
      assert.equal(result.kind, 'done', JSON.stringify(result));
      assert.ok(result.kind === 'done' && result.cancelled, JSON.stringify(result));
      assert.ok(received.size < total / 2, `${received.size} of ${total} files were analysed after the cancel`);
      assert.equal(result.files >= received.size, true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps what a child sent before it died part-way, marks the folder as not fully scanned, and does not rescan in the host', async () => {
    // A stand-in child: it sends one file's results, then exits as an out-of-memory child would.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-dying-'));
    const fake = path.join(dir, 'dying.js');
    fs.writeFileSync(
      fake,
      "process.on('message', (m) => { if (m.type !== 'start') return; process.send({ type: 'ready' }); process.send({ type: 'files', files: [{ file: 'partial.py', estimates: [], diagnostics: [{ severity: 'warning', code: 'x', message: 'from the child', file: 'partial.py' }] }], empty: 4 }, () => process.exit(7)); });\n",
    );
    const a = await api();
    try {
      await withScanChild(a, () => fake, async () => {
        await a.model.rescan(false);
        await a.model.idle();
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(a.model.lastScan?.mode, 'process');
    assert.match(a.model.lastScan?.stopped ?? '', /code 7/);
    const state = a.model.states()[0]!;
    assert.equal(state.scanned, false);
    assert.equal(state.filesScanned, 1, 'the files with results it sent');
    assert.equal(state.files.get('partial.py')?.diagnostics[0]?.message, 'from the child');
    // A normal scan afterwards replaces the partial state.
    await a.model.rescan(false);
    await a.model.idle();
    assert.equal(a.model.states()[0]?.scanned, true);
    assert.ok(a.model.estimates().length > 5);
  });

  it('a first scan shows sites as they arrive; a rescan keeps the last full results until it is done', async () => {
    const a = await api();
    await a.model.rescan(false);
    await a.model.idle();
    // Open documents' results are merged into the folder's state from the editor's own analyses (they may be
    // unsaved): the stand-in children report a real estimate under file names no editor has open, so what the model
    // shows of them comes from the scans only.
    const real0 = a.model.estimates()[0];
    assert.ok(real0);
    const renamed = (file: string): SiteEstimate => ({ ...real0, site: { ...real0.site, file, id: `${file}#1:${real0.site.method}` } });
    const [one, two] = [renamed('zz_stream_one.py'), renamed('zz_stream_two.py')];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-stream-'));
    // A stand-in child: one file's results, a pause (a long scan), then the end.
    const slowChild = (e: SiteEstimate): string => {
      const file = path.join(dir, `child-${e.site.id.replace(/\W/g, '_')}.js`);
      const batch = { type: 'files', files: [{ file: e.site.file, estimates: [e], diagnostics: [] }], empty: 0 };
      fs.writeFileSync(file, `process.on('message', (m) => { if (m.type !== 'start') return; process.send({ type: 'ready' }); process.send(${JSON.stringify(batch)}); setTimeout(() => process.send({ type: 'done', sites: 1, files: 1, cancelled: false }), 2500); });\n`);
      return file;
    };
    const ids = () => a.model.estimates().map((e) => e.site.id);
    let child = slowChild(one);
    try {
      await withScanChild(a, () => child, async () => {
        // First scan of the folder: forget it, then scan with the slow child.
        (a.model as unknown as { folders: Map<string, unknown> }).folders.clear();
        const first = a.model.rescan(false);
        await waitFor(() => ({ scanning: a.model.scanning, ids: ids() }), (v) => v.scanning && v.ids.includes(one.site.id), 'the first site while the scan runs', 2000);
        assert.ok(a.tree.sites().some((x) => x.estimate.site.id === one.site.id), 'the tree shows it too');
        await first;
        // A rescan: the last results stay until the new scan is done.
        child = slowChild(two);
        const second = a.model.rescan(false);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        assert.equal(a.model.scanning, true);
        assert.deepEqual([ids().includes(one.site.id), ids().includes(two.site.id)], [true, false], 'the previous results while rescanning');
        await second;
        assert.deepEqual([ids().includes(one.site.id), ids().includes(two.site.id)], [false, true], 'the new results once done');
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await a.model.rescan(false);
    await a.model.idle();
    assert.ok(a.model.estimates().length > 5);
  });

  it('a superseded scan whose child is still stopping when the newer scan ends does not replace the newer results', async () => {
    const a = await api();
    await a.model.rescan(false);
    await a.model.idle();
    const real0 = a.model.estimates()[0];
    assert.ok(real0);
    const renamed = (file: string): SiteEstimate => ({ ...real0, site: { ...real0.site, file, id: `${file}#1:${real0.site.method}` } });
    const [stale, fresh] = [renamed('zz_superseded_stale.py'), renamed('zz_superseded_fresh.py')];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-superseded-'));
    const batch = (e: SiteEstimate) => JSON.stringify({ type: 'files', files: [{ file: e.site.file, estimates: [e], diagnostics: [] }], empty: 0 });
    // The older child sends one file and then ignores the cancel, so it ends only when it is killed (2 s after the
    // cancel); the newer one finishes at once, well before that.
    const slow = path.join(dir, 'slow.js');
    fs.writeFileSync(slow, `process.on('message', (m) => { if (m.type !== 'start') return; process.send({ type: 'ready' }); process.send(${batch(stale)}); });\n`);
    const quick = path.join(dir, 'quick.js');
    fs.writeFileSync(quick, `process.on('message', (m) => { if (m.type !== 'start') return; process.send({ type: 'ready' }); process.send(${batch(fresh)}, () => process.send({ type: 'done', sites: 1, files: 1, cancelled: false })); });\n`);
    const ids = () => a.model.estimates().map((e) => e.site.id);
    let child = slow;
    try {
      await withScanChild(a, () => child, async () => {
        const older = a.model.rescan(false);
        // The older child is running (it sent its file; a rescan keeps the last full results until it ends).
        await new Promise((resolve) => setTimeout(resolve, 1000));
        child = quick;
        await a.model.rescan(false);
        assert.deepEqual([ids().includes(stale.site.id), ids().includes(fresh.site.id)], [false, true], 'the newer scan\'s results');
        await older;
        assert.deepEqual([ids().includes(stale.site.id), ids().includes(fresh.site.id)], [false, true], 'still the newer scan\'s results after the older child ended');
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await a.model.rescan(false);
    await a.model.idle();
    assert.ok(a.model.estimates().length > 5);
  });

  it('reports a child that cannot start as failed, and the model then scans in the host', async () => {
    const missing = await scanInProcess(
      path.join(distDir(), 'no-such-worker.js'),
      { root: '/nonexistent', distDir: distDir(), settings: defaultSettings, trusted: false, include: [], exclude: [], maxFileBytes: 1, rootLabel: 'x' },
      { onFiles: () => undefined, logger: nullLogger },
    );
    assert.equal(missing.kind, 'failed');
    const a = await api();
    await withScanChild(a, () => path.join(distDir(), 'no-such-worker.js'), async () => {
      await a.model.rescan(false);
      await a.model.idle();
    });
    assert.equal(a.model.lastScan?.mode, 'host');
    assert.ok(a.model.lastScan?.fallback, 'the fallback reason is recorded');
    assert.ok(a.model.estimates().length > 5);
  });
});
