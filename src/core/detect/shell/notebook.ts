/**
 * What a notebook's shell code sees from the Python around it.
 *
 * - A `%%bash` / `%%sh` cell is a separate shell process: it sees the **environment** the kernel exported before it
 *   (`os.environ["X"] = …`, `os.environ.setdefault(…)`, `%env X=…` in an earlier cell). A Python variable of the same
 *   name that was never exported is empty at run time; the request then has no model, which is never what the
 *   notebook means, so such a variable of an earlier cell stands for it (the labelling rule of `eval/README.md`:
 *   "the notebook's intended model"), after the environment.
 * - An IPython `!` line is expanded by IPython first: `{expr}` and `$name` are Python values (earlier cells, or
 *   earlier lines of the same cell); a name Python does not have is left to the shell's environment.
 */
import type { Node } from 'web-tree-sitter';
import type { ModelResolution } from '../../types';
import type { FileAnalyzer } from '../analyzer';
import { callArgs, callee, isStringNode, unwrap } from '../syntax';
import { UNKNOWN, type OuterScope, type Segment } from './words';

/** A shell chunk of a notebook, as `prepare.ts` cuts it. */
export interface NotebookShellChunk {
  readonly cell: number;
  readonly kind: 'bang' | 'cell';
  /** Offset of the chunk's first line in the joined Python text: what Python ran before it. */
  readonly offset: number;
}

/** `%env NAME=value` (and `%set_env`) lines, as `prepare.ts` records them (they are comments in the Python text). */
export interface EnvMagic {
  readonly name: string;
  readonly value: string;
  readonly cell: number;
  readonly offset: number;
}

interface EnvWrite {
  readonly name: string;
  readonly value?: Node;
  readonly text?: string;
  readonly cell: number;
  readonly offset: number;
}

const MAX_DEPTH = 8;

/** The outer scope of one shell chunk. `fa`: the notebook's Python analyser (undefined: nothing from Python). */
export function notebookScope(fa: FileAnalyzer | undefined, chunk: NotebookShellChunk, env: readonly EnvMagic[], cellOfRow: (row: number) => number): OuterScope {
  const writes = [...env.map((e): EnvWrite => ({ name: e.name, text: e.value, cell: e.cell, offset: e.offset })), ...(fa ? environWrites(fa, cellOfRow) : [])]
    .filter((w) => w.offset < chunk.offset)
    .sort((a, b) => a.offset - b.offset);
  const originOf = (cell: number, name: string): ModelResolution => (cell < chunk.cell ? { kind: 'earlier-cell', cell } : { kind: 'constant', name });
  const fromEnv = (name: string): Segment[] | undefined => {
    const w = writes.filter((x) => x.name === name).pop();
    if (!w) return undefined;
    const segs = w.value && fa ? pySegments(fa, w.value, 0, chunk, cellOfRow) : [{ text: w.text ?? UNKNOWN }];
    return withOrigin(segs, originOf(w.cell, name));
  };
  const fromPython = (name: string): Segment[] | undefined => {
    if (!fa) return undefined;
    const b = (fa.bindingsOf(fa.root).get(name) ?? []).filter((x) => x.at.endIndex <= chunk.offset).pop();
    if (!b) return undefined;
    if (b.kind !== 'assign') return [{ text: UNKNOWN, origin: { kind: 'unknown', expression: name } }];
    return withOrigin(pySegments(fa, b.value, 0, chunk, cellOfRow), originOf(cellOfRow(b.at.startPosition.row), name));
  };
  return {
    lookup: (name) => (chunk.kind === 'bang' ? fromPython(name) ?? fromEnv(name) : fromEnv(name) ?? fromPython(name)),
    pythonExpr: (expr) => (/^[A-Za-z_]\w*$/.test(expr) ? fromPython(expr) : undefined),
  };
}

function withOrigin(segs: readonly Segment[], origin: ModelResolution): Segment[] {
  return segs.map((s) => (s.origin ? s : { ...s, origin }));
}

