// Usage and bill export parsers (src/core/bills) against the constructed public samples. The oracle is
// test/fixtures/reconcile/samples/MANIFEST.json: the invented usage the samples were generated from (by the researcher's
// make_samples.py), turned into one *.expected.json per sample by test/fixtures/reconcile/make.py — not by this parser.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { classifyBedrockRow, measureOfUsageType } from '../../src/core/bills/aws';
import { dayOfIso, dayOfUnix, readNumber } from '../../src/core/bills/common';
import { detectCsv, parseExport } from '../../src/core/bills/detect';
import { EXPORT_FORMATS } from '../../src/core/bills/formats';
import { MEASURE_KEYS, type ExportFormatId, type ParsedExport } from '../../src/core/bills/types';
import { bundledPriceTable } from '../../src/core/pricing/priceTable';
import { ModelMatcher, nameWords } from '../../src/core/reconcile/models';

const SAMPLES = path.join(__dirname, '../fixtures/reconcile/samples');
const read = (name: string) => fs.readFileSync(path.join(SAMPLES, name), 'utf8');

interface Expected {
  readonly days: string[];
  readonly records: { day: string; model: string | null; measures: Record<string, number> }[];
}

/** Sums records per (day, model as written) — the same reduction on both sides. */
function byDayModel(records: readonly { day: string; model: string | null; measures: Record<string, number> }[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of records) {
    const key = `${r.day} ${r.model ?? '(none)'}`;
    const m = out.get(key) ?? {};
    for (const [k, v] of Object.entries(r.measures)) m[k] = (m[k] ?? 0) + v;
    out.set(key, m);
  }
  return out;
}

function parsedRecords(p: ParsedExport) {
  return p.records.map((r) => ({ day: r.day, model: r.model ? ('id' in r.model ? r.model.id : r.model.name) : null, measures: r.measures as Record<string, number> }));
}

const FORMAT_OF: Readonly<Record<string, ExportFormatId>> = {
  'openai_usage_completions_group_by_model.json': 'openai-usage-json',
  'openai_usage_completions_older_fields_page1.json': 'openai-usage-json',
  'openai_usage_completions_older_fields_page2.json': 'openai-usage-json',
  'openai_costs_group_by_line_item.json': 'openai-costs-json',
  'openai_costs_daily_total.json': 'openai-costs-json',
  'openai_dashboard_completions_usage_2026-09-01_2026-09-04.csv': 'openai-usage-csv',
  'openai_dashboard_completions_usage_empty_2026-08-01_2026-08-01.csv': 'openai-empty-csv',
  'openai_dashboard_cost_2026-09-01_2026-09-04.csv': 'openai-cost-csv',
  'openai_dashboard_cost_by_line_item_2026-09-01_2026-09-03.csv': 'openai-cost-csv',
  'anthropic_usage_report_messages_group_by_model.json': 'anthropic-usage-json',
  'anthropic_usage_report_messages_grouped_page1.json': 'anthropic-usage-json',
  'anthropic_cost_report_group_by_description.json': 'anthropic-cost-json',
  'anthropic_cost_report_daily_total.json': 'anthropic-cost-json',
  'anthropic_console_claude_api_tokens_2026_09_01_to_2026_09_03.csv': 'anthropic-tokens-csv',
  'anthropic_console_claude_api_tokens_2025_format.csv': 'anthropic-tokens-csv',
  'anthropic_console_claude_api_cost_2026_09_01_to_2026_09_03.csv': 'anthropic-cost-csv',
  'anthropic_console_claude_api_cost_with_key_id.csv': 'anthropic-cost-csv',
  'aws_cur2_bedrock_2026-09.csv': 'aws-cur2-csv',
  'aws_legacy_cur_bedrock_2026-09.csv': 'aws-cur-legacy-csv',
};

