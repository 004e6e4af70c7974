import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildReport } from '../../src/core/report/build';
import { evaluatePolicy } from '../../src/core/report/policy';
import { formatSarif, formatSarifLog, SARIF_RULES } from '../../src/core/report/sarif';
import { makeSite } from '../fixtures/cli/sites';

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/cli/sarif-schema-2.1.0.json'), 'utf8')) as object);
}

const report = buildReport({
  root: '/repo',
  currency: 'USD',
  profile: 'expected',
  generatedAt: new Date('2026-11-23T10:00:00Z'),
  estimates: [
    makeSite({ file: 'src/app.py', line: 12, character: 8, perMonth: 600, perCall: 0.02, model: 'gpt-4o' }),
    makeSite({ file: 'src/my file.py', line: 3, perMonth: null, model: null }),
    makeSite({ file: 'src/loop.py', line: 7, perMonth: 5, unboundedLoop: true }),
    makeSite({ file: 'src/quiet.py', line: 1, perMonth: 9, ignored: true }),
    makeSite({ file: 'nb.ipynb', line: 2, cell: 3, perMonth: 1 }),
  ],
  diagnostics: [
    { severity: 'warning', code: 'parse-error', message: 'could not parse', file: 'src/broken.py', range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } } },
    { severity: 'info', code: 'file-too-large', message: 'skipped', file: 'big.py' },
  ],
});

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 schema (with and without policy results)', () => {
    const validate = validator();
    const plain: unknown = JSON.parse(formatSarif(report));
    assert.equal(validate(plain), true, JSON.stringify(validate.errors));
    const policy = evaluatePolicy(report, { budgets: { perSitePerMonth: 500 }, rules: [], source: { source: 'team-file', label: 'p' } }, { failOnTotalAbove: 10 });
    const withPolicy: unknown = JSON.parse(formatSarif(report, policy));
    assert.equal(validate(withPolicy), true, JSON.stringify(validate.errors));
  });

  it('the schema catches a 0-based line (so the validation can fail)', () => {
    const log = JSON.parse(formatSarif(report)) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    assert.equal(validator()(log), false);
  });

  it('has one rule per finding kind and results that point at them', () => {
    const log = formatSarifLog(report);
    const run = log.runs[0]!;
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), SARIF_RULES.map((r) => r.id));
    for (const res of run.results) assert.equal(run.tool.driver.rules[res.ruleIndex]!.id, res.ruleId);
    // 5 sites + 1 non-info diagnostic (the info one is not a finding).
    assert.equal(run.results.length, 6);
    assert.deepEqual(run.results.map((r) => r.ruleId).sort(), ['tokentier/llm-call', 'tokentier/llm-call', 'tokentier/llm-call', 'tokentier/scan-problem', 'tokentier/unbounded-loop', 'tokentier/unpriced-call'])
    const byFile = new Map(run.results.map((r) => [r.locations?.[0]?.physicalLocation.artifactLocation.uri, r]));
    assert.equal(byFile.get('src/my%20file.py')?.ruleId, 'tokentier/unpriced-call');
    assert.equal(byFile.get('src/loop.py')?.ruleId, 'tokentier/unbounded-loop');
    assert.equal(byFile.get('src/app.py')?.ruleId, 'tokentier/llm-call');
    assert.equal(byFile.get('src/broken.py')?.ruleId, 'tokentier/scan-problem');
  });

  it('uses 1-based lines and columns and puts the monthly cost in the message', () => {
    const res = formatSarifLog(report).runs[0]!.results.find((r) => r.locations?.[0]?.physicalLocation.artifactLocation.uri === 'src/app.py')!;
    // The site is on line 12 (1-based) and its range starts at 0-based character 8: column 9.
    assert.deepEqual(res.locations![0]!.physicalLocation.region, { startLine: 12, startColumn: 9 });
    assert.match(res.message.text, /\$600\.00\/month/);
    assert.match(res.message.text, /\$0\.020 per call/);
    const diag = formatSarifLog(report).runs[0]!.results.find((r) => r.ruleId === 'tokentier/scan-problem')!;
    // Diagnostic range line 4 (0-based) → startLine 5.
    assert.equal(diag.locations![0]!.physicalLocation.region!.startLine, 5);
  });

  it('turns tokentier-ignore sites into inSource suppressions, and only those', () => {
    const results = formatSarifLog(report).runs[0]!.results;
    const suppressed = results.filter((r) => r.suppressions?.length);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0]!.locations![0]!.physicalLocation.artifactLocation.uri, 'src/quiet.py');
    assert.equal(suppressed[0]!.suppressions![0]!.kind, 'inSource');
  });

  it('reports policy violations as error results on the budget rule', () => {
    const policy = evaluatePolicy(report, { budgets: { perSitePerMonth: 500 }, rules: [], source: { source: 'team-file', label: 'p' } }, { failOnTotalAbove: 10 });
    const budget = formatSarifLog(report, policy).runs[0]!.results.filter((r) => r.ruleId === 'tokentier/budget');
    // Total 606 > 10 (no location) and src/app.py at 600 > 500 per site.
    assert.equal(budget.length, 2);
    assert.ok(budget.every((r) => r.level === 'error'));
    assert.equal(budget.filter((r) => r.locations?.[0]?.physicalLocation.artifactLocation.uri === 'src/app.py').length, 1);
  });
});
