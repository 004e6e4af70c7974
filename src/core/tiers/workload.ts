/**
 * The workload of the tier model, built from the cost engine's per-site estimates: the one builder that `tokentier
 * tiers` (src/cli/run.ts) and the Tier Advisor panel (src/core/tiers/advisorView.ts) both call, so the two agree to the
 * request. Also applies the user's edits. Pure and synchronous; the webview never calls it (it only shows the result).
 */
import { mixtureQuantile, rangeDistribution, type WeightedDistribution } from './distribution';
import { generatedTokens } from '../tokens/outputTokens';
import type { NumberRange, SiteEstimate } from '../types';
import type { AdvisorEdits } from './advisorView';
import type { ApiCostInput, SelfHostModel, Workload } from './types';
import { listSelfHostModels } from './catalogue';

/** How the derived workload came about, for tooltips. */
export interface WorkloadNotes {
  readonly requestsPerDay: string;
  readonly inputTokens: string;
  readonly outputTokens: string;
  readonly api: string;
  readonly selfHostModelId: string;
}

/** Result of {@link buildWorkload}. */
export interface AggregatedWorkload {
  /** Null when the scope has no (non-ignored) call sites. */
  readonly workload: Workload | null;
  readonly notes: WorkloadNotes;
  /** Non-ignored sites aggregated. */
  readonly sites: number;
  /** Of those, sites with a known price in USD. */
  readonly pricedSites: number;
  /** Caveats to show the user (mixed models, unpriced sites, other currencies). */
  readonly messages: readonly string[];
  /** The API cost per request split by what drives it, so edits of tokens per request rescale it (see {@link applyEdits}). */
  readonly apiCostSplit?: ApiCostSplit;
}

/** USD per request from input-side lines (input, cache), output-side lines (output, reasoning) and the rest (per request, images). */
export interface ApiCostSplit {
  readonly input: number;
  readonly output: number;
  readonly other: number;
}

const INPUT_LINES = new Set(['input', 'cache_read', 'cache_write', 'cache_write_1h']);
const OUTPUT_LINES = new Set(['output', 'reasoning']);

/** Splits one site's expected cost per call by its price lines, scaled so the parts add up to `perCall.expected`. */
function splitSiteCost(e: SiteEstimate): ApiCostSplit {
  const total = e.cost.perCall?.expected ?? 0;
  let input = 0;
  let output = 0;
  let other = 0;
  for (const l of e.cost.lines) {
    if (INPUT_LINES.has(l.dimension)) input += l.amount;
    else if (OUTPUT_LINES.has(l.dimension)) output += l.amount;
    else other += l.amount;
  }
  const sum = input + output + other;
  // No breakdown: the whole cost is "other", so token edits leave it unchanged rather than inventing a split.
  if (!(sum > 0)) return { input: 0, output: 0, other: total };
  const k = total / sum;
  return { input: input * k, output: output * k, other: other * k };
}

/**
 * Requests per day one site sends: calls/day × fan-out × (1 + retry rate). Retries are real requests a server must
 * serve, and fan-out (loops, gather) multiplies calls, so both count toward capacity.
 */
export function siteRequestsPerDay(e: SiteEstimate): number {
  const v = e.usage.callsPerDay.value * e.usage.fanOut.value * (1 + e.usage.retryRate.value);
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/**
 * The smallest value whose cumulative weight reaches `q` of the total (the upper weighted quantile).
 * With all weights zero, every value counts once. Over the per-site maxima this is the worst-case bound the
 * workload p95 of {@link aggregateWorkload} never exceeds.
 */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const total = weights.reduce((a, b) => a + b, 0);
  const w = total > 0 ? weights : values.map(() => 1);
  const sum = total > 0 ? total : values.length;
  const order = values.map((v, i) => ({ v, w: w[i] ?? 0 })).sort((a, b) => a.v - b.v);
  let acc = 0;
  for (const { v, w: wi } of order) {
    acc += wi;
    // A small tolerance: 0.95 × W computed in floating point must not miss the value that reaches it exactly.
    if (acc >= q * sum - 1e-9 * sum) return v;
  }
  return order[order.length - 1]!.v;
}

