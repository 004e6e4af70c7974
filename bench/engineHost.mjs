// The production engine bundle (dist/engine.js) with a plain synchronous `node:fs` FileProvider, for the benchmark
// programs that drive the core API directly (floors.mjs, apiScan.mjs).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The engine, with a synchronous FileProvider over `base` (so one-hop imports resolve as in a scan). */
export function engineFor(base) {
  const engineModule = require(path.join(root, 'dist', 'engine.js'));
  const abs = (rel) => path.join(base, rel);
  const files = {
    async readText(rel) {
      try {
        return fs.readFileSync(abs(rel), 'utf8');
      } catch {
        return undefined;
      }
    },
    async stat(rel) {
      const st = fs.statSync(abs(rel), { throwIfNoEntry: false });
      return st && (st.isFile() || st.isDirectory()) ? { type: st.isFile() ? 'file' : 'directory', size: st.size, mtime: st.mtimeMs } : undefined;
    },
    async list(rel) {
      try {
        return fs.readdirSync(abs(rel), { withFileTypes: true }).filter((e) => e.isFile() || e.isDirectory()).map((e) => ({ name: e.name, type: e.isFile() ? 'file' : 'directory' }));
      } catch {
        return undefined;
      }
    },
  };
  const grammars = path.join(root, 'dist', 'grammars');
  const loadWasm = async (name) => new Uint8Array(fs.readFileSync(path.join(grammars, name)));
  return { engine: engineModule.createEngine({ files, loadWasm, retain: false }), engineModule, files };
}

/** Loads every grammar and the tokenizer: one small file with a priced call per language. */
export async function warm(engine) {
  const call = 'client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])';
  const tsCall = "await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });";
  const samples = [
    ['w.py', `from openai import OpenAI\nclient = OpenAI()\n${call}\n`],
    ['w.ts', `import OpenAI from 'openai';\nconst client = new OpenAI();\n${tsCall}\n`],
    ['w.tsx', `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const A = () => <div />;\n${tsCall}\n`],
    ['w.js', `import OpenAI from 'openai';\nconst client = new OpenAI();\n${tsCall}\n`],
  ];
  let sites = 0;
  for (const [p, text] of samples) sites += (await engine.analyzeDocument({ path: p, text })).estimates.length;
  return sites;
}

