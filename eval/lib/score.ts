/**
 * Matching scanner sites to labels and the score arithmetic of eval/README.md ("Scores"). Pure: the callers read the
 * label files and run the scanner.
 *
 * Matching is exact, with no tolerance: a scanner site matches a labelled site when both name the same file, the same
 * line and (in a notebook) the same cell. When several labels and several scanner sites share one line, they pair up
 * one to one (a label takes a scanner site with its model first), so k labels and k' sites give min(k, k') matches.
 */
import { isNotebookPath, isTestPath, type LabelFile, type SiteLabel, type TrapLabel } from './labels';

export { isTestPath };

/** What the evaluation needs of one scanner site (a slice of the report's `CallSite`). */
export interface ScanSite {
  readonly file: string;
  /** 1-based line of the called method's name (in the cell, for notebooks). */
  readonly line: number;
  readonly cell?: number;
  /** Last line of the whole call expression (for the audit's range cover), when known. */
  readonly endLine?: number;
  readonly startLine?: number;
  readonly provider: string;
  readonly via: string;
  readonly api: string;
  readonly method: string;
  /** The model id as written in code, or null when unresolved. */
  readonly model: string | null;
  /** The normalised id the scanner prices with, or null. */
  readonly canonical: string | null;
}

export interface Matched {
  readonly repo: string;
  readonly file: string;
  readonly label: SiteLabel;
  readonly site: ScanSite;
  /** `n/a` when the label names no model. */
  readonly model: 'right' | 'wrong' | 'n/a';
}
export interface Miss {
  readonly repo: string;
  readonly file: string;
  readonly label: SiteLabel;
}
export interface FalseSite {
  readonly repo: string;
  readonly file: string;
  readonly site: ScanSite;
  /** The trap on that line, when a labeller marked one. */
  readonly trap?: TrapLabel;
}
export interface RepoMatch {
  readonly repo: string;
  readonly frozen: boolean;
  readonly matched: readonly Matched[];
  readonly misses: readonly Miss[];
  readonly falseSites: readonly FalseSite[];
  /** Scanner sites in files nobody labelled: not scored. */
  readonly unscored: number;
}

/**
 * Provider prefixes ignored when comparing model ids (`models/gemini-2.0-flash`, `openai/gpt-4o`, `openai:gpt-4o`).
 * Kept here, apart from the engine's own normalisation, so the score does not lean on the code it measures.
 */
const MODEL_PREFIXES = [
  'models', 'openai', 'azure', 'azure_openai', 'anthropic', 'google', 'google_genai', 'google_vertexai', 'gemini', 'vertex_ai',
  'vertex', 'bedrock', 'bedrock_converse', 'mistral', 'mistralai', 'cohere', 'groq', 'together', 'together_ai', 'togetherai',
  'fireworks', 'fireworks_ai', 'deepseek', 'openrouter', 'xai', 'x-ai', 'ollama', 'ollama_chat', 'huggingface',
];
const PREFIX_RE = new RegExp(`^(?:${MODEL_PREFIXES.map((p) => p.replace(/[-]/g, '\\-')).join('|')})[/:]`);

/** Lower case, trimmed, with any leading provider prefixes removed. */
export function normaliseModel(id: string): string {
  let s = id.trim().toLowerCase();
  for (let i = 0; i < 4 && PREFIX_RE.test(s); i++) s = s.replace(PREFIX_RE, '');
  return s;
}

/** The label's model equals the scanner's id as written or its canonical id, after {@link normaliseModel}. */
export function modelMatches(label: string, site: Pick<ScanSite, 'model' | 'canonical'>): boolean {
  const want = normaliseModel(label);
  return [site.model, site.canonical].some((m) => m !== null && normaliseModel(m) === want);
}

const key = (file: string, cell: number | undefined, line: number) => `${file}\u0000${cell ?? ''}\u0000${line}`;

