/**
 * Time to first token against published measurements, with a leave-one-source-out error.
 *
 * Rows: the TTFT rows of throughput.csv (TensorRT-LLM 2023, engine-level, batch 1) and data/ttftRows.json (served
 * over HTTP at a fixed concurrency or request rate, engine benchmarks at a static batch, MLPerf server runs). A row is
 * predicted from its own hardware, model, precision, engine, prompt and load: the roofline's step times (calibration.ts
 * `rowModel`) through the queueing model (serving.ts).
 *
 * Two figures are fitted here, and only here: the share of the achievable GEMM rate a serving engine reaches over a
 * whole forward pass (`EfficiencyParams.servingCompute`) and a server's fixed per-request overhead outside the GPU
 * (HTTP, tokenisation, scheduling; the median residual of the served rows at concurrency ≤ 4, where queueing is small).
 * Their honest error is the leave-one-source-out one: each source's rows are predicted with both figures fitted on
 * every other source. Every row is listed, predicted or not. The batched-throughput rows of throughput.csv are not in
 * the fit and check `servingCompute` out of sample.
 */
import { parseCsvRecords, parseNumberCell } from './csv';
import { rowModel, type RowModel } from './calibration';
import { DEFAULT_EFFICIENCY } from './defaults';
import { servingLatency, type Arrivals } from './serving';
import type { EfficiencyParams } from './types';
import rowsData from './data/ttftRows.json';

/** How a TTFT row loaded the server. */
export type TtftArrivals = Arrivals | { readonly kind: 'static'; readonly batch: number };

/** One TTFT measurement. */
export interface TtftRow {
  readonly id: string;
  /** Leave-one-source-out unit. */
  readonly group: string;
  readonly source: string;
  readonly date: string | null;
  /** `server`: a client over HTTP; `engine`: the engine's own benchmark; `loadgen`: MLPerf LoadGen. */
  readonly harness: 'server' | 'engine' | 'loadgen';
  readonly hardware: string;
  readonly nAccel: number;
  readonly engine: string;
  readonly model: string;
  readonly paramsB: number | null;
  readonly precision: string;
  readonly weightsGib?: number;
  readonly inputLen: number | null;
  readonly outputLen: number | null;
  readonly arrivals: TtftArrivals | null;
  /** Which statistic `ttftMs` is: mean, median/p50, or the one number a source prints (`reported`, read as a mean). */
  readonly statistic: string;
  readonly ttftMs: number;
}

/** A predicted row. */
export interface TtftPrediction {
  readonly row: TtftRow;
  /** Prediction with the figures fitted on every row (in-sample). */
  readonly predicted: number;
  /** Prediction with the figures fitted without this row's source. */
  readonly predictedLoso: number;
  readonly absPctErrorLoso: number;
  /** The fit used for the LOSO prediction (overhead 0 for rows measured without a server). */
  readonly fitLoso: TtftFit;
  readonly note: string;
}

/** The two fitted figures. */
export interface TtftFit {
  /** Share of the achievable GEMM rate a serving engine reaches (EfficiencyParams.servingCompute). */
  readonly servingCompute: number;
  /** Per-request overhead of a server outside the GPU, ms. */
  readonly overheadMs: number;
}

/** Result of {@link calibrateTtft}. */
export interface TtftCalibration {
  readonly rows: readonly TtftPrediction[];
  readonly skipped: readonly { readonly row: TtftRow; readonly reason: string }[];
  /** The fit on every predicted row (what the tier model ships: defaults.ts, data/serving.json). */
  readonly fit: TtftFit;
  readonly servedRows: number;
  readonly groups: number;
  readonly medianApeLoso: number;
  readonly p90ApeLoso: number;
  /** The same with the in-sample fit. */
  readonly medianApe: number;
  readonly p90Ape: number;
}

/** The rows of data/ttftRows.json. */
export function bundledTtftRows(): readonly TtftRow[] {
  return rowsData.records as unknown as readonly TtftRow[];
}

/** Group of a throughput.csv row: the 2023 TensorRT-LLM campaign shares one group with its blog rows. */
function csvGroup(r: Record<string, string>): string {
  if (/NVIDIA\/TensorRT-LLM/i.test(r.source ?? '') && (r.date ?? '').startsWith('2023')) return 'trtllm-performance-2023';
  return (r.source ?? '').split(' @ ')[0] || 'unknown';
}

