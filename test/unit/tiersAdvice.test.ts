import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareTiers } from '../../src/core/tiers/compare';
import { rateLimitCheck } from '../../src/core/tiers/rateLimits';
import { qualityCaveat } from '../../src/core/tiers/recommend';
import { bundledTtftRows, calibrateTtft, ttftRowsFromCsv } from '../../src/core/tiers/ttftCalibration';
import { DEFAULT_EFFICIENCY } from '../../src/core/tiers/defaults';
import { SERVER_OVERHEAD_MS } from '../../src/core/tiers/sizing';
import { hostedEnergyPerRequest } from '../../src/core/models/energy';
import type { Workload } from '../../src/core/tiers/types';

function close(actual: number | null | undefined, expected: number, relTol: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined && Number.isFinite(actual), `${what}: got ${String(actual)}`);
  assert.ok(Math.abs(actual - expected) <= relTol * Math.abs(expected), `${what}: expected ${expected}, got ${actual}`);
}

const demo: Workload = {
  requestsPerDay: 11580,
  inputTokens: 159.84,
  outputTokens: 127.5,
  inputTokensP95: 517.09,
  outputTokensP95: 373.47,
  selfHostModelId: 'llama-3.1-8b',
  api: { provider: 'openai', model: 'gpt-4o-mini', costPerRequestUsd: 0.000297795, source: { label: 'test' } },
};

describe('tiers: rate-limit tier the workload needs (data/rateLimits.json)', () => {
  it('gpt-4o-mini at the demo volume needs OpenAI usage Tier 2: Tier 1 allows 10,000 requests/day', () => {
    // Peak 11,580 × 3 / 1,440 = 24.1 requests/min, 24.1 × 287 = 6,934 tokens/min: within Tier 1's 500 RPM and
    // 200,000 TPM, but 11,580 requests/day > Tier 1's 10,000 RPD. Tier 2: 5,000 RPM, 2,000,000 TPM, no daily cap;
    // spend $105/month < its $500 cap.
    const r = rateLimitCheck('openai', 'gpt-4o-mini-2024-07-18', { requestsPerMinute: 24.125, inputTokensPerMinute: 3856, outputTokensPerMinute: 3076, requestsPerDay: 11580, monthlyCostUsd: 105 });
    assert.equal(r.status, 'ok');
    assert.equal(r.requiredTier, 'Tier 2');
    assert.equal(r.tiers?.[0]?.binding, 'RPD 10,000 < 11,580');
    assert.match(r.note, /^needs OpenAI usage Tier 2 \(\$50 paid and 7\+ days since first successful payment\)/);
    assert.ok(r.sources.length > 0 && r.asOf);
  });

  it('a monthly spend above a tier’s cap needs a higher tier (gpt-4o, $304/month > Tier 1’s $100)', () => {
    const r = rateLimitCheck('openai', 'gpt-4o', { requestsPerMinute: 2.08, inputTokensPerMinute: 2083, outputTokensPerMinute: 417, requestsPerDay: 1000, monthlyCostUsd: 304.17 });
    assert.equal(r.requiredTier, 'Tier 2');
    assert.equal(r.tiers?.[0]?.binding, 'monthly spend cap $100 < $304');
  });

  it('Anthropic counts input and output tokens apart (Claude 3.5 Haiku, mid-2025 tiers)', () => {
    // Tier 1: 50 RPM, 50,000 input TPM, 10,000 output TPM. 40 RPM × 300 output = 12,000 OTPM > 10,000 → Tier 2.
    const r = rateLimitCheck('anthropic', 'claude-3-5-haiku-20241022', { requestsPerMinute: 40, inputTokensPerMinute: 20000, outputTokensPerMinute: 12000, requestsPerDay: 20000, monthlyCostUsd: 50 });
    assert.equal(r.requiredTier, 'Tier 2');
    assert.equal(r.tiers?.[0]?.binding, 'output TPM 10,000 < 12,000 at peak');
  });

  it('exceeds every published tier, or says unknown when no table covers the model', () => {
    const huge = rateLimitCheck('openai', 'gpt-4o-mini', { requestsPerMinute: 100000, inputTokensPerMinute: 1e6, outputTokensPerMinute: 1e6, requestsPerDay: 1e8, monthlyCostUsd: 1000 });
    assert.equal(huge.status, 'exceeds');
    assert.match(huge.note, /exceeds the highest published tier .*Tier 5: RPM 30,000 < 100,000 at peak/);
    assert.equal(rateLimitCheck('openai', 'gpt-4o-mini-tts', { requestsPerMinute: 1, inputTokensPerMinute: 1, outputTokensPerMinute: 1, requestsPerDay: 1, monthlyCostUsd: 1 }).status, 'unknown', 'a longer id is not gpt-4o-mini');
    assert.equal(rateLimitCheck('bedrock', 'anthropic.claude-3-5-haiku-20241022-v1:0', { requestsPerMinute: 1, inputTokensPerMinute: 1, outputTokensPerMinute: 1, requestsPerDay: 1, monthlyCostUsd: 1 }).status, 'unknown');
  });

  it('the API tier of the comparison carries the check', () => {
    const api = compareTiers(demo).tiers.api.best;
    assert.equal(api?.rateLimit?.status, 'ok');
    assert.equal(api?.rateLimit?.requiredTier, 'Tier 2');
  });
});

