/**
 * The one definition of what a workspace scan skips by default, shared by the extension and the CLI.
 * `.gitignore` and `files.exclude` are applied on top of it by the callers (both through `ignore` patterns).
 */
export const DEFAULT_EXCLUDED_FOLDERS: readonly string[] = [
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  'env',
  '.env',
  'site-packages',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.turbo',
  'coverage',
  '.ipynb_checkpoints',
];

/** File extensions Tokentier analyses, by language id. */
export const LANGUAGE_BY_EXTENSION: Readonly<Record<string, SupportedLanguage>> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.vue': 'vue',
  '.svelte': 'svelte',
  '.ipynb': 'jupyter',
  '.sh': 'shellscript',
  '.bash': 'shellscript',
  '.zsh': 'shellscript',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
  '.rb': 'ruby',
  '.php': 'php',
};

export type SupportedLanguage = 'python' | 'typescript' | 'typescriptreact' | 'javascript' | 'javascriptreact' | 'vue' | 'svelte' | 'jupyter' | 'shellscript' | 'go' | 'java' | 'csharp' | 'ruby' | 'php';

/** Default largest file analysed, in bytes (a setting overrides it). Larger files get a `file-too-large` diagnostic. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * A notebook file is read up to this size (or `maxFileSize` when larger): its outputs (base64 images, tables) are
 * most of it, and the size limit applies to its code cells' source instead (issue 17: a notebook with large outputs
 * was skipped whole). Past this it is `file-too-large` without being read.
 */
export const MAX_NOTEBOOK_FILE_BYTES = 64 * 1024 * 1024;

/** The largest file of this path's kind the scanner reads: `maxBytes`, or for a notebook {@link MAX_NOTEBOOK_FILE_BYTES}. */
export function readLimitFor(path: string, maxBytes: number): number {
  return languageOfPath(path) === 'jupyter' ? Math.max(maxBytes, MAX_NOTEBOOK_FILE_BYTES) : maxBytes;
}

/** True when a path segment is a default-excluded folder. */
export function isExcludedFolderName(name: string): boolean {
  return DEFAULT_EXCLUDED_FOLDERS.includes(name);
}

/** The language of a path by its extension, or undefined when Tokentier does not analyse it. */
export function languageOfPath(path: string): SupportedLanguage | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  return LANGUAGE_BY_EXTENSION[path.slice(dot).toLowerCase()];
}

// ---------------------------------------------------------------------------------------------------------------
// Test code
// ---------------------------------------------------------------------------------------------------------------
// A site in a file that a test runner collects, or in a folder of tests or test fixtures, is found but flagged
// `test: true` (src/core/types.ts `CallSite.test`): it is kept apart from totals, the status bar and budget gates
// unless `tokentier.includeTests` / `--include-tests` says otherwise. Sources (checked 2026-12): pytest "Conventions
// for Python test discovery" (`test_*.py`, `*_test.py`, `conftest.py`); Jest `testMatch` default (`__tests__/`,
// `*.test.*`, `*.spec.*`) and `__mocks__`; Vitest `include` default (`*.{test,spec}.?(c|m)[jt]s?(x)`); Mocha's default
// spec folder `./test`; RSpec's `spec/`; Go's `_test.go` and `testdata/`; jscodeshift's `__testfixtures__`;
// Playwright/Cypress `e2e/`.

/** Folder names whose contents are test code or test fixtures (any depth, case-sensitive as written). */
export const TEST_FOLDERS: readonly string[] = [
  'test', 'tests', '__tests__', '__testfixtures__', '__mocks__', '__fixtures__', 'spec', 'specs', 'e2e', 'testdata', 'test_data', 'testing',
];

/** File names of test code (the last path segment). */
export const TEST_FILE_PATTERNS: readonly RegExp[] = [
  /^test_[^/]*\.py$/,
  /_test\.(py|go|sh)$/,
  /^conftest\.py$/,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /\.(test|spec)\.(vue|svelte)$/,
  /\.test\.ipynb$/,
];

/** True when a workspace-relative POSIX path is test code (a test file, or inside a test or fixture folder). */
export function isTestPath(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (TEST_FILE_PATTERNS.some((p) => p.test(name))) return true;
  for (let i = 0; i < parts.length - 1; i++) if (TEST_FOLDERS.includes(parts[i] ?? '')) return true;
  return false;
}
