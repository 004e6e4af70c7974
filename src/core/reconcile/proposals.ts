/**
 * Usage-file proposals that make the estimate match the bill. For each billed model its sites are scaled together —
 * the bill cannot say which site spent what — by the model's factor (billed ÷ predicted: requests, else input tokens,
 * else cost): calls/day × factor. Where the bill has token kinds, output tokens per call are set so the model's output
 * matches (billed output ÷ (predicted output × factor), the same for every site) and the cache hit rate to the billed
 * share of input read from cache. Values an inline annotation sets are left alone and said so.
 */
import { ruleMatches } from '../usage/assumptions';
import type { UsageEntryEdit } from '../teamFiles/usageEdit';
import type { UsageRule } from '../teamFiles/teamTypes';
import type { CallSite, SiteEstimate } from '../types';
import type { SitePrediction } from './predict';
import type { ModelComparison, ReconcileResult, SiteProposal } from './types';

/** Rounds a proposed calls/day: whole calls from 10 up, else two decimals (a nightly job runs 0.5 times a day). */
export function roundCalls(x: number): number {
  return x >= 10 ? Math.round(x) : Math.max(0.01, Math.round(x * 100) / 100);
}

/** Whether a proposed value differs enough from the current one to be worth an edit (0.5 %, or one unit). */
function differs(current: number, proposed: number, minStep: number): boolean {
  return Math.abs(proposed - current) >= minStep && Math.abs(proposed - current) > 0.005 * Math.abs(current);
}

/**
 * The `match` for a site's own entry: file + function when that picks out this site alone among the scanned sites,
 * else file + line, else the site id.
 */
export function matchFor(site: CallSite, all: readonly CallSite[]): Readonly<Record<string, string | number>> {
  const unique = (m: Record<string, string | number>) => all.filter((s) => ruleMatches({ match: m } as UsageRule, s)).length === 1;
  if (site.enclosingFunction) {
    const m = { file: site.file, function: site.enclosingFunction };
    if (unique(m)) return m;
  }
  const byLine = { file: site.file, line: site.line };
  return unique(byLine) ? byLine : { id: site.id };
}

/** The per-site factors of one model: calls, output (per call, on generated tokens) and the billed cache hit rate. */
function modelFactors(m: ModelComparison): { calls: number; output?: number; cacheHitRate?: number } | undefined {
  if (m.status !== 'matched' || !m.scale || !Number.isFinite(m.scale.factor)) return undefined;
  const f = m.scale.factor;
  const tokensBasis = m.scale.basis === 'requests' || m.scale.basis === 'input-tokens';
  const out = tokensBasis && m.billed.output !== undefined && (m.predicted.output ?? 0) > 0 ? m.billed.output / ((m.predicted.output ?? 0) * f) : undefined;
  const hit = tokensBasis && m.billed.cacheRead !== undefined && (m.billed.input ?? 0) > 0 ? m.billed.cacheRead / (m.billed.input ?? 1) : undefined;
  return { calls: f, ...(out !== undefined && Number.isFinite(out) ? { output: out } : {}), ...(hit !== undefined ? { cacheHitRate: Math.min(1, hit) } : {}) };
}

interface ProposalContext {
  readonly allSites: readonly CallSite[];
  /** The selected profile's calls multiplier, when the usage file has one (it multiplies a file's calls/day). */
  readonly callsMultiplier?: number;
}

