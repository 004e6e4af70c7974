/**
 * C# SDKs and frameworks as data. Sources (read 2026-12-06, see /work/research/sdk-surfaces/csharp.md):
 * openai/openai-dotnet @ b3b4bbb (src/Custom/Chat/ChatClient.cs, Embeddings/, Images/, Audio/, Assistants/,
 * OpenAI.Responses ResponsesClient.cs, Realtime/); Azure.AI.OpenAI (AzureOpenAIClient: the same sub-clients);
 * anthropics/anthropic-sdk-csharp @ 0be2cd1 (src/Anthropic/Services/MessageService.cs, Beta/, Anthropic.Bedrock,
 * Anthropic.Vertex, Anthropic.Foundry); Microsoft.Extensions.AI (IChatClient, IEmbeddingGenerator); Microsoft Agent
 * Framework (AIAgent RunAsync/RunStreamingAsync, AsAIAgent); microsoft/semantic-kernel @ b39d95a (Kernel.CreateBuilder,
 * Add*ChatCompletion, InvokePromptAsync, IChatCompletionService); OllamaSharp (OllamaApiClient, IOllamaApiClient: ChatAsync,
 * GenerateAsync, EmbedAsync; Chat.SendAsync/SendAsAsync, per its README); Azure.AI.Agents.Persistent
 * (Runs.CreateRun); LlmTornado (TornadoApi, Conversation).
 */
import type { LanguageSdk, MakeSpec, SiteSpec, TypeSpec } from '../types';

/** A .NET method and its `…Async` twin. */
const both = (names: readonly string[]): string[] => names.flatMap((n) => [n, `${n}Async`]);
const sites = (type: string, names: readonly string[], rest: Omit<SiteSpec, 'type' | 'path'>): SiteSpec[] => both(names).map((n) => ({ type, path: [n], ...rest }));
const subSites = (type: string, prefix: readonly string[], names: readonly string[], rest: Omit<SiteSpec, 'type' | 'path'>): SiteSpec[] => both(names).map((n) => ({ type, path: [...prefix, n], fallback: true, ...rest }));

/** The OpenAI .NET sub-clients: type, class name, the factory method on OpenAIClient/AzureOpenAIClient, whether the model is its first argument. */
const SUB_CLIENTS: readonly (readonly [string, string, string, boolean])[] = [
  ['ChatClient', 'OpenAI.Chat.ChatClient', 'GetChatClient', true],
  ['EmbeddingClient', 'OpenAI.Embeddings.EmbeddingClient', 'GetEmbeddingClient', true],
  ['ImageClient', 'OpenAI.Images.ImageClient', 'GetImageClient', true],
  ['AudioClient', 'OpenAI.Audio.AudioClient', 'GetAudioClient', true],
  ['ResponsesClient', 'OpenAI.Responses.ResponsesClient', 'GetResponsesClient', false],
  ['OpenAIResponseClient', 'OpenAI.Responses.OpenAIResponseClient', 'GetOpenAIResponseClient', true],
  ['AssistantClient', 'OpenAI.Assistants.AssistantClient', 'GetAssistantClient', false],
  ['VideoClient', 'OpenAI.Videos.VideoClient', 'GetVideoClient', false],
  ['RealtimeClient', 'OpenAI.Realtime.RealtimeClient', 'GetRealtimeClient', false],
];
const ROOTS = ['openai-dotnet.OpenAIClient', 'azure.AzureOpenAIClient'];

const subClient = ([id, cls, factory, model]: readonly [string, string, string, boolean]): TypeSpec => ({
  id: `openai-dotnet.${id}`, provider: 'openai', via: 'sdk', baseUrlDecides: true, names: [cls],
  make: [
    { newOf: cls, ...(model ? { model: { pos: 0, keys: ['model', 'deploymentName'] } } : {}) },
    ...ROOTS.map((type): MakeSpec => ({ from: { type, path: [factory] }, keepsReceiver: true, ...(model ? { model: { pos: 0, keys: ['model', 'deploymentName'] } } : {}) })),
  ],
});

