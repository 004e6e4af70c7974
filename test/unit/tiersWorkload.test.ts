import * as assert from 'node:assert/strict';
import type { SelfHostModel } from '../../src/core/tiers/types';
import type { PriceLine, Provider, SiteEstimate } from '../../src/core/types';
import { buildWorkload, applyEdits, placeholderWorkload, siteRequestsPerDay, suggestSelfHostModel, weightedQuantile } from '../../src/core/tiers/workload';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const src = { source: 'default', label: 'test' } as const;

interface SiteSpec {
  id: string;
  provider?: Provider;
  model: string | null;
  callsPerDay: number;
  fanOut?: number;
  retryRate?: number;
  input: [min: number, expected: number, max: number];
  output: [min: number, expected: number, max: number];
  reasoning?: [min: number, expected: number, max: number];
  /** The call's max_tokens. */
  maxTokens?: number;
  perCall: number | null;
  lines?: [PriceLine['dimension'], number][];
  currency?: string;
  ignored?: boolean;
  assumed?: boolean;
}

/** A minimal SiteEstimate with only the fields the aggregation reads filled meaningfully. */
function site(s: SiteSpec): SiteEstimate {
  const r = (min: number, expected: number, max: number) => ({ min, expected, max });
  return {
    site: {
      id: s.id,
      file: 'app.py',
      range,
      line: 1,
      provider: s.provider ?? 'openai',
      via: 'sdk',
      api: 'chat',
      method: 'chat.completions.create',
      model: { id: s.model, canonical: s.model, resolution: { kind: 'literal' } },
      stream: false,
      params: s.maxTokens !== undefined ? { maxTokens: s.maxTokens } : {},
      prompt: [],
      loops: [],
      confidence: 'high',
      ...(s.ignored ? { ignored: true } : {}),
    },
    tokens: {
      input: r(...s.input),
      output: r(...s.output),
      ...(s.reasoning ? { reasoning: r(...s.reasoning) } : {}),
      accuracy: 'estimated',
      tokenizer: 'o200k_base',
      parts: [],
      inputSource: src,
      outputSource: src,
    },
    usage: {
      callsPerDay: { value: s.callsPerDay, source: src },
      fanOut: { value: s.fanOut ?? 1, source: src },
      cacheHitRate: { value: 0, source: src },
      batchShare: { value: 0, source: src },
      retryRate: { value: s.retryRate ?? 0, source: src },
      profile: 'expected',
      assumed: s.assumed ?? false,
    },
    cost: {
      currency: s.currency ?? 'USD',
      perCall: s.perCall === null ? null : r(s.perCall, s.perCall, s.perCall),
      perDay: null,
      perMonth: null,
      lines: (s.lines ?? []).map(([dimension, amount]) => ({ dimension, units: 1, rate: amount, amount, source: src })),
      provenance: [{ source: 'bundled', label: 'genai-prices 0.1.8', date: '2026-09-23' }],
    },
  };
}

