/**
 * The Tier Advisor's browser bundle. Receives complete snapshots from the host and renders them with DOM APIs:
 * every string from code (model names, paths, labels) goes through `textContent` or attribute setters, never HTML.
 * Keeps only UI state in `setState` (tab, scope, the edits being made); comparison data is always re-fetched.
 */
import './main.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeTabs } from '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { TierKind } from '../core/tiers/types';
import { TIER_NAMES, TIER_ORDER, comparisonRows, formatMs, formatNumber, formatUsd } from '../core/tiers/present';
import type { AdvisorEdits, AdvisorScope, AdvisorView } from '../core/tiers/advisorView';
import type { AdvisorUiState, ExportFormat, FromWebview, PanelSnapshot, ToWebview } from '../protocol/messages';
import { renderCharts, type ChartsHandle } from './charts';
import { el } from './dom';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

// UI state survives hide/show and reloads through setState; the host re-validates it before trusting it.
let ui: AdvisorUiState = (vscode.getState() as AdvisorUiState | undefined) ?? {};
let edits: AdvisorEdits = ui.edits ?? {};
let view: AdvisorView | undefined;
let charts: ChartsHandle | undefined;

function saveUi(patch: Partial<AdvisorUiState>): void {
  ui = { ...ui, ...patch };
  vscode.setState(ui);
}

function post(message: FromWebview): void {
  vscode.postMessage(message);
}

/** Numeric inputs of the workload form: id, label, unit hint, the edit field they set, and a unit conversion. */
interface NumberField {
  readonly id: string;
  readonly label: string;
  readonly key: 'requestsPerDay' | 'inputTokens' | 'outputTokens' | 'ttftTargetMs' | 'e2eTargetMs' | 'electricityUsdPerKWh' | 'utilisation' | 'edgeUsers';
  readonly min: number;
  readonly max: number;
  readonly step: string;
  /** Shown value = stored value × scale (utilisation is stored 0–1, shown in %). */
  readonly scale: number;
  /** Empty input clears the field to "no target" (targets only). */
  readonly nullable: boolean;
  readonly help: string;
}

const FIELDS: readonly NumberField[] = [
  { id: 'volume', label: 'Requests per day', key: 'requestsPerDay', min: 0, max: 1e9, step: '1', scale: 1, nullable: false, help: 'Average requests per day across the scope.' },
  { id: 'input-tokens', label: 'Input tokens / request', key: 'inputTokens', min: 0, max: 1e7, step: '1', scale: 1, nullable: false, help: 'Expected prompt tokens per request.' },
  { id: 'output-tokens', label: 'Output tokens / request', key: 'outputTokens', min: 0, max: 1e7, step: '1', scale: 1, nullable: false, help: 'Expected generated tokens per request (reasoning included).' },
  { id: 'ttft-target', label: 'TTFT target (ms)', key: 'ttftTargetMs', min: 1, max: 1e8, step: '1', scale: 1, nullable: true, help: 'Time to first token for a p95 request; empty = no target.' },
  { id: 'e2e-target', label: 'End-to-end target (ms)', key: 'e2eTargetMs', min: 1, max: 1e8, step: '1', scale: 1, nullable: true, help: 'Whole-response latency for a p95 request; empty = no target.' },
  { id: 'electricity', label: 'Electricity (USD/kWh)', key: 'electricityUsdPerKWh', min: 0, max: 10, step: '0.0001', scale: 1, nullable: false, help: 'Price of electricity where the self-hosted hardware runs.' },
  { id: 'utilisation', label: 'Utilisation target (%)', key: 'utilisation', min: 0.01, max: 1, step: '0.1', scale: 100, nullable: false, help: 'Average load on provisioned self-hosted capacity at peak (headroom for bursts).' },
  { id: 'users', label: 'Users (edge)', key: 'edgeUsers', min: 1, max: 1e9, step: '1', scale: 1, nullable: true, help: 'Users who would each run the model on their own device (edge); empty = not set (setting tokentier.tiers.users).' },
];

/** The log₁₀ slider spans 1 … 10⁸ requests/day. */
const SLIDER_MAX_EXP = 8;

