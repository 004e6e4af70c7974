// Lower bounds for a one-shot scan (bench/run.mjs times each mode as its own process, like the CLI runs):
//
//   node bench/floors.mjs start                    a Node process that does nothing
//   node bench/floors.mjs load                     + Tokentier's fixed cost: the engine bundle, the four tree-sitter
//                                                  grammars and the o200k tokenizer (a tiny file of each language)
//   node bench/floors.mjs walk <tree>              list the scan's scope with readdir (default exclusions and
//                                                  extensions; no .gitignore, no stat): the Node walk alone
//   node bench/floors.mjs read <tree>              + read every in-scope file and test the pre-filter pattern on it:
//                                                  what any pure-Node scan must do before it parses anything. The
//                                                  bytes are decoded as latin1, the cheapest decoding that gives the
//                                                  same answer for an ASCII pattern (a UTF-8 sequence never holds an
//                                                  ASCII byte, and /i without /u never folds non-ASCII to ASCII)
//   node bench/floors.mjs sites <tree> <list.json> `load` + read and analyse only the files that hold call sites
//                                                  (the list comes from a scan's report): the parsing and analysis
//                                                  no correct scan can skip, with nothing else
//   node bench/floors.mjs cached <tree> <cacheDir> the cached re-scan's floor (issue 23): walk, stat every in-scope
//                                                  file, and read + parse the `--cache` index (results included); no
//                                                  ignore rules, no checks, no report
//
// Each mode prints one JSON line: what it counted, so run.mjs can check the work was done.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { engineFor, warm } from './engineHost.mjs';
import { EXCLUDED_FOLDERS, EXTENSIONS, MAX_FILE_BYTES } from './scope.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const [mode, tree, list] = process.argv.slice(2);

const excluded = new Set(EXCLUDED_FOLDERS);
const extensions = new Set(EXTENSIONS.map((e) => `.${e}`));

/** The in-scope files under `dir` (absolute paths), in no particular order. */
function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!excluded.has(e.name)) walk(path.join(dir, e.name), out);
    } else if (e.isFile() && extensions.has(path.extname(e.name).toLowerCase())) {
      out.push(path.join(dir, e.name));
    }
  }
  return out;
}

async function main() {
  switch (mode) {
    case 'start':
      console.log(JSON.stringify({}));
      return;
    case 'load': {
      const { engine } = engineFor(root);
      console.log(JSON.stringify({ warmSites: await warm(engine) }));
      return;
    }
    case 'walk':
      console.log(JSON.stringify({ files: walk(path.resolve(tree)).length }));
      return;
    case 'read': {
      const { PREFILTER_PATTERN } = require(path.join(root, 'dist', 'engine.js'));
      let files = 0;
      let candidates = 0;
      let bytes = 0;
      for (const f of walk(path.resolve(tree))) {
        if (fs.statSync(f).size > MAX_FILE_BYTES) continue;
        const text = fs.readFileSync(f).latin1Slice();
        files++;
        bytes += text.length;
        if (PREFILTER_PATTERN.test(text)) candidates++;
      }
      console.log(JSON.stringify({ files, candidates, bytes }));
      return;
    }
    case 'sites': {
      const base = path.resolve(tree);
      const rels = JSON.parse(fs.readFileSync(list, 'utf8'));
      const { engine } = engineFor(base);
      await warm(engine);
      let sites = 0;
      for (const rel of rels) sites += (await engine.analyzeDocument({ path: rel, text: fs.readFileSync(path.join(base, rel), 'utf8') })).estimates.length;
      console.log(JSON.stringify({ files: rels.length, sites }));
      return;
    }
    case 'cached': {
      let files = 0;
      for (const f of walk(path.resolve(tree))) {
        fs.statSync(f);
        files++;
      }
      const index = JSON.parse(fs.readFileSync(path.join(list, 'tokentier-scan-cache.json'), 'utf8'));
      console.log(JSON.stringify({ files, indexed: Object.keys(index.files ?? {}).length }));
      return;
    }
    default:
      console.error('usage: node bench/floors.mjs start | load | walk <tree> | read <tree> | sites <tree> <list.json> | cached <tree> <cacheDir>');
      process.exit(2);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
