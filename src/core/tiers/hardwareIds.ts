/**
 * THE rule for matching hardware names across the reference files (gpus.csv, rental.csv, throughput.csv, user
 * quotes). One rule, applied everywhere:
 *
 * 1. Normalise: lowercase; drop vendor/brand words (`nvidia`, `geforce`, `amd`, `instinct`, `hgx`, `dgx`, `apple`,
 *    `pro` after a datacenter part as in RunPod's "H100 PRO"); turn `/`, `_`, `(`, `)` and commas into spaces.
 * 2. Walk the alias table below in order; the first pattern that matches the normalised name gives the canonical id.
 * 3. Where a name omits the form factor, the datacenter part defaults to SXM (HGX boards are what 8-GPU rentals and
 *    MLPerf/TensorRT-LLM tables use) and A100 without memory size defaults to 80 GB — stated in docs/tiers.md.
 * 4. No match → `null`: the name is reported as unknown hardware, never guessed.
 *
 * Apple chips keep the GPU core variant only where gpus.csv distinguishes it (M3 Max 30/40, M4 Max 32/40); other
 * Apple variants map to the chip (their bandwidth comes from the row or the chip's listed figure).
 */

/** One alias rule: canonical id and the pattern tested against the normalised name. */
interface Alias {
  readonly id: string;
  readonly pattern: RegExp;
}

const ALIASES: readonly Alias[] = [
  { id: 'h100-nvl', pattern: /\bh100 nvl\b/ },
  { id: 'h100-pcie', pattern: /\bh100 pcie\b/ },
  { id: 'h100-sxm', pattern: /\bh100\b/ },
  { id: 'gh200', pattern: /\bgh200\b/ },
  { id: 'gb200', pattern: /\bgb200\b/ },
  { id: 'h200-sxm', pattern: /\bh200\b/ },
  { id: 'b200', pattern: /\bb200\b/ },
  { id: 'a100-40', pattern: /\ba100\b.*\b40 ?gb\b/ },
  { id: 'a100-pcie-80', pattern: /\ba100 pcie\b/ },
  { id: 'a100-sxm-80', pattern: /\ba100\b/ },
  { id: 'l40s', pattern: /\bl40s?\b/ },
  { id: 'l4', pattern: /\bl4\b/ },
  { id: 'a10', pattern: /\ba10g?\b/ },
  { id: 'a40', pattern: /\ba40\b/ },
  { id: 'rtx-pro-6000', pattern: /\brtx pro 6000\b/ },
  { id: 'rtx-6000-ada', pattern: /\brtx 6000 ada\b/ },
  { id: 'rtx-a6000', pattern: /\brtx a6000\b/ },
  { id: 'rtx-5090', pattern: /\b(rtx )?5090\b/ },
  { id: 'rtx-4090', pattern: /\b(rtx )?4090\b/ },
  { id: 'rtx-4080', pattern: /\b(rtx )?4080\b/ },
  { id: 'rtx-3090-ti', pattern: /\b(rtx )?3090 ti\b/ },
  { id: 'rtx-3090', pattern: /\b(rtx )?3090\b/ },
  { id: 'mi300x', pattern: /\bmi300x\b/ },
  { id: 'jetson-agx-orin-64', pattern: /\bjetson agx orin\b/ },
  { id: 'jetson-orin-nx-16', pattern: /\bjetson orin nx\b/ },
  { id: 'jetson-orin-nano-super', pattern: /\bjetson orin nano super\b/ },
  { id: 'jetson-orin-nano', pattern: /\bjetson orin nano\b/ },
  { id: 'apple-m3-max-30c', pattern: /^m3 max\b.*\b30-core\b/ },
  { id: 'apple-m4-max-32c', pattern: /^m4 max\b.*\b32-core\b/ },
  { id: 'apple-m3-max-40c', pattern: /^m3 max\b/ },
  { id: 'apple-m4-max-40c', pattern: /^m4 max\b/ },
  ...['m1', 'm2', 'm3', 'm4'].flatMap((chip) =>
    ['ultra', 'max', 'pro'].map((tier) => ({ id: `apple-${chip}-${tier}`, pattern: new RegExp(`^${chip} ${tier}\\b`) })),
  ),
  ...['m1', 'm2', 'm3', 'm4'].map((chip) => ({ id: `apple-${chip}`, pattern: new RegExp(`^${chip}\\b`) })),
];

/** Lowercases and strips brand words (step 1 of the rule). */
export function normaliseHardwareName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[/_(),]/g, ' ')
    .replace(/\b(nvidia|geforce|amd|instinct|hgx|dgx|apple)\b/g, ' ')
    .replace(/\b(h100|h200) pro\b/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Canonical hardware id for a name from any reference file or user quote, or null if unknown. */
export function canonicalHardwareId(name: string): string | null {
  const n = normaliseHardwareName(name);
  for (const a of ALIASES) if (a.pattern.test(n)) return a.id;
  return null;
}

/** Apple GPU core count from a name like `Apple M2 Ultra (76-core GPU)`, else null. */
export function appleGpuCores(name: string): number | null {
  const m = /(\d+)-core gpu/i.exec(name);
  return m ? Number(m[1]) : null;
}
