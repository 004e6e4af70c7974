/**
 * Java SDKs and frameworks as data. Sources (read 2026-12-06, see /work/research/sdk-surfaces/java.md):
 * openai/openai-java @ 5f499c3 (openai-java-core/src/main/kotlin/com/openai/services/blocking/*, client/okhttp/,
 * openai-java-bedrock); anthropics/anthropic-sdk-java @ 8f5861c (services/blocking/*, backends in
 * anthropic-java-{bedrock,vertex,google-cloud,foundry,aws}); AWS SDK for Java v2 bedrockruntime (BedrockRuntimeClient,
 * BedrockRuntimeAsyncClient); googleapis/java-genai (Client.java, Models.java, Chats.java); spring-projects/spring-ai @
 * fd3fd6e (ChatClient.java, spring-ai-model chat/embedding/image models, models/spring-ai-*); langchain4j/langchain4j @
 * b8b809e (model builders per provider module, dev.langchain4j.model.chat/embedding/image interfaces, AiServices).
 */
import type { LanguageSdk, MakeSpec, Provider, SiteSpec, TypeSpec } from '../types';

const OPENAI = 'com.openai.client';
const ANTHROPIC = 'com.anthropic.client';
const PASS = ['async', 'sync', 'withRawResponse', 'withOptions'];

const on = (type: string, paths: readonly (readonly string[])[], rest: Omit<SiteSpec, 'type' | 'path'>): SiteSpec[] => paths.map((path) => ({ type, path, fallback: true, ...rest }));

const openaiJava: LanguageSdk = {
  id: 'openai-java',
  language: 'java',
  modules: ['com.openai'],
  types: [
    {
      id: 'openai-java.Client', provider: 'openai', via: 'sdk', baseUrlDecides: true, passthrough: PASS,
      names: [`${OPENAI}.OpenAIClient`, `${OPENAI}.OpenAIClientAsync`],
      make: [
        { fn: `${OPENAI}.okhttp.OpenAIOkHttpClient.fromEnv` }, { builder: `${OPENAI}.okhttp.OpenAIOkHttpClient` },
        { fn: `${OPENAI}.okhttp.OpenAIOkHttpClientAsync.fromEnv` }, { builder: `${OPENAI}.okhttp.OpenAIOkHttpClientAsync` },
        { builder: `${OPENAI}.okhttp.BedrockOpenAIOkHttpClient`, provider: 'bedrock' }, { fn: `${OPENAI}.okhttp.BedrockOpenAIOkHttpClient.fromEnv`, provider: 'bedrock' },
        { builder: `${OPENAI}.okhttp.BedrockOpenAIOkHttpClientAsync`, provider: 'bedrock' },
      ],
    },
  ],
  sites: [
    ...on('openai-java.Client', [['chat', 'completions', 'create']], { api: 'chat' }),
    ...on('openai-java.Client', [['chat', 'completions', 'createStreaming']], { api: 'chat', stream: true }),
    ...on('openai-java.Client', [['completions', 'create']], { api: 'completion' }),
    ...on('openai-java.Client', [['completions', 'createStreaming']], { api: 'completion', stream: true }),
    ...on('openai-java.Client', [['responses', 'create'], ['responses', 'compact']], { api: 'responses' }),
    ...on('openai-java.Client', [['responses', 'createStreaming']], { api: 'responses', stream: true }),
    ...on('openai-java.Client', [['embeddings', 'create']], { api: 'embeddings' }),
    ...on('openai-java.Client', [['images', 'generate'], ['images', 'edit'], ['images', 'createVariation'], ['videos', 'create'], ['videos', 'edit'], ['videos', 'extend'], ['videos', 'remix'], ['videos', 'createCharacter']], { api: 'images' }),
    ...on('openai-java.Client', [['images', 'generateStreaming'], ['images', 'editStreaming']], { api: 'images', stream: true }),
    ...on('openai-java.Client', [['audio', 'speech', 'create'], ['audio', 'transcriptions', 'create'], ['audio', 'translations', 'create']], { api: 'audio' }),
    ...on('openai-java.Client', [['audio', 'transcriptions', 'createStreaming']], { api: 'audio', stream: true }),
    ...on('openai-java.Client', [['beta', 'threads', 'runs', 'create'], ['beta', 'threads', 'runs', 'submitToolOutputs'], ['beta', 'threads', 'createAndRun']], { api: 'chat' }),
    ...on('openai-java.Client', [['beta', 'threads', 'runs', 'createStreaming'], ['beta', 'threads', 'runs', 'submitToolOutputsStreaming'], ['beta', 'threads', 'createAndRunStreaming']], { api: 'chat', stream: true }),
  ],
  markers: [{ name: 'com.openai.azure.', provider: 'azure-openai' }],
};

