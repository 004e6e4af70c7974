/**
 * The reconcile result for people: a terminal table, Markdown and a self-contained HTML page, all from one
 * {@link ViewDocument} so they say the same thing; and the JSON (the result itself, versioned).
 */
import { formatCount, formatMoney } from '../report/text';
import { renderHtml, renderMarkdown, renderText, type ViewBlock, type ViewDocument, type ViewSection, type ViewTable } from '../report/view';
import type { BillPlatform } from '../bills/types';
import { basisWords, platformName } from './compare';
import type { DayFigures, Errors, ModelComparison, ReconcileResult, SiteProposal } from './types';

/** A signed percentage (`+12.3 %`, `-4.0 %`), or `—` when unknown. */
export function percent(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const p = v * 100;
  return `${p > 0 ? '+' : ''}${p.toFixed(1)} %`;
}

/** The one error a model is judged by: cost when both sides have it, else tokens, else calls. */
export function headlineError(e: Errors): { measure: 'cost' | 'tokens' | 'calls' | 'input' | 'output'; value: number } | undefined {
  for (const m of ['cost', 'tokens', 'calls', 'input', 'output'] as const) if (e[m] !== undefined) return { measure: m, value: e[m]! };
  return undefined;
}

const num = (v: number | undefined) => (v === undefined ? '—' : formatCount(v));
const rate = (part: number | undefined, whole: number | undefined) => (part === undefined || !whole ? '—' : `${((part / whole) * 100).toFixed(1)} %`);

function money(v: number | null | undefined, currency: string): string {
  return v === undefined ? '—' : v === null ? 'unknown' : formatMoney(v, currency);
}

function figureRows(label: string, status: string, b: DayFigures, p: DayFigures, e: Errors, currency: string): string[][] {
  return [
    [label, status, 'calls', num(b.calls), num(p.calls), percent(e.calls)],
    ['', '', 'input tokens', num(b.input), num(p.input), percent(e.input)],
    ['', '', 'cache hit rate', rate(b.cacheRead, b.input), rate(p.cacheRead, p.input), ''],
    ['', '', 'output tokens', num(b.output), num(p.output), percent(e.output)],
    ['', '', 'cost', money(b.cost, currency), money(p.cost, currency), percent(e.cost)],
  ];
}

function modelRows(m: ModelComparison, currency: string, unattributed: boolean): string[][] {
  const p: DayFigures = m.status === 'billed-only' ? {} : m.predicted;
  const status = m.status === 'billed-only' ? 'billed only' : m.status === 'predicted-only' ? (unattributed ? 'not billed by name' : 'not billed') : `${m.sites.length} site${m.sites.length === 1 ? '' : 's'}`;
  const rows = figureRows(m.model, status, m.billed, p, m.error, currency);
  if (m.scale) rows.push(['', '', 'scale', `×${m.scale.factor.toFixed(3)}`, '', `billed ÷ predicted ${basisWords(m.scale.basis)}`]);
  if (m.billedAs.length && m.billedAs.some((x) => x !== m.model)) rows.push(['', '', 'billed as', m.billedAs.join(', '), '', '']);
  return rows;
}

function platformSection(result: ReconcileResult, platform: BillPlatform): ViewSection | undefined {
  const period = result.periods.find((p) => p.platform === platform);
  if (!period) return undefined;
  const models = result.models.filter((m) => m.platform === platform);
  const rows: string[][] = [];
  const groupStarts: number[] = [];
  const u = period.unattributed;
  const hasUnattributed = Object.keys(u).length > 0;
  for (const m of models) {
    groupStarts.push(rows.length);
    rows.push(...modelRows(m, result.currency, hasUnattributed));
  }
  if (models.length !== 1 || hasUnattributed) {
    groupStarts.push(rows.length);
    const sites = models.reduce((a, m) => a + m.sites.length, 0);
    rows.push(...figureRows(`all ${platformName(platform)} usage`, `${sites} site${sites === 1 ? '' : 's'}`, period.total.billed, period.total.predicted, period.total.error, result.currency));
  }
  const blocks: ViewBlock[] = [{ kind: 'table', table: { header: ['Model', 'Sites', 'Per day', 'Billed', 'Predicted', 'Error'], rows, right: [3, 4, 5], groupStarts } }];
  if (models.some((m) => m.status !== 'matched')) blocks.push({ kind: 'text', text: `“billed only”: no scanned site calls the model (code outside this folder, or a model chosen at run time); “not billed”: called in the code, absent from the bill in this period${hasUnattributed ? '; “not billed by name”: the bill has usage without a model, which may include it' : ''}.` });
  if (hasUnattributed) {
    blocks.push({ kind: 'text', tone: 'note', text: `Billed without a model (daily totals, line items naming no model, unmapped names) per day: ${[u.calls !== undefined ? `${num(u.calls)} requests` : '', u.input !== undefined ? `${num(u.input)} input tokens` : '', u.output !== undefined ? `${num(u.output)} output tokens` : '', u.cost !== undefined && u.cost !== null ? formatMoney(u.cost, result.currency) : ''].filter(Boolean).join(', ')}. It counts in the platform's total only.` });
  }
  if (period.unmatchedNames.length) blocks.push({ kind: 'text', tone: 'warning', text: `Billed names that match no single model in the price table (left unattributed): ${period.unmatchedNames.join(', ')}.` });
  return { title: `${platformName(platform)} · ${period.from} – ${period.to} (${period.days} day${period.days === 1 ? '' : 's'}), averages per day`, blocks };
}

