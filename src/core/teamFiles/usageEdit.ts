import { applyEdits, getNodeValue, modify, parseTree, type ParseError } from 'jsonc-parser';
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { UsageCalibration } from './teamTypes';

/**
 * Edits of `.tokentier/usage.{yml,yaml,json}` through a document API, so everything else is kept: YAML through the
 * `yaml` package's Document (comments, key order, other blocks), JSON through jsonc-parser's `modify` (comments,
 * formatting). Issue 17: appending text after a regex look for `sites:` lost every site rule in 4 of 6 ordinary
 * layouts (`profiles:` after `sites:`, `sites: []`, a comment after `sites:`, unindented items). A file with syntax
 * errors, or a `sites` that is not a list, is left alone and the error says why. Pure; never throws.
 */

/** The template of a new `.tokentier/usage.yml` (format: src/core/teamFiles/schemas.ts `usageFileSchema`). */
export const USAGE_TEMPLATE = `# Tokentier usage assumptions: how often each LLM call runs, shared by the editor and the CLI.
# Sites are matched by file glob, function, line or id; later entries win. Every figure used is shown in the
# hovers as coming from this file.
defaults:
  chat:
    callsPerDay: 1000
  embeddings:
    callsPerDay: 10000
sites:
`;

/** A usage-file site rule written by "Set Model → Usage file entry". */
export interface UsageSiteEntry {
  readonly match: { readonly file: string; readonly function?: string; readonly line?: number };
  readonly model: string;
}

/** The usage-file fields a calibration edit may set. */
export type EditableField = 'callsPerDay' | 'outputTokens' | 'cacheHitRate';

/** One site's wanted entry (`tokentier reconcile`). */
export interface UsageEntryEdit {
  readonly match: Readonly<Record<string, string | number>>;
  readonly set: Partial<Readonly<Record<EditableField, number>>>;
  readonly calibrated?: UsageCalibration;
  /** A comment written above a new entry. */
  readonly comment?: string;
  /**
   * Whether an existing entry's `match` (as written) applies to the edit's site. The last entry that does is updated
   * in place when its match is exactly `match`; otherwise a new entry is appended (later entries win).
   */
  readonly appliesTo: (match: Readonly<Record<string, unknown>>) => boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `sites` list of a YAML document, created when missing or empty; an error when the file cannot take one. */
function yamlSites(doc: Document): YAMLSeq | { error: string } {
  if (doc.errors.length) return { error: `it has YAML errors (${doc.errors[0]!.message.split('\n')[0]}); fix them first` };
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    // An empty file, or one with only comments: start a map (the comments stay above it).
    const comment = doc.contents?.commentBefore ?? doc.commentBefore;
    const map: YAMLMap = doc.createNode({});
    if (comment) map.commentBefore = comment;
    doc.commentBefore = null;
    doc.contents = map as unknown as typeof doc.contents;
  }
  if (!isMap(doc.contents)) return { error: 'its top level is not a map of fields' };
  const sites = doc.get('sites', true);
  if (isSeq(sites)) {
    // `sites: []` becomes a block list: one entry per item, as the rest of the file.
    if (sites.flow) sites.flow = false;
    return sites;
  }
  if (sites === undefined || sites === null || (isScalar(sites) && sites.value === null)) {
    // No `sites`, or `sites:` with nothing after it (its comment is kept on the new list).
    const seq = doc.createNode([]) as YAMLSeq;
    if (isScalar(sites)) {
      if (sites.comment) seq.comment = sites.comment;
      if (sites.commentBefore) seq.commentBefore = sites.commentBefore;
    }
    doc.set('sites', seq);
    return seq;
  }
  return { error: '`sites` is not a list' };
}

/** The `sites` of a JSON usage file: the list's values, `[]` when absent or null; an error otherwise. */
function jsonSites(text: string): { base: string; sites: unknown[] | undefined } | { error: string } {
  const errors: ParseError[] = [];
  const tree = parseTree(text.trim() ? text : '{}', errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) return { error: 'it has JSON errors; fix them first' };
  if (tree.type !== 'object') return { error: 'its top level is not an object' };
  const node = tree.children?.find((p) => p.children?.[0]?.value === 'sites')?.children?.[1];
  if (node && node.type !== 'array' && node.type !== 'null') return { error: '`sites` is not a list' };
  return { base: text.trim() ? text : '{}\n', sites: node?.type === 'array' ? (getNodeValue(node) as unknown[]) : undefined };
}

const jsonOptions = (text: string) => ({ formattingOptions: { insertSpaces: true, tabSize: 2, eol: text.includes('\r\n') ? '\r\n' : '\n' } });

function plainEntry(entry: UsageSiteEntry): { match: Record<string, string | number>; model: string } {
  const match: Record<string, string | number> = { file: entry.match.file };
  if (entry.match.function !== undefined) match['function'] = entry.match.function;
  if (entry.match.line !== undefined) match['line'] = entry.match.line;
  return { match, model: entry.model };
}

