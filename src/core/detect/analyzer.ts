/**
 * The per-file analyser: finds candidate calls with a text anchor, then proves each one through the syntax tree
 * (imports, bindings, constructors, types) against the SDK catalogue. One instance per parsed document.
 *
 * This class holds the file (text, tree, options) and the per-file caches, and is the table of contents of the
 * analysis: each method below is one line into the file that implements its section (src/core/detect/analyzer/):
 *
 * | section | file | question it answers |
 * |---|---|---|
 * | site search | siteSearch.ts | which calls in the text could be sites (anchors, aliases)? |
 * | call resolution | calls.ts | is this call a site of the catalogue, and what are its parts? |
 * | clients | clients.ts | what is this expression: an SDK module, a client instance, a factory? |
 * | scopes | scopes.ts | which binding does this name refer to here? |
 * | imports | imports.ts | what does an import bind, and what is in the imported file? |
 * | arguments | arguments.ts | which node does a catalogue `ArgRef` name in this call? |
 * | strings | strings.ts | which string or number does this expression hold, and how do we know? |
 * | models | models.ts | which model does this site call? |
 * | prompts | prompts.ts | what are the parts of this call's prompt? |
 * | raw HTTP | rawHttp.ts | is this HTTP request an inference call, to which provider? |
 * | travel | travel.ts | which client does an untyped parameter receive at the calls of its function? |
 * | containers | containers.ts | which model did the file add to a pipeline or kernel before running it? |
 *
 * The section files call one another only through this class (`fa.evalValue(…)`, `fa` being the file's analyser),
 * never by importing each other's analysis functions, so the split has no import cycle; they import only data and
 * pure helpers (catalogIndex.ts, text.ts, the model-name helpers of models.ts and `providerOfUrl` of rawHttp.ts). A
 * method is here only when another section or another file's analyser (one import hop:
 * `foreign.analyzer.topLevel(…)`) calls it; the rest stay inside their file.
 */
import type { Node } from 'web-tree-sitter';
import type { CallParams, ModelResolution, PromptPart, Provider } from '../types';
import type { ArgRef, Member, ModuleSpec, NewSpec, SiteSpec, TypeSpec } from './catalog/types';
import type { Lang } from './syntax';
import * as argumentsSection from './analyzer/arguments';
import * as calls from './analyzer/calls';
import * as clients from './analyzer/clients';
import * as containers from './analyzer/containers';
import * as rawHttp from './analyzer/rawHttp';
import * as imports from './analyzer/imports';
import * as models from './analyzer/models';
import * as pageOrigin from './analyzer/pageOrigin';
import * as prompts from './analyzer/prompts';
import * as scopes from './analyzer/scopes';
import * as siteSearch from './analyzer/siteSearch';
import * as strings from './analyzer/strings';
import * as testDoubles from './analyzer/testDoubles';
import * as travel from './analyzer/travel';
import type { AnalyzerOptions, Binding, ForeignModule, ResolvedModel, SiteDraft, Value } from './analyzer/types';