// Three counted sites and one ignored one. Expected values below are worked out by hand in the comments. A's and B's
// ranges have expected at the midpoint, so each site's tokens per request are uniform on [min, max]; D's are points.
const A = site({ id: 'a', model: 'gpt-4o-mini', callsPerDay: 1000, fanOut: 2, retryRate: 0.1, input: [100, 500, 900], output: [50, 100, 150], reasoning: [0, 50, 100], perCall: 0.001, lines: [['input', 0.0006], ['output', 0.0004]] });
const B = site({ id: 'b', provider: 'anthropic', model: 'claude-3-5-haiku', callsPerDay: 800, input: [1000, 2000, 3000], output: [0, 400, 800], perCall: 0.004, lines: [['input', 0.001], ['output', 0.002], ['request', 0.001]] });
const C = site({ id: 'c', model: 'gpt-4o', callsPerDay: 1e6, input: [1e6, 1e6, 1e6], output: [1e6, 1e6, 1e6], perCall: 100, ignored: true });
const D = site({ id: 'd', model: null, callsPerDay: 1000, input: [1000, 1000, 1000], output: [100, 100, 100], perCall: null, assumed: true });

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('tiers: workload aggregation for the Tier Advisor', () => {
  it('counts calls/day × fan-out × (1 + retries) per site', () => {
    close(siteRequestsPerDay(A), 1000 * 2 * 1.1, 'A'); // 2,200
    assert.equal(siteRequestsPerDay(site({ id: 'z', model: 'x', callsPerDay: Number.NaN, input: [1, 1, 1], output: [1, 1, 1], perCall: null })), 0);
  });

  it('aggregates sites by hand-computed request weights', () => {
    const r = buildWorkload([A, B, C, D], { label: 'Workspace', selfHostModelId: 'llama-3.1-8b' });
    assert.equal(r.sites, 3, 'the ignored site is left out');
    assert.equal(r.pricedSites, 2);
    const w = r.workload!;
    // Requests: 2,200 + 800 + 1,000 = 4,000.
    close(w.requestsPerDay, 4000, 'requests/day');
    // Input: (2200·500 + 800·2000 + 1000·1000) / 4000 = 3,700,000 / 4000 = 925.
    close(w.inputTokens, 925, 'input tokens');
    // Output incl. reasoning: (2200·150 + 800·400 + 1000·100) / 4000 = 750,000 / 4000 = 187.5.
    close(w.outputTokens, 187.5, 'output tokens');
    // Input p95 over the request mix: from 1,000 on, A (2,200, all ≤ 900) and D (1,000, at 1,000) are counted, and
    // B adds 800·(x − 1000)/2000. 3,200 + 0.4·(x − 1000) = 0.95·4000 = 3,800 → x = 2,500.
    close(w.inputTokensP95!, 2500, 'input p95');
    // The old rule, the weighted 95 % quantile of maxima (900 at 55 %, 1,000 at 80 %, 3,000 at 100 %), gave 3,000.
    assert.equal(weightedQuantile([900, 3000, 1000], [2200, 800, 1000], 0.95), 3000);
    // Output + reasoning: A uniform on [50, 250], D the point 100, B uniform on [0, 800]. From 250 on, A and D are
    // counted (3,200) and B adds 800·x/800 = x: 3,200 + x = 3,800 → x = 600 (the old rule: 800).
    close(w.outputTokensP95!, 600, 'output p95');
    // API: priced A and B: (2200·0.001 + 800·0.004) / 3000 = 5.4 / 3000 = 0.0018 USD per request.
    close(w.api!.costPerRequestUsd, 0.0018, 'API cost per request');
    assert.equal(w.api!.provider, 'openai', 'the model with most requests');
    assert.equal(w.api!.model, 'gpt-4o-mini');
    assert.equal(w.api!.costPerMonthUsd, undefined, 'left to scale with the edited volume');
    assert.equal(w.selfHostModelId, 'llama-3.1-8b');
    assert.equal(w.label, 'Workspace');
    // Split by price lines: input (2200·0.0006 + 800·0.001)/3000, output (2200·0.0004 + 800·0.002)/3000, other 800·0.001/3000.
    close(r.apiCostSplit!.input, 2.12 / 3000, 'input share');
    close(r.apiCostSplit!.output, 2.48 / 3000, 'output share');
    close(r.apiCostSplit!.other, 0.8 / 3000, 'other share');
    assert.ok(r.messages.some((m) => m.includes('1 of 3')), `unpriced sites are reported: ${r.messages.join(' | ')}`);
    assert.ok(r.messages.some((m) => m.includes('2 models')), 'mixed models are reported');
    assert.match(r.notes.requestsPerDay, /1 site\(s\) use the default calls\/day/);
  });

  it('takes the p95 over the request mix, not the per-site worst case (demo input 200 / 400 / 4,000)', () => {
    const demo = site({ id: 'demo', model: 'gpt-4o-mini', callsPerDay: 500, input: [200, 400, 4000], output: [50, 300, 4096], perCall: 0.001 });
    const w = buildWorkload([demo], { label: 'w', selfHostModelId: 'm' }).workload!;
    close(w.inputTokens, 400, 'input mean');
    // Mean 200 above min on a width of 3,800: an exponential of mean 200 (truncation at 19 means is negligible),
    // p95 = 200 + 200·ln 20 = 799.15 (was the maximum, 4,000).
    assert.ok(Math.abs(w.inputTokensP95! - 799.146) < 0.001, `input p95 ${w.inputTokensP95}`);
    // Output: 50 + 250·ln 20 = 798.93 (was 4,096).
    assert.ok(Math.abs(w.outputTokensP95! - 798.934) < 0.001, `output p95 ${w.outputTokensP95}`);
    const r = buildWorkload([demo], { label: 'w', selfHostModelId: 'm' });
    assert.match(r.notes.inputTokens, /95th percentile of input tokens per request over the request mix/);
    assert.doesNotMatch(r.notes.inputTokens, /maxima/);
    assert.match(r.notes.outputTokens, /output \+ reasoning/);
  });

  it('treats reasoning as part of the output range', () => {
    // Output 0 / 100 / 200 plus reasoning 0 / 100 / 200 is one range 0 / 200 / 400: uniform, p95 = 380.
    const s = site({ id: 'r', model: 'o4-mini', callsPerDay: 10, input: [10, 10, 10], output: [0, 100, 200], reasoning: [0, 100, 200], perCall: null });
    const w = buildWorkload([s], { label: 'w', selfHostModelId: 'm' }).workload!;
    close(w.outputTokens, 200, 'output mean');
    close(w.outputTokensP95!, 380, 'output p95');
  });

  it('caps output + reasoning together at max_tokens (the limit covers both), not each on its own', () => {
    // Each range is within max_tokens 250 on its own, but together they would reach 400: the server stops at 250.
    const s = site({ id: 'r', model: 'o4-mini', callsPerDay: 10, input: [10, 10, 10], output: [0, 100, 200], reasoning: [0, 100, 200], maxTokens: 250, perCall: null });
    const w = buildWorkload([s], { label: 'w', selfHostModelId: 'm' }).workload!;
    close(w.outputTokens, 200, 'output mean (200 is under the cap)');
    assert.ok(w.outputTokensP95! <= 250, `p95 ${w.outputTokensP95} is above max_tokens`);
    assert.ok(w.outputTokensP95! > 200, `p95 ${w.outputTokensP95}`);
  });

  it('counts every site once when no site has requests', () => {
    const lo = site({ id: 'l', model: 'x', callsPerDay: 0, input: [100, 100, 100], output: [0, 50, 100], perCall: null });
    const hi = site({ id: 'h', model: 'x', callsPerDay: 0, input: [300, 300, 300], output: [10, 10, 10], perCall: null });
    const w = buildWorkload([lo, hi], { label: 'w', selfHostModelId: 'm' }).workload!;
    close(w.inputTokens, 200, 'plain mean');
    assert.equal(w.inputTokensP95, 300, 'half the mass at 300 covers the 95 % point');
    // Output: half at 10, half uniform on [0, 100]: 0.5 + 0.5·x/100 = 0.95 → x = 90.
    close(w.outputTokensP95!, 90, 'output p95');
  });

  it('never yields NaN from non-finite token ranges, and says what it left out', () => {
    const ok = site({ id: 'ok', model: 'x', callsPerDay: 100, input: [0, 500, 1000], output: [10, 10, 10], perCall: null });
    const nan = site({ id: 'nan', model: 'x', callsPerDay: 100, input: [Number.NaN, Number.NaN, Number.NaN], output: [10, 10, 10], perCall: null });
    const inf = site({ id: 'inf', model: 'x', callsPerDay: 100, input: [0, 500, Number.POSITIVE_INFINITY], output: [10, Number.NaN, 30], perCall: null });
    const r = buildWorkload([ok, nan, inf], { label: 'w', selfHostModelId: 'm' });
    const w = r.workload!;
    for (const v of [w.inputTokens, w.inputTokensP95!, w.outputTokens, w.outputTokensP95!]) assert.ok(Number.isFinite(v), JSON.stringify(w));
    // The NaN site is left out; `inf` becomes the point 0 / 500 / 500 → 500; `ok` is uniform on [0, 1000]:
    // mean (500 + 500)/2 = 500; p95: 0.5 (the point at 500) + 0.5·x/1000 = 0.95 → x = 900.
    close(w.inputTokens, 500, 'input mean');
    close(w.inputTokensP95!, 900, 'input p95');
    // Output: `inf`'s NaN expected becomes the midpoint of 10 and 30: uniform, mean 20; with the two points at 10,
    // the mean is 40/3 and 95 % needs x on [10, 30] with 2/3 + (x − 10)/60 = 0.95 → x = 27.
    close(w.outputTokens, 40 / 3, 'output mean');
    close(w.outputTokensP95!, 27, 'output p95');
    assert.ok(r.messages.some((m) => m.startsWith('1 site(s) have no finite token estimate')), r.messages.join(' | '));
    assert.ok(r.messages.some((m) => m.startsWith('1 site(s) have a token range that is not a finite')), r.messages.join(' | '));

    const none = buildWorkload([nan], { label: 'w', selfHostModelId: 'm' }).workload!;
    assert.equal(none.inputTokens, 0, 'no finite input anywhere: 0, with the message, rather than NaN');
    assert.equal(none.inputTokensP95, undefined);
    close(none.outputTokensP95!, 10, 'the output range is fine');
  });

  it('returns no workload for a scope without sites', () => {
    const r = buildWorkload([C], { label: 'x.py', selfHostModelId: 'llama-3.1-8b' });
    assert.equal(r.workload, null);
    assert.equal(r.sites, 0);
    assert.equal(r.messages.length, 1);
  });

  it('leaves the API tier out when no site has a USD price', () => {
    const eur = site({ id: 'e', model: 'mistral-large', callsPerDay: 10, input: [10, 10, 10], output: [10, 10, 10], perCall: 0.01, currency: 'EUR' });
    const r = buildWorkload([eur, D], { label: 'w', selfHostModelId: 'm' });
    assert.equal(r.workload!.api, undefined);
    assert.equal(r.apiCostSplit, undefined);
    assert.ok(r.messages.some((m) => m.includes('another currency')));
    assert.ok(r.messages.some((m) => m.includes('hosted API tier is n/a')), `no "average of the priced ones" when none is priced: ${r.messages.join(' | ')}`);
  });

  it('treats a cost without price lines as a fixed per-request charge', () => {
    const s = site({ id: 's', model: 'gpt-4o-mini', callsPerDay: 10, input: [100, 100, 100], output: [10, 10, 10], perCall: 0.002 });
    const r = buildWorkload([s], { label: 'w', selfHostModelId: 'm' });
    assert.deepEqual(r.apiCostSplit, { input: 0, output: 0, other: 0.002 });
  });

  it('keeps untrusted model ids as they are (they are data, not markup)', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const r = buildWorkload([site({ id: 'h', model: evil, callsPerDay: 1, input: [1, 1, 1], output: [1, 1, 1], perCall: 0.1 })], { label: evil, selfHostModelId: 'm' });
    assert.equal(r.workload!.api!.model, evil);
    assert.equal(r.workload!.label, evil);
  });
});

