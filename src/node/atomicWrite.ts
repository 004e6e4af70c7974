/**
 * Atomic file writes on the local disk, for the CLI's `--output` and the scan cache: a temporary file renamed over the
 * target, through symbolic links, keeping an existing file's mode, cleaning up temporary files killed writers left.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Temporary files of {@link writeFileAtomic} for `base`: `.<base>.<pid>.<time>[.<random>].tmp`. */
function tempPattern(base: string): RegExp {
  return new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.\\d+(?:\\.[0-9a-f]+)?\\.tmp$`);
}

/** True when process `pid` is still running (signal 0 probes without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files a killed writer left next to `base` in `dir` (SIGKILL runs no cleanup): those whose process
 * is gone, or older than a day (a reused pid). Files of running writers are left alone. Never throws.
 */
export function removeStaleTemps(dir: string, base: string): number {
  let removed = 0;
  try {
    const re = tempPattern(base);
    for (const name of fs.readdirSync(dir)) {
      const m = re.exec(name);
      if (!m) continue;
      const pid = Number(m[1]);
      const full = path.join(dir, name);
      try {
        const old = Date.now() - fs.lstatSync(full).mtimeMs > 24 * 3600 * 1000;
        if (pid !== process.pid && (old || !alive(pid))) {
          fs.unlinkSync(full);
          removed++;
        }
      } catch {
        // Gone already, or not ours to remove.
      }
    }
  } catch {
    // An unreadable folder: the write below reports what matters.
  }
  return removed;
}

/** Follows a chain of symbolic links (dangling ones too) to the path a write lands on. */
function writeTarget(file: string): string {
  let p = path.resolve(file);
  for (let i = 0; i < 40; i++) {
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(p, { throwIfNoEntry: false });
    } catch {
      return p;
    }
    if (!st?.isSymbolicLink()) return p;
    p = path.resolve(path.dirname(p), fs.readlinkSync(p));
  }
  return p;
}

/**
 * Writes a file atomically: a temporary file in the same folder, then a rename over the target. Through a symbolic
 * link, the link's target is replaced and the link stays (as `>` in a shell). An existing file keeps its permission
 * bits (a 0600 report stays 0600; the temporary file is 0600 until then). Temporary files left by killed runs are
 * removed first (issue 17).
 */
export function writeFileAtomic(file: string, text: string | Iterable<string>): void {
  const target = writeTarget(file);
  const dir = path.dirname(target);
  const base = path.basename(target);
  fs.mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir, base);
  let mode: number | undefined;
  try {
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const tmp = path.join(dir, `.${base}.${process.pid}.${Date.now()}.${Math.floor(Math.random() * 0xffffffff).toString(16)}.tmp`);
  try {
    // A new file gets the default mode (0666 less the umask); an existing one its own mode, set before the rename.
    const fd = fs.openSync(tmp, 'wx', mode === undefined ? 0o666 : 0o600);
    try {
      if (typeof text === 'string') fs.writeFileSync(fd, text, 'utf8');
      else writeChunks(fd, text);
      if (mode !== undefined) fs.fchmodSync(fd, mode);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Nothing to clean up.
    }
    throw e;
  }
}

/** Writes text pieces to a descriptor, gathered into writes of about 1 MB (a large report is never one string). */
function writeChunks(fd: number, chunks: Iterable<string>): void {
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length) fs.writeFileSync(fd, pending.join(''), 'utf8');
    pending = [];
    size = 0;
  };
  for (const c of chunks) {
    pending.push(c);
    size += c.length;
    if (size >= 1 << 20) flush();
  }
  flush();
}
