/**
 * PHP packages as data. Sources (read 2026-12-06, see /work/research/sdk-surfaces/php.md): openai-php/client @ eace7a5
 * (src/OpenAI.php, src/Factory.php, src/Client.php, src/Resources/*.php), openai-php/laravel @ 6738fc2 (the `OpenAI`
 * facade, `OpenAI::fake()`, the `openai` container binding), anthropics/anthropic-sdk-php @ 475a134 (src/Client.php,
 * Bedrock/Vertex/Foundry/GoogleCloud/Aws clients, Services/MessagesService.php, Services/Beta/*), the AWS SDK for PHP
 * Bedrock Runtime client (`Aws\BedrockRuntime\BedrockRuntimeClient`, `Aws\Sdk::createBedrockRuntime`, operations
 * `converse`/`converseStream`/`invokeModel`/`invokeModelWithResponseStream` and their `…Async` forms) and async-aws's
 * `AsyncAws\BedrockRuntime\BedrockRuntimeClient`, theodo-group/LLPhant @ 963cd0a (src/Chat/*Chat.php,
 * Embeddings/EmbeddingGenerator/*, Audio/OpenAIAudio.php, Query/SemanticSearch/*).
 *
 * A static call is written `Class.method` (`OpenAI.client`), a class `Vendor\Namespace\Class`.
 */
import type { LanguageSdk, SiteSpec, TypeSpec } from '../types';

const on = (type: string, paths: readonly (readonly string[])[], rest: Omit<SiteSpec, 'type' | 'path'>): SiteSpec[] => paths.map((path) => ({ type, path, fallback: path.length > 1, ...rest }));

const openaiPhp: LanguageSdk = {
  id: 'openai-php',
  language: 'php',
  modules: ['OpenAI'],
  types: [
    {
      id: 'openai-php.Client',
      provider: 'openai',
      via: 'sdk',
      baseUrlDecides: true,
      names: ['OpenAI\\Client', 'OpenAI\\Contracts\\ClientContract'],
      fakedBy: ['fake'],
      make: [
        { fn: 'OpenAI.client' },
        { newOf: 'OpenAI\\Client' },
        { from: { type: 'openai-php.Factory', path: ['make'] }, keepsReceiver: true },
        // openai-php/laravel: the facade, and the container binding `app('openai')` / `resolve('openai')`.
        { staticOf: 'OpenAI\\Laravel\\Facades\\OpenAI' },
        { fn: 'app', withArg: 'openai' },
        { fn: 'resolve', withArg: 'openai' },
      ],
    },
    { id: 'openai-php.Factory', provider: 'openai', via: 'sdk', fluent: true, make: [{ fn: 'OpenAI.factory' }, { newOf: 'OpenAI\\Factory' }] },
  ],
  sites: [
    ...on('openai-php.Client', [['chat', 'create']], { api: 'chat' }),
    ...on('openai-php.Client', [['chat', 'createStreamed']], { api: 'chat', stream: true }),
    ...on('openai-php.Client', [['completions', 'create'], ['edits', 'create']], { api: 'completion' }),
    ...on('openai-php.Client', [['completions', 'createStreamed']], { api: 'completion', stream: true }),
    ...on('openai-php.Client', [['responses', 'create']], { api: 'responses' }),
    ...on('openai-php.Client', [['responses', 'createStreamed']], { api: 'responses', stream: true }),
    ...on('openai-php.Client', [['embeddings', 'create']], { api: 'embeddings' }),
    ...on('openai-php.Client', [['images', 'create'], ['images', 'edit'], ['images', 'variation']], { api: 'images' }),
    ...on('openai-php.Client', [['images', 'createStreamed'], ['images', 'editStreamed']], { api: 'images', stream: true }),
    ...on('openai-php.Client', [['audio', 'speech'], ['audio', 'transcribe'], ['audio', 'translate']], { api: 'audio' }),
    ...on('openai-php.Client', [['audio', 'speechStreamed'], ['audio', 'transcribeStreamed']], { api: 'audio', stream: true }),
    ...on('openai-php.Client', [['threads', 'createAndRun'], ['threads', 'runs', 'create'], ['threads', 'runs', 'submitToolOutputs']], { api: 'chat' }),
    ...on('openai-php.Client', [['threads', 'createAndRunStreamed'], ['threads', 'runs', 'createStreamed'], ['threads', 'runs', 'submitToolOutputsStreamed']], { api: 'chat', stream: true }),
  ],
};

