import type { Settings } from '../config/settings';
import type { FileProvider } from '../fileProvider';
import { billCall, pricesAt, type BillableUsage, type RateFactor } from '../pricing/calc';
import { bundledPriceTable, type PriceTable } from '../pricing/priceTable';
import type { PriceEntry } from '../pricing/priceTypes';
import { resolvePrice, type ResolvedPrice } from '../pricing/resolvePrice';
import serviceTiers from '../pricing/serviceTiers.json';
import type { PolicyBook, PriceBook, UsageBook } from '../teamFiles/teamTypes';
import { estimateTokens } from '../tokens/estimateTokens';
import { generatedTokens, generationCap } from '../tokens/outputTokens';
import { resolveUsage } from '../usage/assumptions';
import { adviseSite } from '../advice/advise';
import { siteEnergyOf } from '../models/energy';
import { cachePlan, type CacheShares } from './caching';
import { serviceTierFactor } from './serviceTier';
import { currencyPlan, type CurrencyPlan } from './currency';
import type { CallSite, CostEstimate, Diagnostic, NumberRange, PriceLine, Provenance, Provider, SiteEstimate, TokenEstimate } from '../types';

/** Team files loaded from `.tokentier/` (price book, usage assumptions, policy) and the `tokentier.priceBook` setting. */
export interface TeamConfig {
  /** Built by `loadTeamConfig` (src/core/teamFiles/loadTeamConfig.ts). */
  readonly priceBook?: PriceBook;
  readonly usage?: UsageBook;
  readonly policy?: PolicyBook;
  /** Problems found while loading, with file/line/field. */
  readonly diagnostics: readonly Diagnostic[];
}

/** No team files (restricted workspaces, or none present). */
export const emptyTeamConfig: TeamConfig = { diagnostics: [] };

export interface EstimateContext {
  readonly settings: Settings;
  readonly team: TeamConfig;
  /** Prices in force on this date (date-based price changes). Defaults to now. */
  readonly now?: Date;
  /** Reads prompt files named in code (`open("prompts/x.txt")`). Optional: without it they count as run-time text. */
  readonly files?: FileProvider;
  /** The price table (tests); defaults to the bundled genai-prices table. */
  readonly table?: PriceTable;
}

/** Estimates plus the diagnostics estimation produced (bad annotations, unknown models). */
export interface EstimateResult {
  readonly estimates: SiteEstimate[];
  readonly diagnostics: Diagnostic[];
}

/** Prompt files larger than this are not read (their size is assumed like run-time text). */
const MAX_PROMPT_FILE = 1024 * 1024;

/**
 * Estimates tokens, usage and cost for each site. Never throws.
 * Equivalent to `(await estimateSitesWithDiagnostics(...)).estimates`.
 */
export async function estimateSites(sites: readonly CallSite[], ctx: EstimateContext): Promise<SiteEstimate[]> {
  return (await estimateSitesWithDiagnostics(sites, ctx)).estimates;
}

/** Estimates every site and returns the estimation diagnostics too. Never throws. */
export async function estimateSitesWithDiagnostics(sites: readonly CallSite[], ctx: EstimateContext): Promise<EstimateResult> {
  const table = ctx.table ?? (await bundledPriceTable());
  const fileTexts = new Map<string, string | undefined>();
  if (ctx.files) {
    const paths = new Set<string>();
    for (const s of sites) for (const p of s.prompt) if (p.kind === 'file' && p.file) paths.add(p.file);
    await Promise.all(
      [...paths].map(async (p) => {
        try {
          const st = await ctx.files!.stat(p);
          fileTexts.set(p, st && st.type === 'file' && st.size <= MAX_PROMPT_FILE ? await ctx.files!.readText(p) : undefined);
        } catch {
          fileTexts.set(p, undefined);
        }
      }),
    );
  }
  return estimateSitesSync(sites, { ...ctx, table }, fileTexts);
}

