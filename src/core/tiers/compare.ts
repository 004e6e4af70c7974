/**
 * compareTiers / costCurve / breakEvenVolumes: sizes each tier for a workload with the roofline (roofline.ts) and
 * prices it from the data files. Pure and synchronous; never throws (problems become diagnostics and n/a numbers).
 */
import { apiLatencyFor, computeCapabilityOf, getSelfHostModel, listHardware, listRentalOffers } from './catalogue';
import { canonicalHardwareId } from './hardwareIds';
import { resolveTierOptions } from './defaults';
import {
  BYTES_PER_PARAM,
  decodeStep,
  geometryOf,
  kvBytes,
  kvBytesPerElement,
  mxfp4BytesPerStep,
  mxfp4CheckpointBytes,
  mxfp4ComputeSplit,
  paramsReadPerStep,
  prefill,
  weightBytes,
  type ModelGeometry,
  type ReplicaSpec,
} from './roofline';
import type {
  BreakEven,
  CostCurve,
  HardwareSpec,
  RentalOffer,
  TierComparison,
  TierDiagnostic,
  TierKind,
  TierNumber,
  TierOption,
  TierOptions,
  TierOptionsInput,
  TierResult,
  TierSource,
  SelfHostModel,
  Workload,
} from './types';
import appleGpuData from './data/appleGpu.json';
import enginesData from './data/engines.json';

/** Hours per month used for all monthly figures (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;
/** Days per month (365 / 12). */
export const DAYS_PER_MONTH = 365 / 12;
/** Largest concurrency searched per replica: vLLM's default max_num_seqs is 256. */
export const MAX_BATCH = 256;
const TP_SIZES = [1, 2, 4, 8] as const;

const DEFAULT_SRC: TierSource = { label: 'default (docs/tiers.md)', quality: 'default' };

/**
 * A TierNumber. `why` says what is missing (TierNumber contract); the display adds the "n/a — " itself
 * (present.ts tierNumberTooltip), so a leading "n/a — " is dropped here rather than shown twice.
 */
function num(value: number | null, unit: string, formula: string, sources: readonly TierSource[], why?: string): TierNumber {
  return value === null || !Number.isFinite(value) ? { value: null, unit, formula, sources, why: (why ?? 'no source').replace(/^n\/a — /, '') } : { value, unit, formula, sources };
}

function round(x: number, d = 3): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(d))) : 'n/a';
}

/** Resolved workload figures. */
interface Load {
  readonly inP95: number;
  readonly outP95: number;
  readonly peakReqPerSec: number;
  readonly avgReqPerSec: number;
  readonly tokensPerMonth: number;
}

function loadOf(w: Workload): Load {
  const peak = Math.max(1, w.peakToAverage ?? 3);
  const avg = Math.max(0, w.requestsPerDay) / 86400;
  return {
    inP95: w.inputTokensP95 ?? w.inputTokens,
    outP95: Math.max(1, w.outputTokensP95 ?? w.outputTokens),
    avgReqPerSec: avg,
    peakReqPerSec: avg * peak,
    tokensPerMonth: (w.inputTokens + w.outputTokens) * Math.max(0, w.requestsPerDay) * DAYS_PER_MONTH,
  };
}

