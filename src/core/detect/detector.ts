/**
 * Detection entry point: text checks and pre-filter, notebook/Vue/Svelte extraction, (incremental) parsing,
 * one-hop workspace imports, and conversion of the analyser's drafts into {@link CallSite}s.
 */
import type { CancellationToken } from '../cancellation';
import type { FileProvider, FileStat } from '../fileProvider';
import type { Logger } from '../logger';
import { DEFAULT_MAX_FILE_BYTES, languageOfPath, readLimitFor, type SupportedLanguage } from '../excludes';
import { lastAtOrBefore } from '../lineIndex';
import type { CallSite, DetectResult, Diagnostic, LoopContext } from '../types';
import type { Parser, Tree } from 'web-tree-sitter';
import { FileAnalyzer } from './analyzer';
import { foreignKey, importsOf, shadowsPackage } from './workspaceImports';
import { WHOLE_TEXT_PATTERNS } from './analyzer/siteSearch';
import type { ForeignModule, SiteDraft } from './analyzer/types';
import { bodyHttpEvidence, catalogueEvidence, hasHttpCall, hasModuleImport, httpEvidence, neighbourAnswers, neighbourEnables, neighbourEvidenceOf, type NeighbourEvidence } from './evidence';
import { commentFlags, enclosingFunctionName, loopsOf } from './context';
import { getParser, parseCached, parseDeltaOf, releaseTree, type GrammarName, type ParseDelta } from './parser';
import { cellIndexOfRow, normaliseLineEnds, prepare, type Prepared } from './prepare';
import { callArgs, toRange, unwrap, type Lang } from './syntax';
import { looksMinified } from './minified';
export { hasMinifiedLine, looksMinified, MINIFIED_MEAN_LINE, PROSE_SPACE_SHARE } from './minified';
import { detectOtherLanguage, isOtherLanguage } from './languages/detect';
import { CATALOGUES } from './languages/catalog';
import { BODY_PREFILTER, PREFILTER as VOCABULARY_PREFILTER, trieAlternation } from './vocabulary';
import { candidatesFor, packageRootText } from './neighbourPaths';
import { callsLocalDefinition, CONFIGURES_MODEL, DOTTED_WRITE, ITEM_WRITE, jsWritesOuterName, mentionedOutside, pyWritesOuterName } from './incrementalGuards';
import { detectShellScript, notebookShellEvidence, notebookShellSites } from './shell/detect';
import { isTestPath } from '../excludes';

/** Reads a bundled wasm file (`web-tree-sitter.wasm`, `tree-sitter-python.wasm`, …) by name. The caller does the I/O. */
export type LoadWasm = (name: string) => Promise<Uint8Array>;

export interface DetectInput {
  /** Workspace-relative POSIX path. */
  readonly path: string;
  /** Defaults to the language of the path's extension. */
  readonly languageId?: SupportedLanguage;
  readonly text: string;
  /** Document version, for incremental reparsing in the editor. */
  readonly version?: number;
}

export interface DetectOptions {
  /** Other workspace files (one-hop import resolution). */
  readonly files?: FileProvider;
  readonly loadWasm: LoadWasm;
  readonly maxFileBytes?: number;
  readonly token?: CancellationToken;
  readonly logger?: Logger;
  /**
   * Parse every file that passes the word pre-filter, skipping the evidence test (`evidence.ts`). Slower, same sites:
   * it exists so tests and `tokentier scan --exhaustive` can prove that.
   */
  readonly exhaustive?: boolean;
  /**
   * Keep this file's syntax tree and result for the next call (incremental re-parsing and re-analysis, memo of an
   * unchanged text). Default true, for the editor; a one-pass scan passes false so that memory stays flat.
   */
  readonly retain?: boolean;
}

/**
 * The cheap text pre-filter: a file none of these texts appear in cannot contain a site and is never parsed. Derived
 * from the catalogue (./vocabulary.ts): module tokens, method witnesses, endpoint path segments.
 */
/**
 * The text pre-filter: the Python/TypeScript vocabulary's (vocabulary.ts) and the names Go, Java, C#, Ruby and PHP
 * files use their SDKs by (their modules and client classes; test/unit/languages.test.ts checks every catalogue SDK
 * passes) and the endpoints their raw HTTP sends to, as one trie (a camelCase hump may also be written with `_`: a
 * superset). Ripgrep runs it too: plain alternatives only.
 */
const OTHER_LANGUAGE_WORDS = [
  'openai', 'anthropic', 'claude', 'genai', 'generativeai', 'gemini', 'bedrock', 'langchain', 'ollama', 'mistral', 'cohere', 'springframework.ai',
  'Microsoft.Extensions.AI', 'Microsoft.Agents.AI', 'SemanticKernel', 'Azure.AI.Agents', 'LlmTornado', 'LLPhant', 'completions', '/v1/messages',
  '/v1/responses', 'embeddings', 'generateContent', '/api/chat', '/api/generate', '/api/embed',
];
/**
 * Those words, and the modules of any catalogue SDK whose modules and client classes none of them is part of: an SDK
 * added as data is let through (test/unit/languages.test.ts).
 */
