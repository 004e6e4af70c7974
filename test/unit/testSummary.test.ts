/**
 * `npm test`'s closing summary names what failed (scripts/test.mjs `failureLines`): a CI log often keeps only its
 * tail, and "108 passed, 1 failed" alone does not say which test to look at. The input is real mocha output: a small
 * failing spec run by the project's mocha.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
type Summary = { failureLines(out: string, max?: number): string[]; parseCounts(out: string): { passed: number; failed: number } };
const load = async (): Promise<Summary> => (await import(path.join(repoRoot, 'scripts/test.mjs'))) as Summary;

describe('npm test summary: the failures are named at the end (scripts/test.mjs)', function () {
  this.timeout(60_000);
  let out = '';
  before(function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-summary-'));
    const spec = path.join(dir, 'status.test.js');
    fs.writeFileSync(
      spec,
      [
        "const assert = require('assert');",
        "describe('status bar', function () {",
        "  it('passes', function () {});",
        "  it('shows the total without test code', function () { assert.strictEqual('$60/mo', '$58/mo'); });",
        "  it('counts the second folder', function () { throw new Error('tree rows: 3, expected 4'); });",
        '});',
      ].join('\n'),
    );
    const next = path.join(dir, 'tree.test.js');
    fs.writeFileSync(next, "describe('tree view', function () {\n  it('groups providers by cost', function () {});\n});\n");
    const mocha = (file: string): string => spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/mocha/bin/mocha.js'), '--no-config', '--reporter', 'spec', file], { encoding: 'utf8' }).stdout;
    // What the integration harness prints around its groups: the failing group, then the next group's passing suite.
    out = `${mocha(spec)}\n[harness] group finished with exit 1 in 3.0 s\n[harness] TIMEOUT: the suite did not finish within 600 s\n${mocha(next)}\n1 passed, 2 failed\n`;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each failing test title and its message, with at most two stack frames', async function () {
    const { failureLines } = await load();
    const lines = failureLines(out);
    const text = lines.join('\n');
    assert.match(text, /1\) status bar/);
    assert.match(text, /shows the total without test code:/);
    assert.match(text, /AssertionError/);
    assert.match(text, /2\) status bar/);
    assert.match(text, /tree rows: 3, expected 4/);
    assert.ok(lines.filter((l) => /^\s+at /.test(l)).length <= 4, text);
    assert.ok(!/✔ passes/.test(text), 'a passing test is not a failure');
    assert.ok(!/tree view|groups providers/.test(text), `the next group's passing suite is not part of the failures:\n${text}`);
  });

  it("keeps the harness's timeout and failed-group lines, and is bounded", async function () {
    const { failureLines } = await load();
    const text = failureLines(out).join('\n');
    assert.match(text, /group finished with exit 1/);
    assert.match(text, /TIMEOUT: the suite did not finish/);
    const short = failureLines(out, 3);
    assert.equal(short.length, 4);
    assert.match(short[3] ?? '', /more lines above/);
  });

  it('finds nothing in a green run, and still counts from the closing line', async function () {
    const { failureLines, parseCounts } = await load();
    assert.deepEqual(failureLines('  3 passing (2s)\n[harness] group finished with exit 0 in 1.0 s\n3 passed, 0 failed\n'), []);
    assert.deepEqual({ ...parseCounts(out) }, { passed: 1, failed: 2, pending: 0 });
  });
});
