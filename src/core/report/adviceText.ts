/**
 * Pure formatters for a site's advice (src/core/advice): the lens suffix, the hover section, the diagnostics' and the
 * CLI's one-line messages. Every string from code or data is escaped by the caller's medium (hover: `escapeHover`).
 */
import { elsewhere } from '../advice/modelLiteral';
import type { FeatureFit, LifecycleAlert, ModelAlternative, QualityComparison, SiteEstimate } from '../types';
import { compactMoney, escapeHover } from './present';

/** A signed monthly delta for people: `+$12/mo`, `−$85/mo`, `$0/mo`. */
export function monthlyDelta(amount: number, currency: string): string {
  if (Math.abs(amount) < 0.005) return `${compactMoney(0, currency)}/mo`;
  return `${amount > 0 ? '+' : '−'}${compactMoney(Math.abs(amount), currency)}/mo`;
}

/** `retired 2024-01-04`, `retires 2026-12-11 (5 days)`, `deprecated, shutdown to be announced`, `shutdown scheduled 2027-05-07`. */
export function lifecycleStatusText(l: LifecycleAlert): string {
  const when = l.shutdown ?? l.shutdownAsWritten;
  if (l.status === 'retired') return `retired ${when}`;
  if (l.status === 'scheduled') return `shutdown scheduled ${when}`;
  if (!l.shutdown) return `deprecated, shutdown ${l.shutdownAsWritten.toLowerCase()}`;
  return `deprecated, retires ${when}${l.daysLeft !== undefined ? ` (in ${l.daysLeft} day${l.daysLeft === 1 ? '' : 's'})` : ''}`;
}

/** What migrating costs, in words: `gpt-4o: −$184/mo at this site's usage`, or why it is unknown. */
export function migrationText(l: LifecycleAlert, currency: string, delta: (amount: number, currency: string) => string = monthlyDelta): string {
  if (!l.replacement) return `the ${l.platformName} page names no replacement`;
  const m = l.migration;
  if (!m) return `replacement ${l.replacement}`;
  const via = m.via?.length ? ` (via ${m.via.join(' → ')}, retired too)` : '';
  const named = l.replacement === m.model ? m.model : `${l.replacement} → priced as ${m.model}`;
  if (m.deltaPerMonth === null) return `replacement ${named}${via}; cost change unknown: ${m.unknownReason ?? 'no price'}`;
  return `replacement ${named}${via}: ${delta(m.deltaPerMonth, currency)} at this site's usage`;
}

/** The short lens/tree suffix for a deprecated or retired model (empty for a schedule more than 90 days away). */
export function lifecycleHint(e: SiteEstimate): string {
  const l = e.advice?.lifecycle;
  if (!l || (l.status === 'scheduled' && !(l.daysLeft !== undefined && l.daysLeft <= 90))) return '';
  if (l.status === 'retired') return `⚠ retired ${l.shutdown ?? l.shutdownAsWritten}`;
  if (l.status === 'scheduled') return `shuts down ${l.shutdown}`;
  return l.shutdown ? `⚠ retires ${l.shutdown}` : '⚠ deprecated';
}

/** One line for diagnostics and the CLI: `gpt-4-0314 (OpenAI API): retired 2026-03-26; replacement gpt-5 …: +$12/mo …`. */
export function lifecycleMessage(e: SiteEstimate): string | undefined {
  const l = e.advice?.lifecycle;
  if (!l) return undefined;
  return `${l.model} (${l.platformName}): ${lifecycleStatusText(l)}; ${migrationText(l, e.cost.currency)}. Source: ${l.source.label}.`;
}