const openaiDotnet: LanguageSdk = {
  id: 'openai-dotnet',
  language: 'csharp',
  modules: ['OpenAI'],
  types: [
    { id: 'openai-dotnet.OpenAIClient', provider: 'openai', via: 'sdk', baseUrlDecides: true, names: ['OpenAI.OpenAIClient'], make: [{ newOf: 'OpenAI.OpenAIClient' }] },
    ...SUB_CLIENTS.map(subClient),
    { id: 'openai-dotnet.RealtimeSession', provider: 'openai', via: 'sdk', names: ['OpenAI.Realtime.RealtimeSessionClient', 'OpenAI.Realtime.RealtimeSession'], make: [{ from: { type: 'openai-dotnet.RealtimeClient', path: ['StartConversationSessionAsync'] }, model: { pos: 0, keys: ['model'] }, keepsReceiver: true }, { from: { type: 'openai-dotnet.RealtimeClient', path: ['StartConversationSession'] }, model: { pos: 0, keys: ['model'] }, keepsReceiver: true }] },
  ],
  sites: [
    ...sites('openai-dotnet.ChatClient', ['CompleteChat'], { api: 'chat' }),
    ...sites('openai-dotnet.ChatClient', ['CompleteChatStreaming'], { api: 'chat', stream: true }),
    ...sites('openai-dotnet.EmbeddingClient', ['GenerateEmbedding', 'GenerateEmbeddings'], { api: 'embeddings' }),
    ...sites('openai-dotnet.ImageClient', ['GenerateImage', 'GenerateImages', 'GenerateImageEdit', 'GenerateImageEdits', 'GenerateImageVariation', 'GenerateImageVariations'], { api: 'images' }),
    ...sites('openai-dotnet.AudioClient', ['GenerateSpeech', 'TranscribeAudio', 'TranscribeAudioDiarized', 'TranslateAudio'], { api: 'audio' }),
    ...sites('openai-dotnet.AudioClient', ['GenerateSpeechStreaming', 'TranscribeAudioStreaming'], { api: 'audio', stream: true }),
    ...['openai-dotnet.ResponsesClient', 'openai-dotnet.OpenAIResponseClient'].flatMap((t) => [
      ...sites(t, ['CreateResponse'], { api: 'responses', model: { pos: 0, keys: ['model'] } }),
      ...sites(t, ['CreateResponseStreaming'], { api: 'responses', stream: true, model: { pos: 0, keys: ['model'] } }),
    ]),
    ...sites('openai-dotnet.AssistantClient', ['CreateRun', 'CreateThreadAndRun', 'SubmitToolOutputsToRun'], { api: 'chat' }),
    ...sites('openai-dotnet.AssistantClient', ['CreateRunStreaming', 'CreateThreadAndRunStreaming', 'SubmitToolOutputsToRunStreaming'], { api: 'chat', stream: true }),
    ...sites('openai-dotnet.VideoClient', ['CreateVideo'], { api: 'images' }),
    ...sites('openai-dotnet.RealtimeSession', ['StartResponse', 'SendInputAudio'], { api: 'audio' }),
  ],
  modelParams: { 'OpenAI.Responses.CreateResponseOptions': 0, 'OpenAI.Responses.ResponseCreationOptions': 0 },
};

const azureOpenAI: LanguageSdk = {
  id: 'azure-ai-openai',
  language: 'csharp',
  modules: ['Azure.AI.OpenAI'],
  types: [{ id: 'azure.AzureOpenAIClient', provider: 'azure-openai', via: 'sdk', names: ['Azure.AI.OpenAI.AzureOpenAIClient'], make: [{ newOf: 'Azure.AI.OpenAI.AzureOpenAIClient' }] }],
  sites: [],
};

const ANTHROPIC_CLIENTS: readonly TypeSpec[] = [
  { id: 'anthropic-cs.Client', provider: 'anthropic', via: 'sdk', names: ['Anthropic.AnthropicClient', 'Anthropic.IAnthropicClient'], make: [{ newOf: 'Anthropic.AnthropicClient' }] },
  { id: 'anthropic-cs.Bedrock', provider: 'bedrock', via: 'sdk', names: ['Anthropic.Bedrock.AnthropicBedrockClient', 'Anthropic.Bedrock.AnthropicBedrockMantleClient'], make: [{ newOf: 'Anthropic.Bedrock.AnthropicBedrockClient' }, { newOf: 'Anthropic.Bedrock.AnthropicBedrockMantleClient' }] },
  { id: 'anthropic-cs.Vertex', provider: 'google', via: 'sdk', names: ['Anthropic.Vertex.AnthropicVertexClient'], make: [{ newOf: 'Anthropic.Vertex.AnthropicVertexClient' }] },
  { id: 'anthropic-cs.Foundry', provider: 'other', via: 'sdk', names: ['Anthropic.Foundry.AnthropicFoundryClient'], make: [{ newOf: 'Anthropic.Foundry.AnthropicFoundryClient' }] },
];

