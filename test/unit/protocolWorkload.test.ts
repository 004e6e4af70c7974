import * as assert from 'node:assert/strict';
import type { SelfHostModel } from '../../src/core/tiers/types';
import type { PriceLine, Provider, SiteEstimate } from '../../src/core/types';
import { aggregateWorkload, applyEdits, placeholderWorkload, siteRequestsPerDay, suggestSelfHostModel, weightedQuantile } from '../../src/protocol/advisorWorkload';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const src = { source: 'default', label: 'test' } as const;

interface SiteSpec {
  id: string;
  provider?: Provider;
  model: string | null;
  callsPerDay: number;
  fanOut?: number;
  retryRate?: number;
  input: [expected: number, max: number];
  output: [expected: number, max: number];
  reasoning?: [expected: number, max: number];
  perCall: number | null;
  lines?: [PriceLine['dimension'], number][];
  currency?: string;
  ignored?: boolean;
  assumed?: boolean;
}

/** A minimal SiteEstimate with only the fields the aggregation reads filled meaningfully. */
function site(s: SiteSpec): SiteEstimate {
  const r = (e: number, m: number) => ({ min: e, expected: e, max: m });
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
      params: {},
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
      perCall: s.perCall === null ? null : r(s.perCall, s.perCall),
      perDay: null,
      perMonth: null,
      lines: (s.lines ?? []).map(([dimension, amount]) => ({ dimension, units: 1, rate: amount, amount, source: src })),
      provenance: [{ source: 'bundled', label: 'genai-prices 0.1.8', date: '2026-09-23' }],
    },
  };
}

// Three counted sites and one ignored one. Expected values below are worked out by hand in the comments.
const A = site({ id: 'a', model: 'gpt-4o-mini', callsPerDay: 1000, fanOut: 2, retryRate: 0.1, input: [500, 900], output: [100, 200], reasoning: [50, 100], perCall: 0.001, lines: [['input', 0.0006], ['output', 0.0004]] });
const B = site({ id: 'b', provider: 'anthropic', model: 'claude-3-5-haiku', callsPerDay: 800, input: [2000, 3000], output: [400, 800], perCall: 0.004, lines: [['input', 0.001], ['output', 0.002], ['request', 0.001]] });
const C = site({ id: 'c', model: 'gpt-4o', callsPerDay: 1e6, input: [1e6, 1e6], output: [1e6, 1e6], perCall: 100, ignored: true });
const D = site({ id: 'd', model: null, callsPerDay: 1000, input: [1000, 1000], output: [100, 100], perCall: null, assumed: true });

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('protocol: workload aggregation for the Tier Advisor', () => {
  it('counts calls/day × fan-out × (1 + retries) per site', () => {
    close(siteRequestsPerDay(A), 1000 * 2 * 1.1, 'A'); // 2,200
    assert.equal(siteRequestsPerDay(site({ id: 'z', model: 'x', callsPerDay: Number.NaN, input: [1, 1], output: [1, 1], perCall: null })), 0);
  });

  it('aggregates sites by hand-computed request weights', () => {
    const r = aggregateWorkload([A, B, C, D], 'llama-3.1-8b', 'Workspace');
    assert.equal(r.sites, 3, 'the ignored site is left out');
    assert.equal(r.pricedSites, 2);
    const w = r.workload!;
    // Requests: 2,200 + 800 + 1,000 = 4,000.
    close(w.requestsPerDay, 4000, 'requests/day');
    // Input: (2200·500 + 800·2000 + 1000·1000) / 4000 = 3,700,000 / 4000 = 925.
    close(w.inputTokens, 925, 'input tokens');
    // Output incl. reasoning: (2200·150 + 800·400 + 1000·100) / 4000 = 750,000 / 4000 = 187.5.
    close(w.outputTokens, 187.5, 'output tokens');
    // p95 of per-site maxima, weighted: 900 (55 %), 1000 (80 %), 3000 (100 %) → 3000 is where 95 % is reached.
    assert.equal(w.inputTokensP95, 3000);
    // Output maxima: 100 (25 %), 300 (80 %), 800 (100 %) → 800.
    assert.equal(w.outputTokensP95, 800);
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

  it('returns no workload for a scope without sites', () => {
    const r = aggregateWorkload([C], 'llama-3.1-8b', 'x.py');
    assert.equal(r.workload, null);
    assert.equal(r.sites, 0);
    assert.equal(r.messages.length, 1);
  });

  it('leaves the API tier out when no site has a USD price', () => {
    const eur = site({ id: 'e', model: 'mistral-large', callsPerDay: 10, input: [10, 10], output: [10, 10], perCall: 0.01, currency: 'EUR' });
    const r = aggregateWorkload([eur, D], 'm', 'w');
    assert.equal(r.workload!.api, undefined);
    assert.equal(r.apiCostSplit, undefined);
    assert.ok(r.messages.some((m) => m.includes('another currency')));
    assert.ok(r.messages.some((m) => m.includes('hosted API tier is n/a')), `no "average of the priced ones" when none is priced: ${r.messages.join(' | ')}`);
  });

  it('treats a cost without price lines as a fixed per-request charge', () => {
    const s = site({ id: 's', model: 'gpt-4o-mini', callsPerDay: 10, input: [100, 100], output: [10, 10], perCall: 0.002 });
    const r = aggregateWorkload([s], 'm', 'w');
    assert.deepEqual(r.apiCostSplit, { input: 0, output: 0, other: 0.002 });
  });

  it('keeps untrusted model ids as they are (they are data, not markup)', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const r = aggregateWorkload([site({ id: 'h', model: evil, callsPerDay: 1, input: [1, 1], output: [1, 1], perCall: 0.1 })], 'm', evil);
    assert.equal(r.workload!.api!.model, evil);
    assert.equal(r.workload!.label, evil);
  });
});

describe('protocol: weighted quantile', () => {
  it('is the smallest value whose cumulative weight reaches q', () => {
    assert.equal(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 1], 0.5), 2);
    assert.equal(weightedQuantile([1, 2, 3, 4], [1, 1, 1, 1], 0.51), 3);
    assert.equal(weightedQuantile([10, 1], [0, 5], 0.95), 1, 'zero-weight values never win');
    assert.equal(weightedQuantile([5, 7], [0, 0], 0.95), 7, 'all-zero weights: every value counts once');
    assert.equal(weightedQuantile([], [], 0.95), 0);
  });
});

describe('protocol: applying edits', () => {
  const base = aggregateWorkload([A, B, C, D], 'llama-3.1-8b', 'Workspace');
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
    // p95 keeps its ratio to the expected size: 3000/925 · 1850 = 6000.
    close(e.inputTokensP95!, 6000, 'input p95');
    assert.equal(e.outputTokensP95, 800, 'output p95 untouched');
  });

  it('changes nothing with empty edits', () => {
    assert.deepEqual(applyEdits(w, {}, base.apiCostSplit), w);
  });
});

describe('protocol: self-hosted model suggestion', () => {
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
