/**
 * What the name of a configured base URL says about its server (issue 25): `process.env.NEXT_PUBLIC_OLLAMA_URL +
 * "/api/chat"` is an Ollama server, `config.lmstudio_base_url` a self-hosted one. Used by raw HTTP (rawHttp.ts) and by
 * SDK clients' `base_url` (clients.ts).
 */
import type { Node } from 'web-tree-sitter';
import type { Provider } from '../../types';
import { callee, isCall, isMember, unwrap } from '../syntax';

/** Provider words in the names of configured base URLs (`OLLAMA_URL`, `settings.groq_base_url`, `ANTHROPIC_HOST`). */
const HINT_PROVIDERS: Readonly<Record<string, Provider>> = {
  ollama: 'ollama', anthropic: 'anthropic', claude: 'anthropic', openai: 'openai', groq: 'groq', mistral: 'mistral', together: 'together',
  fireworks: 'fireworks', deepseek: 'deepseek', openrouter: 'openrouter', xai: 'xai', grok: 'xai', gemini: 'google', cohere: 'cohere',
  // Self-hosted servers and proxies: no provider of their own.
  lmstudio: 'other', vllm: 'other', llamacpp: 'other', localai: 'other', sglang: 'other', litellm: 'other',
};

/** Ollama's own paths. */
const OLLAMA_PATH = /\/api\/(chat|generate|embed(dings)?)\/?$/;

/**
 * The provider a configured base's name names, when it names exactly one: `process.env.OLLAMA_URL + "/api/chat"` is
 * an Ollama server. Ollama's own paths (`/api/chat`, `/api/generate`, `/api/embed`) count only under Ollama's name
 * (an app's own `/api/chat` behind `API_URL` is no provider's).
 */
export function hintedProvider(hint: string, urlPath: string): Provider | undefined {
  const words = new Set(hint.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/));
  // `AZURE_OPENAI_ENDPOINT`: Azure's OpenAI service, whatever else the name says.
  if (words.has('azure')) return OLLAMA_PATH.test(urlPath) ? undefined : 'azure-openai';
  const named = new Set(Object.entries(HINT_PROVIDERS).filter(([w]) => words.has(w)).map(([, p]) => p));
  // (`OPENAI_COMPATIBLE_BASE_URL`, `openai_like_api_base`: any server speaking that provider's API.)
  if (named.size !== 1 || words.has('compatible') || words.has('compat') || words.has('like')) return undefined;
  const [provider] = named;
  if (OLLAMA_PATH.test(urlPath) && provider !== 'ollama') return undefined;
  return provider;
}

/** The source text of a run-time URL base that is a name (an identifier, a member, `os.environ[…]`, `getenv(…)`). */
export function baseName(n: Node): string | undefined {
  const u = unwrap(n);
  const named = u.type === 'identifier' || isMember(u) || u.type === 'subscript' || u.type === 'subscript_expression' || (isCall(u) && /(^|\.)(getenv|get)$/.test(callee(u)?.text ?? ''));
  return named && u.text.length <= 120 ? u.text : undefined;
}