/** Mean of `values` weighted by `weights` (plain mean when all weights are zero). */
function weightedMean(values: readonly number[], weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
  return values.reduce((acc, v, i) => acc + v * (weights[i] ?? 0), 0) / total;
}

/** Request-weighted mean and 95th percentile of one token dimension (see {@link buildWorkload}). */
interface TokenStats {
  readonly mean: number;
  /** Undefined when no site has a finite range. */
  readonly p95: number | undefined;
  /** Per site: 'ok', 'repaired' (range widened to its finite values) or 'dropped' (no finite value). */
  readonly status: readonly ('ok' | 'repaired' | 'dropped')[];
}

/**
 * Tokens per request over the request mix: each site's range becomes a distribution with mean `expected`
 * (src/core/tiers/distribution.ts); the mean is the request-weighted mean of those means and the p95 is the
 * 95th percentile of the request-weighted mixture. A site whose range has no finite number is left out of both.
 */
function tokenStats(ranges: readonly NumberRange[], reqs: readonly number[]): TokenStats {
  const parts: WeightedDistribution[] = [];
  const status = ranges.map((r, i) => {
    const d = rangeDistribution(r);
    if (!d) return 'dropped' as const;
    parts.push({ dist: d.dist, weight: reqs[i] ?? 0 });
    return d.repaired ? ('repaired' as const) : ('ok' as const);
  });
  const mean = weightedMean(
    parts.map((x) => x.dist.mean),
    parts.map((x) => x.weight),
  );
  return { mean, p95: mixtureQuantile(parts, 0.95), status };
}

/** Options of {@link buildWorkload}. */
export interface WorkloadOptions {
  /** Display label of the scope (see present.ts `workspaceLabel`); untrusted text. */
  readonly label: string;
  /** The open-weight model of the self-hosted tiers; default: suggested from the API model ({@link suggestSelfHostModel}). */
  readonly selfHostModelId?: string;
  /** The catalogue the suggestion picks from; default: every model of the tier model's catalogue. */
  readonly selfHostModels?: readonly SelfHostModel[];
  /**
   * Count test-code sites (`CallSite.test`); default true: the builder counts what it is given. The CLI passes the
   * report's `includeTests`; the editor leaves test code out of the workspace scope unless `tokentier.includeTests`.
   */
  readonly includeTests?: boolean;
}

/** The model that represents a scope: the provider/model with the most requests (ties: the first site's). */
interface Representative {
  readonly provider: string;
  readonly model: string;
  /** How many distinct models the sites call. */
  readonly models: number;
}

/** The id a site is priced as, for grouping: the canonical id, else the id as written, else the usage file's. */
function siteModel(e: SiteEstimate): string {
  return e.site.model.canonical ?? e.site.model.id ?? e.usage.model?.value ?? 'unknown';
}

function representative(sites: readonly { e: SiteEstimate; r: number }[]): Representative | undefined {
  const byModel = new Map<string, { provider: string; model: string; r: number }>();
  for (const { e, r } of sites) {
    const model = siteModel(e);
    const key = `${e.site.provider}\u0000${model}`;
    const cur = byModel.get(key) ?? { provider: e.site.provider, model, r: 0 };
    cur.r += r;
    byModel.set(key, cur);
  }
  const top = [...byModel.values()].sort((a, b) => b.r - a.r)[0];
  return top ? { provider: top.provider, model: top.model, models: byModel.size } : undefined;
}

/** Where the API prices came from: every price table and team file the priced sites cite, each once. */
function priceSource(priced: readonly SiteEstimate[]): ApiCostInput['source'] {
  const labels: string[] = [];
  const dates = new Set<string>();
  for (const e of priced) {
    for (const p of e.cost.provenance) {
      if (p.source !== 'bundled' && p.source !== 'team-file') continue;
      if (!labels.includes(p.label)) labels.push(p.label);
      if (p.date) dates.add(p.date);
    }
  }
  const date = dates.size === 1 ? [...dates][0] : undefined;
  return { label: labels.join(', ') || 'Tokentier cost engine', ...(date ? { date } : {}), quality: 'derived' };
}

