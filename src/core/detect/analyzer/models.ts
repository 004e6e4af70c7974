/**
 * Models: the model of a site — an argument, the model its client was constructed with (through chat sessions and
 * wrappers), or an AI SDK provider factory (`openai('gpt-4o')`) — and the provider a model string names.
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import type { ModelRef, ModelResolution, Provider } from '../../types';
import type { SiteSpec, TypeSpec } from '../catalog/types';
import { CANONICAL_STRIP_PREFIXES, MODEL_NAME_PROVIDERS } from '../catalog/params';
import { PROVIDER_OF_NAME } from '../../models/providers';
import { callArgs, callee, isCall, isMember, memberObject, unwrap, withItemValues } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { ResolvedModel, Value } from './types';
import { TYPE_BY_ID } from './catalogIndex';
import { escapeRe } from './text';
import type { StringResult } from './strings';

/** The model of a site: an argument, or the model its receiver was constructed with. */
export function resolveModel(fa: FileAnalyzer, call: Node, spec: SiteSpec, inst: (Value & { kind: 'inst' }) | undefined): ResolvedModel {
  if (spec.model) {
    const arg = fa.getArg(call, spec.model) ?? (spec.model.kw ? fa.deepKey(call, spec.model.kw) : undefined);
    const m = arg ? modelFromNode(fa, arg) : undefined;
    // A model id or a model object in one argument (PydanticAI's `model_request(model, …)`): an object's own model.
    if (m && !(m.ref.id === null && spec.modelObject && inst?.ctor)) return m;
    if (!inst?.ctor && !inst?.parent) return { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } };
  }
  let cur: Value | undefined = inst;
  for (let i = 0; cur && cur.kind === 'inst' && i < 4; i++) {
    const ctor = cur.ctor;
    if (ctor?.spec.model || (spec.model && ctor)) {
      const ref = ctor.spec.model ?? spec.model ?? {};
      // The constructor's own model argument, also inside an object it is handed (a context cache built with
      // `CachedContent.create(model=…)` and given to `GenerativeModel.from_cached_content(cache)`).
      const own = ctor.spec.model?.kw;
      const arg = ctor.ctx.getArg(ctor.node, ref) ?? (own ? ctor.ctx.deepKey(ctor.node, own) : undefined);
      const passed = arg && ctor.via ? factoryArgument(ctor.ctx, arg, ctor.via) : undefined;
      if (passed) {
        const m = ctor.via?.ctx.modelFromNode(passed.node) ?? passed.fallback;
        if (m.ref.id !== null) return m.ref.resolution.kind === 'literal' ? { ...m, ref: { ...m.ref, resolution: { kind: 'constant', name: passed.name } } } : m;
      }
      if (arg) {
        const m = ctor.ctx.modelFromNode(arg, true);
        // Notebooks: a model object built in an earlier cell.
        const cell = ctor.ctx === fa ? fa.earlierCell(ctor.node, call) : undefined;
        if (cell !== undefined && m.ref.id !== null && (m.ref.resolution.kind === 'constant' || m.ref.resolution.kind === 'earlier-cell')) {
          return { ...m, ref: { ...m.ref, resolution: { kind: 'earlier-cell', cell } } };
        }
        return m;
      }
      return { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } };
    }
    cur = cur.parent;
  }
  const attr = inst ? TYPE_BY_ID.get(inst.type)?.modelAttribute : undefined;
  return (attr ? attributeModel(fa, call, attr) : undefined) ?? { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } };
}

/**
 * TypeSpec.modelAttribute: the model id the file assigns to that attribute of the call's receiver before the call
 * (`interpreter.llm.model = "gpt-4o"` … `interpreter.chat(…)`, also `interpreter.computer.ai.chat(…)`).
 */
function attributeModel(fa: FileAnalyzer, call: Node, attr: string): ResolvedModel | undefined {
  const fn = callee(call);
  const root = fn && isMember(fn) ? fa.splitCallee(fn).root : undefined;
  if (root?.type !== 'identifier') return undefined;
  const name = `${root.text}.${attr}`;
  const value = fa.dottedAssignment({ text: name, startIndex: call.startIndex } as unknown as Node);
  const m = value ? modelFromNode(fa, value) : undefined;
  if (!value || !m || m.ref.id === null || m.ref.resolution.kind !== 'literal') return m?.ref.id ? m : undefined;
  const cell = fa.earlierCell(value, call);
  return { ...m, ref: { ...m.ref, resolution: cell !== undefined ? { kind: 'earlier-cell', cell } : { kind: 'constant', name } } };
}

