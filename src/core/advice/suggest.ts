/**
 * Cheaper models for a call, with the trade-off stated: each candidate is priced by the estimator at the site's own
 * usage, checked against every feature the call uses, and compared in a dated public quality index.
 *
 * Order (docs/estimates.md, "Cheaper models"): the provider's own cheaper siblings (its ladders, nearest first), then
 * other models of the same provider, then other providers. Within a group, candidates whose fit is proven come before
 * those with an unknown capability; then (outside ladders) a published quality score before none, higher first; then
 * the smallest step down in price. Candidates that do not fit, are deprecated, have no price or save under 10 % are
 * left out.
 */
import { capabilitiesOf, capabilitiesSource } from '../models/capabilities';
import { CROSS_PROVIDERS, cheaperSiblings, hasPool, poolOf, type Ladder } from '../models/alternatives';
import { isWithdrawn, platformOfVendor } from '../models/lifecycle';
import { QUALITY_INDEXES, qualityOf } from '../models/quality';
import { tableProviderId } from '../pricing/priceTable';
import { pricesAt } from '../pricing/calc';
import { generatedTokens } from '../tokens/outputTokens';
import type { Api, FeatureFit, ModelAlternative, Provider, QualityComparison, SiteEstimate } from '../types';
import type { AdviceContext } from './context';
import { callNeeds, featureFit, overallFit, type CallNeeds } from './fit';

/** A candidate must save at least this share of the current monthly cost. */
export const MIN_SAVING_SHARE = 0.1;
/** At most this many alternatives are kept per site. */
export const MAX_ALTERNATIVES = 4;

/** Request kinds the pool (chat models) can serve. Legacy completions, embeddings, images and audio are not. */
const CHAT_APIS: ReadonlySet<Api> = new Set(['chat', 'responses', 'messages', 'generate']);

/** genai-prices provider ids of the pools → our provider names (who bills the alternative). */
const PROVIDER_OF: Readonly<Record<string, Provider>> = { openai: 'openai', anthropic: 'anthropic', google: 'google', mistral: 'mistral', deepseek: 'deepseek', cohere: 'cohere' };

interface Candidate {
  readonly model: string;
  readonly vendor: string;
  readonly kind: ModelAlternative['kind'];
  readonly ladder?: Ladder;
  /** Position in its group before sorting (ladder order). */
  readonly order: number;
}

/** The quality caveat of two models in the LMArena snapshot. */
export function compareQuality(current: string, alternative: string): QualityComparison {
  const idx = QUALITY_INDEXES.lmarena;
  const c = qualityOf(current);
  const a = qualityOf(alternative);
  return { index: idx.name, asOf: idx.asOf, ...(c ? { current: c } : {}), ...(a ? { alternative: a } : {}), ...(c && a ? { delta: a.score - c.score } : {}), source: idx.source };
}

/** Candidates per `vendor:model` (pure data: the pools and ladders are fixed), so 939 sites build a handful of lists. */
const candidateMemo = new Map<string, readonly Candidate[]>();

function candidatesFor(vendor: string, priceModel: string): readonly Candidate[] {
  const key = `${vendor}:${priceModel}`;
  let hit = candidateMemo.get(key);
  if (!hit) {
    if (candidateMemo.size > 1000) candidateMemo.clear();
    candidateMemo.set(key, (hit = buildCandidates(vendor, priceModel)));
  }
  return hit;
}

function buildCandidates(vendor: string, priceModel: string): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>([`${vendor}:${priceModel}`]);
  const add = (c: Omit<Candidate, 'order'>) => {
    if (seen.has(`${c.vendor}:${c.model}`)) return;
    seen.add(`${c.vendor}:${c.model}`);
    out.push({ ...c, order: out.length });
  };
  for (const s of cheaperSiblings(vendor, priceModel)) add({ model: s.model, vendor, kind: 'family', ladder: s.ladder });
  for (const m of poolOf(vendor)) add({ model: m, vendor, kind: 'provider' });
  for (const v of CROSS_PROVIDERS) if (v !== vendor) for (const m of poolOf(v)) add({ model: m, vendor: v, kind: 'cross-provider' });
  return out;
}

