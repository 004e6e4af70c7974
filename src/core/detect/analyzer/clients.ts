/**
 * Clients: what an expression is, as far as the catalogue is concerned — a module object (or a path into one), an SDK
 * client instance (with the constructor call that built it), or a same-file factory function. Follows bindings
 * (./scopes.ts), imports (./imports.ts), constructors, type annotations, chains and `a.b = …` assignments.
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import type { Provider } from '../../types';
import type { Member, ModuleSpec, NewSpec } from '../catalog/types';
import { callArgs, callee, FUNCTION_TYPES, isAsciiWordCode, isCall, isMember, isSelfRef, memberName, memberObject, stringParts, unwrap } from '../syntax';
import * as typed from './typed';
import type { FileAnalyzer } from '../analyzer';
import type { Binding, Value } from './types';
import { memberOf, MODULE_BY_KEY, MODULE_PREFIXES, OWN_PACKAGES, ownPackageDirOf, packageFamily, TYPE_BY_ID, WORKSPACE_FIRST } from './catalogIndex';
import { escapeRe } from './text';
import { containerItem, dictValue } from './containers';
import { providerOfUrl, urlText } from './rawHttp';
import { hintedProvider } from './urlHints';
import { BASE_URL_PARTS } from '../catalog/params';
import { catalogueImport } from './moduleNames';
import { dynamicImportOf, keyedValue, lazyModuleProxy, passedThrough } from './dynamicImports';
import { unknownSetting } from './testDoubles';

/** How deep expression evaluation may recurse (bindings, calls, chains) before it gives up on a value. */
const MAX_DEPTH = 14;
/**
 * Steps (evalValue calls) one top-level evaluation may take, and all of a file's: measured on the development corpus
 * and the audited trees (11,839 files, 2026-12-07), the most one evaluation took was 372 and one file 1,062; Open
 * WebUI's 5,669-line middleware took millions before the container guard and 95,000 after it.
 */
const EVAL_STEPS = 2_000;
const FILE_EVAL_STEPS = 20_000;

/** Finds the catalogue member a value + path names. `inst` is the receiver instance (for sites on instances). */
export function lookupMember(fa: FileAnalyzer, v: Value, path: readonly string[]): { member: Member; inst?: Value & { kind: 'inst' }; method: string } | undefined {
  if (v.kind === 'module') {
    // A dotted Python module path: `google.genai`, `langchain_community.chat_models`.
    for (let i = path.length; i >= 0; i--) {
      const modName = [v.module, ...path.slice(0, i)].join('.');
      const mod = MODULE_BY_KEY.get(`${v.lang}:${modName}`);
      if (!mod) continue;
      const rest = path.slice(i);
      if (rest.length === 0) return undefined;
      const head = mod.members[rest[0] ?? ''];
      if (head?.kind === 'module' && rest.length > 1) return lookupMember(fa, { kind: 'module', lang: v.lang, module: head.module, path: [] }, rest.slice(1));
      let key = rest.join('.');
      let member = mod.members[key];
      // Python: a class reached through an inner module the package re-exports it from
      // (`from google.generativeai import generative_models` … `generative_models.GenerativeModel(…)`).
      // Also a module function the package re-exports (`from google.generativeai import embedding` …
      // `embedding.embed_content(…)`): a site or constructor of the package, not a constant or a sub-module.
      for (let j = 1; !member && v.lang === 'python' && j < rest.length && /^_?[a-z][a-z0-9_]*$/.test(rest[j - 1] ?? ''); j++) {
        const inner = rest.slice(j).join('.');
        const candidate = mod.members[inner];
        if (candidate && (/^[A-Z]/.test(rest[j] ?? '') || candidate.kind === 'site' || candidate.kind === 'new')) {
          key = inner;
          member = mod.members[inner];
        }
      }
      if (member) {
        const inst = mod.provider ? ({ kind: 'inst', type: mod.asType ?? '', path: [], provider: moduleProvider(fa, mod) } as const) : undefined;
        return { member, method: key, ...(inst ? { inst } : {}) };
      }
      if (mod.asType) return lookupMember(fa, { kind: 'inst', type: mod.asType, path: [] }, rest);
      return undefined;
    }
    return undefined;
  }
  if (v.kind !== 'inst') return undefined;
  const t = TYPE_BY_ID.get(v.type);
  if (!t) return undefined;
  const optional = new Set(t.optionalSegments ?? []);
  const clean = path.filter((p) => !optional.has(p));
  const key = clean.join('.');
  const member = memberOf(t, key);
  if (member) {
    const written = path.filter((p) => !/^with_?(raw|streaming)_?response$/i.test(p) && p !== 'withRawResponse' && p !== 'aio').join('.');
    return { member, inst: { ...v, path: [] }, method: written };
  }
  if (t.forwardsToWrapped && v.parent?.kind === 'inst') return lookupMember(fa, v.parent, path);
  return undefined;
}

