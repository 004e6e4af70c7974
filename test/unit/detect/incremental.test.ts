/**
 * Incremental re-detection must give exactly what a fresh detection gives. Random single-character edits (insert or
 * delete, code punctuation included, so many steps break the syntax) are applied one after another to fixture
 * files and to generated long files; after every step the result for the edited path (re-parsed and, when the
 * edit stays inside one top-level function, re-analysed only there) is compared with a detection of the same text
 * under a path the detector has never seen.
 */
import { strict as assert } from 'node:assert';
import { analysisStats, detect } from '../../../src/core/detect/detector';
import { getParser, parseCached, type GrammarName } from '../../../src/core/detect/parser';
import type { FileProvider } from '../../../src/core/fileProvider';
import type { DetectResult } from '../../../src/core/types';
import { loadCorpus } from '../fuzz/corpus';
import { mulberry32 as rng } from '../../shared/generators.mjs';
import { loadWasm } from './loadWasm';

const CHARS = ['a', 'x', '_', '1', ' ', ' ', '\n', '\t', '(', ')', '{', '}', '[', ']', '"', "'", '`', '.', '=', ',', ':', ';', '#', '/', '\\'];

let fresh = 0;
/** A detection with no cached tree or result: a path the detector has never seen, in the same folder. */
async function freshDetect(path: string, text: string, files: FileProvider | undefined): Promise<string> {
  const slash = path.lastIndexOf('/');
  const other = `${path.slice(0, slash + 1)}zz_fresh_${fresh++}_${path.slice(slash + 1)}`;
  const r = await detect({ path: other, text }, { loadWasm, ...(files ? { files } : {}) });
  return normalise(r).split(other).join(path);
}

function normalise(r: DetectResult): string {
  return JSON.stringify({ sites: r.sites, diagnostics: r.diagnostics.map((d) => d.code) });
}

