/**
 * The words detection looks for before it parses, derived from the SDK catalogue (issue 25: adding an SDK is data only).
 *
 * - {@link PREFILTER}: a file none of these texts appear in holds no site and is never read further. Every way a site
 *   can exist leaves one of them in the file: the import of a catalogue module (its {@link moduleToken}), a call of a
 *   catalogue method whose receiver comes from a neighbour file (the method path's {@link witnessOf} segment), or a
 *   raw HTTP call (an endpoint's last path segment, `HTTP_ENDPOINTS` words).
 * - {@link genericGate}: a method name in {@link EVERYDAY_NAMES} (`create`, `parse`, `embed`, `run` …) is only
 *   looked at in a file that holds a witness of some catalogue method ending with that name — another segment of its
 *   path (`completions` for `chat.completions.create`), or, when every segment is an everyday name (`embed`,
 *   `complete`, `train`), the token of a module whose client has it (`ollama`, `cohere`, `voyageai` …) or a call of a
 *   distinctive method of the same type (a crew's `.kickoff(`).
 *
 * Everything here is computed once from sdks.ts and params.ts; the only hand-written lists are English: the everyday
 * method names and the generic module-path components (`google`, `cloud`, `client` …) that never identify an SDK.
 */
import { HTTP_ENDPOINTS, MODEL_BODY_WORD } from './catalog/params';
import { FALLBACKS, JS_PACKAGE_ALIASES, MODULES, TYPES } from './catalog/sdks';
import type { Member, ModuleSpec } from './catalog/types';
import { memberKeys, memberOf, TYPE_BY_ID } from './analyzer/catalogIndex';

/**
 * Method names so common in any code that, alone, they are no evidence of an SDK call (list `append`, ORM `create`,
 * `JSON.parse`, `subprocess.run` …). A catalogue method ending with one is found through another segment of its path.
 */
export const EVERYDAY_NAMES: ReadonlySet<string> = new Set([
  'call', 'run', 'arun', 'bind', 'pipe', 'copy', 'predict', 'apredict', 'parse', 'send', 'complete', 'embed', 'create', 'append',
  'start', 'restart', 'process', 'classify', 'convert', 'accept', 'extend', 'edit', 'remix', 'connect', 'summarize', 'generate',
  'with_options', 'withOptions', 'post', 'request', 'test', 'train', 'replay', 'evaluate', 'forward', 'step', 'sample',
  // Text splitters' methods (LangChain's SemanticChunker embeds), also the DOM's `splitText` / `createDocument`.
  'split_text', 'create_documents', 'split_documents', 'transform_documents', 'atransform_documents',
  // agno's knowledge `insert` (also every collection's and tree's; MongoDB's `insert_many`).
  'insert', 'ainsert', 'insert_many', 'ainsert_many',
]);

/** Module-path components that name no SDK by themselves (`google.genai` is recognised by `genai`). */
const GENERIC_MODULE_PARTS: ReadonlySet<string> = new Set([
  'google', 'cloud', 'azure', 'ai', 'client', 'clients', 'session', 'aio', 'async_client', 'chat_models', 'llms', 'llm', 'embeddings',
  'base', 'language_models', 'generative_models', 'vision_models', 'preview', 'chains', 'wrappers', 'types', 'sdk', 'core', 'lib',
]);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The component of a Python module name that every import of it writes and that names it (not `google`, `ai` …). */
export function pythonModuleWord(name: string): string {
  const parts = name.split('.');
  return parts.find((p) => !GENERIC_MODULE_PARTS.has(p)) ?? parts[parts.length - 1] ?? name;
}

/** What an import statement writes before a module name (a module token of a name projects give their own modules too). */
const IMPORT_STATEMENT = '(?:from|import)[ \\t]+';
/** A character that stands before a short package name in a specifier, or before an endpoint's path segment in a URL. */
const SPECIFIER_EDGE = '[/:\'"`]';
/** Regex fragments that start alike are merged behind their common start: one alternative tried per position, not one per fragment. */
const SHARED_STARTS: readonly string[] = [IMPORT_STATEMENT, SPECIFIER_EDGE];

