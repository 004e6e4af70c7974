/**
 * Model lifecycle: published deprecation and shutdown dates with the provider's replacement, keyed by the platform
 * that serves the call (Anthropic's dates are not Bedrock's; Bedrock's differ by region). Data:
 * ./data/lifecycle.json (one row per platform and model, each with its source page and snapshot date). Pure.
 */
import type { Provenance, Provider } from '../types';
import { parseModelId, withoutRegion } from './modelIds';
import data from './data/lifecycle.json';

/** A platform key of lifecycle.json. */
export type Platform = 'openai' | 'anthropic' | 'gemini-api' | 'vertex-ai' | 'bedrock' | 'mistral' | 'cohere';

/** One row of lifecycle.json. */
export interface LifecycleRow {
  readonly platform: Platform;
  readonly model: string;
  readonly aliases?: readonly string[];
  readonly announced: string | null;
  readonly shutdown: string | null;
  readonly shutdownAsWritten: string;
  readonly replacement: string | null;
  readonly replacementIds: readonly string[];
  readonly source: string;
  readonly regions?: string;
  readonly note?: string;
}

/** A row that applies on a given day, with its status then. */
export interface LifecycleMatch {
  readonly row: LifecycleRow;
  /** Set when the id called is an alias of the row's snapshot (`gpt-5` → `gpt-5-2025-08-07`). */
  readonly alias?: { readonly of: string; readonly source: Provenance };
  readonly status: 'retired' | 'deprecated' | 'scheduled';
  /** Days from the day asked about to the shutdown (negative once past). */
  readonly daysLeft?: number;
  readonly source: Provenance;
}

const ROWS = data.models as unknown as readonly LifecycleRow[];
const SOURCES = data.sources as Readonly<Record<string, { url: string | null; title: string; snapshot: string }>>;
const NAMES = data.platforms as Readonly<Record<Platform, string>>;
const ALIASES = data.aliasOf as unknown as { readonly source: { title: string; url: string; snapshot: string } } & Partial<Record<Platform, Readonly<Record<string, string>>>>;
const aliasSource: Provenance = { source: 'bundled', label: `${ALIASES.source.title} (${ALIASES.source.snapshot})`, file: 'src/core/models/data/lifecycle.json', rule: ALIASES.source.url };

/** The platform's name for people (`Amazon Bedrock`). */
export function platformName(p: Platform): string {
  return NAMES[p];
}

/** The date lifecycle.json was compiled. */
export const LIFECYCLE_COMPILED: string = data.compiled;

/** Rows by platform and lower-cased id or alias, built once. */
const INDEX = (() => {
  const m = new Map<string, LifecycleRow>();
  for (const r of ROWS) for (const id of [r.model, ...(r.aliases ?? [])]) m.set(`${r.platform}\u0000${id.toLowerCase()}`, r);
  return m;
})();

/** genai-prices provider ids → the lifecycle platforms that bill them directly. */
const BY_TABLE_PROVIDER: Readonly<Record<string, readonly Platform[]>> = {
  openai: ['openai'],
  anthropic: ['anthropic'],
  google: ['gemini-api', 'vertex-ai'],
  aws: ['bedrock'],
  mistral: ['mistral'],
  cohere: ['cohere'],
};

/**
 * The platforms whose dates apply to a call: the serving provider's own (Bedrock for a Bedrock call, never
 * Anthropic's); for a router (LiteLLM, LangChain, the AI SDK: provider `other`) the provider its id prefix names, else
 * the vendor that prices the model. Azure OpenAI, Claude on Vertex and hosts of open models publish schedules that
 * are not in the data: none (unknown, not "not deprecated").
 */
