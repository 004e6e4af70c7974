/**
 * Which calls of a Go, Java, C#, Ruby or PHP file are sites, and the `CallSite` of each: the receiver is evaluated
 * (fileModel.ts) and the member path from a catalogue instance is looked up in the catalogue; a framework function
 * over a model value takes that value's provider and model. A receiver that cannot be resolved still gives a site
 * (medium confidence) when its written path is a catalogue path marked `fallback` and the file imports that SDK.
 */
import type { Node } from 'web-tree-sitter';
import type { CallParams, CallSite, Confidence, LoopContext, PromptPart, Provider } from '../../types';
import { commentFlags } from '../context';
import { toRange } from '../syntax';
import { PATH_SEP } from './catalogIndex';
import type { FileModel, Inst, Val } from './fileModel';
import { argAt } from './fileModel';
import { httpSite, jsonTextModel } from './rawHttp';
import type { CallView, LanguageSdk, SiteSpec, TypeSpec, Via } from './types';
import { CHAT_MODEL_KEYS, EMBEDDING_MODEL_KEYS, findKeyed, MAX_TOKEN_KEYS, MODEL_KEYS, normKey, providerOf, resolveNumber, resolveString, toModelRef, type Resolved } from './values';

/** A site found, before it becomes a CallSite. */
interface Found {
  readonly call: CallView;
  readonly spec: SiteSpec;
  readonly sdk: LanguageSdk;
  readonly type?: TypeSpec;
  readonly inst?: Inst;
  /** For a framework function: the model value it runs. */
  readonly wrapped?: Val;
  readonly method: string;
  readonly confidence: Confidence;
}

/** Every site of the file, in source order. */
export function findSites(fm: FileModel): CallSite[] {
  const out: CallSite[] = [];
  const stack: Node[] = [fm.root];
  const found: Found[] = [];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (fm.view.isOpaque(n)) continue;
    const c = fm.view.call(n);
    if (c) {
      const f = siteOf(fm, c) ?? rawHttpOf(fm, c);
      if (f) found.push(f);
    }
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const ch = n.namedChild(i);
      if (ch) stack.push(ch);
    }
  }
  for (const f of found) out.push(toCallSite(fm, f));
  return out;
}

/** A raw HTTP request to an inference endpoint (`rawHttp.ts`). */
function rawHttpOf(fm: FileModel, c: CallView): Found | undefined {
  const h = httpSite(fm, c);
  return h ? { call: c, spec: h.spec, sdk: h.sdk, type: h.type, method: c.name, confidence: 'high' } : undefined;
}

/** A call a test expects to fail (`Assert.ThrowsAsync(() => …)`, `assertThrows(…)`) sends nothing that is billed. */
const EXPECTS_FAILURE = /^(Throws|ThrowsAsync|ThrowsAny|ThrowsAnyAsync|ThrowsExactly|ThrowsExactlyAsync|assertThrows|assertThrowsExactly|expectThrows)$/;

function insideExpectedFailure(fm: FileModel, call: Node): boolean {
  for (let n = call.parent, hops = 0; n && hops < 12; n = n.parent, hops++) {
    const c = fm.view.call(n);
    if (c && EXPECTS_FAILURE.test(c.name)) return true;
    if (fm.view.scopeKind(n) === 'fn' && fm.view.functionName(n)) return false;
  }
  return false;
}

function siteOf(fm: FileModel, c: CallView): Found | undefined {
  if (c.newType || insideExpectedFailure(fm, c.node)) return undefined;
  if (!c.receiver) {
    const fqn = fm.qualify(c.name);
    return fqn ? fnSite(fm, c, fqn) : undefined;
  }
  const rk = fm.view.expr(c.receiver).k;
  if (rk === 'self') return undefined;
  const rv = fm.evalValue(c.receiver);
  if (rv?.k === 'ns') return fnSite(fm, c, `${rv.fqn}.${c.name}`);
  if (rv?.k === 'inst' && !rv.building) {
    const path = [...rv.path, c.name];
    const spec = matchSpec(fm.index.sitesOfType.get(rv.type.id), path, c);
    const sdk = fm.index.sdkOfType.get(rv.type.id);
    if (spec && sdk && (fakedBefore(fm, c, rv.type) || passesString(fm, c, spec.notString))) return undefined;
    if (spec && sdk) return { call: c, spec, sdk, type: rv.type, inst: rv, method: path.join('.'), confidence: 'high' };
    return undefined;
  }
  if (rv) return undefined;
  return fallbackSite(fm, c);
}

