import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import ts from 'typescript';
import { buildReport } from '../../src/core/report/build';
import { CSV_COLUMNS, formatCsv, formatJson, formatJsonl, formatMarkdown, formatTable } from '../../src/core/report/format';
import { csvField, escapeTerminal, formatMoney } from '../../src/core/report/text';
import type { CostTotal, Report } from '../../src/core/types';
import { makeSite } from '../fixtures/cli/sites';

const fixed = new Date('2026-11-23T10:00:00Z');

/** Four priced sites, one unpriced, one ignored (values chosen so sums are exact in binary: multiples of 1/4). */
function sample(): Report {
  return buildReport({
    root: '/repo',
    currency: 'USD',
    profile: 'expected',
    generatedAt: fixed,
    estimates: [
      makeSite({ file: 'b.py', line: 20, perMonth: 100, model: 'gpt-4o' }),
      makeSite({ file: 'a.py', line: 5, perMonth: 12.5, model: 'gpt-4o-mini' }),
      makeSite({ file: 'a.py', line: 30, perMonth: 7.25, provider: 'anthropic', method: 'messages.create', model: 'claude-3-5-haiku' }),
      makeSite({ file: 'b.py', line: 2, perMonth: null, model: null }),
      makeSite({ file: 'c.ts', line: 9, perMonth: 1000, ignored: true }),
      makeSite({ file: 'c.ts', line: 40, perMonth: 0.25, model: 'gpt-4o-mini' }),
    ],
    diagnostics: [{ severity: 'warning', code: 'parse-error', message: 'bad', file: 'd.py' }],
    stats: { filesScanned: 4, filesParsed: 3, bytes: 1234, ms: 5 },
  });
}

function sumTotals(parts: readonly CostTotal[]): { expected: number; min: number; max: number; sites: number; unpriced: number } {
  return parts.reduce((acc, t) => ({ expected: acc.expected + t.perMonth.expected, min: acc.min + t.perMonth.min, max: acc.max + t.perMonth.max, sites: acc.sites + t.sites, unpriced: acc.unpriced + t.unpriced }), { expected: 0, min: 0, max: 0, sites: 0, unpriced: 0 });
}

describe('report: buildReport', () => {
  it('totals the non-ignored, priced sites (worked by hand: 100 + 12.5 + 7.25 + 0.25 = 120)', () => {
    const r = sample();
    assert.equal(r.totals.workspace.perMonth.expected, 120);
    // min is half and max double of each site's expected (see the fixture): 60 and 240.
    assert.equal(r.totals.workspace.perMonth.min, 60);
    assert.equal(r.totals.workspace.perMonth.max, 240);
    // perDay is perMonth / 30 per site.
    assert.ok(Math.abs(r.totals.workspace.perDay.expected - 4) < 1e-12);
    assert.equal(r.totals.workspace.sites, 5, 'six sites, one ignored');
    assert.equal(r.totals.workspace.unpriced, 1);
  });

  it('byFile, byProvider and byModel each sum to the workspace total', () => {
    const r = sample();
    const w = r.totals.workspace;
    for (const parts of [r.totals.byFile.map((x) => x.total), r.totals.byProvider.map((x) => x.total), r.totals.byModel.map((x) => x.total)]) {
      const s = sumTotals(parts);
      assert.ok(Math.abs(s.expected - w.perMonth.expected) < 1e-9);
      assert.ok(Math.abs(s.min - w.perMonth.min) < 1e-9);
      assert.ok(Math.abs(s.max - w.perMonth.max) < 1e-9);
      assert.equal(s.sites, w.sites);
      assert.equal(s.unpriced, w.unpriced);
    }
  });

  it('groups by file in path order and by model costliest first', () => {
    const r = sample();
    assert.deepEqual(r.totals.byFile.map((f) => [f.file, f.total.perMonth.expected]), [['a.py', 19.75], ['b.py', 100], ['c.ts', 0.25]]);
    assert.deepEqual(r.totals.byModel.map((m) => m.model), ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-haiku', 'unknown']);
    assert.deepEqual(r.totals.byModel.map((m) => m.total.perMonth.expected), [100, 12.75, 7.25, 0]);
    assert.deepEqual(r.totals.byProvider.map((p) => [p.provider, p.total.perMonth.expected]), [['openai', 112.75], ['anthropic', 7.25]]);
  });

  it('sorts sites by file then line', () => {
    const r = sample();
    assert.deepEqual(r.sites.map((s) => `${s.site.file}:${s.site.line}`), ['a.py:5', 'a.py:30', 'b.py:2', 'b.py:20', 'c.ts:9', 'c.ts:40']);
  });

  it('an empty report has zero totals and validates', () => {
    const r = buildReport({ root: 'x', currency: 'EUR', profile: 'low', estimates: [], generatedAt: fixed });
    assert.deepEqual(r.totals.workspace, { perMonth: { min: 0, expected: 0, max: 0 }, perDay: { min: 0, expected: 0, max: 0 }, sites: 0, unpriced: 0 });
    assert.equal(validateReport()(JSON.parse(formatJson(r))), true);
  });
});

function validateReport() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/report.schema.json'), 'utf8'));
  return ajv.compile(schema as object);
}

