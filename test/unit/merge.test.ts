/**
 * Issue 23: `tokentier merge` (src/core/report/merge.ts, src/cli/merge.ts). Every expected figure is worked out by hand
 * from the synthetic sites (test/fixtures/cli/sites.ts: perMonth is the expected monthly cost, min ½×, max 2×); the
 * merged JSON is checked against the published schema with ajv (an independent validator).
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildReport } from '../../src/core/report/build';
import { mergeReports, repositoryName } from '../../src/core/report/merge';
import type { Report, SiteEstimate } from '../../src/core/types';
import { makeSite } from '../fixtures/cli/sites';
import { runCli } from './util/runCli';

const fixed = new Date('2026-12-01T00:00:00Z');
const asTest = (e: SiteEstimate): SiteEstimate => ({ ...e, site: { ...e.site, test: true } });

/** Repository "api": $10 + $5 a month. */
const api = (): Report => buildReport({ root: '/ci/work/api', currency: 'USD', profile: 'expected', generatedAt: fixed, estimates: [makeSite({ file: 'src/a.py', line: 3, perMonth: 10 }), makeSite({ file: 'src/b.py', line: 7, perMonth: 5 })], stats: { filesScanned: 4, filesParsed: 2, bytes: 400, ms: 10 } });
/** Repository "web": $7 a month, plus a $100 test-code site that is not counted unless tests are. */
const web = (): Report =>
  buildReport({ root: '/ci/work/web', currency: 'USD', profile: 'expected', generatedAt: fixed, estimates: [makeSite({ file: 'app.ts', line: 1, perMonth: 7 }), asTest(makeSite({ file: 'tests/t.py', line: 2, perMonth: 100 }))], stats: { filesScanned: 6, filesParsed: 1, bytes: 600, ms: 20 } });

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/report.schema.json'), 'utf8')) as object);
}

describe('merge (issue 23): the organisation report', () => {
  it('totals over every repository and one row per repository, by hand', () => {
    const m = mergeReports([{ file: 'api.json', report: api() }, { file: 'web.json', report: web() }], { generatedAt: fixed });
    assert.ok(m.ok);
    const r = m.report;
    // 10 + 5 + 7 = 22 expected; min 5 + 2.5 + 3.5 = 11; max 20 + 10 + 14 = 44. The test-code site is listed, not counted.
    assert.deepEqual(r.totals.workspace.perMonth, { min: 11, expected: 22, max: 44 });
    assert.equal(r.totals.workspace.sites, 3);
    assert.equal(r.totals.tests.perMonth.expected, 100);
    assert.deepEqual(r.sites.map((e) => e.site.file), ['api/src/a.py', 'api/src/b.py', 'web/app.ts', 'web/tests/t.py']);
    assert.equal(new Set(r.sites.map((e) => e.site.id)).size, 4, 'site ids stay unique');
    assert.deepEqual(r.repositories?.map((x) => [x.name, x.total.perMonth.expected, x.total.sites, x.tests.perMonth.expected]), [['api', 15, 2, 0], ['web', 7, 1, 100]]);
    assert.deepEqual(r.stats, { filesScanned: 10, filesParsed: 3, bytes: 1000, ms: 30 });
    assert.equal(r.root, '2 repositories');
    assert.equal(validator()(JSON.parse(JSON.stringify(r))), true);
  });

  it('--include-tests recounts every repository: 22 + 100 = 122', () => {
    const m = mergeReports([{ file: 'api.json', report: api() }, { file: 'web.json', report: web() }], { includeTests: true });
    assert.ok(m.ok);
    assert.equal(m.report.totals.workspace.perMonth.expected, 122);
    assert.equal(m.report.repositories?.[1]?.total.perMonth.expected, 107);
  });

  it('names come from the root folder; a repeated name gets ~2; a given name is used', () => {
    const m = mergeReports([{ file: 'a.json', report: api() }, { file: 'b.json', report: api() }, { file: 'c.json', report: api(), name: 'billing' }]);
    assert.ok(m.ok);
    assert.deepEqual(m.report.repositories?.map((x) => x.name), ['api', 'api~2', 'billing']);
    assert.equal(repositoryName('C:\\work\\svc\\'), 'svc');
    assert.equal(repositoryName('/'), 'repository');
    assert.equal(repositoryName('a\u001b[31mb'), 'a_[31mb');
  });

  it('refuses reports that cannot be added, with every reason', () => {
    const eur = { ...web(), currency: 'EUR' };
    const high = { ...api(), profile: 'high' };
    const m = mergeReports([{ file: 'api.json', report: api() }, { file: 'web-eur.json', report: eur }, { file: 'api-high.json', report: high }]);
    assert.ok(!m.ok);
    assert.equal(m.problems.length, 2);
    assert.match(m.problems[0] ?? '', /different currencys? .*USD: api\.json, api-high\.json; EUR: web-eur\.json/);
    assert.match(m.problems[1] ?? '', /usage profile.*high: api-high\.json/);
    assert.deepEqual(mergeReports([]), { ok: false, problems: ['No report to merge.'] });
  });
});

