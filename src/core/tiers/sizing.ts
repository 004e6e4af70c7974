/**
 * One serving replica (tp GPUs) of a model on a device: what it can carry and how fast a request is at the load it
 * actually gets. Capacity is the highest Poisson arrival rate the replica sustains with the KV cache and the engine's
 * batch limit (and, when the workload sets latency targets, with its p95 request meeting them); latency is computed at
 * the load each replica sees at the peak hour, through the queueing model (serving.ts), so a replica that is 1 % busy
 * shows batch-1 speed, not the speed of the largest batch it could hold.
 */
import { decodeStep, kvBytes, prefill, type ReplicaSpec } from './roofline';
import { servingLatency, type ReplicaTimes, type ServingLatency } from './serving';
import { computeOf, weightPlan, type Device, type Served, type WeightPlan } from './weights';
import { DEFAULT_SRC, MAX_BATCH, num, round, type Load } from './numbers';
import type { TierKind, TierNumber, TierOption, TierOptions, TierSource, Workload } from './types';
import servingData from './data/serving.json';

/** A server's per-request overhead outside the GPU (fitted by `npm run calibrate`, data/serving.json). */
export const SERVER_OVERHEAD_MS: number = servingData.serverOverheadMs.value;
const OVERHEAD_SRC = servingData.serverOverheadMs.source as TierSource;

/** The network term of a tier: round trips × RTT (data/serving.json), and whether a published latency already holds it. */
export function networkOf(tier: TierKind): { ms: number; range: readonly [number, number]; included: boolean; basis: string; source: TierSource } {
  const n = servingData.network.tiers[tier];
  return { ms: n.rttMs * n.roundTrips, range: [n.rangeMs[0]! * n.roundTrips, n.rangeMs[1]! * n.roundTrips], included: n.included, basis: n.basis, source: n.source as TierSource };
}

/** The network term as a figure. */
export function networkNumber(tier: TierKind): TierNumber {
  const n = networkOf(tier);
  const f = `${n.ms} ms (${n.range[0]}–${n.range[1]} ms): one round trip on a warm HTTPS connection; ${n.basis}`;
  return num(n.ms, 'ms', f, [n.source, servingData.network.roundTripsSource as TierSource], undefined, n.range);
}

/** A replica of a model on a device at the workload's shape (independent of volume). */
export interface ReplicaModel {
  readonly tp: number;
  readonly plan: WeightPlan;
  readonly times: ReplicaTimes;
  /** Prefill is n/a (no sourced TFLOPS): TTFT is unknown. */
  readonly ttftUnknown: boolean;
  /** Requests/s one replica sustains (KV, batch limit and latency targets). */
  readonly capacityPerSec: number;
  /** Mean decode batch at that capacity. */
  readonly capacityBatch: number;
  /** Whether the p95 request meets the targets at low load (null: no target or unknown). */
  readonly targetsMet: boolean | null;
  readonly memNeededGb: (batch: number) => number;
  readonly memAvailGb: number;
  readonly weightsGb: number;
  /** Step time of a lone request (the batch-1 prediction), ms. */
  readonly batch1DecodeMs: number;
}

function passes(w: Workload, lat: ServingLatency, net: number, outP95: number): boolean | null {
  if (w.ttftTargetMs === undefined && w.e2eTargetMs === undefined) return null;
  if (!lat.stable || lat.ttftP95Ms === null || lat.tpotMs === null) return false;
  const ttft = net + lat.ttftP95Ms;
  const e2e = ttft + outP95 * lat.tpotMs;
  return (w.ttftTargetMs === undefined || ttft <= w.ttftTargetMs) && (w.e2eTargetMs === undefined || e2e <= w.e2eTargetMs);
}

const cache = new Map<string, ReplicaModel | null>();
const effKeys = new WeakMap<object, string>();
const shapeKeys = new WeakMap<object, string>();

/** A key of the workload's shape and targets, once per load object. */
function shapeKey(w: Workload, load: Load): string {
  let k = shapeKeys.get(load);
  if (k === undefined) {
    k = `${load.inMean}|${load.inP95}|${load.outMean}|${load.outP95}|${w.ttftTargetMs}|${w.e2eTargetMs}`;
    shapeKeys.set(load, k);
  }
  return k;
}

/** A cheap key of the efficiency factors (one JSON per options object, not one per call). */
function effKey(e: TierOptions['efficiency']): string {
  let k = effKeys.get(e);
  if (k === undefined) {
    k = JSON.stringify(e);
    effKeys.set(e, k);
  }
  return k;
}

/**
 * The replica model, or null when the model does not fit `tp` devices. `single`: one request at a time (an edge
 * device running one user's requests), so the capacity is 1 ÷ (prefill + output × step).
 */
