// Editor-side figures from the real extension host (issue 9): runs test/integration/perf.bench.test.ts inside
// code-server through the integration harness (test/harness/README.md) with TOKENTIER_BENCH=1, then adds the
// bundle sizes and prints a table. Results: bench/results/editor-<stamp>.{json,md} and editor-latest.md.
//
//   node bench/editor.mjs [--edits 1000] [--workspace bench/work/tree]
//
// With --workspace, a second code-server opens that folder (build it with `node bench/makeTree.mjs`) and
// test/integration/perf.workspace.bench.test.ts measures the idle extension host, a full workspace scan and the
// memory above idle after it.
//
// The production bundles are measured (minified, as shipped): the dev build compiles the integration tests,
// then the production build replaces dist/, and the harness runs with --no-build.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const node = process.execPath;
const log = (...a) => console.error('[bench:editor]', ...a);
const fmt = (n, d = 0) => (typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : n === undefined || n === null ? 'n/a' : String(n));

log('building: dev (compiles the integration tests), then production (the shipped bundles)');
execFileSync(node, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
execFileSync(node, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });

const out = path.join(os.tmpdir(), `tokentier-editor-bench-${process.pid}.json`);
fs.rmSync(out, { force: true });
log('running test/integration/perf.bench.test.ts in code-server');
const r = spawnSync(node, ['test/harness/runIntegration.mjs', 'perf.bench', '--no-build', '--timeout', '1500'], {
  cwd: root,
  env: { ...process.env, TOKENTIER_BENCH: '1', TOKENTIER_BENCH_OUT: out, TOKENTIER_BENCH_EDITS: opt('edits', '1000') },
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
let figures = {};
if (fs.existsSync(out)) figures = JSON.parse(fs.readFileSync(out, 'utf8'));
else {
  const line = (r.stdout ?? '').split('\n').find((l) => l.includes('TOKENTIER_BENCH {'));
  if (line) figures = JSON.parse(line.slice(line.indexOf('{')));
}
const harnessTail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');

// The large workspace (optional): its own code-server on the generated tree.
const workspaceDir = opt('workspace', undefined);
let big = {};
let bigStatus;
if (workspaceDir) {
  const bigOut = path.join(os.tmpdir(), `tokentier-editor-bench-ws-${process.pid}.json`);
  fs.rmSync(bigOut, { force: true });
  log(`running test/integration/perf.workspace.bench.test.ts in code-server on ${workspaceDir}`);
  const rb = spawnSync(node, ['test/harness/runIntegration.mjs', 'perf.workspace.bench', '--no-build', '--timeout', '1800'], {
    cwd: root,
    env: { ...process.env, TOKENTIER_BENCH: '1', TOKENTIER_BENCH_OUT: bigOut, TOKENTIER_BENCH_WORKSPACE: path.resolve(workspaceDir) },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  bigStatus = rb.status;
  if (fs.existsSync(bigOut)) big = JSON.parse(fs.readFileSync(bigOut, 'utf8'));
  fs.rmSync(bigOut, { force: true });
}

const size = (p) => (fs.existsSync(path.join(root, p)) ? fs.statSync(path.join(root, p)).size : undefined);
const vsix = fs.readdirSync(root).filter((f) => f.endsWith('.vsix')).sort().pop();
const sizes = {
  'dist/extension.js (loaded at activation)': size('dist/extension.js'),
  'dist/engine.js (loaded on first analysis)': size('dist/engine.js'),
  'dist/web/extension.js (the web worker host\'s `browser` entry, loaded at activation)': size('dist/web/extension.js'),
  'dist/web/engine.js (the web worker host\'s engine, read through vscode.workspace.fs on first analysis)': size('dist/web/engine.js'),
  'dist/scanChild.js (the workspace scan\'s child process; requires dist/engine.js)': size('dist/scanChild.js'),
  'dist/cli.js': size('dist/cli.js'),
  'dist/grammars/*.wasm': fs.existsSync(path.join(root, 'dist/grammars')) ? fs.readdirSync(path.join(root, 'dist/grammars')).reduce((n, f) => n + fs.statSync(path.join(root, 'dist/grammars', f)).size, 0) : undefined,
  [vsix ? `${vsix}` : '*.vsix (not built: run `npx vsce package`)']: vsix ? size(vsix) : undefined,
};

const lines = [`# Tokentier editor benchmark — ${new Date().toISOString()}`, ''];
lines.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}; code-server extension host (harness exit ${r.status}).`, '');
lines.push('| measurement | value |', '|---|---:|');
const rows = [
  ['activate() as logged by the extension (ms)', figures.activateLoggedMs],
  ['ext.activate() awaited by the test (ms; 0-ish when already active)', figures.activateCallMs],
  ['extension already active when the benchmark started', figures.alreadyActive],
  ['dist/extension.js load: require of a fresh copy (ms)', figures.bundleLoadMs],
  ['open a file → first CodeLens (ms)', figures.openToFirstHintsMs],
  ['  of which: openTextDocument / showTextDocument / the first lens request, incl. loading the engine (ms)', figures.openToFirstHintsParts ? `${figures.openToFirstHintsParts.openDocumentMs} / ${figures.openToFirstHintsParts.showDocumentMs} / ${figures.openToFirstHintsParts.firstLensRequestMs}` : undefined],
  ['5,000-line file: first analysis (ms)', figures.bigFileFirstMs],
  [`keystroke → hints, core work p50 (ms, ${figures.edits ?? '?'} edits, no debounce)`, figures.keystrokeCoreP50Ms],
  ['keystroke → hints, core work p95 (ms)', figures.keystrokeCoreP95Ms],
  ['keystroke → hints, edit round trip + core p50 (ms)', figures.keystrokeEditPlusCoreP50Ms],
  ['keystroke → hints, edit round trip + core p95 (ms)', figures.keystrokeEditPlusCoreP95Ms],
  ['extension host RSS at benchmark start (MB)', figures.memBeforeActivationMb],
  [`extension host RSS after ${fmt(figures.edits ?? 1000)} edits (MB)`, figures.memAfterEditsMb],
  [`extension host heap after ${fmt(figures.edits ?? 1000)} edits (MB)`, figures.heapAfterEditsMb],
  [`workspace rescan (ms; ${figures.workspaceFiles ?? '?'} source files, the demo workspace)`, figures.workspaceScanMs],
  ['extension host RSS after the workspace scan (MB)', figures.memAfterScanMb],
];
if (workspaceDir) {
  rows.push(
    [`large workspace (${workspaceDir}): extension active before the test`, big.activeBeforeTest],
    ['large workspace: idle extension host RSS, Tokentier not active (MB)', big.idleHostRssMb],
    [`large workspace: first full scan (ms; ${big.sites ?? '?'} sites)`, big.scanMs],
    ['large workspace: where the scan ran (child process, or the extension host when the child failed)', big.scanMode ? `${big.scanMode.mode}${big.scanMode.fallback ? ` (fallback: ${big.scanMode.fallback})` : ''}` : undefined],
    ['large workspace: extension host event loop, gap between 5 ms timer ticks p99 / max during the first scan (ms)', big.eventLoopGapFirstScan ? `${big.eventLoopGapFirstScan.p99} / ${big.eventLoopGapFirstScan.max}` : undefined],
    ['large workspace: the same during the second scan (ms)', big.eventLoopGapSecondScan ? `${big.eventLoopGapSecondScan.p99} / ${big.eventLoopGapSecondScan.max}` : undefined],
    ['large workspace: ripgrep used by the workspace scan', big.ripgrep ?? 'none found'],
    ['large workspace: RSS after the first scan (MB)', big.afterScanRssMb],
    ['large workspace: second scan (ms)', big.secondScanMs],
    ['large workspace: RSS after the second scan (MB)', big.afterSecondScanRssMb],
    ['large workspace: JS heap / external (WebAssembly, buffers) after the second scan (MB)', big.afterSecondScanHeapMb !== undefined ? `${fmt(big.afterSecondScanHeapMb, 1)} / ${fmt(big.afterSecondScanExternalMb, 1)}` : undefined],
    ['large workspace: folder URI scheme in the extension host', big.folderScheme],
    ['large workspace: RSS above the idle host after the scans (MB; target ≤ 150)', big.aboveIdleMb],
    ['large workspace: the same after 15 s idle (MB)', big.aboveIdleAfter15sMb],
    ['large workspace: anonymous / file-backed RSS idle → after 15 s idle (MB)', big.idleMemory?.rssAnon !== undefined && big.after15sIdleMemory ? `${fmt(big.idleMemory.rssAnon, 1)} / ${fmt(big.idleMemory.rssFile, 1)} → ${fmt(big.after15sIdleMemory.rssAnon, 1)} / ${fmt(big.after15sIdleMemory.rssFile, 1)}` : undefined],
    ['large workspace: V8 new space committed idle → after 15 s idle (MB; grows under allocation, used ≈ 0 after a GC)', big.idleMemory?.spaces && big.after15sIdleMemory?.spaces ? `${big.idleMemory.spaces.new_space} → ${big.after15sIdleMemory.spaces.new_space} (committed/used)` : undefined],
    ['large workspace: V8 heap committed / used after 15 s idle (MB)', big.after15sIdleMemory ? `${fmt(big.after15sIdleMemory.heapCommitted, 1)} / ${fmt(big.after15sIdleMemory.heapUsed, 1)}` : undefined],
    ['large workspace: V8 heap committed / used after the second scan (MB; idle host: committed / used)', big.afterSecondScanMemory && big.idleMemory ? `${fmt(big.afterSecondScanMemory.heapCommitted, 1)} / ${fmt(big.afterSecondScanMemory.heapUsed, 1)} (idle ${fmt(big.idleMemory.heapCommitted, 1)} / ${fmt(big.idleMemory.heapUsed, 1)})` : undefined],
  );
}
for (const [k, v] of rows) lines.push(`| ${k} | ${typeof v === 'number' ? fmt(v, 1) : fmt(v)} |`);
const memoryRows = (title, samples) => {
  lines.push('', title, '', '| edits | RSS MB | JS heap used / committed MB | external (WebAssembly, buffers) MB | array buffers MB | V8 malloced MB | anonymous / file-backed RSS MB |', '|---:|---:|---:|---:|---:|---:|---:|');
  for (const m of samples) lines.push(`| ${fmt(m.edits)} | ${fmt(m.rssMb, 1)} | ${fmt(m.heapMb, 1)} / ${fmt(m.heapCommittedMb, 1)} | ${fmt(m.externalMb, 1)} | ${fmt(m.arrayBuffersMb, 1)} | ${fmt(m.mallocedMb, 1)} | ${fmt(m.rssAnonMb, 1)} / ${fmt(m.rssFileMb, 1)} |`);
  if (samples.some((m) => m.mallocArenas !== undefined)) {
    lines.push('', 'Anonymous RSS by mapping (/proc/self/smaps, MB): the C library\'s malloc (main arena `[heap]`, per-thread 64 MiB arenas), JIT code (JavaScript and WebAssembly), reservations ≥ 1 GiB (WebAssembly memories), V8\'s 256 KiB pages, other:', '', '| edits | [heap] | malloc arenas | JIT code | ≥ 1 GiB reservations | V8 pages | other |', '|---:|---:|---:|---:|---:|---:|---:|');
    for (const m of samples) lines.push(`| ${fmt(m.edits)} | ${fmt(m.brkHeap, 1)} | ${fmt(m.mallocArenas, 1)} | ${fmt(m.jitCode, 1)} | ${fmt(m.bigReservations, 1)} | ${fmt(m.v8Pages, 1)} | ${fmt(m.otherAnon, 1)} |`);
  }
};
if (Array.isArray(figures.memoryDuringEdits)) memoryRows('Extension host memory during the edits, as the host runs (0 edits = after the 5,000-line file\'s first analysis):', figures.memoryDuringEdits);
if (Array.isArray(figures.memoryCollected)) memoryRows('The same after a full garbage collection (start, halfway, end):', figures.memoryCollected);
const series = figures.memoryDuringEdits ?? [];
const at = (n) => series.find((m) => m.edits === n);
const half = at(Math.floor((figures.edits ?? 0) / 2)) ?? series[Math.floor(series.length / 2)];
const end = series.at(-1);
if (series.length > 2 && half && end) {
  lines.push('', `RSS above the first analysis after ${fmt(end.edits)} edits: **${fmt(end.rssMb - series[0].rssMb, 1)} MB** (target ≤ +150); from ${fmt(half.edits)} to ${fmt(end.edits)} edits: **${end.rssMb - half.rssMb >= 0 ? '+' : ''}${fmt(end.rssMb - half.rssMb, 1)} MB** (target: flat); the largest sample: ${fmt(Math.max(...series.map((m) => m.rssMb)) - series[0].rssMb, 1)} MB above it.`);
}
lines.push('', '| bundle | bytes |', '|---|---:|');
for (const [k, v] of Object.entries(sizes)) lines.push(`| ${k} | ${fmt(v)} |`);
if (!Object.keys(figures).length) lines.push('', 'The harness produced no figures. Its last lines:', '', '```', harnessTail, '```');
const md = lines.join('\n') + '\n';
console.log(md);
const resDir = path.join(root, 'bench', 'results');
fs.mkdirSync(resDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
fs.writeFileSync(path.join(resDir, `editor-${stamp}.json`), JSON.stringify({ figures, sizes, harnessStatus: r.status, ...(workspaceDir ? { largeWorkspace: big, largeWorkspaceHarnessStatus: bigStatus } : {}) }, null, 2));
fs.writeFileSync(path.join(resDir, `editor-${stamp}.md`), md);
fs.writeFileSync(path.join(resDir, 'editor-latest.md'), md);
fs.rmSync(out, { force: true });
process.exitCode = r.status === 0 && (bigStatus === undefined || bigStatus === 0) ? 0 : 1;