const ANTHROPIC_CLIENTS: readonly TypeSpec[] = [
  { id: 'anthropic-php.Client', provider: 'anthropic', via: 'sdk', names: ['Anthropic\\Client'], make: [{ newOf: 'Anthropic\\Client' }] },
  {
    id: 'anthropic-php.Bedrock',
    provider: 'bedrock',
    via: 'sdk',
    names: ['Anthropic\\Bedrock\\Client', 'Anthropic\\Aws\\Client'],
    make: [
      { fn: 'Anthropic\\Bedrock\\Client.fromEnvironment' }, { fn: 'Anthropic\\Bedrock\\Client.withCredentials' }, { newOf: 'Anthropic\\Bedrock\\Client' },
      { fn: 'Anthropic\\Aws\\Client.fromEnvironment' }, { newOf: 'Anthropic\\Aws\\Client' },
    ],
  },
  {
    id: 'anthropic-php.Google',
    provider: 'google',
    via: 'sdk',
    names: ['Anthropic\\Vertex\\Client', 'Anthropic\\GoogleCloud\\Client'],
    make: [{ fn: 'Anthropic\\Vertex\\Client.fromEnvironment' }, { newOf: 'Anthropic\\Vertex\\Client' }, { fn: 'Anthropic\\GoogleCloud\\Client.fromEnvironment' }, { newOf: 'Anthropic\\GoogleCloud\\Client' }],
  },
  { id: 'anthropic-php.Foundry', provider: 'other', via: 'sdk', names: ['Anthropic\\Foundry\\Client'], make: [{ fn: 'Anthropic\\Foundry\\Client.fromEnvironment' }, { newOf: 'Anthropic\\Foundry\\Client' }] },
];

const anthropicPhp: LanguageSdk = {
  id: 'anthropic-sdk-php',
  language: 'php',
  modules: ['Anthropic'],
  types: ANTHROPIC_CLIENTS,
  sites: ANTHROPIC_CLIENTS.flatMap((t) => [
    ...on(t.id, [['messages', 'create'], ['beta', 'messages', 'create'], ['beta', 'messages', 'toolRunner']], { api: 'messages' }),
    ...on(t.id, [['messages', 'createStream'], ['beta', 'messages', 'createStream']], { api: 'messages', stream: true }),
    ...on(t.id, [['completions', 'create']], { api: 'completion' }),
    ...on(t.id, [['completions', 'createStream']], { api: 'completion', stream: true }),
    // Managed Agents: sending a user event makes the agent run.
    ...on(t.id, [['beta', 'sessions', 'events', 'send']], { api: 'messages' }),
  ]),
};

const BEDROCK_CLIENTS = ['Aws\\BedrockRuntime\\BedrockRuntimeClient', 'AsyncAws\\BedrockRuntime\\BedrockRuntimeClient'];

