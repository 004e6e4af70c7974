/**
 * `npm run calibrate [csv]`: predicts every row of a throughput CSV (default test/fixtures/reference/throughput.csv, a copy of ../shared/reference/throughput.csv,
 * resolved from the repository root) with the tier roofline and prints predicted vs measured per row, then the
 * median and p90 absolute percentage error per metric × tier, then the rows it cannot predict and why.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { calibrate } from '../src/core/tiers/calibration';
import { bundledTtftRows, calibrateTtft, ttftRowsFromCsv } from '../src/core/tiers/ttftCalibration';

const repoRoot = path.resolve(__dirname, '..');
const csvPath = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve(repoRoot, 'test', 'fixtures', 'reference', 'throughput.csv');
const csvText = readFileSync(csvPath, 'utf8');
const report = calibrate(csvText);
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

// Time to first token: the TTFT rows of the CSV plus src/core/tiers/data/ttftRows.json, every row listed.
const ttft = calibrateTtft([...ttftRowsFromCsv(csvText), ...bundledTtftRows()]);
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
out.push('', 'time to first token (CSV TTFT rows + src/core/tiers/data/ttftRows.json), leave-one-source-out', '');
out.push('id          group                          measured   in-sample   LOSO    err%   fit without the group (serving compute, overhead) | basis');
for (const r of ttft.rows) {
  out.push(`${r.row.id.padEnd(11)} ${r.row.group.slice(0, 30).padEnd(30)} ${fmt(r.row.ttftMs)}  ${fmt(r.predicted)}  ${fmt(r.predictedLoso)}  ${(r.absPctErrorLoso * 100).toFixed(0).padStart(4)}   ${r.fitLoso.servingCompute} / ${r.fitLoso.overheadMs} ms | ${r.row.statistic}, ${r.row.harness}, ${r.note}`);
}
out.push('', `fit on every predicted row: servingCompute ${ttft.fit.servingCompute}, server overhead ${ttft.fit.overheadMs} ms (median residual of the ${ttft.rows.filter((r) => r.row.harness === 'server' && r.row.arrivals?.kind === 'closed' && r.row.arrivals.concurrency <= 4).length} served rows at concurrency ≤ 4)`);
out.push(`TTFT rows predicted: ${ttft.rows.length} (${ttft.servedRows} served over HTTP) from ${ttft.groups} sources; not predicted: ${ttft.skipped.length}`);
out.push(`TTFT leave-one-source-out: median ${pct(ttft.medianApeLoso)}, p90 ${pct(ttft.p90ApeLoso)} (in-sample: median ${pct(ttft.medianApe)}, p90 ${pct(ttft.p90Ape)})`);
for (const g of [...new Set(ttft.rows.map((r) => r.row.group))]) {
  const errs = ttft.rows.filter((r) => r.row.group === g).map((r) => r.absPctErrorLoso).sort((a, b) => a - b);
  out.push(`  held out ${g}: ${errs.length} rows, median ${pct(errs[Math.floor((errs.length - 1) / 2)]! / 2 + errs[Math.ceil((errs.length - 1) / 2)]! / 2)}`);
}
out.push('', `TTFT rows not predicted: ${ttft.skipped.length}`);
for (const s of ttft.skipped) out.push(`  ${s.row.id} (${s.row.group}): ${s.reason}`);
process.stdout.write(out.join('\n') + '\n');