describe('report: formats', () => {
  it('JSON validates against schemas/report.schema.json and round-trips', () => {
    const r = sample();
    const validate = validateReport();
    const parsed: unknown = JSON.parse(formatJson(r));
    assert.equal(validate(parsed), true, JSON.stringify(validate.errors));
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(r)));
  });

  it('the schema rejects a report whose site line is 0 (lines are 1-based)', () => {
    const r = JSON.parse(formatJson(sample())) as { sites: { site: { line: number } }[] };
    r.sites[0]!.site.line = 0;
    assert.equal(validateReport()(r), false);
  });

  it('JSONL has a summary, one record per site and per diagnostic', () => {
    const lines = formatJsonl(sample()).trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    assert.equal(lines.length, 1 + 6 + 1);
    assert.deepEqual(lines.map((l) => l.type), ['summary', 'site', 'site', 'site', 'site', 'site', 'site', 'diagnostic']);
  });

  it('CSV has a header and one row per site, with RFC 4180 quoting and formula guarding', () => {
    const r = buildReport({ root: '/', currency: 'USD', profile: 'expected', generatedAt: fixed, estimates: [makeSite({ file: 'dir/a,b.py', line: 3, perMonth: 2, model: '=HYPERLINK("x")' })] });
    const rows = formatCsv(r).split('\r\n');
    assert.equal(rows[0], CSV_COLUMNS.join(','));
    assert.equal(rows.length, 3, 'header, one row, trailing empty string');
    assert.ok(rows[1]!.startsWith('"dir/a,b.py",3,,openai,sdk,chat,chat.completions.create,"\'=HYPERLINK(""x"")",literal'));
    assert.equal(csvField('-1'), "'-1");
    assert.equal(csvField(-1), '-1');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
  });

  it('Markdown shows the total and escapes table-breaking text from code', () => {
    const r = buildReport({ root: '/', currency: 'USD', profile: 'expected', generatedAt: fixed, estimates: [makeSite({ file: 'a.py', line: 1, perMonth: 42, model: 'evil|model<script>' })] });
    const md = formatMarkdown(r);
    assert.ok(md.includes('$42.00/month'));
    assert.ok(md.includes('evil\\|model\\<script\\>'));
    assert.ok(!md.includes('<script>'));
  });

  it('the terminal table escapes ANSI sequences in model names', () => {
    const r = buildReport({ root: '/', currency: 'USD', profile: 'expected', generatedAt: fixed, estimates: [makeSite({ file: 'a.py', line: 1, perMonth: 1, model: 'gpt\u001b[31m-red\u0007' })] });
    const t = formatTable(r);
    assert.ok(!t.includes('\u001b'));
    assert.ok(!t.includes('\u0007'));
    assert.ok(t.includes('gpt\\x1b[31m-red\\x07'));
    assert.equal(escapeTerminal('a\u202eb'), 'a\\u202eb');
  });
});

