// Editor-side benchmark figures (issue 9), measured inside the real extension host. Not a correctness test:
// it only runs when TOKENTIER_BENCH=1 (bench/editor.mjs sets it; the normal integration run shows it as pending)
// and writes its figures as JSON to TOKENTIER_BENCH_OUT (and to the log, prefixed `TOKENTIER_BENCH `).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { bigPython } from '../shared/generators.mjs';
import { EXTENSION_ID, codeLenses, demoUri, waitFor } from './helpers';

/** The part of the extension's exports (activate()'s return value) this benchmark reads. */
interface BenchApi {
  readonly cache: {
    refresh(doc: vscode.TextDocument): Promise<{ readonly ms: number; readonly estimates: readonly unknown[] } | undefined>;
  };
}

const enabled = process.env.TOKENTIER_BENCH === '1';
const EDITS = Number(process.env.TOKENTIER_BENCH_EDITS ?? '1000');

function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;

/** A full garbage collection (the host does not expose `gc`: the flag is set at run time; benchmark only). */
function collect(): void {
  try {
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
  } catch {
    // Figures as measured.
  }
}

/** Anonymous and file-backed resident memory from /proc (MB), where it can be read. */
function rssKinds(): { rssAnonMb?: number; rssFileMb?: number } {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssAnonMb: Math.round(kb('RssAnon') / 102.4) / 10, rssFileMb: Math.round(kb('RssFile') / 102.4) / 10 };
  } catch {
    return {};
  }
}

/**
 * The host's anonymous resident memory by kind of mapping, from /proc/self/smaps (MB): where native memory that is
 * neither JS heap nor `external` sits. Kinds: `[heap]` (the C library's main malloc arena), 64 MiB-aligned regions of
 * at most 64 MiB (the C library's per-thread malloc arenas), executable mappings (JIT code: JavaScript and
 * WebAssembly), reservations of 1 GiB or more (WebAssembly linear memories and their guard regions), V8's 256 KiB
 * pages, and the rest.
 */
function smapsKinds(): Record<string, number> {
  const out: Record<string, number> = { brkHeap: 0, mallocArenas: 0, jitCode: 0, bigReservations: 0, v8Pages: 0, otherAnon: 0 };
  try {
    const text = fs.readFileSync('/proc/self/smaps', 'utf8');
    let kind: string | undefined;
    for (const line of text.split('\n')) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
      if (head) {
        const start = BigInt(`0x${head[1]}`);
        const size = BigInt(`0x${head[2]}`) - start;
        const [perms, inode, name] = [head[3] as string, head[4], (head[5] ?? '').trim()];
        if (name === '[heap]') kind = 'brkHeap';
        else if (inode !== '0' || (name && !name.startsWith('['))) kind = undefined;
        else if (perms.includes('x')) kind = 'jitCode';
        else if (size >= 1n << 30n) kind = 'bigReservations';
        else if (start % (64n << 20n) === 0n && size <= 64n << 20n) kind = 'mallocArenas';
        else if (start % (256n << 10n) === 0n && size % (256n << 10n) === 0n) kind = 'v8Pages';
        else kind = 'otherAnon';
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss && kind) out[kind] = (out[kind] ?? 0) + Number(rss[1]) / 1024;
    }
  } catch {
    return {};
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}

/**
 * Where the host's memory is (issue 23: is growth JS heap, WebAssembly memory or native buffers?): RSS, V8 heap used and
 * committed, `external` (WebAssembly linear memory and buffers), array buffers, anonymous/file-backed RSS.
 */
function memorySample(edits: number): Record<string, number | undefined> {
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  return { edits, rssMb: mb(m.rss), heapMb: mb(m.heapUsed), heapCommittedMb: mb(h.total_heap_size), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers), mallocedMb: mb(h.malloced_memory), ...rssKinds(), ...smapsKinds() };
}

/** The extension's own "activated in N ms" log line, from the newest Tokentier output log under the temp folder. */
function loggedActivationMs(): number | undefined {
  const found: { file: string; mtime: number }[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (/tokentier/i.test(e.name) && e.name.endsWith('.log')) found.push({ file: p, mtime: fs.statSync(p).mtimeMs });
    }
  };
  for (const d of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('tokentier-cs-'))) walk(path.join(os.tmpdir(), d), 0);
  for (const { file } of found.sort((a, b) => b.mtime - a.mtime)) {
    const m = /activated in (\d+) ms/.exec(fs.readFileSync(file, 'utf8'));
    if (m) return Number(m[1]);
  }
  return undefined;
}

