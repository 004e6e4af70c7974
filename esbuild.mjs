// One build config, several bundles (ARCHITECTURE.md "Build"):
//   dist/extension.js   VS Code extension host entry (node, cjs, `vscode` external) — small, loaded at activation
//   dist/web/extension.js  the `browser` entry for the web worker extension host (vscode.dev, github.dev): no Node
//   dist/web/engine.js  the engine for the web host, read through vscode.workspace.fs on first use (scripts/webBuild.mjs)
//   dist/engine.js      the core analysis engine (detect + tokens + pricing + tiers), required lazily on first use
//   dist/scanChild.js   the extension's workspace-scan child process (node, cjs; requires dist/engine.js)
//   dist/cli.js         the `tokentier` command-line tool (node, cjs)
//   dist/webview/*      the Tier Advisor / report panel (browser, iife) + its CSS and codicons
//   dist/grammars/*     tree-sitter runtime + grammar .wasm files, read as bytes at run time
//   out/test/**         the integration suite that runs inside the real extension host (dev only, not packaged)
// Flags: --production (minify, no source maps), --watch, --no-tests.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { rankTablesAsFiles, rankTablesAsJson } from './scripts/rankTables.mjs';
import { noNodeBuiltins, webBundleOptions } from './scripts/webBuild.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = !args.has('--no-tests') && !production;
const root = path.dirname(new URL(import.meta.url).pathname);

/** Reports build results in the format of VS Code's `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

// web-tree-sitter's ESM build calls createRequire(import.meta.url); in a CJS bundle import.meta.url is empty
// (LIBRARIES.md §2.6), so give node bundles a real file URL.
const nodeShim = {
  // jsonc-parser's UMD `main` requires './impl/*' at run time, which a bundle cannot resolve: take its ESM build.
  mainFields: ['module', 'main'],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl=require('url').pathToFileURL(__filename).href;" },
  // Node reads modules as UTF-8: keep non-ASCII text (the tokenizer's rank tables) as is rather than as \uXXXX
  // escapes, which made the engine bundle 0.7 MB larger and slower to compile.
  charset: 'utf8',
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'linked',
  plugins: [problemMatcher, rankTablesAsJson],
  metafile: true,
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common, ...nodeShim,
    entryPoints: { extension: 'src/vscode/desktop/extension.ts' },
    outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20',
    // The engine is a separate bundle, loaded on first analysis (see src/vscode/engineLoader.ts).
    external: ['vscode', './engine.js'],
  },
  // The web worker extension host (package.json `browser`): no Node built-ins may reach these (noNodeBuiltins).
  {
    ...common, ...webBundleOptions,
    plugins: [...common.plugins, noNodeBuiltins],
    entryPoints: { 'web/extension': 'src/vscode/web/extension.ts', 'web/engine': 'src/core/engineBundle.ts' },
    outdir: 'dist',
  },
  {
    ...common, ...nodeShim,
    entryPoints: { engine: 'src/core/engineBundle.ts' },
    outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'],
    // The tokenizer's rank tables as dist/tokenizer/*.json, read on first use (not 3 MB of source compiled each load).
    plugins: [problemMatcher, rankTablesAsFiles('dist')],
  },
  {
    ...common, ...nodeShim,
    // The workspace scan's child process (src/node/scanChild.ts); it requires dist/engine.js at run time.
    entryPoints: { scanChild: 'src/node/scanChild.ts' },
    outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode', './engine.js'],
  },
  {
    ...common, ...nodeShim,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'],
    banner: { js: '#!/usr/bin/env node\n' + nodeShim.banner.js },
  },
  {
    ...common,
    // main.ts imports main.css, so esbuild emits dist/webview/main.css beside main.js.
    entryPoints: { 'webview/main': 'src/webview/main.ts' },
    outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022',
    loader: { '.ttf': 'file' },
    plugins: [...common.plugins, noNodeBuiltins],
  },
];
if (withTests) {
  const testEntries = fs.existsSync('test/integration')
    ? fs.readdirSync('test/integration').filter((f) => f.endsWith('.ts')).map((f) => `test/integration/${f}`)
    : [];
  if (testEntries.length) {
    builds.push({
      ...common, ...nodeShim,
      entryPoints: testEntries,
      outdir: 'out/test/integration', platform: 'node', format: 'cjs', target: 'node20',
      external: ['vscode', 'mocha'],
    });
    // The same suites for the web worker extension host: the files marked `// @host … web`, behind
    // test/integration/web/index.ts (test/harness/README.md "Tests in the web host").
    const webSuites = testEntries.filter((f) => f.endsWith('.test.ts') && hostsOf(f).includes('web'));
    builds.push({
      ...common, ...webBundleOptions,
      entryPoints: { index: 'test/integration/web/index.ts' },
      outdir: 'out/test/integration-web',
      // webTestFiles first: it maps node:assert/strict to the browser version before the guard sees it.
      plugins: [...common.plugins, webTestFiles(webSuites), noNodeBuiltins],
    });
  }
}

/** The `// @host node web` directive of a test file's leading comments (default: node). */
function hostsOf(file) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const t = line.trim();
    if (t && !t.startsWith('//')) break;
    const m = /^\/\/\s*@host\s+(.+)$/.exec(t);
    if (m) return m[1].trim().split(/\s+/);
  }
  return ['node'];
}