/** Appends a site rule (`match` + `model`) to the text of a usage file. Returns the new text, or an error to show. */
export function addUsageSite(text: string, fileName: string, entry: UsageSiteEntry): { readonly text: string } | { readonly error: string } {
  try {
    if (fileName.endsWith('.json')) {
      const j = jsonSites(text);
      if ('error' in j) return j;
      const edits = j.sites ? modify(j.base, ['sites', -1], plainEntry(entry), { ...jsonOptions(j.base), isArrayInsertion: true }) : modify(j.base, ['sites'], [plainEntry(entry)], jsonOptions(j.base));
      return { text: applyEdits(j.base, edits) };
    }
    const doc = parseDocument(text);
    const seq = yamlSites(doc);
    if ('error' in seq) return seq;
    const node: YAMLMap = doc.createNode(plainEntry(entry));
    const match = node.get('match', true);
    if (isMap(match)) match.flow = true;
    seq.items.push(node);
    return { text: doc.toString() };
  } catch (e) {
    return { error: `could not edit ${fileName}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function sameMatch(a: unknown, b: Readonly<Record<string, string | number>>): boolean {
  if (!isObj(a)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined && a[k] !== null).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** The index of the entry to update for `edit` among `entries` (plain values), or -1 to append. */
function targetIndex(entries: readonly unknown[], edit: UsageEntryEdit): number {
  let last = -1;
  entries.forEach((e, i) => {
    if (isObj(e) && isObj(e['match']) && edit.appliesTo(e['match'])) last = i;
  });
  return last >= 0 && sameMatch((entries[last] as Obj)['match'], edit.match) ? last : -1;
}

/** The new entry as plain data, in the order people read it: match, values, calibration. */
function entryValue(edit: UsageEntryEdit): Obj {
  return { match: { ...edit.match }, ...edit.set, ...(edit.calibrated ? { calibrated: { ...edit.calibrated } } : {}) };
}

/** A one-line `{ … }` map; day strings are quoted, so no YAML 1.1 reader takes them for dates. */
function flowMap(doc: Document, value: Readonly<Obj>): unknown {
  const n = doc.createNode({ ...value });
  if (isMap(n)) {
    n.flow = true;
    for (const pair of n.items) {
      if (isScalar(pair.value) && typeof pair.value.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(pair.value.value)) pair.value.type = 'QUOTE_DOUBLE';
    }
  }
  return n;
}

function editYaml(doc: Document, seq: YAMLSeq, edits: readonly UsageEntryEdit[]): void {
  for (const edit of edits) {
    const i = targetIndex(seq.items.map((n) => (isMap(n) ? n.toJSON() : undefined)), edit);
    const node = i >= 0 ? seq.items[i] : undefined;
    if (isMap(node)) {
      for (const [k, v] of Object.entries(edit.set)) node.set(k, v);
      // callsPerDay wins over callsPerMonth within an entry; drop the stale one so the file says one thing.
      if (edit.set.callsPerDay !== undefined) node.delete('callsPerMonth');
      if (edit.calibrated) node.set('calibrated', flowMap(doc, { ...edit.calibrated }));
      continue;
    }
    const entry: YAMLMap = doc.createNode({});
    for (const [k, v] of Object.entries(entryValue(edit))) entry.set(k, k === 'match' || k === 'calibrated' ? flowMap(doc, v as Obj) : v);
    if (edit.comment) entry.commentBefore = ` ${edit.comment}`;
    seq.items.push(entry);
  }
}

function editJson(text: string, edits: readonly UsageEntryEdit[]): string | { error: string } {
  const first = jsonSites(text);
  if ('error' in first) return first;
  let out = first.base;
  const opts = jsonOptions(text);
  for (const edit of edits) {
    const j = jsonSites(out);
    if ('error' in j) return j;
    out = j.base;
    if (!j.sites) {
      out = applyEdits(out, modify(out, ['sites'], [entryValue(edit)], opts));
      continue;
    }
    const i = targetIndex(j.sites, edit);
    if (i < 0) {
      out = applyEdits(out, modify(out, ['sites', j.sites.length], entryValue(edit), { ...opts, isArrayInsertion: true }));
      continue;
    }
    for (const [k, v] of Object.entries(edit.set)) out = applyEdits(out, modify(out, ['sites', i, k], v, opts));
    if (edit.set.callsPerDay !== undefined && isObj(j.sites[i]) && 'callsPerMonth' in (j.sites[i] as Obj)) out = applyEdits(out, modify(out, ['sites', i, 'callsPerMonth'], undefined, opts));
    if (edit.calibrated) out = applyEdits(out, modify(out, ['sites', i, 'calibrated'], { ...edit.calibrated }, opts));
  }
  return out;
}

/**
 * Applies calibration edits (`tokentier reconcile`) to a usage file's text (undefined: the file does not exist yet,
 * start from the template). Refuses, with the reason, a file it cannot edit safely; nothing is lost.
 */
export function editUsageFile(current: string | undefined, path: string, edits: readonly UsageEntryEdit[]): { text: string } | { error: string } {
  const refuse = (why: string) => ({ error: `${path}: ${why} (nothing was changed)` });
  try {
    if (path.endsWith('.json')) {
      const r = editJson(current ?? '{\n  "version": 1,\n  "sites": []\n}\n', edits);
      return typeof r === 'string' ? { text: r } : refuse(r.error);
    }
    const doc = parseDocument(current ?? USAGE_TEMPLATE, { uniqueKeys: true });
    const seq = yamlSites(doc);
    if ('error' in seq) return refuse(seq.error);
    editYaml(doc, seq, edits);
    return { text: doc.toString({ lineWidth: 0 }) };
  } catch (e) {
    return refuse(`could not be edited (${e instanceof Error ? e.message : String(e)})`);
  }
}
