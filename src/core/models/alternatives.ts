/**
 * The models Tokentier may suggest and the providers' cheaper-sibling lines (./data/alternatives.json, written by
 * hand with a source per ladder). Pure.
 */
import type { Provenance } from '../types';
import data from './data/alternatives.json';

/** One family line, most to least capable, as the provider describes it. */
export interface Ladder {
  readonly provider: string;
  readonly family: string;
  readonly models: readonly string[];
  readonly source: Provenance;
}

const LADDERS: readonly Ladder[] = data.ladders.map((l) => ({
  provider: l.provider,
  family: l.family,
  models: l.models,
  source: { source: 'bundled', label: l.source.label, file: 'src/core/models/data/alternatives.json', rule: `${l.source.quote} (${l.source.url})` },
}));
const POOL = data.pool as Readonly<Record<string, readonly string[]>>;

/** Providers (genai-prices ids) whose pool is offered to calls of other providers. */
export const CROSS_PROVIDERS: readonly string[] = data.crossProvider;

/** The models of a provider that may be suggested, or none. */
export function poolOf(provider: string): readonly string[] {
  return POOL[provider] ?? [];
}

/** True when the provider has a suggestion pool. */
export function hasPool(provider: string): boolean {
  return provider in POOL;
}

/** The provider's cheaper siblings of a model (by its genai-prices model id), nearest first, with their ladder. */
export function cheaperSiblings(provider: string, modelId: string): { readonly model: string; readonly ladder: Ladder }[] {
  const out: { model: string; ladder: Ladder }[] = [];
  const id = modelId.toLowerCase();
  for (const l of LADDERS) {
    const at = l.provider === provider ? l.models.indexOf(id) : -1;
    if (at >= 0) for (const m of l.models.slice(at + 1)) if (!out.some((o) => o.model === m)) out.push({ model: m, ladder: l });
  }
  return out;
}
