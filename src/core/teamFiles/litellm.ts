import type { Diagnostic, Provenance } from '../types';
import { LITELLM_PROVIDER_OF_NAME } from '../models/providers';
import type { TieredPrice } from '../pricing/priceTypes';
import { displayKey, fileDiagnostic } from './parseFile';
import { MAX_PRICE } from './schemas';
import type { CustomModel } from './teamTypes';

/**
 * Imports a LiteLLM `model_prices_and_context_window.json` map (LIBRARIES.md §3.3): USD per token × 1e6 → per
 * million; `…_above_Nk_tokens` keys → a tier starting at N×1000 total input tokens; cache fields → cache prices.
 */
const FIELDS: Readonly<Record<string, string>> = {
  input_cost_per_token: 'input_mtok',
  output_cost_per_token: 'output_mtok',
  cache_read_input_token_cost: 'cache_read_mtok',
  cache_creation_input_token_cost: 'cache_write_mtok',
  cache_creation_input_token_cost_above_1hr: 'cache_write_1h_mtok',
  output_cost_per_reasoning_token: 'output_reasoning_mtok',
  input_cost_per_audio_token: 'input_audio_mtok',
  input_cost_per_image_token: 'input_image_mtok',
};

const round = (n: number): number => Math.round(n * 1e6 * 1e9) / 1e9;

/** Converts a LiteLLM map. Entries with no usable price or with bad values give a diagnostic and are skipped. */
export function importLiteLlm(map: Readonly<Record<string, unknown>>, file: string, lineAt: (key: string) => number | undefined, source: Provenance): { models: CustomModel[]; diagnostics: Diagnostic[] } {
  const models: CustomModel[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [key, spec] of Object.entries(map)) {
    if (key === 'sample_spec') continue;
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      diagnostics.push(fileDiagnostic('price-book', file, lineAt(key), `litellm ${displayKey(key)}: expected an object`));
      continue;
    }
    const s = spec as Record<string, unknown>;
    const prices: Record<string, number | TieredPrice> = {};
    const tiers: Record<string, { start: number; price: number }[]> = {};
    let bad: string | undefined;
    for (const [field, value] of Object.entries(s)) {
      const tier = /^(.+)_above_(\d+)k_tokens$/.exec(field);
      const baseField = tier ? tier[1]! : field;
      const target = FIELDS[baseField];
      if (!target) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        bad = `${field} must be a non-negative number`;
        break;
      }
      // The same cap as a price book's own prices (schemas.ts MAX_PRICE), here in LiteLLM's USD per token.
      if (value * 1e6 > MAX_PRICE) {
        bad = `${field} is ${value} USD per token, over the cap of ${MAX_PRICE / 1e6} USD per token (${MAX_PRICE.toLocaleString('en-US')} per million)`;
        break;
      }
      if (tier) (tiers[target] ??= []).push({ start: Number(tier[2]) * 1000, price: round(value) });
      else prices[target] = round(value);
    }
    if (bad) {
      diagnostics.push(fileDiagnostic('price-book', file, lineAt(key), `litellm ${displayKey(key)}: ${bad}; entry skipped`));
      continue;
    }
    for (const [target, list] of Object.entries(tiers)) {
      const base = prices[target];
      if (typeof base === 'number') prices[target] = { base, tiers: list.sort((a, b) => a.start - b.start) };
    }
    if (Object.keys(prices).length === 0) continue; // image/audio-only or mode entries without token prices
    const provider = typeof s['litellm_provider'] === 'string' ? LITELLM_PROVIDER_OF_NAME[s['litellm_provider']] : undefined;
    const line = lineAt(key);
    models.push({
      id: key,
      ...(provider ? { provider } : {}),
      aliases: [],
      prices,
      ...(typeof s['max_input_tokens'] === 'number' ? { contextWindow: s['max_input_tokens'] } : {}),
      // LiteLLM's map is in USD per token, whatever the importing book's currency.
      currency: 'USD',
      source: { ...source, ...(line ? { line } : {}), rule: `imported from LiteLLM map (${key})` },
    });
  }
  return { models, diagnostics };
}
