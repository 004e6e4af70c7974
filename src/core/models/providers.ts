/**
 * Provider names, from the one table src/core/models/providerNames.json: the name in a model string or a LiteLLM map
 * → Tokentier's provider (detection) or the genai-prices provider that bills it (price lookup, LiteLLM import), and
 * Tokentier's provider → its genai-prices id.
 */
import type { Provider } from '../types';
import table from './providerNames.json';

interface Row {
  readonly id?: string;
  readonly prices?: string;
  readonly names: readonly string[];
}

const ROWS = table.providers as readonly Row[];

function byName(value: (r: Row) => string | undefined): Readonly<Record<string, string>> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const r of ROWS) {
    const v = value(r);
    if (v !== undefined) for (const n of r.names) out[n] = v;
  }
  return out;
}

/** A prefix or provider name (`anthropic`, `vertex_ai`, `together_ai`) → Tokentier's provider. */
export const PROVIDER_OF_NAME = byName((r) => r.id) as Readonly<Record<string, Provider>>;

/** A prefix or provider name → the genai-prices provider id that bills it. */
export const PRICES_PROVIDER_OF_NAME = byName((r) => r.prices);

/**
 * A LiteLLM `litellm_provider` → the provider a price-book model is filed under: the genai-prices id, else (a
 * self-hosted provider such as Ollama) Tokentier's own id.
 */
export const LITELLM_PROVIDER_OF_NAME = byName((r) => r.prices ?? r.id);

const PRICES_OF_PROVIDER = new Map<string, string | undefined>(ROWS.filter((r) => r.id !== undefined).map((r) => [r.id!, r.prices]));

/** Tokentier's provider → the genai-prices provider id (undefined for self-hosted or unknown providers). */
export function pricesProviderOf(p: Provider): string | undefined {
  return PRICES_OF_PROVIDER.get(p);
}
