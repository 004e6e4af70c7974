/**
 * Call resolution: from a candidate call to a site. The callee is split into a root expression and a member path,
 * the root is evaluated (./clients.ts) and the path looked up in the catalogue; a resolved site is built with its
 * model (./models.ts), parameters and prompt (./prompts.ts). Unresolved receivers go to the raw-HTTP check
 * (./rawHttp.ts) and then the fallback paths (catalog/sdks.ts `FALLBACKS`).
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import type { CallParams, Confidence, Provider, Via } from '../../types';
import { FALLBACKS } from '../catalog/sdks';
import type { SiteSpec } from '../catalog/types';
import { CACHE_KEYS, FALLBACK_KEYS, MAX_TOKEN_KEYS, N_KEYS, REASONING_KEYS, RESPONSE_FORMAT_KEYS, SERVICE_TIER_KEYS, STOP_KEYS, STREAM_KEYS, THINKING_KEYS, TOOL_CHOICE_KEYS, TOOLS_KEYS } from '../catalog/params';
import { callArgs, callee, isCall, isMember, isSelfRef, keywordArg, memberName, memberObject, unwrap, withItemValues } from '../syntax';
import { PROVIDER_OF_NAME } from '../../models/providers';
import type { FileAnalyzer } from '../analyzer';
import type { SiteDraft, Value } from './types';
import { catalogueName, memberOf, TYPE_BY_ID, writtenFallbackPath } from './catalogIndex';
import { providerOfModelString } from './models';

/** Splits a callee into its root expression and the member names after it. */
export function splitCallee(fn: Node): { root: Node; path: string[] } {
  const path: string[] = [];
  let cur = unwrap(fn);
  while (isMember(cur)) {
    const name = memberName(cur);
    const obj = memberObject(cur);
    if (!name || !obj) break;
    // `self.client` / `this.client` is one value (a class attribute), not `self` plus a path.
    const o = unwrap(obj);
    if (isSelfRef(o)) break;
    path.unshift(name);
    cur = unwrap(obj);
  }
  return { root: cur, path };
}

/**
 * A model given to this one call that is a test double (PydanticAI's `agent.run(q, model=TestModel())`), or the name
 * its framework gives one (`model_request('test', …)`, `agent.run(q, model='test')`, the module the call's root came from).
 */
function perCallTestDouble(fa: FileAnalyzer, argCall: Node, spec: SiteSpec, call: Node): boolean {
  // The model object a request runs (`VectorStoreIndex(nodes, embed_model=MockEmbedding(embed_dim=1))`).
  const object = spec.modelObject ? fa.getArg(argCall, spec.modelObject) : undefined;
  if (object && fa.isTestDouble(object)) return true;
  const m = fa.lang === 'python' ? fa.getArg(argCall, spec.model ?? { kw: ['model'] }) : undefined;
  if (!m) return false;
  if (fa.isTestDouble(m)) return true;
  const module = rootModule(fa, call);
  return module !== undefined && fa.testModelName(m, module);
}

/** The module a call's receiver comes from: its root's import, or the import of the call that built it (`agent = Agent(…)`). */
function rootModule(fa: FileAnalyzer, call: Node): string | undefined {
  let fn = callee(call);
  for (let i = 0; fn && i < 3; i++) {
    const { root } = splitCallee(fn);
    const b = root.type === 'identifier' ? fa.lookup(root.text, root) : undefined;
    if (b?.kind === 'import') return b.module;
    const v = b?.kind === 'assign' ? unwrap(b.value) : undefined;
    fn = v && isCall(v) ? callee(v) : null;
  }
  return undefined;
}

/**
 * `ref`: a method referenced as an argument of a wrapper that calls it (siteSearch.ts `visitRefs`); `call` is then
 * the call that carries the request's arguments, and only the catalogue and the fallbacks can make it a site.
 */
