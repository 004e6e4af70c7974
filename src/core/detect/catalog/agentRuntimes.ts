/**
 * Agent runtimes and SDKs found by the fifth recall audit (issue 25: Stagehand, E2B's cookbook), data merged into
 * sdks.ts's tables. Sources, checked 2026-12-07:
 * - Claude Agent SDK (docs.claude.com/en/docs/agent-sdk: TypeScript `@anthropic-ai/claude-agent-sdk`, Python
 *   `claude_agent_sdk`): `query({ prompt, options: { model } })` runs the agent loop over Claude and streams its
 *   messages; Python's `ClaudeSDKClient(options=ClaudeAgentOptions(model=…))` sends a turn with `client.query(…)`.
 * - OpenAI Codex SDK (github.com/openai/codex sdk/typescript: `@openai/codex-sdk`): `new Codex()`,
 *   `codex.startThread({ model })` / `resumeThread(id)`, each `thread.run(prompt)` / `runStreamed(prompt)` a turn of
 *   the agent over an OpenAI model.
 * - Inngest AgentKit (agentkit.inngest.com: `@inngest/agent-kit`): `createAgent({ model: openai({ model }) })` and
 *   `createNetwork({ agents, defaultModel })`, each `.run(input)` a run over the model; the model factories `openai`,
 *   `anthropic`, `gemini`, `grok` name a model of their provider.
 * - IBM watsonx.ai's Node SDK (github.com/IBM/watsonx-ai-node-sdk: `@ibm-cloud/watsonx-ai`):
 *   `WatsonXAI.newInstance(…)`, then `generateText`, `generateTextStream`, `textChat`, `textChatStream`, `embedText`,
 *   `textRerank` with `modelId` (the Python SDK's surface is in moreFrameworks.ts).
 * - The AI SDK's harness agent (`@ai-sdk/harness`): `new HarnessAgent({ harness, sandbox }).generate({ prompt })` runs
 *   a coding agent's turn over the harness's model (a string the harness reads: unknown here).
 */
import type { Provider } from '../../types';
import type { ArgRef, Member, ModuleSpec, TypeSpec } from './types';
import { kw, kwPos, make, site } from './builders';

/** `options.model` of the Claude Agent SDK's `query({ prompt, options })` (JS) / `query(prompt=…, options=…)` (Python). */
const CLAUDE_OPTIONS_MODEL: ArgRef = { kw: ['options'], paths: [['model']] };
const CLAUDE_QUERY: Member = site('messages', CLAUDE_OPTIONS_MODEL, { user: kw('prompt') }, { provider: 'anthropic', via: 'framework', stream: true });

/** An Inngest AgentKit model factory (`openai({ model: "gpt-4o" })`): a model object of its provider. */
const agentKitModel = (provider: Provider): Member => make(`agentkit-model-${provider}`, { model: kw('model'), provider });
const AGENTKIT_PROVIDERS: Readonly<Record<string, Provider>> = { openai: 'openai', anthropic: 'anthropic', gemini: 'google', grok: 'xai' };

/** watsonx.ai's Node SDK methods: the model is the request's `modelId`. */
const WATSONX_JS: Record<string, Member> = {
  generateText: site('completion', kw('modelId'), { prompt: kw('input') }),
  generateTextStream: site('completion', kw('modelId'), { prompt: kw('input') }, { stream: true }),
  textChat: site('chat', kw('modelId'), { messages: kw('messages') }),
  textChatStream: site('chat', kw('modelId'), { messages: kw('messages') }, { stream: true }),
  embedText: site('embeddings', kw('modelId'), { input: kw('inputs') }),
  textRerank: site('rerank', kw('modelId'), { input: kw('query') }),
};

export const AGENT_RUNTIME_TYPES: readonly TypeSpec[] = [
  {
    // Python `ClaudeSDKClient`: `await client.query("…")` sends a turn; the answer comes back through `receive_response()`.
    id: 'claude-sdk-client', provider: 'anthropic', via: 'framework',
    members: { query: site('messages', undefined, { user: kwPos(0, 'prompt') }, { stream: true }) },
  },
  {
    id: 'codex', provider: 'openai', via: 'framework',
    members: { startThread: make('codex-thread', { model: kw('model') }), resumeThread: make('codex-thread', { model: { obj: 1, kw: ['model'] } }) },
  },
  {
    id: 'codex-thread', provider: 'openai', via: 'framework',
    members: { run: site('responses', undefined, { user: { pos: 0 } }), runStreamed: site('responses', undefined, { user: { pos: 0 } }, { stream: true }) },
  },
  {
    id: 'agentkit-agent', provider: 'other', via: 'framework',
    members: { run: site('chat', undefined, { user: { pos: 0 } }) },
  },
  ...Object.values(AGENTKIT_PROVIDERS).map((provider): TypeSpec => ({ id: `agentkit-model-${provider}`, provider, via: 'framework', members: {} })),
  { id: 'watsonx-js', provider: 'other', via: 'sdk', members: WATSONX_JS },
];

export const AGENT_RUNTIME_MODULES: readonly ModuleSpec[] = [
  { lang: 'js', name: '@anthropic-ai/claude-agent-sdk', members: { query: CLAUDE_QUERY } },
  { lang: 'python', name: 'claude_agent_sdk', members: { query: CLAUDE_QUERY, ClaudeSDKClient: make('claude-sdk-client', { model: CLAUDE_OPTIONS_MODEL }) } },
  { lang: 'js', name: '@openai/codex-sdk', members: { Codex: make('codex') } },
  {
    lang: 'js', name: '@inngest/agent-kit',
    members: {
      createAgent: make('agentkit-agent', { modelFrom: [kw('model')] }),
      createNetwork: make('agentkit-agent', { modelFrom: [kw('defaultModel'), kw('agents')] }),
      ...Object.fromEntries(Object.entries(AGENTKIT_PROVIDERS).map(([name, provider]) => [name, agentKitModel(provider)])),
    },
  },
  { lang: 'js', name: '@ibm-cloud/watsonx-ai', members: { 'WatsonXAI.newInstance': make('watsonx-js') } },
  ...['@ai-sdk/harness', '@ai-sdk/harness/agent'].map((name): ModuleSpec => ({ lang: 'js', name, members: { HarnessAgent: make('aisdk-agent') } })),
];
