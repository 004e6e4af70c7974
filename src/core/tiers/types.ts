/**
 * Public types of the deploy-target (tier) model: hosted API vs GPU marketplace vs on-prem vs edge.
 *
 * API stable as of 2026-11-23 10:50 UTC. Additive changes only after this point (since then: `edgePrecision`,
 * `stepOverheadMsPerLayerMetal`, `attentionHeads`, `experts`/`expertsPerToken`, `memoryType`; #20: `servingCompute`,
 * `TierNumber.range`, the p50/network/operating-batch figures of `TierOption`, `TierResult.notAFit`, the rate-limit
 * tiers, `TierDiagnostic.kind/tier`, `TierComparison.recommendation`; `Workload.edgeUsers` unset now means "not sized").
 *
 * Entry points (implemented in sibling files, all pure and synchronous, none throws):
 * - `compareTiers(workload, options?)` in `src/core/tiers/compare.ts` → {@link TierComparison}
 * - `costCurve(workload, options, requestsPerDayPoints)` in `src/core/tiers/compare.ts` → {@link CostCurve}
 * - `breakEvenVolumes(workload, options?)` in `src/core/tiers/compare.ts` → {@link BreakEven}[]
 * - `replicasNeeded(peakReqPerSec, replicaReqPerSec, utilisation, nPlus1)` in `src/core/tiers/compare.ts`
 * - `calibrate(csvText)` in `src/core/tiers/calibration.ts` (used by `npm run calibrate`)
 * `options` is a `Partial<TierOptions>`; map settings `tiers.electricityPricePerKWh` → `electricityUsdPerKWh` and
 * `tiers.gridIntensity` → `gridKgCo2PerKWh`. Each call of compareTiers costs ~100-250 ms (break-even search).
 * - `listSelfHostModels()` / `listHardware(options?)` / `listRentalOffers()` / `canonicalHardwareId(name)`
 *   in `src/core/tiers/catalogue.ts` → pickers for the webview and CLI
 * - `DEFAULT_TIER_OPTIONS` / `resolveTierOptions(partial)` in `src/core/tiers/defaults.ts`
 *
 * Every number shown to a user is a {@link TierNumber}: a value (or `null` = "n/a — no source"), its unit, the
 * formula with the inputs filled in, and the sources behind each input, so a tooltip can show all of it.
 */

/** The four deployment tiers compared. */
export type TierKind = 'api' | 'marketplace' | 'onprem' | 'edge';

/**
 * Numeric precision of the self-hosted weights. Bytes per parameter: bf16/fp16 2, fp8/int8 1 (+ nothing),
 * int4 0.5625 (4.5 bits: 4-bit values plus a 16-bit scale per 32-weight group, the llama.cpp Q4_0 layout).
 */
export type Precision = 'bf16' | 'fp16' | 'fp8' | 'int8' | 'int4';

/** How a rental price was offered. `any` picks the cheapest offer regardless. */
export type RentalPricing = 'on-demand' | 'spot' | 'reserved' | 'any';

/** Where a figure came from (data file row, setting, user quote, or a documented default). */
export interface TierSource {
  /** Short human label, e.g. `gpus.csv: NVIDIA H100 SXM 80GB`, `default: pytorch/ao 92 % bandwidth derate`. */
  readonly label: string;
  /** URL or `github.com/<owner>/<repo> <path> @ <commit>`; absent for settings and user input. */
  readonly ref?: string;
  /** Date (or best bound) the figure was published/checked. */
  readonly date?: string;
  /** Quality of the source as recorded in the reference data. */
  readonly quality?: 'primary' | 'secondary' | 'tertiary' | 'derived' | 'user' | 'default';
}

/**
 * A number with its derivation, for tooltips. `value === null` means "n/a — no source" (never invented);
 * `why` then says which figure is missing.
 */
export interface TierNumber {
  readonly value: number | null;
  /** Unit, e.g. `USD/month`, `USD/1M tokens`, `ms`, `tokens/s`, `kWh/1M tokens`, `kg CO2e/1M tokens`, `fraction`. */
  readonly unit: string;
  /** The formula with the inputs substituted, e.g. `2 × 70e9 × 2000 / (0.8 × 989e12 × 8 × 0.9)`. */
  readonly formula: string;
  /** Sources of every input in `formula`. */
  readonly sources: readonly TierSource[];
  /** When `value` is null: what is missing. */
  readonly why?: string;
  /** Low and high end when the figure is an estimate with a stated range (hosted-API energy, network RTT). */
  readonly range?: readonly [number, number];
}