// eslint-disable-next-line max-lines-per-function -- the panel's static DOM, one element per line in display order; splitting it would scatter the layout
function buildSkeleton(root: HTMLElement): void {
  root.replaceChildren();
  root.setAttribute('aria-busy', 'true');

  // The first line: what to do, and the condition it depends on.
  const rec = el('section', { id: 'recommendation', className: 'recommendation', attrs: { 'aria-label': 'Recommendation', 'aria-live': 'polite' } });
  rec.append(el('p', { id: 'rec-headline', className: 'headline' }), el('p', { id: 'rec-caveat', className: 'caveat' }));

  const header = el('header', { className: 'bar' });
  const h1 = el('h1', { id: 'title', text: 'Tier Advisor' });
  const scopeWrap = el('div', { className: 'field inline' });
  const scopeLabel = el('vscode-label', { text: 'Scope' });
  scopeLabel.setAttribute('for', 'scope');
  const scope = el('vscode-single-select', { id: 'scope' });
  scope.setAttribute('label', 'Scope');
  scope.addEventListener('change', () => {
    const s = view?.scopes[Number((scope as VscodeSingleSelect).value)];
    if (s) {
      saveUi({ scope: s.scope });
      post({ type: 'setScope', scope: s.scope });
    }
  });
  scopeWrap.append(scopeLabel, scope);
  const actions = el('div', { className: 'actions', attrs: { role: 'group', 'aria-label': 'Actions' } });
  const refresh = el('vscode-button', { id: 'refresh', text: 'Refresh', attrs: { secondary: '', 'aria-label': 'Re-read the workload from the code' } });
  refresh.addEventListener('click', () => post({ type: 'refresh' }));
  actions.append(refresh);
  for (const [fmt, label] of [['markdown', 'Markdown'], ['csv', 'CSV'], ['json', 'JSON']] as const) {
    const b = el('vscode-button', { id: `export-${fmt}`, text: `Export ${label}`, attrs: { secondary: '' } });
    b.addEventListener('click', () => post({ type: 'export', format: fmt as ExportFormat }));
    actions.append(b);
  }
  header.append(h1, scopeWrap, actions);

  const status = el('p', { id: 'status', className: 'status', attrs: { role: 'status' } });
  const messages = el('ul', { id: 'messages', className: 'messages' });

  // Workload form.
  const form = el('section', { id: 'workload', attrs: { 'aria-labelledby': 'workload-h' } });
  form.append(el('h2', { id: 'workload-h', text: 'Workload' }));
  const summary = el('p', { id: 'workload-summary', className: 'muted' });
  form.append(summary);
  const grid = el('div', { className: 'grid' });
  for (const f of FIELDS) {
    const wrap = el('div', { className: 'field' });
    const label = el('vscode-label', { text: f.label });
    label.setAttribute('for', f.id);
    const input = el('vscode-textfield', { id: f.id, attrs: { type: 'number', min: String(f.min * f.scale), max: String(f.max * f.scale), step: f.step } }) as VscodeTextfield;
    input.setAttribute('label', f.label);
    input.setAttribute('aria-describedby', `${f.id}-help`);
    input.title = f.help;
    input.addEventListener('change', () => onNumberInput(f, input.value));
    wrap.append(label);
    if (f.id === 'volume') {
      // A log-scale slider next to the exact number: volumes span seven orders of magnitude.
      const slider = el('input', { id: 'volume-slider', attrs: { type: 'range', min: '0', max: String(SLIDER_MAX_EXP), step: '0.05', 'aria-label': 'Requests per day (logarithmic slider)' } }) as HTMLInputElement;
      slider.addEventListener('input', () => {
        const v = Math.round(10 ** Number(slider.value));
        input.value = String(v);
        slider.setAttribute('aria-valuetext', `${formatNumber(v)} requests per day`);
        scheduleEdit({ ...edits, requestsPerDay: v }, 200);
      });
      const row = el('div', { className: 'slider-row' });
      row.append(slider, input);
      wrap.append(row);
    } else {
      wrap.append(input);
    }
    wrap.append(el('span', { id: `${f.id}-help`, className: 'help', text: f.help }));
    grid.append(wrap);
  }
  {
    // Region presets fill the electricity price (which stays editable: "custom" when it matches no preset).
    const wrap = el('div', { className: 'field' });
    const label = el('vscode-label', { text: 'Region (electricity price)' });
    label.setAttribute('for', 'region');
    const select = el('vscode-single-select', { id: 'region' }) as VscodeSingleSelect;
    select.setAttribute('label', 'Region (electricity price)');
    select.addEventListener('change', () => {
      const r = view?.regions[Number(select.value)];
      if (r) sendEdits({ ...edits, electricityUsdPerKWh: r.usdPerKWh });
    });
    wrap.append(label, select);
    grid.append(wrap);
  }
  for (const [id, labelText, key] of [['model', 'Self-hosted model', 'selfHostModelId'], ['precision', 'Precision', 'precision']] as const) {
    const wrap = el('div', { className: 'field' });
    const label = el('vscode-label', { text: labelText });
    label.setAttribute('for', id);
    const select = el('vscode-single-select', { id }) as VscodeSingleSelect;
    select.setAttribute('label', labelText);
    select.addEventListener('change', () => {
      const value = select.value;
      if (!value) return;
      sendEdits(key === 'precision' ? { ...edits, precision: value as NonNullable<AdvisorEdits['precision']> } : { ...edits, selfHostModelId: value });
    });
    wrap.append(label, select);
    grid.append(wrap);
  }
  form.append(grid);
  const reset = el('vscode-button', { id: 'reset', text: 'Reset to values from code', attrs: { secondary: '' } });
  reset.addEventListener('click', () => sendEdits({}));
  form.append(reset);

  // Tabs: comparison table, charts, assumptions.
  const tabs = el('vscode-tabs', { id: 'tabs' }) as VscodeTabs;
  const tabNames = ['Comparison', 'Charts', 'Assumptions'];
  tabNames.forEach((name) => {
    const h = el('vscode-tab-header', { text: name });
    h.setAttribute('slot', 'header');
    tabs.append(h);
  });
  const p0 = el('vscode-tab-panel', { id: 'panel-comparison' });
  const table = el('table', { id: 'tiers', className: 'tiers' });
  table.addEventListener('keydown', onTableKey);
  const caption = el('caption', { id: 'tiers-caption', text: 'Best option per tier. Hover a cell, or Tab into the table and use the arrow keys, to see its inputs and sources.' });
  table.append(caption);
  const breakEvenH = el('h3', { text: 'Break-even with the hosted API' });
  const breakEven = el('ul', { id: 'break-even' });
  const details = el('pre', { id: 'details', className: 'details', attrs: { 'aria-live': 'polite', tabindex: '-1' } });
  const gapsNote = el('p', { id: 'gaps-note', className: 'muted' });
  p0.append(table, gapsNote, el('h3', { text: 'Derivation' }), details, breakEvenH, breakEven);
  const p1 = el('vscode-tab-panel', { id: 'panel-charts' });
  const costBox = el('div', { className: 'chart-box' });
  const costCanvas = el('canvas', { id: 'cost-chart', attrs: { role: 'img', 'aria-label': 'Monthly cost versus requests per day for each tier, with break-even points' } });
  costBox.append(costCanvas);
  const latBox = el('div', { className: 'chart-box short' });
  const latCanvas = el('canvas', { id: 'latency-chart', attrs: { role: 'img', 'aria-label': 'Latency per tier against the target' } });
  latBox.append(latCanvas);
  p1.append(el('h3', { text: 'Monthly cost vs requests/day' }), costBox, el('h3', { text: 'Latency per tier (p95)' }), latBox);
  const p2 = el('vscode-tab-panel', { id: 'panel-assumptions' });
  p2.append(el('div', { id: 'assumptions' }));
  tabs.append(p0, p1, p2);
  tabs.selectedIndex = ui.tab ?? 0;
  tabs.addEventListener('vsc-tabs-select', () => {
    saveUi({ tab: tabs.selectedIndex });
    if (tabs.selectedIndex === 1) drawCharts();
  });

  root.append(rec, header, status, messages, form, tabs);
}

