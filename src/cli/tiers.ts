/**
 * The terminal output of `tokentier tiers`. The workload comes from the one builder the Tier Advisor panel also uses
 * (src/core/tiers/workload.ts `buildWorkload`), so the CLI and the panel compare the same requests and tokens. The
 * first line after the workload is the recommendation the panel also shows first.
 */
import { layoutTable } from '../core/report/format';
import { escapeTerminal, formatMoney } from '../core/report/text';
import { formatMs, formatNumber } from '../core/tiers/present';
import type { AggregatedWorkload } from '../core/tiers/workload';
import type { TierComparison, TierKind, TierOption } from '../core/tiers/types';

function latency(o: TierOption | null | undefined, pick: (o: TierOption) => number | null | undefined): string {
  const v = o ? pick(o) : null;
  return v === null || v === undefined ? 'n/a' : formatMs(v);
}

/** A terminal table: one row per tier with its best option, then the recommendation's caveat, rate limits, energy and diagnostics. */
export function formatTiersTable(c: TierComparison, agg: AggregatedWorkload): string {
  const order: TierKind[] = ['api', 'marketplace', 'onprem', 'edge'];
  const rows = order.map((t) => {
    const r = c.tiers[t];
    const best = r.best;
    const cost = best?.monthlyCostUsd.value;
    const published = t === 'api' && best ? ' (pub.)' : '';
    const speed = best?.tokensPerSecPerRequest.value;
    return [
      t,
      best?.label ?? 'n/a',
      cost === null || cost === undefined ? 'n/a' : formatMoney(cost, 'USD'),
      latency(best, (o) => o.ttftMs.value) + published,
      latency(best, (o) => o.e2eLatencyMs.value),
      speed === null || speed === undefined ? 'n/a' : formatNumber(speed),
      !best || best.latency.pass === null ? '—' : best.latency.pass ? 'meets' : 'misses',
      r.notAFit ?? r.notes[0] ?? '',
    ];
  });
  const w = c.workload;
  const head = `Workload: ${Math.round(w.requestsPerDay).toLocaleString('en-US')} requests/day, ~${Math.round(w.inputTokens)} input + ~${Math.round(w.outputTokens)} output tokens each; self-hosted model ${w.selfHostModelId}${w.edgeUsers !== undefined ? `; ${w.edgeUsers.toLocaleString('en-US')} user(s) for edge` : ''}.`;
  const rec = c.recommendation ? `\n${c.recommendation.headline}\n${c.recommendation.caveat}\n` : '';
  const api = c.tiers.api.best;
  const extra = [
    ...(api?.rateLimit ? [`- rate limit: ${api.rateLimit.note}`] : []),
    ...(api ? [`- API energy: ${api.notes.find((n) => n.startsWith('energy:'))?.slice('energy: '.length) ?? 'n/a'}`] : []),
    '- latency: p95 at the peak hour (queueing + prefill + network); the hosted API shows its published median (pub.)',
  ].join('\n');
  const be = c.breakEven.map((b) => `- ${b.tier}: ${b.note}`).join('\n');
  const notes = agg.messages.map((m) => `- ${m}`).join('\n');
  const gaps = c.diagnostics.map((d) => `- ${d.severity}${d.tier ? ` (${d.tier})` : ''}: ${d.message}`).join('\n');
  const table = layoutTable(['Tier', 'Best option', 'Per month (USD)', 'TTFT p95', 'E2E p95', 'Tok/s', 'Target', 'Note'], rows, [2, 3, 4, 5]);
  const text = `${head}\n${rec}\n${table}\n${extra}\n${notes ? `\nNotes:\n${notes}\n` : ''}${be ? `\nBreak-even:\n${be}\n` : ''}${gaps ? `\nDiagnostics (figures missing for hardware that is not in the answer):\n${gaps}\n` : ''}`;
  // Model names and labels come from the code: every line is escaped for the terminal (the table's cells already are).
  return text.split('\n').map(escapeTerminal).join('\n');
}