/** `a.b.c = value` anywhere in the file, for a dotted receiver that is not an SDK object (`st.session_state.chat`). */
export function dottedAssignment(fa: FileAnalyzer, n: Node): Node | undefined {
  const text = n.text;
  if (text.length > 120 || /\s/.test(text)) return undefined;
  // Cheap text check first: is `text =` (not `==`) written anywhere? indexOf is fast; a regex here was not.
  let written = fa.dottedTargets.get(text);
  if (written === undefined) {
    written = false;
    for (let i = fa.text.indexOf(text); i !== -1 && !written; i = fa.text.indexOf(text, i + 1)) {
      const before = i > 0 ? fa.text.charCodeAt(i - 1) : 32;
      if (before === 46 || isAsciiWordCode(before)) continue;
      let j = i + text.length;
      while (fa.text[j] === ' ' || fa.text[j] === '\t') j++;
      if (fa.text[j] === '=' && fa.text[j + 1] !== '=') written = true;
    }
    fa.dottedTargets.set(text, written);
  }
  if (!written) return undefined;
  // Where `text = …` is written (not after a word character or a dot), found once per text and file: a bundle can
  // ask for the same dotted name at thousands of calls.
  let writes = fa.dottedWrites.get(text);
  if (!writes) {
    writes = [];
    const re = new RegExp(`${escapeRe(text)}\\s*=[^=]`, 'g');
    for (let m = re.exec(fa.text); m; m = re.exec(fa.text)) {
      const before = m.index > 0 ? fa.text[m.index - 1] ?? '' : '';
      if (!/[\w.]/.test(before)) writes.push(m.index);
    }
    fa.dottedWrites.set(text, writes);
  }
  // The last write before the read. A React ref's reset to null (`sessionRef.current = null` in a disconnect callback)
  // is no value: the ref holds what the connect callback put there. (Elsewhere a null write counts: `Settings.llm =
  // None` switches LlamaIndex's model off, and a dotted text can name another class's attribute.)
  const ref = fa.lang === 'js' && text.endsWith('.current');
  // `self.config.model = …` in one class is not another class's `self.config.model`.
  const cls = /^(?:self|this)\./.test(text) ? fa.enclosingClass(n) : undefined;
  let found: Node | undefined;
  for (const at of writes) {
    if (at >= n.startIndex) break;
    const node = fa.root.descendantForIndex(at, at + text.length);
    let cur: Node | null = node;
    while (cur && cur.text.length <= text.length && cur.type !== 'assignment' && cur.type !== 'assignment_expression') {
      if (cur.text === text) break;
      cur = cur.parent;
    }
    const asg = cur && cur.text === text ? fa.ancestors(cur)[0] : undefined;
    const right = asg && (asg.type === 'assignment' || asg.type === 'assignment_expression') && asg.childForFieldName('left')?.text === text ? asg.childForFieldName('right') : null;
    if (right && !(ref && isPlaceholder(right)) && (!cls || sameOrBaseClass(fa, fa.enclosingClass(right), cls))) found = right;
  }
  return found;
}

/** `writer` is the class `reader` or one of its base classes in the file (an attribute set by the base's `__init__`). */
function sameOrBaseClass(fa: FileAnalyzer, writer: Node | undefined, reader: Node, depth = 0): boolean {
  if (!writer) return false;
  if (writer.id === reader.id) return true;
  return depth < 3 && fa.localBaseClasses(reader).some((b) => sameOrBaseClass(fa, writer, b, depth + 1));
}

/** A module's provider, switched by a visible configuration line (`openai.api_type = "azure"`). */
export function moduleProvider(fa: FileAnalyzer, mod: ModuleSpec): Provider | undefined {
  const cached = fa.moduleProviderCache.get(mod);
  if (cached) return cached.provider;
  let provider = mod.provider;
  for (const r of mod.providerByText ?? []) {
    if (r.pattern.test(fa.text)) {
      provider = r.provider;
      break;
    }
  }
  fa.moduleProviderCache.set(mod, { provider });
  return provider;
}