/** Why a call gets no suggestion before any candidate is priced, or undefined when it can get some. */
function precondition(e: SiteEstimate, vendor: string | undefined): string | undefined {
  if (!e.cost.perMonth || !vendor) return 'the current cost is unknown, so no saving can be computed';
  if (!CHAT_APIS.has(e.site.api)) return `no suggestions for ${e.site.api} calls (the suggestion pool holds chat models)`;
  // The vendor must serve the call itself (or a router does): Azure deployments, Bedrock, Vertex's Claude and hosts of
  // open models take other ids and other prices.
  if (e.site.provider !== 'other' && tableProviderId(e.site.provider) !== vendor) return `no suggestion data for ${e.site.provider} calls of ${vendor} models`;
  if (!hasPool(vendor)) return `no suggestion data for ${vendor} models`;
  return undefined;
}

/** Alternatives kept per group: the provider's own models, and one other provider's. */
const KEEP = { same: MAX_ALTERNATIVES - 1, cross: 1 } as const;

/** A candidate that fits (or may fit) the call, before it is priced exactly. */
interface Ranked extends Candidate {
  readonly fit: readonly FeatureFit[];
  readonly overall: boolean | null;
  readonly quality: QualityComparison;
  /** A rough cost per call from the table's base rates and the current token counts (ranking and pruning only). */
  readonly rough?: number;
}

/** Token counts differ by tokenizer (Claude Opus 4.7+ counts up to 1.55× o200k): a rough cost may be that far off. */
const ROUGH_SLACK = 1.6;

/** Base input and output rates (USD per million) of a model on a day, memoised per table. */
const ratesMemo = new WeakMap<object, Map<string, { input: number; output: number } | null>>();

function baseRates(model: string, provider: Provider, ctx: AdviceContext): { input: number; output: number } | null {
  let memo = ratesMemo.get(ctx.table);
  if (!memo) ratesMemo.set(ctx.table, (memo = new Map()));
  const key = `${provider}\u0000${model}\u0000${ctx.day}`;
  let hit = memo.get(key);
  if (hit === undefined) {
    const r = ctx.table.lookup(model, provider);
    const p = r.ok ? pricesAt(r.entry.prices, new Date(`${ctx.day}T12:00:00Z`)).prices : {};
    const base = (v: unknown): number | undefined => (typeof v === 'number' ? v : v && typeof v === 'object' && 'base' in v ? Number((v as { base: unknown }).base) : undefined);
    const input = base(p['input_mtok']);
    hit = input === undefined ? null : { input, output: base(p['output_mtok']) ?? 0 };
    if (memo.size > 5000) memo.clear();
    memo.set(key, hit);
  }
  return hit;
}

function roughCost(e: SiteEstimate, model: string, provider: Provider, ctx: AdviceContext): number | undefined {
  const r = baseRates(model, provider, ctx);
  if (!r) return undefined;
  return (e.tokens.input.expected * r.input + generatedTokens(e.tokens, e.site).expected * r.output) / 1e6;
}

/** What a candidate is on a day, whatever the site: withdrawn or not, and its capabilities (looked up once per day). */
const facts = new WeakMap<Candidate, { readonly day: string; readonly withdrawn: boolean; readonly caps: ReturnType<typeof capabilitiesOf> }>();

function factsOf(c: Candidate, day: string): { readonly withdrawn: boolean; readonly caps: ReturnType<typeof capabilitiesOf> } {
  let f = facts.get(c);
  if (f?.day !== day) {
    const platform = platformOfVendor(c.vendor);
    facts.set(c, (f = { day, withdrawn: !!platform && isWithdrawn(c.model, platform, day), caps: capabilitiesOf(c.vendor, c.model) }));
  }
  return f;
}

function rank(e: SiteEstimate, modelId: string, c: Candidate, needs: CallNeeds, ctx: AdviceContext, currentRough: number | undefined, dropped: Map<string, number>): Ranked | undefined {
  const drop = (why: string) => void dropped.set(why, (dropped.get(why) ?? 0) + 1);
  const { withdrawn, caps } = factsOf(c, ctx.day);
  if (withdrawn) return drop('deprecated'), undefined;
  const rough = roughCost(e, c.model, providerOf(e, c), ctx);
  // Cannot save 10 % even if its tokenizer counted far fewer tokens: not worth pricing exactly.
  if (rough !== undefined && currentRough !== undefined && rough / ROUGH_SLACK >= (1 - MIN_SAVING_SHARE) * currentRough) return drop('not 10 % cheaper'), undefined;
  const fit = featureFit(needs, caps);
  const overall = overallFit(fit);
  if (overall === false) return drop(`do not fit (${fit.filter((f) => f.fits === false).map((f) => f.feature).join(', ')})`), undefined;
  return { ...c, fit, overall, quality: compareQuality(modelId, c.model), ...(rough !== undefined ? { rough } : {}) };
}

