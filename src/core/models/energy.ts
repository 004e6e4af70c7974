/**
 * Energy and CO₂e of one hosted-API request, after EcoLogits 0.9.1 (./data/hostedEnergy.json has the constants, the
 * formulas and their source). A model is found only by an id that names exactly a model EcoLogits estimates (dated
 * snapshots and a provider's namespace are stripped); anything else is unknown, never a neighbour's figure.
 *
 * Per request with T output tokens, active parameters P (billions) and total parameters N:
 *   GPU energy per token   f_E = α · e^(β·64) · P + γ                     (Wh, batch 64)
 *   GPUs                   2^⌈log₂ ⌈1.2 · N · 2 / 80⌉⌉                     (16-bit weights on 80 GB GPUs)
 *   generation time        ΔT = T · (α_L · P + β_L · 64 + γ_L)            (s)
 *   server share           ΔT / 3600 · 1.2 kW · GPUs / 8 / 64             (kWh)
 *   request                PUE · (server share + GPUs · T · f_E)
 *   CO₂e                   request × the provider location's electricity mix
 * The range comes from EcoLogits' parameter ranges (closed models: estimates) and the provider's PUE range.
 * Output tokens only: EcoLogits models generation, not the prompt.
 */
import type { Provenance, SiteEnergy } from '../types';
import { familyId } from './modelIds';
import data from './data/hostedEnergy.json';

/** A min–max range. */
export interface EnergyRange {
  readonly min: number;
  readonly max: number;
}

/** Energy of one request to a hosted API. */
export interface HostedEnergy {
  /** Watt-hours per request. */
  readonly wh: EnergyRange;
  /** Grams CO₂e per request (the provider location's electricity mix). */
  readonly gCo2e: EnergyRange;
  readonly outputTokens: number;
  /** Parameter counts used (billions) and whether they are estimates of an unreleased architecture. */
  readonly activeParamsB: EnergyRange;
  readonly totalParamsB: EnergyRange;
  readonly estimatedParameters: boolean;
  readonly pue: EnergyRange;
  readonly location: string;
  readonly gpus: EnergyRange;
  /** The arithmetic at both ends, for tooltips. */
  readonly formula: string;
  readonly source: Provenance;
}

interface ModelRecord {
  readonly ids: readonly string[];
  readonly architecture: string;
  readonly totalParamsB: readonly [number, number];
  readonly activeParamsB: readonly [number, number];
  readonly estimated: boolean;
}

const C = data.constants;
const MODELS = data.models as unknown as readonly ModelRecord[];
const PROVIDERS = data.providers as unknown as Readonly<Record<string, { location: string; pue: readonly [number, number] }>>;
const MIX = data.electricityMixKgCo2PerKWh as Readonly<Record<string, number>>;

/** Where the figures come from. */
export const HOSTED_ENERGY_SOURCE: Provenance = {
  source: 'bundled',
  label: 'EcoLogits 0.9.1 energy model (parameter estimates for closed models)',
  file: 'src/core/models/data/hostedEnergy.json',
  date: data.source.date,
  rule: data.source.ref,
};

/** The model key energy is looked up by: provider namespace, region, dated snapshot, `-v1:0` and `-latest` removed. */
export function energyModelKey(modelId: string): string {
  return familyId(modelId)
    .replace(/-v\d+(:\d+)?$/, '')
    .replace(/[-_@](\d{4}-\d{2}-\d{2}|\d{8})$/, '')
    .replace(/-latest$/, '');
}

const BY_ID = new Map<string, ModelRecord>();
for (const r of MODELS) for (const id of r.ids) BY_ID.set(id, r);

/** EcoLogits' parameter record for a model, or undefined when it estimates none for exactly this model. */
export function energyModelOf(modelId: string): ModelRecord | undefined {
  return BY_ID.get(energyModelKey(modelId));
}

