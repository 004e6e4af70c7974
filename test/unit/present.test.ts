import * as assert from 'node:assert/strict';
import {
  HOVER_COMMANDS,
  commandLink,
  compactCount,
  compactMoney,
  describeProvenance,
  escapeHover,
  groupDescription,
  energyLine,
  hoverMarkdown,
  inlayLabel,
  lensTitle,
  siteRow,
  statusText,
} from '../../src/core/report/present';
import type { CallSite, SiteEstimate } from '../../src/core/types';
import { siteEnergyOf } from '../../src/core/models/energy';

const range = { start: { line: 4, character: 2 }, end: { line: 8, character: 3 } };

/** A hand-built estimate: 1,000 input + 200 output tokens of gpt-4o-mini at $0.15/M and $0.60/M. */
function estimate(over: { site?: Partial<CallSite>; assumed?: boolean; priced?: boolean; fanOut?: number } = {}): SiteEstimate {
  const priced = over.priced ?? true;
  // Per call: 1000 × 0.15/1e6 + 200 × 0.60/1e6 = 0.00015 + 0.00012 = 0.00027; per day at 1,000 calls: 0.27;
  // per month (30 days): 8.1.
  return {
    site: {
      id: 'app.py#5:chat.completions.create',
      file: 'app.py',
      range,
      line: 5,
      provider: 'openai',
      via: 'sdk',
      api: 'chat',
      method: 'chat.completions.create',
      model: { id: 'gpt-4o-mini', canonical: 'gpt-4o-mini', resolution: { kind: 'literal' } },
      stream: false,
      params: {},
      prompt: [],
      loops: [],
      confidence: 'high',
      ...over.site,
    },
    tokens: {
      input: { min: 1000, expected: 1000, max: 1000 },
      output: { min: 50, expected: 200, max: 4096 },
      accuracy: 'exact',
      tokenizer: 'o200k_base',
      parts: [{ role: 'user', kind: 'literal', tokens: { min: 1000, expected: 1000, max: 1000 } }],
      inputSource: { source: 'code', label: 'prompt text' },
      outputSource: { source: 'default', label: 'default output for chat' },
    },
    usage: {
      callsPerDay: { value: 1000, source: { source: 'settings', label: 'tokentier.usage.callsPerDay' } },
      fanOut: { value: over.fanOut ?? 1, source: { source: 'default', label: 'no loop' } },
      cacheHitRate: { value: 0, source: { source: 'default', label: 'default' } },
      batchShare: { value: 0, source: { source: 'default', label: 'default' } },
      retryRate: { value: 0, source: { source: 'default', label: 'default' } },
      profile: 'expected',
      assumed: over.assumed ?? true,
    },
    cost: priced
      ? {
          currency: 'USD',
          perCall: { min: 0.0001575, expected: 0.00027, max: 0.0026076 },
          perDay: { min: 0.1575, expected: 0.27, max: 2.6076 },
          perMonth: { min: 4.725, expected: 8.1, max: 78.228 },
          lines: [
            { dimension: 'input', units: 1000, rate: 0.15, amount: 0.00015, source: { source: 'bundled', label: 'genai-prices 0.1.8', date: '2026-09-23' } },
            { dimension: 'output', units: 200, rate: 0.6, amount: 0.00012, source: { source: 'bundled', label: 'genai-prices 0.1.8', date: '2026-09-23' } },
          ],
          priceId: 'openai:gpt-4o-mini',
          provenance: [],
        }
      : { currency: 'USD', perCall: null, perDay: null, perMonth: null, lines: [], unknownReason: 'model unknown', provenance: [] },
  };
}

describe('present: compact numbers', () => {
  it('keeps two significant digits below one unit', () => {
    assert.equal(compactMoney(0.0012, 'USD'), '$0.0012');
    assert.equal(compactMoney(0.00027, 'USD'), '$0.00027');
    assert.equal(compactMoney(0.12, 'USD'), '$0.12');
  });
  it('shows cents below ten and whole units from ten', () => {
    assert.equal(compactMoney(3.6, 'USD'), '$3.60');
    assert.equal(compactMoney(36, 'USD'), '$36');
    assert.equal(compactMoney(1234.4, 'USD'), '$1,234');
    assert.equal(compactMoney(0, 'USD'), '$0');
  });
  it('uses the symbol of known currencies and the code of others', () => {
    assert.equal(compactMoney(36, 'EUR'), '€36');
    assert.equal(compactMoney(36, 'CHF'), 'CHF 36');
  });
  it('abbreviates counts', () => {
    assert.equal(compactCount(950), '950');
    assert.equal(compactCount(1000), '1k');
    assert.equal(compactCount(1500), '1.5k');
    assert.equal(compactCount(10_000), '10k');
    assert.equal(compactCount(2_000_000), '2M');
  });
});

