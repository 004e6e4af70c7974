// Allocation per keystroke in the editor's analysis path (issue 23): what the engine allocates, including objects
// already collected, while it re-analyses a 5,000-line file after 1-character edits (as the extension host does on
// every edit). V8's sampling heap profiler with collected objects kept, grouped by function; plus bytes allocated per
// edit (the heap's growth between collections, summed). Usage: node --expose-gc bench/alloc.mjs [py|ts] [--edits N]
import fs from 'node:fs';
import inspector from 'node:inspector';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import { bigPython, bigTypeScript } from '../test/shared/generators.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const lang = args.includes('ts') ? 'ts' : 'py';
const editsAt = args.indexOf('--edits');
const edits = editsAt >= 0 ? Number(args[editsAt + 1]) : 300;
const { createEngine } = require(path.join(root, 'dist', 'engine.js'));
const grammars = path.join(root, 'dist', 'grammars');
const files = { readText: async () => undefined, list: async () => undefined, stat: async () => undefined };
const engine = createEngine({ files, loadWasm: async (name) => new Uint8Array(fs.readFileSync(path.join(grammars, name))) });
const text = lang === 'py' ? bigPython(5000) : bigTypeScript(5000);
const file = `big.${lang}`;
await engine.analyzeDocument({ path: file, text, version: 1 });
const anchor = text.indexOf(lang === 'py' ? 'total = x + y' : 'let total = x');
let cur = text;
const edit = async (v) => {
  cur = v % 2 === 0 ? cur.slice(0, anchor) + ' ' + cur.slice(anchor) : cur.slice(0, anchor) + cur.slice(anchor + 1);
  await engine.analyzeDocument({ path: file, text: cur, version: v });
};
for (let v = 2; v < 52; v++) await edit(v);

const session = new inspector.Session();
session.connect();
const post = (m, p) => new Promise((res, rej) => session.post(m, p, (e, r) => (e ? rej(e) : res(r))));
await post('HeapProfiler.enable');
await post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const before = v8.getHeapStatistics();
const t0 = performance.now();
for (let v = 52; v < 52 + edits; v++) await edit(v);
const ms = performance.now() - t0;
const { profile } = await post('HeapProfiler.stopSampling');
const self = new Map();
const callers = new Map();
let total = 0;
const walk = (n, stack) => {
  const f = n.callFrame;
  const name = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-1)[0]}:${f.lineNumber + 1}`;
  const size = n.selfSize;
  total += size;
  self.set(name, (self.get(name) ?? 0) + size);
  if (size) {
    // Where it came from: the nearest three callers.
    const via = `${name}  ←  ${stack.slice(-3).reverse().map((x) => x.split(' ')[0]).join(' ← ')}`;
    callers.set(via, (callers.get(via) ?? 0) + size);
  }
  for (const c of n.children) walk(c, [...stack, name]);
};
walk(profile.head, []);
const per = (b) => (b / edits / 1024).toFixed(1);
console.log(`${lang}: ${edits} edits, ${(ms / edits).toFixed(2)} ms each; sampled allocation ${per(total)} KB per edit; heap used ${(before.used_heap_size / 1e6).toFixed(0)} MB before`);
for (const [k, b] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) console.log(`${per(b).padStart(8)} KB  ${k}`);
if (args.includes('--callers')) {
  console.log('by caller:');
  for (const [k, b] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) console.log(`${per(b).padStart(8)} KB  ${k}`);
}
