// The HTML report (src/core/report/html.ts, view.ts) and the reconcile outputs with hostile model ids and paths: every
// value escaped, no script, no network, light and dark colours.
import { strict as assert } from 'node:assert';
import { parseExport } from '../../src/core/bills/detect';
import { bundledPriceTable } from '../../src/core/pricing/priceTable';
import { compareWithBills } from '../../src/core/reconcile/compare';
import { formatReconcileHtml, formatReconcileMarkdown, formatReconcileTable } from '../../src/core/reconcile/format';
import { ModelMatcher } from '../../src/core/reconcile/models';
import { buildReport } from '../../src/core/report/build';
import { formatHtml } from '../../src/core/report/html';
import { escapeHtml, formatMoney } from '../../src/core/report/text';
import { renderHtml, renderMarkdown, renderText } from '../../src/core/report/view';
import type { Report, SiteEstimate } from '../../src/core/types';

const HOSTILE_MODEL = '<img src=x onerror="alert(1)">gpt-4o-mini';
const HOSTILE_FILE = `"><script>alert('x')</script>\u001b[31mred\u202e.py`;

function site(file: string, model: string, perMonth: number): SiteEstimate {
  const r = (n: number) => ({ min: n, expected: n, max: n });
  const src = { source: 'default' as const, label: 'test' };
  return {
    site: { id: `${file}#3:create`, file, line: 3, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, provider: 'openai', via: 'sdk', api: 'chat', method: 'chat.completions.create', model: { id: model, canonical: model, resolution: { kind: 'literal' } }, stream: false, params: {}, prompt: [], loops: [], confidence: 'high' },
    tokens: { input: r(100), output: r(20), accuracy: 'exact', tokenizer: 'o200k_base', parts: [], inputSource: src, outputSource: src },
    usage: { callsPerDay: { value: 10, source: src }, fanOut: { value: 1, source: src }, cacheHitRate: { value: 0, source: src }, batchShare: { value: 0, source: src }, retryRate: { value: 0, source: src }, profile: 'expected', assumed: true },
    cost: { currency: 'USD', perCall: r(perMonth / 300), perDay: r(perMonth / 30), perMonth: r(perMonth), lines: [], provenance: [] },
  };
}

const report: Report = buildReport({ root: '/w</title><script>', currency: 'USD', profile: 'expected', estimates: [site(HOSTILE_FILE, HOSTILE_MODEL, 12.5), site('ok.py', 'gpt-4o', 7.25)], generatedAt: new Date('2026-12-06T00:00:00Z') });

/** Every `<` in the page starts one of the tags the renderer writes. */
function onlyOurTags(html: string): string[] {
  const allowed = /^<\/?(html|head|meta|title|style|body|h1|h2|p|section|table|thead|tbody|tr|th|td|ul|li|pre|span|footer)[\s>]|^<!DOCTYPE html>/;
  return [...html.matchAll(/</g)].map((m) => html.slice(m.index, m.index + 20)).filter((t) => !allowed.test(t));
}

describe('HTML cost report', () => {
  const html = formatHtml(report);

  it('escapes hostile model ids, paths and roots: only the renderer’s own tags appear', () => {
    assert.deepEqual(onlyOurTags(html), []);
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;gpt-4o-mini'));
    assert.ok(html.includes('&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\\x1b[31mred\\u202e.py'));
    // No tag the renderer writes carries an event handler or a URL.
    for (const tag of html.match(/<[^>]*>/g) ?? []) assert.ok(!/\s(on\w+|src|href|action)=/i.test(tag), tag);
  });

  it('is self-contained: no script, no external resource, a CSP that forbids both', () => {
    assert.ok(!/<(script|link|img|iframe|object|embed|base)\b/i.test(html));
    assert.ok(!/https?:\/\//.test(html));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
  });

  it('follows the light or dark preference of the viewer', () => {
    assert.match(html, /<meta name="color-scheme" content="light dark">/);
    assert.match(html, /@media \(prefers-color-scheme: dark\) \{ :root \{/);
  });

  it('shows the same total as the JSON report (the sum of the sites)', () => {
    assert.equal(report.totals.workspace.perMonth.expected, 19.75);
    assert.ok(html.includes(`${formatMoney(19.75, 'USD')}/month expected`));
    // Costliest first.
    assert.ok(html.indexOf('$12.50') < html.indexOf('$7.25'));
  });
});

describe('view renderers escape for their medium', () => {
  const doc = { title: HOSTILE_MODEL, sections: [{ title: HOSTILE_FILE, blocks: [{ kind: 'table' as const, table: { header: ['a|b', 'c'], rows: [[HOSTILE_MODEL, '`code`']] } }, { kind: 'pre' as const, text: '```\n+ added\n- removed\n', language: 'diff' }] }] };
  it('Markdown: no raw HTML, pipes and backticks escaped, a fence longer than any backtick run', () => {
    const md = renderMarkdown(doc);
    // Every < is escaped (\<): Markdown renderers would otherwise pass it through as HTML.
    assert.deepEqual([...md.matchAll(/</g)].filter((m) => md[m.index - 1] !== '\\').length, 0);
    assert.ok(md.includes('\\<img'));
    assert.ok(md.includes('a\\|b'));
    assert.ok(md.includes('````diff\n```\n+ added\n- removed\n````'));
  });
  it('terminal: control characters shown, not run', () => {
    const t = renderText(doc);
    assert.ok(!t.includes('\u001b') && t.includes('\\x1b[31m') && !t.includes('\u202e'));
  });
  it('HTML: diff lines coloured, content escaped', () => {
    const h = renderHtml(doc);
    assert.ok(h.includes('<span class="add">+ added</span>') && h.includes('<span class="del">- removed</span>'));
    assert.deepEqual(onlyOurTags(h), []);
    assert.equal(escapeHtml(`<a href='x'>&`), '&lt;a href=&#39;x&#39;&gt;&amp;');
  });
});

describe('reconcile outputs with a hostile billed model id', () => {
  it('the bill’s own strings are escaped in HTML, Markdown and the table', async () => {
    // A model no price entry matches (one ending in a known id would be priced, and compared, as that model).
    const billed = '<img src=x onerror="alert(1)">acme-7b\u001b[2J';
    const json = JSON.stringify({ object: 'page', data: [{ object: 'bucket', start_time: 1788220800, end_time: 1788307200, results: [{ object: 'organization.usage.completions.result', input_tokens: 10, output_tokens: 5, num_model_requests: 1, model: billed }] }], has_more: false, next_page: null });
    const r = compareWithBills({ report, exports: [parseExport(json, HOSTILE_FILE)], matcher: new ModelMatcher(await bundledPriceTable()) });
    assert.ok(r.models.some((m) => m.status === 'billed-only' && m.model === billed));
    const html = formatReconcileHtml(r);
    assert.deepEqual(onlyOurTags(html), []);
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;acme-7b\\x1b[2J'));
    const md = formatReconcileMarkdown(r);
    assert.deepEqual([...md.matchAll(/</g)].filter((m) => md[m.index - 1] !== '\\' && !md.startsWith('<sub>', m.index) && !md.startsWith('</sub>', m.index)).length, 0);
    const table = formatReconcileTable(r);
    assert.ok(!table.includes('\u001b') && !table.includes('\u202e'));
  });
});
