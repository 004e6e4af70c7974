/**
 * `npm run calibrate [csv]`: predicts every row of a throughput CSV (default test/fixtures/reference/throughput.csv, a copy of ../shared/reference/throughput.csv,
 * resolved from the repository root) with the tier roofline and prints predicted vs measured per row, then the
 * median and p90 absolute percentage error per metric × tier, then the rows it cannot predict and why.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { calibrate } from '../src/core/tiers/calibration';

const repoRoot = path.resolve(__dirname, '..');
const csvPath = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve(repoRoot, 'test', 'fixtures', 'reference', 'throughput.csv');
const report = calibrate(readFileSync(csvPath, 'utf8'));
const out: string[] = [`calibration of ${csvPath}`, '', 'id     tier            metric   measured    predicted   err%   hardware | model | basis'];
const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(2)).padStart(10);
for (const r of report.rows) {
  out.push(`${r.id.padEnd(6)} ${r.tier.padEnd(15)} ${r.metric.padEnd(8)} ${fmt(r.measured)}  ${fmt(r.predicted)}  ${(r.absPctError * 100).toFixed(0).padStart(5)}  ${r.hardware} | ${r.model} | ${r.note}`);
}
out.push('', 'metric   tier             n   median APE   p90 APE');
for (const s of report.stats) {
  out.push(`${s.metric.padEnd(8)} ${s.tier.padEnd(15)} ${String(s.n).padStart(3)}   ${(s.medianApe * 100).toFixed(1).padStart(8)} %  ${(s.p90Ape * 100).toFixed(1).padStart(6)} %`);
}
out.push('', `not predicted: ${report.skipped.length} rows`);
for (const s of report.skipped) out.push(`  ${s.id} ${s.metric}: ${s.reason}`);
process.stdout.write(out.join('\n') + '\n');
