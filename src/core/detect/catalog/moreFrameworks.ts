/**
 * More framework and SDK surfaces (issue 25), data like frameworks.ts and merged into sdks.ts's tables: Google's Agent
 * Development Kit, the OpenAI Agents SDK and Swarm, Mastra agents, Genkit, Haystack 2.x components, Semantic Kernel
 * (Python) connectors and agents, Langroid agents and tasks, the IBM watsonx.ai SDK and its LangChain partner package,
 * and LlamaIndex's response synthesizers, LLM rerankers, query transforms and multimodal programs; LangChain's
 * multi-vector and compression retrievers and semantic example selectors. Sources: each project's API reference
 * (google.adk agents/runners, openai.github.io/openai-agents-python and openai-agents-js, github.com/openai/swarm,
 * mastra.ai/reference/agents, genkit.dev, docs.haystack.deepset.ai components, learn.microsoft.com semantic-kernel
 * Python API, langroid.github.io, ibm.github.io/watsonx-ai-python-sdk, docs.llamaindex.ai, python.langchain.com),
 * checked 2026-12.
 */
import type { Provider } from '../../types';
import type { ArgRef, FallbackSpec, Member, ModuleSpec, NewSpec, TypeSpec } from './types';
import { kw, kwPos, make, same, site } from './builders';

/**
 * The frameworks whose own source calls their wrappers (`ModuleSpec.ownPackage`): inside haystack/, semantic_kernel/,
 * langroid/ … the catalogue's names are the workspace's own modules. (Not `google`, `vertexai`, `langchain*` or
 * `llama_index`: their top-level names are shared by SDKs and packages other tables list.)
 */
const OWN_PACKAGE = new Set(['haystack', 'haystack_integrations', 'semantic_kernel', 'langroid', 'ibm_watsonx_ai', 'langchain_ibm']);
const mod = (name: string, members: Record<string, Member>, extra: Partial<ModuleSpec> = {}): ModuleSpec => ({
  lang: 'python', name, members, ...(OWN_PACKAGE.has(name.split('.')[0] ?? name) ? { ownPackage: true } : {}), ...extra,
});
/** A framework object that runs the model object it is given (NewSpec.modelFrom). */
const runs = (type: string, modelFrom: ArgRef[], extra: Partial<NewSpec> = {}): Member => make(type, { modelFrom, ...extra });

// ---- OpenAI Agents SDK (openai-agents, @openai/agents) ----
/** A run: the agent's model, on OpenAI unless the agent names another (a LiteLLM model, another client). */
const OAI = { provider: 'openai', via: 'framework' } as const;
const OAI_RUN: Member = site('chat', undefined, { user: kwPos(1, 'input') }, { modelObject: kwPos(0, 'starting_agent', 'agent'), ...OAI });
const OAI_AGENT: Member = make('oai-agent', { model: kw('model'), modelFrom: [kw('model')] });
const OAI_PY: Record<string, Member> = {
  Agent: OAI_AGENT,
  'Runner.run': OAI_RUN, 'Runner.run_sync': OAI_RUN,
  'Runner.run_streamed': site('chat', undefined, { user: kwPos(1, 'input') }, { modelObject: kwPos(0, 'starting_agent'), stream: true, ...OAI }),
};
const OAI_JS: Record<string, Member> = {
  Agent: OAI_AGENT, run: site('chat', undefined, { user: { pos: 1 } }, { modelObject: { pos: 0 }, ...OAI }), Runner: make('oai-runner'),
};

// ---- Mastra (@mastra/core) ----
const MASTRA_AGENT: Member = make('mastra-agent', { model: kw('model') });

// ---- Microsoft Agent Framework ----
/** A chat client of a provider: its model (`model_id=`, an Azure deployment), its base URL (GitHub Models, a proxy). */
const mafClient = (provider: Provider, model: ArgRef = kw('model_id', 'model')): Member => make('maf-client', { provider, model, baseUrl: kw('base_url', 'endpoint') });
const MAF_BUILDERS: Record<string, Member> = {
  WorkflowBuilder: runs('maf-builder', [kw('start_executor')]), SequentialBuilder: make('maf-builder'), ConcurrentBuilder: make('maf-builder'),
  HandoffBuilder: runs('maf-builder', [kw('participants')]), MagenticBuilder: make('maf-builder'), GroupChatBuilder: make('maf-builder'),
};

// ---- Strands Agents (Python `strands`, TypeScript `@strands-agents/sdk`) ----
/**
 * An agent over a model object, or a Bedrock model id string (`Agent(model="us.anthropic.claude-…")`); with no model,
 * Strands' default Bedrock model (its id changes with the SDK's version: unknown). strandsagents.com, checked 2026-12-07.
 */
const STRANDS_AGENT: Member = runs('strands-agent', [kw('model')], { model: kw('model'), provider: 'bedrock', providerUnlessObject: kw('model') });
/** The model providers by module (`strands.models.<module>`), each `Cls(model_id="…")`; LlamaCpp serves a local file. */
const STRANDS_MODELS: Readonly<Record<string, readonly [string, Provider]>> = {
  bedrock: ['BedrockModel', 'bedrock'], anthropic: ['AnthropicModel', 'anthropic'], openai: ['OpenAIModel', 'openai'], mistral: ['MistralModel', 'mistral'],
  gemini: ['GeminiModel', 'google'], ollama: ['OllamaModel', 'ollama'], litellm: ['LiteLLMModel', 'other'], llamaapi: ['LlamaAPIModel', 'other'],
  writer: ['WriterModel', 'other'], sagemaker: ['SageMakerAIModel', 'other'], llamacpp: ['LlamaCppModel', 'other'],
};
const strandsModel = (cls: string, provider: Provider): Member =>
  cls === 'LiteLLMModel' ? make('fw-model', { model: kw('model_id'), providerFromModel: kw('model_id') }) : make('fw-model', { model: kw('model_id', 'modelId'), provider });

