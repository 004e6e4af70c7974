/**
 * Tool (function) definitions in the prompt, counted the way each provider does (issue #19 item 3). The rules and
 * their sources are data (tools.json, docs/estimates.md "Tool definitions"):
 *
 * - OpenAI: two published rules. Rule A is the cookbook's `num_tokens_for_tools` (per function 7 tokens on o200k, 10 on
 *   cl100k, + `name:description`; per parameter list 3; per parameter 3 + `name:type:description`; an enum −3 + 3 and
 *   the item per item; 12 at the end). Rule B is gpt-tokenizer's port of hmarr/openai-chat-tokens: the definitions
 *   rendered as a TypeScript `namespace functions`, + 9, − 4 with a system message. Where both agree on a flat schema
 *   (every parameter a scalar or an enum) for a model the cookbook names, the count is exact; a nested schema is the
 *   range [rule B, rule B with nested descriptions]; other OpenAI models get the rule ± 10 %.
 * - Anthropic: the documented tool-use system prompt per model and tool choice, plus the definitions as compact JSON.
 * - Everyone else: no published rule, the compact JSON with the family's multiplier and a spread.
 */
import type { NumberRange, Provider } from '../types';
import type { TokenizerChoice } from './families';
import { countTokens } from './tokenizer';
import data from './tools.json';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface FunctionDef {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: { [k: string]: Json };
}

/** What the tool definitions of one call add to its prompt. */
export interface ToolCount {
  readonly tokens: NumberRange;
  readonly exact: boolean;
  /** The rule and its arithmetic, for the hover. */
  readonly note: string;
}

