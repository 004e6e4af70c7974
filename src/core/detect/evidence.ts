/**
 * The second, exact-enough text test before parsing: does a file hold the evidence any call site needs?
 *
 * The {@link PREFILTER} words are deliberately broad (`invoke`, `embed`, `together`, `completions` …) because a site
 * can sit in a file that names no SDK at all: its client comes from a neighbour it imports. Parsing every file that
 * mentions such a word is most of a large scan's cost, so this module states, from the catalogue data, what each way
 * the analyser can produce a site needs to see in the text, and the detector parses only files that have it (in
 * themselves or in a one-hop neighbour, resolved exactly as the analyser resolves it).
 *
 * The analyser (`analyzer.ts#analyzeCall`) produces a site in exactly four ways, and each needs a piece of text:
 * 1. **A catalogue value** (a client, a module function, a callable instance, a LangChain chain): every value starts
 *    at an import of a catalogue module (`moduleValue`): Python `import m` / `from m import x` (the first dotted
 *    component of the module name is written as a word), JS `import … from 'm'` / `require('m')` (the specifier is a
 *    quoted string). Type annotations, `self.x`, factories and dict lookups all end at such an import. A value can
 *    also come from a one-hop neighbour (`from .clients import client`): then the neighbour holds the import.
 * 2. **Raw HTTP** (`fetch`, `requests.post`, `urlopen` …): the call name is in the file, and the URL path must end
 *    with an endpoint of `HTTP_ENDPOINTS`, whose last segment is one of its `words` (or, for an endpoint bound to a
 *    host, the URL holds one of its `hostWords`); the URL is built from string literals of the file or of a constant
 *    imported from a neighbour. A URL the code does not show needs a model-shaped body written in the file
 *    (`MODEL_BODY`: one of its model keys or `inputs` as a key, `MODEL_BODY_WORD`).
 * 3. **A fallback path** (`FALLBACKS`: an unresolved receiver calling `chat.completions.create` …): the path is
 *    written in the file as a called member chain (names joined by dots, blanks, comments or ignored segments such
 *    as `with_raw_response`), and the file matches the fallback's `fileToken` (tested on the file only).
 * 4. Nothing else: a file with none of these yields no site however it parses. (The detector also skips TypeScript
 *    declaration files, `.d.ts`: they hold no executable code.)
 *
 * All tests are supersets of what the analyser checks (substrings, not syntax), so a file this module rejects has no
 * site; `test/unit/evidence.test.ts` compares the detector with and without it on every fixture and the demo.
 *
 * The same reasoning narrows the analysis of a file that is parsed: when way 1 is closed (no catalogue import in the
 * file or in the neighbours the analyser loads) and way 3 too (no fallback path), only raw HTTP calls can be sites,
 * and the analyser skips evaluating call receivers (`AnalyzerOptions.httpOnly`).
 */
import { FALLBACKS, JS_PACKAGE_ALIASES, MODULES } from './catalog/sdks';
import { HTTP_ENDPOINTS, MODEL_BODY } from './catalog/params';
import { isAsciiWordCode, JS_FETCH_ALIAS_RE, JS_FETCH_ALT, JS_TYPE_ARGS, type Lang } from './syntax';
import { ownPackageDirOf, packageFamily, writtenFallbackPath } from './analyzer/catalogIndex';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Python: the first component of every catalogue module name, as a whole word (`google`, `langchain_openai`). */
const pyModuleRe = (mods: readonly (typeof MODULES)[number][]): RegExp =>
  new RegExp(
    `(?<!\\w)(?:${[...new Set(mods.filter((m) => m.lang === 'python').map((m) => m.name.split('.')[0] ?? m.name))]
      .sort((a, b) => b.length - a.length)
      .map(escapeRe)
      .join('|')})(?!\\w)`,
  );
const PY_MODULE_RE = pyModuleRe(MODULES);
/** Per framework family (`packageFamily`): the same without its modules (inside its own source folder they resolve to nothing). */
const PY_MODULE_RE_NOT_OWN = new Map<string, RegExp>();
function pyModuleReNotOwn(family: string): RegExp {
  let re = PY_MODULE_RE_NOT_OWN.get(family);
  if (!re) PY_MODULE_RE_NOT_OWN.set(family, (re = pyModuleRe(MODULES.filter((m) => !m.ownPackage || packageFamily(m.name.split(/[./]/)[0] ?? m.name) !== family))));
  return re;
}
/**
 * JS: a catalogue module specifier where the analyser reads one: the source of an `import … from '…'` statement, the
 * one string argument of `require('…')` or of a dynamic `import('…')` (comments may sit in between). The package name
 * may carry what analyzer/moduleNames.ts reads past: a runtime prefix (`npm:`, `jsr:`), a CDN or Deno URL before it,
 * a version, a sub-path or a query after it.
 */