export function analyzeCall(fa: FileAnalyzer, call: Node, nameNode: Node, ref?: Node): SiteDraft | undefined {
  const fn = ref ?? callee(call);
  if (!fn) return undefined;
  let { root, path } = splitCallee(fn);
  // Without a catalogue import in reach, evaluating the receiver can only find local functions (`func`), which lead
  // to the HTTP check below, and a fallback needs its path written in the file: the HTTP check is all that is left.
  if (fa.opts.httpOnly) return fa.analyzeHttp(call, nameNode, root, path);
  // A mock or fake model (`FakeListLLM(...).invoke`) sends no request.
  if (fa.isTestDouble(root)) return undefined;
  let rootVal: Value | undefined;
  ({ rv: rootVal, path } = fa.advance(fa.evalValue(root), path));
  if (!rootVal && path.length >= 2) {
    // `st.session_state.chat.send_message(...)`: a receiver stored on an attribute of some other object.
    let obj = memberObject(unwrap(fn));
    let rest = [path[path.length - 1] ?? ''];
    while (obj && isMember(unwrap(obj)) && rest.length < path.length) {
      const assigned = fa.dottedAssignment(unwrap(obj));
      const v = assigned ? fa.evalValue(assigned) : undefined;
      if (v?.kind === 'inst') {
        rootVal = v;
        root = unwrap(obj);
        path = rest;
        break;
      }
      rest = [memberName(unwrap(obj)) ?? '', ...rest];
      obj = memberObject(unwrap(obj));
    }
  }
  if (rootVal?.kind === 'module' && path.length >= 2 && !fa.lookupMember(rootVal, [...rootVal.path, ...path])) {
    // A model the module holds as an attribute (`Settings.llm.acomplete(…)`): the attribute's value, as a receiver.
    const held = heldInstance(fa, fn, path.length);
    if (held) ({ rootVal, root, path } = held);
  }
  if (rootVal && (rootVal.kind === 'module' || rootVal.kind === 'inst')) {
    const full = [...rootVal.path, ...path];
    const found = fa.lookupMember(rootVal, full);
    if (found?.member.kind === 'site') {
      if (fa.lang === 'python' && patchedAround(fa, call, root)) return undefined;
      return buildSite(fa, call, nameNode, found.member.site, found.inst, found.method, 'resolved');
    }
    if (found) return undefined;
    if (rootVal.kind === 'inst') {
      const other = otherHolder(fa, call, nameNode, root, path);
      if (other) return other;
    }
  }
  if (rootVal && rootVal.kind === 'inst' && path.length === 0) {
    const t = TYPE_BY_ID.get(rootVal.type);
    if (t?.callable) return fa.lang === 'python' && patchedAround(fa, call, root) ? undefined : buildSite(fa, call, nameNode, t.callable, rootVal, nameNode.text, 'resolved');
  }
  const http = ref ? undefined : fa.analyzeHttp(call, nameNode, root, path);
  if (http) return http;
  if (!rootVal && !isLocalObject(fa, root)) return fallback(fa, call, nameNode, path);
  return undefined;
}

/**
 * `self.client` bound to different SDKs in the branches of `__init__` (`self.client = AnthropicVertex(…)` for Claude
 * models, else `genai.Client(…)`): when the value the attribute resolves to has no such method, the other bindings are
 * tried (`self.client.models.generate_content` is the genai client's).
 */
function otherHolder(fa: FileAnalyzer, call: Node, nameNode: Node, root: Node, path: readonly string[]): SiteDraft | undefined {
  const obj = isMember(root) ? memberObject(root) : null;
  const name = isMember(root) ? memberName(root) : undefined;
  const u = obj ? unwrap(obj) : null;
  if (!name || !u || !isSelfRef(u)) return undefined;
  const cls = fa.enclosingClass(call);
  const list = cls ? fa.classAttrBindings(cls, name) : [];
  if (list.length < 2) return undefined;
  for (const b of list) {
    const v = fa.evalBinding(b, root);
    if (v?.kind !== 'inst') continue;
    const found = fa.lookupMember(v, [...v.path, ...path]);
    if (found?.member.kind === 'site') return buildSite(fa, call, nameNode, found.member.site, found.inst ?? v, found.method, 'resolved');
  }
  return undefined;
}

/**
 * The instance a module attribute on the callee's receiver chain holds (LlamaIndex's `Settings.llm` in
 * `Settings.llm.acomplete(…)`, the file's `Settings.llm = OpenAI(…)` when it assigns one), with the rest of the path.
 */
function heldInstance(fa: FileAnalyzer, fn: Node, depth: number): { rootVal: Value; root: Node; path: string[] } | undefined {
  const names: string[] = [];
  let obj: Node | null = unwrap(fn);
  for (let k = depth - 1; k >= 1 && obj; k--) {
    names.unshift(memberName(obj) ?? '');
    obj = memberObject(obj);
    const o = obj ? unwrap(obj) : null;
    if (!o || !isMember(o)) return undefined;
    const v = fa.evalValue(o);
    if (v?.kind === 'inst') return { rootVal: v, root: o, path: names };
    if (v?.kind !== 'module') return undefined;
  }
  return undefined;
}

