/**
 * Prompt caching per provider (issue #19 item 5, rules in src/core/pricing/cacheRules.json): a cache hit rate is
 * applied only where the provider would cache this call. Anthropic and Bedrock cache only prefixes marked in the
 * request; OpenAI and Azure cache any prompt of at least 1,024 tokens, in 128-token steps; Gemini 2.5+ caches
 * implicitly, older models only with an explicit cache; each has a minimum prefix. A figure the provider would not
 * honour is left out of the price, with a diagnostic naming the rule when the user set it.
 */
import { familyId } from '../models/modelIds';
import rules from '../pricing/cacheRules.json';
import type { CallSite, Diagnostic, Provenance, SiteEstimate, Sourced, TokenEstimate } from '../types';

/** Shares of the input read from and written to the prompt cache, and whether writes keep for an hour. */
export interface CacheShares {
  readonly read: number;
  readonly write: number;
  readonly ttl1h: boolean;
}

interface ProviderRule {
  readonly mode: string;
  readonly marker?: string;
  readonly minimum?: number;
  readonly step?: number;
  readonly implicitModels?: string;
  readonly minimums?: readonly { readonly pattern: string; readonly minimum: number }[];
  readonly defaultMinimum?: number;
  readonly source: string;
}

const RULES = rules.providers as Readonly<Record<string, ProviderRule>>;
const SOURCE: Omit<Provenance, 'rule'> = { source: 'bundled', label: 'Tokentier caching rules (src/core/pricing/cacheRules.json)', date: rules.checked };

/** The tokens of the prompt's leading known parts (literal, file, framing): what a marker can cache for sure. */
function knownPrefix(tokens: TokenEstimate): number {
  let prefix = 0;
  for (const p of tokens.parts) {
    if (p.kind === 'literal' || p.kind === 'file' || p.kind === 'overhead') prefix += p.tokens.expected;
    else break;
  }
  return prefix;
}

function minimumFor(rule: ProviderRule, bare: string): number {
  return rule.minimums?.find((m) => new RegExp(m.pattern, 'i').test(bare))?.minimum ?? rule.defaultMinimum ?? rule.minimum ?? 0;
}

/** Why the provider would not cache this call (undefined: it would), and the largest share of the input it can cache. */
function providerVerdict(site: CallSite, modelId: string, input: number): { refused?: string; tooShort?: boolean; maxShare: number; rule?: ProviderRule } {
  const rule = RULES[site.provider];
  if (!rule) return { maxShare: 1 };
  const bare = familyId(modelId);
  const marker = site.params.cacheControl === true;
  const name = site.provider === 'google' ? 'Gemini' : site.provider === 'azure-openai' ? 'Azure OpenAI' : site.provider === 'openai' ? 'OpenAI' : site.provider === 'bedrock' ? 'Bedrock' : 'Anthropic';
  if (rule.mode === 'marker' && !marker) return { refused: `${name} caches only prompt prefixes marked with ${rule.marker}, and this call has no marker`, maxShare: 0, rule };
  if (rule.mode === 'implicit' && !marker && !new RegExp(rule.implicitModels ?? '$^', 'i').test(bare)) return { refused: `${name} caches ${modelId} only through an explicit cache (${rule.marker}), which this call does not use (implicit caching is for Gemini 2.5 and newer)`, maxShare: 0, rule };
  const min = minimumFor(rule, bare);
  if (input < min) return { refused: `the prompt (${Math.round(input)} tokens expected) is shorter than ${name}'s minimum cacheable prefix for ${modelId} (${min} tokens)`, tooShort: true, maxShare: 0, rule };
  if (rule.mode === 'automatic' && rule.step) {
    const cacheable = min + Math.floor((input - min) / rule.step) * rule.step;
    return { maxShare: Math.min(1, cacheable / input), rule };
  }
  return { maxShare: 1, rule };
}

/**
 * `cacheHitRate` is the share of input tokens read from cache. The cacheable prefix is the prompt's leading known
 * parts; a provider that bills writes re-writes it on every miss. A cache marker in the code with no cache figure
 * given assumes 80 % of calls hit the cached prefix.
 */
