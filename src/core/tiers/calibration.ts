/**
 * Calibration of the roofline against measured points (throughput.csv columns). Pure: takes the CSV text, predicts
 * every row from the row's own hardware, bandwidth, parameters, weight size, precision, batch and lengths, and
 * returns per-row predictions plus median / p90 absolute percentage error per metric × tier. Rows that cannot be
 * predicted are listed with the reason. Nothing here is fitted to these rows; one factor used here is fitted elsewhere:
 * `EfficiencyParams.servingCompute`, on the TTFT rows (ttftCalibration.ts), so the batched rows check it out of sample.
 */
import { parseCsvRecords, parseNumberCell } from './csv';
import { appleGpuTflops, computeCapabilityOf, getHardware, getSelfHostModel } from './catalogue';
import { canonicalHardwareId } from './hardwareIds';
import { batchedOutputTokensPerSec, decodeStep, energyLimitedTflops, maxBatchByMemory, microBatchedPrefillMs, mxfp4CheckpointBytes, mxfp4ComputeSplit, prefill, type ModelGeometry, type ReplicaSpec } from './roofline';
import type { EfficiencyParams } from './types';
import { DEFAULT_EFFICIENCY } from './defaults';
import enginesData from './data/engines.json';
import errataData from './data/sourceErrata.json';
import diesData from './data/gpuDies.json';

/** One engines.json record; every behaviour field is optional (a record documents one software fact). */
interface EngineRecord {
  readonly engine: string;
  readonly enginePattern?: string;
  readonly backend: string;
  readonly memoryTypePattern?: string;
  readonly bandwidthEfficiency?: number;
  readonly computeEfficiencyOfFp16AccPeak?: number;
  readonly quantizedPrefill?: string;
  readonly pipelineParallelPrefill?: boolean;
  readonly gqaKvReadsPerQueryHead?: boolean;
  /** The MLP's SwiGLU runs as a separate memory-bound kernel between the GEMMs (TensorRT-LLM 2023). */
  readonly unfusedSwiGlu?: boolean;
  readonly microBatchTokens?: number;
  /** The engine's prompt GEMMs on this anchor card set the energy per FLOP for every card cut from the same die. */
  readonly energyLimitedPromptGemm?: { readonly anchorHardware: string };
  /**
   * trtllm-bench's batch limit when the command gives none: min(sequences the KV cache holds, `tunedCap`) for the weight
   * formats it has tuning heuristics for, else BuildConfig's default `untunedDefault`.
   */
  readonly benchBatchLimit?: { readonly tunedCap: number; readonly untunedDefault: number; readonly tunedWeightFormats: readonly string[] };
  /**
   * How the engine runs a checkpoint with MXFP4 routed experts (model `blockQuantizedExperts`): expert GEMM activations
   * and KV-cache format below / at or above an SM version (computeCapability.json). Non-expert weights run in BF16.
   */
  readonly mxfp4Checkpoint?: {
    readonly minSmForFp8Activations: number;
    readonly belowMinSm: { readonly expertActivations: string; readonly kvCache: string };
    readonly atOrAboveMinSm: { readonly expertActivations: string; readonly kvCache: string };
  };
  /** A serving engine (continuous batching, CUDA): compute-bound work at `EfficiencyParams.servingCompute` of the GEMM rate. */
  readonly servingEngine?: boolean;
  /** The engine admits waiting requests in groups (TGI's router); see serving.ts `GroupAdmission`. */
  readonly groupAdmission?: { readonly waitingServedRatio: number; readonly maxWaitingSteps: number };
  /** First month (YYYY-MM) of builds with this behaviour; rows dated earlier do not get it. */
  readonly validFrom?: string;
  /** First month (YYYY-MM) of builds without it any more. */
  readonly validUntil?: string;
}

const ENGINES = enginesData.records as readonly EngineRecord[];

/** Leading YYYY-MM of a row's date cell ("2024-05", "2025-08 onward", "2024-01-10"), or null. */
function rowMonth(date: string | undefined): string | null {
  return /^(\d{4}-\d{2})/.exec(date ?? '')?.[1] ?? null;
}

