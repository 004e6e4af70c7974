/**
 * The `tokentier` command line: `scan`, `diff`, `tiers`. `run` is the whole program minus process wiring,
 * so tests call it in-process; `main.ts` hands it the real argv and streams.
 * Exit codes: 0 pass, 1 budget/policy failure, 2 usage or input error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { version as packageVersion } from '../../package.json';
import type { Settings } from '../core/config/settings';
import type { TeamConfig } from '../core/estimate/estimator';
import { loadTeamConfig } from '../core/teamFiles/loadTeamConfig';
import type { Engine } from '../core/engine';
import { currencyPlan } from '../core/estimate/currency';
import type { FileProvider } from '../core/fileProvider';
import type { Logger } from '../core/logger';
import { withDiagnostics, withIncludeTests } from '../core/report/build';
import { diffReports, formatDiffMarkdown, isUncountedTest, type ReportDiff } from '../core/report/diff';
import { formatCsv, formatJsonChunks, formatJsonl, formatMarkdown, formatTable, layoutTable, testsNote } from '../core/report/format';
import { evaluatePolicy, type PolicyFlags, type PolicyResult } from '../core/report/policy';
import { formatHtml } from '../core/report/html';
import { formatSarif } from '../core/report/sarif';
import { pricedModel } from '../core/report/totals';
import { escapeTerminal, formatMoney, formatMoneyDelta } from '../core/report/text';
import { scanWorkspace, type AnalyzeInput, type ScanOptions } from '../core/scan/scanner';
import { REPORT_SCHEMA_VERSION, type Diagnostic, type Report } from '../core/types';
import { createGitFileProvider, gitLocation, resolveCommit } from '../node/gitFiles';
import { createNodeFileProvider, isInsideReal, type NodeFileProvider } from '../node/nodeFiles';
import { createProgress, writeFileOrFail, type Out } from './output';
import { workspaceLabel } from '../core/tiers/present';
import type { RateFactor } from '../core/pricing/calc';
import { checkConfiguration, configLine } from './checks';
import { formatTiersTable } from './tiers';
import { findRipgrep, ripgrepSkips } from '../node/ripgrepSkipList';
import { configKey, ScanCache, trackDeps, trackingProvider } from '../node/scanCache';
import { defaultWorkerCount, isScanWorker, ScanWorkerPool, serveScanWorker, type WorkerSetup } from '../node/scanThreads';
import { loadCliSettings, type SettingOverrides } from './workspaceConfig';
import { UsageError } from './usageError';
import { cmdReconcile } from './reconcile';
import { engineBundle, LazyScanEngine } from './lazyEngine';
import { mergeCommand } from './merge';

/** The CLI's version (package.json). */
export const CLI_VERSION: string = packageVersion;

export interface CliIo {
  readonly stdout: Out;
  readonly stderr: Out;
  readonly cwd: string;
  /** Folder holding `grammars/` (next to dist/cli.js); defaults to this module's folder. */
  readonly assetDir?: string;
}


