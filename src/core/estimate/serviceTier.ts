/**
 * Service tiers (issue #19 item 6): `service_tier="priority"`/`"flex"` priced with the model's own ratio where the data
 * has it (src/core/pricing/serviceTiers.json: OpenAI's priority page and LiteLLM's per-model tier prices), else with the
 * provider's fallback multiplier, and the figure says which. A tier without a public per-token price (Anthropic
 * priority, OpenAI scale) is priced at the standard rate, and says so.
 */
import type { RateFactor } from '../pricing/calc';
import type { PriceEntry } from '../pricing/priceTypes';
import serviceTiers from '../pricing/serviceTiers.json';
import type { CallSite, Diagnostic, Provenance } from '../types';

interface TierModel {
  readonly pattern: string;
  readonly factor: number | null;
  readonly source: string;
}
interface TierRule {
  readonly models?: readonly TierModel[];
  readonly fallback?: { readonly factor: number; readonly source: string };
  readonly notPublic?: string;
}

const TIERS = serviceTiers.serviceTiers as Readonly<Record<string, Readonly<Record<string, TierRule>>>>;
/** What each SDK value means (OpenAI reports `fast` back as `priority`). */
const ALIASES: Readonly<Record<string, string>> = { fast: 'priority' };
const STANDARD = new Set(['auto', 'default', 'standard', 'standard_only', 'on_demand']);
const label = 'Tokentier service tiers (src/core/pricing/serviceTiers.json)';

/** The service tier's factor on every price line of the call, or undefined at the standard rate. */
export function serviceTierFactor(site: CallSite, entry: PriceEntry, diagnostics: Diagnostic[]): RateFactor | undefined {
  const written = site.params.serviceTier?.toLowerCase();
  if (!written || STANDARD.has(written)) return undefined;
  const tier = ALIASES[written] ?? written;
  const rule = TIERS[entry.providerId]?.[tier];
  const src = (rule: string): Provenance => ({ source: 'bundled', label, date: serviceTiers.checked, rule });
  if (!rule) {
    diagnostics.push({ severity: 'info', code: 'service-tier', message: `No ${tier} price is known for ${entry.providerId}: service_tier=${written} priced at the standard rate.`, file: site.file, range: site.range });
    return undefined;
  }
  if (rule.notPublic) {
    diagnostics.push({ severity: 'info', code: 'service-tier', message: `service_tier=${written}: ${rule.notPublic}.`, file: site.file, range: site.range });
    return undefined;
  }
  const model = entry.modelId.toLowerCase();
  const row = rule.models?.find((m) => new RegExp(m.pattern, 'i').test(model));
  if (row && row.factor !== null) return { factor: row.factor, rule: `service_tier=${written}: ${entry.modelId}'s ${tier} price is ${row.factor}× standard`, source: src(row.source) };
  if (row && row.factor === null) {
    diagnostics.push({ severity: 'info', code: 'service-tier', message: `service_tier=${written}: ${row.source}; priced at the standard rate.`, file: site.file, range: site.range });
    return undefined;
  }
  if (!rule.fallback) return undefined;
  diagnostics.push({ severity: 'info', code: 'service-tier', message: `No ${tier} price for ${entry.modelId} in Tokentier's data: falls back to × ${rule.fallback.factor} (${rule.fallback.source}).`, file: site.file, range: site.range });
  return { factor: rule.fallback.factor, rule: `service_tier=${written}: fallback multiplier × ${rule.fallback.factor} (no ${tier} price for ${entry.modelId})`, source: src(rule.fallback.source) };
}
