/**
 * Go SDKs as data: import paths, how each client is made, and the member paths that send a model request.
 * Sources (read 2026-12-06, see /work/research/sdk-surfaces/go.md for the file and line of each method):
 * openai/openai-go @ 4e5a07a (chatcompletion.go, completion.go, responses/response.go, embedding.go, image.go,
 * audio*.go, video.go, betathreadrun.go, azure/azure.go, bedrock/bedrock.go); anthropics/anthropic-sdk-go @ b43f0d7
 * (message.go, betamessage.go, betatoolrunner.go, completion.go, betasessionevent.go, bedrock/, vertex/, googlecloud/,
 * aws/); googleapis/go-genai @ 6fd3e65 (models.go, chats.go, live.go); google/generative-ai-go (genai/); aws-sdk-go-v2
 * service/bedrockruntime (api_op_Converse*.go, api_op_InvokeModel*.go); tmc/langchaingo @ 8fea3de (llms/*, chains/,
 * agents/, embeddings/, vectorstores/); Ollama's and a community Perplexity client (below).
 */
import type { LanguageSdk, SiteSpec, TypeSpec } from '../types';

const OPENAI = 'github.com/openai/openai-go';
const ANTHROPIC = 'github.com/anthropics/anthropic-sdk-go';
const GENAI = 'google.golang.org/genai';
const LEGACY_GENAI = 'github.com/google/generative-ai-go/genai';
const BEDROCK_RUNTIME = 'github.com/aws/aws-sdk-go-v2/service/bedrockruntime';
const LCGO = 'github.com/tmc/langchaingo';

const on = (type: string, paths: readonly (readonly string[])[], rest: Omit<SiteSpec, 'type' | 'path'>): SiteSpec[] => paths.map((path) => ({ type, path, fallback: true, ...rest }));

const openaiGo: LanguageSdk = {
  id: 'openai-go',
  language: 'go',
  modules: [OPENAI],
  goPackages: { [OPENAI]: 'openai', [`${OPENAI}/azure`]: 'azure', [`${OPENAI}/bedrock`]: 'bedrock', [`${OPENAI}/option`]: 'option', [`${OPENAI}/responses`]: 'responses', [`${OPENAI}/shared`]: 'shared' },
  types: [
    { id: 'openai-go.Client', provider: 'openai', via: 'sdk', baseUrlDecides: true, names: [`${OPENAI}.Client`], make: [{ fn: `${OPENAI}.NewClient` }, { fn: `${OPENAI}/bedrock.NewClient`, provider: 'bedrock' }] },
  ],
  sites: [
    ...on('openai-go.Client', [['Chat', 'Completions', 'New']], { api: 'chat' }),
    ...on('openai-go.Client', [['Chat', 'Completions', 'NewStreaming']], { api: 'chat', stream: true }),
    ...on('openai-go.Client', [['Completions', 'New']], { api: 'completion' }),
    ...on('openai-go.Client', [['Completions', 'NewStreaming']], { api: 'completion', stream: true }),
    ...on('openai-go.Client', [['Responses', 'New'], ['Responses', 'Compact'], ['Beta', 'Responses', 'New'], ['Beta', 'Responses', 'Compact']], { api: 'responses' }),
    ...on('openai-go.Client', [['Responses', 'NewStreaming'], ['Beta', 'Responses', 'NewStreaming']], { api: 'responses', stream: true }),
    ...on('openai-go.Client', [['Embeddings', 'New']], { api: 'embeddings' }),
    ...on('openai-go.Client', [['Images', 'Generate'], ['Images', 'Edit'], ['Images', 'NewVariation'], ['Videos', 'New'], ['Videos', 'NewAndPoll'], ['Videos', 'Edit'], ['Videos', 'Extend'], ['Videos', 'Remix'], ['Videos', 'NewCharacter']], { api: 'images' }),
    ...on('openai-go.Client', [['Images', 'GenerateStreaming'], ['Images', 'EditStreaming']], { api: 'images', stream: true }),
    ...on('openai-go.Client', [['Audio', 'Speech', 'New'], ['Audio', 'Transcriptions', 'New'], ['Audio', 'Translations', 'New']], { api: 'audio' }),
    ...on('openai-go.Client', [['Audio', 'Transcriptions', 'NewStreaming']], { api: 'audio', stream: true }),
    ...on('openai-go.Client', [['Beta', 'Threads', 'Runs', 'New'], ['Beta', 'Threads', 'Runs', 'NewAndPoll'], ['Beta', 'Threads', 'Runs', 'SubmitToolOutputs'], ['Beta', 'Threads', 'Runs', 'SubmitToolOutputsAndPoll'], ['Beta', 'Threads', 'NewAndRun'], ['Beta', 'Threads', 'NewAndRunPoll']], { api: 'chat' }),
    ...on('openai-go.Client', [['Beta', 'Threads', 'Runs', 'NewStreaming'], ['Beta', 'Threads', 'Runs', 'SubmitToolOutputsStreaming'], ['Beta', 'Threads', 'NewAndRunStreaming']], { api: 'chat', stream: true }),
  ],
  markers: [{ name: `${OPENAI}/azure.`, provider: 'azure-openai' }],
  identity: [`${OPENAI}.String`, `${OPENAI}.F`, `${OPENAI}.ChatModel`, `${OPENAI}/shared.ChatModel`, `${OPENAI}.Opt`],
};

