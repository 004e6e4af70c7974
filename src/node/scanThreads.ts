/**
 * Worker threads for the CLI scan: each worker builds its own engine (same settings, team files and grammars as
 * the main thread) and analyses the files the main thread has read and prefiltered. The walk, the reads and the
 * report stay on the main thread, so the report is the one the single-threaded scan builds (sites are sorted by
 * `buildReport`; diagnostics are re-sorted by the caller).
 *
 * The worker entry is the CLI bundle itself, started with the hidden argument {@link WORKER_ARG}; under `tsx`
 * (unit tests) there is no bundle and {@link defaultWorkerCount} is 0.
 */
import os from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { Engine } from '../core/engine';
import type { AnalyzeInput } from '../core/scan/scanner';
import type { WalkListing } from './nodeFiles';
import { trackDeps, type TrackedOutput } from './scanCache';

/** argv[2] of a scan worker. */
export const WORKER_ARG = '__scan-worker';

/**
 * What a worker needs to rebuild the main thread's engine (plain data: it is structured-cloned). `O` is the caller's
 * setting overrides (the CLI's flags), opaque here: they go to the caller's engine factory unchanged.
 */
export interface WorkerSetup<O = unknown> {
  readonly root: string;
  readonly assetDir: string;
  readonly overrides: O;
  readonly verbose: boolean;
  /** `--exhaustive`. */
  readonly exhaustive: boolean;
  /** `--follow-symlinks`. */
  readonly followSymlinks: boolean;
  /** The main thread's walk (taken when the workers start, after it): the worker's provider answers as the main one. */
  readonly listed?: WalkListing;
}

interface Request extends AnalyzeInput {
  readonly id: number;
}

interface Reply extends TrackedOutput {
  readonly id: number;
  readonly error?: string;
}

/**
 * Workers used when `--workers` is not given: cores - 2 (the main thread analyses too, and ripgrep and the file
 * reads need a core), up to 3; so none on 1-2 cores, and none outside the bundle. On the 2-core benchmark
 * machine one worker made the scan slower (bench/README.md), and each worker costs its own engine and
 * tree-sitter heap (~60 MB more peak RSS measured).
 */
export function defaultWorkerCount(entry: string): number {
  if (!entry.endsWith('.js')) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(cores - 2, 3));
}

/**
 * A fixed set of workers; `analyze` sends each file to the least busy one, or to `local` (the main thread's
 * engine) when that is idle, so the main thread is not left waiting while it has a core to itself.
 */
export class ScanWorkerPool {
  private readonly workers: { readonly w: Worker; busy: number }[] = [];
  private readonly pending = new Map<number, { resolve: (r: TrackedOutput) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private localBusy = 0;

  constructor(private readonly entry: string, private readonly count: number, private readonly setup: () => WorkerSetup<unknown>, private readonly local?: (input: AnalyzeInput) => Promise<TrackedOutput>) {}

  /** Workers start on the first file that needs one (a fully cached re-scan starts none). */
  private start(): void {
    const { entry } = this;
    const setup = this.setup();
    for (let i = 0; i < this.count; i++) {
      const w = new Worker(entry, { argv: [WORKER_ARG], workerData: setup, stdout: false, stderr: false });
      const slot = { w, busy: 0 };
      w.on('message', (r: Reply) => {
        slot.busy--;
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        if (!p) return;
        if (r.error !== undefined) p.reject(new Error(r.error));
        else p.resolve({ estimates: r.estimates, diagnostics: r.diagnostics, ...(r.deps ? { deps: r.deps } : {}) });
      });
      w.on('error', (e) => this.failAll(e));
      this.workers.push(slot);
    }
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Analyses one file in a worker. Rejects when the worker died (the scanner reports it as an internal error). */
  analyze(input: AnalyzeInput): Promise<TrackedOutput> {
    if (this.local && this.localBusy === 0) {
      this.localBusy++;
      return this.local(input).finally(() => this.localBusy--);
    }
    if (!this.workers.length) this.start();
    let slot = this.workers[0];
    for (const s of this.workers) if (slot === undefined || s.busy < slot.busy) slot = s;
    if (!slot) return Promise.reject(new Error('no scan worker'));
    const id = this.nextId++;
    slot.busy++;
    const target = slot;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const req: Request = { id, path: input.path, text: input.text, languageId: input.languageId };
      target.w.postMessage(req);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((s) => s.w.terminate()));
  }
}

/** True inside a scan worker thread. */
export function isScanWorker(argv: readonly string[]): boolean {
  return parentPort !== null && argv[0] === WORKER_ARG;
}

/**
 * The worker side: builds the engine with `makeEngine(setup)` and answers requests until terminated. The engine
 * should read through a `trackingProvider` so replies carry the files each analysis looked at (for the cache).
 */
export async function serveScanWorker<O>(makeEngine: (setup: WorkerSetup<O>) => Promise<Engine>): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const setup = workerData as WorkerSetup<O>;
  const ready = makeEngine(setup);
  port.on('message', (req: Request) => {
    void (async () => {
      try {
        const engine = await ready;
        const a = await trackDeps(() => engine.analyzeDocument({ path: req.path, text: req.text, ...(req.languageId ? { languageId: req.languageId } : {}) }));
        const reply: Reply = { id: req.id, ...a };
        port.postMessage(reply);
      } catch (e) {
        const reply: Reply = { id: req.id, estimates: [], diagnostics: [], error: e instanceof Error ? e.message : String(e) };
        port.postMessage(reply);
      }
    })();
  });
}
