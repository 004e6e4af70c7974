/**
 * The detection fixture corpus (`test/fixtures/detect/**`): its `.expected.json` format, how fixtures are found
 * and run through the real detector, and how expected sites are compared with detected ones. Shared by
 * `test/unit/detectFixtures.test.ts` (one `it` per fixture) and `scripts/fixtureReport.ts` (recall/precision tables).
 *
 * Layout:
 * - `<topic>/<case>.<ext>` + `<case>.expected.json`: a single-file case. The workspace root handed to the detector
 *   is the fixture root, and the file's path is `<topic>/<case>.<ext>`.
 * - `<topic>/<case>/**`: a multi-file case (one-hop import resolution). The workspace root is the case folder, so
 *   files see each other as a small project would; the entry file's expected.json says `"entry": true`. Other
 *   files of the case may have an expected.json too (usually `"sites": []`).
 * - `known-gaps.json`: `{ "<fixture path>": "reason" }`; those fixtures run as visible `it.skip`s.
 *
 * Every expected.json is written by hand from the SDK's documentation, never from the detector's output.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { detect, type LoadWasm } from '../../../src/core/detect/detector';
import type { FileProvider } from '../../../src/core/fileProvider';
import { API_KINDS, type Api, type CallSite, type Diagnostic, type ModelResolution, type Provider, type Via } from '../../../src/core/types';

/** One site a fixture expects. `line` is 1-based (in the cell for notebooks); `cell` is the 0-based cell index. */
export interface ExpectedSite {
  readonly line: number;
  readonly cell?: number;
  readonly provider: Provider;
  readonly via: Via;
  readonly api: Api;
  /** The id exactly as written in code, or null when the code does not say. Omitted only with `candidates`. */
  readonly model?: string | null;
  readonly modelResolution?: ModelResolution['kind'];
  /** For a conditional model (`a if x else b`, `x ? a : b`): every candidate id, in any order. */
  readonly candidates?: readonly string[];
  readonly stream?: boolean;
  readonly maxTokens?: number;
  readonly ignored?: boolean;
  /** The site is in test code (`CallSite.test`). */
  readonly test?: boolean;
}

/** The content of one `<case>.expected.json`. */
export interface ExpectedFile {
  /** `adapted from <owner/repo> <path>` or `written from <doc name>`. */
  readonly source: string;
  readonly language: string;
  /** Multi-file cases: true on the entry file. */
  readonly entry?: boolean;
  readonly note?: string;
  readonly sites: readonly ExpectedSite[];
}

/** A fixture ready to run. */
export interface FixtureCase {
  /** Path of the source file relative to the fixture root, POSIX (`openai/pyChat.py`): the fixture's name. */
  readonly id: string;
  readonly sourceFile: string;
  readonly expectedFile: string;
  /** Absolute workspace root for this case (the fixture root, or a multi-file case's folder). */
  readonly workspaceRoot: string;
  /** The path handed to the detector, relative to `workspaceRoot`. */
  readonly detectPath: string;
  /** `python`, `typescript`, `tsx`, `javascript`, `vue`, `svelte`, `notebook`, `shell`, `go`, `java`, `csharp`, `ruby`, `php` (from the extension). */
  readonly language: string;
  readonly multiFile: boolean;
  readonly expected: ExpectedFile;
}

const SOURCE_EXTENSIONS = ['.py', '.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.vue', '.svelte', '.ipynb', '.sh', '.bash', '.go', '.java', '.cs', '.rb', '.php'];

const LANGUAGE_OF_EXTENSION: Readonly<Record<string, string>> = {
  '.py': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.jsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.vue': 'vue',
  '.svelte': 'svelte',
  '.ipynb': 'notebook',
  '.sh': 'shell',
  '.bash': 'shell',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
  '.rb': 'ruby',
  '.php': 'php',
};

/** The repository root (this file is test/unit/detect/fixtureFormat.ts). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
/** The fixture root. */
export const FIXTURE_ROOT = join(REPO_ROOT, 'test', 'fixtures', 'detect');