/** The TTFT rows of a throughput.csv text (metric `ttft_ms` / `ttft_ms_mean`). */
export function ttftRowsFromCsv(csvText: string): TtftRow[] {
  return parseCsvRecords(csvText)
    .filter((r) => r.metric === 'ttft_ms' || r.metric === 'ttft_ms_mean')
    .map((r) => {
      const batch = parseNumberCell(r.batch_or_concurrency);
      const mlperf = r.metric === 'ttft_ms_mean';
      return {
        id: r.id,
        group: csvGroup(r),
        source: r.source,
        date: r.date || null,
        harness: mlperf ? 'loadgen' : 'engine',
        hardware: r.hardware,
        nAccel: parseNumberCell(r.n_accel) ?? 1,
        engine: r.engine,
        model: r.model,
        paramsB: parseNumberCell(r.params_b),
        precision: r.precision,
        inputLen: parseNumberCell(r.input_len),
        outputLen: parseNumberCell(r.output_len),
        arrivals: batch !== null ? { kind: 'static', batch } : null,
        statistic: mlperf ? 'mean' : 'reported',
        ttftMs: parseNumberCell(r.value) ?? NaN,
      } satisfies TtftRow;
    });
}

function asCsvRecord(row: TtftRow): Record<string, string> {
  return {
    hardware: row.hardware,
    n_accel: String(row.nAccel),
    engine: row.engine,
    model: row.model,
    params_b: row.paramsB === null ? '' : String(row.paramsB),
    precision: row.precision,
    weights_gib: row.weightsGib === undefined ? '' : String(row.weightsGib),
    mem_bw_gbps_reported: '',
    scope: 'per_request',
    source: row.source,
    date: row.date ?? '',
  };
}

/** The row's statistic from a latency result (`reported` is read as a mean). */
function pick(stat: string, mean: number, p50: number): number {
  return /^(median|p50)$/.test(stat) ? p50 : mean;
}

type Predictor = { predict: (overheadMs: number) => number; note: string } | { reason: string };

/** A row's model and its TTFT as a function of the server overhead (a closed loop feels it in its cycle). */
function rowPredictor(row: TtftRow, eff: EfficiencyParams): Predictor {
  if (!(row.ttftMs > 0)) return { reason: 'measured value not numeric' };
  if (row.inputLen === null) return { reason: 'input length not published (no citable mean prompt length of the dataset)' };
  if (!row.arrivals) return { reason: 'neither a concurrency nor a request rate is given' };
  const m = rowModel(asCsvRecord(row), eff);
  if ('reason' in m) return m;
  if (!m.peak) return { reason: `no sourced TFLOPS for "${row.hardware}" (prefill is compute-bound)` };
  const input = row.inputLen;
  const arrivals = row.arrivals;
  if (arrivals.kind === 'static') {
    const ms = m.prefillBatchMs(input, Math.max(1, arrivals.batch));
    return { predict: () => ms, note: `${m.note}${m.prefillNote}, static batch ${arrivals.batch}` };
  }
  if (row.outputLen === null) return { reason: 'output length not published (the decode load cannot be set)' };
  return servedPredictor(row, m, input, row.outputLen, arrivals);
}

function servedPredictor(row: TtftRow, m: RowModel, input: number, output: number, arrivals: Arrivals): Predictor {
  const ctx = input + output / 2;
  const pf = m.prefillMs(input);
  const maxSeq = m.maxSequences(input + output) ?? Number.POSITIVE_INFINITY;
  const at = (overheadMs: number) =>
    servingLatency({ decodeMs: (b) => m.decodeMs(b, ctx), prefillMeanMs: pf, prefillP95Ms: pf, maxSequences: maxSeq, overheadMs, ...(m.admission ? { admission: m.admission } : {}) }, arrivals, { mean: output, p95: output });
  const predict = (overheadMs: number): number => {
    const lat = at(overheadMs);
    return lat.stable ? pick(row.statistic, lat.ttftMeanMs ?? NaN, lat.ttftP50Ms ?? NaN) : Number.POSITIVE_INFINITY;
  };
  const lat = at(0);
  const load = arrivals.kind === 'closed' ? `concurrency ${arrivals.concurrency}` : `${arrivals.perSec} req/s`;
  const kv = Number.isFinite(maxSeq) ? ` (KV holds ${maxSeq})` : '';
  return { predict, note: `${m.note}, ${load}: prefill ${pf.toFixed(1)} ms, batch ${lat.batch.toFixed(1)}${kv}, wait ${(lat.waitMeanMs ?? NaN).toFixed(1)} ms${m.admission ? ' (group admission)' : ''}` };
}

