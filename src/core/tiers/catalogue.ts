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

/**
 * Latency records for an API provider/model. Matching: provider names and model names are compared with
 * non-alphanumerics removed; a record matches when its squashed model equals, or starts with, the squashed API
 * model id (so `gpt-4o` matches `GPT-4o (May '24)`). Newest-looking records are not preferred; all are returned.
 */
export function apiLatencyFor(provider: string, model: string): readonly ApiLatencyRecord[] {
  const p = squash(provider);
  const m = squash(model);
  const recs = apiLatencyData.records as unknown as readonly ApiLatencyRecord[];
  return recs.filter((r) => {
    const rp = squash(r.provider);
    const rm = squash(r.model);
    return (rp === p || rp.startsWith(p)) && m.length > 0 && (rm === m || rm.startsWith(m));
  });
}

/** Facility figures (electricity, PUE, colocation, amortisation) from rental.csv, for the options picker. */
export function listFacilityFigures(): readonly { category: string; provider: string; value: number | null; valueText: string; region: string; source: TierSource }[] {
  return facilityData.records as unknown as readonly { category: string; provider: string; value: number | null; valueText: string; region: string; source: TierSource }[];
}
