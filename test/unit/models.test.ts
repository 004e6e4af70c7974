/**
 * The model facts in src/core/models/data: every row sourced and dated, the dates as the pages print them, and the
 * lookups keyed by the platform that serves a call. Oracles: the providers' own words (`shutdownAsWritten`, quoted
 * from the page) parsed independently of the ISO field, genai-prices for prices, and the pages' dates.
 */
import * as assert from 'node:assert/strict';
import alternatives from '../../src/core/models/data/alternatives.json';
import capabilities from '../../src/core/models/data/capabilities.json';
import lifecycle from '../../src/core/models/data/lifecycle.json';
import quality from '../../src/core/models/data/quality.json';
import { capabilitiesOf } from '../../src/core/models/capabilities';
import { cheaperSiblings, poolOf } from '../../src/core/models/alternatives';
import { isWithdrawn, lifecycleOf, platformsFor } from '../../src/core/models/lifecycle';
import { QUALITY_INDEXES, qualityOf } from '../../src/core/models/quality';
import { bundledPriceTable } from '../../src/core/pricing/priceTable';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `July 21, 2025`, `Dec 11, 2026`, `April 4th, 2026`, `Effective September 15, 2025`, `2026-03-26` → ISO, else undefined. */
function parseWritten(s: string): string | undefined {
  const iso = /^(\d{4}-\d{2}-\d{2})$/.exec(s.trim());
  if (iso) return iso[1];
  const m = /([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?, (\d{4})/.exec(s);
  if (!m) return undefined;
  const month = MONTHS.findIndex((x) => x.startsWith(m[1]!.toLowerCase()));
  return month < 0 ? undefined : `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

describe('models: lifecycle data', () => {
  const rows = lifecycle.models;
  it('every row names a source page with a snapshot date, and a platform the lookup knows', () => {
    for (const r of rows) {
      const s = (lifecycle.sources as Record<string, { snapshot?: string; title?: string }>)[r.source];
      assert.ok(s?.snapshot && s.title, `${r.platform}:${r.model} source ${r.source}`);
      assert.ok(r.platform in lifecycle.platforms, r.platform);
    }
  });
  it('each ISO shutdown date is the day the page prints (parsed from shutdownAsWritten on its own)', () => {
    let checked = 0;
    for (const r of rows) {
      const written = parseWritten(r.shutdownAsWritten);
      if (written === undefined) {
        assert.equal(r.shutdown, null, `${r.model}: "${r.shutdownAsWritten}" has no day, so no ISO date`);
        continue;
      }
      assert.equal(r.shutdown, written, `${r.platform}:${r.model}`);
      checked++;
    }
    assert.ok(checked > 250, `${checked} dates checked`);
  });
  it('holds the models the issue names, with the pages\' dates and replacements', () => {
    const row = (p: string, m: string) => rows.find((r) => r.platform === p && r.model === m);
    assert.deepEqual([row('openai', 'text-davinci-003')?.shutdown, row('openai', 'text-davinci-003')?.replacement], ['2024-01-04', 'gpt-3.5-turbo-instruct']);
    assert.deepEqual([row('anthropic', 'claude-2.1')?.shutdown, row('anthropic', 'claude-2.1')?.replacement], ['2025-07-21', 'claude-opus-4-8']);
    assert.deepEqual([row('openai', 'gpt-4-vision-preview')?.shutdown, row('openai', 'gpt-4-vision-preview')?.replacement], ['2024-12-06', 'gpt-4o']);
    assert.deepEqual([row('openai', 'gpt-4-0314')?.shutdown, row('openai', 'gpt-4-0314')?.replacementIds], ['2026-03-26', ['gpt-5', 'gpt-4.1']]);
    // The page lists gpt-4-1106-preview twice; the earliest shutdown is kept and the other noted.
    assert.equal(row('openai', 'gpt-4-1106-preview')?.shutdown, '2026-03-26');
    assert.match(row('openai', 'gpt-4-1106-preview')?.note ?? '', /2026-10-23/);
  });
  it('no row is listed twice on one platform', () => {
    const keys = rows.map((r) => `${r.platform}:${r.model}`);
    assert.equal(new Set(keys).size, keys.length);
  });
});

describe('models: lifecycle lookup', () => {
  it('keys by platform: Bedrock\'s Claude 3 Haiku date is not Anthropic\'s', () => {
    const day = '2026-06-01';
    assert.equal(lifecycleOf('claude-3-haiku-20240307', ['anthropic'], day)[0]?.status, 'retired');
    const b = lifecycleOf('us.anthropic.claude-3-haiku-20240307-v1:0', ['bedrock'], day)[0];
    assert.equal(b?.status, 'deprecated');
    assert.equal(b?.row.shutdown, '2026-09-10');
  });
  it('status follows the day: nothing before the notice, deprecated until the shutdown, retired from it', () => {
    assert.deepEqual(lifecycleOf('gpt-4-vision-preview', ['openai'], '2024-06-05'), []);
    assert.equal(lifecycleOf('gpt-4-vision-preview', ['openai'], '2024-06-06')[0]?.status, 'deprecated');
    assert.equal(lifecycleOf('gpt-4-vision-preview', ['openai'], '2024-12-05')[0]?.daysLeft, 1);
    assert.equal(lifecycleOf('gpt-4-vision-preview', ['openai'], '2024-12-06')[0]?.status, 'retired');
  });
  it('finds aliases the page lists and the sourced alias table (gpt-5 → gpt-5-2025-08-07)', () => {
    assert.equal(lifecycleOf('gpt-4', ['openai'], '2026-12-06')[0]?.row.model, 'gpt-4-0613');
    const g = lifecycleOf('gpt-5', ['openai'], '2026-12-06')[0];
    assert.equal(g?.row.model, 'gpt-5-2025-08-07');
    assert.equal(g?.alias?.of, 'gpt-5-2025-08-07');
    assert.equal(g?.status, 'deprecated');
  });
  it('strips wrappers: models/, provider prefixes, Vertex @versions, fine-tune ids', () => {
    assert.equal(lifecycleOf('models/gemini-2.0-flash', ['gemini-api'], '2026-12-06')[0]?.row.model, 'gemini-2.0-flash');
    assert.equal(lifecycleOf('text-bison@002', ['vertex-ai'], '2026-12-06')[0]?.row.model, 'text-bison');
    assert.equal(lifecycleOf('ft:gpt-3.5-turbo-0613:acme::abc123', ['openai'], '2026-12-06')[0]?.row.model, 'ft-gpt-3.5-turbo');
  });
  it('unknown is unknown: live models, Azure deployments and Claude on Vertex get no alert', () => {
    assert.deepEqual(lifecycleOf('gpt-4o-mini', ['openai'], '2026-12-06'), []);
    assert.deepEqual(platformsFor('azure-openai', 'gpt-4'), []);
    assert.deepEqual(platformsFor('google', 'claude-3-5-sonnet@20240620'), []);
    assert.deepEqual(platformsFor('google', 'gemini-2.0-flash'), ['gemini-api', 'vertex-ai']);
    assert.deepEqual(platformsFor('other', 'bedrock/anthropic.claude-v2'), ['bedrock']);
    assert.deepEqual(platformsFor('other', 'vertex_ai/gemini-1.5-pro'), ['vertex-ai']);
  });
  it('isWithdrawn: a scheduled shutdown without a notice is not a withdrawal', () => {
    assert.equal(isWithdrawn('gemini-3.1-flash-lite', 'gemini-api', '2026-12-06'), false);
    assert.equal(isWithdrawn('o3', 'openai', '2026-12-06'), true);
    assert.equal(isWithdrawn('o3', 'openai', '2026-06-10'), false);
  });
});

describe('models: capabilities, pool and ladders', () => {
  it('every pool and ladder model has a capability row and a genai-prices price', async () => {
    const table = await bundledPriceTable();
    for (const [vendor, models] of Object.entries(alternatives.pool)) {
      for (const m of models) {
        assert.ok(capabilitiesOf(vendor, m), `${vendor}:${m} capabilities`);
        assert.ok(table.lookup(m, vendor === 'google' ? 'google' : (vendor as 'openai')).ok, `${vendor}:${m} price`);
      }
    }
    for (const l of alternatives.ladders) for (const m of l.models) assert.ok(capabilitiesOf(l.provider, m), `${l.family}: ${m}`);
  });
  it('the pool holds no model retired or deprecated on the day the data was compiled, apart from those the day filters', () => {
    const day = lifecycle.compiled;
    const live = poolOf('openai').filter((m) => !isWithdrawn(m, 'openai', day));
    // gpt-5, gpt-5-mini, gpt-5-nano, o3 (shut down 2026-12-11) and gpt-4.1-nano, o4-mini (2026-10-23) are withdrawn then.
    assert.deepEqual(poolOf('openai').filter((m) => !live.includes(m)).sort(), ['gpt-4.1-nano', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'o3', 'o4-mini']);
  });
  it('cheaper siblings come from the provider\'s own ladder, nearest first', () => {
    assert.deepEqual(cheaperSiblings('openai', 'gpt-4o').map((s) => s.model), ['gpt-4o-mini']);
    assert.deepEqual(cheaperSiblings('openai', 'gpt-4.1').map((s) => s.model), ['gpt-4.1-mini', 'gpt-4.1-nano']);
    assert.deepEqual(cheaperSiblings('anthropic', 'claude-sonnet-4-5').map((s) => s.model), ['claude-haiku-4-5']);
    assert.deepEqual(cheaperSiblings('openai', 'gpt-4o-mini'), []);
  });
  it('capability flags the source does not give are null, never false', () => {
    const row = capabilities.models.find((m) => m.provider === 'cohere' && m.id === 'command-a-03-2025');
    assert.equal(row?.vision, null);
    assert.equal(capabilitiesOf('openai', 'gpt-4o')?.maxOutput, 16384);
  });
});

describe('models: quality index (shared with the Tier Advisor)', () => {
  it('finds exact snapshots and sourced aliases, nothing else', () => {
    assert.equal(qualityOf('gpt-4o-2024-05-13')?.score, 1302);
    assert.equal(qualityOf('gpt-4o')?.score, 1285, 'gpt-4o is an alias of gpt-4o-2024-08-06');
    assert.equal(qualityOf('openai/gpt-4o-mini')?.score, 1288);
    assert.equal(qualityOf('claude-sonnet-4-5'), undefined, 'after the snapshot: unknown');
    assert.equal(qualityOf('gpt-4o-2024-11-20'), undefined, 'not on the 2025-08-04 board as an API snapshot');
  });
  it('serves the open models of the Open LLM Leaderboard for self-hosted ids', () => {
    assert.equal(qualityOf('llama-3.1-8b', 'openLlmV2')?.score, quality.indexes.openLlmV2.models.find((m) => m.ids.includes('llama-3.1-8b'))?.averageNormalized);
    assert.equal(qualityOf('llama-3.1-8b')?.score, 1193);
  });
  it('each index is dated and sourced', () => {
    assert.equal(QUALITY_INDEXES.lmarena.asOf, '2025-08-04');
    assert.equal(QUALITY_INDEXES.openLlmV2.asOf, '2025-03-21');
    assert.match(QUALITY_INDEXES.lmarena.source.rule ?? '', /lmarena/);
  });
  it('no id names two records in one index', () => {
    for (const idx of Object.values(quality.indexes)) {
      const ids = idx.models.flatMap((m) => m.ids);
      assert.equal(new Set(ids).size, ids.length);
    }
  });
});
