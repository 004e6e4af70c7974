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
  // Memoised per file, expression and index (also guards a factory that unpacks itself): each `a, b = f()` of a chain
  // of factories would otherwise evaluate every `return` of every factory below it again.
  let memo = elementMemo.get(fa);
  if (!memo) elementMemo.set(fa, (memo = new Map()));
  const key = `${n.id}:${index}`;
  if (memo.has(key)) return memo.get(key) ?? undefined;
  memo.set(key, null);
  const v = evalElementInner(fa, n, index);
  memo.set(key, v ?? null);
  return v;
}
const elementMemo = new WeakMap<FileAnalyzer, Map<string, Value | null>>();

/** Item `index` of a literal sequence (negative: from the end), holes and comments left out. */
function itemAt(seq: Node, index: number): Node | undefined {
  const items = seq.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  return items[index < 0 ? items.length + index : index];
}

function evalElementInner(fa: FileAnalyzer, n: Node, index: number): Value | undefined {
  const u = unwrap(n);
  if (SEQUENCES.has(u.type)) {
    const item = itemAt(u, index);
    return item ? fa.evalValue(item) : undefined;
  }
  if (u.type !== 'call' && u.type !== 'call_expression') return undefined;
  const fn = callee(u);
  const made = fn ? fa.evalValue(fn) : undefined;
  if (made?.kind !== 'func') return undefined;
  const body = made.node.childForFieldName('body');
  if (!body) return undefined;
  // A returned parameter is what this call passes for it (`fast, _ = configure(ChatOpenAI(…), 0)`), not what the
  // function's first call in the file passes.
  const fromCall = (item: Node): Value | undefined => {
    const arg = item.type === 'identifier' && made.ctx === fa ? argumentFor(made.node, u, item.text) : undefined;
    return arg ? fa.evalValue(arg) : undefined;
  };
  if (made.node.type === 'arrow_function' && body.type !== 'statement_block') return elementOf(made.ctx, body, index, fromCall);
  const stack: Node[] = [body];
  while (stack.length) {
    const s = stack.pop() as Node;
    if (s.type === 'return_statement') {
      const e = s.namedChildren.find((c) => c !== null && c.type !== 'comment');
      const v = e ? elementOf(made.ctx, e, index, fromCall) : undefined;
      if (v) return v;
      continue;
    }
    if (FUNCTION_TYPES.has(s.type) || s.type === 'class_definition' || s.type === 'class_declaration') continue;
    for (const c of s.namedChildren) if (c) stack.push(c);
  }
  return undefined;
}

/** Element `index` of a returned literal sequence, evaluated in the function's own file (a parameter: `fromCall`'s). */
function elementOf(ctx: FileAnalyzer, e: Node, index: number, fromCall: (item: Node) => Value | undefined): Value | undefined {
  const u = unwrap(e);
  if (!SEQUENCES.has(u.type)) return undefined;
  const item = itemAt(u, index);
  if (!item) return undefined;
  const it = unwrap(item);
  return fromCall(it) ?? ctx.evalValue(item);
}

/** Parameter types whose name is their first identifier (Python typed/default, TS required/optional). */
const PARAM_TYPES = new Set(['identifier', 'typed_parameter', 'default_parameter', 'typed_default_parameter', 'required_parameter', 'optional_parameter', 'assignment_pattern']);

/** The argument `call` passes for parameter `name` of `fn` (a keyword of that name, else its position), if any. */
function argumentFor(fn: Node, call: Node, name: string): Node | undefined {
  const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => p !== null && PARAM_TYPES.has(p.type));
  const nameOf = (p: Node): string | undefined => (p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.childForFieldName('pattern') ?? p.childForFieldName('left') ?? p.namedChildren.find((c) => c?.type === 'identifier'))?.text);
  const at = params.findIndex((p) => nameOf(p) === name);
  // A method's `self` / `cls` is not passed: not followed.
  if (at < 0 || (params[0] && /^(self|cls)$/.test(nameOf(params[0]) ?? ''))) return undefined;
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null && a.type !== 'comment');
  const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
  if (kw) return kw.childForFieldName('value') ?? undefined;
  const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat' && a.type !== 'spread_element');
  return positional.length === args.length || at < positional.length ? positional[at] : undefined;
}