/** A module token: a literal word, or a regex fragment when the name needs context. */
export type ModuleToken = { readonly kind: 'word'; readonly word: string } | { readonly kind: 'pattern'; readonly pattern: string };

/**
 * A text every import of the module contains. Python: one component of the dotted name (each is written whichever
 * import form is used: `from google import genai`, `import google.genai`), the first that is not generic. JS: the
 * package name (a CDN URL, `npm:` prefix, version or sub-path keeps it whole); a name of under four letters only
 * between the characters a specifier puts around it (`'ai'`, `npm:ai@4`, `ai/rsc`).
 */
export function moduleToken(m: Pick<ModuleSpec, 'lang' | 'name' | 'workspaceFirst' | 'importToken'>): ModuleToken {
  // A name projects give their own modules too (`agents`), or a common word (`camel`): the import statement.
  if (m.lang === 'python' && (m.workspaceFirst || m.importToken)) return { kind: 'pattern', pattern: `${IMPORT_STATEMENT}${escapeRe(m.name.split('.')[0] ?? m.name)}` };
  if (m.lang === 'python') return { kind: 'word', word: pythonModuleWord(m.name) };
  const pkg = m.name.startsWith('@') ? m.name.split('/').slice(0, 2).join('/') : m.name.split('/')[0] ?? m.name;
  // A short name, or a common word (`replicate`): only as a quoted specifier.
  return pkg.length < 4 || m.importToken ? { kind: 'pattern', pattern: `${SPECIFIER_EDGE}${escapeRe(pkg)}['"\`/@]` } : { kind: 'word', word: pkg };
}

function addToken(set: WitnessSet, t: ModuleToken): void {
  if (t.kind === 'word') set.addWord(t.word);
  else set.addPattern(t.pattern);
}

/** A compound identifier (`generate_content`, `sendMessage`, `toolRunner`): distinctive by itself. */
const COMPOUND = /_|[a-z][A-Z]/;
/** Blanks a one-line member chain may have around its dots (ripgrep matches line by line: no newline here). */
const SP = '[ \\t]*';

/**
 * What a call of this method path writes that marks it: a compound method name alone (`generate_content`), a one-word
 * name called (`.chat(`, `.invoke(`), or a one-word name after its resource (`messages` … `create`). Undefined for a
 * one-segment everyday name (`embed`, `complete`): such a method needs its module's import in the file.
 */
export type Witness =
  | { readonly kind: 'word'; readonly word: string }
  | { readonly kind: 'call'; readonly name: string }
  | { readonly kind: 'after'; readonly resource: string; readonly name: string };

export function witnessOf(key: string): Witness | undefined {
  const segs = key.split('.');
  const anchor = segs[segs.length - 1] ?? '';
  if (COMPOUND.test(anchor) && !isEveryday(anchor)) return { kind: 'word', word: anchor };
  if (segs.length === 1) return isEveryday(anchor) ? undefined : { kind: 'call', name: anchor };
  return { kind: 'after', resource: segs[segs.length - 2] ?? '', name: anchor };
}

/** An everyday method name, or one of one or two letters (Deepgram's `listen.prerecorded.v("1")`). */
export function isEveryday(name: string): boolean {
  return EVERYDAY_NAMES.has(name) || name.length <= 2;
}

/**
 * A word as trie steps: its letters lower-cased, with an optional `_` where the word has one or a camelCase hump, so
 * one entry matches both spellings an SDK method has (`generateContent`, `generate_content`).
 */
