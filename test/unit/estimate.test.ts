import { strict as assert } from 'node:assert';
import { promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, parseSettings } from '../../src/core/config/settings';
import { emptyTeamConfig, estimateSites, estimateSitesSync, estimateSitesWithDiagnostics } from '../../src/core/estimate/estimator';
import { totals, totalsByFile, totalsByFolder, totalsByModel, totalsByProvider } from '../../src/core/estimate/totals';
import type { FileProvider } from '../../src/core/fileProvider';
import { bundledPriceTable } from '../../src/core/pricing/priceTable';
import { loadTeamConfig } from '../../src/core/teamFiles/loadTeamConfig';
import type { CallSite, SiteEstimate } from '../../src/core/types';

const fixtures = path.join(__dirname, '../fixtures/estimate');
const r0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

function diskFiles(root: string): FileProvider {
  return {
    readText: async (p) => fsp.readFile(path.join(root, p), 'utf8').catch(() => undefined),
    list: async () => undefined,
    stat: async (p) => fsp.stat(path.join(root, p)).then((s) => ({ type: s.isDirectory() ? ('directory' as const) : ('file' as const), size: s.size, mtime: s.mtimeMs })).catch(() => undefined),
  };
}
function site(over: Partial<CallSite> = {}): CallSite {
  return { id: 'a.py#1:create', file: 'a.py', range: r0, line: 1, provider: 'openai', via: 'sdk', api: 'chat', method: 'create', model: { id: 'gpt-4o', canonical: 'gpt-4o', resolution: { kind: 'literal' } }, stream: false, params: {}, prompt: [{ role: 'user', kind: 'literal', text: 'Hello, world!', range: r0 }], loops: [], confidence: 'high', ...over };
}

describe('estimate: fixture workspace with a price book and a usage file (hand-computed .expected.json)', () => {
  const dir = path.join(fixtures, 'team-book');
  const expected = JSON.parse(readFileSync(path.join(dir, 'team-book.expected.json'), 'utf8')) as {
    sites: Record<string, { inputTokens?: number; perCall: number | null; perDay?: number; perMonth?: number }>;
    totals: { sites: number; unpriced: number; currency: string; perDay: number; perMonth: number };
  };
  let estimates: SiteEstimate[];
  before(async () => {
    const files = diskFiles(dir);
    const team = await loadTeamConfig(files, defaultSettings, { trusted: true });
    assert.deepEqual(team.diagnostics, []);
    const sites = JSON.parse(readFileSync(path.join(dir, 'sites.json'), 'utf8')) as CallSite[];
    estimates = await estimateSites(sites, { settings: defaultSettings, team, files, now: new Date('2026-11-23T00:00:00Z') });
  });
  it('per site: tokens, cost per call, per day, per month', () => {
    for (const [id, want] of Object.entries(expected.sites)) {
      const e = estimates.find((x) => x.site.id === id)!;
      assert.ok(e, id);
      if (want.perCall === null) {
        assert.equal(e.cost.perCall, null);
        assert.ok(e.cost.unknownReason);
        continue;
      }
      assert.equal(e.tokens.input.expected, want.inputTokens, `${id} input`);
      assert.equal(e.cost.currency, 'EUR');
      close(e.cost.perCall!.expected, want.perCall, `${id} perCall`);
      close(e.cost.perDay!.expected, want.perDay!, `${id} perDay`);
      close(e.cost.perMonth!.expected, want.perMonth!, `${id} perMonth`);
      assert.ok(e.cost.perCall!.min <= e.cost.perCall!.expected && e.cost.perCall!.expected <= e.cost.perCall!.max);
      // The expected-point lines add up to the expected cost per call.
      close(e.cost.lines.reduce((s, l) => s + l.amount, 0), e.cost.perCall!.expected, `${id} lines`);
    }
  });
  it('provenance names the team files and the rules', () => {
    const e = estimates.find((x) => x.site.file === 'src/app.py' && x.site.line === 10)!;
    const labels = e.cost.provenance.map((p) => `${p.label} ${p.rule ?? ''}`).join('\n');
    assert.match(labels, /\.tokentier\/prices\.yml/);
    assert.match(labels, /genai-prices 0\.1\.8 \(checked 2026-09-23\)/);
    assert.match(labels, /discount −20 %/);
    assert.match(labels, /1 USD = 0\.9 EUR/);
    assert.equal(e.usage.callsPerDay.source.file, '.tokentier/usage.yml');
    assert.equal(e.usage.assumed, false);
    assert.match(e.cost.lines[0]!.source.rule ?? '', /11 tokens × \$0\.15\/M/);
  });
  it('totals equal the hand-computed sums; the ignored site is left out; unpriced counted apart', () => {
    const t = totals(estimates);
    assert.equal(t.sites, expected.totals.sites);
    assert.equal(t.unpriced, expected.totals.unpriced);
    close(t.perDay.expected, expected.totals.perDay, 'perDay');
    close(t.perMonth.expected, expected.totals.perMonth, 'perMonth');
  });
});