/** Hosted-API cost for this workload, computed by the cost engine and passed in (keeps tiers free of pricing code). */
export interface ApiCostInput {
  /** Provider id as in `src/core/types.ts` `Provider` (e.g. `openai`), used for latency/rate-limit lookup. */
  readonly provider: string;
  /** API model id, e.g. `gpt-4o-mini`. */
  readonly model: string;
  /** Expected USD per request (input + output, after caching/batch discounts). */
  readonly costPerRequestUsd: number;
  /** Optional USD per month as computed by the cost engine; if absent, `costPerRequestUsd × requestsPerDay × 365/12`. */
  readonly costPerMonthUsd?: number;
  /** Where the price came from (price table name and date). */
  readonly source: TierSource;
}

/**
 * The workload to place. Tokens are per request. The self-hosted tiers run `selfHostModelId` (a catalogue id from
 * `listSelfHostModels()`), chosen as an open-weight equivalent of the API model.
 */
export interface Workload {
  /** Optional display label (call site, file or "workspace"). Untrusted text: never render as HTML. */
  readonly label?: string;
  /** Average requests per day. */
  readonly requestsPerDay: number;
  /** Expected input (prompt) tokens per request. */
  readonly inputTokens: number;
  /** Expected output tokens per request. */
  readonly outputTokens: number;
  /** p95 input tokens (sizes KV cache and latency checks); defaults to `inputTokens`. */
  readonly inputTokensP95?: number;
  /** p95 output tokens (latency checks); defaults to `outputTokens`. */
  readonly outputTokensP95?: number;
  /** Peak-hour rate ÷ average rate (≥ 1). Capacity is sized for the peak. Default 3. */
  readonly peakToAverage?: number;
  /** Time-to-first-token target in ms (p95 request). Absent = no target. */
  readonly ttftTargetMs?: number;
  /** End-to-end latency target in ms (p95 request: TTFT + output × TPOT). Absent = no target. */
  readonly e2eTargetMs?: number;
  /** Catalogue id of the open-weight model self-hosted tiers run, e.g. `llama-3.1-8b`. */
  readonly selfHostModelId: string;
  /** Hosted API cost and identity; absent = API tier reported as n/a. */
  readonly api?: ApiCostInput;
  /**
   * Edge tier: the number of users, each running the model on their own device (`--users`, the panel's field, the
   * setting `tokentier.tiers.users`). Absent: the edge tier is not sized (it depends on it) and says so.
   */
  readonly edgeUsers?: number;
}

/** Explicit efficiency factors of the roofline; defaults and their justification are in docs/tiers.md. */
export interface EfficiencyParams {
  /**
   * Achievable fraction of dense peak FLOPS in prefill. Default: the hardware's measured MAMF ÷ peak when
   * gpus.csv has it (H100 0.80, A100 0.87, B200 0.78, MI300X 0.51), else `computeFallback`.
   */
  readonly computeFallback: number;
  /**
   * Fraction of the achievable GEMM rate (MAMF, else `computeFallback`) that a serving engine's whole forward pass
   * reaches on compute-bound work (prefill, large decode batches): TensorRT-LLM, vLLM, SGLang, TGI, NIM on CUDA GPUs
   * (engines.json `servingEngine`). Fitted on the published TTFT rows with a leave-one-source-out check, and checked
   * out of sample on the batched-throughput rows (docs/tiers.md "Latency at load"). Not applied to llama.cpp or Apple.
   */
  readonly servingCompute: number;
  /** Achievable fraction of peak memory bandwidth in decode (pytorch/ao roofline derate: 0.92). */
  readonly bandwidth: number;
  /** Fixed per-step overhead in ms per model layer on CUDA GPUs (kernel launches, sync); see docs/tiers.md. */
  readonly stepOverheadMsPerLayer: number;
  /** Fixed per-step overhead in ms per model layer on Apple GPUs (Metal command encoding/dispatch); see docs/tiers.md. */
  readonly stepOverheadMsPerLayerMetal: number;
  /** Tensor-parallel communication efficiency: fraction of ideal n-GPU speed-up kept per extra GPU. */
  readonly tensorParallel: number;
  /** Fraction of unified memory usable by the GPU on Apple silicon / Jetson (0.70-0.78 reported; default 0.72). */
  readonly unifiedMemoryUsable: number;
  /** Fraction of discrete GPU memory usable for weights + KV (runtime, activations, fragmentation). Default 0.90. */
  readonly discreteMemoryUsable: number;
}