const FORMATS = ['table', 'json', 'jsonl', 'markdown', 'csv', 'sarif', 'html'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `Usage: tokentier <command> [options]

Commands:
  scan [paths...]          Find LLM API calls and estimate their cost
  diff --base <ref|file>   Compare costs with a git ref or a saved report.json
  tiers [paths...]         Compare hosted API, GPU rental, on-prem and edge for the scanned workload
  merge REPORT.json...      Merge the JSON reports of many repositories into one (totals, one row per repository);
                           NAME=REPORT.json names a repository (default: its report's root folder name)
  reconcile --usage FILE [paths...]
                           Compare the estimates with billed usage (OpenAI, Anthropic, AWS Bedrock exports)
                           per model and day; --write updates .tokentier/usage.* to match

Options:
  --root DIR               Scan root (default: the single folder given, else the current folder)
  --format FMT             table | json | jsonl | markdown | csv | sarif | html (diff: table | json | markdown;
                           reconcile: table | json | markdown | html; merge: no sarif)
  --output FILE            Write to FILE (atomically) instead of stdout
  --profile NAME           Usage profile from .tokentier/usage.* (e.g. low, expected, high)
  --currency CODE          ISO 4217 currency for every figure (default: the price book's, else USD)
  --exchange-rate RATE     Units of --currency per 1 USD, when the price book gives no rate for it
  --exchange-rate-source TEXT  Where and when that rate was read (shown with every converted figure)
  --price-book PATH        Price book (JSON/YAML), merged over .tokentier/prices.*
  --include GLOB           Only scan matching files (repeatable)
  --exclude GLOB           Skip matching files and folders (repeatable)
  --max-file-size BYTES    Skip larger files (default 2097152)
  --no-gitignore           Do not apply .gitignore files
  --no-default-excludes    Also scan node_modules, virtual environments and build output
  --follow-symlinks        Follow symbolic links that lead out of the scan root (default: skip and report them)
  --include-tests          Count call sites in test code and fixtures (tests/, test_*.py, *.test.ts,
                           __testfixtures__/, …) in totals and budget gates; they are always listed
  --workers N              Worker threads for parsing, besides the main thread (default: cores - 2, up to 3)
  --no-rg                  Do not use ripgrep (rg on PATH, or TOKENTIER_RG) to skip files quickly
  --exhaustive             Parse every file that mentions an SDK word, even with no import or endpoint
                           that could make a call (slower; the same sites; for checking)
  --cache DIR              Reuse per-file results from earlier scans (keyed by content, imports and settings)
  --fail-on-total-above N  Exit 1 when the expected monthly total is above N (in the report's currency)
  --fail-on-increase-above P  diff: exit 1 when the monthly total grows more than P percent
  --fail-on-deprecated     Exit 1 when a call uses a model its provider has deprecated or retired
                           (the \`deprecated\` rule; set its severity and withinDays in .tokentier/policy.*)
  --head FILE              diff: compare against this report.json instead of scanning
  --self-host-model ID     tiers: open-weight model for self-hosted tiers (default: suggested from the API model)
  --users N                tiers: users for the edge tier, each running the model on their own device
                           (default: setting tokentier.tiers.users; unset: edge is not sized)
  --usage FILE             reconcile: a usage or cost export (repeatable; .gz is unpacked)
  --write                  reconcile: write the proposed entries into .tokentier/usage.* (comments kept)
  --fail-on-error-above P  reconcile: exit 1 when a model's estimate is off by more than P percent
  --strict                 Exit 2 on any problem in the settings or team files (they are always printed)
  --quiet                  No progress or summary on stderr (configuration problems are still printed)
  --verbose                Log engine messages to stderr
  --version, --help

Exit codes: 0 pass, 1 budget or policy failure, 2 usage or input error (also: a currency with no exchange
rate, an unknown profile, a broken or unreadable policy, and with --strict any team-file or settings problem).
`;

const OPTIONS = {
  root: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  profile: { type: 'string' },
  currency: { type: 'string' },
  'exchange-rate': { type: 'string' },
  'exchange-rate-source': { type: 'string' },
  strict: { type: 'boolean' },
  'price-book': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
  'no-gitignore': { type: 'boolean' },
  'no-default-excludes': { type: 'boolean' },
  'include-tests': { type: 'boolean' },
  'follow-symlinks': { type: 'boolean' },
  workers: { type: 'string' },
  'no-rg': { type: 'boolean' },
  exhaustive: { type: 'boolean' },
  cache: { type: 'string' },
  'fail-on-total-above': { type: 'string' },
  'fail-on-increase-above': { type: 'string' },
  'fail-on-deprecated': { type: 'boolean' },
  base: { type: 'string' },
  head: { type: 'string' },
  'self-host-model': { type: 'string' },
  users: { type: 'string' },
  usage: { type: 'string', multiple: true },
  write: { type: 'boolean' },
  'fail-on-error-above': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function numberFlag(values: Values, name: 'max-file-size' | 'fail-on-total-above' | 'fail-on-increase-above' | 'exchange-rate'): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} needs a non-negative number, got "${raw}".`);
  return n;
}

function stderrLogger(err: Out): Logger {
  const w = (level: string) => (m: string | Error) => err.write(`[${level}] ${escapeTerminal(m instanceof Error ? m.stack ?? m.message : m)}\n`);
  return { trace: () => undefined, debug: () => undefined, info: w('info'), warn: w('warn'), error: w('error') };
}

function wasmLoader(assetDir: string): (name: string) => Promise<Uint8Array> {
  return async (name: string) => {
    if (!/^[\w.-]+\.wasm$/.test(name)) throw new Error(`bad wasm name ${name}`);
    const candidates = [
      path.join(assetDir, 'grammars', name),
      path.join(assetDir, '..', '..', 'dist', 'grammars', name),
      path.join(assetDir, '..', '..', 'node_modules', 'web-tree-sitter', name),
      path.join(assetDir, '..', '..', 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm', name),
    ];
    for (const c of candidates) {
      try {
        return new Uint8Array(await fs.promises.readFile(c));
      } catch {
        // Try the next location.
      }
    }
    throw new Error(`${name} not found next to the CLI (looked in ${candidates[0]})`);
  };
}

interface ScanSetup {
  readonly root: string;
  readonly paths: string[];
  readonly settings: Settings;
  /** `.tokentier/*` price book, usage file and policy, read by the same loader as the extension's. */
  readonly team: TeamConfig;
  readonly diagnostics: Diagnostic[];
  readonly values: Values;
  /** The setting overrides from the flags (worker threads rebuild the same settings from them). */
  readonly overrides: SettingOverrides;
  /** `--follow-symlinks`. */
  readonly followSymlinks: boolean;
  /** The factor from the policy file's amounts to the report currency, when they differ. */
  readonly policyRate?: RateFactor;
}