describe('bills: every public sample reads as the figures it was generated from', () => {
  const samples = fs.readdirSync(SAMPLES).filter((f) => /\.(csv|json)$/.test(f) && !f.endsWith('.expected.json') && f !== 'MANIFEST.json');
  it('covers all 19 samples', () => assert.equal(samples.length, 19));
  for (const name of samples) {
    it(name, () => {
      const expected = JSON.parse(read(`${name}.expected.json`)) as Expected;
      const p = parseExport(read(name), name);
      assert.equal(p.format, FORMAT_OF[name]);
      assert.deepEqual(p.days, expected.days);
      const got = byDayModel(parsedRecords(p));
      const want = byDayModel(expected.records);
      assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
      for (const [k, w] of want) {
        const g = got.get(k)!;
        assert.deepEqual(Object.keys(g).sort(), Object.keys(w).sort(), `${k}: measures`);
        for (const m of Object.keys(w)) assert.ok(Math.abs(g[m]! - w[m]!) <= 1e-9 * Math.max(1, w[m]!), `${k} ${m}: ${g[m]} vs ${w[m]}`);
      }
      assert.ok(!p.diagnostics.some((d) => d.severity === 'error'), p.diagnostics.map((d) => d.message).join('\n'));
    });
  }
});

describe('bills: what each format says about itself', () => {
  it('a paginated page warns that more pages exist', () => {
    const p = parseExport(read('openai_usage_completions_older_fields_page1.json'), 'page1.json');
    assert.ok(p.diagnostics.some((d) => d.severity === 'warning' && /has_more is true/.test(d.message)));
  });
  it('the header-only OpenAI export is recognised and says it holds no usage', () => {
    const p = parseExport(read('openai_dashboard_completions_usage_empty_2026-08-01_2026-08-01.csv'), 'empty.csv');
    assert.equal(p.records.length, 0);
    assert.ok(p.diagnostics.some((d) => /no usage/.test(d.message)));
  });
  it('Anthropic cost report amounts are cents ("720" is $7.20)', () => {
    const p = parseExport(read('anthropic_cost_report_group_by_description.json'), 'cost.json');
    assert.equal(p.records[0]!.measures.cost, 7.2);
  });
  it('CUR 2.0 Marketplace rows without a product name stay unattributed, and say so', () => {
    const p = parseExport(read('aws_cur2_bedrock_2026-09.csv'), 'cur2.csv');
    assert.equal(p.records.filter((r) => !r.model).length, 12);
    assert.ok(p.diagnostics.some((d) => d.severity === 'warning' && /unattributed/.test(d.message)));
    assert.ok(p.diagnostics.some((d) => /millions of tokens \(inferred/.test(d.message)));
  });
  it('every format has a label, a source and its required columns among its known ones', () => {
    for (const f of EXPORT_FORMATS) {
      assert.ok(f.label && f.source.length > 20, f.id);
      for (const r of f.required) assert.ok(f.columns.some((c) => c.name === r || c.name.startsWith(`${r}.`)), `${f.id}: ${r}`);
    }
  });
});

describe('bills: bad input gives per-row messages, never a crash', () => {
  it('bad numbers, negatives, bad dates and another currency are reported with their row; the good rows are used', () => {
    const csv = [
      'usage_date_utc,model,workspace,api_key,usage_type,context_window,token_type,cost_usd,mystery_column',
      '2026-09-01,Claude Haiku 4.5,Default,k,message,≤ 200k,output,4.50,x',
      '2026-09-01,Claude Haiku 4.5,Default,k,message,≤ 200k,output,"1,000.00",x',
      '2026-09-02,Claude Haiku 4.5,Default,k,message,≤ 200k,output,-3,x',
      '09/02/2026,Claude Haiku 4.5,Default,k,message,≤ 200k,output,1.00,x',
      '2026-09-03,Claude Haiku 4.5,Default,k,message,≤ 200k,output,--,x',
    ].join('\n');
    const p = parseExport(csv, 'bad.csv');
    assert.equal(p.format, 'anthropic-cost-csv');
    assert.deepEqual(p.records.map((r) => r.measures.cost), [4.5]);
    const messages = p.diagnostics.map((d) => d.message);
    assert.ok(messages.some((m) => m === 'bad.csv: row 3: cost_usd "1,000.00" is not a number; row skipped'), messages.join('\n'));
    assert.ok(messages.some((m) => m === 'bad.csv: row 4: cost_usd is negative (-3); row skipped'));
    assert.ok(messages.some((m) => m === 'bad.csv: row 5: usage_date_utc "09/02/2026" is not a date; row skipped'));
    assert.ok(messages.some((m) => /unknown column "mystery_column": not read/.test(m)));
    // The `--` row is "not applicable": read, nothing to use.
    assert.deepEqual(p.rows, { read: 5, used: 1 });
  });
  it('a JSON result with a string count, and an amount in EUR, are skipped with their path', () => {
    const json = JSON.stringify({ data: [{ start_time: 1788220800, results: [{ input_tokens: 'many', output_tokens: 1, num_model_requests: 1, model: 'gpt-4o' }, { input_tokens: 5, output_tokens: 1, num_model_requests: 1, model: 'gpt-4o' }] }] });
    const p = parseExport(json, 'u.json');
    assert.equal(p.records.length, 1);
    assert.ok(p.diagnostics.some((d) => d.message === 'u.json: data[0].results[0]: input_tokens "many" is not a number; skipped'), p.diagnostics.map((d) => d.message).join('\n'));
    const costs = JSON.stringify({ data: [{ start_time: 1788220800, results: [{ object: 'organization.costs.result', amount: { value: 3, currency: 'eur' }, line_item: null }] }] });
    assert.ok(parseExport(costs, 'c.json').diagnostics.some((d) => /currency "eur": only USD bills are compared/.test(d.message)));
  });
  it('cached tokens larger than the input they are part of are an error, not a negative count', () => {
    const json = JSON.stringify({ data: [{ start_time: 1788220800, results: [{ input_tokens: 5, input_cached_tokens: 9, output_tokens: 1, num_model_requests: 1, model: 'gpt-4o' }] }] });
    const p = parseExport(json, 'u.json');
    assert.equal(p.records.length, 0);
    assert.ok(p.diagnostics.some((d) => /exceed input_tokens/.test(d.message)));
  });
  it('a missing required column rejects the file with the column named', () => {
    const p = parseExport('usage_date_utc,model_version\n2026-09-01,claude-haiku-4-5\n', 'tokens.csv');
    assert.equal(p.records.length, 0);
    assert.ok(p.diagnostics.some((d) => d.severity === 'error' && /"usage_output_tokens" is missing/.test(d.message)));
  });
  it('unknown files say what Tokentier reads', () => {
    for (const [text, re] of [['', /is empty/], ['{"data": 3}', /without a "data" list/], ['a,b\n1,2\n', /columns "a", "b"/], ['{"x":', /not valid JSON/], ['PK\u0003\u0004\u0000\u0000', /binary/]] as const) {
      const p = parseExport(text, 'f');
      assert.equal(p.format, undefined);
      assert.match(p.diagnostics[0]!.message, re);
    }
    assert.match(parseExport(JSON.stringify({ data: [{ start_time: 1, results: [{ object: 'organization.usage.embeddings.result', input_tokens: 1 }] }] }), 'e.json').diagnostics[0]!.message, /only completions usage/);
  });
  it('repeated problems are capped at five per kind, then counted', () => {
    const rows = Array.from({ length: 12 }, () => '2026-09-01,claude-haiku-4-5,k,w,standard,x,0,0,0,0,0');
    const p = parseExport(['usage_date_utc,model_version,api_key,workspace,usage_type,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count', ...rows].join('\n'), 't.csv');
    assert.equal(p.diagnostics.filter((d) => /row \d+: usage_input_tokens_no_cache/.test(d.message)).length, 5);
    assert.ok(p.diagnostics.some((d) => /7 more row\(s\) with the same problem/.test(d.message)));
  });
  it('mangled samples never throw (every prefix of every sample, and byte flips)', () => {
    for (const name of Object.keys(FORMAT_OF)) {
      const text = read(name);
      for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 40))) parseExport(text.slice(0, cut), name);
      for (let i = 0; i < 40; i++) {
        const at = (i * 7919) % text.length;
        parseExport(text.slice(0, at) + '\u0001"{,\n'[i % 5] + text.slice(at + 1), name);
      }
    }
  });
});

