/**
 * One parsed file of a multi-language front end: its scopes and bindings (collected in one walk), its imports, and
 * `evalValue`, which says what an expression is in catalogue terms — a namespace or class, an instance of a
 * catalogue type (with the nodes that configured it), or an instance of one of the file's own classes.
 */
import type { Node } from 'web-tree-sitter';
import type { Provider } from '../../types';
import { PATH_SEP, type CatalogueIndex, type MakeEntry } from './catalogIndex';
import type { CallView, Decl, ImportTable, MemberWrite, SyntaxView, TypeSpec } from './types';

/** An instance of a catalogue type. */
export interface Inst {
  readonly k: 'inst';
  readonly type: TypeSpec;
  /** Members followed from the instance so far (`Chat`, `Completions`). */
  readonly path: readonly string[];
  /** Nodes whose keyed views configured it, newest first (its constructor call, builder calls, option calls). */
  readonly cfg: readonly Node[];
  /** The node holding its model, when the way it was made names one. */
  readonly model?: Node;
  /** The provider the way it was made fixes. */
  readonly provider?: Provider;
  /** The value it wraps: provider and model come from there when it has none of its own. */
  readonly wraps?: Val;
  /** `X.builder()…` before `.build()`: the type being built. */
  readonly building?: boolean;
}

export type Val =
  | Inst
  /** A namespace, package or class, by fully-qualified name. */
  | { readonly k: 'ns'; readonly fqn: string }
  /** An instance of one of the file's own classes (its fields are looked up). */
  | { readonly k: 'local'; readonly cls: string };

interface Scope {
  readonly node: Node;
  readonly kind: 'fn' | 'class' | 'file';
  readonly parent?: Scope;
  readonly names: Map<string, Decl[]>;
}

const MAX_DEPTH = 12;
/** A test double passed for a client: `mockClient.Object`, `fakeLlm`, `stubClient`. */
const MOCK = /(^|[^A-Za-z])(mock|fake|stub|dummy)|Mock|Fake|Stub/;

export class FileModel {
  readonly root: Node;
  readonly imports: ImportTable;
  private readonly scopes = new Map<number, Scope>();
  private readonly classScopes = new Map<string, Scope>();
  private readonly functions = new Map<string, Node[]>();
  private readonly writes = new Map<string, MemberWrite[]>();
  private readonly memo = new Map<number, Val | null>();
  private readonly busy = new Set<number>();
  private truncated = false;
  /** The keyed search (values.ts) over nodes, set by the caller so that this file does not import it. */
  keyed?: (nodes: readonly Node[], keys: readonly string[]) => Node | undefined;

