/**
 * Bad configuration (issue 10): every setting with a wrong type or range, price books and usage files with syntax
 * errors, unknown models, negative or absurd prices, duplicate keys and huge files. Each must give a clear message
 * naming the file, line and field (or the setting), fall back for that one field or entry while the rest applies,
 * never throw, and write nothing.
 *
 * Expected values are the documented defaults (package.json › contributes.configuration, docs) and line numbers
 * counted by hand in the texts below.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/run';
import { defaultSettings, parseSettings, type Settings } from '../../src/core/config/settings';
import { estimateSitesWithDiagnostics } from '../../src/core/estimate/estimator';
import type { FileProvider } from '../../src/core/fileProvider';
import { loadTeamConfig } from '../../src/core/teamFiles/loadTeamConfig';
import type { CallSite, Diagnostic, Range } from '../../src/core/types';

/** An in-memory FileProvider that records every call (it has no write method: the interface cannot write). */
function memoryFiles(map: Record<string, string>, calls: string[] = []): FileProvider {
  return {
    readText: async (p) => (calls.push(`readText ${p}`), map[p]),
    list: async (p) => (calls.push(`list ${p}`), undefined),
    stat: async (p) => (calls.push(`stat ${p}`), map[p] === undefined ? undefined : { type: 'file', size: Buffer.byteLength(map[p]!), mtime: 0 }),
  };
}

const r0: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
function site(model: string | null, over: Partial<CallSite> = {}): CallSite {
  return {
    id: `a.py#1:create:${model}`, file: 'a.py', range: r0, line: 1, provider: 'openai', via: 'sdk', api: 'chat', method: 'chat.completions.create',
    model: model === null ? { id: null, canonical: null, resolution: { kind: 'unknown', expression: 'cfg.model' } } : { id: model, canonical: model, resolution: { kind: 'literal' } },
    stream: false, params: {}, prompt: [{ role: 'user', kind: 'literal', text: 'Hello there', range: r0 }], loops: [], confidence: 'high', ...over,
  };
}

const lineOf = (d: Diagnostic): number | undefined => (d.range ? d.range.start.line + 1 : undefined);
const describeAll = (ds: readonly Diagnostic[]): string => ds.map((d) => `${d.code} ${d.file ?? ''}:${lineOf(d) ?? ''} ${d.message}`).join('\n');

