/**
 * Which billed model a call site's model is. A bill names `gpt-4o-mini-2024-07-18` where the code says `gpt-4o-mini`,
 * Bedrock bills `Claude Sonnet 4.5 (Amazon Bedrock Edition)` for `anthropic.claude-sonnet-4-5-20250929-v1:0`: both
 * sides are reduced to the price table's entry for the model (its vendor's, so a Bedrock id and the vendor's id meet)
 * and compared by that key. Display names are mapped to ids only by an exact match of their words with a price table
 * entry's name; a name that matches nothing, or several different models, stays as written and matches no site.
 */
import { familyId } from '../models/modelIds';
import type { PriceTable } from '../pricing/priceTable';
import type { Provider } from '../types';
import type { BillPlatform, BilledModel } from '../bills/types';

/** Our provider for a billing platform (the price lookup's "who serves it"). */
const PLATFORM_PROVIDER: Readonly<Record<BillPlatform, Provider>> = { openai: 'openai', anthropic: 'anthropic', bedrock: 'bedrock' };

/** The platform whose bill a site's calls appear on, or undefined when no export format covers its provider. */
export function platformOfProvider(p: Provider): BillPlatform | undefined {
  return p === 'openai' || p === 'anthropic' || p === 'bedrock' ? p : undefined;
}

/** The words of a model name, order-free and split at camel case: `Claude4.6Opus` and `Claude Opus 4.6`, `NovaLite` and `Nova Lite` give the same. */
export function nameWords(name: string): string {
  const spaced = name.replace(/([a-z])([A-Z])/g, '$1 $2');
  return (spaced.toLowerCase().match(/[a-z]+|\d+(?:\.\d+)*/g) ?? []).sort().join(' ');
}

/** Resolves ids and names to comparison keys, memoised (a bill repeats a few models on every row). */
export class ModelMatcher {
  private readonly keys = new Map<string, string>();
  private names: Map<string, { provider: string; modelId: string }[]> | undefined;

  constructor(private readonly table: PriceTable) {}

  /** The comparison key of a model id on a platform: the price entry of the model's vendor, else the bare id. */
  key(id: string, platform: BillPlatform | undefined): string {
    const memo = `${platform ?? ''}\u0000${id}`;
    let k = this.keys.get(memo);
    if (k === undefined) {
      const fam = familyId(id);
      const vendor = this.table.lookup(fam);
      const served = vendor.ok ? vendor : this.table.lookup(id, platform ? PLATFORM_PROVIDER[platform] : undefined);
      k = served.ok ? served.entry.priceId : `model:${fam}`;
      this.keys.set(memo, k);
    }
    return k;
  }

  /**
   * The model id a display name stands for: the one price-table entry whose name has the same words (Anthropic's
   * entries for an Anthropic name; for a Bedrock name, AWS's first, then the model vendors'). Undefined when no
   * entry or several different models match.
   */
  idOfName(name: string, vendor: 'anthropic' | 'any'): string | undefined {
    this.names ??= this.indexNames();
    const hits = this.names.get(nameWords(name)) ?? [];
    const order = vendor === 'anthropic' ? ['anthropic'] : ['aws', 'anthropic', ...new Set(hits.map((h) => h.provider))];
    for (const provider of order) {
      const mine = [...new Set(hits.filter((h) => h.provider === provider).map((h) => h.modelId))];
      if (mine.length === 1) return mine[0];
      if (mine.length > 1) return undefined;
    }
    return undefined;
  }

  /** The id and key of a billed model, or undefined for a display name that maps to no single model. */
  resolve(model: BilledModel, platform: BillPlatform): { id: string; key: string } | undefined {
    const id = 'id' in model ? model.id : this.idOfName(model.name, model.vendor);
    return id === undefined ? undefined : { id, key: this.key(id, platform) };
  }

  private indexNames(): Map<string, { provider: string; modelId: string }[]> {
    const index = new Map<string, { provider: string; modelId: string }[]>();
    for (const e of this.table.entries()) {
      if (!e.name) continue;
      const w = nameWords(e.name);
      if (!w) continue;
      const list = index.get(w) ?? [];
      list.push({ provider: e.providerId, modelId: e.modelId });
      index.set(w, list);
    }
    return index;
  }
}
