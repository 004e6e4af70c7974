/**
 * The SDK catalogue: every module, client type and method path Tokentier recognises, as data.
 * Sources: each SDK's README/API reference (openai-python/openai-node, anthropic-sdk-python/-typescript,
 * googleapis/python-genai and js-genai, google-generativeai, boto3 bedrock-runtime, AWS SDK v3, mistralai, cohere,
 * groq, together, fireworks, ollama, huggingface_hub, litellm, LangChain, LlamaIndex, Vercel AI SDK), checked 2026-11.
 */
import type { Api, Provider, Via } from '../../types';
import type { ArgRef, FallbackSpec, Member, ModuleSpec, PromptSpec, SiteSpec, TypeSpec } from './types';
import { FRAMEWORK_FALLBACKS, FRAMEWORK_MODULES, FRAMEWORK_TYPES } from './frameworks';
import { LITELLM_ASYNC_AND_RERANK, SPEECH_AND_OTHER_MODULES, SPEECH_AND_OTHER_TYPES } from './otherSdks';
import { MORE_FALLBACKS, MORE_FRAMEWORK_MODULES, MORE_FRAMEWORK_TYPES } from './moreFrameworks';
import { JS_FRAMEWORK_FALLBACKS, JS_FRAMEWORK_MODULES } from './jsFrameworks';
import { AGENT_RUNTIME_MODULES, AGENT_RUNTIME_TYPES } from './agentRuntimes';
import { kw, kwPos, make, same, site } from './builders';


const MODEL = kw('model');
/** The model as a keyword or the first positional argument (ollama-python, LiteLLM: `completion("gpt-4o", messages)`). */
const MODEL_POS0 = kwPos(0, 'model');
const CHAT_PROMPT: PromptSpec = { messages: kw('messages') };
const RESP_PROMPT: PromptSpec = { input: kw('input'), system: kw('instructions') };

/** The Assistants API's runs (each makes the assistant's model answer the thread). */
const ASSISTANT_RUNS = ['threads.runs.create', 'threads.runs.createAndPoll', 'threads.runs.createAndStream', 'threads.runs.stream', 'threads.runs.submitToolOutputs', 'threads.runs.submitToolOutputsAndPoll', 'threads.runs.submitToolOutputsStream', 'threads.createAndRun', 'threads.createAndRunPoll', 'threads.createAndRunStream'];
/** OpenAI's surface (Python and Node share method names and snake_case parameters). */
function openAiMembers(): Record<string, Member> {
  return {
    'chat.completions.create': site('chat', MODEL, CHAT_PROMPT),
    'chat.completions.acreate': site('chat', MODEL, CHAT_PROMPT),
    'chat.completions.parse': site('chat', MODEL, CHAT_PROMPT),
    'chat.completions.stream': site('chat', MODEL, CHAT_PROMPT, { stream: true }),
    'chat.completions.runTools': site('chat', MODEL, CHAT_PROMPT),
    'chat.completions.run_tools': site('chat', MODEL, CHAT_PROMPT),
    'chat.completion': site('chat', MODEL, CHAT_PROMPT),
    'chat_completion': site('chat', MODEL, CHAT_PROMPT),
    'completions.create': site('completion', MODEL, { prompt: kw('prompt') }),
    'responses.create': site('responses', MODEL, RESP_PROMPT),
    'responses.parse': site('responses', MODEL, RESP_PROMPT),
    // `responses.stream(response_id=…)` resumes streaming a background response that already exists: no new request.
    'responses.stream': site('responses', MODEL, RESP_PROMPT, { stream: true, notWith: ['response_id'] }),
    'responses.compact': site('responses', MODEL, RESP_PROMPT),
    'embeddings.create': site('embeddings', MODEL, { input: kw('input', 'inputs') }),
    'images.generate': site('images', MODEL, { prompt: kw('prompt') }),
    'images.edit': site('images', MODEL, { prompt: kw('prompt') }),
    'images.create_variation': site('images', MODEL, {}),
    'images.createVariation': site('images', MODEL, {}),
    'audio.transcriptions.create': site('audio', MODEL, {}),
    'audio.translations.create': site('audio', MODEL, {}),
    'audio.speech.create': site('audio', MODEL, { input: kw('input') }),
    // Video generation (Sora; Together's `videos.create`): billed per second of video.
    'videos.create': site('other', MODEL, { prompt: kw('prompt') }),
    'videos.createAndPoll': site('other', MODEL, { prompt: kw('prompt') }),
    'videos.edit': site('other', MODEL, { prompt: kw('prompt') }),
    'videos.extend': site('other', MODEL, { prompt: kw('prompt') }),
    'videos.remix': site('other', MODEL, { prompt: kw('prompt') }),
    'decisions.create': site('other', MODEL, { input: kw('input') }),
    // Together's rerank endpoint.
    'rerank.create': site('rerank', MODEL, { input: kw('query') }),
    // Assistants: a run makes the assistant's model answer the thread (`model` overrides the assistant's).
    ...Object.fromEntries(ASSISTANT_RUNS.map((k) => [k, site('other', MODEL, { system: kw('instructions') })])),
    // Managed agents: a session turn runs the agent's model (the model is the agent's, not in the call).
    'agents.sessions.create': site('other', undefined, { input: kw('input') }),
    'agents.sessions.stream': site('other', undefined, { input: kw('input') }),
    'agents.sessions.events.create': site('other', undefined, { input: kw('events') }),
    'agents.automations.invocations.create': site('other', undefined, {}),
    // Realtime and Live sessions started server-side (SIP/WebRTC): the session's model answers the call.
    'realtime.calls.create': site('other', MODEL, { system: kw('instructions') }),
    'realtime.calls.accept': site('other', MODEL, { system: kw('instructions') }),
    'live.create': site('other', MODEL, { system: kw('instructions') }),
    'live.sessions.accept': site('other', MODEL, { system: kw('instructions') }),
    // Python `client.realtime.connect(model=…)` (also `beta.`) and the Responses WebSocket `responses.connect(…)`: a
    // session in which each `response.create` asks for a turn.
    'realtime.connect': make('openai-realtime', { model: MODEL }),
    'responses.connect': make('openai-realtime', { model: MODEL }),
    with_options: same,
    withOptions: same,
    copy: same,
  };
}
const OPENAI_OPTIONAL = ['beta', 'with_raw_response', 'with_streaming_response', 'withRawResponse', 'aio'];

const ANTHROPIC_PROMPT: PromptSpec = { messages: kw('messages'), system: kw('system') };
function anthropicMembers(): Record<string, Member> {
  return {
    'messages.create': site('messages', MODEL, ANTHROPIC_PROMPT),
    'messages.stream': site('messages', MODEL, ANTHROPIC_PROMPT, { stream: true }),
    'messages.parse': site('messages', MODEL, ANTHROPIC_PROMPT),
    // `messages.batches.create` submits a batch job: job management, not a request (eval/README.md "Not sites").
    // The tool runner loops `messages.create` until the model stops calling tools (one site, several requests).
    'messages.toolRunner': site('messages', MODEL, ANTHROPIC_PROMPT),
    // A server-held thread: each `send` is one request with the thread's model.
    'messages.thread': make('anthropic-thread', { model: MODEL }),
    copy: same,
    'completions.create': site('completion', MODEL, { prompt: kw('prompt') }),
    // Managed Agents: a user event (or a tool result) makes the session's agent take a turn with its own model.
    'sessions.events.send': site('other', undefined, { input: { kw: ['events'], obj: 1 } }),
    'sessions.events.toolRunner': site('other', undefined, {}),
    'deployments.run': site('other', undefined, {}),
    with_options: same,
    withOptions: same,
  };
}

const LC_INPUT: PromptSpec = { user: { pos: 0, kw: ['input'] } };
function langChainChatMembers(api: Api): Record<string, Member> {
  const s = (extra: Partial<SiteSpec> = {}): Member => site(api, undefined, LC_INPUT, extra);
  return {
    invoke: s(), ainvoke: s(), predict: s(), apredict: s(), predict_messages: s(), apredict_messages: s(),
    call: s(), generate: s(), agenerate: s(), stream: s({ stream: true }), astream: s({ stream: true }),
    astream_events: s({ stream: true }), streamEvents: s({ stream: true }), astream_log: s({ stream: true }), streamLog: s({ stream: true }),
    batch: s({ fanOut: true }), abatch: s({ fanOut: true }),
    bind_tools: same, bindTools: same, with_structured_output: same, withStructuredOutput: same, bind: same,
    with_retry: same, withRetry: same, with_config: same, withConfig: same, with_fallbacks: same, withFallbacks: same, with_listeners: same, withListeners: same,
    pipe: same, configurable_fields: same, run: s(), arun: s(), acall: s(),
  };
}
const LC_CALLABLE: SiteSpec = { api: 'chat', prompt: LC_INPUT };

function lcEmbedMembers(): Record<string, Member> {
  const e = (): Member => site('embeddings', undefined, { input: { pos: 0, kw: ['text', 'texts'] } });
  return { embed_query: e(), embed_documents: e(), aembed_query: e(), aembed_documents: e(), embedQuery: e(), embedDocuments: e() };
}