/** The hosted-API part of the workload: request-weighted cost per request of the priced sites, and its split. */
function apiCost(priced: readonly { e: SiteEstimate; r: number }[], messages: string[]): { api?: ApiCostInput; split?: ApiCostSplit; note: string } {
  if (!priced.length) return { note: 'no priced site: the API tier is n/a' };
  const top = representative(priced)!;
  const pr = priced.map(({ r }) => r);
  const costPerRequestUsd = weightedMean(
    priced.map(({ e }) => e.cost.perCall!.expected),
    pr,
  );
  const splits = priced.map(({ e }) => splitSiteCost(e));
  const split = {
    input: weightedMean(splits.map((x) => x.input), pr),
    output: weightedMean(splits.map((x) => x.output), pr),
    other: weightedMean(splits.map((x) => x.other), pr),
  };
  const api: ApiCostInput = { provider: top.provider, model: top.model, costPerRequestUsd, source: priceSource(priced.map(({ e }) => e)) };
  const others = top.models - 1;
  const note =
    `request-weighted mean cost per request of ${priced.length} priced site(s), × requests/day × 365/12 days a month (the month of every tier); ` +
    `latency looked up for ${top.provider}/${top.model}` +
    (others > 0 ? ` (the model with most requests; ${others} other model(s) in scope)` : '');
  if (others > 0) messages.push(`This scope calls ${top.models} models; the API tier's latency is that of ${top.model} (most requests).`);
  return { api, split, note };
}

/** The caveats about prices: sites in another currency, unpriced sites. */
function priceMessages(sites: readonly SiteEstimate[], priced: number, messages: string[]): void {
  const otherCurrency = sites.filter((e) => e.cost.perCall !== null && e.cost.currency !== 'USD').length;
  if (otherCurrency) messages.push(`${otherCurrency} site(s) are priced in another currency than USD and are left out of the API cost.`);
  const unpriced = sites.length - priced - otherCurrency;
  if (unpriced && priced === 0) messages.push(`No site in this scope has a known USD price: the hosted API tier is n/a.`);
  else if (unpriced) messages.push(`${unpriced} of ${sites.length} site(s) have no known price: the API cost assumes they cost the average of the priced ones.`);
}

/** The result for a scope without sites. */
function emptyScope(): AggregatedWorkload {
  const none = 'no call sites in this scope';
  return {
    workload: null,
    notes: { requestsPerDay: none, inputTokens: none, outputTokens: none, api: none, selfHostModelId: none },
    sites: 0,
    pricedSites: 0,
    messages: ['No LLM call sites in this scope: the workload below is a placeholder you can edit.'],
  };
}

/**
 * The one workload builder: what `tokentier tiers` compares and what the Tier Advisor panel shows, from the estimates
 * of a scope (workspace, file or site). docs/tiers.md "Workload from the code" gives the rules with an example.
 *
 * - requests/day: the sum of {@link siteRequestsPerDay} over non-ignored sites. Retries count: they are requests the
 *   server serves and the provider bills (the scan report's cost already includes them), and fan-out multiplies calls;
 * - tokens per request: request-weighted means of the expected input and output tokens (reasoning tokens count as
 *   output: the server generates them). p95: the 95th percentile of tokens per request over the request mix. Each
 *   site's min / expected / max range is read as the maximum-entropy distribution on [min, max] with mean
 *   `expected` (a truncated exponential; why that shape is in src/core/tiers/distribution.ts), the sites are
 *   mixed in proportion to their requests per day, and the mixture's 95 % point is solved from its CDF. It is never
 *   above the old rule (the 95 % weighted quantile of per-site maxima, a worst case: every request at its ceiling,
 *   `max_tokens` fully used), which it equals when every range is a point;
 * - hosted API: the request-weighted mean USD cost per request of the priced sites, applied to every request. The
 *   model that represents the workload is the provider/model that carries the most requests: latency and the
 *   self-hosted model are properties of a typical request, not of the dearest one;
 * - self-hosted model: `selfHostModelId` when given, else {@link suggestSelfHostModel} for the representative model.
 */