/** `os.environ["X"] = v`, `os.environ.setdefault("X", v)`, `os.environ.update(X=v)` anywhere outside functions. */
function environWrites(fa: FileAnalyzer, cellOfRow: (row: number) => number): EnvWrite[] {
  const out: EnvWrite[] = [];
  const at = (n: Node, name: string, value: Node | undefined): void => {
    out.push({ name, ...(value ? { value } : {}), cell: cellOfRow(n.startPosition.row), offset: n.startIndex });
  };
  const walk = (n: Node, depth: number): void => {
    if (depth > 40 || n.type === 'function_definition' || n.type === 'class_definition') return;
    if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const key = left ? environKey(left) : undefined;
      if (key && right) at(n, key, right);
    } else if (n.type === 'call') {
      const fn = callee(n)?.text.replace(/\s+/g, '') ?? '';
      if (/(^|\.)environ\.setdefault$/.test(fn)) {
        const [k, v] = callArgs(n);
        const name = k && isStringNode(unwrap(k)) ? fa.constString(k) : undefined;
        if (name) at(n, name, v);
      } else if (/(^|\.)environ\.update$/.test(fn)) {
        for (const a of callArgs(n)) {
          const name = a.type === 'keyword_argument' ? a.childForFieldName('name')?.text : undefined;
          if (name) at(n, name, a.childForFieldName('value') ?? undefined);
        }
      }
    }
    for (const c of n.namedChildren) if (c) walk(c, depth + 1);
  };
  walk(fa.root, 0);
  return out;
}

/** `os.environ["X"]` / `environ['X']` as an assignment target: `X`. */
function environKey(left: Node): string | undefined {
  if (left.type !== 'subscript') return undefined;
  const obj = left.childForFieldName('value');
  const sub = left.childForFieldName('subscript');
  if (!obj || !sub || !/(^|\.)environ$/.test(obj.text) || !isStringNode(sub)) return undefined;
  const m = /^[rbuRBU]*(["'])([A-Za-z_]\w*)\1$/.exec(sub.text);
  return m?.[2];
}

/** A Python expression as shell-visible text: literals and f-string parts kept, holes resolved where possible. */
function pySegments(fa: FileAnalyzer, n: Node, depth: number, chunk: NotebookShellChunk, cellOfRow: (row: number) => number): Segment[] {
  if (depth > MAX_DEPTH) return [{ text: UNKNOWN }];
  const u = unwrap(n);
  if (u.type === 'string' && u.namedChildren.some((c) => c?.type === 'interpolation')) {
    const out: Segment[] = [];
    for (const c of u.namedChildren) {
      if (!c) continue;
      if (c.type === 'interpolation') {
        const e = c.namedChildren.find((x) => x !== null && x.type !== 'format_specifier' && x.type !== 'type_conversion');
        out.push(...(e ? pySegments(fa, e, depth + 1, chunk, cellOfRow) : [{ text: UNKNOWN }]));
      } else if (c.type === 'string_content' || c.type === 'escape_sequence') out.push({ text: c.text });
    }
    return out;
  }
  if (u.type === 'identifier') {
    const b = fa.lookup(u.text, u);
    if (b?.kind !== 'assign') return [{ text: UNKNOWN, origin: { kind: 'unknown', expression: u.text } }];
    const cell = cellOfRow(b.at.startPosition.row);
    return withOrigin(pySegments(fa, b.value, depth + 1, chunk, cellOfRow), cell < chunk.cell ? { kind: 'earlier-cell', cell } : { kind: 'constant', name: u.text });
  }
  if (u.type === 'binary_operator' && u.childForFieldName('operator')?.text === '+') {
    const l = u.childForFieldName('left');
    const r = u.childForFieldName('right');
    return [...(l ? pySegments(fa, l, depth + 1, chunk, cellOfRow) : []), ...(r ? pySegments(fa, r, depth + 1, chunk, cellOfRow) : [])];
  }
  if (u.type === 'call' && callee(u)?.text === 'str' && callArgs(u).length === 1) {
    const a = callArgs(u)[0];
    return a ? pySegments(fa, a, depth + 1, chunk, cellOfRow) : [{ text: UNKNOWN }];
  }
  const r = fa.resolveString(u);
  return r.value !== null ? [{ text: r.value, ...(r.resolution.kind !== 'literal' ? { origin: r.resolution } : {}) }] : [{ text: UNKNOWN, origin: r.resolution }];
}