/** A user-added GPU or device (team price book). Missing figures → those numbers are n/a. */
export interface CustomHardware {
  readonly name: string;
  readonly category: 'datacenter_gpu' | 'consumer_gpu' | 'apple_silicon' | 'edge_soc';
  readonly memoryGb: number;
  readonly memBwGBps: number;
  /** Dense BF16 TFLOPS. */
  readonly bf16Tflops?: number;
  /** Dense FP8 TFLOPS. */
  readonly fp8Tflops?: number;
  readonly tdpW?: number;
  readonly priceUsd?: number;
  readonly source?: TierSource;
}

/** A user-added rental quote or on-prem purchase quote (team price book). */
export interface CustomQuote {
  readonly provider: string;
  /** Hardware name; matched with `canonicalHardwareId`. */
  readonly hardware: string;
  /** USD per GPU-hour (rental) — or set `purchaseUsdPerGpu` for on-prem. */
  readonly usdPerGpuHour?: number;
  readonly purchaseUsdPerGpu?: number;
  readonly pricing?: Exclude<RentalPricing, 'any'>;
  readonly source?: TierSource;
}

/** Options of the comparison; every field has a sourced default (`DEFAULT_TIER_OPTIONS`). */
export interface TierOptions {
  /** Precision of the datacenter tiers (marketplace, on-prem). Default fp8. */
  readonly precision: Precision;
  /** Precision on edge devices (llama.cpp-style 4-bit is the norm there; Apple GPUs have no FP8). Default int4. */
  readonly edgePrecision?: Precision;
  /** USD per kWh (settings `tiers.electricityPricePerKWh`; default EIA 2024 US industrial ≈ 0.08). */
  readonly electricityUsdPerKWh: number;
  /** Power usage effectiveness of the facility (default 1.56, Uptime 2024 average). */
  readonly pue: number;
  /**
   * Target average utilisation of provisioned self-hosted capacity at peak (headroom for bursts), 0-1.
   * Default 0.7 — no source for fleet utilisation was found; it is a stated planning assumption.
   */
  readonly utilisation: number;
  /** Colocation USD per kW-month of IT load (default 184.06, CBRE H2 2024). 0 = own facility (then PUE × power only). */
  readonly colocationUsdPerKWMonth: number;
  /** On-prem hardware amortisation life in years (default 5: hyperscaler server life 5-6 years). */
  readonly amortisationYears: number;
  /** Grid intensity kg CO2e per kWh (settings `tiers.gridIntensity`, default 0.37). */
  readonly gridKgCo2PerKWh: number;
  /** Add one spare serving replica (N+1) for self-hosted tiers. */
  readonly redundancyNPlus1: boolean;
  /** Ops/staff/network overhead as a fraction added to on-prem hardware + power cost (default 0.15, assumption). */
  readonly opsOverheadFraction: number;
  readonly rentalPricing: RentalPricing;
  /** Server/host cost per GPU added to on-prem purchase (chassis, CPU, NIC, storage); default 0 = not modelled. */
  readonly hostOverheadUsdPerGpu: number;
  readonly efficiency: EfficiencyParams;
  readonly customHardware: readonly CustomHardware[];
  readonly customQuotes: readonly CustomQuote[];
}

/** What the entry points accept: any subset of the options, efficiency merged field by field over the defaults. */
export type TierOptionsInput = Partial<Omit<TierOptions, 'efficiency'>> & { readonly efficiency?: Partial<EfficiencyParams> };