/**
 * The argument a factory's call gives for the parameter a constructor inside it reads (`def create_agent(model_name=
 * "llama3-8b-8192"): … ChatGroq(model=model_name)` called as `create_agent(model_name="llama3-70b-8192")`).
 */
function factoryArgument(ctx: FileAnalyzer, arg: Node, via: { readonly call: Node; readonly fn: Node; readonly ctx: FileAnalyzer }): { node: Node; name: string; fallback: ResolvedModel } | undefined {
  const u = unwrap(arg);
  if (u.type !== 'identifier') return undefined;
  const b = ctx.lookup(u.text, u);
  if (b?.kind !== 'param' || b.at.startIndex < via.fn.startIndex || b.at.endIndex > via.fn.endIndex) return undefined;
  const params = (via.fn.childForFieldName('parameters') ?? via.fn.childForFieldName('parameter'))?.namedChildren.filter((p): p is Node => p !== null && p.type !== 'comment') ?? [];
  let pos = params.findIndex((p) => p.startIndex <= b.at.startIndex && p.endIndex >= b.at.endIndex);
  if (pos < 0 || params.slice(0, pos).some((p) => /splat|rest_pattern|^list_splat|dictionary_splat/.test(p.type) || p.text.startsWith('*'))) return undefined;
  if (params[0]?.text === 'self' || params[0]?.text === 'cls') pos--;
  const node = via.ctx.getArg(via.call, { kw: [u.text], ...(pos >= 0 ? { pos } : {}) });
  return node ? { node, name: u.text, fallback: { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } } } : undefined;
}

export function modelFromNode(fa: FileAnalyzer, arg: Node, fromCtor = false): ResolvedModel {
  const r = blankless(fa.resolveString(arg), arg);
  const via = fa.viaVar.get(arg.id);
  const resolution: ModelResolution =
    r.value !== null && r.resolution.kind === 'literal' ? (fromCtor ? { kind: 'constructor' } : via ? { kind: 'constant', name: via } : r.resolution) : r.resolution;
  const ref: ModelRef = {
    id: r.value,
    canonical: r.value === null ? null : canonicalModel(r.value),
    resolution: r.value === null ? r.resolution : resolution,
    ...(r.candidates ? { candidates: r.candidates.map((c) => c.ref) } : {}),
  };
  return { ref, raw: r.value ?? undefined, node: arg };
}

/**
 * An empty string is never a model id: `profile.deployment_id || ""` is a run-time value with an empty fallback (the
 * request would fail with ""), so the model is unknown; an empty candidate is dropped.
 */
function blankless(r: StringResult, arg: Node): StringResult {
  const blank = (v: string | null): boolean => v !== null && v.trim() === '';
  if (!blank(r.value) && !r.candidates?.some((c) => blank(c.ref.id))) return r;
  const candidates = (r.candidates ?? []).filter((c) => !blank(c.ref.id));
  if (blank(r.value)) {
    // `"" if small else "gpt-4o"`: the other candidate is the model.
    const first = candidates[0];
    if (!first || first.ref.id === null) return { value: null, resolution: { kind: 'unknown', expression: arg.text.slice(0, 200) } };
    return { value: first.ref.id, resolution: r.resolution.kind === 'unknown' ? first.ref.resolution : r.resolution, ...(candidates.length > 1 ? { candidates } : {}) };
  }
  return candidates.length > 1 ? { ...r, candidates } : { value: r.value, resolution: r.resolution, ...(r.raw !== undefined ? { raw: r.raw } : {}) };
}

