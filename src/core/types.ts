/**
 * Tokentier's own types, shared by every layer (core, protocol, vscode, webview, cli).
 * These are plain data: JSON-serialisable, no classes, no functions. The JSON Schema in
 * `schemas/report.schema.json` describes the same shapes; keep them in step (a unit test compares them).
 */

/** A zero-based position, as in LSP and VS Code (`character` counts UTF-16 code units). */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A zero-based, end-exclusive range. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Who serves the request (who bills for it). */
export type Provider =
  | 'openai'
  | 'azure-openai'
  | 'anthropic'
  | 'google'
  | 'bedrock'
  | 'mistral'
  | 'cohere'
  | 'groq'
  | 'together'
  | 'fireworks'
  | 'deepseek'
  | 'openrouter'
  | 'xai'
  | 'ollama'
  | 'huggingface'
  | 'other';

/** How the code reaches the provider. */
export type Via = 'sdk' | 'http' | 'langchain' | 'llamaindex' | 'litellm' | 'ai-sdk' | 'framework';

/**
 * What kind of request it is (the mapping table is in docs/detection.md). `rerank`: a reranking model scores documents
 * against a query; `other`: a model call of none of the other kinds (video generation, OCR, classification, an agent
 * or realtime session turn).
 */
export const API_KINDS = ['chat', 'completion', 'responses', 'messages', 'generate', 'embeddings', 'images', 'audio', 'rerank', 'other'] as const;
export type Api = (typeof API_KINDS)[number];

/** How a model id was found in the code. */
export type ModelResolution =
  | { readonly kind: 'literal' }
  | { readonly kind: 'constant'; readonly name: string }
  | { readonly kind: 'default-argument'; readonly name: string }
  | { readonly kind: 'env-default'; readonly envVar: string }
  | { readonly kind: 'earlier-cell'; readonly cell: number }
  | { readonly kind: 'imported'; readonly file: string; readonly name: string }
  | { readonly kind: 'constructor' }
  | { readonly kind: 'usage-file'; readonly file: string }
  | { readonly kind: 'unknown'; readonly expression: string };

/** The model a site calls. `id` is exactly as written in code; `canonical` is the id used for pricing. */
export interface ModelRef {
  /** The id as written in code (e.g. `models/gemini-1.5-flash`), or null when unresolved. */
  readonly id: string | null;
  /** A normalised id for price lookup (e.g. `gemini-1.5-flash`), or null when unresolved. */
  readonly canonical: string | null;
  readonly resolution: ModelResolution;
  /** For a conditional (`a if x else b`, `x ? a : b`, fallbacks): every candidate. */
  readonly candidates?: readonly ModelRef[];
}

/** One piece of the prompt as it appears in code, for the token estimator. */
export interface PromptPart {
  /** Which role or slot the text fills. */
  readonly role: 'system' | 'user' | 'assistant' | 'tool' | 'developer' | 'prompt' | 'input' | 'tools' | 'response_format' | 'image' | 'audio' | 'other';
  /**
   * `literal`: the text is fully known; `template`: known text with `placeholders` holes;
   * `dynamic`: only known at run time; `file`: read from `file` at run time (path visible in code).
   */
  readonly kind: 'literal' | 'template' | 'dynamic' | 'file';
  /** The known text (for templates: the literal parts joined, holes removed). */
  readonly text?: string;
  /** Number of run-time holes in a template (f-string fields, `${}`, `.format` fields). */
  readonly placeholders?: number;
  /** For `file`: the workspace-relative path the code reads. */
  readonly file?: string;
  /** The message's `name` field (OpenAI: a speaker name such as `example_user`), when a literal: counted with the message. */
  readonly name?: string;
  /** For `image`: stated size, when the code states it. */
  readonly image?: { readonly width?: number; readonly height?: number; readonly detail?: string };
  /** Where the part is in the source document. */
  readonly range: Range;
}