export function buildWorkload(estimates: readonly SiteEstimate[], opts: WorkloadOptions): AggregatedWorkload {
  // What totals count (src/core/estimate/totals.ts `isCounted`): not ignored, and test code only with includeTests.
  const sites = estimates.filter((e) => !e.site.ignored && (opts.includeTests !== false || e.site.test !== true));
  if (sites.length === 0) return emptyScope();
  const messages: string[] = [];
  const reqs = sites.map(siteRequestsPerDay);
  const requestsPerDay = reqs.reduce((a, b) => a + b, 0);
  const input = tokenStats(sites.map((e) => e.tokens.input), reqs);
  // Output + reasoning (the server generates both), capped together by the site's max_tokens.
  const output = tokenStats(sites.map((e) => generatedTokens(e.tokens, e.site)), reqs);
  tokenMessages(input, output, messages);

  const weighted = sites.map((e, i) => ({ e, r: reqs[i]! }));
  const priced = weighted.filter(({ e }) => e.cost.perCall !== null && e.cost.currency === 'USD');
  priceMessages(sites, priced.length, messages);
  const cost = apiCost(priced, messages);
  const rep = representative(priced.length ? priced : weighted);
  const models = opts.selfHostModels ?? listSelfHostModels();
  const selfHostModelId = opts.selfHostModelId ?? suggestSelfHostModel(rep?.model ?? null, models) ?? models[0]?.id ?? 'llama-3.1-8b';

  const workload: Workload = {
    label: opts.label,
    requestsPerDay,
    inputTokens: input.mean,
    outputTokens: output.mean,
    ...(input.p95 !== undefined ? { inputTokensP95: input.p95 } : {}),
    ...(output.p95 !== undefined ? { outputTokensP95: output.p95 } : {}),
    selfHostModelId,
    ...(cost.api ? { api: cost.api } : {}),
  };
  return {
    workload,
    notes: workloadNotes(sites, input, output, cost.note, opts.selfHostModelId !== undefined),
    sites: sites.length,
    pricedSites: priced.length,
    messages,
    ...(cost.split ? { apiCostSplit: cost.split } : {}),
  };
}

/** Says how many sites' token ranges were dropped or repaired. */
function tokenMessages(input: TokenStats, output: TokenStats, messages: string[]): void {
  let dropped = 0;
  let repaired = 0;
  for (let i = 0; i < input.status.length; i++) {
    const st = [input.status[i], output.status[i]];
    if (st.includes('dropped')) dropped++;
    else if (st.includes('repaired')) repaired++;
  }
  if (dropped) messages.push(`${dropped} site(s) have no finite token estimate and are left out of the tokens per request.`);
  if (repaired) messages.push(`${repaired} site(s) have a token range that is not a finite min ≤ expected ≤ max; it was widened to its finite values.`);
}

/** How each figure of the workload was derived, for tooltips and the CLI's JSON. */
function workloadNotes(sites: readonly SiteEstimate[], input: TokenStats, output: TokenStats, api: string, chosen: boolean): WorkloadNotes {
  const assumed = sites.filter((e) => e.usage.assumed).length;
  const counted = (t: TokenStats): number => t.status.filter((x) => x !== 'dropped').length;
  return {
    requestsPerDay: `Σ calls/day × fan-out × (1 + retry rate) over ${sites.length} site(s)` + (assumed ? `; ${assumed} site(s) use the default calls/day assumption` : ''),
    inputTokens:
      `request-weighted mean of expected input tokens over ${counted(input)} site(s); p95 = 95th percentile of input tokens per request ` +
      `over the request mix, each site spread over its min–max range with its expected value as the mean (not the worst case of every request at its max)`,
    outputTokens: `request-weighted mean of expected output + reasoning tokens over ${counted(output)} site(s); p95 as for input (max_tokens is a ceiling, not the typical reply)`,
    api,
    selfHostModelId: chosen ? 'chosen by the user' : 'open-weight model of similar class, suggested from the API model name (change it in the picker)',
  };
}

