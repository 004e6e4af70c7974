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
}

export interface FileProvider {
  /** The file's text (UTF-8), or undefined when it does not exist or cannot be read. Never throws. */
  readText(path: string): Promise<string | undefined>;
  /** Entries directly under a folder (names only), or undefined when it is not a folder. Never throws. */
  list(dir: string): Promise<readonly { readonly name: string; readonly type: 'file' | 'directory' }[] | undefined>;
  /** File metadata, or undefined when it does not exist. Never throws. */
  stat(path: string): Promise<FileStat | undefined>;
}

/** A provider with no files: for analysing a single text with no workspace around it. */
export const emptyFileProvider: FileProvider = {
  readText: async () => undefined,
  list: async () => undefined,
  stat: async () => undefined,
};