function toPosix(p: string): string {
  return p.split(sep).join('/');
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

/** Finds every fixture (each `.expected.json` with its source file). Throws on a malformed corpus: that is a test bug. */
export function listFixtures(root: string = FIXTURE_ROOT): FixtureCase[] {
  const files: string[] = [];
  if (!existsSync(root)) return [];
  walk(root, files);
  const cases: FixtureCase[] = [];
  for (const expectedFile of files.filter((f) => f.endsWith('.expected.json'))) {
    const stem = expectedFile.slice(0, -'.expected.json'.length);
    const sourceFile = SOURCE_EXTENSIONS.map((ext) => stem + ext).find((f) => existsSync(f));
    if (!sourceFile) throw new Error(`No source file beside ${expectedFile}`);
    const id = toPosix(relative(root, sourceFile));
    const parts = id.split('/');
    // `<topic>/<case>/...` is a multi-file case rooted at the case folder; `<topic>/<file>` is a single file.
    const multiFile = parts.length > 2;
    const workspaceRoot = multiFile ? join(root, parts[0]!, parts[1]!) : root;
    const ext = sourceFile.slice(sourceFile.lastIndexOf('.')).toLowerCase();
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedFile;
    validateExpected(expected, id);
    cases.push({
      id,
      sourceFile,
      expectedFile,
      workspaceRoot,
      detectPath: toPosix(relative(workspaceRoot, sourceFile)),
      language: LANGUAGE_OF_EXTENSION[ext] ?? ext,
      multiFile,
      expected,
    });
  }
  return cases;
}

const PROVIDERS: readonly Provider[] = ['openai', 'azure-openai', 'anthropic', 'google', 'bedrock', 'mistral', 'cohere', 'groq', 'together', 'fireworks', 'deepseek', 'openrouter', 'xai', 'ollama', 'huggingface', 'other'];
const VIAS: readonly Via[] = ['sdk', 'http', 'langchain', 'llamaindex', 'litellm', 'ai-sdk', 'framework'];
const APIS: readonly Api[] = API_KINDS;
const RESOLUTIONS: readonly ModelResolution['kind'][] = ['literal', 'constant', 'default-argument', 'env-default', 'earlier-cell', 'imported', 'constructor', 'usage-file', 'unknown'];

/** Rejects typos in hand-written expectations, so a bad fixture fails loudly instead of comparing nonsense. */
function validateExpected(e: ExpectedFile, id: string): void {
  const bad = (msg: string): never => {
    throw new Error(`${id}.expected.json: ${msg}`);
  };
  if (typeof e.source !== 'string' || e.source.length === 0) bad('missing "source"');
  if (!Array.isArray(e.sites)) bad('missing "sites"');
  const seen = new Set<string>();
  for (const s of e.sites) {
    if (!Number.isInteger(s.line) || s.line < 1) bad(`bad line ${String(s.line)}`);
    if (id.endsWith('.ipynb') !== (s.cell !== undefined)) bad(`line ${s.line}: "cell" is required for notebooks and only for them`);
    if (!PROVIDERS.includes(s.provider)) bad(`line ${s.line}: unknown provider ${s.provider}`);
    if (!VIAS.includes(s.via)) bad(`line ${s.line}: unknown via ${s.via}`);
    if (!APIS.includes(s.api)) bad(`line ${s.line}: unknown api ${s.api}`);
    if (s.candidates === undefined) {
      if (s.model === undefined) bad(`line ${s.line}: "model" is required (null when unresolved)`);
      if (s.modelResolution === undefined || !RESOLUTIONS.includes(s.modelResolution)) bad(`line ${s.line}: bad modelResolution`);
      if ((s.model === null) !== (s.modelResolution === 'unknown')) bad(`line ${s.line}: model null <=> modelResolution unknown`);
    }
    const key = siteKey(s.line, s.cell);
    if (seen.has(key)) bad(`two sites at ${key}`);
    seen.add(key);
  }
}

/** `cell:line` (or `line`), the key sites are matched by. */
export function siteKey(line: number, cell?: number): string {
  return cell === undefined ? `${line}` : `cell ${cell} line ${line}`;
}

/** Known gaps: fixture id → reason. */
export function loadKnownGaps(root: string = FIXTURE_ROOT): Map<string, string> {
  const file = join(root, 'known-gaps.json');
  if (!existsSync(file)) return new Map();
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(raw).filter(([k]) => !k.startsWith('$')));
}