export function cachePlan(site: CallSite, modelId: string, tokens: TokenEstimate, usage: SiteEstimate['usage'], fromDefault: boolean, ttl: '5m' | '1h', inForce: Readonly<Record<string, unknown>>): { cache: CacheShares; cacheHitRate: Sourced<number>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let hit = usage.cacheHitRate.value;
  let cacheHitRate = usage.cacheHitRate;
  const inputExp = Math.max(1, tokens.input.expected);
  const prefix = knownPrefix(tokens);
  if (fromDefault && site.params.cacheControl && hit === 0 && prefix > 0) {
    hit = Math.min(1, (0.8 * prefix) / inputExp);
    cacheHitRate = { value: hit, source: { source: 'code', label: 'cache marker in code', rule: `assume 80 % of calls hit the cached prefix (${Math.round(prefix)} tokens): ${(hit * 100).toFixed(1)} % of input read from cache` } };
  }
  if (hit > 0) {
    const v = providerVerdict(site, modelId, inputExp);
    if (v.refused && v.tooShort && measuredOnBill(usage)) {
      // The bill shows these calls were cached, so their prompts are longer than the code shows: the measurement wins
      // over the estimated length (the marker and model rules still hold: a bill cannot show what they forbid).
      const c = usage.calibration!;
      cacheHitRate = { value: hit, source: { ...cacheHitRate.source, rule: `${cacheHitRate.source.rule ? `${cacheHitRate.source.rule}; ` : ''}measured on the bill of ${c.from} – ${c.to}, applied although ${v.refused}` } };
    } else if (v.refused) {
      const given = cacheHitRate;
      const explicit = given.source.source === 'annotation' || given.source.source === 'team-file' || given.source.source === 'code';
      cacheHitRate = { value: 0, source: { ...SOURCE, rule: `cache hit rate ${given.value} (${given.source.label}${given.source.line ? `:${given.source.line}` : ''}) not applied: ${v.refused}. ${v.rule?.source ?? ''}` } };
      const message = given.source.source === 'code' ? `The cache marker in this call caches nothing: ${v.refused}.` : `Cache hit rate ${given.value} from ${given.source.label}${given.source.line ? `:${given.source.line}` : ''} is left out of the price: ${v.refused}.`;
      if (explicit) diagnostics.push({ severity: 'warning', code: 'cache-not-honoured', message, file: site.file, range: site.range });
      hit = 0;
    } else if (hit > v.maxShare) {
      cacheHitRate = { value: v.maxShare, source: { ...cacheHitRate.source, rule: `${cacheHitRate.source.rule ? `${cacheHitRate.source.rule}; ` : ''}capped at ${(v.maxShare * 100).toFixed(1)} %: the provider caches in ${v.rule?.step ?? 0}-token steps from ${v.rule?.minimum ?? 0} (${v.rule?.source ?? ''})` } };
      hit = v.maxShare;
    } else if (v.rule) {
      cacheHitRate = { value: hit, source: { ...cacheHitRate.source, rule: `${cacheHitRate.source.rule ? `${cacheHitRate.source.rule}; ` : ''}honoured: ${v.rule.mode === 'automatic' ? `automatic caching from ${v.rule.minimum} tokens` : v.rule.mode === 'marker' ? `${v.rule.marker} marker in the call` : 'implicit or explicit caching'} (src/core/pricing/cacheRules.json)` } };
    }
  }
  const cacheable = prefix > 0 ? Math.max(prefix, hit * inputExp) : inputExp;
  const hitCalls = Math.min(1, (hit * inputExp) / cacheable);
  const billsWrites = inForce['cache_write_mtok'] !== undefined || inForce['cache_write_1h_mtok'] !== undefined;
  const writeShare = hit > 0 && billsWrites ? ((1 - hitCalls) * cacheable) / inputExp : 0;
  return { cache: { read: hit, write: Math.min(writeShare, 1 - hit), ttl1h: ttl === '1h' }, cacheHitRate, diagnostics };
}

/**
 * Whether the cache hit rate was written by `tokentier reconcile` from a bill: it comes from the same usage-file entry
 * as the calibrated calls/day (reconcile writes both into one entry).
 */
function measuredOnBill(usage: SiteEstimate['usage']): boolean {
  const c = usage.calibration;
  const s = usage.cacheHitRate.source;
  return c !== undefined && s.source === 'team-file' && c.file !== undefined && s.file === c.file && s.line === c.line;
}
