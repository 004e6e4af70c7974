/**
 * Test doubles, as data: a call on a mock or fake model object (`MockLanguageModelV3`, `FakeListLLM`, an object
 * literal standing for a model) sends no request, so it is not a site at all. (Test *code* is another matter: its
 * real calls are sites, flagged by path; `isTestPath` in src/core/excludes.ts.)
 *
 * Sources (checked 2026-12): the AI SDK's `ai/test` exports (`MockLanguageModelV1`–`V4`, `MockEmbeddingModelV*`,
 * `MockImageModelV*`, …), LangChain's `langchain_core.language_models.fake*` (`FakeListLLM`, `FakeListChatModel`, `GenericFakeChatModel`,
 * `ParrotFakeChatModel`, `FakeMessagesListChatModel`, `FakeStreamingListLLM`) and `FakeEmbeddings` /
 * `DeterministicFakeEmbedding`, LlamaIndex's `MockLLM` / `MockEmbedding`, Langroid's `MockLM` and its config `MockLMConfig`
 * (`langroid.language_models.mock_lm`: answers from `response_fn` or a fixed string), the OpenAI Agents SDK's
 * `agents.testing.ScriptedModel` (replays scripted steps), PydanticAI's `pydantic_ai.models.test.TestModel` and
 * `pydantic_ai.models.function.FunctionModel` (answers from a function).
 */

/** Class names of mock or fake models: a call on one of them, or with one as its `model`, is not a site. */
export const TEST_DOUBLE_CLASS = /^(?:(?:Mock|Fake|Dummy|Scripted|GenericFake|ParrotFake|DeterministicFake)[A-Za-z0-9_]*(?:LLM|LM|LanguageModel|ChatModel|Model|Embeddings?|EmbeddingModel)(?:V\d+)?(?:Config)?|TestModel|TestEmbeddingModel|FunctionModel)$/;

/**
 * Model names that stand for a test double in a framework (`Agent('test')` in PydanticAI is its TestModel): in a file
 * with an import statement of `module` (`imports`), for its `Agent` or a run's `model`.
 */
export const TEST_MODEL_NAMES: readonly { readonly module: string; readonly imports: RegExp; readonly name: string }[] = [
  { module: 'pydantic_ai', imports: /^[ \t]*(?:from|import)[ \t]+pydantic_ai\b/m, name: 'test' },
];

/**
 * A parameter, or a helper that returns a model, named as a test double: `mock` or `fake` as a word of a snake_case
 * name (`mock_llm`, `llm_fake`, `create_mock_llm`) or a camelCase one (`mockModel`, `createFakeLlm`).
 */
export const TEST_DOUBLE_NAME = /(?:^|_)(?:mock|fake)(?:_|$)|^(?:mock|fake)[A-Z0-9]|[a-z0-9](?:Mock|Fake)(?:[A-Z0-9_]|$)/;

/**
 * Keys of an object literal that stands for a model (the AI SDK's `LanguageModelV*` / `EmbeddingModelV*` interface
 * written inline: `{ provider: 'test', modelId: 'x', doGenerate: async () => … }`).
 */
export const MODEL_INTERFACE_KEYS: readonly string[] = ['doGenerate', 'doStream', 'doEmbed', 'doGenerateImage', 'specificationVersion'];