/** AI SDK: `openai('gpt-4o')`, `openai.chat('gpt-4o')`, `createOpenAI({...})('m')`, a variable holding one, or a gateway string. */
export function factoryModel(fa: FileAnalyzer, n: Node, hops = 0): { model: ResolvedModel; provider: Provider } | undefined {
  const u = unwrap(n);
  if ((u.type === 'identifier' || u.type === 'shorthand_property_identifier') && hops < 3) {
    const b = fa.lookup(u.text, u);
    if (b?.kind === 'assign') return factoryModel(fa, b.value, hops + 1);
    if (b?.kind === 'import' && b.member) {
      const f = fa.foreignFor(b);
      const fb = f ? f.analyzer.topLevel(b.member) : undefined;
      const hit = f && fb?.kind === 'assign' ? f.analyzer.factoryModel(fb.value, hops + 1) : undefined;
      if (f && hit && hit.model.ref.id !== null) {
        return { ...hit, model: { ...hit.model, ref: { ...hit.model.ref, resolution: { kind: 'imported', file: f.path, name: b.member } } } };
      }
      return hit;
    }
    return undefined;
  }
  if (u.type !== 'call_expression') return undefined;
  const fn = callee(u);
  if (!fn) return undefined;
  const target = isMember(fn) ? memberObject(fn) : fn;
  if (!target) return undefined;
  const v = fa.evalValue(target);
  if (v?.kind === 'func' && !isMember(fn)) return hops < 3 ? returnedModel(v, hops) : undefined;
  if (v?.kind !== 'inst' || !TYPE_BY_ID.get(v.type)?.modelFactory) return (hops < 3 ? wrappedModel(fa, u, fn, hops) : undefined) ?? otherFactoryModel(fa, u, v);
  const a0 = callArgs(u)[0];
  // `google.interactions({ agent: 'deep-research-pro-preview-12-2025' })`: the id in an options object.
  const arg = a0 && unwrap(a0).type === 'object' ? fa.objectKey(unwrap(a0), ['model', 'modelId', 'agent']) : a0;
  const model = arg ? modelFromNode(fa, arg, true) : { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } as ModelRef };
  const type = TYPE_BY_ID.get(v.type);
  const named = type?.providerInModelId && model.raw ? providerOfModelString(model.raw) : undefined;
  return { model, provider: v.provider ?? named ?? type?.provider ?? 'other' };
}

/**
 * A project function that returns a model (`getArtifactModel()`, in the file or imported): the model its last top-level
 * `return` builds, the path the function falls through to (an earlier `return` under an `if` is a special case, such as
 * the test environment's mock provider).
 */
function returnedModel(fn: Value & { kind: 'func' }, hops: number): { model: ResolvedModel; provider: Provider } | undefined {
  const body = fn.node.childForFieldName('body');
  if (!body) return undefined;
  // A helper that chooses by its arguments (`pick(provider)`, `withDefault(id = 'gpt-4o')`) is not read here: the
  // fall-through return holds only when neither it nor a condition before an earlier return names a parameter.
  const params = (fn.node.childForFieldName('parameters') ?? fn.node.childForFieldName('parameter'))?.descendantsOfType('identifier').map((p) => p?.text ?? '') ?? [];
  const names = params.length ? new RegExp(`(?<![\\w$.])(?:${params.map((p) => escapeRe(p)).join('|')})(?![\\w$])`) : undefined;
  if (body.type !== 'statement_block') return names?.test(body.text) ? undefined : fn.ctx.factoryModel(body, hops + 1);
  const ret = [...body.namedChildren].reverse().find((c) => c?.type === 'return_statement');
  const value = ret?.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (!value || names?.test(value.text)) return undefined;
  if (names && body.namedChildren.some((c) => c !== null && c.type !== 'return_statement' && c.descendantsOfType('return_statement').length > 0 && names.test(c.type === 'if_statement' ? c.childForFieldName('condition')?.text ?? c.text : c.text))) return undefined;
  return fn.ctx.factoryModel(value, hops + 1);
}

/**
 * A provider factory the catalogue does not know, called with a model id (`mem0("gpt-4-turbo")` from a project's
 * `createMem0(…)`, a community provider package): the id is the model; the provider is the one the id names.
 */
function otherFactoryModel(fa: FileAnalyzer, call: Node, v: Value | undefined): { model: ResolvedModel; provider: Provider } | undefined {
  if (v && v.kind !== 'inst') return undefined;
  const args = callArgs(call);
  const a0 = args[0] ? unwrap(args[0]) : undefined;
  if (!a0 || args.length > 2 || !['string', 'template_string', 'identifier', 'member_expression'].includes(a0.type)) return undefined;
  const model = modelFromNode(fa, a0, true);
  if (!model.raw || /\s/.test(model.raw)) return undefined;
  return { model, provider: providerOfModelString(model.raw) ?? 'other' };
}

