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

  it('finds curl in a notebook: a %%bash cell with the model from an earlier Python cell, and a cell in the shellscript language', async () => {
    const a = (await activateExtension()).exports as TokentierApi;
    const url = 'https://generativelanguage.googleapis.com/v1beta/models/${MODEL_ID}:generateContent?key=$GEMINI_API_KEY';
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'MODEL_ID = "gemini-2.5-flash"', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, `%%bash\n\ncurl "${url}" \\\n  -H 'Content-Type: application/json' \\\n  -d '{"contents": [{"parts": [{"text": "hi"}]}]}'`, 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'curl https://api.openai.com/v1/chat/completions -d \'{"model": "gpt-4o-mini", "messages": []}\'', 'shellscript'),
    ]);
    const nb = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(nb);
    const [, bash, sh] = nb.getCells();
    const inCell = async (cell: vscode.NotebookCell) => a.cache.estimatesFor(cell.document, await a.cache.get(cell.document));
    const bashSites = await waitFor(() => inCell(bash!), (e) => e.length === 1, 'the curl site in the %%bash cell');
    assert.deepEqual([bashSites[0]!.site.line, bashSites[0]!.site.model.id, bashSites[0]!.site.model.resolution.kind, bashSites[0]!.site.provider], [3, 'gemini-2.5-flash', 'earlier-cell', 'google']);
    const shSites = await waitFor(() => inCell(sh!), (e) => e.length === 1, 'the curl site in the shellscript cell');
    assert.deepEqual([shSites[0]!.site.line, shSites[0]!.site.model.id, shSites[0]!.site.provider], [1, 'gpt-4o-mini', 'openai']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

