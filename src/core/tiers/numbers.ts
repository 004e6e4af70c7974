/**
 * Shared pieces of the tier comparison: the workload's load figures, month lengths, and {@link TierNumber} builders
 * (every figure with its formula and sources). Pure.
 */
import type { TierNumber, TierSource, Workload } from './types';

/** Hours per month used for all monthly figures (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;
/** Days per month (365 / 12). */
export const DAYS_PER_MONTH = 365 / 12;
/** Largest concurrency per replica: vLLM's default max_num_seqs is 256. */
export const MAX_BATCH = 256;
/** Tensor-parallel sizes evaluated. */
export const TP_SIZES = [1, 2, 4, 8] as const;

export const DEFAULT_SRC: TierSource = { label: 'default (docs/tiers.md)', quality: 'default' };

/**
 * A TierNumber. `why` says what is missing (TierNumber contract); the display adds the "n/a — " itself
 * (present.ts tierNumberTooltip), so a leading "n/a — " is dropped here rather than shown twice.
 */
export function num(value: number | null, unit: string, formula: string, sources: readonly TierSource[], why?: string, range?: readonly [number, number]): TierNumber {
  if (value === null || !Number.isFinite(value)) return { value: null, unit, formula, sources, why: (why ?? 'no source').replace(/^n\/a — /, '') };
  return range ? { value, unit, formula, sources, range } : { value, unit, formula, sources };
}

/** `x` to `d` significant digits, for formulas (arithmetic, not toPrecision: formulas are built by the thousand). */
export function round(x: number, d = 3): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (x === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(x)));
  const k = d - 1 - e;
  if (k <= 0) {
    const f = 10 ** -k;
    return String(Math.round(x / f) * f);
  }
  const f = 10 ** Math.min(k, 20);
  return String(Math.round(x * f) / f);
}

export function round1(x: number): string {
  return x.toFixed(1);
}

/** Resolved workload figures. */
export interface Load {
  /** Expected tokens per request. */
  readonly inMean: number;
  readonly outMean: number;
  readonly inP95: number;
  readonly outP95: number;
  readonly peakReqPerSec: number;
  readonly avgReqPerSec: number;
  readonly tokensPerMonth: number;
  readonly peakToAverage: number;
}

export function loadOf(w: Workload): Load {
  const peak = Math.max(1, w.peakToAverage ?? 3);
  const avg = Math.max(0, w.requestsPerDay) / 86400;
  return {
    inMean: Math.max(0, w.inputTokens),
    outMean: Math.max(1, w.outputTokens),
    inP95: w.inputTokensP95 ?? w.inputTokens,
    outP95: Math.max(1, w.outputTokensP95 ?? w.outputTokens),
    avgReqPerSec: avg,
    peakReqPerSec: avg * peak,
    peakToAverage: peak,
    tokensPerMonth: (w.inputTokens + w.outputTokens) * Math.max(0, w.requestsPerDay) * DAYS_PER_MONTH,
  };
}

/** Monthly cost and cost per 1M tokens. */
export function costNumbers(monthly: number | null, load: Load, formula: string, srcs: readonly TierSource[], why?: string): { monthlyCostUsd: TierNumber; costPerMTokUsd: TierNumber } {
  const perM = monthly === null || load.tokensPerMonth <= 0 ? null : monthly / (load.tokensPerMonth / 1e6);
  return {
    monthlyCostUsd: num(monthly, 'USD/month', formula, srcs, why),
    costPerMTokUsd: num(perM, 'USD/1M tokens (input + output)', `${round(monthly ?? NaN)} USD ÷ ${round(load.tokensPerMonth / 1e6)} M tokens/month`, srcs, load.tokensPerMonth <= 0 ? 'n/a — no tokens at zero volume' : why),
  };
}

/** Energy per output token → kWh and CO₂e per 1M output tokens. */
export function energyFromJoules(
  j: number | null,
  gridKgPerKWh: number,
  formula: string,
  srcs: readonly TierSource[],
  why: string,
  gridSource: TierSource,
  range?: readonly [number, number],
): { energyJPerToken: TierNumber; energyKWhPerMTok: TierNumber; co2KgPerMTok: TierNumber } {
  const kwh = j === null ? null : (j * 1e6) / 3.6e6;
  const toKwh = (x: number): number => (x * 1e6) / 3.6e6;
  return {
    energyJPerToken: num(j, 'J/output token', formula, srcs, why, range),
    energyKWhPerMTok: num(kwh, 'kWh/1M output tokens', `${round(j ?? NaN)} J × 1e6 ÷ 3.6e6`, srcs, why, range ? [toKwh(range[0]), toKwh(range[1])] : undefined),
    co2KgPerMTok: num(
      kwh === null ? null : kwh * gridKgPerKWh,
      'kg CO2e/1M output tokens',
      `${round(kwh ?? NaN)} kWh × ${gridKgPerKWh} kg/kWh`,
      [...srcs, gridSource],
      why,
      range ? [toKwh(range[0]) * gridKgPerKWh, toKwh(range[1]) * gridKgPerKWh] : undefined,
    ),
  };
}
