/**
 * Sums the records of every export per platform, model and day. Rows of one file that share a (day, model) are added
 * (an export grouped by a dimension it does not show has several); the same measure of the same platform and day from
 * two different files is counted once — the first file's — and a warning says so, since passing a usage JSON and the
 * CSV of the same period is the usual way to count a bill twice.
 */
import { EXPORT_DIAGNOSTIC, MEASURE_KEYS, type BilledMeasures, type BillPlatform, type MeasureKey, type ParsedExport } from '../bills/types';
import type { Diagnostic } from '../types';
import type { ModelMatcher } from './models';

/** Mutable per-day sums of billed measures. */
export type Sums = { -readonly [K in MeasureKey]?: number };

/** One billed model of a platform. */
export interface BilledModelSums {
  readonly ids: Set<string>;
  readonly perDay: Map<string, Sums>;
}

/** Everything billed on one platform. */
export interface PlatformSums {
  /** Days the exports list (buckets), with or without usage. */
  readonly listedDays: Set<string>;
  /** Days with any billed usage. */
  readonly usageDays: Set<string>;
  readonly models: Map<string, BilledModelSums>;
  readonly unattributed: Map<string, Sums>;
  readonly unmatchedNames: Set<string>;
}

function addInto(target: Map<string, Sums>, day: string, m: BilledMeasures): void {
  const s = target.get(day) ?? {};
  for (const k of MEASURE_KEYS) {
    const v = m[k];
    if (v !== undefined) s[k] = (s[k] ?? 0) + v;
  }
  target.set(day, s);
}

function platformOf(map: Map<BillPlatform, PlatformSums>, p: BillPlatform): PlatformSums {
  let s = map.get(p);
  if (!s) {
    s = { listedDays: new Set(), usageDays: new Set(), models: new Map(), unattributed: new Map(), unmatchedNames: new Set() };
    map.set(p, s);
  }
  return s;
}

/** Keeps the measures of a record that no other file already gave for its platform and day. */
function ownMeasures(owners: Map<string, string>, file: string, platform: BillPlatform, day: string, m: BilledMeasures, clash: Set<string>): BilledMeasures {
  const kept: Sums = {};
  for (const k of MEASURE_KEYS) {
    const v = m[k];
    if (v === undefined) continue;
    const cell = `${platform}\u0000${k}\u0000${day}`;
    const owner = owners.get(cell);
    if (owner === undefined) owners.set(cell, file);
    if (owner === undefined || owner === file) kept[k] = v;
    else clash.add(`${owner}\u0000${k}`);
  }
  return kept;
}

/** Cost exports: their token quantities (OpenAI line items) repeat what a usage export of the period says. */
function isCostFormat(x: ParsedExport): boolean {
  return x.format === 'openai-costs-json' || x.format === 'openai-cost-csv' || x.format === 'anthropic-cost-json' || x.format === 'anthropic-cost-csv';
}

const MEASURE_WORDS: Readonly<Record<MeasureKey, string>> = { requests: 'requests', uncachedInput: 'input tokens', cacheRead: 'cache reads', cacheWrite: 'cache writes', output: 'output tokens', cost: 'cost' };

/** Sums every export. Never throws. */
export function aggregateExports(exports: readonly ParsedExport[], matcher: ModelMatcher): { platforms: Map<BillPlatform, PlatformSums>; diagnostics: Diagnostic[] } {
  const platforms = new Map<BillPlatform, PlatformSums>();
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, string>();
  // Token counts come from usage exports first: a cost export's line-item quantities are the same tokens again.
  const ordered = [...exports].sort((a, b) => Number(isCostFormat(a)) - Number(isCostFormat(b)));
  for (const x of ordered) {
    if (!x.platform) continue;
    const p = platformOf(platforms, x.platform);
    x.days.forEach((d) => p.listedDays.add(d));
    const clash = new Set<string>();
    for (const r of x.records) {
      const m = ownMeasures(owners, x.file, r.platform, r.day, r.measures, clash);
      if (Object.keys(m).length === 0) continue;
      p.usageDays.add(r.day);
      const resolved = r.model ? matcher.resolve(r.model, r.platform) : undefined;
      if (r.model && !resolved) p.unmatchedNames.add('name' in r.model ? r.model.name : r.model.id);
      if (!resolved) {
        addInto(p.unattributed, r.day, m);
        continue;
      }
      const entry = p.models.get(resolved.key) ?? { ids: new Set<string>(), perDay: new Map<string, Sums>() };
      entry.ids.add('id' in r.model! ? r.model.id : `${r.model!.name} → ${resolved.id}`);
      addInto(entry.perDay, r.day, m);
      p.models.set(resolved.key, entry);
    }
    for (const c of clash) {
      const [owner, k] = c.split('\u0000') as [string, MeasureKey];
      if (isCostFormat(x) && k !== 'cost') continue;
      diagnostics.push({ severity: 'warning', code: EXPORT_DIAGNOSTIC, file: x.file, message: `${x.file}: ${x.platform} ${MEASURE_WORDS[k]} for days already read from ${owner}: not counted twice (if the files are different organisations or projects, export them together)` });
    }
  }
  return { platforms, diagnostics };
}
