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
import { callArgs, callee, FUNCTION_TYPES, isCall, isMember, isSelfRef, memberName, memberObject, pairKey, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';

/** The node an ArgRef points at in a call, following `**kwargs` dicts and JS options objects held in variables. */
export function getArg(fa: FileAnalyzer, call: Node, ref: ArgRef): Node | undefined {
  const arg = argumentOf(fa, call, ref);
  if (!arg || !ref.paths) return arg;
  for (const path of ref.paths) {
    const hit = followPath(fa, arg, path);
    if (hit) return hit;
  }
  return undefined;
}

/** The value at `path` inside `n` (dict keys, list indexes), following variables; undefined when any step is unknown. */
function followPath(fa: FileAnalyzer, n: Node, path: readonly (string | number)[]): Node | undefined {
  let cur: Node | undefined = n;
  for (const step of path) {
    if (!cur) return undefined;
    if (typeof step === 'string') {
      const obj: Node | undefined = resolveObject(fa, cur) ?? optionsCallArgs(fa, cur);
      cur = obj ? objectKey(fa, obj, [step]) : undefined;
    } else {
      const u = assignedValue(fa, cur, 4);
      cur = u && (u.type === 'list' || u.type === 'array' || u.type === 'tuple') ? (u.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment')[step] ?? undefined) : undefined;
    }
  }
  return cur;
}

/**
 * The keyword arguments of a Python options or config object built by its class (`ClaudeAgentOptions(model=…)`,
 * AG2's `LLMConfig(model=…)`), following variables: a path steps into them as into a dict. A class by its name's case.
 */
function optionsCallArgs(fa: FileAnalyzer, n: Node): Node | undefined {
  if (fa.lang !== 'python') return undefined;
  const u = assignedValue(fa, n, 3);
  const fn = u?.type === 'call' ? callee(u) : null;
  const name = fn ? (isMember(fn) ? memberName(fn) : fn.text) : undefined;
  return name && /^[A-Z]/.test(name) ? u?.childForFieldName('arguments') ?? undefined : undefined;
}

/** The expression a name holds, through at most `hops` plain assignments; undefined when one is not an assignment. */
function assignedValue(fa: FileAnalyzer, n: Node, hops: number): Node | undefined {
  let u = unwrap(n);
  for (let i = 0; u.type === 'identifier' && i < hops; i++) {
    const b = fa.lookup(u.text, u);
    if (b?.kind !== 'assign') return undefined;
    u = unwrap(b.value);
  }
  return u;
}

function argumentOf(fa: FileAnalyzer, call: Node, ref: ArgRef): Node | undefined {
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
        const hit = (dict ? objectKey(fa, dict, ref.kw) : undefined) ?? (inner?.type === 'identifier' ? dictWrite(fa, inner.text, call, ref.kw) ?? builderWrite(fa, inner, ref.kw) : undefined);
        if (hit) {
          const via = inner ? heldBy(inner) : undefined;
          if (via) fa.viaVar.set(hit.id, via);
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
      const via = o ? heldBy(unwrap(o)) : undefined;
      if (via) fa.viaVar.set(hit.id, via);
      return hit;
    }
  }
  if (ref.pos !== undefined) {
    const a = args[ref.pos];
    if (a && !(ref.kw && a.type === 'object')) return a;
  }
  return undefined;
}

/** The name a dict of arguments is held by: a variable, or the builder method that returns it (`self._build_payload`). */
function heldBy(n: Node): string | undefined {
  if (n.type === 'identifier') return n.text;
  const fn = isCall(n) ? callee(n) : null;
  return fn && fn.text !== 'dict' ? fn.text : undefined;
}

/**
 * A key a `**params` dict receives after it is built, in the same function before the call: `params.update({"model":
 * m})`, `params.update(model=m)`, `params["model"] = m` (the last one written wins).
 */
function dictWrite(fa: FileAnalyzer, name: string, call: Node, keys: readonly string[]): Node | undefined {
  const scope = fa.ancestors(call).find((a) => a.type === 'function_definition') ?? fa.root;
  const text = fa.text.slice(scope.startIndex, call.startIndex);
  if (!text.includes(`${name}.update(`) && !text.includes(`${name}[`)) return undefined;
  const re = new RegExp(`(?<![\\w.])${name.replace(/[^\w]/g, '')}(?:\\.update\\(|\\[)`, 'g');
  let found: Node | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = scope.startIndex + m.index;
    let n: Node | null = fa.root.descendantForIndex(at, at + name.length);
    while (n && n.type !== 'call' && n.type !== 'assignment' && n.endIndex <= call.startIndex && n !== scope) n = n.parent;
    if (!n || n === scope) continue;
    if (n.type === 'call' && callee(n)?.text === `${name}.update`) {
      const a0 = callArgs(n)[0];
      const dict = a0 && a0.type !== 'keyword_argument' ? resolveObject(fa, a0) : n.childForFieldName('arguments') ?? undefined;
      const hit = dict ? objectKey(fa, dict, keys) : undefined;
      if (hit) found = hit;
    } else if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const idx = left?.type === 'subscript' ? left.childForFieldName('subscript') : undefined;
      const key = idx ? fa.constString(idx) : undefined;
      const right = n.childForFieldName('right');
      if (left?.childForFieldName('value')?.text === name && key !== undefined && keys.includes(key) && right) found = right;
    }
  }
  return found;
}

