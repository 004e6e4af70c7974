/**
 * Numbers a user can trust (issue #19): each case under test/fixtures/numbers/<item>/<case>/ is a small workspace of
 * real-looking code (and `.tokentier/` files where the item needs them) with an `expected.json` whose figures were
 * computed by hand (the arithmetic is in its `_` fields and the code's comments). The real engine analyses every file
 * the expectation names, with the case's team files and settings, and each named figure must match.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettings } from '../../src/core/config/settings';
import { createEngine } from '../../src/core/engine';
import { loadTeamConfig } from '../../src/core/teamFiles/loadTeamConfig';
import { buildWorkload } from '../../src/core/tiers/workload';
import type { Diagnostic, NumberRange, SiteEstimate } from '../../src/core/types';
import { createMemoryFileProvider } from './detect/fixtureFormat';
import { loadWasm } from './detect/loadWasm';

const ROOT = join(__dirname, '..', 'fixtures', 'numbers');

interface ExpectedSite {
  readonly file: string;
  readonly line: number;
  readonly fanOut?: number;
  readonly accuracy?: string;
  readonly input?: Partial<NumberRange>;
  readonly output?: Partial<NumberRange>;
  /** A word the output provenance's rule must contain (the output rule's id, `max_tokens`, …). */
  readonly outputRule?: string;
  readonly cacheHitRate?: number;
  readonly perCall?: number;
  readonly perMonth?: number;
  /** Exactly the team files (with lines) the site's cost cites. */
  readonly cites?: readonly string[];
  /** Price-line dimensions present at the expected point. */
  readonly dimensions?: readonly string[];
  /** Text every price line's rule must contain (a factor, a rate). */
  readonly lineRule?: string;
}

interface Expected {
  readonly issue: string;
  readonly settings?: Record<string, unknown>;
  readonly now?: string;
  readonly sites: readonly ExpectedSite[];
  /** Diagnostics that must appear (code, and a text the message must contain). */
  readonly diagnostics?: readonly { readonly code: string; readonly contains?: string }[];
  /** Codes that must not appear. */
  readonly noDiagnostics?: readonly string[];
}

function cases(): { id: string; dir: string; expected: Expected }[] {
  const out: { id: string; dir: string; expected: Expected }[] = [];
  for (const item of readdirSync(ROOT).sort()) {
    const itemDir = join(ROOT, item);
    if (!statSync(itemDir).isDirectory()) continue;
    for (const c of readdirSync(itemDir).sort()) {
      const dir = join(itemDir, c);
      out.push({ id: `${item}/${c}`, dir, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected });
    }
  }
  return out;
}

const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

function checkRange(got: NumberRange, want: Partial<NumberRange>, what: string): void {
  for (const k of ['min', 'expected', 'max'] as const) if (want[k] !== undefined) close(got[k], want[k]!, `${what}.${k}`);
}

function checkSite(e: SiteEstimate, w: ExpectedSite, where: string): void {
  if (w.fanOut !== undefined) assert.equal(e.usage.fanOut.value, w.fanOut, `${where} fan-out (${e.usage.fanOut.source.rule ?? ''})`);
  if (w.accuracy !== undefined) assert.equal(e.tokens.accuracy, w.accuracy, `${where} accuracy`);
  if (w.input) checkRange(e.tokens.input, w.input, `${where} input`);
  if (w.output) checkRange(e.tokens.output, w.output, `${where} output`);
  if (w.outputRule) assert.ok((e.tokens.outputSource.rule ?? '').includes(w.outputRule), `${where} output rule: ${e.tokens.outputSource.rule ?? ''}`);
  if (w.cacheHitRate !== undefined) close(e.usage.cacheHitRate.value, w.cacheHitRate, `${where} cache hit rate (${e.usage.cacheHitRate.source.rule ?? ''})`);
  if (w.perCall !== undefined) close(e.cost.perCall?.expected ?? Number.NaN, w.perCall, `${where} per call (${e.cost.unknownReason ?? e.cost.lines.map((l) => l.source.rule).join(' | ')})`);
  if (w.perMonth !== undefined) close(e.cost.perMonth?.expected ?? Number.NaN, w.perMonth, `${where} per month`);
  if (w.cites) {
    const cited = [...new Set(e.cost.provenance.filter((p) => p.source === 'team-file').map((p) => `${p.file ?? p.label}${p.line ? `:${p.line}` : ''}`))].sort();
    assert.deepEqual(cited, [...w.cites].sort(), `${where} cites`);
  }
  if (w.dimensions) assert.deepEqual(e.cost.lines.map((l) => l.dimension), w.dimensions, `${where} price lines`);
  if (w.lineRule) for (const l of e.cost.lines) assert.ok((l.source.rule ?? '').includes(w.lineRule), `${where} ${l.dimension}: ${l.source.rule ?? ''}`);
}