async function setup(values: Values, positionals: readonly string[], io: CliIo): Promise<ScanSetup> {
  let root = values.root !== undefined ? path.resolve(io.cwd, values.root) : undefined;
  let paths = [...positionals];
  if (!root) {
    // One folder given: it is the root, so report paths are relative to it (what a user running `scan examples/demo` expects).
    const only = paths.length === 1 ? path.resolve(io.cwd, paths[0] as string) : undefined;
    if (only && fs.existsSync(only) && fs.statSync(only).isDirectory()) {
      root = only;
      paths = [];
    } else {
      root = path.resolve(io.cwd);
    }
  }
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`The scan root ${root} is not a folder.`);
  paths = paths.map((p) => {
    const abs = path.resolve(io.cwd, p);
    const rel = path.relative(root, abs);
    // Existence first: a path that is not there is "does not exist" wherever it points.
    if (!fs.existsSync(abs)) throw new UsageError(`${p} does not exist.`);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`${p} is outside the scan root ${root}.`);
    return rel.split(path.sep).join('/');
  });
  // The priceBook setting is relative to the workspace folder; the flag is relative to where the user typed it.
  let priceBook: string | undefined;
  const followSymlinks = values['follow-symlinks'] === true;
  if (values['price-book'] !== undefined) {
    const abs = path.resolve(io.cwd, values['price-book']);
    const rel = path.relative(root, abs);
    if (!fs.existsSync(abs)) throw new UsageError(`--price-book ${values['price-book']} does not exist.`);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`--price-book must be inside the scan root ${root}.`);
    // Inside by name is not enough: a symbolic link may lead out of the root (issue 17).
    if (!followSymlinks && !isInsideReal(fs.realpathSync.native(root), fs.realpathSync.native(abs))) throw new UsageError(`--price-book ${values['price-book']} is a symbolic link that leads out of the scan root ${root} (pass --follow-symlinks to allow it).`);
    priceBook = rel.split(path.sep).join('/');
  }
  const maxFileSize = numberFlag(values, 'max-file-size');
  const rate = numberFlag(values, 'exchange-rate');
  if (rate === 0) throw new UsageError('--exchange-rate needs a positive number (units of --currency per 1 USD).');
  const overrides: SettingOverrides = {
    ...(values.currency !== undefined ? { currency: values.currency } : {}),
    ...(rate !== undefined ? { exchangeRate: rate } : {}),
    ...(values['exchange-rate-source'] !== undefined ? { exchangeRateSource: values['exchange-rate-source'] } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(priceBook !== undefined ? { priceBook } : {}),
    ...(maxFileSize !== undefined ? { maxFileSize: Math.max(1024, Math.floor(maxFileSize)) } : {}),
    ...(values['include-tests'] ? { includeTests: true } : {}),
  };
  const { settings, diagnostics } = loadCliSettings(root, overrides, { followSymlinks });
  if (values.currency !== undefined && settings.currency !== values.currency.toUpperCase()) throw new UsageError(`--currency must be an ISO 4217 code such as USD or EUR, got "${values.currency}".`);
  // Trusted: the user ran the tool on this folder, as with `git` or `npm`.
  const teamFiles = createNodeFileProvider(root, { followSymlinks });
  const team = await loadTeamConfig(teamFiles, settings, { trusted: true });
  // Every problem in the settings and team files is printed, whatever the format (issue #19 item 8); the ones that
  // would make a figure or a gate wrong stop the run (a currency without a rate, an unknown profile, a broken or
  // unreadable policy; with --strict, every one).
  const settingsProblems = [...diagnostics, ...teamFiles.diagnostics];
  const check = checkConfiguration(settings, team, settingsProblems, values.strict === true);
  const lines = [...settingsProblems, ...team.diagnostics].filter((d) => d.severity !== 'info').map(configLine);
  for (const line of new Set([...lines, ...check.fatal.map((f) => f.replace(/ \(--strict\)$/, ''))])) io.stderr.write(`${line}\n`);
  if (check.fatal.length) throw new UsageError(`stopped: ${check.fatal.length} configuration problem(s) above${values.strict ? ' (--strict)' : ''} would make the figures or the budget gates wrong.`);
  return { root, paths, settings, team, diagnostics: [...diagnostics, ...teamFiles.diagnostics, ...team.diagnostics], values, overrides, followSymlinks, ...(check.policyRate ? { policyRate: check.policyRate } : {}) };
}