describe('bad configuration', () => {
  describe('settings: every field with a wrong type or out of range falls back alone and is named', () => {
    // key → [a valid non-default value, a bad value, the documented default (package.json contributes.configuration),
    // and, when parsing fills in sub-defaults, what the valid value parses to].
    const table: Record<string, [unknown, unknown, unknown, unknown?]> = {
      display: ['inlay', 'sideways', 'codeLens'],
      // Unset: the price book's currency, else USD (src/core/estimate/currency.ts); no package.json default.
      currency: ['EUR', 'usd', undefined],
      exchangeRate: [0.92, -1, undefined],
      exchangeRateSource: ['ECB reference rate 2026-12-01', 42, undefined],
      profile: ['high', '', 'expected'],
      // The per-kind defaults of package.json fill in the kinds the value leaves out.
      'usage.callsPerDay': [{ chat: 5 }, { chat: -1 }, {}, { chat: 5, completion: 1000, responses: 1000, messages: 1000, generate: 1000, embeddings: 10000, images: 100, audio: 100, rerank: 1000, other: 100 }],
      'usage.outputTokens': [{ chat: 50 }, { chat: 1.5 }, {}],
      'usage.cacheHitRate': [0.5, 2, 0],
      'usage.daysPerMonth': [22, 0, 30],
      'usage.loopFanOut': [3, 0, 10],
      priceBook: ['.tokentier/other.json', 42, undefined],
      'budget.perCall': [0.5, -1, undefined],
      'budget.perMonth': [100, 'lots', undefined],
      'diagnostics.enabled': [true, 'yes', false],
      'diagnostics.cheaperModels': [true, 'no', false],
      include: [['src/**'], 'src/**', []],
      exclude: [['dist/**'], [1], []],
      languages: [['python'], ['cobol'], ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'vue', 'svelte', 'jupyter', 'shellscript', 'go', 'java', 'csharp', 'ruby', 'php']],
      includeTests: [true, 'yes', false],
      maxFileSize: [4096, 10, 2097152],
      'tokens.multipliers': [{ claude: 1.2 }, { claude: -1 }, {}],
      'tiers.electricityPricePerKWh': [0.2, -0.1, 0.08],
      'tiers.gridIntensity': [0.5, Number.NaN, 0.37],
      'tiers.users': [40, 0, undefined],
      debounceMs: [100, 99999, 250],
    };

    it('the table covers every setting the schema has (a new setting needs a row here)', () => {
      assert.deepEqual(Object.keys(table).sort(), Object.keys(defaultSettings).sort());
    });

    for (const [key, [, bad, fallback]] of Object.entries(table)) {
      it(`${key}: ${JSON.stringify(bad) ?? String(bad)} → default ${JSON.stringify(fallback)}, issue names it, the other settings apply`, () => {
        const raw: Record<string, unknown> = Object.fromEntries(Object.entries(table).map(([k, [g]]) => [k, g]));
        raw[key] = bad;
        let result: ReturnType<typeof parseSettings>;
        assert.doesNotThrow(() => (result = parseSettings(raw)));
        const { settings, issues } = result!;
        assert.deepEqual(issues.map((i) => i.key), [key]);
        assert.ok(issues[0]!.message.length > 0);
        assert.deepEqual((settings as Record<string, unknown>)[key], fallback);
        for (const [k, [g, , , parsed]] of Object.entries(table)) if (k !== key) assert.deepEqual((settings as Record<string, unknown>)[k], parsed ?? g, `${k} should keep its valid value`);
      });
    }

    it('all fields bad at once: every one named, every one at its default, no throw', () => {
      const raw = Object.fromEntries(Object.entries(table).map(([k, [, b]]) => [k, b]));
      const { settings, issues } = parseSettings(raw);
      assert.deepEqual(issues.map((i) => i.key).sort(), Object.keys(table).sort());
      for (const [k, [, , d]] of Object.entries(table)) assert.deepEqual((settings as Record<string, unknown>)[k], d, k);
    });

    it('hostile shapes (null, arrays, prototype keys, huge strings) never throw and never pollute prototypes', () => {
      const raws: Record<string, unknown>[] = [
        Object.fromEntries(Object.keys(table).map((k) => [k, null])),
        Object.fromEntries(Object.keys(table).map((k) => [k, [[[]]]])),
        JSON.parse('{"__proto__": {"polluted": true}, "usage.callsPerDay": {"__proto__": {"chat": 7}}, "tokens.multipliers": {"constructor": 2}}') as Record<string, unknown>,
        { currency: 'X'.repeat(1_000_000), include: Array.from({ length: 100_000 }, (_, i) => `g${i}/**`) },
      ];
      for (const raw of raws) {
        const { settings } = parseSettings(raw);
        assert.equal(Object.isFrozen(settings), true);
      }
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype was polluted');
    });
  });

  describe('team files (loadTeamConfig over an in-memory FileProvider)', () => {
    const load = (files: Record<string, string>, settings: Settings = defaultSettings, calls?: string[]) => loadTeamConfig(memoryFiles(files, calls), settings, { trusted: true });

    it('YAML syntax error in the price book: an error naming the file and line; the usage file still applies', async () => {
      const prices = ['models:', '  - id: acme', '    prices: { input_mtok: 1, output_mtok: 2', '  - id: other', ''].join('\n');
      const usage = ['defaults:', '  chat:', '    callsPerDay: 42', ''].join('\n');
      const team = await load({ '.tokentier/prices.yaml': prices, '.tokentier/usage.yaml': usage });
      const d = team.diagnostics.filter((x) => x.code === 'price-book');
      assert.ok(d.length >= 1, describeAll(team.diagnostics));
      assert.ok(d.every((x) => x.file === '.tokentier/prices.yaml' && x.severity === 'error'), describeAll(d));
      // The flow mapping opened on line 3 is never closed: the error is on line 3 or the line after it.
      assert.ok(d.some((x) => [3, 4, 5].includes(lineOf(x) ?? 0) && /YAML/.test(x.message)), describeAll(d));
      assert.equal(team.priceBook, undefined);
      assert.equal(team.usage?.defaults.chat?.callsPerDay, 42);
    });

    it('JSON syntax error in the usage file: an error with file and line; the price book still applies', async () => {
      const usage = '{\n  "defaults": {\n    "chat": { "callsPerDay": 42, }\n    "embeddings": {}\n  }\n}\n';
      const prices = '{ "models": [ { "id": "acme", "prices": { "input_mtok": 1 } } ] }';
      const team = await load({ '.tokentier/usage.json': usage, '.tokentier/prices.json': prices });
      const d = team.diagnostics.filter((x) => x.code === 'usage-file');
      // The missing comma is before `"embeddings"` on line 4.
      assert.ok(d.some((x) => x.file === '.tokentier/usage.json' && lineOf(x) === 4 && /JSON/.test(x.message)), describeAll(team.diagnostics));
      assert.deepEqual(team.priceBook?.models.map((m) => m.id), ['acme']);
    });

    it('negative prices are rejected with file/line/field; the other models of the book apply', async () => {
      const prices = [
        'models:',
        '  - id: neg-model', //           line 2
        '    prices:',
        '      input_mtok: -5', //        line 4
        '  - id: fine-model', //          line 5
        '    prices: { input_mtok: 2, output_mtok: 4 }',
        '',
      ].join('\n');
      const team = await load({ '.tokentier/prices.yaml': prices });
      const neg = team.diagnostics.find((d) => d.message.includes('models[0].prices.input_mtok'));
      assert.ok(neg, describeAll(team.diagnostics));
      assert.equal(neg.file, '.tokentier/prices.yaml');
      assert.equal(lineOf(neg), 4);
      assert.deepEqual(team.priceBook?.models.map((m) => m.id), ['fine-model']);
      const { estimates } = await estimateSitesWithDiagnostics([site('fine-model')], { settings: defaultSettings, team });
      // A few input tokens × $2/M plus 300 output tokens × $4/M: a small, positive, finite figure.
      const perCall = estimates[0]!.cost.perCall;
      assert.ok(perCall && perCall.expected > 0.0012 && perCall.expected < 0.002, JSON.stringify(perCall));
    });

    // Unbounded, `input_mtok: 1.0e308` overflowed the monthly cost to Infinity (JSON null) with no diagnostic. Prices are
    // capped at 1,000,000 USD per million tokens (schemas.ts MAX_PRICE); a larger one drops that entry with a message.
    it('an absurd price (1e308 per million tokens) is refused with file/line/field; the entry falls back, money stays finite', async () => {
      const prices = [
        'models:',
        '  - id: absurd-model',
        '    prices: { input_mtok: 1.0e308, output_mtok: 2 }', // line 3
        '  - id: dear-model',
        '    prices: { input_mtok: 1000000, output_mtok: 600 }', // exactly at the cap: accepted
        '',
      ].join('\n');
      const team = await load({ '.tokentier/prices.yaml': prices });
      const d = team.diagnostics.find((x) => x.message.includes('models[0].prices.input_mtok'));
      assert.ok(d, describeAll(team.diagnostics));
      assert.equal(d.file, '.tokentier/prices.yaml');
      assert.equal(lineOf(d), 3);
      assert.match(d.message, /1,000,000/);
      assert.deepEqual(team.priceBook?.models.map((m) => m.id), ['dear-model']);
      const { estimates, diagnostics } = await estimateSitesWithDiagnostics([site('absurd-model'), site('dear-model')], { settings: defaultSettings, team });
      // absurd-model has no price any more (not in the bundled table either): unknown, never a guess.
      assert.equal(estimates[0]!.cost.perCall, null);
      assert.ok(diagnostics.some((x) => x.code === 'unknown-model' && x.message.includes('absurd-model')), describeAll(diagnostics));
      const c = estimates[1]!.cost;
      assert.ok(c.perCall && c.perMonth, JSON.stringify(c));
      assert.ok([c.perCall, c.perDay!, c.perMonth].every((r) => [r.min, r.expected, r.max].every(Number.isFinite)), JSON.stringify(c));
    });

    it('the same cap applies to tier prices and LiteLLM imports (USD per token × 1e6)', async () => {
      const prices = [
        'models:',
        '  - id: tiered-model',
        '    prices:',
        '      input_mtok: { base: 1, tiers: [ { start: 200000, price: 2.0e6 } ] }', // line 4
        'litellm:',
        '  litellm-absurd: { input_cost_per_token: 2, output_cost_per_token: 0.000001 }', // line 6: $2/token = $2M/M
        '  litellm-fine: { input_cost_per_token: 0.000001, output_cost_per_token: 0.000002 }',
        '',
      ].join('\n');
      const team = await load({ '.tokentier/prices.yaml': prices });
      const tier = team.diagnostics.find((x) => x.message.includes('models[0].prices.input_mtok.tiers[0].price'));
      assert.ok(tier, describeAll(team.diagnostics));
      assert.equal(lineOf(tier), 4);
      const lite = team.diagnostics.find((x) => x.message.includes('litellm-absurd'));
      assert.ok(lite && lineOf(lite) === 6 && /input_cost_per_token/.test(lite.message), describeAll(team.diagnostics));
      assert.deepEqual(team.priceBook?.models.map((m) => m.id), ['litellm-fine']);
    });

    it('a cost that still overflows (markup 1e308 on a valid price) is unknown with a reason and a diagnostic, never Infinity', async () => {
      const prices = ['models:', '  - id: acme-model', '    prices: { input_mtok: 1, output_mtok: 2 }', 'adjustments:', '  - markup: 1.0e308', ''].join('\n');
      const team = await load({ '.tokentier/prices.yaml': prices });
      assert.equal(team.priceBook?.adjustments.length, 1, describeAll(team.diagnostics));
      const { estimates, diagnostics } = await estimateSitesWithDiagnostics([site('acme-model')], { settings: defaultSettings, team });
      const c = estimates[0]!.cost;
      assert.equal(c.perCall, null, JSON.stringify(c.perCall));
      assert.equal(c.perMonth, null);
      assert.ok(c.unknownReason && /finite/.test(c.unknownReason), c.unknownReason);
      assert.ok(diagnostics.some((x) => x.code === 'cost-overflow' && x.severity === 'warning' && x.message.includes('acme-model') && x.file === 'a.py'), describeAll(diagnostics));
      // Nothing non-finite anywhere in the estimate (JSON would turn it into null silently).
      assert.doesNotMatch(JSON.stringify(estimates[0], (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? 'NON-FINITE' : v)), /NON-FINITE/);
    });

    it('unknown model: cost is null (never a guess) with a reason and an unknown-model diagnostic; no throw', async () => {
      const { estimates, diagnostics } = await estimateSitesWithDiagnostics([site('gpt-99-hyper-unreleased'), site(null)], { settings: defaultSettings, team: { diagnostics: [] } });
      assert.equal(estimates[0]!.cost.perCall, null);
      assert.ok(estimates[0]!.cost.unknownReason);
      assert.ok(diagnostics.some((d) => d.code === 'unknown-model' && d.message.includes('gpt-99-hyper-unreleased')), describeAll(diagnostics));
      assert.equal(estimates[1]!.cost.perCall, null);
    });

    // Issue 17: a duplicate key used to be a YAML error that dropped the whole price book. It is now a warning naming
    // the line of the duplicate, the last value is used (as for JSON below), and the rest of the file applies.
    it('duplicate keys in YAML: a warning naming the file and the line of the duplicate; the rest applies', async () => {
      const prices = ['currency: EUR', 'exchangeRate: 0.9', 'currency: GBP', 'models:', '  - id: m1', '    prices: { input_mtok: 3 }', ''].join('\n');
      const team = await load({ '.tokentier/prices.yaml': prices });
      const d = team.diagnostics.find((x) => x.code === 'price-book' && /duplicate/i.test(x.message));
      assert.ok(d, describeAll(team.diagnostics));
      assert.equal(d.severity, 'warning');
      assert.equal(lineOf(d), 3);
      assert.match(d.message, /duplicate key "currency" \(first on line 1\)/);
      assert.equal(team.priceBook?.currency?.code, 'GBP');
      assert.deepEqual(team.priceBook?.models.map((m) => m.id), ['m1']);
    });

    // jsonc-parser reports no duplicate keys and getNodeValue keeps the last one; parseFile.ts finds them in the tree.
    it('duplicate keys in a JSON price book are reported with file, line and key; the last value is used', async () => {
      const prices = '{\n  "currency": "EUR",\n  "exchangeRate": 0.9,\n  "currency": "GBP"\n}\n';
      const team = await load({ '.tokentier/prices.json': prices });
      const d = team.diagnostics.find((x) => x.code === 'price-book' && /duplicate/i.test(x.message));
      assert.ok(d, describeAll(team.diagnostics));
      assert.equal(d.file, '.tokentier/prices.json');
      assert.equal(d.severity, 'warning');
      assert.equal(lineOf(d), 4);
      assert.match(d.message, /"currency"/);
      assert.match(d.message, /last value/);
      // As JSON.parse: the second value (GBP) is the one in force.
      assert.equal(team.priceBook?.currency?.code, 'GBP');
    });

    it('duplicate keys nested in a JSON price book are named with their path and line; a single key gives no warning', async () => {
      const prices = [
        '{',
        '  "models": [',
        '    { "id": "m1", "prices": { "input_mtok": 1, "input_mtok": 3 } },', // line 3
        '    { "id": "m2", "prices": { "input_mtok": 2 } }',
        '  ]',
        '}',
        '',
      ].join('\n');
      const team = await load({ '.tokentier/prices.json': prices });
      const dups = team.diagnostics.filter((x) => /duplicate/i.test(x.message));
      assert.equal(dups.length, 1, describeAll(team.diagnostics));
      assert.equal(lineOf(dups[0]!), 3);
      assert.match(dups[0]!.message, /models\[0\]\.prices: duplicate key "input_mtok"/);
      assert.deepEqual(team.priceBook?.models.map((m) => [m.id, m.prices]), [['m1', { input_mtok: 3 }], ['m2', { input_mtok: 2 }]]);
    });

    it('wrong types in the usage file: each bad entry named with file/line/field, the good ones apply', async () => {
      const usage = [
        'defaults:',
        '  chat:',
        '    callsPerDay: many', //      line 3: wrong type
        '  embeddings:',
        '    callsPerDay: 500', //       line 5: fine
        'sites:',
        '  - match: { file: "a.py" }', // line 7
        '    cacheHitRate: 3', //        line 8: out of range
        '  - match: { function: f }', // line 9
        '    callsPerDay: 7', //         fine
        'colour: blue', //               line 11: unknown field
        '',
      ].join('\n');
      const team = await load({ '.tokentier/usage.yml': usage });
      const msgs = team.diagnostics.filter((d) => d.code === 'usage-file');
      assert.ok(msgs.every((d) => d.file === '.tokentier/usage.yml'), describeAll(msgs));
      assert.ok(msgs.some((d) => d.message.includes('defaults') && lineOf(d) !== undefined), describeAll(msgs));
      assert.ok(msgs.some((d) => d.message.includes('sites[0]') && d.message.includes('cacheHitRate') && lineOf(d) === 8), describeAll(msgs));
      assert.ok(msgs.some((d) => d.message.includes('colour') && lineOf(d) === 11), describeAll(msgs));
      // Per field (issue 17): sites[0] keeps its match with the bad cacheHitRate left out; defaults.embeddings stays.
      assert.equal(team.usage?.sites.length, 2);
      assert.deepEqual(team.usage?.sites[0]?.values, {});
      assert.equal(team.usage?.sites[1]?.values.callsPerDay, 7);
      assert.equal(team.usage?.defaults.embeddings?.callsPerDay, 500);
    });

    it('a huge price book (2 MB) is not read: an error with the file; the usage file still applies', async () => {
      const huge = `models:\n${'  - id: m\n    prices: { input_mtok: 1 }\n'.repeat(50_000)}`;
      assert.ok(huge.length > 2_000_000);
      const t0 = performance.now();
      const team = await load({ '.tokentier/prices.yaml': huge, '.tokentier/usage.yaml': 'defaults:\n  chat:\n    callsPerDay: 9\n' });
      const ms = performance.now() - t0;
      assert.ok(team.diagnostics.some((d) => d.code === 'price-book' && d.file === '.tokentier/prices.yaml' && d.severity === 'error' && /limit/.test(d.message)), describeAll(team.diagnostics));
      assert.equal(team.priceBook, undefined);
      assert.equal(team.usage?.defaults.chat?.callsPerDay, 9);
      assert.ok(ms < 1000, `refusing a huge file took ${ms.toFixed(0)} ms`);
    });

    it('a YAML alias bomb ("billion laughs") under the size limit is refused quickly with a diagnostic', async () => {
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]', 'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]', 'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]', 'models: [*g]', ''].join('\n');
      const t0 = performance.now();
      const team = await load({ '.tokentier/prices.yaml': bomb });
      assert.ok(performance.now() - t0 < 2000);
      assert.ok(team.diagnostics.some((d) => d.file === '.tokentier/prices.yaml'), describeAll(team.diagnostics));
    });

    it('the priceBook setting pointing at a missing file or outside the workspace: a warning, built-in prices apply', async () => {
      for (const p of ['nope/prices.json', '../../etc/passwd', '/etc/passwd']) {
        const { settings } = parseSettings({ priceBook: p });
        const team = await load({}, settings);
        assert.ok(team.diagnostics.some((d) => d.code === 'price-book' && d.message.includes(p)), describeAll(team.diagnostics));
      }
    });

    it('a FileProvider that throws or rejects (it must not, but a host may) gives a diagnostic, never a throw', async () => {
      const throwing: FileProvider = {
        readText: async () => {
          throw new Error('EIO: disk on fire');
        },
        list: () => Promise.reject(new Error('EIO')),
        stat: async () => ({ type: 'file', size: 10, mtime: 0 }),
      };
      const team = await loadTeamConfig(throwing, defaultSettings, { trusted: true });
      assert.ok(team.diagnostics.length > 0);
      assert.ok(team.diagnostics.some((d) => /EIO/.test(d.message)), describeAll(team.diagnostics));
    });

    it('only reads (readText/stat) and only under .tokentier/ or the priceBook path', async () => {
      const calls: string[] = [];
      const { settings } = parseSettings({ priceBook: 'config/prices.json' });
      await load({ '.tokentier/prices.yaml': 'models: [', 'config/prices.json': '{', '.tokentier/usage.yml': 'defaults: 3' }, settings, calls);
      assert.ok(calls.length > 0);
      for (const c of calls) assert.match(c, /^(readText|stat) (\.tokentier\/|config\/prices\.json$)/, c);
    });
  });

  describe('the CLI with broken team files writes nothing into the workspace', function () {
    this.timeout(60_000);
    let dir: string;
    const snapshot = (): Map<string, string> => {
      const out = new Map<string, string>();
      const walk = (d: string): void => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else {
            const st = fs.statSync(p);
            out.set(path.relative(dir, p), `${createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${st.mtimeMs} ${st.mode}`);
          }
        }
      };
      walk(dir);
      return out;
    };
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-badcfg-'));
      fs.mkdirSync(path.join(dir, '.tokentier'));
      fs.mkdirSync(path.join(dir, '.vscode'));
      fs.writeFileSync(path.join(dir, '.tokentier', 'prices.yaml'), 'models:\n  - id: acme\n    prices: { input_mtok: -1 \n');
      fs.writeFileSync(path.join(dir, '.tokentier', 'usage.json'), '{ "defaults": { "chat": { "callsPerDay": "many" } }, }');
      fs.writeFileSync(path.join(dir, '.tokentier', 'policy.yml'), 'rules: 5\n');
      fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "tokentier.currency": 12, "tokentier.usage.daysPerMonth": 99, // comment\n }');
      fs.writeFileSync(path.join(dir, 'app.py'), 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])\n');
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('scan completes (exit 0), reports the problems with their files, and leaves every file byte- and mtime-identical', async () => {
      const before = snapshot();
      let out = '';
      let err = '';
      const code = await run(['scan', '.', '--format', 'json'], {
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: (s: string) => (err += s) },
        cwd: dir,
        assetDir: path.join(__dirname, '../../src/cli'),
      });
      assert.equal(code, 0, err);
      const report = JSON.parse(out) as { sites: unknown[]; diagnostics: Diagnostic[] };
      assert.equal(report.sites.length, 1, 'the scan still found the call');
      const files = new Set(report.diagnostics.map((d) => d.file));
      for (const f of ['.tokentier/prices.yaml', '.tokentier/usage.json', '.tokentier/policy.yml']) assert.ok(files.has(f), `no diagnostic for ${f}: ${describeAll(report.diagnostics)}`);
      assert.ok(`${err}${describeAll(report.diagnostics)}`.includes('currency'), `the bad tokentier.currency setting is not mentioned:\n${err}`);
      assert.deepEqual(snapshot(), before);
    });
  });
});
