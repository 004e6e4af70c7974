import type { Settings } from '../config/settings';
import { familyId } from '../models/modelIds';
import type { CallSite, NumberRange, Provenance, Sourced, TokenEstimate, TokenPartEstimate } from '../types';
import { tokenizerFor, type TokenizerChoice } from './families';
import { imageRuleFor, imageTokens } from './images';
import { functionDefinitions, REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE, toolTokens } from './messages';
import { DEFAULT_OUTPUT_TOKENS, DYNAMIC_PART_TOKENS, MESSAGE_ROLES, PLACEHOLDER_TOKENS } from './partDefaults';
import reasoningData from './reasoning.json';
import { countTokens } from './tokenizer';

/** What the token estimator needs besides the site. */
export interface TokenInputs {
  readonly site: CallSite;
  /** The model whose tokenizer applies (the usage override when the code does not resolve one). */
  readonly modelId: string | null;
  readonly settings: Settings;
  /** Texts of prompt files already read through the FileProvider (undefined: not readable). */
  readonly fileTexts?: ReadonlyMap<string, string | undefined>;
  /** Expected output tokens from an annotation or usage file. */
  readonly outputAssumption?: Sourced<number>;
}

const ZERO: NumberRange = { min: 0, expected: 0, max: 0 };

function add(a: NumberRange, b: NumberRange): NumberRange {
  return { min: a.min + b.min, expected: a.expected + b.expected, max: a.max + b.max };
}

function scale(a: NumberRange, m: NumberRange): NumberRange {
  return { min: Math.round(a.min * m.min), expected: Math.round(a.expected * m.expected), max: Math.round(a.max * m.max) };
}

function point(n: number): NumberRange {
  return { min: n, expected: n, max: n };
}

/** Tokens of known text under the chosen tokenizer (a point when exact, a multiplier range otherwise). */
function textTokens(text: string, tok: TokenizerChoice): NumberRange {
  return scale(point(countTokens(text, tok.encoding)), tok.multiplier);
}

const reasoningModels = reasoningData.models.map((m) => ({ ...m, re: new RegExp(m.pattern, 'i') }));
const effortTokens = reasoningData.effortTokens as Readonly<Record<string, NumberRange>>;

/** Reasoning tokens per call, or undefined when the model does not reason. Exported for tests. */
export function reasoningTokens(modelId: string | null, site: CallSite): { tokens: NumberRange; source: Provenance } | undefined {
  const budget = site.params.thinkingBudget;
  if (budget !== undefined) {
    if (budget <= 0) return undefined;
    return {
      tokens: { min: 0, expected: Math.round(budget / 2), max: budget },
      source: { source: 'code', label: 'thinking budget in code', rule: `budget ${budget}: min 0, expected half, max the budget; billed as output` },
    };
  }
  const bare = modelId ? familyId(modelId) : undefined;
  const row = bare ? reasoningModels.find((m) => m.re.test(bare)) : undefined;
  if (!row) return undefined;
  const effort = site.params.reasoningEffort?.toLowerCase() ?? row.defaultEffort;
  if (!effort) return undefined; // Claude: no thinking unless a budget is set.
  const tokens = effortTokens[effort] ?? effortTokens['medium']!;
  const fromCode = site.params.reasoningEffort !== undefined;
  return {
    tokens,
    source: {
      source: 'default',
      label: 'Tokentier reasoning defaults (src/core/tokens/reasoning.json; assumption)',
      date: reasoningData.checked,
      rule: `${row.id}, effort ${effort}${fromCode ? ' (from code)' : ' (vendor default)'}: ${tokens.min}–${tokens.max} tokens, expected ${tokens.expected}; billed as output`,
    },
  };
}