/**
 * The scan's engine, created on first use (src/cli/lazyEngine.ts): a cached re-scan that finds nothing changed never
 * loads the engine bundle.
 */
function makeEngine(s: ScanSetup, files: FileProvider, io: CliIo): LazyScanEngine {
  return new LazyScanEngine(() => realEngine(s, files, io), s.settings, currencyPlan(s.settings, s.team.priceBook).code);
}

function realEngine(s: ScanSetup, files: FileProvider, io: CliIo): Engine {
  // Reads made during an analysis are recorded for the result cache (scanCache.ts); elsewhere this is a pass-through.
  const engine = engineBundle(io.assetDir ?? __dirname).createEngine({ files: trackingProvider(files), loadWasm: wasmLoader(io.assetDir ?? __dirname), retain: false, ...(s.values.exhaustive ? { exhaustive: true } : {}), ...(s.values.verbose ? { logger: stderrLogger(io.stderr) } : {}) });
  engine.configure({ settings: s.settings, trusted: true, team: s.team });
  return engine;
}

/** Builds a worker thread's engine exactly as the main thread's (same settings file, flags and team files). */
async function workerEngine(w: WorkerSetup<SettingOverrides>): Promise<Engine> {
  const { settings } = loadCliSettings(w.root, w.overrides, { followSymlinks: w.followSymlinks });
  const files = createNodeFileProvider(w.root, { followSymlinks: w.followSymlinks, ...(w.listed ? { listed: w.listed } : {}) });
  const team = await loadTeamConfig(files, settings, { trusted: true });
  const engine = engineBundle(w.assetDir).createEngine({ files: trackingProvider(files), loadWasm: wasmLoader(w.assetDir), retain: false, ...(w.exhaustive ? { exhaustive: true } : {}), ...(w.verbose ? { logger: stderrLogger(process.stderr) } : {}) });
  engine.configure({ settings, trusted: true, team });
  return engine;
}

/**
 * The fast paths of a scan over the local file system (issue 9): ripgrep lists the files worth reading, worker
 * threads parse. Both leave the report unchanged (test/unit/scanPaths.test.ts); `--no-rg` and `--workers 0` turn
 * them off. Returns the scan options to add and a cleanup.
 */
