// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  paths: [{ name: 'vscode', message: 'Only src/vscode/** may import vscode (ARCHITECTURE.md: the dependency rule).' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', 'examples/**', 'artifacts/**', 'bench/results/**', 'bench/work/**', 'media/**', 'eval/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'No default exports.' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortController: 'readonly', performance: 'readonly', globalThis: 'readonly', window: 'readonly', document: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/consistent-type-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/core/**', 'src/protocol/**', 'src/cli/**', 'src/node/**', 'test/unit/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', { ...noVscode, patterns: [{ group: ['**/vscode/**'], message: 'core/protocol/cli/node must not depend on src/vscode.' }] }],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noVscode,
        patterns: [
          { group: ['**/vscode/**', '**/webview/**', '**/cli/**'], message: 'src/core is the bottom layer.' },
          { group: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process'], message: 'The core does no I/O: read files through FileProvider.' },
        ],
      }],
    },
  },
  {
    files: ['src/webview/**'],
    rules: {
      'no-restricted-imports': ['error', { ...noVscode, patterns: [{ group: ['**/vscode/**', '**/cli/**'], message: 'The webview imports protocol and core types only.' }] }],
    },
  },
);
