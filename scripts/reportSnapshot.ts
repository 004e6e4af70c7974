/**
 * Report snapshots: every report Tokentier produces for the demo and the fixtures, written to a folder so that two
 * versions of the code can be compared byte for byte. Used to prove that a refactoring changes no output (issue #18:
 * "the reports of every fixture and of the demo are byte-identical before and after, minus timestamps").
 *
 *   npx tsx scripts/reportSnapshot.ts write DIR     build dist/ (unless --no-build), then write every output to DIR
 *   npx tsx scripts/reportSnapshot.ts compare A B   compare two snapshot folders; exit 1 on any difference
 *
 * What is written:
 * - `cli/<target>.<format>`: `dist/cli.js scan` on the demo, on every fixture topic folder, on every multi-file fixture
 *   case, on the whole detection corpus and on the CLI test repos, in every format (table, json, jsonl, markdown, csv,
 *   sarif); `diff` between the two CLI test repos in every diff format.
 * - `detect/<fixture>.json`: the detector's own result (sites and diagnostics) for every detection fixture, run the
 *   way test/unit/detectFixtures.test.ts runs it.
 * - `editor/demo.txt`: what the editor shows for each demo site (CodeLens title, inlay label, hover Markdown, tree row)
 *   and the status bar and tree group texts, from the pure formatters the providers call.
 * - `tiers/…`: `tokentier tiers` on the demo (table, json). Issue #19 item 10 changes these on purpose; `compare`
 *   lists them apart from the reports that must not change.
 *
 * Normalised before writing (and again when comparing), so two checkouts compare: the report's `generatedAt` timestamp,
 * its `stats.ms` (the scan's wall-clock time) and the absolute path of the repository (the report's `root`), nothing
 * else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { groupDescription, hoverMarkdown, inlayLabel, lensTitle, siteRow, statusText } from '../src/core/report/present';
import { totalOf } from '../src/core/report/totals';
import type { Report } from '../src/core/types';
import { createNodeLoadWasm, FIXTURE_ROOT, listFixtures, REPO_ROOT, runFixture } from '../test/unit/detect/fixtureFormat';

const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const SCAN_FORMATS = ['table', 'json', 'jsonl', 'markdown', 'csv', 'sarif'] as const;
const EXTENSION: Readonly<Record<string, string>> = { table: 'txt', json: 'json', jsonl: 'jsonl', markdown: 'md', csv: 'csv', sarif: 'sarif' };

/** Replaces what differs between two runs or two checkouts of the same code: timestamps and the repository path. */
export function normalise(text: string): string {
  return text
    .replace(/("generatedAt"\s*:\s*)"[^"]*"/g, '$1"<timestamp>"')
    .replace(/(generated at |generatedAt[=:] ?)\d{4}-\d\d-\d\dT[\d:.]+Z/g, '$1<timestamp>')
    .replace(/("stats"\s*:\s*\{[^{}]*"ms"\s*:\s*)\d+/g, '$1"<elapsed>"')
    .split(REPO_ROOT)
    .join('<repo>');
}

function cli(args: readonly string[]): string {
  try {
    return execFileSync(process.execPath, [CLI, ...args, '--quiet'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  } catch (e) {
    // A non-zero exit (a policy failure) still printed a report: keep it, with the exit status.
    const err = e as { stdout?: string; status?: number };
    return `${err.stdout ?? ''}\n<exit ${err.status ?? '?'}>\n`;
  }
}

/** Scan targets: a name for the output files and the folder that is the scan root. */
function scanTargets(): { name: string; root: string }[] {
  const targets = [{ name: 'demo', root: join(REPO_ROOT, 'examples', 'demo') }, { name: 'detect-all', root: FIXTURE_ROOT }];
  for (const topic of readdirSync(FIXTURE_ROOT).sort()) {
    const dir = join(FIXTURE_ROOT, topic);
    if (!statSync(dir).isDirectory()) continue;
    targets.push({ name: `detect-${topic}`, root: dir });
    for (const c of readdirSync(dir).sort()) {
      if (statSync(join(dir, c)).isDirectory()) targets.push({ name: `detect-${topic}-${c}`, root: join(dir, c) });
    }
  }
  for (const v of ['v1', 'v2']) targets.push({ name: `cli-repo-${v}`, root: join(REPO_ROOT, 'test', 'fixtures', 'cli', 'repo', v) });
  targets.push({ name: 'workspaces-second', root: join(REPO_ROOT, 'test', 'fixtures', 'workspaces', 'second') });
  return targets;
}

function put(dir: string, file: string, text: string): void {
  const p = join(dir, file);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, normalise(text));
}

/** The texts the editor shows for a report's sites (lens, inlay, hover, tree) and its totals. */
function editorTexts(report: Report): string {
  const out: string[] = [];
  for (const e of report.sites) {
    const lens = lensTitle(e);
    const inlay = inlayLabel(e);
    const row = siteRow(e);
    out.push(`## ${e.site.id}`, `lens: ${lens.text} [${lens.state}]`, `inlay: ${inlay.text} [${inlay.state}]`, `tree: ${row.label} | ${row.description}`, 'hover:', hoverMarkdown({ estimate: e }), '');
  }
  const total = totalOf(report.sites);
  out.push(`status: ${statusText({ total, currency: report.currency, scanning: false })}`, `status (scanning): ${statusText({ currency: report.currency, scanning: true })}`, `group: ${groupDescription(total, report.currency)}`, '');
  return out.join('\n');
}

async function write(dir: string, build: boolean): Promise<void> {
  if (build) execFileSync(process.execPath, [join(REPO_ROOT, 'esbuild.mjs'), '--no-tests'], { stdio: 'inherit', cwd: REPO_ROOT });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const t of scanTargets()) {
    for (const f of SCAN_FORMATS) put(dir, `cli/${t.name}.${EXTENSION[f]}`, cli(['scan', t.root, '--format', f]));
  }
  const v1 = join(dir, 'cli', 'cli-repo-v1.json');
  const v2 = join(dir, 'cli', 'cli-repo-v2.json');
  for (const f of ['table', 'json', 'markdown']) put(dir, `cli/diff-v1-v2.${EXTENSION[f]}`, cli(['diff', '--base', v1, '--head', v2, '--format', f]));
  const demo = JSON.parse(readFileSync(join(dir, 'cli', 'demo.json'), 'utf8')) as Report;
  put(dir, 'editor/demo.txt', editorTexts(demo));
  const loadWasm = createNodeLoadWasm();
  for (const fx of listFixtures()) {
    const run = await runFixture(fx, loadWasm);
    put(dir, `detect/${fx.id}.json`, `${JSON.stringify(run, null, 2)}\n`);
  }
  const demoRoot = join(REPO_ROOT, 'examples', 'demo');
  put(dir, 'tiers/demo.txt', cli(['tiers', demoRoot]));
  put(dir, 'tiers/demo.json', cli(['tiers', demoRoot, '--format', 'json']));
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** Compares two snapshot folders. Returns the number of report files that differ (tiers/ is listed, not counted). */
export function compare(a: string, b: string, log: (line: string) => void = console.log): number {
  const fa = listFiles(a);
  const fb = listFiles(b);
  const all = [...new Set([...fa, ...fb])].sort();
  let differ = 0;
  let same = 0;
  let bytes = 0;
  const tiers: string[] = [];
  for (const f of all) {
    const pa = join(a, f);
    const pb = join(b, f);
    const ta = existsSync(pa) ? Buffer.from(normalise(readFileSync(pa, 'utf8'))) : undefined;
    const tb = existsSync(pb) ? Buffer.from(normalise(readFileSync(pb, 'utf8'))) : undefined;
    const equal = ta !== undefined && tb !== undefined && ta.equals(tb);
    if (f.startsWith('tiers/')) {
      tiers.push(`${f}: ${equal ? 'identical' : 'changed'}`);
      continue;
    }
    if (equal) {
      same++;
      bytes += ta.length;
    } else {
      differ++;
      log(`DIFFERS ${f}${ta === undefined ? ' (only in B)' : tb === undefined ? ' (only in A)' : ''}`);
    }
  }
  log(`${same} report files byte-identical (${bytes.toLocaleString('en-US')} bytes), ${differ} differ.`);
  for (const t of tiers) log(`(allowed to change) ${t}`);
  return differ;
}

async function main(): Promise<void> {
  const [cmd, a, b] = process.argv.slice(2).filter((x) => !x.startsWith('--'));
  if (cmd === 'write' && a) await write(a, !process.argv.includes('--no-build'));
  else if (cmd === 'compare' && a && b) process.exitCode = compare(a, b) === 0 ? 0 : 1;
  else {
    console.error('usage: reportSnapshot.ts write DIR [--no-build] | compare A B');
    process.exitCode = 2;
  }
}

if (require.main === module) void main();
