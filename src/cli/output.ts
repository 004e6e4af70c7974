/** Terminal output helpers: the output stream surface, a stderr progress bar, and writing a file the CLI was asked for. */
import { writeFileAtomic } from '../node/atomicWrite';
import { UsageError } from './usageError';

/** A minimal writable stream surface (stdout/stderr, or a buffer in tests). */
export interface Out {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** A one-line progress bar redrawn on stderr, at most every 100 ms. Does nothing when `out` is not a TTY. */
export function createProgress(out: Out, enabled: boolean): { update(done: number, total: number): void; done(): void } {
  if (!enabled || !out.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let drawn = false;
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : 0;
      out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
      drawn = true;
    },
    done() {
      if (drawn) out.write('\r\u001b[K');
    },
  };
}

/**
 * Writes a file the CLI was asked to write (atomically). A folder that is a file, no permission, a full disk: the file
 * was not written, and the UsageError (exit 2) names it as the user wrote it (`shown`).
 */
export function writeFileOrFail(abs: string, shown: string, text: string | Iterable<string>): void {
  try {
    writeFileAtomic(abs, text);
  } catch (e) {
    throw new UsageError(`could not write ${shown}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