const ANTHROPIC_CLIENTS: readonly TypeSpec[] = [
  { id: 'anthropic-go.Client', provider: 'anthropic', via: 'sdk', names: [`${ANTHROPIC}.Client`], make: [{ fn: `${ANTHROPIC}.NewClient` }] },
  { id: 'anthropic-go.MantleClient', provider: 'bedrock', via: 'sdk', names: [`${ANTHROPIC}/bedrock.MantleClient`], make: [{ fn: `${ANTHROPIC}/bedrock.NewMantleClient` }] },
  { id: 'anthropic-go.AwsClient', provider: 'bedrock', via: 'sdk', names: [`${ANTHROPIC}/aws.Client`], make: [{ fn: `${ANTHROPIC}/aws.NewClient` }] },
  { id: 'anthropic-go.GoogleCloudClient', provider: 'google', via: 'sdk', names: [`${ANTHROPIC}/googlecloud.Client`], make: [{ fn: `${ANTHROPIC}/googlecloud.NewClient` }] },
];

const anthropicGo: LanguageSdk = {
  id: 'anthropic-sdk-go',
  language: 'go',
  modules: [ANTHROPIC],
  goPackages: { [ANTHROPIC]: 'anthropic', [`${ANTHROPIC}/option`]: 'option', [`${ANTHROPIC}/bedrock`]: 'bedrock', [`${ANTHROPIC}/vertex`]: 'vertex', [`${ANTHROPIC}/googlecloud`]: 'googlecloud', [`${ANTHROPIC}/aws`]: 'aws' },
  types: [
    ...ANTHROPIC_CLIENTS,
    { id: 'anthropic-go.MessageService', provider: 'anthropic', via: 'sdk', names: [`${ANTHROPIC}.MessageService`, `${ANTHROPIC}.BetaMessageService`] },
  ],
  sites: [
    ...ANTHROPIC_CLIENTS.flatMap((t) => [
      ...on(t.id, [['Messages', 'New'], ['Beta', 'Messages', 'New'], ['Beta', 'Messages', 'NewToolRunner']], { api: 'messages' }),
      ...on(t.id, [['Messages', 'NewStreaming'], ['Beta', 'Messages', 'NewStreaming'], ['Beta', 'Messages', 'NewToolRunnerStreaming']], { api: 'messages', stream: true }),
      ...on(t.id, [['Completions', 'New']], { api: 'completion' }),
      ...on(t.id, [['Completions', 'NewStreaming']], { api: 'completion', stream: true }),
      ...on(t.id, [['Beta', 'Sessions', 'Events', 'Send']], { api: 'messages' }),
    ]),
    { type: 'anthropic-go.MessageService', path: ['New'], api: 'messages' },
    { type: 'anthropic-go.MessageService', path: ['NewStreaming'], api: 'messages', stream: true },
  ],
  markers: [
    { name: `${ANTHROPIC}/bedrock.`, provider: 'bedrock' },
    { name: `${ANTHROPIC}/vertex.`, provider: 'google' },
  ],
  identity: [`${ANTHROPIC}.String`, `${ANTHROPIC}.Model`, `${ANTHROPIC}.F`],
};

