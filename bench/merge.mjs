// `tokentier merge` at organisation scale (issue 23): is merging N reports linear in N?
//
//   node bench/merge.mjs [--counts 250,500,1000,2000] [--runs 3] [--json]
//
// Makes one real report (`tokentier scan examples/demo --format json`, 9 sites), writes N copies of it as the reports
// of N repositories (each its own root, so each is its own repository row), and times `dist/cli.js merge` over them
// (`--format json --output`, a new process per run, medians of --runs): wall and CPU time (user + system) and peak
// RSS, and the CPU time per report. Linear: the time per report stays flat as N grows (the process start and the
// bundle load are the fixed part, so it falls a little). Prints a Markdown table, or the rows as JSON with --json.
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
const cli = path.join(root, 'dist', 'cli.js');
const counts = opt('counts', '250,500,1000,2000').split(',').map(Number);
const runs = Number(opt('runs', '3'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');

if (!fs.existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-merge-bench-'));
const one = JSON.parse(execFileSync(process.execPath, [cli, 'scan', path.join(root, 'examples', 'demo'), '--format', 'json', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
const max = Math.max(...counts);
for (let i = 0; i < max; i++) fs.writeFileSync(path.join(work, `r${i}.json`), JSON.stringify({ ...one, root: `/ci/work/repo-${String(i).padStart(4, '0')}` }));
const bytesEach = fs.statSync(path.join(work, 'r0.json')).size;

function timed(argv) {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...argv], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28 });
  const err = r.stderr ?? '';
  const num = (re) => Number(re.exec(err)?.[1] ?? NaN);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
  const ms = wall ? ((Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3])) * 1000 : NaN;
  return { status: r.status, ms, cpuMs: (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000, rssMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024, err };
}

const rows = [];
for (const n of counts) {
  const files = Array.from({ length: n }, (_, i) => `r${i}.json`);
  const out = path.join(work, 'merged.json');
  const samples = Array.from({ length: runs }, () => timed([cli, 'merge', ...files, '--format', 'json', '--output', out, '--quiet']));
  const bad = samples.find((s) => s.status !== 0);
  if (bad) throw new Error(`merge of ${n} reports failed: ${bad.err.split('\n').slice(-5).join(' ')}`);
  const merged = JSON.parse(fs.readFileSync(out, 'utf8'));
  if (merged.repositories.length !== n || merged.sites.length !== n * one.sites.length) throw new Error(`merge of ${n} reports: ${merged.repositories.length} repositories, ${merged.sites.length} sites`);
  const cpuMs = median(samples.map((s) => s.cpuMs));
  rows.push({ reports: n, sites: merged.sites.length, mb: (n * bytesEach) / 1e6, ms: median(samples.map((s) => s.ms)), cpuMs, cpuMsPerReport: cpuMs / n, rssMb: Math.max(...samples.map((s) => s.rssMb)) });
}
fs.rmSync(work, { recursive: true, force: true });

const first = rows[0];
const last = rows.at(-1);
const growth = last.cpuMs / first.cpuMs / (last.reports / first.reports);
if (args.includes('--json')) {
  process.stdout.write(JSON.stringify({ rows, growth, load: os.loadavg() }));
} else {
  const lines = [`Merging N copies of the examples/demo report (${one.sites.length} sites, ${fmt(bytesEach / 1024)} KB each); medians of ${runs}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}.`, '', '| reports | sites | input MB | wall ms | CPU ms | CPU ms per report | peak RSS MB |', '|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${fmt(r.reports)} | ${fmt(r.sites)} | ${fmt(r.mb, 1)} | ${fmt(r.ms)} | ${fmt(r.cpuMs)} | ${fmt(r.cpuMsPerReport, 2)} | ${fmt(r.rssMb)} |`);
  lines.push('', `CPU time grew ${fmt(last.cpuMs / first.cpuMs, 2)}× for ${fmt(last.reports / first.reports, 0)}× the reports (${fmt(growth, 2)} per unit of growth; 1.00 = linear, below 1 = the fixed start-up cost shared).`);
  console.log(lines.join('\n'));
}
