/**
 * The export formats as data: for each, where it is documented and every column (or JSON field) Tokentier knows, with
 * how sure we are of it. A column not listed here is reported as unknown and never read. docs/reconcile.md describes
 * the same formats in prose (a unit test keeps the two in step). Sources: /work/research/bills/exports.md, compiled
 * 2026-12-06 from the providers' API specs and docs and from public exports and parsers, as each entry says.
 */
import type { BillPlatform, ExportFormatId } from './types';

/**
 * How sure we are of a column. `spec`: the provider's API specification; `doc`: provider documentation or cookbook;
 * `obs`: one real export seen in a public repository; `3p`: the same shape in several independent third-party parsers;
 * `inferred`: reasoned from the above, seen nowhere.
 */
export type Confidence = 'spec' | 'doc' | 'obs' | '3p' | 'inferred';

/** One known column or field. `read`: Tokentier uses its value; otherwise it is known and ignored. */
export interface KnownColumn {
  readonly name: string;
  readonly confidence: Confidence;
  readonly read: boolean;
  readonly meaning: string;
}

/** One export format. */
export interface ExportFormat {
  readonly id: ExportFormatId;
  readonly platform: BillPlatform;
  readonly label: string;
  /** Where the format is described. */
  readonly source: string;
  readonly columns: readonly KnownColumn[];
  /** Columns without which a row cannot be read (the file is rejected when its header lacks one). */
  readonly required: readonly string[];
}

const c = (name: string, confidence: Confidence, read: boolean, meaning: string): KnownColumn => ({ name, confidence, read, meaning });

const OPENAI_USAGE_FIELDS: readonly KnownColumn[] = [
  c('input_tokens', 'spec', true, 'all input tokens, cached and cache-write included'),
  c('input_cached_tokens', 'spec', true, 'cached input tokens'),
  c('input_cache_write_tokens', 'spec', true, 'input tokens written to the cache (2026-07 and later)'),
  c('input_uncached_tokens', 'spec', false, 'uncached input, cache writes excluded (derived from the three above instead)'),
  c('output_tokens', 'spec', true, 'output tokens, reasoning included'),
  c('num_model_requests', 'spec', true, 'requests'),
  c('model', 'spec', true, 'the model id (a dated snapshot), set when grouped by model'),
  c('input_text_tokens', 'spec', false, 'text breakdown'),
  c('output_text_tokens', 'spec', false, 'text breakdown'),
  c('input_cached_text_tokens', 'spec', false, 'text breakdown'),
  c('input_audio_tokens', 'spec', false, 'audio breakdown'),
  c('input_cached_audio_tokens', 'spec', false, 'audio breakdown'),
  c('output_audio_tokens', 'spec', false, 'audio breakdown'),
  c('input_image_tokens', 'spec', false, 'image breakdown'),
  c('input_cached_image_tokens', 'spec', false, 'image breakdown'),
  c('output_image_tokens', 'spec', false, 'image breakdown'),
  c('project_id', 'spec', false, 'set when grouped by project'),
  c('user_id', 'spec', false, 'set when grouped by user'),
  c('api_key_id', 'spec', false, 'set when grouped by API key'),
  c('batch', 'spec', false, 'set when grouped by batch'),
  c('service_tier', 'spec', false, 'set when grouped by service tier'),
  c('object', 'spec', false, '"organization.usage.completions.result"'),
];

const OPENAI_TIMES: readonly KnownColumn[] = [
  c('start_time', 'obs', true, 'bucket start, Unix seconds (UTC); gives the day'),
  c('end_time', 'obs', false, 'bucket end, Unix seconds'),
  c('start_time_iso', 'obs', false, 'bucket start as ISO 8601'),
  c('end_time_iso', 'obs', false, 'bucket end as ISO 8601'),
];

const ANTHROPIC_USAGE_FIELDS: readonly KnownColumn[] = [
  c('uncached_input_tokens', 'spec', true, 'uncached input tokens'),
  c('cache_creation.ephemeral_5m_input_tokens', 'spec', true, 'cache writes with a 5-minute lifetime'),
  c('cache_creation.ephemeral_1h_input_tokens', 'spec', true, 'cache writes with a 1-hour lifetime'),
  c('cache_read_input_tokens', 'spec', true, 'cache reads'),
  c('output_tokens', 'spec', true, 'output tokens'),
  c('server_tool_use.web_search_requests', 'spec', false, 'web searches (not compared)'),
  c('model', 'spec', true, 'the model id, set when grouped by model'),
  c('api_key_id', 'spec', false, 'set when grouped by API key'),
  c('workspace_id', 'spec', false, 'set when grouped by workspace'),
  c('service_tier', 'spec', false, 'set when grouped by service tier'),
  c('context_window', 'spec', false, 'set when grouped by context window'),
];

