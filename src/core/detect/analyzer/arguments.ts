/**
 * Arguments: the node a catalogue `ArgRef` names in a call (keyword, position, options object), following `**kwargs`
 * dicts, spreads and option objects held in variables, and the key → value map of everything a call passes.
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import type { ArgRef } from '../catalog/types';
import { callArgs, callee, FUNCTION_TYPES, isCall, pairKey, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';

/** The node an ArgRef points at in a call, following `**kwargs` dicts and JS options objects held in variables. */
export function getArg(fa: FileAnalyzer, call: Node, ref: ArgRef): Node | undefined {
  const args = callArgs(call);
  if (fa.lang === 'python') {
    if (ref.kw) {
      for (const a of args) {
        if (a.type === 'keyword_argument' && ref.kw.includes(a.childForFieldName('name')?.text ?? '')) return a.childForFieldName('value') ?? undefined;
      }
      for (const a of args) {
        if (a.type !== 'dictionary_splat') continue;
        const inner = a.namedChildren[0];
        const dict = inner ? resolveObject(fa, inner) : undefined;
        const hit = dict ? objectKey(fa, dict, ref.kw) : undefined;
        if (hit) {
          if (inner?.type === 'identifier') fa.viaVar.set(hit.id, inner.text);
          return hit;
        }
      }
    }
    if (ref.pos !== undefined) {
      const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat');
      return positional[ref.pos];
    }
    return undefined;
  }
  if (ref.kw) {
    const o = args[ref.obj ?? 0];
    const obj = o ? resolveObject(fa, o) : undefined;
    const hit = obj ? objectKey(fa, obj, ref.kw) : undefined;
    if (hit) {
      if (o && unwrap(o).type === 'identifier') fa.viaVar.set(hit.id, unwrap(o).text);
      return hit;
    }
  }
  if (ref.pos !== undefined) {
    const a = args[ref.pos];
    if (a && !(ref.kw && a.type === 'object')) return a;
  }
  return undefined;
}

/** A dict/object literal an expression is or holds (one binding hop, `dict(...)` calls included). */
export function resolveObject(fa: FileAnalyzer, n: Node, hops = 0): Node | undefined {
  const u = unwrap(n);
  if (u.type === 'dictionary' || u.type === 'object') return u;
  if (u.type === 'call' && callee(u)?.text === 'dict') return u.childForFieldName('arguments') ?? undefined;
  if (u.type === 'identifier' && hops < 3) {
    const b = fa.lookup(u.text, u);
    if (b?.kind === 'assign') return resolveObject(fa, b.value, hops + 1);
  }
  return undefined;
}

/** The value of a key in a dict/object literal (or a `dict(...)` argument list). Follows spreads one level. */
export function objectKey(fa: FileAnalyzer, obj: Node, keys: readonly string[], hops = 0): Node | undefined {
  for (const c of obj.namedChildren) {
    if (!c) continue;
    if (c.type === 'pair' && keys.includes(pairKey(c) ?? '')) return c.childForFieldName('value') ?? undefined;
    if (c.type === 'keyword_argument' && keys.includes(c.childForFieldName('name')?.text ?? '')) return c.childForFieldName('value') ?? undefined;
    if (c.type === 'shorthand_property_identifier' && keys.includes(c.text)) return c;
  }
  if (hops < 2) {
    for (const c of obj.namedChildren) {
      if (c?.type !== 'spread_element' && c?.type !== 'dictionary_splat') continue;
      const inner = c.namedChildren[0];
      const o = inner ? resolveObject(fa, inner) : undefined;
      const hit = o ? objectKey(fa, o, keys, hops + 1) : undefined;
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Every key → value inside a call's arguments, at any depth (nested configs, `json.dumps({...})`, one variable hop). */
export function keyMap(fa: FileAnalyzer, call: Node): Map<string, Node[]> {
  const map = new Map<string, Node[]>();
  const put = (k: string, v: Node): void => {
    const l = map.get(k);
    if (l) l.push(v);
    else map.set(k, [v]);
  };
  const seen = new Set<number>();
  let budget = 4000;
  const walk = (n: Node, depth: number, hops: number, via?: string): void => {
    if (depth > 12 || budget-- <= 0 || seen.has(n.id)) return;
    seen.add(n.id);
    if (FUNCTION_TYPES.has(n.type)) return;
    if (n.type === 'keyword_argument' || n.type === 'pair') {
      // Only the value is walked: the key is a name, not a reference to a variable.
      const k = n.type === 'pair' ? pairKey(n) : n.childForFieldName('name')?.text;
      const v = n.childForFieldName('value');
      if (k && v) {
        put(k, v);
        if (via) fa.viaVar.set(v.id, via);
      }
      if (v) walk(v, depth + 1, hops, via);
      return;
    } else if (n.type === 'shorthand_property_identifier') {
      put(n.text, n);
    } else if (n.type === 'identifier' && hops < 2 && depth > 0) {
      const b = fa.lookup(n.text, n);
      if (b?.kind === 'assign') {
        const v = unwrap(b.value);
        if (v.type === 'dictionary' || v.type === 'object' || isCall(v)) walk(v, depth + 1, hops + 1, via ?? n.text);
      }
      return;
    }
    for (const c of n.namedChildren) if (c) walk(c, depth + 1, hops, via);
  };
  const args = call.childForFieldName('arguments');
  if (args) walk(args, 0, 0);
  return map;
}

export function deepKey(fa: FileAnalyzer, call: Node, keys: readonly string[]): Node | undefined {
  const m = keyMap(fa, call);
  for (const k of keys) {
    const v = m.get(k);
    if (v?.[0]) return v[0];
  }
  return undefined;
}

export function deepObjectKey(fa: FileAnalyzer, obj: Node, key: string): Node | undefined {
  const direct = objectKey(fa, obj, [key]);
  if (direct) return direct;
  for (const c of obj.namedChildren) {
    const v = c?.type === 'pair' ? unwrap(c.childForFieldName('value') ?? c) : undefined;
    if (v && (v.type === 'dictionary' || v.type === 'object')) {
      const hit = objectKey(fa, v, [key]);
      if (hit) return hit;
    }
  }
  return undefined;
}