function proposeForSite(p: SitePrediction, k: NonNullable<ReturnType<typeof modelFactors>>, ctx: ProposalContext): SiteProposal {
  const e: SiteEstimate = p.estimate;
  const notes: string[] = [];
  const fromAnnotation = (s: { source: { source: string; line?: number } }) => s.source.source === 'annotation';
  const where = `${e.site.file}:${e.site.annotation?.line ?? e.site.line}`;
  const out: { -readonly [K in keyof SiteProposal]?: SiteProposal[K] } = {};
  const calls = e.usage.callsPerDay;
  const wantCalls = roundCalls(calls.value * k.calls);
  if (fromAnnotation(calls)) notes.push(`calls/day is set by the inline annotation at ${where}: change it there to ${wantCalls}`);
  else {
    // Always written (even unchanged), so the site's entry records that it was calibrated. A profile multiplier
    // applies on top of a usage-file value: write the value that gives the wanted figure.
    const mult = ctx.callsMultiplier && ctx.callsMultiplier > 0 ? ctx.callsMultiplier : 1;
    const to = differs(calls.value, wantCalls, 0.01) ? wantCalls : calls.value;
    out.callsPerDay = { from: roundCalls(calls.value / mult), to: roundCalls(to / mult) };
  }
  if (k.output !== undefined) {
    const generated = p.outputPerCall + p.reasoningPerCall;
    const want = Math.max(0, Math.round(generated * k.output - p.reasoningPerCall));
    const cap = e.site.params.maxTokens;
    if (e.usage.outputTokens && fromAnnotation(e.usage.outputTokens)) notes.push(`output tokens are set by the inline annotation at ${where}: change it there to ${want}`);
    else if (differs(p.outputPerCall, want, 1)) out.outputTokens = { from: Math.round(p.outputPerCall), to: want };
    if (cap !== undefined && want + p.reasoningPerCall > cap) notes.push(`the bill implies ${want} output tokens per call, above max_tokens = ${cap} in the code: the estimate stays capped`);
  }
  if (k.cacheHitRate !== undefined) {
    const want = Math.round(k.cacheHitRate * 1000) / 1000;
    if (fromAnnotation(e.usage.cacheHitRate)) notes.push(`the cache hit rate is set by the inline annotation at ${where}: change it there to ${want}`);
    else if (Math.abs(want - e.usage.cacheHitRate.value) >= 0.005) out.cacheHitRate = { from: Math.round(e.usage.cacheHitRate.value * 1000) / 1000, to: want };
  }
  return { siteId: e.site.id, file: e.site.file, line: e.site.line, model: p.model, match: matchFor(e.site, ctx.allSites), ...out, notes };
}

/** Proposals for every compared site (those with nothing to change are left out unless they carry a note). */
export function proposeUsage(result: ReconcileResult, predictions: readonly SitePrediction[], ctx: ProposalContext): SiteProposal[] {
  const out: SiteProposal[] = [];
  for (const m of result.models) {
    const k = modelFactors(m);
    if (!k) continue;
    for (const p of predictions.filter((x) => x.platform === m.platform && x.key === m.key)) {
      const proposal = proposeForSite(p, k, ctx);
      if (proposal.callsPerDay || proposal.outputTokens || proposal.cacheHitRate || proposal.notes.length) out.push(proposal);
    }
  }
  return out;
}

/** The usage-file edits for proposals, each entry marked as calibrated against its platform's period. */
export function editsFor(result: ReconcileResult, proposals: readonly SiteProposal[], sites: readonly CallSite[]): UsageEntryEdit[] {
  const edits: UsageEntryEdit[] = [];
  for (const p of proposals) {
    const site = sites.find((s) => s.id === p.siteId);
    const model = result.models.find((m) => m.sites.some((s) => s.id === p.siteId));
    const period = model && result.periods.find((x) => x.platform === model.platform);
    if (!site || !period) continue;
    const set = { ...(p.callsPerDay ? { callsPerDay: p.callsPerDay.to } : {}), ...(p.outputTokens ? { outputTokens: p.outputTokens.to } : {}), ...(p.cacheHitRate ? { cacheHitRate: p.cacheHitRate.to } : {}) };
    if (Object.keys(set).length === 0) continue;
    const source = [...new Set(result.exports.filter((x) => x.platform === period.platform && x.label).map((x) => x.label!))].join(' + ');
    edits.push({
      appliesTo: (m) => ruleMatches({ match: m as UsageRule['match'] } as UsageRule, site),
      match: p.match,
      set,
      calibrated: { from: period.from, to: period.to, ...(source ? { source: source.slice(0, 200) } : {}) },
      comment: `Calibrated by tokentier reconcile: ${p.model} billed ${period.from} – ${period.to}.`,
    });
  }
  return edits;
}