describe('hosted-API energy (EcoLogits 0.9.1 formula, worked examples of the research notes)', () => {
  it('gpt-4o-mini, 300 output tokens: 0.0267–0.0340 Wh (8–28B dense, 1 H100, PUE 1.2)', () => {
    // Low end: f_E = 1.1665e-6 × e^(−0.011206 × 64) × 8 + 4.0529e-5 = 4.5085e-5 Wh/token → GPU 0.0135 Wh; 19.2 GB → 1 GPU;
    // ΔT = 300 × (6.7851e-4 × 8 + 3.1193e-4 × 64 + 0.019474) = 13.46 s; server 13.46/3600 h × 1,200 W × 1/8 / 64 = 0.0088 Wh;
    // × PUE 1.2 = 0.0267 Wh. High end (28B) 0.0340 Wh. CO2e: × 0.38355 kg/kWh (USA).
    const e = hostedEnergyPerRequest('openai', 'gpt-4o-mini', 300);
    assert.ok(e);
    close(e.wh.min, 0.0267, 0.005, 'low');
    close(e.wh.max, 0.034, 0.005, 'high');
    close(e.gCo2e.min, 0.0267 * 0.38355, 0.005, 'CO2e low');
    assert.equal(e.estimatedParameters, true);
  });

  it('gpt-4o (440B MoE, 44–132B active, 16 GPUs): 0.6376–1.1501 Wh; Claude Sonnet 4 at PUE 1.09–1.14: 0.5792–1.0926 Wh', () => {
    const g = hostedEnergyPerRequest('openai', 'gpt-4o-2024-08-06', 300);
    close(g?.wh.min, 0.6376, 0.001, 'gpt-4o low');
    close(g?.wh.max, 1.1501, 0.001, 'gpt-4o high');
    const s = hostedEnergyPerRequest('anthropic', 'claude-sonnet-4-20250514', 300);
    close(s?.wh.min, 0.5792, 0.001, 'Sonnet low');
    close(s?.wh.max, 1.0926, 0.001, 'Sonnet high');
  });

  it('only models EcoLogits estimates: no neighbour’s figure for an unknown id', () => {
    assert.equal(hostedEnergyPerRequest('openai', 'gpt-4o-mini-tts', 300), undefined);
    assert.equal(hostedEnergyPerRequest('openai', 'gpt-5-chat', 300), undefined);
    assert.ok(hostedEnergyPerRequest('bedrock', 'us.anthropic.claude-3-5-haiku-20241022-v1:0', 300), 'a Bedrock id names the same model');
  });

  it('the API tier shows energy per output token with its range', () => {
    // gpt-4o-mini at 127.5 output tokens: 0.01135–0.01448 Wh → × 3,600 ÷ 127.5 = 0.3205–0.4088 J/token.
    const api = compareTiers(demo).tiers.api.best;
    const e = hostedEnergyPerRequest('openai', 'gpt-4o-mini', 127.5)!;
    const range = api?.energyJPerToken.range;
    assert.ok(range);
    close(range[0], (e.wh.min * 3600) / 127.5, 1e-9, 'low J/token');
    close(range[1], (e.wh.max * 3600) / 127.5, 1e-9, 'high J/token');
    close(api?.energyJPerToken.value, (range[0] + range[1]) / 2, 1e-9, 'midpoint');
  });
});

