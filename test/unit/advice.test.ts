/**
 * Advice pieces on their own: feature fit, the cheaper-model order and its exclusions, where a model string is
 * written, the `deprecated` policy rule, and the text surfaces. The fixtures test (adviceFixtures.test.ts) runs them
 * end to end on real snippets.
 */
import * as assert from 'node:assert/strict';
import { callNeeds, featureFit, overallFit } from '../../src/core/advice/fit';
import { modelInDocument, modelInUsageFile, replacementText } from '../../src/core/advice/modelLiteral';
import { defaultSettings } from '../../src/core/config/settings';
import { emptyTeamConfig, estimateSites } from '../../src/core/estimate/estimator';
import { capabilitiesOf } from '../../src/core/models/capabilities';
import { adviceCsvValues, adviceMarkdownSection, adviceTableSection } from '../../src/core/report/adviceReport';
import { adviceHoverLines, lifecycleHint } from '../../src/core/report/adviceText';
import { buildReport } from '../../src/core/report/build';
import { evaluatePolicy } from '../../src/core/report/policy';
import type { PolicyBook } from '../../src/core/teamFiles/teamTypes';
import type { CallSite, LifecycleAlert, ModelResolution, Report, SiteEstimate } from '../../src/core/types';
import { makeSite } from '../fixtures/cli/sites';

const r0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const NOW = new Date('2026-12-06T00:00:00Z');

function site(model: string, over: Partial<CallSite> = {}): CallSite {
  return {
    id: `a.py#1:${model}`, file: 'a.py', range: r0, line: 1, provider: 'openai', via: 'sdk', api: 'chat', method: 'chat.completions.create',
    model: { id: model, canonical: model, resolution: { kind: 'literal' } }, stream: false, params: {},
    prompt: [{ role: 'user', kind: 'literal', text: 'How do I reset my password?', range: r0 }], loops: [], confidence: 'high', ...over,
  };
}
async function advise(s: CallSite): Promise<SiteEstimate> {
  return (await estimateSites([s], { settings: defaultSettings, team: emptyTeamConfig, now: NOW }))[0]!;
}

describe('advice: feature fit', () => {
  const base = { tools: false, vision: false, jsonSchema: false, reasoning: false, inputMax: 1000, inputEstimated: false, output: 500, outputFromCode: true } as const;
  it('a feature the model lacks does not fit; one the data does not give is unknown, never a pass', () => {
    const needs = { ...base, vision: true };
    // LiteLLM: o3-mini has supports_vision false; deepseek-chat has no supports_vision key at all.
    assert.equal(overallFit(featureFit(needs, capabilitiesOf('openai', 'o3-mini'))), false);
    assert.equal(featureFit(needs, capabilitiesOf('deepseek', 'deepseek-chat')).find((f) => f.feature === 'vision')?.fits, null);
    assert.equal(overallFit(featureFit({ ...base, tools: true }, capabilitiesOf('deepseek', 'deepseek-reasoner'))), false, 'supports_function_calling false');
    assert.equal(overallFit(featureFit(needs, undefined)), null);
  });
  it('context and output limits are compared with the call\'s largest input and its max_tokens', () => {
    const gpt4oMini = capabilitiesOf('openai', 'gpt-4o-mini');
    assert.equal(featureFit({ ...base, inputMax: 200_000 }, gpt4oMini).find((f) => f.feature === 'context')?.fits, false, '128,000 max input');
    assert.equal(featureFit({ ...base, output: 20_000 }, gpt4oMini).find((f) => f.feature === 'max-output')?.fits, false, '16,384 max output');
    assert.equal(overallFit(featureFit(base, gpt4oMini)), true);
  });
  it('OpenAI reasoning models do not fit a call that sets max_tokens', () => {
    const needs = { ...base, maxTokensParam: 'max_tokens' };
    assert.equal(featureFit(needs, capabilitiesOf('openai', 'gpt-5.4-mini')).find((f) => f.feature === 'parameters')?.fits, false);
    assert.equal(featureFit({ ...needs, maxTokensParam: 'max_completion_tokens' }, capabilitiesOf('openai', 'gpt-5.4-mini')).find((f) => f.feature === 'parameters'), undefined);
    assert.equal(featureFit(needs, capabilitiesOf('openai', 'gpt-4o-mini')).find((f) => f.feature === 'parameters'), undefined);
  });
  it('reads tools, image input, response_format and reasoning parameters from the call', async () => {
    const e = await advise(site('gpt-4o', { params: { tools: true, responseFormat: true, reasoningEffort: 'low' }, prompt: [{ role: 'image', kind: 'dynamic', range: r0 }] }));
    const n = callNeeds(e);
    assert.deepEqual([n.tools, n.vision, n.jsonSchema, n.reasoning], [true, true, true, true]);
  });
});

