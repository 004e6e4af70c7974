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
import { callee, isCall, isMember } from '../syntax';
import type { FileAnalyzer } from '../analyzer';
import type { SiteDraft } from './types';
import { escapeRe } from './text';
import { memberKeys } from './catalogIndex';
// Everyday method names (`create`, `parse`, `embed` …) and the file texts that make them worth a look (derived).
import { GATED_NAMES, genericGate } from '../vocabulary';

/** Every method/function name that can end a site or produce a client: the anchor words of the text pre-pass. */
function anchorNames(): string[] {
  const names = new Set<string>(['fetch', 'post', 'request', 'urlopen', 'Request', 'axios', 'send', 'pipe']);
  const addKey = (k: string): void => {
    const last = k.split('.').pop();
    if (last && last !== 'default') names.add(last);
  };
  for (const t of TYPES) for (const k of memberKeys(t)) addKey(k);
  for (const m of MODULES) for (const [k, v] of Object.entries(m.members)) if (v.kind === 'site') addKey(k);
  return [...names];
}
/** The anchor regex: any of those names followed by `(` (optional chaining allowed). */
const ANCHOR_RE = new RegExp(`\\b(${anchorNames().sort((a, b) => b.length - a.length).join('|')})\\s*(?:\\?\\.)?\\(`, 'g');
/** `$fetch<T>(…)` (Nuxt/ofetch), `ofetch(…)`, `ky(…)`, `got(…)`: fetch-like functions, type arguments allowed. */
const JS_FETCH_RE = /(?<![\w$])(\$fetch|ofetch|fetch|ky|got)\s*(?:<[^()]*?>)?\s*\(/g;
/** LangChain's legacy direct call `llm("…")` on common variable names. */
const CALLABLE_RE = /\b(llm|chat|chat_model|model|lm)\s*\(/g;

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
        if (ok === undefined) gate.set(name, (ok = token.test(fa.text)));
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
  if (fa.lang === 'js') visit(JS_FETCH_RE);
  // Imported names under another local name (`generateText as gen`, `from litellm import completion as llm_call`).
  const aliases: string[] = [];
  if (fa.opts.httpOnly) return out;
  for (const [name, list] of fa.bindingsOf(fa.root)) {
    if (list.some((b) => b.kind === 'import' && b.member !== undefined && b.member !== name && b.member !== 'default' && fa.importValue(b))) aliases.push(name);
  }
  // Renamed in a destructured `require`/dynamic `import` inside a function (`const { embed: aiEmbed } = await
  // import('ai')`): the candidate calls are found by name here, and resolved through the function's scope as usual.
  if (fa.lang === 'js') aliases.push(...destructuredAliases(fa.text));
  if (aliases.length) visit(new RegExp(`\\b(${[...new Set(aliases)].map(escapeRe).join('|')})\\s*\\(`, 'g'));
  return out;
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

/** The call whose callee ends with this name node, if any. */
export function callOfName(fa: FileAnalyzer, nameNode: Node): Node | null {
  const [p, c] = fa.ancestors(nameNode);
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