describe('bills: Bedrock usage types, by the grammar of the documented spellings', () => {
  it('reads the token kind of every documented spelling', () => {
    const cases: [string, string | undefined][] = [
      ['USE1-MP:USE1_InputTokenCount-Units', 'uncachedInput'],
      ['USE1-MP:USE1_InputTokenCount_Global-Units', 'uncachedInput'],
      ['USE1-MP:USE1_InputTokenCount_Batch-Units', 'uncachedInput'],
      ['USE1-MP:USE1_CacheReadInputTokenCount-Units', 'cacheRead'],
      ['USE1-MP:USE1_CacheWrite1hInputTokenCount-Units', 'cacheWrite'],
      ['USW2-MP:USW2_output_tokens_standard-Units', 'output'],
      ['USW2-MP:USW2_cache_write_tokens_30m_standard-Units', 'cacheWrite'],
      ['USE1-Claude4.6Opus-cache-read-input-token-count-cross-region-global', 'cacheRead'],
      ['USE1-Claude4Sonnet-cache-write-input-token-count-1-hour', 'cacheWrite'],
      ['USE1-NovaLite-input-tokens-batch', 'uncachedInput'],
      ['USE1-TimedStorage-ByteHrs', undefined],
    ];
    for (const [ut, want] of cases) assert.equal(measureOfUsageType(ut), want, ut);
  });
  it('names the model from the product name (Marketplace) or the usage type (Amazon Bedrock), and nothing else', () => {
    assert.deepEqual(classifyBedrockRow('USE1-MP:USE1_InputTokenCount-Units', 'abc', 'Claude Sonnet 4.5 (Amazon Bedrock Edition)'), { family: 'marketplace', model: { name: 'Claude Sonnet 4.5', vendor: 'any' }, measure: 'uncachedInput' });
    assert.deepEqual(classifyBedrockRow('USE1-Claude3Sonnet-input-tokens', 'AmazonBedrock', 'Amazon Bedrock'), { family: 'bedrock', model: { name: 'Claude3Sonnet', vendor: 'any' }, measure: 'uncachedInput' });
    assert.deepEqual(classifyBedrockRow('USE1-mistral.voxtral-small-24b-2507-mantle-input-tokens-standard', 'AmazonBedrock', undefined), { family: 'bedrock', model: { id: 'mistral.voxtral-small-24b-2507' }, measure: 'uncachedInput' });
    assert.equal(classifyBedrockRow('USE1-TimedStorage-ByteHrs', 'AmazonS3', undefined), undefined);
    assert.equal(classifyBedrockRow('USE1-input-tokens', 'AmazonS3', undefined), undefined);
  });
  it('reads the product name from a CUR 2.0 product map (JSON or key=value), spreads a monthly row over its days, and leaves out credits', () => {
    const head = 'line_item_usage_start_date,line_item_usage_end_date,line_item_line_item_type,line_item_product_code,line_item_usage_type,line_item_usage_amount,pricing_unit,line_item_unblended_cost,line_item_currency_code,product';
    const csv = [
      head,
      '2026-09-01T00:00:00Z,2026-09-02T00:00:00Z,Usage,abc,USE1-MP:USE1_InputTokenCount-Units,2,Units,6.6,USD,"{""product_name"":""Claude Sonnet 4.5 (Amazon Bedrock Edition)""}"',
      '2026-09-01T00:00:00Z,2026-09-02T00:00:00Z,Usage,abc,USE1-MP:USE1_OutputTokenCount-Units,0.1,Units,1.65,USD,"{product_name=Claude Sonnet 4.5 (Amazon Bedrock Edition), region=us-east-1}"',
      '2026-09-01T00:00:00Z,2026-09-11T00:00:00Z,Usage,AmazonBedrock,USE1-NovaLite-input-tokens,10000,1K tokens,0.6,USD,',
      '2026-09-01T00:00:00Z,2026-09-02T00:00:00Z,Credit,abc,USE1-MP:USE1_InputTokenCount-Units,0,Units,-5,USD,',
      '2026-09-01T00:00:00Z,2026-09-02T00:00:00Z,Usage,AmazonS3,USE1-TimedStorage-ByteHrs,1,GB-Mo,0.02,USD,',
    ].join('\n');
    const p = parseExport(csv, 'cur.csv');
    assert.equal(p.format, 'aws-cur2-csv');
    const claude = p.records.filter((r) => r.model && 'name' in r.model && r.model.name === 'Claude Sonnet 4.5');
    assert.deepEqual(claude.map((r) => r.measures), [{ cost: 6.6, uncachedInput: 2_000_000 }, { cost: 1.65, output: 100_000 }]);
    const nova = p.records.filter((r) => r.model && 'name' in r.model && r.model.name === 'NovaLite');
    assert.equal(nova.length, 10);
    assert.ok(Math.abs(nova[0]!.measures.uncachedInput! - 1_000_000) < 1e-6 && nova[9]!.day === '2026-09-10');
    assert.ok(p.diagnostics.some((d) => /1 Credit row\(s\) left out/.test(d.message)));
    assert.ok(p.diagnostics.some((d) => /1 row\(s\) are not Amazon Bedrock token usage/.test(d.message)));
  });
});

