/**
 * The GPU marketplace and on-prem tiers: for each rental offer / purchasable GPU, the best replica size, the replicas
 * the peak needs at the target utilisation, the monthly cost, and latency at the load each replica then gets.
 */
import { listHardware, listRentalOffers } from './catalogue';
import { canonicalHardwareId } from './hardwareIds';
import { costNumbers, energyFromJoules, HOURS_PER_MONTH, num, round, TP_SIZES, type Load } from './numbers';
import { joulesPerOutputToken, latencyAt, latencyNumbers, memoryNeeded, replicaModel, type ReplicaModel } from './sizing';
import type { ServingLatency } from './serving';
import { weightPlan, type Device, type Served } from './weights';
import type { RentalOffer, TierKind, TierOption, TierOptions, TierResult, TierSource, Workload } from './types';

/** A data gap about one piece of hardware (moved to the diagnostics unless that hardware is in the answer). */
export interface DataGap {
  readonly hardware: string;
  readonly message: string;
}

/** A tier's options, its notes and the data gaps met on the way. */
export interface TierEvaluation {
  readonly result: TierResult;
  readonly gaps: readonly DataGap[];
}

/**
 * Serving replicas for a peak load: ceil(peak req/s ÷ (replica req/s × target utilisation)), at least 1, plus one
 * spare when N+1 redundancy is on.
 */
export function replicasNeeded(peakReqPerSec: number, replicaReqPerSec: number, utilisation: number, nPlus1: boolean): number {
  const need = Math.ceil(peakReqPerSec / Math.max(1e-12, replicaReqPerSec * utilisation) - 1e-9);
  return Math.max(1, need) + (nPlus1 ? 1 : 0);
}

/** A replica size with its count at this load. */
export interface Placement {
  readonly r: ReplicaModel;
  readonly replicas: number;
  /** Replicas that take traffic (the N+1 spare does not). */
  readonly serving: number;
  /** Requests/s each serving replica gets at the peak hour. */
  readonly perReplica: number;
  readonly lat: ServingLatency;
}

function place(r: ReplicaModel, load: Load, o: TierOptions): Placement {
  const replicas = replicasNeeded(load.peakReqPerSec, r.capacityPerSec, o.utilisation, o.redundancyNPlus1);
  const serving = Math.max(1, replicas - (o.redundancyNPlus1 ? 1 : 0));
  const perReplica = load.peakReqPerSec / serving;
  return { r, replicas, serving, perReplica, lat: latencyAt(r, perReplica, load) };
}

/** Replicas a replica size needs at this load (the latency is computed only for the size chosen). */
function replicasOf(r: ReplicaModel, load: Load, o: TierOptions): number {
  return replicasNeeded(load.peakReqPerSec, r.capacityPerSec, o.utilisation, o.redundancyNPlus1);
}

/**
 * Best replica size for a hardware at this load: among the TP sizes that fit, prefer one whose p95 request meets the
 * latency targets, then the fewest GPUs in total (replicas × TP), then the most requests/s per GPU.
 */
export function bestPlacement(w: Workload, load: Load, m: Served, h: Device, o: TierOptions, tpSizes: readonly number[], tier: TierKind): Placement | null {
  const cands = tpSizes.map((tp) => replicaModel(w, load, m, h, tp, o, tier)).filter((r): r is ReplicaModel => r !== null);
  if (cands.length === 0) return null;
  const key = (r: ReplicaModel): [number, number, number] => [r.targetsMet === false ? 1 : 0, replicasOf(r, load, o) * r.tp, -r.capacityPerSec / r.tp];
  const best = cands.reduce((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return kb[i]! < ka[i]! ? b : a;
    return a;
  });
  return place(best, load, o);
}