/** Where the tools are sent: who counts them, with which tokenizer, alongside which system text and tool choice. */
export interface ToolContext {
  readonly provider: Provider;
  readonly modelId: string | null;
  readonly tok: TokenizerChoice;
  /** `auto` | `none` | `required` | `function:<name>` (CallParams.toolChoice). */
  readonly toolChoice?: string;
  /** The first system message's text when it is a literal; null when the call has a system message of unknown text. */
  readonly systemText?: string | null;
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Function definitions from `tools=[{type: 'function', function: {…}}]`, legacy `functions=[…]`, Anthropic's
 * `[{name, description, input_schema}]` and Gemini's `[{function_declarations: […]}]`. Undefined when any entry is not
 * a function (a built-in tool such as web search): the list is then counted as JSON.
 */
export function functionDefinitions(value: unknown): FunctionDef[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const out: FunctionDef[] = [];
  for (const item of list) {
    const decls = isObject(item) ? item['function_declarations'] ?? item['functionDeclarations'] : undefined;
    if (Array.isArray(decls)) {
      const inner = functionDefinitions(decls);
      if (!inner) return undefined;
      out.push(...inner);
      continue;
    }
    const fn = isObject(item) && isObject(item['function']) ? item['function'] : item;
    if (!isObject(fn) || typeof fn['name'] !== 'string') return undefined;
    const params = fn['parameters'] ?? fn['input_schema'] ?? fn['inputSchema'];
    out.push({
      name: fn['name'],
      ...(typeof fn['description'] === 'string' ? { description: fn['description'] } : {}),
      ...(isObject(params) ? { parameters: params } : {}),
    });
  }
  return out.length ? out : undefined;
}

const stripDot = (s: string): string => (s.endsWith('.') ? s.slice(0, -1) : s);
const propsOf = (o: Record<string, Json> | undefined): Record<string, Json> => (o && isObject(o['properties']) ? o['properties'] : {});

/** True when every parameter is a scalar or an enum of scalars (no nested object, no array), as the cookbook rule reads them. */
export function isFlat(fns: readonly FunctionDef[]): boolean {
  return fns.every((f) =>
    Object.values(propsOf(f.parameters)).every((p) => isObject(p) && (p['type'] === 'string' || p['type'] === 'number' || p['type'] === 'integer' || p['type'] === 'boolean') && (p['enum'] === undefined || (Array.isArray(p['enum']) && p['enum'].every((x) => typeof x === 'string')))),
  );
}

/** Rule A: OpenAI cookbook `num_tokens_for_tools` (tool tokens only, messages apart). */
export function ruleA(fns: readonly FunctionDef[], count: (text: string) => number, encoding: keyof typeof data.openai.ruleA.constants): number {
  if (fns.length === 0) return 0;
  const k = data.openai.ruleA.constants[encoding];
  let n = 0;
  for (const f of fns) {
    n += k.funcInit + count(`${f.name}:${stripDot(f.description ?? '')}`);
    const props = propsOf(f.parameters);
    const keys = Object.keys(props);
    if (keys.length === 0) continue;
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
  return n + k.funcEnd;
}

/** A JSON-schema property as rule B types it (`string`, `"a" | "b"`, `number[]`, an inline object). */
function formatType(p: Json, indent: number, nestedDescriptions: boolean): string {
  if (!isObject(p)) return 'any';
  const en = Array.isArray(p['enum']) ? p['enum'] : undefined;
  switch (p['type']) {
    case 'string':
      return en ? en.map((v) => JSON.stringify(v)).join(' | ') : 'string';
    case 'integer':
    case 'number':
      return en ? en.map((v) => `${String(v)}`).join(' | ') : 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return p['items'] !== undefined ? `${formatType(p['items'], indent, nestedDescriptions)}[]` : 'any[]';
    case 'object':
      return `{\n${formatProperties(p, indent + 2, nestedDescriptions)}\n${' '.repeat(indent)}}`;
    default:
      return 'any';
  }
}

function formatProperties(obj: Record<string, Json>, indent: number, nestedDescriptions: boolean): string {
  const props = propsOf(obj);
  const required = new Set(Array.isArray(obj['required']) ? obj['required'].map(String) : []);
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [name, p] of Object.entries(props)) {
    const desc = isObject(p) && typeof p['description'] === 'string' ? p['description'] : '';
    if (desc && (indent < 2 || nestedDescriptions)) lines.push(`${pad}// ${desc}`);
    lines.push(`${pad}${name}${required.has(name) ? '' : '?'}: ${formatType(p, indent, nestedDescriptions)},`);
  }
  return lines.join('\n');
}

/**
 * Rule B's rendering (gpt-tokenizer `formatFunctionDefinitions`, test/unit/tools.test.ts checks it is the same text),
 * optionally with the descriptions of nested properties, which gpt-tokenizer leaves out.
 */
export function namespaceText(fns: readonly FunctionDef[], nestedDescriptions = false): string {
  const lines = ['namespace functions {', ''];
  for (const f of fns) {
    if (f.description) lines.push(`// ${f.description}`);
    const props = propsOf(f.parameters);
    if (!f.parameters || Object.keys(props).length === 0) lines.push(`type ${f.name} = () => any;`);
    else {
      lines.push(`type ${f.name} = (_: {`);
      const body = formatProperties(f.parameters, 0, nestedDescriptions);
      if (body.length > 0) lines.push(body);
      lines.push('}) => any;');
    }
    lines.push('');
  }
  lines.push('} // namespace functions');
  return lines.join('\n');
}

/** Rule B's tool tokens: the namespace + 9, − 4 and the system message's newline when there is one, and the tool choice. */
function ruleB(fns: readonly FunctionDef[], count: (text: string) => number, ctx: ToolContext, nestedDescriptions: boolean): NumberRange {
  let n = count(namespaceText(fns, nestedDescriptions)) + 9;
  let lo = n;
  if (ctx.systemText !== undefined) {
    // The system message gets a trailing newline (unless it has one) and the total 4 tokens less.
    const pad = ctx.systemText === null ? undefined : ctx.systemText.endsWith('\n') ? 0 : count(`${ctx.systemText}\n`) - count(ctx.systemText);
    n += (pad ?? 1) - 4;
    lo += (pad ?? 0) - 4;
  }
  const choice = ctx.toolChoice;
  const extra = choice === 'none' ? 1 : choice?.startsWith('function:') ? count(choice.slice('function:'.length)) + 4 : 0;
  return { min: lo + extra, expected: n + extra, max: n + extra };
}

const round = (x: number): number => Math.round(x);
const CL100K_OR_O200K = (e: string): e is keyof typeof data.openai.ruleA.constants => e === 'o200k_base' || e === 'cl100k_base';
const modelsA = new RegExp(data.openai.ruleA.models, 'i');

function openAiTools(fns: readonly FunctionDef[], ctx: ToolContext, modelBare: string): ToolCount {
  const enc = ctx.tok.encoding;
  const count = (t: string): number => countTokens(t, enc);
  const a = CL100K_OR_O200K(enc) ? ruleA(fns, count, enc) : undefined;
  const b = ruleB(fns, count, ctx, false);
  const bNested = ruleB(fns, count, ctx, true);
  const published = modelsA.test(modelBare);
  const flat = isFlat(fns);
  const plainChoice = ctx.toolChoice === undefined || ctx.toolChoice === 'auto';
  if (published && flat && plainChoice && a !== undefined && b.min === b.max && a === b.expected) {
    return { tokens: { min: a, expected: a, max: a }, exact: true, note: `${fns.length} function(s): ${a} tokens by the OpenAI cookbook rule (num_tokens_for_tools), the same by gpt-tokenizer's rule B: exact` };
  }
  const lo = Math.min(b.min, a ?? b.min);
  const hi = Math.max(bNested.max, a ?? 0, b.max);
  const [sLo, sHi] = published ? [1, 1] : data.openai.unpublishedModelSpread;
  const tokens = { min: round(lo * sLo!), expected: round((lo + hi) / 2), max: round(hi * sHi!) };
  const why = [!flat ? 'nested parameters (the published rules differ on them)' : '', !plainChoice ? `tool_choice ${ctx.toolChoice}` : '', !published ? data.openai.unpublishedModelNote : '', a !== undefined && b.expected !== a && flat ? `the two rules differ (${a} vs ${b.expected})` : '', ctx.systemText === null ? 'system text known only at run time' : ''].filter(Boolean);
  return { tokens, exact: false, note: `${fns.length} function(s): rule A ${a ?? 'n/a'}, rule B ${b.expected}, rule B with nested descriptions ${bNested.expected} → ${tokens.min}–${tokens.max}; estimated (${why.join('; ')})` };
}

function anthropicTools(json: Json, fns: readonly FunctionDef[] | undefined, ctx: ToolContext, modelBare: string): ToolCount {
  const forced = ctx.toolChoice === 'required' || ctx.toolChoice?.startsWith('function:') === true;
  const row = data.anthropic.systemPrompt.find((r) => new RegExp(r.pattern, 'i').test(modelBare));
  const sys: NumberRange = row
    ? { min: forced ? row.forced : row.auto, expected: forced ? row.forced : row.auto, max: forced ? row.forced : row.auto }
    : { min: data.anthropic.otherModels.min, expected: forced ? data.anthropic.otherModels.forced : data.anthropic.otherModels.auto, max: data.anthropic.otherModels.max };
  const defs = jsonDefinitionTokens(json, ctx.tok, data.anthropic.definitionSpread as [number, number]);
  const tokens = { min: sys.min + defs.min, expected: sys.expected + defs.expected, max: sys.max + defs.max };
  const sysText = row ? `${sys.expected} (tool-use system prompt, ${row.source}, tool_choice ${forced ? 'any/tool' : 'auto'})` : `${sys.min}–${sys.max}, expected ${sys.expected} (tool-use system prompt; ${data.anthropic.otherModels.source})`;
  return { tokens, exact: false, note: `${fns?.length ?? 'tool'} definition(s): ${sysText} + ${defs.min}–${defs.max} for the definitions (${data.anthropic.definitionNote})` };
}

/** Compact JSON of the definitions with the family's multiplier and a spread. */
function jsonDefinitionTokens(json: Json, tok: TokenizerChoice, spread: readonly [number, number]): NumberRange {
  const raw = countTokens(JSON.stringify(json), tok.encoding);
  return { min: round(raw * tok.multiplier.min * spread[0]), expected: round(raw * tok.multiplier.expected), max: round(raw * tok.multiplier.max * spread[1]) };
}

/** Tokens the tools list adds to the prompt, by the provider's rule. `json` is the list as the SDK sends it. */
export function toolTokens(json: unknown, ctx: ToolContext, modelBare: string): ToolCount {
  const fns = functionDefinitions(json);
  const family = ctx.tok.family;
  if (fns && ctx.tok.exact && (ctx.provider === 'openai' || ctx.provider === 'azure-openai' || family === 'openai')) return openAiTools(fns, ctx, modelBare);
  if (family.startsWith('claude')) return anthropicTools(json as Json, fns, ctx, modelBare);
  const tokens = jsonDefinitionTokens(json as Json, ctx.tok, data.other.definitionSpread as [number, number]);
  return { tokens, exact: false, note: `${fns?.length ?? 'tool'} definition(s) as compact JSON ${tokens.min}–${tokens.max} (${data.other.source})` };
}