const OTHER_LANGUAGE_TOKENS = [
  ...OTHER_LANGUAGE_WORDS,
  ...Object.values(CATALOGUES).flatMap((c) => c.sdks).filter((sdk) => {
    const names = [...sdk.modules, ...sdk.types.flatMap((t) => [...(t.names ?? []), ...(t.make ?? []).flatMap((m) => [m.fn, m.newOf, m.builder].filter((x): x is string => !!x))])];
    return !names.some((n) => OTHER_LANGUAGE_WORDS.some((w) => n.toLowerCase().includes(w.toLowerCase())));
  }).flatMap((sdk) => sdk.modules),
];
const PREFILTER_REST = `${BODY_PREFILTER.source}|${trieAlternation(OTHER_LANGUAGE_TOKENS)}`;
export const PREFILTER: RegExp = new RegExp(`${VOCABULARY_PREFILTER.source}|${PREFILTER_REST}`, 'i');

/**
 * {@link PREFILTER} with the vocabulary's alternative captured: a scan's pre-filter pass also tells where the vocabulary
 * cannot start (see {@link passesPrefilter}).
 */
const PREFILTER_WHICH = new RegExp(`(${VOCABULARY_PREFILTER.source})|${PREFILTER_REST}`, 'i');
/** The vocabulary, searched from a given offset. */
const VOCABULARY_FROM = new RegExp(VOCABULARY_PREFILTER.source, 'gi');

/**
 * The last text {@link passesPrefilter} let through, and what its match says about the vocabulary: in it (`at` -1),
 * or not before `at`. The scan hands that same string to the detector next, which so need not search it again from
 * the start: the vocabulary is the pre-filter's first alternative, so at the leftmost match it was tried first, and
 * failed everywhere before.
 */
let prefiltered: { readonly text: string; readonly at: number } | undefined;

/**
 * The pre-filter test of a scan ({@link PREFILTER}): false when the text holds none of its words, so it need not be
 * analysed. Remembers what it learnt about the vocabulary for the detection of the same text.
 */
export function passesPrefilter(text: string): boolean {
  const m = PREFILTER_WHICH.exec(text);
  prefiltered = m ? { text, at: m[1] !== undefined ? -1 : m.index + 1 } : undefined;
  return m !== null;
}

/** Whether the vocabulary pre-filter matches `text`, started where the scan's pre-filter pass left it (exported for tests). */
export function hasVocabulary(text: string): boolean {
  const known = prefiltered;
  if (known?.text !== text) return VOCABULARY_PREFILTER.test(text);
  if (known.at < 0) return true;
  VOCABULARY_FROM.lastIndex = known.at;
  return VOCABULARY_FROM.test(text);
}

const MAX_FOREIGN_FILES = 8;
const MAX_FOREIGN_READS = 24;
const MAX_FOREIGN_BYTES = 512 * 1024;


/**
 * Finds every LLM API call site in one file. Never throws: broken, binary, huge or cancelled input yields
 * diagnostics and a partial or empty result.
 */
export async function detect(input: DetectInput, options: DetectOptions): Promise<DetectResult> {
  const diagnostics: Diagnostic[] = [];
  try {
    const r = await detectInner(input, options, diagnostics);
    // Test code is found and flagged (`isTestPath`, src/core/excludes.ts); totals and gates decide whether it counts.
    return r.sites.length && isTestPath(input.path) ? { ...r, sites: r.sites.map((s) => (s.test ? s : { ...s, test: true })) } : r;
  } catch (e) {
    options.logger?.error(e instanceof Error ? e : String(e));
    diagnostics.push({ severity: 'error', code: 'internal-error', message: `Detection failed: ${e instanceof Error ? e.message : String(e)}`, file: input.path });
    return { sites: [], diagnostics };
  }
}

/**
 * The text checks before any parse: size, binary, the pre-filter, extraction (notebook, Vue/Svelte) and minified
 * lines. Undefined when the file is not analysed (a diagnostic says why, except for a pre-filter miss).
 */
function textToParse(path: string, text: string, language: SupportedLanguage, options: DetectOptions, diagnostics: Diagnostic[]): Prepared | undefined {
  if (!readableText(path, text, language, options, diagnostics)) return undefined;
  // Notebooks are validated first, so a malformed one always says why it gave no site.
  // A file without the vocabulary may still send a model-shaped body to a URL it does not show (its own evidence only).
  const bodyOnly = language !== 'jupyter' && !hasVocabulary(text);
  if (bodyOnly && !BODY_PREFILTER.test(text)) return undefined;

  const prepared = prepare(language, path, text, diagnostics);
  if (!prepared) return undefined;
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // A notebook is held to the limit by its code cells' source (Python and shell), not by its outputs.
  const code = language === 'jupyter' ? prepared.text.length + (prepared.shell ?? []).reduce((n, c) => n + c.text.length, 0) : 0;
  if (language === 'jupyter' && code > max) {
    diagnostics.push({ severity: 'info', code: 'file-too-large', message: `Skipped: the notebook's code cells hold ${code} characters, over the ${max}-byte limit.`, file: path });
    return undefined;
  }
  if (bodyOnly && !bodyHttpEvidence(prepared.text, prepared.lang)) return undefined;
  if (language === 'jupyter' && !VOCABULARY_PREFILTER.test(prepared.text) && !notebookShellEvidence(prepared) && !bodyHttpEvidence(prepared.text, 'python')) return undefined;
  if (language !== 'jupyter' && looksMinified(prepared.text)) {
    diagnostics.push({ severity: 'info', code: 'minified-file', message: 'Skipped: the file looks minified (very long lines).', file: path });
    return undefined;
  }
  return prepared;
}