const genaiGo: LanguageSdk = {
  id: 'go-genai',
  language: 'go',
  modules: [GENAI],
  goPackages: { [GENAI]: 'genai' },
  types: [
    { id: 'genai-go.Client', provider: 'google', via: 'sdk', names: [`${GENAI}.Client`], make: [{ fn: `${GENAI}.NewClient` }] },
    { id: 'genai-go.Chat', provider: 'google', via: 'sdk', names: [`${GENAI}.Chat`], make: [{ from: { type: 'genai-go.Client', path: ['Chats', 'Create'] }, model: { pos: 1 }, keepsReceiver: true }] },
    { id: 'genai-go.Session', provider: 'google', via: 'sdk', names: [`${GENAI}.Session`], make: [{ from: { type: 'genai-go.Client', path: ['Live', 'Connect'] }, model: { pos: 1 }, keepsReceiver: true }] },
  ],
  sites: [
    ...on('genai-go.Client', [['Models', 'GenerateContent']], { api: 'generate', model: { pos: 1 } }),
    ...on('genai-go.Client', [['Models', 'GenerateContentStream']], { api: 'generate', stream: true, model: { pos: 1 } }),
    ...on('genai-go.Client', [['Models', 'EmbedContent']], { api: 'embeddings', model: { pos: 1 } }),
    ...on('genai-go.Client', [['Models', 'GenerateImages'], ['Models', 'EditImage'], ['Models', 'UpscaleImage'], ['Models', 'RecontextImage'], ['Models', 'SegmentImage'], ['Models', 'GenerateVideos'], ['Models', 'GenerateVideosFromSource']], { api: 'images', model: { pos: 1 } }),
    { type: 'genai-go.Chat', path: ['SendMessage'], api: 'chat' },
    { type: 'genai-go.Chat', path: ['Send'], api: 'chat' },
    { type: 'genai-go.Chat', path: ['SendMessageStream'], api: 'chat', stream: true },
    { type: 'genai-go.Chat', path: ['SendStream'], api: 'chat', stream: true },
    { type: 'genai-go.Session', path: ['SendClientContent'], api: 'chat' },
    { type: 'genai-go.Session', path: ['SendRealtimeInput'], api: 'chat' },
    { type: 'genai-go.Session', path: ['SendToolResponse'], api: 'chat' },
  ],
  identity: [`${GENAI}.Ptr`],
};

const legacyGenaiGo: LanguageSdk = {
  id: 'generative-ai-go',
  language: 'go',
  modules: [LEGACY_GENAI],
  goPackages: { [LEGACY_GENAI]: 'genai' },
  types: [
    { id: 'legacy-genai-go.Client', provider: 'google', via: 'sdk', names: [`${LEGACY_GENAI}.Client`], make: [{ fn: `${LEGACY_GENAI}.NewClient` }] },
    { id: 'legacy-genai-go.GenerativeModel', provider: 'google', via: 'sdk', names: [`${LEGACY_GENAI}.GenerativeModel`], make: [{ from: { type: 'legacy-genai-go.Client', path: ['GenerativeModel'] }, model: { pos: 0 } }] },
    { id: 'legacy-genai-go.ChatSession', provider: 'google', via: 'sdk', names: [`${LEGACY_GENAI}.ChatSession`], make: [{ from: { type: 'legacy-genai-go.GenerativeModel', path: ['StartChat'] }, keepsReceiver: true }] },
    { id: 'legacy-genai-go.EmbeddingModel', provider: 'google', via: 'sdk', names: [`${LEGACY_GENAI}.EmbeddingModel`], make: [{ from: { type: 'legacy-genai-go.Client', path: ['EmbeddingModel'] }, model: { pos: 0 } }] },
  ],
  sites: [
    { type: 'legacy-genai-go.GenerativeModel', path: ['GenerateContent'], api: 'generate' },
    { type: 'legacy-genai-go.GenerativeModel', path: ['GenerateContentStream'], api: 'generate', stream: true },
    { type: 'legacy-genai-go.ChatSession', path: ['SendMessage'], api: 'chat' },
    { type: 'legacy-genai-go.ChatSession', path: ['SendMessageStream'], api: 'chat', stream: true },
    { type: 'legacy-genai-go.EmbeddingModel', path: ['EmbedContent'], api: 'embeddings' },
    { type: 'legacy-genai-go.EmbeddingModel', path: ['BatchEmbedContents'], api: 'embeddings' },
  ],
};