interface EstimateMemo {
  readonly settings: Settings;
  readonly team: TeamConfig;
  readonly table: PriceTable;
  readonly day: string;
  readonly estimate: SiteEstimate;
  readonly diagnostics: readonly Diagnostic[];
}
const estimateMemo = new WeakMap<CallSite, EstimateMemo>();

/** The synchronous core (after the price table is loaded and prompt files are read). Never throws. */
export function estimateSitesSync(sites: readonly CallSite[], ctx: EstimateContext & { readonly table: PriceTable }, fileTexts?: ReadonlyMap<string, string | undefined>): EstimateResult {
  const estimates: SiteEstimate[] = [];
  const diagnostics: Diagnostic[] = [];
  const day = (ctx.now ?? new Date()).toISOString().slice(0, 10);
  const plan = currencyPlan(ctx.settings, ctx.team.priceBook);
  for (const site of sites) {
    try {
      // The detector hands back the same CallSite object for a call an edit did not touch: its estimate is the same
      // for the same settings, team files, price table and day, unless it reads a prompt file (which may change).
      const cacheable = !site.prompt.some((p) => p.kind === 'file');
      const memo = cacheable ? estimateMemo.get(site) : undefined;
      const r = memo && memo.settings === ctx.settings && memo.team === ctx.team && memo.table === ctx.table && memo.day === day ? memo : withAdvice(estimateOne(site, ctx, plan, fileTexts), ctx, plan, day, fileTexts);
      if (cacheable && r !== memo) estimateMemo.set(site, { settings: ctx.settings, team: ctx.team, table: ctx.table, day, estimate: r.estimate, diagnostics: r.diagnostics });
      estimates.push(r.estimate);
      diagnostics.push(...r.diagnostics);
    } catch (e) {
      diagnostics.push({ severity: 'error', code: 'internal-error', message: `Tokentier could not estimate this call: ${String(e)}`, file: site.file, range: site.range });
    }
  }
  return { estimates, diagnostics };
}

const scaleRange = (r: NumberRange, k: number): NumberRange => ({ min: r.min * k, expected: r.expected * k, max: r.max * k });

interface PointCost {
  readonly perCall: NumberRange;
  readonly lines: PriceLine[];
  readonly rules: string[];
}

function costFor(
  entry: PriceEntry,
  tokens: TokenEstimate,
  imageTokens: NumberRange,
  cache: CacheShares,
  outputCap: number | undefined,
  factors: readonly RateFactor[],
  at: Date,
): PointCost {
  const { prices, rule } = pricesAt(entry.prices, at);
  const at3 = (k: 'min' | 'expected' | 'max'): BillableUsage => {
    const input = tokens.input[k];
    const reasoning = tokens.reasoning?.[k] ?? 0;
    let output = tokens.output[k] + reasoning;
    if (outputCap !== undefined) output = Math.min(output, outputCap);
    const write = cache.write * input;
    return {
      input,
      cacheRead: cache.read * input,
      cacheWrite: write,
      cacheWrite1h: cache.ttl1h ? write : 0,
      output,
      reasoning: Math.min(reasoning, output),
      image: imageTokens[k],
      audio: 0,
      requests: 1,
    };
  };
  const source: Provenance = { ...entry.source, ...(rule ? { rule } : {}) };
  // The line's arithmetic names the price in its own currency (a price book's, else USD); the factors convert it.
  const e = billCall(prices, at3('expected'), source, factors, true, entry.currency ?? 'USD');
  const lo = billCall(prices, at3('min'), source, factors, false);
  const hi = billCall(prices, at3('max'), source, factors, false);
  return { perCall: { min: lo.total, expected: e.total, max: hi.total }, lines: e.lines, rules: rule ? [rule] : [] };
}

/**
 * Adds the site's advice (deprecation alert with the migration's cost, cheaper models) to an estimate. Other models
 * are priced by the same estimator at the same usage (`reprice`), so the comparison uses every rule the site's own
 * cost uses. Advice never breaks an estimate: a failure leaves it out.
 */
