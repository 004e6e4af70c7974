/**
 * Clients that travel: the value an untyped parameter receives at the calls of its function in the same file
 * (`def ask(client, q)` … `ask(Anthropic(), "hi")`; `def __init__(self, client)` … `Svc(OpenAI())`;
 * `super().__init__(client)`; `this.run(client)`; a JS destructured `({ client }) => …` given `{ client: openai }`).
 * Only clients travel this way: a model id passed in by a caller stays unknown (eval/README.md: a model is the literal
 * resolvable at the call).
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import { callArgs, callee, FUNCTION_TYPES, isCall, isMember, isSelfRef, memberName, memberObject, pairKey, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Binding, Value } from './types';
import { escapeRe } from './text';

/** How many calls of one function are looked at. */
const MAX_CALLS = 12;

/** Where a parameter sits in its function's parameter list. */
interface ParamSlot {
  readonly fn: Node;
  readonly index: number;
  readonly name: string;
  /** The key inside a destructured object parameter (`({ client }) =>`). */
  readonly key?: string;
  /** The receiver is not an argument (`self` / `cls` of a Python method). */
  readonly skip: number;
}

/** How many evaluations read a parameter value still being computed (any analyser: evaluation is synchronous). */
let pendingReadCount = 0;
export function pendingReads(): number {
  return pendingReadCount;
}

/** The value a parameter receives at its function's calls in this file: the first argument that evaluates. */
export function paramFromCalls(fa: FileAnalyzer, b: Binding & { kind: 'param' }): Value | undefined {
  const slot = paramSlot(fa, b);
  if (!slot) return undefined;
  const key = `${slot.fn.id}:${slot.index}:${slot.key ?? ''}`;
  const known = fa.travelCache.get(key);
  // A recursive helper passes its own parameter on: the value is being computed, so that path gives nothing.
  if (known === 'pending') {
    pendingReadCount++;
    return undefined;
  }
  if (known !== undefined) return known ?? undefined;
  fa.travelCache.set(key, 'pending');
  let found: Value | undefined;
  for (const call of callsOf(fa, slot.fn)) {
    const arg = argumentFor(fa, call.node, slot, call.skip);
    const v = arg ? fa.evalValue(arg) : undefined;
    if (v && v.kind !== 'func') {
      found = v;
      break;
    }
  }
  found ??= pytestFixture(fa, b, slot.fn);
  fa.travelCache.set(key, found ?? null);
  return found;
}

const FIXTURE_DECORATOR = /^@\s*(pytest(_asyncio)?\.)?fixture\b/;

/**
 * A test's parameter named after a pytest fixture of the file (`@pytest.fixture def client(server_url): client =
 * Letta(base_url=server_url); yield client`, then `def test_send(client, agent): client.agents.messages.create(…)`):
 * the value the fixture returns or yields, or its return annotation. Fixtures in a conftest.py are not read.
 */
function pytestFixture(fa: FileAnalyzer, b: Binding & { kind: 'param' }, own: Node): Value | undefined {
  if (fa.lang !== 'python' || b.type || b.def) return undefined;
  for (const f of fa.bindingsOf(fa.root).get(b.name) ?? []) {
    if (f.kind !== 'func' || f.node.id === own.id) continue;
    const deco = f.node.parent;
    if (deco?.type !== 'decorated_definition' || !deco.namedChildren.some((d) => d?.type === 'decorator' && FIXTURE_DECORATOR.test(d.text))) continue;
    const ret = f.node.childForFieldName('return_type');
    const typed = ret ? fa.evalTypeAnnotation(ret) : undefined;
    if (typed) return typed;
    const body = f.node.childForFieldName('body');
    for (const y of body?.descendantsOfType(['return_statement', 'yield']) ?? []) {
      if (!y || fa.ancestors(y).find((a) => FUNCTION_TYPES.has(a.type))?.id !== f.node.id) continue;
      const e = y.namedChildren.find((c) => c !== null && c.type !== 'comment');
      const v = e ? fa.evalValue(e) : undefined;
      if (v && v.kind !== 'func') return v;
    }
  }
  return undefined;
}

