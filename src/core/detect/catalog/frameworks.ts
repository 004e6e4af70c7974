/**
 * The catalogue's framework half (issue 25), data like sdks.ts and merged into its tables: agent frameworks whose own
 * call runs a model (crewAI, autogen, smolagents, the Claude Agent SDK, agno, PydanticAI, browser-use, DSPy, CAMEL),
 * LangChain's agents, legacy chains, prompts and vector stores, LlamaIndex's agents, engines, index building and the
 * embeddings and multimodal LLMs they take, and the models that run in-process (which make a framework object over them
 * no site). Sources: each framework's docs and API reference (crewAI LLM/Agent/Crew, autogen-agentchat and autogen-ext,
 * smolagents models and agents, claude-agent-sdk, agno, pydantic-ai, browser-use, DSPy (dspy.ai: LM, modules,
 * Embedder), CAMEL (docs.camel-ai.org: ChatAgent, ModelFactory, RolePlaying, Workforce), LangChain and LangGraph,
 * LlamaIndex), checked 2026-12.
 */
import type { Provider } from '../../types';
import type { ArgRef, FallbackSpec, Member, ModuleSpec, NewSpec, SiteSpec, TypeSpec } from './types';
import { kw, kwPos, make, same, site } from './builders';

const simple = (lang: 'python' | 'js', name: string, members: Record<string, Member>, extra: Partial<ModuleSpec> = {}): ModuleSpec => ({ lang, name, members, ...extra });
const lcEmbed = (provider: Provider, model: ArgRef): Member => make('lc-embed', { provider, model });
const liLlm = (provider: Provider, model: ArgRef = kwPos(0, 'model')): Member => make('li-llm', { provider, model, baseUrl: kw('api_base', 'base_url') });