/** A model handed through a catalogue function that keeps it (`wrapLanguageModel({ model: openai('gpt-4o'), middleware })`). */
function wrappedModel(fa: FileAnalyzer, call: Node, fn: Node, hops: number): { model: ResolvedModel; provider: Provider } | undefined {
  const { root, path } = fa.splitCallee(fn);
  const rv = fa.evalValue(root);
  if (rv?.kind !== 'module') return undefined;
  const found = fa.lookupMember(rv, [...rv.path, ...path]);
  const from = found?.member.kind === 'new' ? found.member.spec.inheritFrom : undefined;
  const arg = from ? fa.getArg(call, from) : undefined;
  return arg ? factoryModel(fa, arg, hops + 1) : undefined;
}

/** A resolved string as a model reference. */
export function toResolved(r: { value: string | null; resolution: ModelResolution }): ResolvedModel {
  return { ref: { id: r.value, canonical: r.value === null ? null : canonicalModel(r.value), resolution: r.resolution }, raw: r.value ?? undefined };
}

/** The pricing id: known provider prefixes and `models/` stripped; Bedrock ids are kept as written. */
export function canonicalModel(id: string): string {
  let out = id.trim();
  for (let i = 0; i < 3; i++) {
    const p = CANONICAL_STRIP_PREFIXES.find((x) => out.startsWith(x) && out.length > x.length);
    if (!p) break;
    out = out.slice(p.length);
  }
  return out;
}