export const MORE_FRAMEWORK_TYPES: readonly TypeSpec[] = [
  {
    // AutoGen 0.2 / AG2 (`pyautogen`, `ag2`: `import autogen`): `user_proxy.initiate_chat(assistant, message=…)` runs
    // the conversation, each turn of the recipient a request to the model its `llm_config` names (unknown here);
    // `agent.generate_reply(messages=…)` one reply. (microsoft.github.io/autogen/0.2/docs/reference/agentchat/conversable_agent)
    id: 'autogen2-agent', provider: 'other', via: 'framework',
    members: {
      initiate_chat: site('chat', undefined, { user: kw('message') }, { modelObject: kwPos(0, 'recipient') }),
      a_initiate_chat: site('chat', undefined, { user: kw('message') }, { modelObject: kwPos(0, 'recipient') }),
      generate_reply: site('chat', undefined, { messages: kwPos(0, 'messages') }),
      a_generate_reply: site('chat', undefined, { messages: kwPos(0, 'messages') }),
    },
  },
  {
    // A UserProxyAgent: a human or code executor (`llm_config=False` by default); it starts a chat with an agent that
    // has a model, but its own replies send nothing.
    id: 'autogen2-proxy', provider: 'other', via: 'framework',
    members: {
      initiate_chat: site('chat', undefined, { user: kw('message') }, { modelObject: kwPos(0, 'recipient') }),
      a_initiate_chat: site('chat', undefined, { user: kw('message') }, { modelObject: kwPos(0, 'recipient') }),
    },
  },
  {
    // Mastra: `new Agent({ model: openai('gpt-4o-mini') })` (an AI SDK model or a `provider/model` string); `generate`
    // and `stream` (and their VNext/Legacy names) run it. `mastra.getAgent('name')` gives a registered agent.
    id: 'mastra-agent', provider: 'other', via: 'framework',
    members: {
      ...Object.fromEntries(['generate', 'stream', 'generateVNext', 'streamVNext', 'generateLegacy', 'streamLegacy'].map((n) => [n, site('generate', undefined, { messages: { pos: 0 } }, { modelFromFactory: true, ...(n.startsWith('stream') ? { stream: true } : {}) })])),
      // The AG-UI adapter over an agent (`new MastraAgent({ agent })`, @ag-ui/mastra): `runAgent(params)` (AG-UI's entry
      // point) and the `run(input)` it implements, a streamed run.
      run: site('generate', undefined, { messages: { pos: 0 } }, { modelFromFactory: true, stream: true }),
      runAgent: site('generate', undefined, { messages: { pos: 0 } }, { modelFromFactory: true, stream: true }),
    },
  },
  { id: 'mastra', provider: 'other', via: 'framework', members: { getAgent: make('mastra-agent'), getAgentById: make('mastra-agent') } },
  // ---- Microsoft Agent Framework (Python `agent_framework`, learn.microsoft.com/agent-framework, checked 2026-12-07) ----
  {
    // A chat client (`OpenAIChatClient(model_id=…)`): it makes agents (`create_agent`, `as_agent`) over its model and
    // answers directly (`get_response`, `get_streaming_response`).
    id: 'maf-client', provider: 'other', via: 'framework',
    members: {
      create_agent: make('maf-agent', { inheritModel: true }), as_agent: make('maf-agent', { inheritModel: true }),
      get_response: site('chat', undefined, { messages: kwPos(0, 'messages') }), get_streaming_response: site('chat', undefined, { messages: kwPos(0, 'messages') }, { stream: true }),
    },
  },
  { id: 'maf-agent', provider: 'other', via: 'framework', members: { run: site('chat', undefined, { user: kwPos(0, 'messages') }), run_stream: site('chat', undefined, { user: kwPos(0, 'messages') }, { stream: true }) } },
  {
    // Workflow builders over agents (`SequentialBuilder().participants([a, b]).build()`, `WorkflowBuilder(start_executor=a)`):
    // the workflow runs its agents' models (the first participant's names them here).
    id: 'maf-builder', provider: 'other', via: 'framework',
    members: {
      participants: runs('maf-builder', [kwPos(0, 'participants')]), set_start_executor: runs('maf-builder', [kwPos(0, 'executor')]),
      add_edge: same, add_edges: same, add_chain: same, with_checkpointing: same, build: make('maf-workflow', { inheritModel: true }),
    },
  },
  {
    id: 'maf-workflow', provider: 'other', via: 'framework',
    members: {
      run: site('chat', undefined, { user: kwPos(0, 'message') }), run_stream: site('chat', undefined, { user: kwPos(0, 'message') }, { stream: true }),
      send_responses: site('chat', undefined, {}), send_responses_streaming: site('chat', undefined, {}, { stream: true }),
    },
  },
  {
    // The OpenAI Agents SDK's voice sessions (`new RealtimeSession(agent, { model })`, openai.github.io/openai-agents-js
    // guides/voice-agents): `sendMessage(text)` adds the text and asks for a response; a raw `response.create` event
    // through the transport asks for one. (Connecting opens the session; server voice detection answers on its own.)
    id: 'oai-rt-session', provider: 'openai', via: 'framework',
    members: {
      sendMessage: site('other', undefined, { user: { pos: 0 } }),
      'transport.sendEvent': site('other', undefined, {}, { when: { key: 'type', equals: ['response.create'] } }),
      sendEvent: site('other', undefined, {}, { when: { key: 'type', equals: ['response.create'] } }),
    },
  },
  {
    // Strands Agents (strandsagents.com): calling the agent runs its model (`agent("…")`), as do `invoke_async`,
    // `stream_async` and `structured_output(Model, "…")`; the TypeScript SDK's `agent.invoke(…)` and `agent.stream(…)`.
    id: 'strands-agent', provider: 'other', via: 'framework',
    callable: { api: 'chat', prompt: { user: kwPos(0, 'prompt') } },
    members: {
      invoke_async: site('chat', undefined, { user: kwPos(0, 'prompt') }), stream_async: site('chat', undefined, { user: kwPos(0, 'prompt') }, { stream: true }),
      structured_output: site('chat', undefined, { user: kwPos(1, 'prompt') }), structured_output_async: site('chat', undefined, { user: kwPos(1, 'prompt') }),
      invoke: site('chat', undefined, { user: { pos: 0 } }), stream: site('chat', undefined, { user: { pos: 0 } }, { stream: true }),
    },
  },
  // Genkit model plugins: `googleAI.model('gemini-2.5-flash')`, `googleAI.embedder('text-embedding-004')` name a model of
  // the plugin's provider (the AI SDK's provider factories do the same).
  ...(['google', 'openai', 'anthropic', 'ollama'] as const).map((provider): TypeSpec => ({ id: `genkit-${provider}`, provider, via: 'framework', modelFactory: true, members: {} })),
  {
    // Genkit: `const ai = genkit({ plugins: [googleAI()], model: googleAI.model('gemini-2.5-flash') })`; `ai.generate(…)`
    // and `generateStream(…)` run the call's `model` or the instance's default, `ai.embed({ embedder, content })` embeds.
    id: 'genkit', provider: 'other', via: 'framework',
    members: {
      generate: site('generate', kw('model'), { prompt: kwPos(0, 'prompt'), system: kw('system'), messages: kw('messages') }, { modelFromFactory: true }),
      generateStream: site('generate', kw('model'), { prompt: kwPos(0, 'prompt'), system: kw('system'), messages: kw('messages') }, { modelFromFactory: true, stream: true }),
      embed: site('embeddings', kw('embedder'), { input: kw('content') }, { modelFromFactory: true }),
      embedMany: site('embeddings', kw('embedder'), { input: kw('content') }, { modelFromFactory: true }),
    },
  },
  // OpenAI Agents SDK: an agent (`Agent(name=…, instructions=…, model="gpt-4.1")`, JS `new Agent({ model })`), run by
  // `Runner.run(agent, input)` (JS `run(agent, input)`, `new Runner().run(…)`): the run calls the agent's model.
  { id: 'oai-agent', provider: 'openai', via: 'framework', members: {} },
  { id: 'oai-runner', provider: 'openai', via: 'framework', members: { run: OAI_RUN } },
  { id: 'oai-voice', provider: 'openai', via: 'framework', members: { run: site('audio', undefined, { input: kwPos(0, 'audio_input') }, { stream: true }) } },
  { id: 'oai-voice-workflow', provider: 'openai', via: 'framework', members: {} },
  // OpenAI Swarm (the Agents SDK's predecessor): `Swarm().run(agent=Agent(model=…), messages=[…])`, `run_and_stream`.
  {
    id: 'swarm', provider: 'openai', via: 'framework',
    members: {
      run: site('chat', undefined, { messages: kwPos(1, 'messages') }, { modelObject: kwPos(0, 'agent'), ...OAI }),
      run_and_stream: site('chat', undefined, { messages: kwPos(1, 'messages') }, { modelObject: kwPos(0, 'agent'), stream: true, ...OAI }),
    },
  },
  {
    // Google ADK: `Runner(agent=Agent(model="gemini-2.0-flash"), …).run_async(…)` / `.run(…)` runs the agent's model.
    id: 'adk-runner', provider: 'google', via: 'framework',
    members: {
      run_async: site('generate', undefined, { user: kw('new_message') }, { stream: true }),
      run: site('generate', undefined, { user: kw('new_message') }, { stream: true }),
      run_live: site('generate', undefined, {}, { stream: true }),
      // The TypeScript ADK (@google/adk): `runner.runAsync({ userId, sessionId, newMessage })`.
      runAsync: site('generate', undefined, { user: kw('newMessage') }, { stream: true }),
      runLive: site('generate', undefined, {}, { stream: true }),
    },
  },
  // An ADK agent (`Agent`, `LlmAgent`): run through a Runner, not by a method of its own.
  { id: 'adk-agent', provider: 'google', via: 'framework', members: {} },
  { id: 'adk-tool', provider: 'google', via: 'framework', members: { run_async: site('generate', undefined, { user: kw('args') }) } },
  {
    id: 'agent-engine', provider: 'google', via: 'framework',
    members: Object.fromEntries(['stream_query', 'async_stream_query', 'query', 'async_query', 'streaming_agent_run_with_events'].map((n) => [n, site('generate', undefined, { user: kw('message', 'input') }, { stream: n.includes('stream') })])),
  },
  {
    // A Haystack generator component: `MistralChatGenerator(model=…).run(messages=[…])`.
    id: 'hs-generator', provider: 'other', via: 'framework',
    members: { run: site('chat', undefined, { messages: kwPos(0, 'messages'), prompt: kw('prompt') }), run_async: site('chat', undefined, { messages: kwPos(0, 'messages'), prompt: kw('prompt') }) },
  },
  {
    // A Haystack embedder component: `OpenAIDocumentEmbedder().run(documents=…)`, `OpenAITextEmbedder().run(text=…)`.
    id: 'hs-embedder', provider: 'other', via: 'framework',
    members: { run: site('embeddings', undefined, { input: kwPos(0, 'documents', 'text') }), run_async: site('embeddings', undefined, { input: kwPos(0, 'documents', 'text') }) },
  },
  {
    // A Haystack ranker over a hosted model: `CohereRanker(model=…).run(query=…, documents=…)`.
    id: 'hs-ranker', provider: 'other', via: 'framework',
    members: { run: site('rerank', undefined, { input: kwPos(0, 'query') }) },
  },
  {
    // A Haystack component that runs the chat generator it is given (docs.haystack.deepset.ai, checked 2026-12-07):
    // `Agent(chat_generator=…)` loops over the generator and its tools; `LLMMessagesRouter` asks a (guard) model which
    // route a conversation takes; `LLMMetadataExtractor` and `QueryExpander` prompt it; the LLM-based evaluators
    // (`FaithfulnessEvaluator`, `ContextRelevanceEvaluator`, `LLMEvaluator`) ask OpenAI by default.
    id: 'hs-llm-component', provider: 'other', via: 'framework',
    members: {
      run: site('chat', undefined, { messages: kwPos(0, 'messages'), input: kw('documents', 'query', 'questions') }),
      run_async: site('chat', undefined, { messages: kwPos(0, 'messages'), input: kw('documents', 'query', 'questions') }),
    },
  },
  {
    // A hosted speech-to-text component (`AssemblyAITranscriber(api_key=…).run(file_path=…)`).
    id: 'hs-transcriber', provider: 'other', via: 'framework',
    members: { run: site('audio', undefined, { input: kw('file_path') }) },
  },
  {
    // A Haystack pipeline: `run` runs the components added with `add_component(name, instance)`; the model is the
    // generator's (else the embedder's); a pipeline of local or non-model components sends nothing.
    // `AsyncPipeline.run_async_generator` runs it too, yielding each component's output.
    id: 'hs-pipeline', provider: 'other', via: 'framework', collects: { method: 'add_component', arg: kwPos(1, 'instance'), types: ['hs-generator', 'hs-llm-component', 'hs-embedder', 'hs-ranker', 'hs-transcriber'] },
    members: { run: site('chat', undefined, { input: kwPos(0, 'data') }), run_async: site('chat', undefined, { input: kwPos(0, 'data') }), run_async_generator: site('chat', undefined, { input: kwPos(0, 'data') }, { stream: true }) },
  },
  {
    // A Semantic Kernel kernel: `invoke_prompt(…)` runs the chat service added with `kernel.add_service(…)`.
    id: 'sk-kernel', provider: 'other', via: 'framework', collects: { method: 'add_service', arg: kwPos(0, 'service'), types: ['sk-chat'] },
    members: {
      invoke_prompt: site('chat', undefined, { user: kwPos(0, 'prompt') }),
      invoke_prompt_stream: site('chat', undefined, { user: kwPos(0, 'prompt') }, { stream: true }),
    },
  },
  {
    // Semantic Kernel chat connectors (`OpenAIChatCompletion(ai_model_id=…)`, an injected `ChatCompletionClientBase`).
    id: 'sk-chat', provider: 'other', via: 'framework',
    members: {
      get_chat_message_contents: site('chat', undefined, { messages: kwPos(0, 'chat_history') }),
      get_chat_message_content: site('chat', undefined, { messages: kwPos(0, 'chat_history') }),
      get_streaming_chat_message_contents: site('chat', undefined, { messages: kwPos(0, 'chat_history') }, { stream: true }),
      get_streaming_chat_message_content: site('chat', undefined, { messages: kwPos(0, 'chat_history') }, { stream: true }),
      get_text_contents: site('completion', undefined, { prompt: kwPos(0, 'prompt') }),
      get_text_content: site('completion', undefined, { prompt: kwPos(0, 'prompt') }),
      get_streaming_text_contents: site('completion', undefined, { prompt: kwPos(0, 'prompt') }, { stream: true }),
      get_streaming_text_content: site('completion', undefined, { prompt: kwPos(0, 'prompt') }, { stream: true }),
    },
  },
  {
    // Semantic Kernel embedding connectors: `OpenAITextEmbedding(ai_model_id=…).generate_embeddings([…])`.
    id: 'sk-embed', provider: 'other', via: 'framework',
    members: { generate_embeddings: site('embeddings', undefined, { input: kwPos(0, 'texts') }), generate_raw_embeddings: site('embeddings', undefined, { input: kwPos(0, 'texts') }) },
  },
  {
    // Semantic Kernel agents over a chat service: `ChatCompletionAgent(service=…).get_response(messages=…)`, `invoke`.
    id: 'sk-agent', provider: 'other', via: 'framework',
    members: {
      get_response: site('chat', undefined, { user: kwPos(0, 'messages') }),
      invoke: site('chat', undefined, { user: kwPos(0, 'messages') }),
      invoke_stream: site('chat', undefined, { user: kwPos(0, 'messages') }, { stream: true }),
    },
  },
  // Langroid's LLM configs and agent configs (`lm.OpenAIGPTConfig(chat_model=…)`, `lr.ChatAgentConfig(llm=…)`): model holders.
  { id: 'lr-config', provider: 'other', via: 'framework', members: {} },
  {
    // Langroid agents and tasks over an LLM config: `lr.ChatAgent(config).llm_response(…)`, `lr.Task(agent).run(…)`.
    id: 'lr-agent', provider: 'other', via: 'framework',
    members: {
      llm_response: site('chat', undefined, { user: kwPos(0, 'message') }), llm_response_async: site('chat', undefined, { user: kwPos(0, 'message') }),
      llm_response_forget: site('chat', undefined, { user: kwPos(0, 'message') }), llm_response_forget_async: site('chat', undefined, { user: kwPos(0, 'message') }),
      run: site('chat', undefined, { user: kwPos(0, 'msg') }), run_async: site('chat', undefined, { user: kwPos(0, 'msg') }),
    },
  },
  {
    // IBM watsonx.ai: `ModelInference(model_id=…).generate_text(prompt=…)` / `.chat(messages=…)`.
    id: 'watsonx-model', provider: 'other', via: 'sdk',
    members: {
      generate: site('completion', undefined, { prompt: kwPos(0, 'prompt') }), agenerate: site('completion', undefined, { prompt: kwPos(0, 'prompt') }),
      generate_text: site('completion', undefined, { prompt: kwPos(0, 'prompt') }),
      generate_text_stream: site('completion', undefined, { prompt: kwPos(0, 'prompt') }, { stream: true }),
      chat: site('chat', undefined, { messages: kwPos(0, 'messages') }), achat: site('chat', undefined, { messages: kwPos(0, 'messages') }),
      chat_stream: site('chat', undefined, { messages: kwPos(0, 'messages') }, { stream: true }),
    },
  },
  {
    // IBM watsonx.ai embeddings: `Embeddings(model_id=…).embed_documents(texts=[…])` / `.embed_query(text=…)`.
    id: 'watsonx-embed', provider: 'other', via: 'sdk',
    members: { embed_documents: site('embeddings', undefined, { input: kwPos(0, 'texts') }), embed_query: site('embeddings', undefined, { input: kwPos(0, 'text') }) },
  },
  {
    // IBM watsonx.ai reranking: `Rerank(model_id=…).generate(query=…, inputs=[…])`.
    id: 'watsonx-rerank', provider: 'other', via: 'sdk',
    members: { generate: site('rerank', undefined, { input: kwPos(0, 'query') }) },
  },
  {
    // LlamaIndex response synthesizers over an LLM (`get_response_synthesizer(llm=…)`; none given: `Settings.llm`).
    id: 'li-synth', provider: 'other', via: 'llamaindex', globalModel: 'Settings.llm',
    members: {
      synthesize: site('chat', undefined, { user: kwPos(0, 'query') }), asynthesize: site('chat', undefined, { user: kwPos(0, 'query') }),
      get_response: site('chat', undefined, { user: kwPos(0, 'query_str') }), aget_response: site('chat', undefined, { user: kwPos(0, 'query_str') }),
    },
  },
  {
    // LlamaIndex node postprocessors that ask the LLM (`LLMRerank(llm=…).postprocess_nodes(nodes, query_bundle)`).
    id: 'li-llm-rerank', provider: 'other', via: 'llamaindex', globalModel: 'Settings.llm',
    members: { postprocess_nodes: site('chat', undefined, { user: kw('query_str', 'query_bundle') }), apostprocess_nodes: site('chat', undefined, { user: kw('query_str', 'query_bundle') }) },
  },
  {
    // LlamaIndex query transforms that ask the LLM: `HyDEQueryTransform(llm=…)(query)`, `.run(query)`.
    id: 'li-transform', provider: 'other', via: 'llamaindex', globalModel: 'Settings.llm',
    callable: { api: 'chat', prompt: { user: kwPos(0, 'query_bundle_or_str') } },
    members: { run: site('chat', undefined, { user: kwPos(0, 'query_bundle_or_str') }) },
  },
  {
    // LlamaIndex programs over an LLM: `LLMTextCompletionProgram.from_defaults(llm=…)(…)`,
    // `MultiModalLLMCompletionProgram.from_defaults(multi_modal_llm=…)()`.
    id: 'li-program', provider: 'other', via: 'llamaindex', globalModel: 'Settings.llm',
    callable: { api: 'chat', prompt: {} },
    members: { acall: site('chat', undefined, {}) },
  },
  {
    // LlamaIndex `IngestionPipeline(transformations=[splitter, OpenAIEmbedding(…)]).run(documents=…)`: the embedding step
    // embeds every node. With no transformations given, the default ones end with the file's `Settings.embed_model`; a
    // list the code shows with no embedding model in it embeds nothing (`NewSpec.modelInList`).
    id: 'li-ingestion', provider: 'other', via: 'llamaindex', globalModel: 'Settings.embed_model',
    members: { run: site('embeddings', undefined, { input: kw('documents', 'nodes') }), arun: site('embeddings', undefined, { input: kw('documents', 'nodes') }) },
  },
  {
    // LlamaIndex `DocumentSummaryIndex.from_documents(docs, llm=…)`: the LLM writes a summary of every document (none
    // given: the file's `Settings.llm`), and the summaries are embedded as `VectorStoreIndex` embeds its nodes.
    id: 'li-summary-index', provider: 'other', via: 'llamaindex', globalModel: 'Settings.llm',
    members: { from_documents: site('chat', undefined, { input: kwPos(0, 'documents') }, { modelObject: kw('llm', 'service_context') }) },
  },
  {
    // autogen's graph builder: `builder.add_node(agent)…`, then `GraphFlow(participants=builder.get_participants())`.
    id: 'autogen-graph-builder', provider: 'other', via: 'framework',
    members: { get_participants: make('autogen-agent', { collects: { method: 'add_node', arg: kwPos(0, 'node') } }) },
  },
  {
    // crewAI's embedder for a provider chosen by configuration (`build_embedder(config)`): calling it embeds the texts.
    id: 'crewai-embedder', provider: 'other', via: 'framework',
    callable: { api: 'embeddings', prompt: { input: kwPos(0, 'input') } },
    members: {},
  },
  {
    // Vertex AI Gen AI evaluation: `EvalTask(dataset=…, metrics=[…]).evaluate(model=… | runnable=…)` runs the model or
    // agent under test and a Gemini autorater for model-based metrics, in the evaluation service.
    id: 'vertex-eval', provider: 'google', via: 'framework',
    members: { evaluate: site('other', undefined, {}) },
  },
  {
    // LangChain's MultiVectorRetriever over a vector store: searching embeds the query, and documents added through
    // `retriever.vectorstore` are embedded with the store's embeddings.
    id: 'lc-multivector', provider: 'other', via: 'langchain',
    members: (() => {
      const q = site('embeddings', undefined, { input: kwPos(0, 'query', 'input') });
      const out: Record<string, Member> = {};
      for (const n of ['invoke', 'ainvoke', 'get_relevant_documents', 'aget_relevant_documents']) out[n] = q;
      for (const n of ['similarity_search', 'similarity_search_with_score', 'max_marginal_relevance_search', 'add_documents', 'add_texts', 'aadd_documents', 'aadd_texts']) out[`vectorstore.${n}`] = q;
      return out;
    })(),
  },
  {
    // LangChain's ContextualCompressionRetriever over a hosted reranker (`base_compressor=CohereRerank()`): a rerank request.
    id: 'lc-compression', provider: 'other', via: 'langchain',
    members: Object.fromEntries(['invoke', 'ainvoke', 'get_relevant_documents', 'aget_relevant_documents'].map((n) => [n, site('rerank', undefined, { input: kwPos(0, 'query', 'input') })])),
  },
  {
    // A LangChain document compressor that calls a hosted rerank model (`CohereRerank(model=…)`).
    id: 'lc-reranker', provider: 'other', via: 'langchain',
    members: { compress_documents: site('rerank', undefined, { input: kwPos(1, 'query') }), acompress_documents: site('rerank', undefined, { input: kwPos(1, 'query') }) },
  },
];

