/**
 * The first line a person can act on: which tier is cheapest at this volume, until when, what wins above that, and
 * the condition that decides it — whether the self-hosted open model is good enough — with a quality caveat from a
 * sourced, dated index (src/core/models/quality.ts: LMArena text snapshot, shared with the cheaper-model advice).
 */
import { getHardware, getSelfHostModel } from './catalogue';
import { listEdgeDevices } from './edge';
import { QUALITY_INDEXES, qualityOf } from '../models/quality';
import type { BreakEven, QualityCaveat, QualityNote, Recommendation, TierComparison, TierKind, TierOption, TierResult } from './types';

const NAMES: Readonly<Record<TierKind, string>> = { api: 'the hosted API', marketplace: 'a GPU marketplace', onprem: 'on-prem', edge: 'edge (on the users’ devices)' };

/** `11,580`, `38,500`, `1.2 million`. */
export function roundVolume(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (v >= 1e6) return `${Number((v / 1e6).toPrecision(2))} million`;
  const digits = v >= 1000 ? 3 : 2;
  return Number(v.toPrecision(digits)).toLocaleString('en-US');
}

function usd(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  return v >= 100 ? `$${Math.round(v).toLocaleString('en-US')}` : `$${v.toFixed(2)}`;
}

function hardwareName(id: string | undefined): string {
  if (!id) return '';
  const edge = id.startsWith('edge:') ? listEdgeDevices().find((d) => d.id === id)?.name : undefined;
  const name = edge ?? getHardware(id.replace(/^custom:/, ''))?.name ?? id;
  return name.replace(/^(NVIDIA|AMD|Apple)\s+(GeForce\s+|Instinct\s+)?/i, '');
}

/** `on-prem 2 × RTX 4090`, `a GPU marketplace (RunPod, 2 × L4)`, `the hosted API (openai gpt-4o-mini)`. */
export function optionPhrase(o: TierOption): string {
  if (o.tier === 'api') return `${NAMES.api} (${o.label})`;
  const hw = `${o.gpuCount ?? 1} × ${hardwareName(o.hardwareId)}`;
  if (o.tier === 'marketplace') return `${NAMES.marketplace} (${o.provider}, ${hw})`;
  if (o.tier === 'edge') return `${NAMES.edge}: ${hw}`;
  return `on-prem ${hw}`;
}

function note(model: string, idx: 'lmarena'): QualityNote {
  const q = qualityOf(model, idx);
  return q ? { model, indexName: q.name, score: q.score, ...(q.ci95 !== undefined ? { ci95: q.ci95 } : {}) } : { model };
}

/** Both models in the LMArena snapshot, with the vote share the gap implies (Bradley–Terry, 400-point scale). */
export function qualityCaveat(hostedModel: string, selfHostModelId: string): QualityCaveat {
  const info = QUALITY_INDEXES.lmarena;
  const name = getSelfHostModel(selfHostModelId)?.name ?? selfHostModelId;
  const hosted = note(hostedModel, 'lmarena');
  const selfHosted = note(selfHostModelId, 'lmarena');
  const src = { label: `${info.name} (snapshot ${info.asOf})`, ref: info.source.rule, date: info.asOf, quality: 'primary' as const };
  const base = { index: info.name, asOf: info.asOf, scale: info.scale, hosted, selfHosted, source: src };
  if (hosted.score === undefined || selfHosted.score === undefined) {
    const missing = [hosted.score === undefined ? hostedModel : null, selfHosted.score === undefined ? name : null].filter((x) => x !== null).join(' and ');
    return { ...base, text: `Quality: ${info.name} (snapshot ${info.asOf}) has no score for ${missing}, so the two cannot be compared there; try ${name} on your own prompts before switching.` };
  }
  const delta = selfHosted.score - hosted.score;
  const share = 1 / (1 + 10 ** (delta / 400));
  const ci = (n: QualityNote): string => (n.ci95 !== undefined ? ` ±${n.ci95}` : '');
  const gap = delta === 0 ? 'the same score' : `${Math.abs(delta)} points ${delta < 0 ? 'lower' : 'higher'}`;
  const text = `Quality: on ${info.name} (snapshot ${info.asOf}) ${name} scores ${selfHosted.score}${ci(selfHosted)} and ${hostedModel} ${hosted.score}${ci(hosted)} — ${gap}, so voters would prefer ${hostedModel} in about ${Math.round(share * 100)} % of head-to-head comparisons. Arena votes are general chat; try ${name} on your own prompts before switching.`;
  return { ...base, delta, hostedPreferredShare: share, text };
}

