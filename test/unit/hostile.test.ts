/**
 * Hostile strings (issue 10): model names, prompt text, file names, annotation text and price-book entries that
 * carry HTML/JS, `</script>`, `javascript:` URLs, Markdown link injection and ANSI escapes. They come from the
 * scanned code and from workspace files, so they are untrusted.
 *
 * - Hovers (src/core/report/present.ts → a MarkdownString with `supportHtml = false` and command links enabled for
 *   three of our commands): rendered here with an independent CommonMark renderer (markdown-it, html off, as VS Code
 *   renders untrusted HTML), the output holds no element from the data and its only links are our three commands.
 * - CodeLens/inlay/tree texts are plain text: no control characters, no line breaks.
 * - CLI: the table has no ANSI/control characters, Markdown has no live HTML or links, CSV guards formulas, JSON,
 *   JSON Lines and SARIF stay valid and keep the strings exactly. Also through the real `run()` on a temp folder
 *   whose file and folder names are hostile.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings } from '../../src/core/config/settings';
import { estimateSites } from '../../src/core/estimate/estimator';
import type { FileProvider } from '../../src/core/fileProvider';
import { buildReport } from '../../src/core/report/build';
import { formatCsv, formatJson, formatJsonl, formatMarkdown, formatTable } from '../../src/core/report/format';
import { HOVER_COMMANDS, hoverMarkdown, inlayLabel, lensTitle, siteRow, statusText } from '../../src/core/report/present';
import { formatSarif } from '../../src/core/report/sarif';
import { loadTeamConfig } from '../../src/core/teamFiles/loadTeamConfig';
import { runCli } from './util/runCli';
import type { CallSite, Range, Report, SiteEstimate } from '../../src/core/types';

/** The payloads. Each must reach the output as inert text. */
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  'javascript:alert(document.cookie)',
  '[x](command:workbench.action.terminal.new)',
  '[click](javascript:alert(1))',
  '![img](https://evil.example/x.png)',
  '<a href="command:workbench.action.terminal.new">x</a>',
  '\u001b[31mRED\u001b[0m\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '`code` **bold** <b>b</b> &lt;',
  'line1\nline2\r\nline3',
  '\u202eevil\u202c',
] as const;

const r0: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } };

function memoryFiles(map: Record<string, string>): FileProvider {
  return {
    readText: async (p) => map[p],
    list: async () => undefined,
    stat: async (p) => (map[p] === undefined ? undefined : { type: 'file', size: Buffer.byteLength(map[p]!), mtime: 0 }),
  };
}

function site(payload: string, i: number): CallSite {
  return {
    id: `${payload}.py#${i + 1}:create`,
    file: `src/${payload}.py`,
    range: r0,
    line: i + 1,
    provider: 'openai',
    via: 'sdk',
    api: 'chat',
    method: `chat.completions.create${payload}`,
    model: { id: payload, canonical: payload, resolution: { kind: 'constant', name: payload } },
    stream: false,
    params: { maxTokens: 100, serviceTier: payload, reasoningEffort: payload },
    prompt: [{ role: 'user', kind: 'literal', text: payload, range: r0 }, { role: 'system', kind: 'file', file: `prompts/${payload}.txt`, range: r0 }],
    loops: [],
    confidence: 'high',
    enclosingFunction: payload,
    annotation: { text: `tokentier: calls=${payload}`, line: i + 1 },
  };
}

/** A price book (YAML, in the workspace) that prices every hostile model id and carries hostile reasons. */
function priceBookYaml(): string {
  const lines = ['models:'];
  for (const h of HOSTILE) lines.push(`  - id: ${JSON.stringify(h)}`, `    aliases: [${JSON.stringify(`${h} alias`)}]`, '    prices: { input_mtok: 1, output_mtok: 2 }');
  lines.push('adjustments:');
  for (const h of HOSTILE) lines.push(`  - markup: 0.01`, `    reason: ${JSON.stringify(h)}`);
  return `${lines.join('\n')}\n`;
}

interface Renderer {
  render(src: string): string;
}

