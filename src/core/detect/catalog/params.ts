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
export interface HttpEndpoint {
  readonly path: RegExp;
  readonly api: Api;
  readonly provider?: Provider;
  /** Last path segments (see above); empty for an endpoint bound to a `host`, whose `hostWords` are its evidence. */
  readonly words: readonly string[];
  /** Only on this host (lower case, port dropped): the path alone is too common to name a model API. */
  readonly host?: RegExp;
  /** Text every URL of `host` holds (`elevenlabs.io`): the evidence for a file that calls it (evidence.ts). */
  readonly hostWords?: readonly string[];
  /**
   * A realtime WebSocket session's path (`wss://…/v1/realtime?model=…`): opened by a connect call, not an HTTP
   * request; a site only when the URL names the model (see docs/detection.md, raw HTTP). `matchEndpoint` skips these
   * unless asked for them.
   */
  readonly socket?: true;
  /**
   * A path that model servers share with everyday services (`/embed`, `/rerank`, `/generate`, `/completion`): it
   * counts on a provider's host, else only when the request body has a model request's shape ({@link MODEL_BODY}).
   */
  readonly weak?: true;
  /** The model the path names (group 1: `…/ai/run/@cf/baai/bge-base-en-v1.5`), read when the body names none. */
  readonly modelInPath?: RegExp;
  /**
   * A path that runs any model the URL names, whatever its task (Workers AI's `/ai/run/{model}`): `api` applies unless
   * the path or the names of the function and class that send it say the kind (`embed`, `rerank`, speech, images).
   */
  readonly taskFromNames?: true;
}

const HF_INFERENCE_HOST = /^(?:api-inference|router)\.huggingface\.co$/;
const HF_INFERENCE_WORDS = ['api-inference.huggingface.co', 'router.huggingface.co'];
/** `/pipeline/{task}/{model}`, `/models/{model}`, `/hf-inference/models/{model}/pipeline/{task}`: the model. */
const HF_MODEL_IN_PATH = /^\/(?:pipeline\/[\w-]+\/(.+)|(?:hf-inference\/)?models\/(.+?)(?:\/pipeline\/[\w-]+)?)$/;

