/**
 * Modules loaded at run time from a string literal (JS `require`/`import()`, Python `importlib`), also through a
 * loader helper handed a thunk of one. Moved out of clients.ts (size).
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, callee, stringParts, unwrap } from '../syntax';

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
