/**
 * Where a site's model id is written, so a quick fix can change it: the string literal in the call, the constant or
 * default argument it was resolved through (in the same document), the client constructor's argument, an inline
 * `tokentier: model=…` annotation, or the `.tokentier/usage.*` entry that sets it. Exact text only: a location is
 * returned when exactly one literal with that id matches, never a guess, and never in another file the code imports
 * (the detector's one-hop import is the user's to change where it is shared).
 */
import { lineOfOffset, lineStarts } from '../lineIndex';
import { parseModelId } from '../models/modelIds';
import type { Range, SiteEstimate } from '../types';

/** A model id found in a text: the range of the id itself (inside the quotes). */
export interface ModelLocation {
  readonly range: Range;
  /** The id as written there. */
  readonly text: string;
  /** Where it is, for the action's title: `in the call`, `constant MODEL`, `default of parameter model`, … */
  readonly where: string;
}

/** Why a site's model cannot be changed in place. */
export interface NoLocation {
  readonly reason: string;
}

function positionAt(starts: readonly number[], offset: number): { line: number; character: number } {
  const line = lineOfOffset(starts, offset);
  return { line, character: offset - starts[line]! };
}

function offsetAt(starts: readonly number[], p: { line: number; character: number }): number {
  return (starts[p.line] ?? starts[starts.length - 1]!) + p.character;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Offsets of the quoted id (`"id"`, `'id'`, `` `id` ``) whose match also satisfies `before` (a regex source ending at the quote). */
function quoted(text: string, id: string, before = '', from = 0, to = text.length): number[] {
  const re = new RegExp(`${before}(["'\`])${escapeRe(id)}\\1`, 'g');
  re.lastIndex = from;
  const out: number[] = [];
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (end <= to) out.push(end - 1 - id.length);
    if (re.lastIndex === m.index) re.lastIndex++;
  }
  return out;
}

function located(text: string, starts: readonly number[], offsets: readonly number[], id: string, where: string): ModelLocation | NoLocation {
  if (offsets.length !== 1) return { reason: offsets.length ? `the id "${id}" appears ${offsets.length} times (${where}): change it by hand` : `the id "${id}" was not found as a plain string (${where})` };
  const at = offsets[0]!;
  return { range: { start: positionAt(starts, at), end: positionAt(starts, at + id.length) }, text: text.slice(at, at + id.length), where };
}

/** The assignment of `name` to the quoted id: `NAME = "id"`, `NAME: str = "id"`, `const NAME = 'id'`, `name: string = 'id'`. */
function assignment(name: string): string {
  const last = name.split('.').pop() ?? name;
  // `self.model = "…"` / `this.model = '…'`: a dotted name may follow a dot; a plain one may not (`cfg.MODEL` is another).
  const guard = name.includes('.') ? '(?<![\\w$])' : '(?<![\\w$.])';
  return `${guard}${escapeRe(last)}\\s*(?::[^=\\n;,()]+)?=\\s*`;
}

/**
 * Why a site's model cannot be changed where the call is, whatever the document's text: it comes from another file,
 * another notebook cell or an environment variable. Undefined when it may be editable here.
 */
export function elsewhere(e: SiteEstimate): string | undefined {
  if (e.usage.model) return undefined;
  const r = e.site.model.resolution;
  if (r.kind === 'imported') return `the model is set in ${r.file} (${r.name}): change it there`;
  if (r.kind === 'earlier-cell') return `the model is set in notebook cell ${r.cell + 1}: change it there`;
  if (r.kind === 'env-default') return `the model comes from environment variable ${r.envVar} (the id in code is only its default)`;
  return undefined;
}

/** The location of a site's model id in its own document's text, or why there is none. */
export function modelInDocument(text: string, e: SiteEstimate): ModelLocation | NoLocation {
  const id = e.site.model.id;
  const annotated = e.usage.model?.source.source === 'annotation' ? e.usage.model.value : undefined;
  const starts = lineStarts(text);
  if (annotated && e.site.annotation) {
    const line = e.site.annotation.line - 1;
    const from = starts[line] ?? 0;
    const to = starts[line + 1] ?? text.length;
    const m = new RegExp(`model=${escapeRe(annotated)}(?![\\w.:/@-])`).exec(text.slice(from, to));
    return m ? { range: { start: { line, character: m.index + 6 }, end: { line, character: m.index + 6 + annotated.length } }, text: annotated, where: 'the tokentier annotation' } : { reason: 'the annotation was not found' };
  }
  if (!id) return { reason: 'the code does not name the model' };
  const r = e.site.model.resolution;
  switch (r.kind) {
    case 'literal':
      return located(text, starts, quoted(text, id, '', offsetAt(starts, e.site.range.start), offsetAt(starts, e.site.range.end)), id, 'the call');
    case 'constant':
      return located(text, starts, quoted(text, id, assignment(r.name)), id, `constant ${r.name}`);
    case 'default-argument':
      return located(text, starts, quoted(text, id, assignment(r.name)), id, `default of parameter ${r.name}`);
    case 'constructor':
      return located(text, starts, quoted(text, id), id, 'the client constructor');
    case 'imported':
    case 'earlier-cell':
    case 'env-default':
      return { reason: elsewhere(e)! };
    default:
      return { reason: 'the model is not written in the code' };
  }
}

/**
 * The location of `model` in a usage file's site entry that starts at 1-based `line`: the `model:` key of that entry
 * (before the next `- ` entry at the same or a lower indent).
 */
export function modelInUsageFile(text: string, line: number, model: string): ModelLocation | NoLocation {
  const lines = text.split('\n');
  const start = line - 1;
  if (start < 0 || start >= lines.length) return { reason: 'the usage-file entry has moved' };
  const indent = /^\s*/.exec(lines[start]!)![0].length;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    if (i > start && /^\s*-\s/.test(l) && /^\s*/.exec(l)![0].length <= indent) break;
    const m = new RegExp(`(^|[\\s{,])model:\\s*(["']?)(${escapeRe(model)})\\2\\s*(?:[,}#]|$)`).exec(l);
    if (m) {
      const character = l.indexOf(m[3]!, l.indexOf('model:', m.index) + 'model:'.length);
      return { range: { start: { line: i, character }, end: { line: i, character: character + model.length } }, text: model, where: 'the usage-file entry' };
    }
  }
  return { reason: 'the usage-file entry has no model key' };
}

/**
 * The id to write in place of `old` for a same-vendor `next`: wrappers the code uses are kept (`openai/gpt-4o` →
 * `openai/gpt-4o-mini`, `models/gemini-2.0-flash` → `models/gemini-3.6-flash`).
 */
export function replacementText(old: string, next: string): string {
  const bare = parseModelId(old).bare;
  const at = old.toLowerCase().lastIndexOf(bare);
  return at > 0 && at + bare.length === old.length ? `${old.slice(0, at)}${next}` : next;
}
