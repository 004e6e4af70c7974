/**
 * Parameter names that change the cost of a request, across SDKs (searched anywhere inside a call's arguments,
 * including nested config objects such as `generation_config`, `config`, `inferenceConfig`, `options`).
 * Sources: the SDK references listed in sdks.ts, checked 2026-11.
 */
import type { Provider, Api } from '../../types';

/** Max-output-token parameter names. */
export const MAX_TOKEN_KEYS: readonly string[] = [
  'max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxTokens', 'maxOutputTokens', 'maxCompletionTokens',
  'max_new_tokens', 'maxNewTokens', 'num_predict', 'max_tokens_to_sample', 'maxTokensToSample', 'max_gen_len',
  'maxTokenCount',
];
export const N_KEYS: readonly string[] = ['n', 'candidate_count', 'candidateCount', 'num_generations'];
export const STREAM_KEYS: readonly string[] = ['stream', 'streaming'];
export const TOOLS_KEYS: readonly string[] = ['tools', 'functions', 'tool_choice', 'toolChoice', 'toolConfig', 'tool_config'];
/** Tool-choice parameter names (OpenAI/Mistral `tool_choice`, Anthropic `tool_choice`, AI SDK `toolChoice`, Gemini `function_calling_config`). */
export const TOOL_CHOICE_KEYS: readonly string[] = ['tool_choice', 'toolChoice', 'function_call', 'function_calling_config', 'functionCallingConfig'];
/** Stop-sequence parameter names. */
export const STOP_KEYS: readonly string[] = ['stop', 'stop_sequences', 'stopSequences'];
export const RESPONSE_FORMAT_KEYS: readonly string[] = ['response_format', 'response_model', 'responseFormat', 'text_format', 'response_schema', 'responseSchema', 'response_mime_type', 'responseMimeType', 'schema', 'format', 'output_type'];
export const REASONING_KEYS: readonly string[] = ['reasoning_effort', 'reasoningEffort', 'effort'];
export const THINKING_KEYS: readonly string[] = ['budget_tokens', 'budgetTokens', 'thinking_budget', 'thinkingBudget'];
export const SERVICE_TIER_KEYS: readonly string[] = ['service_tier', 'serviceTier'];
export const CACHE_KEYS: readonly string[] = ['cache_control', 'cacheControl', 'cachePoint', 'cached_content', 'cachedContent'];
export const FALLBACK_KEYS: readonly string[] = ['fallbacks', 'models'];

/** Host → provider for OpenAI-compatible base URLs and raw HTTP. Order matters (first match wins). */
export const HOST_PROVIDERS: readonly { readonly host: RegExp; readonly provider: Provider }[] = [
  { host: /(^|\.)api\.openai\.com$/, provider: 'openai' },
  { host: /\.openai\.azure\.com$|\.cognitiveservices\.azure\.com$|\.services\.ai\.azure\.com$/, provider: 'azure-openai' },
  { host: /(^|\.)api\.anthropic\.com$/, provider: 'anthropic' },
  { host: /generativelanguage\.googleapis\.com$|aiplatform\.googleapis\.com$/, provider: 'google' },
  { host: /bedrock-runtime\..*amazonaws\.com$/, provider: 'bedrock' },
  { host: /(^|\.)api\.mistral\.ai$/, provider: 'mistral' },
  { host: /(^|\.)api\.cohere\.(ai|com)$/, provider: 'cohere' },
  { host: /(^|\.)api\.groq\.com$/, provider: 'groq' },
  { host: /(^|\.)api\.together\.(xyz|ai)$/, provider: 'together' },
  { host: /(^|\.)api\.fireworks\.ai$/, provider: 'fireworks' },
  { host: /(^|\.)api\.deepseek\.com$/, provider: 'deepseek' },
  { host: /(^|\.)openrouter\.ai$/, provider: 'openrouter' },
  { host: /(^|\.)api\.x\.ai$/, provider: 'xai' },
  { host: /huggingface\.co$|\.hf\.space$|router\.huggingface\.co$/, provider: 'huggingface' },
];

/**
 * A base URL known only in part (`f"https://{host}/v1/projects/{p}/locations/{l}/endpoints/openapi"`,
 * `` `${ENDPOINT}/openai/deployments/${ID}` ``, `https://bedrock-mantle.${region}.api.aws/v1`): what its visible text
 * names. Sources: Vertex AI's OpenAI-compatible endpoint and Azure OpenAI's deployment URLs (their docs), Bedrock's
 * OpenAI-compatible "Mantle" endpoint; checked 2026-12.
 */
export const BASE_URL_PARTS: readonly { readonly pattern: RegExp; readonly provider: Provider }[] = [
  { pattern: /\/endpoints\/openapi\b|aiplatform\.googleapis\.com|generativelanguage\.googleapis\.com/, provider: 'google' },
  { pattern: /\/openai\/deployments\/|\.openai\.azure\.com|\.cognitiveservices\.azure\.com|\.services\.ai\.azure\.com/, provider: 'azure-openai' },
  { pattern: /bedrock-mantle\.|bedrock-runtime\./, provider: 'bedrock' },
  { pattern: /api\.groq\.com/, provider: 'groq' },
  { pattern: /api\.mistral\.ai/, provider: 'mistral' },
  { pattern: /openrouter\.ai/, provider: 'openrouter' },
  { pattern: /api\.deepseek\.com/, provider: 'deepseek' },
  { pattern: /api\.together\.(xyz|ai)/, provider: 'together' },
  { pattern: /api\.fireworks\.ai/, provider: 'fireworks' },
  { pattern: /api\.x\.ai/, provider: 'xai' },
  { pattern: /api\.cohere\.(ai|com)/, provider: 'cohere' },
  { pattern: /huggingface\.co|\.hf\.space/, provider: 'huggingface' },
  { pattern: /:11434\b/, provider: 'ollama' },
];

