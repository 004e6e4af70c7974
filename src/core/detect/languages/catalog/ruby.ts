/**
 * Ruby gems as data. Sources (read 2026-12-06, see /work/research/sdk-surfaces/ruby.md): openai/openai-ruby @ edfb30b
 * (lib/openai/client.rb, resources/*, providers/azure.rb, providers/bedrock.rb, helpers/realtime); alexrudall/ruby-openai
 * @ 62938e0 (lib/openai/client.rb, images.rb, audio.rb, runs.rb, responses.rb: every call takes `parameters:`);
 * anthropics/anthropic-sdk-ruby @ 1e1bd2f (resources/messages.rb, beta/messages.rb, completions.rb, bedrock.rb,
 * vertex.rb, google_cloud.rb); the pre-official anthropic gem (`messages(parameters:)`, `complete(parameters:)`);
 * aws-sdk-bedrockruntime (Aws::BedrockRuntime::Client); patterns-ai-core/langchainrb @ a944fb5 (lib/langchain/llm/*,
 * assistant.rb, vectorsearch/*, output_parsers/output_fixing_parser.rb); mistral-ai and cohere-ruby as langchainrb uses them.
 *
 * Both `openai` gems define `OpenAI::Client`: the official one's resource chains and ruby-openai's `parameters:` calls are
 * told apart by the call (`requires: ['parameters']`), so one type serves both.
 */
import type { LanguageSdk, SiteSpec, TypeSpec } from '../types';

const on = (type: string, paths: readonly (readonly string[])[], rest: Omit<SiteSpec, 'type' | 'path'>): SiteSpec[] => paths.map((path) => ({ type, path, fallback: path.length > 1, ...rest }));

const openaiRuby: LanguageSdk = {
  id: 'openai-ruby',
  language: 'ruby',
  modules: ['openai', 'ruby-openai'],
  types: [
    { id: 'openai-rb.Client', provider: 'openai', via: 'sdk', baseUrlDecides: true, passthrough: ['with_options'], make: [{ fn: 'OpenAI::Client.new' }] },
    { id: 'openai-rb.Realtime', provider: 'openai', via: 'sdk', make: [{ from: { type: 'openai-rb.Client', path: ['realtime', 'connect'] }, model: { keys: ['model'] }, keepsReceiver: true }] },
    { id: 'openai-rb.RealtimeTranscription', provider: 'openai', via: 'sdk', make: [{ from: { type: 'openai-rb.Client', path: ['realtime', 'connect_transcription'] }, model: { keys: ['model'] }, keepsReceiver: true }] },
  ],
  sites: [
    // The official gem.
    ...on('openai-rb.Client', [['chat', 'completions', 'create']], { api: 'chat' }),
    ...on('openai-rb.Client', [['chat', 'completions', 'stream'], ['chat', 'completions', 'stream_raw']], { api: 'chat', stream: true }),
    ...on('openai-rb.Client', [['completions', 'create']], { api: 'completion', forbids: ['parameters'] }),
    ...on('openai-rb.Client', [['completions', 'create_streaming']], { api: 'completion', stream: true }),
    ...on('openai-rb.Client', [['responses', 'create'], ['responses', 'compact']], { api: 'responses' }),
    ...on('openai-rb.Client', [['responses', 'stream'], ['responses', 'stream_raw']], { api: 'responses', stream: true, forbids: ['response_id'] }),
    ...on('openai-rb.Client', [['embeddings', 'create']], { api: 'embeddings' }),
    ...on('openai-rb.Client', [['images', 'generate'], ['images', 'edit'], ['images', 'create_variation'], ['videos', 'create'], ['videos', 'edit'], ['videos', 'extend_'], ['videos', 'remix']], { api: 'images' }),
    ...on('openai-rb.Client', [['images', 'generate_stream_raw'], ['images', 'edit_stream_raw']], { api: 'images', stream: true }),
    ...on('openai-rb.Client', [['audio', 'speech', 'create'], ['audio', 'transcriptions', 'create'], ['audio', 'translations', 'create']], { api: 'audio' }),
    ...on('openai-rb.Client', [['audio', 'transcriptions', 'create_streaming']], { api: 'audio', stream: true }),
    ...on('openai-rb.Client', [['beta', 'threads', 'runs', 'create'], ['beta', 'threads', 'runs', 'submit_tool_outputs'], ['beta', 'threads', 'create_and_run']], { api: 'chat' }),
    ...on('openai-rb.Client', [['beta', 'threads', 'runs', 'create_stream_raw'], ['beta', 'threads', 'runs', 'submit_tool_outputs_stream_raw'], ['beta', 'threads', 'create_and_run_stream_raw']], { api: 'chat', stream: true }),
    { type: 'openai-rb.Realtime', path: ['response', 'create'], api: 'chat' },
    { type: 'openai-rb.RealtimeTranscription', path: ['input_audio_buffer', 'commit'], api: 'audio' },
    // ruby-openai: every request takes `parameters:`.
    ...on('openai-rb.Client', [['chat']], { api: 'chat', requires: ['parameters'] }),
    ...on('openai-rb.Client', [['completions']], { api: 'completion', requires: ['parameters'] }),
    ...on('openai-rb.Client', [['embeddings']], { api: 'embeddings', requires: ['parameters'] }),
    ...on('openai-rb.Client', [['images', 'generate'], ['images', 'edit'], ['images', 'variations']], { api: 'images', requires: ['parameters'] }),
    ...on('openai-rb.Client', [['audio', 'transcribe'], ['audio', 'translate'], ['audio', 'speech']], { api: 'audio', requires: ['parameters'] }),
    ...on('openai-rb.Client', [['runs', 'create'], ['runs', 'create_thread_and_run'], ['runs', 'submit_tool_outputs']], { api: 'chat', requires: ['parameters'] }),
  ],
  markers: [
    { name: 'OpenAI::Providers.azure', provider: 'azure-openai' },
    { name: 'OpenAI::Providers.bedrock', provider: 'bedrock' },
  ],
};