const bedrockRuntimeGo: LanguageSdk = {
  id: 'aws-sdk-go-v2-bedrockruntime',
  language: 'go',
  modules: [BEDROCK_RUNTIME],
  goPackages: { [BEDROCK_RUNTIME]: 'bedrockruntime' },
  types: [{ id: 'bedrockruntime-go.Client', provider: 'bedrock', via: 'sdk', names: [`${BEDROCK_RUNTIME}.Client`], make: [{ fn: `${BEDROCK_RUNTIME}.NewFromConfig` }, { fn: `${BEDROCK_RUNTIME}.New` }] }],
  sites: [
    { type: 'bedrockruntime-go.Client', path: ['Converse'], api: 'chat' },
    { type: 'bedrockruntime-go.Client', path: ['ConverseStream'], api: 'chat', stream: true },
    { type: 'bedrockruntime-go.Client', path: ['InvokeModel'], api: 'generate' },
    { type: 'bedrockruntime-go.Client', path: ['InvokeModelWithResponseStream'], api: 'generate', stream: true },
    { type: 'bedrockruntime-go.Client', path: ['InvokeModelWithBidirectionalStream'], api: 'generate', stream: true },
    { type: 'bedrockruntime-go.Client', path: ['StartAsyncInvoke'], api: 'generate' },
  ],
  identity: ['github.com/aws/aws-sdk-go-v2/aws.String', 'github.com/aws/aws-sdk-go-v2/aws.Int32'],
};

/** langchaingo's provider packages: `openai.New(…)` and friends make an `llms.Model`. */
const LCGO_PROVIDERS: readonly (readonly [string, TypeSpec['provider']])[] = [
  ['openai', 'openai'], ['anthropic', 'anthropic'], ['googleai', 'google'], ['googleai/vertex', 'google'], ['googleai/palm', 'google'], ['ollama', 'ollama'],
  ['bedrock', 'bedrock'], ['mistral', 'mistral'], ['cohere', 'cohere'], ['huggingface', 'huggingface'], ['ernie', 'other'], ['watsonx', 'other'],
  ['maritaca', 'other'], ['llamafile', 'other'], ['local', 'other'], ['cloudflare', 'other'], ['deepseek', 'deepseek'],
];
const LCGO_VECTOR_STORES = ['pgvector', 'qdrant', 'chroma', 'weaviate', 'pinecone', 'redisvector', 'milvus', 'opensearch', 'mongovector', 'alloydb', 'cloudsql', 'azureaisearch', 'dolt', 'bedrockknowledgebases'];
const LCGO_CHAINS = ['NewLLMChain', 'NewConversation', 'LoadStuffQA', 'LoadRefineQA', 'LoadMapReduceQA', 'LoadMapRerankQA', 'LoadStuffSummarization', 'LoadRefineSummarization', 'LoadMapReduceSummarization', 'NewLLMMathChain', 'NewRetrievalQAFromLLM', 'NewConversationalRetrievalQAFromLLM', 'NewSimpleSequentialChain', 'NewSequentialChain', 'NewAPIChain', 'NewSQLDatabaseChain', 'NewConstitutional'];