function fastPaths(s: ScanSetup, files: NodeFileProvider, io: CliIo, engine: LazyScanEngine): { options: Pick<ScanOptions, 'skipFiles' | 'analyze' | 'memo'>; close: () => Promise<void>; diagnostics: readonly Diagnostic[] } {
  const options: { skipFiles?: ScanOptions['skipFiles']; analyze?: ScanOptions['analyze']; memo?: ScanOptions['memo'] } = {};
  const cached = s.values.cache !== undefined;
  const rg = s.values['no-rg'] ? undefined : findRipgrep();
  // With the cache, only the changed files are left to read: a few are read sooner than ripgrep starts.
  if (rg) options.skipFiles = async (paths, token) => (cached && paths.length < 200 ? undefined : ripgrepSkips(rg, files.root, paths, engineBundle(io.assetDir ?? __dirname).PREFILTER_PATTERN, token));
  const entry = __filename;
  const raw = s.values.workers;
  let count = defaultWorkerCount(entry);
  if (raw !== undefined) {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--workers needs a whole number from 0 to 64, got "${raw}".`);
    // Outside the bundle (tests under tsx) there is no worker entry: run in-process.
    count = entry.endsWith('.js') ? n : 0;
  }
  const here = (input: AnalyzeInput) => trackDeps(() => engine.real.analyzeDocument(input));
  let pool: ScanWorkerPool | undefined;
  if (count > 0) {
    const setup = { root: files.root, assetDir: io.assetDir ?? __dirname, overrides: s.overrides, verbose: s.values.verbose === true, exhaustive: s.values.exhaustive === true, followSymlinks: s.followSymlinks };
    // Workers start at the first file to analyse, after the walk: they get its listings.
    const p = new ScanWorkerPool(entry, count, () => ({ ...setup, listed: files.listed() }), here);
    pool = p;
    options.analyze = (input) => p.analyze(input);
  }
  let cache: ScanCache | undefined;
  if (s.values.cache !== undefined) {
    const config = configKey([CLI_VERSION, engineBuild(io.assetDir ?? __dirname), files.root, s.settings, s.team, s.overrides, s.values.exhaustive === true, s.followSymlinks, new Date().toISOString().slice(0, 10)]);
    cache = new ScanCache(path.resolve(io.cwd, s.values.cache), files.root, config, files, s.paths.length > 0);
    options.memo = cache;
    options.analyze = cache.wrap(pool ? (input) => (pool as ScanWorkerPool).analyze(input) : here);
    // Token counts of earlier runs go into this thread's engine when it is made (worker threads count their own).
    const held = cache;
    engine.onCreate = () => {
      const bundle = engineBundle(io.assetDir ?? __dirname);
      for (const [enc, counts] of held.tokenCounts()) if (enc === 'o200k_base' || enc === 'cl100k_base') bundle.seedTokenCounts(enc, counts);
    };
  }
  return {
    options,
    diagnostics: cache?.diagnostics ?? [],
    close: async () => {
      await pool?.close();
      // The counts this thread's engine made (never loads the bundle for it).
      if (cache && engine.created) cache.keepTokenCounts(engineBundle(io.assetDir ?? __dirname).takeTokenCounts());
      if (cache && !cache.save()) io.stderr.write(`tokentier: could not write the cache in ${s.values.cache ?? ''}\n`);
      if (cache && s.values.verbose) io.stderr.write(`[info] cache: ${cache.hits} file(s) reused, ${cache.misses} analysed\n`);
    },
  };
}

/**
 * The engine bundle's build (size and mtime of dist/engine.js), for the cache key: a rebuilt engine may find other
 * sites under the same version number. Empty from source (tests).
 */
function engineBuild(assetDir: string): string {
  if (!__filename.endsWith('.js')) return '';
  try {
    const st = fs.statSync(path.join(assetDir, 'engine.js'));
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}

async function scanWith(s: ScanSetup, files: FileProvider, io: CliIo, label: string, showProgress: boolean, local?: NodeFileProvider): Promise<Report> {
  const engine = makeEngine(s, files, io);
  const progress = createProgress(io.stderr, showProgress && !s.values.quiet);
  const fast = local ? fastPaths(s, local, io, engine) : undefined;
  const report = await scanWorkspace(engine, files, {
    ...fast?.options,
    paths: s.paths,
    ...(s.values.include ? { include: [...s.settings.include, ...s.values.include] } : {}),
    ...(s.values.exclude ? { exclude: [...s.settings.exclude, ...s.values.exclude] } : {}),
    gitignore: !s.values['no-gitignore'],
    defaultExcludes: !s.values['no-default-excludes'],
    maxFileBytes: s.settings.maxFileSize,
    rootLabel: label,
    toolVersion: CLI_VERSION,
    onProgress: (d, t) => progress.update(d, t),
  }).finally(() => fast?.close());
  progress.done();
  return fast ? withDiagnostics(report, fast.diagnostics) : report;
}

/** Writes the output: to `--output` atomically, else to stdout. Pieces (a large JSON report) are never joined whole. */
function emit(text: string | Iterable<string>, values: Values, io: CliIo): void {
  if (values.output) writeFileOrFail(path.resolve(io.cwd, values.output), values.output, text);
  else if (typeof text === 'string') io.stdout.write(text);
  else {
    // Pieces are joined up to 64 KiB per write: one write per site costs more than the report's text.
    let buffered = '';
    for (const piece of text) {
      buffered += piece;
      if (buffered.length >= WRITE_CHUNK) {
        io.stdout.write(buffered);
        buffered = '';
      }
    }
    if (buffered) io.stdout.write(buffered);
  }
}
const WRITE_CHUNK = 64 * 1024;

function formatOf(values: Values, allowed: readonly string[], fallback: Format): Format {
  const f = values.format ?? fallback;
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')}, got "${f}".`);
  return f as Format;
}