const ANTHROPIC_CLIENTS: readonly TypeSpec[] = [
  { id: 'anthropic-rb.Client', provider: 'anthropic', via: 'sdk', make: [{ fn: 'Anthropic::Client.new' }] },
  { id: 'anthropic-rb.Bedrock', provider: 'bedrock', via: 'sdk', make: [{ fn: 'Anthropic::BedrockClient.new' }, { fn: 'Anthropic::BedrockMantleClient.new' }, { fn: 'Anthropic::Helpers::AWS::Client.new' }] },
  { id: 'anthropic-rb.Google', provider: 'google', via: 'sdk', make: [{ fn: 'Anthropic::VertexClient.new' }, { fn: 'Anthropic::GoogleCloudClient.new' }] },
];

const anthropicRuby: LanguageSdk = {
  id: 'anthropic-sdk-ruby',
  language: 'ruby',
  modules: ['anthropic'],
  types: ANTHROPIC_CLIENTS,
  sites: ANTHROPIC_CLIENTS.flatMap((t) => [
    ...on(t.id, [['messages', 'create'], ['beta', 'messages', 'create'], ['beta', 'messages', 'tool_runner']], { api: 'messages' }),
    ...on(t.id, [['messages', 'stream'], ['messages', 'stream_raw'], ['beta', 'messages', 'stream'], ['beta', 'messages', 'stream_raw']], { api: 'messages', stream: true }),
    ...on(t.id, [['completions', 'create']], { api: 'completion' }),
    ...on(t.id, [['completions', 'create_streaming']], { api: 'completion', stream: true }),
    ...on(t.id, [['beta', 'sessions', 'events', 'send_']], { api: 'messages' }),
    // The pre-official gem (same module name): `messages(parameters:)`, `complete(parameters:)`.
    ...on(t.id, [['messages']], { api: 'messages', requires: ['parameters'] }),
    ...on(t.id, [['complete']], { api: 'completion', requires: ['parameters'] }),
  ]),
};

const bedrockRuby: LanguageSdk = {
  id: 'aws-sdk-bedrockruntime',
  language: 'ruby',
  modules: ['aws-sdk-bedrockruntime', 'aws-sdk'],
  types: [{ id: 'bedrock-rb.Client', provider: 'bedrock', via: 'sdk', make: [{ fn: 'Aws::BedrockRuntime::Client.new' }] }],
  sites: [
    { type: 'bedrock-rb.Client', path: ['converse'], api: 'chat' },
    { type: 'bedrock-rb.Client', path: ['converse_stream'], api: 'chat', stream: true },
    { type: 'bedrock-rb.Client', path: ['invoke_model'], api: 'generate' },
    { type: 'bedrock-rb.Client', path: ['invoke_model_with_response_stream'], api: 'generate', stream: true },
  ],
};

