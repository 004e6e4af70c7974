/**
 * Containers (TypeSpec.collects): a Haystack pipeline or a Semantic Kernel kernel runs the model object the file added
 * to it with a method call on the same receiver. Functions of one `FileAnalyzer` (`fa`), like the other sections.
 */
import type { Node } from 'web-tree-sitter';
import type { Api } from '../../types';
import type { ArgRef, NewSpec, SiteSpec, TypeSpec } from '../catalog/types';
import { callArgs, callee, FUNCTION_TYPES, isCall, isMember, memberName, memberObject, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Binding, Value } from './types';
import { TYPE_BY_ID } from './catalogIndex';
import { escapeRe } from './text';

/**
 * The model a container holds because the file added it with a method call on the call's receiver before the call
 * (TypeSpec.collects: `pipeline.add_component("llm", MistralChatGenerator(…))` then `pipeline.run(…)`): a component
 * that is not an embedder wins (a RAG pipeline both embeds the query and generates); with its own site's api.
 */
export function collectedModel(
  fa: FileAnalyzer, call: Node, collects: NonNullable<TypeSpec['collects']>, inst: Value & { kind: 'inst' }, spec: SiteSpec,
): { inst: Value & { kind: 'inst' }; spec: SiteSpec } | null {
  const fn = callee(call);
  const method = fn && isMember(fn) ? memberName(fn) ?? '' : '';
  let best: { inst: Value & { kind: 'inst' }; api: Api } | undefined;
  for (const held of addedObjects(fa, call, collects.method, collects.arg)) {
    // Only the component types the container runs count (a Haystack generator or embedder, a kernel's chat service).
    if (!collects.types.includes(held.type)) continue;
    const own = TYPE_BY_ID.get(held.type)?.members[method];
    const api = own?.kind === 'site' ? own.site.api : spec.api;
    if (!best || (best.api === 'embeddings' && api !== 'embeddings')) best = { inst: held, api };
  }
  if (!best) return null;
  return { inst: { ...inst, provider: best.inst.provider, ctor: best.inst.ctor, parent: best.inst.parent }, spec: { ...spec, api: best.api } };
}

/**
 * A value made from what was added to the call's receiver (NewSpec.collects): autogen's
 * `DiGraphBuilder().add_node(writer)…get_participants()` is a list of those agents, here the first one's model.
 */
export function addedModel(fa: FileAnalyzer, call: Node, spec: NewSpec): Value | undefined {
  const collects = spec.collects;
  if (!collects) return undefined;
  for (const held of addedObjects(fa, call, collects.method, collects.arg)) {
    return { kind: 'inst', type: spec.type, path: [], provider: held.provider, ctor: held.ctor, parent: held.parent };
  }
  return undefined;
}

/** An assignment whose value constructs the object itself (`pipeline = Pipeline()`), not a builder's result. */
function builtHere(fa: FileAnalyzer, b: Binding & { kind: 'assign' }): boolean {
  const v = fa.evalValue(b.value);
  return v?.kind === 'inst' && v.ctor?.node.id === unwrap(b.value).id;
}

/** The model objects added with `<receiver>.<method>(…)` before the call, in the file's order (local ones left out). */
function* addedObjects(fa: FileAnalyzer, call: Node, method: string, argRef: ArgRef): Generator<Value & { kind: 'inst' }> {
  const fn = callee(call);
  const recv = fn && isMember(fn) ? memberObject(fn) : null;
  const text = recv?.text ?? '';
  if (!recv || !text || text.length > 80 || /\s/.test(text)) return;
  let found = false;
  for (const held of addedOn(fa, recv, text, call.startIndex, method, argRef)) {
    found = true;
    yield held;
  }
  if (found || recv.type !== 'identifier') return;
  // A container built under another name: by a factory (`def create_pipeline(): pipe = Pipeline(); pipe.add_component(…);
  // return pipe`, then `rag = create_pipeline()`) or handed in as a parameter (`def run(pipeline): pipeline.run(…)` called
  // with the module's `rag_pipeline`): the adds on the variable the container was built into, before its use.
  const built = fa.evalValue(recv);
  const ctor = built?.kind === 'inst' ? built.ctor : undefined;
  const asg = ctor ? ctor.ctx.ancestors(ctor.node)[0] : undefined;
  const left = asg && (asg.type === 'assignment' || asg.type === 'variable_declarator') ? asg.childForFieldName('left') ?? asg.childForFieldName('name') : undefined;
  if (!ctor || ctor.ctx !== fa || left?.type !== 'identifier' || left.text === text) return;
  const scope = fa.ancestors(asg as Node).find((a) => FUNCTION_TYPES.has(a.type));
  yield* addedOn(fa, left, left.text, scope ? scope.endIndex : call.startIndex, method, argRef, (asg as Node).startIndex);
}

