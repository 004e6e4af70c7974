/**
 * Catalogue entries of SDKs that have no JS/TS twin in the pinned dev dependencies (their surface is written from
 * their API references, checked 2026-12): Voyage AI, ElevenLabs, Deepgram, azure-ai-inference, Google Cloud
 * Speech-to-Text, Vertex AI vision models, endpoints and prediction service, the SageMaker runtime; instructor's
 * wrappers, Replicate, Meta's Llama API, ZeroEntropy's reranker and the Qianfan, DashScope, Volcengine Ark and Spark SDKs; Perplexity, Nomic's embeddings,
 * Xinference's client, Open Interpreter, PaLM's `generate_embeddings` and cohere-ai v5's module API. Data only, in the shapes of ./types.ts; sdks.ts includes them.
 */
import type { Member, ModuleSpec, PromptSpec, TypeSpec } from './types';
import { kw, kwPos, make, site } from './builders';

const mod = (lang: 'python' | 'js', name: string, members: Record<string, Member>): ModuleSpec => ({ lang, name, members });
const MODEL = kw('model');
const CHAT_PROMPT: PromptSpec = { messages: kw('messages') };
const RESP_PROMPT: PromptSpec = { input: kw('input'), system: kw('instructions') };

/**
 * Azure AI Foundry Agent Service (azure-ai-agents, azure-ai-projects: learn.microsoft.com/python/api/overview/azure/ai-agents-readme,
 * checked 2026-12-07): a run makes the agent's model answer the thread; `agent_id=agent.id` names the agent whose
 * `create_agent(model=…)` the file shows. Older azure-ai-projects betas spelled the runs on `agents` itself.
 */
const AZURE_AGENT_RUNS = ['runs.create', 'runs.create_and_process', 'runs.stream', 'runs.submit_tool_outputs', 'create_thread_and_run', 'create_thread_and_process_run', 'create_run', 'create_and_process_run', 'create_stream', 'submit_tool_outputs_to_run'];
const azureAgentRuns = (prefix: string): Record<string, Member> => Object.fromEntries(AZURE_AGENT_RUNS.map((k) => [`${prefix}${k}`, site('other', kw('model'), { system: kw('instructions') })]));

/**
 * LiteLLM's async twins and reranking (docs.litellm.ai: `aresponses`, `atranscription`, `aspeech`, `rerank` / `arerank`,
 * checked 2026-12-07), merged into sdks.ts's `litellm` members.
 */
export const LITELLM_ASYNC_AND_RERANK: Record<string, Member> = {
  aresponses: site('responses', MODEL, RESP_PROMPT, { providerFromModel: true }),
  atranscription: site('audio', MODEL, {}, { providerFromModel: true }),
  aspeech: site('audio', MODEL, { input: kw('input') }, { providerFromModel: true }),
  rerank: site('rerank', MODEL, { input: kw('query') }, { providerFromModel: true }),
  arerank: site('rerank', MODEL, { input: kw('query') }, { providerFromModel: true }),
};

/** DashScope's class-method calls (the model is the call's `model`). */
const DASHSCOPE: Record<string, Member> = {
  'Generation.call': site('chat', kw('model'), { messages: kw('messages'), prompt: kw('prompt') }),
  'AioGeneration.call': site('chat', kw('model'), { messages: kw('messages'), prompt: kw('prompt') }),
  'MultiModalConversation.call': site('chat', kw('model'), { messages: kw('messages') }),
  'AioMultiModalConversation.call': site('chat', kw('model'), { messages: kw('messages') }),
  'TextEmbedding.call': site('embeddings', kw('model'), { input: kw('input') }),
  'ImageSynthesis.call': site('images', kw('model'), { prompt: kw('prompt') }),
  'ImageSynthesis.async_call': site('images', kw('model'), { prompt: kw('prompt') }),
  // `TextReRank.call(model="gte-rerank-v2", query=…, documents=…)` (ragflow rerank_model.py).
  'TextReRank.call': site('rerank', kw('model'), { input: kw('query') }),
};

/** AssemblyAI's LeMUR (assemblyai.com/docs/lemur, checked 2026-12-07): an LLM over transcripts; `final_model` picks it. */
const LEMUR: Record<string, Member> = Object.fromEntries(['task', 'summarize', 'question', 'action_items'].map((m) => [m, site('chat', kw('final_model'), { user: kwPos(0, 'prompt') })]));

