/**
 * Shell detection (src/core/detect/shell/): how curl, wget and HTTPie command lines are read, what a notebook's shell
 * code takes from Python, and that the Bash grammar is loaded only for shell text. Expected values are written from
 * curl(1), the GNU Wget manual, the HTTPie docs and IPython's documented expansion rules, not from the detector.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { detect } from '../../../src/core/detect/detector';
import { loadWasm } from './loadWasm';

async function sitesOf(path: string, text: string): Promise<string[]> {
  const r = await detect({ path, text }, { loadWasm });
  return r.sites.map((s) => `${s.cell !== undefined ? `${s.cell}:` : ''}${s.line} ${s.provider} ${s.api} ${s.model.id ?? '-'}`);
}

const URL = 'https://api.openai.com/v1/chat/completions';
const BODY = `'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}'`;

function notebook(...cells: string[]): string {
  return JSON.stringify({ cells: cells.map((c) => (c.startsWith('#md ') ? { cell_type: 'markdown', source: c.slice(4) } : { cell_type: 'code', source: c })), nbformat: 4 });
}

describe('detect: shell scripts and notebook shell code', () => {
  it('reads the method curl uses: a body means POST, -G/-I/-T/-X say otherwise', async () => {
    const cases: [string, boolean][] = [
      [`curl ${URL} -d ${BODY}`, true],
      [`curl -XPOST ${URL} --data-raw ${BODY}`, true],
      [`curl -sSX POST ${URL} --json ${BODY}`, true],
      [`curl -s -H "Content-Type: application/json" ${URL} --data-binary @request.json`, true],
      [`curl -G ${URL} -d ${BODY}`, false],
      [`curl -I ${URL}`, false],
      [`curl -T body.json ${URL}`, false],
      [`curl --request DELETE ${URL} -d ${BODY}`, false],
      [`curl -X POST ${URL}`, false],
      [`curl -X GET ${URL}`, false],
      [`curl -so out.json ${URL}`, false],
    ];
    for (const [cmd, site] of cases) assert.equal((await sitesOf('a.sh', `${cmd}\n`)).length, site ? 1 : 0, cmd);
  });

  it('reads the body from standard input: here-string, here-document (quoted: no expansion) and a pipe', async () => {
    assert.deepEqual(await sitesOf('a.sh', `B=${BODY}\ncurl -d @- ${URL} <<< "$B"\n`), ['2 openai chat gpt-4o-mini']);
    assert.deepEqual(await sitesOf('a.sh', `M=gpt-4.1\ncurl -d @- ${URL} <<EOF\n{"model": "$M"}\nEOF\n`), ['2 openai chat gpt-4.1']);
    const quoted = await detect({ path: 'a.sh', text: `M=gpt-4.1\ncat <<'EOF' | curl -d @- ${URL}\n{"model": "$M"}\nEOF\n` }, { loadWasm });
    assert.equal(quoted.sites[0]?.model.id, '$M', 'a quoted here-document is not expanded');
    assert.deepEqual(await sitesOf('a.sh', `echo ${BODY} | curl ${URL} -d @-\n`), ['1 openai chat gpt-4o-mini']);
    assert.deepEqual(await sitesOf('a.sh', `jq -n '{}' | curl ${URL} -d @-\n`), ['1 openai chat -']);
  });

  it('resolves $VAR, ${VAR:-default} and ${VAR:=default}; the last assignment before the use wins', async () => {
    const text = [
      'M=gpt-4o',
      'M=gpt-4o-mini',
      `curl ${URL} -d '{"model": "'$M'"}'`,
      'M=o3',
      `curl ${URL} -d "{\\"model\\": \\"\${OTHER:-gpt-4.1}\\"}"`,
      ': "${HOST:=api.mistral.ai}"',
      'curl "https://$HOST/v1/chat/completions" -d @body.json',
    ].join('\n');
    const r = await detect({ path: 'a.sh', text }, { loadWasm });
    assert.deepEqual(r.sites.map((s) => [s.line, s.provider, s.model.id, s.model.resolution.kind]), [
      [3, 'openai', 'gpt-4o-mini', 'constant'],
      [5, 'openai', 'gpt-4.1', 'env-default'],
      [7, 'mistral', null, 'unknown'],
    ]);
  });

  it('needs a visible endpoint: an unknown URL is no site, an unknown host with an unmistakable path is `other`', async () => {
    assert.deepEqual(await sitesOf('a.sh', `curl "$URL" -d ${BODY}\n`), []);
    assert.deepEqual(await sitesOf('a.sh', `curl "$BASE/v1/chat/completions" -d ${BODY}\n`), ['1 other chat gpt-4o-mini']);
    assert.deepEqual(await sitesOf('a.sh', `curl "$BASE/api/items" -d ${BODY}\n`), []);
  });

  it('reads wget --post-data/--post-file and HTTPie/xh data items', async () => {
    assert.deepEqual(await sitesOf('a.sh', `wget -qO- --post-data=${BODY} ${URL}\n`), ['1 openai chat gpt-4o-mini']);
    assert.deepEqual(await sitesOf('a.sh', `wget --post-file=req.json ${URL}\n`), ['1 openai chat -']);
    assert.deepEqual(await sitesOf('a.sh', `wget ${URL}\n`), []);
    assert.deepEqual(await sitesOf('a.sh', `http ${URL} model=gpt-4o messages:='[]'\n`), ['1 openai chat gpt-4o']);
    assert.deepEqual(await sitesOf('a.sh', `xh :11434/api/generate model=llama3.2 prompt=hi\n`), ['1 ollama completion llama3.2']);
    assert.deepEqual(await sitesOf('a.sh', `http GET ${URL}\n`), []);
  });

  it('puts the site on the line of the command name, inside loops and functions', async () => {
    const r = await detect({ path: 'a.sh', text: `ask() {\n  for m in a "b" 'c'; do\n    curl \\\n      ${URL} -d ${BODY}\n  done\n  for f in *.json; do curl ${URL} -d @$f; done\n}\n` }, { loadWasm });
    assert.equal(r.sites.length, 2);
    const s = r.sites[0]!;
    assert.equal(s.line, 3);
    assert.equal(s.enclosingFunction, 'ask');
    assert.deepEqual(s.loops.map((l) => [l.kind, l.bound]), [['for', 3]]);
    // A glob stands for any number of files: no visible bound.
    assert.deepEqual(r.sites[1]!.loops.map((l) => [l.kind, l.bound]), [['for', undefined]]);
    assert.equal(s.method, 'curl');
    assert.equal(s.via, 'http');
  });

  it('notebooks: IPython expands {expr} and $name in ! lines from Python; %%bash sees exported variables', async () => {
    const nb = notebook(
      '#md # REST',
      'import os\nMODEL = "gpt-4o"\nos.environ["EXPORTED"] = "gpt-4.1-mini"',
      `!curl ${URL} -d '{"model": "{MODEL}"}'`,
      `!curl ${URL} -d '{"model": "$MODEL"}'`,
      `%%bash\ncurl ${URL} -d '{"model": "'$EXPORTED'"}'`,
      `%%bash\nMODEL=o4-mini\ncurl ${URL} -d '{"model": "'$MODEL'"}'`,
      `%%bash\ncurl ${URL} -d '{"model": "'$LATER'"}'`,
      'LATER = "gpt-5"',
    );
    const r = await detect({ path: 'n.ipynb', text: nb }, { loadWasm });
    assert.deepEqual(r.sites.map((s) => [s.cell, s.line, s.model.id, s.model.resolution.kind]), [
      [2, 1, 'gpt-4o', 'earlier-cell'],
      [3, 1, 'gpt-4o', 'earlier-cell'],
      [4, 2, 'gpt-4.1-mini', 'earlier-cell'],
      // The cell's own assignment wins over Python's MODEL.
      [5, 3, 'o4-mini', 'constant'],
      // A variable assigned in a later cell is not visible.
      [6, 2, null, 'unknown'],
    ]);
  });

  it('notebooks: shell code is not Python (no parse error from a %%bash body) and Python sites beside it stay', async () => {
    const nb = notebook('%%bash\nfor f in *.json; do\n  echo "$f"\ndone', 'from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o", messages=[])\nout = !ls -la\n!pip install -q openai \\\n    anthropic');
    const r = await detect({ path: 'n.ipynb', text: nb }, { loadWasm });
    assert.deepEqual(r.sites.map((s) => [s.cell, s.line, s.via]), [[1, 3, 'sdk']]);
    assert.deepEqual(r.diagnostics.filter((d) => d.code === 'parse-error'), []);
  });

  it('loads the Bash grammar only for shell text that may hold a request (a fresh process: grammars load once per process)', () => {
    const probe = join(__dirname, 'grammarLoadProbe.ts');
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', probe], { encoding: 'utf8', cwd: join(__dirname, '..', '..', '..') });
    const steps = JSON.parse(out) as { step: string; grammars: string[] }[];
    const bashAfter = (step: string): boolean => steps.find((s) => s.step === step)?.grammars.includes('tree-sitter-bash.wasm') ?? false;
    assert.equal(steps.length, 4);
    assert.equal(bashAfter('python file with an HTTP call'), false);
    assert.equal(bashAfter('shell script without a client command'), false);
    assert.equal(bashAfter('shell script with a download only'), false);
    assert.equal(bashAfter('shell script with a request'), true);
  });

  it('never throws on broken shell text, and reports a parse error', async () => {
    for (const text of ['curl "unterminated', "curl 'x' -d '", 'if then fi done <<', 'curl $(( ${', '\\'.repeat(100), `curl ${URL} -d ${BODY} <<EOF`]) {
      const r = await detect({ path: 'x.sh', text }, { loadWasm });
      assert.deepEqual(r.diagnostics.filter((d) => d.code === 'internal-error'), [], text);
    }
    const r = await detect({ path: 'x.sh', text: `curl ${URL} -d '{"model": "gpt-4o"` }, { loadWasm });
    assert.ok(r.diagnostics.some((d) => d.code === 'parse-error'));
  });
});