function llamaIndexMembers(): Record<string, Member> {
  const c = (extra: Partial<SiteSpec> = {}): Member => site('completion', undefined, { prompt: { pos: 0, kw: ['prompt'] } }, extra);
  const ch = (extra: Partial<SiteSpec> = {}): Member => site('chat', undefined, { messages: { pos: 0, kw: ['messages'] } }, extra);
  return {
    complete: c(), acomplete: c(), stream_complete: c({ stream: true }), astream_complete: c({ stream: true }),
    chat: ch(), achat: ch(), stream_chat: ch({ stream: true }), astream_chat: ch({ stream: true }), chat_with_tools: ch(), achat_with_tools: ch(),
    stream_chat_with_tools: ch({ stream: true }), astream_chat_with_tools: ch({ stream: true }), structured_predict: c(), astructured_predict: c(), predict: c(), apredict: c(),
    // Function calling: `llm.predict_and_call([tool], "What is 2 + 9?")` (llama_index.core.llms.function_calling).
    predict_and_call: site('chat', undefined, { user: { pos: 1, kw: ['user_msg'] } }),
    apredict_and_call: site('chat', undefined, { user: { pos: 1, kw: ['user_msg'] } }),
  };
}
function llamaIndexEmbedMembers(): Record<string, Member> {
  const e = (): Member => site('embeddings', undefined, { input: { pos: 0 } });
  return {
    get_text_embedding: e(), get_query_embedding: e(), get_text_embedding_batch: e(), aget_text_embedding: e(),
    aget_query_embedding: e(), aget_text_embedding_batch: e(),
    // LlamaIndex.TS
    getTextEmbedding: e(), getQueryEmbedding: e(), getTextEmbeddings: e(), getTextEmbeddingsBatch: e(),
  };
}

const AISDK_PROMPT: PromptSpec = { system: kw('system'), prompt: kw('prompt'), messages: kw('messages') };

