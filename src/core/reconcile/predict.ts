/**
 * What the code predicts per site and day, in the terms a bill uses: calls actually sent (calls/day × fan-out ×
 * (1 + retries)), total input, cache reads and writes, generated output (output + reasoning, capped by the limit in
 * code), and the cost per day. The same arithmetic as the estimator's (src/core/estimate/estimator.ts), read back from
 * the estimate rather than redone.
 */
import { generatedTokens } from '../tokens/outputTokens';
import type { SiteEstimate } from '../types';
import type { BillPlatform } from '../bills/types';
import { platformOfProvider, type ModelMatcher } from './models';
import type { DayFigures } from './types';

/** One site's prediction, keyed for comparison with a bill. */
export interface SitePrediction {
  readonly estimate: SiteEstimate;
  readonly platform: BillPlatform;
  readonly key: string;
  readonly model: string;
  readonly perDay: Required<DayFigures>;
  /** Calls per day before fan-out and retries (what a usage file's `callsPerDay` sets), and the factor on top. */
  readonly callsPerDayAssumed: number;
  /** Output tokens per call and reasoning tokens per call (expected), for output proposals. */
  readonly outputPerCall: number;
  readonly reasoningPerCall: number;
}

/** The model a site is priced as (usage override, canonical id, id as written), or undefined. */
export function siteModel(e: SiteEstimate): string | undefined {
  return e.usage.model?.value ?? e.site.model.canonical ?? e.site.model.id ?? undefined;
}

/** Calls sent per day by a site: assumed calls × fan-out × (1 + retry rate). */
export function callsSent(e: SiteEstimate): number {
  return e.usage.callsPerDay.value * e.usage.fanOut.value * (1 + e.usage.retryRate.value);
}

/** A site's per-day prediction. */
export function predictSite(e: SiteEstimate, platform: BillPlatform, key: string, model: string): SitePrediction {
  const calls = callsSent(e);
  const input = e.tokens.input.expected;
  const cacheRead = Math.min(1, Math.max(0, e.usage.cacheHitRate.value)) * input;
  const cacheWrite = e.cost.lines.filter((l) => l.dimension === 'cache_write' || l.dimension === 'cache_write_1h').reduce((a, l) => a + l.units, 0);
  const output = generatedTokens(e.tokens, e.site).expected;
  return {
    estimate: e,
    platform,
    key,
    model,
    perDay: { calls, input: input * calls, cacheRead: cacheRead * calls, cacheWrite: cacheWrite * calls, output: output * calls, cost: e.cost.perDay ? e.cost.perDay.expected : null },
    callsPerDayAssumed: e.usage.callsPerDay.value,
    outputPerCall: e.tokens.output.expected,
    reasoningPerCall: e.tokens.reasoning?.expected ?? 0,
  };
}

/** Sites left out of the comparison, by reason. */
export interface Unpredicted {
  readonly ignored: string[];
  readonly unknownModel: string[];
  readonly noExportFormat: Map<string, string[]>;
}

/** Predictions for every site that can appear on a bill; the others are returned by reason. */
export function predictSites(estimates: readonly SiteEstimate[], matcher: ModelMatcher): { predictions: SitePrediction[]; left: Unpredicted } {
  const predictions: SitePrediction[] = [];
  const left: Unpredicted = { ignored: [], unknownModel: [], noExportFormat: new Map() };
  for (const e of estimates) {
    const where = e.site.cell !== undefined ? `${e.site.file}#cell${e.site.cell}:${e.site.line}` : `${e.site.file}:${e.site.line}`;
    if (e.site.ignored) {
      left.ignored.push(where);
      continue;
    }
    const model = siteModel(e);
    if (!model) {
      left.unknownModel.push(where);
      continue;
    }
    const platform = platformOfProvider(e.site.provider);
    if (!platform) {
      const list = left.noExportFormat.get(e.site.provider) ?? [];
      list.push(where);
      left.noExportFormat.set(e.site.provider, list);
      continue;
    }
    predictions.push(predictSite(e, platform, matcher.key(model, platform), model));
  }
  return { predictions, left };
}