/**
 * The positional argument at `pos` is a string: written, resolved, a variable or parameter declared `string`, or a
 * variable whose initializer makes a string (`Console.ReadLine()`, `$"…{x}…"`, a concatenation with a string,
 * `x.ToString()`, `string.Format(…)`).
 */
function passesString(fm: FileModel, c: CallView, pos: number | undefined): boolean {
  const a = pos === undefined ? undefined : c.args.filter((x) => !x.name)[pos]?.value;
  return a ? stringValued(fm, a, 0) : false;
}

/** Calls whose result is a string (`Console.ReadLine()`, `x.ToString()`, `string.Join(…)`). */
const STRING_CALLS = new Set(['ReadLine', 'ReadToEnd', 'ReadAllText', 'ToString', 'Format', 'Join', 'Concat']);

function stringValued(fm: FileModel, a: Node, depth: number): boolean {
  if (depth > 4) return false;
  const e = fm.view.expr(a);
  if (e.k === 'str' || resolveString(fm, a).value !== null) return true;
  if (e.k === 'wrap') return stringValued(fm, e.inner, depth + 1);
  if (e.k === 'binary') return e.op === '+' && (stringValued(fm, e.left, depth + 1) || stringValued(fm, e.right, depth + 1));
  if (e.k === 'cond') return stringValued(fm, e.then, depth + 1) && stringValued(fm, e.else, depth + 1);
  if (e.k === 'call') return !e.call.newType && STRING_CALLS.has(e.call.name);
  if (e.k !== 'name') return false;
  const d = fm.lookup(e.name, a);
  if (d?.type && /^(?:string|String)\??$/.test(d.type.text)) return true;
  return d?.value !== undefined && d.kind === 'var' && stringValued(fm, d.value, depth + 1);
}

/** The leftmost node of a receiver chain (`OpenAI` in `OpenAI::chat()->create`). */
function chainRoot(fm: FileModel, n: Node): Node {
  for (let i = 0; i < 16; i++) {
    const e = fm.view.expr(n);
    if (e.k === 'call' && e.call.receiver) n = e.call.receiver;
    else if (e.k === 'member') n = e.object;
    else break;
  }
  return n;
}

/** `OpenAI::fake([...])` earlier in the same function: the facade now answers from the fake (a mock, not a request). */
function fakedBefore(fm: FileModel, c: CallView, type: TypeSpec): boolean {
  if (!type.fakedBy?.length || !c.receiver) return false;
  const root = chainRoot(fm, c.receiver).text;
  const scope = fm.scopeAt(c.node).node;
  return type.fakedBy.some((m) =>
    fm.callsNamed(m).some((f) => f.receiver?.text === root && f.node.startIndex < c.node.startIndex && f.node.startIndex >= scope.startIndex && f.node.endIndex <= scope.endIndex),
  );
}

/** The receiver's root variable holds a constructor the catalogue does not know (`new ClientFake([...])`): not an SDK client. */
function rootBuiltByOther(fm: FileModel, receiver: Node): boolean {
  const root = chainRoot(fm, receiver);
  const e = fm.view.expr(root);
  const d = e.k === 'name' ? fm.lookup(e.name, root) : undefined;
  const v = d?.value ? fm.view.expr(d.value) : undefined;
  return v?.k === 'call' && !!v.call.newType;
}

function fnSite(fm: FileModel, c: CallView, fqn: string): Found | undefined {
  const spec = matchSpec(fm.index.sitesOfFn.get(fqn), undefined, c);
  if (!spec) return undefined;
  const sdk = fm.index.sdks.find((s) => s.sites.includes(spec));
  if (!sdk) return undefined;
  const w = spec.wraps ? argAt(c, spec.wraps.pos, spec.wraps.keys) : undefined;
  const wrapped = w ? fm.evalValue(w) : undefined;
  // A framework function over a model runs one only when the value is one (not the caller's own `this`, a mock).
  if (spec.wraps && wrapped?.k !== 'inst') return undefined;
  const name = fqn.split(/[./\\]|::/).slice(-2).join('.');
  return { call: c, spec, sdk, ...(wrapped ? { wrapped } : {}), method: name, confidence: 'high' };
}

