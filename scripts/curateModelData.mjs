#!/usr/bin/env node
// Curates the model facts under src/core/models/data/ from the research files of issues #20 and #22
// (deprecations.json, capabilities.json, quality_index.json). Re-run after refreshing the research:
//
//   node scripts/curateModelData.mjs /work/research
//
// It copies figures, never invents them: each output row keeps the source key and date of the row it came from.
// What it drops, and why, is written into each file's `curation` field.
import fs from 'node:fs';
import path from 'node:path';

const root = process.argv[2];
if (!root) {
  console.error('usage: node scripts/curateModelData.mjs <research folder holding bills/ and tiers/>');
  process.exit(2);
}
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src', 'core', 'models', 'data');
const read = (p) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));
const write = (name, data) => fs.writeFileSync(path.join(out, name), `${JSON.stringify(data, null, 1)}\n`);
fs.mkdirSync(out, { recursive: true });

// ---------------------------------------------------------------------------------------------- lifecycle
const PLATFORMS = {
  'OpenAI API': 'openai',
  'Amazon Bedrock': 'bedrock',
  'Vertex AI': 'vertex-ai',
  'Gemini API (ai.google.dev)': 'gemini-api',
  'Mistral API (La Plateforme)': 'mistral',
  'Cohere API': 'cohere',
};
const platformOf = (p) => PLATFORMS[p] ?? (p.startsWith('Claude API') ? 'anthropic' : undefined);

/** API ids named in a replacement as written ("gpt-5 or gpt-4.1*", "a, b, or c (chat alternatives)"). */
function replacementIds(text, platform) {
  if (!text) return [];
  // Mistral names display names ("Mistral Medium 3.5"), not API ids: no id, so no price.
  if (platform === 'mistral') return [];
  const cleaned = text.replace(/\([^)]*\)/g, ' ').replace(/\*/g, '');
  return cleaned
    .split(/,|\bor\b/)
    .map((s) => s.trim())
    .filter((s) => /^[a-z0-9][a-z0-9.:@-]*$/.test(s));
}

const dep = read('bills/deprecations.json');
const rows = [];
const dropped = [];
for (const e of dep.entries) {
  const platform = platformOf(e.platform);
  if (!platform) throw new Error(`unknown platform ${e.platform}`);
  // Gemini lists every model with its shutdown date; "No shutdown date announced" with no replacement is a live model.
  if (!e.shutdown_date && !e.announced && !e.replacement) {
    dropped.push(`${platform}:${e.model_id} (${e.shutdown_as_written}, no replacement: not a deprecation)`);
    continue;
  }
  const row = {
    platform,
    model: e.model_id,
    ...(e.aliases?.length ? { aliases: e.aliases } : {}),
    announced: e.announced ?? null,
    shutdown: e.shutdown_date ?? null,
    shutdownAsWritten: e.shutdown_as_written,
    replacement: e.replacement ?? null,
    replacementIds: replacementIds(e.replacement, platform),
    source: e.source,
    ...(e.regions ? { regions: e.regions } : {}),
    ...(e.note ? { note: e.note } : {}),
  };
  const twin = rows.find((r) => r.platform === platform && r.model === row.model);
  if (twin) {
    // The same page lists a model twice (OpenAI gpt-4-1106-preview, code-davinci-002): the earliest shutdown is the
    // one a user must plan for; the other is kept in the note.
    const [keep, other] = (twin.shutdown ?? '9999') <= (row.shutdown ?? '9999') ? [twin, row] : [row, twin];
    const merged = { ...keep, note: `${keep.note ? `${keep.note} ` : ''}Also listed with shutdown ${other.shutdownAsWritten} and replacement ${other.replacement ?? 'none'}.` };
    rows[rows.indexOf(twin)] = merged;
    dropped.push(`${platform}:${row.model} duplicate merged`);
    continue;
  }
  rows.push(row);
}
const sources = Object.fromEntries(
  Object.entries(dep.sources)
    .filter(([k]) => rows.some((r) => r.source === k))
    .map(([k, s]) => [k, { url: s.url, title: s.title, snapshot: s.snapshot_date, via: s.via }]),
);
// OpenAI's undated aliases that point to a dated snapshot the page deprecates, from the alias table quoted in
// community.openai.com thread 1357643 (2025; secondary: OpenAI's model pages list the same snapshots). Only aliases
// the deprecation rows do not already list are added. A call to the alias is flagged as a call to its snapshot.
const OPENAI_ALIASES = {
  'gpt-5': 'gpt-5-2025-08-07',
  'gpt-5-mini': 'gpt-5-mini-2025-08-07',
  'gpt-5-nano': 'gpt-5-nano-2025-08-07',
  o3: 'o3-2025-04-16',
  'o3-pro': 'o3-pro-2025-06-10',
  'gpt-4o-mini-search-preview': 'gpt-4o-mini-search-preview-2025-03-11',
  'gpt-4o-search-preview': 'gpt-4o-search-preview-2025-03-11',
};
for (const [alias, target] of Object.entries(OPENAI_ALIASES)) {
  if (!rows.some((r) => r.platform === 'openai' && r.model === target)) throw new Error(`alias target ${target} has no row`);
  if (rows.some((r) => r.platform === 'openai' && (r.model === alias || r.aliases?.includes(alias)))) throw new Error(`alias ${alias} already listed`);
}
write('lifecycle.json', {
  about:
    'Model deprecation and shutdown dates with the provider\'s recommended replacement, one row per (platform, model), transcribed from the providers\' own pages (sources). Dates differ per platform: Anthropic says partner platforms (Bedrock, Vertex) set their own schedules, and Bedrock dates also differ per region. `shutdown` is ISO only where the page gives a day; `shutdownAsWritten` keeps the page text. `replacementIds` are the API ids named in `replacement` (none for Mistral, whose pages name display names).',
  compiled: dep.compiled,
  curation: `Built by scripts/curateModelData.mjs from the issue #22 research (deprecations.json, compiled ${dep.compiled}). LiteLLM-only dates are not used (not confirmed by a provider page). Dropped: ${dropped.join('; ')}.`,
  platforms: { openai: 'OpenAI API', anthropic: 'Claude API (Anthropic)', 'gemini-api': 'Gemini API', 'vertex-ai': 'Vertex AI', bedrock: 'Amazon Bedrock', mistral: 'Mistral API', cohere: 'Cohere API' },
  sources,
  aliasOf: {
    source: { title: 'OpenAI model alias table quoted in the OpenAI developer community (thread "Where can I check the model alias updates?")', url: 'https://community.openai.com/t/where-can-i-check-the-model-alias-updates/1357643', snapshot: '2025' },
    openai: OPENAI_ALIASES,
  },
  models: rows,
});

