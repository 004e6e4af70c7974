/**
 * What makes re-analysing one edited top-level function alone unsafe (detector.ts `editedFunction`): text tests over
 * its old and new body for the ways a function reaches the sites of others (a dotted or item write the analyser looks
 * up file-wide, a name it assigns that others read, a local definition it passes a client to).
 */
import { isNameCode, type Lang } from './syntax';

/** `a.b = …` (not `==`): the analyser searches the whole file for such writes to a dotted receiver. */
export const DOTTED_WRITE = /\.[ \t]*[\w$]+[ \t]*=(?!=)/;
/** `x[k] = …`, `cache.set(k, …)`: the analyser looks up writes to a client cache file-wide. */
export const ITEM_WRITE = /\][ \t]*=(?!=)|\.(?:set|setdefault)[ \t]*\(/;
const CALLED_NAME = /(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*\(/g;
/** Python `global x` / `nonlocal x`: the function assigns a name other functions read (a client made on first use). */
const PY_OUTER_DECL = /^[ \t]*(?:global|nonlocal)[ \t]/m;
/** A JS assignment to a plain name (`client = new OpenAI()`, `x ??= …`), not a declaration. */
const JS_NAME_WRITE = /(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*(?:[-+*/%&|^]|\?\?|\|\||&&)?=(?![=>])/g;

/**
 * True when the function body assigns a name that the rest of the file reads: a client made on first use
 * (`global _client; _client = OpenAI()`, an outer `let client` assigned in `getClient()`) reaches the sites of other
 * functions (analyzer lateBinding), so they may change with this body. Python needs `global`/`nonlocal` for that; in
 * JS, a name assigned (not declared) in the body that the file mentions elsewhere.
 */
export function writesOuterName(body: string, text: string, at: { readonly start: number; readonly end: number }, lang: Lang): boolean {
  if (lang === 'python') return PY_OUTER_DECL.test(body);
  JS_NAME_WRITE.lastIndex = 0;
  for (let m = JS_NAME_WRITE.exec(body); m; m = JS_NAME_WRITE.exec(body)) {
    const name = m[1] ?? '';
    // A declaration (`const response = …`) writes a name of its own; any other write may be the outer one (a block's
    // own `let` or a comment elsewhere in the body does not tell which): the safe answer is yes.
    if (/^(?:let|const|var)$/.test(name) || /(?:^|[^\w$])(?:let|const|var)[ \t]+$/.test(body.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (mentionedOutside(text, name, at.start, at.end)) return true;
  }
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
