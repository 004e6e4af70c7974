/**
 * SDK enum constants that stand for model ids (`openai.ChatModelGPT4o`, `ChatModel.GPT_4O`, `Model.ClaudeSonnet5`,
 * `Anthropic::Model::CLAUDE_SONNET_5`, `OpenAiChatModelName.GPT_4_O_MINI`), per language: data generated from each
 * SDK's source by scripts/genLanguageModelConstants.mjs (modelConstants.json names the repository, commit and file of
 * every table).
 */
import data from './modelConstants.json';
import type { OtherLanguage } from '../types';

export const MODEL_CONSTANTS: Readonly<Record<OtherLanguage, ReadonlyMap<string, string>>> = {
  go: new Map(Object.entries(data.constants.go)),
  java: new Map(Object.entries(data.constants.java)),
  csharp: new Map(Object.entries(data.constants.csharp)),
  ruby: new Map(Object.entries(data.constants.ruby)),
  php: new Map(Object.entries(data.constants.php)),
};

/**
 * Python: the members of a framework's model enum (CAMEL `ModelType.GPT_4O_MINI`, `EmbeddingModelType.…`), keyed by
 * `Enum.MEMBER`, and the top-level packages they come from (a name imported from elsewhere is not one of them).
 */
export const PYTHON_MODEL_CONSTANTS: { readonly packages: ReadonlySet<string>; readonly ids: ReadonlyMap<string, string> } = {
  packages: new Set(data.sources.flatMap((s) => (s.language === 'python' && 'package' in s && typeof s.package === 'string' ? [s.package] : []))),
  ids: new Map(Object.entries(data.constants.python)),
};
