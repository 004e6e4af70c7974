// `npm run test:e2e`: what a person sees. Packages the .vsix (production build), installs it into a throwaway
// code-server, opens examples/demo and runs every test/e2e/*.e2e.ts spec (through tsx) in one server and one
// chromium, each spec in a fresh browser context. Screenshots go to artifacts/e2e/. Specs that export
// `host = 'web'` run afterwards in a second code-server whose settings put the installed extension in the WEB WORKER
// extension host (package.json `browser`, as on vscode.dev).
//
//   node test/harness/runE2e.mjs [specFilter…] [--no-package] [--timeout <s>] [--spec-timeout <s>]
//
// Ends with `N passed, N failed`; exit 0 only if every spec passed.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DEMO, REPO, copyWorkspace, ensureInstalled, exit, hardTimeout, isNoise, launchBrowser, log, newContext, run, startCodeServer, takeFlag, takeOption,
  WEB_HOST_SETTINGS, workbenchUrl,
} from './harness.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => takeOption(argv, name, dflt);
const flag = (name) => takeFlag(argv, name);
const timeoutS = Number(opt('--timeout', '900'));
const specTimeoutS = Number(opt('--spec-timeout', '120'));
const noPackage = flag('--no-package');
const filters = argv;
const SPECS = path.join(REPO, 'test', 'e2e');
const ARTIFACTS = path.join(REPO, 'artifacts', 'e2e');

function fail(message) {
  console.error(message);
  console.log('0 passed, 1 failed');
  return exit(1);
}

async function main() {
  const install = ensureInstalled();
  hardTimeout(timeoutS, 'the e2e run');
  const t0 = Date.now();
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const vsix = path.join(REPO, `${pkg.name}-${pkg.version}.vsix`);
  if (!noPackage || !fs.existsSync(vsix)) {
    log('packaging the extension (scripts/package.mjs)');
    const rc = await run(process.execPath, ['scripts/package.mjs', '--quiet']);
    if (rc !== 0) return fail('packaging failed');
  }
  const specs = fs
    .readdirSync(SPECS)
    .filter((f) => f.endsWith('.e2e.ts'))
    .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
    .sort();
  if (specs.length === 0) return fail(`no test/e2e/*.e2e.ts matches ${filters.join(' ') || '(all)'}`);

  // Specs are TypeScript (CommonJS under our tsconfig): load them through tsx.
  const { tsImport } = await import('tsx/esm/api');
  const load = (file) => tsImport(pathToFileURL(file).href, import.meta.url);
  const { createContext } = await load(path.join(SPECS, 'context.ts'));

  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // Load every spec first: its `host` decides which server runs it.
  const loaded = [];
  let passed = 0;
  let failed = 0;
  for (const file of specs) {
    try {
      const spec = await load(path.join(SPECS, file));
      if (typeof spec.run !== 'function') throw new Error(`${file} does not export run(ctx)`);
      loaded.push({ file, spec, host: spec.host === 'web' ? 'web' : 'node' });
    } catch (e) {
      failed++;
      console.log(`  ✗ ${file}: cannot load: ${e instanceof Error ? e.message : e}`);
    }
  }
  const browser = await launchBrowser(install);
  for (const host of ['node', 'web']) {
    const group = loaded.filter((l) => l.host === host);
    if (group.length === 0) continue;
    if (host === 'web') log('specs for the web worker extension host: a second code-server (remote.extensionKind: web)');
    const server = await startCodeServer({ install, vsix, ...(host === 'web' ? { settings: WEB_HOST_SETTINGS } : {}) });
    for (const { file, spec } of group) {
      const r = await runSpec({ browser, server, file, spec, createContext });
      if (r) passed++;
      else failed++;
    }
    await server.stop();
  }
  log(`e2e run took ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(REPO, ARTIFACTS)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  return exit(failed > 0 ? 1 : 0);
}

/** One spec in a fresh browser context on its own copy of the demo; resolves true when it passed. */
async function runSpec({ browser, server, file, spec, createContext }) {
  const slug = file.replace(/\.e2e\.ts$/, '');
  const title = spec.name ?? slug;
  // Specs may edit and save files: each gets its own copy of the demo, never examples/demo itself.
  const workspace = copyWorkspace(DEMO);
  const context = await newContext(browser);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => {
    if (!isNoise(String(e))) pageErrors.push(e.message);
  });
  const ctx = createContext({ page, baseUrl: server.baseUrl, workspace, artifactsDir: ARTIFACTS, slug });
  const s0 = Date.now();
  console.log(`  ${title}`);
  let ok = false;
  try {
    await page.goto(workbenchUrl(server.baseUrl, workspace));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 30_000 });
    let timer;
    await Promise.race([
      spec.run(ctx),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`spec timed out after ${specTimeoutS} s`)), specTimeoutS * 1000);
      }),
    ]).finally(() => clearTimeout(timer));
    ok = true;
    console.log(`  ✓ ${title} (${((Date.now() - s0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    console.log(`  ✗ ${title} (${((Date.now() - s0) / 1000).toFixed(1)} s)\n    ${e instanceof Error ? e.message : e}`);
    await page.screenshot({ path: path.join(ARTIFACTS, `${slug}-FAILED.png`) }).catch(() => undefined);
    if (pageErrors.length) console.log(`    page errors: ${pageErrors.slice(0, 5).join(' | ')}`);
  }
  await context.close().catch(() => undefined);
  return ok;
}

main().catch((e) => fail(e instanceof Error ? e.stack ?? e.message : String(e)));