// ---------------------------------------------------------------------------------------------- capabilities
const PROVIDERS = { openai: 'openai', anthropic: 'anthropic', gemini: 'google', mistral: 'mistral', deepseek: 'deepseek', xai: 'x-ai', cohere_chat: 'cohere' };
const caps = read('bills/capabilities.json');
const models = [];
for (const m of caps.models) {
  const provider = PROVIDERS[m.litellm_provider];
  // Only models genai-prices prices (a suggestion needs a price) and chat/responses models (a suggestion replaces a call).
  if (!provider || !m.genai_prices || !['chat', 'responses'].includes(m.mode)) continue;
  const id = m.lookup_id.toLowerCase();
  if (id.startsWith('ft:') || models.some((x) => x.provider === provider && x.id === id)) continue;
  const flag = (k) => (m[k] === undefined ? null : m[k] === true);
  models.push({
    id,
    provider,
    mode: m.mode,
    maxInput: m.max_input_tokens ?? null,
    maxOutput: m.max_output_tokens ?? null,
    tools: flag('supports_function_calling'),
    vision: flag('supports_vision'),
    jsonSchema: flag('supports_response_schema'),
    reasoning: flag('supports_reasoning'),
  });
}
models.sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
write('capabilities.json', {
  about:
    'Per-model limits and features for the cheaper-model suggestion: max input tokens, max output tokens, and whether the model takes tools, image input, a JSON schema (response_format) and reasoning parameters. null means the source does not say (unknown), never false.',
  source: { label: 'LiteLLM model_prices_and_context_window.json', url: caps.sources.litellm.url, date: caps.sources.litellm.snapshot_date.slice(0, 10), via: caps.sources.litellm.via, note: 'LiteLLM\'s own curation, not provider-verified; max_input_tokens is the input limit, not the total window.' },
  curation: `Built by scripts/curateModelData.mjs from the issue #22 research (capabilities.json, compiled ${caps.compiled}): first-party chat and responses models of OpenAI, Anthropic, Gemini API, Mistral, DeepSeek, xAI and Cohere that genai-prices 0.1.8 prices; fine-tunes left out. ${models.length} of ${caps.models.length} rows.`,
  models,
});