/** Engine records that apply to a row: engine name (or pattern), backend and build date window all match. */
function enginesFor(engine: string, backend: string, date: string | undefined): readonly EngineRecord[] {
  const e = engine.toLowerCase();
  const month = rowMonth(date);
  return ENGINES.filter((r) => {
    if (r.backend !== backend) return false;
    if (!(r.enginePattern ? new RegExp(r.enginePattern, 'i').test(e) : e.includes(r.engine))) return false;
    if (r.validFrom && (!month || month < r.validFrom)) return false;
    if (r.validUntil && (!month || month >= r.validUntil)) return false;
    return true;
  });
}

/** Scope of a row after the documented source corrections in sourceErrata.json (else the row's own scope). */
function correctedScope(r: Record<string, string>): { scope: string; note: string } {
  for (const e of errataData.records) {
    if ((r.source ?? '').includes(e.sourceContains) && new RegExp(e.hardwarePattern, 'i').test(r.hardware) && r.metric === e.metric) {
      return { scope: e.scope, note: `scope ${r.scope} → ${e.scope} (${e.source.ref})` };
    }
  }
  return { scope: r.scope, note: '' };
}

/** Metric groups reported. */
export type CalibrationMetric = 'decode' | 'prefill' | 'batched' | 'ttft' | 'tpot';

/** One predicted row. */
export interface CalibrationRow {
  readonly id: string;
  readonly tier: string;
  readonly metric: CalibrationMetric;
  readonly hardware: string;
  readonly model: string;
  readonly measured: number;
  readonly predicted: number;
  /** |predicted − measured| ÷ measured. */
  readonly absPctError: number;
  readonly note: string;
}

/** A row the model cannot predict, and why. */
export interface SkippedRow {
  readonly id: string;
  readonly metric: string;
  readonly reason: string;
}

/** Error statistics for one metric × tier (tier `all` = pooled). */
export interface CalibrationStat {
  readonly metric: CalibrationMetric;
  readonly tier: string;
  readonly n: number;
  readonly medianApe: number;
  readonly p90Ape: number;
}

/** Full calibration report. */
export interface CalibrationReport {
  readonly rows: readonly CalibrationRow[];
  readonly skipped: readonly SkippedRow[];
  readonly stats: readonly CalibrationStat[];
}

const METRIC_OF: Readonly<Record<string, CalibrationMetric>> = {
  decode_tokens_per_s: 'decode',
  prefill_tokens_per_s: 'prefill',
  output_tokens_per_s: 'batched',
  ttft_ms: 'ttft',
  ttft_ms_mean: 'ttft',
  tpot_ms_mean: 'tpot',
  mlperf_offline_tokens_per_s: 'batched',
  mlperf_server_tokens_per_s: 'batched',
};