/** Framework instance types. */
export const FRAMEWORK_TYPES: readonly TypeSpec[] = [
  // A LangChain prompt template: `prompt.invoke(…)` formats text, `prompt | llm` is a chain over the model.
  { id: 'lc-prompt', provider: 'other', via: 'langchain', members: {}, pipeable: true, promptLike: true },
  {
    // A LangChain vector store or its retriever: searching and adding documents embed them with the store's embeddings.
    id: 'lc-vectorstore', provider: 'other', via: 'langchain',
    members: (() => {
      const q = (extra: Partial<SiteSpec> = {}): Member => site('embeddings', undefined, { input: kwPos(0, 'query', 'input') }, extra);
      const out: Record<string, Member> = {};
      for (const n of ['similarity_search', 'similarity_search_with_score', 'similarity_search_with_relevance_scores', 'max_marginal_relevance_search', 'asimilarity_search', 'amax_marginal_relevance_search', 'similaritySearch', 'similaritySearchWithScore', 'maxMarginalRelevanceSearch', 'invoke', 'ainvoke', 'get_relevant_documents', 'aget_relevant_documents', 'getRelevantDocuments']) out[n] = q();
      for (const n of ['add_documents', 'add_texts', 'aadd_documents', 'aadd_texts', 'addDocuments']) out[n] = q({ fanOut: false });
      out.as_retriever = same;
      out.asRetriever = same;
      return out;
    })(),
  },
  {
    // LangChain's SemanticChunker (langchain_experimental.text_splitter): splitting text embeds every sentence with its
    // embeddings (python.langchain.com/docs/how_to/semantic-chunker).
    id: 'lc-chunker', provider: 'other', via: 'langchain',
    members: Object.fromEntries(['create_documents', 'split_documents', 'split_text', 'transform_documents', 'atransform_documents'].map((n) => [n, site('embeddings', undefined, { input: kwPos(0, 'texts', 'documents', 'text') })])),
  },
  {
    // agno's knowledge base (`Knowledge(vector_db=LanceDb(embedder=OpenAIEmbedder(id=…)))`): adding content (`insert`,
    // `ainsert`, `insert_many`; `add_content` before agno 2.3) embeds it
    // with the vector database's embedder (docs.agno.com/concepts/knowledge; agno's default embedder when none is given).
    id: 'agno-knowledge', provider: 'other', via: 'framework',
    members: Object.fromEntries(['insert', 'ainsert', 'insert_many', 'ainsert_many', 'add_content', 'add_content_async', 'add_contents', 'add_contents_async'].map((n) => [n, site('embeddings', undefined, { input: kw('text_content', 'url', 'path') })])),
  },
  // An agno vector database: it holds its embedder (the model a knowledge base over it embeds with).
  { id: 'agno-vectordb', provider: 'other', via: 'framework', members: {} },
  // ---- Agent frameworks (via `framework`): the call that runs the framework's model is the site ----
  {
    // crewAI: `LLM(model=…).call/acall`, the native `OpenAICompletion(…)` & co., `Agent(llm=…).kickoff`, `Crew(agents=[…]).kickoff`.
    id: 'crewai', provider: 'other', via: 'framework',
    members: {
      call: site('chat', undefined, { messages: kwPos(0, 'messages') }), acall: site('chat', undefined, { messages: kwPos(0, 'messages') }),
      kickoff: site('chat', undefined, { user: kwPos(0, 'inputs', 'messages') }), kickoff_async: site('chat', undefined, { user: kwPos(0, 'inputs', 'messages') }),
      akickoff: site('chat', undefined, { user: kwPos(0, 'inputs', 'messages') }),
      kickoff_for_each: site('chat', undefined, {}, { fanOut: true }), kickoff_for_each_async: site('chat', undefined, {}, { fanOut: true }),
      test: site('chat', undefined, {}), train: site('chat', undefined, {}), replay: site('chat', undefined, {}),
      // A task run on its own (`task.execute()` before crewAI 0.30, `execute_sync` / `execute_async` since) and an agent
      // running one (`agent.execute_task(task)`): the task's agent's model, or the agent the call names (`agent=`).
      execute: site('chat', undefined, {}, { modelObject: kw('agent') }), execute_sync: site('chat', undefined, {}, { modelObject: kw('agent') }),
      execute_async: site('chat', undefined, {}, { modelObject: kw('agent') }),
      execute_task: site('chat', undefined, { user: kwPos(0, 'task') }),
    },
  },
  {
    // autogen-ext model clients: `OpenAIChatCompletionClient(model=…).create/create_stream`.
    id: 'autogen-client', provider: 'other', via: 'framework',
    members: { create: site('chat', undefined, { messages: kwPos(0, 'messages') }), create_stream: site('chat', undefined, { messages: kwPos(0, 'messages') }, { stream: true }) },
  },
  {
    // autogen-agentchat agents and teams over a model client: `run`, `run_stream`, `on_messages(_stream)`.
    id: 'autogen-agent', provider: 'other', via: 'framework',
    members: {
      run: site('chat', undefined, { user: kw('task') }), run_stream: site('chat', undefined, { user: kw('task') }, { stream: true }),
      on_messages: site('chat', undefined, { messages: kwPos(0, 'messages') }), on_messages_stream: site('chat', undefined, { messages: kwPos(0, 'messages') }, { stream: true }),
    },
  },
  {
    // smolagents API models: `model(messages)`, `model.generate(…)`, `model.generate_stream(…)`.
    id: 'smolagents-model', provider: 'other', via: 'framework',
    callable: { api: 'chat', prompt: { messages: kwPos(0, 'messages') } },
    members: { generate: site('chat', undefined, { messages: kwPos(0, 'messages') }), generate_stream: site('chat', undefined, { messages: kwPos(0, 'messages') }, { stream: true }) },
  },
  // A model that runs in-process (smolagents `TransformersModel`, LlamaIndex `HuggingFaceEmbedding`): no request.
  { id: 'local-model', provider: 'other', via: 'framework', local: true, members: {} },
  {
    // smolagents agents over a model: `CodeAgent(tools=[…], model=model).run(task)`.
    id: 'smolagents-agent', provider: 'other', via: 'framework',
    members: { run: site('chat', undefined, { user: kwPos(0, 'task') }) },
  },
  {
    // Claude Agent SDK (formerly Claude Code SDK): `ClaudeSDKClient(options=ClaudeCodeOptions(model=…)).query(…)`.
    id: 'claude-agent', provider: 'anthropic', via: 'framework',
    members: { query: site('messages', undefined, { user: kwPos(0, 'prompt') }) },
  },
  // agno's embedders (`OllamaEmbedder(id=…)`): what its vector databases embed with, and called directly.
  {
    id: 'agno-embedder', provider: 'other', via: 'framework',
    members: Object.fromEntries(['get_embedding', 'get_embedding_and_usage', 'async_get_embedding', 'async_get_embedding_and_usage'].map((m) => [m, site('embeddings', undefined, { input: kwPos(0, 'text') })])),
  },
  // PydanticAI's `Embedder("openai:text-embedding-3-small")` (ai.pydantic.dev/embeddings, checked 2026-12-07).
  {
    id: 'pai-embedder', provider: 'other', via: 'framework',
    members: {
      embed_query: site('embeddings', undefined, { input: kwPos(0, 'query') }),
      embed_documents: site('embeddings', undefined, { input: kwPos(0, 'documents') }),
      embed: site('embeddings', undefined, { input: kwPos(0, 'documents') }),
    },
  },
  // Model holders that frameworks take (`ClaudeCodeOptions(model=…)`, agno `OpenAIChat(id=…)`, PydanticAI `MistralModel(…)`).
  { id: 'fw-model', provider: 'other', via: 'framework', members: {} },
  // browser-use's own chat models (`ChatOpenAI(model=…)`, `ChatGoogle('gemini-…')`): what its Agent runs, and called
  // directly with `await llm.ainvoke(messages)` (browser_use/llm/base.py BaseChatModel).
  { id: 'bu-chat', provider: 'other', via: 'framework', members: { ainvoke: site('chat', undefined, { messages: kwPos(0, 'messages') }) } },
  {
    // agno, PydanticAI and browser-use agents over a model: `Agent(model=…).run/arun/print_response`, `run_sync`.
    id: 'fw-agent', provider: 'other', via: 'framework',
    members: {
      run: site('chat', undefined, { user: kwPos(0, 'message', 'user_prompt', 'task') }), arun: site('chat', undefined, { user: kwPos(0, 'message') }),
      print_response: site('chat', undefined, { user: kwPos(0, 'message') }), aprint_response: site('chat', undefined, { user: kwPos(0, 'message') }),
      run_sync: site('chat', undefined, { user: kwPos(0, 'user_prompt') }), run_stream: site('chat', undefined, { user: kwPos(0, 'user_prompt') }, { stream: true }),
      // PydanticAI: `async with agent.iter(q) as run`, `agent.run_stream_events(q)`, `agent.run_stream_sync(q)` run it too.
      iter: site('chat', undefined, { user: kwPos(0, 'user_prompt') }), run_stream_events: site('chat', undefined, { user: kwPos(0, 'user_prompt') }, { stream: true }),
      run_stream_sync: site('chat', undefined, { user: kwPos(0, 'user_prompt') }, { stream: true }),
      // agno: a run paused for a confirmation or user input sends the model a new request when resumed.
      continue_run: site('chat', undefined, {}), acontinue_run: site('chat', undefined, {}),
      // agno's terminal chat (`agent.cli_app(…)`, `acli_app`): each line typed is a run.
      cli_app: site('chat', undefined, { user: kw('input', 'message') }), acli_app: site('chat', undefined, { user: kw('input', 'message') }),
    },
  },
  {
    // DSPy: an LM called directly (`lm("…")`, `lm(messages=[…])`, `lm.forward(…)`), named by a LiteLLM model id.
    id: 'dspy-lm', provider: 'other', via: 'framework',
    callable: { api: 'chat', prompt: { user: kwPos(0, 'prompt'), messages: kw('messages') } },
    members: {
      forward: site('chat', undefined, { user: kwPos(0, 'prompt'), messages: kw('messages') }), aforward: site('chat', undefined, { user: kwPos(0, 'prompt'), messages: kw('messages') }),
      acall: site('chat', undefined, { user: kwPos(0, 'prompt'), messages: kw('messages') }),
    },
  },
  {
    // DSPy predictors and modules (`dspy.Predict(sig)(question=…)`, ChainOfThought, ReAct …): each call runs the LM the
    // file configures (`dspy.configure(lm=…)`; none: unknown), or, inside `with dspy.context(lm=…):`, that one; `batch`
    // runs one per example.
    id: 'dspy-predict', provider: 'other', via: 'framework',
    globalModel: { calls: ['dspy.configure', 'dspy.settings.configure'], key: 'lm', scoped: ['dspy.context', 'dspy.settings.context'] },
    callable: { api: 'chat', prompt: {} },
    members: {
      acall: site('chat', undefined, {}), forward: site('chat', undefined, {}), aforward: site('chat', undefined, {}),
      batch: site('chat', undefined, {}, { fanOut: true }),
    },
  },
  // A DSPy optimizer: compiling a program returns it, tuned (its calls still run the configured LM).
  { id: 'dspy-optimizer', provider: 'other', via: 'framework', members: { compile: make('none', { inheritFrom: kwPos(0, 'student') }) } },
  {
    // DSPy's embedder over a hosted model: `dspy.Embedder("openai/text-embedding-3-small")(texts)`.
    id: 'dspy-embedder', provider: 'other', via: 'framework',
    callable: { api: 'embeddings', prompt: { input: kwPos(0, 'inputs') } },
    members: { acall: site('embeddings', undefined, { input: kwPos(0, 'inputs') }) },
  },
  {
    // DSPy's embeddings retriever: built over a corpus (embedded then, `dspy.retrievers.Embeddings(embedder=…, corpus=…)`),
    // called with a query (embedded too).
    id: 'dspy-retriever', provider: 'other', via: 'framework',
    callable: { api: 'embeddings', prompt: { input: kwPos(0, 'query') } },
    members: { forward: site('embeddings', undefined, { input: kwPos(0, 'query') }) },
  },
  {
    // CAMEL model backends (`ModelFactory.create(model_platform=…, model_type=…)`): `run(messages)` is a request.
    id: 'camel-model', provider: 'other', via: 'framework',
    members: { run: site('chat', undefined, { messages: kwPos(0, 'messages') }), arun: site('chat', undefined, { messages: kwPos(0, 'messages') }) },
  },
  {
    // CAMEL agents and societies over a model backend: `ChatAgent(sys_msg, model=…).step(msg)`, `RolePlaying(…).step(msg)`,
    // `Workforce(…).process_task(task)`; with no model given, CAMEL's default one (model unknown).
    id: 'camel-agent', provider: 'other', via: 'framework',
    members: {
      step: site('chat', undefined, { user: kwPos(0, 'input_message', 'assistant_msg') }), astep: site('chat', undefined, { user: kwPos(0, 'input_message', 'assistant_msg') }),
      process_task: site('chat', undefined, {}), process_task_async: site('chat', undefined, {}),
      // The agents camel.agents builds on ChatAgent (RoleAssignmentAgent, TaskSpecifyAgent, KnowledgeGraphAgent …) run
      // their model in `run(…)`; `summarize()` asks the model for a summary of the conversation.
      run: site('chat', undefined, { user: kwPos(0, 'task_prompt', 'element') }), summarize: site('chat', undefined, {}),
    },
  },
  {
    // CAMEL embeddings: `OpenAIEmbedding(model_type=…).embed_list(texts)` is one embeddings request.
    id: 'camel-embed', provider: 'other', via: 'framework',
    members: { embed_list: site('embeddings', undefined, { input: kwPos(0, 'objs') }), embed: site('embeddings', undefined, { input: kwPos(0, 'obj') }) },
  },
  {
    // CAMEL's OpenAI audio models: text to speech and speech to text (camel/models/openai_audio_models.py).
    id: 'camel-audio', provider: 'other', via: 'framework',
    members: { text_to_speech: site('audio', undefined, { input: kw('input') }), speech_to_text: site('audio', undefined, {}) },
  },
  {
    // LlamaIndex agents and workflows over an LLM (`FunctionAgent(llm=…)`, `AgentWorkflow.from_tools_or_functions(…, llm=…)`,
    // `ReActAgent.from_tools(…)`); with none given, the file's `Settings.llm`.
    id: 'li-agent', provider: 'other', via: 'llamaindex', globalModel: 'Settings.llm',
    members: {
      run: site('chat', undefined, { user: kw('user_msg') }), chat: site('chat', undefined, { user: kwPos(0, 'message') }),
      achat: site('chat', undefined, { user: kwPos(0, 'message') }), stream_chat: site('chat', undefined, { user: kwPos(0, 'message') }, { stream: true }),
      astream_chat: site('chat', undefined, { user: kwPos(0, 'message') }, { stream: true }),
      query: site('chat', undefined, { user: kwPos(0, 'str_or_query_bundle') }), aquery: site('chat', undefined, { user: kwPos(0, 'str_or_query_bundle') }),
    },
  },
  {
    // LlamaIndex query and chat engines (`index.as_query_engine()`, `RouterQueryEngine(…)`, `SubQuestionQueryEngine.from_defaults(…)`):
    // found by the fallback below (they are built in too many ways to follow); the model is the file's `Settings.llm`.
    id: 'li-engine', provider: 'other', via: 'llamaindex', globalModel: 'Settings.llm',
    members: {
      query: site('chat', undefined, { user: kwPos(0, 'str_or_query_bundle') }), aquery: site('chat', undefined, { user: kwPos(0, 'str_or_query_bundle') }),
      chat: site('chat', undefined, { user: kwPos(0, 'message') }), achat: site('chat', undefined, { user: kwPos(0, 'message') }),
      stream_chat: site('chat', undefined, { user: kwPos(0, 'message') }, { stream: true }), astream_chat: site('chat', undefined, { user: kwPos(0, 'message') }, { stream: true }),
    },
  },
  {
    // `VectorStoreIndex.from_documents(docs)` embeds every node with the file's `Settings.embed_model`.
    id: 'li-index-class', provider: 'other', via: 'llamaindex', globalModel: 'Settings.embed_model',
    // `VectorStoreIndex(nodes)` embeds the nodes too (with `embed_model=` when given: a local one sends nothing).
    callable: { api: 'embeddings', prompt: { input: kwPos(0, 'nodes') }, modelObject: kw('embed_model') },
    // LlamaIndex.TS: `VectorStoreIndex.fromDocuments(documents)`.
    members: { from_documents: site('embeddings', undefined, { input: kwPos(0, 'documents') }, { modelObject: kw('embed_model') }), fromDocuments: site('embeddings', undefined, { input: { pos: 0 } }) },
  },
  {
    // A LlamaIndex retriever (`index.as_retriever()`, found by name like the engines): `retrieve` embeds the query with
    // the file's `Settings.embed_model`.
    id: 'li-retriever', provider: 'other', via: 'llamaindex', globalModel: 'Settings.embed_model',
    members: { retrieve: site('embeddings', undefined, { input: kwPos(0, 'str_or_query_bundle') }), aretrieve: site('embeddings', undefined, { input: kwPos(0, 'str_or_query_bundle') }) },
  },
];

