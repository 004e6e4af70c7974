/**
 * The evidence test (src/core/detect/evidence.ts) lets the detector skip parsing files that mention an SDK word but
 * can hold no call site. It must never change a result: these tests run the detector with it and without it
 * (`exhaustive`) on every fixture, on the demo workspace and on seeded line-deletion mutants of the fixtures (which
 * remove imports, URLs and tokens one by one), and require the same sites. They also check that it does skip the
 * look-alikes it exists for, and that every raw-HTTP endpoint pattern keeps a word of its own.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect, evidenceStats, hasMinifiedLine, hasVocabulary, looksMinified, MINIFIED_MEAN_LINE, passesPrefilter, PREFILTER, PROSE_SPACE_SHARE } from '../../src/core/detect/detector';
import { PREFILTER as VOCABULARY } from '../../src/core/detect/vocabulary';
import { hasEndpointWord, hasFallback, hasHttpCall, hasModelBodyWord, hasModuleImport, inObjectLiteral, selfSufficient } from '../../src/core/detect/evidence';
import { HTTP_ENDPOINTS, MODEL_BODY_WORD } from '../../src/core/detect/catalog/params';
import { ListingMemo, type FileProvider } from '../../src/core/fileProvider';
import type { CallSite } from '../../src/core/types';
import { createMemoryFileProvider, createNodeLoadWasm, listFixtures, REPO_ROOT } from './detect/fixtureFormat';
import { mulberry32 } from '../shared/generators.mjs';

const loadWasm = createNodeLoadWasm();
const fixtures = listFixtures();

function memoryProvider(files: Record<string, string>): FileProvider {
  return {
    readText: async (p) => files[p],
    stat: async (p) => (files[p] !== undefined ? { type: 'file', size: Buffer.byteLength(files[p] ?? ''), mtime: 0 } : undefined),
    list: async () => undefined,
  };
}

/** Sites with and without the evidence test; the fast run goes first, so no memo of a full run can answer it. */
async function both(path: string, text: string, files: FileProvider): Promise<{ fast: readonly CallSite[]; full: readonly CallSite[] }> {
  const fast = await detect({ path, text }, { files, loadWasm });
  const full = await detect({ path, text }, { files, loadWasm, exhaustive: true });
  return { fast: fast.sites, full: full.sites };
}

