/**
 * Issue 17: what a hostile repository could still do to the CLI and the editor (second red-team pass). One block per
 * finding, each reproducing the red team's input. Hangs run behind mocha's 20 s guard (.mocharc.json); linearity is
 * shown by counted operations, not wall time. Independent oracles: the file system itself (what exists, what a link
 * points at), hand-counted expectations in the comments, GitHub's documented rules for workflow commands and
 * mentions, and an independent Markdown renderer (markdown-it).
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings, filesExcludeFrom } from '../../src/core/config/settings';
import type { FileProvider } from '../../src/core/fileProvider';
import { globStats } from '../../src/core/glob';
import { lineLookupStats } from '../../src/core/teamFiles/parseFile';
import { addUsageSite } from '../../src/core/teamFiles/usageEdit';
import { loadTeamConfig, MAX_DIAGNOSTICS_PER_FILE, UNREADABLE_TEAM_FILE } from '../../src/core/teamFiles/loadTeamConfig';
import type { Diagnostic, Report } from '../../src/core/types';
import { isInsideReal } from '../../src/node/nodeFiles';
import { jsonNestingDepth, loadCliSettings } from '../../src/cli/workspaceConfig';
import { localFileProvider } from '../../src/node/localFiles';
import { createRequire } from 'node:module';
import { estimateSites } from '../../src/core/estimate/estimator';
import { buildReport } from '../../src/core/report/build';
import { formatDiffMarkdown, diffReports } from '../../src/core/report/diff';
import { formatCsv, formatJson, formatJsonl, formatMarkdown, formatTable } from '../../src/core/report/format';
import { hoverMarkdown } from '../../src/core/report/present';
import { formatSarif } from '../../src/core/report/sarif';
import type { CallSite, Range } from '../../src/core/types';
import { runCli } from './util/runCli';

const CALL = 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])\n';

/** A fresh folder per test, removed afterwards (links inside are removed, never followed). */
function tempDir(prefix = 'tokentier-hostile-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

function memoryFiles(map: Record<string, string>, extra: Partial<FileProvider> = {}): FileProvider {
  return {
    readText: async (p) => map[p],
    list: async () => undefined,
    stat: async (p) => (map[p] === undefined ? undefined : { type: 'file', size: Buffer.byteLength(map[p]!), mtime: 0 }),
    ...extra,
  };
}

const describeAll = (ds: readonly Diagnostic[]): string => ds.map((d) => `${d.severity} ${d.code} ${d.message}`).join('\n');

function mkfifo(p: string): boolean {
  try {
    execFileSync('mkfifo', [p]);
    return true;
  } catch {
    return false;
  }
}

async function scanJson(dir: string, extra: string[] = []): Promise<{ code: number; report?: Report; err: string }> {
  const r = await runCli(['scan', '.', '--format', 'json', '--workers', '0', '--no-rg', ...extra], dir);
  return { code: r.code, err: r.err, ...(r.code !== 2 && r.out ? { report: JSON.parse(r.out) as Report } : {}) };
}

const r0: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } };

/** A detected call with a chosen file and model id (the strings a repository controls). */
function site(file: string, model: string, i = 0): CallSite {
  return {
    id: `${file}#${i + 1}:create`,
    file,
    range: r0,
    line: i + 1,
    provider: 'openai',
    via: 'sdk',
    api: 'chat',
    method: 'chat.completions.create',
    model: { id: model, canonical: model, resolution: { kind: 'literal' } },
    stream: false,
    params: { maxTokens: 100 },
    prompt: [{ role: 'user', kind: 'literal', text: 'hi', range: r0 }],
    loops: [],
    confidence: 'high',
  } as CallSite;
}

async function reportOf(sites: CallSite[]): Promise<Report> {
  const estimates = await estimateSites(sites, { settings: defaultSettings, team: { diagnostics: [] }, now: new Date('2026-11-23T00:00:00Z') });
  return buildReport({ root: '.', currency: 'USD', profile: 'expected', estimates, diagnostics: sites.map((x) => ({ severity: 'warning' as const, code: 'x', message: `${x.model.id} in ${x.file}`, file: x.file })), generatedAt: new Date(0) });
}

interface Renderer {
  render(src: string): string;
}

/** markdown-it (a dependency of @vscode/vsce) with GFM-style linkify: bare URLs and domains become links. */
function linkifyRenderer(): Renderer | undefined {
  try {
    const MarkdownIt = createRequire(__filename)('markdown-it') as new (opts: Record<string, unknown>) => Renderer;
    return new MarkdownIt({ html: false, linkify: true });
  } catch {
    return undefined;
  }
}

/** The rendered text, tags stripped and the entities we emit decoded (what GitHub's mention filter reads). */
function renderedText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&#8203;|\u200b/g, '\u200b').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
}

/**
 * GitHub's @mention pattern (html-pipeline MentionFilter, applied to rendered text nodes): `@` after a non-word
 * character or the start, then a letter or digit.
 */
const GITHUB_MENTION = /(?:^|[^\w])@[a-z0-9]/im;
/** GitHub Actions runs a line as a workflow command when, after leading whitespace, it starts with `::`. */
const WORKFLOW_COMMAND = /^\s*::/m;

