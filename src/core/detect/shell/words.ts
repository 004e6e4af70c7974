/**
 * Shell words as text: a Bash argument (`word`, `"string"`, `'raw'`, `$VAR`, `${VAR:-default}`, concatenations) is
 * expanded into segments, each knowing where its text came from, so that a URL or a JSON body assembled from
 * variables still tells which part is a model id and how it was found. What only the running shell knows (a command
 * substitution, an unassigned variable, arithmetic) is one {@link UNKNOWN} character.
 */
import type { Node } from 'web-tree-sitter';
import type { ModelResolution } from '../../types';

/** Stands for text only known at run time. */
export const UNKNOWN = '\uFFFF';

/** A piece of expanded text. `origin` absent: written at the use (a literal). */
export interface Segment {
  readonly text: string;
  readonly origin?: ModelResolution;
}

/** Where a name's value comes from when the shell text does not assign it before the use. */
export interface OuterScope {
  /** An environment variable exported before the shell runs (a notebook's `os.environ[...]`, `%env`), or, in an IPython `!` line, a Python variable. */
  lookup(name: string): readonly Segment[] | undefined;
  /** `{expr}` in an IPython `!` line: the Python expression's value. */
  pythonExpr?(expr: string): readonly Segment[] | undefined;
}

/** One assignment `NAME=value` in the shell text (also `export`, `local`, `declare`, `readonly`, `${NAME:=d}`). */
export interface Assignment {
  readonly name: string;
  /** The value node; undefined for `NAME=` (empty) and for names bound by `for`/`read` (unknown). */
  readonly value?: Node;
  /** `${NAME:=default}`: the default text. */
  readonly defaultText?: string;
  readonly start: number;
  readonly end: number;
  readonly unknown?: boolean;
}

/** The variables of one shell text, by name, in source order. */
export type Assignments = ReadonlyMap<string, readonly Assignment[]>;

export interface WordContext {
  readonly text: string;
  readonly assignments: Assignments;
  readonly outer?: OuterScope;
  /** An IPython `!` line: `{expr}` is a Python expression, `$NAME` a Python variable first. */
  readonly ipython?: boolean;
}

const MAX_DEPTH = 8;

/** The expanded text of a shell argument node, in segments. */
export function expandWord(ctx: WordContext, n: Node, depth = 0): Segment[] {
  if (depth > MAX_DEPTH) return [{ text: UNKNOWN }];
  switch (n.type) {
    case 'word':
    case 'number':
    case 'variable_name':
      return ipythonBraces(ctx, unescapeWord(n.text));
    case 'raw_string':
      // IPython expands `$name` and `{name}` before the shell sees its quotes.
      return ctx.ipython ? ipythonDollars(ctx, n.text.slice(1, -1)) : [{ text: n.text.slice(1, -1) }];
    case 'ansi_c_string':
      return [{ text: unescapeAnsiC(n.text.slice(2, -1)) }];
    case 'string':
    case 'translated_string':
      return expandGaps(ctx, n, n.startIndex + (n.type === 'translated_string' ? 2 : 1), n.endIndex - 1, depth, true);
    case 'concatenation':
      return n.children.flatMap((c) => (c ? expandWord(ctx, c, depth + 1) : []));
    case 'simple_expansion':
    case 'expansion':
      return expandVariable(ctx, n, depth);
    case 'heredoc_body':
      return expandGaps(ctx, n, n.startIndex, n.endIndex, depth, false);
    default:
      return [{ text: UNKNOWN }];
  }
}

/** The whole text of segments. */
export function joinSegments(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}

/** The text between `from` and `to` with the expansions inside replaced (a double-quoted string, a heredoc body). */
function expandGaps(ctx: WordContext, n: Node, from: number, to: number, depth: number, quoted: boolean): Segment[] {
  const out: Segment[] = [];
  let at = from;
  const literal = (a: number, b: number): void => {
    if (b <= a) return;
    // The grammar leaves positional and special parameters inside a here-document as text (`$1`, `$@`).
    const raw = ctx.text.slice(a, b).replace(/(?<!\\)\$[0-9@*#?!$-]/g, UNKNOWN);
    out.push(...ipythonBraces(ctx, quoted ? raw.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c)) : raw));
  };
  for (const c of n.namedChildren) {
    if (!c || c.startIndex < from || c.endIndex > to) continue;
    if (c.type === 'string_content' || c.type === 'heredoc_content') continue;
    literal(at, c.startIndex);
    out.push(...(c.type === 'simple_expansion' || c.type === 'expansion' ? expandVariable(ctx, c, depth + 1) : [{ text: UNKNOWN }]));
    at = c.endIndex;
  }
  literal(at, to);
  return out;
}