describe('tiers: weighted quantile', () => {
  it('is the smallest value whose cumulative weight reaches q', () => {
    assert.equal(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 1], 0.5), 2);
    assert.equal(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 1], 0.51), 3);
    assert.equal(weightedQuantile([10, 1], [0, 5], 0.95), 1, 'zero-weight values never win');
    assert.equal(weightedQuantile([5, 7], [0, 0], 0.95), 7, 'all-zero weights: every value counts once');
    assert.equal(weightedQuantile([], [], 0.95), 0);
  });
});

describe('tiers: applying edits', () => {
  const base = buildWorkload([A, B, C, D], { label: 'Workspace', selfHostModelId: 'llama-3.1-8b' });
  const w = base.workload!;

  it('overrides volume, targets and model; null clears a target', () => {
    const e = applyEdits({ ...w, e2eTargetMs: 3000 }, { requestsPerDay: 50, ttftTargetMs: 400, e2eTargetMs: null, selfHostModelId: 'qwen3-8b' });
    assert.equal(e.requestsPerDay, 50);
    assert.equal(e.ttftTargetMs, 400);
    assert.equal('e2eTargetMs' in e, false);
    assert.equal(e.selfHostModelId, 'qwen3-8b');
    assert.equal(e.api!.costPerRequestUsd, w.api!.costPerRequestUsd, 'volume does not change the per-request price');
  });

  it('rescales the API price and p95 when tokens per request change', () => {
    const e = applyEdits(w, { inputTokens: 1850 }, base.apiCostSplit);
    // Input doubled (925 → 1850): 2·(2.12/3000) + 2.48/3000 + 0.8/3000 = 7.52/3000.
    close(e.api!.costPerRequestUsd, 7.52 / 3000, 'API cost per request');
    // p95 keeps its ratio to the expected size: 2500/925 · 1850 = 5000.
    close(e.inputTokensP95!, 5000, 'input p95');
    close(e.outputTokensP95!, 600, 'output p95 untouched');
  });

  it('changes nothing with empty edits', () => {
    assert.deepEqual(applyEdits(w, {}, base.apiCostSplit), w);
  });
});