function steps(word: string): string[] {
  const out: string[] = [];
  const upper = (c: number): boolean => c >= 65 && c <= 90;
  const lowerOrDigit = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const c = word[i] ?? '';
    if (c === '_') out.push('_?');
    else if (upper(code) && i > 0 && lowerOrDigit(word.charCodeAt(i - 1))) out.push('_?', c.toLowerCase());
    else out.push(/[a-z0-9]/i.test(c) ? c.toLowerCase() : escapeRe(c));
  }
  return out;
}

const byText = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A set of literal words as one case-insensitive alternation shaped as a trie (`g(?:enai|roq)`): the regex engines
 * test one branch per first letter instead of every word at every position. `whole`: something follows in the pattern,
 * so a word that another word starts with is kept as an option (`run(?:s)?`); otherwise the shorter one alone suffices
 * (a superset test needs only the shortest match).
 */
export function trieAlternation(words: Iterable<string>, whole = false): string {
  interface Node { end: boolean; kids: Map<string, Node> }
  const root: Node = { end: false, kids: new Map() };
  for (const w of words) {
    let n = root;
    for (const step of steps(w)) {
      let k = n.kids.get(step);
      if (!k) n.kids.set(step, (k = { end: false, kids: new Map() }));
      n = k;
    }
    n.end = true;
  }
  const emit = (n: Node): string => {
    if (n.end && (!whole || n.kids.size === 0)) return '';
    const alts = [...n.kids].sort(byText).map(([step, k]) => `${step}${emit(k)}`);
    const body = alts.length === 1 && !n.end ? alts[0] ?? '' : `(?:${alts.join('|')})`;
    return n.end ? `${body}?` : body;
  };
  return root.kids.size ? emit(root) : '(?!)';
}

/**
 * Witnesses and module tokens, as one regex source. `gap`: what may surround a dot (one-line blanks for the prefilter,
 * which ripgrep runs line by line; any blank for the gates).
 *
 * `exact` (the gates): each resource keeps its own names and optional segments (`messages(?:.beta)*.(?:create|parse)\b`).
 * Otherwise (the prefilter, run over every file of a scan) a superset shaped for speed: module tokens as one trie, and
 * every method witness behind the member dot it is written after (`.generate_content`, `.chat(`, `.messages.create`),
 * so the engines enter that part only at a `.`, not at every letter; a resource may be followed by any name or
 * optional segment, and nothing needs a word boundary (ripgrep's Unicode `\b` leaves its fast engines).
 */
class WitnessSet {
  /** Module tokens and other literal words. */
  private readonly words = new Set<string>();
  /** Compound method names (`generate_content`). */
  private readonly compounds = new Set<string>();
  /** One-word method names, written called (`.chat(`). */
  private readonly calls = new Set<string>();
  /** Already regex fragments: module tokens with context, HTTP path segments, raw patterns. */
  private readonly patterns = new Set<string>();
  private readonly after = new Map<string, { opts: Set<string>; names: Set<string> }>();
  constructor(private readonly gap: string, private readonly exact: boolean) {}
  add(w: Witness | undefined, optional: readonly string[] = []): void {
    if (!w) return;
    if (w.kind === 'word') this.compounds.add(w.word);
    else if (w.kind === 'call') this.calls.add(w.name);
    else {
      let e = this.after.get(w.resource);
      if (!e) this.after.set(w.resource, (e = { opts: new Set(), names: new Set() }));
      for (const o of optional) e.opts.add(o);
      e.names.add(w.name);
    }
  }
  /** A literal word (a Python module component, a package name). */
  addWord(word: string): void {
    this.words.add(word);
  }
  /** A regex fragment. */
  addPattern(fragment: string): void {
    this.patterns.add(fragment);
  }
  source(): string {
    const g = this.gap;
    const dot = `${g}\\.${g}`;
    // A module token that contains another adds nothing to a test for either (`@langchain/openai` and `openai`).
    // (Method names are left whole: the trie merges their common prefixes, and a containment scan over them all costs
    // more at load time than it saves.)
    const lean = (set: Set<string>): string[] => {
      const all = [...set].sort((a, b) => a.length - b.length);
      return all.filter((w, i) => !all.slice(0, i).some((u) => u.length < w.length && w.includes(u)));
    };
    const out: string[] = [];
    const words = lean(this.words);
    if (words.length) out.push(trieAlternation(words));
    out.push(...mergeStarts([...this.patterns].sort()));
    if (this.exact) {
      if (this.compounds.size) out.push(trieAlternation(this.compounds));
      if (this.calls.size) out.push(`\\.${g}${trieAlternation(this.calls, true)}${g}\\(`);
      for (const [resource, { opts, names }] of [...this.after].sort(byText)) {
        const skip = opts.size ? `(?:${dot}${trieAlternation(opts, true)})*` : '';
        out.push(`${escapeRe(resource)}${skip}${dot}${trieAlternation(names, true)}\\b`);
      }
      return out.join('|');
    }
    const member: string[] = [];
    if (this.compounds.size) member.push(trieAlternation(this.compounds));
    if (this.calls.size) member.push(`${trieAlternation(this.calls, true)}${g}\\(`);
    if (this.after.size) {
      const all = [...this.after.values()];
      member.push(`${trieAlternation(this.after.keys(), true)}${dot}${trieAlternation(new Set(all.flatMap((e) => [...e.names, ...e.opts])))}`);
    }
    if (member.length) out.push(`\\.${g}(?:${member.join('|')})`);
    return out.join('|');
  }
}