let editTimer: ReturnType<typeof setTimeout> | undefined;

/** Debounced edit (slider drags), so the host recomputes once per pause rather than per pixel. */
function scheduleEdit(next: AdvisorEdits, ms: number): void {
  edits = next;
  saveUi({ edits });
  if (editTimer) clearTimeout(editTimer);
  editTimer = setTimeout(() => post({ type: 'edit', edits }), ms);
}

function sendEdits(next: AdvisorEdits): void {
  if (editTimer) clearTimeout(editTimer);
  edits = next;
  saveUi({ edits });
  post({ type: 'edit', edits });
}

function onNumberInput(f: NumberField, raw: string): void {
  const text = raw.trim();
  const next: Record<string, unknown> = { ...edits };
  if (text === '') {
    if (f.nullable) next[f.key] = null;
    else delete next[f.key];
  } else {
    const v = Number(text) / f.scale;
    if (!Number.isFinite(v) || v < f.min || v > f.max) {
      setStatus(`${f.label}: enter a number between ${formatNumber(f.min * f.scale)} and ${formatNumber(f.max * f.scale)}.`);
      return;
    }
    next[f.key] = v;
  }
  sendEdits(next as AdvisorEdits);
}

function setStatus(text: string): void {
  const s = document.getElementById('status');
  if (s) s.textContent = text;
}

