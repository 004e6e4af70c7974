/**
 * Number formatting and export formatters of the Tier Advisor, shared by the webview (display) and the host
 * (Markdown/CSV/JSON export) so that both show the same figures. Pure; no DOM, no `vscode`.
 */
import type { TierComparison, TierKind, TierNumber, TierOption } from './types';
import type { AdvisorView } from './advisorView';

/** The label of a whole-workspace scope, the same in the CLI (`tokentier tiers`) and the panel: `Workspace demo`. */
export function workspaceLabel(name: string | undefined): string {
  return name ? `Workspace ${name}` : 'Workspace';
}

/** Display order and names of the tiers. */
export const TIER_ORDER: readonly TierKind[] = ['api', 'marketplace', 'onprem', 'edge'];
/** Human names of the tiers. */
export const TIER_NAMES: Readonly<Record<TierKind, string>> = {
  api: 'Hosted API',
  marketplace: 'GPU marketplace',
  onprem: 'On-prem',
  edge: 'Edge',
};

const en = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** `3 significant digits` below 1, `2 decimals` below 1,000, whole numbers with separators above. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a < 1) return Number(v.toPrecision(3)).toString();
  if (a < 1000) return en(2).format(v);
  return en(0).format(v);
}

/** USD amount, e.g. `$1,234`, `$0.0123`; `n/a` for null. */
export function formatUsd(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  return `${v < 0 ? '-' : ''}$${formatNumber(Math.abs(v))}`;
}

