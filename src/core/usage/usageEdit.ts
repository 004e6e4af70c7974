/**
 * Edits `.tokentier/usage.{yml,yaml,json}` in place, keeping every comment and the layout of what it does not touch:
 * YAML through the `yaml` package's Document API, JSON through jsonc-parser's `modify`. An entry whose `match` is
 * exactly the one wanted, and which is the last entry matching its site, is updated; otherwise a new entry is appended
 * (later entries win, src/core/usage/assumptions.ts). Pure: text in, text out.
 */
import { applyEdits, modify, parseTree, getNodeValue, type ParseError } from 'jsonc-parser';
import { isMap, isScalar, isSeq, parseDocument, YAMLMap, type Document } from 'yaml';
import type { UsageCalibration, UsageRule } from '../team/teamTypes';
import type { CallSite } from '../types';
import { ruleMatches } from './assumptions';
import { USAGE_TEMPLATE } from './template';

/** The usage-file fields an edit may set. */
export type EditableField = 'callsPerDay' | 'outputTokens' | 'cacheHitRate';

/** One site's wanted entry. */
export interface UsageEntryEdit {
  /** The site the entry is for (an existing entry is reused only if it is the last one matching this site). */
  readonly site: Pick<CallSite, 'id' | 'file' | 'line' | 'enclosingFunction'>;
  readonly match: Readonly<Record<string, string | number>>;
  readonly set: Partial<Readonly<Record<EditableField, number>>>;
  readonly calibrated?: UsageCalibration;
  /** A comment written above a new entry. */
  readonly comment?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

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
    if (isObj(e) && isObj(e['match']) && ruleMatches({ match: e['match'] as UsageRule['match'] } as UsageRule, edit.site as CallSite)) last = i;
  });
  return last >= 0 && sameMatch((entries[last] as Obj)['match'], edit.match) ? last : -1;
}

/** The new entry as plain data, in the order people read it: match, values, calibration. */
function entryValue(edit: UsageEntryEdit): Obj {
  return { match: { ...edit.match }, ...edit.set, ...(edit.calibrated ? { calibrated: { ...edit.calibrated } } : {}) };
}

function editYaml(doc: Document, edits: readonly UsageEntryEdit[]): void {
  let sites = doc.get('sites', true);
  if (!isSeq(sites)) {
    sites = doc.createNode([]);
    doc.set('sites', sites);
  }
  const seq = sites as ReturnType<Document['createNode']> & { items: unknown[] };
  for (const edit of edits) {
    const plain = seq.items.map((n) => (isMap(n) ? n.toJSON() : undefined));
    const i = targetIndex(plain, edit);
    const node = i >= 0 ? seq.items[i] : undefined;
    if (isMap(node)) {
      for (const [k, v] of Object.entries(edit.set)) node.set(k, v);
      // callsPerDay wins over callsPerMonth within an entry; drop the stale one so the file says one thing.
      if (edit.set.callsPerDay !== undefined) node.delete('callsPerMonth');
      if (edit.calibrated) node.set('calibrated', flowMap(doc, { ...edit.calibrated }));
      continue;
    }
    const entry = new YAMLMap();
    for (const [k, v] of Object.entries(entryValue(edit))) entry.set(k, k === 'match' || k === 'calibrated' ? flowMap(doc, v as Obj) : v);
    if (edit.comment) entry.commentBefore = ` ${edit.comment}`;
    seq.items.push(entry);
  }
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

function editJson(text: string, edits: readonly UsageEntryEdit[]): string {
  let out = text;
  const opts = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: text.includes('\r\n') ? '\r\n' : '\n' } };
  for (const edit of edits) {
    const tree = parseTree(out, [], { allowTrailingComma: true });
    const root = tree ? (getNodeValue(tree) as unknown) : {};
    const entries = isObj(root) && Array.isArray(root['sites']) ? (root['sites'] as unknown[]) : undefined;
    if (!entries) {
      out = applyEdits(out, modify(out, ['sites'], [entryValue(edit)], opts));
      continue;
    }
    const i = targetIndex(entries, edit);
    if (i < 0) {
      out = applyEdits(out, modify(out, ['sites', entries.length], entryValue(edit), { ...opts, isArrayInsertion: true }));
      continue;
    }
    for (const [k, v] of Object.entries(edit.set)) out = applyEdits(out, modify(out, ['sites', i, k], v, opts));
    if (edit.set.callsPerDay !== undefined && isObj(entries[i]) && 'callsPerMonth' in (entries[i] as Obj)) out = applyEdits(out, modify(out, ['sites', i, 'callsPerMonth'], undefined, opts));
    if (edit.calibrated) out = applyEdits(out, modify(out, ['sites', i, 'calibrated'], { ...edit.calibrated }, opts));
  }
  return out;
}

/**
 * Applies the edits to a usage file's text (undefined: the file does not exist yet, start from the template).
 * Refuses, with the reason, a file that does not parse: its author should fix it first, and nothing is lost.
 */
export function editUsageFile(current: string | undefined, path: string, edits: readonly UsageEntryEdit[]): { text: string } | { error: string } {
  const isJson = path.endsWith('.json');
  try {
    if (isJson) {
      const base = current ?? '{\n  "version": 1,\n  "sites": []\n}\n';
      const errors: ParseError[] = [];
      const tree = parseTree(base, errors, { allowTrailingComma: true, disallowComments: false });
      if (!tree || errors.length || !isObj(getNodeValue(tree))) return { error: `${path} is not a valid JSON object; fix it first (nothing was changed)` };
      return { text: editJson(base, edits) };
    }
    const doc = parseDocument(current ?? USAGE_TEMPLATE, { uniqueKeys: true });
    if (doc.errors.length) return { error: `${path} has a YAML syntax error (${doc.errors[0]!.message.split('\n')[0]}); fix it first (nothing was changed)` };
    if (doc.contents !== null && !isMap(doc.contents)) return { error: `${path} does not hold a mapping at the top level; fix it first (nothing was changed)` };
    if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
    editYaml(doc, edits);
    return { text: doc.toString({ lineWidth: 0 }) };
  } catch (e) {
    return { error: `${path} could not be edited (${e instanceof Error ? e.message : String(e)}); nothing was changed` };
  }
}