const JS_GAP = String.raw`(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*`;
const JS_PACKAGES = [...new Set([...MODULES.filter((m) => m.lang === 'js').map((m) => m.name), ...Object.keys(JS_PACKAGE_ALIASES)])];
const JS_MODULE_RE = new RegExp(
  `(?:(?<![\\w$])from|(?<![\\w$.])(?:require|import)${JS_GAP}\\()${JS_GAP}['"\`](?:npm:|jsr:|https?:\\/\\/[^'"\`\\s]*?\\/)?(?:${JS_PACKAGES
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})(?=['"\`@/?#])`,
);
/**
 * A catalogue package name where {@link JS_MODULE_RE} reads one (after the quote, a runtime prefix's `:` or a URL's
 * `/`): a necessary condition that is cheap to scan for (a leading character class, no look-behind per import word).
 */
const JS_PACKAGE_WORD_RE = new RegExp(`[/:'"\`](?:${JS_PACKAGES.map(escapeRe).join('|')})(?=['"\`@/?#])`);
/**
 * The last path segment of every inference endpoint as a URL literal has it: whole, after `/`, `:` or the literal's
 * opening quote. (The separator is matched, not looked behind at: a leading character class lets the engine scan.)
 */
const HTTP_WORD_RE = new RegExp(
  `[/:'"\`](?:${[...new Set(HTTP_ENDPOINTS.flatMap((e) => e.words))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})(?![A-Za-z0-9_])`,
);
/** The hosts of the endpoints bound to one (`elevenlabs.io`): such a URL is a literal that holds its host. */
const HOST_WORD_RE = new RegExp(
  [...new Set(HTTP_ENDPOINTS.flatMap((e) => e.hostWords ?? []))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|'),
  'i',
);
/** What may stand between a JS shorthand property and the `{` or `,` around it: blanks and comments. */
// A block comment is matched unrolled (`/*`, then never past the first `*/`): a lazy `[\s\S]*?` may extend to a later
// `*/` on backtracking, quadratic on bundles full of `,/*#__PURE__*/`.
const SHORTHAND_GAP = String.raw`(?:\s|\/\/[^\n]*\n|\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/)*`;
/** The same in Python: blanks, comments, line continuations (a key and its `:` or `=` may stand apart). */
const PY_GAP = String.raw`(?:\s|#[^\n]*\n|\\\r?\n)*`;

/**
 * A key of a request body as the analyser reads one (`keyMap` in analyzer/arguments.ts: a dict/object `pair`, a Python
 * `keyword_argument`, a JS `shorthand_property_identifier`), as text, per language:
 * - both: a quoted key before `:` (`"model":`, Python `"""model""":`), a bare key before `:` (a Python identifier key, a JS
 *   property name), with blanks or comments (Python: line continuations) between the key and its `:` or `=`;
 * - Python: a keyword argument `model=` (not `model==`, not `self.model =`); Python has no shorthand property;
 * - JS: a shorthand property `{ model, messages }` (blanks and comments around it), checked to sit in an object
 *   literal, not in an argument or parameter list (`check("inputs", inputs, id)`: {@link inObjectLiteral}); JS has no
 *   `model=` key.
 * Global, so that a shorthand match in an argument list can be passed over.
 */
function keyRe(keys: readonly string[], lang: Lang): RegExp {
  const k = `(?:${keys.map(escapeRe).join('|')})`;
  return lang === 'python'
    ? new RegExp(`("""|'''|['"])${k}\\1${PY_GAP}:|(?<![\\w.])${k}${PY_GAP}(?::|=(?!=))`, 'g')
    : new RegExp(`(['"])${k}\\1${SHORTHAND_GAP}:|(?<![\\w$.])${k}${SHORTHAND_GAP}:|([{,])${SHORTHAND_GAP}${k}${SHORTHAND_GAP}[,}]`, 'g');
}
/** A model-shaped request body's keys (`MODEL_BODY`): `inputs` alone, or a model key and an input key. */
const BODY_KEYS = {
  alone: { python: keyRe(MODEL_BODY.alone, 'python'), js: keyRe(MODEL_BODY.alone, 'js') },
  model: { python: keyRe(MODEL_BODY.model, 'python'), js: keyRe(MODEL_BODY.model, 'js') },
  input: { python: keyRe(MODEL_BODY.input, 'python'), js: keyRe(MODEL_BODY.input, 'js') },
} as const;

/** True when `re` (from {@link keyRe}) finds a key: any match but a JS shorthand outside an object literal. */
function hasKey(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const opener = m[2];
    if (opener === undefined || opener === '{' || inObjectLiteral(text, m.index)) return true;
    re.lastIndex = m.index + 1;
  }
  return false;
}

