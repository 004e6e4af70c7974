/**
 * The demo's figures that issue #19 changed, computed by hand (examples/demo, `tokentier scan examples/demo`):
 *
 * - agents.py:12 `draft_reply` (claude-3-5-haiku-latest, $0.80 in / $4 out per M; the book's Anthropic discount −10 %):
 *   REPLY_GUIDELINES is 38 o200k tokens × 1.2 (Claude) = 45.6 → 46; the ticket is a run-time user value (200 expected);
 *   framing 2 × (3 + 1) + 3 = 11 (control tokens, not multiplied): 257 input tokens. Output: nothing bounds it, 300,
 *   under max_tokens 400. The usage file's cacheHitRate 0.6 is left out (no cache_control marker: Anthropic caches only
 *   marked prefixes, item 5): (257 × 0.8 + 300 × 4) / 1e6 × 0.9 = 1,265.04e-6 per call × 800 calls/day × 30 days =
 *   $30.36096/month (it was $27.98 with the cache discount the provider would not give).
 * - agents.py:26 `classify_with_langchain` (gpt-4o, $2.50 / $10 per M): the prompt ends "One word." (item 11): output
 *   1 / 3 / 12; input: the f-string's text 14 tokens + 2 holes × 20 + framing 3 + 1 + 3 = 61: (61 × 2.5 + 3 × 10) / 1e6
 *   = 182.5e-6 × 500 × 30 = $2.7375/month (it was $47.29 at the default 300 output tokens: 46 % of the demo's total).
 */
import { strict as assert } from 'node:assert';
import path from 'node:path';
import type { Report } from '../../src/core/types';
import { runCli } from './util/runCli';

const DEMO = path.join(__dirname, '..', '..', 'examples', 'demo');
const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('demo: the figures issue #19 changed (hand-computed)', function () {
  this.timeout(120_000);
  let report: Report;
  before(async () => {
    const r = await runCli(['scan', DEMO, '--format', 'json'], DEMO);
    assert.equal(r.code, 0, r.err);
    report = JSON.parse(r.out) as Report;
  });

  it('draft_reply: the cache hit rate Anthropic would not honour is left out, with a warning naming the rule', () => {
    const e = report.sites.find((x) => x.site.file === 'agents.py' && x.site.line === 12)!;
    assert.equal(e.tokens.input.expected, 257);
    assert.equal(e.usage.cacheHitRate.value, 0);
    assert.deepEqual(e.cost.lines.map((l) => l.dimension), ['input', 'output']);
    close(e.cost.perCall!.expected, 1265.04e-6, 'per call');
    close(e.cost.perMonth!.expected, 30.36096, 'per month');
    const d = report.diagnostics.find((x) => x.code === 'cache-not-honoured' && x.file === 'agents.py');
    assert.ok(d, 'a cache-not-honoured warning on agents.py');
    assert.match(d.message, /0\.6 from \.tokentier\/usage\.yml:\d+ is left out of the price: Anthropic caches only prompt prefixes marked with cache_control/);
  });

  it('the "One word." classifier: output 1 / 3 / 12 from its instruction, $2.74 a month instead of $47.29', () => {
    const e = report.sites.find((x) => x.site.file === 'agents.py' && x.site.line === 26)!;
    assert.deepEqual(e.tokens.output, { min: 1, expected: 3, max: 12 });
    assert.equal(e.tokens.input.expected, 61);
    close(e.cost.perMonth!.expected, 2.7375, 'per month');
  });

  it('the total is the sum of its sites, in USD', () => {
    assert.equal(report.currency, 'USD');
    close(report.totals.workspace.perMonth.expected, report.sites.reduce((s, e) => s + (e.cost.perMonth?.expected ?? 0), 0), 'total');
  });
});