export function platformsFor(provider: Provider, modelId: string, tableProvider?: string): readonly Platform[] {
  const raw = modelId.trim().toLowerCase();
  const claude = /(^|[./])claude/.test(raw);
  switch (provider) {
    case 'openai':
      return ['openai'];
    case 'anthropic':
      return ['anthropic'];
    case 'bedrock':
      return ['bedrock'];
    case 'google':
      return claude ? [] : ['gemini-api', 'vertex-ai'];
    case 'mistral':
      return ['mistral'];
    case 'cohere':
      return ['cohere'];
    case 'other': {
      if (/^vertex_ai\//.test(raw)) return claude ? [] : ['vertex-ai'];
      if (/^gemini\//.test(raw)) return ['gemini-api'];
      const prefix = parseModelId(raw).prefixProvider;
      return BY_TABLE_PROVIDER[prefix ?? tableProvider ?? ''] ?? [];
    }
    default:
      return [];
  }
}

/** Ids to try for a model as written: wrappers removed, Bedrock region prefix removed, Vertex `@version` and fine-tune forms. */
function candidateIds(modelId: string): string[] {
  const parsed = parseModelId(modelId);
  const bare = withoutRegion(parsed.bare);
  const ids = [parsed.bare, bare];
  // Vertex AI's `text-bison@002`: the page lists the model (`text-bison`) for every version.
  const at = bare.indexOf('@');
  if (at > 0) ids.push(bare.slice(0, at));
  // OpenAI fine-tunes `ft:gpt-3.5-turbo-0613:org::id`: the page's fine-tune table names `ft-gpt-3.5-turbo`.
  const ft = /^ft:([^:]+)/.exec(parsed.raw);
  if (ft) ids.push(`ft-${ft[1]}`, `ft-${ft[1]!.replace(/-\d{4}$/, '')}`);
  return [...new Set(ids)];
}

const DAY_MS = 86_400_000;

/** The status of a row on `day` (ISO date), or undefined when nothing is announced or scheduled yet on that day. */
function statusOn(row: LifecycleRow, day: string): Omit<LifecycleMatch, 'row' | 'source'> | undefined {
  const daysLeft = row.shutdown ? Math.round((Date.parse(row.shutdown) - Date.parse(day)) / DAY_MS) : undefined;
  if (daysLeft !== undefined && daysLeft <= 0) return { status: 'retired', daysLeft };
  const dated = daysLeft !== undefined ? { daysLeft } : {};
  if (row.announced) return row.announced <= day ? { status: 'deprecated', ...dated } : undefined;
  // No notice date: a published shutdown date is a schedule; an undated listing with a replacement is a deprecation.
  if (daysLeft !== undefined) return { status: 'scheduled', daysLeft };
  return row.replacement ? { status: 'deprecated' } : undefined;
}

/** The provenance of a row: the provider's page, its snapshot date and our data file. */
export function rowSource(row: LifecycleRow): Provenance {
  const s = SOURCES[row.source];
  const snapshot = s?.snapshot ?? 'unknown date';
  // `2026-09 (undated copy; …)`: the label keeps the date, the data file keeps the rest.
  const short = /^\d{4}(-\d{2}){0,2}/.exec(snapshot)?.[0] ?? snapshot;
  return {
    source: 'bundled',
    label: `${s?.title ?? row.source} (copy of ${short})`,
    file: 'src/core/models/data/lifecycle.json',
    ...(/^\d{4}-\d{2}-\d{2}$/.test(snapshot) ? { date: snapshot } : {}),
    ...(s?.url ? { rule: s.url } : {}),
  };
}

/** The rows that apply to a model on the given platforms on `day` (ISO date), most severe first. Never throws. */
export function lifecycleOf(modelId: string, platforms: readonly Platform[], day: string): LifecycleMatch[] {
  const out: LifecycleMatch[] = [];
  const ids = candidateIds(modelId);
  for (const p of platforms) {
    let row = ids.map((id) => INDEX.get(`${p}\u0000${id}`)).find((r) => r !== undefined);
    let alias: LifecycleMatch['alias'];
    if (!row) {
      const target = ids.map((id) => ALIASES[p]?.[id]).find((t) => t !== undefined);
      row = target ? INDEX.get(`${p}\u0000${target}`) : undefined;
      if (row && target) alias = { of: target, source: aliasSource };
    }
    const st = row ? statusOn(row, day) : undefined;
    if (row && st) out.push({ row, ...st, ...(alias ? { alias } : {}), source: rowSource(row) });
  }
  // Most severe first; among equals, one that names a replacement, then the earliest shutdown.
  const rank = { retired: 0, deprecated: 1, scheduled: 2 } as const;
  return out.sort((a, b) => rank[a.status] - rank[b.status] || Number(!a.row.replacement) - Number(!b.row.replacement) || (a.row.shutdown ?? '9999').localeCompare(b.row.shutdown ?? '9999'));
}

/** True when the model is retired or deprecated on that platform on `day` (a model not to suggest). */
export function isWithdrawn(modelId: string, platform: Platform, day: string): boolean {
  const key = `${platform}\u0000${modelId}\u0000${day}`;
  let hit = withdrawnMemo.get(key);
  if (hit === undefined) {
    hit = lifecycleOf(modelId, [platform], day).some((m) => m.status !== 'scheduled');
    if (withdrawnMemo.size > 5000) withdrawnMemo.clear();
    withdrawnMemo.set(key, hit);
  }
  return hit;
}
const withdrawnMemo = new Map<string, boolean>();

/** The platform whose ids a vendor's pool uses (Gemini suggestions are Gemini API ids), or undefined. */
export function platformOfVendor(tableProvider: string): Platform | undefined {
  return BY_TABLE_PROVIDER[tableProvider]?.[0];
}
