/**
 * Site search: the text anchors (every catalogue method name followed by `(`, fetch-like functions, LangChain's
 * `llm(…)`, imported aliases) and the walk from an anchor to the call it names. Each candidate call goes to call
 * resolution (./calls.ts). Also the whole-file patterns incremental re-analysis must watch.
 *
 * Functions of one `FileAnalyzer` (src/core/detect/analyzer.ts, passed as `fa`), which holds the file, its caches and
 * the routes between sections: a section calls another only through it (`fa.evalValue(…)`), never by importing
 * another section's analysis functions (docs/detection.md "Code map").
 */
import type { Node } from 'web-tree-sitter';
import { FALLBACKS, MODULES, TYPES } from '../catalog/sdks';
import { callee, isCall, isMember, JS_FETCH_ALT, JS_TYPE_ARGS } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { SiteDraft } from './types';
import { escapeRe } from './text';
import { memberKeys } from './catalogIndex';
import { fetchAliases, SOCKET_CONNECTS, transportWrapperNames } from './rawHttp';
// Everyday method names (`create`, `parse`, `embed` …) and the file texts that make them worth a look (derived).
import { GATED_NAMES, genericGate } from '../vocabulary';

/** Every method/function name that can end a site or produce a client: the anchor words of the text pre-pass. */
function anchorNames(): string[] {
  const names = new Set<string>(['fetch', 'post', 'request', 'urlopen', 'Request', 'axios', 'send', 'pipe', ...SOCKET_CONNECTS]);
  const addKey = (k: string): void => {
    const last = k.split('.').pop();
    if (last && last !== 'default') names.add(last);
  };
  for (const t of TYPES) for (const k of memberKeys(t)) addKey(k);
  for (const m of MODULES) for (const [k, v] of Object.entries(m.members)) if (v.kind === 'site') addKey(k);
  // A class whose construction is itself a request (LlamaIndex `VectorStoreIndex(nodes)`: a callable instance type).
  for (const m of MODULES) for (const [k, v] of Object.entries(m.members)) if (v.kind === 'instance' && TYPES.some((t) => t.id === v.type && t.callable)) addKey(k);
  return [...names];
}
/**
 * The anchor regex: any of those names followed by `(` (optional chaining allowed), or by TypeScript type arguments
 * (`generateText<TOOLS, OUTPUT>({ … })`).
 */
const ANCHOR_RE = new RegExp(`\\b(${anchorNames().sort((a, b) => b.length - a.length).join('|')})\\s*(?:\\?\\.)?${JS_TYPE_ARGS}\\(`, 'g');
/** Catalogue method names that end a member path (`…completions.create`), for method references passed to a wrapper. */
function memberSiteNames(): string[] {
  const names = new Set<string>();
  for (const t of TYPES) for (const [k, v] of Object.entries(t.members)) if (v.kind === 'site') names.add(k.split('.').pop() ?? '');
  names.delete('');
  return [...names];
}
/**
 * A method referenced, not called, as an argument: `asyncio.to_thread(client.models.generate_content, model=…)`,
 * `self.retryer(self.client.chat.completions.create, **kwargs)`, `sync_to_async(client.audio.translations.create)(…)`.
 */
const REF_RE = new RegExp(`\\.\\s*(${memberSiteNames().sort((a, b) => b.length - a.length).join('|')})\\b(?=\\s*[,)])`, 'g');

/**
 * Constructors of callable framework objects (a LangChain chain or model, a LlamaIndex query transform or program, a
 * DSPy predictor or retriever):
 * a variable they are assigned to is called like a function (`qa({"query": q})`, `llm_program()`), or the new object
 * is called at once (`StepDecomposeQueryTransform(llm=llm)(query_bundle)`). Derived from the catalogue.
 */
