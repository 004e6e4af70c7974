/**
 * Runs one workspace-folder scan in a child process (src/node/scanChild.ts, bundled as `dist/scanChild.js`) and
 * relays its messages. Used by the WorkspaceModel (src/vscode/workspaceModel.ts) for local (`file:`) folders.
 *
 * Why a process and not a worker thread: both keep the extension host's event loop free, but the memory a worker
 * thread used (the parsers' heaps, the scan's garbage) stays in the host process after the thread ends, as freed
 * malloc arenas the C library does not hand back: ~100 MB after a 30,000-file scan (bench/README.md). A process gives
 * all of it back when it exits. The child is the host's own runtime (`process.execPath`; in VS Code's Electron that
 * needs `ELECTRON_RUN_AS_NODE`, as language servers do). It does not import `vscode`, so tests run it directly.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { TeamConfig } from '../core/estimate/estimator';
import type { Logger } from '../core/logger';
import type { ScanChildCommand, ScannedFile, ScanWorkerMessage, ScanWorkerSetup } from './scanChild';

export type { ScannedFile, ScanWorkerSetup } from './scanChild';

export interface ScanProcessHooks {
  /** Each batch of files as the child finishes them: those with sites or diagnostics, and how many others. */
  readonly onFiles: (files: readonly ScannedFile[], empty: number) => void;
  readonly onProgress?: (done: number, total: number) => void;
  /** The team files the child loaded (trusted workspaces only), before any file. */
  readonly onTeam?: (team: TeamConfig) => void;
  readonly logger: Logger;
  /** Registers the cancel listener (a `vscode.CancellationToken`'s `onCancellationRequested`). */
  readonly onCancel?: (listener: () => void) => { dispose(): void };
  readonly isCancelled?: () => boolean;
}

export type ScanProcessResult =
  /**
   * `files`: the scan's `stats.filesScanned` (files read or proved empty by ripgrep); when the child was killed after a
   * cancel, the files it had reported by then.
   */
  | { readonly kind: 'done'; readonly sites: number; readonly files: number; readonly cancelled: boolean }
  /**
   * The child could not start (`started: false`: the caller can scan another way) or stopped before it finished
   * (`started: true`: what it sent was delivered; scanning the same tree again in the host could meet the same end).
   */
  | { readonly kind: 'failed'; readonly message: string; readonly started: boolean };

/** The child's old-generation heap limit in MB (the CLI's whole process peaks at ~260 MB on 30,000 files). */
export const SCAN_PROCESS_HEAP_MB = 1024;

/** After a cancel, how long the child gets to send what it has before it is killed. */
const CANCEL_GRACE_MS = 2_000;

/** How long the child may take to load its engine (about 0.3 s; 30 s covers a machine under heavy load). */
export const START_TIMEOUT_MS = 30_000;

/** Scans `setup.root` in a new child process running `entry` (`dist/scanChild.js`). Never rejects. */
export function scanInProcess(entry: string, setup: ScanWorkerSetup, hooks: ScanProcessHooks, options: { readonly startTimeoutMs?: number } = {}): Promise<ScanProcessResult> {
  return new Promise<ScanProcessResult>((resolve) => {
    const child = forkScanChild(entry);
    if (typeof child === 'string') {
      resolve({ kind: 'failed', message: child, started: false });
      return;
    }
    let settled = false;
    // Set by `ready` (the engine is loaded): a failure after that is not a failure to start.
    let started = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString('utf8');
    });
    const send = (m: ScanChildCommand) => {
      if (!child.connected) return;
      try {
        // With a callback, a channel that closes meanwhile reports there, not as an 'error' event: the child is gone,
        // and its 'exit' settles the scan (as cancelled or failed).
        child.send(m, () => undefined);
      } catch {
        // As above.
      }
    };
    const cancelNow = () => {
      send({ type: 'cancel' });
      killTimer ??= setTimeout(() => child.kill(), CANCEL_GRACE_MS);
    };
    const cancel = hooks.onCancel?.(cancelNow);
    // A child that loads nothing and says nothing (a runtime that cannot run our bundle) must not leave the scan open.
    const startTimer = setTimeout(() => {
      if (started) return;
      finish({ kind: 'failed', message: `the scan process did not start within ${Math.round((options.startTimeoutMs ?? START_TIMEOUT_MS) / 1000)} s`, started: false });
    }, options.startTimeoutMs ?? START_TIMEOUT_MS);
    const finish = (result: ScanProcessResult) => {
      if (settled) return;
      settled = true;
      cancel?.dispose();
      clearTimeout(startTimer);
      if (killTimer) clearTimeout(killTimer);
      // Its last message is in: the child has nothing more to say (it may still be exiting).
      child.kill();
      resolve(result);
    };
    const counts = { sites: 0, files: 0 };
    child.on('message', (m: ScanWorkerMessage) => {
      if (settled) return;
      try {
        if (m.type === 'ready') started = true;
        else onChildMessage(m, hooks, counts, (result) => finish(result.kind === 'failed' ? { ...result, started } : result));
      } catch (e) {
        // A listener's error (UI code) must not leave the scan hanging.
        hooks.logger.error(e instanceof Error ? e : String(e));
      }
    });
    child.on('error', (e) => finish({ kind: 'failed', message: e.message, started }));
    child.on('exit', (code, signal) => {
      const cancelled = killTimer !== undefined || hooks.isCancelled?.() === true;
      // Killed after a cancel: what it sent is kept, and the scan counts as cancelled, not failed.
      if (cancelled) finish({ kind: 'done', sites: counts.sites, files: counts.files, cancelled: true });
      else finish({ kind: 'failed', message: `the scan process exited (${signal ?? `code ${code}`}) before it finished${stderr ? `: ${stderr.trim().slice(0, 500)}` : ''}`, started });
    });
    send({ type: 'start', setup });
    if (hooks.isCancelled?.()) cancelNow();
  });
}

/** Starts the child with its heap limit and an IPC channel; a message when it cannot start. */
function forkScanChild(entry: string): ChildProcess | string {
  try {
    return fork(entry, [], {
      // Structured clone over the IPC channel (Maps, no JSON round trip of every estimate).
      serialization: 'advanced',
      execArgv: [`--max-old-space-size=${SCAN_PROCESS_HEAP_MB}`],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
  } catch (e) {
    return `could not start the scan process: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Hands one message of a started child to the hooks, counting its sites and files; `done`/`failed` end the scan. */
function onChildMessage(m: Exclude<ScanWorkerMessage, { type: 'ready' }>, hooks: ScanProcessHooks, counts: { sites: number; files: number }, finish: (r: ScanProcessResult) => void): void {
  switch (m.type) {
    case 'files':
      for (const f of m.files) counts.sites += f.estimates.length;
      counts.files += m.files.length + m.empty;
      hooks.onFiles(m.files, m.empty);
      break;
    case 'team':
      hooks.onTeam?.(m.team);
      break;
    case 'progress':
      hooks.onProgress?.(m.done, m.total);
      break;
    case 'log':
      hooks.logger[m.level](m.message);
      break;
    case 'done':
      finish({ kind: 'done', sites: m.sites, files: m.files, cancelled: m.cancelled });
      break;
    case 'failed':
      finish({ kind: 'failed', message: m.message, started: true });
      break;
  }
}
