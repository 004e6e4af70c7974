// The scan's default scope, read from the one definition the scanner uses (src/core/excludes.ts), so the benchmark's
// ripgrep runs and lower-bound programs search exactly the files Tokentier does.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = fs.readFileSync(path.join(root, 'src', 'core', 'excludes.ts'), 'utf8');

/** Folders skipped by default, plus `.git`. */
export const EXCLUDED_FOLDERS = [...new Set(['.git', ...((/DEFAULT_EXCLUDED_FOLDERS[^=]*=\s*\[([^\]]*)\]/.exec(src)?.[1] ?? "'node_modules'").match(/'[^']+'/g) ?? []).map((q) => q.slice(1, -1))])];

/** Extensions analysed, without the dot. */
export const EXTENSIONS = (() => {
  const found = [...src.matchAll(/^\s*'\.(\w+)': '/gm)].map((m) => m[1]);
  return found.length ? found : ['py', 'ts', 'tsx', 'js'];
})();

/** The default largest file analysed (the scanner's DEFAULT_MAX_FILE_BYTES). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
