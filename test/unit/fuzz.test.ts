/**
 * Seeded fuzzing of detection, estimation and report formatting (issue 10).
 *
 * Budget: `FUZZ_RUNS` cases in total (default small, see fuzz/budget.ts), spread over the properties; `npm run fuzz`
 * sets 100000. `FUZZ_SEED=<n>` replays a run; a failure prints fast-check's seed and counterexample path.
 *
 * Properties:
 * - detect() never throws or rejects, on mutated fixtures, random bytes (decoded like the callers do), BOMs,
 *   CRLF/CR line ends, deep nesting, huge and minified files and malformed notebooks;
 * - unmutated fixtures give zero `internal-error` diagnostics and the hand-written sites (so a detector that returns
 *   nothing fails), and a BOM or CRLF line ends change nothing;
 * - every site that lies away from a mutation (its call range ends more than a line before the mutated line) is still
 *   found with the same line, provider and api;
 * - time grows linearly with pathological input size (1×/2×/4×);
 * - skipped inputs (too large, minified, binary, malformed notebooks) come back with a diagnostic;
 * - estimateSites and every report formatter (JSON, JSON Lines, CSV, Markdown, table, SARIF, diff, hints, hover) never
 *   throw, on detected and on generated sites;
 * - the configuration a repository controls (issue 17): team files (JSON/YAML, generated then mutated) load without a
 *   throw or an internal error, echo no value, cap their messages and give estimates with finite money;
 *   `.vscode/settings.json` (JSONC, prototype keys, deep nesting, junk) gives valid settings and pollutes no prototype;
 *   globs never throw, stay within their state-visit bound and agree with picomatch on plain patterns.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { defaultSettings } from '../../src/core/config/settings';
import { detect, type DetectInput } from '../../src/core/detect/detector';
import { extractScripts } from '../../src/core/detect/prepare';
import { getParser } from '../../src/core/detect/parser';
import { emptyTeamConfig, estimateSites } from '../../src/core/estimate/estimator';
import { buildReport } from '../../src/core/report/build';
import { diffReports, formatDiffMarkdown } from '../../src/core/report/diff';
import { formatCsv, formatJson, formatJsonl, formatMarkdown, formatTable } from '../../src/core/report/format';
import { hoverMarkdown, inlayLabel, lensTitle, siteRow } from '../../src/core/report/present';
import { formatSarif } from '../../src/core/report/sarif';
import { parseSettings } from '../../src/core/config/settings';
import type { FileProvider } from '../../src/core/fileProvider';
import { compileGlob, globStats } from '../../src/core/glob';
import { loadTeamConfig, MAX_DIAGNOSTICS_PER_FILE } from '../../src/core/teamFiles/loadTeamConfig';
import { loadCliSettings } from '../../src/cli/workspaceConfig';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { globInput, globPattern, SECRET, settingsText, teamFile } from './fuzz/config';
import type { Api, CallSite, Diagnostic, LoopContext, PromptPart, Provider, Range, SiteEstimate, Via } from '../../src/core/types';
import { createNodeLoadWasm } from './detect/fixtureFormat';
import { count, counts, longRun, params, seed, totalRuns } from './fuzz/budget';
import { loadCorpus, type CorpusFile } from './fuzz/corpus';
import { applyMutation, grammarOf, isAway, lineOfOffset, mutationFor, type Mutation } from './fuzz/mutate';
import { deepBrackets, deepCalls, deepNotebook, deepObjects, deepParens, manyLines, minified, pureAnnotations, reassignedChains, returnChains, annotatedDeclarations, containerBranches, blankGap, timeIt, type Pathological } from './fuzz/pathological';

const loadWasm = createNodeLoadWasm();
const corpus = loadCorpus();
const BIG = 64 * 1024 * 1024;

/** Runs detect and turns a throw or rejection into a test failure with the input's name. */
async function safeDetect(input: DetectInput, file?: CorpusFile, maxFileBytes?: number): Promise<Awaited<ReturnType<typeof detect>>> {
  try {
    return await detect(input, { loadWasm, ...(file ? { files: file.files } : {}), ...(maxFileBytes ? { maxFileBytes } : {}) });
  } catch (e) {
    throw new Error(`detect() threw on ${input.path}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

/** The original text a mutation removes or rewrites, with a margin (what a site's callers may have lost). */
/**
 * The top-level functions and classes of a source file that call `name`, directly or through each other (by name, in
 * their text): where a travelling client comes from (analyzer/travel.ts reads the file's calls of the site's function,
 * a method passing `self.client` too). Each with its line range (from its `def`/`function`/`class` line to the next
 * top-level line).
 */
/** Whether two texts hold as many of each bracket and quote character (a mutation that changes that can leave one open). */
function sameBrackets(a: string, b: string): boolean {
  return [...'()[]{}"\'`'].every((c) => a.split(c).length === b.split(c).length);
}

function callerBlocks(text: string, name: string): { from: number; to: number }[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: { name: string; from: number; to: number }[] = [];
  lines.forEach((l, i) => {
    if (!/^\S/.test(l)) return;
    const def = /^(?:export\s+)?(?:async\s+)?(?:def|function|class)\s+([\w$]+)/.exec(l);
    if (blocks.length) blocks[blocks.length - 1]!.to = i - 1;
    blocks.push({ name: def?.[1] ?? '', from: i, to: lines.length - 1 });
  });
  const body = (b: { from: number; to: number }): string => lines.slice(b.from, b.to + 1).join('\n');
  const names = new Set([name]);
  const callers: { from: number; to: number }[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const b of blocks) {
      if (!b.name || names.has(b.name)) continue;
      if ([...names].some((n) => new RegExp(`(?<![\\w$.])${n}\\b`).test(body(b)))) {
        names.add(b.name);
        callers.push(b);
        grew = true;
      }
    }
  }
  // Module-level statements that call one of them pass clients in too (`interview(ChatOpenAI(…), "hi")` at the end).
  for (const b of blocks) {
    if (!b.name && [...names].some((n) => new RegExp(`(?<![\\w$.])${n}\\b`).test(body(b)))) callers.push(b);
  }
  return callers;
}

/**
 * The top-level blocks that define `name` (`def name`, `function name`, `const name = (…) =>`): a site that calls a
 * wrapper of the file (`fetchChatResponse(url, body)`, whose own `fetch` makes the request) depends on it.
 */
function definitionBlocks(text: string, name: string): { from: number; to: number }[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: { name: string; from: number; to: number }[] = [];
  lines.forEach((l, i) => {
    if (!/^\S/.test(l)) return;
    const def = /^(?:export\s+)?(?:async\s+)?(?:def|function|class)\s+([\w$]+)|^(?:export\s+)?(?:const|let|var)\s+([\w$]+)\s*=/.exec(l);
    if (blocks.length) blocks[blocks.length - 1]!.to = i - 1;
    blocks.push({ name: def?.[1] ?? def?.[2] ?? '', from: i, to: lines.length - 1 });
  });
  return blocks.filter((b) => b.name === name);
}

function touchedText(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(m.at);
    case 'delete':
      return text.slice(Math.max(0, m.at - 40), m.at + m.length + 40);
    case 'swap':
      return `${text.slice(Math.max(0, m.at - 40), m.at + 40)}\n${text.slice(Math.max(0, m.at + m.other - 40), m.at + m.other + 40)}`;
    default:
      return text.slice(Math.max(0, m.at - 40), m.at + 80);
  }
}

