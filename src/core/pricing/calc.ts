import type { PriceLine, Provenance } from '../types';
import type { ConditionalPrices, RawPrices, TieredPrice, UnitPrices } from './priceTypes';

/**
 * Our own cost arithmetic from raw price fields (never a library's total), following the vendors' billing rules
 * as genai-prices encodes them:
 * - `input` is the request's TOTAL input tokens, cache reads/writes and image/audio tokens included; each priced
 *   sub-dimension is billed at its own rate and taken out of the plain-input line. A sub-dimension without a
 *   price stays in the plain-input line (an unset cache rate bills at the input rate, never at 0).
 * - `output` is the TOTAL output, reasoning included; reasoning has its own line only when the table prices
 *   `output_reasoning_mtok`.
 * - A tiered price applies to the whole request once its total input exceeds the tier start ("input 212,000
 *   tokens > 200k: long-context rate"), for every tiered dimension (input, output, cache).
 */
export interface BillableUsage {
  readonly input: number;
  readonly cacheRead: number;
  /** All cache writes (5-minute and 1-hour). */
  readonly cacheWrite: number;
  /** The 1-hour part of `cacheWrite`. */
  readonly cacheWrite1h: number;
  readonly output: number;
  /** The reasoning part of `output`. */
  readonly reasoning: number;
  readonly image: number;
  readonly audio: number;
  readonly requests: number;
}

/** A multiplier applied to every line (batch, service tier, discount, currency), with its reason. */
export interface RateFactor {
  readonly factor: number;
  readonly rule: string;
  readonly source?: Provenance;
}

/** The cost of one call at one usage point. */
export interface CallCost {
  readonly total: number;
  readonly lines: PriceLine[];
}

