/**
 * The physics: a roofline model of one serving replica (1..n GPUs). Pure functions of spec numbers and named
 * efficiency factors (no per-hardware fitted constants). Times are in milliseconds, sizes in bytes.
 *
 * - Prefill is compute-bound: 2 × active params × tokens FLOPs at (achievable fraction × dense peak).
 * - Decode is memory-bandwidth-bound: each step reads the active weights (MoE: the experts touched by the batch)
 *   plus the KV cache of every sequence, at (achievable fraction × peak bandwidth); it turns compute-bound once
 *   2 × active params × batch FLOPs take longer than the reads.
 * - Every forward step pays a fixed overhead per layer (kernel launches, synchronisation): this is what makes small
 *   models on very fast GPUs slower than bandwidth alone predicts.
 * - Tensor parallel over n GPUs speeds a step up by 1 + (n − 1) × tpEfficiency; layer split (llama.cpp default)
 *   runs the GPUs one after another, so a single stream gets no speed-up.
 */
import type { EfficiencyParams, Precision, SelfHostModel } from './types';

/** Model-card parameter split of a checkpoint with block-quantized routed experts (SelfHostModel.blockQuantizedExperts). */
export interface BlockQuantizedSplit {
  readonly bitsPerWeight: number;
  readonly mlpParamsB: number;
  readonly attentionParamsB: number;
  readonly embedUnembedParamsB: number;
}

/** Bytes per weight for each precision (int4: 4-bit values + one 16-bit scale per 32 weights = 4.5 bits). */
export const BYTES_PER_PARAM: Readonly<Record<Precision, number>> = Object.freeze({
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 4.5 / 8,
});

/** KV-cache bytes per element: FP8 KV with FP8 weights (TensorRT-LLM/vLLM FP8 recipes), else 16-bit. */
export function kvBytesPerElement(precision: Precision): number {
  return precision === 'fp8' ? 1 : 2;
}

/** Model geometry the roofline needs. */
export interface ModelGeometry {
  readonly activeParams: number;
  readonly totalParams: number;
  readonly layers: number;
  /** KV-cache elements per token (all layers, K and V). */
  readonly kvElementsPerToken: number;
  /** Query width per layer (attention heads × head dim) for attention FLOPs. */
  readonly qWidth: number;
  readonly experts?: number;
  readonly expertsPerToken?: number;
}

/** Geometry of a catalogue model. */
export function geometryOf(m: SelfHostModel): ModelGeometry {
  return {
    activeParams: m.activeParamsB * 1e9,
    totalParams: m.totalParamsB * 1e9,
    layers: m.layers,
    kvElementsPerToken: m.kvElementsPerTokenOverride ?? 2 * m.layers * m.kvHeads * m.headDim,
    qWidth: m.attentionHeads * m.headDim,
    experts: m.experts,
    expertsPerToken: m.expertsPerToken,
  };
}

/** One replica's device figures at the precision in use. */
export interface ReplicaSpec {
  /** Peak memory bandwidth of ONE device, GB/s. */
  readonly memBwGBps: number;
  /** Dense peak of ONE device at the compute precision, TFLOPS (null: unknown → compute side n/a). */
  readonly peakTflops: number | null;
  /** Achievable fraction of that peak (measured MAMF ÷ peak, else the fallback). */
  readonly computeEfficiency: number;
  /** Devices in the replica. */
  readonly devices: number;
  /** How the devices split the model. */
  readonly parallel: 'tensor' | 'layer';
  /** GPU programming backend: sets the fixed per-layer step overhead (Metal dispatch costs more than CUDA launch). */
  readonly backend: 'cuda' | 'metal';
  /** Achievable bandwidth fraction for this engine × memory when it differs from the default (see engines.json). */
  readonly bandwidthEfficiency?: number;
  /**
   * Bytes moved per token (whole model, all layers) by elementwise kernels the engine runs separately from the GEMMs,
   * e.g. TensorRT-LLM 2023's SwiGLU kernel after the MLP GEMMs (engines.json `unfusedSwiGlu`). Memory-bound, runs
   * after the GEMM that feeds it, so its time adds. 0 / absent when fused into the GEMMs.
   */
  readonly elementwiseBytesPerToken?: number;
}