const anthropicCs: LanguageSdk = {
  id: 'anthropic-sdk-csharp',
  language: 'csharp',
  modules: ['Anthropic'],
  types: ANTHROPIC_CLIENTS,
  sites: ANTHROPIC_CLIENTS.flatMap((t) => [
    ...subSites(t.id, ['Messages'], ['Create'], { api: 'messages' }),
    ...subSites(t.id, ['Messages'], ['CreateStreaming'], { api: 'messages', stream: true }),
    ...subSites(t.id, ['Beta', 'Messages'], ['Create', 'ToolRunner'], { api: 'messages' }),
    ...subSites(t.id, ['Beta', 'Messages'], ['CreateStreaming'], { api: 'messages', stream: true }),
    ...subSites(t.id, ['Beta', 'Sessions', 'Events'], ['Send'], { api: 'messages' }),
  ]),
};

// ----------------------------------------------------------------------------------------------------------------
// Microsoft.Extensions.AI, Microsoft Agent Framework, OllamaSharp
// ----------------------------------------------------------------------------------------------------------------

const MEAI = 'Microsoft.Extensions.AI';
const CHAT_BUILDER = ['AsBuilder', 'UseFunctionInvocation', 'UseOpenTelemetry', 'UseLogging', 'UseDistributedCache', 'UseChatReducer', 'ConfigureOptions', 'Use', 'Build'];
const ASI_FROM: readonly string[] = ['openai-dotnet.ChatClient', 'openai-dotnet.ResponsesClient', 'openai-dotnet.OpenAIResponseClient', 'anthropic-cs.Client', 'anthropic-cs.Bedrock', 'anthropic-cs.Vertex', 'anthropic-cs.Foundry'];