/** Milliseconds below one second, seconds above (`0.5 ms`, `34.5 ms`, `850 ms`, `2.35 s`). */
export function formatMs(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  if (v < 100 && v !== Math.round(v)) return `${Number(v.toFixed(1))} ms`;
  return v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(2)} s`;
}

/** A fraction as a percentage (`0.7` → `70 %`; below 10 % one decimal, so a 0.4 % busy GPU does not read `0 %`). */
export function formatPercent(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  const p = v * 100;
  return p !== 0 && Math.abs(p) < 10 ? `${Number(p.toFixed(1))} %` : `${Math.round(p)} %`;
}

/** A {@link TierNumber} in its unit's usual form; an estimate with a range shows it (`0.01 kWh/… (0.009–0.011)`). */
export function formatTierNumber(n: TierNumber | undefined): string {
  if (!n || n.value === null) return 'n/a';
  const u = n.unit;
  if (u.startsWith('USD')) return formatUsd(n.value);
  if (u === 'ms') return formatMs(n.value);
  if (u === 'fraction') return formatPercent(n.value);
  const range = n.range && n.range[0] !== n.range[1] ? ` (${formatNumber(n.range[0])}–${formatNumber(n.range[1])})` : '';
  return `${formatNumber(n.value)} ${u}${range}`;
}

/** Tooltip text of a {@link TierNumber}: the formula with its inputs, then every source. */
export function tierNumberTooltip(n: TierNumber | undefined): string {
  if (!n) return 'n/a';
  const lines: string[] = [];
  if (n.value === null) lines.push(`n/a — ${n.why ?? 'no source'}`);
  if (n.formula) lines.push(`= ${n.formula}`);
  if (n.range) lines.push(`range ${formatNumber(n.range[0])}–${formatNumber(n.range[1])} ${n.unit}`);
  for (const s of n.sources) lines.push(`• ${s.label}${s.date ? ` (${s.date})` : ''}${s.ref ? ` — ${s.ref}` : ''}`);
  return lines.join('\n');
}

/** `pass`, `fail`, or `no target` for a tier option's latency check. */
export function latencyVerdict(o: TierOption | null): string {
  if (!o) return 'n/a';
  const p = o.latency.pass;
  return p === null ? 'no target' : p ? 'pass' : 'fail';
}

/** The hardware column: `8 × h100-sxm (TP 8, 1 replica)`, or `hosted by <provider>` for the API tier. */
export function hardwareText(o: TierOption | null): string {
  if (!o) return 'n/a';
  if (!o.hardwareId) return `hosted by ${o.provider}`;
  const count = o.gpuCount ?? 1;
  const extra = o.tensorParallel !== undefined || o.replicas !== undefined ? ` (TP ${o.tensorParallel ?? 1}, ${o.replicas ?? 1} replica${(o.replicas ?? 1) === 1 ? '' : 's'})` : '';
  return `${count} × ${o.hardwareId.replace(/^edge:/, '')}${extra}`;
}

/** One row of the comparison table / exports. */
export interface ComparisonRow {
  readonly key: string;
  readonly label: string;
  /** Per tier, in {@link TIER_ORDER}: display text and tooltip. */
  readonly cells: readonly { readonly text: string; readonly title: string }[];
}

/**
 * The cell of a tier without an option: `not a fit` with the reason, or `n/a` with the notes; the first row of an
 * edge tier without a number of users asks for it.
 */
function emptyCell(c: TierComparison, t: TierKind, first = false): { text: string; title: string } {
  const r = c.tiers[t];
  if (r.notAFit) return { text: 'not a fit', title: [r.notAFit, ...r.notes].join('\n') };
  const unsized = r.notes[0]?.startsWith('not sized');
  return { text: first && unsized ? 'not sized: enter the number of users' : 'n/a', title: r.notes.join('\n') || 'no option' };
}

/** A row's cells, in {@link TIER_ORDER}: `cell` of each tier's best option, or the {@link emptyCell} of a tier without one. */
function optionCells(c: TierComparison, cell: (o: TierOption, t: TierKind) => { text: string; title: string }, first = false): { text: string; title: string }[] {
  return TIER_ORDER.map((t) => {
    const o = c.tiers[t].best;
    return o ? cell(o, t) : emptyCell(c, t, first);
  });
}

const numberRow = (key: string, label: string, c: TierComparison, pick: (o: TierOption) => TierNumber | undefined, apiSuffix = ''): ComparisonRow => ({
  key,
  label,
  cells: optionCells(c, (o, t) => {
    const n = pick(o);
    const suffix = t === 'api' && apiSuffix && n && n.value !== null ? apiSuffix : '';
    return { text: formatTierNumber(n) + suffix, title: tierNumberTooltip(n) };
  }),
});

/** `p50 / p95` of two latency figures, with both derivations in the tooltip. */
const pairRow = (key: string, label: string, c: TierComparison, p50: (o: TierOption) => TierNumber | undefined, p95: (o: TierOption) => TierNumber | undefined, apiText: (o: TierOption) => string): ComparisonRow => ({
  key,
  label,
  cells: optionCells(c, (o, t) => {
    const a = p50(o);
    const b = p95(o);
    const text = t === 'api' ? apiText(o) : `${formatTierNumber(a)} / ${formatTierNumber(b)}`;
    return { text, title: [`p50: ${formatTierNumber(a)}`, tierNumberTooltip(a), '', `p95: ${formatTierNumber(b)}`, tierNumberTooltip(b)].join('\n') };
  }),
});

/** The API's rate-limit verdict: the tier it needs, or why it is unknown / exceeded. */
export function rateLimitText(o: TierOption): string {
  const r = o.rateLimit;
  if (!r) return o.tier === 'api' ? 'unknown' : '— (self-hosted)';
  return r.status === 'ok' ? `needs ${r.requiredTier}` : r.status === 'exceeds' ? 'exceeds every tier' : 'unknown';
}

/**
 * The hosted API's latency is a published measurement (its statistic and workload are in the tooltip), not the p95 the
 * tier model computes for this workload: the cell says so.
 */
const PUBLISHED = ' (published)';

/** The rows of the side-by-side table, in display order (the same for the webview and the exports). */
export function comparisonRows(c: TierComparison): readonly ComparisonRow[] {
  const text = (key: string, label: string, f: (o: TierOption) => string, tip: (o: TierOption) => string): ComparisonRow => ({
    key,
    label,
    cells: optionCells(c, (o) => ({ text: f(o), title: tip(o) }), key === 'option'),
  });
  return [
    text('option', 'Best option', (o) => o.label, (o) => [o.label, ...o.notes].join('\n')),
    text('provider', 'Provider', (o) => o.provider, (o) => o.provider),
    text('hardware', 'GPUs / device', hardwareText, (o) => (o.concurrencyPerReplica !== undefined ? `batch ${o.concurrencyPerReplica} per replica` : hardwareText(o))),
    numberRow('costPerMTok', 'Cost per 1M tokens', c, (o) => o.costPerMTokUsd),
    numberRow('monthlyCost', 'Monthly cost', c, (o) => o.monthlyCostUsd),
    // Self-hosted latency is at the load each replica gets at the peak hour: p50 / p95. The API's is its published
    // median (provider queueing and network included); its end-to-end time is computed from that and its speed.
    pairRow('ttft', 'TTFT p50 / p95', c, (o) => o.ttftP50Ms ?? o.ttftMs, (o) => o.ttftMs, (o) => formatTierNumber(o.ttftMs) + (o.ttftMs.value !== null ? PUBLISHED : '')),
    numberRow('tokensPerSec', 'Tokens/s per request', c, (o) => o.tokensPerSecPerRequest, PUBLISHED),
    pairRow('e2e', 'End-to-end p50 / p95', c, (o) => o.e2eP50Ms ?? o.e2eLatencyMs, (o) => o.e2eLatencyMs, (o) => `${formatTierNumber(o.e2eP50Ms)} / ${formatTierNumber(o.e2eLatencyMs)}${o.e2eLatencyMs.value !== null ? ' (from published)' : ''}`),
    numberRow('network', 'Network round trip', c, (o) => o.networkMs, ' (inside the published TTFT)'),
    text('target', 'Latency target', latencyVerdict, (o) =>
      [
        `TTFT: ${o.latency.ttftPass === null ? 'no target' : o.latency.ttftPass ? 'pass' : 'fail'}${c.workload.ttftTargetMs !== undefined ? ` (target ${formatMs(c.workload.ttftTargetMs)})` : ''}`,
        `End-to-end: ${o.latency.e2ePass === null ? 'no target' : o.latency.e2ePass ? 'pass' : 'fail'}${c.workload.e2eTargetMs !== undefined ? ` (target ${formatMs(c.workload.e2eTargetMs)})` : ''}`,
      ].join('\n'),
    ),
    numberRow('utilisation', 'Utilisation', c, (o) => o.utilisation),
    // The unit (per 1M output tokens, from the tier model) is in each cell, so the labels do not repeat it.
    numberRow('energy', 'Energy', c, (o) => o.energyKWhPerMTok),
    numberRow('co2', 'CO₂e', c, (o) => o.co2KgPerMTok),
    text('rateLimit', 'Rate limit', rateLimitText, (o) => (o.rateLimit ? [o.rateLimit.note, ...(o.rateLimit.tiers ?? []).map((x) => `${x.tier}: ${x.fits ? 'fits' : x.binding ?? 'does not fit'}`)].join('\n') : 'A self-hosted tier has no provider rate limit: its capacity is sized for the peak.')),
    text('notes', 'Notes', (o) => o.notes.join('; ') || '—', (o) => o.notes.join('\n') || 'no notes'),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Exports. All text from code (model names, paths, labels) is untrusted: escaped for the target format.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Escapes text for a Markdown table cell: backslash-escapes Markdown punctuation (links, emphasis, code, HTML
 * brackets, pipes) and flattens newlines, so a model name cannot inject a link, HTML or break the table. As in
 * src/core/report/text.ts (issue 17): `:` and `.` are escaped so no URL or domain is autolinked, and an `@` or a `#`
 * before a digit is followed by a zero-width space so GitHub makes no mention or issue link.
 */