/** Every instance type. */
export const TYPES: readonly TypeSpec[] = [
  { id: 'openai', provider: 'openai', via: 'sdk', members: openAiMembers(), optionalSegments: OPENAI_OPTIONAL },
  // `beta.tools.` and `beta.prompt_caching.` are the legacy beta namespaces of anthropic-sdk-python < 0.40.
  { id: 'anthropic', provider: 'anthropic', via: 'sdk', members: anthropicMembers(), optionalSegments: ['beta', 'tools', 'prompt_caching', 'with_raw_response', 'with_streaming_response', 'withRawResponse'] },
  { id: 'anthropic-thread', provider: 'anthropic', via: 'sdk', members: { send: site('messages', undefined, { messages: { pos: 0 } }), stream: site('messages', undefined, { messages: { pos: 0 } }, { stream: true }) } },
  {
    // A Realtime WebSocket session (Python `client.realtime.connect(model=…)`): `response.create` makes the model answer.
    id: 'openai-realtime', provider: 'openai', via: 'sdk',
    members: {
      'response.create': site('other', undefined, {}),
      // The raw event: only `response.create` asks the model for a turn (`session.update`, `input_audio_buffer.append`,
      // `conversation.item.create` … do not).
      send: site('other', MODEL, { input: kw('input') }, { when: { key: 'type', equals: ['response.create'] } }),
    },
  },
  {
    id: 'genai-client', provider: 'google', via: 'sdk', optionalSegments: ['aio'],
    members: {
      'models.generate_content': site('generate', MODEL, { user: kw('contents') }),
      'models.generate_content_stream': site('generate', MODEL, { user: kw('contents') }, { stream: true }),
      'models.embed_content': site('embeddings', MODEL, { input: kw('contents') }),
      'models.generate_images': site('images', MODEL, { prompt: kw('prompt') }),
      'models.generateContent': site('generate', MODEL, { user: kw('contents') }),
      'models.generateContentStream': site('generate', MODEL, { user: kw('contents') }, { stream: true }),
      'models.embedContent': site('embeddings', MODEL, { input: kw('contents') }),
      'models.generateImages': site('images', MODEL, { prompt: kw('prompt') }),
      'models.editImage': site('images', MODEL, { prompt: kw('prompt') }),
      'models.upscaleImage': site('images', MODEL, {}),
      'models.recontextImage': site('images', MODEL, {}),
      'models.segmentImage': site('images', MODEL, {}),
      // Veo: a long-running operation billed per second of video.
      'models.generateVideos': site('other', MODEL, { prompt: kw('prompt') }),
      // The Interactions API: one model turn (`model=`), or a turn of an agent (`agent=`, Deep Research).
      'interactions.create': site('generate', kw('model', 'agent'), { input: kw('input'), system: kw('system_instruction', 'systemInstruction') }),
      'decisions.create': site('other', MODEL, {}),
      'triggers.run': site('other', undefined, {}),
      'chats.create': make('genai-chat', { model: MODEL }),
      // The Live API: a WebSocket session; each message sent makes the model take a turn.
      'live.connect': make('genai-live', { model: MODEL }),
      // Lyria RealTime music: one billed generation stream per session, counted at the connect that names the model.
      'live.music.connect': site('audio', MODEL, {}),
    },
  },
  {
    id: 'genai-live', provider: 'google', via: 'sdk',
    members: {
      sendClientContent: site('other', undefined, { user: kw('turns') }),
      sendRealtimeInput: site('other', undefined, { user: kw('text') }),
      sendToolResponse: site('other', undefined, {}),
      // google-genai < 1.0 (Python): `session.send(input=…, end_of_turn=True)`.
      send: site('other', undefined, { user: kwPos(0, 'input') }),
    },
  },
  {
    id: 'genai-chat', provider: 'google', via: 'sdk',
    members: {
      send_message: site('chat', undefined, { user: kwPos(0, 'message') }),
      send_message_stream: site('chat', undefined, { user: kwPos(0, 'message') }, { stream: true }),
      sendMessage: site('chat', undefined, { user: kwPos(0, 'message') }),
      sendMessageStream: site('chat', undefined, { user: kwPos(0, 'message') }, { stream: true }),
    },
  },
  {
    // google-generativeai / Vertex AI `GenerativeModel`, and @google/generative-ai `getGenerativeModel`.
    id: 'gemini-model', provider: 'google', via: 'sdk',
    members: {
      generate_content: site('generate', undefined, { user: kwPos(0, 'contents') }),
      generate_content_async: site('generate', undefined, { user: kwPos(0, 'contents') }),
      generateContent: site('generate', undefined, { user: kwPos(0, 'contents') }),
      generateContentStream: site('generate', undefined, { user: kwPos(0, 'contents') }, { stream: true }),
      embedContent: site('embeddings', undefined, { input: { pos: 0 } }),
      batchEmbedContents: site('embeddings', undefined, { input: { pos: 0 } }),
      start_chat: make('genai-chat', { inheritModel: true }),
      startChat: make('genai-chat', { inheritModel: true }),
    },
  },
  {
    id: 'gemini-js', provider: 'google', via: 'sdk', optionalSegments: ['preview'],
    members: {
      getGenerativeModel: make('gemini-model', { model: kw('model') }),
      // A model over a context cache: the model is the cache's (`model` of the cache, rarely visible at the call).
      getGenerativeModelFromCachedContent: make('gemini-model', { model: kwPos(0, 'model') }),
    },
  },
  {
    id: 'bedrock-runtime', provider: 'bedrock', via: 'sdk',
    members: {
      invoke_model: site('generate', kw('modelId'), { messages: kw('messages'), system: kw('system'), prompt: kw('prompt', 'inputText') }),
      invoke_model_with_response_stream: site('generate', kw('modelId'), { messages: kw('messages'), system: kw('system'), prompt: kw('prompt', 'inputText') }, { stream: true }),
      converse: site('chat', kw('modelId'), { messages: kw('messages'), system: kw('system') }),
      converse_stream: site('chat', kw('modelId'), { messages: kw('messages'), system: kw('system') }, { stream: true }),
      // AWS SDK v3's aggregated client (`new BedrockRuntime({}).converse({...})`) names the same operations in camelCase.
      invokeModel: site('generate', kw('modelId'), { messages: kw('messages'), system: kw('system'), prompt: kw('prompt', 'inputText') }),
      invokeModelWithResponseStream: site('generate', kw('modelId'), { messages: kw('messages'), system: kw('system'), prompt: kw('prompt', 'inputText') }, { stream: true }),
      invokeModelWithBidirectionalStream: site('audio', kw('modelId'), {}, { stream: true }),
      converseStream: site('chat', kw('modelId'), { messages: kw('messages'), system: kw('system') }, { stream: true }),
      // An asynchronous invocation (Nova Reel video): one model request, polled later.
      startAsyncInvoke: site('other', kw('modelId'), {}),
      send: {
        kind: 'site',
        site: {
          api: 'generate',
          commands: {
            InvokeModelCommand: { api: 'generate', model: kw('modelId'), prompt: { messages: kw('messages'), system: kw('system'), prompt: kw('prompt', 'inputText') } },
            InvokeModelWithResponseStreamCommand: { api: 'generate', model: kw('modelId'), stream: true, prompt: { messages: kw('messages'), system: kw('system') } },
            ConverseCommand: { api: 'chat', model: kw('modelId'), prompt: { messages: kw('messages'), system: kw('system') } },
            ConverseStreamCommand: { api: 'chat', model: kw('modelId'), stream: true, prompt: { messages: kw('messages'), system: kw('system') } },
            InvokeModelWithBidirectionalStreamCommand: { api: 'audio', model: kw('modelId'), stream: true, prompt: {} },
            StartAsyncInvokeCommand: { api: 'other', model: kw('modelId'), prompt: {} },
          },
        },
      },
    },
  },
  { id: 'boto3-session', provider: 'bedrock', via: 'sdk', members: { client: make('none', { typeByArg: { arg: kwPos(0, 'service_name'), map: { 'bedrock-runtime': 'bedrock-runtime', 'sagemaker-runtime': 'sagemaker-runtime' } } }) } },
  {
    // mistralai (Python) has an `_async` twin of every method (`chat.complete_async`); `beta.` holds the Agents API.
    id: 'mistral', provider: 'mistral', via: 'sdk', asyncSuffix: '_async', optionalSegments: ['beta'],
    members: {
      'chat.complete': site('chat', MODEL, CHAT_PROMPT),
      'chat.stream': site('chat', MODEL, CHAT_PROMPT, { stream: true }),
      'chat.parse': site('chat', MODEL, CHAT_PROMPT),
      'chat.parseStream': site('chat', MODEL, CHAT_PROMPT, { stream: true }),
      'embeddings.create': site('embeddings', MODEL, { input: kw('inputs', 'input') }),
      'fim.complete': site('completion', MODEL, { prompt: kw('prompt') }),
      'fim.stream': site('completion', MODEL, { prompt: kw('prompt') }, { stream: true }),
      // An agent's completion: the model is the agent's (`agent_id`), not in the call.
      'agents.complete': site('chat', undefined, CHAT_PROMPT),
      'agents.stream': site('chat', undefined, CHAT_PROMPT, { stream: true }),
      // The Conversations API (`beta.conversations`): each call runs a model or agent turn; Python's `run`/`run_stream`
      // helpers (RunContext) loop it.
      ...Object.fromEntries(['start', 'append', 'restart', 'run'].flatMap((v) => [
        [`conversations.${v}`, site('chat', MODEL, { input: kw('inputs') })],
        [`conversations.${v}Stream`, site('chat', MODEL, { input: kw('inputs') }, { stream: true })],
      ])),
      'classifiers.classify': site('other', MODEL, { input: kw('inputs') }),
      'classifiers.classifyChat': site('other', MODEL, { input: kw('inputs') }),
      'ocr.process': site('other', MODEL, {}),
      'audio.speech.complete': site('audio', MODEL, { input: kw('input') }),
      'audio.transcriptions.complete': site('audio', MODEL, {}),
      'audio.transcriptions.stream': site('audio', MODEL, {}, { stream: true }),
      // LLM-as-a-judge runs.
      'observability.judges.judgeConversation': site('other', undefined, {}),
      'observability.datasets.records.judge': site('other', undefined, {}),
      // mistralai < 1.0 (`MistralClient.chat(model, messages)`: the model may be positional)
      chat: site('chat', MODEL_POS0, { messages: kwPos(1, 'messages') }), chat_stream: site('chat', MODEL_POS0, { messages: kwPos(1, 'messages') }, { stream: true }),
      embeddings: site('embeddings', MODEL_POS0, { input: kwPos(1, 'input') }),
    },
  },
  {
    // `v2.` is the v2 API on the v1 client (`co.v2.chat`).
    id: 'cohere', provider: 'cohere', via: 'sdk', optionalSegments: ['v2'],
    members: {
      chat: site('chat', MODEL, { user: kw('message'), messages: kw('messages'), system: kw('preamble') }),
      chatStream: site('chat', MODEL, { user: kw('message'), messages: kw('messages'), system: kw('preamble') }, { stream: true }),
      generate: site('completion', MODEL, { prompt: kw('prompt') }),
      generateStream: site('completion', MODEL, { prompt: kw('prompt') }, { stream: true }),
      summarize: site('completion', MODEL, { prompt: kw('text') }),
      embed: site('embeddings', MODEL, { input: kw('texts', 'inputs') }),
      // cohere-python's batching helper: one embed request per batch of texts.
      embed_stream: site('embeddings', MODEL, { input: kw('texts') }),
      rerank: site('rerank', MODEL, { input: kw('query') }),
      classify: site('other', MODEL, { input: kw('inputs') }),
      // Document parsing (a vision model reads the image).
      parse: site('other', MODEL, {}),
      'audio.transcriptions.create': site('audio', MODEL, {}),
    },
  },
  {
    // ollama-python takes the model as the first positional argument (`ollama.chat('gemma3', messages=…)`).
    id: 'ollama', provider: 'ollama', via: 'sdk',
    members: {
      chat: site('chat', MODEL_POS0, { messages: kwPos(1, 'messages') }),
      generate: site('completion', MODEL_POS0, { prompt: kwPos(1, 'prompt'), system: kw('system') }),
      embed: site('embeddings', MODEL_POS0, { input: kwPos(1, 'input') }),
      embeddings: site('embeddings', MODEL_POS0, { input: kwPos(1, 'prompt') }),
    },
  },
  {
    id: 'hf-inference', provider: 'huggingface', via: 'sdk', optionalSegments: ['beta'],
    members: {
      chat_completion: site('chat', MODEL, { messages: kwPos(0, 'messages') }),
      'chat.completions.create': site('chat', MODEL, CHAT_PROMPT),
      text_generation: site('completion', MODEL, { prompt: kwPos(0, 'prompt') }),
      feature_extraction: site('embeddings', MODEL, { input: kwPos(0, 'text') }),
      text_to_image: site('images', MODEL, { prompt: kwPos(0, 'prompt') }),
      chatCompletion: site('chat', MODEL, CHAT_PROMPT), chatCompletionStream: site('chat', MODEL, CHAT_PROMPT, { stream: true }),
      textGeneration: site('completion', MODEL, { prompt: kw('inputs') }), featureExtraction: site('embeddings', MODEL, { input: kw('inputs') }),
      textToImage: site('images', MODEL, { prompt: kw('inputs') }),
      // huggingface_hub < 0.28: `client.post(json={"inputs": …}, model=…)`, a raw request to the model's endpoint.
      post: site('other', MODEL, { input: kw('json') }),
    },
  },
  {
    // Vertex AI PaLM-era models (`TextGenerationModel.from_pretrained("text-bison")`).
    id: 'vertex-legacy', provider: 'google', via: 'sdk',
    members: {
      predict: site('completion', undefined, { prompt: kwPos(0, 'prompt') }),
      predict_async: site('completion', undefined, { prompt: kwPos(0, 'prompt') }),
      predict_streaming: site('completion', undefined, { prompt: kwPos(0, 'prompt') }, { stream: true }),
      get_embeddings: site('embeddings', undefined, { input: { pos: 0 } }),
      start_chat: make('genai-chat', { inheritModel: true }),
    },
  },
  {
    // openai-node v3 (`new OpenAIApi(configuration)`).
    id: 'openai-v3', provider: 'openai', via: 'sdk',
    members: {
      createChatCompletion: site('chat', MODEL, CHAT_PROMPT),
      createCompletion: site('completion', MODEL, { prompt: kw('prompt') }),
      createEmbedding: site('embeddings', MODEL, { input: kw('input') }),
      createImage: site('images', MODEL, { prompt: kw('prompt') }),
      createTranscription: site('audio', { pos: 1 }, {}),
    },
  },
  {
    id: 'azure-openai-legacy-js', provider: 'azure-openai', via: 'sdk',
    members: {
      getChatCompletions: site('chat', { pos: 0 }, { messages: { pos: 1 } }),
      streamChatCompletions: site('chat', { pos: 0 }, { messages: { pos: 1 } }, { stream: true }),
      getCompletions: site('completion', { pos: 0 }, { prompt: { pos: 1 } }),
      getEmbeddings: site('embeddings', { pos: 0 }, { input: { pos: 1 } }),
    },
  },
  {
    id: 'litellm', provider: 'other', via: 'litellm',
    members: {
      completion: site('chat', MODEL_POS0, { messages: kwPos(1, 'messages') }, { providerFromModel: true }),
      acompletion: site('chat', MODEL_POS0, { messages: kwPos(1, 'messages') }, { providerFromModel: true }),
      embedding: site('embeddings', MODEL_POS0, { input: kwPos(1, 'input') }, { providerFromModel: true }),
      aembedding: site('embeddings', MODEL_POS0, { input: kwPos(1, 'input') }, { providerFromModel: true }),
      text_completion: site('completion', MODEL, { prompt: kw('prompt') }, { providerFromModel: true }),
      atext_completion: site('completion', MODEL, { prompt: kw('prompt') }, { providerFromModel: true }),
      image_generation: site('images', MODEL, { prompt: kw('prompt') }, { providerFromModel: true }),
      image_edit: site('images', MODEL, { prompt: kw('prompt') }, { providerFromModel: true }),
      aimage_generation: site('images', MODEL, { prompt: kw('prompt') }, { providerFromModel: true }),
      transcription: site('audio', MODEL, {}, { providerFromModel: true }),
      speech: site('audio', MODEL, { input: kw('input') }, { providerFromModel: true }),
      responses: site('responses', MODEL, RESP_PROMPT, { providerFromModel: true }),
      ...LITELLM_ASYNC_AND_RERANK,
      batch_completion: site('chat', MODEL, CHAT_PROMPT, { providerFromModel: true, fanOut: true }),
      'chat.completions.create': site('chat', MODEL, CHAT_PROMPT, { providerFromModel: true }),
    },
  },
  ...SPEECH_AND_OTHER_TYPES,
  { id: 'lc-chat', provider: 'other', via: 'langchain', members: langChainChatMembers('chat'), callable: LC_CALLABLE, pipeable: true },
  { id: 'lc-llm', provider: 'other', via: 'langchain', members: langChainChatMembers('completion'), callable: { api: 'completion', prompt: LC_INPUT }, pipeable: true },
  { id: 'lc-embed', provider: 'other', via: 'langchain', members: lcEmbedMembers() },
  { id: 'li-llm', provider: 'other', via: 'llamaindex', members: llamaIndexMembers() },
  { id: 'li-embed', provider: 'other', via: 'llamaindex', members: llamaIndexEmbedMembers() },
  {
    // An AI SDK provider instance (`openai`, `createOpenAI({...})`): `p('id')`, `p.chat('id')`, `p.embedding('id')`.
    id: 'aisdk-provider', provider: 'other', via: 'ai-sdk', modelFactory: true, members: {},
  },
  // An AI SDK provider registry or custom provider: `registry.languageModel('openai:gpt-4o')`, `.embeddingModel(…)`.
  { id: 'aisdk-registry', provider: 'other', via: 'ai-sdk', modelFactory: true, providerInModelId: true, members: {} },
  {
    id: 'aisdk',
    provider: 'other',
    via: 'ai-sdk',
    members: {
      generateText: site('generate', MODEL, AISDK_PROMPT, { modelFromFactory: true }),
      streamText: site('generate', MODEL, AISDK_PROMPT, { modelFromFactory: true, stream: true }),
      generateObject: site('generate', MODEL, AISDK_PROMPT, { modelFromFactory: true }),
      streamObject: site('generate', MODEL, AISDK_PROMPT, { modelFromFactory: true, stream: true }),
      embed: site('embeddings', MODEL, { input: kw('value') }, { modelFromFactory: true }),
      embedMany: site('embeddings', MODEL, { input: kw('values') }, { modelFromFactory: true }),
      generateImage: site('images', MODEL, { prompt: kw('prompt') }, { modelFromFactory: true }),
      experimental_generateImage: site('images', MODEL, { prompt: kw('prompt') }, { modelFromFactory: true }),
      experimental_generateSpeech: site('audio', MODEL, { input: kw('text') }, { modelFromFactory: true }),
      generateSpeech: site('audio', MODEL, { input: kw('text') }, { modelFromFactory: true }),
      experimental_streamSpeech: site('audio', MODEL, { input: kw('text') }, { modelFromFactory: true, stream: true }),
      experimental_transcribe: site('audio', MODEL, {}, { modelFromFactory: true }),
      transcribe: site('audio', MODEL, {}, { modelFromFactory: true }),
      experimental_streamTranscribe: site('audio', MODEL, {}, { modelFromFactory: true, stream: true }),
      experimental_streamTranslate: site('audio', MODEL, {}, { modelFromFactory: true, stream: true }),
      rerank: site('rerank', MODEL, { input: kw('query') }, { modelFromFactory: true }),
      experimental_generateVideo: site('other', MODEL, { prompt: kw('prompt') }, { modelFromFactory: true }),
      generateVideo: site('other', MODEL, { prompt: kw('prompt') }, { modelFromFactory: true }),
      experimental_startVideo: site('other', MODEL, { prompt: kw('prompt') }, { modelFromFactory: true }),
      experimental_decide: site('other', MODEL, {}, { modelFromFactory: true }),
      experimental_evaluate: site('other', MODEL, {}, { modelFromFactory: true }),
      experimental_extract: site('other', MODEL, {}, { modelFromFactory: true }),
      experimental_streamLanguageModelCall: site('generate', MODEL, AISDK_PROMPT, { modelFromFactory: true, stream: true }),
      experimental_streamTextLowMemory: site('generate', MODEL, AISDK_PROMPT, { modelFromFactory: true, stream: true }),
      // An agent run (`createAgentUIStreamResponse({ agent, uiMessages })`): the model is the agent's.
      createAgentUIStream: site('generate', undefined, { messages: kw('uiMessages', 'messages') }, { modelFromFactory: true, agentArg: kw('agent'), stream: true }),
      createAgentUIStreamResponse: site('generate', undefined, { messages: kw('uiMessages', 'messages') }, { modelFromFactory: true, agentArg: kw('agent'), stream: true }),
      pipeAgentUIStreamToResponse: site('generate', undefined, { messages: kw('uiMessages', 'messages') }, { modelFromFactory: true, agentArg: kw('agent'), stream: true }),
      ToolLoopAgent: make('aisdk-agent', { model: MODEL }),
      Experimental_Agent: make('aisdk-agent', { model: MODEL }),
      Agent: make('aisdk-agent', { model: MODEL }),
    },
  },
  {
    // `new ToolLoopAgent({ model: openai('gpt-4o'), … })`: each `generate`/`stream` runs the tool loop with that model.
    id: 'aisdk-agent', provider: 'other', via: 'ai-sdk',
    members: {
      generate: site('generate', undefined, AISDK_PROMPT, { modelFromFactory: true }),
      stream: site('generate', undefined, AISDK_PROMPT, { modelFromFactory: true, stream: true }),
    },
  },
  // Frameworks (agents, chains, engines, vector stores): ./frameworks.ts.
  ...FRAMEWORK_TYPES,
  ...MORE_FRAMEWORK_TYPES,
  ...AGENT_RUNTIME_TYPES,
];

