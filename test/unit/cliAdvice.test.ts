/**
 * The CLI's side of issue #22 on a temporary project: the `deprecated` rule gates CI (`--fail-on-deprecated`, the
 * policy file's severity), the JSON report carries the advice (schema 1.1.0), SARIF names the rule, and the table
 * lists the cheaper model. The models are chosen so the outcome does not depend on the day the test runs: OpenAI
 * retired text-davinci-003 on 2024-01-04 (deprecations page), and gpt-4o / gpt-4o-mini have no deprecation notice in
 * the data.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Report } from '../../src/core/types';
import { runCli } from './util/runCli';

const DAVINCI = `import openai

response = openai.Completion.create(model="text-davinci-003", prompt="Write a one-line tagline for a bakery.", max_tokens=64)
`;
const GPT4O = `from openai import OpenAI

client = OpenAI()
reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "How do I reset my password?"}])
`;

describe('cli: deprecated models and cheaper models', function () {
  this.timeout(120000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-advice-'));
    fs.writeFileSync(path.join(dir, 'legacy.py'), DAVINCI);
    fs.writeFileSync(path.join(dir, 'bot.py'), GPT4O);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports a retired model as a warning and passes by default', async () => {
    const r = await runCli(['scan', '--no-rg', '--workers', '0'], dir);
    assert.equal(r.code, 0);
    assert.match(r.err, /^warn: legacy\.py:3 calls text-davinci-003, retired 2024-01-04 on OpenAI API; replacement gpt-3\.5-turbo-instruct → priced as gpt-5\.4-mini \(via gpt-3\.5-turbo-instruct, retired too\)/m);
    assert.match(r.out, /Deprecated or retired models:\n {2}legacy\.py:3 {2}text-davinci-003 \(OpenAI API\): retired 2024-01-04/);
    assert.match(r.out, /bot\.py:4 {2}gpt-4o -> gpt-4o-mini: saves \$[\d.]+\/month \(94 %\)/);
  });

  it('--fail-on-deprecated fails the build (exit 1)', async () => {
    const r = await runCli(['scan', '--no-rg', '--workers', '0', '--quiet', '--fail-on-deprecated'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /^FAIL: legacy\.py:3 calls text-davinci-003/m);
  });

  it('the policy file\'s deprecated severity fails it too; a typo in it is an input error, so it cannot turn the gate off', async () => {
    fs.mkdirSync(path.join(dir, '.tokentier'));
    fs.writeFileSync(path.join(dir, '.tokentier', 'policy.yml'), 'deprecated:\n  severity: error\n  withinDays: 90\n');
    assert.equal((await runCli(['scan', '--no-rg', '--workers', '0', '--quiet'], dir)).code, 1);
    fs.writeFileSync(path.join(dir, '.tokentier', 'policy.yml'), 'deprecated:\n  severity: fatal\n');
    const bad = await runCli(['scan', '--no-rg', '--workers', '0', '--quiet'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /policy\.yml:2: .*deprecated\.severity.*fix the deprecated rule/);
  });

  it('the JSON report carries the advice and validates against schema 1.1.0; SARIF names the rule', async () => {
    const r = await runCli(['scan', '--no-rg', '--workers', '0', '--quiet', '--format', 'json'], dir);
    const report = JSON.parse(r.out) as Report;
    assert.equal(report.schemaVersion, '1.1.0');
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/report.schema.json'), 'utf8')) as object);
    assert.ok(validate(report), JSON.stringify(validate.errors));
    const legacy = report.sites.find((s) => s.site.file === 'legacy.py')!;
    assert.equal(legacy.advice?.lifecycle?.status, 'retired');
    assert.equal(legacy.advice?.lifecycle?.shutdown, '2024-01-04');
    const bot = report.sites.find((s) => s.site.file === 'bot.py')!;
    assert.equal(bot.advice?.alternatives[0]?.model, 'gpt-4o-mini');
    const sarif = JSON.parse((await runCli(['scan', '--no-rg', '--workers', '0', '--quiet', '--format', 'sarif'], dir)).out) as { runs: { results: { ruleId: string; level: string }[] }[] };
    assert.deepEqual(sarif.runs[0]!.results.filter((x) => x.ruleId === 'tokentier/deprecated-model').map((x) => x.level), ['warning']);
  });
});
