/**
 * Pure formatters for what the editor shows: CodeLens titles, inlay hint labels, hover Markdown, tree labels
 * and the status bar text. No `vscode` import, so they are unit-tested under plain mocha; the providers in
 * `src/vscode/providers/` only map ranges and call these.
 *
 * Every string that comes from code or data (model ids, file names, provenance labels, annotation text) goes
 * through {@link escapeHover} before it reaches Markdown; command links are built only by {@link commandLink}
 * from the fixed ids in {@link HOVER_COMMANDS} and JSON arguments we create. The plain-text surfaces (CodeLens
 * titles, inlay labels, tree rows, status bar) pass their whole text through {@link plainText}.
 */
import { generatedTokens, generationCap } from '../tokens/outputTokens';
import { formatCount } from './text';
import type { CostTotal, ModelResolution, NumberRange, Provenance, SiteEstimate, TokenPartEstimate } from '../types';

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

/**
 * Formats an amount of money compactly for hints: two significant digits below 1 (`$0.0012`), two decimals below 10
 * (`$3.60`), whole units with thousands separators from 10 (`$1,234`). Known currencies get their symbol, others
 * their code (`CHF 12`).
 */
export function compactMoney(amount: number, currency: string): string {
  const symbol = CURRENCY_SYMBOLS[currency];
  const sign = amount < 0 ? '-' : '';
  const a = Math.abs(amount);
  let digits: string;
  if (a === 0) digits = '0';
  else if (a < 0.000001) digits = '0.000001';
  else if (a < 1) digits = trimSignificant(a);
  else if (a < 10) digits = a.toFixed(2);
  else digits = Math.round(a).toLocaleString('en-US');
  const body = a !== 0 && a < 0.000001 ? `<${symbol ?? `${currency} `}${digits}` : `${symbol ?? `${currency} `}${digits}`;
  return sign + body;
}

// Line breaks: CR/LF, NEL (U+0085, a C1 control) and the Unicode line/paragraph separators. Collapsed to one space.
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029]+/g;
// The bidi embedding/override (U+202A–U+202E) and isolate (U+2066–U+2069) controls of "Trojan Source"
// (CVE-2021-42574): invisible and able to reorder the text around them, so they are dropped.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
// The remaining C0/C1 controls and DEL (ESC of ANSI sequences, BEL, NUL, …); tabs become spaces first.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Makes text from code or data safe for a plain-text surface (CodeLens title, inlay label, tree label and
 * description, status bar): line breaks collapse to one space, tabs become spaces, bidi embedding/override/isolate
 * controls are dropped, and every other C0/C1 control character is shown as a visible `\xNN` (an ANSI colour
 * `ESC[31m` reads `\x1b[31m`, as in the CLI table), so nothing is hidden, reordered or split over lines.
 * Hovers use {@link escapeHover} (Markdown) instead.
 */
export function plainText(s: string): string {
  return s
    .replace(LINE_BREAKS, ' ')
    .replace(/\t/g, ' ')
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Two significant digits for 0 < a < 1 without exponent notation (`0.0012`, `0.12`). */
function trimSignificant(a: number): string {
  const decimals = Math.max(2, 1 - Math.floor(Math.log10(a)));
  const fixed = a.toFixed(decimals);
  // toFixed may round 0.0995 up to 0.10: keep at most two significant digits but drop a trailing zero beyond cents.
  return fixed.replace(/(\.\d{2,}?)0+$/, '$1');
}

/** A count for hints: `950`, `1k`, `1.5k`, `10k`, `2M`. */
export function compactCount(n: number): string {
  const a = Math.abs(n);
  if (a >= 1_000_000) return `${trimNumber(n / 1_000_000)}M`;
  if (a >= 1_000) return `${trimNumber(n / 1_000)}k`;
  return trimNumber(n);
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(1)));
}

/**
 * The model a hint names: the id as written in the code, else one the usage file or an annotation gives, else
 * undefined (the hint then asks for one). Reports total by `pricedModel` (./totals.ts) instead.
 */
export function writtenModel(e: SiteEstimate): string | undefined {
  return e.site.model.id ?? e.usage.model?.value ?? undefined;
}

/** Effective calls per day after fan-out (loops, gather). */
export function effectiveCallsPerDay(e: SiteEstimate): number {
  return e.usage.callsPerDay.value * e.usage.fanOut.value;
}

