// The web builds' guard (esbuild plugin) and options: the extension's `browser` entry (dist/web/extension.js) and the
// engine bundle it loads through vscode.workspace.fs (dist/web/engine.js) run in VS Code's web worker extension host
// (vscode.dev, github.dev), which has no Node built-ins. esbuild.mjs builds them with these options, and
// test/unit/webBuild.test.ts proves the guard fails a build whose code imports one.
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** True when `specifier` names a Node built-in (`fs`, `node:fs`, `fs/promises`, `node:test`…). */
export function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/**
 * Fails the build on any import of a Node built-in from our own code, naming the importer: the web host would throw
 * `Cannot load module` at run time. Imports from packages are left to esbuild's browser resolution, which honours a
 * package's `browser` field (web-tree-sitter maps `fs` and `module` to empty modules) and fails on any other built-in.
 */
export const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (!isNodeBuiltin(args.path) || /[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
      return { errors: [{ text: `"${args.path}" is a Node built-in, imported by ${args.importer || 'the entry'}: the web build runs in a browser worker, where it does not exist (keep Node code in src/node and src/vscode/desktop)` }] };
    });
  },
};

/** esbuild options shared by the web bundles (CommonJS: the web worker host evaluates a function of module/exports/require). */
export const webBundleOptions = {
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  // jsonc-parser's UMD `main` requires './impl/*' at run time, which a bundle cannot resolve: take its ESM build.
  mainFields: ['browser', 'module', 'main'],
  // web-tree-sitter resolves its wasm file's URL against `import.meta.url` (empty in a CommonJS bundle, and `new URL`
  // throws on that) even when it is handed the bytes, as src/core/detect/parser.ts does: any absolute URL will do.
  define: { 'import.meta.url': '"file:///tokentier/dist/web/engine.js"' },
  // The bundle's text is decoded as UTF-8 (src/vscode/web/engineBundle.ts): keep the tokenizer tables as is.
  charset: 'utf8',
  external: ['vscode'],
};