/** `S(?:a|b)` for fragments `Sa` and `Sb` that start with one of {@link SHARED_STARTS}; the others as they are. */
function mergeStarts(fragments: readonly string[]): string[] {
  const out: string[] = [];
  const rests = new Map<string, string[]>();
  for (const f of fragments) {
    const start = SHARED_STARTS.find((s) => f.startsWith(s) && f.length > s.length);
    if (!start) out.push(f);
    else rests.set(start, [...(rests.get(start) ?? []), f.slice(start.length)]);
  }
  for (const [start, rest] of rests) out.push(rest.length === 1 ? `${start}${rest[0]}` : `${start}(?:${rest.join('|')})`);
  return out;
}

/** The catalogue types a value of this module can become (through constructors, chats, sessions, factories). */
function typesReachedFrom(m: ModuleSpec): Set<string> {
  const out = new Set<string>();
  const visit = (id: string | undefined): void => {
    if (!id || out.has(id) || id === 'none') return;
    out.add(id);
    const t = TYPE_BY_ID.get(id);
    for (const k of t ? memberKeys(t) : []) {
      const member = t ? memberOf(t, k) : undefined;
      if (member) visitMember(member);
    }
  };
  const visitMember = (member: Member): void => {
    if (member.kind === 'new') {
      visit(member.spec.type);
      for (const v of Object.values(member.spec.typeByArg?.map ?? {})) visit(v);
    } else if (member.kind === 'instance') visit(member.type);
  };
  visit(m.asType);
  for (const member of Object.values(m.members)) visitMember(member);
  if (m.callable) visitMember(m.callable);
  return out;
}

/** Per type id, the tokens of the modules whose values can be of that type. */
const TOKENS_BY_TYPE = new Map<string, Set<ModuleToken>>();
for (const m of MODULES) {
  const token = moduleToken(m);
  for (const id of typesReachedFrom(m)) {
    let set = TOKENS_BY_TYPE.get(id);
    if (!set) TOKENS_BY_TYPE.set(id, (set = new Set()));
    set.add(token);
  }
}

/**
 * Distinctive (compound) methods of catalogue types that return an object whose site methods are everyday names, with
 * that object's type: Mastra's `getAgent` gives an agent whose `generate` is a request. A file that calls one holds a
 * site however the receiver reached it (`import { mastra } from './mastra'`).
 */