function cheapestOf(c: Pick<TierComparison, 'tiers'>): TierOption | null {
  const cands = (Object.values(c.tiers) as TierResult[]).filter((t) => t.best && !t.notAFit && t.best.latency.pass !== false && t.best.monthlyCostUsd.value !== null).map((t) => t.best!);
  return cands.sort((a, b) => a.monthlyCostUsd.value! - b.monthlyCostUsd.value!)[0] ?? null;
}

/**
 * The recommendation for a comparison. `tierAt` sizes a self-hosted tier at another volume, to name the option that
 * wins above the break-even.
 */
export function recommend(c: Pick<TierComparison, 'workload' | 'tiers' | 'breakEven'>, tierAt: (tier: Exclude<TierKind, 'api'>, rpd: number) => TierResult | null): Recommendation {
  const w = c.workload;
  const vol = `At ${Math.round(w.requestsPerDay).toLocaleString('en-US')} requests/day`;
  const modelName = getSelfHostModel(w.selfHostModelId)?.name ?? w.selfHostModelId;
  const cheapest = cheapestOf(c);
  const quality = w.api ? qualityCaveat(w.api.model, w.selfHostModelId) : undefined;
  const ifQuality = `if ${modelName}'s quality is enough for these prompts`;
  const caveat = quality?.text ?? 'No hosted-API price to compare with: the self-hosted tiers are compared with each other only.';
  if (!cheapest) {
    return { headline: `${vol}, no tier can be priced and meet the latency targets for this workload; see the notes of each tier.`, caveat, cheapest: null, ...(quality ? { quality } : {}) };
  }
  const api = c.tiers.api.best;
  if (cheapest.tier === 'api') {
    const next = [...c.breakEven].filter((b): b is BreakEven & { requestsPerDay: number } => b.requestsPerDay !== null && b.requestsPerDay > w.requestsPerDay).sort((a, b) => a.requestsPerDay - b.requestsPerDay)[0];
    const at = next ? tierAt(next.tier, next.requestsPerDay * 1.01)?.best : undefined;
    const head = `${vol}, ${optionPhrase(cheapest)} is cheapest (${usd(cheapest.monthlyCostUsd.value)}/month)`;
    if (!next || !at) return { headline: `${head} at every volume up to 1e9 requests/day.`, caveat, cheapest: 'api', ...(quality ? { quality } : {}) };
    return { headline: `${head} until ~${roundVolume(next.requestsPerDay)}/day; ${optionPhrase(at)} wins above that, ${ifQuality}.`, caveat, cheapest: 'api', ...(quality ? { quality } : {}) };
  }
  const saving = api?.monthlyCostUsd.value != null ? api.monthlyCostUsd.value - cheapest.monthlyCostUsd.value! : null;
  const vs = saving !== null && api ? ` — ${usd(saving)}/month less than ${NAMES.api} (${api.label})` : '';
  const apiLate = api && api.latency.pass === false ? ` The hosted API misses the latency target.` : '';
  return { headline: `${vol}, ${optionPhrase(cheapest)} is cheapest (${usd(cheapest.monthlyCostUsd.value)}/month)${vs}, ${ifQuality}.${apiLate}`, caveat, cheapest: cheapest.tier, ...(quality ? { quality } : {}) };
}
