/**
 * The terminal output of `tokentier tiers`. The workload comes from the one builder the Tier Advisor panel also uses
 * (src/core/tiers/workload.ts `buildWorkload`), so the CLI and the panel compare the same requests and tokens.
 */
import { layoutTable } from '../core/report/format';
import { formatMoney } from '../core/report/text';
import type { AggregatedWorkload } from '../core/tiers/workload';
import type { TierComparison, TierKind } from '../core/tiers/types';

/** A terminal table: one row per tier with its best option, then the workload's caveats and the break-even volumes. */
export function formatTiersTable(c: TierComparison, agg: AggregatedWorkload): string {
  const order: TierKind[] = ['api', 'marketplace', 'onprem', 'edge'];
  const rows = order.map((t) => {
    const best = c.tiers[t].best;
    const cost = best?.monthlyCostUsd.value;
    return [t, best?.label ?? 'n/a', cost === null || cost === undefined ? 'n/a' : formatMoney(cost, 'USD'), best?.latency.pass === null || !best ? '—' : best.latency.pass ? 'meets' : 'misses', c.tiers[t].notes[0] ?? ''];
  });
  const w = c.workload;
  const head = `Workload: ${Math.round(w.requestsPerDay).toLocaleString('en-US')} requests/day, ~${Math.round(w.inputTokens)} input + ~${Math.round(w.outputTokens)} output tokens each; self-hosted model ${w.selfHostModelId}.`;
  const be = c.breakEven.map((b) => `- ${b.tier}: ${b.note}`).join('\n');
  const notes = agg.messages.map((m) => `- ${m}`).join('\n');
  return `${head}\n\n${layoutTable(['Tier', 'Best option', 'Per month (USD)', 'Latency', 'Note'], rows, [2])}\n${notes ? `\nNotes:\n${notes}\n` : ''}${be ? `\nBreak-even:\n${be}\n` : ''}`;
}
