/**
 * What the server generates per call: output plus reasoning tokens, at most `max_tokens` × `n`. The limit in code
 * (`max_tokens`, `max_completion_tokens`, `max_output_tokens`, Anthropic's `max_tokens` with a thinking budget, Gemini's
 * `maxOutputTokens`) caps the two together, so their separate ranges (each capped on its own) must not simply be
 * added. Pricing, tokens per day and the Tier Advisor's workload all read it from here. Types only: the extension
 * bundle imports this without the tokenizer.
 */
import type { CallSite, NumberRange, TokenEstimate } from '../types';

/** `max_tokens` × `n` for a site, or undefined when the code sets no limit. */
export function generationCap(site: Pick<CallSite, 'params'>): number | undefined {
  const max = site.params.maxTokens;
  if (max === undefined || !(max >= 0)) return undefined;
  const n = site.params.n && site.params.n > 1 ? site.params.n : 1;
  return max * n;
}

/** Output + reasoning tokens per call, each point capped at {@link generationCap}. Ordered as its inputs are. */
export function generatedTokens(tokens: Pick<TokenEstimate, 'output' | 'reasoning'>, site: Pick<CallSite, 'params'>): NumberRange {
  const cap = generationCap(site);
  const at = (k: keyof NumberRange): number => {
    const sum = tokens.output[k] + (tokens.reasoning?.[k] ?? 0);
    return cap === undefined ? sum : Math.min(sum, cap);
  };
  return { min: at('min'), expected: at('expected'), max: at('max') };
}