const awsPhp: LanguageSdk = {
  id: 'aws-sdk-php-bedrockruntime',
  language: 'php',
  modules: ['Aws', 'AsyncAws'],
  types: [
    { id: 'bedrock-php.Client', provider: 'bedrock', via: 'sdk', names: BEDROCK_CLIENTS, make: [...BEDROCK_CLIENTS.map((newOf) => ({ newOf })), { from: { type: 'aws-php.Sdk', path: ['createBedrockRuntime'] } }] },
    { id: 'aws-php.Sdk', provider: 'bedrock', via: 'sdk', names: ['Aws\\Sdk'], make: [{ newOf: 'Aws\\Sdk' }] },
  ],
  sites: [
    ...on('bedrock-php.Client', [['converse'], ['converseAsync']], { api: 'chat' }),
    ...on('bedrock-php.Client', [['converseStream'], ['converseStreamAsync']], { api: 'chat', stream: true }),
    ...on('bedrock-php.Client', [['invokeModel'], ['invokeModelAsync']], { api: 'generate' }),
    ...on('bedrock-php.Client', [['invokeModelWithResponseStream'], ['invokeModelWithResponseStreamAsync']], { api: 'generate', stream: true }),
  ],
};

const LLPHANT_CHATS: readonly (readonly [string, TypeSpec['provider']])[] = [['OpenAIChat', 'openai'], ['AnthropicChat', 'anthropic'], ['MistralAIChat', 'mistral'], ['OllamaChat', 'ollama'], ['GPT4Turbo', 'openai']];
const LLPHANT_EMBEDDERS: readonly (readonly [string, TypeSpec['provider']])[] = [
  ['OpenAI\\OpenAIADA002EmbeddingGenerator', 'openai'], ['OpenAI\\OpenAI3SmallEmbeddingGenerator', 'openai'], ['OpenAI\\OpenAI3LargeEmbeddingGenerator', 'openai'],
  ['Mistral\\MistralEmbeddingGenerator', 'mistral'], ['Ollama\\OllamaEmbeddingGenerator', 'ollama'],
];
const LL = 'LLPhant';

const llphant: LanguageSdk = {
  id: 'llphant',
  language: 'php',
  modules: ['LLPhant'],
  types: [
    { id: 'llphant.Chat', provider: 'other', via: 'langchain', names: [`${LL}\\Chat\\ChatInterface`], make: LLPHANT_CHATS.map(([c, provider]) => ({ newOf: `${LL}\\Chat\\${c}`, provider })) },
    { id: 'llphant.Embedder', provider: 'other', via: 'langchain', make: LLPHANT_EMBEDDERS.map(([c, provider]) => ({ newOf: `${LL}\\Embeddings\\EmbeddingGenerator\\${c}`, provider })) },
    { id: 'llphant.Audio', provider: 'openai', via: 'langchain', make: [{ newOf: `${LL}\\Audio\\OpenAIAudio` }] },
    {
      id: 'llphant.Query',
      provider: 'other',
      via: 'langchain',
      make: [
        { newOf: `${LL}\\Query\\SemanticSearch\\QuestionAnswering`, wraps: { pos: 2, keys: ['chat'] } },
        { newOf: `${LL}\\Query\\SemanticSearch\\MultiQuery`, wraps: { pos: 0, keys: ['chat'] } },
        { newOf: `${LL}\\Query\\SemanticSearch\\LLMReranker`, wraps: { pos: 0, keys: ['chat'] } },
      ],
    },
  ],
  sites: [
    ...on('llphant.Chat', [['generateText'], ['generateTextOrReturnFunctionCalled'], ['generateChat'], ['generateChatOrReturnFunctionCalled']], { api: 'chat' }),
    ...on('llphant.Chat', [['generateStreamOfText'], ['generateChatStream']], { api: 'chat', stream: true }),
    ...on('llphant.Embedder', [['embedText'], ['embedDocuments'], ['embedDocument']], { api: 'embeddings' }),
    ...on('llphant.Audio', [['transcribe']], { api: 'audio' }),
    ...on('llphant.Query', [['answerQuestion'], ['answerQuestionStream'], ['answerQuestionFromChat'], ['transformQuery'], ['transformDocuments']], { api: 'chat' }),
  ],
};

export const PHP_SDKS: readonly LanguageSdk[] = [openaiPhp, anthropicPhp, awsPhp, llphant];