const langchainGo: LanguageSdk = {
  id: 'langchaingo',
  language: 'go',
  modules: [LCGO],
  goPackages: {
    ...Object.fromEntries(LCGO_PROVIDERS.map(([p]) => [`${LCGO}/llms/${p}`, p.split('/').pop() as string])),
    [`${LCGO}/llms`]: 'llms', [`${LCGO}/chains`]: 'chains', [`${LCGO}/agents`]: 'agents', [`${LCGO}/embeddings`]: 'embeddings', [`${LCGO}/llms/cache`]: 'cache',
    ...Object.fromEntries(LCGO_VECTOR_STORES.map((v) => [`${LCGO}/vectorstores/${v}`, v])),
  },
  types: [
    { id: 'lcgo.LLM', provider: 'other', via: 'langchain', baseUrlDecides: true, make: [{ fn: `${LCGO}/llms/watsonx.New`, provider: 'other', model: { pos: 0 } }, ...LCGO_PROVIDERS.flatMap(([p, provider]) => [{ fn: `${LCGO}/llms/${p}.New`, provider }, { fn: `${LCGO}/llms/${p}.NewChat`, provider }]), { fn: `${LCGO}/llms/cache.New`, wraps: { pos: 0 } }] },
    { id: 'lcgo.Model', provider: 'other', via: 'langchain', names: [`${LCGO}/llms.Model`, `${LCGO}/llms.LLM`] },
    { id: 'lcgo.Chain', provider: 'other', via: 'langchain', names: [`${LCGO}/chains.Chain`], make: [...LCGO_CHAINS.map((c) => ({ fn: `${LCGO}/chains.${c}`, wraps: { pos: 0 } })), ...['NewExecutor', 'NewOneShotAgent', 'NewConversationalAgent', 'NewOpenAIFunctionsAgent', 'Initialize'].map((c) => ({ fn: `${LCGO}/agents.${c}`, wraps: { pos: 0 } }))] },
    { id: 'lcgo.Embedder', provider: 'other', via: 'langchain', make: [{ fn: `${LCGO}/embeddings.NewEmbedder`, wraps: { pos: 0 } }] },
    { id: 'lcgo.VectorStore', provider: 'other', via: 'langchain', make: LCGO_VECTOR_STORES.map((v) => ({ fn: `${LCGO}/vectorstores/${v}.New`, wraps: { keys: ['embedder'] } })) },
  ],
  sites: [
    ...['lcgo.LLM', 'lcgo.Model'].flatMap((t) => [
      { type: t, path: ['GenerateContent'], api: 'chat' as const },
      { type: t, path: ['Call'], api: 'chat' as const },
      { type: t, path: ['CreateEmbedding'], api: 'embeddings' as const },
    ]),
    { fn: `${LCGO}/llms.GenerateFromSinglePrompt`, api: 'chat', wraps: { pos: 1 } },
    ...['Run', 'Call', 'Predict', 'Apply'].map((f) => ({ fn: `${LCGO}/chains.${f}`, api: 'chat' as const, wraps: { pos: 1 } })),
    { type: 'lcgo.Embedder', path: ['EmbedDocuments'], api: 'embeddings' },
    { type: 'lcgo.Embedder', path: ['EmbedQuery'], api: 'embeddings' },
    { type: 'lcgo.VectorStore', path: ['AddDocuments'], api: 'embeddings' },
    { type: 'lcgo.VectorStore', path: ['SimilaritySearch'], api: 'embeddings' },
  ],
};

/**
 * Ollama's Go client (github.com/ollama/ollama/api, pkg.go.dev/github.com/ollama/ollama/api, checked 2026-12-07):
 * `api.ClientFromEnvironment()` / `api.NewClient(base, http)`, then `Chat`, `Generate` (streamed through the response
 * callback unless the request sets `Stream: false`), `Embed` and `Embeddings`, each request naming its `Model`.
 */
const OLLAMA_API = 'github.com/ollama/ollama/api';
const ollamaGo: LanguageSdk = {
  id: 'ollama-go',
  language: 'go',
  modules: [OLLAMA_API],
  goPackages: { [OLLAMA_API]: 'api' },
  types: [{ id: 'ollama-go.Client', provider: 'ollama', via: 'sdk', names: [`${OLLAMA_API}.Client`], make: [{ fn: `${OLLAMA_API}.ClientFromEnvironment` }, { fn: `${OLLAMA_API}.NewClient` }] }],
  sites: [
    { type: 'ollama-go.Client', path: ['Chat'], api: 'chat', stream: true },
    { type: 'ollama-go.Client', path: ['Generate'], api: 'completion', stream: true },
    { type: 'ollama-go.Client', path: ['Embed'], api: 'embeddings' },
    { type: 'ollama-go.Client', path: ['Embeddings'], api: 'embeddings' },
  ],
};

/**
 * A community Perplexity client (github.com/sgaunet/perplexity-go, v2 README, checked 2026-12-07): `perplexity.NewClient
 * (key)`, then `SendCompletionRequest(req)` or the streamed `SendSSEHTTPRequest(&wg, req, ch)`; the model is the
 * request's `WithModel(…)` option.
 */
const PERPLEXITY_GO = 'github.com/sgaunet/perplexity-go';
const perplexityGo: LanguageSdk = {
  id: 'perplexity-go',
  language: 'go',
  modules: [PERPLEXITY_GO],
  goPackages: { [PERPLEXITY_GO]: 'perplexity' },
  types: [{ id: 'perplexity-go.Client', provider: 'other', via: 'sdk', names: [`${PERPLEXITY_GO}.Client`], make: [{ fn: `${PERPLEXITY_GO}.NewClient` }] }],
  sites: [
    { type: 'perplexity-go.Client', path: ['SendCompletionRequest'], api: 'chat' },
    { type: 'perplexity-go.Client', path: ['SendSSEHTTPRequest'], api: 'chat', stream: true },
  ],
};

export const GO_SDKS: readonly LanguageSdk[] = [openaiGo, anthropicGo, genaiGo, legacyGenaiGo, bedrockRuntimeGo, langchainGo, ollamaGo, perplexityGo];
