#!/usr/bin/env node
/**
 * Writes src/core/detect/languages/catalog/modelConstants.json: the SDK enum constants that stand for model ids in
 * Go, Java, C#, Ruby, PHP and Python (CAMEL's `ModelType`) code (`openai.ChatModelGPT4o` → "gpt-4o", `Model.CLAUDE_SONNET_5` → "claude-sonnet-5"),
 * read from each SDK's own source at a pinned commit. A developer command (it reads local mirrors made with the
 * `fetch` tool, or `git clone --bare` into <root>/<owner>+<name>/repo); the JSON it writes is committed, with the
 * repository, commit and file of every table, so the data says where each id comes from.
 *
 *   node scripts/genLanguageModelConstants.mjs [--mirrors /work/.mirror]
 *
 * The key of an entry is the constant's last two names as code writes them (`ChatModel.GPT_4O`,
 * `openai.ChatModelGPT4o` with the Go package's own name); the analyser looks constants up the same way.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const mirrors = args[args.indexOf('--mirrors') + 1] && args.includes('--mirrors') ? args[args.indexOf('--mirrors') + 1] : process.env.TOKENTIER_EVAL_MIRRORS ?? '/work/.mirror';
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src/core/detect/languages/catalog/modelConstants.json');

const GO_CONST = /^\s*([A-Z][A-Za-z0-9_]*)\s+(?:[A-Z][A-Za-z0-9_.]*\s+)?=\s+"([^"]+)"/gm;
const KOTLIN = /@JvmField\s+val\s+([A-Z][A-Z0-9_]*)\s*=\s*of\("([^"]+)"\)/g;
const CSHARP_SWITCH = /Model\.([A-Z][A-Za-z0-9_]*)\s*=>\s*"([^"]+)"/g;
const RUBY = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*:"?([^"\s]+?)"?\s*$/gm;
const PHP_CASE = /case\s+([A-Za-z][A-Za-z0-9_]*)\s*=\s*'([^']+)'\s*;/g;
const JAVA_ENUM = /^\s*([A-Z][A-Z0-9_]*)\s*\(\s*"([^"]+)"/gm;
const JAVA_CONST = /static\s+final\s+String\s+([A-Z][A-Z0-9_]*)\s*=\s*"([^"]+)"/g;
// A Python enum member, also one whose value is an environment default (`DEFAULT = os.getenv("X", "gpt-4.1-mini")`).
const PY_ENUM = /^[ \t]+([A-Z][A-Z0-9_]*)[ \t]*=[ \t]*(?:os\.getenv\(\s*"[^"]*",\s*)?"([^"]+)"/gm;

/** Every table: the language, the repository and commit, the file, how to read it, and the name code qualifies it with. */
const TABLES = [
  // openai-go: root package `openai` re-exports shared.ChatModel* (aliases.go), so both names are written in code.
  ...['shared/shared.go'].flatMap((file) => ['shared', 'openai'].map((qualifier) => ({ language: 'go', repo: 'openai/openai-go', commit: '4e5a07a6a205761650d73593fe75cd79ea7a25ec', file, re: GO_CONST, qualifier, only: /^ChatModel/ }))),
  ...['audio.go', 'audiospeech.go', 'embedding.go', 'image.go', 'video.go'].map((file) => ({ language: 'go', repo: 'openai/openai-go', commit: '4e5a07a6a205761650d73593fe75cd79ea7a25ec', file, re: GO_CONST, qualifier: 'openai', only: /^(AudioModel|SpeechModel|EmbeddingModel|ImageModel|VideoModel)[A-Z0-9]/ })),
  { language: 'go', repo: 'anthropics/anthropic-sdk-go', commit: 'b43f0d7a327fe3e30c302d773162669ab3bb4d26', file: 'message.go', re: GO_CONST, qualifier: 'anthropic', only: /^Model[A-Z]/ },
  { language: 'go', repo: 'tmc/langchaingo', commit: '8fea3de63675b901cf7a2cdc435c204cb7a93643', file: 'llms/bedrock/models_list.go', re: GO_CONST, qualifier: 'bedrock', only: /^Model[A-Z]/ },
  { language: 'go', repo: 'tmc/langchaingo', commit: '8fea3de63675b901cf7a2cdc435c204cb7a93643', file: 'llms/ernie/erniellm_option.go', re: GO_CONST, qualifier: 'ernie', only: /^ModelName/ },
  ...[['ChatModel', 'openai-java-core/src/main/kotlin/com/openai/models/ChatModel.kt'], ['AudioModel', 'openai-java-core/src/main/kotlin/com/openai/models/audio/AudioModel.kt'], ['SpeechModel', 'openai-java-core/src/main/kotlin/com/openai/models/audio/speech/SpeechModel.kt'], ['EmbeddingModel', 'openai-java-core/src/main/kotlin/com/openai/models/embeddings/EmbeddingModel.kt'], ['ImageModel', 'openai-java-core/src/main/kotlin/com/openai/models/images/ImageModel.kt'], ['VideoModel', 'openai-java-core/src/main/kotlin/com/openai/models/videos/VideoModel.kt']].map(([qualifier, file]) => ({ language: 'java', repo: 'openai/openai-java', commit: '5f499c32eb4357e2552d9f97697d63eddbc6069b', file, re: KOTLIN, qualifier })),
  { language: 'java', repo: 'anthropics/anthropic-sdk-java', commit: '8f5861c883532ff4cc65bc31f097c240b2980e05', file: 'anthropic-java-core/src/main/kotlin/com/anthropic/models/messages/Model.kt', re: KOTLIN, qualifier: 'Model' },
  ...['langchain4j-open-ai/src/main/java/dev/langchain4j/model/openai/OpenAiChatModelName.java', 'langchain4j-open-ai/src/main/java/dev/langchain4j/model/openai/OpenAiEmbeddingModelName.java', 'langchain4j-open-ai/src/main/java/dev/langchain4j/model/openai/OpenAiImageModelName.java', 'langchain4j-open-ai/src/main/java/dev/langchain4j/model/openai/OpenAiAudioTranscriptionModelName.java', 'langchain4j-open-ai/src/main/java/dev/langchain4j/model/openai/OpenAiLanguageModelName.java', 'langchain4j-open-ai/src/main/java/dev/langchain4j/model/openai/OpenAiTextToSpeechModelName.java', 'langchain4j-anthropic/src/main/java/dev/langchain4j/model/anthropic/AnthropicChatModelName.java', 'langchain4j-mistral-ai/src/main/java/dev/langchain4j/model/mistralai/MistralAiChatModelName.java', 'langchain4j-mistral-ai/src/main/java/dev/langchain4j/model/mistralai/MistralAiEmbeddingModelName.java', 'langchain4j-azure-open-ai/src/main/java/dev/langchain4j/model/azure/AzureOpenAiChatModelName.java', 'langchain4j-azure-open-ai/src/main/java/dev/langchain4j/model/azure/AzureOpenAiEmbeddingModelName.java', 'langchain4j-azure-open-ai/src/main/java/dev/langchain4j/model/azure/AzureOpenAiImageModelName.java', 'langchain4j-vertex-ai/src/main/java/dev/langchain4j/model/vertexai/VertexAiEmbeddingModelName.java'].map((file) => ({ language: 'java', repo: 'langchain4j/langchain4j', commit: 'b8b809ed57e4b65ec9b87a27c25564bdd4a80e4b', file, re: JAVA_ENUM, qualifier: path.basename(file, '.java') })),
  { language: 'java', repo: 'langchain4j/langchain4j', commit: 'b8b809ed57e4b65ec9b87a27c25564bdd4a80e4b', file: 'langchain4j-hugging-face/src/main/java/dev/langchain4j/model/huggingface/HuggingFaceModelName.java', re: JAVA_CONST, qualifier: 'HuggingFaceModelName' },
  { language: 'csharp', repo: 'anthropics/anthropic-sdk-csharp', commit: '0be2cd1eb2058453353aaf4ac36e315c4c42e306', file: 'src/Anthropic/Models/Messages/Model.cs', re: CSHARP_SWITCH, qualifier: 'Model' },
  ...[['ChatModel', 'lib/openai/models/chat_model.rb'], ['EmbeddingModel', 'lib/openai/models/embedding_model.rb'], ['ImageModel', 'lib/openai/models/image_model.rb'], ['AudioModel', 'lib/openai/models/audio_model.rb'], ['SpeechModel', 'lib/openai/models/audio/speech_model.rb'], ['VideoModel', 'lib/openai/models/video_model.rb']].map(([qualifier, file]) => ({ language: 'ruby', repo: 'openai/openai-ruby', commit: 'edfb30b2973d68b4a19ce3f86f1de7313f730702', file, re: RUBY, qualifier })),
  { language: 'ruby', repo: 'anthropics/anthropic-sdk-ruby', commit: '1e1bd2f44298fd69acf8a1b1673add689fef71da', file: 'lib/anthropic/models/model.rb', re: RUBY, qualifier: 'Model' },
  { language: 'php', repo: 'anthropics/anthropic-sdk-php', commit: '475a13451a04e91fd6de235c7b9609cb7c082d92', file: 'src/Messages/Model.php', re: PHP_CASE, qualifier: 'Model' },
  // CAMEL: `ModelFactory.create(model_type=ModelType.GPT_4O_MINI)`, `OpenAIEmbedding(model_type=EmbeddingModelType.…)`.
  ...['ModelType', 'EmbeddingModelType'].map((qualifier) => ({ language: 'python', repo: 'camel-ai/camel', commit: '13dc7a7dda66d943949e5448d55e70d5a9481cfe', file: 'camel/types/enums.py', re: PY_ENUM, qualifier, section: new RegExp(`^class ${qualifier}\\b[\\s\\S]*?(?=^class |(?![\\s\\S]))`, 'm'), pythonPackage: 'camel' })),
  ...['OpenAIChatModel', 'MistralAIChatModel'].map((qualifier) => ({ language: 'php', repo: 'theodo-group/LLPhant', commit: '963cd0ade545848746236eda1022e3041e058571', file: `src/Chat/Enums/${qualifier}.php`, re: PHP_CASE, qualifier })),
];