const OPENAI_CTOR = (provider?: Provider): Member => make('openai', { baseUrl: kw('base_url', 'baseURL', 'api_base'), provider });
const ANTHROPIC_CTOR = (provider?: Provider): Member => make('anthropic', { provider });
const lcChat = (provider: Provider, model: ArgRef, baseUrl?: ArgRef): Member => make('lc-chat', { provider, model, baseUrl });
const lcLlm = (provider: Provider, model: ArgRef): Member => make('lc-llm', { provider, model });
const lcEmbed = (provider: Provider, model: ArgRef): Member => make('lc-embed', { provider, model });
const liLlm = (provider: Provider, model: ArgRef = kwPos(0, 'model')): Member => make('li-llm', { provider, model, baseUrl: kw('api_base', 'base_url') });
const aiProvider = (provider: Provider): Member => ({ kind: 'instance', type: `aisdk-provider:${provider}` });
const aiCreate = (provider: Provider): Member => make(`aisdk-provider:${provider}`, { baseUrl: kw('baseURL') });

const LC_MODEL = kwPos(0, 'model', 'model_name');
const LC_MODEL_JS = kw('model', 'modelName');

/** Python LangChain classes, repeated under the packages that export them (partner packages, community, legacy). */
const LC_PY: Record<string, Member> = {
  ChatOpenAI: lcChat('openai', LC_MODEL, kw('base_url', 'openai_api_base')),
  AzureChatOpenAI: lcChat('azure-openai', kw('model', 'azure_deployment', 'deployment_name')),
  OpenAI: lcLlm('openai', LC_MODEL),
  AzureOpenAI: lcLlm('azure-openai', kw('model', 'azure_deployment', 'deployment_name')),
  OpenAIEmbeddings: lcEmbed('openai', LC_MODEL),
  AzureOpenAIEmbeddings: lcEmbed('azure-openai', kw('model', 'azure_deployment', 'deployment')),
  ChatAnthropic: lcChat('anthropic', LC_MODEL),
  AnthropicLLM: lcLlm('anthropic', LC_MODEL),
  ChatGoogleGenerativeAI: lcChat('google', LC_MODEL),
  GoogleGenerativeAI: lcLlm('google', LC_MODEL),
  GoogleGenerativeAIEmbeddings: lcEmbed('google', LC_MODEL),
  ChatVertexAI: lcChat('google', kwPos(0, 'model_name', 'model')),
  VertexAI: lcLlm('google', kwPos(0, 'model_name', 'model')),
  VertexAIEmbeddings: lcEmbed('google', kwPos(0, 'model_name', 'model')),
  ChatBedrock: lcChat('bedrock', kw('model_id', 'model')),
  ChatBedrockConverse: lcChat('bedrock', kw('model', 'model_id')),
  BedrockChat: lcChat('bedrock', kw('model_id', 'model')),
  BedrockLLM: lcLlm('bedrock', kw('model_id', 'model')),
  // Replicate-hosted models (`Replicate(model="meta/meta-llama-3.1-405b-instruct")`) and Azure ML online endpoints
  // (a deployed model the code names by URL only): langchain_community.llms / .chat_models.
  Replicate: lcLlm('other', kw('model')),
  AzureMLChatOnlineEndpoint: lcChat('other', kw('model')),
  AzureMLOnlineEndpoint: lcLlm('other', kw('model')),
  Bedrock: lcLlm('bedrock', kw('model_id', 'model')),
  BedrockEmbeddings: lcEmbed('bedrock', kw('model_id', 'model')),
  ChatMistralAI: lcChat('mistral', LC_MODEL),
  MistralAIEmbeddings: lcEmbed('mistral', LC_MODEL),
  ChatGroq: lcChat('groq', LC_MODEL),
  ChatOllama: lcChat('ollama', LC_MODEL),
  OllamaLLM: lcLlm('ollama', LC_MODEL),
  Ollama: lcLlm('ollama', LC_MODEL),
  OllamaEmbeddings: lcEmbed('ollama', LC_MODEL),
  ChatCohere: lcChat('cohere', LC_MODEL), Cohere: lcLlm('cohere', LC_MODEL),
  CohereEmbeddings: lcEmbed('cohere', LC_MODEL),
  VoyageEmbeddings: lcEmbed('other', kw('model')),
  // Sentence-transformers models run in-process: a store over them sends no request.
  HuggingFaceEmbeddings: make('local-model'), SentenceTransformerEmbeddings: make('local-model'), HuggingFaceBgeEmbeddings: make('local-model'),
  ChatTogether: lcChat('together', LC_MODEL),
  ChatFireworks: lcChat('fireworks', LC_MODEL),
  ChatDeepSeek: lcChat('deepseek', LC_MODEL),
  ChatXAI: lcChat('xai', LC_MODEL),
  ChatHuggingFace: lcChat('huggingface', kw('model_id')),
  HuggingFaceEndpoint: lcLlm('huggingface', kw('repo_id', 'model')),
  init_chat_model: make('lc-chat', { model: kwPos(0, 'model'), providerFromModel: kw('model_provider') }),
};
const LC_JS: Record<string, Member> = {
  ChatOpenAI: lcChat('openai', LC_MODEL_JS), AzureChatOpenAI: lcChat('azure-openai', kw('model', 'azureOpenAIApiDeploymentName')),
  OpenAI: lcLlm('openai', LC_MODEL_JS), OpenAIEmbeddings: lcEmbed('openai', LC_MODEL_JS),
  AzureOpenAIEmbeddings: lcEmbed('azure-openai', kw('model', 'azureOpenAIApiDeploymentName')),
  ChatAnthropic: lcChat('anthropic', LC_MODEL_JS),
  ChatGoogleGenerativeAI: lcChat('google', LC_MODEL_JS), GoogleGenerativeAIEmbeddings: lcEmbed('google', LC_MODEL_JS),
  ChatVertexAI: lcChat('google', LC_MODEL_JS), VertexAIEmbeddings: lcEmbed('google', LC_MODEL_JS),
  ChatBedrockConverse: lcChat('bedrock', LC_MODEL_JS), BedrockChat: lcChat('bedrock', LC_MODEL_JS), BedrockEmbeddings: lcEmbed('bedrock', LC_MODEL_JS),
  ChatMistralAI: lcChat('mistral', LC_MODEL_JS), MistralAIEmbeddings: lcEmbed('mistral', LC_MODEL_JS),
  ChatGroq: lcChat('groq', LC_MODEL_JS),
  ChatOllama: lcChat('ollama', LC_MODEL_JS), Ollama: lcLlm('ollama', LC_MODEL_JS), OllamaEmbeddings: lcEmbed('ollama', LC_MODEL_JS),
  ChatCohere: lcChat('cohere', LC_MODEL_JS), CohereEmbeddings: lcEmbed('cohere', LC_MODEL_JS),
  ChatTogetherAI: lcChat('together', LC_MODEL_JS), ChatFireworks: lcChat('fireworks', LC_MODEL_JS),
  ChatDeepSeek: lcChat('deepseek', LC_MODEL_JS), ChatXAI: lcChat('xai', LC_MODEL_JS),
  initChatModel: make('lc-chat', { model: kwPos(0, 'model'), providerFromModel: kw('modelProvider') }),
};