// ---- LangChain retrievers and example selectors ----
const LC_RETRIEVERS: Record<string, Member> = {
  MultiVectorRetriever: runs('lc-multivector', [kw('vectorstore')]),
  ContextualCompressionRetriever: runs('lc-compression', [kw('base_compressor')]),
};
const LC_RERANKERS: Record<string, Member> = { CohereRerank: make('lc-reranker', { provider: 'cohere', model: kw('model') }) };
/** `SemanticSimilarityExampleSelector.from_examples(examples, embeddings, FAISS)` embeds every example. */
const LC_SELECTORS: Record<string, Member> = Object.fromEntries(['SemanticSimilarityExampleSelector', 'MaxMarginalRelevanceExampleSelector'].map((c) => [
  `${c}.from_examples`, site('embeddings', undefined, { input: kwPos(0, 'examples') }, { modelObject: kwPos(1, 'embeddings'), via: 'langchain' }),
]));

// ---- Google ADK ----
const ADK_AGENT: Member = runs('adk-agent', [kw('model')], { model: kw('model'), providerFromModel: kw('provider') });
const ADK_RUNNER: Member = runs('adk-runner', [kw('agent')]);

// ---- Haystack 2.x (haystack-ai and haystack_integrations) ----
/** `api_base_url=` points an OpenAI-compatible component elsewhere (`http://localhost:8081/v1`: a llamafile server). */
const hsGen = (provider: Provider): Member => make('hs-generator', { provider, model: kw('model'), baseUrl: kw('api_base_url') });
const hsEmb = (provider: Provider): Member => make('hs-embedder', { provider, model: kw('model'), baseUrl: kw('api_base_url') });
const HS_LOCAL: Member = make('local-model');
/** A Haystack component over the chat generator it is given (`chat_generator=`), OpenAI's when it has a default. */
const hsRuns = (provider?: Provider): Member => runs('hs-llm-component', [kw('chat_generator')], provider ? { provider } : {});
/** Haystack integrations (haystack_integrations.components.…, checked 2026-12-07) served by other providers' APIs. */
const HS_INTEGRATIONS: readonly ModuleSpec[] = [
  mod('haystack_integrations.components.generators.vllm', { VLLMChatGenerator: hsGen('other') }),
  mod('haystack_integrations.components.embedders.vllm', { VLLMDocumentEmbedder: hsEmb('other'), VLLMTextEmbedder: hsEmb('other') }),
  mod('haystack_integrations.components.generators.nvidia', { NvidiaGenerator: hsGen('other'), NvidiaChatGenerator: hsGen('other') }),
  mod('haystack_integrations.components.embedders.nvidia', { NvidiaDocumentEmbedder: hsEmb('other'), NvidiaTextEmbedder: hsEmb('other') }),
  mod('haystack_integrations.components.rankers.nvidia', { NvidiaRanker: make('hs-ranker', { model: kw('model') }) }),
  mod('haystack_integrations.components.embedders.jina', { JinaDocumentEmbedder: hsEmb('other'), JinaTextEmbedder: hsEmb('other') }),
  mod('haystack_integrations.components.rankers.jina', { JinaRanker: make('hs-ranker', { model: kw('model') }) }),
  mod('haystack_integrations.components.generators.amazon_sagemaker', { SagemakerGenerator: hsGen('other') }),
  mod('haystack_integrations.components.generators.llama_stack', { LlamaStackChatGenerator: hsGen('other') }),
  mod('haystack_integrations.components.generators.openrouter', { OpenRouterChatGenerator: hsGen('openrouter') }),
  mod('haystack_integrations.components.generators.togetherai', { TogetherAIChatGenerator: hsGen('together'), TogetherAIGenerator: hsGen('together') }),
  mod('haystack_integrations.components.generators.meta_llama', { MetaLlamaChatGenerator: hsGen('other') }),
  mod('haystack_integrations.components.generators.stackit', { STACKITChatGenerator: hsGen('other') }),
  // The Hugging Face API generator's model is in `api_params` (`{"model": "Qwen/…", "provider": "together"}`).
  mod('haystack_integrations.components.generators.huggingface_api', { HuggingFaceAPIChatGenerator: make('hs-generator', { provider: 'huggingface', model: { kw: ['api_params'], paths: [['model']] } }) }),
  // Experimental and per-module paths of the core generators.
  mod('haystack_experimental.components.generators.chat', { OpenAIChatGenerator: hsGen('openai') }),
  mod('haystack_experimental.components.generators.chat.openai', { OpenAIChatGenerator: hsGen('openai') }),
  mod('haystack.components.generators.chat.azure', { AzureOpenAIChatGenerator: hsGen('azure-openai') }),
  mod('haystack.components.generators.openai', { OpenAIGenerator: hsGen('openai') }),
  // Components that run a chat generator (the `hs-llm-component` type).
  ...['haystack.components.agents', 'haystack_experimental.components.agents'].map((name) => mod(name, { Agent: hsRuns() })),
  mod('haystack.components.routers', { LLMMessagesRouter: hsRuns() }),
  ...['haystack.components.extractors', 'haystack.components.extractors.llm_metadata_extractor'].map((name) => mod(name, { LLMMetadataExtractor: hsRuns() })),
  mod('haystack.components.query', { QueryExpander: hsRuns('openai') }),
  mod('haystack.components.evaluators', { FaithfulnessEvaluator: hsRuns('openai'), ContextRelevanceEvaluator: hsRuns('openai'), LLMEvaluator: hsRuns('openai') }),
  mod('assemblyai_haystack.transcriber', { AssemblyAITranscriber: make('hs-transcriber') }),
];

