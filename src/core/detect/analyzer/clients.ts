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
import { callArgs, callee, FUNCTION_TYPES, isMember, isAsciiWordCode, memberName, memberObject, stringParts, unwrap } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { Binding, Value } from './types';
import { memberOf, MODULE_BY_KEY, MODULE_PREFIXES, TYPE_BY_ID } from './catalogIndex';
import { escapeRe } from './text';
import { providerOfUrl } from './rawHttp';
import { catalogueImport } from './moduleNames';

/** How deep expression evaluation may recurse (bindings, calls, chains) before it gives up on a value. */
const MAX_DEPTH = 14;

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
    if (asg && (asg.type === 'assignment' || asg.type === 'assignment_expression') && asg.childForFieldName('left')?.text === text) found = asg.childForFieldName('right') ?? found;
  }
  return found;
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
  const loaded = dynamicImportOf(call);
  if (loaded !== undefined) return loaded ? moduleValue(fa, loaded, undefined) : undefined;
  // JS `prompt.pipe(llm)` and `RunnableSequence.from([prompt, llm])`: the chain keeps the model piped in.
  if (isMember(fn) && (memberName(fn) === 'pipe' || fn.text === 'RunnableSequence.from')) {
    const args = callArgs(call);
    const a0 = args[0] ? unwrap(args[0]) : undefined;
    const items = fn.text === 'RunnableSequence.from' && a0?.type === 'array' ? a0.namedChildren.filter((x): x is Node => x !== null) : args;
    for (const a of items) {
      const av = evalValue(fa, a);
      if (av?.kind === 'inst' && TYPE_BY_ID.get(av.type)?.pipeable) return av;
    }
  }
  const { root, path } = fa.splitCallee(fn);
  const rv = evalValue(fa, root);
  if (!rv) return undefined;
  if (rv.kind === 'func') {
    if (path.length > 0) return undefined;
    return rv.ctx.evalFunctionReturn(rv.node);
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
    case 'new': {
      if (member.spec.inheritFrom) {
        const arg = fa.getArg(call, member.spec.inheritFrom);
        const v = arg ? evalValue(fa, arg) : undefined;
        return v?.kind === 'inst' ? v : undefined;
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
  if (spec.baseUrl) {
    const arg = fa.getArg(call, spec.baseUrl) ?? fa.deepKey(call, spec.baseUrl.kw ?? []);
    if (arg) {
      const url = fa.resolveString(arg);
      const p = url.value !== null ? providerOfUrl(url.value) : undefined;
      if (p) provider = p;
    }
  }
  return provider;
}

/**
 * The module a call loads at run time, written as a string literal: JS `require('m')` and `import('m')`, Python
 * `importlib.import_module("m")` and `__import__("m")`, and a loader helper handed a thunk of one
 * (`await loadPeer('ollama', label, () => import('ollama'))`, `lazyImport(() => require('openai'))`): such a helper
 * exists to return the module (or throw a friendlier error). `''` for such a call with no literal; undefined for any
 * other call.
 */
export function dynamicImportOf(call: Node): string | undefined {
  const fn = callee(call);
  if (!fn) return undefined;
  const name = fn.type === 'import' ? 'import' : fn.text;
  if (name !== 'require' && name !== 'import' && name !== 'importlib.import_module' && name !== 'import_module' && name !== '__import__') return importThunkArg(call);
  const arg = callArgs(call)[0];
  return arg && (arg.type === 'string' || (arg.type === 'template_string' && !arg.namedChildren.some((c) => c?.type === 'template_substitution'))) ? stringParts(arg).text : '';
}

/** The module of a call's argument that is a thunk of a dynamic import: `() => import('m')`, `function () { return require('m'); }`. */
function importThunkArg(call: Node): string | undefined {
  for (const a of callArgs(call)) {
    if (a.type !== 'arrow_function' && a.type !== 'function_expression' && a.type !== 'function') continue;
    const params = a.childForFieldName('parameters') ?? a.childForFieldName('parameter');
    if (params && params.namedChildren.some((c) => c !== null && c.type !== 'comment')) continue;
    let body = a.childForFieldName('body');
    if (body?.type === 'statement_block') {
      const stmts = body.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      const ret = stmts.length === 1 && stmts[0]?.type === 'return_statement' ? stmts[0] : undefined;
      body = ret?.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
    }
    const inner = body ? unwrap(body) : undefined;
    if (inner?.type !== 'call_expression') continue;
    const f = callee(inner);
    if (f && (f.type === 'import' || f.text === 'require')) return dynamicImportOf(inner);
  }
  return undefined;
}

/** The value of a same-file factory function: the first `return` whose value is a client. */
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
  fa.depth++;
  try {
    return evalValueInner(fa, unwrap(node));
  } finally {
    fa.depth--;
  }
}

export function evalValueInner(fa: FileAnalyzer, n: Node): Value | undefined {
  switch (n.type) {
    case 'identifier':
    case 'shorthand_property_identifier': {
      const b = fa.lookup(n.text, n);
      return b ? evalBinding(fa, b, n) : undefined;
    }
    case 'attribute':
    case 'member_expression': {
      const obj = memberObject(n);
      const name = memberName(n);
      if (!obj || !name) return undefined;
      const o = unwrap(obj);
      if ((o.type === 'identifier' && o.text === 'self') || o.type === 'this') {
        const b = fa.lookupSelfAttr(name, n);
        return b ? evalBinding(fa, b, n) : undefined;
      }
      const base = evalValue(fa, o);
      if (!base) {
        const assigned = dottedAssignment(fa, n);
        return assigned ? evalValue(fa, assigned) : undefined;
      }
      if (base.kind === 'func') return undefined;
      const v: Value = { ...base, path: [...base.path, name] };
      if (v.kind === 'module') {
        const found = lookupMember(fa, v, v.path);
        if (found?.member.kind === 'instance') return { kind: 'inst', type: found.member.type, path: [] };
      }
      return v;
    }
    case 'call':
    case 'call_expression':
    case 'new_expression':
      return evalCallResult(fa, n);
    case 'subscript':
    case 'subscript_expression': {
      // `CLIENTS["groq"]`: a client held in a dict/object literal under a constant key.
      const obj = n.childForFieldName('value') ?? n.childForFieldName('object');
      const idx = n.childForFieldName('subscript') ?? n.childForFieldName('index');
      const key = idx ? fa.constString(idx) : undefined;
      const dict = obj && key !== undefined ? fa.resolveObject(obj) : undefined;
      const v = dict && key !== undefined ? fa.objectKey(dict, [key]) : undefined;
      return v ? evalValue(fa, v) : undefined;
    }
    case 'binary_operator': {
      // LangChain `prompt | llm | parser`: the chain is billed as the model inside it.
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      for (const side of [l, r]) {
        if (!side) continue;
        const v = evalValue(fa, side);
        if (v?.kind === 'inst' && TYPE_BY_ID.get(v.type)?.pipeable) return v;
      }
      return undefined;
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
      return evalValue(fa, b.value);
    case 'param':
      if (b.type) {
        const t = evalTypeAnnotation(fa, b.type);
        if (t) return t;
      }
      return b.def ? evalValue(fa, b.def) : undefined;
    case 'func':
      return { kind: 'func', node: b.node, ctx: fa };
    case 'loop':
      return undefined;
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
  if (member === undefined) return { kind: 'module', lang, module, path: [] };
  if (MODULE_BY_KEY.has(`${lang}:${module}.${member}`) || MODULE_PREFIXES.has(`${lang}:${module}.${member}`)) {
    return { kind: 'module', lang, module: `${module}.${member}`, path: [] };
  }
  const v: Value = { kind: 'module', lang, module, path: [member] };
  const found = lookupMember(fa, v, v.path);
  if (found?.member.kind === 'instance') return { kind: 'inst', type: found.member.type, path: [] };
  return v;
}

export function importValue(fa: FileAnalyzer, b: Binding & { kind: 'import' }): Value | undefined {
  if (b.relativeLevel) return undefined;
  return moduleValue(fa, b.module, b.member);
}
