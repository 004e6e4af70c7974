/**
 * The fuzz corpus: every source file under test/fixtures/detect (with or without an expected.json), read once,
 * with the workspace its imports resolve in, plus the hand-written expected sites when the fixture has them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { FileProvider } from '../../../src/core/fileProvider';
import { createMemoryFileProvider, FIXTURE_ROOT, type ExpectedFile } from '../detect/fixtureFormat';

const SOURCE = /\.(py|ts|mts|cts|tsx|js|mjs|cjs|jsx|vue|svelte|ipynb)$/;

/** One source file of the corpus. */
export interface CorpusFile {
  /** Path relative to the fixture root (the fixture's name in messages). */
  readonly id: string;
  /** Path handed to the detector, relative to `files`' root. */
  readonly path: string;
  readonly text: string;
  readonly files: FileProvider;
  /** The hand-written expectation, when the fixture has one. */
  readonly expected?: ExpectedFile;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** Loads the whole corpus (about 460 files). */
export function loadCorpus(): CorpusFile[] {
  const all: string[] = [];
  walk(FIXTURE_ROOT, all);
  const providers = new Map<string, FileProvider>();
  const out: CorpusFile[] = [];
  for (const abs of all.filter((f) => SOURCE.test(f))) {
    const id = toPosix(relative(FIXTURE_ROOT, abs));
    const parts = id.split('/');
    // `<topic>/<case>/…` is a multi-file case rooted at the case folder (as in fixtureFormat.ts).
    const root = parts.length > 2 ? join(FIXTURE_ROOT, parts[0]!, parts[1]!) : FIXTURE_ROOT;
    let files = providers.get(root);
    if (!files) providers.set(root, (files = createMemoryFileProvider(root)));
    const expectedPath = abs.replace(SOURCE, '.expected.json');
    const expected = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedFile) : undefined;
    out.push({ id, path: toPosix(relative(root, abs)), text: readFileSync(abs, 'utf8'), files, ...(expected ? { expected } : {}) });
  }
  return out;
}
