import type { RawPrices } from '../pricing/priceTypes';
import type { Api, Provenance } from '../types';

/** A model added or overridden by a price book. */
export interface CustomModel {
  /** The id code uses (matched case-insensitively, after `models/`, provider-prefix and region normalisation). */
  readonly id: string;
  /** genai-prices provider id (`openai`, `aws`, …) or any name for a self-hosted model; absent: any provider. */
  readonly provider?: string;
  readonly aliases: readonly string[];
  readonly prices: RawPrices;
  readonly contextWindow?: number;
  /** ISO 4217 code the prices are in: the price book's `currency` (USD when it names none; LiteLLM imports are USD). */
  readonly currency: string;
  readonly source: Provenance;
}

/** A price book's exchange rate: units of a currency per 1 USD, with where and when it was read. */
export interface ExchangeRate {
  readonly perUsd: number;
  readonly rateSource?: string;
  readonly rateDate?: string;
  readonly source: Provenance;
}

/** A discount, markup or regional uplift, as a factor on the price (0.85 = −15 %). */
export interface PriceAdjustment {
  /** genai-prices provider id to which it applies; absent: all. */
  readonly provider?: string;
  /** A glob on the resolved model id (`gpt-4o*`); absent: all models of the provider. */
  readonly model?: string;
  readonly factor: number;
  readonly kind: 'discount' | 'markup' | 'uplift' | 'multiplier';
  readonly label: string;
  readonly source: Provenance;
}

/** The merged price book (bundled < `.tokentier/prices.*` < `tokentier.priceBook` setting). */
export interface PriceBook {
  readonly models: readonly CustomModel[];
  readonly adjustments: readonly PriceAdjustment[];
  /** The currency the book's own prices are in (its `currency` field; the later book's when two are merged). */
  readonly currency?: { readonly code: string; readonly source: Provenance };
  /** Exchange rates the books give (currency code → units per 1 USD), to combine their prices with the bundled USD ones. */
  readonly rates: Readonly<Record<string, ExchangeRate>>;
  /** Batch discount factors per provider, overriding the bundled ones. */
  readonly batch: Readonly<Record<string, number>>;
  /** Every file or setting that contributed, in merge order. */
  readonly sources: readonly Provenance[];
}

/** Usage values a usage file, profile or annotation can set. */
export interface UsageValues {
  readonly callsPerDay?: number;
  readonly callsPerMonth?: number;
  readonly outputTokens?: number;
  readonly cacheHitRate?: number;
  readonly cacheTtl?: '5m' | '1h';
  readonly batchShare?: number;
  readonly retryRate?: number;
  readonly fanOut?: number;
  readonly model?: string;
}

/** A usage-file entry for the sites it matches. All given conditions must hold. */
export interface UsageRule {
  readonly match: {
    /** A glob on the workspace-relative path (src/core/glob.ts). */
    readonly file?: string;
    /** The enclosing function's name. */
    readonly function?: string;
    /** 1-based line of the call. */
    readonly line?: number;
    /** The call site id. */
    readonly id?: string;
  };
  readonly values: UsageValues;
  /** Per-profile values (`low`, `high`, …) replacing `values` field by field. */
  readonly profiles: Readonly<Record<string, UsageValues>>;
  /** Set by `tokentier reconcile --write`: the billed usage the values were calibrated against. */
  readonly calibrated?: UsageCalibration;
  readonly source: Provenance;
}

/** The billed usage a usage-file entry was calibrated against (days are UTC, `YYYY-MM-DD`). */
export interface UsageCalibration {
  readonly from: string;
  readonly to: string;
  readonly source?: string;
}

/** The parsed `.tokentier/usage.*`. */
export interface UsageBook {
  /** Defaults per API kind. */
  readonly defaults: Partial<Readonly<Record<Api, UsageValues>>>;
  /** Named profiles: a calls multiplier and per-API defaults. */
  readonly profiles: Readonly<Record<string, { readonly callsMultiplier?: number; readonly defaults?: Partial<Readonly<Record<Api, UsageValues>>> }>>;
  readonly sites: readonly UsageRule[];
  readonly source: Provenance;
}

/** A policy rule for the CLI gates and editor diagnostics (evaluated elsewhere). */
export interface PolicyRule {
  readonly id: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message?: string;
  /** Conditions on a site (all must hold). */
  readonly when?: {
    readonly perMonthOver?: number;
    readonly perCallOver?: number;
    readonly provider?: string;
    readonly model?: string;
    readonly file?: string;
  };
  /** What a matching site must have. */
  readonly require?: readonly ('caching' | 'batch' | 'max-tokens' | 'bounded-loop' | 'known-price')[];
  /** Models (globs) a matching site must not use. */
  readonly forbidModels?: readonly string[];
  readonly line?: number;
}

/** The parsed `.tokentier/policy.*`. */
export interface PolicyBook {
  /** The currency of every amount in the policy (its `currency` field), when it names one. */
  readonly currency?: string;
  readonly budgets: {
    readonly totalPerMonth?: number;
    readonly perSitePerMonth?: number;
    readonly perCall?: number;
  };
  readonly rules: readonly PolicyRule[];
  /** The `deprecated` rule's settings, when the file sets them (else it reports at `warning`). */
  readonly deprecated?: {
    readonly severity: 'error' | 'warning' | 'info';
    /** Only models retiring within this many days (retired ones always). */
    readonly withinDays?: number;
    readonly line?: number;
  };
  readonly source: Provenance;
}