describe('estimate: totals', () => {
  const mk = (file: string, id: string, perDay: number | null, extra: Partial<CallSite> = {}): SiteEstimate =>
    ({
      site: site({ file, id, ...extra }),
      cost: { currency: 'USD', perCall: perDay === null ? null : { min: 0, expected: 0, max: 0 }, perDay: perDay === null ? null : { min: perDay / 2, expected: perDay, max: perDay * 2 }, perMonth: perDay === null ? null : { min: perDay * 15, expected: perDay * 30, max: perDay * 60 }, lines: [], provenance: [] },
      usage: {},
    }) as unknown as SiteEstimate;
  const list = [mk('src/a.py', '1', 1), mk('src/a.py', '2', 2), mk('src/b/c.py', '3', 4, { provider: 'anthropic' }), mk('d.py', '4', null), mk('d.py', '5', 100, { ignored: true }), mk('src/a.py', '1', 1)];
  it('sums non-ignored sites once each; the parts add up to the whole', () => {
    const t = totals(list);
    assert.deepEqual(t, { perDay: { min: 3.5, expected: 7, max: 14 }, perMonth: { min: 105, expected: 210, max: 420 }, sites: 4, unpriced: 1 });
    for (const groups of [totalsByFile(list), totalsByFolder(list), totalsByProvider(list), totalsByModel(list)]) {
      const sum = groups.reduce((s, g) => s + g.total.perMonth.expected, 0);
      assert.equal(sum, t.perMonth.expected);
      assert.equal(groups.reduce((s, g) => s + g.total.sites, 0), t.sites);
    }
    assert.deepEqual(totalsByFolder(list).map((g) => g.folder), ['src', 'src/b', '.']);
  });
});

