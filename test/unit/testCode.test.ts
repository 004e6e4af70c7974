/**
 * Test code (issue 25): sites in tests and fixtures are found, flagged `test`, and kept apart: out of the totals,
 * the gates and the workload unless `includeTests`; every total still equals the sum of its parts; diff and the
 * formats say what was left out. Costs here are hand-made estimates with the arithmetic in the comments.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { isTestPath } from '../../src/core/excludes';
import { buildReport, withIncludeTests } from '../../src/core/report/build';
import { diffReports, formatDiffMarkdown } from '../../src/core/report/diff';
import { CSV_COLUMNS, formatCsv, formatMarkdown, formatTable } from '../../src/core/report/format';
import { evaluatePolicy } from '../../src/core/report/policy';
import { hoverMarkdown, lensTitle, siteRow } from '../../src/core/report/present';
import { formatSarifLog } from '../../src/core/report/sarif';
import { buildWorkload } from '../../src/core/tiers/workload';
import type { PolicyBook } from '../../src/core/teamFiles/teamTypes';
import type { CostTotal, Provider, Report, SiteEstimate } from '../../src/core/types';
import { runCli } from './util/runCli';

const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 40 } };

/** A priced estimate costing `month` per month (1,000 calls/day × 30 days, so per call = month / 30,000). */
function est(file: string, month: number | null, over: { test?: boolean; ignored?: boolean; provider?: Provider; model?: string; line?: number } = {}): SiteEstimate {
  const line = over.line ?? 3;
  const model = over.model ?? 'gpt-4o-mini';
  const priced = month !== null;
  return {
    site: {
      id: `${file}#${line}:chat.completions.create`, file, range, line, provider: over.provider ?? 'openai', via: 'sdk', api: 'chat', method: 'chat.completions.create',
      model: { id: model, canonical: model, resolution: { kind: 'literal' } }, stream: false, params: {}, prompt: [], loops: [], confidence: 'high',
      ...(over.test ? { test: true } : {}), ...(over.ignored ? { ignored: true } : {}),
    },
    tokens: {
      input: { min: 100, expected: 100, max: 100 }, output: { min: 10, expected: 100, max: 1000 }, accuracy: 'exact', tokenizer: 'o200k_base', parts: [],
      inputSource: { source: 'code', label: 'prompt text' }, outputSource: { source: 'default', label: 'default output' },
    },
    usage: {
      callsPerDay: { value: 1000, source: { source: 'default', label: 'default' } }, fanOut: { value: 1, source: { source: 'default', label: 'no loop' } },
      cacheHitRate: { value: 0, source: { source: 'default', label: 'default' } }, batchShare: { value: 0, source: { source: 'default', label: 'default' } },
      retryRate: { value: 0, source: { source: 'default', label: 'default' } }, profile: 'expected', assumed: true,
    },
    cost: priced
      ? { currency: 'USD', perCall: { min: month / 60000, expected: month / 30000, max: month / 10000 }, perDay: { min: month / 60, expected: month / 30, max: month / 10 }, perMonth: { min: month / 2, expected: month, max: month * 3 }, lines: [], priceId: `openai:${model}`, provenance: [] }
      : { currency: 'USD', perCall: null, perDay: null, perMonth: null, lines: [], unknownReason: 'no price', provenance: [] },
  };
}

/**
 * app.py $8.10 and svc/answer.ts $20.00 (anthropic) count; tests/test_app.py $5.00 and tests/test_unpriced.py
 * (no price) are test code; src/chat.test.ts $2.00 is test code and ignored (never counted, not even among tests).
 */
function sample(includeTests: boolean): Report {
  return buildReport({
    root: '.', currency: 'USD', profile: 'expected', includeTests, generatedAt: new Date('2026-12-06T00:00:00Z'),
    estimates: [
      est('app.py', 8.1),
      est('svc/answer.ts', 20, { provider: 'anthropic', model: 'claude-haiku-4-5' }),
      est('tests/test_app.py', 5, { test: true }),
      est('tests/test_unpriced.py', null, { test: true, model: 'my-model' }),
      est('src/chat.test.ts', 2, { test: true, ignored: true }),
    ],
  });
}

function sum(parts: readonly CostTotal[]): { expected: number; sites: number; unpriced: number } {
  return parts.reduce((a, t) => ({ expected: a.expected + t.perMonth.expected, sites: a.sites + t.sites, unpriced: a.unpriced + t.unpriced }), { expected: 0, sites: 0, unpriced: 0 });
}

