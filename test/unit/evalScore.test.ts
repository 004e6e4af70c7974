/**
 * The development corpus's label files, matcher and score arithmetic (eval/lib; issue 25). Pure parts only: no
 * mirror, no scan. The expected figures are worked out by hand in the comments.
 */
import { strict as assert } from 'node:assert';
import { formatSummary, pct } from '../../eval/lib/format';
import { slimReport } from '../../eval/lib/io';
import { parseLabelFile, type LabelFile } from '../../eval/lib/labels';
import { matchRepo, modelAccuracy, normaliseModel, precision, recall, summarise, type ScanSite, type Tally } from '../../eval/lib/score';

const COMMIT = 'a'.repeat(40);

function labelText(over: Record<string, unknown> = {}, files: unknown[] = [{ path: 'a.py', sites: [{ line: 3, provider: 'openai', via: 'sdk', api: 'chat', model: 'gpt-4o' }], traps: [] }]): string {
  return JSON.stringify({ repo: 'acme/app', commit: COMMIT, frozen: true, labelledOn: '2026-12-06', files, ...over });
}

describe('eval: label files', () => {
  it('accepts the format of eval/README.md', () => {
    const r = parseLabelFile(labelText(), 'acme__app.json');
    assert.deepEqual(r.errors, []);
    assert.equal(r.labels?.files[0]?.sites[0]?.model, 'gpt-4o');
  });

  it('takes an optional language (a string or a list) and nothing else unknown at the top', () => {
    assert.deepEqual(parseLabelFile(labelText({ language: 'go' }), 'acme__app.json').errors, []);
    assert.deepEqual(parseLabelFile(labelText({ language: ['python', 'typescript'] }), 'acme__app.json').errors, []);
    assert.match(parseLabelFile(labelText({ languages: 'go' }), 'acme__app.json').errors.join('\n'), /languages/);
  });

  it('rejects a misspelt field, a bad enum, a short commit and a wrong file name, saying where', () => {
    const typo = parseLabelFile(labelText({}, [{ path: 'a.py', sites: [{ line: 3, provider: 'openai', via: 'sdk', api: 'chat', modle: 'gpt-4o', model: null }], traps: [] }]), 'acme__app.json');
    assert.equal(typo.labels, undefined);
    assert.match(typo.errors.join('\n'), /files\[0\]\.sites\[0\].*modle/);
    const badEnum = parseLabelFile(labelText({}, [{ path: 'a.py', sites: [{ line: 3, provider: 'OpenAI', via: 'sdk', api: 'chat', model: null }], traps: [] }]), 'acme__app.json');
    assert.match(badEnum.errors.join('\n'), /files\[0\]\.sites\[0\]\.provider/);
    assert.match(parseLabelFile(labelText({ commit: 'abc123' }), 'acme__app.json').errors.join('\n'), /commit: must be a full 40-hex commit/);
    assert.match(parseLabelFile(labelText(), 'other__name.json').errors.join('\n'), /belongs in acme__app\.json/);
    assert.match(parseLabelFile('{"repo": ', 'acme__app.json').errors.join('\n'), /not valid JSON/);
    assert.match(parseLabelFile(labelText({}, [{ path: '../etc/passwd', sites: [], traps: [] }]), 'acme__app.json').errors.join('\n'), /repository-relative POSIX path/);
  });

  it('needs a cell in notebooks and no cell elsewhere; a file is listed once', () => {
    const site = { line: 1, provider: 'google', via: 'sdk', api: 'generate', model: null };
    const r = parseLabelFile(labelText({}, [
      { path: 'nb.ipynb', sites: [site], traps: [] },
      { path: 'b.py', sites: [{ ...site, cell: 2 }], traps: [] },
      { path: 'b.py', sites: [], traps: [] },
    ]), 'acme__app.json');
    assert.equal(r.labels, undefined);
    assert.equal(r.errors.length, 3, r.errors.join('\n'));
    assert.match(r.errors[0] ?? '', /nb\.ipynb.*needs "cell"/);
    assert.match(r.errors[1] ?? '', /b\.py.*has "cell" but the file is not a notebook/);
    assert.match(r.errors[2] ?? '', /listed twice/);
  });

  it('warns (without rejecting) on a line that is both site and trap, and on test code without "test": true', () => {
    const r = parseLabelFile(labelText({}, [
      { path: 'a.py', sites: [{ line: 3, provider: 'openai', via: 'sdk', api: 'chat', model: null }], traps: [{ line: 3, what: 'x' }] },
      { path: 'tests/test_a.py', sites: [{ line: 1, provider: 'openai', via: 'sdk', api: 'chat', model: null }] },
    ]), 'acme__app.json');
    assert.ok(r.labels);
    assert.equal(r.labels.files[1]?.traps.length, 0, 'traps may be left out');
    assert.equal(r.warnings.length, 2, r.warnings.join('\n'));
  });
});