/** Reads wasm files from node_modules: the runtime from web-tree-sitter, grammars from @vscode/tree-sitter-wasm. */
export function createNodeLoadWasm(repoRoot: string = REPO_ROOT): LoadWasm {
  const cache = new Map<string, Uint8Array>();
  return async (name: string) => {
    const base = name.split('/').pop() ?? name;
    const hit = cache.get(base);
    if (hit) return hit;
    const candidates = [
      join(repoRoot, 'node_modules', 'web-tree-sitter', base),
      join(repoRoot, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm', base),
    ];
    const found = candidates.find((c) => existsSync(c));
    if (!found) throw new Error(`wasm not found: ${name}`);
    const bytes = new Uint8Array(readFileSync(found));
    cache.set(base, bytes);
    return bytes;
  };
}

/** Files the detector must never see: the answers and the corpus's own notes. */
function isCorpusMetadata(rel: string): boolean {
  return rel.endsWith('.expected.json') || rel.endsWith('known-gaps.json') || rel.endsWith('README.md');
}

/**
 * An in-memory FileProvider over the source files under `root` (read once), with POSIX paths relative to it.
 * Expectation files are left out so that cross-file resolution cannot read the answers.
 */
export function createMemoryFileProvider(root: string): FileProvider {
  const files = new Map<string, string>();
  const dirs = new Map<string, Map<string, 'file' | 'directory'>>();
  const addEntry = (dir: string, name: string, type: 'file' | 'directory'): void => {
    let m = dirs.get(dir);
    if (!m) dirs.set(dir, (m = new Map()));
    m.set(name, type);
  };
  const all: string[] = [];
  walk(root, all);
  for (const abs of all) {
    const rel = toPosix(relative(root, abs));
    if (isCorpusMetadata(rel)) continue;
    files.set(rel, readFileSync(abs, 'utf8'));
    const parts = rel.split('/');
    for (let i = 0; i < parts.length; i++) {
      addEntry(parts.slice(0, i).join('/'), parts[i]!, i === parts.length - 1 ? 'file' : 'directory');
    }
  }
  const norm = (p: string): string => p.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return {
    readText: async (p) => files.get(norm(p)),
    list: async (d) => {
      const m = dirs.get(norm(d) === '.' ? '' : norm(d));
      return m ? [...m].map(([name, type]) => ({ name, type })) : undefined;
    },
    stat: async (p) => {
      const n = norm(p);
      const text = files.get(n);
      if (text !== undefined) return { type: 'file', size: Buffer.byteLength(text), mtime: 0 };
      return dirs.has(n === '.' ? '' : n) ? { type: 'directory', size: 0, mtime: 0 } : undefined;
    },
  };
}

/** What the detector returned for one fixture. */
export interface FixtureRun {
  readonly sites: readonly CallSite[];
  readonly diagnostics: readonly Diagnostic[];
  /** Set when the detector threw (it must not). */
  readonly error?: string;
}

const providerCache = new Map<string, FileProvider>();

/** Runs the real detector on one fixture. */
export async function runFixture(c: FixtureCase, loadWasm: LoadWasm): Promise<FixtureRun> {
  let files = providerCache.get(c.workspaceRoot);
  if (!files) providerCache.set(c.workspaceRoot, (files = createMemoryFileProvider(c.workspaceRoot)));
  const text = readFileSync(c.sourceFile, 'utf8');
  try {
    const result = await detect({ path: c.detectPath, text }, { files, loadWasm });
    return { sites: result.sites, diagnostics: result.diagnostics };
  } catch (e) {
    return { sites: [], diagnostics: [], error: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
}

/** One expected site matched to a detected one, with the fields that differ. */
export interface MatchedSite {
  readonly expected: ExpectedSite;
  readonly actual: CallSite;
  /** Human-readable differences (empty when every checked field agrees). */
  readonly diffs: readonly string[];
  /** Model id and resolution kind (or the candidate set) agree. */
  readonly modelCorrect: boolean;
}

/** The comparison of one fixture. */
export interface Comparison {
  readonly matched: readonly MatchedSite[];
  readonly missing: readonly ExpectedSite[];
  readonly extra: readonly CallSite[];
}

/** Compares sites by (line, cell); matched sites must agree on provider, via, api, model and the optional fields. */
export function compareSites(expected: readonly ExpectedSite[], actual: readonly CallSite[]): Comparison {
  const byKey = new Map<string, CallSite[]>();
  for (const a of actual) {
    const k = siteKey(a.line, a.cell);
    byKey.set(k, [...(byKey.get(k) ?? []), a]);
  }
  const matched: MatchedSite[] = [];
  const missing: ExpectedSite[] = [];
  for (const e of expected) {
    const k = siteKey(e.line, e.cell);
    const list = byKey.get(k);
    const a = list?.shift();
    if (!a) {
      missing.push(e);
      continue;
    }
    const diffs: string[] = [];
    const check = (field: string, want: unknown, got: unknown): void => {
      if (want !== got) diffs.push(`${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    };
    check('provider', e.provider, a.provider);
    check('via', e.via, a.via);
    check('api', e.api, a.api);
    const before = diffs.length;
    if (e.candidates !== undefined) {
      const got = (a.model.candidates ?? []).map((c) => c.id).filter((x): x is string => x !== null).sort();
      const want = [...e.candidates].sort();
      check('model candidates', want.join(','), got.join(','));
    } else {
      check('model', e.model, a.model.id);
      check('modelResolution', e.modelResolution, a.model.resolution.kind);
    }
    const modelCorrect = diffs.length === before;
    if (e.stream !== undefined) check('stream', e.stream, a.stream);
    if (e.maxTokens !== undefined) check('maxTokens', e.maxTokens, a.params.maxTokens);
    if (e.ignored !== undefined) check('ignored', e.ignored, a.ignored === true);
    if (e.test !== undefined) check('test', e.test, a.test === true);
    matched.push({ expected: e, actual: a, diffs: diffs.map((d) => `${siteKey(e.line, e.cell)}: ${d}`), modelCorrect });
  }
  const extra = [...byKey.values()].flat();
  return { matched, missing, extra };
}

/** A one-line summary of a site, for failure messages. */
export function describeActual(a: CallSite): string {
  return `${siteKey(a.line, a.cell)}: ${a.method} ${a.provider}/${a.via}/${a.api} model=${JSON.stringify(a.model.id)} (${a.model.resolution.kind})`;
}

/** Every difference of a comparison, one per line (empty when the fixture passes). */
export function describeComparison(c: Comparison): string[] {
  return [
    ...c.missing.map((e) => `missing site ${siteKey(e.line, e.cell)} (${e.provider}/${e.via}/${e.api} model=${JSON.stringify(e.model ?? e.candidates)})`),
    ...c.extra.map((a) => `unexpected site ${describeActual(a)}`),
    ...c.matched.flatMap((m) => m.diffs),
  ];
}
