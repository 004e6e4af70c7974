/**
 * web-tree-sitter set-up and the per-path tree cache used for incremental reparsing.
 * The runtime is initialised once per process; each grammar is loaded on first use. Wasm bytes only ever arrive
 * through the host's {@link LoadWasm} (the core does no I/O).
 */
import { Edit, Language, Parser, type Tree } from 'web-tree-sitter';

/** Reads a bundled wasm file by name; the same shape as `LoadWasm` in detector.ts (kept here to avoid a cycle). */
export type WasmLoader = (name: string) => Promise<Uint8Array>;

/** The grammars Tokentier parses with. */
export type GrammarName = 'python' | 'typescript' | 'tsx' | 'javascript' | 'bash' | 'go' | 'java' | 'c-sharp' | 'ruby' | 'php';

let runtime: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();
const parsers = new Map<GrammarName, Parser>();

function initRuntime(loadWasm: WasmLoader): Promise<void> {
  if (!runtime) {
    runtime = (async () => {
      const bytes = await loadWasm('web-tree-sitter.wasm');
      // `wasmBinary` is typed as ArrayBuffer; copy the view's bytes so an offset view works too.
      const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      await Parser.init({ wasmBinary });
    })();
    // A failed init (missing file) must not poison the process forever: let the next call retry.
    runtime.catch(() => {
      runtime = undefined;
    });
  }
  return runtime;
}

/** Returns a parser for a grammar, initialising the runtime and loading the grammar on first use. */
export async function getParser(grammar: GrammarName, loadWasm: WasmLoader): Promise<Parser> {
  const existing = parsers.get(grammar);
  if (existing) return existing;
  await initRuntime(loadWasm);
  let lang = languages.get(grammar);
  if (!lang) {
    lang = loadWasm(`tree-sitter-${grammar}.wasm`).then((b) => Language.load(b));
    languages.set(grammar, lang);
    lang.catch(() => languages.delete(grammar));
  }
  const language = await lang;
  const again = parsers.get(grammar);
  if (again) return again;
  const parser = new Parser();
  parser.setLanguage(language);
  parsers.set(grammar, parser);
  return parser;
}

interface CachedTree {
  readonly grammar: GrammarName;
  readonly text: string;
  readonly tree: Tree;
}

/** The last tree per path, so that an edited document is reparsed incrementally. Bounded (LRU by insertion). */
const treeCache = new Map<string, CachedTree>();
const TREE_CACHE_MAX = 64;

/**
 * Deletes the cached tree of `key` (a one-pass scan does not re-parse: keeping trees would only grow the
 * WebAssembly heap, which never shrinks back).
 */
export function releaseTree(key: string): void {
  const cached = treeCache.get(key);
  if (!cached) return;
  deltas.delete(key);
  treeCache.delete(key);
  cached.tree.delete();
}

function pointAt(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

/**
 * Parses `text`, reusing the previous tree of the same path when there is one: the edit is computed from the
 * common prefix and suffix of the old and new texts, which is exact for the single-range edits an editor sends.
 */
export function parseCached(key: string, grammar: GrammarName, parser: Parser, text: string): Tree | null {
  const cached = treeCache.get(key);
  if (cached && cached.grammar === grammar) {
    if (cached.text === text) return cached.tree;
    const old = cached.text;
    const max = Math.min(old.length, text.length);
    let start = 0;
    while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let oldEnd = old.length;
    let newEnd = text.length;
    while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
      oldEnd--;
      newEnd--;
    }
    const startPosition = pointAt(old, start);
    const tree = cached.tree.copy();
    tree.edit(new Edit({
      startIndex: start,
      oldEndIndex: oldEnd,
      newEndIndex: newEnd,
      startPosition,
      oldEndPosition: pointAt(old, oldEnd),
      newEndPosition: pointAt(text, newEnd),
    }));
    const next = parser.parse(text, tree);
    if (next) {
      // Asked for here because the edited old tree is deleted right below; the detector uses it to limit the
      // re-analysis to what changed.
      const changed = tree.getChangedRanges(next).map((r) => ({ startIndex: r.startIndex, endIndex: r.endIndex }));
      deltas.set(key, { tree: next, oldText: old, start, oldEnd, newEnd, changed });
    }
    tree.delete();
    if (next) store(key, { grammar, text, tree: next });
    return next;
  }
  const tree = parser.parse(text);
  deltas.delete(key);
  if (tree) store(key, { grammar, text, tree });
  return tree;
}

/** How the last incremental parse of a path differed from the text before it (UTF-16 offsets). */
export interface ParseDelta {
  /** The tree the delta leads to (the delta is only valid for this tree). */
  readonly tree: Tree;
  /** The text that was parsed before. */
  readonly oldText: string;
  /** The edit: `oldText[start, oldEnd)` became `text[start, newEnd)`. */
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
  /** tree-sitter's changed ranges (offsets in the new text): where the syntax tree differs beyond the edit. */
  readonly changed: readonly { readonly startIndex: number; readonly endIndex: number }[];
}

const deltas = new Map<string, ParseDelta>();

/** The delta of the incremental parse that produced `tree` for this key, if `tree` came from one. */
export function parseDeltaOf(key: string, tree: Tree): ParseDelta | undefined {
  const d = deltas.get(key);
  return d && d.tree === tree ? d : undefined;
}

function store(key: string, entry: CachedTree): void {
  const prev = treeCache.get(key);
  if (prev && prev.tree !== entry.tree) {
    const d = deltas.get(key);
    if (d && d.tree === prev.tree) deltas.delete(key);
  }
  if (prev && prev.tree !== entry.tree) prev.tree.delete();
  treeCache.delete(key);
  treeCache.set(key, entry);
  if (treeCache.size > TREE_CACHE_MAX) {
    const oldest = treeCache.keys().next().value;
    if (oldest !== undefined) releaseTree(oldest);
  }
}