function pick(from: Record<string, Member>, names: string[]): Record<string, Member> {
  const out: Record<string, Member> = {};
  for (const n of names) {
    const m = from[n];
    if (m) out[n] = m;
  }
  return out;
}

/** openai-python < 1.0 named the model `engine` (Azure: `deployment_id`) as well as `model`. */
const LEGACY_MODEL = kw('model', 'engine', 'deployment_id');
const OPENAI_PY_MODULE: Record<string, Member> = {
  OpenAI: OPENAI_CTOR(), AsyncOpenAI: OPENAI_CTOR(), Client: OPENAI_CTOR(), AsyncClient: OPENAI_CTOR(),
  AzureOpenAI: OPENAI_CTOR('azure-openai'), AsyncAzureOpenAI: OPENAI_CTOR('azure-openai'),
  // openai-python < 1.0 module-level resources.
  'ChatCompletion.create': site('chat', LEGACY_MODEL, CHAT_PROMPT),
  'ChatCompletion.acreate': site('chat', LEGACY_MODEL, CHAT_PROMPT),
  'Completion.create': site('completion', LEGACY_MODEL, { prompt: kw('prompt') }),
  'Completion.acreate': site('completion', LEGACY_MODEL, { prompt: kw('prompt') }),
  'Embedding.create': site('embeddings', LEGACY_MODEL, { input: kw('input') }),
  'Embedding.acreate': site('embeddings', LEGACY_MODEL, { input: kw('input') }),
  'Image.create': site('images', LEGACY_MODEL, { prompt: kw('prompt') }),
  'Audio.transcribe': site('audio', { pos: 0, kw: ['model'] }, {}),
  // The classes a WebSocket connection is typed with (`connection: ResponsesConnection`, imported from its inner module
  // `openai.resources.responses.responses`): what `client.realtime.connect()` / `client.responses.connect()` yields.
  RealtimeConnection: make('openai-realtime'), AsyncRealtimeConnection: make('openai-realtime'),
  ResponsesConnection: make('openai-realtime'), AsyncResponsesConnection: make('openai-realtime'),
};

const simple = (lang: 'python' | 'js', name: string, members: Record<string, Member>, extra: Partial<ModuleSpec> = {}): ModuleSpec => ({ lang, name, members, ...extra });