/**
 * Whether the `,` at `at` is inside an object literal (`{ a: f(x), model }`) rather than an argument or parameter list
 * (`check("inputs", inputs, id)`): the nearest bracket left open before it, walking back over balanced brackets and
 * one-line strings. Answers true when unsure (a comment, a template literal or a `/` on the way, a string that does
 * not close on its line, or more than 4,000 characters back), so that it never rejects a real body.
 */
export function inObjectLiteral(text: string, at: number): boolean {
  let depth = 0;
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (unsureLine(text, lineStart, at)) return true;
  for (let i = at - 1, budget = 4000; i >= 0; i--) {
    if (--budget < 0) return true;
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = text.lastIndexOf('\n', i - 1) + 1;
      if (unsureLine(text, lineStart, i)) return true;
    } else if (c === 34 || c === 39) {
      // A string: back to its opening quote on the same line (an escaped quote does not close it).
      let j = i - 1;
      while (j >= lineStart && !(text.charCodeAt(j) === c && text.charCodeAt(j - 1) !== 92)) j--;
      if (j < lineStart) return true;
      i = j;
    } else if (c === 41 || c === 93 || c === 125) depth++;
    else if (c === 40 || c === 91 || c === 123) {
      if (depth > 0) depth--;
      else return c === 123;
    }
  }
  return true;
}

/** A line (or the part of one before a position) the bracket walk cannot read safely: a comment, a regex, a template. */
function unsureLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 47 || c === 96) return true;
  }
  return false;
}

/**
 * The HTTP call names `analyzeHttp` reads a URL from, per language, called (`fetch(`, `$fetch<T>(`, `ky(`). Global,
 * without a look-behind (which makes the engine try every position): {@link findWord} checks the character before.
 */
const HTTP_CALL_RE: Readonly<Record<Lang, RegExp>> = {
  js: new RegExp(String.raw`(?:${JS_FETCH_ALT}|post|request|axios|WebSocket)\s*${JS_TYPE_ARGS}(?:\?\.)?\(`, 'g'),
  python: /(?:urlopen|post|request|stream|ws_connect|connect|create_connection|WebSocketApp)\s*\(/g,
};

/** True when `re` (global) matches somewhere not preceded by a letter, digit, `_` or `$`. */
function findWord(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index === 0 || !isAsciiWordCode(text.charCodeAt(m.index - 1))) return true;
    re.lastIndex = m.index + 1;
  }
  return false;
}
/** What may separate two names of a member chain: blanks, comments, line continuations. */
const CHAIN_GAP = String.raw`(?:\s|\\\r?\n|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/|#[^\n]*\n)*`;
/** Segments the fallback matcher ignores inside a path (`client.beta.chat…`, `.with_raw_response.`). */
const IGNORED_SEGMENTS = ['beta', 'with_raw_response', 'aio'];
/**
 * A fallback path as the callee of a call: its names joined by `.` (or `?.`, `!.`), with ignored segments between,
 * the last one called, as `ANCHOR_RE` in the analyser requires (`completions.create(`).
 */