const internalErrors = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.code === 'internal-error');
const key = (s: { line: number; cell?: number; provider: string; api: string }): string => `${s.cell ?? '-'}:${s.line}:${s.provider}:${s.api}`;

/** The sites of the unmutated fixture that the hand-written expectation also lists (the reference for "kept"). */
const reference = new Map<string, CallSite[]>();
/** Per reference site (same order): the last 0-based line of the top-level statement that holds it. */
const statementEnd = new Map<string, number[]>();

/**
 * The last line of the top-level statement (function, class, assignment…) around each site, from a fresh parse of
 * the unmutated text with the same grammar. This is the oracle for "the statements that resolve a site": it says
 * where code is, not what the detector makes of it.
 */
async function statementEnds(file: CorpusFile, sites: readonly CallSite[]): Promise<number[]> {
  const script = /\.(vue|svelte)$/.test(file.id) ? extractScripts(file.text) : undefined;
  const grammar = grammarOf(file.id, script?.ts ?? false);
  if (!grammar) return sites.map((s) => s.range.end.line);
  const parser = await getParser(grammar, loadWasm);
  const tree = parser.parse(script?.text ?? file.text);
  if (!tree) return sites.map(() => Number.MAX_SAFE_INTEGER);
  const tops = tree.rootNode.namedChildren.filter((n) => n !== null).map((n) => ({ start: n.startPosition.row, end: n.endPosition.row }));
  tree.delete();
  return sites.map((s) => {
    const line = s.range.start.line;
    const top = tops.find((t) => t.start <= line && line <= t.end);
    return Math.max(s.range.end.line, top?.end ?? s.range.end.line);
  });
}