const GRAMMARS: Record<string, GrammarName> = { py: 'python', ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript' };

/**
 * True when the tree the detector holds for `path` (built by incremental reparses) differs from a fresh parse of
 * the same text. tree-sitter does not promise that error recovery is independent of the edit history, so after
 * several edits in broken code the two can disagree; that is the parser, not the re-analysis under test.
 */
async function treeDiverged(path: string, text: string): Promise<boolean> {
  const grammar = GRAMMARS[path.slice(path.lastIndexOf('.') + 1)];
  if (!grammar) return false;
  const parser = await getParser(grammar, loadWasm);
  const held = parseCached(path, grammar, parser, text);
  const fresh = parser.parse(text);
  const differs = held?.rootNode.toString() !== fresh?.rootNode.toString();
  fresh?.delete();
  return differs;
}

interface WalkResult {
  compared: number;
  /** Steps where the incrementally reparsed tree itself differed from a fresh parse (not compared). */
  diverged: number;
}

/** Applies `steps` random one-character edits to `text` and compares incremental and fresh results each time. */
async function walk(path: string, text: string, files: FileProvider | undefined, steps: number, seed: number, focus?: (t: string, r: () => number) => number): Promise<WalkResult> {
  const r = rng(seed);
  let cur = text;
  await detect({ path, text: cur }, { loadWasm, ...(files ? { files } : {}) });
  let compared = 0;
  let diverged = 0;
  for (let step = 0; step < steps; step++) {
    const at = focus ? focus(cur, r) : Math.floor(r() * (cur.length + 1));
    const del = r() < 0.4 && at < cur.length;
    const edit = del ? { at, del: cur[at] } : { at, ins: CHARS[Math.floor(r() * CHARS.length)] };
    cur = del ? cur.slice(0, at) + cur.slice(at + 1) : cur.slice(0, at) + (edit.ins ?? '') + cur.slice(at);
    const inc = normalise(await detect({ path, text: cur }, { loadWasm, ...(files ? { files } : {}) }));
    const want = await freshDetect(path, cur, files);
    if (inc !== want && (await treeDiverged(path, cur))) {
      diverged++;
      continue;
    }
    assert.equal(inc, want, `${path} (seed ${seed}) differs from a fresh detection after step ${step}: ${JSON.stringify(edit)}`);
    compared++;
  }
  return { compared, diverged };
}

function pyFile(lines: number): string {
  const out = ['import os', 'from openai import OpenAI', 'client = OpenAI()', 'MODEL = os.getenv("MODEL", "gpt-4o-mini")', 'SYSTEM = "Be brief."', ''];
  for (let i = 0; out.length < lines; i++) {
    if (i % 4 === 0) out.push(`def ask_${i}(q: str) -> str:`, '    # tokentier: 20/day', '    r = client.chat.completions.create(', '        model=MODEL,', '        max_tokens=256,', `        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": f"Q ${i}: {q}"}],`, '    )', '    return r.choices[0].message.content', '');
    else out.push(`def helper_${i}(x: int, y: int) -> int:`, `    total = x + y * ${i}`, '    for k in range(3):', '        total += k', '    return total', '');
  }
  return out.join('\n') + '\n';
}

function tsFile(lines: number): string {
  const out = ["import OpenAI from 'openai';", 'const client = new OpenAI();', "const MODEL = process.env.MODEL ?? 'gpt-4o-mini';", ''];
  for (let i = 0; out.length < lines; i++) {
    if (i % 4 === 0) out.push(`export async function ask${i}(q: string): Promise<string> {`, '  for (const p of [1, 2, 3]) {', '    const r = await client.chat.completions.create({', '      model: MODEL,', '      max_tokens: 256,', `      messages: [{ role: 'user', content: \`Q ${i}: \${q} \${p}\` }],`, '    });', "    if (r) return r.choices[0]?.message.content ?? '';", '  }', "  return '';", '}', '');
    else out.push(`export function helper${i}(x: number, y: number): number {`, `  let total = x + y * ${i};`, '  for (let k = 0; k < 3; k++) total += k;', '  return total;', '}', '');
  }
  return out.join('\n') + '\n';
}

describe('detect: incremental re-analysis after one-character edits', function () {
  this.timeout(300000);
  const corpus = loadCorpus().filter((f) => !f.id.endsWith('.ipynb'));

  it('gives the same result as a fresh detection on every step of random edit walks over the fixtures', async () => {
    const before = analysisStats();
    let compared = 0;
    let diverged = 0;
    // Every file gets a short walk; the walk continues from the edited text, so later steps edit broken code too.
    for (let i = 0; i < corpus.length; i++) {
      const f = corpus[i]!;
      const w = await walk(f.path, f.text, f.files, 4, 1000 + i);
      compared += w.compared;
      diverged += w.diverged;
    }
    const after = analysisStats();
    assert.ok(diverged <= compared / 50, `the reparsed tree differed from a fresh parse on ${diverged} steps`);
    assert.ok(compared >= 1500, `only ${compared} steps compared`);
    // Not vacuous: a good share of the steps must have gone through the incremental path.
    assert.ok(after.incremental - before.incremental >= compared / 10, `only ${after.incremental - before.incremental} of ${compared} steps were incremental`);
  });

  it('re-analyses only the edited function and moves the sites below it', async () => {
    const text = ['from openai import OpenAI', 'client = OpenAI()', '', '', 'def helper(x):', '    return x + 1', '', '', 'def ask(q):', '    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])', ''].join('\n');
    const first = await detect({ path: 'inc/shift.py', text }, { loadWasm });
    assert.deepEqual(first.sites.map((s) => `${s.id} ${s.line} ${s.range.start.line}`), ['inc/shift.py#10:chat.completions.create 10 9']);
    const before = analysisStats();
    // Two new statements at the top of `helper`: the site moves down by two lines.
    const edited = text.replace('def helper(x):', 'def helper(x):\n    y = 2\n    z = 3');
    const second = await detect({ path: 'inc/shift.py', text: edited }, { loadWasm });
    assert.equal(analysisStats().incremental, before.incremental + 1);
    assert.deepEqual(second.sites.map((s) => `${s.id} ${s.line} ${s.range.start.line} ${s.prompt[0]?.range.start.line}`), ['inc/shift.py#12:chat.completions.create 12 11 11']);
    assert.equal(normalise(second), await freshDetect('inc/shift.py', edited, undefined));
  });

  it('falls back when an edit inside a function changes something the whole file is searched for', async () => {
    // A generic-looking `messages.create` on an untyped parameter counts only when the file mentions Anthropic;
    // the mention appears inside another function.
    const a = 'def ask(c):\n    return c.messages.create(model="x", max_tokens=5, messages=[])\n\n\ndef helper():\n    return "clade"\n';
    await detect({ path: 'inc/gate.py', text: a }, { loadWasm });
    const b = a.replace('clade', 'claude');
    const rb = await detect({ path: 'inc/gate.py', text: b }, { loadWasm });
    assert.deepEqual(rb.sites.map((s) => `${s.line} ${s.provider} ${s.model.id}`), ['2 anthropic x']);
    assert.equal(normalise(rb), await freshDetect('inc/gate.py', b, undefined));
    // A client stored in a dotted attribute by another function (`st.session_state.llm = Anthropic()`).
    const c = 'import streamlit as st\nfrom anthropic import Anthropic\n\n\ndef setup():\n    st.session_state.llm = Anthropic()\n\n\ndef ask():\n    return st.session_state.llm.messages.create(model="claude-x", messages=[])\n';
    const rc = await detect({ path: 'inc/dotted.py', text: c }, { loadWasm });
    assert.deepEqual(rc.sites.map((s) => `${s.line} ${s.provider} ${s.model.id}`), ['10 anthropic claude-x']);
    const d = c.replace('llm = ', 'll = ');
    const rd = await detect({ path: 'inc/dotted.py', text: d }, { loadWasm });
    assert.deepEqual(rd.sites, []);
    // A function that another one calls (a factory): editing it changes the caller's site.
    const e = 'from openai import OpenAI\n\n\ndef make():\n    return OpenAI()\n\n\ndef ask():\n    return make().chat.completions.create(model="gpt-4o", messages=[])\n';
    const re = await detect({ path: 'inc/factory.py', text: e }, { loadWasm });
    assert.deepEqual(re.sites.map((s) => `${s.line} ${s.provider} ${s.confidence}`), ['9 openai high']);
    // `make` now returns something unknown: only the shape-based fallback still sees the call (medium confidence).
    const f = e.replace('return OpenAI()', 'return OpenAIx()');
    const rf = await detect({ path: 'inc/factory.py', text: f }, { loadWasm });
    assert.deepEqual(rf.sites.map((s) => `${s.line} ${s.provider} ${s.confidence}`), ['9 openai medium']);
    // A client made on first use by another function (`global _client`; a JS outer `let`): editing that assignment
    // changes the sites that read the name (found by the seeded walk over travel/py_lazy_module_global.py).
    const g = 'from openai import OpenAI\n\n_client = None\n\n\ndef get_client():\n    global _client\n    _client = OpenAI()\n    return _client\n\n\ndef embed(texts):\n    return _client.embeddings.create(model="text-embedding-3-small", input=texts)\n';
    const rg = await detect({ path: 'inc/global.py', text: g }, { loadWasm });
    assert.deepEqual(rg.sites.map((s) => `${s.line} ${s.provider} ${s.confidence}`), ['13 openai high']);
    const h = g.replace('    _client = OpenAI()', '    _clien = OpenAI()');
    const rh = await detect({ path: 'inc/global.py', text: h }, { loadWasm });
    assert.deepEqual(rh.sites.map((s) => `${s.line} ${s.provider} ${s.confidence}`), ['13 openai medium']);
    assert.equal(normalise(rh), await freshDetect('inc/global.py', h, undefined));
    const j = "import OpenAI from 'openai';\n\nlet client;\n\nfunction getClient() {\n  client = new OpenAI();\n  return client;\n}\n\nexport function ask(q) {\n  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n}\n";
    // The write alone, then with a block of its own declaring the name, or a comment naming `let client`: still the outer one.
    for (const [i, shadow] of ['', '  if (!client) { let client = 0; }\n', '  // no let client here\n'].entries()) {
      const m = j.replace('function getClient() {\n', `function getClient() {\n${shadow}`);
      const edited = m.replace('  client = new OpenAI();', '  clien = new OpenAI();');
      await detect({ path: `inc/outer${i}.js`, text: m }, { loadWasm });
      const before = analysisStats();
      const rm = await detect({ path: `inc/outer${i}.js`, text: edited }, { loadWasm });
      assert.equal(analysisStats().incremental, before.incremental, `a JS function assigning a name the file reads elsewhere is not re-analysed alone${shadow ? `: ${shadow}` : ''}`);
      assert.equal(normalise(rm), await freshDetect(`inc/outer${i}.js`, edited, undefined));
    }
    // A name the function declares around the write is its own (an accumulator, a parameter, a `var` anywhere in it, a
    // loop variable): an edit there is re-analysed alone, even though other functions use the same names. A `var` of
    // a function nested in it is not its own.
    const locals = "import OpenAI from 'openai';\nconst client = new OpenAI();\nlet total = 0;\nlet n = 1;\n\n" +
      'export function sum(x: number, n: number): number {\n  let total = x;\n  for (let k = 0; k < 3; k++) total += k;\n  n = n * 2;\n  if (x) { var later = 1; }\n  later = 2;\n  for (const v of [1]) { let w = v; w += 1; }\n  return total + n;\n}\n\n' +
      "export async function ask(q: string) {\n  const later = total + n;\n  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q + later }] });\n}\n";
    await detect({ path: 'inc/locals.ts', text: locals }, { loadWasm });
    const beforeLocal = analysisStats();
    const editedLocals = locals.replace('let total = x;', 'let total = x + 1;');
    const rl = await detect({ path: 'inc/locals.ts', text: editedLocals }, { loadWasm });
    assert.equal(analysisStats().incremental, beforeLocal.incremental + 1, 'a function that writes only its own names is re-analysed alone');
    assert.equal(normalise(rl), await freshDetect('inc/locals.ts', editedLocals, undefined));
    const nested = locals.replace('  later = 2;\n', '  later = 2;\n  const inner = () => { var total = 0; return total; };\n  total = inner();\n').replace('  let total = x;\n', '');
    await detect({ path: 'inc/nested.ts', text: nested }, { loadWasm });
    const beforeNested = analysisStats();
    await detect({ path: 'inc/nested.ts', text: nested.replace('total = inner();', 'total = inner() + 1;') }, { loadWasm });
    assert.equal(analysisStats().incremental, beforeNested.incremental, 'the outer total is written (the var is the nested function\'s)');
    // The analyser gives a name bound to a placeholder (`let client = null`) the value of any `client = …` in the
    // file, even one to a local of the same name: such a write falls back too (found in review).
    const late = "import OpenAI from 'openai';\nlet client = null;\nfunction setup() { let client; client = new OpenAI(); return client; }\nexport function ask(q) { return client.chat.completions.create({ model: 'gpt-4o', messages: [] }); }\n";
    await detect({ path: 'inc/late.js', text: late }, { loadWasm });
    const lateEdited = late.replace('client = new OpenAI();', 'client = 5;');
    const rLate = await detect({ path: 'inc/late.js', text: lateEdited }, { loadWasm });
    assert.equal(normalise(rLate), await freshDetect('inc/late.js', lateEdited, undefined));
  });

  it('gives the same result as a fresh detection on long files edited inside and between functions', async () => {
    const before = analysisStats();
    let compared = 0;
    let diverged = 0;
    const inFunction = (t: string, r: () => number): number => {
      // Mostly on lines inside function bodies (indented), sometimes anywhere.
      if (r() < 0.2) return Math.floor(r() * (t.length + 1));
      for (let tries = 0; tries < 20; tries++) {
        const at = Math.floor(r() * t.length);
        const lineStart = t.lastIndexOf('\n', at - 1) + 1;
        if (t[lineStart] === ' ' || t[lineStart] === '\t') return at;
      }
      return Math.floor(r() * (t.length + 1));
    };
    for (let k = 0; k < 3; k++) {
      for (const w of [await walk(`long/gen_${k}.py`, pyFile(400), undefined, 150, 77 + k, inFunction), await walk(`long/gen_${k}.ts`, tsFile(400), undefined, 150, 99 + k, inFunction)]) {
        compared += w.compared;
        diverged += w.diverged;
      }
    }
    const after = analysisStats();
    assert.equal(compared + diverged, 900);
    assert.ok(diverged <= compared / 50, `the reparsed tree differed from a fresh parse on ${diverged} steps`);
    assert.ok(after.incremental - before.incremental >= compared / 5, `only ${after.incremental - before.incremental} of ${compared} steps were incremental`);
  });
});