const meai: LanguageSdk = {
  id: 'microsoft-extensions-ai',
  language: 'csharp',
  modules: [MEAI, 'OllamaSharp', 'Microsoft.Agents.AI'],
  types: [
    {
      id: 'meai.IChatClient', provider: 'other', via: 'langchain', passthrough: CHAT_BUILDER, names: [`${MEAI}.IChatClient`],
      make: [
        ...ASI_FROM.map((type): MakeSpec => ({ from: { type, path: ['AsIChatClient'] }, model: { pos: 0, keys: ['modelId', 'model'] }, keepsReceiver: true })),
        ...ASI_FROM.map((type): MakeSpec => ({ from: { type, path: ['Beta', 'AsIChatClient'] }, model: { pos: 0, keys: ['modelId', 'model'] }, keepsReceiver: true })),
        { newOf: `${MEAI}.ChatClientBuilder`, wraps: { pos: 0 } },
      ],
    },
    { id: 'meai.IEmbeddingGenerator', provider: 'other', via: 'langchain', names: [`${MEAI}.IEmbeddingGenerator`], make: [{ from: { type: 'openai-dotnet.EmbeddingClient', path: ['AsIEmbeddingGenerator'] }, keepsReceiver: true }, { newOf: 'OllamaSharp.OllamaEmbeddingGenerator', provider: 'ollama', model: { pos: 1, keys: ['defaultModel'] } }] },
    // OllamaSharp's client is an IChatClient too (GetResponseAsync, AsAIAgent, a ChatClientBuilder's inner client) and
    // has its own API: ChatAsync and GenerateAsync stream, EmbedAsync; `new Chat(client)` keeps a conversation (SendAsync).
    {
      id: 'ollama.ApiClient', provider: 'ollama', via: 'langchain', passthrough: CHAT_BUILDER, names: ['OllamaSharp.OllamaApiClient', 'OllamaSharp.IOllamaApiClient'],
      make: [{ newOf: 'OllamaSharp.OllamaApiClient', provider: 'ollama', model: { pos: 1, keys: ['defaultModel'] } }],
    },
    { id: 'ollama.Chat', provider: 'ollama', via: 'langchain', names: ['OllamaSharp.Chat'], make: [{ newOf: 'OllamaSharp.Chat', wraps: { pos: 0, keys: ['client'] } }, { from: { type: 'ollama.ApiClient', path: ['Chat'] }, keepsReceiver: true }] },
    {
      id: 'maf.AIAgent', provider: 'other', via: 'langchain', passthrough: ['AsBuilder', 'Use', 'UseOpenTelemetry', 'UseLogging', 'UseFunctionInvocation', 'Build'], names: ['Microsoft.Agents.AI.AIAgent', 'Microsoft.Agents.AI.ChatClientAgent'],
      make: [
        ...['meai.IChatClient', 'ollama.ApiClient', ...ASI_FROM, 'maf.Workflow'].flatMap((type): MakeSpec[] => ['AsAIAgent', 'CreateAIAgent'].map((m) => ({ from: { type, path: [m] }, keepsReceiver: true }))),
        { from: { type: 'azure.AIProjectClient', path: ['AsAIAgent'] }, keepsReceiver: true, model: { keys: ['model'] } },
        { newOf: 'Microsoft.Agents.AI.ChatClientAgent', wraps: { pos: 0 } },
        // The agent extensions read only this way: a receiver from another file is still a chat client.
        { anyReceiver: 'AsAIAgent' }, { anyReceiver: 'CreateAIAgent' },
      ],
    },
    { id: 'maf.Workflow', provider: 'other', via: 'langchain', make: ['BuildSequential', 'BuildConcurrent'].map((m) => ({ fn: `Microsoft.Agents.AI.Workflows.AgentWorkflowBuilder.${m}`, wraps: { pos: 0 } })) },
    { id: 'azure.AIProjectClient', provider: 'azure-openai', via: 'sdk', names: ['Azure.AI.Projects.AIProjectClient'], make: [{ newOf: 'Azure.AI.Projects.AIProjectClient' }] },
  ],
  sites: [
    ...sites('meai.IChatClient', ['GetResponse', 'Complete'], { api: 'chat' }),
    ...sites('meai.IChatClient', ['GetStreamingResponse', 'CompleteStreaming'], { api: 'chat', stream: true }),
    ...sites('meai.IEmbeddingGenerator', ['Generate', 'GenerateVector', 'GenerateEmbedding', 'GenerateEmbeddingVector'], { api: 'embeddings' }),
    ...sites('ollama.ApiClient', ['GetResponse'], { api: 'chat' }),
    ...sites('ollama.ApiClient', ['GetStreamingResponse'], { api: 'chat', stream: true }),
    // (`ollama.Chat(…)` of OllamaSharp 1.x–2.x makes a Chat: not a request.)
    { type: 'ollama.ApiClient', path: ['ChatAsync'], api: 'chat', stream: true },
    ...sites('ollama.ApiClient', ['Generate', 'StreamCompletion'], { api: 'completion', stream: true }),
    // OllamaSharp 1.x–2.x: SendChat, GetCompletion, GenerateEmbeddings.
    ...sites('ollama.ApiClient', ['SendChat'], { api: 'chat' }),
    ...sites('ollama.ApiClient', ['GetCompletion'], { api: 'completion' }),
    ...sites('ollama.ApiClient', ['Embed', 'GenerateEmbeddings'], { api: 'embeddings' }),
    ...sites('ollama.Chat', ['Send', 'SendAs'], { api: 'chat', stream: true }),
    ...sites('maf.AIAgent', ['Run'], { api: 'chat' }),
    ...sites('maf.AIAgent', ['RunStreaming'], { api: 'chat', stream: true }),
  ],
};

// ----------------------------------------------------------------------------------------------------------------
// Semantic Kernel
// ----------------------------------------------------------------------------------------------------------------