/**
 * Parameters whose weights one decode step reads at a given batch. Dense: all. MoE: the always-on part plus the
 * routed experts touched by at least one of `batch` tokens, expected fraction 1 − (1 − k/E)^batch.
 */
export function paramsReadPerStep(g: ModelGeometry, tokensInStep: number): number {
  if (!g.experts || !g.expertsPerToken || g.totalParams <= g.activeParams) return g.activeParams;
  const share = g.expertsPerToken / g.experts;
  const expertParams = (g.totalParams - g.activeParams) / (1 - share);
  const alwaysOn = g.totalParams - expertParams;
  const touched = 1 - Math.pow(1 - share, Math.max(1, tokensInStep));
  return alwaysOn + expertParams * touched;
}

/** Speed-up of one step over the replica's devices. */
export function parallelSpeedup(r: ReplicaSpec, eff: EfficiencyParams): number {
  if (r.parallel === 'layer' || r.devices <= 1) return 1;
  return 1 + (r.devices - 1) * eff.tensorParallel;
}

/** Breakdown of one forward step. */
export interface StepTime {
  readonly ms: number;
  readonly memoryMs: number;
  readonly computeMs: number | null;
  readonly overheadMs: number;
  readonly bytesRead: number;
  readonly flops: number;
}

/**
 * One forward step as two kernel families, each on its own roofline, run one after the other:
 * the weight GEMMs (read `weightBytes`, do `gemmFlops`) and attention (read `kvBytesRead`, do `attnFlops`).
 * Plus separate elementwise kernels (`elementwiseBytesPerToken` × tokens, memory-bound) and the fixed per-layer
 * overhead of the backend.
 */
function step(weightBytesRead: number, gemmFlops: number, kvBytesRead: number, attnFlops: number, tokens: number, g: ModelGeometry, r: ReplicaSpec, eff: EfficiencyParams): StepTime {
  const speed = parallelSpeedup(r, eff);
  const bw = r.memBwGBps * 1e9 * (r.bandwidthEfficiency ?? eff.bandwidth) * speed;
  const fl = r.peakTflops ? r.peakTflops * 1e12 * r.computeEfficiency * speed : null;
  const wMem = (weightBytesRead / bw) * 1000;
  const aMem = (kvBytesRead / bw) * 1000;
  const wComp = fl ? (gemmFlops / fl) * 1000 : null;
  const aComp = fl ? (attnFlops / fl) * 1000 : null;
  const eMem = ((tokens * (r.elementwiseBytesPerToken ?? 0)) / bw) * 1000;
  const overheadMs = g.layers * (r.backend === 'metal' ? eff.stepOverheadMsPerLayerMetal : eff.stepOverheadMsPerLayer);
  const ms = Math.max(wMem, wComp ?? 0) + Math.max(aMem, aComp ?? 0) + eMem + overheadMs;
  return { ms, memoryMs: wMem + aMem + eMem, computeMs: fl ? (wComp ?? 0) + (aComp ?? 0) : null, overheadMs, bytesRead: weightBytesRead + kvBytesRead, flops: gemmFlops + attnFlops };
}

/** Attention FLOPs for one new token against `context` cached tokens: QK and PV, 2 × 2 × layers × context × q width. */
function attentionFlopsPerToken(g: ModelGeometry, context: number): number {
  return 4 * g.layers * context * g.qWidth;
}

/**
 * One decode step for `batch` sequences whose average context is `contextTokens`.
 * @param bytesPerParam weight bytes per parameter actually stored (precision or a row's weights_gib ÷ params)
 * @param kvBytesPerElem KV-cache bytes per element
 * @param kvReadFactor how many times the attention kernel reads each cached KV element per step: 1 for kernels that
 *   share a KV head across its query-head group (current engines); query heads ÷ KV heads for kernels that run one
 *   thread block per query head (TensorRT-LLM's 2023 masked-MHA kernel, see engines.json)
 */
