/**
 * Call context that does not depend on the SDK: enclosing loops and fan-outs, the enclosing function's name,
 * and `tokentier-ignore` / `tokentier:` comments.
 */
import type { Node } from 'web-tree-sitter';
import type { LoopContext } from '../types';
import { callArgs, callee, isCall, isMember, memberName, memberObject, toRange, unwrap } from './syntax';

const STOP_FUNCTIONS = new Set(['function_definition', 'function_declaration', 'method_definition', 'generator_function_declaration', 'class_definition', 'class_declaration']);
const AGENT_NAME = /iter|step|turn|round|attempt|retr|hop|cycle/i;

/** Resolves a node to a small integer constant (literal or one binding hop), for loop bounds. */
export type NumberOf = (n: Node) => number | undefined;

/** Enclosing loops and fan-outs of a call, innermost first, up to the enclosing named function. */
export function loopsOf(call: Node, ancestors: readonly Node[], numberOf: NumberOf): LoopContext[] {
  const out: LoopContext[] = [];
  let child: Node = call;
  for (let i = 0; i < ancestors.length; i++) {
    const cur = ancestors[i];
    if (!cur) break;
    if (STOP_FUNCTIONS.has(cur.type)) break;
    const t = cur.type;
    if (t === 'for_statement' || t === 'for_in_statement') {
      const body = cur.childForFieldName('body');
      const inBody = !body || (child.startIndex >= body.startIndex && child.endIndex <= body.endIndex);
      if (inBody) out.push(forLoop(cur, numberOf));
    } else if (t === 'while_statement' || t === 'do_statement') {
      out.push(whileLoop(cur, numberOf));
    } else if (t === 'list_comprehension' || t === 'generator_expression' || t === 'set_comprehension' || t === 'dictionary_comprehension') {
      const clause = cur.namedChildren.find((c) => c?.type === 'for_in_clause');
      const right = clause?.childForFieldName('right');
      const bound = right ? iterBound(right, numberOf) : undefined;
      const up1 = ancestors[i + 1];
      const hop = up1?.type === 'argument_list' ? 2 : up1?.type === 'list_splat' ? 3 : 0;
      const parentCall = hop ? ancestors[i + hop] ?? null : null;
      const gather = !!parentCall && isGather(parentCall);
      out.push({ kind: gather ? 'gather' : 'comprehension', ...(bound !== undefined ? { bound } : {}), range: toRange(cur) });
      if (gather) {
        // `gather(*[create(d) for d in docs])`: the comprehension is the fan-out; the gather runs it once (issue #19 item 1).
        child = parentCall;
        i += hop;
        continue;
      }
    } else if ((t === 'call' || t === 'call_expression') && child.type !== 'member_expression' && child.type !== 'attribute') {
      const fn = callee(cur);
      const fnText = fn?.text ?? '';
      const last = fn && isMember(fn) ? memberName(fn) : fnText;
      const argsNode = cur.childForFieldName('arguments');
      const inArgs = argsNode && child.startIndex >= argsNode.startIndex && child.endIndex <= argsNode.endIndex;
      if (inArgs) {
        if (/^Promise\.(all|allSettled|race|any)$/.test(fnText) || /(^|\.)gather$/.test(fnText)) {
          const fan = concurrentFanOut(cur, call, fnText.startsWith('Promise') ? 'promise-all' : 'gather');
          if (fan) out.push(fan);
        } else if (last === 'map' || last === 'forEach' || last === 'flatMap' || last === 'starmap' || last === 'imap' || last === 'imap_unordered' || last === 'map_async') {
          const obj = fn && isMember(fn) ? memberObject(fn) : undefined;
          const u = obj ? unwrap(obj) : undefined;
          let bound: number | undefined;
          if (u?.type === 'array' || u?.type === 'list') bound = u.namedChildren.filter((x) => x && x.type !== 'comment').length;
          else if (fnText === 'map' || last === 'map') {
            const it = callArgs(cur)[1];
            if (it && this_is_py(cur)) bound = iterBound(it, numberOf);
          }
          out.push({ kind: 'map', ...(bound !== undefined ? { bound } : {}), range: toRange(cur) });
        }
      }
    }
    child = cur;
  }
  return out;
}

function isGather(n: Node): boolean {
  return /(^|\.)gather$/.test(callee(n)?.text ?? '');
}

/**
 * What `Promise.all(…)` / `asyncio.gather(…)` adds around a call that is (inside) one of its arguments, `via` being the
 * site's call (inside one of its arguments). The fan-out is counted once, by whatever repeats the call:
 * - a direct element (`gather(a(), b())`, `Promise.all([a(), b()])`): each call runs once → bound 1;
 * - a `.map(…)`, comprehension or loop inside the argument already counted its iterations → nothing more;
 * - anything else (`gather(*tasks)` around a call in a helper) → the gather's own unbounded context.
 */
function concurrentFanOut(cur: Node, via: Node, kind: 'promise-all' | 'gather'): LoopContext | undefined {
  const args = callArgs(cur);
  const arg = args.find((a) => via.startIndex >= a.startIndex && via.endIndex <= a.endIndex);
  const u = arg ? unwrap(arg.type === 'list_splat' || arg.type === 'spread_element' ? arg.namedChildren[0] ?? arg : arg) : undefined;
  if (!u) return { kind, unbounded: true, range: toRange(cur) };
  // Already counted by the map, comprehension or generator that builds the list.
  if (/comprehension|generator_expression/.test(u.type)) return undefined;
  if (isCall(u)) {
    const fn = callee(u);
    const last = fn && isMember(fn) ? memberName(fn) : fn?.text;
    if (last === 'map' || last === 'flatMap' || last === 'from') return undefined;
    // The call itself is the argument: it runs once.
    return { kind, bound: 1, range: toRange(cur) };
  }
  if (u.type === 'array' || u.type === 'list' || u.type === 'tuple') return { kind, bound: 1, range: toRange(cur) };
  return { kind, unbounded: true, range: toRange(cur) };
}

