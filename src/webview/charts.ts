/**
 * The Tier Advisor's two charts (chart.js, tree-shaken: only the controllers, elements, scales and plugins used are
 * registered). Colours come from the theme's `--vscode-charts-*` variables, read with getComputedStyle; chart.js
 * styles the canvas through the CSSOM only, which the strict CSP allows.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartDataset,
  type TooltipItem,
} from 'chart.js';
import type { CostCurve, TierKind } from '../core/tiers/types';
import { TIER_NAMES, TIER_ORDER, formatMs, formatNumber, formatUsd } from '../core/tiers/present';
import type { AdvisorView } from '../core/tiers/advisorView';

Chart.register(LineController, LineElement, PointElement, ScatterController, BarController, BarElement, LinearScale, LogarithmicScale, CategoryScale, Tooltip, Legend);

/** The live charts, so a new snapshot replaces them instead of stacking canvases. */
export interface ChartsHandle {
  readonly cost: Chart;
  readonly latency: Chart;
}

const TIER_COLOUR_VARS: Readonly<Record<TierKind, [string, string]>> = {
  api: ['--vscode-charts-blue', '#3794ff'],
  marketplace: ['--vscode-charts-orange', '#d18616'],
  onprem: ['--vscode-charts-green', '#89d185'],
  edge: ['--vscode-charts-purple', '#b180d7'],
};

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

/** Monthly API cost at `x` requests/day, interpolated log-log between the curve's points (the chart's own line). */
export function apiCostAt(curve: CostCurve, x: number): number | null {
  const api = curve.series.find((s) => s.tier === 'api');
  if (!api) return null;
  const pts = curve.requestsPerDay.map((r, i) => ({ r, y: api.monthlyCostUsd[i] ?? null })).filter((p): p is { r: number; y: number } => p.y !== null && p.y > 0 && p.r > 0);
  if (!pts.length) return null;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (x >= a.r && x <= b.r) {
      const t = (Math.log(x) - Math.log(a.r)) / (Math.log(b.r) - Math.log(a.r) || 1);
      return Math.exp(Math.log(a.y) + t * (Math.log(b.y) - Math.log(a.y)));
    }
  }
  // Outside the sampled range: the API is linear in volume, so scale the nearest point.
  const near = x < pts[0]!.r ? pts[0]! : pts[pts.length - 1]!;
  return (near.y * x) / near.r;
}

/** Keeps the ticks at powers of ten. */
function decadesOnly(axis: { ticks: { value: number }[] }): void {
  const decades = axis.ticks.filter((t) => t.value > 0 && Math.abs(Math.log10(t.value) - Math.round(Math.log10(t.value))) < 1e-9);
  if (decades.length >= 2) axis.ticks = decades;
}

function destroy(h: ChartsHandle | undefined): void {
  h?.cost.destroy();
  h?.latency.destroy();
}