/** Hosts of a local server: `localhost:11434` (Ollama's default port) is Ollama, any other local host is `other`. */
export const OLLAMA_PORT = '11434';

/**
 * Inference endpoint paths (raw HTTP) and the api each one is. Matched against the URL path.
 * `words`: the last path segment of every path the pattern matches. A URL is assembled from string literals, and
 * the segment's own literal holds it whole: after its `/` or `:` (or at the literal's start), followed by no letter,
 * digit or `_`; a file (or the neighbour it imports a URL constant from) with no such text cannot call the endpoint. The
 * detector uses them to skip parsing such files (`evidence.ts`); a test checks each pattern against them.
 */
export const HTTP_ENDPOINTS: readonly { readonly path: RegExp; readonly api: Api; readonly provider?: Provider; readonly words: readonly string[] }[] = [
  { path: /\/chat\/completions\/?$/, api: 'chat', words: ['completions'] },
  // `/beta/completions` (DeepSeek FIM) and `/fim/completions` (Mistral/Codestral FIM) are completions too.
  { path: /\/v1\/completions\/?$|\/(?:beta|fim)\/completions\/?$|\/openai\/deployments\/[^/]+\/completions(?!\w)/, api: 'completion', words: ['completions'] },
  { path: /\/v1\/responses\/?$/, api: 'responses', words: ['responses'] },
  { path: /\/v1\/messages\/?$/, api: 'messages', words: ['messages'] },
  { path: /\/v1\/complete\/?$/, api: 'completion', provider: 'anthropic', words: ['complete'] },
  { path: /\/embeddings\/?$|:embedContent$|:batchEmbedContents$|\/api\/embed(dings)?\/?$/, api: 'embeddings', words: ['embeddings', 'embedContent', 'batchEmbedContents', 'embed'] },
  { path: /:(stream)?[gG]enerateContent$/, api: 'generate', provider: 'google', words: ['generateContent', 'streamGenerateContent'] },
  { path: /\/api\/chat\/?$/, api: 'chat', words: ['chat'] },
  { path: /\/api\/generate\/?$/, api: 'completion', words: ['generate'] },
  { path: /\/images\/generations\/?$/, api: 'images', words: ['generations'] },
  { path: /\/audio\/(transcriptions|translations|speech)\/?$/, api: 'audio', words: ['transcriptions', 'translations', 'speech'] },
  { path: /\/model\/[^/]+\/(invoke|converse)(-with-response-stream|-stream)?$/, api: 'generate', provider: 'bedrock', words: ['invoke', 'converse'] },
  { path: /\/v[12]\/chat\/?$/, api: 'chat', provider: 'cohere', words: ['chat'] },
  // Rerank (Cohere `/v2/rerank`, Voyage, Jina, SiliconFlow `/v1/rerank`) and Cohere's `/v2/embed`: the provider from the host.
  { path: /\/v[12]\/rerank\/?$/, api: 'rerank', words: ['rerank'] },
  { path: /\/v[12]\/embed\/?$/, api: 'embeddings', words: ['embed'] },
  // Gemini Interactions API over REST (`POST /v1beta/interactions`, Vertex `/v1beta1/projects/…/locations/…/interactions`).
  { path: /\/v1(?:alpha|beta1?)\/(?:projects\/[^/]+\/locations\/[^/]+\/)?interactions\/?$/, api: 'generate', provider: 'google', words: ['interactions'] },
];

/** Prefixes stripped from a model id to get the canonical (pricing) id. Bedrock ids are kept as written. */
export const CANONICAL_STRIP_PREFIXES: readonly string[] = [
  'models/', 'openai/', 'anthropic/', 'google/', 'gemini/', 'vertex_ai/', 'azure/', 'groq/', 'mistral/', 'cohere/',
  'deepseek/', 'xai/', 'x-ai/', 'ollama/', 'ollama_chat/', 'bedrock/', 'openrouter/', 'together_ai/', 'fireworks_ai/',
  'openai:', 'anthropic:', 'google_genai:', 'google_vertexai:', 'google:', 'groq:', 'mistralai:', 'ollama:', 'bedrock:',
  'bedrock_converse:', 'azure_openai:', 'cohere:', 'deepseek:', 'xai:', 'together:', 'fireworks:',
];

/** Model-name families → provider, for a model string with no prefix (LiteLLM's own routing rule). */
export const MODEL_NAME_PROVIDERS: readonly { readonly pattern: RegExp; readonly provider: Provider }[] = [
  { pattern: /^(gpt-|o1|o3|o4|chatgpt-|text-embedding-|dall-e|whisper|tts-|davinci|babbage|gpt_|codex-)/, provider: 'openai' },
  { pattern: /^claude/, provider: 'anthropic' },
  { pattern: /^(gemini|text-embedding-004|gemma|imagen)/, provider: 'google' },
  { pattern: /^(command|embed-(english|multilingual)|rerank-)/, provider: 'cohere' },
  { pattern: /^(mistral|mixtral|codestral|open-mistral|pixtral|ministral)/, provider: 'mistral' },
  { pattern: /^deepseek-(chat|reasoner)$/, provider: 'deepseek' },
  { pattern: /^grok-/, provider: 'xai' },
];
