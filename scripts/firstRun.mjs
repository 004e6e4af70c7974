// `npm run test:first-run`: the README's first command on a machine that never ran Tokentier. Runs
// `npm start -- --smoke` from inside this npm script (so the outer npm's environment is inherited, as it is for
// a new user) with TOKENTIER_HARNESS_CACHE pointing at a new empty folder: Node 24 and code-server are installed
// from nothing, code-server starts and the demo shows its CodeLens. Takes 2–4 minutes; CI runs it once
// (.ci/run), not in `npm test`. The folder is removed afterwards.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-first-run-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
console.log(`[first-run] empty harness cache: ${cache}`);
if (!process.env.npm_config_user_agent) console.log('[first-run] note: not started from npm; run it as `npm run test:first-run`');
const t0 = Date.now();
const r = spawnSync(npm, ['start', '--', '--smoke', '--port', '0'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TOKENTIER_HARNESS_CACHE: cache },
});
const secs = ((Date.now() - t0) / 1000).toFixed(0);
fs.rmSync(cache, { recursive: true, force: true });
if (r.status === 0) {
  console.log(`[first-run] passed in ${secs} s: installed from an empty cache and showed the demo's CodeLens`);
  console.log('1 passed, 0 failed');
} else {
  console.log(`[first-run] FAILED after ${secs} s (exit ${r.status ?? r.signal})`);
  console.log('0 passed, 1 failed');
}
process.exit(r.status === 0 ? 0 : 1);