const anthropicJava: LanguageSdk = {
  id: 'anthropic-sdk-java',
  language: 'java',
  modules: ['com.anthropic'],
  types: [
    {
      id: 'anthropic-java.Client', provider: 'anthropic', via: 'sdk', passthrough: PASS,
      names: [`${ANTHROPIC}.AnthropicClient`, `${ANTHROPIC}.AnthropicClientAsync`],
      make: [
        { fn: `${ANTHROPIC}.okhttp.AnthropicOkHttpClient.fromEnv` }, { builder: `${ANTHROPIC}.okhttp.AnthropicOkHttpClient` },
        { fn: `${ANTHROPIC}.okhttp.AnthropicOkHttpClientAsync.fromEnv` }, { builder: `${ANTHROPIC}.okhttp.AnthropicOkHttpClientAsync` },
      ],
    },
  ],
  sites: [
    ...on('anthropic-java.Client', [['messages', 'create'], ['beta', 'messages', 'create'], ['beta', 'messages', 'toolRunner']], { api: 'messages' }),
    ...on('anthropic-java.Client', [['messages', 'createStreaming'], ['beta', 'messages', 'createStreaming']], { api: 'messages', stream: true }),
    ...on('anthropic-java.Client', [['completions', 'create']], { api: 'completion' }),
    ...on('anthropic-java.Client', [['completions', 'createStreaming']], { api: 'completion', stream: true }),
    ...on('anthropic-java.Client', [['beta', 'sessions', 'events', 'send']], { api: 'messages' }),
  ],
  markers: [
    { name: 'com.anthropic.bedrock.', provider: 'bedrock' },
    { name: 'com.anthropic.aws.', provider: 'bedrock' },
    { name: 'com.anthropic.vertex.', provider: 'google' },
    { name: 'com.anthropic.googlecloud.', provider: 'google' },
    { name: 'com.anthropic.foundry.', provider: 'other' },
  ],
};

const BEDROCK = 'software.amazon.awssdk.services.bedrockruntime';
const bedrockJava: LanguageSdk = {
  id: 'aws-sdk-java-v2-bedrockruntime',
  language: 'java',
  modules: [BEDROCK],
  types: [
    {
      id: 'bedrockruntime-java.Client', provider: 'bedrock', via: 'sdk',
      names: [`${BEDROCK}.BedrockRuntimeClient`, `${BEDROCK}.BedrockRuntimeAsyncClient`],
      make: [{ builder: `${BEDROCK}.BedrockRuntimeClient` }, { fn: `${BEDROCK}.BedrockRuntimeClient.create` }, { builder: `${BEDROCK}.BedrockRuntimeAsyncClient` }, { fn: `${BEDROCK}.BedrockRuntimeAsyncClient.create` }],
    },
  ],
  sites: [
    { type: 'bedrockruntime-java.Client', path: ['converse'], api: 'chat' },
    { type: 'bedrockruntime-java.Client', path: ['converseStream'], api: 'chat', stream: true },
    { type: 'bedrockruntime-java.Client', path: ['invokeModel'], api: 'generate' },
    { type: 'bedrockruntime-java.Client', path: ['invokeModelWithResponseStream'], api: 'generate', stream: true },
    { type: 'bedrockruntime-java.Client', path: ['invokeModelWithBidirectionalStream'], api: 'generate', stream: true },
    { type: 'bedrockruntime-java.Client', path: ['startAsyncInvoke'], api: 'generate' },
  ],
};

