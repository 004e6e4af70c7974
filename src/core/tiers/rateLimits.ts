/**
 * Which published rate-limit tier a workload's peak needs (data/rateLimits.json: OpenAI usage tiers, Anthropic tiers,
 * Gemini tiers, each table dated). A model is found only by its model key (catalogue.ts `apiModelKey`: dated snapshots
 * and `-latest` dropped), never by a neighbour's table. The lowest tier whose every limit holds the peak (and whose
 * monthly spend cap, where published, holds the month's cost) is the one needed.
 */
import { apiModelKey } from './catalogue';
import { round } from './numbers';
import type { RateLimitCheck, RateLimitTier, TierSource } from './types';
import data from './data/rateLimits.json';

interface Limit {
  readonly tier: string;
  readonly rpm?: number | null;
  readonly tpm?: number | null;
  readonly itpm?: number | null;
  readonly otpm?: number | null;
  readonly rpd?: number | null;
}
interface ModelTable {
  readonly name: string;
  readonly ids: readonly string[];
  readonly limits: readonly Limit[];
  readonly source: TierSource;
}
interface ProviderTable {
  readonly provider: string;
  readonly asOf: string;
  readonly semantics: string;
  readonly usageTiers: readonly { readonly tier: string; readonly qualification?: string; readonly usageLimitUsdPerMonth?: number | null }[];
  readonly usageTiersSource: TierSource;
  readonly models: readonly ModelTable[];
}

const PROVIDERS = data.providers as unknown as readonly ProviderTable[];

/** The peak a workload puts on the API. */
export interface ApiPeak {
  readonly requestsPerMinute: number;
  readonly inputTokensPerMinute: number;
  readonly outputTokensPerMinute: number;
  readonly requestsPerDay: number;
  readonly monthlyCostUsd: number | null;
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

/** The first limit of a tier the peak exceeds, or undefined when it fits. */
function binding(l: Limit, p: ApiPeak, cap: number | null | undefined): string | undefined {
  const tokens = p.inputTokensPerMinute + p.outputTokensPerMinute;
  if (l.rpm != null && p.requestsPerMinute > l.rpm) return `RPM ${fmt(l.rpm)} < ${fmt(p.requestsPerMinute)} at peak`;
  if (l.tpm != null && tokens > l.tpm) return `TPM ${fmt(l.tpm)} < ${fmt(tokens)} at peak`;
  if (l.itpm != null && p.inputTokensPerMinute > l.itpm) return `input TPM ${fmt(l.itpm)} < ${fmt(p.inputTokensPerMinute)} at peak`;
  if (l.otpm != null && p.outputTokensPerMinute > l.otpm) return `output TPM ${fmt(l.otpm)} < ${fmt(p.outputTokensPerMinute)} at peak`;
  if (l.rpd != null && p.requestsPerDay > l.rpd) return `RPD ${fmt(l.rpd)} < ${fmt(p.requestsPerDay)}`;
  if (cap != null && p.monthlyCostUsd !== null && p.monthlyCostUsd > cap) return `monthly spend cap $${fmt(cap)} < $${fmt(p.monthlyCostUsd)}`;
  return undefined;
}

function tableFor(provider: string, model: string): { p: ProviderTable; m: ModelTable } | undefined {
  const key = apiModelKey(model);
  const p = PROVIDERS.find((x) => x.provider === provider);
  const m = p?.models.find((x) => x.ids.some((id) => apiModelKey(id) === key));
  return p && m ? { p, m } : undefined;
}

/** The rate-limit check of a workload's peak against the provider's published tiers for the model. */
export function rateLimitCheck(provider: string, model: string, peak: ApiPeak): RateLimitCheck {
  const base = {
    peakRequestsPerMinute: peak.requestsPerMinute,
    peakTokensPerMinute: peak.inputTokensPerMinute + peak.outputTokensPerMinute,
    peakInputTokensPerMinute: peak.inputTokensPerMinute,
    peakOutputTokensPerMinute: peak.outputTokensPerMinute,
  };
  const t = tableFor(provider, model);
  if (!t) {
    const why = PROVIDERS.some((x) => x.provider === provider) ? `no published tier table for ${model} in the bundled snapshot` : `no published tier table for ${provider} in the bundled data (Azure OpenAI and Bedrock quotas are per deployment)`;
    return { status: 'unknown', ...base, note: `unknown — ${why}; compare ${round(peak.requestsPerMinute)} requests/min and ${fmt(base.peakTokensPerMinute)} tokens/min at peak with your account's limits`, sources: [] };
  }
  const tiers: RateLimitTier[] = t.m.limits.map((l) => {
    const usage = t.p.usageTiers.find((u) => u.tier === l.tier);
    const b = binding(l, peak, usage?.usageLimitUsdPerMonth);
    return {
      tier: l.tier,
      rpm: l.rpm ?? null,
      ...(l.tpm !== undefined ? { tpm: l.tpm } : {}),
      ...(l.itpm !== undefined ? { itpm: l.itpm, otpm: l.otpm ?? null } : {}),
      ...(l.rpd !== undefined ? { rpd: l.rpd } : {}),
      ...(usage?.qualification ? { qualification: usage.qualification } : {}),
      ...(usage?.usageLimitUsdPerMonth !== undefined ? { usageLimitUsdPerMonth: usage.usageLimitUsdPerMonth } : {}),
      fits: b === undefined,
      ...(b ? { binding: b } : {}),
    };
  });
  const needed = tiers.find((x) => x.fits);
  const sources = [t.m.source, t.p.usageTiersSource];
  const asOf = `as published ${t.p.asOf}`;
  if (!needed) {
    const top = tiers[tiers.length - 1];
    return { status: 'exceeds', ...base, tiers, asOf, note: `exceeds the highest published tier for ${t.m.name} (${top?.tier}: ${top?.binding}); ask the provider for a custom limit or spread the load (${asOf})`, sources };
  }
  const qual = needed.qualification ? ` (${needed.qualification})` : '';
  return { status: 'ok', ...base, requiredTier: needed.tier, tiers, asOf, note: `needs ${t.p.provider === 'openai' ? 'OpenAI usage ' : ''}${needed.tier}${qual} for ${t.m.name}: ${fmt(peak.requestsPerMinute)} requests/min and ${fmt(base.peakTokensPerMinute)} tokens/min at peak (${asOf})`, sources };
}