describe('present: hints', () => {
  it('titles a priced lens as in the issue, with the usage caveat when calls/day is assumed', () => {
    // 8.1 → "$8.10"; 0.00027 → "$0.00027"; 1,000 calls/day → "1k".
    assert.equal(lensTitle(estimate()).text, 'gpt-4o-mini · ≈$0.00027/call · $8.10/mo @ 1k/day · cost depends on usage');
    assert.equal(lensTitle(estimate({ assumed: false })).text, 'gpt-4o-mini · ≈$0.00027/call · $8.10/mo @ 1k/day');
  });
  it('counts fan-out in the calls per day', () => {
    assert.match(lensTitle(estimate({ fanOut: 10 })).text, /@ 10k\/day/);
  });
  it('says when the model is unknown and offers to set it', () => {
    const e = estimate({ priced: false, site: { model: { id: null, canonical: null, resolution: { kind: 'unknown', expression: 'cfg.model' } } } });
    assert.deepEqual(lensTitle(e), { text: 'LLM call · price unknown — set model…', state: 'unknown-model' });
    assert.equal(inlayLabel(e).state, 'unknown-model');
  });
  it('distinguishes a known model without a price', () => {
    assert.equal(lensTitle(estimate({ priced: false })).state, 'unknown-price');
  });
  it('marks ignored sites', () => {
    assert.equal(lensTitle(estimate({ site: { ignored: true } })).state, 'ignored');
  });
  it('gives a short inlay label with an asterisk for assumed usage', () => {
    assert.equal(inlayLabel(estimate()).text, '≈$0.00027/call · $8.10/mo*');
    assert.equal(inlayLabel(estimate({ assumed: false })).text, '≈$0.00027/call · $8.10/mo');
  });
});

