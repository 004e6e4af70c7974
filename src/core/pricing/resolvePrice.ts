import type { CustomModel, PriceBook } from '../teamFiles/teamTypes';
import type { Provider } from '../types';
import type { RateFactor } from './calc';
import { parseModelId, withoutRegion } from '../models/modelIds';
import type { PriceEntry, PriceLookup } from './priceTypes';
import { tableProviderId, type PriceTable } from './priceTable';
import { globMatch } from '../glob';

/** A price lookup through the team price book and the bundled table, with the book's adjustments. */
export type ResolvedPrice = (PriceLookup & { readonly ok: false }) | { readonly ok: true; readonly entry: PriceEntry; readonly rule: string; readonly adjustments: readonly RateFactor[] };

/** An adjustment's model glob, without case (linear time: src/core/glob.ts; the pattern comes from a price book). */
function glob(pattern: string, value: string): boolean {
  return globMatch(pattern, value, { nocase: true });
}

/** Normalised names → book models (latest first), built once per book. */
const bookIndex = new WeakMap<PriceBook, Map<string, CustomModel[]>>();

function indexOf(book: PriceBook): Map<string, CustomModel[]> {
  let idx = bookIndex.get(book);
  if (!idx) {
    idx = new Map();
    // Later entries win (the setting's book is merged after the file's): index them first.
    for (let i = book.models.length - 1; i >= 0; i--) {
      const m = book.models[i]!;
      for (const n of new Set([m.id, ...m.aliases].map((x) => withoutRegion(parseModelId(x).bare)))) {
        let list = idx.get(n);
        if (!list) idx.set(n, (list = []));
        list.push(m);
      }
    }
    bookIndex.set(book, idx);
  }
  return idx;
}

function customEntry(book: PriceBook, ids: readonly string[], providers: readonly string[]): PriceEntry | undefined {
  const idx = indexOf(book);
  for (const id of ids) {
    const m = idx.get(id)?.find((x) => !x.provider || providers.includes(x.provider.toLowerCase()));
    if (m) return { priceId: `${m.provider ?? 'custom'}:${m.id}`, providerId: m.provider ?? 'custom', modelId: m.id, prices: m.prices, ...(m.contextWindow ? { contextWindow: m.contextWindow } : {}), currency: m.currency, source: m.source };
  }
  return undefined;
}

/**
 * Resolves a model's price: a price-book model with that id or alias first, then the bundled table (where a
 * price-book entry with the resolved id overrides the bundled prices), then the book's adjustments.
 */
export function resolvePrice(modelId: string, provider: Provider, table: PriceTable, book: PriceBook | undefined): ResolvedPrice {
  const parsed = parseModelId(modelId);
  const ids = [...new Set([parsed.bare, withoutRegion(parsed.bare)])];
  const providers = [parsed.prefixProvider, tableProviderId(provider), provider].filter((p): p is string => !!p);
  let entry: PriceEntry | undefined;
  let rule = '';
  if (book) {
    entry = customEntry(book, ids, providers);
    if (entry) rule = `price book entry ${entry.modelId}`;
  }
  if (!entry) {
    const hit = table.lookup(modelId, provider);
    if (!hit.ok) return hit;
    entry = hit.entry;
    rule = hit.rule;
    const override = book ? customEntry(book, [entry.modelId.toLowerCase()], [entry.providerId]) : undefined;
    if (override) {
      rule = `${rule}; overridden by price book entry ${override.modelId}`;
      entry = { ...override, priceId: entry.priceId, providerId: entry.providerId };
    }
  }
  const adjustments: RateFactor[] = [];
  for (const a of book?.adjustments ?? []) {
    if (a.provider && a.provider.toLowerCase() !== entry.providerId && a.provider.toLowerCase() !== provider) continue;
    if (a.model && !glob(a.model, entry.modelId) && !glob(a.model, parsed.bare)) continue;
    adjustments.push({ factor: a.factor, rule: a.label, source: a.source });
  }
  return { ok: true, entry, rule, adjustments };
}