function matchSpec(specs: readonly SiteSpec[] | undefined, path: readonly string[] | undefined, c: CallView): SiteSpec | undefined {
  if (!specs) return undefined;
  const names = new Set(c.args.filter((a) => a.name).map((a) => normKey(a.name as string)));
  for (const s of specs) {
    if (path && s.path) {
      const last = s.path[s.path.length - 1];
      if (last === '*') {
        if (path.length !== s.path.length || s.path.slice(0, -1).some((p, i) => p !== path[i])) continue;
        if (s.except?.includes(path[path.length - 1] as string)) continue;
      } else if (s.path.join(PATH_SEP) !== path.join(PATH_SEP)) {
        continue;
      }
    }
    if (s.requires && !s.requires.every((r) => names.has(normKey(r)))) continue;
    if (s.forbids?.some((r) => names.has(normKey(r)))) continue;
    return s;
  }
  return undefined;
}

/** The written member chain of a receiver (`c.client.Chat.Completions` → those four names), or undefined. */
function writtenPath(fm: FileModel, n: Node, depth = 0): string[] | undefined {
  if (depth > 8) return undefined;
  const e = fm.view.expr(n);
  if (e.k === 'name') return [e.name];
  if (e.k === 'self') return ['this'];
  if (e.k === 'wrap') return writtenPath(fm, e.inner, depth + 1);
  if (e.k === 'member') {
    const o = writtenPath(fm, e.object, depth + 1);
    return o ? [...o, e.name] : undefined;
  }
  if (e.k === 'call' && e.call.receiver && !e.call.args.length) {
    const o = writtenPath(fm, e.call.receiver, depth + 1);
    return o ? [...o, e.call.name] : undefined;
  }
  return undefined;
}