export const SPEECH_AND_OTHER_TYPES: readonly TypeSpec[] = [
  {
    // Contextual AI (contextual-client, docs.contextual.ai/api-reference, checked 2026-12-07): an agent's answer, the
    // grounded language model, the reranker and LMUnit (a model that scores a response against a unit test).
    id: 'contextual', provider: 'other', via: 'sdk',
    members: {
      'agents.query.create': site('chat', undefined, { messages: kw('messages') }),
      'generate.create': site('chat', kw('model'), { messages: kw('messages') }),
      'rerank.create': site('rerank', kw('model'), { input: kw('query') }),
      'lmunit.create': site('other', undefined, { input: kw('response') }),
    },
  },
  {
    // Baidu Qianfan (qianfan, cloud.baidu.com/doc/WENXINWORKSHOP/s/xlmokikxe, checked 2026-12-07): `ChatCompletion().do(model=…,
    // messages=…)` and its async `ado`, `Completion().do(model=…, prompt=…)`, `Embedding().do(model=…, texts=…)`.
    id: 'qianfan-chat', provider: 'other', via: 'sdk',
    members: { do: site('chat', kw('model'), CHAT_PROMPT), ado: site('chat', kw('model'), CHAT_PROMPT) },
  },
  { id: 'qianfan-completion', provider: 'other', via: 'sdk', members: { do: site('completion', kw('model'), { prompt: kw('prompt') }), ado: site('completion', kw('model'), { prompt: kw('prompt') }) } },
  { id: 'qianfan-embedding', provider: 'other', via: 'sdk', members: { do: site('embeddings', kw('model'), { input: kw('texts') }), ado: site('embeddings', kw('model'), { input: kw('texts') }) } },
  // `Reranker().do(model=…, query=…, documents=[…])` (ragflow rerank_model.py).
  { id: 'qianfan-rerank', provider: 'other', via: 'sdk', members: { do: site('rerank', kw('model'), { input: kw('query') }), ado: site('rerank', kw('model'), { input: kw('query') }) } },
  {
    // ZeroEntropy (zeroentropy, Python and JS, docs.zeroentropy.dev/api-reference/models/rerank, checked 2026-12-07):
    // `client.models.rerank(model="zerank-1", query=…, documents=[…])` scores documents with a reranker model.
    id: 'zeroentropy', provider: 'other', via: 'sdk',
    members: { 'models.rerank': site('rerank', kw('model'), { input: kw('query') }) },
  },
  {
    // AssemblyAI (assemblyai, docs checked 2026-12-07): a transcription, then LeMUR over the transcript.
    id: 'aai-transcriber', provider: 'other', via: 'sdk',
    members: {
      transcribe: site('audio', undefined, {}, { returns: 'aai-transcript' }),
      transcribe_async: site('audio', undefined, {}, { returns: 'aai-transcript' }),
      submit: site('audio', undefined, {}, { returns: 'aai-transcript' }),
    },
  },
  { id: 'aai-transcript', provider: 'other', via: 'sdk', members: Object.fromEntries(Object.entries(LEMUR).map(([k, v]) => [`lemur.${k}`, v])) },
  { id: 'aai-lemur', provider: 'other', via: 'sdk', members: LEMUR },
  {
    // AssemblyAI's Node SDK (assemblyai-node-sdk README, checked 2026-12-07): `new AssemblyAI({ apiKey })`, then
    // `client.transcripts.transcribe({ audio })` / `submit`, and LeMUR's `client.lemur.task({ prompt, final_model })`.
    id: 'aai-js', provider: 'other', via: 'sdk',
    members: {
      'transcripts.transcribe': site('audio', undefined, {}), 'transcripts.submit': site('audio', undefined, {}),
      ...Object.fromEntries(['task', 'summary', 'questionAnswer', 'actionItems'].map((m) => [`lemur.${m}`, site('chat', kw('final_model'), { user: kw('prompt') })])),
    },
  },
  // Streaming speech-to-text: `RealtimeTranscriber(…)`, `connect()`, then `stream(microphone)` sends the audio.
  { id: 'aai-realtime', provider: 'other', via: 'sdk', members: { stream: site('audio', undefined, {}, { stream: true }) } },
  {
    // mem0's open-source memory (`Memory()`, `Memory.from_config(config)`, docs.mem0.ai/open-source, checked
    // 2026-12-07): `add` has the LLM extract facts from the messages and embeds them; `search` embeds the query. Its
    // default LLM and embedder are OpenAI's; a config names others (unknown here).
    id: 'mem0-memory', provider: 'other', via: 'framework',
    members: {
      add: site('chat', undefined, { messages: kwPos(0, 'messages') }),
      search: site('embeddings', undefined, { input: kwPos(0, 'query') }),
    },
  },
  {
    // Embedchain (`App()`, `App.from_config(config=…)`, docs.embedchain.ai, checked 2026-12-07): `add` embeds a source,
    // `query` and `chat` embed the question and ask the LLM. Its default LLM and embedder are OpenAI's.
    id: 'embedchain-app', provider: 'other', via: 'framework',
    members: {
      add: site('embeddings', undefined, { input: kwPos(0, 'source') }),
      query: site('chat', undefined, { user: kwPos(0, 'input_query') }),
      chat: site('chat', undefined, { user: kwPos(0, 'input_query') }),
    },
  },
  {
    // ScrapeGraphAI graphs (`SmartScraperGraph(prompt=…, source=…, config={"llm": {"model": …}}).run()`,
    // scrapegraph-ai.readthedocs.io, checked 2026-12-07): a run sends the page and the prompt to the configured LLM.
    id: 'sgai-graph', provider: 'other', via: 'framework',
    members: { run: site('chat', undefined, { user: kw('prompt') }), run_safe_async: site('chat', undefined, { user: kw('prompt') }) },
  },
  { id: 'azure-agents', provider: 'azure-openai', via: 'sdk', members: azureAgentRuns('') },
  { id: 'azure-ai-project', provider: 'azure-openai', via: 'sdk', members: azureAgentRuns('agents.') },
  {
    // Letta's client SDK (letta_client, @letta-ai/letta-client; docs.letta.com/api-reference/agents/messages): a message to
    // a Letta agent runs the agent's model on the Letta server (its model is the agent's: unknown here).
    id: 'letta', provider: 'other', via: 'sdk',
    members: Object.fromEntries(
      ['agents.messages.create', 'agents.messages.create_stream', 'agents.messages.createStream', 'agents.messages.stream', 'agents.messages.create_async', 'agents.messages.createAsync', 'conversations.messages.create']
        .map((m) => [m, site('chat', undefined, { messages: kw('messages') }, /stream/i.test(m) ? { stream: true } : {})]),
    ),
  },
  {
    // xAI's own SDK (xai-sdk, gRPC): `client.chat.create(model=…)` builds a conversation that sends nothing; each
    // `chat.sample()` / `chat.stream()` / `chat.parse(Schema)` is a request with the model it was created with.
    id: 'xai-client', provider: 'xai', via: 'sdk',
    members: {
      'chat.create': make('xai-chat', { model: MODEL }),
      'image.sample': site('images', MODEL, { prompt: kw('prompt') }),
      'image.sample_batch': site('images', MODEL, { prompt: kw('prompt') }),
    },
  },
  {
    id: 'xai-chat', provider: 'xai', via: 'sdk',
    members: {
      sample: site('chat', undefined, {}), sample_batch: site('chat', undefined, {}), parse: site('chat', undefined, {}),
      stream: site('chat', undefined, {}, { stream: true }), stream_batch: site('chat', undefined, {}, { stream: true }),
    },
  },
  {
    // boto3 `client("bedrock-agent-runtime")`: knowledge-base answers, reranking and agents, each running a Bedrock model
    // (the model's ARN sits deep in the configuration argument).
    id: 'bedrock-agent-runtime', provider: 'bedrock', via: 'sdk',
    members: {
      rerank: site('rerank', kw('modelArn'), { input: kw('queries') }),
      retrieve_and_generate: site('chat', kw('modelArn'), { input: kw('input') }),
      retrieve_and_generate_stream: site('chat', kw('modelArn'), { input: kw('input') }, { stream: true }),
      invoke_agent: site('chat', undefined, { input: kw('inputText') }),
      invoke_inline_agent: site('chat', kw('foundationModel'), { input: kw('inputText') }),
    },
  },
  ...(['instructor', 'instructor-litellm'] as const).map((id): TypeSpec => ({
    id, provider: id === 'instructor' ? 'openai' : 'other', via: id === 'instructor' ? 'sdk' : 'litellm',
    forwardsToWrapped: true,
    members: Object.fromEntries(['create', 'create_partial', 'create_iterable', 'create_with_completion'].flatMap((m) => {
      const extra = { ...(m === 'create_partial' || m === 'create_iterable' ? { stream: true } : {}), ...(id === 'instructor-litellm' ? { providerFromModel: true } : {}) };
      // `chat`, `completions` and `messages` return the client itself; `client.responses.create(…)` is the OpenAI
      // Responses API in instructor's responses modes.
      return [
        ...['', 'chat.', 'completions.', 'messages.', 'chat.completions.'].map((prefix) => [`${prefix}${m}`, site('chat', MODEL, CHAT_PROMPT, extra)]),
        [`responses.${m}`, site('responses', MODEL, RESP_PROMPT, extra)],
      ];
    })),
  })),
  {
    id: 'replicate', provider: 'other', via: 'sdk',
    members: {
      ...Object.fromEntries(['run', 'async_run', 'stream', 'async_stream'].map((m) => [m, site('generate', kwPos(0, 'ref'), { input: kw('input') }, m.endsWith('stream') ? { stream: true } : {})])),
      // A prediction started without waiting (JS `predictions.create({ model | version, input })`, Python `predictions.create(…)`).
      'predictions.create': site('generate', kw('model', 'version'), { input: kw('input') }),
    },
  },
  {
    // Voyage AI (voyageai, Python and JS): embeddings and reranking.
    id: 'voyage', provider: 'other', via: 'sdk',
    members: {
      embed: site('embeddings', MODEL, { input: kwPos(0, 'texts', 'input') }),
      multimodalEmbed: site('embeddings', MODEL, { input: kwPos(0, 'inputs') }),
      contextualizedEmbed: site('embeddings', MODEL, { input: kwPos(0, 'inputs') }),
      rerank: site('rerank', MODEL, { input: kwPos(0, 'query') }),
    },
  },
  {
    // ElevenLabs (elevenlabs, @elevenlabs/elevenlabs-js): speech synthesis and transcription.
    id: 'elevenlabs', provider: 'other', via: 'sdk',
    members: {
      'textToSpeech.convert': site('audio', kw('model_id', 'modelId'), { input: kw('text') }),
      'textToSpeech.stream': site('audio', kw('model_id', 'modelId'), { input: kw('text') }, { stream: true }),
      'textToSpeech.convertWithTimestamps': site('audio', kw('model_id', 'modelId'), { input: kw('text') }),
      'speechToText.convert': site('audio', kw('model_id', 'modelId'), {}),
      'textToSoundEffects.convert': site('audio', undefined, { input: kw('text') }),
      // elevenlabs < 1.0: `client.generate(text=…, voice=…, model=…)`.
      generate: site('audio', kw('model', 'model_id', 'modelId'), { input: kw('text') }),
    },
  },
  {
    // Deepgram: `listen.v1.media.transcribe_file` (v4+), `listen.prerecorded.v("1").transcribe_file` (v3).
    id: 'deepgram', provider: 'other', via: 'sdk',
    members: {
      'listen.v1.media.transcribeFile': site('audio', MODEL, {}),
      'listen.v1.media.transcribeUrl': site('audio', MODEL, {}),
      'listen.prerecorded.v': make('deepgram-listen'),
      'listen.rest.v': make('deepgram-listen'),
      'listen.asyncrest.v': make('deepgram-listen'),
      'listen.prerecorded.transcribeFile': site('audio', MODEL, {}),
      'listen.prerecorded.transcribeUrl': site('audio', MODEL, {}),
      'speak.v1.audio.generate': site('audio', MODEL, { input: kw('text') }),
    },
  },
  {
    id: 'deepgram-listen', provider: 'other', via: 'sdk',
    members: { transcribeFile: site('audio', MODEL, {}), transcribeUrl: site('audio', MODEL, {}) },
  },
  {
    // azure-ai-inference: Azure AI Foundry / GitHub Models endpoints.
    id: 'azure-inference', provider: 'azure-openai', via: 'sdk',
    members: {
      complete: site('chat', MODEL, CHAT_PROMPT),
      embed: site('embeddings', MODEL, { input: kw('input') }),
    },
  },
  {
    // Google Cloud Speech-to-Text (Chirp): the model is in the recognition config, read through the request object
    // (`recognize(request=RecognizeRequest(config=RecognitionConfig(model="chirp_3")))`, each possibly a variable).
    id: 'google-speech', provider: 'google', via: 'sdk',
    members: {
      recognize: site('audio', MODEL, {}),
      batch_recognize: site('audio', MODEL, {}),
      streaming_recognize: site('audio', MODEL, {}, { stream: true }),
      long_running_recognize: site('audio', MODEL, {}),
    },
  },
  {
    // Vertex AI vision models (`ImageGenerationModel.from_pretrained("imagen-3.0-generate-002")`).
    id: 'vertex-vision', provider: 'google', via: 'sdk',
    members: {
      generate_images: site('images', undefined, { prompt: kwPos(0, 'prompt') }),
      edit_image: site('images', undefined, { prompt: kw('prompt') }),
      upscale_image: site('images', undefined, {}),
      get_embeddings: site('embeddings', undefined, {}),
    },
  },
  {
    // Amazon SageMaker runtime: a request to a deployed model endpoint (boto3 `client("sagemaker-runtime")`, AWS SDK v3
    // `SageMakerRuntimeClient`). The endpoint name is not a model id; every operation of the client is an invocation.
    id: 'sagemaker-runtime', provider: 'other', via: 'sdk',
    members: {
      invoke_endpoint: site('other', undefined, { input: kw('Body') }),
      invoke_endpoint_with_response_stream: site('other', undefined, { input: kw('Body') }, { stream: true }),
      invoke_endpoint_async: site('other', undefined, {}),
      invokeEndpoint: site('other', undefined, { input: kw('Body') }),
      invokeEndpointWithResponseStream: site('other', undefined, { input: kw('Body') }, { stream: true }),
      invokeEndpointAsync: site('other', undefined, {}),
      send: {
        kind: 'site',
        site: {
          api: 'other',
          commands: {
            InvokeEndpointCommand: { api: 'other', prompt: { input: kw('Body') } },
            InvokeEndpointWithResponseStreamCommand: { api: 'other', stream: true, prompt: { input: kw('Body') } },
            InvokeEndpointAsyncCommand: { api: 'other', prompt: {} },
            '*': { api: 'other', prompt: {} },
          },
        },
      },
    },
  },
  {
    // Vertex AI endpoints (google-cloud-aiplatform): a deployed model (Model Garden, a custom container) answering
    // `predict`; the endpoint is not a model id. `Model.deploy()` / `OpenModel.deploy()` return one.
    id: 'vertex-endpoint', provider: 'google', via: 'sdk',
    members: {
      predict: site('other', undefined, { input: kw('instances') }),
      predict_async: site('other', undefined, { input: kw('instances') }),
      raw_predict: site('other', undefined, { input: kw('body') }),
      stream_raw_predict: site('other', undefined, { input: kw('body') }, { stream: true }),
      direct_predict: site('other', undefined, { input: kw('inputs') }),
      direct_raw_predict: site('other', undefined, { input: kw('body') }),
    },
  },
  { id: 'vertex-model-resource', provider: 'google', via: 'sdk', members: { deploy: make('vertex-endpoint') } },
  {
    // Xinference (xinference.client / xinference_client RESTful client, inference.readthedocs.io "Client API", checked
    // 2026-12-07): `Client(url).get_model(model_uid)` returns a handle to a model the server runs; the handle's calls
    // are requests to that model (the uid names it).
    id: 'xinference', provider: 'other', via: 'sdk',
    members: { get_model: make('xinference-model', { model: kwPos(0, 'model_uid') }) },
  },
  {
    id: 'xinference-model', provider: 'other', via: 'sdk',
    members: {
      chat: site('chat', undefined, { messages: kwPos(0, 'messages', 'prompt') }),
      generate: site('completion', undefined, { prompt: kwPos(0, 'prompt') }),
      create_embedding: site('embeddings', undefined, { input: kwPos(0, 'input') }),
    },
  },
  {
    // Open Interpreter (open-interpreter, docs.openinterpreter.com/usage/python, checked 2026-12-07): the `interpreter`
    // singleton or an `OpenInterpreter()` runs its configured LLM (through LiteLLM) on `chat(message)`; so does
    // `interpreter.computer.ai.chat(text)`. The model is the one the file sets as `interpreter.llm.model`.
    id: 'open-interpreter', provider: 'other', via: 'framework', modelAttribute: 'llm.model',
    members: {
      chat: site('chat', undefined, { user: kwPos(0, 'message') }),
      'computer.ai.chat': site('chat', undefined, { user: kwPos(0, 'text') }),
    },
  },

  {
    // The Vertex AI prediction service (`PredictionServiceClient`, Python gapic and Node): `predict` on an endpoint
    // path, which for publisher models names the model (`…/publishers/google/models/text-embedding-005`).
    id: 'vertex-prediction', provider: 'google', via: 'sdk',
    members: {
      predict: site('other', undefined, { input: kw('instances') }),
      raw_predict: site('other', undefined, {}),
      stream_raw_predict: site('other', undefined, {}, { stream: true }),
      rawPredict: site('other', undefined, {}),
      streamRawPredict: site('other', undefined, {}, { stream: true }),
      generate_content: site('generate', kw('model'), { input: kw('contents') }),
      stream_generate_content: site('generate', kw('model'), { input: kw('contents') }, { stream: true }),
      generateContent: site('generate', kw('model'), { input: kw('contents') }),
      streamGenerateContent: site('generate', kw('model'), { input: kw('contents') }, { stream: true }),
    },
  },
];