/** A loop, comprehension, map or fan-out that encloses a call. */
export interface LoopContext {
  readonly kind: 'for' | 'while' | 'comprehension' | 'map' | 'promise-all' | 'gather' | 'agent' | 'batch';
  /** The visible iteration bound (`range(10)`, a literal list's length, `max_iterations=5`), when there is one. */
  readonly bound?: number;
  /** `true` for `while True` and the like: no visible bound. */
  readonly unbounded?: boolean;
  readonly range: Range;
}

/** Request parameters that change the cost. Absent means "not set in code". */
export interface CallParams {
  /** The max output tokens value, when a literal or resolvable constant. */
  readonly maxTokens?: number;
  /** The parameter name used (`max_tokens`, `max_completion_tokens`, `maxOutputTokens`, …). */
  readonly maxTokensParam?: string;
  readonly n?: number;
  readonly stream?: boolean;
  readonly tools?: boolean;
  /**
   * The tool choice, normalised: `auto`, `none`, `required` (OpenAI `required`, Anthropic `any`, Gemini mode `ANY`) or
   * `function:<name>` (one named tool forced).
   */
  readonly toolChoice?: string;
  /** Stop sequences, when literal strings (at most 4 kept). */
  readonly stop?: readonly string[];
  readonly responseFormat?: boolean;
  /** `low` | `medium` | `high` | `minimal`, as written. */
  readonly reasoningEffort?: string;
  /** Anthropic `thinking.budget_tokens` / Gemini `thinking_budget`. */
  readonly thinkingBudget?: number;
  /** Anthropic `cache_control` markers or another explicit prompt-caching marker present. */
  readonly cacheControl?: boolean;
  /** OpenAI `service_tier` and friends, as written. */
  readonly serviceTier?: string;
  /** The call goes through a batch API. */
  readonly batch?: boolean;
  /** LiteLLM `fallbacks` / OpenRouter `models=[…]`: other models that may serve it. */
  readonly fallbacks?: readonly string[];
}

export type Confidence = 'high' | 'medium' | 'low';

/** One call expression that sends one request to an LLM inference API. */
export interface CallSite {
  /** Stable within a file: `${file}#${line}:${method}` (plus `#cell` for notebooks). */
  readonly id: string;
  /** Workspace-relative POSIX path (or the path the caller gave). */
  readonly file: string;
  /** The whole call expression, in document coordinates (for notebooks: cell coordinates). */
  readonly range: Range;
  /** 1-based line of the called method's name (in the cell, for notebooks). */
  readonly line: number;
  /** Notebook: 0-based index into the notebook's `cells` array (markdown cells included). */
  readonly cell?: number;
  readonly provider: Provider;
  readonly via: Via;
  readonly api: Api;
  /** The called path as written, normalised (`chat.completions.create`, `generateText`, `fetch`). */
  readonly method: string;
  readonly model: ModelRef;
  readonly stream: boolean;
  readonly params: CallParams;
  readonly prompt: readonly PromptPart[];
  readonly loops: readonly LoopContext[];
  readonly confidence: Confidence;
  /** The enclosing function's name, when any (for usage-file matching). */
  readonly enclosingFunction?: string;
  /** A `tokentier-ignore` comment applies. Ignored sites are reported but not totalled. */
  readonly ignored?: boolean;
  /**
   * The site is in test code or a test fixture (`tests/`, `test_*.py`, `*.test.ts`, `__testfixtures__/`, …; the list is
   * `isTestPath` in `src/core/excludes.ts`). Test sites are reported and kept apart: left out of totals, the status bar
   * and budget gates unless `tokentier.includeTests` / `--include-tests` counts them (`Report.includeTests`).
   */
  readonly test?: boolean;
  /** The raw text of a `tokentier:` inline annotation next to the call, when present. */
  readonly annotation?: { readonly text: string; readonly line: number };
}

export type Severity = 'error' | 'warning' | 'info';

