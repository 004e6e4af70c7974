/**
 * Model limits and features (max input and output tokens; tools, image input, JSON schema, reasoning) from
 * ./data/capabilities.json (LiteLLM's map, dated). A flag the source does not give is null: unknown, never false.
 */
import type { Provenance } from '../types';
import data from './data/capabilities.json';

/** One model's limits and features. */
export interface ModelCapabilities {
  readonly id: string;
  /** genai-prices provider id. */
  readonly provider: string;
  readonly mode: string;
  readonly maxInput: number | null;
  readonly maxOutput: number | null;
  readonly tools: boolean | null;
  readonly vision: boolean | null;
  readonly jsonSchema: boolean | null;
  readonly reasoning: boolean | null;
}

const MODELS = data.models as unknown as readonly ModelCapabilities[];
const INDEX = new Map(MODELS.map((m) => [`${m.provider}\u0000${m.id}`, m]));

/** Where the capability figures come from. */
export const capabilitiesSource: Provenance = {
  source: 'bundled',
  label: `${data.source.label} (${data.source.date})`,
  file: 'src/core/models/data/capabilities.json',
  date: data.source.date,
  rule: data.source.note,
};

/** The capabilities of a model as a provider (genai-prices id) serves it, or undefined when the data has no row. */
export function capabilitiesOf(provider: string, modelId: string): ModelCapabilities | undefined {
  return INDEX.get(`${provider}\u0000${modelId.trim().toLowerCase()}`);
}