export function decodeStep(
  g: ModelGeometry,
  r: ReplicaSpec,
  eff: EfficiencyParams,
  batch: number,
  contextTokens: number,
  bytesPerParam: number,
  kvBytesPerElem: number,
  kvReadFactor = 1,
): StepTime {
  const weightBytes = paramsReadPerStep(g, batch) * bytesPerParam;
  const kvBytes = batch * contextTokens * g.kvElementsPerToken * kvBytesPerElem * kvReadFactor;
  return step(weightBytes, 2 * g.activeParams * batch, kvBytes, batch * attentionFlopsPerToken(g, contextTokens), batch, g, r, eff);
}

/**
 * Prefill of `sequences` prompts of `tokensPerSequence` tokens each, in one pass: GEMMs 2 × active × tokens FLOPs
 * reading the weights once; causal attention 2 × layers × n² × q width FLOPs per sequence; one step's overhead.
 */
export function prefill(g: ModelGeometry, r: ReplicaSpec, eff: EfficiencyParams, tokensPerSequence: number, bytesPerParam: number, sequences = 1): StepTime {
  const tokens = tokensPerSequence * sequences;
  const weightBytes = paramsReadPerStep(g, tokens) * bytesPerParam;
  const attn = sequences * 2 * g.layers * tokensPerSequence * tokensPerSequence * g.qWidth;
  return step(weightBytes, 2 * g.activeParams * tokens, 0, attn, tokens, g, r, eff);
}

/** How an engine cuts a long prompt into micro-batches (llama.cpp's `n_ubatch`) and what each one costs extra. */
export interface MicroBatching {
  /** Tokens per micro-batch (llama.cpp default n_ubatch = 512). */
  readonly microBatchTokens: number;
  /**
   * Extra bytes per parameter moved by a separate, memory-bound pass before each micro-batch's GEMMs: llama.cpp's
   * Oct 2023 - Jun 2024 CUDA path dequantizes quantized weights to F16 (read the stored bytes, write 2 bytes), then
   * runs cuBLAS. 0 when the GEMM reads the weights directly.
   */
  readonly serialBytesPerParam: number;
  /** GPUs the micro-batches flow through as a pipeline (llama.cpp layer split since PR #6017), 1 = no pipelining. */
  readonly pipelineStages: number;
}

/**
 * Prefill of one prompt of `tokens` tokens processed in micro-batches: micro-batch k (u tokens, after c earlier
 * tokens) costs the weight GEMMs 2 × active × u, causal attention 4 × layers × q width × u × (c + u/2) FLOPs, the
 * serial dequantization pass and the per-step overhead. Without pipelining the micro-batches run one after another;
 * pipelined over N devices (each holding 1/N of the layers), m micro-batches take (N + m − 1)/N micro-batch times.
 * Returns milliseconds.
 */
export function microBatchedPrefillMs(g: ModelGeometry, r: ReplicaSpec, eff: EfficiencyParams, tokens: number, bytesPerParam: number, mb: MicroBatching): number {
  const u = Math.max(1, mb.microBatchTokens);
  const m = Math.max(1, Math.ceil(tokens / u));
  const bw = r.memBwGBps * 1e9 * eff.bandwidth;
  let serialMs = 0;
  for (let k = 0; k < m; k++) {
    const uk = Math.min(u, tokens - k * u);
    const attn = 4 * g.layers * g.qWidth * uk * (k * u + uk / 2);
    const weightBytesRead = paramsReadPerStep(g, uk) * bytesPerParam;
    const dequantMs = ((paramsReadPerStep(g, uk) * mb.serialBytesPerParam) / bw) * 1000;
    serialMs += step(weightBytesRead, 2 * g.activeParams * uk, 0, attn, uk, g, r, eff).ms + dequantMs;
  }
  const n = Math.max(1, mb.pipelineStages);
  return n > 1 ? (serialMs / m) * ((n + m - 1) / n) : serialMs;
}

/**
 * Sustained FLOP rate of a board whose power budget binds, at a fixed energy per FLOP: the same kernel on the same die
 * does `anchorTflops` on an `anchorTdpW` budget, so a `tdpW` budget sustains at most tdpW × anchorTflops ÷ anchorTdpW.
 * Returns TFLOPS.
 */
export function energyLimitedTflops(tdpW: number, anchorTflops: number, anchorTdpW: number): number {
  return (tdpW * anchorTflops) / anchorTdpW;
}