/** A message about input the core could not fully handle. Never thrown: returned. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine code, e.g. `parse-error`, `file-too-large`, `binary-file`, `bad-annotation`, `price-book`. */
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly range?: Range;
  readonly cell?: number;
}

/** What detection returns. */
export interface DetectResult {
  readonly sites: readonly CallSite[];
  readonly diagnostics: readonly Diagnostic[];
}

// ---------------------------------------------------------------------------------------------
// Estimates (tokens, cost, usage) — produced by src/core/estimate from a CallSite.
// ---------------------------------------------------------------------------------------------

/** Where a figure came from. Every number shown to a user carries one. */
export interface Provenance {
  /** `bundled`: the defaults shipped with Tokentier; `settings`: user/workspace settings; `team-file`: `.tokentier/*`;
   *  `annotation`: an inline `tokentier:` comment; `code`: read from the call itself; `default`: a documented default rule. */
  readonly source: 'bundled' | 'settings' | 'team-file' | 'annotation' | 'code' | 'default';
  /** Human-readable name of the table/file/setting, e.g. `genai-prices 0.1.8 (checked 2026-09-23)`, `.tokentier/usage.yml`. */
  readonly label: string;
  readonly file?: string;
  /** 1-based line in `file`, when known. */
  readonly line?: number;
  /** ISO date the figure was checked or published, when known. */
  readonly date?: string;
  /** The rule applied, e.g. `input 212,000 tokens > 200k: long-context rate`, `batch −50 %`. */
  readonly rule?: string;
  /** Set when a user-scoped (not workspace-shared) setting changed the figure. */
  readonly userScoped?: boolean;
}

export interface NumberRange {
  readonly min: number;
  readonly expected: number;
  readonly max: number;
}

/** A value with where it came from. */
export interface Sourced<T> {
  readonly value: T;
  readonly source: Provenance;
}

export interface TokenPartEstimate {
  readonly role: PromptPart['role'] | 'overhead';
  readonly kind: PromptPart['kind'] | 'overhead';
  readonly tokens: NumberRange;
  readonly note?: string;
}

export interface TokenEstimate {
  readonly input: NumberRange;
  readonly output: NumberRange;
  /** Reasoning/thinking tokens, billed as output unless the price table says otherwise; NOT included in `output`. */
  readonly reasoning?: NumberRange;
  /** `exact`: every input part is known text counted with the model's own tokenizer;
   *  `estimated`: known text counted with a calibrated multiplier; `unknown-parts`: some input is only known at run time. */
  readonly accuracy: 'exact' | 'estimated' | 'unknown-parts';
  /** e.g. `o200k_base`, `o200k_base × 1.20 (Claude)`. */
  readonly tokenizer: string;
  readonly parts: readonly TokenPartEstimate[];
  readonly inputSource: Provenance;
  readonly outputSource: Provenance;
}

/** One billed dimension of one call, with its arithmetic. */
export interface PriceLine {
  readonly dimension: 'input' | 'output' | 'cache_read' | 'cache_write' | 'cache_write_1h' | 'reasoning' | 'request' | 'image' | 'audio' | 'other';
  /** Tokens (or units) billed on this line at the expected point. */
  readonly units: number;
  /** Price per million tokens (or per unit for non-token lines) after every rule, in the report currency. */
  readonly rate: number;
  /** units × rate (/1e6 for tokens), in the report currency. */
  readonly amount: number;
  readonly source: Provenance;
}

export interface CostEstimate {
  /** ISO 4217 code of every amount here. */
  readonly currency: string;
  /** Null when the model or its price is unknown: never zero, never a guess. */
  readonly perCall: NumberRange | null;
  readonly perDay: NumberRange | null;
  readonly perMonth: NumberRange | null;
  /** The expected-point breakdown of one call. */
  readonly lines: readonly PriceLine[];
  /** The price entry that matched (`openai:gpt-4o-mini`), when any. */
  readonly priceId?: string;
  /** Why `perCall` is null, when it is. */
  readonly unknownReason?: string;
  readonly provenance: readonly Provenance[];
}

