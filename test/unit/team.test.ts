import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, parseSettings } from '../../src/core/config/settings';
import type { FileProvider } from '../../src/core/fileProvider';
import { loadTeamConfig } from '../../src/core/teamFiles/loadTeamConfig';
import { teamJsonSchema } from '../../src/core/teamFiles/schemas';

/** An in-memory FileProvider. */
export function memoryFiles(map: Record<string, string>): FileProvider {
  return {
    readText: async (p) => map[p],
    list: async () => undefined,
    stat: async (p) => (map[p] === undefined ? undefined : { type: 'file', size: Buffer.byteLength(map[p]!), mtime: 0 }),
  };
}

describe('team: price book', () => {
  it('reads custom models, adjustments, currency and batch discounts from YAML with provenance lines', async () => {
    const yml = [
      'version: 1',
      'currency: EUR',
      'exchangeRate: 0.9',
      'rateSource: ECB reference rate',
      'rateDate: 2026-11-20',
      'models:',
      '  - id: acme-llm',
      '    provider: ollama',
      '    prices: { input_mtok: 0.2, output_mtok: 0.4 }',
      '  - id: gpt-4o',
      '    prices:',
      '      input_mtok: 2.0',
      '      output_mtok: 8.0',
      'adjustments:',
      '  - provider: anthropic',
      '    discount: 0.15',
      '    reason: EA contract',
      'batchDiscounts: { mistral: 0.6 }',
    ].join('\n');
    const team = await loadTeamConfig(memoryFiles({ '.tokentier/prices.yml': yml }), defaultSettings, { trusted: true });
    assert.deepEqual(team.diagnostics, []);
    const book = team.priceBook!;
    assert.equal(book.models.length, 2);
    assert.equal(book.models[0]!.id, 'acme-llm');
    assert.equal(book.models[0]!.source.line, 7);
    // The book's own prices are in its currency.
    assert.deepEqual(book.models.map((m) => m.currency), ['EUR', 'EUR']);
    assert.equal(book.models[1]!.source.file, '.tokentier/prices.yml');
    assert.equal(book.adjustments[0]!.factor, 0.85);
    assert.match(book.adjustments[0]!.label, /discount −15 %.*EA contract/);
    assert.deepEqual(book.currency && { code: book.currency.code, perUsd: book.rates['EUR']?.perUsd, from: book.rates['EUR']?.source.rule }, { code: 'EUR', perUsd: 0.9, from: '1 USD = 0.9 EUR (ECB reference rate, 2026-11-20)' });
    assert.deepEqual(book.batch, { mistral: 0.6 });
  });

  it('a broken entry is reported with file, line and field; the rest still applies', async () => {
    const yml = ['models:', '  - id: good', '    prices: { input_mtok: 1 }', '  - id: bad', '    prices:', '      input_mtok: -3', '  - id: typo', '    prices: { input_mtoks: 1 }', 'adjustments:', '  - discount: 2', 'colour: blue'].join('\n');
    const team = await loadTeamConfig(memoryFiles({ '.tokentier/prices.yaml': yml }), defaultSettings, { trusted: true });
    assert.deepEqual(team.priceBook!.models.map((m) => m.id), ['good']);
    const msgs = team.diagnostics.map((d) => d.message);
    assert.ok(msgs.some((m) => m.startsWith('.tokentier/prices.yaml:6: models[1].prices.input_mtok')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.includes('models[2].prices') && m.includes('input_mtoks')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith('.tokentier/prices.yaml:10: adjustments[0].discount')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.includes('unknown field "colour"')), msgs.join('\n'));
    assert.ok(team.diagnostics.every((d) => d.code === 'price-book' && d.file === '.tokentier/prices.yaml'));
    assert.equal(team.diagnostics.find((d) => d.message.includes('input_mtok:'))!.range!.start.line, 5);
  });

  it('JSON with comments and wrong types: diagnostics, no crash', async () => {
    const json = '{\n  // our contract\n  "models": [\n    { "id": "x", "prices": { "input_mtok": "cheap" } }\n  ],\n  "exchangeRate": "high"\n}';
    const team = await loadTeamConfig(memoryFiles({ '.tokentier/prices.json': json }), defaultSettings, { trusted: true });
    assert.equal(team.priceBook!.models.length, 0);
    assert.ok(team.diagnostics.some((d) => d.message.startsWith('.tokentier/prices.json:4: models[0].prices.input_mtok')), team.diagnostics.map((d) => d.message).join('\n'));
    assert.ok(team.diagnostics.some((d) => d.message.startsWith('.tokentier/prices.json:6: exchangeRate')));
  });

  it('YAML and JSON syntax errors, a non-object file and a huge file give diagnostics', async () => {
    const bad = await loadTeamConfig(memoryFiles({ '.tokentier/prices.yml': 'models:\n  - id: [unclosed\n' }), defaultSettings, { trusted: true });
    assert.equal(bad.priceBook, undefined);
    assert.equal(bad.diagnostics[0]!.severity, 'error');
    assert.match(bad.diagnostics[0]!.message, /YAML syntax error/);
    const badJson = await loadTeamConfig(memoryFiles({ '.tokentier/usage.json': '{ "sites": [ }' }), defaultSettings, { trusted: true });
    assert.match(badJson.diagnostics[0]!.message, /^\.tokentier\/usage\.json:1: JSON syntax error/);
    const list = await loadTeamConfig(memoryFiles({ '.tokentier/prices.yml': '- 1\n- 2\n' }), defaultSettings, { trusted: true });
    assert.match(list.diagnostics[0]!.message, /expected an object/);
    const huge = await loadTeamConfig(memoryFiles({ '.tokentier/prices.json': `{"models":[${'{"id":"m","prices":{"input_mtok":1}},'.repeat(40_000)}]}` }), defaultSettings, { trusted: true });
    assert.equal(huge.priceBook, undefined);
    assert.match(huge.diagnostics[0]!.message, /over the 1 MB limit/);
  });

  it('an untrusted workspace reads no team file and says so', async () => {
    const team = await loadTeamConfig(memoryFiles({ '.tokentier/prices.yml': 'currency: EUR\nexchangeRate: 0.9\n' }), defaultSettings, { trusted: false });
    assert.equal(team.priceBook, undefined);
    assert.equal(team.diagnostics[0]!.code, 'untrusted-workspace');
  });

  it('merges the priceBook setting over the file (setting wins per model; adjustments accumulate)', async () => {
    const settings = parseSettings({ priceBook: { models: [{ id: 'acme', prices: { input_mtok: 9 } }], adjustments: [{ markup: 0.1 }] } }).settings;
    const team = await loadTeamConfig(
      memoryFiles({ '.tokentier/prices.yml': 'models:\n  - id: acme\n    prices: { input_mtok: 1 }\nadjustments:\n  - uplift: 0.1\n    provider: aws\n' }),
      settings,
      { trusted: true },
    );
    const book = team.priceBook!;
    assert.deepEqual(book.models.map((m) => [m.id, m.source.source]), [['acme', 'team-file'], ['acme', 'settings']]);
    assert.deepEqual(book.adjustments.map((a) => a.kind), ['uplift', 'markup']);
    assert.deepEqual(book.sources.map((s) => s.source), ['team-file', 'settings']);
  });

  it('imports a LiteLLM price map: per-token × 1e6, _above_Nk_tokens tiers, cache fields, provider', async () => {
    const litellm = JSON.stringify({
      sample_spec: { input_cost_per_token: 0 },
      'vertex_ai/gemini-2.5-pro': {
        litellm_provider: 'vertex_ai-language-models',
        input_cost_per_token: 1.25e-6,
        input_cost_per_token_above_200k_tokens: 2.5e-6,
        output_cost_per_token: 1e-5,
        output_cost_per_token_above_200k_tokens: 1.5e-5,
        cache_read_input_token_cost: 1.25e-7,
      },
      'my-claude': { litellm_provider: 'anthropic', input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5, cache_creation_input_token_cost: 3.75e-6, cache_creation_input_token_cost_above_1hr: 6e-6 },
      broken: { input_cost_per_token: -1 },
    });
    const team = await loadTeamConfig(memoryFiles({ '.tokentier/prices.yml': 'litellm: prices/litellm.json\n', 'prices/litellm.json': litellm }), defaultSettings, { trusted: true });
    const [gem, claude] = team.priceBook!.models;
    assert.equal(gem!.provider, 'google');
    assert.deepEqual(gem!.prices, {
      input_mtok: { base: 1.25, tiers: [{ start: 200_000, price: 2.5 }] },
      output_mtok: { base: 10, tiers: [{ start: 200_000, price: 15 }] },
      cache_read_mtok: 0.125,
    });
    assert.deepEqual(claude!.prices, { input_mtok: 3, output_mtok: 15, cache_write_mtok: 3.75, cache_write_1h_mtok: 6 });
    assert.equal(team.priceBook!.models.length, 2);
    assert.ok(team.diagnostics.some((d) => d.file === 'prices/litellm.json' && /broken/.test(d.message)));
  });
});