/** Estimates input, output and reasoning tokens for one call of `site`. Never throws. */
// eslint-disable-next-line max-lines-per-function -- one pass over the prompt parts, then output and reasoning ranges; to be split with the output-token rules of #19 (items 3, 4, 11)
export function estimateTokens(inp: TokenInputs): TokenEstimate {
  const { site, settings } = inp;
  const tok = tokenizerFor(inp.modelId, settings);
  const imageRule = imageRuleFor(inp.modelId, site.provider);
  const parts: TokenPartEstimate[] = [];
  let known = true;
  let messages = 0;
  for (const part of site.prompt) {
    if (MESSAGE_ROLES.has(part.role)) messages++;
    if (part.role === 'image') {
      const img = imageTokens(imageRule, part.image);
      if (img.tokens.min !== img.tokens.max) known = false;
      parts.push({ role: part.role, kind: part.kind, tokens: img.tokens, note: img.note });
      continue;
    }
    if (part.kind === 'literal' && part.text !== undefined) {
      if (part.role === 'tools') {
        let fns: ReturnType<typeof functionDefinitions>;
        try {
          fns = functionDefinitions(JSON.parse(part.text));
        } catch {
          fns = undefined;
        }
        if (fns) {
          const t = scale(point(toolTokens(fns, (x) => countTokens(x, tok.encoding), tok.encoding)), tok.multiplier);
          parts.push({ role: part.role, kind: part.kind, tokens: t, note: `${fns.length} function(s), OpenAI cookbook tool-token rule` });
          continue;
        }
      }
      parts.push({ role: part.role, kind: part.kind, tokens: textTokens(part.text, tok) });
      continue;
    }
    if (part.kind === 'template') {
      const holes = Math.max(0, part.placeholders ?? 0);
      const t = add(textTokens(part.text ?? '', tok), { min: holes * PLACEHOLDER_TOKENS.min, expected: holes * PLACEHOLDER_TOKENS.expected, max: holes * PLACEHOLDER_TOKENS.max });
      if (holes > 0) known = false;
      parts.push({ role: part.role, kind: part.kind, tokens: t, note: `${holes} placeholder(s) × ${PLACEHOLDER_TOKENS.min}/${PLACEHOLDER_TOKENS.expected}/${PLACEHOLDER_TOKENS.max} tokens` });
      continue;
    }
    if (part.kind === 'file' && part.file !== undefined) {
      const text = inp.fileTexts?.get(part.file);
      if (text !== undefined) {
        parts.push({ role: part.role, kind: part.kind, tokens: textTokens(text, tok), note: `read from ${part.file}` });
        continue;
      }
      known = false;
      parts.push({ role: part.role, kind: part.kind, tokens: DYNAMIC_PART_TOKENS[part.role], note: `${part.file} not readable: assumed like a run-time value` });
      continue;
    }
    known = false;
    parts.push({ role: part.role, kind: part.kind, tokens: DYNAMIC_PART_TOKENS[part.role], note: 'known only at run time: assumed size for this role' });
  }
  if (site.prompt.length === 0 && site.api !== 'images' && site.api !== 'audio') {
    known = false;
    parts.push({ role: 'other', kind: 'dynamic', tokens: DYNAMIC_PART_TOKENS.user, note: 'no prompt visible in the code: assumed size of one user message' });
  }
  if (messages > 0) {
    // Each message: 3 framing tokens + its role name (1 token for the standard roles) — the cookbook counts the role value.
    const roleTokens = site.prompt.filter((p) => MESSAGE_ROLES.has(p.role)).reduce((a, p) => a + countTokens(p.role, tok.encoding), 0);
    const framing = messages * TOKENS_PER_MESSAGE + roleTokens + REPLY_PRIMING_TOKENS;
    parts.push({
      role: 'overhead',
      kind: 'overhead',
      tokens: scale(point(framing), tok.multiplier),
      note: `${messages} message(s) × (${TOKENS_PER_MESSAGE} + role) + ${REPLY_PRIMING_TOKENS} reply priming (OpenAI cookbook)`,
    });
  }
  const input = parts.reduce((acc, p) => add(acc, p.tokens), ZERO);
  const accuracy: TokenEstimate['accuracy'] = !known ? 'unknown-parts' : tok.exact ? 'exact' : 'estimated';

  // Output: default per API kind < setting < usage assumption; the code's max_tokens caps it.
  const def = DEFAULT_OUTPUT_TOKENS[site.api] ?? DEFAULT_OUTPUT_TOKENS['chat']!;
  let out: NumberRange = def;
  let outputSource: Provenance = { source: 'default', label: `default output for ${site.api} calls`, rule: `${def.min}–${def.max} tokens, expected ${def.expected}` };
  const fromSetting = settings['usage.outputTokens'][site.api];
  if (fromSetting !== undefined) {
    out = { min: Math.min(def.min, fromSetting), expected: fromSetting, max: Math.max(def.max, fromSetting) };
    outputSource = { source: 'settings', label: 'tokentier.usage.outputTokens', rule: `${site.api}: expected ${fromSetting}` };
  }
  if (inp.outputAssumption) {
    const v = inp.outputAssumption.value;
    out = { min: Math.min(out.min, v), expected: v, max: Math.max(out.max, v) };
    outputSource = inp.outputAssumption.source;
  }
  const maxTokens = site.params.maxTokens;
  if (maxTokens !== undefined && maxTokens >= 0) {
    out = { min: Math.min(out.min, maxTokens), expected: Math.min(out.expected, maxTokens), max: maxTokens };
    outputSource = { ...outputSource, rule: `${outputSource.rule ? `${outputSource.rule}; ` : ''}max ${maxTokens} from ${site.params.maxTokensParam ?? 'max_tokens'} in code` };
  }
  const n = site.params.n && site.params.n > 1 ? site.params.n : 1;
  if (n > 1) {
    out = { min: out.min * n, expected: out.expected * n, max: out.max * n };
    outputSource = { ...outputSource, rule: `${outputSource.rule ?? ''}; × ${n} completions (n=${n})` };
  }
  const r = site.api === 'embeddings' ? undefined : reasoningTokens(inp.modelId, site);
  let reasoning: NumberRange | undefined;
  if (r) {
    reasoning = { min: r.tokens.min * n, expected: r.tokens.expected * n, max: r.tokens.max * n };
    // max_tokens (max_completion_tokens, Anthropic max_tokens, Gemini maxOutputTokens) caps output + reasoning together:
    // each range is capped here on its own; their sum is capped where they are added (src/core/tokens/outputTokens.ts).
    if (maxTokens !== undefined && maxTokens >= 0) reasoning = { min: Math.min(reasoning.min, maxTokens * n), expected: Math.min(reasoning.expected, maxTokens * n), max: Math.min(reasoning.max, maxTokens * n) };
    parts.push({ role: 'overhead', kind: 'overhead', tokens: ZERO, note: `reasoning: ${r.source.rule ?? ''}` });
  }
  return {
    input,
    output: out,
    ...(reasoning ? { reasoning } : {}),
    accuracy,
    tokenizer: tok.label,
    parts,
    inputSource: tok.source,
    outputSource,
  };
}