/** The figures every self-hosted option shares: latency at load, utilisation, energy, memory. */
function servedFigures(p: Placement, h: Device, m: Served, w: Workload, load: Load, o: TierOptions, tier: TierKind, srcs: readonly TierSource[]): Omit<TierOption, 'tier' | 'label' | 'provider' | 'costPerMTokUsd' | 'monthlyCostUsd' | 'notes'> {
  const j = joulesPerOutputToken(p.r, p.lat, h.tdpW, load);
  return {
    hardwareId: h.id,
    tensorParallel: p.r.tp,
    replicas: p.replicas,
    concurrencyPerReplica: Math.max(1, Math.round(p.r.capacityBatch)),
    ...latencyNumbers(p.r, p.lat, tier, p.perReplica, srcs, w, load),
    utilisation: num(load.avgReqPerSec / (p.serving * p.r.capacityPerSec), 'fraction', `average ${round(load.avgReqPerSec)} req/s ÷ (${p.serving} serving replica(s) × capacity ${round(p.r.capacityPerSec)} req/s)`, srcs),
    ...energyFromJoules(
      j === null ? null : j * o.pue,
      o.gridKgCo2PerKWh,
      `${h.tdpW ?? 'n/a'} W × ${p.r.tp} GPU(s) × busy time per request (prefill + output × step ÷ batch ${round(p.lat.batch, 3)}) ÷ output tokens × PUE ${o.pue}; idle draw not included`,
      [h.source, { label: 'setting PUE', quality: 'user' }],
      'n/a — no sourced TDP',
      { label: 'setting tiers.gridIntensity', quality: 'user' },
    ),
    memoryNeededGb: memoryNeeded(p.r, p.r.capacityBatch, m, load),
    memoryAvailableGb: num(p.r.memAvailGb, 'GB', `${p.r.tp} × ${h.memoryGb} GB × usable fraction`, [h.source]),
  };
}