describe('report: formatMoney', () => {
  it('keeps two significant digits for sub-cent amounts and two decimals otherwise', () => {
    assert.equal(formatMoney(1234.5, 'USD'), '$1,234.50');
    assert.equal(formatMoney(0, 'USD'), '$0.00');
    assert.equal(formatMoney(0.00042, 'USD'), '$0.00042');
    assert.equal(formatMoney(0.05, 'USD'), '$0.050');
    assert.equal(formatMoney(3, 'EUR'), '€3.00');
  });
});

describe('report: schemas/report.schema.json matches src/core/types.ts', () => {
  // Read the interfaces with the TypeScript parser, so a field added to a type without the schema (or the
  // reverse) fails here even before any report carries it.
  const source = ts.createSourceFile('types.ts', fs.readFileSync(path.join(__dirname, '../../src/core/types.ts'), 'utf8'), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, { all: string[]; required: string[] }>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const members = node.members.filter(ts.isPropertySignature);
    interfaces.set(node.name.text, {
      all: members.map((m) => m.name.getText(source)).sort(),
      required: members.filter((m) => !m.questionToken).map((m) => m.name.getText(source)).sort(),
    });
  });
  interface SchemaObject { properties?: Record<string, unknown>; required?: string[]; definitions?: Record<string, SchemaObject> }
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/report.schema.json'), 'utf8')) as SchemaObject;
  const pairs: [string, SchemaObject][] = [
    ['Report', schema],
    ...([
      ['CallSite', 'callSite'], ['SiteEstimate', 'siteEstimate'], ['CostEstimate', 'cost'], ['TokenEstimate', 'tokenEstimate'],
      ['UsageAssumptions', 'usage'], ['CostTotal', 'costTotal'], ['Diagnostic', 'diagnostic'], ['Provenance', 'provenance'],
      ['PriceLine', 'priceLine'], ['PromptPart', 'promptPart'], ['LoopContext', 'loopContext'], ['CallParams', 'callParams'],
      ['ModelRef', 'modelRef'], ['TokenPartEstimate', 'tokenPart'], ['NumberRange', 'numberRange'], ['Range', 'range'], ['Position', 'position'], ['SiteEnergy', 'siteEnergy'],
      ['UsageCalibrationRef', 'usageCalibration'],
      ['SiteAdvice', 'siteAdvice'], ['LifecycleAlert', 'lifecycleAlert'], ['MigrationEstimate', 'migrationEstimate'], ['ModelAlternative', 'modelAlternative'],
      ['FeatureFit', 'featureFit'], ['QualityScore', 'qualityScore'], ['QualityComparison', 'qualityComparison'],
    ] as const).map(([t, d]): [string, SchemaObject] => [t, schema.definitions![d]!]),
  ];
  for (const [typeName, def] of pairs) {
    it(`${typeName}: same properties, same required ones`, () => {
      const t = interfaces.get(typeName);
      assert.ok(t, `interface ${typeName} not found`);
      assert.deepEqual(Object.keys(def.properties ?? {}).sort(), t.all);
      assert.deepEqual([...(def.required ?? [])].sort(), t.required);
    });
  }
});

describe('report: the callSite definition agrees with schemas/callsite.schema.json', () => {
  it('same properties and required list (the report schema is draft-07, so it inlines the definition instead of a $ref to the 2020-12 file)', function () {
    const file = path.join(__dirname, '../../schemas/callsite.schema.json');
    if (!fs.existsSync(file)) this.skip();
    const callsite = JSON.parse(fs.readFileSync(file, 'utf8')) as { properties: Record<string, unknown>; required: string[] };
    const report = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/report.schema.json'), 'utf8')) as { definitions: Record<string, { properties: Record<string, unknown>; required: string[] }> };
    const inline = report.definitions['callSite']!;
    assert.deepEqual(Object.keys(inline.properties).sort(), Object.keys(callsite.properties).sort());
    assert.deepEqual([...inline.required].sort(), [...callsite.required].sort());
  });
});