/** What a site's hint says, as plain text; shared by the CodeLens and the inlay hint. */
export interface HintText {
  /** The main text, e.g. `gpt-4o-mini · ≈$0.0012/call · $36/mo @ 1k/day`. */
  readonly text: string;
  /** `ok`: priced; `unknown-model`: no model; `unknown-price`: model known, price not; `ignored`. */
  readonly state: 'ok' | 'unknown-model' | 'unknown-price' | 'ignored';
}

/**
 * The CodeLens title of a site: `gpt-4o-mini · ≈$0.0012/call · $36/mo @ 1k/day`, followed by
 * ` · cost depends on usage` when calls/day is an assumption. Unknown models say `price unknown — set model…`.
 */
export function lensTitle(e: SiteEstimate): HintText {
  const r = lensTitleRaw(e);
  return { text: plainText(r.text), state: r.state };
}

function lensTitleRaw(e: SiteEstimate): HintText {
  const model = writtenModel(e);
  if (e.site.ignored) return { text: `${model ?? 'LLM call'} · ignored (tokentier-ignore)`, state: 'ignored' };
  if (!model) return { text: 'LLM call · price unknown — set model…', state: 'unknown-model' };
  const perCall = e.cost.perCall;
  const perMonth = e.cost.perMonth;
  if (!perCall) return { text: `${model} · price unknown — set price…`, state: 'unknown-price' };
  const currency = e.cost.currency;
  const calls = effectiveCallsPerDay(e);
  const parts = [model, `≈${compactMoney(perCall.expected, currency)}/call`];
  if (perMonth) parts.push(`${compactMoney(perMonth.expected, currency)}/mo @ ${compactCount(calls)}/day`);
  let text = parts.join(' · ');
  if (e.usage.assumed) text += ' · cost depends on usage';
  if (e.site.test) text += ' · test code';
  return { text, state: 'ok' };
}

/** The shorter inlay hint label shown after a call: `≈$0.0012/call · $36/mo`. */
export function inlayLabel(e: SiteEstimate): HintText {
  const r = inlayLabelRaw(e);
  return { text: plainText(r.text), state: r.state };
}

function inlayLabelRaw(e: SiteEstimate): HintText {
  const model = writtenModel(e);
  if (e.site.ignored) return { text: 'ignored', state: 'ignored' };
  if (!model) return { text: 'model unknown', state: 'unknown-model' };
  if (!e.cost.perCall) return { text: `${model}: price unknown`, state: 'unknown-price' };
  const currency = e.cost.currency;
  const month = e.cost.perMonth ? ` · ${compactMoney(e.cost.perMonth.expected, currency)}/mo` : '';
  return { text: `≈${compactMoney(e.cost.perCall.expected, currency)}/call${month}${e.usage.assumed ? '*' : ''}`, state: 'ok' };
}

/**
 * Escapes every ASCII punctuation character with a backslash (valid CommonMark), so text from code or data can
 * never open a link, an image, HTML, a code span or an autolink in a hover. Line breaks become spaces, bidi controls
 * are dropped and other control characters shown as `\xNN` ({@link plainText}, as the lens and tree do; issue 17:
 * a U+202E in a model id reordered the hover).
 */
