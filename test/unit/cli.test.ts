import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseSettings } from '../../src/core/config/settings';
import { createEngine } from '../../src/core/engine';
import { languageOfPath } from '../../src/core/excludes';
import { loadTeamConfig } from '../../src/core/teamFiles/loadTeamConfig';
import { CSV_COLUMNS } from '../../src/core/report/format';
import type { Report } from '../../src/core/types';
import { createNodeFileProvider } from '../../src/node/nodeFiles';
import { createProgress } from '../../src/cli/output';
import { CLI_VERSION } from '../../src/cli/run';
import { Buf, runCli } from './util/runCli';

const repoRoot = path.join(__dirname, '../..');
const fixtures = path.join(__dirname, '../fixtures/cli/repo');

const cli = runCli;

function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
}

function copyInto(src: string, dst: string): void {
  fs.cpSync(src, dst, { recursive: true });
}

function schemaValidator(file: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
}

describe('cli (in process) over a two-commit git repository', function () {
  this.timeout(120000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokentier-cli-'));
    gitIn(dir, 'init', '-q', '-b', 'main');
    copyInto(path.join(fixtures, 'common'), dir);
    copyInto(path.join(fixtures, 'v1'), dir);
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'v1');
    // The second commit: app.py's call moves 5 lines down and swaps gpt-4o-mini for gpt-4o; svc.ts's call is
    // removed; extra.py adds an Anthropic call.
    copyInto(path.join(fixtures, 'v2'), dir);
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'v2');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--version and --help exit 0; no command and unknown flags exit 2', async () => {
    assert.deepEqual(await cli(['--version'], dir), { code: 0, out: `${CLI_VERSION}\n`, err: '' });
    assert.equal(CLI_VERSION, (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
    const help = await cli(['--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.out, /tokentier <command>/);
    assert.equal((await cli([], dir)).code, 2);
    const bad = await cli(['scan', '--no-such-flag'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /no-such-flag/);
    assert.equal((await cli(['frobnicate'], dir)).code, 2);
    assert.equal((await cli(['scan', '--format', 'xml'], dir)).code, 2);
    assert.equal((await cli(['scan', 'missing-dir/x.py'], dir)).code, 2);
    assert.equal((await cli(['scan', '--currency', 'euros'], dir)).code, 2);
    assert.equal((await cli(['scan', '--fail-on-total-above', 'lots'], dir)).code, 2);
  });

  it('scan --format json: every site with root-relative path, 1-based line, settings from .vscode/settings.json; validates against the schema', async () => {
    const { code, out } = await cli(['scan', '--format', 'json'], dir);
    assert.equal(code, 0);
    const report = JSON.parse(out) as Report;
    assert.equal(schemaValidator(path.join(repoRoot, 'schemas/report.schema.json'))(report), true);
    // ignored/skip.py is .gitignored; svc.ts no longer calls an LLM.
    assert.deepEqual(report.sites.map((s) => `${s.site.file}:${s.site.line}:${s.site.model.id}`), ['app.py:12:gpt-4o', 'extra.py:7:claude-3-5-haiku-latest']);
    assert.equal(report.currency, 'EUR', 'from the JSONC settings file');
    assert.equal(report.root, dir);
    assert.equal(report.sites[0]!.site.provider, 'openai');
    assert.equal(report.sites[0]!.site.params.maxTokens, 100);
    const usd = JSON.parse((await cli(['scan', '--format', 'json', '--currency', 'usd'], dir)).out) as Report;
    assert.equal(usd.currency, 'USD', '--currency overrides the settings file');
  });

  it('scan in every format writes the same sites', async () => {
    const jsonl = await cli(['scan', '--format', 'jsonl'], dir);
    const types = jsonl.out.trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    assert.deepEqual(types.filter((t) => t !== 'diagnostic'), ['summary', 'site', 'site']);
    assert.equal(types[0], 'summary');
    const csv = await cli(['scan', '--format', 'csv'], dir);
    const rows = csv.out.trimEnd().split('\r\n');
    assert.equal(rows[0], CSV_COLUMNS.join(','));
    assert.deepEqual(rows.slice(1).map((r) => r.split(',').slice(0, 2).join(':')), ['app.py:12', 'extra.py:7']);
    const md = await cli(['scan', '--format', 'markdown'], dir);
    assert.match(md.out, /^## Tokentier cost report/);
    // `.` and `:` are backslash-escaped in Markdown (issue 17: no autolinks).
    assert.match(md.out, /app\\\.py\\:12/);
    const table = await cli(['scan'], dir);
    assert.match(table.out, /app\.py:12 +openai +gpt-4o /);
    assert.match(table.out, /extra\.py:7 +anthropic/);
    const sarif = await cli(['scan', '--format', 'sarif'], dir);
    const log = JSON.parse(sarif.out) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    assert.equal(schemaValidator(path.join(__dirname, '../fixtures/cli/sarif-schema-2.1.0.json'))(log), true);
    assert.deepEqual(log.runs[0]!.results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`), ['app.py:12', 'extra.py:7']);
  });

  it('--price-book (a path from the current folder) reprices a model; a missing one is an input error', async () => {
    const pb = path.join(dir, 'prices', 'team.yml');
    fs.mkdirSync(path.dirname(pb));
    // $1,000 per million input tokens and nothing for output: the monthly cost is input tokens × 0.001 × calls/month.
    fs.writeFileSync(pb, 'models:\n  - id: gpt-4o\n    provider: openai\n    prices: { input_mtok: 1000, output_mtok: 0 }\n');
    try {
      const r = await cli(['scan', '--format', 'json', '--currency', 'USD', '--price-book', 'prices/team.yml'], dir);
      assert.equal(r.code, 0, r.err);
      const site = (JSON.parse(r.out) as Report).sites.find((e) => e.site.model.id === 'gpt-4o')!;
      const calls = site.usage.callsPerDay.value * site.usage.fanOut.value * (1 + site.usage.retryRate.value) * 30;
      assert.ok(site.tokens.input.expected > 0);
      assert.ok(Math.abs(site.cost.perMonth!.expected - site.tokens.input.expected * 0.001 * calls) < 1e-6, `${site.cost.perMonth!.expected}`);
    } finally {
      fs.rmSync(path.dirname(pb), { recursive: true });
    }
    assert.equal((await cli(['scan', '--price-book', 'nope.yml'], dir)).code, 2);
  });

  it('--include/--exclude and explicit paths narrow the scan', async () => {
    const only = JSON.parse((await cli(['scan', '--format', 'json', '--include', '**/extra.py'], dir)).out) as Report;
    assert.deepEqual(only.sites.map((s) => s.site.file), ['extra.py']);
    const ex = JSON.parse((await cli(['scan', '--format', 'json', '--exclude', 'extra.py'], dir)).out) as Report;
    assert.deepEqual(ex.sites.map((s) => s.site.file), ['app.py']);
    const ignoredToo = JSON.parse((await cli(['scan', '--format', 'json', '--no-gitignore'], dir)).out) as Report;
    assert.ok(ignoredToo.sites.some((s) => s.site.file === 'ignored/skip.py'));
    const explicit = JSON.parse((await cli(['scan', path.join(dir, 'app.py'), '--root', dir, '--format', 'json'], os.tmpdir())).out) as Report;
    assert.deepEqual(explicit.sites.map((s) => s.site.file), ['app.py']);
  });

  it('--output writes the file atomically and leaves no temporary file', async () => {
    const out = path.join(dir, 'out', 'report.json');
    const r = await cli(['scan', '--format', 'json', '--output', out, '--quiet'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    assert.equal(r.err, '');
    assert.equal((JSON.parse(fs.readFileSync(out, 'utf8')) as Report).sites.length, 2);
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ['report.json']);
    fs.rmSync(path.join(dir, 'out'), { recursive: true });
  });

  it('--output that cannot be written (a folder that is a file) says where, in one line, exit 2', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    try {
      const r = await cli(['scan', '--format', 'json', '--output', path.join(blocker, 'report.json'), '--quiet'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /^tokentier: could not write .*not-a-folder[\\/]report\.json: /m);
      assert.doesNotMatch(r.err, /internal error|\n\s+at /);
    } finally {
      fs.rmSync(blocker);
    }
  });

  it('exit 1 on a policy failure (policy file), 0 when within budget', async () => {
    assert.equal((await cli(['scan', '--fail-on-total-above', '1000000000'], dir)).code, 0);
    fs.mkdirSync(path.join(dir, '.tokentier'));
    try {
      // Both sites set max tokens; requiring batch fails both (the fixture calls the synchronous API).
      fs.writeFileSync(path.join(dir, '.tokentier/policy.yml'), 'rules:\n  - id: batch-only\n    severity: error\n    require: [batch]\n');
      const fail = await cli(['scan', '--format', 'json'], dir);
      assert.equal(fail.code, 1);
      assert.equal(fail.err.match(/^FAIL: /gm)?.length, 2);
      assert.match(fail.err, /batch-only/);
      fs.writeFileSync(path.join(dir, '.tokentier/policy.yml'), 'rules:\n  - id: max-tokens\n    severity: error\n    require: [max-tokens]\n');
      assert.equal((await cli(['scan'], dir)).code, 0, 'both sites set max_tokens');
      fs.writeFileSync(path.join(dir, '.tokentier/policy.yml'), 'rules: [ unclosed');
      assert.equal((await cli(['scan'], dir)).code, 2, 'a broken policy file is an input error');
    } finally {
      fs.rmSync(path.join(dir, '.tokentier'), { recursive: true });
    }
  });

  it('diff --base HEAD~1 (git ref): model swap across a line shift, a new and a removed site; working tree untouched', async () => {
    const statusBefore = gitIn(dir, 'status', '--porcelain');
    const headBefore = gitIn(dir, 'rev-parse', 'HEAD');
    const r = await cli(['diff', '--base', 'HEAD~1', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out) as { counts: Record<string, number>; sites: { status: string; changes: string[]; base: { file: string; line: number; model: string } | null; head: { file: string; line: number; model: string } | null }[] };
    assert.deepEqual(d.counts, { new: 1, removed: 1, changed: 1, unchanged: 0 });
    const changed = d.sites.find((s) => s.status === 'changed')!;
    assert.deepEqual([changed.base?.line, changed.head?.line], [7, 12]);
    assert.deepEqual(changed.changes, ['model']);
    assert.equal(d.sites.find((s) => s.status === 'new')!.head!.file, 'extra.py');
    assert.equal(d.sites.find((s) => s.status === 'removed')!.base!.file, 'svc.ts');
    assert.equal(gitIn(dir, 'status', '--porcelain'), statusBefore);
    assert.equal(gitIn(dir, 'rev-parse', 'HEAD'), headBefore);
    const table = await cli(['diff', '--base', 'HEAD~1'], dir);
    assert.match(table.out, /^changed +app\.py:12 +gpt-4o +model/m);
    assert.match(table.out, /1 new, 1 changed, 1 removed, 0 unchanged/);
    const md = await cli(['diff', '--base', 'HEAD~1', '--format', 'markdown'], dir);
    assert.match(md.out, /## Tokentier cost diff/);
    assert.match(md.out, /1 new · 1 changed · 1 removed · 0 unchanged/);
    assert.match(md.out, /model gpt-4o-mini → gpt-4o/);
  });

  it('diff --base report.json (a saved baseline) and bad bases', async () => {
    const base = path.join(os.tmpdir(), `tokentier-base-${process.pid}.json`);
    gitIn(dir, 'checkout', '-q', 'HEAD~1');
    try {
      assert.equal((await cli(['scan', '--format', 'json', '--output', base, '--quiet'], dir)).code, 0);
    } finally {
      gitIn(dir, 'checkout', '-q', 'main');
    }
    const r = await cli(['diff', '--base', base, '--format', 'json'], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual((JSON.parse(r.out) as { counts: Record<string, number> }).counts, { new: 1, removed: 1, changed: 1, unchanged: 0 });
    const same = await cli(['diff', '--base', base, '--head', base, '--format', 'json'], dir);
    assert.deepEqual((JSON.parse(same.out) as { counts: Record<string, number> }).counts, { new: 0, removed: 0, changed: 0, unchanged: 2 });
    // A zero baseline total: any growth is an unbounded increase, but 0 → 0 is not.
    assert.equal((await cli(['diff', '--base', base, '--head', base, '--fail-on-increase-above', '0'], dir)).code, 0);
    fs.rmSync(base);
    assert.equal((await cli(['diff'], dir)).code, 2, '--base is required');
    assert.equal((await cli(['diff', '--base', 'no-such-ref'], dir)).code, 2);
    assert.equal((await cli(['diff', '--base', '--upload-pack=x'], dir)).code, 2, 'option-like refs are refused');
    const notReport = path.join(dir, 'package.json');
    fs.writeFileSync(notReport, '{"name":"x"}');
    try {
      const bad = await cli(['diff', '--base', notReport], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /not a Tokentier report/);
    } finally {
      fs.rmSync(notReport);
    }
  });

  it('tiers: exit 2 with a clear message while no site is priced, else a comparison', async () => {
    // The tier model prices the hosted API in USD (src/core/tiers): the fixture's settings show EUR.
    const r = await cli(['tiers', '--format', 'json', '--currency', 'USD'], dir);
    const report = JSON.parse((await cli(['scan', '--format', 'json', '--currency', 'USD'], dir)).out) as Report;
    if (report.totals.workspace.unpriced === report.totals.workspace.sites) {
      assert.equal(r.code, 2);
      assert.match(r.err, /No priced call site/);
    } else {
      assert.equal(r.code, 0, r.err);
      assert.ok((JSON.parse(r.out) as { tiers: object }).tiers);
    }
  });
});

describe('cli: progress bar', () => {
  it('draws on a TTY and clears its line at the end; silent when not a TTY or when disabled', () => {
    const tty = { text: '', isTTY: true, write(t: string) { this.text += t; return true; } };
    const p = createProgress(tty, true);
    p.update(5, 10);
    p.done();
    assert.equal(tty.text, `\r[${'#'.repeat(15)}${'-'.repeat(15)}] 5/10 files\r\u001b[K`);
    const pipe = new Buf();
    createProgress(pipe, true).update(1, 2);
    assert.equal(pipe.text, '');
    const quiet = { ...tty, text: '' };
    createProgress(quiet, false).update(1, 2);
    assert.equal(quiet.text, '');
  });
});

describe('cli: agreement with the engine on examples/demo', function () {
  this.timeout(120000);
  const demo = path.join(repoRoot, 'examples/demo');

  it('every site and cost in the CLI report equals the engine analysing the file directly with the same settings', async function () {
    if (!fs.existsSync(demo)) this.skip();
    const { code, out } = await cli(['scan', '--format', 'json'], demo);
    assert.equal(code, 0);
    const report = JSON.parse(out) as Report;
    assert.ok(report.sites.length > 0);
    // What the editor does for one open document: the engine with the parsed settings, text from disk.
    const files = createNodeFileProvider(demo);
    const engine = createEngine({ files, loadWasm: async (n) => new Uint8Array(fs.readFileSync(fs.existsSync(path.join(repoRoot, 'node_modules/web-tree-sitter', n)) ? path.join(repoRoot, 'node_modules/web-tree-sitter', n) : path.join(repoRoot, 'node_modules/@vscode/tree-sitter-wasm/wasm', n))) });
    // The demo has no .vscode/settings.json, so the editor would run with the defaults; team files as the extension loads them.
    assert.equal(fs.existsSync(path.join(demo, '.vscode/settings.json')), false);
    const settings = parseSettings({}).settings;
    engine.configure({ settings, trusted: true, team: await loadTeamConfig(files, settings, { trusted: true }) });
    const direct = [];
    for (const file of [...new Set(report.sites.map((s) => s.site.file))]) {
      const text = fs.readFileSync(path.join(demo, file), 'utf8');
      direct.push(...(await engine.analyzeDocument({ path: file, text, languageId: languageOfPath(file) })).estimates);
    }
    const key = (e: Report['sites'][number]) => `${e.site.id}|${e.cost.perMonth?.expected ?? 'null'}|${e.tokens.input.expected}|${e.tokens.output.expected}`;
    assert.deepEqual(report.sites.map(key).sort(), direct.map(key).sort());
  });
});

describe('cli: the esbuild bundle (dist/cli.js)', function () {
  this.timeout(180000);

  it('builds, runs `scan examples/demo --format json` via child_process, and matches the in-process run', async function () {
    const demo = path.join(repoRoot, 'examples/demo');
    if (!fs.existsSync(demo)) this.skip();
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--no-tests'], { cwd: repoRoot, encoding: 'utf8' });
    if (build.status !== 0) {
      // Another bundle in esbuild.mjs is broken (work in progress elsewhere): build the CLI bundle alone, same options.
      process.stderr.write(`      (esbuild.mjs failed; building dist/cli.js alone)\n`);
      const esbuild = await import('esbuild');
      await esbuild.build({
        entryPoints: { cli: 'src/cli/main.ts' }, absWorkingDir: repoRoot, outdir: 'dist', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'],
        define: { 'import.meta.url': '__importMetaUrl' }, banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl=require('url').pathToFileURL(__filename).href;" }, logLevel: 'error',
      });
      fs.mkdirSync(path.join(repoRoot, 'dist/grammars'), { recursive: true });
      fs.copyFileSync(path.join(repoRoot, 'node_modules/web-tree-sitter/web-tree-sitter.wasm'), path.join(repoRoot, 'dist/grammars/web-tree-sitter.wasm'));
      for (const lang of ['python', 'typescript', 'tsx', 'javascript']) fs.copyFileSync(path.join(repoRoot, `node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${lang}.wasm`), path.join(repoRoot, `dist/grammars/tree-sitter-${lang}.wasm`));
    }
    const bundle = path.join(repoRoot, 'dist/cli.js');
    assert.ok(fs.readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const res = spawnSync(process.execPath, [bundle, 'scan', 'examples/demo', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(res.status, 0, res.stderr);
    const fromBundle = JSON.parse(res.stdout) as Report;
    assert.equal(schemaValidator(path.join(repoRoot, 'schemas/report.schema.json'))(fromBundle), true);
    const inProcess = JSON.parse((await cli(['scan', 'examples/demo', '--format', 'json'], repoRoot)).out) as Report;
    const strip = (r: Report) => JSON.stringify({ ...r, generatedAt: '', stats: { ...r.stats, ms: 0 } });
    assert.equal(strip(fromBundle), strip(inProcess));
    const version = spawnSync(process.execPath, [bundle, '--version'], { encoding: 'utf8' });
    assert.equal(version.stdout.trim(), CLI_VERSION);
    const usage = spawnSync(process.execPath, [bundle, 'scan', '--format', 'nope'], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });

  it('stops quietly when the reader closes the pipe (`| head`), with the exit code of the run', function () {
    const bundle = path.join(repoRoot, 'dist/cli.js');
    if (!fs.existsSync(bundle)) this.skip();
    // `true` reads nothing and exits at once: every write of the report meets a closed pipe (EPIPE).
    const piped = (flags: string) => spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bundle}" scan examples/demo --format json ${flags} | true`], { cwd: repoRoot, encoding: 'utf8' });
    const ok = piped('');
    assert.equal(ok.status, 0, ok.stderr);
    assert.doesNotMatch(ok.stderr, /EPIPE|Unhandled|at .*\(node:/);
    // A budget gate still fails the run (exit 1), and says why.
    const gate = piped('--fail-on-total-above 0.01');
    assert.equal(gate.status, 1, gate.stderr);
    assert.match(gate.stderr, /FAIL: /);
    assert.doesNotMatch(gate.stderr, /EPIPE|Unhandled/);
  });

  it('says in one line that the output could not be written (a full disk), exit 2', function () {
    const bundle = path.join(repoRoot, 'dist/cli.js');
    if (!fs.existsSync(bundle) || !fs.existsSync('/dev/full')) this.skip();
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [bundle, 'scan', 'examples/demo', '--format', 'json', '--quiet'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^tokentier: could not write the output: ENOSPC/m);
      assert.doesNotMatch(r.stderr, /at .*\(node:|Unhandled/);
    } finally {
      fs.closeSync(full);
    }
  });
});