function policyFor(s: ScanSetup, extra: PolicyFlags = {}): (r: Report) => PolicyResult {
  const total = numberFlag(s.values, 'fail-on-total-above');
  const increase = numberFlag(s.values, 'fail-on-increase-above');
  const flags: PolicyFlags = { ...extra, ...(total !== undefined ? { failOnTotalAbove: total } : {}), ...(increase !== undefined ? { failOnIncreaseAbove: increase } : {}), ...(s.values['fail-on-deprecated'] ? { failOnDeprecated: true } : {}), ...(s.policyRate ? { policyRate: s.policyRate } : {}) };
  return (r) => evaluatePolicy(r, s.team.policy, flags);
}

function reportPolicy(result: PolicyResult, io: CliIo): number {
  for (const v of result.violations) io.stderr.write(`${v.severity === 'error' ? 'FAIL' : 'warn'}: ${escapeTerminal(v.message)}\n`);
  return result.passed ? 0 : 1;
}

function summaryLine(report: Report): string {
  const t = report.totals.workspace;
  const tests = testsNote(report);
  return `tokentier: ${t.sites} site(s), ${formatMoney(t.perMonth.expected, report.currency)}/month expected${t.unpriced ? `, ${t.unpriced} unpriced` : ''}${tests ? `; ${tests}` : ''}; ${report.stats.filesScanned} files in ${report.stats.ms} ms.\n`;
}

async function cmdScan(values: Values, positionals: readonly string[], io: CliIo): Promise<number> {
  const format = formatOf(values, FORMATS, 'table');
  const s = await setup(values, positionals, io);
  const policy = policyFor(s);
  const nodeFiles = createNodeFileProvider(s.root, { followSymlinks: s.followSymlinks });
  let report = await scanWith(s, nodeFiles, io, s.root, true, nodeFiles);
  report = withDiagnostics(report, [...s.diagnostics, ...nodeFiles.diagnostics]);
  const result = policy(report);
  const text = format === 'json' ? formatJsonChunks(report)
    : format === 'jsonl' ? formatJsonl(report)
    : format === 'csv' ? formatCsv(report)
    : format === 'markdown' ? formatMarkdown(report)
    : format === 'sarif' ? formatSarif(report, result)
    : format === 'html' ? formatHtml(report)
    : formatTable(report);
  emit(text, values, io);
  if (!values.quiet && (values.output || format !== 'table')) io.stderr.write(escapeTerminal(summaryLine(report).trimEnd()) + '\n');
  return reportPolicy(result, io);
}

function readReportFile(file: string): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`Could not read the report ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = raw as Partial<Report> | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.sites) || !r.totals || typeof r.schemaVersion !== 'string') {
    throw new UsageError(`${file} is not a Tokentier report (run \`tokentier scan --format json\` to make one).`);
  }
  if (r.schemaVersion.split('.')[0] !== REPORT_SCHEMA_VERSION.split('.')[0]) {
    throw new UsageError(`${file} has report schema ${r.schemaVersion}; this Tokentier reads ${REPORT_SCHEMA_VERSION.split('.')[0]}.x.`);
  }
  return r as Report;
}