export function buildSite(fa: FileAnalyzer, call: Node, nameNode: Node, specIn: SiteSpec, instIn: (Value & { kind: 'inst' }) | undefined, method: string, how: 'resolved' | 'fallback'): SiteDraft | undefined {
  let inst = instIn;
  if (specIn.when && !eventMatches(fa, call, specIn.when)) return undefined;
  let spec = specIn;
  let argCall = call;
  if (spec.commands) {
    // AWS SDK v3: `client.send(new ConverseCommand({...}))`.
    const a0 = callArgs(call)[0];
    let cmd = a0 ? unwrap(a0) : undefined;
    if (cmd?.type === 'identifier') {
      const b = fa.lookup(cmd.text, cmd);
      cmd = b?.kind === 'assign' ? unwrap(b.value) : undefined;
    }
    if (cmd?.type === 'new_expression') {
      const ctor = callee(cmd);
      const sub = ctor ? spec.commands[isMember(ctor) ? (memberName(ctor) ?? '') : ctor.text] : undefined;
      if (!sub) return undefined;
      spec = sub;
      argCall = cmd;
    } else {
      const sub = a0 ? spec.commands['*'] : undefined;
      if (!sub) return undefined;
      spec = sub;
    }
  }
  if (spec.modelObject) {
    // `Chroma.from_documents(docs, OpenAIEmbeddings())`: the embeddings object passed in is the model.
    const arg = fa.getArg(argCall, spec.modelObject);
    const held = arg ? fa.modelObjectOf(arg) : undefined;
    if (held === null || (held && TYPE_BY_ID.get(held.type)?.local)) return undefined;
    if (held) inst = { ...(inst ?? { kind: 'inst', type: held.type, path: [] }), provider: held.provider, ctor: held.ctor, parent: held.parent };
  }
  const type = inst ? TYPE_BY_ID.get(inst.type) : undefined;
  // A Haystack pipeline or a Semantic Kernel kernel runs the model component the file added to it (none: no request).
  const collected = inst && type?.collects ? fa.collectedModel(call, type.collects, inst, spec) : undefined;
  if (collected === null) return undefined;
  if (collected) ({ inst, spec } = collected);
  if (inst && !inst.ctor && type?.globalModel) {
    // LlamaIndex `Settings.llm = Anthropic(model=…)`: the model every engine of the file runs unless given one. A
    // setting the file assigns to something else (a local `HuggingFaceEmbedding`) sends no request.
    const set = fa.globalModelOf(type.globalModel, call);
    if (set === null) return undefined;
    if (set) inst = { ...inst, provider: set.provider, ctor: set.ctor, parent: set.parent };
  }
  let provider: Provider = inst?.provider ?? spec.provider ?? type?.provider ?? 'other';
  const via: Via = spec.via ?? type?.via ?? 'sdk';
  const km = fa.keyMap(argCall);
  if (spec.notWith?.some((k) => km.has(k))) return undefined;
  if (perCallTestDouble(fa, argCall, spec, call)) return undefined;
  let model = fa.resolveModel(argCall, spec, inst);
  const ctorKm = inst?.ctor ? inst.ctor.ctx.keyMap(inst.ctor.node) : undefined;

  if (spec.modelFromFactory) {
    const mNode = fa.getArg(argCall, spec.model ?? { kw: ['model'] });
    // `generateText({ model: new MockLanguageModelV3(…) })`: a test double, no request.
    if (mNode && fa.isTestDouble(mNode)) return undefined;
    const f = (mNode ? fa.factoryModel(mNode) : undefined) ?? ctorFactoryModel(fa, argCall, spec, inst);
    if (f) {
      model = f.model;
      provider = f.provider;
    } else if (model.raw) provider = providerOfModelString(model.raw) ?? 'other';
  } else if (spec.providerFromModel && model.raw && !(spec.modelObject && inst?.ctor && model.ref.resolution.kind === 'constructor')) {
    provider = providerOfModelString(model.raw) ?? provider;
  } else if (inst?.ctor?.spec.providerFromModel && !(inst.ctor.spec.baseUrl && inst.ctor.ctx.getArg(inst.ctor.node, inst.ctor.spec.baseUrl))) {
    // The model id names the provider (`OpenAIChatCompletionClient(model="gemini-1.5-flash")`), unless a base URL does.
    const pm = inst.ctor.ctx.getArg(inst.ctor.node, inst.ctor.spec.providerFromModel);
    provider = (pm ? namedProvider(inst.ctor.ctx, pm) : undefined) || (model.raw ? providerOfModelString(model.raw) : undefined) || provider;
  }

  const params = callParams(fa, km, ctorKm, spec);
  const stream = spec.stream === true || params.stream === true;
  const prompt = fa.promptParts(argCall, spec, km, inst);
  const resolvedModel = model.ref.id !== null;
  const confidence: Confidence = how === 'fallback' ? (resolvedModel ? 'medium' : 'low') : resolvedModel ? 'high' : 'medium';
  return {
    call, nameNode, method, provider, via, api: spec.api, model: model.ref, stream,
    params: { ...params, ...(spec.batch ? { batch: true } : {}), ...(stream ? { stream: true } : {}) },
    prompt, confidence, fanOut: spec.fanOut,
  };
}