export interface UsageAssumptions {
  readonly callsPerDay: Sourced<number>;
  /** Multiplier from loops/fan-out already applied to `callsPerDay`? No: applied on top; shown separately. */
  readonly fanOut: Sourced<number>;
  readonly cacheHitRate: Sourced<number>;
  readonly batchShare: Sourced<number>;
  readonly retryRate: Sourced<number>;
  /** Expected output tokens per call, when an assumption (not the code) sets it. */
  readonly outputTokens?: Sourced<number>;
  /** The usage profile in force (`expected` unless chosen). */
  readonly profile: string;
  /** True when calls/day is an assumption (no annotation, usage-file entry or setting names this site). */
  readonly assumed: boolean;
  /** A model given by the usage file or annotation for a site whose model the code does not resolve. */
  readonly model?: Sourced<string>;
  /**
   * Set when calls/day comes from a usage-file entry that `tokentier reconcile --write` calibrated against billed
   * usage: the days (UTC, `YYYY-MM-DD`), the exports it came from, and the entry's file and line. Added in 1.1.0.
   */
  readonly calibration?: UsageCalibrationRef;
}

/** The billed usage a site's usage-file entry was calibrated against (see {@link UsageAssumptions.calibration}). */
export interface UsageCalibrationRef {
  readonly from: string;
  readonly to: string;
  readonly source?: string;
  readonly file?: string;
  readonly line?: number;
}

/** Everything Tokentier knows about one site. */
export interface SiteEstimate {
  readonly site: CallSite;
  readonly tokens: TokenEstimate;
  readonly usage: UsageAssumptions;
  readonly cost: CostEstimate;
  /** Input + output + reasoning tokens per day (per call × calls/day × fan-out × (1 + retries)). */
  readonly tokensPerDay?: NumberRange;
  /** The model's deprecation or retirement and cheaper models for this call (src/core/advice), when any. */
  readonly advice?: SiteAdvice;
  /** Energy of the call at the provider (EcoLogits-style estimate, src/core/models/energy.ts); absent when unknown. */
  readonly energy?: SiteEnergy;
}

/**
 * Energy and emissions of a hosted call, estimated EcoLogits-style from the model's (estimated) active parameters and
 * the tokens it generates. `min`/`max` are the estimate's range (parameter and PUE ranges); `expected` is its midpoint.
 */
export interface SiteEnergy {
  /** Watt-hours per call at the expected generated (output + reasoning) tokens. */
  readonly whPerCall: NumberRange;
  /** Grams CO₂e per call (electricity mix of the provider's location). */
  readonly gCo2ePerCall: NumberRange;
  /** Kilowatt-hours per month at the site's calls (calls/day × fan-out × (1 + retries) × days/month). */
  readonly kwhPerMonth: NumberRange;
  /** The model's size is EcoLogits' estimate (its architecture is not published). */
  readonly estimatedParameters: boolean;
  readonly source: Provenance;
}

// ---------------------------------------------------------------------------------------------
// Advice (src/core/advice): deprecation alerts with the migration's cost and cheaper models that fit the call.
// ---------------------------------------------------------------------------------------------

/** What migrating a site to another model does to its monthly cost, at the site's own usage. */
export interface MigrationEstimate {
  /** The API id priced: the provider's replacement, followed through replacements that are retired themselves. */
  readonly model: string;
  /** Replacements passed over because they are retired too (`gpt-3.5-turbo-instruct`), in order. */
  readonly via?: readonly string[];
  /** The replacement's monthly cost at this site's usage; null when it has no price. */
  readonly perMonth: NumberRange | null;
  /** Replacement minus current, expected per month; null when either cost is unknown. */
  readonly deltaPerMonth: number | null;
  readonly priceId?: string;
  /** Why `perMonth` or `deltaPerMonth` is null, when one is. */
  readonly unknownReason?: string;
}