/** A framework object that runs the model it is given (agents, teams, crews, engines); see `NewSpec.modelFrom`. */
const runs = (type: string, modelFrom: ArgRef[], extra: Partial<NewSpec> = {}): Member => make(type, { modelFrom, ...extra });
/** crewAI: `LLM(model="anthropic/claude-…")` names its provider by the model prefix or family. */
const CREW_LLM: Member = make('crewai', { model: kwPos(0, 'model'), providerFromModel: kw('provider') });
const CREW_AGENT: Member = make('crewai', { modelFrom: [kw('llm')], model: kw('llm'), providerFromModel: kw('provider') });
const CREW_CREW: Member = make('crewai', { modelFrom: [kw('agents'), kw('manager_llm')] });
const crewNative = (provider: Provider): Member => make('crewai', { model: kwPos(0, 'model'), provider });
/** autogen-ext model clients; the OpenAI one follows its model id (`model="gemini-1.5-flash"` goes to Google) and its base_url. */
const AUTOGEN_OPENAI: Member = make('autogen-client', { model: kw('model'), baseUrl: kw('base_url'), providerFromModel: kw('model_provider') });
const autogenClient = (provider: Provider, model: ArgRef = kw('model')): Member => make('autogen-client', { model, provider });
const autogenAgent = (modelFrom: ArgRef[]): Member => runs('autogen-agent', modelFrom);
const smolModel = (provider: Provider): Member => make('smolagents-model', { model: kwPos(0, 'model_id'), provider, baseUrl: kw('api_base', 'base_url') });
const SMOL_LITELLM: Member = make('smolagents-model', { model: kwPos(0, 'model_id'), providerFromModel: kw('custom_llm_provider') });
const SMOL_LOCAL: Member = make('local-model');
const smolAgent = runs('smolagents-agent', [kw('model')]);
/** smolagents: API models and the agents over them; in-process models send no request. */
const SMOLAGENTS: Record<string, Member> = {
    InferenceClientModel: smolModel('huggingface'), HfApiModel: smolModel('huggingface'), LiteLLMModel: SMOL_LITELLM, LiteLLMRouterModel: SMOL_LITELLM,
    OpenAIServerModel: smolModel('openai'), OpenAIModel: smolModel('openai'), AzureOpenAIServerModel: smolModel('azure-openai'), AzureOpenAIModel: smolModel('azure-openai'),
    AmazonBedrockServerModel: smolModel('bedrock'), AmazonBedrockModel: smolModel('bedrock'),
    TransformersModel: SMOL_LOCAL, MLXModel: SMOL_LOCAL, VLLMModel: SMOL_LOCAL,
    // The base class, as the type of an injected model (`model: Model`): provider and model unknown.
    Model: make('smolagents-model'), ApiModel: make('smolagents-model'),
    CodeAgent: smolAgent, ToolCallingAgent: smolAgent, MultiStepAgent: smolAgent,
  };
