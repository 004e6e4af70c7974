/** What advice needs from the estimator (its own module, so advice files import no module that imports them). */
import type { PriceTable } from '../pricing/priceTable';
import type { Provider, SiteEstimate } from '../types';

export interface AdviceContext {
  /** The estimate's day (ISO date): lifecycle status is judged on it. */
  readonly day: string;
  /** The same site priced with another model (served by `provider`), at the same usage. */
  readonly reprice: (model: string, provider: Provider) => SiteEstimate;
  readonly table: PriceTable;
}