export const HTTP_ENDPOINTS: readonly HttpEndpoint[] = [
  { path: /\/chat\/completions\/?$/, api: 'chat', words: ['completions'] },
  // `/beta/completions` (DeepSeek FIM) and `/fim/completions` (Mistral/Codestral FIM) are completions too.
  { path: /\/v1\/completions\/?$|\/(?:beta|fim)\/completions\/?$|\/openai\/deployments\/[^/]+\/completions(?!\w)/, api: 'completion', words: ['completions'] },
  { path: /\/v1\/responses\/?$/, api: 'responses', words: ['responses'] },
  { path: /\/v1\/messages\/?$/, api: 'messages', words: ['messages'] },
  { path: /\/v1\/complete\/?$/, api: 'completion', provider: 'anthropic', words: ['complete'] },
  { path: /\/embeddings\/?$|:embedContent$|:batchEmbedContents$|\/api\/embed(dings)?\/?$/, api: 'embeddings', words: ['embeddings', 'embedContent', 'batchEmbedContents', 'embed'] },
  { path: /:(stream)?[gG]enerateContent$/, api: 'generate', provider: 'google', words: ['generateContent', 'streamGenerateContent'] },
  // Ollama's paths; on a host that is not Ollama's (the app's own `/api/chat`), only with a model request's body.
  { path: /\/api\/chat\/?$/, api: 'chat', words: ['chat'], weak: true },
  { path: /\/api\/generate\/?$/, api: 'completion', words: ['generate'], weak: true },
  { path: /\/images\/(?:generations|edits|variations)\/?$/, api: 'images', words: ['generations', 'edits', 'variations'] },
  { path: /\/audio\/(transcriptions|translations|speech)\/?$/, api: 'audio', words: ['transcriptions', 'translations', 'speech'] },
  // Together AI's text-to-speech (`POST /v1/audio/generations`, docs.together.ai/reference/audio-speech, checked 2026-12-07).
  { path: /\/audio\/generations\/?$/, api: 'audio', words: ['generations'] },
  { path: /\/model\/[^/]+\/(invoke|converse)(-with-response-stream|-stream)?$/, api: 'generate', provider: 'bedrock', words: ['invoke', 'converse'] },
  { path: /\/v[12]\/chat\/?$/, api: 'chat', provider: 'cohere', words: ['chat'] },
  // Rerank (Cohere `/v2/rerank`, Voyage, Jina, SiliconFlow `/v1/rerank`) and Cohere's `/v2/embed`: the provider from the host.
  { path: /\/v[12]\/rerank\/?$/, api: 'rerank', words: ['rerank'] },
  { path: /\/v[12]\/embed\/?$/, api: 'embeddings', words: ['embed'] },
  // Gemini Interactions API over REST (`POST /v1beta/interactions`, Vertex `/v1beta1/projects/…/locations/…/interactions`).
  { path: /\/v1(?:alpha|beta1?)\/(?:projects\/[^/]+\/locations\/[^/]+\/)?interactions\/?$/, api: 'generate', provider: 'google', words: ['interactions'] },
  // Vertex AI publisher models over REST: `…/publishers/google/models/text-embedding-005:predict`, Claude and Mistral
  // `…/publishers/anthropic/models/claude-…:streamRawPredict` (Vertex AI REST reference, projects.locations.publishers.models;
  // checked 2026-12). A TensorFlow-Serving-style `/v1/models/x:predict` on a local host is a model call too.
  { path: /\/models\/[^/]+:(?:predict|rawPredict|streamRawPredict|serverStreamingPredict)$/, api: 'generate', provider: 'google', words: ['predict', 'rawPredict', 'streamRawPredict', 'serverStreamingPredict'] },
  // The PaLM API that came before Gemini (`models/chat-bison-001:generateMessage`, `:generateText`, `:embedText`).
  { path: /\/models\/[^/]+:(?:generateMessage|generateText)$/, api: 'generate', provider: 'google', words: ['generateMessage', 'generateText'] },
  { path: /\/models\/[^/]+:(?:embedText|batchEmbedText)$/, api: 'embeddings', provider: 'google', words: ['embedText', 'batchEmbedText'] },
  // IBM watsonx.ai (`/ml/v1/text/generation`, `/text/chat`, their `_stream` forms, a deployment's `/ml/v1/deployments/<id>/text/…`;
  // `/ml/v1/text/embeddings` is the embeddings row above). watsonx.ai REST reference, checked 2026-12.
  { path: /(?:^|\/)ml\/v\d\/.*text\/(?:generation|chat)(?:_stream)?$/, api: 'chat', provider: 'other', words: ['generation', 'generation_stream', 'chat', 'chat_stream'] },
  { path: /(?:^|\/)ml\/v\d\/.*text\/rerank$/, api: 'rerank', provider: 'other', words: ['rerank'] },
  // Self-hosted model servers: Hugging Face text-generation-inference (`/generate`, `/generate_stream`) and
  // text-embeddings-inference (`/embed`, `/rerank`), llama.cpp's server (`/completion`, `/infill`). Everyday paths: weak.
  { path: /\/generate(?:_stream)?\/?$/, api: 'completion', words: ['generate', 'generate_stream'], weak: true },
  { path: /\/embed\/?$/, api: 'embeddings', words: ['embed'], weak: true },
  { path: /\/rerank\/?$/, api: 'rerank', words: ['rerank'], weak: true },
  { path: /\/(?:completion|infill)\/?$/, api: 'completion', words: ['completion', 'infill'], weak: true },
  // Hosted inference APIs bound to their host (each reference checked 2026-12): ElevenLabs text-to-speech (also
  // `/stream`, `/with-timestamps`), speech-to-text, sound effects and speech-to-speech; Replicate predictions (a
  // model's, a deployment's or by version); Deepgram speech-to-text and text-to-speech; Google Cloud Text-to-Speech
  // and Speech-to-Text; ModelsLab image generation; DeepInfra's native inference API. Not their voices, models,
  // account or prediction-status paths.
  { path: /^\/v1\/text-to-speech\/[^/]+(?:\/stream)?(?:\/with-timestamps)?\/?$|^\/v1\/speech-to-speech\/[^/]+(?:\/stream)?\/?$/, api: 'audio', provider: 'other', words: [], host: /(^|\.)api\.elevenlabs\.io$/, hostWords: ['elevenlabs.io'] },
  { path: /^\/v1\/(?:speech-to-text|sound-generation)\/?$/, api: 'audio', provider: 'other', words: [], host: /(^|\.)api\.elevenlabs\.io$/, hostWords: ['elevenlabs.io'] },
  { path: /^\/v1\/(?:models\/.+\/|deployments\/.+\/)?predictions\/?$/, api: 'generate', provider: 'other', words: [], host: /(^|\.)api\.replicate\.com$/, hostWords: ['replicate.com'] },
  { path: /^\/v1\/(?:listen|speak)\/?$/, api: 'audio', provider: 'other', words: [], host: /(^|\.)api\.deepgram\.com$/, hostWords: ['deepgram.com'] },
  { path: /^\/v1(?:beta1)?\/text:synthesize$/, api: 'audio', provider: 'google', words: [], host: /^texttospeech\.googleapis\.com$/, hostWords: ['texttospeech.googleapis.com'] },
  { path: /^\/v[12](?:p1beta1|beta)?\/(?:projects\/.*\/)?speech:(?:recognize|longrunningrecognize)$|\/recognizers\/[^/]+:(?:recognize|batchRecognize)$/, api: 'audio', provider: 'google', words: [], host: /^(?:[a-z0-9-]+-)?speech\.googleapis\.com$/, hostWords: ['speech.googleapis.com'] },
  { path: /^\/api\/v\d\/(?:images\/)?(?:text2img|img2img)\/?$/, api: 'images', provider: 'other', words: [], host: /(^|\.)modelslab\.com$/, hostWords: ['modelslab.com'] },
  { path: /^\/v1\/inference\/.+$/, api: 'generate', provider: 'other', words: [], host: /(^|\.)api\.deepinfra\.com$/, hostWords: ['deepinfra.com'] },
  // Mistral's document OCR (`POST /v1/ocr`, billed per page) and Black Forest Labs' FLUX image generation
  // (`POST /v1/flux-pro-1.1`, `/v1/flux-kontext-pro` …; docs.bfl.ai, checked 2026-12-07).
  { path: /^\/v1\/ocr\/?$/, api: 'other', provider: 'mistral', words: [], host: /(^|\.)api\.mistral\.ai$/, hostWords: ['mistral.ai'] },
  { path: /^\/v1\/flux-[\w.-]+\/?$/, api: 'images', provider: 'other', words: [], host: /(^|\.)api(?:\.(?:us1|eu1|us|eu))?\.bfl\.(?:ai|ml)$/, hostWords: ['bfl.ai', 'bfl.ml'] },
  // Stability AI image generation (`POST /v2beta/stable-image/generate/{ultra,core,sd3}`, edit/control/upscale; the v1
  // `/v1/generation/<engine>/text-to-image` and `image-to-image`; platform.stability.ai/docs/api-reference, checked 2026-12-07).
  { path: /^\/v2beta\/stable-image\/(?:generate|edit|control|upscale)\/[\w-]+\/?$|^\/v1\/generation\/[^/]+\/(?:text-to-image|image-to-image(?:\/masking)?)\/?$/, api: 'images', provider: 'other', words: [], host: /(^|\.)api\.stability\.ai$/, hostWords: ['stability.ai'] },
  // The Hugging Face serverless Inference API (`api-inference.huggingface.co/models/{model}`,
  // `/pipeline/feature-extraction/{model}`) and its successor on the router (`router.huggingface.co/hf-inference/models/
  // {model}[/pipeline/{task}]`; huggingface.co/docs/inference-providers, checked 2026-12-07); Cloudflare Workers AI
  // (`api.cloudflare.com/client/v4/accounts/{id}/ai/run/{model}`, and through AI Gateway `gateway.ai.cloudflare.com/v1/
  // {id}/{gateway}/workers-ai/{model}`; developers.cloudflare.com/workers-ai, checked 2026-12-07). The model is in the path.
  { path: /^\/(?:pipeline\/(?:feature-extraction|sentence-similarity)\/.+|(?:hf-inference\/)?models\/.+\/pipeline\/(?:feature-extraction|sentence-similarity))$/, api: 'embeddings', provider: 'huggingface', words: [], host: HF_INFERENCE_HOST, hostWords: HF_INFERENCE_WORDS, modelInPath: HF_MODEL_IN_PATH },
  { path: /^\/(?:pipeline\/[\w-]+\/.+|(?:hf-inference\/)?models\/.+)$/, api: 'other', provider: 'huggingface', words: [], host: HF_INFERENCE_HOST, hostWords: HF_INFERENCE_WORDS, modelInPath: HF_MODEL_IN_PATH, taskFromNames: true },
  { path: /^\/client\/v4\/accounts\/[^/]+\/ai\/run\/.+$/, api: 'other', provider: 'other', words: [], host: /^api\.cloudflare\.com$/, hostWords: ['api.cloudflare.com'], modelInPath: /\/ai\/run\/(.+)$/, taskFromNames: true },
  { path: /^\/v1\/[^/]+\/[^/]+\/workers-ai\/.+$/, api: 'other', provider: 'other', words: [], host: /^gateway\.ai\.cloudflare\.com$/, hostWords: ['gateway.ai.cloudflare.com'], modelInPath: /\/workers-ai\/(.+)$/, taskFromNames: true },
  // Realtime WebSocket sessions whose URL names the model: OpenAI (and Azure's `/openai/realtime`) Realtime,
  // ElevenLabs stream-input text-to-speech and realtime speech-to-text (their API references, checked 2026-12).
  { path: /\/(?:v1|openai)\/realtime\/?$/, api: 'audio', words: ['realtime'], socket: true },
  { path: /\/v1\/text-to-speech\/[^/]+\/(?:stream-input|multi-stream-input)$|\/v1\/speech-to-text\/realtime$/, api: 'audio', provider: 'other', words: ['stream-input', 'multi-stream-input', 'realtime'], socket: true },
];