/**
 * The provider an argument names: a string (`model_provider="anthropic"`), or a member of an enum class
 * (`ModelPlatformType.AZURE`, `LLMProvider.ANTHROPIC.value`) whose name the provider table knows. CAMEL's
 * `ModelPlatformType` members the table does not know (`NOVITA`, `VLLM`, `OPENAI_COMPATIBLE_MODEL`) are platforms that
 * serve the model themselves: not the model's vendor (other). `DEFAULT`, `LITELLM` (a router to the model's vendor),
 * config reads (`settings.model_provider`) and unknown names leave the provider to the model.
 */
function namedProvider(fa: FileAnalyzer, arg: Node): Provider | undefined {
  const s = fa.constString(arg);
  if (s !== undefined) return PROVIDER_OF_NAME[s];
  const u = unwrap(arg);
  const m = /^(attribute|member_expression)$/.test(u.type) ? /(?:^|\.)([A-Z]\w*)\.([A-Za-z_]\w*)(?:\.value)?$/.exec(u.text) : null;
  const name = m?.[2]?.toLowerCase();
  if (!m || !name || name === 'default' || name === 'litellm') return undefined;
  return PROVIDER_OF_NAME[name] ?? (m[1] === 'ModelPlatformType' ? 'other' : undefined);
}

/**
 * A LlamaIndex engine or retriever built with its own model (`query_engine = index.as_query_engine(llm=llm)`, a
 * parameter defaulting to one, `as_retriever(embed_model=…)`): that model object, not the file's `Settings`; null
 * when it runs in-process.
 */
function builtWithModel(fa: FileAnalyzer, call: Node): (Value & { kind: 'inst' }) | null | undefined {
  const fn = callee(call);
  const recv = fn && isMember(fn) ? unwrap(memberObject(fn) ?? fn) : undefined;
  if (recv?.type !== 'identifier') return undefined;
  const b = fa.lookup(recv.text, recv);
  let made = b?.kind === 'assign' ? unwrap(b.value) : b?.kind === 'param' && b.def ? unwrap(b.def) : undefined;
  if (made?.type === 'identifier') {
    // `def ask(q, query_engine=query_engine)`: the default names the module's variable the parameter shadows.
    const b2 = b?.kind === 'param' ? fa.topLevel(made.text) : fa.lookup(made.text, made);
    made = b2?.kind === 'assign' ? unwrap(b2.value) : undefined;
  }
  if (!made || !isCall(made) || !/(?:^|\.)(?:as_query_engine|as_chat_engine|as_retriever|from_defaults)$/.test(callee(made)?.text ?? '')) return undefined;
  let arg = fa.getArg(made, { kw: ['llm', 'embed_model'] });
  // `index.as_retriever()` embeds with the index's model (`VectorStoreIndex.from_documents(docs, embed_model=…)`).
  const idx = !arg && /as_retriever$/.test(callee(made)?.text ?? '') ? memberObject(callee(made) ?? made) : null;
  const ib = idx && unwrap(idx).type === 'identifier' ? fa.lookup(unwrap(idx).text, unwrap(idx)) : undefined;
  if (ib?.kind === 'assign' && isCall(unwrap(ib.value))) arg = fa.getArg(unwrap(ib.value), { kw: ['embed_model'] });
  const held = arg ? fa.modelObjectOf(arg) : undefined;
  if (held === null || (held && TYPE_BY_ID.get(held.type)?.local)) return null;
  return held ?? undefined;
}