describe('advice: cheaper models', () => {
  it('excludes models that do not fit: image input rules out models without vision, reasoning parameters non-reasoning ones', async () => {
    const vision = await advise(site('gpt-4o', { prompt: [{ role: 'user', kind: 'literal', text: 'Describe this.', range: r0 }, { role: 'image', kind: 'dynamic', range: r0 }] }));
    const fits = vision.advice!.alternatives.map((a) => a.fit.find((f) => f.feature === 'vision')?.fits);
    assert.ok(!fits.includes(false), 'no model without image input');
    // Within a group a proven fit comes before an unknown one.
    vision.advice!.alternatives.forEach((a, i, all) => {
      const later = all.slice(i + 1).filter((b) => b.kind === a.kind);
      if (a.fit.some((f) => f.fits === null)) assert.ok(later.every((b) => b.fit.some((f) => f.fits === null)), `${a.model} before a proven fit`);
    });
    const reasoning = await advise(site('o3-pro', { params: { reasoningEffort: 'high' } }));
    for (const a of reasoning.advice!.alternatives) assert.equal(a.fit.find((f) => f.feature === 'reasoning')?.fits, true, a.model);
  });
  it('never suggests a deprecated model, and every saving is at least 10 %', async () => {
    const e = await advise(site('gpt-5.5'));
    for (const a of e.advice!.alternatives) {
      assert.ok(!['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'o3', 'o4-mini', 'gpt-4.1-nano'].includes(a.model), a.model);
      assert.ok(a.savingShare >= 0.1, `${a.model} ${a.savingShare}`);
      assert.ok(Math.abs(a.savingPerMonth - (e.cost.perMonth!.expected - a.perMonth.expected)) < 1e-9);
    }
  });
  it('same provider first (its cheaper sibling before the rest), then at most one other provider', async () => {
    const e = await advise(site('claude-sonnet-4-5', { provider: 'anthropic', api: 'messages' }));
    const kinds = e.advice!.alternatives.map((a) => a.kind);
    assert.equal(e.advice!.alternatives[0]?.model, 'claude-haiku-4-5');
    assert.equal(kinds[0], 'family');
    assert.deepEqual([...kinds].sort((a, b) => ['family', 'provider', 'cross-provider'].indexOf(a) - ['family', 'provider', 'cross-provider'].indexOf(b)), kinds);
    assert.ok(kinds.filter((k) => k === 'cross-provider').length <= 1);
    assert.equal(e.advice!.alternatives.find((a) => a.kind === 'cross-provider')?.samePlatform, false);
  });
  it('says why there is none: unknown price, embeddings, a host with its own ids', async () => {
    assert.match((await advise(site('my-finetune-x'))).advice!.noAlternatives!, /cost is unknown/);
    assert.match((await advise(site('text-embedding-3-small', { api: 'embeddings' }))).advice!.noAlternatives!, /embeddings/);
    assert.match((await advise(site('llama-3.1-8b-instant', { provider: 'groq' }))).advice!.noAlternatives ?? 'none', /groq|unknown/);
  });
  it('an ignored site gets no advice', async () => {
    assert.equal((await advise(site('gpt-4-vision-preview', { ignored: true }))).advice, undefined);
  });
});

describe('advice: where the model string is written', () => {
  const estimate = (model: string, resolution: ModelResolution, text: string, extra: Partial<SiteEstimate> = {}): SiteEstimate => {
    const lines = text.split('\n');
    const callLine = lines.findIndex((l) => l.includes('create('));
    const s = makeSite({ file: 'a.py', line: callLine + 1, perMonth: 10, model });
    return { ...s, site: { ...s.site, model: { id: model, canonical: model, resolution }, range: { start: { line: callLine, character: 0 }, end: { line: callLine + 3, character: 0 } } }, ...extra };
  };
  it('a constant assigned once', () => {
    const text = 'MODEL = "gpt-4o"\nOTHER = "gpt-4o"\nclient.chat.completions.create(\n  model=MODEL,\n)\n';
    const loc = modelInDocument(text, estimate('gpt-4o', { kind: 'constant', name: 'MODEL' }, text));
    assert.ok(!('reason' in loc));
    assert.deepEqual(loc.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 15 } });
  });
  it('an ambiguous constant (assigned twice) is left to the user', () => {
    const text = 'MODEL = "gpt-4o"\nif x:\n    MODEL = "gpt-4o"\nclient.chat.completions.create(\n  model=MODEL,\n)\n';
    assert.match((modelInDocument(text, estimate('gpt-4o', { kind: 'constant', name: 'MODEL' }, text)) as { reason: string }).reason, /2 times/);
  });
  it('a literal is searched only inside the call', () => {
    const text = 'print("gpt-4o")\nclient.chat.completions.create(\n  model="gpt-4o",\n)\n';
    const loc = modelInDocument(text, estimate('gpt-4o', { kind: 'literal' }, text));
    assert.ok(!('reason' in loc) && loc.range.start.line === 2);
  });
  it('an import is another file: never edited from here', () => {
    const text = 'from cfg import MODEL\nclient.chat.completions.create(\n  model=MODEL,\n)\n';
    assert.match((modelInDocument(text, estimate('gpt-4o', { kind: 'imported', file: 'cfg.py', name: 'MODEL' }, text)) as { reason: string }).reason, /cfg\.py/);
  });
  it('the annotation that sets the model', () => {
    const text = '# tokentier: calls/day=10 model=gpt-4o\nclient.chat.completions.create(\n  model=m,\n)\n';
    const base = estimate('gpt-4o', { kind: 'unknown', expression: 'm' }, text);
    const e: SiteEstimate = { ...base, site: { ...base.site, model: { id: null, canonical: null, resolution: { kind: 'unknown', expression: 'm' } }, annotation: { text: 'calls/day=10 model=gpt-4o', line: 1 } }, usage: { ...base.usage, model: { value: 'gpt-4o', source: { source: 'annotation', label: 'annotation' } } } };
    const loc = modelInDocument(text, e);
    assert.ok(!('reason' in loc));
    assert.equal(text.split('\n')[0]!.slice(loc.range.start.character, loc.range.end.character), 'gpt-4o');
  });
  it('the usage-file entry, and only inside that entry', () => {
    const yml = 'sites:\n  - match: { file: "a.py", line: 3 }\n    calls/day: 5\n    model: "gpt-4o"\n  - match: { file: "b.py" }\n    model: gpt-4o\n';
    const loc = modelInUsageFile(yml, 2, 'gpt-4o');
    assert.ok(!('reason' in loc));
    assert.deepEqual([loc.range.start.line, yml.split('\n')[3]!.slice(loc.range.start.character, loc.range.end.character)], [3, 'gpt-4o']);
    assert.ok('reason' in modelInUsageFile('sites:\n  - match: { file: "a.py" }\n    calls/day: 5\n  - match: { file: "b.py" }\n    model: gpt-4o\n', 2, 'gpt-4o'));
  });
  it('keeps the wrappers the code writes', () => {
    assert.equal(replacementText('openai/gpt-4o', 'gpt-4o-mini'), 'openai/gpt-4o-mini');
    assert.equal(replacementText('models/gemini-2.0-flash', 'gemini-3.6-flash'), 'models/gemini-3.6-flash');
    assert.equal(replacementText('gpt-4o', 'gpt-4o-mini'), 'gpt-4o-mini');
  });
});