const GENAI = 'com.google.genai';
const genaiJava: LanguageSdk = {
  id: 'java-genai',
  language: 'java',
  modules: [GENAI],
  types: [
    { id: 'genai-java.Client', provider: 'google', via: 'sdk', passthrough: ['async'], names: [`${GENAI}.Client`], make: [{ newOf: `${GENAI}.Client` }, { builder: `${GENAI}.Client` }] },
    { id: 'genai-java.Chat', provider: 'google', via: 'sdk', names: [`${GENAI}.Chat`, `${GENAI}.AsyncChat`], make: [{ from: { type: 'genai-java.Client', path: ['chats', 'create'] }, model: { pos: 0 }, keepsReceiver: true }] },
  ],
  sites: [
    ...on('genai-java.Client', [['models', 'generateContent']], { api: 'generate', model: { pos: 0 } }),
    ...on('genai-java.Client', [['models', 'generateContentStream']], { api: 'generate', stream: true, model: { pos: 0 } }),
    ...on('genai-java.Client', [['models', 'embedContent']], { api: 'embeddings', model: { pos: 0 } }),
    ...on('genai-java.Client', [['models', 'generateImages'], ['models', 'editImage'], ['models', 'upscaleImage'], ['models', 'generateVideos']], { api: 'images', model: { pos: 0 } }),
    { type: 'genai-java.Chat', path: ['sendMessage'], api: 'chat' },
    { type: 'genai-java.Chat', path: ['sendMessageStream'], api: 'chat', stream: true },
  ],
};

// ----------------------------------------------------------------------------------------------------------------
// Spring AI
// ----------------------------------------------------------------------------------------------------------------

const SPRING = 'org.springframework.ai';
const SPRING_CHAT_MODELS: readonly (readonly [string, Provider])[] = [
  [`${SPRING}.openai.OpenAiChatModel`, 'openai'], [`${SPRING}.anthropic.AnthropicChatModel`, 'anthropic'], [`${SPRING}.ollama.OllamaChatModel`, 'ollama'],
  [`${SPRING}.mistralai.MistralAiChatModel`, 'mistral'], [`${SPRING}.deepseek.DeepSeekChatModel`, 'deepseek'], [`${SPRING}.bedrock.converse.BedrockProxyChatModel`, 'bedrock'],
  [`${SPRING}.google.genai.GoogleGenAiChatModel`, 'google'], [`${SPRING}.vertexai.gemini.VertexAiGeminiChatModel`, 'google'], [`${SPRING}.azure.openai.AzureOpenAiChatModel`, 'azure-openai'],
];
const SPRING_EMBEDDING_MODELS: readonly (readonly [string, Provider])[] = [
  [`${SPRING}.openai.OpenAiEmbeddingModel`, 'openai'], [`${SPRING}.ollama.OllamaEmbeddingModel`, 'ollama'], [`${SPRING}.mistralai.MistralAiEmbeddingModel`, 'mistral'],
  [`${SPRING}.vertexai.embedding.text.VertexAiTextEmbeddingModel`, 'google'], [`${SPRING}.azure.openai.AzureOpenAiEmbeddingModel`, 'azure-openai'],
];
const springType = (id: string, name: string, provider: Provider): TypeSpec => ({ id, provider, via: 'langchain', names: [name], make: [{ newOf: name }, { builder: name }] });

const springAi: LanguageSdk = {
  id: 'spring-ai',
  language: 'java',
  modules: [SPRING],
  types: [
    { id: 'spring.ChatClient', provider: 'other', via: 'langchain', names: [`${SPRING}.chat.client.ChatClient`], make: [{ fn: `${SPRING}.chat.client.ChatClient.create`, wraps: { pos: 0 } }, { builder: `${SPRING}.chat.client.ChatClient`, wraps: { pos: 0 } }, { from: { type: 'spring.ChatClientBuilder', path: ['build'] }, keepsReceiver: true }] },
    { id: 'spring.ChatClientBuilder', provider: 'other', via: 'langchain', fluent: true, names: [`${SPRING}.chat.client.ChatClient.Builder`] },
    { id: 'spring.ChatClientRequest', provider: 'other', via: 'langchain', fluent: true, make: [{ from: { type: 'spring.ChatClient', path: ['prompt'] }, keepsReceiver: true }] },
    { id: 'spring.ChatModel', provider: 'other', via: 'langchain', names: [`${SPRING}.chat.model.ChatModel`, `${SPRING}.chat.model.StreamingChatModel`] },
    { id: 'spring.EmbeddingModel', provider: 'other', via: 'langchain', names: [`${SPRING}.embedding.EmbeddingModel`] },
    { id: 'spring.ImageModel', provider: 'other', via: 'langchain', names: [`${SPRING}.image.ImageModel`, `${SPRING}.openai.OpenAiImageModel`] },
    ...SPRING_CHAT_MODELS.map(([n, p], i) => springType(`spring.ChatModel.${i}`, n, p)),
    ...SPRING_EMBEDDING_MODELS.map(([n, p], i) => springType(`spring.EmbeddingModel.${i}`, n, p)),
  ],
  sites: [
    { type: 'spring.ChatClientRequest', path: ['call'], api: 'chat' },
    { type: 'spring.ChatClientRequest', path: ['stream'], api: 'chat', stream: true },
    ...['spring.ChatModel', ...SPRING_CHAT_MODELS.map((_, i) => `spring.ChatModel.${i}`)].flatMap((t) => [
      { type: t, path: ['call'], api: 'chat' as const },
      { type: t, path: ['stream'], api: 'chat' as const, stream: true },
    ]),
    ...['spring.EmbeddingModel', ...SPRING_EMBEDDING_MODELS.map((_, i) => `spring.EmbeddingModel.${i}`)].flatMap((t) => ['embed', 'embedForResponse', 'call'].map((m) => ({ type: t, path: [m], api: 'embeddings' as const }))),
    { type: 'spring.ImageModel', path: ['call'], api: 'images' },
  ],
};