describe('bills: small readers', () => {
  it('numbers, days', () => {
    assert.deepEqual(readNumber('59200.0', 'x'), { value: 59200 });
    assert.deepEqual(readNumber('', 'x'), { empty: true });
    assert.ok('problem' in readNumber('1,000', 'x') && 'problem' in readNumber('NaN', 'x') && 'problem' in readNumber(true, 'x'));
    assert.equal(dayOfUnix(1788220800), '2026-09-01');
    assert.equal(dayOfIso('2026-09-01T23:30:00-02:00'), '2026-09-02');
    assert.equal(dayOfIso('2026-02-30'), undefined);
    assert.equal(dayOfIso('2026-09-01 10:00:00'), '2026-09-01');
  });
  it('CSV headers are recognised by their columns, not the file name', () => {
    assert.equal(detectCsv(['start_time', 'end_time', 'start_time_iso', 'end_time_iso']), 'openai-empty-csv');
    assert.equal(detectCsv(['identity/LineItemId', 'lineItem/UsageType']), 'aws-cur-legacy-csv');
  });
});

describe('reconcile: model names and keys', () => {
  it('maps display names to ids only through an exact match of words in the price table', async () => {
    const m = new ModelMatcher(await bundledPriceTable());
    assert.equal(m.idOfName('Claude Sonnet 4.5', 'anthropic'), 'claude-sonnet-4-5');
    assert.equal(m.idOfName('Claude Haiku 4.5', 'any'), 'claude-haiku-4-5');
    assert.equal(m.idOfName('NovaLite', 'any'), 'amazon.nova-lite-v1:0');
    assert.equal(m.idOfName('Claude4Sonnet', 'any'), 'claude-sonnet-4-0');
    assert.equal(m.idOfName('Claude Sonnet 9.9', 'any'), undefined);
    assert.equal(nameWords('Claude4.6Opus'), nameWords('Claude Opus 4.6'));
  });
  it('a dated snapshot, a Bedrock id and the vendor id of one model meet on one key; different models do not', async () => {
    const m = new ModelMatcher(await bundledPriceTable());
    assert.equal(m.key('gpt-4o-mini-2024-07-18', 'openai'), m.key('gpt-4o-mini', 'openai'));
    assert.equal(m.key('anthropic.claude-haiku-4-5-20251001-v1:0', 'bedrock'), m.key('claude-haiku-4-5', 'bedrock'));
    assert.equal(m.key('us.amazon.nova-lite-v1:0', 'bedrock'), m.key('amazon.nova-lite-v1:0', 'bedrock'));
    assert.notEqual(m.key('gpt-4o', 'openai'), m.key('gpt-4o-mini', 'openai'));
    assert.equal(m.key('acme-internal-7b', 'openai'), 'model:acme-internal-7b');
  });
  it('MEASURE_KEYS lists every measure once', () => assert.equal(new Set(MEASURE_KEYS).size, 6));
});