const SK = 'Microsoft.SemanticKernel';
const SK_MODEL = { pos: 0, keys: ['modelId', 'deploymentName'] };
/** Connector services by class: chat completion (also text generation: the same request), and text embedding. */
const SK_SERVICES: readonly (readonly [string, TypeSpec['provider']])[] = [
  [`${SK}.Connectors.OpenAI.OpenAIChatCompletionService`, 'openai'], [`${SK}.Connectors.AzureOpenAI.AzureOpenAIChatCompletionService`, 'azure-openai'],
  [`${SK}.Connectors.MistralAI.MistralAIChatCompletionService`, 'mistral'], [`${SK}.Connectors.Google.GoogleAIGeminiChatCompletionService`, 'google'],
  [`${SK}.Connectors.Google.VertexAIGeminiChatCompletionService`, 'google'], [`${SK}.Connectors.Ollama.OllamaChatCompletionService`, 'ollama'],
];
const SK_EMBEDDING_SERVICES: readonly (readonly [string, TypeSpec['provider']])[] = [
  [`${SK}.Connectors.OpenAI.OpenAITextEmbeddingGenerationService`, 'openai'], [`${SK}.Connectors.AzureOpenAI.AzureOpenAITextEmbeddingGenerationService`, 'azure-openai'],
  [`${SK}.Connectors.MistralAI.MistralAITextEmbeddingGenerationService`, 'mistral'], [`${SK}.Connectors.Google.GoogleAITextEmbeddingGenerationService`, 'google'],
  [`${SK}.Connectors.Google.VertexAITextEmbeddingGenerationService`, 'google'], [`${SK}.Connectors.Ollama.OllamaTextEmbeddingGenerationService`, 'ollama'],
];
/** One catalogue type per connector class: a field or parameter typed with it names its provider. */
const skService = (kind: string) => ([cls, provider]: readonly [string, TypeSpec['provider']]): TypeSpec => ({
  id: `sk.${kind}.${cls.slice(cls.lastIndexOf('.') + 1)}`, provider, via: 'langchain', names: [cls], make: [{ newOf: cls, provider, model: SK_MODEL }],
});
const SK_CHAT_TYPES = SK_SERVICES.map(skService('chat'));
const SK_EMBEDDING_TYPES = SK_EMBEDDING_SERVICES.map(skService('embedding'));
const SK_TEXT = ['GetTextContent', 'GetTextContents'];
const SK_EMBED = ['GenerateEmbedding', 'GenerateEmbeddings'];

const semanticKernel: LanguageSdk = {
  id: 'semantic-kernel',
  language: 'csharp',
  modules: [SK],
  types: [
    { id: 'sk.KernelBuilder', provider: 'other', via: 'langchain', fluent: true, names: [`${SK}.IKernelBuilder`], make: [{ fn: `${SK}.Kernel.CreateBuilder` }] },
    { id: 'sk.Kernel', provider: 'other', via: 'langchain', passthrough: ['Clone'], names: [`${SK}.Kernel`], make: [{ from: { type: 'sk.KernelBuilder', path: ['Build'] }, keepsReceiver: true }, { newOf: `${SK}.Kernel` }] },
    // A prompt function runs the model when invoked (`fn.InvokeAsync(kernel, args)`); a KernelFunction of unknown
    // making (a native function, a plugin's) is not one, so the type has no names.
    {
      id: 'sk.PromptFunction', provider: 'other', via: 'langchain',
      make: [
        ...['CreateFunctionFromPrompt', 'CreateFunctionFromPromptYaml'].map((m): MakeSpec => ({ from: { type: 'sk.Kernel', path: [m] }, keepsReceiver: true })),
        ...['KernelFunctionFactory.CreateFromPrompt', 'KernelFunctionYaml.FromPromptYaml'].map((f): MakeSpec => ({ fn: `${SK}.${f}` })),
      ],
    },
    {
      id: 'sk.ChatService', provider: 'other', via: 'langchain', names: [`${SK}.ChatCompletion.IChatCompletionService`],
      make: [
        ...['GetRequiredService', 'GetService'].map((m): MakeSpec => ({ from: { type: 'sk.Kernel', path: [m] }, keepsReceiver: true })),
        ...['meai.IChatClient', 'ollama.ApiClient'].map((type): MakeSpec => ({ from: { type, path: ['AsChatCompletionService'] }, keepsReceiver: true })),
      ],
    },
    // Resolved by type from the kernel (`kernel.GetRequiredService<ITextGenerationService>()`) or handed in.
    { id: 'sk.TextService', provider: 'other', via: 'langchain', names: [`${SK}.TextGeneration.ITextGenerationService`] },
    { id: 'sk.EmbeddingService', provider: 'other', via: 'langchain', names: [`${SK}.Embeddings.ITextEmbeddingGenerationService`, `${SK}.Embeddings.IEmbeddingGenerationService`] },
    ...SK_CHAT_TYPES,
    ...SK_EMBEDDING_TYPES,
  ],
  sites: [
    ...sites('sk.Kernel', ['InvokePrompt', 'Invoke'], { api: 'chat' }),
    ...sites('sk.Kernel', ['InvokePromptStreaming', 'InvokeStreaming'], { api: 'chat', stream: true }),
    // `InvokeAsync(kernel, arguments)`: a string there is a project's own extension method (its inner call is the site).
    ...sites('sk.PromptFunction', ['Invoke'], { api: 'chat', notString: 1 }),
    ...sites('sk.PromptFunction', ['InvokeStreaming'], { api: 'chat', stream: true, notString: 1 }),
    ...['sk.ChatService', ...SK_CHAT_TYPES.map((t) => t.id)].flatMap((t) => [
      ...sites(t, ['GetChatMessageContent', 'GetChatMessageContents'], { api: 'chat' }),
      ...sites(t, ['GetStreamingChatMessageContents'], { api: 'chat', stream: true }),
    ]),
    // A chat completion service generates text with the same chat request.
    ...SK_CHAT_TYPES.flatMap((t) => [...sites(t.id, SK_TEXT, { api: 'chat' }), ...sites(t.id, ['GetStreamingTextContents'], { api: 'chat', stream: true })]),
    ...sites('sk.TextService', SK_TEXT, { api: 'completion' }),
    ...sites('sk.TextService', ['GetStreamingTextContents'], { api: 'completion', stream: true }),
    ...['sk.EmbeddingService', ...SK_EMBEDDING_TYPES.map((t) => t.id)].flatMap((t) => sites(t, SK_EMBED, { api: 'embeddings' })),
  ],
  markers: [
    { name: '.AddAzureOpenAIChatCompletion', provider: 'azure-openai' }, { name: '.AddAzureOpenAIChatClient', provider: 'azure-openai' },
    { name: '.AddOpenAIChatCompletion', provider: 'openai' }, { name: '.AddOpenAIChatClient', provider: 'openai' },
    { name: '.AddOllamaChatCompletion', provider: 'ollama' }, { name: '.AddOllamaChatClient', provider: 'ollama' },
    { name: '.AddGoogleAIGeminiChatCompletion', provider: 'google' }, { name: '.AddVertexAIGeminiChatCompletion', provider: 'google' },
    { name: '.AddMistralChatCompletion', provider: 'mistral' }, { name: '.AddBedrockChatCompletionService', provider: 'bedrock' },
  ],
};

