/**
 * What makes re-analysing one edited top-level function alone unsafe (detector.ts `editedFunction`): tests over the
 * text (and, for a JS function's own writes, the syntax tree) of its old and new body for the ways a function reaches the sites of others (a dotted or item write the analyser looks
 * up file-wide, a name it assigns that others read, a local definition it passes a client to).
 */
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES, isNameCode } from './syntax';
import { TYPES } from './catalog/sdks';
import { escapeRe } from './analyzer/text';

/** `a.b = …` (not `==`): the analyser searches the whole file for such writes to a dotted receiver. */
export const DOTTED_WRITE = /\.[ \t]*[\w$]+[ \t]*=(?!=)/;
/** `x[k] = …`, `cache.set(k, …)`: the analyser looks up writes to a client cache file-wide. */
export const ITEM_WRITE = /\][ \t]*=(?!=)|\.(?:set|setdefault)[ \t]*\(/;
/**
 * A call that sets the model of the whole file (DSPy `dspy.configure(lm=…)`, TypeSpec.globalModel `calls`): the sites
 * of other functions run the model it names.
 */
export const CONFIGURES_MODEL = new RegExp(
  [...new Set(TYPES.flatMap((t) => (t.globalModel && typeof t.globalModel !== 'string' ? t.globalModel.calls.map((c) => c.split('.').pop() ?? c) : [])))]
    .map((c) => `\\b${escapeRe(c)}[ \\t]*\\(`).join('|') || '(?!)',
);
const CALLED_NAME = /(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*\(/g;
/** Python `global x` / `nonlocal x`: the function assigns a name other functions read (a client made on first use). */
const PY_OUTER_DECL = /^[ \t]*(?:global|nonlocal)[ \t]/m;
/**
 * True when a Python function body declares `global`/`nonlocal`: it assigns a name that the rest of the file reads (a
 * client made on first use, `global _client; _client = OpenAI()`), which reaches the sites of other functions (analyzer
 * lateBinding), so they may change with this body. JS functions: {@link jsWritesOuterName}, on the syntax tree.
 */
export function pyWritesOuterName(body: string): boolean {
  return PY_OUTER_DECL.test(body);
}

const JS_DECLARATIONS = new Set(['lexical_declaration', 'variable_declaration']);

/** Whether a declaration statement (`let a = 1, b`, `var c`) declares `name`. */
function declares(stmt: Node, name: string): boolean {
  if (stmt.type === 'function_declaration' || stmt.type === 'class_declaration' || stmt.type === 'generator_function_declaration') return stmt.childForFieldName('name')?.text === name;
  if (!JS_DECLARATIONS.has(stmt.type)) return false;
  return stmt.namedChildren.some((d) => d?.type === 'variable_declarator' && d.childForFieldName('name')?.text === name);
}

/** Whether a function's parameters bind `name` (plain, optional, with a default or a type). */
function hasParameter(fn: Node, name: string): boolean {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return false;
  if (params.type === 'identifier') return params.text === name;
  return params.namedChildren.some((p) => {
    const target = p?.childForFieldName('pattern') ?? p?.childForFieldName('left') ?? p;
    return target?.type === 'identifier' && target.text === name;
  });
}

/** Whether a `var` of `name` is declared in `fn`'s own body (not in a function nested in it): it is local to `fn`. */
function hasVar(fn: Node, name: string): boolean {
  const stack: Node[] = [];
  const body = fn.childForFieldName('body');
  if (body) stack.push(body);
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.type === 'variable_declaration' && declares(n, name)) return true;
    // A nested function's (or a class static block's) `var` is its own.
    for (const c of n.namedChildren) if (c && !FUNCTION_TYPES.has(c.type) && c.type !== 'class_static_block' && c.type !== 'class_body') stack.push(c);
  }
  return false;
}

/** Whether `name`, assigned at `write`, is declared in a scope between it and `fn` (inclusive): a block, a loop head, a function. */
function declaredAround(write: Node, fn: Node, name: string): boolean {
  for (let a = write.parent; a; a = a.parent) {
    if (a.type === 'statement_block' || a.type === 'switch_body' || a.type === 'program') {
      if (a.namedChildren.some((c) => c !== null && declares(c, name))) return true;
    } else if (a.type === 'for_statement' || a.type === 'for_in_statement') {
      const head = a.childForFieldName('initializer') ?? a.childForFieldName('left');
      if (head && (declares(head, name) || (a.type === 'for_in_statement' && a.childForFieldName('kind') !== null && head.text === name))) return true;
    } else if (a.type === 'catch_clause') {
      if (a.childForFieldName('parameter')?.text === name) return true;
    }
    // A named function expression binds its name inside itself (a declaration's or a method's name is the outer one's).
    if (FUNCTION_TYPES.has(a.type) && (hasParameter(a, name) || hasVar(a, name) || ((a.type === 'function_expression' || a.type === 'function') && a.childForFieldName('name')?.text === name))) return true;
    if (a.id === fn.id) return false;
  }
  return false;
}

/**
 * The JS names a function (its syntax tree, `fn`) assigns without declaring them in a scope around the assignment:
 * what it may write for the rest of the file (`client = new OpenAI()` on an outer `let client`). A local accumulator
 * (`let total = 0; … total += k`) is none.
 */
export function jsUndeclaredWrites(fn: Node, declared?: Set<string>): Set<string> {
  const out = new Set<string>();
  const stack: Node[] = [fn];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.type === 'assignment_expression' || n.type === 'augmented_assignment_expression') {
      const left = n.childForFieldName('left');
      if (left?.type === 'identifier' && !out.has(left.text)) {
        if (!declaredAround(n, fn, left.text)) out.add(left.text);
        else declared?.add(left.text);
      }
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out;
}

/**
 * True when a JS function (its syntax tree, `fn`) assigns a name the rest of the file reads (an outer `let client`
 * assigned in `getClient()`): an undeclared name the file mentions elsewhere, or a local one the file binds to a
 * placeholder elsewhere.
 */
export function jsWritesOuterName(fn: Node, text: string, at: { readonly start: number; readonly end: number }): boolean {
  const declared = new Set<string>();
  for (const name of jsUndeclaredWrites(fn, declared)) if (mentionedOutside(text, name, at.start, at.end)) return true;
  // The analyser gives a name bound to a placeholder (`let client = null`) the value of any `client = …` in the file,
  // whatever its scope (clients.ts lateBinding): a write to a local of that name counts as well.
  for (const name of declared) if (placeholderOutside(text, name, at.start, at.end)) return true;
  return false;
}

/** Whether the text outside `[from, to)` binds `name` to a placeholder (`= null`, `= undefined`) or declares it without a value. */
function placeholderOutside(text: string, name: string, from: number, to: number): boolean {
  const n = name.replace(/\$/g, '\\$');
  const re = new RegExp(`(?<![\\w$.])${n}[ \\t]*(?::[^=;\\n]*)?=[ \\t]*(?:null|undefined|void 0)\\b|\\b(?:let|var)[ \\t]+${n}[ \\t]*(?::[^=;\\n]*)?(?:[;,]|$)`, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index < from || m.index >= to) return true;
  return false;
}

/**
 * True when the body calls a function or class defined elsewhere in the file: a client passed there reaches that
 * function's parameter (analyzer/travel.ts), so sites outside the edited function can change.
 */
export function callsLocalDefinition(body: string, text: string, e: { readonly start: number; readonly end: number }): boolean {
  const seen = new Set<string>();
  let outside: string | undefined;
  CALLED_NAME.lastIndex = 0;
  for (let m = CALLED_NAME.exec(body); m; m = CALLED_NAME.exec(body)) {
    const name = m[1] ?? '';
    if (seen.has(name) || seen.size > 200) continue;
    seen.add(name);
    if (!mentionedOutside(text, name, e.start, e.end)) continue;
    const def = new RegExp(`(?:\\b(?:def|function|class)[ \\t]+${name.replace(/\$/g, '\\$')}\\b|(?<![\\w$.])${name.replace(/\$/g, '\\$')}[ \\t]*=[ \\t]*(?:async[ \\t]*)?(?:\\(|function\\b|[A-Za-z_$][\\w$]*[ \\t]*=>))`);
    outside ??= text.slice(0, e.start) + text.slice(e.end);
    if (def.test(outside)) return true;
  }
  return false;
}

/** True when `name` appears as a whole word in `text` outside `[from, to)` (in code, comments or strings alike). */
export function mentionedOutside(text: string, name: string, from: number, to: number): boolean {
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
    if (i >= from && i < to) continue;
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const after = i + name.length < text.length ? text.charCodeAt(i + name.length) : 32;
    if (!isNameCode(before) && !isNameCode(after)) return true;
  }
  return false;
}