describe('eval: model ids', () => {
  it('ignores case and provider prefixes only', () => {
    assert.equal(normaliseModel('models/gemini-2.0-flash'), 'gemini-2.0-flash');
    assert.equal(normaliseModel('openai:gpt-4o'), 'gpt-4o');
    assert.equal(normaliseModel('Anthropic/Claude-3-Haiku'), 'claude-3-haiku');
    assert.equal(normaliseModel('openrouter/anthropic/claude-3.5-sonnet'), 'claude-3.5-sonnet');
    // Not provider prefixes: an Ollama tag and a Hugging Face organisation stay.
    assert.equal(normaliseModel('llama3.1:8b'), 'llama3.1:8b');
    assert.equal(normaliseModel('meta-llama/Llama-3-8B'), 'meta-llama/llama-3-8b');
  });
});

const site = (file: string, line: number, over: Partial<ScanSite> = {}): ScanSite => ({ file, line, provider: 'openai', via: 'sdk', api: 'chat', method: 'chat.completions.create', model: null, canonical: null, ...over });

/**
 * Repository acme/app (frozen):
 *   a.py          sites at 3 (openai, gpt-4o), 10 (anthropic, claude-3-5-sonnet-latest), 20 (openai, no model); trap at 30
 *   nb.ipynb      sites at cell 2 line 1 (google, gemini-2.0-flash), cell 4 line 3 (google, no model)
 *   tests/test_x.py  site at 5 (openai, gpt-4o-mini, test)
 * Scanner:
 *   a.py:3 openai/gpt-4o (match, model right), a.py:10 claude-3-haiku (match, model wrong), a.py:30 (false, trap),
 *   a.py:31 (false), nb cell 2 line 1 models/gemini-2.0-flash (match, right), nb cell 3 line 1 (false: wrong cell),
 *   tests/test_x.py:5 unresolved model (match, wrong), other.py:1 (file not labelled: unscored).
 * By hand: 6 sites, 4 found → recall 4/6 = 66.7 %; 7 scanner sites in labelled files, 4 match → precision 4/7 = 57.1 %,
 * 3 false, 1 on a trap; models named on 4 matched sites, 2 right → 50.0 %. Test code: 1 site, found, model wrong.
 */