describe('evidence test before parsing', () => {
  const providers = new Map<string, FileProvider>();
  const providerFor = (root: string): FileProvider => {
    let p = providers.get(root);
    if (!p) providers.set(root, (p = createMemoryFileProvider(root)));
    return p;
  };

  it('gives the same sites as parsing every candidate, on every fixture', async () => {
    let sites = 0;
    let httpOnlySites = 0;
    const before = evidenceStats();
    for (const f of fixtures) {
      const text = readFileSync(f.sourceFile, 'utf8');
      const mode = evidenceStats().httpOnly;
      const { fast, full } = await both(f.detectPath, text, providerFor(f.workspaceRoot));
      assert.deepEqual(fast, full, `${f.id}: the evidence test changed the sites`);
      sites += full.length;
      // The fast run went through the HTTP-only analysis (no catalogue import in reach, no fallback path).
      if (evidenceStats().httpOnly > mode) httpOnlySites += full.length;
    }
    const after = evidenceStats();
    // The HTTP-only analysis (AnalyzerOptions.httpOnly) is compared too: it ran on files with and without sites.
    assert.ok(after.httpOnly - before.httpOnly >= 20, `only ${after.httpOnly - before.httpOnly} fixture files analysed HTTP-only`);
    assert.ok(httpOnlySites >= 10, `only ${httpOnlySites} sites found by HTTP-only analyses`);
    // The corpus has positive sites, and negative look-alikes the test must actually skip (else it proves nothing).
    assert.ok(sites >= 500, `only ${sites} sites compared`);
    assert.ok(after.skipped - before.skipped >= 20, `only ${after.skipped - before.skipped} fixture files skipped`);
  });

  it('gives the same sites on the demo workspace', async () => {
    const root = join(REPO_ROOT, 'examples', 'demo');
    const files = providerFor(root);
    let sites = 0;
    for (const path of ['app.py', 'agents.py', 'service/src/answer.ts', 'service/src/localModel.ts', 'notebooks/ticket_themes.ipynb']) {
      const { fast, full } = await both(path, readFileSync(join(root, path), 'utf8'), files);
      assert.deepEqual(fast, full, path);
      sites += full.length;
    }
    assert.ok(sites >= 8, `only ${sites} demo sites`);
  });

  it('gives the same sites on 1,500 seeded mutants of the fixtures (lines deleted: imports, URLs, tokens)', async () => {
    const rand = mulberry32(20261123);
    const withSites = fixtures.filter((f) => f.expected.sites.length > 0 && !f.sourceFile.endsWith('.ipynb'));
    let compared = 0;
    let lost = 0;
    for (let i = 0; i < 1500; i++) {
      const f = withSites[Math.floor(rand() * withSites.length)]!;
      const lines = readFileSync(f.sourceFile, 'utf8').split('\n');
      // Delete one to three lines, biased toward the top of the file where imports and constants live.
      const n = 1 + Math.floor(rand() * 3);
      const at = Math.floor(rand() * rand() * lines.length);
      lines.splice(at, n);
      const { fast, full } = await both(f.detectPath, lines.join('\n'), providerFor(f.workspaceRoot));
      assert.deepEqual(fast, full, `${f.id} without lines ${at + 1}-${at + n}`);
      compared++;
      if (full.length < f.expected.sites.length) lost++;
    }
    // Enough mutants remove what a site depends on (else the deletions never reach the evidence).
    assert.equal(compared, 1500);
    assert.ok(lost >= 150, `only ${lost} mutants lost a site`);
  });

  it('finds a client built in a neighbour that the file imports (no SDK name in the file itself)', async () => {
    const files = memoryProvider({
      'app/clients.py': 'from openai import OpenAI\nclient = OpenAI()\n',
      'app/main.py': 'from .clients import client\n\ndef ask(q):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}], stream=False)\n',
    });
    const r = await detect({ path: 'app/main.py', text: (await files.readText('app/main.py')) ?? '' }, { files, loadWasm });
    assert.equal(r.sites.length, 1);
    assert.equal(r.sites[0]?.model.id, 'gpt-4o');
  });

  it('finds a call on a neighbour\'s client when the file has no fallback path either (not analysed HTTP-only)', async () => {
    const files = memoryProvider({
      'app/llm.py': 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o-mini")\n',
      'app/main.py': 'import requests\nfrom .llm import llm\n\ndef ask(q):\n    requests.get("https://example.com/health")\n    return llm.invoke(q)\n',
    });
    const text = (await files.readText('app/main.py')) ?? '';
    assert.equal(hasModuleImport(text, 'python') || hasFallback(text, 'python'), false, 'only the neighbour makes the site possible');
    const before = evidenceStats().httpOnly;
    const r = await detect({ path: 'app/main.py', text }, { files, loadWasm });
    assert.equal(evidenceStats().httpOnly, before, 'a neighbour with a catalogue import rules out the HTTP-only analysis');
    assert.equal(r.sites.length, 1);
    assert.equal(r.sites[0]?.model.id, 'gpt-4o-mini');
  });

  it('finds a raw HTTP call whose endpoint URL is a constant in a neighbour', async () => {
    const files = memoryProvider({
      'src/config.ts': 'export const CHAT_URL = "https://api.groq.com/openai/v1/chat/completions";\n',
      // The request is built by the caller: a body written here would be evidence of its own (a model-shaped body).
      'src/call.ts': 'import { CHAT_URL } from "./config";\n// Sends chat completions to Groq.\nexport async function run(request: object) {\n  return fetch(CHAT_URL, { method: "POST", body: JSON.stringify(request) });\n}\n',
    });
    const text = (await files.readText('src/call.ts')) ?? '';
    assert.equal(selfSufficient(text, 'js'), false, 'the file alone has no evidence: the neighbour must supply it');
    const r = await detect({ path: 'src/call.ts', text }, { files, loadWasm });
    assert.equal(r.sites.length, 1);
    assert.equal(r.sites[0]?.provider, 'groq');
  });

  it('skips look-alikes that only share words with the pre-filter', async () => {
    const cases: [string, string][] = [
      ['vocab.js', 'export default ["ai", "openai", "claude", "gemini", "together"];\n'],
      ['rpc.ts', 'import { bus } from "./bus";\nexport function invoke(name: string) { return bus.invoke(name, { embed: true }); }\n'],
      ['chat.ts', 'export class Chat { sendMessage(text: string) { this.messages.push(text); } generate() { return this.complete(); } }\n'],
      ['infer.py', '"""Local inference helpers."""\ndef infer(x):\n    return x.embed()\n'],
      ['types.d.ts', 'import OpenAI from "openai";\nexport declare function ask(client: OpenAI): Promise<string>;\n'],
    ];
    const files = memoryProvider({ 'bus.ts': 'export const bus = { invoke: (n: string, o: object) => [n, o] };\n' });
    for (const [path, text] of cases) {
      // Never parsed: rejected by the pre-filter (derived from the catalogue, it may no longer hold such words) or by
      // the evidence test.
      const before = evidenceStats().parsed;
      const r = await detect({ path, text }, { files, loadWasm });
      assert.deepEqual(r.sites, [], path);
      assert.equal(evidenceStats().parsed, before, `${path} was parsed`);
    }
  });

  it('takes no everyday method call for a witness: a regex test, a PyTorch training loop, a test runner', () => {
    // `.test(`, `.train(`, `.forward(`, `.step(`, `.evaluate(` and `.replay(` are also methods of catalogue types (a
    // crewAI crew, a DSPy module, a CAMEL agent, Vertex evaluation), but far more often of anything else: no file is
    // read for them alone (on the benchmark tree, `.test(` alone let 822 JavaScript files through).
    const lookAlikes = [
      'if (/^v\\d+$/.test(tag)) { release(tag); }\n',
      'for batch in loader:\n    loss = model.forward(batch)\n    optimizer.step()\n',
      'trainer.train()\nmetrics = trainer.evaluate()\nsuite.test(cases)\nlog.replay(0)\n',
    ];
    for (const text of lookAlikes) assert.equal(PREFILTER.test(text), false, text);
    // A crew's distinctive method still lets the file through, and opens the gate of its everyday ones (the crewAI
    // project template: agents/py_crewai_main_minimal.py, whose sites are checked by the fixture tests).
    assert.equal(PREFILTER.test('Crew().crew().kickoff(inputs=inputs)\n'), true);
  });

  it('finds a line over the minified limit exactly where a line-by-line count does', () => {
    const byLines = (text: string, limit: number): boolean => text.split('\n').some((l) => l.length > limit);
    const rand = mulberry32(77);
    for (let i = 0; i < 3000; i++) {
      const limit = 1 + Math.floor(rand() * 12);
      // Lines of 0 to 2 × limit characters, so that every length around the limit occurs (and a line at the very end).
      const text = Array.from({ length: Math.floor(rand() * 6) }, () => 'x'.repeat(Math.floor(rand() * (2 * limit + 1)))).join('\n') + (rand() < 0.3 ? '\n' : '');
      assert.equal(hasMinifiedLine(text, limit), byLines(text, limit), `${JSON.stringify(text)} (limit ${limit})`);
    }
    assert.equal(hasMinifiedLine(`${'a'.repeat(5000)}\n`), false);
    assert.equal(hasMinifiedLine(`b\n${'a'.repeat(5001)}`), true);
  });

  it('calls a file minified when its long lines hold most of its text, not for one long line among many', async () => {
    // The oracle: characters in lines over the limit that are not prose (a tenth or more of them spaces), counted line
    // by line, against half the text without the prose lines.
    const byLines = (text: string, limit: number): boolean => {
      const lines = text.split('\n');
      const over = lines.filter((l) => l.length > limit);
      const prose = over.filter((l) => l.split(' ').length - 1 >= l.length * PROSE_SPACE_SHARE);
      const long = over.filter((l) => !prose.includes(l));
      const code = text.length - prose.reduce((a, l) => a + l.length, 0);
      return long.length > 0 && (2 * long.reduce((a, l) => a + l.length, 0) > code || code > lines.length * MINIFIED_MEAN_LINE);
    };
    const rand = mulberry32(78);
    for (let i = 0; i < 3000; i++) {
      const limit = 1 + Math.floor(rand() * 12);
      // Each character a space with a chance of 0, 5 or 30 % per line, so that lines on both sides of the prose share occur.
      const line = (): string => {
        const p = [0, 0.05, 0.3][Math.floor(rand() * 3)];
        return Array.from({ length: Math.floor(rand() * (3 * limit + 1)) }, () => (rand() < p ? ' ' : 'x')).join('');
      };
      const text = Array.from({ length: Math.floor(rand() * 6) }, line).join('\n') + (rand() < 0.3 ? '\n' : '');
      assert.equal(looksMinified(text, limit), byLines(text, limit), `${JSON.stringify(text)} (limit ${limit})`);
    }
    // letta's openai_streaming_interface.py: 1,623 hand-written lines and one docstring line of 6,501 characters.
    const docstring = `EVENTS = """${'{"type": "response.output_text.delta", "delta": "x"}, '.repeat(120)}"""`;
    const handWritten = ['from openai import OpenAI', 'client = OpenAI()', docstring, ...Array.from({ length: 400 }, (_, k) => `value_${k} = compute(${k})  # a hand-written line`), 'client.chat.completions.create(model="gpt-4o-mini", messages=[])', ''].join('\n');
    assert.ok(docstring.length > 5000 && !looksMinified(handWritten));
    const r = await detect({ path: 'stream.py', text: handWritten }, { loadWasm });
    assert.deepEqual(r.sites.map((x) => x.line), [404]);
    // A bundle: one line of 20,000 characters and a short header; a bundle re-wrapped into lines of 2,500 characters
    // with one longer line (an inlined data URL). Minified code is 1-5 % spaces (glob, markdown-it, protobufjs, ajv's
    // .min.js in node_modules); the snippet below is 6.5 %.
    const minified = 'function r(e,t){return e&&t?new n(e,t):void 0}';
    assert.equal(looksMinified(`/*! v1 */\n${minified.repeat(430)}\n`), true);
    assert.equal(looksMinified(`${Array.from({ length: 900 }, () => 'var a=1;'.repeat(312)).join('\n')}\n${'x'.repeat(6000)}\n`), true);
    // vercel/ai examples/ai-functions/src/generate-text/openai/compatible-litellm-anthropic-cache-control.ts: 46 lines,
    // one of them a system prompt of 5,974 characters (16 % spaces). It was skipped as minified and its call lost.
    const prompt = `        content: '${'You are a JavaScript expert. Here is the error message you need to explain. '.repeat(78)}',`;
    const example = ['import { createOpenAICompatible } from "@ai-sdk/openai-compatible";', 'import { generateText } from "ai";', 'const litellm = createOpenAICompatible({ baseURL: "http://0.0.0.0:4000", name: "litellm-anthropic" });', 'const model = litellm.chatModel("claude-3-5-sonnet-20240620");', 'const result = await generateText({', '  model,', '  messages: [', '      {', "        role: 'system',", prompt, '      },', '  ],', '});', ''].join('\n');
    assert.ok(prompt.length > 5000 && prompt.length * 2 > example.length && !looksMinified(example));
    const js = await detect({ path: 'cache-control.ts', text: example }, { loadWasm });
    assert.deepEqual(js.sites.map((x) => [x.line, x.model?.id]), [[5, 'claude-3-5-sonnet-20240620']]);
    // A bundle holding a long licence text keeps its verdict: the code lines decide.
    assert.equal(looksMinified(`/*! ${'Permission is hereby granted, free of charge. '.repeat(120)} */\n${minified.repeat(430)}\n`), true);
  });

  it('reads request-body keys where the analyser does (keyMap: pairs, Python keyword arguments, JS shorthand properties)', () => {
    const yes: [string, 'js' | 'python'][] = [
      ['fetch(url, { method: "POST", body: JSON.stringify({ model, messages }) });', 'js'],
      ['const body = { temperature: Number(opts.t ?? 0.2), stream: Boolean(s), model, prompt };', 'js'],
      ['await fetch(u, { body: JSON.stringify({ "model": m, "input": text }) })', 'js'],
      ['body: JSON.stringify({ inputs })', 'js'],
      ['const payload = {\n  // the model (see the docs\n  model,\n  messages,\n};', 'js'],
      ['requests.post(url, json={"model": MODEL, "messages": msgs})', 'python'],
      ['httpx.post(url, json=dict(model=m, prompt=p))', 'python'],
      ['requests.post(API_URL, headers=h, json={"inputs": text})', 'python'],
      ["payload = {'model_id': mid, 'texts': chunk}", 'python'],
      // A comment, a line break or a line continuation between a key and its `:` or `=`; triple-quoted keys (found
      // by a review: the detector finds these sites when it parses every file).
      ['fetch(url, { method: "POST", body: JSON.stringify({ model /* deployment */: "gpt-4o", messages: msgs }) })', 'js'],
      ['fetch(url, { body: JSON.stringify({ model, messages\n  // the chat so far\n  : msgs }) })', 'js'],
      ['fetch(url, { body: JSON.stringify({ "model"\n  : "gpt-4o", "prompt"\n  : text }) })', 'js'],
      ['httpx.stream("POST", url, json={"""model""": "gpt-4o", """prompt""": text})', 'python'],
      ["httpx.post(url, json={'''inputs''': batch})", 'python'],
      ['httpx.post(url, json={\n  "model"  # the deployment\n  : "gpt-4o",\n  "prompt": text })', 'python'],
      ['httpx.post(url, json=dict(model \\\n  ="gpt-4o", messages=msgs))', 'python'],
    ];
    for (const [text, lang] of yes) assert.equal(hasModelBodyWord(text, lang), true, text);
    // The pre-filter lets each through, also as ripgrep reads it: one line at a time (`$` is the end of a line).
    const word = new RegExp(MODEL_BODY_WORD, 'i');
    for (const [text] of yes) {
      assert.ok(word.test(text), `pre-filter: ${text}`);
      assert.ok(text.split('\n').some((line) => word.test(line)), `pre-filter, line by line: ${text}`);
    }
    const no: [string, 'js' | 'python'][] = [
      // MSAL's bundled custom-auth client: `inputs` is an argument, never an object's key (a 1.4 MB file was parsed for it).
      ['ensureArgumentIsNotNullOrUndefined("inputs", inputs, correlationId);\nthis.ensureUsernameIsValidV2(inputs.username, correlationId);', 'js'],
      ['function resetPassword(client, inputs, options) { return client.run(inputs); }', 'js'],
      // Assignments are not keys: JS has no `model=` key, and an attribute is not a keyword argument.
      ['this.model = options.model;\nthis.text = "";', 'js'],
      ['self.model = model\nself.inputs == other.inputs', 'python'],
      // Python has no shorthand property: `{model, messages}` is a set.
      ['seen = {model, messages}', 'python'],
      ['submodel: str = ""\nsubtext = 1', 'python'],
    ];
    for (const [text, lang] of no) assert.equal(hasModelBodyWord(text, lang), false, text);
  });

  it('tells an object literal from an argument or parameter list, and says yes when unsure', () => {
    const at = (text: string, key: string): boolean => inObjectLiteral(text, text.indexOf(`, ${key}`));
    assert.equal(at('x({ a: f(1, [2]), model })', 'model'), true);
    assert.equal(at('check("inputs", inputs, id)', 'inputs'), false);
    assert.equal(at('[a, inputs]', 'inputs'), false);
    assert.equal(at('function f(a = { b: 1 }, inputs) {}', 'inputs'), false);
    assert.equal(at("f('a)b', { c: 'x{', inputs })", 'inputs'), true);
    // Unsure: a comment, a template literal or a regex on the way.
    assert.equal(at('f(a, // {\n inputs)', 'inputs'), true);
    assert.equal(at('f(`${a}`, inputs)', 'inputs'), true);
    assert.equal(at('f("unclosed, inputs)', 'inputs'), true);
  });

  it('does not parse a bundle whose body words are only arguments', async () => {
    const text = ['async function resetPasswordV2(inputs) {', '  ensureArgumentIsNotNullOrUndefined("inputs", inputs, correlationId);', '  const r = await fetch(this.url, { method: "POST", headers });', '  return r.json();', '}', ''].join('\n');
    const before = evidenceStats().parsed;
    const r = await detect({ path: 'lib/custom-auth.js', text }, { files: memoryProvider({}), loadWasm });
    assert.deepEqual(r.sites, []);
    assert.equal(evidenceStats().parsed, before, 'parsed');
  });

  it('reads module imports where the analyser does', () => {
    assert.equal(hasModuleImport('import OpenAI from "openai";', 'js'), true);
    assert.equal(hasModuleImport("const { generateText } = require( /* sdk */ 'ai' );", 'js'), true);
    assert.equal(hasModuleImport("import { x } from\n  '@ai-sdk/openai'", 'js'), true);
    assert.equal(hasModuleImport('const words = ["ai", "openai"];', 'js'), false);
    assert.equal(hasModuleImport('x.require("openai")', 'js'), false);
    assert.equal(hasModuleImport('from google import genai', 'python'), true);
    assert.equal(hasModuleImport('import os, anthropic', 'python'), true);
    assert.equal(hasModuleImport('# we work together on this', 'python'), true, 'a whole word is enough in Python (superset)');
    assert.equal(hasModuleImport('from .openai_helpers import x', 'python'), false);
  });

  it('reads a fallback path as a called member chain, as the analyser does', () => {
    assert.equal(hasFallback('client.chat\n  .completions\n  .create({ model, messages }) // openai', 'js'), true);
    assert.equal(hasFallback('client.beta.chat.completions.with_raw_response.create(model=m)  # openai', 'python'), true);
    assert.equal(hasFallback('client.chat?.completions?.create?.({}) // openai', 'js'), true);
    assert.equal(hasFallback('client.chat \\\n  .completions.create(model=m)  # openai', 'python'), true);
    assert.equal(hasFallback('client.chat /* v1 */ .completions.create(model=m) // openai', 'js'), true);
    // A vocabulary or price table that holds the words, and some other `create(` call.
    assert.equal(hasFallback('Object.create(null); const words = ["chat", "completions", "openai"];', 'js'), false);
  });

  it('needs both a fallback path and its file token', () => {
    assert.equal(hasFallback('client.chat.completions.create(model=m, messages=msgs)', 'python'), true, 'chat.completions is its own token');
    assert.equal(hasFallback('c.messages.create(max_tokens=5)', 'python'), false);
    assert.equal(hasFallback('# claude\nc.messages.create(max_tokens=5)', 'python'), true);
    assert.equal(hasFallback('bedrock = x\nrt.converse(modelId=m)', 'python'), true);
  });

  it('has, for every raw-HTTP endpoint pattern, a word that each matching URL literal holds', () => {
    const samples: Record<string, string[]> = {
      chat: ['/v1/chat/completions', '/openai/v1/chat/completions', '/api/chat', '/v1/chat', '/v2/chat'],
      completion: ['/v1/completions', '/openai/deployments/gpt4/completions', '/v1/complete', '/api/generate', '/beta/completions', '/fim/completions'],
      rerank: ['/v1/rerank', '/v2/rerank'],
      responses: ['/v1/responses'],
      messages: ['/v1/messages'],
      embeddings: ['/v1/embeddings', '/v2/embed', '/api/embed', '/api/embeddings', '/v1beta/models/text-embedding-004:embedContent', '/v1beta/models/e:batchEmbedContents'],
      generate: ['/v1beta/models/gemini-2.0-flash:generateContent', '/v1/models/g:streamGenerateContent', '/model/anthropic.claude-3/invoke', '/model/m/converse-stream', '/model/m/invoke-with-response-stream', '/v1beta/interactions', '/v1beta1/projects/p/locations/us-central1/interactions'],
      audio: ['/v1/audio/transcriptions', '/v1/audio/translations', '/v1/audio/speech', '/v1/audio/generations', '/v1/text-to-speech/v1d/stream', '/v1/text-to-speech/v1d', '/v1/speech-to-text', '/v1/listen', '/v1/text:synthesize', '/v1p1beta1/speech:recognize'],
      vertex: ['/v1/projects/p/locations/l/publishers/google/models/text-embedding-005:predict', '/publishers/anthropic/models/claude:streamRawPredict', '/v1beta/models/chat-bison-001:generateMessage', '/v1beta/models/gecko:embedText'],
      servers: ['/ml/v1/text/generation', '/ml/v1/text/chat_stream', '/ml/v1/deployments/d/text/generation_stream', '/ml/v1/text/rerank', '/generate', '/generate_stream', '/embed', '/rerank', '/completion', '/infill'],
      hosted: ['/v1/ocr', '/v1/flux-pro-1.1', '/v1/predictions', '/v1/models/black-forest-labs/flux/predictions', '/api/v6/images/text2img', '/v1/inference/BAAI/bge-large-en-v1.5', '/v2beta/stable-image/generate/ultra', '/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image',
        '/pipeline/feature-extraction/sentence-transformers/all-MiniLM-L6-v2', '/models/gpt2', '/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction',
        '/client/v4/accounts/acc/ai/run/@cf/baai/bge-base-en-v1.5', '/v1/acc/gw/workers-ai/@cf/meta/llama-3-8b-instruct'],
      images: ['/v1/images/generations', '/v1/images/edits', '/v1/images/variations'],
      realtime: ['/v1/realtime', '/openai/realtime', '/v1/text-to-speech/v1d/stream-input', '/v1/speech-to-text/realtime'],
    };
    for (const e of HTTP_ENDPOINTS) {
      const matching = Object.values(samples).flat().filter((p) => e.path.test(p));
      assert.ok(matching.length > 0, `no sample path for ${e.path}`);
      if (e.host) {
        // Bound to a host: the URL holds the host, and the host is the evidence.
        const host = (e.hostWords ?? []).flatMap((w) => [w, `api.${w}`]).find((h) => e.host?.test(h));
        assert.ok(host, `${e.path}: no host word names a host of ${e.host}`);
        for (const p of matching) assert.ok(hasEndpointWord(`"https://${host}${p}"`), `${e.path}: https://${host}${p} has no evidence`);
        continue;
      }
      for (const p of matching) {
        // As a whole literal, as the tail of a template, and with a query string.
        for (const lit of [`"https://host${p}"`, `f"{BASE}${p}"`, `\`\${base}${p}?v=1\``, `'${p.split('/').pop() ?? ''}'`]) {
          assert.ok(hasEndpointWord(lit), `${e.path}: ${lit} has no endpoint word`);
        }
      }
    }
    assert.equal(hasEndpointWord('const GeneratePkceCodes = "generatePkceCodes";'), false);
    assert.equal(hasEndpointWord('state: "completed"'), false);
  });

  it('sees a model-shaped body sent by axios.put, a call hasHttpCall does not name (the body call is asked apart)', async () => {
    // httpEvidence passes the file's hasHttpCall answer on to the body test; `put` is no HTTP_CALL_RE name, so a body
    // sent only with `axios.put(` must still be seen when that answer is no.
    const text = 'import axios from "axios";\nexport async function ask(url: string) {\n  return axios.put(url, { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });\n}\n';
    assert.equal(hasHttpCall(text, 'js'), false, 'the premise: no HTTP_CALL_RE call in the file');
    assert.equal(selfSufficient(text, 'js'), true, 'a model-shaped body and a call that sends it');
    assert.equal(selfSufficient(text.replace('axios.put(', 'axios.putInStore('), 'js'), false, 'not without the call');
  });

  it("the scan's pre-filter pass hands the detector the vocabulary answer it would find itself", () => {
    // passesPrefilter remembers where its leftmost match was; hasVocabulary starts there for that same text. Checked on
    // every fixture and its seeded line-deleted mutants, and on texts where another pre-filter word comes first.
    const texts = fixtures.map((f) => readFileSync(f.sourceFile, 'utf8'));
    const rand = mulberry32(20261207);
    for (let i = 0; i < 400; i++) {
      const lines = texts[Math.floor(rand() * texts.length)]!.split('\n');
      lines.splice(Math.floor(rand() * lines.length), 1 + Math.floor(rand() * 3));
      texts.push(lines.join('\n'));
    }
    texts.push(
      'payload = {"model": m}\nclient.chat.completions.create(**payload)\n', // a body word first, the vocabulary later
      'body = {"model": m, "messages": msgs}\nrequests.post(url, json=body)\n', // a body word, no vocabulary
      '// completions\nconst r = await client.responses.create({ model });\n', // an extra word first
      'see the embeddings docs\n', // an extra word only
      'from openai import OpenAI\n', // the vocabulary first
    );
    let vocabulary = 0;
    for (const t of texts) {
      const passes = passesPrefilter(t);
      assert.equal(passes, PREFILTER.test(t));
      if (!passes) continue;
      const want = VOCABULARY.test(t);
      assert.equal(hasVocabulary(t), want, t.slice(0, 200));
      if (want) vocabulary++;
      // Another text than the one pre-filtered is searched from its start.
      assert.equal(hasVocabulary(`${t} `), want);
    }
    assert.ok(vocabulary > 0 && vocabulary < texts.length, 'both answers occur');
  });

  it('takes a LangChain-only model method in a file naming LangChain for evidence, as the analyser does without an import', async () => {
    // agents/ts_langchain_injected_model.ts without its type imports (a mutant the seeded test above met): the analyser
    // still takes `runnable` for a chat model (`bindTools` is LangChain's own), so the evidence test must not skip it.
    const text = 'export class LangchainLLM {\n  async generateResponse(llm: any, messages: unknown[], tools: unknown[]) {\n    const runnable = llm.bindTools(tools);\n    return runnable.invoke(messages);\n  }\n}\n';
    assert.equal(selfSufficient(text, 'js'), true);
    assert.equal(selfSufficient(text.replace('LangchainLLM', 'Assistant'), 'js'), false, 'not without LangChain named');
    const { fast, full } = await both('src/lc.ts', text, memoryProvider({}));
    assert.equal(full.length, 1, 'the analyser finds the invoke');
    assert.deepEqual(fast, full);
  });

  it('sees the HTTP call names analyzeHttp reads URLs from', () => {
    assert.equal(hasHttpCall('await fetch(url, opts)', 'js'), true);
    assert.equal(hasHttpCall('await $fetch<Reply>(url)', 'js'), true);
    assert.equal(hasHttpCall('axios.post(url, body)', 'js'), true);
    assert.equal(hasHttpCall('requests.post(url, json=body)', 'python'), true);
    assert.equal(hasHttpCall('urllib.request.urlopen(req)', 'python'), true);
    assert.equal(hasHttpCall('print(url)', 'python'), false);
    assert.equal(hasHttpCall('safeApplyHacky(f, x)', 'js'), false, 'ky( inside another name');
    // A fetch factory called at once (continuedev/continue's openai-adapters): the returned fetch makes the call.
    assert.equal(hasHttpCall('await customFetch(this.config.requestOptions)(url, init)', 'js'), true);
    assert.equal(hasHttpCall('await customFetch(requestOptions)', 'js'), false, 'the factory alone sends nothing');
    assert.equal(hasHttpCall('const { data } = useFetch(key)', 'js'), false);
  });

  it('answers missing neighbour candidates from a walk\'s folder listings, and only those', () => {
    const memo = new ListingMemo();
    assert.equal(memo.knownMissing('src/llm.ts'), false, 'nothing listed: ask the file system');
    memo.record('', ['src', 'README.md']);
    memo.record('src', ['llm.ts', 'util']);
    assert.equal(memo.knownMissing('src/llm.tsx'), true);
    assert.equal(memo.knownMissing('src/llm.ts'), false);
    assert.equal(memo.knownMissing('lib/x.py'), true, 'the root lacks lib');
    assert.equal(memo.knownMissing('src/util/index.ts'), false, 'util itself was not listed: ask');
    assert.equal(memo.knownMissing('src/../src/none.ts'), false, 'unnormalised paths are not guessed');
    assert.equal(memo.knownMissing('./src/none.ts'), false);
  });
});
