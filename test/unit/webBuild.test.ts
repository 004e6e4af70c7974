/**
 * The web build (scripts/webBuild.mjs, esbuild.mjs): the guard that keeps Node built-ins out of the bundles the web
 * worker extension host runs, and the web engine bundle itself, built here the way esbuild.mjs builds
 * dist/web/engine.js and evaluated as the web host evaluates it (a function of module/exports/require, where require
 * throws): it loads without Node and finds the demo's calls. The oracle is the demo's text (its call lines and the model
 * literal two lines below the first), not the engine. Also test/integration/web/assert.ts (the browser `node:assert`
 * of the web test bundle) against node:assert/strict.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as esbuild from 'esbuild';
import { nullLogger } from '../../src/core/logger';
import type { EngineBundle } from '../../src/core/engineBundleContract';
import { emptyFileProvider } from '../../src/core/fileProvider';
import * as webAssert from '../integration/web/assert';

const ROOT = path.join(__dirname, '..', '..');

interface WebBuild {
  isNodeBuiltin(specifier: string): boolean;
  noNodeBuiltins: esbuild.Plugin;
  webBundleOptions: esbuild.BuildOptions;
}

async function webBuild(): Promise<WebBuild> {
  return (await import(path.join(ROOT, 'scripts', 'webBuild.mjs'))) as WebBuild;
}

/** Builds `contents` (as if it were src/x.ts) for the web, in memory. */
async function buildSnippet(contents: string): Promise<esbuild.BuildResult> {
  const { noNodeBuiltins, webBundleOptions } = await webBuild();
  return esbuild.build({ ...webBundleOptions, stdin: { contents, sourcefile: 'src/x.ts', resolveDir: path.join(ROOT, 'src'), loader: 'ts' }, write: false, logLevel: 'silent', plugins: [noNodeBuiltins] });
}