describe('tiers: the recommendation and its quality caveat', () => {
  it('quality caveat from the LMArena snapshot: Llama 3.1 8B 1193 vs gpt-4o-mini 1288', () => {
    // Bradley–Terry on the 400-point scale: the hosted model wins 1 / (1 + 10^(−95/400)) = 63.3 % of votes.
    const q = qualityCaveat('gpt-4o-mini', 'llama-3.1-8b');
    assert.equal(q.delta, -95);
    close(q.hostedPreferredShare, 1 / (1 + 10 ** (-95 / 400)), 1e-12, 'vote share');
    assert.match(q.text, /Llama 3\.1 8B scores 1193 ±3 and gpt-4o-mini 1288 ±3 — 95 points lower, so voters would prefer gpt-4o-mini in about 63 %/);
    assert.equal(q.asOf, '2025-08-04');
  });

  it('says when a model is not in the index instead of comparing', () => {
    const q = qualityCaveat('gpt-5-chat', 'llama-3.1-8b');
    assert.equal(q.delta, undefined);
    assert.match(q.text, /has no score for gpt-5-chat/);
  });

  it('the demo: the hosted API is cheapest until the on-prem break-even, then on-prem wins, if the open model is good enough', () => {
    const c = compareTiers(demo);
    const onprem = c.breakEven.find((b) => b.tier === 'onprem')!.requestsPerDay!;
    const r = c.recommendation!;
    assert.equal(r.cheapest, 'api');
    const rounded = Number(onprem.toPrecision(3)).toLocaleString('en-US');
    assert.match(r.headline, new RegExp(`^At 11,580 requests/day, the hosted API \\(openai gpt-4o-mini\\) is cheapest \\(\\$105/month\\) until ~${rounded}/day; on-prem \\d+ × \\S.* wins above that, if Llama 3\\.1 8B's quality is enough for these prompts\\.$`));
    assert.equal(r.caveat, r.quality?.text);
  });

  it('a self-hosted tier that is cheaper now is named first, with the saving and the same condition', () => {
    const c = compareTiers({ ...demo, requestsPerDay: 2_000_000 });
    const r = c.recommendation!;
    assert.notEqual(r.cheapest, 'api');
    assert.match(r.headline, /^At 2,000,000 requests\/day, .* is cheapest \(\$[\d,]+\/month\) — \$[\d,]+\/month less than the hosted API \(openai gpt-4o-mini\), if Llama 3\.1 8B's quality is enough for these prompts\.$/);
  });
});

describe('tiers: time to first token, leave-one-source-out (npm run calibrate)', () => {
  const csv = readFileSync(path.join(__dirname, '..', 'fixtures', 'reference', 'throughput.csv'), 'utf8');
  const rows = [...ttftRowsFromCsv(csv), ...bundledTtftRows()];
  const cal = calibrateTtft(rows);

  it('lists every row, predicted or not, each with a source and a date', () => {
    assert.equal(cal.rows.length + cal.skipped.length, rows.length);
    assert.ok(bundledTtftRows().length >= 55);
    for (const r of bundledTtftRows()) assert.ok(r.source && (r.date || (r as { asOf?: string }).asOf), `${r.id} has a source and a date`);
    for (const s of cal.skipped) assert.ok(s.reason.length > 10, `${s.row.id}: ${s.reason}`);
  });

  it('predicts ≥ 15 rows not seen before #20 from ≥ 4 sources, and ≥ 20 rows in all', () => {
    const fresh = cal.rows.filter((r) => r.row.id.startsWith('TTFT-'));
    assert.ok(fresh.length >= 15, `${fresh.length} new rows predicted`);
    assert.ok(new Set(fresh.map((r) => r.row.group)).size >= 4);
    assert.ok(cal.rows.length >= 20);
  });

  it('leave-one-source-out median ≤ 25 % (issue target)', () => {
    assert.ok(cal.medianApeLoso <= 0.25, `LOSO median ${(cal.medianApeLoso * 100).toFixed(1)} %`);
    // Guard the current level of the tail (a 2024 blog's RTX 4090 rows at concurrency 16-48 are 3-9× the model).
    assert.ok(cal.p90ApeLoso <= 0.6, `LOSO p90 ${(cal.p90ApeLoso * 100).toFixed(1)} %`);
  });

  it('the tier model ships the fitted figures: servingCompute and the server overhead', () => {
    assert.equal(DEFAULT_EFFICIENCY.servingCompute, cal.fit.servingCompute);
    assert.equal(SERVER_OVERHEAD_MS, cal.fit.overheadMs);
    // The overhead is below the fastest request MLPerf v5.1 saw on a vLLM Llama 3.1 8B server (27.3 ms, prefill included).
    assert.ok(SERVER_OVERHEAD_MS < 27.3);
  });
});
