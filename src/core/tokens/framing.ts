/**
 * Chat framing per provider family (framing.json): the tokens around each message and the reply priming. OpenAI's
 * rule is published with the API's counts (exact); other families have their published chat template (Llama 3,
 * Mistral), no framing at all (Gemini counts the text), or OpenAI's rule with a spread (Claude, unknown families).
 */
import { familyId } from '../models/modelIds';
import type { Api, NumberRange, PromptPart } from '../types';
import type { TokenizerChoice } from './families';
import data from './framing.json';
import { MESSAGE_ROLES } from './partDefaults';
import { countTokens } from './tokenizer';

interface FramingRule {
  readonly start: number;
  readonly perMessage: number;
  readonly role: boolean;
  readonly perName: number;
  readonly priming: number;
  readonly range: readonly number[];
  readonly exact: boolean;
  readonly source: string;
  readonly short: string;
}

const families = data.families as Readonly<Record<string, FramingRule>>;
const apis = data.apis as Readonly<Record<string, FramingRule>>;
const models = data.models.map((m) => ({ ...m, re: new RegExp(m.pattern, 'i') }));

/** The framing rule for a model of a tokenizer family on an api. */
export function framingRule(tok: TokenizerChoice, modelId: string | null, api: Api): FramingRule {
  const bare = modelId ? familyId(modelId) : '';
  const byModel = models.find((m) => m.family === tok.family && m.re.test(bare));
  if (byModel) return byModel;
  return apis[`${tok.family}:${api}`] ?? families[tok.family] ?? families['other']!;
}

export interface FramingResult {
  readonly tokens: NumberRange;
  readonly exact: boolean;
  readonly note: string;
}

/** The framing tokens of a prompt's messages, or undefined when it has none (a plain prompt, embeddings). */
export function framingTokens(parts: readonly PromptPart[], tok: TokenizerChoice, modelId: string | null, api: Api): FramingResult | undefined {
  // The Responses API turns a plain `input` string into one user message.
  const msgs = parts.filter((p) => MESSAGE_ROLES.has(p.role) || (api === 'responses' && (p.role === 'input' || p.role === 'prompt'))).map((p) => (MESSAGE_ROLES.has(p.role) ? p : { ...p, role: 'user' as const }));
  if (msgs.length === 0) return undefined;
  const r = framingRule(tok, modelId, api);
  const roles = r.role ? msgs.reduce((a, p) => a + countTokens(p.role, tok.encoding), 0) : 0;
  const named = msgs.filter((p) => p.name !== undefined);
  const names = named.reduce((a, p) => a + countTokens(p.name!, tok.encoding) + r.perName, 0);
  const n = r.start + msgs.length * r.perMessage + roles + names + r.priming;
  const tokens = { min: Math.round(n * r.range[0]!), expected: n, max: Math.round(n * r.range[1]!) };
  const nameText = named.length ? ` + ${named.length} name(s) ${names}` : '';
  const arithmetic = `${r.start ? `${r.start} + ` : ''}${msgs.length} message(s) × ${r.perMessage}${r.role ? ` + roles ${roles}` : ''}${nameText} + ${r.priming} priming = ${n}`;
  const spread = r.exact ? '' : r.range[0] === r.range[1] ? '' : ` (range ${tokens.min}–${tokens.max})`;
  return { tokens, exact: r.exact, note: `framing ${arithmetic}${spread} (${r.short}, src/core/tokens/framing.json)` };
}