describe(`fuzz (seed ${seed}, ${totalRuns} cases; FUZZ_RUNS / FUZZ_SEED to change)`, function () {
  // The long run takes minutes; the normal run stays well under a minute.
  this.timeout(longRun ? 3_600_000 : 120_000);

  after(() => {
    // Printed for docs/reliability.md (the table of inputs tried).
    console.log(`      fuzz cases run: ${[...counts].map(([k, v]) => `${k}=${v}`).join(', ')}`);
  });

  describe('pathological sizes (linear time; measured sizes go to docs/reliability.md)', () => {
    const table: string[] = [];
    after(() => {
      if (table.length) console.log(`      | input | 1× | 2× | 4× | ms 1× | ms 2× | ms 4× |\n${table.map((r) => `      ${r}`).join('\n')}`);
    });

    before(async () => {
      // Measured first, while the heap is small (after thousands of fuzz cases GC pauses blur the figures). Warm-up: grammar compilation and JIT must not count towards the 1× size.
      for (const g of [deepBrackets(50), deepParens(50), manyLines(2000)]) await safeDetect({ path: `warm/${g.path}`, text: g.text }, undefined, BIG);
    });

    const cases: { name: string; make: (n: number) => Pathological; base: number; unit: string }[] = [
      { name: 'nested brackets, one per line (Python)', make: deepBrackets, base: 2500, unit: 'levels' },
      { name: 'nested objects, one per line (TypeScript)', make: deepObjects, base: 2500, unit: 'levels' },
      { name: 'nested parentheses, one per line (TypeScript)', make: deepParens, base: 2500, unit: 'levels' },
      { name: 'nested calls, one per line (Python)', make: deepCalls, base: 2500, unit: 'levels' },
      { name: 'nested JSON in .ipynb metadata', make: deepNotebook, base: 2500, unit: 'levels' },
      { name: 'many lines (Python)', make: manyLines, base: 25_000, unit: 'lines' },
      { name: 'bundle lines with #__PURE__ comments after commas (JavaScript)', make: pureAnnotations, base: 2500, unit: 'lines' },
      { name: "helpers returning each other's results (JavaScript)", make: returnChains, base: 25, unit: 'helpers' },
      { name: 'a name reassigned from itself under conditions (Python)', make: reassignedChains, base: 10, unit: 'reassignments' },
      { name: 'list items copied and written back in every branch (Python)', make: containerBranches, base: 10, unit: 'branches' },
      { name: 'annotated declarations on one line (TypeScript)', make: annotatedDeclarations, base: 2500, unit: 'declarations' },
      { name: 'a method name, blank lines, then a call (Python)', make: blankGap, base: 20_000, unit: 'blank lines' },
    ];
    let tryNo = 0;
    for (const c of cases) {
      it(`${c.name}: up to ${c.base * 4} ${c.unit}, no throw, the written sites found, time(4×) < 8 × time(1×) + 50 ms`, async function () {
        this.timeout(longRun ? 600_000 : 120_000);
        // Up to two measuring rounds, keeping each size's best time: one GC pause in the middle of a 4× run must not
        // pass for non-linear growth, while a real O(n²) shows in both rounds.
        const times = [Infinity, Infinity, Infinity];
        const linear = (): boolean => times[2]! < 8 * times[0]! + 50;
        for (let round = 0; round < 2 && (round === 0 || !linear()); round++) {
          for (const [i, k] of [1, 2, 4].entries()) {
            const p = c.make(c.base * k);
            let result: Awaited<ReturnType<typeof detect>> | undefined;
            // The 100,000-line file takes seconds: measured once in the normal run, three times in the long one.
            const tries = c.unit === 'lines' ? (longRun ? 3 : 1) : longRun ? 5 : 3;
            // A distinct path per try: the incremental-parse cache must neither serve a stored tree nor turn a size into an edit.
            const t = await timeIt(async () => (result = await safeDetect({ path: `t${tryNo++}/${p.path}`, text: p.text }, undefined, BIG)), tries);
            times[i] = Math.min(times[i]!, t);
            count('pathological');
            assert.deepEqual(internalErrors(result!.diagnostics), [], `${c.name} ×${k}`);
            if (p.sites !== undefined) assert.equal(result!.sites.length, p.sites, `${c.name} ×${k}: sites written into the text`);
          }
        }
        table.push(`| ${c.name} | ${c.base} | ${c.base * 2} | ${c.base * 4} | ${times.map((t) => t.toFixed(0)).join(' | ')} |`);
        assert.ok(linear(), `not linear: ${times.map((t) => t.toFixed(1)).join(' / ')} ms`);
      });
    }

    it('10,000-deep nesting on a single line is skipped as minified, with a diagnostic', async () => {
      for (const make of [deepBrackets, deepObjects, deepParens, deepCalls]) {
        const p = make(10_000, '');
        const r = await safeDetect({ path: `oneline/${p.path}`, text: p.text }, undefined, BIG);
        count('pathological');
        assert.ok(r.sites.length === 1 || r.diagnostics.some((d) => d.code === 'minified-file'), `${p.path}: neither the site nor a diagnostic`);
      }
    });

    // Found by this suite (fixed in src/core/detect/analyzer.ts `ancestors()`, whose walk stopped after 500 levels): a
    // call nested deeper than that on a line short enough not to count as minified was silently dropped.
    it('regression: a call inside 600 nested parentheses or 600 nested calls on one line is found or reported', async () => {
      for (const p of [deepParens(600, ''), deepCalls(600, '')]) {
        const r = await safeDetect({ path: `bug/${p.path}`, text: p.text }, undefined, BIG);
        assert.ok(r.sites.length === 1 || r.diagnostics.length > 0, `${p.path}: the site vanished without a diagnostic`);
      }
    });

    it('a 10 MB single-line minified file is skipped with a diagnostic (too large by default, minified when allowed)', async () => {
      const p = minified(10 * 1024 * 1024);
      const t0 = performance.now();
      const tooLarge = await safeDetect({ path: p.path, text: p.text });
      const t1 = performance.now();
      const allowed = await safeDetect({ path: p.path, text: p.text }, undefined, BIG);
      const t2 = performance.now();
      count('pathological');
      assert.ok(tooLarge.diagnostics.some((d) => d.code === 'file-too-large'), 'no file-too-large diagnostic');
      assert.ok(allowed.diagnostics.some((d) => d.code === 'minified-file'), 'no minified-file diagnostic');
      assert.equal(allowed.sites.length, 0);
      table.push(`| 10 MB minified line (skipped: default limit / minified) | 10 MB | | | ${(t1 - t0).toFixed(0)} | ${(t2 - t1).toFixed(0)} | |`);
      // Skipping must be cheap: a scan over a bundle folder would otherwise stall.
      assert.ok(t2 - t0 < 2000, `skipping took ${(t2 - t0).toFixed(0)} ms`);
    });

    it('a file with a NUL byte is skipped with a binary-file diagnostic', async () => {
      const r = await safeDetect({ path: 'bin.py', text: 'import openai\n\u0000\u0001\u0002openai.chat.completions.create(model="gpt-4o")' });
      count('pathological');
      assert.ok(r.diagnostics.some((d) => d.code === 'binary-file'));
      assert.equal(r.sites.length, 0);
    });
  });

  describe('unmutated fixtures (valid input)', () => {
    it(`detects the hand-written sites of all ${corpus.length} corpus files with zero internal-error diagnostics`, async () => {
      let expected = 0;
      let found = 0;
      for (const file of corpus) {
        const r = await safeDetect({ path: file.path, text: file.text }, file);
        count('valid');
        assert.deepEqual(internalErrors(r.diagnostics), [], `${file.id}: internal-error on valid input`);
        const want = new Set((file.expected?.sites ?? []).map((s) => key(s)));
        expected += want.size;
        const kept = r.sites.filter((s) => want.has(key(s)));
        found += kept.length;
        reference.set(file.id, kept);
        statementEnd.set(file.id, await statementEnds(file, kept));
      }
      // The reference for "every site away from a mutation is kept" comes from the hand-written expectations: a
      // detector that returns nothing leaves it empty and fails here (the fixture suite checks each file exactly).
      assert.ok(expected >= 200, `the corpus lists only ${expected} expected sites`);
      assert.ok(found >= 0.9 * expected, `only ${found} of ${expected} hand-written sites detected`);
    });

    it('a UTF-8 BOM in front of a source file changes no site', async () => {
      const failures: string[] = [];
      for (const file of corpus.filter((f) => !f.id.endsWith('.ipynb'))) {
        const r = await safeDetect({ path: file.path, text: `\uFEFF${file.text}` }, file);
        count('bom');
        assert.deepEqual(internalErrors(r.diagnostics), [], file.id);
        const want = (reference.get(file.id) ?? []).map(key).sort();
        const got = new Set(r.sites.map(key));
        const missing = want.filter((k) => !got.has(k));
        if (missing.length) failures.push(`${file.id}: lost ${missing.join(', ')}`);
      }
      assert.deepEqual(failures, []);
    });

    // Found by this suite (fixed in src/core/detect/detector.ts PY_IMPORT_RE): a BOM before a first-line workspace
    // import hid the import from one-hop resolution. The CLI reads files with the BOM kept (fs.readFileSync 'utf8').
    it('regression: a BOM before a first-line relative import keeps the imported client', async () => {
      const files = new Map([
        ['pkg/clients.py', 'from openai import OpenAI\ndeepseek = OpenAI(base_url="https://api.deepseek.com", api_key="k")\n'],
        ['pkg/__init__.py', ''],
      ]);
      const provider = {
        readText: async (p: string) => files.get(p),
        list: async () => undefined,
        stat: async (p: string) => (files.has(p) ? { type: 'file' as const, size: files.get(p)!.length, mtime: 0 } : undefined),
      };
      const text = 'from .clients import deepseek\n\nr = deepseek.chat.completions.create(model="deepseek-chat", messages=[])\n';
      const plain = await detect({ path: 'pkg/jobs.py', text }, { loadWasm, files: provider });
      const bom = await detect({ path: 'pkg/jobs.py', text: `\uFEFF${text}` }, { loadWasm, files: provider });
      assert.deepEqual(bom.sites.map(key), plain.sites.map(key));
      assert.equal(plain.sites[0]?.provider, 'deepseek');
    });

    it('CRLF and CR-only line ends change no site', async () => {
      const failures: string[] = [];
      for (const file of corpus) {
        const crlf = await safeDetect({ path: file.path, text: file.text.replace(/\r?\n/g, '\r\n') }, file);
        const cr = await safeDetect({ path: file.path, text: file.text.replace(/\r?\n/g, '\r') }, file);
        count('crlf');
        count('cr');
        assert.deepEqual(internalErrors([...crlf.diagnostics, ...cr.diagnostics]), [], file.id);
        const want = (reference.get(file.id) ?? []).map(key).sort();
        // CR-only line ends are line breaks too (issue 17: every site used to land on line 1).
        for (const [name, r] of [['CRLF', crlf], ['CR', cr]] as const) {
          const got = new Set(r.sites.map(key));
          const missing = want.filter((k) => !got.has(k));
          if (missing.length) failures.push(`${file.id} (${name}): lost ${missing.join(', ')}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  });

  describe('mutated fixtures', () => {
    it('never throw, and keep every site that lies away from the mutation', async () => {
      const sources = corpus.filter((f) => !f.id.endsWith('.ipynb'));
      const arb = fc.nat({ max: sources.length - 1 }).chain((i) => fc.tuple(fc.constant(i), mutationFor(sources[i]!.text.length)));
      await fc.assert(
        fc.asyncProperty(arb, async ([i, m]: [number, Mutation]) => {
          const file = sources[i]!;
          const text = applyMutation(file.text, m);
          const r = await safeDetect({ path: file.path, text }, file);
          count('fixtureMutations');
          const mutatedLine = lineOfOffset(file.text, m.at);
          // Vue/Svelte: a mutation that breaks a <script> tag changes which text is code at all; only "never throws".
          const tags = (t: string): string => (t.match(/<\/?script\b/gi) ?? []).join();
          if ((file.id.endsWith('.vue') || file.id.endsWith('.svelte')) && tags(text) !== tags(file.text)) return;
          const got = new Set(r.sites.map(key));
          const ends = statementEnd.get(file.id) ?? [];
          (reference.get(file.id) ?? []).forEach((s, j) => {
            const end = ends[j] ?? Number.MAX_SAFE_INTEGER;
            if (!isAway(end, mutatedLine)) return;
            // A client passed in by the file's own calls of the site's function (analyzer/travel.ts) names its provider:
            // a mutation that removes or alters such a call may change the provider (to a fallback's), never the site.
            const caller = s.enclosingFunction ? new RegExp(`(?<![\\w$.])${s.enclosingFunction.replace(/[^\\w$]/g, '')}\\b`) : undefined;
            if (!got.has(key(s)) && caller?.test(touchedText(file.text, m)) && r.sites.some((x) => x.cell === s.cell && x.line === s.line && x.api === s.api)) return;
            // A mutation inside a function that calls the site's function (directly or through others) can break the
            // call that passes the client in (an unparsable `async def main()` header): the site may be lost. A
            // truncation removes every caller after it too (a class further down whose method passes `self.client`).
            // So can a mutation that leaves a bracket or a quote open before the caller: the rest of the file is inside it
            // (`return ChatOpenAI(` becoming `r(turn ChatOpenAI(` swallows the module-level call below that passes the model).
            const swallows = m.kind === 'truncate' || !sameBrackets(file.text, text);
            const hits = (b: { from: number; to: number }): boolean => (swallows ? b.to >= mutatedLine : mutatedLine >= b.from && mutatedLine <= b.to);
            if (!got.has(key(s)) && s.enclosingFunction && callerBlocks(file.text, s.enclosingFunction.replace(/[^\w$]/g, '')).some(hits)) return;
            // A mutation inside the file's own wrapper the site calls (`fetchChatResponse(url, body)` over `fetch`), or
            // before it: an unterminated string or template opened earlier swallows the wrapper's text.
            if (!got.has(key(s)) && definitionBlocks(file.text, s.method.split('.').pop() ?? '').some((b) => mutatedLine <= b.to)) return;
            assert.ok(got.has(key(s)), `${file.id}: the site at line ${s.line} (${s.provider} ${s.api}, its statement ends on line ${end + 1}) was lost after a ${m.kind} at line ${mutatedLine + 1}: ${JSON.stringify(m)}`);
          });
        }),
        params('fixtureMutations', sources.length > 0 ? 20 : 5),
      );
    });

    // Regression, found by the long run (FUZZ_RUNS=100000; counterexamples litellm/py_router_fallbacks.py truncated at
    // offset 242, mistral/ts_chat.ts truncated at offset 517). When an unclosed call at the end of the file makes
    // tree-sitter wrap the whole module in one ERROR root node, the imports inside that node used to be ignored, so the
    // complete sites above (in finished statements and functions) vanished while the user typed at the end of the file.
    it('an unclosed call at the end of the file keeps the complete sites above it (imports inside a root ERROR node)', async () => {
      const py = 'import litellm\n\nr = litellm.completion(model="gpt-4o", messages=[])\nfor p in r:\n    print(';
      const ts = "import { Mistral } from '@mistralai/mistralai';\nconst client = new Mistral({ apiKey: 'k' });\n\nexport async function ask() {\n  return client.chat.complete({ model: 'mistral-large-latest', messages: [] });\n}\n\nexport async function b() {\n  const r = await client.chat.stream({ model: 'x', messages: [";
      const a = await safeDetect({ path: 'bug/litellm_open.py', text: py });
      const b = await safeDetect({ path: 'bug/mistral_open.ts', text: ts });
      assert.deepEqual(a.sites.map((s) => `${s.line} ${s.via} ${s.model.id}`), ['3 litellm gpt-4o']);
      assert.deepEqual(b.sites.filter((s) => s.line === 5).map((s) => `${s.line} ${s.provider} ${s.model.id}`), ['5 mistral mistral-large-latest']);
    });

    it('notebooks: a mutated code cell never throws and every earlier cell keeps its sites', async () => {
      const notebooks = corpus.filter((f) => f.id.endsWith('.ipynb'));
      interface Cell { cell_type: string; source: string | string[] }
      const parsed = notebooks.map((f) => JSON.parse(f.text) as { cells: Cell[] });
      const arb = fc.nat({ max: notebooks.length - 1 }).chain((i) => {
        const code = parsed[i]!.cells.map((c, j) => (c.cell_type === 'code' ? j : -1)).filter((j) => j >= 0);
        return fc.tuple(fc.constant(i), fc.constantFrom(...code), mutationFor(200));
      });
      await fc.assert(
        fc.asyncProperty(arb, async ([i, cellIndex, m]: [number, number, Mutation]) => {
          const file = notebooks[i]!;
          const nb = JSON.parse(file.text) as { cells: Cell[] };
          const cell = nb.cells[cellIndex]!;
          const src = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
          cell.source = applyMutation(src, { ...m, at: Math.min(m.at, src.length) });
          const r = await safeDetect({ path: file.path, text: JSON.stringify(nb) }, file);
          count('notebookCells');
          const got = new Set(r.sites.map(key));
          for (const s of reference.get(file.id) ?? []) {
            if ((s.cell ?? 0) >= cellIndex) continue;
            assert.ok(got.has(key(s)), `${file.id}: cell ${s.cell} line ${s.line} lost after mutating cell ${cellIndex}: ${JSON.stringify(m)}`);
          }
        }),
        params('notebookCells'),
      );
    });
  });

  describe('random input', () => {
    const paths = ['r.py', 'r.ts', 'r.tsx', 'r.js', 'r.mjs', 'r.vue', 'r.svelte', 'r.ipynb'];
    // A keyword that passes the text pre-filter, so random text reaches the parser instead of being skipped.
    const seedWords = ['openai', 'client.chat.completions.create(', 'anthropic.messages.create(', 'import OpenAI from "openai"', '<script>', '{"cells": ['];
    const decoded = fc.uint8Array({ maxLength: 3000 }).map((b) => new TextDecoder('utf-8', { fatal: false }).decode(b));
    const text = fc.oneof(
      decoded,
      fc.string({ unit: 'binary', maxLength: 2000 }),
      fc.string({ unit: 'grapheme', maxLength: 500 }),
      // Invalid UTF-8 sequences (overlong, lone continuation, truncated, surrogate halves) around real code.
      fc.array(fc.constantFrom([0xc0, 0x80], [0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]), { maxLength: 30 }).map((bs) => new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(bs.flat())) + 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n'),
    );
    it('random bytes, invalid UTF-8 and random unicode never make detect() throw; NUL bytes give a binary-file diagnostic', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), text, fc.constantFrom(...seedWords), fc.nat(), fc.constantFrom('', '\uFEFF'), async (path, body, word, at, bom) => {
          const p = at % (body.length + 1);
          const t = bom + body.slice(0, p) + word + body.slice(p);
          const r = await safeDetect({ path, text: t });
          count('randomText');
          if (t.includes('\u0000')) assert.ok(r.diagnostics.some((d) => d.code === 'binary-file'), `no binary-file diagnostic for ${JSON.stringify(t.slice(0, 80))}`);
        }),
        params('randomText'),
      );
    });

    it('malformed notebooks (bad JSON, wrong types, missing fields) never throw and say why they gave no site', async () => {
      const call = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n';
      const weird = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant(call), fc.constant([call]), fc.constant([1, null, call]));
      const cell = fc.record({ cell_type: fc.oneof(fc.constant('code'), fc.constant('markdown'), weird), source: weird, metadata: weird }, { requiredKeys: [] });
      const notebook = fc.oneof(
        fc.record({ cells: fc.oneof(fc.array(fc.oneof(cell, weird), { maxLength: 6 }), weird), nbformat: weird }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
        weird.map((o) => JSON.stringify(o) ?? 'undefined'),
        // Broken JSON: a valid notebook cut short or with a character dropped.
        fc.tuple(fc.nat(), fc.boolean()).map(([n, cut]) => {
          const good = JSON.stringify({ cells: [{ cell_type: 'code', source: [call] }] });
          const at = n % good.length;
          return cut ? good.slice(0, at) : good.slice(0, at) + good.slice(at + 1);
        }),
      );
      await fc.assert(
        fc.asyncProperty(notebook, async (t) => {
          const r = await safeDetect({ path: 'nb.ipynb', text: t });
          count('notebookShapes');
          let valid = false;
          try {
            const v = JSON.parse(t) as unknown;
            valid = typeof v === 'object' && v !== null && Array.isArray((v as { cells?: unknown }).cells);
          } catch {
            valid = false;
          }
          // A notebook that is not JSON, or has no cells array, says so instead of silently giving nothing (unless the
          // text pre-filter already ruled out any LLM call: then there is nothing to report).
          if (!valid && /openai/.test(t)) assert.ok(r.diagnostics.length > 0 && r.sites.length === 0, `no diagnostic for the malformed notebook ${JSON.stringify(t.slice(0, 120))}`);
          assert.deepEqual(internalErrors(r.diagnostics), [], `internal-error for ${JSON.stringify(t.slice(0, 120))}`);
        }),
        params('notebookShapes'),
      );
    });
  });

  describe('estimation and report formatting', () => {
    const providers: Provider[] = ['openai', 'azure-openai', 'anthropic', 'google', 'bedrock', 'mistral', 'cohere', 'groq', 'together', 'fireworks', 'deepseek', 'openrouter', 'xai', 'ollama', 'huggingface', 'other'];
    const vias: Via[] = ['sdk', 'http', 'langchain', 'llamaindex', 'litellm', 'ai-sdk', 'framework'];
    const apis: Api[] = ['chat', 'completion', 'responses', 'messages', 'generate', 'embeddings', 'images', 'audio'];
    const r0: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const hostile = fc.constantFrom('<img src=x onerror=alert(1)>', '</script>', 'javascript:alert(1)', '[x](command:workbench.action.terminal.new)', '\u001b[31mred\u001b[0m', '| a | b |', '=cmd|"/c calc"!A1', '\r\n', '');
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), hostile);
    const modelId = fc.oneof(fc.constantFrom('gpt-4o-mini', 'gpt-4o', 'claude-3-5-sonnet-20241022', 'gemini-1.5-flash', 'o3-mini', 'text-embedding-3-small', 'mistral-large-latest'), text);
    const part: fc.Arbitrary<PromptPart> = fc.record({
      role: fc.constantFrom('system', 'user', 'assistant', 'tool', 'developer', 'prompt', 'input', 'tools', 'response_format', 'image', 'audio', 'other'),
      kind: fc.constantFrom('literal', 'template', 'dynamic', 'file'),
      text: fc.oneof(text, fc.string({ maxLength: 3000 })),
      placeholders: fc.nat({ max: 20 }),
      file: fc.constantFrom('prompts/a.txt', '../../etc/passwd', '/abs/path', ''),
      image: fc.record({ width: fc.nat({ max: 100_000 }), height: fc.nat({ max: 100_000 }), detail: fc.constantFrom('low', 'high', 'auto', 'weird') }, { requiredKeys: [] }),
      range: fc.constant(r0),
    }, { requiredKeys: ['role', 'kind', 'range'] });
    const loop: fc.Arbitrary<LoopContext> = fc.record({ kind: fc.constantFrom('for', 'while', 'comprehension', 'map', 'promise-all', 'gather', 'agent', 'batch'), bound: fc.nat({ max: 1_000_000 }), unbounded: fc.boolean(), range: fc.constant(r0) }, { requiredKeys: ['kind', 'range'] });
    const site: fc.Arbitrary<CallSite> = fc.record({
      file: fc.oneof(fc.constantFrom('a.py', 'src/b.ts', 'nb.ipynb'), text),
      line: fc.integer({ min: 1, max: 100_000 }),
      cell: fc.option(fc.nat({ max: 50 }), { nil: undefined }),
      provider: fc.constantFrom(...providers),
      via: fc.constantFrom(...vias),
      api: fc.constantFrom(...apis),
      method: fc.oneof(fc.constantFrom('chat.completions.create', 'messages.create', 'generateText'), text),
      model: fc.option(modelId, { nil: null }),
      candidates: fc.option(fc.array(modelId, { maxLength: 3 }), { nil: undefined }),
      stream: fc.boolean(),
      maxTokens: fc.option(fc.nat({ max: 10_000_000 }), { nil: undefined }),
      n: fc.option(fc.integer({ min: 1, max: 128 }), { nil: undefined }),
      reasoningEffort: fc.option(fc.constantFrom('low', 'medium', 'high', 'minimal', 'bogus'), { nil: undefined }),
      thinkingBudget: fc.option(fc.nat({ max: 1_000_000 }), { nil: undefined }),
      serviceTier: fc.option(fc.constantFrom('flex', 'priority', 'default', 'auto', 'scale', 'weird'), { nil: undefined }),
      batch: fc.boolean(),
      prompt: fc.array(part, { maxLength: 5 }),
      loops: fc.array(loop, { maxLength: 3 }),
      ignored: fc.boolean(),
      annotation: fc.option(fc.record({ text: fc.oneof(fc.constantFrom('tokentier: calls=100/day', 'tokentier: model=gpt-4o', 'tokentier: calls=-5/day', 'tokentier: calls=1e309/day', 'tokentier: output=abc'), text), line: fc.nat({ max: 100 }) }), { nil: undefined }),
    }).map((g) => ({
      id: `${g.file}#${g.line}:${g.method}`,
      file: g.file,
      range: r0,
      line: g.line,
      ...(g.cell !== undefined ? { cell: g.cell } : {}),
      provider: g.provider,
      via: g.via,
      api: g.api,
      method: g.method,
      model: {
        id: g.model,
        canonical: g.model,
        resolution: g.model === null ? { kind: 'unknown' as const, expression: 'cfg.model' } : { kind: 'literal' as const },
        ...(g.candidates ? { candidates: g.candidates.map((c) => ({ id: c, canonical: c, resolution: { kind: 'literal' as const } })) } : {}),
      },
      stream: g.stream,
      params: {
        ...(g.maxTokens !== undefined ? { maxTokens: g.maxTokens, maxTokensParam: 'max_tokens' } : {}),
        ...(g.n !== undefined ? { n: g.n } : {}),
        ...(g.reasoningEffort !== undefined ? { reasoningEffort: g.reasoningEffort } : {}),
        ...(g.thinkingBudget !== undefined ? { thinkingBudget: g.thinkingBudget } : {}),
        ...(g.serviceTier !== undefined ? { serviceTier: g.serviceTier } : {}),
        batch: g.batch,
      },
      prompt: g.prompt,
      loops: g.loops,
      confidence: 'medium' as const,
      ...(g.ignored ? { ignored: true } : {}),
      ...(g.annotation ? { annotation: g.annotation } : {}),
    }));

    const finite = (n: number): boolean => Number.isFinite(n) && n >= 0;

    it('estimateSites never throws and gives one estimate per site, with finite non-negative money', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(site, { minLength: 1, maxLength: 6 }), async (sites) => {
          let estimates: SiteEstimate[];
          try {
            estimates = await estimateSites(sites, { settings: defaultSettings, team: emptyTeamConfig, now: new Date('2026-11-23T00:00:00Z') });
          } catch (e) {
            throw new Error(`estimateSites threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
          }
          count('estimation');
          assert.equal(estimates.length, sites.length);
          for (const e of estimates) {
            for (const r of [e.cost.perCall, e.cost.perDay, e.cost.perMonth]) {
              if (r) assert.ok(finite(r.min) && finite(r.expected) && finite(r.max), `${e.site.model.id}: non-finite or negative money ${JSON.stringify(r)}`);
            }
            assert.ok(finite(e.tokens.input.expected) && finite(e.tokens.output.expected), `tokens ${JSON.stringify(e.tokens.input)} ${JSON.stringify(e.tokens.output)}`);
          }
        }),
        params('estimation'),
      );
    });

    it('every report formatter and hint formatter accepts any estimate; JSON outputs parse; terminal output has no control characters', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(site, { maxLength: 5 }), text, async (sites, root) => {
          const estimates = await estimateSites(sites, { settings: defaultSettings, team: emptyTeamConfig, now: new Date('2026-11-23T00:00:00Z') });
          const report = buildReport({ root, currency: 'USD', profile: 'expected', estimates, diagnostics: [{ severity: 'warning', code: 'x', message: root, file: root }], generatedAt: new Date(0) });
          count('formatting');
          assert.deepEqual(JSON.parse(formatJson(report)).sites.length, sites.length);
          for (const line of formatJsonl(report).trimEnd().split('\n')) JSON.parse(line);
          JSON.parse(formatSarif(report));
          formatCsv(report);
          formatMarkdown(report);
          // The PR-comment diff of this report against an empty base and against itself.
          const empty = buildReport({ root, currency: 'USD', profile: 'expected', estimates: [], generatedAt: new Date(0) });
          formatDiffMarkdown(diffReports(empty, report));
          formatDiffMarkdown(diffReports(report, report));
          // eslint-disable-next-line no-control-regex
          assert.doesNotMatch(formatTable(report), /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'a control character reached the terminal table');
          for (const e of estimates) {
            lensTitle(e);
            inlayLabel(e);
            siteRow(e);
            hoverMarkdown({ estimate: e, linkArgs: { uri: 'file:///a.py', siteId: e.site.id } });
          }
        }),
        params('formatting'),
      );
    });

    it('estimation and formatting of the sites detected in mutated fixtures never throw', async () => {
      const sources = corpus.filter((f) => (reference.get(f.id) ?? []).length > 0).slice(0, 60);
      const arb = fc.nat({ max: sources.length - 1 }).chain((i) => fc.tuple(fc.constant(i), mutationFor(sources[i]!.text.length)));
      await fc.assert(
        fc.asyncProperty(arb, async ([i, m]: [number, Mutation]) => {
          const file = sources[i]!;
          const r = await safeDetect({ path: file.path, text: applyMutation(file.text, m) }, file);
          const estimates = await estimateSites(r.sites, { settings: defaultSettings, team: emptyTeamConfig, files: file.files });
          const report = buildReport({ root: '.', currency: 'USD', profile: 'expected', estimates, diagnostics: r.diagnostics });
          count('estimation');
          JSON.parse(formatJson(report));
          formatTable(report);
          formatMarkdown(report);
          for (const e of estimates) hoverMarkdown({ estimate: e });
        }),
        { ...params('estimation'), numRuns: Math.max(5, Math.round(params('estimation').numRuns! / 4)) },
      );
    });
  });

  describe('configuration a repository controls (issue 17)', () => {
    const memory = (map: Record<string, string>): FileProvider => ({
      readText: async (p) => (Object.hasOwn(map, p) ? map[p] : undefined),
      list: async () => undefined,
      stat: async (p) => (Object.hasOwn(map, p) ? { type: 'file', size: Buffer.byteLength(map[p]!), mtime: 0 } : undefined),
    });
    const r0: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const probeSites: CallSite[] = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet-20241022'].map((m, i) => ({
      id: `a.py#${i + 1}:create`, file: `src/${'a'.repeat(i * 40)}.py`, range: r0, line: i + 1, provider: i === 2 ? 'anthropic' : 'openai', via: 'sdk', api: i === 2 ? 'messages' : 'chat',
      method: 'create', model: { id: m, canonical: m, resolution: { kind: 'literal' } }, stream: false, params: { maxTokens: 100 }, prompt: [], loops: [], confidence: 'high', enclosingFunction: 'f',
    }) as CallSite);
    const prototypeClean = () => Object.getOwnPropertyNames(Object.prototype).every((k) => !['currency', 'profile', 'polluted', 'a'].includes(k)) && ({} as Record<string, unknown>)['currency'] === undefined;

    it('team files: never throw, no internal error, no value echoed, at most 51 messages a file, finite money', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(teamFile, { minLength: 1, maxLength: 3 }), fc.boolean(), async (files, viaSetting) => {
          count('teamFiles');
          const map = Object.fromEntries(files.map((f) => [f.path, f.text]));
          const settings = viaSetting ? { ...defaultSettings, priceBook: files[0]!.path } : defaultSettings;
          const team = await loadTeamConfig(memory(map), settings, { trusted: true });
          assert.deepEqual(internalErrors(team.diagnostics), []);
          const text = team.diagnostics.map((d) => d.message).join('\n');
          assert.ok(!text.includes(SECRET), `a value was echoed: ${text}`);
          const perFile = new Map<string, number>();
          for (const d of team.diagnostics) perFile.set(d.file ?? '', (perFile.get(d.file ?? '') ?? 0) + 1);
          for (const [f, n] of perFile) assert.ok(!f || n <= MAX_DIAGNOSTICS_PER_FILE + 1, `${n} messages for ${f}`);
          assert.ok(prototypeClean(), 'Object.prototype was changed');
          for (const e of await estimateSites(probeSites, { settings, team, now: new Date('2026-11-23T00:00:00Z') })) {
            for (const v of [e.cost.perCall?.expected, e.cost.perMonth?.min, e.cost.perMonth?.expected, e.cost.perMonth?.max]) if (v !== undefined) assert.ok(Number.isFinite(v) && v >= 0, `money ${v}`);
          }
        }),
        params('teamFiles'),
      );
    });

    it('.vscode/settings.json: never throws, gives valid settings, pollutes no prototype', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-fuzz-settings-'));
      fs.mkdirSync(path.join(dir, '.vscode'));
      try {
        await fc.assert(
          fc.asyncProperty(settingsText, async (text) => {
            count('settings');
            fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), text);
            const { settings } = loadCliSettings(dir);
            // Unset (the price book's currency, else USD) or a valid code.
            if (settings.currency !== undefined) assert.match(settings.currency, /^[A-Z]{3}$/);
            // What came out is a valid settings object: parsing it again reports nothing.
            assert.deepEqual(parseSettings({ ...settings }).issues, []);
            assert.ok(prototypeClean(), 'Object.prototype was changed');
          }),
          params('settings'),
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('globs: never throw, at most (4·|pattern| + 3)·(|input| + 1) state visits, agree with picomatch on plain patterns', () => {
      fc.assert(
        fc.property(globPattern, globInput, fc.boolean(), (pattern, input, nocase) => {
          count('globs');
          const before = globStats.steps;
          compileGlob(pattern, { nocase })(input);
          const steps = globStats.steps - before;
          assert.ok(steps <= (4 * pattern.length + 3) * (input.length + 2), `${steps} steps for ${JSON.stringify(pattern)} on ${input.length} characters`);
          // The same pattern as a .gitignore line goes through the `ignore` package (a RegExp, so no step count): it must
          // not throw and must answer under a guard of 1 s per path (SECURITY.md states this is no proven bound).
          const t0 = performance.now();
          try {
            ignore({ allowRelativePaths: true }).add(pattern).test(input.replace(/^\/+/, '') || 'a');
          } catch {
            // An invalid path for `ignore` (the scanner never passes one); a pattern `ignore` rejects is reported there.
          }
          assert.ok(performance.now() - t0 < 1000, `.gitignore ${JSON.stringify(pattern)} took ${(performance.now() - t0).toFixed(0)} ms`);
        }),
        params('globs'),
      );
      // Plain patterns (segments of a, b, ., *, ?, whole-segment **) on plain paths (no empty, `.` or `..` segment):
      // the dialect picomatch and VS Code share, where picomatch's backtracking stays small.
      const segment = fc.array(fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '[a-b]', '[^a]', '{a,b}', '{a,b*}'), { minLength: 1, maxLength: 4 }).map((c) => c.join(''));
      // Left out, where picomatch 4.0.7 is the odd one (found by this property; documented in src/core/glob.ts): `**`
      // inside a segment (picomatch lets a leading `**.a` cross folders), `*.*` (picomatch wants a character after the
      // dot), `[!a]` (picomatch reads `!` as a member, not a negation; `[^a]` is compared) and POSIX classes (with one,
      // picomatch stops escaping `.`: `[[:alpha:]]b.` matches `aba`).
      const quirk = (p: string) => p.split('/').some((seg) => seg !== '**' && seg.includes('**')) || p.includes('*.*');
      const plainPattern = fc.array(fc.oneof({ weight: 4, arbitrary: segment }, { weight: 1, arbitrary: fc.constant('**') }), { minLength: 1, maxLength: 4 }).map((s) => s.join('/')).filter((p) => (p.match(/\*/g) ?? []).length <= 4 && !quirk(p));
      const plainPath = fc.array(fc.array(fc.constantFrom('a', 'b', '.'), { minLength: 1, maxLength: 4 }).map((c) => c.join('')), { minLength: 1, maxLength: 4 }).filter((s) => s.every((x) => x !== '.' && x !== '..')).map((s) => s.join('/'));
      fc.assert(
        fc.property(plainPattern, plainPath, (pattern, input) => {
          count('globs');
          assert.equal(compileGlob(pattern)(input), picomatch.isMatch(input, pattern, { dot: true, windows: false }), `${pattern} on ${input}`);
        }),
        params('globs'),
      );
    });
  });
});