const liAgent = (modelFrom: ArgRef[] = [kw('llm')]): Member => runs('li-agent', modelFrom);
const fwModel = (provider: Provider, model: ArgRef): Member => make('fw-model', { model, provider });
/** PydanticAI's model classes by module, beyond OpenAI, Anthropic, Gemini, Groq and Mistral (listed below). */
const PYDANTIC_AI_MODELS: Readonly<Record<string, readonly [string, Provider]>> = {
  bedrock: ['BedrockConverseModel', 'bedrock'], cohere: ['CohereModel', 'cohere'], huggingface: ['HuggingFaceModel', 'huggingface'],
  openrouter: ['OpenRouterModel', 'openrouter'], xai: ['XaiModel', 'xai'], cerebras: ['CerebrasModel', 'other'], ollama: ['OllamaModel', 'ollama'],
};
/** agno's vector databases by module (agno/vectordb/<name>, checked 2026-12-07): each holds an `embedder`. */
const AGNO_VECTOR_DBS: Readonly<Record<string, string>> = {
  lancedb: 'LanceDb', qdrant: 'Qdrant', pgvector: 'PgVector', chroma: 'ChromaDb', mongodb: 'MongoDb', pineconedb: 'PineconeDb',
  weaviate: 'Weaviate', milvus: 'Milvus', cassandra: 'Cassandra', clickhouse: 'Clickhouse', singlestore: 'SingleStore', surrealdb: 'SurrealDb',
};
/** agno's embedders by module (agno/knowledge/embedder/<name>): the provider each sends to, or `local` (in-process). */
const AGNO_EMBEDDERS: Readonly<Record<string, readonly [string, Provider | 'local']>> = {
  openai: ['OpenAIEmbedder', 'openai'], azure_openai: ['AzureOpenAIEmbedder', 'azure-openai'], ollama: ['OllamaEmbedder', 'ollama'],
  google: ['GeminiEmbedder', 'google'], cohere: ['CohereEmbedder', 'cohere'], mistral: ['MistralEmbedder', 'mistral'], voyageai: ['VoyageAIEmbedder', 'other'],
  jina: ['JinaEmbedder', 'other'], together: ['TogetherEmbedder', 'together'], fireworks: ['FireworksEmbedder', 'fireworks'],
  sentence_transformer: ['SentenceTransformerEmbedder', 'local'], fastembed: ['FastEmbedEmbedder', 'local'], huggingface: ['HuggingfaceCustomEmbedder', 'other'],
};
/** agno's model classes by module (libs/agno/agno/models/<name>/__init__.py, checked 2026-12-07), each `Cls(id="…")`. */
const AGNO_MODELS: Readonly<Record<string, Readonly<Record<string, Provider>>>> = {
  deepseek: { DeepSeek: 'deepseek' }, aws: { AwsBedrock: 'bedrock', Claude: 'bedrock' }, azure: { AzureOpenAI: 'azure-openai', AzureAIFoundry: 'other' },
  xai: { xAI: 'xai' }, together: { Together: 'together' }, fireworks: { Fireworks: 'fireworks' }, openrouter: { OpenRouter: 'openrouter', OpenRouterResponses: 'openrouter' },
  huggingface: { HuggingFace: 'huggingface' }, cohere: { Cohere: 'cohere' }, cerebras: { Cerebras: 'other', CerebrasOpenAI: 'other' },
  perplexity: { Perplexity: 'other' }, nvidia: { Nvidia: 'other' }, litellm: { LiteLLM: 'other', LiteLLMOpenAI: 'other' },
  'openai.like': { OpenAILike: 'other' },
};
/** browser-use's chat model classes (browser_use/llm/__init__.py, checked 2026-12-07) and the provider each sends to. */
const BROWSER_USE_PROVIDERS: Readonly<Record<string, Provider>> = {
  ChatOpenAI: 'openai', ChatAzureOpenAI: 'azure-openai', ChatAnthropic: 'anthropic', ChatAnthropicBedrock: 'bedrock', ChatAWSBedrock: 'bedrock',
  ChatGoogle: 'google', ChatGroq: 'groq', ChatMistral: 'mistral', ChatDeepSeek: 'deepseek', ChatOllama: 'ollama', ChatOpenRouter: 'openrouter',
  ChatCerebras: 'other', ChatVercel: 'other', ChatBrowserUse: 'other', ChatOCIRaw: 'other',
};
const BROWSER_USE_CHAT: Readonly<Record<string, Member>> = {
  ...Object.fromEntries(Object.entries(BROWSER_USE_PROVIDERS).map(([name, provider]) => [name, make('bu-chat', { provider, model: kwPos(0, 'model'), ...(name === 'ChatOpenAI' ? { baseUrl: kw('base_url') } : {}) })])),
  // `ChatLiteLLM(model="anthropic/claude-…")`: the provider is the model's prefix.
  ChatLiteLLM: make('bu-chat', { model: kwPos(0, 'model'), providerFromModel: kwPos(0, 'model') }),
};
const BROWSER_USE_CHAT_MODULES: Readonly<Record<string, string>> = {
  ChatOpenAI: 'openai.chat', ChatAzureOpenAI: 'azure.chat', ChatAnthropic: 'anthropic.chat', ChatAnthropicBedrock: 'aws.chat_anthropic', ChatAWSBedrock: 'aws.chat_bedrock',
  ChatGoogle: 'google.chat', ChatGroq: 'groq.chat', ChatMistral: 'mistral.chat', ChatDeepSeek: 'deepseek.chat', ChatOllama: 'ollama.chat', ChatOpenRouter: 'openrouter.chat',
  ChatCerebras: 'cerebras.chat', ChatVercel: 'vercel.chat', ChatBrowserUse: 'browser_use.chat', ChatOCIRaw: 'oci_raw.chat', ChatLiteLLM: 'litellm.chat',
};
const CLAUDE_AGENT_SDK: Record<string, Member> = {
  ClaudeSDKClient: runs('claude-agent', [kw('options')]),
  ClaudeCodeOptions: fwModel('anthropic', kw('model')), ClaudeAgentOptions: fwModel('anthropic', kw('model')),
  query: site('messages', undefined, { user: kw('prompt') }, { provider: 'anthropic', via: 'framework' }),
};
/** camel.agents (camel/agents/__init__.py, checked 2026-12-07): ChatAgent and the agents built on it. */
const CAMEL_AGENTS = ['ChatAgent', 'CriticAgent', 'KnowledgeGraphAgent', 'MCPAgent', 'RepoAgent', 'RoleAssignmentAgent', 'SearchAgent', 'TaskCreationAgent', 'TaskPlannerAgent', 'TaskPrioritizationAgent', 'TaskSpecifyAgent'];
/** camel.embeddings classes and the provider each sends to (in-process ones: `local`). */
const CAMEL_EMBEDDINGS: Readonly<Record<string, Provider | 'local'>> = {
  OpenAIEmbedding: 'openai', AzureEmbedding: 'azure-openai', GeminiEmbedding: 'google', MistralEmbedding: 'mistral', TogetherEmbedding: 'together',
  JinaEmbedding: 'other', OpenAICompatibleEmbedding: 'other', SentenceTransformerEncoder: 'local', VisionLanguageEmbedding: 'local',
};
/** DSPy: an LM named by a LiteLLM id (`openai/gpt-4o-mini`), the predictors that run the configured LM, the embedder. */
// No argument holds the model (`modelFrom` empty): the one the file configures applies (TypeSpec.globalModel).
const DSPY_PREDICT: Member = make('dspy-predict', { modelFrom: [] });
const DSPY_OPTIMIZERS = ['BootstrapFewShot', 'BootstrapFewShotWithRandomSearch', 'BootstrapRS', 'MIPROv2', 'MIPRO', 'COPRO', 'SIMBA', 'GEPA', 'LabeledFewShot', 'KNNFewShot', 'BootstrapFinetune', 'BetterTogether', 'InferRules', 'Ensemble'];
const DSPY: Record<string, Member> = {
  LM: make('dspy-lm', { model: kwPos(0, 'model'), providerFromModel: kw('custom_llm_provider') }),
  // DSPy < 2.5's client classes (`dspy.OpenAI(model=…)`), still in notebooks and cookbooks.
  OpenAI: make('dspy-lm', { model: kw('model'), provider: 'openai' }), AzureOpenAI: make('dspy-lm', { model: kw('model'), provider: 'azure-openai' }),
  Claude: make('dspy-lm', { model: kw('model'), provider: 'anthropic' }), Google: make('dspy-lm', { model: kw('model'), provider: 'google' }),
  GROQ: make('dspy-lm', { model: kw('model'), provider: 'groq' }), OllamaLocal: make('dspy-lm', { model: kwPos(0, 'model'), provider: 'ollama' }),
  Cohere: make('dspy-lm', { model: kw('model'), provider: 'cohere' }), Together: make('dspy-lm', { model: kw('model'), provider: 'together' }), Mistral: make('dspy-lm', { model: kw('model'), provider: 'mistral' }),
  Embedder: make('dspy-embedder', { model: kwPos(0, 'model'), providerFromModel: kw('custom_llm_provider') }),
  'retrievers.Embeddings': site('embeddings', undefined, { input: kw('corpus') }, { modelObject: kw('embedder'), returns: 'dspy-retriever', via: 'framework' }),
  ...Object.fromEntries(['Predict', 'ChainOfThought', 'ReAct', 'ProgramOfThought', 'MultiChainComparison', 'Refine', 'BestOfN', 'CodeAct', 'RLM', 'TypedPredictor', 'TypedChainOfThought', 'ChainOfThoughtWithHint'].map((n) => [n, DSPY_PREDICT])),
  // Optimizers (dspy.ai/learn/optimization/optimizers): `tp.compile(program, trainset=…)` returns the program, tuned.
  ...Object.fromEntries(DSPY_OPTIMIZERS.flatMap((n) => [[n, make('dspy-optimizer')], [`teleprompt.${n}`, make('dspy-optimizer')]])),
};
const LC_AGENT = (modelFrom: ArgRef[], extra: Partial<NewSpec> = {}): Member => runs('lc-chat', modelFrom, extra);