/** Every module Tokentier knows, by language. */
export const MODULES: readonly ModuleSpec[] = [
  // ---- Python ----
  simple('python', 'openai', OPENAI_PY_MODULE, { asType: 'openai', provider: 'openai', providerByText: [{ pattern: /openai\.api_type\s*=\s*["']azure/, provider: 'azure-openai' }] }),
  simple('python', 'anthropic', {
    Anthropic: ANTHROPIC_CTOR(), AsyncAnthropic: ANTHROPIC_CTOR(), Client: ANTHROPIC_CTOR(), AsyncClient: ANTHROPIC_CTOR(),
    AnthropicBedrock: ANTHROPIC_CTOR('bedrock'), AsyncAnthropicBedrock: ANTHROPIC_CTOR('bedrock'),
    AnthropicVertex: ANTHROPIC_CTOR('google'), AsyncAnthropicVertex: ANTHROPIC_CTOR('google'),
    // Claude Platform on Google Cloud bills through Google Cloud (like Vertex); on AWS and in Microsoft Foundry it is
    // Anthropic's own API and prices, reached through those platforms.
    AnthropicGoogleCloud: ANTHROPIC_CTOR('google'), AsyncAnthropicGoogleCloud: ANTHROPIC_CTOR('google'),
    AnthropicAWS: ANTHROPIC_CTOR(), AsyncAnthropicAWS: ANTHROPIC_CTOR(), AnthropicFoundry: ANTHROPIC_CTOR(), AsyncAnthropicFoundry: ANTHROPIC_CTOR(),
  }),
  simple('python', 'google.genai', { Client: make('genai-client') }),
  simple('python', 'google.generativeai', {
    GenerativeModel: make('gemini-model', { model: kwPos(0, 'model_name', 'model') }),
    'GenerativeModel.from_cached_content': make('gemini-model', { model: kw('model_name', 'model') }),
    embed_content: site('embeddings', MODEL_POS0, { input: kwPos(1, 'content') }),
    generate_text: site('completion', MODEL, { prompt: kw('prompt') }),
  }, { provider: 'google' }),
  simple('python', 'vertexai.generative_models', { GenerativeModel: make('gemini-model', { model: kwPos(0, 'model_name', 'model') }), 'GenerativeModel.from_cached_content': make('gemini-model', { model: kw('model_name', 'model') }) }),
  simple('python', 'vertexai.language_models', {
    'TextGenerationModel.from_pretrained': make('vertex-legacy', { model: kwPos(0, 'model_name') }),
    'ChatModel.from_pretrained': make('vertex-legacy', { model: kwPos(0, 'model_name') }),
    'CodeGenerationModel.from_pretrained': make('vertex-legacy', { model: kwPos(0, 'model_name') }),
    'TextEmbeddingModel.from_pretrained': make('vertex-legacy', { model: kwPos(0, 'model_name') }),
  }),
  simple('python', 'vertexai.preview.generative_models', { GenerativeModel: make('gemini-model', { model: kwPos(0, 'model_name', 'model') }), 'GenerativeModel.from_cached_content': make('gemini-model', { model: kw('model_name', 'model') }) }),
  simple('python', 'boto3', {
    client: make('none', { typeByArg: { arg: kwPos(0, 'service_name'), map: { 'bedrock-runtime': 'bedrock-runtime', 'sagemaker-runtime': 'sagemaker-runtime', 'bedrock-agent-runtime': 'bedrock-agent-runtime' } } }),
    Session: make('boto3-session'),
    'session.Session': make('boto3-session'),
  }),
  simple('python', 'boto3.session', { Session: make('boto3-session') }),
  simple('python', 'aioboto3', { Session: make('boto3-session') }),
  simple('python', 'mistralai', { Mistral: make('mistral') }),
  simple('python', 'mistralai.client', { MistralClient: make('mistral') }),
  simple('python', 'mistralai.async_client', { MistralAsyncClient: make('mistral') }),
  // Cohere's SDK also calls Cohere models on Amazon Bedrock and SageMaker (`cohere.BedrockClient(aws_region=…)`).
  simple('python', 'cohere', { Client: make('cohere'), ClientV2: make('cohere'), AsyncClient: make('cohere'), AsyncClientV2: make('cohere'), BedrockClient: make('cohere', { provider: 'bedrock' }), BedrockClientV2: make('cohere', { provider: 'bedrock' }), SagemakerClient: make('cohere', { provider: 'other' }), SagemakerClientV2: make('cohere', { provider: 'other' }) }),
  simple('python', 'groq', { Groq: OPENAI_CTOR('groq'), AsyncGroq: OPENAI_CTOR('groq') }),
  simple('python', 'together', { Together: OPENAI_CTOR('together'), AsyncTogether: OPENAI_CTOR('together'), Client: OPENAI_CTOR('together'), AsyncClient: OPENAI_CTOR('together') }),
  simple('python', 'fireworks.client', { Fireworks: OPENAI_CTOR('fireworks'), AsyncFireworks: OPENAI_CTOR('fireworks') }),
  simple('python', 'fireworks', { Fireworks: OPENAI_CTOR('fireworks'), AsyncFireworks: OPENAI_CTOR('fireworks') }),
  simple('python', 'cerebras.cloud.sdk', { Cerebras: OPENAI_CTOR('other'), AsyncCerebras: OPENAI_CTOR('other') }),
  simple('python', 'ollama', { Client: make('ollama'), AsyncClient: make('ollama') }, { asType: 'ollama' }),
  simple('python', 'huggingface_hub', { InferenceClient: make('hf-inference', { baseUrl: kw('base_url'), model: kwPos(0, 'model') }), AsyncInferenceClient: make('hf-inference', { baseUrl: kw('base_url'), model: kwPos(0, 'model') }) }),
  simple('python', 'litellm', { Router: make('litellm') }, { asType: 'litellm' }),
  simple('js', '@instructor-ai/instructor', { default: make('none', { inheritFrom: kw('client') }) }, { callable: make('none', { inheritFrom: kw('client') }) }),
  // Langfuse / Helicone-style drop-in wrappers re-export the OpenAI client.
  simple('python', 'langfuse.openai', { OpenAI: OPENAI_CTOR(), AsyncOpenAI: OPENAI_CTOR(), AzureOpenAI: OPENAI_CTOR('azure-openai'), openai: { kind: 'module', module: 'openai' } }, { asType: 'openai' }),
  simple('python', 'langsmith.wrappers', { wrap_openai: make('none', { inheritFrom: kwPos(0, 'client') }), wrap_anthropic: make('none', { inheritFrom: kwPos(0, 'client') }) }),
  simple('js', 'langsmith/wrappers', { wrapOpenAI: make('none', { inheritFrom: { pos: 0 } }) }),
  simple('js', 'langsmith/wrappers/openai', { wrapOpenAI: make('none', { inheritFrom: { pos: 0 } }) }),
  simple('python', 'langchain_openai', pick(LC_PY, ['ChatOpenAI', 'AzureChatOpenAI', 'OpenAI', 'AzureOpenAI', 'OpenAIEmbeddings', 'AzureOpenAIEmbeddings'])),
  simple('python', 'langchain_anthropic', pick(LC_PY, ['ChatAnthropic', 'AnthropicLLM'])),
  simple('python', 'langchain_google_genai', pick(LC_PY, ['ChatGoogleGenerativeAI', 'GoogleGenerativeAI', 'GoogleGenerativeAIEmbeddings'])),
  simple('python', 'langchain_google_vertexai', pick(LC_PY, ['ChatVertexAI', 'VertexAI', 'VertexAIEmbeddings'])),
  simple('python', 'langchain_aws', pick(LC_PY, ['ChatBedrock', 'ChatBedrockConverse', 'BedrockLLM', 'BedrockEmbeddings'])),
  simple('python', 'langchain_mistralai', pick(LC_PY, ['ChatMistralAI', 'MistralAIEmbeddings'])),
  simple('python', 'langchain_groq', pick(LC_PY, ['ChatGroq'])),
  simple('python', 'langchain_ollama', pick(LC_PY, ['ChatOllama', 'OllamaLLM', 'OllamaEmbeddings'])),
  simple('python', 'langchain_cohere', pick(LC_PY, ['ChatCohere', 'CohereEmbeddings'])),
  simple('python', 'langchain_together', { ...pick(LC_PY, ['ChatTogether']), TogetherEmbeddings: lcEmbed('together', LC_MODEL) }),
  simple('python', 'langchain_fireworks', pick(LC_PY, ['ChatFireworks'])), simple('python', 'langchain_deepseek', pick(LC_PY, ['ChatDeepSeek'])), simple('python', 'langchain_xai', pick(LC_PY, ['ChatXAI'])),
  // NVIDIA AI endpoints (NIM; python.langchain.com/docs/integrations/chat/nvidia_ai_endpoints, checked 2026-12-07).
  simple('python', 'langchain_nvidia_ai_endpoints', { ChatNVIDIA: lcChat('other', LC_MODEL), NVIDIAEmbeddings: lcEmbed('other', LC_MODEL) }),
  simple('python', 'langchain_huggingface', pick(LC_PY, ['ChatHuggingFace', 'HuggingFaceEndpoint', 'HuggingFaceEmbeddings'])),
  simple('python', 'langchain.chat_models', pick(LC_PY, ['ChatOpenAI', 'ChatAnthropic', 'AzureChatOpenAI', 'ChatVertexAI', 'BedrockChat', 'ChatOllama', 'init_chat_model'])),
  simple('js', 'langchain/chains', { LLMChain: make('lc-chat', { inheritFrom: kw('llm') }), ConversationChain: make('lc-chat', { inheritFrom: kw('llm') }) }),
  simple('python', 'langchain_community.embeddings.sentence_transformer', pick(LC_PY, ['SentenceTransformerEmbeddings'])),
  simple('python', 'langchain_community.embeddings.huggingface', pick(LC_PY, ['HuggingFaceEmbeddings', 'HuggingFaceBgeEmbeddings'])),
  simple('python', 'langchain.chat_models.base', pick(LC_PY, ['init_chat_model'])),
  simple('python', 'langchain.llms', pick(LC_PY, ['OpenAI', 'AzureOpenAI', 'Ollama', 'Bedrock', 'VertexAI', 'Replicate', 'AzureMLOnlineEndpoint', 'Cohere'])),
  simple('python', 'langchain.embeddings', pick(LC_PY, ['OpenAIEmbeddings', 'AzureOpenAIEmbeddings', 'OllamaEmbeddings', 'BedrockEmbeddings', 'CohereEmbeddings'])),
  simple('python', 'langchain_community.chat_models', pick(LC_PY, ['ChatOpenAI', 'ChatAnthropic', 'AzureChatOpenAI', 'ChatVertexAI', 'BedrockChat', 'ChatOllama', 'ChatGroq', 'ChatCohere', 'ChatMistralAI', 'AzureMLChatOnlineEndpoint'])),
  simple('python', 'langchain_community.llms', pick(LC_PY, ['OpenAI', 'AzureOpenAI', 'Ollama', 'Bedrock', 'VertexAI', 'Replicate', 'AzureMLOnlineEndpoint', 'Cohere'])),
  simple('python', 'langchain_community.llms.azureml_endpoint', pick(LC_PY, ['AzureMLOnlineEndpoint'])),
  simple('python', 'langchain_community.chat_models.azureml_endpoint', pick(LC_PY, ['AzureMLChatOnlineEndpoint'])),
  simple('python', 'langchain_community.embeddings', pick(LC_PY, ['OpenAIEmbeddings', 'AzureOpenAIEmbeddings', 'OllamaEmbeddings', 'BedrockEmbeddings', 'CohereEmbeddings', 'VoyageEmbeddings', 'HuggingFaceEmbeddings', 'SentenceTransformerEmbeddings', 'HuggingFaceBgeEmbeddings'])),
  simple('python', 'llama_index.llms.openai', { OpenAI: liLlm('openai') }),
  simple('python', 'llama_index.llms.azure_openai', { AzureOpenAI: liLlm('azure-openai', kw('model', 'engine')) }),
  simple('python', 'llama_index.llms.anthropic', { Anthropic: liLlm('anthropic') }),
  simple('python', 'llama_index.llms.gemini', { Gemini: liLlm('google', kwPos(0, 'model', 'model_name')) }),
  simple('python', 'llama_index.llms.google_genai', { GoogleGenAI: liLlm('google', kwPos(0, 'model', 'model_name')) }),
  simple('python', 'llama_index.llms.vertex', { Vertex: liLlm('google') }),
  simple('python', 'llama_index.llms.ollama', { Ollama: liLlm('ollama') }),
  simple('python', 'llama_index.llms.groq', { Groq: liLlm('groq') }),
  simple('python', 'llama_index.llms.mistralai', { MistralAI: liLlm('mistral') }),
  simple('python', 'llama_index.llms.bedrock', { Bedrock: liLlm('bedrock') }),
  simple('python', 'llama_index.llms.bedrock_converse', { BedrockConverse: liLlm('bedrock') }),
  simple('python', 'llama_index.llms.cohere', { Cohere: liLlm('cohere') }),
  simple('python', 'llama_index.llms.together', { TogetherLLM: liLlm('together') }),
  simple('python', 'llama_index.llms.openai_like', { OpenAILike: liLlm('other') }),
  simple('python', 'llama_index.llms.fireworks', { Fireworks: liLlm('fireworks') }),
  simple('python', 'llama_index.llms.replicate', { Replicate: liLlm('other') }),
  simple('python', 'llama_index.llms.litellm', { LiteLLM: liLlm('other') }),
  simple('python', 'llama_index.llms', { OpenAI: liLlm('openai'), Anthropic: liLlm('anthropic'), Ollama: liLlm('ollama'), Gemini: liLlm('google') }),
  simple('python', 'llama_index.embeddings.openai', { OpenAIEmbedding: make('li-embed', { provider: 'openai', model: kw('model', 'model_name') }) }),
  simple('python', 'llama_index.embeddings.ollama', { OllamaEmbedding: make('li-embed', { provider: 'ollama', model: kw('model_name') }) }),
  simple('python', 'llama_index.embeddings.gemini', { GeminiEmbedding: make('li-embed', { provider: 'google', model: kw('model_name') }) }),
  simple('python', 'llama_index.embeddings.google_genai', { GoogleGenAIEmbedding: make('li-embed', { provider: 'google', model: kw('model_name') }) }),


  // ---- JavaScript / TypeScript ----
  simple('js', 'openai', { default: OPENAI_CTOR(), OpenAI: OPENAI_CTOR(), AzureOpenAI: OPENAI_CTOR('azure-openai'), OpenAIApi: make('openai-v3') }, { callable: OPENAI_CTOR() }),
  // Realtime and Responses WebSocket connections (openai-node sub-paths); `.azure(client)` builds one for Azure.
  ...[['openai/realtime/ws', 'OpenAIRealtimeWS'], ['openai/realtime/websocket', 'OpenAIRealtimeWebSocket'], ['openai/beta/realtime/ws', 'OpenAIRealtimeWS'], ['openai/beta/realtime/websocket', 'OpenAIRealtimeWebSocket'], ['openai/resources/responses/ws', 'ResponsesWS'], ['openai/resources/beta/responses/ws', 'ResponsesWS']]
    .map(([name, cls]) => simple('js', name ?? '', { [cls ?? '']: make('openai-realtime', { model: MODEL }), [`${cls}.azure`]: make('openai-realtime', { model: kw('deploymentName', 'model'), provider: 'azure-openai' }) })),
  simple('js', '@azure/openai', { OpenAIClient: make('azure-openai-legacy-js'), AzureOpenAI: OPENAI_CTOR('azure-openai') }),
  simple('js', '@anthropic-ai/sdk', { default: ANTHROPIC_CTOR(), Anthropic: ANTHROPIC_CTOR() }, { callable: ANTHROPIC_CTOR() }),
  simple('js', '@anthropic-ai/bedrock-sdk', { default: ANTHROPIC_CTOR('bedrock'), AnthropicBedrock: ANTHROPIC_CTOR('bedrock') }),
  simple('js', '@anthropic-ai/vertex-sdk', { default: ANTHROPIC_CTOR('google'), AnthropicVertex: ANTHROPIC_CTOR('google') }),
  simple('js', '@anthropic-ai/google-cloud-sdk', { default: ANTHROPIC_CTOR('google'), AnthropicGoogleCloud: ANTHROPIC_CTOR('google') }),
  simple('js', '@anthropic-ai/aws-sdk', { default: ANTHROPIC_CTOR(), AnthropicAws: ANTHROPIC_CTOR() }),
  simple('js', '@anthropic-ai/foundry-sdk', { default: ANTHROPIC_CTOR(), AnthropicFoundry: ANTHROPIC_CTOR() }),
  simple('js', '@google/genai', { GoogleGenAI: make('genai-client') }),
  simple('js', '@google/generative-ai', { GoogleGenerativeAI: make('gemini-js') }),
  simple('js', '@google-cloud/vertexai', { VertexAI: make('gemini-js') }),
  simple('js', '@aws-sdk/client-bedrock-runtime', { BedrockRuntimeClient: make('bedrock-runtime'), BedrockRuntime: make('bedrock-runtime') }),
  simple('js', '@mistralai/mistralai', { Mistral: make('mistral'), default: make('mistral') }),
  simple('js', 'cohere-ai', { CohereClient: make('cohere'), CohereClientV2: make('cohere') }),
  simple('js', 'groq-sdk', { default: OPENAI_CTOR('groq'), Groq: OPENAI_CTOR('groq') }, { callable: OPENAI_CTOR('groq') }),
  simple('js', 'together-ai', { default: OPENAI_CTOR('together'), Together: OPENAI_CTOR('together') }),
  simple('js', 'ollama', { default: { kind: 'instance', type: 'ollama' }, Ollama: make('ollama') }, { asType: 'ollama' }),
  simple('js', 'ollama/browser', { default: { kind: 'instance', type: 'ollama' }, Ollama: make('ollama') }, { asType: 'ollama' }),
  simple('js', '@huggingface/inference', { InferenceClient: make('hf-inference'), HfInference: make('hf-inference') }),
  simple('js', '@langchain/openai', { ...pick(LC_JS, ['ChatOpenAI', 'AzureChatOpenAI', 'OpenAI', 'OpenAIEmbeddings', 'AzureOpenAIEmbeddings']), OpenAIClient: OPENAI_CTOR() }),
  simple('js', '@langchain/anthropic', pick(LC_JS, ['ChatAnthropic'])),
  simple('js', '@langchain/google-genai', pick(LC_JS, ['ChatGoogleGenerativeAI', 'GoogleGenerativeAIEmbeddings'])),
  simple('js', '@langchain/google-vertexai', pick(LC_JS, ['ChatVertexAI', 'VertexAIEmbeddings'])),
  simple('js', '@langchain/aws', pick(LC_JS, ['ChatBedrockConverse', 'BedrockEmbeddings'])),
  simple('js', '@langchain/mistralai', pick(LC_JS, ['ChatMistralAI', 'MistralAIEmbeddings'])),
  simple('js', '@langchain/groq', pick(LC_JS, ['ChatGroq'])),
  simple('js', '@langchain/ollama', pick(LC_JS, ['ChatOllama', 'Ollama', 'OllamaEmbeddings'])),
  simple('js', '@langchain/cohere', pick(LC_JS, ['ChatCohere', 'CohereEmbeddings'])),
  simple('js', '@langchain/deepseek', pick(LC_JS, ['ChatDeepSeek'])),
  simple('js', '@langchain/xai', pick(LC_JS, ['ChatXAI'])),
  simple('js', '@langchain/community/chat_models/togetherai', pick(LC_JS, ['ChatTogetherAI'])),
  simple('js', '@langchain/community/chat_models/fireworks', pick(LC_JS, ['ChatFireworks'])),
  simple('js', '@langchain/community/chat_models/bedrock', pick(LC_JS, ['BedrockChat'])),
  simple('js', '@langchain/community/chat_models/ollama', pick(LC_JS, ['ChatOllama'])),
  simple('js', 'langchain/chat_models/openai', pick(LC_JS, ['ChatOpenAI'])),
  simple('js', 'langchain/chat_models/anthropic', pick(LC_JS, ['ChatAnthropic'])),
  simple('js', 'langchain/llms/openai', pick(LC_JS, ['OpenAI'])),
  simple('js', 'langchain/embeddings/openai', pick(LC_JS, ['OpenAIEmbeddings'])),
  simple('js', 'langchain/chat_models/universal', pick(LC_JS, ['initChatModel'])),
  simple('js', 'ai', {
    gateway: aiProvider('other'),
    createGateway: aiCreate('other'),
    createProviderRegistry: make('aisdk-registry'),
    experimental_createProviderRegistry: make('aisdk-registry'),
    customProvider: make('aisdk-registry'),
    experimental_customProvider: make('aisdk-registry'),
    // A model wrapped with middleware is the model it wraps.
    wrapLanguageModel: make('none', { inheritFrom: kw('model') }),
    wrapEmbeddingModel: make('none', { inheritFrom: kw('model') }),
    wrapImageModel: make('none', { inheritFrom: kw('model') }),
  }, { asType: 'aisdk' }),
  simple('js', '@ai-sdk/gateway', { gateway: aiProvider('other'), createGateway: aiCreate('other') }),
  simple('js', '@ai-sdk/openai', { openai: aiProvider('openai'), createOpenAI: aiCreate('openai') }),
  simple('js', '@ai-sdk/azure', { azure: aiProvider('azure-openai'), createAzure: aiCreate('azure-openai') }),
  simple('js', '@ai-sdk/anthropic', { anthropic: aiProvider('anthropic'), createAnthropic: aiCreate('anthropic') }),
  simple('js', '@ai-sdk/google', { google: aiProvider('google'), createGoogleGenerativeAI: aiCreate('google'), createGoogle: aiCreate('google') }),
  // @ai-sdk/google-vertex's entry points (`/edge` for edge runtimes): Anthropic, xAI and open models served by Vertex.
  ...['', '/edge'].flatMap((edge) => [
    simple('js', `@ai-sdk/google-vertex${edge}`, { vertex: aiProvider('google'), createVertex: aiCreate('google'), googleVertex: aiProvider('google'), createGoogleVertex: aiCreate('google') }),
    simple('js', `@ai-sdk/google-vertex/anthropic${edge}`, { vertexAnthropic: aiProvider('google'), createVertexAnthropic: aiCreate('google'), googleVertexAnthropic: aiProvider('google'), createGoogleVertexAnthropic: aiCreate('google') }),
    simple('js', `@ai-sdk/google-vertex/maas${edge}`, { vertexMaas: aiProvider('google'), createVertexMaas: aiCreate('google'), googleVertexMaas: aiProvider('google'), createGoogleVertexMaas: aiCreate('google') }),
    simple('js', `@ai-sdk/google-vertex/xai${edge}`, { googleVertexXai: aiProvider('google'), createGoogleVertexXai: aiCreate('google') }),
  ]),
  simple('js', '@ai-sdk/amazon-bedrock', { bedrock: aiProvider('bedrock'), amazonBedrock: aiProvider('bedrock'), createAmazonBedrock: aiCreate('bedrock') }),
  simple('js', '@ai-sdk/amazon-bedrock/anthropic', { bedrockAnthropic: aiProvider('bedrock'), createBedrockAnthropic: aiCreate('bedrock'), amazonBedrockAnthropic: aiProvider('bedrock'), createAmazonBedrockAnthropic: aiCreate('bedrock') }),
  simple('js', '@ai-sdk/amazon-bedrock/mantle', { bedrockMantle: aiProvider('bedrock'), createBedrockMantle: aiCreate('bedrock') }),
  simple('js', '@ai-sdk/mistral', { mistral: aiProvider('mistral'), createMistral: aiCreate('mistral') }),
  simple('js', '@ai-sdk/cohere', { cohere: aiProvider('cohere'), createCohere: aiCreate('cohere') }),
  simple('js', '@ai-sdk/groq', { groq: aiProvider('groq'), createGroq: aiCreate('groq') }),
  simple('js', '@ai-sdk/togetherai', { togetherai: aiProvider('together'), createTogetherAI: aiCreate('together') }),
  simple('js', '@ai-sdk/fireworks', { fireworks: aiProvider('fireworks'), createFireworks: aiCreate('fireworks') }),
  simple('js', '@ai-sdk/deepseek', { deepseek: aiProvider('deepseek'), deepSeek: aiProvider('deepseek'), createDeepSeek: aiCreate('deepseek') }),
  simple('js', '@ai-sdk/xai', { xai: aiProvider('xai'), createXai: aiCreate('xai') }),
  simple('js', '@openrouter/ai-sdk-provider', { openrouter: aiProvider('openrouter'), createOpenRouter: aiCreate('openrouter') }),
  simple('js', 'ollama-ai-provider', { ollama: aiProvider('ollama'), createOllama: aiCreate('ollama') }),
  simple('js', 'ollama-ai-provider-v2', { ollama: aiProvider('ollama'), createOllama: aiCreate('ollama') }),
  simple('js', '@ai-sdk/openai-compatible', { createOpenAICompatible: aiCreate('other') }),
  // Frameworks (agents, chains, engines, vector stores, in-process models): ./frameworks.ts.
  ...FRAMEWORK_MODULES,
  ...SPEECH_AND_OTHER_MODULES,
  ...MORE_FRAMEWORK_MODULES,
  ...JS_FRAMEWORK_MODULES,
  ...AGENT_RUNTIME_MODULES,
];

/**
 * Other names a registry publishes a catalogue package under (`jsr:@openai/openai` is the openai package on JSR).
 * Runtime prefixes, CDN URLs, versions and sub-paths need no entry: analyzer/moduleNames.ts reads them.
 */
export const JS_PACKAGE_ALIASES: Readonly<Record<string, string>> = { '@openai/openai': 'openai' };

/** Provider-specific AI SDK provider types are generated from the one generic entry (same members). */
export const AISDK_PROVIDERS: readonly Provider[] = ['openai', 'azure-openai', 'anthropic', 'google', 'bedrock', 'mistral', 'cohere', 'groq', 'together', 'fireworks', 'deepseek', 'xai', 'openrouter', 'ollama', 'other'];

/** Unresolved-receiver fallbacks: distinctive paths of one SDK family. */
export const FALLBACKS: readonly FallbackSpec[] = [
  { lang: 'python', path: 'chat.completions.create', type: 'openai', fileToken: /openai|base_url|chat\.completions/i, requireKw: ['model', 'messages'] },
  { lang: 'js', path: 'chat.completions.create', type: 'openai', fileToken: /openai|baseURL|chat\.completions/i, requireKw: ['model', 'messages'] },
  { lang: 'python', path: 'responses.create', type: 'openai', fileToken: /openai/i, requireKw: ['model'] },
  { lang: 'js', path: 'responses.create', type: 'openai', fileToken: /openai/i, requireKw: ['model'] },
  { lang: 'python', path: 'embeddings.create', type: 'openai', fileToken: /openai/i, requireKw: ['model'] },
  { lang: 'js', path: 'embeddings.create', type: 'openai', fileToken: /openai/i, requireKw: ['model'] },
  { lang: 'python', path: 'messages.create', type: 'anthropic', fileToken: /anthropic|claude/i, requireKw: ['max_tokens'] },
  { lang: 'js', path: 'messages.create', type: 'anthropic', fileToken: /anthropic|claude/i, requireKw: ['max_tokens'] },
  { lang: 'python', path: 'messages.stream', type: 'anthropic', fileToken: /anthropic|claude/i, requireKw: ['max_tokens'] },
  { lang: 'python', path: 'models.generate_content', type: 'genai-client', fileToken: /genai|gemini/i, requireKw: ['model'] },
  { lang: 'js', path: 'models.generateContent', type: 'genai-client', fileToken: /genai|gemini/i, requireKw: ['model'] },
  { lang: 'python', path: 'images.generate', type: 'openai', fileToken: /openai|dall-e|gpt-image/i, requireKw: ['model'] },
  { lang: 'js', path: 'images.generate', type: 'openai', fileToken: /openai|dall-e|gpt-image/i, requireKw: ['model'] },
  { lang: 'python', path: 'audio.transcriptions.create', type: 'openai', fileToken: /openai|whisper/i, requireKw: ['model'] },
  { lang: 'python', path: 'audio.speech.create', type: 'openai', fileToken: /openai|tts/i, requireKw: ['model'] },
  { lang: 'python', path: 'completions.create', type: 'openai', fileToken: /openai/i, requireKw: ['model', 'prompt'] },
  { lang: 'python', path: 'converse', type: 'bedrock-runtime', fileToken: /bedrock/i, requireKw: ['modelId'] },
  { lang: 'python', path: 'invoke_model', type: 'bedrock-runtime', fileToken: /bedrock/i, requireKw: ['modelId'] },
  { lang: 'python', path: 'converse_stream', type: 'bedrock-runtime', fileToken: /bedrock/i, requireKw: ['modelId'] },
  { lang: 'python', path: 'invoke_model_with_response_stream', type: 'bedrock-runtime', fileToken: /bedrock/i, requireKw: ['modelId'] },
  // AWS SDK v3 loaded lazily (`await import('@aws-sdk/client-bedrock-runtime')`, Promise.all destructuring) and a client
  // whose construction is not followed: `client.send(new ConverseCommand(…))`; only Bedrock runtime command classes match.
  { lang: 'js', path: 'send', type: 'bedrock-runtime', fileToken: /@aws-sdk\/client-bedrock-runtime/, requireKw: [] },
  // An Assistants run on a client handed in (`openai.beta.threads.runs.create(thread_id, body)` in a helper): the path is OpenAI's alone.
  // Only on a receiver named like an OpenAI client: a project's own `self.db.threads.runs.create(…)` is not one.
  ...ASSISTANT_RUNS.flatMap((path): FallbackSpec[] => (['js', 'python'] as const).map((lang) => ({ lang, path, type: 'openai', fileToken: /openai/i, requireKw: [], receiver: /^(?:\w*openai\w*|\w*_?client|oai|beta)$/i }))),
  ...FRAMEWORK_FALLBACKS,
  ...MORE_FALLBACKS,
  ...JS_FRAMEWORK_FALLBACKS,
];

/** Via names per type family, for documentation and the schema. */
export const VIA_OF_TYPE: Readonly<Record<string, Via>> = Object.fromEntries(TYPES.map((t) => [t.id, t.via]));