/** The size and binary checks every file passes before anything else (a diagnostic says why a file fails). */
function readableText(path: string, text: string, language: SupportedLanguage, options: DetectOptions, diagnostics: Diagnostic[]): boolean {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // UTF-16 length is a lower bound of the UTF-8 size; good enough for a size guard. A notebook is held to the limit
  // by its code cells' source (textToParse), not by its outputs.
  const limit = language === 'jupyter' ? readLimitFor('.ipynb', max) : max;
  if (text.length > limit) {
    diagnostics.push({ severity: 'info', code: 'file-too-large', message: `Skipped: ${text.length} characters is over the ${limit}-byte limit.`, file: path });
    return false;
  }
  if (text.includes('\u0000')) {
    diagnostics.push({ severity: 'info', code: 'binary-file', message: 'Skipped: the file looks binary (NUL bytes).', file: path });
    return false;
  }
  return true;
}

/**
 * The evidence test: most files that mention a pre-filter word can hold no site; they are never parsed (undefined).
 * `catalogue` (the file's own catalogue evidence) also decides the HTTP-only analysis. A notebook's shell chunks
 * (`%%bash`, `!curl`) are analysed with the Python around them (shell/notebook.ts): without evidence for the Python,
 * it is still parsed for their values (`withShell`), but not searched (`pythonSites` false).
 */
async function evidenceOf(prepared: Prepared, path: string, options: DetectOptions): Promise<{ catalogue: boolean; withShell: boolean; pythonSites: boolean } | undefined> {
  const withShell = !!prepared.shell?.length && (options.exhaustive === true || notebookShellEvidence(prepared));
  const catalogue = !options.exhaustive && !DECLARATION_FILE.test(path) && catalogueEvidence(prepared.text, prepared.lang, path);
  let pythonSites = true;
  if (!options.exhaustive && !(await mayHoldSites(prepared, path, options, catalogue))) {
    if (!withShell) {
      evidenceCounts.skipped++;
      return undefined;
    }
    pythonSites = false;
  }
  evidenceCounts.parsed++;
  return { catalogue, withShell, pythonSites };
}

async function detectInner(input: DetectInput, options: DetectOptions, diagnostics: Diagnostic[]): Promise<DetectResult> {
  const path = input.path;
  // Offsets are unchanged (one character for one), so ranges still point into the caller's text.
  const text = normaliseLineEnds(input.text);
  const language = input.languageId ?? languageOfPath(path);
  if (!language) return { sites: [], diagnostics };
  if (language === 'shellscript') return { sites: readableText(path, text, language, options, diagnostics) ? await detectShellScript(path, text, options.loadWasm, options.exhaustive === true, diagnostics) : [], diagnostics };
  // Go, Java, C#, Ruby and PHP: their own front end (languages/), one analyser over per-language syntax views.
  if (isOtherLanguage(language)) return detectOtherLanguage(path, text, language, options, diagnostics);
  const prepared = textToParse(path, text, language, options, diagnostics);
  if (!prepared) return { sites: [], diagnostics };
  if (options.token?.isCancellationRequested) return { sites: [], diagnostics };
  const evidence = await evidenceOf(prepared, path, options);
  if (!evidence) return { sites: [], diagnostics };
  const { catalogue, withShell, pythonSites } = evidence;

  const neighbours = options.files ? await readForeign(prepared, path, options.files) : [];
  if (options.token?.isCancellationRequested) return { sites: [], diagnostics };

  // The same text (and the same neighbours) as last time: the editor asks again for hovers, lenses and hints.
  const signature = neighbours.map((f) => `${f.path}\u0000${f.text}`).join('\u0001');
  const memo = resultCache.get(path);
  if (memo && memo.text === text && memo.signature === signature && memo.language === language) return { sites: memo.sites, diagnostics: [...diagnostics, ...memo.diagnostics] };

  // Every parser is ready before the first parse: from here to the end of the analysis nothing awaits, so no other
  // detection can run in between and push this file's trees (or its neighbours') out of the tree cache.
  const parsers = new Map<GrammarName, Parser>();
  for (const g of new Set<GrammarName>([prepared.grammar, ...neighbours.map((f) => f.grammar), ...(withShell ? ['bash' as const] : [])])) parsers.set(g, await getParser(g, options.loadWasm));
  if (options.token?.isCancellationRequested) return { sites: [], diagnostics };
  const foreign = parseForeign(neighbours, parsers);
  const tree = parseCached(`${path}`, prepared.grammar, parsers.get(prepared.grammar) as Parser, prepared.text);
  if (!tree) {
    diagnostics.push({ severity: 'warning', code: 'parse-error', message: 'The parser returned no tree.', file: path });
    return { sites: [], diagnostics };
  }
  if (tree.rootNode.hasError) {
    diagnostics.push({ severity: 'info', code: 'parse-error', message: 'The file has syntax errors; results may be partial.', file: path });
  }
  const cells = prepared.cells;
  const cellOfRow = cells ? (row: number): number => cellIndexOfRow(cells, row).cell : undefined;
  // Catalogue values reach the analyser only through an import in the file or in a neighbour it loaded; fallbacks only
  // through their written path. Without either, only raw HTTP calls are left to check (see AnalyzerOptions.httpOnly).
  const httpOnly = !options.exhaustive && !catalogue && !neighbours.some((f) => hasModuleImport(f.text, f.lang, f.path));
  const analyzer = new FileAnalyzer({
    path,
    lang: prepared.lang,
    text: prepared.text,
    tree,
    cellOfRow,
    foreign: (module, level) => foreign.get(foreignKey(module, level)),
    ...(httpOnly ? { httpOnly } : { gateTexts: neighbours.map((f) => f.text) }),
  });
  if (httpOnly) evidenceCounts.httpOnly++;
  // Plain source files keep per-statement state so that the next edit re-analyses only the edited function.
  const tops = cells || language === 'vue' || language === 'svelte' ? undefined : topsOf(tree);
  const previous = memo && memo.signature === signature && memo.language === language ? memo.incremental : undefined;
  const delta = previous && tops ? parseDeltaOf(path, tree) : undefined;
  let raw = previous && tops && delta && previous.httpOnly === httpOnly ? reanalyseEdited(previous, tops, delta, tree, prepared, path, analyzer, parsers.get(prepared.grammar) as Parser) : undefined;
  if (raw) analysisCounts.incremental++;
  else analysisCounts.full++;
  if (!raw) {
    const drafts = pythonSites ? analyzer.findSites() : [];
    if (analyzer.evalBudgetHit) diagnostics.push({ severity: 'info', code: 'analysis-budget', message: 'Some values were too intricate to follow (an evaluation ran out of steps); models or sites may be missing.', file: path });
    raw = drafts.map((d) => toCallSite(d, path, prepared.text, cells, analyzer));
    if (withShell) raw.push(...notebookShellSites(prepared, path, parsers.get('bash') as Parser, analyzer));
  }
  const sites = [...raw];
  dedupeIds(sites);
  sites.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const incremental = tops ? { rootType: tree.rootNode.type, tops, raw, text: prepared.text, httpOnly } : undefined;
  if (options.retain === false) {
    releaseTree(path);
    for (const f of foreign.values()) releaseTree(`foreign:${f.path}`);
  } else {
    remember(path, { text, signature, language, sites, diagnostics: diagnostics.filter((d) => d.code === 'parse-error'), ...(incremental ? { incremental } : {}) });
  }
  return { sites, diagnostics };
}

