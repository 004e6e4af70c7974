// The reconcile arithmetic (src/core/reconcile) with hand-made predictions, so every expected number below is
// arithmetic on the fixture's figures (test/fixtures/reconcile/repo/exports/*.expected.json) and on these sites, not the
// engine's output.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { parseExport } from '../../src/core/bills/detect';
import { bundledPriceTable, type PriceTable } from '../../src/core/pricing/priceTable';
import { compareWithBills, relativeError, scaleOf } from '../../src/core/reconcile/compare';
import { ModelMatcher } from '../../src/core/reconcile/models';
import { predictSites } from '../../src/core/reconcile/predict';
import { editsFor, matchFor, proposeUsage, roundCalls } from '../../src/core/reconcile/proposals';
import { unifiedDiff } from '../../src/core/reconcile/lineDiff';
import { buildReport } from '../../src/core/report/build';
import type { CallSite, Report, SiteEstimate } from '../../src/core/types';

const REPO = path.join(__dirname, '../fixtures/reconcile/repo/exports');
const SAMPLES = path.join(__dirname, '../fixtures/reconcile/samples');
const exportOf = (dir: string, name: string) => parseExport(fs.readFileSync(path.join(dir, name), 'utf8'), name);

interface FakeSite {
  readonly line: number;
  readonly fn?: string;
  readonly file?: string;
  readonly provider?: CallSite['provider'];
  readonly model: string;
  readonly calls: number;
  readonly input: number;
  readonly output: number;
  readonly costPerDay?: number | null;
  readonly callsFrom?: 'annotation' | 'team-file';
}

/** A site estimate with the given per-call figures and calls/day; nothing else matters to reconcile. */
function fake(s: FakeSite): SiteEstimate {
  const file = s.file ?? 'app.py';
  const r = (n: number) => ({ min: n, expected: n, max: n });
  const src = { source: 'default' as const, label: 'test' };
  return {
    site: {
      id: `${file}#${s.line}:create`, file, line: s.line, range: { start: { line: s.line - 1, character: 0 }, end: { line: s.line - 1, character: 9 } },
      provider: s.provider ?? 'openai', via: 'sdk', api: 'chat', method: 'create', model: { id: s.model, canonical: s.model, resolution: { kind: 'literal' } },
      stream: false, params: {}, prompt: [], loops: [], confidence: 'high', ...(s.fn ? { enclosingFunction: s.fn } : {}),
      ...(s.callsFrom === 'annotation' ? { annotation: { text: `calls/day=${s.calls}`, line: s.line - 1 } } : {}),
    },
    tokens: { input: r(s.input), output: r(s.output), accuracy: 'estimated', tokenizer: 'test', parts: [], inputSource: src, outputSource: src },
    usage: {
      callsPerDay: { value: s.calls, source: s.callsFrom === 'annotation' ? { source: 'annotation', label: 'tokentier: annotation', file, line: s.line - 1 } : { source: 'team-file', label: '.tokentier/usage.yml', file: '.tokentier/usage.yml', line: 3 } },
      fanOut: { value: 1, source: src }, cacheHitRate: { value: 0, source: src }, batchShare: { value: 0, source: src }, retryRate: { value: 0, source: src },
      profile: 'expected', assumed: false,
    },
    cost: { currency: 'USD', perCall: null, perDay: s.costPerDay === undefined || s.costPerDay === null ? null : r(s.costPerDay), perMonth: null, lines: [], provenance: [] },
  };
}

function report(sites: readonly SiteEstimate[], currency = 'USD'): Report {
  // A report's currency is its sites' (issue #19): the fake sites are priced in the report's currency.
  const inCurrency = sites.map((e) => ({ ...e, cost: { ...e.cost, currency } }));
  return buildReport({ root: '/repo', currency, profile: 'expected', estimates: inCurrency, generatedAt: new Date('2026-12-06T00:00:00Z') });
}

