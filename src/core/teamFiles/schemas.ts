import '../zodJitless';
import * as z from 'zod';
import { MAX_GLOB_LENGTH } from '../glob';
import { API_KINDS } from '../types';

/**
 * The team-file formats, as zod schemas. They validate entries one at a time (a broken entry is reported and
 * skipped; the rest applies) and generate the published JSON Schemas in `schemas/*.schema.json`
 * (`teamJsonSchema`; a unit test keeps the files in step).
 */

export const TEAM_SCHEMA_VERSION = 1;

const nonNeg = z.number().min(0);
const share = z.number().min(0).max(1);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a day as YYYY-MM-DD' });

/**
 * The largest price a team file may set: USD 1,000,000 per million tokens (USD 1 per token) or per thousand
 * requests (USD 1,000 per request). Generous on purpose: the dearest list price in the bundled genai-prices table
 * is USD 600 per million tokens (openai o1-pro output), so anything above the cap is a typo (an extra exponent, a
 * price per token where one per million is meant ×1e6) or hostile; unbounded, `1e308` overflows the monthly cost
 * to Infinity.
 */
export const MAX_PRICE = 1_000_000;

const priceAmount = nonNeg.max(MAX_PRICE, { error: `over the cap of ${MAX_PRICE.toLocaleString('en-US')} USD per million tokens (or per thousand requests); is the unit right?` });

/** A price: USD per unit, or tiered by the request's total input tokens (the tier price applies to the whole request). */
export const priceValueSchema = z.union([
  priceAmount,
  z.object({
    base: priceAmount.describe('Price up to the first tier.'),
    tiers: z.array(z.strictObject({ start: z.number().int().min(0).describe('Total input tokens above which `price` applies.'), price: priceAmount })).min(1),
  }).strict(),
]);

/** The billed dimensions a team price may set (genai-prices unit keys). */
export const PRICE_KEYS = ['input_mtok', 'output_mtok', 'cache_read_mtok', 'cache_write_mtok', 'cache_write_1h_mtok', 'output_reasoning_mtok', 'input_image_mtok', 'input_audio_mtok', 'requests_kcount'] as const;

export const pricesSchema = z
  .strictObject({
    input_mtok: priceValueSchema.optional().describe('USD per million input tokens.'),
    output_mtok: priceValueSchema.optional().describe('USD per million output tokens (reasoning included unless output_reasoning_mtok is set).'),
    cache_read_mtok: priceValueSchema.optional().describe('USD per million cache-read input tokens (absent: the input rate).'),
    cache_write_mtok: priceValueSchema.optional().describe('USD per million cache-write tokens (5-minute lifetime).'),
    cache_write_1h_mtok: priceValueSchema.optional().describe('USD per million cache-write tokens with a 1-hour lifetime.'),
    output_reasoning_mtok: priceValueSchema.optional().describe('USD per million reasoning tokens, when billed apart from output.'),
    input_image_mtok: priceValueSchema.optional().describe('USD per million image input tokens.'),
    input_audio_mtok: priceValueSchema.optional().describe('USD per million audio input tokens.'),
    requests_kcount: priceValueSchema.optional().describe('USD per thousand requests.'),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'at least one price is required' });

export const priceModelSchema = z.strictObject({
  id: z.string().min(1).describe('Model id as code uses it; matched case-insensitively after `models/`, `provider:`/`provider/` and Bedrock region prefixes are removed.'),
  provider: z.string().min(1).optional().describe('genai-prices provider id (openai, anthropic, google, aws, azure, …) or a self-hosted name (ollama). Absent: any provider.'),
  aliases: z.array(z.string().min(1)).optional().describe('Other ids that mean this model.'),
  contextWindow: z.number().int().positive().optional(),
  prices: pricesSchema,
});

export const adjustmentSchema = z
  .strictObject({
    provider: z.string().min(1).optional().describe('Provider id it applies to (absent: all).'),
    model: z.string().min(1).max(MAX_GLOB_LENGTH).optional().describe('Glob on the model id (`gpt-4o*`).'),
    discount: z.number().min(0).max(1).optional().describe('0.15 = −15 %.'),
    markup: nonNeg.optional().describe('0.1 = +10 %.'),
    uplift: nonNeg.optional().describe('Regional uplift: 0.1 = +10 %.'),
    multiplier: z.number().positive().optional().describe('Any factor on the price.'),
    reason: z.string().optional().describe('Shown in provenance (e.g. "EA contract 2026").'),
  })
  .refine((a) => [a.discount, a.markup, a.uplift, a.multiplier].filter((v) => v !== undefined).length === 1, { message: 'exactly one of discount, markup, uplift, multiplier is required' });

export const priceBookSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(TEAM_SCHEMA_VERSION).optional().describe('Format version (1).'),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().describe('ISO 4217 code of this book\'s own prices (default USD). Figures are shown in it unless tokentier.currency / --currency names another.'),
  exchangeRate: z.number().positive().max(1e9).optional().describe('Units of `currency` per 1 USD, to combine this book\'s prices with the bundled USD prices. Needs rateSource and rateDate.'),
  rateSource: z.string().min(1).max(200).optional().describe('Where exchangeRate was read (e.g. "ECB reference rate").'),
  rateDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('The date exchangeRate was read (YYYY-MM-DD).'),
  models: z.array(priceModelSchema).optional().describe('Models to add or whose prices to override.'),
  adjustments: z.array(adjustmentSchema).optional().describe('Discounts, markups and regional uplifts, applied in order.'),
  batchDiscounts: z.record(z.string(), z.number().min(0).max(1)).optional().describe('Batch price as a share of the standard price, per provider id (0.5 = −50 %).'),
  litellm: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional().describe('A LiteLLM model_prices_and_context_window.json map (workspace path or inline object) to import.'),
});

