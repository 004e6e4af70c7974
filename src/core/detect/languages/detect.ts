/**
 * Detection for Go, Java, C#, Ruby and PHP files: the text checks (size, binary, minified, a pre-filter derived from
 * the catalogue), the grammar (loaded on the first file of its language), the file model and the site search.
 * Never throws: the caller (`detector.ts#detect`) turns an exception into a diagnostic.
 */
import type { Parser } from 'web-tree-sitter';
import type { CancellationToken } from '../../cancellation';
import { DEFAULT_MAX_FILE_BYTES, type SupportedLanguage } from '../../excludes';
import type { CallSite, DetectResult, Diagnostic } from '../../types';
import { getParser, parseCached, releaseTree, type GrammarName, type WasmLoader } from '../parser';
import { buildIndex, type CatalogueIndex } from './catalogIndex';
import { CATALOGUES } from './catalog';
import { FileModel } from './fileModel';
import { findSites } from './sites';
import { hasEndpointWord } from '../evidence';
import { looksMinified } from '../minified';
import { VIEW_FACTORIES } from './syntax';
import type { OtherLanguage, SyntaxView } from './types';
import { findKeyed, normKey } from './values';

export { OTHER_LANGUAGES, type OtherLanguage } from './types';

const GRAMMAR: Readonly<Record<OtherLanguage, GrammarName>> = { go: 'go', java: 'java', csharp: 'c-sharp', ruby: 'ruby', php: 'php' };

export function isOtherLanguage(language: SupportedLanguage): language is SupportedLanguage & OtherLanguage {
  return language === 'go' || language === 'java' || language === 'csharp' || language === 'ruby' || language === 'php';
}

interface LanguageState {
  readonly index: CatalogueIndex;
  readonly view: SyntaxView;
  readonly prefilter: RegExp;
}

const states = new Map<OtherLanguage, LanguageState>();

function stateOf(language: OtherLanguage): LanguageState {
  let s = states.get(language);
  if (!s) {
    const index = buildIndex(CATALOGUES[language]);
    s = { index, view: VIEW_FACTORIES[language](index), prefilter: prefilterOf(index) };
    states.set(language, s);
  }
  return s;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The pre-filter of a language, from its catalogue: every value the analyser can produce starts at a name the file
 * imports or writes (a module string, the root of a catalogue class's qualified name), and a fallback site needs the
 * SDK's module imported; a file that contains none of them cannot hold a site.
 */
export function prefilterOf(index: CatalogueIndex): RegExp {
  const tokens = new Set<string>();
  for (const sdk of index.sdks) {
    for (const m of sdk.modules) tokens.add(m);
  }
  // A Go file of an SDK's own package calls it without an import (`package genai` … `NewClient(…)`).
  for (const name of new Set(index.goPackages.values())) tokens.add(`package ${name}`);
  if (index.language !== 'go') {
    for (const fqn of index.known) {
      const root = /^[^.\\:/]+/.exec(fqn.replace(/^\\/, ''))?.[0];
      if (root && root.length >= 3) tokens.add(root);
    }
  }
  const list = [...tokens].sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(list.join('|'), 'i');
}

export interface OtherDetectOptions {
  readonly loadWasm: WasmLoader;
  readonly maxFileBytes?: number;
  readonly token?: CancellationToken;
  readonly retain?: boolean;
}

const memo = new Map<string, { text: string; sites: readonly CallSite[] }>();
const MEMO_MAX = 64;

/** The sites of one Go, Java, C#, Ruby or PHP file. */
export async function detectOtherLanguage(path: string, text: string, language: OtherLanguage, options: OtherDetectOptions, diagnostics: Diagnostic[]): Promise<DetectResult> {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (text.length > max) {
    diagnostics.push({ severity: 'info', code: 'file-too-large', message: `Skipped: ${text.length} characters is over the ${max}-byte limit.`, file: path });
    return { sites: [], diagnostics };
  }
  if (text.includes('\u0000')) {
    diagnostics.push({ severity: 'info', code: 'binary-file', message: 'Skipped: the file looks binary (NUL bytes).', file: path });
    return { sites: [], diagnostics };
  }
  const state = stateOf(language);
  // Raw HTTP needs an inference endpoint's last path segment in the text (evidence.ts), as in Python and TS.
  if (!state.prefilter.test(text) && !hasEndpointWord(text)) return { sites: [], diagnostics };
  if (looksMinified(text)) {
    diagnostics.push({ severity: 'info', code: 'minified-file', message: 'Skipped: the file looks minified (very long lines).', file: path });
    return { sites: [], diagnostics };
  }
  const hit = memo.get(path);
  if (hit && hit.text === text) return { sites: hit.sites, diagnostics };
  const parser: Parser = await getParser(GRAMMAR[language], options.loadWasm);
  if (options.token?.isCancellationRequested) return { sites: [], diagnostics };
  const source = state.view.prepare ? state.view.prepare(text) : text;
  const tree = parseCached(path, GRAMMAR[language], parser, source);
  if (!tree) {
    diagnostics.push({ severity: 'warning', code: 'parse-error', message: 'The parser returned no tree.', file: path });
    return { sites: [], diagnostics };
  }
  if (tree.rootNode.hasError) diagnostics.push({ severity: 'info', code: 'parse-error', message: 'The file has syntax errors; results may be partial.', file: path });
  const fm = new FileModel(state.view, tree.rootNode, source, state.index);
  fm.keyed = (nodes, keys) => findKeyed(fm, nodes, new Set(keys.map(normKey)))?.value;
  const sites = findSites(fm).map((s) => ({ ...s, id: `${path}#${s.line}:${s.method}`, file: path }));
  sites.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  dedupe(sites);
  if (options.retain === false) {
    releaseTree(path);
  } else {
    memo.delete(path);
    memo.set(path, { text, sites });
    if (memo.size > MEMO_MAX) {
      const oldest = memo.keys().next().value;
      if (oldest !== undefined) memo.delete(oldest);
    }
  }
  return { sites, diagnostics };
}

function dedupe(sites: CallSite[]): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < sites.length; i++) {
    const s = sites[i] as CallSite;
    const n = (seen.get(s.id) ?? 0) + 1;
    seen.set(s.id, n);
    if (n > 1) sites[i] = { ...s, id: `${s.id}~${n}` };
  }
}