function withAdvice(r: { estimate: SiteEstimate; diagnostics: Diagnostic[] }, ctx: EstimateContext & { readonly table: PriceTable }, plan: CurrencyPlan, day: string, fileTexts?: ReadonlyMap<string, string | undefined>): { estimate: SiteEstimate; diagnostics: Diagnostic[] } {
  try {
    const site = r.estimate.site;
    const reprice = (model: string, provider: Provider): SiteEstimate => estimateCore(provider === site.provider ? site : { ...site, provider }, ctx, plan, fileTexts, model).estimate;
    const advice = adviseSite(r.estimate, { day, reprice, table: ctx.table });
    return advice ? { estimate: { ...r.estimate, advice }, diagnostics: r.diagnostics } : r;
  } catch {
    return r;
  }
}

/** How a call is billed apart from its model's prices: tokens, cache shares, output cap, rate factors, the day. */
interface Billing {
  readonly tokens: TokenEstimate;
  readonly imageTokens: NumberRange;
  readonly cache: CacheShares;
  readonly outputCap: number | undefined;
  readonly factors: readonly RateFactor[];
  readonly priceTime: Date;
  readonly plan: CurrencyPlan;
}

/** The service tier's and the batch share's factors on every price line (team adjustments and currency come after). */
function rateFactors(site: CallSite, entry: PriceEntry, batchShare: number, team: TeamConfig, diagnostics: Diagnostic[]): RateFactor[] {
  const factors: RateFactor[] = [];
  const provider = entry.providerId;
  const tier = serviceTierFactor(site, entry, diagnostics);
  if (tier) factors.push(tier);
  const b = batchShare;
  if (b > 0) {
    const bookBatch = team.priceBook?.batch[provider];
    const bundledBatch = (serviceTiers.batch as Readonly<Record<string, { factor: number; source: string }>>)[provider];
    const d = bookBatch ?? bundledBatch?.factor;
    if (d === undefined) {
      diagnostics.push({ severity: 'info', code: 'no-batch-discount', message: `No batch discount is known for ${provider}: batch calls priced at the standard rate.`, file: site.file, range: site.range });
    } else {
      const f = 1 - b * (1 - d);
      const pct = Math.round((1 - d) * 100);
      factors.push({
        factor: f,
        rule: b === 1 ? `batch −${pct} %` : `batch share ${Math.round(b * 100)} % at −${pct} %`,
        source: bookBatch !== undefined ? { source: 'team-file', label: 'price book batch discount' } : { source: 'bundled', label: 'Tokentier batch discounts (src/core/pricing/serviceTiers.json)', date: serviceTiers.checked, rule: bundledBatch!.source },
      });
    }
  }
  return factors;
}

/**
 * The cost per call with the site's model, its range widened by the fallbacks and conditional candidates: it covers the
 * dearest and cheapest model that may serve the call (the expected value stays the model's own).
 */
function costWithCandidates(site: CallSite, modelId: string, price: ResolvedPrice & { readonly ok: true }, billing: Billing, table: PriceTable, book: PriceBook | undefined, provenance: Provenance[], widen = true): { perCall: NumberRange; lines: PriceLine[] } {
  const { tokens, imageTokens, cache, outputCap, factors, priceTime, plan } = billing;
  const main = costFor(price.entry, tokens, imageTokens, cache, outputCap, factors, priceTime);
  const own = plan.factor(price.entry.currency ?? 'USD').factor;
  let perCall = main.perCall;
  const others = widen ? [...(site.model.candidates ?? []).map((c) => c.canonical ?? c.id), ...(site.params.fallbacks ?? [])].filter((x): x is string => !!x && x !== modelId) : [];
  for (const other of new Set(others)) {
    const p = resolvePrice(other, site.provider, table, book);
    if (!p.ok) {
      provenance.push({ source: 'default', label: `fallback ${other}`, rule: `no price for ${other}: not included in the range` });
      continue;
    }
    const conv = plan.factor(p.entry.currency ?? 'USD');
    if (conv.missing) {
      provenance.push({ source: 'default', label: `fallback ${other}`, rule: `${conv.missing}: not included in the range` });
      continue;
    }
    const shared = factors.filter((f) => !price.adjustments.includes(f) && f !== own);
    const c = costFor(p.entry, tokens, imageTokens, cache, outputCap, [...shared, ...p.adjustments, ...(conv.factor ? [conv.factor] : [])], priceTime);
    perCall = { min: Math.min(perCall.min, c.perCall.min), expected: perCall.expected, max: Math.max(perCall.max, c.perCall.max) };
    provenance.push({ ...p.entry.source, rule: `candidate ${other} (${p.entry.priceId}) widens the range: ${c.perCall.min.toPrecision(3)}–${c.perCall.max.toPrecision(3)} per call` });
  }
  return { perCall, lines: main.lines };
}

