/**
 * The edge tier: the model runs on each user's own device, so it applies only when each user's requests can run
 * where that user is (client-side code), and it needs the number of users. Cost = users × (device share + energy);
 * each device serves its own user's requests one at a time. Every offered device (data/edgeDevices.json, plus devices
 * from the team price book) is checked: does the model fit its memory, can it keep up with one user's peak, does it
 * meet the latency targets. When none passes, the tier says plainly that edge is not a fit, and why.
 */
import { getHardware, listHardware } from './catalogue';
import { costNumbers, energyFromJoules, HOURS_PER_MONTH, num, round, type Load } from './numbers';
import { latencyAt, latencyNumbers, memoryNeeded, replicaModel } from './sizing';
import { pickBest, type TierEvaluation } from './selfHosted';
import { weightPlan, type Device, type Served } from './weights';
import type { TierOption, TierOptions, TierSource, Workload } from './types';
import edgeData from './data/edgeDevices.json';

interface EdgeRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly vendor: string;
  readonly appleGpu?: { readonly chipId: string; readonly cores: number };
  readonly hardwareId?: string;
  readonly memoryGb: number;
  readonly usableMemoryGb?: number;
  readonly memBwGBps: number;
  readonly priceUsd: number;
  readonly idleW: number | null;
  readonly busyW: number;
  readonly source: TierSource;
}

/** The offered edge devices as catalogue entries (compute from the Apple chip or the hardware table). */
export function listEdgeDevices(customHardware: TierOptions['customHardware'] = []): readonly Device[] {
  const own = (edgeData.records as unknown as readonly EdgeRecord[]).map((r): Device => {
    const hw = r.hardwareId ? getHardware(r.hardwareId) : undefined;
    return {
      id: `edge:${r.id}`,
      name: r.name,
      vendor: r.vendor,
      category: r.appleGpu ? 'apple_silicon' : 'edge_soc',
      memoryGb: r.memoryGb,
      memBwGBps: r.memBwGBps,
      bf16Tflops: hw?.bf16Tflops ?? null,
      fp8Tflops: null,
      int8Tops: null,
      tdpW: r.busyW,
      priceUsd: r.priceUsd,
      mamfBf16Tflops: null,
      mamfFp8Tflops: null,
      source: r.source,
      ...(r.appleGpu ? { appleChip: r.appleGpu } : {}),
      ...(r.usableMemoryGb !== undefined ? { usableMemoryGb: r.usableMemoryGb } : {}),
    } as Device;
  });
  const custom = listHardware({ categories: ['apple_silicon', 'edge_soc'], customHardware }).filter((h) => h.id.startsWith('custom:'));
  return [...own, ...custom];
}

/** Why a device is out, for the plain "not a fit" sentence. */
type Miss = { readonly kind: 'memory' | 'load' | 'latency' | 'price'; readonly text: string; readonly busy?: number };

function notAFitText(m: Served, users: number, perUserPerDay: number, misses: readonly Miss[], o: TierOptions): string {
  const load = misses.filter((x) => x.kind === 'load').sort((a, b) => (a.busy ?? 0) - (b.busy ?? 0));
  if (load.length > 0) {
    return `Edge is not a fit: each of the ${users.toLocaleString('en-US')} user(s) would send ${Math.round(perUserPerDay).toLocaleString('en-US')} requests/day, more than one device can serve at its peak (best: ${load[0]!.text}). Edge suits work that each user runs on their own device at a human pace.`;
  }
  if (misses.length > 0 && misses.every((x) => x.kind === 'memory')) {
    return `Edge is not a fit: ${m.model.name} at ${o.edgePrecision ?? 'int4'} does not fit the memory of any offered device.`;
  }
  const lat = misses.find((x) => x.kind === 'latency');
  return lat ? `Edge is not a fit: no device meets the latency targets (${lat.text}).` : 'Edge is not a fit: no offered device can run this model.';
}