/**
 * The module `tokentier:web-test-files`: `{ 'x.test.js': () => require('…/x.test.ts'), … }`, one loader per suite; and
 * `node:assert/strict` → test/integration/web/assert.ts (a worker has no Node built-ins).
 */
function webTestFiles(files) {
  return {
    name: 'web-test-files',
    setup(build) {
      build.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: path.join(root, 'test/integration/web/assert.ts') }));
      build.onResolve({ filter: /^tokentier:web-test-files$/ }, () => ({ path: 'web-test-files', namespace: 'tokentier' }));
      build.onLoad({ filter: /.*/, namespace: 'tokentier' }, () => ({
        contents: `module.exports = {\n${files.map((f) => `  ${JSON.stringify(path.basename(f).replace(/\.ts$/, '.js'))}: () => require(${JSON.stringify(path.join(root, f))}),`).join('\n')}\n};\n`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

/** Copies the wasm runtime and grammars and the codicon font next to the bundles. */
function copyAssets() {
  const grammars = path.join(root, 'dist', 'grammars');
  fs.mkdirSync(grammars, { recursive: true });
  fs.copyFileSync('node_modules/web-tree-sitter/web-tree-sitter.wasm', path.join(grammars, 'web-tree-sitter.wasm'));
  for (const lang of ['python', 'typescript', 'tsx', 'javascript', 'bash', 'go', 'java', 'c-sharp', 'ruby', 'php']) {
    fs.copyFileSync(`node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${lang}.wasm`, path.join(grammars, `tree-sitter-${lang}.wasm`));
  }
  const web = path.join(root, 'dist', 'webview');
  fs.mkdirSync(web, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, path.join(web, f));
}

async function main() {
  const existing = builds.filter((b) => Object.values(b.entryPoints).every((e) => fs.existsSync(e)));
  const skipped = builds.length - existing.length;
  if (skipped) console.warn(`esbuild.mjs: ${skipped} bundle(s) skipped: entry point missing`);
  copyAssets();
  if (watch) {
    const ctxs = await Promise.all(existing.map((b) => esbuild.context(b)));
    await Promise.all(ctxs.map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(existing.map((b) => esbuild.build(b)));
  if (args.has('--metafile')) {
    fs.mkdirSync('artifacts', { recursive: true });
    results.forEach((r, i) => fs.writeFileSync(`artifacts/meta-${i}.json`, JSON.stringify(r.metafile)));
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