/** Lower-cases and keeps letters and digits only, so `Meta-Llama-3.1-70B-Instruct` and `llama-3.1-70b` compare. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Suggests an open-weight model for the self-hosted tiers. If the API model is itself an open-weight catalogue model
 * (served by Groq, Together, Ollama…), that one; else a dense model near 8B parameters for "small" API models
 * (mini, nano, flash, haiku, small, lite) and near 70B for the rest. This is a starting point the user changes.
 */
export function suggestSelfHostModel(apiModel: string | null | undefined, models: readonly SelfHostModel[]): string | undefined {
  if (models.length === 0) return undefined;
  const m = squash(apiModel ?? '');
  if (m) {
    // Longest id first, so `llama-3.1-70b` wins over a shorter id it contains.
    const hit = [...models].sort((a, b) => squash(b.id).length - squash(a.id).length).find((x) => m.includes(squash(x.id)));
    if (hit) return hit.id;
  }
  const small = /(mini|nano|flash|haiku|small|lite|8b|7b)/.test((apiModel ?? '').toLowerCase());
  const target = small ? 8 : 70;
  const dense = models.filter((x) => !x.moe);
  const pool = dense.length ? dense : models;
  return [...pool].sort((a, b) => Math.abs(a.activeParamsB - target) - Math.abs(b.activeParamsB - target))[0]!.id;
}

/** Placeholder workload for a scope without sites (so the panel still answers "what if"). */
export function placeholderWorkload(selfHostModelId: string, label: string): Workload {
  // 1,000 requests/day of 1,000 in / 300 out tokens: round numbers a user edits, not a claim about their code.
  return { label, requestsPerDay: 1000, inputTokens: 1000, outputTokens: 300, selfHostModelId };
}

/**
 * Applies the user's edits to a workload (edits win; `null` targets clear the target). When tokens per request change
 * and `split` is given, the API cost per request is rescaled: input-side cost × new/old input tokens, output-side cost ×
 * new/old output tokens, per-request charges unchanged (prices are linear in tokens below long-context thresholds).
 */
export function applyEdits(base: Workload, edits: AdvisorEdits, split?: ApiCostSplit): Workload {
  const w: { -readonly [K in keyof Workload]: Workload[K] } = { ...base };
  if (base.api && split && (edits.inputTokens !== undefined || edits.outputTokens !== undefined)) {
    const inK = edits.inputTokens !== undefined && base.inputTokens > 0 ? edits.inputTokens / base.inputTokens : 1;
    const outK = edits.outputTokens !== undefined && base.outputTokens > 0 ? edits.outputTokens / base.outputTokens : 1;
    w.api = { ...base.api, costPerRequestUsd: split.input * inK + split.output * outK + split.other };
  }
  if (edits.requestsPerDay !== undefined) w.requestsPerDay = edits.requestsPerDay;
  if (edits.inputTokens !== undefined) {
    // Keep the p95/expected ratio derived from the code when the user rescales the expected size.
    const ratio = base.inputTokens > 0 && base.inputTokensP95 !== undefined ? base.inputTokensP95 / base.inputTokens : 1;
    w.inputTokens = edits.inputTokens;
    w.inputTokensP95 = edits.inputTokens * ratio;
  }
  if (edits.outputTokens !== undefined) {
    const ratio = base.outputTokens > 0 && base.outputTokensP95 !== undefined ? base.outputTokensP95 / base.outputTokens : 1;
    w.outputTokens = edits.outputTokens;
    w.outputTokensP95 = edits.outputTokens * ratio;
  }
  if (edits.ttftTargetMs !== undefined) {
    if (edits.ttftTargetMs === null) delete w.ttftTargetMs;
    else w.ttftTargetMs = edits.ttftTargetMs;
  }
  if (edits.e2eTargetMs !== undefined) {
    if (edits.e2eTargetMs === null) delete w.e2eTargetMs;
    else w.e2eTargetMs = edits.e2eTargetMs;
  }
  if (edits.selfHostModelId !== undefined) w.selfHostModelId = edits.selfHostModelId;
  if (edits.edgeUsers !== undefined) {
    if (edits.edgeUsers === null) delete w.edgeUsers;
    else w.edgeUsers = edits.edgeUsers;
  }
  return w;
}