function chainPattern(path: string): RegExp {
  const dot = `${CHAIN_GAP}[?!]?\\.${CHAIN_GAP}`;
  const skip = `(?:(?:${IGNORED_SEGMENTS.join('|')})${dot})*`;
  const names = path.split('.').map(escapeRe);
  return new RegExp(`${names.join(`${dot}${skip}`)}\\s*(?:\\?\\.)?\\(`, 'y');
}
/** Per fallback: its chain (sticky, tried where the combined pattern matched) and its file token. */
const FALLBACK_TESTS: readonly { readonly lang: Lang; readonly chain: RegExp; readonly token: RegExp }[] = FALLBACKS.map((f) => ({
  lang: f.lang,
  chain: chainPattern(writtenFallbackPath(f)),
  token: f.fileToken,
}));
/** Per language, every fallback chain in one pattern: one pass over the text instead of one per fallback. */
const FALLBACK_ANY: Readonly<Record<Lang, RegExp>> = {
  python: new RegExp(FALLBACK_TESTS.filter((f) => f.lang === 'python').map((f) => f.chain.source).join('|'), 'g'),
  js: new RegExp(FALLBACK_TESTS.filter((f) => f.lang === 'js').map((f) => f.chain.source).join('|'), 'g'),
};

/**
 * Imports a catalogue module (way 1). With the file's path: inside a framework's own source folder
 * (`ownPackageDirOf`) the modules of that framework's family do not count.
 */
export function hasModuleImport(text: string, lang: Lang, path?: string): boolean {
  const own = lang === 'python' && path !== undefined ? ownPackageDirOf(path, lang) : undefined;
  if (own !== undefined) return pyModuleReNotOwn(packageFamily(own)).test(text);
  return lang === 'python' ? PY_MODULE_RE.test(text) : JS_PACKAGE_WORD_RE.test(text) && JS_MODULE_RE.test(text);
}

