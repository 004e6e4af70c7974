/**
 * Catalogue access: open-weight models, hardware, rental offers and API latency, all read from the committed
 * data files in ./data (built from ../shared/reference by scripts/buildTierData.ts; models.json by hand from
 * config.json values). Pure: the JSON is bundled, nothing is read at run time.
 */
import hardwareData from './data/hardware.json';
import hardwareSupplementData from './data/hardwareSupplement.json';
import rentalsData from './data/rentals.json';
import modelsData from './data/models.json';
import apiLatencyData from './data/apiLatency.json';
import apiLatencySupplementData from './data/apiLatencySupplement.json';
import ccData from './data/computeCapability.json';
import appleGpuData from './data/appleGpu.json';
import facilityData from './data/facility.json';
import { appleGpuCores, canonicalHardwareId } from './hardwareIds';
import type { CustomHardware, HardwareFilter, HardwareSpec, RentalOffer, SelfHostModel, TierSource } from './types';

export { canonicalHardwareId } from './hardwareIds';

const MODELS = modelsData.records as unknown as readonly SelfHostModel[];
// gpus.csv first; the supplement only adds ids gpus.csv lacks (never overrides a reference figure).
const HARDWARE = [
  ...(hardwareData.records as unknown as (HardwareSpec & { notes?: string })[]),
  ...(hardwareSupplementData.records as unknown as (HardwareSpec & { notes?: string })[]).filter((s) => !hardwareData.records.some((h) => h.id === s.id)),
] as readonly (HardwareSpec & { notes?: string })[];
const RENTALS = rentalsData.records as unknown as readonly RentalOffer[];

/** Self-hostable open-weight models for pickers (calibration-only entries excluded). */
export function listSelfHostModels(): readonly SelfHostModel[] {
  return MODELS.filter((m) => !m.calibrationOnly);
}

/** Any catalogue model by id (including calibration-only ones), or undefined. */
export function getSelfHostModel(id: string): SelfHostModel | undefined {
  return MODELS.find((m) => m.id === id);
}

/** Converts a user-added GPU (price book) into a catalogue entry; its id is `custom:<canonical id or name>`. */
function fromCustom(c: CustomHardware): HardwareSpec {
  const id = `custom:${canonicalHardwareId(c.name) ?? c.name.toLowerCase().replace(/\s+/g, '-')}`;
  return {
    id,
    name: c.name,
    vendor: 'custom',
    category: c.category,
    memoryGb: c.memoryGb,
    memBwGBps: c.memBwGBps,
    bf16Tflops: c.bf16Tflops ?? null,
    fp8Tflops: c.fp8Tflops ?? null,
    int8Tops: null,
    tdpW: c.tdpW ?? null,
    priceUsd: c.priceUsd ?? null,
    mamfBf16Tflops: null,
    mamfFp8Tflops: null,
    source: c.source ?? { label: `team price book: ${c.name}`, quality: 'user' },
  };
}

/** Hardware for pickers: gpus.csv entries plus user-added GPUs, optionally filtered by category. */
export function listHardware(filter?: HardwareFilter): readonly HardwareSpec[] {
  const all: HardwareSpec[] = [...HARDWARE, ...(filter?.customHardware ?? []).map(fromCustom)];
  return filter?.categories ? all.filter((h) => filter.categories?.includes(h.category)) : all;
}

/** CUDA compute capability (SM version, e.g. 9.0) of a hardware id from computeCapability.json, or null. */
export function computeCapabilityOf(hardwareId: string): number | null {
  const rec = ccData.records.find((d) => d.members.includes(hardwareId));
  return rec ? Number(rec.sm) : null;
}

/** Hardware by canonical id (gpus.csv only), or undefined. */
export function getHardware(id: string): HardwareSpec | undefined {
  return HARDWARE.find((h) => h.id === id);
}

/** All rental offers from rental.csv (superseded AWS pre-cut price excluded at build time). */
export function listRentalOffers(): readonly RentalOffer[] {
  return RENTALS;
}

/**
 * Apple GPU dense FP32/FP16 TFLOPS for a chip: per-core rate × cores, or null when no sourced rate exists for that
 * generation. M1/M2 rates are Apple's own figures; M3/M4 are derived from ALU count × clock (appleGpu.json). A record
 * with `idPrefix` (e.g. the M4 Max's higher clock) wins over the family record. Cores come from the name, else from
 * the gpus.csv notes.
 */