/** Latency target check. `null` = no target set or latency unknown. */
export interface LatencyCheck {
  readonly ttftPass: boolean | null;
  readonly e2ePass: boolean | null;
  /** Both set targets met (null if no target, or a needed latency is unknown). */
  readonly pass: boolean | null;
}

/** One published rate-limit tier of a model, and whether the workload's peak fits it. */
export interface RateLimitTier {
  /** `Tier 1` … as the provider names it. */
  readonly tier: string;
  readonly rpm: number | null;
  /** Tokens per minute (OpenAI, Gemini: input + output as they count it). */
  readonly tpm?: number | null;
  /** Input / output tokens per minute (Anthropic). */
  readonly itpm?: number | null;
  readonly otpm?: number | null;
  /** Requests per day, when the tier has a daily cap. */
  readonly rpd?: number | null;
  /** How an account reaches the tier (`$50 paid and 7+ days since first successful payment`). */
  readonly qualification?: string;
  /** The tier's monthly spend cap, when published. */
  readonly usageLimitUsdPerMonth?: number | null;
  /** The peak fits every published limit of this tier (and its spend cap holds the monthly cost). */
  readonly fits: boolean;
  /** The first limit the workload exceeds, e.g. `RPM 500 < 1,210 at peak`. */
  readonly binding?: string;
}

/** Rate-limit feasibility for the API tier (published tier limits; `unknown` where no sourced data). */
export interface RateLimitCheck {
  /** `ok`: some published tier holds the peak (`requiredTier`); `exceeds`: none does; `unknown`: no table for the model. */
  readonly status: 'ok' | 'exceeds' | 'unknown';
  /** Peak requests/minute and tokens/minute the workload needs. */
  readonly peakRequestsPerMinute: number;
  readonly peakTokensPerMinute: number;
  /** Peak input and output tokens/minute (limits that count them apart). */
  readonly peakInputTokensPerMinute?: number;
  readonly peakOutputTokensPerMinute?: number;
  /** The lowest published tier that holds the peak, when any. */
  readonly requiredTier?: string;
  /** Every published tier of the model, lowest first. */
  readonly tiers?: readonly RateLimitTier[];
  /** The snapshot the check was computed against (`as published 2026`). */
  readonly asOf?: string;
  readonly note: string;
  readonly sources: readonly TierSource[];
}

/** One concrete way to serve the workload in a tier (a provider+GPU config, an API, a device). */
export interface TierOption {
  readonly tier: TierKind;
  /** Display label, e.g. `2 × (1 × H100 SXM 80GB) — RunPod on-demand`. */
  readonly label: string;
  /** Provider (API provider, rental provider, `on-prem`, or device vendor). */
  readonly provider: string;
  /** Canonical hardware id (see `canonicalHardwareId`), absent for API. */
  readonly hardwareId?: string;
  /** GPUs per serving replica (tensor-parallel size). */
  readonly tensorParallel?: number;
  /** Replicas (incl. N+1 spare) needed at peak. */
  readonly replicas?: number;
  /** Total GPUs/devices = replicas × tensorParallel. */
  readonly gpuCount?: number;
  /** Concurrent requests per replica used for sizing (batch). */
  readonly concurrencyPerReplica?: number;
  readonly costPerMTokUsd: TierNumber;
  readonly monthlyCostUsd: TierNumber;
  /**
   * Time to first token of a p95 request at the load each replica gets at the peak hour (queueing + prefill + network;
   * the hosted API: its published median, which includes the provider's queueing and the network).
   */
  readonly ttftMs: TierNumber;
  /** Time to first token of a median request at the same load. */
  readonly ttftP50Ms?: TierNumber;
  /** Output tokens/s seen by one request at the operating load (1000 / TPOT). */
  readonly tokensPerSecPerRequest: TierNumber;
  /** Aggregate output tokens/s of one replica at the chosen batch. */
  readonly tokensPerSecPerReplica: TierNumber;
  /** End-to-end latency of a p95 request (p95 TTFT + p95 output × TPOT). */
  readonly e2eLatencyMs: TierNumber;
  /** End-to-end latency of a median request (p50 TTFT + expected output × TPOT). */
  readonly e2eP50Ms?: TierNumber;
  /** The network round trip between client and server in this tier (included in TTFT and end-to-end). */
  readonly networkMs?: TierNumber;
  /** Mean decode batch a request runs in at the operating load (1 = alone). */
  readonly operatingBatch?: number;
  readonly latency: LatencyCheck;
  /** Average utilisation of provisioned capacity (average load ÷ capacity). */
  readonly utilisation: TierNumber;
  /** Energy per token in joules at the wall (× PUE). */
  readonly energyJPerToken: TierNumber;
  /** kWh per 1M tokens (× PUE). */
  readonly energyKWhPerMTok: TierNumber;
  readonly co2KgPerMTok: TierNumber;
  /** Weights + KV memory needed per replica vs available, GB. */
  readonly memoryNeededGb?: TierNumber;
  readonly memoryAvailableGb?: TierNumber;
  readonly rateLimit?: RateLimitCheck;
  /** Assumptions in plain words (per-user vs shared, pricing model, overheads). */
  readonly notes: readonly string[];
}

