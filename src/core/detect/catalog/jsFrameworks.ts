/**
 * JavaScript framework surfaces found by the Flowise recall audit (issue 25), data merged into sdks.ts's tables:
 * LangChain JS's legacy chains and their factories (`RetrievalQAChain.fromLLM`, `AgentExecutor.fromAgentAndTools` …),
 * its chain constructors of the 0.2+ API (`createStuffDocumentsChain`, `createRetrievalChain` …), the vector stores of
 * `@langchain/community` and the partner packages (built from documents, they embed them), LlamaIndex.TS (npm
 * `llamaindex` and its `@llamaindex/*` provider packages), and Replicate's JS client. Sources: v03.api.js.langchain.com
 * (langchain/chains, @langchain/community/vectorstores/*), ts.llamaindex.ai/docs (engines, agents, LLMs), github.com/
 * replicate/replicate-javascript (README: `replicate.run`, `replicate.stream`), checked 2026-12-07.
 */
import type { Provider } from '../../types';
import type { ArgRef, FallbackSpec, Member, ModuleSpec, NewSpec } from './types';
import { kw, kwPos, make, site } from './builders';
import { lcStores } from './frameworks';

const js = (name: string, members: Record<string, Member>, extra: Partial<ModuleSpec> = {}): ModuleSpec => ({ lang: 'js', name, members, ...extra });
/** A framework object that runs the model it is given (NewSpec.modelFrom). */
const runs = (type: string, modelFrom: ArgRef[], extra: Partial<NewSpec> = {}): Member => make(type, { modelFrom, ...extra });
/** A LangChain chain over the model in this argument: `.invoke`, `.call`, `.run`, `.stream` run it. */
const chain = (modelFrom: ArgRef): Member => runs('lc-chat', [modelFrom]);

// ---- LangChain JS legacy chains (`langchain/chains`, `@langchain/classic/chains` since LangChain 1.0) ----
const LC_JS_CHAINS: Record<string, Member> = {
  LLMChain: make('lc-chat', { inheritFrom: kw('llm') }),
  ConversationChain: make('lc-chat', { inheritFrom: kw('llm') }),
  // `Chain.fromLLM(llm, retriever | vectorstore, options)`: the model is the first argument.
  'RetrievalQAChain.fromLLM': chain(kwPos(0, 'llm')),
  'VectorDBQAChain.fromLLM': chain(kwPos(0, 'llm')),
  'ConversationalRetrievalQAChain.fromLLM': chain(kwPos(0, 'llm')),
  'MultiPromptChain.fromLLMAndPrompts': chain(kwPos(0, 'llm')),
  'MultiRetrievalQAChain.fromLLMAndRetrievers': chain(kwPos(0, 'llm')),
  'APIChain.fromLLMAndAPIDocs': chain(kwPos(0, 'llm')),
  // `new RetrievalQAChain({ combineDocumentsChain, retriever })`: the combining chain runs the model.
  RetrievalQAChain: chain(kw('combineDocumentsChain')),
  // The classes themselves (a chain typed by a cast, `as VectorDBQAChain`, or built with `new`).
  VectorDBQAChain: chain(kw('combineDocumentsChain')),
  MultiPromptChain: chain(kw('destinationChains')),
  MultiRetrievalQAChain: chain(kw('destinationChains')),
  StuffDocumentsChain: chain(kw('llmChain')),
  SimpleSequentialChain: chain(kw('chains')),
  SequentialChain: chain(kw('chains')),
  loadQAStuffChain: chain(kwPos(0, 'llm')),
  loadQAMapReduceChain: chain(kwPos(0, 'llm')),
  loadQARefineChain: chain(kwPos(0, 'llm')),
  loadQAChain: chain(kwPos(0, 'llm')),
  loadSummarizationChain: chain(kwPos(0, 'llm')),
};
const LC_JS_AGENT_FACTORIES: Record<string, Member> = {
  'AgentExecutor.fromAgentAndTools': chain(kw('agent')),
  initializeAgentExecutorWithOptions: chain(kwPos(1, 'llm')),
};