const LC_PROMPTS: Record<string, Member> = Object.fromEntries(
  ['ChatPromptTemplate', 'PromptTemplate', 'ChatMessagePromptTemplate', 'FewShotPromptTemplate', 'FewShotChatMessagePromptTemplate'].flatMap((c) => [
    [c, make('lc-prompt')], [`${c}.from_messages`, make('lc-prompt')], [`${c}.from_template`, make('lc-prompt')],
    [`${c}.fromMessages`, make('lc-prompt')], [`${c}.fromTemplate`, make('lc-prompt')],
  ]),
);
const LC_PY_AGENTS: Record<string, Member> = {
  AgentExecutor: LC_AGENT([kw('agent')]), 'AgentExecutor.from_agent_and_tools': LC_AGENT([kw('agent')]),
  create_openai_tools_agent: LC_AGENT([kwPos(0, 'llm')]), create_tool_calling_agent: LC_AGENT([kwPos(0, 'llm')]),
  create_openai_functions_agent: LC_AGENT([kwPos(0, 'llm')]), create_react_agent: LC_AGENT([kwPos(0, 'llm')]),
  create_structured_chat_agent: LC_AGENT([kwPos(0, 'llm')]), create_json_chat_agent: LC_AGENT([kwPos(0, 'llm')]),
  create_xml_agent: LC_AGENT([kwPos(0, 'llm')]), initialize_agent: LC_AGENT([kwPos(1, 'llm')]),
  create_agent: LC_AGENT([kwPos(0, 'model')], { model: kwPos(0, 'model'), providerFromModel: kw('model_provider') }),
};
const LC_CHAINS: Record<string, Member> = {
  LLMChain: make('lc-chat', { inheritFrom: kw('llm') }), ConversationChain: make('lc-chat', { inheritFrom: kw('llm') }),
  SimpleSequentialChain: LC_AGENT([kw('chains')]), SequentialChain: LC_AGENT([kw('chains')]),
  // `from_chain_type(llm, chain_type="stuff", …)` and `from_llm(llm, …)` take the model first (langchain/chains/retrieval_qa/base.py).
  'RetrievalQA.from_chain_type': LC_AGENT([kwPos(0, 'llm')]), 'RetrievalQA.from_llm': LC_AGENT([kwPos(0, 'llm')]),
  'ConversationalRetrievalChain.from_llm': LC_AGENT([kwPos(0, 'llm')]), 'RetrievalQAWithSourcesChain.from_chain_type': LC_AGENT([kwPos(0, 'llm')]),
  create_retrieval_chain: LC_AGENT([kwPos(1, 'combine_docs_chain')]), create_history_aware_retriever: LC_AGENT([kwPos(0, 'llm')]),
  load_summarize_chain: LC_AGENT([kwPos(0, 'llm')]), load_qa_chain: LC_AGENT([kwPos(0, 'llm')]),
  // Document chains over an LLMChain (`StuffDocumentsChain(llm_chain=LLMChain(llm=…))`).
  StuffDocumentsChain: LC_AGENT([kw('llm_chain')]), MapReduceDocumentsChain: LC_AGENT([kw('llm_chain')]), RefineDocumentsChain: LC_AGENT([kw('initial_llm_chain')]),
};

/** LangChain vector stores: built with embeddings (`Chroma(embedding_function=…)`) or from documents (a request). */
const lcStore = (embedding: ArgRef): Member => runs('lc-vectorstore', [embedding]);
const lcStoreFrom = (embedding: ArgRef): Member => site('embeddings', undefined, { input: kwPos(0, 'documents', 'texts') }, { modelObject: embedding, returns: 'lc-vectorstore', via: 'langchain' });
export function lcStores(names: readonly string[], js = false): Record<string, Member> {
  const out: Record<string, Member> = {};
  for (const n of names) {
    if (js) {
      // JS: `new Store(embeddings, …)`, `Store.fromDocuments(docs, embeddings)`, `Store.fromTexts(texts, metadatas,
      // embeddings)`, `Store.fromExistingIndex(embeddings, …)`.
      out[n] = lcStore({ pos: 0 });
      out[`${n}.fromDocuments`] = lcStoreFrom({ pos: 1 });
      out[`${n}.fromTexts`] = lcStoreFrom({ pos: 2 });
      out[`${n}.fromExistingIndex`] = lcStore({ pos: 0 });
      continue;
    }
    out[n] = lcStore(kw('embedding_function', 'embedding', 'embeddings'));
    for (const m of ['from_documents', 'from_texts', 'afrom_documents', 'afrom_texts']) out[`${n}.${m}`] = lcStoreFrom(kwPos(1, 'embedding', 'embeddings'));
  }
  return out;
}
const LC_PY_STORES = ['Chroma', 'FAISS', 'PGVector', 'Pinecone', 'PineconeVectorStore', 'Qdrant', 'QdrantVectorStore', 'Weaviate', 'MongoDBAtlasVectorSearch', 'SupabaseVectorStore', 'ElasticsearchStore', 'LanceDB', 'Milvus', 'OpenSearchVectorSearch', 'DocArrayInMemorySearch', 'InMemoryVectorStore', 'SKLearnVectorStore', 'Neo4jVector', 'AzureSearch', 'AzureCosmosDBNoSqlVectorSearch', 'Redis', 'Cassandra', 'AstraDBVectorStore'];

const LC_JS_AGENTS: Record<string, Member> = {
  AgentExecutor: LC_AGENT([kw('agent')]), createToolCallingAgent: LC_AGENT([kw('llm')]), createOpenAIToolsAgent: LC_AGENT([kw('llm')]),
  createOpenAIFunctionsAgent: LC_AGENT([kw('llm')]), createReactAgent: LC_AGENT([kw('llm')]), createStructuredChatAgent: LC_AGENT([kw('llm')]),
};
/** LangChain's base types, as the type of an injected model or embeddings (provider unknown). */
const LC_PY_BASES: Record<string, Member> = { BaseChatModel: make('lc-chat'), BaseLanguageModel: make('lc-chat'), BaseLLM: make('lc-llm') };

/** A runnable wrapped with a chat history (`RunnableWithMessageHistory(prompt | llm, get_history)`): it runs the runnable. */
const LC_HISTORY: Record<string, Member> = { RunnableWithMessageHistory: LC_AGENT([kwPos(0, 'runnable')]) };