/** The value a call produces (a new client, a chat session, the same runnable). */
export function evalCallResult(fa: FileAnalyzer, call: Node): Value | undefined {
  const fn = callee(call);
  if (!fn) return undefined;
  // `require('openai')`, `await import('openai')`, Python `importlib.import_module("openai")`: the module object.
  const loaded = dynamicImportOf(call) ?? lazyModuleProxy(fa, fn);
  if (loaded !== undefined) return loaded ? moduleValue(fa, loaded, undefined) : undefined;
  // JS `prompt.pipe(llm)` and `RunnableSequence.from([prompt, llm])`: the chain keeps the model piped in.
  if (isMember(fn) && (memberName(fn) === 'pipe' || fn.text === 'RunnableSequence.from')) {
    const args = callArgs(call);
    const a0 = args[0] ? unwrap(args[0]) : undefined;
    const items = fn.text === 'RunnableSequence.from' && a0?.type === 'array' ? a0.namedChildren.filter((x): x is Node => x !== null) : args;
    for (const a of items) {
      const av = evalValue(fa, a);
      if (av?.kind === 'inst' && TYPE_BY_ID.get(av.type)?.pipeable && !TYPE_BY_ID.get(av.type)?.promptLike) return av;
    }
  }
  // `cast(Any, self._client)`: the value, retyped for the checker. pydantic / dataclass fields: `Field(default=X)`,
  // `Field(default_factory=lambda: LLM(model="gpt-4o"))`, `field(default_factory=…)`.
  const fnText = fn.text;
  // …and `copy.copy(chat)` / `copy.deepcopy(client)`: the same kind of object (a chat session keeps its model).
  const kept = /^(typing\.)?cast$/.test(fnText) ? 1 : fa.lang === 'python' && /^(copy\.)?(deep)?copy$/.test(fnText) ? 0 : -1;
  if (kept >= 0) {
    const a = callArgs(call)[kept];
    return a ? evalValue(fa, a) : undefined;
  }
  if (/^(pydantic\.|dataclasses\.)?(Field|field|PrivateAttr)$/.test(fnText)) {
    for (const a of callArgs(call)) {
      if (a.type !== 'keyword_argument') continue;
      const k = a.childForFieldName('name')?.text;
      const v = a.childForFieldName('value');
      if (!v) continue;
      if (k === 'default') return evalValue(fa, v);
      if (k === 'default_factory') {
        const u = unwrap(v);
        if (u.type === 'lambda') {
          const body = u.childForFieldName('body');
          return body ? evalValue(fa, body) : undefined;
        }
        const made = evalValue(fa, u);
        return made?.kind === 'func' ? made.ctx.evalFunctionReturn(made.node) : made ? instantiate(fa, made) : undefined;
      }
    }
    return undefined;
  }
  // `_CLIENTS.get(key)` / `cache.get(key)` / `_CLIENTS.setdefault(key, OpenAI())`: an item of a client cache.
  if (isMember(fn) && /^(get|setdefault|pop)$/.test(memberName(fn) ?? '')) {
    const obj = memberObject(fn);
    const item = obj ? containerItem(fa, unwrap(obj)) : undefined;
    if (item) return item;
    const dflt = memberName(fn) === 'setdefault' ? callArgs(call)[1] : undefined;
    if (dflt) return evalValue(fa, dflt);
  }
  const split = fa.splitCallee(fn);
  const { rv, path } = advance(evalValue(fa, split.root), split.path);
  // `llm.bind_tools(tools)` / `.with_structured_output(Schema)` are LangChain chat models' own methods: the result is one
  // even when the code does not say which model (`llm_provider.llm`, a parameter) — provider and model unknown.
  if (!rv && split.path.length > 0 && LC_MODEL_ONLY.has(split.path[split.path.length - 1] ?? '') && /langchain/i.test(fa.text)) return { kind: 'inst', type: 'lc-chat', path: [] };
  if (!rv) return undefined;
  if (rv.kind === 'class') return path.length === 0 ? { kind: 'object', node: rv.node, ctx: rv.ctx } : undefined;
  if (rv.kind === 'object') return undefined;
  if (rv.kind === 'func') {
    if (path.length > 0) return undefined;
    const v = typed.chosenReturn(fa, call, rv.node, rv.ctx) ?? rv.ctx.evalFunctionReturn(rv.node);
    // A factory (`create_agent(model_name="llama3-70b-8192")`): the model its constructor takes from a parameter is
    // this call's argument, not the parameter's default.
    if (v?.kind === 'inst' && v.ctor && !v.ctor.via && v.ctor.ctx === rv.ctx && v.ctor.node.startIndex >= rv.node.startIndex && v.ctor.node.endIndex <= rv.node.endIndex) {
      return { ...v, ctor: { ...v.ctor, via: { call, fn: rv.node, ctx: fa } } };
    }
    return v;
  }
  const full = [...rv.path, ...path];
  if (rv.kind === 'module' && full.length === 0) {
    const mod = MODULE_BY_KEY.get(`${rv.lang}:${rv.module}`);
    if (mod?.callable) return applyMember(fa, mod.callable, call, rv);
    return undefined;
  }
  const found = lookupMember(fa, rv, full);
  if (!found) return undefined;
  return applyMember(fa, found.member, call, found.inst ?? rv);
}

export function applyMember(fa: FileAnalyzer, member: Member, call: Node, receiver: Value): Value | undefined {
  switch (member.kind) {
    case 'site': {
      // A request whose result is an object that keeps using the model (a vector store built from documents).
      const ret = member.site.returns;
      if (!ret) return undefined;
      const arg = member.site.modelObject ? fa.getArg(call, member.site.modelObject) : undefined;
      const held = arg ? fa.modelObjectOf(arg) : undefined;
      if (held === null || (held && TYPE_BY_ID.get(held.type)?.local)) return undefined;
      return { kind: 'inst', type: ret, path: [], provider: held?.provider, ctor: held?.ctor, parent: held?.parent };
    }
    case 'new': {
      if (member.spec.collects) return fa.addedModel(call, member.spec);
      if (member.spec.inheritFrom) {
        const arg = fa.getArg(call, member.spec.inheritFrom);
        const v = arg ? evalValue(fa, arg) : undefined;
        return v?.kind === 'inst' ? v : undefined;
      }
      if (member.spec.wraps) {
        const arg = fa.getArg(call, member.spec.wraps);
        if (arg && fa.isTestDouble(arg)) return { kind: 'inst', type: 'local-model', path: [] };
        const v = arg ? evalValue(fa, arg) : undefined;
        const wrapped = v?.kind === 'inst' ? v.provider ?? TYPE_BY_ID.get(v.type)?.provider : undefined;
        return { kind: 'inst', type: member.spec.type, path: [], provider: wrapped ?? providerOfNew(fa, member.spec, call, receiver), ctor: { node: call, spec: member.spec, ctx: fa }, ...(v?.kind === 'inst' ? { parent: v } : {}) };
      }
      if (member.spec.modelFrom) {
        // Over an in-process or mock model (`TransformersModel`, `llm=MockLMConfig(…)`) it runs in-process too, and so does
        // what is built over it (`Task(ChatAgent(config))`); over the project's own model classes the request is in them
        // (eval/README.md) — unless another argument holds a model (`SelectorGroupChat([own…], model_client=…)`).
        let own: boolean | 'local' = false;
        for (const ref of member.spec.modelFrom) {
          const arg = fa.getArg(call, ref);
          const held = arg ? (fa.isTestDouble(arg) ? { kind: 'inst' as const, type: 'local-model', path: [] } : fa.modelObjectOf(arg)) : undefined;
          if (held === null || (held && TYPE_BY_ID.get(held.type)?.local)) {
            // A plain function of the project run as a step (agno `Step(executor=fn)`) runs in-process, like a local
            // model; the project's own class or object (a config subclass, a model wrapper) may hold a real model.
            own = held || (arg && evalValue(fa, arg)?.kind === 'func') ? 'local' : own || true;
            continue;
          }
          // A LangChain chain or agent over a completion LLM stays a completion (both types are runnables).
          const keep = held && TYPE_BY_ID.get(held.type)?.pipeable && TYPE_BY_ID.get(member.spec.type)?.pipeable;
          if (held) return { kind: 'inst', type: keep ? held.type : member.spec.type, path: [], provider: held.provider, ctor: held.ctor, parent: held.parent };
        }
        // Over a local model or a plain function, what is built over this object sends nothing either (an agno Workflow
        // of a Step over a function); over the project's own classes the request is in them.
        if (own || (member.spec.modelInList && member.spec.modelFrom.some((ref) => fa.shownList(fa.getArg(call, ref))))) return own === 'local' ? { kind: 'inst', type: 'local-model', path: [] } : undefined;
        // Given no model, the object runs the file's module-wide one (LlamaIndex `Settings.llm`, TypeSpec.globalModel).
        if (!member.spec.model && TYPE_BY_ID.get(member.spec.type)?.globalModel) return { kind: 'inst', type: member.spec.type, path: [], provider: member.spec.provider };
      }
      let type = member.spec.type;
      if (member.spec.typeByArg) {
        const arg = fa.getArg(call, member.spec.typeByArg.arg);
        const s = arg ? fa.constString(arg) : undefined;
        const mapped = s !== undefined ? member.spec.typeByArg.map[s] : undefined;
        if (!mapped) return undefined;
        type = mapped;
      }
      const provider = providerOfNew(fa, member.spec, call, receiver);
      return { kind: 'inst', type, path: [], provider, ctor: { node: call, spec: member.spec, ctx: fa }, parent: member.spec.inheritModel ? receiver : undefined };
    }
    case 'same':
      return receiver.kind === 'inst' ? { ...receiver, path: [] } : undefined;
    case 'instance':
      return { kind: 'inst', type: member.type, path: [] };
    case 'module':
      return { kind: 'module', lang: fa.lang, module: member.module, path: [] };
    default:
      return undefined;
  }
}

