/**
 * Public quality indexes, one data file (./data/quality.json) shared by the cheaper-model caveat (issue #22) and the
 * Tier Advisor (issue #20): the LMArena text leaderboard snapshot (hosted and open models) and the Open LLM
 * Leaderboard v2 (open models only). A model is found only by an id that names exactly the scored model; anything
 * else is unknown. Scores compare models within one snapshot only.
 */
import type { Provenance, QualityScore } from '../types';
import { parseModelId, withoutRegion } from './modelIds';
import data from './data/quality.json';

/** The indexes in the data file. */
export type QualityIndexId = 'lmarena' | 'openLlmV2';

/** What an index is, when it was taken and where it comes from. */
export interface QualityIndexInfo {
  readonly id: QualityIndexId;
  readonly name: string;
  readonly asOf: string;
  readonly scale: string;
  readonly source: Provenance;
}

interface ArenaRecord { readonly name: string; readonly ids: readonly string[]; readonly score: number; readonly ci95: number | null }
interface OllRecord { readonly name: string; readonly ids: readonly string[]; readonly averageNormalized: number }

const ARENA = data.indexes.lmarena.models as unknown as readonly ArenaRecord[];
const OLL = data.indexes.openLlmV2.models as unknown as readonly OllRecord[];

function info(id: QualityIndexId): QualityIndexInfo {
  const i = data.indexes[id];
  return { id, name: i.name, asOf: i.asOf, scale: i.scale, source: { source: 'bundled', label: `${i.name} (snapshot ${i.asOf})`, file: 'src/core/models/data/quality.json', date: i.asOf, rule: i.source } };
}

/** The index descriptions (name, snapshot date, scale, source). */
export const QUALITY_INDEXES: Readonly<Record<QualityIndexId, QualityIndexInfo>> = { lmarena: info('lmarena'), openLlmV2: info('openLlmV2') };

function index<T extends { readonly ids: readonly string[] }>(records: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const r of records) for (const id of r.ids) m.set(id.toLowerCase(), r);
  return m;
}
const ARENA_BY_ID = index(ARENA);
const OLL_BY_ID = index(OLL);

/** The ids a model as written may be listed under: as written, without a provider prefix or a Bedrock region. */
function lookupIds(modelId: string): string[] {
  const p = parseModelId(modelId);
  return [...new Set([p.raw, p.bare, withoutRegion(p.bare)])];
}

/**
 * A model's score in an index (default LMArena text), or undefined when the snapshot does not list that exact model.
 * For the Open LLM Leaderboard the score is the mean normalised benchmark score (0–100).
 */
export function qualityOf(modelId: string, indexId: QualityIndexId = 'lmarena'): QualityScore | undefined {
  const key = `${indexId}\u0000${modelId}`;
  if (!memo.has(key)) {
    if (memo.size > 5000) memo.clear();
    memo.set(key, lookup(modelId, indexId));
  }
  return memo.get(key);
}
const memo = new Map<string, QualityScore | undefined>();

function lookup(modelId: string, indexId: QualityIndexId): QualityScore | undefined {
  for (const id of lookupIds(modelId)) {
    if (indexId === 'lmarena') {
      const r = ARENA_BY_ID.get(id);
      if (r) return { name: r.name, score: r.score, ...(r.ci95 !== null ? { ci95: r.ci95 } : {}) };
    } else {
      const r = OLL_BY_ID.get(id);
      if (r) return { name: r.name, score: r.averageNormalized };
    }
  }
  return undefined;
}
