/**
 * Run in a fresh process by shell.test.ts: detects a few files and prints, after each, which wasm files the detector
 * has asked for so far (grammars are loaded once per process, so only a fresh one can show when Bash is loaded).
 */
import { detect } from '../../../src/core/detect/detector';
import { loadWasm } from './loadWasm';

const asked: string[] = [];
const spy = async (name: string): Promise<Uint8Array> => {
  asked.push(name);
  return loadWasm(name);
};
const URL = 'https://api.openai.com/v1/chat/completions';
const steps: [string, string, string][] = [
  ['python file with an HTTP call', 'p.py', `import requests\nrequests.post("${URL}", json={"model": "gpt-4o"})\n`],
  ['shell script without a client command', 'b.sh', `echo "see ${URL}"\nls -la\n`],
  ['shell script with a download only', 'c.sh', 'curl -o x.jpg https://example.com/x.jpg\n'],
  ['shell script with a request', 'd.sh', `curl ${URL} -d '{"model": "gpt-4o"}'\n`],
];
void (async () => {
  const out: { step: string; grammars: string[] }[] = [];
  for (const [step, path, text] of steps) {
    await detect({ path, text }, { loadWasm: spy });
    out.push({ step, grammars: [...asked] });
  }
  process.stdout.write(JSON.stringify(out));
})();
