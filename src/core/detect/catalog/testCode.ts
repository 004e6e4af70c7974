/**
 * Test code and test doubles, as data.
 *
 * - **Test paths**: a site in a file that a test runner collects, or in a folder of tests or test fixtures, is found
 *   but flagged `test: true` (src/core/types.ts `CallSite.test`): it is kept apart from totals, the status bar and
 *   budget gates unless `tokentier.includeTests` / `--include-tests` says otherwise.
 * - **Test doubles**: a call on a mock or fake model object (`MockLanguageModelV3`, `FakeListLLM`, an object literal
 *   standing for a model) sends no request, so it is not a site at all.
 *
 * Sources (checked 2026-12): pytest "Conventions for Python test discovery" (`test_*.py`, `*_test.py`, `conftest.py`);
 * Jest `testMatch` default (`**\/__tests__/**`, `*.test.*`, `*.spec.*`) and `__mocks__`; Vitest `include` default
 * (`*.{test,spec}.?(c|m)[jt]s?(x)`); Mocha's default spec folder `./test`; RSpec's `spec/`; Go's `_test.go` and
 * `testdata/`; jscodeshift's `__testfixtures__`; Playwright/Cypress `e2e/`. Test doubles: the AI SDK's `ai/test`
 * exports (`MockLanguageModelV1`–`V4`, `MockEmbeddingModelV*`, `MockImageModelV*`, …), LangChain's
 * `langchain_core.language_models.fake*` (`FakeListLLM`, `FakeListChatModel`, `GenericFakeChatModel`,
 * `ParrotFakeChatModel`, `FakeMessagesListChatModel`, `FakeStreamingListLLM`) and `FakeEmbeddings` /
 * `DeterministicFakeEmbedding`, LlamaIndex's `MockLLM` / `MockEmbedding`.
 */

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

/** Class names of mock or fake models: a call on one of them, or with one as its `model`, is not a site. */
export const TEST_DOUBLE_CLASS = /^(?:Mock|Fake|GenericFake|ParrotFake|DeterministicFake)[A-Za-z0-9_]*(?:LLM|LanguageModel|ChatModel|Model|Embeddings?|EmbeddingModel)(?:V\d+)?$/;

/**
 * Keys of an object literal that stands for a model (the AI SDK's `LanguageModelV*` / `EmbeddingModelV*` interface
 * written inline: `{ provider: 'test', modelId: 'x', doGenerate: async () => … }`).
 */
export const MODEL_INTERFACE_KEYS: readonly string[] = ['doGenerate', 'doStream', 'doEmbed', 'doGenerateImage', 'specificationVersion'];