/** A usage value, or 0 when negative, NaN or infinite. */
function nn(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function isTiered(p: number | TieredPrice | undefined): p is TieredPrice {
  return typeof p === 'object' && p !== null;
}

/** The price in force on `at` (start-date prices; time-of-day prices are evaluated at `at`'s time). */
export function pricesAt(raw: RawPrices, at: Date): { prices: UnitPrices; rule?: string } {
  if (!Array.isArray(raw)) return { prices: raw as UnitPrices };
  const list = raw as readonly ConditionalPrices[];
  const secs = at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds();
  const tod = (t: string): number => {
    const m = /^(\d{2}):(\d{2}):(\d{2})/.exec(t);
    return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : 0;
  };
  for (let i = list.length - 1; i >= 0; i--) {
    const c = list[i]!;
    const k = c.constraint;
    if (!k) return { prices: c.prices };
    if (k.type === 'start_date') {
      if (at.getTime() >= new Date(k.start_date).getTime()) return { prices: c.prices, rule: `price in force from ${k.start_date}` };
    } else {
      const s = tod(k.start_time);
      const e = tod(k.end_time);
      const inWindow = e < s ? secs >= s || secs < e : secs >= s && secs < e;
      if (inWindow) return { prices: c.prices, rule: `time-of-day price ${k.start_time}–${k.end_time}` };
    }
  }
  return { prices: list[0]!.prices };
}

/** `212000` → `212,000` (toLocaleString is ~100× slower, and this runs for every priced line). */
const fmtInt = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** Units as billed: whole numbers grouped (`1,299`), shares of a token kept to one decimal (`1,299.6`) so the line's arithmetic checks. */
const fmtUnits = (n: number): string => {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? fmtInt(r) : `${fmtInt(Math.trunc(r))}.${Math.round(Math.abs(r) * 10) % 10}`;
};
/** A price as written in its currency: `$0.15` for USD, `0.5 EUR` for a price book in euros. */
const fmtPrice = (rate: number, currency: string): string => (currency === 'USD' ? `$${rate}` : `${rate} ${currency}`);
const fmtK = (n: number): string => (n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n % 1000 === 0 ? `${n / 1000}k` : fmtInt(n));

function rateOf(p: number | TieredPrice, inputTotal: number, dim: string): { rate: number; rule?: string } {
  if (!isTiered(p)) return { rate: p };
  let rate = p.base;
  let start: number | undefined;
  // The highest tier start the request's input exceeds wins (whatever order the data lists them in).
  for (const t of p.tiers) {
    if (inputTotal > t.start && (start === undefined || t.start > start)) {
      rate = t.price;
      start = t.start;
    }
  }
  return start === undefined ? { rate } : { rate, rule: `input ${fmtInt(inputTotal)} tokens > ${fmtK(start)}: long-context ${dim} rate` };
}

/** One dimension's amount before factors (no strings: range end points). */
function part(prices: UnitPrices, key: string, units: number, per: number, inputTotal: number): number {
  const p = prices[key];
  return p === undefined || units <= 0 ? 0 : (units * rateOf(p, inputTotal, '').rate) / per;
}

interface Dim {
  readonly dimension: PriceLine['dimension'];
  readonly key: string;
  readonly units: number;
  /** Units per price unit: 1e6 for `_mtok`, 1e3 for `_kcount`. */
  readonly per: number;
  readonly note?: string;
}

/**
 * Bills one call. `factors` multiply every line (in order); `source` labels the lines (`withLines: false` skips
 * building them, for range end points). Pure; never throws
 * (negative or missing values count as 0).
 */
export function billCall(prices: UnitPrices, usage: BillableUsage, source: Provenance, factors: readonly RateFactor[] = [], withLines = true, priceCurrency = 'USD'): CallCost {
  const has = (k: string): boolean => prices[k] !== undefined;
  const u = {
    input: nn(usage.input),
    cacheRead: nn(usage.cacheRead),
    cacheWrite: nn(usage.cacheWrite),
    cacheWrite1h: Math.min(nn(usage.cacheWrite1h), nn(usage.cacheWrite)),
    output: nn(usage.output),
    reasoning: Math.min(nn(usage.reasoning), nn(usage.output)),
    image: nn(usage.image),
    audio: nn(usage.audio),
    requests: nn(usage.requests),
  };
  const w1h = has('cache_write_1h_mtok') ? u.cacheWrite1h : 0;
  const w = has('cache_write_mtok') ? u.cacheWrite - w1h : 0;
  const cr = has('cache_read_mtok') ? u.cacheRead : 0;
  const img = has('input_image_mtok') ? u.image : 0;
  const aud = has('input_audio_mtok') ? u.audio : 0;
  const r = has('output_reasoning_mtok') ? u.reasoning : 0;
  const inputLeaf = Math.max(0, u.input - cr - w - w1h - img - aud);
  const notes: string[] = [];
  if (withLines) {
    if (!has('cache_read_mtok') && u.cacheRead > 0) notes.push('no cache-read price: cache reads billed at the input rate');
    if (!has('cache_write_mtok') && !has('cache_write_1h_mtok') && u.cacheWrite > 0) notes.push('no cache-write price: cache writes billed at the input rate');
    if (!has('cache_write_1h_mtok') && has('cache_write_mtok') && u.cacheWrite1h > 0) notes.push('no 1-hour cache-write price: billed at the 5-minute write rate');
  }
  // The one list of what is billed: each dimension, its price key and its units.
  const dims: Dim[] = [
    { dimension: 'input', key: 'input_mtok', units: inputLeaf, per: 1e6, ...(notes.length ? { note: notes.join('; ') } : {}) },
    { dimension: 'cache_read', key: 'cache_read_mtok', units: cr, per: 1e6 },
    { dimension: 'cache_write', key: 'cache_write_mtok', units: w, per: 1e6 },
    { dimension: 'cache_write_1h', key: 'cache_write_1h_mtok', units: w1h, per: 1e6 },
    { dimension: 'image', key: 'input_image_mtok', units: img, per: 1e6 },
    { dimension: 'audio', key: 'input_audio_mtok', units: aud, per: 1e6 },
    { dimension: 'output', key: 'output_mtok', units: u.output - r, per: 1e6, ...(withLines && u.reasoning > 0 && r === 0 ? { note: `includes ${fmtInt(u.reasoning)} reasoning tokens billed as output` } : {}) },
    { dimension: 'reasoning', key: 'output_reasoning_mtok', units: r, per: 1e6 },
    { dimension: 'request', key: 'requests_kcount', units: u.requests, per: 1e3 },
  ];
  if (!withLines) {
    // Range end points: the same dimensions, no strings; the factors multiply the sum.
    let f = 1;
    for (const x of factors) f *= x.factor;
    return { total: dims.reduce((t, d) => t + part(prices, d.key, d.units, d.per, u.input), 0) * f, lines: [] };
  }
  const factor = factors.reduce((f, x) => f * x.factor, 1);
  const factorRule = factors.map((x) => `× ${x.factor.toFixed(4).replace(/\.?0+$/, '')} (${x.rule})`).join(' ');
  const lines: PriceLine[] = [];
  let total = 0;
  for (const d of dims) {
    const p = prices[d.key];
    if (p === undefined || d.units <= 0) continue;
    const { rate, rule } = rateOf(p, u.input, d.dimension.replace('_', ' '));
    const effective = rate * factor;
    const amount = (d.units * effective) / d.per;
    total += amount;
    const unitText = d.per === 1e6 ? `${fmtUnits(d.units)} tokens × ${fmtPrice(rate, priceCurrency)}/M` : `${fmtUnits(d.units)} request(s) × ${fmtPrice(rate, priceCurrency)}/1k`;
    const arithmetic = `${unitText}${factorRule ? ` ${factorRule}` : ''} = ${amount.toPrecision(4)}`;
    lines.push({
      dimension: d.dimension,
      units: d.units,
      // Per million tokens for token lines; per unit (request) otherwise.
      rate: d.per === 1e6 ? effective : effective / d.per,
      amount,
      source: { ...source, rule: [d.key, rule, d.note, arithmetic].filter(Boolean).join('; ') },
    });
  }
  return { total, lines };
}
