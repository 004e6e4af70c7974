// Core micro-benchmarks on the production engine bundle (dist/engine.js), grammar and tokenizer already loaded:
//   - first detection of a 5,000-line Python and TypeScript file
//   - re-detection after a one-character edit (1,000 edits; p50/p95)
//   - detect + estimate of every site of the 5,000-line file
//   - memory (RSS, JS heap, external = WebAssembly + buffers) after the first analysis and after the edits, after a
//     garbage collection when node runs with --expose-gc (bench/run.mjs passes it): growth would be a leak
// Prints a table, or JSON with --json (used by bench/run.mjs). Load times are reported separately.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bigPython, bigTypeScript } from '../test/shared/generators.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const t0 = performance.now();
const engineModule = require(path.join(root, 'dist', 'engine.js'));
const bundleLoadMs = performance.now() - t0;
const grammars = path.join(root, 'dist', 'grammars');
const files = { readText: async () => undefined, list: async () => undefined, stat: async () => undefined };
const loadWasm = async (name) => new Uint8Array(fs.readFileSync(path.join(grammars, name)));

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function measure(lang, text, ext) {
  const engine = engineModule.createEngine({ files, loadWasm });
  // Warm-up on a different small file: loads the runtime, the grammar and the tokenizer.
  const tl = performance.now();
  await engine.analyzeDocument({ path: `warm.${ext}`, text: text.slice(0, 2000), version: 1 });
  const warmMs = performance.now() - tl;
  const path_ = `big.${ext}`;
  const a = performance.now();
  const first = await engine.analyzeDocument({ path: path_, text, version: 1 });
  const firstMs = performance.now() - a;
  const mem0 = memory();
  const edits = [];
  let cur = text;
  const anchor = cur.indexOf(lang === 'python' ? 'total = x + y' : 'let total = x');
  for (let v = 2; v < 1002; v++) {
    // Insert and then remove one character, alternating, in the middle of the file.
    cur = v % 2 === 0 ? cur.slice(0, anchor) + ' ' + cur.slice(anchor) : cur.slice(0, anchor) + cur.slice(anchor + 1);
    const s = performance.now();
    await engine.analyzeDocument({ path: path_, text: cur, version: v });
    edits.push(performance.now() - s);
  }
  const mem1 = memory();
  return { warmMs, firstMs, p50: pct(edits, 50), p95: pct(edits, 95), sites: first.estimates.length, mem0, mem1 };
}

/** MB after a full collection (when exposed). */
function memory() {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / 1e6, heap: m.heapUsed / 1e6, external: m.external / 1e6 };
}

const py = bigPython(5000);
const ts = bigTypeScript(5000);
const rPy = await measure('python', py, 'py');
const rTs = await measure('typescript', ts, 'ts');
const result = {
  'engine bundle load (ms)': bundleLoadMs,
  'first analysis incl. grammar + tokenizer load, py (ms)': rPy.warmMs,
  '5k-line .py: first detect+estimate (ms)': rPy.firstMs,
  '5k-line .py: 1-char edit p50 (ms)': rPy.p50,
  '5k-line .py: 1-char edit p95 (ms)': rPy.p95,
  '5k-line .py: sites': rPy.sites,
  '5k-line .ts: first detect+estimate (ms)': rTs.firstMs,
  '5k-line .ts: 1-char edit p50 (ms)': rTs.p50,
  '5k-line .ts: 1-char edit p95 (ms)': rTs.p95,
  '5k-line .ts: sites': rTs.sites,
  'RSS after the first analysis of the .py file (MB)': rPy.mem0.rss,
  'RSS after 1,000 .py edits (MB)': rPy.mem1.rss,
  'RSS after 1,000 .ts edits (MB)': rTs.mem1.rss,
  'JS heap after first analysis / after 1,000 .ts edits (MB)': `${rPy.mem0.heap.toFixed(0)} / ${rTs.mem1.heap.toFixed(0)}`,
  'external (WebAssembly) after first analysis / after 1,000 .ts edits (MB)': `${rPy.mem0.external.toFixed(0)} / ${rTs.mem1.external.toFixed(0)}`,
};
if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(result));
} else {
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(58)} ${typeof v === 'number' ? v.toFixed(2) : v}`);
}