/** Peak and efficiency of a device at the chosen precision. */
function computeOf(h: HardwareSpec, o: TierOptions): { peak: number | null; eff: number; src: TierSource[] } {
  const lowP = o.precision === 'fp8' && h.fp8Tflops !== null;
  if (h.category === 'apple_silicon') {
    const fam = /^apple-(m\d)/.exec(h.id)?.[1];
    const rec = appleGpuData.records.find((r) => r.family === fam);
    const cores = Number(/GPU cores (\d+)/.exec((h as HardwareSpec & { notes?: string }).notes ?? '')?.[1] ?? NaN);
    if (rec && Number.isFinite(cores)) return { peak: rec.tflopsPerCore * cores, eff: o.efficiency.computeFallback, src: [rec.source as TierSource] };
    return { peak: null, eff: o.efficiency.computeFallback, src: [] };
  }
  const peak = lowP ? h.fp8Tflops : h.bf16Tflops;
  const mamf = lowP ? h.mamfFp8Tflops : h.mamfBf16Tflops;
  return { peak, eff: peak && mamf ? mamf / peak : o.efficiency.computeFallback, src: [h.source] };
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
interface Served {
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
interface WeightPlan {
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

function round1(x: number): string {
  return x.toFixed(1);
}

/**
 * The weight format actually served. A model that ships only as a checkpoint with block-quantized experts
 * (`blockQuantizedExperts`, gpt-oss: MXFP4) is served as published whatever the precision setting: experts at 4.25 bits,
 * attention and embeddings BF16. Its expert GEMMs run with FP8-class activations at the FP8 rate on SM ≥ the engine's
 * threshold (Blackwell: MXFP8 × MXFP4), else with 16-bit activations (Hopper and older: W4A16); the BF16 weights at
 * the BF16 rate; the KV cache in the format of that path. Without a known SM version (AMD, Apple, user hardware) the
 * 16-bit path is assumed. Every other model uses the precision setting (BYTES_PER_PARAM).
 */
function weightPlan(m: Served, h: HardwareSpec, o: TierOptions): WeightPlan {
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
    const bf16Rate = h.bf16Tflops * (h.mamfBf16Tflops ? h.mamfBf16Tflops / h.bf16Tflops : o.efficiency.computeFallback);
    const fp8Rate = h.fp8Tflops ? h.fp8Tflops * (h.mamfFp8Tflops ? h.mamfFp8Tflops / h.fp8Tflops : o.efficiency.computeFallback) : null;
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

/** Sizing of one replica configuration at the workload's latency targets. */
interface Sizing {
  readonly tp: number;
  readonly batch: number;
  readonly ttftMs: number | null;
  readonly tpotMs: number;
  readonly e2eMs: number | null;
  readonly replicaReqPerSec: number;
  readonly replicaTokPerSec: number;
  readonly pass: boolean | null;
  readonly memNeededGb: number;
  readonly memAvailGb: number;
  readonly weightsGb: number;
  readonly jPerTokenIt: number | null;
}

function sizeReplica(w: Workload, load: Load, m: Served, h: HardwareSpec, tp: number, o: TierOptions, batchCap = MAX_BATCH): Sizing | null {
  if (h.memoryGb === null) return null;
  const g = m.g;
  const plan = weightPlan(m, h, o);
  const bppAt = plan.bytesPerParamAt;
  const kvb = plan.kvBytesPerElem;
  const unified = h.category === 'apple_silicon' || h.category === 'edge_soc';
  const usable = tp * h.memoryGb * 1e9 * (unified ? o.efficiency.unifiedMemoryUsable : o.efficiency.discreteMemoryUsable);
  const ctx = load.inP95 + load.outP95;
  const wBytes = plan.storedBytes;
  const c = { peak: plan.peak, eff: plan.eff };
  const rep: ReplicaSpec = { memBwGBps: h.memBwGBps, peakTflops: c.peak, computeEfficiency: c.eff, devices: tp, parallel: 'tensor', backend: h.category === 'apple_silicon' ? 'metal' : 'cuda' };
  const evalAt = (b: number): Omit<Sizing, 'tp' | 'memAvailGb' | 'weightsGb' | 'jPerTokenIt'> | null => {
    const need = wBytes + kvBytes(g, b, ctx, kvb);
    if (need > usable) return null;
    const dec = decodeStep(g, rep, o.efficiency, b, load.inP95 + load.outP95 / 2, bppAt(b), kvb).ms;
    const pf = c.peak ? prefill(g, rep, o.efficiency, load.inP95, bppAt(load.inP95)).ms : null;
    // Steady state with b sequences in flight: every `output` decode steps, b new prompts are prefilled on the same
    // GPUs. A request sees the other b − 1 prefills interleaved into its decode (TPOT); the replica completes b
    // requests per cycle of output × decode + b × prefill.
    const out = Math.max(1, w.outputTokens);
    const pfAvg = c.peak ? prefill(g, rep, o.efficiency, Math.max(1, w.inputTokens), bppAt(Math.max(1, w.inputTokens))).ms : 0;
    const tpot = dec + ((b - 1) / out) * pfAvg;
    const ttft = pf === null ? null : pf + dec;
    const e2e = ttft === null ? null : ttft + load.outP95 * tpot;
    const ttftOk = w.ttftTargetMs === undefined ? null : ttft === null ? null : ttft <= w.ttftTargetMs;
    const e2eOk = w.e2eTargetMs === undefined ? null : e2e === null ? null : e2e <= w.e2eTargetMs;
    const pass = ttftOk === false || e2eOk === false ? false : ttftOk === null && e2eOk === null ? null : (ttftOk ?? true) && (e2eOk ?? true);
    const reqPerSec = b / ((out * dec + b * pfAvg) / 1000);
    return { batch: b, ttftMs: ttft, tpotMs: tpot, e2eMs: e2e, replicaReqPerSec: reqPerSec, replicaTokPerSec: reqPerSec * w.outputTokens, pass, memNeededGb: need / 1e9 };
  };
  const first = evalAt(1);
  if (!first) return null;
  let best = first;
  // Largest batch that still fits and meets the latency targets (or, if batch 1 already fails, batch 1).
  if (first.pass !== false) {
    for (let b = 2; b <= batchCap; b = b < 16 ? b + 1 : Math.ceil(b * 1.25)) {
      const s = evalAt(b);
      if (!s || s.pass === false) break;
      best = s;
    }
  }
  const tdp = h.tdpW;
  // Energy per output token while serving: all replica devices at TDP for one decode step's share.
  const jPerTokenIt = tdp === null ? null : (tdp * tp) / best.replicaTokPerSec;
  return { ...best, tp, memAvailGb: usable / 1e9, weightsGb: wBytes / 1e9, jPerTokenIt };
}

/**
 * Best replica size for a hardware at this load: among the TP sizes that fit, prefer one that meets the latency
 * targets, then the fewest GPUs in total (replicas × TP), then the most requests/s per GPU.
 */
function bestSizing(w: Workload, load: Load, m: Served, h: HardwareSpec, o: TierOptions, tpSizes: readonly number[]): Sizing | null {
  const cands = tpSizes.map((tp) => sizeReplica(w, load, m, h, tp, o)).filter((s): s is Sizing => s !== null);
  if (cands.length === 0) return null;
  const key = (s: Sizing): [number, number, number] => [s.pass === false ? 1 : 0, replicasFor(load, s, o) * s.tp, -s.replicaReqPerSec / s.tp];
  return cands.reduce((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return kb[i] < ka[i] ? b : a;
    return a;
  });
}

/**
 * Serving replicas for a peak load: ceil(peak req/s ÷ (replica req/s × target utilisation)), at least 1, plus one
 * spare when N+1 redundancy is on.
 */
export function replicasNeeded(peakReqPerSec: number, replicaReqPerSec: number, utilisation: number, nPlus1: boolean): number {
  const need = Math.ceil(peakReqPerSec / Math.max(1e-12, replicaReqPerSec * utilisation) - 1e-9);
  return Math.max(1, need) + (nPlus1 ? 1 : 0);
}

function replicasFor(load: Load, s: Sizing, o: TierOptions): number {
  return replicasNeeded(load.peakReqPerSec, s.replicaReqPerSec, o.utilisation, o.redundancyNPlus1);
}

function energyNumbers(jPerTokIt: number | null, o: TierOptions, srcs: readonly TierSource[], tdpNote: string): Pick<TierOption, 'energyJPerToken' | 'energyKWhPerMTok' | 'co2KgPerMTok'> {
  const j = jPerTokIt === null ? null : jPerTokIt * o.pue;
  const kwh = j === null ? null : (j * 1e6) / 3.6e6;
  return {
    energyJPerToken: num(j, 'J/output token', `${tdpNote} ÷ tokens/s × PUE ${o.pue}`, srcs, 'n/a — no sourced TDP'),
    energyKWhPerMTok: num(kwh, 'kWh/1M output tokens', `${round(j ?? NaN)} J × 1e6 ÷ 3.6e6`, srcs, 'n/a — no sourced TDP'),
    co2KgPerMTok: num(kwh === null ? null : kwh * o.gridKgCo2PerKWh, 'kg CO2e/1M output tokens', `${round(kwh ?? NaN)} kWh × ${o.gridKgCo2PerKWh} kg/kWh`, [...srcs, { label: 'setting tiers.gridIntensity', quality: 'user' }], 'n/a — no sourced TDP'),
  };
}

function latencyNumbers(s: Sizing, srcs: readonly TierSource[], w: Workload): Pick<TierOption, 'ttftMs' | 'tokensPerSecPerRequest' | 'tokensPerSecPerReplica' | 'e2eLatencyMs' | 'latency'> {
  const ttftOk = w.ttftTargetMs === undefined || s.ttftMs === null ? null : s.ttftMs <= w.ttftTargetMs;
  const e2eOk = w.e2eTargetMs === undefined || s.e2eMs === null ? null : s.e2eMs <= w.e2eTargetMs;
  return {
    ttftMs: num(s.ttftMs, 'ms', `prefill(p95 input) + one decode step at batch ${s.batch}`, srcs, 'n/a — no sourced TFLOPS for prefill'),
    tokensPerSecPerRequest: num(1000 / s.tpotMs, 'tokens/s', `1000 ÷ TPOT ${round(s.tpotMs)} ms (batch ${s.batch}, TP ${s.tp})`, srcs),
    tokensPerSecPerReplica: num(s.replicaTokPerSec, 'tokens/s', `batch ${s.batch} × 1000 ÷ TPOT ${round(s.tpotMs)} ms`, srcs),
    e2eLatencyMs: num(s.e2eMs, 'ms', `TTFT + ${w.outputTokensP95 ?? w.outputTokens} × TPOT ${round(s.tpotMs)} ms`, srcs, 'n/a — TTFT unknown'),
    latency: { ttftPass: ttftOk, e2ePass: e2eOk, pass: s.pass },
  };
}

function costNumbers(monthly: number | null, load: Load, formula: string, srcs: readonly TierSource[], why?: string): Pick<TierOption, 'monthlyCostUsd' | 'costPerMTokUsd'> {
  const perM = monthly === null || load.tokensPerMonth <= 0 ? null : monthly / (load.tokensPerMonth / 1e6);
  return {
    monthlyCostUsd: num(monthly, 'USD/month', formula, srcs, why),
    costPerMTokUsd: num(perM, 'USD/1M tokens (input + output)', `${round(monthly ?? NaN)} USD ÷ ${round(load.tokensPerMonth / 1e6)} M tokens/month`, srcs, load.tokensPerMonth <= 0 ? 'n/a — no tokens at zero volume' : why),
  };
}

/** Memory needed per replica with the weight format and KV cache spelled out. */
function memoryNeeded(s: Sizing, m: Served, h: HardwareSpec, o: TierOptions, load: Load): TierNumber {
  const plan = weightPlan(m, h, o);
  const ctx = load.inP95 + load.outP95;
  const srcs = m.model.blockQuantizedExperts ? [m.model.blockQuantizedExperts.source, m.model.source] : [DEFAULT_SRC, m.model.source];
  return num(s.memNeededGb, 'GB', `${round(s.weightsGb)} GB weights (${plan.label}) + KV ${s.batch} × ${ctx} tokens × ${m.g.kvElementsPerToken} elements × ${plan.kvBytesPerElem} B`, srcs);
}

function pickBest(tier: TierKind, opts: TierOption[], notes: string[]): TierResult {
  const cost = (x: TierOption): number => x.monthlyCostUsd.value ?? Number.POSITIVE_INFINITY;
  const sorted = [...opts].sort((a, b) => (a.latency.pass === false ? 1 : 0) - (b.latency.pass === false ? 1 : 0) || cost(a) - cost(b));
  return { tier, best: sorted[0] ?? null, alternatives: sorted.slice(1, 6), notes };
}

function offersFor(o: TierOptions): RentalOffer[] {
  const custom: RentalOffer[] = o.customQuotes.flatMap((q) => {
    const id = canonicalHardwareId(q.hardware);
    if (!id || q.usdPerGpuHour === undefined) return [];
    return [{ provider: q.provider, offering: 'team quote', hardwareId: id, gpusPerInstance: 1, usdPerGpuHour: q.usdPerGpuHour, pricing: q.pricing ?? 'on-demand', source: q.source ?? { label: `team price book: ${q.provider} ${q.hardware}`, quality: 'user' } }];
  });
  return [...listRentalOffers(), ...custom].filter((r) => o.rentalPricing === 'any' || r.pricing === o.rentalPricing);
}

function marketplaceTier(w: Workload, load: Load, m: Served, o: TierOptions): TierResult {
  const notes: string[] = [];
  const hw = listHardware({ categories: ['datacenter_gpu', 'consumer_gpu'], customHardware: o.customHardware });
  const opts: TierOption[] = [];
  for (const offer of offersFor(o)) {
    const h = hw.find((x) => x.id === offer.hardwareId || x.id === `custom:${offer.hardwareId}`);
    if (!h) {
      notes.push(`${offer.provider} ${offer.offering}: no spec for ${offer.hardwareId} in gpus.csv`);
      continue;
    }
    const s = bestSizing(w, load, m, h, o, TP_SIZES.filter((t) => t <= Math.max(8, offer.gpusPerInstance)));
    if (!s) continue;
    const replicas = replicasFor(load, s, o);
    const gpus = Math.ceil((replicas * s.tp) / offer.gpusPerInstance) * offer.gpusPerInstance;
    const monthly = gpus * offer.usdPerGpuHour * HOURS_PER_MONTH;
    const srcs = [h.source, offer.source];
    opts.push({
      tier: 'marketplace',
      label: `${replicas} × ${s.tp} × ${h.name} — ${offer.provider} (${offer.pricing})`,
      provider: offer.provider,
      hardwareId: h.id,
      tensorParallel: s.tp,
      replicas,
      gpuCount: gpus,
      concurrencyPerReplica: s.batch,
      ...costNumbers(monthly, load, `${gpus} GPUs × ${offer.usdPerGpuHour} USD/GPU-h × ${HOURS_PER_MONTH} h`, srcs),
      ...latencyNumbers(s, srcs, w),
      utilisation: num(load.avgReqPerSec / ((replicas - (o.redundancyNPlus1 ? 1 : 0) || 1) * s.replicaReqPerSec), 'fraction', `average ${round(load.avgReqPerSec)} req/s ÷ serving capacity`, srcs),
      ...energyNumbers(s.jPerTokenIt, o, [h.source, { label: 'setting PUE', quality: 'user' }], `${h.tdpW ?? 'n/a'} W × ${s.tp}`),
      memoryNeededGb: memoryNeeded(s, m, h, o, load),
      memoryAvailableGb: num(s.memAvailGb, 'GB', `${s.tp} × ${h.memoryGb} GB × usable fraction`, [h.source]),
      notes: [
        `provisioned for peak (${round(load.peakReqPerSec)} req/s) at ${o.utilisation * 100} % target utilisation${o.redundancyNPlus1 ? ', plus one spare replica (N+1)' : ''}; billed 24/7, no autoscaling`,
        offer.gpusPerInstance > 1 ? `rented in ${offer.gpusPerInstance}-GPU instances` : 'rented per GPU',
        ...(/serverless/i.test(offer.offering) ? ['serverless price billed here as always-on; flex workers that scale to zero cost less at low load'] : []),
        ...weightPlan(m, h, o).notes,
        ...(h.category === 'consumer_gpu' && s.tp > 1 ? ['consumer GPUs have no NVLink: tensor parallel over PCIe is slower than the NVLink-based default assumes'] : []),
      ],
    });
  }
  if (opts.length === 0) notes.push('no rental offer with hardware that fits the model');
  return pickBest('marketplace', opts, [...new Set(notes)]);
}

function onPremTier(w: Workload, load: Load, m: Served, o: TierOptions): TierResult {
  const notes: string[] = [];
  const opts: TierOption[] = [];
  const quotes = o.customQuotes.filter((q) => q.purchaseUsdPerGpu !== undefined);
  for (const h of listHardware({ categories: ['datacenter_gpu', 'consumer_gpu'], customHardware: o.customHardware })) {
    const quote = quotes.find((q) => canonicalHardwareId(q.hardware) === h.id.replace(/^custom:/, ''));
    const price = quote?.purchaseUsdPerGpu ?? h.priceUsd;
    if (price === null || h.tdpW === null) {
      notes.push(`${h.name}: ${price === null ? 'no sourced purchase price' : 'no sourced TDP'} (add a quote in the team price book)`);
      continue;
    }
    const s = bestSizing(w, load, m, h, o, TP_SIZES);
    if (!s) continue;
    const replicas = replicasFor(load, s, o);
    const gpus = replicas * s.tp;
    const capex = (gpus * (price + o.hostOverheadUsdPerGpu)) / (o.amortisationYears * 12);
    const kw = (gpus * h.tdpW) / 1000;
    const power = kw * o.pue * HOURS_PER_MONTH * o.electricityUsdPerKWh;
    const colo = kw * o.colocationUsdPerKWMonth;
    const monthly = (capex + power + colo) * (1 + o.opsOverheadFraction);
    const priceSrc: TierSource = quote?.source ?? { ...h.source, label: `${h.source.label} (price ${h.priceNote ?? ''})` };
    const srcs: TierSource[] = [h.source, priceSrc, { label: 'settings: electricity, PUE, colocation, amortisation, ops overhead', quality: 'user' }];
    opts.push({
      tier: 'onprem',
      label: `${replicas} × ${s.tp} × ${h.name} — on-prem`,
      provider: 'on-prem',
      hardwareId: h.id,
      tensorParallel: s.tp,
      replicas,
      gpuCount: gpus,
      concurrencyPerReplica: s.batch,
      ...costNumbers(
        monthly,
        load,
        `(${gpus} × ${price + o.hostOverheadUsdPerGpu} USD ÷ ${o.amortisationYears * 12} months + ${round(kw)} kW × PUE ${o.pue} × ${HOURS_PER_MONTH} h × ${o.electricityUsdPerKWh} USD/kWh + ${round(kw)} kW × ${o.colocationUsdPerKWMonth} USD/kW-month) × (1 + ${o.opsOverheadFraction} ops)`,
        srcs,
      ),
      ...latencyNumbers(s, srcs, w),
      utilisation: num(load.avgReqPerSec / ((replicas - (o.redundancyNPlus1 ? 1 : 0) || 1) * s.replicaReqPerSec), 'fraction', `average ${round(load.avgReqPerSec)} req/s ÷ serving capacity`, srcs),
      ...energyNumbers(s.jPerTokenIt, o, [h.source], `${h.tdpW} W × ${s.tp}`),
      memoryNeededGb: memoryNeeded(s, m, h, o, load),
      memoryAvailableGb: num(s.memAvailGb, 'GB', `${s.tp} × ${h.memoryGb} GB × usable fraction`, [h.source]),
      notes: [
        'power and colocation charged at TDP for every GPU 24/7 (upper bound; idle draw has no sourced figure)',
        ...weightPlan(m, h, o).notes,
        o.hostOverheadUsdPerGpu === 0 ? 'server chassis/CPU/network cost not included (set hostOverheadUsdPerGpu)' : `host cost ${o.hostOverheadUsdPerGpu} USD per GPU included`,
        ...(h.category === 'consumer_gpu' ? ['GeForce cards: no NVLink (tensor parallel over PCIe), and NVIDIA\'s GeForce driver licence restricts datacenter deployment'] : []),
      ],
    });
  }
  return pickBest('onprem', opts, [...new Set(notes)]);
}

function edgeTier(w: Workload, load: Load, m: Served, options: TierOptions): TierResult {
  const o: TierOptions = { ...options, precision: options.edgePrecision ?? 'int4' };
  const notes: string[] = [];
  const opts: TierOption[] = [];
  const users = Math.max(1, Math.round(w.edgeUsers ?? 1));
  for (const h of listHardware({ categories: ['apple_silicon', 'edge_soc', 'consumer_gpu'], customHardware: o.customHardware })) {
    if (h.memoryGb === null) {
      notes.push(`${h.name}: no sourced memory size`);
      continue;
    }
    const single = sizeReplica(w, load, m, h, 1, o, 1);
    if (!single) {
      notes.push(`${h.name}: model does not fit ${h.memoryGb} GB at ${weightPlan(m, h, o).label}`);
      continue;
    }
    // Edge devices serve one request at a time (single stream); shared devices are sized for the peak.
    const perDeviceReqPerSec = single.replicaReqPerSec;
    const shared = Math.max(1, Math.ceil(load.peakReqPerSec / (perDeviceReqPerSec * o.utilisation)));
    const devices = Math.max(users, shared);
    const busy = Math.min(1, load.avgReqPerSec / (devices * perDeviceReqPerSec));
    const monthly = h.priceUsd === null ? null : (devices * h.priceUsd) / (o.amortisationYears * 12) + (h.tdpW === null ? 0 : (devices * h.tdpW * busy * HOURS_PER_MONTH * o.electricityUsdPerKWh) / 1000);
    const srcs = [h.source];
    opts.push({
      tier: 'edge',
      label: `${devices} × ${h.name}${devices === users ? ' (one per user)' : ' (shared)'}`,
      provider: h.vendor,
      hardwareId: h.id,
      tensorParallel: 1,
      replicas: devices,
      gpuCount: devices,
      concurrencyPerReplica: 1,
      ...costNumbers(monthly, load, `${devices} × ${h.priceUsd ?? 'n/a'} USD ÷ ${o.amortisationYears * 12} months + power at TDP × busy ${round(busy)}`, srcs, 'n/a — no sourced device price'),
      ...latencyNumbers(single, srcs, w),
      utilisation: num(busy, 'fraction', `average load ÷ (${devices} devices × ${round(perDeviceReqPerSec)} req/s)`, srcs),
      ...energyNumbers(h.tdpW === null ? null : h.tdpW / (1000 / single.tpotMs), { ...o, pue: 1 }, srcs, `${h.tdpW ?? 'n/a'} W`),
      memoryNeededGb: memoryNeeded(single, m, h, o, load),
      memoryAvailableGb: num(single.memAvailGb, 'GB', `${h.memoryGb} GB × usable fraction`, [h.source]),
      notes: [`single stream per device; ${users} user(s)`, 'no facility PUE at the edge; power at TDP while busy', ...weightPlan(m, h, o).notes],
    });
  }
  return pickBest('edge', opts, [...new Set(notes)]);
}

function apiTier(w: Workload, load: Load): TierResult {
  if (!w.api) return { tier: 'api', best: null, alternatives: [], notes: ['no hosted-API cost passed in'] };
  const api = w.api;
  const monthly = api.costPerMonthUsd ?? api.costPerRequestUsd * w.requestsPerDay * DAYS_PER_MONTH;
  const lat = apiLatencyFor(api.provider, api.model);
  const rec = lat.find((r) => r.ttftS !== null && r.outputTokensPerSec !== null) ?? lat[0];
  const ttft = rec?.ttftS != null ? rec.ttftS * 1000 : null;
  const tps = rec?.outputTokensPerSec ?? null;
  const e2e = ttft !== null && tps ? ttft + (load.outP95 / tps) * 1000 : null;
  const latSrc = rec ? [rec.source] : [];
  const ttftOk = w.ttftTargetMs === undefined || ttft === null ? null : ttft <= w.ttftTargetMs;
  const e2eOk = w.e2eTargetMs === undefined || e2e === null ? null : e2e <= w.e2eTargetMs;
  const pass = ttftOk === false || e2eOk === false ? false : ttftOk === null && e2eOk === null ? null : true;
  const none = `n/a — no source: no sourced latency figure for ${api.provider} ${api.model} (api_latency.csv, apiLatencySupplement.json)`;
  const opt: TierOption = {
    tier: 'api',
    label: `${api.provider} ${api.model}`,
    provider: api.provider,
    ...costNumbers(monthly, load, api.costPerMonthUsd !== undefined ? 'from the cost engine' : `${api.costPerRequestUsd} USD/request × ${w.requestsPerDay} req/day × ${round(DAYS_PER_MONTH)} days`, [api.source]),
    ttftMs: num(ttft, 'ms', rec ? `${rec.statistic} (${rec.workload})` : '', latSrc, rec ? `n/a — no source: ${rec.provider} ${rec.model} has no sourced TTFT` : none),
    tokensPerSecPerRequest: num(tps, 'tokens/s', rec ? rec.statistic : '', latSrc, rec ? `n/a — no source: ${rec.provider} ${rec.model} has no sourced output speed` : none),
    tokensPerSecPerReplica: num(null, 'tokens/s', '', [], 'n/a — provider capacity not published'),
    e2eLatencyMs: num(e2e, 'ms', `TTFT + ${load.outP95} ÷ ${tps ?? 'n/a'} tokens/s`, latSrc, rec ? 'n/a — no source: needs both a sourced TTFT and output speed' : none),
    latency: { ttftPass: ttftOk, e2ePass: e2eOk, pass },
    utilisation: num(null, 'fraction', '', [], 'n/a — shared provider capacity'),
    energyJPerToken: num(null, 'J/output token', '', [], 'n/a — providers publish no per-token energy'),
    energyKWhPerMTok: num(null, 'kWh/1M output tokens', '', [], 'n/a — providers publish no per-token energy'),
    co2KgPerMTok: num(null, 'kg CO2e/1M output tokens', '', [], 'n/a — providers publish no per-token energy'),
    rateLimit: {
      status: 'unknown',
      peakRequestsPerMinute: load.peakReqPerSec * 60,
      peakTokensPerMinute: load.peakReqPerSec * 60 * (w.inputTokens + w.outputTokens),
      note: 'unknown — no published rate-limit table in the bundled data; compare these peaks with your account tier',
      sources: [],
    },
    notes: rec
      ? [`latency: ${rec.provider} ${rec.model}, ${rec.statistic}, ${rec.workload} (${rec.source.quality ?? 'unrated'} source, ${rec.source.date ?? 'undated'})`]
      : [`latency: n/a — no source for ${api.provider} ${api.model}`],
  };
  return { tier: 'api', best: opt, alternatives: [], notes: [] };
}

interface Evaluated {
  readonly tiers: Record<TierKind, TierResult>;
  readonly diagnostics: TierDiagnostic[];
  readonly load: Load;
}

function evaluate(w: Workload, o: TierOptions): Evaluated {
  const diagnostics: TierDiagnostic[] = [];
  const load = loadOf(w);
  const model = getSelfHostModel(w.selfHostModelId);
  const empty = (tier: TierKind, note: string): TierResult => ({ tier, best: null, alternatives: [], notes: [note] });
  if (!model) {
    diagnostics.push({ severity: 'error', message: `unknown self-host model "${w.selfHostModelId}"` });
    const n = 'unknown self-host model';
    return { tiers: { api: apiTier(w, load), marketplace: empty('marketplace', n), onprem: empty('onprem', n), edge: empty('edge', n) }, diagnostics, load };
  }
  const m: Served = { g: geometryOf(model), model };
  if (model.blockQuantizedExperts) {
    diagnostics.push({ severity: 'info', message: `${model.name} ships only as its ${model.blockQuantizedExperts.format.toUpperCase()} checkpoint: self-hosted tiers size it at that format (${round1(mxfp4CheckpointBytes(model.blockQuantizedExperts) / 2 ** 30)} GiB of weights), not at the precision setting (${o.precision})` });
  }
  return {
    tiers: { api: apiTier(w, load), marketplace: marketplaceTier(w, load, m, o), onprem: onPremTier(w, load, m, o), edge: edgeTier(w, load, m, o) },
    diagnostics,
    load,
  };
}

function apiMonthly(w: Workload, rpd: number): number | null {
  if (!w.api) return null;
  if (w.api.costPerMonthUsd !== undefined && w.requestsPerDay > 0) return (w.api.costPerMonthUsd / w.requestsPerDay) * rpd;
  return w.api.costPerRequestUsd * rpd * DAYS_PER_MONTH;
}

function tierMonthly(w: Workload, o: TierOptions, tier: Exclude<TierKind, 'api'>, rpd: number): number | null {
  // Only the tier asked for is sized (the break-even search calls this ~50 times per tier).
  const model = getSelfHostModel(w.selfHostModelId);
  if (!model) return null;
  const wl = { ...w, requestsPerDay: rpd };
  const load = loadOf(wl);
  const m: Served = { g: geometryOf(model), model };
  const r = tier === 'marketplace' ? marketplaceTier(wl, load, m, o) : tier === 'onprem' ? onPremTier(wl, load, m, o) : edgeTier(wl, load, m, o);
  return r.best?.monthlyCostUsd.value ?? null;
}

/**
 * Volume (requests/day) above which each self-hosted tier is cheaper per month than the API, searched on a log grid
 * from 1 to 1e9 requests/day and refined by bisection. Null when there is no API cost or no crossing.
 */
export function breakEvenVolumes(workload: Workload, options?: TierOptionsInput): BreakEven[] {
  const o = resolveTierOptions(options);
  const tiers: Exclude<TierKind, 'api'>[] = ['marketplace', 'onprem', 'edge'];
  return tiers.map((tier) => {
    if (!workload.api) return { tier, requestsPerDay: null, note: 'no API cost to compare with' };
    const cheaper = (rpd: number): boolean | null => {
      const t = tierMonthly(workload, o, tier, rpd);
      const a = apiMonthly(workload, rpd);
      return t === null || a === null ? null : t <= a;
    };
    let prev = 1;
    if (cheaper(prev) === true) return { tier, requestsPerDay: 1, note: `${tier} is cheaper than the API at every volume from 1 request/day` };
    for (let e = 0.25; e <= 9; e += 0.25) {
      const x = Math.pow(10, e);
      if (cheaper(x) === true) {
        let lo = prev;
        let hi = x;
        for (let i = 0; i < 30 && hi / lo > 1.01; i++) {
          const mid = Math.sqrt(lo * hi);
          if (cheaper(mid) === true) hi = mid;
          else lo = mid;
        }
        const v = Math.round(hi);
        return { tier, requestsPerDay: v, note: `${tier} is cheaper than the API above ~${v.toLocaleString('en-US')} requests/day` };
      }
      prev = x;
    }
    return { tier, requestsPerDay: null, note: `the API is cheaper than ${tier} at every volume up to 1e9 requests/day (or ${tier} has no priced option)` };
  });
}

/** Compares the four tiers for a workload. Options default to `DEFAULT_TIER_OPTIONS`. Never throws. */
export function compareTiers(workload: Workload, options?: TierOptionsInput): TierComparison {
  const o = resolveTierOptions(options);
  const e = evaluate(workload, o);
  return { workload, options: o, tiers: e.tiers, breakEven: breakEvenVolumes(workload, o), diagnostics: e.diagnostics, tokensPerMonth: e.load.tokensPerMonth };
}

/** Monthly cost of each tier's best option at each requests/day point, for the chart; plus break-even volumes. */
export function costCurve(workload: Workload, options: TierOptionsInput | undefined, requestsPerDayPoints: readonly number[]): CostCurve {
  const o = resolveTierOptions(options);
  const kinds: TierKind[] = ['api', 'marketplace', 'onprem', 'edge'];
  const evals = requestsPerDayPoints.map((rpd) => evaluate({ ...workload, requestsPerDay: rpd }, o));
  return {
    requestsPerDay: [...requestsPerDayPoints],
    series: kinds.map((tier) => ({
      tier,
      monthlyCostUsd: evals.map((ev) => ev.tiers[tier].best?.monthlyCostUsd.value ?? null),
      labels: evals.map((ev) => ev.tiers[tier].best?.label ?? null),
    })),
    breakEven: breakEvenVolumes(workload, o),
  };
}