export class FileAnalyzer {
  readonly path: string;
  readonly lang: Lang;
  readonly text: string;
  readonly root: Node;
  readonly opts: AnalyzerOptions;
  // Per-file caches, read and filled by the section files (their own state: nothing outside the analyser uses them).
  /** Bindings per scope node id (scopes.ts). */
  readonly scopeCache = new Map<number, Map<string, Binding[]>>();
  /** `self.x` / `this.x` bindings per class node id (scopes.ts). */
  readonly classAttrCache = new Map<number, Map<string, Binding[]>>();
  /** The class `self` / `this` stands for while a base class's method is evaluated for a subclass (clients.ts). */
  selfClass: Node | undefined;
  /** Current recursion depth of expression evaluation (clients.ts). */
  depth = 0;
  /** Steps the current top-level evaluation has taken, and whether one ran out of them (clients.ts `evalValue`). */
  evalSteps = 0;
  fileEvalSteps = 0;
  evalBudgetHit = false;
  /**
   * The names whose other bindings `lateBinding` is trying (scope node id and name): a binding that reads the name
   * again (`query = query.where(…)` nine times over) is not tried from inside, which would make the search exponential.
   */
  readonly lateBindingActive = new Set<string>();
  /** The containers `containerItem` is searching (their text), for the same reason (clients.ts). */
  readonly containerActive = new Set<string>();
  /** Ancestor chains per node id (scopes.ts). */
  readonly ancestorCache = new Map<number, readonly Node[]>();
  /** Whether `text =` is written anywhere, per dotted text, and where (clients.ts `dottedAssignment`). */
  readonly dottedTargets = new Map<string, boolean>();
  readonly dottedWrites = new Map<string, number[]>();
  /** A module's provider as switched by a configuration line in the file (clients.ts). */
  readonly moduleProviderCache = new Map<ModuleSpec, { provider: Provider | undefined }>();
  /**
   * What a parameter receives at its function's calls, per function, position and key (travel.ts; null: nothing;
   * `'pending'` while it is being computed: travel.ts counts the evaluations that read it, `pendingReads`).
   */
  readonly travelCache = new Map<string, Value | null | 'pending'>();
  /**
   * Functions whose return gave no value, per function node id, `selfClass` and evaluation depth
   * (`evalFunctionReturn`): evaluated again in the same state, they give nothing again.
   */
  readonly noReturnValue = new Set<string>();
  /** Values found inside a dict/object held in a variable (`**params`, `json=payload`): node id → variable name. */
  readonly viaVar = new Map<number, string>();

  constructor(opts: AnalyzerOptions) {
    this.opts = opts;
    this.path = opts.path;
    this.lang = opts.lang;
    this.text = opts.text;
    this.root = opts.tree.rootNode;
  }

  // ── Site search (analyzer/siteSearch.ts) ──

findSites(within?: { readonly start: number; readonly end: number }): SiteDraft[] {
    return siteSearch.findSites(this, within);
  }

  // ── Call resolution (analyzer/calls.ts) ──

  splitCallee(fn: Node): { root: Node; path: string[] } {
    return calls.splitCallee(fn);
  }

  analyzeCall(call: Node, nameNode: Node, ref?: Node): SiteDraft | undefined {
    return calls.analyzeCall(this, call, nameNode, ref);
  }

  callParams(km: Map<string, Node[]>, ctorKm: Map<string, Node[]> | undefined, spec: SiteSpec): CallParams {
    return calls.callParams(this, km, ctorKm, spec);
  }

  // ── Clients: what an expression is (analyzer/clients.ts) ──

  lookupMember(v: Value, path: readonly string[]): { member: Member; inst?: Value & { kind: 'inst' }; method: string } | undefined {
    return clients.lookupMember(this, v, path);
  }

  advance(v: Value | undefined, path: readonly string[]): { rv: Value | undefined; path: string[] } {
    const r = clients.advance(v, path);
    return { rv: r.rv, path: [...r.path] };
  }

  modelObjectOf(arg: Node): (Value & { kind: 'inst' }) | null | undefined {
    return models.modelObjectOf(this, arg);
  }
  addedModel(call: Node, spec: NewSpec): Value | undefined {
    return containers.addedModel(this, call, spec);
  }
  collectedModel(call: Node, collects: NonNullable<TypeSpec['collects']>, inst: Value & { kind: 'inst' }, spec: SiteSpec): { inst: Value & { kind: 'inst' }; spec: SiteSpec } | null {
    return containers.collectedModel(this, call, collects, inst, spec);
  }

  globalModelOf(target: NonNullable<TypeSpec['globalModel']>, call?: Node): (Value & { kind: 'inst' }) | null | undefined {
    return models.globalModelOf(this, target, call);
  }

  dottedAssignment(n: Node): Node | undefined {
    return clients.dottedAssignment(this, n);
  }

