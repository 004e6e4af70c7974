// Installs the npm dependencies when node_modules is missing or older than package-lock.json, so that
// `npm test` and `npm start` work on a fresh clone. Node built-ins only: it runs before anything is installed.
// Usage: `node scripts/ensureDeps.mjs` (as the first step of an npm script) or `import { ensureDeps }`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Why an install is needed, or undefined when node_modules is up to date. */
function reason() {
  const modules = path.join(root, 'node_modules');
  if (!fs.existsSync(modules)) return 'node_modules is missing';
  // A linked node_modules belongs to another checkout: `npm ci` here would wipe that one. Leave it alone.
  if (fs.lstatSync(modules).isSymbolicLink()) return undefined;
  // npm rewrites node_modules/.package-lock.json on every install; the folder's own mtime does not change.
  const installed = mtime(path.join(modules, '.package-lock.json')) ?? mtime(modules);
  const lock = mtime(path.join(root, 'package-lock.json'));
  if (lock !== undefined && installed !== undefined && lock > installed + 1000) return 'package-lock.json is newer than node_modules';
  return undefined;
}

/** Runs `npm ci` (or `npm install` without a lock file) when needed; exits the process if npm fails. */
export function ensureDeps() {
  const why = reason();
  if (!why) return false;
  const hasLock = fs.existsSync(path.join(root, 'package-lock.json'));
  const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  console.error(`[ensureDeps] ${why}: running npm ${args[0]} (about a minute)…`);
  const t0 = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[ensureDeps] npm ${args[0]} failed (exit ${r.status ?? r.signal}). Check the network/registry and retry.`);
    process.exit(r.status || 1);
  }
  console.error(`[ensureDeps] dependencies installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureDeps();
