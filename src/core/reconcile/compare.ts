/**
 * The comparison itself: per platform a period (first to last day with billed usage), per model the billed average
 * per day against the sum of its sites' predictions, the error of each measure, the factor its sites are scaled by,
 * and the same day by day. Pure arithmetic over {@link aggregateExports} and {@link predictSites}; every number it
 * prints can be checked by hand (test/unit/reconcile.test.ts does).
 */
import { daysBetween } from '../bills/common';
import type { BillPlatform, ParsedExport } from '../bills/types';
import { exportFormat } from '../bills/formats';
import type { Report } from '../types';
import { aggregateExports, type BilledModelSums, type PlatformSums, type Sums } from './aggregate';
import type { ModelMatcher } from './models';
import { predictSites, type SitePrediction, type Unpredicted } from './predict';
import { RECONCILE_SCHEMA_VERSION, type DayFigures, type Errors, type ExportSummary, type ModelComparison, type PlatformPeriod, type ReconcileResult, type ScaleBasis } from './types';

/** What {@link compareWithBills} needs. */
export interface CompareInput {
  readonly report: Report;
  readonly exports: readonly ParsedExport[];
  readonly matcher: ModelMatcher;
  /** Units of the report currency per USD when the report is not in USD (the price book's rate); else costs are not compared. */
  readonly usdRate?: number;
  readonly now?: Date;
}

const PLATFORM_NAMES: Readonly<Record<BillPlatform, string>> = { openai: 'OpenAI', anthropic: 'Anthropic', bedrock: 'Amazon Bedrock' };

/** A platform's display name. */
export function platformName(p: BillPlatform): string {
  return PLATFORM_NAMES[p];
}

/** (predicted − billed) ÷ billed, or undefined when either is missing or nothing was billed. */
export function relativeError(predicted: number | null | undefined, billed: number | undefined): number | undefined {
  if (predicted === null || predicted === undefined || billed === undefined || !(billed > 0)) return undefined;
  return (predicted - billed) / billed;
}

/**
 * Billed sums of some days as figures: input is the sum of its parts when the uncached part is known. `known`: the
 * measures the model is billed in at all, so a day without usage reads 0 rather than "not stated".
 */
function figures(days: readonly (Sums | undefined)[], divisor: number, rate: number | undefined, known?: ReadonlySet<keyof Sums>): DayFigures {
  const total = (k: keyof Sums): number | undefined => (known?.has(k) || days.some((d) => d?.[k] !== undefined) ? days.reduce((a, d) => a + (d?.[k] ?? 0), 0) / divisor : undefined);
  const uncached = total('uncachedInput');
  const cacheRead = total('cacheRead');
  const cacheWrite = total('cacheWrite');
  const cost = total('cost');
  const f: DayFigures = {
    ...(total('requests') !== undefined ? { calls: total('requests') } : {}),
    ...(uncached !== undefined ? { input: uncached + (cacheRead ?? 0) + (cacheWrite ?? 0) } : {}),
    ...(cacheRead !== undefined ? { cacheRead } : {}),
    ...(cacheWrite !== undefined ? { cacheWrite } : {}),
    ...(total('output') !== undefined ? { output: total('output') } : {}),
    ...(cost !== undefined && rate !== undefined ? { cost: cost * rate } : {}),
  };
  return f;
}

/** The errors of a prediction against billed figures, measure by measure. */
export function errorsOf(predicted: DayFigures, billed: DayFigures): Errors {
  const e: Errors = {};
  const set = (k: keyof Errors, v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v)) e[k] = v;
  };
  set('calls', relativeError(predicted.calls, billed.calls));
  set('input', relativeError(predicted.input, billed.input));
  set('cacheRead', relativeError(predicted.cacheRead, billed.cacheRead));
  set('output', relativeError(predicted.output, billed.output));
  set('cost', relativeError(predicted.cost, billed.cost ?? undefined));
  if (billed.input !== undefined && billed.output !== undefined) set('tokens', relativeError((predicted.input ?? 0) + (predicted.output ?? 0), billed.input + billed.output));
  return e;
}

/**
 * The factor a model's sites are scaled by, billed ÷ predicted: of requests when the bill counts them (OpenAI usage),
 * else of input tokens (the prompt size comes from the code, so the volume is the calls), else of cost, else of output.
 */
export function scaleOf(predicted: DayFigures, billed: DayFigures): { factor: number; basis: ScaleBasis } | undefined {
  const pairs: [ScaleBasis, number | null | undefined, number | null | undefined][] = [
    ['requests', predicted.calls, billed.calls],
    ['input-tokens', predicted.input, billed.input],
    ['cost', predicted.cost, billed.cost],
    ['output-tokens', predicted.output, billed.output],
  ];
  for (const [basis, p, b] of pairs) {
    if (typeof p === 'number' && typeof b === 'number' && p > 0 && b > 0) return { factor: b / p, basis };
  }
  return undefined;
}

