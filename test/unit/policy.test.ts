import { strict as assert } from 'node:assert';
import { buildReport } from '../../src/core/report/build';
import { evaluatePolicy } from '../../src/core/report/policy';
import type { PolicyBook, PolicyRule } from '../../src/core/teamFiles/teamTypes';
import type { Report } from '../../src/core/types';
import { makeSite, type SiteSpec } from '../fixtures/cli/sites';

function rep(specs: SiteSpec[]): Report {
  return buildReport({ root: '/r', currency: 'USD', profile: 'expected', estimates: specs.map(makeSite), generatedAt: new Date(0) });
}

function book(budgets: PolicyBook['budgets'], rules: PolicyRule[] = []): PolicyBook {
  return { budgets, rules, source: { source: 'team-file', label: '.tokentier/policy.yml' } };
}

// Total = 300 + 150 = 450 (the ignored 10,000 does not count).
const report = rep([
  { file: 'src/a.py', line: 1, perMonth: 300, perCall: 0.01, model: 'gpt-4o' },
  { file: 'src/b.py', line: 1, perMonth: 150, perCall: 0.2, cacheHitRate: 0.5, params: { maxTokens: 100 }, unboundedLoop: true, model: 'gpt-4o-mini' },
  { file: 'c.py', line: 1, perMonth: 10000, ignored: true },
]);

describe('policy: evaluatePolicy', () => {
  it('passes with no policy and no flags', () => {
    assert.deepEqual(evaluatePolicy(report), { passed: true, violations: [] });
  });

  it('--fail-on-total-above: fails above, passes at the total', () => {
    assert.equal(evaluatePolicy(report, undefined, { failOnTotalAbove: 449.99 }).passed, false);
    assert.equal(evaluatePolicy(report, undefined, { failOnTotalAbove: 450 }).passed, true);
    const v = evaluatePolicy(report, undefined, { failOnTotalAbove: 400 }).violations;
    assert.equal(v.length, 1);
    assert.equal(v[0]!.rule, 'total-above');
    assert.match(v[0]!.message, /\$450\.00.*\$400\.00/);
  });

  it('the flag overrides the policy file total', () => {
    assert.equal(evaluatePolicy(report, book({ totalPerMonth: 100 }), { failOnTotalAbove: 1000 }).passed, true);
    assert.equal(evaluatePolicy(report, book({ totalPerMonth: 100 })).passed, false);
  });

  it('--fail-on-increase-above compares with the baseline total', () => {
    // 450 vs 400 = +12.5 %.
    assert.equal(evaluatePolicy(report, undefined, { failOnIncreaseAbove: 12, baselineTotalPerMonth: 400 }).passed, false);
    assert.equal(evaluatePolicy(report, undefined, { failOnIncreaseAbove: 13, baselineTotalPerMonth: 400 }).passed, true);
    assert.equal(evaluatePolicy(report, undefined, { failOnIncreaseAbove: 1000, baselineTotalPerMonth: 0 }).passed, false, 'growth from zero is unbounded');
    assert.equal(evaluatePolicy(report, undefined, { failOnIncreaseAbove: 0 }).passed, true, 'no baseline: not checked');
  });

  it('per-site monthly and per-call budgets name the site; ignored sites are exempt', () => {
    const r = evaluatePolicy(report, book({ perSitePerMonth: 200, perCall: 0.1 }));
    assert.deepEqual(r.violations.map((v) => [v.rule, v.file]), [['site-per-month-above', 'src/a.py'], ['site-per-call-above', 'src/b.py']]);
    assert.equal(r.passed, false);
  });

  it('"no site over 100/month without caching": only the uncached expensive site fails', () => {
    const r = evaluatePolicy(report, book({}, [{ id: 'cache-expensive', severity: 'error', when: { perMonthOver: 100 }, require: ['caching'] }]));
    assert.deepEqual(r.violations.map((v) => v.file), ['src/a.py'], 'b.py assumes a 50 % cache-hit rate; c.py is ignored');
    assert.match(r.violations[0]!.message, /without prompt caching/);
    assert.equal(r.passed, false);
  });

  it('require max-tokens, bounded-loop; forbidModels and when.model/file globs', () => {
    const r = evaluatePolicy(report, book({}, [
      { id: 'cap', severity: 'error', require: ['max-tokens', 'bounded-loop'] },
      { id: 'no-4o', severity: 'error', when: { file: 'src/**' }, forbidModels: ['gpt-4o'] },
      { id: 'mini-only', severity: 'error', when: { model: '*-mini' }, require: ['batch'] },
    ]));
    assert.deepEqual(r.violations.map((v) => `${v.rule}@${v.file}`), ['cap@src/a.py', 'no-4o@src/a.py', 'cap@src/b.py', 'mini-only@src/b.py']);
    assert.match(r.violations[0]!.message, /without a max-tokens limit/);
    assert.match(r.violations[2]!.message, /no visible bound/);
  });

  it('warning and info rules are reported but do not fail', () => {
    const r = evaluatePolicy(report, book({}, [{ id: 'w', severity: 'warning', require: ['batch'] }, { id: 'i', severity: 'info', require: ['batch'] }]));
    assert.equal(r.passed, true);
    assert.equal(r.violations.length, 4);
  });
});