function byDayTable(result: ReconcileResult): ViewTable {
  const rows: string[][] = [];
  for (const m of result.models) {
    for (const d of m.days) {
      const h = headlineError(d.error);
      rows.push([m.model, d.day, money(d.billed.cost, result.currency), d.billed.input !== undefined || d.billed.output !== undefined ? num((d.billed.input ?? 0) + (d.billed.output ?? 0)) : '—', num(d.billed.calls), h ? `${percent(h.value)} (${h.measure})` : '—']);
    }
  }
  return { header: ['Model', 'Day', 'Billed cost', 'Billed tokens', 'Billed requests', 'Error of the daily estimate'], rows, right: [2, 3, 4, 5] };
}

function change(c: { from: number; to: number } | undefined, f: (n: number) => string): string {
  if (!c) return '';
  return c.from === c.to ? `${f(c.to)} (unchanged)` : `${f(c.from)} → ${f(c.to)}`;
}

function proposalTable(proposals: readonly SiteProposal[]): ViewTable {
  const share = (n: number) => `${(n * 100).toFixed(1)} %`;
  const calls = (n: number) => (n >= 10 ? formatCount(n) : String(n));
  return {
    header: ['Site', 'Model', 'Calls/day', 'Output tokens', 'Cache hit rate', 'Notes'],
    rows: proposals.map((p) => [`${p.file}:${p.line}`, p.model, change(p.callsPerDay, calls), change(p.outputTokens, formatCount), change(p.cacheHitRate, share), p.notes.join('; ')]),
  };
}

function proposalSection(result: ReconcileResult): ViewSection | undefined {
  if (!result.proposals.length) return undefined;
  const file = result.usageFile?.path ?? '.tokentier/usage.yml';
  const blocks: ViewBlock[] = [
    { kind: 'text', text: result.usageFile?.written ? `Written to ${file}.` : `Proposed entries for ${file}, for you to accept (CLI: run again with --write; editor: review the diff and apply).` },
    { kind: 'table', table: proposalTable(result.proposals) },
  ];
  if (result.check?.length) {
    const rows = result.check.map((c) => {
      const b = headlineError(c.before);
      const a = b ? c.after[b.measure] : undefined;
      return [c.model, platformName(c.platform), b ? `${percent(b.value)} (${b.measure})` : '—', a !== undefined ? `${percent(a)} (${b!.measure})` : '—'];
    });
    blocks.push({ kind: 'text', text: 'Estimated again with the proposed entries:' }, { kind: 'table', table: { header: ['Model', 'Platform', 'Error now', 'Error after'], rows, right: [2, 3] } });
  }
  if (result.usageFile?.diff) blocks.push({ kind: 'pre', language: 'diff', text: result.usageFile.diff });
  return { title: 'Usage-file proposal', blocks };
}

/** The reconcile result as a document (shared by the table, Markdown and HTML outputs). */
export function reconcileView(result: ReconcileResult): ViewDocument {
  const sections: ViewSection[] = [];
  sections.push({
    title: 'Exports read',
    blocks: [{ kind: 'table', table: { header: ['File', 'Format', 'Days', 'Rows used'], rows: result.exports.map((x) => [x.file, x.label ?? 'not recognised', x.from ? `${x.from} – ${x.to}` : '—', `${x.rows.used} of ${x.rows.read}`]), right: [3] } }],
  });
  for (const p of ['openai', 'anthropic', 'bedrock'] as const) {
    const s = platformSection(result, p);
    if (s) sections.push(s);
  }
  if (result.models.some((m) => m.days.length)) sections.push({ title: 'By day', blocks: [{ kind: 'table', table: byDayTable(result) }] });
  if (result.notes.length) sections.push({ title: 'Notes', blocks: result.notes.map((n) => ({ kind: 'text', tone: 'note', text: n })) });
  const proposal = proposalSection(result);
  if (proposal) sections.push(proposal);
  if (result.notCompared.length) sections.push({ title: 'Not compared', blocks: [{ kind: 'list', items: result.notCompared.map((n) => `${n.reason}: ${n.sites.join(', ')}`) }] });
  const problems = result.diagnostics.filter((d) => d.severity !== 'info');
  const infos = result.diagnostics.filter((d) => d.severity === 'info');
  if (problems.length || infos.length) sections.push({ title: 'Problems and notes on the input', blocks: [{ kind: 'list', items: [...problems, ...infos].map((d) => `${d.severity}: ${d.message}`) }] });
  const compared = result.models.filter((m) => m.status === 'matched').length;
  return {
    title: 'Tokentier: estimate vs bill',
    subtitle: result.periods.length ? `${compared} model${compared === 1 ? '' : 's'} compared · errors are (predicted − billed) ÷ billed · profile ${result.profile} · ${result.currency}` : 'No billed usage was read: nothing to compare (see the problems below).',
    sections,
    footer: `Tokentier reconcile · ${result.root} · ${result.generatedAt}`,
  };
}

/** The terminal table. */
export function formatReconcileTable(result: ReconcileResult): string {
  return renderText(reconcileView(result));
}

/** Markdown. */
export function formatReconcileMarkdown(result: ReconcileResult): string {
  return renderMarkdown(reconcileView(result));
}

/** A self-contained HTML page. */
export function formatReconcileHtml(result: ReconcileResult): string {
  return renderHtml(reconcileView(result));
}

/** The versioned JSON (schemas/reconcile.schema.json). */
export function formatReconcileJson(result: ReconcileResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
