/**
 * The per-file analyser: finds candidate calls with a text anchor, then proves each one through the syntax tree
 * (imports, bindings, constructors, types) against the SDK catalogue. One instance per parsed document.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Api, CallParams, Confidence, ModelRef, ModelResolution, PromptPart, Provider, Via } from '../types';
import { AISDK_PROVIDERS, FALLBACKS, MODULES, TYPES } from './catalog/sdks';
import type { ArgRef, Member, ModuleSpec, NewSpec, SiteSpec, TypeSpec } from './catalog/types';
import {
  CACHE_KEYS, CANONICAL_STRIP_PREFIXES, FALLBACK_KEYS, HOST_PROVIDERS, HTTP_ENDPOINTS, MAX_TOKEN_KEYS, MODEL_NAME_PROVIDERS,
  MODEL_PREFIX_PROVIDERS, N_KEYS, OLLAMA_PORT, REASONING_KEYS, RESPONSE_FORMAT_KEYS, SERVICE_TIER_KEYS, STREAM_KEYS,
  THINKING_KEYS, TOOLS_KEYS,
} from './catalog/params';
import {
  callArgs, callee, FUNCTION_TYPES, isCall, isMember, isStringNode, isWordCode, memberName, memberObject, pairKey,
  SCOPE_TYPES, stringParts, toRange, unwrap, type Lang,
} from './syntax';

// ---------------------------------------------------------------------------------------------------------------
// Catalogue indexes (built once)
// ---------------------------------------------------------------------------------------------------------------

const TYPE_BY_ID = new Map<string, TypeSpec>(TYPES.map((t) => [t.id, t]));
for (const p of AISDK_PROVIDERS) {
  const base = TYPE_BY_ID.get('aisdk-provider');
  if (base) TYPE_BY_ID.set(`aisdk-provider:${p}`, { ...base, id: `aisdk-provider:${p}`, provider: p });
}
const MODULE_BY_KEY = new Map<string, ModuleSpec>(MODULES.map((m) => [`${m.lang}:${m.name}`, m]));
const MODULE_PREFIXES = new Set<string>();
for (const m of MODULES) {
  const parts = m.name.split('.');
  for (let i = 1; i < parts.length; i++) MODULE_PREFIXES.add(`${m.lang}:${parts.slice(0, i).join('.')}`);
}

/** Every method/function name that can end a site or produce a client: the anchor words of the text pre-pass. */
function anchorNames(): string[] {
  const names = new Set<string>(['fetch', 'post', 'request', 'urlopen', 'Request', 'axios', 'send', 'pipe']);
  const addKey = (k: string): void => {
    const last = k.split('.').pop();
    if (last && last !== 'default') names.add(last);
  };
  for (const t of TYPES) for (const k of Object.keys(t.members)) addKey(k);
  for (const m of MODULES) for (const [k, v] of Object.entries(m.members)) if (v.kind === 'site') addKey(k);
  return [...names];
}
const ANCHOR_RE = new RegExp(`\\b(${anchorNames().sort((a, b) => b.length - a.length).join('|')})\\s*(?:\\?\\.)?\\(`, 'g');
/** `$fetch<T>(…)` (Nuxt/ofetch), `ofetch(…)`, `ky(…)`, `got(…)`: fetch-like functions, type arguments allowed. */
const JS_FETCH_RE = /(?<![\w$])(\$fetch|ofetch|fetch|ky|got)\s*(?:<[^()]*?>)?\s*\(/g;
/** LangChain's legacy direct call `llm("…")` on common variable names. */
const CALLABLE_RE = /\b(llm|chat|chat_model|model|lm)\s*\(/g;

const MAX_DEPTH = 14;
/** Anchor words that are everyday method names elsewhere, and the file token that makes them worth a look. */
const GENERIC_ANCHORS: Readonly<Record<string, RegExp>> = {
  call: /langchain/i, run: /langchain/i, arun: /langchain/i, bind: /langchain/i, pipe: /langchain|Runnable/i,
  copy: /openai|groq|together|fireworks/i, predict: /langchain|llama_index|vertexai/i, apredict: /langchain|llama_index/i,
  parse: /openai|anthropic|mistral|groq/i, send: /bedrock/i,
  complete: /llama_index|mistral|fim/i,
  embed: /ollama|cohere|['"]ai['"]|@ai-sdk/i, request: /https?:|base_?url/i, post: /https?:|base_?url/i,
};
/**
 * Every pattern the analyser tests against the whole file text (not against one call): a site's result can change
 * when one of these starts or stops matching anywhere in the file, so incremental re-analysis checks them.
 */
export const WHOLE_TEXT_PATTERNS: readonly RegExp[] = [
  ...Object.values(GENERIC_ANCHORS),
  ...MODULES.flatMap((m) => (m.providerByText ?? []).map((r) => r.pattern)),
  ...FALLBACKS.map((f) => f.fileToken),
];
const FETCH_NAMES = new Set(['fetch', '$fetch', 'ofetch', 'ky', 'got']);
/** Node types that can contain binding statements (both grammars). */
const STATEMENTISH = /^ERROR$|statement|clause|block|declaration|declarator|^module$|^program$|with_item|^case|switch_body|decorated_definition|^assignment|^augmented|_body$|^export/;

// ---------------------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------------------

/** A module object (or a path into one) or an SDK instance (or a path into one). */
type Value =
  | { readonly kind: 'module'; readonly lang: Lang; readonly module: string; readonly path: readonly string[] }
  | {
      readonly kind: 'inst';
      readonly type: string;
      readonly path: readonly string[];
      readonly provider?: Provider;
      /** The call that built it and the constructor spec (model and params live there). */
      readonly ctor?: { readonly node: Node; readonly spec: NewSpec; readonly ctx: FileAnalyzer };
      /** A chat session keeps the model of the object it was started from. */
      readonly parent?: Value;
    }
  | { readonly kind: 'func'; readonly node: Node; readonly ctx: FileAnalyzer };

/** A binding of a name in a scope. */
type Binding =
  | { readonly kind: 'assign'; readonly name: string; readonly value: Node; readonly at: Node }
  | { readonly kind: 'param'; readonly name: string; readonly type?: Node; readonly def?: Node; readonly at: Node }
  | { readonly kind: 'import'; readonly name: string; readonly module: string; readonly member?: string; readonly at: Node; readonly relativeLevel?: number }
  | { readonly kind: 'func'; readonly name: string; readonly node: Node; readonly at: Node }
  | { readonly kind: 'class'; readonly name: string; readonly node: Node; readonly at: Node }
  | { readonly kind: 'loop'; readonly name: string; readonly iter: Node; readonly at: Node };

/** Another workspace file one import away, already parsed. */
export interface ForeignModule {
  readonly path: string;
  readonly analyzer: FileAnalyzer;
}

export interface AnalyzerOptions {
  readonly path: string;
  readonly lang: Lang;
  readonly text: string;
  readonly tree: Tree;
  /** Resolves an import's module specifier to an already-loaded workspace file (one hop). */
  readonly foreign?: (module: string, level: number) => ForeignModule | undefined;
  /** Notebook: the cell of a 0-based row of the concatenated document. */
  readonly cellOfRow?: (row: number) => number;
  /** Only bindings/values are needed (a foreign file): do not search for sites. */
  readonly foreignOnly?: boolean;
  /**
   * Only raw HTTP calls can be sites here: neither the file nor the neighbours `foreign` resolves to import a catalogue
   * module, and the file writes no fallback path (the detector decides with `evidence.ts`). No value the analyser can
   * compute is then a catalogue value, so call receivers are not evaluated: each call goes straight to the HTTP check.
   * The sites are the same (`--exhaustive` turns this off; evidence.test.ts compares).
   */
  readonly httpOnly?: boolean;
}

interface ResolvedModel {
  readonly ref: ModelRef;
  /** The raw literal, to read provider prefixes. */
  readonly raw?: string;
  readonly node?: Node;
}

interface SiteDraft {
  readonly call: Node;
  readonly nameNode: Node;
  readonly method: string;
  readonly provider: Provider;
  readonly via: Via;
  readonly api: Api;
  readonly model: ModelRef;
  readonly stream: boolean;
  readonly params: CallParams;
  readonly prompt: readonly PromptPart[];
  readonly confidence: Confidence;
  readonly fanOut?: boolean;
}

export class FileAnalyzer {
  readonly path: string;
  readonly lang: Lang;
  readonly text: string;
  readonly root: Node;
  private readonly opts: AnalyzerOptions;
  private readonly scopeCache = new Map<number, Map<string, Binding[]>>();
  private readonly classAttrCache = new Map<number, Map<string, Binding[]>>();
  private depth = 0;
  private readonly ancestorCache = new Map<number, readonly Node[]>();
  private readonly dottedTargets = new Map<string, boolean>();
  private readonly dottedWrites = new Map<string, number[]>();
  private readonly moduleProviderCache = new Map<ModuleSpec, { provider: Provider | undefined }>();
  /** Values found inside a dict/object held in a variable (`**params`, `json=payload`): node id → variable name. */
  private readonly viaVar = new Map<number, string>();

  constructor(opts: AnalyzerOptions) {
    this.opts = opts;
    this.path = opts.path;
    this.lang = opts.lang;
    this.text = opts.text;
    this.root = opts.tree.rootNode;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Site search
  // -------------------------------------------------------------------------------------------------------------

  /**
   * Finds every site in the file, or only the sites whose called name starts inside `within` (UTF-16 offsets;
   * used by the detector to re-analyse just the edited statement).
   */
  findSites(within?: { readonly start: number; readonly end: number }): SiteDraft[] {
    const out: SiteDraft[] = [];
    const seen = new Set<number>();
    const gate = new Map<string, boolean>();
    const from = within?.start ?? 0;
    const to = within?.end ?? Infinity;
    const visit = (re: RegExp): void => {
      re.lastIndex = from;
      for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
        const name = m[1] ?? '';
        const start = m.index;
        if (start >= to) break;
        // Very common method names only count in files that mention the SDK family they belong to.
        const token = GENERIC_ANCHORS[name];
        if (token) {
          let ok = gate.get(name);
          if (ok === undefined) gate.set(name, (ok = token.test(this.text)));
          if (!ok) continue;
        }
        const node = this.root.descendantForIndex(start, start + name.length);
        const nodeType = node?.type;
        if (!node || (nodeType !== 'identifier' && nodeType !== 'property_identifier')) continue;
        if (node.text !== name) continue;
        const call = this.callOfName(node);
        if (!call || seen.has(call.id)) continue;
        seen.add(call.id);
        try {
          const site = this.analyzeCall(call, node);
          if (site) out.push(site);
        } catch {
          // A construct the resolver does not understand must not hide the other sites of the file.
        }
      }
    };
    visit(ANCHOR_RE);
    visit(CALLABLE_RE);
    if (this.lang === 'js') visit(JS_FETCH_RE);
    // Imported names under another local name (`generateText as gen`, `from litellm import completion as llm_call`).
    const aliases: string[] = [];
    if (this.opts.httpOnly) return out;
    for (const [name, list] of this.bindingsOf(this.root)) {
      if (list.some((b) => b.kind === 'import' && b.member !== undefined && b.member !== name && b.member !== 'default' && this.importValue(b))) aliases.push(name);
    }
    if (aliases.length) visit(new RegExp(`\\b(${aliases.map(escapeRe).join('|')})\\s*\\(`, 'g'));
    return out;
  }

  /**
   * The ancestors of a node, innermost first. tree-sitter's `parent` walks down from the root each time (slow on
   * big files), so the chain is computed once with a cursor and cached per node.
   */
  ancestors(n: Node): readonly Node[] {
    const cached = this.ancestorCache.get(n.id);
    if (cached) return cached;
    const chain: Node[] = [];
    let cur: Node | null = this.root;
    for (let guard = 0; cur && cur.id !== n.id && guard < 200000; guard++) {
      chain.push(cur);
      cur = cur.childWithDescendant(n);
    }
    chain.reverse();
    this.ancestorCache.set(n.id, chain);
    return chain;
  }

  /** The call whose callee ends with this name node, if any. */
  private callOfName(nameNode: Node): Node | null {
    const [p, c] = this.ancestors(nameNode);
    if (!p) return null;
    if (isMember(p)) {
      const prop = p.childForFieldName('attribute') ?? p.childForFieldName('property');
      if (!prop || prop.id !== nameNode.id) return null;
      if (c && isCall(c) && callee(c)?.id === p.id) return c;
      return null;
    }
    if (isCall(p) && callee(p)?.id === nameNode.id) return p;
    // tree-sitter-typescript reads `await f<T>(x)` as `(await f)<T>(x)`.
    if (p.type === 'await_expression' && c && isCall(c) && callee(c)?.id === p.id) return c;
    return null;
  }

  /** Splits a callee into its root expression and the member names after it. */
  private splitCallee(fn: Node): { root: Node; path: string[] } {
    const path: string[] = [];
    let cur = unwrap(fn);
    while (isMember(cur)) {
      const name = memberName(cur);
      const obj = memberObject(cur);
      if (!name || !obj) break;
      // `self.client` / `this.client` is one value (a class attribute), not `self` plus a path.
      const o = unwrap(obj);
      if ((o.type === 'identifier' && o.text === 'self') || o.type === 'this') break;
      path.unshift(name);
      cur = unwrap(obj);
    }
    return { root: cur, path };
  }

  private analyzeCall(call: Node, nameNode: Node): SiteDraft | undefined {
    const fn = callee(call);
    if (!fn) return undefined;
    let { root, path } = this.splitCallee(fn);
    // Without a catalogue import in reach, evaluating the receiver can only find local functions (`func`), which lead
    // to the HTTP check below, and a fallback needs its path written in the file: the HTTP check is all that is left.
    if (this.opts.httpOnly) return this.analyzeHttp(call, nameNode, root, path);
    let rootVal = this.evalValue(root);
    if (!rootVal && path.length >= 2) {
      // `st.session_state.chat.send_message(...)`: a receiver stored on an attribute of some other object.
      let obj = memberObject(unwrap(fn));
      let rest = [path[path.length - 1] ?? ''];
      while (obj && isMember(unwrap(obj)) && rest.length < path.length) {
        const assigned = this.dottedAssignment(unwrap(obj));
        const v = assigned ? this.evalValue(assigned) : undefined;
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
    if (rootVal && rootVal.kind !== 'func') {
      const full = [...rootVal.path, ...path];
      const found = this.lookupMember(rootVal, full);
      if (found?.member.kind === 'site') {
        return this.buildSite(call, nameNode, found.member.site, found.inst, found.method, 'resolved');
      }
      if (found) return undefined;
    }
    if (rootVal && rootVal.kind === 'inst' && path.length === 0) {
      const t = TYPE_BY_ID.get(rootVal.type);
      if (t?.callable) return this.buildSite(call, nameNode, t.callable, rootVal, nameNode.text, 'resolved');
    }
    const http = this.analyzeHttp(call, nameNode, root, path);
    if (http) return http;
    if (!rootVal && !this.isLocalObject(root)) return this.fallback(call, nameNode, path);
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Member lookup
  // -------------------------------------------------------------------------------------------------------------

  /** Finds the catalogue member a value + path names. `inst` is the receiver instance (for sites on instances). */
  private lookupMember(v: Value, path: readonly string[]): { member: Member; inst?: Value & { kind: 'inst' }; method: string } | undefined {
    if (v.kind === 'module') {
      // A dotted Python module path: `google.genai`, `langchain_community.chat_models`.
      for (let i = path.length; i >= 0; i--) {
        const modName = [v.module, ...path.slice(0, i)].join('.');
        const mod = MODULE_BY_KEY.get(`${v.lang}:${modName}`);
        if (!mod) continue;
        const rest = path.slice(i);
        if (rest.length === 0) return undefined;
        const head = mod.members[rest[0] ?? ''];
        if (head?.kind === 'module' && rest.length > 1) return this.lookupMember({ kind: 'module', lang: v.lang, module: head.module, path: [] }, rest.slice(1));
        const key = rest.join('.');
        const member = mod.members[key];
        if (member) {
          const inst = mod.provider ? ({ kind: 'inst', type: mod.asType ?? '', path: [], provider: this.moduleProvider(mod) } as const) : undefined;
          return { member, method: key, ...(inst ? { inst } : {}) };
        }
        if (mod.asType) return this.lookupMember({ kind: 'inst', type: mod.asType, path: [] }, rest);
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
    const member = t.members[key];
    if (member) {
      const written = path.filter((p) => !/^with_?(raw|streaming)_?response$/i.test(p) && p !== 'withRawResponse' && p !== 'aio').join('.');
      return { member, inst: { ...v, path: [] }, method: written };
    }
    return undefined;
  }

  /** `a.b.c = value` anywhere in the file, for a dotted receiver that is not an SDK object (`st.session_state.chat`). */
  private dottedAssignment(n: Node): Node | undefined {
    const text = n.text;
    if (text.length > 120 || /\s/.test(text)) return undefined;
    // Cheap text check first: is `text =` (not `==`) written anywhere? indexOf is fast; a regex here was not.
    let written = this.dottedTargets.get(text);
    if (written === undefined) {
      written = false;
      for (let i = this.text.indexOf(text); i !== -1 && !written; i = this.text.indexOf(text, i + 1)) {
        const before = i > 0 ? this.text.charCodeAt(i - 1) : 32;
        if (before === 46 || isWordCode(before)) continue;
        let j = i + text.length;
        while (this.text[j] === ' ' || this.text[j] === '\t') j++;
        if (this.text[j] === '=' && this.text[j + 1] !== '=') written = true;
      }
      this.dottedTargets.set(text, written);
    }
    if (!written) return undefined;
    // Where `text = …` is written (not after a word character or a dot), found once per text and file: a bundle can
    // ask for the same dotted name at thousands of calls.
    let writes = this.dottedWrites.get(text);
    if (!writes) {
      writes = [];
      const re = new RegExp(`${escapeRe(text)}\\s*=[^=]`, 'g');
      for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
        const before = m.index > 0 ? this.text[m.index - 1] ?? '' : '';
        if (!/[\w.]/.test(before)) writes.push(m.index);
      }
      this.dottedWrites.set(text, writes);
    }
    let found: Node | undefined;
    for (const at of writes) {
      if (at >= n.startIndex) break;
      const node = this.root.descendantForIndex(at, at + text.length);
      let cur: Node | null = node;
      while (cur && cur.text.length <= text.length && cur.type !== 'assignment' && cur.type !== 'assignment_expression') {
        if (cur.text === text) break;
        cur = cur.parent;
      }
      const asg = cur && cur.text === text ? this.ancestors(cur)[0] : undefined;
      if (asg && (asg.type === 'assignment' || asg.type === 'assignment_expression') && asg.childForFieldName('left')?.text === text) found = asg.childForFieldName('right') ?? found;
    }
    return found;
  }

  /** A module's provider, switched by a visible configuration line (`openai.api_type = "azure"`). */
  private moduleProvider(mod: ModuleSpec): Provider | undefined {
    const cached = this.moduleProviderCache.get(mod);
    if (cached) return cached.provider;
    let provider = mod.provider;
    for (const r of mod.providerByText ?? []) {
      if (r.pattern.test(this.text)) {
        provider = r.provider;
        break;
      }
    }
    this.moduleProviderCache.set(mod, { provider });
    return provider;
  }

  /** The value a call produces (a new client, a chat session, the same runnable). */
  private evalCallResult(call: Node): Value | undefined {
    const fn = callee(call);
    if (!fn) return undefined;
    if (this.lang === 'js' && call.type === 'call_expression' && fn.type === 'identifier' && fn.text === 'require') {
      const arg = callArgs(call)[0];
      if (arg && arg.type === 'string') return this.moduleValue(stringParts(arg).text, undefined);
      return undefined;
    }
    // JS `prompt.pipe(llm)` and `RunnableSequence.from([prompt, llm])`: the chain keeps the model piped in.
    if (isMember(fn) && (memberName(fn) === 'pipe' || fn.text === 'RunnableSequence.from')) {
      const args = callArgs(call);
      const a0 = args[0] ? unwrap(args[0]) : undefined;
      const items = fn.text === 'RunnableSequence.from' && a0?.type === 'array' ? a0.namedChildren.filter((x): x is Node => x !== null) : args;
      for (const a of items) {
        const av = this.evalValue(a);
        if (av?.kind === 'inst' && TYPE_BY_ID.get(av.type)?.pipeable) return av;
      }
    }
    const { root, path } = this.splitCallee(fn);
    const rv = this.evalValue(root);
    if (!rv) return undefined;
    if (rv.kind === 'func') {
      if (path.length > 0) return undefined;
      return rv.ctx.evalFunctionReturn(rv.node);
    }
    const full = [...rv.path, ...path];
    if (rv.kind === 'module' && full.length === 0) {
      const mod = MODULE_BY_KEY.get(`${rv.lang}:${rv.module}`);
      if (mod?.callable) return this.applyMember(mod.callable, call, rv);
      return undefined;
    }
    const found = this.lookupMember(rv, full);
    if (!found) return undefined;
    return this.applyMember(found.member, call, found.inst ?? rv);
  }

  private applyMember(member: Member, call: Node, receiver: Value): Value | undefined {
    switch (member.kind) {
      case 'new': {
        if (member.spec.inheritFrom) {
          const arg = this.getArg(call, member.spec.inheritFrom);
          const v = arg ? this.evalValue(arg) : undefined;
          return v?.kind === 'inst' ? v : undefined;
        }
        let type = member.spec.type;
        if (member.spec.typeByArg) {
          const arg = this.getArg(call, member.spec.typeByArg.arg);
          const s = arg ? this.constString(arg) : undefined;
          const mapped = s !== undefined ? member.spec.typeByArg.map[s] : undefined;
          if (!mapped) return undefined;
          type = mapped;
        }
        const provider = this.providerOfNew(member.spec, call, receiver);
        return { kind: 'inst', type, path: [], provider, ctor: { node: call, spec: member.spec, ctx: this }, parent: member.spec.inheritModel ? receiver : undefined };
      }
      case 'same':
        return receiver.kind === 'inst' ? { ...receiver, path: [] } : undefined;
      case 'instance':
        return { kind: 'inst', type: member.type, path: [] };
      case 'module':
        return { kind: 'module', lang: this.lang, module: member.module, path: [] };
      default:
        return undefined;
    }
  }

  private providerOfNew(spec: NewSpec, call: Node, receiver: Value): Provider | undefined {
    let provider = spec.provider ?? (receiver.kind === 'inst' ? receiver.provider : undefined);
    if (spec.baseUrl) {
      const arg = this.getArg(call, spec.baseUrl) ?? this.deepKey(call, spec.baseUrl.kw ?? []);
      if (arg) {
        const url = this.resolveString(arg);
        const p = url.value !== null ? providerOfUrl(url.value) : undefined;
        if (p) provider = p;
      }
    }
    return provider;
  }

  /** The value of a same-file factory function: the first `return` whose value is a client. */
  evalFunctionReturn(fn: Node): Value | undefined {
    const body = fn.childForFieldName('body');
    if (!body) return undefined;
    // Arrow function with an expression body: `() => new OpenAI()`.
    if (fn.type === 'arrow_function' && body.type !== 'statement_block') return this.evalValue(body);
    const stack: Node[] = [body];
    while (stack.length) {
      const n = stack.pop();
      if (!n) break;
      if (n.type === 'return_statement') {
        const e = n.namedChildren.find((c) => c !== null && c.type !== 'comment');
        if (e) {
          const v = this.evalValue(e);
          if (v) return v;
        }
        continue;
      }
      if (FUNCTION_TYPES.has(n.type) || n.type === 'class_definition' || n.type === 'class_declaration') continue;
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Value evaluation
  // -------------------------------------------------------------------------------------------------------------

  /** What an expression is, as far as the catalogue is concerned. */
  evalValue(node: Node): Value | undefined {
    if (this.depth > MAX_DEPTH) return undefined;
    this.depth++;
    try {
      return this.evalValueInner(unwrap(node));
    } finally {
      this.depth--;
    }
  }

  private evalValueInner(n: Node): Value | undefined {
    switch (n.type) {
      case 'identifier':
      case 'shorthand_property_identifier': {
        const b = this.lookup(n.text, n);
        return b ? this.evalBinding(b, n) : undefined;
      }
      case 'attribute':
      case 'member_expression': {
        const obj = memberObject(n);
        const name = memberName(n);
        if (!obj || !name) return undefined;
        const o = unwrap(obj);
        if ((o.type === 'identifier' && o.text === 'self') || o.type === 'this') {
          const b = this.lookupSelfAttr(name, n);
          return b ? this.evalBinding(b, n) : undefined;
        }
        const base = this.evalValue(o);
        if (!base) {
          const assigned = this.dottedAssignment(n);
          return assigned ? this.evalValue(assigned) : undefined;
        }
        if (base.kind === 'func') return undefined;
        const v: Value = { ...base, path: [...base.path, name] };
        if (v.kind === 'module') {
          const found = this.lookupMember(v, v.path);
          if (found?.member.kind === 'instance') return { kind: 'inst', type: found.member.type, path: [] };
        }
        return v;
      }
      case 'call':
      case 'call_expression':
      case 'new_expression':
        return this.evalCallResult(n);
      case 'subscript':
      case 'subscript_expression': {
        // `CLIENTS["groq"]`: a client held in a dict/object literal under a constant key.
        const obj = n.childForFieldName('value') ?? n.childForFieldName('object');
        const idx = n.childForFieldName('subscript') ?? n.childForFieldName('index');
        const key = idx ? this.constString(idx) : undefined;
        const dict = obj && key !== undefined ? this.resolveObject(obj) : undefined;
        const v = dict && key !== undefined ? this.objectKey(dict, [key]) : undefined;
        return v ? this.evalValue(v) : undefined;
      }
      case 'binary_operator': {
        // LangChain `prompt | llm | parser`: the chain is billed as the model inside it.
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        for (const side of [l, r]) {
          if (!side) continue;
          const v = this.evalValue(side);
          if (v?.kind === 'inst' && TYPE_BY_ID.get(v.type)?.pipeable) return v;
        }
        return undefined;
      }
      case 'boolean_operator':
      case 'binary_expression': {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        return (l && this.evalValue(l)) || (r && this.evalValue(r)) || undefined;
      }
      case 'conditional_expression': {
        for (const c of n.namedChildren) {
          const v = c ? this.evalValue(c) : undefined;
          if (v) return v;
        }
        return undefined;
      }
      case 'ternary_expression': {
        const a = n.childForFieldName('consequence');
        const b = n.childForFieldName('alternative');
        return (a && this.evalValue(a)) || (b && this.evalValue(b)) || undefined;
      }
      default:
        return undefined;
    }
  }

  private evalBinding(b: Binding, use: Node): Value | undefined {
    switch (b.kind) {
      case 'import': {
        const local = this.importValue(b);
        if (local) return local;
        const f = this.foreignFor(b);
        if (f && b.member) {
          const fb = f.analyzer.topLevel(b.member);
          return fb ? f.analyzer.evalBinding(fb, use) : undefined;
        }
        return undefined;
      }
      case 'assign':
        return this.evalValue(b.value);
      case 'param':
        if (b.type) {
          const t = this.evalTypeAnnotation(b.type);
          if (t) return t;
        }
        return b.def ? this.evalValue(b.def) : undefined;
      case 'func':
        return { kind: 'func', node: b.node, ctx: this };
      case 'loop':
        return undefined;
      default:
        return undefined;
    }
  }

  /** `client: OpenAI`, `client: Optional[AsyncOpenAI]`, `private client: OpenAI`: an instance of the named class. */
  private evalTypeAnnotation(t: Node): Value | undefined {
    const stack: Node[] = [t];
    let guard = 0;
    while (stack.length && guard++ < 40) {
      const n = stack.shift();
      if (!n) break;
      if (n.type === 'identifier' || n.type === 'type_identifier' || n.type === 'attribute' || n.type === 'nested_type_identifier') {
        const val = this.classRefValue(n);
        if (val) return val;
        if (n.type === 'identifier' || n.type === 'type_identifier') continue;
      }
      if (n.type === 'string') {
        // A forward reference: `client: "OpenAI"`.
        const name = stringParts(n).text;
        const b = this.lookup(name, n);
        if (b) {
          const v = this.evalBinding(b, n);
          if (v) return this.instantiate(v);
        }
        continue;
      }
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
    return undefined;
  }

  private classRefValue(n: Node): Value | undefined {
    let v: Value | undefined;
    if (n.type === 'nested_type_identifier') {
      const parts = n.text.split('.');
      const first = parts[0] ?? '';
      const b = this.lookup(first, n);
      const base = b ? this.evalBinding(b, n) : undefined;
      if (base && base.kind === 'module') v = { ...base, path: [...base.path, ...parts.slice(1)] };
    } else if (n.type === 'type_identifier') {
      const b = this.lookup(n.text, n);
      v = b ? this.evalBinding(b, n) : undefined;
    } else v = this.evalValue(n);
    return v ? this.instantiate(v) : undefined;
  }

  /** A class reference used as a type: an instance with no constructor arguments. */
  private instantiate(v: Value): Value | undefined {
    if (v.kind === 'inst') return v;
    if (v.kind !== 'module') return undefined;
    const found = v.path.length ? this.lookupMember(v, v.path) : undefined;
    const member = found?.member ?? (v.path.length === 0 ? MODULE_BY_KEY.get(`${v.lang}:${v.module}`)?.callable : undefined);
    if (member?.kind === 'new' && !member.spec.typeByArg) return { kind: 'inst', type: member.spec.type, path: [], provider: member.spec.provider };
    return undefined;
  }

  private moduleValue(module: string, member: string | undefined): Value | undefined {
    const lang = this.lang;
    const known = MODULE_BY_KEY.has(`${lang}:${module}`) || MODULE_PREFIXES.has(`${lang}:${module}`);
    if (!known) return undefined;
    if (member === undefined) return { kind: 'module', lang, module, path: [] };
    if (MODULE_BY_KEY.has(`${lang}:${module}.${member}`) || MODULE_PREFIXES.has(`${lang}:${module}.${member}`)) {
      return { kind: 'module', lang, module: `${module}.${member}`, path: [] };
    }
    const v: Value = { kind: 'module', lang, module, path: [member] };
    const found = this.lookupMember(v, v.path);
    if (found?.member.kind === 'instance') return { kind: 'inst', type: found.member.type, path: [] };
    return v;
  }

  private importValue(b: Binding & { kind: 'import' }): Value | undefined {
    if (b.relativeLevel) return undefined;
    return this.moduleValue(b.module, b.member);
  }

  private foreignFor(b: Binding & { kind: 'import' }): ForeignModule | undefined {
    if (!this.opts.foreign) return undefined;
    try {
      return this.opts.foreign(b.module, b.relativeLevel ?? 0);
    } catch {
      return undefined;
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Scopes and bindings
  // -------------------------------------------------------------------------------------------------------------

  /** A module-level binding (for foreign files). */
  topLevel(name: string): Binding | undefined {
    const list = this.bindingsOf(this.root).get(name);
    return list ? list[list.length - 1] : undefined;
  }

  /** The binding of `name` visible at `use`: innermost scope first, the last assignment before the use. */
  lookup(name: string, use: Node): Binding | undefined {
    for (const scope of this.ancestors(use)) {
      {
        if (!this.isScope(scope)) continue;
        const list = this.bindingsOf(scope).get(name);
        if (list && list.length) {
          const before = list.filter((b) => b.at.startIndex < use.startIndex && !(b.kind === 'assign' && b.at.endIndex > use.startIndex));
          const pick = before.length ? before[before.length - 1] : this.isModuleScope(scope) ? list[list.length - 1] : undefined;
          if (pick) return pick;
        }
      }
    }
    return undefined;
  }

  /**
   * The module scope is the root node whatever its type: when an unclosed bracket at the end of the file (the user
   * is still typing) makes tree-sitter wrap the whole file in one `ERROR` root, the imports and assignments are
   * still there as children of that node and must stay visible to everything above the edit.
   */
  private isModuleScope(n: Node): boolean {
    return n.type === 'module' || n.type === 'program' || n.id === this.root.id;
  }

  private isScope(n: Node): boolean {
    return SCOPE_TYPES.has(n.type) || n.id === this.root.id;
  }

  private bindingsOf(scope: Node): Map<string, Binding[]> {
    const cached = this.scopeCache.get(scope.id);
    if (cached) return cached;
    const map = new Map<string, Binding[]>();
    const add = (b: Binding): void => {
      const l = map.get(b.name);
      if (l) l.push(b);
      else map.set(b.name, [b]);
    };
    if (FUNCTION_TYPES.has(scope.type)) this.collectParams(scope, add);
    const body = this.isModuleScope(scope) ? scope : scope.childForFieldName('body');
    if (body) this.collectBindings(body, add, 0);
    this.scopeCache.set(scope.id, map);
    return map;
  }

  private collectParams(fn: Node, add: (b: Binding) => void): void {
    const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
    if (!params) return;
    const list = params.type === 'identifier' ? [params] : params.namedChildren;
    for (const p of list) {
      if (!p) continue;
      switch (p.type) {
        case 'identifier':
          add({ kind: 'param', name: p.text, at: p });
          break;
        case 'typed_parameter': {
          const id = p.namedChildren.find((c) => c?.type === 'identifier');
          if (id) add({ kind: 'param', name: id.text, type: p.childForFieldName('type') ?? undefined, at: p });
          break;
        }
        case 'default_parameter':
        case 'typed_default_parameter': {
          const id = p.childForFieldName('name');
          if (id) add({ kind: 'param', name: id.text, type: p.childForFieldName('type') ?? undefined, def: p.childForFieldName('value') ?? undefined, at: p });
          break;
        }
        case 'required_parameter':
        case 'optional_parameter': {
          const id = p.childForFieldName('pattern');
          if (id?.type === 'object_pattern') this.addPatternParams(id, add);
          if (id && id.type === 'identifier') add({ kind: 'param', name: id.text, type: p.childForFieldName('type') ?? undefined, def: p.childForFieldName('value') ?? undefined, at: p });
          break;
        }
        case 'object_pattern':
          this.addPatternParams(p, add);
          break;
        case 'assignment_pattern': {
          const id = p.childForFieldName('left');
          if (id && id.type === 'identifier') add({ kind: 'param', name: id.text, def: p.childForFieldName('right') ?? undefined, at: p });
          break;
        }
        default:
          break;
      }
    }
  }

  /** `({ model = 'gpt-4o', prompt }) => …`: each destructured name is a parameter, with its default. */
  private addPatternParams(pattern: Node, add: (b: Binding) => void): void {
    for (const c of pattern.namedChildren) {
      if (!c) continue;
      if (c.type === 'object_assignment_pattern') {
        const left = c.childForFieldName('left');
        const right = c.childForFieldName('right');
        if (left) add({ kind: 'param', name: left.text, def: right ?? undefined, at: c });
      } else if (c.type === 'shorthand_property_identifier_pattern') add({ kind: 'param', name: c.text, at: c });
      else if (c.type === 'pair_pattern') {
        const v = c.childForFieldName('value');
        if (v?.type === 'identifier') add({ kind: 'param', name: v.text, at: c });
        else if (v?.type === 'assignment_pattern') {
          const l = v.childForFieldName('left');
          if (l) add({ kind: 'param', name: l.text, def: v.childForFieldName('right') ?? undefined, at: c });
        }
      }
    }
  }

  private collectBindings(n: Node, add: (b: Binding) => void, depth: number): void {
    if (depth > 60) return;
    for (const c of n.namedChildren) {
      if (!c) continue;
      // Read once: each `type` read is a call into the parser (the module scope of a large file has many children).
      const type = c.type;
      switch (type) {
        case 'function_definition':
        case 'function_declaration':
        case 'generator_function_declaration': {
          const name = c.childForFieldName('name');
          if (name) add({ kind: 'func', name: name.text, node: c, at: c });
          continue;
        }
        case 'class_definition':
        case 'class_declaration': {
          const name = c.childForFieldName('name');
          if (name) add({ kind: 'class', name: name.text, node: c, at: c });
          continue;
        }
        case 'decorated_definition': {
          const def = c.childForFieldName('definition');
          const name = def?.childForFieldName('name');
          if (def && name) add({ kind: def.type === 'class_definition' ? 'class' : 'func', name: name.text, node: def, at: c } as Binding);
          continue;
        }
        case 'assignment': {
          this.addAssignTargets(c.childForFieldName('left'), c.childForFieldName('right'), c.childForFieldName('type'), c, add);
          const right = c.childForFieldName('right');
          if (right && right.type === 'assignment') this.collectBindings({ namedChildren: [right] } as unknown as Node, add, depth + 1);
          continue;
        }
        case 'variable_declarator': {
          const name = c.childForFieldName('name');
          const value = c.childForFieldName('value');
          if (name?.type === 'identifier' && value) {
            if (value.type === 'arrow_function' || value.type === 'function_expression' || value.type === 'function') add({ kind: 'func', name: name.text, node: value, at: c });
            else add({ kind: 'assign', name: name.text, value, at: c });
          } else if (name?.type === 'object_pattern' && value) this.addDestructure(name, value, c, add);
          else if (name?.type === 'identifier' && !value) {
            const type = c.childForFieldName('type');
            if (type) add({ kind: 'param', name: name.text, type, at: c });
          }
          continue;
        }
        case 'assignment_expression': {
          const left = c.childForFieldName('left');
          const right = c.childForFieldName('right');
          if (left?.type === 'identifier' && right) add({ kind: 'assign', name: left.text, value: right, at: c });
          break;
        }
        case 'export_statement': {
          // `export default client` / `export default new OpenAI()`: what `import x from './file'` binds.
          const value = c.childForFieldName('value');
          if (value && c.children.some((x) => x?.type === 'default')) add({ kind: 'assign', name: 'default', value, at: c });
          break;
        }
        case 'import_statement':
        case 'import_from_statement':
        case 'future_import_statement':
          this.addImports(c, add);
          continue;
        case 'for_statement':
        case 'for_in_statement': {
          const left = c.childForFieldName('left');
          const right = c.childForFieldName('right');
          if (left && right) {
            const id = left.type === 'identifier' ? left : left.namedChildren.find((x) => x?.type === 'identifier');
            if (id) add({ kind: 'loop', name: id.text, iter: right, at: c });
          }
          break;
        }
        case 'with_item': {
          const v = c.childForFieldName('value');
          if (v?.type === 'as_pattern') {
            const target = v.childForFieldName('alias') ?? v.namedChildren[v.namedChildren.length - 1];
            const expr = v.namedChildren[0];
            const id = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
            if (id?.type === 'identifier' && expr) add({ kind: 'assign', name: id.text, value: expr, at: c });
          }
          break;
        }
        default:
          break;
      }
      if (FUNCTION_TYPES.has(type) || type === 'class_body') continue;
      // Bindings are made by statements; expressions (calls, literals, operators) are not walked.
      if (!STATEMENTISH.test(type)) continue;
      this.collectBindings(c, add, depth + 1);
    }
  }

  private addAssignTargets(left: Node | null, right: Node | null, type: Node | null, at: Node, add: (b: Binding) => void): void {
    if (!left) return;
    if (left.type === 'identifier') {
      if (right) add({ kind: 'assign', name: left.text, value: right, at });
      else if (type) add({ kind: 'param', name: left.text, type, at });
      return;
    }
    // `a, b = x, y`: pair elements when both sides are literal sequences.
    if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && right && (right.type === 'expression_list' || right.type === 'tuple')) {
      const ls = left.namedChildren;
      const rs = right.namedChildren;
      ls.forEach((l, i) => {
        const r = rs[i];
        if (l?.type === 'identifier' && r) add({ kind: 'assign', name: l.text, value: r, at });
      });
    }
  }

  private addDestructure(pattern: Node, value: Node, at: Node, add: (b: Binding) => void): void {
    // `const { OpenAI } = require('openai')`.
    const v = unwrap(value);
    if (v.type === 'call_expression' && callee(v)?.text === 'require') {
      const arg = callArgs(v)[0];
      if (!arg || arg.type !== 'string') return;
      const module = stringParts(arg).text;
      for (const p of pattern.namedChildren) {
        if (!p) continue;
        if (p.type === 'shorthand_property_identifier_pattern') add({ kind: 'import', name: p.text, module, member: p.text, at, relativeLevel: module.startsWith('.') ? 1 : 0 });
        else if (p.type === 'pair_pattern') {
          const k = p.childForFieldName('key');
          const val = p.childForFieldName('value');
          if (k && val?.type === 'identifier') add({ kind: 'import', name: val.text, module, member: k.text, at, relativeLevel: module.startsWith('.') ? 1 : 0 });
        }
      }
    }
  }

  private addImports(c: Node, add: (b: Binding) => void): void {
    if (this.lang === 'python') {
      if (c.type === 'import_statement') {
        for (const n of c.namedChildren) {
          if (!n) continue;
          if (n.type === 'dotted_name') {
            // `import google.generativeai` binds `google`.
            const first = n.text.split('.')[0] ?? n.text;
            add({ kind: 'import', name: first, module: first, at: c });
          } else if (n.type === 'aliased_import') {
            const name = n.childForFieldName('name');
            const alias = n.childForFieldName('alias');
            if (name && alias) add({ kind: 'import', name: alias.text, module: name.text, at: c });
          }
        }
        return;
      }
      if (c.type === 'import_from_statement') {
        const modNode = c.childForFieldName('module_name');
        if (!modNode) return;
        let level = 0;
        let module = modNode.text;
        if (modNode.type === 'relative_import') {
          const prefix = modNode.namedChildren.find((x) => x?.type === 'import_prefix');
          level = prefix ? prefix.text.length : 0;
          module = modNode.namedChildren.find((x) => x?.type === 'dotted_name')?.text ?? '';
        }
        for (const n of c.childrenForFieldName('name')) {
          if (!n) continue;
          if (n.type === 'dotted_name') add({ kind: 'import', name: n.text, module, member: n.text, at: c, relativeLevel: level });
          else if (n.type === 'aliased_import') {
            const name = n.childForFieldName('name');
            const alias = n.childForFieldName('alias');
            if (name && alias) add({ kind: 'import', name: alias.text, module, member: name.text, at: c, relativeLevel: level });
          }
        }
      }
      return;
    }
    const src = c.childForFieldName('source');
    if (!src) return;
    const module = stringParts(src).text;
    const level = module.startsWith('.') || module.startsWith('@/') || module.startsWith('~/') ? 1 : 0;
    const clause = c.namedChildren.find((x) => x?.type === 'import_clause');
    if (!clause) return;
    for (const n of clause.namedChildren) {
      if (!n) continue;
      if (n.type === 'identifier') add({ kind: 'import', name: n.text, module, member: 'default', at: c, relativeLevel: level });
      else if (n.type === 'namespace_import') {
        const id = n.namedChildren.find((x) => x?.type === 'identifier');
        if (id) add({ kind: 'import', name: id.text, module, at: c, relativeLevel: level });
      } else if (n.type === 'named_imports') {
        for (const s of n.namedChildren) {
          if (s?.type !== 'import_specifier') continue;
          const name = s.childForFieldName('name');
          const alias = s.childForFieldName('alias');
          if (name) add({ kind: 'import', name: (alias ?? name).text, module, member: name.text, at: c, relativeLevel: level });
        }
      }
    }
  }

  /** `self.x` / `this.x` inside a class: assignments in any method, class-level fields, TS constructor parameter properties. */
  private lookupSelfAttr(name: string, use: Node): Binding | undefined {
    const cls = this.ancestors(use).find((a) => a.type === 'class_definition' || a.type === 'class_declaration' || a.type === 'class');
    if (!cls) return undefined;
    let map = this.classAttrCache.get(cls.id);
    if (!map) {
      map = new Map();
      this.classAttrCache.set(cls.id, map);
      const m = map;
      const add = (b: Binding): void => {
        const l = m.get(b.name);
        if (l) l.push(b);
        else m.set(b.name, [b]);
      };
      const body = cls.childForFieldName('body');
      if (body) this.collectClassAttrs(body, add, 0, true);
    }
    const list = map.get(name);
    if (!list || !list.length) return undefined;
    // Prefer a binding that carries a value or a type we can evaluate.
    return list.find((b) => b.kind === 'assign') ?? list[0];
  }

  private collectClassAttrs(n: Node, add: (b: Binding) => void, depth: number, top: boolean): void {
    if (depth > 40) return;
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (top && this.lang === 'python' && c.type === 'expression_statement') {
        const a = c.namedChildren[0];
        if (a?.type === 'assignment') {
          const left = a.childForFieldName('left');
          const right = a.childForFieldName('right');
          const type = a.childForFieldName('type');
          if (left?.type === 'identifier') {
            if (right) add({ kind: 'assign', name: left.text, value: right, at: a });
            else if (type) add({ kind: 'param', name: left.text, type, at: a });
          }
        }
      }
      if (c.type === 'public_field_definition' || c.type === 'field_definition') {
        const name = c.childForFieldName('name') ?? c.childForFieldName('property');
        const value = c.childForFieldName('value');
        const type = c.childForFieldName('type');
        if (name) {
          if (value) add({ kind: 'assign', name: name.text, value, at: c });
          else if (type) add({ kind: 'param', name: name.text, type, at: c });
        }
        continue;
      }
      if (c.type === 'assignment' || c.type === 'assignment_expression') {
        const left = c.childForFieldName('left');
        const right = c.childForFieldName('right');
        const type = c.childForFieldName('type');
        if (left && isMember(left)) {
          const obj = memberObject(left);
          const attr = memberName(left);
          if (obj && attr && ((obj.type === 'identifier' && obj.text === 'self') || obj.type === 'this')) {
            if (right) add({ kind: 'assign', name: attr, value: right, at: c });
            else if (type) add({ kind: 'param', name: attr, type, at: c });
          }
        }
      }
      if (c.type === 'method_definition' && c.childForFieldName('name')?.text === 'constructor') {
        const params = c.childForFieldName('parameters');
        for (const p of params?.namedChildren ?? []) {
          if (!p || (p.type !== 'required_parameter' && p.type !== 'optional_parameter')) continue;
          if (!p.namedChildren.some((x) => x?.type === 'accessibility_modifier' || x?.type === 'readonly')) continue;
          const id = p.childForFieldName('pattern');
          if (id) add({ kind: 'param', name: id.text, type: p.childForFieldName('type') ?? undefined, def: p.childForFieldName('value') ?? undefined, at: p });
        }
      }
      if (c.type === 'class_definition' || c.type === 'class_declaration') continue;
      if (!STATEMENTISH.test(c.type) && !FUNCTION_TYPES.has(c.type) && c.type !== 'class_body' && c.type !== 'assignment' && c.type !== 'assignment_expression') continue;
      this.collectClassAttrs(c, add, depth + 1, false);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Arguments
  // -------------------------------------------------------------------------------------------------------------

  /** The node an ArgRef points at in a call, following `**kwargs` dicts and JS options objects held in variables. */
  getArg(call: Node, ref: ArgRef): Node | undefined {
    const args = callArgs(call);
    if (this.lang === 'python') {
      if (ref.kw) {
        for (const a of args) {
          if (a.type === 'keyword_argument' && ref.kw.includes(a.childForFieldName('name')?.text ?? '')) return a.childForFieldName('value') ?? undefined;
        }
        for (const a of args) {
          if (a.type !== 'dictionary_splat') continue;
          const inner = a.namedChildren[0];
          const dict = inner ? this.resolveObject(inner) : undefined;
          const hit = dict ? this.objectKey(dict, ref.kw) : undefined;
          if (hit) {
            if (inner?.type === 'identifier') this.viaVar.set(hit.id, inner.text);
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
      const obj = o ? this.resolveObject(o) : undefined;
      const hit = obj ? this.objectKey(obj, ref.kw) : undefined;
      if (hit) {
        if (o && unwrap(o).type === 'identifier') this.viaVar.set(hit.id, unwrap(o).text);
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
  private resolveObject(n: Node, hops = 0): Node | undefined {
    const u = unwrap(n);
    if (u.type === 'dictionary' || u.type === 'object') return u;
    if (u.type === 'call' && callee(u)?.text === 'dict') return u.childForFieldName('arguments') ?? undefined;
    if (u.type === 'identifier' && hops < 3) {
      const b = this.lookup(u.text, u);
      if (b?.kind === 'assign') return this.resolveObject(b.value, hops + 1);
    }
    return undefined;
  }

  /** The value of a key in a dict/object literal (or a `dict(...)` argument list). Follows spreads one level. */
  private objectKey(obj: Node, keys: readonly string[], hops = 0): Node | undefined {
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
        const o = inner ? this.resolveObject(inner) : undefined;
        const hit = o ? this.objectKey(o, keys, hops + 1) : undefined;
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /** Every key → value inside a call's arguments, at any depth (nested configs, `json.dumps({...})`, one variable hop). */
  private keyMap(call: Node): Map<string, Node[]> {
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
          if (via) this.viaVar.set(v.id, via);
        }
        if (v) walk(v, depth + 1, hops, via);
        return;
      } else if (n.type === 'shorthand_property_identifier') {
        put(n.text, n);
      } else if (n.type === 'identifier' && hops < 2 && depth > 0) {
        const b = this.lookup(n.text, n);
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

  private deepKey(call: Node, keys: readonly string[]): Node | undefined {
    const m = this.keyMap(call);
    for (const k of keys) {
      const v = m.get(k);
      if (v?.[0]) return v[0];
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Strings and models
  // -------------------------------------------------------------------------------------------------------------

  /** A string constant the expression evaluates to, or undefined. */
  constString(n: Node): string | undefined {
    const r = this.resolveString(n);
    return r.value ?? undefined;
  }

  /** Resolves an expression to a string with how it was found. */
  resolveString(n: Node, depth = 0): { value: string | null; resolution: ModelResolution; candidates?: ResolvedModel[]; raw?: string } {
    const unknown = (): { value: null; resolution: ModelResolution } => ({ value: null, resolution: { kind: 'unknown', expression: clip(n.text) } });
    if (depth > 10) return unknown();
    const u = unwrap(n);
    if (isStringNode(u)) {
      const { text, holes } = stringParts(u);
      if (!holes.length) return { value: text, resolution: { kind: 'literal' } };
      // f-string / template with known parts: every hole must resolve.
      let out = '';
      let lastRes: ModelResolution = { kind: 'literal' };
      let cursor = u.startIndex;
      const pieces: string[] = [];
      for (const c of u.namedChildren) {
        if (!c) continue;
        if (c.type === 'interpolation' || c.type === 'template_substitution') {
          const e = c.namedChildren.find((x) => x !== null && x.type !== 'format_specifier' && x.type !== 'type_conversion');
          if (!e) return unknown();
          const r = this.resolveString(e, depth + 1);
          if (r.value === null) return unknown();
          if (r.resolution.kind !== 'literal') lastRes = r.resolution;
          pieces.push(r.value);
        } else if (c.type === 'string_content' || c.type === 'string_fragment' || c.type === 'escape_sequence') {
          pieces.push(stringParts({ namedChildren: [c] } as unknown as Node).text);
        }
        cursor = c.endIndex;
      }
      void cursor;
      out = pieces.join('');
      return { value: out, resolution: lastRes };
    }
    switch (u.type) {
      case 'identifier':
      case 'shorthand_property_identifier': {
        const b = this.lookup(u.text, u);
        if (!b) return unknown();
        return this.resolveBindingString(b, u, depth);
      }
      case 'attribute':
      case 'member_expression': {
        const obj = memberObject(u);
        const name = memberName(u);
        if (!obj || !name) return unknown();
        const o = unwrap(obj);
        if (this.lang === 'js' && isMember(o) && memberName(o) === 'env' && memberObject(o)?.text === 'process') {
          return { value: null, resolution: { kind: 'unknown', expression: clip(u.text) } };
        }
        if ((o.type === 'identifier' && o.text === 'self') || o.type === 'this') {
          const b = this.lookupSelfAttr(name, u);
          if (!b) return unknown();
          const r = this.resolveBindingString(b, u, depth);
          if (r.value !== null && r.resolution.kind === 'literal') return { ...r, resolution: { kind: 'constant', name } };
          return r;
        }
        // `Config.MODEL`: a class attribute in this file; `settings.MODEL` with `settings = Settings()`: its default.
        if (o.type === 'identifier') {
          const b0 = this.lookup(o.text, o);
          const b = b0?.kind === 'assign' ? this.localClassOf(b0.value) ?? b0 : b0;
          if (b?.kind === 'class') {
            const body = b.node.childForFieldName('body');
            const attr = body ? this.findClassConst(body, name) : undefined;
            if (attr) {
              const r = this.resolveString(attr, depth + 1);
              if (r.value !== null && r.resolution.kind === 'literal') return { ...r, resolution: { kind: 'constant', name: `${o.text}.${name}` } };
              return r;
            }
          }
          if (b?.kind === 'import' && !this.importValue(b)) {
            // One hop: `import config` then `config.MODEL`, or `from app.config import settings` then
            // `settings.MODEL` where `settings = Settings()` (a pydantic-settings style class default).
            const f = this.foreignFor(b);
            if (f) {
              let r: { value: string | null; resolution: ModelResolution } | undefined;
              if (b.member === undefined) {
                const fb = f.analyzer.topLevel(name);
                if (fb) r = f.analyzer.resolveBindingString(fb, u, depth + 1);
              } else {
                const fb = f.analyzer.topLevel(b.member);
                const cls = fb?.kind === 'assign' ? f.analyzer.localClassOf(fb.value) : fb?.kind === 'class' ? fb : undefined;
                const body = cls?.kind === 'class' ? cls.node.childForFieldName('body') : undefined;
                const attr = body ? f.analyzer.findClassConst(body, name) : undefined;
                if (attr) r = f.analyzer.resolveString(attr, depth + 1);
              }
              if (r && r.value !== null) {
                const resolution: ModelResolution = r.resolution.kind === 'env-default' ? r.resolution : { kind: 'imported', file: f.path, name: b.member ? `${b.member}.${name}` : name };
                return { ...r, resolution };
              }
            }
          }
        }
        return unknown();
      }
      case 'call': {
        // os.getenv("X", "d") / os.environ.get("X", "d") / getenv("X", "d")
        const fn = callee(u)?.text ?? '';
        if (/(^|\.)Field$/.test(fn)) {
          // pydantic `Field(default="gpt-4o")` / `Field("gpt-4o")`.
          const d = this.getArg(u, { kw: ['default'], pos: 0 });
          return d ? this.resolveString(d, depth + 1) : unknown();
        }
        if (/(^|\.)(getenv|environ\.get)$/.test(fn)) {
          const args = callArgs(u);
          const name = args[0] ? this.constString(args[0]) : undefined;
          const defNode = args[1] ?? args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'default')?.childForFieldName('value') ?? undefined;
          if (name && defNode) {
            const d = this.resolveString(defNode, depth + 1);
            if (d.value !== null) return { value: d.value, resolution: { kind: 'env-default', envVar: name } };
          }
          return unknown();
        }
        if (isMember(callee(u) ?? u) && /^(strip|lower|upper|rstrip|lstrip)$/.test(memberName(callee(u) ?? u) ?? '')) {
          const obj = memberObject(callee(u) ?? u);
          if (obj) {
            const r = this.resolveString(obj, depth + 1);
            if (r.value !== null) return { ...r, value: applyStrFn(r.value, memberName(callee(u) ?? u) ?? '') };
          }
        }
        return unknown();
      }
      case 'boolean_operator':
      case 'binary_expression': {
        const op = u.childForFieldName('operator')?.text ?? u.children.find((c) => c && (c.text === 'or' || c.text === '||' || c.text === '??'))?.text;
        const l = u.childForFieldName('left');
        const r = u.childForFieldName('right');
        if (!l || !r) return unknown();
        if (op === 'or' || op === '||' || op === '??') {
          const lu = unwrap(l);
          const env = this.envName(lu);
          const rr = this.resolveString(r, depth + 1);
          if (env && rr.value !== null) return { value: rr.value, resolution: { kind: 'env-default', envVar: env } };
          const lr = this.resolveString(l, depth + 1);
          if (lr.value !== null && rr.value !== null && lr.value !== rr.value) {
            return { ...lr, candidates: [toResolved(lr), toResolved(rr)] };
          }
          if (lr.value !== null) return lr;
          return rr;
        }
        if (op === '+') {
          const lr = this.resolveString(l, depth + 1);
          const rr = this.resolveString(r, depth + 1);
          if (lr.value !== null && rr.value !== null) return { value: lr.value + rr.value, resolution: lr.resolution.kind !== 'literal' ? lr.resolution : rr.resolution };
        }
        return unknown();
      }
      case 'conditional_expression':
      case 'ternary_expression': {
        const branches = u.type === 'ternary_expression'
          ? [u.childForFieldName('consequence'), u.childForFieldName('alternative')]
          : [u.namedChildren[0], u.namedChildren[2]];
        const rs = branches.filter((b): b is Node => b !== null && b !== undefined).map((b) => this.resolveString(b, depth + 1));
        const first = rs[0];
        if (!first) return unknown();
        const cands = rs.map(toResolved);
        if (first.value === null) return { ...unknown(), candidates: cands.length > 1 ? cands : undefined };
        return { ...first, candidates: cands.length > 1 ? cands : undefined };
      }
      case 'subscript':
      case 'subscript_expression': {
        const obj = u.childForFieldName('value') ?? u.childForFieldName('object');
        const idx = u.childForFieldName('subscript') ?? u.childForFieldName('index');
        if (!obj || !idx) return unknown();
        const key = this.constString(idx);
        const env = this.envName(u);
        if (env) return unknown();
        const dict = key !== undefined ? this.resolveObject(obj) : undefined;
        const v = dict && key !== undefined ? this.objectKey(dict, [key]) : undefined;
        if (v) {
          const r = this.resolveString(v, depth + 1);
          if (r.value !== null) return { ...r, resolution: { kind: 'constant', name: clip(u.text) } };
        }
        return unknown();
      }
      default:
        return unknown();
    }
  }

  findClassConst(body: Node, name: string): Node | undefined {
    for (const c of body.namedChildren) {
      if (!c) continue;
      const a = c.type === 'expression_statement' ? c.namedChildren[0] : c;
      if (!a) continue;
      if (a.type === 'assignment' && a.childForFieldName('left')?.text === name) return a.childForFieldName('right') ?? undefined;
      if ((a.type === 'public_field_definition' || a.type === 'field_definition') && (a.childForFieldName('name') ?? a.childForFieldName('property'))?.text === name) {
        return a.childForFieldName('value') ?? undefined;
      }
    }
    return undefined;
  }

  /** `process.env.X` / `process.env["X"]` / `os.environ["X"]`: the variable name. */
  private envName(n: Node): string | undefined {
    const u = unwrap(n);
    if (isMember(u)) {
      const obj = memberObject(u);
      if (obj && isMember(obj) && memberName(obj) === 'env' && memberObject(obj)?.text === 'process') return memberName(u);
      if (obj && obj.text === 'import.meta.env') return memberName(u);
    }
    if (u.type === 'subscript' || u.type === 'subscript_expression') {
      const obj = u.childForFieldName('value') ?? u.childForFieldName('object');
      const idx = u.childForFieldName('subscript') ?? u.childForFieldName('index');
      if (obj && idx && (obj.text === 'process.env' || obj.text === 'os.environ')) return this.constString(idx);
    }
    if (u.type === 'call' && /(^|\.)(getenv|environ\.get)$/.test(callee(u)?.text ?? '')) {
      const a = callArgs(u)[0];
      return a ? this.constString(a) : undefined;
    }
    return undefined;
  }

  resolveBindingString(b: Binding, use: Node, depth: number): { value: string | null; resolution: ModelResolution; candidates?: ResolvedModel[] } {
    const unknown = { value: null, resolution: { kind: 'unknown', expression: clip(use.text) } as ModelResolution };
    switch (b.kind) {
      case 'assign': {
        const r = this.resolveString(b.value, depth + 1);
        if (r.value === null) return r.candidates ? { ...unknown, candidates: r.candidates } : unknown;
        let resolution: ModelResolution = r.resolution.kind === 'literal' ? { kind: 'constant', name: b.name } : r.resolution;
        const cell = this.earlierCell(b.at, use);
        if (cell !== undefined && resolution.kind === 'constant') resolution = { kind: 'earlier-cell', cell };
        return { ...r, resolution };
      }
      case 'param': {
        if (!b.def) return unknown;
        const r = this.resolveString(b.def, depth + 1);
        if (r.value === null) return unknown;
        return { ...r, resolution: { kind: 'default-argument', name: b.name } };
      }
      case 'import': {
        const f = this.foreignFor(b);
        const fb = f && b.member ? f.analyzer.topLevel(b.member) : undefined;
        if (!f || !fb || !b.member) return unknown;
        const r = f.analyzer.resolveBindingString(fb, use, depth + 1);
        if (r.value === null) return unknown;
        return { ...r, resolution: { kind: 'imported', file: f.path, name: b.member } };
      }
      case 'loop': {
        // `for model in ["a", "b"]:` — every element is a candidate.
        const it = unwrap(b.iter);
        if (it.type !== 'list' && it.type !== 'tuple' && it.type !== 'array') return unknown;
        const cands = it.namedChildren.filter((x): x is Node => x !== null).map((x) => toResolved(this.resolveString(x, depth + 1)));
        const first = cands[0];
        if (!first || first.ref.id === null) return unknown;
        return { value: first.ref.id, resolution: first.ref.resolution, candidates: cands };
      }
      default:
        return unknown;
    }
  }

  private earlierCell(def: Node, use: Node): number | undefined {
    const cellOf = this.opts.cellOfRow;
    if (!cellOf) return undefined;
    const a = cellOf(def.startPosition.row);
    const b = cellOf(use.startPosition.row);
    return a < b ? a : undefined;
  }

  /** The model of a site: an argument, or the model its receiver was constructed with. */
  private resolveModel(call: Node, spec: SiteSpec, inst: (Value & { kind: 'inst' }) | undefined): ResolvedModel {
    if (spec.model) {
      const arg = this.getArg(call, spec.model) ?? (spec.model.kw ? this.deepKey(call, spec.model.kw) : undefined);
      if (arg) return this.modelFromNode(arg);
      if (!inst?.ctor && !inst?.parent) return { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } };
    }
    let cur: Value | undefined = inst;
    for (let i = 0; cur && cur.kind === 'inst' && i < 4; i++) {
      const ctor = cur.ctor;
      if (ctor?.spec.model || (spec.model && ctor)) {
        const ref = ctor.spec.model ?? spec.model ?? {};
        const arg = ctor.ctx.getArg(ctor.node, ref);
        if (arg) {
          const m = ctor.ctx.modelFromNode(arg, true);
          // Notebooks: a model object built in an earlier cell.
          const cell = ctor.ctx === this ? this.earlierCell(ctor.node, call) : undefined;
          if (cell !== undefined && m.ref.id !== null && (m.ref.resolution.kind === 'constant' || m.ref.resolution.kind === 'earlier-cell')) {
            return { ...m, ref: { ...m.ref, resolution: { kind: 'earlier-cell', cell } } };
          }
          return m;
        }
        return { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } };
      }
      cur = cur.parent;
    }
    return { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } };
  }

  modelFromNode(arg: Node, fromCtor = false): ResolvedModel {
    const r = this.resolveString(arg);
    const via = this.viaVar.get(arg.id);
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

  // -------------------------------------------------------------------------------------------------------------
  // Building sites
  // -------------------------------------------------------------------------------------------------------------

  private buildSite(call: Node, nameNode: Node, specIn: SiteSpec, inst: (Value & { kind: 'inst' }) | undefined, method: string, how: 'resolved' | 'fallback'): SiteDraft | undefined {
    let spec = specIn;
    let argCall = call;
    if (spec.commands) {
      // AWS SDK v3: `client.send(new ConverseCommand({...}))`.
      const a0 = callArgs(call)[0];
      let cmd = a0 ? unwrap(a0) : undefined;
      if (cmd?.type === 'identifier') {
        const b = this.lookup(cmd.text, cmd);
        cmd = b?.kind === 'assign' ? unwrap(b.value) : undefined;
      }
      if (!cmd || cmd.type !== 'new_expression') return undefined;
      const cls = callee(cmd)?.text ?? '';
      const sub = spec.commands[cls];
      if (!sub) return undefined;
      spec = sub;
      argCall = cmd;
    }
    const type = inst ? TYPE_BY_ID.get(inst.type) : undefined;
    let provider: Provider = inst?.provider ?? spec.provider ?? type?.provider ?? 'other';
    const via: Via = spec.via ?? type?.via ?? 'sdk';
    let model = this.resolveModel(argCall, spec, inst);
    const km = this.keyMap(argCall);
    const ctorKm = inst?.ctor ? inst.ctor.ctx.keyMap(inst.ctor.node) : undefined;

    if (spec.modelFromFactory) {
      const mNode = this.getArg(argCall, spec.model ?? { kw: ['model'] });
      const f = mNode ? this.factoryModel(mNode) : undefined;
      if (f) {
        model = f.model;
        provider = f.provider;
      } else if (model.raw) provider = providerOfModelString(model.raw) ?? 'other';
    } else if (spec.providerFromModel && model.raw) {
      provider = providerOfModelString(model.raw) ?? provider;
    } else if (inst?.ctor?.spec.providerFromModel) {
      const pm = inst.ctor.ctx.getArg(inst.ctor.node, inst.ctor.spec.providerFromModel);
      const ps = pm ? inst.ctor.ctx.constString(pm) : undefined;
      provider = (ps && MODEL_PREFIX_PROVIDERS[ps]) || (model.raw ? providerOfModelString(model.raw) : undefined) || provider;
    }

    const params = this.params(km, ctorKm, spec);
    const stream = spec.stream === true || params.stream === true;
    const prompt = this.promptParts(argCall, spec, km, inst);
    const resolvedModel = model.ref.id !== null;
    const confidence: Confidence = how === 'fallback' ? (resolvedModel ? 'medium' : 'low') : resolvedModel ? 'high' : 'medium';
    return {
      call, nameNode, method, provider, via, api: spec.api, model: model.ref, stream,
      params: { ...params, ...(spec.batch ? { batch: true } : {}), ...(stream ? { stream: true } : {}) },
      prompt, confidence, fanOut: spec.fanOut,
    };
  }

  /** AI SDK: `openai('gpt-4o')`, `openai.chat('gpt-4o')`, `createOpenAI({...})('m')`, a variable holding one, or a gateway string. */
  private factoryModel(n: Node, hops = 0): { model: ResolvedModel; provider: Provider } | undefined {
    const u = unwrap(n);
    if ((u.type === 'identifier' || u.type === 'shorthand_property_identifier') && hops < 3) {
      const b = this.lookup(u.text, u);
      if (b?.kind === 'assign') return this.factoryModel(b.value, hops + 1);
      if (b?.kind === 'import' && b.member) {
        const f = this.foreignFor(b);
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
    const v = this.evalValue(target);
    if (v?.kind !== 'inst' || !TYPE_BY_ID.get(v.type)?.modelFactory) return undefined;
    const arg = callArgs(u)[0];
    const model = arg ? this.modelFromNode(arg, true) : { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } as ModelRef };
    return { model, provider: v.provider ?? TYPE_BY_ID.get(v.type)?.provider ?? 'other' };
  }

  private params(km: Map<string, Node[]>, ctorKm: Map<string, Node[]> | undefined, spec: SiteSpec): CallParams {
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
      const v = this.constNumber(mt.node);
      if (v !== undefined) out.maxTokens = v;
    }
    const n = get(N_KEYS);
    if (n) {
      const v = this.constNumber(n.node);
      if (v !== undefined) out.n = v;
    }
    const st = get(STREAM_KEYS);
    if (st) {
      const t = unwrap(st.node).type;
      if (t === 'true') out.stream = true;
      else if (t === 'false') out.stream = false;
    }
    if (get(TOOLS_KEYS)) out.tools = true;
    if (get(RESPONSE_FORMAT_KEYS)) out.responseFormat = true;
    const re = get(REASONING_KEYS);
    if (re) {
      const s = this.constString(re.node);
      if (s) out.reasoningEffort = s;
    }
    const th = get(THINKING_KEYS);
    if (th) {
      const v = this.constNumber(th.node);
      if (v !== undefined) out.thinkingBudget = v;
    }
    if (get(CACHE_KEYS)) out.cacheControl = true;
    const tier = get(SERVICE_TIER_KEYS);
    if (tier) {
      const s = this.constString(tier.node);
      if (s) out.serviceTier = s;
    }
    const fb = get(FALLBACK_KEYS);
    if (fb) {
      const list = unwrap(fb.node);
      if (list.type === 'list' || list.type === 'array') {
        const ids = list.namedChildren.map((x) => (x ? this.constString(x) : undefined)).filter((x): x is string => typeof x === 'string');
        if (ids.length) out.fallbacks = ids;
      }
    }
    if (spec.batch) out.batch = true;
    return out;
  }

  private constNumber(n: Node, depth = 0): number | undefined {
    const u = unwrap(n);
    if (u.type === 'integer' || u.type === 'number' || u.type === 'float') {
      const v = Number(u.text.replace(/_/g, ''));
      return Number.isFinite(v) ? v : undefined;
    }
    if (u.type === 'identifier' && depth < 4) {
      const b = this.lookup(u.text, u);
      if (b?.kind === 'assign') return this.constNumber(b.value, depth + 1);
      if (b?.kind === 'param' && b.def) return this.constNumber(b.def, depth + 1);
      if (b?.kind === 'import' && b.member) {
        const f = this.foreignFor(b);
        const fb = f?.analyzer.topLevel(b.member);
        if (f && fb?.kind === 'assign') return f.analyzer.constNumber(fb.value, depth + 1);
      }
    }
    if (isMember(u) && depth < 4) {
      const obj = memberObject(u);
      const name = memberName(u);
      const b0 = obj?.type === 'identifier' ? this.lookup(obj.text, obj) : undefined;
      const b = b0?.kind === 'assign' ? this.localClassOf(b0.value) : b0;
      const body = b?.kind === 'class' ? b.node.childForFieldName('body') : undefined;
      const v = body && name ? this.findClassConst(body, name) : undefined;
      if (v) return this.constNumber(v, depth + 1);
      if (obj && name && ((obj.type === 'identifier' && obj.text === 'self') || obj.type === 'this')) {
        const sb = this.lookupSelfAttr(name, u);
        if (sb?.kind === 'assign') return this.constNumber(sb.value, depth + 1);
      }
    }
    if ((u.type === 'binary_operator' || u.type === 'binary_expression') && depth < 4) {
      const l = u.childForFieldName('left');
      const r = u.childForFieldName('right');
      const op = u.childForFieldName('operator')?.text;
      const a = l ? this.constNumber(l, depth + 1) : undefined;
      const b = r ? this.constNumber(r, depth + 1) : undefined;
      if (a !== undefined && b !== undefined) {
        if (op === '*') return a * b;
        if (op === '+') return a + b;
        if (op === '-') return a - b;
      }
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Prompt parts
  // -------------------------------------------------------------------------------------------------------------

  private promptParts(call: Node, spec: SiteSpec, km: Map<string, Node[]>, inst: (Value & { kind: 'inst' }) | undefined): PromptPart[] {
    const parts: PromptPart[] = [];
    const p = spec.prompt ?? {};
    const find = (ref: ArgRef | undefined): Node | undefined => {
      if (!ref) return undefined;
      const direct = this.getArg(call, ref);
      if (direct) return direct;
      for (const k of ref.kw ?? []) {
        const v = km.get(k);
        if (v?.[0]) return v[0];
      }
      return undefined;
    };
    const sys = find(p.system) ?? km.get('system_instruction')?.[0] ?? km.get('systemInstruction')?.[0];
    if (sys) parts.push(...this.contentParts(sys, 'system'));
    else if (inst?.ctor) {
      const ckm = inst.ctor.ctx.keyMap(inst.ctor.node);
      const s = ckm.get('system_instruction')?.[0] ?? ckm.get('systemInstruction')?.[0];
      if (s) parts.push(...inst.ctor.ctx.contentParts(s, 'system'));
    }
    const msgs = find(p.messages);
    if (msgs) parts.push(...this.messageParts(msgs));
    const prompt = find(p.prompt);
    if (prompt) parts.push(...this.contentParts(prompt, 'prompt'));
    const input = find(p.input);
    if (input) {
      const u = unwrap(input);
      if ((u.type === 'list' || u.type === 'array') && u.namedChildren.some((c) => c && (c.type === 'dictionary' || c.type === 'object'))) parts.push(...this.messageParts(input));
      else parts.push(...this.contentParts(input, 'input'));
    }
    const user = find(p.user);
    if (user) {
      const u = unwrap(user);
      if (u.type === 'list' || u.type === 'array') parts.push(...this.messageParts(user));
      else parts.push(...this.contentParts(user, 'user'));
    }
    for (const [key, role] of [['tools', 'tools'], ['functions', 'tools'], ['response_format', 'response_format']] as const) {
      const v = km.get(key)?.[0];
      if (v) parts.push(this.structuredPart(v, role));
    }
    return parts;
  }

  private structuredPart(n: Node, role: PromptPart['role']): PromptPart {
    const u = unwrap(n);
    const literal = u.type === 'list' || u.type === 'array' || u.type === 'dictionary' || u.type === 'object';
    return literal ? { role, kind: 'literal', text: u.text, range: toRange(n) } : { role, kind: 'dynamic', range: toRange(n) };
  }

  /** A messages list: roles from dicts/objects, LangChain tuples and message classes. */
  private messageParts(n: Node, hops = 0): PromptPart[] {
    const u = unwrap(n);
    if (u.type === 'identifier' && hops < 3) {
      const b = this.lookup(u.text, u);
      if (b?.kind === 'assign') {
        const v = unwrap(b.value);
        if (v.type === 'list' || v.type === 'array') return this.messageParts(v, hops + 1);
      }
      return [{ role: 'other', kind: 'dynamic', range: toRange(n) }];
    }
    if (u.type === 'string' || u.type === 'template_string' || u.type === 'concatenated_string') return this.contentParts(u, 'user');
    if (u.type !== 'list' && u.type !== 'array') return [{ role: 'other', kind: 'dynamic', range: toRange(n) }];
    const out: PromptPart[] = [];
    for (const el of u.namedChildren) {
      if (!el || el.type === 'comment') continue;
      const e = unwrap(el);
      if (e.type === 'dictionary' || e.type === 'object') {
        const roleNode = this.objectKey(e, ['role']);
        const roleText = roleNode ? this.constString(roleNode) : undefined;
        const role = normRole(roleText);
        const content = this.objectKey(e, ['content', 'parts', 'text']);
        if (content) out.push(...this.contentParts(content, role));
        else out.push({ role, kind: 'dynamic', range: toRange(e) });
      } else if (e.type === 'tuple' || e.type === 'array') {
        const [r, c] = e.namedChildren;
        const role = normRole(r ? this.constString(r) : undefined);
        if (c) out.push(...this.contentParts(c, role));
      } else if (isCall(e)) {
        const cls = (callee(e)?.text ?? '').split('.').pop() ?? '';
        const role = cls.startsWith('System') ? 'system' : cls.startsWith('Human') || cls.startsWith('User') ? 'user' : cls.startsWith('AI') || cls.startsWith('Assistant') ? 'assistant' : cls.startsWith('Tool') ? 'tool' : undefined;
        const arg = this.getArg(e, { pos: 0, kw: ['content'] });
        if (role && arg) out.push(...this.contentParts(arg, role));
        else out.push({ role: role ?? 'other', kind: 'dynamic', range: toRange(e) });
      } else if (e.type === 'list_splat' || e.type === 'spread_element') {
        out.push({ role: 'other', kind: 'dynamic', range: toRange(e) });
      } else out.push(...this.contentParts(e, 'user'));
    }
    return out;
  }

  /** A content value: a string (literal/template/file/dynamic) or a list of content blocks. */
  contentParts(n: Node, role: PromptPart['role'], depth = 0): PromptPart[] {
    const u = unwrap(n);
    if ((u.type === 'list' || u.type === 'array') && depth < 3) {
      const out: PromptPart[] = [];
      for (const c of u.namedChildren) {
        if (!c) continue;
        const e = unwrap(c);
        if (e.type === 'dictionary' || e.type === 'object') {
          const t = this.objectKey(e, ['type']);
          const type = t ? this.constString(t) : undefined;
          if (type && /image/.test(type)) {
            const detailNode = this.deepObjectKey(e, 'detail');
            const detail = detailNode ? this.constString(detailNode) : undefined;
            out.push({ role: 'image', kind: 'dynamic', range: toRange(e), ...(detail ? { image: { detail } } : {}) });
            continue;
          }
          const text = this.objectKey(e, ['text', 'content', 'input_text']);
          if (text) out.push(...this.contentParts(text, role, depth + 1));
          else out.push({ role, kind: 'dynamic', range: toRange(e) });
        } else out.push(...this.contentParts(e, role, depth + 1));
      }
      return out;
    }
    return [this.stringPart(n, role)];
  }

  private deepObjectKey(obj: Node, key: string): Node | undefined {
    const direct = this.objectKey(obj, [key]);
    if (direct) return direct;
    for (const c of obj.namedChildren) {
      const v = c?.type === 'pair' ? unwrap(c.childForFieldName('value') ?? c) : undefined;
      if (v && (v.type === 'dictionary' || v.type === 'object')) {
        const hit = this.objectKey(v, [key]);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /** One string-valued prompt slot as literal / template / file / dynamic. */
  stringPart(n: Node, role: PromptPart['role'], depth = 0): PromptPart {
    const range = toRange(n);
    const info = this.stringInfo(n, depth);
    return { role, range, ...info };
  }

  private stringInfo(n: Node, depth: number): Omit<PromptPart, 'role' | 'range'> {
    const dynamic = { kind: 'dynamic' as const };
    if (depth > 8) return dynamic;
    const u = unwrap(n);
    if (isStringNode(u)) {
      const { text, holes } = stringParts(u);
      if (!holes.length) return { kind: 'literal', text };
      return { kind: 'template', text, placeholders: holes.length };
    }
    if (u.type === 'identifier') {
      const b = this.lookup(u.text, u);
      if (b?.kind === 'assign') return this.stringInfo(b.value, depth + 1);
      if (b?.kind === 'param' && b.def && unwrap(b.def).type !== 'none' && unwrap(b.def).type !== 'null') {
        return dynamic;
      }
      if (b?.kind === 'import') {
        const f = this.foreignFor(b);
        const fb = f && b.member ? f.analyzer.topLevel(b.member) : undefined;
        if (f && fb?.kind === 'assign') return f.analyzer.stringInfo(fb.value, depth + 1);
      }
      return dynamic;
    }
    if (isMember(u) && depth < 8) {
      const obj = memberObject(u);
      const name = memberName(u);
      if (obj && name && ((obj.type === 'identifier' && obj.text === 'self') || obj.type === 'this')) {
        const b = this.lookupSelfAttr(name, u);
        if (b?.kind === 'assign') return this.stringInfo(b.value, depth + 1);
      }
      return dynamic;
    }
    if (isCall(u)) {
      const fn = callee(u);
      const fnText = fn?.text ?? '';
      const last = fn && isMember(fn) ? memberName(fn) ?? '' : fnText;
      // `open("p").read()`, `Path("p").read_text()`, `fs.readFileSync("p")`, `await readFile("p")`.
      const file = this.filePath(u);
      if (file) return { kind: 'file', file };
      if (last === 'format' && fn && isMember(fn)) {
        const obj = memberObject(fn);
        const base = obj ? this.stringInfo(obj, depth + 1) : dynamic;
        if (base.kind === 'literal' && base.text !== undefined) {
          const holes = (base.text.match(/\{[^{}]*\}/g) ?? []).length;
          return { kind: 'template', text: base.text.replace(/\{[^{}]*\}/g, ''), placeholders: holes };
        }
        return dynamic;
      }
      if (/^(strip|dedent|trim|rstrip|lstrip|trimStart|trimEnd)$/.test(last) || /(^|\.)dedent$/.test(fnText)) {
        const target = /dedent$/.test(fnText) ? callArgs(u)[0] : fn && isMember(fn) ? memberObject(fn) : undefined;
        if (target) return this.stringInfo(target, depth + 1);
      }
      return dynamic;
    }
    if (u.type === 'binary_operator' || u.type === 'binary_expression') {
      const op = u.childForFieldName('operator')?.text;
      const l = u.childForFieldName('left');
      const r = u.childForFieldName('right');
      if (op === '+' && l && r) {
        const a = this.stringInfo(l, depth + 1);
        const b = this.stringInfo(r, depth + 1);
        if (a.kind === 'file' || b.kind === 'file') return dynamic;
        const text = (a.text ?? '') + (b.text ?? '');
        const holes = (a.kind === 'dynamic' ? 1 : a.placeholders ?? 0) + (b.kind === 'dynamic' ? 1 : b.placeholders ?? 0);
        if (!text) return dynamic;
        return holes ? { kind: 'template', text, placeholders: holes } : { kind: 'literal', text };
      }
      if (op === '%' && l) {
        const a = this.stringInfo(l, depth + 1);
        if (a.kind === 'literal' && a.text !== undefined) {
          const holes = (a.text.match(/%[sdrf]|%\([^)]*\)[sdrf]/g) ?? []).length;
          return { kind: 'template', text: a.text.replace(/%[sdrf]|%\([^)]*\)[sdrf]/g, ''), placeholders: holes };
        }
      }
    }
    return dynamic;
  }

  private filePath(call: Node): string | undefined {
    const fn = callee(call);
    if (!fn) return undefined;
    const last = isMember(fn) ? memberName(fn) ?? '' : fn.text;
    if (last === 'read' || last === 'read_text' || last === 'readlines') {
      const obj = isMember(fn) ? memberObject(fn) : undefined;
      const inner = obj ? unwrap(obj) : undefined;
      if (inner && isCall(inner)) {
        const ifn = callee(inner)?.text ?? '';
        if (/^(open|io\.open|Path|pathlib\.Path|codecs\.open)$/.test(ifn)) {
          const a = callArgs(inner)[0];
          return a ? this.constString(a) : undefined;
        }
      }
      if (inner?.type === 'identifier') {
        const b = this.lookup(inner.text, inner);
        if (b?.kind === 'assign' && isCall(unwrap(b.value))) {
          const c = unwrap(b.value);
          if (/^(open|Path|pathlib\.Path)$/.test(callee(c)?.text ?? '')) {
            const a = callArgs(c)[0];
            return a ? this.constString(a) : undefined;
          }
        }
      }
      return undefined;
    }
    if (/^(readFileSync|readFile)$/.test(last)) {
      const a = callArgs(call)[0];
      return a ? this.constString(a) : undefined;
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Fallbacks and raw HTTP
  // -------------------------------------------------------------------------------------------------------------

  /** The local class a value is an instance of (`Settings()`), as a class binding. */
  localClassOf(value: Node): Binding | undefined {
    const v = unwrap(value);
    if (!isCall(v)) return undefined;
    const fn = callee(v);
    if (fn?.type !== 'identifier') return undefined;
    const b = this.lookup(fn.text, fn);
    return b?.kind === 'class' ? b : undefined;
  }

  /** True when the receiver is visibly the project's own object (an instance of a class defined here). */
  private isLocalObject(root: Node): boolean {
    if (root.type !== 'identifier') return false;
    const b = this.lookup(root.text, root);
    if (b?.kind === 'class') return true;
    if (b?.kind !== 'assign') return false;
    const v = unwrap(b.value);
    if (v.type === 'object' || v.type === 'dictionary') return true;
    if (!isCall(v)) return false;
    const fn = callee(v);
    // Test doubles are not the SDK.
    if (/(^|\.)(Mock|MagicMock|AsyncMock|NonCallableMock|create_autospec|fn|mock)$/.test(fn?.text ?? '')) return true;
    if (fn?.type !== 'identifier') return false;
    return this.lookup(fn.text, fn)?.kind === 'class';
  }

  /** The provider of the one SDK client class of `type` this file imports, if exactly one. */
  private importedProvider(type: string): Provider | undefined {
    const providers = new Set<Provider>();
    for (const list of this.bindingsOf(this.root).values()) {
      for (const b of list) {
        if (b.kind !== 'import') continue;
        const v = this.importValue(b);
        const inst = v ? this.instantiate(v) : undefined;
        if (inst?.kind === 'inst' && inst.type === type) providers.add(inst.provider ?? TYPE_BY_ID.get(type)?.provider ?? 'other');
      }
    }
    return providers.size === 1 ? [...providers][0] : undefined;
  }

  private fallback(call: Node, nameNode: Node, path: readonly string[]): SiteDraft | undefined {
    const key = path.filter((p) => p !== 'beta' && p !== 'with_raw_response' && p !== 'aio').join('.');
    for (const f of FALLBACKS) {
      if (f.lang !== this.lang || !key.endsWith(f.path)) continue;
      if (!(key === f.path || key.endsWith(`.${f.path}`))) continue;
      if (!f.fileToken.test(this.text)) continue;
      const km = this.keyMap(call);
      if (!f.requireKw.some((k) => km.has(k))) continue;
      const t = TYPE_BY_ID.get(f.type);
      const m = t?.members[f.path];
      if (!t || m?.kind !== 'site') continue;
      const method = key.slice(key.length - f.path.length);
      const provider = this.importedProvider(t.id);
      return this.buildSite(call, nameNode, m.site, { kind: 'inst', type: t.id, path: [], ...(provider ? { provider } : {}) }, method, 'fallback');
    }
    return undefined;
  }

  private analyzeHttp(call: Node, nameNode: Node, root: Node, path: readonly string[]): SiteDraft | undefined {
    const name = nameNode.text;
    const full = [root.type === 'identifier' ? root.text : '', ...path].filter(Boolean).join('.');
    let urlNode: Node | undefined;
    let bodyCall = call;
    if (this.lang === 'js') {
      if (FETCH_NAMES.has(name) || name === 'post' || name === 'request' || name === 'axios') {
        const a0 = callArgs(call)[0];
        if (a0 && unwrap(a0).type === 'object') urlNode = this.objectKey(unwrap(a0), ['url']);
        else urlNode = a0;
      }
    } else if (name === 'urlopen') {
      // urllib: the site is `urlopen(req)`; the URL and body are in the `Request(...)` it opens.
      const a0 = callArgs(call)[0];
      let req = a0 ? unwrap(a0) : undefined;
      if (req?.type === 'identifier') {
        const b = this.lookup(req.text, req);
        req = b?.kind === 'assign' ? unwrap(b.value) : undefined;
      }
      if (req && isCall(req) && /(^|\.)Request$/.test(callee(req)?.text ?? '')) {
        bodyCall = req;
        urlNode = this.getArg(req, { kw: ['url'], pos: 0 });
      } else urlNode = a0;
    } else if (name === 'post' || name === 'request' || name === 'stream') {
      // `httpx.stream("POST", url, ...)` takes the method first, like `requests.request`.
      const args = callArgs(call);
      const positional = args.filter((a) => a.type !== 'keyword_argument');
      urlNode = this.getArg(call, { kw: ['url'] }) ?? (name === 'post' ? positional[0] : positional[1]);
    }
    if (!urlNode) return undefined;
    // `app.post('/v1/chat/completions', handler)` and `@app.post(...)` declare a route; they do not call one.
    if (callArgs(call).some((a) => FUNCTION_TYPES.has(unwrap(a).type) || unwrap(a).type === 'identifier' && /handler|route|controller/i.test(a.text))) return undefined;
    if (this.ancestors(call)[0]?.type === 'decorator') return undefined;
    // A request that sends nothing is not an inference call; this also drops HTTP mocks (`respx.post(url)`,
    // `nock(host).post(path)`), which name the endpoint without a body.
    if (!this.hasBody(bodyCall, name)) return undefined;
    if (/^(respx|nock|responses|httpretty|aioresponses|requests_mock|fetchMock|mock|mocker|httpx_mock)$/.test(root.type === 'identifier' ? root.text : '')) return undefined;
    let url = this.urlText(urlNode);
    if (!url) return undefined;
    if (!url.host && root.type === 'identifier') {
      // `httpx.Client(base_url=...)` / `axios.create({ baseURL })` then `client.post("/chat/completions")`.
      const b = this.lookup(root.text, root);
      const made = b?.kind === 'assign' ? unwrap(b.value) : undefined;
      const base = made && isCall(made) ? this.getArg(made, { kw: ['base_url', 'baseURL'] }) : undefined;
      const baseUrl = base ? this.urlText(base) : undefined;
      if (baseUrl?.host) url = { host: baseUrl.host, path: `${baseUrl.path.replace(/\/$/, '')}/${url.path.replace(/^\//, '')}` };
    }
    const ep = HTTP_ENDPOINTS.find((e) => e.path.test(url.path));
    if (!ep) return undefined;
    let provider: Provider | undefined = url.host ? providerOfUrl(`https://${url.host}`) : undefined;
    if (!provider) {
      if (!url.host && ep.provider) provider = ep.provider;
      else if (!url.host) {
        // A host we cannot see: only an unmistakable endpoint path counts.
        if (!/\/v1\/(chat\/completions|messages|responses|embeddings)$|:generateContent$/.test(url.path)) return undefined;
        provider = ep.provider ?? (url.path.endsWith('/v1/messages') ? 'anthropic' : 'other');
      } else provider = ep.provider ?? 'other';
    }
    if (this.lang === 'python' && name === 'urlopen') {
      const a0 = callArgs(call)[0];
      if (a0 && isCall(unwrap(a0))) bodyCall = unwrap(a0);
    }
    const km = this.keyMap(bodyCall);
    let model: ResolvedModel;
    const modelNode = km.get('model')?.[0];
    const urlModel = /models\/([^/:]+):/.exec(url.path)?.[1] ?? /\/model\/([^/]+)\/(invoke|converse)/.exec(url.path)?.[1];
    if (modelNode) model = this.modelFromNode(modelNode);
    else if (urlModel && !urlModel.includes('{')) {
      const held = unwrap(urlNode);
      let resolution: ModelResolution = held.type === 'identifier' ? { kind: 'constant', name: held.text } : { kind: 'literal' };
      if (isStringNode(held)) {
        // `f".../models/{MODEL}:generateContent"`: the model is the constant in the hole.
        for (const hole of stringParts(held).holes) {
          const e = hole.namedChildren.find((x) => x !== null);
          if (e && this.constString(e) === decodeURIComponent(urlModel)) resolution = { kind: 'constant', name: e.text };
        }
      }
      model = { ref: { id: decodeURIComponent(urlModel), canonical: canonicalModel(decodeURIComponent(urlModel)), resolution } };
    }
    else model = { ref: { id: null, canonical: null, resolution: { kind: 'unknown', expression: '' } } };
    const spec: SiteSpec = { api: ep.api, prompt: { messages: { kw: ['messages'] }, system: { kw: ['system'] }, prompt: { kw: ['prompt'] }, input: { kw: ['input'] }, user: { kw: ['contents'] } } };
    const params = this.params(km, undefined, spec);
    const prompt = this.promptParts(bodyCall, spec, km, undefined).filter((p) => p.role !== 'other' || p.kind !== 'dynamic');
    const stream = params.stream === true || /stream/i.test(url.path);
    return {
      call, nameNode, method: full || name, provider, via: 'http', api: ep.api, model: model.ref, stream, params: stream ? { ...params, stream: true } : params,
      prompt, confidence: model.ref.id !== null && url.host ? 'high' : 'medium',
    };
  }

  /** True when an HTTP call passes a request body (`json=`, `data=`, `body:`, a second positional argument). */
  private hasBody(call: Node, name: string): boolean {
    const args = callArgs(call);
    if (this.lang === 'python') {
      if (args.some((a) => a.type === 'keyword_argument' && /^(json|data|content|body)$/.test(a.childForFieldName('name')?.text ?? ''))) return true;
      if (args.some((a) => a.type === 'dictionary_splat')) return true;
      const positional = args.filter((a) => a.type !== 'keyword_argument');
      return name === 'request' || name === 'stream' ? positional.length >= 3 : positional.length >= 2;
    }
    if (FETCH_NAMES.has(name) || name === 'request' || name === 'axios') {
      const opts = args[FETCH_NAMES.has(name) ? 1 : 0];
      const o = opts ? this.resolveObject(opts) : undefined;
      if (!opts) return false;
      if (!o) return true;
      return this.objectKey(o, ['body', 'data', 'json']) !== undefined || o.namedChildren.some((c) => c?.type === 'spread_element');
    }
    return args.length >= 2;
  }

  /** The visible URL text of an expression: literal parts, with holes for what is only known at run time. */
  private urlText(n: Node, depth = 0): { host?: string; path: string } | undefined {
    if (depth > 4) return undefined;
    const u = unwrap(n);
    let text: string | undefined;
    if (isStringNode(u)) {
      const { holes } = stringParts(u);
      text = '';
      for (const c of u.namedChildren) {
        if (!c) continue;
        if (c.type === 'interpolation' || c.type === 'template_substitution') {
          const e = c.namedChildren.find((x) => x !== null);
          const s = e ? this.constString(e) : undefined;
          text += s ?? '\uFFFF';
        } else if (c.type === 'string_content' || c.type === 'string_fragment') text += c.text;
      }
      void holes;
    } else if (u.type === 'identifier' || isMember(u)) {
      const s = this.constString(u);
      if (s !== undefined) text = s;
      else if (u.type === 'identifier') {
        const b = this.lookup(u.text, u);
        if (b?.kind === 'assign') return this.urlText(b.value, depth + 1);
        if (b?.kind === 'param' && b.def) return this.urlText(b.def, depth + 1);
      }
    } else if (u.type === 'binary_operator' || u.type === 'binary_expression') {
      const l = u.childForFieldName('left');
      const r = u.childForFieldName('right');
      const op = u.childForFieldName('operator')?.text;
      if (op === '+' && l && r) {
        const a = this.urlText(l, depth + 1);
        const b = this.urlText(r, depth + 1);
        const left = a ? `${a.host ? `https://${a.host}` : '\uFFFF'}${a.path}` : '\uFFFF';
        const right = b ? `${b.host ? `https://${b.host}` : ''}${b.path}` : '\uFFFF';
        text = left + right;
      } else if ((op === '??' || op === '||' || op === 'or') && r) return this.urlText(r, depth + 1);
    } else if (u.type === 'boolean_operator') {
      const r = u.childForFieldName('right');
      if (r) return this.urlText(r, depth + 1);
    } else if (u.type === 'call' && /(^|\.)(getenv|environ\.get)$/.test(callee(u)?.text ?? '')) {
      const d = callArgs(u)[1];
      if (d) return this.urlText(d, depth + 1);
    }
    if (text === undefined) return undefined;
    const m = /^https?:\/\/([^/\uFFFF?#]+)([^?#]*)/.exec(text);
    if (m) return { host: m[1], path: (m[2] ?? '').replace(/\uFFFF/g, '{}') };
    const path = text.replace(/^\uFFFF/, '').replace(/\uFFFF/g, '{}');
    return { path: path.replace(/[?#].*$/, '') };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------------------------

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function clip(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

function applyStrFn(s: string, fn: string): string {
  switch (fn) {
    case 'strip': return s.trim();
    case 'lower': return s.toLowerCase();
    case 'upper': return s.toUpperCase();
    case 'rstrip': return s.trimEnd();
    case 'lstrip': return s.trimStart();
    default: return s;
  }
}

function toResolved(r: { value: string | null; resolution: ModelResolution }): ResolvedModel {
  return { ref: { id: r.value, canonical: r.value === null ? null : canonicalModel(r.value), resolution: r.resolution }, raw: r.value ?? undefined };
}

function normRole(r: string | undefined): PromptPart['role'] {
  switch ((r ?? '').toLowerCase()) {
    case 'system': return 'system';
    case 'developer': return 'developer';
    case 'user': case 'human': return 'user';
    case 'assistant': case 'ai': case 'model': case 'chatbot': return 'assistant';
    case 'tool': case 'function': return 'tool';
    default: return r ? 'other' : 'other';
  }
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

/** Provider named by a base URL / endpoint URL, or undefined when it is not visible. */
export function providerOfUrl(url: string): Provider | undefined {
  const m = /^[a-z]+:\/\/([^/:?#]+)(?::(\d+))?/i.exec(url.trim());
  if (!m) return undefined;
  const host = (m[1] ?? '').toLowerCase();
  const port = m[2];
  if (host === 'localhost' || host === '127.0.0.1' || host === '0.0.0.0' || host === 'host.docker.internal' || host === 'ollama') {
    return port === OLLAMA_PORT || host === 'ollama' ? 'ollama' : 'other';
  }
  const hit = HOST_PROVIDERS.find((h) => h.host.test(host));
  return hit ? hit.provider : 'other';
}

/** Provider named by a model string's prefix (`anthropic/…`, `openai:…`) or its family name. */
export function providerOfModelString(model: string): Provider | undefined {
  const m = /^([\w.-]+)[/:]/.exec(model);
  if (m?.[1]) {
    const p = MODEL_PREFIX_PROVIDERS[m[1].toLowerCase()];
    if (p) return p;
  }
  const bare = model.replace(/^models\//, '').toLowerCase();
  for (const e of MODEL_NAME_PROVIDERS) if (e.pattern.test(bare)) return e.provider;
  return undefined;
}

export type { SiteDraft };