describe('test code: which paths are test code', () => {
  it('follows the test runners\' conventions (pytest, Jest, Vitest, Mocha, RSpec, Go, jscodeshift)', () => {
    const yes = ['tests/test_llm.py', 'pkg/tests/helpers.py', 'test_app.py', 'app_test.py', 'conftest.py', 'src/generate-text.test.ts', 'src/x.spec.tsx', 'a/__tests__/b.js',
      'codemod/__testfixtures__/replace.input.ts', 'src/__mocks__/openai.ts', 'spec/client_spec.rb', 'test/index.mjs', 'e2e/openai.test.ts', 'examples/e2e/feature-test-suite.ts', 'pkg/testdata/x.go', 'smoke_test.sh'];
    const no = ['app.py', 'src/latest.py', 'contest.py', 'attestation/sign.py', 'src/testimonials.ts', 'src/protest/test.md', 'testing.py', 'src/tests.py', 'src/spec.ts', 'docs/testing-guide/intro.ipynb'];
    for (const p of yes) assert.equal(isTestPath(p), true, p);
    for (const p of no) assert.equal(isTestPath(p), false, p);
  });
});

describe('test code: totals, report, gates, formats', () => {
  it('leaves test code out of every total by default; each total is the sum of its parts; tests are totalled apart', () => {
    const r = sample(false);
    assert.equal(r.includeTests, false);
    assert.equal(r.sites.length, 5, 'every site is still listed');
    // 8.10 + 20.00 = 28.10 over two sites.
    assert.equal(r.totals.workspace.perMonth.expected.toFixed(2), '28.10');
    assert.equal(r.totals.workspace.sites, 2);
    assert.deepEqual(r.totals.byFile.map((f) => f.file), ['app.py', 'svc/answer.ts']);
    for (const parts of [r.totals.byFile.map((x) => x.total), r.totals.byProvider.map((x) => x.total), r.totals.byModel.map((x) => x.total)]) {
      const s = sum(parts);
      assert.equal(s.expected.toFixed(6), r.totals.workspace.perMonth.expected.toFixed(6));
      assert.equal(s.sites, r.totals.workspace.sites);
      assert.equal(s.unpriced, r.totals.workspace.unpriced);
    }
    // The tests' own total: test_app.py $5.00 and the unpriced one; the ignored test site is not in it.
    assert.deepEqual([r.totals.tests.perMonth.expected, r.totals.tests.sites, r.totals.tests.unpriced], [5, 2, 1]);
  });

  it('counts test code with includeTests, and the parts still add up', () => {
    const r = sample(true);
    // 28.10 + 5.00 = 33.10 over four sites (one unpriced); the ignored test site stays out.
    assert.equal(r.totals.workspace.perMonth.expected.toFixed(2), '33.10');
    assert.deepEqual([r.totals.workspace.sites, r.totals.workspace.unpriced], [4, 1]);
    assert.ok(r.totals.byFile.some((f) => f.file === 'tests/test_app.py'));
    for (const parts of [r.totals.byFile.map((x) => x.total), r.totals.byProvider.map((x) => x.total), r.totals.byModel.map((x) => x.total)]) {
      const s = sum(parts);
      assert.equal(s.expected.toFixed(6), r.totals.workspace.perMonth.expected.toFixed(6));
      assert.deepEqual([s.sites, s.unpriced], [r.totals.workspace.sites, r.totals.workspace.unpriced]);
    }
    assert.deepEqual([r.totals.tests.perMonth.expected, r.totals.tests.sites], [5, 2]);
  });

  it('the report with test flags validates against schemas/report.schema.json', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/report.schema.json'), 'utf8')) as object);
    for (const r of [sample(false), sample(true)]) assert.equal(validate(JSON.parse(JSON.stringify(r))), true, JSON.stringify(validate.errors));
  });

  it('keeps test code out of budget gates unless the report counts it', () => {
    const budgets: PolicyBook = { budgets: { perSitePerMonth: 4, totalPerMonth: 30 }, rules: [], source: { source: 'team-file', label: '.tokentier/policy.yml' } };
    const off = evaluatePolicy(sample(false), budgets);
    // app.py ($8.10) and answer.ts ($20.00) are above $4 per site; the total $28.10 is within $30.
    assert.deepEqual(off.violations.map((v) => v.file ?? v.rule).sort(), ['app.py', 'svc/answer.ts']);
    const on = evaluatePolicy(sample(true), budgets);
    // Counting tests: test_app.py ($5.00) breaks the per-site budget too, and $33.10 breaks the total.
    assert.deepEqual(on.violations.map((v) => v.file ?? v.rule).sort(), ['app.py', 'svc/answer.ts', 'tests/test_app.py', 'total-above']);
    assert.equal(evaluatePolicy(sample(false), undefined, { failOnTotalAbove: 30 }).passed, true);
    assert.equal(evaluatePolicy(sample(true), undefined, { failOnTotalAbove: 30 }).passed, false);
  });

  it('says in every format what the totals leave out, and flags test sites', () => {
    const r = sample(false);
    assert.match(formatTable(r), /Total: \$28\.10\/month .* across 2 site\(s\) in 2 file\(s\); 2 test-code sites \(\$5\.00\/month, 1 unpriced\) not counted \(--include-tests counts them\)/);
    assert.match(formatTable(r), /tests\/test_app\.py:3 .* \$5\.00 \(test\)/);
    assert.match(formatMarkdown(r), /2 test\\?-code sites/);
    assert.equal(CSV_COLUMNS[CSV_COLUMNS.length - 1], 'test');
    const rows = formatCsv(r).trim().split('\r\n');
    assert.deepEqual(rows.slice(1).map((row) => row.split(',').pop()), r.sites.map((e) => String(e.site.test === true)));
    const sarif = formatSarifLog(r);
    const testResult = sarif.runs[0]!.results.find((x) => x.locations?.[0]?.physicalLocation.artifactLocation.uri === 'tests/test_app.py')!;
    assert.equal((testResult.properties as { test?: boolean }).test, true);
    assert.match(testResult.message.text, /Test code: not included in totals\.$/);
    assert.match(formatTable(sample(true)), /2 of them in test code \(\$5\.00\/month, 1 unpriced\), counted/);
  });

  it('marks test sites in lenses, hovers and tree rows', () => {
    const e = est('tests/test_app.py', 5, { test: true });
    assert.match(lensTitle(e).text, / · test code$/);
    assert.match(hoverMarkdown({ estimate: e }), /Test code: listed apart and left out of totals/);
    assert.match(siteRow(e).description, / · test$/);
    assert.doesNotMatch(lensTitle(est('app.py', 5)).text, /test/);
  });

  it('leaves test code out of the tiers workload when the report does not count it', () => {
    const r = sample(false);
    // 1,000 calls/day per counted site: app.py and answer.ts = 2,000; with the priced and unpriced test sites, 4,000.
    assert.equal(buildWorkload(r.sites, { label: 'w', includeTests: false }).workload?.requestsPerDay, 2000);
    assert.equal(buildWorkload(r.sites, { label: 'w', includeTests: true }).workload?.requestsPerDay, 4000);
  });
});

