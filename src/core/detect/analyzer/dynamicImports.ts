/**
 * Modules loaded at run time from a string literal (JS `require`/`import()`, Python `importlib`), also through a
 * loader helper handed a thunk of one. Moved out of clients.ts (size).
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, callee, FUNCTION_TYPES, isMember, stringParts, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Value } from './types';

/**
 * The module a call loads at run time, written as a string literal: JS `require('m')` and `import('m')`, Python
 * `importlib.import_module("m")` and `__import__("m")`, and a loader helper handed a thunk of one
 * (`await loadPeer('ollama', label, () => import('ollama'))`, `lazyImport(() => require('openai'))`): such a helper
 * exists to return the module (or throw a friendlier error). `''` for such a call with no literal; undefined for any
 * other call.
 */
export function dynamicImportOf(call: Node): string | undefined {
  const fn = callee(call);
  if (!fn) return undefined;
  const name = fn.type === 'import' ? 'import' : fn.text;
  if (name !== 'require' && name !== 'import' && name !== 'importlib.import_module' && name !== 'import_module' && name !== '__import__') return importThunkArg(call);
  const arg = callArgs(call)[0];
  return arg && (arg.type === 'string' || (arg.type === 'template_string' && !arg.namedChildren.some((c) => c?.type === 'template_substitution'))) ? stringParts(arg).text : '';
}

/** The module of a call's argument that is a thunk of a dynamic import: `() => import('m')`, `function () { return require('m'); }`. */
function importThunkArg(call: Node): string | undefined {
  for (const a of callArgs(call)) {
    if (a.type !== 'arrow_function' && a.type !== 'function_expression' && a.type !== 'function') continue;
    const params = a.childForFieldName('parameters') ?? a.childForFieldName('parameter');
    if (params && params.namedChildren.some((c) => c !== null && c.type !== 'comment')) continue;
    let body = a.childForFieldName('body');
    if (body?.type === 'statement_block') {
      const stmts = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      const ret = stmts.length === 1 && stmts[0]?.type === 'return_statement' ? stmts[0] : undefined;
      body = ret?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    }
    const inner = body ? unwrap(body) : undefined;
    if (inner?.type !== 'call_expression') continue;
    const f = callee(inner);
    if (f && (f.type === 'import' || f.text === 'require')) return dynamicImportOf(inner);
  }
  return undefined;
}

/**
 * A lazy module proxy built by a class of the file (`litellm = LazyLiteLLM()`, whose `__getattr__` loads
 * `importlib.import_module("litellm")` on first use and forwards to it, as Aider does to defer a slow import): the
 * instance stands for the module. The class's `__getattr__` returns `getattr(X, name)` and the class assigns X the
 * loaded module (`self._lazy_module = importlib.import_module("litellm")`); a proxy of something else (an attribute of
 * the module, `getattr(mod.settings, name)`) is not one.
 */
export function lazyModuleProxy(fa: FileAnalyzer, fn: Node): string | undefined {
  if (fa.lang !== 'python' || fn.type !== 'identifier') return undefined;
  const b = fa.lookup(fn.text, fn);
  if (b?.kind !== 'class') return undefined;
  const body = b.node.childForFieldName('body');
  const getattr = body?.namedChildren
    .map((c) => (c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c))
    .find((d) => d?.type === 'function_definition' && d.childForFieldName('name')?.text === '__getattr__');
  const name = getattr?.childForFieldName('parameters')?.namedChildren[1]?.text;
  if (!body || !getattr || !name) return undefined;
  // The object `__getattr__` forwards to: `return getattr(self._lazy_module, name)`.
  const forwarded = getattr.descendantsOfType('call').map((c) => (c && callee(c)?.text === 'getattr' ? callArgs(c) : [])).find((a) => a.length === 2 && a[1]?.text === name)?.[0]?.text;
  if (!forwarded) return undefined;
  const loaded = new Set<string>();
  for (const a of body.descendantsOfType('assignment')) {
    const right = a?.childForFieldName('right');
    const module = right && a.childForFieldName('left')?.text === forwarded && right.type === 'call' ? dynamicImportOf(right) : undefined;
    if (module) loaded.add(module);
  }
  return loaded.size === 1 ? [...loaded][0] : undefined;
}

/**
 * `X.then(cb)` whose callback takes one argument (`(m) => …`, `function (m) { return …; }`): the promise `X`, the
 * argument's name and the expression the callback returns.
 */
