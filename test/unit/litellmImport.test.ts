/**
 * LiteLLM import at the real size (issue #19 item 9): BerriAI/litellm's model_prices_and_context_window.json is about
 * 1.6 MB (≈2,600 entries, 4-space indented), over the 1 MB limit the team files have (issue #17). The `litellm:` import,
 * and only it, reads up to 8 MB. The map here is generated with the shape of the real one: its entry kinds and fields
 * are those of the LiteLLM mirror the research read (Wei-Shaw/model-price-repo @ f9ff1473, model_prices_and_context_window.json:
 * chat entries with cache, batch, priority and flex prices, `…_above_200k_tokens` tiers, `search_context_cost_per_query`
 * objects, `supported_endpoints` lists; embeddings; image generation priced per image or pixel; audio per second;
 * `sample_spec`).
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings } from '../../src/core/config/settings';
import { MAX_LITELLM_FILE_BYTES, MAX_TEAM_FILE_BYTES, loadTeamConfig } from '../../src/core/teamFiles/loadTeamConfig';
import { createNodeFileProvider } from '../../src/node/nodeFiles';

type Entry = Record<string, unknown>;

const CHAT: Entry = {
  cache_read_input_token_cost: 1.25e-6,
  cache_read_input_token_cost_priority: 2.125e-6,
  input_cost_per_token: 2.5e-6,
  input_cost_per_token_batches: 1.25e-6,
  input_cost_per_token_priority: 4.25e-6,
  litellm_provider: 'openai',
  max_input_tokens: 128000,
  max_output_tokens: 16384,
  max_tokens: 16384,
  mode: 'chat',
  output_cost_per_token: 1e-5,
  output_cost_per_token_batches: 5e-6,
  output_cost_per_token_priority: 1.7e-5,
  search_context_cost_per_query: { search_context_size_high: 0.05, search_context_size_low: 0.03, search_context_size_medium: 0.035 },
  supported_endpoints: ['/v1/chat/completions', '/v1/batch', '/v1/responses'],
  supported_modalities: ['text', 'image'],
  supported_output_modalities: ['text'],
  supports_function_calling: true,
  supports_parallel_function_calling: true,
  supports_pdf_input: true,
  supports_prompt_caching: true,
  supports_response_schema: true,
  supports_system_messages: true,
  supports_tool_choice: true,
  supports_vision: true,
};
const CLAUDE: Entry = {
  cache_creation_input_token_cost: 3.75e-6,
  cache_creation_input_token_cost_above_1hr: 6e-6,
  cache_creation_input_token_cost_above_200k_tokens: 7.5e-6,
  cache_read_input_token_cost: 3e-7,
  cache_read_input_token_cost_above_200k_tokens: 6e-7,
  deprecation_date: '2026-02-19',
  input_cost_per_token: 3e-6,
  input_cost_per_token_above_200k_tokens: 6e-6,
  litellm_provider: 'anthropic',
  max_input_tokens: 200000,
  max_output_tokens: 64000,
  max_tokens: 64000,
  mode: 'chat',
  output_cost_per_token: 1.5e-5,
  output_cost_per_token_above_200k_tokens: 2.25e-5,
  search_context_cost_per_query: { search_context_size_high: 0.01, search_context_size_low: 0.01, search_context_size_medium: 0.01 },
  supports_assistant_prefill: true,
  supports_computer_use: true,
  supports_function_calling: true,
  supports_pdf_input: true,
  supports_prompt_caching: true,
  supports_reasoning: true,
  supports_response_schema: true,
  supports_tool_choice: true,
  supports_vision: true,
  tool_use_system_prompt_tokens: 159,
};
const GEMINI: Entry = { ...CLAUDE, litellm_provider: 'vertex_ai-language-models', input_cost_per_audio_token: 1e-6, max_input_tokens: 1048576, source: 'https://cloud.google.com/vertex-ai/generative-ai/pricing', supports_audio_input: true, supports_video_input: true };
const EMBEDDING: Entry = { input_cost_per_token: 2e-8, litellm_provider: 'openai', max_input_tokens: 8191, max_tokens: 8191, mode: 'embedding', output_cost_per_token: 0, output_vector_size: 1536 };
const IMAGE: Entry = { input_cost_per_pixel: 4.0054321e-8, litellm_provider: 'openai', mode: 'image_generation', output_cost_per_image: 0.04, output_cost_per_pixel: 0, supported_endpoints: ['/v1/images/generations'] };
const AUDIO: Entry = { input_cost_per_second: 0.0001, litellm_provider: 'openai', mode: 'audio_transcription', output_cost_per_second: 0.0001, supported_endpoints: ['/v1/audio/transcriptions'] };
const KINDS: readonly [string, Entry][] = [['gpt-4o', CHAT], ['claude-sonnet', CLAUDE], ['bedrock/us.anthropic.claude', { ...CLAUDE, litellm_provider: 'bedrock_converse' }], ['vertex_ai/gemini', GEMINI], ['text-embedding', EMBEDDING], ['dall-e', IMAGE], ['whisper', AUDIO], ['azure/gpt-4.1', { ...CHAT, litellm_provider: 'azure' }]];

/** A map shaped like LiteLLM's, at least `bytes` long when written 4-space indented, with `gpt-4o` itself in it. */
function litellmShapedMap(bytes: number): { map: Record<string, Entry>; text: string } {
  const map: Record<string, Entry> = { sample_spec: { input_cost_per_token: 0, litellm_provider: 'one of https://docs.litellm.ai/docs/providers', max_tokens: 'LEGACY parameter. set to max_output_tokens if provider specifies it.', mode: 'one of: chat, embedding, completion, image_generation, audio_transcription, audio_speech' }, 'gpt-4o': CHAT };
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const [name, entry] = KINDS[i % KINDS.length]!;
    map[`${name}-${String(i).padStart(4, '0')}`] = { ...entry, max_tokens: 4096 + i };
    if (i % 200 === 0) size = JSON.stringify(map, null, 4).length;
  }
  return { map, text: `${JSON.stringify(map, null, 4)}\n` };
}