function fallbackSite(fm: FileModel, c: CallView): Found | undefined {
  const written = writtenPath(fm, c.receiver as Node);
  if (!written || written.length < 2 || rootBuiltByOther(fm, c.receiver as Node)) return undefined;
  for (const sdk of fm.index.sdks) {
    if (!sdk.modules.some((m) => fm.imports.modules.some((im) => im === m || im.startsWith(`${m}/`) || im.startsWith(`${m}.`) || im.startsWith(`${m}\\`) || im.startsWith(`${m}::`)))) continue;
    for (const s of sdk.sites) {
      if (!s.fallback || !s.path || !s.type || s.path.length < 2) continue;
      if (s.path[s.path.length - 1] !== c.name) continue;
      const head = s.path.slice(0, -1);
      const tail = written.slice(-head.length);
      if (written.length <= head.length || head.some((p, i) => p !== tail[i])) continue;
      if (!matchSpec([s], undefined, c)) continue;
      const type = fm.index.typeById.get(s.type);
      return { call: c, spec: s, sdk, ...(type ? { type } : {}), method: s.path.join('.'), confidence: 'medium' };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// CallSite
// ---------------------------------------------------------------------------------------------------------------

/** The node that holds the model: the call's own argument, else its instance's construction, else what it wraps. */
function modelNode(fm: FileModel, f: Found): Node | undefined {
  const c = f.call;
  const args = [...c.args.map((a) => a.value), ...(c.extra ? [c.extra] : [])];
  // The catalogue's position comes first when it holds a string (`CreateResponse("gpt-5", …)`); else the keyed search
  // (`CreateResponse(options)` with `new CreateResponseOptions("gpt-5", …)`), else that argument after all.
  const atPos = f.spec.model ? argAt(c, f.spec.model.pos, f.spec.model.keys) : undefined;
  if (atPos && resolveString(fm, atPos).value !== null) return atPos;
  const kinds = f.spec.api === 'embeddings' ? [EMBEDDING_MODEL_KEYS, MODEL_KEYS] : [CHAT_MODEL_KEYS, MODEL_KEYS];
  for (const keys of kinds) {
    const own = namedArg(c, keys)?.value ?? findKeyed(fm, args, keys, notAnObject(fm))?.value;
    if (own) return own;
  }
  for (const keys of kinds) {
    const hit = instModel(fm, f.inst ?? f.wrapped, keys, 0);
    if (hit) return fromConstruction(hit);
  }
  if (atPos) return atPos;
  const made = instModelNode(f.inst ?? f.wrapped);
  return made ? fromConstruction(made) : undefined;
}

/** Model nodes found on the instance's construction (`new ChatClient("gpt-4o")`, `GetChatClient("x")`, a builder's `.model(x)`). */
const CONSTRUCTION_MODELS = new WeakSet<Node>();
function fromConstruction(n: Node): Node {
  CONSTRUCTION_MODELS.add(n);
  return n;
}

function instModel(fm: FileModel, v: Val | undefined, keys: ReadonlySet<string>, hops: number): Node | undefined {
  if (!v || v.k !== 'inst' || hops > 4) return undefined;
  if (v.model && keys === MODEL_KEYS && resolveString(fm, v.model).value !== null) return v.model;
  const hit = findKeyed(fm, v.cfg, keys, notAnObject(fm))?.value;
  if (hit) return hit;
  return instModel(fm, v.wraps, keys, hops + 1);
}

/** A keyword or named argument of the call itself (`model: "x"` in Ruby, PHP 8 and C#). */
function namedArg(c: CallView, keys: ReadonlySet<string>): { key: string; value: Node } | undefined {
  const a = c.args.find((x) => x.name !== undefined && keys.has(normKey(x.name)));
  return a ? { key: a.name as string, value: a.value } : undefined;
}

/** The model argument of the way an instance (or what it wraps) was made, even when it does not resolve. */
function instModelNode(v: Val | undefined, hops = 0): Node | undefined {
  if (!v || v.k !== 'inst' || hops > 4) return undefined;
  return v.model ?? instModelNode(v.wraps, hops + 1);
}

/** A model key holds a string, not a model object (LangChain4j's `.chatModel(model)` hands the builder a model). */
function notAnObject(fm: FileModel): (n: Node) => boolean {
  return (n) => fm.evalValue(n)?.k !== 'inst';
}

function toCallSite(fm: FileModel, f: Found): CallSite {
  const c = f.call;
  const mn = modelNode(fm, f);
  let found: Resolved = mn ? resolveString(fm, mn) : { value: null, resolution: { kind: 'unknown', expression: '' } };
  if (found.value === null && f.type?.via === 'http') {
    const m = jsonTextModel(fm, c);
    if (m) found = { value: m, resolution: { kind: 'literal' } };
  }
  // A literal given to the model object's construction is `constructor` (fixture README convention); a constant,
  // environment default or parameter default there keeps its own kind.
  const r: Resolved = mn && CONSTRUCTION_MODELS.has(mn) && found.resolution.kind === 'literal' ? { ...found, resolution: { kind: 'constructor' } } : found;
  const provider: Provider = (f.wrapped ? providerOf(fm, f.wrapped) : undefined) ?? (f.inst ? providerOf(fm, f.inst) : undefined) ?? f.type?.provider ?? f.sdk.types[0]?.provider ?? 'other';
  const via: Via = (f.type ?? f.sdk.types[0])?.via ?? 'sdk';
  const nameRow = c.nameNode.startPosition.row;
  const startRow = c.node.startPosition.row;
  const flags = commentFlags((row) => lineAt(fm.text, row), startRow, nameRow);
  const line = nameRow + 1;
  const enclosing = enclosingFunction(fm, c.node);
  return {
    id: `${''}#${line}:${f.method}`,
    file: '',
    range: toRange(c.node),
    line,
    provider,
    via,
    api: f.spec.api,
    method: f.method,
    model: toModelRef(r),
    stream: !!f.spec.stream,
    params: paramsOf(fm, f),
    prompt: promptOf(fm, f, mn),
    loops: loopsOf(fm, c.node),
    confidence: f.confidence,
    ...(enclosing ? { enclosingFunction: enclosing } : {}),
    ...(flags.ignored ? { ignored: true } : {}),
    ...(flags.annotation ? { annotation: { text: flags.annotation.text, line: flags.annotation.row + 1 } } : {}),
  };
}

function lineAt(text: string, row: number): string {
  let start = 0;
  for (let r = 0; r < row; r++) {
    const i = text.indexOf('\n', start);
    if (i < 0) return '';
    start = i + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

function paramsOf(fm: FileModel, f: Found): CallParams {
  const c = f.call;
  const roots = [...c.args.map((a) => a.value), ...(c.extra ? [c.extra] : [])];
  let hit = namedArg(c, MAX_TOKEN_KEYS) ?? findKeyed(fm, roots, MAX_TOKEN_KEYS);
  for (let v: Val | undefined = f.inst ?? f.wrapped, hops = 0; !hit && v?.k === 'inst' && hops < 4; v = v.wraps, hops++) hit = findKeyed(fm, v.cfg, MAX_TOKEN_KEYS);
  const maxTokens = hit ? resolveNumber(fm, hit.value) : undefined;
  return {
    ...(maxTokens !== undefined && hit ? { maxTokens, maxTokensParam: hit.key } : {}),
    ...(f.spec.stream ? { stream: true } : {}),
  };
}

const SYSTEM_KEY = /system|instruction|developer|preamble/i;
const ROLE_WORDS = new Set(['user', 'system', 'assistant', 'developer', 'tool', 'human', 'ai', 'model', 'text', 'input_text', 'image_url', 'auto', 'none', 'required', 'json_object', 'application/json']);

/** Prompt parts from the call's arguments (one hop through variables): known strings, templates, else one run-time part. */
function promptOf(fm: FileModel, f: Found, model: Node | undefined): PromptPart[] {
  const parts: PromptPart[] = [];
  const queue: { n: Node; system: boolean; d: number }[] = f.call.args.map((a) => ({ n: a.value, system: !!a.name && SYSTEM_KEY.test(a.name), d: 0 }));
  let dynamic: Node | undefined;
  const seen = new Set<number>();
  for (let steps = 0; queue.length && steps < 150 && parts.length < 24; steps++) {
    const { n, system, d } = queue.shift() as { n: Node; system: boolean; d: number };
    if (seen.has(n.id) || d > 6 || (model && n.id === model.id)) continue;
    seen.add(n.id);
    const e = fm.view.expr(n);
    const role = system ? 'system' : 'user';
    if (e.k === 'str') {
      if (e.value !== undefined && (ROLE_WORDS.has(e.value) || e.value.length < 2)) continue;
      if (e.value !== undefined) parts.push({ role, kind: 'literal', text: e.value, range: toRange(n) });
      else parts.push({ role, kind: 'template', text: (e.parts ?? []).join(''), placeholders: e.holes ?? 1, range: toRange(n) });
      continue;
    }
    if (e.k === 'obj') {
      for (const [k, v] of e.pairs) if (!MODEL_KEYS.has(normKey(k)) && !MAX_TOKEN_KEYS.has(normKey(k))) queue.push({ n: v, system: system || SYSTEM_KEY.test(k), d: d + 1 });
    } else if (e.k === 'call') {
      const sys = system || SYSTEM_KEY.test(e.call.name);
      for (const a of e.call.args) if (!(a.name && (MODEL_KEYS.has(normKey(a.name)) || MAX_TOKEN_KEYS.has(normKey(a.name))))) queue.push({ n: a.value, system: sys || (!!a.name && SYSTEM_KEY.test(a.name)), d: d + 1 });
      if (e.call.receiver && fm.view.expr(e.call.receiver).k === 'call') queue.push({ n: e.call.receiver, system, d: d + 1 });
      if (e.call.extra) queue.push({ n: e.call.extra, system, d: d + 1 });
    } else if (e.k === 'list') {
      for (const i of e.items) queue.push({ n: i, system, d: d + 1 });
    } else if (e.k === 'wrap') {
      queue.push({ n: e.inner, system, d: d + 1 });
    } else if (e.k === 'name') {
      const decl = fm.lookup(e.name, n);
      if (decl?.value && d < 3) queue.push({ n: decl.value, system, d: d + 1 });
      else if (!dynamic && d === 0) dynamic = n;
    } else if (e.k === 'binary' && e.op === '+') {
      queue.push({ n: e.left, system, d: d + 1 }, { n: e.right, system, d: d + 1 });
    }
  }
  if (!parts.length && dynamic) parts.push({ role: 'user', kind: 'dynamic', range: toRange(dynamic) });
  return parts;
}

function loopsOf(fm: FileModel, call: Node): LoopContext[] {
  const out: LoopContext[] = [];
  for (let n = call.parent; n; n = n.parent) {
    const k = fm.view.scopeKind(n);
    if (k === 'fn' && fm.view.functionName(n)) break;
    const loop = fm.view.loopKind(n);
    if (loop) out.push({ kind: loop, range: toRange(n) });
  }
  return out;
}

function enclosingFunction(fm: FileModel, call: Node): string | undefined {
  for (let n = call.parent; n; n = n.parent) {
    if (fm.view.scopeKind(n) === 'fn') {
      const name = fm.view.functionName(n);
      if (name) return name;
    }
  }
  return undefined;
}
