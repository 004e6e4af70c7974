/**
 * The SDKs whose public surface the catalogue must cover, as data (issue 25, "the catalogue is complete by
 * construction"). Each SDK is a pinned dev dependency (package.json); `scripts/sdkSurface.ts` derives every public
 * method from its type definitions with the TypeScript compiler API, and `test/unit/catalogueComplete.test.ts` fails
 * when a method has neither a catalogue entry (sdks.ts: a site, a constructor, a wrapper) nor an entry here saying why
 * it is not a model call.
 *
 * Patterns: `a.b.c` one method, `a.b.*` everything under `a.b`, `*.list` that method name on any resource;
 * `root:pattern` limits a pattern to one root (`functions:tool`). Reasons follow eval/README.md ("What is a site"):
 * model listing, files, fine-tuning and batch-job management, moderation, token counting, client plumbing and
 * account administration are not model calls.
 *
 * The Python SDKs of the same vendors mirror these resources with snake_case names (catalogIndex.ts derives
 * `create_and_poll` from `createAndPoll`); docs/detection.md ("The catalogue is complete by construction") says how
 * they were checked. Not imported by the engine: data for the test and the script only.
 */

export interface SdkSurface {
  /** The npm package, installed as a pinned dev dependency. */
  readonly pkg: string;
  /** Classes whose instance surface is walked, and the catalogue type each maps to. `module`: another entry point. */
  readonly roots?: readonly { readonly export: string; readonly type: string; readonly module?: string }[];
  /** Every exported function is a member of this catalogue type (the AI SDK's `generateText`, …). */
  readonly functions?: string;
  /** Every exported `…Command` class must be a command of this type's `send` (AWS SDK v3). */
  readonly commands?: string;
  /** Every exported provider instance and factory must be a member of the catalogue module of the same name. */
  readonly providers?: boolean;
  /** Methods that do not call a model, with why. */
  readonly notModelCalls?: Readonly<Record<string, string>>;
  /**
   * Methods only the Python SDK of the same vendor has (snake_case paths), that do not call a model: checked by
   * scripts/pythonSurface.ts against the Python SDK's sources, not by the unit test (CI has no Python SDK).
   */
  readonly pythonNotModelCalls?: Readonly<Record<string, string>>;
}

/** The same reason for several names. */
const each = (names: readonly string[], reason: string): Record<string, string> => Object.fromEntries(names.map((n) => [n, reason]));

const PLUMBING = 'client plumbing: builds or sends a raw request to any path (a raw request to an inference path is the HTTP detector\'s business), or manages the client';
const FILES = 'file and storage management (eval/README.md: file upload is not a site)';
const FINE_TUNING = 'fine-tuning job management';
const BATCH_JOBS = 'batch-job management: the requests are in an uploaded file, not in the code (eval/README.md)';
const ADMIN = 'account, organization and credential administration';
const WEBHOOKS = 'webhook configuration and verification';
const MODERATION = 'moderation (eval/README.md: not a site)';
const TOKENS = 'token counting (eval/README.md: not a site)';
const AGENT_CONFIG = 'agent, environment, skill or tool configuration: creating it runs no model (its turns are the sites)';
const EVALS = 'evaluation-job management (like batch jobs: the model requests are configured, not written in the code)';
const REALTIME_TOKENS = 'mints an ephemeral client secret or session token; the model is called by the client that uses it';
const SESSION_CONTROL = 'controls a running session or call (hang up, transfer, reject, close); sends nothing to the model';

/**
 * Management verbs on any resource: reading, listing, updating, deleting, cancelling, pausing or polling a resource
 * sends no prompt to a model. (Verbs that can be a generation, `create`, `stream`, `run`, `send`, never appear here.)
 */
export const SURFACE_COMMON: Readonly<Record<string, string>> = {
  ...each(['*.list', '*.listPages', '*.retrieve', '*.get', '*.info', '*.status', '*.update', '*.delete', '*.archive', '*.unarchive', '*.cancel', '*.pause', '*.resume', '*.unpause', '*.poll', '*.content', '*.download', '*.listEvents'], 'reads, lists, changes, deletes, cancels or polls a resource; sends no prompt'),
  ...each(['*.countTokens', '*.count', '*.computeTokens', 'tokenize', 'detokenize'], TOKENS),
  ...each(['withOptions', 'buildURL', 'get', 'post', 'patch', 'put', 'delete', 'request', 'getAPIList', 'requestAPIList', 'fetchWithTimeout', 'buildRequest', 'calculateNonstreamingTimeout', 'fetch', 'destroy', 'credentials', 'whoami', 'checkApiKey'], PLUMBING),
};