/** `send({ type: 'response.create', … })`: the first argument's `key` holds one of the strings (SiteSpec.when). */
function eventMatches(fa: FileAnalyzer, call: Node, when: NonNullable<SiteSpec['when']>): boolean {
  const a0 = callArgs(call)[0];
  const obj = a0 ? fa.resolveObject(a0) : undefined;
  const v = obj ? fa.objectKey(obj, [when.key]) : undefined;
  const s = v ? fa.constString(v) : undefined;
  return s !== undefined && when.equals.includes(s);
}

/**
 * The provider-factory model of the object a site runs: its receiver's constructor (`new ToolLoopAgent({ model:
 * openai('gpt-4o') })` then `agent.generate(…)`), or the agent passed in `spec.agentArg`.
 */
function ctorFactoryModel(fa: FileAnalyzer, call: Node, spec: SiteSpec, inst: (Value & { kind: 'inst' }) | undefined): ReturnType<FileAnalyzer['factoryModel']> {
  let owner = inst;
  if (spec.agentArg) {
    const a = fa.getArg(call, spec.agentArg);
    const v = a ? fa.evalValue(a) : undefined;
    owner = v?.kind === 'inst' ? v : undefined;
  }
  const ctor = owner?.ctor;
  if (!ctor?.spec.model) return undefined;
  const arg = ctor.ctx.getArg(ctor.node, ctor.spec.model);
  return arg ? ctor.ctx.factoryModel(arg) : undefined;
}

