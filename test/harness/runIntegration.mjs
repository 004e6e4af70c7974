// `npm run test:integration`: runs test/integration/*.test.ts with mocha INSIDE the real extension host of
// code-server (the `run()` contract of @vscode/test-electron; HARNESS.md §4).
//
//   node test/harness/runIntegration.mjs [fileFilter…] [--grep <mocha grep>] [--timeout <s>] [--no-build] [--host node|web]
//
// Test files are grouped by their `// @workspace <path>` (or `// @workspace-from-env NAME`), `// @trust restricted` and
// `// @host node web` header directives; each group gets its own code-server + browser (about 20 s). A file marked
// `@host … web` also runs in the WEB WORKER extension host (package.json `browser`), from the web test bundle
// out/test/integration-web/index.js. Ends with `N passed, N failed`; exit 0 only if all passed.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import {
  DEMO, REPO, copyWorkspace, devPayload, ensureInstalled, exit, hardTimeout, isNoise, launchBrowser, log, newContext, run,
  startCodeServer, takeFlag, takeOption, WEB_HOST_SETTINGS, webHostCheck, workbenchUrl,
} from './harness.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => takeOption(argv, name, dflt);
const flag = (name) => takeFlag(argv, name);
const grep = opt('--grep', undefined);
const timeoutS = Number(opt('--timeout', '1500'));
const groupTimeoutS = Number(opt('--group-timeout', '600'));
const noBuild = flag('--no-build');
// `--host web` (or node): only the groups of that extension host.
const onlyHost = opt('--host', undefined);
const filters = argv;

const SRC = path.join(REPO, 'test', 'integration');
const OUT = path.join(REPO, 'out', 'test', 'integration');
const OUT_WEB = path.join(REPO, 'out', 'test', 'integration-web');

/** Reads the `// @workspace` / `// @trust` directives from the leading comment lines of a test file. */
function directives(file) {
  const d = { workspace: DEMO, trust: 'disabled', hosts: ['node'] };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const t = line.trim();
    if (t === '') continue;
    if (!t.startsWith('//')) break;
    const m = /^\/\/\s*@(workspace|trust|workspace-from-env|host)\s+(\S+)/.exec(t);
    // `@host node web`: the extension hosts to run the file in (default: node, the Node extension host).
    if (m && m[1] === 'host') {
      d.hosts = t.replace(/^\/\/\s*@host\s+/, '').split(/\s+/);
      if (d.hosts.some((h) => h !== 'node' && h !== 'web')) throw new Error(`${file}: @host takes node and/or web`);
    }
    if (m && m[1] === 'workspace') d.workspace = path.resolve(REPO, m[2]);
    // `@workspace-from-env NAME`: the folder in $NAME when it is set (benchmarks on a generated tree), else the default.
    if (m && m[1] === 'workspace-from-env' && process.env[m[2]]) d.workspace = path.resolve(REPO, process.env[m[2]]);
    if (m && m[1] === 'trust') {
      if (m[2] !== 'restricted' && m[2] !== 'disabled') throw new Error(`${file}: @trust must be 'restricted' or 'disabled'`);
      d.trust = m[2];
    }
  }
  if (!fs.existsSync(d.workspace)) throw new Error(`${path.relative(REPO, file)}: @workspace ${d.workspace} does not exist`);
  return d;
}