// ---------------------------------------------------------------------------------------------------------------
// Incremental re-analysis
// ---------------------------------------------------------------------------------------------------------------

const analysisCounts = { full: 0, incremental: 0 };

/**
 * How many analyses since the process started were full and how many re-analysed only an edited function
 * (for tests and benchmarks: an incremental path that is never taken would go unnoticed otherwise).
 */
export function analysisStats(): { readonly full: number; readonly incremental: number } {
  return { ...analysisCounts };
}

/** One child of the root node (a top-level statement), as plain numbers so it outlives its tree. */
interface TopStatement {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly startRow: number;
  readonly startColumn: number;
  readonly endRow: number;
  readonly endColumn: number;
}

/** What the last full or incremental analysis of a path leaves for the next edit. */
interface IncrementalState {
  readonly rootType: string;
  readonly tops: readonly TopStatement[];
  /** The sites before id de-duplication and sorting. */
  readonly raw: readonly CallSite[];
  /** The parsed text. */
  readonly text: string;
  /** The analysis ran with AnalyzerOptions.httpOnly: a re-analysis must run in the same mode. */
  readonly httpOnly: boolean;
}

function topsOf(tree: Tree): TopStatement[] {
  const out: TopStatement[] = [];
  const c = tree.walk();
  try {
    if (c.gotoFirstChild()) {
      do {
        const sp = c.startPosition;
        const ep = c.endPosition;
        out.push({ type: c.nodeType, start: c.startIndex, end: c.endIndex, startRow: sp.row, startColumn: sp.column, endRow: ep.row, endColumn: ep.column });
      } while (c.gotoNextSibling());
    }
  } finally {
    c.delete();
  }
  return out;
}

const PY_DEF_HEAD = /^(?:@[^\n]*\n[ \t]*)*(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)/;
const JS_DEF_HEAD = /^(?:export[ \t]+)?(?:async[ \t]+)?function[ \t]*\*?[ \t]*([A-Za-z_$][\w$]*)/;
const TOP_FUNCTION_TYPES = new Set(['function_definition', 'decorated_definition', 'function_declaration', 'generator_function_declaration', 'export_statement']);
/** How far around the edited statement whole-file patterns are re-tested (longer than any of their matches). */
const GATE_MARGIN = 200;

/**
 * Re-analyses only the edited statement when that is provably enough, or returns undefined (then the caller runs
 * the full analysis). It is enough when the edit lies inside one top-level function (`def f`, `function f`,
 * `export function f`) that keeps its boundaries, tree-sitter reports no syntax change outside it, nothing else
 * in the file names the function (so no other site can resolve through it), it writes no dotted attribute
 * (`a.b = …`, which the analyser looks up file-wide), and no whole-file pattern (SDK mentions that gate generic
 * method names and fallbacks) changes its answer. Every other site is then the previous one, with its rows shifted
 * when it lies below the edit. Anything less certain falls back.
 */
