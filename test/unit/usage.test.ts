import { strict as assert } from 'node:assert';
import { defaultSettings, parseSettings } from '../../src/core/config/settings';
import type { UsageBook } from '../../src/core/teamFiles/teamTypes';
import type { CallSite } from '../../src/core/types';
import { parseAnnotation, parseNumber } from '../../src/core/usage/annotation';
import { resolveUsage, usageEntryOf } from '../../src/core/usage/assumptions';

const r0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
function site(over: Partial<CallSite> = {}): CallSite {
  return { id: 'src/app.py#12:create', file: 'src/app.py', range: r0, line: 12, provider: 'openai', via: 'sdk', api: 'chat', method: 'chat.completions.create', model: { id: 'gpt-4o', canonical: 'gpt-4o', resolution: { kind: 'literal' } }, stream: false, params: {}, prompt: [], loops: [], confidence: 'high', enclosingFunction: 'summarize', ...over };
}
const book = (b: Partial<UsageBook>): UsageBook => ({ defaults: {}, profiles: {}, sites: [], source: { source: 'team-file', label: '.tokentier/usage.yml', file: '.tokentier/usage.yml' }, ...b });

describe('usage: annotation grammar', () => {
  it('parses every key, with k/m/% forms', () => {
    const a = parseAnnotation('# tokentier: calls/day=2k cache=60% out=300 model=gpt-4o batch=0.5 retry=0.02 fanout=20 ttl=1h', 4);
    assert.deepEqual(a.values, { callsPerDay: 2000, cacheHitRate: 0.6, outputTokens: 300, model: 'gpt-4o', batchShare: 0.5, retryRate: 0.02, fanOut: 20, cacheTtl: '1h' });
    assert.deepEqual(a.diagnostics, []);
    assert.equal(parseNumber('1.5m'), 1_500_000);
    assert.equal(parseNumber('abc'), undefined);
  });
  it('reports malformed pairs as bad-annotation at their position; valid pairs still apply', () => {
    const text = '// tokentier: calls/month=30000 cache=1.5 colour=red out=lots';
    const a = parseAnnotation(text, 7, 'src/a.ts');
    assert.deepEqual(a.values, { callsPerMonth: 30000 });
    assert.deepEqual(a.diagnostics.map((d) => [d.code, d.range!.start.line, d.range!.start.character]), [
      ['bad-annotation', 6, text.indexOf('cache=')],
      ['bad-annotation', 6, text.indexOf('colour=')],
      ['bad-annotation', 6, text.indexOf('out=')],
    ]);
  });
});

describe('usage: precedence annotation > usage file > settings', () => {
  it('settings only: assumed, sourced to the setting', () => {
    const u = resolveUsage(site(), defaultSettings, undefined).assumptions;
    assert.equal(u.callsPerDay.value, 1000);
    assert.equal(u.callsPerDay.source.label, 'tokentier.usage.callsPerDay');
    assert.equal(u.assumed, true);
    assert.equal(u.fanOut.value, 1);
  });
  it('usage-file defaults, then a matching site rule, then the annotation', () => {
    const b = book({ defaults: { chat: { callsPerDay: 500, cacheHitRate: 0.1 } }, sites: [{ match: { file: 'src/**/*.py', function: 'summarize' }, values: { callsPerDay: 2000, retryRate: 0.05 }, profiles: {}, source: { source: 'team-file', label: '.tokentier/usage.yml', line: 6 } }] });
    const viaDefaults = resolveUsage(site({ enclosingFunction: 'other' }), defaultSettings, b).assumptions;
    assert.equal(viaDefaults.callsPerDay.value, 500);
    assert.equal(viaDefaults.assumed, true);
    const viaRule = resolveUsage(site(), defaultSettings, b).assumptions;
    assert.equal(viaRule.callsPerDay.value, 2000);
    assert.equal(viaRule.callsPerDay.source.line, 6);
    assert.equal(viaRule.cacheHitRate.value, 0.1);
    assert.equal(viaRule.assumed, false);
    const viaAnnotation = resolveUsage(site({ annotation: { text: '# tokentier: calls/day=7 cache=0.5', line: 11 } }), defaultSettings, b).assumptions;
    assert.equal(viaAnnotation.callsPerDay.value, 7);
    assert.equal(viaAnnotation.callsPerDay.source.source, 'annotation');
    assert.equal(viaAnnotation.cacheHitRate.value, 0.5);
    assert.equal(viaAnnotation.retryRate.value, 0.05); // not in the annotation: from the rule
  });
  it('calls/month converts with daysPerMonth; profiles pick values and multiply calls', () => {
    const s = parseSettings({ profile: 'high', 'usage.daysPerMonth': 30 }).settings;
    const b = book({ profiles: { high: { callsMultiplier: 3 } }, sites: [{ match: { line: 12 }, values: { callsPerMonth: 3000 }, profiles: { low: { callsPerMonth: 300 } }, source: { source: 'team-file', label: 'u' } }] });
    assert.equal(resolveUsage(site(), s, b).assumptions.callsPerDay.value, 300); // 3000 / 30 × 3
    const low = parseSettings({ profile: 'low' }).settings;
    assert.equal(resolveUsage(site(), low, b).assumptions.callsPerDay.value, 10); // 300 / 30
  });
  it('a usage-file model applies only when the code does not resolve one', () => {
    const b = book({ sites: [{ match: { line: 12 }, values: { model: 'gpt-4o-mini' }, profiles: {}, source: { source: 'team-file', label: 'u' } }] });
    assert.equal(resolveUsage(site(), defaultSettings, b).assumptions.model, undefined);
    const unresolved = site({ model: { id: null, canonical: null, resolution: { kind: 'unknown', expression: 'cfg.model' } } });
    assert.equal(resolveUsage(unresolved, defaultSettings, b).assumptions.model!.value, 'gpt-4o-mini');
  });
});

