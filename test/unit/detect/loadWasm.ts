/** Test helper: reads the tree-sitter runtime and grammar wasm files from node_modules (tests may use fs). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', 'node_modules');

/** A LoadWasm over node_modules, with the same file names as dist/grammars. */
export async function loadWasm(name: string): Promise<Uint8Array> {
  const path = name === 'web-tree-sitter.wasm' ? join(ROOT, 'web-tree-sitter', name) : join(ROOT, '@vscode', 'tree-sitter-wasm', 'wasm', name);
  return new Uint8Array(await readFile(path));
}