describe('estimate: behaviour', () => {
  it('unknown models are unknown (null, with a reason and a diagnostic), never zero', async () => {
    const r = await estimateSitesWithDiagnostics([site({ model: { id: 'gpt-9-secret', canonical: 'gpt-9-secret', resolution: { kind: 'literal' } } })], { settings: defaultSettings, team: emptyTeamConfig });
    assert.equal(r.estimates[0]!.cost.perCall, null);
    assert.equal(r.estimates[0]!.cost.perMonth, null);
    assert.equal(r.diagnostics[0]!.code, 'unknown-model');
    const none = await estimateSites([site({ model: { id: null, canonical: null, resolution: { kind: 'unknown', expression: 'm' } } })], { settings: defaultSettings, team: emptyTeamConfig });
    assert.equal(none[0]!.cost.perCall, null);
  });
  it('an annotation model prices an unresolved site; bad annotations become diagnostics', async () => {
    const r = await estimateSitesWithDiagnostics([site({ model: { id: null, canonical: null, resolution: { kind: 'unknown', expression: 'm' } }, annotation: { text: '# tokentier: model=gpt-4o-mini out=10 nonsense', line: 1 } })], { settings: defaultSettings, team: emptyTeamConfig });
    const e = r.estimates[0]!;
    assert.equal(e.cost.priceId, 'openai:gpt-4o-mini');
    // 'Hello, world!' 4 + 7 framing = 11 input; 10 output: (11 × 0.15 + 10 × 0.6) / 1e6 = 7.65e-6.
    close(e.cost.perCall!.expected, 7.65e-6, 'perCall');
    assert.equal(r.diagnostics.filter((d) => d.code === 'bad-annotation').length, 1);
  });
  it('batch share, fan-out and retries: per day = per call × calls × fan-out × (1 + retry)', async () => {
    const [e] = await estimateSites([site({ loops: [{ kind: 'for', bound: 4, range: r0 }], annotation: { text: '# tokentier: calls/day=100 out=100 batch=1 retry=0.5', line: 1 } })], { settings: defaultSettings, team: emptyTeamConfig });
    // gpt-4o: (11 × 2.5 + 100 × 10) / 1e6 = 1027.5e-6; batch −50 % → 513.75e-6; × 100 × 4 × 1.5 = 0.30825 per day.
    close(e!.cost.perCall!.expected, 513.75e-6, 'perCall');
    close(e!.cost.perDay!.expected, 0.30825, 'perDay');
    close(e!.cost.perMonth!.expected, 0.30825 * 30, 'perMonth');
    assert.ok(e!.cost.provenance.some((p) => /50%/.test(p.rule ?? '')) && e!.cost.lines.every((l) => /batch −50 %/.test(l.source.rule ?? '')));
  });
  it('fallbacks widen the range to the dearest candidate', async () => {
    const plain = (await estimateSites([site({ model: { id: 'gpt-4o-mini', canonical: 'gpt-4o-mini', resolution: { kind: 'literal' } } })], { settings: defaultSettings, team: emptyTeamConfig }))[0]!;
    const withFb = (await estimateSites([site({ model: { id: 'gpt-4o-mini', canonical: 'gpt-4o-mini', resolution: { kind: 'literal' } }, params: { fallbacks: ['gpt-4o'] } })], { settings: defaultSettings, team: emptyTeamConfig }))[0]!;
    assert.equal(withFb.cost.perCall!.expected, plain.cost.perCall!.expected);
    // gpt-4o costs 2.5/0.15 ≈ 16.7× gpt-4o-mini on input and output.
    close(withFb.cost.perCall!.max, plain.cost.perCall!.max * (10 / 0.6), 'max');
  });
  it('cache_control markers and a cache assumption bill reads and writes; a 1h TTL bills the 1h write rate', async () => {
    const prompt: CallSite['prompt'] = [{ role: 'system', kind: 'literal', text: 'Hello, world! '.repeat(500), range: r0 }, { role: 'user', kind: 'dynamic', range: r0 }];
    const base = { provider: 'anthropic' as const, api: 'messages' as const, model: { id: 'claude-sonnet-4-5', canonical: 'claude-sonnet-4-5', resolution: { kind: 'literal' as const } }, prompt };
    const [marked] = await estimateSites([site({ ...base, params: { cacheControl: true } })], { settings: defaultSettings, team: emptyTeamConfig });
    const dims = marked!.cost.lines.map((l) => l.dimension);
    assert.ok(dims.includes('cache_read') && dims.includes('cache_write'), dims.join());
    assert.equal(marked!.usage.cacheHitRate.source.source, 'code');
    const [ttl] = await estimateSites([site({ ...base, params: { cacheControl: true }, annotation: { text: '# tokentier: cache=0.5 ttl=1h', line: 1 } })], { settings: defaultSettings, team: emptyTeamConfig });
    assert.ok(ttl!.cost.lines.some((l) => l.dimension === 'cache_write_1h'));
    assert.ok(!ttl!.cost.lines.some((l) => l.dimension === 'cache_write'));
  });
  it('a price-book override replaces a bundled price (dated snapshots too) and a regional uplift applies', async () => {
    const team = await loadTeamConfig(
      { readText: async (p) => (p === '.tokentier/prices.yml' ? 'models:\n  - { id: gpt-4o, provider: openai, prices: { input_mtok: 1, output_mtok: 4 } }\nadjustments:\n  - { provider: aws, uplift: 0.1, reason: eu region }\n' : undefined), list: async () => undefined, stat: async (p) => (p === '.tokentier/prices.yml' ? { type: 'file', size: 200, mtime: 0 } : undefined) },
      defaultSettings,
      { trusted: true },
    );
    const ctx = { settings: defaultSettings, team };
    const [a] = await estimateSites([site({ model: { id: 'gpt-4o-2024-08-06', canonical: 'gpt-4o-2024-08-06', resolution: { kind: 'literal' } }, annotation: { text: '# tokentier: out=100', line: 1 } })], ctx);
    // 11 × $1/M + 100 × $4/M = 411e-6.
    close(a!.cost.perCall!.expected, 411e-6, 'override');
    assert.match(a!.cost.provenance.map((p) => p.rule ?? '').join('\n'), /overridden by price book entry gpt-4o/);
    const [b] = await estimateSites([site({ provider: 'bedrock', model: { id: 'anthropic.claude-3-haiku-20240307-v1:0', canonical: 'anthropic.claude-3-haiku-20240307-v1:0', resolution: { kind: 'literal' } }, annotation: { text: '# tokentier: out=100', line: 1 } })], ctx);
    // Claude 3 Haiku $0.25/$1.25; input 'Hello, world!' 4 × 1.2 (Claude multiplier) = 5 (rounded) + 7 framing (control
    // tokens: not multiplied, src/core/tokens/framing.json) = 12 tokens.
    close(b!.cost.perCall!.expected, ((12 * 0.25 + 100 * 1.25) / 1e6) * 1.1, 'uplift');
  });
  it('image generation is not priced by tokens: unknown with a reason, never a near-zero figure', async () => {
    const [e] = await estimateSites([site({ api: 'images', model: { id: 'gpt-image-1', canonical: 'gpt-image-1', resolution: { kind: 'literal' } } })], { settings: defaultSettings, team: emptyTeamConfig });
    assert.equal(e!.cost.perCall, null);
    assert.match(e!.cost.unknownReason ?? '', /per image/);
  });
  it('max_tokens caps output and reasoning together: in the tokens per day as in the bill', async () => {
    // o3 at medium effort reasons well past 1,000 tokens at its max; max_completion_tokens=1000 stops the whole
    // generation (reasoning + visible output) at 1,000.
    const o3 = { id: 'o3', canonical: 'o3', resolution: { kind: 'literal' as const } };
    const [e] = await estimateSites([site({ model: o3, params: { maxTokens: 1000, maxTokensParam: 'max_completion_tokens' }, annotation: { text: '# tokentier: calls/day=10', line: 1 } })], { settings: defaultSettings, team: emptyTeamConfig });
    const t = e!.tokens;
    assert.ok(t.reasoning && t.reasoning.max + t.output.max > 1000, 'the separate ranges add up past the cap (else this test checks nothing)');
    // Per day: 10 calls × (input + at most 1,000 generated tokens).
    assert.equal(e!.tokensPerDay!.max, 10 * (t.input.max + 1000));
    assert.ok(e!.tokensPerDay!.expected <= 10 * (t.input.expected + 1000));
    const billed = (k: 'min' | 'expected' | 'max') => Math.min(t.output[k] + t.reasoning![k], 1000);
    assert.equal(e!.tokensPerDay!.expected, 10 * (t.input.expected + billed('expected')));
    // The bill is capped the same way (pricing did this already): the cap lowers the most a call can cost.
    const [plain] = await estimateSites([site({ model: o3, params: {}, annotation: { text: '# tokentier: calls/day=10', line: 1 } })], { settings: defaultSettings, team: emptyTeamConfig });
    assert.ok(e!.cost.perCall!.max < plain!.cost.perCall!.max);
  });
  it('a currency with no exchange rate is never relabelled: the figures are unknown, with the reason', async () => {
    const settings = parseSettings({ currency: 'JPY' }).settings;
    const r = await estimateSitesWithDiagnostics([site()], { settings, team: emptyTeamConfig });
    assert.equal(r.estimates[0]!.cost.currency, 'JPY');
    assert.equal(r.estimates[0]!.cost.perCall, null);
    assert.match(r.estimates[0]!.cost.unknownReason ?? '', /no rate for JPY/);
  });
});