/** Every format, in detection order. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'openai-usage-json',
    platform: 'openai',
    label: 'OpenAI Usage API (completions) JSON',
    source: 'openai/openai-openapi openapi.yaml @f85dbe22 (2026-08-21), UsageResponse / UsageCompletionsResult',
    columns: [c('start_time', 'spec', true, 'bucket start, Unix seconds (UTC)'), c('end_time', 'spec', false, 'bucket end'), ...OPENAI_USAGE_FIELDS],
    required: ['input_tokens', 'output_tokens'],
  },
  {
    id: 'openai-costs-json',
    platform: 'openai',
    label: 'OpenAI Costs API JSON',
    source: 'openai/openai-openapi openapi.yaml @f85dbe22 (2026-08-21), CostsResult; line_item text from third-party parsers',
    columns: [
      c('start_time', 'spec', true, 'bucket start, Unix seconds (UTC)'),
      c('end_time', 'spec', false, 'bucket end'),
      c('amount.value', 'spec', true, 'cost in amount.currency'),
      c('amount.currency', 'spec', true, 'lower-case ISO 4217 code ("usd")'),
      c('line_item', 'spec', true, '"<model>, input|cached input|output" when grouped by line item (the text: 3p)'),
      c('quantity', 'spec', true, 'units of the line item (2026-08 and later)'),
      c('quantity_unit', 'spec', true, 'tokens, 1000_tokens, images, …'),
      c('project_id', 'spec', false, 'set when grouped by project'),
      c('api_key_id', 'spec', false, 'set when grouped by API key'),
      c('organization_id', '3p', false, 'seen in third-party mocks, not in the spec'),
      c('object', 'spec', false, '"organization.costs.result"'),
    ],
    required: ['amount'],
  },
  {
    id: 'openai-usage-csv',
    platform: 'openai',
    label: 'OpenAI dashboard usage CSV (completions_usage_*.csv)',
    source: 'a real export pasted 2025-10-12 (github:xavierjflanagan/Guardian) and several third-party importers; no OpenAI document',
    columns: [...OPENAI_TIMES, ...OPENAI_USAGE_FIELDS.filter((f) => f.name !== 'object').map((f) => ({ ...f, confidence: 'obs' as const }))],
    required: ['start_time', 'input_tokens', 'output_tokens'],
  },
  {
    id: 'openai-cost-csv',
    platform: 'openai',
    label: 'OpenAI dashboard cost CSV (cost_*.csv)',
    source: 'a real export pasted 2025-10-12 (github:xavierjflanagan/Guardian); the 2026-09 header from a converter’s description of a real export',
    columns: [
      ...OPENAI_TIMES,
      c('amount_value', 'obs', true, 'cost in amount_currency'),
      c('amount_currency', 'obs', true, '"usd"'),
      c('line_item', 'obs', true, '"<model>, input|cached input|output" when grouped by line item, else empty'),
      c('quantity', '3p', true, 'units of the line item'),
      c('quantity_unit', '3p', true, 'tokens, 1000_tokens, …'),
      c('project_id', 'obs', false, 'project'),
      c('organization_id', 'obs', false, 'organisation'),
      c('organization_name', 'obs', false, 'organisation name (never echoed)'),
      c('user_id', '3p', false, 'user'),
      c('api_key_id', '3p', false, 'API key'),
      c('project_name', '3p', false, 'project name (never echoed)'),
      c('user_email', '3p', false, 'e-mail address (never echoed)'),
      c('api_source', '3p', false, 'API surface'),
    ],
    required: ['start_time', 'amount_value'],
  },
  {
    id: 'openai-empty-csv',
    platform: 'openai',
    label: 'OpenAI dashboard export with no usage (header only)',
    source: 'an observed empty export in a third-party importer’s fixtures',
    columns: OPENAI_TIMES,
    required: ['start_time'],
  },
  {
    id: 'anthropic-usage-json',
    platform: 'anthropic',
    label: 'Anthropic Admin API usage report (messages) JSON',
    source: 'Anthropic API reference “Get Usage Report for the Messages API” (OpenAPI block), copy of 2025-08 or later',
    columns: [c('starting_at', 'spec', true, 'bucket start, RFC 3339 (UTC)'), c('ending_at', 'spec', false, 'bucket end'), ...ANTHROPIC_USAGE_FIELDS],
    required: ['uncached_input_tokens', 'output_tokens'],
  },
  {
    id: 'anthropic-cost-json',
    platform: 'anthropic',
    label: 'Anthropic Admin API cost report JSON',
    source: 'Anthropic API reference “Get Cost Report” (OpenAPI block); anthropics/anthropic-cookbook usage_cost_api.ipynb @4b36a1e',
    columns: [
      c('starting_at', 'spec', true, 'bucket start, RFC 3339 (UTC)'),
      c('ending_at', 'spec', false, 'bucket end'),
      c('amount', 'spec', true, 'a decimal string in CENTS ("123.45" is $1.23)'),
      c('currency', 'spec', true, '"USD"'),
      c('model', 'spec', true, 'model id, set when grouped by description'),
      c('token_type', 'spec', false, 'uncached_input_tokens, output_tokens, cache_read_input_tokens, cache_creation.*'),
      c('cost_type', 'spec', false, 'tokens, web_search, code_execution'),
      c('description', 'spec', false, 'free text such as "Claude Sonnet 4 Usage - Input Tokens" (not parsed)'),
      c('workspace_id', 'spec', false, 'set when grouped by workspace'),
      c('context_window', 'spec', false, '0-200k, 200k-1M'),
      c('service_tier', 'spec', false, 'standard, batch'),
    ],
    required: ['amount'],
  },
  {
    id: 'anthropic-tokens-csv',
    platform: 'anthropic',
    label: 'Anthropic Console token usage CSV (claude_api_tokens_*.csv)',
    source: 'Console → Usage → Export (documented to exist on the model deprecations page); columns from 10+ independent public parsers',
    columns: [
      c('usage_date_utc', '3p', true, 'the UTC day'),
      c('model_version', '3p', true, 'the API model id'),
      c('usage_input_tokens_no_cache', '3p', true, 'uncached input'),
      c('usage_input_tokens_cache_write_5m', '3p', true, 'cache writes, 5 minutes'),
      c('usage_input_tokens_cache_write_1h', '3p', true, 'cache writes, 1 hour'),
      c('usage_input_tokens_cache_read', '3p', true, 'cache reads'),
      c('usage_output_tokens', '3p', true, 'output tokens'),
      c('web_search_count', '3p', false, 'web searches (not compared)'),
      c('api_key', '3p', false, 'the key’s name (never echoed)'),
      c('workspace', '3p', false, 'workspace name'),
      c('usage_type', '3p', false, '"standard"'),
      c('context_window', '3p', false, '"≤ 200k" (2026)'),
      c('inference_geo', '3p', false, 'not_available, global, us (2026)'),
      c('speed', '3p', false, 'empty or fast (2026)'),
    ],
    required: ['usage_date_utc', 'model_version', 'usage_output_tokens'],
  },
  {
    id: 'anthropic-cost-csv',
    platform: 'anthropic',
    label: 'Anthropic Console cost CSV (claude_api_cost_*.csv)',
    source: 'Console → Usage → Export; columns from independent public parsers (token_type spellings for cache writes never observed)',
    columns: [
      c('usage_date_utc', '3p', true, 'the UTC day'),
      c('model', '3p', true, 'the DISPLAY name ("Claude Haiku 4.5"), mapped to an id only by an exact name in the price table'),
      c('cost_usd', '3p', true, 'net cost in USD ("--": not applicable)'),
      c('list_price_usd', '3p', false, 'cost at list price (2026)'),
      c('token_type', '3p', false, 'input_no_cache, input_cache_read, output'),
      c('cost_type', '3p', false, '"token"'),
      c('workspace', '3p', false, 'workspace name'),
      c('api_key', '3p', false, 'the key’s name (never echoed)'),
      c('usage_type', '3p', false, '"message"'),
      c('context_window', '3p', false, '"≤ 200k"'),
      c('inference_geo', '3p', false, 'inference geography (2026)'),
      c('speed', '3p', false, 'empty or fast (2026)'),
      c('api_key_id', '3p', false, 'apikey_01… (2026-08)'),
      c('api_key_status', '3p', false, 'active / archived (2026-08)'),
    ],
    required: ['usage_date_utc', 'model', 'cost_usd'],
  },
  {
    id: 'aws-cur2-csv',
    platform: 'bedrock',
    label: 'AWS Cost and Usage Report 2.0 (Data Exports) CSV, Amazon Bedrock rows',
    source: 'AWS CUR user guide “table dictionary”; turbot/tailpipe-plugin-aws cost_and_usage_report.go (2025-07-28); Bedrock usage types from third-party tools',
    columns: [
      c('line_item_usage_start_date', 'doc', true, 'usage start (UTC); gives the day'),
      c('line_item_usage_end_date', 'doc', true, 'usage end (a row longer than a day is spread evenly over its days)'),
      c('line_item_line_item_type', 'doc', true, 'Usage, DiscountedUsage, SavingsPlanCoveredUsage are read; Tax, Credit, Refund, … are left out'),
      c('line_item_product_code', 'doc', true, 'AmazonBedrock, or an opaque Marketplace product id'),
      c('line_item_usage_type', 'doc', true, 'the Bedrock usage type: gives the model (AmazonBedrock) and the token kind'),
      c('line_item_usage_amount', 'doc', true, 'usage in pricing_unit (1K tokens: ×1,000; Marketplace Units: ×1,000,000, inferred)'),
      c('pricing_unit', 'doc', true, 'the unit of line_item_usage_amount'),
      c('line_item_unblended_cost', 'doc', true, 'cost (used when there is no net cost)'),
      c('line_item_net_unblended_cost', 'doc', true, 'cost after discounts (preferred)'),
      c('line_item_currency_code', 'doc', true, 'only USD is compared'),
      c('product', 'inferred', true, 'map of product attributes; product_name read from JSON {"product_name": …} or {product_name=…} text'),
      c('product_product_name', 'inferred', true, 'the product name, when the map is flattened'),
      c('bill_billing_entity', 'doc', false, 'AWS or AWS Marketplace'),
      c('identity_line_item_id', 'doc', false, 'line item id'),
      c('identity_time_interval', 'doc', false, 'the row’s interval'),
      c('bill_billing_period_start_date', 'doc', false, 'billing period'),
      c('bill_billing_period_end_date', 'doc', false, 'billing period'),
      c('bill_payer_account_id', 'doc', false, 'payer account'),
      c('line_item_usage_account_id', 'doc', false, 'usage account'),
      c('line_item_operation', 'doc', false, 'operation'),
      c('line_item_unblended_rate', 'doc', false, 'rate'),
      c('line_item_line_item_description', 'doc', false, 'description'),
      c('line_item_legal_entity', 'doc', false, 'legal entity'),
      c('line_item_iam_principal', '3p', false, 'IAM principal (never echoed)'),
      c('product_region_code', 'doc', false, 'region'),
      c('product_usagetype', 'doc', false, 'usage type (product attribute)'),
      c('resource_tags', 'doc', false, 'tags map'),
    ],
    required: ['line_item_usage_start_date', 'line_item_usage_type', 'line_item_usage_amount'],
  },
  {
    id: 'aws-cur-legacy-csv',
    platform: 'bedrock',
    label: 'AWS legacy Cost and Usage Report CSV, Amazon Bedrock rows',
    source: 'AWS CUR user guide “Line item details” (category/Name headers); Bedrock usage types from third-party tools',
    columns: [
      c('lineItem/UsageStartDate', 'doc', true, 'usage start (UTC); gives the day'),
      c('lineItem/UsageEndDate', 'doc', true, 'usage end'),
      c('lineItem/LineItemType', 'doc', true, 'Usage, DiscountedUsage, SavingsPlanCoveredUsage are read'),
      c('lineItem/ProductCode', 'doc', true, 'AmazonBedrock or a Marketplace product id'),
      c('lineItem/UsageType', 'doc', true, 'the Bedrock usage type'),
      c('lineItem/UsageAmount', 'doc', true, 'usage in pricing/unit'),
      c('pricing/unit', 'doc', true, 'the unit of lineItem/UsageAmount'),
      c('lineItem/UnblendedCost', 'doc', true, 'cost (used when there is no net cost)'),
      c('lineItem/NetUnblendedCost', 'doc', true, 'cost after discounts (preferred)'),
      c('lineItem/CurrencyCode', 'doc', true, 'only USD is compared'),
      c('product/ProductName', 'doc', true, 'the product name (“Claude Sonnet 4.5 (Amazon Bedrock Edition)”)'),
      c('bill/BillingEntity', 'doc', false, 'AWS or AWS Marketplace'),
      c('identity/LineItemId', 'doc', false, 'line item id'),
      c('identity/TimeInterval', 'doc', false, 'the row’s interval'),
      c('bill/BillingPeriodStartDate', 'doc', false, 'billing period'),
      c('bill/BillingPeriodEndDate', 'doc', false, 'billing period'),
      c('bill/PayerAccountId', 'doc', false, 'payer account'),
      c('lineItem/UsageAccountId', 'doc', false, 'usage account'),
      c('lineItem/Operation', 'doc', false, 'operation'),
      c('lineItem/UnblendedRate', 'doc', false, 'rate'),
      c('lineItem/LineItemDescription', 'doc', false, 'description'),
      c('product/regionCode', 'inferred', false, 'region (category/Name convention, not checked against the dictionary)'),
      c('product/region', 'doc', false, 'region'),
      c('product/usagetype', 'doc', false, 'usage type (product attribute)'),
    ],
    required: ['lineItem/UsageStartDate', 'lineItem/UsageType', 'lineItem/UsageAmount'],
  },
];

/** A format by id. */
export function exportFormat(id: ExportFormatId): ExportFormat {
  return EXPORT_FORMATS.find((f) => f.id === id)!;
}