describe('present: hover Markdown', () => {
  it('escapes data so it cannot open links, HTML or code spans', () => {
    const evil = '[x](command:workbench.action.terminal.new) <img src=x> `code`';
    const out = escapeHover(evil);
    assert.ok(!/(^|[^\\])\[/.test(out), 'every [ is escaped');
    assert.ok(!/(^|[^\\])</.test(out), 'every < is escaped');
    assert.ok(!/(^|[^\\])`/.test(out), 'every backtick is escaped');
    assert.ok(!out.includes('\n'));
  });
  it('builds command links only from the fixed ids, with URI-encoded JSON arguments', () => {
    assert.deepEqual([...HOVER_COMMANDS], ['tokentier.openTierAdvisor', 'tokentier.openUsageAssumptions', 'tokentier.showSiteBreakdown']);
    const link = commandLink('tokentier.openTierAdvisor', [{ uri: 'file:///a b.py', siteId: 'a#1' }]);
    assert.equal(link, `command:tokentier.openTierAdvisor?${encodeURIComponent('[{"uri":"file:///a b.py","siteId":"a#1"}]')}`);
  });
  it('shows output + reasoning capped by the limit in code when the two ranges add up past it', () => {
    const base = estimate({ site: { params: { maxTokens: 1000 } } });
    const withReasoning = (reasoning: { min: number; expected: number; max: number }) => ({ ...base, tokens: { ...base.tokens, output: { min: 50, expected: 200, max: 1000 }, reasoning } });
    const capped = hoverMarkdown({ estimate: withReasoning({ min: 300, expected: 900, max: 1000 }) });
    // min 50 + 300; expected 200 + 900 → 1,000; max 1,000 + 1,000 → 1,000.
    assert.match(capped, /\| output \+ reasoning \(≤ 1,000, the limit in code\) \| 350 \| 1,000 \| 1,000 \|/);
    const under = hoverMarkdown({ estimate: { ...withReasoning({ min: 0, expected: 0, max: 0 }) } });
    assert.doesNotMatch(under, /output \+ reasoning/);
  });
  it('explains the numbers: resolution, tokens, price lines with provenance, usage and monthly cost', () => {
    const md = hoverMarkdown({ estimate: estimate(), linkArgs: { uri: 'file:///w/app.py', siteId: 'app.py#5:chat.completions.create' } });
    assert.match(md, /written in the call/);
    assert.match(md, /\| input \| 1,000 \| 1,000 \| 1,000 \|/);
    assert.match(md, /\| output \| 50 \| 200 \| 4,096 \|/);
    // The input line: 1,000 tok × $0.15/M = $0.00015, from genai-prices with its date (escaped punctuation).
    assert.ok(md.includes('1\\,000 tok × \\$0\\.15\\/M = \\$0\\.00015 — genai\\-prices 0\\.1\\.8 \\(2026\\-09\\-23\\)'), md);
    assert.ok(md.includes('calls/day: 1\\,000 — tokentier\\.usage\\.callsPerDay'));
    assert.ok(md.includes('**Monthly**: \\$8\\.10'));
    assert.ok(md.includes('[Open in Tier Advisor](command:tokentier.openTierAdvisor?'));
    assert.ok(md.includes('[Edit assumptions](command:tokentier.openUsageAssumptions?'));
  });
  it('shows the energy of the call at the provider (EcoLogits-style), with its range, per call and per month', () => {
    // gpt-4o-mini (EcoLogits: 8–28B dense, 1 H100, OpenAI PUE 1.2), 200 generated tokens. Low end: f_E = 1.1665e-6 ×
    // e^(−0.011206 × 64) × 8 + 4.0529e-5 = 4.5085e-5 Wh/token → 0.009017 Wh; ΔT = 200 × (6.7851e-4 × 8 + 3.1193e-4 × 64 +
    // 0.019474) = 8.973 s → server 8.973/3600 × 1,200 W / 8 / 64 = 0.005842 Wh; × 1.2 = 0.017831 Wh. High end (28B):
    // 0.022684 Wh. CO2e × 0.38355 g/Wh (USA). Month: 1,000 calls/day × 30 days × midpoint 0.020257 Wh = 0.6077 kWh.
    const energy = siteEnergyOf('openai', 'gpt-4o-mini', 200, 30000);
    assert.ok(energy);
    assert.ok(Math.abs(energy.whPerCall.min - 0.017831) < 1e-6 && Math.abs(energy.whPerCall.max - 0.022684) < 1e-6, JSON.stringify(energy.whPerCall));
    assert.ok(Math.abs(energy.kwhPerMonth.expected - 0.6077) < 1e-4);
    const e = { ...estimate(), energy };
    assert.equal(energyLine(e), 'Energy ≈ 0.018–0.023 Wh per call (0.0068–0.0087 g CO₂e), 0.61 kWh/month — EcoLogits-style estimate; model size estimated');
    assert.ok(hoverMarkdown({ estimate: e }).includes('Energy ≈ 0\\.018–0\\.023 Wh per call'));
    assert.equal(energyLine(estimate()), 'Energy: n/a — no EcoLogits parameter estimate for gpt-4o-mini');
  });
  it('leaves the links out of exported documents and shows the restricted-mode note', () => {
    const md = hoverMarkdown({ estimate: estimate(), note: 'Restricted Mode' });
    assert.ok(!md.includes('command:'));
    assert.ok(md.includes('*Restricted Mode*'));
  });
  it('escapes a model id from the code', () => {
    const md = hoverMarkdown({ estimate: estimate({ site: { model: { id: 'x](command:evil)', canonical: null, resolution: { kind: 'literal' } } } }) });
    assert.ok(!md.includes('](command:evil)'));
  });
  it('does not repeat a date that the label already carries', () => {
    assert.equal(describeProvenance({ source: 'bundled', label: 'genai-prices 0.1.8 (checked 2026-09-23)', date: '2026-09-23' }), 'genai-prices 0.1.8 (checked 2026-09-23)');
    assert.equal(describeProvenance({ source: 'team-file', label: 'usage', file: '.tokentier/usage.yml', line: 3 }), 'usage · .tokentier/usage.yml:3');
  });
});

describe('present: workspace rows', () => {
  it('writes the status bar text', () => {
    const total = { perMonth: { min: 1, expected: 1234.5, max: 2000 }, perDay: { min: 0, expected: 41.15, max: 70 }, sites: 3, unpriced: 1 };
    assert.equal(statusText({ total, currency: 'USD', scanning: false }), '$(pulse) $1,235/mo (+1 unpriced)');
    assert.equal(statusText({ total, currency: 'USD', scanning: true }), '$(sync~spin) Tokentier: scanning…');
    assert.equal(groupDescription(total, 'USD'), '$1,235/mo · 3 sites · 1 unpriced');
  });
  it('labels a site row by line and method, with model and monthly cost', () => {
    assert.deepEqual(siteRow(estimate()), { label: 'L5 chat.completions.create', description: 'gpt-4o-mini · $8.10/mo' });
    assert.equal(siteRow(estimate({ site: { cell: 2 } })).label, 'cell 3 L5 chat.completions.create');
  });
});
