import * as assert from 'node:assert/strict';
import type { TierComparison, TierKind, TierNumber, TierOption, TierResult } from '../../src/core/tiers/types';
import { DEFAULT_TIER_OPTIONS } from '../../src/core/tiers/defaults';
import {
  comparisonRows, csvCell, escapeMarkdownCell, formatMs, formatNumber, formatPercent, formatTierNumber, formatUsd, hardwareText, tierNumberTooltip, toCsv, toJson, toMarkdown,
} from '../../src/core/tiers/present';
import type { AdvisorView } from '../../src/core/tiers/advisorView';

const EVIL = '<img src=x onerror=alert(1)>';

const n = (value: number | null, unit: string, formula = '', why?: string): TierNumber => ({ value, unit, formula, sources: [{ label: 'gpus.csv: H100', date: '2026-01-01', ref: 'https://example.com/h100' }], ...(why ? { why } : {}) });

function option(tier: TierKind, over: Partial<TierOption> = {}): TierOption {
  return {
    tier,
    label: `${tier} option`,
    provider: tier === 'api' ? 'openai' : 'RunPod',
    costPerMTokUsd: n(1.5, 'USD/1M tokens', '1.5'),
    monthlyCostUsd: n(1234, 'USD/month', '0.001 × 1000 × 30.4'),
    ttftMs: n(250, 'ms', 'a'),
    tokensPerSecPerRequest: n(80, 'tokens/s', 'b'),
    tokensPerSecPerReplica: n(800, 'tokens/s', 'c'),
    e2eLatencyMs: n(4000, 'ms', 'd'),
    latency: { ttftPass: null, e2ePass: true, pass: true },
    utilisation: n(0.7, 'fraction', 'e'),
    energyJPerToken: n(1, 'J/token', 'f'),
    energyKWhPerMTok: n(0.3, 'kWh/1M tokens', 'g'),
    co2KgPerMTok: n(0.1, 'kg CO2e/1M tokens', 'h'),
    notes: ['a note'],
    ...over,
  };
}

const result = (tier: TierKind, best: TierOption | null, notes: string[] = []): TierResult => ({ tier, best, alternatives: [], notes });

const comparison: TierComparison = {
  workload: { label: EVIL, requestsPerDay: 1000, inputTokens: 500, outputTokens: 100, selfHostModelId: 'llama-3.1-8b', e2eTargetMs: 5000 },
  options: DEFAULT_TIER_OPTIONS,
  tiers: {
    api: result('api', option('api', { label: `openai ${EVIL}` })),
    marketplace: result('marketplace', option('marketplace', { hardwareId: 'h100-sxm', gpuCount: 2, tensorParallel: 2, replicas: 1 })),
    onprem: result('onprem', option('onprem', { latency: { ttftPass: null, e2ePass: false, pass: false }, notes: ['=cmd|calc', 'line1\nline2'] })),
    edge: result('edge', null, ['model does not fit 24 GB']),
  },
  breakEven: [
    { tier: 'marketplace', requestsPerDay: 41000, note: 'self-hosting is cheaper above 41,000 requests/day' },
    { tier: 'onprem', requestsPerDay: null, note: 'API is cheaper at every volume' },
    { tier: 'edge', requestsPerDay: null, note: `[click](javascript:alert(1)) ${EVIL}` },
  ],
  diagnostics: [],
  tokensPerMonth: 1000 * 600 * (365 / 12),
};

const view: AdvisorView = {
  scope: { kind: 'workspace' },
  scopeLabel: `Workspace ${EVIL}`,
  scopes: [],
  sites: 1,
  pricedSites: 1,
  derived: comparison.workload,
  edits: {},
  workload: comparison.workload,
  workloadNotes: { requestsPerDay: '', inputTokens: '', outputTokens: '', api: '', selfHostModelId: '' },
  comparison,
  curve: null,
  models: [],
  precisions: ['bf16'],
  regions: [],
  messages: [],
};