function factoryWitnesses(): { witness: Witness; type: string }[] {
  const out: { witness: Witness; type: string }[] = [];
  for (const t of TYPES) {
    for (const k of memberKeys(t)) {
      const member = memberOf(t, k);
      const target = member?.kind === 'new' ? TYPE_BY_ID.get(member.spec.type) : undefined;
      const anchor = k.split('.').pop() ?? '';
      if (!target || target.id === t.id || !COMPOUND.test(anchor) || isEveryday(anchor)) continue;
      const everydaySites = [...memberKeys(target)].some((s) => memberOf(target, s)?.kind === 'site' && witnessOf(s) === undefined);
      const witness = witnessOf(k);
      if (everydaySites && witness) out.push({ witness, type: target.id });
    }
  }
  return out;
}

/**
 * An endpoint's last path segment as a URL literal holds it: after `/`, `:` or the literal's opening quote (the
 * evidence test's `HTTP_WORD_RE` without its look-ahead, which ripgrep does not support: a superset).
 */
function httpPattern(): string {
  return `${SPECIFIER_EDGE}${trieAlternation(HTTP_ENDPOINTS.flatMap((e) => e.words))}`;
}

/**
 * Fallbacks found by their receiver's written name whose method is an everyday one (crewAI's `MyCrew().crew().train(`):
 * per method name, the receivers and the call as a regex fragment (`gap`: the blanks allowed around the dot).
 */
function receiverCalls(gap: string): Map<string, string> {
  const byReceiver = new Map<string, string[]>();
  for (const f of FALLBACKS) {
    const literal = f.receiver && /^\^((?:[\w]|\\\(|\\\))+)\$$/.exec(f.receiver.source)?.[1];
    if (literal && !f.path.includes('.') && isEveryday(f.path)) byReceiver.set(literal, [...(byReceiver.get(literal) ?? []), f.path]);
  }
  const out = new Map<string, string>();
  for (const [literal, names] of byReceiver) for (const name of names) out.set(name, `${literal}${gap}\\.${gap}${trieAlternation(names, true)}${gap}\\(`);
  return out;
}

function prefilterSource(): string {
  const w = new WitnessSet(SP, false);
  for (const m of [...MODULES, ...Object.keys(JS_PACKAGE_ALIASES).map((name) => ({ lang: 'js' as const, name }))]) {
    const token = moduleToken(m);
    if (token.kind === 'word') w.addWord(token.word);
    else w.addPattern(token.pattern);
  }
  // A client can come from a neighbour file: each site of a client type leaves its witness in the calling file. (A
  // module-level site, `openai.ChatCompletion.create` or `litellm.completion`, needs the module's import in the file.)
  for (const t of TYPES) for (const k of memberKeys(t)) if (memberOf(t, k)?.kind === 'site') w.add(witnessOf(k), t.optionalSegments);
  // …and a distinctive method that returns an object whose sites are everyday names (`mastra.getAgent('x').generate(…)`).
  for (const { witness } of factoryWitnesses()) w.add(witness);
  for (const p of new Set(receiverCalls(SP).values())) w.addPattern(p);
  w.addPattern(httpPattern());
  for (const h of new Set(HTTP_ENDPOINTS.flatMap((e) => e.hostWords ?? []))) w.addPattern(escapeRe(h));
  return w.source();
}

/**
 * The cheap text pre-filter: a file none of these texts appear in cannot contain a site and is never parsed.
 * Case-insensitive; written in the common subset of JavaScript and Rust regex syntax (no look-around: ripgrep runs it
 * too, src/cli/rgPrefilter.ts, and must match at least what it matches).
 */
export const PREFILTER: RegExp = new RegExp(prefilterSource(), 'i');

/**
 * The model-shaped request bodies (`MODEL_BODY_WORD`) a raw HTTP call to a URL the code does not show sends: not in
 * {@link PREFILTER} (a file that holds only such a body needs its own evidence, `bodyHttpEvidence`, not a
 * neighbour's), but in the scanner's pre-filter (detector.ts), which must let every such file through.
 */