export const usageValuesSchema = z.strictObject({
  callsPerDay: nonNeg.optional(),
  callsPerMonth: nonNeg.optional(),
  outputTokens: z.number().int().min(0).optional().describe('Expected output tokens per call.'),
  cacheHitRate: share.optional().describe('Share of input tokens read from the prompt cache (0–1).'),
  cacheTtl: z.enum(['5m', '1h']).optional().describe('Cache-write lifetime (1h bills the 1-hour write rate).'),
  batchShare: share.optional().describe('Share of calls sent through a batch API (0–1).'),
  retryRate: nonNeg.optional().describe('Extra calls from retries, as a share of calls (0.02 = 2 %).'),
  fanOut: z.number().min(1).optional().describe('Calls per logical call (loop bound).'),
  model: z.string().min(1).optional().describe('Model for sites whose model the code does not resolve.'),
});

/** The API kinds a usage file's `defaults` may name (every kind a site can have). */
export const USAGE_API_KEYS = API_KINDS;
const perApi = z.partialRecord(z.enum(USAGE_API_KEYS), usageValuesSchema);

export const usageMatchSchema = z
    .strictObject({
      file: z.string().min(1).max(MAX_GLOB_LENGTH).optional().describe('Glob on the workspace-relative path.'),
      function: z.string().min(1).optional().describe('Enclosing function name.'),
      line: z.number().int().min(1).optional().describe('1-based line of the call.'),
      id: z.string().min(1).optional().describe('Call-site id.'),
    })
    .refine((m) => Object.values(m).some((v) => v !== undefined), { message: 'match needs at least one of file, function, line, id' });

export const usageSiteSchema = usageValuesSchema.extend({
  match: usageMatchSchema,
  profiles: z.record(z.string(), usageValuesSchema).optional().describe('Values per profile (low, expected, high, …).'),
  calibrated: z
    .strictObject({
      from: isoDay.describe('First day of the billed usage the values were calibrated against (YYYY-MM-DD, UTC).'),
      to: isoDay.describe('Last day of that usage (YYYY-MM-DD, UTC).'),
      source: z.string().min(1).max(200).optional().describe('The exports it came from, e.g. "OpenAI Usage API (completions) JSON".'),
    })
    .optional()
    .describe('Written by `tokentier reconcile --write`: the values of this entry were calibrated against billed usage of these days. The hover says so.'),
});

export const usageProfileSchema = z.strictObject({ callsMultiplier: nonNeg.optional(), defaults: perApi.optional() });

export const usageFileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(TEAM_SCHEMA_VERSION).optional(),
  defaults: perApi.optional().describe('Defaults per API kind.'),
  profiles: z.record(z.string(), usageProfileSchema).optional(),
  sites: z.array(usageSiteSchema).optional().describe('Per-site assumptions; later entries win.'),
});

export const policyRuleSchema = z.strictObject({
  id: z.string().min(1),
  severity: z.enum(['error', 'warning', 'info']).optional(),
  message: z.string().optional(),
  when: z
    .strictObject({
      perMonthOver: nonNeg.optional(),
      perCallOver: nonNeg.optional(),
      provider: z.string().optional(),
      model: z.string().max(MAX_GLOB_LENGTH).optional().describe('Glob on the model id.'),
      file: z.string().max(MAX_GLOB_LENGTH).optional().describe('Glob on the path.'),
    })
    .optional(),
  require: z.array(z.enum(['caching', 'batch', 'max-tokens', 'bounded-loop', 'known-price'])).optional(),
  forbidModels: z.array(z.string().min(1).max(MAX_GLOB_LENGTH)).optional().describe('Globs on the model id.'),
});

export const policyFileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(TEAM_SCHEMA_VERSION).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().describe('ISO 4217 code of every amount in this file (default: the price book\'s currency, else USD). Converted to the report currency with the price book\'s rates; no rate is an error.'),
  budgets: z
    .strictObject({
      totalPerMonth: nonNeg.optional().describe('Workspace total per month, in the policy currency.'),
      perSitePerMonth: nonNeg.optional(),
      perCall: nonNeg.optional(),
    })
    .optional(),
  rules: z.array(policyRuleSchema).optional(),
  deprecated: z
    .strictObject({
      severity: z.enum(['error', 'warning', 'info']).optional().describe('How a call to a deprecated or retired model is reported (default warning; error fails the CLI).'),
      withinDays: z.number().int().min(0).optional().describe('Only report models retiring within this many days (retired ones always); absent: every announced deprecation.'),
    })
    .optional()
    .describe('The `deprecated` rule: calls to models their provider has deprecated or retired (src/core/models/data/lifecycle.json).'),
});

/** The published JSON Schema of a team file. */
export function teamJsonSchema(kind: 'prices' | 'usage' | 'policy'): Record<string, unknown> {
  const schema = kind === 'prices' ? priceBookSchema : kind === 'usage' ? usageFileSchema : policyFileSchema;
  const titles = { prices: 'Tokentier price book (.tokentier/prices.*)', usage: 'Tokentier usage assumptions (.tokentier/usage.*)', policy: 'Tokentier budgets and policies (.tokentier/policy.*)' };
  return {
    $id: `https://tokentier.dev/schemas/${kind}.schema.json`,
    title: titles[kind],
    'x-version': `${TEAM_SCHEMA_VERSION}.0.0`,
    ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
  };
}