function paramSlot(fa: FileAnalyzer, b: Binding & { kind: 'param' }): ParamSlot | undefined {
  const fn = fa.ancestors(b.at).find((a) => FUNCTION_TYPES.has(a.type));
  if (!fn) return undefined;
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return undefined;
  const list = params.type === 'identifier' ? [params] : params.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const index = list.findIndex((p) => p.startIndex <= b.at.startIndex && b.at.endIndex <= p.endIndex);
  const p = list[index];
  if (!p) return undefined;
  // Parameters after `*args` cannot be matched by position.
  if (list.slice(0, index).some((x) => x.type === 'list_splat_pattern' || x.type === 'dictionary_splat_pattern' || x.type === 'rest_pattern')) return undefined;
  const first = list[0];
  const skip = fa.lang === 'python' && first && index > 0 && /^(self|cls)$/.test(first.text) && fa.enclosingClass(fn) !== undefined ? 1 : 0;
  const pattern = p.type === 'object_pattern' ? p : p.childForFieldName('pattern')?.type === 'object_pattern' ? p.childForFieldName('pattern') : null;
  if (pattern) {
    const el = pattern.namedChildren.find((c) => c !== null && c.startIndex <= b.at.startIndex && b.at.endIndex <= c.endIndex);
    const k = el?.type === 'pair_pattern' ? el.childForFieldName('key')?.text : el?.type === 'object_assignment_pattern' ? el.childForFieldName('left')?.text : el?.text;
    return k ? { fn, index, name: b.name, key: k, skip } : undefined;
  }
  return { fn, index, name: b.name, skip };
}

/** The name a function is called by, and whether it is a class's constructor. */
function calledName(fa: FileAnalyzer, fn: Node): { name: string; ctorOf?: Node } | undefined {
  const own = fn.childForFieldName('name')?.text;
  if (own === '__init__' || own === 'constructor') {
    const cls = fa.enclosingClass(fn);
    const cname = cls?.childForFieldName('name')?.text;
    return cls && cname ? { name: cname, ctorOf: cls } : undefined;
  }
  if (own) return { name: own };
  // `const helper = (client) => …`: the variable's name.
  const parent = fa.ancestors(fn)[0];
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text ? { name: parent.childForFieldName('name')?.text ?? '' } : undefined;
  return undefined;
}

/** Calls of `fn` in this file (by name, checked to resolve to `fn`), with how many leading parameters they skip. */
function callsOf(fa: FileAnalyzer, fn: Node): { node: Node; skip: number }[] {
  const named = calledName(fa, fn);
  if (!named) return [];
  const out: { node: Node; skip: number }[] = [];
  const words = named.ctorOf ? [named.name, ...(fa.lang === 'python' ? ['__init__', 'cls'] : ['super'])] : [named.name];
  const re = new RegExp(`(?<![\\w$])(${words.map(escapeRe).join('|')})\\s*([(,)])`, 'g');
  for (let m = re.exec(fa.text); m && out.length < MAX_CALLS; m = re.exec(fa.text)) {
    const word = m[1] ?? '';
    const nameNode = fa.root.descendantForIndex(m.index, m.index + word.length);
    if (!nameNode || nameNode.text !== word) continue;
    if (m[2] !== '(') {
      // A reference handed to a runner with its arguments: `trio.to_thread.run_sync(get_completion, client, prompt)`.
      const ref = named.ctorOf ? undefined : refCall(fa, fn, nameNode);
      if (ref) out.push(ref);
      continue;
    }
    const call = callWithCallee(fa, nameNode);
    if (!call) continue;
    const skip = callSkip(fa, fn, call, nameNode, named);
    if (skip !== undefined) out.push({ node: call, skip });
  }
  return out;
}

/**
 * `runner(fn, a, b)`: `fn` passed to a runner that calls it with the arguments after it (`asyncio.to_thread`,
 * `loop.run_in_executor(None, fn, a)`, `nursery.start_soon(fn, a)`, `trio.to_thread.run_sync`). The skip is negative:
 * the parameters start after the reference.
 */
function refCall(fa: FileAnalyzer, fn: Node, nameNode: Node): { node: Node; skip: number } | undefined {
  const [args, call] = fa.ancestors(nameNode);
  if ((args?.type !== 'argument_list' && args?.type !== 'arguments') || !call || !isCall(call)) return undefined;
  const b = fa.lookup(nameNode.text, nameNode);
  if (b?.kind !== 'func' || b.node.id !== fn.id) return undefined;
  const list = callArgs(call);
  const at = list.findIndex((a) => a.id === nameNode.id);
  return at < 0 ? undefined : { node: call, skip: -(at + 1) };
}

