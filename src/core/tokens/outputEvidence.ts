/**
 * Output tokens bounded by what the call shows (issue #19 item 11): a forced tool call or a structured-output schema
 * whose fields are all enums, booleans or numbers, an instruction that fixes the answer's length ("one word", "yes or
 * no", "a label", "N bullet points"), a newline stop sequence. The rules are data (outputRules.json, each with an
 * example; docs/estimates.md "Output from the evidence"). Where nothing bounds the answer the estimator keeps its wide
 * default range. `max_tokens` still caps whatever a rule says (estimateTokens.ts).
 */
import type { CallSite, NumberRange } from '../types';
import rules from './outputRules.json';
import { functionDefinitions } from './tools';
import { countTokens, type EncodingName } from './tokenizer';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** An output range with the rule that set it (`rule` is shown in the hover, arithmetic included). */
export interface OutputBound {
  readonly id: string;
  readonly range: NumberRange;
  readonly rule: string;
}

const instructionRules = rules.instructions.map((r) => ({ ...r, re: new RegExp(r.pattern, 'i') }));
const NUMBER_WORDS = rules.numbers as Readonly<Record<string, number>>;
const INSTRUCTION_ROLES = new Set(['system', 'developer', 'user', 'prompt', 'input']);
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const range3 = (r: readonly number[]): NumberRange => ({ min: r[0]!, expected: r[1]!, max: r[2]! });

/**
 * The longest JSON answer a schema allows, in tokens, or undefined when a field is free text or a list (unbounded).
 * Enum: its longest value; boolean and null 1; number 4; an object its keys, values and punctuation.
 */
export function schemaMaxTokens(schema: Json, enc: EncodingName, depth = 0): number | undefined {
  if (!isObject(schema) || depth > 8) return undefined;
  const choices = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(choices)) {
    const each = choices.map((c) => schemaMaxTokens(c, enc, depth + 1));
    return each.every((x): x is number => x !== undefined) && each.length ? Math.max(...each) : undefined;
  }
  if ('const' in schema) return countTokens(JSON.stringify(schema['const']), enc);
  if (Array.isArray(schema['enum'])) return Math.max(1, ...schema['enum'].map((v) => countTokens(JSON.stringify(v), enc)));
  switch (schema['type']) {
    case 'boolean':
    case 'null':
      return 1;
    case 'number':
    case 'integer':
      return 4;
    case 'object': {
      const props = isObject(schema['properties']) ? schema['properties'] : undefined;
      if (!props) return undefined;
      let n = 2;
      for (const [k, v] of Object.entries(props)) {
        const inner = schemaMaxTokens(v, enc, depth + 1);
        if (inner === undefined) return undefined;
        n += countTokens(JSON.stringify(k), enc) + 2 + inner;
      }
      return n;
    }
    default:
      return undefined;
  }
}

function boundedSchema(maxTokens: number, what: string): OutputBound {
  const b = rules.structured.boundedSchema;
  const at = (i: number): number => Math.round(maxTokens * b.spread[i]! + b.extra[i]!);
  const range = { min: Math.max(1, at(0)), expected: at(1), max: at(2) };
  return { id: 'structured', range, rule: `${what}: every field an enum, boolean or number, at most ${maxTokens} tokens of JSON → ${range.min}–${range.max}, expected ${range.expected} (${b.note})` };
}