// ----------------------------------------------------------------------------------------------------------------
// LangChain4j
// ----------------------------------------------------------------------------------------------------------------

const LC4J = 'dev.langchain4j';
type Lc4jKind = 'chat' | 'embed' | 'image' | 'audio' | 'language';
/** Provider model classes: package, class names by kind, provider. */
const LC4J_MODELS: readonly (readonly [string, Provider, Partial<Record<Lc4jKind, readonly string[]>>])[] = [
  ['model.openai', 'openai', { chat: ['OpenAiChatModel', 'OpenAiStreamingChatModel', 'OpenAiResponsesChatModel', 'OpenAiResponsesStreamingChatModel'], embed: ['OpenAiEmbeddingModel'], image: ['OpenAiImageModel'], audio: ['OpenAiAudioTranscriptionModel'], language: ['OpenAiLanguageModel', 'OpenAiStreamingLanguageModel'] }],
  ['model.openaiofficial', 'openai', { chat: ['OpenAiOfficialChatModel', 'OpenAiOfficialStreamingChatModel', 'OpenAiOfficialResponsesChatModel', 'OpenAiOfficialResponsesStreamingChatModel'], embed: ['OpenAiOfficialEmbeddingModel'], image: ['OpenAiOfficialImageModel'] }],
  ['model.anthropic', 'anthropic', { chat: ['AnthropicChatModel', 'AnthropicStreamingChatModel'] }],
  ['model.azure', 'azure-openai', { chat: ['AzureOpenAiChatModel', 'AzureOpenAiStreamingChatModel'], embed: ['AzureOpenAiEmbeddingModel'], image: ['AzureOpenAiImageModel'], audio: ['AzureOpenAiAudioTranscriptionModel'], language: ['AzureOpenAiLanguageModel', 'AzureOpenAiStreamingLanguageModel'] }],
  ['model.bedrock', 'bedrock', { chat: ['BedrockChatModel', 'BedrockStreamingChatModel'], embed: ['BedrockTitanEmbeddingModel', 'BedrockCohereEmbeddingModel'] }],
  ['model.googleai', 'google', { chat: ['GoogleAiGeminiChatModel', 'GoogleAiGeminiStreamingChatModel'], embed: ['GoogleAiEmbeddingModel'], image: ['GoogleAiGeminiImageModel'] }],
  ['model.google.genai', 'google', { chat: ['GoogleGenAiChatModel', 'GoogleGenAiStreamingChatModel'], embed: ['GoogleGenAiEmbeddingModel'], image: ['GoogleGenAiImageModel'] }],
  ['model.vertexai.gemini', 'google', { chat: ['VertexAiGeminiChatModel', 'VertexAiGeminiStreamingChatModel'] }],
  ['model.vertexai', 'google', { chat: ['VertexAiGeminiChatModel', 'VertexAiGeminiStreamingChatModel'], embed: ['VertexAiEmbeddingModel'], image: ['VertexAiImageModel'] }],
  ['model.mistralai', 'mistral', { chat: ['MistralAiChatModel', 'MistralAiStreamingChatModel'], embed: ['MistralAiEmbeddingModel'] }],
  ['model.ollama', 'ollama', { chat: ['OllamaChatModel', 'OllamaStreamingChatModel'], embed: ['OllamaEmbeddingModel'], image: ['OllamaImageModel'], language: ['OllamaLanguageModel', 'OllamaStreamingLanguageModel'] }],
  ['model.huggingface', 'huggingface', { chat: ['HuggingFaceChatModel'], embed: ['HuggingFaceEmbeddingModel'], language: ['HuggingFaceLanguageModel'] }],
  ['model.github', 'other', { chat: ['GitHubModelsChatModel', 'GitHubModelsStreamingChatModel'], embed: ['GitHubModelsEmbeddingModel'] }],
  ['model.cohere', 'cohere', { embed: ['CohereEmbeddingModel'] }],
  ['model.watsonx', 'other', { chat: ['WatsonxChatModel', 'WatsonxStreamingChatModel'] }],
  ['model.localai', 'other', { chat: ['LocalAiChatModel', 'LocalAiStreamingChatModel'], embed: ['LocalAiEmbeddingModel'] }],
];
const LC4J_SITES: Readonly<Record<Lc4jKind, readonly (readonly [string, SiteSpec['api']])[]>> = {
  chat: [['chat', 'chat'], ['generate', 'chat'], ['doChat', 'chat']],
  embed: [['embed', 'embeddings'], ['embedAll', 'embeddings']],
  image: [['generate', 'images'], ['edit', 'images']],
  audio: [['transcribe', 'audio']],
  language: [['generate', 'completion']],
};
const LC4J_INTERFACES: readonly (readonly [string, Lc4jKind])[] = [
  ['model.chat.ChatModel', 'chat'], ['model.chat.ChatLanguageModel', 'chat'], ['model.chat.StreamingChatModel', 'chat'], ['model.chat.StreamingChatLanguageModel', 'chat'],
  ['model.embedding.EmbeddingModel', 'embed'], ['model.image.ImageModel', 'image'], ['model.language.LanguageModel', 'language'], ['model.audio.AudioTranscriptionModel', 'audio'],
];