/** Model-name rule: catalogue geometry (layers, KV heads, head dim) for a row's model label. */
export function catalogueIdFor(model: string): string | null {
  const m = model.toLowerCase();
  // Same architecture ⇒ same geometry: LLaMA 1 / Llama 2 / CodeLlama 7B share one entry, Llama 3 / 3.1 / 3.3 another.
  const rules: [RegExp, string][] = [
    [/gpt-oss-?20b/, 'gpt-oss-20b'],
    [/gpt-oss-?120b/, 'gpt-oss-120b'],
    [/deepseek[- ]?r1/, 'deepseek-r1'],
    [/deepseek[- ]?v3/, 'deepseek-v3'],
    [/mixtral[- ]?8x22b/, 'mixtral-8x22b'],
    [/mixtral[- ]?8x7b/, 'mixtral-8x7b'],
    [/mistral[- ]?7b/, 'mistral-7b'],
    [/llama[- ]?3\.2[- ]?1b/, 'llama-3.2-1b'],
    [/llama[- ]?3\.2[- ]?3b/, 'llama-3.2-3b'],
    [/llama[- ]?3(\.\d)?[- ]?8b/, 'llama-3.1-8b'],
    [/llama[- ]?3(\.\d)?[- ]?70b/, 'llama-3.1-70b'],
    [/llama[- ]?3(\.\d)?[- ]?405b/, 'llama-3.1-405b'],
    [/llama[- ]?2[- ]?70b|^llama 70b/, 'llama-2-70b'],
    [/(code)?llama(-2| 2)?[- ]?13b/, 'llama-2-13b'],
    [/(code)?llama(-2| 2)?[- ]?7b/, 'llama-2-7b'],
    [/qwen[- ]?2\.5[- ]?7b/, 'qwen2.5-7b'],
    [/qwen[- ]?2\.5[- ]?32b/, 'qwen2.5-32b'],
    [/qwen[- ]?2\.5[- ]?72b/, 'qwen2.5-72b'],
    [/qwen[- ]?3[- ]?30b-a3b/, 'qwen3-30b-a3b'],
    [/qwen[- ]?3[- ]?235b/, 'qwen3-235b-a22b'],
    [/qwen[- ]?3[- ]?8b/, 'qwen3-8b'],
    [/qwen[- ]?3[- ]?32b/, 'qwen3-32b'],
    [/gemma[- ]?2[- ]?2b/, 'gemma-2-2b'],
    [/gemma[- ]?2[- ]?9b/, 'gemma-2-9b'],
    [/phi[- ]?3(\.5)?[- ]?(mini|3\.8b|3b)/, 'phi-3.5-mini'],
    [/smollm2/, 'smollm2-1.7b'],
    [/gpt-?j[- ]?6b/, 'gpt-j-6b'],
  ];
  for (const [re, id] of rules) if (re.test(m)) return id;
  return null;
}

/** Engine × memory bandwidth efficiency from engines.json, or null for the default. */
function engineBandwidthEfficiency(engine: string, memoryType: string | undefined, backend: string): number | null {
  for (const e of ENGINES) {
    if (e.bandwidthEfficiency !== undefined && e.backend === backend && engine.toLowerCase().includes(e.engine) && (memoryType ?? '').toUpperCase().includes(e.memoryTypePattern ?? '')) return e.bandwidthEfficiency;
  }
  return null;
}

/** Engine compute efficiency as a fraction of the FP16-accumulate tensor peak, or null for the default. */
function engineComputeEfficiency(engine: string, backend: string): number | null {
  for (const e of ENGINES) {
    if (e.computeEfficiencyOfFp16AccPeak !== undefined && e.backend === backend && engine.toLowerCase().includes(e.engine)) return e.computeEfficiencyOfFp16AccPeak;
  }
  return null;
}

export { computeCapabilityOf };

/** The die (gpuDies.json) a hardware id is cut from, or null. */
function dieOf(hardwareId: string): string | null {
  return diesData.records.find((d) => d.members.includes(hardwareId))?.die ?? null;
}

/**
 * Energy-per-FLOP cap on an engine's prompt GEMM rate (TFLOPS) for a card, or null when none applies: the engine's
 * rate on the anchor card (efficiency × FP16-accumulate peak) per watt of the anchor's TDP, times this card's TDP,
 * for cards cut from the anchor's die (engines.json `energyLimitedPromptGemm`, gpuDies.json).
 */
function energyCapTflops(engine: string, backend: string, hardwareId: string, tdpW: number | null, engineEfficiency: number): number | null {
  if (tdpW === null) return null;
  for (const e of ENGINES) {
    if (!e.energyLimitedPromptGemm || e.backend !== backend || !engine.toLowerCase().includes(e.engine)) continue;
    const anchor = getHardware(e.energyLimitedPromptGemm.anchorHardware);
    const die = dieOf(hardwareId);
    if (!anchor || anchor.tdpW === null || !die || die !== dieOf(anchor.id)) continue;
    const anchorPeak = fp16AccumulatePeak(anchor as typeof anchor & { fp16AccTflops?: number });
    if (anchorPeak === null) continue;
    return energyLimitedTflops(tdpW, engineEfficiency * anchorPeak, anchor.tdpW);
  }
  return null;
}