/** Sets a form control's value unless the user is typing in it (a snapshot must not fight the caret). */
function setControlValue(id: string, value: string): void {
  const c = document.getElementById(id) as (HTMLElement & { value: string }) | null;
  if (!c || document.activeElement === c) return;
  if (c.value !== value) c.value = value;
}

function fillSelect(id: string, options: readonly { value: string; label: string; description?: string }[], selected: string): void {
  const select = document.getElementById(id) as VscodeSingleSelect | null;
  if (!select) return;
  const key = options.map((o) => `${o.value}\u0000${o.label}`).join('\u0001');
  if (select.dataset.key !== key) {
    select.replaceChildren(
      ...options.map((o) => {
        const opt = el('vscode-option', { text: o.label });
        opt.setAttribute('value', o.value);
        if (o.description) opt.setAttribute('description', o.description);
        return opt;
      }),
    );
    select.dataset.key = key;
  }
  if (document.activeElement !== select && select.value !== selected) select.value = selected;
}

function renderForm(v: AdvisorView): void {
  const w = v.workload;
  const c = v.comparison;
  const values: Record<NumberField['key'], number | undefined> = {
    requestsPerDay: w.requestsPerDay,
    inputTokens: w.inputTokens,
    outputTokens: w.outputTokens,
    ttftTargetMs: w.ttftTargetMs,
    e2eTargetMs: w.e2eTargetMs,
    electricityUsdPerKWh: c?.options.electricityUsdPerKWh,
    utilisation: c?.options.utilisation,
    edgeUsers: w.edgeUsers,
  };
  for (const f of FIELDS) {
    const val = values[f.key];
    // Token counts and volumes are shown whole (means of integers need no decimals); the rest to 3 decimals.
    // (Each field's step matches its shown precision, so the browser never flags a shown value as invalid.)
    const digits = f.key === 'inputTokens' || f.key === 'outputTokens' || f.key === 'requestsPerDay' ? 1 : f.key === 'utilisation' ? 10 : f.key === 'electricityUsdPerKWh' ? 10000 : 1000;
    setControlValue(f.id, val === undefined ? '' : String(Math.round(val * f.scale * digits) / digits));
    const input = document.getElementById(f.id);
    const derivedNote =
      f.key === 'requestsPerDay' ? v.workloadNotes.requestsPerDay : f.key === 'inputTokens' ? v.workloadNotes.inputTokens : f.key === 'outputTokens' ? v.workloadNotes.outputTokens : undefined;
    if (input) input.title = derivedNote ? `${f.help}\nFrom the code: ${derivedNote}${edits[f.key] !== undefined ? '\n(edited)' : ''}` : f.help;
    input?.classList.toggle('edited', edits[f.key] !== undefined);
  }
  const slider = document.getElementById('volume-slider') as HTMLInputElement | null;
  if (slider && document.activeElement !== slider) {
    slider.value = String(w.requestsPerDay > 1 ? Math.min(SLIDER_MAX_EXP, Math.log10(w.requestsPerDay)) : 0);
    slider.setAttribute('aria-valuetext', `${formatNumber(w.requestsPerDay)} requests per day`);
  }
  fillSelect('model', v.models.map((m) => ({ value: m.id, label: m.name, description: m.detail })), w.selfHostModelId);
  const price = c?.options.electricityUsdPerKWh;
  const regionIndex = v.regions.findIndex((r) => price !== undefined && Math.abs(r.usdPerKWh - price) < 1e-9);
  fillSelect('region', [{ value: 'custom', label: price !== undefined ? `Custom / default: $${price}/kWh` : 'Custom' }, ...v.regions.map((r, i) => ({ value: String(i), label: r.label }))], regionIndex >= 0 ? String(regionIndex) : 'custom');
  const region = document.getElementById('region');
  if (region) region.title = regionIndex >= 0 ? `Source: ${v.regions[regionIndex]!.source}` : 'The electricity price typed in the field (or the model default).';
  fillSelect('precision', v.precisions.map((p) => ({ value: p, label: p })), c?.options.precision ?? 'bf16');
  fillSelect('scope', v.scopes.map((s, i) => ({ value: String(i), label: s.label })), String(Math.max(0, v.scopes.findIndex((s) => sameScope(s.scope, v.scope)))));
  const summary = document.getElementById('workload-summary');
  if (summary) {
    const api = w.api ? `hosted API: ${w.api.provider}/${w.api.model} at ${formatUsd(w.api.costPerRequestUsd)}/request` : 'hosted API: no priced call';
    summary.textContent = v.derived
      ? `${v.scopeLabel} — ${v.sites} call site(s), ${v.pricedSites} priced; ${api}.`
      : `${v.scopeLabel} — no call sites found; edit the workload to explore.`;
    summary.title = `API cost: ${v.workloadNotes.api}`;
  }
}