describe('team files: the LiteLLM map at its real size (issue #19 item 9)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-litellm-'));
    fs.mkdirSync(path.join(dir, '.tokentier'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a 1.6 MB map (over the 1 MB team-file limit): every entry with token prices, tiers and cache prices', async () => {
    const { map, text } = litellmShapedMap(1_650_000);
    assert.ok(text.length > MAX_TEAM_FILE_BYTES && text.length < 2 * 1024 * 1024, `${text.length} bytes`);
    fs.writeFileSync(path.join(dir, 'model_prices_and_context_window.json'), text);
    fs.writeFileSync(path.join(dir, '.tokentier/prices.yml'), 'litellm: model_prices_and_context_window.json\n');
    const team = await loadTeamConfig(createNodeFileProvider(dir), defaultSettings, { trusted: true });
    assert.deepEqual(team.diagnostics, []);
    const models = team.priceBook!.models;
    // Image and audio entries are priced per image / second, not per token: not imported (they give no diagnostic).
    const tokenPriced = Object.entries(map).filter(([k, v]) => k !== 'sample_spec' && typeof v['input_cost_per_token'] === 'number').length;
    assert.equal(models.length, tokenPriced);
    const gpt4o = models.find((m) => m.id === 'gpt-4o')!;
    // 2.5e-6 USD per token = $2.50 per million; 1.25e-6 cache read = $1.25; USD whatever the book's currency.
    assert.deepEqual(gpt4o.prices, { input_mtok: 2.5, output_mtok: 10, cache_read_mtok: 1.25 });
    assert.equal(gpt4o.currency, 'USD');
    assert.equal(gpt4o.provider, 'openai');
    const claude = models.find((m) => m.id === 'claude-sonnet-0001')!;
    const prices = claude.prices as Readonly<Record<string, unknown>>;
    assert.deepEqual(prices['input_mtok'], { base: 3, tiers: [{ start: 200000, price: 6 }] });
    assert.equal(prices['cache_write_1h_mtok'], 6);
    // Lines point into the map (its 4-space layout): the entry's own line.
    const line = text.split('\n').findIndex((l) => l.startsWith('    "claude-sonnet-0001"')) + 1;
    assert.equal(claude.source.line, line);
  });

  it('refuses a map over 8 MB with a clear diagnostic; other team files keep the 1 MB limit', async () => {
    const big = path.join(dir, 'huge.json');
    fs.writeFileSync(big, `{"a": "${'x'.repeat(MAX_LITELLM_FILE_BYTES)}"}`);
    fs.writeFileSync(path.join(dir, '.tokentier/prices.yml'), 'litellm: huge.json\n');
    const team = await loadTeamConfig(createNodeFileProvider(dir), defaultSettings, { trusted: true });
    assert.ok(team.diagnostics.some((d) => /huge\.json: is \d+ KB, over the 8 MB limit: not read/.test(d.message)), team.diagnostics.map((d) => d.message).join('\n'));
    fs.rmSync(big);
    const { text } = litellmShapedMap(1_100_000);
    fs.writeFileSync(path.join(dir, '.tokentier/prices.json'), text);
    fs.rmSync(path.join(dir, '.tokentier/prices.yml'));
    const t2 = await loadTeamConfig(createNodeFileProvider(dir), defaultSettings, { trusted: true });
    assert.ok(t2.diagnostics.some((d) => /prices\.json: is \d+ KB, over the 1 MB limit/.test(d.message)));
  });
});
