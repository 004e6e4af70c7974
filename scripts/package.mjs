// `npm run package`: production bundles, then `vsce package` fully offline into tokentier-<version>.vsix.
// Prints the vsix size and its contents (read from the zip's central directory, Node built-ins only).
// The .vscodeignore is an allowlist, so a new file only ships when it is added there on purpose.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');

function step(what, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'inherit'] : 'inherit' });
  if (r.status !== 0) {
    console.error(`[package] ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

/** Entries of a zip file: name and uncompressed size, from the end-of-central-directory record. */
export function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, compressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Files the extension loads at run time; the vsix must hold each (see .vscodeignore). */
const RUNTIME_FILES = ['dist/extension.js', 'dist/engine.js', 'dist/scanChild.js', 'dist/web/extension.js', 'dist/web/engine.js', 'dist/webview/main.js', 'dist/grammars/web-tree-sitter.wasm', 'dist/grammars/tree-sitter-python.wasm', 'dist/tokenizer/o200k_base.json', 'dist/tokenizer/cl100k_base.json', 'package.json'];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/**
 * Activation bundles and their budget (issue 24: ≤ 2 MB, desktop and web alike). They load when the extension activates;
 * the engine, grammars and tokenizer tables load on first use (dist/engine.js, dist/web/engine.js, dist/grammars/, dist/tokenizer/).
 */
const ACTIVATION_BUDGET = 2 * 1024 * 1024;
const ACTIVATION_BUNDLES = ['dist/extension.js', 'dist/web/extension.js'];

function main() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const out = `${pkg.name}-${pkg.version}.vsix`;
  const t0 = Date.now();
  // A clean dist/: stale dev files (source maps) would otherwise ride along under dist/webview/**.
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  step('production build', process.execPath, ['esbuild.mjs', '--production', '--metafile']);
  if (fs.existsSync(path.join(root, 'scripts', 'notices.mjs'))) step('third-party notices', process.execPath, ['scripts/notices.mjs']);
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  // --no-dependencies: everything is bundled by esbuild; vsce must not walk node_modules (and needs no network).
  // vsce rewrites README's relative links to absolute ones; it only infers the base for GitHub/GitLab remotes.
  const repo = String(pkg.repository?.url ?? pkg.repository ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
  const base = repo ? ['--baseContentUrl', `${repo}/blob/main`, '--baseImagesUrl', `${repo}/raw/main`] : ['--allow-missing-repository'];
  step('vsce package', vsce, ['package', '--no-dependencies', '--no-update-package-json', '--no-git-tag-version', ...base, '-o', out]);
  const entries = zipEntries(path.join(root, out)).filter((e) => !e.name.endsWith('/'));
  const size = fs.statSync(path.join(root, out)).size;
  console.log(`\n${out}: ${kb(size)} (${entries.length} files, ${kb(entries.reduce((s, e) => s + e.size, 0))} unpacked) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) console.log(`  ${kb(e.size).padStart(10)}  ${e.name}`);
  // .vscodeignore is an allowlist: a runtime file left off it would ship a vsix that fails only at run time.
  const missing = RUNTIME_FILES.filter((f) => !entries.some((e) => e.name === `extension/${f}`));
  if (missing.length) {
    console.error(`\n${out} lacks runtime files (add them to .vscodeignore): ${missing.join(', ')}`);
    process.exit(1);
  }
  for (const f of ACTIVATION_BUNDLES) {
    const e = entries.find((x) => x.name === `extension/${f}`);
    console.log(`activation bundle ${f}: ${kb(e.size)} (budget ${kb(ACTIVATION_BUDGET)})`);
    if (e.size > ACTIVATION_BUDGET) {
      console.error(`${f} is ${kb(e.size)}, over the ${kb(ACTIVATION_BUDGET)} activation budget: load the new code lazily (see src/vscode/engineLoader.ts)`);
      process.exit(1);
    }
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