describe('usage: the entry behind "Edit assumptions"', () => {
  const rule = (line: number | undefined, values: object, match: object = { function: 'summarize' }) => ({ match, values, profiles: {}, source: { source: 'team-file' as const, label: '.tokentier/usage.yml', file: '.tokentier/usage.yml', ...(line ? { line } : {}) } });
  it('is the matching site rule, found through whichever value it supplies', () => {
    const b = book({ defaults: { chat: { callsPerDay: 500 } }, sites: [rule(9, { callsPerDay: 2000 })] });
    assert.deepEqual(usageEntryOf(resolveUsage(site(), defaultSettings, b).assumptions), { file: '.tokentier/usage.yml', line: 9 });
    // An annotation overrides calls/day; the rule still supplies the retry rate, so it is still the entry.
    const both = book({ sites: [rule(9, { callsPerDay: 2000, retryRate: 0.1 })] });
    const annotated = site({ annotation: { text: '# tokentier: calls/day=7', line: 11 } });
    assert.deepEqual(usageEntryOf(resolveUsage(annotated, defaultSettings, both).assumptions), { file: '.tokentier/usage.yml', line: 9 });
  });
  it('is undefined when only defaults, settings or an annotation apply, or the rule has no line', () => {
    const b = book({ defaults: { chat: { callsPerDay: 500 } }, sites: [rule(9, { callsPerDay: 2000 }, { function: 'other' })] });
    assert.equal(usageEntryOf(resolveUsage(site(), defaultSettings, b).assumptions), undefined);
    assert.equal(usageEntryOf(resolveUsage(site(), defaultSettings, undefined).assumptions), undefined);
    assert.equal(usageEntryOf(resolveUsage(site({ annotation: { text: '# tokentier: calls/day=7', line: 11 } }), defaultSettings, undefined).assumptions), undefined);
    assert.equal(usageEntryOf(resolveUsage(site(), defaultSettings, book({ sites: [rule(undefined, { callsPerDay: 2000 })] })).assumptions), undefined);
  });
});

describe('usage: fan-out', () => {
  it('multiplies visible loop bounds and assumes the setting for unbounded loops', () => {
    const loops: CallSite['loops'] = [{ kind: 'for', bound: 5, range: r0 }, { kind: 'while', unbounded: true, range: r0 }];
    const u = resolveUsage(site({ loops }), defaultSettings, undefined).assumptions;
    assert.equal(u.fanOut.value, 50); // 5 × 10 (usage.loopFanOut default)
    assert.equal(u.fanOut.source.label, 'tokentier.usage.loopFanOut');
    const agent = resolveUsage(site({ loops: [{ kind: 'agent', bound: 8, range: r0 }] }), defaultSettings, undefined).assumptions;
    assert.deepEqual([agent.fanOut.value, agent.fanOut.source.source], [8, 'code']);
    const annotated = resolveUsage(site({ loops, annotation: { text: '# tokentier: fanout=3', line: 11 } }), defaultSettings, undefined).assumptions;
    assert.equal(annotated.fanOut.value, 3);
  });
  it('a batch API call in code sets the batch share to 1', () => {
    assert.equal(resolveUsage(site({ params: { batch: true } }), defaultSettings, undefined).assumptions.batchShare.value, 1);
  });
});
