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
import { createRequire } from 'node:module';

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

export const rankTablesAsJson = {
  name: 'rank-tables-as-json',
  setup(build) {
    build.onLoad({ filter: RANK_TABLE_FILTER }, (args) => ({ loader: 'js', contents: rankTableModule(args.path) }));
  },
};
