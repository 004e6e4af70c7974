import { strict as assert } from 'node:assert';
import { detect } from '../../../src/core/detect/detector';
import type { FileProvider } from '../../../src/core/fileProvider';
import type { CallSite } from '../../../src/core/types';
import { loadWasm } from './loadWasm';

function memoryFiles(files: Record<string, string>): FileProvider {
  return {
    readText: async (p) => files[p],
    list: async () => undefined,
    stat: async (p) => (files[p] === undefined ? undefined : { type: 'file', size: files[p].length, mtime: 0 }),
  };
}

async function sites(path: string, text: string, files?: FileProvider): Promise<CallSite[]> {
  const r = await detect({ path, text }, { loadWasm, files });
  return [...r.sites];
}

describe('detect: resolution', () => {
  it('resolves an aliased import and a client in self.client', async () => {
    const s = await sites('a.py', [
      'import anthropic as an',
      'class Bot:',
      '    def __init__(self):',
      '        self.client = an.Anthropic()',
      '    def ask(self):',
      '        return self.client.messages.create(',
      '            model="claude-3-5-haiku-latest", max_tokens=300, messages=[])',
    ].join('\n'));
    assert.equal(s.length, 1);
    assert.equal(s[0]?.provider, 'anthropic');
    assert.equal(s[0]?.api, 'messages');
    assert.equal(s[0]?.line, 6); // the line of `create`
    assert.equal(s[0]?.model.id, 'claude-3-5-haiku-latest');
    assert.equal(s[0]?.params.maxTokens, 300);
    assert.equal(s[0]?.enclosingFunction, 'ask');
  });

  it('resolves a typed parameter and an env default', async () => {
    const s = await sites('b.py', [
      'import os',
      'from openai import OpenAI',
      'MODEL = os.getenv("CHAT_MODEL", "gpt-4o-mini")',
      'def run(client: OpenAI):',
      '    client.chat.completions.create(model=MODEL, messages=[{"role": "system", "content": "Be brief"}])',
    ].join('\n'));
    assert.equal(s.length, 1);
    assert.equal(s[0]?.model.id, 'gpt-4o-mini');
    assert.deepEqual(s[0]?.model.resolution, { kind: 'env-default', envVar: 'CHAT_MODEL' });
    assert.deepEqual(s[0]?.prompt.map((p) => [p.role, p.kind, p.text]), [['system', 'literal', 'Be brief']]);
  });

  it('gives every candidate of a conditional model and keeps Bedrock ids as written', async () => {
    const s = await sites('c.ts', [
      "import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';",
      'const c = new BedrockRuntimeClient({});',
      "const id = fast ? 'anthropic.claude-3-haiku-20240307-v1:0' : 'anthropic.claude-3-5-sonnet-20240620-v1:0';",
      'await c.send(new ConverseCommand({ modelId: id, messages: [] }));',
    ].join('\n'));
    assert.equal(s.length, 1);
    assert.equal(s[0]?.provider, 'bedrock');
    assert.equal(s[0]?.api, 'chat');
    assert.equal(s[0]?.model.canonical, 'anthropic.claude-3-haiku-20240307-v1:0');
    assert.deepEqual(s[0]?.model.candidates?.map((c) => c.id), ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-5-sonnet-20240620-v1:0']);
  });

  it('attributes an OpenAI client to the provider its base_url names', async () => {
    const s = await sites('d.py', [
      'from openai import OpenAI',
      'ds = OpenAI(base_url="https://api.deepseek.com")',
      'ds.chat.completions.create(model="deepseek-chat", messages=[])',
      'local = OpenAI(base_url="http://localhost:11434/v1")',
      'local.chat.completions.create(model="llama3.1", messages=[])',
    ].join('\n'));
    assert.deepEqual(s.map((x) => x.provider), ['deepseek', 'ollama']);
  });

  it('follows one import hop for a model constant and for a client', async () => {
    const files = memoryFiles({
      'app/config.py': 'MODEL = "gpt-4.1-mini"\n',
      'app/llm.py': 'from anthropic import Anthropic\nclient = Anthropic()\n',
    });
    const s = await sites('app/main.py', [
      'from openai import OpenAI',
      'from .config import MODEL',
      'from .llm import client',
      'OpenAI().chat.completions.create(model=MODEL, messages=[])',
      'client.messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=[])',
    ].join('\n'), files);
    assert.equal(s.length, 2);
    assert.deepEqual(s[0]?.model.resolution, { kind: 'imported', file: 'app/config.py', name: 'MODEL' });
    assert.equal(s[1]?.provider, 'anthropic');
    assert.equal(s[1]?.confidence, 'high');
  });
});

describe('detect: context', () => {
  it('records loops with visible bounds and while True', async () => {
    const s = await sites('e.py', [
      'import openai',
      'for i in range(5):',
      '    openai.chat.completions.create(model="gpt-4o", messages=[])',
      'while True:',
      '    openai.embeddings.create(model="text-embedding-3-small", input="x")',
    ].join('\n'));
    assert.deepEqual(s[0]?.loops.map((l) => [l.kind, l.bound]), [['for', 5]]);
    assert.deepEqual(s[1]?.loops.map((l) => [l.kind, l.unbounded]), [['while', true]]);
  });

  it('honours tokentier-ignore on the line above and copies a tokentier: annotation', async () => {
    const s = await sites('f.ts', [
      "import OpenAI from 'openai';",
      'const c = new OpenAI();',
      '// tokentier-ignore',
      "await c.chat.completions.create({ model: 'gpt-4o', messages: [] });",
      "await c.chat.completions.create({ model: 'gpt-4o', messages: [] }); // tokentier: calls=100/day",
    ].join('\n'));
    assert.equal(s[0]?.ignored, true);
    assert.equal(s[1]?.ignored, undefined);
    assert.deepEqual(s[1]?.annotation, { text: 'tokentier: calls=100/day', line: 5 });
  });

  it('does not report look-alikes (Twilio, own classes, strings and comments)', async () => {
    const s = await sites('g.py', [
      'from twilio.rest import Client',
      'import openai',
      'Client().messages.create(body="hi", to="+1", from_="+2")',
      '# openai.chat.completions.create(model="gpt-4o", messages=[])',
      'x = "openai.chat.completions.create(model=1)"',
      'openai.models.list()',
    ].join('\n'));
    assert.deepEqual(s, []);
  });
});

describe('detect: inputs', () => {
  it('numbers notebook cells like VS Code and resolves a model from an earlier cell', async () => {
    const nb = JSON.stringify({
      cells: [
        { cell_type: 'markdown', source: ['# Title'] },
        { cell_type: 'code', source: ['!pip install openai\n', 'from openai import OpenAI\n', 'MODEL = "gpt-4o-mini"'] },
        { cell_type: 'code', source: ['client = OpenAI()\n', 'r = client.chat.completions.create(\n', '    model=MODEL, messages=[])'] },
      ],
    });
    const s = await sites('n.ipynb', nb);
    assert.equal(s.length, 1);
    assert.equal(s[0]?.cell, 2);
    assert.equal(s[0]?.line, 2);
    assert.deepEqual(s[0]?.model.resolution, { kind: 'earlier-cell', cell: 1 });
  });

  it('maps positions of a Vue <script> block back to the file', async () => {
    const vue = ['<template><p>{{ x }}</p></template>', '<script setup lang="ts">', "import OpenAI from 'openai';", 'const c = new OpenAI();', "c.responses.create({ model: 'gpt-4.1', input: 'hi' });", '</script>'].join('\n');
    const s = await sites('v.vue', vue);
    assert.equal(s.length, 1);
    assert.equal(s[0]?.line, 5);
    assert.equal(s[0]?.api, 'responses');
  });

  it('never throws on broken code, malformed notebooks or binary text', async () => {
    const broken = await detect({ path: 'x.py', text: 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[\n  def (' }, { loadWasm });
    assert.ok(Array.isArray(broken.sites));
    const nb = await detect({ path: 'x.ipynb', text: '{ not json openai' }, { loadWasm });
    assert.deepEqual(nb.diagnostics.map((d) => d.code), ['malformed-notebook']);
    const bin = await detect({ path: 'x.py', text: 'openai\u0000' }, { loadWasm });
    assert.deepEqual(bin.diagnostics.map((d) => d.code), ['binary-file']);
  });

  it('reparses an edited document incrementally with the same result', async () => {
    const a = 'import openai\nopenai.chat.completions.create(model="gpt-4o", messages=[])\n';
    await sites('inc.py', a);
    const s = await sites('inc.py', `# edited\n${a}`);
    assert.equal(s[0]?.line, 3);
  });
});

describe('detect: more resolution', () => {
  it('follows an export default client across files and an aliased AI SDK import', async () => {
    const files = memoryFiles({ 'src/lib/openai.ts': "import OpenAI from 'openai';\nconst openai = new OpenAI({ baseURL: 'https://openrouter.ai/api/v1' });\nexport default openai;\n" });
    const s = await sites('src/app/route.ts', [
      "import openai from '../lib/openai';",
      "import { generateText as gen } from 'ai';",
      "import { anthropic } from '@ai-sdk/anthropic';",
      "await openai.chat.completions.create({ model: 'openai/gpt-4o', messages: [] });",
      "await gen({ model: anthropic('claude-3-5-haiku-latest'), prompt: 'hi' });",
    ].join('\n'), files);
    assert.deepEqual(s.map((x) => [x.provider, x.via, x.api, x.model.canonical]), [
      ['openrouter', 'sdk', 'chat', 'gpt-4o'],
      ['anthropic', 'ai-sdk', 'generate', 'claude-3-5-haiku-latest'],
    ]);
    assert.deepEqual(s[1]?.model.resolution, { kind: 'constructor' });
  });

  it('resolves a client stored in a dict, a LangChain pipe chain and a default argument', async () => {
    const s = await sites('h.py', [
      'from openai import OpenAI',
      'from langchain_anthropic import ChatAnthropic',
      'CLIENTS = {"groq": OpenAI(base_url="https://api.groq.com/openai/v1")}',
      'CLIENTS["groq"].chat.completions.create(model="llama-3.1-8b-instant", messages=[])',
      'chain = prompt | ChatAnthropic(model="claude-3-5-sonnet-latest") | parser',
      'chain.batch([{"q": 1}, {"q": 2}, {"q": 3}])',
      'def ask(q, model="gpt-4o-mini"):',
      '    return OpenAI().chat.completions.create(model=model, messages=[{"role": "user", "content": q}])',
    ].join('\n'));
    assert.deepEqual(s.map((x) => x.provider), ['groq', 'anthropic', 'openai']);
    assert.deepEqual(s[1]?.loops.map((l) => [l.kind, l.bound]), [['batch', 3]]);
    assert.deepEqual(s[2]?.model.resolution, { kind: 'default-argument', name: 'model' });
    assert.deepEqual(s[2]?.prompt.map((p) => [p.role, p.kind]), [['user', 'dynamic']]);
  });

  it('finds raw HTTP calls with a body and ignores mocks and route declarations', async () => {
    const s = await sites('i.py', [
      'import requests, respx',
      'URL = "https://api.anthropic.com/v1/messages"',
      'requests.post(URL, json={"model": "claude-3-haiku-20240307", "max_tokens": 64, "messages": []})',
      'respx.post("https://api.openai.com/v1/chat/completions")',
      '@app.post("/v1/chat/completions")',
      'def route(): pass',
    ].join('\n'));
    assert.equal(s.length, 1);
    assert.deepEqual([s[0]?.provider, s[0]?.via, s[0]?.api, s[0]?.model.id, s[0]?.params.maxTokens], ['anthropic', 'http', 'messages', 'claude-3-haiku-20240307', 64]);
  });
});

describe('detect: settings objects', () => {
  it('reads a model from a pydantic-settings class default in another file', async () => {
    const files = memoryFiles({
      'app/config.py': 'from pydantic_settings import BaseSettings\nfrom pydantic import Field\nclass Settings(BaseSettings):\n    openai_model: str = Field(default="gpt-4o-mini")\nsettings = Settings()\n',
    });
    const s = await sites('app/chat.py', [
      'from openai import OpenAI',
      'from app.config import settings',
      'OpenAI().chat.completions.create(model=settings.openai_model, messages=[])',
    ].join('\n'), files);
    assert.equal(s[0]?.model.id, 'gpt-4o-mini');
    assert.deepEqual(s[0]?.model.resolution, { kind: 'imported', file: 'app/config.py', name: 'settings.openai_model' });
  });
});