/** The model objects added with `<text>.<method>(…)` between `from` and `before`. */
function* addedOn(fa: FileAnalyzer, recv: Node, text: string, before: number, method: string, argRef: ArgRef, from = 0): Generator<Value & { kind: 'inst' }> {
  const re = new RegExp(`(?<![\\w.$])${escapeRe(text)}\\s*\\.\\s*${escapeRe(method)}\\s*\\(`, 'g');
  re.lastIndex = from;
  // A function's own `pipeline = Pipeline()` is not the notebook's `pipeline` of the same name: when the call's
  // receiver is a pipeline built right there, another assignment's pipeline is another object (a parameter, or a
  // builder's result, may still be the same one).
  const mine = recv.type === 'identifier' ? fa.lookup(text, recv) : undefined;
  const fresh = mine?.kind === 'assign' && isCall(unwrap(mine.value)) ? mine : undefined;
  for (let m = re.exec(fa.text); m && m.index < before; m = re.exec(fa.text)) {
    const at = m.index + m[0].lastIndexOf(method);
    const name = fa.root.descendantForIndex(at, at + method.length);
    if (!name) continue;
    const [member, add] = fa.ancestors(name);
    if (!member || !isMember(member) || !add || (add.type !== 'call' && add.type !== 'call_expression') || callee(add)?.id !== member.id) continue;
    const obj = memberObject(member);
    const theirs = fresh && obj?.type === 'identifier' ? fa.lookup(text, obj) : undefined;
    if (fresh && theirs && theirs !== fresh && theirs.kind === 'assign' && builtHere(fa, fresh) && isCall(unwrap(theirs.value))) continue;
    const arg = fa.getArg(add, argRef);
    const held = arg ? fa.modelObjectOf(arg) : undefined;
    if (held && !TYPE_BY_ID.get(held.type)?.local) yield held;
  }
}

/**
 * An item of a dict/`Map` that caches clients under keys known only at run time (`_CLIENTS[key] = OpenAI()`,
 * `cache.set(key, new OpenAI())`, `_CLIENTS.setdefault(key, OpenAI())`, or a literal whose values are clients): the
 * first stored value that is one.
 */
export function containerItem(fa: FileAnalyzer, obj: Node): Value | undefined {
  if (obj.type !== 'identifier' && !isMember(obj)) return undefined;
  const text = obj.text;
  if (text.length > 80 || /\s/.test(text)) return undefined;
  // An item stored from another item of the same container (`item = out[i].copy(); out[i] = item`, in each branch of
  // an event handler) is not looked up from inside: the search would multiply with every such write.
  if (fa.containerActive.has(text)) return undefined;
  fa.containerActive.add(text);
  try {
    return containerItemOf(fa, obj, text);
  } finally {
    fa.containerActive.delete(text);
  }
}

function containerItemOf(fa: FileAnalyzer, obj: Node, text: string): Value | undefined {
  const literal = literalValue(fa, obj, (r) => r.kind !== 'func');
  if (literal) return literal;
  const re = new RegExp(`(?<![\\w$.])${escapeRe(text)}(?:\\s*\\[[^\\]\\n]{0,120}\\]\\s*=(?!=)|\\.(?:set|setdefault)\\s*\\()`, 'g');
  let n = 0;
  for (let m = re.exec(fa.text); m && n < 8; m = re.exec(fa.text)) {
    const at = fa.root.descendantForIndex(m.index, m.index + text.length);
    let cur: Node | null | undefined = at;
    while (cur && cur.text !== text && cur.text.length < text.length) cur = fa.ancestors(cur)[0];
    if (!cur || cur.text !== text) continue;
    const [p, q] = fa.ancestors(cur);
    let value: Node | null | undefined;
    if (p && (p.type === 'subscript' || p.type === 'subscript_expression') && q && (q.type === 'assignment' || q.type === 'assignment_expression') && q.childForFieldName('left')?.id === p.id) value = q.childForFieldName('right');
    else if (p && isMember(p) && q && (q.type === 'call' || q.type === 'call_expression')) value = callArgs(q)[1];
    if (!value) continue;
    n++;
    const r = fa.evalValue(value);
    if (r && r.kind !== 'func') return r;
  }
  return undefined;
}

/**
 * A value of the dict a loop iterates (`for name, builder in SYSTEMS.items()`): the first value of the literal (found
 * through `resolveObject`) that evaluates, a function included (the loop body calls it).
 */
export function dictValue(fa: FileAnalyzer, dict: Node): Value | undefined {
  return literalValue(fa, dict, () => true);
}

/** The first value of the dict literal `obj` stands for (`resolveObject`) that evaluates and that `accept` takes. */
function literalValue(fa: FileAnalyzer, obj: Node, accept: (v: Value) => boolean): Value | undefined {
  const literal = fa.resolveObject(obj);
  for (const c of literal?.namedChildren ?? []) {
    const v = c?.type === 'pair' ? c.childForFieldName('value') : undefined;
    const r = v ? fa.evalValue(v) : undefined;
    if (r && accept(r)) return r;
  }
  return undefined;
}
