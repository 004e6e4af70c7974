import type { Provenance } from '../types';

/**
 * Price data shapes. They mirror @pydantic/genai-prices' data model (LIBRARIES.md §3.1) so bundled and team
 * prices go through one calculator; they are our own declarations so the rest of the core never imports the
 * library's types.
 */

/** A price that changes with the request's input size: `base` up to the first `start`, then each tier's price. */
export interface TieredPrice {
  readonly base: number;
  readonly tiers: readonly { readonly start: number; readonly price: number }[];
}

/** Unit keys to prices: `input_mtok` (USD per million tokens), `requests_kcount` (USD per thousand requests), … */
export type UnitPrices = Readonly<Record<string, number | TieredPrice | undefined>>;

/** A price valid from a date (or at a time of day); the data lists them oldest first. */
export interface ConditionalPrices {
  readonly constraint?:
    | { readonly type: 'start_date'; readonly start_date: string }
    | { readonly type: 'time_of_date'; readonly start_time: string; readonly end_time: string };
  readonly prices: UnitPrices;
}

export type RawPrices = UnitPrices | readonly ConditionalPrices[];

/** genai-prices' model match rule. */
export type MatchRule =
  | { readonly equals: string }
  | { readonly starts_with: string }
  | { readonly ends_with: string }
  | { readonly contains: string }
  | { readonly regex: string }
  | { readonly or: readonly MatchRule[] }
  | { readonly and: readonly MatchRule[] };

/** One priced model. */
export interface PriceEntry {
  /** `provider:model`, e.g. `openai:gpt-4o`. */
  readonly priceId: string;
  readonly providerId: string;
  readonly modelId: string;
  readonly name?: string;
  readonly prices: RawPrices;
  readonly contextWindow?: number;
  readonly deprecated?: boolean;
  /** ISO 4217 code of `prices` when not USD (a price book's own currency). */
  readonly currency?: string;
  /** The table (and file/line for team entries) the entry comes from. */
  readonly source: Provenance;
}

/** The outcome of a model lookup: an entry and how it was found, or why there is none. */
export type PriceLookup =
  | { readonly ok: true; readonly entry: PriceEntry; readonly rule: string }
  | { readonly ok: false; readonly reason: string };
