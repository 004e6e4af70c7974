/**
 * The advice sections of the CLI's and the exports' reports: deprecated or retired models with the migration's cost,
 * and the best cheaper model per site. Text from code or data is escaped for each medium.
 */
import type { Report, SiteEstimate } from '../types';
import { lifecycleStatusText, migrationText } from './adviceText';
import { escapeMarkdown, escapeTerminal, formatMoney, formatMoneyDelta } from './text';
import { pricedModel } from './totals';

const where = (e: SiteEstimate): string => (e.site.cell !== undefined ? `${e.site.file}#cell${e.site.cell}:${e.site.line}` : `${e.site.file}:${e.site.line}`);
const perMonth = (d: number, c: string): string => `${formatMoneyDelta(d, c)}/month`;

function deprecated(report: Report): SiteEstimate[] {
  return report.sites.filter((e) => !e.site.ignored && e.advice?.lifecycle && e.advice.lifecycle.status !== 'scheduled');
}

/** Savings under one unit of the currency a month are left out of the text reports (the JSON keeps them). */
const MIN_LISTED_SAVING = 1;

function cheaper(report: Report): SiteEstimate[] {
  return report.sites.filter((e) => !e.site.ignored && (e.advice?.alternatives[0]?.savingPerMonth ?? 0) >= MIN_LISTED_SAVING);
}

function qualityCell(e: SiteEstimate): string {
  const q = e.advice!.alternatives[0]!.quality;
  if (q.delta === undefined) return 'not compared';
  return `${q.delta > 0 ? '+' : ''}${q.delta} (${q.alternative!.score} vs ${q.current!.score})`;
}

function fitCell(e: SiteEstimate): string {
  const fit = e.advice!.alternatives[0]!.fit;
  const unknown = fit.filter((f) => f.fits === null).map((f) => f.feature);
  return unknown.length ? `unverified: ${unknown.join(', ')}` : 'fits';
}

/** The terminal table's advice lines (empty when no site has any). */
export function adviceTableSection(report: Report): string {
  const c = report.currency;
  const out: string[] = [];
  const dep = deprecated(report);
  if (dep.length) {
    out.push('', 'Deprecated or retired models:');
    for (const e of dep) {
      const l = e.advice!.lifecycle!;
      out.push(`  ${where(e)}  ${l.model} (${l.platformName}): ${lifecycleStatusText(l)}; ${migrationText(l, c, perMonth)}`);
    }
  }
  const ch = cheaper(report);
  if (ch.length) {
    out.push('', `Cheaper models that fit the call (same provider first; savings of ${formatMoney(MIN_LISTED_SAVING, c)}/month or more; \`--format json\` has all of them, with the fit and quality details):`);
    for (const e of ch) {
      const a = e.advice!.alternatives[0]!;
      out.push(`  ${where(e)}  ${pricedModel(e)} -> ${a.model}: saves ${formatMoney(a.savingPerMonth, c)}/month (${Math.round(a.savingShare * 100)} %)${a.samePlatform ? '' : ', another provider'}; ${fitCell(e)}; ${a.quality.index} ${a.quality.asOf}: ${qualityCell(e)}`);
    }
  }
  return out.map(escapeTerminal).join('\n') + (out.length ? '\n' : '');
}

/** The Markdown report's advice sections (empty when no site has any). */
export function adviceMarkdownSection(report: Report): string[] {
  const c = report.currency;
  const m = escapeMarkdown;
  const out: string[] = [];
  const dep = deprecated(report);
  if (dep.length) {
    out.push('### Deprecated or retired models', '', '| Site | Model | Platform | Status | Replacement and cost change |', '|---|---|---|---|---|');
    for (const e of dep) {
      const l = e.advice!.lifecycle!;
      out.push(`| ${m(where(e))} | ${m(l.model)} | ${m(l.platformName)} | ${m(lifecycleStatusText(l))} | ${m(migrationText(l, c, perMonth))} |`);
    }
    out.push('');
  }
  const ch = cheaper(report);
  if (ch.length) {
    const q = ch[0]!.advice!.alternatives[0]!.quality;
    out.push('### Cheaper models', '', `Savings of ${m(formatMoney(MIN_LISTED_SAVING, c))}/month or more at each site's usage; the JSON report has every suggestion with its fit and quality details.`, '', `| Site | Model | Cheaper model | Saving per month | Fit | Quality (${m(q.index)}, ${m(q.asOf)}) |`, '|---|---|---|---:|---|---|');
    for (const e of ch) {
      const a = e.advice!.alternatives[0]!;
      out.push(`| ${m(where(e))} | ${m(pricedModel(e))} | ${m(a.model)}${a.samePlatform ? '' : ' (another provider)'} | ${m(formatMoney(a.savingPerMonth, c))} (${Math.round(a.savingShare * 100)} %) | ${m(fitCell(e))} | ${m(qualityCell(e))} |`);
    }
    out.push('');
  }
  return out;
}

/** The advice columns appended to each CSV row (see `CSV_COLUMNS`). */
export const ADVICE_CSV_COLUMNS = ['lifecycle_status', 'shutdown_date', 'replacement', 'migration_delta_per_month', 'cheaper_model', 'cheaper_saving_per_month'] as const;

/** The advice values of one CSV row, in {@link ADVICE_CSV_COLUMNS} order. */
export function adviceCsvValues(e: SiteEstimate): (string | number | null | undefined)[] {
  const l = e.advice?.lifecycle;
  const a = e.advice?.alternatives[0];
  return [l?.status, l?.shutdown ?? l?.shutdownAsWritten, l?.migration?.model ?? l?.replacement, l?.migration?.deltaPerMonth ?? null, a?.model, a?.savingPerMonth ?? null];
}