export function callParams(fa: FileAnalyzer, km: Map<string, Node[]>, ctorKm: Map<string, Node[]> | undefined, spec: SiteSpec): CallParams {
  const get = (keys: readonly string[]): { key: string; node: Node } | undefined => {
    for (const m of [km, ctorKm]) {
      if (!m) continue;
      for (const k of keys) {
        const v = m.get(k);
        if (v?.[0]) return { key: k, node: v[0] };
      }
    }
    return undefined;
  };
  const out: { -readonly [K in keyof CallParams]: CallParams[K] } = {};
  const mt = get(MAX_TOKEN_KEYS);
  if (mt) {
    out.maxTokensParam = mt.key;
    const v = fa.constNumber(mt.node);
    if (v !== undefined) out.maxTokens = v;
  }
  const n = get(N_KEYS);
  if (n) {
    const v = fa.constNumber(n.node);
    if (v !== undefined) out.n = v;
  }
  const st = get(STREAM_KEYS);
  if (st) {
    const t = unwrap(st.node).type;
    if (t === 'true') out.stream = true;
    else if (t === 'false') out.stream = false;
  }
  if (get(TOOLS_KEYS)) out.tools = true;
  const tc = get(TOOL_CHOICE_KEYS);
  const choice = tc ? toolChoice(fa, tc.node) : undefined;
  if (choice) out.toolChoice = choice;
  const stop = get(STOP_KEYS);
  if (stop) {
    const u = unwrap(stop.node);
    const items = u.type === 'list' || u.type === 'array' || u.type === 'tuple' ? u.namedChildren.filter((x): x is Node => !!x && x.type !== 'comment') : [u];
    // constString keeps escapes as written (`"\\n"`): a stop sequence is compared as the text the model sees.
    const texts = items.map((x) => fa.constString(x)?.replace(/\\([nrt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\t'))).filter((x): x is string => typeof x === 'string');
    if (texts.length) out.stop = texts.slice(0, 4);
  }
  if (get(RESPONSE_FORMAT_KEYS)) out.responseFormat = true;
  const re = get(REASONING_KEYS);
  if (re) {
    const s = fa.constString(re.node);
    if (s) out.reasoningEffort = s;
  }
  const th = get(THINKING_KEYS);
  if (th) {
    const v = fa.constNumber(th.node);
    if (v !== undefined) out.thinkingBudget = v;
  }
  if (get(CACHE_KEYS)) out.cacheControl = true;
  const tier = get(SERVICE_TIER_KEYS);
  if (tier) {
    const s = fa.constString(tier.node);
    if (s) out.serviceTier = s;
  }
  const fb = get(FALLBACK_KEYS);
  if (fb) {
    const list = unwrap(fb.node);
    if (list.type === 'list' || list.type === 'array') {
      const ids = list.namedChildren.map((x) => (x ? fa.constString(x) : undefined)).filter((x): x is string => typeof x === 'string');
      if (ids.length) out.fallbacks = ids;
    }
  }
  if (spec.batch) out.batch = true;
  return out;
}

/**
 * A tool choice as written, normalised (`auto`, `none`, `required`, `function:<name>`): strings (`"required"`,
 * `"any"`, `"ANY"`), OpenAI `{type: "function", function: {name}}`, Anthropic `{type: "tool", name}` / `{type: "any"}`,
 * Gemini `{mode: "ANY", allowed_function_names: [one]}`, the legacy `function_call={"name": …}`.
 */
function toolChoice(fa: FileAnalyzer, n: Node): string | undefined {
  const norm = (s: string): string | undefined => {
    const v = s.toLowerCase();
    return v === 'auto' || v === 'none' ? v : v === 'required' || v === 'any' ? 'required' : undefined;
  };
  const s = fa.constString(n);
  if (s !== undefined) return norm(s);
  const u = unwrap(n);
  if (u.type !== 'dictionary' && u.type !== 'object') return undefined;
  const str = (keys: readonly string[]): string | undefined => {
    const k = fa.objectKey(u, keys);
    return k ? fa.constString(k) : undefined;
  };
  const fnNode = fa.objectKey(u, ['function']);
  const name = (fnNode && (unwrap(fnNode).type === 'dictionary' || unwrap(fnNode).type === 'object') ? (() => {
    const k = fa.objectKey(unwrap(fnNode), ['name']);
    return k ? fa.constString(k) : undefined;
  })() : undefined) ?? str(['name']);
  const type = str(['type', 'mode']);
  if (name) return `function:${name}`;
  if (type) {
    const allowed = fa.objectKey(u, ['allowed_function_names', 'allowedFunctionNames']);
    const list = allowed ? unwrap(allowed) : undefined;
    const only = list && (list.type === 'list' || list.type === 'array') && list.namedChildCount === 1 && list.namedChildren[0] ? fa.constString(list.namedChildren[0]) : undefined;
    if (only && norm(type) === 'required') return `function:${only}`;
    return norm(type);
  }
  return undefined;
}

/** True when the receiver is visibly the project's own object (an instance of a class defined here). */
export function isLocalObject(fa: FileAnalyzer, root: Node): boolean {
  if (root.type !== 'identifier') return false;
  const b = fa.lookup(root.text, root);
  if (b?.kind === 'class') return true;
  if (b?.kind !== 'assign') return false;
  const v = unwrap(b.value);
  if (v.type === 'object' || v.type === 'dictionary') return true;
  if (!isCall(v)) return false;
  const fn = callee(v);
  // Test doubles are not the SDK.
  if (/(^|\.)(Mock|MagicMock|AsyncMock|NonCallableMock|create_autospec|fn|mock)$/.test(fn?.text ?? '')) return true;
  if (fn?.type !== 'identifier') return false;
  return fa.lookup(fn.text, fn)?.kind === 'class';
}

const PATCH_CALL = /(^|\.)patch(\.object|\.dict|\.multiple)?$/;
const MOCKISH = /^(\w*mock\w*|\w*fake\w*|(Magic|Async|NonCallable)?Mock\(.*)$/is;

/**
 * A call made while its target is replaced by a test double sends nothing: inside `with patch(…)` /
 * `with patch.object(…)` (without `wraps=`, which spies on a real call), in a function decorated with `@patch(…)`, or
 * after the function set an attribute of the receiver to a mock (`llm._client = MagicMock()` / `= mock_client`).
 */
export function patchedAround(fa: FileAnalyzer, call: Node, root: Node): boolean {
  for (const a of fa.ancestors(call)) {
    if (a.type === 'with_statement') {
      for (const c of withItemValues(a)) {
        if (isCall(c) && PATCH_CALL.test(callee(c)?.text ?? '') && !callArgs(c).some((x) => x.type === 'keyword_argument' && x.childForFieldName('name')?.text === 'wraps') && !spySideEffect(fa, c) && patchReaches(fa, c, call, root)) return true;
      }
    }
    if (a.type === 'function_definition') {
      const deco = fa.ancestors(a)[0];
      if (deco?.type === 'decorated_definition' && deco.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*(mock\.)?patch\b/.test(d.text) && !/wraps\s*=/.test(d.text))) return true;
      if (root.type !== 'identifier') return false;
      const body = fa.text.slice(a.startIndex, call.startIndex);
      const re = new RegExp(`(?<![\\w.])${root.text}(?:\\.\\w+)+\\s*=\\s*([^\\n=][^\\n]*)`, 'g');
      for (let m = re.exec(body); m; m = re.exec(body)) if (MOCKISH.test((m[1] ?? '').trim())) return true;
      return false;
    }
  }
  return false;
}

/**
 * Whether a `with patch(…)` block's target may stand in for the call's request: its object is a catalogue instance or
 * module, or its dotted target names the call's receiver or method, an SDK module or class of the catalogue, or an
 * HTTP transport. A patch of the project's own code elsewhere (`patch("letta.agents.letta_agent_v2.LettaAgentV2.step")`, `patch.object(Adapter, "invoke_llm")`
 * around an SDK call that the test expects to fail on the server) leaves the request real.
 */
function patchReaches(fa: FileAnalyzer, patch: Node, call: Node, root: Node): boolean {
  const args = callArgs(patch).filter((x) => x.type !== 'keyword_argument').slice(0, 2);
  if (args.length === 0) return true;
  const method = callee(call);
  // The receiver, the method and the private attributes on the way (`s._client` in `s._client.chat.completions.create`).
  const own = new Set([root.text, method ? (memberName(unwrap(method)) ?? method.text) : '', ...(method?.text.match(/(?<=\.)_\w+/g) ?? [])]);
  // `patch.object(anthropic_llm, "call")`: an object the catalogue knows (a model the test built, an SDK class).
  let target = args[0] ? unwrap(args[0]) : undefined;
  while (target && isMember(target)) target = memberObject(target) ?? undefined;
  if (target?.type === 'identifier') {
    const v = fa.evalValue(target);
    if (v?.kind === 'inst' || v?.kind === 'module') return true;
  }
  for (const a of args) {
    // `patch(CREATE)` with `CREATE = "anthropic.resources.messages.Messages.create"`: the constant's text.
    const ids = (unwrap(a).type === 'identifier' ? (fa.resolveString(a).value ?? a.text) : a.text).match(/[A-Za-z_]\w*/g) ?? [];
    // The first name of a dotted target is its top-level package (`"openai.resources…"`, `patch.object(openai.…)`).
    if (catalogueName(ids[0] ?? '', 'module')) return true;
    if (ids.some((id) => own.has(id) || PATCH_TRANSPORT.has(id) || catalogueName(id, 'export'))) return true;
  }
  return false;
}
const PATCH_TRANSPORT = new Set(['httpx', 'requests', 'aiohttp', 'urllib', 'urllib3', 'urlopen', 'http', 'post', 'request', 'send', 'Session', 'Client', 'AsyncClient', 'ClientSession']);

/**
 * A patch whose `side_effect` is a local function that forwards to the original method saved before the patch
 * (`original_create = llm._client.messages.create`, then `def spy(**kw): …; return original_create(**kw)`): a spy
 * that records the arguments of a real request, like `wraps=`. Also `patch.dict(os.environ, …)`: no double at all.
 */
function spySideEffect(fa: FileAnalyzer, patch: Node): boolean {
  // `patch.dict(os.environ, {…})` sets environment variables: nothing is replaced by a double.
  if (/(^|\.)patch\.dict$/.test(callee(patch)?.text ?? '') && /(^|\.)environ$/.test(callArgs(patch)[0]?.text ?? '')) return true;
  const se = keywordArg(patch, 'side_effect');
  if (se?.type !== 'identifier') return false;
  const fn = fa.lookup(se.text, se);
  if (fn?.kind !== 'func') return false;
  for (const m of fn.node.text.matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*\(/g)) {
    const b = fa.lookup(m[1] ?? '', fn.node);
    if (b?.kind === 'assign' && unwrap(b.value).type === 'attribute') return true;
  }
  return false;
}

/** The provider of the one SDK client class of `type` this file imports, if exactly one. */
export function importedProvider(fa: FileAnalyzer, type: string): Provider | undefined {
  const providers = new Set<Provider>();
  for (const list of fa.bindingsOf(fa.root).values()) {
    for (const b of list) {
      if (b.kind !== 'import') continue;
      const v = fa.importValue(b);
      const inst = v ? fa.instantiate(v) : undefined;
      if (inst?.kind === 'inst' && inst.type === type) providers.add(inst.provider ?? TYPE_BY_ID.get(type)?.provider ?? 'other');
    }
  }
  return providers.size === 1 ? [...providers][0] : undefined;
}

/** The receiver expression a fallback path is called on (`self.query_engine` in `self.query_engine.query(…)`). */
function receiverOf(call: Node, path: string): Node | undefined {
  const fn = callee(call);
  let cur = fn ? unwrap(fn) : undefined;
  for (let i = 0; cur && i < path.split('.').length; i++) cur = isMember(cur) ? unwrap(memberObject(cur) ?? cur) : undefined;
  return cur;
}

/** The last name of the receiver of a fallback path (`query_engine` in `self.query_engine.query(…)`). */
function receiverName(call: Node, key: string, path: string): string | undefined {
  const cur = receiverOf(call, path);
  if (!cur || key.length < path.length) return undefined;
  if (cur.type === 'identifier') return cur.text;
  // A receiver returned by a call is named by its function and `()` (`MyCrew().crew().kickoff()`: `crew()`).
  if (isCall(cur)) {
    const f = callee(cur);
    const u = f ? unwrap(f) : undefined;
    const n = u?.type === 'identifier' ? u.text : u && isMember(u) ? memberName(u) : undefined;
    return n ? `${n}()` : undefined;
  }
  return isMember(cur) ? memberName(cur) : undefined;
}

/**
 * The receiver's name and, for a variable or `self` attribute assigned the result of a call, `name=callee()`
 * (`qe_w_rerank=index.as_query_engine()` for `qe_w_rerank = index.as_query_engine(…)`): what it was built by names it too.
 */
function receiverNames(fa: FileAnalyzer, call: Node, key: string, path: string): string[] {
  const name = receiverName(call, key, path);
  if (!name) return [];
  const cur = receiverOf(call, path);
  // A receiver a call returns: also the call's whole callee (`keyword_index.as_retriever()` beside `as_retriever()`).
  const whole = cur && isCall(cur) ? callee(cur)?.text.replace(/\s+/g, '') : undefined;
  if (name.endsWith('()')) return whole && whole.length <= 120 ? [name, `${whole}()`] : [name];
  const obj = cur && isMember(cur) ? memberObject(cur) : undefined;
  const b = cur?.type === 'identifier' ? fa.lookup(cur.text, cur) : obj && (obj.text === 'self' || obj.type === 'this') ? fa.lookupSelfAttr(name, cur as Node) : undefined;
  const made = b?.kind === 'assign' ? unwrap(b.value) : undefined;
  const f = made && isCall(made) ? callee(made) : undefined;
  // `name=builder()` with the builder's receiver: `keyword_retriever=keyword_index.as_retriever()`, so a receiver
  // pattern can still rule out a keyword or summary index by either name.
  return f && f.text.length <= 120 ? [name, `${name}=${f.text.replace(/\s+/g, '')}()`] : [name];
}

/** Each fallback's path as the file's language writes it (catalogIndex.ts `writtenFallbackPath`). */
const FALLBACK_PATHS: readonly string[] = FALLBACKS.map(writtenFallbackPath);

export function fallback(fa: FileAnalyzer, call: Node, nameNode: Node, path: readonly string[]): SiteDraft | undefined {
  const key = path.filter((p) => p !== 'beta' && p !== 'with_raw_response' && p !== 'aio').join('.');
  for (const [i, f] of FALLBACKS.entries()) {
    const fp = FALLBACK_PATHS[i] ?? f.path;
    if (f.lang !== fa.lang || !key.endsWith(fp)) continue;
    if (!(key === fp || key.endsWith(`.${fp}`))) continue;
    const names = f.receiver || f.notReceiver ? receiverNames(fa, call, key, fp) : [];
    if (f.receiver && !names.some((n) => f.receiver?.test(n))) continue;
    if (f.notReceiver && names.some((n) => f.notReceiver?.test(n))) continue;
    if (!f.fileToken.test(fa.text)) continue;
    const km = fa.keyMap(call);
    if (f.requireKw.length && !f.requireKw.some((k) => km.has(k))) continue;
    const t = TYPE_BY_ID.get(f.type);
    const m = t ? memberOf(t, fp) : undefined;
    if (!t || m?.kind !== 'site') continue;
    const method = key.slice(key.length - fp.length);
    const provider = importedProvider(fa, t.id);
    const own = t.globalModel ? builtWithModel(fa, call) : undefined;
    if (own === null) return undefined;
    return buildSite(fa, call, nameNode, m.site, own ? { ...own, type: t.id, path: [] } : { kind: 'inst', type: t.id, path: [], ...(provider ? { provider } : {}) }, method, 'fallback');
  }
  return undefined;
}