/** Result for one tier: the best option (cheapest that meets the latency targets, else cheapest) and the rest. */
export interface TierResult {
  readonly tier: TierKind;
  readonly best: TierOption | null;
  /** Other options, cheapest first (capped at a handful). */
  readonly alternatives: readonly TierOption[];
  /** Why `best` is null or why options were excluded (e.g. `model does not fit 24 GB`). */
  readonly notes: readonly string[];
  /** Set when the tier does not suit the workload at all, in plain words (edge: `not a fit: …`). */
  readonly notAFit?: string;
}

/** Volume at which a tier's monthly cost equals the API's (null: never within the search range / no API cost). */
export interface BreakEven {
  readonly tier: Exclude<TierKind, 'api'>;
  readonly requestsPerDay: number | null;
  /** e.g. `self-hosting is cheaper above 41,000 requests/day`, or `API is cheaper at every volume up to 1e8/day`. */
  readonly note: string;
}

/** Non-throwing problems (unknown model id, missing figures). */
export interface TierDiagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** `data-gap`: a figure missing for hardware that is not in the answer (kept out of the tiers' notes). */
  readonly kind?: 'data-gap';
  readonly tier?: TierKind;
}

/** A model's score in a quality index, for the caveat beside a self-hosted model. */
export interface QualityNote {
  readonly model: string;
  /** Name in the index; absent when the index does not list the model. */
  readonly indexName?: string;
  readonly score?: number;
  readonly ci95?: number;
}

/** The quality caveat: both models in one dated index snapshot. */
export interface QualityCaveat {
  readonly index: string;
  readonly asOf: string;
  readonly scale: string;
  readonly hosted: QualityNote;
  readonly selfHosted: QualityNote;
  /** Self-hosted minus hosted, when both are scored. */
  readonly delta?: number;
  /** Share of head-to-head votes the hosted model is expected to win (Bradley–Terry: 1 / (1 + 10^(−Δ/400))). */
  readonly hostedPreferredShare?: number;
  readonly text: string;
  readonly source: TierSource;
}

/** The first line a person can act on, and its caveat. */
export interface Recommendation {
  /** e.g. `At 11,580 requests/day, the hosted API is cheapest until ~38,500/day; on-prem 2 × RTX 4090 wins above that, if Llama 3.1 8B's quality is enough for these prompts.` */
  readonly headline: string;
  /** The quality caveat (self-hosted vs hosted model) and other conditions, in plain words. */
  readonly caveat: string;
  /** The tier that is cheapest now (meeting the latency targets when set). */
  readonly cheapest: TierKind | null;
  readonly quality?: QualityCaveat;
}

/** Full comparison returned by `compareTiers`. */
export interface TierComparison {
  readonly workload: Workload;
  /** The options actually used (defaults filled in). */
  readonly options: TierOptions;
  readonly tiers: Readonly<Record<TierKind, TierResult>>;
  readonly breakEven: readonly BreakEven[];
  readonly diagnostics: readonly TierDiagnostic[];
  /** Tokens per month the workload produces (input + output), for reference. */
  readonly tokensPerMonth: number;
  /** What to do, with the quality caveat. */
  readonly recommendation?: Recommendation;
}

/** One chart series: monthly cost of a tier's best option at each requests/day point (null = not servable/n/a). */
export interface CostSeries {
  readonly tier: TierKind;
  readonly monthlyCostUsd: readonly (number | null)[];
  /** Best option label at each point (config changes with volume). */
  readonly labels: readonly (string | null)[];
}