function reanalyseEdited(prev: IncrementalState, tops: readonly TopStatement[], delta: ParseDelta, tree: Tree, prepared: Prepared, path: string, analyzer: FileAnalyzer, parser: Parser): CallSite[] | undefined {
  const stmt = editedFunction(prev, tops, delta, tree, prepared, parser);
  if (!stmt) return undefined;
  const { e } = stmt;
  const kept = keptSites(prev, stmt, path);
  if (!kept) return undefined;
  const { before, after } = kept;
  const text = prepared.text;
  const edited = analyzer.findSites({ start: e.start, end: e.end }).map((d) => toCallSite(d, path, text, undefined, analyzer));
  const out = [...before, ...edited, ...after];
  // Equal ids or equal start positions make the full analysis's result depend on its visiting order: fall back.
  const ids = new Set<string>();
  const starts = new Set<string>();
  for (const s of out) {
    const k = `${s.range.start.line}:${s.range.start.character}`;
    if (ids.has(s.id) || starts.has(k)) return undefined;
    ids.add(s.id);
    starts.add(k);
  }
  return out;
}


/**
 * {@link jsWritesOuterName} for the function as it was before the edit (its text alone, parsed apart: the old tree is
 * gone); true (unsafe) when it does not parse to one function.
 */
function oldBodyWritesOuterName(body: string, text: string, at: { readonly start: number; readonly end: number }, parser: Parser): boolean {
  const t = parser.parse(body);
  try {
    const top = t?.rootNode.namedChildren[0];
    const fn = top?.type === 'export_statement' ? top.childForFieldName('declaration') : top;
    if (!t || t.rootNode.hasError || !fn || !/^(function_declaration|generator_function_declaration)$/.test(fn.type)) return true;
    return jsWritesOuterName(fn, text, at);
  } finally {
    t?.delete();
  }
}

/** The top-level statement before (`o`) and after (`e`) the edit, when re-analysing it alone is provably enough. */
function editedFunction(prev: IncrementalState, tops: readonly TopStatement[], delta: ParseDelta, tree: Tree, prepared: Prepared, parser: Parser): { e: TopStatement; o: TopStatement } | undefined {
  if (delta.oldText !== prev.text || tree.rootNode.type !== prev.rootType || tops.length !== prev.tops.length) return undefined;
  const { start, oldEnd, newEnd } = delta;
  const shift = newEnd - oldEnd;
  // The top-level statement that contains the edit, strictly inside (an edit at its first or last character may
  // join it with a neighbour).
  const lo = lastAtOrBefore(tops.length, (i) => tops[i]?.start ?? 0, start);
  const e = tops[lo];
  const o = prev.tops[lo];
  if (!e || !o || e.type !== o.type || !TOP_FUNCTION_TYPES.has(e.type)) return undefined;
  if (!(e.start < start && newEnd < e.end && oldEnd < o.end)) return undefined;
  if (o.start !== e.start || o.startRow !== e.startRow || o.startColumn !== e.startColumn || o.end + shift !== e.end) return undefined;
  const next = tops[lo + 1];
  const oldNext = prev.tops[lo + 1];
  if (next && (!oldNext || oldNext.start + shift !== next.start || oldNext.type !== next.type)) return undefined;
  for (const r of delta.changed) if (r.startIndex < e.start || r.endIndex > e.end) return undefined;

  const text = prepared.text;
  const newBody = text.slice(e.start, e.end);
  const oldBody = prev.text.slice(o.start, o.end);
  const head = prepared.lang === 'python' ? PY_DEF_HEAD : JS_DEF_HEAD;
  const newName = head.exec(newBody)?.[1];
  const oldName = head.exec(oldBody)?.[1];
  if (!newName || !oldName || /^export[ \t]+default\b/.test(newBody) || /^export[ \t]+default\b/.test(oldBody)) return undefined;
  const node = tree.rootNode.child(lo);
  const def = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node?.type === 'export_statement' ? node.childForFieldName('declaration') : node;
  if (!def || !/^(function_definition|function_declaration|generator_function_declaration)$/.test(def.type) || def.childForFieldName('name')?.text !== newName) return undefined;
  if (mentionedOutside(text, newName, e.start, e.end) || (oldName !== newName && mentionedOutside(text, oldName, e.start, e.end))) return undefined;
  if (DOTTED_WRITE.test(newBody) || DOTTED_WRITE.test(oldBody) || CONFIGURES_MODEL.test(newBody) || CONFIGURES_MODEL.test(oldBody)) return undefined;
  if (prepared.lang === 'python' ? pyWritesOuterName(newBody) || pyWritesOuterName(oldBody) : jsWritesOuterName(def, text, e) || oldBodyWritesOuterName(oldBody, prev.text, o, parser)) return undefined;
  if (ITEM_WRITE.test(newBody) || ITEM_WRITE.test(oldBody) || callsLocalDefinition(newBody, text, e) || callsLocalDefinition(oldBody, text, e)) return undefined;
  const extNew = text.slice(Math.max(0, e.start - GATE_MARGIN), e.end + GATE_MARGIN);
  const extOld = prev.text.slice(Math.max(0, o.start - GATE_MARGIN), o.end + GATE_MARGIN);
  for (const p of WHOLE_TEXT_PATTERNS()) {
    p.lastIndex = 0;
    const a = p.test(extNew);
    p.lastIndex = 0;
    if (a !== p.test(extOld)) return undefined;
  }
  return { e, o };
}