function read(repo, commit, file) {
  const dir = path.join(mirrors, repo.replace('/', '+'), 'repo');
  return execFileSync('git', ['-C', dir, 'show', `${commit}:${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const result = {
  description: 'SDK enum constants that stand for model ids, per language, keyed by the last two names as code writes them. Generated by scripts/genLanguageModelConstants.mjs from each SDK\'s source at the commit shown; do not edit by hand.',
  generated: new Date().toISOString().slice(0, 10),
  sources: [],
  constants: { go: {}, java: {}, csharp: {}, ruby: {}, php: {}, python: {} },
};
for (const t of TABLES) {
  const whole = read(t.repo, t.commit, t.file);
  // One class of a file that holds several (Python enums): its body up to the next class.
  const text = t.section ? t.section.exec(whole)?.[0] ?? '' : whole;
  let n = 0;
  for (const m of text.matchAll(t.re)) {
    const [, name, id] = m;
    if (t.only && !t.only.test(name)) continue;
    const key = `${t.qualifier}.${name}`;
    if (result.constants[t.language][key] === undefined) {
      result.constants[t.language][key] = id;
      n++;
    }
  }
  if (!n) throw new Error(`no constant read from ${t.repo} ${t.file}: has the file's format changed?`);
  result.sources.push({ language: t.language, repo: t.repo, commit: t.commit, file: t.file, qualifier: t.qualifier, ...(t.pythonPackage ? { package: t.pythonPackage } : {}), constants: n });
}
fs.writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`);
console.log(`wrote ${path.relative(process.cwd(), out)}: ${result.sources.reduce((a, s) => a + s.constants, 0)} constants from ${result.sources.length} tables`);