export const BODY_PREFILTER: RegExp = new RegExp(MODEL_BODY_WORD, 'i');

/** Raw HTTP call names of the anchor pass: worth a look only where a URL, a base URL or a model-shaped body is written. */
// (An Azure OpenAI deployment path says so too: its body has no model, the deployment is in the URL.)
// `websockets.connect(url)`: a realtime session's URL (`wss://…/v1/realtime?model=…`) is written in the file.
const HTTP_ANCHOR_GATES: Readonly<Record<string, readonly string[]>> = {
  request: ['https?:', 'base_?url', 'openai/deployments/', MODEL_BODY_WORD], post: ['https?:', 'base_?url', 'openai/deployments/', MODEL_BODY_WORD],
  connect: ['wss?:', '/realtime'],
};

/** For each everyday method name, the texts that make it worth a look (see the module comment). */
function genericAnchors(): Map<string, WitnessSet> {
  const gates = new Map<string, WitnessSet>();
  const gate = (anchor: string): WitnessSet => {
    let g = gates.get(anchor);
    // Gates are JS-only (never ripgrep): a member chain may break across lines there.
    if (!g) gates.set(anchor, (g = new WitnessSet('\\s*', true)));
    return g;
  };
  for (const t of TYPES) {
    for (const k of memberKeys(t)) {
      const anchor = k.split('.').pop() ?? '';
      if (!isEveryday(anchor)) continue;
      const w = witnessOf(k);
      if (w) gate(anchor).add(w, t.optionalSegments);
      else {
        for (const token of TOKENS_BY_TYPE.get(t.id) ?? []) addToken(gate(anchor), token);
        // Or a call of a distinctive method of the same type: a crew's `.train(` beside its `.kickoff(` (crewAI's
        // project template), its module imported in a neighbour file.
        for (const sibling of memberKeys(t)) {
          const sw = memberOf(t, sibling)?.kind === 'site' && !sibling.includes('.') ? witnessOf(sibling) : undefined;
          if (sw) gate(anchor).add(sw);
        }
      }
    }
  }
  for (const m of MODULES) {
    for (const [k, member] of Object.entries(m.members)) {
      const anchor = k.split('.').pop() ?? '';
      if (member.kind !== 'site' || !isEveryday(anchor)) continue;
      const w = witnessOf(k);
      if (w) gate(anchor).add(w);
      else addToken(gate(anchor), moduleToken(m));
    }
  }
  // A factory's call opens the gate of the everyday sites of what it returns (`getAgent(…)` … `.generate(`).
  for (const { witness, type } of factoryWitnesses()) {
    const t = TYPE_BY_ID.get(type);
    for (const k of t ? memberKeys(t) : []) if (t && memberOf(t, k)?.kind === 'site' && witnessOf(k) === undefined) gate(k.split('.').pop() ?? '').add(witness);
  }
  for (const [name, p] of receiverCalls('\\s*')) gate(name).addPattern(p);
  for (const [anchor, tokens] of Object.entries(HTTP_ANCHOR_GATES)) for (const t of tokens) gate(anchor).addPattern(t);
  return gates;
}

/** The gates' witness sets, collected at load; each gate's regex is built the first time it is asked for. */
const GATES = genericAnchors();
const GATE_RES = new Map<string, RegExp>();

/** Everyday method names that have a gate. */
export const GATED_NAMES: ReadonlySet<string> = new Set(GATES.keys());

/** The file texts that make a call of this everyday method name worth resolving; undefined for other names. */
export function genericGate(name: string): RegExp | undefined {
  let re = GATE_RES.get(name);
  if (!re) {
    const g = GATES.get(name);
    if (!g) return undefined;
    GATE_RES.set(name, (re = new RegExp(g.source(), 'i')));
  }
  return re;
}
