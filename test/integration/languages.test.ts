/**
 * Go, Java, C#, Ruby and PHP in the editor (issue 21): for each language a small file in the demo workspace gets a
 * Tokentier lens on the request's line with the model written in it, a hover with the model and the token table, and a
 * site in the workspace model (which the tree and the status bar read). The expected lines and models are the files'
 * own (written below, by hand); the grammar of each language is loaded when its file is first analysed.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokentierApi } from '../../src/vscode/extension';
import { activateExtension, codeLenses, demoUri, waitFor } from './helpers';

interface Case {
  readonly language: string;
  readonly file: string;
  readonly source: string;
  /** 0-based line of the request's method name, the method name, and the model written in the call. */
  readonly line: number;
  readonly method: string;
  readonly model: string;
}

const CASES: readonly Case[] = [
  {
    language: 'go',
    file: 'tokentier_it_lang/main.go',
    source: ['package main', '', 'import (', '\t"context"', '', '\t"github.com/openai/openai-go/v3"', ')', '', 'func main() {', '\tclient := openai.NewClient()', '\tclient.Chat.Completions.New(context.Background(), openai.ChatCompletionNewParams{', '\t\tModel: "gpt-4o-mini",', '\t\tMessages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Say this is a test")},', '\t})', '}', ''].join('\n'),
    line: 10,
    method: 'New',
    model: 'gpt-4o-mini',
  },
  {
    language: 'java',
    file: 'tokentier_it_lang/Main.java',
    source: ['import com.anthropic.client.AnthropicClient;', 'import com.anthropic.client.okhttp.AnthropicOkHttpClient;', 'import com.anthropic.models.messages.MessageCreateParams;', '', 'class Main {', '  public static void main(String[] args) {', '    AnthropicClient client = AnthropicOkHttpClient.fromEnv();', '    client.messages().create(MessageCreateParams.builder().maxTokens(1024L).addUserMessage("Hello, Claude").model("claude-haiku-4-5").build());', '  }', '}', ''].join('\n'),
    line: 7,
    method: 'create',
    model: 'claude-haiku-4-5',
  },
  {
    language: 'csharp',
    file: 'tokentier_it_lang/Program.cs',
    source: ['using OpenAI.Chat;', '', 'ChatClient client = new(model: "gpt-4o-mini", apiKey: System.Environment.GetEnvironmentVariable("OPENAI_API_KEY"));', 'ChatCompletion completion = client.CompleteChat("Say \'this is a test.\'");', ''].join('\n'),
    line: 3,
    method: 'CompleteChat',
    model: 'gpt-4o-mini',
  },
  {
    language: 'ruby',
    file: 'tokentier_it_lang/chat.rb',
    source: ['require "openai"', '', 'client = OpenAI::Client.new', 'client.chat.completions.create(', '  model: "gpt-4o-mini",', '  messages: [{role: "user", content: "Say this is a test"}]', ')', ''].join('\n'),
    line: 3,
    method: 'create',
    model: 'gpt-4o-mini',
  },
  {
    language: 'php',
    file: 'tokentier_it_lang/chat.php',
    source: ['<?php', '', '$client = OpenAI::client(getenv("OPENAI_API_KEY"));', '$result = $client->chat()->create([', "    'model' => 'gpt-4o-mini',", "    'messages' => [['role' => 'user', 'content' => 'Hello!']],", ']);', ''].join('\n'),
    line: 3,
    method: 'create',
    model: 'gpt-4o-mini',
  },
];

describe('Go, Java, C#, Ruby and PHP in the editor', function () {
  this.timeout(90_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(demoUri('tokentier_it_lang'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  for (const c of CASES) {
    it(`${c.language}: a lens with the model and cost, a hover, and the site in the workspace model`, async () => {
      const a = (await activateExtension()).exports as TokentierApi;
      const uri = demoUri(c.file);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(c.source));
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, c.language);
      const lenses = await waitFor(() => codeLenses(uri), (l) => l.some((x) => x.command?.command.startsWith('tokentier.') && x.range.start.line === c.line), `a Tokentier lens on line ${c.line + 1}`);
      const lens = lenses.find((x) => x.command?.command.startsWith('tokentier.') && x.range.start.line === c.line);
      // The lens starts with the model and carries a cost.
      const title = lens?.command?.title ?? '';
      assert.ok(title.startsWith(c.model) && title.includes('$'), title);

      const col = doc.lineAt(c.line).text.indexOf(c.method) + 1;
      const hovers = await waitFor(
        () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(c.line, col)),
        (h) => h.some((x) => x.contents.some((m) => (m as vscode.MarkdownString).value?.includes('**Tokentier**'))),
        'a Tokentier hover',
      );
      const md = hovers.flatMap((h) => h.contents).map((m) => (m as vscode.MarkdownString).value).find((v) => v?.includes('**Tokentier**')) ?? '';
      assert.ok(md.includes(c.model.replace(/-/g, '\\-')), 'the hover names the model');
      assert.match(md, /\| input \| [\d,]+ \| [\d,]+ \| [\d,]+ \|/);

      await waitFor(() => a.model.estimates().some((e) => e.site.file === c.file && e.site.model.id === c.model), (v) => v, 'the site in the workspace model');
    });
  }
});