/** Result of `costCurve`. */
export interface CostCurve {
  readonly requestsPerDay: readonly number[];
  readonly series: readonly CostSeries[];
  readonly breakEven: readonly BreakEven[];
}

/** An open-weight model in the self-host catalogue (values from model cards / config.json). */
export interface SelfHostModel {
  readonly id: string;
  readonly name: string;
  /** Total parameters, billions (all experts). */
  readonly totalParamsB: number;
  /** Parameters active per token, billions (= total for dense). */
  readonly activeParamsB: number;
  readonly layers: number;
  /** Query (attention) heads per layer, for attention FLOPs. */
  readonly attentionHeads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  /** MLP intermediate (FFN) width per layer, where a calibration rule needs it (config.json `intermediate_size`). */
  readonly intermediateSize?: number;
  /** Per-token KV bytes override for attention variants (e.g. DeepSeek MLA: compressed latent); else 2 × layers × kvHeads × headDim × bytes. */
  readonly kvElementsPerTokenOverride?: number;
  readonly contextLength: number;
  readonly licence: string;
  readonly moe: boolean;
  /** MoE: number of routed experts per layer. */
  readonly experts?: number;
  /** MoE: routed experts activated per token. */
  readonly expertsPerToken?: number;
  /** True for models kept only so calibration rows can be matched (not offered in pickers). */
  readonly calibrationOnly?: boolean;
  /** Precision the weights are published in (e.g. gpt-oss MXFP4 experts). */
  readonly nativePrecision?: string;
  /**
   * Published checkpoint whose routed-expert weights are stored in a 4-bit block format while every other weight
   * (attention, router, embeddings) stays 16-bit, with the model card's parameter split (billions). gpt-oss: MXFP4
   * experts, 4.25 bits per weight (4-bit values + one 8-bit scale per 32). Engines that load this checkpoint read these
   * bytes whatever the row's precision label says (calibration, engines.json `mxfp4Checkpoint`).
   */
  readonly blockQuantizedExperts?: {
    readonly format: 'mxfp4';
    readonly bitsPerWeight: number;
    /** Routed-expert MLP parameters, billions (stored in the block format). */
    readonly mlpParamsB: number;
    /** Attention parameters, billions (16-bit). */
    readonly attentionParamsB: number;
    /** Embedding + unembedding parameters, billions (16-bit; only the unembedding is active per token). */
    readonly embedUnembedParamsB: number;
    /** Published checkpoint size, GiB (cross-check of the byte count). */
    readonly checkpointGiB: number;
    readonly source: TierSource;
  };
  readonly source: TierSource;
}

/** Hardware in the catalogue (from gpus.csv; canonical ids per `canonicalHardwareId`). */
export interface HardwareSpec {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly category: 'datacenter_gpu' | 'consumer_gpu' | 'apple_silicon' | 'edge_soc';
  /** null: no sourced figure. */
  readonly memoryGb: number | null;
  /** Memory technology as listed (HBM3, GDDR6X, LPDDR unified…). */
  readonly memoryType?: string;
  readonly memBwGBps: number;
  readonly bf16Tflops: number | null;
  readonly fp8Tflops: number | null;
  readonly int8Tops: number | null;
  readonly tdpW: number | null;
  /** Purchase price (midpoint of a range when a range is given), null if unsourced. */
  readonly priceUsd: number | null;
  readonly priceNote?: string;
  readonly mamfBf16Tflops: number | null;
  readonly mamfFp8Tflops: number | null;
  readonly source: TierSource;
}

/** A rental offer (from rental.csv or a user quote). */
export interface RentalOffer {
  readonly provider: string;
  readonly offering: string;
  readonly hardwareId: string;
  readonly gpusPerInstance: number;
  readonly usdPerGpuHour: number;
  readonly pricing: Exclude<RentalPricing, 'any'>;
  readonly source: TierSource;
}

/** Options for `listHardware`. */
export interface HardwareFilter {
  readonly categories?: readonly HardwareSpec['category'][];
  readonly customHardware?: readonly CustomHardware[];
}
