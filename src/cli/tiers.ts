/**
 * `tokentier tiers`: places the scanned workload on the deploy tiers (hosted API, GPU rental, on-prem, edge)
 * with the tier model in `src/core/tiers`. The workload is the report's priced, non-ignored sites taken
 * together: requests/day summed, tokens per request averaged by request volume.
 */
import { compareTiers } from '../core/tiers/compare';
import type { TierComparison, TierKind, Workload } from '../core/tiers/types';
import { layoutTable } from '../core/report/format';
import { modelLabel } from '../core/report/totals';
import { formatMoney } from '../core/report/text';
import type { Report } from '../core/types';

/** The combined workload of a report, or undefined when no site is priced. */
export function workloadFromReport(report: Report, selfHostModelId: string): Workload | undefined {
  let requests = 0;
  let input = 0;
  let output = 0;
  let perDay = 0;
  const byModel = new Map<string, { provider: string; perDay: number }>();
  for (const e of report.sites) {
    if (e.site.ignored || !e.cost.perDay) continue;
    const r = e.usage.callsPerDay.value * e.usage.fanOut.value;
    requests += r;
    input += r * e.tokens.input.expected;
    output += r * (e.tokens.output.expected + (e.tokens.reasoning?.expected ?? 0));
    perDay += e.cost.perDay.expected;
    const m = modelLabel(e);
    const cur = byModel.get(m) ?? { provider: e.site.provider, perDay: 0 };
    cur.perDay += e.cost.perDay.expected;
    byModel.set(m, cur);
  }
  if (requests <= 0) return undefined;
  // The API tier is labelled with the model that costs the most; its cost is the whole workload's.
  const [model, top] = [...byModel].sort((a, b) => b[1].perDay - a[1].perDay)[0] ?? ['unknown', { provider: 'other', perDay: 0 }];
  const usd = report.currency === 'USD';
  return {
    label: report.root,
    requestsPerDay: requests,
    inputTokens: input / requests,
    outputTokens: output / requests,
    selfHostModelId,
    ...(usd ? { api: { provider: top.provider, model, costPerRequestUsd: perDay / requests, costPerMonthUsd: report.totals.workspace.perMonth.expected, source: { label: report.priceTables.map((p) => p.label).join(', ') || 'Tokentier estimate' } } } : {}),
  };
}

/** Runs the comparison. */
export function tiersFor(report: Report, selfHostModelId: string): TierComparison | undefined {
  const w = workloadFromReport(report, selfHostModelId);
  return w ? compareTiers(w) : undefined;
}

/** A terminal table: one row per tier with its best option. */
export function formatTiersTable(c: TierComparison): string {
  const order: TierKind[] = ['api', 'marketplace', 'onprem', 'edge'];
  const rows = order.map((t) => {
    const best = c.tiers[t].best;
    const cost = best?.monthlyCostUsd.value;
    return [t, best?.label ?? 'n/a', cost === null || cost === undefined ? 'n/a' : formatMoney(cost, 'USD'), best?.latency.pass === null || !best ? '—' : best.latency.pass ? 'meets' : 'misses', c.tiers[t].notes[0] ?? ''];
  });
  const w = c.workload;
  const head = `Workload: ${Math.round(w.requestsPerDay).toLocaleString('en-US')} requests/day, ~${Math.round(w.inputTokens)} input + ~${Math.round(w.outputTokens)} output tokens each; self-hosted model ${w.selfHostModelId}.`;
  const be = c.breakEven.map((b) => `- ${b.tier}: ${b.note}`).join('\n');
  return `${head}\n\n${layoutTable(['Tier', 'Best option', 'Per month (USD)', 'Latency', 'Note'], rows, [2])}\n${be ? `\nBreak-even:\n${be}\n` : ''}`;
}
