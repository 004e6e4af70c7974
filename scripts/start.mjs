// `npm start`: build, then open the extension in a local VS Code (code-server) on examples/demo, loaded from
// source (dev mode), and print the URL to open. Runs until Ctrl+C, which stops code-server's whole process group.
// `npm start -- --smoke`: the same, then opens the demo's app.py in headless chromium, waits for a Tokentier
// CodeLens, prints what it saw and exits 0 (or 1 after a timeout, with the reason).
// Options: --port <n> (default 8765, or a free port when taken), --smoke-timeout <s> (default 120).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensureDeps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const optValue = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const port = Number(optValue('--port', process.env.PORT ?? '8765'));
const smokeTimeoutS = Number(optValue('--smoke-timeout', '120'));
// The demo's first OpenAI call uses this literal model; any lens naming it (or starting "Tokentier") is ours.
const LENS = /gpt-4o-mini|Tokentier/;

ensureDeps();
// Imported after ensureDeps: the harness needs playwright-core from node_modules.
const h = await import('../test/harness/harness.mjs');

h.log('building the extension (node esbuild.mjs)');
const build = spawnSync(process.execPath, ['esbuild.mjs', '--no-tests'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('Build failed: fix the errors above and run npm start again.');
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing after the build.');
  process.exit(1);
}
h.log(`checking the local VS Code (code-server); the first run installs it into ${process.env.TOKENTIER_HARNESS_CACHE || '~/.cache/tokentier-harness'} (2–5 min)`);
const install = h.ensureInstalled();
const server = await h.startCodeServer({ install, port });
const url = h.workbenchUrl(server.baseUrl, h.DEMO, h.devPayload(server.port));

if (!smoke) {
  console.log(`\nTokentier is running in code-server (VS Code 1.139) on examples/demo, loaded from source.`);
  console.log(`Open this URL in a browser on this machine:\n\n  ${url}\n`);
  console.log('Rebuild with `npm run watch` in another terminal, then run "Developer: Reload Window".');
  console.log('Press Ctrl+C to stop.');
  // Keep running until a signal; harness.mjs kills the process group on SIGINT/SIGTERM.
  setInterval(() => undefined, 1 << 30);
} else {
  h.hardTimeout(smokeTimeoutS + 60, 'npm start -- --smoke');
  const t0 = Date.now();
  const browser = await h.launchBrowser(install);
  const context = await h.newContext(browser);
  const page = await context.newPage();
  await page.goto(url);
  try {
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'app.py' }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await row.click();
    await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 30_000 });
    const deadline = t0 + smokeTimeoutS * 1000;
    let lenses = [];
    while (Date.now() < deadline) {
      lenses = (await page.locator('.monaco-editor .codelens-decoration').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
      if (lenses.some((t) => LENS.test(t))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const ours = lenses.filter((t) => LENS.test(t));
    if (ours.length === 0) {
      throw new Error(`no Tokentier CodeLens appeared in examples/demo/app.py within ${smokeTimeoutS} s (lenses seen: ${JSON.stringify(lenses)}). Check "Tokentier: Show Logs".`);
    }
    fs.mkdirSync(path.join(root, 'artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'artifacts', 'smoke.png') });
    console.log(`Smoke OK after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${ours.length} Tokentier CodeLens(es) in examples/demo/app.py:`);
    for (const t of ours) console.log(`  ${t}`);
    console.log('Screenshot: artifacts/smoke.png');
    await h.exit(0);
  } catch (e) {
    fs.mkdirSync(path.join(root, 'artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'artifacts', 'smoke-FAILED.png') }).catch(() => undefined);
    console.error(`Smoke FAILED: ${e instanceof Error ? e.message : e}`);
    console.error('Screenshot: artifacts/smoke-FAILED.png');
    await h.exit(1);
  }
}