/** Framework modules, by language. */
export const FRAMEWORK_MODULES: readonly ModuleSpec[] = [
  simple('python', 'langchain_core.runnables.history', LC_HISTORY),
  simple('python', 'langchain_core.runnables', LC_HISTORY),
  simple('python', 'langchain.schema.runnable.history', LC_HISTORY),
  simple('js', '@langchain/core/runnables', LC_HISTORY),
  simple('python', 'langchain_experimental.text_splitter', { SemanticChunker: runs('lc-chunker', [kwPos(0, 'embeddings')]) }),
  simple('js', 'langchain/experimental/text_splitter', { SemanticChunker: runs('lc-chunker', [kwPos(0, 'embeddings')]) }),
  // Legacy chains (LangChain < 1.0, and `langchain_classic` since): each runs the model it is built over.
  ...['langchain', 'langchain_classic'].flatMap((root) => [
    simple('python', `${root}.chains`, LC_CHAINS),
    simple('python', `${root}.chains.llm`, { LLMChain: LC_CHAINS.LLMChain as Member }),
    simple('python', `${root}.chains.summarize`, { load_summarize_chain: LC_AGENT([kwPos(0, 'llm')]) }),
    simple('python', `${root}.chains.question_answering`, { load_qa_chain: LC_AGENT([kwPos(0, 'llm')]) }),
    simple('python', `${root}.chains.combine_documents`, { create_stuff_documents_chain: LC_AGENT([kwPos(0, 'llm')]), StuffDocumentsChain: LC_CHAINS.StuffDocumentsChain as Member }),
    simple('python', `${root}.chains.combine_documents.stuff`, { StuffDocumentsChain: LC_CHAINS.StuffDocumentsChain as Member }),
    simple('python', `${root}.chains.retrieval`, { create_retrieval_chain: LC_AGENT([kwPos(1, 'combine_docs_chain')]) }),
  ]),
  // LangChain before 0.1 re-exported its chains and base types at the top (`from langchain import LLMChain`) and kept
  // `BaseChatModel` in `langchain.chat_models.base` (AgentGPT's platform); members merge with sdks.ts's.
  simple('python', 'langchain', { LLMChain: LC_CHAINS.LLMChain as Member, ConversationChain: LC_CHAINS.ConversationChain as Member }),
  simple('python', 'langchain.chat_models.base', { BaseChatModel: LC_PY_BASES.BaseChatModel as Member }),
  simple('python', 'langchain.schema.language_model', { BaseLanguageModel: LC_PY_BASES.BaseLanguageModel as Member }),
  simple('python', 'langchain_classic.agents', LC_PY_AGENTS),
  simple('python', 'langchain_core.prompts', LC_PROMPTS),
  simple('python', 'langchain.prompts', LC_PROMPTS),
  simple('python', 'langchain_core.prompts.chat', LC_PROMPTS),
  simple('python', 'langchain_community.vectorstores', lcStores(LC_PY_STORES)),
  simple('python', 'langchain.vectorstores', lcStores(LC_PY_STORES)),
  simple('python', 'langchain_chroma', lcStores(['Chroma'])),
  // langchain-weaviate's store takes its embeddings fourth (`WeaviateVectorStore(client, index_name, text_key, embedding)`).
  ...['langchain_weaviate', 'langchain_weaviate.vectorstores'].map((name) => simple('python', name, { ...lcStores(['WeaviateVectorStore']), WeaviateVectorStore: lcStore(kwPos(3, 'embedding')) })),
  // lanarky (FastAPI streaming for LangChain, lanarky 0.7 `lanarky.responses`): `StreamingResponse.from_chain(chain,
  // inputs)` runs the chain as the response streams (AgentGPT's platform).
  simple('python', 'lanarky.responses', { 'StreamingResponse.from_chain': site('chat', undefined, { input: kwPos(1, 'inputs') }, { modelObject: kwPos(0, 'chain'), via: 'langchain', stream: true }) }),
  // trustcall's extractor over a chat model (`create_extractor(model, tools=[…])`): `extractor.invoke(…)` runs it.
  simple('python', 'trustcall', { create_extractor: LC_AGENT([kwPos(0, 'llm')]) }),
  simple('python', 'langchain_pinecone', lcStores(['PineconeVectorStore'])),
  simple('python', 'langchain_qdrant', lcStores(['QdrantVectorStore', 'Qdrant'])),
  simple('python', 'langchain_postgres', lcStores(['PGVector'])),
  simple('python', 'langchain_mongodb', lcStores(['MongoDBAtlasVectorSearch'])),
  simple('python', 'langchain_core.vectorstores', lcStores(['InMemoryVectorStore'])),
  simple('python', 'langchain_core.language_models', LC_PY_BASES),
  simple('python', 'langchain_core.language_models.chat_models', { BaseChatModel: LC_PY_BASES.BaseChatModel as Member }),
  simple('python', 'langchain_core.language_models.base', { BaseLanguageModel: LC_PY_BASES.BaseLanguageModel as Member }),
  simple('python', 'langchain.schema.language_model', { BaseLanguageModel: LC_PY_BASES.BaseLanguageModel as Member }),
  simple('python', 'langchain_core.embeddings', { Embeddings: make('lc-embed') }),
  simple('python', 'langchain.embeddings.base', { Embeddings: make('lc-embed') }),
  simple('python', 'langchain_voyageai', { VoyageAIEmbeddings: lcEmbed('other', kw('model')) }),
  // langchain-cohere's agents over a Cohere chat model (`create_cohere_react_agent(llm=ChatCohere(…), tools, prompt)`).
  ...['langchain_cohere', 'langchain_cohere.react_multi_hop.agent', 'langchain_cohere.sql_agent.agent'].map((name) => simple('python', name, {
    create_cohere_react_agent: LC_AGENT([kwPos(0, 'llm')]), create_sql_agent: LC_AGENT([kwPos(0, 'llm')]), create_cohere_tools_agent: LC_AGENT([kwPos(0, 'llm')]),
  })),
  simple('python', 'langchain.embeddings.cohere', { CohereEmbeddings: lcEmbed('cohere', kwPos(0, 'model')) }),

  simple('python', 'llama_index.embeddings.mistralai', { MistralAIEmbedding: make('li-embed', { provider: 'mistral', model: kw('model_name') }) }),
  simple('python', 'llama_index.embeddings.vertex', { VertexTextEmbedding: make('li-embed', { provider: 'google', model: kw('model_name') }) }),
  simple('python', 'llama_index.embeddings.cohere', { CohereEmbedding: make('li-embed', { provider: 'cohere', model: kw('model_name') }) }),
  simple('python', 'llama_index.embeddings.bedrock', { BedrockEmbedding: make('li-embed', { provider: 'bedrock', model: kw('model_name') }) }),
  simple('python', 'llama_index.embeddings.azure_openai', { AzureOpenAIEmbedding: make('li-embed', { provider: 'azure-openai', model: kw('model', 'deployment_name') }) }),
  simple('python', 'llama_index.embeddings.voyageai', { VoyageEmbedding: make('li-embed', { provider: 'other', model: kw('model_name') }) }),
  simple('python', 'llama_index.embeddings.huggingface', { HuggingFaceEmbedding: make('local-model') }),
  simple('python', 'llama_index.embeddings.fastembed', { FastEmbedEmbedding: make('local-model') }),
  // More hosted LLM integrations (docs.llamaindex.ai/en/stable/api_reference/llms, checked 2026-12-07).
  simple('python', 'llama_index.llms.openrouter', { OpenRouter: liLlm('openrouter') }),
  simple('python', 'llama_index.llms.cerebras', { Cerebras: liLlm('other') }),
  simple('python', 'llama_index.llms.sambanovasystems', { SambaNovaCloud: liLlm('other') }),
  simple('python', 'llama_index.llms.deepseek', { DeepSeek: liLlm('deepseek') }),
  simple('python', 'llama_index.llms.perplexity', { Perplexity: liLlm('other') }),
  simple('python', 'llama_index.llms.nvidia', { NVIDIA: liLlm('other') }),
  simple('python', 'llama_index.llms.huggingface', { HuggingFaceLLM: make('local-model') }),
  simple('python', 'llama_index.llms.llama_cpp', { LlamaCPP: make('local-model') }),
  simple('python', 'llama_index.multi_modal_llms.anthropic', { AnthropicMultiModal: liLlm('anthropic') }),
  simple('python', 'llama_index.multi_modal_llms.openai', { OpenAIMultiModal: liLlm('openai') }),
  simple('python', 'llama_index.multi_modal_llms.gemini', { GeminiMultiModal: liLlm('google', kwPos(0, 'model_name', 'model')) }),

  simple('python', 'llama_index.core', {
    VectorStoreIndex: { kind: 'instance', type: 'li-index-class' }, DocumentSummaryIndex: { kind: 'instance', type: 'li-summary-index' },
    'VectorStoreIndex.from_documents': site('embeddings', undefined, { input: kwPos(0, 'documents') }, { via: 'llamaindex', modelObject: kw('embed_model') }),
  }),
  simple('python', 'llama_index.core.agent.workflow', {
    FunctionAgent: liAgent(), ReActAgent: liAgent(), CodeActAgent: liAgent(), AgentWorkflow: liAgent([kw('agents')]),
    'AgentWorkflow.from_tools_or_functions': liAgent(),
  }),
  simple('python', 'llama_index.core.agent', { ReActAgent: liAgent(), 'ReActAgent.from_tools': liAgent(), FunctionCallingAgent: liAgent(), 'FunctionCallingAgent.from_tools': liAgent() }),
  simple('python', 'llama_index.agent.openai', { OpenAIAgent: liAgent(), 'OpenAIAgent.from_tools': liAgent() }),
  // LangChain agents run the chat model they are built over.
  simple('python', 'langchain.agents', LC_PY_AGENTS),
  simple('python', 'langgraph.prebuilt', { create_react_agent: LC_AGENT([kwPos(0, 'model')], { model: kwPos(0, 'model'), providerFromModel: kw('model_provider') }) }),
  simple('python', 'langchain_community.agent_toolkits', { create_sql_agent: LC_AGENT([kwPos(0, 'llm')]), create_pandas_dataframe_agent: LC_AGENT([kwPos(0, 'llm')]) }),
  simple('python', 'langchain_experimental.agents', { create_pandas_dataframe_agent: LC_AGENT([kwPos(0, 'llm')]) }),
  simple('python', 'deepagents', { create_deep_agent: LC_AGENT([kw('model')], { model: kw('model'), providerFromModel: kw('model_provider') }) }),
  // crewAI (its own package calls its wrappers: `ownPackage`).
  simple('python', 'crewai', { LLM: CREW_LLM, Agent: CREW_AGENT, Crew: CREW_CREW, Task: make('crewai', { modelFrom: [kw('agent')] }) }, { ownPackage: true }),
  simple('python', 'crewai.agent', { Agent: CREW_AGENT }, { ownPackage: true }),
  simple('python', 'crewai.crew', { Crew: CREW_CREW }, { ownPackage: true }),
  simple('python', 'crewai.llm', { LLM: CREW_LLM }, { ownPackage: true }),
  simple('python', 'crewai.llms.providers.openai.completion', { OpenAICompletion: crewNative('openai') }, { ownPackage: true }),
  simple('python', 'crewai.llms.providers.anthropic.completion', { AnthropicCompletion: crewNative('anthropic') }, { ownPackage: true }),
  simple('python', 'crewai.llms.providers.gemini.completion', { GeminiCompletion: crewNative('google') }, { ownPackage: true }),
  simple('python', 'crewai.llms.providers.bedrock.completion', { BedrockCompletion: crewNative('bedrock') }, { ownPackage: true }),
  simple('python', 'crewai.llms.providers.azure.completion', { AzureCompletion: crewNative('azure-openai') }, { ownPackage: true }),
  // autogen (AgentChat and Core); `ChatCompletionClient` is the injected client's type (provider unknown).
  simple('python', 'autogen_ext.models.openai', { OpenAIChatCompletionClient: AUTOGEN_OPENAI, AzureOpenAIChatCompletionClient: autogenClient('azure-openai', kw('model', 'azure_deployment')) }, { ownPackage: true }),
  simple('python', 'autogen_ext.models.anthropic', { AnthropicChatCompletionClient: autogenClient('anthropic'), AnthropicBedrockChatCompletionClient: autogenClient('bedrock') }, { ownPackage: true }),
  simple('python', 'autogen_ext.models.ollama', { OllamaChatCompletionClient: autogenClient('ollama') }, { ownPackage: true }),
  simple('python', 'autogen_ext.models.azure', { AzureAIChatCompletionClient: autogenClient('azure-openai') }, { ownPackage: true }),
  simple('python', 'autogen_ext.models.cache', { ChatCompletionCache: make('none', { inheritFrom: kwPos(0, 'client') }) }, { ownPackage: true }),
  simple('python', 'autogen_core.models', { ChatCompletionClient: autogenClient('other'), 'ChatCompletionClient.load_component': autogenClient('other') }, { ownPackage: true }),
  simple('python', 'autogen_ext.models.semantic_kernel', { SKChatCompletionAdapter: autogenClient('other') }, { ownPackage: true }),
  simple('python', 'autogen_agentchat.agents', {
    AssistantAgent: autogenAgent([kwPos(1, 'model_client')]), SocietyOfMindAgent: autogenAgent([kw('team'), kw('model_client')]),
  }, { ownPackage: true }),
  simple('python', 'autogen_agentchat.teams', {
    RoundRobinGroupChat: autogenAgent([kwPos(0, 'participants')]), SelectorGroupChat: autogenAgent([kwPos(0, 'participants'), kw('model_client')]),
    Swarm: autogenAgent([kwPos(0, 'participants')]), MagenticOneGroupChat: autogenAgent([kwPos(0, 'participants'), kw('model_client')]),
    GraphFlow: autogenAgent([kwPos(0, 'participants')]),
  }, { ownPackage: true }),
  simple('python', 'autogen_ext.agents.web_surfer', { MultimodalWebSurfer: autogenAgent([kwPos(1, 'model_client')]) }, { ownPackage: true }),
  simple('python', 'autogen_ext.teams.magentic_one', { MagenticOne: autogenAgent([kw('client')]) }, { ownPackage: true }),
  // smolagents: API models and the agents over them; in-process models send no request.
  simple('python', 'smolagents', SMOLAGENTS, { ownPackage: true }),
  simple('python', 'smolagents.models', SMOLAGENTS, { ownPackage: true }),
  simple('python', 'smolagents.agents', SMOLAGENTS, { ownPackage: true }),

  simple('python', 'claude_code_sdk', CLAUDE_AGENT_SDK, { ownPackage: true }),
  simple('python', 'claude_agent_sdk', CLAUDE_AGENT_SDK, { ownPackage: true }),
  simple('python', 'agno.agent', { Agent: runs('fw-agent', [kw('model')]) }, { ownPackage: true }),
  // agno teams (their leader's model, else their first member's) and workflows (their first step that runs a model: an
  // agent, a team, or a Step over one; a workflow of plain functions sends nothing).
  ...['agno.team', 'agno.team.team'].map((name) => simple('python', name, { Team: runs('fw-agent', [kw('model'), kw('members')]) }, { ownPackage: true })),
  ...['agno.workflow', 'agno.workflow.workflow', 'agno.workflow.step'].map((name) => simple('python', name, { Workflow: runs('fw-agent', [kw('steps')]), Step: runs('fw-agent', [kw('agent'), kw('team'), kw('executor')]) }, { ownPackage: true })),
  ...Object.entries(AGNO_MODELS).map(([name, classes]) => simple('python', `agno.models.${name}`, Object.fromEntries(Object.entries(classes).map(([cls, provider]) => [cls, fwModel(provider, kw('id'))])), { ownPackage: true })),
  ...['agno.knowledge', 'agno.knowledge.knowledge'].map((name) => simple('python', name, { Knowledge: runs('agno-knowledge', [kw('vector_db')]) }, { ownPackage: true })),
  ...Object.entries(AGNO_VECTOR_DBS).map(([name, cls]) => simple('python', `agno.vectordb.${name}`, { [cls]: runs('agno-vectordb', [kw('embedder')]) }, { ownPackage: true })),
  ...Object.entries(AGNO_EMBEDDERS).map(([name, [cls, provider]]) => simple('python', `agno.knowledge.embedder.${name}`, { [cls]: provider === 'local' ? make('local-model') : make('agno-embedder', { model: kw('id'), provider }) }, { ownPackage: true })),
  simple('python', 'agno.models.openai', { OpenAIChat: fwModel('openai', kw('id')), OpenAIResponses: fwModel('openai', kw('id')) }, { ownPackage: true }),
  simple('python', 'agno.models.anthropic', { Claude: fwModel('anthropic', kw('id')) }, { ownPackage: true }),
  simple('python', 'agno.models.google', { Gemini: fwModel('google', kw('id')) }, { ownPackage: true }),
  simple('python', 'agno.models.groq', { Groq: fwModel('groq', kw('id')) }, { ownPackage: true }),
  simple('python', 'agno.models.mistral', { MistralChat: fwModel('mistral', kw('id')) }, { ownPackage: true }),
  simple('python', 'agno.models.ollama', { Ollama: fwModel('ollama', kw('id')) }, { ownPackage: true }),
  simple('python', 'pydantic_ai', { Agent: runs('fw-agent', [kwPos(0, 'model')], { model: kwPos(0, 'model'), providerFromModel: kw('provider') }), Embedder: make('pai-embedder', { model: kwPos(0, 'model'), providerFromModel: kw('provider') }) }, { ownPackage: true }),
  // mcp-use (`MCPAgent(llm=ChatOpenAI(…), client=…).run(query)`, docs.mcp-use.com, checked 2026-12-07): a LangChain agent.
  simple('python', 'mcp_use', { MCPAgent: runs('fw-agent', [kw('llm')]) }, { workspaceFirst: true, ownPackage: true }),
  simple('python', 'pydantic_ai.models.openai', { OpenAIModel: fwModel('openai', kwPos(0, 'model_name')), OpenAIChatModel: fwModel('openai', kwPos(0, 'model_name')), OpenAIResponsesModel: fwModel('openai', kwPos(0, 'model_name')) }, { ownPackage: true }),
  simple('python', 'pydantic_ai.models.anthropic', { AnthropicModel: fwModel('anthropic', kwPos(0, 'model_name')) }, { ownPackage: true }),
  simple('python', 'pydantic_ai.models.gemini', { GeminiModel: fwModel('google', kwPos(0, 'model_name')) }, { ownPackage: true }),
  simple('python', 'pydantic_ai.models.google', { GoogleModel: fwModel('google', kwPos(0, 'model_name')) }, { ownPackage: true }),
  simple('python', 'pydantic_ai.models.groq', { GroqModel: fwModel('groq', kwPos(0, 'model_name')) }, { ownPackage: true }),
  simple('python', 'pydantic_ai.models.mistral', { MistralModel: fwModel('mistral', kwPos(0, 'model_name')) }, { ownPackage: true }),
  // The other model classes (ai.pydantic.dev/models, checked 2026-12-07), each `Cls('model-name', provider=…)`.
  ...Object.entries(PYDANTIC_AI_MODELS).map(([name, [cls, provider]]) => simple('python', `pydantic_ai.models.${name}`, { [cls]: fwModel(provider, kwPos(0, 'model_name')) }, { ownPackage: true })),
  // Durable execution wraps an agent (`TemporalAgent(agent)`, `DBOSAgent(agent)`, `PrefectAgent(agent)`): its runs are
  // the agent's. The direct API sends one request (`model_request(model, messages)`, ai.pydantic.dev/direct).
  ...Object.entries({ prefect: 'PrefectAgent', dbos: 'DBOSAgent', temporal: 'TemporalAgent' }).map(([name, cls]) => simple('python', `pydantic_ai.durable_exec.${name}`, { [cls]: make('fw-agent', { inheritFrom: kwPos(0, 'wrapped') }) }, { ownPackage: true })),
  simple('python', 'pydantic_ai.direct', Object.fromEntries(['model_request', 'model_request_sync', 'model_request_stream', 'model_request_stream_sync'].map((fn) => [fn, site('chat', kwPos(0, 'model'), { messages: kwPos(1, 'messages') }, { providerFromModel: true, modelObject: kwPos(0, 'model'), provider: 'other', via: 'framework', ...(fn.includes('stream') ? { stream: true } : {}) })])), { ownPackage: true }),
  simple('python', 'browser_use', { Agent: runs('fw-agent', [kw('llm')]), ...BROWSER_USE_CHAT }, { ownPackage: true }),
  simple('python', 'browser_use.llm', BROWSER_USE_CHAT, { ownPackage: true }),
  // Each model's own module (`from browser_use.llm.openai.chat import ChatOpenAI`), as browser_use/llm/__init__.py lists them.
  ...Object.entries(BROWSER_USE_CHAT_MODULES).map(([name, mod]) => simple('python', `browser_use.llm.${mod}`, { [name]: BROWSER_USE_CHAT[name] as Member }, { ownPackage: true })),
  // CAMEL: model backends by platform and type (enum members: model unknown unless a string), agents and societies.
  simple('python', 'camel.models', { 'ModelFactory.create': make('camel-model', { model: kw('model_type'), providerFromModel: kw('model_platform') }), OpenAIAudioModels: make('camel-audio', { provider: 'openai' }) }, { ownPackage: true, importToken: true }),
  simple('python', 'camel.agents', Object.fromEntries(CAMEL_AGENTS.map((n) => [n, runs('camel-agent', [kw('model')])])), { ownPackage: true, importToken: true }),
  // CAMEL's embeddings (camel/embeddings: `embed_list(texts)`, `embed(text)`) and OpenAI audio models.
  simple('python', 'camel.embeddings', Object.fromEntries(Object.entries(CAMEL_EMBEDDINGS).map(([n, provider]) => [n, provider === 'local' ? make('local-model') : make('camel-embed', { provider, model: kw('model_type', 'model_name') })])), { ownPackage: true, importToken: true }),
  simple('python', 'camel.societies', { RolePlaying: runs('camel-agent', [kw('model')]) }, { ownPackage: true, importToken: true }),
  simple('python', 'camel.societies.workforce', { Workforce: runs('camel-agent', [kw('default_model')]) }, { ownPackage: true, importToken: true }),
  // DSPy (its own package calls LiteLLM, which the catalogue knows: `ownPackage`).
  simple('python', 'dspy', DSPY, { ownPackage: true }),
  simple('js', '@langchain/community/vectorstores/supabase', lcStores(['SupabaseVectorStore'], true)),
  simple('js', '@langchain/community/vectorstores/chroma', lcStores(['Chroma'], true)),
  simple('js', '@langchain/pinecone', lcStores(['PineconeStore'], true)),
  simple('js', '@langchain/qdrant', lcStores(['QdrantVectorStore'], true)),
  simple('js', 'langchain/vectorstores/memory', lcStores(['MemoryVectorStore'], true)),
  simple('js', '@langchain/community/embeddings/voyage', { VoyageEmbeddings: lcEmbed('other', kw('modelName', 'model')) }),
  simple('js', '@langchain/core/prompts', LC_PROMPTS),
  // LangChain JS agents; since LangChain 1.0 the legacy ones live in `@langchain/classic`.
  simple('js', 'langchain/agents', LC_JS_AGENTS),
  simple('js', '@langchain/classic/agents', LC_JS_AGENTS),
  simple('js', '@langchain/classic/chains', { LLMChain: make('lc-chat', { inheritFrom: kw('llm') }), ConversationChain: make('lc-chat', { inheritFrom: kw('llm') }) }),
  simple('js', '@langchain/classic/vectorstores/memory', lcStores(['MemoryVectorStore'], true)),
  // A model or embeddings injected under LangChain's base type (`private llm: BaseChatModel`, `config.model as Embeddings`):
  // a request to a provider the file does not name.
  simple('js', '@langchain/core/language_models/base', { BaseLanguageModel: make('lc-chat') }),
  simple('js', '@langchain/core/language_models/chat_models', { BaseChatModel: make('lc-chat') }),
  simple('js', '@langchain/core/language_models/llms', { BaseLLM: make('lc-llm'), LLM: make('lc-llm') }),
  // `EmbeddingsInterface`: the type a vector store's field or a node's input is declared with.
  simple('js', '@langchain/core/embeddings', { Embeddings: make('lc-embed'), EmbeddingsInterface: make('lc-embed') }),
  simple('js', '@langchain/langgraph/prebuilt', { createReactAgent: LC_AGENT([kw('llm', 'model')], { model: kw('llm', 'model'), providerFromModel: kw('modelProvider') }) }),
  simple('js', 'langchain', { createAgent: LC_AGENT([kw('model', 'llm')], { model: kw('model', 'llm'), providerFromModel: kw('modelProvider') }) }),
];