export function providerOfNew(fa: FileAnalyzer, spec: NewSpec, call: Node, receiver: Value): Provider | undefined {
  let provider = spec.provider ?? (receiver.kind === 'inst' ? receiver.provider : undefined);
  const given = spec.providerUnlessObject ? fa.getArg(call, spec.providerUnlessObject) : undefined;
  if (given && fa.constString(given) === undefined) provider = undefined;
  if (spec.baseUrl) {
    const arg = fa.getArg(call, spec.baseUrl) ?? fa.deepKey(call, spec.baseUrl.kw ?? []);
    if (arg && !isPlaceholder(arg)) {
      const url = fa.resolveString(arg);
      const p = url.value !== null ? providerOfUrl(url.value) : providerOfUrlParts(fa, arg, provider);
      if (p) provider = p;
    }
  }
  return provider;
}

/**
 * A base URL whose value is not known in full: what its visible parts name (`BASE_URL_PARTS`); else, when it is read
 * from the environment (`process.env.GENERIC_OPEN_AI_BASE_PATH`, `os.environ["LITELLM_BASE_URL"]`, possibly through a
 * helper), `other`: a client pointed at a URL the deployment chooses does not go to the client's own provider. A
 * parameter or a config field keeps the client's provider (a class's optional override), unless its name names another
 * server (`lmstudio_base_url`: other; `ollama_base_url`: ollama); so does a read named for it (`OPENAI_BASE_URL`).
 */
function providerOfUrlParts(fa: FileAnalyzer, arg: Node, client?: Provider): Provider | undefined {
  const t = urlText(fa, arg);
  const text = t ? `${t.host ?? ''}${t.path}` : '';
  const hit = BASE_URL_PARTS.find((x) => x.pattern.test(text));
  if (hit) return hit.provider;
  // A literal scheme and host before run-time parts (`f"http://localhost:8283/v1/voice-beta/{agent_id}"`): that host's.
  if (t?.host) return providerOfUrl(`https://${t.host}`);
  let u = unwrap(arg);
  // A configured base named after another server (`self.config.lmstudio_base_url`, `settings.OLLAMA_BASE_URL`); a name
  // only (an attribute, a variable, an environment read), never a call's arguments (`get_base_url("ollama")`).
  const nameLike = u.type === 'identifier' || isMember(u) || u.type === 'subscript' || u.type === 'subscript_expression' || (isCall(u) && ENV_READ.test(u.text));
  const named = nameLike && u.text.length <= 120 ? hintedProvider(u.text, '') : undefined;
  if (named && named !== client) return named;
  const obj = isMember(u) ? memberObject(u) : null;
  const name = isMember(u) ? memberName(u) : undefined;
  const b = u.type === 'identifier' ? fa.lookup(u.text, u) : obj && name && isSelfRef(obj) ? fa.lookupSelfAttr(name, u) : undefined;
  if (b?.kind === 'assign') u = unwrap(b.value);
  return ENV_READ.test(u.text) && (client === undefined || hintedProvider(u.text.slice(0, 120), '') !== client) ? 'other' : undefined;
}
const ENV_READ = /process\.env\b|import\.meta\.env\b|\bos\.environ\b|\bgetenv\s*\(|Deno\.env\b/;

/** The value of a same-file factory function: the first `return` whose value is a client (memo: `FileAnalyzer`). */
export function evalFunctionReturn(fa: FileAnalyzer, fn: Node): Value | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  // Arrow function with an expression body: `() => new OpenAI()`.
  if (fn.type === 'arrow_function' && body.type !== 'statement_block') return evalValue(fa, body);
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop();
    if (!n) break;
    if (n.type === 'return_statement') {
      const e = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (e) {
        const v = evalValue(fa, e);
        if (v) return v;
      }
      continue;
    }
    if (FUNCTION_TYPES.has(n.type) || n.type === 'class_definition' || n.type === 'class_declaration') continue;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return undefined;
}

