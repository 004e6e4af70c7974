/**
 * Default options of the tier model. Each default is a named, sourced figure; the justification is in docs/tiers.md.
 */
import type { EfficiencyParams, TierOptions, TierOptionsInput } from './types';

/** Roofline efficiency defaults (docs/tiers.md "Efficiency factors"). */
export const DEFAULT_EFFICIENCY: EfficiencyParams = Object.freeze({
  // pytorch/ao roofline_utils.py: 78 % of peak GEMM achievable; used only where gpus.csv has no measured MAMF.
  computeFallback: 0.78,
  // Serving engines (TensorRT-LLM, vLLM, SGLang, TGI, NIM) reach this share of the achievable GEMM rate over a whole
  // forward pass: fitted on the published TTFT rows (src/core/tiers/data/ttftRows.json + throughput.csv), leave-one-
  // source-out; checked out of sample on the batched-throughput rows. `npm run calibrate` prints the fit.
  servingCompute: 0.68,
  // pytorch/ao roofline_utils.py: 92 % of peak memory bandwidth achievable.
  bandwidth: 0.92,
  // Fixed per-layer cost of one forward step (kernel launches + sync); docs/tiers.md derives ~0.06 ms from
  // ~10-12 kernels per transformer layer at ~5 µs launch/tail latency each.
  stepOverheadMsPerLayer: 0.06,
  // Apple GPUs (Metal): the fixed cost per token measured as the intercept of time/token vs weight bytes across
  // F16/Q8_0/Q4_0 on the same chip (llama.cpp #4167) is 4-7 ms for 32 layers → ~0.16 ms per layer.
  stepOverheadMsPerLayerMetal: 0.16,
  // Each extra tensor-parallel GPU adds 0.9 of a GPU's speed (all-reduce twice per layer over NVLink).
  tensorParallel: 0.9,
  // ~70-78 % of unified memory is GPU-allocatable by default (reference README, XiongjieDai README).
  unifiedMemoryUsable: 0.72,
  // CUDA context, activations and allocator fragmentation: vLLM's default gpu_memory_utilization is 0.9.
  discreteMemoryUsable: 0.9,
});

/** Default tier options (US industrial electricity, Uptime average PUE, CBRE colocation, 5-year life). */
export const DEFAULT_TIER_OPTIONS: TierOptions = Object.freeze({
  precision: 'fp8',
  edgePrecision: 'int4',
  electricityUsdPerKWh: 0.08,
  pue: 1.56,
  utilisation: 0.7,
  colocationUsdPerKWMonth: 184.06,
  amortisationYears: 5,
  gridKgCo2PerKWh: 0.37,
  redundancyNPlus1: true,
  opsOverheadFraction: 0.15,
  rentalPricing: 'on-demand',
  hostOverheadUsdPerGpu: 0,
  efficiency: DEFAULT_EFFICIENCY,
  customHardware: [],
  customQuotes: [],
});

/** Fills a partial options object with the defaults (efficiency merged field by field). */
export function resolveTierOptions(partial?: TierOptionsInput): TierOptions {
  const p = partial ?? {};
  return {
    ...DEFAULT_TIER_OPTIONS,
    ...p,
    efficiency: { ...DEFAULT_EFFICIENCY, ...(p.efficiency ?? {}) },
  };
}
