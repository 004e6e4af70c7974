/**
 * The weight format and compute rate a model gets on a device: the precision setting, or the published checkpoint of a
 * model with block-quantized experts (gpt-oss: MXFP4), by the device's SM version (engines.json `mxfp4Checkpoint`).
 * Serving engines reach `EfficiencyParams.servingCompute` of the achievable GEMM rate on CUDA devices (fitted on the TTFT
 * rows, docs/tiers.md); Apple devices run llama.cpp at the GPU's per-core rate.
 */
import { appleGpuTflops, computeCapabilityOf } from './catalogue';
import { BYTES_PER_PARAM, kvBytesPerElement, mxfp4BytesPerStep, mxfp4CheckpointBytes, mxfp4ComputeSplit, paramsReadPerStep, weightBytes, type ModelGeometry } from './roofline';
import { round, round1 } from './numbers';
import type { HardwareSpec, SelfHostModel, TierOptions, TierSource } from './types';
import appleGpuData from './data/appleGpu.json';
import enginesData from './data/engines.json';

/** A device as the comparison sees it: a catalogue entry, plus the Apple chip of an edge device (edgeDevices.json). */
export type Device = HardwareSpec & { readonly notes?: string; readonly appleChip?: { readonly chipId: string; readonly cores: number } };

/** Peak and efficiency of a device at the chosen precision. */
export function computeOf(h: Device, o: TierOptions): { peak: number | null; eff: number; src: TierSource[] } {
  const lowP = o.precision === 'fp8' && h.fp8Tflops !== null;
  if (h.appleChip) {
    const t = appleGpuTflops(`${h.appleChip.cores}-core GPU`, h.appleChip.chipId);
    return t ? { peak: t.tflops, eff: o.efficiency.computeFallback, src: [t.source] } : { peak: null, eff: o.efficiency.computeFallback, src: [] };
  }
  if (h.category === 'apple_silicon') {
    const fam = /^apple-(m\d)/.exec(h.id)?.[1];
    const rec = appleGpuData.records.find((r) => r.family === fam);
    const cores = Number(/GPU cores (\d+)/.exec(h.notes ?? '')?.[1] ?? NaN);
    if (rec && Number.isFinite(cores)) return { peak: rec.tflopsPerCore * cores, eff: o.efficiency.computeFallback, src: [rec.source as TierSource] };
    return { peak: null, eff: o.efficiency.computeFallback, src: [] };
  }
  const peak = lowP ? h.fp8Tflops : h.bf16Tflops;
  const mamf = lowP ? h.mamfFp8Tflops : h.mamfBf16Tflops;
  // A serving engine (vLLM / TensorRT-LLM class) on a CUDA GPU reaches a fitted share of the GEMM rate over a forward pass.
  const serving = h.category === 'datacenter_gpu' || h.category === 'consumer_gpu' ? o.efficiency.servingCompute : 1;
  return { peak, eff: (peak && mamf ? mamf / peak : o.efficiency.computeFallback) * serving, src: [h.source] };
}

/** Notes on how the chosen precision runs on this hardware. */
function precisionNotes(h: HardwareSpec, o: TierOptions): string[] {
  if ((o.precision === 'fp8' || o.precision === 'int8') && h.fp8Tflops === null) {
    return [`${h.name} has no FP8 tensor cores: 8-bit weights with 16-bit compute (weight-only quantisation) assumed`];
  }
  if (o.precision === 'int4') return ['4-bit weights with 16-bit compute (weight-only quantisation) assumed'];
  return [];
}

/** The model being served: its geometry and catalogue entry. */
export interface Served {
  readonly g: ModelGeometry;
  readonly model: SelfHostModel;
}

/** How the engine runs an MXFP4-expert checkpoint by SM version (engines.json `mxfp4Checkpoint`, TensorRT-LLM). */
interface Mxfp4Paths {
  readonly minSmForFp8Activations: number;
  readonly belowMinSm: { readonly expertActivations: string; readonly kvCache: string };
  readonly atOrAboveMinSm: { readonly expertActivations: string; readonly kvCache: string };
}
const MXFP4_ENGINE = (enginesData.records as readonly { mxfp4Checkpoint?: Mxfp4Paths; source: TierSource }[]).find((e) => e.mxfp4Checkpoint);

/** Weight format of a model on a device: bytes held, bytes read per step, KV format, compute rate, notes for the user. */
export interface WeightPlan {
  /** Bytes to hold all weights. */
  readonly storedBytes: number;
  /** Bytes per parameter to pass the roofline for a step of `tokens` tokens (weight bytes read ÷ parameters read). */
  readonly bytesPerParamAt: (tokens: number) => number;
  readonly kvBytesPerElem: number;
  readonly peak: number | null;
  readonly eff: number;
  readonly src: TierSource[];
  /** Short label of the weight format for formulas, e.g. `fp8` or `MXFP4 checkpoint`. */
  readonly label: string;
  readonly notes: string[];
}