describe('issue 17: a hostile repository', function () {
  this.timeout(20_000);
  let dir: string;
  let outside: string;
  beforeEach(() => {
    dir = tempDir();
    outside = tempDir('tokentier-outside-');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  describe('finding 1: symlinks never take the walk out of the scan root', () => {
    it('a link to / is not followed: the scan ends with the one real site and reports the link', async () => {
      write(dir, 'app.py', CALL);
      fs.symlinkSync('/', path.join(dir, 'rootfs'));
      const r = await scanJson(dir);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(r.report!.sites.map((s) => s.site.file), ['app.py']);
      assert.ok(r.report!.diagnostics.some((d) => d.code === 'symlink-outside-root' && d.file === 'rootfs'), describeAll(r.report!.diagnostics));
    });

    it('with --follow-symlinks a link to / is a link to an ancestor (the `//` comparison bug): reported as a loop, not walked', async () => {
      write(dir, 'app.py', CALL);
      fs.symlinkSync('/', path.join(dir, 'rootfs'));
      const r = await scanJson(dir, ['--follow-symlinks']);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(r.report!.sites.map((s) => s.site.file), ['app.py']);
      assert.ok(r.report!.diagnostics.some((d) => d.code === 'symlink-loop' && d.file === 'rootfs'), describeAll(r.report!.diagnostics));
    });

    it('isInsideReal: the file system root contains everything; a sibling with a common prefix is not inside', () => {
      assert.equal(isInsideReal('/', '/proc/1/cwd'), true);
      assert.equal(isInsideReal('/a/b', '/a/b'), true);
      assert.equal(isInsideReal('/a/b', '/a/b/c'), true);
      assert.equal(isInsideReal('/a/b', '/a/bc'), false);
    });

    it('a folder and a file linked from outside are skipped and named; --follow-symlinks scans them', async () => {
      write(dir, 'app.py', CALL);
      write(outside, 'lib/other.py', CALL);
      write(outside, 'single.py', CALL);
      fs.symlinkSync(path.join(outside, 'lib'), path.join(dir, 'lib'));
      fs.symlinkSync(path.join(outside, 'single.py'), path.join(dir, 'single.py'));
      const r = await scanJson(dir);
      assert.deepEqual(r.report!.sites.map((s) => s.site.file), ['app.py']);
      const skipped = r.report!.diagnostics.filter((d) => d.code === 'symlink-outside-root').map((d) => d.file).sort();
      assert.deepEqual(skipped, ['lib', 'single.py']);
      const followed = await scanJson(dir, ['--follow-symlinks']);
      assert.deepEqual(followed.report!.sites.map((s) => s.site.file).sort(), ['app.py', 'lib/other.py', 'single.py']);
    });

    it('a link that stays inside the root is still followed', async () => {
      write(dir, 'real/app.py', CALL);
      fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
      const r = await scanJson(dir);
      assert.deepEqual(r.report!.sites.map((s) => s.site.file).sort(), ['alias/app.py', 'real/app.py']);
      assert.ok(!r.report!.diagnostics.some((d) => d.code === 'symlink-outside-root'));
    });

    it('the editor provider (src/node/localFiles.ts) reads nothing through a link out of the folder', async () => {
      write(outside, 'secret.py', 'SECRET');
      fs.symlinkSync(path.join(outside, 'secret.py'), path.join(dir, 'secret.py'));
      fs.symlinkSync(outside, path.join(dir, 'out'));
      const files = localFileProvider(dir);
      assert.equal(await files.readText('secret.py'), undefined);
      assert.equal(await files.readText('out/secret.py'), undefined);
      assert.equal(await files.stat('out/secret.py'), undefined);
      assert.equal(await files.exists?.('out/secret.py'), true, 'exists() still says something is there');
    });
  });

  describe('finding 2: .vscode/settings.json that never ends, blocks, or nests 100,000 deep', () => {
    it('a link to /dev/zero: refused with a warning, defaults apply, the scan reports', async function () {
      if (!fs.existsSync('/dev/zero')) this.skip();
      write(dir, 'app.py', CALL);
      fs.mkdirSync(path.join(dir, '.vscode'));
      fs.symlinkSync('/dev/zero', path.join(dir, '.vscode', 'settings.json'));
      const s = loadCliSettings(dir);
      assert.equal(s.settings.currency, undefined, 'unset: the price book\'s currency, else USD');
      assert.ok(s.diagnostics.some((d) => /not a regular file/.test(d.message)), describeAll(s.diagnostics));
      const r = await scanJson(dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.report!.sites.length, 1);
    });

    it('a FIFO: not opened for a blocking read (the red team waited forever)', async function () {
      fs.mkdirSync(path.join(dir, '.vscode'));
      if (!mkfifo(path.join(dir, '.vscode', 'settings.json'))) this.skip();
      const s = loadCliSettings(dir);
      assert.ok(s.diagnostics.some((d) => /not a regular file/.test(d.message)), describeAll(s.diagnostics));
    });

    it('a 200 KB file nested 100,000 deep: a warning, no stack overflow', async () => {
      write(dir, 'app.py', CALL);
      write(dir, '.vscode/settings.json', `{"tokentier.priceBook": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
      assert.equal(jsonNestingDepth(fs.readFileSync(path.join(dir, '.vscode/settings.json'), 'utf8')), 100_001);
      const s = loadCliSettings(dir);
      assert.ok(s.diagnostics.some((d) => /nested more than 64/.test(d.message)), describeAll(s.diagnostics));
      const r = await scanJson(dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.report!.sites.length, 1);
    });

    it('over 1 MB: refused; a settings file that links out of the root: refused', () => {
      write(dir, '.vscode/settings.json', `{"tokentier.currency": "EUR", "x": "${'y'.repeat(1_100_000)}"}`);
      assert.ok(loadCliSettings(dir).diagnostics.some((d) => /over the 1 MB limit/.test(d.message)));
      fs.rmSync(path.join(dir, '.vscode'), { recursive: true });
      write(outside, 'settings.json', '{"tokentier.profile": "high"}');
      fs.mkdirSync(path.join(dir, '.vscode'));
      fs.symlinkSync(path.join(outside, 'settings.json'), path.join(dir, '.vscode', 'settings.json'));
      const s = loadCliSettings(dir);
      assert.equal(s.settings.profile, 'expected');
      assert.ok(s.diagnostics.some((d) => /leads out of the scan root/.test(d.message)), describeAll(s.diagnostics));
      assert.equal(loadCliSettings(dir, {}, { followSymlinks: true }).settings.profile, 'high');
    });
  });

  describe('finding 3: team files with many keys are read in linear time, with a bounded number of messages', () => {
    const unknownKeysJson = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}": 1`).join(',\n')}}`;
    const unknownKeysYaml = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n');

    for (const [kind, make, file] of [['JSON', unknownKeysJson, '.tokentier/prices.json'], ['YAML', unknownKeysYaml, '.tokentier/prices.yml']] as const) {
      it(`${kind}: 40,000 unknown top-level keys (the red team's 429 KB file): line look-ups grow linearly; at most ${MAX_DIAGNOSTICS_PER_FILE} + 1 messages`, async () => {
        const steps: number[] = [];
        for (const n of [10_000, 40_000]) {
          const before = lineLookupStats.steps;
          const team = await loadTeamConfig(memoryFiles({ [file]: make(n) }), defaultSettings, { trusted: true });
          steps.push(lineLookupStats.steps - before);
          const mine = team.diagnostics.filter((d) => d.file === file);
          // 5 named + 1 "N more unknown fields".
          assert.equal(mine.length, 6, describeAll(mine));
          assert.match(mine[5]!.message, new RegExp(`${n - 5} more unknown fields`));
        }
        // Four times the keys, at most ~4× the work (the per-key re-scan made it 16×).
        assert.ok(steps[1]! <= 4.5 * steps[0]!, `look-up steps ${steps.join(' → ')}`);
      });
    }

    it('every line look-up of a LiteLLM map with 40,000 bad entries is linear, and the messages are capped', async () => {
      const map = (n: number) => JSON.stringify({ litellm: Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}`, 'not an object'])) });
      const steps: number[] = [];
      for (const n of [10_000, 40_000]) {
        const before = lineLookupStats.steps;
        const team = await loadTeamConfig(memoryFiles({ '.tokentier/prices.json': map(n) }), defaultSettings, { trusted: true });
        steps.push(lineLookupStats.steps - before);
        assert.equal(team.diagnostics.length, MAX_DIAGNOSTICS_PER_FILE + 1, describeAll(team.diagnostics.slice(-2)));
        assert.match(team.diagnostics.at(-1)!.message, new RegExp(`${n - MAX_DIAGNOSTICS_PER_FILE} more problems`));
      }
      assert.ok(steps[1]! <= 4.5 * steps[0]!, `look-up steps ${steps.join(' → ')}`);
    });
  });

  describe('finding 4: catastrophic globs in every place a repository can put one', () => {
    /** picomatch needed seconds for 30 `a`s and minutes for 60; the guard is mocha's 20 s. */
    const LONG = 'a'.repeat(120);
    const EVIL = '*a*a*a*a*a*a*a*a*b';

    it('price-book adjustment, tokentier.exclude, usage match.file and a policy rule, all at once: the scan ends, the glob work is linear', async () => {
      write(dir, `${LONG}.py`, CALL.replace('gpt-4o-mini', LONG));
      write(dir, '.vscode/settings.json', JSON.stringify({ 'tokentier.exclude': [EVIL] }));
      write(dir, '.tokentier/prices.yml', `models:\n  - id: ${LONG}\n    prices: { input_mtok: 1, output_mtok: 2 }\nadjustments:\n  - model: "${EVIL}"\n    discount: 0.5\n`);
      write(dir, '.tokentier/usage.yml', `sites:\n  - match: { file: "${EVIL}" }\n    callsPerDay: 5\n`);
      write(dir, '.tokentier/policy.yml', `rules:\n  - id: r\n    when: { model: "${EVIL}", file: "${EVIL}" }\n    forbidModels: ["${EVIL}"]\n`);
      const before = globStats.steps;
      const r = await scanJson(dir);
      const steps = globStats.steps - before;
      assert.equal(r.code, 0, r.err);
      // None of the globs match (no `b`), so the site is scanned, priced without the discount, at the default volume.
      assert.equal(r.report!.sites.length, 1);
      const e = r.report!.sites[0]!;
      assert.equal(e.cost.lines.find((l) => l.dimension === 'input')?.rate, 1, 'the price book price, with no discount');
      assert.equal(e.usage.callsPerDay.value, 1000, 'the default volume (the usage rule did not match)');
      // Each match costs at most (4·18 + 3) visits per character of a ~124-character input; a few dozen matches in all.
      assert.ok(steps < 100 * 75 * 130, `${steps} glob steps`);
    });

    it("Restricted Mode does not apply the workspace's files.exclude; a trusted workspace merges every scope", () => {
      const inspection = { defaultValue: { '**/.git': true }, globalValue: { '**/tmp': true, '**/.git': false }, workspaceValue: { [EVIL]: true }, workspaceFolderValue: { '**/x': true } };
      assert.deepEqual(filesExcludeFrom(inspection, false), ['**/tmp']);
      assert.deepEqual(filesExcludeFrom(inspection, true).sort(), ['**/tmp', '**/x', EVIL].sort());
      assert.deepEqual(filesExcludeFrom(undefined, true), []);
    });
  });

  describe('finding 8: a team file that exists and cannot be read is an error (exit 2 in CI), never silence', () => {
    it('policy.yml as a FIFO: exit 2 naming it (the budget gate would have been off)', async function () {
      write(dir, 'app.py', CALL);
      fs.mkdirSync(path.join(dir, '.tokentier'));
      if (!mkfifo(path.join(dir, '.tokentier', 'policy.yml'))) this.skip();
      const r = await runCli(['scan', '.', '--fail-on-total-above', '0'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /\.tokentier\/policy\.yml.*exists but cannot be read/);
    });

    it('prices.yml as a dangling link: exit 2', async () => {
      write(dir, 'app.py', CALL);
      fs.mkdirSync(path.join(dir, '.tokentier'));
      fs.symlinkSync(path.join(outside, 'nowhere.yml'), path.join(dir, '.tokentier', 'prices.yml'));
      const r = await runCli(['scan', '.'], dir);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /prices\.yml/);
    });

    it('a provider that lists the file but cannot read it (permission denied as root cannot be faked): an error diagnostic for the editor', async () => {
      const files = memoryFiles({}, {
        stat: async (p) => (p === '.tokentier/policy.yml' ? { type: 'file', size: 10, mtime: 0 } : undefined),
        readText: async () => undefined,
      });
      const team = await loadTeamConfig(files, defaultSettings, { trusted: true });
      assert.equal(team.policy, undefined);
      const d = team.diagnostics.find((x) => x.code === UNREADABLE_TEAM_FILE);
      assert.ok(d && d.severity === 'error' && d.file === '.tokentier/policy.yml', describeAll(team.diagnostics));
    });

    it('chmod 000 policy.yml (only when not root): exit 2', async function () {
      if (process.getuid?.() === 0 || process.platform === 'win32') this.skip();
      write(dir, 'app.py', CALL);
      write(dir, '.tokentier/policy.yml', 'budgets: { totalPerMonth: 0 }\n');
      fs.chmodSync(path.join(dir, '.tokentier', 'policy.yml'), 0o000);
      try {
        assert.equal((await runCli(['scan', '.'], dir)).code, 2);
      } finally {
        fs.chmodSync(path.join(dir, '.tokentier', 'policy.yml'), 0o644);
      }
    });
  });

  describe('finding 9: team files never read through a link out of the workspace; unknown keys never echoed', () => {
    const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';

    it('.tokentier -> /outside: its prices are not applied, exit 2, and nothing of the outside file reaches the report', async () => {
      write(dir, 'app.py', CALL);
      write(outside, 'prices.yml', `AWS_SECRET_ACCESS_KEY=${SECRET}: 1\nmodels:\n  - id: gpt-4o-mini\n    prices: { input_mtok: 999, output_mtok: 999 }\n`);
      fs.symlinkSync(outside, path.join(dir, '.tokentier'));
      const r = await runCli(['scan', '.', '--format', 'sarif'], dir);
      assert.equal(r.code, 2);
      assert.ok(!`${r.out}${r.err}`.includes(SECRET));
      // With --follow-symlinks the user asked for it: the prices apply, and the key is still not echoed.
      const followed = await runCli(['scan', '.', '--format', 'sarif', '--follow-symlinks'], dir);
      assert.equal(followed.code, 0, followed.err);
      assert.ok(!followed.out.includes(SECRET), 'the unknown key was echoed into SARIF');
      assert.match(followed.out, /unknown field \(a key of \d+ characters\)/);
    });

    it('a symlinked priceBook setting, --price-book and litellm: path are refused', async () => {
      write(dir, 'app.py', CALL);
      write(outside, 'book.yml', 'models:\n  - id: gpt-4o-mini\n    prices: { input_mtok: 999 }\n');
      write(outside, 'litellm.json', JSON.stringify({ 'gpt-4o-mini': { input_cost_per_token: 0.001, output_cost_per_token: 0.001 } }));
      fs.symlinkSync(path.join(outside, 'book.yml'), path.join(dir, 'book.yml'));
      fs.symlinkSync(path.join(outside, 'litellm.json'), path.join(dir, 'litellm.json'));
      const flag = await runCli(['scan', '.', '--price-book', 'book.yml'], dir);
      assert.equal(flag.code, 2);
      assert.match(flag.err, /symbolic link that leads out of the scan root/);
      write(dir, '.vscode/settings.json', JSON.stringify({ 'tokentier.priceBook': 'book.yml' }));
      assert.equal((await runCli(['scan', '.'], dir)).code, 2, 'the priceBook setting');
      fs.rmSync(path.join(dir, '.vscode'), { recursive: true });
      write(dir, '.tokentier/prices.yml', 'litellm: litellm.json\n');
      const lit = await scanJson(dir);
      assert.equal(lit.code, 2, 'the litellm: file');
    });

    it('a file that is not YAML (a .env) behind a team-file name: YAML errors never quote its text (found by the config fuzzer)', async () => {
      const env = `- version: ""\nmodels: 0\nAWS_SECRET_ACCESS_KEY=${SECRET}: 0\nexport AWS_SESSION_TOKEN=${SECRET}\n`;
      const team = await loadTeamConfig(memoryFiles({ '.tokentier/prices.yml': env }), defaultSettings, { trusted: true });
      assert.ok(team.diagnostics.some((d) => /YAML syntax error/.test(d.message)), describeAll(team.diagnostics));
      assert.ok(!describeAll(team.diagnostics).includes(SECRET), describeAll(team.diagnostics));
    });

    it('at most five unknown keys are named, each only if it looks like a name', async () => {
      const keys = [`AWS_SECRET_ACCESS_KEY=${SECRET}`, 'constructor', 'toString', ...Array.from({ length: 100 }, (_, i) => `x${i}`)];
      const team = await loadTeamConfig(memoryFiles({ '.tokentier/prices.json': JSON.stringify(Object.fromEntries(keys.map((k) => [k, SECRET]))) }), defaultSettings, { trusted: true });
      const text = describeAll(team.diagnostics);
      assert.ok(!text.includes(SECRET), text);
      assert.equal(team.diagnostics.filter((d) => /unknown field /.test(d.message)).length, 5);
      assert.match(text, /98 more unknown fields/);
    });
  });

  describe('finding 15: per-field fallback, own keys only, no prototype from settings', () => {
    it('`constructor` and `toString` at the top level are unknown fields (the `in` check followed the prototype chain)', async () => {
      const team = await loadTeamConfig(memoryFiles({ '.tokentier/policy.yml': 'constructor: 1\ntoString: 2\nbudgets: { totalPerMonth: 5 }\n' }), defaultSettings, { trusted: true });
      assert.deepEqual(team.diagnostics.map((d) => d.message.replace(/ \(allowed.*/, '')), ['.tokentier/policy.yml:1: unknown field "constructor"', '.tokentier/policy.yml:2: unknown field "toString"']);
      assert.equal(team.policy?.budgets.totalPerMonth, 5);
    });

    it('one bad field in defaults.chat keeps the block\'s other fields (and the other blocks)', async () => {
      const yml = 'defaults:\n  chat:\n    callsPerDay: 250\n    outputTokens: lots\n    cacheHitRate: 0.5\n  embeddings: { callsPerDay: 9 }\nprofiles:\n  high:\n    callsMultiplier: -1\n    defaults: { chat: { callsPerDay: 7 } }\n';
      const team = await loadTeamConfig(memoryFiles({ '.tokentier/usage.yml': yml }), defaultSettings, { trusted: true });
      assert.deepEqual(team.usage?.defaults.chat, { callsPerDay: 250, cacheHitRate: 0.5 });
      assert.deepEqual(team.usage?.defaults.embeddings, { callsPerDay: 9 });
      assert.deepEqual(team.usage?.profiles['high'], { defaults: { chat: { callsPerDay: 7 } } });
      const msgs = team.diagnostics.map((d) => d.message);
      assert.ok(msgs.some((m) => m.startsWith('.tokentier/usage.yml:4: defaults.chat.outputTokens')), msgs.join('\n'));
      assert.ok(msgs.some((m) => m.startsWith('.tokentier/usage.yml:9: profiles.high.callsMultiplier')), msgs.join('\n'));
    });

    it('a YAML duplicate key no longer drops the price book', async () => {
      const team = await loadTeamConfig(memoryFiles({ '.tokentier/prices.yml': 'models:\n  - id: a\n    prices: { input_mtok: 1 }\nmodels:\n  - id: b\n    prices: { input_mtok: 2 }\n' }), defaultSettings, { trusted: true });
      assert.deepEqual(team.priceBook?.models.map((m) => m.id), ['b']);
      assert.ok(team.diagnostics.some((d) => d.severity === 'warning' && /duplicate key "models" \(first on line 1\)/.test(d.message)));
    });

    it('"tokentier.__proto__": { "currency": "EUR" } in settings.json does not change the currency', () => {
      write(dir, '.vscode/settings.json', '{ "tokentier.__proto__": { "currency": "EUR", "profile": "high" } }');
      const s = loadCliSettings(dir);
      assert.equal(s.settings.currency, undefined, 'unset: the price book\'s currency, else USD');
      assert.equal(s.settings.profile, 'expected');
    });
  });

  describe('finding 10: Markdown reports render no link and no mention from model ids or paths', () => {
    const PAYLOADS = ['https://evil.example/x', 'www.evil.example', '@octocat', 'team @org/admins', 'a@b.co', 'see #1234', 'evil.com', '&#64;user', 'ftp://x.y'];

    it('markdown-it with linkify renders no <a> from the report or the diff; the text has no GitHub mention; nothing is lost', async function () {
      const md = linkifyRenderer();
      if (!md) this.skip();
      const report = await reportOf(PAYLOADS.map((p, i) => site(`src/${p.replace(/\//g, '_')}.py`, p, i)));
      const diff = diffReports(await reportOf([]), report);
      for (const [name, src] of [['report', formatMarkdown(report)], ['diff', formatDiffMarkdown(diff)]] as const) {
        const html = md!.render(src);
        assert.doesNotMatch(html, /<a /, `${name}: ${html.match(/<a [^>]*>[^<]*/)?.[0] ?? ''}`);
        const text = renderedText(html);
        assert.doesNotMatch(text, GITHUB_MENTION, `${name}: a mention: ${text.match(GITHUB_MENTION)?.[0] ?? ''}`);
        // Nothing lost: every payload is in the rendered text once the zero-width spaces are taken out.
        for (const p of PAYLOADS) assert.ok(text.replace(/\u200b/g, '').includes(p), `${name}: ${p} missing`);
      }
    });
  });

  describe('finding 11: no output line starts with `::` (a GitHub Actions workflow command)', () => {
    const NAMES = ['::error title=PWN::x.py', '  ::warning::y.py', 'a\n::error::z.py'];

    it('every report format and the diff, from in-memory estimates', async () => {
      const report = await reportOf(NAMES.map((n, i) => site(n, `::set-output name=x::${i}`, i)));
      const diff = diffReports(await reportOf([]), report);
      const outputs = { table: formatTable(report), csv: formatCsv(report), json: formatJson(report), jsonl: formatJsonl(report), markdown: formatMarkdown(report), sarif: formatSarif(report), diff: formatDiffMarkdown(diff) };
      for (const [name, text] of Object.entries(outputs)) assert.doesNotMatch(text, WORKFLOW_COMMAND, `${name}:\n${text.split('\n').find((l) => /^\s*::/.test(l)) ?? ''}`);
      // The data is still there: CSV quotes the field, the table shows `:\:`.
      assert.match(outputs.csv, /"::error title=PWN::x\.py"/);
      assert.match(outputs.table, /:\\:error title=PWN:\\:x\.py/);
    });

    it('the real CLI on a file named `::error title=PWN::x.py`: stdout and stderr in every format', async () => {
      write(dir, '::error title=PWN::x.py', CALL.replace('gpt-4o-mini', '::warning::m'));
      for (const format of ['table', 'csv', 'markdown', 'json', 'jsonl', 'sarif']) {
        const r = await runCli(['scan', '.', '--format', format, '--workers', '0'], dir);
        assert.equal(r.code, 0, r.err);
        assert.doesNotMatch(r.out, WORKFLOW_COMMAND, `${format} stdout`);
        assert.doesNotMatch(r.err, WORKFLOW_COMMAND, `${format} stderr`);
      }
    });
  });

  describe('finding 12: hovers carry no bidi or C0 control from a model id', () => {
    it('U+202E, U+2066 and BEL/ESC in a model id: none reaches the hover Markdown; they show as \\xNN or are dropped', async () => {
      const [e] = (await reportOf([site('a.py', 'gpt\u202e4o\u2066-mini\u0007\u001b[31m')])).sites;
      const md = hoverMarkdown({ estimate: e! });
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(md, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      assert.match(md, /gpt4o\\-mini\\\\x07\\\\x1b\\\[31m/);
    });
  });

  describe('finding 13: UTF-16 files, CR-only line ends, notebooks with large outputs', () => {
    const NB_CALL = ['from openai import OpenAI\n', 'client = OpenAI()\n', 'client.chat.completions.create(model="gpt-4o-mini", messages=[])\n'];
    const notebook = (outputBytes: number, code: string[] = NB_CALL) =>
      JSON.stringify({
        cells: [
          { cell_type: 'markdown', source: ['# title'] },
          // A PNG of `outputBytes` base64 characters, on one line as Jupyter writes it.
          { cell_type: 'code', source: ['print(1)\n'], outputs: [{ output_type: 'display_data', data: { 'image/png': 'iVBORw0KGgo'.padEnd(outputBytes, 'A') } }] },
          { cell_type: 'code', source: code, outputs: [] },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      });

    it('UTF-16 LE and BE with a BOM are decoded, not reported as binary; the call is on line 3', async () => {
      fs.writeFileSync(path.join(dir, 'le.py'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CALL, 'utf16le')]));
      const be = Buffer.from(CALL, 'utf16le').swap16();
      fs.writeFileSync(path.join(dir, 'be.py'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
      // With and without the ripgrep fast path (a UTF-16 file holds NUL bytes, so ripgrep lists it for reading).
      for (const args of [['--no-rg'], []]) {
        const r = await runCli(['scan', '.', '--format', 'json', '--workers', '0', ...args], dir);
        assert.equal(r.code, 0, r.err);
        const report = JSON.parse(r.out) as Report;
        assert.deepEqual(report.sites.map((x) => [x.site.file, x.site.line]).sort(), [['be.py', 3], ['le.py', 3]]);
        assert.ok(!report.diagnostics.some((d) => d.code === 'binary-file'), describeAll(report.diagnostics));
      }
    });

    it('CR-only line ends: each site on its own line (hand-counted: lines 3 and 5), not all on line 1', async () => {
      const text = ['from openai import OpenAI', 'client = OpenAI()', 'client.chat.completions.create(model="gpt-4o", messages=[])', '', 'client.chat.completions.create(model="gpt-4o-mini", messages=[])', ''].join('\r');
      write(dir, 'mac.py', text);
      const r = await scanJson(dir);
      assert.deepEqual(r.report!.sites.map((x) => [x.site.line, x.site.model.id]), [[3, 'gpt-4o'], [5, 'gpt-4o-mini']]);
    });

    it('a notebook with 5 MB of image output (over the 2 MB limit) is scanned: the limit applies to its code', async () => {
      write(dir, 'big.ipynb', notebook(5 * 1024 * 1024));
      assert.ok(fs.statSync(path.join(dir, 'big.ipynb')).size > 5 * 1024 * 1024);
      const r = await scanJson(dir);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(r.report!.sites.map((x) => [x.site.file, x.site.cell, x.site.line]), [['big.ipynb', 2, 3]]);
    });

    it('a notebook whose code cells are over the limit is skipped with file-too-large', async () => {
      const code = [...NB_CALL, ...Array.from({ length: 3000 }, (_, i) => `x${i} = ${'1 + '.repeat(10)}1\n`)];
      write(dir, 'code.ipynb', notebook(10, code));
      const r = await scanJson(dir, ['--max-file-size', '65536']);
      assert.equal(r.report!.sites.length, 0);
      assert.ok(r.report!.diagnostics.some((d) => d.code === 'file-too-large' && /code cells/.test(d.message)), describeAll(r.report!.diagnostics));
    });
  });

  describe('finding 14: --output keeps the mode, writes through a link, and cleans up after a killed run', () => {
    it('over a 0600 file: still 0600, new content', async () => {
      write(dir, 'app.py', CALL);
      write(dir, 'out.json', 'old');
      fs.chmodSync(path.join(dir, 'out.json'), 0o600);
      const r = await runCli(['scan', '.', '--format', 'json', '--output', 'out.json', '--workers', '0'], dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(fs.statSync(path.join(dir, 'out.json')).mode & 0o777, 0o600);
      assert.equal((JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')) as Report).sites.length, 1);
    });

    it('through a symbolic link: the link stays, its target gets the report', async () => {
      write(dir, 'app.py', CALL);
      write(outside, 'reports/latest.json', 'old');
      fs.symlinkSync(path.join(outside, 'reports', 'latest.json'), path.join(dir, 'out.json'));
      const r = await runCli(['scan', '.', '--format', 'json', '--output', 'out.json', '--workers', '0'], dir);
      assert.equal(r.code, 0, r.err);
      assert.ok(fs.lstatSync(path.join(dir, 'out.json')).isSymbolicLink(), 'the link was replaced by a file');
      assert.equal((JSON.parse(fs.readFileSync(path.join(outside, 'reports', 'latest.json'), 'utf8')) as Report).sites.length, 1);
    });

    it('a writer killed with SIGKILL mid-write leaves a temporary file; the next run removes it, not a live writer\'s', async () => {
      write(dir, 'app.py', CALL);
      // A process that created its temporary file the way writeFileAtomic names it, then hangs until killed.
      const child = spawn(process.execPath, ['-e', `require('fs').writeFileSync('.out.json.' + process.pid + '.1.ab.tmp', 'partial'); setInterval(() => {}, 1000); console.log('ready')`], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      const killedTemp = `.out.json.${child.pid}.1.ab.tmp`;
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const liveTemp = `.out.json.${process.ppid}.1.cd.tmp`;
      write(dir, liveTemp, 'another writer, still running');
      assert.ok(fs.existsSync(path.join(dir, killedTemp)));
      const r = await runCli(['scan', '.', '--format', 'json', '--output', 'out.json', '--workers', '0'], dir);
      assert.equal(r.code, 0, r.err);
      assert.ok(!fs.existsSync(path.join(dir, killedTemp)), 'the dead writer\'s temporary file is still there');
      assert.ok(fs.existsSync(path.join(dir, liveTemp)), 'a running writer\'s temporary file was removed');
    });
  });

  describe('finding 7: a tampered --cache entry is a miss with a diagnostic, never trusted', () => {
    async function cachedScan(cache: string): Promise<Report> {
      const r = await runCli(['scan', '.', '--format', 'json', '--cache', cache, '--workers', '0', '--no-rg'], dir);
      assert.equal(r.code, 0, r.err);
      return JSON.parse(r.out) as Report;
    }
    const tamper = (cache: string, f: (e: Record<string, unknown>) => void) => {
      const file = path.join(cache, 'tokentier-scan-cache.json');
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, Record<string, unknown>> };
      for (const e of Object.values(data.entries)) f(e);
      fs.writeFileSync(file, JSON.stringify(data));
    };

    for (const [what, f] of [
      ['estimates: "garbage"', (e: Record<string, unknown>) => (e['estimates'] = 'garbage')],
      ['an estimate without its cost', (e: Record<string, unknown>) => (e['estimates'] = (e['estimates'] as Record<string, unknown>[]).map(({ cost: _c, ...rest }) => rest))],
      ['deps: null', (e: Record<string, unknown>) => (e['deps'] = null)],
      ['diagnostics: [42]', (e: Record<string, unknown>) => (e['diagnostics'] = [42])],
    ] as const) {
      it(`${what}: the three sites are still reported, with cache-entry-invalid warnings`, async () => {
        for (const n of ['a', 'b', 'c']) write(dir, `${n}.py`, CALL);
        const cache = path.join(outside, 'cache');
        const first = await cachedScan(cache);
        assert.equal(first.sites.length, 3);
        tamper(cache, f);
        const second = await cachedScan(cache);
        assert.deepEqual(second.sites.map((x) => x.site.file), ['a.py', 'b.py', 'c.py']);
        assert.deepEqual(second.sites.map((x) => x.cost.perMonth?.expected), first.sites.map((x) => x.cost.perMonth?.expected));
        assert.equal(second.diagnostics.filter((d) => d.code === 'cache-entry-invalid').length, 3, describeAll(second.diagnostics));
        // The re-analysed entries replaced the bad ones: a third run is all hits, no warning.
        const third = await cachedScan(cache);
        assert.equal(third.sites.length, 3);
        assert.ok(!third.diagnostics.some((d) => d.code === 'cache-entry-invalid'));
      });
    }
  });

  describe('finding 6: "Set Model → Usage file entry" keeps every rule and comment of usage.yml', () => {
    const ENTRY = { match: { file: 'src/new.py', function: 'ask' }, model: 'gpt-4o' };
    /** Each layout with the site rules it holds (hand-written) and its comments. */
    const LAYOUTS: Record<string, { text: string; rules: number }> = {
      'the template': { text: '# Tokentier usage\ndefaults:\n  chat:\n    callsPerDay: 1000\nsites:\n', rules: 0 },
      'profiles: after sites:': { text: 'sites:\n  - match: { file: a.py }\n    callsPerDay: 5\nprofiles:\n  high: { callsMultiplier: 3 }\n', rules: 1 },
      'sites: []': { text: '# rules\ndefaults: { chat: { callsPerDay: 9 } }\nsites: []\n', rules: 0 },
      'a comment after sites:': { text: 'sites: # per-site rules\n  - match: { line: 3 }\n    callsPerDay: 4\n  - match: { function: f }\n    callsPerDay: 6\n', rules: 2 },
      'unindented items': { text: 'sites:\n- match: { file: a.py }\n  callsPerDay: 2\n- match: { file: b.py } # b\n  callsPerDay: 3\n', rules: 2 },
      'no sites key': { text: 'defaults:\n  chat: { callsPerDay: 10 }  # ten\n', rules: 0 },
      'comments only': { text: '# nothing yet\n', rules: 0 },
      'empty file': { text: '', rules: 0 },
    };

    for (const [name, { text, rules }] of Object.entries(LAYOUTS)) {
      it(`${name}: the old rules and the new one load; every comment is still there`, async () => {
        const out = addUsageSite(text, '.tokentier/usage.yml', ENTRY);
        assert.ok('text' in out, JSON.stringify(out));
        const before = await loadTeamConfig(memoryFiles({ '.tokentier/usage.yml': text }), defaultSettings, { trusted: true });
        const after = await loadTeamConfig(memoryFiles({ '.tokentier/usage.yml': out.text }), defaultSettings, { trusted: true });
        assert.deepEqual(after.diagnostics, [], `${out.text}\n${describeAll(after.diagnostics)}`);
        const strip = (r: { match: unknown; values: unknown; profiles: unknown }) => ({ match: r.match, values: r.values, profiles: r.profiles });
        assert.equal(after.usage!.sites.length, rules + 1, out.text);
        assert.deepEqual(after.usage!.sites.slice(0, rules).map(strip), (before.usage?.sites ?? []).map(strip));
        assert.deepEqual(strip(after.usage!.sites[rules]!), { match: ENTRY.match, values: { model: 'gpt-4o' }, profiles: {} });
        assert.deepEqual(after.usage!.defaults, before.usage?.defaults ?? {});
        assert.deepEqual(after.usage!.profiles, before.usage?.profiles ?? {});
        for (const comment of text.match(/#[^\n]*/g) ?? []) assert.ok(out.text.includes(comment), `lost ${comment}:\n${out.text}`);
      });
    }

    it('usage.json: the entry is appended with jsonc-parser, comments kept', async () => {
      const text = '{\n  // volumes\n  "sites": [\n    { "match": { "file": "a.py" }, "callsPerDay": 5 }\n  ]\n}\n';
      const out = addUsageSite(text, '.tokentier/usage.json', ENTRY);
      assert.ok('text' in out);
      assert.ok(out.text.includes('// volumes'));
      const after = await loadTeamConfig(memoryFiles({ '.tokentier/usage.json': out.text }), defaultSettings, { trusted: true });
      assert.deepEqual(after.usage!.sites.map((x) => x.match), [{ file: 'a.py' }, ENTRY.match]);
    });

    it('a file with a syntax error or a `sites` that is not a list is left alone, with a reason', () => {
      assert.match((addUsageSite('sites: [\n', '.tokentier/usage.yml', ENTRY) as { error: string }).error, /YAML errors/);
      assert.match((addUsageSite('sites: 5\n', '.tokentier/usage.yml', ENTRY) as { error: string }).error, /not a list/);
      assert.match((addUsageSite('{"sites": 5}', '.tokentier/usage.json', ENTRY) as { error: string }).error, /not a list/);
    });
  });

  describe('finding 16: no code is generated at run time (what SECURITY.md says about eval)', function () {
    this.timeout(60_000);
    const REPO = path.join(__dirname, '..', '..');
    /** Counts every `Function` construction/call and every `eval` from the moment it is loaded, printed at exit. */
    const PRELOAD = [
      'const counts = { Function: 0, eval: 0 };',
      'const F = Function;',
      'globalThis.Function = new Proxy(F, { construct(t, a) { counts.Function++; return Reflect.construct(t, a); }, apply(t, th, a) { counts.Function++; return Reflect.apply(t, th, a); } });',
      'const e = globalThis.eval;',
      'globalThis.eval = (s) => { counts.eval++; return e(s); };',
      "process.on('exit', () => process.stderr.write('CODEGEN ' + JSON.stringify(counts) + '\\n'));",
    ].join('\n');

    function counted(args: string[]): { Function: number; eval: number; status: number | null; out: string } {
      const preload = path.join(dir, 'preload.cjs');
      fs.writeFileSync(preload, PRELOAD);
      const r = spawnSync(process.execPath, ['--require', preload, ...args], { cwd: REPO, encoding: 'utf8', timeout: 50_000 });
      const m = /CODEGEN (\{.*\})/.exec(r.stderr);
      assert.ok(m, r.stderr);
      return { ...(JSON.parse(m[1]!) as { Function: number; eval: number }), status: r.status, out: r.stdout };
    }

    it('a whole CLI scan of the demo (settings, team files, grammars, estimates, report) from source: 0 Function, 0 eval', () => {
      const script = path.join(dir, 'scan.cjs');
      const runTs = path.join(REPO, 'src', 'cli', 'run.ts');
      fs.writeFileSync(script, `const { run } = require(${JSON.stringify(runTs)}); const out = { write: (t) => process.stdout.write(t) };\nrun(['scan', ${JSON.stringify(path.join(REPO, 'examples', 'demo'))}, '--format', 'json', '--workers', '0'], { stdout: out, stderr: { write: () => true }, cwd: ${JSON.stringify(REPO)}, assetDir: ${JSON.stringify(path.join(REPO, 'src', 'cli'))} }).then((c) => { process.exitCode = c; });`);
      const r = counted(['--require', 'tsx/cjs', script]);
      assert.equal(r.status, 0);
      assert.ok((JSON.parse(r.out) as Report).sites.length > 0, 'the grammars were loaded and used');
      assert.deepEqual({ Function: r.Function, eval: r.eval }, { Function: 0, eval: 0 });
    });

    it('the built dist/cli.js (when built): 0 Function, 0 eval', function () {
      if (!fs.existsSync(path.join(REPO, 'dist', 'cli.js'))) this.skip();
      const r = counted([path.join(REPO, 'dist', 'cli.js'), 'scan', 'examples/demo', '--format', 'json', '--workers', '0']);
      assert.equal(r.status, 0);
      assert.ok((JSON.parse(r.out) as Report).sites.length > 0);
      assert.deepEqual({ Function: r.Function, eval: r.eval }, { Function: 0, eval: 0 });
    });
  });
});
