/**
 * Converts ../shared/reference/{gpus,rental,api_latency}.csv into src/core/tiers/data/*.json (committed).
 * Run: `npx tsx scripts/buildTierData.ts [referenceDir]`. Hardware names are matched with the one rule in
 * src/core/tiers/hardwareIds.ts; rows whose hardware has no canonical id are skipped and listed.
 * Blank cells stay null ("n/a — no source"); nothing is filled in here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCsvRecords, parseNumberCell } from '../src/core/tiers/csv';
import { canonicalHardwareId } from '../src/core/tiers/hardwareIds';

const repoRoot = path.resolve(__dirname, '..');
const refDir = process.argv[2] ?? path.resolve(repoRoot, '..', 'shared', 'reference');
const outDir = path.join(repoRoot, 'src', 'core', 'tiers', 'data');
const BUILT = '2026-11-23';

function read(name: string): Record<string, string>[] {
  return parseCsvRecords(readFileSync(path.join(refDir, name), 'utf8'));
}

function quality(q: string): string | undefined {
  const m = /^(primary|secondary|tertiary)/.exec(q);
  return m ? m[1] : undefined;
}

const skipped: string[] = [];

const hardware = read('gpus.csv').flatMap((r) => {
  const id = canonicalHardwareId(r.name);
  if (!id) {
    skipped.push(`gpus.csv: ${r.name}`);
    return [];
  }
  const bw = parseNumberCell(r.mem_bw_gbps);
  if (bw === null) {
    skipped.push(`gpus.csv: ${r.name} (no bandwidth)`);
    return [];
  }
  // RTX 3090's cell reads "71 (FP32 acc) / 142 (FP16 acc)": take the FP32-accumulate figure like the other GeForce rows.
  const bf16 = r.bf16_dense_tflops.includes('FP32 acc') ? parseNumberCell(r.bf16_dense_tflops.split('(')[0]) : parseNumberCell(r.bf16_dense_tflops);
  // TDP "7-25" (Jetson power modes) is a range of modes, not an uncertainty: keep the top mode.
  const tdpRange = /^(\d+)-(\d+)$/.exec(r.tdp_w);
  return [
    {
      id,
      name: r.name,
      vendor: r.vendor,
      category: r.category,
      memoryGb: parseNumberCell(r.memory_gb),
      memoryType: r.memory_type || undefined,
      memBwGBps: bw,
      bf16Tflops: bf16,
      fp8Tflops: parseNumberCell(r.fp8_dense_tflops),
      int8Tops: parseNumberCell(r.int8_dense_tops),
      tdpW: tdpRange ? Number(tdpRange[2]) : parseNumberCell(r.tdp_w),
      priceUsd: parseNumberCell(r.price_usd),
      priceNote: r.price_note || undefined,
      mamfBf16Tflops: parseNumberCell(r.measured_mamf_bf16_tflops),
      mamfFp8Tflops: parseNumberCell(r.measured_mamf_fp8_tflops),
      // gpus.csv has no source_quality column: the ref itself says which parts are secondary.
      source: { label: `gpus.csv: ${r.name}`, ref: r.source, date: BUILT },
      notes: r.notes || undefined,
    },
  ];
});

function pricingOf(model: string): 'on-demand' | 'spot' | 'reserved' {
  const m = model.toLowerCase();
  if (/interruptible|spot/.test(m)) return 'spot';
  if (/reserved|capacity block/.test(m) && !/labels it/.test(m)) return 'reserved';
  return 'on-demand';
}

const rentalRows = read('rental.csv');
const rentals = rentalRows
  .filter((r) => r.category === 'gpu_rental')
  .flatMap((r) => {
    const id = canonicalHardwareId(r.gpu);
    const price = parseNumberCell(r.price_usd_per_gpu_hour);
    if (!id || price === null) {
      skipped.push(`rental.csv: ${r.provider} ${r.offering} ${r.gpu} ${id ? '(no price)' : '(unknown hardware)'}`);
      return [];
    }
    if (/^before /i.test(r.as_of)) {
      skipped.push(`rental.csv: ${r.provider} ${r.offering} (superseded: ${r.as_of})`);
      return [];
    }
    return [
      {
        provider: r.provider,
        offering: r.offering,
        hardwareId: id,
        gpusPerInstance: parseNumberCell(r.gpus_per_instance) ?? 1,
        usdPerGpuHour: price,
        pricing: pricingOf(r.pricing_model),
        source: { label: `rental.csv: ${r.provider} ${r.offering} (${r.pricing_model}; ${r.price_usd_per_gpu_hour} $/GPU-h)`, ref: r.source, date: r.as_of, quality: quality(r.source_quality) },
      },
    ];
  });

const facility = rentalRows
  .filter((r) => r.category !== 'gpu_rental')
  .map((r) => ({
    category: r.category,
    provider: r.provider,
    what: r.offering,
    value: parseNumberCell(r.value),
    valueText: r.value,
    unit: r.unit,
    region: r.region,
    source: { label: `rental.csv: ${r.category} ${r.provider} ${r.region} ${r.as_of}`.replace(/\s+/g, ' '), ref: r.source, date: r.as_of, quality: quality(r.source_quality) },
  }));

const apiLatency = read('api_latency.csv').map((r) => ({
  provider: r.provider,
  model: r.model,
  outputTokensPerSec: parseNumberCell(r.output_tokens_per_s),
  ttftS: parseNumberCell(r.ttft_s),
  ttftP95S: parseNumberCell(r.ttft_p95_s),
  statistic: r.statistic,
  workload: r.workload,
  source: { label: `api_latency.csv: ${r.provider} ${r.model}`, ref: r.source, date: r.as_of, quality: quality(r.source_quality) },
}));

function write(name: string, records: unknown[]): void {
  const body = { builtFrom: `../shared/reference (compiled 2026-11-23) by scripts/buildTierData.ts`, built: BUILT, records };
  writeFileSync(path.join(outDir, name), JSON.stringify(body, null, 1) + '\n');
}

write('hardware.json', hardware);
write('rentals.json', rentals);
write('facility.json', facility);
write('apiLatency.json', apiLatency);
process.stdout.write(`hardware ${hardware.length}, rentals ${rentals.length}, facility ${facility.length}, apiLatency ${apiLatency.length}\nskipped:\n  ${skipped.join('\n  ')}\n`);
