/**
 * Chat framing overhead and tool-schema encoding.
 *
 * Messages: OpenAI's cookbook "How to count tokens with tiktoken" (openai/openai-cookbook,
 * examples/How_to_count_tokens_with_tiktoken.ipynb): every message costs 3 tokens of framing
 * (`<|start|>{role}<|message|>…<|end|>`), a `name` field 1 more, and every reply is primed with 3 tokens
 * (`<|start|>assistant<|message|>`). Other vendors do not publish their framing; we apply the same rule there
 * (it is a few tokens per message either way).
 *
 * Tools: the cookbook's `num_tokens_for_tools` (same notebook, section 7), whose constants it validated against
 * the API's `prompt_tokens` (101 tokens for its weather example on gpt-4o, 105 on gpt-4): per function 7 tokens
 * (10 on cl100k models) + `name:description`; per parameter list 3, per parameter 3 + `name:type:description`,
 * per enum −3 + 3 per item + the item; 12 at the end. Anything that is not a JSON function list is counted as
 * written.
 */

/** Framing tokens per chat message (OpenAI cookbook). */
export const TOKENS_PER_MESSAGE = 3;
/** Extra token when a message carries `name`. */
export const TOKENS_PER_NAME = 1;
/** Tokens priming the assistant's reply. */
export const REPLY_PRIMING_TOKENS = 3;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface FunctionDef {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: { [k: string]: Json };
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Extracts function definitions from `tools=[{type:'function',function:{…}}]`, `functions=[…]` or a single definition. */
export function functionDefinitions(value: unknown): FunctionDef[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const out: FunctionDef[] = [];
  for (const item of list) {
    const fn = isObject(item) && isObject(item['function']) ? item['function'] : item;
    if (!isObject(fn) || typeof fn['name'] !== 'string') return undefined;
    const params = fn['parameters'] ?? fn['input_schema'];
    out.push({
      name: fn['name'],
      ...(typeof fn['description'] === 'string' ? { description: fn['description'] } : {}),
      ...(isObject(params) ? { parameters: params } : {}),
    });
  }
  return out.length ? out : undefined;
}

/** The cookbook's tool-encoding constants per encoding family. */
export const TOOL_CONSTANTS = {
  o200k_base: { funcInit: 7, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
  cl100k_base: { funcInit: 10, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
} as const;

const stripDot = (s: string): string => (s.endsWith('.') ? s.slice(0, -1) : s);

/** Tokens a list of function definitions adds to the prompt (OpenAI cookbook `num_tokens_for_tools`). */
export function toolTokens(fns: readonly FunctionDef[], count: (text: string) => number, encoding: keyof typeof TOOL_CONSTANTS): number {
  if (fns.length === 0) return 0;
  const k = TOOL_CONSTANTS[encoding];
  let n = 0;
  for (const f of fns) {
    n += k.funcInit + count(`${f.name}:${stripDot(f.description ?? '')}`);
    const props = f.parameters && isObject(f.parameters['properties']) ? f.parameters['properties'] : {};
    const keys = Object.keys(props);
    if (keys.length > 0) {
      n += k.propInit;
      for (const key of keys) {
        const p = props[key];
        n += k.propKey;
        if (!isObject(p)) continue;
        const en = p['enum'];
        if (Array.isArray(en)) {
          n += k.enumInit;
          for (const item of en) n += k.enumItem + count(String(item));
        }
        const type = typeof p['type'] === 'string' ? p['type'] : 'object';
        const desc = typeof p['description'] === 'string' ? p['description'] : '';
        n += count(`${key}:${type}:${stripDot(desc)}`);
      }
    }
  }
  return n + k.funcEnd;
}