function formatDiffTable(d: ReportDiff): string {
  const c = d.currency;
  const rows = d.sites.filter((x) => x.status !== 'unchanged' && !isUncountedTest(x, d.includeTests)).map((x) => {
    const e = x.head ?? x.base;
    return [x.status, e ? `${e.site.file}:${e.site.line}` : '', e ? pricedModel(e) : '', x.changes.join(', '), formatMoneyDelta(x.deltaPerMonth, c)];
  });
  const pct = d.deltaPercent === null ? '' : ` (${d.deltaPercent >= 0 ? '+' : ''}${d.deltaPercent.toFixed(1)} %)`;
  const body = rows.length ? layoutTable(['Status', 'Site', 'Model', 'Changes', 'Δ/month'], rows, [4]) : d.uncountedTests ? 'No counted call site changed.' : 'No call site changed.';
  const tests = d.uncountedTests ? ` ${d.uncountedTests} test-code site(s) new, changed or removed, not counted (--include-tests counts them).` : '';
  const note = d.includeTestsNote ? `\nNote: ${escapeTerminal(d.includeTestsNote)}.` : '';
  return `${body}\n\nMonthly total: ${formatMoney(d.baseTotalPerMonth, c)} → ${formatMoney(d.headTotalPerMonth, c)} (${formatMoneyDelta(d.deltaPerMonth, c)}${pct}); ${d.counts.new} new, ${d.counts.changed} changed, ${d.counts.removed} removed, ${d.counts.unchanged} unchanged.${tests}${note}\n`;
}

async function cmdDiff(values: Values, positionals: readonly string[], io: CliIo): Promise<number> {
  const format = formatOf(values, ['table', 'json', 'markdown'], 'table');
  if (!values.base) throw new UsageError('diff needs --base <git-ref|report.json>.');
  const s = await setup(values, positionals, io);
  let head: Report;
  // A saved head report counts test code as this run's settings say (--include-tests, tokentier.includeTests).
  if (values.head) head = withIncludeTests(readReportFile(path.resolve(io.cwd, values.head)), s.settings.includeTests);
  else {
    const nodeFiles = createNodeFileProvider(s.root, { followSymlinks: s.followSymlinks });
    head = withDiagnostics(await scanWith(s, nodeFiles, io, s.root, true, nodeFiles), nodeFiles.diagnostics);
  }
  let base: Report;
  const baseFile = path.resolve(io.cwd, values.base);
  if (values.base.endsWith('.json') && fs.existsSync(baseFile)) {
    base = readReportFile(baseFile);
  } else {
    const loc = await gitLocation(s.root);
    if (!loc) throw new UsageError(`--base ${values.base}: not a report file, and ${s.root} is not in a git repository.`);
    const commit = await resolveCommit(s.root, values.base);
    if (!commit) throw new UsageError(`--base ${values.base}: no such file or git revision.`);
    // The baseline is analysed with today's settings, so the diff shows what the code change did.
    const gitFiles = createGitFileProvider(loc.top, commit, loc.prefix);
    try {
      base = await scanWith(s, gitFiles, io, `${values.base}:${loc.prefix}`, false);
    } finally {
      gitFiles.close();
    }
  }
  const d = diffReports(base, head);
  if (d.currencyMismatch) throw new UsageError(`Cannot compare: ${d.currencyMismatch}.`);
  const result = policyFor(s, { baselineTotalPerMonth: d.baseTotalPerMonth })(head);
  const text = format === 'json' ? `${JSON.stringify(jsonDiff(d), null, 2)}\n` : format === 'markdown' ? formatDiffMarkdown(d) : formatDiffTable(d);
  emit(text, values, io);
  return reportPolicy(result, io);
}

/** The diff as JSON: sites reduced to identity + cost, so the output stays small. */
function jsonDiff(d: ReportDiff): unknown {
  const brief = (e: Report['sites'][number] | undefined) => e && { id: e.site.id, file: e.site.file, line: e.site.line, method: e.site.method, model: pricedModel(e), maxTokens: e.site.params.maxTokens ?? null, inputTokens: e.tokens.input.expected, perMonth: e.cost.perMonth?.expected ?? null, ignored: e.site.ignored === true, test: e.site.test === true };
  return { ...d, sites: d.sites.map((x) => ({ status: x.status, changes: x.changes, deltaPerMonth: x.deltaPerMonth, unknown: x.unknown, base: brief(x.base) ?? null, head: brief(x.head) ?? null })) };
}