/** The call whose callee is this name (`f(…)`, `self.f(…)`, `new C(…)`, `super(…)`, `super().__init__(…)`). */
function callWithCallee(fa: FileAnalyzer, nameNode: Node): Node | undefined {
  const [p, c] = fa.ancestors(nameNode);
  if (!p) return undefined;
  if (isCall(p) && callee(p)?.id === nameNode.id) return p;
  if (isMember(p) && c && isCall(c) && callee(c)?.id === p.id && (p.childForFieldName('attribute') ?? p.childForFieldName('property'))?.id === nameNode.id) return c;
  return undefined;
}

/** How many of `fn`'s leading parameters the call does not pass (a method's `self`), or undefined when it is not a call of `fn`. */
function callSkip(fa: FileAnalyzer, fn: Node, call: Node, nameNode: Node, named: { name: string; ctorOf?: Node }): number | undefined {
  const py = fa.lang === 'python';
  const fnCallee = callee(call);
  if (!fnCallee) return undefined;
  if (named.ctorOf) {
    const cls = named.ctorOf;
    if (nameNode.text === named.name && fnCallee.type === 'identifier') {
      const b = fa.lookup(named.name, fnCallee);
      return b?.kind === 'class' && b.node.id === cls.id ? (py ? 1 : 0) : undefined;
    }
    // `return cls(llm, …)` in a classmethod of the class (or of a subclass): a constructor call.
    if (py && fnCallee.type === 'identifier' && fnCallee.text === 'cls') {
      const owner = fa.enclosingClass(call);
      return owner && (owner.id === cls.id || fa.localBaseClasses(owner).some((x) => x.id === cls.id)) ? 1 : undefined;
    }
    // `super().__init__(…)` / `super(…)` in a subclass defined in this file.
    const sub = fa.enclosingClass(call);
    if (!sub || !fa.localBaseClasses(sub).some((x) => x.id === cls.id)) return undefined;
    if (!py && fnCallee.type === 'super') return 0;
    if (py && isMember(fnCallee) && memberName(fnCallee) === '__init__') {
      const obj = memberObject(fnCallee);
      const o = obj ? unwrap(obj) : undefined;
      if (o && isCall(o) && callee(o)?.text === 'super') return 1;
    }
    return undefined;
  }
  if (fnCallee.type === 'identifier') {
    const b = fa.lookup(named.name, fnCallee);
    return b?.kind === 'func' && b.node.id === fn.id ? 0 : undefined;
  }
  if (isMember(fnCallee)) {
    // `self.helper(…)` / `this.helper(…)` inside the class that defines the method.
    const obj = memberObject(fnCallee);
    const o = obj ? unwrap(obj) : undefined;
    const selfish = o && isSelfRef(o);
    const cls = fa.enclosingClass(fn);
    if (!selfish || !cls) return undefined;
    const callerCls = fa.enclosingClass(call);
    if (!callerCls || (callerCls.id !== cls.id && !fa.localBaseClasses(callerCls).some((x) => x.id === cls.id))) return undefined;
    return py ? 1 : 0;
  }
  return undefined;
}

/** The argument of `call` that fills the parameter (by keyword, by position, or a key of a passed object). */
function argumentFor(fa: FileAnalyzer, call: Node, slot: ParamSlot, skip: number): Node | undefined {
  const args = callArgs(call);
  if (fa.lang === 'python') {
    for (const a of args) {
      if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === slot.name) return a.childForFieldName('value') ?? undefined;
    }
  }
  const pos = slot.index - skip;
  if (pos < 0) return undefined;
  const positional: Node[] = [];
  for (const a of args) {
    if (a.type === 'keyword_argument' || a.type === 'dictionary_splat') continue;
    if (a.type === 'list_splat' || a.type === 'spread_element') return undefined;
    positional.push(a);
  }
  const arg = positional[pos];
  if (!arg || slot.key === undefined) return arg;
  const obj = fa.resolveObject(arg);
  if (!obj) return undefined;
  for (const c of obj.namedChildren) {
    if (!c) continue;
    if (c.type === 'shorthand_property_identifier' && c.text === slot.key) return c;
    if (c.type === 'pair' && pairKey(c) === slot.key) return c.childForFieldName('value') ?? undefined;
  }
  return undefined;
}