/** `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:=default}`; anything fancier is unknown. */
function expandVariable(ctx: WordContext, n: Node, depth: number): Segment[] {
  const nameNode = n.namedChildren.find((c) => c?.type === 'variable_name');
  const inner = n.type === 'expansion' ? n.text.slice(2, -1) : n.text.slice(1);
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=])([\s\S]*))?$/.exec(inner);
  if (!nameNode || !m) return [{ text: UNKNOWN }];
  const name = m[1] ?? nameNode.text;
  const found = lookupVariable(ctx, name, n.startIndex, depth);
  if (found) return found;
  const def = m[3];
  if (def !== undefined) return [{ text: unescapeWord(def.replace(/^["']|["']$/g, '')), origin: { kind: 'env-default', envVar: name } }];
  return [{ text: UNKNOWN, origin: { kind: 'unknown', expression: `$${name}` } }];
}

/** The value of a variable at a position: the last assignment before it in the text, else the outer scope. */
export function lookupVariable(ctx: WordContext, name: string, at: number, depth = 0): Segment[] | undefined {
  if (ctx.ipython) {
    const py = ctx.outer?.lookup(name);
    if (py) return [...py];
  }
  const list = ctx.assignments.get(name) ?? [];
  const before = list.filter((a) => a.end <= at);
  const pick = before[before.length - 1] ?? list[list.length - 1];
  if (pick && !(pick.start <= at && at < pick.end)) {
    if (pick.unknown) return [{ text: UNKNOWN, origin: { kind: 'unknown', expression: `$${name}` } }];
    if (pick.defaultText !== undefined) return [{ text: pick.defaultText, origin: { kind: 'env-default', envVar: name } }];
    const segs = pick.value ? expandWord(ctx, pick.value, depth + 1) : [{ text: '' }];
    // The variable's own text is a constant named by it; parts that came from further variables keep their origin.
    return segs.map((s) => (s.origin ? s : { text: s.text, origin: { kind: 'constant', name } }));
  }
  const outer = ctx.ipython ? undefined : ctx.outer?.lookup(name);
  return outer ? [...outer] : undefined;
}

/** IPython `!` lines: `{expr}` is replaced by the Python value (`{{` is a literal brace). */
function ipythonBraces(ctx: WordContext, text: string): Segment[] {
  if (!ctx.ipython || !text.includes('{')) return [{ text }];
  const out: Segment[] = [];
  let last = 0;
  const re = /\{\{|\}\}|\{([A-Za-z_][\w.]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    if (m[0] === '{{' || m[0] === '}}') out.push({ text: m[0][0] ?? '' });
    else out.push(...(ctx.outer?.pythonExpr?.(m[1]?.trim() ?? '') ?? [{ text: UNKNOWN, origin: { kind: 'unknown', expression: m[0] } }]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** IPython's `$name` / `${name}` (and `{name}`) in text the shell would not expand (a single-quoted string). */
function ipythonDollars(ctx: WordContext, text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  const re = /\$\$|\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(...ipythonBraces(ctx, text.slice(last, m.index)));
    const name = m[1] ?? m[2];
    out.push(...(name ? ctx.outer?.lookup(name) ?? [{ text: m[0] }] : [{ text: '$' }]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(...ipythonBraces(ctx, text.slice(last)));
  return out;
}

/** An unquoted word: a backslash quotes the next character; a backslash-newline disappears. */
function unescapeWord(s: string): string {
  return s.includes('\\') ? s.replace(/\\(\n|.)/g, (_, c: string) => (c === '\n' ? '' : c)) : s;
}

function unescapeAnsiC(s: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
  return s.replace(/\\(.)/g, (_, c: string) => map[c] ?? c);
}
