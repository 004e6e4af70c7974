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