function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/** Grid of serving-compute shares searched by the fit. */
export const SERVING_COMPUTE_GRID: readonly number[] = Array.from({ length: 26 }, (_, i) => Math.round((0.5 + i * 0.02) * 100) / 100);

/** A predicted row's TTFT at overhead 0 for each share of the grid (the overhead adds on top in the fit). */
interface Candidate {
  readonly row: TtftRow;
  readonly served: boolean;
  /** A served row at concurrency ≤ 4: queueing is small, so its residual is mostly the overhead. */
  readonly lowLoad: boolean;
  readonly base: readonly number[];
}

/** Highest concurrency at which a served row's residual is read as overhead (the research's "low concurrency": 1-4). */
export const LOW_LOAD_CONCURRENCY = 4;

/**
 * The fit on a set of rows: for each share f of the grid, the overhead is the median of measured − predicted over the
 * served rows at low load (concurrency ≤ 4, where queueing is small; never below 0), and f is the one with the lowest median absolute percentage error over all the rows
 * (ties: the larger f). The overhead is taken as additive here; predictions then use the full model.
 */
export function fitTtft(cands: readonly Candidate[]): TtftFit {
  let best: TtftFit = { servingCompute: 1, overheadMs: 0 };
  let bestErr = Number.POSITIVE_INFINITY;
  SERVING_COMPUTE_GRID.forEach((f, i) => {
    const lowLoad = cands.filter((c) => c.lowLoad).map((c) => c.row.ttftMs - c.base[i]!);
    const o = lowLoad.length ? Math.max(0, median(lowLoad)) : 0;
    const err = median(cands.map((c) => Math.abs(c.base[i]! + (c.served ? o : 0) - c.row.ttftMs) / c.row.ttftMs));
    if (err <= bestErr + 1e-12) {
      best = { servingCompute: f, overheadMs: Math.round(o * 10) / 10 };
      bestErr = err;
    }
  });
  return best;
}

/** Predicts every TTFT row, fits the two figures, and reports the leave-one-source-out error. */
export function calibrateTtft(rows: readonly TtftRow[], eff: EfficiencyParams = DEFAULT_EFFICIENCY): TtftCalibration {
  const skipped: { row: TtftRow; reason: string }[] = [];
  const byF = SERVING_COMPUTE_GRID.map((f) => rows.map((row) => rowPredictor(row, { ...eff, servingCompute: f })));
  const cands: Candidate[] = [];
  rows.forEach((row, j) => {
    const p = byF[0]![j]!;
    if ('reason' in p) skipped.push({ row, reason: p.reason });
    else cands.push({ row, served: row.harness === 'server', lowLoad: row.harness === 'server' && row.arrivals?.kind === 'closed' && row.arrivals.concurrency <= LOW_LOAD_CONCURRENCY, base: byF.map((ps) => (ps[j] as { predict: (o: number) => number }).predict(0)) });
  });
  const fit = fitTtft(cands);
  const groups = [...new Set(cands.map((c) => c.row.group))];
  const foldFit = new Map(groups.map((g) => [g, fitTtft(cands.filter((c) => c.row.group !== g))]));
  const predictWith = (row: TtftRow, f: TtftFit): { value: number; note: string } => {
    const p = rowPredictor(row, { ...eff, servingCompute: f.servingCompute });
    return 'reason' in p ? { value: NaN, note: p.reason } : { value: p.predict(row.harness === 'server' ? f.overheadMs : 0), note: p.note };
  };
  const predicted: TtftPrediction[] = cands.map((c) => {
    const fl = foldFit.get(c.row.group)!;
    const loso = predictWith(c.row, fl);
    const inSample = predictWith(c.row, fit);
    return { row: c.row, predicted: inSample.value, predictedLoso: loso.value, absPctErrorLoso: Math.abs(loso.value - c.row.ttftMs) / c.row.ttftMs, fitLoso: fl, note: loso.note };
  });
  const inSampleErr = predicted.map((p) => Math.abs(p.predicted - p.row.ttftMs) / p.row.ttftMs);
  return {
    rows: predicted,
    skipped,
    fit,
    servedRows: cands.filter((c) => c.served).length,
    groups: groups.length,
    medianApeLoso: median(predicted.map((p) => p.absPctErrorLoso)),
    p90ApeLoso: quantile(predicted.map((p) => p.absPctErrorLoso), 0.9),
    medianApe: median(inSampleErr),
    p90Ape: quantile(inSampleErr, 0.9),
  };
}