/** Makes an HTTP call that could reach an endpoint (way 2). */
export function hasHttpCall(text: string, lang: Lang): boolean {
  return findWord(HTTP_CALL_RE[lang], text) || (lang === 'js' && (FETCH_FACTORY_CALL_RE.test(text) || hasFetchAlias(text)));
}
/** A local name given to `fetch` (syntax.ts JS_FETCH_ALIAS_RE), cheaply ruled out first. */
function hasFetchAlias(text: string): boolean {
  if (!text.includes('fetch')) return false;
  JS_FETCH_ALIAS_RE.lastIndex = 0;
  return JS_FETCH_ALIAS_RE.test(text);
}
/** A fetch factory called at once (`customFetch(requestOptions)(url, init)`): the fetch it returns makes the call. */
const FETCH_FACTORY_CALL_RE = /[a-z]Fetch\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*\(/;

/** Names an endpoint's last path segment or a bound endpoint's host (way 2, possibly for a neighbour's HTTP call). */
export function hasEndpointWord(text: string): boolean {
  return HTTP_WORD_RE.test(text) || HOST_WORD_RE.test(text);
}

/** Writes a model-shaped request body (way 2 without a visible endpoint: the body is read in the file itself). */
export function hasModelBodyWord(text: string, lang: Lang): boolean {
  // Every model key holds `model` (model, model_id, modelId): most files are answered by two substring searches.
  return (text.includes('inputs') && hasKey(BODY_KEYS.alone[lang], text)) || (text.includes('model') && hasKey(BODY_KEYS.model[lang], text) && hasKey(BODY_KEYS.input[lang], text));
}

/** Holds a fallback path with its file token (way 3). */
export function hasFallback(text: string, lang: Lang): boolean {
  const any = FALLBACK_ANY[lang];
  // Each fallback's file token is looked for once per text (a chain such as `send(` may start at hundreds of places).
  const tokens = new Map<RegExp, boolean>();
  const hasToken = (re: RegExp): boolean => {
    let has = tokens.get(re);
    if (has === undefined) tokens.set(re, (has = re.test(text)));
    return has;
  };
  any.lastIndex = 0;
  for (let m = any.exec(text); m; m = any.exec(text)) {
    const at = m.index;
    any.lastIndex = at + 1;
    if (at > 0 && isAsciiWordCode(text.charCodeAt(at - 1))) continue;
    // Which fallbacks' chains start here (the alternation reports only the first); any with its token counts.
    for (const f of FALLBACK_TESTS) {
      if (f.lang !== lang) continue;
      f.chain.lastIndex = at;
      if (f.chain.test(text) && hasToken(f.token)) return true;
    }
  }
  return false;
}

/**
 * Ways 1 and 3 in the file itself: it imports a catalogue module or writes a fallback path. Without either (and without
 * a neighbour's import), only raw HTTP calls can be sites (`AnalyzerOptions.httpOnly`).
 */
export function catalogueEvidence(text: string, lang: Lang, path?: string): boolean {
  return hasModuleImport(text, lang, path) || hasFallback(text, lang) || hasLangChainModelMethod(text);
}

/**
 * A method only LangChain chat models have (`llm.bind_tools(tools)`, `.withStructuredOutput(Schema)`) in a file that
 * names LangChain: the analyser takes the receiver for a chat model of unknown provider without any import
 * (analyzer/clients.ts `LC_MODEL_ONLY`), so this is evidence too.
 */
function hasLangChainModelMethod(text: string): boolean {
  return LC_MODEL_ONLY_CALL_RE.test(text) && /langchain/i.test(text);
}
const LC_MODEL_ONLY_CALL_RE = /(?:bind_tools|bindTools|with_structured_output|withStructuredOutput)\s*\(/;

/**
 * Way 2 in the file itself: an HTTP call and an endpoint's last path segment; or a model-shaped body and a call that
 * can send it without showing its URL (JS: a fetch-like function or axios, not any `post`/`request` method).
 */
export function httpEvidence(text: string, lang: Lang, call: boolean = hasHttpCall(text, lang)): boolean {
  // The call is asked before the endpoint word: most files make no HTTP call, and the endpoint and host patterns are
  // the dearer scans. `call`: the file's hasHttpCall, when the caller has it.
  return (call && hasEndpointWord(text)) || bodyHttpEvidence(text, lang, call);
}

/**
 * The second half of {@link httpEvidence}: a model-shaped body and a call that can send it. The call is asked first
 * (the body's key patterns are the dearer scans). `call`: the file's hasHttpCall, when the caller has it: Python's body
 * calls are its calls, and a JS body call is one of its calls too, except `axios.put(` (`put` is no HTTP_CALL_RE name).
 */
export function bodyHttpEvidence(text: string, lang: Lang, call?: boolean): boolean {
  const bodyCall =
    lang === 'python'
      ? (call ?? findWord(HTTP_CALL_RE.python, text))
      : call === false
        ? JS_PUT_CALL_RE.test(text) && findWord(JS_BODY_CALL_RE, text)
        : findWord(JS_BODY_CALL_RE, text) || FETCH_FACTORY_CALL_RE.test(text) || hasFetchAlias(text);
  return bodyCall && hasModelBodyWord(text, lang);
}
/** JS calls the body rule of `analyzeHttp` reads (`fetch(`, `this.fetch(`, `axios.post(`, `ky(` …). */
const JS_BODY_CALL_RE = new RegExp(String.raw`(?:${JS_FETCH_ALT}|axios)\s*${JS_TYPE_ARGS}(?:\?\.)?(?:\(|\.\s*(?:post|put|request)\s*\()`, 'g');
/** The one JS_BODY_CALL_RE call that HTTP_CALL_RE does not match: a `put(` (a necessary condition, cheap to scan). */
const JS_PUT_CALL_RE = /put\s*\(/;

/** True when the file's own text can yield a site without looking at any neighbour. */
export function selfSufficient(text: string, lang: Lang): boolean {
  return catalogueEvidence(text, lang) || httpEvidence(text, lang);
}

/** What a one-hop neighbour can supply to the file that imports it. */
export interface NeighbourEvidence {
  /** It imports a catalogue module: a client, function or constant built from it can be imported (way 1). */
  readonly module: boolean;
  /**
   * It names an endpoint: a URL constant for the importing file's HTTP call (way 2). Undefined when not asked: it
   * matters only to a file that makes an HTTP call (few do), and only when the neighbour imports no catalogue module.
   */
  readonly endpoint?: boolean;
}

/** A neighbour's evidence; `endpoint` is only looked for when `needEndpoint` and the neighbour imports no catalogue module. */
export function neighbourEvidenceOf(text: string, lang: Lang, path: string | undefined, needEndpoint: boolean): NeighbourEvidence {
  const module = hasModuleImport(text, lang, path);
  return module || !needEndpoint ? { module } : { module, endpoint: hasEndpointWord(text) };
}

/** Whether `n` answers {@link neighbourEnables} for a file with or without an HTTP call. */
export function neighbourAnswers(n: NeighbourEvidence, fileHasHttpCall: boolean): boolean {
  return n.module || !fileHasHttpCall || n.endpoint !== undefined;
}

/** True when a neighbour with evidence `n` can make a site possible in a file that is not {@link selfSufficient}. */
export function neighbourEnables(n: NeighbourEvidence, fileHasHttpCall: boolean): boolean {
  return n.module || (fileHasHttpCall && n.endpoint === true);
}
