import { strict as assert } from 'node:assert';
import { apiLatencyFor, apiModelKey } from '../../src/core/tiers/catalogue';
import { compareTiers } from '../../src/core/tiers/compare';
import { tierNumberTooltip } from '../../src/core/tiers/present';
import supplement from '../../src/core/tiers/data/apiLatencySupplement.json';
import type { Workload } from '../../src/core/tiers/types';

const apiWorkload = (provider: string, model: string): Workload => ({
  requestsPerDay: 1000,
  inputTokens: 500,
  outputTokens: 200,
  outputTokensP95: 400,
  selfHostModelId: 'llama-3.1-8b',
  api: { provider, model, costPerRequestUsd: 0.001, source: { label: 'test price' } },
});

describe('tiers: API latency matching rule', () => {
  it('model keys drop owner paths, qualifiers, dated snapshots, -latest and Bedrock prefixes, and nothing else', () => {
    assert.equal(apiModelKey('gpt-4o-mini-2024-07-18'), 'gpt4omini');
    assert.equal(apiModelKey("GPT-4o (May '24)"), 'gpt4o');
    // A reasoning-effort variant is not the model at its default effort (its first token comes much sooner).
    assert.notEqual(apiModelKey('openai/gpt-oss-120b'), apiModelKey('gpt-oss-120B (low)'));
    assert.notEqual(apiModelKey('gpt-5'), apiModelKey('GPT-5 (minimal reasoning)'));
    assert.equal(apiModelKey('openai/gpt-oss-120b'), apiModelKey('gpt-oss-120B'));
    assert.equal(apiModelKey('claude-3-5-haiku-latest'), 'claude35haiku');
    assert.equal(apiModelKey('claude-3-5-haiku@20241022'), 'claude35haiku');
    assert.equal(apiModelKey('anthropic.claude-3-5-haiku-20241022-v1:0'), 'claude35haiku');
    assert.equal(apiModelKey('claude-sonnet-4-5-20250929'), apiModelKey('Claude Sonnet 4.5'));
    // Model versions that are not dates stay part of the name.
    assert.equal(apiModelKey('mistral-large-2407'), 'mistrallarge2407');
    assert.notEqual(apiModelKey('gpt-4o'), apiModelKey('gpt-4o-mini'));
    assert.notEqual(apiModelKey('gpt-4.1'), apiModelKey('gpt-4.1-mini'));
  });

  it('gpt-4o-mini never gets a GPT-4o figure, and gpt-4o never gets a gpt-4o-mini figure', () => {
    const mini = apiLatencyFor('openai', 'gpt-4o-mini');
    assert.ok(mini.length > 0, 'a sourced gpt-4o-mini record exists');
    for (const r of mini) assert.equal(apiModelKey(r.model), 'gpt4omini', `${r.model} is not gpt-4o-mini`);
    const full = apiLatencyFor('openai', 'gpt-4o');
    assert.ok(full.some((r) => r.model === "GPT-4o (May '24)"));
    for (const r of full) assert.equal(apiModelKey(r.model), 'gpt4o', `${r.model} is not gpt-4o`);
    for (const r of apiLatencyFor('openai', 'gpt-4.1')) assert.ok(!/mini/i.test(r.model), `${r.model} matched gpt-4.1`);
  });

  it('a dated snapshot id finds the records of its model', () => {
    const plain = apiLatencyFor('openai', 'gpt-4o-mini');
    assert.deepEqual(apiLatencyFor('openai', 'gpt-4o-mini-2024-07-18'), plain);
    assert.deepEqual(apiLatencyFor('OpenAI', 'openai/gpt-4o-mini'), plain);
  });

  it("provider ids of the cost engine find the sources' provider names, and only those", () => {
    assert.ok(apiLatencyFor('azure-openai', 'gpt-4.1-mini').every((r) => r.provider === 'Microsoft Azure'));
    assert.equal(apiLatencyFor('azure-openai', 'gpt-4.1-mini').length, 1);
    const bedrock = apiLatencyFor('bedrock', 'anthropic.claude-3-5-haiku-20241022-v1:0').map((r) => r.provider);
    assert.ok(bedrock.includes('Amazon Bedrock (latency optimized)') && bedrock.every((p) => p.startsWith('Amazon Bedrock')), bedrock.join());
    assert.ok(apiLatencyFor('openai', 'gpt-4.1-mini').every((r) => r.provider === 'OpenAI'));
    assert.equal(apiLatencyFor('openai', '').length, 0);
  });

  it('primary sources come before secondary ones', () => {
    const q = apiLatencyFor('openai', 'gpt-4o').map((r) => r.source.quality);
    assert.ok(q.includes('secondary') && q.includes('primary'));
    assert.ok(q.lastIndexOf('primary') < q.indexOf('secondary'), q.join());
  });
});

describe('tiers: API tier latency from the records', () => {
  it('gpt-4o-mini: TTFT, tokens/s and end-to-end from the llm-speed-benchmark medians (hand calculation)', () => {
    const a = compareTiers(apiWorkload('openai', 'gpt-4o-mini')).tiers.api.best;
    assert.ok(a);
    assert.equal(a.ttftMs.value, 550);
    assert.equal(a.tokensPerSecPerRequest.value, 56.56);
    // 550 ms + 400 p95 output tokens ÷ 56.56 tokens/s = 550 + 7072.1 = 7622.1 ms.
    assert.ok(Math.abs((a.e2eLatencyMs.value ?? NaN) - (550 + (400 / 56.56) * 1000)) < 1e-6);
    assert.ok(a.ttftMs.sources.some((s) => (s.ref ?? '').includes('coder543/llm-speed-benchmark')));
    assert.ok(a.notes.some((n) => n.includes('gpt-4o-mini') && n.includes('primary')));
  });

  it('a model with no sourced figure shows "n/a — no source" instead of a number', () => {
    const a = compareTiers(apiWorkload('google', 'gemini-2.0-flash')).tiers.api.best;
    assert.ok(a);
    for (const n of [a.ttftMs, a.tokensPerSecPerRequest, a.e2eLatencyMs]) {
      assert.equal(n.value, null);
      assert.match(n.why ?? '', /^no source/);
      assert.match(tierNumberTooltip(n), /^n\/a — no source: /);
      assert.ok(!tierNumberTooltip(n).includes('n/a — n/a'));
    }
  });

  it('a record with only one figure fills that one and leaves the other n/a — no source', () => {
    const a = compareTiers(apiWorkload('anthropic', 'claude-3-5-haiku-latest')).tiers.api.best;
    assert.ok(a);
    assert.equal(a.tokensPerSecPerRequest.value, 68);
    assert.equal(a.ttftMs.value, null);
    assert.match(a.ttftMs.why ?? '', /^no source/);
    assert.equal(a.e2eLatencyMs.value, null);
  });
});

describe('tiers: added API latency records are sourced', () => {
  it('every record names provider, model, statistic, workload, date, quality and a source, and has a figure', () => {
    assert.ok(supplement.records.length > 0);
    for (const r of supplement.records) {
      const what = `${r.provider} ${r.model}`;
      assert.ok(r.provider && r.model && r.statistic && r.workload, what);
      assert.ok(r.source.ref && r.source.date && r.source.label, what);
      assert.ok(['primary', 'secondary', 'tertiary'].includes(r.source.quality), what);
      assert.ok(r.ttftS !== null || r.outputTokensPerSec !== null, `${what}: no figure`);
      for (const v of [r.ttftS, r.outputTokensPerSec]) assert.ok(v === null || (Number.isFinite(v) && v > 0), what);
    }
  });
});