describe('merge (issue 23): the CLI', function () {
  this.timeout(30_000);
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-merge-'));
    fs.writeFileSync(path.join(dir, 'api.json'), JSON.stringify(api()));
    fs.writeFileSync(path.join(dir, 'web.json'), JSON.stringify(web()));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('every format the scan has, except SARIF', async () => {
    const json = await runCli(['merge', 'api.json', 'web.json', '--format', 'json', '--quiet'], dir);
    assert.equal(json.code, 0, json.err);
    const r = JSON.parse(json.out) as Report;
    assert.equal(r.totals.workspace.perMonth.expected, 22);
    assert.equal(validator()(r), true);
    const table = await runCli(['merge', 'api.json', 'web.json'], dir);
    assert.match(table.out, /^Repository .*\n.*\napi +2 +\$15\.00/m);
    assert.match(table.out, /2 repositories: 3 site\(s\), \$22\.00\/month expected/);
    const md = await runCli(['merge', 'api.json', 'web.json', '--format', 'markdown'], dir);
    assert.ok(md.out.indexOf('## Repositories') > 0 && md.out.indexOf('## Repositories') < md.out.indexOf('| Site |'));
    assert.match(md.out, /\| `api` \| 2 \| \$15\.00 \| \$7\.50 – \$30\.00 \| 0 \|/);
    const csv = await runCli(['merge', 'api.json', 'web.json', '--format', 'csv'], dir);
    assert.equal(csv.out.trimEnd().split('\r\n').length, 1 + 4, 'header + four sites');
    const jsonl = await runCli(['merge', 'api.json', 'web.json', '--format', 'jsonl'], dir);
    assert.equal(jsonl.out.trimEnd().split('\n').filter((l) => (JSON.parse(l) as { type: string }).type === 'site').length, 4);
    const html = await runCli(['merge', 'api.json', 'web.json', '--format', 'html', '--output', 'org.html'], dir);
    assert.equal(html.code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'org.html'), 'utf8'), /web\/app\.ts/);
    const sarif = await runCli(['merge', 'api.json', 'web.json', '--format', 'sarif'], dir);
    assert.equal(sarif.code, 2);
    assert.match(sarif.err, /--format must be one of table, json, jsonl, markdown, csv, html for merge/);
  });

  it('NAME=FILE names a repository', async () => {
    const r = await runCli(['merge', 'billing=api.json', 'web.json', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual((JSON.parse(r.out) as Report).repositories?.map((x) => [x.name, x.file]), [['billing', 'api.json'], ['web', 'web.json']]);
  });

  it('bad input: every problem on its own line, exit 2, nothing written', async () => {
    fs.writeFileSync(path.join(dir, 'text.json'), 'not json');
    fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
    fs.writeFileSync(path.join(dir, 'v2.json'), JSON.stringify({ ...api(), schemaVersion: '2.0.0' }));
    const broken = JSON.parse(JSON.stringify(api())) as { sites: Record<string, unknown>[] };
    delete broken.sites[1]!['cost'];
    fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify(broken));
    const merged = (await runCli(['merge', 'api.json', 'web.json', '--format', 'json'], dir)).out;
    fs.writeFileSync(path.join(dir, 'merged.json'), merged);
    const r = await runCli(['merge', 'api.json', 'missing.json', 'text.json', 'other.json', 'v2.json', 'broken.json', 'merged.json', '--output', 'out.json'], dir);
    assert.equal(r.code, 2);
    const lines = r.err.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^tokentier: cannot merge: 6 problem\(s\); nothing was written\.$/);
    assert.match(r.err, /\n {2}missing\.json: cannot be read \(no such file\)\.\n/);
    assert.match(r.err, /\n {2}text\.json: not JSON/);
    assert.match(r.err, /\n {2}other\.json: not a Tokentier report/);
    assert.match(r.err, /\n {2}v2\.json: report schema 2\.0\.0; this Tokentier reads 1\.x\./);
    assert.match(r.err, /\n {2}broken\.json: not a valid report \(estimates\.1\.cost/);
    assert.match(r.err, /\n {2}merged\.json: already a merged report/);
    assert.ok(!fs.existsSync(path.join(dir, 'out.json')));
    const none = await runCli(['merge'], dir);
    assert.equal(none.code, 2);
    assert.match(none.err, /merge needs report files/);
  });
});
