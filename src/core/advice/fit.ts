/**
 * Feature fit: what a call uses (tools, image input, a JSON schema, reasoning parameters, its input size and output
 * limit) checked against another model's published limits. Unknown stays unknown: a flag the data does not give is
 * `fits: null`, never a pass.
 */
import type { ModelCapabilities } from '../models/capabilities';
import { generatedTokens } from '../tokens/outputTokens';
import type { FeatureFit, SiteEstimate } from '../types';

/** What one call needs from any model that serves it. */
export interface CallNeeds {
  readonly tools: boolean;
  readonly vision: boolean;
  readonly jsonSchema: boolean;
  readonly reasoning: boolean;
  /** The largest input the estimate allows (tokens). */
  readonly inputMax: number;
  /** True when some input is only known at run time, so `inputMax` is an estimate. */
  readonly inputEstimated: boolean;
  /** The output limit in code (`max_tokens` …), when set; else the largest output the estimate allows. */
  readonly output: number;
  readonly outputFromCode: boolean;
  /** The output-limit parameter's name as written (`max_tokens`, `max_completion_tokens`). */
  readonly maxTokensParam?: string;
}

/** Reads what a site's call uses from its estimate. */
export function callNeeds(e: SiteEstimate): CallNeeds {
  const p = e.site.params;
  const fromCode = p.maxTokens !== undefined;
  return {
    tools: p.tools === true,
    vision: e.site.prompt.some((x) => x.role === 'image'),
    jsonSchema: p.responseFormat === true,
    reasoning: p.reasoningEffort !== undefined || (p.thinkingBudget !== undefined && p.thinkingBudget > 0),
    inputMax: e.tokens.input.max,
    inputEstimated: e.tokens.accuracy === 'unknown-parts',
    output: fromCode ? p.maxTokens! : generatedTokens(e.tokens, e.site).max,
    outputFromCode: fromCode,
    ...(p.maxTokensParam ? { maxTokensParam: p.maxTokensParam } : {}),
  };
}

/** `212000` → `212,000` (toLocaleString is ~100× slower, and this runs for every candidate of every site). */
const n = (x: number): string => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function flagFit(feature: FeatureFit['feature'], flag: boolean | null | undefined, what: string): FeatureFit {
  if (flag === true) return { feature, fits: true, detail: `${what}: supported` };
  if (flag === false) return { feature, fits: false, detail: `${what}: not supported` };
  return { feature, fits: null, detail: `${what}: not known (the capability data does not say)` };
}

function contextFit(needs: CallNeeds, caps: ModelCapabilities | undefined): FeatureFit {
  const need = `input up to ${n(needs.inputMax)} tokens${needs.inputEstimated ? ' (estimate: some input is only known at run time)' : ''}`;
  const limit = caps?.maxInput ?? null;
  if (limit === null) return { feature: 'context', fits: null, detail: `${need}; max input not known` };
  return { feature: 'context', fits: needs.inputMax <= limit, detail: `${need}; max input ${n(limit)}` };
}

function outputFit(needs: CallNeeds, caps: ModelCapabilities | undefined): FeatureFit {
  const need = needs.outputFromCode ? `output limit ${n(needs.output)} in code` : `output up to ${n(needs.output)} tokens (estimate)`;
  const limit = caps?.maxOutput ?? null;
  if (limit === null) return { feature: 'max-output', fits: null, detail: `${need}; max output not known` };
  return { feature: 'max-output', fits: needs.output <= limit, detail: `${need}; max output ${n(limit)}` };
}

/**
 * OpenAI's reasoning models reject `max_tokens` (the API reference: "not compatible with o-series models"; they take
 * `max_completion_tokens`), so changing only the model string would break such a call.
 */
function parameterFit(needs: CallNeeds, caps: ModelCapabilities | undefined): FeatureFit | undefined {
  if (caps?.provider !== 'openai' || caps.reasoning !== true || needs.maxTokensParam !== 'max_tokens') return undefined;
  return { feature: 'parameters', fits: false, detail: 'the call sets max_tokens, which OpenAI reasoning models reject (they take max_completion_tokens)' };
}

/** Every feature and limit the call uses, checked against a model's capabilities (undefined: no data at all). */
export function featureFit(needs: CallNeeds, caps: ModelCapabilities | undefined): FeatureFit[] {
  const out: FeatureFit[] = [];
  if (needs.tools) out.push(flagFit('tools', caps?.tools, 'tools / function calling'));
  if (needs.vision) out.push(flagFit('vision', caps?.vision, 'image input'));
  if (needs.jsonSchema) out.push(flagFit('json-schema', caps?.jsonSchema, 'response_format (JSON schema)'));
  if (needs.reasoning) out.push(flagFit('reasoning', caps?.reasoning, 'reasoning / thinking parameters'));
  out.push(contextFit(needs, caps), outputFit(needs, caps));
  const params = parameterFit(needs, caps);
  if (params) out.push(params);
  return out;
}

/** `fits` over all features: false if any does not fit, null if any is unknown, else true. */
export function overallFit(fit: readonly FeatureFit[]): boolean | null {
  if (fit.some((f) => f.fits === false)) return false;
  return fit.some((f) => f.fits === null) ? null : true;
}