/**
 * The endpoint a URL path names (on `host`, when the URL shows one). First match wins; an endpoint bound to a host
 * needs that host. `socket`: a WebSocket connect's URL (only the realtime session endpoints), else an HTTP request's.
 */
export function matchEndpoint(path: string, host: string | undefined, socket = false): HttpEndpoint | undefined {
  const h = host?.toLowerCase().replace(/:\d+$/, '');
  return HTTP_ENDPOINTS.find((e) => (e.socket === true) === socket && (!e.host || (h !== undefined && e.host.test(h))) && e.path.test(path));
}

/**
 * The shape of a model request's JSON body, for a request whose URL does not name an endpoint (a configured
 * `self.api_url`, `new URL(path, this.apiBase)`) or names a weak one: a model key beside an input key
 * (`{"model": …, "input": …}`, `{ model, messages }`, `{"text": …, "model_id": …}`), or Hugging Face's `inputs`
 * (Inference API, text-generation-inference, text-embeddings-inference).
 */
export const MODEL_BODY = {
  model: ['model', 'model_id', 'modelId'],
  input: ['messages', 'prompt', 'input', 'inputs', 'contents', 'instances', 'texts', 'text', 'documents', 'query', 'suffix'],
  alone: ['inputs'],
  /** The input keys of a generation request (a URL path that names another resource needs a model key and one of them). */
  generation: ['messages', 'prompt', 'contents', 'inputs', 'suffix'],
} as const;

/**
 * A key of a request body as code writes one, for the text pre-filters (ripgrep syntax; ripgrep matches line by line):
 * `"model":`, `model=`, `model:` (triple-quoted too), and a key whose `:` or `=` comes after a comment or on the next
 * line, or a shorthand property `{ model, … }`: the first character after the key that is not a blank is `,`, `}`, a
 * comment's `/` or `#`, a line continuation's `\\`, or (for ripgrep) the end of the line. A superset of the evidence test's
 * per-language key patterns (evidence.ts `keyRe`), which run on the files these let through.
 */
export function bodyKeyPattern(keys: readonly string[]): string {
  const k = `(?:${keys.join('|')})`;
  return `['"]?${k}['"]{0,3}\\s*[:=]|${k}['"]{0,3}\\s*(?:[,}/#\\\\]|$)`;
}

/** Text a file holds when it writes a model-shaped body ({@link MODEL_BODY}): one of its model keys or `inputs` as a key. */
export const MODEL_BODY_WORD = bodyKeyPattern([...MODEL_BODY.model, ...MODEL_BODY.alone]);

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
