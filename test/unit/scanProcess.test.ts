/**
 * src/node/scanProcess.ts with stand-in children (small Node scripts that speak the worker's protocol), so each way a
 * child can end is met for real: it never answers, it fails before it is ready, it dies part-way, it finishes.
 * (The real child, dist/scanChild.js, is tested in the extension host: test/integration/scanProcess.test.ts.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultSettings } from '../../src/core/config/settings';
import { nullLogger } from '../../src/core/logger';
import { scanInProcess, type ScannedFile } from '../../src/node/scanProcess';

const setup = { root: os.tmpdir(), distDir: os.tmpdir(), settings: defaultSettings, trusted: false, include: [], exclude: [], maxFileBytes: 1, rootLabel: 'x' };

describe('scan process: how a child can end', function () {
  this.timeout(30_000);
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-child-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Writes a stand-in child whose body runs on the host's `start` message (`m` is the message). */
  const child = (onStart: string): string => {
    const file = path.join(dir, 'child.js');
    fs.writeFileSync(file, `process.on('message', (m) => { if (m.type !== 'start') return; ${onStart} });\n`);
    return file;
  };

  it('a child that never says it is ready is given up after the start timeout, as not started, and killed', async () => {
    const pidFile = path.join(dir, 'pid');
    const entry = child(`require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`);
    const t0 = Date.now();
    const r = await scanInProcess(entry, setup, { onFiles: () => undefined, logger: nullLogger }, { startTimeoutMs: 1500 });
    assert.deepEqual(r.kind === 'failed' && { started: r.started, timeout: /did not start/.test(r.message) }, { started: false, timeout: true });
    assert.ok(Date.now() - t0 >= 1400);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    // Killed: signal 0 probes whether the process still exists.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.throws(() => process.kill(pid, 0), /ESRCH/);
  });

  it('a failure before `ready` (the engine bundle does not load) is a failure to start', async () => {
    const r = await scanInProcess(child(`process.send({ type: 'failed', message: 'Cannot find module engine.js' });`), setup, { onFiles: () => undefined, logger: nullLogger });
    assert.equal(r.kind, 'failed');
    assert.equal(r.kind === 'failed' && r.started, false);
  });

  it('a child that dies part-way keeps what it sent, and says it had started', async () => {
    const got: ScannedFile[] = [];
    const entry = child(`process.send({ type: 'ready' }); process.send({ type: 'files', files: [{ file: 'a.py', estimates: [], diagnostics: [] }], empty: 2 }, () => process.exit(7));`);
    const r = await scanInProcess(entry, setup, { onFiles: (f) => got.push(...f), logger: nullLogger });
    assert.equal(r.kind === 'failed' && r.started, true);
    assert.match(r.kind === 'failed' ? r.message : '', /code 7/);
    assert.deepEqual(got.map((f) => f.file), ['a.py']);
  });

  it('a finished child reports the scan\'s own file count and is ended by the host', async () => {
    const entry = child(`process.send({ type: 'ready' }); process.send({ type: 'progress', done: 3, total: 3 }); process.send({ type: 'done', sites: 0, files: 3, cancelled: false }); setInterval(() => {}, 1000);`);
    const progress: number[] = [];
    const r = await scanInProcess(entry, setup, { onFiles: () => undefined, onProgress: (d) => progress.push(d), logger: nullLogger });
    assert.deepEqual(r, { kind: 'done', sites: 0, files: 3, cancelled: false });
    assert.deepEqual(progress, [3]);
  });

  it('a child that ignores a cancel is killed after the grace period, and the scan counts as cancelled', async () => {
    // This child ignores `cancel`: only the kill ends it.
    const entry = child(`process.send({ type: 'ready' }); setInterval(() => {}, 1000);`);
    let listener: (() => void) | undefined;
    const pending = scanInProcess(entry, setup, { onFiles: () => undefined, logger: nullLogger, onCancel: (l) => ((listener = l), { dispose: () => undefined }) });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const t0 = Date.now();
    listener?.();
    const r = await pending;
    assert.equal(r.kind === 'done' && r.cancelled, true, JSON.stringify(r));
    assert.ok(Date.now() - t0 >= 1900, 'killed after the 2 s grace');
  });
});
