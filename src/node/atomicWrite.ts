/** Atomic file writes on the local disk, for the CLI's `--output` and the scan cache. */
import fs from 'node:fs';
import path from 'node:path';

/** Writes a file atomically: a temporary file in the same folder, then a rename over the target. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text, 'utf8');
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Nothing to clean up.
    }
    throw e;
  }
}
