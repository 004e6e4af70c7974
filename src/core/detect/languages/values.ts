/**
 * Values inside calls, for every language of the front end: the keyed search (a model or max-tokens value wherever
 * the grammar keeps it: a named argument, a struct or object-initializer field, a hash or array key, a builder call
 * `.model(x)`, a Go option `WithModel(x)`, a property written on a config object), what string a value holds and
 * how it was found (literal, constant, SDK enum constant, environment default, flag default), and the provider a
 * client's construction names.
 */
import type { Node } from 'web-tree-sitter';
import type { ModelRef, ModelResolution, Provider } from '../../types';
import { providerOfUrl } from '../analyzer/rawHttp';
import { canonicalModel } from '../analyzer/models';
import type { FileModel, Inst, Val } from './fileModel';
import { MODEL_CONSTANTS } from './catalog/modelConstants';
import type { CallView } from './types';

/** Keys are compared lower-case without `_`, `-` or spaces (`max_tokens`, `MaxTokens`, `maxTokens` are one key). */
export function normKey(k: string): string {
  return k.toLowerCase().replace(/[_\-\s$@:"']/g, '');
}

export const MODEL_KEYS: ReadonlySet<string> = new Set(['model', 'modelid', 'modelname', 'defaultmodel', 'deploymentname']);
/** Keys that name the model of one kind of request only (LangChain's `embedding_model` beside `model`): searched first for that kind. */
export const EMBEDDING_MODEL_KEYS: ReadonlySet<string> = new Set(['embeddingmodel', 'embedmodel', 'embeddingsmodel']);
export const CHAT_MODEL_KEYS: ReadonlySet<string> = new Set(['chatmodel', 'chatcompletionmodelname', 'completionmodel']);
export const MAX_TOKEN_KEYS: ReadonlySet<string> = new Set([
  'maxtokens', 'maxcompletiontokens', 'maxoutputtokens', 'maxoutputtokencount', 'maxtokenstosample', 'maxtokencount',
  'maxnewtokens', 'numpredict', 'maxgenlen',
]);
const BASE_URL_KEYS: ReadonlySet<string> = new Set(['baseurl', 'baseuri', 'urlbase', 'uribase', 'endpoint', 'apibase', 'baseaddress']);

const MAX_STEPS = 200;
const MAX_DEPTH = 7;

/**
 * The first value under one of `keys` in the keyed views reachable from `roots` (breadth first; a builder chain's
 * own calls before what their arguments hold). `accept` can refuse a hit (a model object under `chatModel`): the
 * search then goes on inside it.
 */
export function findKeyed(fm: FileModel, roots: readonly Node[], keys: ReadonlySet<string>, accept?: (value: Node) => boolean): { key: string; value: Node } | undefined {
  const queue: { n: Node; d: number }[] = roots.map((n) => ({ n, d: 0 }));
  const seen = new Set<number>();
  const view = fm.view;
  const ok = (h: { key: string; value: Node } | undefined): h is { key: string; value: Node } => !!h && (!accept || accept(h.value));
  for (let steps = 0; queue.length && steps < MAX_STEPS; steps++) {
    const { n, d } = queue.shift() as { n: Node; d: number };
    if (seen.has(n.id) || d > MAX_DEPTH) continue;
    seen.add(n.id);
    const push = (c: Node | undefined): void => {
      if (c) queue.push({ n: c, d: d + 1 });
    };
    const e = view.expr(n);
    switch (e.k) {
      case 'obj':
        for (const [k, v] of e.pairs) if (keys.has(normKey(k)) && ok({ key: k, value: v })) return { key: k, value: v };
        for (const [, v] of e.pairs) push(v);
        break;
      case 'call': {
        const hit = keyedCall(e.call, keys) ?? modelParam(fm, e.call, keys);
        if (ok(hit)) return hit;
        // The rest of a builder chain (`X.builder().model(m)….build()`, `paramsBuilder.build()`) comes first.
        const r = e.call.receiver ? view.expr(e.call.receiver).k : undefined;
        // `{ model: "x" }.to_json` (Ruby): the receiver is the value.
        if (e.call.receiver && (r === 'call' || r === 'name' || r === 'obj')) queue.unshift({ n: e.call.receiver, d });
        for (const a of e.call.args) push(a.value);
        push(e.call.extra);
        // Params built by a same-file function (`client.Responses.New(ctx, buildParams(q))`): what it returns.
        if (!e.call.receiver) for (const fn of fm.functionsNamed(e.call.name)) for (const r of view.returns(fn)) push(r);
        break;
      }
      case 'name': {
        const decl = fm.lookup(e.name, n);
        push(decl?.value);
        // `$config->model = 'x'` written to this variable: in the scope of its declaration (closures reuse names).
        const home = decl ? fm.scopeAt(decl.at).node : undefined;
        for (const w of fm.writesTo(e.name)) {
          if (home && fm.scopeAt(w.at).node.id !== home.id) continue;
          if (keys.has(normKey(w.prop)) && ok({ key: w.prop, value: w.value })) return { key: w.prop, value: w.value };
          // `request.body = { model: … }.to_json`: the value written may hold the key.
          push(w.value);
        }
        break;
      }
      case 'member':
        if (view.expr(e.object).k === 'self') push(fm.field(e.name, n)?.value);
        break;
      case 'lambda':
        push(e.body);
        break;
      case 'list':
        for (const i of e.items) push(i);
        break;
      case 'wrap':
        push(e.inner);
        break;
      case 'binary':
        push(e.left);
        push(e.right);
        break;
      case 'cond':
        push(e.then);
        push(e.else);
        break;
      default:
        break;
    }
  }
  return undefined;
}

/** `new CreateResponseOptions("gpt-5", items)`: a request class that takes the model at a position (catalogue data). */
function modelParam(fm: FileModel, c: CallView, keys: ReadonlySet<string>): { key: string; value: Node } | undefined {
  if (!c.newType || !keys.has('model')) return undefined;
  const fqn = fm.qualifiedType(c.newType);
  const pos = fqn !== undefined ? fm.index.modelParams.get(fqn) : undefined;
  const a = pos !== undefined ? c.args.filter((x) => !x.name)[pos] : undefined;
  return a ? { key: 'model', value: a.value } : undefined;
}

/** A call that is itself a key: a named argument, a builder step `.model(x)`, a Go option `WithModel(x)`. */
function keyedCall(c: CallView, keys: ReadonlySet<string>): { key: string; value: Node } | undefined {
  for (const a of c.args) if (a.name && keys.has(normKey(a.name))) return { key: a.name, value: a.value };
  const first = c.args[0];
  if (!first || first.name || c.newType) return undefined;
  const n = normKey(c.name);
  if (/^with/.test(n) && keys.has(n.slice(4))) return { key: c.name, value: first.value };
  if (c.receiver && keys.has(n)) return { key: c.name, value: first.value };
  if (/^set/.test(n) && c.receiver && keys.has(n.slice(3))) return { key: c.name, value: first.value };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------------------------

export interface Resolved {
  readonly value: string | null;
  readonly resolution: ModelResolution;
  readonly candidates?: readonly Resolved[];
  /** The value is a read of an environment variable or a configuration key (no default of its own). */
  readonly env?: string;
}

const unknown = (n: Node): Resolved => ({ value: null, resolution: { kind: 'unknown', expression: n.text.slice(0, 200) } });

/** Environment and configuration reads, by the callee's written text. */
const ENV_CALL = /(^|\.|::|->)(getenv|Getenv|GetEnvironmentVariable|LookupEnv|getProperty)$|^(ENV\.fetch|env|System\.getenv)$/;
/** `ENV.fetch("X", "d")`, `env('X', 'd')`, `getenv("X", "d")`, `environmentOrDefault("X", "d")`, `System.getProperty("x", "d")`. */
const ENV_DEFAULT_CALL = /(^|\.|::|->)(fetch|env|getenv|getProperty|getOrDefault|[A-Za-z]*(?:[Ee]nv|[Ee]nvironment)[A-Za-z]*(?:Or|Default)[A-Za-z]*)$/;
/** Receivers of an index that are configuration or the environment: `config["X"]`, `ENV["X"]`, `$_ENV['X']`. */
const CONFIG_OBJECT = /(^|\.|->)(config|configuration|Configuration|settings|Settings|ENV|_ENV|_SERVER|env|Environment|options|Options)$/i;
/** Go's `flag.String("model", "default", "help")`. */
const FLAG_CALL = /^flag\.(String|StringVar)$/;

/** The string an expression holds, and how it was found. */
export function resolveString(fm: FileModel, node: Node, depth = 0): Resolved {
  if (depth > 8) return unknown(node);
  const view = fm.view;
  const e = view.expr(node);
  switch (e.k) {
    case 'str':
      return e.value !== undefined ? { value: e.value, resolution: { kind: 'literal' } } : unknown(node);
    case 'wrap':
      return resolveString(fm, e.inner, depth + 1);
    case 'name':
      return resolveName(fm, e.name, node, depth);
    case 'member':
      return resolveConstant(fm, node, e, depth);
    case 'scoped':
      // A Ruby constant of the file (`MODEL = "gpt-4o"`) is a name.
      return e.parts.length === 1 && e.parts[0] ? resolveName(fm, e.parts[0], node, depth) : resolveConstant(fm, node, e, depth);
    case 'index':
      return envOfIndex(e.object, e.index, fm) ?? unknown(node);
    case 'call':
      return resolveCall(fm, e.call, node, depth);
    case 'binary':
      return resolveFallback(fm, e.op, e.left, e.right, node, depth);
    case 'cond': {
      const a = resolveString(fm, e.then, depth + 1);
      const b = resolveString(fm, e.else, depth + 1);
      if (a.value === null || b.value === null) return a.value !== null ? a : b.value !== null ? b : unknown(node);
      return { ...a, candidates: [a, b] };
    }
    default:
      return unknown(node);
  }
}

function asConstant(r: Resolved, name: string): Resolved {
  return r.value !== null && r.resolution.kind === 'literal' ? { ...r, resolution: { kind: 'constant', name } } : r;
}

function resolveName(fm: FileModel, name: string, node: Node, depth: number): Resolved {
  const d = fm.lookup(name, node) ?? (fm.view.implicitField?.(name) ? fm.field(fm.view.implicitField(name) as string, node) : undefined);
  if (d) {
    if (d.value) {
      const r = resolveString(fm, d.value, depth + 1);
      // Go: `m := os.Getenv("X"); if m == "" { m = "literal" }` — the literal is the environment's default.
      const env = r.value !== null ? envBefore(fm, name, d.at) : undefined;
      if (env) return { value: r.value, resolution: { kind: 'env-default', envVar: env } };
      return asConstant(r, name);
    }
    if (d.kind === 'param' && d.def) {
      const r = resolveString(fm, d.def, depth + 1);
      return r.value !== null ? { ...r, resolution: { kind: 'default-argument', name } } : r;
    }
    // A required parameter: what the file's own callers pass (the first that resolves).
    for (const a of fm.argsPassed(d)) {
      const r = resolveString(fm, a, depth + 2);
      if (r.value !== null) return asConstant(r, name);
    }
    return unknown(node);
  }
  // A statically imported enum constant (LangChain4j `modelName(GPT_4_O_MINI)`).
  const fqn = fm.qualify(name);
  const id = fqn ? constantId(fm, fqn) : undefined;
  return id !== undefined ? { value: id, resolution: { kind: 'constant', name } } : unknown(node);
}

/** An environment read assigned to `name` before `at`, in a binding of the same scope: its variable. */
function envBefore(fm: FileModel, name: string, at: Node): string | undefined {
  const prev = fm.lookup(name, at);
  if (!prev?.value || prev.at.startIndex >= at.startIndex) return undefined;
  const e = fm.view.expr(prev.value);
  if (e.k !== 'call') return undefined;
  const callee = calleeText(e.call);
  if (!ENV_CALL.test(callee)) return undefined;
  const a = e.call.args[0] ? fm.view.expr(e.call.args[0].value) : undefined;
  return a?.k === 'str' ? a.value : undefined;
}

/** An SDK enum constant (`openai.ChatModelGPT4o`, `ChatModel.GPT_4O`, `Anthropic::Model::CLAUDE_SONNET_5`), a class constant, a field. */
function resolveConstant(fm: FileModel, node: Node, e: { k: 'member'; object: Node; name: string } | { k: 'scoped'; parts: readonly string[] }, depth: number): Resolved {
  const view = fm.view;
  if (e.k === 'member') {
    const o = view.expr(e.object);
    if (o.k === 'self') {
      const f = fm.field(e.name, node);
      return f?.value ? asConstant(resolveString(fm, f.value, depth + 1), e.name) : unknown(node);
    }
    // PHP backed enum: `OpenAIChatModel::Gpt4Omini->value`.
    if (e.name === 'value') {
      const inner = resolveString(fm, e.object, depth + 1);
      if (inner.value !== null) return inner;
    }
  }
  const written = e.k === 'member' ? `${qualifierOf(fm, e.object)}.${e.name}` : e.parts.join('.');
  const id = constantId(fm, written);
  if (id !== undefined) return { value: id, resolution: { kind: 'constant', name: node.text } };
  // A constant of one of the file's classes: `Config.MODEL`, `self::MODEL`.
  if (e.k === 'member') {
    const o = view.expr(e.object);
    if (o.k === 'name' && fm.hasClass(o.name)) {
      const f = fm.field(e.name, node, o.name);
      if (f?.value) return asConstant(resolveString(fm, f.value, depth + 1), node.text);
    }
  }
  if (e.k === 'scoped' && e.parts.length === 2 && /^(self|static)$/.test(e.parts[0] ?? '')) {
    const f = fm.field(e.parts[1] as string, node);
    if (f?.value) return asConstant(resolveString(fm, f.value, depth + 1), node.text);
  }
  return unknown(node);
}

/** The written qualifier of a member, with a Go package alias replaced by the package's own name. */
function qualifierOf(fm: FileModel, object: Node): string {
  const o = fm.view.expr(object);
  if (o.k === 'name') {
    const fqn = fm.imports.names.get(o.name);
    if (fqn && fm.view.lang === 'go') return fm.index.goPackages.get(fqn) ?? lastSegment(fqn);
    return fqn ?? o.name;
  }
  if (o.k === 'member') return `${qualifierOf(fm, o.object)}.${o.name}`;
  if (o.k === 'scoped') return o.parts.join('.');
  return object.text;
}

function lastSegment(s: string): string {
  const parts = s.split(/::|[.\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? s;
}

/** The model id of an SDK constant: its table key is the last two names (`ChatModel.GPT_4O`). */
function constantId(fm: FileModel, written: string): string | undefined {
  const parts = written.split(/::|[.\\/]/).filter(Boolean);
  if (parts.length < 2) return undefined;
  const key = `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
  return MODEL_CONSTANTS[fm.view.lang]?.get(key);
}

export function calleeText(c: CallView): string {
  return c.receiver ? `${c.receiver.text}.${c.name}` : c.name;
}

function resolveCall(fm: FileModel, c: CallView, node: Node, depth: number): Resolved {
  const callee = calleeText(c);
  const a0 = c.args[0]?.value;
  const a1 = c.args[1]?.value;
  if (FLAG_CALL.test(callee) && a1) {
    const name = a0 ? resolveString(fm, a0, depth + 1).value : null;
    const r = resolveString(fm, a1, depth + 1);
    return r.value !== null ? { value: r.value, resolution: { kind: 'default-argument', name: name ?? 'flag' } } : r;
  }
  const envName = a0 ? fm.view.expr(a0) : undefined;
  const envVar = envName?.k === 'str' ? envName.value : undefined;
  if (a1 && envVar && ENV_DEFAULT_CALL.test(callee)) {
    const r = resolveString(fm, a1, depth + 1);
    if (r.value !== null) return { value: r.value, resolution: { kind: 'env-default', envVar } };
  }
  if (ENV_CALL.test(callee)) return { ...unknown(node), ...(envVar ? { env: envVar } : {}) };
  if (!c.receiver && !c.newType) {
    const own = resolveReturns(fm, c.name, depth);
    if (own) return own;
  }
  // `aws.String(x)`, `openai.ChatModel(x)`, `Optional.of(x)`: the argument, unchanged.
  if (a0 && (isIdentity(fm, c) || c.args.length === 1 && /^(String|ChatModel|Model|of|valueOf|Ptr|F|Opt)$/.test(c.name))) return resolveString(fm, a0, depth + 1);
  // `new ChatModel("deepseek-r1:8b")` (LlmTornado) and the like: a model-named class around a string.
  if (c.newType && a0 && /Model/.test(c.name)) return resolveString(fm, a0, depth + 1);
  return unknown(node);
}

/** What a same-file function returns: its literal result, an environment default when another return reads one. */
function resolveReturns(fm: FileModel, name: string, depth: number): Resolved | undefined {
  let found: Resolved | undefined;
  let env: string | undefined;
  for (const fn of fm.functionsNamed(name)) {
    for (const r of fm.view.returns(fn)) {
      const v = resolveString(fm, r, depth + 1);
      if (v.value !== null && !found) found = v;
      if (v.env) env = v.env;
      const e = fm.view.expr(r);
      if (!v.env && e.k === 'name') {
        const d = fm.lookup(e.name, r);
        const dv = d?.value ? resolveString(fm, d.value, depth + 1) : undefined;
        if (dv?.env) env = dv.env;
      }
    }
  }
  if (!found) return undefined;
  return env ? { value: found.value, resolution: { kind: 'env-default', envVar: env } } : { ...found, resolution: found.resolution.kind === 'literal' ? { kind: 'constant', name: `${name}()` } : found.resolution };
}

function isIdentity(fm: FileModel, c: CallView): boolean {
  if (!c.receiver) return false;
  const v = fm.evalValue(c.receiver);
  return !!v && v.k === 'ns' && fm.index.identity.has(`${v.fqn}.${c.name}`);
}

function envOfIndex(object: Node, index: Node, fm: FileModel): Resolved | undefined {
  const key = fm.view.expr(index);
  if (key.k !== 'str' || key.value === undefined) return undefined;
  if (!CONFIG_OBJECT.test(object.text)) return undefined;
  return { value: null, resolution: { kind: 'unknown', expression: `${object.text}[${index.text}]`.slice(0, 200) }, env: key.value };
}

/** `a ?? "d"`, `a || "d"`, `a ?: 'd'`: the left side when it resolves, else the default (an env default when the left reads one). */
function resolveFallback(fm: FileModel, op: string, left: Node, right: Node, node: Node, depth: number): Resolved {
  if (!['??', '||', '?:', 'or', '|'].includes(op)) return unknown(node);
  const l = resolveString(fm, left, depth + 1);
  if (l.value !== null) return l;
  const r = resolveString(fm, right, depth + 1);
  if (r.value === null) return l;
  if (l.env) return { value: r.value, resolution: { kind: 'env-default', envVar: l.env } };
  return r;
}

/** A resolved string as the site's ModelRef. */
export function toModelRef(r: Resolved): ModelRef {
  return {
    id: r.value,
    canonical: r.value === null ? null : canonicalModel(r.value),
    resolution: r.resolution,
    ...(r.candidates ? { candidates: r.candidates.map((c) => toModelRef({ value: c.value, resolution: c.resolution })) } : {}),
  };
}

/** A small integer an expression holds (a literal or a constant). */
export function resolveNumber(fm: FileModel, node: Node, depth = 0): number | undefined {
  if (depth > 4) return undefined;
  const e = fm.view.expr(node);
  if (e.k === 'num') return e.value;
  if (e.k === 'wrap') return resolveNumber(fm, e.inner, depth + 1);
  if (e.k === 'name') {
    const d = fm.lookup(e.name, node);
    return d?.value ? resolveNumber(fm, d.value, depth + 1) : undefined;
  }
  if (e.k === 'call' && e.call.args.length === 1 && e.call.args[0]) return resolveNumber(fm, e.call.args[0].value, depth + 1);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Providers
// ---------------------------------------------------------------------------------------------------------------

/** The provider of an instance: a marker or base URL in its construction, the way it was made, what it wraps, its type. */
export function providerOf(fm: FileModel, v: Val | undefined, hops = 0): Provider | undefined {
  if (!v || v.k !== 'inst' || hops > 4) return undefined;
  const marked = markerProvider(fm, v);
  if (marked) return marked;
  if (v.provider) return v.provider;
  const wrapped = v.wraps ? providerOf(fm, v.wraps, hops + 1) : undefined;
  if (wrapped) return wrapped;
  return v.type.provider;
}

function markerProvider(fm: FileModel, v: Inst): Provider | undefined {
  const sdk = fm.index.sdkOfType.get(v.type.id);
  const markers = fm.index.sdks.flatMap((s) => s.markers ?? []);
  if (markers.length) {
    const names = namesIn(fm, v.cfg);
    for (const m of markers) {
      const sepEnd = /[./\\:]$/.test(m.name) && !m.name.startsWith('.');
      if (names.some((n) => (sepEnd ? n.startsWith(m.name) : n === m.name))) return m.provider;
    }
  }
  if (sdk && v.type.baseUrlDecides) {
    const hit = findKeyed(fm, v.cfg, BASE_URL_KEYS);
    if (hit) {
      const r = resolveString(fm, urlOf(fm, hit.value));
      return r.value !== null ? providerOfUrl(r.value) ?? 'other' : 'other';
    }
  }
  return undefined;
}

/** `new Uri("…")`, `URI.create("…")`: the string inside. */
function urlOf(fm: FileModel, n: Node): Node {
  const e = fm.view.expr(n);
  if (e.k === 'call' && e.call.args.length === 1 && e.call.args[0] && /^(Uri|URI|create|parse|URL)$/.test(e.call.name)) return e.call.args[0].value;
  return n;
}

/** Fully-qualified names of the functions and classes called in a client's construction. */
function namesIn(fm: FileModel, roots: readonly Node[]): string[] {
  const out: string[] = [];
  const stack = [...roots];
  for (let steps = 0; stack.length && steps < 300; steps++) {
    const n = stack.pop() as Node;
    const c = fm.view.call(n);
    if (c) {
      if (c.newType) {
        const t = fm.view.typeName(c.newType, fm.imports);
        if (t) out.push(t);
      } else if (c.receiver) {
        const v = fm.evalValue(c.receiver);
        if (v?.k === 'ns') out.push(`${v.fqn}.${c.name}`);
        out.push(`.${c.name}`);
      } else {
        const q = fm.qualify(c.name);
        if (q) out.push(q);
      }
    } else {
      const e = fm.view.expr(n);
      if (e.k === 'name') {
        const q = fm.lookup(e.name, n) ? undefined : fm.qualify(e.name);
        if (q) out.push(q);
      } else if (e.k === 'scoped') {
        out.push(e.parts.join(fm.view.sep));
      }
    }
    for (let i = 0; i < n.namedChildCount; i++) {
      const ch = n.namedChild(i);
      if (ch) stack.push(ch);
    }
  }
  return out;
}