export function escapeMarkdownCell(s: string): string {
  return s
    .replace(/[\\`*_{}[\]()<>#+!|~&"':.@]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\\@/g, '\\@&#8203;')
    .replace(/\\#(?=\d)/g, '\\#&#8203;');
}

/**
 * Quotes a CSV field (RFC 4180) and defuses spreadsheet formulas: a field starting with `=`, `+`, `-`, `@`, tab or
 * CR gets a leading apostrophe (OWASP "CSV injection"), unless it is a plain number.
 */
export function csvCell(s: string): string {
  let v = s;
  if (/^[=+\-@\t\r]/.test(v) && !/^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The comparison as a Markdown document. */
export function toMarkdown(view: AdvisorView, generatedAt: string): string {
  const c = view.comparison;
  const w = view.workload;
  const out: string[] = [];
  out.push(`# Tokentier Tier Advisor — ${escapeMarkdownCell(view.scopeLabel)}`, '');
  if (c?.recommendation) out.push(`**${escapeMarkdownCell(c.recommendation.headline)}**`, '', escapeMarkdownCell(c.recommendation.caveat), '');
  out.push(`Generated ${generatedAt}.`, '');
  out.push('## Workload', '', '| Figure | Value |', '|---|---|');
  out.push(`| Requests/day | ${formatNumber(w.requestsPerDay)} |`);
  out.push(`| Input tokens/request (expected, p95) | ${formatNumber(w.inputTokens)}, ${formatNumber(w.inputTokensP95 ?? w.inputTokens)} |`);
  out.push(`| Output tokens/request (expected, p95) | ${formatNumber(w.outputTokens)}, ${formatNumber(w.outputTokensP95 ?? w.outputTokens)} |`);
  out.push(`| TTFT target | ${w.ttftTargetMs !== undefined ? formatMs(w.ttftTargetMs) : 'none'} |`);
  out.push(`| End-to-end target | ${w.e2eTargetMs !== undefined ? formatMs(w.e2eTargetMs) : 'none'} |`);
  out.push(`| Self-hosted model | ${escapeMarkdownCell(w.selfHostModelId)} |`);
  out.push(`| Edge users | ${w.edgeUsers !== undefined ? formatNumber(w.edgeUsers) : 'not set'} |`);
  if (w.api) out.push(`| API model | ${escapeMarkdownCell(`${w.api.provider}/${w.api.model}`)} (${formatUsd(w.api.costPerRequestUsd)}/request) |`);
  if (c) {
    out.push(`| Precision | ${c.options.precision} |`, `| Electricity | ${formatUsd(c.options.electricityUsdPerKWh)}/kWh |`, `| Utilisation target | ${formatPercent(c.options.utilisation)} |`);
    out.push('', '## Comparison', '', `| | ${TIER_ORDER.map((t) => TIER_NAMES[t]).join(' | ')} |`, `|---|${TIER_ORDER.map(() => '---').join('|')}|`);
    for (const r of comparisonRows(c)) out.push(`| ${r.label} | ${r.cells.map((x) => escapeMarkdownCell(x.text)).join(' | ')} |`);
    out.push('', '## Break-even with the hosted API', '');
    for (const b of c.breakEven) out.push(`- ${TIER_NAMES[b.tier]}: ${escapeMarkdownCell(b.note)}`);
    if (c.diagnostics.length) {
      out.push('', '## Diagnostics', '');
      for (const d of c.diagnostics) out.push(`- ${d.severity}: ${escapeMarkdownCell(d.message)}`);
    }
    out.push('', '## Derivations and sources', '');
    for (const r of comparisonRows(c)) {
      TIER_ORDER.forEach((t, i) => {
        const cell = r.cells[i]!;
        if (cell.title && cell.title !== cell.text) out.push(`- ${TIER_NAMES[t]} · ${r.label}: ${escapeMarkdownCell(cell.title)}`);
      });
    }
  } else {
    out.push('', 'No comparison (see messages).');
  }
  for (const m of view.messages) out.push('', `> ${escapeMarkdownCell(m)}`);
  return out.join('\n') + '\n';
}

/** The comparison as CSV: one line per tier (best option), raw numbers (no units) for spreadsheets. */
export function toCsv(view: AdvisorView): string {
  const header = [
    'tier', 'option', 'provider', 'hardware_id', 'gpu_count', 'cost_per_1m_tokens_usd', 'monthly_cost_usd', 'ttft_ms',
    'tokens_per_s_per_request', 'e2e_latency_ms', 'latency_target', 'utilisation', 'energy_kwh_per_1m_tokens', 'co2_kg_per_1m_tokens',
    'ttft_p50_ms', 'e2e_p50_ms', 'network_ms', 'rate_limit', 'notes',
  ];
  const lines = [header.join(',')];
  const c = view.comparison;
  if (c) {
    const num = (n: TierNumber | undefined) => (n && n.value !== null ? String(n.value) : '');
    for (const t of TIER_ORDER) {
      const o = c.tiers[t].best;
      const row = o
        ? [t, o.label, o.provider, o.hardwareId ?? '', o.gpuCount !== undefined ? String(o.gpuCount) : '', num(o.costPerMTokUsd), num(o.monthlyCostUsd), num(o.ttftMs),
          num(o.tokensPerSecPerRequest), num(o.e2eLatencyMs), latencyVerdict(o), num(o.utilisation), num(o.energyKWhPerMTok), num(o.co2KgPerMTok),
          num(o.ttftP50Ms), num(o.e2eP50Ms), num(o.networkMs), rateLimitText(o), o.notes.join('; ')]
        : [t, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', [c.tiers[t].notAFit, ...c.tiers[t].notes].filter(Boolean).join('; ')];
      lines.push(row.map(csvCell).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** The comparison as JSON: the workload, options, full comparison (with formulas and sources) and the cost curve. */
export function toJson(view: AdvisorView, generatedAt: string): string {
  return JSON.stringify(
    { tool: 'tokentier', kind: 'tier-advisor', generatedAt, scope: view.scope, scopeLabel: view.scopeLabel, workload: view.workload, edits: view.edits, comparison: view.comparison, curve: view.curve, messages: view.messages },
    null,
    2,
  ) + '\n';
}