function requestWh(outputTokens: number, activeB: number, totalB: number, pue: number): { wh: number; gpus: number; seconds: number } {
  const fE = C.alpha * Math.exp(C.beta * C.batchSize) * activeB + C.gamma;
  const memoryGb = 1.2 * totalB * (C.quantizationBits / 8);
  const gpus = 2 ** Math.ceil(Math.log2(Math.max(1, Math.ceil(memoryGb / C.gpuMemoryGB))));
  const seconds = outputTokens * (C.alpha_L * activeB + C.beta_L * C.batchSize + C.gamma_L);
  const serverWh = (seconds / 3600) * C.serverPowerKW * 1000 * (gpus / C.serverGpus) / C.batchSize;
  return { wh: pue * (serverWh + gpus * outputTokens * fE), gpus, seconds };
}

/**
 * Energy of one request of `outputTokens` generated tokens to `model` at `provider` (the cost engine's provider id),
 * or undefined when EcoLogits has no parameter figure for exactly that model. Never throws.
 */
export function hostedEnergyPerRequest(provider: string, model: string, outputTokens: number): HostedEnergy | undefined {
  const rec = energyModelOf(model);
  const t = Number.isFinite(outputTokens) ? Math.max(0, outputTokens) : 0;
  if (!rec) return undefined;
  const dc = PROVIDERS[provider] ?? (data.providerFallback as unknown as { location: string; pue: readonly [number, number] });
  const mix = MIX[dc.location] ?? MIX.WOR ?? 0;
  const lo = requestWh(t, rec.activeParamsB[0], rec.totalParamsB[0], dc.pue[0]);
  const hi = requestWh(t, rec.activeParamsB[1], rec.totalParamsB[1], dc.pue[1]);
  const formula = `EcoLogits: ${t} output tokens × (α·e^(64β)·P + γ) Wh per GPU + server share, × PUE; P ${rec.activeParamsB[0]}–${rec.activeParamsB[1]}B active of ${rec.totalParamsB[0]}–${rec.totalParamsB[1]}B${rec.estimated ? ' (estimated: architecture not released)' : ''}, ${lo.gpus}–${hi.gpus} H100, PUE ${dc.pue[0]}–${dc.pue[1]}, ${dc.location} grid ${mix} kg/kWh`;
  return {
    wh: { min: lo.wh, max: hi.wh },
    gCo2e: { min: lo.wh * mix, max: hi.wh * mix },
    outputTokens: t,
    activeParamsB: { min: rec.activeParamsB[0], max: rec.activeParamsB[1] },
    totalParamsB: { min: rec.totalParamsB[0], max: rec.totalParamsB[1] },
    estimatedParameters: rec.estimated,
    pue: { min: dc.pue[0], max: dc.pue[1] },
    location: dc.location,
    gpus: { min: lo.gpus, max: hi.gpus },
    formula,
    source: HOSTED_ENERGY_SOURCE,
  };
}

/**
 * A call site's energy: per call at `generatedTokens` (output + reasoning, expected) and per month at `callsPerMonth`;
 * undefined when EcoLogits estimates no such model.
 */
export function siteEnergyOf(provider: string, model: string, generatedTokens: number, callsPerMonth: number): SiteEnergy | undefined {
  const e = hostedEnergyPerRequest(provider, model, generatedTokens);
  if (!e || !Number.isFinite(callsPerMonth)) return undefined;
  const mid = (r: EnergyRange): number => (r.min + r.max) / 2;
  const range = (r: EnergyRange, k = 1) => ({ min: r.min * k, expected: mid(r) * k, max: r.max * k });
  const calls = Math.max(0, callsPerMonth);
  return {
    whPerCall: range(e.wh),
    gCo2ePerCall: range(e.gCo2e),
    kwhPerMonth: range(e.wh, calls / 1000),
    estimatedParameters: e.estimatedParameters,
    source: { ...e.source, rule: e.formula },
  };
}
