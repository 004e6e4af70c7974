/**
 * The workspace scan of a local folder, in a child process of the extension host (bundled as `dist/scanChild.js`,
 * started by src/node/scanProcess.ts, which explains why a process). It loads its own engine (`dist/engine.js`:
 * parsers, tokenizer tables, price data), walks and analyses the folder at full speed with `node:fs`, streams each
 * file's results to the host and is ended by it: the host keeps only the results, and its event loop never waits on
 * the scan.
 *
 * This file runs outside the extension host: it must not import `vscode` (ESLint enforces it for src/node).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ripgrepSkips } from './ripgrepSkipList';
import type { CancellationToken } from '../core/cancellation';
import type { Settings } from '../core/config/settings';
import type { TeamConfig } from '../core/estimate/estimator';
import { ListingMemo } from '../core/fileProvider';
import type { Logger } from '../core/logger';
import type { Diagnostic, SiteEstimate } from '../core/types';
import { loadEngineBundle } from './engineBundle';
import { localFileProvider } from './localFiles';

/** What the host hands the child (plain data: it is structured-cloned). */
export interface ScanWorkerSetup {
  /** The folder's absolute path. */
  readonly root: string;
  /** The extension's `dist` folder (engine bundle and grammars). */
  readonly distDir: string;
  readonly settings: Settings;
  /** Workspace trust: team files are read only when trusted. */
  readonly trusted: boolean;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly maxFileBytes: number;
  readonly rootLabel: string;
  /** VS Code's ripgrep, when found: files it proves hold no pre-filter word are never read. */
  readonly ripgrep?: string;
}

/** One file's results. */
export interface ScannedFile {
  readonly file: string;
  readonly estimates: readonly SiteEstimate[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Messages from the child to the host. */
export type ScanWorkerMessage =
  /** The engine bundle and team files are loaded: the scan starts. Before this, a failure is a failure to start. */
  | { readonly type: 'ready' }
  /** `files`: the files with sites or diagnostics; `empty`: how many others were scanned (counted in reports). */
  | { readonly type: 'files'; readonly files: readonly ScannedFile[]; readonly empty: number }
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  /** The team files (`.tokentier/*`, the price-book setting) as the child loaded them: plain data. */
  | { readonly type: 'team'; readonly team: TeamConfig }
  | { readonly type: 'log'; readonly level: keyof Logger; readonly message: string }
  | { readonly type: 'done'; readonly sites: number; readonly files: number; readonly cancelled: boolean }
  | { readonly type: 'failed'; readonly message: string };

/** Messages from the host to the child: `start` first, then perhaps `cancel`. */
export type ScanChildCommand = { readonly type: 'start'; readonly setup: ScanWorkerSetup } | { readonly type: 'cancel' };

/** Turns for the child's event loop while it scans: its messages drain to the host, and a `cancel` gets in. */
const YIELD_EVERY_MS = 50;

/** Results are sent in batches: at most this often, or when this many files are waiting. */
const FLUSH_MS = 100;
const FLUSH_FILES = 256;

async function run(setup: ScanWorkerSetup, post: (m: ScanWorkerMessage) => void, token: CancellationToken): Promise<void> {
  const log = (level: keyof Logger) => (message: string | Error, ...args: unknown[]) =>
    post({ type: 'log', level, message: [message instanceof Error ? message.stack ?? message.message : message, ...args.map(String)].join(' ') });
  const logger: Logger = { trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const bundle = loadEngineBundle(setup.distDir);
  const files = localFileProvider(setup.root, new ListingMemo(), { git: setup.trusted });
  const engine = bundle.createEngine({ files, loadWasm: async (name) => fs.readFileSync(path.join(setup.distDir, 'grammars', name)), logger, retain: false });
  const team = setup.trusted ? await bundle.loadTeamConfig(localFileProvider(setup.root), setup.settings, { trusted: true }) : undefined;
  engine.configure({ settings: setup.settings, trusted: setup.trusted, ...(team ? { team } : {}) });
  post({ type: 'ready' });
  if (team) post({ type: 'team', team });

  let pending: ScannedFile[] = [];
  let empty = 0;
  let lastFlush = Date.now();
  const flush = () => {
    if (pending.length || empty) post({ type: 'files', files: pending, empty });
    pending = [];
    empty = 0;
    lastFlush = Date.now();
  };
  let lastProgress = 0;
  const rg = setup.ripgrep;
  const report = await bundle.scanWorkspace(engine, files, {
    ...(rg ? { skipFiles: (paths: readonly string[], t: CancellationToken) => Promise.resolve(ripgrepSkips(rg, setup.root, paths, bundle.PREFILTER_PATTERN, t)) } : {}),
    // One file at a time: the provider is synchronous, so there is no I/O to overlap.
    concurrency: 1,
    yieldEveryMs: YIELD_EVERY_MS,
    include: setup.include,
    exclude: setup.exclude,
    maxFileBytes: setup.maxFileBytes,
    token,
    rootLabel: setup.rootLabel,
    onFile: (file, estimates, diagnostics) => {
      if (estimates.length || diagnostics.length) pending.push({ file, estimates, diagnostics });
      else empty++;
      if (pending.length >= FLUSH_FILES || Date.now() - lastFlush >= FLUSH_MS) flush();
    },
    onProgress: (done, total) => {
      const now = Date.now();
      // At most ten progress messages a second (the host forwards them to the workbench).
      if (done !== total && done !== 0 && now - lastProgress < 100) return;
      lastProgress = now;
      post({ type: 'progress', done, total });
    },
  });
  flush();
  post({ type: 'done', sites: report.sites.length, files: report.stats.filesScanned, cancelled: token.isCancellationRequested });
}

if (process.send) {
  const send = process.send.bind(process);
  const token = { isCancellationRequested: false };
  let started = false;
  const post = (m: ScanWorkerMessage) => {
    try {
      send(m);
    } catch {
      // The host went away: nothing to report to.
    }
  };
  process.on('message', (m: ScanChildCommand) => {
    if (m?.type === 'cancel') token.isCancellationRequested = true;
    else if (m?.type === 'start' && !started) {
      started = true;
      // The host ends the process once it has the last message.
      run(m.setup, post, token).catch((e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.stack ?? e.message : String(e) }));
    }
  });
  // Without the host there is nobody to scan for.
  process.on('disconnect', () => process.exit(0));
}