/** xai-sdk (docs.x.ai, checked 2026-12-07): the sync and async clients. */
const XAI_CLIENT: Member = make('xai-client');

/** An OpenAI-shaped client that sends elsewhere (as sdks.ts `OPENAI_CTOR('other')`). */
const LLAMA_API: Member = make('openai', { baseUrl: kw('base_url'), provider: 'other' });

/** ScrapeGraphAI's graph classes (scrapegraphai/graphs/__init__.py, checked 2026-12-07). */
const SGAI_GRAPHS = ['SmartScraperGraph', 'SmartScraperMultiGraph', 'SearchGraph', 'SpeechGraph', 'ScriptCreatorGraph', 'OmniScraperGraph', 'JSONScraperGraph', 'XMLScraperGraph', 'CSVScraperGraph', 'DocumentScraperGraph', 'DepthSearchGraph', 'SmartScraperLiteGraph', 'SearchLinkGraph'];

export const SPEECH_AND_OTHER_MODULES: readonly ModuleSpec[] = [
  // `contextual` is an everyday word: the pre-filter looks for the import statement.
  { ...mod('python', 'contextual', { ContextualAI: make('contextual'), AsyncContextualAI: make('contextual') }), importToken: true, workspaceFirst: true },
  mod('js', 'assemblyai', { AssemblyAI: make('aai-js') }),
  mod('python', 'assemblyai', { Transcriber: make('aai-transcriber'), Lemur: make('aai-lemur'), RealtimeTranscriber: make('aai-realtime'), StreamingClient: make('aai-realtime') }),
  // The mem0 and embedchain repositories hold the packages themselves: there their own files answer (helper rule).
  { ...mod('python', 'mem0', { Memory: make('mem0-memory', { provider: 'openai' }), AsyncMemory: make('mem0-memory', { provider: 'openai' }), 'Memory.from_config': make('mem0-memory'), 'AsyncMemory.from_config': make('mem0-memory') }), workspaceFirst: true, ownPackage: true },
  { ...mod('python', 'embedchain', { App: make('embedchain-app', { provider: 'openai' }), 'App.from_config': make('embedchain-app') }), workspaceFirst: true, ownPackage: true },
  { ...mod('python', 'scrapegraphai.graphs', Object.fromEntries(SGAI_GRAPHS.map((g) => [g, make('sgai-graph')]))), workspaceFirst: true, ownPackage: true },
  mod('python', 'xai_sdk', { Client: XAI_CLIENT, AsyncClient: XAI_CLIENT }),
  // instructor: `patch(client)` returns the client itself, patched; `from_<provider>(client, model=…)` returns an
  // `Instructor` whose `chat`, `completions` and `messages` are itself (python.useinstructor.com, instructor/client.py):
  // `create`, `create_partial`, `create_iterable` and `create_with_completion` under any of them, whatever the client.
  mod('python', 'instructor', {
    ...Object.fromEntries(
      ([['from_openai', undefined], ['from_anthropic', 'anthropic'], ['from_genai', 'google'], ['from_gemini', 'google'], ['from_vertexai', 'google'], ['from_groq', 'groq'], ['from_mistral', 'mistral'], ['from_cohere', 'cohere'], ['from_fireworks', 'fireworks'], ['from_bedrock', 'bedrock'], ['from_cerebras', 'other'], ['from_writer', 'other'], ['from_perplexity', 'other'], ['from_xai', 'xai']] as const)
        .map(([name, provider]) => [name, make('instructor', { wraps: kwPos(0, 'client'), model: kw('model'), ...(provider ? { provider } : {}) })]),
    ),
    // `from_litellm(completion)`: the provider is the model string's prefix, as for LiteLLM itself.
    from_litellm: make('instructor-litellm', { model: kw('model') }),
    // `from_provider("anthropic/claude-3-5-haiku-latest")`: provider and model in one string.
    from_provider: make('instructor', { model: kwPos(0, 'model'), providerFromModel: kwPos(0, 'model'), provider: 'other' }),
    patch: make('none', { inheritFrom: kwPos(0, 'client') }),
    apatch: make('none', { inheritFrom: kwPos(0, 'client') }),
    // Built directly (`AsyncInstructor(client=AsyncAnthropic(), create=patch(…), mode=…)`): the client it wraps.
    Instructor: make('instructor', { wraps: kw('client') }),
    AsyncInstructor: make('instructor', { wraps: kw('client') }),
  }),
  // Meta's Llama API (llama-api-python: `LlamaAPIClient().chat.completions.create(model="Llama-4-…")`), OpenAI-shaped.
  mod('python', 'llama_api_client', { LlamaAPIClient: LLAMA_API, AsyncLlamaAPIClient: LLAMA_API }),
  // Replicate (replicate-python): `replicate.run("owner/model:version", input={…})` runs one prediction.
  // `replicate` is a common word: the pre-filter looks for its import statement (ModuleSpec.importToken).
  { ...mod('python', 'replicate', { Client: make('replicate') }), asType: 'replicate', importToken: true },
  mod('python', 'voyageai', { Client: make('voyage'), AsyncClient: make('voyage') }),
  mod('python', 'letta_client', { Letta: make('letta'), AsyncLetta: make('letta') }),
  // Matched as their import statements: `projects` and `agents` alone are everyday words.
  ...(['azure.ai.projects', 'azure.ai.projects.aio'] as const).map((name): ModuleSpec => ({ ...mod('python', name, { AIProjectClient: make('azure-ai-project'), 'AIProjectClient.from_connection_string': make('azure-ai-project') }), importToken: true })),
  ...(['azure.ai.agents', 'azure.ai.agents.aio'] as const).map((name): ModuleSpec => ({ ...mod('python', name, { AgentsClient: make('azure-agents') }), importToken: true })),
  // Zhipu AI's SDK (`zhipuai.ZhipuAI().chat.completions.create`): OpenAI's surface, Zhipu's service (open.bigmodel.cn).
  mod('python', 'zhipuai', { ZhipuAI: make('openai', { provider: 'other' }) }),
  // elevenlabs < 1.0 had module functions: `from elevenlabs import generate, play` … `generate(text=…, voice=…)`.
  mod('python', 'elevenlabs', { ElevenLabs: make('elevenlabs'), AsyncElevenLabs: make('elevenlabs'), generate: site('audio', kw('model'), { input: kw('text') }) }),
  mod('python', 'elevenlabs.client', { ElevenLabs: make('elevenlabs'), AsyncElevenLabs: make('elevenlabs') }),
  mod('python', 'deepgram', { DeepgramClient: make('deepgram'), AsyncDeepgramClient: make('deepgram') }),
  mod('python', 'azure.ai.inference', { ChatCompletionsClient: make('azure-inference'), EmbeddingsClient: make('azure-inference'), ImageEmbeddingsClient: make('azure-inference') }),
  mod('python', 'azure.ai.inference.aio', { ChatCompletionsClient: make('azure-inference'), EmbeddingsClient: make('azure-inference'), ImageEmbeddingsClient: make('azure-inference') }),
  mod('python', 'google.cloud.speech_v2', { SpeechClient: make('google-speech'), SpeechAsyncClient: make('google-speech') }),
  mod('python', 'google.cloud.speech', { SpeechClient: make('google-speech'), SpeechAsyncClient: make('google-speech') }),
  mod('python', 'vertexai.vision_models', {
    'ImageGenerationModel.from_pretrained': make('vertex-vision', { model: kwPos(0, 'model_name') }),
    'MultiModalEmbeddingModel.from_pretrained': make('vertex-vision', { model: kwPos(0, 'model_name') }),
  }),
  mod('python', 'vertexai.preview.vision_models', {
    'ImageGenerationModel.from_pretrained': make('vertex-vision', { model: kwPos(0, 'model_name') }),
    'MultiModalEmbeddingModel.from_pretrained': make('vertex-vision', { model: kwPos(0, 'model_name') }),
  }),
  mod('python', 'google.cloud.aiplatform', {
    Endpoint: make('vertex-endpoint'),
    'Endpoint.create': make('vertex-endpoint'),
    PrivateEndpoint: make('vertex-endpoint'),
    'Model': make('vertex-model-resource'),
    'Model.upload': make('vertex-model-resource'),
    'gapic.PredictionServiceClient': make('vertex-prediction'),
  }),
  mod('python', 'google.cloud.aiplatform_v1', { PredictionServiceClient: make('vertex-prediction'), PredictionServiceAsyncClient: make('vertex-prediction') }),
  mod('python', 'google.cloud.aiplatform_v1beta1', { PredictionServiceClient: make('vertex-prediction'), PredictionServiceAsyncClient: make('vertex-prediction') }),
  mod('python', 'vertexai.model_garden', { OpenModel: make('vertex-model-resource') }),
  mod('python', 'vertexai.preview.model_garden', { OpenModel: make('vertex-model-resource') }),
  mod('js', '@google-cloud/aiplatform', {
    PredictionServiceClient: make('vertex-prediction'),
    'v1.PredictionServiceClient': make('vertex-prediction'),
    'v1beta1.PredictionServiceClient': make('vertex-prediction'),
  }),
  mod('js', 'voyageai', { VoyageAIClient: make('voyage') }),
  ...['qianfan', 'qianfan.resources'].map((name) => mod('python', name, {
    ChatCompletion: make('qianfan-chat', { model: kw('model') }), Completion: make('qianfan-completion', { model: kw('model') }), Embedding: make('qianfan-embedding', { model: kw('model') }),
    Reranker: make('qianfan-rerank', { model: kw('model') }),
  })),
  // DashScope's speech synthesis (`SpeechSynthesizer.call(model="sambert-zhichu-v1", text=…)`, ragflow tts_model.py).
  mod('python', 'dashscope.audio.tts', { 'SpeechSynthesizer.call': site('audio', kw('model'), { input: kw('text') }) }),
  // Alibaba Cloud Model Studio's DashScope SDK (dashscope, help.aliyun.com/zh/model-studio, checked 2026-12-07): class
  // methods `Generation.call(model=…, messages=… | prompt=…)`, `AioGeneration.call`, `MultiModalConversation.call`,
  // `TextEmbedding.call(model=…, input=…)`, `ImageSynthesis.call(model=…, prompt=…)`.
  ...['dashscope', 'dashscope.aigc', 'dashscope.aigc.generation'].map((name) => mod('python', name, DASHSCOPE)),
  // Volcengine Ark (volcenginesdkarkruntime, volcengine.com/docs/82379, checked 2026-12-07): OpenAI's surface, Doubao
  // and other models behind an endpoint id.
  mod('python', 'volcenginesdkarkruntime', { Ark: make('openai', { provider: 'other' }), AsyncArk: make('openai', { provider: 'other' }) }),
  // iFlytek Spark (spark_ai_python, `sparkai.llm.llm.ChatSparkLLM`): a LangChain chat model over the Spark API.
  mod('python', 'sparkai.llm.llm', { ChatSparkLLM: make('lc-chat', { provider: 'other', model: kw('spark_llm_domain') }) }),
  mod('python', 'zeroentropy', { ZeroEntropy: make('zeroentropy'), AsyncZeroEntropy: make('zeroentropy') }),
  mod('js', 'zeroentropy', { ZeroEntropy: make('zeroentropy'), default: make('zeroentropy') }),
  mod('js', '@letta-ai/letta-client', { LettaClient: make('letta'), Letta: make('letta'), default: make('letta') }),
  mod('js', '@elevenlabs/elevenlabs-js', { ElevenLabsClient: make('elevenlabs') }),
  mod('js', 'elevenlabs', { ElevenLabsClient: make('elevenlabs') }),
  mod('js', '@aws-sdk/client-sagemaker-runtime', { SageMakerRuntimeClient: make('sagemaker-runtime'), SageMakerRuntime: make('sagemaker-runtime') }),
  mod('js', '@deepgram/sdk', { createClient: make('deepgram'), DeepgramClient: make('deepgram') }),
  // The PaLM embeddings of google-generativeai < 0.4 (`palm.generate_embeddings(model="models/embedding-gecko-001",
  // text=…)`), merged into sdks.ts's `google.generativeai` (provider google).
  mod('python', 'google.generativeai', { generate_embeddings: site('embeddings', MODEL, { input: kw('text') }) }),
  // cohere-ai v5/v6's module API (`import cohere from "cohere-ai"; cohere.init(key); cohere.embed({ texts, model })`,
  // also `generate`): the default export is a ready client with the surface of sdks.ts's `cohere` type.
  mod('js', 'cohere-ai', { default: { kind: 'instance', type: 'cohere' } }),
  // Perplexity's SDKs (perplexityai on PyPI, @perplexity-ai/perplexity_ai on npm; docs.perplexity.ai, checked
  // 2026-12-07): OpenAI's surface (`chat.completions.create`, `embeddings.create`) on Perplexity's service.
  // `perplexity` is also a metric's name: the pre-filter looks for the import statement, a workspace module wins.
  { ...mod('python', 'perplexity', { Perplexity: make('openai', { provider: 'other' }), AsyncPerplexity: make('openai', { provider: 'other' }) }), importToken: true, workspaceFirst: true },
  mod('js', '@perplexity-ai/perplexity_ai', { default: make('openai', { provider: 'other' }), Perplexity: make('openai', { provider: 'other' }) }),
  // Nomic's hosted embeddings (nomic, docs.nomic.ai/reference/python-api/embeddings, checked 2026-12-07):
  // `from nomic import embed; embed.text(texts=[…], model="nomic-embed-text-v1.5", task_type=…)`.
  { ...mod('python', 'nomic', { 'embed.text': site('embeddings', kw('model'), { input: kwPos(0, 'texts') }) }), importToken: true },
  mod('python', 'nomic.embed', { text: site('embeddings', kw('model'), { input: kwPos(0, 'texts') }) }),
  ...['xinference.client', 'xinference.client.restful.restful_client', 'xinference_client', 'xinference_client.client.restful.restful_client']
    .map((name) => mod('python', name, { Client: make('xinference'), RESTfulClient: make('xinference') })),
  // Open Interpreter: its own package's calls of these wrappers are not sites (ModuleSpec.ownPackage); `interpreter` is
  // an everyday word.
  { ...mod('python', 'interpreter', { interpreter: { kind: 'instance', type: 'open-interpreter' }, OpenInterpreter: make('open-interpreter') }), importToken: true, ownPackage: true },
];