function withLifecycle(file: string, line: number, l: Partial<LifecycleAlert> & Pick<LifecycleAlert, 'status'>): SiteEstimate {
  const s = makeSite({ file, line, perMonth: 100, model: 'gpt-4-0314' });
  const alert: LifecycleAlert = { platform: 'openai', platformName: 'OpenAI API', model: 'gpt-4-0314', shutdownAsWritten: l.shutdown ?? 'To be announced', source: { source: 'bundled', label: 'OpenAI API docs: Deprecations (copy of 2026-06-27)' }, ...l };
  return { ...s, advice: { lifecycle: alert, alternatives: [] } };
}

describe('advice: the deprecated policy rule', () => {
  const report: Report = buildReport({
    root: '/r', currency: 'USD', profile: 'expected', generatedAt: new Date(0),
    estimates: [
      withLifecycle('a.py', 1, { status: 'retired', shutdown: '2026-03-26', replacement: 'gpt-5 or gpt-4.1*', migration: { model: 'gpt-5', perMonth: { min: 10, expected: 40, max: 80 }, deltaPerMonth: -60 } }),
      withLifecycle('b.py', 2, { status: 'deprecated', shutdown: '2027-01-05', daysLeft: 30 }),
      withLifecycle('c.py', 3, { status: 'deprecated', shutdown: '2027-06-01', daysLeft: 177 }),
      withLifecycle('d.py', 4, { status: 'scheduled', shutdown: '2027-01-01', daysLeft: 26 }),
      { ...withLifecycle('e.py', 5, { status: 'retired', shutdown: '2026-03-26' }), site: { ...withLifecycle('e.py', 5, { status: 'retired' }).site, ignored: true } },
    ],
  });
  const book = (deprecated?: PolicyBook['deprecated']): PolicyBook => ({ budgets: {}, rules: [], ...(deprecated ? { deprecated } : {}), source: { source: 'team-file', label: '.tokentier/policy.yml' } });
  it('reports retired and deprecated models as warnings by default (CI passes), ignored sites exempt', () => {
    const r = evaluatePolicy(report);
    assert.equal(r.passed, true);
    assert.deepEqual(r.violations.map((v) => [v.rule, v.file, v.severity]), [['deprecated', 'a.py', 'warning'], ['deprecated', 'b.py', 'warning'], ['deprecated', 'c.py', 'warning']]);
    assert.match(r.violations[0]!.message, /a\.py:1 calls gpt-4-0314, retired 2026-03-26 on OpenAI API; replacement gpt-5 or gpt-4\.1\* → priced as gpt-5: -\$60\.00\/month/);
  });
  it('--fail-on-deprecated and the policy file\'s severity make CI fail', () => {
    assert.equal(evaluatePolicy(report, undefined, { failOnDeprecated: true }).passed, false);
    assert.equal(evaluatePolicy(report, book({ severity: 'error' })).passed, false);
    assert.equal(evaluatePolicy(report, book({ severity: 'info' })).violations.every((v) => v.severity === 'info'), true);
  });
  it('withinDays keeps retired models and those shutting down within the window (a schedule too)', () => {
    const r = evaluatePolicy(report, book({ severity: 'error', withinDays: 60 }));
    assert.deepEqual(r.violations.map((v) => v.file), ['a.py', 'b.py', 'd.py']);
  });
});