// ---- Semantic Kernel (Python) ----
const skChat = (provider: Provider, model: ArgRef = kw('ai_model_id')): Member => make('sk-chat', { provider, model });
const skEmbed = (provider: Provider, model: ArgRef = kw('ai_model_id')): Member => make('sk-embed', { provider, model });

// ---- Langroid ----
const LR_LLM_CONFIG: Member = make('lr-config', { model: kw('chat_model'), providerFromModel: kw('provider') });
const LR_AGENT_CONFIG: Member = runs('lr-config', [kw('llm')]);
const LR_AGENT: Member = runs('lr-agent', [kwPos(0, 'config')]);
const LR_TASK: Member = runs('lr-agent', [kwPos(0, 'agent')]);
const LANGROID: Record<string, Member> = { ChatAgentConfig: LR_AGENT_CONFIG, ChatAgent: LR_AGENT, Task: LR_TASK, 'language_models.OpenAIGPTConfig': LR_LLM_CONFIG };

// ---- IBM watsonx.ai ----
const WX: Record<string, Member> = {
  ModelInference: make('watsonx-model', { model: kw('model_id') }),
  Model: make('watsonx-model', { model: kwPos(0, 'model_id') }),
  Embeddings: make('watsonx-embed', { model: kw('model_id') }),
  Rerank: make('watsonx-rerank', { model: kw('model_id') }),
};

