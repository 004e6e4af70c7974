import type { Provider, Provenance } from '../types';
import { parseModelId, withoutRegion } from '../models/modelIds';
import { pricesProviderOf } from '../models/providers';
import type { MatchRule, PriceEntry, PriceLookup, RawPrices } from './priceTypes';

/** The bundled table's identity, shown in every provenance. */
export const BUNDLED_TABLE = { name: 'genai-prices', version: '0.1.8', checked: '2026-09-23' } as const;

/** Provenance of the bundled price table. */
export const bundledSource: Provenance = {
  source: 'bundled',
  label: `${BUNDLED_TABLE.name} ${BUNDLED_TABLE.version} (checked ${BUNDLED_TABLE.checked})`,
  date: BUNDLED_TABLE.checked,
};

/** A provider as genai-prices stores it (the fields the lookup needs). */
export interface RawProvider {
  readonly id: string;
  readonly name: string;
  readonly model_match?: MatchRule;
  readonly fallback_model_providers?: readonly string[];
  readonly models: readonly {
    readonly id: string;
    readonly name?: string;
    readonly match: MatchRule;
    readonly prices: RawPrices;
    readonly context_window?: number;
    readonly deprecated?: boolean;
  }[];
}

/** The genai-prices provider id for one of our providers (undefined for self-hosted/unknown); src/core/models/providerNames.json. */
export function tableProviderId(p: Provider): string | undefined {
  return pricesProviderOf(p);
}

const regexCache = new Map<string, RegExp>();

/** genai-prices' match semantics: case-insensitive string tests, regex as written, on the lower-cased id. */
export function matches(rule: MatchRule, id: string): boolean {
  if ('or' in rule) return rule.or.some((r) => matches(r, id));
  if ('and' in rule) return rule.and.every((r) => matches(r, id));
  if ('equals' in rule) return id === rule.equals.toLowerCase();
  if ('starts_with' in rule) return id.startsWith(rule.starts_with.toLowerCase());
  if ('ends_with' in rule) return id.endsWith(rule.ends_with.toLowerCase());
  if ('contains' in rule) return id.includes(rule.contains.toLowerCase());
  let re = regexCache.get(rule.regex);
  if (!re) {
    re = new RegExp(rule.regex);
    regexCache.set(rule.regex, re);
  }
  return re.test(id);
}

/** `-20240620` → `-2024-06-20` (genai-prices' second attempt for dated snapshots). */
function dashedDates(id: string): string {
  return id.replace(/(-)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g, '$1$2-$3-$4');
}

/**
 * Our adapter over a price table in genai-prices' shape. It resolves model ids (aliases, dated snapshots,
 * `models/…`, `provider:model`, Bedrock ids with region prefixes) to a price entry and never guesses: a model no
 * rule matches is unknown.
 */
export class PriceTable {
  private readonly byId: ReadonlyMap<string, RawProvider>;
  /** Lookups are pure functions of (model, provider): memoised, since a file repeats a few models many times. */
  private readonly memo = new Map<string, PriceLookup>();

  constructor(
    private readonly providers: readonly RawProvider[],
    readonly source: Provenance,
  ) {
    this.byId = new Map(providers.map((p) => [p.id, p]));
  }

  /** Every provider id in the table. */
  providerIds(): string[] {
    return this.providers.map((p) => p.id);
  }

  /** Every model entry (for tests and a model picker). */
  *entries(): Iterable<PriceEntry> {
    for (const p of this.providers) for (const m of p.models) yield this.entry(p, m);
  }

  private entry(p: RawProvider, m: RawProvider['models'][number]): PriceEntry {
    return {
      priceId: `${p.id}:${m.id}`,
      providerId: p.id,
      modelId: m.id,
      ...(m.name ? { name: m.name } : {}),
      prices: m.prices,
      ...(m.context_window ? { contextWindow: m.context_window } : {}),
      ...(m.deprecated ? { deprecated: true } : {}),
      source: this.source,
    };
  }