/** Matches one repository's scanner sites against its labels. */
export function matchRepo(labels: LabelFile, sites: readonly ScanSite[]): RepoMatch {
  const repo = labels.repo;
  const labelled = new Set(labels.files.map((f) => f.path));
  const byKey = new Map<string, ScanSite[]>();
  let unscored = 0;
  for (const s of sites) {
    if (!labelled.has(s.file)) {
      unscored++;
      continue;
    }
    // A notebook site without a cell (or a plain file's site with one) can only match a label of the same shape.
    const k = key(s.file, isNotebookPath(s.file) ? s.cell : undefined, s.line);
    const list = byKey.get(k);
    if (list) list.push(s);
    else byKey.set(k, [s]);
  }
  const matched: Matched[] = [];
  const misses: Miss[] = [];
  const falseSites: FalseSite[] = [];
  for (const f of labels.files) {
    // Labels sharing a line take that line's scanner sites one each: first the pairs whose models agree, then in order.
    const groups = new Map<string, SiteLabel[]>();
    for (const label of f.sites) {
      const k = key(f.path, label.cell, label.line);
      groups.set(k, [...(groups.get(k) ?? []), label]);
    }
    for (const [k, group] of groups) {
      const pool = byKey.get(k) ?? [];
      const pairs = new Map<SiteLabel, ScanSite>();
      for (const label of group) {
        const wanted = label.model;
        const i = wanted === null ? -1 : pool.findIndex((s) => modelMatches(wanted, s));
        if (i >= 0) pairs.set(label, pool.splice(i, 1)[0] as ScanSite);
      }
      for (const label of group) {
        if (!pairs.has(label) && pool.length) pairs.set(label, pool.shift() as ScanSite);
        const site = pairs.get(label);
        if (!site) {
          misses.push({ repo, file: f.path, label });
          continue;
        }
        matched.push({ repo, file: f.path, label, site, model: label.model === null ? 'n/a' : modelMatches(label.model, site) ? 'right' : 'wrong' });
      }
    }
  }
  for (const f of labels.files) {
    const traps = new Map(f.traps.map((t) => [key(f.path, t.cell, t.line), t]));
    for (const [k, pool] of byKey) {
      if (!k.startsWith(`${f.path}\u0000`)) continue;
      for (const site of pool) {
        const trap = traps.get(k);
        falseSites.push({ repo, file: f.path, site, ...(trap ? { trap } : {}) });
      }
    }
  }
  const order = (a: { file: string; line: number; cell?: number }, b: { file: string; line: number; cell?: number }) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line;
  misses.sort((a, b) => order({ file: a.file, ...a.label }, { file: b.file, ...b.label }));
  falseSites.sort((a, b) => order(a.site, b.site));
  return { repo, frozen: labels.frozen, matched, misses, falseSites, unscored };
}

// ---------------------------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------------------------

/** Counts behind one row of the table. */
export interface Tally {
  /** Labelled sites (the recall denominator). */
  sites: number;
  /** Labelled sites the scanner reported (the recall numerator). */
  found: number;
  /** Scanner sites in labelled files (the precision denominator). */
  scanner: number;
  /** Scanner sites that match a labelled site (the precision numerator). */
  truePositive: number;
  /** Scanner sites that match no labelled site (of them on a trap's line: `trapHits`). */
  falseSites: number;
  trapHits: number;
  /** Matched sites whose label names a model (the model-accuracy denominator). */
  modelLabelled: number;
  modelRight: number;
}

export const emptyTally = (): Tally => ({ sites: 0, found: 0, scanner: 0, truePositive: 0, falseSites: 0, trapHits: 0, modelLabelled: 0, modelRight: 0 });

/** A ratio, or null when the denominator is 0 (printed as "—"). */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}
export const recall = (t: Tally): number | null => ratio(t.found, t.sites);
export const precision = (t: Tally): number | null => ratio(t.truePositive, t.scanner);
export const modelAccuracy = (t: Tally): number | null => ratio(t.modelRight, t.modelLabelled);