describe('test code: diff', () => {
  /** A report as schema 1.0.0 wrote it: no includeTests, no totals.tests, no test flag on sites. */
  function legacy(r: Report): Report {
    const { includeTests: _i, totals, ...rest } = r;
    const { tests: _t, ...oldTotals } = totals;
    return { ...rest, schemaVersion: '1.0.0', sites: r.sites.map((e) => ({ ...e, site: (({ test: _x, ...s }) => s)(e.site) })), totals: oldTotals } as unknown as Report;
  }

  it('recounts a base from before the test flag by path, so test code changes no delta', () => {
    const base = legacy(buildReport({ root: '.', currency: 'USD', profile: 'expected', estimates: [est('app.py', 8.1), est('tests/test_app.py', 5, { test: true })] }));
    // The 1.0.0 writer counted everything: 13.10.
    const legacyTotals = { ...base.totals, workspace: { ...base.totals.workspace, perMonth: { min: 6.55, expected: 13.1, max: 39.3 }, sites: 2 } };
    const head = buildReport({ root: '.', currency: 'USD', profile: 'expected', includeTests: false, estimates: [est('app.py', 8.1), est('tests/test_app.py', 7, { test: true }), est('tests/test_new.py', 3, { test: true })] });
    const d = diffReports({ ...base, totals: legacyTotals }, head);
    // Both totals are the app's $8.10: the tests' $5 → $7 and the new $3 test are listed apart.
    assert.deepEqual([d.baseTotalPerMonth, d.headTotalPerMonth, d.deltaPerMonth], [8.1, 8.1, 0]);
    assert.equal(d.uncountedTests, 2);
    assert.equal(d.includeTestsNote, undefined);
    const md = formatDiffMarkdown(d);
    assert.match(md, /No counted call site changed\./);
    assert.match(md, /2 test-code call site\(s\) new, changed or removed; not counted/);
  });

  it('recounts a base that counted test code when the head does not, and says so', () => {
    const base = sample(true);
    const head = sample(false);
    const d = diffReports(base, head);
    assert.deepEqual([d.baseTotalPerMonth.toFixed(2), d.headTotalPerMonth.toFixed(2)], ['28.10', '28.10']);
    assert.match(d.includeTestsNote ?? '', /base report counted test code; it was recounted/);
    assert.match(formatDiffMarkdown(d), /> Note: the base report counted test code/);
    // And the other way round: a head that counts tests recounts a base that did not.
    const d2 = diffReports(sample(false), sample(true));
    assert.deepEqual([d2.baseTotalPerMonth.toFixed(2), d2.headTotalPerMonth.toFixed(2)], ['33.10', '33.10']);
  });

  it('withIncludeTests leaves a current report that already decided alike untouched', () => {
    const r = sample(false);
    assert.equal(withIncludeTests(r, false), r);
    assert.equal(withIncludeTests(r, true).totals.workspace.perMonth.expected.toFixed(2), '33.10');
  });
});