// ---------------------------------------------------------------------------------------------- quality
// API ids that name exactly the model a record scores. Dated ids are identity; an undated alias is listed only where
// a source maps it to that snapshot (OpenAI's aliases: the alias table quoted in community.openai.com thread 1357643
// and the OpenAI deprecations page's alias column) or where the model had a single snapshot.
const IDS = {
  'gpt-4o-2024-05-13': ['gpt-4o-2024-05-13'],
  'gpt-4o-2024-08-06': ['gpt-4o-2024-08-06', 'gpt-4o'],
  'gpt-4o-mini-2024-07-18': ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
  'gpt-4.1-2025-04-14': ['gpt-4.1-2025-04-14', 'gpt-4.1'],
  'gpt-4.1-mini-2025-04-14': ['gpt-4.1-mini-2025-04-14', 'gpt-4.1-mini'],
  'gpt-4.1-nano-2025-04-14': ['gpt-4.1-nano-2025-04-14', 'gpt-4.1-nano'],
  'o3-2025-04-16': ['o3-2025-04-16', 'o3'],
  'o4-mini-2025-04-16': ['o4-mini-2025-04-16', 'o4-mini'],
  'o3-mini': ['o3-mini', 'o3-mini-2025-01-31'],
  'o1-2024-12-17': ['o1-2024-12-17', 'o1'],
  'o1-mini': ['o1-mini', 'o1-mini-2024-09-12'],
  'claude-3-5-sonnet-20240620': ['claude-3-5-sonnet-20240620'],
  'claude-3-5-sonnet-20241022': ['claude-3-5-sonnet-20241022'],
  'claude-3-5-haiku-20241022': ['claude-3-5-haiku-20241022'],
  'claude-3-7-sonnet-20250219': ['claude-3-7-sonnet-20250219'],
  'claude-sonnet-4-20250514': ['claude-sonnet-4-20250514'],
  'claude-opus-4-20250514': ['claude-opus-4-20250514'],
  'claude-3-opus': ['claude-3-opus-20240229'],
  'claude-3-haiku': ['claude-3-haiku-20240307'],
  'gemini-1.5-pro-002': ['gemini-1.5-pro-002'],
  'gemini-1.5-flash-002': ['gemini-1.5-flash-002'],
  'gemini-1.5-flash-8b-001': ['gemini-1.5-flash-8b-001'],
  'gemini-2.0-flash-001': ['gemini-2.0-flash-001', 'gemini-2.0-flash'],
  'gemini-2.0-flash-lite': ['gemini-2.0-flash-lite', 'gemini-2.0-flash-lite-001'],
  'gemini-2.5-flash': ['gemini-2.5-flash'],
  'gemini-2.5-pro': ['gemini-2.5-pro'],
  'mistral-large-2407': ['mistral-large-2407'],
  'mistral-large-2411': ['mistral-large-2411'],
  'mistral-small-2503 (3.1)': ['mistral-small-2503'],
  'mistral-small-2506 (3.2)': ['mistral-small-2506'],
  'mistral-small-2501': ['mistral-small-2501'],
  'llama-3.1-405b (bf16)': ['llama-3.1-405b'],
  'mistral-7b (v0.2)': [],
  'phi-3.5-mini': [],
};
const q = read('tiers/quality_index.json');
const arena = q.primary.models.map((m) => {
  const ids = IDS[m.model] ?? (/[\s(]/.test(m.model) ? [] : [m.model]);
  const ci = /^\+(\d+)\/-(\d+)$/.exec(m.ci95);
  return { name: m.arenaName, ids, score: m.arenaScore, ci95: ci ? Math.max(Number(ci[1]), Number(ci[2])) : null, votes: m.votes, ...(m.note ? { note: m.note } : {}) };
});
const oll = q.secondary.models.map((m) => ({ name: m.hfRepo, ids: [m.model], averageNormalized: m.averageNormalized, mmluPro: m.mmluPro.accuracy, gpqa: m.gpqa.accuracy }));
write('quality.json', {
  about:
    'Public quality indexes for the quality caveat beside a cheaper model (issue #22) and the Tier Advisor (issue #20). Scores compare models only within one index snapshot; a model missing here is unknown, not bad.',
  curation: 'Built by scripts/curateModelData.mjs from the issue #20 research (quality_index.json). `ids` are the API or self-host ids that name exactly the scored model (dated snapshots, and undated aliases only where a source maps them to that snapshot).',
  indexes: {
    lmarena: { name: 'LMArena text', source: q.primary.source, asOf: q.primary.asOf, method: q.primary.method, leaderboardSize: q.primary.leaderboardSize, scale: 'Bradley-Terry (Elo-scale) rating; a 100-point gap means the higher model is preferred in about 64 % of head-to-head votes', models: arena },
    openLlmV2: { name: 'Open LLM Leaderboard v2', source: q.secondary.source, asOf: q.secondary.asOf, method: q.secondary.method, scale: 'mean of six benchmarks, each rescaled from its random baseline (0) to 100', models: oll },
  },
});
console.log(`lifecycle ${rows.length}, capabilities ${models.length}, quality ${arena.length}+${oll.length}`);