  constructor(
    readonly view: SyntaxView,
    root: Node,
    readonly text: string,
    readonly index: CatalogueIndex,
  ) {
    this.root = root;
    this.imports = view.imports(root);
    this.collect();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Scopes and bindings
  // -------------------------------------------------------------------------------------------------------------

  private collect(): void {
    const assigns: { d: Decl; scope: Scope }[] = [];
    const file: Scope = { node: this.root, kind: 'file', names: new Map() };
    this.scopes.set(this.root.id, file);
    const stack: { node: Node; scope: Scope }[] = [{ node: this.root, scope: file }];
    while (stack.length) {
      const { node, scope } = stack.pop() as { node: Node; scope: Scope };
      if (this.view.isOpaque(node)) continue;
      let inner = scope;
      const kind = node === this.root ? undefined : this.view.scopeKind(node);
      if (kind) {
        inner = { node, kind, parent: scope, names: new Map() };
        this.scopes.set(node.id, inner);
        if (kind === 'class') {
          const name = this.view.className(node);
          if (name && !this.classScopes.has(name)) this.classScopes.set(name, inner);
        } else {
          const name = this.view.functionName(node);
          if (name) {
            const l = this.functions.get(name);
            if (l) l.push(node);
            else this.functions.set(name, [node]);
          }
        }
      }
      for (const d of this.view.declares(node)) {
        // A declaration names something in the scope around it (a function's own name, a class's), its
        // parameters are bound inside the function.
        const target = d.inClass ? this.classScopeAround(scope) ?? scope : d.kind === 'param' && kind === 'fn' ? inner : scope;
        if (d.assign && target.kind === 'fn') {
          assigns.push({ d, scope: target });
          continue;
        }
        addDecl(target, d);
      }
      const w = this.view.memberWrite?.(node);
      if (w) {
        const l = this.writes.get(w.object);
        if (l) l.push(w);
        else this.writes.set(w.object, [w]);
      }
      for (let i = node.namedChildCount - 1; i >= 0; i--) {
        const c = node.namedChild(i);
        if (c) stack.push({ node: c, scope: inner });
      }
    }
    // `x = …` with no local `x`: the variable of an outer function, the class's field or the file's variable (a
    // field set in a constructor without `this.`, a Go package variable set in `init()`).
    for (const { d, scope } of assigns) addDecl(this.outerOwner(d.name, scope), d);
  }

  private outerOwner(name: string, scope: Scope): Scope {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.kind === 'fn') {
        if (s.names.get(name)?.some((x) => !x.assign)) return s;
        continue;
      }
      // The first class or file scope: the class's field (a Go method's receiver struct), else any outer declaration.
      const cls = s.kind === 'class' ? s : this.classScopeAround(scope);
      if (cls?.names.has(name)) return cls;
      for (let o: Scope | undefined = s; o; o = o.parent) if (o.names.get(name)?.some((x) => !x.assign)) return o;
      return scope;
    }
    return scope;
  }

  private classScopeAround(scope: Scope): Scope | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.kind === 'class') return s;
      // A Go method belongs to its receiver's struct, declared elsewhere in the file.
      if (s.kind === 'fn') {
        const cls = this.view.classOf?.(s.node);
        const cs = cls ? this.classScopes.get(cls) : undefined;
        if (cs) return cs;
      }
    }
    return undefined;
  }

  /** The innermost scope around a node. */
  scopeAt(node: Node): Scope {
    for (let n: Node | null = node.parent; n; n = n.parent) {
      const s = this.scopes.get(n.id);
      if (s) return s;
    }
    return this.scopes.get(this.root.id) as Scope;
  }

  /** The binding of `name` visible at `use`: in the innermost scope that has one, the last before the use. */
  lookup(name: string, use: Node): Decl | undefined {
    for (let s: Scope | undefined = this.scopeAt(use); s; s = s.parent) {
      const hit = pick(s, name, use);
      if (hit) return hit;
      // Inside a Go method, the receiver struct's fields are not in scope by name (they need `r.x`); Java, C# and
      // Ruby fields are (`_client`, `@client`).
    }
    return undefined;
  }

  /** A field of the class around `use` (or of the named class): `this.x`, `@x`, `$this->x`. */
  field(name: string, use: Node, cls?: string): Decl | undefined {
    const scope = cls ? this.classScopes.get(cls) : this.classScopeAround(this.scopeAt(use));
    return scope ? pick(scope, name, use, true) : undefined;
  }

  /** The file's own class of that name has a field `name` (typed or assigned). */
  hasClass(cls: string): boolean {
    return this.classScopes.has(cls);
  }

  /** `x.prop = value` writes to a variable named `object`. */
  writesTo(object: string): readonly MemberWrite[] {
    return this.writes.get(object) ?? [];
  }

  /** Same-file functions and methods of that name. */
  functionsNamed(name: string): readonly Node[] {
    return this.functions.get(name) ?? [];
  }

  // -------------------------------------------------------------------------------------------------------------
  // Names
  // -------------------------------------------------------------------------------------------------------------

  /** The fully-qualified name a simple name stands for through the imports, or undefined. */
  qualify(name: string): string | undefined {
    const direct = this.imports.names.get(name);
    if (direct) return direct;
    const { known, bySimpleName } = this.index;
    const sep = this.view.sep;
    for (const w of this.imports.wildcards) {
      const fqn = `${w}${sep}${name}`;
      if (known.has(fqn)) return fqn;
    }
    if (known.has(name)) return name;
    // A catalogue class no import names (C# global usings, Java classes of the same package as the SDK's own
    // examples): only when it has one meaning and the file imports the namespace that declares that class. Another
    // namespace, even one of the same SDK (`using Microsoft.Extensions.AI;` for OllamaSharp's `Chat` or the Agent
    // Framework's `AIAgent`; `using Microsoft.Extensions.Logging;` for `IEmbeddingGenerator`), leaves a project's own
    // type of that name its own.
    const cands = this.view.lang === 'go' || this.view.lang === 'ruby' ? undefined : bySimpleName.get(name);
    if (cands?.length === 1 && /^[A-Z]/.test(name)) {
      const fqn = cands[0] as string;
      if (this.imports.modules.some((m) => within(fqn, m))) return fqn;
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Values
  // -------------------------------------------------------------------------------------------------------------

  /** What an expression is in catalogue terms, or undefined. Memoised per node; cycles and depth are bounded. */
  evalValue(node: Node, depth = 0): Val | undefined {
    const hit = this.memo.get(node.id);
    if (hit !== undefined) return hit ?? undefined;
    if (depth > MAX_DEPTH || this.busy.has(node.id)) {
      this.truncated = true;
      return undefined;
    }
    this.busy.add(node.id);
    const outer = this.truncated;
    this.truncated = false;
    let v: Val | undefined;
    try {
      v = this.evalInner(node, depth + 1);
    } finally {
      this.busy.delete(node.id);
    }
    // A result cut short by the depth bound or a cycle holds for this path only: it is not remembered.
    if (!this.truncated) this.memo.set(node.id, v ?? null);
    this.truncated = this.truncated || outer;
    return v;
  }

  private evalInner(node: Node, depth: number): Val | undefined {
    const e = this.view.expr(node);
    switch (e.k) {
      case 'wrap':
        return this.evalValue(e.inner, depth);
      case 'name':
        return this.evalName(e.name, node, depth);
      case 'scoped': {
        const only = e.parts.length === 1 ? this.lookup(e.parts[0] as string, node) : undefined;
        if (only) return this.evalDecl(only, depth);
        const fqn = this.qualifyParts(e.parts);
        return fqn ? this.nsOrStatic(fqn) : undefined;
      }
      case 'member':
        return this.evalMember(e.object, e.name, node, depth);
      case 'call':
        return this.evalCall(e.call, depth);
      case 'binary':
        return e.op === '??' || e.op === '||' || e.op === '?:' || e.op === 'or' ? this.evalValue(e.left, depth) ?? this.evalValue(e.right, depth) : undefined;
      case 'cond':
        return this.evalValue(e.then, depth) ?? this.evalValue(e.else, depth);
      case 'list':
        // `[]chains.Chain{first, second}`: a chain of chains runs the first one's model.
        return e.items[0] ? this.evalValue(e.items[0], depth) : undefined;
      case 'obj':
        // A Go struct literal: of a catalogue type (`&genai.Client{…}`), or of a file's own type (`&Svc{client: c}`).
        return e.typeNode ? this.evalType(e.typeNode) : undefined;
      default:
        return undefined;
    }
  }

  private qualifyParts(parts: readonly string[]): string | undefined {
    if (!parts.length) return undefined;
    const [first, ...rest] = parts as [string, ...string[]];
    const head = this.qualify(first) ?? first;
    return [head, ...rest].join(this.view.sep);
  }

  /** A class used statically as an instance (a facade), else the namespace itself. */
  private nsOrStatic(fqn: string): Val {
    const st = this.index.byStatic.get(fqn)?.[0];
    if (st) return { k: 'inst', type: st.type, path: [], cfg: [], ...(st.make.provider ? { provider: st.make.provider } : {}) };
    return { k: 'ns', fqn };
  }

  private evalName(name: string, node: Node, depth: number): Val | undefined {
    const d = this.lookup(name, node);
    if (d) return this.evalDecl(d, depth);
    const implicit = this.view.implicitField?.(name);
    const f = implicit ? this.field(implicit, node) : undefined;
    if (f) return this.evalDecl(f, depth);
    const fqn = this.qualify(name);
    if (fqn) return this.nsOrStatic(fqn);
    return undefined;
  }

  /** What a binding holds: its value, else its declared type. */
  evalDecl(d: Decl, depth: number): Val | undefined {
    if (d.kind === 'func' || d.kind === 'class') return undefined;
    const fromValue = d.value ? this.evalValue(d.value, depth) : undefined;
    if (fromValue) return fromValue;
    // `EmbeddingModel m = new AllMiniLmL6V2EmbeddingModel()`: a constructor the catalogue does not know makes
    // something else than the interface's catalogue meaning (an in-process model).
    if (d.value && this.isConstruction(d.value)) return undefined;
    if (d.kind === 'param' && (d.index !== undefined || d.keyword !== undefined)) {
      const passed = this.passedTo(d, depth);
      if (passed === 'mock') return undefined;
      if (passed) return passed;
    }
    return d.type ? this.evalType(d.type) : undefined;
  }

  /**
   * What the file's own calls of the parameter's function pass at its position (the first that evaluates), or
   * `mock` when every value passed is a test double (`mockClient.Object`, `fakeClient`).
   */
  private passedTo(d: Decl, depth: number): Val | 'mock' | undefined {
    let mocks = 0;
    let others = 0;
    for (const a of this.argsPassed(d)) {
      if (this.isMock(a)) {
        mocks++;
        continue;
      }
      const v = this.evalValue(a, depth);
      if (v?.k === 'inst') return v;
      others++;
    }
    return mocks && !others ? 'mock' : undefined;
  }

  /** The values the file's own calls of a parameter's function pass for it (by position, or by keyword: Ruby `model:`). */
  argsPassed(d: Decl): Node[] {
    if (d.kind !== 'param' || (d.index === undefined && d.keyword === undefined)) return [];
    const fn = this.scopeAt(d.at);
    if (fn.kind !== 'fn') return [];
    const name = this.view.functionName(fn.node);
    if (!name) return [];
    const out: Node[] = [];
    for (const c of this.callsNamed(name)) {
      const byName = d.keyword !== undefined ? c.args.find((x) => x.name === d.keyword) : undefined;
      const a = byName ?? (d.index !== undefined ? c.args.filter((x) => !x.name)[d.index] : undefined);
      if (a && !a.splat) out.push(a.value);
    }
    return out;
  }

  /** A test double: its text, or the value of the variable it names, says mock/fake/stub. */
  private isMock(n: Node): boolean {
    if (MOCK.test(n.text)) return true;
    const e = this.view.expr(n);
    const d = e.k === 'name' ? this.lookup(e.name, n) : undefined;
    return !!d?.value && MOCK.test(d.value.text);
  }

  private callIndex?: Map<string, CallView[]>;

  /** The file's calls of a function, method or constructor by name (`f(…)`, `x.f(…)`, `new F(…)`). */
  callsNamed(name: string): readonly CallView[] {
    if (!this.callIndex) {
      const idx = new Map<string, CallView[]>();
      const stack: Node[] = [this.root];
      while (stack.length) {
        const n = stack.pop() as Node;
        if (this.view.isOpaque(n)) continue;
        const c = this.view.call(n);
        if (c) {
          const l = idx.get(c.name);
          if (l) l.push(c);
          else idx.set(c.name, [c]);
        }
        for (let i = 0; i < n.namedChildCount; i++) {
          const ch = n.namedChild(i);
          if (ch) stack.push(ch);
        }
      }
      this.callIndex = idx;
    }
    return this.callIndex.get(name) ?? [];
  }

  /** The value is built in this file by a constructor or builder (directly or through one variable). */
  private builtLocally(n: Node): boolean {
    if (this.isConstruction(n)) return true;
    const e = this.view.expr(n);
    const d = e.k === 'name' ? this.lookup(e.name, n) : undefined;
    return !!d?.value && this.isConstruction(d.value);
  }

  private isConstruction(n: Node): boolean {
    const e = this.view.expr(n);
    if (e.k === 'wrap') return this.isConstruction(e.inner);
    return e.k === 'call' && (!!e.call.newType || e.call.name === 'new' || e.call.name === 'builder' || e.call.name === 'build');
  }

  /** The fully-qualified name of a type node (a bare or dotted name is qualified through the imports). */
  qualifiedType(typeNode: Node): string | undefined {
    const raw = this.view.typeName(typeNode, this.imports);
    if (!raw || this.hasClass(raw)) return raw;
    if (this.index.typeByName.has(raw) || this.index.byNew.has(raw)) return raw;
    const m = /^([^.\\:]+)((?:\.|::|\\)[\s\S]*)?$/.exec(raw);
    const head = m?.[1] ? this.qualify(m[1]) : undefined;
    return head ? `${head}${m?.[2] ?? ''}` : raw;
  }

  /** An instance of the type a type node names: a catalogue type, or one of the file's classes. */
  evalType(typeNode: Node): Val | undefined {
    const name = this.qualifiedType(typeNode);
    if (!name) return undefined;
    if (this.hasClass(name)) return { k: 'local', cls: name };
    const t = this.index.typeByName.get(name);
    return t ? { k: 'inst', type: t, path: [], cfg: [] } : undefined;
  }

  private evalMember(object: Node, name: string, node: Node, depth: number): Val | undefined {
    const ov = this.view.expr(object);
    if (ov.k === 'self') {
      const f = this.field(name, node);
      return f ? this.evalDecl(f, depth) : undefined;
    }
    const v = this.evalValue(object, depth);
    if (!v) return undefined;
    if (v.k === 'ns') return this.nsOrStatic(`${v.fqn}${memberSep(this.view.lang, v.fqn)}${name}`);
    if (v.k === 'local') {
      const f = this.field(name, node, v.cls);
      return f ? this.evalDecl(f, depth) : undefined;
    }
    return this.step(v, name, undefined);
  }

  private evalCall(call: CallView, depth: number): Val | undefined {
    if (call.newType) {
      const fqn = this.qualifiedType(call.newType);
      if (!fqn) return undefined;
      const made = this.make(this.index.byNew.get(fqn), call, undefined);
      if (made) return made;
      return this.hasClass(fqn) ? { k: 'local', cls: fqn } : undefined;
    }
    if (!call.receiver) return this.evalBareCall(call, depth);
    // A service resolved by type from a container: `sp.GetRequiredService<IChatClient>()`.
    if (call.typeArgs && /^(GetRequiredService|GetService|GetRequiredKeyedService|GetKeyedService|Resolve)$/.test(call.name)) {
      const t = this.view.expr(call.typeArgs).k === 'other' ? named0(call.typeArgs) : call.typeArgs;
      const v = t ? this.evalType(t) : undefined;
      if (v) return v;
    }
    const rv = this.view.expr(call.receiver).k === 'self' ? undefined : this.evalValue(call.receiver, depth);
    if (!rv) return this.make(this.index.byAnyReceiver.get(call.name), call, undefined);
    if (rv.k === 'ns') {
      const fqn = `${rv.fqn}.${call.name}`;
      const made = this.make(this.index.byFn.get(fqn), call, undefined);
      if (made) return made;
      // `X.builder()` starts a builder of X: every call until `.build()` configures it.
      const b = call.name === 'builder' || call.name === 'Builder' ? this.index.byBuilder.get(rv.fqn) : undefined;
      const started = b ? this.make(b, call, undefined) : undefined;
      if (started) return { ...started, building: true };
      if (this.index.identity.has(fqn) && call.args[0]) return this.evalValue(call.args[0].value, depth);
      return undefined;
    }
    if (rv.k === 'local') return undefined;
    return this.step(rv, call.name, call);
  }

  /** A bare call: a same-file factory function's return value, or a function the imports name. */
  private evalBareCall(call: CallView, depth: number): Val | undefined {
    const own = this.functionsNamed(call.name);
    for (const fn of own) {
      for (const r of this.view.returns(fn)) {
        const v = this.evalValue(r, depth);
        if (v) return v;
      }
    }
    const fqn = own.length ? undefined : this.qualify(call.name);
    return fqn ? this.make(this.index.byFn.get(fqn), call, undefined) : undefined;
  }

  /** Makes an instance from the first matching make entry (its model and configuration are this call's). */
  make(entries: readonly MakeEntry[] | undefined, call: CallView | undefined, receiver: Inst | undefined): Inst | undefined {
    const e = entries?.find((x) => x.make.withArg === undefined || (call && this.firstArgIs(call, x.make.withArg)));
    if (!e) return undefined;
    const m = e.make;
    const modelNode = m.model && call ? argAt(call, m.model.pos, m.model.keys) : undefined;
    const wrapped = m.wraps && call ? argAt(call, m.wraps.pos, m.wraps.keys) ?? (m.wraps.keys ? this.keyed?.(call.args.map((a) => a.value), m.wraps.keys) : undefined) : undefined;
    const wraps = wrapped ? this.evalValue(wrapped) : m.keepsReceiver ? receiver : undefined;
    // A wrapper over something the file builds that the catalogue does not know (an in-process model) runs no API.
    if (wrapped && !wraps && this.builtLocally(wrapped)) return undefined;
    const cfg = [...(call?.extra ? [call.extra] : []), ...(call ? [call.node] : []), ...(m.keepsReceiver && receiver ? receiver.cfg : [])];
    return {
      k: 'inst',
      type: e.type,
      path: [],
      cfg,
      ...(modelNode ? { model: modelNode } : {}),
      ...(m.provider ? { provider: m.provider } : m.keepsReceiver && receiver?.provider ? { provider: receiver.provider } : {}),
      ...(wraps ? { wraps } : {}),
    };
  }

  private firstArgIs(call: CallView, value: string): boolean {
    const a = call.args[0];
    const e = a ? this.view.expr(a.value) : undefined;
    return e?.k === 'str' && e.value === value;
  }

  /** One member or method step from an instance: a builder call, a passthrough, a sub-client, or a path prefix. */
  step(v: Inst, name: string, call: CallView | undefined): Val | undefined {
    if (v.building) {
      if (name === 'build' || name === 'Build') {
        const w = this.builtWraps(v);
        return w === 'local' ? undefined : { ...v, building: false, ...w };
      }
      return call ? { ...v, cfg: [call.node, ...v.cfg] } : undefined;
    }
    if (v.type.passthrough?.includes(name)) return call ? { ...v, cfg: [call.node, ...v.cfg] } : v;
    const path = [...v.path, name];
    const key = path.join(PATH_SEP);
    const from = this.index.byFrom.get(v.type.id)?.get(key);
    if (from) {
      const made = this.make(from, call, v);
      if (made) return made;
    }
    if (this.index.prefixes.get(v.type.id)?.has(key)) return { ...v, path };
    if (v.type.fluent && call && !v.path.length && !this.index.sitesOfType.get(v.type.id)?.some((s) => s.path?.[0] === name)) return { ...v, cfg: [call.node, ...v.cfg] };
    return undefined;
  }

  /** At `.build()`: the model a builder was given by one of its calls (`AiServices.builder(X.class).chatModel(m)`). */
  private builtWraps(v: Inst): { wraps?: Val } | 'local' {
    if (v.wraps) return {};
    const keys = this.index.sdkOfType.get(v.type.id) && v.type.make?.find((m) => m.builder && m.wraps?.keys)?.wraps?.keys;
    const n = keys ? this.keyed?.(v.cfg, keys) : undefined;
    const w = n ? this.evalValue(n) : undefined;
    if (n && !w && this.builtLocally(n)) return 'local';
    return w ? { wraps: w } : {};
  }
}

function named0(n: Node): Node | undefined {
  for (let i = 0; i < n.namedChildCount; i++) {
    const c = n.namedChild(i);
    if (c) return c;
  }
  return undefined;
}

function addDecl(s: Scope, d: Decl): void {
  const l = s.names.get(d.name);
  if (l) l.push(d);
  else s.names.set(d.name, [d]);
}

function pick(s: { names: Map<string, Decl[]> } & { kind: string }, name: string, use: Node, anyPosition = false): Decl | undefined {
  const decls = s.names.get(name);
  if (!decls?.length) return undefined;
  let best: Decl | undefined;
  for (const d of decls) {
    // A binding whose value contains the use (`x = x.with(…)`) is not the use's own value.
    // A block's parameter stands for what its call yields: its value (the call) contains the block.
    if (d.kind !== 'param' && d.value && d.value.startIndex <= use.startIndex && use.endIndex <= d.value.endIndex) continue;
    if (d.at.startIndex <= use.startIndex) best = d;
  }
  if (best) return best;
  // Fields, functions and file-level names may be declared below their use; a function's locals may not.
  if (anyPosition || s.kind !== 'fn') return decls.find((d) => !(d.value && d.value.startIndex <= use.startIndex && use.endIndex <= d.value.endIndex));
  return undefined;
}

/** The argument at a position, or the first whose name (a keyword, a named argument) is one of `keys`. */
export function argAt(call: CallView, pos: number | undefined, keys: readonly string[] | undefined): Node | undefined {
  if (keys) {
    for (const a of call.args) if (a.name && keys.includes(a.name)) return a.value;
  }
  if (pos !== undefined) {
    const positional = call.args.filter((a) => !a.name);
    return positional[pos]?.value;
  }
  return undefined;
}

/** `name` is the namespace `ns` or inside it (`OpenAI.Chat.ChatClient` in `OpenAI`; not `OpenAIX.Y`). */
function within(name: string, ns: string): boolean {
  return name === ns || (name.startsWith(ns) && /[.\\:/]/.test(name.charAt(ns.length)));
}

/** How a member joins a namespace: Ruby constants `::`, PHP namespaces `\`, everything else `.`. */
function memberSep(lang: string, fqn: string): string {
  if (lang === 'ruby') return '::';
  if (lang === 'php' && !fqn.includes('.')) return '\\';
  return '.';
}
