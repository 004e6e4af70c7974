// esbuild plugin: gpt-tokenizer's BPE rank tables as `JSON.parse('…')` instead of JavaScript array literals.
//
// gpt-tokenizer ships each rank table as an array literal of ~200,000 strings (2.7 MB of source for o200k). V8
// builds an AST for a literal that size before it makes the array, and the bundle's compile step has to scan it
// token by token. The same array as one string handed to `JSON.parse` is a single token to the compiler and is
// built by the much faster JSON parser, as V8's guidance for large data suggests. Measured on the engine bundle
// (bench/README.md): bundle load + first analysis 378 → 288 ms.
//
// The module is evaluated here, at build time, and re-emitted with the same `default` export (an array of strings
// and byte arrays), so the encoder receives an identical table; test/unit/rankTables.test.ts checks that.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The files the plugin rewrites (POSIX or Windows separators). */
export const RANK_TABLE_FILTER = /gpt-tokenizer[\\/]cjs[\\/]bpeRanks[\\/][a-z0-9_]+\.js$/;

/** The CommonJS source that replaces the rank-table module at `file` (an absolute path). */
export function rankTableModule(file) {
  const table = require(file).default;
  if (!Array.isArray(table) || table.length === 0) throw new Error(`${file}: expected a non-empty array as the default export`);
  const literal = JSON.stringify(JSON.stringify(table));
  return `Object.defineProperty(exports, '__esModule', { value: true });\nexports.default = JSON.parse(${literal});\n`;
}

/**
 * The same table as a JSON file beside the bundle (issue 23): `dist/engine.js` is compiled on every engine load, and
 * the two tables were 3 of its 4.7 MB of source that V8 scanned each time, used or not (counting never needs cl100k for
 * most projects). As files they are read and parsed on first use only: engine load 176 → 133 ms CPU (bench/README.md).
 * Returns the module source (which reads `<bundle dir>/<dir>/<name>.json`) and the JSON to write there.
 */
export function rankTableFileModule(file, dir = 'tokenizer') {
  const table = require(file).default;
  if (!Array.isArray(table) || table.length === 0) throw new Error(`${file}: expected a non-empty array as the default export`);
  const name = `${file.split(/[\\/]/).pop().replace(/\.js$/, '')}.json`;
  const source = `Object.defineProperty(exports, '__esModule', { value: true });\nexports.default = JSON.parse(require('fs').readFileSync(require('path').join(__dirname, ${JSON.stringify(dir)}, ${JSON.stringify(name)}), 'utf8'));\n`;
  return { source, name, json: JSON.stringify(table) };
}

/** The plugin for a Node bundle in `outDir` whose rank tables are files (`<outDir>/tokenizer/*.json`). */
export function rankTablesAsFiles(outDir, dir = 'tokenizer') {
  return {
    name: 'rank-tables-as-files',
    setup(build) {
      build.onLoad({ filter: RANK_TABLE_FILTER }, (args) => {
        const { source, name, json } = rankTableFileModule(args.path, dir);
        fs.mkdirSync(path.join(outDir, dir), { recursive: true });
        fs.writeFileSync(path.join(outDir, dir, name), json);
        return { loader: 'js', contents: source };
      });
    },
  };
}

export const rankTablesAsJson = {
  name: 'rank-tables-as-json',
  setup(build) {
    build.onLoad({ filter: RANK_TABLE_FILTER }, (args) => ({ loader: 'js', contents: rankTableModule(args.path) }));
  },
};
