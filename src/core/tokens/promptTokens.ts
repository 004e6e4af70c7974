/**
 * Input tokens of one call, part by part: known text counted with the model's tokenizer (exact for OpenAI models,
 * o200k × the family's multiplier otherwise), template holes and run-time parts at their documented sizes, prompt
 * files read through the FileProvider, images by the vendor's rule, tool definitions by the provider's rule
 * (tools.ts) and the chat framing by the family's rule (framing.ts).
 */
import { familyId } from '../models/modelIds';
import type { CallSite, NumberRange, TokenPartEstimate } from '../types';
import type { TokenizerChoice } from './families';
import { framingTokens } from './framing';
import { imageRuleFor, imageTokens } from './images';
import { DYNAMIC_PART_TOKENS, PLACEHOLDER_TOKENS } from './partDefaults';
import { countTokens } from './tokenizer';
import { toolTokens, type ToolContext } from './tools';

export const ZERO: NumberRange = { min: 0, expected: 0, max: 0 };

export function add(a: NumberRange, b: NumberRange): NumberRange {
  return { min: a.min + b.min, expected: a.expected + b.expected, max: a.max + b.max };
}

function scale(a: NumberRange, m: NumberRange): NumberRange {
  return { min: Math.round(a.min * m.min), expected: Math.round(a.expected * m.expected), max: Math.round(a.max * m.max) };
}

const point = (n: number): NumberRange => ({ min: n, expected: n, max: n });
const holesRange = (holes: number): NumberRange => ({ min: holes * PLACEHOLDER_TOKENS.min, expected: holes * PLACEHOLDER_TOKENS.expected, max: holes * PLACEHOLDER_TOKENS.max });

/** Tokens of known text under the chosen tokenizer (a point when exact, a multiplier range otherwise). */
export function textTokens(text: string, tok: TokenizerChoice): NumberRange {
  return scale(point(countTokens(text, tok.encoding)), tok.multiplier);
}

/** How a text's count was made, for the hover: `12 o200k tokens × 1.2 (1.1–1.42), rounded` (nothing when exact). */
function multiplierNote(text: string, tok: TokenizerChoice): string | undefined {
  if (tok.exact) return undefined;
  const m = tok.multiplier;
  return `${countTokens(text, tok.encoding)} ${tok.encoding.replace('_base', '')} tokens × ${m.expected} (${m.min}–${m.max}), rounded`;
}

const joinNotes = (...notes: (string | undefined)[]): string | undefined => notes.filter(Boolean).join('; ') || undefined;

export interface PromptCount {
  readonly parts: TokenPartEstimate[];
  readonly input: NumberRange;
  /** False when some input is only known at run time (`unknown-parts`). */
  readonly known: boolean;
  /** True when every count is the provider's own (tokenizer, framing and tool rule all exact). */
  readonly exact: boolean;
}

type Part = CallSite['prompt'][number];

/** A tools part (literal or template JSON) counted by the provider's rule; undefined when it is not JSON. */
function toolsPart(part: Part, site: CallSite, modelId: string | null, tok: TokenizerChoice): { est: TokenPartEstimate; exact: boolean } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(part.text ?? '');
  } catch {
    return undefined;
  }
  const sys = site.prompt.find((p) => p.role === 'system' || p.role === 'developer');
  const ctx: ToolContext = {
    provider: site.provider,
    modelId,
    tok,
    ...(site.params.toolChoice ? { toolChoice: site.params.toolChoice } : {}),
    ...(sys ? { systemText: sys.kind === 'literal' ? sys.text ?? '' : null } : {}),
  };
  const t = toolTokens(json, ctx, modelId ? familyId(modelId) : '');
  const holes = part.kind === 'template' ? Math.max(0, part.placeholders ?? 0) : 0;
  const tokens = holes ? add(t.tokens, holesRange(holes)) : t.tokens;
  const note = holes ? `${t.note}; ${holes} value(s) known only at run time × ${PLACEHOLDER_TOKENS.min}/${PLACEHOLDER_TOKENS.expected}/${PLACEHOLDER_TOKENS.max}` : t.note;
  return { est: { role: part.role, kind: part.kind, tokens, note }, exact: t.exact && holes === 0 };
}

