import type { Settings } from '../config/settings';
import { familyId } from '../models/modelIds';
import type { CallSite, NumberRange, Provenance, Sourced, TokenEstimate } from '../types';
import { tokenizerFor } from './families';
import { outputTokens } from './outputEstimate';
import { promptTokens, ZERO } from './promptTokens';
import reasoningData from './reasoning.json';

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
  /** True when that assumption names this site (annotation, usage-file site rule): it then wins over the call's own bound. */
  readonly outputAssumptionSpecific?: boolean;
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
export function estimateTokens(inp: TokenInputs): TokenEstimate {
  const { site, settings } = inp;
  const tok = tokenizerFor(inp.modelId, settings);
  const prompt = promptTokens(site, inp.modelId, tok, inp.fileTexts);
  const parts = prompt.parts;
  const accuracy: TokenEstimate['accuracy'] = !prompt.known ? 'unknown-parts' : prompt.exact ? 'exact' : 'estimated';
  const out = outputTokens({ site, settings, encoding: tok.encoding, ...(inp.outputAssumption ? { assumption: inp.outputAssumption } : {}), ...(inp.outputAssumptionSpecific ? { assumptionSpecific: true } : {}) });
  const n = site.params.n && site.params.n > 1 ? site.params.n : 1;
  const maxTokens = site.params.maxTokens;
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
    input: prompt.input,
    output: out.output,
    ...(reasoning ? { reasoning } : {}),
    accuracy,
    tokenizer: tok.label,
    parts,
    inputSource: tok.source,
    outputSource: out.source,
  };
}
