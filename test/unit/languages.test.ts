/**
 * The Go/Java/C#/Ruby/PHP front end (issue 21) beyond the fixtures: each grammar is loaded only when a file of its
 * language is analysed, a file using any catalogue SDK passes the scanner's text pre-filter (else the CLI and the
 * editor would never parse it), and broken input yields diagnostics, never an exception.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CATALOGUES } from '../../src/core/detect/languages/catalog';
import { PREFILTER, detect } from '../../src/core/detect/detector';
import { loadWasm } from './detect/loadWasm';

const ROOT = join(__dirname, '..', '..');

describe('languages (Go, Java, C#, Ruby, PHP)', () => {
  it('loads a grammar only for a file of its language', function () {
    this.timeout(30_000);
    // In a fresh process: grammars are cached per process, and other tests load them.
    const script = `
      const { detect } = require(${JSON.stringify(join(ROOT, 'src/core/detect/detector.ts'))});
      const { loadWasm } = require(${JSON.stringify(join(ROOT, 'test/unit/detect/loadWasm.ts'))});
      const asked = [];
      const recording = (name) => { asked.push(name); return loadWasm(name); };
      (async () => {
        await detect({ path: 'plain.rb', text: 'puts "hello"\\n' }, { loadWasm: recording });
        const before = asked.filter((n) => n !== 'web-tree-sitter.wasm');
        const r = await detect({ path: 'a.rb', text: 'require "openai"\\nc = OpenAI::Client.new\\nc.chat.completions.create(model: "gpt-4o", messages: [])\\n' }, { loadWasm: recording });
        console.log(JSON.stringify({ before, after: asked.filter((n) => n !== 'web-tree-sitter.wasm'), sites: r.sites.length }));
      })();`;
    const out = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    // A Ruby file without an SDK word is not parsed (no grammar); a Ruby file with a call loads Ruby's only.
    assert.deepEqual(JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}'), { before: [], after: ['tree-sitter-ruby.wasm'], sites: 1 });
  });

  it('lets every catalogue SDK through the scanner pre-filter (a module it is imported by, or a class it makes)', () => {
    for (const cat of Object.values(CATALOGUES)) {
      for (const sdk of cat.sdks) {
        const names = [...sdk.modules, ...sdk.types.flatMap((t) => [...(t.names ?? []), ...(t.make ?? []).flatMap((m) => [m.fn, m.newOf, m.builder].filter((x): x is string => !!x))])];
        assert.ok(names.some((n) => PREFILTER.test(n)), `${cat.language} ${sdk.id}: none of ${names.slice(0, 4).join(', ')} matches PREFILTER`);
      }
    }
  });

  it('never throws on broken code, binary text or a huge line', async () => {
    const cases: [string, string][] = [
      ['b.go', 'package main\nimport "github.com/openai/openai-go"\nfunc main() { client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{ Model: '],
      ['b.java', 'import com.openai.client.OpenAIClient;\nclass A { void f() { client.chat().completions().create( } }'],
      ['b.cs', 'using OpenAI.Chat;\nChatClient c = new(model: "gpt-4o"; c.CompleteChat('],
      ['b.rb', 'require "anthropic"\nAnthropic::Client.new.messages.create(model: "claude-haiku-4-5",\0'],
      ['b.php', `<?php\n$c = OpenAI::client('k'); $c->chat()->create(['model' => '${'x'.repeat(6000)}'`],
    ];
    for (const [path, text] of cases) {
      const r = await detect({ path, text }, { loadWasm });
      assert.ok(Array.isArray(r.sites), path);
    }
  });
});