/** Provider named by a model string's prefix (`anthropic/…`, `openai:…`) or its family name. */
export function providerOfModelString(model: string): Provider | undefined {
  const m = /^([\w.-]+)[/:]/.exec(model);
  if (m?.[1]) {
    const p = PROVIDER_OF_NAME[m[1].toLowerCase()];
    if (p) return p;
  }
  const bare = model.replace(/^models\//, '').toLowerCase();
  for (const e of MODEL_NAME_PROVIDERS) if (e.pattern.test(bare)) return e.provider;
  return undefined;
}

/**
 * The model object an argument holds (`llm=ChatOpenAI(…)`, `model_client=client`), or the first one in a list of
 * them (`[assistant, critic]`, `agents=[researcher, writer]`).
 */
export function modelObjectOf(fa: FileAnalyzer, arg: Node, hops = 0): (Value & { kind: 'inst' }) | null | undefined {
  let u = unwrap(arg);
  if (u.type === 'keyword_argument') u = unwrap(u.childForFieldName('value') ?? u);
  if (u.type === 'identifier' && hops < 3) {
    const b = fa.lookup(u.text, u);
    if (b?.kind === 'assign') {
      const listy = unwrap(b.value);
      if (listy.type === 'list' || listy.type === 'array' || listy.type === 'tuple') return modelObjectOf(fa, listy, hops + 1);
    }
  }
  if (u.type === 'list' || u.type === 'array' || u.type === 'tuple') {
    // The first entry that holds a model that sends requests (an agno workflow's agent step after a function step);
    // else a local one; else none.
    let own = false;
    let local: (Value & { kind: 'inst' }) | undefined;
    for (const c of u.namedChildren) {
      const v = c ? modelObjectOf(fa, c, hops + 1) : undefined;
      if (v && !TYPE_BY_ID.get(v.type)?.local) return v;
      if (v) local ??= v;
      if (v === null) own = true;
    }
    return local ?? (own ? null : undefined);
  }
  const v = fa.evalValue(u);
  // The project's own object, class or function (an agno workflow step that is a plain function) runs no catalogue model.
  if (v?.kind === 'object' || v?.kind === 'class' || v?.kind === 'func') return null;
  if (v?.kind === 'inst') return v;
  // A model stored on an attribute of another object (`llm=Settings.llm` after `Settings.llm = Vertex(…)`).
  if ((!v || v.kind === 'module') && isMember(u) && hops < 3) {
    const assigned = fa.dottedAssignment(u);
    if (assigned) return modelObjectOf(fa, assigned, hops + 1);
  }
  // A test double standing in for the model (`fake_model = MagicMock()`): the framework calls nothing real.
  let made: Node | undefined = u;
  if (u.type === 'identifier') {
    const b = fa.lookup(u.text, u);
    made = b?.kind === 'assign' ? unwrap(b.value) : undefined;
  }
  const fn = made && (made.type === 'call' || made.type === 'call_expression' || made.type === 'new_expression') ? callee(made) : null;
  return fn && MOCK_CALLEE.test(fn.text) ? null : undefined;
}
const MOCK_CALLEE = /(^|\.)(Mock|MagicMock|AsyncMock|NonCallableMock|create_autospec|fn)$|^(jest|vi)\.fn$/;

/**
 * The model object assigned to a module-wide setting in this file (`Settings.llm = …`): the last such write, as the
 * setting is assigned once and read by every engine (`dottedAssignment` only looks at the text and the position).
 */
export function globalModelOf(fa: FileAnalyzer, target: NonNullable<TypeSpec['globalModel']>, call?: Node): (Value & { kind: 'inst' }) | null | undefined {
  if (typeof target !== 'string') {
    // Inside a `with` block that sets the model, that one (unknown when the code does not show it), not the file's.
    const scoped = call && target.scoped ? scopedModel(fa, call, target.scoped, target.key) : undefined;
    return scoped ? scoped.model : configuredModel(fa, target.calls, target.key);
  }
  // LlamaIndex.TS spells the setting in camelCase (`Settings.embedModel`).
  const name = fa.lang === 'js' ? target.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) : target;
  if (!fa.text.includes(name)) return undefined;
  const value = fa.dottedAssignment({ text: name, startIndex: fa.root.endIndex + 1 } as unknown as Node);
  if (!value) return undefined;
  const v = fa.evalValue(value);
  if (v?.kind === 'inst') return TYPE_BY_ID.get(v.type)?.local ? null : v;
  if (v) return null;
  // Assigned to a model that runs in-process (`HuggingFaceEmbedding(…)`, `"local:BAAI/bge-small"`): null; to anything
  // else the catalogue does not know: a model all the same, unknown.
  if (v === undefined && /^["'`]local(:|["'`])/.test(unwrap(value).text)) return null;
  return undefined;
}

/**
 * The model object the innermost `with` block around `node` that opens one of `callees` passes as `key`
 * (`with dspy.context(lm=gpt4):`; `model` undefined when it is not known), or undefined when no such block holds it.
 */
function scopedModel(fa: FileAnalyzer, node: Node, callees: readonly string[], key: string): { readonly model: (Value & { kind: 'inst' }) | null | undefined } | undefined {
  for (let n = node.parent; n; n = n.parent) {
    // A function defined inside the block runs where it is called, not where it is written.
    if (n.type === 'function_definition' || n.type === 'lambda') return undefined;
    if (n.type !== 'with_statement') continue;
    for (const written of withItemValues(n)) {
      // `with (dspy.context(lm=x)):` in parentheses is the same call.
      const value = unwrap(written);
      const fn = isCall(value) ? callee(value) : null;
      if (!fn || !callees.includes(fn.text)) continue;
      const arg = fa.getArg(value, { kw: [key] });
      // A test double (DSPy's `DummyLM([...])`) answers in-process: no request.
      if (arg) return { model: fa.isTestDouble(arg) ? null : fa.modelObjectOf(arg) };
    }
  }
  return undefined;
}

/**
 * The model object a configuration call of this file passes (`dspy.configure(lm=lm)`, `dspy.settings.configure(lm=…)`):
 * the keyword `key` of the last call of one of `callees` (a mention in a comment or a string is no call).
 */
function configuredModel(fa: FileAnalyzer, callees: readonly string[], key: string): (Value & { kind: 'inst' }) | null | undefined {
  const found: { at: number; name: string }[] = [];
  for (const name of callees) {
    for (let i = fa.text.indexOf(`${name}(`); i !== -1; i = fa.text.indexOf(`${name}(`, i + 1)) found.push({ at: i, name });
  }
  for (const { at, name } of found.sort((a, b) => b.at - a.at)) {
    let n: Node | null = fa.root.descendantForIndex(at, at + name.length);
    const isTheCall = (c: Node): boolean => (c.type === 'call' || c.type === 'call_expression') && callee(c)?.startIndex === at && callee(c)?.text === name;
    while (n && !isTheCall(n)) n = n.parent;
    const arg = n ? fa.getArg(n, { kw: [key] }) : undefined;
    if (arg) return fa.isTestDouble(arg) ? null : fa.modelObjectOf(arg);
  }
  return undefined;
}