/**
 * Bytes of a checkpoint whose routed experts are block-quantized (`bitsPerWeight`, e.g. MXFP4 4.25) and whose other
 * weights (attention, embedding, unembedding) are 16-bit. gpt-oss-20b: 19.12B × 4.25/8 + 1.80B × 2 = 13.76 GB = 12.8 GiB.
 */
export function mxfp4CheckpointBytes(q: BlockQuantizedSplit): number {
  return q.mlpParamsB * 1e9 * (q.bitsPerWeight / 8) + (q.attentionParamsB + q.embedUnembedParamsB) * 1e9 * 2;
}

/**
 * Active parameters per token (billions) of such a checkpoint, split by the precision their GEMMs run in: the routed
 * experts touched per token (MLP × k/E, block-quantized) and the 16-bit attention plus unembedding (half of embed +
 * unembed; the embedding is a lookup). gpt-oss-20b: 2.39 + 1.22 = 3.61B, the model card's active count.
 */
export function mxfp4ComputeSplit(q: BlockQuantizedSplit, experts: number, expertsPerToken: number): { expertActiveB: number; bf16ActiveB: number; activeB: number } {
  const expertActiveB = (q.mlpParamsB * expertsPerToken) / experts;
  const bf16ActiveB = q.attentionParamsB + q.embedUnembedParamsB / 2;
  return { expertActiveB, bf16ActiveB, activeB: expertActiveB + bf16ActiveB };
}

/**
 * Weight bytes one forward step of `tokens` tokens reads from such a checkpoint: the 16-bit attention weights and
 * unembedding every step (the embedding is a row lookup), plus the routed experts touched by at least one token,
 * expected fraction 1 − (1 − k/E)^tokens, at `bitsPerWeight`. gpt-oss-120b at one token:
 * (0.96 + 0.58)e9 × 2 + 114.71e9 × 4/128 × 4.25/8 = 3.08e9 + 1.90e9 = 4.98e9 B.
 */
export function mxfp4BytesPerStep(q: BlockQuantizedSplit, experts: number, expertsPerToken: number, tokens: number): number {
  const touched = 1 - Math.pow(1 - expertsPerToken / Math.max(1, experts), Math.max(1, tokens));
  return (q.attentionParamsB + q.embedUnembedParamsB / 2) * 1e9 * 2 + q.mlpParamsB * 1e9 * touched * (q.bitsPerWeight / 8);
}

/** Bytes to hold a model: all weights (MoE: every expert) at `bytesPerParam`. */
export function weightBytes(g: ModelGeometry, bytesPerParam: number): number {
  return g.totalParams * bytesPerParam;
}

/** KV-cache bytes for `sequences` × `contextTokens`. */
export function kvBytes(g: ModelGeometry, sequences: number, contextTokens: number, kvBytesPerElem: number): number {
  return sequences * contextTokens * g.kvElementsPerToken * kvBytesPerElem;
}

/**
 * Batched (offline / max-load) output throughput of one replica, tokens/s: `batch` sequences each with `input`
 * prompt tokens and `output` generated tokens, run to completion (prefill, then `output` decode steps at the
 * average context input + output/2). In-flight batching at steady state has the same per-token cost.
 */
export function batchedOutputTokensPerSec(
  g: ModelGeometry,
  r: ReplicaSpec,
  eff: EfficiencyParams,
  batch: number,
  input: number,
  output: number,
  bytesPerParam: number,
  kvBytesPerElem: number,
  kvReadFactor = 1,
): number {
  const pf = prefill(g, r, eff, input, bytesPerParam, batch).ms;
  const dec = decodeStep(g, r, eff, batch, input + output / 2, bytesPerParam, kvBytesPerElem, kvReadFactor).ms;
  return (batch * output) / ((pf + output * dec) / 1000);
}

/** Largest batch whose KV cache (at `contextTokens` each) fits next to the weights in `usableBytes`. */
export function maxBatchByMemory(g: ModelGeometry, usableBytes: number, contextTokens: number, bytesPerParam: number, kvBytesPerElem: number): number {
  const free = usableBytes - weightBytes(g, bytesPerParam);
  if (free <= 0) return 0;
  return Math.floor(free / (contextTokens * g.kvElementsPerToken * kvBytesPerElem));
}