/** The previous sites outside the edited statement, those below it moved by the change in its row count; undefined when one cannot be kept. */
function keptSites(prev: IncrementalState, { e, o }: { e: TopStatement; o: TopStatement }, path: string): { before: CallSite[]; after: CallSite[] } | undefined {
  // Keep the sites outside the statement; shift those below it by the change in its row count.
  const dRow = e.endRow - o.endRow;
  const moveRange = (r: CallSite['range']): CallSite['range'] | undefined => {
    if (r.end.line < o.startRow) return r;
    if (r.start.line > o.endRow) return dRow ? { start: { line: r.start.line + dRow, character: r.start.character }, end: { line: r.end.line + dRow, character: r.end.character } } : r;
    return undefined;
  };
  const before: CallSite[] = [];
  const after: CallSite[] = [];
  for (const s of prev.raw) {
    const r = s.range;
    const inside = (r.start.line > o.startRow || (r.start.line === o.startRow && r.start.character >= o.startColumn)) && (r.end.line < o.endRow || (r.end.line === o.endRow && r.end.character <= o.endColumn));
    if (inside) continue;
    const isBefore = r.end.line < o.startRow;
    // A site reads the line above its start for ignore comments: that line must lie outside the statement.
    if (!isBefore && r.start.line < o.endRow + 2) return undefined;
    const range = moveRange(r);
    if (!range) return undefined;
    if (isBefore || !dRow) {
      // Its prompt parts and loops may still point below the statement (a constant defined further down).
      const moved = moveParts(s, moveRange);
      if (!moved) return undefined;
      (isBefore ? before : after).push(moved === true ? s : { ...s, ...moved });
      continue;
    }
    const moved = moveParts(s, moveRange);
    if (!moved) return undefined;
    const line = s.line + dRow;
    after.push({
      ...s,
      ...(moved === true ? {} : moved),
      id: `${path}#${line}:${s.method}`,
      range,
      line,
      ...(s.annotation ? { annotation: { text: s.annotation.text, line: s.annotation.line + dRow } } : {}),
    });
  }
  return { before, after };
}

/** Moves the prompt and loop ranges of a kept site; `true` when none moved, undefined when one cannot be moved. */
function moveParts(s: CallSite, move: (r: CallSite['range']) => CallSite['range'] | undefined): Pick<CallSite, 'prompt' | 'loops'> | true | undefined {
  let changed = false;
  const moveAll = <T extends { readonly range: CallSite['range'] }>(parts: readonly T[]): T[] | undefined => {
    const out: T[] = [];
    for (const p of parts) {
      const r = move(p.range);
      if (!r) return undefined;
      if (r !== p.range) changed = true;
      out.push(r === p.range ? p : { ...p, range: r });
    }
    return out;
  };
  const prompt = moveAll(s.prompt);
  const loops = prompt && moveAll(s.loops);
  if (!prompt || !loops) return undefined;
  return changed ? { prompt, loops } : true;
}

interface Memo {
  readonly text: string;
  readonly signature: string;
  readonly language: SupportedLanguage;
  readonly sites: readonly CallSite[];
  readonly diagnostics: readonly Diagnostic[];
  readonly incremental?: IncrementalState;
}
const resultCache = new Map<string, Memo>();
const RESULT_CACHE_MAX = 64;