/** Client plumbing only the Python SDKs have (closing the HTTP client, query-string helpers, the request hooks). */
export const PYTHON_SURFACE_COMMON: Readonly<Record<string, string>> = {
  ...each(['close', 'aclose', 'is_closed', 'base_url', 'platform_headers', 'get_api_list', 'qs.*', 'with_middleware', 'copy', '*.do_request', '*.do_request_async', 'do_request', 'do_request_async', 'dynamic_import'], PLUMBING),
};

export const SDK_SURFACES: readonly SdkSurface[] = [
  {
    pkg: 'openai',
    roots: [
      { export: 'OpenAI', type: 'openai' },
      { export: 'OpenAIRealtimeWS', type: 'openai-realtime', module: 'openai/realtime/ws' },
      { export: 'OpenAIRealtimeWebSocket', type: 'openai-realtime', module: 'openai/realtime/websocket' },
      { export: 'ResponsesWS', type: 'openai-realtime', module: 'openai/resources/responses/ws' },
    ],
    notModelCalls: {
      ...each(['OpenAIRealtimeWS:*', 'OpenAIRealtimeWebSocket:*', 'ResponsesWS:*'], 'the WebSocket connection\'s event plumbing (`send({ type: \'response.create\' })` is the site)'),
      'files.*': FILES, 'uploads.*': FILES, 'vectorStores.*': `${FILES}; vector-store search embeds the query server-side`, 'containers.*': FILES,
      'fineTuning.*': `${FINE_TUNING} (alpha graders are evaluation tooling)`,
      'batches.*': BATCH_JOBS,
      'admin.*': ADMIN, 'webhooks.*': WEBHOOKS, 'skills.*': AGENT_CONFIG,
      'moderations.create': MODERATION,
      'contentProvenanceChecks.create': 'provenance check of a media file (a classifier, like moderation)',
      'audio.voices.*': 'custom-voice management (a voice is an asset; speech is `audio.speech.create`)',
      'audio.voiceConsents.*': 'voice-consent recordings (file management)',
      'beta.realtime.*': REALTIME_TOKENS, 'realtime.clientSecrets.*': REALTIME_TOKENS, 'realtime.translations.clientSecrets.*': REALTIME_TOKENS,
      'realtime.calls.hangup': SESSION_CONTROL, 'realtime.calls.refer': SESSION_CONTROL, 'realtime.calls.reject': SESSION_CONTROL,
      'live.sessions.hangup': SESSION_CONTROL, 'live.sessions.refer': SESSION_CONTROL, 'live.sessions.reject': SESSION_CONTROL,
      'live.sessions.downloadRecording': 'downloads a recording of a session',
      'live.sessions.fork': 'moves a stored session onto a new connection; the turns that follow are the sites',
      'beta.agents.*': AGENT_CONFIG,
      'beta.chatkit.*': 'ChatKit session and thread management: the workflow runs in OpenAI\'s hosted UI',
      'beta.assistants.*': AGENT_CONFIG,
      'beta.threads.create': 'creates an empty thread (its runs are the sites)',
      'beta.threads.messages.*': 'adds a message to a thread without running the assistant (the run is the site)',
      'conversations.*': 'conversation-state storage: items are stored, not sent to a model',
      'evals.*': EVALS,
      'videos.createCharacter': 'registers a character from an uploaded video (an asset for later generations)',
      'videos.getCharacter': 'reads a character',
      'videos.downloadContent': 'downloads a generated video',
    },
    pythonNotModelCalls: {
      'realtime.sessions.*': REALTIME_TOKENS, 'realtime.transcription_sessions.*': REALTIME_TOKENS,
      'beta.threads.list_items': 'lists a thread\'s items',
    },
  },
  {
    pkg: '@anthropic-ai/sdk',
    roots: [{ export: 'Anthropic', type: 'anthropic' }],
    notModelCalls: {
      'messages.batches.results': BATCH_JOBS, 'beta.messages.batches.results': BATCH_JOBS,
      // The requests are inline, but submitting a batch is job management under the labelling rules (eval/README.md
      // "Not sites"; the frozen anthropic-cookbook labels mark it a trap): the model runs later, asynchronously.
      'messages.batches.create': 'Message Batches job submission (batch-job management; the requests run later)',
      'beta.messages.batches.create': 'Message Batches job submission (batch-job management; the requests run later)',
      'files.*': FILES, 'beta.files.*': FILES, 'skills.*': AGENT_CONFIG, 'beta.skills.*': AGENT_CONFIG,
      'userProfiles.*': ADMIN, 'beta.userProfiles.*': ADMIN, 'organization.*': ADMIN, 'beta.organization.*': ADMIN,
      'beta.compliance.*': ADMIN, 'beta.tunnels.*': ADMIN, 'beta.vaults.*': ADMIN, 'beta.webhooks.*': WEBHOOKS,
      'beta.agents.*': AGENT_CONFIG, 'beta.environments.*': 'self-hosted environment worker plumbing (runs tools, not the model)',
      'beta.sessions.create': 'creates a Managed Agents session; the agent runs when a user event is sent (`sessions.events.send`)',
      'beta.sessions.resources.*': AGENT_CONFIG,
      'beta.sessions.events.stream': 'listens to a session\'s events; sends nothing',
      'beta.sessions.threads.*': 'listens to or archives a session thread; sends nothing',
      'beta.deployments.create': AGENT_CONFIG,
      'beta.memoryStores.*': 'memory-store management (stored text, no model call)',
      'beta.dreams.create': 'an asynchronous memory-reorganisation job (like a batch job: its model requests are not in the code)',
    },
  },
  {
    pkg: '@google/genai',
    roots: [{ export: 'GoogleGenAI', type: 'genai-client' }, { export: 'Chat', type: 'genai-chat' }, { export: 'Session', type: 'genai-live' }, { export: 'LiveMusicSession', type: 'genai-live-music' }],
    notModelCalls: {
      'batches.*': BATCH_JOBS, 'files.*': FILES, 'fileSearchStores.*': `${FILES}; indexing embeds the documents server-side`,
      'caches.create': 'creates a context cache (stored tokens; the generations that use it are the sites)',
      'operations.*': 'polls a long-running operation (a Veo generation is `models.generateVideos`)',
      'authTokens.*': REALTIME_TOKENS, 'interactions.authTokens.*': REALTIME_TOKENS,
      'interactions.connect': 'attaches a WebRTC connection to an interaction created by `interactions.create`',
      'tunings.*': FINE_TUNING, 'webhooks.*': WEBHOOKS,
      'agents.*': AGENT_CONFIG, 'environments.*': AGENT_CONFIG, 'credentials.*': ADMIN, 'voices.*': 'custom-voice management',
      'triggers.create': AGENT_CONFIG, 'triggers.listExecutions': 'lists trigger runs',
      'Chat:getHistory': 'reads the local chat history',
      'Session:sendContextUpdate': 'updates the session context without asking for a turn',
      'Session:close': SESSION_CONTROL,
      'LiveMusicSession:*': 'steers the music stream opened by `live.music.connect` (the site)',
    },
  },
  {
    pkg: '@mistralai/mistralai',
    roots: [{ export: 'Mistral', type: 'mistral' }],
    notModelCalls: {
      'beta.prompts.*': 'prompt-library management', 'beta.skills.*': AGENT_CONFIG, 'beta.serviceAccounts.*': ADMIN, 'beta.users.*': ADMIN,
      'beta.conversations.getHistory': 'reads a conversation', 'beta.conversations.getMessages': 'reads a conversation',
      'beta.agents.*': AGENT_CONFIG, 'beta.libraries.*': `${FILES} (document libraries)`, 'beta.connectors.*': 'connector (tool) configuration and calls; no model',
      'beta.observability.*': 'traces, datasets and evaluation configuration (judging runs are listed as sites)', 'beta.rag.*': 'search-index registration',
      'audio.voices.*': 'custom-voice management', 'realtime.sessions.*': REALTIME_TOKENS,
      'files.*': FILES, 'batch.*': BATCH_JOBS, 'models.*': 'model listing and fine-tuned model management',
      'classifiers.moderate': MODERATION, 'classifiers.moderateChat': MODERATION,
      'workflows.*': 'workflow orchestration (the model calls run inside the workflow\'s own code)', 'events.*': 'workflow event streams',
    },
    pythonNotModelCalls: { 'fine_tuning.*': FINE_TUNING },
  },
  {
    pkg: 'cohere-ai',
    roots: [{ export: 'CohereClient', type: 'cohere' }, { export: 'CohereClientV2', type: 'cohere' }],
    notModelCalls: {
      'batches.*': BATCH_JOBS, 'embedJobs.*': BATCH_JOBS, 'datasets.*': FILES, 'connectors.*': 'connector (tool) configuration',
      'finetuning.*': FINE_TUNING, 'models.*': 'model listing',
    },
    pythonNotModelCalls: {
      ...each(['create_finetune', 'export_finetune', 'wait_for_finetune_job'], FINE_TUNING),
      ...each(['connect_to_endpoint', 'create_endpoint', 'delete_endpoint', 'provision_throughput'], 'SageMaker/Bedrock endpoint management of the cohere AWS clients'),
      fetch_tokenizer: TOKENS,
    },
  },
  {
    pkg: 'groq-sdk',
    roots: [{ export: 'Groq', type: 'openai' }],
    notModelCalls: { 'batches.*': BATCH_JOBS, 'files.*': FILES, 'models.*': 'model listing' },
  },
  {
    pkg: 'ollama',
    roots: [{ export: 'Ollama', type: 'ollama' }],
    notModelCalls: {
      ...each(['create', 'pull', 'push', 'copy', 'show', 'ps', 'version'], 'local model management'),
      abort: 'aborts the client\'s running streams',
      encodeImage: 'encodes an image to base64 locally',
      systemone: 'an undocumented scoring helper of the JS client with no Python counterpart (left out until it is documented)',
      webSearch: 'Ollama\'s web search API (no model)', webFetch: 'Ollama\'s web fetch API (no model)',
    },
    pythonNotModelCalls: { create_blob: 'uploads a model blob to the local server' },
  },
  {
    pkg: 'together-ai',
    roots: [{ export: 'Together', type: 'openai' }],
    notModelCalls: {
      'beta.endpoints.*': 'dedicated-endpoint deployment management', 'endpoints.*': 'dedicated-endpoint deployment management',
      'beta.models.*': 'model upload and listing', 'models.*': 'model upload and listing',
      'beta.jig.*': 'container deployments (Jig): runs the user\'s own container, not a catalogue model',
      'beta.clusters.*': 'GPU-cluster management',
      'files.*': FILES, 'fineTuning.*': FINE_TUNING, 'batches.*': BATCH_JOBS, 'evals.*': EVALS,
      'codeInterpreter.execute': 'runs code in a sandbox (no model)',
    },
  },
  {
    pkg: '@aws-sdk/client-bedrock-runtime',
    roots: [{ export: 'BedrockRuntime', type: 'bedrock-runtime' }],
    commands: 'bedrock-runtime',
    notModelCalls: {
      ...each(['applyGuardrail', 'invokeGuardrailChecks', 'commands:ApplyGuardrailCommand', 'commands:InvokeGuardrailChecksCommand'], 'guardrail evaluation (a classifier, like moderation)'),
      ...each(['getAsyncInvoke', 'listAsyncInvokes', 'paginateListAsyncInvokes', 'commands:GetAsyncInvokeCommand', 'commands:ListAsyncInvokesCommand'], 'reads asynchronous invocations (started by `startAsyncInvoke`, the site)'),
      'commands:CountTokensCommand': TOKENS,
    },
  },
  {
    pkg: 'ai',
    functions: 'aisdk',
    roots: [{ export: 'ToolLoopAgent', type: 'aisdk-agent' }],
    notModelCalls: {
      ...each(['createProviderRegistry', 'experimental_createProviderRegistry', 'customProvider', 'wrapLanguageModel', 'wrapEmbeddingModel', 'wrapImageModel', 'wrapProvider'].map((n) => `functions:${n}`), 'builds a provider, registry or wrapped model; the generation that uses it is the site'),
      ...each(['addToolInputExamplesMiddleware', 'defaultEmbeddingSettingsMiddleware', 'defaultInstructionsMiddleware', 'defaultSettingsMiddleware', 'extractJsonMiddleware', 'extractReasoningMiddleware', 'simulateStreamingMiddleware'].map((n) => `functions:${n}`), 'model middleware (configuration)'),
      ...each(['experimental_startBatch', 'experimental_cancelBatch', 'experimental_getBatchResults', 'experimental_getBatchStatus', 'experimental_listBatches'].map((n) => `functions:${n}`), BATCH_JOBS),
      ...each(['experimental_getVideoStatus'].map((n) => `functions:${n}`), 'polls a video generation started by `experimental_startVideo` (the site)'),
      ...each(['uploadFile', 'uploadSkill', 'createDownload'].map((n) => `functions:${n}`), FILES),
      ...each(['callCompletionApi'].map((n) => `functions:${n}`), 'the browser side of `useCompletion`: posts to the app\'s own API route, whose `streamText` is the site'),
      ...each(['experimental_createSteering'].map((n) => `functions:${n}`), 'sends user messages into a generation already running (the generation is the site)'),
      ...each([
        'asSchema', 'jsonSchema', 'zodSchema', 'tool', 'dynamicTool', 'toolSearch', 'experimental_toolCaller', 'fingerprintTools', 'detectToolDrift', 'experimental_filterActiveTools', 'filterActiveTools',
        'experimental_getRealtimeToolDefinitions', 'hasToolCall', 'stepCountIs', 'isStepCount', 'isLoopFinished', 'lastAssistantMessageIsCompleteWithApprovalResponses',
        'lastAssistantMessageIsCompleteWithToolCalls', 'getStaticToolName', 'getToolName', 'getToolOrDynamicToolName',
        'getChunkTimeoutMs', 'getFirstChunkTimeoutMs', 'getStepTimeoutMs', 'getToolTimeoutMs', 'getTotalTimeoutMs', 'registerTelemetry',
      ].map((n) => `functions:${n}`), 'schema, tool and loop-control helpers (configuration, no request)'),
      ...each([
        'consumeStream', 'convertDataContentToBase64String', 'convertFileListToFileUIParts', 'convertToModelMessages', 'cosineSimilarity', 'createIdGenerator', 'generateId',
        'createTextStreamResponse', 'createUIMessageStream', 'createUIMessageStreamResponse', 'pipeTextStreamToResponse', 'pipeUIMessageStreamToResponse', 'readUIMessageStream',
        'toTextStream', 'toUIMessageChunk', 'toUIMessageStream', 'smoothStream', 'simulateReadableStream', 'parseJsonEventStream', 'parsePartialJson', 'pruneMessages',
        'getTextFromDataUrl', 'isCustomContentUIPart', 'isDataUIPart', 'isDeepEqualData', 'isDynamicToolUIPart', 'isFileUIPart', 'isReasoningFileUIPart', 'isReasoningUIPart',
        'isStaticToolUIPart', 'isTextUIPart', 'isToolOutputErrorUIPart', 'isToolUIPart', 'safeValidateUIMessages', 'validateUIMessages', 'safeValidateWebSocketChatTransportRequest',
        'uiMessageChunkSchema', 'experimental_decodeRealtimeAudio', 'experimental_encodeRealtimeAudio', 'experimental_resampleAudio',
      ].map((n) => `functions:${n}`), 'stream, message and data helpers (local computation, no request)'),
    },
  },
  ...['@ai-sdk/openai', '@ai-sdk/anthropic', '@ai-sdk/google', '@ai-sdk/google-vertex', '@ai-sdk/amazon-bedrock', '@ai-sdk/mistral', '@ai-sdk/cohere', '@ai-sdk/groq', '@ai-sdk/togetherai', '@ai-sdk/fireworks', '@ai-sdk/deepseek', '@ai-sdk/xai', '@ai-sdk/azure', '@ai-sdk/openai-compatible']
    .map((pkg): SdkSurface => ({ pkg, providers: true })),
];