const near = (a: number | undefined, b: number, eps = 1e-9) => assert.ok(a !== undefined && Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} ≈ ${b}`);

// The sites of the repo fixture, with per-call figures chosen to equal the public sample per request:
// gpt-4o-mini 1,500 input and 300 output tokens per request (4,650,000 / 3,100; 930,000 / 3,100), gpt-4o 3,000 and 300.
// Calls: 2,000 + 1,043.333 = 3,043.333 (the sample's (3,100 + 2,980 + 3,050) / 3) and 291.667 ((420 + 455) / 3).
// Cost/day: the sample's average cost (MANIFEST): mini (1.1403 + 1.0965 + 1.12197) / 3 = 1.11959; 4o (3.93 + 4.2655) / 3 = 2.73183.
const OPENAI_SITES = [
  fake({ line: 8, fn: 'label', model: 'gpt-4o-mini', calls: 2000, input: 1500, output: 300, costPerDay: (1.11959 * 2000) / (9130 / 3) }),
  fake({ line: 19, fn: 'summarize', model: 'gpt-4o-mini', calls: 9130 / 3 - 2000, input: 1500, output: 300, costPerDay: 1.11959 - (1.11959 * 2000) / (9130 / 3) }),
  fake({ line: 27, fn: 'draft', model: 'gpt-4o', calls: 875 / 3, input: 3000, output: 300, costPerDay: 8.1955 / 3 }),
];

describe('reconcile: billed against predicted, per model and day (hand arithmetic)', () => {
  let table: PriceTable;
  before(async () => {
    table = await bundledPriceTable();
  });

  it('a bill 1.2 × the prediction: scale ×1.2 on requests, error −16.667 % on calls, input, output and cost', () => {
    const exports = [exportOf(REPO, 'openai_usage_x1.2.json'), exportOf(REPO, 'openai_costs_x1.2.json')];
    const r = compareWithBills({ report: report(OPENAI_SITES), exports, matcher: new ModelMatcher(table) });
    assert.deepEqual(r.periods.map((p) => [p.platform, p.from, p.to, p.days]), [['openai', '2026-09-01', '2026-09-03', 3]]);
    const mini = r.models.find((m) => m.model === 'gpt-4o-mini')!;
    assert.equal(mini.status, 'matched');
    assert.deepEqual(mini.billedAs, ['gpt-4o-mini-2024-07-18']);
    near(mini.billed.calls, (1.2 * (3100 + 2980 + 3050)) / 3);
    near(mini.scale!.factor, 1.2);
    assert.equal(mini.scale!.basis, 'requests');
    for (const k of ['calls', 'input', 'output', 'cost', 'tokens'] as const) near(mini.error[k], 1 / 1.2 - 1, 1e-6);
    // Day 1 alone: predicted 3,043.333 calls vs 3,720 billed.
    near(mini.days[0]!.error.calls, (9130 / 3 - 3720) / 3720);
    const g4o = r.models.find((m) => m.model === 'gpt-4o')!;
    near(g4o.billed.calls, (504 + 546) / 3);
    near(g4o.error.cost, 1 / 1.2 - 1, 1e-6);
    // Day 3: no gpt-4o usage that day, so 0 billed (not "unknown") and no error.
    assert.deepEqual(g4o.days[2], { day: '2026-09-03', billed: { calls: 0, input: 0, cacheRead: 0, cacheWrite: 0, output: 0, cost: 0 }, error: {} });
    const g5 = r.models.find((m) => m.status === 'billed-only')!;
    assert.equal(g5.model, 'gpt-5-mini-2025-08-07');
    near(g5.billed.calls, 720 / 3);
    assert.ok(r.notes.some((n) => n.startsWith('2 sites call gpt-4o-mini: the bill cannot tell which site spent what, so every one of them is scaled by billed ÷ predicted requests = 1.200')));
  });

  it('the platform total compares everything billed (a daily-total export) with every site', () => {
    const r = compareWithBills({ report: report(OPENAI_SITES), exports: [exportOf(SAMPLES, 'openai_costs_daily_total.json')], matcher: new ModelMatcher(table) });
    const p = r.periods[0]!;
    near(p.unattributed.cost ?? undefined, 14.17927 / 3);
    near(p.total.billed.cost ?? undefined, 14.17927 / 3);
    near(p.total.predicted.cost ?? undefined, 1.11959 + 8.1955 / 3);
    near(p.total.error.cost, (1.11959 + 8.1955 / 3 - 14.17927 / 3) / (14.17927 / 3));
    assert.ok(r.models.every((m) => m.status === 'predicted-only'));
  });

  it('days the export lists without usage at either end are left out, and said so', () => {
    const r = compareWithBills({ report: report(OPENAI_SITES), exports: [exportOf(SAMPLES, 'openai_dashboard_completions_usage_2026-09-01_2026-09-04.csv')], matcher: new ModelMatcher(table) });
    assert.equal(r.periods[0]!.days, 3);
    assert.deepEqual(r.periods[0]!.emptyDaysLeftOut, ['2026-09-04']);
    assert.ok(r.notes.some((n) => /2026-09-04 has no usage in the exports and lies outside 2026-09-01 – 2026-09-03: left out/.test(n)));
  });

  it('the same usage in two files is counted once, with a warning; a cost export does not double a usage export', () => {
    const r = compareWithBills({
      report: report(OPENAI_SITES),
      exports: [exportOf(SAMPLES, 'openai_usage_completions_group_by_model.json'), exportOf(SAMPLES, 'openai_dashboard_completions_usage_2026-09-01_2026-09-04.csv'), exportOf(SAMPLES, 'openai_costs_group_by_line_item.json')],
      matcher: new ModelMatcher(table),
    });
    const mini = r.models.find((m) => m.model === 'gpt-4o-mini')!;
    near(mini.billed.calls, (3100 + 2980 + 3050) / 3);
    near(mini.billed.input, (4650000 + 4470000 + 4575000) / 3);
    near(mini.billed.cost ?? undefined, (1.1403 + 1.0965 + 1.12197) / 3);
    assert.equal(r.diagnostics.filter((d) => /already read from openai_usage_completions_group_by_model\.json: not counted twice/.test(d.message)).length, 4);
    assert.ok(!r.diagnostics.some((d) => d.file === 'openai_costs_group_by_line_item.json' && d.severity === 'warning'));
  });

  it('without request counts (Anthropic) the scale is billed ÷ predicted input tokens, and the note says what that assumes', () => {
    const sites = [fake({ line: 8, fn: 'plan', file: 'agents.py', provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', calls: 500, input: 4000, output: 400 }), fake({ line: 17, fn: 'classify', file: 'agents.py', provider: 'anthropic', model: 'claude-haiku-4-5-20251001', calls: 1000, input: 7150, output: 900 })];
    const r = compareWithBills({ report: report(sites), exports: [exportOf(REPO, 'anthropic_console_claude_api_tokens_2026_09_01_to_2026_09_03.csv')], matcher: new ModelMatcher(table) });
    const sonnet = r.models.find((m) => m.model.startsWith('claude-sonnet'))!;
    // Billed 14,800,000 / 3 input tokens a day against 500 × 4,000 = 2,000,000 predicted.
    near(sonnet.scale!.factor, 14800000 / 3 / 2000000);
    assert.equal(sonnet.scale!.basis, 'input-tokens');
    const haiku = r.models.find((m) => m.model.startsWith('claude-haiku'))!;
    near(haiku.scale!.factor, 21450000 / 3 / 7150000);
    near(haiku.error.output, (900000 - 2675000 / 3) / (2675000 / 3));
    assert.equal(haiku.error.calls, undefined);
    assert.ok(r.notes.some((n) => /claude-haiku-4-5-20251001: the bill counts no requests, so calls\/day is scaled by input tokens/.test(n)));
  });

  it('Bedrock: Marketplace names and usage-type names meet the sites’ Bedrock ids; Sonnet billed only', () => {
    const sites = [fake({ line: 8, fn: 'answer', file: 'bedrock_app.py', provider: 'bedrock', model: 'anthropic.claude-haiku-4-5-20251001-v1:0', calls: 2000, input: 1000, output: 300, costPerDay: 5 }), fake({ line: 17, fn: 'tag', file: 'bedrock_app.py', provider: 'bedrock', model: 'us.amazon.nova-lite-v1:0', calls: 1000, input: 13666.6666667, output: 1700, costPerDay: 1.228 })];
    const r = compareWithBills({ report: report(sites), exports: [exportOf(REPO, 'aws_legacy_cur_bedrock_2026-09.csv')], matcher: new ModelMatcher(table) });
    const haiku = r.models.find((m) => m.sites[0]?.file === 'bedrock_app.py' && m.sites[0].line === 8)!;
    near(haiku.billed.input, 11900000 / 3);
    near(haiku.billed.cost ?? undefined, 22.77 / 3);
    near(haiku.error.cost, (5 - 22.77 / 3) / (22.77 / 3));
    const nova = r.models.find((m) => m.sites[0]?.line === 17)!;
    near(nova.scale!.factor, 41000000 / 3 / 13666666.6667, 1e-6);
    near(nova.error.cost, 0, 1e-9);
    assert.deepEqual(r.models.filter((m) => m.status === 'billed-only').map((m) => m.billedAs), [['Claude Sonnet 4.5 → claude-sonnet-4-5']]);
  });

  it('costs in another currency are converted with the price book’s rate, or not compared (and said so)', () => {
    const exports = [exportOf(REPO, 'openai_costs_x1.2.json')];
    const eur = report(OPENAI_SITES, 'EUR');
    const withRate = compareWithBills({ report: eur, exports, matcher: new ModelMatcher(table), usdRate: 0.9 });
    near(withRate.models.find((m) => m.model === 'gpt-4o-mini')!.billed.cost ?? undefined, ((1.1403 + 1.0965 + 1.12197) / 3) * 1.2 * 0.9, 1e-6);
    const without = compareWithBills({ report: eur, exports, matcher: new ModelMatcher(table) });
    assert.equal(without.models.find((m) => m.model === 'gpt-4o-mini')!.billed.cost, undefined);
    assert.ok(without.notes.some((n) => /Costs are not compared: the report is in EUR/.test(n)));
  });

  it('sites on platforms without an export, unknown models and ignored sites are listed as not compared', () => {
    const google = { ...fake({ line: 3, model: 'gemini-2.0-flash', calls: 1, input: 1, output: 1 }), site: { ...fake({ line: 3, model: 'x', calls: 1, input: 1, output: 1 }).site, provider: 'google' as const } };
    const base = fake({ line: 50, model: 'x', calls: 1, input: 1, output: 1 });
    const unknown = { ...base, site: { ...base.site, id: 'app.py#50:create', model: { id: null, canonical: null, resolution: { kind: 'unknown' as const, expression: 'cfg.model' } } } };
    const ignored = { ...base, site: { ...base.site, id: 'app.py#60:create', line: 60, ignored: true } };
    const r = compareWithBills({ report: report([...OPENAI_SITES, google, unknown, ignored, fake({ line: 40, file: 'agents.py', provider: 'anthropic', model: 'claude-haiku-4-5', calls: 1, input: 1, output: 1 })]), exports: [exportOf(REPO, 'openai_usage_x1.2.json')], matcher: new ModelMatcher(table) });
    assert.deepEqual(r.notCompared, [
      { reason: 'no Anthropic export with usage was given', sites: ['agents.py:40'] },
      { reason: 'provider google: no export format is read for it yet', sites: ['app.py:3'] },
      { reason: 'the model is unknown (set it with an annotation or the usage file)', sites: ['app.py:50'] },
      { reason: 'ignored by a tokentier-ignore comment', sites: ['app.py:60'] },
    ]);
  });
});

describe('reconcile: proposals', () => {
  let table: PriceTable;
  before(async () => {
    table = await bundledPriceTable();
  });

  function proposalsFor(sites: readonly SiteEstimate[], multiplier?: number) {
    const matcher = new ModelMatcher(table);
    const exports = [exportOf(REPO, 'openai_usage_x1.2.json')];
    const rep = report(sites);
    const result = compareWithBills({ report: rep, exports, matcher });
    const proposals = proposeUsage(result, predictSites(rep.sites, matcher).predictions, { allSites: rep.sites.map((e) => e.site), ...(multiplier ? { callsMultiplier: multiplier } : {}) });
    return { result, proposals, edits: editsFor(result, proposals, rep.sites.map((e) => e.site)) };
  }

  it('scales every site of a model by the same factor; output unchanged when it already matches; the billed cache share', () => {
    const { proposals, edits } = proposalsFor(OPENAI_SITES);
    const by = (fn: string) => proposals.find((p) => p.match['function'] === fn)!;
    assert.deepEqual(by('label').callsPerDay, { from: 2000, to: 2400 });
    // 1,043.333 × 1.2 = 1,252 (whole calls from 10 up).
    assert.deepEqual(by('summarize').callsPerDay, { from: 1043, to: 1252 });
    assert.deepEqual(by('draft').callsPerDay, { from: 292, to: 350 });
    assert.equal(by('label').outputTokens, undefined);
    // (1,536,000 + 1,472,000 + 1,510,400) / (4,650,000 + 4,470,000 + 4,575,000) = 0.329938 → 0.33.
    assert.deepEqual(by('label').cacheHitRate, { from: 0, to: 0.33 });
    assert.deepEqual(by('draft').cacheHitRate, { from: 0, to: 0.302 });
    assert.deepEqual(edits[0]!.calibrated, { from: '2026-09-01', to: '2026-09-03', source: 'OpenAI Usage API (completions) JSON' });
  });

  it('output tokens per call follow billed output ÷ (predicted output × calls factor), the same for every site of the model', () => {
    // 150 output tokens per call predicted where the bill has 300 per request: every site's output doubles.
    const sites = OPENAI_SITES.map((e) => ({ ...e, tokens: { ...e.tokens, output: { min: 150, expected: 150, max: 150 } } }));
    const { proposals } = proposalsFor(sites);
    for (const p of proposals) assert.deepEqual(p.outputTokens, { from: 150, to: 300 });
  });

  it('a value set by an inline annotation is not proposed for the usage file, and the note says where to change it', () => {
    const sites = [fake({ line: 8, fn: 'label', model: 'gpt-4o-mini', calls: 9130 / 3, input: 1500, output: 300, callsFrom: 'annotation' })];
    const p = proposalsFor(sites).proposals[0]!;
    assert.equal(p.callsPerDay, undefined);
    assert.match(p.notes[0]!, /calls\/day is set by the inline annotation at app\.py:7: change it there to 3652/);
  });

  it('with a profile multiplier the written value gives the wanted figure once multiplied', () => {
    const p = proposalsFor(OPENAI_SITES, 2).proposals.find((x) => x.match['function'] === 'label')!;
    assert.deepEqual(p.callsPerDay, { from: 1000, to: 1200 });
  });

  it('an entry’s match picks out its site alone: file + function, else file + line, else the id', () => {
    const a = fake({ line: 8, fn: 'both', model: 'gpt-4o', calls: 1, input: 1, output: 1 }).site;
    const b = fake({ line: 12, fn: 'both', model: 'gpt-4o', calls: 1, input: 1, output: 1 }).site;
    const c = fake({ line: 30, fn: 'solo', model: 'gpt-4o', calls: 1, input: 1, output: 1 }).site;
    const cell1 = { ...fake({ line: 2, file: 'n.ipynb', model: 'gpt-4o', calls: 1, input: 1, output: 1 }).site, id: 'n.ipynb#2:create#cell1', cell: 1 };
    const cell3 = { ...cell1, id: 'n.ipynb#2:create#cell3', cell: 3 };
    assert.deepEqual(matchFor(c, [a, b, c]), { file: 'app.py', function: 'solo' });
    assert.deepEqual(matchFor(a, [a, b, c]), { file: 'app.py', line: 8 });
    assert.deepEqual(matchFor(cell1, [cell1, cell3]), { id: 'n.ipynb#2:create#cell1' });
  });

  it('rounding and the small helpers', () => {
    assert.equal(roundCalls(1043.333 * 1.2), 1252);
    assert.equal(roundCalls(0.3678), 0.37);
    assert.equal(roundCalls(0.0001), 0.01);
    assert.equal(relativeError(90, 100), -0.1);
    assert.equal(relativeError(5, 0), undefined);
    assert.deepEqual(scaleOf({ calls: 0, input: 10 }, { calls: 5, input: 20 }), { factor: 2, basis: 'input-tokens' });
  });
});

describe('reconcile: unified diff', () => {
  it('shows removed lines before added ones, with line numbers and context', () => {
    const d = unifiedDiff('a\nb\nc\nd\n', 'a\nB\nc\nd\ne\n', 'u.yml', 1);
    assert.equal(d, '--- u.yml\n+++ u.yml (proposed)\n@@ -1,5 +1,6 @@\n a\n-b\n+B\n c\n d\n+e\n \n');
    assert.equal(unifiedDiff('x', 'x', 'u.yml'), '');
  });
});
