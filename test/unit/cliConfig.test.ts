/**
 * The command line's currency and configuration-error paths (issue #19 items 2 and 8, issue #17 item 5): every figure,
 * total and gate in one named currency or exit 2, never relabelled; team-file and settings problems printed on stderr
 * in every format; `--strict`; unknown profiles and self-hosted models refused with the valid list.
 *
 * The workspace (written per test): app.py calls gpt-4o-mini and acme-llm, each with the prompt "Hello, world!" and
 * `# tokentier: calls/day=100 out=10`. Input: 'Hello, world!' 4 tokens + framing 3 + 1 (role) + 3 = 11 (o200k; the
 * uncalibrated family counts the same text × 1.00). Per call and month (× 100 × 30):
 * - gpt-4o-mini (genai-prices $0.15/$0.60 per M): (11 × 0.15 + 10 × 0.60) / 1e6 = 7.65e-6 USD → 0.02295 USD/month.
 * - acme-llm (the book's own price, 1 / 2 per M in the book's currency): (11 × 1 + 10 × 2) / 1e6 = 31e-6 → 0.093/month.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/core/types';
import { runCli as cli } from './util/runCli';

const APP = [
  'from openai import OpenAI',
  '',
  'client = OpenAI()',
  '',
  '',
  'def label():',
  '    # tokentier: calls/day=100 out=10',
  '    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hello, world!"}])',
  '',
  '',
  'def local():',
  '    # tokentier: calls/day=100 out=10',
  '    return client.chat.completions.create(model="acme-llm", messages=[{"role": "user", "content": "Hello, world!"}])',
  '',
].join('\n');

const MINI_USD_MONTH = 0.02295;
const ACME_MONTH = 0.093;
const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-cliconfig-'));
  for (const [name, text] of Object.entries({ 'app.py': APP, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const BOOK_EUR = ['currency: EUR', 'exchangeRate: 0.9', 'rateSource: ECB reference rate', 'rateDate: 2026-12-01', 'models:', '  - id: acme-llm', '    prices: { input_mtok: 1, output_mtok: 2 }', ''].join('\n');

function perMonth(r: Report, model: string): number {
  const e = r.sites.find((x) => x.site.model.id === model)!;
  assert.ok(e.cost.perMonth, `${model} is priced`);
  return e.cost.perMonth.expected;
}

describe('cli: one named currency for every figure and gate (issue #19 item 2)', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const ws = (files: Record<string, string>): string => {
    const d = workspace(files);
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('--currency JPY with no rate is an error (exit 2), never "¥" on USD figures, in every format', async () => {
    const dir = ws({});
    for (const format of ['table', 'json', 'csv', 'markdown', 'sarif']) {
      const r = await cli(['scan', '--format', format, '--currency', 'JPY'], dir);
      assert.equal(r.code, 2, `${format}: ${r.err}`);
      assert.equal(r.out, '', `${format}: nothing is written`);
      assert.match(r.err, /no USD → JPY rate/);
      assert.match(r.err, /--exchange-rate/);
    }
  });

  it('--currency JPY --exchange-rate 150: every figure converted and labelled JPY, the rate cited', async () => {
    const dir = ws({ '.tokentier/prices.yml': ['models:', '  - id: acme-llm', '    prices: { input_mtok: 1, output_mtok: 2 }', ''].join('\n') });
    const r = await cli(['scan', '--format', 'json', '--currency', 'JPY', '--exchange-rate', '150', '--exchange-rate-source', 'test rate 2026-12-01'], dir);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as Report;
    assert.equal(report.currency, 'JPY');
    assert.ok(report.sites.every((e) => e.cost.currency === 'JPY'));
    // A USD book (no currency field): both prices are USD, × 150.
    close(perMonth(report, 'gpt-4o-mini'), MINI_USD_MONTH * 150, 'gpt-4o-mini JPY');
    close(perMonth(report, 'acme-llm'), ACME_MONTH * 150, 'acme-llm JPY');
    const mini = report.sites.find((x) => x.site.model.id === 'gpt-4o-mini')!;
    assert.ok(mini.cost.provenance.some((p) => /1 USD = 150 JPY \(test rate 2026-12-01\)/.test(p.rule ?? '')));
    const table = await cli(['scan', '--currency', 'JPY', '--exchange-rate', '150'], dir);
    assert.match(table.out, /¥/);
    assert.doesNotMatch(table.out, /\$/);
  });

  it('a EUR price book: its own prices stay in EUR, bundled USD prices × its rate, the report says EUR', async () => {
    const dir = ws({ '.tokentier/prices.yml': BOOK_EUR });
    const r = await cli(['scan', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as Report;
    assert.equal(report.currency, 'EUR');
    close(perMonth(report, 'gpt-4o-mini'), MINI_USD_MONTH * 0.9, 'gpt-4o-mini EUR');
    close(perMonth(report, 'acme-llm'), ACME_MONTH, 'acme-llm stays EUR');
    close(report.totals.workspace.perMonth.expected, MINI_USD_MONTH * 0.9 + ACME_MONTH, 'total EUR');
    const table = await cli(['scan'], dir);
    assert.match(table.out, /€/);
    assert.doesNotMatch(table.out, /\$/);
    // The same book shown in USD: its EUR prices ÷ 0.9.
    const usd = JSON.parse((await cli(['scan', '--format', 'json', '--currency', 'USD'], dir)).out) as Report;
    assert.equal(usd.currency, 'USD');
    close(perMonth(usd, 'gpt-4o-mini'), MINI_USD_MONTH, 'gpt-4o-mini USD');
    close(perMonth(usd, 'acme-llm'), ACME_MONTH / 0.9, 'acme-llm EUR → USD');
  });

  it('a EUR book without exchangeRate, or without rateSource/rateDate, is an error at its line (exit 2)', async () => {
    const noRate = ws({ '.tokentier/prices.yml': ['currency: EUR', 'models:', '  - id: acme-llm', '    prices: { input_mtok: 1, output_mtok: 2 }', ''].join('\n') });
    const a = await cli(['scan', '--format', 'json'], noRate);
    assert.equal(a.code, 2, a.err);
    assert.match(a.err, /\.tokentier\/prices\.yml:1: .*the price book's currency is EUR.*no USD → EUR rate/);
    const noSource = ws({ '.tokentier/prices.yml': ['currency: EUR', 'exchangeRate: 0.9', ''].join('\n') });
    const b = await cli(['scan', '--format', 'sarif'], noSource);
    assert.equal(b.code, 2, b.err);
    assert.match(b.err, /\.tokentier\/prices\.yml:2: exchangeRate: say where and when the rate was read with rateSource and rateDate/);
  });

  it('budget gates compare in the report currency: a EUR policy converted to JPY, a GBP policy with no rate refused', async () => {
    // Report in JPY (150 per USD); the policy's 0.05 EUR → 0.05 × 150 / 0.9 = 8.3333 JPY. Total: 0.02295 × 150 +
    // 0.093 × 150 / 0.9 = 3.4425 + 15.5 = 18.9425 JPY > 8.3333: exit 1.
    const dir = ws({ '.tokentier/prices.yml': BOOK_EUR, '.tokentier/policy.yml': 'currency: EUR\nbudgets:\n  totalPerMonth: 0.05\n' });
    const r = await cli(['scan', '--format', 'json', '--currency', 'JPY', '--exchange-rate', '150', '--exchange-rate-source', 'test'], dir);
    assert.equal(r.code, 1, r.err);
    const report = JSON.parse(r.out) as Report;
    close(report.totals.workspace.perMonth.expected, MINI_USD_MONTH * 150 + (ACME_MONTH * 150) / 0.9, 'total JPY');
    assert.match(r.err, /FAIL: Expected monthly total ¥18\.94 is above the budget of ¥8\.33 \(the policy's amount × 166\.667: EUR → JPY at 150\/0\.9\)/);
    // The same gate from the flag is in the report's currency as typed: 20 JPY passes.
    assert.equal((await cli(['scan', '--format', 'json', '--currency', 'JPY', '--exchange-rate', '150', '--fail-on-total-above', '20'], ws({ '.tokentier/prices.yml': BOOK_EUR }))).code, 0);
    const gbp = ws({ '.tokentier/prices.yml': BOOK_EUR, '.tokentier/policy.yml': 'currency: GBP\nbudgets:\n  totalPerMonth: 5\n' });
    const g = await cli(['scan', '--format', 'json'], gbp);
    assert.equal(g.code, 2, g.err);
    assert.match(g.err, /policy's amounts are in GBP and the report in EUR: .*no rate for GBP/);
  });
});

describe('cli: configuration errors are never silent (issue #19 item 8)', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const ws = (files: Record<string, string>): string => {
    const d = workspace(files);
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('a malformed price book: each problem on stderr as file:line: field in every format; exit 0, or 2 with --strict', async () => {
    const dir = ws({ '.tokentier/prices.yaml': ['models:', '  - id: acme-llm', '    prices: { input_mtok: -1 }', 'colour: blue', ''].join('\n') });
    for (const format of ['table', 'json', 'jsonl', 'csv', 'markdown', 'sarif']) {
      const r = await cli(['scan', '--format', format, '--quiet'], dir);
      assert.equal(r.code, 0, `${format}: ${r.err}`);
      assert.match(r.err, /\.tokentier\/prices\.yaml:3: models\[0\]\.prices\.input_mtok/, format);
      assert.match(r.err, /\.tokentier\/prices\.yaml:4: unknown field "colour"/, format);
      assert.ok(r.out.length > 0, `${format}: the report is written`);
    }
    const strict = await cli(['scan', '--format', 'json', '--strict'], dir);
    assert.equal(strict.code, 2);
    assert.equal(strict.out, '');
    assert.match(strict.err, /stopped: 2 configuration problem\(s\) above \(--strict\)/);
  });

  it('--profile nosuch and a settings profile the usage file does not define: exit 2 with the valid profiles', async () => {
    const dir = ws({ '.tokentier/usage.yml': 'profiles:\n  low: { callsMultiplier: 0.5 }\n  high: { callsMultiplier: 2 }\n' });
    const r = await cli(['scan', '--profile', 'nosuch'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /profile "nosuch" is not defined in \.tokentier\/usage\.yml; valid profiles: expected, low, high/);
    assert.equal((await cli(['scan', '--profile', 'high', '--format', 'json'], dir)).code, 0);
    const bySetting = ws({ '.vscode/settings.json': '{ "tokentier.profile": "hihg" }' });
    const s = await cli(['scan', '--format', 'json'], bySetting);
    assert.equal(s.code, 2);
    assert.match(s.err, /profile "hihg" is not defined \(there is no \.tokentier\/usage\.\* file\); valid profiles: expected/);
  });

  it('tiers --self-host-model gpt-4: exit 2 with the models it can size', async () => {
    const r = await cli(['tiers', '--self-host-model', 'gpt-4'], ws({}));
    assert.equal(r.code, 2);
    assert.match(r.err, /--self-host-model gpt-4 is not an open-weight model Tokentier can size; valid: .*llama-3\.1-8b/);
  });

  it('a path that does not exist says so, absolute or not (not "outside the scan root")', async () => {
    const dir = ws({});
    const missing = path.join(os.tmpdir(), 'tokentier-no-such-dir', 'x.py');
    const r = await cli(['scan', missing], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /does not exist/);
    assert.doesNotMatch(r.err, /outside the scan root/);
  });
});