/**
 * FP16-accumulate dense tensor peak (what llama.cpp's cuBLAS/MMA path runs at): a record's explicit
 * `fp16AccTflops`, else 2 × the listed FP32-accumulate figure on GeForce parts (reference README), else the listed
 * BF16/FP16 figure (datacenter and workstation parts accumulate in FP32 at full rate).
 */
function fp16AccumulatePeak(hw: { category: string; bf16Tflops: number | null } & { fp16AccTflops?: number }): number | null {
  if (hw.fp16AccTflops !== undefined) return hw.fp16AccTflops;
  if (hw.bf16Tflops === null) return null;
  return hw.category === 'consumer_gpu' ? 2 * hw.bf16Tflops : hw.bf16Tflops;
}

/** Stored bytes per weight from a precision label, used when the row has no weights_gib. */
function bytesPerParamOf(precision: string): number | null {
  const p = precision.toUpperCase();
  if (p.startsWith('FP8')) return 1;
  if (p.startsWith('FP16') || p.startsWith('F16') || p.startsWith('BF16')) return 2;
  // NVFP4: 4-bit values + an FP8 scale per 16 → 4.5 bits. MLC q4f16: 4 bits + FP16 scale per 32 → 4.5 bits.
  if (p.startsWith('FP4') || p.startsWith('INT4')) return 4.5 / 8;
  if (p.startsWith('INT8') || p.startsWith('W8')) return 1;
  // llama.cpp block formats (ggml): bits per weight including block scales.
  if (p.startsWith('Q8_0')) return 8.5 / 8;
  if (p.startsWith('Q6_K')) return 6.5625 / 8;
  if (p.startsWith('Q5_0')) return 5.5 / 8;
  if (p.startsWith('Q5_1')) return 6 / 8;
  if (p.startsWith('Q4_0')) return 4.5 / 8;
  if (p.startsWith('Q4_1')) return 5 / 8;
  return null;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The roofline of one measured configuration (a throughput.csv row, or a TTFT row mapped to its columns): the model's
 * geometry, the replica with every engine behaviour that applies to the row's engine, build date and hardware, and the
 * step times. Built once per row; the metric-specific predictions below read it.
 */
export interface RowModel {
  readonly g: ModelGeometry;
  readonly rep: ReplicaSpec;
  readonly eff: EfficiencyParams;
  /** Stored bytes per weight actually read. */
  readonly bpp: number;
  readonly kvBpe: number;
  readonly kvReadFactor: number;
  /** Accelerators the row's figure is divided by (per-GPU scope), else 1. */
  readonly perGpu: number;
  readonly n: number;
  readonly peak: number | null;
  /** Sequences whose KV cache fits beside the weights at `contextTokens` each, or null without a memory size. */
  readonly maxSequences: (contextTokens: number) => number | null;
  /** Prefill of one prompt, ms (micro-batched where the engine does that). */
  readonly prefillMs: (tokens: number) => number;
  /** Prefill of `sequences` prompts of `tokens` each in one static batch, ms. */
  readonly prefillBatchMs: (tokens: number, sequences: number) => number;
  /** One decode step of `batch` sequences at an average context, ms. */
  readonly decodeMs: (batch: number, contextTokens: number) => number;
  /** Group admission of the engine (TGI), if any. */
  readonly admission?: { readonly waitingServedRatio: number; readonly maxWaitingSteps: number };
  readonly note: string;
  /** Prefill-specific note (micro-batching, pipelining). */
  readonly prefillNote: string;
}

/** Builds a row's {@link RowModel}, or says why the row cannot be predicted. */
// eslint-disable-next-line max-lines-per-function -- one calibration row end to end (scope, hardware, engine, batch, prefill/decode roofline); the steps share a dozen locals and read best in order
export function rowModel(r: Record<string, string>, eff: EfficiencyParams): RowModel | { reason: string } {
  const hwId = canonicalHardwareId(r.hardware);
  const hw = hwId ? getHardware(hwId) : undefined;
  const bw = parseNumberCell(r.mem_bw_gbps_reported) ?? hw?.memBwGBps ?? null;
  if (bw === null) return { reason: `hardware "${r.hardware}" not in gpus.csv and no bandwidth in the row (n/a — no source)` };
  const modelId = catalogueIdFor(r.model);
  const cat = modelId ? getSelfHostModel(modelId) : undefined;
  if (!cat) return { reason: `model "${r.model}" not in the catalogue (layers / KV geometry unknown)` };
  const paramsB = parseNumberCell(r.params_b) ?? cat.totalParamsB;
  const g: ModelGeometry = {
    activeParams: (cat.moe ? cat.activeParamsB : paramsB) * 1e9,
    totalParams: (cat.moe ? cat.totalParamsB : paramsB) * 1e9,
    layers: cat.layers,
    kvElementsPerToken: cat.kvElementsPerTokenOverride ?? 2 * cat.layers * cat.kvHeads * cat.headDim,
    qWidth: cat.attentionHeads * cat.headDim,
    experts: cat.experts,
    expertsPerToken: cat.expertsPerToken,
  };
  const weightsGib = parseNumberCell(r.weights_gib);
  const bpp = weightsGib !== null ? (weightsGib * 2 ** 30) / g.totalParams : bytesPerParamOf(r.precision);
  if (bpp === null) return { reason: `precision "${r.precision}" without weights_gib` };
  const lowPrecision = /^FP[48]/i.test(r.precision);
  let kvBpe = lowPrecision ? 1 : 2;
  const n = parseNumberCell(r.n_accel) ?? 1;
  let peak: number | null = null;
  let mamf: number | null = null;
  if (hwId?.startsWith('apple-')) {
    peak = appleGpuTflops(r.hardware, hwId)?.tflops ?? null;
  } else if (hw) {
    if (lowPrecision && hw.fp8Tflops) {
      peak = hw.fp8Tflops;
      mamf = hw.mamfFp8Tflops;
    } else {
      peak = hw.bf16Tflops;
      mamf = hw.mamfBf16Tflops;
    }
  }
  const backend = hwId?.startsWith('apple-') ? 'metal' : 'cuda';
  let computeEfficiency = peak && mamf ? mamf / peak : eff.computeFallback;
  const engineFacts = enginesFor(r.engine, backend, r.date);
  // An MXFP4-expert checkpoint (gpt-oss) loaded as published: expert weights 4.25 bits, the rest BF16; the expert GEMMs
  // run with BF16 or FP8-class activations by SM version, the BF16 weights at the BF16 rate (engines.json).
  const mxfp4 = engineFacts.find((e) => e.mxfp4Checkpoint)?.mxfp4Checkpoint;
  const bq = cat.blockQuantizedExperts;
  let bppUsed = bpp;
  let mxNote = '';
  if (mxfp4 && bq && hw && hwId) {
    const sm = computeCapabilityOf(hwId);
    if (sm === null) return { reason: `SM version of "${r.hardware}" unknown: the engine's MXFP4 kernel path cannot be chosen` };
    const path = sm >= mxfp4.minSmForFp8Activations ? mxfp4.atOrAboveMinSm : mxfp4.belowMinSm;
    const split = mxfp4ComputeSplit(bq, cat.experts ?? 1, cat.expertsPerToken ?? 1);
    const bf16Rate = hw.bf16Tflops ? hw.bf16Tflops * (hw.mamfBf16Tflops ? hw.mamfBf16Tflops / hw.bf16Tflops : eff.computeFallback) : null;
    const fp8Rate = hw.fp8Tflops ? hw.fp8Tflops * (hw.mamfFp8Tflops ? hw.mamfFp8Tflops / hw.fp8Tflops : eff.computeFallback) : null;
    const expertRate = path.expertActivations === 'fp8' ? fp8Rate : bf16Rate;
    if (bf16Rate === null || expertRate === null) return { reason: `no sourced ${path.expertActivations.toUpperCase()} / BF16 TFLOPS for "${r.hardware}"` };
    // Time per active parameter adds over the two groups: achievable rate = active ÷ Σ(part ÷ rate).
    peak = split.activeB / (split.expertActiveB / expertRate + split.bf16ActiveB / bf16Rate);
    computeEfficiency = 1;
    bppUsed = mxfp4CheckpointBytes(bq) / g.totalParams;
    kvBpe = path.kvCache === 'fp8' ? 1 : 2;
    mxNote = `, MXFP4 checkpoint (SM ${sm.toFixed(1)}: expert GEMMs ${path.expertActivations.toUpperCase()} activations, ${split.bf16ActiveB.toFixed(2)}B active BF16 params, KV ${path.kvCache.toUpperCase()}; ${((bppUsed * g.totalParams) / 2 ** 30).toFixed(1)} GiB)`;
  }
  const engineCompute = lowPrecision ? null : engineComputeEfficiency(r.engine, backend);
  let powerNote = '';
  const accPeak = hw && backend === 'cuda' ? fp16AccumulatePeak(hw as typeof hw & { fp16AccTflops?: number }) : null;
  if (engineCompute !== null && accPeak !== null) {
    // llama.cpp runs its prompt GEMMs with FP16 accumulation: GeForce parts do that at 2× their listed rate.
    peak = accPeak;
    computeEfficiency = engineCompute;
    // Same die, smaller board power: the anchor's FLOPs per watt bound the sustained rate (engines.json, gpuDies.json).
    const cap = hwId && hw ? energyCapTflops(r.engine, backend, hwId, hw.tdpW, engineCompute) : null;
    if (cap !== null && cap < peak * computeEfficiency) {
      computeEfficiency = cap / peak;
      powerNote = `, power-limited to ${cap.toFixed(0)} TF at ${hw?.tdpW} W (same die as the anchor)`;
    }
  }
  const dequantPrefill = engineFacts.find((e) => e.quantizedPrefill === 'dequantToF16');
  const pipelined = engineFacts.find((e) => e.pipelineParallelPrefill === true);
  const perQueryHeadKv = engineFacts.some((e) => e.gqaKvReadsPerQueryHead === true);
  // Separate SwiGLU kernel: reads gate and up outputs, writes their product, 16-bit activations → 6 B per FFN element.
  const swiGluBytes = engineFacts.some((e) => e.unfusedSwiGlu === true) && cat.intermediateSize ? 6 * cat.intermediateSize * cat.layers : 0;
  const parallel = /llama\.cpp/i.test(r.engine) ? 'layer' : 'tensor';
  // A serving engine's forward pass reaches a fitted share of the GEMM rate on compute-bound work (EfficiencyParams).
  const serving = engineFacts.some((e) => e.servingEngine === true) && engineCompute === null;
  if (serving) computeEfficiency *= eff.servingCompute;
  const engineEff = engineBandwidthEfficiency(r.engine, hw?.memoryType, backend);
  const rep: ReplicaSpec = { memBwGBps: bw, peakTflops: peak, computeEfficiency, devices: n, parallel, backend, bandwidthEfficiency: engineEff ?? undefined, elementwiseBytesPerToken: swiGluBytes || undefined };
  const scope = correctedScope(r);
  const perGpu = scope.scope === 'per_gpu' ? n : 1;
  // 2023 TensorRT-LLM generation kernel: one thread block per query head, so each KV head is read once per query head.
  const kvReadFactor = perQueryHeadKv ? cat.attentionHeads / cat.kvHeads : 1;
  const note = `bw ${bw} GB/s${engineEff ? ` × ${engineEff} (engine)` : ''}, peak ${peak === null ? 'n/a' : Number(peak.toFixed(2))} TF × ${computeEfficiency.toFixed(2)}${serving ? ` (serving ${eff.servingCompute})` : ''}, ${(bppUsed * 8).toFixed(2)} bits/w${powerNote}, ${parallel}×${n}${kvReadFactor > 1 ? `, KV read ×${kvReadFactor} (per-query-head kernel)` : ''}${swiGluBytes ? `, separate SwiGLU kernel ${(swiGluBytes / 1e6).toFixed(2)} MB/token` : ''}${scope.note ? `, ${scope.note}` : ''}${mxNote}`;
  // llama.cpp CUDA prompt processing: micro-batches of n_ubatch tokens, a dequantize-to-F16 pass per micro-batch for
  // quantized weights in Oct 2023 - Jun 2024 builds, pipelined over layer-split GPUs from Mar 2024 (engines.json).
  const quantized = bppUsed < 1.9;
  const microBatched = backend === 'cuda' && /llama\.cpp/i.test(r.engine);
  const prefillMs = (tokens: number): number =>
    microBatched
      ? microBatchedPrefillMs(g, rep, eff, tokens, bppUsed, {
          microBatchTokens: dequantPrefill?.microBatchTokens ?? pipelined?.microBatchTokens ?? 512,
          serialBytesPerParam: dequantPrefill && quantized ? bppUsed + 2 : 0,
          pipelineStages: pipelined && parallel === 'layer' ? n : 1,
        })
      : prefill(g, rep, eff, tokens, bppUsed).ms;
  const prefillNote = microBatched ? `${dequantPrefill && quantized ? ', dequant→F16 per 512-token µbatch' : ''}${pipelined && parallel === 'layer' && n > 1 ? `, pipelined ×${n}` : ''}` : '';
  const mem = hw?.memoryGb;
  return {
    g,
    rep,
    eff,
    bpp: bppUsed,
    kvBpe,
    kvReadFactor,
    perGpu,
    n,
    peak,
    maxSequences: (ctx) => (mem ? maxBatchByMemory(g, n * mem * 1e9 * eff.discreteMemoryUsable, ctx, bppUsed, kvBpe) : null),
    prefillMs,
    prefillBatchMs: (tokens, sequences) => (microBatched ? sequences * prefillMs(tokens) : prefill(g, rep, eff, tokens, bppUsed, sequences).ms),
    decodeMs: (batch, ctx) => decodeStep(g, rep, eff, batch, ctx, bppUsed, kvBpe, kvReadFactor).ms,
    ...(engineFacts.find((e) => e.groupAdmission) ? { admission: engineFacts.find((e) => e.groupAdmission)!.groupAdmission } : {}),
    note,
    prefillNote,
  };
}

/** Predicts one row; returns a prediction or the reason it cannot. */
function predictRow(r: Record<string, string>, eff: EfficiencyParams): { predicted: number; note: string } | { reason: string } {
  const metric = METRIC_OF[r.metric];
  if (!metric) return { reason: `unknown metric ${r.metric}` };
  if (r.metric.startsWith('mlperf') || r.metric === 'ttft_ms_mean' || r.metric === 'tpot_ms_mean') {
    // The mean output (294.45 tokens/sample, mlcommons/inference language/llama2-70b/README.md) is sourced, but no
    // citable mean input length of the 24,576-sample OpenOrca subset was found (only "up to 1,024"), and prefill is
    // a large share of the work at these lengths; server rows also depend on the offered load.
    return { reason: 'MLPerf scenario: OpenOrca mean input length not found in a citable source (output mean 294.45 is), server load not given' };
  }
  const m = rowModel(r, eff);
  if ('reason' in m) return m;
  const input = parseNumberCell(r.input_len) ?? 0;
  const output = parseNumberCell(r.output_len) ?? 0;
  switch (metric) {
    case 'decode':
      return { predicted: 1000 / m.decodeMs(1, input + Math.max(output, 1) / 2) / m.perGpu, note: m.note };
    case 'prefill': {
      if (!m.peak) return { reason: `no sourced TFLOPS for "${r.hardware}" (prefill is compute-bound)` };
      if (!input) return { reason: 'no input length' };
      return { predicted: input / (m.prefillMs(input) / 1000) / m.perGpu, note: m.note + m.prefillNote };
    }
    case 'ttft': {
      if (!m.peak) return { reason: `no sourced TFLOPS for "${r.hardware}"` };
      return { predicted: m.prefillMs(input), note: m.note + m.prefillNote };
    }
    case 'batched':
      return predictBatched(r, m, input, output);
    case 'tpot':
      return { reason: 'TPOT rows are MLPerf server-load figures' };
  }
}

/** A batched-throughput row: the batch is the row's, or as many sequences as fit (and the benchmark's own limit). */
function predictBatched(r: Record<string, string>, m: RowModel, input: number, output: number): { predicted: number; note: string } | { reason: string } {
  if (!m.peak) return { reason: `no sourced TFLOPS for "${r.hardware}"` };
  if (!input || !output) return { reason: 'input/output length not numeric' };
  // The batch is the row's (static batch) or, for max-load rows, as many sequences as the KV cache holds; a
  // stated batch larger than memory allows is capped (the engine cannot hold more sequences at once).
  const stated = parseNumberCell(r.batch_or_concurrency);
  const memCap = m.maxSequences(input + output);
  if (stated === null && memCap === null) return { reason: 'max-load row and no memory size to bound the batch' };
  // trtllm-bench without batch options: its own limit (4096 for the formats it tunes, BuildConfig's 2048 otherwise).
  const hwId = canonicalHardwareId(r.hardware);
  const backend = hwId?.startsWith('apple-') ? 'metal' : 'cuda';
  const engineFacts = enginesFor(r.engine, backend, r.date);
  const limit = engineFacts.find((e) => e.benchBatchLimit)?.benchBatchLimit;
  const mxfp4 = engineFacts.some((e) => e.mxfp4Checkpoint);
  const cat = getSelfHostModel(catalogueIdFor(r.model) ?? '');
  const weightFormat = mxfp4 && cat?.blockQuantizedExperts ? 'mxfp4' : r.precision.toLowerCase().replace(/[^a-z0-9].*$/, '');
  const benchCap = stated === null && limit ? (limit.tunedWeightFormats.includes(weightFormat) ? limit.tunedCap : limit.untunedDefault) : null;
  const batch = Math.min(stated ?? Number.POSITIVE_INFINITY, memCap ?? Number.POSITIVE_INFINITY, benchCap ?? Number.POSITIVE_INFINITY);
  if (batch < 1) return { reason: 'model does not fit' };
  const capNote = benchCap !== null && batch === benchCap ? ` (trtllm-bench limit for ${weightFormat})` : '';
  return { predicted: batchedOutputTokensPerSec(m.g, m.rep, m.eff, batch, input, output, m.bpp, m.kvBpe, m.kvReadFactor) / m.perGpu, note: `${m.note}, batch ${batch}${capNote}` };
}

/** Runs the calibration over CSV text with throughput.csv's columns. */
export function calibrate(csvText: string, efficiency: EfficiencyParams = DEFAULT_EFFICIENCY): CalibrationReport {
  const rows: CalibrationRow[] = [];
  const skipped: SkippedRow[] = [];
  for (const r of parseCsvRecords(csvText)) {
    const measured = parseNumberCell(r.value);
    if (measured === null || measured <= 0) {
      skipped.push({ id: r.id, metric: r.metric, reason: 'measured value not numeric' });
      continue;
    }
    if (/anomalous/i.test(r.notes ?? '')) {
      skipped.push({ id: r.id, metric: r.metric, reason: `source flags the value as anomalous (${r.notes})` });
      continue;
    }
    const p = predictRow(r, efficiency);
    if ('reason' in p) {
      skipped.push({ id: r.id, metric: r.metric, reason: p.reason });
      continue;
    }
    rows.push({
      id: r.id,
      tier: r.tier,
      metric: METRIC_OF[r.metric],
      hardware: r.hardware,
      model: r.model,
      measured,
      predicted: p.predicted,
      absPctError: Math.abs(p.predicted - measured) / measured,
      note: p.note,
    });
  }
  const stats: CalibrationStat[] = [];
  const metrics: CalibrationMetric[] = ['decode', 'prefill', 'batched', 'ttft', 'tpot'];
  for (const metric of metrics) {
    const ofMetric = rows.filter((x) => x.metric === metric);
    const tiers = ['all', ...new Set(ofMetric.map((x) => x.tier))];
    for (const tier of tiers) {
      const errs = ofMetric.filter((x) => tier === 'all' || x.tier === tier).map((x) => x.absPctError).sort((a, b) => a - b);
      if (errs.length === 0) continue;
      stats.push({ metric, tier, n: errs.length, medianApe: percentile(errs, 0.5), p90Ape: percentile(errs, 0.9) });
    }
  }
  return { rows, skipped, stats };
}
