/**
 * Output tokens per call, by precedence: the default for the api kind < the `tokentier.usage.outputTokens` setting and
 * usage-file defaults < what the call's own evidence bounds (outputEvidence.ts) < a site's own assumption (annotation,
 * usage-file site rule). The code's `max_tokens` caps the result; `n` multiplies it.
 */
import type { Settings } from '../config/settings';
import type { CallSite, NumberRange, Provenance, Sourced } from '../types';
import { outputFromEvidence } from './outputEvidence';
import { DEFAULT_OUTPUT_TOKENS } from './partDefaults';
import type { EncodingName } from './tokenizer';

export interface OutputInputs {
  readonly site: CallSite;
  readonly settings: Settings;
  readonly encoding: EncodingName;
  /** Expected output tokens from an annotation or usage file. */
  readonly assumption?: Sourced<number>;
  /** True when the assumption names this site (annotation, usage-file site rule), not a default for its api kind. */
  readonly assumptionSpecific?: boolean;
}

const withRule = (s: Provenance, rule: string): Provenance => ({ ...s, rule: `${s.rule ? `${s.rule}; ` : ''}${rule}` });

/** A value taken as the expected point, the range stretched to include it. */
function expect(r: NumberRange, v: number): NumberRange {
  return { min: Math.min(r.min, v), expected: v, max: Math.max(r.max, v) };
}

export function outputTokens(inp: OutputInputs): { output: NumberRange; source: Provenance } {
  const { site, settings, assumption } = inp;
  const def = DEFAULT_OUTPUT_TOKENS[site.api] ?? DEFAULT_OUTPUT_TOKENS['chat']!;
  let out: NumberRange = def;
  let source: Provenance = { source: 'default', label: `default output for ${site.api} calls`, rule: `${def.min}–${def.max} tokens, expected ${def.expected}; nothing in the call bounds the answer` };
  const fromSetting = settings['usage.outputTokens'][site.api];
  if (fromSetting !== undefined) {
    out = expect(def, fromSetting);
    source = { source: 'settings', label: 'tokentier.usage.outputTokens', rule: `${site.api}: expected ${fromSetting}` };
  }
  if (assumption && !inp.assumptionSpecific) {
    out = expect(out, assumption.value);
    source = assumption.source;
  }
  const evidence = outputFromEvidence(site, inp.encoding);
  if (evidence) {
    out = evidence.range;
    source = { source: 'code', label: 'output bounded by the call', rule: evidence.rule };
  }
  if (assumption && inp.assumptionSpecific) {
    out = expect(out, assumption.value);
    source = evidence ? withRule(assumption.source, `the call's own bound: ${evidence.range.min}–${evidence.range.max}`) : assumption.source;
  }
  const maxTokens = site.params.maxTokens;
  if (maxTokens !== undefined && maxTokens >= 0) {
    out = { min: Math.min(out.min, maxTokens), expected: Math.min(out.expected, maxTokens), max: maxTokens };
    source = withRule(source, `max ${maxTokens} from ${site.params.maxTokensParam ?? 'max_tokens'} in code`);
  }
  const n = site.params.n && site.params.n > 1 ? site.params.n : 1;
  if (n > 1) {
    out = { min: out.min * n, expected: out.expected * n, max: out.max * n };
    source = withRule(source, `× ${n} completions (n=${n})`);
  }
  return { output: out, source };
}