function parseJson(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** A forced tool call: the answer is that function's arguments. */
function forcedTool(site: CallSite, enc: EncodingName): OutputBound | undefined {
  const choice = site.params.toolChoice;
  if (choice !== 'required' && !choice?.startsWith('function:')) return undefined;
  const part = site.prompt.find((p) => p.role === 'tools' && (p.kind === 'literal' || p.kind === 'template'));
  const fns = functionDefinitions(parseJson(part?.text));
  const name = choice.startsWith('function:') ? choice.slice('function:'.length) : undefined;
  const forced = fns?.filter((f) => name === undefined || f.name === name) ?? [];
  const sizes = forced.map((f) => (f.parameters ? schemaMaxTokens({ ...f.parameters, type: 'object' }, enc) : 2));
  if (forced.length && part?.kind === 'literal' && sizes.every((s): s is number => s !== undefined)) return boundedSchema(Math.max(...sizes), `forced tool call (tool_choice ${choice})`);
  const t = rules.structured.toolCall;
  return { id: 'tool-call', range: range3(t.range), rule: `forced tool call (tool_choice ${choice}): ${t.note}` };
}

/** A structured-output schema (`response_format` json_schema, or a schema given directly). */
function responseSchema(site: CallSite, enc: EncodingName): OutputBound | undefined {
  const part = site.prompt.find((p) => p.role === 'response_format' && p.kind === 'literal');
  const rf = parseJson(part?.text);
  if (!isObject(rf)) return undefined;
  const js = isObject(rf['json_schema']) ? rf['json_schema'] : undefined;
  const schema = js && isObject(js['schema']) ? js['schema'] : isObject(rf['schema']) ? rf['schema'] : rf['properties'] ? rf : undefined;
  if (!schema) return undefined;
  const max = schemaMaxTokens(schema, enc);
  return max === undefined ? undefined : boundedSchema(max, 'structured output schema');
}

/** The count an instruction names (`3-word`, `two sentences`), 1–1000. */
function countIn(match: RegExpExecArray): number {
  const word = (match[1] ?? '').toLowerCase();
  const n = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word] ?? 1;
  return Math.min(1000, Math.max(1, n));
}

/** {@link instruction}'s answer per prompt: a site is estimated again for every model its advice prices. */
const instructionMemo = new WeakMap<CallSite['prompt'], OutputBound | null>();

/** An instruction in the visible prompt that fixes the answer's length. */
function instruction(site: CallSite): OutputBound | undefined {
  let hit = instructionMemo.get(site.prompt);
  if (hit === undefined) instructionMemo.set(site.prompt, (hit = findInstruction(site) ?? null));
  return hit ?? undefined;
}

function findInstruction(site: CallSite): OutputBound | undefined {
  const texts = site.prompt.filter((p) => INSTRUCTION_ROLES.has(p.role) && p.text && (p.kind === 'literal' || p.kind === 'template')).map((p) => p.text!);
  for (const r of instructionRules) {
    for (const text of texts) {
      const m = r.re.exec(text);
      if (!m) continue;
      const quote = m[0].length > 60 ? `${m[0].slice(0, 57)}…` : m[0];
      if ('perItem' in r && r.perItem) {
        const n = countIn(m);
        const range = { min: Math.round(r.perItem[0]! * n + r.extra![0]!), expected: Math.round(r.perItem[1]! * n + r.extra![1]!), max: Math.round(r.perItem[2]! * n + r.extra![2]!) };
        return { id: r.id, range, rule: `"${quote}" in the prompt: ${n} × ${r.perItem.join('/')} + ${r.extra!.join('/')} → ${range.min}–${range.max}, expected ${range.expected} (rule ${r.id}, src/core/tokens/outputRules.json)` };
      }
      const range = range3(r.range!);
      return { id: r.id, range, rule: `"${quote}" in the prompt → ${range.min}–${range.max}, expected ${range.expected} (rule ${r.id}, src/core/tokens/outputRules.json)` };
    }
  }
  return undefined;
}

function stopSequence(site: CallSite): OutputBound | undefined {
  if (!site.params.stop?.some((s) => s.includes('\n'))) return undefined;
  const s = rules.stop.newline;
  return { id: 'stop-newline', range: range3(s.range), rule: `stop sequence "\\n": ${s.note}` };
}

/** The output range the call's own evidence sets, strongest first; undefined when nothing bounds it. */
export function outputFromEvidence(site: CallSite, enc: EncodingName): OutputBound | undefined {
  if (site.api === 'embeddings' || site.api === 'images' || site.api === 'audio') return undefined;
  return forcedTool(site, enc) ?? responseSchema(site, enc) ?? instruction(site) ?? stopSequence(site);
}
