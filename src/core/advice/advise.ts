/**
 * Advice for one site (issue #22): the model's deprecation or retirement with the migration's cost, and cheaper
 * models that fit the call. Pure; other models are priced through `reprice`, the estimator itself at the site's usage.
 */
import type { PriceTable } from '../pricing/priceTable';
import type { Provider, SiteAdvice, SiteEstimate } from '../types';
import { lifecycleAlert } from './lifecycleAlert';
import { cheaperModels } from './suggest';

/** What advice needs from the estimator. */
export interface AdviceContext {
  /** The estimate's day (ISO date): lifecycle status is judged on it. */
  readonly day: string;
  /** The same site priced with another model (served by `provider`), at the same usage. */
  readonly reprice: (model: string, provider: Provider) => SiteEstimate;
  readonly table: PriceTable;
}

/** The model id a site is priced as, as written (usage override, the code's id, else its first candidate). */
export function pricedModelId(e: SiteEstimate): string | undefined {
  const first = e.site.model.candidates?.map((c) => c.id ?? c.canonical).find((x): x is string => !!x);
  return e.usage.model?.value ?? e.site.model.id ?? e.site.model.canonical ?? first ?? undefined;
}

/** The advice for a site, or undefined when it has no model or is ignored. */
export function adviseSite(e: SiteEstimate, ctx: AdviceContext): SiteAdvice | undefined {
  const model = pricedModelId(e);
  if (!model || e.site.ignored) return undefined;
  const lifecycle = lifecycleAlert(e, model, ctx);
  // A retired model's calls fail: its replacement is the advice, not a cheaper neighbour.
  const cheaper = lifecycle?.status === 'retired' ? { alternatives: [], noAlternatives: 'the model is retired: migrate to its replacement first' } : cheaperModels(e, model, ctx);
  return { ...(lifecycle ? { lifecycle } : {}), alternatives: cheaper.alternatives, ...(cheaper.noAlternatives ? { noAlternatives: cheaper.noAlternatives } : {}) };
}