describe('protocol: number formatting', () => {
  it('formats by magnitude', () => {
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(0.012345), '0.0123');
    assert.equal(formatNumber(12.345), '12.35');
    assert.equal(formatNumber(1234567.4), '1,234,567');
    assert.equal(formatNumber(Number.NaN), 'n/a');
    assert.equal(formatUsd(1234.4), '$1,234');
    assert.equal(formatUsd(null), 'n/a');
    assert.equal(formatMs(850.4), '850 ms');
    assert.equal(formatMs(2350), '2.35 s');
    assert.equal(formatMs(0.5), '0.5 ms', 'an on-prem round trip is not rounded up to 1 ms');
    assert.equal(formatMs(34.5), '34.5 ms');
    assert.equal(formatPercent(0.7), '70 %');
    assert.equal(formatPercent(0.0042), '0.4 %', 'a nearly idle GPU is not shown as 0 %');
  });

  it('formats tier numbers by unit and says n/a with the reason', () => {
    assert.equal(formatTierNumber(n(1234, 'USD/month')), '$1,234');
    assert.equal(formatTierNumber(n(250, 'ms')), '250 ms');
    assert.equal(formatTierNumber(n(0.25, 'fraction')), '25 %');
    assert.equal(formatTierNumber(n(0.3, 'kWh/1M tokens')), '0.3 kWh/1M tokens');
    assert.equal(formatTierNumber(n(null, 'ms', '', 'no TTFT data for this provider')), 'n/a');
    assert.equal(tierNumberTooltip(n(null, 'ms', 'x + y', 'no TTFT data')), 'n/a — no TTFT data\n= x + y\n• gpus.csv: H100 (2026-01-01) — https://example.com/h100');
  });

  it('describes hardware', () => {
    assert.equal(hardwareText(option('marketplace', { hardwareId: 'h100-sxm', gpuCount: 8, tensorParallel: 4, replicas: 2 })), '8 × h100-sxm (TP 4, 2 replicas)');
    assert.equal(hardwareText(option('api')), 'hosted by openai');
    assert.equal(hardwareText(null), 'n/a');
  });

  it('builds 15 rows of 4 cells, with tooltips, and n/a plus the reason for a tier without an option', () => {
    const rows = comparisonRows(comparison);
    assert.deepEqual(rows.map((r) => r.key), ['option', 'provider', 'hardware', 'costPerMTok', 'monthlyCost', 'ttft', 'tokensPerSec', 'e2e', 'network', 'target', 'utilisation', 'energy', 'co2', 'rateLimit', 'notes']);
    for (const r of rows) assert.equal(r.cells.length, 4);
    const monthly = rows.find((r) => r.key === 'monthlyCost')!;
    assert.deepEqual(monthly.cells.map((c) => c.text), ['$1,234', '$1,234', '$1,234', 'n/a']);
    assert.equal(monthly.cells[3]!.title, 'model does not fit 24 GB');
    assert.ok(monthly.cells[0]!.title.startsWith('= 0.001 × 1000 × 30.4'));
    const target = rows.find((r) => r.key === 'target')!;
    assert.deepEqual(target.cells.map((c) => c.text), ['pass', 'pass', 'fail', 'n/a']);
    assert.match(target.cells[2]!.title, /End-to-end: fail \(target 5\.00 s\)/);
  });

  it("marks the hosted API's latency as a published figure, not a p95 computed for the workload", () => {
    const rows = comparisonRows(comparison);
    for (const key of ['ttft', 'tokensPerSec', 'e2e']) {
      const cells = rows.find((r) => r.key === key)!.cells;
      assert.match(cells[0]!.text, / \((from )?published\)$/, key);
      assert.doesNotMatch(cells[1]!.text, /published/, `${key}: the self-hosted tiers are computed`);
    }
    assert.doesNotMatch(rows.find((r) => r.key === 'monthlyCost')!.cells[0]!.text, /published/);
  });
});

describe('protocol: exports escape untrusted text', () => {
  it('escapes Markdown: no raw HTML, no live link, no broken table', () => {
    assert.equal(escapeMarkdownCell(EVIL), '\\<img src=x onerror=alert\\(1\\)\\>');
    // `:` is escaped too (issue 17): no scheme can start an autolink.
    assert.equal(escapeMarkdownCell('[a](javascript:x)'), '\\[a\\]\\(javascript\\:x\\)');
    assert.equal(escapeMarkdownCell('a|b\nc'), 'a\\|b c');
    const md = toMarkdown(view, '2026-11-23T00:00:00Z');
    assert.ok(!/(^|[^\\])<img/.test(md), 'every <img in the Markdown is backslash-escaped');
    assert.ok(md.includes('\\<img src=x'), 'the hostile text is kept, escaped');
    assert.ok(!md.includes('](javascript:'), 'no live javascript: link');
    assert.ok(md.includes('| Monthly cost | $1,234 | $1,234 | $1,234 | n/a |'));
    assert.ok(md.includes('- GPU marketplace: self-hosting is cheaper above 41,000 requests/day'));
  });

  it('quotes CSV fields and defuses formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('-12.5'), '-12.5', 'a negative number stays a number');
    assert.equal(csvCell('-1+cmd'), "'-1+cmd");
    const csv = toCsv(view);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 5, 'header + four tiers');
    assert.ok(lines[3]!.includes(`"'=cmd|calc; line1\nline2"`), `notes defused and quoted: ${lines[3]}`);
    assert.ok(lines[1]!.startsWith('api,openai <img src=x onerror=alert(1)>,openai,,,1.5,1234,250,80,4000,pass,0.7,0.3,0.1,,,,unknown,a note'), lines[1]);
    assert.equal(lines[4], 'edge,,,,,,,,,,,,,,,,,,model does not fit 24 GB');
  });

  it('writes JSON that round-trips the comparison', () => {
    const j = JSON.parse(toJson(view, '2026-11-23T00:00:00Z')) as { comparison: TierComparison; scopeLabel: string };
    assert.deepEqual(j.comparison, JSON.parse(JSON.stringify(comparison)));
    assert.equal(j.scopeLabel, `Workspace ${EVIL}`, 'JSON carries the text as data (JSON has no markup to inject into)');
  });
});
