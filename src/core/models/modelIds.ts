/**
 * Model-id normalisation shared by the tokenizer choice and the price lookup. It only strips wrappers whose
 * meaning is certain (a `models/` path, a known provider prefix, a Bedrock cross-region prefix); it never
 * shortens a model name to a neighbour's.
 */
import { PRICES_PROVIDER_OF_NAME } from './providers';

/** A model id split into the parts the price lookup needs. */
export interface ParsedModelId {
  /** The id as given, trimmed and lower-cased. */
  readonly raw: string;
  /** The id with wrappers removed (`gpt-4o`, `anthropic.claude-3-5-sonnet-20240620-v1:0`, `gemini-1.5-pro`). */
  readonly bare: string;
  /** A genai-prices provider id named by a `provider:` / `provider/` prefix (`openai/gpt-4o` → `openai`). */
  readonly prefixProvider?: string;
  /** A Bedrock cross-region inference prefix (`us`, `eu`, `apac`, `global`, …). */
  readonly region?: string;
}

const BEDROCK_REGION = /^(us|eu|apac|global|us-gov|jp|au|ca|ap)\.(?=[a-z0-9-]+\.)/;

/** Splits a model id into provider prefix, region and bare id. Never throws. */
export function parseModelId(input: string): ParsedModelId {
  const raw = input.trim().toLowerCase();
  let bare = raw;
  let prefixProvider: string | undefined;
  // Vertex/Gemini resource paths: `models/gemini-1.5-pro`, `publishers/google/models/gemini-2.0-flash`.
  const modelsAt = bare.lastIndexOf('models/');
  if (modelsAt >= 0) bare = bare.slice(modelsAt + 'models/'.length);
  // `provider:model` / `provider/model` (repeated: `openrouter/openai/gpt-4o`).
  for (let i = 0; i < 3; i++) {
    const m = /^([a-z_-]+)[:/](.+)$/.exec(bare);
    const p = m ? PRICES_PROVIDER_OF_NAME[m[1]!] : undefined;
    if (!m || !p) break;
    // OpenRouter resells other vendors' models; the inner prefix names the vendor whose price applies.
    prefixProvider = prefixProvider === 'openrouter' ? prefixProvider : p;
    bare = m[2]!;
  }
  let region: string | undefined;
  const r = BEDROCK_REGION.exec(bare);
  if (r) {
    region = r[1];
  }
  return { raw, bare, ...(prefixProvider ? { prefixProvider } : {}), ...(region ? { region } : {}) };
}

/** The id with a Bedrock region prefix removed (`us.anthropic.claude…` → `anthropic.claude…`). */
export function withoutRegion(id: string): string {
  return id.replace(BEDROCK_REGION, '');
}

/** The id without a vendor namespace used by Bedrock/Vertex (`anthropic.claude-3-haiku…` → `claude-3-haiku…`). */
export function familyId(id: string): string {
  const bare = withoutRegion(parseModelId(id).bare);
  return bare.replace(/^(anthropic|meta|mistral|cohere|amazon|ai21|deepseek|qwen|openai)\./, '');
}
