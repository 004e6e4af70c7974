/**
 * The hosted-API tier: cost from the cost engine (passed in), latency from published measurements (its TTFT already
 * holds the provider's queueing and the network from the measuring client), the rate-limit tier the peak needs, and an
 * EcoLogits-style energy estimate with its range.
 */
import { apiLatencyFor } from './catalogue';
import { costNumbers, DAYS_PER_MONTH, energyFromJoules, num, round, type Load } from './numbers';
import { rateLimitCheck } from './rateLimits';
import { networkNumber } from './sizing';
import { hostedEnergyPerRequest, HOSTED_ENERGY_SOURCE } from '../models/energy';
import type { TierOption, TierResult, TierSource, Workload } from './types';

const ENERGY_SRC: TierSource = { label: HOSTED_ENERGY_SOURCE.label, ref: HOSTED_ENERGY_SOURCE.rule, date: HOSTED_ENERGY_SOURCE.date, quality: 'derived' };

/** Energy per output token of the API model (EcoLogits), as a range; n/a when EcoLogits estimates no such model. */
function apiEnergy(w: Workload, load: Load): Pick<TierOption, 'energyJPerToken' | 'energyKWhPerMTok' | 'co2KgPerMTok'> & { note: string } {
  const api = w.api!;
  const e = hostedEnergyPerRequest(api.provider, api.model, load.outMean);
  if (!e || e.outputTokens <= 0) {
    const why = `n/a — EcoLogits has no parameter estimate for ${api.model}`;
    return { ...energyFromJoules(null, 0, '', [], why, ENERGY_SRC), note: `energy: ${why}` };
  }
  const jLo = (e.wh.min * 3600) / e.outputTokens;
  const jHi = (e.wh.max * 3600) / e.outputTokens;
  const grid = e.gCo2e.max / 1000 / (e.wh.max / 1000);
  const figures = energyFromJoules(
    (jLo + jHi) / 2,
    grid,
    `${round(e.wh.min)}–${round(e.wh.max)} Wh per request of ${round(e.outputTokens)} output tokens; ${e.formula}`,
    [ENERGY_SRC],
    'n/a',
    { label: `EcoLogits electricity mix of the provider's location (${e.location}, ${round(grid)} kg CO2e/kWh)`, quality: 'derived' },
    [jLo, jHi],
  );
  return { ...figures, note: `energy: ${round(e.wh.min)}–${round(e.wh.max)} Wh per request (EcoLogits-style estimate${e.estimatedParameters ? '; the model size is an estimate, the architecture is not published' : ''})` };
}

export function apiTier(w: Workload, load: Load): TierResult {
  if (!w.api) return { tier: 'api', best: null, alternatives: [], notes: ['no hosted-API cost passed in'] };
  const api = w.api;
  const monthly = api.costPerMonthUsd ?? api.costPerRequestUsd * w.requestsPerDay * DAYS_PER_MONTH;
  const lat = apiLatencyFor(api.provider, api.model);
  const rec = lat.find((r) => r.ttftS !== null && r.outputTokensPerSec !== null) ?? lat[0];
  const ttft = rec?.ttftS != null ? rec.ttftS * 1000 : null;
  const tps = rec?.outputTokensPerSec ?? null;
  const e2e = ttft !== null && tps ? ttft + (load.outP95 / tps) * 1000 : null;
  const e2e50 = ttft !== null && tps ? ttft + (load.outMean / tps) * 1000 : null;
  const latSrc = rec ? [rec.source] : [];
  const ttftOk = w.ttftTargetMs === undefined || ttft === null ? null : ttft <= w.ttftTargetMs;
  const e2eOk = w.e2eTargetMs === undefined || e2e === null ? null : e2e <= w.e2eTargetMs;
  const pass = ttftOk === false || e2eOk === false ? false : ttftOk === null && e2eOk === null ? null : true;
  const none = `n/a — no source: no sourced latency figure for ${api.provider} ${api.model} (api_latency.csv, apiLatencySupplement.json)`;
  const energy = apiEnergy(w, load);
  const peakPerMin = load.peakReqPerSec * 60;
  const rateLimit = rateLimitCheck(api.provider, api.model, {
    requestsPerMinute: peakPerMin,
    inputTokensPerMinute: peakPerMin * load.inMean,
    outputTokensPerMinute: peakPerMin * load.outMean,
    requestsPerDay: w.requestsPerDay,
    monthlyCostUsd: Number.isFinite(monthly) ? monthly : null,
  });
  const ttftWhy = rec ? `n/a — no source: ${rec.provider} ${rec.model} has no sourced TTFT` : none;
  const opt: TierOption = {
    tier: 'api',
    label: `${api.provider} ${api.model}`,
    provider: api.provider,
    ...costNumbers(monthly, load, api.costPerMonthUsd !== undefined ? 'from the cost engine' : `${api.costPerRequestUsd} USD/request × ${w.requestsPerDay} req/day × ${round(DAYS_PER_MONTH)} days`, [api.source]),
    ttftMs: num(ttft, 'ms', rec ? `published ${rec.statistic} (${rec.workload}); it includes the provider's queueing and the network from the measuring client` : '', latSrc, ttftWhy),
    ttftP50Ms: num(ttft, 'ms', rec ? `published ${rec.statistic} (${rec.workload})` : '', latSrc, ttftWhy),
    tokensPerSecPerRequest: num(tps, 'tokens/s', rec ? rec.statistic : '', latSrc, rec ? `n/a — no source: ${rec.provider} ${rec.model} has no sourced output speed` : none),
    tokensPerSecPerReplica: num(null, 'tokens/s', '', [], 'n/a — provider capacity not published'),
    e2eLatencyMs: num(e2e, 'ms', `published TTFT + ${round(load.outP95)} output tokens (p95) ÷ ${tps ?? 'n/a'} tokens/s`, latSrc, rec ? 'n/a — no source: needs both a sourced TTFT and output speed' : none),
    e2eP50Ms: num(e2e50, 'ms', `published TTFT + ${round(load.outMean)} output tokens (expected) ÷ ${tps ?? 'n/a'} tokens/s`, latSrc, rec ? 'n/a — no source: needs both a sourced TTFT and output speed' : none),
    networkMs: networkNumber('api'),
    latency: { ttftPass: ttftOk, e2ePass: e2eOk, pass },
    utilisation: num(null, 'fraction', '', [], 'n/a — shared provider capacity'),
    energyJPerToken: energy.energyJPerToken,
    energyKWhPerMTok: energy.energyKWhPerMTok,
    co2KgPerMTok: energy.co2KgPerMTok,
    rateLimit,
    notes: [
      rec ? `latency: ${rec.provider} ${rec.model}, ${rec.statistic}, ${rec.workload} (${rec.source.quality ?? 'unrated'} source, ${rec.source.date ?? 'undated'}); the network round trip (${networkNumber('api').value} ms on the same continent) is already inside it` : `latency: n/a — no source for ${api.provider} ${api.model}`,
      energy.note,
    ],
  };
  return { tier: 'api', best: opt, alternatives: [], notes: [] };
}