export function escapeHover(s: string): string {
  return plainText(s).replace(/[\\`*_{}[\]()#+\-.!|<>~"'=:&$;/?@%,^]/g, (c) => `\\${c}`);
}

/** The only commands a hover may link to; the extension passes exactly these to `isTrusted.enabledCommands`. */
export const HOVER_COMMANDS = ['tokentier.openTierAdvisor', 'tokentier.openUsageAssumptions', 'tokentier.showSiteBreakdown'] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** A `command:` URI for a Markdown link: a fixed command id and JSON arguments we created, URI-encoded. */
export function commandLink(command: HoverCommand, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** How the model id was found, in words. */
export function describeResolution(r: ModelResolution): string {
  switch (r.kind) {
    case 'literal':
      return 'written in the call';
    case 'constant':
      return `from the constant ${r.name}`;
    case 'default-argument':
      return `from the default of parameter ${r.name}`;
    case 'env-default':
      return `from the default of environment variable ${r.envVar}`;
    case 'earlier-cell':
      return `from notebook cell ${r.cell + 1}`;
    case 'imported':
      return `imported as ${r.name} from ${r.file}`;
    case 'constructor':
      return 'from the client/model constructor';
    case 'usage-file':
      return `given by ${r.file}`;
    case 'unknown':
      return `not resolvable from the code (${r.expression})`;
  }
}

/** A provenance in one line: `genai-prices 0.1.8 (checked 2026-09-23) · rule · file:line`. */
export function describeProvenance(p: Provenance): string {
  const bits = [p.label];
  // Labels often carry their date already (`genai-prices 0.1.8 (checked 2026-09-23)`): do not repeat it.
  if (p.date && !p.label.includes(p.date)) bits[0] += ` (${p.date})`;
  if (p.rule) bits.push(p.rule);
  if (p.file) bits.push(p.line ? `${p.file}:${p.line}` : p.file);
  if (p.userScoped) bits.push('user setting');
  return bits.join(' · ');
}

function range(r: NumberRange, f: (n: number) => string): string {
  return r.min === r.max ? f(r.expected) : `${f(r.min)} / ${f(r.expected)} / ${f(r.max)}`;
}

function partLine(p: TokenPartEstimate): string {
  const t = p.tokens;
  // min / expected / max, so the input row is the sum of these lines, column by column.
  const tokens = t.min === t.max ? formatCount(t.expected) : `${formatCount(t.min)} / ${formatCount(t.expected)} / ${formatCount(t.max)}`;
  return `${p.role} (${p.kind}): ${tokens}${p.note ? ` — ${p.note}` : ''}`;
}

/** Tokens as billed on a price line: a share of a token keeps one decimal, so units × rate is the amount shown. */
function formatUnits(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? formatCount(r) : `${formatCount(Math.trunc(r))}.${Math.round(Math.abs(r) * 10) % 10}`;
}

/** Money to 4 significant digits (`$0.007981`, `$239.4`), so the products shown check on a calculator. */
function significantMoney(n: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumSignificantDigits: 4 }).format(n);
  } catch {
    return `${n.toPrecision(4)} ${currency}`;
  }
}

/** How per call becomes per day and per month, with the figures, so a calculator gives the same result. */
function costArithmetic(e: SiteEstimate, money: (n: number) => string): string[] {
  const c = e.cost;
  if (!c.perCall || !c.perDay || !c.perMonth) return [];
  const u = e.usage;
  const factors = [`${formatCount(u.callsPerDay.value)} calls/day`, ...(u.fanOut.value !== 1 ? [`fan-out ${u.fanOut.value}`] : []), ...(u.retryRate.value ? [`(1 + ${u.retryRate.value} retries)`] : [])];
  const days = c.perDay.expected > 0 ? Math.round((c.perMonth.expected / c.perDay.expected) * 100) / 100 : undefined;
  return [
    `Per day: ${money(c.perCall.expected)} × ${factors.join(' × ')} = ${money(c.perDay.expected)}`,
    ...(days !== undefined ? [`Per month: ${money(c.perDay.expected)} × ${days} days = ${money(c.perMonth.expected)}`] : []),
  ];
}

const DIMENSION_UNITS: Readonly<Record<string, string>> = { request: 'requests', image: 'images', audio: 'units', other: 'units' };

/** Named arguments of {@link hoverMarkdown}. */
export interface HoverOptions {
  readonly estimate: SiteEstimate;
  /** Shown at the top when set, e.g. why built-in defaults are in force (Restricted Mode). */
  readonly note?: string;
  /**
   * When set, adds the "Open in Tier Advisor" / "Edit assumptions" / "Breakdown" command links with these
   * arguments (the extension passes `{ uri, siteId }`); omitted for exported documents.
   */
  readonly linkArgs?: Readonly<Record<string, string>>;
  /** Markdown lines about the model's deprecation and cheaper models (`adviceHoverLines`, already escaped), shown after the model line. */
  readonly advice?: readonly string[];
}

/**
 * The hover (and the breakdown document) for one site, as Markdown: model and resolution, input/output tokens
 * (min/expected/max, accuracy, parts), price lines with provenance, usage assumptions with sources, monthly cost
 * and command links. Every data string is escaped.
 */
export function hoverMarkdown({ estimate: e, note, linkArgs, advice }: HoverOptions): string {
  const esc = escapeHover;
  const out: string[] = [];
  const model = writtenModel(e);
  const cur = e.cost.currency;
  out.push(`**Tokentier** · ${model ? `**${esc(model)}**` : '**unknown model**'} · ${esc(e.site.provider)} ${esc(e.site.method)}`);
  if (note) out.push('', `*${esc(note)}*`);
  out.push('', `Model: ${model ? esc(describeResolution(e.site.model.resolution)) : 'unknown'}${e.usage.model ? ` — ${esc(`set by ${describeProvenance(e.usage.model.source)}`)}` : ''}`);
  if (e.site.model.candidates?.length) {
    out.push('', `Candidates: ${e.site.model.candidates.map((c) => esc(c.id ?? '?')).join(', ')}`);
  }
  if (e.site.ignored) out.push('', '*Ignored by a tokentier\\-ignore comment: not included in totals.*');
  else if (e.site.test) out.push('', '*Test code: listed apart and left out of totals, the status bar and budget gates unless `tokentier.includeTests` is on.*');
  if (advice) out.push(...advice);

  out.push('', '| tokens | min | expected | max |', '|---|---:|---:|---:|');
  const t = e.tokens;
  out.push(`| input | ${formatCount(t.input.min)} | ${formatCount(t.input.expected)} | ${formatCount(t.input.max)} |`);
  out.push(`| output | ${formatCount(t.output.min)} | ${formatCount(t.output.expected)} | ${formatCount(t.output.max)} |`);
  if (t.reasoning) out.push(`| reasoning | ${formatCount(t.reasoning.min)} | ${formatCount(t.reasoning.expected)} | ${formatCount(t.reasoning.max)} |`);
  if (t.reasoning) {
    // The limit in code covers both: when their sum would pass it, show what is generated (and billed).
    const g = generatedTokens(t, e.site);
    const cap = generationCap(e.site);
    if (cap !== undefined && g.max < t.output.max + t.reasoning.max) out.push(`| output + reasoning (≤ ${formatCount(cap)}, the limit in code) | ${formatCount(g.min)} | ${formatCount(g.expected)} | ${formatCount(g.max)} |`);
  }
  out.push('', `Input: ${esc(t.accuracy)} (${esc(t.tokenizer)}) — ${esc(describeProvenance(t.inputSource))}`);
  for (const p of t.parts) out.push(`- ${esc(partLine(p))}`);
  out.push('', `Output: ${esc(describeProvenance(t.outputSource))}`);

  out.push('', '**Price per call** (expected)');
  if (!e.cost.perCall) {
    out.push('', `Price unknown: ${esc(e.cost.unknownReason ?? 'no price for this model')}. Set the model or add it to the price book.`);
  } else {
    for (const l of e.cost.lines) {
      const perUnit = DIMENSION_UNITS[l.dimension];
      const rate = perUnit ? `${compactMoney(l.rate, cur)}/${perUnit.replace(/s$/, '')}` : `${compactMoney(l.rate, cur)}/M`;
      const units = perUnit ? `${formatUnits(l.units)} ${perUnit}` : `${formatUnits(l.units)} tok`;
      out.push(`- ${esc(l.dimension)}: ${esc(units)} × ${esc(rate)} = ${esc(compactMoney(l.amount, cur))} — ${esc(describeProvenance(l.source))}`);
    }
    out.push('', `Per call: ${esc(range(e.cost.perCall, (n) => compactMoney(n, cur)))}${e.cost.priceId ? ` (${esc(e.cost.priceId)})` : ''}`);
  }

  const u = e.usage;
  out.push('', `**Usage** (profile ${esc(u.profile)})${u.assumed ? ' — *assumed: cost depends on usage*' : ''}`);
  out.push(`- calls/day: ${esc(formatCount(u.callsPerDay.value))} — ${esc(describeProvenance(u.callsPerDay.source))}`);
  if (u.calibration) out.push(`- ${esc(calibrationText(u.calibration))}`);
  if (u.fanOut.value !== 1) out.push(`- fan-out: ×${esc(String(u.fanOut.value))} — ${esc(describeProvenance(u.fanOut.source))}`);
  out.push(`- cache hit rate: ${esc(pct(u.cacheHitRate.value))} — ${esc(describeProvenance(u.cacheHitRate.source))}`);
  if (u.batchShare.value) out.push(`- batch share: ${esc(pct(u.batchShare.value))} — ${esc(describeProvenance(u.batchShare.source))}`);
  if (u.retryRate.value) out.push(`- retry rate: ${esc(pct(u.retryRate.value))} — ${esc(describeProvenance(u.retryRate.source))}`);
  if (u.outputTokens) out.push(`- output tokens: ${esc(formatCount(u.outputTokens.value))} — ${esc(describeProvenance(u.outputTokens.source))}`);
  for (const loop of e.site.loops) {
    out.push(`- inside a ${esc(loop.kind)} loop${loop.unbounded ? ' with no visible bound' : loop.bound !== undefined ? ` of ${esc(String(loop.bound))}` : ''}`);
  }

  if (e.cost.perMonth) {
    out.push('', `**Monthly**: ${esc(compactMoney(e.cost.perMonth.expected, cur))} (range ${esc(compactMoney(e.cost.perMonth.min, cur))} – ${esc(compactMoney(e.cost.perMonth.max, cur))})`);
    for (const line of costArithmetic(e, (n) => significantMoney(n, cur))) out.push(`- ${esc(line)}`);
  }
  out.push('', esc(energyLine(e)));
  if (linkArgs) {
    const args = [linkArgs];
    out.push(
      '',
      `[Open in Tier Advisor](${commandLink('tokentier.openTierAdvisor', args)}) · [Edit assumptions](${commandLink('tokentier.openUsageAssumptions', args)}) · [Breakdown](${commandLink('tokentier.showSiteBreakdown', args)})`,
    );
  }
  return out.join('\n');
}

/** `calibrated against usage of 2026-09-01 – 2026-09-03 (OpenAI Usage API JSON) · .tokentier/usage.yml:23`. */
export function calibrationText(c: NonNullable<SiteEstimate['usage']['calibration']>): string {
  const days = c.from === c.to ? c.from : `${c.from} – ${c.to}`;
  return `calibrated against usage of ${days}${c.source ? ` (${c.source})` : ''}${c.file ? ` · ${c.file}${c.line ? `:${c.line}` : ''}` : ''}`;
}

function pct(v: number): string {
  return `${Number((v * 100).toFixed(1))} %`;
}

/** The status bar text for a workspace total: `$(pulse) $1,234/mo`, or the scanning text. */
export function statusText(opts: { readonly total?: CostTotal; readonly currency: string; readonly scanning: boolean }): string {
  if (opts.scanning) return '$(sync~spin) Tokentier: scanning…';
  if (!opts.total) return '$(pulse) Tokentier';
  const unpriced = opts.total.unpriced ? ` (+${opts.total.unpriced} unpriced)` : '';
  return plainText(`$(pulse) ${compactMoney(opts.total.perMonth.expected, opts.currency)}/mo${unpriced}`);
}

/**
 * The one currency a set of estimates is priced in, or undefined when they mix currencies (folders whose price books
 * differ) or there are none: totals are only shown in one named currency (issue #19 item 2).
 */
export function commonCurrency(estimates: readonly SiteEstimate[]): string | undefined {
  let c: string | undefined;
  for (const e of estimates) {
    if (c === undefined) c = e.cost.currency;
    else if (e.cost.currency !== c) return undefined;
  }
  return c;
}

/** A tree row's description for a group: `$36/mo · 3 sites` (plus unpriced count). */
export function groupDescription(total: CostTotal, currency: string): string {
  const sites = `${total.sites} site${total.sites === 1 ? '' : 's'}`;
  const unpriced = total.unpriced ? ` · ${total.unpriced} unpriced` : '';
  return plainText(`${compactMoney(total.perMonth.expected, currency)}/mo · ${sites}${unpriced}`);
}

/** A call-site tree row: label `L12 chat.completions.create`, description `gpt-4o-mini · $36/mo`. */
export function siteRow(e: SiteEstimate): { readonly label: string; readonly description: string } {
  const where = e.site.cell !== undefined ? `cell ${e.site.cell + 1} L${e.site.line}` : `L${e.site.line}`;
  const model = writtenModel(e) ?? 'unknown model';
  const cost = e.site.ignored ? 'ignored' : e.cost.perMonth ? `${compactMoney(e.cost.perMonth.expected, e.cost.currency)}/mo` : 'price unknown';
  return { label: plainText(`${where} ${e.site.method}`), description: plainText(`${model} · ${cost}${e.site.test ? ' · test' : ''}`) };
}

/**
 * The energy line of a site (hover, reports): Wh per call and kWh per month with the estimate's range, or why it is
 * unknown. EcoLogits-style: from the model's (estimated) size and the tokens it generates.
 */
export function energyLine(e: SiteEstimate): string {
  const en = e.energy;
  if (!en) return `Energy: n/a — no EcoLogits parameter estimate for ${writtenModel(e) ?? 'this model'}`;
  const wh = (n: number): string => (n >= 10 ? n.toFixed(0) : Number(n.toPrecision(2)).toString());
  const size = en.estimatedParameters ? '; model size estimated' : '';
  return `Energy ≈ ${wh(en.whPerCall.min)}–${wh(en.whPerCall.max)} Wh per call (${wh(en.gCo2ePerCall.min)}–${wh(en.gCo2ePerCall.max)} g CO₂e), ${wh(en.kwhPerMonth.expected)} kWh/month — EcoLogits-style estimate${size}`;
}