describe('advice: text surfaces', () => {
  const retired = withLifecycle('a.py', 1, { status: 'retired', shutdown: '2026-03-26', replacement: 'gpt-4o', migration: { model: 'gpt-4o', perMonth: { min: 10, expected: 40, max: 80 }, deltaPerMonth: -60 } });
  it('the lens hint names the state and date; a schedule far away says nothing', () => {
    assert.equal(lifecycleHint(retired), '⚠ retired 2026-03-26');
    assert.equal(lifecycleHint(withLifecycle('a.py', 1, { status: 'deprecated', shutdown: '2027-01-05', daysLeft: 30 })), '⚠ retires 2027-01-05');
    assert.equal(lifecycleHint(withLifecycle('a.py', 1, { status: 'scheduled', shutdown: '2028-01-05', daysLeft: 700 })), '');
  });
  it('the hover says retired, the replacement and the monthly delta, and escapes Markdown', () => {
    const md = adviceHoverLines(retired, 'gpt-4-0314').join('\n');
    assert.match(md, /\*\*Retired model\*\*/);
    assert.match(md, /replacement gpt\\-4o\\: −\\\$60\\\/mo at this site\\'s usage/);
    assert.ok(!/\[|\]\(/.test(md.replace(/\\\[|\\\]/g, '')), 'no link can be formed from data');
  });
  it('table, Markdown and CSV carry the alert', () => {
    const report = buildReport({ root: '/r', currency: 'USD', profile: 'expected', generatedAt: new Date(0), estimates: [retired] });
    assert.match(adviceTableSection(report), /a\.py:1 {2}gpt-4-0314 \(OpenAI API\): retired 2026-03-26; replacement gpt-4o: -\$60\.00\/month/);
    assert.match(adviceMarkdownSection(report).join('\n'), /### Deprecated or retired models/);
    assert.deepEqual(adviceCsvValues(retired), ['retired', '2026-03-26', 'gpt-4o', -60, undefined, null]);
  });
});