/** One site's estimate, with the energy of its calls at the provider when the model is one EcoLogits estimates. */
function estimateOne(site: CallSite, ctx: EstimateContext & { readonly table: PriceTable }, plan: CurrencyPlan, fileTexts?: ReadonlyMap<string, string | undefined>): { estimate: SiteEstimate; diagnostics: Diagnostic[] } {
  const r = estimateCore(site, ctx, plan, fileTexts);
  const e = r.estimate;
  const model = e.usage.model?.value ?? site.model.canonical ?? site.model.id;
  if (!model) return r;
  const callsPerMonth = e.usage.callsPerDay.value * e.usage.fanOut.value * (1 + e.usage.retryRate.value) * ctx.settings['usage.daysPerMonth'];
  const energy = siteEnergyOf(site.provider, model, generatedTokens(e.tokens, site).expected, callsPerMonth);
  return energy ? { ...r, estimate: { ...e, energy } } : r;
}

/**
 * Estimates one site (its energy is added by `estimateOne`). `modelOverride` prices the same call with another model
 * (advice): it replaces the model the code or the usage assumptions give, and conditional candidates no longer widen
 * the range.
 */
function estimateCore(site: CallSite, ctx: EstimateContext & { readonly table: PriceTable }, plan: CurrencyPlan, fileTexts?: ReadonlyMap<string, string | undefined>, modelOverride?: string): { estimate: SiteEstimate; diagnostics: Diagnostic[] } {
  const { settings, team } = ctx;
  const diagnostics: Diagnostic[] = [];
  const u = resolveUsage(site, settings, team.usage);
  diagnostics.push(...u.diagnostics);
  const usage = u.assumptions;
  // A conditional model the code cannot pin down (`a if x else b`) is priced as its first candidate; the others widen the range.
  const firstCandidate = site.model.candidates?.map((c) => c.canonical ?? c.id).find((x): x is string => !!x);
  const modelId = modelOverride ?? usage.model?.value ?? site.model.canonical ?? site.model.id ?? firstCandidate ?? null;
  const tokens = estimateTokens({ site, modelId, settings, ...(fileTexts ? { fileTexts } : {}), ...(usage.outputTokens ? { outputAssumption: usage.outputTokens, outputAssumptionSpecific: u.outputSpecific } : {}) });
  // Calls per day actually sent: assumed calls × fan-out × (1 + retries).
  const callsPerDay = usage.callsPerDay.value * usage.fanOut.value * (1 + usage.retryRate.value);
  // Output and reasoning are capped together by max_tokens (src/core/tokens/outputTokens.ts), not each on its own.
  const generated = generatedTokens(tokens, site);
  const tokensPerDay: NumberRange = scaleRange({ min: tokens.input.min + generated.min, expected: tokens.input.expected + generated.expected, max: tokens.input.max + generated.max }, callsPerDay);
  // The price book is cited only where it set a price, an adjustment, a batch discount or a rate (issue #19 item 7).
  const provenance: Provenance[] = [];
  const unknown = (unknownReason: string, priceId?: string): { estimate: SiteEstimate; diagnostics: Diagnostic[] } => ({
    estimate: { site, tokens, usage, cost: { currency: plan.code, perCall: null, perDay: null, perMonth: null, lines: [], ...(priceId ? { priceId } : {}), unknownReason, provenance }, tokensPerDay },
    diagnostics,
  });
  if (!modelId) return unknown('the model is not resolved from the code; set it with an annotation (model=…) or the usage file');
  const price = resolvePrice(modelId, site.provider, ctx.table, team.priceBook);
  if (!price.ok) {
    diagnostics.push({ severity: 'info', code: 'unknown-model', message: `No price for ${modelId}: cost unknown. ${price.reason}`, file: site.file, range: site.range });
    return unknown(price.reason);
  }
  const entry = price.entry;
  provenance.push({ ...entry.source, rule: price.rule });
  const at = ctx.now ?? new Date();
  // Time-of-day prices (off-peak discounts) are evaluated at 12:00 UTC of the day: a daily estimate, not the current minute.
  const priceTime = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), 12));
  const inForce = pricesAt(entry.prices, priceTime).prices;
  // Image generation and speech are billed per image / per second, which the token model does not cover: say so rather than show a token-only figure near $0.
  if ((site.api === 'images' || site.api === 'audio') && inForce['requests_kcount'] === undefined) return unknown(`${site.api} calls are billed per image or per second of audio, which Tokentier does not estimate yet; add a requests_kcount price for ${entry.modelId} in a price book`, entry.priceId);
  // Never relabelled: a price in a currency with no rate to the display currency is unknown (issue #19 item 2).
  const conv = plan.factor(entry.currency ?? 'USD');
  if (conv.missing) return unknown(conv.missing, entry.priceId);
  const { cache, cacheHitRate, diagnostics: cacheDiagnostics } = cachePlan(site, modelId, tokens, usage, u.cacheFromDefault, u.cacheTtl.value, inForce);
  diagnostics.push(...cacheDiagnostics);
  const factors = [...rateFactors(site, entry, usage.batchShare.value, team, diagnostics), ...price.adjustments, ...(conv.factor ? [conv.factor] : [])];
  for (const f of factors) if (f.source) provenance.push({ ...f.source, rule: f.source.rule ?? f.rule });
  const { perCall, lines } = costWithCandidates(site, modelId, price, { tokens, imageTokens: imageTokensOf(tokens), cache, outputCap: generationCap(site), factors, priceTime, plan }, ctx.table, team.priceBook, provenance, modelOverride === undefined);
  const perDay = scaleRange(perCall, callsPerDay);
  const perMonth = scaleRange(perDay, settings['usage.daysPerMonth']);
  const withCache = { ...usage, cacheHitRate };
  // Prices are capped (team/schemas.ts MAX_PRICE), but an adjustment, exchange rate or usage value can still be
  // absurd enough to overflow: say so and leave the cost unknown rather than show Infinity/NaN (JSON writes null).
  const finite = (r: NumberRange): boolean => Number.isFinite(r.min) && Number.isFinite(r.expected) && Number.isFinite(r.max);
  if (![perCall, perDay, perMonth].every(finite) || !lines.every((l) => Number.isFinite(l.amount) && Number.isFinite(l.rate))) {
    const reason = `the cost with ${entry.priceId} is not a finite number (a price, adjustment, exchange rate or usage value in the settings or team files is absurdly large); check them`;
    diagnostics.push({ severity: 'warning', code: 'cost-overflow', message: `${modelId}: ${reason}. Cost unknown.`, file: site.file, range: site.range });
    const r = unknown(reason, entry.priceId);
    return { estimate: { ...r.estimate, usage: withCache }, diagnostics };
  }
  const cost: CostEstimate = { currency: plan.code, perCall, perDay, perMonth, lines, priceId: entry.priceId, provenance };
  return { estimate: { site, tokens, usage: withCache, cost, tokensPerDay }, diagnostics };
}

function imageTokensOf(tokens: TokenEstimate): NumberRange {
  return tokens.parts.filter((p) => p.role === 'image').reduce<NumberRange>((a, p) => ({ min: a.min + p.tokens.min, expected: a.expected + p.tokens.expected, max: a.max + p.tokens.max }), { min: 0, expected: 0, max: 0 });
}

