/** Terminal output helpers: the output stream surface and a stderr progress bar. */

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