  /**
   * What a same-file function returns (clients.ts). A function found to return nothing is not evaluated again in the
   * same state (`noReturnValue`: the function, `selfClass` and the evaluation depth): without that, helpers that return
   * each other's results (semver.js: `gt` → `compare` → `new SemVer(…).compare`) were evaluated along every path up to
   * the depth limit, exponential in it; now each is evaluated at most once per depth. An answer that read a parameter
   * value still being computed (travel.ts `pendingReads`, in any file's analyser) is provisional and not kept.
   */
  evalFunctionReturn(fn: Node): Value | undefined {
    const key = `${fn.id}:${this.selfClass?.id ?? ''}:${this.depth}`;
    if (this.noReturnValue.has(key)) return undefined;
    const reads = travel.pendingReads();
    const v = clients.evalFunctionReturn(this, fn);
    if (v === undefined && travel.pendingReads() === reads) this.noReturnValue.add(key);
    return v;
  }

  evalTypeAnnotation(t: Node): Value | undefined {
    return clients.evalTypeAnnotation(this, t);
  }

  evalValue(node: Node): Value | undefined {
    return clients.evalValue(this, node);
  }

  evalBinding(b: Binding, use: Node): Value | undefined {
    return clients.evalBinding(this, b, use);
  }

  instantiate(v: Value): Value | undefined {
    return clients.instantiate(this, v);
  }

  importValue(b: Binding & { kind: 'import' }): Value | undefined {
    return clients.importValue(this, b);
  }

  // ── Test doubles (analyzer/testDoubles.ts) ──

  isTestDouble(n: Node): boolean {
    return testDoubles.isTestDouble(this, n);
  }

  testModelName(n: Node, module: string): boolean {
    return testDoubles.testModelName(this, n, module);
  }

  // ── Scopes and bindings (analyzer/scopes.ts) ──

  ancestors(n: Node): readonly Node[] {
    return scopes.ancestors(this, n);
  }

  topLevel(name: string): Binding | undefined {
    return scopes.topLevel(this, name);
  }

  lookup(name: string, use: Node): Binding | undefined {
    return scopes.lookup(this, name, use);
  }

  bindingsOf(scope: Node): Map<string, Binding[]> {
    return scopes.bindingsOf(this, scope);
  }

  lookupSelfAttr(name: string, use: Node): Binding | undefined {
    return scopes.lookupSelfAttr(this, name, use);
  }

  enclosingClass(use: Node): Node | undefined {
    return scopes.enclosingClass(this, use);
  }

  classAttrBindings(cls: Node, name: string): Binding[] {
    return scopes.classAttrBindings(this, cls, name);
  }

  baseClasses(cls: Node): Node[] {
    return scopes.baseClassNodes(cls);
  }

  localBaseClasses(cls: Node): Node[] {
    return scopes.localBaseClasses(this, cls);
  }

  isGetter(fn: Node): boolean {
    return scopes.isGetter(this, fn);
  }

  localClassOf(value: Node): Binding | undefined {
    return scopes.localClassOf(this, value);
  }

  // ── Clients that travel (analyzer/travel.ts) ──

  paramFromCalls(b: Binding & { kind: 'param' }): Value | undefined {
    return travel.paramFromCalls(this, b);
  }

  // ── Imports (analyzer/imports.ts) ──

  foreignFor(b: Binding & { kind: 'import' }): ForeignModule | undefined {
    return imports.foreignFor(this, b);
  }

  packageInWorkspace(top: string): boolean {
    return imports.packageInWorkspace(this, top);
  }

  addDestructure(pattern: Node, value: Node, at: Node, add: (b: Binding) => void): void {
    return imports.addDestructure(pattern, value, at, add, this.text);
  }

  addImports(c: Node, add: (b: Binding) => void): void {
    return imports.addImports(this, c, add);
  }

  // ── Arguments (analyzer/arguments.ts) ──