function remember(path: string, memo: Memo): void {
  resultCache.delete(path);
  resultCache.set(path, memo);
  if (resultCache.size > RESULT_CACHE_MAX) {
    const oldest = resultCache.keys().next().value;
    if (oldest !== undefined) resultCache.delete(oldest);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One hop across workspace files
// ---------------------------------------------------------------------------------------------------------------

/** A neighbour's metadata, or undefined when it is missing, not a file or too large to resolve through. */
async function statNeighbour(files: FileProvider, cand: string): Promise<FileStat | undefined> {
  try {
    const stat = await files.stat(cand);
    return stat && stat.type === 'file' && stat.size <= MAX_FOREIGN_BYTES ? stat : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A neighbour's text, or undefined when it is missing, not a file, too large or binary (as for resolution). `stat`:
 * the candidate's {@link statNeighbour}, when the caller has it already.
 */
async function readNeighbour(files: FileProvider, cand: string, stat?: FileStat): Promise<string | undefined> {
  try {
    if (!(stat ?? (await statNeighbour(files, cand)))) return undefined;
    const text = await files.readText(cand);
    if (text === undefined || text.length > MAX_FOREIGN_BYTES || text.includes('\u0000')) return undefined;
    return text;
  } catch {
    // An unreadable neighbour only costs resolution depth.
    return undefined;
  }
}

function langOfNeighbour(cand: string): Lang {
  return cand.endsWith('.py') ? 'python' : 'js';
}

const DECLARATION_FILE = /\.d\.[cm]?ts$/;
const evidenceCounts = { parsed: 0, skipped: 0, httpOnly: 0 };

/**
 * How many files since the process started passed the word pre-filter and were parsed, and how many the evidence test
 * let skip (for tests and benchmarks).
 */
export function evidenceStats(): { readonly parsed: number; readonly skipped: number; readonly httpOnly: number } {
  return { ...evidenceCounts };
}

/**
 * False only when no way of producing a site is open to this file (see `evidence.ts`): it has no evidence of its
 * own (`catalogue` is its catalogueEvidence), and none of the workspace files its imports can resolve to (every candidate path of every import, a superset
 * of what {@link readForeign} reads) supplies a client or an endpoint for it.
 */
async function mayHoldSites(prepared: Prepared, path: string, options: DetectOptions, catalogue: boolean): Promise<boolean> {
  // A declaration file holds no executable code (TypeScript rejects initializers and bodies in it).
  if (DECLARATION_FILE.test(path)) return false;
  // `catalogue`: catalogueEvidence of the file, from the caller; with httpEvidence, the file is selfSufficient.
  if (catalogue) return true;
  const httpCall = hasHttpCall(prepared.text, prepared.lang);
  if (httpEvidence(prepared.text, prepared.lang, httpCall)) return true;
  const files = options.files;
  if (!files) return false;
  const imports = importsOf(prepared);
  if (!imports.length) return false;
  for (const w of imports) {
    for (const cand of candidatesFor(path, w.module, w.level, prepared.lang)) {
      if (cand === path) continue;
      if (options.token?.isCancellationRequested) return false;
      const ev = await neighbourEvidence(files, cand, options.retain === false, httpCall);
      if (ev && neighbourEnables(ev, httpCall)) return true;
    }
  }
  return false;
}

/**
 * What a one-pass scan learnt about neighbours, by path, size and modification time: a file imported by many
 * files is read once. (The editor does not use it: a neighbour's unsaved text keeps its file's size and time.)
 */
const scanEvidence = new Map<string, NeighbourEvidence>();
const SCAN_EVIDENCE_MAX = 8192;

async function neighbourEvidence(files: FileProvider, cand: string, memo: boolean, httpCall: boolean): Promise<NeighbourEvidence | undefined> {
  let key: string | undefined;
  let stat: FileStat | undefined;
  if (memo) {
    stat = await statNeighbour(files, cand);
    if (!stat) return undefined;
    key = `${cand}\u0000${stat.size}\u0000${stat.mtime}`;
    const hit = scanEvidence.get(key);
    // An entry without the endpoint answer is read again for the rare file that needs it (one with an HTTP call).
    if (hit && neighbourAnswers(hit, httpCall)) return hit;
  }
  let text = await readNeighbour(files, cand, stat);
  if (text !== undefined && cand.endsWith('package.json')) text = packageRootText(text);
  if (text === undefined) return undefined;
  const ev = neighbourEvidenceOf(text, langOfNeighbour(cand), cand, httpCall);
  if (key) {
    if (scanEvidence.size >= SCAN_EVIDENCE_MAX) scanEvidence.clear();
    scanEvidence.set(key, ev);
  }
  return ev;
}

/** A neighbour one import away, read but not parsed yet. */
interface ForeignText {
  readonly key: string;
  /** The module an absolute Python import named (AnalyzerOptions.importedAs). */
  readonly module?: string;
  readonly path: string;
  readonly text: string;
  readonly lang: Lang;
  readonly grammar: GrammarName;
}

/** Reads the workspace files the imports resolve to: per import, the first candidate that can be read; at most 8. */
async function readForeign(prepared: Prepared, path: string, files: FileProvider): Promise<ForeignText[]> {
  // The first MAX_FOREIGN_FILES neighbours that import a catalogue module (those can hand the file a client or a
  // model), then the others in import order: a service importing its models, repositories and then six agent modules
  // keeps the agents. At most MAX_FOREIGN_READS files are read.
  const out: ForeignText[] = [];
  const plain: ForeignText[] = [];
  let reads = 0;
  for (const w of importsOf(prepared)) {
    if (out.length >= MAX_FOREIGN_FILES || reads >= MAX_FOREIGN_READS) break;
    for (const cand of candidatesFor(path, w.module, w.level, prepared.lang)) {
      if (cand === path) continue;
      let text = await readNeighbour(files, cand);
      if (text !== undefined && cand.endsWith('package.json')) text = packageRootText(text);
      if (text === undefined) continue;
      const lang = langOfNeighbour(cand);
      const grammar: GrammarName = lang === 'python' ? 'python' : cand.endsWith('.tsx') ? 'tsx' : /\.(js|mjs|cjs|jsx)$/.test(cand) ? 'javascript' : 'typescript';
      reads++;
      const f: ForeignText = { key: foreignKey(w.module, w.level), path: cand, text, lang, grammar, ...(lang === 'python' && w.level === 0 && (path.startsWith(`${w.module.split('.')[0] ?? ''}/`) || shadowsPackage(w.module)) ? { module: w.module } : {}) };
      (hasModuleImport(text, lang, cand) ? out : plain).push(f);
      break;
    }
  }
  return [...out, ...plain].slice(0, MAX_FOREIGN_FILES);
}

/** Parses the neighbours (synchronously: see the caller) into the analyser's one-hop modules. */
function parseForeign(neighbours: readonly ForeignText[], parsers: ReadonlyMap<GrammarName, Parser>): Map<string, ForeignModule> {
  const out = new Map<string, ForeignModule>();
  for (const f of neighbours) {
    const parser = parsers.get(f.grammar);
    const tree = parser ? parseCached(`foreign:${f.path}`, f.grammar, parser, f.text) : null;
    // A neighbour the parser gives up on only costs resolution depth.
    if (tree) out.set(f.key, { path: f.path, analyzer: new FileAnalyzer({ path: f.path, lang: f.lang, text: f.text, tree, foreignOnly: true, ...(f.module ? { importedAs: f.module } : {}) }) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Drafts → CallSites
// ---------------------------------------------------------------------------------------------------------------

function toCallSite(d: SiteDraft, path: string, text: string, cells: Prepared['cells'], analyzer: FileAnalyzer): CallSite {
  const numberOf = (n: Parameters<typeof unwrap>[0]): number | undefined => {
    const u = unwrap(n);
    if (u.type === 'integer' || u.type === 'number') return Number(u.text.replace(/_/g, ''));
    if (u.type === 'identifier' || u.type === 'attribute' || u.type === 'member_expression') {
      const s = analyzer.resolveString(u);
      void s;
    }
    return numberOfConst(u, analyzer);
  };
  const anc = analyzer.ancestors(d.call);
  const loops: LoopContext[] = loopsOf(d.call, anc, numberOf);
  if (d.fanOut) {
    const a0 = callArgs(d.call)[0];
    const u = a0 ? unwrap(a0) : undefined;
    const bound = u && (u.type === 'list' || u.type === 'array') ? u.namedChildren.filter((x) => x && x.type !== 'comment').length : undefined;
    loops.unshift({ kind: 'batch', ...(bound !== undefined ? { bound } : {}), range: toRange(d.call) });
  }
  const startRow = d.call.startPosition.row;
  const nameRow = d.nameNode.startPosition.row;
  // Only the call's lines and the one above are read (no split of the whole text on every edit).
  const lineAt = (row: number): string => {
    const nodeRowStart = (n: typeof d.call): number => n.startIndex - n.startPosition.column;
    let start = row === nameRow ? nodeRowStart(d.nameNode) : nodeRowStart(d.call);
    if (row === startRow - 1) {
      if (start === 0) return '';
      start = text.lastIndexOf('\n', start - 2) + 1;
    }
    const end = text.indexOf('\n', start);
    return text.slice(start, end === -1 ? text.length : end);
  };
  const flags = commentFlags(lineAt, startRow, nameRow);
  let cell: number | undefined;
  let rowShift = 0;
  if (cells) {
    const c = cellIndexOfRow(cells, nameRow);
    cell = c.cell;
    rowShift = c.row;
  }
  const shiftRange = <T extends { start: { line: number; character: number }; end: { line: number; character: number } }>(r: T): T =>
    rowShift ? { ...r, start: { ...r.start, line: r.start.line - rowShift }, end: { ...r.end, line: r.end.line - rowShift } } : r;
  const line = nameRow - rowShift + 1;
  const enclosing = enclosingFunctionName(anc);
  const id = `${path}#${line}:${d.method}${cell !== undefined ? `#${cell}` : ''}`;
  return {
    id,
    file: path,
    range: shiftRange(toRange(d.call)),
    line,
    ...(cell !== undefined ? { cell } : {}),
    provider: d.provider,
    via: d.via,
    api: d.api,
    method: d.method,
    model: d.model,
    stream: d.stream,
    params: d.params,
    prompt: d.prompt.map((p) => ({ ...p, range: shiftRange(p.range) })),
    loops: loops.map((l) => ({ ...l, range: shiftRange(l.range) })),
    confidence: d.confidence,
    ...(enclosing ? { enclosingFunction: enclosing } : {}),
    ...(flags.ignored ? { ignored: true } : {}),
    ...(flags.annotation ? { annotation: { text: flags.annotation.text, line: flags.annotation.row - rowShift + 1 } } : {}),
  };
}

function numberOfConst(n: Parameters<typeof unwrap>[0], analyzer: FileAnalyzer): number | undefined {
  if (n.type === 'identifier') {
    const b = analyzer.lookup(n.text, n);
    if (b?.kind === 'assign') {
      const v = unwrap(b.value);
      if (v.type === 'integer' || v.type === 'number') return Number(v.text.replace(/_/g, ''));
    }
    if (b?.kind === 'param' && b.def) {
      const v = unwrap(b.def);
      if (v.type === 'integer' || v.type === 'number') return Number(v.text.replace(/_/g, ''));
    }
  }
  if (n.type === 'call' && callArgs(n).length === 1 && n.childForFieldName('function')?.text === 'len') {
    const a = callArgs(n)[0];
    const u = a ? unwrap(a) : undefined;
    if (u?.type === 'identifier') {
      const b = analyzer.lookup(u.text, u);
      const v = b?.kind === 'assign' ? unwrap(b.value) : undefined;
      if (v && (v.type === 'list' || v.type === 'tuple')) return v.namedChildren.filter((x) => x && x.type !== 'comment').length;
    }
  }
  return undefined;
}

function dedupeIds(sites: CallSite[]): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < sites.length; i++) {
    const s = sites[i];
    if (!s) continue;
    const n = (seen.get(s.id) ?? 0) + 1;
    seen.set(s.id, n);
    if (n > 1) sites[i] = { ...s, id: `${s.id}~${n}` };
  }
}