describe('web build', function () {
  this.timeout(120_000);

  it('names Node built-ins, with and without node:, and subpaths', async () => {
    const { isNodeBuiltin } = await webBuild();
    for (const s of ['fs', 'node:fs', 'fs/promises', 'child_process', 'worker_threads', 'node:test', 'path', 'zlib']) assert.equal(isNodeBuiltin(s), true, s);
    for (const s of ['vscode', 'yaml', './fs', '../core/engine', 'web-tree-sitter', 'fsevents']) assert.equal(isNodeBuiltin(s), false, s);
  });

  it('fails a web build whose own code imports a Node built-in, naming the importer; the same code without it builds', async () => {
    await assert.rejects(buildSnippet("import * as fs from 'node:fs';\nexport const x = fs.existsSync('a');\n"), (e: Error) => /"node:fs" is a Node built-in, imported by .*src[\\/]x\.ts/.test(e.message));
    await assert.rejects(buildSnippet("import { execFile } from 'child_process';\nexport const x = execFile;\n"), /"child_process" is a Node built-in/);
    const ok = await buildSnippet("import { decodeFileText } from './core/fileProvider';\nexport const x = decodeFileText;\n");
    assert.equal(ok.errors.length, 0);
  });

  it('the engine bundle for the web runs without Node: no require, and it finds the demo calls', async () => {
    const { noNodeBuiltins, webBundleOptions } = await webBuild();
    const { rankTablesAsJson } = (await import(path.join(ROOT, 'scripts', 'rankTables.mjs'))) as { rankTablesAsJson: esbuild.Plugin };
    const out = await esbuild.build({ ...webBundleOptions, entryPoints: [path.join(ROOT, 'src/core/engineBundle.ts')], write: false, logLevel: 'silent', plugins: [rankTablesAsJson, noNodeBuiltins], outfile: 'engine.js' });
    const code = out.outputFiles!.find((f) => f.path.endsWith('engine.js'))!.text;
    const asked: string[] = [];
    const mod = { exports: {} as unknown };
    // As in a web worker: no require, and no `process` (the wasm runtime would otherwise take its Node code path).
    new Function('module', 'exports', 'require', 'process', code)(
      mod,
      mod.exports,
      (id: string) => {
        asked.push(id);
        throw new Error(`no ${id} in a web worker`);
      },
      undefined,
    );
    assert.deepEqual(asked, [], 'the bundle asks for no module at load time');
    const bundle = mod.exports as EngineBundle;
    for (const f of ['createEngine', 'scanWorkspace', 'loadTeamConfig', 'computeAdvisorView', 'buildReport'] as const) assert.equal(typeof bundle[f], 'function', f);

    const grammars: Record<string, string> = { 'web-tree-sitter.wasm': 'node_modules/web-tree-sitter/web-tree-sitter.wasm' };
    for (const lang of ['python', 'typescript', 'tsx', 'javascript']) grammars[`tree-sitter-${lang}.wasm`] = `node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${lang}.wasm`;
    const loaded: string[] = [];
    const engine = bundle.createEngine({
      files: emptyFileProvider,
      loadWasm: async (name: string) => {
        loaded.push(name);
        return new Uint8Array(fs.readFileSync(path.join(ROOT, grammars[name]!)));
      },
      logger: nullLogger,
      retain: false,
    });
    const text = fs.readFileSync(path.join(ROOT, 'examples/demo/app.py'), 'utf8');
    const lines = text.split('\n');
    const calls = lines.flatMap((l, i) => (l.includes('client.chat.completions.create(') ? [i] : []));
    assert.equal(calls.length, 3, 'the demo has three chat.completions.create calls');
    const analysis = await engine.analyzeDocument({ path: 'app.py', text });
    assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(analysis.estimates.map((e) => e.site.range.start.line).sort((a, b) => a - b), calls);
    // The first call's model is the literal two lines below it (examples/demo/app.py).
    const literal = /model="([^"]+)"/.exec(lines[calls[0]! + 1]!)![1];
    assert.equal(analysis.estimates.find((e) => e.site.range.start.line === calls[0])!.site.model.id, literal);
    // Grammars load on first use of a language: Python only, here.
    assert.deepEqual([...new Set(loaded)].sort(), ['tree-sitter-python.wasm', 'web-tree-sitter.wasm']);
  });

  it('the web test bundle\'s assert agrees with node:assert/strict', () => {
    class A {
      x = 1;
    }
    const cases: [unknown, unknown][] = [
      [1, 1], [1, '1'], [NaN, NaN], [0, -0], [null, undefined], [[1, 2], [1, 2]], [[1, 2], [2, 1]], [[1], { 0: 1 }],
      [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }], [{ a: 1 }, { a: 1, b: undefined }], [{ a: undefined }, { b: undefined }],
      [new A(), { x: 1 }], [new Date(5), new Date(5)], [new Date(5), new Date(6)], [/a/g, /a/g], [/a/g, /a/i],
      [new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])], [new Map([[1, 2]]), new Map([[1, 3]])], [new Set([1, 2]), new Set([2, 1])], [new Set([1]), new Set([2])],
      [[[]], [[]]], [[], [undefined]], ['a', 'a'],
    ];
    for (const [a, b] of cases) assert.equal(webAssert.isDeepStrictEqual(a, b), isDeepStrictEqual(a, b), `${String(a)} vs ${String(b)}`);
    assert.throws(() => webAssert.equal(1, 2), /strictly equal/);
    assert.throws(() => webAssert.equal(1, 2, 'mine'), /^AssertionError: mine$/);
    assert.throws(() => webAssert.ok(0));
    assert.throws(() => webAssert.match('abc', /x/));
    assert.throws(() => webAssert.deepEqual({ a: 1 }, { a: 2 }));
    webAssert.ok(1);
    webAssert.equal('a', 'a');
    webAssert.match('abc', /b/);
    webAssert.deepEqual([1, { a: 2 }], [1, { a: 2 }]);
  });
});