function providerOf(e: SiteEstimate, c: Candidate): Provider {
  return c.vendor === e.cost.priceId?.split(':')[0] ? e.site.provider : PROVIDER_OF[c.vendor] ?? e.site.provider;
}

const KIND_RANK = { family: 0, provider: 1, 'cross-provider': 2 } as const;

/** The order of docs/estimates.md: group, proven fit, ladder order, published quality, smallest step down in price. */
function compare(a: Ranked, b: Ranked, costA = a.rough, costB = b.rough): number {
  const k = KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (k) return k;
  if (a.overall !== b.overall) return a.overall === true ? -1 : 1;
  if (a.kind === 'family') return a.order - b.order;
  const qa = a.quality.alternative?.score;
  const qb = b.quality.alternative?.score;
  if ((qa === undefined) !== (qb === undefined)) return qa === undefined ? 1 : -1;
  if (qa !== undefined && qb !== undefined && qa !== qb) return qb - qa;
  return (costB ?? 0) - (costA ?? 0);
}

/** Prices a ranked candidate exactly at the site's usage; undefined when it has no price or saves under 10 %. */
function price(e: SiteEstimate, c: Ranked, ctx: AdviceContext, dropped: Map<string, number>): ModelAlternative | undefined {
  const r = ctx.reprice(c.model, providerOf(e, c));
  const current = e.cost.perMonth!.expected;
  if (!r.cost.perMonth || !r.cost.priceId) return void dropped.set('no price', (dropped.get('no price') ?? 0) + 1), undefined;
  const saving = current - r.cost.perMonth.expected;
  if (!(current > 0) || saving / current < MIN_SAVING_SHARE) return void dropped.set('not 10 % cheaper', (dropped.get('not 10 % cheaper') ?? 0) + 1), undefined;
  return {
    model: c.model,
    priceId: r.cost.priceId,
    kind: c.kind,
    samePlatform: c.kind !== 'cross-provider',
    ...(c.ladder ? { family: c.ladder.family } : {}),
    perMonth: r.cost.perMonth,
    savingPerMonth: saving,
    savingShare: saving / current,
    fit: c.fit,
    quality: c.quality,
    sources: [capabilitiesSource, ...(c.ladder ? [c.ladder.source] : [])],
  };
}

/**
 * Cheaper models for a site, best first, or why there are none. Candidates are ranked on what is known without pricing
 * (fit, quality, table rates), then priced exactly in that order until the provider's group and the other providers'
 * group are full: a site costs a handful of re-estimates, not one per pool model.
 */
export function cheaperModels(e: SiteEstimate, modelId: string, ctx: AdviceContext): { alternatives: ModelAlternative[]; noAlternatives?: string } {
  const [vendor, priceModel] = (e.cost.priceId ?? '').split(':');
  const why = precondition(e, vendor || undefined);
  if (why) return { alternatives: [], noAlternatives: why };
  const needs = callNeeds(e);
  const dropped = new Map<string, number>();
  const currentRough = roughCost(e, modelId, e.site.provider, ctx);
  const ranked = candidatesFor(vendor!, priceModel ?? '')
    .map((c) => rank(e, modelId, c, needs, ctx, currentRough, dropped))
    .filter((c): c is Ranked => c !== undefined)
    .sort((a, b) => compare(a, b));
  const kept: { alt: ModelAlternative; c: Ranked }[] = [];
  const count = { same: 0, cross: 0 };
  for (const c of ranked) {
    const group = c.kind === 'cross-provider' ? 'cross' : 'same';
    if (count[group] >= KEEP[group]) continue;
    const alt = price(e, c, ctx, dropped);
    if (!alt) continue;
    kept.push({ alt, c });
    count[group]++;
    if (count.same >= KEEP.same && count.cross >= KEEP.cross) break;
  }
  if (kept.length) return { alternatives: kept.sort((a, b) => compare(a.c, b.c, a.alt.perMonth.expected, b.alt.perMonth.expected)).map((k) => k.alt) };
  const reasons = [...dropped].map(([k, v]) => `${v} ${k}`).join('; ');
  return { alternatives: [], noAlternatives: `no model in the suggestion pool is at least 10 % cheaper and fits this call${reasons ? ` (${reasons})` : ''}` };
}
