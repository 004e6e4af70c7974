/**
 * The deprecation alert of a site: the model's published retirement on the platform serving the call, the provider's
 * replacement, and what migrating to it does to the site's monthly cost at its own usage.
 */
import { lifecycleOf, platformName, platformsFor, type LifecycleMatch, type LifecycleRow } from '../models/lifecycle';
import type { LifecycleAlert, MigrationEstimate, SiteEstimate } from '../types';
import type { AdviceContext } from './context';

/** Replacements followed when the named one is retired itself. */
const MAX_HOPS = 3;

function describe(m: LifecycleMatch): string {
  const name = platformName(m.row.platform);
  if (m.status === 'retired') return `${name}: retired ${m.row.shutdownAsWritten}`;
  return `${name}: ${m.status === 'scheduled' ? 'shutdown scheduled' : 'deprecated, shutdown'} ${m.row.shutdownAsWritten}`;
}

/** The cost of moving the site to the row's replacement (following retired replacements), or undefined when none is named. */
export function migrationOf(e: SiteEstimate, row: LifecycleRow, ctx: AdviceContext): MigrationEstimate | undefined {
  if (!row.replacement) return undefined;
  let id = row.replacementIds[0];
  if (!id) return { model: row.replacement, perMonth: null, deltaPerMonth: null, unknownReason: `the provider names "${row.replacement}", not an API id, so it cannot be priced` };
  const via: string[] = [];
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const next = lifecycleOf(id, [row.platform], ctx.day)[0];
    const forward = next?.status === 'retired' ? next.row.replacementIds[0] : undefined;
    if (!forward || via.includes(forward)) break;
    via.push(id);
    id = forward;
  }
  const r = ctx.reprice(id, e.site.provider);
  const perMonth = r.cost.perMonth;
  const current = e.cost.perMonth;
  const base = { model: id, ...(via.length ? { via } : {}), perMonth, ...(r.cost.priceId ? { priceId: r.cost.priceId } : {}) };
  if (!perMonth) return { ...base, deltaPerMonth: null, unknownReason: `no price for ${id}: ${r.cost.unknownReason ?? 'unknown'}` };
  if (!current) return { ...base, deltaPerMonth: null, unknownReason: `the current model has no price: ${e.cost.unknownReason ?? 'unknown'}` };
  return { ...base, deltaPerMonth: perMonth.expected - current.expected };
}

/** The site's lifecycle alert on `ctx.day`, or undefined when no platform serving it announces anything. */
export function lifecycleAlert(e: SiteEstimate, modelId: string, ctx: AdviceContext): LifecycleAlert | undefined {
  const tableProvider = e.cost.priceId?.split(':')[0];
  const matches = lifecycleOf(modelId, platformsFor(e.site.provider, modelId, tableProvider), ctx.day);
  const m = matches[0];
  if (!m) return undefined;
  const r = m.row;
  const others = matches.slice(1).filter((o) => o.status !== m.status || o.row.shutdown !== r.shutdown).map(describe);
  const migration = migrationOf(e, r, ctx);
  return {
    status: m.status,
    platform: r.platform,
    platformName: platformName(r.platform),
    model: r.model,
    ...(r.announced ? { announced: r.announced } : {}),
    ...(r.shutdown ? { shutdown: r.shutdown } : {}),
    shutdownAsWritten: r.shutdownAsWritten,
    ...(m.daysLeft !== undefined ? { daysLeft: m.daysLeft } : {}),
    ...(r.replacement ? { replacement: r.replacement } : {}),
    ...(migration ? { migration } : {}),
    ...(others.length ? { otherPlatforms: others } : {}),
    ...(r.regions ? { regions: r.regions } : {}),
    ...(r.note || m.alias ? { note: [m.alias ? `${modelId} is an alias of ${m.alias.of} (${m.alias.source.label}).` : '', r.note ?? ''].filter(Boolean).join(' ') } : {}),
    source: m.source,
  };
}