/** The edge tier for `w.edgeUsers` users, each on their own device. */
export function edgeTier(w: Workload, load: Load, m: Served, options: TierOptions): TierEvaluation {
  const o: TierOptions = { ...options, precision: options.edgePrecision ?? 'int4' };
  const users = w.edgeUsers !== undefined && Number.isFinite(w.edgeUsers) && w.edgeUsers >= 1 ? Math.round(w.edgeUsers) : null;
  if (users === null) {
    const note = 'not sized: set the number of users (CLI --users, the panel field, setting tokentier.tiers.users); edge means each user runs the model on their own device';
    return { result: { tier: 'edge', best: null, alternatives: [], notes: [note] }, gaps: [] };
  }
  const perUserPeak = load.peakReqPerSec / users;
  const perUserAvg = load.avgReqPerSec / users;
  const perUserDay = perUserAvg * 86400;
  const opts: TierOption[] = [];
  const misses: Miss[] = [];
  for (const d of listEdgeDevices(o.customHardware)) {
    const r = replicaModel(w, load, m, d, 1, o, 'edge', true);
    if (!r) {
      misses.push({ kind: 'memory', text: `${d.name}: ${m.model.name} does not fit ${d.memoryGb ?? 'n/a'} GB at ${weightPlan(m, d, o).label}` });
      continue;
    }
    const serviceS = 1 / r.capacityPerSec;
    const busyAtPeak = perUserPeak / r.capacityPerSec;
    if (busyAtPeak > o.utilisation) {
      const partial = r.ttftUnknown ? ' (generation alone: no sourced TFLOPS for the prompt)' : '';
      misses.push({ kind: 'load', busy: busyAtPeak, text: `${d.name} takes ${round(serviceS)} s per request${partial}, so one user's peak keeps it ${Math.round(busyAtPeak * 100)} % busy` });
      continue;
    }
    if (d.priceUsd === null) {
      misses.push({ kind: 'price', text: `${d.name}: no sourced price` });
      continue;
    }
    const lat = latencyAt(r, perUserPeak, load, true);
    const busyAvg = perUserAvg / r.capacityPerSec;
    const energyUsd = d.tdpW === null ? 0 : ((d.tdpW * busyAvg * HOURS_PER_MONTH) / 1000) * o.electricityUsdPerKWh;
    const share = d.priceUsd / (o.amortisationYears * 12);
    const monthly = users * (share + energyUsd);
    const srcs = [d.source];
    const nums = latencyNumbers(r, lat, 'edge', perUserPeak, srcs, w, load);
    if (nums.latency.pass === false) misses.push({ kind: 'latency', text: `${d.name}: p95 TTFT ${round(nums.ttftMs.value ?? NaN)} ms, end-to-end ${round(nums.e2eLatencyMs.value ?? NaN)} ms` });
    const j = d.tdpW === null || lat.tpotMs === null ? null : (d.tdpW * (r.times.prefillMeanMs + load.outMean * lat.tpotMs)) / 1000 / load.outMean;
    opts.push({
      tier: 'edge',
      label: `${users.toLocaleString('en-US')} × ${d.name} (one per user)`,
      provider: d.vendor,
      hardwareId: d.id,
      tensorParallel: 1,
      replicas: users,
      gpuCount: users,
      concurrencyPerReplica: 1,
      ...costNumbers(monthly, load, `${users} users × (${d.priceUsd} USD ÷ ${o.amortisationYears * 12} months + ${d.tdpW ?? 'n/a'} W × busy ${round(busyAvg)} × ${HOURS_PER_MONTH} h × ${o.electricityUsdPerKWh} USD/kWh)`, srcs),
      ...nums,
      utilisation: num(busyAvg, 'fraction', `one user's ${round(perUserDay)} requests/day × ${round(serviceS)} s per request ÷ 86,400 s`, srcs),
      ...energyFromJoules(j, o.gridKgCo2PerKWh, `${d.tdpW ?? 'n/a'} W (maximum system power, an upper bound) × (prefill + output × step) ÷ output tokens; no facility PUE at the edge`, srcs, 'n/a — no sourced power', { label: 'setting tiers.gridIntensity', quality: 'user' }),
      memoryNeededGb: memoryNeeded(r, 1, m, load),
      memoryAvailableGb: num(r.memAvailGb, 'GB', `${d.memoryGb} GB × usable fraction`, srcs),
      notes: [
        "applies only when each user's requests run on that user's own device (code that runs client-side)",
        `each device serves its own user one request at a time; that user's peak keeps it ${Math.round(busyAtPeak * 100)} % busy`,
        ...(r.ttftUnknown ? ['no sourced TFLOPS for this device: TTFT is n/a and the busy time counts generation only'] : []),
        `device share ${round(share)} USD/month per user; if users already own such a device, only the energy counts (${round(users * energyUsd)} USD/month)`,
        'power at the published maximum while generating (an upper bound); no facility PUE',
        ...weightPlan(m, d, o).notes,
      ],
    });
  }
  // The fit checks of the devices left out are part of the answer (why not that device), so they stay in the notes.
  const result = pickBest('edge', opts, misses.filter((x) => x.kind !== 'latency').map((x) => x.text));
  if (opts.length === 0) return { result: { ...result, notAFit: notAFitText(m, users, perUserDay, misses, o) }, gaps: [] };
  if (result.best && result.best.latency.pass === false) return { result: { ...result, notAFit: notAFitText(m, users, perUserDay, misses.filter((x) => x.kind === 'latency'), o) }, gaps: [] };
  return { result, gaps: [] };
}