async function main() {
  // First: the (once per machine, ~5 min) install, which the run's timeout should not include.
  const install = ensureInstalled();
  hardTimeout(timeoutS, 'the integration run');
  const t0 = Date.now();
  if (!noBuild) {
    log('building (node esbuild.mjs)');
    const rc = await run(process.execPath, ['esbuild.mjs']);
    if (rc !== 0) {
      console.error('build failed');
      console.log('0 passed, 1 failed');
      return exit(1);
    }
  }
  const files = fs
    .readdirSync(SRC)
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
    .sort();
  if (files.length === 0) {
    console.error(`no test/integration/*.test.ts matches ${filters.join(' ') || '(all)'}`);
    console.log('0 passed, 1 failed');
    return exit(1);
  }
  const groups = new Map();
  for (const f of files) {
    const d = directives(path.join(SRC, f));
    for (const host of d.hosts) {
      if (onlyHost && host !== onlyHost) continue;
      const key = `${d.workspace}\u0000${d.trust}\u0000${host}`;
      if (!groups.has(key)) groups.set(key, { workspace: d.workspace, trust: d.trust, host, files: [] });
      groups.get(key).files.push(f.replace(/\.ts$/, '.js'));
    }
  }
  let passed = 0;
  let failed = 0;
  let exitCode = 0;
  for (const g of groups.values()) {
    log(`group: ${path.relative(REPO, g.workspace) || '.'} (trust ${g.trust}, ${g.host === 'web' ? 'WEB WORKER' : 'Node'} extension host): ${g.files.join(', ')}`);
    const r = await runGroup(install, g);
    passed += r.passed;
    failed += r.failed;
    if (r.code !== 0) {
      exitCode = r.code === 124 || exitCode === 124 ? 124 : 1;
      if (r.failed === 0) failed += 1; // a crash or timeout with no test failure reported still counts as a failure
    }
  }
  log(`integration run took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return exit(exitCode);
}

/** One code-server + browser; resolves with the suite's exit code and its counts. */
async function runGroup(install, g) {
  const t0 = Date.now();
  // FORCE_COLOR=0: with CI=true mocha's reporter would colour its output despite `color: false`.
  const workspace = copyWorkspace(g.workspace);
  const env = {
    TOKENTIER_INTEGRATION_FILES: g.files.join(','),
    TOKENTIER_INTEGRATION_WORKSPACE: workspace,
    TOKENTIER_INTEGRATION_SOURCE_WORKSPACE: g.workspace,
    FORCE_COLOR: '0',
  };
  if (grep) env.TOKENTIER_INTEGRATION_GREP = grep;
  const server = await startCodeServer({ install, trust: g.trust, env, ...(g.host === 'web' ? { settings: WEB_HOST_SETTINGS } : {}) });
  const browser = await launchBrowser(install);
  const context = await newContext(browser);
  const page = await context.newPage();
  let counts = { passed: 0, failed: 0 };
  // After the suite settles the workbench keeps logging while it shuts down (cancelled reads, reconnects): drop it.
  let finished = false;
  const done = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => {
      finished = true;
      resolve(code);
    });
    setTimeout(() => resolve(124), groupTimeoutS * 1000).unref();
  });
  const placement = g.host === 'web' ? webHostCheck() : undefined;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // eslint-disable-next-line no-control-regex
    const text = util.format(...(args || [])).replace(/\u001b\[[0-9;]*m/g, '');
    if (placement?.observe(type, text) && !process.env.VERBOSE) return;
    if (finished && !process.env.VERBOSE) return;
    for (const line of text.split('\n')) {
      const m = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
      if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
      else if (!isNoise(line)) console.log(line);
    }
  });
  page.on('pageerror', (e) => {
    if (!isNoise(String(e))) log('page error:', e.message);
  });
  const testsPath = path.join(g.host === 'web' ? OUT_WEB : OUT, 'index.js');
  if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} missing: did the build run?`);
  // The web worker has no process.env: its entry reads the group's files, grep and env from this file instead.
  if (g.host === 'web') fs.writeFileSync(path.join(OUT_WEB, 'group.json'), JSON.stringify({ files: g.files, ...(grep ? { grep } : {}), env }));
  await page.goto(workbenchUrl(server.baseUrl, workspace, devPayload(server.port, { testsPath, host: g.host })));
  let code = await done;
  // A web group whose extension ran in the Node host proves nothing about the web: it fails, saying where it ran.
  if (placement) {
    const wrong = placement.verdict();
    if (wrong) {
      console.error(`[harness] WRONG HOST: ${wrong}`);
      if (code === 0) code = 1;
    } else log(`the workbench placed tokentier.tokentier in ${placement.placed} (the web worker extension host)`);
  }
  if (code === 124) console.error(`[harness] TIMEOUT: the suite did not finish within ${groupTimeoutS} s`);
  await context.close().catch(() => undefined);
  await browser.close().catch(() => undefined);
  await server.stop();
  log(`group finished with exit ${code} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { code, ...counts };
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  console.log('0 passed, 1 failed');
  void exit(1);
});