/** Draws (or redraws) both charts for `view`. */
// eslint-disable-next-line max-lines-per-function -- one Chart.js configuration object (datasets, axes, tooltips), declarative data
export function renderCharts(prev: ChartsHandle | undefined, view: AdvisorView, costCanvas: HTMLCanvasElement, latencyCanvas: HTMLCanvasElement): ChartsHandle | undefined {
  destroy(prev);
  const curve = view.curve;
  const c = view.comparison;
  if (!curve || !c) return undefined;
  const fg = cssVar('--vscode-foreground', '#cccccc');
  const grid = cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.35)');
  const red = cssVar('--vscode-charts-red', '#f14c4c');
  const yellow = cssVar('--vscode-charts-yellow', '#cca700');
  Chart.defaults.color = fg;
  Chart.defaults.borderColor = grid;
  Chart.defaults.font.family = cssVar('--vscode-font-family', 'sans-serif');
  const colour = (t: TierKind) => cssVar(...TIER_COLOUR_VARS[t]);

  const lines: ChartDataset<'line' | 'scatter', { x: number; y: number }[]>[] = [];
  for (const t of TIER_ORDER) {
    const s = curve.series.find((x) => x.tier === t);
    if (!s) continue;
    const data = curve.requestsPerDay
      .map((x, i) => ({ x, y: s.monthlyCostUsd[i] ?? null }))
      .filter((p): p is { x: number; y: number } => p.y !== null && p.y > 0);
    lines.push({ type: 'line', label: TIER_NAMES[t], data, borderColor: colour(t), backgroundColor: colour(t), pointRadius: 0, pointHitRadius: 6, borderWidth: 2, tension: 0 });
  }
  const breakPts = c.breakEven
    .filter((b) => b.requestsPerDay !== null)
    .map((b) => ({ x: b.requestsPerDay!, y: apiCostAt(curve, b.requestsPerDay!) ?? NaN }))
    .filter((p) => Number.isFinite(p.y) && p.y > 0);
  if (breakPts.length) {
    lines.push({ type: 'scatter', label: 'Break-even', data: breakPts, borderColor: red, backgroundColor: red, pointStyle: 'crossRot', pointRadius: 9, pointBorderWidth: 3 });
  }
  const cur = view.workload.requestsPerDay;
  const curApi = apiCostAt(curve, cur);
  if (cur > 0 && curApi) {
    lines.push({ type: 'scatter', label: 'Current volume (API)', data: [{ x: cur, y: curApi }], borderColor: yellow, backgroundColor: yellow, pointStyle: 'triangle', pointRadius: 7 });
  }
  const cost = new Chart(costCanvas, {
    type: 'line',
    data: { datasets: lines as ChartDataset<'line', { x: number; y: number }[]>[] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        // Decade ticks only: the default log ticks (2, 3, 5 × 10ⁿ) crowd seven decades into a grid of lines.
        x: { type: 'logarithmic', title: { display: true, text: 'requests/day' }, afterBuildTicks: decadesOnly, ticks: { callback: (v) => formatNumber(Number(v)) } },
        y: { type: 'logarithmic', title: { display: true, text: 'USD/month' }, afterBuildTicks: decadesOnly, ticks: { callback: (v) => formatUsd(Number(v)) } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) => {
              const p = item.raw as { x: number; y: number };
              return `${item.dataset.label ?? ''}: ${formatUsd(p.y)}/month at ${formatNumber(p.x)} requests/day`;
            },
          },
        },
      },
    },
  });

  const labels = TIER_ORDER.map((t) => TIER_NAMES[t]);
  const val = (t: TierKind, pick: 'ttftMs' | 'e2eLatencyMs') => c.tiers[t].best?.[pick].value ?? null;
  const datasets: ChartDataset<'bar' | 'line', (number | null)[]>[] = [
    { type: 'bar', label: 'TTFT (p95)', data: TIER_ORDER.map((t) => val(t, 'ttftMs')), backgroundColor: TIER_ORDER.map((t) => colour(t)), borderWidth: 0 },
    { type: 'bar', label: 'End-to-end (p95)', data: TIER_ORDER.map((t) => val(t, 'e2eLatencyMs')), backgroundColor: grid, borderColor: TIER_ORDER.map((t) => colour(t)), borderWidth: 2 },
  ];
  if (view.workload.e2eTargetMs !== undefined) {
    datasets.push({ type: 'line', label: `End-to-end target ${formatMs(view.workload.e2eTargetMs)}`, data: labels.map(() => view.workload.e2eTargetMs!), borderColor: red, borderDash: [6, 4], pointRadius: 0, borderWidth: 2 });
  }
  if (view.workload.ttftTargetMs !== undefined) {
    datasets.push({ type: 'line', label: `TTFT target ${formatMs(view.workload.ttftTargetMs)}`, data: labels.map(() => view.workload.ttftTargetMs!), borderColor: yellow, borderDash: [2, 3], pointRadius: 0, borderWidth: 2 });
  }
  const latency = new Chart(latencyCanvas, {
    type: 'bar',
    data: { labels, datasets: datasets as ChartDataset<'bar', (number | null)[]>[] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { type: 'logarithmic', title: { display: true, text: 'ms (log scale)' }, afterBuildTicks: decadesOnly, ticks: { callback: (v) => formatMs(Number(v)) } } },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item: TooltipItem<'bar'>) => `${item.dataset.label ?? ''}: ${formatMs(item.parsed.y)}` } },
      },
    },
  });
  return { cost, latency };
}