const A: LabelFile = {
  repo: 'acme/app', commit: COMMIT, frozen: true, labelledOn: '2026-12-06',
  files: [
    { path: 'a.py', sites: [
      { line: 3, provider: 'openai', via: 'sdk', api: 'chat', model: 'gpt-4o' },
      { line: 10, provider: 'anthropic', via: 'sdk', api: 'messages', model: 'claude-3-5-sonnet-latest' },
      { line: 20, provider: 'openai', via: 'sdk', api: 'chat', model: null },
    ], traps: [{ line: 30, what: 'Twilio messages.create' }] },
    { path: 'nb.ipynb', sites: [
      { line: 1, cell: 2, provider: 'google', via: 'sdk', api: 'generate', model: 'gemini-2.0-flash' },
      { line: 3, cell: 4, provider: 'google', via: 'sdk', api: 'generate', model: null },
    ], traps: [] },
    { path: 'tests/test_x.py', sites: [{ line: 5, provider: 'openai', via: 'sdk', api: 'chat', model: 'gpt-4o-mini', test: true }], traps: [] },
  ],
};
const A_SITES: ScanSite[] = [
  site('a.py', 3, { model: 'openai/gpt-4o', canonical: 'gpt-4o' }),
  site('a.py', 10, { provider: 'anthropic', api: 'messages', model: 'claude-3-haiku', canonical: 'claude-3-haiku' }),
  site('a.py', 30, { provider: 'other', method: 'messages.create' }),
  site('a.py', 31),
  site('nb.ipynb', 1, { cell: 2, provider: 'google', api: 'generate', model: 'models/gemini-2.0-flash' }),
  site('nb.ipynb', 1, { cell: 3, provider: 'google', api: 'generate' }),
  site('tests/test_x.py', 5),
  site('other.py', 1),
];
/** Repository acme/lib (not frozen): one site, found, model right. */
const B: LabelFile = { repo: 'acme/lib', commit: COMMIT, frozen: false, labelledOn: '2026-12-06', files: [{ path: 'x.ts', sites: [{ line: 7, provider: 'openai', via: 'ai-sdk', api: 'generate', model: 'gpt-4o' }], traps: [] }] };

const tally = (t: Tally) => ({ ...t });