  getArg(call: Node, ref: ArgRef): Node | undefined {
    return argumentsSection.getArg(this, call, ref);
  }

  resolveObject(n: Node, hops = 0): Node | undefined {
    return argumentsSection.resolveObject(this, n, hops);
  }

  objectKey(obj: Node, keys: readonly string[], hops = 0): Node | undefined {
    return argumentsSection.objectKey(this, obj, keys, hops);
  }

  keyMap(call: Node): Map<string, Node[]> {
    return argumentsSection.keyMap(this, call);
  }

  deepKey(call: Node, keys: readonly string[]): Node | undefined {
    return argumentsSection.deepKey(this, call, keys);
  }

  deepObjectKey(obj: Node, key: string): Node | undefined {
    return argumentsSection.deepObjectKey(this, obj, key);
  }

  shownList(n: Node | undefined): boolean {
    return argumentsSection.shownList(this, n);
  }

  // ── Strings and constants (analyzer/strings.ts) ──

  constString(n: Node): string | undefined {
    return strings.constString(this, n);
  }

  resolveString(n: Node, depth = 0): { value: string | null; resolution: ModelResolution; candidates?: ResolvedModel[]; raw?: string } {
    return strings.resolveString(this, n, depth);
  }

  findClassConst(body: Node, name: string): Node | undefined {
    return strings.findClassConst(body, name);
  }

  resolveBindingString(b: Binding, use: Node, depth: number): { value: string | null; resolution: ModelResolution; candidates?: ResolvedModel[] } {
    return strings.resolveBindingString(this, b, use, depth);
  }

  earlierCell(def: Node, use: Node): number | undefined {
    return strings.earlierCell(this, def, use);
  }

  constNumber(n: Node, depth = 0): number | undefined {
    return strings.constNumber(this, n, depth);
  }

  // ── Models (analyzer/models.ts) ──

  resolveModel(call: Node, spec: SiteSpec, inst: (Value & { kind: 'inst' }) | undefined): ResolvedModel {
    return models.resolveModel(this, call, spec, inst);
  }

  modelFromNode(arg: Node, fromCtor = false): ResolvedModel {
    return models.modelFromNode(this, arg, fromCtor);
  }

  factoryModel(n: Node, hops = 0): { model: ResolvedModel; provider: Provider } | undefined {
    return models.factoryModel(this, n, hops);
  }

  // ── Prompts (analyzer/prompts.ts) ──

  promptParts(call: Node, spec: SiteSpec, km: Map<string, Node[]>, inst: (Value & { kind: 'inst' }) | undefined): PromptPart[] {
    return prompts.promptParts(this, call, spec, km, inst);
  }

  contentParts(n: Node, role: PromptPart['role'], depth = 0): PromptPart[] {
    return prompts.contentParts(this, n, role, depth);
  }

  stringInfo(n: Node, depth: number): Omit<PromptPart, 'role' | 'range'> {
    return prompts.stringInfo(this, n, depth);
  }

  // ── Raw HTTP (analyzer/rawHttp.ts) ──

  analyzeHttp(call: Node, nameNode: Node, root: Node, path: readonly string[]): SiteDraft | undefined {
    return rawHttp.analyzeHttp(this, call, nameNode, root, path);
  }

  /** The path of an expression of this file that is a URL on the page's own origin (a base another file imports). */
  pagePathOf(n: Node, depth: number): string | undefined {
    return pageOrigin.pagePath(this, n, depth);
  }

  /** A browser `fetch` of a URL on the page's own origin (analyzer/pageOrigin.ts). */
  isPageFetch(call: Node, urlNode: Node): boolean {
    return pageOrigin.isPageFetch(this, call, urlNode);
  }

  /** A browser WebSocket URL on the page's own origin (analyzer/pageOrigin.ts). */
  isPageSocket(urlNode: Node): boolean {
    return pageOrigin.pageSocketUrl(this, urlNode);
  }
}