// ---- LlamaIndex ----
const liRuns = (type: string, modelFrom: ArgRef[]): Member => runs(type, modelFrom);

/**
 * AutoGen 0.2 / AG2 agents: the model is the first entry of `llm_config`'s `config_list` (or `llm_config["model"]`),
 * its provider the entry's `api_type` (`"azure"`), else the model's family (microsoft.github.io/autogen/0.2/docs/topics/llm_configuration).
 */
const AG2_MODEL: ArgRef = { kw: ['llm_config'], paths: [['config_list', 0, 'model'], ['model']] };
const AG2_AGENT: Member = make('autogen2-agent', {
  model: AG2_MODEL,
  providerFromModel: { kw: ['llm_config'], paths: [['config_list', 0, 'api_type'], ['api_type']] },
  // An entry with a `base_url` (LM Studio, Together, a proxy) is served there, whatever the model's family.
  baseUrl: { kw: ['llm_config'], paths: [['config_list', 0, 'base_url'], ['base_url']] },
});

/** AG2's swarms (docs.ag2.ai swarm, checked 2026-12-07): `initiate_swarm_chat(initial_agent=…, agents=[…], messages=…)` runs the agents in turn. */
const AG2_SWARM: Record<string, Member> = {
  initiate_swarm_chat: site('chat', undefined, { messages: kw('messages') }, { modelObject: kw('initial_agent') }),
  a_initiate_swarm_chat: site('chat', undefined, { messages: kw('messages') }, { modelObject: kw('initial_agent') }),
};


/**
 * LlamaIndex's module-wide models read where they are used (`Settings.llm.acomplete(…)`, `llm = Settings.llm`), set in
 * another file (`init_settings()`): a model of unknown provider; one assigned in the file (`Settings.llm = OpenAI(…)`)
 * is that one (clients.ts evalValue).
 */