export const DIMENSIONS = ['language', 'provider', 'via', 'api', 'repository'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Summary {
  readonly repos: number;
  readonly files: number;
  readonly traps: number;
  /** Every site. */
  readonly all: Tally;
  /** Sites outside test code, and sites in test code (label `test: true`; a false site by its path). */
  readonly nonTest: Tally;
  readonly test: Tally;
  /** Rows by dimension, sorted by labelled sites (most first), then name. */
  readonly by: Readonly<Record<Dimension, readonly { readonly name: string; readonly tally: Tally }[]>>;
}

/** The language of a file, by extension, for the table. */
export function languageOfFile(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'py' || ext === 'pyi') return 'python';
  if (ext === 'ipynb') return 'notebook';
  if (['ts', 'tsx', 'mts', 'cts'].includes(ext)) return 'typescript';
  if (['js', 'jsx', 'mjs', 'cjs'].includes(ext)) return 'javascript';
  if (ext === 'vue' || ext === 'svelte') return ext;
  if (ext === 'sh' || ext === 'bash' || ext === 'zsh') return 'shell';
  const more: Record<string, string> = { go: 'go', java: 'java', kt: 'kotlin', cs: 'csharp', rb: 'ruby', php: 'php', rs: 'rust', swift: 'swift' };
  return more[ext] ?? 'other';
}

function add(into: Tally, from: Partial<Tally>): void {
  for (const [k, v] of Object.entries(from) as [keyof Tally, number][]) into[k] += v;
}

/**
 * Adds up matches. Recall and model accuracy are grouped by what the label says (language, provider, via, api);
 * precision needs the scanner's own sites, so the precision columns of the provider, via and api rows group the
 * scanner's sites by what the scanner says (language and repository are the same either way).
 */
export function summarise(matches: readonly RepoMatch[], counts: { readonly files: number; readonly traps: number }): Summary {
  const all = emptyTally();
  const nonTest = emptyTally();
  const test = emptyTally();
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, Tally>()])) as Record<Dimension, Map<string, Tally>>;
  const row = (d: Dimension, name: string): Tally => {
    let t = by[d].get(name);
    if (!t) by[d].set(name, (t = emptyTally()));
    return t;
  };
  const labelDims = (repo: string, file: string, l: SiteLabel): [Dimension, string][] => [
    ['language', languageOfFile(file)], ['provider', l.provider], ['via', l.via], ['api', l.api], ['repository', repo],
  ];
  const siteDims = (repo: string, file: string, s: ScanSite): [Dimension, string][] => [
    ['language', languageOfFile(file)], ['provider', s.provider], ['via', s.via], ['api', s.api], ['repository', repo],
  ];
  for (const m of matches) {
    for (const x of m.matched) {
      const recallPart = { sites: 1, found: 1, modelLabelled: x.model === 'n/a' ? 0 : 1, modelRight: x.model === 'right' ? 1 : 0 };
      const precisionPart = { scanner: 1, truePositive: 1 };
      for (const t of [all, x.label.test ? test : nonTest]) add(t, { ...recallPart, ...precisionPart });
      for (const [d, n] of labelDims(m.repo, x.file, x.label)) add(row(d, n), recallPart);
      for (const [d, n] of siteDims(m.repo, x.file, x.site)) add(row(d, n), precisionPart);
    }
    for (const x of m.misses) {
      for (const t of [all, x.label.test ? test : nonTest]) add(t, { sites: 1 });
      for (const [d, n] of labelDims(m.repo, x.file, x.label)) add(row(d, n), { sites: 1 });
    }
    for (const x of m.falseSites) {
      const part = { scanner: 1, falseSites: 1, trapHits: x.trap ? 1 : 0 };
      for (const t of [all, isTestPath(x.file) ? test : nonTest]) add(t, part);
      for (const [d, n] of siteDims(m.repo, x.file, x.site)) add(row(d, n), part);
    }
  }
  const sorted = (d: Dimension) => [...by[d]].map(([name, tally]) => ({ name, tally })).sort((a, b) => b.tally.sites - a.tally.sites || b.tally.scanner - a.tally.scanner || (a.name < b.name ? -1 : 1));
  return {
    repos: matches.length,
    files: counts.files,
    traps: counts.traps,
    all,
    nonTest,
    test,
    by: Object.fromEntries(DIMENSIONS.map((d) => [d, sorted(d)])) as unknown as Summary['by'],
  };
}