/** A model's published deprecation or retirement on the platform that serves the call. */
export interface LifecycleAlert {
  /**
   * `retired`: the shutdown date has passed, calls fail; `deprecated`: announced, shutting down on a later or not yet
   * announced date; `scheduled`: a published shutdown date with no deprecation notice yet (Gemini, Vertex AI).
   */
  readonly status: 'retired' | 'deprecated' | 'scheduled';
  /** `openai`, `anthropic`, `gemini-api`, `vertex-ai`, `bedrock`, `mistral`, `cohere`. */
  readonly platform: string;
  /** The platform's name for people (`Amazon Bedrock`). */
  readonly platformName: string;
  /** The model id as the provider's page writes it. */
  readonly model: string;
  /** ISO date of the deprecation notice, when the page gives one. */
  readonly announced?: string;
  /** ISO shutdown date, when the page gives a day. */
  readonly shutdown?: string;
  /** The shutdown as the page writes it (`To be announced`, `Effective September 15, 2025`). */
  readonly shutdownAsWritten: string;
  /** Days from the estimate's day to `shutdown` (negative once past). */
  readonly daysLeft?: number;
  /** The provider's recommended replacement, as written; absent when the page names none. */
  readonly replacement?: string;
  /** The cost of moving this site to the replacement. */
  readonly migration?: MigrationEstimate;
  /** The same model on another platform the call may be served by, when its date differs (`Vertex AI: retired 2026-02-05`). */
  readonly otherPlatforms?: readonly string[];
  /** Regions the date applies to (Bedrock dates differ by region). */
  readonly regions?: string;
  readonly note?: string;
  readonly source: Provenance;
}

/** Whether a model can take one feature or limit a call uses. */
export interface FeatureFit {
  readonly feature: 'tools' | 'vision' | 'json-schema' | 'reasoning' | 'context' | 'max-output' | 'parameters';
  /** True: fits; false: does not; null: the data does not say (unknown, never assumed). */
  readonly fits: boolean | null;
  /** What the call needs and what the model offers, e.g. `input up to 1,234 tokens; max input 128,000`. */
  readonly detail: string;
}

/** The quality caveat beside a cheaper model: both models in one dated index snapshot. */
export interface QualityComparison {
  /** `LMArena text`. */
  readonly index: string;
  /** ISO date of the index snapshot. */
  readonly asOf: string;
  /** Absent: the current model is not in the snapshot. */
  readonly current?: QualityScore;
  /** Absent: the alternative is not in the snapshot. */
  readonly alternative?: QualityScore;
  /** Alternative minus current, when both are scored. */
  readonly delta?: number;
  readonly source: Provenance;
}

/** A cheaper model that can serve the same call, with the trade-off stated. */
export interface ModelAlternative {
  /** The id to write in code (`gpt-4o-mini`). */
  readonly model: string;
  readonly priceId: string;
  /** `family`: the provider's cheaper sibling; `provider`: another model of the same provider; `cross-provider`. */
  readonly kind: 'family' | 'provider' | 'cross-provider';
  /** True when the same client serves it, so only the model string changes. */
  readonly samePlatform: boolean;
  /** The ladder it was found on (`GPT-4o`), for `family`. */
  readonly family?: string;
  /** Its monthly cost at this site's usage. */
  readonly perMonth: NumberRange;
  /** Current minus alternative, expected per month (positive: a saving). */
  readonly savingPerMonth: number;
  /** `savingPerMonth` as a share of the current expected monthly cost (0–1). */
  readonly savingShare: number;
  /** Every feature and limit the call uses, checked against the model's published limits. */
  readonly fit: readonly FeatureFit[];
  readonly quality: QualityComparison;
  /** Where the capability and family figures come from. */
  readonly sources: readonly Provenance[];
}