/** The cheapest option that meets the latency targets, else the cheapest; the rest as alternatives. */
export function pickBest(tier: TierKind, opts: TierOption[], notes: string[]): TierResult {
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

export function marketplaceTier(w: Workload, load: Load, m: Served, o: TierOptions): TierEvaluation {
  const gaps: DataGap[] = [];
  const hw = listHardware({ categories: ['datacenter_gpu', 'consumer_gpu'], customHardware: o.customHardware });
  const opts: TierOption[] = [];
  for (const offer of offersFor(o)) {
    const h = hw.find((x) => x.id === offer.hardwareId || x.id === `custom:${offer.hardwareId}`);
    if (!h) {
      gaps.push({ hardware: offer.hardwareId, message: `${offer.provider} ${offer.offering}: no spec for ${offer.hardwareId} in gpus.csv` });
      continue;
    }
    const p = bestPlacement(w, load, m, h, o, TP_SIZES.filter((t) => t <= Math.max(8, offer.gpusPerInstance)), 'marketplace');
    if (!p) continue;
    const gpus = Math.ceil((p.replicas * p.r.tp) / offer.gpusPerInstance) * offer.gpusPerInstance;
    const monthly = gpus * offer.usdPerGpuHour * HOURS_PER_MONTH;
    const srcs = [h.source, offer.source];
    opts.push({
      tier: 'marketplace',
      label: `${p.replicas} × ${p.r.tp} × ${h.name} — ${offer.provider} (${offer.pricing})`,
      provider: offer.provider,
      gpuCount: gpus,
      ...costNumbers(monthly, load, `${gpus} GPUs × ${offer.usdPerGpuHour} USD/GPU-h × ${HOURS_PER_MONTH} h`, srcs),
      ...servedFigures(p, h, m, w, load, o, 'marketplace', srcs),
      notes: [
        `provisioned for peak (${round(load.peakReqPerSec)} req/s) at ${o.utilisation * 100} % target utilisation${o.redundancyNPlus1 ? ', plus one spare replica (N+1)' : ''}; billed 24/7, no autoscaling`,
        `latency at the peak hour: ${round(p.perReplica * 60)} requests/min per replica, mean batch ${round(p.lat.batch, 3)}`,
        offer.gpusPerInstance > 1 ? `rented in ${offer.gpusPerInstance}-GPU instances` : 'rented per GPU',
        ...(/serverless/i.test(offer.offering) ? ['serverless price billed here as always-on; flex workers that scale to zero cost less at low load'] : []),
        ...weightPlan(m, h, o).notes,
        ...(p.r.ttftUnknown ? ['no sourced TFLOPS for this GPU: TTFT is n/a and capacity counts decode alone'] : []),
        ...(h.category === 'consumer_gpu' && p.r.tp > 1 ? ['consumer GPUs have no NVLink: tensor parallel over PCIe is slower than the NVLink-based default assumes'] : []),
      ],
    });
  }
  const notes = opts.length === 0 ? ['no rental offer with hardware that fits the model'] : [];
  return { result: pickBest('marketplace', opts, notes), gaps };
}

export function onPremTier(w: Workload, load: Load, m: Served, o: TierOptions): TierEvaluation {
  const gaps: DataGap[] = [];
  const opts: TierOption[] = [];
  const quotes = o.customQuotes.filter((q) => q.purchaseUsdPerGpu !== undefined);
  for (const h of listHardware({ categories: ['datacenter_gpu', 'consumer_gpu'], customHardware: o.customHardware })) {
    const quote = quotes.find((q) => canonicalHardwareId(q.hardware) === h.id.replace(/^custom:/, ''));
    const price = quote?.purchaseUsdPerGpu ?? h.priceUsd;
    if (price === null || h.tdpW === null) {
      gaps.push({ hardware: h.name, message: `${h.name}: ${price === null ? 'no sourced purchase price' : 'no sourced TDP'} (add a quote in the team price book)` });
      continue;
    }
    const p = bestPlacement(w, load, m, h, o, TP_SIZES, 'onprem');
    if (!p) continue;
    const gpus = p.replicas * p.r.tp;
    const capex = (gpus * (price + o.hostOverheadUsdPerGpu)) / (o.amortisationYears * 12);
    const kw = (gpus * h.tdpW) / 1000;
    const power = kw * o.pue * HOURS_PER_MONTH * o.electricityUsdPerKWh;
    const colo = kw * o.colocationUsdPerKWMonth;
    const monthly = (capex + power + colo) * (1 + o.opsOverheadFraction);
    const priceSrc: TierSource = quote?.source ?? { ...h.source, label: `${h.source.label} (price ${h.priceNote ?? ''})` };
    const srcs: TierSource[] = [h.source, priceSrc, { label: 'settings: electricity, PUE, colocation, amortisation, ops overhead', quality: 'user' }];
    opts.push({
      tier: 'onprem',
      label: `${p.replicas} × ${p.r.tp} × ${h.name} — on-prem`,
      provider: 'on-prem',
      gpuCount: gpus,
      ...costNumbers(
        monthly,
        load,
        `(${gpus} × ${price + o.hostOverheadUsdPerGpu} USD ÷ ${o.amortisationYears * 12} months + ${round(kw)} kW × PUE ${o.pue} × ${HOURS_PER_MONTH} h × ${o.electricityUsdPerKWh} USD/kWh + ${round(kw)} kW × ${o.colocationUsdPerKWMonth} USD/kW-month) × (1 + ${o.opsOverheadFraction} ops)`,
        srcs,
      ),
      ...servedFigures(p, h, m, w, load, o, 'onprem', [h.source]),
      notes: [
        'power and colocation charged at TDP for every GPU 24/7 (upper bound; idle draw has no sourced figure)',
        `latency at the peak hour: ${round(p.perReplica * 60)} requests/min per replica, mean batch ${round(p.lat.batch, 3)}`,
        ...weightPlan(m, h, o).notes,
        ...(p.r.ttftUnknown ? ['no sourced TFLOPS for this GPU: TTFT is n/a and capacity counts decode alone'] : []),
        o.hostOverheadUsdPerGpu === 0 ? 'server chassis/CPU/network cost not included (set hostOverheadUsdPerGpu)' : `host cost ${o.hostOverheadUsdPerGpu} USD per GPU included`,
        ...(h.category === 'consumer_gpu' ? ["GeForce cards: no NVLink (tensor parallel over PCIe), and NVIDIA's GeForce driver licence restricts datacenter deployment"] : []),
      ],
    });
  }
  return { result: pickBest('onprem', opts, []), gaps };
}