/**
 * The weight format actually served. A model that ships only as a checkpoint with block-quantized experts
 * (`blockQuantizedExperts`, gpt-oss: MXFP4) is served as published whatever the precision setting: experts at 4.25 bits,
 * attention and embeddings BF16. Its expert GEMMs run with FP8-class activations at the FP8 rate on SM ≥ the engine's
 * threshold (Blackwell: MXFP8 × MXFP4), else with 16-bit activations (Hopper and older: W4A16); the BF16 weights at
 * the BF16 rate; the KV cache in the format of that path. Without a known SM version (AMD, Apple, user hardware) the
 * 16-bit path is assumed. Every other model uses the precision setting (BYTES_PER_PARAM).
 */
export function weightPlan(m: Served, h: Device, o: TierOptions): WeightPlan {
  const bq = m.model.blockQuantizedExperts;
  const base = computeOf(h, o);
  if (!bq) {
    const bpp = BYTES_PER_PARAM[o.precision];
    return { storedBytes: weightBytes(m.g, bpp), bytesPerParamAt: () => bpp, kvBytesPerElem: kvBytesPerElement(o.precision), peak: base.peak, eff: base.eff, src: base.src, label: o.precision, notes: precisionNotes(h, o) };
  }
  const experts = m.model.experts ?? 1;
  const k = m.model.expertsPerToken ?? 1;
  const stored = mxfp4CheckpointBytes(bq);
  const sm = h.category === 'apple_silicon' ? null : computeCapabilityOf(h.id.replace(/^custom:/, ''));
  const paths = MXFP4_ENGINE?.mxfp4Checkpoint;
  const path = paths && sm !== null ? (sm >= paths.minSmForFp8Activations ? paths.atOrAboveMinSm : paths.belowMinSm) : { expertActivations: 'bf16', kvCache: 'bf16' };
  const notes = [
    `${m.model.name} is served as its published ${bq.format.toUpperCase()} checkpoint whatever the precision setting (${o.precision}): routed experts ${bq.bitsPerWeight} bits per weight, attention and embeddings BF16 = ${round1(stored / 2 ** 30)} GiB (${round(stored / 1e9)} GB) of weights`,
    sm === null
      ? `${h.name}: SM version unknown, so the expert GEMMs are assumed to run with 16-bit activations (weight-only ${bq.format.toUpperCase()}) and a BF16 KV cache`
      : path.expertActivations === 'fp8'
        ? `${h.name} (SM ${sm.toFixed(1)}): expert GEMMs with FP8-class activations at the FP8 rate (MXFP8 × MXFP4), FP8 KV cache, BF16 attention (TensorRT-LLM kernel path, engines.json)`
        : `${h.name} (SM ${sm.toFixed(1)}): expert GEMMs with BF16 activations (W4A16, no FP4 tensor cores), BF16 KV cache and attention (TensorRT-LLM kernel path, engines.json)`,
  ];
  let peak = base.peak;
  let eff = base.eff;
  if (h.category !== 'apple_silicon' && h.bf16Tflops !== null) {
    // Time per active parameter adds over the two groups: achievable rate = active ÷ Σ(part ÷ rate) (as calibration.ts).
    const bf16Rate = h.bf16Tflops * (h.mamfBf16Tflops ? h.mamfBf16Tflops / h.bf16Tflops : o.efficiency.computeFallback) * o.efficiency.servingCompute;
    const fp8Rate = h.fp8Tflops ? h.fp8Tflops * (h.mamfFp8Tflops ? h.mamfFp8Tflops / h.fp8Tflops : o.efficiency.computeFallback) * o.efficiency.servingCompute : null;
    const expertRate = path.expertActivations === 'fp8' && fp8Rate !== null ? fp8Rate : bf16Rate;
    const split = mxfp4ComputeSplit(bq, experts, k);
    peak = split.activeB / (split.expertActiveB / expertRate + split.bf16ActiveB / bf16Rate);
    eff = 1;
  } else if (h.category !== 'apple_silicon') {
    peak = null;
  }
  return {
    storedBytes: stored,
    bytesPerParamAt: (tokens) => mxfp4BytesPerStep(bq, experts, k, tokens) / paramsReadPerStep(m.g, tokens),
    kvBytesPerElem: path.kvCache === 'fp8' ? 1 : 2,
    peak,
    eff,
    src: [...base.src, bq.source, ...(MXFP4_ENGINE ? [MXFP4_ENGINE.source] : [])],
    label: `${bq.format.toUpperCase()} checkpoint`,
    notes,
  };
}