export function replicaModel(w: Workload, load: Load, m: Served, h: Device, tp: number, o: TierOptions, tier: TierKind, single = false): ReplicaModel | null {
  const key = `${m.model.id}|${h.id}|${h.memoryGb}|${h.memBwGBps}|${h.bf16Tflops}|${h.fp8Tflops}|${h.appleChip?.chipId}|${h.appleChip?.cores}|${tp}|${o.precision}|${effKey(o.efficiency)}|${shapeKey(w, load)}|${tier}|${single}`;
  if (cache.has(key)) return cache.get(key)!;
  if (cache.size > 4000) cache.clear();
  const r = build(w, load, m, h, tp, o, tier, single);
  cache.set(key, r);
  return r;
}

function build(w: Workload, load: Load, m: Served, h: Device, tp: number, o: TierOptions, tier: TierKind, single: boolean): ReplicaModel | null {
  if (h.memoryGb === null) return null;
  const g = m.g;
  const plan = weightPlan(m, h, o);
  const unified = h.category === 'apple_silicon' || h.category === 'edge_soc';
  const usableGb = (h as Device & { usableMemoryGb?: number }).usableMemoryGb;
  const usable = usableGb !== undefined ? tp * usableGb * 1e9 : tp * h.memoryGb * 1e9 * (unified ? o.efficiency.unifiedMemoryUsable : o.efficiency.discreteMemoryUsable);
  const ctxP95 = load.inP95 + load.outP95;
  const wBytes = plan.storedBytes;
  const perSeq = kvBytes(g, 1, ctxP95, plan.kvBytesPerElem);
  const fit = Math.floor((usable - wBytes) / perSeq);
  if (fit < 1) return null;
  const maxSeqs = single ? 1 : Math.min(MAX_BATCH, fit);
  const c = computeOf(h, o);
  const rep: ReplicaSpec = { memBwGBps: h.memBwGBps, peakTflops: plan.peak, computeEfficiency: plan.eff, devices: tp, parallel: 'tensor', backend: h.category === 'apple_silicon' ? 'metal' : 'cuda' };
  const ctxMean = load.inMean + load.outMean / 2;
  const decodeMs = (b: number): number => decodeStep(g, rep, o.efficiency, b, ctxMean, plan.bytesPerParamAt(b), plan.kvBytesPerElem).ms;
  const pf = (tokens: number): number => (c.peak && plan.peak ? prefill(g, rep, o.efficiency, Math.max(1, tokens), plan.bytesPerParamAt(Math.max(1, tokens))).ms : 0);
  const times: ReplicaTimes = { decodeMs, prefillMeanMs: pf(load.inMean), prefillP95Ms: pf(load.inP95), maxSequences: maxSeqs, overheadMs: tier === 'edge' ? 0 : SERVER_OVERHEAD_MS };
  const net = tier === 'edge' ? 0 : networkOf(tier).ms;
  const out = { mean: load.outMean, p95: load.outP95 };
  // Saturation: the full batch at its step time, prefills interleaved (requests/ms).
  const sat = single ? 1 / (times.prefillMeanMs + load.outMean * decodeMs(1)) : maxSeqs / (load.outMean * decodeMs(maxSeqs) + maxSeqs * times.prefillMeanMs);
  const at = (perSec: number): ServingLatency => servingLatency(times, single ? { kind: 'single', perSec } : { kind: 'poisson', perSec }, out);
  const low = at(sat * 1e-6 * 1000);
  const targetsMet = passes(w, low, net, load.outP95);
  let capacity = sat * 1000 * 0.999;
  if (targetsMet === true) {
    // Highest rate at which the p95 request still meets the targets (latency only grows with load).
    let lo = 0;
    let hi = capacity;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (passes(w, at(mid), net, load.outP95)) lo = mid;
      else hi = mid;
    }
    capacity = lo;
  }
  const atCap = at(capacity);
  return {
    tp,
    plan,
    times,
    ttftUnknown: !(c.peak && plan.peak),
    capacityPerSec: capacity,
    capacityBatch: atCap.batch,
    targetsMet,
    memNeededGb: (b) => (wBytes + kvBytes(g, Math.max(1, Math.ceil(b)), ctxP95, plan.kvBytesPerElem)) / 1e9,
    memAvailGb: usable / 1e9,
    weightsGb: wBytes / 1e9,
    batch1DecodeMs: decodeMs(1),
  };
}

/** Latency of a request on a replica at `perSec` arrivals (Poisson; one at a time for `single`). */
export function latencyAt(r: ReplicaModel, perSec: number, load: Load, single = false): ServingLatency {
  return servingLatency(r.times, single ? { kind: 'single', perSec } : { kind: 'poisson', perSec }, { mean: load.outMean, p95: load.outP95 });
}

