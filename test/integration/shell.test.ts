import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokentierApi } from '../../src/vscode/extension';
import { activateExtension, codeLenses, demoUri, waitFor } from './helpers';

const FILE = 'scripts/tokentier_it_smoke.sh';
const SOURCE = [
  '#!/usr/bin/env bash',
  'MODEL="${OPENAI_MODEL:-gpt-4o-mini}"',
  'curl https://api.openai.com/v1/chat/completions \\',
  '  -H "Authorization: Bearer $OPENAI_API_KEY" -H "Content-Type: application/json" \\',
  '  -d \'{"model": "\'"$MODEL"\'", "messages": [{"role": "user", "content": "ping"}]}\'',
  '',
].join('\n');

describe('shell scripts in the editor', function () {
  this.timeout(60_000);

  it('shows a lens above a curl request in a .sh file and lists it in the workspace model', async () => {
    const a = (await activateExtension()).exports as TokentierApi;
    const uri = demoUri(FILE);
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(SOURCE));
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'shellscript');
      const lenses = await waitFor(() => codeLenses(uri), (l) => l.some((x) => x.command?.command.startsWith('tokentier.')), 'a Tokentier lens on the shell script');
      const ours = lenses.filter((x) => x.command?.command.startsWith('tokentier.'));
      // The curl command is on line 3 (0-based row 2); its model comes from the env default.
      assert.ok(ours.some((l) => l.range.start.line === 2 && (l.command?.title ?? '').startsWith('gpt-4o-mini')), ours.map((l) => `${l.range.start.line}: ${l.command?.title}`).join('\n'));
      await waitFor(() => a.model.estimates().some((e) => e.site.file === FILE && e.site.method === 'curl'), (v) => v, 'the shell site in the workspace model');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
    }
  });
});