function this_is_py(n: Node): boolean {
  return n.type === 'call';
}

function forLoop(n: Node, numberOf: NumberOf): LoopContext {
  const range = toRange(n);
  const right = n.childForFieldName('right');
  if (right) {
    const bound = iterBound(right, numberOf);
    const left = n.childForFieldName('left')?.text ?? '';
    const agent = /range/.test(right.text) && AGENT_NAME.test(`${left} ${right.text}`);
    return { kind: agent ? 'agent' : 'for', ...(bound !== undefined ? { bound } : {}), range };
  }
  // C-style `for (let i = 0; i < N; i++)`.
  const cond = n.childForFieldName('condition');
  const bound = cond ? compareBound(cond, numberOf) : undefined;
  if (!cond || cond.text.trim() === ';' || cond.text.trim() === '') return { kind: 'for', unbounded: true, range };
  return { kind: AGENT_NAME.test(cond.text) ? 'agent' : 'for', ...(bound !== undefined ? { bound } : {}), range };
}

function whileLoop(n: Node, numberOf: NumberOf): LoopContext {
  const range = toRange(n);
  const cond = n.childForFieldName('condition');
  const c = cond ? unwrap(cond) : undefined;
  const text = c?.text.trim() ?? '';
  if (c && (c.type === 'true' || text === 'True' || text === 'true' || text === '1')) return { kind: 'while', unbounded: true, range };
  const bound = c ? compareBound(c, numberOf) : undefined;
  const agent = AGENT_NAME.test(text);
  return { kind: agent ? 'agent' : 'while', ...(bound !== undefined ? { bound } : {}), range };
}

function compareBound(cond: Node, numberOf: NumberOf): number | undefined {
  const c = unwrap(cond);
  const inner = c.type === 'parenthesized_expression' ? c.namedChildren[0] ?? c : c;
  if (inner.type === 'comparison_operator' || inner.type === 'binary_expression') {
    const kids = inner.namedChildren.filter((x): x is Node => x !== null);
    const op = inner.childForFieldName('operator')?.text ?? inner.children.find((x) => x && /^(<|<=)$/.test(x.text))?.text;
    const right = inner.childForFieldName('right') ?? kids[1];
    if (right && (op === '<' || op === '<=')) {
      const v = numberOf(right);
      if (v !== undefined) return op === '<=' ? v + 1 : v;
    }
  }
  return undefined;
}

function iterBound(it: Node, numberOf: NumberOf): number | undefined {
  const u = unwrap(it);
  if (u.type === 'list' || u.type === 'tuple' || u.type === 'array') return u.namedChildren.filter((x) => x && x.type !== 'comment').length;
  if (u.type === 'call' && /^(range|xrange)$/.test(callee(u)?.text ?? '')) {
    const args = callArgs(u);
    if (args.length === 1 && args[0]) return numberOf(args[0]);
    if (args.length >= 2 && args[0] && args[1]) {
      const a = numberOf(args[0]);
      const b = numberOf(args[1]);
      if (a !== undefined && b !== undefined) return Math.max(0, b - a);
    }
  }
  if (u.type === 'call' && /(^|\.)enumerate$/.test(callee(u)?.text ?? '')) {
    const a = callArgs(u)[0];
    return a ? iterBound(a, numberOf) : undefined;
  }
  return undefined;
}

/** The name of the enclosing function or method (arrow functions take their variable's or property's name). */
export function enclosingFunctionName(ancestors: readonly Node[]): string | undefined {
  for (let i = 0; i < ancestors.length; i++) {
    const cur = ancestors[i];
    if (!cur) break;
    switch (cur.type) {
      case 'function_definition':
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'method_definition':
        return cur.childForFieldName('name')?.text;
      case 'arrow_function':
      case 'function_expression':
      case 'function': {
        const named = cur.childForFieldName('name');
        if (named) return named.text;
        const p = ancestors[i + 1];
        if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
        if (p?.type === 'pair') return p.childForFieldName('key')?.text;
        if (p?.type === 'assignment_expression') return p.childForFieldName('left')?.text;
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

const IGNORE_RE = /(#|\/\/|\/\*)\s*tokentier-ignore\b/;
const ANNOTATION_RE = /(?:#|\/\/|\/\*)\s*(tokentier:.*?)\s*(?:\*\/)?\s*$/;

/** `tokentier-ignore` on the call's line(s) or the line above its start. Rows are 0-based; `lineAt` gives a row's text. */
export function commentFlags(lineAt: (row: number) => string, startRow: number, nameRow: number): { ignored: boolean; annotation?: { text: string; row: number } } {
  const rows = [...new Set([startRow - 1, startRow, nameRow])].filter((r) => r >= 0);
  let ignored = false;
  let annotation: { text: string; row: number } | undefined;
  for (const r of rows) {
    const line = lineAt(r);
    if (IGNORE_RE.test(line)) ignored = true;
    const m = ANNOTATION_RE.exec(line);
    if (m?.[1] && !annotation) annotation = { text: m[1], row: r };
  }
  return { ignored, ...(annotation ? { annotation } : {}) };
}