describe('tiers: self-hosted model suggestion', () => {
  const m = (id: string, active: number, moe = false): SelfHostModel => ({
    id, name: id, totalParamsB: moe ? active * 20 : active, activeParamsB: active, layers: 32, attentionHeads: 32, kvHeads: 8, headDim: 128, contextLength: 131072, licence: 'x', moe, source: { label: 't' },
  });
  const models = [m('llama-3.1-8b', 8), m('llama-3.1-70b', 70), m('gpt-oss-120b', 5.1, true), m('qwen2.5-7b', 7.6)];

  it('picks the same open-weight model when the API serves one', () => {
    assert.equal(suggestSelfHostModel('meta-llama/Llama-3.1-70B-Instruct', models), 'llama-3.1-70b');
    assert.equal(suggestSelfHostModel('openai/gpt-oss-120b', models), 'gpt-oss-120b');
  });

  it('picks a dense model near 8B for small API models and near 70B otherwise', () => {
    assert.equal(suggestSelfHostModel('gpt-4o-mini', models), 'llama-3.1-8b');
    assert.equal(suggestSelfHostModel('claude-3-5-haiku', models), 'llama-3.1-8b');
    assert.equal(suggestSelfHostModel('gpt-4.1', models), 'llama-3.1-70b');
    assert.equal(suggestSelfHostModel(null, models), 'llama-3.1-70b');
    assert.equal(suggestSelfHostModel('gpt-4o', []), undefined);
  });

  it('gives a placeholder workload for empty scopes', () => {
    assert.deepEqual(placeholderWorkload('llama-3.1-8b', 'x'), { label: 'x', requestsPerDay: 1000, inputTokens: 1000, outputTokens: 300, selfHostModelId: 'llama-3.1-8b' });
  });
});