/** Advice for one site. */
export interface SiteAdvice {
  /** The model's deprecation or retirement, when the provider has announced one. */
  readonly lifecycle?: LifecycleAlert;
  /** Cheaper models that fit the call, best first (at most four). */
  readonly alternatives: readonly ModelAlternative[];
  /** Why no alternative is offered, when none is (`current cost unknown`, `no suggestion data for Amazon Bedrock`). */
  readonly noAlternatives?: string;
}

/** A total that is by definition the sum of the non-ignored sites it covers (no double counting). */
export interface CostTotal {
  readonly perMonth: NumberRange;
  readonly perDay: NumberRange;
  readonly sites: number;
  /** Sites whose cost is unknown (not included in the sums). */
  readonly unpriced: number;
}

// ---------------------------------------------------------------------------------------------
// Reports — built by src/core/report from analysed files; the shape of `tokentier scan --format json`
// and of every export. Versioned: see `schemas/report.schema.json`.
// ---------------------------------------------------------------------------------------------

export const REPORT_SCHEMA_VERSION = '1.1.0';

export interface FileSummary {
  /** Workspace-relative POSIX path. */
  readonly file: string;
  readonly total: CostTotal;
}

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'tokentier'; readonly version: string };
  /** ISO timestamp. */
  readonly generatedAt: string;
  /** The scan root as given (absolute path or workspace folder name). */
  readonly root: string;
  readonly currency: string;
  readonly profile: string;
  /** The price tables in force, e.g. `genai-prices 0.1.8 (checked 2026-09-23)`, `.tokentier/prices.yml`. */
  readonly priceTables: readonly Provenance[];
  readonly sites: readonly SiteEstimate[];
  /**
   * Whether test-code sites (`CallSite.test`) are counted in the totals (`tokentier.includeTests`, `--include-tests`).
   * Absent in reports older than schema 1.1.0, which had no test flag.
   */
  readonly includeTests: boolean;
  /**
   * Totals over the counted sites (not ignored; not test code unless `includeTests`); `workspace` equals the sum of
   * `byFile`, of `byProvider` and of `byModel`, which list counted sites only. `tests` is the total of the test-code
   * sites (not ignored) whether they are counted or not: kept apart, so a reader sees what the tests would add.
   */
  readonly totals: {
    readonly workspace: CostTotal;
    readonly byFile: readonly FileSummary[];
    readonly byProvider: readonly { readonly provider: Provider; readonly total: CostTotal }[];
    readonly byModel: readonly { readonly model: string; readonly total: CostTotal }[];
    readonly tests: CostTotal;
  };
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: { readonly filesScanned: number; readonly filesParsed: number; readonly bytes: number; readonly ms: number };
  /**
   * Only in a merged report (`tokentier merge`, schema 1.1.0): one row per repository report it was made of. The sites'
   * and diagnostics' paths then start with the repository's name.
   */
  readonly repositories?: readonly RepositorySummary[];
}

/** One repository of a merged report (`tokentier merge`): its report's own totals, as it was read. */
export interface RepositorySummary {
  /** The first path segment of its sites in the merged report (unique). */
  readonly name: string;
  /** The report file it was read from, as given on the command line. */
  readonly file: string;
  /** That report's `root`, `generatedAt` and tool version. */
  readonly root: string;
  readonly generatedAt: string;
  readonly toolVersion: string;
  /** Its counted sites' total (recounted when the merge counts test code differently) and its test code's total. */
  readonly total: CostTotal;
  readonly tests: CostTotal;
  readonly stats: Report['stats'];
}

/** One model's score in a quality index (src/core/models/quality.ts; shared with the cheaper-model advice of #22). */
export interface QualityScore {
  /** The model's name in the index. */
  readonly name: string;
  readonly score: number;
  /** Half-width of the 95 % confidence interval, when the index gives one. */
  readonly ci95?: number;
}