const smallGems: LanguageSdk = {
  id: 'mistral-ai-cohere-ruby',
  language: 'ruby',
  modules: ['mistral-ai', 'cohere-ruby', 'cohere'],
  types: [
    { id: 'mistral-rb.Client', provider: 'mistral', via: 'sdk', make: [{ fn: 'Mistral.new' }] },
    { id: 'cohere-rb.Client', provider: 'cohere', via: 'sdk', make: [{ fn: 'Cohere::Client.new' }] },
  ],
  sites: [
    { type: 'mistral-rb.Client', path: ['chat_completions'], api: 'chat' },
    { type: 'mistral-rb.Client', path: ['embeddings'], api: 'embeddings' },
    { type: 'cohere-rb.Client', path: ['chat'], api: 'chat' },
    { type: 'cohere-rb.Client', path: ['generate'], api: 'completion' },
    { type: 'cohere-rb.Client', path: ['summarize'], api: 'chat' },
    { type: 'cohere-rb.Client', path: ['embed'], api: 'embeddings' },
    { type: 'cohere-rb.Client', path: ['rerank'], api: 'embeddings' },
  ],
};

/** langchainrb's LLM wrappers and the provider each one calls. */
const LCRB_LLMS: readonly (readonly [string, TypeSpec['provider']])[] = [
  ['OpenAI', 'openai'], ['Anthropic', 'anthropic'], ['AwsBedrock', 'bedrock'], ['GoogleGemini', 'google'], ['GoogleVertexAI', 'google'],
  ['Ollama', 'ollama'], ['MistralAI', 'mistral'], ['Cohere', 'cohere'], ['Azure', 'azure-openai'], ['HuggingFace', 'huggingface'],
  ['Replicate', 'other'], ['AI21', 'other'], ['GooglePalm', 'google'], ['LlamaCpp', 'other'],
];
const LCRB_STORES = ['Pgvector', 'Qdrant', 'Weaviate', 'Chroma', 'Milvus', 'Pinecone', 'Elasticsearch', 'Epsilla', 'Hnswlib'];

const langchainrb: LanguageSdk = {
  id: 'langchainrb',
  language: 'ruby',
  modules: ['langchain', 'langchainrb'],
  types: [
    { id: 'lcrb.LLM', provider: 'other', via: 'langchain', make: LCRB_LLMS.map(([c, provider]) => ({ fn: `Langchain::LLM::${c}.new`, provider })) },
    { id: 'lcrb.Assistant', provider: 'other', via: 'langchain', make: [{ fn: 'Langchain::Assistant.new', wraps: { keys: ['llm'] } }] },
    { id: 'lcrb.Vectorsearch', provider: 'other', via: 'langchain', make: LCRB_STORES.map((c) => ({ fn: `Langchain::Vectorsearch::${c}.new`, wraps: { keys: ['llm'] } })) },
    { id: 'lcrb.FixingParser', provider: 'other', via: 'langchain', make: [{ fn: 'Langchain::OutputParsers::OutputFixingParser.from_llm', wraps: { keys: ['llm'] } }] },
  ],
  sites: [
    { type: 'lcrb.LLM', path: ['chat'], api: 'chat' },
    { type: 'lcrb.LLM', path: ['complete'], api: 'completion' },
    { type: 'lcrb.LLM', path: ['embed'], api: 'embeddings' },
    { type: 'lcrb.LLM', path: ['summarize'], api: 'chat' },
    { type: 'lcrb.Assistant', path: ['add_message_and_run'], api: 'chat' },
    { type: 'lcrb.Assistant', path: ['add_message_and_run!'], api: 'chat' },
    { type: 'lcrb.Assistant', path: ['run'], api: 'chat' },
    { type: 'lcrb.Assistant', path: ['run!'], api: 'chat' },
    { type: 'lcrb.Vectorsearch', path: ['add_texts'], api: 'embeddings' },
    { type: 'lcrb.Vectorsearch', path: ['add_data'], api: 'embeddings' },
    { type: 'lcrb.Vectorsearch', path: ['similarity_search'], api: 'embeddings' },
    { type: 'lcrb.Vectorsearch', path: ['ask'], api: 'chat' },
    { type: 'lcrb.FixingParser', path: ['parse'], api: 'chat' },
  ],
};

export const RUBY_SDKS: readonly LanguageSdk[] = [openaiRuby, anthropicRuby, bedrockRuby, smallGems, langchainrb];
