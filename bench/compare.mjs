// Before/after on a shared machine (issue 23): alternates ripgrep with the CLI of two or more builds, run after run, on
// the bench tree, and prints each build's median wall and CPU time (user + system, children included) as a multiple of
// ripgrep's, its peak RSS and a digest of the report's sites (must be equal across builds). Copy a build's dist/ away
// first (cp -r dist /tmp/before), then:
//   node bench/compare.mjs RUNS before=/tmp/before/dist after=dist            # warm re-scan with --cache, nothing changed
//   MODE=edit node bench/compare.mjs RUNS …     # warm re-scan with --cache, every 100th ripgrep candidate edited per run
//   MODE=oneshot node bench/compare.mjs RUNS …  # one-shot scan, no cache
// Needs `npm run bench` to have built bench/work/tree once. Read the CPU columns when the load average is high.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { EXCLUDED_FOLDERS, EXTENSIONS } from './scope.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tree = path.join(root, 'bench', 'work', 'tree');
const [runsArg, ...specs] = process.argv.slice(2);
const runs = Number(runsArg);
const mode = process.env.MODE ?? 'cache';
if (!runs || !specs.length || !fs.existsSync(tree)) {
  console.error('usage: [MODE=cache|edit|oneshot] node bench/compare.mjs RUNS label=distDir … (after npm run bench built bench/work/tree)');
  process.exit(2);
}
const { PREFILTER_PATTERN } = createRequire(import.meta.url)(path.join(root, 'dist', 'engine.js'));
const rgArgs = ['-l', '-i', '--max-filesize', '2M', ...EXCLUDED_FOLDERS.flatMap((d) => ['-g', `!${d}/`]), ...EXTENSIONS.flatMap((e) => ['-g', `*.${e}`]), '-e', PREFILTER_PATTERN.source.replace(/\\\//g, '/'), tree];

function timed(cmd, argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...argv], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const num = (re) => Number(re.exec(r.stderr)?.[1] ?? NaN);
  if (r.status > 1) console.error(r.stderr.slice(-2000));
  return { ms, cpu: (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000, rss: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024 };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const builds = specs.map((spec) => {
  const [label, dist] = spec.split('=');
  const cache = path.join(os.tmpdir(), `tokentier-compare-cache-${label}`);
  const out = path.join(os.tmpdir(), `tokentier-compare-${label}.json`);
  const argv = [path.join(path.resolve(dist), 'cli.js'), 'scan', tree, '--format', 'json', '--output', out, '--quiet', ...(mode === 'oneshot' ? [] : ['--cache', cache])];
  fs.rmSync(cache, { recursive: true, force: true });
  return { label, argv, out, samples: [] };
});
for (const b of builds) timed(process.execPath, b.argv); // primes the cache (and the page cache)
const edited = mode === 'edit' ? spawnSync('rg', rgArgs, { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.split('\n').filter((f) => f && !f.endsWith('.ipynb')).sort().filter((_, i) => i % 100 === 0) : [];
const original = new Map(edited.map((f) => [f, fs.readFileSync(f)]));
const rg = [];
try {
  for (let i = 0; i < runs; i++) {
    rg.push(timed('rg', rgArgs));
    for (const b of builds) {
      for (const f of edited) fs.appendFileSync(f, `\n# edit ${b.label} ${i}\n`);
      b.samples.push(timed(process.execPath, b.argv));
    }
  }
} finally {
  for (const [f, bytes] of original) fs.writeFileSync(f, bytes);
}
const rgWall = median(rg.map((s) => s.ms));
const rgCpu = median(rg.map((s) => s.cpu));
console.log(`mode ${mode}, ${runs} runs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ripgrep wall ${rgWall.toFixed(0)} ms, CPU ${rgCpu.toFixed(0)} ms${edited.length ? `; ${edited.length} files edited before each run` : ''}`);
for (const b of builds) {
  const wall = median(b.samples.map((s) => s.ms));
  const cpu = median(b.samples.map((s) => s.cpu));
  let digest = 'no report';
  try {
    digest = crypto.createHash('sha256').update(JSON.stringify(JSON.parse(fs.readFileSync(b.out, 'utf8')).sites)).digest('hex').slice(0, 12);
  } catch {
    /* reported as such */
  }
  console.log(`${b.label}: wall ${wall.toFixed(0)} ms (${(wall / rgWall).toFixed(2)}× rg), CPU ${cpu.toFixed(0)} ms (${(cpu / rgCpu).toFixed(2)}× rg), peak RSS ${Math.max(...b.samples.map((s) => s.rss)).toFixed(0)} MB, sites ${digest}`);
}
