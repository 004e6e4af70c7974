import type { Settings } from '../config/settings';
import type { CallSite, Diagnostic, SiteEstimate } from '../types';

/** Team files loaded from `.tokentier/` (price book, usage assumptions, policy) and the `tokentier.priceBook` setting. */
export interface TeamConfig {
  /** Opaque to callers; built by `loadTeamConfig`. */
  readonly priceBook?: unknown;
  readonly usage?: unknown;
  readonly policy?: unknown;
  /** Problems found while loading, with file/line/field. */
  readonly diagnostics: readonly Diagnostic[];
}

export const emptyTeamConfig: TeamConfig = { diagnostics: [] };

export interface EstimateContext {
  readonly settings: Settings;
  readonly team: TeamConfig;
  /** Prices in force on this date (date-based price changes). Defaults to now. */
  readonly now?: Date;
}

/**
 * Estimates tokens, usage and cost for each site.
 *
 * PLACEHOLDER (foundation slice): every price is unknown; the pricing engine replaces it (issue 5).
 */
export async function estimateSites(sites: readonly CallSite[], ctx: EstimateContext): Promise<SiteEstimate[]> {
  const perDay = ctx.settings['usage.callsPerDay'][sites[0]?.api ?? 'chat'] ?? 1000;
  return sites.map((site) => ({
    site,
    tokens: {
      input: { min: 0, expected: 0, max: 0 },
      output: { min: 0, expected: 0, max: 0 },
      accuracy: 'unknown-parts',
      tokenizer: 'none',
      parts: [],
      inputSource: { source: 'default', label: 'placeholder' },
      outputSource: { source: 'default', label: 'placeholder' },
    },
    usage: {
      callsPerDay: { value: perDay, source: { source: 'settings', label: 'tokentier.usage.callsPerDay' } },
      fanOut: { value: 1, source: { source: 'default', label: 'no loop' } },
      cacheHitRate: { value: 0, source: { source: 'default', label: 'default' } },
      batchShare: { value: 0, source: { source: 'default', label: 'default' } },
      retryRate: { value: 0, source: { source: 'default', label: 'default' } },
      profile: ctx.settings.profile,
      assumed: true,
    },
    cost: {
      currency: ctx.settings.currency,
      perCall: null,
      perDay: null,
      perMonth: null,
      lines: [],
      unknownReason: 'pricing not implemented yet',
      provenance: [],
    },
  }));
}