/** What an expression is, as far as the catalogue is concerned. */
export function evalValue(fa: FileAnalyzer, node: Node): Value | undefined {
  if (fa.depth > MAX_DEPTH) return undefined;
  // Each evaluation a site search starts may take EVAL_STEPS steps: past them, names it has not resolved stay unknown
  // (the file's analysis notes it), so no shape of code (mutually referring writes in every branch) can make it hang.
  if (fa.depth === 0) fa.evalSteps = 0;
  if (++fa.evalSteps > EVAL_STEPS || ++fa.fileEvalSteps > FILE_EVAL_STEPS) {
    fa.evalBudgetHit = true;
    return undefined;
  }
  fa.depth++;
  try {
    const inner = unwrap(node);
    return evalValueInner(fa, inner) ?? (inner.id !== node.id && !typed.namesItsClass(inner) ? typed.castValue(fa, node) : undefined);
  } finally {
    fa.depth--;
  }
}


/** A name: its binding's value; `cls` in a classmethod; else the name's other bindings (see below). */
function evalName(fa: FileAnalyzer, n: Node): Value | undefined {
  const b = fa.lookup(n.text, n);
  const v = b ? evalBinding(fa, b, n) : undefined;
  // `cls` in a classmethod is the class (`return cls(llm, …)` builds an instance of it).
  if (!v && b?.kind === 'param' && n.text === 'cls' && !b.type) {
    const owner = fa.enclosingClass(n);
    if (owner) return { kind: 'class', node: fa.selfClass && isSubclassOf(fa, fa.selfClass, owner) ? fa.selfClass : owner, ctx: fa };
  }
  if (v || b?.kind !== 'assign') return v;
  // Resolution is flow-insensitive: when the nearest assignment gives nothing (a placeholder, the `elif` branch of
  // a provider this catalogue does not know), the name's other bindings are tried (`llm = ChatOpenAI(…)` in another
  // branch, the import under `if TYPE_CHECKING:`, what a function declaring it `global` assigns).
  return lateBinding(fa, n.text, b);
}