describe('numbers a user can trust (test/fixtures/numbers, issue #19)', function () {
  this.timeout(60_000);
  for (const c of cases()) {
    it(`${c.id} (${c.expected.issue})`, async () => {
      const files = createMemoryFileProvider(c.dir);
      const { settings, issues } = parseSettings(c.expected.settings ?? {});
      assert.deepEqual(issues, []);
      const team = await loadTeamConfig(files, settings, { trusted: true });
      const engine = createEngine({ files, loadWasm, retain: false });
      engine.configure({ settings, trusted: true, team });
      const diagnostics: Diagnostic[] = [...team.diagnostics];
      const byFile = new Map<string, readonly SiteEstimate[]>();
      for (const file of new Set(c.expected.sites.map((s) => s.file))) {
        const a = await engine.analyzeDocument({ path: file, text: readFileSync(join(c.dir, file), 'utf8') });
        byFile.set(file, a.estimates);
        diagnostics.push(...a.diagnostics);
      }
      for (const w of c.expected.sites) {
        const e = byFile.get(w.file)?.find((x) => x.site.line === w.line);
        assert.ok(e, `${w.file}:${w.line}: no site there (sites on ${byFile.get(w.file)?.map((x) => x.site.line).join(', ')})`);
        checkSite(e, w, `${w.file}:${w.line}`);
      }
      for (const d of c.expected.diagnostics ?? []) assert.ok(diagnostics.some((x) => x.code === d.code && (!d.contains || x.message.includes(d.contains))), `expected a ${d.code} diagnostic${d.contains ? ` containing "${d.contains}"` : ''}; got:\n${diagnostics.map((x) => `${x.code}: ${x.message}`).join('\n')}`);
      for (const code of c.expected.noDiagnostics ?? []) assert.ok(!diagnostics.some((x) => x.code === code), `unexpected ${code}: ${diagnostics.filter((x) => x.code === code).map((x) => x.message).join('\n')}`);
    });
  }

  it('provenance/book_scope: the Tier Advisor names the price book only when it priced a site in scope (#19 item 7)', async () => {
    const dir = join(ROOT, 'provenance', 'book_scope');
    const files = createMemoryFileProvider(dir);
    const settings = parseSettings({}).settings;
    const team = await loadTeamConfig(files, settings, { trusted: true });
    const engine = createEngine({ files, loadWasm, retain: false });
    engine.configure({ settings, trusted: true, team });
    const a = await engine.analyzeDocument({ path: 'app.py', text: readFileSync(join(dir, 'app.py'), 'utf8') });
    const hosted = a.estimates.filter((e) => e.site.line === 17);
    const label = (sites: readonly SiteEstimate[]): string => buildWorkload(sites, { label: 'scope' }).workload?.api?.source.label ?? '';
    assert.doesNotMatch(label(hosted), /prices\.yml/, 'gpt-4o-mini alone is priced from genai-prices');
    assert.match(label(hosted), /genai-prices/);
    assert.match(label(a.estimates), /\.tokentier\/prices\.yml/, 'acme-llm and the Claude discount come from the book');
  });
});
