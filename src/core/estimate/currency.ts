/**
 * One named currency for every figure (issue #19 item 2, #17 item 5). Bundled prices are in USD; a price book's own
 * prices are in its `currency`; LiteLLM imports are in USD. The display currency is `tokentier.currency` /
 * `--currency`, else the price book's currency, else USD. Converting needs a rate per 1 USD: the price book's
 * `exchangeRate` (with `rateSource` and `rateDate`) for its own currency, else `tokentier.exchangeRate` /
 * `--exchange-rate` for the display currency. There are no bundled rates (no network). A figure that would need a
 * rate nobody gave is unknown, with the reason, never relabelled; the plan's `problems` make the CLI exit 2 and show
 * as a settings diagnostic in the editor.
 */
import type { Settings } from '../config/settings';
import type { RateFactor } from '../pricing/calc';
import type { PriceBook } from '../teamFiles/teamTypes';
import type { Diagnostic, Provenance } from '../types';

export interface CurrencyPlan {
  /** ISO 4217 code of every figure. */
  readonly code: string;
  /** Where the display currency was chosen. */
  readonly chosenBy: 'settings' | 'price book' | 'default';
  /** The factor from prices in `from` to the display currency, or why there is none. */
  factor(from: string): { readonly factor?: RateFactor; readonly missing?: string };
  /** Configuration errors: a conversion every report needs has no rate. */
  readonly problems: readonly Diagnostic[];
}

interface Rate {
  readonly perUsd: number;
  readonly source: Provenance;
}

/** The rate of one currency per 1 USD from the price book or the settings, or undefined. */
function rateOf(code: string, settings: Settings, book: PriceBook | undefined, display: string): Rate | undefined {
  if (code === 'USD') return { perUsd: 1, source: { source: 'default', label: 'USD' } };
  const fromBook = book?.rates[code];
  if (fromBook) return { perUsd: fromBook.perUsd, source: fromBook.source };
  const r = settings.exchangeRate;
  if (code === display && r !== undefined) {
    const from = settings.exchangeRateSource ? ` (${settings.exchangeRateSource})` : ' (no source given)';
    return { perUsd: r, source: { source: 'settings', label: 'tokentier.exchangeRate / --exchange-rate', rule: `1 USD = ${r} ${code}${from}` } };
  }
  return undefined;
}

const howToGive = (code: string): string => `set exchangeRate (units of ${code} per 1 USD) with rateSource and rateDate in a price book whose currency is ${code}, or give tokentier.exchangeRate (CLI: --exchange-rate)`;

/** The currency plan for a folder's settings and merged price book. Pure. */
export function currencyPlan(settings: Settings, book: PriceBook | undefined): CurrencyPlan {
  const code = settings.currency ?? book?.currency?.code ?? 'USD';
  const chosenBy: CurrencyPlan['chosenBy'] = settings.currency ? 'settings' : book?.currency ? 'price book' : 'default';
  const target = rateOf(code, settings, book, code);
  const factor = (from: string): { factor?: RateFactor; missing?: string } => {
    if (from === code) return {};
    if (!target) return { missing: `prices in ${from} cannot be shown in ${code}: no rate for ${code}; ${howToGive(code)}` };
    const src = rateOf(from, settings, book, code);
    if (!src) return { missing: `prices in ${from} cannot be shown in ${code}: no rate for ${from}; ${howToGive(from)}` };
    const f = target.perUsd / src.perUsd;
    const rule = from === 'USD' ? `USD → ${code} at ${target.perUsd}` : code === 'USD' ? `${from} → USD at 1/${src.perUsd}` : `${from} → ${code} at ${target.perUsd}/${src.perUsd}`;
    const source = from === 'USD' ? target.source : src.source;
    return { factor: { factor: f, rule, source } };
  };
  const problems: Diagnostic[] = [];
  // Every report has bundled (USD) prices in it: the display currency needs a rate unless it is USD.
  const usd = factor('USD');
  if (usd.missing) {
    const who = chosenBy === 'settings' ? `tokentier.currency (--currency) is ${code}` : `the price book's currency is ${code}`;
    problems.push({ severity: 'error', code: 'currency', message: `${who}, but the bundled prices are in USD and there is no USD → ${code} rate: ${howToGive(code)}. Figures are never relabelled: without a rate the bundled prices are unknown.`, ...(chosenBy === 'price book' && book?.currency?.source.file ? { file: book.currency.source.file, ...(book.currency.source.line ? { range: { start: { line: book.currency.source.line - 1, character: 0 }, end: { line: book.currency.source.line - 1, character: 0 } } } : {}) } : {}) });
  }
  // A book's own prices in a currency that cannot reach the display currency.
  const own = new Set((book?.models ?? []).map((m) => m.currency));
  for (const c of own) {
    const f = factor(c);
    if (f.missing && c !== 'USD') problems.push({ severity: 'error', code: 'currency', message: `The price book's prices are in ${c} and the figures in ${code}: ${f.missing}.` });
  }
  return { code, chosenBy, factor, problems };
}

/**
 * The factor from a policy file's amounts to the report currency (undefined: same currency), or an error. Amounts are
 * in the policy's `currency`, else the price book's, else USD.
 */
export function policyFactor(plan: CurrencyPlan, policyCurrency: string | undefined, book: PriceBook | undefined): { factor?: RateFactor; currency: string; error?: string } {
  const currency = policyCurrency ?? book?.currency?.code ?? 'USD';
  if (currency === plan.code) return { currency };
  const f = plan.factor(currency);
  if (f.missing) return { currency, error: `the policy's amounts are in ${currency} and the report in ${plan.code}: ${f.missing}` };
  return { currency, ...(f.factor ? { factor: f.factor } : {}) };
}
