// Builds the deterministic benchmark workspace (no download): real JS/TS/JSON/Markdown copied from this
// project's own node_modules, with generated LLM-calling Python, TypeScript and notebook files placed throughout
// (fixed seed, known number of call sites), plus pathological files (a 10 MB minified bundle, a 100,000-line
// generated file, a binary blob).
//
//   node bench/makeTree.mjs [--out bench/work/tree] [--scale 1] [--force]
//
// Folder names that Tokentier (and the benchmark's ripgrep/ast-grep runs) exclude by default (node_modules,
// dist, build, out, …) are renamed on copy so every copied file is in scope for every tool alike.
// Writes <out>/manifest.json: file count, bytes, and the number of generated call sites per kind.
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../test/shared/generators.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.resolve(opt('out', path.join(root, 'bench', 'work', 'tree')));
const scale = Number(opt('scale', '1'));
const force = args.includes('--force');

const TARGET_FILES = 30_000 * scale;
const TARGET_BYTES = 300 * 1024 * 1024 * scale;
const EXCLUDED = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'venv', '.venv', 'env', 'site-packages', 'coverage', '.next', '__pycache__']);
const COPY_EXT = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx', '.json', '.md', '.d.ts', '.map', '.css', '.txt', '.yml', '.yaml']);
const MAX_COPY_BYTES = 4 * 1024 * 1024;

const rand = mulberry32(20261123);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

function safeSegment(seg) {
  return EXCLUDED.has(seg) ? `${seg.replace(/^\./, '')}_` : seg;
}

/**
 * The packages installed only for the catalogue's completeness test (the SDKs src/core/detect/catalog/surfaces.ts
 * names, and what only they depend on, from package-lock.json): left out of the tree, so it is made of the same files
 * as before they were installed and benchmark figures stay comparable across that change.
 */
function sdkOnlyPackages() {
  const surfaces = fs.readFileSync(path.join(root, 'src', 'core', 'detect', 'catalog', 'surfaces.ts'), 'utf8');
  const sdks = new Set([...surfaces.matchAll(/pkg: '([^']+)'|'(@ai-sdk\/[\w-]+)'/g)].map((m) => m[1] ?? m[2]));
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const rootPkg = lock[''] ?? {};
  /** `node_modules/a/node_modules/b` depends on `b` resolved from its own folder upwards, as Node does. */
  const resolve = (from, name) => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (lock[key]) return key;
      if (!dir) return undefined;
    }
  };
  const reach = (starts) => {
    const seen = new Set();
    const stack = starts.map((n) => resolve('', n)).filter(Boolean);
    while (stack.length) {
      const k = stack.pop();
      if (seen.has(k)) continue;
      seen.add(k);
      const e = lock[k] ?? {};
      for (const d of Object.keys({ ...e.dependencies, ...e.optionalDependencies, ...e.peerDependencies })) {
        const r = resolve(k, d);
        if (r) stack.push(r);
      }
    }
    return seen;
  };
  const direct = Object.keys({ ...rootPkg.dependencies, ...rootPkg.devDependencies });
  const kept = reach(direct.filter((n) => !sdks.has(n)));
  const sdkOnly = [...reach(direct.filter((n) => sdks.has(n)))].filter((k) => !kept.has(k));
  return new Set(sdkOnly.map((k) => path.join(root, ...k.split('/'))));
}

function listSource(dir, acc = [], skip = new Set()) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return acc;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (skip.has(p)) continue;
    if (e.isDirectory()) listSource(p, acc, skip);
    else if (e.isFile()) {
      const ext = path.extname(e.name);
      if (!COPY_EXT.has(ext)) continue;
      const size = fs.statSync(p).size;
      if (size > MAX_COPY_BYTES) continue;
      acc.push({ p, size });
    }
  }
  return acc;
}

// ---- generated LLM-calling files (each template states how many sites it holds) ----
const MODELS_OAI = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-5-mini', 'o4-mini'];
const MODELS_ANT = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-3-5-haiku-latest'];
const words = 'summarise the following customer ticket and classify its urgency into one of low medium high'.split(' ');
const sentence = (n) => Array.from({ length: n }, () => pick(words)).join(' ');

