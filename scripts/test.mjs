// `npm test`: every test, in order — type check, unit (+ CLI), integration (inside a real VS Code extension host),
// e2e (the packaged .vsix in code-server). Keeps going after a failing step and ends with exactly one line
// `N passed, N failed` summing every step; exits non-zero if any step or test failed.
// Counts per step: the step's own closing `N passed, N failed` line when it prints one (our harness runners),
// otherwise mocha's `N passing` / `N failing` lines. A step that fails without reporting a failing test (a type
// error, a crash, a timeout) counts as one failure, so the final line never hides a red step.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureDeps } from './ensureDeps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const STEPS = [
  { name: 'check-types', cmd: npm, args: ['run', '--silent', 'check-types'] },
  { name: 'unit', cmd: npm, args: ['run', '--silent', 'test:unit'] },
  { name: 'integration', cmd: npm, args: ['run', '--silent', 'test:integration'] },
  { name: 'e2e', cmd: npm, args: ['run', '--silent', 'test:e2e'] },
];

/** Runs a step, echoing its output live, and returns its exit code and output. */
function runStep(step) {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
    child.on('error', (e) => resolve({ code: 127, out: String(e) }));
  });
}

/** A step's output without terminal colour codes. */
function plain(out) {
  // eslint-disable-next-line no-control-regex
  return out.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Test counts from a step's output (see the header comment). */
export function parseCounts(out) {
  const text = plain(out);
  const closing = [...text.matchAll(/^\s*(\d+) passed, (\d+) failed\s*$/gm)].pop();
  if (closing) return { passed: Number(closing[1]), failed: Number(closing[2]), pending: 0 };
  const sum = (re) => [...text.matchAll(re)].reduce((s, m) => s + Number(m[1]), 0);
  return { passed: sum(/^\s*(\d+) passing\b/gm), failed: sum(/^\s*(\d+) failing\b/gm), pending: sum(/^\s*(\d+) pending\b/gm) };
}

/**
 * What a step printed about its failures, for the closing summary (a CI log often keeps only the tail): mocha's
 * `N failing` blocks (titles and messages, stack frames cut to two) and the harness's TIMEOUT / WRONG HOST / non-zero
 * group lines. At most `max` lines.
 */
export function failureLines(out, max = 60) {
  const lines = plain(out).split('\n');
  const keep = [];
  // Mocha prints `N failing`, then numbered entries (title lines, a blank line, the message, stack frames), each ended by
  // a blank line after its frames; whatever follows the last entry (the next group's suites) is not kept.
  let state = 'out';
  let frames = 0;
  for (const line of lines) {
    if (/\[harness\] (?:TIMEOUT|WRONG HOST)|group finished with exit [1-9]/.test(line)) {
      keep.push(line.trim());
      state = 'out';
    } else if (/^\s*\d+ failing\b/.test(line)) state = 'between';
    else if (state === 'out') continue;
    else if (/^\s*\d+\) /.test(line)) {
      state = 'entry';
      frames = 0;
      keep.push(line.trimEnd());
    } else if (state === 'between') {
      if (line.trim()) state = 'out';
    } else if (!line.trim()) {
      if (frames > 0) state = 'between';
    } else if (!/^\s+at /.test(line) || ++frames <= 2) keep.push(line.trimEnd());
  }
  return keep.length > max ? [...keep.slice(0, max), `… ${keep.length - max} more lines above`] : keep;
}

async function main() {
  ensureDeps();
  const t0 = Date.now();
  const summary = [];
  const failures = [];
  let passed = 0;
  let failed = 0;
  let anyStepFailed = false;
  for (const step of STEPS) {
    console.log(`\n━━ ${step.name} ━━`);
    const s0 = Date.now();
    const { code, out } = await runStep(step);
    const c = parseCounts(out);
    if (code !== 0) {
      anyStepFailed = true;
      if (c.failed === 0) c.failed = 1;
    }
    passed += c.passed;
    failed += c.failed;
    if (code !== 0 || c.failed > 0) {
      const f = failureLines(out);
      failures.push(`  ${step.name}:`, ...(f.length ? f.map((l) => `    ${l.trimStart()}`) : ["    (no failing test printed: see the step's output above)"]));
    }
    const secs = ((Date.now() - s0) / 1000).toFixed(1);
    summary.push(`  ${code === 0 ? '✓' : '✗'} ${step.name.padEnd(12)} ${String(c.passed).padStart(4)} passed ${String(c.failed).padStart(3)} failed${c.pending ? ` ${c.pending} pending` : ''}  ${secs} s${code !== 0 ? `  (exit ${code})` : ''}`);
  }
  console.log(`\n━━ summary (${((Date.now() - t0) / 1000).toFixed(0)} s) ━━`);
  console.log(summary.join('\n'));
  if (failures.length) console.log(`failures:\n${failures.join('\n')}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(anyStepFailed || failed > 0 ? 1 : 0);
}

// Imported by its unit test (test/unit/testSummary.test.ts): run only as the entry point.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