function thenCallback(call: Node): { readonly source: Node; readonly param: string; readonly returned: Node } | undefined {
  const fn = callee(call);
  const args = callArgs(call);
  const cb = args[0];
  if (!fn || !isMember(fn) || fn.childForFieldName('property')?.text !== 'then' || args.length !== 1 || !cb) return undefined;
  if (cb.type !== 'arrow_function' && cb.type !== 'function_expression' && cb.type !== 'function') return undefined;
  const ps = cb.childForFieldName('parameter') ?? cb.childForFieldName('parameters');
  const list = ps?.type === 'identifier' ? [ps] : (ps?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
  const p = list.length === 1 && list[0] ? (list[0].childForFieldName('pattern') ?? list[0]) : undefined;
  const body = cb.childForFieldName('body');
  const returned = body ? returnedExpression(body) : undefined;
  const source = fn.childForFieldName('object');
  return p?.type === 'identifier' && returned && source ? { source, param: p.text, returned } : undefined;
}

/** What a function body returns: the arrow's expression, or the one `return` of a block. */
function returnedExpression(body: Node): Node | undefined {
  if (body.type !== 'statement_block') return unwrap(body);
  const stmts = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const ret = stmts.length === 1 && stmts[0]?.type === 'return_statement' ? stmts[0].namedChildren.find((c) => c !== null && c.type !== 'comment') : undefined;
  return ret ? unwrap(ret) : undefined;
}

/**
 * A promise's `.then(cb)` whose callback hands its argument on unchanged (`await import('cohere-ai').then((m) => m)`):
 * the promise's own value, `X`.
 */
export function passedThrough(call: Node): Node | undefined {
  const t = thenCallback(call);
  return t && t.returned.type === 'identifier' && t.returned.text === t.param ? t.source : undefined;
}

/**
 * Member `key` of what a loader hands back in an object literal, for a destructuring `const { ollama } = await …`:
 * `import('ollama').then((m) => ({ ollama: m }))`, or a call of a function or (static) method of the file that returns
 * `{ ollama }` / `{ googleGenAi: GoogleGenerativeAI }` (chroma's `static async import()` helpers).
 */
export function keyedValue(fa: FileAnalyzer, value: Node, key: string): Value | undefined {
  const v = unwrap(value);
  if (v.type !== 'call_expression') return undefined;
  const t = thenCallback(v);
  if (t) {
    const held = t.returned.type === 'object' ? keyedProperty(t.returned, key) : undefined;
    return held?.text === t.param ? fa.evalValue(t.source) : undefined;
  }
  const def = localFunction(fa, v);
  const body = def?.childForFieldName('body');
  if (!def || !body) return undefined;
  for (const r of body.descendantsOfType('return_statement')) {
    if (!r || fa.ancestors(r).find((a) => FUNCTION_TYPES.has(a.type))?.id !== def.id) continue;
    const e = r.namedChildren.find((c) => c !== null && c.type !== 'comment');
    const held = e && unwrap(e).type === 'object' ? keyedProperty(unwrap(e), key) : undefined;
    if (!held) continue;
    if (held.type !== 'shorthand_property_identifier') return fa.evalValue(held);
    const b = fa.lookup(held.text, held);
    return b ? fa.evalBinding(b, held) : undefined;
  }
  return undefined;
}

/** The value of `key` in an object literal (`{ key: x }`, or the shorthand `{ key }` itself). */
function keyedProperty(obj: Node, key: string): Node | undefined {
  for (const c of obj.namedChildren) {
    if (c?.type === 'shorthand_property_identifier' && c.text === key) return c;
    if (c?.type === 'pair' && c.childForFieldName('key')?.text === key) {
      const val = c.childForFieldName('value');
      return val ? unwrap(val) : undefined;
    }
  }
  return undefined;
}

/** The function or method of the file a call calls: `load()`, `Cls.import()` (a static method), `this.load()`. */
function localFunction(fa: FileAnalyzer, call: Node): Node | undefined {
  const fn = callee(call);
  if (fn?.type === 'identifier') {
    const b = fa.lookup(fn.text, fn);
    return b?.kind === 'func' ? b.node : undefined;
  }
  if (!fn || !isMember(fn)) return undefined;
  const obj = fn.childForFieldName('object');
  const name = fn.childForFieldName('property')?.text;
  const ob = obj?.type === 'identifier' ? fa.lookup(obj.text, obj) : undefined;
  const cls = obj?.type === 'this' ? fa.enclosingClass(call) : ob?.kind === 'class' ? ob.node : undefined;
  return cls?.childForFieldName('body')?.namedChildren.find((m) => m?.type === 'method_definition' && m.childForFieldName('name')?.text === name) ?? undefined;
}