describe('estimate: conditional models', () => {
  it('an unresolved primary with candidates is priced as the first candidate, the range covering all', async () => {
    const cand = (id: string): CallSite['model'] => ({ id, canonical: id, resolution: { kind: 'literal' } });
    const [e] = await estimateSites([site({ model: { id: null, canonical: null, resolution: { kind: 'unknown', expression: 'a if x else b' }, candidates: [cand('gpt-4o-mini'), cand('gpt-4o')] } })], { settings: defaultSettings, team: emptyTeamConfig });
    const [mini] = await estimateSites([site({ model: cand('gpt-4o-mini') })], { settings: defaultSettings, team: emptyTeamConfig });
    const [big] = await estimateSites([site({ model: cand('gpt-4o') })], { settings: defaultSettings, team: emptyTeamConfig });
    assert.equal(e!.cost.priceId, 'openai:gpt-4o-mini');
    close(e!.cost.perCall!.expected, mini!.cost.perCall!.expected, 'expected');
    close(e!.cost.perCall!.min, mini!.cost.perCall!.min, 'min');
    close(e!.cost.perCall!.max, big!.cost.perCall!.max, 'max');
  });
});

describe('estimate: reuse for unchanged call sites', () => {
  it('returns the same estimate for the same site object and inputs, and recomputes when any input changes', async () => {
    const table = await bundledPriceTable();
    const ctx = { settings: defaultSettings, team: emptyTeamConfig, table, now: new Date('2026-11-23T10:00:00Z') };
    const s = site();
    const first = estimateSitesSync([s], ctx).estimates[0];
    assert.equal(estimateSitesSync([s], ctx).estimates[0], first, 'the detector hands back the same site object after an edit elsewhere');
    // A different object with the same content is estimated afresh (and equal).
    const copy = estimateSitesSync([{ ...s }], ctx).estimates[0];
    assert.notEqual(copy, first);
    assert.deepEqual(copy?.cost, first?.cost);
    // New settings, team files or day (each against a fresh site primed with ctx): recomputed.
    const variants = [
      { ...ctx, settings: parseSettings({ ...defaultSettings, currency: 'EUR' }).settings },
      { ...ctx, team: { ...emptyTeamConfig } },
      { ...ctx, now: new Date('2026-11-24T10:00:00Z') },
    ];
    for (const v of variants) {
      const fresh = site();
      const primed = estimateSitesSync([fresh], ctx).estimates[0];
      assert.equal(estimateSitesSync([fresh], ctx).estimates[0], primed);
      assert.notEqual(estimateSitesSync([fresh], v).estimates[0], primed);
    }
  });

  it('never reuses the estimate of a site that reads a prompt file (the file may have changed)', async () => {
    const table = await bundledPriceTable();
    const ctx = { settings: defaultSettings, team: emptyTeamConfig, table, now: new Date('2026-11-23T10:00:00Z') };
    const s = site({ prompt: [{ role: 'system', kind: 'file', file: 'prompts/system.txt', range: r0 }] });
    const short = estimateSitesSync([s], ctx, new Map([['prompts/system.txt', 'Be brief.']])).estimates[0];
    const long = estimateSitesSync([s], ctx, new Map([['prompts/system.txt', 'Be brief. '.repeat(200)]])).estimates[0];
    assert.ok((long?.tokens.input.expected ?? 0) > (short?.tokens.input.expected ?? 0) + 100);
  });
});
