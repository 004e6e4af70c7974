/**
 * Advice for one site (issue #22): the model's deprecation or retirement with the migration's cost, and cheaper
 * models that fit the call. Pure; other models are priced through `reprice`, the estimator itself at the site's usage.
 */
import type { SiteAdvice, SiteEstimate } from '../types';
import type { AdviceContext } from './context';
import { lifecycleAlert } from './lifecycleAlert';
import { cheaperModels } from './suggest';

export type { AdviceContext } from './context';

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