/** `@langchain/community/vectorstores/<module>` → its classes (the modules of the community package's docs). */
const COMMUNITY_STORES: Readonly<Record<string, readonly string[]>> = {
  faiss: ['FaissStore'], hnswlib: ['HNSWLib'], weaviate: ['WeaviateStore'], redis: ['RedisVectorStore'], opensearch: ['OpenSearchVectorStore'],
  upstash: ['UpstashVectorStore'], couchbase: ['CouchbaseVectorStore'], milvus: ['Milvus'], elasticsearch: ['ElasticVectorSearch'],
  pgvector: ['PGVectorStore'], mongodb_atlas: ['MongoDBAtlasVectorSearch'], astradb: ['AstraDBVectorStore'], lancedb: ['LanceDB'],
  neo4j_vector: ['Neo4jVectorStore'], zep: ['ZepVectorStore'], singlestore: ['SingleStoreVectorStore'], typesense: ['Typesense'],
  cassandra: ['CassandraStore'], cloudflare_vectorize: ['CloudflareVectorizeStore'], meilisearch: ['Meilisearch'], qdrant: ['QdrantVectorStore'],
  pinecone: ['PineconeStore'], chroma: ['Chroma'], supabase: ['SupabaseVectorStore'], vercel_postgres: ['VercelPostgres'], prisma: ['PrismaVectorStore'],
  hanavector: ['HanaDB'], rockset: ['RocksetStore'], turbopuffer: ['TurbopufferVectorStore'], libsql: ['LibSQLVectorStore'],
  couchbase_search: ['CouchbaseSearchVectorStore'], couchbase_query: ['CouchbaseQueryVectorStore'],
};
/** Partner packages (`@langchain/<name>`) and their stores. */
const PARTNER_STORES: Readonly<Record<string, readonly string[]>> = {
  '@langchain/weaviate': ['WeaviateStore'], '@langchain/redis': ['RedisVectorStore'], '@langchain/mongodb': ['MongoDBAtlasVectorSearch'],
  '@langchain/milvus': ['Milvus'], '@langchain/azure-cosmosdb': ['AzureCosmosDBNoSQLVectorStore', 'AzureCosmosDBMongoDBVectorStore'],
  '@langchain/astradb': ['AstraDBVectorStore'], '@langchain/postgres': ['PGVectorStore'],
};

// ---- LlamaIndex.TS ----
/** An LLM class of LlamaIndex.TS: `new OpenAI({ model })`; `llm.chat({ messages })`, `llm.complete({ prompt })`. */
const liLlm = (provider: Provider): Member => make('li-llm', { provider, model: kw('model') });
const LI_LLMS: Record<string, Member> = {
  OpenAI: liLlm('openai'), Anthropic: liLlm('anthropic'), Gemini: liLlm('google'), Ollama: liLlm('ollama'), Groq: liLlm('groq'),
  MistralAI: liLlm('mistral'), DeepSeekLLM: liLlm('deepseek'), TogetherLLM: liLlm('together'), FireworksLLM: liLlm('fireworks'),
  OpenAIEmbedding: make('li-embed', { provider: 'openai', model: kw('model') }), GeminiEmbedding: make('li-embed', { provider: 'google', model: kw('model') }),
  OllamaEmbedding: make('li-embed', { provider: 'ollama', model: kw('model') }), MistralAIEmbedding: make('li-embed', { provider: 'mistral', model: kw('model') }),
};
const LI_CORE: Record<string, Member> = {
  // Engines and agents over an LLM (else the file's `Settings.llm`): `chatEngine.chat({ message })`, `agent.chat(…)`.
  SimpleChatEngine: runs('li-engine', [kw('llm')]), ContextChatEngine: runs('li-engine', [kw('chatModel', 'llm')]),
  CondenseQuestionChatEngine: runs('li-engine', [kw('llm')]), RetrieverQueryEngine: runs('li-engine', [kw('llm')]),
  OpenAIAgent: runs('li-agent', [kw('llm')]), ReActAgent: runs('li-agent', [kw('llm')]), AnthropicAgent: runs('li-agent', [kw('llm')]),
  FunctionCallingAgent: runs('li-agent', [kw('llm')]), LLMAgent: runs('li-agent', [kw('llm')]),
  // `VectorStoreIndex.fromDocuments(documents)` embeds every node with the file's `Settings.embedModel`.
  VectorStoreIndex: { kind: 'instance', type: 'li-index-class' },
  'VectorStoreIndex.fromDocuments': site('embeddings', undefined, { input: { pos: 0 } }, { via: 'llamaindex' }),
  // The module-wide models read where they are used (`const llm = Settings.llm; llm.chat(…)`), as in Python.
  'Settings.llm': { kind: 'instance', type: 'li-llm' },
  'Settings.embedModel': { kind: 'instance', type: 'li-embed' },
  ...LI_LLMS,
};