(enabled ? describe : describe.skip)('editor benchmark (TOKENTIER_BENCH=1)', function () {
  this.timeout(900_000);
  const results: Record<string, unknown> = {};

  after(() => {
    const json = JSON.stringify(results);
    console.log(`TOKENTIER_BENCH ${json}`);
    const out = process.env.TOKENTIER_BENCH_OUT;
    if (out) fs.writeFileSync(out, json);
  });

  it('activation: activate() as logged, and the time to load the activation bundle', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    results.memBeforeActivationMb = mb(process.memoryUsage().rss);
    results.alreadyActive = ext.isActive;
    const t0 = performance.now();
    await ext.activate();
    results.activateCallMs = performance.now() - t0;
    results.activateLoggedMs = await waitFor(() => loggedActivationMs(), (v) => v !== undefined, 'the activation log line', 10_000).catch(() => null);
    // A fresh copy of dist/extension.js, so the module cache does not hide the load (parse + top-level code).
    const bundle = path.join(ext.extensionPath, 'dist', 'extension.js');
    const copy = path.join(ext.extensionPath, 'dist', `.bench-load-${process.pid}.js`);
    fs.copyFileSync(bundle, copy);
    try {
      const t1 = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(copy);
      results.bundleLoadMs = performance.now() - t1;
    } finally {
      fs.rmSync(copy, { force: true });
    }
    results.bundleBytes = fs.statSync(bundle).size;
  });

  it('time from opening a file to its first hints (CodeLens)', async () => {
    const uri = demoUri('perf_first_open.py');
    fs.writeFileSync(uri.fsPath, fs.readFileSync(demoUri('app.py').fsPath, 'utf8'));
    const t0 = performance.now();
    const doc = await vscode.workspace.openTextDocument(uri);
    const opened = performance.now();
    await vscode.window.showTextDocument(doc);
    const shown = performance.now();
    // The first request for lenses (as the editor makes it) runs the first analysis; later polls are cached.
    const first = await codeLenses(doc.uri);
    const firstAsked = performance.now();
    const lenses = first.length ? first : await waitFor(() => codeLenses(doc.uri), (l) => l.length > 0, 'lenses on the new file', 30_000);
    results.openToFirstHintsMs = performance.now() - t0;
    results.firstHintsLenses = lenses.length;
    // Where the time goes: the workbench opening and showing the document, then our first analysis (engine bundle,
    // grammar and tokenizer tables load here when the workspace scan ran in its own process).
    results.openToFirstHintsParts = { openDocumentMs: Math.round(opened - t0), showDocumentMs: Math.round(shown - opened), firstLensRequestMs: Math.round(firstAsked - shown), lensesOnFirstRequest: first.length };
  });

  it('keystroke to hints in a 5,000-line file: core work per edit (no debounce), p50/p95', async () => {
    const api = vscode.extensions.getExtension(EXTENSION_ID)?.exports as BenchApi | undefined;
    assert.ok(api?.cache, 'the extension exports its analysis cache');
    const uri = demoUri('perf_big.py');
    fs.writeFileSync(uri.fsPath, bigPython(5000));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const first = await api.cache.refresh(doc);
    results.bigFileSites = first?.estimates.length ?? 0;
    // Memory every EDITS/20 edits (at least 250): growth that does not level off is a leak, a one-time step is the
    // engine loading. As the host runs (no forced GC), plus a collected sample at the start, halfway and the end.
    const every = Math.max(250, Math.round(EDITS / 20));
    const memory: Record<string, number | undefined>[] = [memorySample(0)];
    collect();
    const collected: Record<string, number | undefined>[] = [memorySample(0)];
    results.bigFileFirstMs = first?.ms ?? null;
    // Edits inside helper bodies (`total = x + y * N`): realistic typing that keeps the file valid.
    const helperLines: number[] = [];
    doc.getText().split('\n').forEach((l, i) => l.startsWith('    total = x + y * ') && helperLines.push(i));
    const core: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const line = helperLines[(i * 37) % helperLines.length] as number;
      const col = doc.lineAt(line).text.length;
      const t0 = performance.now();
      await editor.edit((b) => b.insert(new vscode.Position(line, col), String(i % 10)), { undoStopBefore: false, undoStopAfter: false });
      const entry = await api.cache.refresh(doc);
      wall.push(performance.now() - t0);
      if (entry) core.push(entry.ms);
      if ((i + 1) % every === 0) memory.push(memorySample(i + 1));
      if (i + 1 === Math.floor(EDITS / 2) || i + 1 === EDITS) {
        collect();
        collected.push(memorySample(i + 1));
      }
    }
    results.memoryDuringEdits = memory;
    results.memoryCollected = collected;
    results.edits = EDITS;
    results.keystrokeCoreP50Ms = pct(core, 50);
    results.keystrokeCoreP95Ms = pct(core, 95);
    results.keystrokeEditPlusCoreP50Ms = pct(wall, 50);
    results.keystrokeEditPlusCoreP95Ms = pct(wall, 95);
    results.memAfterEditsMb = mb(process.memoryUsage().rss);
    results.heapAfterEditsMb = mb(process.memoryUsage().heapUsed);
  });

  it('memory after a workspace scan', async () => {
    const t0 = performance.now();
    await vscode.commands.executeCommand('tokentier.rescanWorkspace');
    results.workspaceScanMs = performance.now() - t0;
    results.workspaceFiles = (await vscode.workspace.findFiles('**/*.{py,ts,js,ipynb}', '**/node_modules/**')).length;
    results.memAfterScanMb = mb(process.memoryUsage().rss);
    results.heapAfterScanMb = mb(process.memoryUsage().heapUsed);
  });
});
