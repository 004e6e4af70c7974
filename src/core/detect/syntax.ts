/**
 * Thin helpers over tree-sitter nodes that hide the differences between the Python and JS/TS grammars
 * (node type and field names), so the analyser reads the same way for both.
 */
import type { Node } from 'web-tree-sitter';
import type { Range } from '../types';

export type Lang = 'python' | 'js';

export function isCall(n: Node): boolean {
  return n.type === 'call' || n.type === 'call_expression' || n.type === 'new_expression';
}

/** The callee of a call/new expression. */
export function callee(n: Node): Node | null {
  return n.childForFieldName('function') ?? n.childForFieldName('constructor');
}

/** The argument nodes (named children of the argument list), without comments. */
/** The value of a Python keyword argument written in a call (`f(model=x)`: `x`); `**kwargs` splats are not followed. */
export function keywordArg(call: Node, name: string): Node | undefined {
  return callArgs(call).find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value') ?? undefined;
}

export function callArgs(n: Node): Node[] {
  const a = n.childForFieldName('arguments');
  if (!a) return [];
  // A Python call with a bare generator argument (`f(x for x in y)`) has the generator as `arguments`.
  if (a.type === 'generator_expression') return [a];
  return a.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

export function isMember(n: Node): boolean {
  return n.type === 'attribute' || n.type === 'member_expression';
}

export function memberObject(n: Node): Node | null {
  return n.childForFieldName('object');
}

export function memberName(n: Node): string | undefined {
  return (n.childForFieldName('attribute') ?? n.childForFieldName('property'))?.text;
}

export function isIdentifier(n: Node): boolean {
  return n.type === 'identifier';
}

/** The receiver of a method's own attributes: Python `self`, JS/TS `this`. */
export function isSelfRef(n: Node): boolean {
  return (n.type === 'identifier' && n.text === 'self') || n.type === 'this';
}

/** Strips wrappers that do not change a value: parentheses, `await`, TS casts and non-null assertions. */
export function unwrap(n: Node): Node {
  let cur = n;
  for (let i = 0; i < 10; i++) {
    if (cur.type === 'parenthesized_expression' || cur.type === 'await' || cur.type === 'await_expression' || cur.type === 'as_expression' || cur.type === 'satisfies_expression' || cur.type === 'non_null_expression' || cur.type === 'type_assertion') {
      const inner = cur.namedChildren.find((c) => c !== null && c.type !== 'comment' && c.type !== 'type_annotation' && !c.type.endsWith('_type') && c.type !== 'type_identifier');
      if (!inner) return cur;
      cur = inner;
    } else return cur;
  }
  return cur;
}

export function toRange(n: Node): Range {
  return {
    start: { line: n.startPosition.row, character: n.startPosition.column },
    end: { line: n.endPosition.row, character: n.endPosition.column },
  };
}

export const FUNCTION_TYPES = new Set([
  'function_definition', 'function_declaration', 'function_expression', 'function', 'method_definition',
  'generator_function_declaration', 'generator_function', 'arrow_function', 'lambda',
]);
export const SCOPE_TYPES = new Set([...FUNCTION_TYPES, 'module', 'program']);

/**
 * The expressions a Python `with` statement opens, one per item, as written (`with a() as x, b():` gives `a()` and
 * `b()`; the `as` target is left out, parentheses around an item are kept).
 */
export function withItemValues(withStatement: Node): Node[] {
  const clause = withStatement.namedChildren.find((c) => c?.type === 'with_clause');
  const out: Node[] = [];
  for (const item of clause?.namedChildren ?? []) {
    const v = item?.type === 'with_item' ? item.childForFieldName('value') : null;
    const value = v?.type === 'as_pattern' ? v.namedChildren[0] : v;
    if (value) out.push(value);
  }
  return out;
}

/** True for string literal nodes of either grammar (templates/f-strings included). */
export function isStringNode(n: Node): boolean {
  return n.type === 'string' || n.type === 'template_string' || n.type === 'concatenated_string';
}

/** Decoded text and hole count of a string literal node (f-strings and JS templates count their holes). */
export function stringParts(n: Node): { text: string; holes: Node[] } {
  if (n.type === 'concatenated_string') {
    let text = '';
    const holes: Node[] = [];
    for (const c of n.namedChildren) {
      if (!c) continue;
      const p = stringParts(c);
      text += p.text;
      holes.push(...p.holes);
    }
    return { text, holes };
  }
  let text = '';
  const holes: Node[] = [];
  for (const c of n.namedChildren) {
    if (!c) continue;
    switch (c.type) {
      case 'string_content':
      case 'string_fragment':
        text += c.text;
        break;
      case 'escape_sequence':
        text += decodeEscape(c.text);
        break;
      case 'interpolation':
      case 'template_substitution':
        holes.push(c);
        break;
      default:
        break;
    }
  }
  return { text, holes };
}

function decodeEscape(s: string): string {
  switch (s) {
    case '\\n': return '\n';
    case '\\t': return '\t';
    case '\\r': return '\r';
    case '\\"': return '"';
    case "\\'": return "'";
    case '\\\\': return '\\';
    case '\\`': return '`';
    default: return s.length === 2 ? s[1] ?? s : s;
  }
}

/** The key of a Python dict pair / JS object pair as plain text (quotes removed), or undefined. */
export function pairKey(n: Node): string | undefined {
  const k = n.childForFieldName('key') ?? n.childForFieldName('name');
  if (!k) return undefined;
  if (k.type === 'string') return stringParts(k).text;
  if (k.type === 'identifier' || k.type === 'property_identifier') return k.text;
  return undefined;
}

/** The 1-based line of a node's start row. */
export function lineOf(n: Node): number {
  return n.startPosition.row + 1;
}

/** A JavaScript/Python identifier character in ASCII (letters, digits, `_`, `$`), by char code. */
export function isAsciiWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/**
 * An identifier character by char code, counting every non-ASCII code unit as one (a name may be written in any
 * script): for "is this name mentioned elsewhere", where a false yes only costs a full re-analysis.
 */
export function isNameCode(c: number): boolean {
  return isAsciiWordCode(c) || c > 127;
}

/**
 * The type arguments a JS/TS call of a fetch-like function may write before its parentheses (`fetch<T>(`), as a regex
 * fragment shared by the HTTP-call patterns: bounded to one line and 200 characters, so that a name merely ending in
 * `fetch` (`Prefetch<number> …`) is not read on to a far `>` from every occurrence (quadratic on a long line).
 */
export const JS_TYPE_ARGS = String.raw`(?:<[^()\n]{0,200}?>\s*)?`;

/**
 * Functions called like `fetch(url, init)`: the global, Nuxt's `$fetch`, `ofetch`, `ky`, `got`, and
 * `fetchEventSource` (@microsoft/fetch-event-source and its forks: the streaming request of many chat front ends).
 */
export const JS_FETCH_FUNCTIONS: readonly string[] = ['fetch', '$fetch', 'ofetch', 'fetchEventSource', 'ky', 'got'];
/** {@link JS_FETCH_FUNCTIONS} as a regex alternation, longest first (`fetchEventSource` before `fetch`). */
export const JS_FETCH_ALT = [...JS_FETCH_FUNCTIONS].sort((a, b) => b.length - a.length).map((n) => n.replace(/\$/g, '\\$')).join('|');

/**
 * A JS declaration that gives `fetch` a local name (`const fetchImpl = options.fetch ?? fetch;`, `= globalThis.fetch`,
 * `|| window.fetch.bind(window)`): the name (group 1) is then called like fetch (rawHttp.ts, evidence.ts). Its
 * quantifiers are bounded: a long minified line of declarations costs a bounded look at each, not one to the next `=`.
 */
export const JS_FETCH_ALIAS_RE = /(?<![\w$.])(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n;]{1,120})?=[ \t]*(?:[^;\n=]{0,160}?(?:\?\?|\|\|)[ \t]*)?(?:globalThis\.|window\.|self\.)?fetch(?:\.bind\([^()\n]{0,40}\))?[ \t]*(?:;|$)/gm;