const lc4jTypes: TypeSpec[] = [];
const lc4jSites: SiteSpec[] = [];
for (const [pkg, provider, kinds] of LC4J_MODELS) {
  for (const [kind, classes] of Object.entries(kinds) as [Lc4jKind, readonly string[]][]) {
    for (const cls of classes) {
      const fqn = `${LC4J}.${pkg}.${cls}`;
      const make: MakeSpec[] = [{ builder: fqn }, { newOf: fqn }, { fn: `${fqn}.withApiKey` }];
      lc4jTypes.push({ id: `lc4j.${pkg}.${cls}`, provider, via: 'langchain', names: [fqn], make });
      for (const [m, api] of LC4J_SITES[kind]) lc4jSites.push({ type: `lc4j.${pkg}.${cls}`, path: [m], api, ...(cls.includes('Streaming') ? { stream: true } : {}) });
    }
  }
}
for (const [iface, kind] of LC4J_INTERFACES) {
  lc4jTypes.push({ id: `lc4j.${iface}`, provider: 'other', via: 'langchain', names: [`${LC4J}.${iface}`] });
  for (const [m, api] of LC4J_SITES[kind]) lc4jSites.push({ type: `lc4j.${iface}`, path: [m], api });
}

const langchain4j: LanguageSdk = {
  id: 'langchain4j',
  language: 'java',
  modules: [LC4J],
  types: [
    ...lc4jTypes,
    {
      id: 'lc4j.AiService', provider: 'other', via: 'langchain',
      make: [
        { fn: `${LC4J}.service.AiServices.create`, wraps: { pos: 1 } },
        { builder: `${LC4J}.service.AiServices`, wraps: { keys: ['chatModel', 'chatLanguageModel', 'streamingChatModel', 'streamingChatLanguageModel'] } },
      ],
    },
  ],
  sites: [
    ...lc4jSites,
    { type: 'lc4j.AiService', path: ['*'], api: 'chat', except: ['toString', 'equals', 'hashCode', 'getClass', 'start', 'onNext', 'onComplete', 'onError', 'onPartialResponse', 'onCompleteResponse'] },
  ],
};

export const JAVA_SDKS: readonly LanguageSdk[] = [openaiJava, anthropicJava, bedrockJava, genaiJava, springAi, langchain4j];