  private findIn(p: RawProvider, ids: readonly string[], depth = 0): PriceEntry | undefined {
    for (const id of ids) {
      const m = p.models.find((x) => matches(x.match, id));
      if (m) return this.entry(p, m);
    }
    if (depth === 0) {
      for (const fb of p.fallback_model_providers ?? []) {
        const q = this.byId.get(fb);
        const hit = q ? this.findIn(q, ids, 1) : undefined;
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /**
   * Looks a model up. `provider` is who serves the call (from the detector); a `provider:`/`provider/` prefix in
   * the id wins over it. When the serving provider has no entry for the model, the model's own vendor (by
   * genai-prices' provider `model_match`, e.g. `claude…` → Anthropic) is tried and the rule says so.
   */
  lookup(modelId: string, provider?: Provider): PriceLookup {
    const key = `${provider ?? ''}\u0000${modelId}`;
    let hit = this.memo.get(key);
    if (!hit) {
      hit = this.lookupUncached(modelId, provider);
      if (this.memo.size > 5000) this.memo.clear();
      this.memo.set(key, hit);
    }
    return hit;
  }

  private lookupUncached(modelId: string, provider?: Provider): PriceLookup {
    const parsed = parseModelId(modelId);
    if (!parsed.bare) return { ok: false, reason: 'empty model id' };
    const ids = [...new Set([parsed.bare, withoutRegion(parsed.bare), dashedDates(parsed.bare), dashedDates(withoutRegion(parsed.bare))])];
    // The serving provider first, with the id as written: on Groq/Together `openai/gpt-oss-120b` is a model
    // name, not a routing prefix. Then the provider a `provider:`/`provider/` prefix names.
    const siteProvider = provider ? tableProviderId(provider) : undefined;
    const declared = siteProvider ?? parsed.prefixProvider;
    const withRaw = [...new Set([parsed.raw.replace(/^openrouter\//, ''), ...ids])];
    for (const pid of [...new Set([siteProvider, parsed.prefixProvider])]) {
      const p = pid ? this.byId.get(pid) : undefined;
      if (!p) continue;
      const hit = this.findIn(p, pid === siteProvider ? withRaw : ids);
      if (hit) {
        const how = hit.providerId === pid ? `${pid} price for ${hit.modelId}` : `${pid} bills ${hit.modelId} at ${hit.providerId}'s price (table fallback)`;
        return { ok: true, entry: hit, rule: pid === siteProvider ? how : `${how} (from the id's ${pid} prefix)` };
      }
    }
    for (const p of this.providers) {
      if (p.id === siteProvider || p.id === parsed.prefixProvider || !p.model_match || !ids.some((id) => matches(p.model_match!, id))) continue;
      const hit = this.findIn(p, ids);
      if (hit) {
        const why = declared ? `${declared} has no entry for it; priced as ${p.id}'s model (the model's vendor)` : `provider inferred from the model name`;
        return { ok: true, entry: hit, rule: `${p.id} price for ${hit.modelId}: ${why}` };
      }
    }
    const where = declared ? ` (provider ${declared})` : provider === 'ollama' || provider === 'huggingface' ? ` (self-hosted: ${provider})` : '';
    return { ok: false, reason: `no price for model "${modelId}"${where} in ${this.source.label}; add it to a price book (.tokentier/prices.yml)` };
  }
}

let bundled: Promise<PriceTable> | undefined;

/** The bundled genai-prices table (loaded once, on first use). Never rejects: a load failure gives an empty table. */
export function bundledPriceTable(): Promise<PriceTable> {
  bundled ??= import('@pydantic/genai-prices')
    .then(async (m) => {
      const data = (await m.waitForUpdate()) as unknown as readonly RawProvider[] | null;
      return new PriceTable(data ?? [], bundledSource);
    })
    .catch(() => new PriceTable([], { ...bundledSource, rule: 'the bundled table failed to load' }));
  return bundled;
}