export function evalValueInner(fa: FileAnalyzer, n: Node): Value | undefined {
  switch (n.type) {
    case 'identifier':
    case 'shorthand_property_identifier':
      return evalName(fa, n);
    case 'attribute':
    case 'member_expression': {
      const obj = memberObject(n);
      const name = memberName(n);
      if (!obj || !name) return undefined;
      const o = unwrap(obj);
      if (isSelfRef(o)) return evalSelfAttr(fa, name, n);
      const base = evalValue(fa, o);
      const attr = base && (base.kind === 'class' || base.kind === 'object') ? attrOf(base, name) : undefined;
      if (attr) return attr;
      if (!base || base.kind === 'class' || base.kind === 'object') {
        const assigned = dottedAssignment(fa, n);
        return assigned ? evalValue(fa, assigned) : undefined;
      }
      if (base.kind === 'func') return undefined;
      const v: Value = { ...base, path: [...base.path, name] };
      if (v.kind === 'module') { // A module-wide setting the file assigns (`Settings.llm = OpenAI(…)`) holds that value.
        const found = lookupMember(fa, v, v.path);
        const assigned = found?.member.kind === 'instance' ? dottedAssignment(fa, n) : undefined;
        if (found?.member.kind === 'instance') return assigned ? evalValue(fa, assigned) ?? unknownSetting(fa, assigned, found.member.type) : { kind: 'inst', type: found.member.type, path: [] };
      }
      return v;
    }
    case 'call':
    case 'call_expression':
    case 'new_expression': // `await import('cohere-ai').then((m) => m)`: the promise's own value.
      return passedThrough(n) ? evalValue(fa, passedThrough(n) as Node) : evalCallResult(fa, n);
    case 'subscript':
    case 'subscript_expression': {
      // `CLIENTS["groq"]`: a client held in a dict/object literal under a constant key.
      const obj = n.childForFieldName('value') ?? n.childForFieldName('object');
      const idx = n.childForFieldName('subscript') ?? n.childForFieldName('index');
      const key = idx ? fa.constString(idx) : undefined;
      const dict = obj && key !== undefined ? fa.resolveObject(obj) : undefined;
      const v = dict && key !== undefined ? fa.objectKey(dict, [key]) : undefined;
      if (v) return evalValue(fa, v);
      // `Agent[None](…)`, `Agent[Deps, Output](…)`: a Python generic class subscripted with its type parameters is the class.
      if (obj && fa.lang === 'python' && !dict) {
        const base = evalValue(fa, obj);
        if (base?.kind === 'module' && base.path.length) return base;
      }
      return obj ? containerItem(fa, unwrap(obj)) : undefined;
    }
    case 'binary_operator': {
      // LangChain `prompt | llm | parser`: the chain is billed as the model inside it.
      if (n.childForFieldName('operator')?.text !== '|') return undefined;
      return pipeChain(fa, n);
    }
    case 'boolean_operator':
    case 'binary_expression': {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      return (l && evalValue(fa, l)) || (r && evalValue(fa, r)) || undefined;
    }
    case 'conditional_expression': {
      for (const c of n.namedChildren) {
        const v = c ? evalValue(fa, c) : undefined;
        if (v) return v;
      }
      return undefined;
    }
    case 'ternary_expression': {
      const a = n.childForFieldName('consequence');
      const b = n.childForFieldName('alternative');
      return (a && evalValue(fa, a)) || (b && evalValue(fa, b)) || undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `self.x` / `this.x`: the first of the class's bindings of `x` that evaluates (an assignment in any method, a typed
 * field, a factory method `self._get_client()` called later, a property or getter read as a value), then the base
 * classes of this file; with no binding at all, an attribute of an SDK base class (`class C(anthropic.Anthropic)`:
 * `self.completions` is the client's own resource).
 */
export function evalSelfAttr(fa: FileAnalyzer, name: string, use: Node): Value | undefined {
  const encl = fa.enclosingClass(use);
  if (!encl) return undefined;
  // Inside a base class's method reached from a subclass, `self` is the subclass: its overrides win
  // (`self.client = self.create_client()` in `ApiModel`, `create_client` defined by `OpenAIModel`).
  const cls = fa.selfClass && fa.selfClass.id !== encl.id && isSubclassOf(fa, fa.selfClass, encl) ? fa.selfClass : encl;
  const list = fa.classAttrBindings(cls, name);
  const outer = fa.selfClass;
  fa.selfClass = cls;
  try {
    for (const b of list) {
      const v = b.kind === 'func' && fa.isGetter(b.node) ? fa.evalFunctionReturn(b.node) : evalBinding(fa, b, use);
      if (v) return v;
    }
  } finally {
    fa.selfClass = outer;
  }
  if (list.length) return undefined;
  const base = sdkBaseOf(fa, cls);
  return base ? { ...base, path: [...base.path, name] } : undefined;
}

function isSubclassOf(fa: FileAnalyzer, derived: Node, base: Node, depth = 0): boolean {
  if (depth > 3) return false;
  return fa.localBaseClasses(derived).some((b) => b.id === base.id || isSubclassOf(fa, b, base, depth + 1));
}

/**
 * An attribute of a project class or of an instance of one (`Holder.client`, `self.h.client` with `self.h = Holder()`,
 * `this.api.openai` with the class in a neighbour file): the class's own binding of the name, evaluated in the file
 * that defines the class; a method is a `func` to be called, a property or getter is read.
 */
export function attrOf(v: Value & { kind: 'class' | 'object' }, name: string): Value | undefined {
  const ctx = v.ctx;
  const list = ctx.classAttrBindings(v.node, name);
  for (const b of list) {
    let r: Value | undefined;
    if (b.kind === 'func') r = ctx.isGetter(b.node) ? ctx.evalFunctionReturn(b.node) : { kind: 'func', node: b.node, ctx };
    else r = ctx.evalBinding(b, b.at);
    if (r) return r;
  }
  // A class attribute declared None and set through the class (`GroqService.client = Groq(…)` in `__init__`): that write.
  const cls = v.kind === 'class' && list.length ? v.node.childForFieldName('name')?.text : undefined;
  const set = cls ? ctx.dottedAssignment({ text: `${cls}.${name}`, startIndex: ctx.root.endIndex + 1 } as unknown as Node) : undefined;
  if (list.length) return set ? ctx.evalValue(set) : undefined;
  const base = sdkBaseOf(ctx, v.node);
  return base ? { ...base, path: [...base.path, name] } : undefined;
}

/** Walks the leading names of a member path through project classes and instances (`self.h` + `client.chat…`). */
export function advance(v: Value | undefined, path: readonly string[]): { rv: Value | undefined; path: readonly string[] } {
  let rv = v;
  let rest = path;
  while (rv && (rv.kind === 'class' || rv.kind === 'object') && rest.length > 0) {
    rv = attrOf(rv, rest[0] ?? '');
    rest = rest.slice(1);
  }
  return { rv, path: rest };
}

const NOT_A_MODEL = /(Parser|parser|Passthrough|Lambda|Parallel|RunnableMap|Retriever|retriever|itemgetter|format_docs)$/;

/** Methods only LangChain chat models have. */
const LC_MODEL_ONLY = new Set(['bind_tools', 'bindTools', 'with_structured_output', 'withStructuredOutput']);

/** `None` / `null` / `undefined`: a name declared now and bound later (`client = None` … `global client; client = OpenAI()`). */
function isPlaceholder(n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'none' || u.type === 'null' || u.type === 'undefined' || (u.type === 'identifier' && u.text === 'undefined');
}

/**
 * A name first bound to a placeholder and given its value later: the other bindings of its scope (an import under
 * `if TYPE_CHECKING:`, the `else` branch's `litellm = None`), then assignments in functions that declare it `global`
 * (`_ensure_litellm()`: `global litellm; litellm = _litellm`) or, in JS, that assign the outer `let`.
 */
function lateBinding(fa: FileAnalyzer, name: string, first: Binding & { kind: 'assign' }): Value | undefined {
  const scope = fa.ancestors(first.at).find((a) => a.type === 'module' || a.type === 'program' || FUNCTION_TYPES.has(a.type)) ?? fa.root;
  const key = `${scope.id}:${name}`;
  if (fa.lateBindingActive.has(key)) return undefined;
  fa.lateBindingActive.add(key);
  try {
    return lateBindingIn(fa, name, first, scope);
  } finally {
    fa.lateBindingActive.delete(key);
  }
}

function lateBindingIn(fa: FileAnalyzer, name: string, first: Binding & { kind: 'assign' }, scope: Node): Value | undefined {
  const others = (fa.bindingsOf(scope).get(name) ?? []).filter((b) => b !== first && !(b.kind === 'assign' && isPlaceholder(b.value)));
  // The nearest before the first one, going back, then the ones after it.
  // One overwritten in the same straight-line block by an object of a library the catalogue does not know (a notebook's
  // `retriever = RAG.as_langchain_retriever()` in a later cell) is not one of the alternatives.
  const block = (b: Binding): Node | undefined => fa.ancestors(b.at).find((a) => a.type === 'block' || a.type === 'module' || a.type === 'program' || a.type === 'statement_block');
  const fn = callee(unwrap(first.value));
  const foreign = !!fn && evalValue(fa, fa.splitCallee(fn).root) === undefined;
  const before = others.filter((b) => b.at.startIndex < first.at.startIndex && !(foreign && b.kind === 'assign' && block(b)?.id === block(first)?.id)).reverse();
  const after = others.filter((b) => b.at.startIndex >= first.at.startIndex);
  for (const b of [...before, ...after]) {
    const v = evalBinding(fa, b, b.at);
    if (v && (v.kind === 'inst' || v.kind === 'module')) return v;
  }
  if (!isPlaceholder(first.value)) return undefined;
  const re = new RegExp(`(?<![\\w$.])${escapeRe(name)}\\s*=(?!=)`, 'g');
  let n = 0;
  for (let m = re.exec(fa.text); m && n < 8; m = re.exec(fa.text)) {
    const at = fa.root.descendantForIndex(m.index, m.index + name.length);
    const asg = at ? fa.ancestors(at)[0] : undefined;
    if (!asg || (asg.type !== 'assignment' && asg.type !== 'assignment_expression') || asg.childForFieldName('left')?.id !== at?.id) continue;
    const right = asg.childForFieldName('right');
    if (!right || isPlaceholder(right)) continue;
    n++;
    const v = evalValue(fa, right);
    if (v && v.kind !== 'func') return v;
  }
  return undefined;
}

/**
 * An LCEL chain (`{…} | prompt | llm | parser`): the first model in it. With none resolved, the operand right after a
 * prompt template is the model by LCEL's convention: when the code does not say which (`get_llm(cfg).llm`, a parameter),
 * the chain still runs a model, provider and model unknown. A prompt piped only into parsers runs none.
 */
function pipeChain(fa: FileAnalyzer, n: Node): Value | undefined {
  const items: Node[] = [];
  const flatten = (x: Node, depth: number): void => {
    const u = unwrap(x);
    if (depth < 40 && u.type === 'binary_operator' && u.childForFieldName('operator')?.text === '|') {
      const l = u.childForFieldName('left');
      const r = u.childForFieldName('right');
      if (l) flatten(l, depth + 1);
      if (r) flatten(r, depth + 1);
    } else items.push(u);
  };
  flatten(n, 0);
  const values = items.map((x) => evalValue(fa, x));
  const model = values.find((v): v is Value & { kind: 'inst' } => v?.kind === 'inst' && TYPE_BY_ID.get(v.type)?.pipeable === true && !TYPE_BY_ID.get(v.type)?.promptLike);
  if (model) return model;
  // A dict of runnables run in parallel (`{"a": RunnablePassthrough() | agent_a, …} | RunnableLambda(merge)`): its first model.
  const parallel = items.filter((x) => x.type === 'dictionary').flatMap((d) => d.namedChildren.map((p) => (p?.type === 'pair' ? p.childForFieldName('value') : null)));
  const inner = parallel.map((v) => (v ? evalValue(fa, v) : undefined)).find((v): v is Value & { kind: 'inst' } => v?.kind === 'inst' && TYPE_BY_ID.get(v.type)?.pipeable === true && !TYPE_BY_ID.get(v.type)?.promptLike);
  if (inner) return inner;
  for (let i = 0; i + 1 < items.length; i++) {
    const v = values[i];
    const next = items[i + 1];
    if (v?.kind !== 'inst' || !TYPE_BY_ID.get(v.type)?.promptLike || !next || values[i + 1] !== undefined) continue;
    // Output parsers and runnable helpers are not models (`prompt | StrOutputParser()`, `| RunnableLambda(f)`).
    const named = next.type === 'call' ? callee(next)?.text ?? '' : next.text;
    if (NOT_A_MODEL.test(named)) continue;
    // A fake model (`prompt | FakeListChatModel(...) | parser`) sends nothing.
    if (fa.isTestDouble(next)) return undefined;
    if (next.type === 'identifier' || isMember(next) || next.type === 'call') return { kind: 'inst', type: 'lc-chat', path: [] };
  }
  return values.find((v) => v?.kind === 'inst' && TYPE_BY_ID.get(v.type)?.pipeable);
}

/** The SDK client a class extends (`class Claude(anthropic.Anthropic)`, `class C extends OpenAI`), as an instance. */
export function sdkBaseOf(fa: FileAnalyzer, cls: Node, depth = 0): (Value & { kind: 'inst' }) | undefined {
  for (const b of fa.baseClasses(cls)) {
    const v = evalValue(fa, b);
    const inst = v ? instantiate(fa, v) : undefined;
    if (inst?.kind === 'inst') return inst;
  }
  if (depth < 2) {
    for (const local of fa.localBaseClasses(cls)) {
      const v = sdkBaseOf(fa, local, depth + 1);
      if (v) return v;
    }
  }
  return undefined;
}

export function evalBinding(fa: FileAnalyzer, b: Binding, use: Node): Value | undefined {
  switch (b.kind) {
    case 'import': {
      const local = importValue(fa, b);
      if (local) return local;
      const f = fa.foreignFor(b);
      if (f && b.member) {
        const fb = f.analyzer.topLevel(b.member);
        return fb ? f.analyzer.evalBinding(fb, use) : undefined;
      }
      return undefined;
    }
    case 'assign':
      return evalValue(fa, b.value) ?? (b.type && !typed.namesItsClass(unwrap(b.value)) ? evalTypeAnnotation(fa, b.type) : undefined);
    case 'param': {
      if (b.type) {
        const t = evalTypeAnnotation(fa, b.type);
        // An annotation names the class only: the instance of that class the file's calls hand in has its model and
        // base URL too (`def __init__(self, llm: LLM)` … `FileHelpWorkflow(llm=OpenAI(model="gpt-4.1-mini"))`), and a
        // container (`pipeline: AsyncPipeline`) the components added to it.
        const given = t?.kind === 'inst' && !t.ctor ? fa.paramFromCalls(b) : undefined;
        if (given?.kind === 'inst' && t?.kind === 'inst' && given.type === t.type) return given;
        if (t) return t;
      }
      const d = b.def ? evalValue(fa, b.def) : undefined;
      return d ?? fa.paramFromCalls(b);
    }
    case 'func':
      return { kind: 'func', node: b.node, ctx: fa };
    case 'class':
      return { kind: 'class', node: b.node, ctx: fa };
    case 'loop':
      return b.valuesOf ? dictValue(fa, b.valuesOf) : undefined;
    case 'element': {
      if (b.key === undefined) return typed.evalElement(fa, b.value, b.index);
      // A member of a module object only (`const { generateText } = ai`): an instance's members are its methods.
      const v = evalValue(fa, b.value);
      return v?.kind === 'module' ? { ...v, path: [...v.path, b.key] } : keyedValue(fa, b.value, b.key);
    }
    default:
      return undefined;
  }
}

/** `client: OpenAI`, `client: Optional[AsyncOpenAI]`, `private client: OpenAI`: an instance of the named class. */
export function evalTypeAnnotation(fa: FileAnalyzer, t: Node): Value | undefined {
  const stack: Node[] = [t];
  let guard = 0;
  while (stack.length && guard++ < 40) {
    const n = stack.shift();
    if (!n) break;
    if (n.type === 'identifier' || n.type === 'type_identifier' || n.type === 'attribute' || n.type === 'nested_type_identifier') {
      const val = classRefValue(fa, n);
      if (val) return val;
      if (n.type === 'identifier' || n.type === 'type_identifier') continue;
    }
    if (n.type === 'string') {
      // A forward reference: `client: "OpenAI"`.
      const name = stringParts(n).text;
      const b = fa.lookup(name, n);
      if (b) {
        const v = evalBinding(fa, b, n);
        if (v) return instantiate(fa, v);
      }
      continue;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return undefined;
}

export function classRefValue(fa: FileAnalyzer, n: Node): Value | undefined {
  let v: Value | undefined;
  if (n.type === 'nested_type_identifier') {
    const parts = n.text.split('.');
    const first = parts[0] ?? '';
    const b = fa.lookup(first, n);
    const base = b ? evalBinding(fa, b, n) : undefined;
    if (base && base.kind === 'module') v = { ...base, path: [...base.path, ...parts.slice(1)] };
  } else if (n.type === 'type_identifier') {
    const b = fa.lookup(n.text, n);
    v = b ? evalBinding(fa, b, n) : undefined;
  } else v = evalValue(fa, n);
  return v ? instantiate(fa, v) : undefined;
}

/** A class reference used as a type: an instance with no constructor arguments. */
export function instantiate(fa: FileAnalyzer, v: Value): Value | undefined {
  if (v.kind === 'inst') return v;
  // A project class built on an SDK class (`class WrappedChatOpenAI(ChatOpenAI)` as `model: WrappedChatOpenAI`).
  if (v.kind === 'class') return sdkBaseOf(v.ctx, v.node);
  if (v.kind !== 'module') return undefined;
  const found = v.path.length ? lookupMember(fa, v, v.path) : undefined;
  const member = found?.member ?? (v.path.length === 0 ? MODULE_BY_KEY.get(`${v.lang}:${v.module}`)?.callable : undefined);
  if (member?.kind === 'new' && !member.spec.typeByArg) return { kind: 'inst', type: member.spec.type, path: [], provider: member.spec.provider };
  return undefined;
}

export function moduleValue(fa: FileAnalyzer, specifier: string, imported: string | undefined): Value | undefined {
  const lang = fa.lang;
  const ref = catalogueImport(lang, specifier, imported);
  if (!ref) return undefined;
  const { module, member } = ref;
  if (insideOwnPackage(fa, module)) return undefined;
  if (member === undefined) return { kind: 'module', lang, module, path: [] };
  if (MODULE_BY_KEY.has(`${lang}:${module}.${member}`) || MODULE_PREFIXES.has(`${lang}:${module}.${member}`)) {
    return { kind: 'module', lang, module: `${module}.${member}`, path: [] };
  }
  const v: Value = { kind: 'module', lang, module, path: [member] };
  const found = lookupMember(fa, v, v.path);
  if (found?.member.kind === 'instance') return { kind: 'inst', type: found.member.type, path: [] };
  return v;
}

/** The file lies in the own source of the framework that calls its wrappers there (`ModuleSpec.ownPackage`). */
function insideOwnPackage(fa: FileAnalyzer, module: string): boolean {
  const top = module.split(/[./]/)[0] ?? module;
  return OWN_PACKAGES.has(`${fa.lang}:${top}`) && (packageFamily(ownPackageDirOf(fa.path, fa.lang) ?? '') === packageFamily(top) || fa.packageInWorkspace(top));
}

export function importValue(fa: FileAnalyzer, b: Binding & { kind: 'import' }): Value | undefined {
  if (b.relativeLevel) return undefined;
  // `from agents import Runner` next to the project's own agents.py: that file, not the SDK (ModuleSpec.workspaceFirst),
  // unless the file lacks the name (an example's own `agents/` package of agent definitions beside `from agents import
  // Runner`: the SDK's).
  // A submodule too (`from mem0.memory.main import Memory` in mem0's own repository: its mem0/memory/main.py).
  const own = WORKSPACE_FIRST.has(`${fa.lang}:${b.module}`) || WORKSPACE_FIRST.has(`${fa.lang}:${b.module.split('.')[0]}`) ? fa.foreignFor(b) : undefined;
  if (own && (b.member === undefined || own.analyzer.topLevel(b.member) || /\bimport\s+\*/.test(own.analyzer.text))) return undefined;
  return moduleValue(fa, b.module, b.member);
}