const templates = [
  {
    ext: '.py',
    sites: 2,
    make: (i) => `"""Ticket triage worker ${i}."""
import os
from openai import OpenAI
import anthropic

MODEL = "${pick(MODELS_OAI)}"
client = OpenAI()
claude = anthropic.Anthropic()


def triage(ticket: str) -> str:
    resp = client.chat.completions.create(
        model=MODEL,
        max_tokens=${64 + Math.floor(rand() * 512)},
        messages=[
            {"role": "system", "content": "${sentence(12)}"},
            {"role": "user", "content": f"Ticket: {ticket}"},
        ],
    )
    return resp.choices[0].message.content


def summarise(text: str) -> str:
    msg = claude.messages.create(
        model="${pick(MODELS_ANT)}",
        max_tokens=300,
        messages=[{"role": "user", "content": "${sentence(20)} " + text}],
    )
    return msg.content[0].text
`,
  },
  {
    ext: '.ts',
    sites: 2,
    make: (i) => `// Summary service ${i}
import OpenAI from 'openai';
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

const client = new OpenAI();

export async function summarize(input: string): Promise<string> {
  const res = await client.chat.completions.create({
    model: '${pick(MODELS_OAI)}',
    max_tokens: ${100 + Math.floor(rand() * 400)},
    messages: [{ role: 'user', content: \`${sentence(10)}: \${input}\` }],
  });
  return res.choices[0]?.message.content ?? '';
}

export async function title(input: string): Promise<string> {
  const { text } = await generateText({ model: openai('${pick(MODELS_OAI)}'), prompt: \`Title for: \${input}\` });
  return text;
}
`,
  },
  {
    ext: '.py',
    sites: 0,
    // A look-alike: Twilio's messages.create is not an LLM call.
    make: (i) => `from twilio.rest import Client

client = Client("AC${i}", "token")


def notify(to: str) -> None:
    client.messages.create(to=to, from_="+15550100", body="${sentence(6)}")
`,
  },
  {
    ext: '.ipynb',
    sites: 1,
    make: (i) =>
      JSON.stringify(
        {
          nbformat: 4,
          nbformat_minor: 5,
          metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
          cells: [
            { cell_type: 'markdown', metadata: {}, source: [`# Experiment ${i}\n`] },
            { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['from google import genai\n', 'client = genai.Client()\n', 'MODEL = "gemini-2.5-flash"\n'] },
            {
              cell_type: 'code',
              metadata: {},
              execution_count: null,
              outputs: [],
              source: ['resp = client.models.generate_content(\n', '    model=MODEL,\n', `    contents="${sentence(15)}",\n`, ')\n', 'print(resp.text)\n'],
            },
          ],
        },
        null,
        1,
      ),
  },
];

function main() {
  const manifestPath = path.join(out, 'manifest.json');
  if (!force && fs.existsSync(manifestPath)) {
    const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    if (m.scale === scale) {
      console.log(`tree exists: ${out} (${m.files} files, ${(m.bytes / 1e6).toFixed(0)} MB); --force to rebuild`);
      return m;
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const started = Date.now();
  const sources = listSource(path.join(root, 'node_modules'), [], sdkOnlyPackages());
  let files = 0;
  let bytes = 0;
  const sites = { generated: 0, byTemplate: {} };
  let copyRound = 0;
  const genEvery = 40; // one generated file per 40 copied
  let genIndex = 0;
  while (files < TARGET_FILES && bytes < TARGET_BYTES) {
    for (const { p, size } of sources) {
      if (files >= TARGET_FILES || bytes >= TARGET_BYTES) break;
      const rel = path.relative(path.join(root, 'node_modules'), p).split(path.sep).map(safeSegment);
      const dest = path.join(out, `pkgs${copyRound || ''}`, ...rel);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(p, dest);
      files++;
      bytes += size;
      if (files % genEvery === 0) {
        const t = templates[genIndex % templates.length];
        const body = t.make(genIndex);
        const gdest = path.join(path.dirname(dest), `llm_${genIndex}${t.ext}`);
        fs.writeFileSync(gdest, body);
        files++;
        bytes += Buffer.byteLength(body);
        sites.generated += t.sites;
        sites.byTemplate[t.ext + ':' + templates.indexOf(t)] = (sites.byTemplate[t.ext + ':' + templates.indexOf(t)] ?? 0) + t.sites;
        genIndex++;
      }
    }
    copyRound++;
    if (copyRound > 50) break;
  }
  // Pathological files.
  const patho = path.join(out, 'pathological');
  fs.mkdirSync(patho, { recursive: true });
  const minified = [];
  let len = 0;
  let k = 0;
  while (len < 10 * 1024 * 1024) {
    const chunk = `var a${k}=function(b,c){return b.openai_like_${k}?c:b+c*${k}};`;
    minified.push(chunk);
    len += chunk.length;
    k++;
  }
  fs.writeFileSync(path.join(patho, 'bundle.min.js'), minified.join(''));
  const lines = [];
  for (let j = 0; j < 100_000; j++) lines.push(`VALUE_${j} = ${j}  # generated constant`);
  fs.writeFileSync(path.join(patho, 'generated_constants.py'), lines.join('\n') + '\n');
  const blob = Buffer.alloc(4 * 1024 * 1024);
  for (let j = 0; j < blob.length; j++) blob[j] = Math.floor(rand() * 256);
  blob.write('openai.chat.completions.create(', 1000);
  fs.writeFileSync(path.join(patho, 'model.bin.py'), blob);
  files += 3;
  bytes += len + lines.join('\n').length + blob.length;
  const manifest = { scale, files, bytes, sites: sites.generated, sitesByTemplate: sites.byTemplate, generatedFiles: genIndex, seed: 20261123, ms: Date.now() - started };
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  console.log(`built ${out}: ${files} files, ${(bytes / 1e6).toFixed(0)} MB, ${manifest.sites} generated call sites in ${genIndex} files (${manifest.ms} ms)`);
  return manifest;
}

main();