/** Framework objects built in too many ways to follow, found by their receiver's name. */
export const FRAMEWORK_FALLBACKS: readonly FallbackSpec[] = [
  // A crewAI project's crew (`crewai create crew`): `MyCrew().crew().kickoff(inputs=…)` in main.py, the class imported
  // from the project's crew.py (an @CrewBase class whose @crew method returns Crew(…)); or a variable named like a crew.
  ...['kickoff', 'kickoff_async', 'akickoff', 'kickoff_for_each', 'kickoff_for_each_async'].map((path) => ({ lang: 'python' as const, path, type: 'crewai', fileToken: /crew/i, requireKw: [], receiver: /^(?:crew\(\)|(?:\w+_)?crew)$/i })),
  ...['train', 'test', 'replay'].map((path) => ({ lang: 'python' as const, path, type: 'crewai', fileToken: /crew/i, requireKw: [], receiver: /^crew\(\)$/ })),
  // LlamaIndex engines, built in too many ways to follow (`index.as_query_engine()`, routers, sub-question engines):
  // a query/chat call on a receiver named like one, in a file that imports LlamaIndex.
  // Retrievers over an index embed the query; keyword ones (BM25, sparse) do not.
  // A receiver is also named by the call that built it, with its variable (`qe_w_rerank=index.as_query_engine()`), or by
  // the call alone when used at once (`index.as_retriever(…).retrieve(q)`: `as_retriever()`).
  ...['retrieve', 'aretrieve'].map((path) => ({ lang: 'python' as const, path, type: 'li-retriever', fileToken: /llama_index/, requireKw: [], receiver: /^(?:\w+_)?retriever$|^(?:\w+=)?[\w.]+\.as_retriever\(\)$/i, notReceiver: /bm25|keyword|sparse|summary|list/i })),
  ...['query', 'aquery'].map((path) => ({ lang: 'python' as const, path, type: 'li-engine', fileToken: /llama_index/, requireKw: [], receiver: /(^|_)engine$|^(?:\w+=)?(?:[\w.]+\.)?as_query_engine\(\)$/i })),
  ...['chat', 'achat', 'stream_chat', 'astream_chat'].map((path) => ({ lang: 'python' as const, path, type: 'li-engine', fileToken: /llama_index/, requireKw: [], receiver: /(^|_)chat_engine$|^(?:\w+=)?(?:[\w.]+\.)?as_chat_engine\(\)$/i })),
];