function qualityText(q: QualityComparison, current: string, alt: string): string {
  const at = `${q.index}, ${q.asOf}`;
  const score = (s: { score: number; ci95?: number }) => `${s.score}${s.ci95 !== undefined ? ` ±${s.ci95}` : ''}`;
  if (!q.current && !q.alternative) return `neither model is in ${at}: quality not compared`;
  if (!q.alternative) return `${alt} is not in ${at}: quality not compared (${current} ${score(q.current!)})`;
  if (!q.current) return `${current} is not in ${at}: quality not compared (${alt} ${score(q.alternative)})`;
  const d = q.delta ?? 0;
  const within = Math.abs(d) <= (q.current.ci95 ?? 0) + (q.alternative.ci95 ?? 0);
  const sign = d > 0 ? `${d} points higher` : d < 0 ? `${-d} points lower` : 'the same score';
  return `${at}: ${alt} ${score(q.alternative)} vs ${current} ${score(q.current)}, ${sign}${within ? ' (within the confidence intervals)' : ''}`;
}

function fitText(fit: readonly FeatureFit[]): string {
  return fit.map((f) => `${f.fits === true ? '✓' : f.fits === false ? '✗' : '?'} ${f.detail}`).join('; ');
}

/** `saves $85.80/mo (94 %)`. */
function savingText(a: ModelAlternative, currency: string): string {
  return `saves ${compactMoney(a.savingPerMonth, currency)}/mo (${Math.round(a.savingShare * 100)} %)`;
}

/** One line for the cheaper-model diagnostic and the CLI. */
export function alternativeMessage(e: SiteEstimate, a: ModelAlternative, current: string): string {
  const where = a.samePlatform ? 'same client' : 'another provider, needs its client';
  return `${a.model} ${savingText(a, e.cost.currency)} at ${e.usage.assumed ? 'the assumed usage' : "this site's usage"}, ${where}; fit: ${fitText(a.fit)}; quality: ${qualityText(a.quality, current, a.model)}.`;
}

/** The hover section for a site's advice, as Markdown lines (empty when there is nothing to say). */
export function adviceHoverLines(e: SiteEstimate, current: string): string[] {
  const esc = escapeHover;
  const cur = e.cost.currency;
  const out: string[] = [];
  const l = e.advice?.lifecycle;
  if (l) {
    const head = l.status === 'retired' ? '**Retired model**' : l.status === 'deprecated' ? '**Deprecated model**' : '**Shutdown scheduled**';
    out.push('', `${head}: ${esc(`${l.model} on ${l.platformName}: ${lifecycleStatusText(l)}${l.status === 'retired' ? ', calls fail' : ''}${l.announced ? ` (announced ${l.announced})` : ''}.`)}`);
    out.push(`- ${esc(migrationText(l, cur))}`);
    for (const o of l.otherPlatforms ?? []) out.push(`- ${esc(`also ${o}`)}`);
    if (l.regions) out.push(`- ${esc(`regions: ${l.regions}`)}`);
    if (l.note) out.push(`- ${esc(l.note)}`);
    out.push(`- ${esc(`source: ${l.source.label}${l.source.rule ? ` ${l.source.rule}` : ''}`)}`);
  }
  const [best, ...more] = e.advice?.alternatives ?? [];
  if (best) {
    const usage = e.usage.assumed ? ' at the assumed usage' : " at this site's usage";
    out.push('', `**Cheaper model**: ${esc(`${best.model} ${savingText(best, cur)}${usage} (${best.samePlatform ? 'same client: change the model string' : 'another provider: needs its client'})`)}`);
    out.push(`- ${esc(`fit: ${fitText(best.fit)}`)}`);
    out.push(`- ${esc(`quality: ${qualityText(best.quality, current, best.model)}`)}`);
    if (best.family) out.push(`- ${esc(`the provider's cheaper sibling in ${best.family}: ${best.sources[1]?.label ?? ''}`)}`);
    if (more.length) out.push(`- ${esc(`also: ${more.map((a) => `${a.model} −${compactMoney(a.savingPerMonth, cur)}/mo, ${Math.round(a.savingShare * 100)} %${a.samePlatform ? '' : ' (another provider)'}`).join('; ')}`)}`);
  } else if (e.advice?.noAlternatives && !l) {
    out.push('', `*${esc(`No cheaper model suggested: ${e.advice.noAlternatives}.`)}*`);
  }
  const away = (best || l?.migration) && elsewhere(e);
  if (away) out.push(`- ${esc(`to change the model: ${away}`)}`);
  return out;
}