/**
 * What a builder method of the same class returns (`payload = self._build_payload(request)`, `this.buildBody(msgs)`):
 * the value of its last top-level `return` (a dict literal, or a local variable holding one) and that statement. One
 * hop: the builder's own calls are not followed, and a method does not build its own arguments (recursion).
 */
function builderReturn(fa: FileAnalyzer, call: Node): { value: Node; ret: Node } | undefined {
  const fn = callee(call);
  const obj = fn && isMember(fn) ? memberObject(fn) : null;
  const name = fn && obj && isSelfRef(obj) ? memberName(fn) : undefined;
  const cls = name ? fa.enclosingClass(call) : undefined;
  const def = cls && name ? fa.classAttrBindings(cls, name).find((b) => b.kind === 'func')?.node : undefined;
  const body = def && !fa.ancestors(call).includes(def) ? def.childForFieldName('body') : undefined;
  const ret = body ? [...body.namedChildren].reverse().find((c) => c?.type === 'return_statement') : undefined;
  const value = ret?.namedChildren.find((c) => c !== null && c.type !== 'comment');
  return ret && value ? { value, ret } : undefined;
}

/** A key the builder method of `name`'s value writes into the variable it returns (`payload["model"] = …`, see dictWrite). */
function builderWrite(fa: FileAnalyzer, name: Node, keys: readonly string[]): Node | undefined {
  const b = fa.lookup(name.text, name);
  const v = b?.kind === 'assign' ? unwrap(b.value) : undefined;
  const built = v && isCall(v) ? builderReturn(fa, v) : undefined;
  const returned = built ? unwrap(built.value) : undefined;
  return built && returned?.type === 'identifier' ? dictWrite(fa, returned.text, built.ret, keys) : undefined;
}

/** A dict/object literal an expression is or holds (one binding hop, `dict(...)` calls included, a builder method's return). */
export function resolveObject(fa: FileAnalyzer, n: Node, hops = 0): Node | undefined {
  const u = unwrap(n);
  if (u.type === 'dictionary' || u.type === 'object') return u;
  if (u.type === 'call' && callee(u)?.text === 'dict') return u.childForFieldName('arguments') ?? undefined;
  if (isCall(u) && hops < 3) {
    const built = builderReturn(fa, u);
    return built ? resolveObject(fa, built.value, hops + 1) : undefined;
  }
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
    } else if (depth > 0 && isFieldRead(n)) {
      // `body=reply.content[0].text` passes a field of a value, not the value's keys: the call that made `reply` (a
      // Claude request before a Twilio send) is not this call's arguments.
      return;
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

/**
 * `a.b[0].c`: a field read from a variable (the chain's innermost object is a name, not a call or a literal). An `.id`
 * is not: it names the resource the variable's call created (`assistant_id=assistant.id`, `agent_id=agent.id`), whose
 * creation arguments configure this call (the assistant's or the agent's model).
 */
function isFieldRead(n: Node): boolean {
  const prop = n.type === 'attribute' ? n.childForFieldName('attribute') : n.type === 'member_expression' ? n.childForFieldName('property') : null;
  if (prop?.text === 'id') return false;
  let cur: Node | null = n;
  for (let i = 0; cur && i < 12; i++) {
    if (cur.type === 'attribute' || cur.type === 'member_expression') cur = cur.childForFieldName('object');
    else if (cur.type === 'subscript' || cur.type === 'subscript_expression') cur = cur.childForFieldName('value') ?? cur.childForFieldName('object');
    else return cur !== n && cur.type === 'identifier';
  }
  return false;
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

/** A list, tuple or array literal the argument is or a variable holds (through plain assignments). */
export function shownList(fa: FileAnalyzer, n: Node | undefined): boolean {
  const u = n ? assignedValue(fa, n, 3) : undefined;
  return u !== undefined && (u.type === 'list' || u.type === 'array' || u.type === 'tuple');
}