// ----------------------------------------------------------------------------------------------------------------
// Azure AI Foundry persistent agents, LlmTornado
// ----------------------------------------------------------------------------------------------------------------

const persistentAgents: LanguageSdk = {
  id: 'azure-ai-agents-persistent',
  language: 'csharp',
  modules: ['Azure.AI.Agents.Persistent'],
  types: [{ id: 'azure.PersistentAgentsClient', provider: 'azure-openai', via: 'sdk', names: ['Azure.AI.Agents.Persistent.PersistentAgentsClient'], make: [{ newOf: 'Azure.AI.Agents.Persistent.PersistentAgentsClient' }] }],
  sites: subSites('azure.PersistentAgentsClient', ['Runs'], ['CreateRun', 'SubmitToolOutputsToRun'], { api: 'chat' }),
};

const llmTornado: LanguageSdk = {
  id: 'llmtornado',
  language: 'csharp',
  modules: ['LlmTornado'],
  types: [
    { id: 'tornado.Api', provider: 'openai', via: 'langchain', baseUrlDecides: true, names: ['LlmTornado.TornadoApi'], make: [{ newOf: 'LlmTornado.TornadoApi' }] },
    { id: 'tornado.Conversation', provider: 'openai', via: 'langchain', names: ['LlmTornado.Chat.Conversation'], make: [{ from: { type: 'tornado.Api', path: ['Chat', 'CreateConversation'] }, keepsReceiver: true, model: { pos: 0 } }] },
  ],
  sites: [
    ...['GetResponse', 'GetResponseRich', 'GetResponseFromChatbot'].flatMap((m) => sites('tornado.Conversation', [m], { api: 'chat' })),
    ...['StreamResponse', 'StreamResponseRich'].flatMap((m) => sites('tornado.Conversation', [m], { api: 'chat', stream: true })),
  ],
  markers: [{ name: 'LlmTornado.Code.LLmProviders.AzureOpenAi', provider: 'azure-openai' }, { name: 'LlmTornado.Code.LLmProviders.Anthropic', provider: 'anthropic' }, { name: 'LlmTornado.Code.LLmProviders.Google', provider: 'google' }],
};

export const CSHARP_SDKS: readonly LanguageSdk[] = [openaiDotnet, azureOpenAI, anthropicCs, meai, semanticKernel, persistentAgents, llmTornado];
