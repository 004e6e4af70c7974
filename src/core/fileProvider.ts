/**
 * The only way the core reaches files other than the text it is handed. The extension implements it over
 * `vscode.workspace.fs`, the CLI over `node:fs`, and tests over an in-memory map (`test/unit/util/memoryFiles.ts`).
 * Paths are workspace-relative POSIX paths (`src/app.py`); the implementation maps them to real locations.
 */
export interface FileStat {
  readonly type: 'file' | 'directory';
  readonly size: number;
  /** Modification time in ms since the epoch (0 when unknown). */
  readonly mtime: number;
  /** The file's inode number, when the file system has one (a result cache keys files by size, mtime and inode). */
  readonly ino?: number;
}

export interface FileProvider {
  /** The file's text (UTF-8), or undefined when it does not exist or cannot be read. Never throws. */
  readText(path: string): Promise<string | undefined>;
  /** Entries directly under a folder (names only), or undefined when it is not a folder. Never throws. */
  list(dir: string): Promise<readonly { readonly name: string; readonly type: 'file' | 'directory' }[] | undefined>;
  /** File metadata, or undefined when it does not exist. Never throws. */
  stat(path: string): Promise<FileStat | undefined>;
  /**
   * True when something is at `path` even though {@link stat} or {@link readText} give nothing for it: a FIFO or
   * device, a symbolic link that points nowhere or out of the workspace, a file the process may not read. Team files
   * use it to tell "missing" (fine) from "there but unreadable" (an error: a policy that cannot be read must not
   * turn the budget gate off). Optional; never throws.
   */
  exists?(path: string): Promise<boolean>;
  /**
   * True when version control tracks the file, or for a folder a file under it, although a `.gitignore` matches it:
   * git never ignores a tracked file (a repository whose `.gitignore` says `*` then `!*.py` still versions its
   * notebooks), so the walk keeps it. Asked only for paths a `.gitignore` matched. Optional: without it (no repository,
   * no git, a virtual folder) the `.gitignore` decides, as VS Code's search decides outside a repository. Never throws.
   */
  tracked?(path: string, type: 'file' | 'directory'): Promise<boolean>;
}

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });
const UTF16BE = new TextDecoder('utf-16be', { ignoreBOM: true });

/**
 * A file's bytes as text: UTF-16 (little or big endian) when it starts with that byte-order mark, else UTF-8 (invalid
 * sequences become U+FFFD). The mark is kept as U+FEFF at offset 0, as for UTF-8 files, so positions are the same
 * whatever the encoding. Without its BOM, a UTF-16 file is full of NUL bytes and is skipped as binary.
 */
export function decodeFileText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16LE.decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return UTF16BE.decode(bytes);
  return UTF8.decode(bytes);
}

/** A provider with no files: for analysing a single text with no workspace around it. */
export const emptyFileProvider: FileProvider = {
  readText: async () => undefined,
  list: async () => undefined,
  stat: async () => undefined,
};

/**
 * What the folder listings of one walk say about paths that do not exist. A scan lists every folder it enters; one-hop
 * import resolution then asks about up to ten candidate paths per import, most of which do not exist: a path under a
 * listed folder that lacks the next name is known to be missing without asking the file system. Valid for one scan
 * (a file created later is not seen): providers keep one per scan, never for the editor's long-lived engine.
 */
export class ListingMemo {
  private readonly listed = new Map<string, ReadonlySet<string>>();

  /** Records the entry names of a folder (root-relative POSIX path, `''` for the root). */
  record(dir: string, names: Iterable<string>): void {
    this.listed.set(dir.split('/').filter((x) => x && x !== '.').join('/'), new Set(names));
  }

  /** Every folder recorded so far with its entry names (plain data, for another thread's provider). */
  entries(): [string, string[]][] {
    return [...this.listed].map(([dir, names]) => [dir, [...names]]);
  }

  /** True when the nearest listed ancestor of `path` lacks its next name. Unnormalised paths answer false. */
  knownMissing(path: string): boolean {
    if (!this.listed.size || path.startsWith('/') || path.startsWith('./') || path.includes('//') || path.includes('/./') || path.includes('..')) return false;
    for (let end = path.length; end > 0; ) {
      const i = path.lastIndexOf('/', end - 1);
      const names = this.listed.get(i < 0 ? '' : path.slice(0, i));
      if (names) return !names.has(path.slice(i + 1, end));
      if (i < 0) return false;
      end = i;
    }
    return false;
  }
}
