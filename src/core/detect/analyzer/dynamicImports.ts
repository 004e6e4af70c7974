/**
 * Modules loaded at run time from a string literal (JS `require`/`import()`, Python `importlib`), also through a
 * loader helper handed a thunk of one. Moved out of clients.ts (size).
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, callee, stringParts, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';

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