/**
 * markdown-it (a dependency of @vscode/vsce) as an independent CommonMark renderer; undefined when absent.
 * `html: false` is what VS Code does with `supportHtml = false`; `linkify` adds GFM-style bare-URL autolinks (GitHub
 * renders PR comments that way).
 */
function markdownRenderer(linkify = false): Renderer | undefined {
  try {
    const req = createRequire(__filename);
    const MarkdownIt = req('markdown-it') as new (opts: Record<string, unknown>) => Renderer;
    return new MarkdownIt({ html: false, linkify });
  } catch {
    return undefined;
  }
}

/** The hrefs of rendered HTML. */
const hrefsOf = (html: string): string[] => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
/** A link scheme that runs something (VS Code commands, script, inline data) rather than opening a web page. */
const ACTIVE_SCHEME = /^(command|javascript|vbscript|data|file|vscode|vscode-insiders):/i;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('hostile strings from code and workspace files', () => {
  let estimates: SiteEstimate[];
  let report: Report;

  before(async () => {
    const files = memoryFiles({ '.tokentier/prices.yaml': priceBookYaml(), ...Object.fromEntries(HOSTILE.map((h) => [`prompts/${h}.txt`, h])) });
    const team = await loadTeamConfig(files, defaultSettings, { trusted: true });
    estimates = await estimateSites(HOSTILE.map(site), { settings: defaultSettings, team, files, now: new Date('2026-11-23T00:00:00Z') });
    report = buildReport({ root: HOSTILE.join(' '), currency: 'USD', profile: HOSTILE[0], estimates, diagnostics: HOSTILE.map((h) => ({ severity: 'warning', code: 'x', message: h, file: h })), generatedAt: new Date(0) });
  });

  it('the hostile models are priced from the hostile price book (so price-book strings reach the hover)', () => {
    assert.equal(estimates.length, HOSTILE.length);
    const priced = estimates.filter((e) => e.cost.perCall !== null);
    assert.ok(priced.length >= HOSTILE.length - 1, `only ${priced.length} of ${HOSTILE.length} hostile models priced from the book`);
    assert.ok(priced.some((e) => e.cost.lines.some((l) => l.source.file === '.tokentier/prices.yaml')));
  });

  describe('hover Markdown (present.ts hoverMarkdown)', () => {
    const md = markdownRenderer(true);

    it('rendered with CommonMark (html off): no element from the data, only our three command links', function () {
      if (!md) this.skip();
      for (const e of estimates) {
        const html = md!.render(hoverMarkdown({ estimate: e, linkArgs: { uri: 'file:///w/a.py', siteId: e.site.id } }));
        assert.doesNotMatch(html, /<(img|script|b|iframe)\b/i, `live element in the hover of ${JSON.stringify(e.site.model.id)}`);
        const hrefs = hrefsOf(html);
        assert.equal(hrefs.length, 3, `links in the hover of ${JSON.stringify(e.site.model.id)}: ${hrefs.join(' ')}`);
        for (const h of hrefs) assert.ok(HOVER_COMMANDS.some((c) => h.startsWith(`command:${c}?`)), `unexpected link ${h}`);
        assert.doesNotMatch(html, /src="/, 'an image reached the hover');
      }
    });

    it('without link arguments (exported documents) the hover has no link at all', function () {
      if (!md) this.skip();
      for (const e of estimates) assert.doesNotMatch(md!.render(hoverMarkdown({ estimate: e, note: HOSTILE[3] })), /<a /);
    });

    it('the escaped text still shows the data (nothing dropped): unescaping the Markdown gives back the model id', () => {
      for (const e of estimates) {
        const text = hoverMarkdown({ estimate: e }).replace(/\\([!-/:-@[-`{-~])/g, '$1');
        // As the lens and tree show it (issue 17): line breaks as a space, bidi controls dropped, other controls as \xNN.
        const id = (e.site.model.id ?? '')
          .replace(/[\r\n]+/g, ' ')
          .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
          // eslint-disable-next-line no-control-regex
          .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
        assert.ok(text.includes(id), `model id ${JSON.stringify(id)} missing from the hover`);
      }
    });

    it('the hover source has no unescaped `<`, `](`, or `javascript:` from the data', () => {
      for (const e of estimates) {
        const src = hoverMarkdown({ estimate: e });
        assert.doesNotMatch(src, /(^|[^\\])</, 'raw <');
        assert.doesNotMatch(src, /(^|[^\\])\]\(/, 'raw ](');
        assert.doesNotMatch(src, /javascript:/, 'raw javascript:');
      }
    });
  });

  it('the status bar text (workspace totals only) has no control character', () => {
    assert.doesNotMatch(statusText({ total: report.totals.workspace, currency: 'USD', scanning: false }), CONTROL);
  });

  // Fixed (was a KNOWN BUG): line breaks, control and bidi characters of a model id or method reached the CodeLens,
  // inlay and tree texts unchanged. present.ts plainText now collapses line breaks, drops bidi controls and shows
  // other controls as a visible `\xNN`.
  it('CodeLens, inlay and tree texts contain no line break, control or bidi character from the data', () => {
    for (const e of estimates) {
      for (const t of [lensTitle(e).text, inlayLabel(e).text, siteRow(e).label, siteRow(e).description]) {
        assert.doesNotMatch(t, CONTROL, `control character in ${JSON.stringify(t)}`);
      }
    }
  });

  it('the plain-text sanitising keeps the payload visible: ESC as a visible \\x1b, line breaks as one space, bidi controls gone', () => {
    const byId = (id: string): SiteEstimate => estimates.find((e) => e.site.model.id === id)!;
    // Written by hand from the payloads above.
    assert.ok(lensTitle(byId(HOSTILE[7])).text.startsWith('\\x1b[31mRED\\x1b[0m\\x1b]8;;https://evil.example\\x07link\\x1b]8;;\\x07 · '), lensTitle(byId(HOSTILE[7])).text);
    assert.ok(lensTitle(byId(HOSTILE[9])).text.startsWith('line1 line2 line3 · '), lensTitle(byId(HOSTILE[9])).text);
    assert.ok(lensTitle(byId(HOSTILE[10])).text.startsWith('evil · '), lensTitle(byId(HOSTILE[10])).text);
    assert.ok(siteRow(byId(HOSTILE[9])).label.endsWith('chat.completions.createline1 line2 line3'), siteRow(byId(HOSTILE[9])).label);
    // A model the price book does not know still goes through the same helper (the `price unknown` branch).
    const unpriced = { ...byId(HOSTILE[9]), site: { ...byId(HOSTILE[9]).site, model: { id: 'a\nb\u001b[31m', canonical: null, resolution: { kind: 'literal' as const } } }, cost: { ...byId(HOSTILE[9]).cost, perCall: null, perDay: null, perMonth: null } };
    assert.equal(lensTitle(unpriced).text, 'a b\\x1b[31m · price unknown — set price…');
    assert.equal(inlayLabel(unpriced).text, 'a b\\x1b[31m: price unknown');
  });

  describe('CLI formats', () => {
    it('table: no ESC or other control character; the payload is still visible as text', () => {
      const t = formatTable(report);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(t.replace(/\n/g, ''), /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      assert.ok(t.includes('RED'), 'the ANSI payload text was dropped instead of escaped');
    });

    it('markdown: no live HTML element or link from the data (CommonMark, html off); with GFM autolinks only web URLs', function () {
      const md = markdownRenderer();
      if (!md) this.skip();
      const html = md!.render(formatMarkdown(report));
      assert.doesNotMatch(html, /<(img|script|iframe)\b/i);
      assert.doesNotMatch(html, /<a /, `a link reached the Markdown report: ${html.match(/<a [^>]*>/)?.[0] ?? ''}`);
      // A bare https:// URL written in code becomes a link on GitHub (autolink); no command:/javascript: link may.
      for (const h of hrefsOf(markdownRenderer(true)!.render(formatMarkdown(report)))) assert.doesNotMatch(h, ACTIVE_SCHEME);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(formatMarkdown(report), /\u001b/);
    });

    it('JSON, JSON Lines and SARIF parse and keep every string exactly (JSON is data, not markup)', () => {
      const parsed = JSON.parse(formatJson(report)) as Report;
      assert.deepEqual(parsed.sites.map((s) => s.site.model.id), [...estimates].sort((a, b) => (a.site.file < b.site.file ? -1 : 1)).map((e) => e.site.model.id));
      for (const line of formatJsonl(report).trimEnd().split('\n')) JSON.parse(line);
      const sarif = JSON.parse(formatSarif(report)) as { runs: unknown[] };
      assert.equal(sarif.runs.length, 1);
      // A raw `</script>` inside JSON is harmless as data; what matters is that no HTML consumer gets it unescaped, so
      // only validity and exactness are checked here.
    });

    it('CSV: every data field that could start a spreadsheet formula is quoted away', () => {
      const sites: CallSite[] = ['=HYPERLINK("https://evil.example")', '+1+1', '-2+3', '@SUM(A1)'].map((p, i) => ({ ...site('x', i), model: { id: p, canonical: p, resolution: { kind: 'literal' } }, file: `${p}.py` }));
      const csvReport = buildReport({ root: '.', currency: 'USD', profile: 'expected', estimates: sites.map((s) => ({ ...estimates[0]!, site: s })) });
      const rows = formatCsv(csvReport).trimEnd().split('\r\n').slice(1);
      for (const row of rows) {
        // Split on commas outside quotes.
        const fields = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '').replace(/^"|"$/g, ''));
        for (const f of fields) assert.doesNotMatch(f, /^[=+\-@]/, `formula-like field ${f} in ${row}`);
      }
    });
  });

  describe('the real CLI on a folder with hostile file and model names', function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-hostile-'));
      // File names may not contain '/' or NUL; everything else in the payloads is a legal Linux file name.
      const name = (h: string): string => h.split('/').join('_').split(String.fromCharCode(0)).join('_');
      const sub = path.join(dir, name('<img src=x onerror=alert(1)>'));
      fs.mkdirSync(sub);
      HOSTILE.forEach((h, i) => {
        const model = JSON.stringify(h);
        fs.writeFileSync(path.join(i % 2 ? sub : dir, `${name(h)}.py`), `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model=${model}, messages=[{"role": "user", "content": ${model}}])\n`);
      });
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const cli = (args: string[]): ReturnType<typeof runCli> => runCli(args, dir);

    it('scan --format table prints no ESC/control character on stdout or stderr', async () => {
      const r = await cli(['scan', '.', '--format', 'table']);
      assert.equal(r.code, 0, r.err);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(r.out.replace(/\n/g, ''), /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/, 'control character on stdout');
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(r.err.replace(/\n/g, ''), /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'control character on stderr');
      assert.match(r.out, /RED/);
    });

    it('scan --format json is valid JSON with every hostile model id found exactly', async () => {
      const r = await cli(['scan', '.', '--format', 'json']);
      assert.equal(r.code, 0, r.err);
      const rep = JSON.parse(r.out) as Report;
      const ids = new Set(rep.sites.map((s) => s.site.model.id));
      // Python string literals hold the payloads JSON-escaped; the detector reports the id as written in code.
      assert.equal(rep.sites.length, HOSTILE.length);
      assert.ok(ids.has('<img src=x onerror=alert(1)>') && ids.has('[x](command:workbench.action.terminal.new)'), [...ids].join(' | '));
    });

    it('scan --format markdown renders no live HTML or link', async function () {
      const md = markdownRenderer();
      if (!md) this.skip();
      const r = await cli(['scan', '.', '--format', 'markdown']);
      assert.equal(r.code, 0, r.err);
      const html = md!.render(r.out);
      assert.doesNotMatch(html, /<(img|script)\b/i);
      assert.doesNotMatch(html, /<a /);
      for (const h of hrefsOf(markdownRenderer(true)!.render(r.out))) assert.doesNotMatch(h, ACTIVE_SCHEME);
    });
  });
});
