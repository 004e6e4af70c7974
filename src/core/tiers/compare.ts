/**
 * compareTiers / costCurve / breakEvenVolumes: sizes each tier for a workload with the roofline (roofline.ts) and the
 * queueing model (serving.ts, sizing.ts), prices it from the data files, and says what to do (recommend.ts). Pure and
 * synchronous; never throws (problems become diagnostics and n/a numbers). The tiers live in apiTier.ts,
 * selfHosted.ts (marketplace, on-prem) and edge.ts.
 */
import { getSelfHostModel } from './catalogue';
import { resolveTierOptions } from './defaults';
import { geometryOf, mxfp4CheckpointBytes } from './roofline';
import { DAYS_PER_MONTH, loadOf, round1, type Load } from './numbers';
import { apiTier } from './apiTier';
import { edgeTier } from './edge';
import { marketplaceTier, onPremTier, type TierEvaluation } from './selfHosted';
import { recommend } from './recommend';
import type { Served } from './weights';
import type { BreakEven, CostCurve, TierComparison, TierDiagnostic, TierKind, TierOptions, TierOptionsInput, TierResult, Workload } from './types';

export { replicasNeeded } from './selfHosted';
export { HOURS_PER_MONTH, DAYS_PER_MONTH, MAX_BATCH } from './numbers';

type SelfHostedTier = Exclude<TierKind, 'api'>;

function evaluateTier(tier: SelfHostedTier, w: Workload, load: Load, m: Served, o: TierOptions): TierEvaluation {
  return tier === 'marketplace' ? marketplaceTier(w, load, m, o) : tier === 'onprem' ? onPremTier(w, load, m, o) : edgeTier(w, load, m, o);
}

/**
 * Data gaps about hardware that is not in the answer leave the tier's notes for the diagnostics list; a gap about the
 * chosen option's own hardware stays beside it.
 */
function splitGaps(tier: SelfHostedTier, e: TierEvaluation): { result: TierResult; diagnostics: TierDiagnostic[] } {
  const best = e.result.best;
  const mine = (hardware: string): boolean => best !== null && (best.hardwareId === hardware || best.label.includes(hardware));
  const keep = e.gaps.filter((g) => mine(g.hardware)).map((g) => g.message);
  const moved = [...new Set(e.gaps.filter((g) => !mine(g.hardware)).map((g) => g.message))];
  return {
    result: keep.length ? { ...e.result, notes: [...e.result.notes, ...keep] } : e.result,
    diagnostics: moved.map((message) => ({ severity: 'info', kind: 'data-gap', tier, message })),
  };
}

interface Evaluated {
  readonly tiers: Record<TierKind, TierResult>;
  readonly diagnostics: TierDiagnostic[];
  readonly load: Load;
  readonly served: Served | null;
}

function evaluate(w: Workload, o: TierOptions): Evaluated {
  const diagnostics: TierDiagnostic[] = [];
  const load = loadOf(w);
  const model = getSelfHostModel(w.selfHostModelId);
  const empty = (tier: TierKind, note: string): TierResult => ({ tier, best: null, alternatives: [], notes: [note] });
  if (!model) {
    diagnostics.push({ severity: 'error', message: `unknown self-host model "${w.selfHostModelId}"` });
    const n = 'unknown self-host model';
    return { tiers: { api: apiTier(w, load), marketplace: empty('marketplace', n), onprem: empty('onprem', n), edge: empty('edge', n) }, diagnostics, load, served: null };
  }
  const m: Served = { g: geometryOf(model), model };
  if (model.blockQuantizedExperts) {
    diagnostics.push({ severity: 'info', message: `${model.name} ships only as its ${model.blockQuantizedExperts.format.toUpperCase()} checkpoint: self-hosted tiers size it at that format (${round1(mxfp4CheckpointBytes(model.blockQuantizedExperts) / 2 ** 30)} GiB of weights), not at the precision setting (${o.precision})` });
  }
  const tiers: Record<TierKind, TierResult> = { api: apiTier(w, load), marketplace: empty('marketplace', ''), onprem: empty('onprem', ''), edge: empty('edge', '') };
  for (const t of ['marketplace', 'onprem', 'edge'] as const) {
    const s = splitGaps(t, evaluateTier(t, w, load, m, o));
    tiers[t] = s.result;
    diagnostics.push(...s.diagnostics);
  }
  return { tiers, diagnostics, load, served: m };
}

function apiMonthly(w: Workload, rpd: number): number | null {
  if (!w.api) return null;
  if (w.api.costPerMonthUsd !== undefined && w.requestsPerDay > 0) return (w.api.costPerMonthUsd / w.requestsPerDay) * rpd;
  return w.api.costPerRequestUsd * rpd * DAYS_PER_MONTH;
}

/** One self-hosted tier's result at another volume (only that tier is sized: the break-even search calls it often). */
export function tierAt(w: Workload, o: TierOptions, tier: SelfHostedTier, rpd: number): TierResult | null {
  const model = getSelfHostModel(w.selfHostModelId);
  if (!model) return null;
  const wl = { ...w, requestsPerDay: rpd };
  return evaluateTier(tier, wl, loadOf(wl), { g: geometryOf(model), model }, o).result;
}

/**
 * Volume (requests/day) above which each self-hosted tier is cheaper per month than the API, searched on a log grid
 * from 1 to 1e9 requests/day and refined by bisection. Null when there is no API cost or no crossing.
 */
export function breakEvenVolumes(workload: Workload, options?: TierOptionsInput): BreakEven[] {
  // compareTiers and costCurve on the same workload and options (the panel calls both) search once.
  if (lastBreakEven && lastBreakEven.workload === workload && lastBreakEven.options === options) return lastBreakEven.result;
  const result = searchBreakEven(workload, options);
  lastBreakEven = { workload, options, result };
  return result;
}
let lastBreakEven: { workload: Workload; options: TierOptionsInput | undefined; result: BreakEven[] } | undefined;

function searchBreakEven(workload: Workload, options?: TierOptionsInput): BreakEven[] {
  const o = resolveTierOptions(options);
  const tiers: SelfHostedTier[] = ['marketplace', 'onprem', 'edge'];
  return tiers.map((tier) => {
    if (!workload.api) return { tier, requestsPerDay: null, note: 'no API cost to compare with' };
    const cheaper = (rpd: number): boolean | null => {
      const t = tierAt(workload, o, tier, rpd)?.best?.monthlyCostUsd.value ?? null;
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
  const breakEven = breakEvenVolumes(workload, options);
  const base = { workload, options: o, tiers: e.tiers, breakEven, diagnostics: e.diagnostics, tokensPerMonth: e.load.tokensPerMonth };
  return { ...base, recommendation: recommend(base, (tier, rpd) => tierAt(workload, o, tier, rpd)) };
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
    breakEven: breakEvenVolumes(workload, options),
  };
}