describe('test code: the CLI gate (--include-tests)', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-tests-'));
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.writeFileSync(path.join(dir, 'app.py'), 'from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])\n');
    // A live test calling a far dearer model: it would dominate the total if it counted.
    fs.writeFileSync(path.join(dir, 'tests', 'test_live.py'), 'from openai import OpenAI\n\n\ndef test_live():\n    client = OpenAI()\n    r = client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": "hi"}])\n    assert r\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('flags the test site, leaves it out of the total and the gate, and counts it with --include-tests', async () => {
    const off = await runCli(['scan', '--format', 'json'], dir);
    const on = await runCli(['scan', '--format', 'json', '--include-tests'], dir);
    assert.equal(off.code, 0);
    const a = JSON.parse(off.out) as Report;
    const b = JSON.parse(on.out) as Report;
    assert.deepEqual(a.sites.map((e) => [e.site.file, e.site.test === true]), [['app.py', false], ['tests/test_live.py', true]]);
    assert.deepEqual([a.includeTests, a.totals.workspace.sites, a.totals.tests.sites], [false, 1, 1]);
    assert.deepEqual([b.includeTests, b.totals.workspace.sites, b.totals.tests.sites], [true, 2, 1]);
    const appOnly = a.sites.find((e) => e.site.file === 'app.py')!.cost.perMonth!.expected;
    const testOnly = a.sites.find((e) => e.site.file === 'tests/test_live.py')!.cost.perMonth!.expected;
    // The totals are the sums of the sites they count (the same sites in both runs).
    assert.equal(a.totals.workspace.perMonth.expected.toFixed(6), appOnly.toFixed(6));
    assert.equal(b.totals.workspace.perMonth.expected.toFixed(6), (appOnly + testOnly).toFixed(6));
    // A budget between the two totals: met without the test code, broken with it.
    const budget = String((appOnly + (appOnly + testOnly)) / 2);
    assert.equal((await runCli(['scan', '--fail-on-total-above', budget], dir)).code, 0);
    const fail = await runCli(['scan', '--fail-on-total-above', budget, '--include-tests'], dir);
    assert.equal(fail.code, 1);
    assert.match(fail.err, /FAIL: Expected monthly total/);
    const table = await runCli(['scan'], dir);
    assert.match(table.out, /1 test-code site \(\$[\d.,]+\/month\) not counted \(--include-tests counts them\)/);
  });

  it('diff recounts a saved report that decided otherwise and says so', async () => {
    const saved = path.join(dir, 'base.json');
    fs.writeFileSync(saved, (await runCli(['scan', '--format', 'json', '--include-tests'], dir)).out);
    try {
      const d = await runCli(['diff', '--base', saved, '--format', 'markdown'], dir);
      assert.equal(d.code, 0);
      assert.match(d.out, /> Note: the base report counted test code; it was recounted to leave out test code/);
      // Same code, recounted alike: no change.
      assert.match(d.out, /\*\*\$([\d.]+) → \$\1\*\* \(\$0\.00/);
      const json = JSON.parse((await runCli(['diff', '--base', saved, '--format', 'json'], dir)).out) as { includeTests: boolean; deltaPerMonth: number };
      assert.deepEqual([json.includeTests, json.deltaPerMonth], [false, 0]);
    } finally {
      fs.rmSync(saved);
    }
  });
});