/** The latency figures of an option at its operating load, with the network term of its tier. */
export function latencyNumbers(
  r: ReplicaModel,
  lat: ServingLatency,
  tier: TierKind,
  perSec: number,
  srcs: readonly TierSource[],
  w: Workload,
  load: Load,
): Pick<TierOption, 'ttftMs' | 'ttftP50Ms' | 'tokensPerSecPerRequest' | 'tokensPerSecPerReplica' | 'e2eLatencyMs' | 'e2eP50Ms' | 'networkMs' | 'operatingBatch' | 'latency'> {
  const net = tier === 'edge' ? 0 : networkOf(tier).ms;
  const allSrcs = [...srcs, OVERHEAD_SRC];
  const tpot = lat.tpotMs;
  const unknown = r.ttftUnknown ? 'n/a — no sourced TFLOPS for prefill' : 'n/a — the replica cannot keep up with this load';
  const ttft95 = r.ttftUnknown || lat.ttftP95Ms === null ? null : net + lat.ttftP95Ms;
  const ttft50 = r.ttftUnknown || lat.ttftP50Ms === null ? null : net + lat.ttftP50Ms;
  const e2e95 = ttft95 === null || tpot === null ? null : ttft95 + load.outP95 * tpot;
  const e2e50 = ttft50 === null || tpot === null ? null : ttft50 + load.outMean * tpot;
  const load1 = `${round(perSec * 60)} req/min per replica at the peak hour (batch ${round(lat.batch, 2)}, prefill busy ${round(lat.prefillShare * 100, 2)} %)`;
  const wait95 = lat.ttftP95Ms === null ? NaN : lat.ttftP95Ms - r.times.prefillP95Ms - r.times.overheadMs;
  const ttftOk = w.ttftTargetMs === undefined || ttft95 === null ? null : ttft95 <= w.ttftTargetMs;
  const e2eOk = w.e2eTargetMs === undefined || e2e95 === null ? null : e2e95 <= w.e2eTargetMs;
  const pass = ttftOk === false || e2eOk === false ? false : ttftOk === null && e2eOk === null ? null : true;
  return {
    ttftMs: num(ttft95, 'ms', `network ${net} ms + server overhead ${r.times.overheadMs} ms + queue p95 ${round(wait95)} ms + prefill(p95 input ${round(load.inP95)}) ${round(r.times.prefillP95Ms)} ms; ${load1}`, allSrcs, unknown),
    ttftP50Ms: num(ttft50, 'ms', `network ${net} ms + server overhead ${r.times.overheadMs} ms + queue p50 + prefill(expected input ${round(load.inMean)}) ${round(r.times.prefillMeanMs)} ms; ${load1}`, allSrcs, unknown),
    tokensPerSecPerRequest: num(tpot === null ? null : 1000 / tpot, 'tokens/s', `1000 ÷ TPOT ${round(tpot ?? NaN)} ms = decode step at batch ${round(lat.batch, 2)} ÷ (1 − prefill share ${round(lat.prefillShare, 2)}); batch-1 step ${round(r.batch1DecodeMs)} ms (TP ${r.tp})`, srcs, 'n/a — the replica cannot keep up with this load'),
    tokensPerSecPerReplica: num(r.capacityPerSec * load.outMean, 'tokens/s', `capacity ${round(r.capacityPerSec)} req/s × ${round(load.outMean)} output tokens (batch ${round(r.capacityBatch, 3)} at capacity)`, srcs),
    e2eLatencyMs: num(e2e95, 'ms', `TTFT p95 + ${round(load.outP95)} output tokens (p95) × TPOT ${round(tpot ?? NaN)} ms`, allSrcs, unknown),
    e2eP50Ms: num(e2e50, 'ms', `TTFT p50 + ${round(load.outMean)} output tokens (expected) × TPOT ${round(tpot ?? NaN)} ms`, allSrcs, unknown),
    networkMs: networkNumber(tier),
    operatingBatch: lat.batch,
    latency: { ttftPass: ttftOk, e2ePass: e2eOk, pass },
  };
}

/** Memory needed per replica with the weight format and KV cache spelled out. */
export function memoryNeeded(r: ReplicaModel, batch: number, m: Served, load: Load): TierNumber {
  const ctx = load.inP95 + load.outP95;
  const b = Math.max(1, Math.ceil(batch));
  const srcs = m.model.blockQuantizedExperts ? [m.model.blockQuantizedExperts.source, m.model.source] : [DEFAULT_SRC, m.model.source];
  return num(r.memNeededGb(b), 'GB', `${round(r.weightsGb)} GB weights (${r.plan.label}) + KV ${b} × ${round(ctx)} tokens × ${m.g.kvElementsPerToken} elements × ${r.plan.kvBytesPerElem} B`, srcs);
}

/**
 * Energy per output token while serving at the operating point: the replica's devices at TDP for the time one
 * request occupies them (its prefill plus its share of each decode step, step ÷ batch), × PUE.
 */
export function joulesPerOutputToken(r: ReplicaModel, lat: ServingLatency, tdpW: number | null, load: Load): number | null {
  if (tdpW === null || lat.tpotMs === null) return null;
  const busyMs = r.times.prefillMeanMs + load.outMean * (r.times.decodeMs(lat.batch) / Math.max(1, lat.batch));
  return (tdpW * r.tp * busyMs) / 1000 / load.outMean;
}