/** The sum of site predictions (cost null when any site's price is unknown). */
function sumPredicted(preds: readonly SitePrediction[]): Required<DayFigures> {
  const s = { calls: 0, input: 0, cacheRead: 0, cacheWrite: 0, output: 0, cost: 0 as number | null };
  for (const p of preds) {
    s.calls += p.perDay.calls;
    s.input += p.perDay.input;
    s.cacheRead += p.perDay.cacheRead;
    s.cacheWrite += p.perDay.cacheWrite;
    s.output += p.perDay.output;
    s.cost = s.cost === null || p.perDay.cost === null ? null : s.cost + p.perDay.cost;
  }
  return s;
}

/** All of a platform's billed sums on one day, attributed or not. */
function dayTotal(sums: PlatformSums, day: string): Sums | undefined {
  const parts = [...[...sums.models.values()].map((m) => m.perDay.get(day)), sums.unattributed.get(day)].filter((x): x is Sums => !!x);
  if (!parts.length) return undefined;
  const out: Sums = {};
  for (const p of parts) for (const [k, v] of Object.entries(p) as [keyof Sums, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}

function periodOf(platform: BillPlatform, sums: PlatformSums, preds: readonly SitePrediction[], rate: number | undefined): PlatformPeriod | undefined {
  const used = [...sums.usageDays].sort();
  if (!used.length) return undefined;
  const from = used[0]!;
  const to = used[used.length - 1]!;
  const days = daysBetween(from, to);
  const billed = figures(days.map((d) => dayTotal(sums, d)), days.length, rate);
  const predicted = sumPredicted(preds);
  return {
    total: { billed, predicted, error: errorsOf(predicted, billed) },
    platform,
    from,
    to,
    days: days.length,
    emptyDaysLeftOut: [...sums.listedDays].filter((d) => d < from || d > to).sort(),
    unattributed: figures(days.map((d) => sums.unattributed.get(d)), days.length, rate),
    unmatchedNames: [...sums.unmatchedNames].sort(),
  };
}

function compareModel(period: PlatformPeriod, key: string, billedSums: BilledModelSums | undefined, preds: readonly SitePrediction[], rate: number | undefined): ModelComparison {
  const days = daysBetween(period.from, period.to);
  const billed = billedSums ? figures(days.map((d) => billedSums.perDay.get(d)), days.length, rate) : {};
  const predicted = sumPredicted(preds);
  const status = !billedSums ? 'predicted-only' : preds.length ? 'matched' : 'billed-only';
  const scale = status === 'matched' ? scaleOf(predicted, billed) : undefined;
  return {
    platform: period.platform,
    key,
    model: preds[0]?.model ?? [...(billedSums?.ids ?? [])][0] ?? key,
    billedAs: [...(billedSums?.ids ?? [])].sort(),
    status,
    sites: preds.map((p) => ({ id: p.estimate.site.id, file: p.estimate.site.file, line: p.estimate.site.line, ...(p.estimate.site.cell !== undefined ? { cell: p.estimate.site.cell } : {}), model: p.model, predicted: p.perDay })),
    billed,
    predicted,
    error: status === 'matched' ? errorsOf(predicted, billed) : {},
    ...(scale ? { scale } : {}),
    days: billedSums
      ? days.map((d) => {
          const known = new Set([...billedSums.perDay.values()].flatMap((x) => Object.keys(x) as (keyof Sums)[]));
          const b = figures([billedSums.perDay.get(d)], 1, rate, known);
          return { day: d, billed: b, error: preds.length ? errorsOf(predicted, b) : {} };
        })
      : [],
  };
}

function notComparedOf(left: Unpredicted, uncovered: readonly SitePrediction[]): ReconcileResult['notCompared'] {
  const out: { reason: string; sites: string[] }[] = [];
  const where = (p: SitePrediction) => `${p.estimate.site.file}:${p.estimate.site.line}`;
  const byPlatform = new Map<BillPlatform, string[]>();
  for (const p of uncovered) byPlatform.set(p.platform, [...(byPlatform.get(p.platform) ?? []), where(p)]);
  for (const [p, sites] of byPlatform) out.push({ reason: `no ${platformName(p)} export with usage was given`, sites });
  for (const [provider, sites] of left.noExportFormat) out.push({ reason: `provider ${provider}: no export format is read for it yet`, sites });
  if (left.unknownModel.length) out.push({ reason: 'the model is unknown (set it with an annotation or the usage file)', sites: left.unknownModel });
  if (left.ignored.length) out.push({ reason: 'ignored by a tokentier-ignore comment', sites: left.ignored });
  return out;
}

function exportSummary(x: ParsedExport): ExportSummary {
  return {
    file: x.file,
    ...(x.format ? { format: x.format, label: exportFormat(x.format).label } : {}),
    ...(x.platform ? { platform: x.platform } : {}),
    rows: x.rows,
    ...(x.days.length ? { from: x.days[0], to: x.days[x.days.length - 1] } : {}),
  };
}

/** Compares the exports with the report's sites. Proposals are added by `proposeUsage` (proposals.ts). Never throws. */
export function compareWithBills(input: CompareInput): ReconcileResult {
  const { report, matcher } = input;
  const rate = report.currency === 'USD' ? 1 : input.usdRate;
  const { platforms, diagnostics } = aggregateExports(input.exports, matcher);
  const { predictions, left } = predictSites(report.sites, matcher);
  const periods = [...platforms].map(([p, s]) => periodOf(p, s, predictions.filter((x) => x.platform === p), rate)).filter((p): p is PlatformPeriod => !!p);
  const models: ModelComparison[] = [];
  const uncovered: SitePrediction[] = [];
  for (const period of periods) {
    const sums = platforms.get(period.platform)!;
    const mine = predictions.filter((p) => p.platform === period.platform);
    const keys = [...new Set([...sums.models.keys(), ...mine.map((p) => p.key)])];
    for (const key of keys) models.push(compareModel(period, key, sums.models.get(key), mine.filter((p) => p.key === key), rate));
  }
  for (const p of predictions) if (!periods.some((x) => x.platform === p.platform)) uncovered.push(p);
  models.sort((a, b) => (a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : (b.billed.cost ?? b.predicted.cost ?? 0) - (a.billed.cost ?? a.predicted.cost ?? 0) || (a.model < b.model ? -1 : 1)));
  return {
    schemaVersion: RECONCILE_SCHEMA_VERSION,
    kind: 'tokentier-reconcile',
    generatedAt: (input.now ?? new Date()).toISOString(),
    root: report.root,
    currency: report.currency,
    profile: report.profile,
    exports: input.exports.map(exportSummary),
    periods,
    models,
    notCompared: notComparedOf(left, uncovered),
    notes: notesOf(models, periods, report.currency, rate),
    proposals: [],
    diagnostics: [...input.exports.flatMap((x) => x.diagnostics), ...diagnostics],
  };
}

const BASIS_WORDS: Readonly<Record<ScaleBasis, string>> = { requests: 'requests', 'input-tokens': 'input tokens', cost: 'cost', 'output-tokens': 'output tokens' };

/** The words for a scale basis (`billed ÷ predicted requests`). */
export function basisWords(b: ScaleBasis): string {
  return BASIS_WORDS[b];
}

function notesOf(models: readonly ModelComparison[], periods: readonly PlatformPeriod[], currency: string, rate: number | undefined): string[] {
  const notes: string[] = [];
  for (const m of models) {
    if (m.status !== 'matched' || m.sites.length < 2 || !m.scale) continue;
    notes.push(`${m.sites.length} sites call ${m.model}: the bill cannot tell which site spent what, so every one of them is scaled by billed ÷ predicted ${basisWords(m.scale.basis)} = ${m.scale.factor.toFixed(3)} (${m.sites.map((s) => `${s.file}:${s.line}`).join(', ')}).`);
  }
  for (const m of models) {
    const b = m.billed;
    const p = m.predicted;
    if (m.status !== 'matched' || !b.calls || !p.calls || b.input === undefined || p.input === undefined) continue;
    const billedPer = b.input / b.calls;
    const predictedPer = p.input / p.calls;
    if (predictedPer > 0 && (billedPer / predictedPer > 1.25 || billedPer / predictedPer < 0.8)) {
      notes.push(`${m.model}: the bill has ${Math.round(billedPer).toLocaleString('en-US')} input tokens per request, the code's estimate ${Math.round(predictedPer).toLocaleString('en-US')} per call (×${(billedPer / predictedPer).toFixed(2)}). The prompt has parts only known at run time (or a different size); a usage file sets calls, output and caching, not the prompt, so that part of the error stays after calibration.`);
    }
  }
  for (const m of models) {
    if (m.status !== 'matched' || m.scale?.basis !== 'input-tokens') continue;
    const perCall = m.predicted.calls ? (m.predicted.input ?? 0) / m.predicted.calls : 0;
    notes.push(`${m.model}: the bill counts no requests, so calls/day is scaled by input tokens (×${m.scale.factor.toFixed(3)}), taking the code's prompt of ${Math.round(perCall).toLocaleString('en-US')} tokens per call as right. If the prompt is larger at run time, the real calls/day is lower: check the proposal before accepting it.`);
  }
  if (rate === undefined) notes.push(`Costs are not compared: the report is in ${currency} and the price book gives no exchange rate from USD, the bills' currency.`);
  for (const p of periods) {
    if (p.emptyDaysLeftOut.length) notes.push(`${platformName(p.platform)}: ${p.emptyDaysLeftOut.join(', ')} ${p.emptyDaysLeftOut.length === 1 ? 'has' : 'have'} no usage in the exports and ${p.emptyDaysLeftOut.length === 1 ? 'lies' : 'lie'} outside ${p.from} – ${p.to}: left out (often a partial day).`);
  }
  return notes;
}
