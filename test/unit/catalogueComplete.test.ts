/**
 * The catalogue is complete by construction (issue 25): every public method of every SDK in
 * src/core/detect/catalog/surfaces.ts, derived from the installed SDK's type definitions with the TypeScript compiler
 * API (scripts/sdkSurface.ts), has a catalogue entry (sdks.ts) or an entry saying why it is not a model call.
 *
 * The oracle is the SDKs' own `.d.ts` files (pinned dev dependencies), not the catalogue: upgrading an SDK that adds a
 * generation method fails this test until the method is classified. `npx tsx scripts/sdkSurface.ts` lists what is
 * missing with each method's documentation line.
 */
import assert from 'node:assert/strict';
import { classifySurface, deriveSurfaces, patternMatches, type Classified } from '../../scripts/sdkSurface';
import { SDK_SURFACES, SURFACE_COMMON } from '../../src/core/detect/catalog/surfaces';
import { memberOf, snakeCase, TYPE_BY_ID } from '../../src/core/detect/analyzer/catalogIndex';

describe('the SDK catalogue is complete by construction (SDK type definitions)', function () {
  // Building one TypeScript program over 24 packages' declarations takes seconds; no timing is asserted.
  this.timeout(180_000);
  let classified: Classified[] = [];
  before(() => {
    classified = classifySurface(deriveSurfaces());
  });

  it('derives a surface from every SDK (the walk reaches the resources, not only the client class)', () => {
    for (const s of SDK_SURFACES) {
      const n = classified.filter((c) => c.pkg === s.pkg).length;
      assert.ok(n > 0, `${s.pkg}: no method derived`);
    }
    // Spot checks against the SDKs' documented call shapes (their READMEs), so an empty or shallow walk cannot pass.
    const paths = new Set(classified.map((c) => `${c.pkg} ${c.path}`));
    for (const p of ['openai chat.completions.create', 'openai beta.threads.runs.createAndPoll', '@anthropic-ai/sdk messages.create', '@anthropic-ai/sdk beta.messages.toolRunner',
      '@google/genai models.generateContent', '@google/genai interactions.create', '@mistralai/mistralai chat.complete', '@mistralai/mistralai ocr.process',
      'cohere-ai rerank', 'ollama chat', '@aws-sdk/client-bedrock-runtime converse', '@aws-sdk/client-bedrock-runtime ConverseCommand', 'ai generateText', 'ai streamText', '@ai-sdk/openai openai']) {
      assert.ok(paths.has(p), `${p} not derived`);
    }
  });

  it('every derived method has a catalogue entry or a reason it is not a model call', () => {
    const missing = classified.filter((c) => c.status === 'missing').map((c) => `${c.pkg} ${c.root} ${c.path}${c.doc ? ` — ${c.doc}` : ''}`);
    assert.deepEqual(missing, [], `classify these in src/core/detect/catalog/sdks.ts (a site) or surfaces.ts (not a model call):\n${missing.join('\n')}`);
  });

  it('the generation methods the SDKs document are sites, not "not a model call"', () => {
    const site = (pkg: string, path: string): boolean => classified.some((c) => c.pkg === pkg && c.path === path && c.status === 'catalogue');
    for (const [pkg, path] of [
      ['openai', 'responses.create'], ['openai', 'embeddings.create'], ['openai', 'images.generate'], ['openai', 'audio.speech.create'], ['openai', 'videos.create'],
      ['@anthropic-ai/sdk', 'messages.stream'], ['@google/genai', 'models.generateContentStream'], ['@google/genai', 'models.embedContent'],
      ['@mistralai/mistralai', 'embeddings.create'], ['@mistralai/mistralai', 'beta.conversations.start'], ['cohere-ai', 'embed'], ['groq-sdk', 'chat.completions.create'],
      ['together-ai', 'rerank.create'], ['@aws-sdk/client-bedrock-runtime', 'invokeModel'], ['ai', 'embedMany'], ['ai', 'rerank'], ['ai', 'transcribe'],
    ]) assert.ok(site(pkg ?? '', path ?? ''), `${pkg} ${path} should be a catalogue entry`);
  });

  it('no "not a model call" pattern is stale (each still matches a derived method)', () => {
    const stale: string[] = [];
    for (const s of SDK_SURFACES) {
      for (const pattern of Object.keys(s.notModelCalls ?? {})) {
        const [root, p] = pattern.includes(':') ? pattern.split(':') : [undefined, pattern];
        if (!classified.some((c) => c.pkg === s.pkg && (root === undefined || c.root === root) && patternMatches(p ?? '', c.path))) stale.push(`${s.pkg} ${pattern}`);
      }
    }
    for (const pattern of Object.keys(SURFACE_COMMON)) if (!classified.some((c) => patternMatches(pattern, c.path))) stale.push(`common ${pattern}`);
    assert.deepEqual(stale, []);
  });
});

describe('Python SDK method names are the JS names in snake_case', () => {
  it('snakeCase follows the Python SDKs (openai-python, anthropic-sdk-python, google-genai, mistralai)', () => {
    // Pairs read from the Python SDKs' sources (resources/*.py, models.py): the oracle for the conversion.
    for (const [js, py] of [
      ['createAndPoll', 'create_and_poll'], ['submitToolOutputsAndPoll', 'submit_tool_outputs_and_poll'], ['createAndRunPoll', 'create_and_run_poll'],
      ['generateContentStream', 'generate_content_stream'], ['embedContent', 'embed_content'], ['sendMessageStream', 'send_message_stream'],
      ['toolRunner', 'tool_runner'], ['createVariation', 'create_variation'], ['adminAPIKeys', 'admin_api_keys'], ['sendRealtimeInput', 'send_realtime_input'],
      ['converseStream', 'converse_stream'], ['invokeModelWithResponseStream', 'invoke_model_with_response_stream'], ['create', 'create'],
    ]) assert.equal(snakeCase(js ?? ''), py);
  });

  it('a catalogue key written in JS spelling answers its Python spelling, and mistralai\'s _async twins', () => {
    const t = (id: string) => TYPE_BY_ID.get(id)!;
    assert.equal(memberOf(t('openai'), 'threads.runs.create_and_poll')?.kind, 'site');
    assert.equal(memberOf(t('genai-client'), 'models.generate_content_stream')?.kind, 'site');
    assert.equal(memberOf(t('anthropic'), 'messages.tool_runner')?.kind, 'site');
    assert.equal(memberOf(t('mistral'), 'chat.complete_async')?.kind, 'site');
    assert.equal(memberOf(t('mistral'), 'conversations.run_stream_async')?.kind, 'site');
    assert.equal(memberOf(t('mistral'), 'ocr.process_async')?.kind, 'site');
    // Not invented: a name that is neither spelling stays unknown.
    assert.equal(memberOf(t('openai'), 'threads.runs.createandpoll'), undefined);
    assert.equal(memberOf(t('openai'), 'chat.completions.create_async'), undefined);
  });
});