export function appleGpuTflops(hardwareName: string, hardwareId: string): { tflops: number; source: TierSource } | null {
  const fam = /^apple-(m\d)/.exec(hardwareId)?.[1];
  const recs = appleGpuData.records as readonly { family: string; idPrefix?: string; tflopsPerCore: number; source: unknown }[];
  const rec = recs.find((r) => r.family === fam && r.idPrefix !== undefined && hardwareId.startsWith(r.idPrefix)) ?? recs.find((r) => r.family === fam && r.idPrefix === undefined);
  if (!rec) return null;
  const hw = getHardware(hardwareId);
  const cores = appleGpuCores(hardwareName) ?? (hw && 'notes' in hw ? Number(/GPU cores (\d+)/.exec((hw as { notes?: string }).notes ?? '')?.[1] ?? NaN) : NaN);
  if (!Number.isFinite(cores)) return null;
  return { tflops: rec.tflopsPerCore * cores, source: rec.source as TierSource };
}

/** One API latency record (api_latency.csv). */
export interface ApiLatencyRecord {
  readonly provider: string;
  readonly model: string;
  readonly outputTokensPerSec: number | null;
  readonly ttftS: number | null;
  readonly ttftP95S: number | null;
  readonly statistic: string;
  readonly workload: string;
  readonly source: TierSource;
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// api_latency.csv first, then the records added from sourced pages (apiLatencySupplement.json).
const API_LATENCY = [
  ...(apiLatencyData.records as unknown as readonly ApiLatencyRecord[]),
  ...(apiLatencySupplementData.records as unknown as readonly ApiLatencyRecord[]),
] as readonly ApiLatencyRecord[];
const PROVIDER_ALIASES = apiLatencySupplementData.providerAliases as Readonly<Record<string, readonly string[]>>;

/**
 * The part of a model name that identifies the model, squashed: lower case, without a parenthesised qualifier
 * (`GPT-4o (May '24)`, `gpt-oss-120B (low)`), an `owner/` path, a Bedrock `vendor.` prefix and `-v1:0` version, a dated
 * snapshot suffix (`-2024-07-18`, `-20241022`, `@20241022`) or `-latest`, and without punctuation.
 * `gpt-4o-mini-2024-07-18` → `gpt4omini`; `anthropic.claude-3-5-haiku-20241022-v1:0` → `claude35haiku`.
 */
const REASONING_QUALIFIER = /reason|think|effort|\b(minimal|low|medium|high|max)\b/;

export function apiModelKey(model: string): string {
  // A bracketed qualifier is dropped (`(May '24)`), except a reasoning setting: `GPT-5 (minimal reasoning)` and
  // `gpt-oss-120B (low)` are that model at one effort, whose time to first token differs from the default's.
  let m = model.trim().toLowerCase().replace(/\s*\((.*)\)\s*$/, (_m: string, q: string) => (REASONING_QUALIFIER.test(q) ? ` ${q}` : ''));
  m = m.slice(m.lastIndexOf('/') + 1);
  m = m.replace(/^([a-z]+\.)+(?=[a-z])/, '').replace(/-v\d+(:\d+)?$/, '');
  m = m.replace(/[-_@:](\d{4}-\d{2}-\d{2}|\d{8})$/, '').replace(/[-_:]latest$/, '');
  return squash(m);
}

/**
 * Latency records for an API provider/model. Provider: the record's squashed provider equals or starts with the
 * squashed provider id or one of its aliases (apiLatencySupplement.json `providerAliases`: `azure-openai` → Microsoft
 * Azure, `bedrock` → Amazon Bedrock, `google` → Google AI Studio / Vertex), so `Amazon Bedrock (latency optimized)`
 * is a Bedrock record. Model: the model keys ({@link apiModelKey}) must be equal, never a prefix of each other — a
 * GPT-4o record is not a gpt-4o-mini figure, and a dated snapshot id finds its model's records. Primary sources first,
 * then secondary and tertiary, each in file order.
 */
export function apiLatencyFor(provider: string, model: string): readonly ApiLatencyRecord[] {
  const names = [provider, ...(PROVIDER_ALIASES[provider.trim().toLowerCase()] ?? [])].map(squash).filter((n) => n.length > 0);
  const m = apiModelKey(model);
  if (m.length === 0 || names.length === 0) return [];
  const rank = (r: ApiLatencyRecord): number => {
    const i = ['primary', 'secondary', 'tertiary'].indexOf(r.source.quality ?? '');
    return i < 0 ? 3 : i;
  };
  return API_LATENCY.filter((r) => {
    const rp = squash(r.provider);
    return names.some((n) => rp === n || rp.startsWith(n)) && apiModelKey(r.model) === m;
  })
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((x) => x.r);
}

/** Facility figures (electricity, PUE, colocation, amortisation) from rental.csv, for the options picker. */
export function listFacilityFigures(): readonly { category: string; provider: string; value: number | null; valueText: string; region: string; source: TierSource }[] {
  return facilityData.records as unknown as readonly { category: string; provider: string; value: number | null; valueText: string; region: string; source: TierSource }[];
}