export const JS_FRAMEWORK_MODULES: readonly ModuleSpec[] = [
  ...['langchain/chains', '@langchain/classic/chains'].map((name) => js(name, LC_JS_CHAINS)),
  ...['langchain/agents', '@langchain/classic/agents'].map((name) => js(name, LC_JS_AGENT_FACTORIES)),
  ...['langchain/chains/sql_db', '@langchain/classic/chains/sql_db'].map((name) => js(name, { SqlDatabaseChain: chain(kw('llm')), 'SqlDatabaseChain.fromLLM': chain(kwPos(0, 'llm')) })),
  ...['@langchain/community/chains/graph_qa/cypher', 'langchain/chains/graph_qa/cypher'].map((name) => js(name, { 'GraphCypherQAChain.fromLLM': chain(kw('llm', 'qaLLM', 'cypherLLM')) })),
  // The 0.2+ chain constructors: each takes an options object.
  ...['langchain/chains/combine_documents', '@langchain/classic/chains/combine_documents'].map((name) => js(name, { createStuffDocumentsChain: chain(kw('llm')) })),
  ...['langchain/chains/retrieval', '@langchain/classic/chains/retrieval'].map((name) => js(name, { createRetrievalChain: chain(kw('combineDocsChain')) })),
  ...['langchain/chains/history_aware_retriever', '@langchain/classic/chains/history_aware_retriever'].map((name) => js(name, { createHistoryAwareRetriever: chain(kw('llm')) })),
  ...['langchain/chains/query_constructor', '@langchain/classic/chains/query_constructor'].map((name) => js(name, { loadQueryConstructorRunnable: chain(kw('llm')) })),
  ...Object.entries(COMMUNITY_STORES).map(([m, classes]) => js(`@langchain/community/vectorstores/${m}`, lcStores(classes, true))),
  ...Object.entries(COMMUNITY_STORES).map(([m, classes]) => js(`langchain/vectorstores/${m}`, lcStores(classes, true))),
  ...Object.entries(PARTNER_STORES).map(([m, classes]) => js(m, lcStores(classes, true))),
  js('llamaindex', LI_CORE),
  ...['openai', 'anthropic', 'google', 'ollama', 'groq', 'mistral', 'deepseek', 'together', 'fireworks'].map((p) => js(`@llamaindex/${p}`, LI_LLMS)),
  js('@llamaindex/core/llms', LI_LLMS),
  // Replicate's JS client: `new Replicate()`, then `replicate.run("owner/model:version", { input })` / `replicate.stream(…)`.
  // `replicate` is a common word: the pre-filter looks for its import statement (ModuleSpec.importToken).
  js('replicate', { default: make('replicate'), Replicate: make('replicate') }, { callable: make('replicate'), importToken: true }),
];

/** LlamaIndex.TS engines built from an index (`index.asQueryEngine()`, `index.asChatEngine()`), found by their receiver's name. */
export const JS_FRAMEWORK_FALLBACKS: readonly FallbackSpec[] = [
  { lang: 'js', path: 'query', type: 'li-engine', fileToken: /['"]llamaindex['"/]|['"]@llamaindex\//, requireKw: [], receiver: /engine$/i },
  { lang: 'js', path: 'chat', type: 'li-engine', fileToken: /['"]llamaindex['"/]|['"]@llamaindex\//, requireKw: [], receiver: /chatEngine$/i },
  { lang: 'js', path: 'retrieve', type: 'li-retriever', fileToken: /['"]llamaindex['"/]|['"]@llamaindex\//, requireKw: [], receiver: /retriever$/i },
];