/** One prompt part's tokens; `known` false for anything only known at run time, `exact` false for estimates. */
function partTokens(part: Part, site: CallSite, modelId: string | null, tok: TokenizerChoice, fileTexts: ReadonlyMap<string, string | undefined> | undefined): { est: TokenPartEstimate; known: boolean; exact: boolean } {
  if (part.role === 'image') {
    const img = imageTokens(imageRuleFor(modelId, site.provider), part.image);
    const known = img.tokens.min === img.tokens.max;
    return { est: { role: part.role, kind: part.kind, tokens: img.tokens, note: img.note }, known, exact: known };
  }
  if (part.role === 'tools' && (part.kind === 'literal' || part.kind === 'template')) {
    const t = toolsPart(part, site, modelId, tok);
    if (t) return { est: t.est, known: part.kind === 'literal', exact: t.exact };
  }
  if (part.kind === 'literal' && part.text !== undefined) {
    const note = multiplierNote(part.text, tok);
    return { est: { role: part.role, kind: part.kind, tokens: textTokens(part.text, tok), ...(note ? { note } : {}) }, known: true, exact: tok.exact };
  }
  if (part.kind === 'template') {
    const holes = Math.max(0, part.placeholders ?? 0);
    const tokens = add(textTokens(part.text ?? '', tok), holesRange(holes));
    const note = joinNotes(multiplierNote(part.text ?? '', tok), `${holes} placeholder(s) × ${PLACEHOLDER_TOKENS.min}/${PLACEHOLDER_TOKENS.expected}/${PLACEHOLDER_TOKENS.max} tokens`)!;
    return { est: { role: part.role, kind: part.kind, tokens, note }, known: holes === 0, exact: holes === 0 && tok.exact };
  }
  if (part.kind === 'file' && part.file !== undefined) {
    const text = fileTexts?.get(part.file);
    if (text !== undefined) return { est: { role: part.role, kind: part.kind, tokens: textTokens(text, tok), note: joinNotes(`read from ${part.file}`, multiplierNote(text, tok))! }, known: true, exact: tok.exact };
    return { est: { role: part.role, kind: part.kind, tokens: DYNAMIC_PART_TOKENS[part.role], note: `${part.file} not readable: assumed like a run-time value` }, known: false, exact: false };
  }
  const d = DYNAMIC_PART_TOKENS[part.role];
  return { est: { role: part.role, kind: part.kind, tokens: d, note: `known only at run time: assumed ${d.min}–${d.max}, expected ${d.expected} for a ${part.role} part` }, known: false, exact: false };
}

/** The input tokens of one call of `site`. */
export function promptTokens(site: CallSite, modelId: string | null, tok: TokenizerChoice, fileTexts?: ReadonlyMap<string, string | undefined>): PromptCount {
  const parts: TokenPartEstimate[] = [];
  let known = true;
  let exact = tok.exact;
  for (const part of site.prompt) {
    const r = partTokens(part, site, modelId, tok, fileTexts);
    parts.push(r.est);
    known &&= r.known;
    exact &&= r.exact;
  }
  if (site.prompt.length === 0 && site.api !== 'images' && site.api !== 'audio') {
    known = false;
    parts.push({ role: 'other', kind: 'dynamic', tokens: DYNAMIC_PART_TOKENS.user, note: 'no prompt visible in the code: assumed size of one user message' });
  }
  const framing = framingTokens(site.prompt, tok, modelId, site.api);
  if (framing) {
    parts.push({ role: 'overhead', kind: 'overhead', tokens: framing.tokens, note: framing.note });
    exact &&= framing.exact;
  }
  const input = parts.reduce((acc, p) => add(acc, p.tokens), ZERO);
  return { parts, input, known, exact };
}