const LI_SETTINGS: Readonly<Record<string, Member>> = {
  'Settings.llm': { kind: 'instance', type: 'li-llm' },
  'Settings.embed_model': { kind: 'instance', type: 'li-embed' },
};
/** LlamaIndex's pipelines that run a model over documents (the `li-ingestion` and `li-summary-index` types above). */
const LI_PIPELINES: Readonly<Record<string, Member>> = {
  IngestionPipeline: make('li-ingestion', { modelFrom: [kw('transformations')], modelInList: true }),
  DocumentSummaryIndex: { kind: 'instance', type: 'li-summary-index' },
};
/**
 * LlamaIndex before 0.11: a `ServiceContext.from_defaults(llm=…)` (or `llm_predictor=LLMPredictor(llm=…)`) stands for
 * the LLM it carries, for the indexes given it as `service_context=` (`li-summary-index`).
 */
const LI_SERVICE_CONTEXT: Readonly<Record<string, Member>> = {
  'ServiceContext.from_defaults': make('li-llm', { inheritFrom: kw('llm', 'llm_predictor') }),
  LLMPredictor: make('li-llm', { inheritFrom: kwPos(0, 'llm') }),
};
export const MORE_FRAMEWORK_MODULES: readonly ModuleSpec[] = [
  // AutoGen 0.2 / AG2 agents (the 0.4 packages are autogen_agentchat, autogen_ext: frameworks.ts).
  // `autogen` is a word of generated code (`// autogen`): the pre-filter looks for the import statement.
  mod('autogen', { AssistantAgent: AG2_AGENT, UserProxyAgent: make('autogen2-proxy'), ConversableAgent: AG2_AGENT, GroupChatManager: AG2_AGENT, SwarmAgent: AG2_AGENT, ...AG2_SWARM }, { importToken: true }),
  mod('autogen.agentchat.contrib.swarm_agent', { SwarmAgent: AG2_AGENT, ...AG2_SWARM }, { importToken: true }),
  mod('autogen.agentchat', { AssistantAgent: AG2_AGENT, UserProxyAgent: make('autogen2-proxy'), ConversableAgent: AG2_AGENT, GroupChatManager: AG2_AGENT }, { importToken: true }),
  // LlamaIndex before 0.10 (`from llama_index import VectorStoreIndex`): the default embedding model embeds the documents.
  mod('llama_index', { VectorStoreIndex: { kind: 'instance', type: 'li-index-class' }, 'VectorStoreIndex.from_documents': site('embeddings', undefined, { input: kwPos(0, 'documents') }, { via: 'llamaindex', modelObject: kw('embed_model') }), ...LI_PIPELINES, ...LI_SERVICE_CONTEXT }),
  mod('llama_index.ingestion', LI_PIPELINES),
  mod('llama_index.core.ingestion', LI_PIPELINES),
  mod('agents', OAI_PY, { workspaceFirst: true }),
  // The Agents SDK's voice pipeline (openai.github.io/openai-agents-python/voice/pipeline, checked 2026-12-07):
  // `VoicePipeline(workflow=SingleAgentVoiceWorkflow(agent)).run(audio_input)` transcribes the audio, runs the agent
  // and speaks its answer (OpenAI speech-to-text and text-to-speech models, the agent's model).
  // `SandboxAgent` (agents.sandbox, an `Agent` that works in a sandbox's files and shell) carries its model as `Agent` does.
  mod('agents.sandbox', { SandboxAgent: OAI_AGENT }, { workspaceFirst: true }),
  mod('agents.voice', { VoicePipeline: runs('oai-voice', [kw('workflow')]), SingleAgentVoiceWorkflow: runs('oai-voice-workflow', [kwPos(0, 'agent')]) }, { workspaceFirst: true }),
  mod('swarm', { Swarm: make('swarm'), Agent: OAI_AGENT }, { workspaceFirst: true }),
  // Swarm's REPL: each turn of `run_demo_loop(agent)` is a `Swarm().run(…)` over the agent.
  mod('swarm.repl', { run_demo_loop: site('chat', undefined, {}, { modelObject: kwPos(0, 'starting_agent'), ...OAI }) }, { workspaceFirst: true }),
  mod('agents.extensions.models.litellm_model', { LitellmModel: make('fw-model', { model: kw('model'), providerFromModel: kw('custom_llm_provider') }) }, { workspaceFirst: true }),
  { lang: 'js', name: '@openai/agents', members: OAI_JS },
  { lang: 'js', name: '@google/adk', members: { LlmAgent: ADK_AGENT, Agent: ADK_AGENT, Runner: ADK_RUNNER, InMemoryRunner: ADK_RUNNER } },
  { lang: 'js', name: '@mastra/core/agent', members: { Agent: MASTRA_AGENT } },
  { lang: 'js', name: '@mastra/core', members: { Agent: MASTRA_AGENT, Mastra: make('mastra') } },
  { lang: 'js', name: '@mastra/core/mastra', members: { Mastra: make('mastra') } },
  { lang: 'js', name: '@ag-ui/mastra', members: { MastraAgent: make('mastra-agent', { inheritFrom: kw('agent') }) } },
  // `Genkit`: the instance's type, for one passed in (`ai: Genkit`).
  { lang: 'js', name: 'genkit', members: { genkit: make('genkit', { model: kw('model') }), Genkit: make('genkit') } },
  ...Object.entries({
    '@genkit-ai/google-genai': { googleAI: 'google', vertexAI: 'google' }, '@genkit-ai/googleai': { googleAI: 'google' }, '@genkit-ai/vertexai': { vertexAI: 'google' },
    '@genkit-ai/compat-oai/openai': { openAI: 'openai' }, 'genkitx-openai': { openAI: 'openai' }, 'genkitx-anthropic': { anthropic: 'anthropic' }, 'genkitx-ollama': { ollama: 'ollama' },
  }).map(([name, plugins]): ModuleSpec => ({
    lang: 'js', name, members: Object.fromEntries(Object.entries(plugins).map(([member, provider]): [string, Member] => [member, { kind: 'instance', type: `genkit-${provider}` }])),
  })),
  { lang: 'js', name: 'genkit/beta', members: { genkit: make('genkit', { model: kw('model') }), Genkit: make('genkit') } },
  // Genkit for Python: `ai = Genkit(plugins=[GoogleAI()], model='googleai/gemini-2.5-flash')`; `generate_stream` is the
  // snake_case name of `generateStream`.
  mod('genkit', { Genkit: make('genkit', { model: kw('model') }) }),
  mod('genkit.ai', { Genkit: make('genkit', { model: kw('model') }) }),
  mod('autogen_agentchat.teams', { DiGraphBuilder: make('autogen-graph-builder') }, { ownPackage: true }),
  mod('crewai.rag.embeddings.factory', { build_embedder: make('crewai-embedder') }, { ownPackage: true }),
  mod('vertexai.evaluation', { EvalTask: make('vertex-eval') }),
  mod('vertexai.preview.evaluation', { EvalTask: make('vertex-eval') }),
  mod('google.adk.agents', { Agent: ADK_AGENT, LlmAgent: ADK_AGENT }),
  mod('google.adk', { Agent: ADK_AGENT, Runner: ADK_RUNNER }),
  mod('google.adk.runners', { Runner: ADK_RUNNER, InMemoryRunner: ADK_RUNNER }),
  mod('google.adk.models.lite_llm', { LiteLlm: make('fw-model', { model: kw('model'), providerFromModel: kw('custom_llm_provider') }) }),
  // An agent run as a tool (`AgentTool(agent=db_agent).run_async(args=…, tool_context=…)`), and the evaluator that runs
  // an agent module over an eval set (`AgentEvaluator.evaluate("travel_concierge", "data/x.test.json", num_runs=4)`).
  ...['google.adk.tools', 'google.adk.tools.agent_tool'].map((name) => mod(name, { AgentTool: runs('adk-tool', [kw('agent')]) })),
  ...['google.adk.evaluation', 'google.adk.evaluation.agent_evaluator'].map((name) => mod(name, { 'AgentEvaluator.evaluate': site('generate', undefined, {}, { provider: 'google', via: 'framework', fanOut: true }) })),
  // Vertex AI Agent Engine: an ADK app deployed or fetched (`agent_engines.create(AdkApp(agent=…))`, `agent_engines.get(id)`)
  // runs its agent on each `stream_query(…)` (cloud.google.com/vertex-ai/generative-ai/docs/agent-engine, checked 2026-12-07).
  ...['vertexai.agent_engines', 'vertexai.preview.reasoning_engines'].map((name) => mod(name, {
    AdkApp: runs('agent-engine', [kw('agent')]), create: runs('agent-engine', [kwPos(0, 'agent_engine')]), get: make('agent-engine'),
  })),

  mod('haystack', { Pipeline: make('hs-pipeline'), AsyncPipeline: make('hs-pipeline') }),
  mod('haystack.core.pipeline', { Pipeline: make('hs-pipeline'), AsyncPipeline: make('hs-pipeline') }),
  mod('haystack.components.generators', { OpenAIGenerator: hsGen('openai'), AzureOpenAIGenerator: hsGen('azure-openai'), HuggingFaceAPIGenerator: hsGen('huggingface'), HuggingFaceLocalGenerator: HS_LOCAL }),
  mod('haystack.components.generators.chat', { OpenAIChatGenerator: hsGen('openai'), AzureOpenAIChatGenerator: hsGen('azure-openai'), HuggingFaceAPIChatGenerator: hsGen('huggingface'), HuggingFaceLocalChatGenerator: HS_LOCAL }),
  mod('haystack.components.embedders', {
    OpenAIDocumentEmbedder: hsEmb('openai'), OpenAITextEmbedder: hsEmb('openai'), AzureOpenAIDocumentEmbedder: hsEmb('azure-openai'), AzureOpenAITextEmbedder: hsEmb('azure-openai'),
    HuggingFaceAPIDocumentEmbedder: hsEmb('huggingface'), HuggingFaceAPITextEmbedder: hsEmb('huggingface'),
    SentenceTransformersDocumentEmbedder: HS_LOCAL, SentenceTransformersTextEmbedder: HS_LOCAL,
  }),
  mod('haystack_integrations.components.generators.mistral', { MistralChatGenerator: hsGen('mistral') }),
  mod('haystack_integrations.components.embedders.mistral', { MistralDocumentEmbedder: hsEmb('mistral'), MistralTextEmbedder: hsEmb('mistral') }),
  mod('haystack_integrations.components.generators.anthropic', { AnthropicChatGenerator: hsGen('anthropic'), AnthropicGenerator: hsGen('anthropic'), AnthropicVertexChatGenerator: hsGen('google') }),
  mod('haystack_integrations.components.generators.google_ai', { GoogleAIGeminiChatGenerator: hsGen('google'), GoogleAIGeminiGenerator: hsGen('google') }),
  mod('haystack_integrations.components.generators.google_genai', { GoogleGenAIChatGenerator: hsGen('google') }),
  mod('haystack_integrations.components.embedders.google_genai', { GoogleGenAIDocumentEmbedder: hsEmb('google'), GoogleGenAITextEmbedder: hsEmb('google') }),
  mod('haystack_integrations.components.generators.cohere', { CohereGenerator: hsGen('cohere'), CohereChatGenerator: hsGen('cohere') }),
  mod('haystack_integrations.components.embedders.cohere', { CohereDocumentEmbedder: hsEmb('cohere'), CohereTextEmbedder: hsEmb('cohere') }),
  mod('haystack_integrations.components.rankers.cohere', { CohereRanker: make('hs-ranker', { provider: 'cohere', model: kw('model') }) }),
  mod('haystack_integrations.components.generators.ollama', { OllamaGenerator: hsGen('ollama'), OllamaChatGenerator: hsGen('ollama') }),
  mod('haystack_integrations.components.embedders.ollama', { OllamaDocumentEmbedder: hsEmb('ollama'), OllamaTextEmbedder: hsEmb('ollama') }),
  mod('haystack_integrations.components.generators.amazon_bedrock', { AmazonBedrockGenerator: hsGen('bedrock'), AmazonBedrockChatGenerator: hsGen('bedrock') }),
  mod('haystack_integrations.components.embedders.amazon_bedrock', { AmazonBedrockDocumentEmbedder: hsEmb('bedrock'), AmazonBedrockTextEmbedder: hsEmb('bedrock') }),
  mod('haystack_integrations.components.generators.mistral.chat.chat_generator', { MistralChatGenerator: hsGen('mistral') }),
  ...HS_INTEGRATIONS,

  mod('semantic_kernel', { Kernel: make('sk-kernel') }),
  mod('semantic_kernel.kernel', { Kernel: make('sk-kernel') }),
  mod('semantic_kernel.connectors.ai.chat_completion_client_base', { ChatCompletionClientBase: make('sk-chat') }),
  mod('semantic_kernel.connectors.ai.text_completion_client_base', { TextCompletionClientBase: make('sk-chat') }),
  mod('semantic_kernel.connectors.ai.embedding_generator_base', { EmbeddingGeneratorBase: make('sk-embed') }),
  mod('semantic_kernel.connectors.ai.open_ai', {
    OpenAIChatCompletion: skChat('openai'), AzureChatCompletion: skChat('azure-openai', kw('deployment_name')),
    OpenAITextCompletion: skChat('openai'), AzureTextCompletion: skChat('azure-openai', kw('deployment_name')),
    OpenAITextEmbedding: skEmbed('openai'), AzureTextEmbedding: skEmbed('azure-openai', kw('deployment_name')),
  }),
  mod('semantic_kernel.connectors.ai.anthropic', { AnthropicChatCompletion: skChat('anthropic') }),
  mod('semantic_kernel.connectors.ai.google.google_ai', { GoogleAIChatCompletion: skChat('google', kw('gemini_model_id')), GoogleAITextEmbedding: skEmbed('google', kw('embedding_model_id')) }),
  mod('semantic_kernel.connectors.ai.google.vertex_ai', { VertexAIChatCompletion: skChat('google', kw('gemini_model_id')), VertexAITextEmbedding: skEmbed('google', kw('embedding_model_id')) }),
  mod('semantic_kernel.connectors.ai.mistral_ai', { MistralAIChatCompletion: skChat('mistral'), MistralAITextEmbedding: skEmbed('mistral') }),
  mod('semantic_kernel.connectors.ai.ollama', { OllamaChatCompletion: skChat('ollama'), OllamaTextEmbedding: skEmbed('ollama') }),
  mod('semantic_kernel.connectors.ai.bedrock', { BedrockChatCompletion: skChat('bedrock', kw('model_id')), BedrockTextEmbedding: skEmbed('bedrock', kw('model_id')) }),
  mod('semantic_kernel.agents', { ChatCompletionAgent: runs('sk-agent', [kw('service')]) }),

  mod('langroid', LANGROID),
  mod('langroid.language_models', { OpenAIGPTConfig: LR_LLM_CONFIG }),
  mod('langroid.language_models.openai_gpt', { OpenAIGPTConfig: LR_LLM_CONFIG }),
  mod('langroid.agent.chat_agent', { ChatAgent: LR_AGENT, ChatAgentConfig: LR_AGENT_CONFIG }),
  mod('langroid.agent.task', { Task: LR_TASK }),

  mod('ibm_watsonx_ai.foundation_models', WX),
  mod('ibm_watsonx_ai.foundation_models.embeddings', { Embeddings: WX.Embeddings as Member }),
  mod('ibm_watsonx_ai.foundation_models.inference', { ModelInference: WX.ModelInference as Member }),
  mod('langchain_ibm', {
    ChatWatsonx: make('lc-chat', { provider: 'other', model: kw('model_id') }), WatsonxLLM: make('lc-llm', { provider: 'other', model: kw('model_id') }),
    WatsonxEmbeddings: make('lc-embed', { provider: 'other', model: kw('model_id') }),
  }),

  ...['langchain', 'langchain_classic'].flatMap((root) => [
    mod(`${root}.retrievers`, LC_RETRIEVERS),
    mod(`${root}.retrievers.multi_vector`, { MultiVectorRetriever: LC_RETRIEVERS.MultiVectorRetriever as Member }),
    mod(`${root}.retrievers.contextual_compression`, { ContextualCompressionRetriever: LC_RETRIEVERS.ContextualCompressionRetriever as Member }),
    mod(`${root}.retrievers.document_compressors`, LC_RERANKERS),
  ]),
  mod('langchain_cohere', LC_RERANKERS),
  mod('langchain_core.example_selectors', LC_SELECTORS),
  mod('langchain.prompts', LC_SELECTORS),
  mod('langchain.prompts.example_selector', LC_SELECTORS),

  ...['@openai/agents/realtime', '@openai/agents-realtime'].map((name): ModuleSpec => ({ lang: 'js', name, members: {
    RealtimeSession: make('oai-rt-session', { model: kw('model') }), OpenAIRealtimeWebRTC: make('oai-rt-session'), OpenAIRealtimeWebSocket: make('oai-rt-session'),
  } })),
  mod('agent_framework', { ChatAgent: runs('maf-agent', [kw('chat_client')]), Agent: runs('maf-agent', [kw('chat_client', 'client')]), ...MAF_BUILDERS }),
  mod('agent_framework.openai', { OpenAIChatClient: mafClient('openai'), OpenAIResponsesClient: mafClient('openai'), OpenAIAssistantsClient: mafClient('openai') }),
  mod('agent_framework.azure', {
    AzureOpenAIChatClient: mafClient('azure-openai', kw('deployment_name', 'model_id')), AzureOpenAIResponsesClient: mafClient('azure-openai', kw('deployment_name', 'model_id')),
    AzureOpenAIAssistantsClient: mafClient('azure-openai', kw('deployment_name', 'model_id')), AzureAIAgentClient: mafClient('other', kw('model_deployment_name', 'model')),
    AzureAIProjectAgentProvider: mafClient('other', kw('model')), AzureAIClient: mafClient('other', kw('model_deployment_name', 'model')),
  }),
  mod('agent_framework.foundry', { FoundryChatClient: mafClient('other', kw('model')) }),
  mod('agent_framework.anthropic', { AnthropicClient: mafClient('anthropic') }),
  mod('agent_framework.ollama', { OllamaChatClient: mafClient('ollama') }),
  mod('strands', { Agent: STRANDS_AGENT }, { ownPackage: true }),
  mod('strands.agent', { Agent: STRANDS_AGENT }, { ownPackage: true }),
  mod('strands.models', { BedrockModel: strandsModel('BedrockModel', 'bedrock') }, { ownPackage: true }),
  ...Object.entries(STRANDS_MODELS).map(([name, [cls, provider]]) => mod(`strands.models.${name}`, { [cls]: strandsModel(cls, provider) }, { ownPackage: true })),
  { lang: 'js', name: '@strands-agents/sdk', members: { Agent: STRANDS_AGENT, BedrockModel: strandsModel('BedrockModel', 'bedrock') }, ownPackage: true },
  ...(['openai', 'anthropic', 'bedrock', 'gemini'] as const).flatMap((name): ModuleSpec[] => {
    const [cls, provider] = STRANDS_MODELS[name] ?? ['', 'other'];
    return [`@strands-agents/sdk/models/${name}`, `@strands-agents/sdk/${name}`].map((spec) => ({ lang: 'js', name: spec, members: { [cls]: strandsModel(cls, provider) }, ownPackage: true }));
  }),
  mod('llama_index.core', { get_response_synthesizer: liRuns('li-synth', [kw('llm')]), ...LI_SETTINGS }),
  mod('llama_index.core.settings', LI_SETTINGS),
  // LlamaIndex's base LLM types, as the type of an injected model (`llm: LLM`, `llm: FunctionCallingLLM`): provider and
  // model unknown.
  mod('llama_index.core.llms', { LLM: make('li-llm'), FunctionCallingLLM: make('li-llm') }),
  mod('llama_index.core.llms.llm', { LLM: make('li-llm') }),
  mod('llama_index.core.llms.function_calling', { FunctionCallingLLM: make('li-llm') }),
  mod('llama_index.core.base.llms.base', { BaseLLM: make('li-llm') }),
  mod('llama_index.core.response_synthesizers', {
    get_response_synthesizer: liRuns('li-synth', [kw('llm')]), TreeSummarize: liRuns('li-synth', [kw('llm')]), Refine: liRuns('li-synth', [kw('llm')]),
    CompactAndRefine: liRuns('li-synth', [kw('llm')]), SimpleSummarize: liRuns('li-synth', [kw('llm')]), Accumulate: liRuns('li-synth', [kw('llm')]),
  }),
  mod('llama_index.core.postprocessor', { LLMRerank: liRuns('li-llm-rerank', [kw('llm')]), RankGPTRerank: liRuns('li-llm-rerank', [kw('llm')]) }),
  mod('llama_index.core.postprocessor.llm_rerank', { LLMRerank: liRuns('li-llm-rerank', [kw('llm')]) }),
  mod('llama_index.core.indices.query.query_transform', { HyDEQueryTransform: liRuns('li-transform', [kw('llm')]), StepDecomposeQueryTransform: liRuns('li-transform', [kw('llm')]) }),
  mod('llama_index.core.indices.query.query_transform.base', { HyDEQueryTransform: liRuns('li-transform', [kw('llm')]), StepDecomposeQueryTransform: liRuns('li-transform', [kw('llm')]) }),
  mod('llama_index.core.program', { 'LLMTextCompletionProgram.from_defaults': liRuns('li-program', [kw('llm')]), 'MultiModalLLMCompletionProgram.from_defaults': liRuns('li-program', [kw('multi_modal_llm')]) }),
  mod('llama_index.core.program.multi_modal_llm_program', { 'MultiModalLLMCompletionProgram.from_defaults': liRuns('li-program', [kw('multi_modal_llm')]) }),
];

/** Model objects that arrive untyped (a helper's parameter, a config field), found by their receiver's name. */
export const MORE_FALLBACKS: readonly FallbackSpec[] = [
  // A Gemini `GenerativeModel` passed into a helper (`def get_gemini_response(generative_multimodal_model, …)`).
  ...['generate_content', 'generate_content_async'].map((path) => ({ lang: 'python' as const, path, type: 'gemini-model', fileToken: /vertexai|google\.generativeai|GenerativeModel/, requireKw: [], receiver: /(^|_)model$/i })),
  // A LangChain embeddings object handed in (`self.langchain_model = config.model`, `embeddings: Embeddings`), in a
  // file that imports LangChain: a comment naming it (`langchain's historical format`) leaves a project's own wrapper.
  ...['embed_query', 'embed_documents', 'aembed_query', 'aembed_documents'].map((path) => ({ lang: 'python' as const, path, type: 'lc-embed', fileToken: /^[ \t]*(?:from|import)[ \t]+langchain/m, requireKw: [], receiver: /^(?:\w+_)?(?:embeddings?|embedder|embedding_model|langchain_model)$/i })),
];