const CALLABLE_CTORS: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  for (const m of MODULES) {
    for (const [k, v] of Object.entries(m.members)) {
      // Also a request that returns one (DSPy `dspy.retrievers.Embeddings(…)` embeds its corpus, then embeds each query).
      const type = v.kind === 'new' ? v.spec.type : v.kind === 'site' ? v.site.returns : undefined;
      if (type !== undefined && TYPES.some((t) => t.id === type && t.callable)) out.add(k.split('.')[0] ?? k);
    }
  }
  // A method that returns the object it is given (`optimized = tp.compile(program, …)`: a DSPy optimizer).
  for (const t of TYPES) for (const [k, v] of Object.entries(t.members)) if (v.kind === 'new' && v.spec.inheritFrom) out.add(k.split('.').pop() ?? k);
  return out;
})();
/** `name = Ctor(…` / `self.name = build(…` at a line start: the variables that may hold a callable framework object. */
const CALLABLE_ASSIGN_RE = /^[ \t]*(?:self\.|this\.)?([A-Za-z_]\w*)\s*=\s*(?:await\s+)?((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\s*\(/gm;
/** `Ctor(…)(…)`: a callable framework object called as soon as it is built. */
const CALLED_AT_ONCE_RE = /(?<![\w$])([A-Z]\w*)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*\(/g;

/** `$fetch<T>(…)` (Nuxt/ofetch), `ofetch(…)`, `ky(…)`, `got(…)`: fetch-like functions, type arguments allowed. */
const JS_FETCH_RE = new RegExp(String.raw`(?<![\w$])(${JS_FETCH_ALT})\s*${JS_TYPE_ARGS}\(`, 'g');
/** A fetch factory called at once, `customFetch(requestOptions)(url, init)` (analyzeHttp checks the second call). */
const FETCH_FACTORY_RE = /(?<![\w$])([a-z][\w$]*[a-z]Fetch)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*\(/g;
/** LangChain's legacy direct call `llm("…")` on common variable names. */
const CALLABLE_RE = /\b(llm|chat|chat_model|model|lm|[a-z][a-z0-9]*_(?:llm|model))\s*\(/g;

/**
 * Every pattern the analyser tests against the whole file text (not against one call): a site's result can change
 * when one of these starts or stops matching anywhere in the file, so incremental re-analysis checks them. Built on the
 * first call (the gates' regexes are compiled when first needed).
 */
let wholeTextPatterns: readonly RegExp[] | undefined;
export function WHOLE_TEXT_PATTERNS(): readonly RegExp[] {
  wholeTextPatterns ??= [
    ...[...GATED_NAMES].map((n) => genericGate(n)).filter((r): r is RegExp => r !== undefined),
    ...MODULES.flatMap((m) => (m.providerByText ?? []).map((r) => r.pattern)),
    ...FALLBACKS.map((f) => f.fileToken),
  ];
  return wholeTextPatterns;
}

/**
 * Finds every site in the file, or only the sites whose called name starts inside `within` (UTF-16 offsets;
 * used by the detector to re-analyse just the edited statement).
 */
export function findSites(fa: FileAnalyzer, within?: { readonly start: number; readonly end: number }): SiteDraft[] {
  const out: SiteDraft[] = [];
  const seen = new Set<number>();
  const gate = new Map<string, boolean>();
  const from = within?.start ?? 0;
  const to = within?.end ?? Infinity;
  const visit = (re: RegExp): void => {
    re.lastIndex = from;
    for (let m = re.exec(fa.text); m; m = re.exec(fa.text)) {
      const name = m[1] ?? '';
      const start = m.index;
      if (start >= to) break;
      // Very common method names only count in files that mention the SDK family they belong to.
      const token = GATED_NAMES.has(name) ? genericGate(name) : undefined;
      if (token) {
        let ok = gate.get(name);
        if (ok === undefined) gate.set(name, (ok = gateOpen(fa, token)));
        if (!ok) continue;
      }
      const node = fa.root.descendantForIndex(start, start + name.length);
      const nodeType = node?.type;
      if (!node || (nodeType !== 'identifier' && nodeType !== 'property_identifier')) continue;
      if (node.text !== name) continue;
      const call = callOfName(fa, node);
      if (!call || seen.has(call.id)) continue;
      seen.add(call.id);
      try {
        const site = fa.analyzeCall(call, node);
        if (site) out.push(site);
      } catch {
        // A construct the resolver does not understand must not hide the other sites of the file.
      }
    }
  };
  visit(ANCHOR_RE);
  visit(CALLABLE_RE);
  if (!fa.opts.httpOnly) visitCallables(fa, from, to, seen, out, visit);
  if (fa.lang === 'js') visit(JS_FETCH_RE);
  // Calls of the file's own transport wrappers (`fetchChatResponse(url, body)` around `fetch(url, …)`).
  if (fa.lang === 'js') visit(FETCH_FACTORY_RE);
  const wrappers = fa.lang === 'js' ? [...transportWrapperNames(fa), ...fetchAliases(fa)] : [];
  if (wrappers.length) visit(new RegExp(`(?<![\\w$])(${wrappers.map(escapeRe).join('|')})\\s*(?:\\?\\.)?\\(`, 'g'));
  if (fa.opts.httpOnly) return out;
  // Imported names under another local name (`generateText as gen`, `from litellm import completion as llm_call`).
  const aliases: string[] = [];
  const named: string[] = [];
  for (const [name, list] of fa.bindingsOf(fa.root)) {
    for (const b of list) {
      const v = b.kind === 'import' && b.member !== undefined && b.member !== 'default' ? fa.importValue(b) : undefined;
      if (b.kind !== 'import' || !v) continue;
      if (b.member !== name) aliases.push(name);
      // Only a function that is itself a site (`completion`), never a class (`patch.object(VectorStoreIndex, "…")`).
      if (fa.lang === 'python' && v.kind === 'module' && fa.lookupMember(v, v.path)?.member.kind === 'site') named.push(name);
      break;
    }
  }
  visitRefs(fa, from, to, seen, out, named);
  // Renamed in a destructured `require`/dynamic `import` inside a function (`const { embed: aiEmbed } = await
  // import('ai')`): the candidate calls are found by name here, and resolved through the function's scope as usual.
  if (fa.lang === 'js') aliases.push(...destructuredAliases(fa.text));
  if (aliases.length) visit(new RegExp(`\\b(${[...new Set(aliases)].map(escapeRe).join('|')})\\s*${JS_TYPE_ARGS}\\(`, 'g'));
  return out;
}

/** Calls of callable framework objects (CALLABLE_CTORS): through the variable that holds one, or built and called at once. */
function visitCallables(fa: FileAnalyzer, from: number, to: number, seen: Set<number>, out: SiteDraft[], visit: (re: RegExp) => void): void {
  const names = new Set<string>();
  CALLABLE_ASSIGN_RE.lastIndex = 0;
  for (let m = CALLABLE_ASSIGN_RE.exec(fa.text); m; m = CALLABLE_ASSIGN_RE.exec(fa.text)) {
    if ((m[2] ?? '').split('.').some((part) => CALLABLE_CTORS.has(part))) names.add(m[1] ?? '');
  }
  names.delete('');
  if (names.size) visit(new RegExp(`\\b(${[...names].map(escapeRe).join('|')})\\s*\\(`, 'g'));
  CALLED_AT_ONCE_RE.lastIndex = from;
  for (let m = CALLED_AT_ONCE_RE.exec(fa.text); m; m = CALLED_AT_ONCE_RE.exec(fa.text)) {
    const name = m[1] ?? '';
    if (m.index >= to) break;
    if (!CALLABLE_CTORS.has(name)) continue;
    const node = fa.root.descendantForIndex(m.index, m.index + name.length);
    // `Ctor(…)(…)` or a module's `dspy.ChainOfThought(Sig)(question=…)`.
    if (!node || node.text !== name || (node.type !== 'identifier' && node.type !== 'property_identifier')) continue;
    const inner = callOfName(fa, node);
    const outer = inner ? fa.ancestors(inner)[0] : undefined;
    if (!inner || !outer || !isCall(outer) || callee(outer)?.id !== inner.id || seen.has(outer.id)) continue;
    seen.add(outer.id);
    try {
      const site = fa.analyzeCall(outer, node);
      if (site) out.push(site);
    } catch {
      // As for calls: one construct the resolver does not understand must not hide the others.
    }
  }
}

/** `{ a: b, c }` destructured from `require(…)` or `import(…)`: the renamed local names (`b`). */
const DESTRUCTURED_LOAD = /\{([^{}]*)\}\s*=\s*(?:await\s+)?(?:require|import)\s*\(/g;
function destructuredAliases(text: string): string[] {
  const out: string[] = [];
  if (!text.includes('import(') && !text.includes('require(')) return out;
  DESTRUCTURED_LOAD.lastIndex = 0;
  for (let m = DESTRUCTURED_LOAD.exec(text); m; m = DESTRUCTURED_LOAD.exec(text)) {
    for (const pair of (m[1] ?? '').split(',')) {
      const alias = /^\s*[\w$]+\s*:\s*([\w$]+)\s*$/.exec(pair)?.[1];
      if (alias) out.push(alias);
    }
  }
  return out;
}

/**
 * Method references handed to a wrapper that calls them. The wrapper must visibly call it with request arguments:
 * it passes keyword arguments or a `**kwargs` / object literal beside the reference, or the wrapper's result is
 * called (`sync_to_async(f)(…)`); `inspect.signature(client.chat.completions.create)` or `callable(f)` are not sites.
 */
function visitRefs(fa: FileAnalyzer, from: number, to: number, seen: Set<number>, out: SiteDraft[], imported: readonly string[]): void {
  const refs: RegExp[] = [REF_RE];
  // A site function imported by name and handed on bare (`partial(litellm_completion, model=…)` after `from litellm
  // import completion as litellm_completion`).
  if (imported.length) refs.push(new RegExp(`(?<![\\w.])(${imported.map(escapeRe).join('|')})\\b(?=\\s*[,)])`, 'g'));
  for (const re of refs) {
    re.lastIndex = from;
    for (let m = re.exec(fa.text); m; m = re.exec(fa.text)) {
      const name = m[1] ?? '';
      const start = m.index + m[0].length - name.length;
      if (start >= to) break;
      const node = fa.root.descendantForIndex(start, start + name.length);
      if (node && node.text === name && (node.type === 'identifier' || node.type === 'property_identifier')) visitRef(fa, node, re !== REF_RE, seen, out);
    }
  }
}

function visitRef(fa: FileAnalyzer, node: Node, bare: boolean, seen: Set<number>, out: SiteDraft[]): void {
  const name = node.text;
  const up = bare ? [node, ...fa.ancestors(node)] : fa.ancestors(node);
  const member = up[0];
  // A Python keyword argument that names the function to call (`openai_error_handler(func=self.model.apredict_messages,
  // messages=…)`) holds it too; one that configures an object (`embedding_function=emb.embed_query`, instructor's
  // `patch(create=client.messages.create)`) does not call it.
  const byKeyword = fa.lang === 'python' && up[1]?.type === 'keyword_argument' && up[1].childForFieldName('value')?.id === member?.id && CALLED_KEYWORDS.test(up[1].childForFieldName('name')?.text ?? '') && !REGISTERS.test(callee(up[3] ?? up[1])?.text ?? '');
  const [held, args, wrapper, outer] = byKeyword ? up.slice(1) : up;
  if (!member || !held || !(bare || (isMember(member) && (member.childForFieldName('attribute') ?? member.childForFieldName('property'))?.id === node.id))) return;
  if (args?.type !== 'argument_list' && args?.type !== 'arguments') return;
  if (!wrapper || !isCall(wrapper) || seen.has(member.id)) return;
  // `getattr(self.chat, 'model_name', None)`, `isinstance(self.llm, X)`: a built-in that reads the object, never calls it.
  if (fa.lang === 'python' && OBJECT_READERS.test(callee(wrapper)?.text ?? '')) return;
  // instructor's `from_litellm(completion, mode=…)` wraps the function into a client: the client's calls are the sites.
  if (/(?:^|\.)from_\w+$/.test(callee(wrapper)?.text ?? '')) return;
  const invoked = outer && isCall(outer) && callee(outer)?.id === wrapper.id ? outer : undefined;
  const list = args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const others = list.filter((c) => c.id !== held.id);
  const withRequest = others.some((c) => c.type === 'keyword_argument' || c.type === 'dictionary_splat' || c.type === 'object' || c.type === 'spread_element');
  // `anyio.to_thread.run_sync(agent.run, task)`: a runner called with the reference first and its arguments after it;
  // `loop.run_in_executor(None, client.embeddings.create, text)`: after the executor.
  const at = byKeyword ? -1 : list.findIndex((c) => c.id === member.id);
  const runner = (at === 0 || (at === 1 && fa.lang === 'python' && /(?:^|\.)run_in_executor$/.test(callee(wrapper)?.text ?? ''))) && list.length > at + 1;
  if (!invoked && !withRequest && !runner) return;
  const gate = bare ? undefined : GATED_NAMES.has(name) ? genericGate(name) : undefined;
  if (gate && !gateOpen(fa, gate)) return;
  seen.add(member.id);
  try {
    const site = fa.analyzeCall(invoked ?? wrapper, node, member);
    if (site) out.push(site);
  } catch {
    // As for calls: one construct the resolver does not understand must not hide the others.
  }
}

/** Whether an everyday name's gate passes the file's text or a neighbour's it imports (AnalyzerOptions.gateTexts). */
function gateOpen(fa: FileAnalyzer, gate: RegExp): boolean {
  return gate.test(fa.text) || (fa.opts.gateTexts?.some((t) => gate.test(t)) ?? false);
}

/** Keyword names a wrapper calls its argument by (`func=`, `fn=`, `target=`). */
const CALLED_KEYWORDS = /^(?:func|fn|function|method|callable|coro|target)$/;
/** Callees that register a function for later (`Tool(name=…, func=llm.batch)`, `StructuredTool.from_function(func=…)`). */
const REGISTERS = /(?:^|\.)(?:\w*Tool|tool|from_function|register\w*|partial|\w*Interface)$/;

/** Python built-ins (and `typing.cast`) that take an object or a method reference and never call it. */
const OBJECT_READERS = /^(getattr|setattr|hasattr|delattr|isinstance|issubclass|callable|id|type|print|str|repr|len|vars|dir|hash|super|(typing\.)?cast|inspect\.\w+)$/;

/** The call whose callee ends with this name node, if any. */
export function callOfName(fa: FileAnalyzer, nameNode: Node): Node | null {
  const [p, c] = fa.ancestors(nameNode);
  if (!p) return null;
  if (isMember(p)) {
    const prop = p.childForFieldName('attribute') ?? p.childForFieldName('property');
    if (!prop || prop.id !== nameNode.id) return null;
    if (c && isCall(c) && callee(c)?.id === p.id) return c;
    // `await agent.generate<T>(input)` reads as `(await agent.generate)<T>(input)` too.
    const outer = c?.type === 'await_expression' ? fa.ancestors(c)[0] : undefined;
    if (c && outer && isCall(outer) && callee(outer)?.id === c.id) return outer;
    return null;
  }
  if (isCall(p) && callee(p)?.id === nameNode.id) return p;
  // tree-sitter-typescript reads `await f<T>(x)` as `(await f)<T>(x)`.
  if (p.type === 'await_expression' && c && isCall(c) && callee(c)?.id === p.id) return c;
  return null;
}