async function cmdTiers(values: Values, positionals: readonly string[], io: CliIo): Promise<number> {
  const format = formatOf(values, ['table', 'json'], 'table');
  const s = await setup(values, positionals, io);
  const nodeFiles = createNodeFileProvider(s.root, { followSymlinks: s.followSymlinks });
  const report = await scanWith(s, nodeFiles, io, s.root, true, nodeFiles);
  const chosen = values['self-host-model'];
  const { buildWorkload, compareTiers, getSelfHostModel, listSelfHostModels } = engineBundle(io.assetDir ?? __dirname);
  if (chosen !== undefined && !getSelfHostModel(chosen)) throw new UsageError(`--self-host-model ${chosen} is not an open-weight model Tokentier can size; valid: ${listSelfHostModels().map((m) => m.id).join(', ')}.`);
  const agg = buildWorkload(report.sites, { label: workspaceLabel(path.basename(s.root)), includeTests: report.includeTests, ...(chosen !== undefined ? { selfHostModelId: chosen } : {}) });
  if (!agg.workload) throw new UsageError('No LLM call site found, so there is no workload to place on tiers (see `tokentier scan`).');
  if (!agg.workload.api) throw new UsageError(`No priced call site found, so there is no workload to place on tiers (see \`tokentier scan\`). ${agg.messages.join(' ')}`);
  const rawUsers = values.users;
  const users = rawUsers !== undefined ? Number(rawUsers) : s.settings['tiers.users'];
  if (rawUsers !== undefined && (rawUsers.trim() === '' || !Number.isInteger(users) || (users as number) < 1)) throw new UsageError(`--users needs a whole number of users (1 or more), got "${rawUsers}".`);
  const workload = users !== undefined ? { ...agg.workload, edgeUsers: users } : agg.workload;
  const comparison = compareTiers(workload, { electricityUsdPerKWh: s.settings['tiers.electricityPricePerKWh'], gridKgCo2PerKWh: s.settings['tiers.gridIntensity'] });
  const json = { ...comparison, workloadNotes: agg.notes, messages: agg.messages };
  emit(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : formatTiersTable(comparison, agg), values, io);
  return 0;
}

/** `reconcile`: the scan of `scan`, handed to src/cli/reconcile.ts with where its output goes. */
async function reconcileCommand(values: Values, positionals: readonly string[], io: CliIo): Promise<number> {
  return cmdReconcile(values, {
    reconcile: (request) => engineBundle(io.assetDir ?? __dirname).reconcile(request),
    scan: async () => {
      const s = await setup(values, positionals, io);
      const nodeFiles = createNodeFileProvider(s.root);
      const report = withDiagnostics(await scanWith(s, nodeFiles, io, s.root, true, nodeFiles), [...s.diagnostics, ...nodeFiles.diagnostics]);
      return { report, root: s.root, settings: s.settings, team: s.team, files: nodeFiles };
    },
    emit: (text) => emit(text, values, io),
    stderr: io.stderr,
    cwd: io.cwd,
  });
}

/** Runs the CLI with `argv` (without `node` and the script). Resolves to the exit code; never rejects. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (isScanWorker(argv)) {
    await serveScanWorker(workerEngine);
    return 0;
  }
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr.write(`tokentier: ${escapeTerminal(e instanceof Error ? e.message : String(e))}\nRun \`tokentier --help\` for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout.write(`${CLI_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'scan':
        return await cmdScan(values, rest, io);
      case 'diff':
        return await cmdDiff(values, rest, io);
      case 'tiers':
        return await cmdTiers(values, rest, io);
      case 'reconcile':
        return await reconcileCommand(values, rest, io);
      case 'merge': {
        const { text, report } = mergeCommand(rest, values, io.cwd, CLI_VERSION);
        emit(text, values, io);
        if (!values.quiet && (values.output || (values.format ?? 'table') !== 'table')) io.stderr.write(escapeTerminal(`tokentier: merged ${report.repositories?.length ?? 0} report(s): ${report.totals.workspace.sites} site(s), ${formatMoney(report.totals.workspace.perMonth.expected, report.currency)}/month expected.`) + '\n');
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${command}". Commands: scan, diff, tiers, reconcile, merge.`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      // One line per line of the message (merge lists one problem per line), each escaped.
      io.stderr.write(`tokentier: ${e.message.split('\n').map(escapeTerminal).join('\n')}\n`);
      return 2;
    }
    io.stderr.write(`tokentier: internal error: ${escapeTerminal(e instanceof Error ? e.stack ?? e.message : String(e))}\n`);
    return 2;
  }
}