describe('team: usage and policy files', () => {
  it('parses sites, defaults, profiles; bad entries are reported by line', async () => {
    const yml = [
      'defaults:',
      '  chat: { callsPerDay: 500, outputTokens: 250 }',
      'profiles:',
      '  high: { callsMultiplier: 3 }',
      'sites:',
      '  - match: { file: "src/**/*.py", function: summarize }',
      '    callsPerDay: 2000',
      '    cacheHitRate: 0.6',
      '    profiles: { low: { callsPerDay: 200 } }',
      '  - match: {}',
      '    callsPerDay: 1',
      '  - match: { line: 3 }',
      '    cacheHitRate: 1.5',
    ].join('\n');
    const team = await loadTeamConfig(memoryFiles({ '.tokentier/usage.yml': yml }), defaultSettings, { trusted: true });
    const u = team.usage!;
    assert.equal(u.defaults.chat!.callsPerDay, 500);
    assert.equal(u.profiles['high']!.callsMultiplier, 3);
    // sites[1] has no usable match: dropped. sites[2] keeps its match; its bad cacheHitRate alone falls back (issue 17:
    // per-field fallback).
    assert.equal(u.sites.length, 2);
    assert.deepEqual(u.sites[1]!.match, { line: 3 });
    assert.deepEqual(u.sites[1]!.values, {});
    assert.deepEqual(u.sites[0]!.match, { file: 'src/**/*.py', function: 'summarize' });
    assert.equal(u.sites[0]!.source.line, 6);
    assert.deepEqual(u.sites[0]!.profiles, { low: { callsPerDay: 200 } });
    const msgs = team.diagnostics.map((d) => d.message);
    assert.ok(msgs.some((m) => m.startsWith('.tokentier/usage.yml:10: sites[1].match')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith('.tokentier/usage.yml:13: sites[2].cacheHitRate')), msgs.join('\n'));
  });
  it('parses budgets and rules as typed data', async () => {
    const yml = ['budgets: { totalPerMonth: 5000, perSitePerMonth: 500, perCall: 0.05 }', 'rules:', '  - id: cache-big', '    when: { perMonthOver: 500 }', '    require: [caching]', '  - id: no-gpt4', '    severity: error', '    forbidModels: ["gpt-4-*"]', '  - id: 7', '    require: [magic]'].join('\n');
    const team = await loadTeamConfig(memoryFiles({ '.tokentier/policy.yml': yml }), defaultSettings, { trusted: true });
    const p = team.policy!;
    assert.deepEqual(p.budgets, { totalPerMonth: 5000, perSitePerMonth: 500, perCall: 0.05 });
    assert.deepEqual(p.rules.map((r) => [r.id, r.severity, r.line]), [['cache-big', 'warning', 3], ['no-gpt4', 'error', 6]]);
    assert.ok(team.diagnostics.some((d) => d.code === 'policy-file' && d.message.startsWith('.tokentier/policy.yml:9: rules[2]')));
  });
});

describe('team: published JSON Schemas', () => {
  for (const kind of ['prices', 'usage', 'policy'] as const) {
    it(`schemas/${kind}.schema.json is the schema the loader validates with`, () => {
      const file = JSON.parse(readFileSync(path.join(__dirname, `../../schemas/${kind}.schema.json`), 'utf8')) as unknown;
      assert.deepEqual(file, teamJsonSchema(kind));
    });
  }
});