function sameScope(a: AdvisorScope, b: AdvisorScope): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The cheapest tier whose best option meets the targets (or the cheapest, if none does). */
function cheapestTier(v: AdvisorView): TierKind | undefined {
  const c = v.comparison;
  if (!c) return undefined;
  if (c.recommendation?.cheapest) return c.recommendation.cheapest;
  const costs = TIER_ORDER.map((t) => ({ t, o: c.tiers[t].best })).filter((x) => x.o && x.o.monthlyCostUsd.value !== null);
  const ok = costs.filter((x) => x.o!.latency.pass !== false);
  const pool = ok.length ? ok : costs;
  return pool.sort((a, b) => a.o!.monthlyCostUsd.value! - b.o!.monthlyCostUsd.value!)[0]?.t;
}

function renderTable(v: AdvisorView): void {
  const table = document.getElementById('tiers') as HTMLTableElement | null;
  if (!table) return;
  const caption = table.caption;
  table.replaceChildren();
  if (caption) table.append(caption);
  const c = v.comparison;
  if (!c) return;
  const best = cheapestTier(v);
  const thead = el('thead');
  const hr = el('tr');
  hr.append(el('th', { text: 'Figure', attrs: { scope: 'col' } }));
  for (const t of TIER_ORDER) {
    const th = el('th', { text: TIER_NAMES[t], attrs: { scope: 'col', 'data-tier': t } });
    if (t === best) {
      th.classList.add('best');
      th.append(' ', el('span', { className: 'badge', text: 'cheapest' }));
    }
    hr.append(th);
  }
  thead.append(hr);
  const tbody = el('tbody');
  for (const row of comparisonRows(c)) {
    const tr = el('tr', { attrs: { 'data-row': row.key } });
    tr.append(el('th', { text: row.label, attrs: { scope: 'row' } }));
    row.cells.forEach((cell, i) => {
      const td = el('td', { text: cell.text, attrs: { 'data-tier': TIER_ORDER[i]! } });
      // The tooltip: the title attribute (hover) plus a focusable cell that shows the same text in #details (keyboard).
      // One tab stop for the whole grid (roving tabindex); arrow keys move between cells.
      td.title = cell.title;
      td.tabIndex = -1;
      if (row.key === 'target') td.classList.add(cell.text === 'pass' ? 'pass' : cell.text === 'fail' ? 'fail' : 'neutral');
      if (cell.text === 'not a fit') td.classList.add('not-fit');
      if (TIER_ORDER[i] === best) td.classList.add('best');
      const show = () => {
        const d = document.getElementById('details');
        if (d) d.textContent = `${TIER_NAMES[TIER_ORDER[i]!]} · ${row.label}: ${cell.text}\n${cell.title}`;
      };
      td.addEventListener('focus', show);
      td.addEventListener('mouseenter', show);
      tr.append(td);
    });
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const first = tbody.querySelector('td');
  if (first) first.tabIndex = 0;

  const gaps = c.diagnostics.filter((d) => d.kind === 'data-gap').length;
  const gapsNote = document.getElementById('gaps-note');
  if (gapsNote) gapsNote.textContent = gaps ? `${gaps} figure(s) missing for hardware that is not in the answer (a price, a spec): listed under Assumptions › Diagnostics.` : '';
  const be = document.getElementById('break-even');
  if (be) {
    be.replaceChildren(
      ...c.breakEven.map((b) => {
        const li = el('li', { attrs: { 'data-tier': b.tier } });
        li.append(el('strong', { text: `${TIER_NAMES[b.tier]}: ` }), b.note);
        li.title = b.requestsPerDay !== null ? `Break-even at ${formatNumber(b.requestsPerDay)} requests/day (monthly cost equals the hosted API's)` : 'No break-even in the searched range';
        return li;
      }),
    );
  }
}

/** Arrow keys (and Home/End) move focus between the table's number cells; Tab leaves the table. */
function onTableKey(e: KeyboardEvent): void {
  const td = (e.target as HTMLElement).closest('td');
  const tr = td?.parentElement;
  if (!td || !tr) return;
  const rows = Array.from(tr.parentElement?.children ?? []);
  const col = Array.from(tr.children).indexOf(td);
  const row = rows.indexOf(tr);
  let next: Element | undefined;
  if (e.key === 'ArrowRight') next = tr.children[col + 1];
  else if (e.key === 'ArrowLeft' && col > 1) next = tr.children[col - 1];
  else if (e.key === 'ArrowDown') next = rows[row + 1]?.children[col];
  else if (e.key === 'ArrowUp') next = rows[row - 1]?.children[col];
  else if (e.key === 'Home') next = tr.children[1];
  else if (e.key === 'End') next = tr.children[tr.children.length - 1];
  if (next instanceof HTMLTableCellElement && next.tagName === 'TD') {
    e.preventDefault();
    td.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }
}

function renderAssumptions(v: AdvisorView): void {
  const box = document.getElementById('assumptions');
  const c = v.comparison;
  if (!box) return;
  box.replaceChildren();
  const w = v.workload;
  const dl = el('dl');
  const add = (k: string, val: string, tip?: string) => {
    const dd = el('dd', { text: val });
    if (tip) dd.title = tip;
    dl.append(el('dt', { text: k }), dd);
  };
  add('Requests/day', formatNumber(w.requestsPerDay), v.workloadNotes.requestsPerDay);
  add('Input tokens (expected / p95)', `${formatNumber(w.inputTokens)} / ${formatNumber(w.inputTokensP95 ?? w.inputTokens)}`, v.workloadNotes.inputTokens);
  add('Output tokens (expected / p95)', `${formatNumber(w.outputTokens)} / ${formatNumber(w.outputTokensP95 ?? w.outputTokens)}`, v.workloadNotes.outputTokens);
  add('Peak-to-average', w.peakToAverage !== undefined ? formatNumber(w.peakToAverage) : 'model default');
  add('TTFT target', w.ttftTargetMs !== undefined ? formatMs(w.ttftTargetMs) : 'none');
  add('End-to-end target', w.e2eTargetMs !== undefined ? formatMs(w.e2eTargetMs) : 'none');
  if (c) {
    add('PUE', formatNumber(c.options.pue));
    add('Colocation', `${formatUsd(c.options.colocationUsdPerKWMonth)}/kW-month`);
    add('Amortisation', `${formatNumber(c.options.amortisationYears)} years`);
    add('Grid intensity', `${formatNumber(c.options.gridKgCo2PerKWh)} kg CO₂e/kWh`);
    add('Rental pricing', c.options.rentalPricing);
    add('Redundancy', c.options.redundancyNPlus1 ? 'N+1' : 'none');
    add('Ops overhead', `${Math.round(c.options.opsOverheadFraction * 100)} %`);
    add('Tokens per month', formatNumber(c.tokensPerMonth));
  }
  box.append(el('h3', { text: 'Inputs' }), dl);
  if (!c) return;
  for (const t of TIER_ORDER) {
    const r = c.tiers[t];
    const sec = el('section', { attrs: { 'data-tier': t } });
    sec.append(el('h3', { text: TIER_NAMES[t] }));
    const ul = el('ul');
    for (const n of [...(r.best?.notes ?? []), ...r.notes]) ul.append(el('li', { text: n }));
    if (r.best?.rateLimit) ul.append(el('li', { text: `Rate limits: ${r.best.rateLimit.status} — ${r.best.rateLimit.note}` }));
    for (const a of r.alternatives) ul.append(el('li', { className: 'muted', text: `Alternative: ${a.label} — ${formatUsd(a.monthlyCostUsd.value)}/month` }));
    sec.append(ul);
    box.append(sec);
  }
  if (c.diagnostics.length) {
    const ul = el('ul', { id: 'diagnostics' });
    for (const d of c.diagnostics) ul.append(el('li', { className: d.severity, text: `${d.severity}: ${d.message}` }));
    box.append(el('h3', { text: 'Diagnostics' }), ul);
  }
}

/** The first line: the recommendation and its caveat (quality of the self-hosted model vs the hosted one). */
function renderRecommendation(v: AdvisorView): void {
  const r = v.comparison?.recommendation;
  const head = document.getElementById('rec-headline');
  const caveat = document.getElementById('rec-caveat');
  if (head) head.textContent = r?.headline ?? 'No comparison yet.';
  if (caveat) {
    caveat.textContent = r?.caveat ?? '';
    caveat.title = r?.quality ? `${r.quality.index}, snapshot ${r.quality.asOf}: ${r.quality.scale}\n${r.quality.source.ref ?? ''}` : '';
  }
}

function drawCharts(): void {
  if (!view) return;
  charts = renderCharts(charts, view, document.getElementById('cost-chart') as HTMLCanvasElement, document.getElementById('latency-chart') as HTMLCanvasElement);
}

function render(snapshot: PanelSnapshot): void {
  const v = snapshot.advisor;
  const root = document.getElementById('root');
  if (!root) return;
  if (!v) {
    root.textContent = snapshot.title;
    return;
  }
  if (!document.getElementById('tiers')) buildSkeleton(root);
  root.setAttribute('aria-busy', 'false');
  view = v;
  // The host's edits are authoritative (it may drop an invalid one); keep the local copy in step.
  edits = v.edits;
  saveUi({ edits, scope: v.scope });
  renderForm(v);
  renderRecommendation(v);
  const ul = document.getElementById('messages');
  ul?.replaceChildren(...v.messages.map((m) => el('li', { text: m })));
  renderTable(v);
  renderAssumptions(v);
  const tabs = document.getElementById('tabs') as VscodeTabs | null;
  if (tabs?.selectedIndex === 1) drawCharts();
  else if (charts) drawCharts();
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'snapshot':
      render(msg.snapshot);
      break;
    case 'error': {
      const root = document.getElementById('root');
      if (root && !document.getElementById('tiers')) root.textContent = msg.message;
      else setStatus(msg.message);
      break;
    }
    case 'exported':
      setStatus(msg.message);
      break;
  }
});

// Report CSP violations to the host log, so a test (and a user) can see them.
let cspViolations = 0;
document.addEventListener('securitypolicyviolation', (e) => {
  // A counter on <body> as well, which the e2e test reads from the DOM.
  document.body.dataset.cspViolations = String(++cspViolations);
  post({ type: 'log', level: 'error', message: `CSP violation: ${e.violatedDirective} ${e.blockedURI}` });
});

// Theme changes swap body classes; charts read --vscode-* colours, so redraw them.
new MutationObserver(() => {
  if (charts) drawCharts();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// The host keeps scope and edits while the panel lives, and restores them from this webview's state after a
// reload (serializer), so `ready` is all it needs.
post({ type: 'ready' });
