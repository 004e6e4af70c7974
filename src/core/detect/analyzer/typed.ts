/**
 * Values known by their shape rather than their own evaluation (issue 25): TypeScript casts and declared types of a value
 * that evaluates to nothing (`inputs.model as BaseChatModel`), and the elements of a tuple or array a factory returns
 * (`a, b = make()`, `const [a, b] = make()`). Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as
 * `fa`), reached through it by the other sections.
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, callee, FUNCTION_TYPES, unwrap } from '../syntax';
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

/** The names of a function's parameters, in order (Python typed/default, TS required/optional). */
function paramNames(fn: Node): (string | undefined)[] {
  const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => p !== null && PARAM_TYPES.has(p.type));
  return params.map((p) => (p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.childForFieldName('pattern') ?? p.childForFieldName('left') ?? p.namedChildren.find((c) => c?.type === 'identifier'))?.text));
}

/** The argument `call` passes for parameter `name` of `fn` (a keyword of that name, else its position), if any. */
function argumentFor(fn: Node, call: Node, name: string): Node | undefined {
  const names = paramNames(fn);
  const at = names.indexOf(name);
  // A method's `self` / `cls` is not passed: not followed.
  if (at < 0 || /^(self|cls)$/.test(names[0] ?? '')) return undefined;
  const args = callArgs(call);
  const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
  if (kw) return kw.childForFieldName('value') ?? undefined;
  const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat' && a.type !== 'spread_element');
  return positional.length === args.length || at < positional.length ? positional[at] : undefined;
}

/**
 * A factory that dispatches on one parameter (`if provider == EmbeddingProvider.OPENAI: return OpenAIEmbeddings()` …
 * `elif provider == EmbeddingProvider.AMAZON_BEDROCK: return BedrockEmbeddings(…)`): the return the branch whose
 * condition compares that parameter with what `call` passes for it (or its default) holds directly, evaluated in the
 * function's file. Undefined (the caller falls back to the function's other returns) unless the function is such a
 * dispatch: every `if` that holds a return compares the same parameter, the parameter is never reassigned, each chosen
 * branch returns at its top level, and the call passes no `*args` / `**kwargs`.
 */
export function chosenReturn(fa: FileAnalyzer, call: Node, fn: Node, ctx: FileAnalyzer): Value | undefined {
  const body = fn.childForFieldName('body');
  if (!body || (body.type !== 'block' && body.type !== 'statement_block')) return undefined;
  if (callArgs(call).some((a) => /splat|spread/.test(a.type))) return undefined;
  let param: string | undefined;
  let chosen: Node | undefined;
  const stack: Node[] = [body];
  for (let guard = 0; stack.length && guard < 2000; guard++) {
    const s = stack.pop() as Node;
    if (FUNCTION_TYPES.has(s.type) || s.type === 'class_definition' || s.type === 'class_declaration') continue;
    if (s.type === 'if_statement' || s.type === 'elif_clause') {
      const holdsReturn = s.descendantsOfType('return_statement').length > 0;
      const cmp = holdsReturn ? comparison(s.childForFieldName('condition')) : undefined;
      if (holdsReturn && !cmp) return undefined;
      if (cmp) {
        if (param !== undefined && param !== cmp.param) return undefined;
        param = cmp.param;
        if (!chosen && chosenBy(fa, call, fn, ctx, cmp)) chosen = s.childForFieldName('consequence') ?? undefined;
      }
    }
    for (const c of s.namedChildren) if (c) stack.push(c);
  }
  if (!param || !chosen || reassigns(body, param)) return undefined;
  const ret = chosen.namedChildren.find((c) => c?.type === 'return_statement');
  const e = ret?.namedChildren.find((x) => x !== null && x.type !== 'comment');
  return e ? ctx.evalValue(e) : undefined;
}

/** `param == X` / `X == param` (`===` in JS): the parameter's name and the other side. */
function comparison(cond: Node | null): { param: string; other: Node } | undefined {
  if (!cond) return undefined;
  const c = unwrap(cond);
  const eq = c.type === 'comparison_operator' ? c.children.some((x) => x?.type === '==') && c.namedChildren.length === 2 : c.type === 'binary_expression' && /^===?$/.test(c.childForFieldName('operator')?.text ?? '');
  if (!eq) return undefined;
  const [a, b] = (c.type === 'comparison_operator' ? c.namedChildren : [c.childForFieldName('left'), c.childForFieldName('right')]).map((x) => (x ? unwrap(x) : undefined));
  if (!a || !b) return undefined;
  if (a.type === 'identifier' && b.type !== 'identifier') return { param: a.text, other: b };
  if (b.type === 'identifier' && a.type !== 'identifier') return { param: b.text, other: a };
  return undefined;
}

/**
 * Whether what the call gives for the compared parameter (or its default) equals the other side: both resolve to the
 * same string (an enum member's value, a constant in either file), or, in one file, they are the same expression.
 */
function chosenBy(fa: FileAnalyzer, call: Node, fn: Node, ctx: FileAnalyzer, cmp: { param: string; other: Node }): boolean {
  const passed = boundArgument(fn, call, cmp.param);
  if (passed === null) return false;
  const given = passed ?? paramDefault(fn, cmp.param);
  if (!given) return false;
  const g = unwrap(given);
  const gv = (passed ? fa : ctx).resolveString(g).value;
  const kv = ctx.resolveString(cmp.other).value;
  if (gv !== null || kv !== null) return gv === kv;
  return (passed ? fa : ctx) === ctx && g.text === cmp.other.text;
}

/** Whether the function body assigns the parameter (`provider = os.getenv(…)`): its value is then not the call's. */
function reassigns(body: Node, name: string): boolean {
  return body.descendantsOfType(['assignment', 'assignment_expression', 'augmented_assignment']).some((a) => a?.childForFieldName('left')?.text === name);
}

/**
 * The argument `call` passes for parameter `name` of `fn`, a method's `self` / `cls` skipped (`self.get_llm("x")`,
 * `Factory.create("x")`): the node, undefined when the call passes none (the default applies), null when it cannot
 * be told (the parameter not found).
 */
function boundArgument(fn: Node, call: Node, name: string): Node | undefined | null {
  const names = paramNames(fn);
  const bound = names[0] === 'self' || names[0] === 'cls' ? names.slice(1) : names;
  const at = bound.indexOf(name);
  if (at < 0) return null;
  const args = callArgs(call);
  const kw = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
  if (kw) return kw.childForFieldName('value') ?? null;
  const positional = args.filter((a) => a.type !== 'keyword_argument');
  return positional[at];
}

/** The default value of parameter `name` of `fn`, if it has one. */
function paramDefault(fn: Node, name: string): Node | undefined {
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p || !/default_parameter|assignment_pattern|optional_parameter/.test(p.type)) continue;
    const n = p.childForFieldName('name') ?? p.childForFieldName('left') ?? p.childForFieldName('pattern');
    if (n?.text === name) return p.childForFieldName('value') ?? p.childForFieldName('right') ?? undefined;
  }
  return undefined;
}
