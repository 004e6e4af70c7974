/**
 * The build's rank-table plugin (scripts/rankTables.mjs) re-emits gpt-tokenizer's BPE tables as `JSON.parse('…')`.
 * These tests prove the emitted table is the library's own, entry for entry, and that a bundle built with the plugin
 * (as esbuild.mjs builds dist/engine.js and dist/cli.js) rewrites both tables and counts the same tokens.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';

/* eslint-disable @typescript-eslint/no-require-imports -- the library's own CommonJS modules are the reference */

interface RankTables {
  RANK_TABLE_FILTER: RegExp;
  rankTableModule(file: string): string;
  rankTablesAsJson: esbuild.Plugin;
  rankTableFileModule(file: string): { source: string; name: string; json: string };
  rankTablesAsFiles(outDir: string): esbuild.Plugin;
}

const repoRoot = path.resolve(__dirname, '../..');
const TABLES = ['o200k_base', 'cl100k_base'] as const;
const load = async (): Promise<RankTables> => (await import(path.join(repoRoot, 'scripts/rankTables.mjs'))) as RankTables;

/** Runs CommonJS source in this realm (so arrays compare strictly with the library's) and returns its `exports`. */
function evalCommonJs(source: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', source)(module, module.exports, require);
  return module.exports;
}

describe('build: gpt-tokenizer rank tables as JSON (scripts/rankTables.mjs)', function () {
  this.timeout(60000);

  for (const name of TABLES) {
    it(`${name}: the emitted module exports the library's table, entry for entry`, async () => {
      const { RANK_TABLE_FILTER, rankTableModule } = await load();
      const file = require.resolve(`gpt-tokenizer/cjs/bpeRanks/${name}`);
      assert.match(file, RANK_TABLE_FILTER);
      const original = (require(file) as { default: (string | number[])[] }).default;
      const emitted = evalCommonJs(rankTableModule(file)).default as (string | number[])[];
      assert.equal(emitted.length, original.length);
      // Byte-array entries (pieces that are not valid UTF-8 on their own) must survive as arrays.
      assert.ok(original.some((e) => Array.isArray(e)) === emitted.some((e) => Array.isArray(e)));
      assert.deepStrictEqual(emitted, original);
    });
  }

  it('a bundle built with the plugin holds no rank-table array literal and counts the same tokens as the library', async () => {
    const { rankTablesAsJson } = await load();
    const entry = `
      const o = require('gpt-tokenizer/cjs/encoding/o200k_base');
      const c = require('gpt-tokenizer/cjs/encoding/cl100k_base');
      module.exports = (t) => [o.countTokens(t), c.countTokens(t)];`;
    const built = await esbuild.build({
      stdin: { contents: entry, resolveDir: repoRoot, loader: 'js' },
      bundle: true, platform: 'node', format: 'cjs', write: false, charset: 'utf8', logLevel: 'silent',
      plugins: [rankTablesAsJson],
    });
    const code = built.outputFiles[0]?.text ?? '';
    // Both tables went through the plugin: two JSON.parse calls, and none of the library's literal `const c0 = [`.
    assert.equal(code.match(/exports\d*\.default = JSON\.parse\(/g)?.length, 2);
    assert.doesNotMatch(code, /const c0 = \[/);
    const count = evalCommonJs(code) as unknown as (t: string) => [number, number];
    const o200k = require('gpt-tokenizer/cjs/encoding/o200k_base') as { countTokens(t: string): number };
    const cl100k = require('gpt-tokenizer/cjs/encoding/cl100k_base') as { countTokens(t: string): number };
    const samples = [
      'You are a helpful assistant. Summarise the following support ticket in three bullet points.',
      'Übersetze bitte: «Ça coûte combien ?» — 这个多少钱？ 日本語のテキスト 🚀🔥 naïve café',
      'def handler(event):\n    return {"statusCode": 200, "body": json.dumps(event)}\n',
      'Привет, как дела? مرحبا كيف حالك ' + 'x'.repeat(300),
    ];
    for (const s of samples) assert.deepEqual(count(s), [o200k.countTokens(s), cl100k.countTokens(s)], s);
  });

  for (const name of TABLES) {
    it(`${name} as a file (the engine bundle, issue 23): the JSON written is the library's table, entry for entry`, async () => {
      const { rankTableFileModule } = await load();
      const file = require.resolve(`gpt-tokenizer/cjs/bpeRanks/${name}`);
      const original = (require(file) as { default: (string | number[])[] }).default;
      const { name: written, json } = rankTableFileModule(file);
      assert.equal(written, `${name}.json`);
      assert.deepStrictEqual(JSON.parse(json), original);
    });
  }

  it('a bundle built with the file plugin holds no table, reads <bundle dir>/tokenizer/*.json and counts the same tokens as the library', async () => {
    const { rankTablesAsFiles } = await load();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-ranks-'));
    try {
      const entry = `
        const o = require('gpt-tokenizer/cjs/encoding/o200k_base');
        const c = require('gpt-tokenizer/cjs/encoding/cl100k_base');
        module.exports = (t) => [o.countTokens(t), c.countTokens(t)];`;
      await esbuild.build({
        stdin: { contents: entry, resolveDir: repoRoot, loader: 'js' },
        bundle: true, platform: 'node', format: 'cjs', outfile: path.join(out, 'bundle.js'), charset: 'utf8', logLevel: 'silent',
        plugins: [rankTablesAsFiles(out)],
      });
      const code = fs.readFileSync(path.join(out, 'bundle.js'), 'utf8');
      assert.ok(code.length < 500_000, `${code.length} characters: a table is still inside`);
      assert.deepEqual(fs.readdirSync(path.join(out, 'tokenizer')).sort(), ['cl100k_base.json', 'o200k_base.json']);
      const count = require(path.join(out, 'bundle.js')) as (t: string) => [number, number];
      const o200k = require('gpt-tokenizer/cjs/encoding/o200k_base') as { countTokens(t: string): number };
      const cl100k = require('gpt-tokenizer/cjs/encoding/cl100k_base') as { countTokens(t: string): number };
      for (const s of ['You are a helpful assistant.', 'Übersetze bitte: «Ça coûte combien ?» — 这个多少钱？ 🚀 naïve café', 'x'.repeat(300)]) {
        assert.deepEqual(count(s), [o200k.countTokens(s), cl100k.countTokens(s)], s);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