describe('eval: matching and scores', () => {
  it('matches by file, line and cell exactly and lists misses and false sites', () => {
    const m = matchRepo(A, A_SITES);
    assert.deepEqual(m.matched.map((x) => [x.file, x.label.cell ?? null, x.label.line, x.model]), [
      ['a.py', null, 3, 'right'], ['a.py', null, 10, 'wrong'], ['nb.ipynb', 2, 1, 'right'], ['tests/test_x.py', null, 5, 'wrong'],
    ]);
    assert.deepEqual(m.misses.map((x) => [x.file, x.label.cell ?? null, x.label.line]), [['a.py', null, 20], ['nb.ipynb', 4, 3]]);
    assert.deepEqual(m.falseSites.map((x) => [x.file, x.site.cell ?? null, x.site.line, x.trap?.what ?? null]), [
      ['a.py', null, 30, 'Twilio messages.create'], ['a.py', null, 31, null], ['nb.ipynb', 3, 1, null],
    ]);
    assert.equal(m.unscored, 1);
  });

  it('adds up the hand-computed example', () => {
    const s = summarise([matchRepo(A, A_SITES)], { files: 3, traps: 1 });
    assert.deepEqual(tally(s.all), { sites: 6, found: 4, scanner: 7, truePositive: 4, falseSites: 3, trapHits: 1, modelLabelled: 4, modelRight: 2 });
    assert.equal(pct(recall(s.all)), '66.7 %');
    assert.equal(pct(precision(s.all)), '57.1 %');
    assert.equal(pct(modelAccuracy(s.all)), '50.0 %');
    assert.deepEqual(tally(s.test), { sites: 1, found: 1, scanner: 1, truePositive: 1, falseSites: 0, trapHits: 0, modelLabelled: 1, modelRight: 0 });
    assert.deepEqual(tally(s.nonTest), { sites: 5, found: 3, scanner: 6, truePositive: 3, falseSites: 3, trapHits: 1, modelLabelled: 3, modelRight: 2 });
    const row = (d: keyof typeof s.by, n: string) => s.by[d].find((r) => r.name === n)?.tally;
    // python: a.py (3 sites) + tests (1); scanner a.py:3,10,30,31 + tests:5. notebook: 2 sites; scanner 2, 1 match.
    assert.deepEqual(row('language', 'python'), { sites: 4, found: 3, scanner: 5, truePositive: 3, falseSites: 2, trapHits: 1, modelLabelled: 3, modelRight: 1 });
    assert.deepEqual(row('language', 'notebook'), { sites: 2, found: 1, scanner: 2, truePositive: 1, falseSites: 1, trapHits: 0, modelLabelled: 1, modelRight: 1 });
    // Recall by the label's provider; precision by the scanner's (a.py:30 is "other" to the scanner).
    assert.deepEqual(row('provider', 'openai'), { sites: 3, found: 2, scanner: 3, truePositive: 2, falseSites: 1, trapHits: 0, modelLabelled: 2, modelRight: 1 });
    assert.deepEqual(row('provider', 'other'), { sites: 0, found: 0, scanner: 1, truePositive: 0, falseSites: 1, trapHits: 1, modelLabelled: 0, modelRight: 0 });
    assert.equal(recall(row('provider', 'other') as Tally), null, 'no labelled site: no recall, not 0 %');
  });

  it('scores repositories side by side and pairs several sites on one line by model', () => {
    const s = summarise([matchRepo(A, A_SITES), matchRepo(B, [site('x.ts', 7, { via: 'ai-sdk', model: 'gpt-4o' })])], { files: 4, traps: 1 });
    assert.deepEqual(s.by.repository.map((r) => [r.name, r.tally.sites, r.tally.found]), [['acme/app', 6, 4], ['acme/lib', 1, 1]]);
    assert.equal(pct(recall(s.all)), '71.4 %'); // 5 of 7
    const two: LabelFile = { ...B, files: [{ path: 'x.ts', sites: [
      { line: 7, provider: 'openai', via: 'sdk', api: 'chat', model: 'gpt-4o' },
      { line: 7, provider: 'openai', via: 'sdk', api: 'chat', model: 'gpt-4o-mini' },
    ], traps: [] }] };
    const m = matchRepo(two, [site('x.ts', 7, { model: 'gpt-4o-mini' })]);
    assert.deepEqual(m.matched.map((x) => [x.label.model, x.model]), [['gpt-4o-mini', 'right']]);
    assert.deepEqual(m.misses.map((x) => x.label.model), ['gpt-4o']);
  });

  it('prints the table with the same figures', () => {
    const text = formatSummary('Frozen', summarise([matchRepo(A, A_SITES)], { files: 3, traps: 1 }));
    const all = text.split('\n').find((l) => l.startsWith('ALL')) ?? '';
    assert.deepEqual(all.split(/\s{2,}/), ['ALL', '6', '4', '66.7 %', '7', '3 (1 trap)', '57.1 %', '4', '2', '50.0 %']);
    const md = formatSummary('Frozen', summarise([matchRepo(A, A_SITES)], { files: 3, traps: 1 }), true);
    assert.match(md, /^\| \*\*ALL\*\* \| 6 \| 4 \| 66\.7 % \| 7 \| 3 \(1 trap\) \| 57\.1 % \| 4 \| 2 \| 50\.0 % \|$/m);
  });

  it('reads a report: ranges become 1-based lines like `line`', () => {
    const r = slimReport({
      sites: [{ site: { file: 'a.py', line: 4, range: { start: { line: 2 }, end: { line: 5 } }, provider: 'openai', via: 'sdk', api: 'chat', method: 'chat.completions.create', model: { id: 'gpt-4o', canonical: 'gpt-4o' } } }],
      diagnostics: [{ code: 'currency', message: 'x' }, { file: 'b.py', code: 'parse-error', message: 'y' }],
      stats: { filesScanned: 2, ms: 1 },
    }, 'k');
    assert.deepEqual(r.sites[0], { file: 'a.py', line: 4, startLine: 3, endLine: 6, provider: 'openai', via: 'sdk', api: 'chat', method: 'chat.completions.create', model: 'gpt-4o', canonical: 'gpt-4o' });
    assert.deepEqual(r.diagnostics, [{ file: 'b.py', code: 'parse-error', message: 'y' }]);
  });
});
