/**
 * Values known by their shape rather than their own evaluation (issue 25): TypeScript casts and declared types of a value
 * that evaluates to nothing (`inputs.model as BaseChatModel`), and the elements of a tuple or array a factory returns
 * (`a, b = make()`, `const [a, b] = make()`). Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as
 * `fa`), reached through it by the other sections.
 */
import type { Node } from 'web-tree-sitter';
import { callee, FUNCTION_TYPES, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Value } from './types';

/**
 * A value that names its own class (`new ChatLlamaCpp(…)`, Python `LlamaCpp(…)`): a class the catalogue does not know
 * (an in-process model, the project's own) is not the base type it is declared or cast as.
 */
export function namesItsClass(n: Node): boolean {
  if (n.type === 'new_expression') return true;
  if (n.type !== 'call') return false;
  const name = callee(n)?.text.split('.').pop() ?? '';
  return /^[A-Z]/.test(name);
}

/** TS casts (`x as BaseChatModel`, `<Embeddings>x`, `x satisfies T`) of a value that evaluates to nothing: the type's instance (outermost cast first). */
export function castValue(fa: FileAnalyzer, node: Node): Value | undefined {
  for (let cur: Node | undefined = node, i = 0; cur && i < 10; i++) {
    if (cur.type === 'as_expression' || cur.type === 'satisfies_expression' || cur.type === 'type_assertion') {
      const named: Node[] = cur.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      // `x as T`: the type is the last child; `<T>x`: the first (a type_arguments node).
      const type = cur.type === 'type_assertion' ? named[0] : named[named.length - 1];
      const t = type && type.id !== named[cur.type === 'type_assertion' ? 1 : 0]?.id ? fa.evalTypeAnnotation(type) : undefined;
      if (t) return t;
      cur = named[cur.type === 'type_assertion' ? 1 : 0];
    } else if (cur.type === 'parenthesized_expression' || cur.type === 'await_expression' || cur.type === 'non_null_expression') {
      cur = cur.namedChildren.find((c): c is Node => c !== null && c.type !== 'comment');
    } else return undefined;
  }
  return undefined;
}

const SEQUENCES = new Set(['tuple', 'expression_list', 'list', 'array']);

/**
 * Element `index` of a sequence an expression evaluates to: a literal tuple or array, or what a function of the
 * project returns (`return therapist_agent, closure_agent`; every `return` of one shape is tried).
 */
export function evalElement(fa: FileAnalyzer, n: Node, index: number): Value | undefined {
  const u = unwrap(n);
  if (SEQUENCES.has(u.type)) {
    const item = u.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment')[index];
    return item ? fa.evalValue(item) : undefined;
  }
  if (u.type !== 'call' && u.type !== 'call_expression') return undefined;
  const fn = callee(u);
  const made = fn ? fa.evalValue(fn) : undefined;
  if (made?.kind !== 'func') return undefined;
  const body = made.node.childForFieldName('body');
  if (!body) return undefined;
  if (made.node.type === 'arrow_function' && body.type !== 'statement_block') return elementOf(made.ctx, body, index);
  const stack: Node[] = [body];
  while (stack.length) {
    const s = stack.pop() as Node;
    if (s.type === 'return_statement') {
      const e = s.namedChildren.find((c) => c !== null && c.type !== 'comment');
      const v = e ? elementOf(made.ctx, e, index) : undefined;
      if (v) return v;
      continue;
    }
    if (FUNCTION_TYPES.has(s.type) || s.type === 'class_definition' || s.type === 'class_declaration') continue;
    for (const c of s.namedChildren) if (c) stack.push(c);
  }
  return undefined;
}

/** Element `index` of a returned literal sequence, evaluated in the function's own file. */
function elementOf(ctx: FileAnalyzer, e: Node, index: number): Value | undefined {
  const u = unwrap(e);
  if (!SEQUENCES.has(u.type)) return undefined;
  const item = u.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment')[index];
  return item ? ctx.evalValue(item) : undefined;
}
