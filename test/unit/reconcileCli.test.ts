// `tokentier reconcile` end to end on test/fixtures/reconcile/repo: the repo's usage file predicts exactly the public
// OpenAI sample's daily averages, and exports/openai_*_x1.2.json are that sample × 1.2, so the expected scale (1.2),
// errors (−16.667 %) and proposed values (2,400 / 1,252 / 350 calls a day) are hand arithmetic, written out in
// exports/openai_usage_x1.2.expected.json.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { ReconcileResult } from '../../src/core/reconcile/types';
import type { Report } from '../../src/core/types';
import { runCli } from './util/runCli';

const FIXTURE = path.join(__dirname, '../fixtures/reconcile/repo');
const SAMPLES = path.join(__dirname, '../fixtures/reconcile/samples');
const repoRoot = path.join(__dirname, '../..');

function validator(file: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) as object);
}

describe('cli: tokentier reconcile', function () {
  this.timeout(120_000);
  let dir: string;
  const usage = (...names: string[]) => names.flatMap((n) => ['--usage', `exports/${n}`]);
  const OPENAI = usage('openai_usage_x1.2.json', 'openai_costs_x1.2.json');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-reconcile-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('JSON: scale ×1.2 on requests, calls error −16.667 %, proposals 2,400 / 1,252 / 350; valid against its schema', async () => {
    const r = await runCli(['reconcile', '.', ...OPENAI, '--format', 'json', '--quiet', '--no-rg', '--workers', '0'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const result = JSON.parse(r.out) as ReconcileResult;
    const validate = validator('schemas/reconcile.schema.json');
    assert.ok(validate(result), JSON.stringify(validate.errors));
    const mini = result.models.find((m) => m.model === 'gpt-4o-mini')!;
    assert.deepEqual([mini.status, mini.sites.length, mini.scale?.basis], ['matched', 2, 'requests']);
    assert.ok(Math.abs(mini.scale!.factor - 1.2) < 1e-9);
    assert.ok(Math.abs(mini.error.calls! - (1 / 1.2 - 1)) < 1e-9);
    assert.ok(Math.abs(mini.error.output! - (1 / 1.2 - 1)) < 1e-9);
    const calls = Object.fromEntries(result.proposals.map((p) => [`${p.match['function']}`, p.callsPerDay?.to]));
    assert.deepEqual(calls, { label: 2400, summarize: 1252, draft: 350 });
    assert.ok(result.notes.some((n) => n.startsWith('2 sites call gpt-4o-mini: the bill cannot tell which site spent what')));
    assert.equal(result.usageFile?.written, false);
    // Nothing written without --write.
    assert.equal(fs.readFileSync(path.join(dir, '.tokentier/usage.yml'), 'utf8'), fs.readFileSync(path.join(FIXTURE, '.tokentier/usage.yml'), 'utf8'));
  });

  it('--write updates the usage file (comments kept); the next scan uses the billed calls and says they are calibrated', async () => {
    const w = await runCli(['reconcile', '.', ...OPENAI, '--write', '--no-rg', '--workers', '0'], dir);
    assert.equal(w.code, 0, w.err);
    // gpt-4o and gpt-4o-mini; gpt-5-mini is billed only.
    assert.match(w.err, /2 model\(s\) compared over 2026-09-01 – 2026-09-03; wrote \.tokentier\/usage\.yml\./);
    const text = fs.readFileSync(path.join(dir, '.tokentier/usage.yml'), 'utf8');
    for (const comment of ['# Ticket labels: 60,000 a month.', '# Thread summaries: 31,300 a month.', '# Reply drafts on gpt-4o.']) assert.ok(text.includes(comment), comment);
    assert.ok(!text.includes('callsPerMonth: 60000'), 'callsPerMonth replaced by callsPerDay in the same entry');
    const scan = await runCli(['scan', '.', '--format', 'json', '--quiet', '--no-rg', '--workers', '0'], dir);
    const report = JSON.parse(scan.out) as Report;
    assert.equal(report.schemaVersion, '1.1.0');
    const calls = report.sites.filter((e) => e.site.file === 'app.py').map((e) => [e.site.enclosingFunction, e.usage.callsPerDay.value, e.usage.cacheHitRate.value, e.usage.calibration?.from, e.usage.calibration?.to]);
    assert.deepEqual(calls, [['label', 2400, 0.33, '2026-09-01', '2026-09-03'], ['summarize', 1252, 0.33, '2026-09-01', '2026-09-03'], ['draft', 350, 0.302, '2026-09-01', '2026-09-03']]);
    assert.ok(validator('schemas/report.schema.json')(report));
    // Reconciled again: the calls now match the bill to the rounding of 1,043.33 × 1.2 = 1,252 (3,652 predicted vs 3,652 billed).
    const again = JSON.parse((await runCli(['reconcile', '.', ...OPENAI, '--format', 'json', '--quiet', '--no-rg', '--workers', '0'], dir)).out) as ReconcileResult;
    const mini = again.models.find((m) => m.model === 'gpt-4o-mini')!;
    assert.ok(Math.abs(mini.error.calls!) < 1e-4, String(mini.error.calls));
    assert.ok(Math.abs(mini.billed.cacheRead! / mini.billed.input! - mini.predicted.cacheRead! / mini.predicted.input!) < 0.001);
  });

  it('reads Anthropic Console and AWS CUR exports next to OpenAI ones; the hand figures of their fixtures come back', async () => {
    const r = await runCli(['reconcile', '.', ...OPENAI, ...usage('anthropic_console_claude_api_tokens_2026_09_01_to_2026_09_03.csv', 'aws_legacy_cur_bedrock_2026-09.csv'), '--format', 'json', '--quiet', '--no-rg', '--workers', '0'], dir);
    assert.equal(r.code, 0, r.err);
    const result = JSON.parse(r.out) as ReconcileResult;
    const of = (p: string, prefix: string) => result.models.find((m) => m.platform === p && m.model.startsWith(prefix))!;
    const close = (a: number | null | undefined, b: number) => assert.ok(typeof a === 'number' && Math.abs(a - b) < 1e-6 * b, `${a} vs ${b}`);
    close(of('anthropic', 'claude-sonnet').billed.input, 14_800_000 / 3);
    close(of('anthropic', 'claude-haiku').billed.output, 2_675_000 / 3);
    assert.equal(of('anthropic', 'claude-haiku').scale?.basis, 'input-tokens');
    close(of('bedrock', 'anthropic.claude-haiku').billed.cost, 22.77 / 3);
    close(of('bedrock', 'amazon.nova').billed.input, 41_000_000 / 3);
    assert.equal(result.models.find((m) => m.platform === 'bedrock' && m.status === 'billed-only')?.billedAs[0], 'Claude Sonnet 4.5 → claude-sonnet-4-5');
  });

  it('table, Markdown and HTML say the same things; gzip exports are unpacked', async () => {
    zlib.gzipSync(fs.readFileSync(path.join(dir, 'exports/openai_usage_x1.2.json')));
    fs.writeFileSync(path.join(dir, 'exports/usage.json.gz'), zlib.gzipSync(fs.readFileSync(path.join(dir, 'exports/openai_usage_x1.2.json'))));
    const table = await runCli(['reconcile', '.', '--usage', 'exports/usage.json.gz', '--quiet', '--no-rg', '--workers', '0'], dir);
    assert.equal(table.code, 0, table.err);
    assert.match(table.out, /scale\s+×1\.200\s+billed ÷ predicted requests/);
    const md = await runCli(['reconcile', '.', ...OPENAI, '--format', 'markdown', '--quiet', '--no-rg', '--workers', '0'], dir);
    // Markdown escapes the '.' of data (no autolinks): -16\.7 %.
    assert.match(md.out, /\| gpt-4o-mini \| 2 sites \| calls \| 3,652 \| 3,043 \| -16\\\.7 % \|/);
    const html = await runCli(['reconcile', '.', ...OPENAI, '--format', 'html', '--output', 'r.html', '--quiet', '--no-rg', '--workers', '0'], dir);
    assert.equal(html.code, 0, html.err);
    const page = fs.readFileSync(path.join(dir, 'r.html'), 'utf8');
    assert.ok(page.startsWith('<!DOCTYPE html>') && page.includes('<td>gpt-4o-mini</td>') && !page.includes('<script'));
  });

  it('--fail-on-error-above: exit 1 above the gate, 0 below it', async () => {
    const over = await runCli(['reconcile', '.', ...usage('openai_usage_x1.2.json'), '--fail-on-error-above', '10', '--format', 'json', '--no-rg', '--workers', '0'], dir);
    assert.equal(over.code, 1);
    // The gate reads each model's headline error: tokens here (no cost export), at least the −16.7 % of the calls.
    assert.match(over.err, /FAIL: gpt-4o-mini: estimate off by -\d+\.\d % \(tokens\), above 10 %/);
    assert.equal((await runCli(['reconcile', '.', ...usage('openai_usage_x1.2.json'), '--fail-on-error-above', '99', '--format', 'json', '--no-rg', '--workers', '0'], dir)).code, 0);
  });

  it('input errors exit 2 with a clear message; bad rows are warnings on stderr and the rest is compared', async () => {
    const none = await runCli(['reconcile', '.'], dir);
    assert.equal(none.code, 2);
    assert.match(none.err, /reconcile needs at least one --usage FILE/);
    const missing = await runCli(['reconcile', '.', '--usage', 'nope.csv'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--usage: could not read .*nope\.csv/);
    fs.writeFileSync(path.join(dir, 'exports/notes.csv'), 'when,what\nmonday,lunch\n');
    const unknown = await runCli(['reconcile', '.', '--usage', 'exports/notes.csv', '--no-rg', '--workers', '0'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /error: exports\/notes\.csv: not a usage export Tokentier knows: a CSV file with the columns "when", "what"/);
    const rows = fs.readFileSync(path.join(SAMPLES, 'anthropic_console_claude_api_tokens_2026_09_01_to_2026_09_03.csv'), 'utf8').split('\n');
    rows[2] = rows[2]!.replace('6000000', 'six million');
    fs.writeFileSync(path.join(dir, 'exports/bad.csv'), rows.join('\n'));
    const bad = await runCli(['reconcile', '.', '--usage', 'exports/bad.csv', '--format', 'json', '--no-rg', '--workers', '0'], dir);
    assert.equal(bad.code, 0, bad.err);
    assert.match(bad.err, /error: exports\/bad\.csv: row 3: usage_input_tokens_no_cache "six million" is not a number; row skipped/);
    assert.equal((JSON.parse(bad.out) as ReconcileResult).exports[0]!.rows.used, 4);
    fs.writeFileSync(path.join(dir, '.tokentier/usage.yml'), 'sites:\n  - match: {file: app.py\n');
    const broken = await runCli(['reconcile', '.', ...OPENAI, '--write', '--no-rg', '--workers', '0'], dir);
    assert.equal(broken.code, 2);
    // The CLI prints every team-file problem first (file:line: message), then reconcile says why it stopped.
    assert.match(broken.err, /^tokentier: error: \.tokentier\/usage\.yml:3: YAML syntax error: [^\n]*\ntokentier: \.tokentier\/usage\.yml: it has YAML errors \(.*\); fix them first \(nothing was changed\)\n$/);
    assert.equal(fs.readFileSync(path.join(dir, '.tokentier/usage.yml'), 'utf8'), 'sites:\n  - match: {file: app.py\n');
    assert.equal((await runCli(['reconcile', '.', ...OPENAI, '--format', 'csv'], dir)).code, 2);
  });

  it('scan --format html writes the self-contained report', async () => {
    const r = await runCli(['scan', '.', '--format', 'html', '--quiet', '--no-rg', '--workers', '0'], dir);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith('<!DOCTYPE html>') && r.out.includes('<h2>Call sites (costliest first)</h2>') && r.out.includes('<td>app.py:8</td>'));
  });
});
