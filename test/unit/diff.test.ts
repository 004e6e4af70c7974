import { strict as assert } from 'node:assert';
import { buildReport } from '../../src/core/report/build';
import { diffReports, formatDiffMarkdown } from '../../src/core/report/diff';
import type { Report } from '../../src/core/types';
import { makeSite, type SiteSpec } from '../fixtures/cli/sites';

function rep(specs: SiteSpec[], currency = 'USD'): Report {
  return buildReport({ root: '/r', currency, profile: 'expected', estimates: specs.map(makeSite), generatedAt: new Date(0) });
}

describe('diff: diffReports', () => {
  it('matches sites across a line shift (same file, method, model) and reports no change', () => {
    const base = rep([{ file: 'a.py', line: 10, perMonth: 5 }, { file: 'a.py', line: 40, perMonth: 7 }]);
    // 12 lines inserted at the top of the file.
    const head = rep([{ file: 'a.py', line: 22, perMonth: 5 }, { file: 'a.py', line: 52, perMonth: 7 }]);
    const d = diffReports(base, head);
    assert.deepEqual(d.counts, { new: 0, removed: 0, changed: 0, unchanged: 2 });
    assert.deepEqual(d.sites.map((s) => [s.base?.site.line, s.head?.site.line]).sort(), [[10, 22], [40, 52]]);
    assert.equal(d.deltaPerMonth, 0);
  });

  it('pairs each site with the nearest line when several share file, method and model', () => {
    const base = rep([{ file: 'a.py', line: 10, perMonth: 1 }, { file: 'a.py', line: 100, perMonth: 2 }]);
    const head = rep([{ file: 'a.py', line: 98, perMonth: 2 }, { file: 'a.py', line: 13, perMonth: 1 }]);
    const pairs = diffReports(base, head).sites.map((s) => [s.base?.site.line, s.head?.site.line]).sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0));
    assert.deepEqual(pairs, [[10, 13], [100, 98]]);
  });

  it('detects a model swap, a max-token change and prompt growth with the cost delta', () => {
    const base = rep([
      { file: 'a.py', line: 5, perMonth: 10, model: 'gpt-4o-mini' },
      { file: 'b.py', line: 5, perMonth: 20, params: { maxTokens: 200 } },
      { file: 'c.py', line: 5, perMonth: 30, inputTokens: 100 },
    ]);
    const head = rep([
      { file: 'a.py', line: 6, perMonth: 160, model: 'gpt-4o' },
      { file: 'b.py', line: 5, perMonth: 25, params: { maxTokens: 800 } },
      { file: 'c.py', line: 5, perMonth: 45, inputTokens: 900 },
    ]);
    const d = diffReports(base, head);
    assert.deepEqual(d.counts, { new: 0, removed: 0, changed: 3, unchanged: 0 });
    const byFile = new Map(d.sites.map((s) => [s.head!.site.file, s]));
    assert.deepEqual(byFile.get('a.py')!.changes, ['model']);
    assert.equal(byFile.get('a.py')!.deltaPerMonth, 150);
    assert.deepEqual(byFile.get('b.py')!.changes, ['max-tokens']);
    assert.equal(byFile.get('b.py')!.deltaPerMonth, 5);
    assert.deepEqual(byFile.get('c.py')!.changes, ['prompt-growth']);
    assert.equal(byFile.get('c.py')!.deltaPerMonth, 15);
    // Totals: 60 → 230, +170, +283.3 %.
    assert.equal(d.baseTotalPerMonth, 60);
    assert.equal(d.headTotalPerMonth, 230);
    assert.equal(d.deltaPerMonth, 170);
    assert.ok(Math.abs((d.deltaPercent ?? 0) - (170 / 60) * 100) < 1e-9);
  });

  it('lists new and removed sites; per-site deltas add up to the total delta', () => {
    const base = rep([{ file: 'a.py', line: 5, perMonth: 10 }, { file: 'old.py', line: 1, perMonth: 4 }]);
    const head = rep([{ file: 'a.py', line: 5, perMonth: 10 }, { file: 'new.ts', line: 3, perMonth: 50, method: 'generateText' }, { file: 'new.ts', line: 9, perMonth: null, model: null }]);
    const d = diffReports(base, head);
    assert.deepEqual(d.counts, { new: 2, removed: 1, changed: 0, unchanged: 1 });
    assert.equal(d.sites[0]!.status, 'new');
    assert.equal(d.sites[0]!.deltaPerMonth, 50, 'new sites are listed largest delta first');
    assert.equal(d.sites.find((s) => s.status === 'removed')!.deltaPerMonth, -4);
    assert.equal(d.sites.find((s) => s.head?.site.line === 9)!.unknown, true);
    const sum = d.sites.reduce((a, s) => a + s.deltaPerMonth, 0);
    assert.equal(sum, d.deltaPerMonth);
    assert.equal(d.deltaPerMonth, 46);
  });

  it('treats a baseline of zero as "no percentage" and flags a currency mismatch', () => {
    const d = diffReports(rep([]), rep([{ file: 'a.py', line: 1, perMonth: 3 }]));
    assert.equal(d.deltaPercent, null);
    assert.ok(diffReports(rep([], 'EUR'), rep([], 'USD')).currencyMismatch);
  });
});

describe('diff: formatDiffMarkdown', () => {
  it('renders the headline and one row per changed site, not the unchanged ones', () => {
    const base = rep([{ file: 'a.py', line: 5, perMonth: 10, model: 'gpt-4o-mini' }, { file: 'same.py', line: 1, perMonth: 1 }]);
    const head = rep([{ file: 'a.py', line: 5, perMonth: 160, model: 'gpt-4o' }, { file: 'same.py', line: 1, perMonth: 1 }]);
    const md = formatDiffMarkdown(diffReports(base, head));
    assert.ok(md.includes('**$11.00 → $161.00** (+$150.00 (+1363.6 %))'), md);
    assert.ok(md.includes('model gpt-4o-mini → gpt-4o'));
    assert.ok(!md.includes('same.py'));
    assert.ok(md.includes('0 new · 1 changed · 0 removed · 1 unchanged'));
  });
});
