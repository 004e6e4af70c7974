/**
 * The recall audit's permissive candidate finder (eval/lib/candidates.ts; issue 25 part 2). It must name every
 * generation method of the catalogue and every endpoint and host pattern the detector knows, so that what the scanner
 * misses shows up in the triage list.
 */
import { strict as assert } from 'node:assert';
import { MODULES, TYPES } from '../../src/core/detect/catalog/sdks';
import { HOST_PROVIDERS, HTTP_ENDPOINTS } from '../../src/core/detect/catalog/params';
import { buildPatterns, ENDPOINT_EXAMPLES, ENDPOINT_FRAGMENTS, findCandidates, HOSTS, minusSites } from '../../eval/lib/candidates';

const P = buildPatterns();
const lines = (file: string, text: string) => findCandidates(file, text, P).map((c) => [c.line, c.cls, c.pattern]);

describe('eval: candidate finder', () => {
  it('names every site method of every catalogue type, called on a receiver', () => {
    const missed: string[] = [];
    for (const t of TYPES) {
      for (const [path, m] of Object.entries(t.members)) {
        if (m.kind !== 'site') continue;
        // A file that names its SDK (generic verbs such as `invoke` count only there).
        const text = `import openai\nresult = client.${path}(model="m")\n`;
        if (!findCandidates('x.py', text, P).some((c) => c.line === 2)) missed.push(`${t.id}.${path}`);
      }
    }
    for (const mod of MODULES) {
      for (const [path, m] of Object.entries(mod.members)) {
        if (m.kind === 'site' && !findCandidates('x.py', `import openai\nmod.${path}(x)\n`, P).some((c) => c.line === 2)) missed.push(`${mod.name}:${path}`);
      }
    }
    assert.deepEqual(missed, []);
  });

  it('covers every endpoint pattern of the detector (HTTP_ENDPOINTS) with an example the finder names', () => {
    for (const e of HTTP_ENDPOINTS) assert.ok(ENDPOINT_EXAMPLES.some((x) => e.path.test(x)), `no example for ${e.path}`);
    for (const x of ENDPOINT_EXAMPLES) {
      assert.ok(ENDPOINT_FRAGMENTS.some((f) => x.includes(f)), `no fragment names ${x}`);
      assert.equal(findCandidates('x.py', `requests.post(BASE + "${x}", json=body)\n`, P).length, 1, x);
    }
  });

  it('covers every host pattern of the detector (HOST_PROVIDERS)', () => {
    // Real hostnames, one per pattern, written out by hand.
    const real = ['api.openai.com', 'myres.openai.azure.com', 'api.anthropic.com', 'generativelanguage.googleapis.com', 'bedrock-runtime.us-east-1.amazonaws.com',
      'api.mistral.ai', 'api.cohere.com', 'api.groq.com', 'api.together.xyz', 'api.fireworks.ai', 'api.deepseek.com', 'openrouter.ai', 'api.x.ai', 'router.huggingface.co'];
    for (const h of HOST_PROVIDERS) {
      const hit = real.filter((r) => h.host.test(r));
      assert.ok(hit.length, `no example host for ${h.host}`);
      for (const r of hit) assert.ok(HOSTS.some((x) => r.includes(x)), `the finder names no part of ${r}`);
    }
  });

  it('finds the shapes the scanner can miss, at the line of the method name', () => {
    // Multi-line chain, optional segments, a client passed in, a Twilio look-alike (a candidate: the triage sorts it).
    assert.deepEqual(lines('a.py', 'def f(c):\n    return c.chat.completions \\\n        .with_raw_response.create(model=m)\n'), [[3, 'sdk-method', 'completions.create']]);
    assert.deepEqual(lines('a.py', 'twilio.messages.create(body=x)\n'), [[1, 'sdk-method', 'messages.create']]);
    assert.deepEqual(lines('a.py', 'self.h.client.interactions.create(model="gemini")\n'), [[1, 'sdk-method', 'interactions.create']]);
    // Bare calls of names imported from a catalogue module, also renamed; the definition is not a call.
    assert.deepEqual(lines('a.py', 'from ollama import chat as c, generate\ndef generate(x):\n    pass\nc("gemma3", messages=m)\n'), [[4, 'bare-call', 'ollama:chat']]);
    assert.deepEqual(lines('a.ts', "import { generateText, tool } from 'ai';\nconst r = await generateText({ model });\n"), [[2, 'bare-call', 'ai:generateText']]);
    // Raw HTTP in a shell script.
    assert.deepEqual(lines('run.sh', 'curl https://api.anthropic.com/v1/messages -d @body.json\n'), [[1, 'endpoint', '/v1/messages']]);
  });

  it('keeps generic verbs to files that name an LLM library, and skips comment lines', () => {
    assert.deepEqual(lines('a.py', 'job.run()\nproc.invoke(x)\n'), []);
    assert.deepEqual(lines('a.py', 'from langchain_openai import ChatOpenAI\nchain.invoke({"q": q})\nasyncio.run(main())\n# llm.invoke(x)\n'), [[2, 'generic-verb', 'invoke']]);
  });

  it('reads notebook code cells only, numbering cells in the cells array', () => {
    const nb = JSON.stringify({ cells: [
      { cell_type: 'markdown', source: ['client.chat.completions.create(model="x")\n'] },
      { cell_type: 'code', source: ['from openai import OpenAI\n', 'client = OpenAI()\n'] },
      { cell_type: 'code', source: ['r = client.chat.completions.create(\n', '    model="gpt-4o")\n'] },
      { cell_type: 'code', source: '!curl https://api.openai.com/v1/chat/completions -H "x"' },
    ] });
    assert.deepEqual(findCandidates('n.ipynb', nb, P).map((c) => [c.cell, c.line, c.cls]), [[2, 1, 'sdk-method'], [3, 1, 'endpoint']]);
    assert.deepEqual(findCandidates('broken.ipynb', '{"cells": ', P), []);
  });

  it('subtracts scanner sites by line or by the call\'s line range', () => {
    const cands = findCandidates('a.py', 'import requests\nr = requests.post(\n    "https://api.openai.com/v1/chat/completions",\n    json=b)\nclient.responses.create(model=m)\n', P);
    assert.deepEqual(cands.map((c) => c.line), [3, 5]);
    // The scanner's site is the `post` on line 2, spanning lines 2–4: it covers the URL on line 3.
    assert.deepEqual(minusSites(cands, [{ file: 'a.py', line: 2, startLine: 2, endLine: 4 }]).map((c) => c.line), [5]);
    assert.deepEqual(minusSites(cands, [{ file: 'b.py', line: 5 }]).map((c) => c.line), [3, 5]);
  });
});
